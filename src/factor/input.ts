import { fail, type PsychkitWarning } from '../errors.js';
import { numericColumns, type NumericColumns } from '../data/numeric.js';
import type { Table } from '../data/table.js';
import { choleskyInPlace } from '../linalg/solve.js';
import { correlationMatrixOf, covarianceToCorrelation } from '../linalg/covariance.js';
import { oneOf } from '../util/options.js';
import { smoothCorrelation } from './fit.js';

/** A correlation (or covariance) matrix with its sample size, as factor-analysis input. */
export interface CorrelationInput {
  /** p × p symmetric matrix, rows as arrays. A covariance matrix is rescaled to correlations. */
  readonly correlation: readonly (readonly number[])[];
  /** Sample size; needed for χ², RMSEA, TLI, BIC and parallel analysis. */
  readonly n?: number;
  /** Variable names (default `V1`, `V2`, …). */
  readonly names?: readonly string[];
}

/** What factor-analysis functions accept: a table (with `items`) or a correlation matrix with n. */
export type FactorInput = Table | CorrelationInput;

/** Options about reading the input, shared by efa, parallelAnalysis and omega. */
export interface FactorInputOptions {
  /** Columns to analyse (table input). Default: every column. */
  readonly items?: readonly string[];
  /** Missing values in table input: `'pairwise'` (psych's default, `cor(use = "pairwise")`) or `'listwise'`. */
  readonly missing?: 'pairwise' | 'listwise';
  /** Smooth a non-positive-definite correlation matrix as psych::cor.smooth instead of throwing. Default false. */
  readonly smooth?: boolean;
}

export interface ReadFactorInput {
  readonly r: Float64Array;
  readonly p: number;
  readonly names: readonly string[];
  /** psych's n.obs: rows of the table (listwise: complete rows), or the given n. */
  readonly n: number | null;
  /** Pairwise counts for raw data read pairwise (psych's np.obs), else null. */
  readonly pairwiseN: Float64Array | null;
  /** Raw columns when the input was a table (for resampling in parallel analysis). */
  readonly data: NumericColumns | null;
  readonly missing: 'pairwise' | 'listwise';
  readonly warnings: PsychkitWarning[];
}

export function isCorrelationInput(input: unknown): input is CorrelationInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return false;
  const c = (input as { correlation?: unknown }).correlation;
  return Array.isArray(c) && (c.length === 0 || Array.isArray(c[0]));
}

function readMatrix(input: CorrelationInput): { r: Float64Array; p: number; names: string[] } {
  const rows = input.correlation;
  const p = rows.length;
  if (p < 3) throw fail('TOO_FEW_VARIABLES', `The correlation matrix has ${p} variable(s); factor analysis needs at least 3.`, { option: 'correlation', p });
  const m = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length !== p) {
      throw fail('LENGTH_MISMATCH', `Row ${i} of \`correlation\` has ${Array.isArray(row) ? row.length : 'no'} entries; a ${p} × ${p} matrix is needed.`, { option: 'correlation', row: i });
    }
    for (let j = 0; j < p; j++) {
      const v = row[j] as unknown;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw fail('NON_FINITE', `\`correlation\`[${i}][${j}] is ${String(v)}; entries must be finite numbers.`, { option: 'correlation', row: i, value: v });
      }
      m[i * p + j] = v;
    }
  }
  let names: string[];
  if (input.names !== undefined) {
    if (!Array.isArray(input.names) || input.names.length !== p || input.names.some((x) => typeof x !== 'string')) {
      throw fail('LENGTH_MISMATCH', `\`names\` must list ${p} variable names.`, { option: 'names' });
    }
    names = [...input.names];
    if (new Set(names).size !== p) throw fail('DUPLICATE_NAME', '`names` lists a name twice.', { option: 'names' });
  } else {
    names = Array.from({ length: p }, (_, i) => `V${i + 1}`);
  }
  let scale = 0;
  for (let t = 0; t < p * p; t++) scale = Math.max(scale, Math.abs(m[t] as number));
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      const a = m[i * p + j] as number;
      const b = m[j * p + i] as number;
      if (Math.abs(a - b) > 1e-8 * scale) {
        throw fail('NOT_SYMMETRIC', `The correlation matrix is not symmetric: [${i}][${j}] = ${a} but [${j}][${i}] = ${b} ("${names[i]}", "${names[j]}").`, {
          columns: [names[i] as string, names[j] as string],
        });
      }
    }
  }
  // Symmetrise exactly (average) so tiny asymmetries cannot leak into eigenvectors.
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      const v = ((m[i * p + j] as number) + (m[j * p + i] as number)) / 2;
      m[i * p + j] = v;
      m[j * p + i] = v;
    }
  }
  let unitDiagonal = true;
  for (let i = 0; i < p; i++) if (Math.abs((m[i * p + i] as number) - 1) > 1e-8) unitDiagonal = false;
  let r: Float64Array;
  if (unitDiagonal) {
    r = m;
    for (let i = 0; i < p; i++) r[i * p + i] = 1;
  } else {
    r = covarianceToCorrelation(m, p, names); // psych rescales a covariance matrix (cov2cor)
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(r[i * p + j] as number) > 1 + 1e-12) {
        throw fail('NOT_POSITIVE_DEFINITE', `Correlation between "${names[i]}" and "${names[j]}" is ${r[i * p + j]}, outside [−1, 1].`, {
          columns: [names[i] as string, names[j] as string],
        });
      }
    }
  }
  return { r, p, names };
}

