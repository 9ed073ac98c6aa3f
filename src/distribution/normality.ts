import { chiSquareSurvival, normalTwoSided } from '../probability/index.js';
import type { PsychkitResult, PsychkitWarning } from '../errors.js';
import { deepFreeze } from '../util/freeze.js';
import { centralSums, type CentralSums } from './moments.js';
import { readSample, requireCases, requireVariance } from './sample.js';
import { SHAPIRO_WILK_MAX_N, shapiroWilkSorted } from './shapiro-wilk.js';

/** A test statistic with its two-sided p-value. */
export interface TestStatistic {
  readonly statistic: number;
  readonly p: number;
}

/** The omnibus K² statistic, χ² with 2 degrees of freedom. */
export interface ChiSquareStatistic extends TestStatistic {
  readonly df: number;
}

/** Result of {@link normalityTests}. A test is `null` when n is outside its range (see `warnings`). */
export interface NormalityTestsResult extends PsychkitResult<'normalityTests'> {
  readonly n: number;
  readonly nMissing: number;
  /** D'Agostino's (1970) test of zero skewness: z and two-sided p (n ≥ 8). */
  readonly dagostinoSkewness: TestStatistic | null;
  /** Anscombe & Glynn's (1983) test of zero excess kurtosis: z and two-sided p (n ≥ 5). */
  readonly anscombeGlynnKurtosis: TestStatistic | null;
  /** D'Agostino & Pearson's (1973) omnibus K² = z²_skew + z²_kurt, χ²(2) (n ≥ 8). */
  readonly dagostinoPearson: ChiSquareStatistic | null;
  /** Shapiro–Wilk W by Royston's AS R94 (3 ≤ n ≤ 5000). */
  readonly shapiroWilk: TestStatistic | null;
  readonly warnings: readonly PsychkitWarning[];
}

/** D'Agostino's z for skewness from central sums (n ≥ 8). */
export function dagostinoSkewnessZ(c: CentralSums): number {
  const n = c.n;
  const g1 = (Math.sqrt(n) * c.s3) / Math.pow(c.s2, 1.5);
  const y = g1 * Math.sqrt(((n + 1) * (n + 3)) / (6 * (n - 2)));
  const beta2 = (3 * (n * n + 27 * n - 70) * (n + 1) * (n + 3)) / ((n - 2) * (n + 5) * (n + 7) * (n + 9));
  const w2 = -1 + Math.sqrt(2 * (beta2 - 1));
  const delta = 1 / Math.sqrt(0.5 * Math.log(w2));
  const alpha = Math.sqrt(2 / (w2 - 1));
  // δ·log(y/α + √((y/α)² + 1)) is δ·asinh(y/α); asinh avoids the cancellation for large negative y.
  return delta * Math.asinh(y / alpha);
}

/** Anscombe–Glynn z for kurtosis from central sums (n ≥ 5). */
export function anscombeGlynnZ(c: CentralSums): number {
  const n = c.n;
  const b2 = (n * c.s4) / (c.s2 * c.s2);
  const mean = (3 * (n - 1)) / (n + 1);
  const variance = (24 * n * (n - 2) * (n - 3)) / ((n + 1) * (n + 1) * (n + 3) * (n + 5));
  const x = (b2 - mean) / Math.sqrt(variance);
  // Standardised third moment of b₂, then Wilson–Hilferty on a χ² fitted with A degrees of freedom.
  const sqrtBeta1 = ((6 * (n * n - 5 * n + 2)) / ((n + 7) * (n + 9))) * Math.sqrt((6 * (n + 3) * (n + 5)) / (n * (n - 2) * (n - 3)));
  const A = 6 + (8 / sqrtBeta1) * (2 / sqrtBeta1 + Math.sqrt(1 + 4 / (sqrtBeta1 * sqrtBeta1)));
  const term1 = 1 - 2 / (9 * A);
  const denom = 1 + x * Math.sqrt(2 / (A - 4));
  // A negative denominator (b₂ far below its mean) gives a negative cube root, as in scipy.
  const term2 = Math.sign(denom) * Math.cbrt((1 - 2 / A) / Math.abs(denom));
  return (term1 - term2) / Math.sqrt(2 / (9 * A));
}

