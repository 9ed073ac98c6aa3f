import { beforeAll, describe, expect, it } from 'vitest';
import type { ParallelAnalysisResult } from '../../src/factor/index.js';
import { efa, parallelAnalysis } from '../../src/factor/index.js';
import { expectAllClose } from '../helpers/close.js';
import { extra, harmanInput, holzingerItems, holzingerRows } from './helpers.js';

// psych::fa.parallel's random draws cannot be reproduced; factor-extra.json holds R's means
// over 2,000 iterations. Our means over 2,000 iterations land within Monte-Carlo error: the
// first one-factor eigenvalue is bimodal (random data often give a Heywood one-factor solution),
// so its standard error is ~0.008 per run; the others are an order of magnitude tighter.

describe('parallelAnalysis against psych::fa.parallel', () => {
  const ref = extra.parallel.holzinger_minres;
  let pa: ParallelAnalysisResult;
  beforeAll(() => {
    pa = parallelAnalysis(holzingerRows, { columns: holzingerItems, resamples: 2000, seed: 2024 });
  });

  it('observed eigenvalues are deterministic and match psych', () => {
    expectAllClose(pa.observed.components, ref.observedComponents, 1e-10, 'components');
    expectAllClose(pa.observed.factors, ref.observedFactors, 1e-4, 'factors (minres, one factor)');
  });

  it('simulated and resampled means and 95% quantiles agree within Monte-Carlo error', () => {
    expectAllClose(pa.simulated.components.mean, ref.simulatedComponentsMean, 0.01, 'simulated components mean');
    expectAllClose(pa.simulated.factors.mean.slice(1), ref.simulatedFactorsMean.slice(1), 0.01, 'simulated factors mean');
    expectAllClose(pa.simulated.factors.mean.slice(0, 1), ref.simulatedFactorsMean.slice(0, 1), 0.035, 'simulated first factor mean');
    expectAllClose(pa.simulated.components.quantile, ref.simulatedComponentsQuantile, 0.02, 'simulated components quantile');
    expectAllClose(pa.resampled!.components.mean, ref.resampledComponentsMean, 0.01, 'resampled components mean');
    expectAllClose(pa.resampled!.factors.mean.slice(1), ref.resampledFactorsMean.slice(1), 0.01, 'resampled factors mean');
  });

  it('suggests the same numbers as psych (3 factors, 3 components) for every seed tried', () => {
    expect(ref.suggestedFactors).toBe(3);
    for (const seed of [1, 2, 3]) {
      const p = parallelAnalysis(holzingerRows, { columns: holzingerItems, seed });
      expect([p.suggestedFactors, p.suggestedComponents]).toEqual([ref.suggestedFactors, ref.suggestedComponents]);
      expect(p.resamples).toBe(20);
    }
  });

  it('correlation-matrix input simulates only (harman74, n = 145) and suggests psych’s 4 factors, 3 components', () => {
    const r = extra.parallel.harman74_minres;
    const p = parallelAnalysis({ correlation: harmanInput.correlation, n: 145 }, { resamples: 500, seed: 7 });
    expect(p.resampled).toBeNull();
    expectAllClose(p.observed.components, r.observedComponents, 1e-10, 'components');
    expectAllClose(p.simulated.components.mean, r.simulatedComponentsMean, 0.01, 'simulated components mean');
    expectAllClose(p.simulated.factors.mean, r.simulatedFactorsMean, 0.02, 'simulated factors mean');
    expect([p.suggestedFactors, p.suggestedComponents]).toEqual([r.suggestedFactors, r.suggestedComponents]);
  });

  it('pa extraction: observed factor eigenvalues exact, simulated means close', () => {
    const r = extra.parallel.holzinger_pa;
    const p = parallelAnalysis(holzingerRows, { columns: holzingerItems, resamples: 500, seed: 3, extraction: 'pa' });
    expectAllClose(p.observed.factors, r.observedFactors, 1e-10, 'observed factors');
    expectAllClose(p.simulated.factors.mean.slice(1), r.simulatedFactorsMean.slice(1), 0.01, 'simulated factors mean');
  });

  it('is reproducible for a seed and reports the seed it used', () => {
    const a = parallelAnalysis(holzingerRows, { columns: holzingerItems, seed: 'abc' });
    const b = parallelAnalysis(holzingerRows, { columns: holzingerItems, seed: 'abc' });
    expect(a).toEqual(b);
    const c = parallelAnalysis(holzingerRows, { columns: holzingerItems, resamples: 5 });
    expect(typeof c.seed).toBe('number');
    expect(parallelAnalysis(holzingerRows, { columns: holzingerItems, resamples: 5, seed: c.seed })).toEqual(c);
  });

  it('drives efa({ factors: "parallel" }) and efa({ factors: "kaiser" })', () => {
    const viaParallel = efa(holzingerRows, { columns: holzingerItems, factors: 'parallel', seed: 1, extraction: 'pa' });
    expect(viaParallel.factors).toBe(3);
    expect(viaParallel.retention.rule).toBe('parallel');
    expect(viaParallel.retention.parallel!.suggestedFactors).toBe(3);
    const viaKaiser = efa(holzingerRows, { columns: holzingerItems, factors: 'kaiser' });
    // eigenvalues of R: 3.22, 1.64, 1.37, 0.70, … → 3 above 1
    expect(viaKaiser.factors).toBe(3);
    expect(viaKaiser.retention.rule).toBe('kaiser');
  });
});
