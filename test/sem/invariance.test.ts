// invariance() against lavaan 0.6.14's lavTestLRT(configural, metric, scalar) on the
// Holzinger–Swineford data by school (test/fixtures/cfa.json, `invariance.hs_school`), and the
// invariants of nested multiple-group models.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cfa, invariance } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { expectClose, expectRelClose } from '../helpers/close.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';

interface LrtRow {
  model: string;
  Df: number;
  AIC: number;
  BIC: number;
  Chisq: number;
  'Chisq.diff': number | null;
  RMSEA: number | null;
  'Df.diff': number | null;
  'Pr.Chisq': number | null;
}
const reference = loadJson<{ invariance: { hs_school: { rows: LrtRow[] } }; cases: Record<string, { fit: Record<string, number> }> }>('cfa.json');
const hs = loadCsv('holzinger-swineford-1939.csv');
const model = 'visual  =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed   =~ x7 + x8 + x9';

describe('invariance (lavTestLRT on Holzinger–Swineford by school)', () => {
  const mi = invariance(hs, { model, group: 'school' });
  it('fits configural, metric and scalar and reproduces the χ²-difference table', () => {
    expect(mi.models.map((m) => m.step)).toEqual(['configural', 'metric', 'scalar']);
    expect(mi.groups).toEqual(['Pasteur', 'Grant-White']);
    const rows = reference.invariance.hs_school.rows;
    rows.forEach((r, i) => {
      const m = mi.models[i]!;
      expect(m.result.fit.df).toBe(r.Df);
      expectRelClose(m.result.fit.chiSquare, r.Chisq, 1e-3, `${r.model}: χ²`);
      expectRelClose(m.result.fit.aic!, r.AIC, 1e-6, `${r.model}: AIC`);
      expectRelClose(m.result.fit.bic!, r.BIC, 1e-6, `${r.model}: BIC`);
      if (r['Chisq.diff'] === null) {
        expect(m.test).toBeNull();
        return;
      }
      expectRelClose(m.test!.chiSquare, r['Chisq.diff'], 1e-3, `${r.model}: Δχ²`);
      expect(m.test!.df).toBe(r['Df.diff']);
      expectClose(m.test!.p, r['Pr.Chisq']!, 1e-4, `${r.model}: p`);
      expectClose(m.test!.rmsea!, r.RMSEA!, 1e-4, `${r.model}: RMSEA_D`);
    });
  });
  it('reports ΔCFI and ΔRMSEA as the differences of the steps’ indices', () => {
    const cases = reference.cases;
    expectClose(mi.models[1]!.deltaCfi!, cases['hs_school_metric']!.fit['cfi']! - cases['hs_school_configural']!.fit['cfi']!, 1e-4, 'ΔCFI metric');
    expectClose(mi.models[2]!.deltaRmsea!, cases['hs_school_scalar']!.fit['rmsea']! - cases['hs_school_metric']!.fit['rmsea']!, 1e-4, 'ΔRMSEA scalar');
  });
});

