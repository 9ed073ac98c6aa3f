import { describe, expect, it } from 'vitest';
import { formatProcess, processModel, toApaTable, type CatalogProcessResult, type NetworkModelNumber } from '../../src/index.js';
import { NETWORK, networkSections } from '../../src/mediation/network.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { expectReference } from '../helpers/close.js';
import { expectEquations } from '../helpers/process-reference.js';

// PROCESS 4's models 80–92 (mediators in series and in parallel, W on some paths), against R: lm on
// the same equations with HC3 (test/fixtures/process-serial-models.R), every deterministic number
// to 1e-9: coefficients, direct and conditional direct effects, the indirect effect of every chain
// at W's probes, the indices of moderated mediation and the product tests.

interface Ref {
  wProbes: number[];
  runs: {
    id: string;
    model: NetworkModelNumber;
    k: number;
    mediators: string[];
    equations: { outcome: string; coefficients: (Record<'estimate' | 'se' | 'statistic' | 'p' | 'lower' | 'upper', number> & { term: string })[]; rSquared: number }[];
    directEffects: ({ w: number | null } & Record<'estimate' | 'se' | 'statistic' | 'p' | 'lower' | 'upper', number>)[];
    indirect: { effects: { path: string[] | 'total'; w: number | null; estimate: number }[]; index: { path: string[]; estimate: number }[] };
    interactionTests: { outcome: string; term: string; rSquaredChange: number; fHc3: number; df1: number; df2: number; pHc3: number }[];
  }[];
}
const ref = loadJson<Ref>('process-serial-models.json');
const rows = loadCsv('process-serial-models.csv').map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])));
const FIELDS = ['estimate', 'se', 'statistic', 'p', 'lower', 'upper'] as const;

const close = expectReference;
const sameW = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) < 1e-9;

describe('PROCESS models 80–92 against R (lm with HC3 on the same equations)', () => {
  it('covers every network model', () => expect([...new Set(ref.runs.map((r) => r.model))].sort((a, b) => a - b)).toEqual([...NETWORK.keys()]));
  for (const r of ref.runs) {
    describe(r.id, () => {
      const moderated = r.model >= 83;
      const result = processModel(rows, {
        model: r.model,
        x: 'x',
        m: r.mediators,
        y: 'y',
        covariates: ['c1'],
        hc: 'HC3',
        resamples: 0,
        ...(moderated ? { w: 'w', probes: 'moments' } : {}),
      } as never) as unknown as CatalogProcessResult<NetworkModelNumber>;
      it('every equation: its terms and coefficients (HC3)', () => {
        expectEquations(result.equations, r.equations, close);
      });
      it('the direct effect, or the conditional direct effects at W’s probes', () => {
        for (const d of r.directEffects) {
          const mine = d.w === null ? result.directEffect : result.conditionalDirectEffects?.find((e) => sameW(e.at.w, d.w!));
          for (const f of FIELDS) close(mine?.[f], d[f], `direct at ${d.w} ${f}`);
        }
      });
      it('the indirect effect of every chain (conditional at W’s probes), the total, the indices', () => {
        const chains = new Set<string>();
        for (const e of r.indirect.effects) {
          if (e.path === 'total') {
            close(result.totalIndirectEffect?.estimate, e.estimate, 'total');
            continue;
          }
          const label = e.path.join(' -> ');
          chains.add(label);
          const mine = e.w === null ? result.indirectEffects?.find((i) => i.label === label) : result.conditionalIndirectEffects?.find((i) => i.mediator === label && sameW(i.at.w, e.w!));
          close(mine?.estimate, e.estimate, `${label} at ${e.w}`);
        }
        const mineChains = new Set([...(result.indirectEffects ?? []).map((i) => i.label), ...(result.conditionalIndirectEffects ?? []).map((i) => i.mediator)]);
        expect(mineChains).toEqual(chains);
        expect(result.indexOfModeratedMediation?.length ?? 0).toBe(r.indirect.index.length);
        for (const e of r.indirect.index) close(result.indexOfModeratedMediation?.find((i) => i.mediator === e.path.join(' -> '))?.estimate, e.estimate, `index ${e.path}`);
      });
      it('each product’s test: R² change and the HC3 Wald F', () => {
        expect(result.interactionTests.length).toBe(r.interactionTests.length);
        for (const t of r.interactionTests) {
          const mine = result.interactionTests.find((x) => x.equation === t.outcome && x.term === t.term)!;
          expect(mine, `${t.outcome} ${t.term}`).toBeDefined();
          close(mine.statistic, t.fHc3, 'F');
          close(mine.p, t.pHc3, 'p');
          close(mine.test === 'F' ? mine.rSquaredChange : null, t.rSquaredChange, 'R² change');
        }
      });
      it('has exactly the sections NetworkSections lists', () => {
        const present = ['directEffect', 'conditionalDirectEffects', 'indirectEffects', 'conditionalIndirectEffects', 'indexOfModeratedMediation', 'indexOfPartialModeratedMediation', 'indexOfModeratedModeratedMediation'].filter(
          (key) => (result as unknown as Record<string, unknown>)[key] !== null,
        );
        expect(present.sort()).toEqual(networkSections(NETWORK.get(r.model)!, r.k).sort());
      });
    });
  }
});

