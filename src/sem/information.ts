import type { ModelWorkspace } from './model.js';

// The expected information per case, ½ tr(C ∂Σ_s C ∂Σ_t) + ∂μ_sᵀ C ∂μ_t, summed over blocks of
// observed variables with weights: one block of every variable for complete data (C = Σ⁻¹), one per
// missing-data pattern under FIML (C = Σ_k⁻¹). With ∂Σ = u vᵀ + v uᵀ a term pair costs four inner
// products, and most u and v (loadings, residual (co)variances) and most ∂μ (intercepts) are
// multiples of unit vectors, which take one entry each.

export class InformationAccumulator {
  private readonly cu: Float64Array;
  private readonly cv: Float64Array;
  private readonly cm: Float64Array;
  private readonly unitU: Int32Array;
  private readonly unitV: Int32Array;
  private readonly unitScaleU: Float64Array;
  private readonly unitScaleV: Float64Array;
  private readonly position: Int32Array;
  private readonly meanParameters: Int32Array;
  private readonly meanUnit: Int32Array;
  private readonly meanScale: Float64Array;
  private meanCount = 0;

  constructor(
    private readonly ws: ModelWorkspace,
    /** Receives the information (q × q). */
    readonly info: Float64Array,
  ) {
    const { p, q, pairs } = ws;
    this.cu = new Float64Array(pairs * p);
    this.cv = new Float64Array(pairs * p);
    this.cm = new Float64Array(q * p);
    this.unitU = new Int32Array(pairs);
    this.unitV = new Int32Array(pairs);
    this.unitScaleU = new Float64Array(pairs);
    this.unitScaleV = new Float64Array(pairs);
    this.position = new Int32Array(p);
    this.meanParameters = new Int32Array(q);
    this.meanUnit = new Int32Array(q);
    this.meanScale = new Float64Array(q);
  }

  /** C·v of each term at the positions of the last block added (the casewise scores of complete data use it). */
  get cvTerms(): Float64Array {
    return this.cv;
  }

  /** Starts a sum at the current derivative terms (`derivatives(ws)` called): zeroes `info`, finds the unit vectors. */
  begin(): void {
    const { ws, unitU, unitV, unitScaleU, unitScaleV, meanParameters, meanUnit, meanScale } = this;
    const { p, q, pairs, pairU, pairV, dMu } = ws;
    this.info.fill(0);
    this.meanCount = 0;
    // The parameters whose ∂μ is not zero, and which of them move one mean only.
    for (let t = 0; t < q; t++) {
      let nonzero = 0;
      let at = -1;
      for (let i = 0; i < p; i++) {
        if ((dMu[t * p + i] as number) !== 0) {
          nonzero++;
          at = i;
        }
      }
      if (nonzero === 0) continue;
      meanParameters[this.meanCount] = t;
      meanUnit[this.meanCount] = nonzero === 1 ? at : -1;
      meanScale[this.meanCount] = nonzero === 1 ? (dMu[t * p + at] as number) : 0;
      this.meanCount++;
    }
    // Which terms' u and v are multiples of a unit vector (the index, or −1).
    for (let a = 0; a < pairs; a++) {
      unitU[a] = -1;
      unitV[a] = -1;
      let nu = 0;
      let nv = 0;
      for (let i = 0; i < p; i++) {
        if ((pairU[a * p + i] as number) !== 0) {
          nu++;
          unitU[a] = i;
          unitScaleU[a] = pairU[a * p + i] as number;
        }
        if ((pairV[a * p + i] as number) !== 0) {
          nv++;
          unitV[a] = i;
          unitScaleV[a] = pairV[a * p + i] as number;
        }
      }
      if (nu !== 1) unitU[a] = -1;
      if (nv !== 1) unitV[a] = -1;
      // A zero vector contributes nothing: treat it as a unit vector with scale 0.
      if (nu === 0) {
        unitU[a] = 0;
        unitScaleU[a] = 0;
      }
      if (nv === 0) {
        unitV[a] = 0;
        unitScaleV[a] = 0;
      }
    }
  }

