import { choleskyInPlace, choleskySolveInPlace, inverseFromCholeskyInto } from '../linalg/solve.js';
import { InformationAccumulator } from './information.js';
import { contractGradient, derivatives, fillMatrices, impliedMoments, implySigma, type ModelWorkspace } from './model.js';

// Maximum likelihood for complete data, as lavaan's `estimator = "ML"`:
//   F(θ) = log|Σ| + tr(SΣ⁻¹) − log|S| − p + (ȳ − μ)ᵀΣ⁻¹(ȳ − μ),
// with S the covariance over N (not N − 1); lavaan reports fmin = F/2 and χ² = N·F.
// Minimised by Fisher scoring: θ ← θ − (2I)⁻¹∇F with I the expected information per case,
//   I_st = ½ tr(Σ⁻¹ ∂Σ_s Σ⁻¹ ∂Σ_t) + ∂μ_sᵀ Σ⁻¹ ∂μ_t,
// and step halving whenever F does not fall. I is also the information lavaan's standard
// errors use by default for complete data (`information = "expected"`): Var(θ̂) = I⁻¹/N.

export interface SampleMoments {
  readonly n: number;
  readonly p: number;
  /** Covariance with divisor N. */
  readonly covariance: Float64Array;
  readonly mean: Float64Array;
  readonly logDet: number;
}

export interface MaximumLikelihood {
  readonly estimates: Float64Array;
  /** F at the estimates (lavaan's fmin is F/2). */
  readonly discrepancy: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Expected information per case at the estimates (q × q), or null when Σ̂ is not positive definite. */
  readonly information: Float64Array;
  readonly logDetSigma: number;
  readonly sigmaInverse: Float64Array;
}

const MAX_ITERATIONS = 500;
const TOLERANCE = 1e-10;

export interface Evaluation {
  f: number;
  logDet: number;
}

/** Scratch for one fit. */
export class Fitter implements Objective {
  readonly chol: Float64Array;
  readonly w: Float64Array;
  readonly t: Float64Array;
  readonly d: Float64Array;
  readonly cd: Float64Array;
  readonly grad: Float64Array;
  readonly info: Float64Array;
  private readonly accumulator: InformationAccumulator;
  private readonly all: Int32Array;
  readonly c: Float64Array;
  private readonly dev: Float64Array;
  private readonly meanGradient: Float64Array;
  /** Woodbury workspace (null when Θ is not diagonal or some observed variable is a dummy). */
  private readonly lowRank: LowRank | null;
  /** Whether the point last evaluated used the Woodbury identity. */
  private woodbury = false;

  constructor(
    readonly ws: ModelWorkspace,
    readonly sample: SampleMoments,
    readonly fixed: Float64Array,
  ) {
    const { p, q } = ws;
    this.chol = new Float64Array(p * p);
    this.w = new Float64Array(p * p);
    this.t = new Float64Array(p * p);
    this.d = new Float64Array(p);
    this.cd = new Float64Array(p);
    this.grad = new Float64Array(q);
    this.info = new Float64Array(q * q);
    this.accumulator = new InformationAccumulator(ws, this.info);
    this.all = Int32Array.from({ length: p }, (_, i) => i);
    this.c = new Float64Array(p * p);
    this.dev = new Float64Array(p);
    this.meanGradient = new Float64Array(p);
    const diagonalTheta = ws.spec.rows.every((r) => r.matrix !== 'theta' || r.row === r.col) && ws.spec.dummyOf.every((e) => e < 0);
    this.lowRank = diagonalTheta && ws.m > 0 && ws.m < p ? lowRankWorkspace(p, ws.m) : null;
  }

