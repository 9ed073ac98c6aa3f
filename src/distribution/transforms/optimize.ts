import { minimizeBrent } from '../../util/brent.js';

// One-dimensional optimisation for the power-transform likelihoods: golden-ratio bracketing,
// then Brent's (1973) minimiser (util/brent.ts), and a root search for the profile interval.
// Non-finite function values are treated as +∞, so overflow pushes the search back.

const GOLDEN = 1.618033988749895;

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

/** Minimises f starting from the interval [a, b]; null when no minimum can be bracketed. */
export function minimize(f: (x: number) => number, a: number, b: number): number | null {
  const bracket = bracketMinimum(f, a, b);
  if (bracket === null) return null;
  // Brent's minimiser (shared with the polychoric code) on the bracket found above.
  return minimizeBrent(f, Math.min(bracket[0], bracket[2]), Math.max(bracket[0], bracket[2]), 1e-12).minimum;
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
