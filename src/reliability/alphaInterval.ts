import { fail } from '../errors.js';
import { fQuantile, normalQuantile } from '../distributions/index.js';
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

/** R's quantile type 7 of a sorted array. */
function quantile7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  return lo + 1 < sorted.length ? a + (h - lo) * ((sorted[lo + 1] as number) - a) : a;
}

/** A bootstrap percentile interval for raw alpha. */
export interface AlphaBootstrap {
  readonly lower: number;
  readonly upper: number;
  readonly standardError: number;
  /** Resamples that gave a defined alpha (a resample with a constant item or a pair with < 2 common answers is skipped). */
  readonly resamples: number;
  readonly requested: number;
  readonly seed: Seed;
}

/**
 * Percentile bootstrap of raw alpha by case resampling (`resamples` draws of n rows with
 * replacement from the seeded stream), each resample's alpha computed from its own covariance
 * matrix with the same missing-data rule as the estimate (pairwise, as psych's `n.iter`
 * bootstrap does). Complete data need only tr C and ΣC = var(row sums): O(n·k) per resample;
 * with missing responses every pairwise covariance is accumulated: O(n·k²). Buffers are allocated
 * once; the loop allocates nothing. Quantiles are R's type 7.
 */
export function bootstrapAlpha(columns: readonly Float64Array[], n: number, resamples: number, seed: Seed, confidence: number): AlphaBootstrap {
  const k = columns.length;
  // Row-major copy, shifted by each item's mean so the one-pass sums below stay accurate.
  const data = new Float64Array(n * k);
  let complete = true;
  for (let j = 0; j < k; j++) {
    const col = columns[j] as Float64Array;
    let s = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i] as number;
      if (v === v) {
        s += v;
        c++;
      } else complete = false;
    }
    const m = s / c;
    for (let i = 0; i < n; i++) data[i * k + j] = (col[i] as number) - m;
  }
  const rng = randomStream(seed);
  const idx = new Int32Array(n);
  const values = new Float64Array(resamples);
  let used = 0;
  const sj = new Float64Array(k);
  const sjj = new Float64Array(k);
  const kk = k * k;
  const cnt = new Float64Array(kk);
  const sa = new Float64Array(kk);
  const sb = new Float64Array(kk);
  const sab = new Float64Array(kk);
  for (let b = 0; b < resamples; b++) {
    bootstrapIndices(rng, n, idx);
    let trace = 0;
    let sum = 0;
    let ok = true;
    if (complete) {
      sj.fill(0);
      sjj.fill(0);
      let st = 0;
      let stt = 0;
      for (let i = 0; i < n; i++) {
        const base = (idx[i] as number) * k;
        let t = 0;
        for (let j = 0; j < k; j++) {
          const v = data[base + j] as number;
          t += v;
          sj[j] = (sj[j] as number) + v;
          sjj[j] = (sjj[j] as number) + v * v;
        }
        st += t;
        stt += t * t;
      }
      for (let j = 0; j < k; j++) {
        const v = ((sjj[j] as number) - (sj[j] as number) ** 2 / n) / (n - 1);
        if (!(v > 0)) ok = false;
        trace += v;
      }
      sum = (stt - (st * st) / n) / (n - 1);
    } else {
      cnt.fill(0);
      sa.fill(0);
      sb.fill(0);
      sab.fill(0);
      for (let i = 0; i < n; i++) {
        const base = (idx[i] as number) * k;
        for (let a = 0; a < k; a++) {
          const va = data[base + a] as number;
          if (va !== va) continue;
          const row = a * k;
          for (let c = a; c < k; c++) {
            const vc = data[base + c] as number;
            if (vc !== vc) continue;
            cnt[row + c] = (cnt[row + c] as number) + 1;
            sa[row + c] = (sa[row + c] as number) + va;
            sb[row + c] = (sb[row + c] as number) + vc;
            sab[row + c] = (sab[row + c] as number) + va * vc;
          }
        }
      }
      for (let a = 0; a < k && ok; a++) {
        for (let c = a; c < k; c++) {
          const at = a * k + c;
          const m = cnt[at] as number;
          if (m < 2) {
            ok = false;
            break;
          }
          const cov = ((sab[at] as number) - ((sa[at] as number) * (sb[at] as number)) / m) / (m - 1);
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
  if (used < 2) {
    throw fail('TOO_FEW_CASES', `Only ${used} of ${resamples} bootstrap resamples gave a defined alpha; the data are too sparse to bootstrap.`, {
      resamples: used,
    });
  }
  const valid = values.subarray(0, used).sort();
  let mean = 0;
  for (let i = 0; i < used; i++) mean += valid[i] as number;
  mean /= used;
  let ss = 0;
  for (let i = 0; i < used; i++) ss += ((valid[i] as number) - mean) ** 2;
  const p = 1 - confidence;
  return {
    lower: quantile7(valid, p / 2),
    upper: quantile7(valid, 1 - p / 2),
    standardError: Math.sqrt(ss / (used - 1)),
    resamples: used,
    requested: resamples,
    seed,
  };
}