  /** F at x, or null when Σ is not positive definite (or I − B singular). Leaves Σ, μ and the Cholesky factor in place. */
  evaluate(x: Float64Array): Evaluation | null {
    const { ws, sample, chol, fixed } = this;
    const { p } = ws;
    fillMatrices(ws, x, fixed);
    this.woodbury = false;
    if (this.lowRank !== null) {
      // Σ itself is not needed on the Woodbury path.
      if (!impliedMoments(ws, false)) return null;
      const e = woodburyEvaluate(this.lowRank, ws, sample);
      if (e !== null) {
        this.woodbury = true;
        return Number.isFinite(e.f) ? e : null;
      }
      implySigma(ws);
    } else if (!impliedMoments(ws)) return null;
    chol.set(ws.sigma);
    if (!choleskyInPlace(chol, p)) return null;
    let logDet = 0;
    for (let i = 0; i < p; i++) logDet += 2 * Math.log(chol[i * p + i] as number);
    // tr(SΣ⁻¹) = Σ_j s_jᵀ Σ⁻¹ s_j, via the columns of S solved against L.
    const col = this.d;
    const cov = sample.covariance;
    let trace = 0;
    for (let j = 0; j < p; j++) {
      for (let i = 0; i < p; i++) col[i] = cov[i * p + j] as number;
      choleskySolveInPlace(chol, p, col);
      trace += col[j] as number;
    }
    let quad = 0;
    if (ws.spec.meanStructure) {
      for (let i = 0; i < p; i++) col[i] = (sample.mean[i] as number) - (ws.mu[i] as number);
      const dev = this.dev;
      dev.set(col);
      choleskySolveInPlace(chol, p, col);
      for (let i = 0; i < p; i++) quad += (dev[i] as number) * (col[i] as number);
    }
    const f = logDet + trace - sample.logDet - p + quad;
    return Number.isFinite(f) ? { f, logDet } : null;
  }

  /** Σ⁻¹v of each derivative term (term-major, p each), as the last information left it: the casewise scores use it. */
  get cv(): Float64Array {
    return this.accumulator.cvTerms;
  }

  /**
   * Gradient of F and the expected information per case at the point last evaluated (the
   * information is skipped when `withInformation` is false: fixed-metric refits). Allocates nothing.
   */
  gradientAndInformation(withGradient: boolean, withInformation = true): void {
    const { ws, sample, chol, w, t, d, cd, grad, c } = this;
    const { p } = ws;
    if (this.woodbury && withGradient && !withInformation && !ws.spec.meanStructure) {
      // The refits' hot path: the gradient from low-rank products, no p × p matrix formed.
      woodburyGradient(this.lowRank!, ws, sample.covariance, grad);
      return;
    }
    derivatives(ws);
    if (this.woodbury) {
      woodburyInverse(this.lowRank!, p, c);
    } else {
      // Σ⁻¹ column by column from the Cholesky factor.
      for (let j = 0; j < p; j++) {
        const col = this.dev;
        col.fill(0);
        col[j] = 1;
        choleskySolveInPlace(chol, p, col);
        for (let i = 0; i < p; i++) c[i * p + j] = col[i] as number;
      }
    }
    const means = ws.spec.meanStructure;
    if (means) {
      for (let i = 0; i < p; i++) d[i] = (sample.mean[i] as number) - (ws.mu[i] as number);
      for (let i = 0; i < p; i++) {
        let s = 0;
        for (let k = 0; k < p; k++) s += (c[i * p + k] as number) * (d[k] as number);
        cd[i] = s;
      }
    }
    if (withGradient) {
      // W = C − C (S + ddᵀ) C
      if (this.woodbury) woodburyCsc(this.lowRank!, p, sample.covariance, t);
      else {
        const cov = sample.covariance;
        for (let i = 0; i < p; i++) {
          for (let j = 0; j < p; j++) {
            let s = 0;
            for (let k = 0; k < p; k++) s += (c[i * p + k] as number) * (cov[k * p + j] as number);
            t[i * p + j] = s;
          }
        }
      }
      for (let i = 0; i < p; i++) {
        for (let j = 0; j <= i; j++) {
          let s: number;
          if (this.woodbury) s = t[i * p + j] as number;
          else {
            s = 0;
            for (let k = 0; k < p; k++) s += (t[i * p + k] as number) * (c[k * p + j] as number);
          }
          if (means) s += (cd[i] as number) * (cd[j] as number);
          const v = (c[i * p + j] as number) - s;
          w[i * p + j] = v;
          w[j * p + i] = v;
        }
      }
      // ∂F/∂μ = −2Σ⁻¹(ȳ − μ).
      if (means) for (let i = 0; i < p; i++) this.meanGradient[i] = -2 * (cd[i] as number);
      contractGradient(ws, w, means ? this.meanGradient : null, grad);
    }
    if (!withInformation) return;
    // One block of every variable, weight 1.
    this.accumulator.begin();
    this.accumulator.add(c, this.all, 1);
    this.accumulator.end();
  }
}