describe('PROCESS models 80–92: mediator counts, bootstrap, printing', () => {
  it('takes the mediator counts PROCESS 4 allows', () => {
    expect(errorOf(() => processModel(rows, { model: 80, x: 'x', m: ['m1', 'm2'], y: 'y', resamples: 0 }))).toMatchObject({ code: 'TOO_FEW_VARIABLES', details: { option: 'm' } });
    expect(errorOf(() => processModel(rows, { model: 82, x: 'x', m: ['m1', 'm2', 'm3'], y: 'y', resamples: 0 }))).toMatchObject({ code: 'TOO_FEW_VARIABLES' });
    expect(errorOf(() => processModel(rows, { model: 83, x: 'x', m: ['m1'], w: 'w', y: 'y', resamples: 0 }))).toMatchObject({ code: 'TOO_FEW_VARIABLES' });
    expect(errorOf(() => processModel(rows, { model: 84, x: 'x', m: ['m1', 'm2'], w: 'w', y: 'y', contrasts: true, resamples: 0 } as never))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'contrasts' } });
  });
  it('bootstraps every chain; an index is the slope of its conditional indirect effects; printing names the chains', () => {
    const r = processModel(rows, { model: 91, x: 'x', m: ['m1', 'm2', 'm3'], w: 'w', y: 'y', resamples: 1000, seed: 5, probes: 'moments' });
    const [lo, , hi] = r.moderators[0]!.probes.values as [number, number, number];
    for (const index of r.indexOfModeratedMediation) {
      const at = (w: number) => r.conditionalIndirectEffects.find((c) => c.mediator === index.mediator && c.at.w === w)!.estimate;
      expect((at(hi) - at(lo)) / (hi - lo)).toBeCloseTo(index.estimate, 10);
      expect(index.lower!).toBeLessThan(index.upper!);
    }
    const text = formatProcess(r);
    expect(text).toContain('x        ->    m1        ->    m2        ->    y');
    expect(text).toContain('x        ->    m1        ->    m2        ->    m3        ->    y');
    expect(toApaTable(r).rows.length).toBeGreaterThan(10);
  });
});

describe('the total effect of the unmoderated network models (80–82)', () => {
  it('is the direct effect plus every chain’s indirect effect (OLS), from Y regressed on X and the covariates', () => {
    for (const [model, m] of [
      [80, ['m1', 'm2', 'm3']],
      [81, ['m1', 'm2', 'm3', 'm4']],
      [82, ['m1', 'm2', 'm3', 'm4']],
    ] as const) {
      const r = processModel(rows, { model, x: 'x', m: [...m], y: 'y', covariates: ['c1'], resamples: 0 });
      expect(r.totalEffectModel!.coefficients.map((c) => c.term)).toEqual(['constant', 'x', 'c1']);
      const sum = r.directEffect.estimate + r.indirectEffects.reduce((s, e) => s + e.estimate, 0);
      expect(r.totalEffect!.estimate).toBeCloseTo(sum, 12);
      expect(r.totalIndirectEffect!.estimate).toBeCloseTo(r.totalEffect!.estimate - r.directEffect.estimate, 12);
    }
    expect(processModel(rows, { model: 80, x: 'x', m: ['m1', 'm2', 'm3'], y: 'y', total: false, resamples: 0 }).totalEffect).toBeNull();
    expect(processModel(rows, { model: 83, x: 'x', m: ['m1', 'm2'], w: 'w', y: 'y', resamples: 0 }).totalEffect).toBeNull();
  });
});

describe('standardized indirect effects of the unmoderated network models (PROCESS effsize)', () => {
  it('partially: each chain over SD_Y; completely: times SD_X; the total too', () => {
    const r = processModel(rows, { model: 81, x: 'x', m: ['m1', 'm2', 'm3'], y: 'y', standardize: true, resamples: 0 });
    const sd = (k: string) => {
      const v = rows.map((d) => d[k]!);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      return Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
    };
    const all = [...r.indirectEffects, r.totalIndirectEffect!];
    expect(r.standardized!.partially.map((e) => e.label)).toEqual(all.map((e) => e.label));
    r.standardized!.partially.forEach((e, i) => expect(e.estimate).toBeCloseTo(all[i]!.estimate / sd('y'), 12));
    r.standardized!.completely.forEach((e, i) => expect(e.estimate).toBeCloseTo((all[i]!.estimate * sd('x')) / sd('y'), 12));
    expect(() => processModel(rows, { model: 83, x: 'x', m: ['m1', 'm2'], w: 'w', y: 'y', standardize: true, resamples: 0 } as never)).toThrow(/standardize/);
  });
});

