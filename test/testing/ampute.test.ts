// simulate.ampute: MCAR, MAR and MNAR by their defining properties, checked against the truth it
// reports, and Little's MCAR test telling them apart.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { missingness } from '../../src/index.js';
import { coverageBand, simulate } from '../../src/testing/index.js';
import { errorOf } from '../helpers/errors.js';

const names = ['x1', 'x2', 'x3', 'z'];
const full = simulate.congeneric({ loadings: [0.8, 0.7, 0.6, 0.8], n: 20000, seed: 11, names, shape: 'columns' });
const column = (name: string) => (full.data as Record<string, number[]>)[name] as number[];

/** Pearson r and its t on n − 2 df. */
function correlation(x: readonly number[], y: readonly number[]): { r: number; t: number } {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  const r = sxy / Math.sqrt(sxx * syy);
  return { r, t: (r * Math.sqrt(n - 2)) / Math.sqrt(1 - r * r) };
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
function standardized(x: readonly number[]): number[] {
  const n = x.length;
  const m = x.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
  return x.map((v) => (v - m) / sd);
}

describe('simulate.ampute', () => {
  it('MCAR: the share missing is the proportion (binomial band) and unrelated to anything', () => {
    const a = simulate.ampute(full.data, { columns: ['x1'], mechanism: 'MCAR', proportion: 0.2, seed: 1 });
    const m = a.missing[0]!.map(Number);
    expect(coverageBand(a.models[0]!.nMissing, 20000, { nominal: 0.2, confidence: 0.999 }).consistent).toBe(true);
    expect(Math.abs(correlation(m, column('x1')).t)).toBeLessThan(4);
    expect(Math.abs(correlation(m, column('z')).t)).toBeLessThan(4);
  });
  it('MAR: missingness depends on the covariate, and not on the value once the covariate is accounted for', () => {
    const a = simulate.ampute(full.data, { columns: ['x1'], mechanism: 'MAR', by: 'z', proportion: 0.3, seed: 2 });
    const model = a.models[0]!;
    expect(model.predictor).toBe('z');
    const m = a.missing[0]!.map(Number);
    const z = standardized(column('z'));
    expect(correlation(m, column('z')).t).toBeGreaterThan(20);
    // the residual of the true model P(miss | z) is unrelated to x1 (it is related to z only through the model)
    const residual = m.map((v, i) => v - sigmoid(model.intercept + model.slope * z[i]!));
    expect(Math.abs(correlation(residual, column('x1')).t)).toBeLessThan(4);
    expect(a.models[0]!.nMissing / 20000).toBeCloseTo(0.3, 1);
  });
  it('MNAR: missingness depends on the value itself, and not on the covariate once the value is accounted for', () => {
    const a = simulate.ampute(full.data, { columns: ['x1'], mechanism: 'MNAR', proportion: 0.3, seed: 3 });
    const model = a.models[0]!;
    expect(model.predictor).toBe('x1');
    const m = a.missing[0]!.map(Number);
    const x = standardized(column('x1'));
    expect(correlation(m, column('x1')).t).toBeGreaterThan(20);
    const residual = m.map((v, i) => v - sigmoid(model.intercept + model.slope * x[i]!));
    expect(Math.abs(correlation(residual, column('z')).t)).toBeLessThan(4);
  });
  it("Little's MCAR test keeps MCAR data and rejects MAR data", () => {
    const small = simulate.congeneric({ loadings: [0.8, 0.7, 0.6, 0.8], n: 2000, seed: 5, names, shape: 'columns' });
    const mcar = simulate.ampute(small.data, { columns: ['x1', 'x2'], mechanism: 'MCAR', proportion: 0.15, seed: 6 });
    const mar = simulate.ampute(small.data, { columns: ['x1', 'x2'], mechanism: 'MAR', by: 'z', proportion: 0.15, seed: 6 });
    expect(missingness(mcar.data).mcar!.p).toBeGreaterThan(0.001);
    expect(missingness(mar.data).mcar!.p).toBeLessThan(1e-6);
  });
  it('properties: input never mutated, outputs null exactly where `missing` says, reproducible by seed', () => {
    fc.assert(
      fc.property(fc.constantFrom<'MCAR' | 'MAR' | 'MNAR'>('MCAR', 'MAR', 'MNAR'), fc.double({ min: 0.05, max: 0.6, noNaN: true }), fc.integer(), (mechanism, proportion, seed) => {
        const rows = simulate.congeneric({ loadings: [0.7, 0.6, 0.5], n: 60, seed: 1, names: ['a', 'b', 'c'] }).data;
        const before = JSON.stringify(rows);
        const options = { columns: ['a', 'b'], mechanism, proportion, seed, ...(mechanism === 'MAR' ? { by: 'c' } : {}) } as const;
        const a = simulate.ampute(rows, options);
        expect(JSON.stringify(rows)).toBe(before);
        (['a', 'b'] as const).forEach((name, c) => a.data.forEach((row, i) => expect(row[name] === null).toBe(a.missing[c]![i])));
        a.data.forEach((row) => expect(row['c']).not.toBeNull());
        expect(JSON.stringify(simulate.ampute(rows, options))).toBe(JSON.stringify(a));
      }),
      { numRuns: 60 },
    );
  });
  it('refuses bad input by name', () => {
    const rows = full.data;
    expect(errorOf(() => simulate.ampute(rows, { columns: ['x1'], mechanism: 'MAR', proportion: 0.2, seed: 1 })).details).toMatchObject({ option: 'by' });
    expect(errorOf(() => simulate.ampute(rows, { columns: ['x1'], mechanism: 'MAR', by: 'x1', proportion: 0.2, seed: 1 })).details).toMatchObject({ option: 'by' });
    expect(errorOf(() => simulate.ampute(rows, { columns: ['x1'], mechanism: 'MNAR', by: 'z', proportion: 0.2, seed: 1 })).details).toMatchObject({ option: 'by' });
    expect(errorOf(() => simulate.ampute(rows, { columns: ['x1'], mechanism: 'MCAR', proportion: 1, seed: 1 })).details).toMatchObject({ option: 'proportion' });
    expect(errorOf(() => simulate.ampute(rows, { columns: ['nope'], mechanism: 'MCAR', proportion: 0.1, seed: 1 })).code).toBe('MISSING_COLUMN');
    expect(errorOf(() => simulate.ampute(rows, { columns: ['x1'], mechanism: 'MNR' as never, proportion: 0.1, seed: 1 })).details).toMatchObject({ option: 'mechanism' });
    expect(errorOf(() => simulate.ampute(rows, { columns: ['x1'], mechanism: 'MCAR', proportion: 0.1 } as never)).details).toMatchObject({ option: 'seed' });
  });
});
