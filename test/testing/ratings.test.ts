// simulate.ratings: the intraclass correlations icc() estimates, with the SDs of the estimates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { icc } from '../../src/index.js';
import { seeds, simulate } from '../../src/testing/index.js';
import { errorOf } from '../helpers/errors.js';

describe('simulate.ratings', () => {
  it('property: icc on a large sample recovers every form within 4 SEs of its truth', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 30, max: 300 }),
        fc.integer({ min: 20, max: 150 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1e6 }),
        (k, subjectPercent, errorPercent, raterBias, seed) => {
          const sim = simulate.ratings({ n: 2000, raters: k, subjectSd: subjectPercent / 100, errorSd: errorPercent / 100, raterSd: raterBias ? 0.5 : 0, seed, shape: 'columns' });
          const fit = icc(sim.data as Record<string, number[]>, { columns: [...sim.raters] });
          for (const truth of sim.population.icc) {
            const estimate = fit.coefficients.find((c) => c.type === truth.type)!.estimate;
            if (truth.se !== null) expect(Math.abs(estimate - truth.estimate), truth.type).toBeLessThan(4 * truth.se);
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('the SEs are the spread of the estimates over 300 samples (within 15%)', () => {
    for (const [raterSd, types] of [[0, ['ICC1', 'ICC1k']], [0.7, ['ICC3', 'ICC3k']]] as const) {
      const options = { n: 120, raters: 3, subjectSd: 1, errorSd: 1, raterSd } as const;
      const fits = seeds(11, 300).map((seed) => icc(simulate.ratings({ ...options, seed }).data, { columns: ['rater1', 'rater2', 'rater3'] }));
      const population = simulate.ratings({ ...options, seed: 1 }).population;
      for (const type of types) {
        const xs = fits.map((f) => f.coefficients.find((c) => c.type === type)!.estimate);
        const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
        const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (xs.length - 1));
        const truth = population.icc.find((t) => t.type === type)!;
        expect(Math.abs(sd / truth.se! - 1), type).toBeLessThan(0.15);
      }
    }
  });

  it('population values follow the variance components; SEs only where the form’s model holds', () => {
    const sim = simulate.ratings({ n: 50, raters: 4, subjectSd: 2, raterSd: 1, errorSd: 1, seed: 3 });
    const byType = Object.fromEntries(sim.population.icc.map((t) => [t.type, t]));
    expect(byType.ICC1!.estimate).toBeCloseTo(4 / 6, 14);
    expect(byType.ICC2!.estimate).toBeCloseTo(4 / 6, 14);
    expect(byType.ICC3!.estimate).toBeCloseTo(4 / 5, 14);
    expect(byType.ICC1k!.estimate).toBeCloseTo(4 / (4 + 2 / 4), 14);
    expect(byType.ICC3k!.estimate).toBeCloseTo(4 / (4 + 1 / 4), 14);
    expect([byType.ICC1!.se, byType.ICC2k!.se]).toEqual([null, null]);
    expect(byType.ICC3!.se).toBeGreaterThan(0);
    expect(sim.raters).toEqual(['rater1', 'rater2', 'rater3', 'rater4']);
    expect(simulate.ratings({ n: 50, raters: 4, seed: 3 }).data).toEqual(simulate.ratings({ n: 50, raters: 4, seed: 3 }).data);
  });

  it('refuses bad input by name', () => {
    expect(errorOf(() => simulate.ratings({ n: 1, raters: 3, seed: 1 })).details).toMatchObject({ option: 'n' });
    expect(errorOf(() => simulate.ratings({ n: 10, raters: 1, seed: 1 })).details).toMatchObject({ option: 'raters' });
    expect(errorOf(() => simulate.ratings({ n: 10, raters: 3, errorSd: 0, seed: 1 })).details).toMatchObject({ option: 'errorSd' });
    expect(errorOf(() => simulate.ratings({ n: 10, raters: 3, raterSd: -1, seed: 1 })).details).toMatchObject({ option: 'raterSd' });
    expect(errorOf(() => simulate.ratings({ n: 10, raters: 3, names: ['a'], seed: 1 })).details).toMatchObject({ option: 'names' });
    expect(errorOf(() => simulate.ratings({ n: 10, raters: 3 } as never)).details).toMatchObject({ option: 'seed' });
  });
});
