import { crossprodInto, multiplyInto, tcrossprodInto } from '../../linalg/products.js';
import { invertInto, polarInto } from '../internal/dense.js';
import { productError, twofoldDot } from '../internal/twofold.js';
import { kaiserNormalize } from './kaiser.js';
import type { RotationCriterion } from './criteria.js';

// The gradient-projection algorithm of Jennrich (2001, orthogonal; 2002, oblique) exactly as
// GPArotation's GPForth/GPFoblq (2022.10-2): α = 1 at the start; each iteration projects the
// criterion's gradient G onto the tangent space of the constraint set (Gp), stops when
// s = ‖Gp‖_F < ε, else doubles α and tries T − α·Gp mapped back (orthogonal: polar factor;
// oblique: unit-length columns), halving α up to ten times until the criterion falls by more than
// ½·s²·α, and takes the last trial either way. Iterations are counted as GPArotation's `iter`
// (0 when the start is already stationary), so a run that never meets ε reports maxIterations.
//
// The step test compares a change in Q with ½·s²·α, which for ε = 1e-8 is ~1e-16·α: the size of
// the rounding in Q computed in doubles (and of T's own rounding off the constraint set), where
// GPArotation stalls or not by chance, α halving towards 0 for the remaining iterations. Once
// ½·s²·α falls below 1e-12·|Q|, Q is evaluated in double-double at the nearest point of the
// constraint set (preciseLoadingsFor; criteria.ts), so the test sees the true change. The tests
// and steps themselves are GPArotation's. Every buffer is allocated once per call.

/**
 * Double-precision criteria are trusted while the improvement the step test asks for, ½·s²·α, is at
 * least this fraction of |Q| (their rounding is ~1e-15·|Q| at worst); below it the engine switches
 * to double-double evaluation. Runs to the default ε = 1e-5 rarely get there.
 */
