import { chiSquareCdf, normalCdf } from '../probability/index.js';

// Noncentral χ² lower tail, for the RMSEA confidence interval (psych::factor.stats finds the
// noncentrality whose pchisq(χ², df, ncp) hits 0.05 / 0.95).

function logFactorial(n: number): number {
  if (n < 30) {
    let s = 0;
    for (let i = 2; i <= n; i++) s += Math.log(i);
    return s;
  }
  // Stirling series; relative error < 1e-17 for n ≥ 30.
  const n2 = n * n;
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n * n2) + 1 / (1260 * n2 * n2 * n);
}

/** Above this noncentrality the Poisson sum needs ~√ncp terms of ever larger df (slow; R's pnchisq stops converging near 1e7). */
const SUM_LIMIT = 2e4;

/**
 * Sankaran's (1963) normal approximation to the noncentral χ² lower tail. Its error falls like
 * 1/ncp: against R's pchisq it is below 3e-8 at ncp = 2e4 and 3e-9 at ncp = 1e5.
 *
 * Reference: Sankaran, M. (1963). Approximations to the non-central chi-square distribution.
 * *Biometrika, 50*, 199–204.
 */
function sankaranCdf(x: number, k: number, ncp: number): number {
  const h = 1 - ((2 / 3) * (k + ncp) * (k + 3 * ncp)) / (k + 2 * ncp) ** 2;
  const p = (k + 2 * ncp) / (k + ncp) ** 2;
  const m = (h - 1) * (1 - 3 * h);
  const z = ((x / (k + ncp)) ** h - (1 + h * p * (h - 1 - 0.5 * (2 - h) * m * p))) / (h * Math.sqrt(2 * p) * (1 + 0.5 * m * p));
  return normalCdf(z);
}

/**
 * P(X ≤ x) for X ~ χ²(df, ncp): the Poisson(ncp/2) mixture of central χ²(df + 2j) lower tails,
 * summed outwards from the Poisson mode until the weights are negligible. Matches R's
 * `pchisq(x, df, ncp)` to ~1e-14. Above ncp = 2e4 (RMSEA intervals of very large samples) it
 * uses Sankaran's approximation instead, within 3e-8 of R.
 */
export function noncentralChiSquareCdf(x: number, df: number, ncp: number): number {
  if (!(x > 0)) return 0;
  if (ncp <= 0) return chiSquareCdf(x, df);
  if (ncp > SUM_LIMIT) return sankaranCdf(x, df, ncp);
  const mu = ncp / 2;
  const j0 = Math.floor(mu);
  const w0 = Math.exp(-mu + (j0 > 0 ? j0 * Math.log(mu) : 0) - logFactorial(j0));
  let sum = w0 * chiSquareCdf(x, df + 2 * j0);
  let w = w0;
  for (let j = j0 + 1; ; j++) {
    w *= mu / j;
    const term = w * chiSquareCdf(x, df + 2 * j);
    sum += term;
    if (w < 1e-17 * w0 || term < 1e-18 * sum || j - j0 > 100000) break;
  }
  w = w0;
  for (let j = j0 - 1; j >= 0; j--) {
    w *= (j + 1) / mu;
    sum += w * chiSquareCdf(x, df + 2 * j);
    if (w < 1e-17 * w0) break;
  }
  return Math.min(1, sum);
}

/**
 * Root of a decreasing function g on [lo, hi] with g(lo) ≥ 0 ≥ g(hi), to ~1e-12 relative, by
 * Brent's method (inverse quadratic interpolation and secant steps, bisection when they stall;
 * Brent 1973, ch. 4, as R's uniroot): a handful of evaluations of the noncentral χ² instead of
 * bisection's ~45.
 */
export function decreasingRoot(g: (x: number) => number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  let fa = g(a);
  let fb = g(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let i = 0; i < 200; i++) {
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5e-12 * Math.max(1, Math.abs(b));
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const r = fb / fc;
        const t = fa / fc;
        p = s * (2 * m * t * (t - r) - (b - a) * (r - 1));
        q = (t - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = g(b);
  }
  return b;
}
