import { invertInto } from '../factor/internal/dense.js';
import type { ModelSpecification, ParameterRow } from './specification.js';

// The implied moments of a LISREL-form model and their first derivatives.
//
//   A = (I − B)⁻¹,  Σ = Λ A Ψ Aᵀ Λᵀ + Θ,  μ = ν + Λ A α.
//
// Every parameter's ∂Σ is a sum of symmetric rank-2 terms u vᵀ + v uᵀ (a variance's v is u/2):
//   λ_ij: u = e_i, v = (ΛG)_{·j};   β_ab: u = (ΛA)_{·a}, v = (ΛG)_{·b};
//   ψ_ab: u = (ΛA)_{·a}, v = (ΛA)_{·b};   θ_ab: u = e_a, v = e_b;   with G = AΨAᵀ.
// So tr(C ∂Σ_s C ∂Σ_t) and tr(W ∂Σ_t) reduce to inner products of p-vectors: the expected
// information costs O(q²p) instead of the O(q²p²) of explicit p × p derivative matrices.

/** Flat workspace for one model: allocated once, reused by every evaluation. */
export interface ModelWorkspace {
  readonly spec: ModelSpecification;
  readonly p: number;
  readonly m: number;
  readonly q: number;
  readonly lambda: Float64Array;
  readonly beta: Float64Array;
  readonly psi: Float64Array;
  readonly theta: Float64Array;
  readonly nu: Float64Array;
  readonly alpha: Float64Array;
  /** (I − B)⁻¹. */
  readonly a: Float64Array;
  /** ΛA (p × m). */
  readonly la: Float64Array;
  /** G = AΨAᵀ, the latent covariance (m × m). */
  readonly g: Float64Array;
  /** ΛG (p × m). */
  readonly lg: Float64Array;
  /** Aα (m). */
  readonly aAlpha: Float64Array;
  readonly sigma: Float64Array;
  readonly mu: Float64Array;
  /** Derivative terms: pair k belongs to free parameter `pairParameter[k]` (0-based). */
  readonly pairs: number;
  readonly pairParameter: Int32Array;
  readonly pairU: Float64Array;
  readonly pairV: Float64Array;
  /** ∂μ/∂θ (q × p), zero without a mean structure. */
  readonly dMu: Float64Array;
  readonly scratch: Float64Array;
  readonly pivot: Float64Array;
}

/** Rows that are free, in derivative order (fixed rows contribute no pair). */
function derivativeRows(spec: ModelSpecification): ParameterRow[] {
  return spec.rows.filter((r) => r.free > 0 && r.matrix !== 'nu' && r.matrix !== 'alpha');
}

export function modelWorkspace(spec: ModelSpecification): ModelWorkspace {
  const p = spec.observed.length;
  const m = spec.eta.length;
  const q = spec.nFree;
  const pairs = derivativeRows(spec).length;
  const lambda = new Float64Array(p * m);
  // Dummies load 1 on their own observed variable.
  spec.dummyOf.forEach((e, i) => {
    if (e >= 0) lambda[i * m + e] = 1;
  });
  return {
    spec,
    p,
    m,
    q,
    lambda,
    beta: new Float64Array(m * m),
    psi: new Float64Array(m * m),
    theta: new Float64Array(p * p),
    nu: new Float64Array(p),
    alpha: new Float64Array(m),
    a: new Float64Array(m * m),
    la: new Float64Array(p * m),
    g: new Float64Array(m * m),
    lg: new Float64Array(p * m),
    aAlpha: new Float64Array(m),
    sigma: new Float64Array(p * p),
    mu: new Float64Array(p),
    pairs,
    pairParameter: Int32Array.from(derivativeRows(spec).map((r) => r.free - 1)),
    pairU: new Float64Array(pairs * p),
    pairV: new Float64Array(pairs * p),
    dMu: new Float64Array(q * p),
    scratch: new Float64Array(Math.max(m * m, p * m) * 2),
    pivot: new Float64Array(m * m),
  };
}

/** Writes the parameter vector into Λ, B, Ψ, Θ, ν, α (symmetric entries mirrored). */
export function fillMatrices(ws: ModelWorkspace, x: ArrayLike<number>, fixed: ArrayLike<number>): void {
  const { m, p } = ws;
  ws.beta.fill(0);
  ws.psi.fill(0);
  ws.theta.fill(0);
  ws.nu.fill(0);
  ws.alpha.fill(0);
  const rows = ws.spec.rows;
  for (let index = 0; index < rows.length; index++) {
    const r = rows[index]!;
    const v = r.free > 0 ? (x[r.free - 1] as number) : (fixed[index] as number);
    switch (r.matrix) {
      case 'lambda':
        ws.lambda[r.row * m + r.col] = v;
        break;
      case 'beta':
        ws.beta[r.row * m + r.col] = v;
        break;
      case 'psi':
        ws.psi[r.row * m + r.col] = v;
        ws.psi[r.col * m + r.row] = v;
        break;
      case 'theta':
        ws.theta[r.row * p + r.col] = v;
        ws.theta[r.col * p + r.row] = v;
        break;
      case 'nu':
        ws.nu[r.row] = v;
        break;
      case 'alpha':
        ws.alpha[r.row] = v;
        break;
    }
  }
}

/** A = (I − B)⁻¹ (Gauss–Jordan, the rotations' kernel); false when I − B is singular. */
function invertIMinusB(ws: ModelWorkspace): boolean {
  const { m, pivot: iMinusB, scratch: work } = ws;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) iMinusB[i * m + j] = (i === j ? 1 : 0) - (ws.beta[i * m + j] as number);
  return invertInto(iMinusB, m, ws.a, work);
}

