import { fail, type PsychkitWarning } from '../errors.js';
import { listwise, numericColumns, type NumericColumns, type Table } from '../data/index.js';
import { tableView } from '../data/table.js';
import { hasCovarianceRows, readMoments, type MomentsInput } from '../data/moments.js';
import { choleskyInPlace, correlationMatrixOf, covarianceToCorrelation, type MissingRule } from '../linalg/index.js';
import { booleanOption, columnList, field, oneOf, show, type MissingCode } from '../util/options.js';
import { correlationMatrix } from './correlation.js';

/**
 * A correlation matrix given directly, e.g. from a published table: `correlation` as rows,
 * `n` the sample size behind it (needed by tests and fit indices), `columns` naming the
 * variables (default `V1…Vp`, as R names unnamed columns).
 */
export interface CorrelationInput {
  readonly correlation: readonly (readonly number[] | ArrayLike<number>)[];
  readonly n?: number;
  readonly columns?: readonly string[];
}

/** The parts of a `correlationMatrix()` result that factor-analytic functions read. */
export interface CorrelationMatrixLike {
  readonly columns: readonly string[];
  readonly method: string;
  readonly matrix: readonly (readonly number[])[];
  readonly n: number;
}

/**
 * What the factor-analysis functions accept: a table of item responses, a correlation matrix
 * `{ correlation, n }`, a `correlationMatrix()` result (e.g. polychoric), or moments computed
 * elsewhere ({@link MomentsInput}: `{ covariance, n }`, rescaled to correlations as psych::fa
 * rescales a covariance matrix; `means` are not used).
 */
export type FactorInput = Table | CorrelationInput | CorrelationMatrixLike | MomentsInput;

/** Options of the internal reader behind kmo, bartlettSphericity and velicerMap (`correlationInput`). */
export interface CorrelationInputOptions {
  /** Variables to use, in this order (table: column names; correlation: entries of its `columns`). Default: all. */
  readonly columns?: readonly string[];
  /** Missing responses in a table: `'pairwise'` (psych's default) or `'listwise'`. Default `'pairwise'`. */
  readonly missing?: MissingRule;
  /** Throw unless the sample size is known. Default false. */
  readonly requireN?: boolean;
  /** Throw `NOT_POSITIVE_DEFINITE` unless the matrix is positive definite. Default true. */
  readonly positiveDefinite?: boolean;
  /** Fewest variables accepted (`TOO_FEW_VARIABLES` below). Default 2. */
  readonly minVariables?: number;
  /** Name of the calling function, for messages. */
  readonly caller?: string;
  /** Accept a covariance matrix (diagonal ≠ 1) and rescale it to correlations, as psych::fa does. Default false. */
  readonly acceptCovariance?: boolean;
  /** Table input: values that mean missing (already checked; see `readTable`). */
  readonly missingCodes?: readonly MissingCode[];
}

/** A validated correlation matrix. */
export interface NormalizedCorrelation {
  readonly names: readonly string[];
  readonly p: number;
  /** p × p, row-major; symmetric with unit diagonal. A fresh array the caller may modify. */
  readonly matrix: Float64Array;
  /**
   * Sample size: for a table, the listwise-complete rows (`missing: 'listwise'`) or every row of
   * the table (`'pairwise'`, psych's `n.obs = nrow(x)`); for a correlation matrix, `n` as given.
   */
  readonly n: number | undefined;
}

const TOLERANCE = 1e-8;
/** Smallest Cholesky pivot Lᵢᵢ² accepted as positive definite (the diagonal is 1). */
const PIVOT_FLOOR = 1e-12;

