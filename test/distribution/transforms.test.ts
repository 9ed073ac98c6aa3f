import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  TRANSFORM_LADDER,
  TRANSFORM_METHODS,
  boxCox,
  compareTransforms,
  inverseTransform,
  isPsychkitError,
  shapiroWilk,
  skewness,
  transform,
  yeoJohnson,
  type TransformMethod,
  type TransformResult,
} from '../../src/index.js';
import { loadJson } from '../helpers/fixtures.js';
import { expectAllClose, expectClose } from '../helpers/close.js';
import { expectCode } from './expect-code.js';

const peer = loadJson('peer-workers.json');
const recovery: (number | null)[] = peer.scales.ras.scores;
const ref = loadJson('peer-workers.distribution.json'); // scipy, shared/reference/scripts/distribution-reference.py
const scipy = loadJson('distribution-scipy.json').samples; // test/fixtures/distribution-scipy.py
const psych = loadJson('distribution-psych.json'); // test/fixtures/distribution-psych.R
const samples: Record<string, (number | null)[]> = { ...psych.samples, recovery };
const observed = (v: readonly (number | null)[]) => v.filter((x): x is number => x !== null);
const LAMBDA = 1e-4;

describe('power transforms match scipy and R on the recovery score', () => {
  it('Box-Cox λ (scipy boxcox, R profile likelihood) and the skewness/kurtosis after', () => {
    const bc = boxCox(recovery, { type: 1 });
    expectClose(bc.parameters.lambda!, ref.boxCox.lambda, LAMBDA, 'λ vs scipy');
    expectClose(bc.parameters.lambda!, peer.describe.recovery_boxcox.lambda, LAMBDA, 'λ vs R');
    expectClose(bc.after.skewness, ref.boxCox.skewnessType1After, 1e-6, 'skewness after');
    expectClose(bc.after.kurtosis, ref.boxCox.kurtosisType1After, 1e-6, 'kurtosis after');
    expect(bc.lambda!.estimate).toBe(bc.parameters.lambda);
    expect(bc.parameters.shift).toBe(0);
    // Tighter than the acceptance: both optimisers agree to ~1e-7.
    expectClose(bc.parameters.lambda!, ref.boxCox.lambda, 1e-6, 'λ (1e-6)');
  });
  it('Yeo-Johnson λ and the skewness/kurtosis after', () => {
    const yj = yeoJohnson(recovery, { type: 1 });
    expectClose(yj.parameters.lambda!, ref.yeoJohnson.lambda, LAMBDA, 'λ');
    expectClose(yj.after.skewness, ref.yeoJohnson.skewnessType1After, 1e-6, 'skewness after');
    expectClose(yj.after.kurtosis, ref.yeoJohnson.kurtosisType1After, 1e-6, 'kurtosis after');
  });
  it("Blom's rank-normal scores (first 10) and their skewness", () => {
    const rn = transform(recovery, { method: 'rank-normal', type: 1 });
    expectAllClose(rn.values.slice(0, 10) as number[], ref.rankNormalBlom.first10, 1e-6, 'Blom');
    expectClose(rn.after.skewness, ref.rankNormalBlom.skewnessType1After, 1e-6, 'skewness after');
  });
  it('sqrt, log and reflect-sqrt before/after shape equal psych on the transformed scores', () => {
    for (const [method, key] of [
      ['sqrt', 'recovery_sqrt'],
      ['log', 'recovery_log'],
      ['reflect-sqrt', 'recovery_reflect_sqrt'],
    ] as const) {
      for (const type of [1, 2, 3] as const) {
        const t = transform(recovery, { method: method, type });
        expectClose(t.before.skewness, peer.describe.recovery.skewness[`type${type}`], 1e-9, `${method} before`);
        expectClose(t.before.kurtosis, peer.describe.recovery.kurtosis[`type${type}`], 1e-9, `${method} before`);
        expectClose(t.after.skewness, peer.describe[key].skewness[`type${type}`], 1e-9, `${method} skewness after`);
        expectClose(t.after.kurtosis, peer.describe[key].kurtosis[`type${type}`], 1e-9, `${method} kurtosis after`);
      }
    }
    const r = transform(recovery, { method: 'reflect-sqrt' });
    expect(r.parameters.reflection).toBe(Math.max(...observed(recovery)) + 1);
    expect(r.reversesOrder).toBe(true);
  });
});

