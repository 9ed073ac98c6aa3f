// Properties of describe, the SPSS standard errors of skewness and kurtosis, Yeo-Johnson and
// compareTransforms. (skewness/kurtosis, normality tests, transform/inverseTransform and Box-Cox
// have theirs in test/distribution.)
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  TRANSFORM_LADDER,
  boxCox,
  chiSquareQuantile,
  compareTransforms,
  descriptives as describeData,
  isPsychkitError,
  kurtosis,
  randomStream,
  shapiroWilk,
  skewness,
  standardErrorOfKurtosis,
  standardErrorOfSkewness,
  transform,
  yeoJohnson,
} from '../../src/index.js';
import { expectClose } from '../helpers/close.js';
import { numRuns } from '../helpers/runs.js';

// Values on a grid (distinct inputs stay distinct) with some missing cells.
const sample = fc.array(fc.oneof({ weight: 9, arbitrary: fc.integer({ min: -5000, max: 5000 }).map((v) => v / 16) }, { weight: 1, arbitrary: fc.constant(null) }), { minLength: 4, maxLength: 40 });
const observed = (x: readonly (number | null)[]) => x.filter((v): v is number => v !== null);
const rel = (x: number) => 1e-9 * Math.max(1, Math.abs(x));

describe('describe', () => {
  it('is consistent with itself and with skewness, kurtosis and the SPSS standard errors', () => {
    fc.assert(
      fc.property(sample, (x) => {
        const v = observed(x);
        fc.pre(v.length >= 4 && new Set(v).size > 1);
        const d = describeData(x).rows[0]!;
        expect([d.n, d.nMissing]).toEqual([v.length, x.length - v.length]);
        expectClose(d.mean!, v.reduce((a, b) => a + b, 0) / v.length, rel(d.mean!), 'mean');
        expect([d.min, d.max, d.range]).toEqual([Math.min(...v), Math.max(...v), Math.max(...v) - Math.min(...v)]);
        for (const m of [d.median!, d.trimmedMean!, d.mean!]) expect(m >= d.min! - 1e-12 && m <= d.max! + 1e-12).toBe(true);
        expectClose(d.se!, d.sd! / Math.sqrt(v.length), rel(d.se!), 'se = sd/√n');
        expectClose(d.skewness!, skewness(x), rel(d.skewness!), 'skewness');
        expectClose(d.kurtosis!, kurtosis(x), rel(d.kurtosis!), 'kurtosis');
        expect(d.seSkewness).toBe(standardErrorOfSkewness(v.length));
        expect(d.seKurtosis).toBe(standardErrorOfKurtosis(v.length));
        expectClose(d.zSkewness!, d.skewness! / d.seSkewness!, rel(d.zSkewness!), 'z skewness');
        expectClose(d.zKurtosis!, d.kurtosis! / d.seKurtosis!, rel(d.zKurtosis!), 'z kurtosis');
      }),
      { numRuns: numRuns(150) },
    );
  });
  it('is equivariant under a + b·x (b > 0): location statistics move, scale ones stretch, shape ones stay', () => {
    fc.assert(
      fc.property(sample, fc.integer({ min: -100, max: 100 }), fc.integer({ min: 1, max: 64 }).map((b) => b / 8), (x, a, b) => {
        const v = observed(x);
        fc.pre(v.length >= 4 && new Set(v).size > 1);
        const d = describeData(x).rows[0]!;
        const e = describeData(x.map((u) => (u === null ? null : a + b * u))).rows[0]!;
        for (const k of ['mean', 'median', 'trimmedMean', 'min', 'max'] as const) expectClose(e[k]!, a + b * d[k]!, 1e-9 * (Math.abs(a) + b * Math.abs(d[k]!) + 1), k);
        for (const k of ['sd', 'mad', 'range', 'se'] as const) expectClose(e[k]!, b * d[k]!, 1e-9 * (1 + b * d[k]!), k);
        for (const k of ['skewness', 'kurtosis'] as const) expectClose(e[k]!, d[k]!, 1e-7 * (1 + Math.abs(d[k]!)), k);
      }),
      { numRuns: numRuns(150) },
    );
  });
});

