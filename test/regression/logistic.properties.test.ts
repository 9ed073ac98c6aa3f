// Properties of fitLogistic and the bootstrap kernel logisticInPlace on simulated logistic data:
//   1. logisticInPlace with every count 1, started from 0, gives fitLogistic's coefficients (unless
//      the data are so near separation that fitLogistic needs more than 15 steps), and the fit's own
//      invariants hold: −2LL ≤ null −2LL, the pseudo-R² in [0, 1], Nagelkerke ≥ Cox–Snell;
//   2. with integer counts it gives fitLogistic on the data with each row repeated count times —
//      and returns false exactly when that fit throws (separation, a predictor constant in the
//      resample);
//   3. fitted probabilities and −2LL do not change when a predictor is rescaled a·x + c; its
//      coefficient becomes b/a.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPsychkitError } from '../../src/errors.js';
import { randomStream } from '../../src/random/index.js';
import { fitLogistic, type LogisticFit } from '../../src/regression/logistic.js';
import { logisticInPlace, logisticWorkspace } from '../../src/regression/logistic-kernel.js';
import type { Design } from '../../src/regression/frame.js';
import { numRuns } from '../helpers/runs.js';

interface Data {
  readonly design: Design;
  readonly y: Float64Array;
}

/**
 * n = 30–200 cases, 1–5 predictors (normal with varied means and spreads; optionally the last one
 * 0/1), coefficients in [−1.5, 1.5], intercept in [−2, 1]: y ~ Bernoulli(logistic(xᵀb)).
 */
const dataArb: fc.Arbitrary<Data> = fc
  .record({
    n: fc.integer({ min: 30, max: 200 }),
    predictors: fc.integer({ min: 1, max: 5 }),
    binary: fc.boolean(),
    intercept: fc.double({ min: -2, max: 1, noNaN: true }),
    slopes: fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: 5, maxLength: 5 }),
    seed: fc.integer(),
  })
  .map(({ n, predictors, binary, intercept, slopes, seed }) => {
    const rng = randomStream(seed);
    const p = predictors + 1;
    const x = new Float64Array(n * p);
    x.fill(1, 0, n);
    const y = new Float64Array(n);
    const means = Array.from({ length: p }, (_, j) => (j % 3) - 1);
    const sds = Array.from({ length: p }, (_, j) => 0.5 + (j % 2));
    for (let i = 0; i < n; i++) {
      let eta = intercept;
      for (let j = 1; j < p; j++) {
        const v = binary && j === p - 1 ? (rng.next() < 0.4 ? 1 : 0) : means[j]! + sds[j]! * rng.normal();
        x[j * n + i] = v;
        eta += slopes[j - 1]! * v;
      }
      y[i] = rng.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
    const names = ['constant', ...Array.from({ length: predictors }, (_, j) => `x${j + 1}`)];
    return { design: { names, x, n, p }, y };
  });

/** fitLogistic, or the PsychkitError code it throws. */
function tryFit(design: Design, y: Float64Array): LogisticFit | string {
  try {
    return fitLogistic(design, y, 'y');
  } catch (e) {
    if (isPsychkitError(e)) return e.code;
    throw e;
  }
}

function rowsOf(design: Design): Float64Array {
  const { n, p, x } = design;
  const rows = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) rows[i * p + j] = x[j * n + i]!;
  return rows;
}

/** |a − b| ≤ tol·(1 + |b|), elementwise. */
function expectNear(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string): void {
  expect(a.length).toBe(b.length);
  for (let j = 0; j < b.length; j++) {
    const d = Math.abs(a[j]! - b[j]!);
    if (!(d <= tol * (1 + Math.abs(b[j]!)))) expect.fail(`${what}[${j}]: ${a[j]} vs ${b[j]} (|diff| ${d})`);
  }
}

