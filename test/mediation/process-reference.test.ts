import { describe, expect, it } from 'vitest';
import { processModel, type FittedEquation, type ProcessResult } from '../../src/index.js';
import { expectClose, expectRelClose } from '../helpers/close.js';
import { maritalLevels, peer, psychkitTerm, reference } from '../helpers/peer.js';

// Reference: shared/reference/scripts/reference.R (lm, sandwich, 100,000 case resamples, R
// quantile type 7 percentile CIs). Deterministic numbers to 1e-6 (most agree to 1e-9); with
// 10,000 resamples each bootstrap CI bound within ±0.01 and each bootstrap SE within 5%.
const ref = reference.process;
const B = 10_000;
const covs = ['gender', 'education', 'marital'];
const base = { categorical: maritalLevels, resamples: B, seed: 20221 } as const;

interface RefFit {
  terms: string[];
  b: number[];
  se: number[];
  t: number[];
  p: number[];
  llci: number[];
  ulci: number[];
  summary: { R: number; R2: number; MSE: number; F: number; df1: number; df2: number; p: number };
  n: number;
}

function termIndex(refTerms: string[], term: string): number {
  const i = refTerms.map(psychkitTerm).indexOf(term);
  if (i >= 0) return i;
  const [a, b] = term.split(':');
  return refTerms.indexOf(`${b}:${a}`);
}

function checkEquation(eq: FittedEquation, r: RefFit, what: string): void {
  expect(eq.terms.length, `${what} terms`).toBe(r.terms.length);
  for (const c of eq.coefficients) {
    const j = termIndex(r.terms, c.term);
    expect(j, `${what} ${c.term}`).toBeGreaterThanOrEqual(0);
    expectClose(c.estimate, r.b[j]!, 1e-9, `${what} ${c.term} b`);
    expectClose(c.se, r.se[j]!, 1e-9, `${what} ${c.term} se`);
    expectClose(c.statistic, r.t[j]!, 1e-7, `${what} ${c.term} t`);
    expectClose(c.p, r.p[j]!, 1e-9, `${what} ${c.term} p`);
    expectClose(c.lower, r.llci[j]!, 1e-9, `${what} ${c.term} lower`);
    expectClose(c.upper, r.ulci[j]!, 1e-9, `${what} ${c.term} upper`);
  }
  if (eq.family !== 'linear') throw new Error(`${what}: an OLS equation`);
  const s = eq.summary;
  expectClose(s.r, r.summary.R, 1e-10, `${what} R`);
  expectClose(s.rSquared, r.summary.R2, 1e-10, `${what} R2`);
  expectClose(s.mse, r.summary.MSE, 1e-9, `${what} MSE`);
  expectClose(s.statistic, r.summary.F, 1e-7, `${what} F`);
  expect([s.df1, s.df2]).toEqual([r.summary.df1, r.summary.df2]);
  expectClose(s.p, r.summary.p, 1e-10, `${what} p`);
}

/** Point estimate to 1e-9; bootstrap SE within 5%, CI bounds within ±0.01 of the 100,000-resample reference. */
function checkBoot(e: { estimate: number; se: number | null; lower: number | null; upper: number | null }, r: any, what: string): void {
  expectClose(e.estimate, r.effect, 1e-9, `${what} effect`);
  if (r.bootSE !== undefined) expectRelClose(e.se!, r.bootSE, 0.05, `${what} boot SE`);
  expectClose(e.lower!, r.bootLLCI, 0.01, `${what} lower`);
  expectClose(e.upper!, r.bootULCI, 0.01, `${what} upper`);
}

function checkCommon(res: ProcessResult, r: any): void {
  expect(res.n).toBe(r.n);
  const bootstrap = 'bootstrap' in res ? res.bootstrap : null;
  expect(bootstrap?.resamples).toBe(B);
  expect(bootstrap?.seed).toBe(20221);
}

