import { choleskyInPlace, choleskySolveInPlace } from '../linalg/solve.js';
import type { ModelWorkspace } from './model.js';
import type { ParameterOp } from './specification.js';

// Modification indices as lavaan's `modindices()`: every loading, residual covariance and latent
// covariance the model does not estimate is freed in turn (score test). With s_j the score of the
// candidate (the derivative of log L per case at the estimates, the candidate at its current value)
// and I the expected information of the model extended by every candidate,
//   V_j = I_jj − I_jθ I_θθ⁻¹ I_θj,   MI_j = N·s_j² / V_j,   EPC_j = s_j / V_j,
// lavaan's defaults (information = "expected"; candidates with V_j < ε^(1/3) are not identified
// and left out). Under FIML the information and scores are summed over the missing-data patterns.
// Reference: Sörbom, D. (1989). Model modification. Psychometrika, 54, 371–384.

/** One missing-data pattern (complete data: one pattern with every variable). */
export interface InformationPattern {
  readonly weight: number;
  readonly observed: Int32Array;
  /** Σ_k⁻¹ (p_k × p_k) and S_k + d_k d_kᵀ (p_k × p_k) at the estimates. */
  readonly inverse: Float64Array;
  readonly moments: Float64Array;
}

export interface ModificationCandidate {
  readonly lhs: string;
  readonly op: '=~' | '~~';
  readonly rhs: string;
  /** Derivative term of Σ: u vᵀ + v uᵀ (p-vectors). */
  readonly u: Float64Array;
  readonly v: Float64Array;
}

export interface RawModificationIndex {
  readonly lhs: string;
  readonly op: ParameterOp;
  readonly rhs: string;
  readonly mi: number;
  readonly epc: number;
}

/** The candidates: loadings, residual covariances of indicators and latent covariances not free in the model. */
export function modificationCandidates(ws: ModelWorkspace): ModificationCandidate[] {
  const { spec, p, m, la, lg } = ws;
  const free = new Set(spec.rows.filter((r) => r.free > 0).map((r) => `${r.matrix}:${r.row}:${r.col}`));
  const out: ModificationCandidate[] = [];
  const unit = (i: number, value = 1) => {
    const e = new Float64Array(p);
    e[i] = value;
    return e;
  };
  const plain = spec.observed.map((v, i) => (spec.dummyOf[i]! < 0 && !spec.exogenous.includes(v) ? i : -1)).filter((i) => i >= 0);
  spec.latent.forEach((f, fi) => {
    for (const i of plain) {
      if (free.has(`lambda:${i}:${fi}`)) continue;
      out.push({ lhs: f, op: '=~', rhs: spec.observed[i]!, u: unit(i), v: Float64Array.from({ length: p }, (_, k) => lg[k * m + fi] as number) });
    }
  });
  for (let a = 0; a < plain.length; a++) {
    for (let b = a + 1; b < plain.length; b++) {
      const i = plain[a]!;
      const j = plain[b]!;
      if (free.has(`theta:${Math.max(i, j)}:${Math.min(i, j)}`)) continue;
      out.push({ lhs: spec.observed[i]!, op: '~~', rhs: spec.observed[j]!, u: unit(i), v: unit(j) });
    }
  }
  for (let a = 0; a < spec.latent.length; a++) {
    for (let b = a + 1; b < spec.latent.length; b++) {
      if (free.has(`psi:${b}:${a}`)) continue;
      out.push({
        lhs: spec.latent[a]!,
        op: '~~',
        rhs: spec.latent[b]!,
        u: Float64Array.from({ length: p }, (_, k) => la[k * m + a] as number),
        v: Float64Array.from({ length: p }, (_, k) => la[k * m + b] as number),
      });
    }
  }
  return out;
}

/**
 * MI and EPC of every candidate. `ws` holds the moments and derivative terms at the estimates
 * (`derivatives(ws)` called); `information` is the model's expected information per case.
 */
