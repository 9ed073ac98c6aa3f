// simulate.minorFactors: Σ recomputed with ml-matrix, the misfit truth checked against cfa fitted
// to the population moments, and cfa's χ² on samples centred on df + (n − 1)F₀.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { cfa } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { expectClose } from '../helpers/close.js';
import { errorOf } from '../helpers/errors.js';
import { numRuns } from '../helpers/runs.js';

const loading = fc.integer({ min: 40, max: 80 }).map((v) => v / 100);
/** m factors with 3–5 items each (simple structure), their correlation, minor factors and range. */
const model = fc
  .tuple(fc.array(fc.array(loading, { minLength: 3, maxLength: 5 }), { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 50 }).map((v) => v / 100), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 25 }).map((v) => v / 100))
  .map(([blocks, r, minor, range]) => {
    const m = blocks.length;
    const loadings = blocks.flatMap((block, f) => block.map((v) => Array.from({ length: m }, (_, g) => (g === f ? v : 0))));
    const phi = Array.from({ length: m }, (_, f) => Array.from({ length: m }, (_, g) => (f === g ? 1 : r)));
    return { loadings, phi, minor, range };
  });

const eight = {
  loadings: [[0.8, 0], [0.7, 0], [0.6, 0], [0.7, 0], [0, 0.8], [0, 0.7], [0, 0.6], [0, 0.7]],
  phi: [[1, 0.3], [0.3, 1]],
};