describe.each([
  ['h1_model4_esse_ss_pwb'],
  ['h2_model4_esse_si_pwb'],
  ['h3_model4_esse_ss_rec'],
  ['h4_model4_esse_si_rec'],
])('model 4, %s', (key) => {
  const r = ref[key];
  const res = processModel(peer, { ...base, model: 4, x: r.x, m: r.m, y: r.y, covariates: covs, sobel: true, standardize: true });
  it('equations, direct and total effect', () => {
    checkCommon(res, r);
    checkEquation(res.equations[0]!, r.equations[0], 'M');
    checkEquation(res.equations[1]!, r.equations[1], 'Y');
    checkEquation(res.totalEffectModel!, r.total, 'total');
    const yx = r.equations[1].terms.indexOf(r.x);
    expectClose(res.directEffect!.estimate, r.equations[1].b[yx], 1e-9, 'direct');
    expectClose(res.directEffect!.se, r.equations[1].se[yx], 1e-9, 'direct se');
    expectClose(res.totalEffect!.estimate, r.total.b[r.total.terms.indexOf(r.x)], 1e-9, 'total');
  });
  it('indirect effect (bootstrap), Sobel test, completely standardized effect', () => {
    checkBoot(res.indirectEffects![0]!, r.indirect[0], 'indirect');
    expect(res.indirectEffects![0]!.label).toBe(r.m);
    const s = res.sobel![0]!;
    expectClose(s.estimate, r.sobel.effect, 1e-9, 'sobel effect');
    expectClose(s.se, r.sobel.se, 1e-9, 'sobel se');
    expectClose(s.statistic, r.sobel.z, 1e-7, 'sobel z');
    expectClose(s.p, r.sobel.p, 1e-9, 'sobel p');
    expectClose(res.standardized!.completely[0]!.estimate, r.indirect[0].completelyStandardized, 1e-9, 'completely standardized');
  });
});

describe('model 4, two parallel mediators (ss, si)', () => {
  const r = ref.parallel_model4_esse_ss_si_pwb;
  const res = processModel(peer, { ...base, model: 4, x: 'esse', m: ['ss', 'si'], y: 'pwb', covariates: covs, contrasts: true, standardize: true });
  it('equations', () => {
    checkCommon(res, r);
    r.equations.forEach((e: RefFit, i: number) => checkEquation(res.equations[i]!, e, `eq ${i}`));
    checkEquation(res.totalEffectModel!, r.total, 'total');
  });
  it('specific and total indirect effects, contrast, standardized effects', () => {
    r.indirect.forEach((e: any, i: number) => {
      expect(res.indirectEffects![i]!.label).toBe(e.mediator);
      checkBoot(res.indirectEffects![i]!, e, e.mediator);
      expectClose(res.standardized!.completely[i]!.estimate, e.completelyStandardized, 1e-9, `${e.mediator} completely standardized`);
    });
    checkBoot(res.totalIndirectEffect!, r.totalIndirect, 'total indirect');
    expect(res.contrasts![0]!.label).toBe('ss minus si');
    checkBoot(res.contrasts![0]!, r.contrast, 'contrast');
  });
});

describe('model 6, serial mediators ss → si', () => {
  const r = ref.serial_model6_esse_ss_si_pwb;
  const res = processModel(peer, { ...base, model: 6, x: 'esse', m: ['ss', 'si'], y: 'pwb', covariates: covs });
  it('equations', () => {
    checkCommon(res, r);
    r.equations.forEach((e: RefFit, i: number) => checkEquation(res.equations[i]!, e, `eq ${i}`));
    checkEquation(res.totalEffectModel!, r.total, 'total');
  });
  it('three indirect paths in PROCESS order and the total indirect effect', () => {
    expect(res.indirectEffects!.map((e) => e.path.join('->'))).toEqual(r.indirect.map((e: any) => e.path));
    r.indirect.forEach((e: any, i: number) => checkBoot(res.indirectEffects![i]!, e, e.path));
    checkBoot(res.totalIndirectEffect!, r.totalIndirect, 'total indirect');
  });
});