export function modificationIndices(ws: ModelWorkspace, patterns: readonly InformationPattern[], information: Float64Array, n: number): RawModificationIndex[] {
  const { p, q, pairs, pairU, pairV, pairParameter } = ws;
  const candidates = modificationCandidates(ws);
  const k = candidates.length;
  if (k === 0) return [];
  // All derivative terms: the model's, then one per candidate (parameter index q + j).
  const total = pairs + k;
  const U = new Float64Array(total * p);
  const V = new Float64Array(total * p);
  U.set(pairU.subarray(0, pairs * p));
  V.set(pairV.subarray(0, pairs * p));
  candidates.forEach((c, j) => {
    U.set(c.u, (pairs + j) * p);
    V.set(c.v, (pairs + j) * p);
  });
  const param = (t: number) => (t < pairs ? (pairParameter[t] as number) : q + (t - pairs));
  // Cross information I_cθ (k × q), candidate diagonal I_cc, and scores.
  const cross = new Float64Array(k * q);
  const diagonal = new Float64Array(k);
  const score = new Float64Array(k);
  const cu = new Float64Array(total * p);
  const cv = new Float64Array(total * p);
  for (const pat of patterns) {
    const o = pat.observed;
    const po = o.length;
    const c = pat.inverse;
    for (let t = 0; t < total; t++) {
      for (let a = 0; a < po; a++) {
        let su = 0;
        let sv = 0;
        for (let b = 0; b < po; b++) {
          const cab = c[a * po + b] as number;
          su += cab * (U[t * p + (o[b] as number)] as number);
          sv += cab * (V[t * p + (o[b] as number)] as number);
        }
        cu[t * p + a] = su;
        cv[t * p + a] = sv;
      }
    }
    // W_k = C − C M C, with M = S_k + d dᵀ: the score of a term is −(uᵀW v) per case.
    for (let j = 0; j < k; j++) {
      const t = pairs + j;
      // uᵀ(C − CMC)v = uᵀCv − (Cu)ᵀM(Cv)
      let uCv = 0;
      let quad = 0;
      for (let a = 0; a < po; a++) {
        const ua = U[t * p + (o[a] as number)] as number;
        uCv += ua * (cv[t * p + a] as number);
        let mcv = 0;
        for (let b = 0; b < po; b++) mcv += (pat.moments[a * po + b] as number) * (cv[t * p + b] as number);
        quad += (cu[t * p + a] as number) * mcv;
      }
      score[j] = (score[j] as number) - pat.weight * (uCv - quad);
      for (let b = 0; b < total; b++) {
        let uCu = 0;
        let uCv2 = 0;
        let vCu = 0;
        let vCv = 0;
        for (let e = 0; e < po; e++) {
          const oe = o[e] as number;
          const ui = U[t * p + oe] as number;
          const vi = V[t * p + oe] as number;
          uCu += ui * (cu[b * p + e] as number);
          uCv2 += ui * (cv[b * p + e] as number);
          vCu += vi * (cu[b * p + e] as number);
          vCv += vi * (cv[b * p + e] as number);
        }
        const value = pat.weight * (vCu * uCv2 + vCv * uCu);
        const s = param(b);
        if (s < q) cross[j * q + s] = (cross[j * q + s] as number) + value;
        else if (s === q + j) diagonal[j] = (diagonal[j] as number) + value;
      }
    }
  }
  const chol = Float64Array.from(information);
  if (q > 0 && !choleskyInPlace(chol, q)) return [];
  const out: RawModificationIndex[] = [];
  const row = new Float64Array(q);
  for (let j = 0; j < k; j++) {
    for (let s = 0; s < q; s++) row[s] = cross[j * q + s] as number;
    const solved = Float64Array.from(row);
    if (q > 0) choleskySolveInPlace(chol, q, solved);
    let reduction = 0;
    for (let s = 0; s < q; s++) reduction += (row[s] as number) * (solved[s] as number);
    const v = (diagonal[j] as number) - reduction;
    if (!(v >= Math.cbrt(Number.EPSILON))) continue;
    const s = score[j] as number;
    const c = candidates[j]!;
    out.push({ lhs: c.lhs, op: c.op, rhs: c.rhs, mi: (n * s * s) / v, epc: s / v });
  }
  return out.sort((a, b) => b.mi - a.mi);
}
