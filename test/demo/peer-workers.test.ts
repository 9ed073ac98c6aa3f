// The demo (`npm run demo`) against the reference values of shared/reference/scripts/reference.R:
// deterministic numbers to 1e-6, bootstrap CIs within ±0.02 at the demo's 5,000 resamples, and
// the same numbers in the report it prints.
import { readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { cfa, efa, formatInterval, formatNumber, formatP, invariance, missingness, screenResponses, sem, type SemResult } from '../../src/index.js';
import { ESSE_CFA_MODEL, GENDER_GROUPS, genderRows, LATENT_H1_MODEL, runStudy, splitHalves, type ScaleKey, type StudyResult } from '../../examples/peer-workers/study.js';
import { expectAllClose, expectClose } from '../helpers/close.js';
import { loadJson } from '../helpers/fixtures.js';
import { psychkitTerm } from '../helpers/peer.js';

const csv = readFileSync(new URL('../../examples/peer-workers/peer-workers.csv', import.meta.url), 'utf8');
const ref = loadJson('peer-workers.json');
const TOL = 1e-6;
const BOOT_TOL = 0.02;

const started = performance.now();
const study = runStudy(csvParse(csv)); // the demo's settings: 5,000 resamples, seed 42
const seconds = (performance.now() - started) / 1000;
/** The study at 1,000 resamples and seed 7, run once for the tests that need another seed. */
let sevenRun: StudyResult | undefined;
const seven = (): StudyResult => (sevenRun ??= runStudy(csvParse(csv), { resamples: 1000, seed: 7 }));

const refScale: Record<ScaleKey, string> = { esse: 'esse', ss: 'mspss', si: 'si', pwb: 'pwb', rec: 'ras' };
const bounded = (x: number) => formatNumber(x, { leadingZero: false });
const text = study.report.text;
const lines = text.split('\n');

/** The first printed line that starts with `label` (after the line starting with `after`); fails if there is none. */
function line(label: string, after = ''): string {
  const from = lines.findIndex((l) => l.startsWith(after));
  const found = lines.slice(Math.max(0, from)).find((l) => l.startsWith(label));
  if (found === undefined) expect.fail(`no printed line starts with "${label}"`);
  return found;
}

/** Checks that `values` appear in `text` in this order, each as a whole token (not part of a longer number or word). */
function printsInOrder(text: string, values: readonly string[]): void {
  let from = 0;
  for (const v of values) {
    const pattern = new RegExp(`(?<![\\w.-])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`, 'g');
    pattern.lastIndex = from;
    const m = pattern.exec(text);
    if (m === null) expect.fail(`"${v}" not printed (in order) in: ${text}`);
    from = m.index + v.length;
  }
}

describe('the bundled data', () => {
  it('is the dataset the reference was computed on', () => {
    expect(csv).toBe(readFileSync(new URL('../fixtures/peer-workers.csv', import.meta.url), 'utf8'));
    expect(study.n).toBe(ref.n);
  });
  it('runs at the demo settings well inside the 15 s budget', () => {
    expect(study.settings).toEqual({ resamples: 5000, seed: 42 });
    expect(seconds).toBeLessThan(10);
  });
});

describe('scales and reliability', () => {
  it('scores every respondent as reference.R (mean of answered items, ≥ 80% answered)', () => {
    for (const s of study.scales) {
      const r = ref.scales[refScale[s.key]];
      expect(s.definition.items).toEqual(r.items);
      expect(s.definition.reverse).toEqual(r.reverse);
      expect(s.definition.response).toEqual({ min: r.min, max: r.max });
      s.scores.scores.forEach((v, i) => {
        const e = r.scores[i];
        if (e === null) expect(v, `${s.key}[${i}]`).toBeNull();
        else expectClose(v as number, e, TOL, `${s.key}[${i}]`);
      });
    }
  });
  it('PWB reverses exactly items 1, 2, 3, 8, 9, 11, 12, 13, 17, 18 (anchors agree → disagree)', () => {
    const pwb = study.scales.find((s) => s.key === 'pwb')!;
    expect(pwb.definition.reverse).toEqual([1, 2, 3, 8, 9, 11, 12, 13, 17, 18].map((i) => `pwb${i}`));
  });
  it("gives psych::alpha's α, Feldt CI and item statistics (pairwise)", () => {
    for (const s of study.scales) {
      const r = ref.alpha[refScale[s.key]].pairwise;
      const a = s.alpha;
      expectClose(a.alpha, r.alpha, TOL, `${s.key} alpha`);
      expectClose(a.standardizedAlpha, r.standardizedAlpha, TOL, `${s.key} std alpha`);
      expectClose(a.lambda6, r.guttmanLambda6, TOL, `${s.key} lambda6`);
      expectAllClose([a.lower, a.upper], r.feldt, TOL, `${s.key} Feldt`);
      expectAllClose(a.items.map((i) => i.rRest), r.itemRestCorrelation, TOL, `${s.key} r.drop`);
      expectAllClose(a.items.map((i) => i.alphaIfItemDeleted), r.ifItemDeleted, TOL, `${s.key} alpha if deleted`);
      expect(a.k).toBe(r.items.length);
    }
  });
  it('prints them: α, CI, k and the weakest item with its r and α if deleted', () => {
    for (const s of study.scales) {
      const r = ref.alpha[refScale[s.key]].pairwise;
      const worst = r.itemRestCorrelation.indexOf(Math.min(...r.itemRestCorrelation));
      printsInOrder(line(s.name, 'Table 3').replace(/\s+/g, ' '), [
        bounded(r.alpha),
        formatInterval(r.feldt[0], r.feldt[1], { leadingZero: false }),
        String(r.items.length),
        r.items[worst],
        bounded(r.itemRestCorrelation[worst]),
        bounded(r.ifItemDeleted[worst]),
      ]);
    }
  });
});

describe('ESSE factor structure', () => {
  const f = study.factor;
  it('eigenvalues, one-factor PA and two-factor PA/oblimin as psych::fa on listwise items', () => {
    const one = ref.efa.esse_1_pa_none;
    const two = ref.efa.esse_2_pa_oblimin;
    expect(f.oneFactor.n).toBe(one.n);
    expectAllClose(f.oneFactor.eigenvalues, one.eigenvalues, TOL, 'eigenvalues');
    expectAllClose(f.oneFactor.loadings.flat(), one.loadings.flat(), TOL, '1-factor loadings');
    expectAllClose(f.oneFactor.communalities, one.communalities, TOL, '1-factor h2');
    expectAllClose(f.twoFactor.loadings.flat(), two.loadings.flat(), TOL, '2-factor loadings');
    expectAllClose(f.twoFactor.phi.flat(), two.phi.flat(), TOL, 'phi');
    expectAllClose(f.twoFactor.communalities, two.communalities, TOL, '2-factor h2');
    expectClose(f.twoFactor.rmsr, two.rmsr, TOL, 'rmsr');
  });
  it('KMO and Bartlett as psych::KMO and cortest.bartlett', () => {
    expectClose(f.kmo.overall, ref.sampling.esse.kmo, TOL, 'KMO');
    expectClose(f.bartlett.statistic, ref.sampling.esse.bartlett.chisq, 1e-6 * ref.sampling.esse.bartlett.chisq, 'Bartlett');
    expect(f.bartlett.df).toBe(ref.sampling.esse.bartlett.df);
  });
  it('prints the eigenvalues, loadings and Φ', () => {
    const eig = ref.efa.esse_1_pa_none.eigenvalues as number[];
    eig.forEach((v, i) => printsInOrder(lines.find((l) => new RegExp(`^\\s+${i + 1}\\s`).test(l))!, [formatNumber(v)]));
    const two = ref.efa.esse_2_pa_oblimin;
    const start = lines.findIndex((l) => l === 'Table 6');
    two.loadings.forEach((l: number[], i: number) => {
      const printed = lines.slice(start).find((x) => x.startsWith(`esse${i + 1} `))!;
      printsInOrder(printed, [bounded(l[0]!), bounded(l[1]!), bounded(two.communalities[i])]);
    });
    printsInOrder(lines.slice(start).find((x) => x.startsWith('F2 '))!, [bounded(two.phi[1][0])]);
  });
});

describe('recovery', () => {
  const r = study.recovery;
  it('n, M, SD, median, range, skewness and kurtosis of every type, SES and SEK as reference.R', () => {
    const d = ref.describe.recovery;
    const row = r.describe.rows[0]!;
    expect(row.n).toBe(d.n);
    for (const k of ['mean', 'sd', 'median', 'min', 'max'] as const) expectClose(row[k] as number, d[k], TOL, k);
    expectClose(row.seSkewness!, d.seSkewness, TOL, 'SES');
    expectClose(row.seKurtosis!, d.seKurtosis, TOL, 'SEK');
    for (const m of r.moments) {
      expectClose(m.skewness, d.skewness[`type${m.type}`], TOL, `skewness type ${m.type}`);
      expectClose(m.kurtosis, d.kurtosis[`type${m.type}`], TOL, `kurtosis type ${m.type}`);
    }
  });
  it('the transforms reference.R computes: sqrt, log, reflect-sqrt, and the Box-Cox λ', () => {
    const by = (m: string) => r.transforms.candidates.find((c) => c.method === m)!;
    for (const [m, key] of [['sqrt', 'recovery_sqrt'], ['log', 'recovery_log'], ['reflect-sqrt', 'recovery_reflect_sqrt']] as const) {
      expectClose(by(m).skewness!, ref.describe[key].skewness.type2, TOL, `${m} skewness`);
      expectClose(by(m).kurtosis!, ref.describe[key].kurtosis.type2, TOL, `${m} kurtosis`);
    }
    expectClose(by('boxcox').parameters!.lambda!, ref.describe.recovery_boxcox.lambda, 1e-5, 'Box-Cox lambda');
  });
  it('prints them', () => {
    const d = ref.describe.recovery;
    printsInOrder(line('Recovery  ', 'Table 7'), [String(d.n), formatNumber(d.mean), formatNumber(d.sd), formatNumber(d.median), formatNumber(d.skewness.type2), formatNumber(d.seSkewness), formatNumber(d.kurtosis.type2), formatNumber(d.seKurtosis)]);
    printsInOrder(line('1: g₁'), [formatNumber(d.skewness.type1), formatNumber(d.kurtosis.type1)]);
    printsInOrder(line('3: b₁'), [formatNumber(d.skewness.type3), formatNumber(d.kurtosis.type3)]);
    printsInOrder(line('Square root '), [formatNumber(ref.describe.recovery_sqrt.skewness.type2)]);
    printsInOrder(line('Box-Cox '), [`λ = ${formatNumber(ref.describe.recovery_boxcox.lambda)}`]);
  });
});

/** R's coefficient `term` in a reference equation. */
function refCoef(eq: { terms: string[]; b: number[]; p: number[] }, term: string): number {
  const i = eq.terms.findIndex((t) => psychkitTerm(t) === term);
  if (i < 0) throw new Error(`no ${term}`);
  return eq.b[i]!;
}

describe('mediation', () => {
  const keys = { H1: 'h1_model4_esse_ss_pwb', H2: 'h2_model4_esse_si_pwb', H3: 'h3_model4_esse_ss_rec', H4: 'h4_model4_esse_si_rec' } as const;
  it('H1–H4: n, a, b, c′, c and ab as reference.R; the bootstrap CI within ±0.02', () => {
    for (const h of study.hypotheses) {
      const r = ref.process[keys[h.id]];
      const p = h.paths;
      expect(h.result.n).toBe(r.n);
      expectClose(p.a, refCoef(r.equations[0], 'esse'), TOL, `${h.id} a`);
      expectClose(p.b, refCoef(r.equations[1], h.mediator), TOL, `${h.id} b`);
      expectClose(p.cPrime, refCoef(r.equations[1], 'esse'), TOL, `${h.id} c'`);
      expectClose(p.c, refCoef(r.total, 'esse'), TOL, `${h.id} c`);
      expectClose(p.indirect, r.indirect[0].effect, TOL, `${h.id} ab`);
      expectClose(p.lower, r.indirect[0].bootLLCI, BOOT_TOL, `${h.id} lower`);
      expectClose(p.upper, r.indirect[0].bootULCI, BOOT_TOL, `${h.id} upper`);
      expectClose(h.result.indirectEffects![0]!.se!, r.indirect[0].bootSE, 0.1 * r.indirect[0].bootSE, `${h.id} boot SE`);
      // every coefficient of every equation, not only the paths
      [...h.result.equations, h.result.totalEffectModel!].forEach((eq, k) => {
        const re = k < 2 ? r.equations[k] : r.total;
        expect(eq.terms).toEqual(re.terms.map(psychkitTerm));
        expectAllClose(eq.coefficients.map((c) => c.estimate), re.b, TOL, `${h.id} eq ${k} b`);
        expectAllClose(eq.coefficients.map((c) => c.se), re.se, TOL, `${h.id} eq ${k} se`);
      });
    }
  });
  it('prints H1–H4 as reference.R gives them (CIs to the printed precision)', () => {
    for (const h of study.hypotheses) {
      const r = ref.process[keys[h.id]];
      const printed = line(`${h.id} `);
      printsInOrder(printed, [
        formatNumber(refCoef(r.equations[0], 'esse')),
        formatNumber(refCoef(r.equations[1], h.mediator)),
        formatNumber(refCoef(r.equations[1], 'esse')),
        formatNumber(refCoef(r.total, 'esse')),
        formatNumber(r.indirect[0].effect),
      ]);
      const [lo, hi] = printed.slice(printed.lastIndexOf('[') + 1, -1).split(', ').map(Number);
      expectClose(lo!, r.indirect[0].bootLLCI, BOOT_TOL + 0.005, `${h.id} printed lower`);
      expectClose(hi!, r.indirect[0].bootULCI, BOOT_TOL + 0.005, `${h.id} printed upper`);
    }
  });
  it('parallel model: specific and total indirect effects and the contrast', () => {
    const r = ref.process.parallel_model4_esse_ss_si_pwb;
    const res = study.parallel;
    res.indirectEffects!.forEach((e, j) => {
      expectClose(e.estimate, r.indirect[j].effect, TOL, `parallel ${j}`);
      expectClose(e.lower!, r.indirect[j].bootLLCI, BOOT_TOL, `parallel ${j} lower`);
      expectClose(e.upper!, r.indirect[j].bootULCI, BOOT_TOL, `parallel ${j} upper`);
    });
    expectClose(res.totalIndirectEffect!.estimate, r.totalIndirect.effect, TOL, 'total indirect');
    expectClose(res.totalIndirectEffect!.lower!, r.totalIndirect.bootLLCI, BOOT_TOL, 'total indirect lower');
    expectClose(res.totalIndirectEffect!.upper!, r.totalIndirect.bootULCI, BOOT_TOL, 'total indirect upper');
    const c = res.contrasts![0]!;
    expectClose(c.estimate, r.contrast.effect, TOL, 'contrast');
    expectClose(c.lower!, r.contrast.bootLLCI, BOOT_TOL, 'contrast lower');
    expectClose(c.upper!, r.contrast.bootULCI, BOOT_TOL, 'contrast upper');
  });
  it('serial model: the three indirect paths and the total', () => {
    const r = ref.process.serial_model6_esse_ss_si_pwb;
    const res = study.serial;
    expect(res.indirectEffects!.map((e) => e.path.join('->'))).toEqual(r.indirect.map((x: { path: string }) => x.path));
    res.indirectEffects!.forEach((e, j) => {
      expectClose(e.estimate, r.indirect[j].effect, TOL, `serial ${j}`);
      expectClose(e.lower!, r.indirect[j].bootLLCI, BOOT_TOL, `serial ${j} lower`);
      expectClose(e.upper!, r.indirect[j].bootULCI, BOOT_TOL, `serial ${j} upper`);
    });
    expectClose(res.totalIndirectEffect!.estimate, r.totalIndirect.effect, TOL, 'serial total');
  });
});

describe('correlations and hierarchical regression', () => {
  it('correlations, pairwise n and p as psych::corr.test', () => {
    expectAllClose(study.correlations.r.flat(), ref.correlations.r.flat(), TOL, 'r');
    expect(study.correlations.counts).toEqual(ref.correlations.n);
    expectAllClose(study.correlations.p.flat(), ref.correlations.p.flat(), TOL, 'p');
  });
  it('R², adjusted R², ΔR², F change, df and p of each step as lm/anova', () => {
    const h = study.hierarchical;
    expect(h.n).toBe(ref.hierarchical.n);
    h.steps.forEach((s, i) => {
      const r = ref.hierarchical.steps[i];
      expectClose(s.rSquared, r.R2, TOL, `step ${i + 1} R2`);
      expectClose(s.adjustedRSquared, r.adjR2, TOL, `step ${i + 1} adjR2`);
      if (i > 0) {
        expectClose(s.rSquaredChange, r.deltaR2, TOL, `step ${i + 1} dR2`);
        expectClose(s.statistic, r.Fchange, 1e-6 * r.Fchange, `step ${i + 1} F`);
        expect([s.df1, s.df2]).toEqual([r.df1, r.df2]);
        expectClose(s.p, r.p, 1e-12, `step ${i + 1} p`);
      }
    });
  });
  it('prints them', () => {
    const r = ref.correlations.r as number[][];
    printsInOrder(line('4. Well-being'), [bounded(r[3]![0]!), bounded(r[3]![1]!), bounded(r[3]![2]!)]);
    ref.hierarchical.steps.slice(1).forEach((r: { R2: number; adjR2: number; deltaR2: number; Fchange: number; p: number }, i: number) => {
      printsInOrder(line(`${i + 2} `), [bounded(r.R2), bounded(r.adjR2), bounded(r.deltaR2), formatNumber(r.Fchange), formatP(r.p, { prefix: false })]);
    });
  });
});

describe('cross-validation: EFA on half A, CFA on half B', () => {
  const cv = study.crossValidation;
  const rows = csvParse(csv);
  const items = Array.from({ length: 11 }, (_, i) => `esse${i + 1}`);
  it('splits the rows into two disjoint halves that together are every row, by the seeded shuffle', () => {
    const { efa: a, cfa: b } = cv.halves;
    expect(cv.seed).toBe(42);
    expect([a.length, b.length]).toEqual([134, 134]);
    expect(a.filter((i) => b.includes(i))).toEqual([]);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(Array.from({ length: rows.length }, (_, i) => i));
    expect(cv.halves).toEqual(splitHalves(rows.length, 42));
    // reproducible: the same seed gives the same halves, another seed others
    expect(seven().crossValidation.halves).toEqual(splitHalves(rows.length, 7));
    expect(seven().crossValidation.halves.efa).not.toEqual(a);
    expect(splitHalves(rows.length, 42)).toEqual(splitHalves(rows.length, 42));
  });
  it('fits the EFA on half A only, with the full-sample EFA settings', () => {
    const half = cv.halves.efa.map((i) => rows[i]!);
    const direct = efa(half, { columns: items, missing: 'listwise', factors: 2, extraction: 'pa', rotation: 'oblimin' });
    expect(cv.efa.loadings).toEqual(direct.loadings);
    expect(cv.efa.phi).toEqual(direct.phi);
    expect(cv.efa.n).toBe(half.filter((r) => items.every((c) => r[c] !== '')).length);
    expect([cv.efa.extraction, cv.efa.rotation, cv.efa.factors]).toEqual([study.factor.twoFactor.extraction, study.factor.twoFactor.rotation, 2]);
  });
  it('fits the two-factor CFA (FIML) on every row of half B and on no other', () => {
    expect(cv.model).toBe(ESSE_CFA_MODEL);
    expect(cv.cfa.n).toBe(cv.halves.cfa.length);
    expect(cv.cfa.missing).toBe('fiml');
    const direct = cfa(cv.halves.cfa.map((i) => rows[i]!), { model: ESSE_CFA_MODEL, missing: 'fiml' });
    expect(cv.cfa.parameters).toEqual(direct.parameters);
    expect(cv.cfa.fit).toEqual(direct.fit);
    expect(cv.cfa.reliability.map((r) => r.factor)).toEqual(['empathic', 'social']);
  });
  it('prints the fit, the standardized loadings, the factor correlation, ω and AVE, and reads the fit by the cutoffs', () => {
    const f = cv.cfa.fit;
    const section = text.slice(text.indexOf('Cross-validation: EFA and CFA'), text.indexOf('Distribution of recovery'));
    printsInOrder(section, [`χ²(${f.df})`, formatNumber(f.chiSquare), formatP(f.p), bounded(f.cfi), bounded(f.tli), bounded(f.rmsea.estimate), formatInterval(f.rmsea.lower, f.rmsea.upper, { leadingZero: false }), bounded(f.srmr)]);
    expect(section).toContain("Hu and Bentler's (1999) conventional cutoffs (CFI ≥ .95, RMSEA ≤ .06, SRMR ≤ .08)");
    expect(section).toContain('rules of thumb');
    const r = cv.cfa.parameters.find((q) => q.op === '~~' && q.lhs === 'empathic' && q.rhs === 'social')!;
    printsInOrder(lines.find((l) => l.startsWith('empathic  social'))!, [formatNumber(r.estimate), bounded(r.stdAll!)]);
    printsInOrder(lines.find((l) => l.startsWith('social    esse11'))!, [bounded(cv.cfa.parameters.find((q) => q.op === '=~' && q.rhs === 'esse11')!.stdAll!)]);
    for (const rel of cv.cfa.reliability) printsInOrder(lines.find((l) => l.startsWith(`${rel.factor}  `) && l.includes('–'))!, [bounded(rel.omega), bounded(rel.ave), bounded(Math.sqrt(rel.ave)), bounded(rel.alpha)]);
    expect(study.report.markdown).toContain('*Half A: two-factor principal-axis solution, oblimin rotation*');
    expect(study.report.html).toContain('Half B: confirmatory two-factor model of the ESSE');
  });
});

describe('ESSE as ordered categories (WLSMV) and across gender', () => {
  const o = study.orderedAndGender;
  const rows = csvParse(csv);
  const items = Array.from({ length: 11 }, (_, i) => `esse${i + 1}`);
  const complete = rows.filter((r) => items.every((c) => r[c] !== ''));
  const section = text.slice(text.indexOf('ESSE as ordered categories and across gender'), text.indexOf('Distribution of recovery'));
  const loadings = (r: SemResult) => r.parameters.filter((q) => q.op === '=~').map((q) => q.stdAll!);
  it('fits WLSMV and ML on the complete rows: the results of direct cfa() calls on exactly those rows', () => {
    expect(o.model).toBe(ESSE_CFA_MODEL);
    expect(o.wlsmv.estimator).toBe('WLSMV');
    expect([o.wlsmv.n, o.wlsmv.nDropped, o.ml.n]).toEqual([complete.length, rows.length - complete.length, complete.length]);
    expect(complete.length).toBe(228);
    const direct = cfa(complete, { model: ESSE_CFA_MODEL, ordered: true });
    expect(o.wlsmv.parameters).toEqual(direct.parameters);
    expect(o.wlsmv.fit).toEqual(direct.fit);
    expect(o.wlsmv.parameters.filter((q) => q.op === '|')).toHaveLength(11 * 4);
    const ml = cfa(complete, { model: ESSE_CFA_MODEL });
    expect([o.ml.estimator, o.ml.missing]).toEqual(['ML', 'listwise']);
    expect(o.ml.parameters).toEqual(ml.parameters);
    expect(o.ml.fit).toEqual(ml.fit);
  });
  it('tests configural, metric and scalar invariance across gender: a direct invariance() call with readable group labels', () => {
    expect(rows.every((r) => r.gender === '0' || r.gender === '1')).toBe(true);
    expect(genderRows(rows).map((r) => r.gender)).toEqual(rows.map((r) => (r.gender === '1' ? 'female' : 'other')));
    const direct = invariance(genderRows(rows), { model: ESSE_CFA_MODEL, group: 'gender', groupLabels: [...GENDER_GROUPS.values()] });
    const g = o.gender;
    expect(g.groups).toEqual(['female', 'other']);
    expect(g.models.map((m) => m.step)).toEqual(['configural', 'metric', 'scalar']);
    expect(g.models.map((m) => [m.test, m.deltaCfi, m.deltaRmsea])).toEqual(direct.models.map((m) => [m.test, m.deltaCfi, m.deltaRmsea]));
    expect(g.models.map((m) => m.result.fit)).toEqual(direct.models.map((m) => m.result.fit));
    expect(g.n).toBe(complete.length);
    expect(g.models[0]!.result.groups.map((x) => [x.label, x.n])).toEqual([
      ['female', complete.filter((r) => r.gender === '1').length],
      ['other', complete.filter((r) => r.gender === '0').length],
    ]);
  });
  it('prints the WLSMV fit and loadings beside ML, the invariance tests and their reading, and the APA table', () => {
    const { scaled, robust, srmr } = o.wlsmv.fit;
    printsInOrder(section, [
      String(o.wlsmv.n),
      `χ²(${scaled!.df})`,
      formatNumber(scaled!.chiSquare),
      formatP(scaled!.p),
      bounded(scaled!.cfi),
      bounded(robust!.cfi!),
      bounded(robust!.rmsea.estimate),
      formatInterval(robust!.rmsea.lower, robust!.rmsea.upper, { leadingZero: false }),
      bounded(srmr),
      bounded(Math.min(...loadings(o.wlsmv))),
      bounded(Math.max(...loadings(o.wlsmv))),
      bounded(Math.min(...loadings(o.ml))),
      bounded(Math.max(...loadings(o.ml))),
    ]);
    expect(loadings(o.wlsmv).every((x, i) => x > loadings(o.ml)[i]!)).toBe(true);
    expect(section).toContain('every loading is higher under WLSMV');
    const [, metric, scalar] = o.gender.models;
    for (const m of [metric!, scalar!]) {
      expect(m.test!.p).toBeGreaterThan(0.05);
      expect(m.deltaCfi!).toBeGreaterThan(-0.01);
      printsInOrder(section, [`${m.step} invariance`, 'holds', `Δχ²(${m.test!.df})`, formatNumber(m.test!.chiSquare), formatP(m.test!.p), formatNumber(m.deltaCfi!, { decimals: 3, leadingZero: false })]);
    }
    printsInOrder(section, ['165 female', '63 other']);
    const row = lines.find((l) => l.startsWith('Scalar '))!;
    printsInOrder(row, [formatNumber(scalar!.result.fit.chiSquare), `(${scalar!.result.fit.df})`, formatNumber(scalar!.test!.chiSquare), `(${scalar!.test!.df})`]);
    expect(study.report.markdown).toMatch(/^### ESSE as ordered categories and across gender$/m);
    expect(study.report.html).toContain('Measurement invariance of the two-factor ESSE model across gender');
    expect(section).toContain('Groups by gender: female (n = 165 of 198) and other (n = 63 of 70)');
  });
});

/** The rows with PWB's ten reverse-keyed items replaced by 8 − x, as lavaan's reference did. */
function latentRows(): Record<string, unknown>[] {
  const reverse = loadJson('cfa.json').cases.peer_mediation.prep.reverse as string[];
  return csvParse(csv).map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const item of reverse) out[item] = row[item] === '' ? null : 8 - Number(row[item]);
    return out;
  });
}

