// psychkit/testing's glue: alignFactors, coverageBand (against R's binom.test), seeds, the labels
// simulate.mediation shares with processModel, and no −0 in any population truth.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { processModel, randomStream } from '../../src/index.js';
import { alignFactors, arbitraries, coverageBand, seeds, simulate } from '../../src/testing/index.js';
import { errorOf } from '../helpers/errors.js';
import { loadJson } from '../helpers/fixtures.js';

const binom = loadJson<{ cases: { successes: number; trials: number; confidence: number; lower: number; upper: number }[] }>('coverage-band.json');

/** Every number reachable from a value. */
function numbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) numbers(v, out);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) numbers(v, out);
  return out;
}

describe('coverageBand', () => {
  it(`is the Clopper–Pearson interval of R's binom.test (${binom.cases.length} cases, to 1e-9)`, () => {
    for (const c of binom.cases) {
      const band = coverageBand(c.successes, c.trials, { confidence: c.confidence });
      expect(band.lower).toBeCloseTo(c.lower, 9);
      expect(band.upper).toBeCloseTo(c.upper, 9);
    }
  });
  it('properties: the band holds the observed rate, widens with confidence, and is consistent with nominal = rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }).chain((t) => fc.tuple(fc.integer({ min: 0, max: t }), fc.constant(t))), fc.double({ min: 0.5, max: 0.999, noNaN: true }), ([s, t], level) => {
        const band = coverageBand(s, t, { confidence: level });
        expect(band.lower).toBeLessThanOrEqual(band.rate + 1e-12);
        expect(band.upper).toBeGreaterThanOrEqual(band.rate - 1e-12);
        const wider = coverageBand(s, t, { confidence: Math.min(0.9999, level + (1 - level) / 2) });
        expect(wider.lower).toBeLessThanOrEqual(band.lower + 1e-12);
        expect(wider.upper).toBeGreaterThanOrEqual(band.upper - 1e-12);
        if (s > 0 && s < t) expect(coverageBand(s, t, { nominal: s / t }).consistent).toBe(true);
      }),
    );
  });
  it('refuses bad input by name', () => {
    expect(errorOf(() => coverageBand(11, 10)).details).toMatchObject({ option: 'successes' });
    expect(errorOf(() => coverageBand(1.5, 10)).code).toBe('OUT_OF_RANGE');
    expect(errorOf(() => coverageBand(5, 0)).details).toMatchObject({ option: 'trials' });
    expect(errorOf(() => coverageBand(5, 10, { level: 0.95 } as never)).code).toBe('INVALID_OPTION');
  });
});

describe('alignFactors', () => {
  it('property: undoes any reordering and reflection of the true loadings, with congruence 1', () => {
    fc.assert(
      fc.property(arbitraries.factorModel(fc, { factors: { min: 1, max: 5 }, itemsPerFactor: { min: 2, max: 4 } }), fc.integer({ min: 0, max: 1e6 }), (model, seed) => {
        const truth = model.loadings.map((row) => [...row]);
        const k = truth[0]!.length;
        const rng = randomStream(seed);
        const order = Array.from({ length: k }, (_, i) => i).sort(() => rng.next() - 0.5);
        const signs = order.map(() => (rng.next() < 0.5 ? -1 : 1));
        const shuffled = truth.map((row) => order.map((j, b) => signs[b]! * row[j]!));
        const a = alignFactors(shuffled, truth);
        a.loadings.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(truth[i]![j]!, 14)));
        a.congruence.forEach((c) => expect(c).toBeCloseTo(1, 12));
        expect(a.exhaustive).toBe(true);
      }),
    );
  });
  it('greedy matching above 8 factors', () => {
    const truth = Array.from({ length: 20 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i % 10 === j ? 0.7 : 0.05)));
    const estimated = truth.map((row) => [...row].reverse().map((x) => -x));
    const a = alignFactors(estimated, truth);
    expect(a.exhaustive).toBe(false);
    expect(a.order).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(a.signs.every((s) => s === -1)).toBe(true);
  });
  it('refuses bad input by name', () => {
    expect(errorOf(() => alignFactors([[1, 2]], [[1]])).code).toBe('LENGTH_MISMATCH');
    expect(errorOf(() => alignFactors([[1], [2]], [[1]])).code).toBe('LENGTH_MISMATCH');
    expect(errorOf(() => alignFactors([[Number.NaN]], [[1]])).code).toBe('NON_FINITE');
    expect(errorOf(() => alignFactors([] as never, [[1]])).code).toBe('INVALID_INPUT');
  });
});

describe('seeds', () => {
  it('property: reproducible from the master seed, whole numbers below 2³², the shorter list a prefix of the longer', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), fc.integer({ min: 0, max: 300 }), (master, count) => {
        const a = seeds(master, count);
        expect(a).toEqual(seeds(master, count));
        expect(a).toHaveLength(count);
        for (const s of a) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
        expect(seeds(master, Math.floor(count / 2))).toEqual(a.slice(0, Math.floor(count / 2)));
      }),
    );
    expect(errorOf(() => seeds(1, -1)).code).toBe('OUT_OF_RANGE');
  });
});

