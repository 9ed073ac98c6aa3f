import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defineScale, scoreScale, type PsychkitError } from '../../src/index.js';

function caught(f: () => unknown): PsychkitError {
  try {
    f();
  } catch (e) {
    return e as PsychkitError;
  }
  throw new Error('expected a PsychkitError');
}

const items = ['q1', 'q2', 'q3', 'q4', 'q5'];
const rows = [
  { q1: 1, q2: 2, q3: 3, q4: 4, q5: 5 }, // complete
  { q1: 5, q2: null, q3: 3, q4: 4, q5: 5 }, // 4 of 5
  { q1: 2, q2: '', q3: undefined, q4: 4, q5: 5 }, // 3 of 5
  { q1: null, q2: null, q3: null, q4: null, q5: null }, // none
];

describe('scoreScale', () => {
  it('mean scores: mean of answered items when enough are answered, null otherwise', () => {
    const r = scoreScale(rows, { scale: defineScale({ id: 's', items, response: { min: 1, max: 5 }, minAnswered: 0.8 }) });
    expect(r.scores).toEqual([3, 17 / 4, null, null]);
    expect(r.answered).toEqual([5, 4, 3, 0]);
    expect(r.prorated).toEqual([false, true, false, false]);
    expect(r.minAnswered).toBe(4);
    expect(r.nScored).toBe(2);
  });
  it("'sum' scores: complete sums, prorated mean × k for partly answered rows, flagged and warned", () => {
    const r = scoreScale(rows, { scale: defineScale({ id: 's', items, response: { min: 1, max: 5 }, score: 'sum', minAnswered: 3 }) });
    expect(r.scores).toEqual([15, (17 / 4) * 5, (11 / 3) * 5, null]);
    expect(r.prorated).toEqual([false, true, true, false]);
    expect(r.nProrated).toBe(2);
    const w = r.warnings.find((x) => x.code === 'PRORATED_SUM');
    expect(w?.details).toMatchObject({ column: 's', count: 2 });
  });
  it('default minAnswered is every item', () => {
    const r = scoreScale(rows, { scale: defineScale({ id: 's', items, response: { min: 1, max: 5 } }) });
    expect(r.scores).toEqual([3, null, null, null]);
  });
  it('reverse-keys before scoring, and scores subscales with their own minimum', () => {
    const scale = defineScale({
      id: 's',
      items,
      response: { min: 1, max: 5 },
      reverse: ['q1'],
      subscales: { first: ['q1', 'q2'], rest: { label: 'The rest', items: ['q3', 'q4', 'q5'] } },
      minAnswered: 0.5,
    });
    const r = scoreScale(rows, { scale: scale });
    expect(r.scores).toEqual([(5 + 2 + 3 + 4 + 5) / 5, (1 + 3 + 4 + 5) / 4, (4 + 4 + 5) / 3, null]);
    expect(r.subscales['first']!.scores).toEqual([3.5, 1, 4, null]);
    expect(r.subscales['first']!.minAnswered).toBe(1);
    expect(r.subscales['rest']!.label).toBe('The rest');
    expect(r.subscales['rest']!.minAnswered).toBe(2);
    expect(r.subscales['rest']!.scores).toEqual([4, 4, 4.5, null]);
  });
  it('a count minAnswered is capped at a subscale’s item count', () => {
    const scale = defineScale({ id: 's', items, response: { min: 1, max: 5 }, subscales: { two: ['q1', 'q2'] }, minAnswered: 4 });
    const r = scoreScale(rows, { scale: scale });
    expect(r.minAnswered).toBe(4);
    expect(r.subscales['two']!.minAnswered).toBe(2);
    expect(r.subscales['two']!.scores).toEqual([1.5, null, null, null]);
  });
  it('out-of-range and non-integer responses: OUT_OF_RANGE naming row, column and value by default', () => {
    const scale = defineScale({ id: 's', items, response: { min: 1, max: 5 }, minAnswered: 0.6 });
    const high = rows.map((r, i) => (i === 1 ? { ...r, q3: 7 } : r));
    const e = caught(() => scoreScale(high, { scale: scale }));
    expect(e.code).toBe('OUT_OF_RANGE');
    expect(e.details).toMatchObject({ row: 1, column: 'q3', value: 7 });
    const half = rows.map((r, i) => (i === 0 ? { ...r, q2: '2.5' } : r));
    expect(caught(() => scoreScale(half, { scale: scale })).details).toMatchObject({ row: 0, column: 'q2', value: 2.5 });
    expect(caught(() => scoreScale(rows.map((r, i) => (i === 0 ? { ...r, q5: 0 } : r)), { scale: scale })).code).toBe('OUT_OF_RANGE');
  });
  it("outOfRange: 'missing' converts them and lists them", () => {
    const scale = defineScale({ id: 's', items, response: { min: 1, max: 5 }, minAnswered: 0.6 });
    const bad = rows.map((r, i) => (i === 0 ? { ...r, q2: 2.5, q5: 9 } : r));
    const r = scoreScale(bad, { scale: scale, outOfRange: 'missing' });
    expect(r.invalidResponses).toEqual([
      { row: 0, column: 'q2', value: 2.5, reason: 'non-integer' },
      { row: 0, column: 'q5', value: 9, reason: 'out-of-range' },
    ]);
    expect(r.scores[0]).toBe((1 + 3 + 4) / 3);
    expect(r.answered[0]).toBe(3);
    expect(r.warnings.map((w) => w.code)).toContain('INVALID_RESPONSES_MISSING');
  });
  it('bad input: MISSING_COLUMN, NON_NUMERIC, INVALID_OPTION', () => {
    const scale = defineScale({ id: 's', items: [...items, 'q6'], response: { min: 1, max: 5 } });
    expect(caught(() => scoreScale(rows, { scale: scale })).details).toMatchObject({ column: 'q6' });
    expect(caught(() => scoreScale(rows, { scale: scale })).code).toBe('MISSING_COLUMN');
    const ok = defineScale({ id: 's', items, response: { min: 1, max: 5 } });
    const e = caught(() => scoreScale(rows.map((r, i) => (i === 2 ? { ...r, q4: 'often' } : r)), { scale: ok }));
    expect(e.code).toBe('NON_NUMERIC');
    expect(e.details).toMatchObject({ column: 'q4', row: 2 });
    expect(caught(() => scoreScale(rows, { scale: ok, outOfRange: 'drop' as never })).details.option).toBe('outOfRange');
    expect(caught(() => scoreScale(rows, { scale: { id: 's', items, response: { min: 1, max: 5 }, minAnswered: 0 } })).code).toBe('INVALID_OPTION');
  });
  it('accepts column objects, typed arrays and a plain (validated) specification', () => {
    const r = scoreScale({ a: new Float64Array([1, 2, NaN]), b: [3, '2', 1] }, { scale: { id: 's', items: ['a', 'b'], response: { min: 1, max: 3 } } });
    expect(r.scores).toEqual([2, 2, null]);
  });
  it('returns a deeply frozen result', () => {
    const r = scoreScale(rows, { scale: defineScale({ id: 's', items, response: { min: 1, max: 5 }, subscales: { a: ['q1'] } }) });
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.isFrozen(r.scores)).toBe(true);
    expect(Object.isFrozen(r.subscales['a']!.scores)).toBe(true);
  });
});

