import { choleskyInPlace, choleskySolveInPlace } from '../linalg/solve.js';
import type { ModelWorkspace } from './model.js';
import type { ParameterOp } from './specification.js';

// Modification indices as lavaan's `modindices()`: every loading, residual covariance, latent
// covariance and regression among the structural variables the model does not estimate is freed
// in turn (score test). With s_j the score of the
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
  /** ȳ_k − μ_k (pattern positions) under a mean structure, else null. */
  readonly deviation: Float64Array | null;
}

export interface ModificationCandidate {
  readonly lhs: string;
  readonly op: '=~' | '~~' | '~' | '~1';
  readonly rhs: string;
  /** Derivative term of Σ: u vᵀ + v uᵀ (p-vectors). */
  readonly u: Float64Array;
  readonly v: Float64Array;
  /** ∂μ (p-vector) under a mean structure with nonzero latent means, else null. */
  readonly mu: Float64Array | null;
}

export interface RawModificationIndex {
  readonly lhs: string;
  readonly op: ParameterOp;
  readonly rhs: string;
  readonly mi: number;
  readonly epc: number;
}

/** The candidates: loadings, residual covariances of indicators, regressions, latent covariances and (with a mean structure) latent means and intercepts not free in the model. */
export function modificationCandidates(ws: ModelWorkspace): ModificationCandidate[] {
  const { spec, p, m, la, lg, aAlpha } = ws;
  // With latent means, a loading λ_if also moves μ_i by (Aα)_f, a regression β_ab moves μ by (ΛA)_a (Aα)_b.
  const meanShift = (column: Float64Array | null, f: number): Float64Array | null => {
    const shift = spec.meanStructure ? (aAlpha[f] as number) : 0;
    if (shift === 0 || column === null) return null;
    return column.map((x) => x * shift);
  };
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
      out.push({ lhs: f, op: '=~', rhs: spec.observed[i]!, u: unit(i), v: Float64Array.from({ length: p }, (_, k) => lg[k * m + fi] as number), mu: meanShift(unit(i), fi) });
    }
  });
  for (let a = 0; a < plain.length; a++) {
    for (let b = a + 1; b < plain.length; b++) {
      const i = plain[a]!;
      const j = plain[b]!;
      if (free.has(`theta:${Math.max(i, j)}:${Math.min(i, j)}`)) continue;
      out.push({ lhs: spec.observed[i]!, op: '~~', rhs: spec.observed[j]!, u: unit(i), v: unit(j), mu: null });
    }
  }
  // Regressions among the structural variables (latents, and observed variables in regressions):
  // ∂Σ/∂β_ab = (ΛA)_a (ΛG)_bᵀ + transpose.
  // An exogenous covariate (fixed.x) is not made an outcome: its moments are not modelled.
  for (let a = 0; a < spec.eta.length; a++) {
    if (spec.exogenous.includes(spec.eta[a]!)) continue;
    for (let b = 0; b < spec.eta.length; b++) {
      if (a === b || free.has(`beta:${a}:${b}`)) continue;
      const u = Float64Array.from({ length: p }, (_, k) => la[k * m + a] as number);
      out.push({
        lhs: spec.eta[a]!,
        op: '~',
        rhs: spec.eta[b]!,
        u,
        v: Float64Array.from({ length: p }, (_, k) => lg[k * m + b] as number),
        mu: meanShift(u, b),
      });
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
        mu: null,
      });
    }
  }
  // Under a mean structure: fixed latent means (∂μ = (ΛA)_f) and fixed intercepts (∂μ = e_i).
  if (spec.meanStructure) {
    const zero = new Float64Array(p);
    spec.latent.forEach((f, a) => {
      if (free.has(`alpha:${a}:0`)) return;
      out.push({ lhs: f, op: '~1', rhs: '', u: zero, v: zero, mu: Float64Array.from({ length: p }, (_, k) => la[k * m + a] as number) });
    });
    for (const i of plain) {
      if (free.has(`nu:${i}:0`)) continue;
      out.push({ lhs: spec.observed[i]!, op: '~1', rhs: '', u: zero, v: zero, mu: unit(i) });
    }
  }
  return out;
}

/** A p-vector's nonzero entries (most derivative vectors are unit vectors). */
interface Sparse {
  readonly index: Int32Array;
  readonly value: Float64Array;
}

function sparse(x: Float64Array, from: number, p: number): Sparse {
  const index: number[] = [];
  const value: number[] = [];
  for (let i = 0; i < p; i++) {
    const v = x[from + i] as number;
    if (v !== 0) {
      index.push(i);
      value.push(v);
    }
  }
  return { index: Int32Array.from(index), value: Float64Array.from(value) };
}

/** xᵀ y for sparse x and a dense y indexed by variable through `position` (−1 = not observed). */
function dot(x: Sparse, y: Float64Array, yFrom: number, position: Int32Array): number {
  let s = 0;
  for (let k = 0; k < x.index.length; k++) {
    const pos = position[x.index[k] as number] as number;
    if (pos >= 0) s += (x.value[k] as number) * (y[yFrom + pos] as number);
  }
  return s;
}