describe('simulators and processModel share labels; no truth is −0', () => {
  it('model 4 and model 6 truths join processModel estimates by label', () => {
    const four = simulate.mediation({ model: 4, paths: { a: [0.5, 0], b: [0.4, -0.3], direct: 0.1 }, n: 2000, seed: 3 });
    const fit4 = processModel(four.data, { model: 4, x: 'x', m: ['m1', 'm2'], y: 'y', resamples: 0 });
    const six = simulate.mediation({ model: 6, paths: { a: [0.5, 0.3], b: [0.4, 0.3], d: [[0, 0], [0.5, 0]], direct: 0 }, n: 2000, seed: 4 });
    const fit6 = processModel(six.data, { model: 6, x: 'x', m: ['m1', 'm2'], y: 'y', resamples: 0 });
    for (const [sim, fit] of [[four, fit4], [six, fit6]] as const) {
      const estimates = new Map(fit.indirectEffects.map((e) => [e.label, e.estimate]));
      for (const truth of sim.population.indirect) {
        expect(estimates.has(truth.label), truth.label).toBe(true);
        expect(Math.abs((estimates.get(truth.label) as number) - truth.effect)).toBeLessThan(0.08);
      }
    }
  });
  it('property: population truths never hold −0, even where a path is 0 and its partner negative', () => {
    fc.assert(
      fc.property(fc.constantFrom(-0.4, 0, 0.3), fc.constantFrom(-0.3, 0, 0.2), fc.constantFrom(-0.2, 0, 0.1), (a, b, direct) => {
        const med = simulate.mediation({ model: 4, paths: { a: [a, 0], b: [b, -0.5], direct }, n: 1, seed: 1 });
        const ser = simulate.mediation({ model: 6, paths: { a: [a, 0], b: [b, -0.2], d: [[0, 0], [-0.3, 0]], direct }, n: 1, seed: 1 });
        for (const x of [...numbers(med.population), ...numbers(ser.population)]) expect(Object.is(x, -0)).toBe(false);
      }),
    );
  });
});

describe('arbitraries: ranges mean ranges, minEffect, and the simulators keep processModel\'s limits', () => {
  it('{ min } alone is a range from min up (twice min where the default would end below it), { max } alone one down to it', () => {
    const ns = fc.sample(arbitraries.mediationModel(fc, { n: { min: 500 } }), { numRuns: 200, seed: 1 }).map((m) => m.n);
    expect(Math.min(...ns)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...ns)).toBeLessThanOrEqual(1000);
    expect(new Set(ns).size).toBeGreaterThan(50);
    const small = fc.sample(arbitraries.mediationModel(fc, { n: { max: 10 } }), { numRuns: 200, seed: 2 }).map((m) => m.n);
    expect(Math.max(...small)).toBeLessThanOrEqual(10);
    expect(new Set(small).size).toBeGreaterThan(1);
  });
  it('property: with minEffect every a, b and d path is at least that large, so no specific indirect effect is 0', () => {
    fc.assert(
      fc.property(arbitraries.mediationModel(fc, { minEffect: 0.1, mediators: { min: 1, max: 8 }, n: 1 }), (spec) => {
        const lower = (spec.paths.d ?? []).flatMap((row, i) => row.filter((_, j) => j < i));
        for (const p of [...spec.paths.a, ...spec.paths.b, ...lower]) expect(Math.abs(p)).toBeGreaterThanOrEqual(0.1 - 1e-12);
        if (spec.model === 6) expect(spec.paths.a.length).toBeLessThanOrEqual(6);
        const sim = simulate.mediation(spec);
        for (const e of sim.population.indirect) expect(e.effect).not.toBe(0);
      }),
    );
    expect(errorOf(() => arbitraries.mediationModel(fc, { minEffect: 0.9, maxPath: 0.5 })).details).toMatchObject({ option: 'minEffect' });
  });
  it('simulate.mediation takes the mediators processModel takes: 2 … 6 serial, 1 … 10 parallel', () => {
    const serial = (k: number) => simulate.mediation({ model: 6, paths: { a: new Array(k).fill(0.2), b: new Array(k).fill(0.2), d: Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (j < i ? 0.1 : 0))), direct: 0 }, n: 5, seed: 1 });
    expect(serial(6).population.indirect).toHaveLength(63);
    expect(errorOf(() => serial(7)).details).toMatchObject({ option: 'paths.a' });
    const parallel = (k: number) => simulate.mediation({ model: 4, paths: { a: new Array(k).fill(0.2), b: new Array(k).fill(0.2), direct: 0 }, n: 5, seed: 1 });
    expect(parallel(10).population.indirect).toHaveLength(10);
    expect(errorOf(() => parallel(11)).code).toBe('INVALID_OPTION');
  });
});

describe('arbitraries.likertResponses: constant columns only when asked', () => {
  const constant = (s: { responses: readonly (readonly (number | null)[])[]; items: readonly string[] }) =>
    s.items.some((_, j) => {
      const answers = s.responses.map((r) => r[j]).filter((v): v is number => v !== null && v !== undefined);
      return answers.length >= 2 && answers.every((v) => v === answers[0]);
    });
  it('property: no generated sample has a constant column by default', () => {
    fc.assert(
      fc.property(arbitraries.likertResponses(fc, { missing: 0.3 }), (s) => {
        expect(constant(s)).toBe(false);
      }),
    );
  });
  it('with constantColumns: true they appear, as estimators must reject them', () => {
    const samples = fc.sample(arbitraries.likertResponses(fc, { n: { min: 2, max: 4 }, constantColumns: true }), { numRuns: 300, seed: 4 });
    expect(samples.some(constant)).toBe(true);
    expect(errorOf(() => arbitraries.likertResponses(fc, { constantColumns: 'yes' as never })).details).toMatchObject({ option: 'constantColumns' });
  });
});
