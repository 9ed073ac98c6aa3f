// Rotation criteria Q(L) and their gradients dQ/dL, as GPArotation's vgQ.* functions, on flat
// p × k row-major arrays. Each writes the gradient into `gq` and returns Q; `scratch` holds
// p·k + k numbers. GPA minimises Q.

/** A rotation criterion for the gradient-projection engine. */
export interface RotationCriterion {
  readonly name: string;
  /** Writes dQ/dL into `gq` and returns Q(L). */
  evaluate(l: Float64Array, p: number, k: number, gq: Float64Array, scratch: Float64Array): number;
}

/**
 * Oblimin family (Carroll 1957; Jennrich 2002): Q = ¼ Σ (L∘L)ᵀ(I − γ/p·11ᵀ)(L∘L)N with N = 11ᵀ − I.
 * γ = 0 is quartimin, 0.5 biquartimin, 1 covarimin. As GPArotation::vgQ.oblimin.
 */
export function oblimin(gamma = 0): RotationCriterion {
  return {
    name: gamma === 0 ? 'quartimin' : `oblimin(gamma = ${gamma})`,
    evaluate(l, p, k, gq, scratch) {
      // X = L² · (11ᵀ − I): row sum of squares minus own square.
      for (let i = 0; i < p; i++) {
        let rs = 0;
        for (let j = 0; j < k; j++) rs += (l[i * k + j] as number) ** 2;
        for (let j = 0; j < k; j++) scratch[i * k + j] = rs - (l[i * k + j] as number) ** 2;
      }
      if (gamma !== 0) {
        const colMean = p * k;
        for (let j = 0; j < k; j++) {
          let s = 0;
          for (let i = 0; i < p; i++) s += scratch[i * k + j] as number;
          scratch[colMean + j] = (gamma / p) * s;
        }
        for (let i = 0; i < p; i++) for (let j = 0; j < k; j++) scratch[i * k + j] = (scratch[i * k + j] as number) - (scratch[colMean + j] as number);
      }
      let f = 0;
      for (let t = 0; t < p * k; t++) {
        const v = l[t] as number;
        const x = scratch[t] as number;
        gq[t] = v * x;
        f += v * v * x;
      }
      return f / 4;
    },
  };
}

/** Quartimax (orthogonal): Q = −¼ Σ L⁴. As GPArotation::vgQ.quartimax. */
export const quartimax: RotationCriterion = {
  name: 'quartimax',
  evaluate(l, p, k, gq) {
    let f = 0;
    for (let t = 0; t < p * k; t++) {
      const v = l[t] as number;
      gq[t] = -v * v * v;
      f += v * v * v * v;
    }
    return -f / 4;
  },
};

/** Varimax: Q = −¼ ‖L² − 1·colMeans(L²)‖². As GPArotation::vgQ.varimax. */
export const varimaxCriterion: RotationCriterion = {
  name: 'varimax',
  evaluate(l, p, k, gq, scratch) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let i = 0; i < p; i++) s += (l[i * k + j] as number) ** 2;
      scratch[j] = s / p;
    }
    let f = 0;
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < k; j++) {
        const v = l[i * k + j] as number;
        const q = v * v - (scratch[j] as number);
        gq[i * k + j] = -v * q;
        f += q * q;
      }
    }
    return -f / 4;
  },
};

/**
 * Geomin (Yates 1987; Browne 2001): Q = Σᵢ (Πⱼ (Lᵢⱼ² + δ))^{1/k}. As GPArotation::vgQ.geomin.
 */
export function geomin(delta = 0.01): RotationCriterion {
  return {
    name: `geomin(delta = ${delta})`,
    evaluate(l, p, k, gq) {
      let f = 0;
      for (let i = 0; i < p; i++) {
        let logSum = 0;
        for (let j = 0; j < k; j++) logSum += Math.log((l[i * k + j] as number) ** 2 + delta);
        const pro = Math.exp(logSum / k);
        f += pro;
        for (let j = 0; j < k; j++) {
          const v = l[i * k + j] as number;
          gq[i * k + j] = ((2 / k) * v * pro) / (v * v + delta);
        }
      }
      return f;
    },
  };
}
