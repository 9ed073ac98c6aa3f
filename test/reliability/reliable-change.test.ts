// reliableChange and standardErrorOfMeasurement: Jacobson & Truax (1991) by formula, properties, bad input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reliableChange, standardErrorOfMeasurement } from '../../src/reliability/reliable-change.js';
import { errorOf } from '../helpers/errors.js';

describe('standardErrorOfMeasurement', () => {
  it('is SD·√(1 − r), with S_diff = √2·SEM and the 95% reliable change 1.96·S_diff', () => {
    const s = standardErrorOfMeasurement(0.89, { sd: 5.1 });
    expect(s.sem).toBeCloseTo(5.1 * Math.sqrt(0.11), 14);
    expect(s.differenceSe).toBeCloseTo(Math.sqrt(2 * 5.1 ** 2 * 0.11), 14);
    expect(s.criticalValue).toBeCloseTo(1.959963984540054, 12);
    expect(s.reliableChange).toBeCloseTo(1.959963984540054 * Math.sqrt(2 * 5.1 ** 2 * 0.11), 12);
    expect(standardErrorOfMeasurement(0.89, { sd: 5.1, confidence: 0.9 }).criticalValue).toBeCloseTo(1.6448536269514722, 12);
  });
  it('properties: SEM grows with the SD and shrinks with reliability; the reliable change is z·√2·SEM', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 0.1, max: 50, noNaN: true }), (r1, r2, sd) => {
        const a = standardErrorOfMeasurement(r1, { sd });
        const b = standardErrorOfMeasurement(r2, { sd });
        if (r1 < r2) expect(a.sem).toBeGreaterThanOrEqual(b.sem);
        if (r2 - r1 > 1e-6) expect(a.sem).toBeGreaterThan(b.sem);
        expect(standardErrorOfMeasurement(r1, { sd: 2 * sd }).sem).toBeCloseTo(2 * a.sem, 10);
        expect(a.reliableChange).toBeCloseTo(a.criticalValue * Math.SQRT2 * a.sem, 10);
        expect(a.sem).toBeLessThan(sd);
      }),
    );
  });
  it('refuses bad input by name', () => {
    expect(errorOf(() => standardErrorOfMeasurement(1, { sd: 5 })).details).toMatchObject({ option: 'reliability' });
    expect(errorOf(() => standardErrorOfMeasurement(0.8, {} as never)).details).toMatchObject({ option: 'sd' });
    expect(errorOf(() => standardErrorOfMeasurement(0.8, { sd: -1 })).code).toBe('INVALID_OPTION');
  });

  it('never returns an infinite or NaN margin (a fuzz seed found Infinity · 0 = NaN)', () => {
    // A confidence within 1e-16 of 1 has an infinite critical value; a subnormal SD with r near 1 a SEM of 0.
    expect(errorOf(() => standardErrorOfMeasurement(0.9999, { sd: 5e-324, confidence: 0.9999999999999999 })).details).toMatchObject({ option: 'confidence' });
    expect(errorOf(() => standardErrorOfMeasurement(0.5, { sd: 1e308, confidence: 0.999999 })).details).toMatchObject({ option: 'sd' });
    expect(errorOf(() => standardErrorOfMeasurement(0.5, { sd: 1e308, confidence: 0.999999 })).code).toBe('OUT_OF_RANGE');
    const ok = standardErrorOfMeasurement(0.9999, { sd: 5e-324, confidence: 0.95 });
    expect(Number.isNaN(ok.margin)).toBe(false);
  });
});