const PRECISE_BELOW = 1e-12;

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
  const Llo = new Float64Array(pk);
  const Gq = new Float64Array(pk);
  const scratch = new Float64Array(pk + k);
  const value = new Float64Array(2);
  const dot = new Float64Array(2);
  // Double-double k × k factor B = Bhi + Blo with L = A·B (see preciseLoadingsFor), and column scales.
  const Bhi = new Float64Array(kk);
  const Blo = new Float64Array(kk);
  const scaleHi = new Float64Array(k);
  const scaleLo = new Float64Array(k);

  // L = A·T (orthogonal) or A·(T⁻¹)ᵀ (oblique) — in double-double, at the point of the
  // constraint set nearest to T: T·(3I − TᵀT)/2 (one Newton–Schulz step to the orthogonal polar
  // factor) or T with its columns scaled to exactly unit length. T itself carries rounding of
  // order ε off that set, and the criterion's change over such an error (~‖G‖·ε) is as large as
  // the ½·s²·α the step test needs to see when ε ≈ 1e-8. L keeps the double part, Llo the rest.
  // Returns false if T is singular.
  const preciseLoadingsFor = (t: Float64Array): boolean => {
    if (orthogonal) {
      // Bhi + Blo = T·(3I − TᵀT)/2.
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          twofoldDot(t, i, k, t, null, j, k, k, dot);
          const sh = dot[0] as number;
          const sl = dot[1] as number;
          const hi = sh + sl;
          // Q = (3I − P)/2; 3 − P_ii is exact (Sterbenz), halving is exact.
          w1[i * k + j] = ((i === j ? 3 : 0) - hi) / 2;
          w2[i * k + j] = -(sl - (hi - sh)) / 2;
        }
      }
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          twofoldDot(t, i * k, 1, w1, w2, j, k, k, dot);
          const sh = dot[0] as number;
          const sl = dot[1] as number;
          const hi = sh + sl;
          Bhi[i * k + j] = hi;
          Blo[i * k + j] = sl - (hi - sh);
        }
      }
      scaleHi.fill(1);
      scaleLo.fill(0);
    } else {
      if (!invertInto(t, k, Ti, w1)) return false;
      // One step of refinement: T⁻¹ ≈ Y + Y·(I − T·Y), the residual summed in double-double.
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          twofoldDot(t, i * k, 1, Ti, null, j, k, k, dot);
          w1[i * k + j] = (i === j ? 1 : 0) - (dot[0] as number) - (dot[1] as number);
        }
      }
      // Bhi + Blo = (T⁻¹)ᵀ
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          let c = 0;
          for (let m = 0; m < k; m++) c += (Ti[i * k + m] as number) * (w1[m * k + j] as number);
          Bhi[j * k + i] = Ti[i * k + j] as number;
          Blo[j * k + i] = c;
        }
      }
      // Column j of L scales with the length of column j of T: use the exactly normalised T.
      for (let j = 0; j < k; j++) {
        twofoldDot(t, j, k, t, null, j, k, k, dot);
        const sh = dot[0] as number;
        const sl = dot[1] as number;
        const r = Math.sqrt(sh);
        scaleHi[j] = r;
        scaleLo[j] = (sh - r * r - productError(r, r, r * r) + sl) / (2 * r);
      }
    }
    // L = (A·B)·diag(scale), in double-double.
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < k; j++) {
        twofoldDot(A, i * k, 1, Bhi, Blo, j, k, k, dot);
        const sh = dot[0] as number;
        const sl = dot[1] as number;
        const dh = sh + sl;
        const dl = sl - (dh - sh);
        const c = scaleHi[j] as number;
        const hi = dh * c;
        const lo = productError(dh, c, hi) + dh * (scaleLo[j] as number) + dl * c;
        L[i * k + j] = hi + lo;
        Llo[i * k + j] = lo - (L[i * k + j] as number - hi);
      }
    }
    return true;
  };
  // L = A·T (orthogonal) or A·(T⁻¹)ᵀ (oblique) in doubles; returns false if T is singular.
  const plainLoadingsFor = (t: Float64Array): boolean => {
    if (orthogonal) {
      multiplyInto(A, t, p, k, k, L);
      return true;
    }
    if (!invertInto(t, k, Ti, w1)) return false;
    tcrossprodInto(A, Ti, p, k, k, L);
    return true;
  };
  // Q at T (and Gq, L) in the current mode; false if T is singular. Q goes to value[0] + value[1].
  let precise = false;
  const evaluateAt = (t: Float64Array): boolean => {
    if (precise) {
      if (!preciseLoadingsFor(t)) return false;
      criterion.evaluatePrecise(L, Llo, p, k, Gq, scratch, value);
      return true;
    }
    if (!plainLoadingsFor(t)) return false;
    value[0] = criterion.evaluate(L, p, k, Gq, scratch);
    value[1] = 0;
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

  if (!evaluateAt(T)) throw new Error('gpaRotate: singular starting matrix');
  let f = value[0] as number;
  let fLo = value[1] as number;
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
    // s = √tr(GpᵀGp), as GPArotation: column sums of squares, then their sum.
    let ss = 0;
    for (let j = 0; j < k; j++) {
      let c = 0;
      for (let i = 0; i < k; i++) c += (Gp[i * k + j] as number) ** 2;
      ss += c;
    }
    s = Math.sqrt(ss);
    if (s < tolerance) break;
    al *= 2;
    if (!precise && 0.5 * s * s * al < PRECISE_BELOW * Math.abs(f)) {
      // From here on the step test asks for changes in Q within ~1e-12 of Q itself: evaluate in
      // double-double (Q at the current T again, so that both sides of the test agree in kind).
      precise = true;
      evaluateAt(T);
      f = value[0] as number;
      fLo = value[1] as number;
    }
    let ft = f;
    let ftLo = fLo;
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
      if (!evaluateAt(Tt)) {
        ft = Infinity;
        al /= 2;
        continue;
      }
      ft = value[0] as number;
      ftLo = value[1] as number;
      // GPArotation's test: the criterion falls by more than ½·s²·α (f − ft in double-double).
      if (f - ft + (fLo - ftLo) > 0.5 * s * s * al) break;
      al /= 2;
    }
    // As GPArotation, the last trial is taken even when no halving gave enough improvement.
    if (!Number.isFinite(ft)) break;
    T.set(Tt);
    f = ft;
    fLo = ftLo;
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
