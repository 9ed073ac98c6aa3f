import { fail, type PsychkitResult } from '../../errors.js';
import { deepFreeze } from '../../util/freeze.js';
import { confidenceValue, defineOptions, field, numberIn, oneOf } from '../../util/options.js';
import { centralSums, kurtosisFromSums, skewnessFromSums, type MomentType } from '../moments.js';
import { readSample, requireCases, requireVariance, type Sample } from '../sample.js';
import {
  boxCoxLogLikelihood,
  boxCoxValue,
  estimateLambda,
  yeoJohnsonData,
  yeoJohnsonLogLikelihood,
  yeoJohnsonValue,
  type LambdaEstimate,
} from './power.js';
import { blomScores } from './rank-normal.js';

/** The transforms {@link transform} knows. */
export type TransformMethod =
  | 'sqrt'
  | 'log'
  | 'log10'
  | 'inverse'
  | 'reflect-sqrt'
  | 'reflect-log'
  | 'reflect-inverse'
  | 'boxcox'
  | 'yeojohnson'
  | 'rank-normal';

/** Every {@link TransformMethod}, in ladder order. */
export const TRANSFORM_METHODS: readonly TransformMethod[] = Object.freeze([
  'sqrt',
  'log',
  'log10',
  'inverse',
  'reflect-sqrt',
  'reflect-log',
  'reflect-inverse',
  'boxcox',
  'yeojohnson',
  'rank-normal',
] as const);

const SHIFTED: readonly TransformMethod[] = ['sqrt', 'log', 'log10', 'inverse', 'boxcox'];
const REFLECTED: readonly TransformMethod[] = ['reflect-sqrt', 'reflect-log', 'reflect-inverse'];
const POWER: readonly TransformMethod[] = ['boxcox', 'yeojohnson'];
/** Methods that turn the order of the values around (so the sign of the skewness flips with it). */
export const REVERSES_ORDER: readonly TransformMethod[] = ['inverse', 'reflect-sqrt', 'reflect-log'];

/** Options of {@link boxCox} and {@link yeoJohnson}; {@link transform} takes these and `method`. */
export interface PowerTransformOptions {
  /**
   * Constant added to x before `sqrt`, `log`, `log10`, `inverse` or `boxcox` (default 0). Values
   * that are not positive after the shift (negative, for `sqrt`) are a `NON_POSITIVE` error: a
   * shift is never chosen silently.
   */
  readonly shift?: number;
  /** Reflection point K of the `reflect-*` methods, which transform K − x (default max(x) + 1). */
  readonly reflection?: number;
  /** A fixed λ for `boxcox` / `yeojohnson` instead of the maximum-likelihood estimate. */
  readonly lambda?: number;
  /** Level of the profile-likelihood interval for an estimated λ (default 0.95). */
  readonly confidence?: number;
  /** Skewness/kurtosis type for `before` and `after` (default 2, SAS/SPSS G₁/G₂). */
  readonly type?: MomentType;
}

/** Options of {@link transform}: the method, and the options it takes. */
export interface TransformOptions extends PowerTransformOptions {
  /** The transform (required): `'sqrt'`, `'log'`, `'reflect-sqrt'`, `'boxcox'`, … ({@link TRANSFORM_METHODS}). */
  readonly method: TransformMethod;
}

const TRANSFORM_FIELDS = {
  shift: field.raw(),
  reflection: field.raw(),
  lambda: field.raw(),
  confidence: field.raw(),
  type: field.oneOf<MomentType>([1, 2, 3], 2),
} as const;
const readTransformOptions = defineOptions('transform', { method: field.raw(), ...TRANSFORM_FIELDS });
const readBoxCoxOptions = defineOptions('boxCox', TRANSFORM_FIELDS);
const readYeoJohnsonOptions = defineOptions('yeoJohnson', TRANSFORM_FIELDS);

/** What was applied, so that the transform can be reported and inverted. */
export interface TransformParameters {
  /** The shift added before transforming (`null` for methods that take none). */
  readonly shift: number | null;
  /** The reflection point K of `reflect-*` (`null` otherwise). */
  readonly reflection: number | null;
  /** λ of `boxcox` / `yeojohnson` (`null` otherwise). */
  readonly lambda: number | null;
}

