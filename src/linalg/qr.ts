// Householder QR for least squares, in the style of LINPACK's dqrdc2 as R's lm() uses it:
// columns are processed in order, and a column whose remaining norm falls below `tolerance`
// times its original norm is set aside as aliased (a linear combination of earlier columns)
// instead of being pivoted by size. Regression designs are small (p ≲ 50), so plain loops over a
// column-major Float64Array are fast enough and keep every step visible.

/** A Householder QR factorisation of an n × p matrix (column-major). */
export interface QrDecomposition {
  readonly n: number;
  readonly p: number;
  /**
   * Column-major n × p working array. For the k-th kept column c = `kept[k]`: rows 0…k−1 hold
   * R[0…k−1, k] (the above-diagonal part of R), and rows k+1…n−1 hold the Householder vector
   * below its implicit leading 1. Aliased columns are left partly reduced and must not be read.
   */
  readonly qr: Float64Array;
  /** Diagonal of R, one entry per kept column. */
  readonly rDiagonal: Float64Array;
  /** Householder scalars τ (H = I − τ·v·vᵀ), one per kept column. */
  readonly tau: Float64Array;
  /** Number of kept (linearly independent) columns. */
  readonly rank: number;
  /** Original indices of the kept columns, in order. */
  readonly kept: Int32Array;
  /** Original indices of the aliased columns. */
  readonly aliased: Int32Array;
}

/** R's default for lm(): a column is aliased when its remaining norm is < 1e-7 × its original norm. */
export const QR_TOLERANCE = 1e-7;

/** Euclidean norm of a[from…to) with scaling, so that huge or tiny values neither overflow nor underflow. */
function norm2(a: Float64Array, from: number, to: number): number {
  let scale = 0;
  for (let i = from; i < to; i++) {
    const v = Math.abs(a[i] as number);
    if (v > scale) scale = v;
  }
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (let i = from; i < to; i++) {
    const v = (a[i] as number) / scale;
    s += v * v;
  }
  return scale * Math.sqrt(s);
}

/**
 * Householder QR of `x` (column-major n × p; not modified). Column j is aliased when, after the
 * reflections of the columns kept before it, the norm of its part at and below the current
 * diagonal is at most `tolerance` × its original norm (an all-zero column is always aliased).
 *
 * @example
 * ```ts
 * const qr = householderQr(Float64Array.from([1, 1, 1, 1, 2, 3]), 3, 2);
 * qr.rank; // 2
 * ```
 */
export function householderQr(x: ArrayLike<number>, n: number, p: number, tolerance = QR_TOLERANCE): QrDecomposition {
  const a = Float64Array.from(x as ArrayLike<number>);
  const originalNorm = new Float64Array(p);
  for (let j = 0; j < p; j++) originalNorm[j] = norm2(a, j * n, (j + 1) * n);
  const rDiagonal = new Float64Array(Math.min(n, p));
  const tau = new Float64Array(Math.min(n, p));
  const kept: number[] = [];
  const aliased: number[] = [];
  for (let j = 0; j < p; j++) {
    const k = kept.length;
    const base = j * n;
    const remaining = k < n ? norm2(a, base + k, base + n) : 0;
    if (k >= n || !(remaining > tolerance * (originalNorm[j] as number))) {
      aliased.push(j);
      continue;
    }
    // Reflector sending a[k…n−1, j] to beta·e₁, with beta of opposite sign to a[k, j] (no cancellation).
    const alpha = a[base + k] as number;
    const beta = alpha >= 0 ? -remaining : remaining;
    const t = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    for (let i = k + 1; i < n; i++) a[base + i] = (a[base + i] as number) * scale;
    a[base + k] = beta;
    rDiagonal[k] = beta;
    tau[k] = t;
    // Apply H = I − τ·v·vᵀ (v = [1, a[k+1…n−1, j]]) to the columns not yet processed.
    for (let c = j + 1; c < p; c++) {
      const cb = c * n;
      let w = a[cb + k] as number;
      for (let i = k + 1; i < n; i++) w += (a[base + i] as number) * (a[cb + i] as number);
      w *= t;
      a[cb + k] = (a[cb + k] as number) - w;
      for (let i = k + 1; i < n; i++) a[cb + i] = (a[cb + i] as number) - w * (a[base + i] as number);
    }
    kept.push(j);
  }
  return {
    n,
    p,
    qr: a,
    rDiagonal: rDiagonal.slice(0, kept.length),
    tau: tau.slice(0, kept.length),
    rank: kept.length,
    kept: Int32Array.from(kept),
    aliased: Int32Array.from(aliased),
  };
}

