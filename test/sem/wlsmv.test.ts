// cfa with ordered indicators (WLSMV) against lavaan 0.6.14 beyond the shared esse_wlsmv case
// (test/fixtures/ordinal-moments.json, made by ordinal-moments.R): a misfitting one-factor ESSE
// model (robust CFI/RMSEA away from their bounds), simulated three-category items with missing
// values and an empty cell, binary items. Tolerances as the for WLSMV: 1e-3.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cfa, invariance, toMarkdown, type SemResult } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { expectClose, expectRelClose } from '../helpers/close.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';

interface Case {
  data: string;
  items: string[];
  model: string;
  n: { used: number };
  estimation: {
    parameters: { lhs: string; op: string; rhs: string; est: number; se: number; 'std.all': number | null }[];
    fit: Record<string, number | null>;
  };
}
const cases = loadJson<{ cases: Record<string, Case> }>('ordinal-moments.json').cases;

const FIT: [string, (f: SemResult['fit']) => number | null | undefined, 'rel' | 'abs'][] = [
  ['npar', (f) => f.npar, 'abs'],
  ['df', (f) => f.df, 'abs'],
  ['chisq', (f) => f.chiSquare, 'rel'],
  ['pvalue', (f) => f.p, 'abs'],
  ['chisq.scaled', (f) => f.scaled?.chiSquare, 'rel'],
  ['chisq.scaling.factor', (f) => f.scaled?.scalingFactor, 'abs'],
  ['pvalue.scaled', (f) => f.scaled?.p, 'abs'],
  ['baseline.chisq', (f) => f.baseline.chiSquare, 'rel'],
  ['baseline.chisq.scaled', (f) => f.scaled?.baseline.chiSquare, 'rel'],
  ['cfi', (f) => f.cfi, 'abs'],
  ['tli', (f) => f.tli, 'abs'],
  ['cfi.scaled', (f) => f.scaled?.cfi, 'abs'],
  ['tli.scaled', (f) => f.scaled?.tli, 'abs'],
  ['cfi.robust', (f) => f.robust?.cfi, 'abs'],
  ['tli.robust', (f) => f.robust?.tli, 'abs'],
  ['rmsea', (f) => f.rmsea.estimate, 'abs'],
  ['rmsea.ci.upper', (f) => f.rmsea.upper, 'abs'],
  ['rmsea.scaled', (f) => f.scaled?.rmsea.estimate, 'abs'],
  ['rmsea.ci.upper.scaled', (f) => f.scaled?.rmsea.upper, 'abs'],
  ['rmsea.pvalue.scaled', (f) => f.scaled?.rmsea.pClose, 'abs'],
  ['rmsea.robust', (f) => f.robust?.rmsea.estimate, 'abs'],
  ['rmsea.ci.upper.robust', (f) => f.robust?.rmsea.upper, 'abs'],
  ['rmsea.pvalue.robust', (f) => f.robust?.rmsea.pClose, 'abs'],
  ['srmr', (f) => f.srmr, 'abs'],
  ['rmr', (f) => f.rmr, 'abs'],
];

describe('WLSMV against lavaan (ordinal-moments.R)', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      const fit = cfa(loadCsv(c.data), { model: c.model, ordered: c.items, missingCodes: ['NA'] });
      expect(fit.n).toBe(c.n.used);
      expect(fit.estimator).toBe('WLSMV');
      for (const r of c.estimation.parameters) {
        const mine = fit.parameters.find((p) => p.lhs === r.lhs && p.op === r.op && p.rhs === r.rhs);
        if (mine === undefined) expect.fail(`${name}: ${r.lhs} ${r.op} ${r.rhs} missing`);
        const what = `${name}: ${r.lhs} ${r.op} ${r.rhs}`;
        expectClose(mine.estimate, r.est, 1e-3, `${what} est`);
        if (mine.se !== null) expectClose(mine.se, r.se, 1e-3, `${what} se`);
        if (r['std.all'] !== null) expectClose(mine.stdAll!, r['std.all'], 1e-3, `${what} std.all`);
      }
      for (const [key, get, kind] of FIT) {
        const expected = c.estimation.fit[key];
        if (expected === undefined || expected === null) continue;
        const actual = get(fit.fit);
        if (actual === null || actual === undefined) expect.fail(`${name}: ${key} is missing, lavaan has ${expected}`);
        if (kind === 'rel') expectRelClose(actual, expected, 1e-3, `${name}: ${key}`);
        else expectClose(actual, expected, 1e-3, `${name}: ${key}`);
      }
    });
  }
});

