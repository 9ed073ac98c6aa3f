import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatProcess, processModel, tidy, toApaTable, type CatalogProcessResult } from '../../src/index.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { expectReference } from '../helpers/close.js';

// A multicategorical W (wCoding, PROCESS's mcw) or Z (zCoding, mcz) in the models with two
// moderators, against R: lm/glm on the same code columns with HC3 covariances
// (test/fixtures/process-multicategorical-moderators.R). Coefficients, interaction tests,
// every moderated path at the groups × the other moderator's values, model 3's conditional X × W
// interaction and its k − 1 df test, conditional indirect effects and the indices (as functions
// of the coefficients): every number to 1e-9.

type At = Record<string, number>;
interface Tested {
  estimate: number;
  se: number;
  statistic: number;
  p: number;
  lower: number;
  upper: number;
}
interface RefRun {
  id: string;
  model: 2 | 3 | 9 | 10 | 11 | 12 | 13 | 21 | 22 | 60 | 64;
  mc: 'w' | 'z';
  coding: 'indicator' | 'sequential' | 'helmert' | 'effect';
  y: 'y' | 'yb';
  family: 'linear' | 'logistic';
  m: string[];
  levels: string[];
  codes: number[][];
  codeNames: string[];
  equations: { outcome: string; family: string; coefficients: (Tested & { term: string })[]; rSquared?: number; minus2LL?: number }[];
  interactionTests: { equation: string; term: string; statistic: number; p: number; df1?: number; df2?: number; df?: number; rSquaredChange?: number }[];
  paths: (Tested & { equation: string; focal: string; at: At })[];
  conditionalInteractions?: (Tested & { at: At; code: string | null })[];
  conditionalInteractionTests?: { at: At; statistic: number; p: number; df1?: number; df2?: number; df?: number }[];
  conditionalIndirect?: { mediator: string; at: At; estimate: number }[];
  indices?: { mediator: string; moderator: string; code: string | null; estimate: number }[];
  moderatedModerated?: { mediator: string; code: string; estimate: number }[];
  conditionalIndices?: { mediator: string; moderator: string; code: string | null; at: At; estimate: number }[];
  contrasts?: { mediator: string; code: string; at: At; estimate: number }[];
}

const ref = loadJson<{ n: number; probes: number[]; runs: RefRun[] }>('process-multicategorical-moderators.json');
const rows = loadCsv('process-multicategorical.csv');

let compared = 0;
let worst = 0;
function close(actual: number | null | undefined, expected: number, what: string): void {
  expectReference(actual, expected, what);
  compared++;
  worst = Math.max(worst, Math.abs((actual as number) - expected) / Math.max(1, Math.abs(expected)));
}
afterAll(() => {
  // The size of the check, for the record (vitest prints it with --reporter=verbose).
  console.info(`process-multicategorical-moderators: ${compared} numbers against R, worst relative difference ${worst.toExponential(2)}`);
});

const sameAt = (a: Readonly<At> | undefined, b: At) => a !== undefined && Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([k, v]) => Math.abs((a[k] ?? NaN) - v) < 1e-9);
const TESTED = ['estimate', 'se', 'statistic', 'p', 'lower', 'upper'] as const;

function options(r: RefRun, extra: object = {}): Parameters<typeof processModel>[1] {
  return {
    model: r.model,
    x: 'z',
    y: r.y,
    w: r.mc === 'w' ? 'wg' : 'w',
    z: r.mc === 'z' ? 'wg' : 'w',
    covariates: ['c1'],
    hc: 'HC3',
    probes: 'moments',
    [`${r.mc}Coding`]: r.coding,
    ...(r.m.length > 0 ? { m: r.m, resamples: 0 } : {}),
    ...extra,
  } as unknown as Parameters<typeof processModel>[1];
}

