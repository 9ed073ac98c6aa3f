// CFA/SEM against lavaan 0.6.14: the shared cases (test/fixtures/cfa.json) and our own
// (test/fixtures/sem-extra.json, made by sem-extra.R). Tolerances as the issue states them:
// estimates, SEs and standardized values 1e-4 absolute; χ² and log-likelihoods 1e-3 relative;
// fit indices 1e-4. (Observed agreement is closer, ~1e-5: lavaan stops nlminb at a relative
// change of 1e-10 in the objective; psychkit iterates to a smaller step.)
import { describe, expect, it } from 'vitest';
import { cfa, sem, type SemParameter, type SemResult } from '../../src/index.js';
import { expectClose, expectRelClose } from '../helpers/close.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';

interface RefRow {
  lhs: string;
  op: string;
  rhs: string;
  label: string;
  free: boolean;
  est: number;
  se: number | null;
  z: number | null;
  pvalue: number | null;
  'ci.lower': number | null;
  'ci.upper': number | null;
  'std.lv': number | null;
  'std.all': number | null;
  /** lavaan's group number (1-based; 0 for := rows of a multi-group model) and value. */
  group?: number;
  groupLabel?: string | null;
}
interface RefCase {
  fun: 'cfa' | 'sem';
  model: string;
  data: string;
  prep: { reverse: string[]; total: number } | null;
  options: Record<string, unknown>;
  lavaanOptions?: Record<string, unknown>;
  n: { used: number } | number;
  parameters: RefRow[];
  fit: Record<string, number | null>;
  rsquare?: Record<string, number>;
  implied?: { cov: number[][]; names: string[] };
  modificationIndices?: { lhs: string; op: string; rhs: string; group?: number; mi: number; epc: number; 'sepc.lv': number; 'sepc.all': number }[];
  /** Single group: factor → value; several groups: compRelSEM by group number, reliability by group label. */
  reliability?: { compRelSEM: Record<string, number | Record<string, number | string>>; reliability: Record<string, Record<string, number> | Record<string, Record<string, number>>> };
  groups?: string[] | null;
}

const shared = loadJson<{ cases: Record<string, RefCase> }>('cfa.json').cases;
const extra = loadJson<{ cases: Record<string, RefCase> }>('sem-extra.json').cases;
const groups = loadJson<{ cases: Record<string, RefCase> }>('sem-groups.json').cases;
const data: Record<string, Record<string, string>[]> = {
  'holzinger-swineford-1939.csv': loadCsv('holzinger-swineford-1939.csv'),
  'peer-workers.csv': loadCsv('peer-workers.csv'),
  'sem-groups-missing.csv': loadCsv('sem-groups-missing.csv'),
};

function rowsOf(c: RefCase): Record<string, string>[] {
  const rows = data[c.data]!;
  if (c.prep === null || c.prep === undefined) return rows;
  const { reverse, total } = c.prep;
  return rows.map((r) => {
    const o = { ...r };
    for (const k of reverse) if (o[k] !== '' && o[k] !== 'NA') o[k] = String(total - Number(o[k]));
    return o;
  });
}

function fitCase(c: RefCase): SemResult {
  const options = {
    model: c.model,
    missingCodes: ['NA'],
    ...(c.options['stdLv'] === true ? { stdLv: true } : {}),
    ...(c.options['meanStructure'] === true ? { meanStructure: true } : {}),
    ...(c.lavaanOptions?.['orthogonal'] === true ? { orthogonal: true } : {}),
    ...(c.options['estimator'] === 'MLR' ? { estimator: 'MLR' as const } : {}),
    ...(c.options['estimator'] === 'WLSMV' ? { estimator: 'WLSMV' as const, ordered: c.options['ordered'] as string[] } : {}),
    ...(c.options['missing'] === 'fiml' ? { missing: 'fiml' as const } : {}),
    ...(typeof c.options['group'] === 'string' ? { group: c.options['group'] } : {}),
    ...(Array.isArray(c.options['groupEqual']) ? { groupEqual: c.options['groupEqual'] as ('loadings' | 'intercepts')[] } : {}),
    ...(Array.isArray(c.options['groupPartial']) ? { groupPartial: c.options['groupPartial'] as string[] } : {}),
  };
  return c.fun === 'sem' ? sem(rowsOf(c), options) : cfa(rowsOf(c), options);
}