describe(`power transforms on ${Object.keys(scipy).length} samples (scipy, R)`, () => {
  it('Box-Cox: λ, log-likelihood and the 95% interval (scipy boxcox(alpha = 0.05)); R λ', () => {
    let checked = 0;
    for (const [name, x] of Object.entries(samples)) {
      const s = scipy[name].boxCox;
      if (!s || observed(x).length < 4) continue;
      const bc = boxCox(x);
      expectClose(bc.parameters.lambda!, s.lambda, LAMBDA, `${name} λ`);
      expectClose(bc.lambda!.logLikelihood, s.logLikelihood, 1e-6 * Math.max(1, Math.abs(s.logLikelihood)), `${name} llf`);
      expectClose(bc.lambda!.lower!, s.lower, 1e-6, `${name} lower`);
      expectClose(bc.lambda!.upper!, s.upper, 1e-6, `${name} upper`);
      if (psych.boxcoxLambda[name] !== undefined) expectClose(bc.parameters.lambda!, psych.boxcoxLambda[name], LAMBDA, `${name} λ (R)`);
      checked++;
    }
    expect(checked).toBeGreaterThan(12);
  });

  it('Yeo-Johnson: λ, log-likelihood, profile interval and the values (scipy yeojohnson)', () => {
    for (const [name, x] of Object.entries(samples)) {
      if (observed(x).length < 4) continue;
      const s = scipy[name].yeoJohnson;
      const yj = yeoJohnson(x);
      expectClose(yj.parameters.lambda!, s.lambda, LAMBDA, `${name} λ`);
      expectClose(yj.lambda!.logLikelihood, s.logLikelihood, 1e-6 * Math.max(1, Math.abs(s.logLikelihood)), `${name} llf`);
      // n = 4: scipy's own log-likelihood loses digits at λ ≈ −11 (mpmath puts the bound at
      // −11.0601740, we give −11.0601740, scipy −11.0602289), so compare that one at 1e-4.
      const tol = name === 'n4' ? 1e-4 : 1e-6;
      expectClose(yj.lambda!.lower!, s.interval[0], tol, `${name} lower`);
      expectClose(yj.lambda!.upper!, s.interval[1], tol, `${name} upper`);
      // Values at scipy's λ, so that only the transform itself is compared.
      const at = transform(x, { method: 'yeojohnson', lambda: s.lambda });
      const scaleOf = Math.max(1, ...s.values.map(Math.abs));
      expectAllClose(observed(at.values), s.values, 1e-9 * scaleOf, `${name} values`);
    }
  });

  it("Blom scores (ties at their average rank, as scipy's rankdata)", () => {
    for (const [name, x] of Object.entries(samples)) {
      if (observed(x).length < 4) continue;
      expectAllClose(observed(transform(x, { method: 'rank-normal' }).values), scipy[name].rankNormalBlom, 1e-12, name);
    }
    const tied = transform([3, 1, 3, 2, 3], { method: 'rank-normal' }).values as number[];
    expect(tied[0]).toBe(tied[2]);
    expect(tied[0]).toBe(tied[4]);
  });
});