describe('processModel with a multicategorical W or Z and a second moderator: R reference', () => {
  it('has the runs: models 2, 3, 9–13, 21, 22, 60, 64 with a multicategorical W and with a multicategorical Z', () => {
    expect(ref.runs.length).toBe(35);
    expect(new Set(ref.runs.filter((r) => r.mc === 'z').map((r) => r.model))).toEqual(new Set([2, 3, 9, 10, 11, 12, 13, 21, 22, 60, 64]));
  });

  for (const r of ref.runs) {
    describe(r.id, () => {
      const result = processModel(rows, options(r)) as CatalogProcessResult;
      it('codes the moderator as PROCESS and probes it at each group', () => {
        const mod = result.moderators.find((m) => m.role === r.mc)!;
        expect(mod.coding?.levels).toEqual(r.levels);
        expect(mod.coding?.columnNames).toEqual(r.codeNames);
        mod.coding!.matrix.forEach((codes, g) => codes.forEach((c, j) => close(c, r.codes[g]![j]!, `code ${g},${j}`)));
        expect(mod.probes.values).toEqual(r.levels.map(Number));
        const other = result.moderators.find((m) => m.role !== r.mc)!;
        other.probes.values.forEach((v, i) => close(v, ref.probes[i]!, `probe ${i}`));
      });
      it('every coefficient of every equation (estimate, HC3 or glm SE, t or Z, p, CI)', () => {
        expect(result.equations.length).toBe(r.equations.length);
        for (const eq of r.equations) {
          const mine = result.equations.find((e) => e.outcome === eq.outcome)!;
          expect(mine.family).toBe(eq.family);
          expect(mine.coefficients.map((c) => c.term).sort()).toEqual(eq.coefficients.map((c) => c.term).sort());
          for (const c of eq.coefficients) {
            const k = mine.coefficients.find((x) => x.term === c.term)!;
            for (const f of TESTED) close(k[f], c[f], `${eq.outcome} ${c.term} ${f}`);
          }
          if (mine.family === 'linear') close(mine.summary.rSquared, eq.rSquared!, `${eq.outcome} R²`);
          else close(mine.summary.minus2LL, eq.minus2LL!, `${eq.outcome} −2LL`);
        }
      });
      it('highest-order interaction tests: the products with the moderator’s codes on k − 1 df', () => {
        expect(result.interactionTests.length).toBe(r.interactionTests.length);
        for (const t of r.interactionTests) {
          const mine = result.interactionTests.find((x) => x.equation === t.equation && x.term === t.term)!;
          expect(mine, `${t.equation} ${t.term}`).toBeDefined();
          close(mine.statistic, t.statistic, `${t.term} statistic`);
          close(mine.p, t.p, `${t.term} p`);
          if (mine.test === 'F') {
            expect([mine.df1, mine.df2]).toEqual([t.df1, t.df2]);
            close(mine.rSquaredChange, t.rSquaredChange!, `${t.term} R² change`);
          } else expect(mine.df).toBe(t.df);
        }
      });
      it('every moderated path at each group × the other moderator’s values', () => {
        const list = r.m.length === 0 ? result.conditionalEffects!.map((e) => ({ ...e, equation: r.y, focal: 'z' })) : result.conditionalPathEffects!;
        expect(list.length).toBe(r.paths.length);
        for (const p of r.paths) {
          const mine = list.find((x) => x.equation === p.equation && x.focal === p.focal && sameAt(x.at as At, p.at));
          expect(mine, `${p.equation} ${p.focal} ${JSON.stringify(p.at)}`).toBeDefined();
          for (const f of TESTED) close(mine![f], p[f], `${p.equation} ${p.focal} ${JSON.stringify(p.at)} ${f}`);
          if (r.m.length > 0 && p.equation === r.y && p.focal === 'z') {
            const direct = result.conditionalDirectEffects!.find((x) => sameAt(x.at as At, p.at))!;
            for (const f of TESTED) close(direct[f], p[f], `direct ${JSON.stringify(p.at)} ${f}`);
          }
        }
      });
      if (r.model === 3) {
        it('the conditional X × W interaction at Z (per code of a multicategorical W) and its k − 1 df test', () => {
          expect(result.conditionalInteractions!.length).toBe(r.conditionalInteractions!.length);
          for (const e of r.conditionalInteractions!) {
            const mine = (result.conditionalInteractions as readonly (Tested & { at: At; code?: string })[]).find((x) => sameAt(x.at, e.at) && (x.code ?? null) === e.code)!;
            expect(mine, JSON.stringify(e.at)).toBeDefined();
            for (const f of TESTED) close(mine[f], e[f], `X×W at ${JSON.stringify(e.at)} ${e.code} ${f}`);
          }
          if (r.mc === 'z') expect(result.conditionalInteractionTests).toBeNull();
          else {
            expect(result.conditionalInteractionTests!.length).toBe(r.conditionalInteractionTests!.length);
            for (const t of r.conditionalInteractionTests!) {
              const mine = result.conditionalInteractionTests!.find((x) => sameAt(x.at as At, t.at))!;
              close(mine.statistic, t.statistic, `X×W test at ${JSON.stringify(t.at)}`);
              close(mine.p, t.p, `X×W test p at ${JSON.stringify(t.at)}`);
              if (mine.test === 'F') expect([mine.df1, mine.df2]).toEqual([t.df1, t.df2]);
              else expect([mine.test, mine.df]).toEqual(['Wald', t.df]);
            }
          }
        });
      } else expect(result.conditionalInteractionTests).toBeNull();
      if (r.m.length > 0) {
        it('conditional indirect effects and the indices, as functions of the coefficients', () => {
          expect(result.conditionalIndirectEffects!.length).toBe(r.conditionalIndirect!.length);
          for (const e of r.conditionalIndirect!) close(result.conditionalIndirectEffects!.find((x) => x.mediator === e.mediator && sameAt(x.at as At, e.at))?.estimate, e.estimate, `indirect ${e.mediator} ${JSON.stringify(e.at)}`);
          const partial = result.indexOfPartialModeratedMediation ?? [];
          expect(partial.length).toBe(r.indices!.length);
          for (const e of r.indices!) close(partial.find((x) => x.mediator === e.mediator && x.moderator === e.moderator && (x.code ?? null) === e.code)?.estimate, e.estimate, `index ${e.mediator} ${e.moderator} ${e.code}`);
          const mm = result.indexOfModeratedModeratedMediation ?? [];
          expect(mm.length).toBe(r.moderatedModerated!.length);
          for (const e of r.moderatedModerated!) close(mm.find((x) => x.mediator === e.mediator && (x as { code?: string }).code === e.code)?.estimate, e.estimate, `mm index ${e.mediator} ${e.code}`);
          const cm = result.indexOfConditionalModeratedMediation ?? [];
          expect(cm.length).toBe(r.conditionalIndices!.length);
          for (const e of r.conditionalIndices!) {
            const mine = cm.find((x) => x.mediator === e.mediator && x.moderator === e.moderator && ((x as { code?: string }).code ?? null) === e.code && sameAt(x.at as At, e.at));
            close(mine?.estimate, e.estimate, `conditional index ${e.mediator} ${e.moderator} ${e.code} ${JSON.stringify(e.at)}`);
          }
          const contrasts = result.groupContrasts ?? [];
          expect(contrasts.length).toBe(r.contrasts!.length);
          for (const e of r.contrasts!) close(contrasts.find((x) => x.mediator === e.mediator && x.code === e.code && sameAt(x.at as At, e.at))?.estimate, e.estimate, `contrast ${e.mediator} ${e.code} ${JSON.stringify(e.at)}`);
        });
      }
    });
  }
});

