import { chiSquareSurvival } from '../probability/index.js';
import { decreasingRoot, noncentralChiSquareCdf } from '../factor/noncentral.js';

// lavaan's fitMeasures for ML (lav_fit_*): χ² = N·F; the baseline is the independence model
// (each variable its own variance; exogenous covariates keep their sample covariances under
// fixed.x); RMSEA with N, not N − 1, and its 90% interval by inverting the noncentral χ²;
// SRMR as Bentler's (residuals scaled by the sample SDs, over the p(p + 1)/2 moments, plus the
// means under a mean structure).

/** The RMSEA, its interval and the tests of close and not-close fit. */
export interface Rmsea {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** Level of the interval (0.90, as lavaan). */
  readonly confidence: number;
  /** P(RMSEA ≤ 0.05): lavaan's `rmsea.pvalue` (null for a saturated model, df = 0). */
  readonly pClose: number | null;
  /** P(RMSEA ≥ 0.08): lavaan's `rmsea.notclose.pvalue` (null when df = 0). */
  readonly pNotClose: number | null;
}

/** Fit measures of a CFA/SEM (lavaan's `fitMeasures` names in camelCase, in the docs' table). */
export interface SemFitMeasures {
  /** Free parameters (lavaan's `npar`). */
  readonly npar: number;
  /** lavaan's `fmin`: F/2. */
  readonly fmin: number;
  readonly chiSquare: number;
  readonly df: number;
  /** p of the χ² test; null for a saturated model (df = 0). */
  readonly p: number | null;
  readonly baseline: { readonly chiSquare: number; readonly df: number; readonly p: number };
  readonly cfi: number;
  readonly tli: number;
  readonly nfi: number | null;
  readonly rfi: number | null;
  readonly ifi: number | null;
  readonly rni: number | null;
  /** Log-likelihoods and information criteria: null under WLSMV (no likelihood; lavaan prints NA). */
  readonly logLikelihood: number | null;
  readonly unrestrictedLogLikelihood: number | null;
  readonly aic: number | null;
  readonly bic: number | null;
  /** Sample-size-adjusted BIC (lavaan's `bic2`: N replaced by (N + 2)/24). */
  readonly sabic: number | null;
  readonly rmsea: Rmsea;
  /** Root mean square residual (raw covariances). */
  readonly rmr: number;
  /** Standardized root mean square residual (lavaan's `srmr`, Bentler's). */
  readonly srmr: number;
  /** Under MLR the Yuan–Bentler scaled test, under WLSMV the mean-and-variance adjusted one, and the indices computed from it (lavaan's `*.scaled`); null under ML. */
  readonly scaled: ScaledFit | null;
  /** The robust CFI, TLI and RMSEA (lavaan's `*.robust`): under MLR Brosseau-Liard, Savalei and Li's, under WLSMV Savalei's (2021; null when the polychoric matrix is not positive definite); null under ML. */
  readonly robust: RobustFit | null;
}

/** The scaled χ² test and the fit indices computed from it (lavaan's `chisq.scaled`, `cfi.scaled`, …). */
export interface ScaledFit {
  readonly chiSquare: number;
  readonly df: number;
  readonly p: number | null;
  /** The scaling factor c: χ²_scaled = χ² / c under MLR, a·χ² + b with a = 1/c under WLSMV (lavaan's `chisq.scaling.factor`). */
  readonly scalingFactor: number;
  /** WLSMV's shift b of the mean-and-variance adjusted test (lavaan's `shift.parameter`); null under MLR. */
  readonly shift: number | null;
  readonly baseline: { readonly chiSquare: number; readonly df: number; readonly p: number; readonly scalingFactor: number };
  readonly cfi: number;
  readonly tli: number;
  readonly nfi: number | null;
  readonly rfi: number | null;
  readonly ifi: number | null;
  readonly rni: number | null;
  readonly rmsea: Rmsea;
}

/** Robust incremental indices and RMSEA (lavaan's `cfi.robust`, `tli.robust`, `rmsea.robust`, …). */
export interface RobustFit {
  readonly cfi: number;
  readonly tli: number;
  readonly rni: number | null;
  readonly rmsea: Rmsea;
}

