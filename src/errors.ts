/**
 * Stable error codes. Code strings never change once published; messages may improve.
 *
 * | code | thrown when |
 * |---|---|
 * | `INVALID_INPUT` | the input is not a table, matrix or array psychkit understands, or is empty |
 * | `MISSING_COLUMN` | a named column (item, variable, covariate) is not in the table |
 * | `DUPLICATE_NAME` | a name is listed twice where names must be unique |
 * | `NON_NUMERIC` | a value in a numeric column is neither a number, a numeric string nor missing |
 * | `NON_FINITE` | a value is ±Infinity (or NaN where missing is not allowed) |
 * | `OUT_OF_RANGE` | a response lies outside the declared response range, or is not an integer |
 * | `LENGTH_MISMATCH` | columns or arrays that must have equal length do not |
 * | `TOO_FEW_CASES` | fewer complete cases than the estimator needs |
 * | `TOO_FEW_VARIABLES` | fewer items or variables than the estimator needs |
 * | `ZERO_VARIANCE` | a variable is constant |
 * | `SINGULAR` | a matrix is singular or a design is rank-deficient (aliased columns named) |
 * | `NOT_POSITIVE_DEFINITE` | a correlation/covariance matrix is not positive (semi)definite |
 * | `NOT_SYMMETRIC` | a matrix that must be symmetric is not |
 * | `NON_POSITIVE` | a transform needs positive values (log, inverse, Box-Cox) and no shift was given |
 * | `INVALID_OPTION` | an option has the wrong type, an unknown value or an impossible combination |
 * | `UNKNOWN_MODEL` | a PROCESS model number psychkit does not implement |
 * | `TOO_MANY_FACTORS` | more factors than the degrees of freedom or variables allow |
 * | `SEPARATION` | a logistic regression's outcome is predicted perfectly (complete or quasi-complete separation): the MLE does not exist |
 * | `NOT_CONVERGED` | an iterative estimator did not converge although its estimate should exist |
 * | `MODEL_SYNTAX` | lavaan model syntax that cannot be parsed or stated twice (names the line and column) |
 * | `NOT_IDENTIFIED` | a CFA/SEM that is not identified (names the parameter or latent variable) |
 * | `UNKNOWN_LABEL` | a response label that is not among the labels given to `recodeResponses` (names the column and row) |
 * | `ABORTED` | `runInWorker` (psychkit/worker) was cancelled through its AbortSignal; its workers were terminated |
 */
export type PsychkitErrorCode =
  | 'INVALID_INPUT'
  | 'MISSING_COLUMN'
  | 'DUPLICATE_NAME'
  | 'NON_NUMERIC'
  | 'NON_FINITE'
  | 'OUT_OF_RANGE'
  | 'LENGTH_MISMATCH'
  | 'TOO_FEW_CASES'
  | 'TOO_FEW_VARIABLES'
  | 'ZERO_VARIANCE'
  | 'SINGULAR'
  | 'NOT_POSITIVE_DEFINITE'
  | 'NOT_SYMMETRIC'
  | 'NON_POSITIVE'
  | 'INVALID_OPTION'
  | 'UNKNOWN_MODEL'
  | 'TOO_MANY_FACTORS'
  | 'SEPARATION'
  | 'NOT_CONVERGED'
  | 'MODEL_SYNTAX'
  | 'NOT_IDENTIFIED'
  | 'UNKNOWN_LABEL'
  | 'ABORTED';

/** Every code, for documentation and exhaustive tests. */
export const ERROR_CODES: readonly PsychkitErrorCode[] = Object.freeze([
  'INVALID_INPUT',
  'MISSING_COLUMN',
  'DUPLICATE_NAME',
  'NON_NUMERIC',
  'NON_FINITE',
  'OUT_OF_RANGE',
  'LENGTH_MISMATCH',
  'TOO_FEW_CASES',
  'TOO_FEW_VARIABLES',
  'ZERO_VARIANCE',
  'SINGULAR',
  'NOT_POSITIVE_DEFINITE',
  'NOT_SYMMETRIC',
  'NON_POSITIVE',
  'INVALID_OPTION',
  'UNKNOWN_MODEL',
  'TOO_MANY_FACTORS',
  'SEPARATION',
  'NOT_CONVERGED',
  'MODEL_SYNTAX',
  'NOT_IDENTIFIED',
  'UNKNOWN_LABEL',
  'ABORTED',
] as const);

