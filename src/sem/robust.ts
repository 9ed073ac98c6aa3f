import { choleskyInPlace, inverseFromCholesky } from '../linalg/solve.js';
import { Fitter, type Objective, type SampleMoments } from './estimate.js';
import type { ModelWorkspace } from './model.js';

// MLR, as lavaan's `estimator = "MLR"` for complete data: ML estimates; Huber–White standard
// errors Var(θ̂) = A⁻¹ B A⁻¹ / N with A the observed information (the Hessian of F/2, by central
// differences of the analytic gradient, as lavaan's `observed.information = "hessian"`) and B the
// mean outer product of the casewise scores; and the Yuan–Bentler scaled χ² in Mplus's form
// (lavaan's `yuan.bentler.mplus`): T / c with
//   c = (tr(B₁A₁⁻¹) − tr(B A⁻¹)) / df,
// where A₁, B₁ are the saturated model's information and score covariance. For the saturated
// normal model the first trace has a closed form in the squared Mahalanobis distances
// qᵢ = dᵢᵀS⁻¹dᵢ: tr(B₁A₁⁻¹) = ½(mean qᵢ² − p) (+ p with a mean structure).
// Reference: Yuan, K.-H., & Bentler, P. M. (2000). Three likelihood-based methods for mean and
// covariance structure analysis with nonnormal missing data. Sociological Methodology, 30, 165–200.

export interface RobustInference {
  /** Huber–White covariance of the estimates (q × q). */
  readonly covariance: Float64Array;
  /** Yuan–Bentler scaling factor c of the model's χ² (null when df = 0 or c ≤ 0). */
  readonly scaling: number | null;
  /** The same for the baseline (independence) model. */
  readonly baselineScaling: number | null;
}

/** Observed information per case (the Hessian of F/2) at x, by central differences of the gradient. */
export function observedInformation(fitter: Objective, x: Float64Array): Float64Array | null {
  const q = x.length;
  const h = new Float64Array(q * q);
  const point = Float64Array.from(x);
  const plus = new Float64Array(q);
  for (let j = 0; j < q; j++) {
    const step = 1e-5 * Math.max(1, Math.abs(x[j] as number));
    point[j] = (x[j] as number) + step;
    if (fitter.evaluate(point) === null) return null;
    fitter.gradientAndInformation(true, false);
    plus.set(fitter.grad);
    point[j] = (x[j] as number) - step;
    if (fitter.evaluate(point) === null) return null;
    fitter.gradientAndInformation(true, false);
    for (let i = 0; i < q; i++) h[i * q + j] = ((plus[i] as number) - (fitter.grad[i] as number)) / (2 * step) / 2;
    point[j] = x[j] as number;
  }
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < i; j++) {
      const v = ((h[i * q + j] as number) + (h[j * q + i] as number)) / 2;
      h[i * q + j] = v;
      h[j * q + i] = v;
    }
  }
  return h;
}

/** Mean outer product of the casewise scores of log L at x (q × q). `columns` are the complete rows. */
export function scoreCovariance(fitter: Fitter, x: Float64Array, columns: readonly Float64Array[]): Float64Array {
  const { ws, sample } = fitter;
  const { p, q, pairs, pairU, pairV, pairParameter, dMu } = ws;
  fitter.evaluate(x);
  fitter.gradientAndInformation(false);
  const c = fitter.c;
  const n = sample.n;
  const means = ws.spec.meanStructure;
  // −uᵀCv per term: the case-independent part of each score.
  const base = new Float64Array(pairs);
  for (let a = 0; a < pairs; a++) {
    let s = 0;
    for (let i = 0; i < p; i++) s += (pairU[a * p + i] as number) * (fitter.cv[a * p + i] as number);
    base[a] = s;
  }
  const d = new Float64Array(p);
  const cd = new Float64Array(p);
  const g = new Float64Array(q);
  const b = new Float64Array(q * q);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < p; i++) d[i] = ((columns[i] as Float64Array)[r] as number) - (means ? (ws.mu[i] as number) : (sample.mean[i] as number));
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += (c[i * p + k] as number) * (d[k] as number);
      cd[i] = s;
    }
    g.fill(0);
    for (let a = 0; a < pairs; a++) {
      let uc = 0;
      let vc = 0;
      for (let i = 0; i < p; i++) {
        uc += (pairU[a * p + i] as number) * (cd[i] as number);
        vc += (pairV[a * p + i] as number) * (cd[i] as number);
      }
      const t = pairParameter[a] as number;
      g[t] = (g[t] as number) + uc * vc - (base[a] as number);
    }
    if (means) {
      for (let t = 0; t < q; t++) {
        let s = 0;
        for (let i = 0; i < p; i++) s += (cd[i] as number) * (dMu[t * p + i] as number);
        g[t] = (g[t] as number) + s;
      }
    }
    for (let s = 0; s < q; s++) {
      const gs = g[s] as number;
      if (gs === 0) continue;
      for (let t = 0; t <= s; t++) b[s * q + t] = (b[s * q + t] as number) + gs * (g[t] as number);
    }
  }
  for (let s = 0; s < q; s++) {
    for (let t = 0; t <= s; t++) {
      const v = (b[s * q + t] as number) / n;
      b[s * q + t] = v;
      b[t * q + s] = v;
    }
  }
  return b;
}

