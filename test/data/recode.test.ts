// recodeResponses: labels to numbers, tolerant of case and blanks, strict about anything unknown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recodeResponses } from '../../src/data/recode.js';
import { errorOf } from '../helpers/errors.js';

const agree = ['Strongly disagree', 'Disagree', 'Neutral', 'Agree', 'Strongly agree'];

describe('recodeResponses', () => {
  it('maps labels in scale order, ignoring case and blanks; keeps known numbers and other columns', () => {
    const input = [
      { id: 'a', q1: 'Agree', q2: ' strongly  AGREE ' },
      { id: 'b', q1: 'neutral', q2: '' },
      { id: 'c', q1: 4, q2: '2' },
      { id: 'd', q1: 'Strongly\u00a0disagree', q2: null },
    ];
    const copy = structuredClone(input);
    const out = recodeResponses(input, { columns: ['q1', 'q2'], labels: agree });
    expect(out['q1']).toEqual([4, 3, 4, 1]);
    expect(out['q2']).toEqual([5, null, 2, null]);
    expect(out['id']).toEqual(['a', 'b', 'c', 'd']);
    expect(input).toEqual(copy);
    expect(Object.isFrozen(out['q1'])).toBe(true);
    expect(recodeResponses({ x: ['Yes', 'no', 'N/A'] }, { labels: { yes: 1, no: 0 }, missingCodes: ['N/A'] })['x']).toEqual([1, 0, null]);
    expect(recodeResponses({ x: ['Never', 'Always'] }, { labels: ['Never', 'Sometimes', 'Always'], start: 0 })['x']).toEqual([0, 2]);
  });
  it('names the column and row of an unknown label', () => {
    const e = errorOf(() => recodeResponses([{ q1: 'Agree' }, { q1: 'Agre' }], { labels: agree }));
    expect(e.code).toBe('UNKNOWN_LABEL');
    expect(e.details).toMatchObject({ column: 'q1', row: 1, value: 'Agre' });
    expect(e.message).toContain('"q1", row 1');
    expect(errorOf(() => recodeResponses({ q1: [7] }, { labels: agree })).code).toBe('UNKNOWN_LABEL');
    expect(errorOf(() => recodeResponses({ q1: ['Agree'] }, { labels: ['Agree', ' agree'] })).code).toBe('DUPLICATE_NAME');
    expect(errorOf(() => recodeResponses({ q1: ['Agree'] }, {} as never)).details).toMatchObject({ option: 'labels' });
    expect(errorOf(() => recodeResponses({ q1: ['Agree'] }, { labels: agree, columns: ['q2'] })).code).toBe('MISSING_COLUMN');
    expect(errorOf(() => recodeResponses({ q1: ['Agree'] }, { labels: agree, colums: ['q1'] } as never)).code).toBe('INVALID_OPTION');
  });
  it('properties: any casing and padding of a label gives its number; recoding numbers is the identity', () => {
    const pad = fc.constantFrom('', ' ', '  ', '\t', '\u00a0');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), pad, pad, fc.boolean()), { minLength: 1, maxLength: 20 }), (cells) => {
        const column = cells.map(([k, before, after, upper]) => before + (upper ? (agree[k] as string).toUpperCase() : (agree[k] as string).toLowerCase()) + after);
        const out = recodeResponses({ q: column }, { labels: agree });
        expect(out['q']).toEqual(cells.map(([k]) => k + 1));
        expect(recodeResponses({ q: out['q'] as number[] }, { labels: agree })['q']).toEqual(out['q']);
      }),
    );
  });
});