/** Where a problem was found. Every field is optional; those that apply are filled in. */
export interface PsychkitErrorDetails {
  /** Column (item/variable) name. */
  readonly column?: string;
  /** Zero-based row index in the input table. */
  readonly row?: number;
  /** The offending value. */
  readonly value?: unknown;
  /** Option or parameter name. */
  readonly option?: string;
  /** Several columns, e.g. the aliased columns of a rank-deficient design. */
  readonly columns?: readonly string[];
  /** Anything else worth reporting (counts, limits). */
  readonly [key: string]: unknown;
}

/**
 * The one error class psychkit throws. Test `error.code`, not the message.
 *
 * @example
 * ```ts
 * try { cronbachAlpha(rows, { columns: ['q1', 'q9'] }); }
 * catch (e) { if (e instanceof PsychkitError && e.code === 'MISSING_COLUMN') console.log(e.details.column); }
 * ```
 */
export class PsychkitError extends Error {
  readonly code: PsychkitErrorCode;
  readonly details: PsychkitErrorDetails;

  /**
   * Throws a PsychkitError `INVALID_OPTION` itself when `code` is not one of {@link ERROR_CODES},
   * `message` is not a string or `details` is not an object: an error with an undocumented code
   * would break every `switch (e.code)` downstream.
   */
  constructor(code: PsychkitErrorCode, message: string, details: PsychkitErrorDetails = {}) {
    const problem: [string, string] | undefined = !(typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code))
      ? ['code', `must be one of ${ERROR_CODES.join(', ')}`]
      : typeof message !== 'string'
        ? ['message', 'must be a string']
        : typeof details !== 'object' || details === null || Array.isArray(details)
          ? ['details', 'must be an object']
          : undefined;
    if (problem !== undefined) {
      throw new PsychkitError('INVALID_OPTION', `PsychkitError: \`${problem[0]}\` ${problem[1]}; got ${typeof (problem[0] === 'code' ? code : problem[0] === 'message' ? message : details)}.`, {
        option: problem[0],
      });
    }
    super(message);
    this.name = 'PsychkitError';
    this.code = code;
    this.details = Object.freeze({ ...details });
  }
}

/**
 * Type guard usable across bundles (instanceof fails when two copies are loaded).
 *
 * @example
 * ```ts
 * try { numericColumns(rows, ['q99']); } catch (e) { if (isPsychkitError(e)) console.log(e.code); }
 * ```
 */
export function isPsychkitError(e: unknown): e is PsychkitError {
  return (
    e instanceof PsychkitError ||
    (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'PsychkitError' && typeof (e as { code?: unknown }).code === 'string')
  );
}

/** Internal shorthand: `throw fail('INVALID_OPTION', ...)`. */
export function fail(code: PsychkitErrorCode, message: string, details?: PsychkitErrorDetails): PsychkitError {
  return new PsychkitError(code, message, details);
}

/**
 * Stable warning codes. Code strings never change once published; messages may improve.
 * [docs/errors.md](../docs/errors.md#warnings) says which function gives each and what it means.
 */
