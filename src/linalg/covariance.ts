import { fail } from '../errors.js';
import type { NumericColumns } from '../data/numeric.js';
import { plural } from '../util/text.js';

/** How missing values are handled when forming a covariance or correlation matrix. */
export type MissingRule = 'pairwise' | 'listwise';

/** Sums over the rows where both variables of a pair are observed, after centering. */
export interface CrossProducts {
  /** Number of variables. */
  readonly p: number;
  /** Pairwise observed counts, p × p row-major. */
  readonly n: Float64Array;
  /** Σ (xₐ − mₐ) over the pair's rows, where mₐ is column a's mean over all its observed rows; `sumA[a*p+b]`. */
  readonly sumA: Float64Array;
  /** Σ (xₐ − mₐ)² over the pair's rows. */
  readonly sumAA: Float64Array;
  /** Σ (xₐ − mₐ)(x_b − m_b) over the pair's rows (symmetric). */
  readonly sumAB: Float64Array;
  /** Column means over each column's own observed rows (original units). */
  readonly means: Float64Array;
  /**
   * Power-of-two factor each column was multiplied by before centering (so the sums above are in
   * scaled units: divide a covariance entry by scaleₐ·scale_b). Exact scaling keeps data near
   * 1e300 from overflowing and data near 1e-300 from underflowing; correlations are unaffected.
   */
  readonly scale: Float64Array;
}

// Rows per cache block: 40 columns × 1,024 rows × 8 bytes = 320 KB stays in L2, so the
// pair loop reads each block from cache instead of streaming whole columns from memory p²/2 times.
const BLOCK = 1024;

/**
 * Adds Σ xₐ[i]·x_b[i] over rows [from, to) to the upper triangle of `acc` (p × p), for all
 * pairs. Register-blocked: two rows (a, a + 1) against four partner columns per sweep, so six
 * loads feed eight products (each pair's sum still runs over i in order, so results do not
 * depend on the blocking).
 */
export function accumulateBlock(x: readonly Float64Array[], from: number, to: number, acc: Float64Array): void {
  const p = x.length;
  let a = 0;
  for (; a + 1 < p; a += 2) {
    const xa = x[a] as Float64Array;
    const xc = x[a + 1] as Float64Array;
    const baseA = a * p;
    const baseC = baseA + p;
    // The 2 × 2 corner: (a, a), (a, a + 1), (a + 1, a + 1).
    let s00 = 0;
    let s01 = 0;
    let s11 = 0;
    for (let i = from; i < to; i++) {
      const u = xa[i] as number;
      const w = xc[i] as number;
      s00 += u * u;
      s01 += u * w;
      s11 += w * w;
    }
    acc[baseA + a] = (acc[baseA + a] as number) + s00;
    acc[baseA + a + 1] = (acc[baseA + a + 1] as number) + s01;
    acc[baseC + a + 1] = (acc[baseC + a + 1] as number) + s11;
    let b = a + 2;
    for (; b + 3 < p; b += 4) {
      const b0 = x[b] as Float64Array;
      const b1 = x[b + 1] as Float64Array;
      const b2 = x[b + 2] as Float64Array;
      const b3 = x[b + 3] as Float64Array;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let i = from; i < to; i++) {
        const u = xa[i] as number;
        const w = xc[i] as number;
        const v0 = b0[i] as number;
        const v1 = b1[i] as number;
        const v2 = b2[i] as number;
        const v3 = b3[i] as number;
        s0 += u * v0;
        s1 += u * v1;
        s2 += u * v2;
        s3 += u * v3;
        t0 += w * v0;
        t1 += w * v1;
        t2 += w * v2;
        t3 += w * v3;
      }
      acc[baseA + b] = (acc[baseA + b] as number) + s0;
      acc[baseA + b + 1] = (acc[baseA + b + 1] as number) + s1;
      acc[baseA + b + 2] = (acc[baseA + b + 2] as number) + s2;
      acc[baseA + b + 3] = (acc[baseA + b + 3] as number) + s3;
      acc[baseC + b] = (acc[baseC + b] as number) + t0;
      acc[baseC + b + 1] = (acc[baseC + b + 1] as number) + t1;
      acc[baseC + b + 2] = (acc[baseC + b + 2] as number) + t2;
      acc[baseC + b + 3] = (acc[baseC + b + 3] as number) + t3;
    }
    for (; b < p; b++) {
      const xb = x[b] as Float64Array;
      let s = 0;
      let t = 0;
      for (let i = from; i < to; i++) {
        const v = xb[i] as number;
        s += (xa[i] as number) * v;
        t += (xc[i] as number) * v;
      }
      acc[baseA + b] = (acc[baseA + b] as number) + s;
      acc[baseC + b] = (acc[baseC + b] as number) + t;
    }
  }
  if (a < p) {
    // Odd p: the last column's square.
    const xa = x[a] as Float64Array;
    let s = 0;
    for (let i = from; i < to; i++) s += (xa[i] as number) * (xa[i] as number);
    acc[a * p + a] = (acc[a * p + a] as number) + s;
  }
}

