// Invariants of the ML CFA: fit does not depend on indicator order, on the choice of marker or
// on stdLv vs marker scaling; known loadings are recovered; χ² of a true model averages df.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cfa, sem } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { loadCsv } from '../helpers/fixtures.js';

const hs = loadCsv('holzinger-swineford-1939.csv');
const FACTORS: readonly [string, readonly string[]][] = [
  ['visual', ['x1', 'x2', 'x3']],
  ['textual', ['x4', 'x5', 'x6']],
  ['speed', ['x7', 'x8', 'x9']],
];
const syntax = (factors: readonly (readonly [string, readonly string[]])[]) => factors.map(([f, items]) => `${f} =~ ${items.join(' + ')}`).join('\n');
const reference = cfa(hs, { model: syntax(FACTORS) });

const permutation = (k: number) => fc.shuffledSubarray([...Array(k).keys()], { minLength: k, maxLength: k });

describe('cfa invariances (Holzinger–Swineford)', () => {
  it('χ², CFI and the standardized loadings do not depend on indicator or factor order, nor on the marker', () => {
    fc.assert(
      fc.property(fc.tuple(permutation(3), permutation(3), permutation(3), permutation(3)), ([order, a, b, c]) => {
        const within = [a, b, c];
        const factors = order.map((f) => [FACTORS[f]![0], within[f]!.map((i) => FACTORS[f]![1][i]!)] as const);
        const fit = cfa(hs, { model: syntax(factors) });
        expect(Math.abs(fit.fit.chiSquare - reference.fit.chiSquare)).toBeLessThan(1e-7);
        expect(Math.abs(fit.fit.cfi - reference.fit.cfi)).toBeLessThan(1e-9);
        for (const row of reference.parameters.filter((r) => r.op === '=~')) {
          const mine = fit.parameters.find((r) => r.op === '=~' && r.lhs === row.lhs && r.rhs === row.rhs)!;
          expect(Math.abs(mine.stdAll! - row.stdAll!)).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 12 },
    );
  });

  it('stdLv and marker scaling give the same fit, and loadings that differ by the latent SD', () => {
    const std = cfa(hs, { model: syntax(FACTORS), stdLv: true });
    expect(Math.abs(std.fit.chiSquare - reference.fit.chiSquare)).toBeLessThan(1e-7);
    expect(std.fit.df).toBe(reference.fit.df);
    for (const row of reference.parameters.filter((r) => r.op === '=~')) {
      const mine = std.parameters.find((r) => r.op === '=~' && r.lhs === row.lhs && r.rhs === row.rhs)!;
      expect(Math.abs(mine.estimate - row.stdLv!)).toBeLessThan(1e-6);
    }
  });

  it('rescaling an observed variable rescales its loading and leaves the fit alone', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 20, noNaN: true }), (scale) => {
        const rows = hs.map((r) => ({ ...r, x2: String(Number(r['x2']) * scale) }));
        const fit = cfa(rows, { model: syntax(FACTORS) });
        expect(Math.abs(fit.fit.chiSquare - reference.fit.chiSquare)).toBeLessThan(1e-6);
        const loading = (f: typeof fit) => f.parameters.find((r) => r.op === '=~' && r.rhs === 'x2')!.estimate;
        expect(Math.abs(loading(fit) / loading(reference) - scale)).toBeLessThan(1e-6 * scale);
      }),
      { numRuns: 8 },
    );
  });

  it('FIML on complete data is ML with a mean structure; MLR changes SEs and χ² scaling, not estimates', () => {
    const withMeans = cfa(hs, { model: syntax(FACTORS), meanStructure: true });
    const fiml = cfa(hs, { model: syntax(FACTORS), missing: 'fiml' });
    expect(Math.abs(fiml.fit.chiSquare - withMeans.fit.chiSquare)).toBeLessThan(1e-6);
    expect(Math.abs(fiml.fit.logLikelihood! - withMeans.fit.logLikelihood!)).toBeLessThan(1e-6);
    const mlr = cfa(hs, { model: syntax(FACTORS), estimator: 'MLR' });
    expect(mlr.fit.chiSquare).toBe(reference.fit.chiSquare);
    mlr.parameters.forEach((r, i) => expect(r.estimate).toBe(reference.parameters[i]!.estimate));
  });

  it('FIML uses the rows that listwise deletion drops, and agrees with it when nothing is missing in the model variables', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 300 }), fc.integer({ min: 1, max: 9 })), { minLength: 1, maxLength: 40 }), (holes) => {
        const rows = hs.map((r) => ({ ...r }));
        for (const [i, j] of holes) (rows[i] as Record<string, string>)[`x${j}`] = '';
        const fiml = cfa(rows, { model: syntax(FACTORS), missing: 'fiml' });
        const listwise = cfa(rows, { model: syntax(FACTORS), meanStructure: true });
        expect(fiml.n).toBe(301);
        expect(listwise.n + listwise.nDropped).toBe(301);
        expect(fiml.n).toBeGreaterThanOrEqual(listwise.n);
        expect(fiml.fit.df).toBe(listwise.fit.df);
        expect(fiml.converged).toBe(true);
      }),
      { numRuns: 6 },
    );
  });

  it('a structural model with as many paths as covariances fits like the CFA', () => {
    const s = sem(hs, { model: `${syntax(FACTORS)}\ntextual ~ visual\nspeed ~ visual + textual` });
    expect(Math.abs(s.fit.chiSquare - reference.fit.chiSquare)).toBeLessThan(1e-7);
  });
});

