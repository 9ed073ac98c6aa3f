import { fail, type PsychkitResult } from '../errors.js';
import { type Table, tableView, type ReadTableOptions } from '../data/table.js';
import { defineOptions, field, namesValue, strictObject, type HcOption } from '../util/options.js';
import { deepFreeze } from '../util/freeze.js';
import { buildFrame, categoricalField, numericOf, termParts, type CategoricalOption } from '../regression/frame.js';
import { perfectFitWarnings, standardErrorsOf, type LinearFit } from '../regression/fit.js';
import { runEngine, type BootstrapEffect, type EngineEffect, type EquationResult } from './engine.js';
import { bootstrapSettings, RESAMPLING_FIELDS, type BootstrapInfo, type ResamplingOptions } from '../resampling/settings.js';

/** One regression equation of a path model: outcome ← intercept + predictors. */
export interface PathEquation {
  readonly outcome: string;
  /** Columns, categorical columns (dummy-coded) or products `"a:b"`. */
  readonly predictors: readonly string[];
  /** How effects refer to this equation. Default: the outcome's name. */
  readonly name?: string;
}

/**
 * Reads the coefficients inside an effect function: `b(equation, term)` is a coefficient
 * (`'constant'` for the intercept, `'marital[married]'` for a dummy, `'x:w'` for a product);
 * `b.sd(variable)` is the SD of an outcome or predictor column in the sample (recomputed in every
 * resample, for standardized effects).
 */
export interface CoefficientReader {
  (equation: string, term: string): number;
  sd(variable: string): number;
}

/** An effect as a function of the coefficients, e.g. `(b) => b('m', 'x') * b('y', 'm')`. */
export type EffectFunction = (b: CoefficientReader) => number;

/** Specification of {@link pathModel}. */
export interface PathModelSpec extends ResamplingOptions, ReadTableOptions {
  readonly equations: readonly PathEquation[];
  /** Named effects, each bootstrapped. */
  readonly effects?: Readonly<Record<string, EffectFunction>>;
  /** Variables to mean-centre (over the analysis sample) before products are formed. */
  readonly center?: readonly string[];
  readonly categorical?: CategoricalOption;
  /** Standard errors of the equations' coefficients. Default `'none'` (OLS). */
  readonly hc?: HcOption;
  /** Default 0.95. */
  readonly confidence?: number;
  /**
   * Keep each effect's B resampled estimates as `draws` (a Float64Array in resample order) in
   * `effects[i]`. Default false (no `draws` field).
   */
  readonly keepResamples?: boolean;
}

/** Result of {@link pathModel}. */
export interface PathModelResult extends PsychkitResult<'pathModel'> {
  /** Complete cases on every variable of every equation. */
  readonly n: number;
  readonly nDropped: number;
  readonly equations: readonly EquationResult[];
  readonly effects: readonly (BootstrapEffect & { readonly name: string })[];
  readonly bootstrap: BootstrapInfo | null;
  readonly hc: HcOption;
  readonly confidence: number;
}

const readPathModelOptions = defineOptions(
  'pathModel',
  {
    missingCodes: field.missingCodes(),
    equations: field.raw(),
    effects: field.raw(),
    center: field.names({ min: 0, required: false }),
    categorical: categoricalField(),
    hc: field.hc(),
    confidence: field.confidence(),
    keepResamples: field.boolean(false),
    ...RESAMPLING_FIELDS,
  },
  { bootstrap: 'resamples', ci: 'interval' },
);

/**
 * The general path-model engine: a system of linear regressions fitted on one listwise sample,
 * with any effects defined as functions of their coefficients bootstrapped together by case
 * resampling. `process` builds PROCESS's numbered models on it; use it directly for a model
 * PROCESS does not number.
 *
 * Each equation is fitted by Householder QR (as {@link ols}). Each bootstrap resample draws n cases
 * with replacement (seeded Alea stream), refits every equation from the resampled cross-products
 * (Cholesky with a rank check; a singular resample, or one where an effect is not finite, is
 * drawn again and counted in `bootstrap.replaced`), and evaluates every effect. SE = SD of the B estimates; CIs percentile or
 * bias-corrected (see `docs/mediation.md` for the exact order statistics).
 *
 * References: Preacher, K. J., & Hayes, A. F. (2008). Asymptotic and resampling strategies for
 * assessing and comparing indirect effects in multiple mediator models. *Behavior Research
 * Methods, 40*, 879–891. Hayes, A. F. (2022). *Introduction to mediation, moderation, and
 * conditional process analysis* (3rd ed.). Guilford.
 *
 * @example
 * ```ts
 * // Two mediators in parallel, plus the path from the first to the second only for women.
 * const fit = pathModel(rows, {
 *   equations: [
 *     { outcome: 'ss', predictors: ['esse', 'gender'] },
 *     { outcome: 'si', predictors: ['esse', 'ss', 'gender', 'ss:gender'] },
 *     { outcome: 'pwb', predictors: ['esse', 'ss', 'si', 'gender'] },
 *   ],
 *   effects: {
 *     'esse→ss→si→pwb (women)': (b) => b('ss', 'esse') * (b('si', 'ss') + b('si', 'ss:gender')) * b('pwb', 'si'),
 *   },
 *   resamples: 5000, seed: 42,
 * });
 * fit.effects[0]; // { name, estimate, se, lower, upper }
 * ```
 */
