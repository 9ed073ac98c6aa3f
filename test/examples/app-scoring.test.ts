// examples/app-scoring: what it stores agrees with direct calls, and the printed run is sensible.
import { describe, expect, it } from 'vitest';
import { instruments, reliableChange, scoreInstrument } from '../../src/index.js';
import { changeBetween, scoreBatch, type Submission } from '../../examples/app-scoring/scoring.js';

const phqItems = instruments.phq9({ prefix: 'phq' }).items;
const gadItems = instruments.gad7({ prefix: 'gad' }).items;
function submission(client: string, phq: (number | null)[], gad: (number | null)[]): Submission {
  return { client, ...Object.fromEntries(phqItems.map((item, i) => [item, phq[i] ?? null])), ...Object.fromEntries(gadItems.map((item, i) => [item, gad[i] ?? null])) };
}
const batch = [
  submission('a', [2, 2, 1, 2, 1, 2, 1, 1, 0], [2, 2, 1, 2, 1, 1, 2]),
  submission('b', [1, 1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1]),
  submission('c', [3, 2, 3, 2, 3, 3, 2, 2, 1], [3, 2, 3, 3, 2, 3, null]),
  submission('d', [0, 1, 0, 1, 0, 0, 1, 0, 0], [0, 1, 0, 0, 1, 0, 0]),
];

describe('examples/app-scoring', () => {
  it('stores the scores, bands and flags scoreInstrument gives, and a longstring flag for the straight-liner', () => {
    const stored = scoreBatch(batch);
    const phq = scoreInstrument(batch, { scale: instruments.phq9({ prefix: 'phq' }) });
    expect(stored.map((s) => s.phq9)).toEqual(phq.scores);
    expect(stored.map((s) => s.phq9Band)).toEqual(phq.bands);
    expect(stored.map((s) => s.selfHarm)).toEqual([false, true, true, false]);
    expect(stored[2]!.gad7).toBeNull();
    expect(stored[1]!.screeningFlags).toContain('longstring');
    expect(stored[0]!.screeningFlags).not.toContain('longstring');
  });
  it('pairs clients across the two weeks and classifies their change as reliableChange does', () => {
    const before = scoreBatch(batch);
    const after = scoreBatch([batch[3]!, { ...batch[0]!, client: 'c' }, batch[0]!].map((s, i) => ({ ...s, client: ['a', 'c', 'x'][i]! })));
    const change = changeBetween(before, after);
    expect(change.clients).toEqual(['a', 'c']);
    const direct = reliableChange({ t1: [before[0]!.phq9, before[2]!.phq9], t2: [after[0]!.phq9, after[1]!.phq9] }, { before: 't1', after: 't2', reliability: 0.89, sd: 5, cutoff: 9.5 });
    expect(change.phq9.category).toEqual(direct.category);
    expect(change.phq9.category[0]).toBe('recovered');
  });
});
