import { fail } from '../errors.js';
import { showValue } from '../util/options.js';
import type { NumericColumns } from './numeric.js';

/** Throws unless `data` has the shape numericColumns returns: names, n, and n numbers per column. */
function checkColumns(data: unknown, fn: string): asserts data is NumericColumns {
  if (typeof data !== 'object' || data === null) {
    throw fail('INVALID_INPUT', `${fn} expects the result of numericColumns ({ names, n, columns }); got ${showValue(data)}.`, { value: data });
  }
  const { names, n, columns } = data as { names?: unknown; n?: unknown; columns?: unknown };
  if (!Array.isArray(columns)) throw fail('INVALID_INPUT', `${fn}: \`columns\` must be an array of numeric columns; got ${showValue(columns)}.`, { option: 'columns' });
  if (!Array.isArray(names) || names.length !== columns.length || !names.every((x) => typeof x === 'string')) {
    throw fail('INVALID_INPUT', `${fn}: \`names\` must list one string per column (${columns.length}); got ${showValue(names)}.`, { option: 'names' });
  }
  if (!(typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 2 ** 32 - 1)) throw fail('INVALID_INPUT', `${fn}: \`n\` must be a whole number ≥ 0; got ${showValue(n)}.`, { option: 'n', value: n });
  columns.forEach((col: unknown, j) => {
    const column = names[j] as string;
    if (!(Array.isArray(col) || (ArrayBuffer.isView(col) && !(col instanceof DataView)))) {
      throw fail('INVALID_INPUT', `${fn}: column "${column}" is not an array.`, { column });
    }
    const c = col as ArrayLike<unknown>;
    if (c.length !== n) throw fail('LENGTH_MISMATCH', `${fn}: column "${column}" has ${c.length} values; n is ${n}.`, { column, length: c.length, rows: n });
    for (let i = 0; i < n; i++) {
      if (typeof c[i] !== 'number') throw fail('NON_NUMERIC', `${fn}: column "${column}", row ${i} is ${showValue(c[i])}, not a number (NaN = missing).`, { column, row: i, value: c[i] });
    }
  });
}

/** The listwise-complete rows of a set of numeric columns. */
export interface ListwiseColumns extends NumericColumns {
  /** Zero-based indices, in the input table, of the rows kept. */
  readonly rows: Int32Array;
  /** Number of rows dropped because at least one value was missing. */
  readonly nDropped: number;
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
  checkColumns(data, 'listwise');
  const { n, columns } = data;
  // With no column, no row can be checked for completeness (and n is not tied to any data).
  if (columns.length === 0) throw fail('TOO_FEW_VARIABLES', 'listwise needs at least one column.', { option: 'columns' });
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
  return Object.freeze({ names: data.names, n: m, columns: Object.freeze(out), rows, nDropped: n - m });
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
  checkColumns(data, 'pairwiseCounts');
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