/** Skewness and excess kurtosis of one set of values. */
export interface Shape {
  readonly skewness: number;
  readonly kurtosis: number;
}

/** Result of {@link transform}. */
export interface TransformResult extends PsychkitResult<'transform'> {
  readonly method: TransformMethod;
  /** The transformed values in input order; `null` where the input was missing. */
  readonly values: readonly (number | null)[];
  readonly parameters: TransformParameters;
  /** The maximum-likelihood fit of λ (`boxcox` / `yeojohnson` without a fixed `lambda`), else null. */
  readonly lambda: LambdaEstimate | null;
  /** Number of non-missing values. */
  readonly n: number;
  readonly nMissing: number;
  /** The skewness/kurtosis type of `before` and `after`. */
  readonly type: MomentType;
  readonly before: Shape;
  readonly after: Shape;
  /** True for `inverse`, `reflect-sqrt` and `reflect-log`: high transformed values are low original ones. */
  readonly reversesOrder: boolean;
}

/** Transformed observed values (NaN for missing, input order) with the parameters used. */
export interface Applied {
  readonly values: Float64Array;
  readonly parameters: TransformParameters;
  readonly estimate: LambdaEstimate | null;
}

export interface ResolvedTransformOptions {
  readonly shift: number | undefined;
  readonly reflection: number | undefined;
  readonly lambda: number | undefined;
  readonly confidence: number;
}

/** Validates the options that depend on the method (an option for another method is an error). */
export function resolveTransformOptions(method: TransformMethod, o: { readonly [K in keyof PowerTransformOptions]-?: unknown }): ResolvedTransformOptions {
  const only = (option: string, methods: readonly TransformMethod[]) => {
    if ((o as Record<string, unknown>)[option] !== undefined && !methods.includes(method)) {
      throw fail('INVALID_OPTION', `\`${option}\` applies to ${methods.join(', ')}, not to "${method}".`, {
        option,
        value: (o as Record<string, unknown>)[option],
      });
    }
  };
  only('shift', SHIFTED);
  only('reflection', REFLECTED);
  only('lambda', POWER);
  only('confidence', POWER);
  return {
    shift: o.shift === undefined ? undefined : numberIn('shift', o.shift, 0),
    reflection: o.reflection === undefined ? undefined : numberIn('reflection', o.reflection, 0),
    lambda: o.lambda === undefined ? undefined : numberIn('lambda', o.lambda, 1),
    confidence: confidenceValue('confidence', o.confidence),
  };
}

function firstIndex(values: Float64Array, bad: (v: number) => boolean): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v) && bad(v)) return i;
  }
  return -1;
}

function minMax(v: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of v) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

function map(values: Float64Array, f: (v: number) => number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i] = Number.isNaN(v) ? Number.NaN : f(v);
  }
  return out;
}