/** xᵀ A y for sparse x, y and a pattern matrix A (p_k × p_k). */
function quadratic(x: Sparse, a: Float64Array, y: Sparse, position: Int32Array, pk: number): number {
  let s = 0;
  for (let i = 0; i < x.index.length; i++) {
    const pi = position[x.index[i] as number] as number;
    if (pi < 0) continue;
    let row = 0;
    for (let j = 0; j < y.index.length; j++) {
      const pj = position[y.index[j] as number] as number;
      if (pj >= 0) row += (a[pi * pk + pj] as number) * (y.value[j] as number);
    }
    s += (x.value[i] as number) * row;
  }
  return s;
}

/**
 * MI and EPC of every candidate. `ws` holds the moments and derivative terms at the estimates
 * (`derivatives(ws)` called); `information` is the model's expected information per case. The
 * candidates' derivative vectors are mostly unit vectors (a residual covariance: e_a, e_b; a
 * loading: e_i and a column of ΛG), so their products with the model's terms are taken sparsely.
 */
export function modificationIndices(ws: ModelWorkspace, patterns: readonly InformationPattern[], information: Float64Array, n: number): RawModificationIndex[] {
  const { p, q, pairs, pairU, pairV, pairParameter, dMu } = ws;
  const candidates = modificationCandidates(ws);
  const k = candidates.length;
  if (k === 0) return [];
  const cu0 = candidates.map((c) => sparse(c.u, 0, p));
  const cv0 = candidates.map((c) => sparse(c.v, 0, p));
  const cross = new Float64Array(k * q);
  const diagonal = new Float64Array(k);
  const score = new Float64Array(k);
  const mu = new Float64Array(pairs * p);
  const mv = new Float64Array(pairs * p);
  const position = new Int32Array(p);
  for (const pat of patterns) {
    const o = pat.observed;
    const po = o.length;
    const c = pat.inverse;
    position.fill(-1);
    o.forEach((v, i) => (position[v] = i));
    // The model's terms times C (pattern positions).
    for (let t = 0; t < pairs; t++) {
      for (let a = 0; a < po; a++) {
        let su = 0;
        let sv = 0;
        for (let b = 0; b < po; b++) {
          const cab = c[a * po + b] as number;
          su += cab * (pairU[t * p + (o[b] as number)] as number);
          sv += cab * (pairV[t * p + (o[b] as number)] as number);
        }
        mu[t * p + a] = su;
        mv[t * p + a] = sv;
      }
    }
    // W_k = C − C M C, M = S_k + d dᵀ: the score of a term is −uᵀW v per case.
    const cm = new Float64Array(po * po);
    for (let a = 0; a < po; a++) {
      for (let b = 0; b < po; b++) {
        let x = 0;
        for (let e = 0; e < po; e++) x += (c[a * po + e] as number) * (pat.moments[e * po + b] as number);
        cm[a * po + b] = x;
      }
    }
    const w = new Float64Array(po * po);
    for (let a = 0; a < po; a++) {
      for (let b = 0; b < po; b++) {
        let x = 0;
        for (let e = 0; e < po; e++) x += (cm[a * po + e] as number) * (c[e * po + b] as number);
        w[a * po + b] = (c[a * po + b] as number) - x;
      }
    }
    for (let j = 0; j < k; j++) {
      const u = cu0[j]!;
      const v = cv0[j]!;
      score[j] = (score[j] as number) - pat.weight * quadratic(u, w, v, position, po);
      // Cross terms with the model's terms: (vᵀCu_b)(uᵀCv_b) + (vᵀCv_b)(uᵀCu_b).
      for (let b = 0; b < pairs; b++) {
        const value = pat.weight * (dot(v, mu, b * p, position) * dot(u, mv, b * p, position) + dot(v, mv, b * p, position) * dot(u, mu, b * p, position));
        const s = pairParameter[b] as number;
        cross[j * q + s] = (cross[j * q + s] as number) + value;
      }
      diagonal[j] = (diagonal[j] as number) + pat.weight * (quadratic(v, c, u, position, po) * quadratic(u, c, v, position, po) + quadratic(v, c, v, position, po) * quadratic(u, c, u, position, po));
      // The mean part: score dμᵀC d, information dμᵀC dμ and dμᵀC ∂μ_s.
      const dm = candidates[j]!.mu;
      if (dm !== null && pat.deviation !== null) {
        const cdm = new Float64Array(po);
        for (let a = 0; a < po; a++) {
          let x = 0;
          for (let b = 0; b < po; b++) x += (c[a * po + b] as number) * (dm[o[b] as number] as number);
          cdm[a] = x;
        }
        let sc = 0;
        let dd = 0;
        for (let a = 0; a < po; a++) {
          sc += (cdm[a] as number) * (pat.deviation[a] as number);
          dd += (cdm[a] as number) * (dm[o[a] as number] as number);
        }
        score[j] = (score[j] as number) + pat.weight * sc;
        diagonal[j] = (diagonal[j] as number) + pat.weight * dd;
        for (let s = 0; s < q; s++) {
          let x = 0;
          for (let a = 0; a < po; a++) x += (cdm[a] as number) * (dMu[s * p + (o[a] as number)] as number);
          if (x !== 0) cross[j * q + s] = (cross[j * q + s] as number) + pat.weight * x;
        }
      }
    }
  }
  const chol = Float64Array.from(information);
  if (q > 0 && !choleskyInPlace(chol, q)) return [];
  const out: RawModificationIndex[] = [];
  const row = new Float64Array(q);
  const solved = new Float64Array(q);
  for (let j = 0; j < k; j++) {
    for (let s = 0; s < q; s++) row[s] = cross[j * q + s] as number;
    solved.set(row);
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
