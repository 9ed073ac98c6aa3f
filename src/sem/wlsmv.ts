import { symmetricEigen } from '../linalg/eigen.js';
import { tcrossprodInto } from '../linalg/products.js';
import { choleskyInPlace, inverseFromCholesky } from '../linalg/solve.js';
import { chiSquareSurvival } from '../probability/index.js';
import type { Evaluation, Objective } from './estimate.js';
import { incremental, rmseaOf, type RobustFit, type ScaledFit } from './fit-measures.js';
import { derivatives, fillMatrices, impliedMoments, type ModelWorkspace } from './model.js';
import { modificationCandidates, type ModificationCandidate, type RawModificationIndex } from './modification.js';
import type { OrdinalMoments } from './ordinal.js';

// lavaan's WLSMV for ordered indicators (single group, delta parameterization), after the
// sample statistics of ordinal.ts (thresholds τ̂, polychoric ρ̂, Γ = N·Var, w = 1/diag Γ):
//   F(θ) = Σ_k w_k (s_k − σ_k(θ))²,  σ = (τ, the off-diagonal of Σ* = ΛGΛᵀ + Θ),
// with the residual variances of the latent responses 1 − diag(ΛGΛᵀ) (not parameters), so
// diag Σ* = 1. With W diagonal and the thresholds' Jacobian the identity, τ̂ are the sample
// thresholds and only the correlation part is iterated (Gauss–Newton: the Hessian 2ΔᵀWΔ).
// χ² = (N − 1)·F; SEs from the sandwich E⁻¹ΔᵀWΓWΔE⁻¹/(N − 1), E = ΔᵀWΔ (lavaan's
// `se = "robust.sem"`); the mean-and-variance adjusted ("scaled.shifted") test
// T* = a·T + b, a = √(df / tr((UΓ)²)), b = df − a·tr(UΓ), U = W − WΔE⁻¹ΔᵀW; the robust CFI
// and RMSEA of Savalei (2021) from the ML discrepancy of Σ* against the polychoric matrix.
// References: Muthén, B., du Toit, S. H. C., & Spisic, D. (1997). Robust inference using
// weighted least squares and quadratic estimating equations in latent variable modeling with
// categorical and continuous outcomes. Savalei, V. (2021). Improving fit indices in structural
// equation modeling with categorical data. Multivariate Behavioral Research, 56, 390–407.

/** What the inference needs of one group's fit function at its current point. */
export interface DwlsGroup {
  readonly ws: ModelWorkspace;
  readonly om: OrdinalMoments;
  readonly pairs: number;
  /** Whether the scale factors are free somewhere (equal thresholds): lavaan then has no robust indices. */
  readonly scaled: boolean;
  /** Residual s − σ of statistic k (thresholds, then correlations in vech order). */
  residual(k: number): number;
  /** ∂σ/∂θ, k × Q (row-major), over the whole parameter vector. */
  fullJacobian(Q: number): Float64Array;
  /** ∂σ of a modification candidate (its Σ term u vᵀ + v uᵀ and μ shift), length k; false when it moves nothing. */
  candidateRow(c: ModificationCandidate, out: Float64Array): boolean;
}

/** The DWLS fit function over the correlations (the thresholds are fitted exactly). */
export class DwlsObjective implements Objective, DwlsGroup {
  readonly scaled = false;
  readonly grad: Float64Array;
  readonly info: Float64Array;
  /** ∂σ_r/∂θ_t over the correlations (P × q), at the point last differentiated. */
  readonly jacobian: Float64Array;
  private readonly residuals: Float64Array;
  private readonly nth: number;
  readonly pairs: number;

  constructor(
    readonly ws: ModelWorkspace,
    readonly fixed: Float64Array,
    readonly om: OrdinalMoments,
    /** Global 0-based index of each threshold (its column in the full Jacobian). */
    readonly thresholdIndex: Int32Array = Int32Array.from({ length: om.thresholds.length }, (_, t) => ws.q + t),
  ) {
    this.nth = om.thresholds.length;
    this.pairs = om.pairRow.length;
    this.grad = new Float64Array(ws.q);
    this.info = new Float64Array(ws.q * ws.q);
    this.jacobian = new Float64Array(this.pairs * ws.q);
    this.residuals = new Float64Array(this.pairs);
  }

  evaluate(x: Float64Array): Evaluation | null {
    const { ws, om } = this;
    fillMatrices(ws, x, this.fixed);
    if (!impliedMoments(ws)) return null;
    let f = 0;
    for (let r = 0; r < this.pairs; r++) {
      const e = this.correlationResidual(r);
      this.residuals[r] = e;
      f += (om.weights[this.nth + r] as number) * e * e;
    }
    return Number.isFinite(f) ? { f, logDet: Number.NaN } : null;
  }