describe('transform: values, parameters, missing', () => {
  const x = [4, null, 1, 9, 2.5, NaN, 16];
  it('missing stays missing (null) at its position; the input is untouched', () => {
    const copy = [...x];
    for (const method of TRANSFORM_METHODS) {
      const t = transform(x, { method: method });
      expect(t.values.length).toBe(x.length);
      expect(t.values[1]).toBeNull();
      expect(t.values[5]).toBeNull();
      expect(t.n).toBe(5);
      expect(t.nMissing).toBe(2);
      expect(Object.isFrozen(t)).toBe(true);
    }
    expect(x).toEqual(copy);
  });

  it('applies the documented formula with the reported parameters', () => {
    const v = [4, 1, 9, 2.5, 16];
    const check = (method: TransformMethod, f: (u: number) => number, options = {}) =>
      expectAllClose(transform(v, { method: method, ...options }).values as number[], v.map(f), 1e-12, method);
    check('sqrt', Math.sqrt);
    check('log', Math.log);
    check('log10', Math.log10);
    check('inverse', (u) => 1 / u);
    check('reflect-sqrt', (u) => Math.sqrt(17 - u));
    check('reflect-log', (u) => Math.log(17 - u));
    check('reflect-inverse', (u) => 1 / (17 - u));
    check('reflect-log', (u) => Math.log(20 - u), { reflection: 20 });
    check('log', (u) => Math.log(u + 0.5), { shift: 0.5 });
    check('boxcox', (u) => (Math.pow(u, 0.5) - 1) / 0.5, { lambda: 0.5 });
    check('boxcox', Math.log, { lambda: 0 });
    check('boxcox', (u) => (Math.pow(u + 2, -1.5) - 1) / -1.5, { lambda: -1.5, shift: 2 });
    check('yeojohnson', (u) => (Math.pow(u + 1, 0.3) - 1) / 0.3, { lambda: 0.3 });
    const signs = [-3, -0.5, 0, 2, 7];
    expectAllClose(transform(signs, { method: 'yeojohnson', lambda: 0.3 }).values as number[], signs.map((u) => (u >= 0 ? (Math.pow(u + 1, 0.3) - 1) / 0.3 : -(Math.pow(1 - u, 1.7) - 1) / 1.7)), 1e-12, 'yj signs');
    expectAllClose(transform(signs, { method: 'yeojohnson', lambda: 2 }).values as number[], signs.map((u) => (u >= 0 ? (Math.pow(u + 1, 2) - 1) / 2 : -Math.log(1 - u))), 1e-12, 'yj λ = 2');
    expect(transform(v, { method: 'sqrt' }).parameters).toEqual({ shift: 0, reflection: null, lambda: null });
    expect(transform(v, { method: 'reflect-inverse' }).parameters).toEqual({ shift: null, reflection: 17, lambda: null });
    expect(transform(v, { method: 'yeojohnson', lambda: 0.3 }).parameters).toEqual({ shift: null, reflection: null, lambda: 0.3 });
    expect(transform(v, { method: 'yeojohnson', lambda: 0.3 }).lambda).toBeNull();
  });

  it('the profile interval contains λ̂ and narrows with a lower confidence', () => {
    const wide = boxCox(recovery).lambda!;
    const narrow = boxCox(recovery, { confidence: 0.5 }).lambda!;
    expect(wide.lower!).toBeLessThan(narrow.lower!);
    expect(narrow.lower!).toBeLessThan(wide.estimate);
    expect(wide.estimate).toBeLessThan(narrow.upper!);
    expect(narrow.upper!).toBeLessThan(wide.upper!);
    expect(narrow.confidence).toBe(0.5);
  });

  it('large and tiny magnitudes: λ is found without overflow and matches the rescaled data', () => {
    // Box-Cox λ is invariant to rescaling x; here x^λ would overflow for the λ being searched.
    const base = observed(psych.samples.lognormal200);
    const big = base.map((v) => v * 1e150);
    expectClose(boxCox(big).parameters.lambda!, boxCox(base).parameters.lambda!, 1e-6, 'λ at 1e150');
    // (At 1e-150 the transformed values themselves, (x^λ − 1)/λ, would all round to −1/λ.)
    const tiny = base.map((v) => v * 1e-20);
    expectClose(boxCox(tiny).parameters.lambda!, boxCox(base).parameters.lambda!, 1e-6, 'λ at 1e-20');
  });
});

