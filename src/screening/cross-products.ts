import { accumulateBlock, powerOfTwoScale, type CrossProducts } from '../linalg/covariance.js';

/** Per-column sums over the answered cells, in row order (see `itemMatrixOf`). */
export interface ColumnStats {
  /** Largest |answer| (0 with none). */
  readonly big: Float64Array;
  /** Smallest nonzero |answer| (Infinity with none). */
  readonly small: Float64Array;
  /** Σ answer, in row order. */
  readonly sum: Float64Array;
  /** Answers. */
  readonly count: Float64Array;
  /** No answer is ±Infinity. */
  readonly finite: boolean;
}

// Pairwise cross-products of the item matrix without an n × k centred copy.
//
// The numbers are those of `crossProducts(data, 'pairwise')` in src/linalg/covariance.ts, bit for
// bit: the same means and power-of-two scales, the same running sums in the same order, and XᵀX
// accumulated over the same 1,024-row blocks by linalg's own block kernel, each block's partial
// sums added to the total in block order. What differs is memory: the linalg
// version makes k centred columns of n doubles (32 MB for 100,000 × 40, garbage after one call,
// and a full mark-sweep of the caller's heap to reclaim); here each block is centred into one
// reused k × 1,024 column-major buffer (320 KB, cache-resident) just before it is accumulated.

/** Rows per block: must stay 1,024 (the linalg kernel's block) for bit-identical sums. */
const BLOCK = 1024;

/**
 * Pairwise-complete centred cross-products of `columns` (each of length ≥ n, NaN = missing), the
 * same {@link CrossProducts} as `crossProducts({ names, n, columns }, 'pairwise')`, bit for bit.
 * `answered` (optional): answered cells per row, to find the incomplete rows without a pass.
 */
export function pairwiseCrossProducts(columns: readonly Float64Array[], n: number, answered?: Int32Array, stats?: ColumnStats): CrossProducts {
  const p = columns.length;
  const means = new Float64Array(p);
  const scaledMeans = new Float64Array(p);
  const scale = new Float64Array(p);
  const total = new Float64Array(p);
  const totalSq = new Float64Array(p);
  const observed = new Float64Array(p);
  let missingCells = 0;
  for (let a = 0; a < p; a++) {
    const col = columns[a] as Float64Array;
    let big = 0;
    if (stats !== undefined) big = stats.big[a] as number;
    else {
      for (let i = 0; i < n; i++) {
        const v = Math.abs(col[i] as number);
        if (v > big) big = v; // NaN compares false
      }
    }
    const f = powerOfTwoScale(big);
    scale[a] = f;
    let s = 0;
    let c = 0;
    // Σ v·f equals f·Σ v bit for bit when no scaled partial sum is subnormal: every nonzero partial
    // sum is a multiple of the smallest answer's last-place unit, ≥ small·2⁻⁵², so small·f ≥ 2⁻⁹⁶⁰
    // suffices; and none overflows unscaled when count·big < 2¹⁰⁰⁰.
    if (stats !== undefined && (stats.small[a] as number) * f >= 2 ** -960 && big * (stats.count[a] as number) < 2 ** 1000) {
      s = (stats.sum[a] as number) * f;
      c = stats.count[a] as number;
    } else {
      for (let i = 0; i < n; i++) {
        const v = col[i] as number;
        if (v === v) {
          s += v * f;
          c++;
        }
      }
    }
    const m = c > 0 ? s / c : Number.NaN;
    scaledMeans[a] = m;
    means[a] = m / f;
    observed[a] = c;
    missingCells += n - c;
  }
  const pp = p * p;
  const sumAB = new Float64Array(pp);
  const stride = Math.min(BLOCK, Math.max(n, 1));
  const buf = new Float64Array(stride * p);
  // Column views of the one buffer, for linalg's block kernel (the same sums in the same order).
  const views = Array.from({ length: p }, (_, a) => buf.subarray(a * stride, (a + 1) * stride));
  for (let from = 0; from < n; from += BLOCK) {
    const rows = Math.min(BLOCK, n - from);
    for (let a = 0; a < p; a++) {
      const col = columns[a] as Float64Array;
      const m = scaledMeans[a] as number;
      const f = scale[a] as number;
      let t = total[a] as number;
      let tt = totalSq[a] as number;
      for (let i = 0, at = a * stride; i < rows; i++, at++) {
        const v = col[from + i] as number;
        const d = v !== v ? 0 : v * f - m;
        buf[at] = d;
        t += d;
        tt += d * d;
      }
      total[a] = t;
      totalSq[a] = tt;
    }
    accumulateBlock(views, 0, rows, sumAB);
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) sumAB[a * p + b] = sumAB[b * p + a] as number;
  const count = new Float64Array(pp);
  const sumA = new Float64Array(pp);
  const sumAA = new Float64Array(pp);
  for (let a = 0; a < p; a++) {
    count.fill(observed[a] as number, a * p, a * p + p);
    sumA.fill(total[a] as number, a * p, a * p + p);
    sumAA.fill(totalSq[a] as number, a * p, a * p + p);
  }
  if (missingCells > 0) {
    // Remove from column a's totals the rows where its partner b is missing (and a is observed),
    // row by row in order (as linalg does).
    const row = new Float64Array(p);
    const missingCols = new Int32Array(p);
    for (let i = 0; i < n; i++) {
      if (answered !== undefined) {
        if ((answered[i] as number) === p) continue;
      }
      let q = 0;
      for (let a = 0; a < p; a++) {
        const d = ((columns[a] as Float64Array)[i] as number) * (scale[a] as number) - (scaledMeans[a] as number);
        row[a] = d;
        if (d !== d) missingCols[q++] = a;
      }
      for (let u = 0; u < q; u++) {
        const b = missingCols[u] as number;
        for (let a = 0; a < p; a++) {
          const d = row[a] as number;
          if (d !== d) continue;
          const at = a * p + b;
          count[at] = (count[at] as number) - 1;
          sumA[at] = (sumA[at] as number) - d;
          sumAA[at] = (sumAA[at] as number) - d * d;
        }
      }
    }
  }
  return { p, n: count, sumA, sumAA, sumAB, means, scale };
}