  residual(k: number): number {
    return k < this.nth ? 0 : this.correlationResidual(k - this.nth);
  }

  fullJacobian(Q: number): Float64Array {
    const { om, ws } = this;
    const q = ws.q;
    this.differentiate();
    const delta = new Float64Array(om.k * Q);
    for (let t = 0; t < this.nth; t++) delta[t * Q + (this.thresholdIndex[t] as number)] = 1;
    for (let r = 0; r < this.pairs; r++) for (let s = 0; s < q; s++) delta[(this.nth + r) * Q + s] = this.jacobian[r * q + s] as number;
    return delta;
  }

  candidateRow(c: ModificationCandidate, out: Float64Array): boolean {
    const { om } = this;
    out.fill(0);
    let any = false;
    for (let r = 0; r < this.pairs; r++) {
      const i = om.pairRow[r] as number;
      const j = om.pairColumn[r] as number;
      const d = (c.u[i] as number) * (c.v[j] as number) + (c.v[i] as number) * (c.u[j] as number);
      out[this.nth + r] = d;
      if (d !== 0) any = true;
    }
    return any;
  }

  /** ρ̂ − σ* of pair r (vech order) at the current point. */
  correlationResidual(r: number): number {
    const { ws, om } = this;
    return (om.observed[this.nth + r] as number) - (ws.sigma[(om.pairRow[r] as number) * ws.p + (om.pairColumn[r] as number)] as number);
  }

  /** ∂σ/∂θ over the correlations at the current point: Δ_rt = Σ_terms u_i v_j + v_i u_j. */
  differentiate(): void {
    const { ws, om, jacobian } = this;
    const { p, q, pairs: terms, pairU, pairV, pairParameter } = ws;
    derivatives(ws);
    jacobian.fill(0);
    for (let t = 0; t < terms; t++) {
      const s = pairParameter[t] as number;
      const o = t * p;
      for (let r = 0; r < this.pairs; r++) {
        const i = om.pairRow[r] as number;
        const j = om.pairColumn[r] as number;
        const d = (pairU[o + i] as number) * (pairV[o + j] as number) + (pairV[o + i] as number) * (pairU[o + j] as number);
        if (d !== 0) jacobian[r * q + s] = (jacobian[r * q + s] as number) + d;
      }
    }
  }

  gradientAndInformation(withGradient: boolean, withInformation = true): void {
    const { ws, om, jacobian, residuals } = this;
    const q = ws.q;
    this.differentiate();
    if (withGradient) {
      this.grad.fill(0);
      for (let r = 0; r < this.pairs; r++) {
        const c = -2 * (om.weights[this.nth + r] as number) * (residuals[r] as number);
        for (let t = 0; t < q; t++) this.grad[t] = (this.grad[t] as number) + c * (jacobian[r * q + t] as number);
      }
    }
    if (withInformation) {
      this.info.fill(0);
      for (let r = 0; r < this.pairs; r++) {
        const w = om.weights[this.nth + r] as number;
        for (let a = 0; a < q; a++) {
          const da = w * (jacobian[r * q + a] as number);
          if (da === 0) continue;
          for (let b = 0; b <= a; b++) this.info[a * q + b] = (this.info[a * q + b] as number) + da * (jacobian[r * q + b] as number);
        }
      }
      for (let a = 0; a < q; a++) for (let b = 0; b < a; b++) this.info[b * q + a] = this.info[a * q + b] as number;
    }
  }
}

/**
 * The full DWLS fit function of one group when the thresholds are parameters shared across groups
 * (lavaan's `group.equal = "thresholds"`): with the group's scale factors Δ and latent means α,
 *   τ*_ik = Δ_i(τ_ik − μ_i),  ρ*_ij = Δ_iΔ_j Σ_ij,  μ = ΛAα,  θ_ii = 1/Δ_i² − (ΛGΛᵀ)_ii,
 * every threshold, scale and model parameter iterated jointly (the thresholds no longer equal the
 * sample ones). Parameter vector: the model's q, then thresholds and scales at the given indices.
 */
export class ScaledDwlsObjective implements Objective, DwlsGroup {
  readonly scaled = true;
  readonly grad: Float64Array;
  readonly info: Float64Array;
  readonly pairs: number;
  private readonly nth: number;
  private readonly r: Float64Array;
  private readonly tau: Float64Array;
  readonly scales: Float64Array;
  /** ∂σ/∂θ (k × size) at the point last differentiated. */
  private readonly jacobian: Float64Array;

