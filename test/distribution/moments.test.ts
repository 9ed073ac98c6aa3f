import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kurtosis, skewness, standardErrorOfKurtosis, standardErrorOfSkewness, transform, type MomentType } from '../../src/index.js';
import { loadJson } from '../helpers/fixtures.js';
import { expectClose } from '../helpers/close.js';
import { expectCode } from './expect-code.js';

// peer-workers.json (shared/reference/scripts/reference.R): psych::skew / psych::kurtosi types 1-3
// and the SPSS SES/SEK of the recovery score and of sqrt, log and sqrt(max + 1 - x) of it.
const peer = loadJson('peer-workers.json');
const recovery: (number | null)[] = peer.scales.ras.scores;
// test/fixtures/distribution-psych.R: the same on generated samples (n = 3 … 5,000).
const psych = loadJson('distribution-psych.json');
const TYPES: MomentType[] = [1, 2, 3];
const TOL = 1e-9; // the acceptance tolerance is 1e-6; these match to ~1e-13

describe('skewness and kurtosis match psych::skew / psych::kurtosi', () => {
  const variants: [string, (number | null)[]][] = [
    ['recovery', recovery],
    ['recovery_sqrt', transform(recovery, { method: 'sqrt' }).values as (number | null)[]],
    ['recovery_log', transform(recovery, { method: 'log' }).values as (number | null)[]],
    ['recovery_reflect_sqrt', transform(recovery, { method: 'reflect-sqrt' }).values as (number | null)[]],
  ];
  for (const [key, values] of variants) {
    it(`peer-workers describe.${key}, types 1-3`, () => {
      const ref = peer.describe[key];
      for (const t of TYPES) {
        expectClose(skewness(values, { type: t }), ref.skewness[`type${t}`], TOL, `${key} skewness type ${t}`);
        expectClose(kurtosis(values, { type: t }), ref.kurtosis[`type${t}`], TOL, `${key} kurtosis type ${t}`);
      }
      expectClose(standardErrorOfSkewness(ref.n), ref.seSkewness, TOL, 'SES');
      expectClose(standardErrorOfKurtosis(ref.n), ref.seKurtosis, TOL, 'SEK');
    });
  }

  it(`generated samples (${Object.keys(psych.samples).length}), with missing values ignored`, () => {
    let checked = 0;
    for (const [name, values] of Object.entries<(number | null)[]>(psych.samples)) {
      const ref = psych.moments[name];
      const n = values.filter((v) => v !== null).length;
      for (const t of TYPES) {
        expectClose(skewness(values, { type: t }), ref.skewness[`type${t}`], TOL * Math.max(1, Math.abs(ref.skewness[`type${t}`])), `${name} skew ${t}`);
        checked++;
        if (ref.kurtosis !== null) {
          expectClose(kurtosis(values, { type: t }), ref.kurtosis[`type${t}`], TOL * Math.max(1, Math.abs(ref.kurtosis[`type${t}`])), `${name} kurt ${t}`);
          checked++;
        }
      }
      expectClose(standardErrorOfSkewness(n), ref.seSkewness, TOL, `${name} SES`);
      if (ref.seKurtosis !== null) expectClose(standardErrorOfKurtosis(n), ref.seKurtosis, TOL, `${name} SEK`);
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('defaults to type 2 (G1/G2, as SAS and SPSS)', () => {
    expect(skewness(recovery)).toBe(skewness(recovery, { type: 2 }));
    expect(kurtosis(recovery)).toBe(kurtosis(recovery, { type: 2 }));
    expectClose(skewness(recovery), peer.describe.recovery.skewness.type2, TOL, 'G1');
  });

  it('accepts numeric strings, typed arrays and every missing marker', () => {
    const plain = [1, 2, 3, 10, 4];
    expect(skewness(['1', '2', '3', '10', ' 4 '])).toBe(skewness(plain));
    expect(skewness(Float64Array.from(plain))).toBe(skewness(plain));
    expect(kurtosis([1, null, 2, undefined, 3, NaN, 10, '', 4])).toBe(kurtosis(plain));
  });
});

// Integer data keep the moments away from catastrophic cancellation, so a tight tolerance is fair.
const varied = fc
  .array(fc.integer({ min: -1000, max: 1000 }), { minLength: 4, maxLength: 60 })
  .filter((v) => new Set(v).size > 1);

describe('properties', () => {
  it('skewness and kurtosis are invariant to positive affine maps (all types)', () => {
    fc.assert(
      fc.property(varied, fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: -1000, max: 1000, noNaN: true }), (x, a, b) => {
        const y = x.map((v) => a * v + b);
        for (const type of TYPES) {
          const s = skewness(x, { type });
          const k = kurtosis(x, { type });
          expectClose(skewness(y, { type }), s, 1e-7 * Math.max(1, Math.abs(s)), 'skewness');
          expectClose(kurtosis(y, { type }), k, 1e-7 * Math.max(1, Math.abs(k)), 'kurtosis');
        }
      }),
    );
  });

  it('negation flips the sign of skewness and leaves kurtosis unchanged', () => {
    fc.assert(
      fc.property(varied, (x) => {
        const neg = x.map((v) => -v);
        for (const type of TYPES) {
          expectClose(skewness(neg, { type }), -skewness(x, { type }), 1e-9, 'skewness');
          expectClose(kurtosis(neg, { type }), kurtosis(x, { type }), 1e-9, 'kurtosis');
        }
      }),
    );
  });

  it('a symmetric sample has skewness 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 2, maxLength: 40 }),
        fc.integer({ min: -100, max: 100 }),
        fc.boolean(),
        (half, centre, withCentre) => {
          // Mirror around `centre`; the values differ unless every one is the centre.
          const x = [...half.map((v) => centre + v), ...half.map((v) => centre - v), ...(withCentre ? [centre] : [])];
          fc.pre(new Set(x).size > 1);
          for (const type of TYPES) expectClose(skewness(x, { type }), 0, 1e-9, `type ${type}`);
        },
      ),
    );
  });

  it('is finite for any non-constant finite doubles, tiny or huge (no overflow of d⁴)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 4, maxLength: 30 }), (x) => {
        fc.pre(new Set(x).size > 1);
        for (const type of TYPES) {
          expect(Number.isFinite(skewness(x, { type }))).toBe(true);
          expect(Number.isFinite(kurtosis(x, { type }))).toBe(true);
        }
      }),
    );
    expect(skewness([0, 0, 5e-324])).toBeCloseTo(skewness([0, 0, 1]), 12);
    expect(kurtosis([1e300, -1e300, 3e300, 0])).toBeCloseTo(kurtosis([1, -1, 3, 0]), 12);
  });

  it('never modifies its input', () => {
    const x = [5, 1, null, 3, 9];
    const copy = [...x];
    skewness(x);
    kurtosis(x);
    expect(x).toEqual(copy);
  });
});

