// The clinical and wellbeing keys of the instrument catalog against their cited sources: the
// cut-offs, reverse keys and conversion tables in test/fixtures/instrument-tables.json were typed
// a second time from the sources (see each `source`), independently of src/.
import { describe, expect, it } from 'vitest';
import { INSTRUMENT_KEYS, instruments, scoreBand, scoreInstrument, scoreScale, type InstrumentKey, type PsychkitError, type ScaleDefinition } from '../../src/index.js';
import { loadJson } from '../helpers/fixtures.js';

interface Fixture {
  bands: Record<string, { on: 'raw' | 'converted'; source: string; bands: [string, number, number][] }>;
  keys: Record<string, { k: number; response: [number, number]; reverse: number[]; source: string }>;
  tables: Record<string, { label: string; source: string; rows: number[][] }>;
  flags: Record<string, { id: string; item: number; op: string; value: number }[]>;
}
const fixture = loadJson<Fixture>('instrument-tables.json');

function caught(f: () => unknown): PsychkitError {
  try {
    f();
  } catch (e) {
    return e as PsychkitError;
  }
  throw new Error('expected a PsychkitError');
}

const key = (id: string) => INSTRUMENT_KEYS[id] as InstrumentKey;
const bind: Record<string, (prefix: string) => ScaleDefinition> = {
  phq9: (p) => instruments.phq9({ prefix: p }),
  phq8: (p) => instruments.phq8({ prefix: p }),
  gad7: (p) => instruments.gad7({ prefix: p }),
  k10: (p) => instruments.k10({ prefix: p }),
  k6: (p) => instruments.k6({ prefix: p }),
  who5: (p) => instruments.who5({ prefix: p }),
  pss10: (p) => instruments.pss10({ prefix: p }),
  rosenberg: (p) => instruments.rosenberg({ prefix: p }),
  ucla3: (p) => instruments.ucla3({ prefix: p }),
  swemwbs: (p) => instruments.swemwbs({ prefix: p }),
  promisDepression8a: (p) => instruments.promisDepression8a({ prefix: p }),
  promisAnxiety8a: (p) => instruments.promisAnxiety8a({ prefix: p }),
};

/** A respondent whose scored sum (after reverse keying) is `sum`: items filled from the first. */
function rowWithSum(k: InstrumentKey, sum: number, prefix = 'q'): Record<string, number> {
  const { min, max } = k.response;
  let left = sum - k.k * min;
  if (left < 0 || left > k.k * (max - min)) throw new Error(`sum ${sum} impossible for ${k.id}`);
  const row: Record<string, number> = {};
  for (let p = 1; p <= k.k; p++) {
    const scored = min + Math.min(left, max - min);
    left -= scored - min;
    row[`${prefix}${p}`] = k.reverse.includes(p) ? min + max - scored : scored;
  }
  return row;
}