describe('reliableChange', () => {
  it('classifies by Jacobson & Truax: RCI = Δ/S_diff, recovered = reliable improvement across the cut-off', () => {
    const rc = reliableChange({ t1: [18, 12, 9, null, 11], t2: [7, 11, 15, 3, 6] }, { before: 't1', after: 't2', reliability: 0.89, sd: 5.1, cutoff: 9.5 });
    const sdiff = Math.sqrt(2) * 5.1 * Math.sqrt(0.11);
    expect(rc.change).toEqual([-11, -1, 6, null, -5]);
    rc.rci.forEach((v, i) => (v === null ? expect(rc.change[i]).toBeNull() : expect(v).toBeCloseTo((rc.change[i] as number) / sdiff, 14)));
    expect(rc.category).toEqual(['recovered', 'unchanged', 'deteriorated', null, 'recovered']);
    expect(rc.counts).toEqual({ recovered: 2, improved: 0, unchanged: 1, deteriorated: 1 });
    expect(rc.n).toBe(4);
    expect(rc.warnings.map((w) => w.code)).toEqual(['EMPTY_ROWS']);
  });
  it('computes the a, b and c cut-offs from the norms (increase = improvement flips their sides)', () => {
    const data = { t1: [18, 12, 9, 20, 25], t2: [7, 11, 15, 3, 24] };
    const dys = { mean: 16, sd: 5 };
    const fun = { mean: 4, sd: 3 };
    const down = reliableChange(data, { before: 't1', after: 't2', reliability: 0.9, cutoff: { criterion: 'c', dysfunctional: dys, functional: fun } }).cutoff;
    expect(down).toMatchObject({ criterion: 'c', a: 6, b: 10, c: (3 * 16 + 5 * 4) / 8, value: (3 * 16 + 5 * 4) / 8 });
    const up = reliableChange(data, { before: 't1', after: 't2', reliability: 0.9, improvement: 'increase', cutoff: { criterion: 'b', dysfunctional: dys, functional: fun } }).cutoff;
    expect(up).toMatchObject({ a: 26, b: -2, value: -2 });
    // the dysfunctional norms default to the before scores' mean and SD
    const fromData = reliableChange(data, { before: 't1', after: 't2', reliability: 0.9, cutoff: { criterion: 'a' } });
    const m = (18 + 12 + 9 + 20 + 25) / 5;
    const sd = Math.sqrt([18, 12, 9, 20, 25].reduce((s, x) => s + (x - m) ** 2, 0) / 4);
    expect(fromData.cutoff?.a).toBeCloseTo(m - 2 * sd, 12);
    expect(fromData.sdSource).toBe('before');
    expect(fromData.standardError.sd).toBeCloseTo(sd, 12);
  });
  it('properties: swapping the times flips every RCI and swaps improvement and deterioration', () => {
    const score = fc.oneof(fc.integer({ min: 0, max: 27 }), fc.constant(null));
    fc.assert(
      fc.property(fc.array(fc.tuple(score, score), { minLength: 1, maxLength: 40 }), fc.double({ min: 0.05, max: 0.98, noNaN: true }), fc.double({ min: 0.5, max: 10, noNaN: true }), (pairs, rel, sd) => {
        const data = { a: pairs.map((p) => p[0]), b: pairs.map((p) => p[1]) };
        const forward = reliableChange(data, { before: 'a', after: 'b', reliability: rel, sd });
        const back = reliableChange(data, { before: 'b', after: 'a', reliability: rel, sd });
        forward.rci.forEach((v, i) => (v === null ? expect(back.rci[i]).toBeNull() : expect(back.rci[i]).toBeCloseTo(-v, 12)));
        const flip = { improved: 'deteriorated', deteriorated: 'improved', unchanged: 'unchanged', recovered: 'deteriorated' } as const;
        forward.category.forEach((c, i) => expect(back.category[i]).toBe(c === null ? null : flip[c]));
        expect(forward.counts.improved).toBe(back.counts.deteriorated);
        expect(forward.n).toBe(pairs.filter((p) => p[0] !== null && p[1] !== null).length);
      }),
    );
  });
  it('refuses bad input by name', () => {
    const data = { t1: [1, 2, 3], t2: [2, 3, 4] };
    expect(errorOf(() => reliableChange(data, { before: 't1', after: 'tx', reliability: 0.8 })).code).toBe('MISSING_COLUMN');
    expect(errorOf(() => reliableChange(data, { before: 't1', after: 't2', reliability: 1.1 })).details).toMatchObject({ option: 'reliability' });
    expect(errorOf(() => reliableChange(data, { before: 't1', after: 't1', reliability: 0.8 })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => reliableChange({ t1: [5, 5], t2: [1, 2] }, { before: 't1', after: 't2', reliability: 0.8 })).code).toBe('TOO_FEW_CASES');
    expect(errorOf(() => reliableChange(data, { before: 't1', after: 't2', reliability: 0.8, cutoff: { criterion: 'c' } })).details).toMatchObject({ option: 'cutoff.functional' });
    expect(errorOf(() => reliableChange(data, { before: 't1', after: 't2', reliability: 0.8, cutoff: { criterion: 'd' as never } })).details).toMatchObject({ option: 'cutoff.criterion' });
    expect(errorOf(() => reliableChange(data, { before: 't1', after: 't2', reliability: 0.8, cutoff: { criterion: 'a', extra: 1 } as never })).details).toMatchObject({ option: 'cutoff.extra' });
    expect(errorOf(() => reliableChange({ t1: ['x', 2], t2: [1, 2] }, { before: 't1', after: 't2', reliability: 0.8, sd: 2 })).code).toBe('NON_NUMERIC');
  });
});
