// The model frame: the listwise-complete sample of every variable a set of regression equations
// uses, with categorical variables dummy-coded and product terms formed. Shared by ols,
// hierarchicalRegression and the mediation engine, so all of them code data the same way.
import { fail, type PsychkitWarning } from '../errors.js';
import { readTable, type Table, type TableView } from '../data/table.js';
import { cellToNumber } from '../data/numeric.js';
import { isMissing } from '../data/missing.js';
import { NUMERIC_STRING } from '../data/parse.js';
import { categoricalColumn, dummyCode, type DummyCoding } from '../data/categorical.js';
import { show, strictObject, type FieldReader } from '../util/options.js';
import { plural } from '../util/text.js';

/** How a categorical predictor is declared: its levels (first = reference unless `reference` is given). */
export interface CategoricalDeclaration {
  readonly levels?: readonly string[];
  readonly reference?: string;
}

/**
 * Declares categorical predictors: a list of column names (levels sorted — by value when all are
 * numbers, otherwise by Unicode code point — the first being the reference), or an object mapping
 * a column to its levels (in order, the first being the reference) or to `{ levels, reference }`.
 * String columns whose values are all non-numeric are categorical without being declared. When
 * the reference level was not chosen (no `levels`, no `reference`), the result has a
 * `CATEGORICAL_REFERENCE` warning naming it.
 */
export type CategoricalOption = readonly string[] | Readonly<Record<string, readonly string[] | CategoricalDeclaration | true>>;

/** Name of the intercept in coefficient tables (as PROCESS prints it). */
export const INTERCEPT = 'constant';

/** The variables a product term multiplies: `"x:w"` → `["x", "w"]`, `"x"` → `["x"]`. */
export function termParts(term: string, view?: TableView): readonly string[] {
  if (view?.has(term) || !term.includes(':')) return [term];
  return term.split(':').map((s) => s.trim());
}

function isCategoricalRaw(raw: ArrayLike<unknown>): boolean {
  let sawValue = false;
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (isMissing(v)) continue;
    sawValue = true;
    if (typeof v === 'boolean') continue;
    if (typeof v !== 'string') return false;
    const t = v.trim();
    if (NUMERIC_STRING.test(t)) return false;
  }
  return sawValue;
}

function declarationOf(option: CategoricalOption | undefined, name: string): CategoricalDeclaration | undefined {
  if (option === undefined) return undefined;
  if (Array.isArray(option)) return (option as readonly string[]).includes(name) ? {} : undefined;
  const d = (option as Record<string, unknown>)[name];
  if (d === undefined) return undefined;
  if (d === true) return {};
  if (Array.isArray(d)) return { levels: d as string[] };
  if (typeof d === 'object' && d !== null) return d as CategoricalDeclaration;
  throw fail('INVALID_OPTION', `\`categorical.${name}\` must be true, a list of levels or { levels, reference }; got ${show(d)}.`, {
    option: 'categorical',
    column: name,
    value: d,
  });
}

function checkCategoricalOption(option: unknown): void {
  if (option === undefined) return;
  if (Array.isArray(option)) {
    for (const v of option) {
      if (typeof v !== 'string') throw fail('INVALID_OPTION', '`categorical` must list column names.', { option: 'categorical', value: v });
    }
    return;
  }
  if (typeof option !== 'object' || option === null) {
    throw fail('INVALID_OPTION', '`categorical` must be a list of column names or an object of declarations.', { option: 'categorical', value: option });
  }
}

/** A variable of the frame: numeric values, or a dummy coding, over the analysis sample. */
export type FrameVariable =
  | { readonly kind: 'numeric'; readonly name: string; readonly values: Float64Array }
  | { readonly kind: 'categorical'; readonly name: string; readonly coding: DummyCoding };

/** The listwise-complete analysis sample. */
export interface ModelFrame {
  readonly view: TableView;
  /** Rows of the input table in the sample (zero-based). */
  readonly rows: Int32Array;
  readonly n: number;
  readonly dropped: number;
  readonly variables: ReadonlyMap<string, FrameVariable>;
  readonly warnings: readonly PsychkitWarning[];
}

export interface FrameRequest {
  /** Variables that must be numeric (outcomes, focal predictors, parts of products). */
  readonly numeric: readonly string[];
  /** Variables that may be categorical (covariates, other predictors). */
  readonly predictors: readonly string[];
  readonly categorical?: CategoricalOption | undefined;
  /** Option name used in error messages for `categorical`-related problems. */
  readonly option?: string;
}

/**
 * Reads every requested variable and keeps the rows where all are observed (R's `na.omit`).
 * Categorical variables are dummy-coded over the kept rows; a level with no kept case is dropped
 * (as R's `lm`, which drops unused levels) and reported as a warning. Undeclared levels are
 * sorted (`sortLevels`, as R's `factor()`), so the reference level and the model do not depend on
 * the order of the rows; the reference chosen that way is reported (`CATEGORICAL_REFERENCE`).
 */