describe('standardErrorOfSkewness and standardErrorOfKurtosis', () => {
  it('decrease with n and behave as √(6/n) and √(24/n) for large n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 1_000_000 }), (n) => {
        expect(standardErrorOfSkewness(n)).toBeLessThan(standardErrorOfSkewness(n - 1));
        if (n > 4) expect(standardErrorOfKurtosis(n)).toBeLessThan(standardErrorOfKurtosis(n - 1));
        // n·SES² = 6(n − 1)n²/((n − 2)(n + 1)(n + 3)) = 6(1 − 5/n + O(1/n²)); likewise 24 for SEK.
        expectClose(n * standardErrorOfSkewness(n) ** 2, 6, 6 * (12 / n), 'n·SES²');
        if (n > 20) expectClose(n * standardErrorOfKurtosis(n) ** 2, 24, 24 * (40 / n), 'n·SEK²');
      }),
      { numRuns: numRuns(200) },
    );
  });
  it('are the standard deviations of G₁ and G₂ over normal samples (Monte Carlo, 4 SE of an SD)', () => {
    // R = 3000 normal samples of size n. The SD of R values has relative SE √((κ − 1)/(4R)) with κ
    // the kurtosis of the statistic's distribution, estimated from the same draws; 4 of those SEs
    // bound a correct formula's miss with probability 6e-5 per comparison.
    const R = 3000;
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 40 }), fc.integer(), (n, seed) => {
        const rng = randomStream(seed);
        const g1 = new Float64Array(R);
        const g2 = new Float64Array(R);
        const x = new Float64Array(n);
        for (let r = 0; r < R; r++) {
          for (let i = 0; i < n; i++) x[i] = rng.normal();
          g1[r] = skewness(x);
          g2[r] = kurtosis(x);
        }
        for (const [g, se, what] of [
          [g1, standardErrorOfSkewness(n), 'SES'],
          [g2, standardErrorOfKurtosis(n), 'SEK'],
        ] as const) {
          const mean = g.reduce((a, b) => a + b, 0) / R;
          const m2 = g.reduce((a, b) => a + (b - mean) ** 2, 0) / R;
          const m4 = g.reduce((a, b) => a + (b - mean) ** 4, 0) / R;
          const sd = Math.sqrt((m2 * R) / (R - 1));
          const relSe = Math.sqrt((m4 / (m2 * m2) - 1) / (4 * R));
          expect(Math.abs(sd / se - 1), `${what}(${n}) = ${se}, Monte Carlo SD ${sd}`).toBeLessThan(4 * relSe);
        }
      }),
      { numRuns: numRuns(6), seed: 6 }, // fixed: a statistical check should not vary between runs
    );
  });
});

/** The Yeo-Johnson profile log-likelihood, written from its definition (scipy's yeojohnson_llf). */
function yeoJohnsonLogLik(x: readonly number[], lambda: number): number {
  const y = yeoJohnson(x, { lambda }).values as number[];
  const n = y.length;
  const mean = y.reduce((a, b) => a + b, 0) / n;
  const variance = y.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  return -0.5 * n * Math.log(variance) + (lambda - 1) * x.reduce((s, v) => s + Math.sign(v) * Math.log1p(Math.abs(v)), 0);
}

