import { fail } from '../errors.js';
import { defineOptions, field, showValue } from '../util/options.js';
import { readSample, requireCases, requireVariance } from './sample.js';

/**
 * Which sample estimator of skewness and kurtosis, numbered as in psych::skew / psych::kurtosi
 * (Joanes & Gill, 1998):
 * - `1`: g₁ = m₃/m₂^{3/2}, g₂ = m₄/m₂² − 3 (moment estimators; older textbooks, scipy's default);
 * - `2`: G₁ = g₁·√(n(n−1))/(n−2), G₂ = ((n+1)g₂ + 6)(n−1)/((n−2)(n−3)) (SAS, SPSS, Excel);
 * - `3`: b₁ = g₁((n−1)/n)^{3/2}, b₂ = (g₂+3)(1−1/n)² − 3 (MINITAB, BMDP; psych's default).
 */
export type MomentType = 1 | 2 | 3;

/** Options of {@link skewness} and {@link kurtosis}. */
export interface MomentOptions {
  /** Estimator type as psych (default `2`, SAS/SPSS G₁/G₂; psych's own default is 3). */
  readonly type?: MomentType;
}

/**
 * Sums of powers of deviations from the mean, the raw material of every moment statistic. The
 * sums are of x/`scale` (an exact power of two near max |x|), so that d⁴ neither overflows for
 * huge values nor underflows for tiny ones; skewness and kurtosis do not depend on the scale.
 */
export interface CentralSums {
  readonly n: number;
  /** The mean, in the units of x. */
  readonly mean: number;
  /** The power of two the sums are scaled by. */
  readonly scale: number;
  /** Σ((x − x̄)/scale)² */
  readonly s2: number;
  /** Σ((x − x̄)/scale)³ */
  readonly s3: number;
  /** Σ((x − x̄)/scale)⁴ */
  readonly s4: number;
}

/**
 * An exact power of two near `maxAbs` (1 for 0), for rescaling without rounding; at least 2⁻¹⁰²²
 * so that its reciprocal is finite too (subnormal data scaled by 2¹⁰²² are ≥ 2⁻⁵², whose fourth
 * powers are still normal numbers).
 */
export function powerOfTwoAtMost(maxAbs: number): number {
  if (!(maxAbs > 0)) return 1;
  // log2 may round up near a power of two, and 2^1024 overflows: clamp, then step down if needed.
  const scale = 2 ** Math.min(1023, Math.max(-1022, Math.floor(Math.log2(maxAbs))));
  return scale > maxAbs && scale > 2 ** -1022 ? scale / 2 : scale;
}

/**
 * Mean (two-pass, corrected, as R's mean) and scaled central sums Σd², Σd³, Σd⁴ of observed
 * values. Monomorphic on Float64Array: this is describe's inner loop.
 */
export function centralSums(v: Float64Array): CentralSums {
  const n = v.length;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(v[i] as number);
    if (a > maxAbs) maxAbs = a;
  }
  const scale = powerOfTwoAtMost(maxAbs);
  const inv = 1 / scale; // exact: a power of two
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (v[i] as number) * inv;
  let mean = sum / n;
  // A second pass corrects the rounding of the first.
  let correction = 0;
  for (let i = 0; i < n; i++) correction += (v[i] as number) * inv - mean;
  mean += correction / n;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const d = (v[i] as number) * inv - mean;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  return { n, mean: mean * scale, scale, s2, s3, s4 };
}