/** One group's moments for the fit measures. */
export interface GroupFitInput {
  readonly n: number;
  readonly p: number;
  readonly sigma: Float64Array;
  readonly mu: Float64Array | null;
  readonly sample: { readonly covariance: Float64Array; readonly mean: Float64Array; readonly logDet: number };
  /** Indices of the exogenous covariates (fixed.x), whose moments are not modelled. */
  readonly exogenous: readonly number[];
  /**
   * Under FIML: the log-likelihoods of the model (H0), the saturated model (H1, by EM) and the
   * independence model; χ² = 2(H1 − H0). `sample` then holds the H1 moments. Absent for complete data.
   */
  readonly likelihoods?: { readonly h0: number; readonly h1: number; readonly baseline: number };
}

export interface FitInput {
  readonly npar: number;
  /** F at the estimates (Σ (n_g/N) F_g over groups). */
  readonly discrepancy: number;
  readonly groups: readonly GroupFitInput[];
  /** Under MLR: the Yuan–Bentler scaling factors of the model and the baseline. */
  readonly scaling: { readonly model: number | null; readonly baseline: number | null } | null;
}

/** The baseline model's df and χ², needed before the scaling factors are known. */
export function baselineDegrees(p: number, exogenous: number, means: boolean): number {
  const moments = (p * (p + 1)) / 2 + (means ? p : 0) - ((exogenous * (exogenous + 1)) / 2 + (means ? exogenous : 0));
  return moments - (p - exogenous) * (means ? 2 : 1);
}

function scaledFit(chi: number, df: number, baselineChi: number, baselineDf: number, n: number, scaling: FitInput['scaling'], groups: number): ScaledFit | null {
  if (scaling === null || scaling.model === null || scaling.baseline === null) return null;
  const c = scaling.model;
  const cB = scaling.baseline;
  const chiSquare = chi / c;
  const baselineScaled = baselineChi / cB;
  return {
    chiSquare,
    df,
    p: chiSquareSurvival(chiSquare, df),
    scalingFactor: c,
    shift: null,
    baseline: { chiSquare: baselineScaled, df: baselineDf, p: chiSquareSurvival(baselineScaled, baselineDf), scalingFactor: cB },
    ...incremental(chiSquare, df, baselineScaled, baselineDf),
    // lavaan refers the unscaled χ² to df·c degrees of freedom (tr(UΓ)): the same estimate as
    // χ²_scaled on df, but its own interval and tests.
    rmsea: rmseaOf(chi, df * c, n, 1, groups),
  };
}

function robustFit(chi: number, df: number, baselineChi: number, baselineDf: number, n: number, scaling: FitInput['scaling'], groups: number): RobustFit | null {
  if (scaling === null || scaling.model === null || scaling.baseline === null) return null;
  const { cfi, tli, rni } = incremental(chi, df, baselineChi, baselineDf, scaling.model, scaling.baseline);
  return { cfi, tli, rni, rmsea: rmseaOf(chi / scaling.model, df, n, scaling.model, groups) };
}

const LOG_2PI = Math.log(2 * Math.PI);

/** log-determinant of the block of a symmetric positive-definite matrix on `idx` (small: the exogenous covariates). */
function logDetOf(matrix: Float64Array, idx: readonly number[]): number {
  const k = idx.length;
  const p = Math.round(Math.sqrt(matrix.length));
  const a = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) a[i * k + j] = matrix[(idx[i] as number) * p + (idx[j] as number)] as number;
  let logDet = 0;
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j] as number;
    for (let r = 0; r < j; r++) d -= (a[j * k + r] as number) ** 2;
    const l = Math.sqrt(d);
    a[j * k + j] = l;
    logDet += 2 * Math.log(l);
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j] as number;
      for (let r = 0; r < j; r++) s -= (a[i * k + r] as number) * (a[j * k + r] as number);
      a[i * k + j] = s / l;
    }
  }
  return logDet;
}

/**
 * RMSEA and its interval from a χ² (lavaan's lav_fit_rmsea): with a scaling factor c (robust
 * RMSEA) the noncentrality is c·λ and the close-fit tests use N·df·ε²/c.
 */