export type PsychkitWarningCode =
  // data
  | 'POSSIBLE_MISSING_CODE'
  | 'CATEGORICAL_REFERENCE'
  | 'UNUSED_LEVEL'
  // scales
  | 'INVALID_RESPONSES_MISSING'
  | 'PRORATED_SUM'
  | 'NO_SCORES'
  | 'EMPTY_ITEM'
  // reliability
  | 'NEGATIVE_ITEM_CORRELATION'
  | 'NEGATIVE_ALPHA'
  | 'SINGULAR_CORRELATION'
  | 'EMPTY_ROWS'
  | 'UNDEFINED_ITEM_STATISTICS'
  | 'UNDEFINED_ASE'
  | 'BOOTSTRAP_RESAMPLES_SKIPPED'
  // distribution
  | 'TOO_FEW_CASES'
  | 'ZERO_VARIANCE'
  | 'NON_NUMERIC'
  | 'TOO_FEW_FOR_TEST'
  | 'SMALL_SAMPLE'
  | 'TOO_MANY_FOR_TEST'
  // factor
  | 'POLYCHORIC_PAIRWISE_THRESHOLDS'
  | 'POLYCHORIC_EMPTY_CELLS'
  | 'SMOOTHED'
  | 'CORRELATION_SMOOTHED'
  | 'MODEL_SMOOTHED'
  | 'EXTRACTION_NOT_CONVERGED'
  | 'HEYWOOD'
  | 'ROTATION_NOT_CONVERGED'
  | 'MAP_TRUNCATED'
  | 'OMEGA_ONE_FACTOR'
  | 'OMEGA_TWO_FACTORS'
  // regression and mediation
  | 'PERFECT_FIT'
  | 'JN_DICHOTOMOUS'
  | 'DICHOTOMOUS_MEDIATOR'
  // sem
  | 'MODEL_NOT_CONVERGED'
  | 'LATENT_COVARIANCE_NOT_POSITIVE_DEFINITE'
  | 'SCALED_DIFFERENCE_NEGATIVE'
  | 'MODELS_NOT_NESTED'
  // screening
  | 'EM_NOT_CONVERGED';

/** Every warning code, for documentation and exhaustive tests. */
export const WARNING_CODES: readonly PsychkitWarningCode[] = Object.freeze([
  'POSSIBLE_MISSING_CODE',
  'CATEGORICAL_REFERENCE',
  'UNUSED_LEVEL',
  'INVALID_RESPONSES_MISSING',
  'PRORATED_SUM',
  'NO_SCORES',
  'EMPTY_ITEM',
  'NEGATIVE_ITEM_CORRELATION',
  'NEGATIVE_ALPHA',
  'SINGULAR_CORRELATION',
  'EMPTY_ROWS',
  'UNDEFINED_ITEM_STATISTICS',
  'UNDEFINED_ASE',
  'BOOTSTRAP_RESAMPLES_SKIPPED',
  'TOO_FEW_CASES',
  'ZERO_VARIANCE',
  'NON_NUMERIC',
  'TOO_FEW_FOR_TEST',
  'SMALL_SAMPLE',
  'TOO_MANY_FOR_TEST',
  'POLYCHORIC_PAIRWISE_THRESHOLDS',
  'POLYCHORIC_EMPTY_CELLS',
  'SMOOTHED',
  'CORRELATION_SMOOTHED',
  'MODEL_SMOOTHED',
  'EXTRACTION_NOT_CONVERGED',
  'HEYWOOD',
  'ROTATION_NOT_CONVERGED',
  'MAP_TRUNCATED',
  'OMEGA_ONE_FACTOR',
  'OMEGA_TWO_FACTORS',
  'PERFECT_FIT',
  'JN_DICHOTOMOUS',
  'DICHOTOMOUS_MEDIATOR',
  'MODEL_NOT_CONVERGED',
  'LATENT_COVARIANCE_NOT_POSITIVE_DEFINITE',
  'SCALED_DIFFERENCE_NEGATIVE',
  'MODELS_NOT_NESTED',
  'EM_NOT_CONVERGED',
] as const);

/**
 * A problem worth reporting that does not stop the analysis (an item that correlates negatively
 * with the total, a Heywood case, a rotation that did not converge, a perfect fit). Results carry
 * `warnings: readonly PsychkitWarning[]`; `code` is stable, the message may improve.
 */
export interface PsychkitWarning {
  readonly code: PsychkitWarningCode;
  readonly message: string;
  readonly details?: PsychkitErrorDetails;
}

/**
 * What every estimator's result has (docs/conventions.md): the function that made it, the cases
 * analysed and the warnings. `toApaTable`, `toMarkdown` and `formatProcess` dispatch on `kind`.
 */
export interface PsychkitResult<K extends string = string> {
  /** The name of the function that made the result: `'cronbachAlpha'`, `'efa'`, … */
  readonly kind: K;
  /** Cases analysed; `null` only when a correlation matrix was given without `n`. */
  readonly n: number | null;
  /** Legal but suspicious data and numerical trouble, as typed codes with a message. */
  readonly warnings: readonly PsychkitWarning[];
}
