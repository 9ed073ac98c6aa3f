import { fail } from '../errors.js';
import { showValue } from '../util/options.js';

/** One row of a row-oriented table (d3-dsv `csvParse`, JSON, Observable `FileAttachment.csv()`). */
export type RowObject = { readonly [column: string]: unknown };

/** An object of columns: `{ esse1: [..], esse2: [..] }`; typed arrays welcome. */
export type ColumnObject = { readonly [column: string]: ArrayLike<unknown> };

/** The part of an Apache Arrow `Table` psychkit uses. */
export interface ArrowLike {
  getChild(name: string): { toArray(): ArrayLike<unknown> } | null;
  readonly schema: { readonly fields: readonly { readonly name: string }[] };
  readonly numRows: number;
}

/** The part of an Arquero table psychkit uses. */
export interface ArqueroLike {
  columnNames(): string[];
  array(name: string): ArrayLike<unknown>;
  numRows(): number;
}

/** A respondents × variables matrix; columns are named `V1`, `V2`, … as in R. */
export type MatrixInput = readonly (readonly unknown[])[];

/**
 * Any table a JavaScript user already has: an iterable of row objects, an object of columns,
 * an Arrow-like or Arquero-like table, or a `number[][]` matrix (rows × variables).
 */
export type Table = Iterable<RowObject> | ColumnObject | ArrowLike | ArqueroLike | MatrixInput;

/**
 * A read-only, column-oriented view of any {@link Table}. Created once per call; never copies
 * more than it must and never mutates the input.
 */
export interface TableView {
  readonly columnNames: readonly string[];
  readonly nRows: number;
  /** Raw cell values of a column; throws `MISSING_COLUMN` when absent. */
  column(name: string): ArrayLike<unknown>;
  has(name: string): boolean;
}

// Symbol.for so that views made by another copy of psychkit are recognised too.
const VIEW = Symbol.for('psychkit.TableView');

function isObjectLike(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function isArrowLike(x: unknown): x is ArrowLike {
  return isObjectLike(x) && typeof x['getChild'] === 'function' && isObjectLike(x['schema']);
}

function isArqueroLike(x: unknown): x is ArqueroLike {
  return isObjectLike(x) && typeof x['columnNames'] === 'function' && typeof x['array'] === 'function';
}

function isArrayLikeColumn(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

/**
 * True when `x` is a `number[][]`-style matrix (an array whose rows are arrays).
 *
 * @example
 * ```ts
 * isMatrixInput([[1, 2], [3, 4]]); // true
 * isMatrixInput([{ a: 1 }]); // false
 * ```
 */
export function isMatrixInput(x: unknown): x is MatrixInput {
  return Array.isArray(x) && x.length > 0 && x.every((row) => Array.isArray(row) || ArrayBuffer.isView(row));
}

function missingColumn(name: string, names: readonly string[]): never {
  const shown = names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
  throw fail('MISSING_COLUMN', `Column "${name}" is not in the table (columns: ${shown || 'none'}).`, { column: name });
}

// Arrays cannot be longer; a larger row count can only come from a broken table object.
const MAX_ROWS = 2 ** 32 - 1;

/** Checks what an Arrow- or Arquero-like object reports about itself: names and row count. */
function checkShape(names: unknown, nRows: unknown, what: string): readonly string[] {
  if (!Array.isArray(names)) throw fail('INVALID_INPUT', `The ${what} lists its columns as ${showValue(names)}, not an array of names.`, { value: names });
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string') throw fail('INVALID_INPUT', `The ${what} has a column name that is not a string: ${showValue(name)}.`, { value: name });
    if (seen.has(name)) throw fail('DUPLICATE_NAME', `The ${what} has two columns named "${name}".`, { column: name });
    seen.add(name);
  }
  if (!(typeof nRows === 'number' && Number.isInteger(nRows) && nRows >= 0 && nRows <= MAX_ROWS)) {
    throw fail('INVALID_INPUT', `The ${what} reports ${showValue(nRows)} rows; expected a whole number ≥ 0.`, { value: nRows });
  }
  return names as string[];
}

function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const length = (x as { length?: unknown }).length;
  return typeof length === 'number' && Number.isInteger(length) && length >= 0 && length <= MAX_ROWS;
}

function makeView(names: readonly string[], nRows: number, get: (name: string) => unknown): TableView {
  const known = new Set(names);
  const cache = new Map<string, ArrayLike<unknown>>();
  return Object.freeze({
    [VIEW]: true,
    columnNames: Object.freeze([...names]),
    nRows,
    has: (name: string) => known.has(name),
    column(name: string) {
      if (!known.has(name)) missingColumn(name, names);
      let c = cache.get(name);
      if (c === undefined) {
        const got = get(name);
        if (!isArrayLike(got)) {
          throw fail('INVALID_INPUT', `Column "${name}" is ${showValue(got)}, not an array of values.`, { column: name });
        }
        c = got;
        if (c.length !== nRows) {
          throw fail('LENGTH_MISMATCH', `Column "${name}" has ${c.length} values but the table has ${nRows} rows.`, {
            column: name,
            length: c.length,
            rows: nRows,
          });
        }
        cache.set(name, c);
      }
      return c;
    },
  });
}