/**
 * XᵀX for the columns of X (each of length ≥ `rows`) into `out` (p × p, row-major, full and exactly
 * symmetric): the cross-product kernel behind {@link crossProducts}, in cache-sized row blocks
 * (`blockRows`; with `rows` or more, each entry is one running sum over the rows in order, as a
 * plain dot product), two columns against four partners per sweep. Allocates nothing.
 */
export function crossprodColumnsInto(x: readonly Float64Array[], rows: number, out: Float64Array, blockRows = BLOCK): void {
  const p = x.length;
  out.fill(0, 0, p * p);
  const step = Math.max(1, blockRows);
  for (let from = 0; from < rows; from += step) accumulateBlock(x, from, Math.min(rows, from + step), out);
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) out[a * p + b] = out[b * p + a] as number;
}

/** 2^−⌊log₂ big⌋, so that scaled values lie in [1, 2) at most; 1 when there is nothing to scale. */
export function powerOfTwoScale(big: number): number {
  if (!(big > 0) || !Number.isFinite(big)) return 1;
  const e = Math.floor(Math.log2(big));
  // Capped at 2^±1023, the largest representable powers (subnormal data is scaled up partly).
  return e > 0 ? 2 ** -Math.min(e, 1023) : 2 ** Math.min(-e, 1023);
}

/**
 * Centered cross-products for pairwise or listwise statistics.
 *
 * Columns are centered by their own means (two-pass, for accuracy) and missing cells set to 0,
 * so one dot product per pair gives Σ(xₐ − mₐ)(x_b − m_b) over the pair's common rows. The other
 * pairwise sums start from column totals and subtract the few rows where the partner is
 * missing: the cost is one dot product per pair plus O(missing cells · p).
 * With `listwise`, incomplete rows are dropped first.
 */