export function rmseaOf(chi: number, df: number, n: number, c = 1, groups = 1): Rmsea {
  const confidence = 0.9;
  // With c, `chi` is the scaled χ²: the robust RMSEA is √c times the scaled one. With G groups
  // every RMSEA is multiplied by √G and the close-fit tests' noncentrality divided by G
  // (Steiger 1998; Dudgeon 2004, eq. 16; as lavaan).
  const g = Math.sqrt(groups);
  const estimate = df > 0 ? g * Math.sqrt(c) * Math.sqrt(Math.max(0, chi / n / df - 1 / n)) : 0;
  const bound = (level: number): number => {
    const f = (ncp: number) => noncentralChiSquareCdf(chi, df, ncp) - level;
    if (!(df > 0) || f(0) < 0) return 0;
    // Widen until the cdf falls below the level (lavaan searches 0 … χ², then wider).
    let hi = Math.max(chi, 1);
    while (f(hi) > 0) hi *= 2;
    return g * Math.sqrt((c * decreasingRoot(f, 0, hi)) / (n * df));
  };
  const pAt = (h0: number) => noncentralChiSquareCdf(chi, df, (n * df * h0 * h0) / c / groups);
  return {
    estimate,
    lower: bound((1 + confidence) / 2),
    upper: bound((1 - confidence) / 2),
    confidence,
    pClose: df > 0 ? 1 - pAt(0.05) : null,
    pNotClose: df > 0 ? pAt(0.08) : null,
  };
}

export interface Incremental {
  cfi: number;
  tli: number;
  nfi: number | null;
  rfi: number | null;
  ifi: number | null;
  rni: number | null;
}

/** CFI, TLI, NFI, RFI, IFI, RNI (lavaan's lav_fit_cfi and friends); c and cB: robust scaling (lavaan's c.hat). */
export function incremental(chi: number, df: number, baselineChi: number, baselineDf: number, c = 1, cB = 1): Incremental {
  const robust = c !== 1 || cB !== 1;
  const t1 = Math.max(chi - c * df, 0);
  const t2 = Math.max(chi - c * df, baselineChi - cB * baselineDf, 0);
  const cfi = t1 === 0 && t2 === 0 ? 1 : 1 - t1 / t2;
  const tliT1 = (chi - c * df) * baselineDf;
  const tliT2 = (baselineChi - cB * baselineDf) * df;
  const tli = df > 0 && Math.abs(tliT2) > 0 ? 1 - tliT1 / tliT2 : 1;
  const rniT2 = baselineChi - cB * baselineDf;
  const rni = rniT2 === 0 ? null : 1 - (chi - c * df) / rniT2;
  if (robust) return { cfi, tli, rni, nfi: null, rfi: null, ifi: null };
  const nfi = df > baselineDf ? null : df > 0 ? (baselineChi - chi) / baselineChi : 1;
  let rfi: number | null = 1;
  if (df > baselineDf) rfi = null;
  else if (df > 0 && baselineDf > 0) {
    const a = baselineChi / baselineDf - chi / df;
    const b = baselineChi / baselineDf;
    rfi = a < 0 || b < 0 ? 1 : a / b;
  }
  const ifiT2 = baselineChi - df;
  const ifi = ifiT2 < 0 ? 1 : ifiT2 === 0 ? null : (baselineChi - chi) / ifiT2;
  return { cfi, tli, nfi, rfi, ifi, rni };
}

