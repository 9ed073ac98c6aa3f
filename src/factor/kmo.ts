import type { ReadTableOptions } from '../data/table.js';
import { fail, type PsychkitResult } from '../errors.js';
import { inverseSPD } from '../linalg/index.js';
import { defineOptions } from '../util/options.js';
import type { Matrix } from '../util/types.js';
import { deepFreeze } from '../util/freeze.js';
import type { MissingRule } from '../linalg/index.js';
import { CORRELATION_TABLE_FIELDS, correlationInput, type FactorInput } from './input.js';

/** Options of {@link kmo}. */
export interface KmoOptions extends ReadTableOptions {
  /** Table input: the items, in this order (default every column). Correlation input: a subset of its names. */
  readonly columns?: readonly string[];
  /** Table input: `'pairwise'` (default, psych) or `'listwise'`. */
  readonly missing?: MissingRule;
}

/** Kaiser's (1974) labels for a measure of sampling adequacy. */
export type SamplingAdequacy = 'marvelous' | 'meritorious' | 'middling' | 'mediocre' | 'miserable' | 'unacceptable';

/** Kaiser–Meyer–Olkin measures of sampling adequacy. */
export interface KmoResult extends PsychkitResult<'kmo'> {
  readonly columns: readonly string[];
  /** Overall MSA: Σ r²ᵢⱼ / (Σ r²ᵢⱼ + Σ q²ᵢⱼ) over i ≠ j. */
  readonly overall: number;
  /** MSA of each item (aligned with `columns`): the same ratio over row i only. */
  readonly perItem: readonly number[];
  /** Kaiser's label for `overall`. */
  readonly adequacy: SamplingAdequacy;
  /** Partial correlation of each pair given all other items, qᵢⱼ = −(R⁻¹)ᵢⱼ/√((R⁻¹)ᵢᵢ(R⁻¹)ⱼⱼ); unit diagonal. */
  readonly partialCorrelations: Matrix;
  /** Anti-image covariance matrix S⁻¹R⁻¹S⁻¹ with S = diag(R⁻¹) (psych's `ImCov`). */
  readonly antiImageCovariance: Matrix;
}

const readKmoOptions = defineOptions(
  'kmo',
  CORRELATION_TABLE_FIELDS,
  { items: 'columns' },
);

/**
 * Kaiser's (1974) verbal scale for a measure of sampling adequacy: ≥ .90 marvelous, ≥ .80
 * meritorious, ≥ .70 middling, ≥ .60 mediocre, ≥ .50 miserable, below .50 unacceptable.
 *
 * `msa` must be a number in [0, 1] (an MSA is a ratio of sums of squares): NaN or ±Infinity
 * throws `NON_FINITE`, anything else outside [0, 1] `INVALID_INPUT`.
 *
 * @example
 * ```ts
 * samplingAdequacyLabel(0.84); // 'meritorious'
 * ```
 */
export function samplingAdequacyLabel(msa: number): SamplingAdequacy {
  if (typeof msa !== 'number') {
    throw fail('INVALID_INPUT', `samplingAdequacyLabel: expected an MSA (a number in [0, 1]); got ${typeof msa}.`, { value: msa });
  }
  if (!Number.isFinite(msa)) throw fail('NON_FINITE', `samplingAdequacyLabel: the MSA is ${msa}.`, { value: msa });
  if (msa < 0 || msa > 1) throw fail('INVALID_INPUT', `samplingAdequacyLabel: an MSA lies in [0, 1]; got ${msa}.`, { value: msa });
  if (msa >= 0.9) return 'marvelous';
  if (msa >= 0.8) return 'meritorious';
  if (msa >= 0.7) return 'middling';
  if (msa >= 0.6) return 'mediocre';
  if (msa >= 0.5) return 'miserable';
  return 'unacceptable';
}

/**
 * Kaiser–Meyer–Olkin measure of sampling adequacy (MSA), overall and per item, as psych::KMO.
 *
 * With R the correlation matrix and qᵢⱼ the partial correlations from its inverse
 * (anti-image), MSA = Σᵢ≠ⱼ r²ᵢⱼ / (Σᵢ≠ⱼ r²ᵢⱼ + Σᵢ≠ⱼ q²ᵢⱼ) and MSAᵢ the same sums over row i.
 * Values near 1 mean the correlations are mostly shared (suitable for factor analysis); Kaiser
 * calls ≥ .90 marvelous and < .50 unacceptable. The matrix must be positive definite
 * (`NOT_POSITIVE_DEFINITE`), otherwise R⁻¹ does not exist or gives no partial correlations
 * (psych then falls back to R itself; psychkit refuses). A variable whose correlations are all
 * exactly 0 has MSA 0/0 (psych returns NaN); psychkit throws `INVALID_INPUT` naming it.
 *
 * Input: a table (+ `items`, `missing`), `{ correlation, n? }`, or a `correlationMatrix` result.
 *
 * References: Kaiser, H. F. (1970). A second generation little jiffy. *Psychometrika, 35*,
 * 401–415. Kaiser, H. F. (1974). An index of factorial simplicity. *Psychometrika, 39*, 31–36.
 *
 * @example
 * ```ts
 * const k = kmo(rows, { columns: ['esse1', 'esse2', 'esse3', 'esse4'] });
 * k.overall; k.perItem; k.adequacy; // e.g. 0.94, [...], 'marvelous'
 * ```
 */
export function kmo(input: FactorInput, options?: KmoOptions): KmoResult {
  const { columns, missing, missingCodes } = readKmoOptions.read(options);
  const { names, p, matrix, n } = correlationInput(input, { ...(columns ? { columns } : {}), missing, missingCodes, caller: 'kmo', minVariables: 2 });
  const inv = inverseSPD(matrix, p);
  const partial = new Float64Array(p * p);
  const antiImage = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    const qii = inv[i * p + i] as number;
    for (let j = 0; j < p; j++) {
      const qjj = inv[j * p + j] as number;
      const qij = inv[i * p + j] as number;
      partial[i * p + j] = i === j ? 1 : -qij / Math.sqrt(qii * qjj);
      antiImage[i * p + j] = qij / (qii * qjj);
    }
  }
  let sumR = 0;
  let sumQ = 0;
  const perItem: number[] = [];
  for (let j = 0; j < p; j++) {
    let r2 = 0;
    let q2 = 0;
    for (let i = 0; i < p; i++) {
      if (i === j) continue;
      r2 += (matrix[i * p + j] as number) ** 2;
      q2 += (partial[i * p + j] as number) ** 2;
    }
    if (!(r2 + q2 > 0)) {
      const column = names[j] as string;
      throw fail('INVALID_INPUT', `kmo: "${column}" is uncorrelated with every other variable (all correlations and partial correlations are 0), so its MSA is 0/0.`, {
        column,
      });
    }
    perItem.push(r2 / (r2 + q2));
    sumR += r2;
    sumQ += q2;
  }
  const overall = sumR / (sumR + sumQ);
  const rows = (m: Float64Array) => Array.from({ length: p }, (_, i) => Array.from(m.subarray(i * p, (i + 1) * p)));
  return deepFreeze({
    kind: 'kmo',
    n: n ?? null,
    columns: [...names],
    overall,
    perItem,
    adequacy: samplingAdequacyLabel(overall),
    partialCorrelations: rows(partial),
    antiImageCovariance: rows(antiImage),
    warnings: [],
  });
}
