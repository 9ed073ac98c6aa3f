import { fail } from '../errors.js';
import { strictOptions, showValue } from '../util/options.js';
import { isMissing } from './missing.js';
import { NUMERIC_STRING } from './parse.js';
import { readTable, type Table, type TableView } from './table.js';
import { plural } from '../util/text.js';

/** A categorical column: each row's level as a string, `null` when missing. */
export interface CategoricalColumn {
  readonly name: string;
  readonly values: readonly (string | null)[];
  /** Levels as declared, or sorted (numbers by value, other labels by code point) when not declared. */
  readonly levels: readonly string[];
}

/**
 * Compares two strings by Unicode code point (not UTF-16 code unit: a character beyond U+FFFF
 * sorts after U+E000–U+FFFF, as in UTF-8 byte order and R's `method = "radix"`).
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // surrogates (D800–DFFF) stand for code points above FFFF: move them above E000–FFFF
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/**
 * The order of undeclared levels, which decides the reference level (the first) of a dummy
 * coding. As R's `factor()`: sorted, so the coding does not depend on the order of the rows.
 * Levels that are all plain decimal numbers (`"1"`, `"2"`, `"10"`, what a numeric column gives)
 * sort by value (R sorts a numeric column's levels numerically); other levels sort by Unicode
 * code point — locale-independent, the same in every runtime, and R's order under
 * `LC_COLLATE=C` (R's default collation is the locale's, which differs for mixed case and
 * accents: `"b" < "B"` in en_US; psychkit puts `"B"` first). Declare `levels` to choose the order.
 *
 * @example
 * ```ts
 * sortLevels(['never', 'married', 'divorced']); // ['divorced', 'married', 'never']
 * sortLevels(['10', '2', '1']); // ['1', '2', '10']
 * ```
 */
export function sortLevels(levels: readonly string[]): string[] {
  const numeric = levels.every((l) => NUMERIC_STRING.test(l));
  return [...levels].sort(numeric ? (a, b) => Number(a) - Number(b) || compareCodePoints(a, b) : compareCodePoints);
}

/**
 * Reads a column as categorical. Numbers become their decimal strings (`1` → `"1"`), strings are
 * trimmed. Without `levels`, the levels are the values seen, sorted (by value
 * when all are numbers, otherwise by code point), so the first — the reference of a dummy
 * coding — does not depend on the order of the rows. With `levels`, any other value throws
 * `OUT_OF_RANGE` naming row and value.
  *
 * @example
 * ```ts
 * const marital = categoricalColumn(readTable(rows), 'marital', ['never', 'married', 'divorced']);
 * marital.values; // ['never', null, 'married', …]
 * categoricalColumn(readTable(rows), 'marital').levels; // ['divorced', 'married', 'never', …] (sorted)
 * ```
 */
export function categoricalColumn(view: TableView | Table, name: string, levels?: readonly string[]): CategoricalColumn {
  if (typeof name !== 'string') throw fail('INVALID_OPTION', `categoricalColumn: the column name must be a string; got ${showValue(name)}.`, { option: 'name', value: name });
  if (levels !== undefined) checkLevels(levels, 'levels', name);
  const raw = readTable(view).column(name);
  const values: (string | null)[] = new Array(raw.length);
  const seen: string[] = [];
  const known = new Set(levels ?? []);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (isMissing(v)) {
      values[i] = null;
      continue;
    }
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw fail('NON_NUMERIC', `Column "${name}", row ${i}: ${showValue(v)} is not a category label.`, { column: name, row: i, value: v });
    }
    const s = typeof v === 'string' ? v.trim() : String(v);
    if (levels !== undefined && !known.has(s)) {
      throw fail('OUT_OF_RANGE', `Column "${name}", row ${i}: "${s}" is not one of the declared levels (${levels.join(', ')}).`, {
        column: name,
        row: i,
        value: v,
      });
    }
    if (levels === undefined && !known.has(s)) {
      known.add(s);
      seen.push(s);
    }
    values[i] = s;
  }
  return Object.freeze({ name, values: Object.freeze(values), levels: Object.freeze(levels ? [...levels] : sortLevels(seen)) });
}

