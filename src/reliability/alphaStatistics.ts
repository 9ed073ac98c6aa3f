import { covarianceToCorrelation } from '../linalg/covariance.js';
import { squaredMultipleCorrelations } from './smc.js';

/** Raw alpha from tr(C) and ΣC: α = k/(k − 1) · (1 − tr C / ΣC). */
export function alphaFromSums(trace: number, sum: number, k: number): number {
  return (1 - trace / sum) * (k / (k - 1));
}

/** Everything psych::alpha derives from the item covariance matrix. */
export interface CovarianceAlphaStatistics {
  readonly alpha: number;
  readonly standardizedAlpha: number;
  readonly lambda6: number;
  readonly averageR: number;
  readonly signalToNoise: number;
  /** Q of Duhachek & Iacobucci (2004); ase = √(Q/n). */
  readonly q: number;
  /** tr C and ΣC (the variance of the items' sum score, with complete rows). */
  readonly trace: number;
  readonly total: number;
  readonly sd: Float64Array;
  readonly rCorrected: Float64Array;
  /** psych's raw.r when every response is present: the item–mean correlation colSumᵢ/√(Cᵢᵢ·ΣC). */
  readonly rTotalComplete: Float64Array;
  readonly rRest: Float64Array;
  readonly alphaIfItemDeleted: Float64Array;
  readonly standardizedAlphaIfItemDeleted: Float64Array;
  readonly smcSingular: boolean;
  readonly smcClipped: boolean;
  readonly indefinite: boolean;
}

/**
 * The statistics of psych::alpha (2.2.9) that depend only on the k × k item covariance matrix C
 * (row-major), with R = cov2cor(C) and row/column sums computed once, so every per-item
 * statistic is O(k) after an O(k²) pass (plus the O(k³) SMC eigendecomposition):
 *
 * - α = k/(k−1)·(1 − tr C/ΣC); standardized α = k/(k−1)·(1 − k/ΣR)
 * - λ6 = 1 − (k − Σ SMC)/ΣR (Guttman's G6 with SMCs); r̄ = (ΣR − k)/(k(k−1)); S/N = k·r̄/(1 − r̄)
 * - Q = 2k²/((k−1)²(ΣC)³) · (ΣC·(tr C² + (tr C)²) − 2·tr C·Σ(C·C))
 * - item i deleted: ΣC₋ᵢ = ΣC − 2·colSumᵢ + Cᵢᵢ, tr C₋ᵢ = tr C − Cᵢᵢ (same for R);
 *   for k = 2 psych reports C₁₂/C₂₂, C₁₂/C₁₁ (raw) and R₁₂ (standardized) instead
 * - r.drop (rest) = (colSumᵢ − Cᵢᵢ)/√(Cᵢᵢ·ΣC₋ᵢ); r.cor = colSum(RC)ᵢ/√ΣRC with RC = R, diag = SMC
 */
export function covarianceAlphaStatistics(c: Float64Array, k: number, names: readonly string[]): CovarianceAlphaStatistics {
  const r = covarianceToCorrelation(c, k, names);
  const colC = new Float64Array(k);
  const colR = new Float64Array(k);
  let sumC = 0;
  let sumR = 0;
  let trace = 0;
  // Q below is scale-free (degree 3 over degree 3 in C): its squares are formed of C/scale so that
  // items of magnitude 1e50 (C ~ 1e100) do not overflow to ∞ − ∞.
  let scale = 0;
  for (let a = 0; a < k; a++) scale = Math.max(scale, c[a * k + a] as number);
  if (!(scale > 0 && scale < Infinity)) scale = 1;
  let traceCC = 0; // tr(C·C) = Σ C²ᵢⱼ for symmetric C, of C/scale
  for (let a = 0; a < k; a++) {
    let sc = 0;
    let sr = 0;
    for (let b = 0; b < k; b++) {
      const v = c[a * k + b] as number;
      sc += v;
      sr += r[a * k + b] as number;
      traceCC += (v / scale) ** 2;
    }
    colC[a] = sc;
    colR[a] = sr;
    sumC += sc;
    sumR += sr;
    trace += c[a * k + a] as number;
  }
  let sumCC = 0; // Σ(C·C) = ‖C·1‖², of C/scale
  for (let a = 0; a < k; a++) sumCC += ((colC[a] as number) / scale) ** 2;

  const { smc, singular, clipped, indefinite } = squaredMultipleCorrelations(r, k);
  let sumSmc = 0;
  for (let a = 0; a < k; a++) sumSmc += smc[a] as number;

  const alpha = alphaFromSums(trace, sumC, k);
  const standardizedAlpha = (1 - k / sumR) * (k / (k - 1));
  const lambda6 = 1 - (k - sumSmc) / sumR;
  const averageR = (sumR - k) / (k * (k - 1));
  const signalToNoise = (k * averageR) / (1 - averageR);
  // The bracket is 0 for identical items (α = 1): a difference of two equal terms, which rounding
  // can leave slightly negative (√ of it was NaN). Within rounding of those terms it is 0.
  const sumS = sumC / scale;
  const traceS = trace / scale;
  const first = sumS * (traceCC + traceS * traceS);
  const second = 2 * traceS * sumCC;
  const bracket = Math.abs(first - second) <= 1e-12 * Math.max(Math.abs(first), Math.abs(second)) ? 0 : first - second;
  const q = ((2 * k * k) / ((k - 1) ** 2 * sumS ** 3)) * bracket;

  const sd = new Float64Array(k);
  const rCorrected = new Float64Array(k);
  const rTotalComplete = new Float64Array(k);
  const rRest = new Float64Array(k);
  const alphaIfItemDeleted = new Float64Array(k);
  const standardizedAlphaIfItemDeleted = new Float64Array(k);
  const sumRC = sumR - k + sumSmc;
  for (let i = 0; i < k; i++) {
    const cii = c[i * k + i] as number;
    sd[i] = Math.sqrt(cii);
    const restSum = sumC - 2 * (colC[i] as number) + cii;
    rRest[i] = ((colC[i] as number) - cii) / Math.sqrt(cii * restSum);
    rCorrected[i] = ((colR[i] as number) - 1 + (smc[i] as number)) / Math.sqrt(sumRC);
    // With complete rows the mean score is ΣC/k-scaled: cov(mean, xᵢ) = colSumᵢ/k, var(mean) = ΣC/k².
    rTotalComplete[i] = (colC[i] as number) / Math.sqrt(cii * sumC);
    if (k > 2) {
      alphaIfItemDeleted[i] = alphaFromSums(trace - cii, restSum, k - 1);
      const restR = sumR - 2 * (colR[i] as number) + 1;
      standardizedAlphaIfItemDeleted[i] = (1 - (k - 1) / restR) * ((k - 1) / (k - 2));
    }
  }
  if (k === 2) {
    // psych's convention for two items (alpha of one item is undefined).
    const c12 = c[1] as number;
    alphaIfItemDeleted[0] = c12 / (c[3] as number);
    alphaIfItemDeleted[1] = c12 / (c[0] as number);
    standardizedAlphaIfItemDeleted[0] = r[1] as number;
    standardizedAlphaIfItemDeleted[1] = r[1] as number;
  }
  return {
    alpha,
    standardizedAlpha,
    lambda6,
    averageR,
    signalToNoise,
    q,
    trace,
    total: sumC,
    sd,
    rCorrected,
    rTotalComplete,
    rRest,
    alphaIfItemDeleted,
    standardizedAlphaIfItemDeleted,
    smcSingular: singular,
    smcClipped: clipped,
    indefinite,
  };
}
