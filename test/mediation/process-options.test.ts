import { describe, expect, it } from 'vitest';
import { process } from '../../src/index.js';
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
      for (const k of ['w', 'effect', 'se', 't', 'p', 'lower', 'upper']) expectClose(got[i][k], c[k], k === 't' ? 1e-7 : 1e-9, `${what} ${i} ${k}`);
    });
  };
  it('default probes: 16th/50th/84th percentiles by PROCESS’s definition (type 6)', () => {
    const res = process(peer, opts);
    expect(res.probes!.values).toEqual(r.probesType6);
    check(res.conditionalEffects!, r.conditionalType6, 'type 6');
  });
  it("probes: 'moments' (mean ± SD) and given values", () => {
    check(process(peer, { ...opts, probes: 'moments' }).conditionalEffects!, r.conditionalMoments, 'moments');
    check(process(peer, { ...opts, probes: r.probesType6 }).conditionalEffects!, r.conditionalType6, 'given');
  });
  it('HC3 conditional effects, interaction test (classical and Wald) and Johnson–Neyman points', () => {
    const ols = process(peer, { ...opts, jn: true });
    const t = ols.interactionTests![0]!;
    expectClose(t.rSquaredChange, r.interaction.rSquaredChange, 1e-12, 'R2 change');
    expectClose(t.f, r.interaction.F, 1e-8, 'F');
    expect([t.df1, t.df2]).toEqual([r.interaction.df1, r.interaction.df2]);
    expectClose(t.p, r.interaction.p, 1e-10, 'p');
    ols.johnsonNeyman!.points.forEach((p, i) => {
      expectClose(p.w, r.johnsonNeyman.points[i], 1e-8, 'JN');
      expectClose(p.percentBelow, r.johnsonNeyman.percentBelow[i], 1e-9, 'JN % below');
      expectClose(p.percentAbove, r.johnsonNeyman.percentAbove[i], 1e-9, 'JN % above');
    });
    expect(ols.johnsonNeyman!.points.length).toBe(r.johnsonNeyman.points.length);
    const hc3 = process(peer, { ...opts, hc: 'HC3', jn: true });
    check(hc3.conditionalEffects!, r.conditionalType6HC3, 'HC3');
    expectClose(hc3.interactionTests![0]!.f, r.interaction.F_HC3, 1e-8, 'Wald F');
    expectClose(hc3.interactionTests![0]!.rSquaredChange, r.interaction.rSquaredChange, 1e-12, 'R2 change under HC3');
    expectClose(hc3.johnsonNeyman!.points[0]!.w, r.johnsonNeymanHC3.points[0], 1e-8, 'JN HC3');
    expect(hc3.johnsonNeyman!.points.length).toBe(r.johnsonNeymanHC3.points.length);
    // The JN table spans the observed range and has the points inserted; at a point p = 1 − confidence.
    const table = hc3.johnsonNeyman!.table;
    expect(table.length).toBe(21 + hc3.johnsonNeyman!.points.length);
    const atPoint = table.find((row) => row.w === hc3.johnsonNeyman!.points[0]!.w)!;
    expectClose(atPoint.p, 0.05, 1e-9, 'p at the JN point');
  });
  it("center: 'all' mean-centres X and W before the product; probes are on the centred scale", () => {
    const res = process(peer, { ...opts, center: 'all' });
    const c = r.centered;
    expect(res.settings.centered).toEqual(['ss', 'esse']);
    expect(res.equations[0]!.coefficients.map((k) => k.term)).toEqual(['constant', 'esse', 'ss', 'esse:ss', 'gender', 'education']);
    const order = [0, 1, 2, 5, 3, 4]; // R: (Intercept) esse ss gender education esse:ss
    res.equations[0]!.coefficients.forEach((k, i) => {
      expectClose(k.b, c.b[order[i]!], 1e-9, `${k.term} b`);
      expectClose(k.se, c.se[order[i]!], 1e-9, `${k.term} se`);
    });
    res.probes!.values.forEach((v, i) => expectClose(v, c.probesType6[i], 1e-12, `probe ${i}`));
    check(res.conditionalEffects!, c.conditional, 'centered');
    // 'continuous' leaves a dichotomous variable alone.
    const m7 = process(peer, { model: 7, x: 'esse', m: 'si', w: 'gender', y: 'pwb', center: 'continuous', bootstrap: 0 });
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
      const res = process(peer, { ...base, covariatesIn: option, bootstrap: 0 });
      eqs.forEach((e: any, i: number) => {
        const ours = res.equations[i]!;
        expect(ours.coefficients.length).toBe(e.b.length);
        ours.coefficients.forEach((k, j) => {
          expectClose(k.b, e.b[j], 1e-9, `${option} eq ${i} ${k.term}`);
          expectClose(k.se, e.se[j], 1e-9, `${option} eq ${i} ${k.term} se`);
        });
      });
    }
  });
  it('partially and completely standardized indirect effects', () => {
    const res = process(peer, { ...base, standardize: true, bootstrap: 1000, seed: 3 });
    expectClose(res.standardized!.partially[0]!.effect, r.partiallyStandardized, 1e-10, 'partially');
    expectClose(res.standardized!.completely[0]!.effect, r.completelyStandardized, 1e-10, 'completely');
    // Bootstrap intervals of the standardized effects bracket their estimates.
    for (const e of [...res.standardized!.partially, ...res.standardized!.completely]) {
      expect(e.lower!).toBeLessThan(e.effect);
      expect(e.upper!).toBeGreaterThan(e.effect);
    }
  });
});

describe('model 6 with three serial mediators', () => {
  it('seven indirect paths in PROCESS order, direct and total effects', () => {
    const r = extra.model6three;
    const res = process(peer, { model: 6, x: r.x, m: r.m, y: r.y, covariates: r.covariates, bootstrap: 0 });
    expect(res.indirectEffects!.map((e) => e.path.join('->'))).toEqual(r.paths.map((p: any) => p.path));
    res.indirectEffects!.forEach((e, i) => expectClose(e.effect, r.paths[i].effect, 1e-10, e.label));
    expectClose(res.directEffect!.effect, r.direct, 1e-10, 'direct');
    expectClose(res.totalEffect!.effect, r.total, 1e-10, 'total');
    expect(res.indirectEffects![0]!.se).toBeNull();
    expect(res.bootstrap).toBeNull();
  });
});
