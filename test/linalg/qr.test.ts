import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { householderQr, qrLeastSquares, qrRInverse } from '../../src/linalg/qr.js';
import { expectClose } from '../helpers/close.js';

describe('householderQr', () => {
  it('solves a small least-squares problem exactly', () => {
    // y = -1 + 2x on x = 1, 2, 3
    const qr = householderQr(Float64Array.from([1, 1, 1, 1, 2, 3]), 3, 2);
    const ls = qrLeastSquares(qr, Float64Array.from([1, 3, 5]));
    expectClose(ls.coefficients[0]!, -1, 1e-14, 'b0');
    expectClose(ls.coefficients[1]!, 2, 1e-14, 'b1');
    expectClose(ls.residualSumOfSquares, 0, 1e-24, 'rss');
  });
  it('sets aside aliased columns in order, as dqrdc2 does', () => {
    // columns: 1, x, 2x + 1 (aliased), z, 0 (aliased)
    const n = 5;
    const x = [1, 2, 3, 5, 8];
    const z = [2, -1, 0, 4, 1];
    const cols = [x.map(() => 1), x, x.map((v) => 2 * v + 1), z, x.map(() => 0)];
    const qr = householderQr(Float64Array.from(cols.flat()), n, 5);
    expect(qr.rank).toBe(3);
    expect(Array.from(qr.kept)).toEqual([0, 1, 3]);
    expect(Array.from(qr.aliased)).toEqual([2, 4]);
  });
  it('R⁻¹R⁻ᵀ is (XᵀX)⁻¹ and the normal equations hold (property)', () => {
    const value = fc.integer({ min: -100, max: 100 }).map((v) => v / 10);
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, value), { minLength: 6, maxLength: 30 }), (rows) => {
        const n = rows.length;
        const cols = [rows.map(() => 1), rows.map((r) => r[0]), rows.map((r, i) => r[1] + 0.05 * i * i)];
        const y = Float64Array.from(rows.map((r) => r[2]));
        const qr = householderQr(Float64Array.from(cols.flat()), n, 3);
        if (qr.rank < 3) return;
        const b = qrLeastSquares(qr, y).coefficients;
        // Xᵀ(y − Xb) = 0
        for (const c of cols) {
          let s = 0;
          let scale = 0;
          for (let i = 0; i < n; i++) {
            const e = y[i]! - (b[0]! * cols[0]![i]! + b[1]! * cols[1]![i]! + b[2]! * cols[2]![i]!);
            s += c[i]! * e;
            scale += Math.abs(c[i]! * y[i]!);
          }
          expect(Math.abs(s)).toBeLessThan(1e-9 * (1 + scale));
        }
        // (XᵀX)·R⁻¹R⁻ᵀ = I
        const ri = qrRInverse(qr);
        const inv = (i: number, j: number) => {
          let s = 0;
          for (let m = 0; m < 3; m++) s += ri[i * 3 + m]! * ri[j * 3 + m]!;
          return s;
        };
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 3; j++) {
            let s = 0;
            for (let m = 0; m < 3; m++) {
              let xtx = 0;
              for (let r = 0; r < n; r++) xtx += cols[i]![r]! * cols[m]![r]!;
              s += xtx * inv(m, j);
            }
            expectClose(s, i === j ? 1 : 0, 1e-6, `I[${i},${j}]`);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
