// One-dimensional minimisation without derivatives: Brent's (1973) `localmin`, golden-section
// steps safeguarding successive parabolic interpolation. The steps, tests and update order follow
// R's `optimize()` (stats' fmin), so that for the same objective the same points are visited and
// the same minimiser is returned — which is what lets results of R functions built on
// `optimize()` (psych::polychoric) be reproduced beyond the optimiser's own tolerance.

/** R's default `optimize()` tolerance, `.Machine$double.eps^0.25` = 2⁻¹³. */
export const R_OPTIMIZE_TOLERANCE = Math.pow(2, -52) ** 0.25;

const GOLDEN = (3 - Math.sqrt(5)) * 0.5; // squared inverse of the golden ratio
const SQRT_EPS = Math.sqrt(2 ** -52);
const LARGEST = Number.MAX_VALUE;

/** Result of {@link minimizeBrent}: the minimiser, its value and the number of evaluations. */
export interface BrentResult {
  readonly minimum: number;
  readonly objective: number;
  readonly evaluations: number;
}

/**
 * Minimises `f` on (lower, upper). Non-finite values of `f` are treated as the largest double,
 * as R does. Returns the last accepted point (R's `optimize()$minimum`) and `f` there.
 *
 * Reference: Brent, R. P. (1973). *Algorithms for Minimization without Derivatives*, ch. 5.
 */
export function minimizeBrent(f: (x: number) => number, lower: number, upper: number, tolerance = R_OPTIMIZE_TOLERANCE): BrentResult {
  let evaluations = 0;
  const g = (x: number): number => {
    evaluations++;
    const y = f(x);
    return Number.isFinite(y) ? y : LARGEST;
  };
  let a = lower;
  let b = upper;
  let v = a + GOLDEN * (b - a);
  let w = v;
  let x = v;
  let d = 0;
  let e = 0;
  let fx = g(x);
  let fv = fx;
  let fw = fx;
  const tol3 = tolerance / 3;
  for (;;) {
    const xm = (a + b) * 0.5;
    const tol1 = SQRT_EPS * Math.abs(x) + tol3;
    const t2 = tol1 * 2;
    if (Math.abs(x - xm) <= t2 - (b - a) * 0.5) break;
    let p = 0;
    let q = 0;
    let r = 0;
    if (Math.abs(e) > tol1) {
      // Parabola through (v, fv), (w, fw), (x, fx).
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = (q - r) * 2;
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
    }
    if (Math.abs(p) >= Math.abs(q * 0.5 * r) || p <= q * (a - x) || p >= q * (b - x)) {
      e = x < xm ? b - x : a - x;
      d = GOLDEN * e;
    } else {
      d = p / q;
      const u = x + d;
      // Keep away from the interval ends.
      if (u - a < t2 || b - u < t2) d = x >= xm ? -tol1 : tol1;
    }
    // Never evaluate closer than tol1 to x.
    const u = Math.abs(d) >= tol1 ? x + d : d > 0 ? x + tol1 : x - tol1;
    const fu = g(u);
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w;
      w = x;
      x = u;
      fv = fw;
      fw = fx;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { minimum: x, objective: fx, evaluations };
}
