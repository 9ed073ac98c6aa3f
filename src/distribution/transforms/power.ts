import { chiSquareQuantile } from '../../probability/index.js';
import { crossing, minimize } from './optimize.js';

// Box-Cox and Yeo-Johnson transforms, their inverses and profile log-likelihoods.
//
// The profile log-likelihood of λ (normal errors, mean and variance profiled out) is, up to a
// constant, ℓ(λ) = −(n/2)·log σ̂²(λ) + (λ − 1)·J, where σ̂² is the population variance of the
// transformed values and J the log-Jacobian: Σ log x for Box-Cox, Σ sign(x)·log(1 + |x|) for
// Yeo-Johnson. This is scipy's `boxcox_llf` / `yeojohnson_llf`, and equals R's
// −(n/2)·log(Σ(z − z̄)²/n) with z = (x^λ − 1)/(λ·ẋ^{λ−1}) (ẋ the geometric mean).
//
// log σ̂² is computed so that it neither overflows nor loses digits: when every exponent a = λ·log x
// is small the values are formed with expm1; otherwise they are rescaled by e^{max a} first.

/**
 * (e^{λl} − 1)/λ for any λ: expm1 when λl is not tiny, else l·(1 + λl/2) (the omitted term is
 * below 2e-17 relative). The series also covers λ = 0 (→ l) and subnormal λ, where λl underflows.
 */
export function expm1Over(lambda: number, l: number): number {
  const a = lambda * l;
  return Math.abs(a) < 1e-8 ? l * (1 + a / 2) : Math.expm1(a) / lambda;
}

/** log(1 + λy)/λ for any λ (→ y as λ → 0): the inverse of {@link expm1Over}; NaN when 1 + λy ≤ 0. */
export function log1pOver(lambda: number, y: number): number {
  const t = lambda * y;
  if (Math.abs(t) < 1e-8) return y * (1 - t / 2);
  return t > -1 ? Math.log1p(t) / lambda : Number.NaN;
}

/** log of the population variance; NaN when it is 0 or not finite (the caller treats NaN as −∞ likelihood). */
function logPopulationVariance(y: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += y[i] as number;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (y[i] as number) - mean;
    ss += d * d;
  }
  const v = ss / n;
  return v > 0 && Number.isFinite(v) ? Math.log(v) : Number.NaN;
}

/** log σ̂² of (e^{λl} − 1)/λ (log l when λ = 0) for logs `l`. `scratch` has l's length. */
export function boxCoxLogVariance(l: Float64Array, lambda: number, scratch: Float64Array): number {
  const n = l.length;
  if (lambda === 0) return logPopulationVariance(l, n);
  let maxA = -Infinity;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const a = lambda * (l[i] as number);
    if (a > maxA) maxA = a;
    const abs = Math.abs(a);
    if (abs > maxAbs) maxAbs = abs;
  }
  if (maxAbs <= 1) {
    for (let i = 0; i < n; i++) scratch[i] = expm1Over(lambda, l[i] as number);
    return logPopulationVariance(scratch, n);
  }
  // var((e^a − 1)/λ) = e^{2M}·var(e^{a − M})/λ²: the −1 does not change a variance.
  for (let i = 0; i < n; i++) scratch[i] = Math.exp(lambda * (l[i] as number) - maxA);
  return logPopulationVariance(scratch, n) + 2 * maxA - 2 * Math.log(Math.abs(lambda));
}

/** Box-Cox profile log-likelihood ℓ(λ) for logs `l` of the (shifted) values, Σl = `sumLog`. */
export function boxCoxLogLikelihood(l: Float64Array, sumLog: number, lambda: number, scratch: Float64Array): number {
  return -0.5 * l.length * boxCoxLogVariance(l, lambda, scratch) + (lambda - 1) * sumLog;
}

/** Box-Cox transform of one positive value: (v^λ − 1)/λ, log v at λ = 0. */
export function boxCoxValue(v: number, lambda: number): number {
  return expm1Over(lambda, Math.log(v));
}

/** Inverse Box-Cox: (1 + λy)^{1/λ}, e^y at λ = 0. NaN outside the range (1 + λy ≤ 0). */
export function inverseBoxCoxValue(y: number, lambda: number): number {
  return Math.exp(log1pOver(lambda, y));
}

/** Yeo-Johnson transform of one value: ((x+1)^λ − 1)/λ for x ≥ 0, −((1−x)^{2−λ} − 1)/(2−λ) below. */
export function yeoJohnsonValue(x: number, lambda: number): number {
  return x >= 0 ? expm1Over(lambda, Math.log1p(x)) : -expm1Over(2 - lambda, Math.log1p(-x));
}

