// icc: psych::ICC(x, lmer = FALSE) references (test/fixtures/icc.R), errors, and properties.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { icc, type IccResult } from '../../src/reliability/icc.js';
import { errorOf } from '../helpers/errors.js';
import { loadJson } from '../helpers/fixtures.js';

interface IccCase {
  data: (number | null)[][];
  columns: string[];
  confidence: number;
  n: number;
  k: number;
  nDropped: number;
  type: string[];
  name: string[];
  estimate: number[];
  statistic: number[];
  df1: number[];
  df2: number[];
  p: number[];
  lower: number[];
  upper: number[];
  MSB: number;
  MSJ: number;
  MSE: number;
  MSW: number;
  df: number[];
  sumSquares: number[];
  anovaF: number[];
  anovaP: number[];
  lmer?: { estimate: number[]; lower: number[]; upper: number[]; MSB: number; MSJ: number; MSE: number; MSW: number };
}

const fixture = loadJson<Record<string, IccCase>>('icc.json');
const TOL = 1e-6;
let compared = 0;
let maxDiff = 0;

/** |actual − expected| ≤ 1e-6 · max(1, |expected|), counted. */
function check(actual: number | null, expected: number, what: string): void {
  if (typeof actual !== 'number') expect.fail(`${what}: expected ${expected}, got ${String(actual)}`);
  const diff = Math.abs(actual - expected);
  compared++;
  maxDiff = Math.max(maxDiff, diff / Math.max(1, Math.abs(expected)));
  if (!(diff <= TOL * Math.max(1, Math.abs(expected)))) expect.fail(`${what}: expected ${expected}, got ${actual} (|diff| ${diff})`);
}

/** A fixture's data as row objects with its column names. */
function rowsOf(c: IccCase): Record<string, number | null>[] {
  return c.data.map((row) => Object.fromEntries(c.columns.map((name, j) => [name, row[j] ?? null])));
}

function compare(result: IccResult, c: IccCase, label: string): void {
  expect(result.kind).toBe('icc');
  expect(result.n).toBe(c.n);
  expect(result.k).toBe(c.k);
  expect(result.nDropped).toBe(c.nDropped);
  expect(result.columns).toEqual(c.columns);
  expect(result.coefficients.map((x) => x.type)).toEqual(c.type);
  expect(result.coefficients.map((x) => x.name)).toEqual(c.name);
  result.coefficients.forEach((x, i) => {
    const at = `${label} ${x.type}`;
    check(x.estimate, c.estimate[i]!, `${at} estimate`);
    check(x.statistic, c.statistic[i]!, `${at} F`);
    expect(x.df1).toBe(c.df1[i]);
    expect(x.df2).toBe(c.df2[i]);
    check(x.p, c.p[i]!, `${at} p`);
    check(x.lower, c.lower[i]!, `${at} lower`);
    check(x.upper, c.upper[i]!, `${at} upper`);
  });
  check(result.meanSquares.between, c.MSB, `${label} MSB`);
  check(result.meanSquares.within, c.MSW, `${label} MSW`);
  check(result.meanSquares.raters, c.MSJ, `${label} MSJ`);
  check(result.meanSquares.error, c.MSE, `${label} MSE`);
  const { subjects, raters, residual } = result.anova;
  expect([subjects.df, raters.df, residual.df]).toEqual(c.df);
  check(subjects.sumSquares, c.sumSquares[0]!, `${label} SS subjects`);
  check(raters.sumSquares, c.sumSquares[1]!, `${label} SS raters`);
  check(residual.sumSquares, c.sumSquares[2]!, `${label} SS residual`);
  check(subjects.statistic, c.anovaF[0]!, `${label} F subjects`);
  check(raters.statistic, c.anovaF[1]!, `${label} F raters`);
  check(subjects.p, c.anovaP[0]!, `${label} p subjects`);
  check(raters.p, c.anovaP[1]!, `${label} p raters`);
  expect(residual.statistic).toBeNull();
}

