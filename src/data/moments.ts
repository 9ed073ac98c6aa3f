// Sample moments computed elsewhere (SQL, another program) in place of a table: the covariance
// matrix (divisor n − 1), optional means and n. Estimators that R fits from moments (psych::alpha
// and psych::fa from a covariance matrix, lm from the cross-products) read them through here.
import { fail } from '../errors.js';
import { show } from '../util/options.js';

/** Sample moments computed elsewhere (e.g. in SQL): the covariance with divisor n − 1 (R's cov(), SQL's covar_samp), optional means, and the number of rows. */
export interface MomentsInput {
  readonly covariance: readonly (readonly number[] | ArrayLike<number>)[];
  readonly means?: readonly number[] | ArrayLike<number>;
  readonly n: number;
  /** Variable names, in the order of the rows of `covariance` (default V1…Vp, as R). */
  readonly columns?: readonly string[];
}

/** A validated {@link MomentsInput}: fresh arrays the caller may modify. */
export interface NormalizedMoments {
  readonly names: string[];
  readonly p: number;
  readonly n: number;
  /** p × p, row-major, divisor n − 1; exactly symmetric (the two triangles averaged). */
  readonly covariance: Float64Array;
  readonly means: Float64Array | null;
}

/** How much two mirrored entries may differ, relative to the larger of them and √(Cᵢᵢ·Cⱼⱼ). */
const SYMMETRY_TOLERANCE = 1e-9;

function isRow(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

/**
 * An object whose `covariance` is a non-empty array of rows (arrays or typed arrays). A column
 * table with a column named "covariance" holds numbers or strings there, never rows. Internal:
 * the estimators route on this (without asking for `n`), so that moments missing `n` are told so.
 */
export function hasCovarianceRows(x: unknown): x is { readonly covariance: readonly ArrayLike<unknown>[] } {
  if (typeof x !== 'object' || x === null || Array.isArray(x) || !('covariance' in x)) return false;
  const c = (x as { covariance: unknown }).covariance;
  return Array.isArray(c) && c.length > 0 && c.every(isRow);
}

/**
 * Whether `x` is a {@link MomentsInput}: an object with an `n` key and a `covariance` key holding an
 * array of rows (arrays or typed arrays). A column table that happens to have a column named
 * "covariance" is not one: its column is an array of numbers or strings, not of rows. The
 * contents are checked by the estimator that reads them.
 *
 * @example
 * ```ts
 * isMomentsInput({ covariance: [[2, 1], [1, 3]], n: 50 }); // true
 * isMomentsInput({ covariance: [1.5, 2.5], n: [1, 2] });   // false: a column table
 * ```
 */
export function isMomentsInput(x: unknown): x is MomentsInput {
  return hasCovarianceRows(x) && 'n' in x;
}

/**
 * Validates moments and copies them into flat arrays. Never mutates `input`.
 *
 * Errors (each naming what is wrong): not an object or `covariance` not a non-empty array of rows
 * (`INVALID_INPUT`); a row of the wrong length, `means` or `columns` of a length other than p
 * (`LENGTH_MISMATCH`); an entry or mean that is not a number (`NON_NUMERIC`) or is NaN, ±∞ or
 * missing (`NON_FINITE`, naming row and column); mirrored entries differing by more than 1e-9
 * relative (`NOT_SYMMETRIC`, naming the pair); `n` not a whole number (`INVALID_INPUT`) or below 2
 * (`TOO_FEW_CASES`); a name listed twice (`DUPLICATE_NAME`); a variance ≤ 0 (`ZERO_VARIANCE`, naming
 * the column). Mirrored entries within the tolerance are averaged, so the copy is exactly symmetric.
 *
 * @example
 * ```ts
 * const m = readMoments({ covariance: [[2, 1], [1, 3]], means: [0.5, 1], n: 50, columns: ['a', 'b'] }, 'ols');
 * m.names; // ['a', 'b']
 * ```
 */
export function readMoments(input: MomentsInput, caller: string): NormalizedMoments {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw fail('INVALID_INPUT', `${caller}: moments must be an object { covariance, means?, n, columns? }; got ${show(input)}.`, { value: input });
  }
  const rows = (input as { covariance?: unknown }).covariance;
  if (!Array.isArray(rows) || rows.length === 0) {
    throw fail('INVALID_INPUT', `${caller}: \`covariance\` must be a non-empty array of rows (number[][]); got ${show(rows)}.`, { option: 'covariance' });
  }
  const p = rows.length;
  const names = readNames(input.columns, p, caller);
  const covariance = new Float64Array(p * p);
  rows.forEach((row: unknown, i: number) => {
    if (!isRow(row)) {
      throw fail('INVALID_INPUT', `${caller}: row ${i} of \`covariance\` is ${show(row)}, not an array of numbers.`, { option: 'covariance', row: i, column: names[i] as string });
    }
    if (row.length !== p) {
      throw fail('LENGTH_MISMATCH', `${caller}: row ${i} ("${names[i]}") of \`covariance\` has ${row.length} entries; expected ${p} (the matrix must be square).`, {
        option: 'covariance',
        row: i,
        column: names[i] as string,
        length: row.length,
        p,
      });
    }
    for (let j = 0; j < p; j++) covariance[i * p + j] = entry(row[j], `covariance[${i}][${j}] ("${names[i]}", "${names[j]}")`, caller, { row: i, column: names[j] as string });
  });
  for (let i = 0; i < p; i++) {
    const v = covariance[i * p + i] as number;
    if (!(v > 0)) {
      throw fail('ZERO_VARIANCE', `${caller}: the variance of "${names[i]}" (covariance[${i}][${i}]) is ${v}; every variable needs a positive variance.`, {
        row: i,
        column: names[i] as string,
        value: v,
      });
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      const a = covariance[i * p + j] as number;
      const b = covariance[j * p + i] as number;
      const scale = Math.max(Math.abs(a), Math.abs(b), Math.sqrt((covariance[i * p + i] as number) * (covariance[j * p + j] as number)));
      if (Math.abs(a - b) > SYMMETRY_TOLERANCE * scale) {
        throw fail('NOT_SYMMETRIC', `${caller}: \`covariance\` is not symmetric: [${i}][${j}] = ${a} but [${j}][${i}] = ${b} ("${names[i]}", "${names[j]}").`, {
          row: i,
          column: names[j] as string,
          columns: [names[i] as string, names[j] as string],
        });
      }
      const mean = a === b ? a : a / 2 + b / 2;
      covariance[i * p + j] = mean;
      covariance[j * p + i] = mean;
    }
  }
  const n = readN((input as { n?: unknown }).n, caller);
  const means = readMeans(input.means, names, caller);
  return { names, p, n, covariance, means };
}

