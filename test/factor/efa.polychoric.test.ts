import { describe, it, expect } from 'vitest';
import { efa, listwise, numericColumns } from '../../src/index.js';
import { loadJson } from '../helpers/fixtures.js';
import { expectAllClose } from '../helpers/close.js';
import { esseItems, peerRows } from './helpers.js';

// peer-workers.polychoric.json (shared reference): psych::polychoric on listwise-complete ESSE
// items, then fa(rho, n.obs, fm = "pa") with 1 factor (unrotated) and 2 factors (oblimin).
const ref = loadJson('peer-workers.polychoric.json');
const complete = listwise(numericColumns(peerRows, esseItems));
const table = Object.fromEntries(esseItems.map((name, j) => [name, Array.from(complete.columns[j]!)]));

describe("efa({ correlation: 'polychoric' }) matches psych::fa on psych::polychoric", () => {
  it('one factor, pa, unrotated: eigenvalues (1e-6) and loadings (1e-4)', () => {
    const fit = efa(table, { columns: esseItems, correlation: 'polychoric', factors: 1, extraction: 'pa', rotation: 'none' });
    expect(fit.n).toBe(ref.n);
    expectAllClose(fit.eigenvalues, ref.pa1.eigenvalues, 1e-6, 'eigenvalues');
    expectAllClose(fit.loadings.map((row) => row[0]!), ref.pa1.loadings.map((row: number | number[]) => (Array.isArray(row) ? row[0] : row)), 1e-4, 'loadings');
  });
  it('two factors, pa + oblimin: loadings and phi (1e-4)', () => {
    const fit = efa(table, { columns: esseItems, correlation: 'polychoric', factors: 2, extraction: 'pa', rotation: 'oblimin' });
    ref.pa2_oblimin.loadings.forEach((row: number[], i: number) => expectAllClose(fit.loadings[i]!, row, 1e-4, `loadings[${i}]`));
    ref.pa2_oblimin.phi.forEach((row: number[], i: number) => expectAllClose(fit.phi[i]!, row, 1e-4, `phi[${i}]`));
  });
  it('refuses `correlation` when the input is already a matrix', () => {
    expect(() => efa({ correlation: ref.rho, n: ref.n }, { correlation: 'polychoric' })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});

describe('parallel analysis with polychoric correlations', () => {
  it('is refused rather than comparing polychoric eigenvalues with Pearson simulations', async () => {
    const { parallelAnalysis } = await import('../../src/index.js');
    expect(() => parallelAnalysis(table, { columns: esseItems, correlation: 'polychoric', seed: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => efa(table, { columns: esseItems, correlation: 'polychoric', factors: 'parallel', seed: 1 } as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});
