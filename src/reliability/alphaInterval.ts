import { fail } from '../errors.js';
import { fQuantile, normalQuantile } from '../probability/index.js';
import { summariseBootstrap } from '../resampling/intervals.js';
import type { ProgressCallback } from '../util/options.js';
import { bootstrapIndices, randomStream, type Seed } from '../random/stream.js';
import { alphaFromSums } from './alphaStatistics.js';

/**
 * Feldt's (1965) interval, as psych::alpha.ci: (1 − α)/(1 − α̂) ~ F(n − 1, (n − 1)(k − 1)), so
 * lower = 1 − (1 − α̂)·F₁₋ₚ/₂, upper = 1 − (1 − α̂)·Fₚ/₂ with p = 1 − confidence.
 */
export function feldtInterval(alpha: number, n: number, k: number, confidence: number): { lower: number; upper: number } {
  const p = 1 - confidence;
  const df1 = n - 1;
  const df2 = (n - 1) * (k - 1);
  return {
    lower: 1 - (1 - alpha) * fQuantile(1 - p / 2, df1, df2),
    upper: 1 - (1 - alpha) * fQuantile(p / 2, df1, df2),
  };
}

/** Duhachek & Iacobucci's (2004) normal-theory interval: α̂ ± z₁₋ₚ/₂ · ASE. */
export function duhachekInterval(alpha: number, ase: number, confidence: number): { lower: number; upper: number } {
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return { lower: alpha - z * ase, upper: alpha + z * ase };
}

/** A bootstrap percentile interval for raw alpha. */
export interface AlphaBootstrap {
  readonly lower: number;
  readonly upper: number;
  /** SD of the resampled alphas (divisor B − 1). */
  readonly se: number;
  /** Resamples that gave a defined alpha (a resample with a constant item or a pair with < 2 common answers is skipped). */
  readonly resamples: number;
  readonly requested: number;
  readonly seed: Seed;
  /** The resampled alphas that were used, in resample order. */
  readonly draws: Float64Array;
}

/**
 * Percentile bootstrap of raw alpha by case resampling (`resamples` draws of n rows with
 * replacement from the seeded stream), each resample's alpha computed from its own covariance
 * matrix with the same missing-data rule as the estimate (pairwise, as psych's `n.iter`
 * bootstrap does). A resample is held as row multiplicities w, so rows drawn several times are
 * visited once. Complete data need only tr C and ΣC = var(row sums): O(n·k) per resample. With
 * missing responses the pairwise cross-products Σw·xₐx_b are accumulated on zero-filled data
 * (O(n·k²/2) multiply-adds, no branches in the inner loop), and each pair's count and sums are
 * corrected from the few rows where one item of the pair is missing. Buffers are allocated
 * once; the loop allocates nothing. Intervals and SE come from the shared bootstrap summary (percentile, type-7 quantiles).
 */