/** Overwrites `y` (length n) with Qᵀy. */
export function applyQTransposeInPlace(qr: QrDecomposition, y: Float64Array): void {
  const { n, qr: a, tau, kept, rank } = qr;
  for (let k = 0; k < rank; k++) {
    const base = (kept[k] as number) * n;
    let w = y[k] as number;
    for (let i = k + 1; i < n; i++) w += (a[base + i] as number) * (y[i] as number);
    w *= tau[k] as number;
    y[k] = (y[k] as number) - w;
    for (let i = k + 1; i < n; i++) y[i] = (y[i] as number) - w * (a[base + i] as number);
  }
}

/** R[i, k] for kept positions i ≤ k (upper triangle of the rank × rank factor). */
export function rEntry(qr: QrDecomposition, i: number, k: number): number {
  if (i === k) return qr.rDiagonal[k] as number;
  return qr.qr[(qr.kept[k] as number) * qr.n + i] as number;
}

/** Least-squares solution and residual sum of squares. */
export interface QrLeastSquares {
  /** Coefficients of the kept columns, in the order of `kept`. */
  readonly coefficients: Float64Array;
  /** Qᵀy: the first `rank` entries are the "effects" of the kept columns. */
  readonly effects: Float64Array;
  /** Σ of squared residuals, from the last n − rank entries of Qᵀy. */
  readonly residualSumOfSquares: number;
}

/**
 * Solves min ‖y − X·b‖ over the kept columns: Qᵀy, then back-substitution with R.
 *
 * @example
 * ```ts
 * const qr = householderQr(Float64Array.from([1, 1, 1, 1, 2, 3]), 3, 2);
 * qrLeastSquares(qr, Float64Array.from([1, 3, 5])).coefficients; // [-1, 2]
 * ```
 */
export function qrLeastSquares(qr: QrDecomposition, y: ArrayLike<number>): QrLeastSquares {
  const { n, rank } = qr;
  const effects = Float64Array.from(y);
  applyQTransposeInPlace(qr, effects);
  const b = effects.slice(0, rank);
  for (let i = rank - 1; i >= 0; i--) {
    let s = b[i] as number;
    for (let k = i + 1; k < rank; k++) s -= rEntry(qr, i, k) * (b[k] as number);
    b[i] = s / (qr.rDiagonal[i] as number);
  }
  let rss = 0;
  for (let i = rank; i < n; i++) rss += (effects[i] as number) ** 2;
  return { coefficients: b, effects, residualSumOfSquares: rss };
}

/**
 * R⁻¹ (rank × rank, row-major, upper triangular) by back-substitution, so that
 * (XᵀX)⁻¹ = R⁻¹·R⁻ᵀ without ever forming or inverting XᵀX (R's `chol2inv(qr.R(qr))`).
 */
export function qrRInverse(qr: QrDecomposition): Float64Array {
  const r = qr.rank;
  const inv = new Float64Array(r * r);
  for (let j = 0; j < r; j++) {
    inv[j * r + j] = 1 / (qr.rDiagonal[j] as number);
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += rEntry(qr, i, k) * (inv[k * r + j] as number);
      inv[i * r + j] = -s / (qr.rDiagonal[i] as number);
    }
  }
  return inv;
}