function matrixView(m: MatrixInput): TableView {
  const width = m[0]?.length ?? 0;
  m.forEach((row, i) => {
    if (row.length !== width) {
      throw fail('LENGTH_MISMATCH', `Row ${i} of the matrix has ${row.length} values; row 0 has ${width}.`, { row: i });
    }
  });
  const names = Array.from({ length: width }, (_, j) => `V${j + 1}`);
  return makeView(names, m.length, (name) => {
    const j = Number(name.slice(1)) - 1;
    return m.map((row) => row[j]);
  });
}

function rowsView(rows: readonly unknown[]): TableView {
  const names: string[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (!isObjectLike(row)) {
      throw fail('INVALID_INPUT', `Row ${i} is not an object (got ${row === null ? 'null' : typeof row}).`, { row: i });
    }
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        names.push(key);
      }
    }
  });
  return makeView(names, rows.length, (name) => rows.map((row) => (row as Record<string, unknown>)[name]));
}

function columnsView(obj: Record<string, unknown>): TableView {
  const names = Object.keys(obj);
  let nRows = -1;
  for (const name of names) {
    const col = obj[name];
    if (!isArrayLikeColumn(col) || typeof col === 'string') {
      throw fail('INVALID_INPUT', `Column "${name}" is not an array.`, { column: name });
    }
    if (nRows === -1) nRows = col.length;
    else if (col.length !== nRows) {
      throw fail('LENGTH_MISMATCH', `Column "${name}" has ${col.length} values; the first column has ${nRows}.`, {
        column: name,
        length: col.length,
        rows: nRows,
      });
    }
  }
  return makeView(names, Math.max(nRows, 0), (name) => obj[name] as ArrayLike<unknown>);
}

/**
 * Reads any supported {@link Table} into a column-oriented {@link TableView}.
 *
 * Recognised shapes, in order: a `TableView` (returned as is); a `number[][]` matrix (columns
 * `V1…Vk`); an Arrow-like table (`getChild(name).toArray()`); an Arquero-like table
 * (`columnNames()` + `array(name)`); an array or other iterable of row objects (columns are the
 * union of the rows' keys; a key absent from a row is missing there); an object of columns.
 *
 * @example
 * ```ts
 * const view = readTable([{ a: 1, b: '2' }, { a: null, b: 3 }]);
 * view.columnNames; // ['a', 'b']
 * view.column('b'); // ['2', 3]
 * ```
 */
export function readTable(input: Table | TableView): TableView {
  if (!isObjectLike(input)) {
    throw fail('INVALID_INPUT', `Expected a table (rows, columns, Arrow or Arquero table, or a matrix); got ${input === null ? 'null' : typeof input}.`, {
      value: input,
    });
  }
  if (isTableView(input)) return input;
  if (Array.isArray(input)) {
    if (input.length === 0) return makeView([], 0, () => []);
    if (isMatrixInput(input)) return matrixView(input);
    return rowsView(input);
  }
  if (isArrowLike(input)) {
    const fields: unknown = input.schema.fields;
    const raw = Array.isArray(fields) ? fields.map((f: unknown) => (isObjectLike(f) ? f['name'] : f)) : fields;
    const names = checkShape(raw, input.numRows, 'Arrow-like table');
    return makeView(names, input.numRows, (name) => {
      const child: unknown = input.getChild(name);
      if (child === null || child === undefined) missingColumn(name, names);
      if (!isObjectLike(child) || typeof child['toArray'] !== 'function') {
        throw fail('INVALID_INPUT', `Column "${name}" of the Arrow-like table has no toArray().`, { column: name });
      }
      return (child as { toArray(): unknown }).toArray();
    });
  }
  if (isArqueroLike(input)) {
    const numRows: unknown = typeof input.numRows === 'function' ? input.numRows() : input.numRows;
    const names = checkShape(input.columnNames(), numRows, 'Arquero-like table');
    return makeView(names, numRows as number, (name) => input.array(name));
  }
  if (Symbol.iterator in input && typeof (input as Iterable<unknown>)[Symbol.iterator] === 'function') {
    return rowsView(Array.from(input as Iterable<unknown>));
  }
  return columnsView(input as Record<string, unknown>);
}

function isTableView(x: object): x is TableView {
  return (x as { [VIEW]?: unknown })[VIEW] === true;
}