export function pathModel(table: Table, spec: PathModelSpec): PathModelResult {
  const o = readPathModelOptions.read(spec);
  if (!Array.isArray(o.equations) || o.equations.length === 0) {
    throw fail('INVALID_OPTION', '`equations` must be a non-empty list of { outcome, predictors }.', { option: 'equations' });
  }
  const view = tableView(table, o.missingCodes);
  const equations = o.equations.map((raw: unknown, e: number) => {
    const eq = strictObject(raw, `equations[${e}]`, ['outcome', 'predictors', 'name']);
    const y = field.column()(eq['outcome'], `equations[${e}].outcome`);
    const terms = namesValue(`equations[${e}].predictors`, eq['predictors']);
    if (terms.includes(y)) throw fail('INVALID_OPTION', `Equation ${e} has "${y}" on both sides.`, { option: 'equations', column: y });
    const name = field.optionalColumn()(eq['name'], `equations[${e}].name`) ?? y;
    return { name, outcome: y, terms };
  });
  const effects = (o.effects ?? {}) as Readonly<Record<string, unknown>>;
  if (typeof effects !== 'object' || effects === null || Array.isArray(effects)) throw fail('INVALID_OPTION', '`effects` must be an object of functions.', { option: 'effects' });
  for (const [name, f] of Object.entries(effects)) {
    if (typeof f !== 'function') throw fail('INVALID_OPTION', `Effect "${name}" must be a function (b) => number.`, { option: 'effects', value: name });
  }
  const { center, hc, confidence } = o;
  const standardErrors = standardErrorsOf(hc);
  const bootstrap = { ...bootstrapSettings(o), keepResamples: o.keepResamples };
  const outcomes = equations.map((e) => e.outcome);
  const parts = equations.flatMap((e) => e.terms.map((t) => termParts(t, view)));
  const used = new Set([...outcomes, ...parts.flat()]);
  for (const name of center) {
    if (!used.has(name)) throw fail('INVALID_OPTION', `\`center\` lists "${name}", which no equation uses.`, { option: 'center', column: name });
  }
  const frame = buildFrame(view, {
    numeric: [...outcomes, ...parts.filter((p) => p.length > 1).flat(), ...center],
    predictors: parts.flat(),
    categorical: o.categorical,
  });
  const centered = new Map<string, Float64Array>();
  for (const name of center) {
    const v = numericOf(frame, name);
    let m = 0;
    for (let i = 0; i < v.length; i++) m += v[i] as number;
    m /= v.length;
    centered.set(name, v.map((x) => x - m));
  }
  const result = runEngine({
    frame,
    equations,
    centered,
    standardErrors,
    confidence,
    bootstrap,
    effects: (locator) => {
      // Resolve names through maps once per call; the reader reads the current coefficient vector.
      const state: { coefficients: Float64Array; sds: Float64Array } = { coefficients: new Float64Array(0), sds: new Float64Array(0) };
      const cache = new Map<string, Map<string, number>>();
      const reader = ((equation: string, term: string) => {
        let inner = cache.get(equation);
        if (inner === undefined) cache.set(equation, (inner = new Map()));
        let at = inner.get(term);
        if (at === undefined) inner.set(term, (at = locator.coefficient(equation, term)));
        return state.coefficients[at] as number;
      }) as CoefficientReader;
      const sdCache = new Map<string, number>();
      reader.sd = (variable: string) => {
        let at = sdCache.get(variable);
        if (at === undefined) sdCache.set(variable, (at = locator.variable(variable)));
        return state.sds[at] as number;
      };
      return Object.entries(effects).map(
        ([name, f]): EngineEffect => ({
          name,
          statistic: (coefficients, sds) => {
            state.coefficients = coefficients;
            state.sds = sds;
            return (f as EffectFunction)(reader);
          },
        }),
      );
    },
  });
  return deepFreeze({
    kind: 'pathModel',
    n: frame.n,
    nDropped: frame.dropped,
    // pathModel's equations are all least squares (it asks for no logistic equation).
    equations: result.equations as readonly EquationResult[],
    effects: result.effects,
    bootstrap: result.bootstrap,
    hc,
    confidence,
    warnings: [...frame.warnings, ...(result.fits as readonly LinearFit[]).flatMap((fit, e) => perfectFitWarnings(fit, result.equations[e]?.name ?? fit.outcome))],
  });
}