function hasUnitDiagonal(m: Float64Array, p: number): boolean {
  for (let i = 0; i < p; i++) if (Math.abs((m[i * p + i] as number) - 1) > TOLERANCE) return false;
  return true;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function isRows(x: unknown): x is readonly ArrayLike<number>[] {
  return Array.isArray(x) && x.length > 0 && x.every((r) => Array.isArray(r) || (ArrayBuffer.isView(r) && !(r instanceof DataView)));
}

/** A `{ correlation, n }` object, the result of `correlationMatrix` (`{ columns, matrix, n }`), or moments (`{ covariance, n }`, rescaled to correlations). */
function asCorrelation(input: unknown, caller: string): CorrelationInput | undefined {
  if (!isObject(input) || Array.isArray(input)) return undefined;
  if (hasCovarianceRows(input)) {
    const m = readMoments(input as unknown as MomentsInput, caller);
    const r = covarianceToCorrelation(m.covariance, m.p, m.names); // psych::fa's cov2cor of a covmat
    return { correlation: Array.from({ length: m.p }, (_, i) => Array.from(r.subarray(i * m.p, (i + 1) * m.p))), n: m.n, columns: m.names };
  }
  if ('correlation' in input) {
    if (isRows(input['correlation'])) return input as unknown as CorrelationInput;
    // A column named "correlation" in a column table is an array of numbers, not of rows.
    const c = input['correlation'];
    if (!Array.isArray(c) || c.length === 0 || c.some((row) => typeof row === 'object' && row !== null)) {
      throw fail('INVALID_INPUT', '`correlation` must be a non-empty array of rows (number[][]).', { option: 'correlation' });
    }
  }
  if ('matrix' in input && isRows(input['matrix']) && Array.isArray(input['columns']) && typeof input['method'] === 'string') {
    const n = input['n'];
    return {
      correlation: input['matrix'] as readonly number[][],
      columns: input['columns'] as readonly string[],
      ...(typeof n === 'number' ? { n } : {}),
    };
  }
  return undefined;
}

function checkN(n: unknown, caller: string): number | undefined {
  if (n === undefined) return undefined;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw fail('INVALID_OPTION', `${caller}: \`n\` (the sample size behind the correlation matrix) must be a positive integer (at most 2⁵³ − 1); got ${show(n)}.`, {
      option: 'n',
      value: n,
    });
  }
  return n;
}

function fromCorrelation(
  input: CorrelationInput,
  items: readonly string[] | undefined,
  caller: string,
  acceptCovariance = false,
): { names: string[]; matrix: Float64Array } {
  const rows = input.correlation;
  const p = rows.length;
  const names = input.columns === undefined ? Array.from({ length: p }, (_, j) => `V${j + 1}`) : [...columnList('names', input.columns)];
  if (names.length !== p) {
    throw fail('LENGTH_MISMATCH', `${caller}: ${names.length} names for a ${p} × ${p} correlation matrix.`, { option: 'names', length: names.length, p });
  }
  const full = new Float64Array(p * p);
  rows.forEach((row, i) => {
    if (row.length !== p) {
      throw fail('LENGTH_MISMATCH', `${caller}: row ${i} of the correlation matrix has ${row.length} entries; expected ${p} (the matrix must be square).`, { row: i });
    }
    for (let j = 0; j < p; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw fail('NON_FINITE', `${caller}: correlation[${i}][${j}] is ${show(v)}, not a finite number.`, {
          row: i,
          column: names[j] as string,
          value: v,
        });
      }
      full[i * p + j] = v;
    }
  });
  if (acceptCovariance && !hasUnitDiagonal(full, p)) {
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < i; j++) {
        if (Math.abs((full[i * p + j] as number) - (full[j * p + i] as number)) > TOLERANCE * Math.max(1, Math.abs(full[i * p + j] as number))) {
          throw fail('NOT_SYMMETRIC', `${caller}: the covariance matrix is not symmetric at [${i}][${j}] ("${names[i]}", "${names[j]}").`, {
            row: i,
            column: names[j] as string,
            columns: [names[i] as string, names[j] as string],
          });
        }
      }
    }
    full.set(covarianceToCorrelation(full, p, names)); // psych::fa rescales a covariance matrix (cov2cor)
  }
  for (let i = 0; i < p; i++) {
    const d = full[i * p + i] as number;
    if (Math.abs(d - 1) > TOLERANCE) {
      throw fail('INVALID_INPUT', `${caller}: diagonal entry ${i} ("${names[i]}") is ${d}; a correlation matrix has 1 on the diagonal (a covariance matrix? rescale it first).`, {
        row: i,
        column: names[i] as string,
        value: d,
      });
    }
    for (let j = 0; j < i; j++) {
      const a = full[i * p + j] as number;
      const b = full[j * p + i] as number;
      if (Math.abs(a - b) > TOLERANCE) {
        throw fail('NOT_SYMMETRIC', `${caller}: the correlation matrix is not symmetric: [${i}][${j}] = ${a} but [${j}][${i}] = ${b} ("${names[i]}", "${names[j]}").`, {
          row: i,
          column: names[j] as string,
          columns: [names[i] as string, names[j] as string],
        });
      }
      if (Math.abs(a) > 1 + TOLERANCE) {
        throw fail('INVALID_INPUT', `${caller}: correlation of "${names[i]}" and "${names[j]}" is ${a}, outside [−1, 1].`, {
          row: i,
          column: names[j] as string,
          value: a,
        });
      }
    }
  }
  if (items === undefined) return { names, matrix: full };
  // Select and reorder by name.
  const index = items.map((name) => {
    const k = names.indexOf(name);
    if (k < 0) throw fail('MISSING_COLUMN', `${caller}: "${name}" is not among the correlation matrix's names (${names.join(', ')}).`, { column: name });
    return k;
  });
  const q = index.length;
  const matrix = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) matrix[a * q + b] = full[(index[a] as number) * p + (index[b] as number)] as number;
  return { names: [...items], matrix };
}