/** What Fisher scoring needs of an objective F (scaled so that its Hessian is about 2I). */
export interface Objective {
  /** F at x (null when the implied moments are not positive definite); the point becomes current. */
  evaluate(x: Float64Array): Evaluation | null;
  /** ∇F into `grad` (when asked) and, unless `withInformation` is false, the expected information per case into `info`, at the current point. */
  gradientAndInformation(withGradient: boolean, withInformation?: boolean): void;
  readonly grad: Float64Array;
  readonly info: Float64Array;
}

export interface Minimum {
  readonly estimates: Float64Array;
  readonly f: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Expected information per case at the estimates. */
  readonly information: Float64Array;
}

/** Switch from Fisher scoring to BFGS once a step moves no parameter by more than this (relative). */
const SWITCH_TO_BFGS = 1e-3;

/**
 * Fisher scoring with step halving (Armijo) from `start`, then BFGS: Fisher scoring converges
 * only linearly when the model misfits (the expected information is not the Hessian), so once the
 * steps are small the last 2I seeds a BFGS approximation of the Hessian, updated from the
 * gradients, which converges superlinearly without recomputing the information. Null when no
 * start is feasible or the information is degenerate.
 */
export function minimize(objective: Objective, start: Float64Array): Minimum | null {
  const q = start.length;
  const x = Float64Array.from(start);
  const step = new Float64Array(q);
  const trial = new Float64Array(q);
  const h = new Float64Array(q * q);
  // BFGS state: the Hessian approximation, the last step and gradient.
  const hessian = new Float64Array(q * q);
  const lastStep = new Float64Array(q);
  const lastGrad = new Float64Array(q);
  const y = new Float64Array(q);
  const hs = new Float64Array(q);
  let quasiNewton = false;
  let haveStep = false;
  const { grad, info } = objective;
  let current = objective.evaluate(x);
  if (current === null) return null;
  let iterations = 0;
  let converged = false;
  while (iterations < MAX_ITERATIONS) {
    iterations++;
    objective.gradientAndInformation(true, !quasiNewton);
    if (quasiNewton && haveStep) {
      // B ← B + yyᵀ/yᵀs − Bs(Bs)ᵀ/sᵀBs, skipped unless the curvature yᵀs is positive.
      let ys = 0;
      let sBs = 0;
      for (let i = 0; i < q; i++) y[i] = (grad[i] as number) - (lastGrad[i] as number);
      for (let i = 0; i < q; i++) {
        let t = 0;
        for (let j = 0; j < q; j++) t += (hessian[i * q + j] as number) * (lastStep[j] as number);
        hs[i] = t;
        ys += (y[i] as number) * (lastStep[i] as number);
        sBs += (lastStep[i] as number) * t;
      }
      if (ys > 1e-12 * Math.sqrt(sBs * sBs + ys * ys) && sBs > 0) {
        for (let i = 0; i < q; i++) {
          for (let j = 0; j < q; j++) hessian[i * q + j] = (hessian[i * q + j] as number) + ((y[i] as number) * (y[j] as number)) / ys - ((hs[i] as number) * (hs[j] as number)) / sBs;
        }
      }
    }
    if (!quasiNewton) for (let i = 0; i < q * q; i++) hessian[i] = 2 * (info[i] as number);
    let ridge = 0;
    for (;;) {
      h.set(hessian);
      if (ridge > 0) for (let i = 0; i < q; i++) h[i * q + i] = (h[i * q + i] as number) * (1 + ridge);
      if (choleskyInPlace(h, q)) {
        for (let i = 0; i < q; i++) step[i] = -(grad[i] as number);
        choleskySolveInPlace(h, q, step);
        break;
      }
      ridge = ridge === 0 ? 1e-8 : ridge * 10;
      if (ridge > 1e8) return null;
    }
    let slope = 0;
    let fullChange = 0;
    for (let i = 0; i < q; i++) {
      slope += (grad[i] as number) * (step[i] as number);
      fullChange = Math.max(fullChange, Math.abs(step[i] as number) / Math.max(1, Math.abs(x[i] as number)));
    }
    let scale = 1;
    let accepted: Evaluation | null = null;
    // F is computed to about 1e-15 of its terms (log|Σ|, tr(SΣ⁻¹)), so within ~1e-8 of the minimum
    // its changes are rounding noise: there the (descent) step is taken on a looser test and the
    // convergence rule, on the step, decides.
    const noise = (fullChange < 1e-6 ? 1e-12 : 1e-14) * Math.max(1, Math.abs(current.f));
    for (let halving = 0; halving < 40; halving++) {
      for (let i = 0; i < q; i++) trial[i] = (x[i] as number) + scale * (step[i] as number);
      const e = objective.evaluate(trial);
      if (e !== null && e.f <= current.f + 1e-4 * scale * slope + noise) {
        accepted = e;
        break;
      }
      scale /= 2;
    }
    if (accepted === null) {
      objective.evaluate(x);
      if (quasiNewton) {
        // The approximation may have drifted: start again from Fisher scoring before giving up.
        quasiNewton = false;
        haveStep = false;
        continue;
      }
      // No decrease along the scoring direction: at the minimum to working precision.
      converged = Math.abs(slope) < 1e-8;
      break;
    }
    let change = 0;
    for (let i = 0; i < q; i++) {
      const d = scale * (step[i] as number);
      lastStep[i] = d;
      change = Math.max(change, Math.abs(d) / Math.max(1, Math.abs(x[i] as number)));
    }
    lastGrad.set(grad);
    haveStep = true;
    x.set(trial);
    current = accepted;
    // Converged when the full step (not one the line search cut short) is negligible.
    if (fullChange < TOLERANCE) {
      converged = true;
      break;
    }
    if (quasiNewton && scale < 0.25) {
      // A poor quasi-Newton direction (the approximation has drifted): one scoring step reseeds it.
      quasiNewton = false;
      haveStep = false;
    } else if (!quasiNewton && change < SWITCH_TO_BFGS) quasiNewton = true;
  }
  objective.evaluate(x);
  objective.gradientAndInformation(false);
  return { estimates: x, f: current.f, iterations, converged, information: Float64Array.from(info) };
}