describe('WLSMV: properties', () => {
  it('thresholds increase within each item; the fit is the same whatever the category codes', () => {
    const rows = loadCsv('peer-workers.csv');
    const model = 'f =~ esse1 + esse2 + esse3 + esse4 + esse5';
    const items = ['esse1', 'esse2', 'esse3', 'esse4', 'esse5'];
    const fit = cfa(rows, { model, ordered: true, missingCodes: ['NA'] });
    for (const v of items) {
      const t = fit.parameters.filter((r) => r.op === '|' && r.lhs === v).map((r) => r.estimate);
      for (let i = 1; i < t.length; i++) expect(t[i]!).toBeGreaterThan(t[i - 1]!);
    }
    // Recoding 1…5 as 10, 20, …: same categories in the same order, same fit.
    const recoded = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, items.includes(k) && v !== '' && v !== 'NA' ? String(Number(v) * 10) : v])));
    const again = cfa(recoded, { model, ordered: items, missingCodes: ['NA'] });
    expect(Math.abs(again.fit.chiSquare - fit.fit.chiSquare)).toBeLessThan(1e-9);
  });
  it('on many-category data (continuous-looking) the standardized loadings approach ML’s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const loadings = [[0.8], [0.7], [0.6], [0.75], [0.65]];
        const sim = simulate.cfa({ loadings, n: 2000, seed });
        // 15 categories from the continuous scores.
        const cut = (x: number) => Math.max(0, Math.min(14, Math.floor((x + 3.5) * 2)));
        const ordinal = sim.data.map((r) => Object.fromEntries(sim.items.map((k) => [k, cut(Number(r[k]))])));
        const model = `f =~ ${sim.items.join(' + ')}`;
        const wlsmv = cfa(ordinal, { model, ordered: true });
        const ml = cfa(ordinal, { model });
        for (const x of sim.items) {
          const a = wlsmv.parameters.find((r) => r.op === '=~' && r.rhs === x)!.stdAll!;
          const b = ml.parameters.find((r) => r.op === '=~' && r.rhs === x)!.stdAll!;
          expect(Math.abs(a - b)).toBeLessThan(0.03);
        }
      }),
      { numRuns: 6 },
    );
  });
});

