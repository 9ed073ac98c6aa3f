// POSSIBLE_MISSING_CODE: SPSS/Stata codes (−99, −9, 999, …) left in numeric data.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cronbachAlpha, descriptives as describeData, readTable } from '../../src/index.js';
import { POSSIBLE_MISSING_CODE, type PossibleMissingCodeWarning } from '../../src/data/suspect.js';
import { isTypicalMissingCode, possibleMissingCodes } from '../../src/data/suspect.js';
import { loadCsv } from '../helpers/fixtures.js';

const flagged = (values: readonly number[], range?: { min: number; max: number }) => {
  const w = possibleMissingCodes(['x'], [Float64Array.from(values)], { range });
  return w.length === 0 ? [] : w[0]!.details.values;
};

describe('the rule', () => {
  it('typical codes: −1 and repdigits of 7, 8, 9 (up to five digits) and their negatives', () => {
    for (const v of [-1, 9, 99, 999, 9999, 99999, -9, -99, -999, 8, 88, -88, 7, 777, -7777]) expect(isTypicalMissingCode(v)).toBe(true);
    for (const v of [0, 1, 5, -2, 10, 98, 100, -100, 999999, 9.9, 79, -1.5]) expect(isTypicalMissingCode(v)).toBe(false);
  });
  it('flags typical codes far outside the other values', () => {
    expect(flagged([1, 2, 3, 4, 5, -99, -9, -99])).toEqual([-99, -9]);
    expect(flagged([1, 2, 3, 4, 5, 9])).toEqual([9]); // 4 above a span of 4
    expect(flagged([1, 2, 3, 4, 5, -1])).toEqual([-1]); // negative below responses ≥ 1
    expect(flagged([0, 5, 10, -9])).toEqual([-9]); // negative below values ≥ 0
    expect(flagged([1, 2, 3, 4, 5, 6, 7, 8, 9, 99])).toEqual([99]); // 7, 8, 9 are responses here
    expect(flagged([18, 40, 65, 99, 999])).toEqual([999]); // 99 is a plausible age
    expect(flagged([0, 50, 77, 88, 99, 100, -99])).toEqual([-99]);
    expect(flagged([0, 1, 1, 0, 9])).toEqual([9]);
  });
  it('leaves ordinary values alone', () => {
    expect(flagged([1, 2, 3, 4, 5, 8])).toEqual([]); // 3 above a span of 4
    expect(flagged([1, 2, 3, 4, 5, 6, 7, 9])).toEqual([]);
    expect(flagged([0, 5, 10, -1])).toEqual([]); // −1 next to 0
    expect(flagged([-1, 1, 1, -1])).toEqual([]); // effect coding
    expect(flagged([-1, 0, 1, 1])).toEqual([]); // −1/0/1
    expect(flagged([-9, -3, 0, 4, 12])).toEqual([]); // inside the range
    expect(flagged([5, 5, 5, -99])).toEqual([]); // one other value: no scale to compare with
    expect(flagged([-99, -9, 9])).toEqual([]); // nothing but codes
    expect(flagged([1.5, 2.25, 3, NaN, 4])).toEqual([]);
  });
  it('with a declared range, any typical code outside it', () => {
    expect(flagged([1, 2, 9], { min: 1, max: 5 })).toEqual([9]);
    expect(flagged([1, 2, 7], { min: 1, max: 5 })).toEqual([7]);
    expect(flagged([1, 2, 7], { min: 1, max: 7 })).toEqual([]);
    expect(flagged([1, 2, 6], { min: 1, max: 5 })).toEqual([]); // out of range, but not a typical code
  });
  it('one warning per column: values from the most frequent, their counts, the range, what to pass', () => {
    const w = possibleMissingCodes(['q1', 'q2'], [Float64Array.from([4, 5, -9, 3, 1, -99, -99, 2, NaN]), Float64Array.from([1, 2, 3])]);
    expect(w).toHaveLength(1);
    const warning: PossibleMissingCodeWarning = w[0]!;
    expect(warning.code).toBe(POSSIBLE_MISSING_CODE);
    expect(warning.details).toEqual({ column: 'q1', values: [-99, -9], counts: [2, 1], min: 1, max: 5, basis: 'values' });
    expect(warning.message).toBe(
      'Column "q1": -99 (2 cells) and -9 (1 cell) lie far outside its other values (1 to 5) and look like missing-data codes. If they mean "missing", pass `missingCodes: [-99, -9]` to this function or to `readTable`.',
    );
  });
});

