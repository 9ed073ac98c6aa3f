import { fail, isPsychkitError } from '../errors.js';
import { isMissing, NO_MISSING_CODES, type MissingCodeSet } from './missing.js';
import { fastDecimal, NUMERIC_STRING } from './parse.js';
import { missingColumn, readTable, viewInternals, type Table, type TableView } from './table.js';
import { showValue } from '../util/options.js';

// Only on the error path: the column and row a caller passed may be anything.
function where(column: unknown, row: unknown): string {
  return `Column ${typeof column === 'string' ? `"${column}"` : showValue(column)}, row ${showValue(row)}`;
}

/**
 * Converts one cell to a number, `NaN` meaning missing. Numbers and numeric strings (`"3"`,
 * `" 2.5 "`, `"1e3"`) are numbers; `null`, `undefined`, `NaN` and `''` are missing; any other
 * value throws `NON_NUMERIC`, ±Infinity throws `NON_FINITE` — both naming column and row.
  *
 * @example
 * ```ts
 * cellToNumber(' 2.5 ', 'q1', 0); // 2.5
 * cellToNumber('', 'q1', 1); // NaN (missing)
 * cellToNumber('abc', 'q1', 2); // throws PsychkitError NON_NUMERIC naming q1, row 2
 * ```
 */
export function cellToNumber(value: unknown, column: string, row: number): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) || Number.isNaN(value)) return value;
    throw fail('NON_FINITE', `${where(column, row)}: ${value} is not a finite number.`, { column, row, value });
  }
  if (isMissing(value)) return Number.NaN;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (NUMERIC_STRING.test(trimmed)) {
      const v = Number(trimmed);
      if (Number.isFinite(v)) return v;
      throw fail('NON_FINITE', `${where(column, row)}: ${showValue(value)} overflows to ${v}.`, { column, row, value });
    }
  }
  if (typeof value === 'bigint') {
    const v = Number(value);
    if (Number.isFinite(v)) return v;
    throw fail('NON_FINITE', `${where(column, row)}: ${showValue(value)} overflows to ${v}.`, { column, row, value });
  }
  throw fail('NON_NUMERIC', `${where(column, row)}: ${showValue(value)} is not a number.${missingMarkerHint(value)}`, {
    column,
    row,
    value,
  });
}

// Text that R, SPSS, Stata, SAS or a spreadsheet writes for a missing value. Compared trimmed and
// case-insensitively; Stata's extended missing values .a … .z too.
const MISSING_MARKERS = new Set(['na', 'n/a', '#n/a', 'nan', 'null', 'none', 'missing', 'nil', '.', '-', '--', '?', '*', 'n.a.', 'n. a.', 'k.a.', '#null!']);

/** For a cell that looks like a missing-value marker: how to have it read as missing. */
function missingMarkerHint(value: unknown): string {
  if (typeof value !== 'string') return '';
  const t = value.trim();
  if (!(MISSING_MARKERS.has(t.toLowerCase()) || /^\.[a-z]$/.test(t))) return '';
  return ` If ${JSON.stringify(t)} marks a missing value, pass \`missingCodes: [${JSON.stringify(t).replace(/^"|"$/g, "'")}]\` to the function (or to \`readTable\`).`;
}

/**
 * A numeric column as a `Float64Array` (a fresh copy; `NaN` = missing).
 *
 * @example
 * ```ts
 * numericColumn(readTable({ x: ['1', '', 3] }), 'x'); // Float64Array [1, NaN, 3]
 * ```
 */
export function numericColumn(view: TableView | Table, name: string): Float64Array {
  if (typeof name !== 'string') throw fail('INVALID_OPTION', `numericColumn: the column name must be a string; got ${showValue(name)}.`, { option: 'name', value: name });
  return readNumericColumns(readTable(view), [name])[0] as Float64Array;
}

/** Several numeric columns of one table, each a `Float64Array` with `NaN` for missing. */
export interface NumericColumns {
  readonly names: readonly string[];
  /** Number of rows (respondents), including rows with missing values. */
  readonly n: number;
  readonly columns: readonly Float64Array[];
}