/** Applies `method` to a sample (the shared core of transform and compareTransforms). */
export function applyTransform(sample: Sample, method: TransformMethod, o: ResolvedTransformOptions): Applied {
  const { values, observed, name } = sample;
  const none = { shift: null, reflection: null, lambda: null };

  if (SHIFTED.includes(method)) {
    const shift = o.shift ?? 0;
    const allowZero = method === 'sqrt';
    const row = firstIndex(values, (v) => (allowZero ? v + shift < 0 : v + shift <= 0));
    if (row >= 0) {
      const [lo] = minMax(observed);
      const what = allowZero ? 'non-negative' : 'positive';
      throw fail(
        'NON_POSITIVE',
        `"${method}" needs ${what} values; "${name}" row ${row} is ${values[row]}${shift === 0 ? '' : ` (${(values[row] as number) + shift} after the shift of ${shift})`}` +
          ` and the minimum is ${lo}. Pass an explicit \`shift\` (e.g. ${allowZero ? -lo : 1 - lo} for a minimum of ${allowZero ? 0 : 1}), or use "yeojohnson".`,
        { column: name, row, value: values[row], option: 'shift', minimum: lo },
      );
    }
    const parameters = { ...none, shift };
    switch (method) {
      case 'sqrt':
        return { values: map(values, (v) => Math.sqrt(v + shift)), parameters, estimate: null };
      case 'log':
        return { values: map(values, (v) => Math.log(v + shift)), parameters, estimate: null };
      case 'log10':
        return { values: map(values, (v) => Math.log10(v + shift)), parameters, estimate: null };
      case 'inverse':
        return { values: map(values, (v) => 1 / (v + shift)), parameters, estimate: null };
      default: {
        // boxcox
        const l = Float64Array.from(observed, (v) => Math.log(v + shift));
        let sumLog = 0;
        for (const v of l) sumLog += v;
        const scratch = new Float64Array(l.length);
        const loglik = (lambda: number) => boxCoxLogLikelihood(l, sumLog, lambda, scratch);
        const estimate = o.lambda === undefined ? lambdaOrFail(estimateLambda(loglik, o.confidence), method, name) : null;
        const lambda = o.lambda ?? (estimate as LambdaEstimate).estimate;
        return { values: map(values, (v) => boxCoxValue(v + shift, lambda)), parameters: { ...parameters, lambda }, estimate };
      }
    }
  }

  if (REFLECTED.includes(method)) {
    const [, hi] = minMax(observed);
    const k = o.reflection ?? hi + 1;
    const allowZero = method === 'reflect-sqrt';
    if (allowZero ? k < hi : k <= hi) {
      throw fail('INVALID_OPTION', `\`reflection\` must be ${allowZero ? 'at least' : 'greater than'} the maximum of "${name}" (${hi}); got ${k}.`, {
        option: 'reflection',
        value: k,
        column: name,
        maximum: hi,
      });
    }
    const parameters = { ...none, reflection: k };
    const f = method === 'reflect-sqrt' ? Math.sqrt : method === 'reflect-log' ? Math.log : (u: number) => 1 / u;
    return { values: map(values, (v) => f(k - v)), parameters, estimate: null };
  }

  if (method === 'yeojohnson') {
    const d = yeoJohnsonData(observed);
    const scratch = new Float64Array(observed.length);
    const loglik = (lambda: number) => yeoJohnsonLogLikelihood(d, lambda, scratch);
    const estimate = o.lambda === undefined ? lambdaOrFail(estimateLambda(loglik, o.confidence), method, name) : null;
    const lambda = o.lambda ?? (estimate as LambdaEstimate).estimate;
    return { values: map(values, (v) => yeoJohnsonValue(v, lambda)), parameters: { ...none, lambda }, estimate };
  }

  // rank-normal
  const scores = blomScores(observed);
  const out = new Float64Array(values.length);
  let k = 0;
  for (let i = 0; i < values.length; i++) out[i] = Number.isNaN(values[i] as number) ? Number.NaN : (scores[k++] as number);
  return { values: out, parameters: none, estimate: null };
}

function lambdaOrFail(estimate: LambdaEstimate | null, method: string, name: string): LambdaEstimate {
  if (estimate === null) {
    throw fail('INVALID_INPUT', `The ${method} likelihood of "${name}" has no finite maximum; pass a fixed \`lambda\`.`, { column: name, option: 'lambda' });
  }
  return estimate;
}

/** Observed (non-NaN) values of a transformed vector; throws NON_FINITE if the transform overflowed. */
export function observedAfter(applied: Applied, sample: Sample, method: TransformMethod): Float64Array {
  const out = new Float64Array(sample.observed.length);
  let k = 0;
  for (let i = 0; i < applied.values.length; i++) {
    if (Number.isNaN(sample.values[i] as number)) continue;
    const v = applied.values[i] as number;
    if (!Number.isFinite(v)) {
      throw fail('NON_FINITE', `"${method}" of "${sample.name}" row ${i} (${sample.values[i]}) is ${v}${applied.parameters.lambda === null ? '' : ` at λ = ${applied.parameters.lambda}`}.${farLambdaAdvice(applied, sample, method)}`, {
        column: sample.name,
        row: i,
        value: sample.values[i],
      });
    }
    out[k++] = v;
  }
  return out;
}

export function shapeOf(values: Float64Array, type: MomentType): Shape {
  const c = centralSums(values);
  return { skewness: skewnessFromSums(c, type), kurtosis: kurtosisFromSums(c, type) };
}

export function toNullable(values: Float64Array): (number | null)[] {
  return Array.from(values, (v) => (Number.isNaN(v) ? null : v));
}

