// efa and omega from moments (a covariance matrix with divisor n − 1 and n, as SQL's covar_samp
// and count give them) equal efa and omega from the complete rows those moments came from.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bartlettSphericity, efa, kmo, omega, parallelAnalysis, velicerMap } from '../../src/index.js';
import { loadCsv } from '../helpers/fixtures.js';
import { errorOf } from '../helpers/errors.js';
import { numRuns } from '../helpers/runs.js';
import { complete, momentsOf } from '../helpers/moments.js';

const TOL = 1e-10;
/**
 * minres and ml stop where the gradient of their objective falls below 1e-10 (R's optim rule), so
 * their estimates are defined only to about 1e-9: the one-ulp differences between correlations from
 * rows and from moments (≤ 2.2e-16 here) can move the stopping point by one iteration and the
 * estimates by up to a few 1e-9 — as reordering the rows of the table does. Their results are
 * compared at this tolerance, and the iteration counts are not compared; principal axis (a fixed
 * sequence of eigendecompositions) and everything computed from R directly agree to 1e-10.
 */
const FIT_TOL = 1e-7;
const COUNTS = new Set(['iterations', 'rotationIterations']);



/**
 * Every number both results have is equal within tol·max(1, |value|); strings, booleans and nulls
 * are equal; `warnings` are compared by code; keys in `skip` are left out. Returns how many numbers
 * were compared.
 */
