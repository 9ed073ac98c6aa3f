import { describe, expect, it } from 'vitest';
import { processModel } from '../../src/index.js';
import { loadJson } from '../helpers/fixtures.js';
import { expectClose } from '../helpers/close.js';
import { maritalLevels, peer } from '../helpers/peer.js';

// Options checked against test/fixtures/regression.R (lm, sandwich, quantile type 6).
const extra = loadJson('regression.json');

describe('model 1 options', () => {
  const r = extra.model1;
  const opts = { model: 1, x: 'esse', w: 'ss', y: 'rec', covariates: ['gender', 'education'] } as const;
  const check = (got: readonly any[], want: readonly any[], what: string) => {
    expect(got.length).toBe(want.length);
    want.forEach((c, i) => {
      for (const [k, ref] of [['w', 'w'], ['estimate', 'effect'], ['se', 'se'], ['statistic', 't'], ['p', 'p'], ['lower', 'lower'], ['upper', 'upper']] as const) {
        const value = k === 'w' ? got[i].at.w : got[i][k];
        expectClose(value, c[ref], k === 'statistic' ? 1e-7 : 1e-9, `${what} ${i} ${k}`);
      }
    });
  };
  it('default probes: 16th/50th/84th percentiles by PROCESS’s definition (type 6)', () => {
    const res = processModel(peer, opts);
    expect(res.moderators[0]!.probes.values).toEqual(r.probesType6);
    check(res.conditionalEffects!, r.conditionalType6, 'type 6');
  });
  it("probes: 'moments' (mean ± SD) and given values", () => {
    check(processModel(peer, { ...opts, probes: 'moments' }).conditionalEffects!, r.conditionalMoments, 'moments');
    check(processModel(peer, { ...opts, probes: r.probesType6 }).conditionalEffects!, r.conditionalType6, 'given');
  });
  it('HC3 conditional effects, interaction test (classical and Wald) and Johnson–Neyman points', () => {
    const ols = processModel(peer, { ...opts, jn: true });
    const t = ols.interactionTests![0]!;
    if (t.test !== 'F') throw new Error('an OLS equation has F tests');
    expectClose(t.rSquaredChange, r.interaction.rSquaredChange, 1e-12, 'R2 change');
    expectClose(t.statistic, r.interaction.F, 1e-8, 'F');
    expect([t.df1, t.df2]).toEqual([r.interaction.df1, r.interaction.df2]);
    expectClose(t.p, r.interaction.p, 1e-10, 'p');
    ols.johnsonNeyman!.points.forEach((p, i) => {
      expectClose(p.w, r.johnsonNeyman.points[i], 1e-8, 'JN');
      expectClose(p.percentBelow, r.johnsonNeyman.percentBelow[i], 1e-9, 'JN % below');
      expectClose(p.percentAbove, r.johnsonNeyman.percentAbove[i], 1e-9, 'JN % above');
    });
    expect(ols.johnsonNeyman!.points.length).toBe(r.johnsonNeyman.points.length);
    const hc3 = processModel(peer, { ...opts, hc: 'HC3', jn: true });
    check(hc3.conditionalEffects!, r.conditionalType6HC3, 'HC3');
    expectClose(hc3.interactionTests![0]!.statistic, r.interaction.F_HC3, 1e-8, 'Wald F');
    const h = hc3.interactionTests![0]!;
    expectClose(h.test === 'F' ? h.rSquaredChange : Number.NaN, r.interaction.rSquaredChange, 1e-12, 'R2 change under HC3');
    expectClose(hc3.johnsonNeyman!.points[0]!.w, r.johnsonNeymanHC3.points[0], 1e-8, 'JN HC3');
    expect(hc3.johnsonNeyman!.points.length).toBe(r.johnsonNeymanHC3.points.length);
    // The JN table spans the observed range and has the points inserted; at a point p = 1 − confidence.
    const table = hc3.johnsonNeyman!.table;
    expect(table.length).toBe(21 + hc3.johnsonNeyman!.points.length);
    const atPoint = table.find((row) => row.w === hc3.johnsonNeyman!.points[0]!.w)!;
    expectClose(atPoint.p, 0.05, 1e-9, 'p at the JN point');
  });
  it("center: 'all' mean-centres X and W before the product; probes are on the centred scale", () => {
    const res = processModel(peer, { ...opts, center: 'all' });
    const c = r.centered;
    expect(res.settings.centered).toEqual(['esse', 'ss']);
    expect(res.equations[0]!.coefficients.map((k) => k.term)).toEqual(['constant', 'esse', 'ss', 'esse:ss', 'gender', 'education']);
    const order = [0, 1, 2, 5, 3, 4]; // R: (Intercept) esse ss gender education esse:ss
    res.equations[0]!.coefficients.forEach((k, i) => {
      expectClose(k.estimate, c.b[order[i]!], 1e-9, `${k.term} b`);
      expectClose(k.se, c.se[order[i]!], 1e-9, `${k.term} se`);
    });
    res.moderators[0]!.probes.values.forEach((v, i) => expectClose(v, c.probesType6[i], 1e-12, `probe ${i}`));
    check(res.conditionalEffects!, c.conditional, 'centered');
    // 'continuous' leaves a dichotomous variable alone.
    const m7 = processModel(peer, { model: 7, x: 'esse', m: 'si', w: 'gender', y: 'pwb', center: 'continuous', resamples: 0 });
    expect(m7.settings.centered).toEqual(['esse']);
  });
});

