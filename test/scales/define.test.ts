import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defineScale, requiredAnswered, reverseScore, type PsychkitError } from '../../src/index.js';
import { errorCode as code } from '../helpers/errors.js';

function caught(f: () => unknown): PsychkitError {
  try {
    f();
  } catch (e) {
    return e as PsychkitError;
  }
  throw new Error('expected a PsychkitError');
}

const base = { id: 'mspss', items: ['m1', 'm2', 'm3', 'm4'], response: { min: 1, max: 7 } };

describe('defineScale', () => {
  it('returns a frozen, normalised definition with defaults', () => {
    const s = defineScale({ ...base, reverse: ['m2'], subscales: { a: ['m1', 'm2'], b: { label: 'B', items: ['m3', 'm4'] } }, minAnswered: 0.75 });
    expect(s).toEqual({
      id: 'mspss',
      label: 'mspss',
      items: ['m1', 'm2', 'm3', 'm4'],
      response: { min: 1, max: 7 },
      reverse: ['m2'],
      subscales: [
        { id: 'a', label: 'a', items: ['m1', 'm2'] },
        { id: 'b', label: 'B', items: ['m3', 'm4'] },
      ],
      score: 'mean',
      minAnswered: 0.75,
    });
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.items)).toBe(true);
    expect(Object.isFrozen(s.subscales[0])).toBe(true);
    // Idempotent: a definition (or its JSON) passes through unchanged.
    expect(defineScale(s)).toEqual(s);
    expect(defineScale(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
  it('does not keep references to the caller’s arrays', () => {
    const items = ['a', 'b'];
    const s = defineScale({ id: 's', items, response: { min: 1, max: 5 } });
    items.push('c');
    expect(s.items).toEqual(['a', 'b']);
  });
  it('validates: duplicates, unknown items in reverse or subscales, ranges, minAnswered, unknown keys', () => {
    const cases: [object, string, string | undefined][] = [
      [{ ...base, items: ['m1', 'm1'] }, 'DUPLICATE_NAME', 'items'],
      [{ ...base, items: [] }, 'TOO_FEW_VARIABLES', 'items'],
      [{ ...base, items: ['m1', ''] }, 'INVALID_OPTION', 'items'],
      [{ ...base, reverse: ['m9'] }, 'INVALID_OPTION', 'reverse'],
      [{ ...base, reverse: ['m1', 'm1'] }, 'DUPLICATE_NAME', 'reverse'],
      [{ ...base, subscales: { a: ['m1', 'zz'] } }, 'INVALID_OPTION', 'subscales.a'],
      [{ ...base, subscales: { a: { items: ['m1', 'zz'] } } }, 'INVALID_OPTION', 'subscales.a.items'],
      [{ ...base, subscales: { a: [] } }, 'TOO_FEW_VARIABLES', 'subscales.a'],
      [{ ...base, subscales: [{ id: 'a', items: ['m1'] }, { id: 'a', items: ['m2'] }] }, 'DUPLICATE_NAME', 'subscales'],
      [{ ...base, response: { min: 7, max: 7 } }, 'INVALID_OPTION', 'response'],
      [{ ...base, response: { min: 5, max: 1 } }, 'INVALID_OPTION', 'response'],
      [{ ...base, response: { min: 1.5, max: 7 } }, 'INVALID_OPTION', 'response.min'],
      [{ ...base, response: undefined }, 'INVALID_OPTION', 'response'],
      [{ ...base, minAnswered: 0 }, 'INVALID_OPTION', 'minAnswered'],
      [{ ...base, minAnswered: 1.5 }, 'INVALID_OPTION', 'minAnswered'],
      [{ ...base, minAnswered: 5 }, 'INVALID_OPTION', 'minAnswered'],
      [{ ...base, minAnswered: -1 }, 'INVALID_OPTION', 'minAnswered'],
      [{ ...base, score: 'median' }, 'INVALID_OPTION', 'score'],
      [{ ...base, id: '' }, 'INVALID_OPTION', 'id'],
      [{ ...base, reversed: ['m1'] }, 'INVALID_OPTION', 'reversed'],
    ];
    for (const [spec, code, option] of cases) {
      const e = caught(() => defineScale(spec as never));
      expect(e.code, JSON.stringify(spec)).toBe(code);
      expect(e.details.option, JSON.stringify(spec)).toBe(option);
    }
    expect(caught(() => defineScale(null as never)).code).toBe('INVALID_OPTION');
  });
  it('minAnswered: a share gives ⌈share·k⌉ (robust to 0.55·100 = 55.00000000000001), a count is capped at k', () => {
    expect(requiredAnswered(0.8, 12)).toBe(10);
    expect(requiredAnswered(0.8, 6)).toBe(5);
    expect(requiredAnswered(0.55, 100)).toBe(55);
    expect(requiredAnswered(1, 7)).toBe(7);
    expect(requiredAnswered(0.01, 7)).toBe(1);
    expect(requiredAnswered(4, 3)).toBe(3);
    expect(requiredAnswered(2, 12)).toBe(2);
  });
});

describe('reverseScore', () => {
  it('maps x to min + max − x, keeping missing values as null', () => {
    expect(reverseScore([1, 2, null, 5, '4', '', undefined, NaN], { min: 1, max: 5 })).toEqual([5, 4, null, 1, 2, null, null, null]);
    expect(reverseScore(3, { min: 1, max: 7 })).toBe(5);
    expect(reverseScore(new Float64Array([0, 10]), { min: 0, max: 10 })).toEqual([10, 0]);
  });
  it('twice is the identity (exactly for whole numbers, to rounding for others)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.option(fc.nat(), { nil: null })),
        (min, width, raw) => {
          const max = min + width;
          const values = raw.map((v) => (v === null ? null : min + (v % (width + 1))));
          expect(reverseScore(reverseScore(values, { min, max }), { min, max })).toEqual(values);
        },
      ),
    );
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 7, noNaN: true })), (values) => {
        const twice = reverseScore(reverseScore(values, { min: 1, max: 7 }), { min: 1, max: 7 });
        twice.forEach((v, i) => expect(Math.abs((v as number) - values[i]!)).toBeLessThanOrEqual(1e-14));
      }),
    );
  });
  it('never mutates its input', () => {
    const values = Object.freeze([1, 2, 3]);
    reverseScore(values, { min: 1, max: 3 });
    expect(values).toEqual([1, 2, 3]);
  });
  it('bad input: OUT_OF_RANGE naming the index, NON_NUMERIC, INVALID_OPTION for a bad range', () => {
    const e = caught(() => reverseScore([1, 6], { min: 1, max: 5 }));
    expect(e.code).toBe('OUT_OF_RANGE');
    expect(e.details).toMatchObject({ row: 1, value: 6 });
    expect(caught(() => reverseScore(['x'], { min: 1, max: 5 })).code).toBe('NON_NUMERIC');
    expect(caught(() => reverseScore([1], { min: 5, max: 1 })).code).toBe('INVALID_OPTION');
    expect(caught(() => reverseScore([1], undefined as never)).code).toBe('INVALID_OPTION');
    expect(caught(() => reverseScore(NaN, { min: 1, max: 5 })).code).toBe('INVALID_INPUT');
    expect(caught(() => reverseScore('3' as never, { min: 1, max: 5 })).code).toBe('INVALID_INPUT');
  });
});

// Found by the bad-input fuzz suite (test/fuzz).
describe('hostile arguments', () => {
  it('requiredAnswered checks its arguments instead of returning NaN or 0', () => {
    expect(code(() => requiredAnswered(0.5, Number.NaN))).toBe('INVALID_OPTION');
    expect(code(() => requiredAnswered(0, 3))).toBe('INVALID_OPTION');
    expect(code(() => requiredAnswered(1.5, 3))).toBe('INVALID_OPTION');
    expect(code(() => requiredAnswered({} as never, 3))).toBe('INVALID_OPTION');
    expect(requiredAnswered(2, 5)).toBe(2);
  });
  it('reverseScore rejects array-likes with an impossible length instead of a RangeError', () => {
    expect(code(() => reverseScore({ length: 1e12 } as never, { min: 1, max: 5 }))).toBe('INVALID_INPUT');
    expect(code(() => reverseScore({ length: -1 } as never, { min: 1, max: 5 }))).toBe('INVALID_INPUT');
  });
  it('defineScale prints a bigint in its message instead of throwing a TypeError', () => {
    expect(code(() => defineScale({ id: 's', items: ['a', 'b'], response: { min: { a: 10n } as never, max: 3 } }))).toBe('INVALID_OPTION');
  });
});
