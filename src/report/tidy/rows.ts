// Building tidy rows: flat objects of numbers, strings and nulls, every row of a result with the
// same keys (a data frame, as Observable Plot and Inputs.table read one).

/** One cell of a tidy row. */
export type TidyValue = number | string | null;

/** One row of `tidy` or `glance`: a flat object of numbers, strings and nulls. */
export type TidyRow = Readonly<Record<string, TidyValue>>;

/** A row under construction. */
export type Row = Record<string, TidyValue>;

/**
 * A value as a cell: finite numbers and strings as they are; NaN and ±∞ as null (JSON has
 * neither) and −0 as 0; true/false as 1/0 (as R's logicals sum); null/undefined as null. Anything else
 * (arrays, objects) is not a cell: undefined.
 */
export function cell(value: unknown): TidyValue | undefined {
  if (value === null || value === undefined) return null;
  // −0 prints as 0 in JSON; a row must survive the round trip unchanged.
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

/**
 * Copies an object's scalar fields into `out`, nested plain objects with dotted keys
 * (`rmsea.lower`, `at.w`); arrays and the keys in `skip` are left out. A nested object that is
 * null becomes one null cell under its own key.
 */
export function flatten(value: object, out: Row = {}, prefix = '', skip: ReadonlySet<string> = NO_SKIP): Row {
  for (const [key, v] of Object.entries(value)) {
    if (prefix === '' && skip.has(key)) continue;
    const name = prefix === '' ? key : `${prefix}.${key}`;
    const c = cell(v);
    if (c !== undefined) out[name] = c;
    else if (typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)) flatten(v as object, out, name);
  }
  return out;
}

const NO_SKIP: ReadonlySet<string> = new Set();

/** What a row is about first (which row, which term), then the moderator values, then the estimate. */
const IDENTITY = [
  'type', 'effect', 'step', 'equation', 'outcome', 'family', 'row', 'scale', 'instrument', 'group', 'lhs', 'op', 'rhs', 'label',
  'column', 'column1', 'column2', 'factor', 'term', 'test', 'coefficient', 'index', 'number', 'components', 'path', 'code',
  'mediator', 'moderator', 'focal', 'first', 'second',
];
const ESTIMATE = ['estimate', 'se', 'statistic', 'df', 'df1', 'df2', 'p', 'lower', 'upper'];

/** Sort rank of a key: identity columns, `at.*`, the estimate and its test, then the rest (stable). */
function rank(key: string): number {
  const i = IDENTITY.indexOf(key);
  if (i >= 0) return i;
  if (key.startsWith('at.')) return IDENTITY.length;
  const e = ESTIMATE.indexOf(key);
  return e >= 0 ? IDENTITY.length + 1 + e : IDENTITY.length + 1 + ESTIMATE.length;
}

/** Rows with the union of their keys (first-seen order), missing cells null; frozen. */
export function rowsOf(rows: readonly Row[]): readonly TidyRow[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  // A section that is null in some rows and an object in others (`parameters`) is its dotted
  // cells (`parameters.lambda`) everywhere, not a null column beside them.
  const kept = [...seen].filter((key) => !rows.every((row) => row[key] === null || row[key] === undefined) || ![...seen].some((k) => k.startsWith(`${key}.`)));
  const keys = [...kept].sort((a, b) => rank(a) - rank(b) || kept.indexOf(a) - kept.indexOf(b));
  return Object.freeze(
    rows.map((row) => {
      const out: Row = {};
      for (const key of keys) out[key] = cell(row[key]) ?? null;
      return Object.freeze(out);
    }),
  );
}

/** One frozen row. */
export function rowOf(row: Row): TidyRow {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key] = cell(value) ?? null;
  return Object.freeze(out);
}

/** One row per respondent: `row` (0-based) and each named per-respondent array's value. */
export function perRespondent(n: number, columns: Readonly<Record<string, ArrayLike<unknown>>>, extra: Row = {}): Row[] {
  const out: Row[] = [];
  const entries = Object.entries(columns);
  for (let i = 0; i < n; i++) {
    const row: Row = { row: i, ...extra };
    for (const [name, values] of entries) row[name] = cell(values[i]) ?? null;
    out.push(row);
  }
  return out;
}

/** Matrix rows × columns as long rows `{ [rowKey]: rowName, [colKey]: colName, [valueKey]: value }`. */
export function longMatrix(
  matrix: readonly (readonly number[])[],
  rowNames: readonly string[],
  colNames: readonly string[],
  keys: { readonly row: string; readonly column: string; readonly value: string },
): Row[] {
  const out: Row[] = [];
  matrix.forEach((values, i) => {
    values.forEach((v, j) => out.push({ [keys.row]: rowNames[i] ?? `V${i + 1}`, [keys.column]: colNames[j] ?? `F${j + 1}`, [keys.value]: cell(v) ?? null }));
  });
  return out;
}

/** `V1…Vk`, the names psychkit gives unnamed columns. */
export function defaultNames(k: number, prefix = 'V'): string[] {
  return Array.from({ length: k }, (_, j) => `${prefix}${j + 1}`);
}

/** true/false as 1/0. */
export function flag(value: boolean): number {
  return value ? 1 : 0;
}
