import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatProcess, processModel, tidy, toApaTable, type RelativeProcessResult } from '../../src/index.js';
import { NETWORK, networkSections, type NetworkModelNumber } from '../../src/mediation/network.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { countingClose, expectEquations, expectInteractionFTests } from '../helpers/process-reference.js';

// PROCESS models 83–92 (a serial chain with W on some paths) with a multicategorical X (PROCESS's
// mcx), against R: lm on the same code columns with HC3 covariances
// (test/fixtures/process-network-multicategorical-moderated.R). Every coefficient, relative
// (conditional) direct effect, relative conditional indirect effect at W's probes, index of
// moderated mediation, omnibus test of X and product test to 1e-9.

const FIELDS = ['estimate', 'se', 'statistic', 'p', 'lower', 'upper'] as const;
type Tested = Record<(typeof FIELDS)[number], number>;
interface Run {
  id: string;
  model: NetworkModelNumber;
  k: number;
  coding: 'indicator' | 'helmert' | 'effect';
  mediators: string[];
  codeNames: string[];
  equations: { outcome: string; coefficients: (Tested & { term: string })[]; rSquared: number }[];
  directEffects: (Tested & { code: string; w: number | null })[];
  indirect: { path: string[]; code: string; w: number | null; estimate: number }[];
  index: { path: string[]; code: string; estimate: number }[];
  omnibus: { outcome: string; w: number | null; fHc3: number; df1: number; df2: number; pHc3: number; rSquaredChange: number | null }[];
  interactionTests: { outcome: string; term: string; rSquaredChange: number; fHc3: number; df1: number; df2: number; pHc3: number }[];
}
const ref = loadJson<{ cuts: { q25: number; q50: number; q75: number }; wProbes: number[]; runs: Run[] }>('process-network-multicategorical-moderated.json');
const rows = loadCsv('process-serial-models.csv').map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])));
const grouped = rows.map((d) => ({ ...d, g: 1 + Number(d.x! > ref.cuts.q25) + Number(d.x! > ref.cuts.q50) + Number(d.x! > ref.cuts.q75) }));
const close = countingClose('process-network-multicategorical-moderated');
const sameW = (a: number | undefined, b: number | null) => (b === null ? a === undefined : a !== undefined && Math.abs(a - b) < 1e-9);

type Result = RelativeProcessResult<NetworkModelNumber>;
const run = (model: NetworkModelNumber, m: string[], extra: object = {}): Result =>
  processModel(grouped, { model, x: 'g', m, w: 'w', y: 'y', covariates: ['c1'], hc: 'HC3', probes: 'moments', resamples: 0, xCoding: 'indicator', ...extra } as never) as unknown as Result;

