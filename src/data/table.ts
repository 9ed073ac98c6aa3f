import { fail } from '../errors.js';
import { defineOptions, field, showValue, type MissingCode } from '../util/options.js';
import { isMissingCode, missingCodeSet, type MissingCodeSet } from './missing.js';

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
 * an Arrow-like or Arquero-like table, a `number[][]` matrix (rows × variables), or a view from
 * {@link readTable} (with its missing codes).
 */
export type Table = Iterable<RowObject> | ColumnObject | ArrowLike | ArqueroLike | MatrixInput | TableView;

/**
 * A read-only, column-oriented view of any {@link Table}. Created once per call; never copies
 * more than it must and never mutates the input.
 */
export interface TableView {
  readonly columnNames: readonly string[];
  readonly nRows: number;
  /**
   * Raw cell values of a column, with cells matching a missing-data code replaced by `null`
   * (`NaN` in a typed-array column); throws `MISSING_COLUMN` when absent.
   */
  column(name: string): ArrayLike<unknown>;
  has(name: string): boolean;
  /** The values read as missing besides `null`, `undefined`, `NaN` and blank strings (`[]` by default). */
  readonly missingCodes: readonly MissingCode[];
}

/** Options of {@link readTable}. */
export interface ReadTableOptions {
  /**
   * Values that mean "missing" in this table, e.g. `[-99, -9, 'NA', '.']`. A number matches a
   * number cell equal to it or a numeric string with that value (`-99` matches `"-99"`); a
   * string matches a string cell after trimming (`'NA'` matches `" NA "`, but not the number).
   */
  readonly missingCodes?: readonly MissingCode[];
}

const readTableOptions = defineOptions('readTable', { missingCodes: field.missingCodes() });

/**
 * Where a view's cells come from, for the data layer's fast readers (`numeric.ts`): the row
 * objects themselves (read in one pass over the rows), or columns (read one by one). Views are
 * frozen objects; this is kept beside them, keyed by the view.
 */
export type ViewSource = { readonly kind: 'rows'; readonly rows: readonly Readonly<Record<string, unknown>>[] } | { readonly kind: 'columns' };

/** What the data layer knows about a view it made. */
export interface ViewInternals {
  /** What the view was read from (to read it again with more missing codes). */
  readonly input: Table | TableView;
  readonly source: ViewSource;
  readonly codes: MissingCodeSet;
  /** A column's cells before the missing codes are applied (checked length, cached). */
  raw(name: string): ArrayLike<unknown>;
}

const INTERNALS = new WeakMap<TableView, ViewInternals>();

