// Properties of the distribution functions: cdf and survival are complementary, quantiles invert
// the cdf, two-sided p-values are symmetric, and the classical identities between the families
// hold (F(1, ν) = t², χ²(1) = z², χ²(2) = exponential, t → normal, F reciprocal).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chiSquareCdf,
  chiSquareQuantile,
  chiSquareSurvival,
  fCdf,
  fQuantile,
  fSurvival,
  normalCdf,
  normalQuantile,
  normalSurvival,
  normalTwoSided,
  tCdf,
  tQuantile,
  tSurvival,
  tTwoSided,
} from '../../src/index.js';
import { expectClose, expectRelClose } from '../helpers/close.js';
import { numRuns } from '../helpers/runs.js';

// p anywhere in (0, 1), including the far tails on both sides.
const prob = fc.oneof(
  fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }),
  fc.double({ min: 1e-300, max: 1e-12, noNaN: true }),
  fc.double({ min: 1e-15, max: 1e-12, noNaN: true }).map((e) => 1 - e),
);
// Degrees of freedom from below 1 to a million (fractional ones included: Welch, Satterthwaite).
const df = fc.oneof(fc.double({ min: 0.5, max: 200, noNaN: true }), fc.integer({ min: 1, max: 1000 }), fc.double({ min: 1000, max: 1e6, noNaN: true }));
const z = fc.double({ min: -40, max: 40, noNaN: true });

/** Relative accuracy demanded of a quantile: the cdf must cross p within q·(1 ± 1e-9). */
const Q_REL = 1e-9;
/**
 * Below 1e-290 the arguments of the incomplete beta/gamma functions underflow, so the cdf cannot
 * be evaluated there; a quantile below that must just be one the cdf says is below it.
 */
const FLOOR = 1e-290;

/** Checks that q > 0 is the p-quantile of a distribution on (0, ∞), using the tail that keeps p's digits. */
function expectPositiveQuantile(q: number, p: number, cdf: (x: number) => number, survival: (x: number) => number, what: string): void {
  const below = p <= 0.5 ? (x: number) => cdf(x) < p : (x: number) => survival(x) > 1 - p;
  if (q < FLOOR) {
    expect(below(FLOOR), `${what}: q = ${q} but the cdf at ${FLOOR} is already past p = ${p}`).toBe(false);
    return;
  }
  expect(Number.isFinite(q), `${what}: q = ${q}`).toBe(true);
  expect(below(q * (1 - Q_REL)), `${what}: cdf(q·(1 − 1e-9)) is already past p = ${p} (q = ${q})`).toBe(true);
  expect(below(q * (1 + Q_REL)), `${what}: cdf(q·(1 + 1e-9)) is still short of p = ${p} (q = ${q})`).toBe(false);
}

describe('normal', () => {
  it('cdf + survival = 1, survival(z) = cdf(−z) exactly, and the cdf is monotone', () => {
    fc.assert(
      fc.property(z, z, (a, b) => {
        expect(normalSurvival(a)).toBe(normalCdf(-a));
        expectClose(normalCdf(a) + normalSurvival(a), 1, 2 * Number.EPSILON, 'Φ + (1 − Φ)');
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(normalCdf(lo)).toBeLessThanOrEqual(normalCdf(hi));
      }),
      { numRuns: numRuns(300) },
    );
  });
  it('the quantile inverts the cdf (down to p = 1e-300) and is monotone', () => {
    fc.assert(
      fc.property(prob, prob, (p, p2) => {
        const q = normalQuantile(p);
        // Φ's condition number at q is about max(1, q²): a relative error ε in q moves p by ~q²ε.
        const tail = p <= 0.5 ? normalCdf(q) : normalSurvival(q);
        expectRelClose(tail, p <= 0.5 ? p : 1 - p, 1e-13 * Math.max(1, q * q) + (p > 0.5 ? 1e-16 / (1 - p) : 0), `Φ(Φ⁻¹(${p}))`);
        const [lo, hi] = p < p2 ? [p, p2] : [p2, p];
        expect(normalQuantile(lo)).toBeLessThanOrEqual(normalQuantile(hi));
      }),
      { numRuns: numRuns(300) },
    );
  });
  it('two-sided p is symmetric, 2·survival(|z|), and in [0, 1]', () => {
    fc.assert(
      fc.property(z, (x) => {
        const p = normalTwoSided(x);
        expect(normalTwoSided(-x)).toBe(p);
        expectRelClose(p, Math.min(1, 2 * normalSurvival(Math.abs(x))), 1e-15, 'two-sided');
        expect(p >= 0 && p <= 1).toBe(true); // 0 only by underflow, beyond |z| ≈ 38
      }),
      { numRuns: numRuns(200) },
    );
  });
});