export function crossProducts(data: NumericColumns, missing: MissingRule = 'pairwise'): CrossProducts {
  const { columns } = data;
  const p = columns.length;
  let rows = data.n;
  let source: readonly Float64Array[] = columns;
  if (missing === 'listwise') {
    const keep: number[] = [];
    for (let i = 0; i < rows; i++) {
      let ok = true;
      for (const col of columns) if (Number.isNaN(col[i] as number)) ok = false;
      if (ok) keep.push(i);
    }
    source = columns.map((col) => Float64Array.from(keep, (i) => col[i] as number));
    rows = keep.length;
  }
  const means = new Float64Array(p);
  const scaledMeans = new Float64Array(p);
  const scale = new Float64Array(p);
  const centered: Float64Array[] = [];
  const total = new Float64Array(p); // Σ(x − m) over a column's observed rows (≈ 0, kept for exactness)
  const totalSq = new Float64Array(p);
  const observed = new Float64Array(p);
  const missingInRow = new Int32Array(rows);
  let missingCells = 0;
  for (let a = 0; a < p; a++) {
    const col = source[a] as Float64Array;
    let big = 0;
    for (let i = 0; i < rows; i++) {
      const v = Math.abs(col[i] as number);
      if (v > big) big = v; // NaN compares false
    }
    const f = powerOfTwoScale(big);
    scale[a] = f;
    let s = 0;
    let c = 0;
    for (let i = 0; i < rows; i++) {
      const v = col[i] as number;
      if (v !== v) {
        missingInRow[i] = (missingInRow[i] as number) + 1;
        missingCells++;
      } else {
        s += v * f;
        c++;
      }
    }
    const m = c > 0 ? s / c : Number.NaN;
    scaledMeans[a] = m;
    means[a] = m / f;
    const x = new Float64Array(rows);
    let t = 0;
    let tt = 0;
    for (let i = 0; i < rows; i++) {
      const v = col[i] as number;
      const d = v !== v ? 0 : v * f - m;
      x[i] = d;
      t += d;
      tt += d * d;
    }
    centered.push(x);
    total[a] = t;
    totalSq[a] = tt;
    observed[a] = c;
  }
  const pp = p * p;
  const n = new Float64Array(pp);
  const sumA = new Float64Array(pp);
  const sumAA = new Float64Array(pp);
  const sumAB = new Float64Array(pp);
  crossprodColumnsInto(centered, rows, sumAB);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      const k = a * p + b;
      n[k] = observed[a] as number;
      sumA[k] = total[a] as number;
      sumAA[k] = totalSq[a] as number;
    }
  }
  if (missingCells > 0) {
    // Remove from column a's totals the rows where its partner b is missing (and a is observed).
    // Block by block, the incomplete rows are first transposed into a row-major buffer one
    // column at a time (reading columns across every row at once would touch p pages per row),
    // then each such row's missing cells correct the pair sums. Rows are visited in order, so
    // each pair's subtractions happen in the same order as a per-pair loop would do them.
    const buf = new Float64Array(Math.min(BLOCK, rows) * p);
    const incomplete = new Int32Array(Math.min(BLOCK, rows));
    const missingCols = new Int32Array(p);
    for (let from = 0; from < rows; from += BLOCK) {
      const to = Math.min(rows, from + BLOCK);
      let r = 0;
      for (let i = from; i < to; i++) if (missingInRow[i] !== 0) incomplete[r++] = i;
      for (let a = 0; a < p; a++) {
        const col = source[a] as Float64Array;
        const m = scaledMeans[a] as number;
        const f = scale[a] as number;
        // v·f − m is bit-identical to the centered value; NaN marks a missing cell.
        for (let t = 0; t < r; t++) buf[t * p + a] = (col[incomplete[t] as number] as number) * f - m;
      }
      for (let t = 0; t < r; t++) {
        const base = t * p;
        let q = 0;
        for (let a = 0; a < p; a++) {
          const d = buf[base + a] as number;
          if (d !== d) missingCols[q++] = a;
        }
        for (let u = 0; u < q; u++) {
          const b = missingCols[u] as number;
          for (let a = 0; a < p; a++) {
            const d = buf[base + a] as number;
            if (d !== d) continue;
            const k = a * p + b;
            n[k] = (n[k] as number) - 1;
            sumA[k] = (sumA[k] as number) - d;
            sumAA[k] = (sumAA[k] as number) - d * d;
          }
        }
      }
    }
  }
  return { p, n, sumA, sumAA, sumAB, means, scale };
}

/** A p × p covariance or correlation matrix (row-major) with the counts behind each entry. */
export interface SymmetricMatrixResult {
  readonly p: number;
  readonly matrix: Float64Array;
  /** Observations behind each entry (pairwise), row-major p × p. */
  readonly n: Float64Array;
}