/** Fits the model by ML (complete data) from `start`; `fixed[i]` is the value of row i when it is fixed. */
export function fitMaximumLikelihood(ws: ModelWorkspace, sample: SampleMoments, start: Float64Array, fixed: Float64Array): MaximumLikelihood | null {
  const fitter = new Fitter(ws, sample, fixed);
  const m = minimize(fitter, start);
  if (m === null) return null;
  const e = fitter.evaluate(m.estimates)!;
  fitter.gradientAndInformation(false);
  return { estimates: m.estimates, discrepancy: m.f, iterations: m.iterations, converged: m.converged, information: m.information, logDetSigma: e.logDet, sigmaInverse: fitter.c };
}

// The Woodbury path. With Θ diagonal and positive (no correlated residuals, no observed variable
// in a regression), Σ = ΛGΛᵀ + Θ has rank-m structure:
//   Σ⁻¹ = D − V M⁻¹ Vᵀ,  D = Θ⁻¹, V = DΛ, M = G⁻¹ + ΛᵀDΛ,   log|Σ| = log|Θ| + log|G| + log|M|,
// so F, Σ⁻¹ and Σ⁻¹SΣ⁻¹ cost O(p²m) instead of O(p³): for a 41-indicator, 3-factor model about
// a tenth of the work, which is what makes the bootstrap's thousands of refits cheap.

interface LowRank {
  readonly m: number;
  /** Θ⁻¹ (diagonal). */
  readonly dInv: Float64Array;
  /** V = Θ⁻¹Λ (p × m). */
  readonly v: Float64Array;
  /** SV (p × m). */
  readonly sv: Float64Array;
  /** M⁻¹ (m × m). */
  readonly mInv: Float64Array;
  readonly gChol: Float64Array;
  readonly mChol: Float64Array;
  readonly small: Float64Array;
  readonly column: Float64Array;
  /** VᵀSV and M⁻¹VᵀSV M⁻¹ (m × m). */
  readonly vsv: Float64Array;
  readonly core: Float64Array;
  readonly pm: Float64Array;
  /** WY and CY (p × 2m), and m × 2m scratch, for the gradient without W. */
  readonly wy: Float64Array;
  readonly cy: Float64Array;
  readonly cyT: Float64Array;
  readonly y: Float64Array;
  readonly small2: Float64Array;
}

