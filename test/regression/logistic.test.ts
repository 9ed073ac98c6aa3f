// fitLogistic against R's glm(family = binomial) (test/fixtures/logistic.R), and its errors:
// separation, a constant or non-0/1 outcome, a rank-deficient design. logisticInPlace's answers on
// the same data sets and separated resamples.
import { describe, expect, it } from 'vitest';
import { fitLogistic } from '../../src/regression/logistic.js';
import { logisticInPlace, logisticWorkspace } from '../../src/regression/logistic-kernel.js';
import type { Design } from '../../src/regression/frame.js';
import { errorOf } from '../helpers/errors.js';
import { loadJson } from '../helpers/fixtures.js';
import { expectRelClose } from '../helpers/close.js';

interface RefFit {
  formula: string;
  n: number;
  outcome: string;
  predictors: string[];
  columns: Record<string, number[]>;
  terms: string[];
  b: number[];
  se: number[];
  covariance: number[][];
  minus2LL: number;
  nullMinus2LL: number;
  modelChiSquare: number;
  df: number;
  p: number;
  mcFadden: number;
  coxSnell: number;
  nagelkerke: number;
}

const reference = loadJson<{ fits: Record<string, RefFit> }>('logistic.json');

/** The design [1, columns…] (column-major) of named columns. */
function designOf(columns: Record<string, readonly number[]>): Design {
  const names = Object.keys(columns);
  const n = (columns[names[0]!] ?? []).length;
  const p = names.length + 1;
  const x = new Float64Array(n * p);
  x.fill(1, 0, n);
  names.forEach((name, j) => x.set(columns[name]!, (j + 1) * n));
  return { names: ['constant', ...names], x, n, p };
}

/** The same design row-major, for logisticInPlace. */
function rowsOf(design: Design): Float64Array {
  const { n, p, x } = design;
  const rows = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) rows[i * p + j] = x[j * n + i]!;
  return rows;
}

const REL = 1e-8;

