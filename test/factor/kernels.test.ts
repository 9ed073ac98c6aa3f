import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eigenInto, eigenWorkspace } from '../../src/linalg/eigen-workspace.js';
import { invertInto, polarInto } from '../../src/factor/internal/dense.js';
import { symmetricEigen } from '../../src/linalg/index.js';
import { rotate } from '../../src/factor/index.js';

const symmetric = (p: number) =>
  fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: p * p, maxLength: p * p }).map((v) => {
    const a = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) a[i * p + j] = a[j * p + i] = Math.abs(v[i * p + j] as number) < 1e-200 ? 0 : (v[i * p + j] as number);
    return a;
  });

describe('workspace eigensolver', () => {
  it('matches ml-matrix eigenvalues; leading vectors are orthonormal eigenvectors', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((p) => fc.tuple(fc.constant(p), symmetric(p), fc.integer({ min: 1, max: p }))),
        ([p, a, k]) => {
          const ws = eigenWorkspace(p);
          expect(eigenInto(ws, a, k)).toBe(true);
          const ref = symmetricEigen(a, p);
          for (let i = 0; i < p; i++) expect(Math.abs((ws.values[i] as number) - (ref.values[i] as number))).toBeLessThan(1e-12);
          for (let j = 0; j < k; j++) {
            for (let i = 0; i < p; i++) {
              let s = 0;
              for (let m = 0; m < p; m++) s += (a[i * p + m] as number) * (ws.vectors[m * k + j] as number);
              expect(Math.abs(s - (ws.values[j] as number) * (ws.vectors[i * k + j] as number))).toBeLessThan(1e-10);
            }
            for (let jj = 0; jj <= j; jj++) {
              let s = 0;
              for (let i = 0; i < p; i++) s += (ws.vectors[i * k + j] as number) * (ws.vectors[i * k + jj] as number);
              expect(Math.abs(s - (j === jj ? 1 : 0))).toBeLessThan(1e-10);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('handles repeated eigenvalues (identity, equicorrelation)', () => {
    for (const p of [5, 30]) {
      const a = new Float64Array(p * p);
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) a[i * p + j] = i === j ? 1 : 0.3;
      const ws = eigenWorkspace(p);
      eigenInto(ws, a, p);
      expect(ws.values[0]).toBeCloseTo(1 + 0.3 * (p - 1), 12);
      for (let j = 1; j < p; j++) expect(ws.values[j]).toBeCloseTo(0.7, 12);
      for (let j = 0; j < p; j++) {
        for (let jj = 0; jj < j; jj++) {
          let s = 0;
          for (let i = 0; i < p; i++) s += (ws.vectors[i * p + j] as number) * (ws.vectors[i * p + jj] as number);
          expect(Math.abs(s)).toBeLessThan(1e-10);
        }
      }
    }
  });
});

describe('small dense kernels', () => {
  it('polar factor is orthogonal and sums singular values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((k) => fc.tuple(fc.constant(k), symmetric(k), symmetric(k))), ([k, s1, s2]) => {
        const x = new Float64Array(k * k);
        for (let i = 0; i < k * k; i++) x[i] = (s1[i] as number) + 0.37 * (s2[(i * 7) % (k * k)] as number) + (i % (k + 1) === 0 ? 2 : 0);
        const out = new Float64Array(k * k);
        const total = polarInto(x, k, out, new Float64Array(k * k), new Float64Array(k * k));
        for (let i = 0; i < k; i++) {
          for (let j = 0; j < k; j++) {
            let s = 0;
            for (let t = 0; t < k; t++) s += (out[t * k + i] as number) * (out[t * k + j] as number);
            expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-10);
          }
        }
        // Σσ = trace(Uᵀ X) for the polar factor U.
        let tr = 0;
        for (let i = 0; i < k; i++) for (let t = 0; t < k; t++) tr += (out[t * k + i] as number) * (x[t * k + i] as number);
        expect(Math.abs(tr - total)).toBeLessThan(1e-9 * Math.max(1, total));
      }),
    );
  });

  it('polar factor of a rank-deficient matrix is still orthogonal (as a full SVD gives)', () => {
    for (const x of [Float64Array.from([1, 1, 1, 1]), Float64Array.from([0, 0, 0, 0]), Float64Array.from([1, 2, 3, 2, 4, 6, 0, 0, 0])]) {
      const k = Math.round(Math.sqrt(x.length));
      const out = new Float64Array(k * k);
      polarInto(x, k, out, new Float64Array(k * k), new Float64Array(k * k));
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          let s = 0;
          for (let t = 0; t < k; t++) s += (out[t * k + i] as number) * (out[t * k + j] as number);
          expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-12);
        }
      }
    }
    // rank-1 loadings through varimax: rotation matrix orthogonal
    const r = rotate(Array.from({ length: 5 }, () => [0.05, 0.05]), { rotation: 'varimax' });
    const m = r.rotationMatrix;
    expect(Math.abs(m[0]![0]! * m[0]![1]! + m[1]![0]! * m[1]![1]!)).toBeLessThan(1e-12);
  });

  it('inverse times matrix is the identity; singular input is reported', () => {
    const a = Float64Array.from([4, 1, 2, 0.5, 3, 1, 2, 1, 5]);
    const inv = new Float64Array(9);
    expect(invertInto(a, 3, inv, new Float64Array(9))).toBe(true);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let t = 0; t < 3; t++) s += (a[i * 3 + t] as number) * (inv[t * 3 + j] as number);
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
    expect(invertInto(Float64Array.from([1, 2, 2, 4]), 2, new Float64Array(4), new Float64Array(4))).toBe(false);
  });
});
