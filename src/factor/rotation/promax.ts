import { invertInto } from '../internal/dense.js';
import { kaiserNormalize } from './kaiser.js';
import { kaiserVarimax } from './kaiser-varimax.js';

/** Output of {@link promaxRotate}. */
export interface PromaxRun {
  readonly loadings: Float64Array;
  /** k × k U with L = A·U (psych's `rotmat`). */
  readonly rotationMatrix: Float64Array;
  /** k × k factor correlations U⁻¹U⁻ᵀ. */
  readonly phi: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Promax (Hendrickson & White 1964) as psych: varimax (stats::varimax, Kaiser-normalised), target
 * Q = L∘|L|^{m−1}, least-squares U = (LᵀL)⁻¹LᵀQ rescaled by diag((UᵀU)⁻¹)^½, pattern L·U,
 * Φ = U⁻¹U⁻ᵀ. With `normalize` (psych's `rotate = "promax"`, via psych::kaiser) rows are
 * divided by √h² before and multiplied back after; without it this is psych's `Promax`.
 * Returns null if the target regression is singular.
 */
export function promaxRotate(a: Float64Array, p: number, k: number, power = 4, normalize = true): PromaxRun | null {
  const x = Float64Array.from(a);
  const h = normalize ? kaiserNormalize(x, p, k) : new Float64Array(p).fill(1);
  const vm = kaiserVarimax(x, p, k, true);
  const l = vm.loadings;
  const kk = k * k;
  const xtx = new Float64Array(kk);
  const xtq = new Float64Array(kk);
  for (let i = 0; i < p; i++) {
    for (let m = 0; m < k; m++) {
      const lm = l[i * k + m] as number;
      for (let j = 0; j < k; j++) {
        const v = l[i * k + j] as number;
        xtx[m * k + j] = (xtx[m * k + j] as number) + lm * v;
        xtq[m * k + j] = (xtq[m * k + j] as number) + lm * v * Math.abs(v) ** (power - 1);
      }
    }
  }
  const inv = new Float64Array(kk);
  const work = new Float64Array(kk);
  if (!invertInto(xtx, k, inv, work)) return null;
  const U = new Float64Array(kk);
  for (let m = 0; m < k; m++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += (inv[m * k + t] as number) * (xtq[t * k + j] as number);
      U[m * k + j] = s;
    }
  }
  const utu = new Float64Array(kk);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += (U[t * k + i] as number) * (U[t * k + j] as number);
      utu[i * k + j] = s;
    }
  }
  if (!invertInto(utu, k, inv, work)) return null;
  for (let j = 0; j < k; j++) {
    const f = Math.sqrt(inv[j * k + j] as number);
    for (let i = 0; i < k; i++) U[i * k + j] = (U[i * k + j] as number) * f;
  }
  const loadings = new Float64Array(p * k);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += (l[i * k + t] as number) * (U[t * k + j] as number);
      loadings[i * k + j] = s * (h[i] as number);
    }
  }
  // Full rotation: varimax T then U.
  const rot = new Float64Array(kk);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += (vm.t[i * k + t] as number) * (U[t * k + j] as number);
      rot[i * k + j] = s;
    }
  }
  if (!invertInto(rot, k, inv, work)) return null;
  const phi = new Float64Array(kk);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += (inv[i * k + t] as number) * (inv[j * k + t] as number);
      phi[i * k + j] = s;
    }
  }
  return { loadings, rotationMatrix: rot, phi, iterations: vm.iterations, converged: vm.converged };
}
