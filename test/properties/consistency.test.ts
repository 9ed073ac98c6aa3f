// Consistency: as n grows, α, EFA loadings and model-4 indirect effects converge to the truth
// of the model the data were simulated from. Each property draws model parameters with
// psychkit/testing's arbitraries and a simulation seed per run (fast-check's own seed is fixed, so
// the whole file is deterministic), simulates at n = 200, 1,000 and 5,000, and checks
//   1. at every n, |estimate − truth| ≤ 4·SE(n) (5·SE for loadings, whose SE is itself estimated),
//      with SE from theory or from the estimator's own reported standard errors — a correct
//      estimator misses a 4-SE band with probability 6e-5 per comparison;
//   2. over all runs, the largest error at n = 5,000 is less than half the largest at n = 200
//      (for a √n-consistent estimator the ratio is about √(200/5000) = 0.2).
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cronbachAlpha, efa, processModel } from '../../src/index.js';
import { arbitraries, simulate } from '../../src/testing/index.js';
import { alphaStandardError } from '../testing/moments.js';
import { numRuns } from '../helpers/runs.js';

const NS = [200, 1_000, 5_000] as const;
/** fast-check's own seed, fixed: the drawn models and simulation seeds are the same on every run. */
const SEED = 20_240_607;

/** Largest absolute error seen at each n over every run of a property, and the largest in SE units. */
function tracker() {
  const max = new Map<number, number>(NS.map((n) => [n, 0]));
  const maxZ = new Map<number, number>(NS.map((n) => [n, 0]));
  return {
    record(n: number, error: number, se?: number) {
      max.set(n, Math.max(max.get(n)!, error));
      if (se !== undefined) maxZ.set(n, Math.max(maxZ.get(n)!, error / se));
    },
    expectShrinking(what: string) {
      const [small, , large] = NS.map((n) => max.get(n)!);
      expect(large, `${what}: max error ${large} at n = ${NS[2]} vs ${small} at n = ${NS[0]}`).toBeLessThan(small! / 2);
    },
    summary: () => ({ maxError: Object.fromEntries(max), maxErrorInSE: Object.fromEntries(maxZ) }),
  };
}

// PSYCHKIT_CONSISTENCY_REPORT=1 prints the largest error at each n (e.g. for a larger run).
const report: Record<string, unknown> = {};
afterAll(() => {
  if (globalThis.process?.env['PSYCHKIT_CONSISTENCY_REPORT']) console.log('consistency', JSON.stringify(report));
});

