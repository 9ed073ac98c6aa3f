// Properties of scale definitions and scoring not covered in test/scales.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defineScale, requiredAnswered, scoreScale, type ScaleSpec } from '../../src/index.js';
import { arbitraries } from '../../src/testing/index.js';
import { numRuns } from '../helpers/runs.js';

/** A valid scale specification: unique item names, a range, reverse keys and subscales among the items. */
const specArb: fc.Arbitrary<ScaleSpec> = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== ''), { minLength: 2, maxLength: 10 })
  .chain((items) =>
    fc.record(
      {
        id: fc.string({ minLength: 1, maxLength: 6 }).filter((s) => s.trim() !== ''),
        label: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
        items: fc.constant(items),
        response: fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 1, max: 9 })).map(([min, span]) => ({ min, max: min + span })),
        reverse: fc.subarray(items),
        subscales: fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }).filter((s) => s.trim() !== ''), fc.subarray(items, { minLength: 1 }), { maxKeys: 3 }),
        score: fc.constantFrom('mean' as const, 'sum' as const),
        minAnswered: fc.oneof(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.integer({ min: 2, max: items.length })),
        source: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
      },
      { requiredKeys: ['id', 'items', 'response'] },
    ),
  );

describe('defineScale', () => {
  it('is idempotent, survives a JSON round trip, is frozen, and keeps what it was given', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const def = defineScale(spec);
        expect(defineScale(def)).toEqual(def);
        expect(defineScale(JSON.parse(JSON.stringify(def)) as ScaleSpec)).toEqual(def);
        expect(Object.isFrozen(def) && Object.isFrozen(def.items) && Object.isFrozen(def.response)).toBe(true);
        expect(def.items).toEqual(spec.items);
        expect(def.reverse).toEqual(spec.reverse ?? []);
        expect(def.label).toBe(spec.label ?? spec.id);
        expect(def.score).toBe(spec.score ?? 'mean');
        expect(def.minAnswered).toBe(spec.minAnswered ?? 1);
        expect(def.subscales.map((s) => [s.id, s.items])).toEqual(Object.entries(spec.subscales ?? {}));
      }),
      { numRuns: numRuns(200) },
    );
  });
});

describe('requiredAnswered', () => {
  it('a share x needs the fewest items r with r/k ≥ x (at least 1); a count c needs min(c, k)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0.001, max: 1, noNaN: true }), fc.integer({ min: 2, max: 300 }), (k, share, count) => {
        const r = requiredAnswered(share, k);
        expect(Number.isInteger(r) && r >= 1 && r <= k).toBe(true);
        // r answered items are enough and r − 1 are not (up to 1e-9, so 0.55·100 needs 55, not 56).
        expect(r / k).toBeGreaterThanOrEqual(share - 1e-9);
        if (r > 1) expect((r - 1) / k).toBeLessThan(share - 1e-9);
        expect(requiredAnswered(count, k)).toBe(Math.min(count, k));
      }),
      { numRuns: numRuns(300) },
    );
    expect(requiredAnswered(0.55, 100)).toBe(55); // 0.55·100 = 55.00000000000001 in binary
  });
});

describe('scoreScale', () => {
  it('does not depend on the order of the rows (scores, answered counts and flags permute with them)', () => {
    fc.assert(
      fc.property(arbitraries.likertResponses(fc, { missing: 0.2, n: { min: 2, max: 30 } }), fc.integer(), fc.constantFrom('mean' as const, 'sum' as const), (s, seed, score) => {
        const spec = { id: 's', items: s.items, response: { min: 1, max: s.levels }, reverse: [s.items[0]!], score, minAnswered: 0.5 };
        const order = s.rows.map((_, i) => i);
        // Fisher–Yates with a seeded LCG, so the permutation is reproducible from the drawn seed.
        let state = seed >>> 0;
        for (let i = order.length - 1; i > 0; i--) {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          const j = state % (i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        const a = scoreScale(s.rows, { scale: spec });
        const b = scoreScale(order.map((i) => s.rows[i]!), { scale: spec });
        order.forEach((from, to) => {
          expect(b.scores[to]).toBe(a.scores[from]);
          expect(b.answered[to]).toBe(a.answered[from]);
          expect(b.prorated[to]).toBe(a.prorated[from]);
        });
      }),
      { numRuns: numRuns(100) },
    );
  });
});
