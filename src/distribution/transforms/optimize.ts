// One-dimensional optimisation for the power-transform likelihoods: golden-ratio bracketing,
// Brent's (1973) minimiser (golden section with parabolic steps) and bisection for the profile
// interval. Non-finite function values are treated as +∞, so overflow pushes the search back.

const GOLDEN = 1.618033988749895;
const CGOLD = 0.3819660112501051; // 1 − 1/φ

function finite(f: (x: number) => number): (x: number) => number {
  return (x) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
}

/**
 * Finds a < b < c (or c < b < a) with f(b) ≤ f(a) and f(b) ≤ f(c), starting from [a, b] and
 * stepping downhill by golden-ratio expansion. Returns null when none is found in `maxSteps`.
 */
export function bracketMinimum(f: (x: number) => number, a0: number, b0: number, maxSteps = 200): [number, number, number] | null {
  const g = finite(f);
  let a = a0;
  let b = b0;
  let fa = g(a);
  let fb = g(b);
  if (fb > fa) {
    [a, b] = [b, a];
    [fa, fb] = [fb, fa];
  }
  let c = b + GOLDEN * (b - a);
  let fc = g(c);
  for (let step = 0; fc < fb; step++) {
    if (step >= maxSteps) return null;
    a = b;
    fa = fb;
    b = c;
    fb = fc;
    c = b + GOLDEN * (b - a);
    fc = g(c);
  }
  return [a, b, c];
}

/**
 * Brent's minimiser on the bracket (a, x, c): returns the abscissa of a local minimum to within
 * about `tol`·|x| + 1e-14.
 */
export function brentMinimize(f: (x: number) => number, bracket: [number, number, number], tol = 1e-12, maxIterations = 500): number {
  const g = finite(f);
  let lo = Math.min(bracket[0], bracket[2]);
  let hi = Math.max(bracket[0], bracket[2]);
  let x = bracket[1];
  let w = x;
  let v = x;
  let fx = g(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0; // the step before last
  for (let iter = 0; iter < maxIterations; iter++) {
    const mid = 0.5 * (lo + hi);
    const tol1 = tol * Math.abs(x) + 1e-14;
    const tol2 = 2 * tol1;
    if (Math.abs(x - mid) <= tol2 - 0.5 * (hi - lo)) return x;
    let golden = true;
    if (Math.abs(e) > tol1) {
      // Parabola through (v, fv), (w, fw), (x, fx); accept its vertex only if it falls inside the
      // bracket and moves less than half the step before last.
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      if (Math.abs(p) < Math.abs(0.5 * q * e) && p > q * (lo - x) && p < q * (hi - x)) {
        e = d;
        d = p / q;
        const u = x + d;
        if (u - lo < tol2 || hi - u < tol2) d = mid >= x ? tol1 : -tol1;
        golden = false;
      }
    }
    if (golden) {
      e = x >= mid ? lo - x : hi - x;
      d = CGOLD * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = g(u);
    if (fu <= fx) {
      if (u >= x) lo = x;
      else hi = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) lo = u;
      else hi = u;
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
  return x;
}

/** Minimises f starting from the interval [a, b]; null when no minimum can be bracketed. */
export function minimize(f: (x: number) => number, a: number, b: number): number | null {
  const bracket = bracketMinimum(f, a, b);
  return bracket === null ? null : brentMinimize(f, bracket);
}

/**
 * The point on the side `direction` (+1 or −1) of `from` where the continuous function h, positive
 * at `from`, first becomes ≤ 0: steps of 0.5 doubling until h changes sign, then the Illinois
 * variant of regula falsi (superlinear, and never leaves the bracket) to ~1e-13. Null when h
 * stays positive for 1,000 units.
 */
export function crossing(h: (x: number) => number, from: number, direction: 1 | -1): number | null {
  let a = from; // h(a) > 0
  let fa = h(a);
  let step = 0.5;
  let b = from + direction * step;
  let fb = h(b);
  while (fb > 0) {
    if (Math.abs(b - from) > 1000) return null;
    a = b;
    fa = fb;
    step *= 2;
    b = from + direction * step;
    fb = h(b);
  }
  if (!Number.isFinite(fb)) fb = -Infinity; // overflow beyond the bound: bisect until finite
  let side = 0;
  for (let i = 0; i < 200; i++) {
    const width = Math.abs(b - a);
    if (width <= 1e-13 * Math.max(1, Math.abs(a))) break;
    // Secant point between (a, fa > 0) and (b, fb ≤ 0); bisect when fb is not finite.
    let c = Number.isFinite(fb) ? b - (fb * (b - a)) / (fb - fa) : 0.5 * (a + b);
    if (!(Math.abs(c - a) < width && Math.abs(c - b) < width)) c = 0.5 * (a + b);
    let fc = h(c);
    if (Number.isNaN(fc)) fc = -Infinity;
    if (fc === 0) return c;
    if (fc > 0) {
      a = c;
      fa = fc;
      if (side === 1) fb /= 2; // Illinois: halve the stale end so it cannot stall
      side = 1;
    } else {
      b = c;
      fb = fc;
      if (side === -1) fa /= 2;
      side = -1;
    }
  }
  return 0.5 * (a + b);
}