describe('properties', () => {
  // Values on a grid of 1/100 (1/8 with both signs), so that distinct inputs stay distinct after
  // a transform: doubles one ulp apart would collapse to equal values and make skewness undefined.
  const positive = fc.array(fc.integer({ min: 1, max: 100_000 }).map((v) => v / 100), { minLength: 4, maxLength: 40 }).filter((v) => new Set(v).size > 1);
  const anySign = fc.array(fc.integer({ min: -8000, max: 8000 }).map((v) => v / 8), { minLength: 4, maxLength: 40 }).filter((v) => new Set(v).size > 1);
  const closeRel = (a: readonly (number | null)[], b: number[], what: string) =>
    a.forEach((v, i) => expectClose(v as number, b[i] as number, 1e-8 * Math.max(1, Math.abs(b[i] as number)), `${what}[${i}]`));

  // |dy/dx| of each transform: y carries a rounding error of ~ε|y|, which moves the recovered x
  // by ε|y|/|dy/dx| — large where the transform flattens (e.g. Box-Cox with λ ≪ 0 at large x).
  function slope(t: TransformResult, x: number): number {
    const { shift, reflection: k, lambda } = t.parameters;
    const u = x + (shift ?? 0);
    switch (t.method) {
      case 'sqrt': return 0.5 / Math.sqrt(u);
      case 'log': return 1 / u;
      case 'log10': return 1 / (u * Math.LN10);
      case 'inverse': return 1 / (u * u);
      case 'reflect-sqrt': return 0.5 / Math.sqrt(k! - x);
      case 'reflect-log': return 1 / (k! - x);
      case 'reflect-inverse': return 1 / ((k! - x) * (k! - x));
      case 'boxcox': return Math.pow(u, lambda! - 1);
      case 'yeojohnson': return x >= 0 ? Math.pow(x + 1, lambda! - 1) : Math.pow(1 - x, 1 - lambda!);
      default: return 1;
    }
  }
  function expectRecovered(t: TransformResult, x: number[], what: string): void {
    const back = inverseTransform(t.values, t);
    x.forEach((xi, i) => {
      const y = t.values[i] as number;
      const tol = 1e-9 * Math.max(1, Math.abs(xi)) + (16 * Number.EPSILON * Math.max(1, Math.abs(y))) / slope(t, xi);
      expectClose(back[i] as number, xi, tol, `${what}[${i}]`);
    });
  }

  // λ̂ far out on a narrow band far from zero: the values collapse into rounding (ZERO_VARIANCE) or
  // overflow (NON_FINITE). Either refusal names λ and the way out.
  function transformOrCollapsed(x: number[], method: TransformMethod): TransformResult | null {
    try {
      return transform(x, { method: method });
    } catch (e) {
      if (!isPsychkitError(e) || !['boxcox', 'yeojohnson'].includes(method)) throw e;
      if (e.code === 'NON_FINITE') expect(e.message).toMatch(/is -?Infinity at λ = .*narrow band/);
      else {
        expect(e.code).toBe('ZERO_VARIANCE');
        expect(e.message).toMatch(/at λ = .*(agree to \d+ significant digits|are all equal)/);
      }
      return null;
    }
  }

  it('the inverse of every invertible transform recovers the input (estimated λ included)', () => {
    const invertible = TRANSFORM_METHODS.filter((m) => m !== 'rank-normal');
    let collapsed = 0;
    fc.assert(
      fc.property(positive, (x) => {
        for (const method of invertible) {
          // A narrow band far from zero can send λ̂ so far out that the values collapse into
          // rounding; transform refuses that (see the next describe block) instead of inverting noise.
          const t = transformOrCollapsed(x, method);
          if (t !== null) expectRecovered(t, x, method);
          else collapsed++;
        }
      }),
      { numRuns: 40 },
    );
    // The refusal is the rare exception, not a way around the property.
    expect(collapsed).toBeLessThan(10);
  });

  it('with a shift, and Yeo-Johnson on values of any sign, the inverse recovers the input', () => {
    fc.assert(
      fc.property(anySign, fc.double({ min: -3, max: 3, noNaN: true }), (x, lambda) => {
        const shift = 1 - Math.min(...x);
        for (const method of ['sqrt', 'log', 'log10', 'inverse', 'boxcox'] as const) expectRecovered(transform(x, { method: method, shift }), x, `${method} shift`);
        expectRecovered(transform(x, { method: 'yeojohnson', lambda }), x, `yeojohnson λ = ${lambda}`);
      }),
      { numRuns: 60 },
    );
  });

  it('Box-Cox with λ = 1 is a shift of x (x − 1); Yeo-Johnson with λ = 1 is the identity', () => {
    fc.assert(
      fc.property(positive, fc.double({ min: 0, max: 5, noNaN: true }), (x, shift) => {
        closeRel(transform(x, { method: 'boxcox', lambda: 1 }).values, x.map((v) => v - 1), 'boxcox λ = 1');
        closeRel(transform(x, { method: 'boxcox', lambda: 1, shift }).values, x.map((v) => v + shift - 1), 'boxcox λ = 1, shift');
        closeRel(transform(x, { method: 'yeojohnson', lambda: 1 }).values, x, 'yeojohnson λ = 1');
      }),
    );
  });

  it('monotone transforms keep (or, as documented, reverse) the order; Box-Cox λ̂ maximises the likelihood', () => {
    fc.assert(
      fc.property(positive, (x) => {
        const order = (v: (number | null)[]) => v.map((_, i) => i).sort((a, b) => (v[a] as number) - (v[b] as number) || a - b);
        for (const method of TRANSFORM_METHODS) {
          const t = transformOrCollapsed(x, method);
          if (t === null) continue;
          const sx = skewness(x);
          const uniqueX = new Set(x).size === x.length && new Set(t.values).size === x.length;
          if (uniqueX && method !== 'rank-normal') {
            const expected = order(x);
            expect(order(t.values as number[]), method).toEqual(t.reversesOrder ? [...expected].reverse() : expected);
          }
          expect(Number.isFinite(t.after.skewness) && Number.isFinite(sx)).toBe(true);
        }
        const bc = transformOrCollapsed(x, 'boxcox')?.lambda;
        if (!bc) return;
        for (const d of [-1e-3, 1e-3]) {
          expect(boxCox(x, { lambda: bc.estimate + d }).lambda).toBeNull();
        }
        expect(bc.lower!).toBeLessThan(bc.estimate);
        expect(bc.upper!).toBeGreaterThan(bc.estimate);
      }),
      { numRuns: 40 },
    );
  });
});