describe('fitLogistic matches glm(family = binomial)', () => {
  it.each(Object.entries(reference.fits))('%s', (_, ref) => {
    const design = designOf(Object.fromEntries(ref.predictors.map((name) => [name, ref.columns[name]!])));
    const fit = fitLogistic(design, Float64Array.from(ref.columns[ref.outcome]!), ref.outcome);
    expect(fit.names).toEqual(ref.terms);
    expect(fit.outcome).toBe(ref.outcome);
    expect(fit.n).toBe(ref.n);
    expect(fit.k).toBe(ref.terms.length);
    expect(fit.df).toBe(ref.df);
    for (let j = 0; j < fit.k; j++) {
      expectRelClose(fit.b[j]!, ref.b[j]!, REL, `b[${ref.terms[j]}]`);
      expectRelClose(Math.sqrt(fit.covariance[j * fit.k + j]!), ref.se[j]!, REL, `se[${ref.terms[j]}]`);
      for (let l = 0; l < fit.k; l++) {
        // Off-diagonal covariances relative to the scale of the variances they sit between.
        const scale = ref.se[j]! * ref.se[l]!;
        expect(Math.abs(fit.covariance[j * fit.k + l]! - ref.covariance[j]![l]!), `cov[${j}, ${l}]`).toBeLessThanOrEqual(REL * scale);
        expect(fit.covariance[j * fit.k + l]).toBe(fit.covariance[l * fit.k + j]);
      }
    }
    expectRelClose(fit.minus2LL, ref.minus2LL, REL, '−2LL');
    expectRelClose(fit.nullMinus2LL, ref.nullMinus2LL, REL, 'null −2LL');
    expectRelClose(fit.modelChiSquare, ref.modelChiSquare, REL, 'χ²');
    expectRelClose(fit.p, ref.p, REL, 'p');
    expectRelClose(fit.mcFadden, ref.mcFadden, REL, 'McFadden');
    expectRelClose(fit.coxSnell, ref.coxSnell, REL, 'Cox–Snell');
    expectRelClose(fit.nagelkerke, ref.nagelkerke, REL, 'Nagelkerke');
    expect(fit.iterations).toBeGreaterThan(1);
    expect(fit.iterations).toBeLessThan(20);
  });

  it('the fixtures cover a small sample, a 0/1 predictor with its product, a rare outcome and k = 8', () => {
    const fits = reference.fits;
    expect(fits['small']!.n).toBe(40);
    expect(fits['binary']!.predictors).toContain('g');
    expect(new Set(fits['binary']!.columns['g'])).toEqual(new Set([0, 1]));
    const rare = fits['rare']!;
    const share = rare.columns['y']!.reduce((s, v) => s + v, 0) / rare.n;
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.07);
    expect(fits['wide']!.terms).toHaveLength(8);
  });

  it('logisticInPlace with every count 1 gives the same coefficients, from zero or from the estimate', () => {
    for (const [key, ref] of Object.entries(reference.fits)) {
      const design = designOf(Object.fromEntries(ref.predictors.map((name) => [name, ref.columns[name]!])));
      const y = Float64Array.from(ref.columns[ref.outcome]!);
      const ws = logisticWorkspace(design.n, design.p);
      const out = new Float64Array(design.p);
      for (const start of [new Float64Array(design.p), Float64Array.from(ref.b)]) {
        expect(logisticInPlace(ws, rowsOf(design), y, new Float64Array(design.n).fill(1), start, out), key).toBe(true);
        for (let j = 0; j < design.p; j++) expectRelClose(out[j]!, ref.b[j]!, REL, `${key} b[${j}]`);
      }
    }
  });

  it('an intercept-only model: b = logit(ȳ), χ² = 0, p NaN (df = 0), pseudo-R² 0', () => {
    const y = Float64Array.from([1, 0, 0, 1, 0, 0, 0, 1, 0, 0]);
    const fit = fitLogistic({ names: ['constant'], x: new Float64Array(10).fill(1), n: 10, p: 1 }, y, 'y');
    expectRelClose(fit.b[0]!, Math.log(3 / 7), 1e-14, 'b0');
    expectRelClose(fit.covariance[0]!, 1 / (10 * 0.3 * 0.7), 1e-12, 'var b0');
    expect(fit.df).toBe(0);
    expect(Math.abs(fit.modelChiSquare)).toBeLessThan(1e-12);
    expect(fit.p).toBeNaN();
    expect(Math.abs(fit.mcFadden)).toBeLessThan(1e-12);
    expect(Math.abs(fit.nagelkerke)).toBeLessThan(1e-12);
  });

  it('a case fitted at probability ~1e-25 without separation is an ordinary fit (as glm: b = −1.6149, 0.2936)', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 200];
    const y = Float64Array.from([0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1]);
    const fit = fitLogistic(designOf({ x }), y, 'y');
    // R: coef(glm(y ~ x, binomial, control = glm.control(epsilon = 1e-14)))
    expectRelClose(fit.b[0]!, -1.6149093412039903, 1e-7, 'b0');
    expectRelClose(fit.b[1]!, 0.29361988021890734, 1e-7, 'b1');
  });
});