describe('properties', () => {
  const likert = fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(Number.NaN)), { minLength: 2, maxLength: 60 });
  it('responses within 1–5 never warn; adding −99 or 99 always warns with its count, whatever the order', () => {
    fc.assert(
      fc.property(likert, fc.constantFrom(-99, 99, -999, 999, -9), fc.integer({ min: 1, max: 5 }), fc.nat(), (values, code, copies, seed) => {
        expect(possibleMissingCodes(['x'], [Float64Array.from(values)])).toEqual([]);
        const distinct = new Set(values.filter((v) => !Number.isNaN(v)));
        const withCodes = [...values, ...Array.from({ length: copies }, () => code)];
        // shuffle deterministically
        const order = withCodes.map((v, i) => [((i + 1) * (seed + 7919)) % 10007, v] as const).sort((a, b) => a[0] - b[0]).map(([, v]) => v);
        const w = possibleMissingCodes(['x'], [Float64Array.from(order)]);
        const far = Math.abs(code) >= 99 || code < 0; // −9 lies ≥ 2 below any 1–5 values; 9 may not be far enough
        if (distinct.size >= 2 && far) {
          expect(w).toHaveLength(1);
          expect(w[0]!.details.values).toEqual([code]);
          expect(w[0]!.details.counts).toEqual([copies]);
        }
        if (distinct.size < 2) expect(w).toEqual([]);
      }),
    );
  });
});

// The scenario of the issue: an SPSS export codes "no answer" as −99 and "don't know" as −9; the
// codes reach cronbachAlpha and describe as numbers.
describe('missing codes left in the peer-worker ESSE items', () => {
  const raw = loadCsv('peer-workers.csv');
  const items = Array.from({ length: 11 }, (_, j) => `esse${j + 1}`);
  const coded = raw.map((row, i) => {
    const out: Record<string, string> = { ...row };
    for (const item of items) if (out[item] === '') out[item] = i % 3 === 0 ? '-9' : '-99';
    return out;
  });
  it('cronbachAlpha: α falls from .90 to .36, with a POSSIBLE_MISSING_CODE warning per coded item', () => {
    const clean = cronbachAlpha(raw, { columns: items });
    const wrong = cronbachAlpha(coded, { columns: items });
    expect(clean.alpha).toBeCloseTo(0.901, 3);
    expect(wrong.alpha).toBeCloseTo(0.361, 3);
    expect(clean.warnings.filter((w) => w.code === POSSIBLE_MISSING_CODE)).toEqual([]);
    const warned = wrong.warnings.filter((w) => w.code === POSSIBLE_MISSING_CODE);
    const codedItems = items.filter((item) => raw.some((r) => r[item] === ''));
    expect(warned.map((w) => w.details!.column)).toEqual(codedItems);
    for (const w of warned) {
      const item = w.details!.column as string;
      const nCodes = coded.filter((r, i) => raw[i]![item] === '' && r[item] !== '').length;
      expect((w.details!.counts as number[]).reduce((a, b) => a + b, 0)).toBe(nCodes);
      expect(w.message).toMatch(/missingCodes: \[-99(, -9)?\]|missingCodes: \[-9(, -99)?\]/);
    }
    // What the warning says to do gives the clean answer, without the warning.
    const fixed = cronbachAlpha(readTable(coded, { missingCodes: [-99, -9] }), { columns: items });
    expect(fixed.alpha).toBe(clean.alpha);
    expect(fixed.warnings).toEqual(clean.warnings);
    // With a response range the codes are OUT_OF_RANGE errors instead, and no warning is needed.
    expect(() => cronbachAlpha(coded, { columns: items, response: { min: 1, max: 5 } })).toThrow(/outside the response range/);
  });
  it('describe: the mean of a coded item drops, with the warning; missingCodes restores it', () => {
    const column = items.find((item) => raw.filter((r) => r[item] === '').length >= 3)!;
    const clean = describeData(raw, { columns: [column] });
    const wrong = describeData(coded, { columns: [column] });
    expect(wrong.rows[0]!.mean!).toBeLessThan(clean.rows[0]!.mean! - 0.5);
    expect(wrong.warnings.map((w) => w.code)).toContain(POSSIBLE_MISSING_CODE);
    expect(wrong.warnings.find((w) => w.code === POSSIBLE_MISSING_CODE)!.details!.column).toBe(column);
    const fixed = describeData(readTable(coded, { missingCodes: [-99, -9] }), { columns: [column] });
    expect(fixed).toEqual(clean);
    // an array works the same way
    const values = coded.map((r) => Number(r[column]));
    expect(describeData(values, { name: column }).warnings.map((w) => w.code)).toContain(POSSIBLE_MISSING_CODE);
  });
});
