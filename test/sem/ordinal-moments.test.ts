// WLSMV sample statistics of ordered indicators against lavaan 0.6.14 (test/fixtures/ordinal-moments.json,
// made by ordinal-moments.R): thresholds, two-step polychoric correlations, Γ (NACOV) and the DWLS
// weights for the ESSE items (n = 228 after listwise deletion), a simulated case with missing
// values, non-consecutive codes and an empty cell, and a binary case (2 × 2 tables with one and two
// empty cells, thresholds exactly 0). Observed agreement: thresholds ~4e-15, correlations ~2e-8
// (lavaan's nlminb stops at a relative change of 1e-10), Γ ~2e-8 of its largest entry.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ordinalMoments, type OrdinalMoments } from '../../src/sem/ordinal.js';
import { symmetricEigen } from '../../src/linalg/eigen.js';
import { expectAllClose } from '../helpers/close.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';

interface Matrix {
  rowNames: string[];
  colNames: string[];
  rows: number[][];
}
interface RefCase {
  data: string;
  items: string[];
  n: { used: number; total: number };
  completeRows: number[];
  categories: Record<string, number[]>;
  sampstat: {
    sameAs?: string;
    thresholds: { names: string[]; values: number[] };
    correlation: Matrix;
    gamma: Matrix;
    wlsV: { names: string[]; diagonal: number[]; offDiagonalMaxAbs: number };
    emptyCellPairs: [string, string][];
  };
  estimation: { wlsObs: { names: string[]; values: number[] } };
}

const reference = loadJson<{ cases: Record<string, RefCase> }>('ordinal-moments.json').cases;

