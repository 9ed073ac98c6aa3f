import { describe, expect, it } from 'vitest';
import { instruments, scoreScale, type PsychkitError } from '../../src/index.js';

function caught(f: () => unknown): PsychkitError {
  try {
    f();
  } catch (e) {
    return e as PsychkitError;
  }
  throw new Error('expected a PsychkitError');
}

const named = (prefix: string, positions: number[]) => positions.map((p) => `${prefix}${p}`);
const subscaleItems = (def: { subscales: readonly { id: string; items: readonly string[] }[] }) =>
  Object.fromEntries(def.subscales.map((s) => [s.id, s.items]));

// Every expectation below is transcribed from the statement of each published key.
describe('instrument catalog', () => {
  it('MSPSS (Zimet et al. 1988): 12 items 1–7, three subscales, means, none reversed', () => {
    const d = instruments.mspss({ prefix: 'm' });
    expect(d.items).toEqual(named('m', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    expect(d.response).toEqual({ min: 1, max: 7 });
    expect(d.reverse).toEqual([]);
    expect(d.score).toBe('mean');
    expect(subscaleItems(d)).toEqual({
      significantOther: named('m', [1, 2, 5, 10]),
      family: named('m', [3, 4, 8, 11]),
      friends: named('m', [6, 7, 9, 12]),
    });
    expect(d.source).toMatch(/Zimet.*1988/);
  });
  it('RAS-24 (Corrigan et al. 2004): 24 items 1–5, five factors covering every item once, none reversed', () => {
    const d = instruments.ras24({ prefix: 'ras' });
    expect(d.items).toHaveLength(24);
    expect(d.response).toEqual({ min: 1, max: 5 });
    expect(d.reverse).toEqual([]);
    expect(subscaleItems(d)).toEqual({
      goalSuccessOrientation: named('ras', [1, 2, 3, 4, 5]),
      relianceOnOthers: named('ras', [6, 22, 23, 24]),
      personalConfidenceHope: named('ras', [7, 8, 9, 10, 11, 12, 13, 14, 21]),
      noDominationBySymptoms: named('ras', [15, 16, 17]),
      willingnessToAskForHelp: named('ras', [18, 19, 20]),
    });
    expect(d.subscales.flatMap((s) => s.items).sort()).toEqual([...d.items].sort());
    expect(d.source).toMatch(/Corrigan.*2004/);
  });
  it('PWB-18 (Ryff & Keyes 1995): six 3-item subscales; reversal follows the anchor direction', () => {
    const agreeFirst = instruments.pwb18({ prefix: 'pwb', anchors: 'agree-disagree', response: { min: 1, max: 7 } });
    const disagreeFirst = instruments.pwb18({ prefix: 'pwb', anchors: 'disagree-agree', response: { min: 1, max: 6 } });
    expect(disagreeFirst.reverse).toEqual(named('pwb', [4, 5, 6, 7, 10, 14, 15, 16]));
    expect(agreeFirst.reverse).toEqual(named('pwb', [1, 2, 3, 8, 9, 11, 12, 13, 17, 18]));
    expect(disagreeFirst.response).toEqual({ min: 1, max: 6 });
    expect(subscaleItems(agreeFirst)).toEqual({
      selfAcceptance: named('pwb', [1, 2, 5]),
      purposeInLife: named('pwb', [3, 7, 10]),
      environmentalMastery: named('pwb', [4, 8, 9]),
      positiveRelations: named('pwb', [6, 13, 16]),
      personalGrowth: named('pwb', [11, 12, 14]),
      autonomy: named('pwb', [15, 17, 18]),
    });
    expect(agreeFirst.source).toMatch(/Ryff.*Keyes.*1995/);
  });
  it('PWB-18 needs the anchor direction and the response range', () => {
    expect(caught(() => instruments.pwb18({ prefix: 'pwb', response: { min: 1, max: 7 } } as never)).details.option).toBe('anchors');
    expect(caught(() => instruments.pwb18({ prefix: 'pwb', anchors: 'agree' as never, response: { min: 1, max: 7 } })).details.option).toBe('anchors');
    expect(caught(() => instruments.pwb18({ prefix: 'pwb', anchors: 'agree-disagree' } as never)).details.option).toBe('response');
  });
  it('PROMIS Social Isolation 6a: 6 items 1–5, raw sum 6–30', () => {
    const d = instruments.promisSocialIsolation6a({ prefix: 'si' });
    expect(d.items).toEqual(named('si', [1, 2, 3, 4, 5, 6]));
    expect(d.response).toEqual({ min: 1, max: 5 });
    expect(d.score).toBe('sum');
    expect(d.reverse).toEqual([]);
    const lowest = scoreScale([{ si1: 1, si2: 1, si3: 1, si4: 1, si5: 1, si6: 1 }], { scale: d }).scores[0];
    const highest = scoreScale([{ si1: 5, si2: 5, si3: 5, si4: 5, si5: 5, si6: 5 }], { scale: d }).scores[0];
    expect([lowest, highest]).toEqual([6, 30]);
    expect(d.source).toMatch(/PROMIS/);
  });
  it('ESSE (Di Giunta et al. 2010, peer-worker form): 11 items 1–5, Empathic 1–6, Social 7–11', () => {
    const d = instruments.esse({ prefix: 'esse' });
    expect(d.items).toHaveLength(11);
    expect(d.response).toEqual({ min: 1, max: 5 });
    expect(subscaleItems(d)).toEqual({ empathic: named('esse', [1, 2, 3, 4, 5, 6]), social: named('esse', [7, 8, 9, 10, 11]) });
    expect(d.source).toMatch(/Di Giunta.*2010/);
  });
  it('binds to an explicit item list, with id, label, score and minAnswered overrides', () => {
    const cols = ['a', 'b', 'c', 'd', 'e', 'f'];
    const d = instruments.promisSocialIsolation6a({ items: cols, id: 'iso', label: 'Isolation', minAnswered: 0.8, score: 'mean' });
    expect(d).toMatchObject({ id: 'iso', label: 'Isolation', items: cols, minAnswered: 0.8, score: 'mean' });
    expect(Object.isFrozen(d)).toBe(true);
  });
  it('rejects a binding without columns, with both prefix and items, with the wrong number of items, or with unknown options', () => {
    expect(caught(() => instruments.mspss({})).code).toBe('INVALID_OPTION');
    expect(caught(() => instruments.mspss({ prefix: 'm', items: [] })).code).toBe('INVALID_OPTION');
    expect(caught(() => instruments.esse({ items: ['a', 'b'] })).details.option).toBe('items');
    expect(caught(() => instruments.esse({ prefix: 'e', reverse: ['e1'] } as never)).details.option).toBe('reverse');
    expect(caught(() => instruments.esse({ items: ['a', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] })).code).toBe('DUPLICATE_NAME');
  });
});
