// Moments computed elsewhere (SQL's covar_samp, avg, count) in place of a table: validation,
// the type guard, and that the input is never mutated.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isMomentsInput, readMoments, selectMoments, type MomentsInput } from '../../src/data/moments.js';
import { cronbachAlpha, efa, ols } from '../../src/index.js';
import { errorOf } from '../helpers/errors.js';

const covariance = [
  [4, 2, 1],
  [2, 9, 3],
  [1, 3, 16],
];
const good = { covariance, means: [1, 2, 3], n: 50, columns: ['a', 'b', 'c'] };
const read = (m: unknown) => readMoments(m as MomentsInput, 'test');

describe('isMomentsInput', () => {
  it('is true for { covariance: rows, n } and false for a column table with a column named "covariance"', () => {
    expect(isMomentsInput(good)).toBe(true);
    expect(isMomentsInput({ covariance: [new Float64Array([1, 0]), new Float64Array([0, 1])], n: 3 })).toBe(true);
    expect(isMomentsInput({ covariance: [1.5, 2.5, 3], n: [1, 2, 3] })).toBe(false);
    expect(isMomentsInput({ covariance: ['1.5', '2.5'], n: ['1', '2'] })).toBe(false);
    expect(isMomentsInput({ covariance: [[1]] })).toBe(false); // no n
    expect(isMomentsInput({ covariance: [], n: 3 })).toBe(false);
    expect(isMomentsInput([[1, 2], [3, 4]])).toBe(false);
    expect(isMomentsInput(null)).toBe(false);
    expect(isMomentsInput('covariance')).toBe(false);
  });

  it('a column table with a "covariance" column still reads as a table', () => {
    const table = { covariance: [1, 2, 3, 4, 5], n: [2, 1, 4, 3, 6], other: [1, 3, 2, 5, 4] };
    expect(cronbachAlpha(table).columns).toEqual(['covariance', 'n', 'other']);
  });
});