describe('model 1, esse × ss on rec', () => {
  const r = ref.moderation_model1_esse_x_ss_rec;
  // The reference probes at R's type-7 percentiles; quantileType: 7 reproduces its W values.
  const res = processModel(peer, { model: 1, x: 'esse', w: 'ss', y: 'rec', covariates: ['gender', 'education'], quantileType: 7, jn: true });
  it('equation', () => {
    expect(res.n).toBe(r.n);
    checkEquation(res.equations[0]!, r.equation, 'Y');
  });
  it('conditional effects at the 16th/50th/84th percentiles (type 7)', () => {
    r.conditionalEffects.forEach((c: any, i: number) => {
      const e = res.conditionalEffects![i]!;
      expectClose(e.at.w!, c.w, 1e-12, `w${i}`);
      expectClose(e.estimate, c.effect, 1e-9, `effect ${i}`);
      expectClose(e.se, c.se, 1e-9, `se ${i}`);
      expectClose(e.statistic, c.t, 1e-7, `t ${i}`);
      expectClose(e.p, c.p, 1e-9, `p ${i}`);
    });
  });
  it('Johnson–Neyman points inside the observed range of W', () => {
    const jn = r.johnsonNeyman;
    const inside = jn.points.filter((p: number) => p >= jn.range[0] && p <= jn.range[1]);
    expect(res.johnsonNeyman!.points.map((p) => p.w).length).toBe(inside.length);
    inside.forEach((p: number, i: number) => expectClose(res.johnsonNeyman!.points[i]!.w, p, 1e-7, `JN ${i}`));
    expectClose(res.johnsonNeyman!.range[0], jn.range[0], 1e-12, 'min');
    expectClose(res.johnsonNeyman!.range[1], jn.range[1], 1e-12, 'max');
    expectClose(res.johnsonNeyman!.criticalT, jn.criticalT, 1e-9, 'critical t');
  });
});

describe.each([
  ['modmed_model7_esse_si_gender_pwb', 7],
  ['modmed_model8_esse_si_gender_pwb', 8],
  ['modmed_model14_esse_si_ss_pwb', 14],
  ['modmed_model58_esse_si_ss_pwb', 58],
  ['modmed_model59_esse_si_gender_rec', 59],
] as const)('moderated mediation %s', (key, model) => {
  const r = ref[key];
  const res = processModel(peer, { ...base, model, x: r.x, m: r.m, w: r.w, y: r.y, covariates: r.covariates, quantileType: 7 });
  it('equations', () => {
    checkCommon(res, r);
    r.equations.forEach((e: RefFit, i: number) => checkEquation(res.equations[i]!, e, `eq ${i}`));
  });
  it('probe values, conditional indirect effects and (conditional) direct effects', () => {
    const wv: number[] = r.wValues ?? r.conditionalIndirect.map((c: any) => c.w);
    const probes = res.moderators[0]!.probes;
    expect(probes.values.length).toBe(wv.length);
    wv.forEach((w, i) => expectClose(probes.values[i]!, w, 1e-12, `w${i}`));
    r.conditionalIndirect.forEach((c: any, i: number) => {
      const e = res.conditionalIndirectEffects![i]!;
      expect(e.mediator).toBe(r.m);
      expectClose(e.at.w!, c.w, 1e-12, `w ${i}`);
      checkBoot(e, c, `conditional indirect at ${c.w}`);
    });
    for (const [i, c] of (r.conditionalDirect ?? []).entries()) {
      const effect = res.conditionalDirectEffects !== null ? res.conditionalDirectEffects[i]!.estimate : res.directEffect!.estimate;
      expectClose(effect, c.effect, 1e-9, `direct at ${c.w}`);
    }
  });
  it('index of moderated mediation / difference between conditional indirect effects', () => {
    if (r.indexOfModeratedMediation) checkBoot(res.indexOfModeratedMediation![0]!, r.indexOfModeratedMediation, 'index');
    else expect(res.indexOfModeratedMediation).toBeNull();
    if (r.conditionalIndirectDifference) checkBoot(res.conditionalIndirectDifferences![0]!, r.conditionalIndirectDifference, 'difference');
  });
});