function lowRankWorkspace(p: number, m: number): LowRank {
  return {
    m,
    dInv: new Float64Array(p),
    v: new Float64Array(p * m),
    sv: new Float64Array(p * m),
    mInv: new Float64Array(m * m),
    gChol: new Float64Array(m * m),
    mChol: new Float64Array(m * m),
    small: new Float64Array(m * m),
    column: new Float64Array(m),
    vsv: new Float64Array(m * m),
    core: new Float64Array(m * m),
    pm: new Float64Array(p * m),
    wy: new Float64Array(p * 2 * m),
    cy: new Float64Array(p * 2 * m),
    cyT: new Float64Array(p * 2 * m),
    y: new Float64Array(p * 2 * m),
    small2: new Float64Array(2 * m * m),
  };
}

/** Inverse of an m × m SPD matrix from its Cholesky factor, into out. */
function smallInverse(chol: Float64Array, m: number, column: Float64Array, out: Float64Array): void {
  inverseFromCholeskyInto(chol, m, out, column);
}

/** F by the Woodbury identity, or null when Θ or G is not positive definite (the caller then goes dense). */
function woodburyEvaluate(lr: LowRank, ws: ModelWorkspace, sample: SampleMoments): Evaluation | null {
  const { p, m, lambda, theta, g } = ws;
  const { dInv, v, sv, mInv, gChol, mChol, small, column, vsv } = lr;
  let logDet = 0;
  for (let i = 0; i < p; i++) {
    const t = theta[i * p + i] as number;
    if (!(t > 0)) return null;
    dInv[i] = 1 / t;
    logDet += Math.log(t);
  }
  gChol.set(g.subarray(0, m * m));
  if (!choleskyInPlace(gChol, m)) return null;
  for (let i = 0; i < m; i++) logDet += 2 * Math.log(gChol[i * m + i] as number);
  // M = G⁻¹ + ΛᵀDΛ
  smallInverse(gChol, m, column, small);
  for (let i = 0; i < p; i++) for (let a = 0; a < m; a++) v[i * m + a] = (dInv[i] as number) * (lambda[i * m + a] as number);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b <= a; b++) {
      let s = small[a * m + b] as number;
      for (let i = 0; i < p; i++) s += (lambda[i * m + a] as number) * (v[i * m + b] as number);
      mChol[a * m + b] = s;
      mChol[b * m + a] = s;
    }
  }
  if (!choleskyInPlace(mChol, m)) return null;
  for (let i = 0; i < m; i++) logDet += 2 * Math.log(mChol[i * m + i] as number);
  smallInverse(mChol, m, column, mInv);
  // tr(SΣ⁻¹) = Σ sᵢᵢ/θᵢ − tr(M⁻¹ VᵀSV)
  const cov = sample.covariance;
  for (let i = 0; i < p; i++) {
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += (cov[i * p + k] as number) * (v[k * m + a] as number);
      sv[i * m + a] = s;
    }
  }
  let trace = 0;
  for (let i = 0; i < p; i++) trace += (cov[i * p + i] as number) * (dInv[i] as number);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      let s = 0;
      for (let i = 0; i < p; i++) s += (v[i * m + a] as number) * (sv[i * m + b] as number);
      vsv[a * m + b] = s;
    }
  }
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) trace -= (mInv[a * m + b] as number) * (vsv[b * m + a] as number);
  let quad = 0;
  if (ws.spec.meanStructure) {
    // dᵀΣ⁻¹d = dᵀDd − (Vᵀd)ᵀM⁻¹(Vᵀd)
    for (let i = 0; i < p; i++) {
      const d = (sample.mean[i] as number) - (ws.mu[i] as number);
      quad += d * d * (dInv[i] as number);
    }
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let i = 0; i < p; i++) s += (v[i * m + a] as number) * ((sample.mean[i] as number) - (ws.mu[i] as number));
      column[a] = s;
    }
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) quad -= (column[a] as number) * (mInv[a * m + b] as number) * (column[b] as number);
  }
  return { f: logDet + trace - sample.logDet - p + quad, logDet };
}