/**
 * Normalises the input of a factor-analytic function to one validated correlation matrix.
 *
 * - A table (+ `items`): Pearson correlations as R's `cor(x, use = "pairwise")` or, with
 *   `missing: 'listwise'`, `cor(na.omit(x))`; `n` is the number of rows used (see
 *   {@link NormalizedCorrelation.n}).
 * - `{ correlation, n?, names? }`: checked to be square, finite, symmetric within 1e-8
 *   (`NOT_SYMMETRIC`), with unit diagonal and entries in [−1, 1] (`INVALID_INPUT`); symmetrised.
 * - The result of `correlationMatrix()` (e.g. polychoric), with its `columns` and `n`.
 *
 * Then: fewer than `minVariables` variables → `TOO_FEW_VARIABLES`; `positiveDefinite` and a
 * failed Cholesky factorisation, or a pivot below 1e-12 (singular up to rounding) →
 * `NOT_POSITIVE_DEFINITE`; `requireN` and no `n` →
 * `INVALID_OPTION` (option `n`).
 *
 * @example
 * ```ts
 * const { names, p, matrix, n } = correlationInput({ correlation: R, n: 145 }, { requireN: true });
 * ```
 */
export function correlationInput(input: FactorInput, options: CorrelationInputOptions = {}): NormalizedCorrelation {
  const caller = options.caller ?? 'correlationInput';
  const missing = oneOf<MissingRule>('missing', options.missing, ['pairwise', 'listwise'], 'pairwise');
  const items = options.columns === undefined ? undefined : columnList('columns', options.columns);
  const minVariables = options.minVariables ?? 2;
  const given = asCorrelation(input, caller);
  let names: readonly string[];
  let matrix: Float64Array;
  let n: number | undefined;
  if (given !== undefined) {
    refuseCodes(options.missingCodes, caller, hasCovarianceRows(input));
    ({ names, matrix } = fromCorrelation(given, items, caller, options.acceptCovariance ?? false));
    n = checkN(given.n, caller);
  } else {
    const view = tableView(input as Table, options.missingCodes);
    const data = numericColumns(view, items ?? view.columnNames);
    if (data.names.length >= minVariables) {
      const used = missing === 'listwise' ? listwise(data) : data;
      if (used.n < 2) {
        throw fail('TOO_FEW_CASES', `${caller}: ${used.n} ${missing === 'listwise' ? 'complete ' : ''}row${used.n === 1 ? '' : 's'}; at least 2 are needed for correlations.`, { n: used.n });
      }
      matrix = correlationMatrixOf(used, 'pairwise').matrix;
      n = used.n;
    } else {
      matrix = new Float64Array(0);
    }
    names = data.names;
  }
  const p = names.length;
  if (p < minVariables) {
    throw fail('TOO_FEW_VARIABLES', `${caller}: ${p} variable${p === 1 ? '' : 's'}; at least ${minVariables} are needed.`, { option: 'columns', value: p });
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      const v = ((matrix[i * p + j] as number) + (matrix[j * p + i] as number)) / 2;
      matrix[i * p + j] = v;
      matrix[j * p + i] = v;
    }
    matrix[i * p + i] = 1;
  }
  if (options.positiveDefinite ?? true) {
    const l = Float64Array.from(matrix);
    // A pivot below 1e-12 (of a unit diagonal) is singular up to rounding — e.g. more variables
    // than respondents — and would give a determinant and inverse made of rounding errors.
    let singular = !choleskyInPlace(l, p);
    for (let i = 0; i < p && !singular; i++) if (!((l[i * p + i] as number) ** 2 > PIVOT_FLOOR)) singular = true;
    if (singular) {
      throw fail(
        'NOT_POSITIVE_DEFINITE',
        `${caller}: the correlation matrix of ${names.join(', ')} is not positive definite (a variable is a linear combination of others, there are more variables than respondents, or pairwise deletion produced an inconsistent matrix).`,
        { columns: [...names] },
      );
    }
  }
  if ((options.requireN ?? false) && n === undefined) {
    throw fail('INVALID_OPTION', `${caller}: the sample size is unknown; give \`{ correlation, n }\` with n the number of respondents.`, { option: 'n' });
  }
  return { names, p, matrix, n };
}