  constructor(
    readonly ws: ModelWorkspace,
    readonly fixed: Float64Array,
    readonly om: OrdinalMoments,
    /** Global 0-based index of each threshold. */
    readonly thresholdIndex: Int32Array,
    /** Global 0-based index of each item's scale factor, or −1 where it is fixed at 1. */
    readonly scaleIndex: Int32Array,
    readonly size: number,
  ) {
    this.nth = om.thresholds.length;
    this.pairs = om.pairRow.length;
    this.grad = new Float64Array(size);
    this.info = new Float64Array(size * size);
    this.r = new Float64Array(om.k);
    this.tau = new Float64Array(this.nth);
    this.scales = new Float64Array(ws.p).fill(1);
    this.jacobian = new Float64Array(om.k * size);
  }

  evaluate(x: Float64Array): Evaluation | null {
    const { ws, om, nth } = this;
    fillMatrices(ws, x, this.fixed);
    if (!impliedMoments(ws)) return null;
    const p = ws.p;
    for (let i = 0; i < p; i++) {
      const si = this.scaleIndex[i] as number;
      this.scales[i] = si >= 0 ? (x[si] as number) : 1;
    }
    let f = 0;
    for (let t = 0; t < nth; t++) {
      const i = om.thresholdOwner[t] as number;
      const tau = x[this.thresholdIndex[t] as number] as number;
      this.tau[t] = tau;
      const e = (om.observed[t] as number) - (this.scales[i] as number) * (tau - (ws.mu[i] as number));
      this.r[t] = e;
      f += (om.weights[t] as number) * e * e;
    }
    for (let k = 0; k < this.pairs; k++) {
      const i = om.pairRow[k] as number;
      const j = om.pairColumn[k] as number;
      const e = (om.observed[nth + k] as number) - (this.scales[i] as number) * (this.scales[j] as number) * (ws.sigma[i * p + j] as number);
      this.r[nth + k] = e;
      f += (om.weights[nth + k] as number) * e * e;
    }
    return Number.isFinite(f) ? { f, logDet: Number.NaN } : null;
  }

  residual(k: number): number {
    return this.r[k] as number;
  }

  /** A copy of ∂σ/∂θ at the current point (for the inference, once per fit). */
  fullJacobian(_Q: number): Float64Array {
    this.differentiate();
    return Float64Array.from(this.jacobian);
  }

  /** ∂σ/∂θ (k × size) into the objective's own buffer: no allocation per iteration. */
  private differentiate(): void {
    const { ws, om, nth } = this;
    const { p, q, pairs: terms, pairU, pairV, pairParameter, dMu } = ws;
    const Q = this.size;
    derivatives(ws);
    const d = this.jacobian;
    d.fill(0);
    for (let t = 0; t < nth; t++) {
      const i = om.thresholdOwner[t] as number;
      const di = this.scales[i] as number;
      const ti = t * Q + (this.thresholdIndex[t] as number);
      d[ti] = (d[ti] as number) + di;
      const si = this.scaleIndex[i] as number;
      if (si >= 0) d[t * Q + si] = (d[t * Q + si] as number) + (this.tau[t] as number) - (ws.mu[i] as number);
      for (let s = 0; s < q; s++) {
        const m = dMu[s * p + i] as number;
        if (m !== 0) d[t * Q + s] = (d[t * Q + s] as number) + -di * m;
      }
    }
    for (let k = 0; k < this.pairs; k++) {
      const i = om.pairRow[k] as number;
      const j = om.pairColumn[k] as number;
      const row = (nth + k) * Q;
      const dij = (this.scales[i] as number) * (this.scales[j] as number);
      for (let t = 0; t < terms; t++) {
        const o = t * p;
        const v = (pairU[o + i] as number) * (pairV[o + j] as number) + (pairV[o + i] as number) * (pairU[o + j] as number);
        const at = row + (pairParameter[t] as number);
        if (v !== 0) d[at] = (d[at] as number) + dij * v;
      }
      const si = this.scaleIndex[i] as number;
      const sj = this.scaleIndex[j] as number;
      if (si >= 0) d[row + si] = (d[row + si] as number) + (this.scales[j] as number) * (ws.sigma[i * p + j] as number);
      if (sj >= 0) d[row + sj] = (d[row + sj] as number) + (this.scales[i] as number) * (ws.sigma[i * p + j] as number);
    }
  }