describe('simulate.minorFactors: population truth', () => {
  it('property: Σ = ΛΦΛᵀ + MMᵀ + diag(1 − h) with a unit diagonal, minor loadings in [−range, range], k minor factors', () => {
    fc.assert(
      fc.property(model, fc.integer({ min: 0, max: 1e6 }), (opts, seed) => {
        const sim = simulate.minorFactors({ ...opts, n: 1, seed });
        const { loadings, phi, minorLoadings, uniquenesses, correlation } = sim.population;
        const L = new Matrix(loadings.map((r) => [...r]));
        const p = L.rows;
        expect(minorLoadings.every((r) => r.length === opts.minor)).toBe(true);
        for (const v of minorLoadings.flat()) expect(Math.abs(v)).toBeLessThanOrEqual(opts.range);
        const M = opts.minor === 0 ? Matrix.zeros(p, 1) : new Matrix(minorLoadings.map((r) => [...r]));
        const S = L.mmul(new Matrix(phi.map((r) => [...r]))).mmul(L.transpose()).add(M.mmul(M.transpose())).add(Matrix.diag([...uniquenesses]));
        S.to2DArray().forEach((row, i) => row.forEach((v, j) => expectClose(correlation[i]![j]!, v, 1e-14, `Σ${i}${j}`)));
        correlation.forEach((row, i) => expect(row[i]).toBe(1));
        sim.population.communalities.forEach((h, j) => expectClose(h + uniquenesses[j]!, 1, 1e-15, `h + u (${j})`));
      }),
      { numRuns: numRuns(60) },
    );
  });

  it("property: the misfit is cfa's fit of the major model to Σ itself (F₀ = 2·fmin, SRMR, loadings; RMSEA, CFI, TLI as n → ∞)", () => {
    fc.assert(
      fc.property(model, fc.integer({ min: 0, max: 1e6 }), (opts, seed) => {
        const sim = simulate.minorFactors({ ...opts, n: 500, seed });
        const misfit = sim.population.misfit;
        const p = opts.loadings.length;
        const m = opts.phi.length;
        const df = (p * (p + 1)) / 2 - (2 * p + (m * (m - 1)) / 2);
        if (df < 1) {
          expect(misfit).toBeNull(); // one factor with three items: saturated
          return;
        }
        expect(misfit).not.toBeNull();
        const N = 1e9;
        // cfa rescales a moments covariance by (N − 1)/N, as lavaan: undo it so it fits Σ exactly.
        const fit = cfa({ covariance: sim.population.correlation.map((r) => r.map((v) => (v * N) / (N - 1))), n: N, columns: sim.items }, { model: sim.population.model, stdLv: true });
        expect(fit.converged).toBe(true);
        expect(fit.fit.df).toBe(misfit!.df);
        expectClose(misfit!.discrepancy, 2 * fit.fit.fmin, 1e-9 * Math.max(1e-3, misfit!.discrepancy), 'F₀');
        expectClose(misfit!.srmr, fit.fit.srmr, 1e-7, 'SRMR');
        expectClose(misfit!.rmsea, fit.fit.rmsea.estimate, 1e-4, 'RMSEA');
        expectClose(misfit!.cfi, fit.fit.cfi, 1e-6, 'CFI');
        expectClose(misfit!.tli, fit.fit.tli, 1e-6, 'TLI');
        expectClose(misfit!.noncentrality, 499 * misfit!.discrepancy, 1e-12, '(n − 1)F₀');
        for (const r of fit.parameters.filter((x) => x.op === '=~')) {
          const j = sim.items.indexOf(r.rhs);
          const f = sim.factors.indexOf(r.lhs);
          expectClose(misfit!.loadings[j]![f]!, r.estimate, 1e-6, `${r.lhs} =~ ${r.rhs}`);
        }
        if (opts.minor === 0 || opts.range === 0) {
          expect(misfit!.discrepancy).toBe(0);
          expect(misfit!.rmsea).toBe(0);
          expect(misfit!.cfi).toBe(1);
        } else expect(misfit!.discrepancy).toBeGreaterThan(0);
      }),
      { numRuns: numRuns(8) },
    );
  });

  it("minor: 0 is simulate.factorModel: the same population and the same draws; exact fit", () => {
    const sim = simulate.minorFactors({ ...eight, minor: 0, n: 50, seed: 'same', shape: 'matrix' });
    const fm = simulate.factorModel({ ...eight, n: 50, seed: 'same', shape: 'matrix' });
    expect(sim.data).toEqual(fm.data);
    // The same sums, in another order (factorModel multiplies blocks): equal to the last bits.
    sim.population.correlation.forEach((row, i) => row.forEach((v, j) => expectClose(v, fm.population.latent.correlation[i]![j]!, 1e-15, `Σ${i}${j}`)));
    sim.population.communalities.forEach((v, j) => expectClose(v, fm.population.communalities[j]!, 1e-15, `h${j}`));
    expect(sim.population.misfit).toMatchObject({ discrepancy: 0, rmsea: 0, cfi: 1, tli: 1, noncentrality: 0, df: 19 });
    expect(sim.population.model).toBe('f1 =~ item1 + item2 + item3 + item4\nf2 =~ item5 + item6 + item7 + item8');
  });

  it("defaults: ⌊p/2⌋ minor factors uniform on [−0.2, 0.2]; 'psych' draws −r, r or 0 as psych::sim.minor; minorLoadings are taken as given", () => {
    const sim = simulate.minorFactors({ ...eight, n: 1, seed: 3 });
    const m = sim.population.minorLoadings;
    expect(m.every((r) => r.length === 4)).toBe(true);
    expect(new Set(m.flat()).size).toBe(32);
    const psych = simulate.minorFactors({ ...eight, n: 1, seed: 3, minorDistribution: 'psych', range: 0.15 });
    expect(new Set(psych.population.minorLoadings.flat())).toEqual(new Set([-0.15, 0, 0.15]));
    const given = simulate.minorFactors({ ...eight, n: 1, seed: 4, minorLoadings: m });
    expect(given.population.correlation).toEqual(sim.population.correlation);
    // The data stream does not depend on the minor loadings' stream: the same seed, other M, the same normals.
    const none = simulate.minorFactors({ ...eight, n: 1, seed: 4, minorLoadings: eight.loadings.map(() => []) });
    expect(none.population.minorLoadings.every((r) => r.length === 0)).toBe(true);
    expect(none.population.misfit!.discrepancy).toBe(0);
  });

  it('uniform minor loadings: over many draws their mean is 0 and their variance range²/3', () => {
    const values = Array.from({ length: 20 }, (_, s) => simulate.minorFactors({ ...eight, minor: 4, range: 0.2, n: 1, seed: s }).population.minorLoadings.flat()).flat();
    const k = values.length;
    const mean = values.reduce((a, b) => a + b, 0) / k;
    const variance = values.reduce((a, b) => a + b * b, 0) / k;
    // SD of one U(−0.2, 0.2) value: 0.2/√3; of its square: 0.04·√(4/45).
    expectClose(mean, 0, (4 * 0.2) / Math.sqrt(3 * k), 'mean');
    expectClose(variance, 0.04 / 3, (4 * 0.04 * Math.sqrt(4 / 45)) / Math.sqrt(k), 'variance');
  });
});

