import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { fail } from '../errors.js';

/** Eigenvalues in descending order and matching unit eigenvectors (columns). */
export interface SymmetricEigen {
  readonly values: Float64Array;
  /** p × p row-major; column k (`vectors[i * p + k]`) is the eigenvector of `values[k]`. */
  readonly vectors: Float64Array;
}

/**
 * Eigendecomposition of a symmetric matrix (ml-matrix's tridiagonal QL), reordered so that
 * eigenvalues are descending as R's `eigen(symmetric = TRUE)` returns them. Eigenvector signs are
 * arbitrary, as in LAPACK; callers that need a sign convention apply it themselves.
 */
export function symmetricEigen(matrix: ArrayLike<number>, p: number): SymmetricEigen {
  if (matrix.length !== p * p) throw fail('INVALID_INPUT', `Expected a ${p} × ${p} matrix.`, { p });
  const rows: number[][] = [];
  for (let i = 0; i < p; i++) {
    const row = new Array<number>(p);
    for (let j = 0; j < p; j++) {
      const v = matrix[i * p + j] as number;
      if (!Number.isFinite(v)) throw fail('NON_FINITE', `Matrix entry [${i}, ${j}] is ${v}.`, { row: i, column: String(j), value: v });
      row[j] = v;
    }
    rows.push(row);
  }
  const e = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const raw = e.realEigenvalues;
  const V = e.eigenvectorMatrix;
  const order = raw.map((_, i) => i).sort((i, j) => (raw[j] as number) - (raw[i] as number));
  const values = new Float64Array(p);
  const vectors = new Float64Array(p * p);
  order.forEach((src, k) => {
    values[k] = raw[src] as number;
    for (let i = 0; i < p; i++) vectors[i * p + k] = V.get(i, src);
  });
  return { values, vectors };
}