/** The internals of a view made by this copy of psychkit (undefined for a foreign view). */
export function viewInternals(view: TableView): ViewInternals | undefined {
  return INTERNALS.get(view);
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

/**
 * The columns of an Arrow- or Arquero-like table as an object of arrays (read as
 * {@link tableView} reads them, with its errors), or null for any other input: for code that must
 * copy such a table (to post it to a worker, to print it).
 */
export function tableLikeColumns(x: unknown): Record<string, unknown[]> | null {
  if (!isArrowLike(x) && !isArqueroLike(x)) return null;
  const view = tableView(x);
  return Object.fromEntries(view.columnNames.map((name) => [name, Array.from(view.column(name))]));
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

/** Throws `MISSING_COLUMN` for `name`, listing (the first dozen of) the table's columns. */
export function missingColumn(name: string, names: readonly string[]): never {
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

/**
 * Makes a view. `names` may be a function when listing the columns is costly (row objects): it
 * runs on first use of `columnNames` (or of `has` for a name no early row has).
 */
function makeView(
  names: readonly string[] | (() => readonly string[]),
  nRows: number,
  get: (name: string) => unknown,
  source: ViewSource,
  codes: MissingCodeSet,
  quickHas: ((name: string) => boolean) | undefined,
  input: Table | TableView,
): TableView {
  let known: Set<string> | undefined;
  let listed: readonly string[] | undefined;
  const columnNames = (): readonly string[] => {
    if (listed === undefined) {
      listed = Object.freeze([...(typeof names === 'function' ? names() : names)]);
      known = new Set(listed);
    }
    return listed;
  };
  const has = (name: string): boolean => {
    if (known === undefined && quickHas !== undefined && quickHas(name)) return true;
    columnNames();
    return (known as Set<string>).has(name);
  };
  const rawCache = new Map<string, ArrayLike<unknown>>();
  const raw = (name: string): ArrayLike<unknown> => {
    if (!has(name)) missingColumn(name, columnNames());
    let c = rawCache.get(name);
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
      rawCache.set(name, c);
    }
    return c;
  };
  const masked = new Map<string, ArrayLike<unknown>>();
  const view: TableView = Object.freeze({
    [VIEW]: true,
    get columnNames() {
      return columnNames();
    },
    nRows,
    missingCodes: codes.list,
    has,
    column(name: string) {
      const cells = raw(name);
      if (codes.list.length === 0) return cells;
      let c = masked.get(name);
      if (c === undefined) {
        c = maskCodes(cells, codes);
        masked.set(name, c);
      }
      return c;
    },
  });
  INTERNALS.set(view, Object.freeze({ source, codes, raw, input }));
  return view;
}

/** A copy of `cells` with every cell matching a code replaced by null (NaN in a typed array). */
function maskCodes(cells: ArrayLike<unknown>, codes: MissingCodeSet): ArrayLike<unknown> {
  if (ArrayBuffer.isView(cells)) {
    const out = Float64Array.from(cells as ArrayLike<number>);
    if (codes.numbers.size > 0) for (let i = 0; i < out.length; i++) if (codes.numbers.has(out[i] as number)) out[i] = Number.NaN;
    return out;
  }
  const out: unknown[] = new Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    out[i] = isMissingCode(v, codes) ? null : v;
  }
  return out;
}

function matrixView(m: MatrixInput, codes: MissingCodeSet): TableView {
  const width = m[0]?.length ?? 0;
  m.forEach((row, i) => {
    if (row.length !== width) {
      throw fail('LENGTH_MISMATCH', `Row ${i} of the matrix has ${row.length} values; row 0 has ${width}.`, { row: i });
    }
  });
  const names = Array.from({ length: width }, (_, j) => `V${j + 1}`);
  return makeView(
    names,
    m.length,
    (name) => {
      const j = Number(name.slice(1)) - 1;
      return m.map((row) => row[j]);
    },
    { kind: 'columns' },
    codes,
    undefined,
    m,
  );
}

const enumerableOwn = Object.prototype.propertyIsEnumerable;

function rowsView(rows: readonly unknown[], codes: MissingCodeSet, input: Table): TableView {
  rows.forEach((row, i) => {
    if (!isObjectLike(row)) {
      throw fail('INVALID_INPUT', `Row ${i} is not an object (got ${row === null ? 'null' : typeof row}).`, { row: i });
    }
  });
  // A hole in a sparse array of rows (skipped by the check above) is a row with every cell
  // missing, as `rows.map` leaves it; the readers below skip it the same way.
  const objects = rows as readonly Record<string, unknown>[];
  // The columns are the union of the rows' own enumerable keys, in order of first appearance.
  // Listing them means looking at every key of every row, so it is done only when the caller
  // asks for the column names (or for a name no early row has); rows of one shape are compared
  // key by key with the previous row and add nothing.
  const names = (): readonly string[] => {
    const out: string[] = [];
    const seen = new Set<string>();
    let previous: string[] = [];
    // for…in lists exactly the own enumerable keys of a plain object when Object.prototype has
    // no enumerable property, and allocates nothing; other rows use Object.keys.
    let pristine = true;
    for (const _ in Object.prototype) pristine = false;
    for (const row of objects) {
      if (row === undefined) continue; // a hole
      const proto: unknown = Object.getPrototypeOf(row);
      if ((proto === Object.prototype && pristine) || proto === null) {
        let p = 0;
        let same = true;
        for (const key in row) {
          if (same && previous[p] === key) {
            p++;
            continue;
          }
          if (same) {
            same = false;
            previous = previous.slice(0, p);
          }
          previous.push(key);
          p++;
        }
        if (same && p === previous.length) continue;
        if (same) previous = previous.slice(0, p);
        for (const key of previous) {
          if (!seen.has(key)) {
            seen.add(key);
            out.push(key);
          }
        }
        continue;
      }
      const keys = Object.keys(row);
      for (const key of keys) {
        if (!seen.has(key)) {
          seen.add(key);
          out.push(key);
        }
      }
      previous = keys;
    }
    return out;
  };
  // Most tables have every column in their first rows: finding it there settles `has` at once.
  const quickHas = (name: string): boolean => {
    const end = Math.min(objects.length, 8);
    for (let i = 0; i < end; i++) if (objects[i] !== undefined && enumerableOwn.call(objects[i], name)) return true;
    return false;
  };
  return makeView(names, rows.length, (name) => objects.map((row) => row[name]), { kind: 'rows', rows: objects }, codes, quickHas, input);
}

function columnsView(obj: Record<string, unknown>, codes: MissingCodeSet): TableView {
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
  return makeView(names, Math.max(nRows, 0), (name) => obj[name] as ArrayLike<unknown>, { kind: 'columns' }, codes, undefined, obj as ColumnObject);
}

/**
 * Reads any supported {@link Table} into a column-oriented {@link TableView}.
 *
 * Recognised shapes, in order: a `TableView` (returned as is, or re-read with more missing
 * codes); a `number[][]` matrix (columns `V1…Vk`); an Arrow-like table
 * (`getChild(name).toArray()`); an Arquero-like table (`columnNames()` + `array(name)`); an array
 * or other iterable of row objects (columns are the union of the rows' keys; a key absent from a
 * row is missing there); an object of columns. A `Map` is refused (`INVALID_INPUT`): pass
 * `Object.fromEntries(map)` for a map of columns.
 *
 * `missingCodes` lists values that mean "missing" (SPSS's −99, R's `"NA"`, Stata's `"."`): every
 * reader of the view (`numericColumn(s)`, `categoricalColumn`, the estimators) sees those cells as
 * missing. Options are strict (`INVALID_OPTION` for an unknown key).
 *
 * @example
 * ```ts
 * const view = readTable([{ a: 1, b: '2' }, { a: null, b: 3 }]);
 * view.columnNames; // ['a', 'b']
 * view.column('b'); // ['2', 3]
 * numericColumn(readTable({ q1: [4, -99, '5', 'NA'] }, { missingCodes: [-99, 'NA'] }), 'q1'); // [4, NaN, 5, NaN]
 * ```
 */
export function readTable(input: Table | TableView, options?: ReadTableOptions): TableView {
  const settings = readTableOptions.read(options);
  return tableView(input, settings.missingCodes);
}

/**
 * {@link readTable} for code that has already checked its options: `missingCodes` must come from
 * `missingCodesValue` / `field.missingCodes()` (an estimator reads `missingCodes` into its
 * settings at its entry and passes them here). With no codes, a view is returned as is; with
 * codes, a view is re-read with the union of its codes and these.
 */
export function tableView(input: Table | TableView, missingCodes: readonly MissingCode[] = []): TableView {
  if (!isObjectLike(input)) {
    throw fail('INVALID_INPUT', `Expected a table (rows, columns, Arrow or Arquero table, or a matrix); got ${input === null ? 'null' : typeof input}.`, {
      value: input,
    });
  }
  if (isTableView(input)) {
    if (missingCodes.length === 0) return input;
    const internals = INTERNALS.get(input);
    if (internals === undefined) return foreignView(input, missingCodeSet(missingCodes));
    const codes = missingCodeSet(missingCodes, internals.codes);
    return isTableView(internals.input) ? foreignView(internals.input, codes) : build(internals.input, codes);
  }
  return build(input as Table, missingCodeSet(missingCodes));
}

/** A view made by another copy of psychkit, read through its (already masked) columns. */
function foreignView(view: TableView, codes: MissingCodeSet): TableView {
  return makeView(view.columnNames, view.nRows, (name) => view.column(name), { kind: 'columns' }, codes, undefined, view);
}

function build(input: Table, codes: MissingCodeSet): TableView {
  if (input instanceof Map || Object.prototype.toString.call(input) === '[object Map]') {
    throw fail(
      'INVALID_INPUT',
      `A Map is not a table. Pass an object of columns (for a Map of column name → values, \`Object.fromEntries(map)\`) or an array of row objects (\`[...map.values()]\` for a Map of rows).`,
      { value: input },
    );
  }
  if (Array.isArray(input)) {
    if (input.length === 0) return makeView([], 0, () => [], { kind: 'columns' }, codes, undefined, input);
    if (isMatrixInput(input)) return matrixView(input, codes);
    return rowsView(input, codes, input);
  }
  if (isArrowLike(input)) {
    const fields: unknown = input.schema.fields;
    const raw = Array.isArray(fields) ? fields.map((f: unknown) => (isObjectLike(f) ? f['name'] : f)) : fields;
    const names = checkShape(raw, input.numRows, 'Arrow-like table');
    return makeView(
      names,
      input.numRows,
      (name) => {
        const child: unknown = input.getChild(name);
        if (child === null || child === undefined) missingColumn(name, names);
        if (!isObjectLike(child) || typeof child['toArray'] !== 'function') {
          throw fail('INVALID_INPUT', `Column "${name}" of the Arrow-like table has no toArray().`, { column: name });
        }
        return (child as { toArray(): unknown }).toArray();
      },
      { kind: 'columns' },
      codes,
      undefined,
      input,
    );
  }
  if (isArqueroLike(input)) {
    const numRows: unknown = typeof input.numRows === 'function' ? input.numRows() : input.numRows;
    const names = checkShape(input.columnNames(), numRows, 'Arquero-like table');
    return makeView(names, numRows as number, (name) => input.array(name), { kind: 'columns' }, codes, undefined, input);
  }
  if (Symbol.iterator in input && typeof (input as Iterable<unknown>)[Symbol.iterator] === 'function') {
    // The rows, read once (a generator cannot be read twice): re-reading the view with more
    // codes starts from this array.
    const rows = Array.from(input as Iterable<unknown>);
    return rowsView(rows, codes, rows as Table);
  }
  return columnsView(input as Record<string, unknown>, codes);
}

function isTableView(x: object): x is TableView {
  return (x as { [VIEW]?: unknown })[VIEW] === true;
}