export function buildFrame(table: Table | TableView, request: FrameRequest): ModelFrame {
  const view = readTable(table);
  checkCategoricalOption(request.categorical);
  const mustBeNumeric = new Set(request.numeric);
  const names = [...new Set([...request.numeric, ...request.predictors])];
  const numericValues = new Map<string, Float64Array>();
  // `declared`: the levels were listed, so their order (and the reference, the first) was chosen.
  const categorical = new Map<string, { values: readonly (string | null)[]; declaration: CategoricalDeclaration; declared: boolean }>();
  for (const name of names) {
    const raw = view.column(name); // throws MISSING_COLUMN
    const declared = declarationOf(request.categorical, name);
    if (declared !== undefined && mustBeNumeric.has(name)) {
      throw fail('INVALID_OPTION', `"${name}" is an outcome, focal predictor or part of a product and must be numeric; it cannot be declared categorical.`, {
        option: 'categorical',
        column: name,
      });
    }
    if (declared !== undefined || (!mustBeNumeric.has(name) && isCategoricalRaw(raw))) {
      const col = categoricalColumn(view, name, declared?.levels);
      categorical.set(name, { values: col.values, declaration: { ...declared, levels: declared?.levels ?? col.levels }, declared: declared?.levels !== undefined });
    } else {
      const out = new Float64Array(raw.length);
      for (let i = 0; i < raw.length; i++) out[i] = cellToNumber(raw[i], name, i);
      numericValues.set(name, out);
    }
  }
  const keep: number[] = [];
  for (let i = 0; i < view.nRows; i++) {
    let ok = true;
    for (const v of numericValues.values()) if (Number.isNaN(v[i] as number)) ok = false;
    for (const c of categorical.values()) if (c.values[i] === null) ok = false;
    if (ok) keep.push(i);
  }
  const rows = Int32Array.from(keep);
  const n = rows.length;
  const warnings: PsychkitWarning[] = [];
  const variables = new Map<string, FrameVariable>();
  for (const name of names) {
    const num = numericValues.get(name);
    if (num !== undefined) {
      const values = new Float64Array(n);
      for (let r = 0; r < n; r++) values[r] = num[rows[r] as number] as number;
      variables.set(name, { kind: 'numeric', name, values });
      continue;
    }
    const cat = categorical.get(name) as { values: readonly (string | null)[]; declaration: CategoricalDeclaration; declared: boolean };
    const kept = Array.from(rows, (r) => cat.values[r] as string);
    const present = new Set(kept);
    const allLevels = cat.declaration.levels as readonly string[];
    const used = allLevels.filter((l) => present.has(l));
    const unused = allLevels.filter((l) => !present.has(l));
    if (unused.length > 0) {
      warnings.push({
        code: 'UNUSED_LEVEL',
        message: `${unused.length === 1 ? 'Level' : 'Levels'} ${unused.map((l) => `"${l}"`).join(', ')} of "${name}" ${unused.length === 1 ? 'has' : 'have'} no case in the analysis sample and ${unused.length === 1 ? 'was' : 'were'} dropped.`,
        details: { column: name, levels: unused },
      });
    }
    let reference = cat.declaration.reference;
    if (reference !== undefined && !allLevels.includes(reference)) {
      throw fail('INVALID_OPTION', `Reference level "${reference}" is not a level of "${name}" (${allLevels.join(', ')}).`, {
        option: 'categorical',
        column: name,
        value: reference,
      });
    }
    if (reference !== undefined && !present.has(reference)) {
      throw fail('ZERO_VARIANCE', `Reference level "${reference}" of "${name}" has no case in the analysis sample.`, { column: name, value: reference });
    }
    const chosen = reference !== undefined || cat.declared;
    reference ??= used[0];
    if (used.length < 2) {
      throw fail('ZERO_VARIANCE', `Categorical predictor "${name}" has ${plural(used.length, 'level')} in the analysis sample; at least 2 are needed.`, {
        column: name,
      });
    }
    if (!chosen) {
      const other = used.find((l) => l !== reference) as string;
      warnings.push({
        code: 'CATEGORICAL_REFERENCE',
        message: `The reference level of "${name}" is "${reference}", the first of its levels in sorted order (${used.map((l) => `"${l}"`).join(', ')}); its coefficients compare each other level with it. To choose another, pass \`categorical: { ${propertyKey(name)}: { reference: ${quoted(other)} } }\`, or list the levels in order (the first is the reference).`,
        details: { column: name, reference, levels: used },
      });
    }
    const coding = dummyCode({ name, values: kept, levels: used }, { reference: reference as string });
    variables.set(name, { kind: 'categorical', name, coding });
  }
  return { view, rows, n, dropped: view.nRows - n, variables, warnings };
}

