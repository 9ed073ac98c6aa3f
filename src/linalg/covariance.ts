import { fail } from '../errors.js';
import type { NumericColumns } from '../data/numeric.js';

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
  /** Column means over each column's own observed rows. */
  readonly means: Float64Array;
}

// Rows per cache block: 40 columns × 1,024 rows × 8 bytes = 320 KB stays in L2, so the
// pair loop reads each block from cache instead of streaming whole columns from memory p²/2 times.
const BLOCK = 1024;

/**
 * Adds Σ xₐ[i]·x_b[i] over rows [from, to) to the upper triangle of `acc` (p × p), for all
 * pairs, four partner columns per sweep so each xₐ[i] is loaded once for four products.
 */
function accumulateBlock(x: readonly Float64Array[], from: number, to: number, acc: Float64Array): void {
  const p = x.length;
  for (let a = 0; a < p; a++) {
    const xa = x[a] as Float64Array;
    const base = a * p;
    let b = a;
    for (; b + 3 < p; b += 4) {
      const b0 = x[b] as Float64Array;
      const b1 = x[b + 1] as Float64Array;
      const b2 = x[b + 2] as Float64Array;
      const b3 = x[b + 3] as Float64Array;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = from; i < to; i++) {
        const v = xa[i] as number;
        s0 += v * (b0[i] as number);
        s1 += v * (b1[i] as number);
        s2 += v * (b2[i] as number);
        s3 += v * (b3[i] as number);
      }
      acc[base + b] = (acc[base + b] as number) + s0;
      acc[base + b + 1] = (acc[base + b + 1] as number) + s1;
      acc[base + b + 2] = (acc[base + b + 2] as number) + s2;
      acc[base + b + 3] = (acc[base + b + 3] as number) + s3;
    }
    for (; b < p; b++) {
      const xb = x[b] as Float64Array;
      let s = 0;
      for (let i = from; i < to; i++) s += (xa[i] as number) * (xb[i] as number);
      acc[base + b] = (acc[base + b] as number) + s;
    }
  }
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
  const centered: Float64Array[] = [];
  const missingRows: Int32Array[] = [];
  const total = new Float64Array(p); // Σ(x − m) over a column's observed rows (≈ 0, kept for exactness)
  const totalSq = new Float64Array(p);
  const observed = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    const col = source[a] as Float64Array;
    let s = 0;
    let c = 0;
    const miss: number[] = [];
    for (let i = 0; i < rows; i++) {
      const v = col[i] as number;
      if (Number.isNaN(v)) miss.push(i);
      else {
        s += v;
        c++;
      }
    }
    const m = c > 0 ? s / c : Number.NaN;
    means[a] = m;
    const x = new Float64Array(rows);
    let t = 0;
    let tt = 0;
    for (let i = 0; i < rows; i++) {
      const v = col[i] as number;
      const d = Number.isNaN(v) ? 0 : v - m;
      x[i] = d;
      t += d;
      tt += d * d;
    }
    centered.push(x);
    missingRows.push(Int32Array.from(miss));
    total[a] = t;
    totalSq[a] = tt;
    observed[a] = c;
  }
  const pp = p * p;
  const n = new Float64Array(pp);
  const sumA = new Float64Array(pp);
  const sumAA = new Float64Array(pp);
  const sumAB = new Float64Array(pp);
  for (let from = 0; from < rows; from += BLOCK) accumulateBlock(centered, from, Math.min(rows, from + BLOCK), sumAB);
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) sumAB[a * p + b] = sumAB[b * p + a] as number;
  for (let a = 0; a < p; a++) {
    const xa = centered[a] as Float64Array;
    const col = source[a] as Float64Array;
    for (let b = 0; b < p; b++) {
      // Remove from column a's totals the rows where b is missing (and a is observed).
      let nn = observed[a] as number;
      let s = total[a] as number;
      let ss = totalSq[a] as number;
      if (b !== a) {
        for (const i of missingRows[b] as Int32Array) {
          if (Number.isNaN(col[i] as number)) continue;
          const d = xa[i] as number;
          nn--;
          s -= d;
          ss -= d * d;
        }
      }
      const k = a * p + b;
      n[k] = nn;
      sumA[k] = s;
      sumAA[k] = ss;
    }
  }
  return { p, n, sumA, sumAA, sumAB, means };
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
        throw fail('TOO_FEW_CASES', `${detail} ${n[a * p + b]} observed value(s) in common; at least ${need} are needed.`, {
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
  const { p, n, sumA, sumAB } = cp;
  const matrix = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      const k = a * p + b;
      const nk = n[k] as number;
      // sumA[b*p+a] is Σ(x_b − m_b) over the same rows.
      matrix[k] = ((sumAB[k] as number) - ((sumA[k] as number) * (sumA[b * p + a] as number)) / nk) / (nk - 1);
    }
  }
  return { p, matrix, n };
}

/**
 * Pearson correlation matrix as R's `cor(x, use = "pairwise")`: each entry uses the means and
 * standard deviations of that pair's common rows. Throws `ZERO_VARIANCE` naming a constant column.
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
      matrix[k] = a === b ? 1 : vab / Math.sqrt(vaa * vbb);
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