describe('contrasts between the chains of the unmoderated network models', () => {
  it('every pair of chains, first minus second, bootstrapped', () => {
    const r = processModel(rows, { model: 82, x: 'x', m: ['m1', 'm2', 'm3', 'm4'], y: 'y', contrasts: true, resamples: 1000, seed: 4 });
    const k = r.indirectEffects.length;
    expect(r.contrasts).toHaveLength((k * (k - 1)) / 2);
    for (const c of r.contrasts!) {
      const est = (label: string) => r.indirectEffects.find((e) => e.label === label)!.estimate;
      expect(c.estimate).toBeCloseTo(est(c.first) - est(c.second), 12);
      expect(c.lower!).toBeLessThan(c.upper!);
    }
    expect(formatProcess(r)).toContain('Specific indirect effect contrast definition(s):');
  });
});

// A multicategorical X in models 80–82 (X cut into quartile groups), against R (lm + HC3 on the
// same code columns, test/fixtures/process-network-multicategorical.R).
describe('models 80–82 with a multicategorical X against R', () => {
  interface McRun {
    id: string;
    model: 80 | 81 | 82;
    coding: 'indicator' | 'helmert';
    mediators: string[];
    codeNames: string[];
    equations: { outcome: string; coefficients: (Record<'estimate' | 'se' | 'statistic' | 'p' | 'lower' | 'upper', number> & { term: string })[] }[];
    directEffects: (Record<'estimate' | 'se' | 'statistic' | 'p' | 'lower' | 'upper', number> & { code: string })[];
    omnibus: { rSquaredChange: number; fHc3: number; df1: number; df2: number; pHc3: number };
    indirect: { path: string[] | 'total'; code: string; estimate: number }[];
    totalEffects: (Record<'estimate' | 'se' | 'statistic' | 'p' | 'lower' | 'upper', number> & { code: string })[];
    totalOmnibus: { rSquaredChange: number; fHc3: number; df1: number; df2: number; pHc3: number };
  }
  const mc = loadJson<{ cuts: { q25: number; q50: number; q75: number }; runs: McRun[] }>('process-network-multicategorical.json');
  const grouped = rows.map((d) => ({ ...d, g: 1 + Number(d.x! > mc.cuts.q25) + Number(d.x! > mc.cuts.q50) + Number(d.x! > mc.cuts.q75) }));
  for (const r of mc.runs) {
    it(r.id, () => {
      const result = processModel(grouped, { model: r.model, x: 'g', m: r.mediators, y: 'y', covariates: ['c1'], hc: 'HC3', xCoding: r.coding, resamples: 0 });
      expect(result.xCoding.columnNames).toEqual(r.codeNames);
      for (const eq of r.equations) {
        const mine = result.equations.find((e) => e.outcome === eq.outcome)!;
        expect(mine.coefficients.map((c) => c.term)).toEqual(eq.coefficients.map((c) => c.term));
        for (const c of eq.coefficients) for (const f of FIELDS) close(mine.coefficients.find((x) => x.term === c.term)![f], c[f], `${eq.outcome} ${c.term} ${f}`);
      }
      for (const d of r.directEffects) for (const f of FIELDS) close(result.directEffects.find((e) => e.code === d.code)![f], d[f], `direct ${d.code} ${f}`);
      for (const t of r.totalEffects) for (const f of FIELDS) close(result.totalEffects!.find((e) => e.code === t.code)![f], t[f], `total ${t.code} ${f}`);
      for (const e of r.indirect) {
        const mine = e.path === 'total' ? result.totalIndirectEffects!.find((t) => t.code === e.code) : result.indirectEffects.find((i) => i.code === e.code && i.label === (e.path as string[]).join(' -> '));
        close(mine?.estimate, e.estimate, `indirect ${String(e.path)} ${e.code}`);
      }
      const [direct, total] = result.omnibusTests as [(typeof result.omnibusTests)[number], (typeof result.omnibusTests)[number]];
      for (const [mine, ref] of [
        [direct, r.omnibus],
        [total, r.totalOmnibus],
      ] as const) {
        expect(mine.test).toBe('F');
        if (mine.test !== 'F') continue;
        close(mine.statistic, ref.fHc3, 'omnibus F');
        close(mine.p, ref.pHc3, 'omnibus p');
        close(mine.rSquaredChange, ref.rSquaredChange, 'omnibus R² change');
        expect([mine.df1, mine.df2]).toEqual([ref.df1, ref.df2]);
      }
    });
  }
  it('prints a block per chain, each with a row per code', () => {
    const grouped2 = rows.map((d) => ({ ...d, g: 1 + Number(d.x! > mc.cuts.q25) + Number(d.x! > mc.cuts.q50) }));
    const text = formatProcess(processModel(grouped2, { model: 80, x: 'g', m: ['m1', 'm2', 'm3'], y: 'y', xCoding: 'indicator', standardize: true, resamples: 1000, seed: 1 }));
    expect(text).toContain('g        ->    m1        ->    m3        ->    y');
    expect(text).toContain('Relative total effects of X on Y:');
    expect(text).toContain('Partially standardized relative indirect effect(s) of X on Y (g -> m2 -> m3 -> y):');
  });
  it('refuses a continuous X (300 groups) as a multicategorical X in the moderated network models', () => {
    expect(errorOf(() => processModel(rows, { model: 83, x: 'x', m: ['m1', 'm2'], w: 'w', y: 'y', xCoding: 'indicator', resamples: 0 } as never))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'xCoding' } });
  });
});
