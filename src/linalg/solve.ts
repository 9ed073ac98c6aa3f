import { fail } from '../errors.js';

/**
 * In-place Cholesky factorisation of a symmetric positive-definite p × p matrix (row-major):
 * on return the lower triangle holds L with A = L·Lᵀ. Returns false (leaving `a` partly
 * overwritten) when a pivot is not positive — the caller decides whether that is an error.
 *
 * With `tolerance` > 0, a pivot Lⱼⱼ² at or below `tolerance` × Aⱼⱼ also fails: column j is then
 * (numerically) a linear combination of the columns before it. The mediation bootstrap uses this
 * as its rank check. Allocates nothing.
 */
export function choleskyInPlace(a: Float64Array, p: number, tolerance = 0): boolean {
  for (let j = 0; j < p; j++) {
    const jj = j * p + j;
    // Aⱼⱼ is still the original diagonal here: row j is only overwritten from this step on.
    const floor = tolerance === 0 ? 0 : tolerance * (a[jj] as number);
    let d = a[jj] as number;
    for (let k = 0; k < j; k++) d -= (a[j * p + k] as number) * (a[j * p + k] as number);
    if (!(d > floor)) return false;
    const ljj = Math.sqrt(d);
    a[jj] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j] as number;
      for (let k = 0; k < j; k++) s -= (a[i * p + k] as number) * (a[j * p + k] as number);
      a[i * p + j] = s / ljj;
    }
  }
  return true;
}

/** Solves L·Lᵀ·x = b in place in `b`, given the factor from {@link choleskyInPlace}. Allocates nothing. */
export function choleskySolveInPlace(l: Float64Array, p: number, b: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * p + k] as number) * (b[k] as number);
    b[i] = s / (l[i * p + i] as number);
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i] as number;
    for (let k = i + 1; k < p; k++) s -= (l[k * p + i] as number) * (b[k] as number);
    b[i] = s / (l[i * p + i] as number);
  }
}

/** The full p × p inverse from a Cholesky factor (lower triangle of `l`, as choleskyInPlace leaves it), column by column. */
export function inverseFromCholesky(l: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  inverseFromCholeskyInto(l, p, inv, new Float64Array(p));
  return inv;
}

/** {@link inverseFromCholesky} into `out` (p × p) with `column` (≥ p) as scratch: allocates nothing, for iteration loops. */
export function inverseFromCholeskyInto(l: Float64Array, p: number, out: Float64Array, column: Float64Array): void {
  for (let j = 0; j < p; j++) {
    column.fill(0, 0, p);
    column[j] = 1;
    choleskySolveInPlace(l, p, column);
    for (let i = 0; i < p; i++) out[i * p + j] = column[i] as number;
  }
}

/**
 * Inverse of a symmetric positive-definite matrix through its Cholesky factor.
 * Throws `NOT_POSITIVE_DEFINITE` when the factorisation fails.
 */
export function inverseSPD(a: ArrayLike<number>, p: number): Float64Array {
  const l = Float64Array.from(a);
  if (!choleskyInPlace(l, p)) throw fail('NOT_POSITIVE_DEFINITE', 'The matrix is not positive definite.', { p });
  return inverseFromCholesky(l, p);
}