  gradientAndInformation(withGradient: boolean, withInformation = true): void {
    const { om } = this;
    const Q = this.size;
    this.differentiate();
    const d = this.jacobian;
    const k = om.k;
    if (withGradient) {
      this.grad.fill(0);
      for (let a = 0; a < k; a++) {
        const c = -2 * (om.weights[a] as number) * (this.r[a] as number);
        if (c === 0) continue;
        for (let t = 0; t < Q; t++) this.grad[t] = (this.grad[t] as number) + c * (d[a * Q + t] as number);
      }
    }
    if (withInformation) {
      this.info.fill(0);
      for (let a = 0; a < k; a++) {
        const w = om.weights[a] as number;
        for (let s = 0; s < Q; s++) {
          const ds = w * (d[a * Q + s] as number);
          if (ds === 0) continue;
          for (let t = 0; t <= s; t++) this.info[s * Q + t] = (this.info[s * Q + t] as number) + ds * (d[a * Q + t] as number);
        }
      }
      for (let s = 0; s < Q; s++) for (let t = 0; t < s; t++) this.info[t * Q + s] = this.info[s * Q + t] as number;
    }
  }

  candidateRow(c: ModificationCandidate, out: Float64Array): boolean {
    const { om, nth } = this;
    out.fill(0);
    let any = false;
    if (c.mu !== null) {
      for (let t = 0; t < nth; t++) {
        const i = om.thresholdOwner[t] as number;
        const v = -(this.scales[i] as number) * (c.mu[i] as number);
        out[t] = v;
        if (v !== 0) any = true;
      }
    }
    for (let k = 0; k < this.pairs; k++) {
      const i = om.pairRow[k] as number;
      const j = om.pairColumn[k] as number;
      const v = (this.scales[i] as number) * (this.scales[j] as number) * ((c.u[i] as number) * (c.v[j] as number) + (c.v[i] as number) * (c.u[j] as number));
      out[nth + k] = v;
      if (v !== 0) any = true;
    }
    return any;
  }
}

/** Everything WLSMV reports beyond the estimates. */
export interface WlsmvInference {
  /** Covariance of (model parameters, then each group's thresholds), Q × Q. */
  readonly covariance: Float64Array;
  readonly chiSquare: number;
  readonly df: number;
  readonly fmin: number;
  readonly baseline: { readonly chiSquare: number; readonly df: number };
  /** Null for a saturated model (df = 0: lavaan's scaling factor is NA). */
  readonly scaled: ScaledFit | null;
  readonly robust: RobustFit | null;
  readonly cfi: number;
  readonly tli: number;
  readonly nfi: number | null;
  readonly rfi: number | null;
  readonly ifi: number | null;
  readonly rni: number | null;
  /** lavaan's `srmr` for categorical data (`srmr_bentler_nomean`) and `rmr` (`srmr_bentler`, with the thresholds' residuals); n-weighted over groups. */
  readonly srmr: number;
  readonly rmr: number;
  /** Per group, in group order. */
  readonly modificationIndices: readonly RawModificationIndex[][];
  /** What invariance's difference tests need (the Jacobians and E computed here). */
  readonly state: WlsmvState;
}

// Products with a fresh result. The Jacobians are mostly zeros (a threshold row has one entry, a
// correlation row a few), so the products whose left operand is a Jacobian skip its zeros — the
// dense linalg kernels made the WLSMV fit ~20% slower; the rest use them.
/** X (n × q) · Y (q × m), skipping X's zeros. */
function multiply(x: Float64Array, y: Float64Array, n: number, q: number, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < q; t++) {
      const v = x[i * q + t] as number;
      if (v === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] = (out[i * m + j] as number) + v * (y[t * m + j] as number);
    }
  }
  return out;
}

/** Xᵀ · Y for X (n × q) and Y (n × m), skipping X's zeros. */
function crossprod(x: Float64Array, y: Float64Array, n: number, q: number, m: number): Float64Array {
  const out = new Float64Array(q * m);
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < q; i++) {
      const v = x[t * q + i] as number;
      if (v === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] = (out[i * m + j] as number) + v * (y[t * m + j] as number);
    }
  }
  return out;
}

/** X · Yᵀ for X (n × q) and Y (m × q). */
function tcrossprod(x: Float64Array, y: Float64Array, n: number, q: number, m: number): Float64Array {
  const out = new Float64Array(n * m);
  tcrossprodInto(x, y, n, q, m, out);
  return out;
}

/** The inverse of a symmetric positive-definite matrix, or null. */
function spdInverse(m: Float64Array, n: number): Float64Array | null {
  const chol = Float64Array.from(m);
  return choleskyInPlace(chol, n, 1e-12) ? inverseFromCholesky(chol, n) : null;
}

/** a and b of the scaled-and-shifted statistic from tr(UΓ) and tr((UΓ)²). */
function scaleShift(df: number, trace: number, trace2: number): { a: number; b: number } {
  const a = Math.sqrt(df / trace2);
  return { a, b: df - a * trace };
}

/** One group's pieces: its objective at the estimates and its share f_g = n_g/N. */
interface GroupPieces {
  readonly objective: DwlsGroup;
  readonly f: number;
  /** Full Jacobian k_g × Q: thresholds (identity on the group's own columns), then correlations. */
  readonly delta: Float64Array;
}

