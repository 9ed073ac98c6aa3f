import { fail } from '../errors.js';
import { isMissing } from './missing.js';
import { readTable, type Table, type TableView } from './table.js';
import { showValue } from '../util/options.js';

// Plain decimal notation only: Number() would also accept "0x1F", "Infinity" and "1_000".
const NUMERIC_STRING = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

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
  throw fail('NON_NUMERIC', `${where(column, row)}: ${showValue(value)} is not a number.`, {
    column,
    row,
    value,
  });
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
  const raw = readTable(view).column(name);
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = cellToNumber(raw[i], name, i);
  return out;
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
export function numericColumns(table: Table | TableView, names?: readonly string[], option = 'columns'): NumericColumns {
  if (typeof option !== 'string') throw fail('INVALID_OPTION', `numericColumns: \`option\` (the name used in messages) must be a string; got ${showValue(option)}.`, { option: 'option' });
  const view = readTable(table);
  const chosen = names ?? view.columnNames;
  if (names !== undefined && !Array.isArray(names)) {
    throw fail('INVALID_OPTION', `\`${option}\` must be an array of column names.`, { option, value: names });
  }
  assertUniqueNames(chosen, option);
  return Object.freeze({
    names: Object.freeze([...chosen]),
    n: view.nRows,
    columns: Object.freeze(chosen.map((name) => numericColumn(view, name))),
  });
}