/** What to do when an estimated λ landed far out (empty for a fixed λ or a method without one). */
function farLambdaAdvice(applied: Applied, sample: Sample, method: TransformMethod): string {
  if (applied.estimate === null) return '';
  const [lo, hi] = minMax(sample.observed);
  return (
    ` An estimated λ this far out means the values lie in a narrow band far from zero (${lo} to ${hi}), where λ is barely identified;` +
    ` subtract a constant${method === 'boxcox' ? ' (`shift`)' : ''} first, or pass a fixed \`lambda\`.`
  );
}

/** (max − min)/max|v|: the spread of the values relative to their size. */
function relativeSpread(v: Float64Array): number {
  const [lo, hi] = minMax(v);
  return (hi - lo) / Math.max(Math.abs(lo), Math.abs(hi));
}

/**
 * Below this relative spread fewer than ~1,000 rounding steps separate the transformed values, so
 * their skewness has fewer than three correct digits.
 */
const RESOLVED_SPREAD = 1e3 * Number.EPSILON;

/**
 * Throws ZERO_VARIANCE when a transform collapsed distinct values: to equal values, or so close
 * that their spread is rounding noise. This happens to Box-Cox/Yeo-Johnson when the values lie in
 * a narrow band far from zero: λ is then barely identified, λ̂ lands far out (e.g. −6 for values
 * 468–554), and (x^λ − 1)/λ keeps x only in the last digits of −1/λ — the shape after, and the
 * inverse, would be noise. The check compares with the input's own spread so that values that were
 * already close (1 + 10⁻¹²k) are not refused. The input is known not to be constant.
 */
export function requireSpread(after: Float64Array, sample: Sample, method: TransformMethod, applied: Applied): void {
  const spreadAfter = relativeSpread(after);
  const spreadBefore = relativeSpread(sample.observed);
  if (spreadAfter >= RESOLVED_SPREAD || spreadAfter >= 1e-6 * spreadBefore) return;
  const collapse =
    spreadAfter === 0 || !Number.isFinite(spreadAfter)
      ? 'the transformed values are all equal'
      : `the transformed values agree to ${Math.floor(-Math.log10(spreadAfter))} significant digits (relative spread ${spreadAfter.toPrecision(3)}, before ${spreadBefore.toPrecision(3)})`;
  const { lambda } = applied.parameters;
  const at = lambda === null ? '' : ` at λ = ${lambda}`;
  throw fail(
    'ZERO_VARIANCE',
    `"${method}"${at} compresses "${sample.name}" until ${collapse}: what is left of their differences is rounding.${farLambdaAdvice(applied, sample, method)}`,
    { column: sample.name, option: lambda === null ? 'method' : 'lambda', value: lambda ?? method },
  );
}

/**
 * Transforms a variable toward normality and reports what was done. Missing values stay missing
 * (`null`); the input is not modified. Methods (K = reflection point, c = shift):
 *
 * | method | y = | for |
 * |---|---|---|
 * | `sqrt` | √(x + c) | moderate positive skew |
 * | `log`, `log10` | ln(x + c), log₁₀(x + c) | substantial positive skew |
 * | `inverse` | 1/(x + c) (reverses the order) | severe positive skew |
 * | `reflect-sqrt`, `reflect-log`, `reflect-inverse` | √(K − x), ln(K − x), 1/(K − x), K = max + 1 | negative skew: reflect, then transform (`reflect-sqrt`, `reflect-log` reverse the order) |
 * | `boxcox` | ((x + c)^λ − 1)/λ, ln(x + c) at λ = 0 | positive x; λ by maximum likelihood |
 * | `yeojohnson` | ((x + 1)^λ − 1)/λ for x ≥ 0, −((1 − x)^{2−λ} − 1)/(2 − λ) for x < 0 | any sign; λ by maximum likelihood |
 * | `rank-normal` | Φ⁻¹((r − 3/8)/(n + 1/4)), Blom's scores, ties at their average rank | any shape (not invertible) |
 *
 * λ maximises the profile log-likelihood −(n/2)·log σ̂²(λ) + (λ − 1)·J (J = Σ log(x + c) for
 * Box-Cox, Σ sign(x)·log(1 + |x|) for Yeo-Johnson), as scipy's `stats.boxcox` /
 * `stats.yeojohnson` and R's profile likelihood (`MASS::boxcox`), with a profile-likelihood
 * interval at `confidence`. The result also gives skewness and kurtosis before and after (`type`
 * as {@link skewness}).
 *
 * Throws `NON_POSITIVE` when sqrt (negative values) or log/log10/inverse/boxcox (values ≤ 0) meet
 * values out of their domain and no `shift` is given; `TOO_FEW_CASES` below 4 values;
 * `ZERO_VARIANCE` for a constant variable; `INVALID_OPTION` for an option the method does not take.
 *
 * References: Box, G. E. P., & Cox, D. R. (1964). An analysis of transformations. *JRSS B, 26*,
 * 211–252. Yeo, I.-K., & Johnson, R. A. (2000). A new family of power transformations to improve
 * normality or symmetry. *Biometrika, 87*, 954–959. Blom, G. (1958). *Statistical estimates and
 * transformed beta-variables*. Wiley. Tabachnick, B. G., & Fidell, L. S. (2019). *Using
 * multivariate statistics* (7th ed.), ch. 4.
 *
 * @example
 * ```ts
 * const t = transform(recovery, { method: 'reflect-sqrt' }); // recovery is negatively skewed
 * t.parameters.reflection; // 6 (max 5 + 1)
 * t.before.skewness; // −1.753
 * t.after.skewness; // 1.302 (reflected: high values now mean low recovery)
 * ```
 */