/**
 * Inference at the DWLS estimates (each group's objective at its point), as lavaan's WLSMV over
 * G groups: E = Σ f_g ΔᵀWΔ, the sandwich E⁻¹(Σ f_g ΔᵀWΓWΔ)E⁻¹/(N − G), χ² = Σ (n_g − 1)F_g, one
 * U = V − VΔE⁻¹ΔᵀV over all groups (V = ⊕ f_g W_g, Γ = ⊕ Γ_g/f_g) for the scaled-and-shifted test,
 * RMSEA on N − G with √G. `q` model parameters (shared across groups where equal), then each
 * group's thresholds at `offsets[g]`. Null when the information is singular.
 */
export function wlsmvInference(objectives: readonly DwlsGroup[], q: number, npar: number): WlsmvInference | null {
  const G = objectives.length;
  const N = objectives.reduce((s, o) => s + o.om.n, 0);
  const Q = npar;
  const groups: GroupPieces[] = objectives.map((objective) => ({ objective, f: objective.om.n / N, delta: objective.fullJacobian(Q) }));
  // E and the middle of the sandwich.
  const e = new Float64Array(Q * Q);
  const middle = new Float64Array(Q * Q);
  for (const { objective, f, delta } of groups) {
    const { om } = objective;
    const k = om.k;
    const wDelta = Float64Array.from(delta, (v, i) => v * (om.weights[Math.floor(i / Q)] as number));
    const eg = crossprod(delta, wDelta, k, Q, Q);
    const bg = multiply(crossprod(wDelta, om.gamma, k, Q, k), wDelta, Q, k, Q);
    for (let i = 0; i < Q * Q; i++) {
      e[i] = (e[i] as number) + f * (eg[i] as number);
      middle[i] = (middle[i] as number) + f * (bg[i] as number);
    }
  }
  const eInverse = spdInverse(e, Q);
  if (eInverse === null) return null;
  const covariance = multiply(multiply(eInverse, middle, Q, Q, Q), eInverse, Q, Q, Q).map((v) => v / (N - G));
  // The test.
  let chiSquare = 0;
  let srmr = 0;
  let rmr = 0;
  let baselineChi = 0;
  let baselineDf = 0;
  let baselineTrace2 = 0;
  let k = 0;
  for (const { objective, f } of groups) {
    const { om, ws } = objective;
    const nth = om.thresholds.length;
    const p = ws.p;
    let fg = 0;
    let squares = 0;
    let thresholdSquares = 0;
    let baselineF = 0;
    for (let t = 0; t < nth; t++) {
      const res = objective.residual(t);
      fg += (om.weights[t] as number) * res * res;
      thresholdSquares += res * res;
    }
    for (let r = 0; r < objective.pairs; r++) {
      const res = objective.residual(nth + r);
      const w = om.weights[nth + r] as number;
      fg += w * res * res;
      squares += res * res;
      const rho = om.observed[nth + r] as number;
      baselineF += w * rho * rho;
      for (let s = 0; s < objective.pairs; s++) {
        const g = om.gamma[(nth + r) * om.k + nth + s] as number;
        baselineTrace2 += (g * g) / ((om.gamma[(nth + r) * om.k + nth + r] as number) * (om.gamma[(nth + s) * om.k + nth + s] as number));
      }
    }
    chiSquare += (om.n - 1) * fg;
    baselineChi += (om.n - 1) * baselineF;
    baselineDf += objective.pairs;
    srmr += f * Math.sqrt(squares / ((p * (p + 1)) / 2));
    rmr += f * Math.sqrt((squares + thresholdSquares) / ((p * (p + 1)) / 2 + nth));
    k += om.k;
  }
  const df = k - npar;
  // U = V − VΔE⁻¹ΔᵀV over all groups (V = ⊕ f_g W_g), Γ = ⊕ Γ_g/f_g; tr(UΓ) and tr((UΓ)²).
  const vDelta = new Float64Array(k * Q);
  const v = new Float64Array(k);
  {
    let row = 0;
    for (const { objective, f, delta } of groups) {
      const { om } = objective;
      for (let i = 0; i < om.k; i++, row++) {
        const vi = f * (om.weights[i] as number);
        v[row] = vi;
        for (let j = 0; j < Q; j++) vDelta[row * Q + j] = vi * (delta[i * Q + j] as number);
      }
    }
  }
  const correction = tcrossprod(multiply(vDelta, eInverse, k, Q, Q), vDelta, k, Q, k);
  const ug = new Float64Array(k * k);
  {
    // (UΓ)[:, block g] = U[:, block g] Γ_g / f_g (Γ is block-diagonal).
    let start = 0;
    for (const { objective, f } of groups) {
      const { om } = objective;
      const kg = om.k;
      for (let i = 0; i < k; i++) {
        for (let b = 0; b < kg; b++) {
          let s = 0;
          for (let a = 0; a < kg; a++) {
            const u = (i === start + a ? (v[i] as number) : 0) - (correction[i * k + start + a] as number);
            if (u !== 0) s += u * (om.gamma[a * kg + b] as number);
          }
          ug[i * k + start + b] = s / f;
        }
      }
      start += kg;
    }
  }
  let trace = 0;
  let trace2 = 0;
  for (let i = 0; i < k; i++) {
    trace += ug[i * k + i] as number;
    for (let j = 0; j < k; j++) trace2 += (ug[i * k + j] as number) * (ug[j * k + i] as number);
  }
  const nPrime = N - G;
  const standard = incremental(chiSquare, df, baselineChi, baselineDf);
  const ss = df > 0 ? scaleShift(df, trace, trace2) : null;
  const bss = scaleShift(baselineDf, baselineDf, baselineTrace2);
  const baselineScaled = bss.a * baselineChi + bss.b;
  const scaled: ScaledFit | null =
    ss === null
      ? null
      : {
          chiSquare: ss.a * chiSquare + ss.b,
          df,
          p: chiSquareSurvival(ss.a * chiSquare + ss.b, df),
          scalingFactor: 1 / ss.a,
          shift: ss.b,
          baseline: { chiSquare: baselineScaled, df: baselineDf, p: chiSquareSurvival(baselineScaled, baselineDf), scalingFactor: 1 / bss.a },
          ...incremental(ss.a * chiSquare + ss.b, df, baselineScaled, baselineDf),
          rmsea: rmseaOf(ss.a * chiSquare + ss.b, df, nPrime, 1, G),
        };
  return {
    covariance,
    chiSquare,
    df,
    fmin: chiSquare / (2 * N),
    baseline: { chiSquare: baselineChi, df: baselineDf },
    scaled,
    // lavaan 0.6.14 has no robust indices once thresholds are held equal (its ML refit fails).
    robust: groups.some((g) => g.objective.scaled) ? null : robustFit(groups, eInverse, q, Q, df, baselineDf, N),
    ...standard,
    srmr,
    rmr,
    modificationIndices: groups.map((g) => dwlsModificationIndices(g, eInverse, q, Q, N)),
    state: { groups: groups.map(({ objective: o, f, delta }) => ({ delta, weights: o.om.weights, gamma: o.om.gamma, f, k: o.om.k })), Q, information: e, chiSquare, df },
  };
}

