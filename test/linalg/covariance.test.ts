import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { numericColumns } from '../../src/index.js';
import { correlationMatrixOf, covarianceMatrix, covarianceToCorrelation, symmetricEigen, inverseSPD } from '../../src/linalg/index.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { expectAllClose } from '../helpers/close.js';

// test/fixtures/linalg.R: R's cov/cor with use = "pairwise" and na.omit on items with missing values.
const ref = loadJson('linalg.json');
const data = numericColumns(loadCsv('peer-workers.csv'), ref.items);
const flat = (m: number[][]) => m.flat();

describe('covariance and correlation match R', () => {
  it('pairwise covariance and counts', () => {
    const cov = covarianceMatrix(data, 'pairwise');
    expectAllClose(cov.matrix, flat(ref.covPairwise), 1e-12, 'cov');
    expect(Array.from(cov.n)).toEqual(flat(ref.pairwiseN));
  });
  it('pairwise correlation (pairwise means and SDs, as cor(use = "pairwise"))', () => {
    expectAllClose(correlationMatrixOf(data, 'pairwise').matrix, flat(ref.corPairwise), 1e-12, 'cor');
  });
  it('listwise covariance and correlation', () => {
    expectAllClose(covarianceMatrix(data, 'listwise').matrix, flat(ref.covListwise), 1e-12, 'cov');
    expectAllClose(correlationMatrixOf(data, 'listwise').matrix, flat(ref.corListwise), 1e-12, 'cor');
  });
  it('eigenvalues in descending order, as eigen(symmetric = TRUE)', () => {
    const R = correlationMatrixOf(data, 'pairwise');
    expectAllClose(symmetricEigen(R.matrix, R.p).values, ref.eigenCorPairwise, 1e-10, 'eigen');
  });
});

describe('linear algebra properties', () => {
  const spd = fc
    .integer({ min: 1, max: 6 })
    .chain((p) => fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: p * (p + 2), maxLength: p * (p + 2) }).map((v) => ({ p, v })))
    .map(({ p, v }) => {
      // A = BᵀB + I with B (p + 2) × p is symmetric positive definite.
      const a = new Float64Array(p * p);
      for (let i = 0; i < p; i++)
        for (let j = 0; j < p; j++) {
          let s = i === j ? 1 : 0;
          for (let k = 0; k < p + 2; k++) s += v[k * p + i]! * v[k * p + j]!;
          a[i * p + j] = s;
        }
      return { p, a };
    });
  it('eigenvectors reconstruct the matrix and values are sorted', () => {
    fc.assert(
      fc.property(spd, ({ p, a }) => {
        const { values, vectors } = symmetricEigen(a, p);
        for (let k = 1; k < p; k++) expect(values[k]!).toBeLessThanOrEqual(values[k - 1]!);
        for (let i = 0; i < p; i++)
          for (let j = 0; j < p; j++) {
            let s = 0;
            for (let k = 0; k < p; k++) s += vectors[i * p + k]! * values[k]! * vectors[j * p + k]!;
            expect(Math.abs(s - a[i * p + j]!)).toBeLessThan(1e-8 * (1 + Math.abs(a[i * p + j]!)));
          }
      }),
    );
  });
  it('inverseSPD(A)·A = I', () => {
    fc.assert(
      fc.property(spd, ({ p, a }) => {
        const inv = inverseSPD(a, p);
        for (let i = 0; i < p; i++)
          for (let j = 0; j < p; j++) {
            let s = 0;
            for (let k = 0; k < p; k++) s += inv[i * p + k]! * a[k * p + j]!;
            expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-8);
          }
      }),
    );
  });
  it('cov2cor of a listwise covariance equals the listwise correlation', () => {
    const cov = covarianceMatrix(data, 'listwise');
    expectAllClose(covarianceToCorrelation(cov.matrix, cov.p), flat(ref.corListwise), 1e-12, 'cov2cor');
  });
});