/** Σ⁻¹ = D − V M⁻¹ Vᵀ into c (p × p). */
function woodburyInverse(lr: LowRank, p: number, c: Float64Array): void {
  const { m, dInv, v, mInv, pm } = lr;
  // pm = V M⁻¹
  for (let i = 0; i < p; i++) {
    for (let b = 0; b < m; b++) {
      let s = 0;
      for (let a = 0; a < m; a++) s += (v[i * m + a] as number) * (mInv[a * m + b] as number);
      pm[i * m + b] = s;
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = i === j ? (dInv[i] as number) : 0;
      for (let b = 0; b < m; b++) s -= (pm[i * m + b] as number) * (v[j * m + b] as number);
      c[i * p + j] = s;
      c[j * p + i] = s;
    }
  }
}

/**
 * Σ⁻¹SΣ⁻¹ into out (p × p), from Σ⁻¹ = D − V M⁻¹ Vᵀ and SV:
 *   Σ⁻¹SΣ⁻¹ = DSD − DSV M⁻¹Vᵀ − V M⁻¹ VᵀSD + V M⁻¹ (VᵀSV) M⁻¹ Vᵀ.
 */
function woodburyCsc(lr: LowRank, p: number, cov: Float64Array, out: Float64Array): void {
  const { m, dInv, v, sv, mInv, vsv, core, pm } = lr;
  // pm = V M⁻¹ (from woodburyInverse); core = M⁻¹ VᵀSV M⁻¹
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      let s = 0;
      for (let e = 0; e < m; e++) for (let f = 0; f < m; f++) s += (mInv[a * m + e] as number) * (vsv[e * m + f] as number) * (mInv[f * m + b] as number);
      core[a * m + b] = s;
    }
  }
  for (let i = 0; i < p; i++) {
    const di = dInv[i] as number;
    for (let j = 0; j <= i; j++) {
      const dj = dInv[j] as number;
      let s = di * (cov[i * p + j] as number) * dj;
      // − (DSV)ᵢ·(V M⁻¹)ⱼ − (V M⁻¹)ᵢ·(DSV)ⱼ + Vᵢ core Vⱼᵀ
      let cross = 0;
      let inner = 0;
      for (let a = 0; a < m; a++) {
        cross += di * (sv[i * m + a] as number) * (pm[j * m + a] as number) + (pm[i * m + a] as number) * dj * (sv[j * m + a] as number);
        let t = 0;
        for (let b = 0; b < m; b++) t += (core[a * m + b] as number) * (v[j * m + b] as number);
        inner += (v[i * m + a] as number) * t;
      }
      s += inner - cross;
      out[i * p + j] = s;
      out[j * p + i] = s;
    }
  }
}

/** dst = Σ⁻¹ src for a p × 2m block, through Σ⁻¹ = D − (V M⁻¹) Vᵀ (needs lr.pm). */
function applyInverse(lr: LowRank, p: number, src: Float64Array, dst: Float64Array): void {
  const { m, dInv, v, pm, small2 } = lr;
  const m2 = 2 * m;
  small2.fill(0);
  for (let i = 0; i < p; i++) {
    for (let a = 0; a < m; a++) {
      const via = v[i * m + a] as number;
      for (let col = 0; col < m2; col++) small2[a * m2 + col] = (small2[a * m2 + col] as number) + via * (src[i * m2 + col] as number);
    }
  }
  for (let i = 0; i < p; i++) {
    const di = dInv[i] as number;
    for (let col = 0; col < m2; col++) {
      let x = di * (src[i * m2 + col] as number);
      for (let a = 0; a < m; a++) x -= (pm[i * m + a] as number) * (small2[a * m2 + col] as number);
      dst[i * m2 + col] = x;
    }
  }
}