describe('bad input', () => {
  it('skewness needs 3 non-missing values, kurtosis 4 (TOO_FEW_CASES)', () => {
    expectCode(() => skewness([1, 2, null, NaN]), 'TOO_FEW_CASES');
    expect(() => skewness([1, 2, 4])).not.toThrow();
    expectCode(() => kurtosis([1, 2, 4, null]), 'TOO_FEW_CASES');
    expect(() => kurtosis([1, 2, 4, 8])).not.toThrow();
  });
  it('a constant variable has no skewness or kurtosis (ZERO_VARIANCE)', () => {
    expectCode(() => skewness([0.1, 0.1, 0.1, 0.1]), 'ZERO_VARIANCE');
    expectCode(() => kurtosis([3, 3, null, 3, 3]), 'ZERO_VARIANCE');
  });
  it('±Infinity is NON_FINITE, a non-numeric value NON_NUMERIC, naming the position', () => {
    const e = expectCode(() => skewness([1, 2, Infinity, 4]), 'NON_FINITE');
    expect(e.details.row).toBe(2);
    expectCode(() => kurtosis([1, 2, -Infinity, 4, 5]), 'NON_FINITE');
    expect(expectCode(() => skewness([1, 2, 'three', 4]), 'NON_NUMERIC').details.row).toBe(2);
  });
  it('input that is not an array is INVALID_INPUT; a bad type is INVALID_OPTION', () => {
    expectCode(() => skewness(42 as never), 'INVALID_INPUT');
    expectCode(() => skewness([{ a: 1 }] as never), 'INVALID_INPUT');
    expectCode(() => skewness([1, 2, 3], { type: 4 as never }), 'INVALID_OPTION');
    expectCode(() => kurtosis([1, 2, 3, 4], 'fast' as never), 'INVALID_OPTION');
  });
  it('standard errors need an integer n of at least 3 / 4', () => {
    expectCode(() => standardErrorOfSkewness(2), 'TOO_FEW_CASES');
    expectCode(() => standardErrorOfKurtosis(3), 'TOO_FEW_CASES');
    expectCode(() => standardErrorOfSkewness(10.5), 'INVALID_OPTION');
  });
});

// Found by the bad-input fuzz suite (test/fuzz): 6n(n − 1) overflowed for n ≈ 5e153 (SEK NaN), and
// a value with a broken toString made the error message itself throw.
describe('SES and SEK at extreme n', () => {
  it('stay finite and tend to √(6/n) and √(24/n) for huge n', () => {
    const n = 5.473714666266892e153;
    expect(standardErrorOfSkewness(n) / Math.sqrt(6 / n)).toBeCloseTo(1, 12);
    expect(standardErrorOfKurtosis(n) / Math.sqrt(24 / n)).toBeCloseTo(1, 12);
    expect(standardErrorOfKurtosis(2 ** 53)).toBeGreaterThan(0);
  });
  it('reject an n that cannot be printed with INVALID_OPTION', () => {
    expectCode(() => standardErrorOfSkewness(Object.assign(Object.create(null), { toString: null }) as never), 'INVALID_OPTION');
  });
});