  /** Adds weight × the information of the block of `observed` variables with C (k × k, k = observed.length). */
  add(c: Float64Array, observed: Int32Array, weight: number): void {
    const { ws, info, cu, cv, cm, unitU, unitV, unitScaleU, unitScaleV, position, meanParameters, meanUnit, meanScale, meanCount } = this;
    const { p, q, pairs, pairU, pairV, pairParameter, dMu } = ws;
    const o = observed;
    const k = o.length;
    position.fill(-1);
    for (let e = 0; e < k; e++) position[o[e] as number] = e;
    // Information: the rank-2 terms restricted to the observed variables.
    for (let t = 0; t < pairs; t++) {
      // C·u: a column of C when u is a unit vector, else a full product (and the same for v).
      const iu = unitU[t] as number;
      const iv = unitV[t] as number;
      const eu = iu >= 0 ? (position[iu] as number) : -1;
      const ev = iv >= 0 ? (position[iv] as number) : -1;
      for (let a = 0; a < k; a++) {
        let su = 0;
        let sv = 0;
        if (iu >= 0) su = eu >= 0 ? (unitScaleU[t] as number) * (c[a * k + eu] as number) : 0;
        else for (let b = 0; b < k; b++) su += (c[a * k + b] as number) * (pairU[t * p + (o[b] as number)] as number);
        if (iv >= 0) sv = ev >= 0 ? (unitScaleV[t] as number) * (c[a * k + ev] as number) : 0;
        else for (let b = 0; b < k; b++) sv += (c[a * k + b] as number) * (pairV[t * p + (o[b] as number)] as number);
        cu[t * p + a] = su;
        cv[t * p + a] = sv;
      }
    }
    for (let a = 0; a < pairs; a++) {
      const s = pairParameter[a] as number;
      for (let b = 0; b < pairs; b++) {
        const tt = pairParameter[b] as number;
        if (tt < s) continue;
        let uCu = 0;
        let uCv = 0;
        let vCu = 0;
        let vCv = 0;
        // Loadings and residual (co)variances have unit vectors u (and v): one entry each.
        const iu = unitU[a] as number;
        const iv = unitV[a] as number;
        if (iu >= 0 && iv >= 0) {
          const eu = position[iu] as number;
          const ev = position[iv] as number;
          const su = unitScaleU[a] as number;
          const sv = unitScaleV[a] as number;
          if (eu >= 0) {
            uCu = su * (cu[b * p + eu] as number);
            uCv = su * (cv[b * p + eu] as number);
          }
          if (ev >= 0) {
            vCu = sv * (cu[b * p + ev] as number);
            vCv = sv * (cv[b * p + ev] as number);
          }
        } else if (iu >= 0) {
          const eu = position[iu] as number;
          const su = unitScaleU[a] as number;
          if (eu >= 0) {
            uCu = su * (cu[b * p + eu] as number);
            uCv = su * (cv[b * p + eu] as number);
          }
          for (let e = 0; e < k; e++) {
            const vi = pairV[a * p + (o[e] as number)] as number;
            vCu += vi * (cu[b * p + e] as number);
            vCv += vi * (cv[b * p + e] as number);
          }
        } else {
          for (let e = 0; e < k; e++) {
            const oe = o[e] as number;
            const ui = pairU[a * p + oe] as number;
            const vi = pairV[a * p + oe] as number;
            const cui = cu[b * p + e] as number;
            const cvi = cv[b * p + e] as number;
            uCu += ui * cui;
            uCv += ui * cvi;
            vCu += vi * cui;
            vCv += vi * cvi;
          }
        }
        info[s * q + tt] = (info[s * q + tt] as number) + weight * (vCu * uCv + vCv * uCu);
      }
    }
    // Mean part ∂μ_sᵀ Σ_k⁻¹ ∂μ_t, over the parameters that move μ (intercepts: unit vectors).
    for (let si = 0; si < meanCount; si++) {
      const s = meanParameters[si] as number;
      const us = meanUnit[si] as number;
      if (us >= 0) {
        const es = position[us] as number;
        if (es < 0) continue;
        for (let a = 0; a < k; a++) cm[s * p + a] = (meanScale[si] as number) * (c[a * k + es] as number);
      } else {
        for (let a = 0; a < k; a++) {
          let v = 0;
          for (let b = 0; b < k; b++) v += (c[a * k + b] as number) * (dMu[s * p + (o[b] as number)] as number);
          cm[s * p + a] = v;
        }
      }
      for (let ti = si; ti < meanCount; ti++) {
        const tt = meanParameters[ti] as number;
        const ut = meanUnit[ti] as number;
        let v = 0;
        if (ut >= 0) {
          const et = position[ut] as number;
          if (et < 0) continue;
          v = (meanScale[ti] as number) * (cm[s * p + et] as number);
        } else {
          for (let a = 0; a < k; a++) v += (cm[s * p + a] as number) * (dMu[tt * p + (o[a] as number)] as number);
        }
        const lo = Math.min(s, tt);
        const hi = Math.max(s, tt);
        if (v !== 0) info[lo * q + hi] = (info[lo * q + hi] as number) + weight * v;
      }
    }
  }

  /** Mirrors the accumulated upper triangle (every ordered pair of terms with t ≥ s, so a parameter with several terms, equal labels, gets all its cross terms). */
  end(): void {
    const { info } = this;
    const q = this.ws.q;
    for (let s = 0; s < q; s++) for (let t = 0; t < s; t++) info[s * q + t] = info[t * q + s] as number;
  }
}
