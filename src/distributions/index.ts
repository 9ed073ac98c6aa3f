import betainc from '@stdlib/math-base-special-betainc';
import gammainc from '@stdlib/math-base-special-gammainc';
import erfc from '@stdlib/math-base-special-erfc';
import tQuantileStd from '@stdlib/stats-base-dists-t-quantile';
import erfcinv from '@stdlib/math-base-special-erfcinv';
import chiSquareQuantileStd from '@stdlib/stats-base-dists-chisquare-quantile';
import fQuantileStd from '@stdlib/stats-base-dists-f-quantile';

// Upper tails are computed directly from the regularized incomplete beta/gamma functions
// (never as 1 − cdf), so p-values keep their digits down to ~1e-300.

/**
 * I_x(a, b), or its upper tail, at x = u/(u + v) (u, v ≥ 0). Whichever of x and 1 − x is below ½
 * is formed from u and v directly, using I_x(a, b) = 1 − I_{1−x}(b, a): a rounded x near 1 loses
 * every digit of 1 − x once u/v is below ~1e-16 (t near 0 with a large df, a tiny F), which
 * made tCdf(−2.4e-4, 1e9) exactly ½ and fSurvival(5.7e-11, 0.5, 666935) 1 instead of 0.99785.
 */
function betaRatio(u: number, v: number, a: number, b: number, upper: boolean): number {
  if (u <= v) return betainc(u / (u + v), a, b, true, upper);
  return betainc(v / (u + v), b, a, true, !upper);
}

/**
 * The x > 0 at which `below` (true left of the quantile, false right of it) changes. @stdlib's
 * χ² and F quantiles lose digits or fail in the tails: chiSquareQuantile(1e-300, 922) was off by
 * 5e-8 (relative), fQuantile(1e-300, 23.3, 38) gave 1.63 (its cdf is 0.91; the quantile is 7e-27)
 * and fQuantile(1 − 1e-12, 739, 0.5) ∞ (R: 3.7e47). So `guess` is kept only when the cdf brackets
 * p within a relative 1e-9 of it; otherwise the quantile is found by bisection, first on log x
 * over the whole double range, then on x to the last bit.
 */
function positiveQuantile(guess: number, below: (x: number) => boolean): number {
  if (guess > 0 && Number.isFinite(guess) && below(guess * (1 - 1e-9)) && !below(guess * (1 + 1e-9))) return guess;
  if (!below(Number.MIN_VALUE)) return 0; // below the smallest double: underflows, as in R
  if (below(Number.MAX_VALUE)) return Infinity;
  let lo = Math.log(Number.MIN_VALUE);
  let hi = Math.log(Number.MAX_VALUE);
  while (hi - lo > 1e-3) {
    const mid = 0.5 * (lo + hi);
    if (below(Math.exp(mid))) lo = mid;
    else hi = mid;
  }
  let a = Math.max(Number.MIN_VALUE, Math.exp(lo) * (1 - 1e-12));
  let b = Math.min(Number.MAX_VALUE, Math.exp(hi) * (1 + 1e-12));
  for (;;) {
    const mid = a + 0.5 * (b - a);
    if (mid <= a || mid >= b) return below(a) ? b : a;
    if (below(mid)) a = mid;
    else b = mid;
  }
}

/** Quantile of a distribution on (0, ∞) from its two tails, the one below ½ chosen so p keeps its digits. */
function quantileFromTails(p: number, guess: number, cdf: (x: number) => number, survival: (x: number) => number): number {
  if (!(p > 0 && p < 1) || Number.isNaN(guess)) return guess; // p = 0 or 1, or invalid arguments (NaN)
  const q = 1 - p; // exact for p ≥ ½
  return positiveQuantile(guess, p <= 0.5 ? (x) => cdf(x) < p : (x) => survival(x) > q);
}

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
  const half = 0.5 * betaRatio(df, t * t, df / 2, 0.5, false);
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
  return betaRatio(df, t * t, df / 2, 0.5, false);
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
  return betaRatio(df2, df1 * f, df2 / 2, df1 / 2, false);
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
  return betaRatio(df1 * f, df2, df1 / 2, df2 / 2, false);
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
  return quantileFromTails(p, fQuantileStd(p, df1, df2), (x) => fCdf(x, df1, df2), (x) => fSurvival(x, df1, df2));
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
  return quantileFromTails(p, chiSquareQuantileStd(p, df), (x) => chiSquareCdf(x, df), (x) => chiSquareSurvival(x, df));
}

export { bivariateNormalCdf } from './bivariate-normal.js';
