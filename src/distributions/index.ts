import betainc from '@stdlib/math-base-special-betainc';
import gammainc from '@stdlib/math-base-special-gammainc';
import erfc from '@stdlib/math-base-special-erfc';
import tQuantileStd from '@stdlib/stats-base-dists-t-quantile';
import erfcinv from '@stdlib/math-base-special-erfcinv';
import chiSquareQuantileStd from '@stdlib/stats-base-dists-chisquare-quantile';
import fQuantileStd from '@stdlib/stats-base-dists-f-quantile';
import { regularizedGammaLargeX } from './gamma-large.js';

// Upper tails are computed directly from the regularized incomplete beta/gamma functions
// (never as 1 − cdf), so p-values keep their digits down to ~1e-300.

/**
 * Standard normal lower-tail probability Φ(z) = ½·erfc(−z/√2). Matches R's `pnorm(z)`.
 * @example normalCdf(-1.959963984540054); // 0.025
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * Standard normal upper tail 1 − Φ(z), accurate far into the tail. Matches `pnorm(z, lower.tail = FALSE)`.
 *
 * @example
 * ```ts
 * normalSurvival(1.959963984540054); // 0.025
 * normalSurvival(38); // 2.88e-316 (1 − normalCdf(38) would be 0)
 * ```
 */
export function normalSurvival(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Standard normal quantile Φ⁻¹(p) = −√2·erfc⁻¹(2p). Matches R's `qnorm(p)` down to p = 1e-300.
 * (@stdlib's normal-quantile package returns −∞ below p ≈ 1e-20, so erfc⁻¹ is used directly;
 * for p ≥ ½, 2(1 − p) is exact.)
 * @example normalQuantile(0.975); // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  return p < 0.5 ? -Math.SQRT2 * erfcinv(2 * p) : Math.SQRT2 * erfcinv(2 * (1 - p));
}

/**
 * Two-sided normal p-value 2·(1 − Φ(|z|)).
 *
 * @example
 * ```ts
 * normalTwoSided(-1.96); // 0.04999579...
 * ```
 */
export function normalTwoSided(z: number): number {
  return Math.min(1, 2 * normalSurvival(Math.abs(z)));
}

/**
 * Student t upper tail P(T > t) with `df` degrees of freedom, via I_{df/(df+t²)}(df/2, ½).
 * Matches R's `pt(t, df, lower.tail = FALSE)`.
  *
 * @example
 * ```ts
 * tSurvival(2.5, 20); // 0.0106...
 * ```
 */
export function tSurvival(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  const half = 0.5 * betainc(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? half : 1 - half;
}

/**
 * Student t lower tail P(T ≤ t). Matches R's `pt(t, df)`.
 *
 * @example
 * ```ts
 * tCdf(-2.5, 20); // 0.0106...
 * ```
 */
export function tCdf(t: number, df: number): number {
  return tSurvival(-t, df);
}

/**
 * Two-sided t p-value P(|T| > |t|) = I_{df/(df+t²)}(df/2, ½), computed without cancellation.
 * Matches R's `2 * pt(-abs(t), df)`.
 * @example tTwoSided(2.5, 20); // 0.02123...
 */
export function tTwoSided(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return betainc(df / (df + t * t), df / 2, 0.5);
}

/**
 * Student t quantile. Matches R's `qt(p, df)`.
 *
 * @example
 * ```ts
 * tQuantile(0.975, 259); // 1.96918... (critical t for a 95% CI)
 * ```
 */
export function tQuantile(p: number, df: number): number {
  return tQuantileStd(p, df);
}

/**
 * F upper tail P(F > f) = I_{d2/(d2 + d1·f)}(d2/2, d1/2). Matches R's `pf(f, d1, d2, lower.tail = FALSE)`.
  *
 * @example
 * ```ts
 * fSurvival(10.45, 7, 259); // 1.48e-11 (p of a regression F test)
 * ```
 */
export function fSurvival(f: number, df1: number, df2: number): number {
  if (Number.isNaN(f) || !(df1 > 0) || !(df2 > 0)) return Number.NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  return betainc(df2 / (df2 + df1 * f), df2 / 2, df1 / 2);
}

/**
 * F lower tail. Matches R's `pf(f, d1, d2)`.
 *
 * @example
 * ```ts
 * fCdf(3.2, 3, 60); // 0.970...
 * ```
 */
export function fCdf(f: number, df1: number, df2: number): number {
  if (Number.isNaN(f) || !(df1 > 0) || !(df2 > 0)) return Number.NaN;
  if (f <= 0) return 0;
  if (f === Infinity) return 1;
  return betainc((df1 * f) / (df1 * f + df2), df1 / 2, df2 / 2);
}

/**
 * F quantile. Matches R's `qf(p, d1, d2)`.
 *
 * @example
 * ```ts
 * fQuantile(0.95, 3, 60); // 2.758...
 * ```
 */
export function fQuantile(p: number, df1: number, df2: number): number {
  return fQuantileStd(p, df1, df2);
}

/**
 * χ² upper tail via the upper regularized gamma Q(k/2, x/2). Matches R's `pchisq(x, k, lower.tail = FALSE)`.
 *
 * @example
 * ```ts
 * chiSquareSurvival(3.84, 1); // 0.05004...
 * ```
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  // @stdlib's gammainc is inaccurate (up to ~2e-2) for x/2 > 1000 unless df ≪ x.
  if (x > 2000) return regularizedGammaLargeX(df / 2, x / 2, true);
  return gammainc(x / 2, df / 2, true, true);
}

/**
 * χ² lower tail P(k/2, x/2). Matches R's `pchisq(x, k)`.
 *
 * @example
 * ```ts
 * chiSquareCdf(3.84, 1); // 0.94995...
 * ```
 */
export function chiSquareCdf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  if (x > 2000) return regularizedGammaLargeX(df / 2, x / 2, false);
  return gammainc(x / 2, df / 2, true, false);
}

/**
 * χ² quantile. Matches R's `qchisq(p, df)`.
 *
 * @example
 * ```ts
 * chiSquareQuantile(0.95, 24); // 36.415...
 * ```
 */
export function chiSquareQuantile(p: number, df: number): number {
  return chiSquareQuantileStd(p, df);
}

export { bivariateNormalCdf } from './bivariate-normal.js';
