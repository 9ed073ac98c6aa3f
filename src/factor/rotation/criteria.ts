// Rotation criteria Q(L) and their gradients dQ/dL, as GPArotation's vgQ.* functions, on flat
// p × k row-major arrays. Each writes the gradient into `gq` and returns Q; `scratch` holds
// p·k + k numbers. GPA minimises Q.

import { productError, Twofold } from '../internal/twofold.js';

/** A rotation criterion for the gradient-projection engine. */
export interface RotationCriterion {
  readonly name: string;
  /** Writes dQ/dL into `gq` and returns Q(L), in double arithmetic. `scratch` holds p·k + k numbers. */
  evaluate(l: Float64Array, p: number, k: number, gq: Float64Array, scratch: Float64Array): number;
  /**
   * The same for L = `l` + `lo` in double-double: writes dQ/dL (doubles) into `gq`, stores Q as
   * `value[0] + value[1]` and returns `value[0]`.
   */
  evaluatePrecise(l: Float64Array, lo: Float64Array, p: number, k: number, gq: Float64Array, scratch: Float64Array, value: Float64Array): number;
}

// Each criterion is a sum of p·k terms. `evaluate` sums them in doubles. `evaluatePrecise`, which
// the engine switches to once its step test asks for changes in Q near double rounding, sums them
// in double-double from double-double loadings, with squares and products formed exactly, so that
// Q of two nearby rotations differs by the true change in Q rather than by rounding noise. The
// gradients are ordinary doubles, as in GPArotation.

/** Squares hi + lo into double-double: the high part is returned, the low part left in `sqLo`. */
let sqLo = 0;
function square(hi: number, lo: number): number {
  const sq = hi * hi;
  sqLo = productError(hi, hi, sq) + 2 * hi * lo;
  return sq;
}

function twofolds(n: number): Twofold[] {
  return Array.from({ length: n }, () => new Twofold());
}

function store(value: Float64Array, t: Twofold, scale: number): number {
  value[0] = t.hi * scale; // scale is ±¼: exact
  value[1] = t.lo * scale;
  return value[0];
}

/**
 * Oblimin family (Carroll 1957; Jennrich 2002): Q = ¼ Σ (L∘L)ᵀ(I − γ/p·11ᵀ)(L∘L)N with N = 11ᵀ − I.
 * γ = 0 is quartimin, 0.5 biquartimin, 1 covarimin. As GPArotation::vgQ.oblimin:
 * X = (I − γ/p·11ᵀ)·L²·N, Q = ¼ Σ L²∘X, dQ/dL = L∘X.
 */
export function oblimin(gamma = 0): RotationCriterion {
  const f = new Twofold();
  const row = new Twofold();
  const x = new Twofold();
  let colX: Twofold[] = [];
  let colL2: Twofold[] = [];
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
    evaluatePrecise(l, lo, p, k, gq, scratch, value) {
      if (colX.length < k) {
        colX = twofolds(k);
        colL2 = twofolds(k);
      }
      f.reset();
      for (let j = 0; j < k; j++) {
        colX[j]!.reset();
        colL2[j]!.reset();
      }
      for (let i = 0; i < p; i++) {
        // (L²N)ᵢⱼ = Σ_{m≠j} L²ᵢₘ = (row sum of squares) − L²ᵢⱼ, exact in double-double.
        row.reset();
        for (let j = 0; j < k; j++) {
          const sq = square(l[i * k + j] as number, lo[i * k + j] as number);
          row.add(sq, sqLo);
        }
        for (let j = 0; j < k; j++) {
          const sq = square(l[i * k + j] as number, lo[i * k + j] as number);
          x.reset().add(row.hi, row.lo).add(-sq, -sqLo);
          scratch[i * k + j] = x.hi;
          const sqLow = sqLo;
          f.addProduct(sq, sqLow, x.hi, x.lo);
          if (gamma !== 0) {
            colX[j]!.add(x.hi, x.lo);
            colL2[j]!.add(sq, sqLow);
          }
        }
      }
      if (gamma !== 0) {
        // X ← X − (γ/p)·1·colSums(X): Σ L²∘X loses (γ/p)·Σⱼ colSums(L²)ⱼ·colSums(X)ⱼ.
        const c = gamma / p;
        for (let j = 0; j < k; j++) {
          const cx = colX[j]!;
          const cl = colL2[j]!;
          f.addProduct(-c * cl.hi, -c * cl.lo - productError(c, cl.hi, c * cl.hi), cx.hi, cx.lo);
          const shift = c * cx.hi;
          for (let i = 0; i < p; i++) scratch[i * k + j] = (scratch[i * k + j] as number) - shift;
        }
      }
      for (let t = 0; t < p * k; t++) gq[t] = (l[t] as number) * (scratch[t] as number);
      return store(value, f, 0.25);
    },
  };
}