describe('icc: psych::ICC(x, lmer = FALSE) references', () => {
  afterAll(() => {
    // 6 cases × (6 forms × 6 numbers + 4 mean squares + 3 SS + 2 F + 2 p) = 282 numbers.
    console.info(`icc: ${compared} numbers compared with psych, max relative diff ${maxDiff.toExponential(2)}`);
  });
  it('Shrout & Fleiss (1979), Table 2: psych\'s ?ICC example', () => {
    const c = fixture['shroutFleiss']!;
    const result = icc(c.data as number[][]);
    // A number[][] matrix has columns V1…V4; the values do not depend on the names.
    expect(result.columns).toEqual(['V1', 'V2', 'V3', 'V4']);
    compare(icc(rowsOf(c)), c, 'shroutFleiss');
    // Shrout & Fleiss's published values (Table 4): .17, .29, .71, .44, .62, .91.
    expect(result.coefficients.map((x) => Number(x.estimate.toFixed(2)))).toEqual([0.17, 0.29, 0.71, 0.44, 0.62, 0.91]);
    expect(result.coefficients[1]!.description).toMatch(/two-way random effects, absolute agreement, single rater/);
  });
  it('a 90% interval', () => {
    const c = fixture['shroutFleiss90']!;
    const result = icc(rowsOf(c), { confidence: 0.9 });
    expect(result.confidence).toBe(0.9);
    compare(result, c, 'shroutFleiss90');
  });
  it('200 simulated subjects × 5 raters', () => compare(icc(rowsOf(fixture['simulated']!)), fixture['simulated']!, 'simulated'));
  it('no rater effect (MSJ < MSE)', () => compare(icc(rowsOf(fixture['noRaterEffect']!)), fixture['noRaterEffect']!, 'noRaterEffect'));
  it('missing ratings: listwise, as psych::ICC(na.omit(x))', () => {
    const c = fixture['missing']!;
    const result = icc(rowsOf(c), { missing: 'listwise' });
    expect(result.nDropped).toBe(6);
    compare(result, c, 'missing');
  });
  it('two raters', () => compare(icc(rowsOf(fixture['twoRaters']!)), fixture['twoRaters']!, 'twoRaters'));
  it("agrees with psych's default (lmer = TRUE) to lme4's tolerance when both variance components are positive", () => {
    for (const name of ['shroutFleiss', 'simulated']) {
      const c = fixture[name]!;
      const result = icc(rowsOf(c));
      result.coefficients.forEach((x, i) => {
        expect(Math.abs(x.estimate - c.lmer!.estimate[i]!)).toBeLessThan(1e-5);
        expect(Math.abs(x.lower - c.lmer!.lower[i]!)).toBeLessThan(1e-4);
        expect(Math.abs(x.upper - c.lmer!.upper[i]!)).toBeLessThan(1e-4);
      });
    }
    // With MSJ < MSE, REML sets the rater variance to 0 and psych's default gives ICC2 = ICC3 = ICC1;
    // the ANOVA estimates (as lmer = FALSE) differ.
    const flat = fixture['noRaterEffect']!;
    expect(flat.lmer!.estimate[1]).toBeCloseTo(flat.lmer!.estimate[0]!, 6);
    expect(Math.abs(icc(rowsOf(flat)).coefficients[1]!.estimate - flat.lmer!.estimate[1]!)).toBeGreaterThan(1e-3);
  });
  it('reads missing codes, leaves the input alone, and gives a frozen, cloneable result', () => {
    const c = fixture['shroutFleiss']!;
    const rows = rowsOf(c).map((r) => ({ ...r }));
    rows.push({ J1: -99, J2: 3, J3: 4, J4: 5 });
    const before = JSON.stringify(rows);
    const result = icc(rows, { missingCodes: [-99] });
    expect(JSON.stringify(rows)).toBe(before);
    expect(result.nDropped).toBe(1);
    compare(result, { ...c, nDropped: 1 }, 'shroutFleiss + coded row');
    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result.coefficients[0])).toBe(true);
    expect(structuredClone(result)).toEqual(result);
  });
});

describe('icc: errors', () => {
  const sf = fixture['shroutFleiss']!.data as number[][];
  it('fewer than 2 raters: TOO_FEW_VARIABLES', () => {
    expect(errorOf(() => icc(sf.map((r) => [r[0]!]))).code).toBe('TOO_FEW_VARIABLES');
    expect(errorOf(() => icc(sf, { columns: ['V1'] })).code).toBe('TOO_FEW_VARIABLES');
  });
  it('fewer than 2 complete subjects: TOO_FEW_CASES', () => {
    expect(errorOf(() => icc([[1, 2, 3]])).code).toBe('TOO_FEW_CASES');
    expect(errorOf(() => icc([[1, 2, 3], [4, null, 6], [null, 1, 1]])).code).toBe('TOO_FEW_CASES');
  });
  it('every rating the same: ZERO_VARIANCE', () => {
    expect(errorOf(() => icc([[3, 3], [3, 3], [3, 3]])).code).toBe('ZERO_VARIANCE');
  });
  it('bad options and columns', () => {
    expect(errorOf(() => icc(sf, { confidence: 95 })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => icc(sf, { missing: 'pairwise' as never })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => icc(sf, { raters: ['V1', 'V2'] } as never)).code).toBe('INVALID_OPTION');
    expect(errorOf(() => icc(sf, { confidance: 0.9 } as never)).code).toBe('INVALID_OPTION');
    expect(errorOf(() => icc(sf, { columns: ['V1', 'V9'] })).code).toBe('MISSING_COLUMN');
    expect(errorOf(() => icc([[1, 'a'], [2, 3], [3, 4]])).code).toBe('NON_NUMERIC');
  });
});

