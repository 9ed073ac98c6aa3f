import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalityTests, shapiroWilk } from '../../src/index.js';
import { loadJson } from '../helpers/fixtures.js';
import { expectClose, expectRelClose } from '../helpers/close.js';
import { expectCode } from './expect-code.js';

const peer = loadJson('peer-workers.json');
const recovery: (number | null)[] = peer.scales.ras.scores;
// shared/reference/scripts/distribution-reference.py (scipy 1.17.1) on the recovery score.
const ref = loadJson('peer-workers.distribution.json');
// test/fixtures/distribution-scipy.py and distribution-psych.R on generated samples.
const scipy = loadJson('distribution-scipy.json').samples;
const psych = loadJson('distribution-psych.json');
const samples: Record<string, (number | null)[]> = { ...psych.samples, recovery };

describe('normality tests match scipy on the recovery score (peer-workers.distribution.json)', () => {
  const t = normalityTests(recovery);
  it("D'Agostino skewness z and p", () => {
    expectClose(t.dagostinoSkewness!.statistic, ref.dagostinoSkewness.z, 1e-6, 'z');
    expectClose(t.dagostinoSkewness!.p, ref.dagostinoSkewness.p, 1e-6, 'p');
    expectRelClose(t.dagostinoSkewness!.p, ref.dagostinoSkewness.p, 1e-9, 'p (relative)');
  });
  it('Anscombe–Glynn kurtosis z and p', () => {
    expectClose(t.anscombeGlynnKurtosis!.statistic, ref.anscombeGlynnKurtosis.z, 1e-6, 'z');
    expectRelClose(t.anscombeGlynnKurtosis!.p, ref.anscombeGlynnKurtosis.p, 1e-9, 'p');
  });
  it("D'Agostino–Pearson K² and p", () => {
    expectClose(t.dagostinoPearson!.statistic, ref.dagostinoPearsonK2.statistic, 1e-6, 'K²');
    expect(t.dagostinoPearson!.df).toBe(2);
    expectRelClose(t.dagostinoPearson!.p, ref.dagostinoPearsonK2.p, 1e-9, 'p');
  });
  it('Shapiro–Wilk W and p', () => {
    expectClose(t.shapiroWilk!.statistic, ref.shapiroWilk.W, 1e-6, 'W');
    expectClose(t.shapiroWilk!.p, ref.shapiroWilk.p, 1e-4, 'p');
    // scipy's and R's implementations differ in the 10th digit of W; the p-values agree to ~1e-8.
    expectRelClose(t.shapiroWilk!.p, ref.shapiroWilk.p, 1e-6, 'p (relative)');
    expect(t.n).toBe(ref.n);
    expect(t.warnings).toEqual([]);
  });
});

describe(`normality tests on ${Object.keys(samples).length} samples (n = 3 … 5,000)`, () => {
  it("scipy's skewtest, kurtosistest, normaltest (where scipy computes them)", () => {
    for (const [name, x] of Object.entries(samples)) {
      const t = normalityTests(x);
      const s = scipy[name];
      if (s.dagostinoSkewness) {
        expectClose(t.dagostinoSkewness!.statistic, s.dagostinoSkewness.z, 1e-9, `${name} skew z`);
        expectRelClose(t.dagostinoSkewness!.p, s.dagostinoSkewness.p, 1e-9, `${name} skew p`);
        expectClose(t.dagostinoPearson!.statistic, s.dagostinoPearsonK2.statistic, 1e-9 * Math.max(1, s.dagostinoPearsonK2.statistic), `${name} K²`);
        expectRelClose(t.dagostinoPearson!.p, s.dagostinoPearsonK2.p, 1e-9, `${name} K² p`);
      } else {
        expect(t.dagostinoSkewness).toBeNull();
        expect(t.dagostinoPearson).toBeNull();
      }
      if (s.anscombeGlynnKurtosis) {
        expectClose(t.anscombeGlynnKurtosis!.statistic, s.anscombeGlynnKurtosis.z, 1e-9, `${name} kurt z`);
        expectRelClose(t.anscombeGlynnKurtosis!.p, s.anscombeGlynnKurtosis.p, 1e-9, `${name} kurt p`);
      } else expect(t.anscombeGlynnKurtosis).toBeNull();
    }
  });

  it("Shapiro–Wilk: R's shapiro.test (same algorithm) to 1e-12, scipy's shapiro to 1e-8", () => {
    for (const [name, x] of Object.entries(samples)) {
      const w = shapiroWilk(x);
      const r = psych.shapiro[name] ?? null;
      if (r !== null) {
        expectClose(w.statistic, r.W, 1e-12, `${name} W (R)`);
        expectRelClose(w.p, r.p, 1e-9, `${name} p (R)`);
      }
      const s = scipy[name].shapiroWilk;
      expectClose(w.statistic, s.W, 1e-8, `${name} W (scipy)`);
      expectClose(w.p, s.p, 1e-4, `${name} p (scipy)`);
      expectRelClose(w.p, s.p, 1e-6, `${name} p (scipy, relative)`);
      expect(normalityTests(x).shapiroWilk).toEqual({ statistic: w.statistic, p: w.p });
    }
  });

  it('missing values are ignored and counted', () => {
    const x = psych.samples.withMissing50 as (number | null)[];
    const t = normalityTests(x);
    expect(t.n).toBe(45);
    expect(t.nMissing).toBe(5);
    expect({ ...t, nMissing: 0 }).toEqual(normalityTests(x.filter((v) => v !== null)));
  });
});