describe('fitLogistic errors', () => {
  const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('complete separation: SEPARATION naming the outcome and the predictor', () => {
    const y = Float64Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    const e = errorOf(() => fitLogistic(designOf({ x }), y, 'passed'));
    expect(e.code).toBe('SEPARATION');
    expect(e.details.column).toBe('passed');
    expect(e.details.columns).toEqual(['x']);
    expect(e.details['separation']).toBe('complete');
    expect(e.details['nPerfect']).toBe(10);
    expect(e.message).toContain('"passed"');
    expect(e.message).toContain('"x"');
    expect(e.message).toContain('complete separation');
  });

  it('complete separation with the separating predictor second and another predictor present', () => {
    const z = [0.3, -1.2, 0.8, 0.1, -0.4, 1.1, -0.9, 0.5, 0.2, -0.6];
    const y = Float64Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    const e = errorOf(() => fitLogistic(designOf({ z, x: x.map((v) => v * 1e6) }), y, 'y'));
    expect(e.code).toBe('SEPARATION');
    expect(e.details.columns).toContain('x');
  });

  it('quasi-complete separation by a continuous predictor (a tie at the boundary): SEPARATION', () => {
    const xq = [1, 2, 3, 4, 5, 5, 6, 7, 8, 9];
    const y = Float64Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    const e = errorOf(() => fitLogistic(designOf({ x: xq }), y, 'y'));
    expect(e.code).toBe('SEPARATION');
    expect(e.details['separation']).toBe('quasi-complete');
    expect(e.details['nPerfect']).toBe(8);
    expect(e.details.columns).toEqual(['x']);
  });

  it('quasi-complete separation by a 0/1 predictor (every case with g = 1 has y = 1): SEPARATION naming g only', () => {
    const g = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const w = [0.5, -1, 0.2, 1.4, -0.3, 0.9, -1.1, 0.4, 1.2, -0.8, 0.1, -0.2, 0.7, -1.5, 0.6, 0.3];
    const y = Float64Array.from([1, 1, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0]);
    for (const columns of [{ g, w }, { w, g }]) {
      const e = errorOf(() => fitLogistic(designOf(columns), y, 'y'));
      expect(e.code).toBe('SEPARATION');
      expect(e.details.columns).toEqual(['g']);
      expect(e.details['separation']).toBe('quasi-complete');
      expect(e.details['nPerfect']).toBe(4);
      expect(e.message).toContain('4 of 16 cases are fitted with probability 0 or 1');
    }
  });

  it('a constant outcome: ZERO_VARIANCE naming it', () => {
    for (const v of [0, 1]) {
      const e = errorOf(() => fitLogistic(designOf({ x }), new Float64Array(10).fill(v), 'passed'));
      expect(e.code).toBe('ZERO_VARIANCE');
      expect(e.details.column).toBe('passed');
      expect(e.details.value).toBe(v);
      expect(e.message).toContain('both outcomes');
    }
  });

  it('an outcome not coded 0/1: OUT_OF_RANGE naming the row and value', () => {
    for (const bad of [2, -1, 0.5, Number.NaN]) {
      const y = Float64Array.from([0, 1, 0, 1, 0, 1, bad, 1, 0, 1]);
      const e = errorOf(() => fitLogistic(designOf({ x }), y, 'passed'));
      expect(e.code).toBe('OUT_OF_RANGE');
      expect(e.details.column).toBe('passed');
      expect(e.details.row).toBe(6);
      expect(e.message).toContain('0/1');
    }
  });

  it('a rank-deficient design: SINGULAR naming the aliased column', () => {
    const y = Float64Array.from([0, 0, 0, 1, 0, 1, 0, 1, 1, 1]);
    const e = errorOf(() => fitLogistic(designOf({ x, twice: x.map((v) => 2 * v) }), y, 'y'));
    expect(e.code).toBe('SINGULAR');
    expect(e.details.columns).toEqual(['twice']);
  });

  it('no more cases than coefficients: TOO_FEW_CASES; a y of the wrong length: LENGTH_MISMATCH', () => {
    expect(errorOf(() => fitLogistic(designOf({ a: [1, 2], b: [3, 1] }), Float64Array.from([0, 1]), 'y')).code).toBe('TOO_FEW_CASES');
    expect(errorOf(() => fitLogistic(designOf({ x }), Float64Array.from([0, 1]), 'y')).code).toBe('LENGTH_MISMATCH');
  });
});

