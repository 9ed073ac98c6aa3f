import { fail } from '../errors.js';
import { listwise, numericColumns, readTable, type Table } from '../data/index.js';
import { choleskyInPlace, correlationMatrixOf, type MissingRule } from '../linalg/index.js';
import { columnList, oneOf } from '../util/options.js';

/**
 * A correlation matrix given directly, e.g. from a published table: `correlation` as rows,
 * `n` the sample size behind it (needed by tests and fit indices), `names` for the variables
 * (default `V1…Vp`, as R names unnamed columns).
 */
export interface CorrelationInput {
  readonly correlation: readonly (readonly number[] | ArrayLike<number>)[];
  readonly n?: number;
  readonly names?: readonly string[];
}

/** The parts of a `correlationMatrix()` result that factor-analytic functions read. */
export interface CorrelationMatrixLike {
  readonly items: readonly string[];
  readonly method: string;
  readonly matrix: readonly (readonly number[])[];
  readonly nObservations: number;
}

/**
 * What the factor-analysis functions accept: a table of item responses, a correlation matrix
 * `{ correlation, n }`, or a `correlationMatrix()` result (e.g. polychoric).
 */
export type FactorInput = Table | CorrelationInput | CorrelationMatrixLike;

/** Options of {@link correlationInput}. */
export interface CorrelationInputOptions {
  /** Variables to use, in this order (table: column names; correlation: entries of `names`). Default: all. */
  readonly items?: readonly string[];
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

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function isRows(x: unknown): x is readonly ArrayLike<number>[] {
  return Array.isArray(x) && x.length > 0 && x.every((r) => Array.isArray(r) || (ArrayBuffer.isView(r) && !(r instanceof DataView)));
}

/** A `{ correlation, n }` object, or the result of `correlationMatrix` (`{ items, matrix, nObservations }`). */
function asCorrelation(input: unknown): CorrelationInput | undefined {
  if (!isObject(input) || Array.isArray(input)) return undefined;
  if ('correlation' in input) {
    if (isRows(input['correlation'])) return input as unknown as CorrelationInput;
    // A column named "correlation" in a column table is an array of numbers, not of rows.
    const c = input['correlation'];
    if (!Array.isArray(c) || c.length === 0 || c.some((row) => typeof row === 'object' && row !== null)) {
      throw fail('INVALID_INPUT', '`correlation` must be a non-empty array of rows (number[][]).', { option: 'correlation' });
    }
  }
  if ('matrix' in input && isRows(input['matrix']) && Array.isArray(input['items']) && typeof input['method'] === 'string') {
    const n = input['nObservations'];
    return {
      correlation: input['matrix'] as readonly number[][],
      names: input['items'] as readonly string[],
      ...(typeof n === 'number' ? { n } : {}),
    };
  }
  return undefined;
}

function checkN(n: unknown, caller: string): number | undefined {
  if (n === undefined) return undefined;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw fail('INVALID_OPTION', `${caller}: \`n\` (the sample size behind the correlation matrix) must be a positive integer; got ${JSON.stringify(n)}.`, {
      option: 'n',
      value: n,
    });
  }
  return n;
}

function fromCorrelation(input: CorrelationInput, items: readonly string[] | undefined, caller: string): { names: string[]; matrix: Float64Array } {
  const rows = input.correlation;
  const p = rows.length;
  const names = input.names === undefined ? Array.from({ length: p }, (_, j) => `V${j + 1}`) : [...columnList('names', input.names)];
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
        throw fail('NON_FINITE', `${caller}: correlation[${i}][${j}] is ${JSON.stringify(v) ?? String(v)}, not a finite number.`, {
          row: i,
          column: names[j] as string,
          value: v,
        });
      }
      full[i * p + j] = v;
    }
  });
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
 * - The result of `correlationMatrix()` (e.g. polychoric), with its `items` and `nObservations`.
 *
 * Then: fewer than `minVariables` variables → `TOO_FEW_VARIABLES`; `positiveDefinite` and a
 * failed Cholesky factorisation → `NOT_POSITIVE_DEFINITE`; `requireN` and no `n` →
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
  const items = options.items === undefined ? undefined : columnList('items', options.items);
  const minVariables = options.minVariables ?? 2;
  const given = asCorrelation(input);
  let names: readonly string[];
  let matrix: Float64Array;
  let n: number | undefined;
  if (given !== undefined) {
    ({ names, matrix } = fromCorrelation(given, items, caller));
    n = checkN(given.n, caller);
  } else {
    const view = readTable(input as Table);
    const data = numericColumns(view, items ?? view.columnNames, 'items');
    if (data.names.length >= minVariables) {
      const used = missing === 'listwise' ? listwise(data) : data;
      if (used.n < 2) {
        throw fail('TOO_FEW_CASES', `${caller}: ${used.n} ${missing === 'listwise' ? 'complete ' : ''}row(s); at least 2 are needed for correlations.`, { n: used.n });
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
    throw fail('TOO_FEW_VARIABLES', `${caller}: ${p} variable(s); at least ${minVariables} are needed.`, { option: 'items', value: p });
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
    if (!choleskyInPlace(l, p)) {
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