describe('logisticInPlace', () => {
  it('with every count 1 gives fitLogistic’s coefficients, from a zero start; the fit’s statistics are consistent', () => {
    fc.assert(
      fc.property(dataArb, ({ design, y }) => {
        const fit = tryFit(design, y);
        fc.pre(typeof fit !== 'string'); // separated or constant outcome: nothing to compare
        const f = fit as LogisticFit;
        // Near separation (coefficients of 30 and more) fitLogistic may need 20 and more steps, and
        // the kernel, from 0, more than its 30: it is meant for warm starts.
        fc.pre(f.iterations <= 15);
        const ws = logisticWorkspace(design.n, design.p);
        const out = new Float64Array(design.p);
        expect(logisticInPlace(ws, rowsOf(design), y, new Float64Array(design.n).fill(1), new Float64Array(design.p), out)).toBe(true);
        expectNear(out, f.b, 1e-9, 'b');
        expect(f.minus2LL).toBeLessThanOrEqual(f.nullMinus2LL + 1e-9);
        for (const r2 of [f.mcFadden, f.coxSnell, f.nagelkerke]) {
          expect(r2).toBeGreaterThanOrEqual(-1e-12);
          expect(r2).toBeLessThanOrEqual(1);
        }
        expect(f.nagelkerke).toBeGreaterThanOrEqual(f.coxSnell - 1e-15);
        expect(f.p).toBeGreaterThanOrEqual(0);
        expect(f.p).toBeLessThanOrEqual(1);
      }),
      { numRuns: numRuns(80) },
    );
  });

  it('with integer counts equals fitLogistic on the rows repeated count times, and returns false exactly when that fit throws', () => {
    const arb = dataArb.chain((d) => fc.tuple(fc.constant(d), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: d.design.n, maxLength: d.design.n })));
    fc.assert(
      fc.property(arb, ([{ design, y }, counts]) => {
        const full = tryFit(design, y);
        fc.pre(typeof full !== 'string');
        // The data with row i repeated counts[i] times.
        const { n, p } = design;
        const m = counts.reduce((s, c) => s + c, 0);
        const x = new Float64Array(m * p);
        const yr = new Float64Array(m);
        let r = 0;
        for (let i = 0; i < n; i++) {
          for (let c = 0; c < counts[i]!; c++) {
            for (let j = 0; j < p; j++) x[j * m + r] = design.x[j * n + i]!;
            yr[r++] = y[i]!;
          }
        }
        const replicated = tryFit({ ...design, x, n: m }, yr);
        const ws = logisticWorkspace(n, p);
        const out = new Float64Array(p);
        const ok = logisticInPlace(ws, rowsOf(design), y, Float64Array.from(counts), (full as LogisticFit).b, out);
        if (typeof replicated === 'string') {
          // ZERO_VARIANCE: one outcome drawn; SEPARATION; SINGULAR: a 0/1 predictor constant in the resample.
          expect(['ZERO_VARIANCE', 'SEPARATION', 'SINGULAR', 'TOO_FEW_CASES']).toContain(replicated);
          if (replicated !== 'TOO_FEW_CASES') expect(ok, `fitLogistic threw ${replicated}`).toBe(false);
        } else {
          expect(ok).toBe(true);
          expectNear(out, replicated.b, 1e-9, 'b');
        }
      }),
      { numRuns: numRuns(80) },
    );
  });
});

describe('fitLogistic', () => {
  it('fitted probabilities and −2LL are invariant to rescaling a predictor a·x + c; its coefficient becomes b/a', () => {
    const arb = fc.record({
      data: dataArb,
      column: fc.nat(),
      a: fc.oneof(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: -100, max: -0.01, noNaN: true })),
      c: fc.double({ min: -100, max: 100, noNaN: true }),
    });
    fc.assert(
      fc.property(arb, ({ data: { design, y }, column, a, c }) => {
        const fit = tryFit(design, y);
        fc.pre(typeof fit !== 'string');
        const { n, p } = design;
        const j = 1 + (column % (p - 1));
        const x = Float64Array.from(design.x);
        for (let i = 0; i < n; i++) x[j * n + i] = a * x[j * n + i]! + c;
        const rescaled = fitLogistic({ ...design, x }, y, 'y');
        const f = fit as LogisticFit;
        const fitted = (b: ArrayLike<number>, xs: Float64Array) =>
          Array.from({ length: n }, (_, i) => {
            let eta = 0;
            for (let l = 0; l < p; l++) eta += b[l]! * xs[l * n + i]!;
            return 1 / (1 + Math.exp(-eta));
          });
        const before = fitted(f.b, design.x);
        const after = fitted(rescaled.b, x);
        for (let i = 0; i < n; i++) expect(Math.abs(after[i]! - before[i]!)).toBeLessThanOrEqual(1e-8);
        expect(Math.abs(rescaled.minus2LL - f.minus2LL)).toBeLessThanOrEqual(1e-9 * f.minus2LL);
        const slope = f.b[j]! / a;
        expect(Math.abs(rescaled.b[j]! - slope)).toBeLessThanOrEqual(1e-7 * (Math.abs(slope) + Math.sqrt(rescaled.covariance[j * p + j]!)));
        // The slope's z statistic changes only its sign, with a's.
        const z = (g: LogisticFit) => g.b[j]! / Math.sqrt(g.covariance[j * p + j]!);
        expect(Math.abs(z(rescaled) - Math.sign(a) * z(f))).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(z(f))));
      }),
      { numRuns: numRuns(80) },
    );
  });
});
