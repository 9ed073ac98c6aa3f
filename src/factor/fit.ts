import { chiSquareSurvival, chiSquareCdf } from '../probability/index.js';
import type { PsychkitWarning } from '../errors.js';
import { mirrorTriangle, multiplyInto, tcrossprodInto } from '../linalg/products.js';
import { choleskyInPlace, choleskySolveInPlace } from '../linalg/solve.js';
import { smoothCorrelation } from './smooth.js';
import { decreasingRoot, noncentralChiSquareCdf } from './noncentral.js';

// Goodness of fit of a factor model, as psych::factor.stats (which psych::fa calls).

/** Likelihood-based fit indices; present when the sample size is known. */
export interface FactorFitIndices {
  /** χ² = F·((n − 1) − (2p + 5)/6 − 2k/3), F the ML discrepancy of the model (Bartlett's correction). */
  readonly chiSquare: number;
  readonly df: number;
  /** Upper-tail p of χ² on df (null when df ≤ 0). */
  readonly p: number | null;
  /** RMSEA = √max(χ²/(df·n) − 1/(n − 1), 0) with its confidence interval (null when df ≤ 0). */
  readonly rmsea: { readonly estimate: number; readonly lower: number | null; readonly upper: number | null; readonly confidence: number } | null;
  /**
   * Tucker–Lewis index from the per-df discrepancies of the null and fitted models (null when
   * df ≤ 0: the fitted model's F/df is 0/0, which psych reports as ±Inf or NaN).
   */
  readonly tli: number | null;
  /** χ² − df·ln n (null when df ≤ 0). */
  readonly bic: number | null;
  /** χ² of the independence model, F₀·((n − 1) − (2p + 5)/6), on p(p − 1)/2 df. */
  readonly nullChiSquare: number;
  readonly nullDf: number;
  /** "Empirical" χ²: Σ off-diagonal residual² × n (or × pairwise n). */
  readonly empiricalChiSquare: number;
  readonly empiricalP: number | null;
}

export interface FitComputation {
  /** p × p residual correlations R − L·Φ·Lᵀ (diagonal = uniquenesses). */
  readonly residuals: Float64Array;
  /** √(Σ off-diagonal residual² / (p(p − 1))), pairwise-n weighted for raw data as psych. */
  readonly rmsr: number;
  readonly df: number;
  /** ML discrepancy F = tr(M⁻¹R) − ln det(M⁻¹R) − p of the model M. */
  readonly objective: number;
  readonly indices: FactorFitIndices | null;
  readonly warnings: PsychkitWarning[];
}

/** ln det and the Cholesky factor of a PD matrix, or null. */
function cholesky(m: Float64Array, p: number): { l: Float64Array; logDet: number } | null {
  const l = Float64Array.from(m);
  if (!choleskyInPlace(l, p)) return null;
  let logDet = 0;
  for (let i = 0; i < p; i++) logDet += 2 * Math.log(l[i * p + i] as number);
  return { l, logDet };
}

/**
 * Residuals, RMSR and likelihood fit of the factor model L·Φ·Lᵀ for correlation matrix r,
 * as psych::factor.stats. `pairwiseN` (p × p) weights the empirical statistics for raw-data
 * input, as psych does with `np.obs`.
 *
 * Smoothing follows factor.stats (psych 2.2.9): residuals, RMSR and the empirical χ² use r as
 * given; the ML objective (hence χ², RMSEA, TLI, BIC) and the null model use
 * psych::cor.smooth(r) when `smooth` (psych's default) and the model matrix, its diagonal set to
 * r's, is always passed through cor.smooth. cor.smooth changes a matrix only when its smallest
 * eigenvalue is below machine epsilon.
 */