/**
 * Savalei's (2021) robust RMSEA, CFI and TLI (lavaan's `lav_fit_catml_dwls`): the ML discrepancy
 * of Σ̂*_g against the polychoric R_g (Σ n_g F_ML, no refit) with ĉ = tr(MᵀVMΓ_ρ)/df,
 * M = I − Δ_ρE⁻¹Δ_ρᵀW_ρ, V = ⊕ f_g ½D′ᵀ(Σ̂*⁻¹ ⊗ Σ̂*⁻¹)D′, W_ρ = ⊕ f_g W_ρ,g, Γ_ρ = ⊕ Γ_ρ,g/f_g;
 * the baseline's ĉ_b = Σ tr(Γ_ρ,g)/f_g / df_b (as lavaan). Null when some R_g is not positive definite.
 */
function robustFit(groups: readonly GroupPieces[], eInverse: Float64Array, q: number, Q: number, df: number, baselineDf: number, N: number): RobustFit | null {
  if (!(df > 0)) return null;
  const G = groups.length;
  let xx3 = 0;
  let xx3Baseline = 0;
  let gammaTrace = 0;
  const P = groups.reduce((s, g) => s + g.objective.pairs, 0);
  const dc = new Float64Array(P * q);
  const wc = new Float64Array(P);
  const v = new Float64Array(P * P);
  const gammaRho = new Float64Array(P * P);
  let start = 0;
  for (const { objective, f, delta } of groups) {
    const { ws, om } = objective;
    const p = ws.p;
    const n = om.n;
    const nth = om.thresholds.length;
    const Pg = objective.pairs;
    const rChol = Float64Array.from(om.correlation);
    if (!choleskyInPlace(rChol, p, Math.sqrt(2.220446049250313e-16))) return null;
    const sChol = Float64Array.from(ws.sigma);
    for (let i = 0; i < p; i++) sChol[i * p + i] = 1;
    if (!choleskyInPlace(sChol, p)) return null;
    let logDetR = 0;
    let logDetS = 0;
    for (let i = 0; i < p; i++) {
      logDetR += 2 * Math.log(rChol[i * p + i] as number);
      logDetS += 2 * Math.log(sChol[i * p + i] as number);
    }
    const c = inverseFromCholesky(sChol, p);
    let trace = 0;
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) trace += (om.correlation[i * p + j] as number) * (c[j * p + i] as number);
    xx3 += n * (logDetS - logDetR + trace - p);
    xx3Baseline += -n * logDetR;
    for (let r = 0; r < Pg; r++) {
      for (let s = 0; s < q; s++) dc[(start + r) * q + s] = delta[(nth + r) * Q + s] as number;
      wc[start + r] = f * (om.weights[nth + r] as number);
      const i = om.pairRow[r] as number;
      const j = om.pairColumn[r] as number;
      for (let s = 0; s < Pg; s++) {
        const a = om.pairRow[s] as number;
        const b = om.pairColumn[s] as number;
        v[(start + r) * P + start + s] = f * ((c[i * p + a] as number) * (c[j * p + b] as number) + (c[i * p + b] as number) * (c[j * p + a] as number));
        gammaRho[(start + r) * P + start + s] = (om.gamma[(nth + r) * om.k + nth + s] as number) / f;
      }
      gammaTrace += (om.gamma[(nth + r) * om.k + nth + r] as number) / f;
    }
    start += Pg;
  }
  // M = I − Δ_ρ E⁻¹_(model) Δ_ρᵀ W_ρ (thresholds do not enter the correlation rows).
  const eModel = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) eModel[a * q + b] = eInverse[a * Q + b] as number;
  const m = tcrossprod(multiply(dc, eModel, P, q, q), dc, P, q, P);
  for (let r = 0; r < P; r++) for (let s = 0; s < P; s++) m[r * P + s] = (r === s ? 1 : 0) - (m[r * P + s] as number) * (wc[s] as number);
  // tr(Mᵀ V M Γ) = Σ (VM) ∘ (MΓ).
  const vm = multiply(v, m, P, P, P);
  const mg = multiply(m, gammaRho, P, P, P);
  let t = 0;
  for (let i = 0; i < P * P; i++) t += (vm[i] as number) * (mg[i] as number);
  const cHat = t / df;
  const cBaseline = gammaTrace / baselineDf;
  const { cfi, tli, rni } = incremental(xx3, df, xx3Baseline, baselineDf, cHat, cBaseline);
  return { cfi, tli, rni, rmsea: rmseaOf(xx3 / cHat, df, N - G, cHat, G) };
}