function columnsOf(c: RefCase): Float64Array[] {
  const rows = loadCsv(c.data);
  return c.items.map((item) => Float64Array.from(rows, (r) => (r[item] === '' || r[item] === 'NA' ? Number.NaN : Number(r[item]))));
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

// esse_one_factor is there for the estimation stage; its sample statistics are those of esse
const withMoments = Object.keys(reference).filter((id) => reference[id]!.sampstat.thresholds !== undefined);

describe.each(withMoments)('ordinalMoments against lavaan: %s', (id) => {
  const c = reference[id] as RefCase;
  const m = ordinalMoments(columnsOf(c), c.items);
  const ss = c.sampstat;

  it('drops incomplete rows as lavaan does and keeps its categories', () => {
    expect(m.n).toBe(c.n.used);
    expect(Array.from(m.rows)).toEqual(c.completeRows);
    expect(m.categories).toEqual(c.items.map((item) => c.categories[item]));
    m.counts.forEach((cnt) => expect(cnt.reduce((s, x) => s + x, 0)).toBe(c.n.used));
  });

  it('names and orders the statistics as lavaan (thresholds, then vech(R, diagonal = FALSE))', () => {
    expect(m.thresholdNames).toEqual(ss.thresholds.names);
    expect([...m.thresholdNames, ...m.correlationNames]).toEqual(ss.gamma.rowNames);
    expect(ss.gamma.colNames).toEqual(ss.gamma.rowNames);
    expect(m.k).toBe(ss.gamma.rowNames.length);
    expect(m.emptyCellPairs.map(([a, b]) => [c.items[a], c.items[b]])).toEqual(ss.emptyCellPairs);
  });

  it('thresholds within 1e-6', () => {
    expectAllClose(m.thresholds, ss.thresholds.values, 1e-6, 'threshold');
    for (let t = 0; t < m.thresholds.length; t++) expect(m.thresholdNames[t]!.startsWith(`${c.items[m.thresholdOwner[t]!]}|t`)).toBe(true);
  });

  it('polychoric correlations within 1e-6', () => {
    expectAllClose(m.correlation, ss.correlation.rows.flat(), 1e-6, 'correlation');
    expectAllClose(m.observed, c.estimation.wlsObs.values, 1e-6, 'WLS.obs');
  });

  it('Γ within 1e-6 of its largest entry, and the DWLS weights within 1e-6 relative', () => {
    const expected = ss.gamma.rows.flat();
    const largest = expected.reduce((s, x) => Math.max(s, Math.abs(x)), 0);
    expect(maxAbsDiff(m.gamma, expected) / largest).toBeLessThan(1e-6);
    expect(ss.wlsV.offDiagonalMaxAbs).toBe(0);
    ss.wlsV.diagonal.forEach((x, a) => expect(Math.abs(m.weights[a]! - x) / x, `weight ${a}`).toBeLessThan(1e-6));
  });
});

describe('ordinalMoments: input', () => {
  const esse = reference['esse'] as RefCase;
  const columns = columnsOf(esse);

  it('gives the sample vector (WLS.obs) of every case that shares the ESSE data', () => {
    const m = ordinalMoments(columns, esse.items);
    for (const c of Object.values(reference).filter((r) => r.sampstat.sameAs === 'esse')) {
      expectAllClose(m.observed, c.estimation.wlsObs.values, 1e-6, 'WLS.obs');
    }
  });

  it('does not modify its input', () => {
    const copy = columns.map((col) => Float64Array.from(col));
    const names = [...esse.items];
    ordinalMoments(columns, names);
    columns.forEach((col, v) => expect(Array.from(col)).toEqual(Array.from(copy[v]!)));
    expect(names).toEqual(esse.items);
  });

  it('accepts plain arrays, and any strictly increasing recoding of the categories gives the same statistics', () => {
    const base = ordinalMoments(columns, esse.items);
    const recoded = ordinalMoments(
      columns.map((col, v) => Array.from(col, (x) => (Number.isNaN(x) ? Number.NaN : v % 2 === 0 ? 10 * x - 7 : x * x))),
      esse.items,
    );
    expect(maxAbsDiff(recoded.gamma, base.gamma)).toBe(0);
    expect(maxAbsDiff(recoded.correlation, base.correlation)).toBe(0);
    expect(recoded.categories[0]).toEqual([3, 13, 23, 33, 43]);
    expect(recoded.categories[1]).toEqual([1, 4, 9, 16, 25]);
  });

  it('rejects bad input with the documented codes', () => {
    const two = [Float64Array.of(1, 2, 1, 2), Float64Array.of(1, 1, 2, 2)];
    let e = errorOf(() => ordinalMoments([Float64Array.of(1, 2, 1, 2), Float64Array.of(3, 3, 3, 3)], ['a', 'b']));
    expect(e.code).toBe('ZERO_VARIANCE');
    expect(e.details.column).toBe('b');
    // constant only among the complete rows
    e = errorOf(() => ordinalMoments([Float64Array.of(1, 2, 1, 2, 1), Float64Array.of(1, NaN, 1, NaN, 1)], ['a', 'b']));
    expect([e.code, e.details.column]).toEqual(['ZERO_VARIANCE', 'a']);
    e = errorOf(() => ordinalMoments([Float64Array.of(1, 2, 1, 2), Float64Array.of(1, 2, 2.5, 1)], ['a', 'b']));
    expect([e.code, e.details.column, e.details.row]).toEqual(['OUT_OF_RANGE', 'b', 2]);
    e = errorOf(() => ordinalMoments([Float64Array.of(1, 2, Infinity, 2), Float64Array.of(1, 2, 2, 1)], ['a', 'b']));
    expect([e.code, e.details.column, e.details.row]).toEqual(['NON_FINITE', 'a', 2]);
    expect(errorOf(() => ordinalMoments([Float64Array.of(1, 2, 1), Float64Array.of(1, 2, 2, 1)], ['a', 'b'])).code).toBe('LENGTH_MISMATCH');
    expect(errorOf(() => ordinalMoments(two, ['a', 'a'])).code).toBe('DUPLICATE_NAME');
    expect(errorOf(() => ordinalMoments(two, ['a'])).code).toBe('INVALID_INPUT');
    expect(errorOf(() => ordinalMoments([], [])).code).toBe('INVALID_INPUT');
    expect(errorOf(() => ordinalMoments([Float64Array.of(1, NaN, 2), Float64Array.of(1, 2, NaN)], ['a', 'b'])).code).toBe('TOO_FEW_CASES');
  });

  it('an empty cell that would send ρ to ±1 stops at lavaan’s bound 0.999; one that keeps ρ inside does not', () => {
    // x and y agree except for two cases: the only empty cells are off the diagonal band
    const x = [1, 1, 1, 2, 2, 2, 3, 3, 3, 1, 2, 3, 1, 2, 3];
    const y = [1, 1, 1, 2, 2, 2, 3, 3, 3, 1, 2, 3, 2, 3, 3];
    const m = ordinalMoments([Float64Array.from(x), Float64Array.from(y)], ['x', 'y']);
    expect(m.emptyCellPairs).toEqual([[0, 1]]);
    expect(m.correlation[1]).toBeGreaterThan(0.9);
    expect(m.correlation[1]).toBeLessThanOrEqual(0.999);
    const perfect = ordinalMoments([Float64Array.from(x), Float64Array.from(x)], ['x', 'y']);
    expect(perfect.correlation[1]).toBeCloseTo(0.999, 12);
  });
});

function checkInvariants(m: OrdinalMoments): void {
  const { p, k } = m;
  for (let v = 0; v < p; v++) {
    for (let t = m.thresholdStart[v]! + 1; t < m.thresholdStart[v + 1]!; t++) expect(m.thresholds[t]!).toBeGreaterThan(m.thresholds[t - 1]!);
  }
  for (let a = 0; a < p; a++) {
    expect(m.correlation[a * p + a]).toBe(1);
    for (let b = 0; b < p; b++) {
      expect(m.correlation[a * p + b]).toBe(m.correlation[b * p + a]);
      expect(Math.abs(m.correlation[a * p + b]!)).toBeLessThanOrEqual(1);
    }
  }
  let largest = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) expect(m.gamma[a * k + b]).toBe(m.gamma[b * k + a]);
    largest = Math.max(largest, m.gamma[a * k + a]!);
    expect(m.weights[a]).toBeCloseTo(1 / m.gamma[a * k + a]!, 12);
  }
  const { values } = symmetricEigen(m.gamma, k);
  expect(values[k - 1]!).toBeGreaterThan(-1e-10 * largest);
}