/** Computes A, ΛA, G, ΛG, Σ (unless `withSigma` is false) and μ from the filled matrices; false when I − B is singular. */
export function impliedMoments(ws: ModelWorkspace, withSigma = true): boolean {
  const { p, m, a, la, g, lg, lambda, psi, scratch: t } = ws;
  if (!invertIMinusB(ws)) return false;
  // ΛA
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += (lambda[i * m + k] as number) * (a[k * m + j] as number);
      la[i * m + j] = s;
    }
  }
  // T = AΨ, G = T Aᵀ
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += (a[i * m + k] as number) * (psi[k * m + j] as number);
      t[i * m + j] = s;
    }
  }
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += (t[i * m + k] as number) * (a[j * m + k] as number);
      g[i * m + j] = s;
      g[j * m + i] = s;
    }
  }
  // ΛG
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += (lambda[i * m + k] as number) * (g[k * m + j] as number);
      lg[i * m + j] = s;
    }
  }
  if (withSigma) implySigma(ws);
  if (ws.spec.meanStructure) {
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += (a[i * m + k] as number) * (ws.alpha[k] as number);
      ws.aAlpha[i] = s;
    }
    for (let i = 0; i < p; i++) {
      let s = ws.nu[i] as number;
      for (let k = 0; k < m; k++) s += (la[i * m + k] as number) * (ws.aAlpha[k] as number);
      ws.mu[i] = s;
    }
  }
  return true;
}

/** Σ = ΛG Λᵀ + Θ from ΛG (impliedMoments computed it). */
export function implySigma(ws: ModelWorkspace): void {
  const { p, m, lg, lambda, theta, sigma } = ws;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = theta[i * p + j] as number;
      for (let k = 0; k < m; k++) s += (lg[i * m + k] as number) * (lambda[j * m + k] as number);
      sigma[i * p + j] = s;
      sigma[j * p + i] = s;
    }
  }
}

/** Fills the rank-2 derivative terms (u, v) of every free row and ∂μ/∂θ, at the current moments. */
export function derivatives(ws: ModelWorkspace): void {
  const { p, m, pairU, pairV, la, lg, dMu } = ws;
  pairU.fill(0);
  pairV.fill(0);
  dMu.fill(0);
  let k = 0;
  const means = ws.spec.meanStructure;
  for (const r of ws.spec.rows) {
    if (r.free === 0) continue;
    const t = r.free - 1;
    if (r.matrix === 'nu') {
      dMu[t * p + r.row] = (dMu[t * p + r.row] as number) + 1;
      continue;
    }
    if (r.matrix === 'alpha') {
      for (let i = 0; i < p; i++) dMu[t * p + i] = (dMu[t * p + i] as number) + (la[i * m + r.row] as number);
      continue;
    }
    const u = k * p;
    switch (r.matrix) {
      case 'lambda':
        pairU[u + r.row] = 1;
        for (let i = 0; i < p; i++) pairV[u + i] = lg[i * m + r.col] as number;
        if (means) dMu[t * p + r.row] = (dMu[t * p + r.row] as number) + (ws.aAlpha[r.col] as number);
        break;
      case 'beta':
        for (let i = 0; i < p; i++) {
          pairU[u + i] = la[i * m + r.row] as number;
          pairV[u + i] = lg[i * m + r.col] as number;
        }
        if (means) for (let i = 0; i < p; i++) dMu[t * p + i] = (dMu[t * p + i] as number) + (la[i * m + r.row] as number) * (ws.aAlpha[r.col] as number);
        break;
      case 'psi': {
        const half = r.row === r.col ? 0.5 : 1;
        for (let i = 0; i < p; i++) {
          pairU[u + i] = la[i * m + r.row] as number;
          pairV[u + i] = half * (la[i * m + r.col] as number);
        }
        break;
      }
      case 'theta':
        pairU[u + r.row] = 1;
        pairV[u + r.col] = r.row === r.col ? 0.5 : 1;
        break;
    }
    k++;
  }
}

/**
 * ∇F from W = ∂F/∂Σ (p × p, symmetric) and g_μ = ∂F/∂μ: ∂F/∂θ_t = Σ over t's terms 2uᵀWv + g_μᵀ∂μ/∂θ_t
 * (`derivatives(ws)` must hold the terms at the current point).
 */
export function contractGradient(ws: ModelWorkspace, w: Float64Array, meanGradient: Float64Array | null, grad: Float64Array): void {
  const { p, q, pairs, pairU, pairV, pairParameter, dMu } = ws;
  grad.fill(0);
  for (let a = 0; a < pairs; a++) {
    let s = 0;
    for (let i = 0; i < p; i++) {
      const ui = pairU[a * p + i] as number;
      if (ui === 0) continue;
      let wv = 0;
      for (let j = 0; j < p; j++) wv += (w[i * p + j] as number) * (pairV[a * p + j] as number);
      s += ui * wv;
    }
    const t = pairParameter[a] as number;
    grad[t] = (grad[t] as number) + 2 * s;
  }
  if (meanGradient === null) return;
  for (let t = 0; t < q; t++) {
    let s = 0;
    for (let i = 0; i < p; i++) s += (meanGradient[i] as number) * (dMu[t * p + i] as number);
    grad[t] = (grad[t] as number) + s;
  }
}
