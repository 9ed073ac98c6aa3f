import { describe, expect, it } from 'vitest';
import { defineScale, instruments, scoreScale, type ScaleDefinition } from '../../src/index.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';

// Reference scores: R's rowMeans rule in the shared reference script (reverse-keyed items
// become min + max − x; the mean of the answered items when at least ⌈0.8·k⌉ are answered).
// JSON holds 15 significant digits, so "exactly" means equal at that precision.
const rows = loadCsv('peer-workers.csv');
const ref = loadJson('peer-workers.json');

function expectScores(actual: readonly (number | null)[], expected: (number | null)[], what: string): number {
  expect(actual.length, what).toBe(expected.length);
  expected.forEach((e, i) => {
    const a = actual[i] ?? null;
    if (e === null) expect(a, `${what}[${i}]`).toBeNull();
    else expect(a === null ? null : Number(a.toPrecision(15)), `${what}[${i}]`).toBe(e);
  });
  return expected.length;
}

const catalog: Record<string, ScaleDefinition> = {
  esse: instruments.esse({ prefix: 'esse', minAnswered: 0.8 }),
  ras: instruments.ras24({ prefix: 'ras', minAnswered: 0.8 }),
  pwb: instruments.pwb18({ prefix: 'pwb', anchors: 'agree-disagree', response: { min: 1, max: 7 }, minAnswered: 0.8 }),
  mspss: instruments.mspss({ prefix: 'mspss', minAnswered: 0.8 }),
  si: instruments.promisSocialIsolation6a({ prefix: 'si', minAnswered: 0.8, score: 'mean' }),
};

describe('scoreScale matches the reference scores exactly', () => {
  for (const [name, s] of Object.entries<any>(ref.scales)) {
    it(`${name}: defineScale with the reference key`, () => {
      const scale = defineScale({ id: name, items: s.items, response: { min: s.min, max: s.max }, reverse: s.reverse, minAnswered: 0.8 });
      const r = scoreScale(rows, { scale: scale });
      expectScores(r.scores, s.scores, name);
      expect(r.n - r.nScored).toBe(s.nMissing);
      expect(r.minAnswered).toBe(Math.ceil(0.8 * s.items.length - 1e-9));
    });
    it(`${name}: the catalog entry bound by prefix gives the same key and scores`, () => {
      const def = catalog[name]!;
      expect(def.items).toEqual(s.items);
      expect(def.reverse).toEqual(s.reverse);
      expect(def.response).toEqual({ min: s.min, max: s.max });
      expectScores(scoreScale(rows, { scale: def }).scores, s.scores, `${name} (catalog)`);
    });
  }
});
