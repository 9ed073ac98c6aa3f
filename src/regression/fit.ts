// Least squares on a design built by frame.ts: QR solve, classical and heteroskedasticity-
// consistent covariance matrices, and the model summary PROCESS prints.
import { fail, type PsychkitWarning } from '../errors.js';
import type { HcOption } from '../util/options.js';
import { mirrorTriangle, multiplyInto, tcrossprodInto } from '../linalg/products.js';
import { householderQr, qrLeastSquares, qrRInverse } from '../linalg/qr.js';
import { choleskyInPlace, choleskySolveInPlace } from '../linalg/solve.js';
import { fSurvival, tQuantile, tTwoSided } from '../probability/index.js';
import type { Design } from './frame.js';
import { plural } from '../util/text.js';

/** Standard errors: classical OLS, or one of the HC estimators of Long & Ervin (2000). */
export type StandardErrors = 'ols' | 'HC0' | 'HC1' | 'HC2' | 'HC3' | 'HC4';
export const STANDARD_ERRORS: readonly StandardErrors[] = ['ols', 'HC0', 'HC1', 'HC2', 'HC3', 'HC4'];

/** The estimator behind an `hc` option. */
export function standardErrorsOf(hc: HcOption): StandardErrors {
  return hc === 'none' ? 'ols' : hc;
}

/** A fitted linear model, in flat arrays (internal; public results are built from it). */
export interface LinearFit {
  readonly family: 'linear';
  readonly outcome: string;
  readonly names: readonly string[];
  readonly n: number;
  /** Number of coefficients, intercept included. */
  readonly k: number;
  readonly b: Float64Array;
  /** Coefficient covariance (k × k row-major) under `standardErrors`. */
  readonly covariance: Float64Array;
  readonly standardErrors: StandardErrors;
  readonly residualDf: number;
  readonly sse: number;
  readonly sst: number;
  readonly rSquared: number;
  readonly mse: number;
  /** Classical F for all slopes = 0. */
  readonly fOls: number;
  /** F reported: classical, or the Wald F from the HC covariance. */
  readonly f: number;
  /**
   * R's "essentially perfect fit" test (`summary.lm`): residual variance below 1e-30 of
   * mean(ŷ)² + var(ŷ). Standard errors, t and p are then rounding noise.
   */
  readonly perfectFit: boolean;
}

// Columns whose largest |value| lies outside [2⁻⁶⁴, 2⁶⁴] are fitted at unit scale: squares of data
// near 1e±300 would overflow or underflow (a NaN standard error), and scaling by a power of two is
// exact, so ordinary data are fitted exactly as before.
const SCALE_LIMIT = 2 ** 64;

/** A power of two s with max|v|/s in [1, 2), or 1 when the largest |value| is moderate (or 0). */
function columnScale(v: Float64Array, from: number, to: number): number {
  let largest = 0;
  for (let i = from; i < to; i++) largest = Math.max(largest, Math.abs(v[i] as number));
  if (largest === 0 || (largest >= 1 / SCALE_LIMIT && largest <= SCALE_LIMIT)) return 1;
  return 2 ** Math.max(-1022, Math.min(1023, Math.floor(Math.log2(largest))));
}

/**
 * Fits y on the design by Householder QR. A rank-deficient design throws `SINGULAR` naming the
 * aliased columns (those that are linear combinations of the columns before them, as R marks
 * them NA); fewer cases than coefficients + 1 throws `TOO_FEW_CASES`; an outcome that the
 * predictors reproduce exactly (every residual 0, so no standard error exists) throws
 * `ZERO_VARIANCE`. Columns of extreme magnitude are fitted at unit scale and the results scaled
 * back; results beyond the range of a double (data near 1e±150 and beyond) throw `NON_FINITE`.
 */