describe('compareTransforms', () => {
  it('the default ladder on the recovery score equals transform() for each method', () => {
    const c = compareTransforms(recovery);
    expect(c.candidates.map((r) => r.method)).toEqual(['none', ...TRANSFORM_LADDER]);
    const none = c.candidates[0]!;
    expectClose(none.skewness!, peer.describe.recovery.skewness.type2, 1e-9, 'original');
    expect(none.shapiroWilk!.statistic).toBe(shapiroWilk(recovery).statistic);
    for (const row of c.candidates.slice(1)) {
      const t = transform(recovery, { method: row.method as TransformMethod });
      expect(row.applicable).toBe(true);
      expect(row.skewness).toBe(t.after.skewness);
      expect(row.kurtosis).toBe(t.after.kurtosis);
      expect(row.parameters).toEqual(t.parameters);
      expect(row.reversesOrder).toBe(t.reversesOrder);
      expect(row.shapiroWilk!.statistic).toBe(shapiroWilk(observed(t.values)).statistic);
    }
    // The point of the docs: a plain sqrt makes negative skew worse, reflecting first reverses it.
    const by = Object.fromEntries(c.candidates.map((r) => [r.method, r]));
    expect(by['sqrt']!.skewness!).toBeLessThan(none.skewness!);
    expect(by['reflect-sqrt']!.skewness!).toBeGreaterThan(0);
  });

  it('methods that cannot apply are listed as not applicable; a shift makes them apply', () => {
    const x = [0, 1, 2, 2, 3, 5, 8, 13];
    const c = compareTransforms(x, { methods: ['sqrt', 'log', 'inverse', 'boxcox', 'yeojohnson'] });
    const applicable = Object.fromEntries(c.candidates.map((r) => [r.method, r.applicable]));
    expect(applicable).toEqual({ none: true, sqrt: true, log: false, inverse: false, boxcox: false, yeojohnson: true });
    expect(c.candidates.find((r) => r.method === 'log')!.reason).toMatch(/shift/);
    expect(c.candidates.find((r) => r.method === 'log')!.skewness).toBeNull();
    const shifted = compareTransforms(x, { methods: ['log', 'boxcox'], shift: 1 });
    expect(shifted.candidates.every((r) => r.applicable)).toBe(true);
    expect(shifted.candidates[1]!.parameters!.shift).toBe(1);
    expect(shifted.candidates[1]!.skewness).toBe(transform(x, { method: 'log', shift: 1 }).after.skewness);
  });

  it('bad input', () => {
    expectCode(() => compareTransforms(recovery, { methods: ['sqrt', 'cuberoot' as never] }), 'INVALID_OPTION');
    expectCode(() => compareTransforms(recovery, { methods: [] }), 'INVALID_OPTION');
    expectCode(() => compareTransforms([1, 2, 3]), 'TOO_FEW_CASES');
    expectCode(() => compareTransforms([1, 1, 1, 1]), 'ZERO_VARIANCE');
  });
});