const numeric = rows.map((r) => ({ wg: Number(r.wg), w: Number(r.w), z: Number(r.z), c1: Number(r.c1), m1: Number(r.m1), y: Number(r.y) }));

describe('processModel with a multicategorical W or Z: invariants and output', () => {
  it('relabelling which group is the reference (and the coding) leaves the omnibus and interaction tests unchanged', () => {
    fc.assert(
      fc.property(fc.constantFrom('indicator', 'sequential', 'helmert', 'effect' as const), fc.shuffledSubarray(['1', '2', '3'], { minLength: 3, maxLength: 3 }), fc.constantFrom('w', 'z' as const), fc.constantFrom(3, 11, 60), (coding, order, role, model) => {
        const base = { model, x: 'z', y: 'y', w: role === 'w' ? 'wg' : 'w', z: role === 'z' ? 'wg' : 'w', covariates: ['c1'], hc: 'HC3', ...(model === 3 ? {} : { m: 'm1', resamples: 0 }) };
        const a = processModel(numeric, { ...base, [`${role}Coding`]: 'indicator' } as unknown as Parameters<typeof processModel>[1]) as CatalogProcessResult;
        const b = processModel(numeric, { ...base, [`${role}Coding`]: coding, categorical: { wg: order } } as unknown as Parameters<typeof processModel>[1]) as CatalogProcessResult;
        expect(b.moderators.find((m) => m.role === role)!.coding!.levels).toEqual(order);
        const stats = (r: CatalogProcessResult) => [
          ...r.interactionTests.map((t) => t.statistic),
          ...(r.conditionalInteractionTests ?? []).map((t) => t.statistic),
          ...r.equations.map((e) => (e.family === 'linear' ? e.summary.rSquared : e.summary.minus2LL)),
        ];
        const sa = stats(a);
        stats(b).forEach((v, i) => expect(v).toBeCloseTo(sa[i]!, 9));
        // The effects at a group do not depend on how the groups are coded either.
        const at = (r: CatalogProcessResult) => (r.conditionalIndirectEffects ?? r.conditionalEffects ?? []).map((e) => ({ key: JSON.stringify(Object.entries(e.at).sort()), estimate: e.estimate }));
        const byKey = new Map(at(a).map((e) => [e.key, e.estimate]));
        for (const e of at(b)) expect(e.estimate).toBeCloseTo(byKey.get(e.key)!, 9);
      }),
      { numRuns: 24 },
    );
  });
  it('the conditional indirect effects at two groups differ by the contrast or index of the code comparing them (indicator coding)', () => {
    const r = processModel(numeric, { model: 11, x: 'z', m: 'm1', w: 'wg', z: 'w', y: 'y', wCoding: 'indicator', resamples: 0 });
    for (const i of r.indexOfConditionalModeratedMediation.filter((x) => x.moderator === 'w')) {
      const g = Number(i.code!.slice(3, -1));
      const at = (w: number) => r.conditionalIndirectEffects.find((e) => e.at.w === w && Math.abs(e.at.z! - i.at.z!) < 1e-12)!.estimate;
      expect(at(g) - at(1)).toBeCloseTo(i.estimate, 12);
    }
  });
  it('formatProcess prints the coding, the conditional X*W interaction tests and the per-code indices', () => {
    const m3 = processModel(numeric, { model: 3, x: 'z', w: 'wg', z: 'w', y: 'y', wCoding: 'indicator' });
    const text = formatProcess(m3);
    expect(text).toContain('Coding of categorical W variable for analysis (indicator):');
    expect(text).toContain('Test of conditional X*W interaction at value(s) of Z:');
    expect(text).toMatch(/Test of conditional X\*W interaction at value\(s\) of Z:\n +w +F +df1 +df2 +p/);
    expect(text).toContain('Conditional X*W interaction of each code at value(s) of Z:');
    const m3z = formatProcess(processModel(numeric, { model: 3, x: 'z', w: 'w', z: 'wg', y: 'y', zCoding: 'helmert' }));
    expect(m3z).toContain('Coding of categorical Z variable for analysis (helmert):');
    const m11 = formatProcess(processModel(numeric, { model: 11, x: 'z', m: 'm1', w: 'w', z: 'wg', y: 'y', zCoding: 'indicator', resamples: 0 }));
    expect(m11).toContain('w*wg wg[2]');
    expect(m11).toContain('Indices of conditional moderated mediation by wg:');
    const m60 = formatProcess(processModel(numeric, { model: 60, x: 'z', m: 'm1', w: 'wg', z: 'w', y: 'y', wCoding: 'indicator', resamples: 0 }));
    expect(m60).toMatch(/Contrasts of conditional indirect effects between groups of W:\n +w +Effect/);
  });
  it('toApaTable and tidy carry the new rows', () => {
    const m3 = processModel(numeric, { model: 3, x: 'z', w: 'wg', z: 'w', y: 'y', wCoding: 'indicator' });
    const rowsOf = tidy(m3);
    expect(rowsOf.filter((x) => x.type === 'conditionalInteractionTest').length).toBe(3);
    expect(rowsOf.filter((x) => x.type === 'effect' && x.effect === 'conditionalInteractions' && x.code === 'wg[2]').length).toBe(3);
    const apa = JSON.stringify(toApaTable(m3));
    expect(apa).toContain('z × wg: 2 interaction at');
    expect(apa).toContain('z × wg interaction at');
    const m64 = processModel(numeric, { model: 64, x: 'z', m: 'm1', w: 'w', z: 'wg', y: 'y', zCoding: 'indicator', resamples: 0 });
    expect(tidy(m64).filter((x) => x.effect === 'groupContrasts').length).toBe(6);
    expect(JSON.stringify(toApaTable(m64))).toContain('contrast of groups: 2 − 1 at');
  });
  it('bootstraps: the intervals come with the point estimates', () => {
    const r = processModel(numeric, { model: 21, x: 'z', m: 'm1', w: 'wg', z: 'w', y: 'y', wCoding: 'helmert', resamples: 1000, seed: 7 });
    const plain = processModel(numeric, { model: 21, x: 'z', m: 'm1', w: 'wg', z: 'w', y: 'y', wCoding: 'helmert', resamples: 0 });
    expect(r.indexOfModeratedModeratedMediation.map((i) => i.estimate)).toEqual(plain.indexOfModeratedModeratedMediation.map((i) => i.estimate));
    for (const i of [...r.indexOfModeratedModeratedMediation, ...r.indexOfConditionalModeratedMediation, ...r.conditionalIndirectEffects]) {
      expect(Number.isFinite(i.lower) && Number.isFinite(i.upper) && i.lower! <= i.upper!).toBe(true);
    }
  });
  it('refuses what is not offered with INVALID_OPTION naming the option', () => {
    const code = (o: object) => errorOf(() => processModel(numeric, o as Parameters<typeof processModel>[1]));
    expect(code({ model: 3, x: 'z', w: 'wg', z: 'w', y: 'y', wCoding: 'indicator', zCoding: 'indicator' })).toMatchObject({ code: 'INVALID_OPTION' });
    expect(code({ model: 1, x: 'z', w: 'w', y: 'y', zCoding: 'indicator' })).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'zCoding' } });
    expect(code({ model: 23, x: 'z', m: 'm1', w: 'wg', z: 'w', v: 'c1', y: 'y', wCoding: 'indicator', resamples: 0 })).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'wCoding' } });
    expect(code({ model: 3, x: 'z', w: 'w', z: 'wg', y: 'y', zCoding: 'indicator', jn: true })).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'jn' } });
    expect(code({ model: 3, x: 'z', w: 'w', z: 'wg', y: 'y', zCoding: 'indicator', probes: { z: 'moments' } })).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'probes' } });
    expect(code({ model: 3, x: 'z', w: 'w', z: 'wg', y: 'y', zCoding: 'bogus' })).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'zCoding' } });
    expect(code({ model: 4, x: 'z', m: 'm1', y: 'y', zCoding: 'indicator', resamples: 0 })).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'zCoding' } });
    // The other moderator's probes may be given.
    const ok = processModel(numeric, { model: 3, x: 'z', w: 'w', z: 'wg', y: 'y', zCoding: 'indicator', probes: { w: [2, 3] } });
    expect(ok.moderators[0]!.probes.values).toEqual([2, 3]);
    expect(ok.moderators[1]!.probes.values).toEqual([1, 2, 3]);
  });
});
