import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatInterval, formatNumber, formatP, isPsychkitError } from '../../src/index.js';
import { loadJson } from '../helpers/fixtures.js';

interface FormatReference {
  value: number;
  sprintf: string[];
  round: number[];
}

const reference = loadJson<FormatReference[]>('report-format.json');

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (isPsychkitError(e)) return e.code;
    throw e;
  }
  return undefined;
}

describe('formatNumber against R', () => {
  it(`prints the digits of R's sprintf("%.{d}f") for ${reference.length} values × 5 decimal counts`, () => {
    let checked = 0;
    for (const { value, sprintf } of reference) {
      sprintf.forEach((expected, d) => {
        // Deliberate difference: R prints "-0.00" for a negative value that rounds to zero.
        const withoutNegativeZero = expected.replace(/^-(?=0\.?0*$)/, '');
        expect(formatNumber(value, { decimals: d }), `${value} to ${d} decimals`).toBe(withoutNegativeZero);
        checked++;
      });
    }
    expect(checked).toBe(reference.length * 5);
  });

  it("agrees with R's round() except on decimal ties, where round() goes to even", () => {
    // R ≥ 4.0 round() treats 0.45 (binary 0.4500000000000000111) as the decimal tie it prints as.
    let ties = 0;
    for (const { value, round } of reference) {
      round.forEach((expected, d) => {
        const mine = Number(formatNumber(value, { decimals: d }));
        if (mine === expected || (mine === 0 && expected === 0)) return;
        const shortest = Math.abs(value).toString();
        const decimals = shortest.split('.')[1] ?? '';
        expect(decimals.length, `${value} to ${d}: ${mine} vs round() ${expected}`).toBe(d + 1);
        expect(decimals.endsWith('5')).toBe(true);
        ties++;
      });
    }
    expect(ties).toBeGreaterThan(0); // the fixture contains such values (0.45, 5.55, 0.0005)
  });
});

describe('formatNumber', () => {
  it('is within half a unit in the last place, and parses back', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 6 }), (x, d) => {
        const text = formatNumber(x, { decimals: d });
        expect(text).toMatch(d === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${d}}$`));
        // Half a unit plus the error of the decimal↔binary conversions.
        expect(Math.abs(Number(text) - x)).toBeLessThanOrEqual(0.5 * 10 ** -d + 1e-9 * Math.max(1, Math.abs(x)));
      }),
    );
  });

  it('drops only the leading zero with leadingZero: false', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.integer({ min: 1, max: 4 }), (x, d) => {
        const withZero = formatNumber(x, { decimals: d });
        const without = formatNumber(x, { decimals: d, leadingZero: false });
        expect(without).toBe(withZero.replace(/^(-?)0\./, '$1.'));
        expect(Number(without)).toBe(Number(withZero));
      }),
    );
    expect(formatNumber(0.4537, { leadingZero: false })).toBe('.45');
    expect(formatNumber(-0.4537, { leadingZero: false })).toBe('-.45');
    expect(formatNumber(1, { leadingZero: false })).toBe('1.00');
  });

  it('never prints a signed zero', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.0049, max: 0, noNaN: true }), (x) => {
        expect(formatNumber(x)).toBe('0.00');
      }),
    );
    expect(formatNumber(-0)).toBe('0.00');
  });

  it('prints missing values, infinities and a chosen minus sign', () => {
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(Number.NaN, { missing: '' })).toBe('');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('-∞');
    expect(formatNumber(-1.5, { minusSign: '\u2212' })).toBe('\u22121.50');
  });

  it('rejects bad options and non-numbers', () => {
    expect(codeOf(() => formatNumber(1, { decimals: 2.5 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => formatNumber(1, { decimals: 16 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => formatNumber(1, { leadingZero: 'no' as unknown as boolean }))).toBe('INVALID_OPTION');
    expect(codeOf(() => formatNumber(1, { missing: 0 as unknown as string }))).toBe('INVALID_OPTION');
    expect(codeOf(() => formatNumber(1, 'x' as unknown as object))).toBe('INVALID_OPTION');
    expect(codeOf(() => formatNumber('1' as unknown as number))).toBe('INVALID_INPUT');
  });
});

describe('formatP', () => {
  it('prints APA p-values', () => {
    expect(formatP(0.0321)).toBe('p = .032');
    expect(formatP(0.00004)).toBe('p < .001');
    expect(formatP(0)).toBe('p < .001');
    expect(formatP(0.001)).toBe('p = .001');
    expect(formatP(0.0009999)).toBe('p < .001');
    expect(formatP(0.0625)).toBe('p = .062'); // exact binary tie: to even, as R's sprintf
    expect(formatP(0.9996)).toBe('p > .999');
    expect(formatP(1)).toBe('p > .999');
    expect(formatP(0.0321, { prefix: false })).toBe('.032');
    expect(formatP(0.0004, { prefix: false })).toBe('< .001');
    expect(formatP(0.0321, { decimals: 2 })).toBe('p = .03');
    expect(formatP(0.004, { decimals: 2 })).toBe('p < .01');
    expect(formatP(null)).toBe('—');
    expect(formatP(Number.NaN)).toBe('—');
  });

  it('never prints a leading zero, and its number is within rounding of p', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (p) => {
        const text = formatP(p);
        expect(text).toMatch(/^p [=<>] \.\d{3}$/);
        const shown = Number(`0${text.slice(4)}`);
        if (text.startsWith('p < ')) expect(p).toBeLessThan(0.001);
        else if (text.startsWith('p > ')) expect(p).toBeGreaterThanOrEqual(0.9995);
        else expect(Math.abs(shown - p)).toBeLessThanOrEqual(0.0005 + 1e-12);
      }),
    );
  });

  it('rejects p outside [0, 1] and bad options', () => {
    expect(codeOf(() => formatP(1.2))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => formatP(-0.01))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => formatP(Infinity))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => formatP(0.5, { decimals: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => formatP(0.5, { prefix: 1 as unknown as boolean }))).toBe('INVALID_OPTION');
    expect(codeOf(() => formatP({} as unknown as number))).toBe('INVALID_INPUT');
  });
});

describe('formatInterval', () => {
  it('prints [lower, upper] with the number options', () => {
    expect(formatInterval(0.123, 0.456)).toBe('[0.12, 0.46]');
    expect(formatInterval(0.85, 0.91, { leadingZero: false })).toBe('[.85, .91]');
    expect(formatInterval(-1.234, 0.5, { decimals: 1 })).toBe('[-1.2, 0.5]');
    expect(formatInterval(null, 0.5)).toBe('—');
    expect(codeOf(() => formatInterval(0, 1, { decimals: -1 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => formatInterval('0' as unknown as number, 1))).toBe('INVALID_INPUT');
  });
});
