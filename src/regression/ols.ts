import { fail, type PsychkitResult } from '../errors.js';
import { type Table, tableView, type ReadTableOptions } from '../data/table.js';
import { hasCovarianceRows, readMoments, selectMoments, type MomentsInput } from '../data/moments.js';
import { inverseFromCholesky } from '../linalg/solve.js';
import { QR_TOLERANCE } from '../linalg/qr.js';
import { plural } from '../util/text.js';
import { defineOptions, field, type HcOption } from '../util/options.js';
import type { Matrix } from '../util/types.js';
import { deepFreeze } from '../util/freeze.js';
import { buildDesign, buildFrame, categoricalField, INTERCEPT, numericOf, termParts, type CategoricalOption } from './frame.js';
import { coefficientTable, covarianceRows, fitLinear, modelSummary, perfectFitWarnings, standardErrorsOf, type Coefficient, type LinearFit, type ModelSummary } from './fit.js';

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
  /** Complete cases used (listwise over y and every predictor); from moments, their `n`. */
  readonly n: number;
  /** Rows dropped for a missing value; 0 from moments (ols reads no rows: missing values were dealt with where the moments were computed). */
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
 * **From moments** ({@link MomentsInput}: the covariance matrix with divisor n − 1, the means and
 * n, e.g. from SQL's `covar_samp`, `avg` and `count` over the complete rows), as R's `lm` gives them
 * from the cross-products: slopes from the Cholesky factor of the predictors' and outcome's
 * correlation matrix (aliased predictors are `SINGULAR`, as from rows), the intercept
 * ȳ − x̄ᵀb, and the same coefficients, SEs, t, p, CIs, R², adjusted R², F and MSE as the rows
 * would give; `nDropped` is 0; an essentially perfect fit (1 − R² < 1e-12, below what the
 * rounding of the moments resolves) has the `PERFECT_FIT` warning. `means` are required
 * (`INVALID_INPUT` naming `means`: the intercept needs them). What needs the rows is
 * `INVALID_OPTION`: `hc` other than `'none'`, `categorical`, `missingCodes` and product terms
 * `"a:b"` (put the product's column into the moments instead).
 *
 * Reference: Long, J. S., & Ervin, L. H. (2000). Using heteroscedasticity consistent standard
 * errors in the linear regression model. *The American Statistician, 54*, 217–224.
 *
 * @example
 * ```ts
 * const fit = ols(rows, { y: 'pwb', x: ['esse'], covariates: ['gender', 'education', 'marital'], hc: 'HC3' });
 * fit.coefficients.find((c) => c.term === 'esse'); // { term, estimate, se, statistic, p, lower, upper }
 * fit.summary; // { r, rSquared, adjustedRSquared, mse, statistic, df1, df2, p }
 * // from moments computed elsewhere (SQL covar_samp, avg, count), in the order of `columns`
 * ols({ covariance: C, means: [3.1, 4.2, 4.8], n: 267, columns: ['esse', 'ss', 'pwb'] }, { y: 'pwb', x: ['esse', 'ss'] });
 * ```
 */
export function ols(table: Table | MomentsInput, options: OlsOptions): OlsResult {
  const o = readOlsOptions.read(options);
  const { y, x, covariates, hc, confidence } = o;
  const terms = [...x, ...covariates];
  const duplicate = terms.find((t, i) => terms.indexOf(t) !== i);
  if (duplicate !== undefined) throw fail('DUPLICATE_NAME', `"${duplicate}" is listed twice among x and covariates.`, { option: 'covariates', column: duplicate });
  if (terms.includes(y)) throw fail('INVALID_OPTION', `The outcome "${y}" is also listed as a predictor.`, { option: 'x', column: y });
  if (hasCovarianceRows(table)) return olsFromMoments(table as MomentsInput, o, terms);
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

/** 1 − R² below which a fit from moments is essentially perfect (`PERFECT_FIT`). */
const PERFECT_FIT_RESIDUAL = 1e-12;

/** What `ols` reads from moments: the settings it validated. */
type OlsSettings = ReturnType<typeof readOlsOptions.read>;

/** Options that act on rows, refused with moments. */
function refuseRowOptions(o: OlsSettings): void {
  if (o.hc !== 'none') {
    throw fail('INVALID_OPTION', `ols: \`hc: '${o.hc}'\` weights each case by its own residual, which moments cannot give; from moments only classical standard errors (\`hc: 'none'\`) exist.`, {
      option: 'hc',
      value: o.hc,
    });
  }
  if (o.categorical !== undefined) {
    throw fail('INVALID_OPTION', 'ols: `categorical` dummy-codes the values of a column, which moments cannot give; put the dummy columns into the moments instead.', { option: 'categorical' });
  }
  if (o.missingCodes.length > 0) {
    throw fail('INVALID_OPTION', 'ols: `missingCodes` applies to a table; moments have no values to read (leave missing-data codes out where the moments are computed).', { option: 'missingCodes' });
  }
}

/**
 * Least squares from moments. With D the standard deviations and R the correlation matrix of the
 * predictors and y (last), the lower Cholesky factor of R gives the standardized slopes
 * β = L_xx⁻ᵀ·L_yx and its last pivot d = 1 − R²; a predictor whose pivot is ≤ 1e-14 (its remaining
 * norm below 1e-7 of its norm, lm's tolerance) is aliased. Then b = β·s_y/s_x, SSE = (n − 1)·s_y²·d,
 * V_slopes = MSE·(n − 1)⁻¹·D⁻¹R_xx⁻¹D⁻¹, b₀ = ȳ − x̄ᵀb, Var b₀ = MSE/n + x̄ᵀV x̄, Cov(b₀, b) = −V x̄.
 */
function olsFromMoments(input: MomentsInput, o: OlsSettings, terms: readonly string[]): OlsResult {
  refuseRowOptions(o);
  const { y, confidence } = o;
  const all = readMoments(input, 'ols');
  if (all.means === null) {
    throw fail('INVALID_INPUT', 'ols: the moments have no `means`; the intercept b₀ = ȳ − x̄ᵀb needs the mean of every variable.', { option: 'means' });
  }
  for (const term of terms) {
    if (!all.names.includes(term) && term.includes(':')) {
      throw fail('INVALID_OPTION', `ols: the product term "${term}" needs the rows, which moments cannot give; add the product as a column of the moments (its covariances and mean) instead.`, {
        option: 'x',
        column: term,
      });
    }
  }
  const m = selectMoments(all, [...terms, y], 'ols');
  const fit = linearFitFromMoments(m.covariance, m.means as Float64Array, m.n, terms, y);
  return deepFreeze({
    kind: 'ols',
    outcome: y,
    n: m.n,
    nDropped: 0,
    terms: [...fit.names],
    coefficients: coefficientTable(fit, confidence),
    summary: modelSummary(fit),
    covariance: covarianceRows(fit),
    hc: o.hc,
    confidence,
    warnings: perfectFitWarnings(fit, y),
  });
}

/** The fit of y (the last of the q + 1 variables of `c`, row-major, divisor n − 1) on the q others; see olsFromMoments. */
function linearFitFromMoments(c: Float64Array, means: Float64Array, n: number, predictors: readonly string[], outcome: string): LinearFit {
  const q = predictors.length;
  const p = q + 1;
  const k = q + 1;
  const names = [INTERCEPT, ...predictors];
  if (n <= k) {
    throw fail('TOO_FEW_CASES', `The model for "${outcome}" has ${k} coefficients but only ${plural(n, 'complete case')}; at least ${k + 1} are needed.`, {
      column: outcome,
      n,
      parameters: k,
    });
  }
  const sd = Float64Array.from({ length: p }, (_, j) => Math.sqrt(c[j * p + j] as number));
  // Lower Cholesky factor of the correlation matrix, column by column; aliased columns are skipped
  // (their column of L stays 0) so that every aliased predictor can be named, as QR names them.
  const l = new Float64Array(p * p);
  const aliased: string[] = [];
  for (let j = 0; j < p; j++) {
    let d = 1;
    for (let t = 0; t < j; t++) d -= (l[j * p + t] as number) ** 2;
    if (j < q && !(d > QR_TOLERANCE * QR_TOLERANCE)) {
      aliased.push(predictors[j] as string);
      continue;
    }
    if (j === q) {
      l[j * p + j] = d; // the last pivot, 1 − R², kept squared
      break;
    }
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = (c[i * p + j] as number) / ((sd[i] as number) * (sd[j] as number));
      for (let t = 0; t < j; t++) s -= (l[i * p + t] as number) * (l[j * p + t] as number);
      l[i * p + j] = s / ljj;
    }
  }
  if (aliased.length > 0) {
    throw fail(
      'SINGULAR',
      `The design for "${outcome}" is rank-deficient: ${aliased.map((a) => `"${a}"`).join(', ')} ${aliased.length === 1 ? 'is a linear combination' : 'are linear combinations'} of the columns before ${aliased.length === 1 ? 'it' : 'them'} (perfect collinearity).`,
      { column: outcome, columns: aliased },
    );
  }
  const residual = l[q * p + q] as number;
  const syy = (n - 1) * (c[q * p + q] as number);
  const sse = syy * residual;
  if (!(sse > 0)) {
    throw fail('ZERO_VARIANCE', `"${outcome}" is reproduced exactly by the predictors (every residual is 0), so standard errors, t and p are undefined.`, { column: outcome });
  }
  // β = L_xx⁻ᵀ·z with z = L_yx (back substitution), then to the original scale.
  const lxx = new Float64Array(q * q);
  for (let i = 0; i < q; i++) for (let j = 0; j <= i; j++) lxx[i * q + j] = l[i * p + j] as number;
  const beta = Float64Array.from({ length: q }, (_, j) => l[q * p + j] as number);
  for (let i = q - 1; i >= 0; i--) {
    let s = beta[i] as number;
    for (let t = i + 1; t < q; t++) s -= (lxx[t * q + i] as number) * (beta[t] as number);
    beta[i] = s / (lxx[i * q + i] as number);
  }
  const b = new Float64Array(k);
  const yMean = means[q] as number;
  let intercept = yMean;
  for (let j = 0; j < q; j++) {
    const bj = ((beta[j] as number) * (sd[q] as number)) / (sd[j] as number);
    b[j + 1] = bj;
    intercept -= bj * (means[j] as number);
  }
  b[0] = intercept;
  const df = n - k;
  const mse = sse / df;
  const rInv = inverseFromCholesky(lxx, q); // R_xx⁻¹
  const covariance = new Float64Array(k * k);
  const vx = new Float64Array(q); // V·x̄
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const v = ((rInv[i * q + j] as number) * mse) / ((n - 1) * (sd[i] as number) * (sd[j] as number));
      covariance[(i + 1) * k + (j + 1)] = v;
      vx[i] = (vx[i] as number) + v * (means[j] as number);
    }
  }
  let v00 = mse / n;
  for (let i = 0; i < q; i++) {
    v00 += (means[i] as number) * (vx[i] as number);
    covariance[i + 1] = -(vx[i] as number);
    covariance[(i + 1) * k] = -(vx[i] as number);
  }
  covariance[0] = v00;
  const sst = syy;
  const rSquared = 1 - residual;
  const fOls = ((sst - sse) / q) / mse;
  if (![...b, ...covariance, sse, sst, mse].every(Number.isFinite)) {
    throw fail('NON_FINITE', `The regression of "${outcome}" has coefficients, variances or sums of squares beyond the range of a double; rescale the variables.`, { column: outcome });
  }
  // R's rule (as from rows), or 1 − R² below 1e-12: moments resolve the residual variance only to
  // the rounding of the covariances, so an exact fit shows up as 1 − R² of order 1e-16, not 0.
  const perfectFit = mse < (yMean * yMean + Math.max(0, sst - sse) / (n - 1)) * 1e-30 || residual < PERFECT_FIT_RESIDUAL;
  return { family: 'linear', outcome, names, n, k, b, covariance, standardErrors: 'ols', residualDf: df, sse, sst, rSquared, mse, fOls, f: fOls, perfectFit };
}
