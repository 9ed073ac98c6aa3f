// The worked example of docs/testing.md, verbatim except for the import path: if this fails, the
// docs are wrong. (Keep the two in sync.)
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arbitraries, simulate } from '../../src/testing/index.js';
import { alphaStandardError } from './moments.js';

const toNumber = (v: unknown) =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') ? NaN : Number(v);

/** The estimator under test: α on complete cases. */
function myAlpha(rows: readonly Record<string, unknown>[], items: readonly string[]): number {
  const data = rows.map((r) => items.map((i) => toNumber(r[i]))).filter((r) => r.every(Number.isFinite));
  const n = data.length;
  const k = items.length;
  if (n < 2 || k < 2) throw new Error('need 2 rows and 2 items');
  const mean = items.map((_, j) => data.reduce((s, r) => s + r[j]!, 0) / n);
  const cov = (a: number, b: number) => data.reduce((s, r) => s + (r[a]! - mean[a]!) * (r[b]! - mean[b]!), 0) / (n - 1);
  let total = 0;
  let trace = 0;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) { const c = cov(a, b); total += c; if (a === b) trace += c; }
  return (k / (k - 1)) * (1 - trace / total);
}

describe('myAlpha', () => {
  // 1. Consistency: the error shrinks like 1/√n. For these loadings √n·SE(α) ≈ 0.42 (normal
  //    theory, van Zyl et al. 2000), so 2/√n is almost five standard errors at every n.
  it('converges to the population α', () => {
    for (const n of [200, 2_000, 20_000]) {
      const sim = simulate.congeneric({ loadings: [0.8, 0.7, 0.6, 0.5, 0.4], n, seed: n });
      expect(Math.abs(myAlpha(sim.data, sim.items) - sim.population.observed.alpha)).toBeLessThan(2 / Math.sqrt(n));
    }
  });

  // 2. The right target: on Likert data α estimates the α of the category scores.
  it('converges on Likert items to the observed, not the latent, α', () => {
    const sim = simulate.congeneric({ loadings: [0.8, 0.7, 0.6, 0.5], categories: 5, n: 50_000, seed: 1 });
    const estimate = myAlpha(sim.data, sim.items);
    expect(Math.abs(estimate - sim.population.observed.alpha)).toBeLessThan(0.01);
    expect(sim.population.latent.alpha - estimate).toBeGreaterThan(0.02);
  });

  // 3. Invariants over many generated data sets.
  it('never exceeds 1', () => {
    fc.assert(
      fc.property(arbitraries.likertResponses(fc, { n: { min: 5, max: 60 } }), (s) => {
        const a = myAlpha(s.rows, s.items);
        if (!Number.isNaN(a)) expect(a).toBeLessThanOrEqual(1 + 1e-12); // NaN: constant items
      }),
    );
  });

  // 4. Robustness: any encoding of the same data gives the same answer.
  it('does not care how the table is encoded', () => {
    fc.assert(
      fc.property(arbitraries.messyTable(fc, { shapes: ['rows'], values: 'likert', columns: { min: 2, max: 5 }, rows: { min: 3, max: 30 } }), (t) => {
        const clean = t.values.map((v) => Object.fromEntries(t.columns.map((c, j) => [c, v[j]])));
        const messy = t.table as Record<string, unknown>[];
        let expected: number;
        try {
          expected = myAlpha(clean, t.columns);
        } catch {
          expect(() => myAlpha(messy, t.columns)).toThrow(); // too few complete rows either way
          return;
        }
        const got = myAlpha(messy, t.columns);
        if (Number.isNaN(expected)) expect(got).toBeNaN();
        else expect(got).toBeCloseTo(expected, 12);
      }),
    );
  });
});

describe('claims the docs make about this example', () => {
  it('√n·SE(α) ≈ 0.42 for loadings 0.8 … 0.4, so 2/√n is almost five standard errors', () => {
    const sim = simulate.congeneric({ loadings: [0.8, 0.7, 0.6, 0.5, 0.4], n: 1, seed: 1 });
    const scaled = alphaStandardError(sim.population.observed.covariance, 1);
    expect(scaled).toBeGreaterThan(0.41);
    expect(scaled).toBeLessThan(0.43);
  });
  it('the messy-table property catches the first draft, which read a blank string as 0', () => {
    const draftNumber = (v: unknown) => (v === null || v === undefined || v === '' ? NaN : Number(v));
    const draft = (rows: readonly Record<string, unknown>[], items: readonly string[]) =>
      myAlpha(rows.map((r) => Object.fromEntries(items.map((i) => [i, draftNumber(r[i])]))), items);
    const result = fc.check(
      fc.property(arbitraries.messyTable(fc, { shapes: ['rows'], values: 'likert', columns: { min: 2, max: 5 }, rows: { min: 3, max: 30 } }), (t) => {
        const clean = t.values.map((v) => Object.fromEntries(t.columns.map((c, j) => [c, v[j]])));
        let expected: number;
        try {
          expected = myAlpha(clean, t.columns);
        } catch {
          return;
        }
        const got = draft(t.table as Record<string, unknown>[], t.columns);
        return Number.isNaN(expected) ? Number.isNaN(got) : Math.abs(got - expected) < 1e-12;
      }),
      { seed: 1 },
    );
    expect(result.failed).toBe(true);
    expect(JSON.stringify(result.counterexample)).toContain('"  "');
  });
});