describe('consistency: estimates converge to the simulated truth', () => {
  it('Cronbach α → population α (SE: van Zyl et al. 2000 normal theory); the reported ASE agrees with theory', () => {
    // One-factor (congeneric) models with 3–8 items, loadings .3–.9, continuous responses: the
    // population α is α(Σ) with Σ = λλᵀ + Ψ.
    const errors = tracker();
    fc.assert(
      fc.property(arbitraries.factorModel(fc, { factors: 1, itemsPerFactor: { min: 3, max: 8 } }), fc.integer(), (m, seed) => {
        const loadings = m.loadings.map((row) => row[0]!);
        for (const n of NS) {
          const sim = simulate.congeneric({ loadings, n, seed: `${seed}/${n}` });
          const fit = cronbachAlpha(sim.data, { columns: sim.items });
          const se = alphaStandardError(sim.population.observed.covariance, n);
          const error = Math.abs(fit.alpha - sim.population.observed.alpha);
          expect(error, `n = ${n}: α̂ = ${fit.alpha}, α = ${sim.population.observed.alpha}, SE = ${se}`).toBeLessThanOrEqual(4 * se);
          errors.record(n, error, se);
          // The estimator's own SE (Duhachek & Iacobucci's ASE, from the sample covariances) is a
          // smooth function of S, so at n = 5,000 it is within a few percent of the population SE.
          if (n === 5_000) expect(Math.abs(fit.se / se - 1), `ASE ${fit.se} vs ${se}`).toBeLessThan(0.1);
        }
      }),
      { numRuns: numRuns(10), seed: SEED },
    );
    errors.expectShrinking('α');
    report['alpha'] = errors.summary();
  });

  it('EFA loadings → the true loadings, up to the order and sign of the factors', () => {
    // Simple structure (no cross-loadings), 1–3 factors of 3–5 items, loadings .4–.85, correlated
    // or not: ML extraction with oblimin recovers Λ exactly from the population matrix, so the
    // sample solution estimates Λ itself. There is no closed-form SE for rotated loadings, so it is
    // estimated from 24 replications at n = 500 and scaled by √(500/n) (ML estimates are
    // √n-consistent); the band is 5 SE because that SE is an estimate with 23 df (P(|t₂₃| > 5) ≈ 5e-5).
    const errors = tracker();
    const models = arbitraries.factorModel(fc, { factors: { min: 1, max: 3 }, itemsPerFactor: { min: 3, max: 5 }, loadings: { min: 0.4, max: 0.85 }, crossLoadings: 0 });
    fc.assert(
      fc.property(models, fc.integer(), (m, seed) => {
        const k = m.loadings[0]!.length;
        const estimate = (n: number, s: string) => {
          const sim = simulate.factorModel({ loadings: m.loadings, phi: m.phi, n, seed: s });
          return aligned(efa(sim.data, { columns: sim.items, factors: k, extraction: 'ml' }).loadings, m.loadings);
        };
        expect(maxAbsDiff(aligned(efa({ correlation: populationOf(m), n: 1000 }, { factors: k, extraction: 'ml' }).loadings, m.loadings), m.loadings)).toBeLessThan(1e-3);
        const reps = Array.from({ length: 24 }, (_, r) => estimate(500, `${seed}/se/${r}`));
        const sd = m.loadings.map((row, i) =>
          row.map((_, j) => {
            const v = reps.map((rep) => rep[i]![j]!);
            const mean = v.reduce((a, b) => a + b, 0) / v.length;
            return Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
          }),
        );
        for (const n of NS) {
          const est = estimate(n, `${seed}/${n}`);
          const scale = Math.sqrt(500 / n);
          m.loadings.forEach((row, i) =>
            row.forEach((truth, j) => {
              const se = Math.max(sd[i]![j]! * scale, 1e-4);
              // n = 200 is below the replications' n, where the asymptotic scaling understates the SE.
              if (n >= 1_000) expect(Math.abs(est[i]![j]! - truth), `n = ${n}, λ[${i}][${j}] = ${truth}, SE = ${se}`).toBeLessThanOrEqual(5 * se);
              if (n >= 1_000) errors.record(n, Math.abs(est[i]![j]! - truth), se);
            }),
          );
          errors.record(n, maxAbsDiff(est, m.loadings));
        }
      }),
      { numRuns: numRuns(6), seed: SEED },
    );
    errors.expectShrinking('loadings');
    report['loadings'] = errors.summary();
  });

  it('model-4 indirect effects a·b → the population a·b (SE: second-order delta method from the reported SEs of a and b)', () => {
    // Parallel mediation with 1–3 mediators and 0–2 covariates (which may confound X), paths up to
    // .6, a quarter of them exactly 0. PROCESS's OLS paths are unbiased given the covariates, and
    // var(âb̂) = a²se_b² + b²se_a² + se_a²se_b² (Aroian) — evaluated at the estimates, so it stays
    // positive when a = b = 0. The direct effect c′ is checked against its own reported SE.
    const errors = tracker();
    fc.assert(
      fc.property(arbitraries.mediationModel(fc, { models: [4], mediators: { min: 1, max: 3 }, covariates: { min: 0, max: 2 } }), fc.integer(), (options, seed) => {
        for (const n of NS) {
          const sim = simulate.mediation({ ...options, n, seed: `${seed}/${n}` });
          const { x, mediators, y, covariates } = sim.variables;
          const fit = processModel(sim.data, { model: 4, x, m: mediators, y, covariates, resamples: 0 });
          const coefficient = (outcome: string, term: string) => fit.equations.find((e) => e.outcome === outcome)!.coefficients.find((c) => c.term === term)!;
          mediators.forEach((med, i) => {
            const a = coefficient(med, x);
            const b = coefficient(y, med);
            const se = Math.sqrt(a.estimate ** 2 * b.se ** 2 + b.estimate ** 2 * a.se ** 2 + a.se ** 2 * b.se ** 2);
            const truth = sim.population.indirect[i]!.effect;
            const effect = fit.indirectEffects![i]!.estimate;
            expect(effect).toBe(a.estimate * b.estimate);
            const error = Math.abs(effect - truth);
            expect(error, `n = ${n}, ${med}: ab̂ = ${effect}, ab = ${truth}, SE = ${se}`).toBeLessThanOrEqual(4 * se);
            errors.record(n, error, se);
          });
          const direct = fit.directEffect!;
          expect(Math.abs(direct.estimate - sim.population.direct), `n = ${n}: c′`).toBeLessThanOrEqual(4 * direct.se!);
        }
      }),
      { numRuns: numRuns(10), seed: SEED },
    );
    errors.expectShrinking('indirect effects');
    report['indirect'] = errors.summary();
  });
});

/** Population correlation matrix of a generated factor model. */
function populationOf(m: { loadings: number[][]; phi: number[][] }): number[][] {
  return simulate.factorModel({ loadings: m.loadings, phi: m.phi, n: 1, seed: 1 }).population.latent.correlation.map((r) => [...r]);
}

function maxAbsDiff(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  return Math.max(...a.flatMap((row, i) => row.map((v, j) => Math.abs(v - b[i]![j]!))));
}

/** `est` with its columns permuted and reflected to best match `truth` (least squares; k ≤ 3, so all k!·2ᵏ tries). */
function aligned(est: readonly (readonly number[])[], truth: readonly (readonly number[])[]): number[][] {
  const k = truth[0]!.length;
  const perms = (xs: number[]): number[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
  let best: number[][] = [];
  let bestLoss = Infinity;
  for (const perm of perms(Array.from({ length: k }, (_, j) => j))) {
    for (let signs = 0; signs < 1 << k; signs++) {
      const cand = est.map((row) => perm.map((src, j) => ((signs >> j) & 1 ? -1 : 1) * row[src]!));
      const loss = cand.reduce((s, row, i) => s + row.reduce((t, v, j) => t + (v - truth[i]![j]!) ** 2, 0), 0);
      if (loss < bestLoss) [best, bestLoss] = [cand, loss];
    }
  }
  return best;
}
