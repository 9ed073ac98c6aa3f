import { describe, expect, it } from 'vitest';
import { efa, kmo, maxFactors, omega, parallelAnalysis, rotate, samplingAdequacyLabel } from '../../src/factor/index.js';
import { isPsychkitError } from '../../src/errors.js';
import { holzingerItems, holzingerRows } from './helpers.js';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isPsychkitError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a PsychkitError');
}

import { errorOf } from '../helpers/errors.js';

const good = [
  [1, 0.5, 0.4, 0.3],
  [0.5, 1, 0.45, 0.35],
  [0.4, 0.45, 1, 0.3],
  [0.3, 0.35, 0.3, 1],
];

describe('bad input → PsychkitError with a stable code', () => {
  it('fewer than 3 variables: TOO_FEW_VARIABLES', () => {
    expect(codeOf(() => efa(holzingerRows, { columns: ['x1', 'x2'] }))).toBe('TOO_FEW_VARIABLES');
    expect(codeOf(() => efa({ correlation: [[1, 0.3], [0.3, 1]], n: 50 }))).toBe('TOO_FEW_VARIABLES');
    expect(codeOf(() => omega({ correlation: [[1, 0.3], [0.3, 1]] }, { factors: 1 }))).toBe('TOO_FEW_VARIABLES');
    expect(codeOf(() => parallelAnalysis(holzingerRows, { columns: ['x1', 'x2'] }))).toBe('TOO_FEW_VARIABLES');
  });

  it('more factors than the degrees of freedom allow: TOO_MANY_FACTORS', () => {
    const e = errorOf(() => efa(holzingerRows, { columns: holzingerItems, factors: 6 }));
    expect(e.code).toBe('TOO_MANY_FACTORS');
    expect(e.details.max).toBe(5);
    expect(codeOf(() => efa(holzingerRows, { columns: holzingerItems, factors: 10 }))).toBe('TOO_MANY_FACTORS');
    expect(codeOf(() => efa({ correlation: good }, { factors: 2 }))).toBe('TOO_MANY_FACTORS');
    expect(efa(holzingerRows, { columns: holzingerItems, factors: 5, extraction: 'minres', rotation: 'none' }).df).toBe(1);
    // psych's pa takes the square root of a negative eigenvalue here and fails; psychkit says why
    expect(codeOf(() => efa(holzingerRows, { columns: holzingerItems, factors: 5, extraction: 'pa' }))).toBe('TOO_MANY_FACTORS');
  });

  it('non-positive-definite correlation matrix: factored as psych does (smoothed for the fit), or NOT_POSITIVE_DEFINITE with smooth: false', () => {
    const bad = [
      [1, 0.9, -0.9],
      [0.9, 1, 0.9],
      [-0.9, 0.9, 1],
    ];
    expect(codeOf(() => efa({ correlation: bad, n: 100 }, { smooth: false }))).toBe('NOT_POSITIVE_DEFINITE');
    const smoothed = efa({ correlation: bad, n: 100 });
    expect(smoothed.warnings.map((w) => w.code)).toContain('CORRELATION_SMOOTHED');
    expect(efa({ correlation: bad, n: 100 }, { smooth: true }).loadings).toEqual(smoothed.loadings);
    // an entry outside [−1, 1] is not a correlation at all (shared validation with kmo/bartlett)
    expect(codeOf(() => efa({ correlation: [[1, 1.2, 0], [1.2, 1, 0], [0, 0, 1]] }))).toBe('INVALID_INPUT');
    // an item duplicated exactly → singular: refused with smooth: false; psych factors it
    const dup = holzingerRows.map((r) => ({ ...r, x10: r.x1 }));
    expect(codeOf(() => efa(dup, { columns: [...holzingerItems, 'x10'], smooth: false }))).toBe('NOT_POSITIVE_DEFINITE');
    expect(efa(dup, { columns: [...holzingerItems, 'x10'] }).warnings.map((w) => w.code)).toContain('CORRELATION_SMOOTHED');
  });

  it('non-symmetric correlation matrix: NOT_SYMMETRIC naming the pair', () => {
    const m = good.map((r) => [...r]);
    m[0]![2] = 0.41;
    const e = errorOf(() => efa({ correlation: m, n: 100 }));
    expect(e.code).toBe('NOT_SYMMETRIC');
    expect(e.details.columns).toEqual(['V3', 'V1']);
  });

  it('constant item: ZERO_VARIANCE naming the column', () => {
    const rows = holzingerRows.map((r) => ({ ...r, x5: '3' }));
    const e = errorOf(() => efa(rows, { columns: holzingerItems }));
    expect(e.code).toBe('ZERO_VARIANCE');
    expect(e.details.column).toBe('x5');
  });

  it('n missing where it is needed: INVALID_INPUT with option "n"', () => {
    const e = errorOf(() => efa({ correlation: good }, { factors: 'parallel' }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.details.option).toBe('n');
    expect(errorOf(() => parallelAnalysis({ correlation: good })).details.option).toBe('n');
    // without n the model is still fitted; the n-based indices are simply absent
    const res = efa({ correlation: good }, { factors: 1 });
    expect(res.fit).toBeNull();
    expect(res.n).toBeNull();
    expect(Number.isFinite(res.rmsr)).toBe(true);
    expect(codeOf(() => efa({ correlation: good, n: 1 }))).toBe('INVALID_OPTION');
  });

  it('malformed matrices and loadings', () => {
    expect(codeOf(() => efa({ correlation: [[1, 0.2, 0.1], [0.2, 1], [0.1, 0.3, 1]] }))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => efa({ correlation: [[1, NaN, 0.1], [0.2, 1, 0.3], [0.1, 0.3, 1]] }))).toBe('NON_FINITE');
    expect(codeOf(() => rotate([[0.5, 0.2], [0.4]]))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => rotate([[0.5, Infinity]]))).toBe('NON_FINITE');
    expect(codeOf(() => rotate([] as number[][]))).toBe('INVALID_INPUT');
    expect(codeOf(() => efa(holzingerRows, { columns: ['x1', 'x2', 'nope'] }))).toBe('MISSING_COLUMN');
    expect(codeOf(() => efa(null as never))).toBe('INVALID_INPUT');
  });

  it('bad options: INVALID_OPTION naming the option', () => {
    const cases: [string, object][] = [
      ['extraction', { extraction: 'pca' }],
      ['rotation', { rotation: 'equamax' }],
      ['factors', { factors: 0 }],
      ['factors', { factors: 1.5 }],
      ['factors', { factors: 'scree' }],
      ['gamma', { gamma: 2 }],
      ['delta', { delta: 0 }],
      ['power', { power: 1 }],
      ['randomStarts', { randomStarts: -1 }],
      ['tolerance', { tolerance: 0 }],
      ['convergence', { convergence: 'sas' }],
      ['missing', { missing: 'mean' }],
      ['smooth', { smooth: 'yes' }],
      ['seed', { seed: {} }],
    ];
    for (const [option, o] of cases) {
      const e = errorOf(() => efa(holzingerRows, { columns: holzingerItems, ...(o as object) } as never));
      expect(e.code, option).toBe('INVALID_OPTION');
      expect(e.details.option, option).toBe(option);
    }
    expect(codeOf(() => rotate([[0.5, 0.2]], { rotation: 'promin' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => parallelAnalysis(holzingerRows, { columns: holzingerItems, resamples: 1 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => parallelAnalysis(holzingerRows, { columns: holzingerItems, quantile: 2 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => omega(holzingerRows, { columns: holzingerItems, rotation: 'varimax' as never }))).toBe('INVALID_OPTION');
  });
});

describe('Heywood cases and non-convergence are flagged, not thrown', () => {
  const heywood = [
    [1, 0.8, 0.8],
    [0.8, 1, 0.5],
    [0.8, 0.5, 1],
  ];
  it('pa: communality above 1 (psych: 1.2693)', () => {
    const res = efa({ correlation: heywood, n: 100 }, { factors: 1, extraction: 'pa' });
    expect(res.heywood).toEqual(['V1']);
    expect(res.communalities[0]).toBeCloseTo(1.2692738, 6);
    expect(res.warnings.map((w) => w.code)).toContain('HEYWOOD');
  });
  it('ml: uniqueness on the 0.005 bound (psych: communality 0.99504)', () => {
    const res = efa({ correlation: heywood, n: 100 }, { factors: 1, extraction: 'ml' });
    expect(res.heywood).toEqual(['V1']);
    expect(res.communalities[0]).toBeCloseTo(0.9950351, 6);
  });
  it('principal-axis iteration cap reached → converged: false with a warning', () => {
    const res = efa(holzingerRows, { columns: holzingerItems, factors: 3, extraction: 'pa', maxIterations: 3 });
    expect(res.converged).toBe(false);
    expect(res.iterations).toBe(3);
    expect(res.warnings.map((w) => w.code)).toContain('EXTRACTION_NOT_CONVERGED');
  });
  it('rotation iteration cap reached → converged: false with a warning', () => {
    const res = efa(holzingerRows, { columns: holzingerItems, factors: 3, extraction: 'pa', rotation: 'geomin', rotationMaxIterations: 2 });
    expect(res.converged).toBe(false);
    expect(res.warnings.map((w) => w.code)).toContain('ROTATION_NOT_CONVERGED');
  });
  it("SPSS preset: largest change ≤ 0.001, 25 iterations", () => {
    const psych = efa(holzingerRows, { columns: holzingerItems, factors: 3, extraction: 'pa', rotation: 'none' });
    const spss = efa(holzingerRows, { columns: holzingerItems, factors: 3, extraction: 'pa', rotation: 'none', convergence: 'spss' });
    expect(spss.converged).toBe(true);
    expect(spss.iterations).toBeGreaterThanOrEqual(psych.iterations);
    const capped = efa(holzingerRows, { columns: holzingerItems, factors: 3, extraction: 'pa', rotation: 'none', convergence: 'spss', tolerance: 1e-15 });
    expect(capped.iterations).toBe(25);
    expect(capped.converged).toBe(false);
    const psychCap = efa(holzingerRows, { columns: holzingerItems, factors: 3, extraction: 'pa', rotation: 'none', tolerance: 1e-15 });
    expect(psychCap.iterations).toBe(50);
  });
});

// Bugs the bad-input fuzzer (test/fuzz/targets/models.ts) found; each was a TypeError, a hang, a
// RangeError or a NaN in a result before the fix.
describe('found by fuzzing', () => {
  it('samplingAdequacyLabel checks its argument instead of labelling NaN or an object', () => {
    expect(codeOf(() => samplingAdequacyLabel(Object.create(null)))).toBe('INVALID_INPUT');
    expect(codeOf(() => samplingAdequacyLabel('0.95' as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => samplingAdequacyLabel(Number.NaN))).toBe('NON_FINITE');
    expect(codeOf(() => samplingAdequacyLabel(1.2))).toBe('INVALID_INPUT');
    expect(samplingAdequacyLabel(0)).toBe('unacceptable');
    expect(samplingAdequacyLabel(1)).toBe('marvelous');
  });

  it('maxFactors: closed form equal to the degrees-of-freedom search, bad p rejected, no hang on 1e300', () => {
    const search = (p: number) => {
      let k = 0;
      while (k + 1 <= p && (p * (p - 1)) / 2 - p * (k + 1) + ((k + 1) * k) / 2 >= 0) k++;
      return k;
    };
    for (let p = 0; p <= 2000; p++) expect(maxFactors(p)).toBe(search(p));
    // df = ((p − k)² − (p + k))/2 ≥ 0 at k and < 0 at k + 1, exactly, for a huge p
    const p = Number.MAX_SAFE_INTEGER;
    const k = maxFactors(p);
    const df = (kk: number) => Number(((BigInt(p) - BigInt(kk)) ** 2n - (BigInt(p) + BigInt(kk))) / 2n);
    expect(df(k)).toBeGreaterThanOrEqual(0);
    expect(df(k + 1)).toBeLessThan(0);
    expect(codeOf(() => maxFactors(1e300))).toBe('INVALID_INPUT');
    expect(codeOf(() => maxFactors({} as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => maxFactors(-1))).toBe('INVALID_INPUT');
    expect(codeOf(() => maxFactors(2.5))).toBe('INVALID_INPUT');
    expect(codeOf(() => maxFactors(Number.POSITIVE_INFINITY))).toBe('NON_FINITE');
  });

  it('a bigint in a correlation matrix is NON_FINITE, not a TypeError from the message', () => {
    const e = errorOf(() => kmo({ correlation: [[10n as never, 0.3, 0.2], [0.3, 1, 0.4], [0.2, 0.4, 1]], n: 50 }));
    expect(e.code).toBe('NON_FINITE');
    expect(e.message).toContain('correlation[0][0]');
  });

  it('the sample size behind a correlation matrix must be a safe integer (n = 1.8e308 used to hang efa)', () => {
    expect(codeOf(() => efa({ correlation: good, n: Number.MAX_VALUE }))).toBe('INVALID_OPTION');
    expect(codeOf(() => efa({ correlation: good, n: 2 ** 53 }))).toBe('INVALID_OPTION');
  });

  it('parallelAnalysis refuses a simulation it cannot allocate (RangeError before)', () => {
    const e = errorOf(() => parallelAnalysis({ correlation: good, n: 2 ** 52 }, { resamples: 2, seed: 1 }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.details.option).toBe('n');
  });

  it('fit.tli is null when the model has no degrees of freedom (NaN before; psych prints ±Inf)', () => {
    const f = efa({ correlation: good.slice(0, 3).map((r) => r.slice(0, 3)), n: 100 }, { factors: 1 });
    expect(f.df).toBe(0);
    expect(f.fit?.tli).toBeNull();
    const g = efa({ correlation: good, n: 100 }, { factors: 1 });
    expect(g.df).toBeGreaterThan(0);
    expect(Number.isFinite(g.fit?.tli)).toBe(true);
  });

  it('rotate: a hostile entry is named in a NON_FINITE error (TypeError on a null-prototype object before)', () => {
    expect(codeOf(() => rotate([[Object.create(null), 0.1], [0.2, 0.3]] as never))).toBe('NON_FINITE');
    expect(codeOf(() => rotate([[0.7, 0.1], [0.2, 0.6]], { seed: Object.create(null), randomStarts: 1 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => parallelAnalysis(holzingerRows, { columns: holzingerItems, resamples: 2, seed: Object.create(null) }))).toBe('INVALID_OPTION');
  });

  const base = [[0.7, 0.2], [0.6, 0.3], [0.2, 0.8], [0.1, 0.7], [0.5, 0.5]];
  it.each(['varimax', 'quartimax', 'oblimin', 'quartimin', 'promax'] as const)('%s is scale-equivariant at 1e±300 (NaN, or a SINGULAR promax, before)', (rotation) => {
    for (const normalize of [false, true]) {
      const ref = rotate(base, { rotation, normalize });
      for (const s of [1e300, 1e-300, 2 ** 1000]) {
        const r = rotate(base.map((row) => row.map((v) => v * s)), { rotation, normalize });
        // Equal up to the gradient-projection tolerance (1e-5), which applies at the rescaled size.
        r.loadings.forEach((row, i) => row.forEach((v, j) => expect(v / s).toBeCloseTo(ref.loadings[i]![j]!, 4)));
        r.phi.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(ref.phi[i]![j]!, 4)));
      }
    }
  });

  it('Kaiser normalisation leaves a zero row at zero instead of turning every loading into NaN', () => {
    const withZero = [[0.7, 0.2], [0, 0], [0.2, 0.8], [0.1, 0.7], [0.6, 0.3]];
    const without = withZero.filter((_, i) => i !== 1);
    for (const rotation of ['varimax', 'quartimax', 'oblimin', 'geomin', 'promax'] as const) {
      const r = rotate(withZero, { rotation, normalize: true });
      expect(r.loadings[1]).toEqual([0, 0]);
      expect(r.loadings.flat().every(Number.isFinite)).toBe(true);
      if (rotation === 'varimax' || rotation === 'promax') continue; // varimax's criterion divides by p
      // Criteria that are sums over rows: a zero row adds nothing, so the rotation is that of the other rows.
      const ref = rotate(without, { rotation, normalize: true });
      r.rotationMatrix.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(ref.rotationMatrix[i]![j]!, 8)));
    }
  });
});

describe('found by fuzzing: singular to rounding', () => {
  it('smooth (default) smooths a matrix with a correlation of exactly 1 for the fit even above psych’s eigenvalue test (NaN χ² before)', () => {
    // item1 = item2: the smallest eigenvalue is ~6e-16, above machine epsilon, yet Cholesky fails.
    const rows = [
      { item1: 4, item2: 4, item3: 3 },
      { item1: 1, item2: 1, item3: 1 },
      { item1: 2, item2: 2, item3: 3 },
      { item1: 2, item2: 2, item3: 2 },
      { item1: 2, item2: 2, item3: 2 },
    ];
    expect(codeOf(() => efa(rows, { factors: 1, smooth: false }))).toBe('NOT_POSITIVE_DEFINITE');
    const f = efa(rows, { factors: 1 });
    expect(f.warnings.map((w) => w.code)).toContain('CORRELATION_SMOOTHED');
    expect(Number.isFinite(f.objective)).toBe(true);
    expect(Number.isFinite(f.fit!.chiSquare)).toBe(true);
    expect(Number.isFinite(f.fit!.nullChiSquare)).toBe(true);
  });

  it('a covariance input with one variance of 1e300: complexity and ω shares stay finite (0/0 before)', () => {
    // cov2cor leaves that variable with correlations ~5e-151, so its loadings are ~1e-151 and
    // their fourth powers underflow.
    const cov = [
      [1, -0.55, -0.65, -0.45],
      [-0.55, 1, 0.18, -0.07],
      [-0.65, 0.18, 1e300, 0.55],
      [-0.45, -0.07, 0.55, 1],
    ];
    const f = efa({ correlation: cov, n: 492 }, { factors: 1 });
    expect(f.complexity.every(Number.isFinite)).toBe(true);
    expect(f.complexity[2]).toBeCloseTo(1, 12);
    const om = omega({ correlation: cov, n: 492 }, { factors: 1 });
    expect(om.generalProportion.every(Number.isFinite)).toBe(true);
  });
});
