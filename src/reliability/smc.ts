import { symmetricEigen } from '../linalg/eigen.js';

/** Squared multiple correlations with the flags psych reports as messages. */
export interface SquaredMultipleCorrelations {
  readonly smc: Float64Array;
  /** True when some eigenvalues were dropped (the matrix is singular to working precision). */
  readonly singular: boolean;
  /** True when some SMCs fell outside [0, 1] and were clipped, as psych does. */
  readonly clipped: boolean;
  /** True when R has a clearly negative eigenvalue (possible with pairwise deletion). */
  readonly indefinite: boolean;
}

// psych::Pinv's tolerance: singular values below sqrt(.Machine$double.eps) × the largest are dropped.
const PINV_TOLERANCE = Math.sqrt(Number.EPSILON);

/**
 * SMCᵢ = 1 − 1 / (R⁻¹)ᵢᵢ, the squared multiple correlation of each variable with all the others,
 * as psych::smc: R⁻¹ is the Moore–Penrose pseudo-inverse (psych::Pinv), so a singular R still
 * gives values, and SMCs outside [0, 1] are clipped to that range.
 *
 * For a symmetric R the pseudo-inverse is Σ vⱼvⱼᵀ/λⱼ over the eigenpairs with
 * |λⱼ| > tol·max|λ| (the singular values of a symmetric matrix are |λ|).
 */
export function squaredMultipleCorrelations(r: Float64Array, p: number): SquaredMultipleCorrelations {
  const { values, vectors } = symmetricEigen(r, p);
  let largest = 0;
  for (let j = 0; j < p; j++) largest = Math.max(largest, Math.abs(values[j] as number));
  const cutoff = PINV_TOLERANCE * largest;
  const smc = new Float64Array(p);
  let singular = false;
  let clipped = false;
  let indefinite = false;
  for (let j = 0; j < p; j++) {
    if (!(Math.abs(values[j] as number) > cutoff)) singular = true;
    else if ((values[j] as number) < 0) indefinite = true;
  }
  for (let i = 0; i < p; i++) {
    let d = 0;
    for (let j = 0; j < p; j++) {
      const lambda = values[j] as number;
      if (!(Math.abs(lambda) > cutoff)) continue;
      const v = vectors[i * p + j] as number;
      d += (v * v) / lambda;
    }
    let s = 1 - 1 / d;
    if (!(s <= 1)) {
      // > 1 (or NaN from d = 0 and the like): psych sets such SMCs to 1 ...
      s = s > 1 || Number.isNaN(s) ? 1 : s;
      clipped = true;
    }
    if (s < 0) {
      // ... and negative ones to 0.
      s = 0;
      clipped = true;
    }
    smc[i] = s;
  }
  return { smc, singular, clipped, indefinite };
}