describe('yeoJohnson', () => {
  const magnitudes = fc.array(fc.integer({ min: 0, max: 2000 }).map((v) => v / 100), { minLength: 4, maxLength: 30 }).filter((v) => new Set(v).size > 2);
  const lambda = fc.double({ min: -2, max: 4, noNaN: true });
  it('is Box-Cox of x + 1 for x ≥ 0, and −Box-Cox(1 − x) with 2 − λ for x < 0', () => {
    fc.assert(
      fc.property(magnitudes, lambda, (m, l) => {
        const yPos = yeoJohnson(m, { lambda: l }).values as number[];
        const bcPos = boxCox(m, { lambda: l, shift: 1 }).values as number[];
        yPos.forEach((y, i) => expectClose(y, bcPos[i]!, 1e-10 * Math.max(1, Math.abs(y)), `x = ${m[i]}`));
        const neg = m.map((v) => -v - 0.5);
        const yNeg = yeoJohnson(neg, { lambda: l }).values as number[];
        const bcNeg = boxCox(neg.map((v) => -v), { lambda: 2 - l, shift: 1 }).values as number[];
        yNeg.forEach((y, i) => expectClose(y, -bcNeg[i]!, 1e-10 * Math.max(1, Math.abs(y)), `x = ${neg[i]}`));
      }),
      { numRuns: numRuns(100) },
    );
  });
  it('λ̂ maximises the profile likelihood, and the interval ends where it has dropped by χ²₁(0.95)/2', () => {
    const anySign = fc.array(fc.integer({ min: -400, max: 2000 }).map((v) => v / 100), { minLength: 8, maxLength: 40 }).filter((v) => new Set(v).size > 3);
    fc.assert(
      fc.property(anySign, (x) => {
        let t;
        try {
          t = yeoJohnson(x);
        } catch (e) {
          if (isPsychkitError(e)) return; // e.g. no finite maximum: documented errors only
          throw e;
        }
        const est = t.lambda;
        fc.pre(est !== null);
        const best = yeoJohnsonLogLik(x, est.estimate);
        expectClose(est.logLikelihood, best, 1e-7 * Math.max(1, Math.abs(best)), 'reported ℓ(λ̂)');
        for (const d of [-0.05, -1e-3, 1e-3, 0.05]) expect(yeoJohnsonLogLik(x, est.estimate + d)).toBeLessThanOrEqual(best + 1e-9 * Math.max(1, Math.abs(best)));
        const drop = chiSquareQuantile(0.95, 1) / 2;
        for (const end of [est.lower, est.upper]) if (end !== null) expectClose(best - yeoJohnsonLogLik(x, end), drop, 1e-5, 'interval end');
      }),
      { numRuns: numRuns(60) },
    );
  });
});

describe('compareTransforms', () => {
  const anySign = fc.array(fc.integer({ min: -400, max: 4000 }).map((v) => v / 16), { minLength: 4, maxLength: 30 }).filter((v) => new Set(v).size > 2);
  it('each candidate is what transform() gives, or not applicable exactly when transform() throws, with its message', () => {
    fc.assert(
      fc.property(anySign, fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }), (x, shift) => {
        const c = compareTransforms(x, shift === undefined ? {} : { shift });
        expect(c.candidates.map((k) => k.method)).toEqual(['none', ...TRANSFORM_LADDER]);
        const none = c.candidates[0]!;
        expectClose(none.skewness!, skewness(x), 1e-12, 'untransformed skewness');
        expectClose(none.shapiroWilk!.statistic, shapiroWilk(x).statistic, 1e-12, 'untransformed W');
        for (const k of c.candidates.slice(1)) {
          const takesShift = ['sqrt', 'log', 'log10', 'inverse', 'boxcox'].includes(k.method);
          let t;
          try {
            t = transform(x, { method: k.method as never, ...shift !== undefined && takesShift ? { shift } : {} });
          } catch (e) {
            if (!isPsychkitError(e)) throw e;
            expect(k.applicable, `${k.method}: transform threw ${e.code}`).toBe(false);
            expect(k.reason).toBe(e.message);
            continue;
          }
          expect(k.applicable, k.method).toBe(true);
          expect(k.parameters).toEqual(t.parameters);
          expectClose(k.skewness!, t.after.skewness, 1e-12 * Math.max(1, Math.abs(t.after.skewness)), `${k.method} skewness`);
          expectClose(k.kurtosis!, t.after.kurtosis, 1e-12 * Math.max(1, Math.abs(t.after.kurtosis)), `${k.method} kurtosis`);
          expect(k.reversesOrder).toBe(t.reversesOrder);
        }
      }),
      { numRuns: numRuns(40) },
    );
  });
});
