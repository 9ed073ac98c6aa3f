import { fail } from '../errors.js';
import { readNumericColumns, assertUniqueNames } from '../data/numeric.js';
import { tableView, viewInternals, type Table, type TableView } from '../data/table.js';
import type { CrossProducts } from '../linalg/covariance.js';
import { columnList, type MissingCode } from '../util/options.js';
import { pairwiseCrossProducts, type ColumnStats } from './cross-products.js';

// The respondents × items matrix the careless-responding indices share. Read once per call (or
// once per screen) as column arrays (what the covariance code wants); the per-respondent loops
// copy BLOCK rows at a time into one small row-major buffer that stays in cache, so no n × k
// row-major copy is ever made and nothing is allocated per row. NaN = missing. Float64Array
// columns (no missing codes) are used as they are, not copied. One pass over the cells counts
// each row's answers and each column's sums, which the cross-products (./cross-products.ts, no
// centred copy) then reuse.

/** Rows per block of the per-respondent loops (BLOCK × k doubles: 40 items → 40 KB). */
export const BLOCK = 128;

/** A respondents × items matrix, row-major, NaN for a missing answer. */
export interface ItemMatrix {
  /** Item names, in the order of the columns. */
  readonly columns: readonly string[];
  /** Respondents (rows). */
  readonly n: number;
  /** Items (columns). */
  readonly k: number;
  /** The answers by column (NaN = missing). */
  readonly byColumn: readonly Float64Array[];
  /** Answered items per respondent. */
  readonly answered: Int32Array;
  /** Per-column sums of the answers, from the pass that counts `answered`. */
  readonly stats: ColumnStats;
  /** Pairwise cross-products of the columns, made on first use and shared by the indices. */
  crossProducts(): CrossProducts;
}

/**
 * Reads the item columns of a table into an {@link ItemMatrix}: `columns` (default: every column
 * of the table; at least `min`), `missingCodes` applied. Throws `MISSING_COLUMN`, `NON_NUMERIC`,
 * `NON_FINITE`, `DUPLICATE_NAME`, `TOO_FEW_VARIABLES`.
 */
export function readItemMatrix(table: Table | TableView, columns: unknown, missingCodes: readonly MissingCode[], fn: string, min = 2): ItemMatrix {
  const view = tableView(table, missingCodes);
  const names = columns === undefined ? view.columnNames : columnList('columns', columns, { min: 0 });
  assertUniqueNames(names, 'columns');
  if (names.length < min) {
    throw fail('TOO_FEW_VARIABLES', `${fn} needs at least ${min} item columns; got ${names.length}.`, { option: 'columns', columns: [...names] });
  }
  const typed = typedColumns(view, names);
  if (typed !== undefined) {
    const m = itemMatrixOf(names, view.nRows, typed);
    // ±Infinity in a column: read it the usual way, which throws NON_FINITE naming the cell.
    if (m.stats.finite) return m;
  }
  return itemMatrixOf(names, view.nRows, readNumericColumns(view, names));
}

/**
 * The columns of a table of Float64Array columns (no missing codes) as they are, without the
 * copy readNumericColumns makes (the item matrix only reads them): the same numbers, since such a
 * column is read by copying (the caller still has to look for ±Infinity: `ColumnStats.finite`).
 * Undefined — read the usual way, which also reports any error — for other tables or a missing column.
 */
function typedColumns(view: TableView, names: readonly string[]): Float64Array[] | undefined {
  const internals = viewInternals(view);
  if (internals === undefined || internals.source.kind !== 'columns' || internals.codes.numbers.size > 0 || internals.codes.strings.size > 0) return undefined;
  const n = view.nRows;
  const out: Float64Array[] = [];
  for (const name of names) {
    if (!view.has(name)) return undefined;
    const raw = internals.raw(name);
    if (!(raw instanceof Float64Array) || raw.length < n) return undefined;
    out.push(raw.length === n ? raw : raw.subarray(0, n));
  }
  return out;
}

/** An {@link ItemMatrix} from column arrays (not copied: the caller hands them over). */
export function itemMatrixOf(names: readonly string[], n: number, byColumn: readonly Float64Array[]): ItemMatrix {
  const k = names.length;
  const answered = new Int32Array(n);
  const big = new Float64Array(k);
  const small = new Float64Array(k);
  const sum = new Float64Array(k);
  const count = new Float64Array(k);
  let finite = true;
  // One pass over the cells: answers per row, and per column what the cross-products need.
  for (let j = 0; j < k; j++) {
    const col = byColumn[j] as Float64Array;
    let b = 0;
    let sm = Infinity;
    let s = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i] as number;
      if (v === v) {
        answered[i] = (answered[i] as number) + 1;
        s += v;
        c++;
        const a = Math.abs(v);
        if (a > b) b = a;
        if (a < sm && a > 0) sm = a;
      }
    }
    if (b === Infinity) finite = false;
    big[j] = b;
    small[j] = sm;
    sum[j] = s;
    count[j] = c;
  }
  const stats: ColumnStats = { big, small, sum, count, finite };
  let cp: CrossProducts | undefined;
  return Object.freeze({
    columns: Object.freeze([...names]),
    n,
    k,
    byColumn,
    answered,
    stats,
    crossProducts: () => (cp ??= pairwiseCrossProducts(byColumn, n, answered, stats)),
  });
}

/**
 * Copies rows [from, from + size) of `m` into `buf` row-major (`buf[r * k + j]`), column by
 * column: sequential reads, writes within a cache-resident block.
 */
export function fillRows(m: ItemMatrix, buf: Float64Array, from: number, size: number): void {
  const { k, byColumn } = m;
  for (let j = 0; j < k; j++) {
    const col = byColumn[j] as Float64Array;
    for (let r = 0, at = j; r < size; r++, at += k) buf[at] = col[from + r] as number;
  }
}

/**
 * Computes one index for a block of `size` respondents, `from` … `from + size − 1`, whose answers
 * are row-major in `buf` (respondent `from + r` at `buf[r * k … r * k + k)`); writes its own outputs.
 * The loop over the block's rows is inside the kernel, so each kernel's loop is compiled on its
 * own (one call per kernel per block, not one indirect call per row).
 */
export type RowKernel = (buf: Float64Array, size: number, from: number) => void;

/**
 * Runs per-respondent kernels over every row of `m`, a block of rows at a time: the block is
 * copied once into a row-major buffer and every kernel reads it there, so several indices share
 * one pass over the data (the screen runs five in one pass).
 */
export function forEachRow(m: ItemMatrix, kernels: readonly RowKernel[]): void {
  const { n, k } = m;
  const buf = new Float64Array(BLOCK * k);
  const count = kernels.length;
  for (let from = 0; from < n; from += BLOCK) {
    const size = Math.min(BLOCK, n - from);
    fillRows(m, buf, from, size);
    for (let q = 0; q < count; q++) (kernels[q] as RowKernel)(buf, size, from);
  }
}

/** A Float64Array of per-respondent values (NaN = undefined) as a frozen `(number | null)[]`. */
export function nullable(values: Float64Array): readonly (number | null)[] {
  const n = values.length;
  const out = new Array<number | null>(n);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    out[i] = v === v ? v : null;
  }
  return Object.freeze(out);
}