/** One group's χ² pieces, log-likelihoods and residual sums. */
function groupPieces(input: GroupFitInput, discrepancy: number | null) {
  const { n, p, sample, sigma, exogenous } = input;
  const px = exogenous.length;
  const means = input.mu !== null;
  const moments = (p * (p + 1)) / 2 + (means ? p : 0) - ((px * (px + 1)) / 2 + (means ? px : 0));
  const ll = input.likelihoods;
  // Independence model: diagonal Σ (exogenous block kept), means saturated.
  const isX = new Set(exogenous);
  let logDetBaseline = px > 0 ? logDetOf(sample.covariance, exogenous) : 0;
  for (let i = 0; i < p; i++) if (!isX.has(i)) logDetBaseline += Math.log(sample.covariance[i * p + i] as number);
  const baselineChi = ll !== undefined ? 2 * (ll.h1 - ll.baseline) : n * (logDetBaseline - sample.logDet);
  const baselineDf = moments - (p - px) * (means ? 2 : 1);
  // Log-likelihoods, conditional on the exogenous covariates under fixed.x (as lavaan): their
  // marginal log-likelihood, fitted exactly by both models, is taken out.
  const marginalX = px > 0 ? (-n / 2) * (px * LOG_2PI + logDetOf(sample.covariance, exogenous) + px) : 0;
  const unrestricted = ll !== undefined ? ll.h1 : (-n / 2) * (p * LOG_2PI + sample.logDet + p) - marginalX;
  // Residuals: raw and standardized by the sample SDs.
  let rmrSum = 0;
  let srmrSum = 0;
  let count = 0;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      const r = (sample.covariance[i * p + j] as number) - (sigma[i * p + j] as number);
      rmrSum += r * r;
      srmrSum += (r * r) / ((sample.covariance[i * p + i] as number) * (sample.covariance[j * p + j] as number));
      count++;
    }
  }
  if (means) {
    for (let i = 0; i < p; i++) {
      const r = (sample.mean[i] as number) - (input.mu![i] as number);
      rmrSum += r * r;
      srmrSum += (r * r) / (sample.covariance[i * p + i] as number);
      count++;
    }
  }
  return { moments, baselineChi, baselineDf, unrestricted, h0: ll?.h0 ?? null, discrepancy, rmr: Math.sqrt(rmrSum / count), srmr: Math.sqrt(srmrSum / count) };
}

/**
 * Every fit measure of an ML fit. With several groups (lavaan's rules): χ², df, the baseline and
 * the log-likelihoods add over groups; RMR and SRMR are the n_g/N-weighted means of the groups'
 * values; the RMSEA carries lavaan's √G factor.
 */
export function fitMeasures(input: FitInput): SemFitMeasures {
  const { npar, discrepancy } = input;
  const G = input.groups.length;
  const n = input.groups.reduce((s, g) => s + g.n, 0);
  const pieces = input.groups.map((g) => groupPieces(g, null));
  const withLikelihoods = pieces.every((x) => x.h0 !== null);
  const sum = (f: (x: (typeof pieces)[number]) => number) => pieces.reduce((s, x) => s + f(x), 0);
  const unrestrictedLogLikelihood = sum((x) => x.unrestricted);
  const chiSquare = withLikelihoods ? 2 * (unrestrictedLogLikelihood - sum((x) => x.h0!)) : n * discrepancy;
  const df = sum((x) => x.moments) - npar;
  const baselineChi = sum((x) => x.baselineChi);
  const baselineDf = sum((x) => x.baselineDf);
  const { cfi, tli, nfi, rfi, ifi, rni } = incremental(chiSquare, df, baselineChi, baselineDf);
  const logLikelihood = withLikelihoods ? sum((x) => x.h0!) : unrestrictedLogLikelihood - (n / 2) * discrepancy;
  const weighted = (f: (x: (typeof pieces)[number]) => number) => input.groups.reduce((s, g, i) => s + (g.n / n) * f(pieces[i]!), 0);
  return {
    npar,
    fmin: chiSquare / (2 * n),
    chiSquare,
    df,
    p: df > 0 ? chiSquareSurvival(chiSquare, df) : null,
    baseline: { chiSquare: baselineChi, df: baselineDf, p: chiSquareSurvival(baselineChi, baselineDf) },
    cfi,
    tli,
    nfi,
    rfi,
    ifi,
    rni,
    logLikelihood,
    unrestrictedLogLikelihood,
    aic: -2 * logLikelihood + 2 * npar,
    bic: -2 * logLikelihood + npar * Math.log(n),
    sabic: -2 * logLikelihood + npar * Math.log((n + 2) / 24),
    rmsea: rmseaOf(chiSquare, df, n, 1, G),
    rmr: weighted((x) => x.rmr),
    srmr: weighted((x) => x.srmr),
    scaled: scaledFit(chiSquare, df, baselineChi, baselineDf, n, input.scaling, G),
    robust: robustFit(chiSquare, df, baselineChi, baselineDf, n, input.scaling, G),
  };
}
