// simulate.mediation's standard errors: the spread of processModel's estimates over samples.
import { describe, expect, it } from 'vitest';
import { processModel } from '../../src/index.js';
import { seeds, simulate } from '../../src/testing/index.js';

function sd(xs: readonly number[]): number {
  const m = xs.reduce((s, v) => s + v, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / (xs.length - 1));
}

describe('simulate.mediation standard errors', () => {
  it.each([
    ['model 4, two mediators and a covariate', { model: 4 as const, paths: { a: [0.4, -0.3], b: [0.3, 0.2], direct: 0.15 }, covariates: [{ x: 0.3, mediators: 0.2, y: 0.1 }], n: 120 }],
    ['model 6, two serial mediators', { model: 6 as const, paths: { a: [0.4, 0.2], b: [0.3, 0.25], d: [[0, 0], [0.35, 0]], direct: 0.1 }, n: 150 }],
  ])('%s: the SEs of a, c′ and every indirect effect are the spread of the estimates over 300 samples (within 15%)', (_, options) => {
    const truth = simulate.mediation({ ...options, seed: 1 }).population;
    const se = truth.standardErrors!;
    const a: number[] = [];
    const direct: number[] = [];
    const indirect: Record<string, number[]> = {};
    for (const seed of seeds(11, 300)) {
      const sim = simulate.mediation({ ...options, seed });
      const fit = processModel(sim.data, { model: options.model, x: 'x', m: [...sim.variables.mediators], y: 'y', covariates: [...sim.variables.covariates], resamples: 0 });
      a.push(fit.equations[0]!.coefficients.find((c) => c.term === 'x')!.estimate);
      direct.push(fit.directEffect.estimate);
      for (const e of fit.indirectEffects) (indirect[e.label] ??= []).push(e.estimate);
    }
    expect(Math.abs(sd(a) / se.a[0]! - 1)).toBeLessThan(0.15);
    expect(Math.abs(sd(direct) / se.direct - 1)).toBeLessThan(0.15);
    for (const e of truth.indirect) expect(Math.abs(sd(indirect[e.label]!) / e.se! - 1), e.label).toBeLessThan(0.15);
  });
  it('are null when n is too small for an equation', () => {
    const sim = simulate.mediation({ model: 4, paths: { a: [0.4, 0.3], b: [0.3, 0.2], direct: 0 }, n: 5, seed: 1 });
    expect(sim.population.standardErrors).toBeNull();
    expect(sim.population.indirect.every((e) => e.se === null)).toBe(true);
  });
});

describe('simulate.congeneric: alphaSe', () => {
  it("is the spread of cronbachAlpha's α over 300 samples of normal items (within 15%)", async () => {
    const { cronbachAlpha } = await import('../../src/index.js');
    const options = { loadings: [0.7, 0.6, 0.5, 0.6, 0.4], n: 150 } as const;
    const truth = simulate.congeneric({ ...options, seed: 1 }).population;
    const alphas = seeds(21, 300).map((seed) => cronbachAlpha(simulate.congeneric({ ...options, seed }).data).alpha);
    expect(Math.abs(sd(alphas) / (truth.latent.alphaSe as number) - 1)).toBeLessThan(0.15);
    expect(truth.observed.alphaSe).toBe(truth.latent.alphaSe);
    expect(simulate.congeneric({ ...options, categories: 5, seed: 1 }).population.observed.alphaSe).toBeNull();
  });
});
