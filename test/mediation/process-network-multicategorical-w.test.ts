import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatProcess, processModel, tidy, toApaTable, type CatalogProcessResult } from '../../src/index.js';
import { NETWORK, networkSections, type NetworkModelNumber } from '../../src/mediation/network.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { countingClose, expectEquations, expectInteractionFTests } from '../helpers/process-reference.js';

// PROCESS models 83–92 (a serial chain with W on some paths) with a multicategorical W (PROCESS's
// mcw), against R: lm on the same code columns with HC3 covariances
// (test/fixtures/process-network-multicategorical-w.R). Every coefficient, conditional direct and
// indirect effect at each group of W, index of moderated mediation per code (chains W is on once),
// contrast of the groups' conditional indirect effects (chains W is on more than once) and test of
// the products (W's codes together, k − 1 df) to 1e-9.

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
  directEffects: (Tested & { group: number | null })[];
  indirect: { path: string[]; group: number | null; estimate: number }[];
  index: { path: string[]; code: string; estimate: number }[];
  contrasts: { path: string[]; code: string; estimate: number }[];
  interactionTests: { outcome: string; term: string; rSquaredChange: number; fHc3: number; df1: number; df2: number; pHc3: number }[];
}
const ref = loadJson<{ cuts: { q1: number; q2: number }; runs: Run[] }>('process-network-multicategorical-w.json');
const rows = loadCsv('process-serial-models.csv').map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])));
const grouped = rows.map((d) => ({ ...d, g: 1 + Number(d.w! > ref.cuts.q1) + Number(d.w! > ref.cuts.q2) }));
const close = countingClose('process-network-multicategorical-w');

type Result = CatalogProcessResult<NetworkModelNumber>;
const run = (model: NetworkModelNumber, m: string[], extra: object = {}): Result =>
  processModel(grouped, { model, x: 'x', m, w: 'g', y: 'y', covariates: ['c1'], hc: 'HC3', resamples: 0, wCoding: 'indicator', ...extra } as never) as unknown as Result;

describe('models 83–92 with a multicategorical W against R (lm + HC3 on the same code columns)', () => {
  it('covers every moderated network model in two codings, and 83, 85, 87, 89, 91, 92 in a third', () => {
    for (const model of [83, 84, 85, 86, 87, 88, 89, 90, 91, 92]) for (const coding of ['indicator', 'helmert']) expect(ref.runs.some((r) => r.model === model && r.coding === coding)).toBe(true);
    for (const model of [83, 85, 87, 89, 91, 92]) expect(ref.runs.some((r) => r.model === model && r.coding === 'effect')).toBe(true);
  });
  for (const r of ref.runs) {
    describe(r.id, () => {
      const result = run(r.model, r.mediators, { wCoding: r.coding });
      it('W’s code columns, every equation’s terms and coefficients (HC3) and R²', () => {
        const w = result.moderators.find((m) => m.role === 'w')!;
        expect(w.coding?.columnNames).toEqual(r.codeNames);
        expect(w.probes.values).toEqual([1, 2, 3]);
        expectEquations(result.equations, r.equations, close);
      });
      it('the direct effect, or the conditional direct effects at each group of W', () => {
        const conditional = r.directEffects.some((d) => d.group !== null);
        expect(result.directEffect === null).toBe(conditional);
        expect(result.conditionalDirectEffects === null).toBe(!conditional);
        if (conditional) expect(result.conditionalDirectEffects!.map((e) => e.at.w)).toEqual([1, 2, 3]);
        for (const d of r.directEffects) {
          const mine = conditional ? result.conditionalDirectEffects!.find((e) => e.at.w === d.group) : result.directEffect;
          for (const f of FIELDS) close(mine?.[f], d[f], `direct at ${d.group} ${f}`);
        }
      });
      it('the (conditional) indirect effect of every chain at each group, the indices per code and the group contrasts', () => {
        const plain = r.indirect.filter((e) => e.group === null);
        const conditional = r.indirect.filter((e) => e.group !== null);
        expect(result.indirectEffects?.length ?? 0).toBe(plain.length);
        expect(result.conditionalIndirectEffects?.length ?? 0).toBe(conditional.length);
        for (const e of plain) close(result.indirectEffects!.find((i) => i.label === e.path.join(' -> '))?.estimate, e.estimate, `indirect ${e.path}`);
        for (const e of conditional) {
          const mine = result.conditionalIndirectEffects!.find((i) => i.mediator === e.path.join(' -> ') && i.at.w === e.group);
          close(mine?.estimate, e.estimate, `conditional indirect ${e.path} at ${e.group}`);
        }
        expect(result.indexOfModeratedMediation?.length ?? 0).toBe(r.index.length);
        for (const e of r.index) {
          const mine = result.indexOfModeratedMediation!.find((i) => i.code === e.code && i.mediator === e.path.join(' -> '));
          expect(mine?.moderator).toBe('w');
          close(mine?.estimate, e.estimate, `index ${e.path} ${e.code}`);
        }
        expect(result.groupContrasts?.length ?? 0).toBe(r.contrasts.length);
        for (const e of r.contrasts) {
          const mine = result.groupContrasts!.find((i) => i.code === e.code && i.mediator === e.path.join(' -> '));
          expect(mine?.at).toBeUndefined();
          close(mine?.estimate, e.estimate, `contrast ${e.path} ${e.code}`);
        }
        expect(result.conditionalIndirectDifferences).toBeNull();
      });
      it('the products’ tests: each source’s products with W’s codes together (k − 1 df)', () => {
        expectInteractionFTests(result.interactionTests, r.interactionTests, close);
      });
      it('has the sections NetworkSections lists for the model (group contrasts where a chain is not linear in W)', () => {
        const sections = networkSections(NETWORK.get(r.model)!, r.k);
        for (const key of ['directEffect', 'conditionalDirectEffects', 'indirectEffects', 'conditionalIndirectEffects', 'indexOfModeratedMediation'] as const) {
          expect(result[key] !== null, key).toBe(sections.includes(key));
        }
        expect(result.groupContrasts !== null).toBe(r.contrasts.length > 0);
      });
    });
  }
});