export function transform(x: ArrayLike<unknown>, options: TransformOptions): TransformResult {
  const o = readTransformOptions.read(options);
  if (o.method === undefined) throw fail('INVALID_OPTION', `\`method\` is required: one of ${TRANSFORM_METHODS.join(', ')}.`, { option: 'method' });
  return transformWith(x, oneOf<TransformMethod>('method', o.method, TRANSFORM_METHODS, 'sqrt'), o);
}

function transformWith(x: ArrayLike<unknown>, m: TransformMethod, o: ReturnType<typeof readBoxCoxOptions.read>): TransformResult {
  const type = o.type;
  const resolved = resolveTransformOptions(m, o);
  const sample = readSample(x, 'transform');
  requireCases(sample, 4, `The "${m}" transform`);
  requireVariance(sample, `The "${m}" transform`);
  const applied = applyTransform(sample, m, resolved);
  const after = observedAfter(applied, sample, m);
  requireSpread(after, sample, m, applied);
  return deepFreeze({
    kind: 'transform',
    method: m,
    values: toNullable(applied.values),
    parameters: applied.parameters,
    lambda: applied.estimate,
    n: sample.observed.length,
    nMissing: sample.missing,
    type,
    before: shapeOf(sample.observed, type),
    after: shapeOf(after, type),
    reversesOrder: REVERSES_ORDER.includes(m),
    warnings: [],
  });
}

/**
 * Box-Cox transform with λ by maximum likelihood (or a fixed `lambda`): `transform(x, { method:
 * 'boxcox', ...options })`; the result's `kind` is `'transform'`. Matches scipy's `stats.boxcox` (λ, and `alpha` = 1 − `confidence` for the interval)
 * and R's profile likelihood. x + shift must be positive.
 *
 * @example
 * ```ts
 * const bc = boxCox(recovery);
 * bc.lambda; // { estimate: 4.178, logLikelihood: 122.23, confidence: 0.95, lower: 3.501, upper: 4.913 }
 * ```
 */
export function boxCox(x: ArrayLike<unknown>, options?: PowerTransformOptions): TransformResult {
  return transformWith(x, 'boxcox', readBoxCoxOptions.read(options));
}

/**
 * Yeo-Johnson transform with λ by maximum likelihood (or a fixed `lambda`): `transform(x,
 * { method: 'yeojohnson', ...options })`. Works for values of any sign. Matches scipy's `stats.yeojohnson`.
 *
 * @example
 * ```ts
 * yeoJohnson(recovery).parameters.lambda; // 5.259
 * ```
 */
export function yeoJohnson(x: ArrayLike<unknown>, options?: PowerTransformOptions): TransformResult {
  return transformWith(x, 'yeojohnson', readYeoJohnsonOptions.read(options));
}