/** Options about reading the input, shared by efa, parallelAnalysis and omega. */
export interface FactorInputOptions {
  /** Table input: values that mean missing, e.g. `[-99, 'NA']` (as `readTable`'s). */
  readonly missingCodes?: readonly MissingCode[];
  /** Columns to analyse (table input). Default: every column. */
  readonly columns?: readonly string[];
  /** Missing values in table input: `'pairwise'` (psych's default, `cor(use = "pairwise")`) or `'listwise'`. */
  readonly missing?: 'pairwise' | 'listwise';
  /**
   * Correlations computed from table input: `'pearson'` (default) or `'polychoric'` (psych's
   * `fa(cor = "poly")`, for ordinal items; see {@link correlationMatrix}).
   */
  readonly correlation?: 'pearson' | 'polychoric';
  /**
   * What to do with a correlation matrix that is not positive definite, as psych::fa's `smooth`.
   * `true` (default, psych's default): factor the matrix as given and smooth it (psych::cor.smooth)
   * only where psych does — for the likelihood-based fit statistics (objective, χ², RMSEA, TLI,
   * BIC) — with a `CORRELATION_SMOOTHED` warning. `false`: refuse such a matrix
   * (`NOT_POSITIVE_DEFINITE`) instead of reporting fit statistics psych would leave undefined (NaN).
   */
  readonly smooth?: boolean;
}

/** {@link FactorInputOptions} after validation (absent fields `undefined`). */
export interface FactorInputSettings {
  readonly missingCodes: readonly MissingCode[];
  readonly columns: readonly string[] | undefined;
  readonly missing: 'pairwise' | 'listwise' | undefined;
  readonly correlation: 'pearson' | 'polychoric' | undefined;
  readonly smooth: boolean | undefined;
}