describe('latent H1 (SEM)', () => {
  const L = study.latentH1;
  const lavaan = loadJson('cfa.json').cases.peer_mediation;
  const direct = sem(latentRows(), { model: lavaan.model });
  const estimates = (r: SemResult) => r.parameters.map((q) => [q.lhs, q.op, q.rhs, q.estimate, q.stdAll]);
  it("is the peer_mediation model, with the estimates of a direct sem() call on the same rows (and lavaan's)", () => {
    expect(L.model).toBe(lavaan.model);
    expect(LATENT_H1_MODEL).toBe(lavaan.model);
    expect(L.result.n).toBe(lavaan.n.used);
    expect(estimates(L.result)).toEqual(estimates(direct));
    expect(L.result.fit.chiSquare).toBe(direct.fit.chiSquare);
    const ref = (label: string) => lavaan.parameters.find((q: { label: string }) => q.label === label);
    for (const [key, label] of [['a', 'a'], ['b', 'b'], ['cPrime', 'c'], ['indirect', 'indirect'], ['total', 'total']] as const) {
      expectClose(L.paths[key].estimate, ref(label).est, 1e-4, `${key} vs lavaan`);
      expectClose(L.paths[key].stdAll!, ref(label)['std.all'], 1e-4, `${key} std.all vs lavaan`);
    }
  });
  it('bootstraps with the study resamples and seed: the CIs of a direct sem() call with them', () => {
    expect(L.result.bootstrap).toMatchObject({ resamples: 5000, seed: 42, interval: 'percentile' });
    const s7 = seven().latentH1.result;
    const boot = sem(latentRows(), { model: lavaan.model, resamples: 1000, seed: 7 });
    expect(s7.parameters.map((q) => [q.lower, q.upper, q.se])).toEqual(boot.parameters.map((q) => [q.lower, q.upper, q.se]));
  });
  it('prints a, b, c′, the indirect effect with its CI and standardized value, the fit, and the comparison with PROCESS', () => {
    const p = L.paths;
    const section = text.slice(text.indexOf('Mediation: latent H1 (SEM)'), text.indexOf('Mediation: parallel and serial models'));
    printsInOrder(section, [`a = ${formatNumber(p.a.estimate)}`, `b = ${formatNumber(p.b.estimate)}`, `c′ = ${formatNumber(p.cPrime.estimate)}`, formatNumber(p.indirect.estimate), formatInterval(p.indirect.lower, p.indirect.upper), '5,000 resamples', bounded(p.indirect.stdAll!)]);
    printsInOrder(section, [`χ²(${L.result.fit.df})`, formatNumber(L.result.fit.chiSquare), bounded(L.result.fit.cfi), bounded(L.result.fit.srmr)]);
    const h1 = study.hypotheses[0]!;
    expect(L.processStandardized.n).toBe(h1.result.n);
    expect(p.indirect.stdAll!).toBeGreaterThan(L.processStandardized.indirect);
    expect(section).toMatch(/The latent indirect effect is (slightly )?larger than PROCESS's/);
    printsInOrder(lines.find((l) => l.startsWith('ab: indirect effect'))!, [formatNumber(p.indirect.estimate), formatInterval(p.indirect.lower, p.indirect.upper), bounded(p.indirect.stdAll!), formatNumber(h1.paths.indirect), formatInterval(h1.paths.lower, h1.paths.upper), bounded(L.processStandardized.indirect)]);
    // the latent section follows the PROCESS H1–H4 table
    expect(text.indexOf('Mediation: latent H1 (SEM)')).toBeGreaterThan(text.indexOf('Mediation: H1–H4'));
    expect(study.report.markdown).toMatch(/^### Mediation: latent H1 \(SEM\)$/m);
  });
  it('uses delta-method CIs and reports no SEM progress when resamples is 0', () => {
    const stages = new Set<string>();
    const none = runStudy(csvParse(csv), { resamples: 0, onProgress: (stage) => stages.add(stage) });
    expect(stages.size).toBe(0);
    expect(none.latentH1.result.bootstrap).toBeNull();
    const ind = direct.parameters.find((q) => q.lhs === 'indirect')!;
    expect([none.latentH1.paths.indirect.lower, none.latentH1.paths.indirect.upper]).toEqual([ind.lower, ind.upper]);
    expect(none.report.text).toContain('95% CI (delta method)');
  });
});

describe('screening', () => {
  it('reports missing values, Little\'s MCAR test and the careless-responding flags of every scale item, as direct calls give them', () => {
    const rows = csvParse(csv);
    const items = study.screening.items;
    expect(items).toHaveLength(71);
    const m = missingness(rows, { columns: items });
    expect(study.screening.missingness.mcar?.statistic).toBe(m.mcar?.statistic);
    expect(study.screening.missingness.mcar?.df).toBe(m.mcar?.df);
    const screen = screenResponses(rows, { columns: items });
    expect(study.screening.screen.flagCounts).toEqual(screen.flagCounts);
    expect(text).toContain(`Little's (1988) MCAR test: χ²(${m.mcar!.df.toLocaleString('en-US')}) = ${formatNumber(m.mcar!.statistic)}, ${formatP(m.mcar!.p)}`);
    expect(text.indexOf('Screening')).toBeLessThan(text.indexOf('Data and scales'));
    expect(study.report.markdown).toContain('Missing values per item');
  });
});

describe('the report', () => {
  const headings = [
    'Screening',
    'Data and scales',
    'Reliability',
    'Factor structure of the ESSE',
    'Cross-validation: EFA and CFA on random halves',
    'ESSE as ordered categories and across gender',
    'Distribution of recovery',
    'Mediation: H1–H4',
    'Mediation: latent H1 (SEM)',
    'Mediation: full model tables',
    'Mediation: parallel and serial models',
    'Correlations',
    'Hierarchical regression',
  ];
  it('has every section the issue lists, in the text, Markdown and HTML versions', () => {
    expect(study.headings).toEqual(headings);
    for (const h of headings.filter((x) => x !== 'Mediation: full model tables')) expect(lines).toContain(h);
    for (const h of headings) {
      expect(study.report.markdown).toMatch(new RegExp(`^#{2,3} ${h.replace(/[:()]/g, '\\$&')}$`, 'm'));
      expect(study.report.html).toContain(`>${h}</h`);
    }
    // Every table is numbered by the report renderers, in order: 17 in the text, 33 in Markdown and HTML.
    for (let t = 1; t <= 17; t++) expect(lines).toContain(`Table ${t}`);
    expect(lines).not.toContain('Table 18');
    expect(study.report.markdown.match(/^\*\*Table \d+\*\*\\$/gm)).toEqual(Array.from({ length: 33 }, (_, i) => `**Table ${i + 1}**\\`));
    expect(study.report.html.match(/<strong class="psychkit-number">Table \d+<\/strong>/g)).toHaveLength(33);
    expect((study.report.html.match(/<table /g) ?? []).length).toBe(33);
    expect(study.report.html.match(/<strong class="psychkit-number">Figure \d+<\/strong>/g)).toEqual(Array.from({ length: 7 }, (_, i) => `<strong class="psychkit-number">Figure ${i + 1}</strong>`));
    // the cross-reference follows the numbering of each rendering
    expect(text).toContain('Covariates as in Table 13;');
    expect(study.report.markdown).toContain('Covariates as in Table 21;');
  });
  it('embeds the scree plot (with the parallel-analysis line), the path diagrams and the SEM diagram in the HTML', () => {
    const html = study.report.html;
    expect(html.match(/<svg /g)).toHaveLength(7);
    expect(html).toContain('class="psychkit-scree"');
    expect(study.figures.scree).toContain('data-series="simulated"');
    expect(html.match(/class="psychkit-path-diagram"/g)).toHaveLength(5);
    expect(study.report.markdown).toContain('](scree.svg)');
    expect(study.report.markdown).toContain('](path-h1.svg)');
    expect(html.match(/class="psychkit-sem-diagram"/g)).toHaveLength(1);
    expect(study.figures.latentH1).toContain('class="psychkit-sem-diagram"');
    expect(study.report.markdown).toContain('](sem-h1.svg)');
  });
  it('is reproducible: the same seed gives the same report', () => {
    const again = seven();
    expect(runStudy(csvParse(csv), { resamples: 1000, seed: 7 }).report.html).toBe(again.report.html);
    expect(again.report.text).not.toBe(text);
  });
  it('reports bootstrap progress for each model, the latent H1 SEM included', () => {
    const stages = new Map<string, number>();
    runStudy(csvParse(csv), { resamples: 1000, seed: 1, onProgress: (stage, done, total) => (expect(total).toBe(1000), stages.set(stage, done)) });
    expect([...stages.keys()]).toHaveLength(7);
    expect([...stages.keys()].filter((k) => k.startsWith('latent H1'))).toEqual(['latent H1: esse → support → pwb (SEM)']);
    expect([...stages.values()].every((d) => d === 1000)).toBe(true);
  });
});
