import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evenOddConsistency } from '../../src/screening/even-odd.js';
import { longstring } from '../../src/screening/longstring.js';
import { mahalanobis } from '../../src/screening/mahalanobis.js';
import { psychometricSynonyms } from '../../src/screening/psychometric-synonyms.js';
import { responseVariability } from '../../src/screening/response-variability.js';
import { screenResponses } from '../../src/screening/screen-responses.js';
import { simulate } from '../../src/testing/index.js';

/** Respondents × items matrices of Likert answers 1–5, with some missing cells (null). */
const likert = (minK = 2, maxK = 12, missing = true) =>
  fc.integer({ min: minK, max: maxK }).chain((k) =>
    fc.array(fc.array(missing ? fc.option(fc.integer({ min: 1, max: 5 }), { freq: 8 }) : fc.integer({ min: 1, max: 5 }), { minLength: k, maxLength: k }), { minLength: 1, maxLength: 25 }),
  );

/** AUC: the chance that a careless row scores beyond an attentive one (ties count ½). */
function auc(scores: readonly (number | null)[], careless: readonly boolean[], higherIsCareless: boolean): number {
  const pos: number[] = [];
  const neg: number[] = [];
  scores.forEach((s, i) => {
    if (s === null) return;
    (careless[i] ? pos : neg).push(higherIsCareless ? s : -s);
  });
  let wins = 0;
  for (const a of pos) for (const b of neg) wins += a > b ? 1 : a === b ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

describe('careless-responding indices: properties', () => {
  it('psychometricSynonyms: pairs exceed the threshold, values are correlations, and reversing every item changes nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0.1, max: 0.6, noNaN: true }), (seed, threshold) => {
        const data = simulate.carelessResponses({ n: 60, items: 12, seed, shape: 'matrix' }).data as number[][];
        const r = psychometricSynonyms(data, { threshold });
        for (const pair of r.pairs) expect(pair.r).toBeGreaterThan(threshold);
        for (const v of r.values) if (v !== null) expect(Math.abs(v)).toBeLessThanOrEqual(1 + 1e-12);
        const reversed = psychometricSynonyms(data.map((row) => row.map((x) => 6 - x)), { threshold });
        expect(reversed.pairs.map((p) => p.columns)).toEqual(r.pairs.map((p) => p.columns));
        reversed.values.forEach((v, i) => (v === null ? expect(r.values[i]).toBeNull() : expect(v).toBeCloseTo(r.values[i] as number, 10)));
      }),
      { numRuns: 30 },
    );
  });
  it('a constant row has longstring = average = number of items, and IRV 0', () => {
    fc.assert(
      fc.property(likert(2, 30, false), fc.integer({ min: 1, max: 5 }), fc.nat(), (rows, value, at) => {
        const k = rows[0]!.length;
        const data = rows.map((r) => [...r]);
        const i = at % data.length;
        data[i] = new Array<number>(k).fill(value);
        expect(longstring(data).values[i]).toBe(k);
        expect(longstring(data).averages[i]).toBe(k);
        expect(responseVariability(data).values[i]).toBe(0);
      }),
    );
  });

  it('longstring lies in [1, k], average ≤ longest, and k / average is a whole number of runs', () => {
    fc.assert(
      fc.property(likert(), (rows) => {
        const k = rows[0]!.length;
        const r = longstring(rows);
        r.values.forEach((v, i) => {
          if (rows[i]!.every((x) => x === null)) return expect(v).toBeNull();
          expect(v).toBeGreaterThanOrEqual(1);
          expect(v).toBeLessThanOrEqual(k);
          const avg = r.averages[i] as number;
          expect(avg).toBeLessThanOrEqual(v as number);
          expect(Math.abs(k / avg - Math.round(k / avg))).toBeLessThan(1e-9);
        });
      }),
    );
  });

  it('IRV is the SD of the answered items, invariant to a shift and scaled by a factor', () => {
    fc.assert(
      fc.property(likert(), fc.integer({ min: -10, max: 10 }), fc.integer({ min: 1, max: 4 }), (rows, shift, factor) => {
        const a = responseVariability(rows).values;
        const b = responseVariability(rows.map((r) => r.map((x) => (x === null ? null : x * factor + shift)))).values;
        a.forEach((v, i) => {
          const answered = rows[i]!.filter((x) => x !== null).length;
          if (answered < 2) return expect(v).toBeNull();
          expect(v).toBeGreaterThanOrEqual(0);
          expect(Math.abs((b[i] as number) - factor * (v as number))).toBeLessThan(1e-9);
        });
      }),
    );
  });

  it('Mahalanobis D² is ≥ 0, its p in [0, 1], and both are unchanged by rescaling an item', () => {
    const sim = simulate.carelessResponses({ n: 80, items: 8, seed: 3, shape: 'matrix' });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: -3, max: 3 }), (j, factor, shift) => {
        const a = mahalanobis(sim.data);
        const b = mahalanobis(sim.data.map((r) => r.map((x, c) => (c === j ? x * factor + shift : x))));
        a.values.forEach((v, i) => {
          expect(v as number).toBeGreaterThanOrEqual(-1e-12);
          expect(Math.abs((b.values[i] as number) - (v as number))).toBeLessThan(1e-8 * Math.max(1, v as number));
          const p = a.p[i] as number;
          expect(p >= 0 && p <= 1).toBe(true);
        });
        // The mean of D² over complete rows is (n − 1)k/n exactly (Σ D² = (n − 1)·tr(S⁻¹S)).
        const mean = a.values.reduce((s: number, v) => s + (v as number), 0) / 80;
        expect(mean).toBeCloseTo((79 * 8) / 80, 9);
      }),
      { numRuns: 20 },
    );
  });

  it('even-odd: a respondent whose halves agree scores −1 (perfectly consistent); scores lie in [−1, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 8 }), likert(8, 8), (levels, others) => {
        fc.pre(new Set(levels).size > 1);
        const S = levels.length;
        const scales = Array.from({ length: S }, (_, s) => [`q${2 * s}`, `q${2 * s + 1}`]);
        const row: Record<string, number | null> = {};
        levels.forEach((v, s) => ((row[`q${2 * s}`] = v), (row[`q${2 * s + 1}`] = v)));
        const rest = others.map((r) => Object.fromEntries(Array.from({ length: 2 * S }, (_, j) => [`q${j}`, r[j % r.length] ?? null])));
        const r = evenOddConsistency([row, ...rest], { scales });
        expect(r.values[0]).toBeCloseTo(-1, 12);
        for (const v of r.values) if (v !== null) expect(v >= -1 && v <= 1 + 1e-12).toBe(true);
      }),
    );
  });

  it('simulated careless respondents are separated from attentive ones (AUC ≥ 0.9)', () => {
    const straight = simulate.carelessResponses({ n: 400, items: 40, carelessProportion: 0.15, types: ['straightline'], seed: 21 });
    const s1 = screenResponses(straight.data, { columns: [...straight.items], scales: straight.scales });
    expect(auc(s1.rows.map((r) => r.longstring), straight.careless, true)).toBeGreaterThanOrEqual(0.9);
    expect(auc(s1.rows.map((r) => r.longstringAverage), straight.careless, true)).toBeGreaterThanOrEqual(0.9);
    expect(auc(s1.rows.map((r) => r.irv), straight.careless, false)).toBeGreaterThanOrEqual(0.9);
    expect(s1.rows.filter((r) => straight.careless[r.row]).every((r) => r.flags.includes('longstring'))).toBe(true);

    const random = simulate.carelessResponses({ n: 600, items: 60, scales: 10, loading: 0.8, carelessProportion: 0.15, types: ['random'], seed: 22 });
    const s2 = screenResponses(random.data, { columns: [...random.items], scales: random.scales, synonymThreshold: 0.5 });
    expect(auc(s2.rows.map((r) => r.mahalanobis), random.careless, true)).toBeGreaterThanOrEqual(0.9);
    expect(auc(s2.rows.map((r) => r.evenOdd), random.careless, true)).toBeGreaterThanOrEqual(0.9);
    expect(auc(s2.rows.map((r) => r.synonyms), random.careless, false)).toBeGreaterThanOrEqual(0.9);
  });
});
