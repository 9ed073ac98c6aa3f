import { crossprodInto, multiplyInto, tcrossprodInto } from '../../linalg/products.js';
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
  // Target Q = L∘|L|^{m−1}, then U = (LᵀL)⁻¹·LᵀQ (psych: lm.fit of Q on L).
  const q = new Float64Array(p * k);
  for (let t = 0; t < p * k; t++) {
    const v = l[t] as number;
    q[t] = v * Math.abs(v) ** (power - 1);
  }
  const xtx = new Float64Array(kk);
  const xtq = new Float64Array(kk);
  crossprodInto(l, l, p, k, k, xtx);
  crossprodInto(l, q, p, k, k, xtq);
  const inv = new Float64Array(kk);
  const work = new Float64Array(kk);
  if (!invertInto(xtx, k, inv, work)) return null;
  const U = new Float64Array(kk);
  multiplyInto(inv, xtq, k, k, k, U);
  const utu = new Float64Array(kk);
  crossprodInto(U, U, k, k, k, utu);
  if (!invertInto(utu, k, inv, work)) return null;
  for (let j = 0; j < k; j++) {
    const f = Math.sqrt(inv[j * k + j] as number);
    for (let i = 0; i < k; i++) U[i * k + j] = (U[i * k + j] as number) * f;
  }
  const loadings = new Float64Array(p * k);
  multiplyInto(l, U, p, k, k, loadings);
  for (let i = 0; i < p; i++) for (let j = 0; j < k; j++) loadings[i * k + j] = (loadings[i * k + j] as number) * (h[i] as number);
  // Full rotation: varimax T then U.
  const rot = new Float64Array(kk);
  multiplyInto(vm.t, U, k, k, k, rot);
  if (!invertInto(rot, k, inv, work)) return null;
  const phi = new Float64Array(kk);
  tcrossprodInto(inv, inv, k, k, k, phi);
  return { loadings, rotationMatrix: rot, phi, iterations: vm.iterations, converged: vm.converged };
}