/** No factor-input options: every field absent. */
export const NO_FACTOR_INPUT_OPTIONS: FactorInputSettings = { missingCodes: [], columns: undefined, missing: undefined, correlation: undefined, smooth: undefined };

/** The option fields of {@link FactorInputOptions}, for the schemas of efa, omega and parallelAnalysis. */
export const FACTOR_INPUT_FIELDS = {
  missingCodes: field.missingCodes(),
  columns: field.columns(),
  missing: field.optionalOneOf(['pairwise', 'listwise'] as const),
  correlation: field.optionalOneOf(['pearson', 'polychoric'] as const),
  smooth: field.optionalBoolean(),
} as const;

/** The table-reading fields of kmo, bartlettSphericity and velicerMap (Pearson correlations, no smoothing). */
export const CORRELATION_TABLE_FIELDS = {
  missingCodes: field.missingCodes(),
  columns: field.columns(),
  missing: field.oneOf<MissingRule>(['pairwise', 'listwise'], 'pairwise'),
} as const;

/** `missingCodes` applies to a table: with a correlation matrix (or moments) it is a mistake. */
function refuseCodes(codes: readonly MissingCode[] | undefined, caller: string, moments = false): void {
  if (codes !== undefined && codes.length > 0) {
    throw fail('INVALID_OPTION', `${caller}: \`missingCodes\` applies to a table of responses; the input is already ${moments ? 'moments (a covariance matrix)' : 'a correlation matrix'}.`, { option: 'missingCodes' });
  }
}

/** The correlation matrix and bookkeeping that efa, parallelAnalysis and omega work from. */
export interface ReadFactorInput {
  readonly r: Float64Array;
  readonly p: number;
  readonly names: readonly string[];
  /** psych's n.obs: rows of the table (listwise: complete rows), or the given n. */
  readonly n: number | null;
  /** Pairwise counts for raw data read pairwise with Pearson correlations (psych's np.obs), else null. */
  readonly pairwiseN: Float64Array | null;
  /** Raw columns when the input was a table (for resampling in parallel analysis). */
  readonly data: NumericColumns | null;
  readonly missing: 'pairwise' | 'listwise';
  readonly correlation: 'pearson' | 'polychoric';
  /** `smooth` as resolved (default true): smooth R for the fit statistics when it is not positive definite. */
  readonly smooth: boolean;
  /** Whether R passed a Cholesky factorisation with every pivot above 1e-12 (false: psych smooths it for the fit). */
  readonly positiveDefinite: boolean;
  readonly warnings: PsychkitWarning[];
}

/**
 * Reads efa/parallelAnalysis/omega input into a correlation matrix: `{ correlation, n }` (or a
 * covariance matrix, rescaled as psych does, or a `correlationMatrix()` result) through
 * `correlationInput`; a table through Pearson (`cor(use = "pairwise")` or listwise) or
 * polychoric correlations. At least 3 variables, and more cases than variables when n is known
 * (`TOO_FEW_CASES`). A matrix that is not positive definite is returned as it is
 * (`positiveDefinite: false`) — psych::fa factors it unchanged and smooths it only inside
 * factor.stats — unless `smooth: false`, which refuses it (`NOT_POSITIVE_DEFINITE`).
 */