describe('catalog keys match the cited sources (fixture typed separately)', () => {
  it.each(Object.entries(fixture.keys))('%s: items, response range and reverse keys', (id, expected) => {
    const k = key(id);
    expect(k.k).toBe(expected.k);
    expect([k.response.min, k.response.max]).toEqual(expected.response);
    expect(k.reverse).toEqual(expected.reverse);
    expect(k.score).toBe('sum');
    const def = (bind[id] as (p: string) => ScaleDefinition)('q');
    expect(def.reverse).toEqual(expected.reverse.map((p) => `q${p}`));
    expect(def.instrument).toBe(id);
    expect(def.source).toBe(k.source);
  });

  it.each(Object.entries(fixture.bands))('%s: bands as cited', (id, expected) => {
    const k = key(id);
    expect(k.bands?.on).toBe(expected.on);
    expect(k.bands?.bands.map((b) => [b.label, b.min, b.max])).toEqual(expected.bands);
    expect(k.bands?.source.length).toBeGreaterThan(20);
  });

  it('keys without bands in the fixture have none (Rosenberg, SWEMWBS, PROMIS)', () => {
    const banded = new Set(Object.keys(fixture.bands));
    for (const id of Object.keys(fixture.keys)) expect(key(id).bands !== undefined, id).toBe(banded.has(id));
  });

  it.each(Object.entries(fixture.tables))('%s: conversion table equals the cited values', (id, expected) => {
    const conv = key(id).conversion;
    expect(conv?.label).toBe(expected.label);
    expect(conv?.table.map((r) => (r.se === undefined ? [r.raw, r.value] : [r.raw, r.value, r.se]))).toEqual(expected.rows);
    expect(conv?.foundAt.length).toBeGreaterThan(10);
    // one row per possible raw sum
    const k = key(id);
    expect(conv?.table.map((r) => r.raw)).toEqual(Array.from({ length: k.k * (k.response.max - k.response.min) + 1 }, (_, i) => k.k * k.response.min + i));
  });

  it('only the fixture tables exist; PROMIS Social Isolation 6a still has none (no source found)', () => {
    const withTable = Object.values(INSTRUMENT_KEYS).filter((k) => k.conversion !== undefined).map((k) => k.id).sort();
    expect(withTable).toEqual(Object.keys(fixture.tables).sort());
    expect(key('promisSocialIsolation6a').conversion).toBeUndefined();
  });

  it('PHQ-9 flag as data: item 9 > 0', () => {
    const strip = (f: { id: string; item: number; op: string; value: number }) => ({ id: f.id, item: f.item, op: f.op, value: f.value });
    expect(key('phq9').flags?.map(strip)).toEqual(fixture.flags['phq9']?.map(strip));
  });

  it('keys are frozen data', () => {
    for (const k of Object.values(INSTRUMENT_KEYS)) {
      expect(Object.isFrozen(k)).toBe(true);
      if (k.bands) expect(Object.isFrozen(k.bands.bands[0])).toBe(true);
      if (k.conversion) expect(Object.isFrozen(k.conversion.table)).toBe(true);
      expect(JSON.parse(JSON.stringify(k))).toEqual(k);
    }
  });
});

describe('band boundaries, each cited cut-off and the score on either side', () => {
  for (const [id, expected] of Object.entries(fixture.bands)) {
    it(`${id}: scoreBand at min − 1, min, max, max + 1 of every band`, () => {
      const bands = key(id).bands!;
      expected.bands.forEach(([label, min, max], i) => {
        expect(scoreBand(min, bands)).toBe(label);
        expect(scoreBand(max, bands)).toBe(label);
        expect(scoreBand(min - 1, bands)).toBe(i === 0 ? null : (expected.bands[i - 1] as [string, number, number])[0]);
        expect(scoreBand(max + 1, bands)).toBe(i === expected.bands.length - 1 ? null : (expected.bands[i + 1] as [string, number, number])[0]);
      });
    });
    if (expected.on === 'raw') {
      it(`${id}: scoreInstrument bands respondents at every cut-off and one either side`, () => {
        const k = key(id);
        const lo = k.k * k.response.min;
        const hi = k.k * k.response.max;
        const sums = [...new Set(expected.bands.flatMap(([, min, max]) => [min - 1, min, max, max + 1]))].filter((s) => s >= lo && s <= hi);
        const r = scoreInstrument(
          sums.map((s) => rowWithSum(k, s)),
          { scale: (bind[id] as (p: string) => ScaleDefinition)('q') },
        );
        expect(r.scores).toEqual(sums);
        expect(r.bands).toEqual(sums.map((s) => (expected.bands.find(([, min, max]) => s >= min && s <= max) as [string, number, number])[0]));
      });
    }
  }

  it('WHO-5: the percentage (raw × 4) is banded — raw 7 → 28 likely depression, 8 → 32 and 12 → 48 poor wellbeing, 13 → 52 above', () => {
    const k = key('who5');
    const raws = [0, 7, 8, 12, 13, 25];
    const r = scoreInstrument(
      raws.map((s) => rowWithSum(k, s)),
      { scale: instruments.who5({ prefix: 'q' }) },
    );
    expect(r.scores).toEqual(raws);
    expect(r.converted?.values).toEqual(raws.map((x) => x * 4));
    expect(r.converted?.label).toBe('percentage');
    expect(r.converted?.se).toBeNull();
    expect(r.bands).toEqual(['likely depression', 'likely depression', 'poor wellbeing', 'poor wellbeing', 'above the poor-wellbeing cut-off', 'above the poor-wellbeing cut-off']);
  });

  it('a fractional (prorated) score between two bands belongs to the lower band', () => {
    const bands = key('phq9').bands!;
    expect(scoreBand(4.5, bands)).toBe('minimal');
    expect(scoreBand(9.999, bands)).toBe('mild');
    expect(scoreBand(27.5, bands)).toBeNull();
    expect(scoreBand(-0.5, bands)).toBeNull();
    expect(scoreBand(Number.NaN, bands)).toBeNull();
    expect(scoreBand(null, bands)).toBeNull();
  });
});

