import { normalCdf } from '../distributions/index.js';

// Gauss–Legendre nodes/weights on [−1, 1], computed once by Newton's method on P_n rather than
// typed in, so no transcription error can hide in a constant table.
function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x[i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}

let rules: { x: Float64Array; w: Float64Array }[] | undefined;

/**
 * Upper orthant probability P(X > h, Y > k) of a standard bivariate normal with correlation r,
 * by Genz's (2004) refinement of Drezner & Wesolowsky (1990): 6-, 12- or 20-point
 * Gauss–Legendre quadrature of the Plackett/Owen integral over asin(r) when |r| < 0.925, and of
 * a series-corrected transform near |r| = 1. Accurate to about 1e-15 (Genz 2004, section 2.2).
 *
 * Genz, A. (2004). Numerical computation of rectangular bivariate and trivariate normal and t
 * probabilities. Statistics and Computing, 14, 251–260.
 */
function upperOrthant(h: number, k: number, r: number): number {
  rules ??= [gaussLegendre(6), gaussLegendre(12), gaussLegendre(20)];
  const a = Math.abs(r);
  const rule = (a < 0.3 ? rules[0] : a < 0.75 ? rules[1] : rules[2]) as { x: Float64Array; w: Float64Array };
  const { x, w } = rule;
  const n = x.length;
  let hk = h * k;
  let bvn = 0;
  if (a < 0.925) {
    const hs = (h * h + k * k) / 2;
    const asr = Math.asin(r);
    for (let i = 0; i < n; i++) {
      const sn = Math.sin((asr * ((x[i] as number) + 1)) / 2);
      bvn += (w[i] as number) * Math.exp((sn * hk - hs) / (1 - sn * sn));
    }
    // The full rule on [−1, 1] maps onto θ ∈ [0, asin r]; the weights sum to 2.
    return (bvn * asr) / (4 * Math.PI) + normalCdf(-h) * normalCdf(-k);
  }
  if (r < 0) {
    k = -k;
    hk = -hk;
  }
  if (a < 1) {
    const as = (1 - r) * (1 + r);
    let aa = Math.sqrt(as);
    const bs = (h - k) ** 2;
    const c = (4 - hk) / 8;
    const d = (12 - hk) / 16;
    bvn = aa * Math.exp(-(bs / as + hk) / 2) * (1 - (c * (bs - as) * (1 - (d * bs) / 5)) / 3 + (c * d * as * as) / 5);
    if (hk > -160) {
      const b = Math.sqrt(bs);
      bvn -= Math.exp(-hk / 2) * Math.sqrt(2 * Math.PI) * normalCdf(-b / aa) * b * (1 - (c * bs * (1 - (d * bs) / 5)) / 3);
    }
    aa /= 2;
    for (let i = 0; i < n; i++) {
      const xs = (aa * ((x[i] as number) + 1)) ** 2;
      const rs = Math.sqrt(1 - xs);
      bvn +=
        aa *
        (w[i] as number) *
        (Math.exp(-bs / (2 * xs) - hk / (1 + rs)) / rs - Math.exp(-(bs / xs + hk) / 2) * (1 + c * xs * (1 + d * xs)));
    }
    bvn = -bvn / (2 * Math.PI);
  }
  if (r > 0) return bvn + normalCdf(-Math.max(h, k));
  bvn = -bvn;
  if (k > h) bvn += h < 0 ? normalCdf(k) - normalCdf(h) : normalCdf(-h) - normalCdf(-k);
  return Math.max(0, bvn);
}

/**
 * Bivariate standard normal CDF Φ₂(h, k; r) = P(X ≤ h, Y ≤ k) for finite h, k and −1 < r < 1.
 * Internal to psychkit/testing (population moments of categorised items).
 */
export function bivariateNormalCdf(h: number, k: number, r: number): number {
  return Math.min(1, Math.max(0, upperOrthant(-h, -k, r)));
}