describe('models 83–92 with a multicategorical X against R (lm + HC3 on the same code columns)', () => {
  it('covers every moderated network model in two codings, and 83, 85, 87, 89, 91, 92 in a third', () => {
    for (const model of [83, 84, 85, 86, 87, 88, 89, 90, 91, 92]) for (const coding of ['indicator', 'helmert']) expect(ref.runs.some((r) => r.model === model && r.coding === coding)).toBe(true);
    for (const model of [83, 85, 87, 89, 91, 92]) expect(ref.runs.some((r) => r.model === model && r.coding === 'effect')).toBe(true);
  });
  for (const r of ref.runs) {
    describe(r.id, () => {
      const result = run(r.model, r.mediators, { xCoding: r.coding });
      it('the code columns, every equation’s terms and coefficients (HC3) and R²', () => {
        expect(result.xCoding.columnNames).toEqual(r.codeNames);
        expectEquations(result.equations, r.equations, close);
      });
      it('the relative direct effects, or the relative conditional direct effects at W’s probes', () => {
        const conditional = r.directEffects.some((d) => d.w !== null);
        expect(result.directEffects === null).toBe(conditional);
        expect(result.conditionalDirectEffects === null).toBe(!conditional);
        const mineAll = (conditional ? result.conditionalDirectEffects : result.directEffects)!;
        expect(mineAll.length).toBe(r.directEffects.length);
        for (const d of r.directEffects) {
          const mine = conditional ? result.conditionalDirectEffects!.find((e) => e.code === d.code && sameW(e.at.w, d.w)) : result.directEffects!.find((e) => e.code === d.code);
          for (const f of FIELDS) close(mine?.[f], d[f], `direct ${d.code} at ${d.w} ${f}`);
        }
      });
      it('the relative (conditional) indirect effect of every chain per code, and the indices', () => {
        const plain = r.indirect.filter((e) => e.w === null);
        const conditional = r.indirect.filter((e) => e.w !== null);
        expect(result.indirectEffects?.length ?? 0).toBe(plain.length);
        expect(result.conditionalIndirectEffects?.length ?? 0).toBe(conditional.length);
        for (const e of plain) close(result.indirectEffects!.find((i) => i.code === e.code && i.label === e.path.join(' -> '))?.estimate, e.estimate, `indirect ${e.path} ${e.code}`);
        for (const e of conditional) {
          const mine = result.conditionalIndirectEffects!.find((i) => i.code === e.code && i.mediator === e.path.join(' -> ') && sameW(i.at.w, e.w));
          close(mine?.estimate, e.estimate, `conditional indirect ${e.path} ${e.code} at ${e.w}`);
        }
        expect(result.indexOfModeratedMediation?.length ?? 0).toBe(r.index.length);
        for (const e of r.index) {
          const mine = result.indexOfModeratedMediation!.find((i) => i.code === e.code && i.mediator === e.path.join(' -> '));
          expect(mine?.moderator).toBe('w');
          close(mine?.estimate, e.estimate, `index ${e.path} ${e.code}`);
        }
        expect(result.totalIndirectEffects).toBeNull();
      });
      it('the omnibus tests of X (at W’s probes where W is on X’s path)', () => {
        expect(result.omnibusTests.length).toBe(r.omnibus.length);
        r.omnibus.forEach((o, i) => {
          const mine = result.omnibusTests[i]!;
          expect(mine.test).toBe('F');
          if (mine.test !== 'F') return;
          expect(mine.equation).toBe(o.outcome);
          expect(sameW(mine.at.w, o.w)).toBe(true);
          close(mine.statistic, o.fHc3, `omnibus ${o.outcome} at ${o.w} F`);
          close(mine.p, o.pHc3, `omnibus ${o.outcome} at ${o.w} p`);
          expect([mine.df1, mine.df2]).toEqual([o.df1, o.df2]);
          if (o.rSquaredChange === null) expect(mine.rSquaredChange).toBeNull();
          else close(mine.rSquaredChange, o.rSquaredChange, `omnibus ${o.outcome} R² change`);
        });
      });
      it('the products’ tests: X’s codes with W together, each Mi × W alone', () => {
        expectInteractionFTests(result.interactionTests, r.interactionTests, close);
      });
      it('has the sections NetworkSections lists for the model', () => {
        const sections = networkSections(NETWORK.get(r.model)!, r.k).map((s) => (s === 'directEffect' ? 'directEffects' : s));
        for (const key of ['directEffects', 'conditionalDirectEffects', 'indirectEffects', 'conditionalIndirectEffects', 'indexOfModeratedMediation'] as const) {
          expect(result[key] !== null, key).toBe(sections.includes(key));
        }
      });
    });
  }
});