describe('scoreInstrument', () => {
  it('PHQ-9 item-9 flag: > 0 flags, 0 does not, missing is null (the score then needs minAnswered)', () => {
    const base = rowWithSum(key('phq9'), 0);
    const rows = [0, 1, 2, 3, null].map((v) => ({ ...base, q9: v }));
    const r = scoreInstrument(rows, { scale: instruments.phq9({ prefix: 'q', minAnswered: 8 }) });
    expect(r.flags['selfHarm']).toEqual([false, true, true, true, null]);
    expect(r.flagRules.map((f) => f.id)).toEqual(['selfHarm']);
    expect(r.scores).toEqual([0, 1, 2, 3, 0]);
    expect(r.prorated).toEqual([false, false, false, false, true]);
  });

  it('the flag reads item 9 even when the total is missing', () => {
    const row = { ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`q${i + 1}`, null])), q9: 2 };
    const r = scoreInstrument([row], { scale: instruments.phq9({ prefix: 'q' }) });
    expect(r.scores).toEqual([null]);
    expect(r.bands).toEqual([null]);
    expect(r.flags['selfHarm']).toEqual([true]);
  });

  it('PSS-10 reverses items 4, 5, 7, 8 (x ↦ 4 − x)', () => {
    const allZero = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i + 1}`, 0]));
    const allFour = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i + 1}`, 4]));
    const onlyReversedHigh = { ...allZero, p4: 4, p5: 4, p7: 4, p8: 4 };
    const r = scoreInstrument([allZero, allFour, onlyReversedHigh], { scale: instruments.pss10({ prefix: 'p' }) });
    expect(r.scores).toEqual([16, 24, 0]);
    expect(r.bands).toEqual(['moderate', 'moderate', 'low']);
  });

  it('Rosenberg: 0–3 by default, 1–4 on request; items 2, 5, 6, 8, 9 reversed', () => {
    const d = instruments.rosenberg({ prefix: 'r', response: { min: 1, max: 4 } });
    expect(d.response).toEqual({ min: 1, max: 4 });
    expect(d.reverse).toEqual(['r2', 'r5', 'r6', 'r8', 'r9']);
    const agreeAll = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`r${i + 1}`, 4]));
    expect(scoreScale([agreeAll], { scale: d }).scores).toEqual([5 * 4 + 5 * 1]);
    expect(instruments.rosenberg({ prefix: 'r' }).response).toEqual({ min: 0, max: 3 });
    expect(caught(() => instruments.rosenberg({ prefix: 'r', response: { min: 1, max: 5 } })).details.option).toBe('response');
    const r = scoreInstrument([agreeAll], { scale: d });
    expect(r.bands).toEqual([null]);
    expect(r.cutoffs).toBeNull();
  });

  it('PROMIS Depression 8a: T-score and SE from the table; a prorated sum gets none (PRORATED_SUM)', () => {
    const k = key('promisDepression8a');
    const complete = [8, 9, 24, 40].map((s) => rowWithSum(k, s, 'd'));
    const partial = { ...rowWithSum(k, 16, 'd'), d8: null };
    const r = scoreInstrument([...complete, partial], { scale: instruments.promisDepression8a({ prefix: 'd', minAnswered: 0.5 }) });
    expect(r.converted?.values).toEqual([38.2, 44.7, 62.1, 81.3, null]);
    expect(r.converted?.se).toEqual([5.7, 3.3, 1.8, 3.4, null]);
    expect(r.scores[4]).not.toBeNull();
    expect(r.warnings.filter((w) => w.code === 'PRORATED_SUM').map((w) => w.details?.['conversion'] ?? null)).toEqual([null, 'T-score']);
  });

  it('PROMIS Anxiety 8a: T-scores, no SE', () => {
    const k = key('promisAnxiety8a');
    const r = scoreInstrument([8, 20, 40].map((s) => rowWithSum(k, s, 'a')), { scale: instruments.promisAnxiety8a({ prefix: 'a' }) });
    expect(r.converted?.values).toEqual([37.1, 58.4, 83.1]);
    expect(r.converted?.se).toBeNull();
  });

  it('SWEMWBS: metric score from the table', () => {
    const k = key('swemwbs');
    const r = scoreInstrument([7, 21, 29, 35].map((s) => rowWithSum(k, s, 's')), { scale: instruments.swemwbs({ prefix: 's' }) });
    expect(r.converted?.values).toEqual([7, 19.25, 26.02, 35]);
  });

  it('result: one frozen plain object that survives JSON and structuredClone, with band counts', () => {
    const k = key('gad7');
    const r = scoreInstrument([0, 5, 5, 21].map((s) => rowWithSum(k, s, 'g')), { scale: instruments.gad7({ prefix: 'g' }) });
    expect(r.kind).toBe('scoreInstrument');
    expect(r.n).toBe(4);
    expect(r.bandCounts).toEqual({ minimal: 1, mild: 2, moderate: 0, severe: 1 });
    expect(Object.isFrozen(r) && Object.isFrozen(r.bands) && Object.isFrozen(r.bandCounts)).toBe(true);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(structuredClone(r)).toEqual(r);
    // a stored definition (JSON) scores the same
    const stored = JSON.parse(JSON.stringify(instruments.gad7({ prefix: 'g' })));
    expect(scoreInstrument([rowWithSum(k, 10, 'g')], { scale: stored }).bands).toEqual(['moderate']);
  });

  it('refuses a hand-made scale, a changed rule, and unknown options', () => {
    const hand = { id: 'x', items: ['a', 'b'], response: { min: 0, max: 3 } };
    expect(caught(() => scoreInstrument([{ a: 1, b: 1 }], { scale: hand as never })).details.option).toBe('scale');
    const mean = instruments.phq9({ prefix: 'q', score: 'mean' });
    expect(caught(() => scoreInstrument([rowWithSum(key('phq9'), 3)], { scale: mean })).code).toBe('INVALID_OPTION');
    expect(caught(() => scoreInstrument([], { scale: instruments.gad7({ prefix: 'g' }), cutoff: 3 } as never)).details.option).toBe('cutoff');
    expect(caught(() => scoreInstrument([], {} as never)).details.option).toBe('scale');
  });

  it('catalog keys without bands or tables score raw sums/means (MSPSS); pwb18 is refused', () => {
    const m = scoreInstrument([Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`m${i + 1}`, 4]))], { scale: instruments.mspss({ prefix: 'm' }) });
    expect(m.scores).toEqual([4]);
    expect(m.converted).toBeNull();
    expect(m.bands).toEqual([null]);
    const pwb = instruments.pwb18({ prefix: 'p', anchors: 'agree-disagree', response: { min: 1, max: 7 } });
    expect(caught(() => scoreInstrument([], { scale: pwb })).details.option).toBe('scale');
  });

  it('outOfRange and missingCodes pass through to the scoring', () => {
    const row = { ...rowWithSum(key('gad7'), 6, 'g'), g7: -99 };
    const r = scoreInstrument([row], { scale: instruments.gad7({ prefix: 'g', minAnswered: 6 }), missingCodes: [-99] });
    expect(r.prorated).toEqual([true]);
    const bad = { ...rowWithSum(key('gad7'), 6, 'g'), g7: 9 };
    expect(caught(() => scoreInstrument([bad], { scale: instruments.gad7({ prefix: 'g' }) })).code).toBe('OUT_OF_RANGE');
    const m = scoreInstrument([bad], { scale: instruments.gad7({ prefix: 'g', minAnswered: 6 }), outOfRange: 'missing' });
    expect(m.invalidResponses).toHaveLength(1);
    expect(m.warnings.map((w) => w.code)).toContain('INVALID_RESPONSES_MISSING');
  });
});
