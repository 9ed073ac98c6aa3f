// scoreScale says what is wrong with the data, not just what it could not score.
import { describe, expect, it } from 'vitest';
import { scoreScale } from '../../src/index.js';

const scale = { id: 's', items: ['q1', 'q2', 'q3'], response: { min: 1, max: 5 } };
const codes = (r: { warnings: readonly { code: string }[] }) => r.warnings.map((w) => w.code);

describe('scoreScale warnings', () => {
  it('an item nobody answered under the default rule (every item needed): EMPTY_ITEM and NO_SCORES naming it', () => {
    const rows = [
      { q1: 1, q2: 2, q3: null },
      { q1: 3, q2: 4, q3: '' },
    ];
    const r = scoreScale(rows, { scale });
    expect(r.scores).toEqual([null, null]);
    expect(codes(r)).toEqual(['EMPTY_ITEM', 'NO_SCORES']);
    expect(r.warnings[0]!.details).toMatchObject({ column: 'q3' });
    expect(r.warnings[1]!.message).toMatch(/item "q3" is never answered/);
    expect(r.warnings[1]!.message).toMatch(/minAnswered/);
  });
  it('an empty item under minAnswered 0.6: EMPTY_ITEM only, the others still score', () => {
    const r = scoreScale([{ q1: 1, q2: 2, q3: null }], { scale: { ...scale, minAnswered: 0.6 } });
    expect(r.scores).toEqual([1.5]);
    expect(codes(r)).toEqual(['EMPTY_ITEM']);
  });
  it('nobody answers enough items (no empty item): NO_SCORES saying why', () => {
    const r = scoreScale(
      [
        { q1: 1, q2: null, q3: null },
        { q1: null, q2: 2, q3: null },
        { q1: null, q2: null, q3: 3 },
      ],
      { scale: { ...scale, minAnswered: 2 } },
    );
    expect(codes(r)).toEqual(['NO_SCORES']);
    expect(r.warnings[0]!.message).toMatch(/no row answers the 2 of 3 items/);
  });
  it('complete data: no warning', () => {
    expect(scoreScale([{ q1: 1, q2: 2, q3: 3 }], { scale }).warnings).toEqual([]);
  });
});
