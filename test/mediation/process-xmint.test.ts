import { describe, expect, it } from 'vitest';
import { formatProcess, processModel, toApaTable, type CounterfactualMediationResult } from '../../src/index.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { expectReference } from '../helpers/close.js';

// Model 4 with X × M interactions (PROCESS's xmint): natural direct, controlled direct and natural
// indirect effects between a reference and a counterfactual X, against R (lm with HC3 on the same
// equations, the formulas of PROCESS 4.3.1; test/fixtures/process-xmint.R). Every deterministic
// number to 1e-9.
type Tested = Record<'estimate' | 'se' | 'statistic' | 'p' | 'lower' | 'upper', number>;
interface Run {
  id: string;
  x: 'x' | 'xd';
  mediators: string[];
  covariates: string[];
  xRef: number;
  xCf: number;
  equations: { outcome: string; coefficients: (Tested & { term: string })[] }[];
  mHat: number[];
  pnde: Tested;
  cde: (Tested & { values: number[] })[];
  tnie: { mediator: string; estimate: number }[];
  tnieTotal: number;
  total: number;
}
const ref = loadJson<{ xMedian: number; runs: Run[] }>('process-xmint.json');
const raw = loadCsv('process-serial-models.csv').map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])));
const rows = raw.map((r) => ({ ...r, xd: r.x! > ref.xMedian ? 1 : 0 }));
const FIELDS = ['estimate', 'se', 'statistic', 'p', 'lower', 'upper'] as const;
const close = expectReference;
const sameTerm = (a: string, b: string) => a.split(':').sort().join(':') === b.split(':').sort().join(':');

function fit(r: Run, resamples = 0): CounterfactualMediationResult {
  const given = r.id === 'k1-mean' ? r.xRef : r.x === 'xd' ? undefined : ([r.xRef, r.xCf] as const);
  return processModel(rows, {
    model: 4,
    x: r.x,
    m: r.mediators,
    y: 'y',
    covariates: r.covariates,
    hc: 'HC3',
    xmInteraction: true,
    ...(given === undefined ? {} : { xReference: given }),
    mediatorValues: r.cde[1]!.values,
    resamples,
    ...(resamples > 0 ? { seed: 1 } : {}),
  });
}

describe('model 4 with X × M interactions (xmInteraction) against R', () => {
  for (const r of ref.runs) {
    describe(r.id, () => {
      const result = fit(r);
      it('fits Y on X, the mediators and their products with X; the mediators on X', () => {
        for (const eq of r.equations) {
          const mine = result.equations.find((e) => e.outcome === eq.outcome)!;
          for (const c of eq.coefficients) {
            const k = mine.coefficients.find((x) => sameTerm(x.term, c.term));
            for (const f of FIELDS) close(k?.[f], c[f], `${eq.outcome} ${c.term} ${f}`);
          }
          expect(mine.coefficients.length).toBe(eq.coefficients.length);
        }
      });
      it('x_ref, x_cf, M̂(x_ref); the natural and controlled direct effects with their t tests', () => {
        expect(result.xValues).toEqual({ reference: r.xRef, counterfactual: r.xCf });
        r.mHat.forEach((v, j) => close(result.mediatorPredictions[j], v, `M̂ ${j}`));
        for (const f of FIELDS) close(result.naturalDirectEffect[f], r.pnde[f], `PNDE ${f}`);
        r.cde.forEach((c, i) => {
          result.controlledDirectEffects[i]!.mediatorValues.forEach((v, j) => close(v, c.values[j]!, `CDE ${i} m*`));
          for (const f of FIELDS) close(result.controlledDirectEffects[i]![f], c[f], `CDE ${i} ${f}`);
        });
      });
      it('the natural indirect effects, their total, and the total effect', () => {
        r.tnie.forEach((t) => close(result.naturalIndirectEffects.find((e) => e.label === t.mediator)?.estimate, t.estimate, `TNIE ${t.mediator}`));
        if (r.mediators.length > 1) close(result.totalNaturalIndirectEffect?.estimate, r.tnieTotal, 'TNIE total');
        close(result.totalEffect.estimate, r.total, 'total');
      });
    });
  }
  it('bootstraps the natural indirect effects and the total; prints PROCESS’s counterfactual sections', () => {
    const r = fit(ref.runs[2]!, 1000);
    expect(r.bootstrap?.resamples).toBe(1000);
    for (const e of [...r.naturalIndirectEffects, r.totalNaturalIndirectEffect!, r.totalEffect]) expect(e.lower!).toBeLessThan(e.upper!);
    const text = formatProcess(r);
    expect(text).toContain('(Pure) Natural direct effect of X on Y:');
    expect(text).toContain('Controlled direct effect(s) of X on Y:');
    expect(text).toContain('(Total) Natural indirect effect(s) of X on Y:');
    expect(toApaTable(r).rows.some((row) => Array.isArray(row) && String(row[0]).startsWith('Natural direct effect'))).toBe(true);
  });
  it('needs xReference for a continuous X; refuses what PROCESS refuses', () => {
    expect(errorOf(() => processModel(rows, { model: 4, x: 'x', m: 'm1', y: 'y', xmInteraction: true, resamples: 0 }))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'xReference' } });
    expect(errorOf(() => processModel(rows, { model: 4, x: 'xd', m: 'm1', y: 'y', xmInteraction: true, xReference: [0, 2], resamples: 0 }))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'xReference' } });
    expect(errorOf(() => processModel(rows, { model: 4, x: 'x', m: 'm1', y: 'y', xmInteraction: true, xReference: 0, sobel: true, resamples: 0 } as never))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'sobel' } });
    expect(errorOf(() => processModel(rows, { model: 4, x: 'x', m: 'm1', y: 'y', xReference: 0, resamples: 0 } as never))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'xReference' } });
    expect(errorOf(() => processModel(rows, { model: 4, x: 'x', m: 'm1', y: 'xd', xmInteraction: true, xReference: 0, resamples: 0 }))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'xmInteraction' } });
    expect(errorOf(() => processModel(rows, { model: 7, x: 'x', m: 'm1', w: 'w', y: 'y', xmInteraction: true, resamples: 0 } as never))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'xmInteraction' } });
  });
});
