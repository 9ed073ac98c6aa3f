import { describe, expect, it } from 'vitest';
import { missingness } from '../../src/screening/missingness.js';
import { readTable } from '../../src/data/table.js';
import { errorCode, errorOf } from '../helpers/errors.js';
import { loadCsv } from '../helpers/fixtures.js';

const peer = loadCsv('peer-workers.csv');
const esse = ['esse1', 'esse2', 'esse3', 'esse4', 'esse5'];

/** Three correlated columns with a few missing cells (no two columns collinear). */
const small = {
  a: [1, 2, 3, 4, 5, 6, 7, 8, null, 10, 3, 5],
  b: [2, 1, 4, 3, 6, 5, null, 7, 9, 8, 2, 6],
  c: [1, 3, 2, null, 4, 6, 5, 8, 7, null, 4, 3],
};
const codes = (m: { warnings: readonly { code: string }[] }) => m.warnings.map((w) => w.code);

describe('missingness: errors', () => {
  it('refuses unknown and ill-typed options', () => {
    expect(errorCode(() => missingness(peer, { colums: esse } as never))).toBe('INVALID_OPTION');
    expect(errorOf(() => missingness(peer, { colums: esse } as never)).message).toContain('columns');
    expect(errorCode(() => missingness(peer, { items: esse } as never))).toBe('INVALID_OPTION');
    expect(errorCode(() => missingness(peer, { columns: 'esse1' } as never))).toBe('INVALID_OPTION');
    expect(errorCode(() => missingness(peer, { columns: esse, mcarTest: 'no' } as never))).toBe('INVALID_OPTION');
    expect(errorCode(() => missingness(peer, { columns: esse, maxIterations: 0 }))).toBe('INVALID_OPTION');
    expect(errorCode(() => missingness(peer, { columns: esse, maxIterations: 2.5 }))).toBe('INVALID_OPTION');
    expect(errorCode(() => missingness(peer, { columns: esse, missingCodes: [{}] } as never))).toBe('INVALID_OPTION');
    expect(errorCode(() => missingness(peer, 'esse1' as never))).toBe('INVALID_OPTION');
  });

  it('names a missing, duplicated or non-numeric column', () => {
    const missing = errorOf(() => missingness(peer, { columns: ['esse1', 'esse99'] }));
    expect(missing.code).toBe('MISSING_COLUMN');
    expect(missing.details.column).toBe('esse99');
    expect(errorCode(() => missingness(peer, { columns: ['esse1', 'esse1'] }))).toBe('DUPLICATE_NAME');
    expect(errorCode(() => missingness(peer, { columns: [] }))).toBe('TOO_FEW_VARIABLES');
    const text = errorOf(() => missingness(peer, { columns: ['esse1', 'marital'] }));
    expect(text.code).toBe('NON_NUMERIC');
    expect(text.details.column).toBe('marital');
    expect(text.message).toContain('mcarTest: false');
    expect(errorCode(() => missingness({ a: [1, Infinity, 3], b: [1, 2, 3] }))).toBe('NON_FINITE');
  });

  it('refuses what is not a table, and a table without rows or columns', () => {
    expect(errorCode(() => missingness(null as never))).toBe('INVALID_INPUT');
    expect(errorCode(() => missingness(42 as never))).toBe('INVALID_INPUT');
    expect(errorCode(() => missingness({ a: [], b: [] }))).toBe('TOO_FEW_CASES');
  });
});

describe('missingness: what it counts', () => {
  it('describes text columns without the test (mcarTest: false)', () => {
    const m = missingness(peer, { columns: ['id', 'marital', 'esse9'], mcarTest: false });
    expect(m.mcar).toBeNull();
    expect(m.byColumn.map((c) => c.nMissing)).toEqual([0, 0, 9]);
    expect(m.patternColumns).toEqual(['id', 'marital', 'esse9']);
    expect(m.patterns.map((q) => [q.n, q.nMissing])).toEqual([
      [259, 0],
      [9, 1],
    ]);
    expect(m.warnings).toEqual([]);
  });

  it('counts every kind of missing cell and the missingCodes, as readTable does', () => {
    const table = { x: [1, null, undefined, Number.NaN, '', '  ', -99, 'NA', 4], y: [1, 2, 3, 4, 5, 6, 7, 8, 9] };
    const m = missingness(table, { missingCodes: [-99, 'NA'], mcarTest: false });
    expect(m.byColumn[0]!.nMissing).toBe(7);
    const viaView = missingness(readTable(table, { missingCodes: [-99, 'NA'] }));
    expect(viaView.byColumn[0]!.nMissing).toBe(7);
    expect(viaView.byRow.nMissing).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 0]);
    expect(viaView.byRow.percent).toEqual([0, 50, 50, 50, 50, 50, 50, 50, 0]);
  });

  it('gives the same test for -99 as a missing code as for empty cells', () => {
    const coded = Object.fromEntries(Object.entries(small).map(([k, v]) => [k, v.map((x) => x ?? -99)]));
    const a = missingness(small);
    const b = missingness(coded, { missingCodes: [-99] });
    expect(b).toEqual(a);
  });

  it('never mutates its input and returns a frozen, cloneable plain object', () => {
    const rows = peer.slice(0, 60).map((r) => ({ ...r }));
    const before = JSON.stringify(rows);
    const options = { columns: esse };
    const m = missingness(rows, options);
    expect(JSON.stringify(rows)).toBe(before);
    expect(options).toEqual({ columns: esse });
    expect(Object.isFrozen(m)).toBe(true);
    expect(Object.isFrozen(m.patterns[0]!.observed)).toBe(true);
    expect(Object.isFrozen(m.mcar!.covariance[0])).toBe(true);
    expect(structuredClone(m)).toEqual(m);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });
});

