import { fail, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import { type Table, tableView, type ReadTableOptions } from '../data/table.js';
import { fSurvival } from '../probability/index.js';
import { defineOptions, field, namesValue } from '../util/options.js';
import { deepFreeze } from '../util/freeze.js';
import { buildDesign, buildFrame, categoricalField, numericOf, termParts, type CategoricalOption } from './frame.js';
import { coefficientTable, fitLinear, modelSummary, perfectFitWarnings, type Coefficient, type ModelSummary } from './fit.js';

/** Options for {@link hierarchicalRegression}. */
export interface HierarchicalOptions extends ReadTableOptions {
  /** Outcome column. */
  readonly y: string;
  /** Predictor blocks, each entered after the ones before it (SPSS "blocks"). */
  readonly steps: readonly (readonly string[])[];
  /** Confidence level for coefficient intervals. Default 0.95. */
  readonly confidence?: number;
  readonly categorical?: CategoricalOption;
}

/** One step of a hierarchical regression. */
export interface HierarchicalStep {
  /** Predictors entered at this step. */
  readonly added: readonly string[];
  /** All predictors in the model at this step. */
  readonly predictors: readonly string[];
  readonly rSquared: number;
  readonly adjustedRSquared: number;
  /** R² minus the previous step's R² (the first step is compared with the intercept-only model). */
  readonly rSquaredChange: number;
  /** F for the change: (ΔSSE/df1)/(SSE/df2). */
  readonly statistic: number;
  /** Coefficients added at this step. */
  readonly df1: number;
  /** Residual df of this step's model, n − k. */
  readonly df2: number;
  /** p-value of the F change. */
  readonly p: number;
  readonly coefficients: readonly Coefficient[];
  readonly summary: ModelSummary;
}

/** Result of {@link hierarchicalRegression}. */
export interface HierarchicalResult extends PsychkitResult<'hierarchicalRegression'> {
  readonly outcome: string;
  /** Complete cases on the outcome and every step's predictors: one sample for all steps. */
  readonly n: number;
  readonly nDropped: number;
  readonly steps: readonly HierarchicalStep[];
  readonly confidence: number;
}

const readHierarchicalOptions = defineOptions('hierarchicalRegression', {
  missingCodes: field.missingCodes(),
  y: field.column(),
  steps: field.raw(),
  confidence: field.confidence(),
  categorical: categoricalField(),
});

/**
 * Hierarchical (blockwise) OLS regression on one listwise sample: step s adds its block to the
 * model of step s − 1. For each step, R², adjusted R², ΔR², and the F test of the change
 * F = ((SSE₍ₛ₋₁₎ − SSEₛ)/df1) / (SSEₛ/df2), df1 = coefficients added, df2 = n − kₛ — as R's
 * `anova(fit1, fit2)` and SPSS's "R Square Change". Each model is fitted by QR ({@link ols}).
 *
 * @example
 * ```ts
 * const h = hierarchicalRegression(rows, { y: 'pwb', steps: [['gender', 'education', 'marital'], ['esse'], ['ss', 'si']] });
 * h.steps[1].rSquaredChange; h.steps[1].statistic; h.steps[1].p; // ΔR², F change, its p
 * ```
 */
export function hierarchicalRegression(table: Table, options: HierarchicalOptions): HierarchicalResult {
  const o = readHierarchicalOptions.read(options);
  const { y, confidence } = o;
  if (!Array.isArray(o.steps) || o.steps.length === 0) {
    throw fail('INVALID_OPTION', '`steps` must be a non-empty list of predictor blocks, e.g. [["age"], ["x1", "x2"]].', { option: 'steps', value: o.steps });
  }
  const blocks = o.steps.map((s: unknown, i: number) => namesValue(`steps[${i}]`, s));
  const all = blocks.flat();
  const dup = all.find((t, i) => all.indexOf(t) !== i);
  if (dup !== undefined) throw fail('DUPLICATE_NAME', `"${dup}" is entered in more than one step.`, { option: 'steps', column: dup });
  if (all.includes(y)) throw fail('INVALID_OPTION', `The outcome "${y}" is also listed as a predictor.`, { option: 'steps', column: y });
  const view = tableView(table, o.missingCodes);
  const parts = all.map((t) => termParts(t, view));
  const frame = buildFrame(view, { numeric: [y, ...parts.filter((p) => p.length > 1).flat()], predictors: parts.flat(), categorical: o.categorical });
  const yv = numericOf(frame, y);
  const steps: HierarchicalStep[] = [];
  let previousSse = Number.NaN;
  let previousK = 1;
  let previousR2 = 0;
  let predictors: string[] = [];
  const warnings: PsychkitWarning[] = [...frame.warnings];
  blocks.forEach((block, s) => {
    predictors = [...predictors, ...block];
    const fit = fitLinear(buildDesign(frame, predictors), yv, y, 'ols');
    const sseBefore = s === 0 ? fit.sst : previousSse;
    const df1 = fit.k - previousK;
    const df2 = fit.residualDf;
    const fChange = (sseBefore - fit.sse) / df1 / (fit.sse / df2);
    const summary = modelSummary(fit);
    warnings.push(...perfectFitWarnings(fit, `${y}, step ${s + 1}`));
    steps.push({
      added: block,
      predictors,
      rSquared: fit.rSquared,
      adjustedRSquared: summary.adjustedRSquared,
      rSquaredChange: fit.rSquared - previousR2,
      statistic: fChange,
      df1,
      df2,
      p: fSurvival(fChange, df1, df2),
      coefficients: coefficientTable(fit, confidence),
      summary,
    });
    previousSse = fit.sse;
    previousK = fit.k;
    previousR2 = fit.rSquared;
  });
  return deepFreeze({ kind: 'hierarchicalRegression', outcome: y, n: frame.n, nDropped: frame.dropped, steps, confidence, warnings });
}