/** tr(B₁A₁⁻¹) of the saturated model: ½(mean q² − p), plus p with a mean structure. */
function saturatedTrace(sample: SampleMoments, columns: readonly Float64Array[], means: boolean): number {
  const { p, n } = sample;
  const chol = Float64Array.from(sample.covariance);
  choleskyInPlace(chol, p);
  const inv = inverseFromCholesky(chol, p);
  const d = new Float64Array(p);
  let sum = 0;
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < p; i++) d[i] = ((columns[i] as Float64Array)[r] as number) - (sample.mean[i] as number);
    let q = 0;
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += (inv[i * p + k] as number) * (d[k] as number);
      q += (d[i] as number) * s;
    }
    sum += q * q;
  }
  return 0.5 * (sum / n - p) + (means ? p : 0);
}

/** tr(B A⁻¹) of the independence model (each variance its own parameter): Σⱼ ½(m₄ⱼ/s²ⱼⱼ − 1) (+ 1 per intercept). */
function baselineTrace(sample: SampleMoments, columns: readonly Float64Array[], means: boolean, exogenous: ReadonlySet<number>): number {
  const { p, n } = sample;
  let trace = 0;
  for (let j = 0; j < p; j++) {
    if (exogenous.has(j)) continue;
    const s = sample.covariance[j * p + j] as number;
    const m = sample.mean[j] as number;
    let m4 = 0;
    const col = columns[j] as Float64Array;
    for (let r = 0; r < n; r++) m4 += ((col[r] as number) - m) ** 4;
    trace += 0.5 * (m4 / n / (s * s) - 1) + (means ? 1 : 0);
  }
  return trace;
}

/** One group's part of the robust computations. */
export interface RobustGroup {
  readonly ws: ModelWorkspace;
  readonly sample: SampleMoments;
  readonly fixed: Float64Array;
  /** The complete rows. */
  readonly columns: readonly Float64Array[];
  /** n_g / N. */
  readonly weight: number;
  readonly exogenous: ReadonlySet<number>;
}

/**
 * Huber–White covariance and Yuan–Bentler scaling factors at the ML estimates x. With several
 * groups A and B are the n_g/N-weighted sums of the groups' information and score covariance (the
 * fit function is Σ (n_g/N) F_g) and the saturated and baseline traces add over the groups.
 */
export function robustInference(objective: Objective, groups: readonly RobustGroup[], x: Float64Array, df: number, baselineDf: number): RobustInference | null {
  const q = x.length;
  const a = observedInformation(objective, x);
  if (a === null) return null;
  const chol = Float64Array.from(a);
  if (!choleskyInPlace(chol, q, 1e-12)) return null;
  const aInverse = inverseFromCholesky(chol, q);
  const b = new Float64Array(q * q);
  let n = 0;
  let traceH1 = 0;
  let traceBaseline = 0;
  for (const g of groups) {
    const bg = scoreCovariance(new Fitter(g.ws, g.sample, g.fixed), x, g.columns);
    for (let i = 0; i < q * q; i++) b[i] = (b[i] as number) + g.weight * (bg[i] as number);
    n += g.sample.n;
    const means = g.ws.spec.meanStructure;
    traceH1 += saturatedTrace(g.sample, g.columns, means);
    traceBaseline += baselineTrace(g.sample, g.columns, means, g.exogenous);
  }
  // A⁻¹ B A⁻¹ / N, and tr(B A⁻¹).
  const t = new Float64Array(q * q);
  let traceH0 = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      let s = 0;
      for (let k = 0; k < q; k++) s += (aInverse[i * q + k] as number) * (b[k * q + j] as number);
      t[i * q + j] = s;
    }
    traceH0 += t[i * q + i] as number;
  }
  const covariance = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < q; k++) s += (t[i * q + k] as number) * (aInverse[k * q + j] as number);
      covariance[i * q + j] = s / n;
      covariance[j * q + i] = s / n;
    }
  }
  const scaling = df > 0 ? (traceH1 - traceH0) / df : null;
  const baselineScaling = baselineDf > 0 ? (traceH1 - traceBaseline) / baselineDf : null;
  return {
    covariance,
    scaling: scaling !== null && scaling > 0 ? scaling : null,
    baselineScaling: baselineScaling !== null && baselineScaling > 0 ? baselineScaling : null,
  };
}