describe('Student t', () => {
  it('cdf + survival = 1, cdf(t) = survival(−t), monotone in t', () => {
    fc.assert(
      fc.property(z, z, df, (a, b, nu) => {
        expect(tCdf(a, nu)).toBe(tSurvival(-a, nu));
        expectClose(tCdf(a, nu) + tSurvival(a, nu), 1, 4 * Number.EPSILON, 'cdf + survival');
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(tCdf(lo, nu)).toBeLessThanOrEqual(tCdf(hi, nu));
      }),
      { numRuns: numRuns(300) },
    );
  });
  it('two-sided p is symmetric in t and equals 2·survival(|t|) to the last digits, even near t = 0', () => {
    fc.assert(
      fc.property(z, df, (t, nu) => {
        const p = tTwoSided(t, nu);
        expect(tTwoSided(-t, nu)).toBe(p);
        expectRelClose(p, 2 * tSurvival(Math.abs(t), nu), 1e-14, `tTwoSided(${t}, ${nu})`);
        expect(p >= 0 && p <= 1).toBe(true); // 0 only by underflow, beyond |z| ≈ 38
      }),
      { numRuns: numRuns(300) },
    );
  });
  it('the quantile inverts the cdf (q within a relative 1e-9) and is monotone in p', () => {
    // df ≥ 1 and p ≥ 1e-150 keep |q| below 1e154, where t² (inside the incomplete beta) is finite.
    const p150 = prob.filter((p) => p >= 1e-150);
    fc.assert(
      fc.property(p150, p150, df.filter((nu) => nu >= 1), (p, p2, nu) => {
        const q = tQuantile(p, nu);
        expect(Math.sign(q)).toBe(p < 0.5 ? -1 : p > 0.5 ? 1 : 0);
        // |q| is where the upper tail crosses min(p, 1 − p).
        const tail = Math.min(p, 1 - p);
        const x = Math.abs(q);
        if (x > 0) {
          expect(tSurvival(x * (1 - Q_REL), nu), `qt(${p}, ${nu}) = ${q}`).toBeGreaterThan(tail);
          expect(tSurvival(x * (1 + Q_REL), nu), `qt(${p}, ${nu}) = ${q}`).toBeLessThanOrEqual(tail);
        }
        const [lo, hi] = p < p2 ? [p, p2] : [p2, p];
        const qHi = tQuantile(hi, nu);
        expect(tQuantile(lo, nu)).toBeLessThanOrEqual(qHi + 1e-13 * Math.abs(qHi)); // monotone up to @stdlib's last bits
      }),
      { numRuns: numRuns(300) },
    );
  });
  it('approaches the normal as df grows, by the first two terms of its expansion in 1/ν', () => {
    // t cdf − Φ = −φ(t)·[(t³ + t)/(4ν) + (3t⁷ − 7t⁵ − 5t³ − 3t)/(96ν²) + O(ν⁻³)] (Fisher 1925);
    // for |t| ≤ 5 and ν ≥ 10⁴ the rest is far below 0.1% of the first term.
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 1e4, max: 1e12, noNaN: true }), (t, nu) => {
        const phi = Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI);
        const first = (t ** 3 + t) / (4 * nu);
        const second = (3 * t ** 7 - 7 * t ** 5 - 5 * t ** 3 - 3 * t) / (96 * nu * nu);
        expectClose(tCdf(t, nu) - normalCdf(t), -phi * (first + second), 1e-3 * phi * Math.abs(first) + 1e-15, `t = ${t}, ν = ${nu}`);
      }),
      { numRuns: numRuns(300) },
    );
  });
});

