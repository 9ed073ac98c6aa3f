// simulate.regression: the truth and the standard deviations of ols's estimates that come with it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ols } from '../../src/index.js';
import { arbitraries, seeds, simulate } from '../../src/testing/index.js';
import { errorOf } from '../helpers/errors.js';

describe('simulate.regression', () => {
  it('property: ols on a large sample recovers every coefficient within 4 of its SEs, and names its terms as the truth does', () => {
    fc.assert(
      fc.property(
        arbitraries.correlationMatrix(fc, { size: { min: 1, max: 4 }, minEigenvalue: 0.1 }),
        fc.array(fc.integer({ min: -60, max: 60 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 1e6 }),
        (sx, raw, seed) => {
          const p = sx.length;
          const coefficients = raw.slice(0, p).map((v) => v / 100);
          const sim = simulate.regression({ coefficients, predictorCovariance: sx, intercept: 0.5, residualSd: 1.5, n: 3000, seed, shape: 'columns' });
          const fit = ols(sim.data as Record<string, number[]>, { y: sim.variables.y, x: [...sim.variables.x] });
          sim.population.coefficients.forEach((truth, j) => {
            const estimate = fit.coefficients[j]!;
            expect(estimate.term).toBe(truth.term);
            expect(Math.abs(estimate.estimate - truth.estimate)).toBeLessThan(4 * truth.se);
          });
        },
      ),
      { numRuns: 20 },
    );
  });
  it("the reported SEs are the spread of the estimates over 300 samples (within 15%), and ols's SEs average to them", () => {
    const options = { coefficients: [0.4, -0.2], predictorCovariance: [[1, 0.5], [0.5, 2]], intercept: 1, n: 60 } as const;
    const fits = seeds(7, 300).map((seed) => ols(simulate.regression({ ...options, seed }).data, { y: 'y', x: ['x1', 'x2'] }));
    const truth = simulate.regression({ ...options, seed: 1 }).population.coefficients;
    truth.forEach((t, j) => {
      const xs = fits.map((f) => f.coefficients[j]!.estimate);
      const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (xs.length - 1));
      expect(Math.abs(sd / t.se - 1), t.term).toBeLessThan(0.15);
      const meanSe = fits.reduce((s, f) => s + f.coefficients[j]!.se, 0) / fits.length;
      expect(Math.abs(meanSe / t.se - 1), t.term).toBeLessThan(0.1);
    });
  });
  it('reports the joint covariance and R² of the model', () => {
    const sim = simulate.regression({ coefficients: [0.5, 0.3], predictorCovariance: [[1, 0.2], [0.2, 1]], residualSd: 2, n: 10, seed: 1 });
    const explained = 0.25 + 0.09 + 2 * 0.5 * 0.3 * 0.2;
    expect(sim.population.rSquared).toBeCloseTo(explained / (explained + 4), 14);
    expect(sim.population.covariance[2]![2]).toBeCloseTo(explained + 4, 14);
    expect(sim.population.covariance[0]![2]).toBeCloseTo(0.5 + 0.2 * 0.3, 14);
    expect(sim.population.variables).toEqual(['x1', 'x2', 'y']);
  });
  it('refuses bad input by name', () => {
    expect(errorOf(() => simulate.regression({ coefficients: [0.5], n: 3, seed: 1 })).details).toMatchObject({ option: 'n' });
    expect(errorOf(() => simulate.regression({ coefficients: [0.5, 0.2], predictorCovariance: [[1, 2], [2, 1]], n: 50, seed: 1 })).details).toMatchObject({ option: 'predictorCovariance' });
    expect(errorOf(() => simulate.regression({ coefficients: [0.5], residualSd: 0, n: 50, seed: 1 })).details).toMatchObject({ option: 'residualSd' });
    expect(errorOf(() => simulate.regression({ coefficients: [0.5], names: ['a'], n: 50, seed: 1 })).details).toMatchObject({ option: 'names' });
    expect(errorOf(() => simulate.regression({ coefficients: [0.5], n: 50 } as never)).details).toMatchObject({ option: 'seed' });
  });
});