/** Skewness of type 1, 2 or 3 from central sums (n ≥ 3, s2 > 0). */
export function skewnessFromSums(c: CentralSums, type: MomentType): number {
  const { n, s2, s3 } = c;
  const g1 = (Math.sqrt(n) * s3) / Math.pow(s2, 1.5);
  if (type === 1) return g1;
  if (type === 2) return (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
  return g1 * Math.pow((n - 1) / n, 1.5);
}

/** Excess kurtosis of type 1, 2 or 3 from central sums (n ≥ 4, s2 > 0). */
export function kurtosisFromSums(c: CentralSums, type: MomentType): number {
  const { n, s2, s4 } = c;
  const b = (n * s4) / (s2 * s2); // m₄/m₂²
  if (type === 1) return b - 3;
  if (type === 2) return ((n + 1) * (b - 3) + 6) * ((n - 1) / ((n - 2) * (n - 3)));
  const f = (n - 1) / n;
  return b * f * f - 3;
}

const readSkewnessOptions = defineOptions('skewness', { type: field.oneOf<MomentType>([1, 2, 3], 2) });
const readKurtosisOptions = defineOptions('kurtosis', { type: field.oneOf<MomentType>([1, 2, 3], 2) });

function typeOf(options: MomentOptions | undefined, fn: 'skewness' | 'kurtosis'): MomentType {
  return (fn === 'skewness' ? readSkewnessOptions : readKurtosisOptions).read(options).type;
}

/**
 * Sample skewness, ignoring missing values. With m_k = Σ(x − x̄)^k / n and g₁ = m₃ / m₂^{3/2}:
 * type 1 is g₁, type 2 (default) is G₁ = g₁·√(n(n − 1))/(n − 2) as SAS and SPSS report, type 3 is
 * b₁ = g₁·((n − 1)/n)^{3/2}. Matches `psych::skew(x, type = type)`.
 *
 * Throws `TOO_FEW_CASES` below 3 values, `ZERO_VARIANCE` for a constant variable, `NON_FINITE` /
 * `NON_NUMERIC` for a bad value.
 *
 * Reference: Joanes, D. N., & Gill, C. A. (1998). Comparing measures of sample skewness and
 * kurtosis. *The Statistician, 47*(1), 183–189.
 *
 * @example
 * ```ts
 * skewness([1, 2, 3, 10]);              // 1.7636 (G₁, as SPSS)
 * skewness([1, 2, 3, 10], { type: 1 }); // 1.0182 (g₁)
 * ```
 */
export function skewness(x: ArrayLike<unknown>, options?: MomentOptions): number {
  const type = typeOf(options, 'skewness');
  const sample = readSample(x, 'skewness');
  requireCases(sample, 3, 'Skewness');
  requireVariance(sample, 'Skewness');
  return skewnessFromSums(centralSums(sample.observed), type);
}

/**
 * Sample excess kurtosis (0 for a normal distribution), ignoring missing values. With
 * g₂ = m₄/m₂² − 3: type 1 is g₂, type 2 (default) is G₂ = ((n + 1)g₂ + 6)(n − 1)/((n − 2)(n − 3))
 * as SAS and SPSS report, type 3 is b₂ = (g₂ + 3)(1 − 1/n)² − 3. Matches
 * `psych::kurtosi(x, type = type)`.
 *
 * Throws `TOO_FEW_CASES` below 4 values, `ZERO_VARIANCE` for a constant variable.
 *
 * Reference: Joanes & Gill (1998), as for {@link skewness}.
 *
 * @example
 * ```ts
 * kurtosis([1, 2, 3, 10]);              // 3.228 (G₂, as SPSS)
 * kurtosis([1, 2, 3, 10], { type: 1 }); // −0.7696 (g₂)
 * ```
 */
export function kurtosis(x: ArrayLike<unknown>, options?: MomentOptions): number {
  const type = typeOf(options, 'kurtosis');
  const sample = readSample(x, 'kurtosis');
  requireCases(sample, 4, 'Kurtosis');
  requireVariance(sample, 'Kurtosis');
  return kurtosisFromSums(centralSums(sample.observed), type);
}

function sampleSize(n: unknown, min: number, what: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw fail('INVALID_OPTION', `${what}: \`n\` must be an integer; got ${showValue(n)}.`, { option: 'n', value: n });
  }
  if (n < min) throw fail('TOO_FEW_CASES', `${what} needs n ≥ ${min}; got ${n}.`, { n, required: min });
  return n;
}

/** SES without validation (n ≥ 3). */
export function sesOf(n: number): number {
  // As ratios, so that n up to 2⁵³ and beyond does not overflow n³.
  return Math.sqrt((6 * (n / (n - 2)) * ((n - 1) / (n + 1))) / (n + 3));
}

/** SEK without validation (n ≥ 4). */
export function sekOf(n: number): number {
  return 2 * sesOf(n) * Math.sqrt(((n - 1) / (n - 3)) * ((n + 1) / (n + 5)));
}

/**
 * Standard error of skewness as SPSS and SAS print it (the exact SE of G₁ under normality):
 * SES = √(6n(n − 1) / ((n − 2)(n + 1)(n + 3))). The z ratio is G₁ / SES.
 *
 * @example
 * ```ts
 * standardErrorOfSkewness(268); // 0.14880
 * ```
 */
export function standardErrorOfSkewness(n: number): number {
  return sesOf(sampleSize(n, 3, 'standardErrorOfSkewness'));
}

/**
 * Standard error of kurtosis as SPSS and SAS print it (the exact SE of G₂ under normality):
 * SEK = 2·SES·√((n² − 1) / ((n − 3)(n + 5))). The z ratio is G₂ / SEK.
 *
 * @example
 * ```ts
 * standardErrorOfKurtosis(268); // 0.29652
 * ```
 */
export function standardErrorOfKurtosis(n: number): number {
  return sekOf(sampleSize(n, 4, 'standardErrorOfKurtosis'));
}