/**
 * Modification indices of one group under DWLS (lavaan's `modindices`): score
 * g = −(n_g−1)/N·ΔₓᵀW(s − σ̂), information f_g·ΔₓᵀWΔₓ, V = I_ee − I_em E⁻¹ I_me, MI = N·g²/V,
 * EPC = −g/V.
 */
function dwlsModificationIndices(group: GroupPieces, eInverse: Float64Array, _q: number, Q: number, N: number): RawModificationIndex[] {
  const { objective, f, delta } = group;
  const { ws, om } = objective;
  const k = om.k;
  const out: RawModificationIndex[] = [];
  const dx = new Float64Array(k);
  const cross = new Float64Array(Q);
  for (const c of modificationCandidates(ws)) {
    if (c.op === '~1') continue;
    if (!objective.candidateRow(c, dx)) continue;
    let g = 0;
    let iee = 0;
    cross.fill(0);
    for (let r = 0; r < k; r++) {
      const d = dx[r] as number;
      if (d === 0) continue;
      const w = om.weights[r] as number;
      g += w * d * objective.residual(r);
      iee += f * w * d * d;
      for (let t = 0; t < Q; t++) {
        const j = delta[r * Q + t] as number;
        if (j !== 0) cross[t] = (cross[t] as number) + f * w * d * j;
      }
    }
    g *= -(om.n - 1) / N;
    let reduction = 0;
    for (let a = 0; a < Q; a++) {
      const ca = cross[a] as number;
      if (ca === 0) continue;
      let s = 0;
      for (let b = 0; b < Q; b++) s += (eInverse[a * Q + b] as number) * (cross[b] as number);
      reduction += ca * s;
    }
    const vee = iee - reduction;
    if (!(vee >= Math.cbrt(Number.EPSILON))) continue;
    out.push({ lhs: c.lhs, op: c.op, rhs: c.rhs, mi: (N * g * g) / vee, epc: -g / vee });
  }
  return out.sort((a, b) => b.mi - a.mi);
}

/** What the Satorra (2000) difference test needs of a WLSMV fit (kept beside its result). */
export interface WlsmvState {
  /** Per group: the full Jacobian (k_g × Q), the weights, Γ_g and f_g = n_g/N. */
  readonly groups: readonly { readonly delta: Float64Array; readonly weights: Float64Array; readonly gamma: Float64Array; readonly f: number; readonly k: number }[];
  readonly Q: number;
  /** E = Σ f_g ΔᵀWΔ (Q × Q). */
  readonly information: Float64Array;
  readonly chiSquare: number;
  readonly df: number;
}

