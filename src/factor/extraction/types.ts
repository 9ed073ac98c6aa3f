/** What every extraction method returns: an unrotated p × k solution on flat arrays. */
export interface ExtractionResult {
  /** p × k row-major unrotated loadings (eigenvector signs arbitrary; the caller reflects). */
  readonly loadings: Float64Array;
  /** diag(L·Lᵀ). */
  readonly communalities: Float64Array;
  /** Eigenvalues of R with the final communality estimates on the diagonal (psych's `values`). */
  readonly values: Float64Array;
  /** Starting communalities (SMCs). */
  readonly initialCommunalities: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** Variables whose uniqueness ended on the optimiser's lower bound (minres, ml). */
  readonly atBound: readonly number[];
}

/** Lower bound psych puts on uniquenesses for minres and ml. */
export const UNIQUENESS_LOWER = 0.005;
