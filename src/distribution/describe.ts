import { quickselect } from 'simple-statistics';
import { fail, isPsychkitError, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import { numericColumn } from '../data/numeric.js';
import { possibleMissingCodes } from '../data/suspect.js';
import { type Table, type TableView, tableView, type ReadTableOptions } from '../data/table.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field } from '../util/options.js';
import { centralSums, kurtosisFromSums, sekOf, sesOf, skewnessFromSums, type MomentType } from './moments.js';
import { isVectorInput, readSample } from './sample.js';

/** Options of {@link descriptives}. */
export interface DescriptivesOptions extends ReadTableOptions {
  /** Columns to describe (table input). Default: every numeric column (others are skipped with a warning). */
  readonly columns?: readonly string[];
  /** Skewness/kurtosis type as psych (default 2, SAS/SPSS G₁/G₂; psych's default is 3). */
  readonly type?: MomentType;
  /** Proportion trimmed from each end for the trimmed mean (default 0.1, as psych). */
  readonly trim?: number;
  /** Name of the variable for array input (default `'x'`). */
  readonly name?: string;
}

const readDescriptivesOptions = defineOptions('descriptives', {
  missingCodes: field.missingCodes(),
  columns: field.columns(),
  type: field.oneOf<MomentType>([1, 2, 3], 2),
  trim: field.number(0.1, 0, 0.5),
  name: field.optionalString(),
});

/** One variable of {@link descriptives}. Statistics that need more values than there are are `null`. */
export interface DescriptivesRow {
  readonly column: string;
  /** Non-missing values. */
  readonly n: number;
  readonly nMissing: number;
  readonly mean: number | null;
  /** Standard deviation (n − 1 denominator). */
  readonly sd: number | null;
  readonly median: number | null;
  /** Mean after dropping ⌊n·trim⌋ values at each end (R's `mean(x, trim)`). */
  readonly trimmedMean: number | null;
  /** Median absolute deviation from the median × 1.4826 (R's `mad`). */
  readonly mad: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly range: number | null;
  readonly skewness: number | null;
  /** Excess kurtosis. */
  readonly kurtosis: number | null;
  /** Standard error of the mean, sd/√n. */
  readonly se: number | null;
  /** SPSS standard error of skewness. */
  readonly seSkewness: number | null;
  /** SPSS standard error of kurtosis. */
  readonly seKurtosis: number | null;
  /** skewness / seSkewness. */
  readonly zSkewness: number | null;
  /** kurtosis / seKurtosis. */
  readonly zKurtosis: number | null;
}

/** Result of {@link descriptives}. */
export interface DescriptivesResult extends PsychkitResult<'descriptives'> {
  /** Rows of the table (or values of the array), missing included; each row's own `n` counts its non-missing values. */
  readonly n: number;
  readonly type: MomentType;
  readonly trim: number;
  readonly rows: readonly DescriptivesRow[];
  readonly warnings: readonly PsychkitWarning[];
}

// Order statistics by selection (simple-statistics' Floyd–Rivest quickselect, O(n)) rather than
// sorting: sorting dominated describe's time. Each helper reorders its array in place; a
// simple-statistics function reads only length and indices, so a Float64Array serves.
const select = (v: Float64Array, k: number, left?: number, right?: number): void => quickselect(v as unknown as number[], k, left, right);

/** Median of v (R's: the mean of the two middle values for even n); reorders v. */
function medianInPlace(v: Float64Array): number {
  const n = v.length;
  const k = (n - 1) >> 1;
  select(v, k);
  const lower = v[k] as number;
  if (n % 2 === 1) return lower;
  let upper = Infinity; // the smallest value right of k, all ≥ v[k] after selection
  for (let i = k + 1; i < n; i++) if ((v[i] as number) < upper) upper = v[i] as number;
  return (lower + upper) / 2;
}

/** R's mean(x, trim): the mean of the values of rank ⌊n·trim⌋ … n − 1 − ⌊n·trim⌋; reorders v. */
function trimmedMeanInPlace(v: Float64Array, trim: number, scale: number): number {
  const n = v.length;
  const lo = Math.floor(n * trim);
  const hi = n - 1 - lo;
  if (lo > 0) {
    select(v, lo);
    select(v, hi, lo, n - 1);
  }
  const inv = 1 / scale; // exact: a power of two
  let sum = 0;
  for (let i = lo; i <= hi; i++) sum += (v[i] as number) * inv;
  const m = sum / (hi - lo + 1);
  let c = 0;
  for (let i = lo; i <= hi; i++) c += (v[i] as number) * inv - m;
  return (m + c / (hi - lo + 1)) * scale;
}

function describeValues(name: string, values: Float64Array, type: MomentType, trim: number, warnings: PsychkitWarning[]): DescriptivesRow {
  let missing = 0;
  for (const v of values) if (Number.isNaN(v)) missing++;
  const n = values.length - missing;
  const work = new Float64Array(n);
  let k = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    work[k++] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }

  const row: { -readonly [K in keyof DescriptivesRow]: DescriptivesRow[K] } = {
    column: name,
    n,
    nMissing: missing,
    mean: null,
    sd: null,
    median: null,
    trimmedMean: null,
    mad: null,
    min: null,
    max: null,
    range: null,
    skewness: null,
    kurtosis: null,
    se: null,
    seSkewness: null,
    seKurtosis: null,
    zSkewness: null,
    zKurtosis: null,
  };
  if (n === 0) {
    warnings.push({ code: 'TOO_FEW_CASES', message: `"${name}" has no non-missing values.`, details: { column: name, n } });
    return row;
  }
  const sums = centralSums(work);
  const med = medianInPlace(work);
  row.mean = sums.mean;
  row.median = med;
  row.trimmedMean = trim >= 0.5 ? med : trimmedMeanInPlace(work, trim, sums.scale);
  for (let i = 0; i < n; i++) work[i] = Math.abs((work[i] as number) - med);
  row.mad = 1.4826 * medianInPlace(work);
  row.min = min;
  row.max = max;
  row.range = max - min;
  if (n >= 2) {
    row.sd = Math.sqrt(sums.s2 / (n - 1)) * sums.scale;
    row.se = row.sd / Math.sqrt(n);
  }
  const constant = n >= 2 && row.min === row.max;
  if (constant) {
    warnings.push({ code: 'ZERO_VARIANCE', message: `"${name}" is constant (${row.min}): skewness and kurtosis are undefined.`, details: { column: name, value: row.min } });
  } else if (n < 4) {
    warnings.push({ code: 'TOO_FEW_CASES', message: `"${name}" has ${n} values: skewness needs 3 and kurtosis 4.`, details: { column: name, n } });
  }
  if (n >= 3 && !constant) {
    row.skewness = skewnessFromSums(sums, type);
    row.seSkewness = sesOf(n);
    row.zSkewness = row.skewness / row.seSkewness;
  }
  if (n >= 4 && !constant) {
    row.kurtosis = kurtosisFromSums(sums, type);
    row.seKurtosis = sekOf(n);
    row.zKurtosis = row.kurtosis / row.seKurtosis;
  }
  return row;
}

