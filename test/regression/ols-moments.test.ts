// ols from moments (covariance with divisor n − 1, means, n — what SQL's covar_samp, avg and count
// give) equals ols from the complete rows those moments came from.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ols, type OlsResult } from '../../src/index.js';
import { arbitraries, simulate } from '../../src/testing/index.js';
import { loadCsv } from '../helpers/fixtures.js';
import { errorOf } from '../helpers/errors.js';
import { numRuns } from '../helpers/runs.js';
import { complete, momentsOf, near } from '../helpers/moments.js';

const TOL = 1e-10;




/** Every numeric field both fits have, within tol (relative above 1). */
function expectSameFit(m: OlsResult, r: OlsResult, tol = TOL): void {
  expect(m.kind).toBe('ols');
  expect(m.outcome).toBe(r.outcome);
  expect(m.n).toBe(r.n);
  expect(m.terms).toEqual(r.terms);
  expect(m.hc).toBe(r.hc);
  expect(m.confidence).toBe(r.confidence);
  m.coefficients.forEach((c, j) => {
    const row = r.coefficients[j]!;
    expect(c.term).toBe(row.term);
    for (const key of ['estimate', 'se', 'statistic', 'p', 'lower', 'upper'] as const) near(c[key], row[key], tol, `${c.term} ${key}`);
  });
  for (const key of ['r', 'rSquared', 'adjustedRSquared', 'mse', 'statistic', 'df1', 'df2', 'p'] as const) near(m.summary[key], r.summary[key], tol, `summary.${key}`);
  m.covariance.forEach((row, i) => row.forEach((v, j) => near(v, r.covariance[i]![j]!, tol, `covariance[${i}][${j}]`)));
  expect(m.warnings.map((w) => w.code)).toEqual(r.warnings.map((w) => w.code));
}

const peer = loadCsv('peer-workers.csv');
const hs = loadCsv('holzinger-swineford-1939.csv');

describe('ols from moments equals ols from the rows', () => {
  it('peer workers: pwb1 on ESSE and support items with numeric covariates', () => {
    const columns = ['esse1', 'esse2', 'mspss1', 'si1', 'gender', 'education', 'pwb1'];
    const rows = complete(peer, columns);
    const moments = momentsOf(rows, columns);
    const options = { y: 'pwb1', x: ['esse1', 'esse2', 'mspss1'], covariates: ['si1', 'gender', 'education'] };
    const fromRows = ols(rows, options);
    const fromMoments = ols(moments, options);
    expectSameFit(fromMoments, fromRows);
    expect(fromMoments.nDropped).toBe(0);
    expect(fromMoments.n).toBe(rows.length);
  });

  it('Holzinger–Swineford: x9 on x1…x8, age and sex; one predictor; other confidence levels', () => {
    const x = Array.from({ length: 8 }, (_, i) => `x${i + 1}`);
    const columns = [...x, 'ageyr', 'sex', 'x9'];
    const rows = complete(hs, columns);
    const moments = momentsOf(rows, columns);
    for (const options of [
      { y: 'x9', x, covariates: ['ageyr', 'sex'] },
      { y: 'x9', x: 'x7', confidence: 0.9 },
      { y: 'x1', x: ['sex', 'x5'], confidence: 0.99 },
    ]) {
      expectSameFit(ols(moments, options), ols(rows, options));
    }
  });

  it('typed-array rows and means, and the moments in another order than the model', () => {
    const columns = ['x9', 'x3', 'x1', 'x2'];
    const rows = complete(hs, columns);
    const m = momentsOf(rows, columns);
    const typed = { covariance: m.covariance.map((r) => Float64Array.from(r)), means: Float64Array.from(m.means), n: m.n, columns };
    expectSameFit(ols(typed, { y: 'x9', x: ['x1', 'x2', 'x3'] }), ols(rows, { y: 'x9', x: ['x1', 'x2', 'x3'] }));
  });
});