describe('cfa on simulated data with known truth', () => {
  const loadings = [[0.8, 0], [0.7, 0], [0.6, 0], [0.5, 0], [0, 0.75], [0, 0.65], [0, 0.55], [0, 0.45]];
  const phi = [[1, 0.4], [0.4, 1]];
  const model = 'f1 =~ item1 + item2 + item3 + item4\nf2 =~ item5 + item6 + item7 + item8';

  it('recovers the standardized loadings and the factor correlation (n = 20,000)', () => {
    const sim = simulate.factorModel({ loadings, phi, n: 20_000, seed: 7 });
    const fit = cfa(sim.data, { model, stdLv: true });
    loadings.forEach((row, i) => {
      const f = row[0] !== 0 ? 'f1' : 'f2';
      const mine = fit.parameters.find((r) => r.op === '=~' && r.lhs === f && r.rhs === `item${i + 1}`)!;
      // SE of a standardized loading at n = 20,000 is about 0.006; 4 SE.
      expect(Math.abs(mine.stdAll! - Math.max(...row))).toBeLessThan(0.025);
    });
    const r = fit.parameters.find((p) => p.op === '~~' && p.lhs === 'f1' && p.rhs === 'f2')!;
    expect(Math.abs(r.stdAll! - 0.4)).toBeLessThan(0.03);
  });

  it('χ² of the true model averages its df over seeds, and its SEs match the spread of the estimates', () => {
    const runs = 60;
    const chis: number[] = [];
    const estimates: number[] = [];
    const ses: number[] = [];
    for (let seed = 1; seed <= runs; seed++) {
      const fit = cfa(simulate.factorModel({ loadings, phi, n: 400, seed }).data, { model });
      chis.push(fit.fit.chiSquare);
      const l = fit.parameters.find((p) => p.op === '=~' && p.rhs === 'item2')!;
      estimates.push(l.estimate);
      ses.push(l.se!);
    }
    const df = 19;
    const mean = chis.reduce((a, b) => a + b, 0) / runs;
    // SD of the mean of χ²(19) over 60 runs is √(38/60) ≈ 0.80; allow 4 SD (plus the small-n bias of ML χ²).
    expect(Math.abs(mean - df)).toBeLessThan(4 * Math.sqrt((2 * df) / runs) + 0.5);
    const m = estimates.reduce((a, b) => a + b, 0) / runs;
    const sd = Math.sqrt(estimates.reduce((a, b) => a + (b - m) ** 2, 0) / (runs - 1));
    const meanSe = ses.reduce((a, b) => a + b, 0) / runs;
    // The SD of an SD over 60 runs is ~9%: the model SE and the empirical SD agree within 30%.
    expect(meanSe / sd).toBeGreaterThan(0.7);
    expect(meanSe / sd).toBeLessThan(1.3);
  });
});