/** Throws `DUPLICATE_NAME` when a name is listed twice. */
export function assertUniqueNames(names: readonly string[], option: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string') {
      throw fail('INVALID_OPTION', `\`${option}\` must list column names (strings); got ${showValue(name)}.`, { option, value: name });
    }
    if (seen.has(name)) throw fail('DUPLICATE_NAME', `"${name}" is listed twice in \`${option}\`.`, { option, column: name });
    seen.add(name);
  }
}

/**
 * Reads the named columns of any {@link Table} as numbers. With no names, every column.
 *
 * @example
 * ```ts
 * const { columns } = numericColumns(rows, ['esse1', 'esse2']);
 * ```
 */
export function numericColumns(table: Table | TableView, names?: readonly string[]): NumericColumns {
  const option = 'columns';
  const view = readTable(table);
  const chosen = names ?? view.columnNames;
  if (names !== undefined && !Array.isArray(names)) {
    throw fail('INVALID_OPTION', `\`${option}\` must be an array of column names.`, { option, value: names });
  }
  assertUniqueNames(chosen, option);
  return Object.freeze({
    names: Object.freeze([...chosen]),
    n: view.nRows,
    columns: Object.freeze(readNumericColumns(view, chosen)),
  });
}

// ---------------------------------------------------------------------------------------------
// The fast readers. Every numeric read of a table comes through readNumericColumns, which gives
// the numbers cellToNumber gives (bit for bit), with the view's missing codes applied, and the
// same errors: on any error it reads the columns again one by one, cell by cell, so the error
// reported is the first in column order, as before.

/** One cell, the exact way: cellToNumber plus the missing codes. */
function slowCell(cell: unknown, name: string, row: number, codes: MissingCodeSet): number {
  if (codes.strings.size > 0 && typeof cell === 'string' && codes.strings.has(cell.trim())) return Number.NaN;
  const v = cellToNumber(cell, name, row);
  return codes.numbers.size > 0 && codes.numbers.has(v) ? Number.NaN : v;
}

/**
 * One cell on the fast path: a finite number as is; a string that is a missing code, a single
 * digit ("1" … "9": most Likert cells) or a short decimal; anything else the exact way
 * ({@link slowCell}). Missing number codes become NaN. (`stringCodes` and `numberCodes` are
 * `codes` looked at once per column or table, not per cell.)
 */
function fastCell(cell: unknown, name: string, row: number, codes: MissingCodeSet, stringCodes: boolean, numberCodes: ReadonlySet<number> | undefined): number {
  let v: number;
  if (typeof cell === 'string') {
    // a code with blanks around it is found by slowCell, which trims
    if (stringCodes && codes.strings.has(cell)) return Number.NaN;
    const d = cell.length === 1 ? cell.charCodeAt(0) - 48 : -1;
    v = d >= 0 && d <= 9 ? d : fastDecimal(cell);
    if (v !== v) return slowCell(cell, name, row, codes);
  } else if (typeof cell === 'number' && cell - cell === 0) v = cell;
  else return slowCell(cell, name, row, codes);
  return numberCodes !== undefined && numberCodes.has(v) ? Number.NaN : v;
}

/**
 * Fills `out` from one column's raw cells: typed arrays by copy (checking for ±Infinity), other
 * columns cell by cell ({@link fastCell}).
 */
function convertColumn(raw: ArrayLike<unknown>, name: string, codes: MissingCodeSet, out: Float64Array): void {
  const n = out.length;
  const numberCodes = codes.numbers.size > 0 ? codes.numbers : undefined;
  const stringCodes = codes.strings.size > 0;
  if (raw instanceof Float64Array && numberCodes === undefined) {
    // The common typed input: copy, then only look for ±Infinity (NON_FINITE).
    out.set(raw.subarray(0, n));
    for (let i = 0; i < n; i++) {
      const v = out[i] as number;
      if (v - v !== 0 && v === v) cellToNumber(v, name, i);
    }
    return;
  }
  if (ArrayBuffer.isView(raw)) {
    const typed = raw as unknown as ArrayLike<number>;
    for (let i = 0; i < n; i++) {
      let v = typed[i] as number;
      // ±Infinity throws NON_FINITE; a BigInt64Array's bigints (0n !== 0) take the exact path too.
      if (v - v !== 0 && v === v) v = cellToNumber(v, name, i);
      if (numberCodes !== undefined && numberCodes.has(v)) v = Number.NaN;
      out[i] = v;
    }
    return;
  }
  for (let i = 0; i < n; i++) out[i] = fastCell(raw[i], name, i, codes, stringCodes, numberCodes);
}

