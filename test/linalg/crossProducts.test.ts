import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { covarianceMatrix, correlationMatrixOf, crossProducts } from '../../src/linalg/index.js';

// The blocked kernel (2 × 4 register blocks, odd/even p, tails) and the row-ordered missing-cell
// corrections against a direct per-pair computation of R's cov(x, use = "pairwise").
function naivePairwiseCov(cols: Float64Array[], a: number, b: number): { n: number; cov: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  cols[a]!.forEach((v, i) => {
    const w = cols[b]![i]!;
    if (!Number.isNaN(v) && !Number.isNaN(w)) {
      xs.push(v);
      ys.push(w);
    }
  });
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let c = 0;
  for (let i = 0; i < n; i++) c += (xs[i]! - mx) * (ys[i]! - my);
  return { n, cov: c / (n - 1) };
}

const data = fc.record({ p: fc.integer({ min: 1, max: 11 }), n: fc.integer({ min: 4, max: 60 }) }).chain(({ p, n }) =>
  fc.array(fc.array(fc.option(fc.integer({ min: -5, max: 9 }), { nil: null, freq: 8 }), { minLength: n, maxLength: n }), {
    minLength: p,
    maxLength: p,
  }),
);

describe('crossProducts kernel', () => {
  it('pairwise covariances and counts equal a direct per-pair computation, for any p', () => {
    fc.assert(
      fc.property(data, (raw) => {
        const columns = raw.map((c) => Float64Array.from(c, (v) => (v === null ? NaN : v)));
        const p = columns.length;
        for (let a = 0; a < p; a++) for (let b = a; b < p; b++) fc.pre(naivePairwiseCov(columns, a, b).n >= 2);
        const input = { names: columns.map((_, j) => `x${j}`), n: columns[0]!.length, columns };
        const before = columns.map((c) => Array.from(c));
        const cov = covarianceMatrix(input, 'pairwise');
        for (let a = 0; a < p; a++)
          for (let b = 0; b < p; b++) {
            const ref = naivePairwiseCov(columns, a, b);
            expect(cov.n[a * p + b]).toBe(ref.n);
            expect(Math.abs(cov.matrix[a * p + b]! - ref.cov)).toBeLessThan(1e-10 * (1 + Math.abs(ref.cov)));
          }
        expect(columns.map((c) => Array.from(c))).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });
  it('the diagonal sums and counts hold each column on its own', () => {
    const columns = [new Float64Array([1, 2, NaN, 4, 5]), new Float64Array([2, NaN, 3, 3, 1]), new Float64Array([NaN, 1, 1, 2, 9])];
    const cp = crossProducts({ names: ['a', 'b', 'c'], n: 5, columns }, 'pairwise');
    expect(Array.from(cp.n)).toEqual([4, 3, 3, 3, 4, 3, 3, 3, 4]);
    expect(Array.from(cp.means)).toEqual([3, 2.25, 3.25]);
    expect(correlationMatrixOf({ names: ['a', 'b', 'c'], n: 5, columns }).matrix[0]).toBe(1);
  });
});