/** Quartimax (orthogonal): Q = −¼ Σ L⁴. As GPArotation::vgQ.quartimax. */
export function quartimaxCriterion(): RotationCriterion {
  const f = new Twofold();
  return {
    name: 'quartimax',
    evaluate(l, p, k, gq) {
      let s = 0;
      for (let t = 0; t < p * k; t++) {
        const v = l[t] as number;
        gq[t] = -v * v * v;
        s += v * v * v * v;
      }
      return -s / 4;
    },
    evaluatePrecise(l, lo, p, k, gq, _scratch, value) {
      f.reset();
      for (let t = 0; t < p * k; t++) {
        const v = l[t] as number;
        const sq = square(v, lo[t] as number);
        gq[t] = -v * v * v;
        f.addProduct(sq, sqLo, sq, sqLo);
      }
      return store(value, f, -0.25);
    },
  };
}

/** Varimax: Q = −¼ ‖L² − 1·colMeans(L²)‖². As GPArotation::vgQ.varimax. */
export function varimaxCriterion(): RotationCriterion {
  const f = new Twofold();
  const col = new Twofold();
  const q = new Twofold();
  let meanHi = new Float64Array(0);
  let meanLo = new Float64Array(0);
  return {
    name: 'varimax',
    evaluate(l, p, k, gq, scratch) {
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let i = 0; i < p; i++) s += (l[i * k + j] as number) ** 2;
        scratch[j] = s / p;
      }
      let s = 0;
      for (let i = 0; i < p; i++) {
        for (let j = 0; j < k; j++) {
          const v = l[i * k + j] as number;
          const d = v * v - (scratch[j] as number);
          gq[i * k + j] = -v * d;
          s += d * d;
        }
      }
      return -s / 4;
    },
    evaluatePrecise(l, lo, p, k, gq, _scratch, value) {
      if (meanHi.length < k) {
        meanHi = new Float64Array(k);
        meanLo = new Float64Array(k);
      }
      for (let j = 0; j < k; j++) {
        col.reset();
        for (let i = 0; i < p; i++) col.add(square(l[i * k + j] as number, lo[i * k + j] as number), sqLo);
        // (hi + lo)/p in double-double: quotient plus the exact remainder over p.
        const m = col.hi / p;
        const rem = col.hi - m * p - productError(m, p, m * p) + col.lo;
        meanHi[j] = m;
        meanLo[j] = rem / p;
      }
      f.reset();
      for (let i = 0; i < p; i++) {
        for (let j = 0; j < k; j++) {
          const v = l[i * k + j] as number;
          q.reset().add(square(v, lo[i * k + j] as number), sqLo).add(-(meanHi[j] as number), -(meanLo[j] as number));
          gq[i * k + j] = -v * q.hi;
          f.addProduct(q.hi, q.lo, q.hi, q.lo);
        }
      }
      return store(value, f, -0.25);
    },
  };
}

/**
 * Geomin (Yates 1987; Browne 2001): Q = Σᵢ (Πⱼ (Lᵢⱼ² + δ))^{1/k}. As GPArotation::vgQ.geomin.
 * Each row's product is formed in double-double and its k-th root refined by one Newton step, so
 * Q carries no exp/log rounding.
 */
export function geomin(delta = 0.01): RotationCriterion {
  const f = new Twofold();
  return {
    name: `geomin(delta = ${delta})`,
    evaluate(l, p, k, gq) {
      let s = 0;
      for (let i = 0; i < p; i++) {
        let logSum = 0;
        for (let j = 0; j < k; j++) logSum += Math.log((l[i * k + j] as number) ** 2 + delta);
        const pro = Math.exp(logSum / k);
        s += pro;
        for (let j = 0; j < k; j++) {
          const v = l[i * k + j] as number;
          gq[i * k + j] = ((2 / k) * v * pro) / (v * v + delta);
        }
      }
      return s;
    },
    evaluatePrecise(l, lo, p, k, gq, _scratch, value) {
      f.reset();
      for (let i = 0; i < p; i++) {
        // P = Πⱼ (Lᵢⱼ² + δ) in double-double.
        let ph = 1;
        let pl = 0;
        for (let j = 0; j < k; j++) {
          const sq = square(l[i * k + j] as number, lo[i * k + j] as number);
          const th = sq + delta;
          const bb = th - sq;
          const tl = sq - (th - bb) + (delta - bb) + sqLo;
          const pr = ph * th;
          const e = productError(ph, th, pr) + ph * tl + pl * th;
          ph = pr + e;
          pl = e - (ph - pr);
        }
        // r = P^{1/k}: r₀ from pow, then r₀ − (r₀ᵏ − P)/(k·r₀^{k−1}) with r₀ᵏ − P in double-double.
        const r0 = ph ** (1 / k);
        let qh = r0;
        let ql = 0;
        for (let j = 1; j < k; j++) {
          const pr = qh * r0;
          const e = productError(qh, r0, pr) + ql * r0;
          qh = pr + e;
          ql = e - (qh - pr);
        }
        const residual = qh - ph + (ql - pl);
        const pro = r0;
        f.add(r0, -residual / ((k * qh) / r0));
        for (let j = 0; j < k; j++) {
          const v = l[i * k + j] as number;
          gq[i * k + j] = ((2 / k) * v * pro) / (v * v + delta);
        }
      }
      return store(value, f, 1);
    },
  };
}