/**
 * Row objects, all columns in one pass over the rows: each row's keys are enumerated with for…in
 * (which V8 serves from the row shape's enumeration cache, with a field load per key instead of a
 * property lookup by name) and matched to the requested columns by position, remembered from the
 * previous row. Cells a row does not enumerate (absent, inherited or non-enumerable) are read by
 * name, as `row[name]`, the same value column() gives.
 */
function convertRows(rows: readonly Readonly<Record<string, unknown>>[], names: readonly string[], codes: MissingCodeSet, out: Float64Array[]): void {
  const k = names.length;
  const n = rows.length;
  const index = new Map<string, number>();
  names.forEach((name, j) => index.set(name, j));
  const numberCodes = codes.numbers.size > 0 ? codes.numbers : undefined;
  const stringCodes = codes.strings.size > 0;
  const keyAt: string[] = [];
  const columnAt: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = rows[i] as Readonly<Record<string, unknown>> | undefined;
    if (row === undefined) {
      // a hole in a sparse array of rows: every cell missing
      for (let j = 0; j < k; j++) (out[j] as Float64Array)[i] = Number.NaN;
      continue;
    }
    let p = 0;
    let got = 0;
    for (const key in row) {
      let j: number;
      if (keyAt[p] === key) j = columnAt[p] as number;
      else {
        j = index.get(key) ?? -1;
        keyAt[p] = key;
        columnAt[p] = j;
      }
      p++;
      if (j < 0) continue;
      got++;
      (out[j] as Float64Array)[i] = fastCell(row[key], names[j] as string, i, codes, stringCodes, numberCodes);
    }
    // Columns this row did not enumerate (absent, inherited, non-enumerable): read by name. (for…in
    // never lists a key twice, so fewer matches than columns means some were not listed.)
    if (got < k) {
      const listed = new Set<string>();
      for (const key in row) listed.add(key);
      for (let j = 0; j < k; j++) {
        const name = names[j] as string;
        if (!listed.has(name)) (out[j] as Float64Array)[i] = slowCell(row[name], name, i, codes);
      }
    }
  }
}

/**
 * Reads the named columns of a view as fresh `Float64Array`s (`NaN` = missing), with the view's
 * missing codes applied: the numbers {@link cellToNumber} gives, and its errors (`NON_NUMERIC`,
 * `NON_FINITE` naming column and row; `MISSING_COLUMN`). Row objects are read in one pass when
 * several columns are wanted. Names must be unique strings (checked by the caller).
 */
export function readNumericColumns(view: TableView, names: readonly string[]): Float64Array[] {
  for (const name of names) if (!view.has(name)) missingColumn(name, view.columnNames);
  const internals = viewInternals(view);
  const codes = internals?.codes ?? NO_MISSING_CODES;
  const n = view.nRows;
  const out = names.map(() => new Float64Array(n));
  const source = internals?.source;
  // One pass over row objects pays when the columns wanted are a good share of each row's keys.
  if (source?.kind === 'rows' && names.length >= 2 && n > 0) {
    let width = 0;
    for (const _ in source.rows[0]) width++;
    if (width <= 4 * names.length) {
      try {
        convertRows(source.rows, names, codes, out);
        return out;
      } catch (e) {
        if (!isPsychkitError(e)) throw e;
        // Report the error the column-by-column read reports (the first in column order).
      }
    }
  }
  names.forEach((name, j) => convertColumn(internals === undefined ? view.column(name) : internals.raw(name), name, codes, out[j] as Float64Array));
  return out;
}