function find(fit: SemResult, r: RefRow): SemParameter | undefined {
  const group = r.op === ':=' ? null : (r.groupLabel ?? null);
  const rows = fit.parameters.filter((p) => p.group === group);
  return rows.find((p) => p.lhs === r.lhs && p.op === r.op && p.rhs === r.rhs) ?? rows.find((p) => r.op === '~~' && p.op === '~~' && p.lhs === r.rhs && p.rhs === r.lhs);
}

const FIT_FIELDS: readonly [string, (f: SemResult['fit']) => number | null, 'rel' | 'abs'][] = [
  ['npar', (f) => f.npar, 'abs'],
  ['df', (f) => f.df, 'abs'],
  ['fmin', (f) => f.fmin, 'rel'],
  ['chisq', (f) => f.chiSquare, 'rel'],
  ['pvalue', (f) => f.p, 'abs'],
  ['baseline.chisq', (f) => f.baseline.chiSquare, 'rel'],
  ['baseline.df', (f) => f.baseline.df, 'abs'],
  ['baseline.pvalue', (f) => f.baseline.p, 'abs'],
  ['cfi', (f) => f.cfi, 'abs'],
  ['tli', (f) => f.tli, 'abs'],
  ['nfi', (f) => f.nfi, 'abs'],
  ['rfi', (f) => f.rfi, 'abs'],
  ['ifi', (f) => f.ifi, 'abs'],
  ['rni', (f) => f.rni, 'abs'],
  ['logl', (f) => f.logLikelihood, 'rel'],
  ['unrestricted.logl', (f) => f.unrestrictedLogLikelihood, 'rel'],
  ['aic', (f) => f.aic, 'rel'],
  ['bic', (f) => f.bic, 'rel'],
  ['bic2', (f) => f.sabic, 'rel'],
  ['rmsea', (f) => f.rmsea.estimate, 'abs'],
  ['rmsea.ci.lower', (f) => f.rmsea.lower, 'abs'],
  ['rmsea.ci.upper', (f) => f.rmsea.upper, 'abs'],
  ['rmsea.pvalue', (f) => f.rmsea.pClose, 'abs'],
  ['rmsea.notclose.pvalue', (f) => f.rmsea.pNotClose, 'abs'],
  ['rmr', (f) => f.rmr, 'abs'],
  ['srmr', (f) => f.srmr, 'abs'],
  ['chisq.scaled', (f) => f.scaled?.chiSquare ?? null, 'rel'],
  ['chisq.scaling.factor', (f) => f.scaled?.scalingFactor ?? null, 'abs'],
  ['pvalue.scaled', (f) => f.scaled?.p ?? null, 'abs'],
  ['baseline.chisq.scaled', (f) => f.scaled?.baseline.chiSquare ?? null, 'rel'],
  ['baseline.chisq.scaling.factor', (f) => f.scaled?.baseline.scalingFactor ?? null, 'abs'],
  ['cfi.scaled', (f) => f.scaled?.cfi ?? null, 'abs'],
  ['tli.scaled', (f) => f.scaled?.tli ?? null, 'abs'],
  ['nfi.scaled', (f) => f.scaled?.nfi ?? null, 'abs'],
  ['rfi.scaled', (f) => f.scaled?.rfi ?? null, 'abs'],
  ['ifi.scaled', (f) => f.scaled?.ifi ?? null, 'abs'],
  ['rni.scaled', (f) => f.scaled?.rni ?? null, 'abs'],
  ['rmsea.scaled', (f) => f.scaled?.rmsea.estimate ?? null, 'abs'],
  ['rmsea.ci.lower.scaled', (f) => f.scaled?.rmsea.lower ?? null, 'abs'],
  ['rmsea.ci.upper.scaled', (f) => f.scaled?.rmsea.upper ?? null, 'abs'],
  ['rmsea.pvalue.scaled', (f) => f.scaled?.rmsea.pClose ?? null, 'abs'],
  ['rmsea.notclose.pvalue.scaled', (f) => f.scaled?.rmsea.pNotClose ?? null, 'abs'],
  ['cfi.robust', (f) => f.robust?.cfi ?? null, 'abs'],
  ['tli.robust', (f) => f.robust?.tli ?? null, 'abs'],
  ['rni.robust', (f) => f.robust?.rni ?? null, 'abs'],
  ['rmsea.robust', (f) => f.robust?.rmsea.estimate ?? null, 'abs'],
  ['rmsea.ci.lower.robust', (f) => f.robust?.rmsea.lower ?? null, 'abs'],
  ['rmsea.ci.upper.robust', (f) => f.robust?.rmsea.upper ?? null, 'abs'],
  ['rmsea.pvalue.robust', (f) => f.robust?.rmsea.pClose ?? null, 'abs'],
  ['rmsea.notclose.pvalue.robust', (f) => f.robust?.rmsea.pNotClose ?? null, 'abs'],
];