describe('WLSMV: bad input', () => {
  const rows = loadCsv('peer-workers.csv');
  const model = 'f =~ esse1 + esse2 + esse3 + esse4';
  const code = (f: () => unknown): string => errorOf(f).code;
  it('refuses what it does not support, by name', () => {
    expect(code(() => cfa(rows, { model, ordered: true, estimator: 'ML', missingCodes: ['NA'] }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(rows, { model, estimator: 'WLSMV', missingCodes: ['NA'] }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(rows, { model, ordered: ['esse1', 'esse2'], missingCodes: ['NA'] }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(rows, { model, ordered: ['esse1', 'esse2', 'esse3', 'esse4', 'pwb1'], missingCodes: ['NA'] }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(rows, { model, ordered: true, missing: 'fiml', missingCodes: ['NA'] }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(rows, { model, ordered: true, resamples: 1000, missingCodes: ['NA'] }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(rows, { model, ordered: true, meanStructure: true, missingCodes: ['NA'] }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(rows, { model: `${model}\nesse1 ~~ 0.5*esse1`, ordered: true, missingCodes: ['NA'] }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(rows, { model, ordered: true, group: 'gender', groupEqual: ['loadings', 'intercepts'], missingCodes: ['NA'] }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(rows, { model, group: 'gender', groupEqual: ['thresholds'], missingCodes: ['NA'] }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(rows, { model: `${model}\nesse1 ~ 1`, ordered: true, group: 'gender', groupEqual: ['thresholds'], missingCodes: ['NA'] }))).toBe('INVALID_OPTION');
    expect(code(() => cfa(rows.map((r, i) => (i === 3 ? { ...r, esse2: '2.5' } : r)), { model, ordered: true, missingCodes: ['NA'] }))).toBe('OUT_OF_RANGE');
    expect(code(() => cfa({ covariance: [[1, 0.5], [0.5, 1]], n: 100, columns: ['a', 'b'] }, { model: 'f =~ a + b', ordered: true }))).toBe('INVALID_OPTION');
  });
  it('does not mutate its input', () => {
    const copy = structuredClone(rows);
    cfa(rows, { model, ordered: true, missingCodes: ['NA'] });
    expect(rows).toEqual(copy);
  });
});

describe('WLSMV in several groups against lavaan (wlsmv-groups.R: the ESSE items by gender)', () => {
  interface GroupFit {
    model: string;
    groupEqual: string[] | string | null;
    parameters: { lhs: string; op: string; rhs: string; group: number; est: number; se: number; 'std.all': number | null }[];
    fit: Record<string, number | null>;
    modificationIndicesTop10: { lhs: string; op: string; rhs: string; group: number; mi: number; epc: number; 'sepc.all': number }[];
  }
  const fixture = loadJson<{ data: { groupLabels: string[] }; fits: Record<string, GroupFit> }>('wlsmv-groups.json');
  const labels = fixture.data.groupLabels;
  const rows = loadCsv('peer-workers.csv');
  // Equal thresholds (lavaan frees the scale factors and latent means then) are not supported yet.
  for (const name of ['two_configural', 'two_metric', 'one_configural', 'one_metric', 'two_scalar', 'one_scalar', 'two_thresholds', 'one_thresholds']) {
    it(name, () => {
      const c = fixture.fits[name]!;
      const groupEqual = (Array.isArray(c.groupEqual) ? c.groupEqual : c.groupEqual ? [c.groupEqual] : []) as ('loadings' | 'thresholds')[];
      const fit = cfa(rows, { model: c.model, ordered: true, group: 'gender', groupEqual, missingCodes: ['NA'] });
      expect(fit.groups.map((g) => g.label)).toEqual(labels);
      for (const r of c.parameters) {
        const group = labels[r.group - 1]!;
        const mine = fit.parameters.find((x) => x.group === group && x.lhs === r.lhs && x.op === r.op && x.rhs === r.rhs);
        if (mine === undefined) expect.fail(`${name}: ${r.lhs} ${r.op} ${r.rhs} (${group}) missing`);
        const what = `${name}: ${r.lhs} ${r.op} ${r.rhs} (${group})`;
        expectClose(mine.estimate, r.est, 1e-3, `${what} est`);
        if (mine.se !== null) expectClose(mine.se, r.se, 1e-3, `${what} se`);
        if (r['std.all'] !== null) expectClose(mine.stdAll!, r['std.all'], 1e-3, `${what} std.all`);
      }
      expect(fit.parameters.length).toBe(c.parameters.length);
      for (const [key, get, kind] of FIT) {
        const expected = c.fit[key];
        if (expected === undefined || expected === null) continue;
        const actual = get(fit.fit);
        if (actual === null || actual === undefined) expect.fail(`${name}: ${key} is missing, lavaan has ${expected}`);
        if (kind === 'rel') expectRelClose(actual, expected, 1e-3, `${name}: ${key}`);
        else expectClose(actual, expected, 1e-3, `${name}: ${key}`);
      }
      // lavaan also scores the fixed markers, scale factors and intercepts; psychkit the cross-loadings and residual covariances.
      for (const m of c.modificationIndicesTop10.filter((x) => (x.op === '=~' || (x.op === '~~' && x.lhs !== x.rhs)) && !c.parameters.some((r) => r.op === '=~' && r.lhs === x.lhs && r.rhs === x.rhs))) {
        const group = labels[m.group - 1]!;
        const mine = fit.modificationIndices.find((x) => x.group === group && x.op === m.op && ((x.lhs === m.lhs && x.rhs === m.rhs) || (x.lhs === m.rhs && x.rhs === m.lhs)));
        if (mine === undefined) expect.fail(`${name}: MI ${m.lhs} ${m.op} ${m.rhs} (${group}) missing`);
        expectRelClose(mine.mi, m.mi, 1e-3, `${name}: MI ${m.lhs} ${m.op} ${m.rhs}`);
        expectClose(mine.epc, m.epc, 1e-3, `${name}: EPC ${m.lhs} ${m.op} ${m.rhs}`);
        expectClose(mine.sepcAll!, m['sepc.all'], 1e-3, `${name}: sepc.all ${m.lhs} ${m.op} ${m.rhs}`);
      }
    });
  }
});

describe('invariance with ordered indicators: lavTestLRT (Satorra 2000) against lavaan', () => {
  interface LrtRow { model: string; Df: number; Chisq: number; 'Chisq diff': number | null; 'Df diff': number | null; 'Pr(>Chisq)': number | null; scale: number | null; shift: number | null }
  const lrt = loadJson<{ lrt: Record<string, { rows: LrtRow[] }>; fits: Record<string, { model: string }> }>('wlsmv-groups.json');
  const rows = loadCsv('peer-workers.csv');
  for (const [name, fitName] of [['two_configural_metric_scalar', 'two_configural'], ['one_configural_metric_scalar', 'one_configural']] as const) {
    it(name, () => {
      const mi = invariance(rows, { model: lrt.fits[fitName]!.model, group: 'gender', ordered: true, missingCodes: ['NA'] });
      expect(mi.estimator).toBe('WLSMV');
      expect(mi.models.map((m) => m.groupEqual)).toEqual([[], ['loadings'], ['loadings', 'thresholds']]);
      lrt.lrt[name]!.rows.forEach((r, i) => {
        const m = mi.models[i]!;
        expect(m.result.fit.df).toBe(r.Df);
        expectRelClose(m.result.fit.chiSquare, r.Chisq, 1e-3, `${r.model}: χ²`);
        if (r['Chisq diff'] === null) return;
        expectClose(m.test!.chiSquare, r['Chisq diff'], 1e-3 * Math.max(1, Math.abs(r['Chisq diff'])), `${r.model}: T_Δ`);
        expect(m.test!.df).toBe(r['Df diff']);
        expectClose(m.test!.p, r['Pr(>Chisq)']!, 1e-3, `${r.model}: p`);
        expectClose(m.test!.scalingFactor!, r.scale!, 1e-3, `${r.model}: scale`);
        expectClose(m.test!.shift!, r.shift!, 1e-3 * Math.max(1, Math.abs(r.shift!)), `${r.model}: shift`);
        expect(m.test!.rmsea).toBeNull();
      });
      expect(toMarkdown(mi)).toContain('Satorra’s (2000) scaled-and-shifted difference test');
      // lavaan's equal-loadings model keeps the scale factors at 1: not nested in the scalar one.
      expect(mi.warnings.some((w) => w.code === 'MODELS_NOT_NESTED')).toBe(mi.models[2]!.result.fit.chiSquare < mi.models[1]!.result.fit.chiSquare);
    });
  }
});