describe('model 4 options', () => {
  const r = extra.model4;
  const base = { model: 4, x: 'esse', m: 'ss', y: 'pwb', covariates: ['gender', 'education', 'marital'], categorical: maritalLevels } as const;
  it("covariatesIn: 'mediators' and 'outcome' (PROCESS covmy = 1, 2)", () => {
    for (const [option, eqs] of [
      ['mediators', r.covariatesInMediators],
      ['outcome', r.covariatesInOutcome],
    ] as const) {
      const res = processModel(peer, { ...base, covariatesIn: option, resamples: 0 });
      eqs.forEach((e: any, i: number) => {
        const ours = res.equations[i]!;
        expect(ours.coefficients.length).toBe(e.b.length);
        ours.coefficients.forEach((k, j) => {
          expectClose(k.estimate, e.b[j], 1e-9, `${option} eq ${i} ${k.term}`);
          expectClose(k.se, e.se[j], 1e-9, `${option} eq ${i} ${k.term} se`);
        });
      });
    }
  });
  it('partially and completely standardized indirect effects', () => {
    const res = processModel(peer, { ...base, standardize: true, resamples: 1000, seed: 3 });
    expectClose(res.standardized!.partially[0]!.estimate, r.partiallyStandardized, 1e-10, 'partially');
    expectClose(res.standardized!.completely[0]!.estimate, r.completelyStandardized, 1e-10, 'completely');
    // Bootstrap intervals of the standardized effects bracket their estimates.
    for (const e of [...res.standardized!.partially, ...res.standardized!.completely]) {
      expect(e.lower!).toBeLessThan(e.estimate);
      expect(e.upper!).toBeGreaterThan(e.estimate);
    }
  });
});

describe('model 6 with three serial mediators', () => {
  it('seven indirect paths in PROCESS order, direct and total effects', () => {
    const r = extra.model6three;
    const res = processModel(peer, { model: 6, x: r.x, m: r.m, y: r.y, covariates: r.covariates, resamples: 0 });
    expect(res.indirectEffects!.map((e) => e.path.join('->'))).toEqual(r.paths.map((p: any) => p.path));
    res.indirectEffects!.forEach((e, i) => expectClose(e.estimate, r.paths[i].effect, 1e-10, e.label));
    expectClose(res.directEffect!.estimate, r.direct, 1e-10, 'direct');
    expectClose(res.totalEffect!.estimate, r.total, 1e-10, 'total');
    expect(res.indirectEffects![0]!.se).toBeNull();
    expect(res.bootstrap).toBeNull();
  });
});