describe('bad input', () => {
  const withZero = [0, 1, 2, 3, 4];
  const negative = [-2, 1, 2, 3, 4];
  it('log, log10, inverse and Box-Cox of non-positive values without a shift: NON_POSITIVE naming the row', () => {
    for (const method of ['log', 'log10', 'inverse', 'boxcox'] as const) {
      const e = expectCode(() => transform(withZero, { method: method }), 'NON_POSITIVE');
      expect(e.details.row).toBe(0);
      expect(e.details.option).toBe('shift');
      expect(() => transform(withZero, { method: method, shift: 1 })).not.toThrow();
      expectCode(() => transform(withZero, { method: method, shift: 0 }), 'NON_POSITIVE');
    }
    expectCode(() => boxCox(negative, { shift: 2 }), 'NON_POSITIVE');
    expect(() => boxCox(negative, { shift: 2.5 })).not.toThrow();
  });
  it('sqrt of negative values without a shift: NON_POSITIVE (zero is fine)', () => {
    expect(() => transform(withZero, { method: 'sqrt' })).not.toThrow();
    expect(expectCode(() => transform(negative, { method: 'sqrt' }), 'NON_POSITIVE').details.value).toBe(-2);
  });
  it('options that do not belong to the method, or a reflection point inside the data', () => {
    expectCode(() => transform(negative, { method: 'yeojohnson', shift: 1 }), 'INVALID_OPTION');
    expectCode(() => transform(withZero, { method: 'sqrt', reflection: 10 }), 'INVALID_OPTION');
    expectCode(() => transform(withZero, { method: 'log', lambda: 1, shift: 1 }), 'INVALID_OPTION');
    expectCode(() => transform(withZero, { method: 'rank-normal', confidence: 0.9 }), 'INVALID_OPTION');
    expectCode(() => transform(withZero, { method: 'reflect-log', reflection: 4 }), 'INVALID_OPTION');
    expect(() => transform(withZero, { method: 'reflect-sqrt', reflection: 4 })).not.toThrow();
    expectCode(() => transform(withZero, { method: 'boxcox', shift: 1, confidence: 1 }), 'INVALID_OPTION');
    expectCode(() => transform(withZero, { method: 'sqrt', shift: Infinity }), 'INVALID_OPTION');
    expectCode(() => transform(withZero, { method: 'cube' as never }), 'INVALID_OPTION');
    expectCode(() => transform(withZero, { method: undefined as never }), 'INVALID_OPTION');
    expectCode(() => transform(withZero, { method: 'sqrt', type: 5 as never }), 'INVALID_OPTION');
  });
  it('too few values, a constant variable, non-finite values', () => {
    expectCode(() => transform([1, 2, 3, null], { method: 'sqrt' }), 'TOO_FEW_CASES');
    expectCode(() => boxCox([2, 2, 2, 2, 2]), 'ZERO_VARIANCE');
    expectCode(() => yeoJohnson([1, 2, Infinity, 4]), 'NON_FINITE');
    expectCode(() => transform([1, 2, 'x', 4], { method: 'log' }), 'NON_NUMERIC');
  });
  it('an overflowing fixed λ is NON_FINITE, not a silent Infinity', () => {
    expectCode(() => boxCox([10, 20, 30, 40], { lambda: 400 }), 'NON_FINITE');
  });
  it('inverseTransform: values outside the range, rank-normal, missing parameters', () => {
    const t = transform([1, 4, 9, 16], { method: 'sqrt' });
    expect(inverseTransform([2, null, 3], t)).toEqual([4, null, 9]);
    expect(Object.isFrozen(inverseTransform([2], t))).toBe(true);
    expect(expectCode(() => inverseTransform([2, -1], t), 'OUT_OF_RANGE').details.row).toBe(1);
    expectCode(() => inverseTransform([0.5], transform([1, 4, 9, 16], { method: 'boxcox', lambda: -2 })), 'OUT_OF_RANGE');
    expectCode(() => inverseTransform([0.1], transform([1, 4, 9, 16], { method: 'rank-normal' })), 'INVALID_OPTION');
    expectCode(() => inverseTransform([0.1], { method: 'boxcox', parameters: { shift: 0, reflection: null, lambda: null } }), 'INVALID_OPTION');
    expectCode(() => inverseTransform([0.1], null as never), 'INVALID_OPTION');
  });
});

