import { fail, type PsychkitResult } from '../errors.js';
import { type Table, tableView, type ReadTableOptions } from '../data/table.js';
import { defineOptions, field, type HcOption } from '../util/options.js';
import type { Matrix } from '../util/types.js';
import { deepFreeze } from '../util/freeze.js';
import { buildDesign, buildFrame, categoricalField, numericOf, termParts, type CategoricalOption } from './frame.js';
import { coefficientTable, covarianceRows, fitLinear, modelSummary, perfectFitWarnings, standardErrorsOf, type Coefficient, type ModelSummary } from './fit.js';

/** Options for {@link ols}. */
export interface OlsOptions extends ReadTableOptions {
  /** Outcome column (numeric). */
  readonly y: string;
  /**
   * Predictors: column names, or products written `"a:b"` (as R's `:`; the parts must be numeric).
   * String columns are categorical and enter as dummy columns named `name[level]`.
   */
  readonly x: string | readonly string[];
  /** More predictors, entered after `x` (PROCESS's covariates). */
  readonly covariates?: readonly string[];
  /** Standard errors: `'none'` (classical, default) or `'HC0'`…`'HC4'`. */
  readonly hc?: HcOption;
  /** Confidence level for coefficient intervals. Default 0.95. */
  readonly confidence?: number;
  /** Declares categorical predictors and their levels / reference level. */
  readonly categorical?: CategoricalOption;
}

/** Result of {@link ols}. */
export interface OlsResult extends PsychkitResult<'ols'> {
  readonly outcome: string;
  /** Complete cases used (listwise over y and every predictor). */
  readonly n: number;
  /** Rows dropped for a missing value. */
  readonly nDropped: number;
  /** Coefficient names: `'constant'`, then predictors (dummies as `marital[married]`, products as `x:w`). */
  readonly terms: readonly string[];
  readonly coefficients: readonly Coefficient[];
  readonly summary: ModelSummary;
  /** Coefficient covariance matrix (rows), classical or HC. */
  readonly covariance: Matrix;
  readonly hc: HcOption;
  readonly confidence: number;
}

const readOlsOptions = defineOptions('ols', {
  missingCodes: field.missingCodes(),
  y: field.column(),
  x: field.names(),
  covariates: field.names({ min: 0, required: false }),
  hc: field.hc(),
  confidence: field.confidence(),
  categorical: categoricalField(),
});

/**
 * Ordinary least squares with an intercept, solved by Householder QR (never by inverting XᵀX).
 *
 * b = R⁻¹Qᵀy; classical covariance s²·R⁻¹R⁻ᵀ with s² = SSE/(n − k); with `hc`, the
 * heteroskedasticity-consistent sandwich (XᵀX)⁻¹XᵀΩX(XᵀX)⁻¹ (HC0–HC4 as `sandwich::vcovHC`),
 * which changes every SE, t, p and CI, and turns the model F into the Wald F
 * b_sᵀV_ss⁻¹b_s/(k − 1) — PROCESS's `F(HCk)`. t-based p-values and CIs use n − k df.
 * Matches R's `lm` + `summary` + `confint` (and `sandwich::vcovHC`); a rank-deficient design is an
 * error (`SINGULAR`, naming the aliased columns) where R would report NA.
 *
 * Reference: Long, J. S., & Ervin, L. H. (2000). Using heteroscedasticity consistent standard
 * errors in the linear regression model. *The American Statistician, 54*, 217–224.
 *
 * @example
 * ```ts
 * const fit = ols(rows, { y: 'pwb', x: ['esse'], covariates: ['gender', 'education', 'marital'], hc: 'HC3' });
 * fit.coefficients.find((c) => c.term === 'esse'); // { term, estimate, se, statistic, p, lower, upper }
 * fit.summary; // { r, rSquared, adjustedRSquared, mse, statistic, df1, df2, p }
 * ```
 */
export function ols(table: Table, options: OlsOptions): OlsResult {
  const o = readOlsOptions.read(options);
  const { y, x, covariates, hc, confidence } = o;
  const terms = [...x, ...covariates];
  const duplicate = terms.find((t, i) => terms.indexOf(t) !== i);
  if (duplicate !== undefined) throw fail('DUPLICATE_NAME', `"${duplicate}" is listed twice among x and covariates.`, { option: 'covariates', column: duplicate });
  if (terms.includes(y)) throw fail('INVALID_OPTION', `The outcome "${y}" is also listed as a predictor.`, { option: 'x', column: y });
  const view = tableView(table, o.missingCodes);
  const parts = terms.map((t) => termParts(t, view));
  const frame = buildFrame(view, {
    numeric: [y, ...parts.filter((p) => p.length > 1).flat()],
    predictors: parts.flat(),
    categorical: o.categorical,
  });
  const design = buildDesign(frame, terms);
  const fit = fitLinear(design, numericOf(frame, y), y, standardErrorsOf(hc));
  return deepFreeze({
    kind: 'ols',
    outcome: y,
    n: frame.n,
    nDropped: frame.dropped,
    terms: [...design.names],
    coefficients: coefficientTable(fit, confidence),
    summary: modelSummary(fit),
    covariance: covarianceRows(fit),
    hc,
    confidence,
    warnings: [...frame.warnings, ...perfectFitWarnings(fit, y)],
  });
}
