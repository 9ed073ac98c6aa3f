import { beforeEach, describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/mediation/catalog.js';
import { processView, type ProcessView } from '../../src/mediation/process-view.js';
import { processModel, type ProcessOptions, type ProcessResult } from '../../src/index.js';
import { expectClose } from '../helpers/close.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { rolesOfModel, rowAt } from '../helpers/process-printout.js';

// The 25 PROCESS models without a shared printout (numbers that are multiples of 3), against
// test/fixtures/process-catalog.R: lm + sandwich HC3 for each equation as the catalog lists it,
// path coefficients as Σ b·(moderators), indirect effects as products, and R's own bootstrap.
// The logistic runs fit Y = y2 by glm (ε = 1e-13). Deterministic numbers to 1e-9 (p to 1e-12 absolute); bootstrap SEs and bias-corrected bounds
// from a different random stream, so within 5 Monte Carlo SDs of the difference between two
// independent 5,000-resample bootstraps (0.014·SE for an SE, 0.065·SE for a bound).

interface RCoefficient {
  term: string;
  estimate: number;
  se: number;
  statistic: number;
  p: number;
  lower: number;
  upper: number;
}
interface RBoot {
  se: number;
  biasCorrected: [number, number];
}
interface REffect extends Omit<RCoefficient, 'term'> {
  at: Record<string, number>;
}
interface RIndirect {
  mediator?: string;
  path?: string;
  mediators?: string[];
  at: Record<string, number>;
  estimate: number;
  bootstrap: RBoot;
}
interface RIndex {
  kind: 'moderated' | 'partial' | 'moderatedModerated' | 'conditionalModerated';
  mediator: string;
  moderator?: string;
  moderators?: string[];
  at?: Record<string, number>;
  estimate: number;
  bootstrap: RBoot;
}
interface RRun {
  equations: { outcome: string; variable: string; terms: string[]; coefficients: RCoefficient[]; summary: Record<string, number> }[];
  directEffects?: REffect[];
  indirectEffects?: RIndirect[];
  indices?: RIndex[];
  conditionalEffects?: REffect[];
  conditionalInteractions?: REffect[];
  interactionTests?: { term: string; rSquaredChange?: number; F?: number; chiSquareIncrease?: number; df1?: number; df2?: number; p: number }[];
}
interface RModel {
  data: string;
  checkedAgainstPrintout: boolean;
  runs: { ols: RRun; logit: RRun };
}

const ref = loadJson<{ models: Record<string, RModel> }>('process-catalog.json');
const HELD_BACK = Object.keys(ref.models)
  .map(Number)
  .filter((k) => !ref.models[k]!.checkedAgainstPrintout);

// A logistic equation's SEs: R's vcov(glm) inverts the information at the last IRLS step's
// weights, not at the final estimate, which moves SEs and Z by up to ~3e-7 relative; hence 1e-6
// there (the project's standard for deterministic numbers).
let tolerance = 1e-9;
const close = (actual: number, expected: number, what: string) => expectClose(actual, expected, tolerance * Math.max(1, Math.abs(expected)), what);
const closeP = (actual: number, expected: number, what: string) => expectClose(actual, expected, tolerance === 1e-9 ? 1e-12 : tolerance, what);
const mc = (actual: number | null, expected: number, sd: number, what: string) => {
  expect(actual, what).not.toBeNull();
  expectClose(actual as number, expected, 5 * sd, `${what} (Monte Carlo)`);
};

function checkTested(e: { estimate: number; se: number; statistic: number; p: number; lower: number; upper: number }, r: Omit<RCoefficient, 'term'>, what: string): void {
  close(e.estimate, r.estimate, `${what} estimate`);
  close(e.se, r.se, `${what} se`);
  close(e.statistic, r.statistic, `${what} statistic`);
  closeP(e.p, r.p, `${what} p`);
  close(e.lower, r.lower, `${what} lower`);
  close(e.upper, r.upper, `${what} upper`);
}

function checkBoot(e: { estimate: number; se: number | null; lower: number | null; upper: number | null }, r: { estimate: number; bootstrap: RBoot }, what: string): void {
  close(e.estimate, r.estimate, `${what} estimate`);
  const s = r.bootstrap.se;
  mc(e.se, s, 0.014 * s, `${what} boot SE`);
  mc(e.lower, r.bootstrap.biasCorrected[0], 0.065 * s, `${what} lower`);
  mc(e.upper, r.bootstrap.biasCorrected[1], 0.065 * s, `${what} upper`);
}

/** The row of `rows` at R's moderator values (keys are roles). */
const rowAtR = <T extends { readonly at: Readonly<Record<string, number | undefined>> }>(rows: readonly T[] | null, at: Record<string, number>, extra?: (r: T) => boolean) =>
  rowAt(rows, at, 1e-9, extra);

const RUNS = HELD_BACK.flatMap((model) => (['ols', 'logit'] as const).map((kind) => [model, kind] as const));

describe.each(RUNS)('PROCESS model %i against R (%s)', (model, kind) => {
  const m = ref.models[model]!;
  const run = m.runs[kind];
  beforeEach(() => {
    tolerance = kind === 'logit' ? 1e-6 : 1e-9;
  });
  const entry = CATALOG.get(model)!;
  const { options, roleOf } = rolesOfModel(model);
  const atOf = (at: Record<string, number>) => Object.fromEntries(Object.entries(at).map(([c, v]) => [roleOf(c), v]));
  const mediated = entry.mediator !== null;
  const moderated = entry.moderators.length > 0;
  const boot = { hc: 'HC3', interval: 'bias-corrected', resamples: 5000, seed: 3 } as const;
  const opts = { model, x: 'x', y: kind === 'logit' ? 'y2' : 'y', ...options, ...(mediated ? { m: ['m1', 'm2'], ...boot } : { hc: 'HC3' }), ...(moderated ? { probes: 'moments' } : {}) };
  const res: ProcessView = processView(processModel(loadCsv(`process-spss/${m.data}`), opts as ProcessOptions) as ProcessResult);
  const termOf = (t: string) => (t === 'constant' ? t : t.split('*').join(':'));

  it('equations: coefficients (HC3) and model summaries', () => {
    for (const eq of run.equations) {
      const ours = res.equations.find((e) => e.outcome === eq.variable)!;
      expect(ours, eq.variable).toBeDefined();
      expect(ours.coefficients.map((c) => c.term).sort()).toEqual(eq.terms.map(termOf).sort());
      for (const c of eq.coefficients) checkTested(ours.coefficients.find((k) => k.term === termOf(c.term))!, c, `${eq.outcome} ${c.term}`);
      if (ours.family === 'logistic') {
        const s = ours.summary;
        close(s.minus2LL, eq.summary.minus2LL!, `${eq.outcome} −2LL`);
        close(s.statistic, eq.summary.modelChiSquare!, `${eq.outcome} χ²`);
        expect(s.df).toBe(eq.summary.df);
        close(s.mcFadden, eq.summary.mcFadden!, `${eq.outcome} McFadden`);
        close(s.coxSnell, eq.summary.coxSnell!, `${eq.outcome} Cox–Snell`);
        close(s.nagelkerke, eq.summary.nagelkerke!, `${eq.outcome} Nagelkerke`);
      } else {
        const s = ours.summary;
        close(s.rSquared, eq.summary.rSquared!, `${eq.outcome} R²`);
        close(s.mse, eq.summary.mse!, `${eq.outcome} MSE`);
        close(s.statistic, eq.summary.F!, `${eq.outcome} F`);
        expect([s.df1, s.df2]).toEqual([eq.summary.df1, eq.summary.df2]);
      }
    }
  });

  it('direct, conditional direct and conditional effects; interaction tests', () => {
    for (const d of run.directEffects ?? []) {
      if (Object.keys(d.at).length === 0) checkTested(res.directEffect!, d, 'direct');
      else checkTested(rowAtR(res.conditionalDirectEffects, atOf(d.at)), d, `direct at ${JSON.stringify(d.at)}`);
    }
    for (const d of run.conditionalEffects ?? []) checkTested(rowAtR(res.conditionalEffects, atOf(d.at)), d, `conditional effect at ${JSON.stringify(d.at)}`);
    for (const d of run.conditionalInteractions ?? []) checkTested(rowAtR(res.conditionalInteractions, atOf(d.at)), d, `conditional interaction at ${JSON.stringify(d.at)}`);
    for (const t of run.interactionTests ?? []) {
      const ours = res.interactionTests!.find((k) => k.term === termOf(t.term))!;
      if (ours.test === 'F') {
        close(ours.rSquaredChange, t.rSquaredChange!, 'R² change');
        close(ours.statistic, t.F!, 'F');
      } else {
        close(ours.statistic, t.chiSquareIncrease!, 'likelihood-ratio χ²');
      }
      closeP(ours.p, t.p, 'p');
    }
    expect(res.directEffect === null && res.conditionalDirectEffects === null).toBe((run.directEffects ?? []).length === 0);
  });

  it('indirect effects and indices (bootstrap within Monte Carlo error of R’s)', () => {
    for (const e of run.indirectEffects ?? []) {
      if (Object.keys(e.at).length > 0) {
        checkBoot(rowAtR(res.conditionalIndirectEffects, atOf(e.at), (k) => k.mediator === e.mediator), e, `${e.mediator} at ${JSON.stringify(e.at)}`);
      } else if (e.path === 'total' || e.mediator === 'TOTAL') {
        checkBoot(res.totalIndirectEffect!, e, 'total indirect');
      } else {
        const path = (e.path ? e.path.split('->') : ['x', e.mediator!, 'y']).map((v) => (v === 'y' ? opts.y : v));
        const ours = res.indirectEffects!.find((k) => k.path.join('->') === path.join('->'));
        expect(ours, `indirect ${path.join('->')}`).toBeDefined();
        checkBoot(ours!, e, `indirect ${path.join('->')}`);
      }
    }
    for (const i of run.indices ?? []) {
      const what = `${i.kind} ${i.mediator} ${i.moderator ?? ''}`;
      if (i.kind === 'moderated') checkBoot(res.indexOfModeratedMediation!.find((k) => k.mediator === i.mediator)!, i, what);
      if (i.kind === 'partial') checkBoot(res.indexOfPartialModeratedMediation!.find((k) => k.mediator === i.mediator && k.moderator === roleOf(i.moderator!))!, i, what);
      if (i.kind === 'moderatedModerated') checkBoot(res.indexOfModeratedModeratedMediation!.find((k) => k.mediator === i.mediator)!, i, what);
      if (i.kind === 'conditionalModerated') {
        checkBoot(rowAtR(res.indexOfConditionalModeratedMediation, atOf(i.at!), (k) => k.mediator === i.mediator && k.moderator === roleOf(i.moderator!)), i, what);
      }
    }
    const kinds = new Set((run.indices ?? []).map((i) => i.kind));
    expect(res.indexOfModeratedMediation !== null).toBe(kinds.has('moderated'));
    expect(res.indexOfPartialModeratedMediation !== null).toBe(kinds.has('partial'));
    expect(res.indexOfModeratedModeratedMediation !== null).toBe(kinds.has('moderatedModerated'));
  });
});