function entry(v: unknown, where: string, caller: string, details: { row: number; column: string }): number {
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return v;
    throw fail('NON_FINITE', `${caller}: ${where} is ${v}, not a finite number.`, { ...details, value: v });
  }
  if (v === null || v === undefined) {
    // SQL's covar_samp and avg give NULL for fewer than 2 (1) rows.
    throw fail('NON_FINITE', `${caller}: ${where} is ${String(v)} (missing), not a finite number.`, { ...details, value: v });
  }
  throw fail('NON_NUMERIC', `${caller}: ${where} is ${show(v)}, not a number${typeof v === 'bigint' || typeof v === 'string' ? ' (convert it with Number())' : ''}.`, { ...details, value: v });
}

function readNames(columns: unknown, p: number, caller: string): string[] {
  if (columns === undefined) return Array.from({ length: p }, (_, j) => `V${j + 1}`);
  if (!Array.isArray(columns)) throw fail('INVALID_INPUT', `${caller}: the moments' \`columns\` must be an array of names; got ${show(columns)}.`, { option: 'columns', value: columns });
  if (columns.length !== p) {
    throw fail('LENGTH_MISMATCH', `${caller}: the moments' \`columns\` has ${columns.length} names for a ${p} × ${p} covariance matrix.`, { option: 'columns', length: columns.length, p });
  }
  const seen = new Set<string>();
  for (const name of columns) {
    if (typeof name !== 'string' || name === '') throw fail('INVALID_INPUT', `${caller}: the moments' \`columns\` must list names (non-empty strings); got ${show(name)}.`, { option: 'columns', value: name });
    if (seen.has(name)) throw fail('DUPLICATE_NAME', `${caller}: "${name}" is listed twice in the moments' \`columns\`.`, { option: 'columns', column: name });
    seen.add(name);
  }
  return [...(columns as string[])];
}

function readN(n: unknown, caller: string): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw fail(
      'INVALID_INPUT',
      `${caller}: the moments' \`n\` (the number of rows behind them) must be a whole number; got ${show(n)}${typeof n === 'bigint' || typeof n === 'string' ? ' (convert it with Number())' : ''}.`,
      { option: 'n', value: n },
    );
  }
  if (n < 2) throw fail('TOO_FEW_CASES', `${caller}: the moments come from ${n} row${n === 1 ? '' : 's'}; a covariance matrix needs at least 2.`, { option: 'n', n });
  return n;
}

function readMeans(means: unknown, names: readonly string[], caller: string): Float64Array | null {
  if (means === undefined) return null;
  const p = names.length;
  if (!isRow(means)) throw fail('INVALID_INPUT', `${caller}: the moments' \`means\` must be an array of numbers; got ${show(means)}.`, { option: 'means', value: means });
  if (means.length !== p) {
    throw fail('LENGTH_MISMATCH', `${caller}: the moments' \`means\` has ${means.length} entries for ${p} variables.`, { option: 'means', length: means.length, p });
  }
  const out = new Float64Array(p);
  for (let j = 0; j < p; j++) out[j] = entry(means[j], `means[${j}] ("${names[j]}")`, caller, { row: j, column: names[j] as string });
  return out;
}

/**
 * The moments of `columns` (names of `m`, in that order): a fresh sub-matrix. A name that is not
 * among the moments' names is `MISSING_COLUMN`.
 */
export function selectMoments(m: NormalizedMoments, columns: readonly string[], caller: string): NormalizedMoments {
  const index = columns.map((name) => {
    const j = m.names.indexOf(name);
    if (j < 0) throw fail('MISSING_COLUMN', `${caller}: "${name}" is not among the moments' columns (${m.names.join(', ')}).`, { column: name });
    return j;
  });
  const q = index.length;
  const covariance = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) covariance[a * q + b] = m.covariance[(index[a] as number) * m.p + (index[b] as number)] as number;
  const source = m.means;
  const means = source === null ? null : Float64Array.from(index, (j) => source[j] as number);
  return { names: [...columns], p: q, n: m.n, covariance, means };
}
