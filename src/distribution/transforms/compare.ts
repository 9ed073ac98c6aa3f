import { deepFreeze } from '../../util/freeze.js';
import { defineOptions, field, oneOf } from '../../util/options.js';
import { fail, isPsychkitError, type PsychkitResult } from '../../errors.js';
import type { MomentType } from '../moments.js';
import { readSample, requireCases, requireVariance } from '../sample.js';
import { SHAPIRO_WILK_MAX_N, shapiroWilkSorted } from '../shapiro-wilk.js';
import type { TestStatistic } from '../normality.js';
import type { LambdaEstimate } from './power.js';
import {
  REVERSES_ORDER,
  TRANSFORM_METHODS,
  applyTransform,
  observedAfter,
  requireSpread,
  shapeOf,
  type TransformMethod,
  type TransformParameters,
} from './transform.js';

/** The ladder {@link compareTransforms} tries by default (log10 has log's shape, so it is left out). */
export const TRANSFORM_LADDER: readonly TransformMethod[] = Object.freeze([
  'sqrt',
  'log',
  'inverse',
  'reflect-sqrt',
  'reflect-log',
  'reflect-inverse',
  'boxcox',
  'yeojohnson',
  'rank-normal',
] as const);

/** Options of {@link compareTransforms}. */
export interface CompareTransformsOptions {
  /** Transforms to compare, in order (default {@link TRANSFORM_LADDER}). The untransformed variable always comes first. */
  readonly methods?: readonly TransformMethod[];
  /** A shift for the methods that take one (sqrt, log, log10, inverse, boxcox). */
  readonly shift?: number;
  /** Skewness/kurtosis type (default 2, SAS/SPSS G₁/G₂). */
  readonly type?: MomentType;
}

/** One candidate of {@link compareTransforms}. */
export interface TransformCandidate {
  /** `'none'` for the untransformed variable. */
  readonly method: TransformMethod | 'none';
  /** False when the method cannot be applied to these values (e.g. log of a zero without a shift). */
  readonly applicable: boolean;
  /** Why not, when not applicable (the error message `transform` would throw), else null. */
  readonly reason: string | null;
  readonly parameters: TransformParameters | null;
  /** The λ fit for boxcox / yeojohnson. */
  readonly lambda: LambdaEstimate | null;
  readonly skewness: number | null;
  readonly kurtosis: number | null;
  /** Shapiro–Wilk W and p (null when n > 5,000 or not applicable). */
  readonly shapiroWilk: TestStatistic | null;
  /** True when the transform reverses the order of the values (inverse, reflect-sqrt, reflect-log). */
  readonly reversesOrder: boolean;
}

/** Result of {@link compareTransforms}. */
export interface CompareTransformsResult extends PsychkitResult<'compareTransforms'> {
  /** Non-missing values. */
  readonly n: number;
  readonly nMissing: number;
  readonly type: MomentType;
  readonly candidates: readonly TransformCandidate[];
}

const readCompareOptions = defineOptions('compareTransforms', {
  methods: field.raw(),
  shift: field.optionalNumber(),
  type: field.oneOf<MomentType>([1, 2, 3], 2),
});


/**
 * The transformation ladder side by side: skewness, kurtosis and Shapiro–Wilk W (with p) of the
 * variable untransformed and after each transform, so that a choice can be made and reported.
 * Methods that cannot be applied (non-positive values without a `shift`) are listed with
 * `applicable: false` and the reason, not thrown. Each candidate is exactly what
 * {@link transform} would give.
 *
 * Remember the direction: for a negatively skewed variable (a ceiling effect, as recovery scores)
 * a plain `sqrt` or `log` compresses the *upper* tail and makes the skew worse; reflect first
 * (`reflect-sqrt`, `reflect-log`) or let Box-Cox choose λ > 1.
 *
 * @example
 * ```ts
 * const c = compareTransforms(recovery);
 * c.candidates.map((r) => [r.method, r.skewness]);
 * // [['none', −1.75], ['sqrt', −2.17], ['log', −2.70], …, ['reflect-sqrt', 1.30], …, ['boxcox', −0.52], …]
 * ```
 */
export function compareTransforms(x: ArrayLike<unknown>, options?: CompareTransformsOptions): CompareTransformsResult {
  const o = readCompareOptions.read(options);
  const { type, shift } = o;
  let methods = TRANSFORM_LADDER;
  if (o.methods !== undefined) {
    if (!Array.isArray(o.methods) || o.methods.length === 0) {
      throw fail('INVALID_OPTION', `\`methods\` must be a non-empty array of transform names (${TRANSFORM_METHODS.join(', ')}).`, {
        option: 'methods',
        value: o.methods,
      });
    }
    methods = o.methods.map((m: unknown) => oneOf<TransformMethod>('methods', m, TRANSFORM_METHODS, 'sqrt'));
  }
  const sample = readSample(x, 'compareTransforms');
  requireCases(sample, 4, 'compareTransforms');
  requireVariance(sample, 'compareTransforms');
  const n = sample.observed.length;
  const sw = (v: Float64Array): TestStatistic | null => (n <= SHAPIRO_WILK_MAX_N ? shapiroWilkSorted(Float64Array.from(v).sort()) : null);

  const original = shapeOf(sample.observed, type);
  const candidates: TransformCandidate[] = [
    {
      method: 'none',
      applicable: true,
      reason: null,
      parameters: null,
      lambda: null,
      ...original,
      shapiroWilk: sw(sample.observed),
      reversesOrder: false,
    },
  ];
  const takesShift: readonly TransformMethod[] = ['sqrt', 'log', 'log10', 'inverse', 'boxcox'];
  for (const method of methods) {
    const reversesOrder = REVERSES_ORDER.includes(method);
    try {
      const applied = applyTransform(sample, method, {
        shift: takesShift.includes(method) ? shift : undefined,
        reflection: undefined,
        lambda: undefined,
        confidence: 0.95,
      });
      const after = observedAfter(applied, sample, method);
      requireSpread(after, sample, method, applied);
      const shape = shapeOf(after, type);
      candidates.push({ method, applicable: true, reason: null, parameters: applied.parameters, lambda: applied.estimate, ...shape, shapiroWilk: sw(after), reversesOrder });
    } catch (e) {
      if (!isPsychkitError(e) || !['NON_POSITIVE', 'NON_FINITE', 'ZERO_VARIANCE'].includes(e.code)) throw e;
      candidates.push({ method, applicable: false, reason: e.message, parameters: null, lambda: null, skewness: null, kurtosis: null, shapiroWilk: null, reversesOrder });
    }
  }
  return deepFreeze({ kind: 'compareTransforms', n, nMissing: sample.missing, type, candidates, warnings: [] });
}