describe('readMoments', () => {
  it('copies the moments into flat arrays, names V1…Vp by default', () => {
    const m = read({ covariance, n: 10 });
    expect(m.names).toEqual(['V1', 'V2', 'V3']);
    expect(m.p).toBe(3);
    expect(m.n).toBe(10);
    expect(Array.from(m.covariance)).toEqual(covariance.flat());
    expect(m.means).toBeNull();
    const named = read(good);
    expect(named.names).toEqual(['a', 'b', 'c']);
    expect(Array.from(named.means!)).toEqual([1, 2, 3]);
  });

  it('accepts typed-array rows and means, and averages mirrored entries within 1e-9 relative', () => {
    const m = read({ covariance: [Float64Array.of(4, 2 + 1e-12), Float64Array.of(2, 9)], means: Float32Array.of(1, 2), n: 5 });
    expect(m.covariance[1]).toBe(m.covariance[2]);
    expect(Math.abs((m.covariance[1] as number) - 2)).toBeLessThan(1e-12);
  });

  it('never mutates the input, and returns fresh arrays', () => {
    const input = structuredClone(good);
    const frozen = Object.freeze({ ...input, covariance: Object.freeze(input.covariance.map((r) => Object.freeze([...r]))), means: Object.freeze([...(input.means as number[])]) });
    const before = JSON.stringify(frozen);
    const m = read(frozen);
    m.covariance[0] = 99;
    m.means![0] = 99;
    m.names[0] = 'zz';
    expect(JSON.stringify(frozen)).toBe(before);
    expect(read(frozen).covariance[0]).toBe(4);
  });

  it.each<[string, unknown, string, Record<string, unknown>]>([
    ['not an object', 42, 'INVALID_INPUT', {}],
    ['covariance not rows', { covariance: 'x', n: 5 }, 'INVALID_INPUT', { option: 'covariance' }],
    ['a row that is not an array', { covariance: [[1, 0], 'ab'], n: 5 }, 'INVALID_INPUT', { row: 1 }],
    ['not square', { covariance: [[1, 0, 0], [0, 1], [0, 0, 1]], n: 5 }, 'LENGTH_MISMATCH', { row: 1 }],
    ['not symmetric', { covariance: [[4, 2, 1], [2, 9, 3], [1, 3.1, 16]], n: 5, columns: ['a', 'b', 'c'] }, 'NOT_SYMMETRIC', { columns: ['c', 'b'] }],
    ['NaN', { covariance: [[1, NaN], [NaN, 1]], n: 5 }, 'NON_FINITE', { row: 0, column: 'V2' }],
    ['Infinity', { covariance: [[1, 0], [0, Infinity]], n: 5 }, 'NON_FINITE', { row: 1, column: 'V2' }],
    ['null (SQL NULL)', { covariance: [[1, null], [null, 1]], n: 5 }, 'NON_FINITE', { row: 0, column: 'V2' }],
    ['a string', { covariance: [[1, '0.5'], [0.5, 1]], n: 5 }, 'NON_NUMERIC', { row: 0, column: 'V2' }],
    ['n missing', { covariance }, 'INVALID_INPUT', { option: 'n' }],
    ['n fractional', { covariance, n: 10.5 }, 'INVALID_INPUT', { option: 'n' }],
    ['n a bigint', { covariance, n: 10n }, 'INVALID_INPUT', { option: 'n' }],
    ['n = 1', { covariance, n: 1 }, 'TOO_FEW_CASES', { option: 'n' }],
    ['means too short', { covariance, n: 5, means: [1, 2] }, 'LENGTH_MISMATCH', { option: 'means' }],
    ['a mean not finite', { covariance, n: 5, means: [1, NaN, 2] }, 'NON_FINITE', { column: 'V2' }],
    ['columns too long', { covariance, n: 5, columns: ['a', 'b', 'c', 'd'] }, 'LENGTH_MISMATCH', { option: 'columns' }],
    ['a duplicate name', { covariance, n: 5, columns: ['a', 'b', 'a'] }, 'DUPLICATE_NAME', { column: 'a' }],
    ['an empty name', { covariance, n: 5, columns: ['a', '', 'c'] }, 'INVALID_INPUT', { option: 'columns' }],
    ['a zero variance', { covariance: [[1, 0], [0, 0]], n: 5, columns: ['a', 'b'] }, 'ZERO_VARIANCE', { column: 'b' }],
    ['a negative variance', { covariance: [[-1, 0], [0, 1]], n: 5, columns: ['a', 'b'] }, 'ZERO_VARIANCE', { column: 'a' }],
  ])('%s → %s', (_, input, code, details) => {
    const e = errorOf(() => read(input));
    expect(e.code).toBe(code);
    expect(e.details).toMatchObject(details);
    expect(e.message).toContain('test:');
  });

  it('the estimators refuse invalid moments with the same codes', () => {
    const bad = { covariance: [[4, 2, 1], [2, 9, 3], [1, 3.1, 16]], means: [1, 2, 3], n: 50 };
    expect(errorOf(() => cronbachAlpha(bad)).code).toBe('NOT_SYMMETRIC');
    expect(errorOf(() => efa(bad)).code).toBe('NOT_SYMMETRIC');
    expect(errorOf(() => ols(bad, { y: 'V1', x: ['V2'] })).code).toBe('NOT_SYMMETRIC');
    expect(errorOf(() => cronbachAlpha({ covariance } as never)).details.option).toBe('n');
  });
});

describe('selectMoments', () => {
  it('selects and reorders by name, MISSING_COLUMN for an unknown one', () => {
    const m = selectMoments(read(good), ['c', 'a'], 'test');
    expect(m.names).toEqual(['c', 'a']);
    expect(Array.from(m.covariance)).toEqual([16, 1, 1, 4]);
    expect(Array.from(m.means!)).toEqual([3, 1]);
    expect(errorOf(() => selectMoments(read(good), ['a', 'z'], 'test')).details).toMatchObject({ column: 'z' });
  });

  it('property: any symmetric matrix with a positive diagonal reads back exactly, whatever its names', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((p) =>
          fc.tuple(
            fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: p, maxLength: p }),
            fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: (p * (p - 1)) / 2, maxLength: (p * (p - 1)) / 2 }),
            fc.integer({ min: 2, max: 1e6 }),
          ),
        ),
        ([diagonal, off, n]) => {
          const p = diagonal.length;
          const c = Array.from({ length: p }, () => new Array<number>(p).fill(0));
          let t = 0;
          for (let i = 0; i < p; i++) {
            c[i]![i] = diagonal[i]!;
            for (let j = 0; j < i; j++) c[i]![j] = c[j]![i] = off[t++]!;
          }
          const m = read({ covariance: c, n });
          expect(Array.from(m.covariance)).toEqual(c.flat());
          expect(m.n).toBe(n);
        },
      ),
    );
  });
});
