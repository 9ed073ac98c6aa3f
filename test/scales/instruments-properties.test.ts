// Properties of the catalog's bands, flags and conversion tables (fast-check).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { INSTRUMENT_KEYS, instruments, scoreBand, scoreInstrument, type InstrumentKey } from '../../src/index.js';
import { numRuns } from '../helpers/runs.js';

const keys = Object.values(INSTRUMENT_KEYS) as InstrumentKey[];
const banded = keys.filter((k) => k.bands !== undefined);
const converted = keys.filter((k) => k.conversion !== undefined);

/** The range of the score a key's bands are on. */
function bandedRange(k: InstrumentKey): [number, number] {
  const lo = k.k * k.response.min;
  const hi = k.k * k.response.max;
  if (k.bands?.on === 'converted') {
    const t = k.conversion!.table;
    return [t[0]!.value, t[t.length - 1]!.value];
  }
  return [lo, hi];
}

describe('bands', () => {
  it('are ordered, contiguous on whole numbers and cover exactly the score range', () => {
    for (const k of banded) {
      const b = k.bands!.bands;
      for (let i = 1; i < b.length; i++) expect(b[i]!.min, k.id).toBe(b[i - 1]!.max + 1);
      for (const band of b) expect(band.min <= band.max, k.id).toBe(true);
      expect([b[0]!.min, b[b.length - 1]!.max], k.id).toEqual(bandedRange(k));
    }
  });

  it('every score in range falls in exactly one band (whole scores: min ≤ x ≤ max of that one band)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...banded), fc.double({ min: 0, max: 1, noNaN: true }), (k, u) => {
        const [lo, hi] = bandedRange(k);
        const x = Math.round(lo + u * (hi - lo));
        const containing = k.bands!.bands.filter((b) => x >= b.min && x <= b.max);
        expect(containing).toHaveLength(1);
        expect(scoreBand(x, k.bands!)).toBe(containing[0]!.label);
      }),
      { numRuns: numRuns(300) },
    );
  });

  it('any real score in range gets a band; outside the range none', () => {
    fc.assert(
      fc.property(fc.constantFrom(...banded), fc.double({ min: -50, max: 150, noNaN: true }), (k, x) => {
        const [lo, hi] = bandedRange(k);
        const label = scoreBand(x, k.bands!);
        expect(label === null).toBe(x < lo || x > hi);
      }),
      { numRuns: numRuns(300) },
    );
  });

  it('are monotone in the score: a higher score never falls in an earlier band', () => {
    fc.assert(
      fc.property(fc.constantFrom(...banded), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (k, u, v) => {
        const [lo, hi] = bandedRange(k);
        const a = lo + Math.min(u, v) * (hi - lo);
        const b = lo + Math.max(u, v) * (hi - lo);
        const labels = k.bands!.bands.map((band) => band.label);
        expect(labels.indexOf(scoreBand(a, k.bands!) as string)).toBeLessThanOrEqual(labels.indexOf(scoreBand(b, k.bands!) as string));
      }),
      { numRuns: numRuns(300) },
    );
  });
});

describe('conversion tables', () => {
  it('cover every raw sum once and increase with it (SE, where given, positive)', () => {
    for (const k of converted) {
      const t = k.conversion!.table;
      for (let i = 1; i < t.length; i++) {
        expect(t[i]!.raw, k.id).toBe(t[i - 1]!.raw + 1);
        expect(t[i]!.value > t[i - 1]!.value, k.id).toBe(true);
      }
      for (const row of t) if (row.se !== undefined) expect(row.se > 0).toBe(true);
    }
  });
});

const bindings: Record<string, (p: string) => ReturnType<typeof instruments.phq9>> = {
  phq9: (p) => instruments.phq9({ prefix: p }),
  gad7: (p) => instruments.gad7({ prefix: p }),
  k10: (p) => instruments.k10({ prefix: p }),
  who5: (p) => instruments.who5({ prefix: p }),
  pss10: (p) => instruments.pss10({ prefix: p }),
  swemwbs: (p) => instruments.swemwbs({ prefix: p }),
  promisDepression8a: (p) => instruments.promisDepression8a({ prefix: p }),
};

describe('scoreInstrument on random complete responses', () => {
  it('raw score in range; converted = table[raw]; band = scoreBand of the banded score; PHQ-9 flag = item 9 > 0', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(bindings)).chain((id) => {
          const k = INSTRUMENT_KEYS[id] as InstrumentKey;
          const row = fc.array(fc.integer({ min: k.response.min, max: k.response.max }), { minLength: k.k, maxLength: k.k });
          return fc.tuple(fc.constant(k), fc.array(row, { minLength: 1, maxLength: 8 }));
        }),
        ([k, answers]) => {
          const rows = answers.map((a) => Object.fromEntries(a.map((v, j) => [`x${j + 1}`, v])));
          const r = scoreInstrument(rows, { scale: (bindings[k.id] as (p: string) => ReturnType<typeof instruments.phq9>)('x') });
          answers.forEach((a, i) => {
            const raw = r.scores[i] as number;
            const expectedRaw = a.reduce((s, v, j) => s + (k.reverse.includes(j + 1) ? k.response.min + k.response.max - v : v), 0);
            expect(raw).toBe(expectedRaw);
            const row = k.conversion?.table.find((t) => t.raw === raw);
            expect(r.converted?.values[i] ?? null).toBe(row?.value ?? null);
            const banded = k.bands?.on === 'converted' ? (row?.value ?? null) : raw;
            expect(r.bands[i]).toBe(k.bands ? scoreBand(banded, k.bands) : null);
            if (k.id === 'phq9') expect(r.flags['selfHarm']?.[i]).toBe((a[8] as number) > 0);
          });
          expect(Object.values(r.bandCounts).reduce((s, c) => s + c, 0)).toBe(k.bands ? answers.length : 0);
        },
      ),
      { numRuns: numRuns(100) },
    );
  });
});
