// simulate.higherOrder: a higher-order factor model with known ω_h, which omega() recovers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { omega } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { errorOf } from '../helpers/errors.js';

const loading = fc.integer({ min: 35, max: 85 }).map((v) => v / 100);

describe('simulate.higherOrder', () => {
  it('property: the population is the Schmid–Leiman decomposition of Σ; ω_t is the model ω; ω_h ≤ ω_t', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(loading, { minLength: 2, maxLength: 5 }), { minLength: 3, maxLength: 5 }),
        fc.array(fc.integer({ min: 20, max: 90 }).map((v) => v / 100), { minLength: 5, maxLength: 5 }),
        (groups, gammas) => {
          const general = gammas.slice(0, groups.length);
          const sim = simulate.higherOrder({ groups, general, n: 5, seed: 1 });
          const { generalLoadings: g, groupLoadings: s, latent } = sim.population;
          const p = g.length;
          // Σ = ggᵀ + (block) ssᵀ + Ψ: off-diagonal elements from the two loadings.
          for (let i = 0; i < p; i++) {
            for (let j = 0; j < p; j++) {
              if (i === j) continue;
              const same = sim.itemGroups[i] === sim.itemGroups[j];
              expect(latent.correlation[i]![j]).toBeCloseTo(g[i]! * g[j]! + (same ? s[i]! * s[j]! : 0), 12);
            }
          }
          expect(sim.population.omegaTotal).toBeCloseTo(latent.omega, 12);
          expect(sim.population.omegaHierarchical).toBeLessThanOrEqual(sim.population.omegaTotal + 1e-15);
          const total = latent.correlation.flat().reduce((a, b) => a + b, 0);
          expect(sim.population.omegaHierarchical).toBeCloseTo(g.reduce((a, b) => a + b, 0) ** 2 / total, 12);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("omega's ω_h recovers the truth: averaged over 8 samples of 10,000 to within 3 standard errors of that mean, each sample within 5 SDs", () => {
    const options = { groups: [[0.7, 0.6, 0.65, 0.55], [0.6, 0.7, 0.5, 0.6], [0.65, 0.55, 0.7, 0.6]], general: [0.8, 0.7, 0.6], n: 10000 } as const;
    const estimates = Array.from({ length: 8 }, (_, seed) => {
      const sim = simulate.higherOrder({ ...options, seed, shape: 'columns' });
      return omega(sim.data as Record<string, number[]>, { factors: 3 }).omegaHierarchical;
    });
    const truth = simulate.higherOrder({ ...options, seed: 0 }).population.omegaHierarchical;
    const mean = estimates.reduce((a, b) => a + b, 0) / estimates.length;
    const sd = Math.sqrt(estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / (estimates.length - 1));
    expect(Math.abs(mean - truth)).toBeLessThan((3 * sd) / Math.sqrt(estimates.length));
    for (const e of estimates) expect(Math.abs(e - truth)).toBeLessThan(5 * sd);
  });

  it('refuses bad input by name', () => {
    expect(errorOf(() => simulate.higherOrder({ groups: [[0.6, 0.6], [0.6, 0.6]], general: [0.5, 0.5], n: 10, seed: 1 })).details).toMatchObject({ option: 'groups' });
    expect(errorOf(() => simulate.higherOrder({ groups: [[0.6, 0.6], [0.6, 0.6], [1, 0.6]], general: [0.5, 0.5, 0.5], n: 10, seed: 1 })).details).toMatchObject({ option: 'groups' });
    expect(errorOf(() => simulate.higherOrder({ groups: [[0.6, 0.6], [0.6, 0.6], [0.6, 0.6]], general: [0.5, 0.5], n: 10, seed: 1 })).details).toMatchObject({ option: 'general' });
    expect(errorOf(() => simulate.higherOrder({ groups: [[0.6, 0.6], [0.6, 0.6], [0.6, 0.6]], general: [0.5, 0.5, 1.2], n: 10, seed: 1 })).details).toMatchObject({ option: 'general' });
    expect(errorOf(() => simulate.higherOrder({ groups: [[0.6, 0.6], [0.6, 0.6], [0.6, 0.6]], general: [0.5, 0.5, 0.5], n: 10 } as never)).details).toMatchObject({ option: 'seed' });
  });
});
