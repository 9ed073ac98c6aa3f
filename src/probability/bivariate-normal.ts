import { fail } from '../errors.js';
import { showValue } from '../util/options.js';
import erfc from '@stdlib/math-base-special-erfc';

/** Φ(z) as in ./index.ts (imported directly to avoid a circular module import). */
function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

// Gauss–Legendre rules on [−1, 1], computed once at load (Newton's method on Pₙ) rather than
// typed in: only the non-negative half of each symmetric rule is kept.
interface HalfRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

function gaussLegendreHalf(n: number): HalfRule {
  const half = n >> 1;
  const nodes = new Float64Array(half);
  const weights = new Float64Array(half);
  for (let i = 0; i < half; i++) {
    // Tricomi's initial guess for the i-th largest root, then Newton on the three-term recurrence.
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * derivative * derivative);
  }
  return { nodes, weights };
}

const RULE_6 = gaussLegendreHalf(6);
const RULE_12 = gaussLegendreHalf(12);
const RULE_20 = gaussLegendreHalf(20);
const TWO_PI = 2 * Math.PI;
const SQRT_TWO_PI = Math.sqrt(TWO_PI);

// One node of the |r| ≥ 0.925 integral, at x = √xs; terms below e⁻¹⁰⁰ are dropped (they underflow
// relative to the result and the second factor could otherwise overflow).
function nearSingularTerm(x: number, bs: number, hk: number, c: number, d: number): number {
  const xs = x * x;
  const e = -(bs / xs + hk) / 2;
  if (!(e > -100)) return 0;
  const rs = Math.sqrt(1 - xs);
  return Math.exp(e) * (Math.exp((-hk * (1 - rs)) / (2 * (1 + rs))) / rs - (1 + c * xs * (1 + d * xs)));
}

/**
 * P(X > h, Y > k) for a standard bivariate normal with correlation r, finite h and k.
 *
 * Drezner & Wesolowsky (1990) as refined by Genz (2004): for |r| < 0.925 integrate Plackett's
 * identity ∂Φ₂/∂ρ = φ₂ over θ = asin ρ with a 6-, 12- or 20-point Gauss–Legendre rule (by |r|);
 * for |r| ≥ 0.925 integrate the difference from the r = ±1 limit after subtracting the leading
 * terms of its asymptotic expansion, which keeps ~1e-15 absolute accuracy up to |r| = 1.
 */
function upperFinite(h: number, k: number, r: number): number {
  const absR = Math.abs(r);
  const rule = absR < 0.3 ? RULE_6 : absR < 0.75 ? RULE_12 : RULE_20;
  const { nodes, weights } = rule;
  const m = nodes.length;
  if (absR < 0.925) {
    const hk = h * k;
    const hs = (h * h + k * k) / 2;
    const asr = Math.asin(r);
    let sum = 0;
    for (let i = 0; i < m; i++) {
      const t = nodes[i] as number;
      const w = weights[i] as number;
      const s1 = Math.sin((asr * (1 - t)) / 2);
      const s2 = Math.sin((asr * (1 + t)) / 2);
      sum += w * (Math.exp((s1 * hk - hs) / (1 - s1 * s1)) + Math.exp((s2 * hk - hs) / (1 - s2 * s2)));
    }
    return (sum * asr) / (2 * TWO_PI) + normalCdf(-h) * normalCdf(-k);
  }
  // Near-singular case: reduce r < 0 to r > 0 by reflecting Y.
  const kk = r < 0 ? -k : k;
  const hk = h * kk;
  let correction = 0;
  if (absR < 1) {
    const as = (1 - absR) * (1 + absR);
    let a = Math.sqrt(as);
    const bs = (h - kk) * (h - kk);
    const c = (4 - hk) / 8;
    const d = (12 - hk) / 16;
    let sum = a * Math.exp(-(bs / as + hk) / 2) * (1 - (c * (bs - as) * (1 - (d * bs) / 5)) / 3 + (c * d * as * as) / 5);
    if (hk > -160) {
      const b = Math.sqrt(bs);
      sum -= Math.exp(-hk / 2) * SQRT_TWO_PI * normalCdf(-b / a) * b * (1 - (c * bs * (1 - (d * bs) / 5)) / 3);
    }
    a /= 2;
    for (let i = 0; i < m; i++) {
      const t = nodes[i] as number;
      const w = weights[i] as number;
      sum += a * w * (nearSingularTerm(a * (1 - t), bs, hk, c, d) + nearSingularTerm(a * (1 + t), bs, hk, c, d));
    }
    correction = -sum / TWO_PI;
  }
  if (r > 0) return correction + normalCdf(-Math.max(h, kk));
  return -correction + Math.max(0, normalCdf(-h) - normalCdf(-kk));
}

/**
 * Upper-orthant probability P(X > h, Y > k) of a standard bivariate normal with correlation `rho`.
 * Infinite limits are allowed.
 */
export function bivariateNormalUpper(hIn: number, kIn: number, rho: number): number {
  if (Number.isNaN(hIn) || Number.isNaN(kIn) || Number.isNaN(rho) || rho < -1 || rho > 1) return Number.NaN;
  // Beyond ±40 a limit is as good as infinite (Φ(−40) ≈ 4e-350 underflows), and h² or hk would
  // overflow inside the integrals.
  const h = hIn > 40 ? Infinity : hIn < -40 ? -Infinity : hIn;
  const k = kIn > 40 ? Infinity : kIn < -40 ? -Infinity : kIn;
  if (h === Infinity || k === Infinity) return 0;
  if (h === -Infinity) return k === -Infinity ? 1 : normalCdf(-k);
  if (k === -Infinity) return normalCdf(-h);
  const p = upperFinite(h, k, rho);
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/**
 * Standard bivariate normal distribution function Φ₂(x, y; ρ) = P(X ≤ x, Y ≤ y) with
 * corr(X, Y) = ρ, accurate to about 1e-15 absolute for every ρ in [−1, 1] (infinite limits
 * allowed).
 *
 * Algorithm: Drezner & Wesolowsky (1990) with Genz's (2004) double-precision refinements — the
 * method behind `mnormt::pmnorm`/`sadmvn` in two dimensions and `mvtnorm::pmvnorm`, which psych's
 * polychoric correlations call.
 *
 * References: Drezner, Z. & Wesolowsky, G. O. (1990). On the computation of the bivariate normal
 * integral. *Journal of Statistical Computation and Simulation, 35*, 101–107. Genz, A. (2004).
 * Numerical computation of rectangular bivariate and trivariate normal and t probabilities.
 * *Statistics and Computing, 14*, 251–260.
 *
 * @example
 * ```ts
 * bivariateNormalCdf(0, 0, 0.5); // 1/4 + asin(0.5)/(2π) = 0.3333333333333333
 * ```
 */
export function bivariateNormalCdf(x: number, y: number, rho: number): number {
  for (const [name, v] of [['x', x], ['y', y], ['rho', rho]] as const) {
    if (typeof v !== 'number') throw fail('INVALID_INPUT', `bivariateNormalCdf: \`${name}\` must be a number; got ${showValue(v)}.`, { option: name, value: v });
  }
  return bivariateNormalUpper(-x, -y, rho);
}
