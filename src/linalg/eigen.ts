import { fail } from '../errors.js';
import { eigenInto, eigenWorkspace } from './eigen-workspace.js';

/** Eigenvalues in descending order and matching unit eigenvectors (columns). */
export interface SymmetricEigen {
  readonly values: Float64Array;
  /** p × p row-major; column k (`vectors[i * p + k]`) is the eigenvector of `values[k]`. */
  readonly vectors: Float64Array;
}

/**
 * Eigendecomposition of a symmetric matrix, eigenvalues descending as R's
 * `eigen(symmetric = TRUE)` returns them: Householder tridiagonalisation, implicit QL for the
 * eigenvalues and inverse iteration (re-orthogonalised within clusters, with a QL fallback) for
 * the eigenvectors (see `eigen-workspace.ts`). Eigenvector signs are arbitrary, as in LAPACK;
 * callers that need a sign convention apply it themselves.
 */
export function symmetricEigen(matrix: ArrayLike<number>, p: number): SymmetricEigen {
  if (matrix.length !== p * p) throw fail('INVALID_INPUT', `Expected a ${p} × ${p} matrix.`, { p });
  for (let t = 0; t < p * p; t++) {
    const v = matrix[t] as number;
    if (!Number.isFinite(v)) {
      throw fail('NON_FINITE', `Matrix entry [${Math.floor(t / p)}, ${t % p}] is ${v}.`, { row: Math.floor(t / p), column: String(t % p), value: v });
    }
  }
  const ws = eigenWorkspace(p);
  if (!eigenInto(ws, matrix, p)) throw fail('SINGULAR', 'The eigendecomposition did not converge.', { p });
  return { values: Float64Array.from(ws.values), vectors: Float64Array.from(ws.vectors.subarray(0, p * p)) };
}
