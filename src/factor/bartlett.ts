import type { ReadTableOptions } from '../data/table.js';
import { fail, type PsychkitResult } from '../errors.js';
import { choleskyInPlace, type MissingRule } from '../linalg/index.js';
import { chiSquareSurvival } from '../probability/index.js';
import { defineOptions } from '../util/options.js';
import { deepFreeze } from '../util/freeze.js';
import { CORRELATION_TABLE_FIELDS, correlationInput, type FactorInput } from './input.js';

/** Options of {@link bartlettSphericity}. */
export interface BartlettOptions extends ReadTableOptions {
  /** Table input: the items, in this order (default every column). Correlation input: a subset of its names. */
  readonly columns?: readonly string[];
  /** Table input: `'pairwise'` (default, psych) or `'listwise'`. */
  readonly missing?: MissingRule;
}

/** Bartlett's test that the population correlation matrix is the identity. */
export interface BartlettResult extends PsychkitResult<'bartlettSphericity'> {
  readonly columns: readonly string[];
  /** The test statistic χ² = −(n − 1 − (2p + 5)/6)·ln|R|. */
  readonly statistic: number;
  /** p(p − 1)/2. */
  readonly df: number;
  /** Upper-tail χ² probability. */
  readonly p: number;
  /** Sample size used. */
  readonly n: number;
  /** |R|, the determinant of the correlation matrix (SPSS prints it beside KMO). */
  readonly determinant: number;
}

const readBartlettOptions = defineOptions(
  'bartlettSphericity',
  CORRELATION_TABLE_FIELDS,
  { items: 'columns' },
);

/**
 * Bartlett's (1951) test of sphericity, as psych::cortest.bartlett: H₀ says the variables are
 * uncorrelated (R = I), which would leave nothing to factor.
 *
 * χ² = −(n − 1 − (2p + 5)/6)·ln|R| with df = p(p − 1)/2; ln|R| = 2·Σ ln Lᵢᵢ from the Cholesky
 * factor R = L·Lᵀ. The sample size is required: with a table it is the number of rows used
 * (every row with `missing: 'pairwise'`, as psych, which takes `nrow(x)`; the complete rows
 * with `'listwise'`); with `{ correlation, n }` it is `n` (psych silently assumes 100 — psychkit
 * throws `INVALID_OPTION`). `n ≤ 1 + (2p + 5)/6` throws `TOO_FEW_CASES`; a matrix that is not
 * positive definite (|R| ≤ 0) throws `NOT_POSITIVE_DEFINITE`.
 *
 * Reference: Bartlett, M. S. (1951). The effect of standardization on a χ² approximation in
 * factor analysis. *Biometrika, 38*, 337–344.
 *
 * @example
 * ```ts
 * const b = bartlettSphericity({ correlation: R, n: 145 });
 * b.statistic; b.df; b.p; // χ²(276) = 1545.86, p < .001
 * ```
 */
export function bartlettSphericity(input: FactorInput, options?: BartlettOptions): BartlettResult {
  const { columns, missing, missingCodes } = readBartlettOptions.read(options);
  const { names, p, matrix, n } = correlationInput(input, {
    ...(columns ? { columns } : {}),
    missing,
    missingCodes,
    caller: 'bartlettSphericity',
    requireN: true,
    minVariables: 2,
  });
  const size = n as number;
  const multiplier = size - 1 - (2 * p + 5) / 6;
  if (!(multiplier > 0)) {
    throw fail('TOO_FEW_CASES', `bartlettSphericity: n = ${size} is too small for ${p} variables (the test needs n > 1 + (2p + 5)/6 = ${1 + (2 * p + 5) / 6}).`, {
      n: size,
      p,
    });
  }
  const l = Float64Array.from(matrix);
  choleskyInPlace(l, p); // positive definite: checked by correlationInput
  // With a unit diagonal, Lᵢᵢ² = 1 − Σₖ<ᵢ Lᵢₖ², so ln Lᵢᵢ² = log1p(−Σₖ<ᵢ Lᵢₖ²): full relative
  // precision when R is close to I (2·ln Lᵢᵢ keeps only the digits of Lᵢᵢ − 1). Far from 1 the
  // pivot itself is the accurate one.
  let logDet = 0;
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let k = 0; k < i; k++) s += (l[i * p + k] as number) ** 2;
    logDet += s < 0.5 ? Math.log1p(-s) : 2 * Math.log(l[i * p + i] as number);
  }
  const chiSquare = -logDet * multiplier;
  const df = (p * (p - 1)) / 2;
  return deepFreeze({
    kind: 'bartlettSphericity',
    columns: [...names],
    statistic: chiSquare,
    df,
    p: chiSquareSurvival(chiSquare, df),
    n: size,
    determinant: Math.exp(logDet),
    warnings: [],
  });
}