describe('icc: properties', () => {
  /** Subjects × raters ratings with a subject effect, a rater effect and noise (never all equal). */
  const ratings = fc
    .record({ n: fc.integer({ min: 3, max: 25 }), k: fc.integer({ min: 2, max: 6 }) })
    .chain(({ n, k }) =>
      fc.record({
        subject: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n, maxLength: n }),
        rater: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: k, maxLength: k }),
        noise: fc.array(fc.array(fc.integer({ min: -2, max: 2 }), { minLength: k, maxLength: k }), { minLength: n, maxLength: n }),
        order: fc.shuffledSubarray([...Array(k).keys()], { minLength: k, maxLength: k }),
      }),
    )
    .map(({ subject, rater, noise, order }) => ({ data: subject.map((s, i) => rater.map((r, j) => 5 + s + r + noise[i]![j]!)), order }))
    .filter(({ data }) => new Set(data.flat()).size > 1 && data.some((row) => new Set(row).size > 1));

  const close = (a: number, b: number) => (Number.isFinite(a) || Number.isFinite(b) ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)) : Object.is(a, b) || a === b);

  it('is invariant to relabelling and reordering the raters (columns)', () => {
    fc.assert(
      fc.property(ratings, ({ data, order }) => {
        const a = icc(data);
        const permuted = data.map((row) => order.map((j) => row[j]!));
        const b = icc(permuted);
        const named = icc(
          data.map((row) => Object.fromEntries(order.map((j) => [`rater${j}`, row[j]!]))),
          { columns: order.map((j) => `rater${j}`).reverse() },
        );
        for (const other of [b, named]) {
          other.coefficients.forEach((x, i) => {
            const y = a.coefficients[i]!;
            for (const key of ['estimate', 'statistic', 'p', 'lower', 'upper'] as const) {
              if (!close(x[key], y[key])) throw new Error(`${x.type} ${key}: ${x[key]} vs ${y[key]}`);
            }
          });
          expect(close(other.meanSquares.error, a.meanSquares.error)).toBe(true);
        }
      }),
    );
  });
  it('orders as the theory says: k-rater forms step up single forms; ICC3 ≥ ICC2 when raters differ; F-based bounds bracket the estimate', () => {
    fc.assert(
      fc.property(ratings, ({ data }) => {
        const r = icc(data);
        const [i1, i2, i3, i1k, i2k, i3k] = r.coefficients.map((x) => x.estimate) as number[] as [number, number, number, number, number, number];
        const k = r.k;
        const sb = (x: number) => (k * x) / (1 + (k - 1) * x);
        // ICCk is the Spearman–Brown step-up of ICC for ICC1 and ICC3 (exact algebra).
        if (Number.isFinite(i1) && Math.abs(1 + (k - 1) * i1) > 1e-9) expect(close(sb(i1), i1k)).toBe(true);
        if (Number.isFinite(i3) && Math.abs(1 + (k - 1) * i3) > 1e-9) expect(close(sb(i3), i3k)).toBe(true);
        void i2k;
        if (r.meanSquares.raters >= r.meanSquares.error && i3 > 0) expect(i3).toBeGreaterThanOrEqual(i2 - 1e-12);
        for (const c of r.coefficients) {
          // psych's ICC2/ICC2k bounds (Satterthwaite's v) need not bracket the estimate in tiny
          // samples; the others are monotone in F_L ≤ F ≤ F_U.
          if (c.model !== 'two-way random' && Number.isFinite(c.lower) && Number.isFinite(c.upper) && Number.isFinite(c.estimate)) {
            expect(c.lower).toBeLessThanOrEqual(c.estimate + 1e-9);
            expect(c.upper).toBeGreaterThanOrEqual(c.estimate - 1e-9);
          }
          expect(c.p).toBeGreaterThanOrEqual(0);
          expect(c.p).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});
