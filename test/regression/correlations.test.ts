import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { correlations, hierarchicalRegression } from '../../src/index.js';
import { loadJson } from '../helpers/fixtures.js';
import { expectAllClose, expectClose } from '../helpers/close.js';
import { maritalLevels, peer, reference } from '../helpers/peer.js';
import { errorCode } from '../helpers/errors.js';

const extra = loadJson('regression.json'); // test/fixtures/regression.R
const vars = ['esse', 'ss', 'si', 'pwb', 'rec'];
const flat = (m: readonly (readonly number[])[]) => m.flat();

describe('correlations match psych::corr.test', () => {
  it('pairwise r, n and p (peer-workers.json)', () => {
    const c = correlations(peer, { columns: vars });
    expect(c.columns).toEqual(vars);
    expectAllClose(flat(c.r), flat(reference.correlations.r), 1e-12, 'r');
    expect(flat(c.counts)).toEqual(flat(reference.correlations.n));
    expectAllClose(flat(c.p), flat(reference.correlations.p), 1e-12, 'p');
  });
  it('Fisher-z intervals at 95% and 90%, pairwise and listwise (regression.json)', () => {
    for (const [key, options] of [
      ['pairwise95', {}],
      ['pairwise90', { confidence: 0.9 }],
      ['listwise95', { missing: 'listwise' }],
    ] as const) {
      const c = correlations(peer, { columns: vars, ...options });
      const ref = extra.correlations[key];
      expectAllClose(flat(c.r), flat(ref.r), 1e-12, `${key} r`);
      expect(flat(c.counts)).toEqual(flat(ref.n));
      expectAllClose(flat(c.p), flat(ref.p), 1e-12, `${key} p`);
      expectAllClose(flat(c.lower), flat(ref.lower), 1e-12, `${key} lower`);
      expectAllClose(flat(c.upper), flat(ref.upper), 1e-12, `${key} upper`);
    }
  });
  it("agrees with psych's own interval table (lower triangle, by pair)", () => {
    const c = correlations(peer, { columns: vars });
    const ref = extra.correlations.pairwise95.psychCi;
    ref.pairs.forEach((pair: string, k: number) => {
      const [a, b] = pair.split('-') as [string, string];
      const i = vars.indexOf(a);
      const j = vars.indexOf(b);
      expectClose(c.lower[i]![j]!, ref.lower[k], 1e-12, `${pair} lower`);
      expectClose(c.upper[i]![j]!, ref.upper[k], 1e-12, `${pair} upper`);
    });
  });
  it('is symmetric, bounded and contains r in its interval (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -500, max: 500 }), fc.integer({ min: -500, max: 500 })), { minLength: 5, maxLength: 40 }), (pairs) => {
        const a = pairs.map((p) => p[0] / 7);
        const b = pairs.map((p, i) => p[1] / 3 + (i % 3)); // never constant
        if (new Set(a).size < 2) return;
        const c = correlations({ a, b });
        const r = c.r[0]![1]!;
        expect(c.r[1]![0]).toBe(r);
        expect(Math.abs(r)).toBeLessThanOrEqual(1 + 1e-12);
        expect(c.lower[0]![1]!).toBeLessThanOrEqual(r + 1e-12);
        expect(c.upper[0]![1]!).toBeGreaterThanOrEqual(r - 1e-12);
        expect(c.p[0]![1]!).toBeGreaterThanOrEqual(0);
        expect(c.p[0]![1]!).toBeLessThanOrEqual(1);
      }),
      { numRuns: 100 },
    );
  });
  it('rejects bad input with codes', () => {
    const code = errorCode;
    expect(code(() => correlations(peer, { columns: ['esse', 'nope'] }))).toBe('MISSING_COLUMN');
    expect(code(() => correlations(peer, { columns: ['esse'] }))).toBe('TOO_FEW_VARIABLES');
    expect(code(() => correlations(peer, { columns: ['esse', 'marital'] }))).toBe('NON_NUMERIC');
    expect(code(() => correlations({ a: [1, 2, 3], b: [2, 1, 3] }))).toBe('TOO_FEW_CASES');
    expect(code(() => correlations({ a: [1, 1, 1, 1, 1], b: [2, 1, 3, 4, 5] }))).toBe('ZERO_VARIANCE');
    expect(code(() => correlations(peer, { columns: vars, confidence: 95 }))).toBe('INVALID_OPTION');
    expect(code(() => correlations(peer, { columns: vars, missing: 'all' as never }))).toBe('INVALID_OPTION');
  });
});

describe('hierarchicalRegression matches lm + anova (peer-workers.json)', () => {
  it('R², adjusted R², ΔR², F change, df and p per step, on one listwise sample', () => {
    const h = hierarchicalRegression(peer, {
      y: 'pwb',
      steps: [['gender', 'education', 'marital'], ['esse'], ['ss', 'si']],
      categorical: maritalLevels,
    });
    const ref = reference.hierarchical;
    expect(h.n).toBe(ref.n);
    ref.steps.forEach((s: any, i: number) => {
      const step = h.steps[i]!;
      expectClose(step.rSquared, s.R2, 1e-12, `step ${i} R2`);
      expectClose(step.adjustedRSquared, s.adjR2, 1e-12, `step ${i} adjR2`);
      if (i > 0) {
        expectClose(step.rSquaredChange, s.deltaR2, 1e-12, `step ${i} ΔR2`);
        expectClose(step.statistic, s.Fchange, 1e-9, `step ${i} F change`);
        expect([step.df1, step.df2]).toEqual([s.df1, s.df2]);
        expectClose(step.p, s.p, 1e-12, `step ${i} p`);
      }
    });
    // The first step is tested against the intercept-only model: its F change is the model F.
    expectClose(h.steps[0]!.statistic, h.steps[0]!.summary.statistic, 1e-9, 'step 0');
    expectClose(h.steps[0]!.rSquaredChange, h.steps[0]!.rSquared, 0, 'step 0 ΔR2');
  });
});

// Found by fuzzing: two huge outliers in the same row made r(v1, v4) = −1 − 2⁻⁵² by rounding, and
// the Fisher-z bounds atanh(r) NaN. Correlations are clamped to [−1, 1], as R's cor does.
it('correlations stay within [−1, 1] and their intervals finite when rounding overshoots', () => {
  const ones = (first: number, at16 = 1) => [first, ...Array.from({ length: 16 }, (_, i) => (i === 15 ? at16 : 1)), 1];
  const table = { v1: ones(4.562293395693667e23), v2: ones(1, 2), v3: ones(9007199254740994), v4: ones(0), v5: ones(1, 2) };
  const c = correlations(table);
  for (const m of [c.r, c.lower, c.upper, c.p]) for (const row of m) for (const v of row) expect(Number.isNaN(v)).toBe(false);
  for (const row of c.r) for (const v of row) expect(Math.abs(v)).toBeLessThanOrEqual(1);
});
