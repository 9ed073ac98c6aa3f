// Properties of the mediation engine (pathModel), the general bootstrap and PROCESS-style text, on
// data simulated from generated models. (process's own properties are in test/mediation.)
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bootstrap, bootstrapIndices, formatProcess, ols, pathModel, processModel, randomStream, type CoefficientReader } from '../../src/index.js';
import { arbitraries, simulate } from '../../src/testing/index.js';
import { expectClose } from '../helpers/close.js';
import { numRuns } from '../helpers/runs.js';

const model4 = arbitraries.mediationModel(fc, { models: [4], mediators: { min: 1, max: 3 }, covariates: { min: 0, max: 2 }, n: { min: 20, max: 120 } }).map((options) => {
  const sim = simulate.mediation(options);
  return { rows: sim.data as readonly Record<string, number>[], ...sim.variables };
});

describe('pathModel', () => {
  it('fits each equation as ols does, evaluates effects on those coefficients, and is the engine of process model 4', () => {
    fc.assert(
      fc.property(model4, fc.integer(), ({ rows, x, mediators, y, covariates }, seed) => {
        const equations = [...mediators.map((m) => ({ outcome: m, predictors: [x, ...covariates] })), { outcome: y, predictors: [x, ...mediators, ...covariates] }];
        const effects = Object.fromEntries(mediators.map((m) => [m, (b: CoefficientReader) => b(m, x) * b(y, m)]));
        const fit = pathModel(rows, { equations, effects, resamples: 200, allowFewResamples: true, seed });
        fit.equations.forEach((eq, e) => {
          const reference = ols(rows, { y: equations[e]!.outcome, x: equations[e]!.predictors });
          expect(eq.terms).toEqual(reference.terms);
          eq.coefficients.forEach((c, j) => {
            const r = reference.coefficients[j]!;
            expectClose(c.estimate, r.estimate, 1e-10 * Math.max(1, Math.abs(r.estimate)), `${eq.name} ${c.term} b`);
            expectClose(c.se, r.se, 1e-10 * Math.max(1, r.se), `${eq.name} ${c.term} se`);
          });
        });
        const coefficient = (outcome: string, term: string) => fit.equations.find((q) => q.outcome === outcome)!.coefficients.find((c) => c.term === term)!.estimate;
        mediators.forEach((m, i) => {
          const e = fit.effects[i]!;
          expect(e.name).toBe(m);
          expect(e.estimate).toBe(coefficient(m, x) * coefficient(y, m));
          expect(e.se!).toBeGreaterThanOrEqual(0);
          expect(e.lower!).toBeLessThanOrEqual(e.upper!);
        });
        // process model 4 is this system with these effects: same estimates, same bootstrap.
        const p = processModel(rows, { model: 4, x, m: mediators, y, covariates, resamples: 200, allowFewResamples: true, seed });
        p.indirectEffects!.forEach((e, i) => {
          const f = fit.effects[i]!;
          expect([e.estimate, e.se, e.lower, e.upper]).toEqual([f.estimate, f.se, f.lower, f.upper]);
        });
      }),
      { numRuns: numRuns(25) },
    );
  });
});

/** Type-7 quantile (R's default) of sorted values. */
function quantile7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? 0) - sorted[lo]!);
}

describe('bootstrap', () => {
  it('resample r is the statistic on the rows bootstrapIndices draws r-th from randomStream(seed); SE and percentile CI summarise them', () => {
    const data = fc.record({
      x: fc.array(fc.integer({ min: -100, max: 100 }).map((v) => v / 4), { minLength: 2, maxLength: 40 }),
      seed: fc.integer(),
      resamples: fc.integer({ min: 2, max: 150 }),
      confidence: fc.constantFrom(0.8, 0.9, 0.95, 0.99),
    });
    fc.assert(
      fc.property(data, ({ x, seed, resamples, confidence }) => {
        const n = x.length;
        const y = x.map((v, i) => v * v - i);
        // Mean of x and mean of x·y: finite in every resample, so none is redrawn.
        const statistic = ([a, b]: readonly Float64Array[], m: number) => {
          let s = 0;
          let t = 0;
          for (let i = 0; i < m; i++) {
            s += a![i]!;
            t += a![i]! * b![i]!;
          }
          return [s / m, t / m];
        };
        const r = bootstrap({ x, y }, { columns: ['x', 'y'], statistic, resamples, allowFewResamples: true, seed, confidence, interval: 'percentile', keepResamples: true });
        expect(r.bootstrap.replaced).toBe(0);
        const rng = randomStream(seed);
        const idx = new Int32Array(n);
        for (let b = 0; b < resamples; b++) {
          bootstrapIndices(rng, n, idx);
          const expected = statistic([Float64Array.from(idx, (i) => x[i]!), Float64Array.from(idx, (i) => y[i]!)], n);
          expect([r.resampled![0]![b], r.resampled![1]![b]]).toEqual(expected);
        }
        r.statistics.forEach((s, j) => {
          expect(s.estimate).toEqual(statistic([Float64Array.from(x), Float64Array.from(y)], n)[j]);
          const v = [...r.resampled![j]!];
          const mean = v.reduce((a, b) => a + b, 0) / v.length;
          expectClose(s.se, Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)), 1e-9 * Math.max(1, s.se), 'se');
          const sorted = v.sort((a, b) => a - b);
          expectClose(s.lower, quantile7(sorted, (1 - confidence) / 2), 1e-9 * Math.max(1, Math.abs(s.lower)), 'lower');
          expectClose(s.upper, quantile7(sorted, 1 - (1 - confidence) / 2), 1e-9 * Math.max(1, Math.abs(s.upper)), 'upper');
        });
      }),
      { numRuns: numRuns(60) },
    );
  });
});

describe('formatProcess', () => {
  it('prints every coefficient, SE, t, p and CI of every equation to four decimals that read back within rounding', () => {
    fc.assert(
      fc.property(model4, ({ rows, x, mediators, y, covariates }) => {
        const p = processModel(rows, { model: 4, x, m: mediators, y, covariates, resamples: 0 });
        const lines = formatProcess(p).split('\n');
        const equations = [...p.equations, p.totalEffectModel!];
        let e = 0;
        for (let i = 0; i < lines.length; i++) {
          if (!/^\s+coeff\s+se\s+t\s+p\s+LLCI\s+ULCI$/.test(lines[i]!)) continue;
          const eq = equations[e++]!;
          eq.coefficients.forEach((c, j) => {
            const cells = lines[i + 1 + j]!.trim().split(/\s+/);
            expect(cells[0]).toBe(c.term);
            const printed = cells.slice(1).map(Number);
            [c.estimate, c.se, c.statistic, c.p, c.lower, c.upper].forEach((value, k) => {
              expect(Math.abs(printed[k]! - value), `${eq.name} ${c.term} column ${k}: ${cells[k + 1]} for ${value}`).toBeLessThanOrEqual(0.5e-4 + 1e-12 * Math.abs(value));
            });
          });
          expect(lines[i + 1 + eq.coefficients.length]!.trim()).toBe(''); // no extra rows
        }
        expect(e).toBe(equations.length);
      }),
      { numRuns: numRuns(30) },
    );
  });
});