describe('invariance against sem-groups.R (lavTestLRT under MLR, and with strict)', () => {
  const more = loadJson<{ invariance: Record<'mlr' | 'strict', { rows: (LrtRow & { diffScalingFactor?: number })[] }> }>('sem-groups.json').invariance;
  it('MLR: Satorra–Bentler 2001 scaled differences, no RMSEA_D (as lavaan 0.6.14)', () => {
    const mi = invariance(hs, { model, group: 'school', estimator: 'MLR' });
    more.mlr.rows.forEach((r, i) => {
      const m = mi.models[i]!;
      expect(m.result.fit.df).toBe(r.Df);
      expectRelClose(m.result.fit.chiSquare, r.Chisq, 1e-3, `${r.model}: χ²`);
      if (r['Chisq.diff'] === null) return;
      expectRelClose(m.test!.chiSquare, r['Chisq.diff'], 1e-3, `${r.model}: scaled Δχ²`);
      expectClose(m.test!.p, r['Pr.Chisq']!, 1e-4, `${r.model}: p`);
      expectRelClose(m.test!.scalingFactor!, r.diffScalingFactor!, 1e-3, `${r.model}: c_d`);
      expect(m.test!.rmsea).toBeNull();
    });
  });
  it('strict: equal residual variances on top of scalar', () => {
    const mi = invariance(hs, { model, group: 'school', steps: ['configural', 'metric', 'scalar', 'strict'] });
    more.strict.rows.forEach((r, i) => {
      const m = mi.models[i]!;
      expect(m.result.fit.df).toBe(r.Df);
      expectRelClose(m.result.fit.aic!, r.AIC, 1e-6, `${r.model}: AIC`);
      if (r['Chisq.diff'] === null) return;
      expectRelClose(m.test!.chiSquare, r['Chisq.diff'], 1e-3, `${r.model}: Δχ²`);
      expectClose(m.test!.p, r['Pr.Chisq']!, 1e-4, `${r.model}: p`);
      expectClose(m.test!.rmsea!, r.RMSEA!, 1e-4, `${r.model}: RMSEA_D`);
    });
  });
});

describe('invariants of nested multiple-group models', () => {
  const mi = invariance(hs, { model, group: 'school', steps: ['configural', 'metric', 'scalar', 'strict'] });
  it('each added constraint never improves fit (χ² rises, df rises)', () => {
    for (let i = 1; i < mi.models.length; i++) {
      expect(mi.models[i]!.result.fit.chiSquare).toBeGreaterThanOrEqual(mi.models[i - 1]!.result.fit.chiSquare - 1e-8);
      expect(mi.models[i]!.result.fit.df).toBeGreaterThan(mi.models[i - 1]!.result.fit.df);
      expect(mi.models[i]!.test!.chiSquare).toBeGreaterThanOrEqual(0);
    }
    expect(mi.models[3]!.groupEqual).toEqual(['loadings', 'intercepts', 'residuals']);
  });
  it('the configural fit is the sum of the separate groups’ fits', () => {
    const configural = mi.models[0]!.result;
    const separate = mi.groups.map((g) => cfa(hs.filter((r) => r['school'] === g), { model, meanStructure: true }));
    expectRelClose(configural.fit.chiSquare, separate[0]!.fit.chiSquare + separate[1]!.fit.chiSquare, 1e-8, 'χ²');
    expect(configural.fit.df).toBe(separate[0]!.fit.df + separate[1]!.fit.df);
    expectRelClose(configural.fit.logLikelihood!, separate[0]!.fit.logLikelihood! + separate[1]!.fit.logLikelihood!, 1e-10, 'log L');
    for (const [g, label] of mi.groups.entries()) {
      for (const r of separate[g]!.parameters) {
        const mine = configural.parameters.find((x) => x.group === label && x.lhs === r.lhs && x.op === r.op && x.rhs === r.rhs)!;
        expectClose(mine.estimate, r.estimate, 1e-6, `${label}: ${r.lhs} ${r.op} ${r.rhs}`);
      }
    }
  });
  it('equal parameters are equal in every group, and groupPartial releases one', () => {
    const metric = mi.models[1]!.result;
    const loading = (g: string, x: string) => metric.parameters.find((r) => r.group === g && r.op === '=~' && r.rhs === x)!.estimate;
    expect(loading('Pasteur', 'x2')).toBe(loading('Grant-White', 'x2'));
    const partial = cfa(hs, { model, group: 'school', groupEqual: ['loadings'], groupPartial: ['visual =~ x2'] });
    const l = (g: string, x: string) => partial.parameters.find((r) => r.group === g && r.op === '=~' && r.rhs === x)!.estimate;
    expect(l('Pasteur', 'x2')).not.toBe(l('Grant-White', 'x2'));
    expect(l('Pasteur', 'x3')).toBe(l('Grant-White', 'x3'));
    expect(partial.fit.df).toBe(metric.fit.df - 1);
  });
  it('under MLR the differences are Satorra–Bentler scaled', () => {
    const robust = invariance(hs, { model, group: 'school', estimator: 'MLR' });
    for (const m of robust.models.slice(1)) {
      expect(m.test!.scalingFactor).toBeGreaterThan(0);
      const before = robust.models[robust.models.indexOf(m) - 1]!.result.fit;
      const d0 = m.result.fit.df;
      const d1 = before.df;
      const cd = (d0 * m.result.fit.scaled!.scalingFactor - d1 * before.scaled!.scalingFactor) / (d0 - d1);
      expectRelClose(m.test!.chiSquare, (m.result.fit.chiSquare - before.chiSquare) / cd, 1e-9, 'SB2001');
    }
  });
});