export function fitLinear(design: Design, y: Float64Array, outcome: string, standardErrors: StandardErrors): LinearFit {
  const { n, p: k } = design;
  const scales = Float64Array.from({ length: k }, (_, j) => (j === 0 ? 1 : columnScale(design.x, j * n, (j + 1) * n)));
  const yScale = columnScale(y, 0, n);
  if (yScale === 1 && scales.every((s) => s === 1)) return fitAtScale(design, y, outcome, standardErrors);
  const x = Float64Array.from(design.x);
  for (let j = 1; j < k; j++) {
    const s = scales[j] as number;
    if (s !== 1) for (let i = j * n; i < (j + 1) * n; i++) x[i] = (x[i] as number) / s;
  }
  const fit = fitAtScale({ ...design, x }, y.map((v) => v / yScale), outcome, standardErrors);
  // b = b′·s_y/s_j, V = V′·(s_y/s_i)(s_y/s_j), sums of squares × s_y²; R², F and t are scale-free.
  const ratio = (j: number) => yScale / (scales[j] as number);
  const b = fit.b.map((v, j) => v * ratio(j));
  const covariance = fit.covariance.map((v, t) => v * ratio(Math.floor(t / k)) * ratio(t % k));
  const sq = (v: number) => v * yScale * yScale;
  const out = { ...fit, b, covariance, sse: sq(fit.sse), sst: sq(fit.sst), mse: sq(fit.mse) };
  const variances = Array.from({ length: k }, (_, j) => out.covariance[j * k + j] as number);
  const finite = [...b, ...covariance, out.sse, out.sst, out.mse].every(Number.isFinite);
  if (!finite || variances.some((v) => !(v >= Number.MIN_VALUE * 2 ** 52))) {
    throw fail(
      'NON_FINITE',
      `The regression of "${outcome}" has coefficients, variances or sums of squares beyond the range of a double (the data reach magnitudes near 1e±150 or beyond); rescale the variables.`,
      { column: outcome },
    );
  }
  return out;
}

function fitAtScale(design: Design, y: Float64Array, outcome: string, standardErrors: StandardErrors): LinearFit {
  const { n, p: k, x, names } = design;
  if (n <= k) {
    throw fail('TOO_FEW_CASES', `The model for "${outcome}" has ${k} coefficients but only ${plural(n, 'complete case')}; at least ${k + 1} are needed.`, {
      column: outcome,
      n,
      parameters: k,
    });
  }
  if (y.every((v) => v === y[0])) {
    throw fail('ZERO_VARIANCE', `The outcome "${outcome}" is constant (${y[0]}) in the analysis sample of ${n} cases.`, { column: outcome, value: y[0] });
  }
  const qr = householderQr(x, n, k);
  if (qr.rank < k) {
    const aliased = Array.from(qr.aliased, (j) => names[j] as string);
    throw fail(
      'SINGULAR',
      `The design for "${outcome}" is rank-deficient: ${aliased.map((a) => `"${a}"`).join(', ')} ${aliased.length === 1 ? 'is a linear combination' : 'are linear combinations'} of the columns before ${aliased.length === 1 ? 'it' : 'them'} (perfect collinearity).`,
      { column: outcome, columns: aliased },
    );
  }
  const ls = qrLeastSquares(qr, y);
  const b = ls.coefficients;
  const df = n - k;
  const sse = ls.residualSumOfSquares;
  if (!(sse > 0)) {
    throw fail(
      'ZERO_VARIANCE',
      `"${outcome}" is reproduced exactly by ${k === 1 ? 'its mean' : 'the predictors'} (every residual is 0), so standard errors, t and p are undefined.`,
      { column: outcome },
    );
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i] as number;
  mean /= n;
  let sst = 0;
  for (let i = 0; i < n; i++) sst += ((y[i] as number) - mean) ** 2;
  const mse = sse / df;
  const rInv = qrRInverse(qr);
  let covariance: Float64Array;
  if (standardErrors === 'ols') {
    // (XᵀX)⁻¹·MSE = R⁻¹·R⁻ᵀ·MSE (R⁻¹ is upper triangular: its zeros add nothing to the sums).
    covariance = new Float64Array(k * k);
    tcrossprodInto(rInv, rInv, k, k, k, covariance);
    mirrorTriangle(covariance, k, 'upper');
    for (let t = 0; t < k * k; t++) covariance[t] = (covariance[t] as number) * mse;
  } else {
    covariance = sandwich(x, y, b, rInv, n, k, standardErrors);
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let m = j; m < k; m++) s += (rInv[j * k + m] as number) ** 2;
      // Relative to the classical variance s·MSE: the cases that determine coefficient j all have
      // residual 0, so its HC variance is 0 up to rounding (R's vcovHC gives NaN standard errors).
      if (!((covariance[j * k + j] as number) > 1e-10 * s * mse)) {
        throw fail(
          'SINGULAR',
          `The ${standardErrors} covariance matrix of "${outcome}" is singular: the variance of "${names[j]}" is 0 (the cases that determine it all fit exactly), so its standard error is undefined. Use hc: 'none'.`,
          { column: outcome, columns: [names[j] as string], option: 'hc' },
        );
      }
    }
  }
  const rSquared = sst > 0 ? 1 - sse / sst : 0;
  const df1 = k - 1;
  const fOls = df1 > 0 ? (sst - sse) / df1 / mse : Number.NaN;
  const f = standardErrors === 'ols' ? fOls : waldF(b, covariance, k, outcome);
  // With an intercept mean(ŷ) = ȳ and var(ŷ) = (SST − SSE)/(n − 1).
  const perfectFit = mse < (mean * mean + Math.max(0, sst - sse) / (n - 1)) * 1e-30;
  return { family: 'linear', outcome, names, n, k, b, covariance, standardErrors, residualDf: df, sse, sst, rSquared, mse, fOls, f, perfectFit };
}