describe('ols from moments refuses what needs the rows, and checks the model as from rows', () => {
  const columns = ['x1', 'x2', 'x3', 'x9'];
  const rows = complete(hs, columns);
  const moments = momentsOf(rows, columns);

  it.each<[string, object, string]>([
    ['HC standard errors', { hc: 'HC3' }, 'hc'],
    ['categorical predictors', { categorical: ['x2'] }, 'categorical'],
    ['missing-data codes', { missingCodes: [-99] }, 'missingCodes'],
    ['a product term', { x: ['x1', 'x1:x2'] }, 'x'],
  ])('%s → INVALID_OPTION', (_, extra, option) => {
    const e = errorOf(() => ols(moments, { y: 'x9', x: ['x1', 'x2'], ...extra }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.details.option).toBe(option);
    expect(e.message).toContain('moments');
  });

  it("hc: 'none' is accepted (classical standard errors)", () => {
    expectSameFit(ols(moments, { y: 'x9', x: ['x1'], hc: 'none' }), ols(rows, { y: 'x9', x: ['x1'] }));
  });

  it('moments without means: INVALID_INPUT naming `means`', () => {
    const { covariance, n } = moments;
    const e = errorOf(() => ols({ covariance, n, columns }, { y: 'x9', x: ['x1'] }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.details.option).toBe('means');
    expect(e.message).toContain('`means`');
  });

  it('an unknown column is MISSING_COLUMN; n ≤ k is TOO_FEW_CASES; a constant column ZERO_VARIANCE', () => {
    expect(errorOf(() => ols(moments, { y: 'x9', x: ['x7'] })).details).toMatchObject({ column: 'x7' });
    expect(errorOf(() => ols({ ...moments, n: 4 }, { y: 'x9', x: ['x1', 'x2', 'x3'] })).code).toBe('TOO_FEW_CASES');
    expect(ols({ ...moments, n: 5 }, { y: 'x9', x: ['x1', 'x2', 'x3'] }).summary.df2).toBe(1);
    const flat = { covariance: [[0, 0], [0, 1]], means: [1, 2], n: 10, columns: ['a', 'b'] };
    expect(errorOf(() => ols(flat, { y: 'b', x: ['a'] })).details).toMatchObject({ column: 'a' });
  });

  it('collinear predictors are SINGULAR naming the aliased ones, as from rows', () => {
    const data = rows.map((r) => ({ ...r, sum: r['x1']! + r['x2']!, twice: 2 * r['x3']! }));
    const names = ['x1', 'x2', 'sum', 'x3', 'twice', 'x9'];
    const options = { y: 'x9', x: ['x1', 'x2', 'sum', 'x3', 'twice'] };
    const fromRows = errorOf(() => ols(data, options));
    const fromMoments = errorOf(() => ols(momentsOf(data, names), options));
    expect(fromRows.code).toBe('SINGULAR');
    expect(fromMoments.code).toBe('SINGULAR');
    expect(fromMoments.details.columns).toEqual(fromRows.details.columns);
    expect(fromMoments.details.columns).toEqual(['sum', 'twice']);
  });

  it('an outcome the predictors reproduce exactly has the PERFECT_FIT warning (1 − R² is rounding noise)', () => {
    const data = rows.map((r) => ({ ...r, y: 1 + r['x1']! - r['x2']! }));
    const fit = ols(momentsOf(data, ['x1', 'x2', 'y']), { y: 'y', x: ['x1', 'x2'] });
    expect(fit.warnings.map((w) => w.code)).toEqual(['PERFECT_FIT']);
    fit.coefficients.forEach((c, j) => near(c.estimate, [1, 1, -1][j]!, 1e-12, c.term));
    // 1 − R² = 0 to the last bit (y = x): ZERO_VARIANCE, as from rows whose residuals are all 0.
    const exact = { covariance: [[4, 4], [4, 4]], means: [1, 1], n: 10, columns: ['x', 'y'] };
    expect(errorOf(() => ols(exact, { y: 'y', x: ['x'] })).code).toBe('ZERO_VARIANCE');
  });

  it('never mutates the moments', () => {
    const copy = structuredClone(moments);
    ols(moments, { y: 'x9', x: ['x1', 'x2', 'x3'] });
    expect(moments).toEqual(copy);
  });
});

describe('property: from moments = from rows', () => {
  /** A data set with an outcome and 2–6 predictors: x, the mediators and the covariates of a generated model. */
  const dataArb = arbitraries.mediationModel(fc, { models: [4], mediators: { min: 1, max: 3 }, covariates: { min: 0, max: 2 }, n: { min: 15, max: 150 } }).map((options) => {
    const sim = simulate.mediation(options);
    const { x, mediators, y, covariates } = sim.variables;
    return { rows: sim.data as readonly Record<string, number>[], y, predictors: [x, ...mediators, ...covariates] };
  });

  it('coefficients, SEs, t, p, CIs, R², adjusted R², F and MSE agree', () => {
    fc.assert(
      fc.property(dataArb, ({ rows, y, predictors }) => {
        const fromRows = ols(rows, { y, x: predictors });
        const fromMoments = ols(momentsOf(rows, [...predictors, y]), { y, x: predictors });
        expectSameFit(fromMoments, fromRows, 1e-8);
      }),
      { numRuns: numRuns(60) },
    );
  });
});