function checkCount(cp: CrossProducts, names: readonly string[], need: number): void {
  const { p, n } = cp;
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      if ((n[a * p + b] as number) < need) {
        const detail = a === b ? `"${names[a]}" has` : `"${names[a]}" and "${names[b]}" have`;
        throw fail('TOO_FEW_CASES', `${detail} ${plural(n[a * p + b] as number, 'observed value')} in common; at least ${need} are needed.`, {
          columns: a === b ? [names[a] as string] : [names[a] as string, names[b] as string],
          n: n[a * p + b],
        });
      }
    }
  }
}

/**
 * Covariance matrix with divisor n − 1, as R's `cov(x, use = "pairwise")` (means and counts of
 * each pair's common rows) or `cov(na.omit(x))` (listwise).
 */
export function covarianceMatrix(data: NumericColumns, missing: MissingRule = 'pairwise'): SymmetricMatrixResult {
  const cp = crossProducts(data, missing);
  checkCount(cp, data.names, 2);
  const { p, n, sumA, sumAB, scale } = cp;
  const matrix = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      const k = a * p + b;
      const nk = n[k] as number;
      // sumA[b*p+a] is Σ(x_b − m_b) over the same rows; undo the exact power-of-two scaling.
      const v = ((sumAB[k] as number) - ((sumA[k] as number) * (sumA[b * p + a] as number)) / nk) / (nk - 1) / (scale[a] as number) / (scale[b] as number);
      if (!Number.isFinite(v)) {
        throw fail('NON_FINITE', `The covariance of "${data.names[a]}" and "${data.names[b]}" exceeds the range of a double (values near ±1e154 or beyond).`, {
          columns: [data.names[a] as string, data.names[b] as string],
        });
      }
      matrix[k] = v;
    }
  }
  return { p, matrix, n };
}

/**
 * Pearson correlation matrix as R's `cor(x, use = "pairwise")`: each entry uses the means and
 * standard deviations of that pair's common rows, clamped to [−1, 1] (as R). Throws
 * `ZERO_VARIANCE` naming a constant column.
 */
export function correlationMatrixOf(data: NumericColumns, missing: MissingRule = 'pairwise'): SymmetricMatrixResult {
  const cp = crossProducts(data, missing);
  checkCount(cp, data.names, 2);
  const { p, n, sumA, sumAA, sumAB } = cp;
  const matrix = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      const k = a * p + b;
      const t = b * p + a;
      const nk = n[k] as number;
      const sa = sumA[k] as number;
      const sb = sumA[t] as number;
      const vab = (sumAB[k] as number) - (sa * sb) / nk;
      const vaa = (sumAA[k] as number) - (sa * sa) / nk;
      const vbb = (sumAA[t] as number) - (sb * sb) / nk;
      if (!(vaa > 0) || !(vbb > 0)) {
        const col = (!(vaa > 0) ? data.names[a] : data.names[b]) as string;
        const other = (col === data.names[a] ? data.names[b] : data.names[a]) as string;
        const where = a === b ? '' : ` on the rows it shares with "${other}"`;
        throw fail('ZERO_VARIANCE', `Column "${col}" is constant${where}; its correlations are undefined.`, { column: col });
      }
      // Clamped to [−1, 1] as R's cor does: rounding can give 1 + 2⁻⁵² (an atanh of NaN downstream).
      matrix[k] = a === b ? 1 : Math.max(-1, Math.min(1, vab / Math.sqrt(vaa * vbb)));
    }
  }
  return { p, matrix, n };
}

/** Rescales a covariance matrix to a correlation matrix (R's `cov2cor`). */
export function covarianceToCorrelation(cov: Float64Array, p: number, names?: readonly string[]): Float64Array {
  const out = new Float64Array(p * p);
  const sd = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    const v = cov[a * p + a] as number;
    if (!(v > 0)) {
      throw fail('ZERO_VARIANCE', `Column "${names?.[a] ?? `V${a + 1}`}" has zero variance.`, { column: names?.[a] ?? `V${a + 1}` });
    }
    sd[a] = Math.sqrt(v);
  }
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) out[a * p + b] = a === b ? 1 : (cov[a * p + b] as number) / ((sd[a] as number) * (sd[b] as number));
  }
  return out;
}