/**
 * HC covariance (XᵀX)⁻¹·Xᵀ·Ω·X·(XᵀX)⁻¹ computed as R⁻¹·(UᵀΩU)·R⁻ᵀ with U = X·R⁻¹ (the thin Q), so
 * leverages are hᵢ = ‖Uᵢ‖². Ω = diag(ωᵢ): HC0 eᵢ², HC1 eᵢ²·n/(n−k), HC2 eᵢ²/(1−hᵢ), HC3 eᵢ²/(1−hᵢ)²,
 * HC4 eᵢ²/(1−hᵢ)^δᵢ with δᵢ = min(4, n·hᵢ/k) — as sandwich::vcovHC.
 */
function sandwich(x: Float64Array, y: Float64Array, b: Float64Array, rInv: Float64Array, n: number, k: number, type: Exclude<StandardErrors, 'ols'>): Float64Array {
  // One pass over the cases, fused: residual, u = xᵢ·R⁻¹ (a row of U), leverage, weight and the
  // rank-one update of the meat (upper triangle). Kept by hand: forming U and Ω first and then
  // Uᵀ·Ω·U through linalg/products was 1.1–1.4× slower (two k × n buffers, twice the flops).
  const meat = new Float64Array(k * k);
  const u = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let fitted = 0;
    for (let j = 0; j < k; j++) fitted += (x[j * n + i] as number) * (b[j] as number);
    const e = (y[i] as number) - fitted;
    // u = xᵢ·R⁻¹ (row vector), R⁻¹ upper triangular.
    let h = 0;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let m = 0; m <= j; m++) s += (x[m * n + i] as number) * (rInv[m * k + j] as number);
      u[j] = s;
      h += s * s;
    }
    if (type !== 'HC0' && type !== 'HC1' && !(1 - h > 1e-10)) {
      throw fail('SINGULAR', `Case ${i} of the analysis sample has leverage 1 (it alone determines a coefficient); ${type} standard errors are undefined. Use HC0 or HC1, or drop the case.`, {
        row: i,
        option: 'hc',
      });
    }
    let w = e * e;
    if (type === 'HC1') w *= n / (n - k);
    else if (type === 'HC2') w /= 1 - h;
    else if (type === 'HC3') w /= (1 - h) * (1 - h);
    else if (type === 'HC4') w /= Math.pow(1 - h, Math.min(4, (n * h) / k));
    for (let a = 0; a < k; a++) {
      const ua = (u[a] as number) * w;
      for (let c = a; c < k; c++) meat[a * k + c] = (meat[a * k + c] as number) + ua * (u[c] as number);
    }
  }
  for (let a = 0; a < k; a++) for (let c = 0; c < a; c++) meat[a * k + c] = meat[c * k + a] as number;
  // V = R⁻¹ · meat · R⁻ᵀ
  const tmp = new Float64Array(k * k);
  multiplyInto(rInv, meat, k, k, k, tmp);
  const v = new Float64Array(k * k);
  tcrossprodInto(tmp, rInv, k, k, k, v);
  mirrorTriangle(v, k, 'upper');
  return v;
}

/** Wald F for all slopes = 0: b_sᵀ·V_ss⁻¹·b_s / q, with V_ss the slopes' block of the HC covariance. */
function waldF(b: Float64Array, v: Float64Array, k: number, outcome: string): number {
  return waldTest(b, v, k, Array.from({ length: k - 1 }, (_, i) => i + 1), outcome);
}

/** Wald F = b_Sᵀ·V_SS⁻¹·b_S / |S| for the coefficients at positions S. */
export function waldTest(b: ArrayLike<number>, v: ArrayLike<number>, k: number, positions: readonly number[], outcome: string): number {
  return linearHypothesisWald(
    b,
    v,
    k,
    positions.map((pi) => new Map([[pi, 1]])),
    outcome,
  );
}

/**
 * Wald F = (Lb)ᵀ(L·V·Lᵀ)⁻¹(Lb) / q for the q linear combinations L (each row sparse: position →
 * weight) of the coefficients b with covariance V (k × k, row-major); q·F is the Wald χ².
 * As `car::linearHypothesis`.
 */