describe('missingness: warnings and an undefined test', () => {
  it('without missing values: one pattern, no test (df = 0), TOO_FEW_FOR_TEST', () => {
    const m = missingness({ a: [1, 2, 3, 4], b: [2, 1, 4, 3] });
    expect(m.patterns).toEqual([{ observed: [true, true], n: 4, nMissing: 0 }]);
    expect(m.nComplete).toBe(4);
    expect(m.mcar).toBeNull();
    expect(codes(m)).toEqual(['TOO_FEW_FOR_TEST']);
    expect(m.warnings[0]!.message).toContain('no value is missing');
  });

  it('a column missing everywhere: EMPTY_ITEM, and the test runs on the other columns', () => {
    const m = missingness({ ...small, empty: new Array(12).fill(null) });
    expect(codes(m)).toEqual(['EMPTY_ITEM', 'SMALL_SAMPLE']);
    expect(m.warnings[0]!.details!.columns).toEqual(['empty']);
    expect(m.mcar!.columns).toEqual(['a', 'b', 'c']);
    expect(m.mcar).toEqual(missingness(small).mcar);
    expect(m.patternColumns.at(-1)).toBe('empty');
  });

  it('rows missing everything: EMPTY_ROWS, counted in the patterns, dropped from the test', () => {
    const padded = Object.fromEntries(Object.entries(small).map(([k, v]) => [k, [null, ...v, null]]));
    const m = missingness(padded);
    expect(codes(m)).toEqual(['EMPTY_ROWS']);
    expect(m.warnings[0]!.details).toEqual({ n: 2, row: 0 });
    expect(m.patterns.at(-1)).toEqual({ observed: [false, false, false], n: 2, nMissing: 3 });
    expect(m.mcar!.nDropped).toBe(2);
    expect(m.mcar!.n).toBe(12);
    const plain = missingness(small).mcar!;
    expect(m.mcar!.statistic).toBeCloseTo(plain.statistic, 10);
    plain.means.forEach((v, i) => expect(m.mcar!.means[i]).toBeCloseTo(v, 10));
  });

  it('a constant column: ZERO_VARIANCE, no test', () => {
    const m = missingness({ ...small, k: [5, 5, null, 5, 5, 5, 5, 5, 5, 5, null, 5] });
    expect(m.mcar).toBeNull();
    expect(codes(m)).toContain('ZERO_VARIANCE');
    expect(m.warnings.find((w) => w.code === 'ZERO_VARIANCE')!.details!.column).toBe('k');
  });

  it('collinear columns: SINGULAR_CORRELATION, no test', () => {
    const twice = small.a.map((v, i) => (i === 2 ? null : v === null ? null : 2 * v + 1));
    const m = missingness({ ...small, twice });
    expect(m.mcar).toBeNull();
    expect(codes(m)).toContain('SINGULAR_CORRELATION');
  });

  it('an ML covariance on the boundary (tiny data, a correlation of ±1 in the limit): SINGULAR_CORRELATION, no test', () => {
    const m = missingness({ a: [3, null, 3, 3, 2.99], b: [null, 3, 2.98, null, null] });
    expect(m.mcar).toBeNull();
    expect(codes(m)).toContain('SINGULAR_CORRELATION');
  });

  it('EM stopped early: EM_NOT_CONVERGED with converged: false', () => {
    const m = missingness(peer, { columns: esse, maxIterations: 1 });
    expect(m.mcar!.converged).toBe(false);
    expect(m.mcar!.iterations).toBe(1);
    expect(codes(m)).toEqual(['EM_NOT_CONVERGED']);
    expect(missingness(peer, { columns: esse }).mcar!.converged).toBe(true);
  });

  it('two columns never observed together: SMALL_SAMPLE naming them', () => {
    const m = missingness({
      a: [1, 2, 3, 4, 5, 2, 4, 3, 1, 5],
      b: [2, 1, 4, 3, 5, null, null, null, null, null],
      c: [null, null, null, null, null, 3, 5, 2, 1, 4],
    });
    const w = m.warnings.find((x) => x.code === 'SMALL_SAMPLE' && (x.details as { pairs?: number }).pairs !== undefined);
    expect(w?.details?.columns).toEqual(['b', 'c']);
  });

  it('fewer complete rows than columns + 1: SMALL_SAMPLE', () => {
    const m = missingness({ a: [1, null, 3, 4], b: [2, 1, null, 3], c: [3, 1, 2, null] }, { mcarTest: false });
    expect(codes(m)).toEqual(['SMALL_SAMPLE']);
    expect(m.nComplete).toBe(1);
  });
});
