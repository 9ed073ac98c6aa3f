import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crossProducts } from '../../src/linalg/covariance.js';
import { pairwiseCrossProducts } from '../../src/screening/cross-products.js';
import { itemMatrixOf } from '../../src/screening/item-matrix.js';

// The screening kernel must give the linalg pairwise cross-products bit for bit: same means and
// scales, same running sums in the same order, same 1,024-row blocks.

const FIELDS = ['n', 'sumA', 'sumAA', 'sumAB', 'means', 'scale'] as const;

function expectSame(columns: Float64Array[], n: number): void {
  const names = columns.map((_, j) => `x${j}`);
  const reference = crossProducts({ names, n, columns }, 'pairwise');
  const direct = pairwiseCrossProducts(columns, n);
  // Through an item matrix: with its answered counts and one-pass column sums.
  const viaMatrix = itemMatrixOf(names, n, columns).crossProducts();
  for (const got of [direct, viaMatrix]) {
    expect(got.p).toBe(reference.p);
    for (const field of FIELDS) expect(Array.from(got[field]), field).toEqual(Array.from(reference[field]));
  }
}

/** k columns of n cells: values from `cell`, each missing (NaN) with probability `missing`. */
const matrix = (cell: fc.Arbitrary<number>, maxRows: number) =>
  fc
    .record({ k: fc.integer({ min: 1, max: 9 }), n: fc.integer({ min: 0, max: maxRows }), missing: fc.constantFrom(0, 0.05, 0.3, 0.9) })
    .chain(({ k, n, missing }) =>
      fc.array(fc.array(fc.tuple(cell, fc.double({ min: 0, max: 1, noNaN: true })), { minLength: n, maxLength: n }), { minLength: k, maxLength: k }).map((cols) => ({
        n,
        columns: cols.map((col) => Float64Array.from(col, ([v, u]) => (u < missing ? Number.NaN : v))),
      })),
    );

describe('pairwiseCrossProducts', () => {
  it('equals linalg crossProducts (pairwise) bit for bit: Likert answers with missing cells', () => {
    fc.assert(
      fc.property(matrix(fc.integer({ min: 1, max: 5 }), 60), ({ n, columns }) => expectSame(columns, n)),
      { numRuns: 200 },
    );
  });

  it('equals it on real-valued data of any scale (tiny, huge, negative, mixed signs)', () => {
    const cell = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -1e300, max: 1e300, noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -1e-300, max: 1e-300, noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, -0, 5e-324, 1.7976931348623157e308),
    );
    fc.assert(
      fc.property(matrix(cell, 40), ({ n, columns }) => expectSame(columns, n)),
      { numRuns: 200 },
    );
  });

  it('equals it across several 1,024-row blocks', () => {
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (const [n, k] of [
      [1024, 3],
      [2500, 7],
      [3073, 40],
    ] as const) {
      const columns = Array.from({ length: k }, () => Float64Array.from({ length: n }, () => (next() < 0.03 ? Number.NaN : 1 + Math.floor(next() * 5))));
      expectSame(columns, n);
      const reals = Array.from({ length: k }, () => Float64Array.from({ length: n }, () => (next() < 0.03 ? Number.NaN : 1000 + next() * 3.3)));
      expectSame(reals, n);
    }
  });
});