export function readFactorInput(input: FactorInput, options: FactorInputSettings, fn: string): ReadFactorInput {
  const missing = oneOf('missing', options.missing, ['pairwise', 'listwise'] as const, 'pairwise');
  const method = oneOf('correlation', options.correlation, ['pearson', 'polychoric'] as const, 'pearson');
  const smooth = booleanOption('smooth', options.smooth, true);
  const warnings: PsychkitWarning[] = [];
  if (input === null || input === undefined || typeof input !== 'object') {
    throw fail('INVALID_INPUT', `${fn}: input must be a table or { correlation, n }.`, { value: input });
  }
  let r: Float64Array;
  let p: number;
  let names: readonly string[];
  let n: number | null = null;
  let pairwiseN: Float64Array | null = null;
  let data: NumericColumns | null = null;
  const given = asCorrelation(input, fn);
  if (given !== undefined) {
    if (options.correlation !== undefined) {
      throw fail('INVALID_OPTION', `${fn}: \`correlation\` chooses how correlations are computed from a table; the input is already ${hasCovarianceRows(input) ? 'moments (a covariance matrix)' : 'a correlation matrix'}.`, {
        option: 'correlation',
        value: options.correlation,
      });
    }
    refuseCodes(options.missingCodes, fn, hasCovarianceRows(input));
    const c = correlationInput(given, { ...(options.columns ? { columns: options.columns } : {}), positiveDefinite: false, minVariables: 3, caller: fn, acceptCovariance: true });
    ({ names, p } = c);
    r = c.matrix;
    n = c.n ?? null;
    if (n !== null && n < 2) {
      throw fail('INVALID_OPTION', `${fn}: \`n\` must be at least 2 (the sample size behind the correlation matrix); got ${n}.`, { option: 'n', value: n });
    }
  } else {
    if (options.columns !== undefined && !Array.isArray(options.columns)) {
      throw fail('INVALID_OPTION', '`columns` must be an array of column names.', { option: 'columns', value: options.columns });
    }
    data = numericColumns(tableView(input as Table, options.missingCodes), options.columns);
    p = data.names.length;
    names = data.names;
    if (p < 3) throw fail('TOO_FEW_VARIABLES', `${fn} needs at least 3 items; got ${p}.`, { option: 'columns', columns: [...names] });
    if (method === 'polychoric') {
      const poly = correlationMatrix(input as Table, { columns: names, method: 'polychoric', missing });
      r = Float64Array.from(poly.matrix.flat());
      n = poly.n;
      warnings.push(...poly.warnings);
    } else {
      const cm = correlationMatrixOf(data, missing);
      r = cm.matrix;
      if (missing === 'listwise') {
        n = cm.n[0] as number;
      } else {
        n = data.n;
        pairwiseN = cm.n;
      }
    }
    if (n < 2) throw fail('TOO_FEW_CASES', `${fn} needs at least 2 complete cases; got ${n}.`, { n });
  }
  if (n !== null && n <= p) {
    // n cases span at most n − 1 dimensions after centring: R is singular whatever the items.
    throw fail(
      'TOO_FEW_CASES',
      `${fn}: ${n} ${n === 1 ? 'case' : 'cases'} (n) for ${p} variables (p). A correlation matrix of p variables from n ≤ p cases is singular, so no factor model can be fitted or tested; at least n = ${p + 1} cases are needed (in practice many more than p).`,
      { n, p },
    );
  }
  const positiveDefinite = isPositiveDefinite(r, p);
  if (!positiveDefinite && !smooth) {
    throw fail(
      'NOT_POSITIVE_DEFINITE',
      `${fn}: the correlation matrix is not positive definite (a variable is a linear combination of others, or pairwise deletion produced an inconsistent matrix), and \`smooth: false\` refuses it. Drop redundant items or use \`missing: "listwise"\`; with the default \`smooth: true\` the matrix is factored as given and smoothed only for the fit statistics, as psych::fa does.`,
      { p, columns: [...names] },
    );
  }
  return { r, p, names, n, pairwiseN, data, missing, correlation: method, smooth, positiveDefinite, warnings };
}

/** Cholesky succeeds with every pivot Lᵢᵢ² above 1e-12 (of a unit diagonal). */
function isPositiveDefinite(r: Float64Array, p: number): boolean {
  const l = Float64Array.from(r);
  if (!choleskyInPlace(l, p)) return false;
  for (let i = 0; i < p; i++) if (!((l[i * p + i] as number) ** 2 > PIVOT_FLOOR)) return false;
  return true;
}