describe('extreme scales', () => {
  const base = [1, 2, 4, 3, 5, NaN, 2];
  const other = [2, 1, 5, 3, 4, 6, NaN];
  it('correlations are invariant to scaling by 1e300 and 1e-300 (no overflow, no false ZERO_VARIANCE)', () => {
    const ref = correlationMatrixOf(numericColumns({ x: base, y: other })).matrix;
    for (const f of [1e300, 1e-300, 1e-310]) {
      const scaled = correlationMatrixOf(numericColumns({ x: base.map((v) => v * f), y: other })).matrix;
      expectAllClose(scaled, ref, 1e-12, `scale ${f}`);
    }
  });
  it('a covariance that overflows is a NON_FINITE error, not Infinity', () => {
    expect(() => covarianceMatrix(numericColumns({ x: base.map((v) => v * 1e300), y: other.map((v) => v * 1e300) }))).toThrow(
      expect.objectContaining({ code: 'NON_FINITE' }),
    );
  });
  it('covariances of tiny and huge (but representable) data are exact rescalings', () => {
    const ref = covarianceMatrix(numericColumns({ x: base, y: other })).matrix;
    const got = covarianceMatrix(numericColumns({ x: base.map((v) => v * 2 ** 500), y: other.map((v) => v * 2 ** -500) })).matrix;
    expectAllClose([got[0]! / 2 ** 1000, got[1]!, got[3]! * 2 ** 1000], [ref[0]!, ref[1]!, ref[3]!], 1e-12, 'rescaled');
  });
});

describe('symmetricEigen on degenerate spectra', () => {
  // Q·diag(λ)·Qᵀ with repeated and zero eigenvalues: the hard case for inverse iteration.
  const build = (lambda: number[], seedAngles: number[]) => {
    const p = lambda.length;
    const q = new Float64Array(p * p);
    for (let i = 0; i < p; i++) q[i * p + i] = 1;
    seedAngles.forEach((t, r) => {
      const i = r % p;
      const j = (r * 7 + 3) % p;
      if (i === j) return;
      const c = Math.cos(t);
      const s = Math.sin(t);
      for (let k = 0; k < p; k++) {
        const a = q[k * p + i]!;
        const b = q[k * p + j]!;
        q[k * p + i] = c * a - s * b;
        q[k * p + j] = s * a + c * b;
      }
    });
    const m = new Float64Array(p * p);
    for (let i = 0; i < p; i++)
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let k = 0; k < p; k++) s += q[i * p + k]! * lambda[k]! * q[j * p + k]!;
        m[i * p + j] = s;
      }
    for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) m[i * p + j] = m[j * p + i]!;
    return m;
  };
  const spectrum = fc.array(fc.constantFrom(0, 0, 1e-13, 0.5, 1, 1, 1, 3, 7), { minLength: 2, maxLength: 12 });
  it('reconstructs the matrix with orthonormal vectors even with clustered or zero eigenvalues', () => {
    fc.assert(
      fc.property(spectrum, fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 5, maxLength: 40 }), (lambda, angles) => {
        const p = lambda.length;
        const m = build(lambda, angles);
        const { values, vectors } = symmetricEigen(m, p);
        expectAllClose(values, [...lambda].sort((a, b) => b - a), 1e-10, 'values');
        for (let a = 0; a < p; a++)
          for (let b = 0; b < p; b++) {
            let dot = 0;
            let rec = 0;
            for (let k = 0; k < p; k++) {
              dot += vectors[k * p + a]! * vectors[k * p + b]!;
              rec += vectors[a * p + k]! * values[k]! * vectors[b * p + k]!;
            }
            expect(Math.abs(dot - (a === b ? 1 : 0))).toBeLessThan(1e-9);
            expect(Math.abs(rec - m[a * p + b]!)).toBeLessThan(1e-9);
          }
      }),
    );
  });
  it('handles the identity and a block-diagonal matrix', () => {
    const I = new Float64Array(16);
    for (let i = 0; i < 4; i++) I[i * 4 + i] = 1;
    expectAllClose(symmetricEigen(I, 4).values, [1, 1, 1, 1], 1e-14, 'identity');
    const B = Float64Array.from([2, 1, 0, 0, 1, 2, 0, 0, 0, 0, 2, 1, 0, 0, 1, 2]);
    expectAllClose(symmetricEigen(B, 4).values, [3, 3, 1, 1], 1e-12, 'blocks');
  });
});