/**
 * Tests of normality on one variable (missing values ignored), each with its statistic and p:
 *
 * - **D'Agostino skewness test** (n ≥ 8): with g₁ = m₃/m₂^{3/2},
 *   Y = g₁√((n+1)(n+3)/(6(n−2))), β₂ = 3(n²+27n−70)(n+1)(n+3)/((n−2)(n+5)(n+7)(n+9)),
 *   W² = √(2(β₂−1)) − 1, δ = 1/√(ln W), α = √(2/(W²−1)), z = δ·asinh(Y/α).
 * - **Anscombe–Glynn kurtosis test** (n ≥ 5; warned below 20): b₂ = m₄/m₂² standardised by
 *   E(b₂) = 3(n−1)/(n+1) and var(b₂) = 24n(n−2)(n−3)/((n+1)²(n+3)(n+5)), then the Wilson–Hilferty
 *   cube-root transformation of a χ² with A degrees of freedom.
 * - **D'Agostino–Pearson K²** = z²_skewness + z²_kurtosis, referred to χ²(2).
 * - **Shapiro–Wilk** by Royston's AS R94 (3 ≤ n ≤ 5,000), see {@link shapiroWilk}.
 *
 * Matches scipy's `stats.skewtest`, `stats.kurtosistest`, `stats.normaltest` and `stats.shapiro`
 * (and R's `shapiro.test`). Tests whose sample-size range excludes n are `null`, with a warning.
 * Throws `TOO_FEW_CASES` below 3 values and `ZERO_VARIANCE` for a constant variable.
 *
 * References: D'Agostino, R. B., Belanger, A., & D'Agostino, R. B., Jr. (1990). A suggestion for
 * using powerful and informative tests of normality. *The American Statistician, 44*(4), 316–321.
 * Anscombe, F. J., & Glynn, W. J. (1983). Distribution of the kurtosis statistic b₂ for normal
 * samples. *Biometrika, 70*(1), 227–234. Royston (1995), see {@link shapiroWilk}.
 *
 * @example
 * ```ts
 * const t = normalityTests(recovery);
 * t.shapiroWilk; // { statistic: 0.8001, p: 7.6e-18 }
 * t.dagostinoPearson; // { statistic: 96.65, df: 2, p: 1.0e-21 }
 * ```
 */
export function normalityTests(x: ArrayLike<unknown>): NormalityTestsResult {
  const sample = readSample(x, 'normalityTests');
  requireCases(sample, 3, 'normalityTests');
  requireVariance(sample, 'normalityTests');
  const n = sample.observed.length;
  const sums = centralSums(sample.observed);
  const warnings: PsychkitWarning[] = [];

  let skew: TestStatistic | null = null;
  if (n >= 8) {
    const z = dagostinoSkewnessZ(sums);
    skew = { statistic: z, p: normalTwoSided(z) };
  } else {
    warnings.push({
      code: 'TOO_FEW_FOR_TEST',
      message: `D'Agostino's skewness test and the K² omnibus test need n ≥ 8; n = ${n}.`,
      details: { n, required: 8 },
    });
  }
  let kurt: TestStatistic | null = null;
  if (n >= 5) {
    const z = anscombeGlynnZ(sums);
    kurt = { statistic: z, p: normalTwoSided(z) };
    if (n < 20) {
      warnings.push({
        code: 'SMALL_SAMPLE',
        message: `The Anscombe–Glynn kurtosis test is only approximate below n = 20; n = ${n}.`,
        details: { n, recommended: 20 },
      });
    }
  } else {
    warnings.push({ code: 'TOO_FEW_FOR_TEST', message: `The Anscombe–Glynn kurtosis test needs n ≥ 5; n = ${n}.`, details: { n, required: 5 } });
  }
  let omnibus: ChiSquareStatistic | null = null;
  if (skew !== null && kurt !== null) {
    const k2 = skew.statistic * skew.statistic + kurt.statistic * kurt.statistic;
    omnibus = { statistic: k2, df: 2, p: chiSquareSurvival(k2, 2) };
  }
  let sw: TestStatistic | null = null;
  if (n <= SHAPIRO_WILK_MAX_N) {
    sw = shapiroWilkSorted(Float64Array.from(sample.observed).sort());
  } else {
    warnings.push({
      code: 'TOO_MANY_FOR_TEST',
      message: `Royston's Shapiro–Wilk approximation is validated for n ≤ ${SHAPIRO_WILK_MAX_N}; n = ${n}.`,
      details: { n, limit: SHAPIRO_WILK_MAX_N },
    });
  }
  return deepFreeze({
    kind: 'normalityTests',
    n,
    nMissing: sample.missing,
    dagostinoSkewness: skew,
    anscombeGlynnKurtosis: kurt,
    dagostinoPearson: omnibus,
    shapiroWilk: sw,
    warnings,
  });
}