describe('cfa on simulated samples', () => {
  const minorLoadings = simulate.minorFactors({ ...eight, minor: 4, range: 0.2, n: 1, seed: 'M' }).population.minorLoadings;

  it('χ² of the major model: mean over 40 samples of n = 400 within 4 SE of df + (n − 1)F₀ (noncentral χ², variance 2(df + 2λ))', () => {
    const R = 40;
    const n = 400;
    let sum = 0;
    let truth = { df: 0, lambda: 0 };
    for (let r = 0; r < R; r++) {
      const sim = simulate.minorFactors({ ...eight, minorLoadings, n, seed: `chi-${r}`, shape: 'columns' });
      truth = { df: sim.population.misfit!.df, lambda: sim.population.misfit!.noncentrality };
      const fit = cfa(sim.data, { model: sim.population.model });
      expect(fit.fit.df).toBe(truth.df);
      sum += fit.fit.chiSquare;
    }
    expect(truth.lambda).toBeGreaterThan(10); // a misfit the test can see
    const expected = truth.df + truth.lambda;
    expectClose(sum / R, expected, 4 * Math.sqrt((2 * (truth.df + 2 * truth.lambda)) / R), 'mean χ²');
  });

  it("cfa's RMSEA at n = 20,000 within 4 SE of the population RMSEA (SE by the delta method: √(2(df + 2λ)) / (2·ε·df·n))", () => {
    const n = 20_000;
    const sim = simulate.minorFactors({ ...eight, minorLoadings, n, seed: 'rmsea', shape: 'columns' });
    const { rmsea, df, noncentrality } = sim.population.misfit!;
    const fit = cfa(sim.data, { model: sim.population.model });
    const se = Math.sqrt(2 * (df + 2 * noncentrality)) / (2 * rmsea * df * n);
    expectClose(fit.fit.rmsea.estimate, rmsea, 4 * se, 'RMSEA');
    expect(rmsea).toBeGreaterThan(10 * se); // the check is sharper than the misfit itself
  });
});

describe('validation', () => {
  const ok = { loadings: [[0.7], [0.6], [0.5], [0.6]], n: 5, seed: 1 };
  it.each([
    ['no options', () => simulate.minorFactors(undefined as never), 'INVALID_OPTION', 'options'],
    ['unknown key', () => simulate.minorFactors({ ...ok, fsmall: 0.2 } as never), 'INVALID_OPTION', 'fsmall'],
    ['minor not a whole number', () => simulate.minorFactors({ ...ok, minor: 1.5 }), 'INVALID_OPTION', 'minor'],
    ['range ≥ 1', () => simulate.minorFactors({ ...ok, range: 1 }), 'INVALID_OPTION', 'range'],
    ['unknown distribution', () => simulate.minorFactors({ ...ok, minorDistribution: 'normal' as never }), 'INVALID_OPTION', 'minorDistribution'],
    ['minorLoadings with range', () => simulate.minorFactors({ ...ok, range: 0.1, minorLoadings: [[0.1], [0.1], [0.1], [0.1]] }), 'INVALID_OPTION', 'range'],
    ['minorLoadings of the wrong size', () => simulate.minorFactors({ ...ok, minorLoadings: [[0.1], [0.1]] }), 'INVALID_OPTION', 'minorLoadings'],
    ['total communality ≥ 1', () => simulate.minorFactors({ ...ok, minorLoadings: [[0.8], [0.1], [0.1], [0.1]] }), 'INVALID_OPTION', 'minorLoadings'],
    ['major communality ≥ 1', () => simulate.minorFactors({ ...ok, loadings: [[1], [0.6], [0.5], [0.6]] }), 'INVALID_OPTION', 'loadings'],
    ['an item without a major loading', () => simulate.minorFactors({ ...ok, loadings: [[0.7, 0], [0.6, 0], [0, 0], [0, 0.6]] }), 'INVALID_OPTION', 'loadings'],
    ['phi not a correlation matrix', () => simulate.minorFactors({ ...ok, phi: [[2]] }), 'INVALID_OPTION', 'phi'],
    ['a name lavaan cannot read', () => simulate.minorFactors({ ...ok, names: ['a b', 'c', 'd', 'e'] }), 'INVALID_OPTION', 'names[0]'],
    ['no seed', () => simulate.minorFactors({ ...ok, seed: undefined as never }), 'INVALID_OPTION', 'seed'],
  ])('%s', (_, call, code, option) => {
    const e = errorOf(call);
    expect(e.code).toBe(code);
    expect(e.details).toMatchObject({ option });
  });

  it('a major model without degrees of freedom has no misfit to report (null), but the data are simulated', () => {
    const sim = simulate.minorFactors({ loadings: [[0.7], [0.6], [0.5]], n: 5, seed: 1 });
    expect(sim.population.misfit).toBeNull();
    expect(sim.data).toHaveLength(5);
  });
});
