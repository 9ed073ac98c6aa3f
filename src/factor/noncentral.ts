import { chiSquareCdf } from '../distributions/index.js';

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

/**
 * P(X ≤ x) for X ~ χ²(df, ncp): the Poisson(ncp/2) mixture of central χ²(df + 2j) lower tails,
 * summed outwards from the Poisson mode until the weights are negligible. Matches R's
 * `pchisq(x, df, ncp)` to ~1e-14.
 */
export function noncentralChiSquareCdf(x: number, df: number, ncp: number): number {
  if (!(x > 0)) return 0;
  if (ncp <= 0) return chiSquareCdf(x, df);
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

/** Root of a decreasing function g on [lo, hi] with g(lo) ≥ 0 ≥ g(hi), by bisection to ~1e-12 relative. */
export function decreasingRoot(g: (x: number) => number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  for (let i = 0; i < 200 && b - a > 1e-12 * Math.max(1, Math.abs(b)); i++) {
    const mid = (a + b) / 2;
    if (g(mid) > 0) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}