describe('F', () => {
  it('cdf + survival = 1, both monotone, and F(ν₁, ν₂) ≤ f ⇔ F(ν₂, ν₁) ≥ 1/f', () => {
    fc.assert(
      fc.property(z, z, df, df, (a, b, d1, d2) => {
        const [f, g] = [Math.abs(a), Math.abs(b)];
        expectClose(fCdf(f, d1, d2) + fSurvival(f, d1, d2), 1, 4 * Number.EPSILON, `cdf + survival at ${f}, ${d1}, ${d2}`);
        if (f >= 1e-300) {
          // Same incomplete beta, its argument rounded differently: equal to ~1e-12 of the smaller tail.
          const cdf = fCdf(f, d1, d2);
          expectClose(fSurvival(1 / f, d2, d1), cdf, 1e-11 * Math.min(cdf, 1 - cdf) + 1e-300, `reciprocal at ${f}, ${d1}, ${d2}`);
        }
        const [lo, hi] = f < g ? [f, g] : [g, f];
        // Monotone up to the last bits (f and g may be a few ulps apart).
        expect(fCdf(lo, d1, d2)).toBeLessThanOrEqual(fCdf(hi, d1, d2) * (1 + 1e-14));
        expect(fSurvival(lo, d1, d2)).toBeGreaterThanOrEqual(fSurvival(hi, d1, d2) * (1 - 1e-14));
      }),
      { numRuns: numRuns(300) },
    );
  });
  it('F(1, ν) is t²: fSurvival(t², 1, ν) = tTwoSided(t, ν)', () => {
    fc.assert(
      fc.property(z, df, (t, nu) => {
        // The two routes round x = ν/(ν + t²) differently by an ulp, which moves I_x(ν/2, ½) by a
        // relative (ν/2)·ε: the tolerance grows with ν accordingly.
        expectRelClose(fSurvival(t * t, 1, nu), tTwoSided(t, nu), 1e-13 + 2 * Number.EPSILON * nu, `t = ${t}, ν = ${nu}`);
      }),
      { numRuns: numRuns(300) },
    );
  });
  it('the quantile inverts the cdf (q within a relative 1e-9), in both tails', () => {
    fc.assert(
      fc.property(prob, df, df, (p, d1, d2) => {
        expectPositiveQuantile(fQuantile(p, d1, d2), p, (x) => fCdf(x, d1, d2), (x) => fSurvival(x, d1, d2), `qf(${p}, ${d1}, ${d2})`);
      }),
      { numRuns: numRuns(300) },
    );
  });
});

describe('χ²', () => {
  it('cdf + survival = 1; χ²(2) is exponential; χ²(1) is z²', () => {
    fc.assert(
      fc.property(z, df, (a, nu) => {
        const x = Math.abs(a);
        expectClose(chiSquareCdf(x, nu) + chiSquareSurvival(x, nu), 1, 4 * Number.EPSILON, `cdf + survival at ${x}, ${nu}`);
        expectRelClose(chiSquareSurvival(x, 2), Math.exp(-x / 2), 1e-14, 'χ²(2)');
        expectRelClose(chiSquareSurvival(a * a, 1), normalTwoSided(a), 1e-12, 'χ²(1) = z²');
      }),
      { numRuns: numRuns(300) },
    );
  });
  it('ν₁·F(ν₁, ν₂) → χ²(ν₁) as ν₂ → ∞', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 60, noNaN: true }), fc.integer({ min: 1, max: 30 }), (x, nu) => {
        // The difference is O(1/ν₂); with ν₂ = 1e12 it is far below 1e-9.
        expectClose(fSurvival(x / nu, nu, 1e12), chiSquareSurvival(x, nu), 1e-9, `x = ${x}, ν = ${nu}`);
      }),
      { numRuns: numRuns(200) },
    );
  });
  it('the quantile inverts the cdf (q within a relative 1e-9), in both tails', () => {
    fc.assert(
      fc.property(prob, df, (p, nu) => {
        expectPositiveQuantile(chiSquareQuantile(p, nu), p, (x) => chiSquareCdf(x, nu), (x) => chiSquareSurvival(x, nu), `qchisq(${p}, ${nu})`);
      }),
      { numRuns: numRuns(300) },
    );
  });
});

describe('regressions found by these properties (R 4.2 values)', () => {
  it('tails near 1 are formed from the small side, not as 1 − x of a rounded x', () => {
    // Was 1 (x = d2/(d2 + d1·f) rounded to 1): pf(5.720283405642799e-11, 0.5, 666935.3671668672, lower = FALSE).
    expectRelClose(fSurvival(5.720283405642799e-11, 0.5, 666935.3671668672), 0.99785455106132126, 1e-14, 'fSurvival');
    // Was exactly 0.5: pt(-0.0002360667018450691, 1e9).
    expectRelClose(tCdf(-0.0002360667018450691, 1e9), 0.49990582301253733, 1e-14, 'tCdf');
    // Was 1: 2 * pt(-1e-7, 1e5).
    expectRelClose(tTwoSided(1e-7, 1e5), 0.99999992021174333, 1e-15, 'tTwoSided');
  });
  it('χ² and F quantiles are right in the far tails where @stdlib is not', () => {
    expectRelClose(chiSquareQuantile(1e-300, 922), 83.709091892907693, 1e-13, 'qchisq(1e-300, 922)'); // @stdlib: off by 5e-8
    expectRelClose(fQuantile(1 - 1e-12, 739, 0.5000000000000009), 3.7004389649407885e47, 1e-9, 'qf(1 − 1e-12, 739, 0.5)'); // @stdlib: Infinity
    // @stdlib gave 1.63 (cdf 0.91); R underflows to 0. The answer is the point where the cdf is 1e-300.
    const q = fQuantile(1e-300, 23.349254483915345, 38);
    expectRelClose(fCdf(q, 23.349254483915345, 38), 1e-300, 1e-9, 'pf(qf(1e-300, 23.3, 38))');
  });
});