/** A string as a JavaScript literal in an example: single-quoted unless that needs escapes. */
function quoted(text: string): string {
  return /['\\\n\r\u2028\u2029]/.test(text) ? JSON.stringify(text) : `'${text}'`;
}

/** A column name as an object key in an example: bare when it is an identifier, quoted otherwise. */
function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

/** Numeric values of a frame variable (throws if it is categorical). */
export function numericOf(frame: ModelFrame, name: string): Float64Array {
  const v = frame.variables.get(name);
  if (v === undefined) throw fail('MISSING_COLUMN', `"${name}" is not a variable of the model.`, { column: name });
  if (v.kind !== 'numeric') {
    throw fail('INVALID_OPTION', `"${name}" is categorical; it cannot be used in a product term or as a focal variable.`, { column: name });
  }
  return v.values;
}

/** Design columns of one term: a numeric variable, the dummies of a categorical one, or a product. */
export function termColumns(frame: ModelFrame, term: string, centered?: ReadonlyMap<string, Float64Array>): { names: string[]; columns: Float64Array[] } {
  const parts = termParts(term, frame.view);
  const valuesOf = (name: string) => centered?.get(name) ?? numericOf(frame, name);
  if (parts.length === 1) {
    const v = frame.variables.get(term);
    if (v === undefined) throw fail('MISSING_COLUMN', `"${term}" is not a variable of the model.`, { column: term });
    if (v.kind === 'categorical') return { names: [...v.coding.columnNames], columns: [...v.coding.columns] };
    return { names: [term], columns: [valuesOf(term)] };
  }
  const out = new Float64Array(frame.n).fill(1);
  for (const part of parts) {
    const v = valuesOf(part);
    for (let i = 0; i < frame.n; i++) out[i] = (out[i] as number) * (v[i] as number);
  }
  return { names: [parts.join(':')], columns: [out] };
}

/** The design of one equation: intercept first, then each term's columns. */
export interface Design {
  readonly names: readonly string[];
  /** Column-major n × p, intercept in column 0. */
  readonly x: Float64Array;
  readonly n: number;
  readonly p: number;
}

/** The mean of each design column (the intercept's is 1), in the design's order. */
export function designMeans(design: Design): Float64Array {
  const { n, p, x } = design;
  const means = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let sum = 0;
    for (let i = j * n; i < (j + 1) * n; i++) sum += x[i] as number;
    means[j] = sum / n;
  }
  return means;
}

/** Builds X = [1, term columns…] and checks for constant columns (`ZERO_VARIANCE`). */
export function buildDesign(frame: ModelFrame, terms: readonly string[], centered?: ReadonlyMap<string, Float64Array>): Design {
  const names: string[] = [INTERCEPT];
  const columns: Float64Array[] = [];
  for (const term of terms) {
    const t = termColumns(frame, term, centered);
    names.push(...t.names);
    columns.push(...t.columns);
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw fail('DUPLICATE_NAME', `The design has the column "${name}" twice.`, { column: name });
    seen.add(name);
  }
  const n = frame.n;
  const p = names.length;
  const x = new Float64Array(n * p);
  x.fill(1, 0, n);
  columns.forEach((col, j) => {
    let constant = true;
    const first = col[0] as number;
    for (let i = 0; i < n; i++) {
      const v = col[i] as number;
      if (v !== first) constant = false;
      x[(j + 1) * n + i] = v;
    }
    if (constant && n > 0) {
      const name = names[j + 1] as string;
      throw fail('ZERO_VARIANCE', `Predictor "${name}" is constant (${first}) in the analysis sample of ${n} cases; its coefficient cannot be estimated.`, {
        column: name,
        value: first,
      });
    }
  });
  return { names, x, n, p };
}

/**
 * Reads a `categorical` option at a function's entry: a list of column names, or an object mapping
 * a column to `true`, its levels, or `{ levels, reference }` (strict keys).
 */
export function categoricalValue(option: string, value: unknown): CategoricalOption | undefined {
  if (value === undefined) return undefined;
  checkCategoricalOption(value);
  if (Array.isArray(value)) return value as readonly string[];
  for (const [name, d] of Object.entries(value as Record<string, unknown>)) {
    if (d === true || Array.isArray(d)) continue;
    if (typeof d === 'object' && d !== null) {
      strictObject(d, `${option}.${name}`, ['levels', 'reference']);
      continue;
    }
    declarationOf(value as CategoricalOption, name); // throws the shared message
  }
  return value as CategoricalOption;
}

/** The field reader of `categorical`, for schemas. */
export const categoricalField = (): FieldReader<CategoricalOption | undefined> => (v, k) => categoricalValue(k, v);