function expectSame(a: unknown, b: unknown, tol: number, path = 'result', skip: ReadonlySet<string> = new Set()): number {
  if (typeof b === 'number') {
    expect(typeof a, path).toBe('number');
    if (Number.isNaN(b)) expect(Number.isNaN(a as number), path).toBe(true);
    else expect(Math.abs((a as number) - b), `${path}: ${String(a)} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
    return 1;
  }
  if (b === null || typeof b !== 'object') {
    expect(a, path).toEqual(b);
    return 0;
  }
  if (Array.isArray(b)) {
    expect(Array.isArray(a), path).toBe(true);
    expect((a as unknown[]).length, `${path}.length`).toBe(b.length);
    return b.reduce((s: number, v, i) => s + expectSame((a as unknown[])[i], v, tol, `${path}[${i}]`, skip), 0);
  }
  let count = 0;
  for (const [key, v] of Object.entries(b)) {
    if (skip.has(key)) continue;
    if (key === 'warnings') {
      expect(((a as { warnings: { code: string }[] }).warnings ?? []).map((w) => w.code), `${path}.warnings`).toEqual((v as { code: string }[]).map((w) => w.code));
      continue;
    }
    expect(a !== null && typeof a === 'object' && key in a, `${path}.${key} is missing`).toBe(true);
    count += expectSame((a as Record<string, unknown>)[key], v, tol, `${path}.${key}`, skip);
  }
  return count;
}

const hs = loadCsv('holzinger-swineford-1939.csv');
const x = Array.from({ length: 9 }, (_, i) => `x${i + 1}`);
const hsRows = complete(hs, x);
const hsMoments = momentsOf(hsRows, x);
const peer = loadCsv('peer-workers.csv');
const esse = Array.from({ length: 11 }, (_, i) => `esse${i + 1}`);
const esseRows = complete(peer, esse);
const esseMoments = momentsOf(esseRows, esse);

describe('efa from moments equals efa from the rows', () => {
  it.each([
    ['HS, 3 factors, pa, varimax', { factors: 3, extraction: 'pa', rotation: 'varimax' }],
    ['HS, 3 factors, pa, oblimin', { factors: 3, extraction: 'pa' }],
    ['HS, 2 factors, pa, promax', { factors: 2, extraction: 'pa', rotation: 'promax' }],
  ] as const)('%s: every number within 1e-10', (_, options) => {
    const fromRows = efa(hsRows, { columns: x, ...options });
    const fromMoments = efa(hsMoments, options);
    expect(fromMoments.n).toBe(301);
    expect(fromMoments.fit).not.toBeNull();
    expect(expectSame(fromMoments, fromRows, TOL)).toBeGreaterThan(100);
  });

  it.each([
    ['HS, 3 factors, minres, oblimin', { factors: 3 }],
    ['HS, 3 factors, ml, promax', { factors: 3, extraction: 'ml', rotation: 'promax' }],
    ['HS, 1 factor, minres, unrotated', { factors: 1, rotation: 'none' }],
    ['HS, kaiser', { factors: 'kaiser' }],
  ] as const)('%s: R-derived numbers within 1e-10, the iterative fit within its convergence tolerance', (_, options) => {
    const fromRows = efa(hsRows, { columns: x, ...options });
    const fromMoments = efa(hsMoments, options);
    expectSame(fromMoments.eigenvalues, fromRows.eigenvalues, TOL);
    expectSame(fromMoments.initialCommunalities, fromRows.initialCommunalities, TOL);
    expect(fromMoments.df).toBe(fromRows.df);
    expect(expectSame(fromMoments, fromRows, FIT_TOL, 'result', COUNTS)).toBeGreaterThan(50);
  });

  it('ESSE items (peer workers, complete rows), 2 factors, and a selection of columns', () => {
    expectSame(efa(esseMoments, { factors: 2, extraction: 'pa' }), efa(esseRows, { columns: esse, factors: 2, extraction: 'pa' }), TOL);
    expectSame(efa(esseMoments, { factors: 2 }), efa(esseRows, { columns: esse, factors: 2 }), FIT_TOL, 'result', COUNTS);
    const some = ['esse9', 'esse1', 'esse2', 'esse3', 'esse7', 'esse8'];
    const fromMoments = efa(esseMoments, { columns: some, factors: 2, extraction: 'pa' });
    expect(fromMoments.columns).toEqual(some);
    expectSame(fromMoments, efa(esseRows, { columns: some, factors: 2, extraction: 'pa' }), TOL);
  });

  it("factors: 'parallel' runs on simulated data, exactly as for the correlation matrix", () => {
    const c: number[][] = hsMoments.covariance;
    const sd = c.map((row, i) => Math.sqrt(row[i]!));
    const correlation = c.map((row, i) => row.map((v, j) => (i === j ? 1 : v / (sd[i]! * sd[j]!))));
    const fromMoments = efa(hsMoments, { factors: 'parallel', seed: 7 });
    expect(fromMoments.retention.rule).toBe('parallel');
    expect(fromMoments.retention.parallel?.n).toBe(301);
    expectSame(fromMoments, efa({ correlation, n: 301, columns: x }, { factors: 'parallel', seed: 7 }), TOL);
  });
});

describe('omega from moments equals omega from the rows', () => {
  it.each([
    ['HS, 3 group factors, pa, oblimin', { extraction: 'pa' }],
    ['HS, 3 group factors, pa, promax', { extraction: 'pa', rotation: 'promax' }],
    ['HS, 2 group factors, pa', { factors: 2, extraction: 'pa' }],
  ] as const)('%s: every number within 1e-10', (_, options) => {
    const fromRows = omega(hsRows, { columns: x, ...options });
    expect(expectSame(omega(hsMoments, options), fromRows, TOL)).toBeGreaterThan(50);
  });

  it('HS and ESSE with psych’s defaults (minres): within the fit’s convergence tolerance', () => {
    expectSame(omega(hsMoments), omega(hsRows, { columns: x }), FIT_TOL, 'result', COUNTS);
    expectSame(omega(esseMoments, { factors: 3 }), omega(esseRows, { columns: esse, factors: 3 }), FIT_TOL, 'result', COUNTS);
  });
});

describe('the other correlation-based functions take moments too', () => {
  it('kmo, bartlettSphericity, velicerMap and parallelAnalysis (simulated data) equal their results from the rows', () => {
    expectSame(kmo(hsMoments), kmo(hsRows, { columns: x }), TOL);
    expectSame(bartlettSphericity(hsMoments), bartlettSphericity(hsRows, { columns: x }), TOL);
    expectSame(velicerMap(hsMoments), velicerMap(hsRows, { columns: x }), TOL);
    const fromMoments = parallelAnalysis(hsMoments, { resamples: 20, seed: 3 });
    expect(fromMoments.n).toBe(301);
    const fromRows = parallelAnalysis(hsRows, { columns: x, resamples: 20, seed: 3 });
    expectSame(fromMoments.observed.components, fromRows.observed.components, TOL);
    expectSame(fromMoments.observed, fromRows.observed, FIT_TOL);
  });
});

describe('moments errors and refusals', () => {
  it('options about reading a table are refused; n ≤ p is TOO_FEW_CASES; a bad matrix names the problem', () => {
    expect(errorOf(() => efa(hsMoments, { correlation: 'polychoric' })).details.option).toBe('correlation');
    expect(errorOf(() => efa(hsMoments, { missingCodes: [-99] })).message).toContain('moments');
    expect(errorOf(() => omega({ ...hsMoments, n: 9 })).code).toBe('TOO_FEW_CASES');
    expect(errorOf(() => efa(hsMoments, { columns: ['x1', 'x2', 'x10'] })).code).toBe('MISSING_COLUMN');
    expect(errorOf(() => efa({ covariance: [[1, 0.5, 0.2], [0.5, 1], [0.2, 0.3, 1]], n: 50 })).code).toBe('LENGTH_MISMATCH');
    // A covariance of 3 with variances 1 and 4 is a correlation of 1.5.
    expect(errorOf(() => efa({ covariance: [[1, 3, 0], [3, 4, 0], [0, 0, 1]], n: 50 })).code).toBe('INVALID_INPUT');
  });

  it('never mutates the moments', () => {
    const copy = structuredClone(hsMoments);
    efa(hsMoments, { factors: 3 });
    omega(hsMoments);
    expect(hsMoments).toEqual(copy);
  });
});

describe('property: efa from moments = efa from rows', () => {
  /** Two-factor data: 6 items, two blocks of three, on a 1–7 scale, n 30–120. */
  const data = fc
    .integer({ min: 30, max: 120 })
    .chain((n) =>
      fc.array(
        fc.tuple(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 }), fc.array(fc.integer({ min: -1, max: 1 }), { minLength: 6, maxLength: 6 })),
        { minLength: n, maxLength: n },
      ),
    )
    .map((rows) => rows.map(([f, g, e]) => Object.fromEntries(e.map((u, j) => [`i${j + 1}`, 4 + (j < 3 ? f : g) + u]))));

  it('loadings, communalities, fit and the rest agree, or both throw the same code', () => {
    const items = Array.from({ length: 6 }, (_, j) => `i${j + 1}`);
    fc.assert(
      fc.property(data, fc.constantFrom('minres' as const, 'pa' as const), (rows, extraction) => {
        let fromRows;
        try {
          fromRows = efa(rows, { columns: items, factors: 2, extraction });
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code === 'ZERO_VARIANCE') expect(errorOf(() => efa(momentsOf(rows, items), { factors: 2, extraction })).code).toBe(code);
          return;
        }
        // Iterations that stop at a tolerance or a Heywood bound can amplify rounding; compare converged, regular solutions.
        fc.pre(fromRows.converged && fromRows.heywood.length === 0 && fromRows.warnings.length === 0);
        expectSame(efa(momentsOf(rows, items), { factors: 2, extraction }), fromRows, extraction === 'pa' ? TOL : FIT_TOL, 'result', extraction === 'pa' ? new Set() : COUNTS);
      }),
      { numRuns: numRuns(40) },
    );
  });
});