// Found by the property above (CI seed −1600123716): λ̂ = −5.8 for 467.59–553.93 made
// (x^λ − 1)/λ equal to −1/λ in all but the last digit; the inverse of the largest value then
// fell outside the range, and the shape "after" was rounding noise.
describe('values collapsed into rounding by λ̂', () => {
  const band = [500.21, 492.52, 467.59, 553.93];
  it('transform refuses with ZERO_VARIANCE naming λ and the way out', () => {
    for (const method of ['boxcox', 'yeojohnson'] as const) {
      const e = expectCode(() => transform(band, { method: method }), 'ZERO_VARIANCE');
      expect(e.details.option).toBe('lambda');
      expect(e.message).toMatch(/467\.59 to 553\.93/);
      expect(e.message).toMatch(/fixed `lambda`/);
    }
    // A λ the user fixed is refused the same way, without advice to fix it.
    const fixed = expectCode(() => boxCox(band, { lambda: -6 }), 'ZERO_VARIANCE');
    expect(fixed.message).toMatch(/at λ = -6 compresses/);
    expect(fixed.message).not.toMatch(/barely identified/);
  });
  it('compareTransforms lists them as not applicable, with the reason', () => {
    const c = compareTransforms(band);
    for (const method of ['boxcox', 'yeojohnson']) {
      const row = c.candidates.find((r) => r.method === method)!;
      expect(row.applicable).toBe(false);
      expect(row.reason).toMatch(/significant digits/);
    }
    expect(c.candidates.filter((r) => r.applicable).length).toBe(c.candidates.length - 2);
  });
  it('λ̂ far out the other way overflows: NON_FINITE with the same advice', () => {
    const e = expectCode(() => yeoJohnson([995.25, 997.11, 991.58, 974.78]), 'NON_FINITE');
    expect(e.message).toMatch(/at λ = 10\d\..*narrow band far from zero \(974\.78 to 997\.11\)/);
    expect(expectCode(() => boxCox([10, 20, 30, 40], { lambda: 400 }), 'NON_FINITE').message).not.toMatch(/narrow band/);
  });
  it('subtracting a constant first gives a moderate λ that inverts exactly', () => {
    const t = transform(band, { method: 'boxcox', shift: -467 });
    expect(Math.abs(t.parameters.lambda!)).toBeLessThan(2);
    expectAllClose(inverseTransform(t.values, t) as number[], band, 1e-9);
  });
  it('values that were already close are not refused: only a loss relative to the input counts', () => {
    const tight = [1 + 1e-12, 1 + 2e-12, 1 + 3e-12, 1 + 5e-12];
    for (const method of ['sqrt', 'log', 'inverse', 'reflect-sqrt'] as const) expect(() => transform(tight, { method: method })).not.toThrow();
    expect(() => transform(tight, { method: 'boxcox', lambda: 1 })).not.toThrow();
  });
});

// Found by the bad-input fuzz suite (test/fuzz): a non-numeric shift gave a misleading
// OUT_OF_RANGE (or a TypeError when it could not be printed).
describe('inverseTransform parameters', () => {
  it('rejects a shift or parameters object that is not a number / object', () => {
    expectCode(() => inverseTransform([1, 2], { method: 'sqrt', parameters: { shift: 'abc', reflection: null, lambda: null } } as never), 'INVALID_OPTION');
    expectCode(() => inverseTransform([1, 2], { method: 'log', parameters: 5 } as never), 'INVALID_OPTION');
    expectCode(() => inverseTransform([1], { method: 'boxcox', parameters: { shift: 0, reflection: null, lambda: Object.create(null) } } as never), 'INVALID_OPTION');
    expect(inverseTransform([2], { method: 'sqrt', parameters: { shift: null, reflection: null, lambda: null } })).toEqual([4]);
  });
});