/**
 * ∇F without forming W = Σ⁻¹ − Σ⁻¹SΣ⁻¹: with Y = [ΛA | ΛG], WY = CY − C(S(CY)) costs O(p²m)
 * through C = D − V M⁻¹ Vᵀ, and each parameter's term uᵀWv reads WY (loadings, regressions,
 * latent (co)variances) or one entry of W (residual (co)variances, from the low-rank form of
 * Σ⁻¹SΣ⁻¹). Needs the Woodbury state of the point last evaluated and no mean structure.
 */
function woodburyGradient(lr: LowRank, ws: ModelWorkspace, cov: Float64Array, grad: Float64Array): void {
  const { p, m, la, lg } = ws;
  const { dInv, v, sv, mInv, vsv, core, pm, wy, cy, y } = lr;
  const m2 = 2 * m;
  // pm = V M⁻¹; core = M⁻¹ VᵀSV M⁻¹
  for (let i = 0; i < p; i++) {
    for (let b = 0; b < m; b++) {
      let x = 0;
      for (let a = 0; a < m; a++) x += (v[i * m + a] as number) * (mInv[a * m + b] as number);
      pm[i * m + b] = x;
    }
  }
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      let x = 0;
      for (let e = 0; e < m; e++) for (let f = 0; f < m; f++) x += (mInv[a * m + e] as number) * (vsv[e * m + f] as number) * (mInv[f * m + b] as number);
      core[a * m + b] = x;
    }
  }
  // Y = [ΛA | ΛG]; CY = D Y − V M⁻¹ (Vᵀ Y); then S·CY, C·(S·CY), and WY = CY − C S C Y.
  for (let i = 0; i < p; i++) {
    for (let a = 0; a < m; a++) {
      y[i * m2 + a] = la[i * m + a] as number;
      y[i * m2 + m + a] = lg[i * m + a] as number;
    }
  }
  applyInverse(lr, p, y, cy);
  // S·CY with CY transposed (contiguous inner loops).
  const cyT = lr.cyT;
  for (let k = 0; k < p; k++) for (let col = 0; col < m2; col++) cyT[col * p + k] = cy[k * m2 + col] as number;
  for (let i = 0; i < p; i++) {
    const row = i * p;
    for (let col = 0; col < m2; col++) {
      const base = col * p;
      let x = 0;
      for (let k = 0; k < p; k++) x += (cov[row + k] as number) * (cyT[base + k] as number);
      wy[i * m2 + col] = x;
    }
  }
  y.set(wy);
  applyInverse(lr, p, y, wy);
  for (let i = 0; i < p * m2; i++) wy[i] = (cy[i] as number) - (wy[i] as number);
  // One entry of W from the low-rank forms of Σ⁻¹ and Σ⁻¹SΣ⁻¹.
  const wEntry = (i: number, j: number): number => {
    const di = dInv[i] as number;
    const dj = dInv[j] as number;
    let c = i === j ? di : 0;
    let csc = di * (cov[i * p + j] as number) * dj;
    for (let a = 0; a < m; a++) {
      c -= (pm[i * m + a] as number) * (v[j * m + a] as number);
      csc -= di * (sv[i * m + a] as number) * (pm[j * m + a] as number) + (pm[i * m + a] as number) * dj * (sv[j * m + a] as number);
      let x = 0;
      for (let b = 0; b < m; b++) x += (core[a * m + b] as number) * (v[j * m + b] as number);
      csc += (v[i * m + a] as number) * x;
    }
    return c - csc;
  };
  grad.fill(0);
  for (const r of ws.spec.rows) {
    if (r.free === 0) continue;
    const t = r.free - 1;
    let g = 0;
    switch (r.matrix) {
      case 'lambda':
        g = 2 * (wy[r.row * m2 + m + r.col] as number);
        break;
      case 'beta':
        for (let i = 0; i < p; i++) g += 2 * (la[i * m + r.row] as number) * (wy[i * m2 + m + r.col] as number);
        break;
      case 'psi':
        for (let i = 0; i < p; i++) g += (la[i * m + r.row] as number) * (wy[i * m2 + r.col] as number);
        if (r.row !== r.col) g *= 2;
        break;
      case 'theta':
        g = r.row === r.col ? wEntry(r.row, r.row) : 2 * wEntry(r.row, r.col);
        break;
      default:
        break;
    }
    grad[t] = (grad[t] as number) + g;
  }
}