export function bootstrapAlpha(
  columns: readonly Float64Array[],
  n: number,
  resamples: number,
  seed: Seed,
  confidence: number,
  onProgress?: ProgressCallback,
): AlphaBootstrap {
  const k = columns.length;
  // Row-major copy, shifted by each item's mean (so the one-pass sums stay accurate), missing = 0.
  const data = new Float64Array(n * k);
  const missingCount = new Int32Array(n);
  let totalMissing = 0;
  for (let j = 0; j < k; j++) {
    const col = columns[j] as Float64Array;
    let s = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i] as number;
      if (v === v) {
        s += v;
        c++;
      } else {
        missingCount[i] = (missingCount[i] as number) + 1;
        totalMissing++;
      }
    }
    const m = s / c;
    for (let i = 0; i < n; i++) {
      const v = col[i] as number;
      data[i * k + j] = v === v ? v - m : 0;
    }
  }
  const complete = totalMissing === 0;
  // Rows with missing items: their missing item indices, flat, with offsets.
  const missStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) missStart[i + 1] = (missStart[i] as number) + (missingCount[i] as number);
  const missItems = new Int32Array(totalMissing);
  const observed = new Uint8Array(n * k).fill(1);
  {
    const fill = missStart.slice(0, n);
    for (let j = 0; j < k; j++) {
      const col = columns[j] as Float64Array;
      for (let i = 0; i < n; i++) {
        if ((col[i] as number) !== (col[i] as number)) {
          missItems[fill[i] as number] = j;
          fill[i] = (fill[i] as number) + 1;
          observed[i * k + j] = 0;
        }
      }
    }
  }
  const rng = randomStream(seed);
  const idx = new Int32Array(n);
  const weight = new Float64Array(n);
  const values = new Float64Array(resamples);
  let used = 0;
  const sj = new Float64Array(k);
  const sjj = new Float64Array(k);
  const count = new Float64Array(k);
  const kk = k * k;
  const cross = new Float64Array(kk);
  const lostCount = new Float64Array(kk); // [a*k+b]: weight of rows where a is observed and b missing
  const lostSum = new Float64Array(kk); // [a*k+b]: Σ w·xₐ over those rows
  const every = Math.max(1, Math.floor(resamples / 100));
  for (let b = 0; b < resamples; b++) {
    if (onProgress !== undefined && b % every === 0) onProgress(b, resamples);
    bootstrapIndices(rng, n, idx);
    weight.fill(0);
    for (let i = 0; i < n; i++) weight[idx[i] as number] = (weight[idx[i] as number] as number) + 1;
    let trace = 0;
    let sum = 0;
    let ok = true;
    if (complete) {
      sj.fill(0);
      sjj.fill(0);
      let st = 0;
      let stt = 0;
      for (let r = 0; r < n; r++) {
        const w = weight[r] as number;
        if (w === 0) continue;
        const base = r * k;
        let t = 0;
        for (let j = 0; j < k; j++) {
          const v = data[base + j] as number;
          t += v;
          sj[j] = (sj[j] as number) + w * v;
          sjj[j] = (sjj[j] as number) + w * v * v;
        }
        st += w * t;
        stt += w * t * t;
      }
      for (let j = 0; j < k; j++) {
        const v = ((sjj[j] as number) - (sj[j] as number) ** 2 / n) / (n - 1);
        if (!(v > 0)) ok = false;
        trace += v;
      }
      sum = (stt - (st * st) / n) / (n - 1);
    } else {
      cross.fill(0);
      sj.fill(0);
      count.fill(0);
      lostCount.fill(0);
      lostSum.fill(0);
      for (let r = 0; r < n; r++) {
        const w = weight[r] as number;
        if (w === 0) continue;
        const base = r * k;
        for (let a = 0; a < k; a++) {
          const wa = w * (data[base + a] as number);
          const row = a * k;
          for (let c = a; c < k; c++) cross[row + c] = (cross[row + c] as number) + wa * (data[base + c] as number);
          if (observed[base + a] === 1) {
            count[a] = (count[a] as number) + w;
            sj[a] = (sj[a] as number) + wa;
          }
        }
        const m0 = missStart[r] as number;
        const m1 = missStart[r + 1] as number;
        for (let q = m0; q < m1; q++) {
          const miss = missItems[q] as number;
          for (let a = 0; a < k; a++) {
            if (observed[base + a] === 0) continue;
            lostCount[a * k + miss] = (lostCount[a * k + miss] as number) + w;
            lostSum[a * k + miss] = (lostSum[a * k + miss] as number) + w * (data[base + a] as number);
          }
        }
      }
      for (let a = 0; a < k && ok; a++) {
        for (let c = a; c < k; c++) {
          const m = (count[a] as number) - (lostCount[a * k + c] as number);
          if (m < 2) {
            ok = false;
            break;
          }
          const sa = (sj[a] as number) - (lostSum[a * k + c] as number);
          const sc = (sj[c] as number) - (lostSum[c * k + a] as number);
          const cov = ((cross[a * k + c] as number) - (sa * sc) / m) / (m - 1);
          if (a === c) {
            if (!(cov > 0)) ok = false;
            trace += cov;
            sum += cov;
          } else sum += 2 * cov;
        }
      }
    }
    const alpha = alphaFromSums(trace, sum, k);
    if (ok && Number.isFinite(alpha)) values[used++] = alpha;
  }
  onProgress?.(resamples, resamples);
  if (used < 2) {
    throw fail('TOO_FEW_CASES', `Only ${used} of ${resamples} bootstrap resamples gave a defined alpha; the data are too sparse to bootstrap.`, {
      resamples: used,
    });
  }
  // Copied first: summariseBootstrap reorders the values it summarises.
  const draws = values.slice(0, used);
  const summary = summariseBootstrap(values.subarray(0, used), Number.NaN, confidence, 'percentile');
  return { lower: summary.lower, upper: summary.upper, se: summary.se, resamples: used, requested: resamples, seed, draws };
}
