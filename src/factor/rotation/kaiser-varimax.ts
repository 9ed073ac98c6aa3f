import { crossprodInto, multiplyInto } from '../../linalg/products.js';
import { polarInto } from '../internal/dense.js';
import { kaiserNormalize } from './kaiser.js';

/** Output of {@link kaiserVarimax}. */
export interface VarimaxRun {
  /** p × k rotated loadings. */
  readonly loadings: Float64Array;
  /** k × k orthogonal T with L = A·T (R's `rotmat`). */
  readonly t: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Varimax exactly as R's stats::varimax, which psych::fa(rotate = "varimax") calls: optional
 * Kaiser row normalisation, then T ← polar factor of Aᵀ(Z³ − Z·diag(colSums(Z²))/p) with Z = A·T,
 * until the sum of singular values grows by less than a factor (1 + ε), ε = 1e-5, at most 1000
 * times. This relative stopping rule ends earlier than gradient projection would (differences of
 * up to ~1e-3 in loadings), which is why psychkit keeps it as the default for `'varimax'`.
 */
export function kaiserVarimax(a: Float64Array, p: number, k: number, normalize = true, eps = 1e-5, maxIterations = 1000): VarimaxRun {
  const x = Float64Array.from(a);
  const sc = normalize ? kaiserNormalize(x, p, k) : new Float64Array(p).fill(1);
  const kk = k * k;
  const T = new Float64Array(kk);
  for (let j = 0; j < k; j++) T[j * k + j] = 1;
  const z = new Float64Array(p * k);
  const colSq = new Float64Array(k);
  const y = new Float64Array(p * k);
  const B = new Float64Array(kk);
  const w1 = new Float64Array(kk);
  const w2 = new Float64Array(kk);
  let d = 0;
  let iterations = 0;
  let converged = false;
  for (let it = 1; it <= maxIterations; it++) {
    iterations = it;
    multiplyInto(x, T, p, k, k, z);
    colSq.fill(0);
    for (let i = 0; i < p; i++) for (let j = 0; j < k; j++) colSq[j] = (colSq[j] as number) + (z[i * k + j] as number) ** 2;
    // B = xᵀ (z³ − z·diag(colSq)/p)
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < k; j++) {
        const v = z[i * k + j] as number;
        y[i * k + j] = v * v * v - (v * (colSq[j] as number)) / p;
      }
    }
    crossprodInto(x, y, p, k, k, B);
    const dpast = d;
    d = polarInto(B, k, T, w1, w2);
    if (d < dpast * (1 + eps)) {
      converged = true;
      break;
    }
  }
  multiplyInto(x, T, p, k, k, z);
  for (let i = 0; i < p; i++) for (let j = 0; j < k; j++) z[i * k + j] = (z[i * k + j] as number) * (sc[i] as number);
  return { loadings: z, t: T, iterations, converged };
}