/**
 * Descriptive statistics per variable, as `psych::describe`: n, mean, sd, median, 10% trimmed
 * mean, MAD (× 1.4826), min, max, range, skewness, excess kurtosis, the standard error of the mean —
 * plus the number missing, SPSS's standard errors of skewness (SES) and kurtosis (SEK) and the z
 * ratios skewness/SES and kurtosis/SEK. Missing values are ignored per variable.
 *
 * Input: any {@link Table} (with `columns`, or every numeric column) or one array of numbers.
 * `type` selects the skewness/kurtosis estimator as {@link skewness}; the default 2 (G₁/G₂, what
 * SPSS and SAS print, and the statistics SES and SEK are the standard errors of) differs from
 * psych's default 3. Type-1 kurtosis is computed on the non-missing values (psych 2.2.9's
 * data-frame path counts missing cells in n for type 1; its vector path, `psych::kurtosi`, does
 * not).
 *
 * Statistics a variable has too few values for are `null`, with a warning (skewness needs 3,
 * kurtosis 4, sd 2; a constant variable has none). Values that look like missing-data codes
 * (−99, −9, 999, … far outside a variable's other values) are described as numbers, with a
 * `POSSIBLE_MISSING_CODE` warning naming variable, value and count. Throws `MISSING_COLUMN`, `NON_NUMERIC` (for
 * listed columns), `NON_FINITE`, `INVALID_OPTION`.
 *
 * Reference: Revelle, W. (2022). *psych: Procedures for psychological, psychometric, and
 * personality research* (R package 2.2.9), `describe`.
 *
 * @example
 * ```ts
 * const d = descriptives(rows, { columns: ['ras1', 'esse1'] });
 * d.rows[0]; // { column: 'ras1', n: 265, nMissing: 3, mean: 4.230, sd: 1.150, median: 5, …, skewness: −1.425, … }
 * descriptives(recovery).rows[0].zSkewness; // −11.78
 * ```
 */
export function descriptives(data: Table | TableView | ArrayLike<unknown>, options?: DescriptivesOptions): DescriptivesResult {
  const o = readDescriptivesOptions.read(options);
  const { type, trim } = o;
  let n: number;
  const warnings: PsychkitWarning[] = [];
  const rows: DescriptivesRow[] = [];

  if (isVectorInput(data)) {
    if (o.columns !== undefined) {
      throw fail('INVALID_OPTION', '`columns` applies to table input; descriptives got a single array.', { option: 'columns', value: o.columns });
    }
    const name = o.name ?? 'x';
    if (name === '') throw fail('INVALID_OPTION', '`name` must be a non-empty string.', { option: 'name', value: name });
    // Codes apply to one array as to a column: read it as a one-column table.
    const sample = o.missingCodes.length === 0 ? readSample(data, 'descriptives', name) : { values: numericColumn(tableView({ [name]: data }, o.missingCodes), name) };
    n = sample.values.length;
    warnings.push(...possibleMissingCodes([name], [sample.values]));
    rows.push(describeValues(name, sample.values, type, trim, warnings));
  } else {
    if (o.name !== undefined) throw fail('INVALID_OPTION', '`name` applies to array input; use `columns` for a table.', { option: 'name', value: o.name });
    const view = tableView(data as Table | TableView, o.missingCodes);
    n = view.nRows;
    const explicit = o.columns !== undefined;
    const names = o.columns ?? view.columnNames;
    for (const name of names) {
      let values: Float64Array;
      try {
        values = numericColumn(view, name);
      } catch (e) {
        if (explicit || !isPsychkitError(e) || e.code !== 'NON_NUMERIC') throw e;
        warnings.push({ code: 'NON_NUMERIC', message: `Column "${name}" is not numeric and was skipped. ${e.message}`, details: { column: name } });
        continue;
      }
      warnings.push(...possibleMissingCodes([name], [values]));
      rows.push(describeValues(name, values, type, trim, warnings));
    }
    if (rows.length === 0) throw fail('TOO_FEW_VARIABLES', 'descriptives found no numeric column to describe.', { columns: names });
  }
  return deepFreeze({ kind: 'descriptives', n, type, trim, rows, warnings });
}