let compared = 0;

function checkCase(name: string, c: RefCase): void {
  const fit = fitCase(c);
  const used = typeof c.n === 'number' ? c.n : c.n.used;
  expect(fit.n, `${name}: n`).toBe(used);
  expect(fit.converged).toBe(true);
  const rows = c.parameters.filter((r) => r.op !== 'r2');
  expect(fit.parameters.length, `${name}: parameter rows`).toBe(rows.length);
  for (const r of rows) {
    const what = `${name}: ${r.lhs} ${r.op} ${r.rhs}${r.groupLabel ? ` (${r.groupLabel})` : ''}`;
    const mine = find(fit, r);
    if (mine === undefined) expect.fail(`${what}: missing`);
    expect(mine.free, `${what}: free`).toBe(r.op === ':=' ? false : r.free);
    // lavaan shows its internal labels (".p2.") on parameters held equal across groups; psychkit
    // reports only labels written in the syntax.
    expect(mine.label, `${what}: label`).toBe(/^\.p\d+\.$/.test(r.label) ? '' : r.label);
    expectClose(mine.estimate, r.est, 1e-4, `${what}: est`);
    compared++;
    if (r.se !== null && (r.free || r.op === ':=')) {
      expectClose(mine.se!, r.se, 1e-4, `${what}: se`);
      expectClose(mine.statistic!, r.z!, 1e-3 * Math.max(1, Math.abs(r.z!)), `${what}: z`);
      expectClose(mine.p!, r.pvalue!, 1e-4, `${what}: p`);
      expectClose(mine.lower, r['ci.lower']!, 1e-4, `${what}: ci.lower`);
      expectClose(mine.upper, r['ci.upper']!, 1e-4, `${what}: ci.upper`);
      compared += 5;
    } else {
      expect(mine.se, `${what}: a fixed parameter has no SE`).toBeNull();
    }
    if (r['std.lv'] !== null) {
      expectClose(mine.stdLv!, r['std.lv'], 1e-4, `${what}: std.lv`);
      expectClose(mine.stdAll!, r['std.all']!, 1e-4, `${what}: std.all`);
      compared += 2;
    }
  }
  for (const [key, get, kind] of FIT_FIELDS) {
    const expected = c.fit[key];
    if (expected === undefined || expected === null) continue;
    // Under FIML, lavaan 0.6.14 also reports Zhang & Savalei's corrected ("robust") CFI, TLI and
    // RMSEA (FIML-C); psychkit does not compute them yet (docs/cfa.md, "Not yet").
    if (c.options['missing'] === 'fiml' && key.endsWith('.robust')) continue;
    const actual = get(fit.fit);
    if (actual === null) expect.fail(`${name}: fit ${key} is null, lavaan has ${expected}`);
    if (kind === 'rel') expectRelClose(actual, expected, 1e-3, `${name}: ${key}`);
    else expectClose(actual, expected, 1e-4, `${name}: ${key}`);
    compared++;
  }
  for (const r of c.parameters.filter((x) => x.op === 'r2')) {
    const mine = fit.rSquared.find((x) => x.variable === r.lhs);
    if (mine === undefined) expect.fail(`${name}: R² of ${r.lhs} missing`);
    expectClose(mine.rSquared, r.est, 1e-4, `${name}: R² ${r.lhs}`);
    compared++;
  }
  if (c.parameters.some((x) => x.op === 'r2')) expect(fit.rSquared.length, `${name}: R² rows`).toBe(c.parameters.filter((x) => x.op === 'r2').length);
  // Modification indices: lavaan's ten largest, except regressions of an exogenous covariate
  // (fixed.x) on something, which psychkit does not offer (docs/cfa.md).
  const exogenous = new Set(fit.parameters.filter((r) => r.op === '~').map((r) => r.rhs).filter((v) => !fit.latent.includes(v) && !fit.parameters.some((r) => r.op === '~' && r.lhs === v) && !fit.parameters.some((r) => r.op === '=~' && r.rhs === v)));
  const mis = (c.modificationIndices ?? []).filter((m) => !(m.op === '~' && exogenous.has(m.lhs)));
  {
    for (const m of mis) {
      const what = `${name}: MI ${m.lhs} ${m.op} ${m.rhs}`;
      const group = m.group === undefined || c.groups === null || c.groups === undefined ? null : c.groups[m.group - 1]!;
      const mine = fit.modificationIndices.find((x) => x.group === group && x.op === m.op && ((x.lhs === m.lhs && x.rhs === m.rhs) || (m.op === '~~' && x.lhs === m.rhs && x.rhs === m.lhs)));
      if (mine === undefined) expect.fail(`${what}: missing`);
      // WLSMV: the issue's 1e-3 (lavaan stops its DWLS search early; cross-loading MIs move ~1e-4).
      const tol = c.options['estimator'] === 'WLSMV' ? 1e-3 : 1e-4;
      expectRelClose(mine.mi, m.mi, tol, `${what}: mi`);
      expectClose(mine.epc, m.epc, tol, `${what}: epc`);
      expectClose(mine.sepcLv!, m['sepc.lv'], tol, `${what}: sepc.lv`);
      expectClose(mine.sepcAll!, m['sepc.all'], tol, `${what}: sepc.all`);
      compared += 4;
    }
    if (mis.length > 0) expectRelClose(fit.modificationIndices[0]!.mi, mis[0]!.mi, 1e-4, `${name}: largest MI first`);
  }
  if (c.reliability !== undefined) {
    const groups = c.groups ?? [null];
    groups.forEach((label, g) => {
      const R = c.reliability!;
      const comp = (label === null ? R.compRelSEM : R.compRelSEM[String(g + 1)]) as Record<string, number>;
      const rel = (label === null ? R.reliability : R.reliability[label]) as Record<string, Record<string, number>>;
      const mine = fit.reliability.filter((r) => r.group === label);
      for (const r of mine) {
        const what = `${name}: ${r.factor}${label === null ? '' : ` (${label})`}`;
        expectClose(r.omega, comp[r.factor]!, 1e-4, `${what}: compRelSEM`);
        expectClose(r.omegaImplied, rel['omega2']![r.factor]!, 1e-4, `${what}: omega2`);
        expectClose(r.ave, rel['avevar']![r.factor]!, 1e-4, `${what}: avevar`);
        expectClose(r.alpha, rel['alpha']![r.factor]!, 1e-4, `${what}: alpha`);
        compared += 4;
        if (rel['alpha.ord'] !== undefined) {
          expectClose(r.alphaOrdinal!, rel['alpha.ord'][r.factor]!, 1e-4, `${what}: alpha.ord`);
          compared++;
        } else expect(r.alphaOrdinal).toBeNull();
      }
      expect(mine.length, `${name}: factors with reliability`).toBe(Object.keys(comp).filter((k) => k !== 'group').length);
    });
  }
  if (c.implied !== undefined && Array.isArray(c.implied.cov)) {
    const order = c.implied.names.map((v) => fit.columns.indexOf(v));
    c.implied.cov.forEach((row, i) =>
      row.forEach((v, j) => {
        expectClose(fit.groups[0]!.implied.covariance[order[i]!]![order[j]!]!, v, 1e-4, `${name}: implied cov[${i}][${j}]`);
        compared++;
      }),
    );
  }
}

describe('cfa/sem against lavaan 0.6.14 (shared cases)', () => {
  for (const name of ['hs_ml', 'hs_mlr', 'hs_stdlv', 'hs_syntax', 'esse_fiml', 'esse_listwise', 'peer_mediation', 'hs_school_configural', 'hs_school_metric', 'hs_school_scalar', 'esse_wlsmv']) {
    it(name, () => checkCase(name, shared[name]!));
  }
});

describe('cfa/sem against lavaan 0.6.14: multiple groups (sem-groups.R)', () => {
  for (const name of Object.keys(groups)) {
    it(name, () => checkCase(name, groups[name]!));
  }
});

describe('cfa/sem against lavaan 0.6.14 (sem-extra.R)', () => {
  for (const name of Object.keys(extra)) {
    it(name, () => checkCase(name, extra[name]!));
  }
  it('compares the numbers it says it does', () => {
    // Printed so the count in the closing note can be checked; every case above adds to it.
    expect(compared).toBeGreaterThan(1500);
    console.log(`cfa/sem reference: ${compared} numbers compared`);
  });
});
