import type { NumericColumns } from './numeric.js';

/** The listwise-complete rows of a set of numeric columns. */
export interface ListwiseColumns extends NumericColumns {
  /** Zero-based indices, in the input table, of the rows kept. */
  readonly rows: Int32Array;
  /** Number of rows dropped because at least one value was missing. */
  readonly dropped: number;
}

/**
 * Keeps only the rows where every column is observed (R's `na.omit`).
 *
 * @example
 * ```ts
 * const complete = listwise(numericColumns(rows, ['x', 'm', 'y']));
 * complete.n; complete.rows; // respondents used, and which ones
 * ```
 */
export function listwise(data: NumericColumns): ListwiseColumns {
  const { n, columns } = data;
  const keep = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    let ok = true;
    for (const col of columns) {
      if (Number.isNaN(col[i] as number)) {
        ok = false;
        break;
      }
    }
    if (ok) keep[m++] = i;
  }
  const rows = keep.slice(0, m);
  const out = columns.map((col) => {
    const c = new Float64Array(m);
    for (let r = 0; r < m; r++) c[r] = col[rows[r] as number] as number;
    return c;
  });
  return Object.freeze({ names: data.names, n: m, columns: Object.freeze(out), rows, dropped: n - m });
}

/**
 * Pairwise observed counts: `counts[i * p + j]` = rows where both column i and column j are
 * observed (the diagonal holds each column's own count), as R's `pairwiseCount`.
  *
 * @example
 * ```ts
 * pairwiseCounts(numericColumns({ a: [1, null, 3], b: [1, 2, null] })); // Float64Array [2, 1, 1, 2]
 * ```
 */
export function pairwiseCounts(data: NumericColumns): Float64Array {
  const p = data.columns.length;
  const counts = new Float64Array(p * p);
  const observed = data.columns.map((col) => {
    const o = new Uint8Array(col.length);
    for (let i = 0; i < col.length; i++) o[i] = Number.isNaN(col[i] as number) ? 0 : 1;
    return o;
  });
  for (let a = 0; a < p; a++) {
    const oa = observed[a] as Uint8Array;
    for (let b = a; b < p; b++) {
      const ob = observed[b] as Uint8Array;
      let c = 0;
      for (let i = 0; i < oa.length; i++) c += (oa[i] as number) & (ob[i] as number);
      counts[a * p + b] = c;
      counts[b * p + a] = c;
    }
  }
  return counts;
}