/** Inverse Yeo-Johnson. NaN outside the range of the transform. */
export function inverseYeoJohnsonValue(y: number, lambda: number): number {
  return y >= 0 ? Math.expm1(log1pOver(lambda, y)) : -Math.expm1(log1pOver(2 - lambda, -y));
}

/** Precomputed pieces of the Yeo-Johnson likelihood for one sample. */
export interface YeoJohnsonData {
  readonly x: Float64Array;
  /** log(1 + |x|) */
  readonly l: Float64Array;
  readonly positives: number;
  /** Σ sign(x)·log(1 + |x|) */
  readonly jacobian: number;
}

export function yeoJohnsonData(x: Float64Array): YeoJohnsonData {
  const l = new Float64Array(x.length);
  let positives = 0;
  let jacobian = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    const li = Math.log1p(Math.abs(v));
    l[i] = li;
    if (v >= 0) {
      positives++;
      jacobian += li;
    } else jacobian -= li;
  }
  return { x, l, positives, jacobian };
}

/** log σ̂² of the Yeo-Johnson values. */
export function yeoJohnsonLogVariance(d: YeoJohnsonData, lambda: number, scratch: Float64Array): number {
  const n = d.x.length;
  // One sign only: a Box-Cox variance on log(1 + |x|) (with 2 − λ for negatives; the sign of the
  // values does not change a variance).
  if (d.positives === n) return boxCoxLogVariance(d.l, lambda, scratch);
  if (d.positives === 0) return boxCoxLogVariance(d.l, 2 - lambda, scratch);
  // Both signs: the constants 1/λ and 1/(2 − λ) differ, so form the values themselves, scaled by
  // e^{−M} when an exponent is large. M ≥ 0 here.
  let maxA = 0;
  for (let i = 0; i < n; i++) {
    const c = (d.x[i] as number) >= 0 ? lambda : 2 - lambda;
    const a = c * (d.l[i] as number);
    if (a > maxA) maxA = a;
  }
  if (maxA <= 300) {
    for (let i = 0; i < n; i++) scratch[i] = yeoJohnsonValue(d.x[i] as number, lambda);
    return logPopulationVariance(scratch, n);
  }
  const scale = Math.exp(-maxA);
  for (let i = 0; i < n; i++) {
    const pos = (d.x[i] as number) >= 0;
    const c = pos ? lambda : 2 - lambda;
    const li = d.l[i] as number;
    const a = c * li;
    // e^{−M}(e^a − 1)/c without overflow: for large a as e^{a−M} − e^{−M}, else via expm1.
    const z = a > 1 ? (Math.exp(a - maxA) - scale) / c : scale * expm1Over(c, li);
    scratch[i] = pos ? z : -z;
  }
  return logPopulationVariance(scratch, n) + 2 * maxA;
}

/** Yeo-Johnson profile log-likelihood ℓ(λ). */
export function yeoJohnsonLogLikelihood(d: YeoJohnsonData, lambda: number, scratch: Float64Array): number {
  return -0.5 * d.x.length * yeoJohnsonLogVariance(d, lambda, scratch) + (lambda - 1) * d.jacobian;
}

/** The maximum-likelihood λ, its log-likelihood and the profile-likelihood interval. */
export interface LambdaEstimate {
  readonly estimate: number;
  /** Profile log-likelihood at λ̂ (scipy's `boxcox_llf` / `yeojohnson_llf`). */
  readonly logLikelihood: number;
  readonly confidence: number;
  /** { λ : 2(ℓ(λ̂) − ℓ(λ)) ≤ χ²₁(confidence) }; null if no bound within 1,000 of λ̂. */
  readonly lower: number | null;
  readonly upper: number | null;
}

/**
 * Maximises ℓ over λ by Brent's method from the bracket (−2, 2) (scipy's start), then finds the
 * profile-likelihood interval where ℓ drops by χ²₁(confidence)/2. Null if no maximum is found.
 */
export function estimateLambda(loglik: (lambda: number) => number, confidence: number): LambdaEstimate | null {
  const lambda = minimize((l) => -loglik(l), -2, 2);
  if (lambda === null) return null;
  const logLikelihood = loglik(lambda);
  if (!Number.isFinite(logLikelihood)) return null;
  const cut = logLikelihood - 0.5 * chiSquareQuantile(confidence, 1);
  const h = (l: number) => loglik(l) - cut;
  return { estimate: lambda, logLikelihood, confidence, lower: crossing(h, lambda, -1), upper: crossing(h, lambda, 1) };
}
