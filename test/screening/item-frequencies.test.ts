// itemFrequencies against psych::response.frequencies, with properties and bad input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemFrequencies } from '../../src/screening/item-frequencies.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';

const rows = loadCsv('peer-workers.csv');
const reference = loadJson<Record<string, { columns: string[]; values: number[]; proportions: (number | null)[][]; miss: number[] }>>('item-frequencies.json');

describe('itemFrequencies', () => {
  it('matches psych::response.frequencies (proportions of answered responses and of missing, to 1e-12)', () => {
    let compared = 0;
    for (const [name, ref] of Object.entries(reference)) {
      const f = itemFrequencies(rows, { columns: ref.columns, missingCodes: ['NA'] });
      expect(f.values, name).toEqual(ref.values);
      f.items.forEach((item, i) => {
        item.options.forEach((o, k) => {
          expect(o.percent / 100).toBeCloseTo((ref.proportions[i] as (number | null)[])[k] ?? 0, 12);
          compared++;
        });
        expect(item.percentMissing / 100).toBeCloseTo(ref.miss[i] as number, 12);
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(300);
  });
  it('lists every option of a declared range, floor, ceiling and the unused ones', () => {
    const f = itemFrequencies({ a: [1, 1, 2, 5, null], b: [3, 3, 3, 3, 3] }, { response: { min: 1, max: 5 } });
    expect(f.values).toEqual([1, 2, 3, 4, 5]);
    expect(f.items[0]).toMatchObject({ n: 4, nMissing: 1, percentMissing: 20, floor: 50, ceiling: 25, unused: [3, 4] });
    expect(f.items[1]).toMatchObject({ floor: 0, ceiling: 0, unused: [1, 2, 4, 5] });
    expect(itemFrequencies({ a: [1, 2], b: [null, null] }).warnings.map((w) => w.code)).toEqual(['EMPTY_ITEM']);
    expect(itemFrequencies({ a: [1, 2, 3, 2, 1, -99] }).warnings.map((w) => w.code)).toEqual(['POSSIBLE_MISSING_CODE']);
  });
  it('properties: counts add up to the answered responses, percents to 100, and unused options have count 0', () => {
    const cell = fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(null));
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 30 }), (data) => {
        const table = { q1: data.map((r) => r[0]), q2: data.map((r) => r[1]), q3: data.map((r) => r[2]) };
        const f = itemFrequencies(table, { response: { min: 1, max: 5 } });
        f.items.forEach((item, j) => {
          const answered = data.filter((r) => r[j] !== null).length;
          expect(item.n).toBe(answered);
          expect(item.options.reduce((s, o) => s + o.count, 0)).toBe(answered);
          if (answered > 0) expect(item.options.reduce((s, o) => s + o.percent, 0)).toBeCloseTo(100, 9);
          expect(item.unused).toEqual(item.options.filter((o) => o.count === 0).map((o) => o.value));
        });
      }),
    );
  });
  it('refuses bad input by name', () => {
    expect(errorOf(() => itemFrequencies({ a: [1, 7] }, { response: { min: 1, max: 5 } })).details).toMatchObject({ column: 'a', row: 1, value: 7 });
    expect(errorOf(() => itemFrequencies({ a: [1, 2.5] }, { response: { min: 1, max: 5 } })).code).toBe('OUT_OF_RANGE');
    expect(errorOf(() => itemFrequencies({ a: [1, 'x'] })).code).toBe('NON_NUMERIC');
    expect(errorOf(() => itemFrequencies({ a: [1, 2] }, { columns: ['b'] })).code).toBe('MISSING_COLUMN');
    expect(errorOf(() => itemFrequencies({ a: [1, 2] }, { colums: ['a'] } as never)).code).toBe('INVALID_OPTION');
  });
});
