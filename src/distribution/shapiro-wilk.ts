import { normalQuantile, normalSurvival } from '../probability/index.js';
import { deepFreeze } from '../util/freeze.js';
import { readSample, requireCases, requireVariance } from './sample.js';
import { fail, type PsychkitResult } from '../errors.js';
import { powerOfTwoAtMost } from './moments.js';

// Royston (1992, 1995): polynomial approximations. C1/C2 give the two largest coefficients
// a_n, a_{n−1} as functions of u = 1/√n; C3/C4 the mean and log-sd of −log(γ − log(1 − W)) for
// 4 ≤ n ≤ 11 (γ = G₀ + G₁n); C5/C6 the mean and log-sd of log(1 − W) in log n for n ≥ 12.
const C1 = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
const C2 = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
const C3 = [0.544, -0.39978, 0.025054, -6.714e-4];
const C4 = [1.3822, -0.77857, 0.062767, -0.0020322];
const C5 = [-1.5861, -0.31082, -0.083751, 0.0038915];
const C6 = [-0.4803, -0.082676, 0.0030302];
const G = [-2.273, 0.459];

/** The largest n for which Royston's approximation is validated. */
export const SHAPIRO_WILK_MAX_N = 5000;

function poly(c: readonly number[], x: number): number {
  let r = 0;
  for (let i = c.length - 1; i >= 0; i--) r = r * x + (c[i] as number);
  return r;
}

/**
 * The ⌊n/2⌋ Shapiro–Wilk coefficients a₁ ≥ a₂ ≥ … (for the largest-minus-smallest, second
 * largest-minus-second smallest, … differences), normalised so that 2Σaᵢ² = 1.
 */
export function shapiroWilkCoefficients(n: number): Float64Array {
  const half = Math.floor(n / 2);
  const a = new Float64Array(half);
  if (n === 3) {
    a[0] = Math.SQRT1_2;
    return a;
  }
  // Blom-type approximation to the expected normal order statistics, lower half (negative).
  const m = new Float64Array(half);
  let summ2 = 0;
  for (let i = 0; i < half; i++) {
    const mi = normalQuantile((i + 1 - 0.375) / (n + 0.25));
    m[i] = mi;
    summ2 += mi * mi;
  }
  summ2 *= 2;
  const ssumm2 = Math.sqrt(summ2);
  const u = 1 / Math.sqrt(n);
  const m1 = m[0] as number;
  const a1 = poly(C1, u) - m1 / ssumm2;
  let first: number; // index of the first coefficient taken from m directly
  let fac: number;
  if (n > 5) {
    const m2 = m[1] as number;
    const a2 = poly(C2, u) - m2 / ssumm2;
    fac = Math.sqrt((summ2 - 2 * m1 * m1 - 2 * m2 * m2) / (1 - 2 * a1 * a1 - 2 * a2 * a2));
    a[1] = a2;
    first = 2;
  } else {
    fac = Math.sqrt((summ2 - 2 * m1 * m1) / (1 - 2 * a1 * a1));
    first = 1;
  }
  a[0] = a1;
  for (let i = first; i < half; i++) a[i] = -(m[i] as number) / fac;
  return a;
}

/** W and its p-value for sorted values (ascending), 3 ≤ n, not all equal. */
export function shapiroWilkSorted(x: Float64Array): { statistic: number; p: number } {
  const n = x.length;
  const a = shapiroWilkCoefficients(n);
  const half = a.length;
  // W = (Σ aᵢ (x₍ₙ₊₁₋ᵢ₎ − x₍ᵢ₎))² / (Σ(x − x̄)² · 2Σaᵢ²): the squared correlation between x and the
  // antisymmetric coefficient vector, so it stays in [0, 1] up to rounding.
  // Values are divided by an exact power of two near max |x| so that squares cannot overflow or
  // underflow (AS R94 divides by the range for the same reason).
  const scale = powerOfTwoAtMost(Math.max(Math.abs(x[0] as number), Math.abs(x[n - 1] as number)));
  let num = 0;
  let ssa = 0;
  for (let i = 0; i < half; i++) {
    const ai = a[i] as number;
    num += ai * ((x[n - 1 - i] as number) / scale - (x[i] as number) / scale);
    ssa += 2 * ai * ai;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (x[i] as number) / scale;
  mean /= n;
  let ssx = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) / scale - mean;
    ssx += d * d;
  }
  const w = Math.min(1, (num * num) / (ssa * ssx));
  return { statistic: w, p: shapiroWilkP(w, n) };
}