describe('ordinalMoments: properties', () => {
  it('thresholds increase, R is a symmetric correlation matrix, Γ is symmetric positive semi-definite', () => {
    // ordinal data from a one-factor model cut at random thresholds (every category present)
    const dataset = fc
      .record({
        p: fc.integer({ min: 2, max: 5 }),
        n: fc.integer({ min: 30, max: 120 }),
        categories: fc.array(fc.integer({ min: 2, max: 5 }), { minLength: 5, maxLength: 5 }),
        loadings: fc.array(fc.double({ min: -0.9, max: 0.9, noNaN: true }), { minLength: 5, maxLength: 5 }),
        normals: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 6 * 120, maxLength: 6 * 120 }),
      })
      .map(({ p, n, categories, loadings, normals }) =>
        Array.from({ length: p }, (_, v) => {
          const kv = categories[v]!;
          const l = loadings[v]!;
          const z = Array.from({ length: n }, (_, r) => l * normals[r]! + Math.sqrt(1 - l * l) * normals[(v + 1) * 120 + r]!);
          const sorted = [...z].sort((a, b) => a - b);
          // cut at sample quantiles so that every category has cases
          const cuts = Array.from({ length: kv - 1 }, (_, c) => sorted[Math.floor(((c + 1) * n) / kv)]!);
          return Float64Array.from(z, (x) => 1 + cuts.filter((t) => x >= t).length);
        }),
      )
      .filter((cols) => cols.every((col) => new Set(col).size >= 2));
    fc.assert(
      fc.property(dataset, (cols) => {
        checkInvariants(ordinalMoments(cols, cols.map((_, v) => `y${v + 1}`)));
      }),
      { numRuns: 40 },
    );
  });
});