/** WLSMV fits' states, keyed by their (frozen) results: results stay plain data. */
export const WLSMV_STATE = new WeakMap<object, WlsmvState>();


/**
 * lavaan's scaled-and-shifted difference test of nested WLSMV fits (`lavTestLRT` method
 * "satorra.2000", A.method "delta"): H = Δ₁⁺Δ₀ maps the restricted model's directions into the
 * free model's parameters, A spans their orthogonal complement (the restrictions), and with
 * P = E₁, Π = P⁻¹Aᵀ(AP⁻¹Aᵀ)⁻¹AP⁻¹, U = WΔΠΔᵀW and Γ = ⊕ f_gΓ_g:
 *   a = √(m / tr((UΓ)²)), b = m − a·tr(UΓ), T_Δ = a(T₀ − T₁) + b on m = df₀ − df₁.
 * Reference: Satorra, A. (2000). Scaled and adjusted restricted tests in multi-sample analysis of
 * moment structures. In Heijmans, Pollock & Satorra (Eds.), *Innovations in multivariate
 * statistical analysis* (pp. 233–247). Kluwer.
 */
export function satorra2000(free: WlsmvState, restricted: WlsmvState): { chiSquare: number; df: number; scale: number; shift: number } | null {
  const m = restricted.df - free.df;
  const K = free.groups.reduce((s, g) => s + g.k, 0);
  const Q1 = free.Q;
  const Q0 = restricted.Q;
  const stack = (s: WlsmvState): Float64Array => {
    const out = new Float64Array(K * s.Q);
    let row = 0;
    for (const g of s.groups) {
      out.set(g.delta, row * s.Q);
      row += g.k;
    }
    return out;
  };
  const d1 = stack(free);
  const d0 = stack(restricted);
  // H = (Δ₁ᵀΔ₁)⁻¹Δ₁ᵀΔ₀.
  const gram = spdInverse(crossprod(d1, d1, K, Q1, Q1), Q1);
  if (gram === null) return null;
  const h = multiply(gram, crossprod(d1, d0, K, Q1, Q0), Q1, Q1, Q0);
  // A: a basis of col(H)^⊥, from the eigenvectors of HHᵀ with (numerically) zero eigenvalues.
  const { values, vectors } = symmetricEigen(tcrossprod(h, h, Q1, Q0, Q1), Q1);
  const top = Math.max(...values);
  const nullDirections: number[] = [];
  values.forEach((v, i) => {
    if (v <= 1e-14 * top) nullDirections.push(i);
  });
  const r = nullDirections.length;
  if (r === 0) return null;
  const a = new Float64Array(r * Q1);
  nullDirections.forEach((col, i) => {
    for (let j = 0; j < Q1; j++) a[i * Q1 + j] = vectors[j * Q1 + col] as number;
  });
  const pInverse = spdInverse(free.information, Q1);
  if (pInverse === null) return null;
  const apInv = multiply(a, pInverse, r, Q1, Q1);
  const middle = spdInverse(tcrossprod(apInv, a, r, Q1, r), r);
  if (middle === null) return null;
  const pi = multiply(crossprod(apInv, middle, r, Q1, r), apInv, Q1, r, Q1);
  // B = ΔΠΔᵀ (K × K), U = WBW, Γ = ⊕ f_gΓ_g.
  const b = tcrossprod(multiply(d1, pi, K, Q1, Q1), d1, K, Q1, K);
  const w = new Float64Array(K);
  {
    let row = 0;
    for (const g of free.groups) {
      w.set(g.weights, row);
      row += g.k;
    }
  }
  const ug = new Float64Array(K * K);
  let start = 0;
  for (const g of free.groups) {
    for (let i = 0; i < K; i++) {
      for (let c = 0; c < g.k; c++) {
        let s = 0;
        for (let e = 0; e < g.k; e++) s += (w[i] as number) * (b[i * K + start + e] as number) * (w[start + e] as number) * (g.gamma[e * g.k + c] as number);
        ug[i * K + start + c] = g.f * s;
      }
    }
    start += g.k;
  }
  let trace = 0;
  let trace2 = 0;
  for (let i = 0; i < K; i++) {
    trace += ug[i * K + i] as number;
    for (let j = 0; j < K; j++) trace2 += (ug[i * K + j] as number) * (ug[j * K + i] as number);
  }
  const scale = Math.sqrt(m / trace2);
  const shift = m - scale * trace;
  return { chiSquare: scale * (restricted.chiSquare - free.chiSquare) + shift, df: m, scale, shift };
}