describe('logisticInPlace on resamples it cannot fit', () => {
  const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const y = Float64Array.from([0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1]);
  const design = designOf({ x });
  const rows = rowsOf(design);
  const start = fitLogistic(design, y, 'y').b;
  const ws = logisticWorkspace(12, 2);

  it('returns false, leaving out untouched, for a separated resample (complete and quasi-complete)', () => {
    // Drawn: cases with x = 1, 2, 4 (all y = 0) and x = 8, 10, 11, 12 (all y = 1): completely separated.
    const complete = Float64Array.from([1, 2, 0, 1, 0, 0, 0, 1, 0, 1, 1, 1]);
    const out = new Float64Array(2).fill(42);
    expect(logisticInPlace(ws, rows, y, complete, start, out)).toBe(false);
    expect(Array.from(out)).toEqual([42, 42]);
    // Quasi-complete: x < 4 → y = 0, x > 4 → y = 1, both outcomes at x = 4.
    const xq = [1, 2, 3, 4, 4, 5, 6, 7];
    const yq = Float64Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
    const dq = designOf({ x: xq });
    expect(errorOf(() => fitLogistic(dq, yq, 'y')).code).toBe('SEPARATION');
    const wq = logisticWorkspace(8, 2);
    expect(logisticInPlace(wq, rowsOf(dq), yq, new Float64Array(8).fill(1), new Float64Array(2), new Float64Array(2))).toBe(false);
  });

  it('returns false for a quasi-separated 0/1 predictor, as fitLogistic throws SEPARATION', () => {
    const g = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const w = [0.5, -1, 0.2, 1.4, -0.3, 0.9, -1.1, 0.4, 1.2, -0.8, 0.1, -0.2, 0.7, -1.5, 0.6, 0.3];
    const yg = Float64Array.from([1, 1, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0]);
    const d = designOf({ g, w });
    const wsg = logisticWorkspace(16, 3);
    expect(logisticInPlace(wsg, rowsOf(d), yg, new Float64Array(16).fill(1), new Float64Array(3), new Float64Array(3))).toBe(false);
  });

  it('returns false when every drawn case has the same outcome, and for a predictor constant in the resample', () => {
    const ones = Float64Array.from([0, 0, 2, 0, 1, 0, 3, 0, 0, 0, 1, 0]); // only y = 1 cases
    expect(logisticInPlace(ws, rows, y, ones, start, new Float64Array(2))).toBe(false);
    const g = [1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0];
    const dg = designOf({ x, g });
    const wsg = logisticWorkspace(12, 3);
    const noG = Float64Array.from([0, 1, 1, 0, 2, 1, 0, 1, 1, 0, 2, 2]); // no case with g = 1 drawn
    expect(logisticInPlace(wsg, rowsOf(dg), y, noG, new Float64Array(3), new Float64Array(3))).toBe(false);
  });

  it('checks sizes: LENGTH_MISMATCH; a workspace needs positive whole sizes', () => {
    expect(errorOf(() => logisticInPlace(ws, rows, y, new Float64Array(11), start, new Float64Array(2))).code).toBe('LENGTH_MISMATCH');
    expect(errorOf(() => logisticWorkspace(0, 2)).code).toBe('INVALID_INPUT');
    expect(errorOf(() => logisticWorkspace(10, 1.5)).code).toBe('INVALID_INPUT');
  });
});

describe('separation decided exactly (linear programming in R) on 200 small data sets', () => {
  interface SeparationCase {
    n: number;
    x: number[][];
    y: number[];
    separation: 'none' | 'complete' | 'quasi-complete';
    b?: number[];
    se?: number[];
    minus2LL?: number;
  }
  const cases = (reference as unknown as { separation: SeparationCase[] }).separation;

  it('the fixture has separated (complete and quasi-complete) and non-separated data sets', () => {
    const kinds = new Set(cases.map((c) => c.separation));
    expect(kinds).toEqual(new Set(['none', 'complete', 'quasi-complete']));
  });

  it.each(cases.map((c, i) => [i, c.separation, c] as const))('#%i (%s): fitLogistic throws SEPARATION exactly when separated, else matches glm; logisticInPlace agrees', (_, kind, c) => {
    const design = designOf(Object.fromEntries(c.x.map((col, j) => [`x${j + 1}`, col])));
    const y = Float64Array.from(c.y);
    const ws = logisticWorkspace(design.n, design.p);
    const out = new Float64Array(design.p);
    const ok = logisticInPlace(ws, rowsOf(design), y, new Float64Array(design.n).fill(1), new Float64Array(design.p), out);
    if (kind === 'none') {
      const fit = fitLogistic(design, y, 'y');
      for (let j = 0; j < fit.k; j++) {
        // Near separation the likelihood is flat: compare b on the scale of its standard error.
        const se = c.se![j]!;
        expect(Math.abs(fit.b[j]! - c.b![j]!), `b[${j}]`).toBeLessThanOrEqual(1e-7 * (Math.abs(c.b![j]!) + se));
        expectRelClose(Math.sqrt(fit.covariance[j * fit.k + j]!), se, 1e-6, `se[${j}]`);
      }
      expectRelClose(fit.minus2LL, c.minus2LL!, 1e-8, '−2LL');
      if (fit.iterations <= 15) {
        expect(ok).toBe(true);
        for (let j = 0; j < fit.k; j++) expect(Math.abs(out[j]! - fit.b[j]!)).toBeLessThanOrEqual(1e-8 * (1 + Math.abs(fit.b[j]!)));
      }
    } else {
      const e = errorOf(() => fitLogistic(design, y, 'y'));
      expect(e.code).toBe('SEPARATION');
      expect(e.details['separation']).toBe(kind);
      expect((e.details.columns ?? []).length).toBeGreaterThan(0);
      expect(ok).toBe(false);
    }
  });
});