/** Royston's p-value for W at sample size n (3 ≤ n ≤ 5000). */
export function shapiroWilkP(w: number, n: number): number {
  if (n === 3) {
    // Exact: P = (6/π)(asin √W − asin √¾).
    const p = (6 / Math.PI) * (Math.asin(Math.sqrt(w)) - Math.PI / 3);
    return Math.min(1, Math.max(0, p));
  }
  const w1 = 1 - w;
  if (w1 <= 0) return 1;
  let y = Math.log(w1);
  let mean: number;
  let sd: number;
  if (n <= 11) {
    const gamma = poly(G, n);
    if (y >= gamma) return 0; // beyond the approximation's support: W is far below any normal sample's
    y = -Math.log(gamma - y);
    mean = poly(C3, n);
    sd = Math.exp(poly(C4, n));
  } else {
    const ln = Math.log(n);
    mean = poly(C5, ln);
    sd = Math.exp(poly(C6, ln));
  }
  return normalSurvival((y - mean) / sd);
}

/** Shapiro–Wilk W with its p-value. */
export interface ShapiroWilkResult extends PsychkitResult<'shapiroWilk'> {
  /** W, in (0, 1]; 1 for a sample whose order statistics are exactly normal scores. */
  readonly statistic: number;
  /** Royston's (1995) normal approximation to P(W ≤ w) under normality (exact for n = 3). */
  readonly p: number;
  /** Non-missing values tested. */
  readonly n: number;
  readonly nMissing: number;
}

/**
 * Shapiro–Wilk test of normality by Royston's algorithm AS R94 (n from 3 to 5,000): the
 * coefficients come from Blom-type normal scores mᵢ = Φ⁻¹((i − 3/8)/(n + 1/4)) with Royston's
 * polynomial corrections for the two largest, W = (Σaᵢx₍ᵢ₎)² / Σ(xᵢ − x̄)², and the p-value from
 * a normalising transformation of log(1 − W) (for n ≤ 11, of −log(γ − log(1 − W))). Missing
 * values are ignored. Matches R's `shapiro.test` and scipy's `stats.shapiro`.
 *
 * Throws `TOO_FEW_CASES` below 3 values, `INVALID_INPUT` above 5,000 (where the approximation is
 * not validated), `ZERO_VARIANCE` for a constant variable.
 *
 * References: Royston, P. (1992). Approximating the Shapiro–Wilk W-test for non-normality.
 * *Statistics and Computing, 2*, 117–119. Royston, P. (1995). Remark AS R94: A remark on
 * algorithm AS 181. *Applied Statistics, 44*(4), 547–551.
 *
 * @example
 * ```ts
 * shapiroWilk([2.1, 3.7, 9.4]); // { kind: 'shapiroWilk', statistic: 0.9049, p: 0.4011, n: 3, nMissing: 0, warnings: [] }
 * ```
 */
export function shapiroWilk(x: ArrayLike<unknown>): ShapiroWilkResult {
  const sample = readSample(x, 'shapiroWilk');
  requireCases(sample, 3, 'The Shapiro–Wilk test');
  const n = sample.observed.length;
  if (n > SHAPIRO_WILK_MAX_N) {
    throw fail('INVALID_INPUT', `The Shapiro–Wilk approximation is validated for n ≤ ${SHAPIRO_WILK_MAX_N}; "${sample.name}" has ${n} values.`, {
      column: sample.name,
      n,
    });
  }
  requireVariance(sample, 'The Shapiro–Wilk test');
  const sorted = Float64Array.from(sample.observed).sort();
  return deepFreeze({ kind: 'shapiroWilk', ...shapiroWilkSorted(sorted), n, nMissing: sample.missing, warnings: [] });
}