export function factorFit(
  r: Float64Array,
  p: number,
  loadings: Float64Array,
  phi: Float64Array,
  k: number,
  n: number | null,
  pairwiseN: Float64Array | null,
  confidence = 0.9,
  smooth = true,
): FitComputation {
  const warnings: PsychkitWarning[] = [];
  // model = L Φ Lᵀ
  const lp = new Float64Array(p * k);
  multiplyInto(loadings, phi, p, k, k, lp);
  const model = new Float64Array(p * p);
  tcrossprodInto(lp, loadings, p, k, p, model);
  mirrorTriangle(model, p, 'lower');
  const residuals = new Float64Array(p * p);
  for (let t = 0; t < p * p; t++) residuals[t] = (r[t] as number) - (model[t] as number);
  const df = (p * (p - 1)) / 2 - p * k + (k * (k - 1)) / 2;
  let rstarOff = 0;
  let nh = n ?? Number.NaN;
  if (pairwiseN) {
    let inv = 0;
    for (let t = 0; t < p * p; t++) inv += 1 / (pairwiseN[t] as number);
    nh = (p * p) / inv;
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) if (i !== j) rstarOff += (residuals[i * p + j] as number) ** 2 * (pairwiseN[i * p + j] as number);
  } else {
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) if (i !== j) rstarOff += (residuals[i * p + j] as number) ** 2;
  }
  const rmsr = pairwiseN ? Math.sqrt(rstarOff / (nh * p * (p - 1))) : Math.sqrt(rstarOff / (p * (p - 1)));

  // ML discrepancy with the model's diagonal set to R's, both smoothed if not positive definite.
  for (let i = 0; i < p; i++) model[i * p + i] = r[i * p + i] as number;
  const smoothedModel = smoothCorrelation(model, p);
  let modelSmoothed = smoothedModel.smoothed;
  let M = smoothedModel.matrix;
  const smoothedR = smooth ? smoothCorrelation(r, p) : { matrix: r, smoothed: false };
  let R = smoothedR.matrix;
  let rSmoothed = smoothedR.smoothed;
  let cm = cholesky(M, p);
  let cr = cholesky(R, p);
  // Singular to rounding but above psych's eigenvalue test: smooth anyway rather than return NaN.
  if (cm === null) {
    M = smoothCorrelation(M, p, true).matrix;
    modelSmoothed = true;
    cm = cholesky(M, p);
  }
  if (cr === null && smooth) {
    R = smoothCorrelation(R, p, true).matrix;
    rSmoothed = true;
    cr = cholesky(R, p);
  }
  if (rSmoothed) {
    warnings.push({
      code: 'CORRELATION_SMOOTHED',
      message:
        'The correlation matrix is not positive definite. It was factored as given; only the likelihood-based fit statistics (objective, χ², RMSEA, TLI, BIC) use the smoothed matrix (psych::cor.smooth), as psych::fa does.',
    });
  }
  if (modelSmoothed) warnings.push({ code: 'MODEL_SMOOTHED', message: 'The model correlation matrix was not positive definite and was smoothed (psych::cor.smooth) before computing χ².' });
  let objective = Number.NaN;
  let f0 = Number.NaN;
  if (cm && cr) {
    let trace = 0;
    const col = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      for (let i = 0; i < p; i++) col[i] = R[i * p + j] as number;
      choleskySolveInPlace(cm.l, p, col);
      trace += col[j] as number;
    }
    objective = trace - (cr.logDet - cm.logDet) - p;
    let trR = 0;
    for (let i = 0; i < p; i++) trR += R[i * p + i] as number;
    f0 = trR - cr.logDet - p;
  }
  let indices: FactorFitIndices | null = null;
  if (n !== null) {
    const factor = n - 1 - (2 * p + 5) / 6 - (2 * k) / 3;
    const chi = Math.max(0, objective * factor);
    const empirical = pairwiseN ? rstarOff : rstarOff * n;
    // psych's empirical χ² sums both triangles of the off-diagonal residuals.
    const m0 = (f0 * 2) / (p * (p - 1));
    const tli = df > 0 ? (m0 - objective / df) / (m0 - 1 / factor) : null;
    let rmsea: FactorFitIndices['rmsea'] = null;
    if (df > 0) {
      const estimate = Math.sqrt(Math.max(chi / (df * n) - 1 / (n - 1), 0));
      const tail = (1 - confidence) / 2;
      const hi = Math.max(n, chi) + 2 * n;
      const cdf0 = chiSquareCdf(chi, df);
      let upper: number | null = 0;
      if (cdf0 > tail) {
        const g = (x: number) => noncentralChiSquareCdf(chi, df, x) - tail;
        upper = g(hi) > 0 ? null : Math.sqrt(decreasingRoot(g, 0, hi) / (n - 1) / df);
      }
      let lower: number | null = 0;
      if (cdf0 > 1 - tail) {
        const g = (x: number) => noncentralChiSquareCdf(chi, df, x) - (1 - tail);
        lower = g(hi) > 0 ? null : Math.sqrt(decreasingRoot(g, 0, hi) / (n - 1) / df);
      }
      if (upper !== null && upper < estimate) upper = null;
      if (lower !== null && lower > estimate) lower = null;
      rmsea = { estimate, lower, upper, confidence };
    }
    indices = {
      chiSquare: chi,
      df,
      p: df > 0 ? chiSquareSurvival(chi, df) : null,
      rmsea,
      tli,
      bic: df > 0 ? chi - df * Math.log(n) : null,
      nullChiSquare: f0 * (n - 1 - (2 * p + 5) / 6),
      nullDf: (p * (p - 1)) / 2,
      empiricalChiSquare: empirical,
      empiricalP: df > 0 ? chiSquareSurvival(empirical, df) : null,
    };
  }
  return { residuals, rmsr, df, objective, indices, warnings };
}