describe('models 83–92 with a multicategorical W: invariants, bootstrap, output, refusals', () => {
  it('relabelling which group is the reference (any order, any coding) leaves the interaction tests, R² and conditional effects unchanged', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(83, 84, 85, 86, 87, 88, 89, 90, 91, 92 as const),
        fc.shuffledSubarray(['1', '2', '3'], { minLength: 3, maxLength: 3 }),
        fc.constantFrom('indicator', 'sequential', 'helmert', 'effect' as const),
        (model, order, coding) => {
          const a = run(model, ['m1', 'm2']);
          const b = run(model, ['m1', 'm2'], { wCoding: coding, categorical: { g: order } });
          expect(b.moderators[0]!.coding?.levels).toEqual(order);
          const tests = (x: Result) => x.interactionTests.flatMap((t) => [t.statistic, t.p, t.test === 'F' ? t.rSquaredChange : NaN]);
          const r2 = (x: Result) => x.equations.map((e) => (e.family === 'linear' ? e.summary.rSquared : NaN));
          // Conditional effects are about groups, not codes: the same at each group, whatever the coding.
          const byGroup = (x: Result) => [
            ...(x.conditionalIndirectEffects ?? []).map((c) => [`${c.mediator}@${c.at.w}`, c.estimate] as const),
            ...(x.conditionalDirectEffects ?? []).map((c) => [`direct@${c.at.w}`, c.estimate] as const),
          ];
          const same = (p: readonly number[], q: readonly number[]) => {
            expect(q.length).toBe(p.length);
            q.forEach((v, i) => expect(Math.abs(v - p[i]!)).toBeLessThan(1e-9 * Math.max(1, Math.abs(p[i]!))));
          };
          same(tests(a), tests(b));
          expect(b.interactionTests.map((t) => t.term)).toEqual(a.interactionTests.map((t) => t.term));
          same(r2(a), r2(b));
          const ga = new Map(byGroup(a));
          const gb = byGroup(b);
          expect(gb.length).toBe(ga.size);
          for (const [key, v] of gb) expect(Math.abs(v - ga.get(key)!)).toBeLessThan(1e-9 * Math.max(1, Math.abs(v)));
        },
      ),
      { numRuns: 20, seed: 92 },
    );
  });
  it('an index per code is the difference of its chain’s conditional indirect effects between the code’s groups (indicator coding)', () => {
    for (const model of [83, 87, 88] as const) {
      const r = run(model, ['m1', 'm2']);
      for (const ix of r.indexOfModeratedMediation!) {
        const at = (w: number) => r.conditionalIndirectEffects!.find((c) => c.mediator === ix.mediator && c.at.w === w)!.estimate;
        const group = ix.code === 'g[2]' ? 2 : 3;
        expect(at(group) - at(1)).toBeCloseTo(ix.estimate, 10);
      }
    }
  });
  it('bootstraps every conditional indirect effect, index and group contrast', () => {
    const r = run(92, ['m1', 'm2'], { resamples: 1000, seed: 1 });
    for (const e of [...r.conditionalIndirectEffects!, ...r.groupContrasts!]) expect([e.se, e.lower, e.upper].every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
    const r87 = run(87, ['m1', 'm2'], { resamples: 1000, seed: 1 });
    for (const e of [...r87.indirectEffects!, ...r87.indexOfModeratedMediation!]) expect(e.lower! <= e.estimate && e.estimate <= e.upper!).toBe(true);
  });
  it('prints W’s coding, the conditional sections at each group, the indices per code and the contrasts in PROCESS’s layout; toApaTable and tidy carry them', () => {
    const r = run(92, ['m1', 'm2']);
    const text = formatProcess(r as never);
    expect(text).toContain('Coding of categorical W variable for analysis (indicator):');
    expect(text).toContain('Conditional direct effect(s) of X on Y:');
    expect(text).toContain('Contrasts of conditional indirect effects between groups of W:');
    expect(text).toMatch(/\nm1\*g +\S+ +\S+ +2\.0000 +290\.0000/);
    const t = tidy(r as never);
    expect(t.filter((x) => x.effect === 'groupContrasts').length).toBe(3 * 2);
    expect(t.filter((x) => x.effect === 'conditionalIndirectEffects').length).toBe(3 * 3);
    expect(JSON.stringify(toApaTable(r as never))).toContain('contrast of groups: 2 − 1');
    const r83 = run(83, ['m1', 'm2']);
    const text83 = formatProcess(r83 as never);
    expect(text83).toContain('Index of moderated mediation:');
    expect(text83).toMatch(/Index of moderated mediation:\n +Index +BootSE +BootLLCI +BootULCI\ng\[2\] +-?\d*\.\d{4} +NA/);
    expect(tidy(r83 as never).filter((x) => x.effect === 'indexOfModeratedMediation' && x.code === 'g[2]').length).toBe(2);
    expect(JSON.stringify(toApaTable(r83 as never))).toContain('Index of moderated mediation');
  });
  it('still refuses what has no W to code, probes for a multicategorical W, and two multicategorical variables', () => {
    const base = { x: 'x', m: ['m1', 'm2', 'm3'], w: 'g', y: 'y', resamples: 0 };
    for (const model of [80, 81] as const) expect(errorOf(() => processModel(grouped, { ...base, w: undefined, model, wCoding: 'indicator' } as never))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'wCoding' } });
    expect(errorOf(() => processModel(grouped, { ...base, model: 83, w: 'w', z: 'c1', zCoding: 'indicator' } as never))).toMatchObject({ code: 'INVALID_OPTION' });
    expect(errorOf(() => processModel(grouped, { ...base, model: 83, wCoding: 'indicator', probes: 'moments' } as never))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'probes' } });
    expect(errorOf(() => processModel(grouped, { ...base, model: 83, x: 'g', w: 'w', xCoding: 'indicator', wCoding: 'indicator' } as never))).toMatchObject({ code: 'INVALID_OPTION' });
    expect(errorOf(() => processModel(grouped, { ...base, model: 83, wCoding: 'indicator', jn: true } as never))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'jn' } });
  });
});