describe('invariance: properties on simulated groups', () => {
  it('χ² never falls as constraints are added; configural = the groups fitted apart; the group labels in order of appearance', () => {
    const loadings = [[0.8], [0.7], [0.6], [0.7]];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 150, max: 400 }), fc.integer({ min: 150, max: 400 }), (seed, n1, n2) => {
        const a = simulate.cfa({ loadings, n: n1, seed }).data.map((r) => ({ ...r, g: 'a' }));
        const b = simulate.cfa({ loadings, n: n2, seed: seed + 1 }).data.map((r) => ({ ...r, g: 'b' }));
        const rows = [...a, ...b];
        const m = 'f =~ item1 + item2 + item3 + item4';
        const mi = invariance(rows, { model: m, group: 'g', steps: ['configural', 'metric', 'scalar', 'strict'] });
        for (let i = 1; i < mi.models.length; i++) expect(mi.models[i]!.result.fit.chiSquare).toBeGreaterThanOrEqual(mi.models[i - 1]!.result.fit.chiSquare - 1e-7);
        const apart = [a, b].map((d) => cfa(d, { model: m, meanStructure: true }).fit.chiSquare);
        expectRelClose(mi.models[0]!.result.fit.chiSquare, apart[0]! + apart[1]!, 1e-7, 'configural χ²');
        expect(mi.groups).toEqual(['a', 'b']);
      }),
      { numRuns: 12 },
    );
  });
});

describe('invariance and group options: bad input', () => {
  const code = (f: () => unknown): string => errorOf(f).code;
  it('refuses unknown steps, steps out of order, a missing group and group options without group', () => {
    expect(code(() => invariance(hs, { model, group: 'school', steps: ['metric', 'configural'] }))).toBe('INVALID_OPTION');
    expect(code(() => invariance(hs, { model, group: 'school', steps: ['configural', 'weak' as never] }))).toBe('INVALID_OPTION');
    expect(code(() => invariance(hs, { model, group: 'nope' }))).toBe('MISSING_COLUMN');
    expect(code(() => invariance(hs, { model, group: 'school', groupEqual: ['loadings'] } as never))).toBe('INVALID_OPTION');
    expect(code(() => cfa(hs, { model, groupEqual: ['loadings'] }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(hs, { model, group: 'school', groupEqual: ['loading' as never] }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(hs, { model, group: 'school', groupPartial: ['visual =~ x99'] }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(hs, { model, group: 'school', groupLabels: ['Pasteur', 'Grant-White', 'Nowhere'] }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(hs, { model, group: 'school', groupLabels: ['Pasteur'] }))).toBe('OUT_OF_RANGE');
    expect(code(() => invariance(hs.filter((r) => r['school'] === 'Pasteur'), { model, group: 'school' }))).toBe('TOO_FEW_CASES');
  });
  it('names the group whose data cannot be fitted', () => {
    const rows = hs.map((r) => (r['school'] === 'Grant-White' ? { ...r, x1: '3' } : r));
    const e = errorOf(() => cfa(rows, { model, group: 'school' }));
    expect(e.code).toBe('ZERO_VARIANCE');
    expect(e.message).toContain('Grant-White');
  });
  it('does not mutate its input', () => {
    const copy = structuredClone(hs);
    invariance(hs, { model, group: 'school' });
    expect(hs).toEqual(copy);
  });
});