const likertRows = (k: number, missing: boolean) =>
  fc.array(
    fc.array(missing ? fc.option(fc.integer({ min: 1, max: 7 }), { nil: null, freq: 5 }) : fc.integer({ min: 1, max: 7 }), { minLength: k, maxLength: k }),
    { minLength: 1, maxLength: 30 },
  );

describe('scoreScale properties', () => {
  it('with everything answered the mean score is the row mean and the sum score the row sum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }).chain((k) => likertRows(k, false)), (m) => {
        const k = m[0]!.length;
        const names = Array.from({ length: k }, (_, j) => `i${j}`);
        const table = m.map((row) => Object.fromEntries(row.map((v, j) => [names[j], v])));
        const mean = scoreScale(table, { scale: { id: 's', items: names, response: { min: 1, max: 7 } } });
        const sum = scoreScale(table, { scale: { id: 's', items: names, response: { min: 1, max: 7 }, score: 'sum' } });
        m.forEach((row, i) => {
          const total = (row as number[]).reduce((a, b) => a + b, 0);
          expect(Math.abs((mean.scores[i] as number) - total / k)).toBeLessThanOrEqual(1e-12);
          expect(sum.scores[i]).toBe(total);
          expect(mean.prorated[i]).toBe(false);
        });
      }),
    );
  });

  it('a prorated sum is k × the mean score, and a score exists exactly when enough items are answered', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 10 }).chain((k) => fc.tuple(likertRows(k, true), fc.double({ min: 0.05, max: 1, noNaN: true }))),
        ([m, share]) => {
          const k = m[0]!.length;
          const names = Array.from({ length: k }, (_, j) => `i${j}`);
          const table = m.map((row) => Object.fromEntries(row.map((v, j) => [names[j], v])));
          const mean = scoreScale(table, { scale: { id: 's', items: names, response: { min: 1, max: 7 }, minAnswered: share } });
          const sum = scoreScale(table, { scale: { id: 's', items: names, response: { min: 1, max: 7 }, minAnswered: share, score: 'sum' } });
          const need = Math.max(1, Math.ceil(share * k - 1e-9));
          m.forEach((row, i) => {
            const answered = row.filter((v) => v !== null).length;
            expect(mean.answered[i]).toBe(answered);
            expect(mean.scores[i] === null).toBe(answered < need);
            if (mean.scores[i] !== null) expect(Math.abs((sum.scores[i] as number) - k * (mean.scores[i] as number))).toBeLessThanOrEqual(1e-9);
          });
        },
      ),
    );
  });

  it('never mutates its input', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }).chain((k) => likertRows(k, true)), (m) => {
        const names = m[0]!.map((_, j) => `i${j}`);
        const table = m.map((row) => Object.freeze(Object.fromEntries(row.map((v, j) => [names[j], v]))));
        const before = structuredClone(table);
        scoreScale(Object.freeze(table), { scale: { id: 's', items: names, response: { min: 1, max: 7 }, reverse: [names[0]!], minAnswered: 0.5 } });
        expect(table).toEqual(before);
      }),
    );
  });
});
