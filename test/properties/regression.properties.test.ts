// Properties of OLS and hierarchical regression on data simulated from generated path models.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fSurvival, hierarchicalRegression, ols } from '../../src/index.js';
import { arbitraries, simulate } from '../../src/testing/index.js';
import { expectClose } from '../helpers/close.js';
import { numRuns } from '../helpers/runs.js';

/** A data set with an outcome and 2–6 predictors: x, the mediators and the covariates of a generated model. */
const dataArb = arbitraries.mediationModel(fc, { models: [4], mediators: { min: 1, max: 3 }, covariates: { min: 0, max: 2 }, n: { min: 15, max: 150 } }).map((options) => {
  const sim = simulate.mediation(options);
  const { x, mediators, y, covariates } = sim.variables;
  return { rows: sim.data as readonly Record<string, number>[], y, predictors: [x, ...mediators, ...covariates] };
});

describe('ols', () => {
  it('residuals are orthogonal to the intercept and every predictor; R² = 1 − SSE/SST; MSE = SSE/df', () => {
    fc.assert(
      fc.property(dataArb, ({ rows, y, predictors }) => {
        const fit = ols(rows, { y, x: predictors });
        const b = fit.coefficients.map((c) => c.estimate);
        expect(fit.terms).toEqual(['constant', ...predictors]);
        const e = rows.map((r) => r[y]! - b[0]! - predictors.reduce((s, name, j) => s + b[j + 1]! * r[name]!, 0));
        const norm = (v: readonly number[]) => Math.sqrt(v.reduce((s, u) => s + u * u, 0));
        const eNorm = norm(e);
        // Xᵀe = 0 (the normal equations), relative to the sizes of the vectors involved.
        expect(Math.abs(e.reduce((s, v) => s + v, 0))).toBeLessThanOrEqual(1e-9 * Math.sqrt(rows.length) * eNorm);
        for (const name of predictors) {
          const col = rows.map((r) => r[name]!);
          expect(Math.abs(col.reduce((s, v, i) => s + v * e[i]!, 0))).toBeLessThanOrEqual(1e-9 * norm(col) * eNorm);
        }
        const yMean = rows.reduce((s, r) => s + r[y]!, 0) / rows.length;
        const sse = eNorm ** 2;
        const sst = rows.reduce((s, r) => s + (r[y]! - yMean) ** 2, 0);
        expectClose(fit.summary.rSquared, 1 - sse / sst, 1e-10, 'R²');
        expectClose(fit.summary.mse, sse / fit.summary.df2, 1e-10 * fit.summary.mse, 'MSE');
        expect(fit.summary.df2).toBe(rows.length - predictors.length - 1);
      }),
      { numRuns: numRuns(60) },
    );
  });
});

describe('hierarchicalRegression', () => {
  /** The predictors split into 1–3 ordered, non-empty blocks. */
  const stepsArb = dataArb.chain((d) =>
    fc
      .array(fc.integer({ min: 0, max: 2 }), { minLength: d.predictors.length, maxLength: d.predictors.length })
      .map((block) => [0, 1, 2].map((s) => d.predictors.filter((_, j) => block[j] === s)).filter((b) => b.length > 0))
      .map((steps) => ({ ...d, steps })),
  );
  it('R² never decreases; ΔR², F change and p follow from the steps; the last step is the full OLS model', () => {
    fc.assert(
      fc.property(stepsArb, ({ rows, y, predictors, steps }) => {
        const h = hierarchicalRegression(rows, { y, steps });
        expect(h.steps).toHaveLength(steps.length);
        let previous = 0;
        let k = 0;
        h.steps.forEach((s, i) => {
          k += steps[i]!.length;
          expect(s.added).toEqual(steps[i]);
          expect(s.rSquared).toBeGreaterThanOrEqual(previous - 1e-12);
          expectClose(s.rSquaredChange, s.rSquared - previous, 1e-12, 'ΔR²');
          expect([s.df1, s.df2]).toEqual([steps[i]!.length, rows.length - k - 1]);
          const f = (s.rSquaredChange / s.df1) / ((1 - s.rSquared) / s.df2);
          expectClose(s.statistic, f, 1e-8 * Math.max(1, f), 'F change');
          expectClose(s.p, fSurvival(f, s.df1, s.df2), 1e-9, 'p');
          previous = s.rSquared;
        });
        const full = ols(rows, { y, x: steps.flat() });
        const last = h.steps[h.steps.length - 1]!;
        expectClose(last.rSquared, full.summary.rSquared, 1e-12, 'R² of the full model');
        full.coefficients.forEach((c, j) => expectClose(last.coefficients[j]!.estimate, c.estimate, 1e-9 * Math.max(1, Math.abs(c.estimate)), c.term));
        expect(new Set(steps.flat())).toEqual(new Set(predictors));
      }),
      { numRuns: numRuns(50) },
    );
  });
});