describe('sample-size ranges', () => {
  it('n < 8: skewness and omnibus tests are null with a warning; n < 5 also the kurtosis test', () => {
    const t7 = normalityTests(samples.n7!);
    expect(t7.dagostinoSkewness).toBeNull();
    expect(t7.dagostinoPearson).toBeNull();
    expect(t7.anscombeGlynnKurtosis).not.toBeNull();
    expect(t7.warnings.map((w) => w.code)).toEqual(['TOO_FEW_FOR_TEST', 'SMALL_SAMPLE']);
    const t4 = normalityTests(samples.n4!);
    expect(t4.anscombeGlynnKurtosis).toBeNull();
    expect(t4.shapiroWilk).not.toBeNull();
    expect(t4.warnings.map((w) => w.code)).toEqual(['TOO_FEW_FOR_TEST', 'TOO_FEW_FOR_TEST']);
  });

  it('n > 5,000: Shapiro–Wilk is null in normalityTests (warning) and an error on its own', () => {
    const x = Array.from({ length: 5001 }, (_, i) => Math.sin(i) + i / 5000);
    const t = normalityTests(x);
    expect(t.shapiroWilk).toBeNull();
    expect(t.dagostinoPearson).not.toBeNull();
    expect(t.warnings.map((w) => w.code)).toEqual(['TOO_MANY_FOR_TEST']);
    expectCode(() => shapiroWilk(x), 'INVALID_INPUT');
    expect(shapiroWilk(x.slice(0, 5000)).n).toBe(5000);
  });
});

describe('properties', () => {
  const sample = fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 8, maxLength: 80 }).filter((v) => new Set(v).size > 1);
  it('every statistic is invariant to positive affine maps; negation flips the skewness z only', () => {
    fc.assert(
      fc.property(sample, fc.double({ min: 0.1, max: 10, noNaN: true }), fc.integer({ min: -100, max: 100 }), (x, a, b) => {
        const t = normalityTests(x);
        const u = normalityTests(x.map((v) => a * v + b));
        const neg = normalityTests(x.map((v) => -v));
        expectClose(u.shapiroWilk!.statistic, t.shapiroWilk!.statistic, 1e-9, 'W');
        expectClose(u.dagostinoSkewness!.statistic, t.dagostinoSkewness!.statistic, 1e-6, 'z skew');
        expectClose(u.anscombeGlynnKurtosis!.statistic, t.anscombeGlynnKurtosis!.statistic, 1e-6, 'z kurt');
        expectClose(neg.dagostinoSkewness!.statistic, -t.dagostinoSkewness!.statistic, 1e-9, 'z skew, negated');
        expectClose(neg.anscombeGlynnKurtosis!.statistic, t.anscombeGlynnKurtosis!.statistic, 1e-9, 'z kurt, negated');
        expectClose(neg.shapiroWilk!.statistic, t.shapiroWilk!.statistic, 1e-12, 'W, negated');
      }),
    );
  });
  it('W lies in (0, 1] and p in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 3, maxLength: 200 }), (x) => {
        fc.pre(new Set(x).size > 1);
        const w = shapiroWilk(x);
        expect(w.statistic).toBeGreaterThan(0);
        expect(w.statistic).toBeLessThanOrEqual(1);
        expect(w.p).toBeGreaterThanOrEqual(0);
        expect(w.p).toBeLessThanOrEqual(1);
      }),
    );
  });
  // scipy's skewtest replaces Y = 0 by 1 and returns z = 1.0108 for this sample (docs/distribution.md).
  it('a symmetric sample has D\'Agostino z = 0 (exactly: asinh(0) = 0)', () => {
    const x = [-3, -1, 0, 1, 3, -2, 2, 0];
    expect(normalityTests(x).dagostinoSkewness!.statistic).toBeCloseTo(0, 12);
    expect(normalityTests(x).dagostinoSkewness!.p).toBeCloseTo(1, 12);
  });
});

describe('bad input', () => {
  it('fewer than 3 values, a constant variable, non-finite values', () => {
    expectCode(() => normalityTests([1, 2, null]), 'TOO_FEW_CASES');
    expectCode(() => shapiroWilk([1, 2]), 'TOO_FEW_CASES');
    expectCode(() => normalityTests([2, 2, 2, 2, 2, 2, 2, 2, 2]), 'ZERO_VARIANCE');
    expectCode(() => shapiroWilk([5, 5, 5]), 'ZERO_VARIANCE');
    expectCode(() => normalityTests([1, 2, 3, Infinity]), 'NON_FINITE');
    expectCode(() => shapiroWilk([1, 2, 'x', 4]), 'NON_NUMERIC');
    expectCode(() => shapiroWilk('1,2,3' as never), 'INVALID_INPUT');
  });
});
