import { eigenWorkspace, eigenInto } from '../linalg/eigen-workspace.js';
import { mirrorTriangle, tcrossprodInto } from '../linalg/products.js';

const DBL_EPSILON = 2 ** -52;
const EIGEN_TOLERANCE = 1e-12;

/**
 * Smooths a correlation matrix that is not positive definite, as `psych::cor.smooth`: when the
 * smallest eigenvalue is below machine epsilon, eigenvalues below 1e-12 are set to 100·1e-12, all
 * are rescaled to sum to p, the matrix is rebuilt as V·diag(λ)·Vᵀ and rescaled to unit diagonal.
 * Returns the input itself (not a copy) when it is already positive definite. Eigenvectors are
 * computed only when smoothing is needed (this runs inside every factor fit). `force` smooths even
 * when the smallest eigenvalue is above machine epsilon — for a matrix that is singular to
 * rounding (a correlation of exactly 1, say) whose Cholesky factorisation fails all the same.
 */
export function smoothCorrelation(matrix: Float64Array, p: number, force = false): { matrix: Float64Array; smoothed: boolean } {
  const ws = eigenWorkspace(p);
  eigenInto(ws, matrix, 0);
  if (!force && !((ws.values[p - 1] as number) < DBL_EPSILON)) return { matrix, smoothed: false };
  eigenInto(ws, matrix, p);
  const { values, vectors } = ws;
  const lambda = new Float64Array(p);
  let total = 0;
  for (let k = 0; k < p; k++) {
    const v = values[k] as number;
    lambda[k] = v < EIGEN_TOLERANCE ? 100 * EIGEN_TOLERANCE : v;
    total += lambda[k] as number;
  }
  for (let k = 0; k < p; k++) lambda[k] = ((lambda[k] as number) * p) / total;
  // rebuilt = V·Λ·Vᵀ
  const scaled = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let k = 0; k < p; k++) scaled[i * p + k] = (vectors[i * p + k] as number) * (lambda[k] as number);
  const rebuilt = new Float64Array(p * p);
  tcrossprodInto(scaled, vectors, p, p, p, rebuilt);
  mirrorTriangle(rebuilt, p, 'upper');
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      out[i * p + j] = i === j ? 1 : (rebuilt[i * p + j] as number) / Math.sqrt((rebuilt[i * p + i] as number) * (rebuilt[j * p + j] as number));
    }
  }
  return { matrix: out, smoothed: true };
}