/**
 * Reads efa/parallelAnalysis/omega input into a correlation matrix, checking it is symmetric and
 * positive definite (or smoothing it on request).
 */
export function readFactorInput(input: FactorInput, options: FactorInputOptions, fn: string): ReadFactorInput {
  const missing = oneOf('missing', options.missing, ['pairwise', 'listwise'] as const, 'pairwise');
  const warnings: PsychkitWarning[] = [];
  let r: Float64Array;
  let p: number;
  let names: readonly string[];
  let n: number | null = null;
  let pairwiseN: Float64Array | null = null;
  let data: NumericColumns | null = null;
  if (input === null || input === undefined || typeof input !== 'object') {
    throw fail('INVALID_INPUT', `${fn}: input must be a table or { correlation, n }.`, { value: input });
  }
  if (isCorrelationInput(input)) {
    ({ r, p, names } = readMatrix(input));
    if (input.n !== undefined) {
      if (typeof input.n !== 'number' || !Number.isFinite(input.n) || input.n <= 1) {
        throw fail('INVALID_OPTION', `\`n\` must be a number greater than 1; got ${String(input.n)}.`, { option: 'n', value: input.n });
      }
      n = input.n;
    }
  } else {
    if (options.items !== undefined && !Array.isArray(options.items)) {
      throw fail('INVALID_OPTION', '`items` must be an array of column names.', { option: 'items', value: options.items });
    }
    data = numericColumns(input as Table, options.items, 'items');
    p = data.names.length;
    names = data.names;
    if (p < 3) throw fail('TOO_FEW_VARIABLES', `${fn} needs at least 3 items; got ${p}.`, { option: 'items', columns: [...names] });
    const cm = correlationMatrixOf(data, missing);
    r = cm.matrix;
    if (missing === 'listwise') {
      n = cm.n[0] as number;
    } else {
      n = data.n;
      pairwiseN = cm.n;
    }
    if (n < 2) throw fail('TOO_FEW_CASES', `${fn} needs at least 2 complete cases; got ${n}.`, { n });
  }
  const l = Float64Array.from(r);
  if (!choleskyInPlace(l, p)) {
    if (options.smooth === true) {
      const s = smoothCorrelation(r, p);
      if (s) r = s;
      warnings.push({ code: 'CORRELATION_SMOOTHED', message: 'The correlation matrix was not positive definite and was smoothed (psych::cor.smooth).' });
    } else {
      throw fail(
        'NOT_POSITIVE_DEFINITE',
        'The correlation matrix is not positive definite (a variable is a linear combination of others, or pairwise deletion produced an inconsistent matrix). Drop redundant items, use `missing: "listwise"`, or pass `smooth: true`.',
        { p },
      );
    }
  }
  return { r, p, names, n, pairwiseN, data, missing, warnings };
}