describe('models 83–92 with a multicategorical X: invariants, bootstrap, output', () => {
  it('relabelling which group is the reference (any order, any coding) leaves the omnibus tests and R² unchanged', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(83, 84, 85, 86, 87, 88, 89, 90, 91, 92 as const),
        fc.shuffledSubarray(['1', '2', '3', '4'], { minLength: 4, maxLength: 4 }),
        fc.constantFrom('indicator', 'sequential', 'helmert', 'effect' as const),
        (model, order, coding) => {
          const a = run(model, ['m1', 'm2']);
          const b = run(model, ['m1', 'm2'], { xCoding: coding, categorical: { g: order } });
          expect(b.xCoding.levels).toEqual(order);
          const stats = (x: Result) => [...x.omnibusTests.flatMap((t) => [t.statistic, t.p]), ...x.interactionTests.map((t) => t.statistic), ...x.equations.map((e) => (e.family === 'linear' ? e.summary.rSquared : NaN))];
          const sa = stats(a);
          const sb = stats(b);
          expect(sb.length).toBe(sa.length);
          sb.forEach((v, i) => expect(Math.abs(v - sa[i]!)).toBeLessThan(1e-9 * Math.max(1, Math.abs(sa[i]!))));
        },
      ),
      { numRuns: 20, seed: 83 },
    );
  });
  it('an index is the slope in W of its chain’s relative conditional indirect effects', () => {
    for (const model of [83, 87, 91] as const) {
      const r = run(model, ['m1', 'm2']);
      for (const ix of r.indexOfModeratedMediation!) {
        const at = r.conditionalIndirectEffects!.filter((c) => c.code === ix.code && c.mediator === ix.mediator);
        const [lo, , hi] = at as [(typeof at)[number], unknown, (typeof at)[number]];
        expect((hi.estimate - lo.estimate) / (hi.at.w! - lo.at.w!)).toBeCloseTo(ix.estimate, 10);
      }
    }
  });
  it('bootstraps every relative (conditional) indirect effect and index', () => {
    const r = run(92, ['m1', 'm2'], { resamples: 1000, seed: 1 });
    for (const e of r.conditionalIndirectEffects!) expect([e.se, e.lower, e.upper].every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
    const r87 = run(87, ['m1', 'm2'], { resamples: 1000, seed: 1 });
    for (const e of [...r87.indirectEffects!, ...r87.indexOfModeratedMediation!]) expect(e.lower! <= e.estimate && e.estimate <= e.upper!).toBe(true);
  });
  it('prints the relative sections in PROCESS’s layout; toApaTable and tidy carry them', () => {
    const r = run(85, ['m1', 'm2']);
    const text = formatProcess(r as never);
    expect(text).toContain('Coding of categorical X variable for analysis (indicator):');
    expect(text).toContain('Test(s) of equality of conditional means (all relative effects of X zero):');
    expect(text).toContain('Relative conditional direct effect(s) of X on Y:');
    expect(text).toContain('Relative conditional indirect effects of X on Y:');
    expect(text).toContain('g        ->    m1        ->    m2        ->    y');
    expect(text).toContain('Index of moderated mediation:');
    const t = tidy(r as never);
    expect(t.filter((x) => x.effect === 'conditionalIndirectEffects' && x.code === 'g[2]').length).toBe(9);
    expect(t.filter((x) => x.effect === 'indexOfModeratedMediation').length).toBe(9);
    const apa = JSON.stringify(toApaTable(r as never));
    expect(apa).toContain('omnibus test of g at w = 0.0281: F(3, 290)');
    expect(apa).toContain('Direct effect of g: 3 at w = 1.0048');
    expect(apa).toContain('Indirect effect of g: 3 via m1 -> m2 at w = -0.9485');
    expect(apa).toContain('Index of moderated mediation of g: 4 (m1 -> m2)');
  });
  it('a dichotomous W: each conditionally moderated chain’s difference per code is the high minus the low conditional indirect effect', () => {
    const two = grouped.map((d) => ({ ...d, w: Number((d as Record<string, number>)['w']! > 0) }));
    const r = processModel(two, { model: 84, x: 'g', m: ['m1', 'm2'], w: 'w', y: 'y', xCoding: 'indicator', resamples: 0 });
    expect(r.conditionalIndirectDifferences!.length).toBe(3 * 3);
    for (const d of r.conditionalIndirectDifferences!) {
      const at = (w: number) => r.conditionalIndirectEffects.find((c) => c.code === d.code && c.mediator === d.mediator && c.at.w === w)!.estimate;
      expect(d.values).toEqual([0, 1]);
      expect(d.estimate).toBeCloseTo(at(1) - at(0), 12);
    }
  });
  it('is typed: the sections model 87 has are non-null', () => {
    const r = processModel(grouped, { model: 87, x: 'g', m: ['m1', 'm2'], w: 'w', y: 'y', xCoding: 'helmert', resamples: 0 });
    const direct: readonly { code: string; estimate: number }[] = r.directEffects;
    const conditional: readonly { code: string; mediator: string }[] = r.conditionalIndirectEffects;
    expect(direct.length).toBe(3);
    expect(conditional.length).toBe(3 * 3 * 2);
    expect(r.indirectEffects.map((e) => e.label)).toEqual(['m1', 'm1', 'm1']);
  });
  it('still refuses the options that need a numeric X or an unmoderated model', () => {
    expect(errorOf(() => run(83, ['m1', 'm2'], { standardize: true }))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'standardize' } });
    expect(errorOf(() => run(87, ['m1', 'm2'], { jn: true }))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'jn' } });
    expect(errorOf(() => run(91, ['m1', 'm2'], { contrasts: true }))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'contrasts' } });
    expect(errorOf(() => run(92, ['m1', 'm2'], { wCoding: 'indicator' }))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'wCoding' } });
  });
});
