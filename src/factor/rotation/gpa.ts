import { crossprodInto, multiplyInto, tcrossprodInto } from '../../linalg/products.js';
import { invertInto, polarInto } from '../internal/dense.js';
import { kaiserNormalize } from './kaiser.js';
import type { RotationCriterion } from './criteria.js';

// The gradient-projection algorithm of Jennrich (2001, orthogonal; 2002, oblique) as
// GPArotation's GPForth/GPFoblq: project the criterion's gradient onto the tangent space of the
// constraint set, step along it with step doubling and halving (up to 10 halvings), map back
// (orthogonal: polar factor; oblique: unit-length columns), stop when the projected gradient's
// Frobenius norm is below ε. Every buffer is allocated once per call.

/** Output of one gradient-projection run. */
export interface GpaRun {
  /** p × k rotated loadings (in the original, un-normalised metric). */
  readonly loadings: Float64Array;
  /** k × k: T. Orthogonal: L = A·T. Oblique: L = A·(T⁻¹)ᵀ and Φ = TᵀT. */
  readonly t: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export interface GpaOptions {
  readonly orthogonal: boolean;
  readonly normalize: boolean;
  readonly tolerance: number;
  readonly maxIterations: number;
  /** Starting T (k × k); identity when omitted. */
  readonly start?: Float64Array;
}

/**
 * Rotates the p × k loadings `a` (row-major, not modified) to minimise `criterion`.
 * With `normalize`, rows are divided by their lengths first and multiplied back after
 * (Kaiser normalisation, as GPArotation's `normalize = TRUE`).
 */
export function gpaRotate(a: Float64Array, p: number, k: number, criterion: RotationCriterion, options: GpaOptions): GpaRun {
  const { orthogonal, normalize, tolerance, maxIterations } = options;
  const pk = p * k;
  const kk = k * k;
  const A = Float64Array.from(a);
  const weights = normalize ? kaiserNormalize(A, p, k) : new Float64Array(p).fill(1);
  const T = new Float64Array(kk);
  if (options.start) T.set(options.start);
  else for (let j = 0; j < k; j++) T[j * k + j] = 1;
  const Tt = new Float64Array(kk);
  const Ti = new Float64Array(kk);
  const X = new Float64Array(kk);
  const G = new Float64Array(kk);
  const Gp = new Float64Array(kk);
  const M = new Float64Array(kk);
  const S = new Float64Array(kk);
  const W = new Float64Array(kk);
  const w1 = new Float64Array(kk);
  const w2 = new Float64Array(kk);
  const L = new Float64Array(pk);
  const Gq = new Float64Array(pk);
  const scratch = new Float64Array(pk + k);

  // L = A·T (orthogonal) or A·(T⁻¹)ᵀ (oblique); returns false if T is singular.
  const loadingsFor = (t: Float64Array): boolean => {
    if (orthogonal) {
      multiplyInto(A, t, p, k, k, L);
      return true;
    }
    if (!invertInto(t, k, Ti, w1)) return false;
    tcrossprodInto(A, Ti, p, k, k, L);
    return true;
  };
  // G from Gq: orthogonal Aᵀ·Gq; oblique −(Lᵀ·Gq·T⁻¹)ᵀ (Ti must hold T⁻¹ of the current T).
  const gradient = (): void => {
    if (orthogonal) {
      crossprodInto(A, Gq, p, k, k, G);
      return;
    }
    crossprodInto(L, Gq, p, k, k, M);
    multiplyInto(M, Ti, k, k, k, W);
    for (let m = 0; m < k; m++) for (let j = 0; j < k; j++) G[j * k + m] = -(W[m * k + j] as number); // transpose
  };

  if (!loadingsFor(T)) throw new Error('gpaRotate: singular starting matrix');
  let f = criterion.evaluate(L, p, k, Gq, scratch);
  gradient();
  let al = 1;
  let s = Infinity;
  let iter = 0;
  for (iter = 0; iter <= maxIterations; iter++) {
    // Projected gradient.
    if (orthogonal) {
      // Gp = G − T·sym(Tᵀ·G)
      crossprodInto(T, G, k, k, k, M);
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) S[i * k + j] = ((M[i * k + j] as number) + (M[j * k + i] as number)) / 2;
      multiplyInto(T, S, k, k, k, W);
      for (let t = 0; t < kk; t++) Gp[t] = (G[t] as number) - (W[t] as number);
    } else {
      // Gp = G − T·diag(colSums(T∘G))
      for (let j = 0; j < k; j++) {
        let c = 0;
        for (let i = 0; i < k; i++) c += (T[i * k + j] as number) * (G[i * k + j] as number);
        for (let i = 0; i < k; i++) Gp[i * k + j] = (G[i * k + j] as number) - (T[i * k + j] as number) * c;
      }
    }
    let ss = 0;
    for (let t = 0; t < kk; t++) ss += (Gp[t] as number) ** 2;
    s = Math.sqrt(ss);
    if (s < tolerance) break;
    al *= 2;
    let ft = f;
    for (let half = 0; half <= 10; half++) {
      for (let t = 0; t < kk; t++) X[t] = (T[t] as number) - al * (Gp[t] as number);
      if (orthogonal) {
        polarInto(X, k, Tt, w1, w2);
      } else {
        for (let j = 0; j < k; j++) {
          let c = 0;
          for (let i = 0; i < k; i++) c += (X[i * k + j] as number) ** 2;
          const v = 1 / Math.sqrt(c);
          for (let i = 0; i < k; i++) Tt[i * k + j] = (X[i * k + j] as number) * v;
        }
      }
      if (!loadingsFor(Tt)) {
        ft = Infinity;
        al /= 2;
        continue;
      }
      ft = criterion.evaluate(L, p, k, Gq, scratch);
      if (f - ft > 0.5 * ss * al) break;
      al /= 2;
    }
    // As GPArotation, the last trial is taken even when no halving gave enough improvement.
    if (!Number.isFinite(ft)) break;
    T.set(Tt);
    f = ft;
    gradient();
  }
  const converged = s < tolerance;
  // L currently belongs to T (the last accepted trial). Undo the normalisation.
  const loadings = new Float64Array(pk);
  for (let i = 0; i < p; i++) for (let j = 0; j < k; j++) loadings[i * k + j] = (L[i * k + j] as number) * (weights[i] as number);
  return { loadings, t: T, value: f, iterations: Math.min(iter, maxIterations), converged };
}

/** A uniformly distributed random k × k orthogonal matrix (QR of a Gaussian matrix, signs fixed). */
export function randomOrthogonal(k: number, normal: () => number): Float64Array {
  const q = new Float64Array(k * k);
  for (let t = 0; t < k * k; t++) q[t] = normal();
  // modified Gram–Schmidt on columns; R's diagonal made positive so the draw is Haar-uniform
  for (let j = 0; j < k; j++) {
    for (let c = 0; c < j; c++) {
      let dot = 0;
      for (let i = 0; i < k; i++) dot += (q[i * k + j] as number) * (q[i * k + c] as number);
      for (let i = 0; i < k; i++) q[i * k + j] = (q[i * k + j] as number) - dot * (q[i * k + c] as number);
    }
    let n = 0;
    for (let i = 0; i < k; i++) n += (q[i * k + j] as number) ** 2;
    n = Math.sqrt(n);
    for (let i = 0; i < k; i++) q[i * k + j] = (q[i * k + j] as number) / n;
  }
  return q;
}
