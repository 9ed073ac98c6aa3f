// cfa/sem/invariance from moments (lavaan's sample.cov / sample.mean / sample.nobs): the result
// equals the fit of the rows that produced the moments (complete data, ML), to 1e-10.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cfa, invariance, isPsychkitError, sem, type SemResult } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv } from '../helpers/fixtures.js';
import { momentsOf } from '../helpers/moments.js';

const hs = loadCsv('holzinger-swineford-1939.csv');
const model = 'visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9';
const items = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9'];


function expectSameFit(a: SemResult, b: SemResult, tolerance = 1e-10): void {
  expect(a.parameters.length).toBe(b.parameters.length);
  a.parameters.forEach((r, i) => {
    const s = b.parameters[i]!;
    expect([s.group, s.lhs, s.op, s.rhs]).toEqual([r.group, r.lhs, r.op, r.rhs]);
    // Relative to the size of the number (a Heywood case can have SEs in the tens).
    expect(Math.abs(r.estimate - s.estimate) / Math.max(1, Math.abs(r.estimate)), `${r.lhs} ${r.op} ${r.rhs} estimate`).toBeLessThan(tolerance);
    if (r.se !== null) expect(Math.abs(r.se - s.se!) / Math.max(1, r.se), `${r.lhs} ${r.op} ${r.rhs} se`).toBeLessThan(tolerance);
    if (r.stdAll !== null) expect(Math.abs(r.stdAll - s.stdAll!)).toBeLessThan(tolerance);
  });
  for (const key of ['chiSquare', 'df', 'cfi', 'tli', 'srmr', 'logLikelihood', 'aic', 'bic'] as const) {
    expect(Math.abs(a.fit[key]! - b.fit[key]!) / Math.max(1, Math.abs(a.fit[key]!)), key).toBeLessThan(tolerance);
  }
  expect(Math.abs(a.fit.rmsea.estimate - b.fit.rmsea.estimate)).toBeLessThan(tolerance);
  a.modificationIndices.slice(0, 5).forEach((m, i) => expect(Math.abs(m.mi - b.modificationIndices[i]!.mi) / Math.max(1, m.mi), `MI ${m.lhs} ${m.op} ${m.rhs}`).toBeLessThan(1e-6));
  a.reliability.forEach((r, i) => expect(Math.abs(r.omega - b.reliability[i]!.omega)).toBeLessThan(tolerance));
  expect(b.n).toBe(a.n);
}

describe('cfa/sem from moments equal the fit of the rows', () => {
  it('one group, with and without means', () => {
    const m = momentsOf(hs, items);
    expectSameFit(cfa(hs, { model }), cfa(m, { model }));
    const { means: _, ...noMeans } = m;
    expectSameFit(cfa(hs, { model }), cfa(noMeans, { model }));
    expectSameFit(cfa(hs, { model, meanStructure: true }), cfa(m, { model, meanStructure: true }));
    // Columns in another order, and extra columns, are fine: the model picks its variables.
    const wider = momentsOf(hs, ['ageyr', ...items].reverse());
    expectSameFit(cfa(hs, { model, stdLv: true }), cfa(wider, { model, stdLv: true }));
  });
  it('a structural model with an exogenous covariate (fixed.x from the moments)', () => {
    const m2 = 'visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\ntextual ~ a*visual + ageyr\nhalf := a/2';
    const rows = hs.filter((r) => r['ageyr'] !== '');
    expectSameFit(sem(rows, { model: m2 }), sem(momentsOf(rows, [...items.slice(0, 6), 'ageyr']), { model: m2 }));
  });
  it('several groups, and invariance from grouped moments', () => {
    const labels = ['Pasteur', 'Grant-White'];
    const grouped = { groups: labels.map((label) => ({ label, ...momentsOf(hs.filter((r) => r['school'] === label), items) })) };
    expectSameFit(cfa(hs, { model, group: 'school', groupEqual: ['loadings', 'intercepts'] }), cfa(grouped, { model, groupEqual: ['loadings', 'intercepts'] }));
    const fromRows = invariance(hs, { model, group: 'school' });
    const fromMoments = invariance(grouped, { model });
    fromRows.models.forEach((m, i) => expect(Math.abs(m.test?.chiSquare ?? 0) - Math.abs(fromMoments.models[i]!.test?.chiSquare ?? 0)).toBeLessThan(1e-8));
    expect(fromMoments.groups).toEqual(labels);
    expect(fromMoments.group).toBeNull();
  });
  it('property: simulated data, any seed and size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 60, max: 500 }), (seed, n) => {
        const sim = simulate.cfa({ loadings: [[0.8, 0], [0.7, 0], [0.6, 0.1], [0, 0.7], [0, 0.6], [0.1, 0.5]], n, seed });
        const m = 'f1 =~ item1 + item2 + item3\nf2 =~ item4 + item5 + item6';
        const attempt = (f: () => SemResult): SemResult | string => {
          try {
            return f();
          } catch (e) {
            if (isPsychkitError(e)) return e.code;
            throw e;
          }
        };
        const fromRows = attempt(() => cfa(sim.data, { model: m }));
        const fromMoments = attempt(() => cfa(momentsOf(sim.data, sim.items), { model: m }));
        // A borderline-identified sample (a Heywood case at small n) may fall either side of the
        // singularity test by rounding; otherwise both paths fail alike or agree.
        if (typeof fromRows === 'string' || typeof fromMoments === 'string') {
          if (fromRows !== fromMoments) expect(['NOT_IDENTIFIED', 'NOT_CONVERGED']).toContain(typeof fromRows === 'string' ? fromRows : fromMoments);
          return;
        }
        expect(fromMoments.converged).toBe(fromRows.converged);
        // A search that stops at the iteration limit (a small sample running to a Heywood case) stops anywhere.
        if (fromRows.converged) expectSameFit(fromRows, fromMoments, 1e-9);
      }),
      { numRuns: 40 },
    );
  });
});

describe('cfa from moments: bad input', () => {
  const code = (f: () => unknown): string => errorOf(f).code;
  const m = momentsOf(hs, items);
  it('refuses what needs rows, and names what is missing', () => {
    expect(code(() => cfa(m, { model, estimator: 'MLR' }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(m, { model, missing: 'fiml' }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(m, { model, resamples: 1000 }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(m, { model, group: 'school' }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(m, { model, groupEqual: ['loadings'] }))).toBe('INVALID_OPTION');
    const { means: _, ...noMeans } = m;
    expect(code(() => cfa(noMeans, { model, meanStructure: true }))).toBe('INVALID_INPUT');
    expect(code(() => cfa({ ...m, columns: m.columns.map((c) => c.toUpperCase()) }, { model }))).toBe('MISSING_COLUMN');
    expect(code(() => cfa({ groups: [{ ...m, label: 'a' }, { ...m, label: 'a' }] }, { model }))).toBe('DUPLICATE_NAME');
    expect(code(() => cfa({ groups: [{ ...m, label: 'a' }, { ...m }] } as never, { model }))).toBe('INVALID_INPUT');
    expect(code(() => cfa({ ...m, n: 1 }, { model }))).toBe('TOO_FEW_CASES');
    expect(code(() => invariance(m, { model }))).toBe('INVALID_OPTION');
  });
  it('does not mutate the moments', () => {
    const copy = structuredClone(m);
    cfa(m, { model });
    expect(m).toEqual(copy);
  });
});