/** Throws unless `levels` is an array of distinct strings. */
function checkLevels(levels: unknown, option: string, column: string): asserts levels is readonly string[] {
  if (!Array.isArray(levels)) {
    throw fail('INVALID_OPTION', `\`${option}\` of "${column}" must be an array of level labels; got ${showValue(levels)}.`, { option, column, value: levels });
  }
  const seen = new Set<string>();
  for (const level of levels) {
    if (typeof level !== 'string') {
      throw fail('INVALID_OPTION', `\`${option}\` of "${column}" must list strings; got ${showValue(level)}.`, { option, column, value: level });
    }
    if (seen.has(level)) throw fail('DUPLICATE_NAME', `Level "${level}" is listed twice in \`${option}\` of "${column}".`, { option, column, value: level });
    seen.add(level);
  }
}

/** Throws unless `column` has the shape {@link categoricalColumn} returns. */
function checkCategorical(column: unknown): asserts column is CategoricalColumn {
  if (typeof column !== 'object' || column === null || typeof (column as { name?: unknown }).name !== 'string') {
    throw fail('INVALID_INPUT', `dummyCode expects a column from categoricalColumn ({ name, values, levels }); got ${showValue(column)}.`, { value: column });
  }
  const { name, values, levels } = column as { name: string; values?: unknown; levels?: unknown };
  checkLevels(levels, 'levels', name);
  if (!Array.isArray(values)) throw fail('INVALID_INPUT', `Categorical column "${name}": \`values\` must be an array; got ${showValue(values)}.`, { column: name });
  const known = new Set(levels);
  values.forEach((v: unknown, i) => {
    if (v === null) return;
    if (typeof v !== 'string' || !known.has(v)) {
      throw fail('OUT_OF_RANGE', `Categorical column "${name}", row ${i}: ${showValue(v)} is not one of its levels (${levels.join(', ')}).`, { column: name, row: i, value: v });
    }
  });
}

/** Options for {@link dummyCode}. */
export interface DummyCodeOptions {
  /** The reference level (no column of its own). Default: the first level. */
  readonly reference?: string;
}

/** Treatment (dummy) coding of a categorical column. */
export interface DummyCoding {
  readonly name: string;
  readonly reference: string;
  readonly levels: readonly string[];
  /** Column names, `name[level]` for each non-reference level, as R prints `marital[married]`. */
  readonly columnNames: readonly string[];
  /** One 0/1 column per non-reference level; `NaN` where the category is missing. */
  readonly columns: readonly Float64Array[];
}

/**
 * Treatment coding (R's `contr.treatment`): one 0/1 indicator per level other than the
 * reference, which is the first level unless `reference` is given.
 *
 * @example
 * ```ts
 * const c = dummyCode(categoricalColumn(view, 'marital', ['never', 'married', 'divorced']));
 * c.columnNames; // ['marital[married]', 'marital[divorced]']
 * ```
 */
export function dummyCode(column: CategoricalColumn, options?: DummyCodeOptions): DummyCoding {
  checkCategorical(column);
  const o = strictOptions<DummyCodeOptions>(options, 'dummyCode', ['reference']);
  if (o.reference !== undefined && typeof o.reference !== 'string') {
    throw fail('INVALID_OPTION', `\`reference\` must be a level label (a string); got ${showValue(o.reference)}.`, { option: 'reference', value: o.reference });
  }
  const { name, values, levels } = column;
  if (levels.length < 2) {
    throw fail('ZERO_VARIANCE', `Categorical column "${name}" has ${plural(levels.length, 'level')}; dummy coding needs at least 2.`, { column: name });
  }
  const reference = o.reference ?? (levels[0] as string);
  if (!levels.includes(reference)) {
    throw fail('INVALID_OPTION', `Reference level "${reference}" is not a level of "${name}" (${levels.join(', ')}).`, {
      option: 'reference',
      column: name,
      value: reference,
    });
  }
  const coded = levels.filter((l) => l !== reference);
  const columns = coded.map((level) => {
    const c = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      c[i] = v === null || v === undefined ? Number.NaN : v === level ? 1 : 0;
    }
    return c;
  });
  return Object.freeze({
    name,
    reference,
    levels,
    columnNames: Object.freeze(coded.map((l) => `${name}[${l}]`)),
    columns: Object.freeze(columns),
  });
}