export function linearHypothesisWald(b: ArrayLike<number>, v: ArrayLike<number>, k: number, rows: readonly ReadonlyMap<number, number>[], outcome: string): number {
  const q = rows.length;
  if (q === 0) return Number.NaN;
  const sub = new Float64Array(q * q);
  const rhs = new Float64Array(q);
  rows.forEach((li, i) => {
    for (const [p, w] of li) rhs[i] = (rhs[i] as number) + w * (b[p] as number);
    rows.forEach((lj, j) => {
      let sum = 0;
      for (const [p, wp] of li) for (const [r, wr] of lj) sum += wp * wr * (v[p * k + r] as number);
      sub[i * q + j] = sum;
    });
  });
  const lb = Float64Array.from(rhs);
  if (!choleskyInPlace(sub, q)) {
    throw fail('SINGULAR', `The covariance matrix of the tested coefficients of "${outcome}" is singular; the Wald test cannot be computed.`, { column: outcome });
  }
  choleskySolveInPlace(sub, q, rhs);
  let s = 0;
  for (let i = 0; i < q; i++) s += (lb[i] as number) * (rhs[i] as number);
  return s / q;
}

/** One row of a coefficient table. */
export interface Coefficient {
  readonly term: string;
  /** The coefficient b. */
  readonly estimate: number;
  /** Its standard error (classical or HC). */
  readonly se: number;
  /** t = b / se. */
  readonly statistic: number;
  /** Two-sided p-value from t with n − k degrees of freedom. */
  readonly p: number;
  /** Confidence bounds b ± t_{(1+confidence)/2, n−k}·se. */
  readonly lower: number;
  readonly upper: number;
}

/** Model summary as PROCESS prints it. */
export interface ModelSummary {
  readonly r: number;
  readonly rSquared: number;
  readonly adjustedRSquared: number;
  /** Residual mean square SSE/(n − k). */
  readonly mse: number;
  /** F for all slopes = 0: classical, or the Wald F under HC standard errors (PROCESS's F(HCk)); df1, df2. */
  readonly statistic: number;
  readonly df1: number;
  readonly df2: number;
  readonly p: number;
}

/** What a coefficient table reads from a fit (least squares or logistic). */
export type FittedCoefficients = Pick<LinearFit, 'names' | 'b' | 'covariance' | 'k'>;

/**
 * Coefficient rows: b, se = √V_jj, statistic = b/se, its two-sided p and b ± critical·se (t on
 * the residual df for least squares; Z for a logistic fit).
 */
export function coefficientRows(fit: FittedCoefficients, critical: number, twoSided: (statistic: number) => number): Coefficient[] {
  return fit.names.map((term, j) => {
    const b = fit.b[j] as number;
    const se = Math.sqrt(fit.covariance[j * fit.k + j] as number);
    const statistic = b / se;
    return { term, estimate: b, se, statistic, p: twoSided(statistic), lower: b - critical * se, upper: b + critical * se };
  });
}

/** Coefficient table rows from a least-squares fit: t tests on its residual df. */
export function coefficientTable(fit: LinearFit, confidence: number): Coefficient[] {
  return coefficientRows(fit, tQuantile(0.5 + confidence / 2, fit.residualDf), (t) => tTwoSided(t, fit.residualDf));
}

/** The model summary of a fit. */
export function modelSummary(fit: LinearFit): ModelSummary {
  const df1 = fit.k - 1;
  const df2 = fit.residualDf;
  return {
    r: Math.sqrt(Math.max(0, fit.rSquared)),
    rSquared: fit.rSquared,
    adjustedRSquared: 1 - ((1 - fit.rSquared) * (fit.n - 1)) / df2,
    mse: fit.mse,
    statistic: fit.f,
    df1,
    df2,
    p: df1 > 0 ? fSurvival(fit.f, df1, df2) : Number.NaN,
  };
}

/**
 * The warning for an essentially perfect fit (R: "essentially perfect fit: summary may be
 * unreliable"), or none. `equation` names the model in the message.
 */
export function perfectFitWarnings(fit: LinearFit, equation: string): PsychkitWarning[] {
  if (!fit.perfectFit) return [];
  return [
    {
      code: 'PERFECT_FIT',
      message: `The model for "${equation}" fits essentially perfectly (residual variance ${fit.mse.toExponential(2)}): its standard errors, t and p are rounding noise, as R warns ("essentially perfect fit: summary may be unreliable"). Is "${fit.outcome}" computed from the predictors?`,
      details: { column: fit.outcome, value: fit.mse },
    },
  ];
}

/** Covariance matrix as rows. */
export function covarianceRows(fit: Pick<LinearFit, 'covariance' | 'k'>): number[][] {
  return Array.from({ length: fit.k }, (_, i) => Array.from(fit.covariance.subarray(i * fit.k, (i + 1) * fit.k)));
}
