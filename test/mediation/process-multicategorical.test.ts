import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatProcess, hierarchicalRegression, processModel, toApaTable, type CatalogProcessResult, type RelativeProcessResult } from '../../src/index.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { expectReference } from '../helpers/close.js';

// A multicategorical X (PROCESS's mcx) in all four codings, against R: lm/glm on the same code
// columns, HC3 covariances from sandwich, omnibus and interaction tests as Wald F / R² change /
// likelihood ratio (test/fixtures/process-multicategorical.R). Every number to 1e-9.

interface RefCoefficient {
  term: string;
  estimate: number;
  se: number;
  statistic: number;
  p: number;
  lower: number;
  upper: number;
}
interface RefRun {
  id: string;
  model: 1 | 4 | 7 | 8 | 14;
  x: string;
  w: string | null;
  categorical: 'x' | 'w';
  coding: 'indicator' | 'sequential' | 'helmert' | 'effect';
  y: string;
  family: 'linear' | 'logistic';
  levels: string[];
  codes: number[][];
  codeNames: string[];
  equations: { outcome: string; family: string; coefficients: RefCoefficient[]; rSquared?: number; minus2LL?: number }[];
  relativeEffects: (Omit<RefCoefficient, 'term'> & { equation: string; code: string; w: number | null })[];
  omnibus: { at?: null; w?: number; rSquaredChange?: number; fHc3?: number; pHc3?: number; chiSquareLR?: number; chiSquareWald?: number; df1?: number; df2?: number; df?: number; p?: number }[];
  interactionTests: { equation: string; terms: string[]; rSquaredChange?: number; fHc3?: number; pHc3?: number; chiSquareLR?: number; df1?: number; df2?: number; df?: number; p?: number }[];
  indirect: null | {
    effects: { mediator: string; code: string | null; w: number | null; estimate: number }[];
    index: { mediator: string; code: string | null; estimate: number }[];
  };
}

const ref = loadJson<{ n: number; wProbes: number[]; runs: RefRun[] }>('process-multicategorical.json');
const rows = loadCsv('process-multicategorical.csv');
const xRuns = ref.runs.filter((r) => r.categorical === 'x');

const close = expectReference;
const sameW = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) < 1e-9;

function run(r: RefRun): RelativeProcessResult {
  const options = {
    model: r.model,
    x: r.x,
    y: r.y,
    covariates: ['c1'],
    xCoding: r.coding,
    hc: 'HC3',
    ...(r.w === null ? {} : { w: r.w, probes: 'moments' }),
    ...(r.model === 1 ? {} : { m: ['m1', 'm2'], resamples: 0 }),
  };
  return processModel(rows, options as Parameters<typeof processModel>[1]) as RelativeProcessResult;
}

describe('processModel with a multicategorical X: R reference (lm/glm with the same codes)', () => {
  it('has every model × coding × outcome run', () => {
    expect(xRuns.length).toBe(33);
    expect(new Set(xRuns.map((r) => r.coding))).toEqual(new Set(['indicator', 'sequential', 'helmert', 'effect']));
  });

  for (const r of xRuns) {
    describe(r.id, () => {
      const result = run(r);
      it('codes X as PROCESS: groups in order, code matrix and column names', () => {
        expect(result.xCoding.levels).toEqual(r.levels);
        expect(result.xCoding.columnNames).toEqual(r.codeNames);
        result.xCoding.matrix.forEach((codes, g) => codes.forEach((c, j) => close(c, r.codes[g]![j]!, `code ${g},${j}`)));
      });
      it('every coefficient of every equation (estimate, HC3 or glm SE, t or Z, p, CI)', () => {
        for (const eq of r.equations) {
          const mine = result.equations.find((e) => e.outcome === eq.outcome)!;
          expect(mine.family).toBe(eq.family);
          expect(mine.coefficients.map((c) => c.term).sort()).toEqual(eq.coefficients.map((c) => c.term).sort());
          for (const c of eq.coefficients) {
            const k = mine.coefficients.find((x) => x.term === c.term)!;
            for (const f of ['estimate', 'se', 'statistic', 'p', 'lower', 'upper'] as const) close(k[f], c[f], `${eq.outcome} ${c.term} ${f}`);
          }
          if (eq.rSquared !== undefined && mine.family === 'linear') close(mine.summary.rSquared, eq.rSquared, `${eq.outcome} R²`);
          if (eq.minus2LL !== undefined && mine.family === 'logistic') close(mine.summary.minus2LL, eq.minus2LL, `${eq.outcome} −2LL`);
        }
      });
      it('relative (conditional) effects of X on Y', () => {
        for (const e of r.relativeEffects) {
          const list = r.model === 1 ? result.conditionalEffects : r.model === 8 ? result.conditionalDirectEffects : result.directEffects;
          const mine = (list as readonly ({ code: string; at?: { w?: number } } & RefCoefficient)[]).find((x) => x.code === e.code && (e.w === null || sameW(x.at?.w, e.w)));
          expect(mine, `${e.code} at ${e.w}`).toBeDefined();
          for (const f of ['estimate', 'se', 'statistic', 'p', 'lower', 'upper'] as const) close(mine![f], e[f], `${e.code} at ${e.w} ${f}`);
        }
      });
      it('omnibus tests of X (unconditional: R² change and F or LR χ²; conditional: Wald F or χ²)', () => {
        // Y's equation (model 4 also tests the total effect, in the total-effect model).
        const tests = result.omnibusTests.filter((t) => t.equation === r.y);
        expect(tests.length).toBe(r.omnibus.length);
        for (const o of r.omnibus) {
          const mine = tests.find((t) => (o.w === undefined ? Object.keys(t.at).length === 0 : sameW(t.at.w, o.w)))!;
          expect(mine, JSON.stringify(o)).toBeDefined();
          if (mine.test === 'F') {
            close(mine.statistic, o.fHc3!, 'F');
            close(mine.p, o.pHc3!, 'p');
            expect([mine.df1, mine.df2]).toEqual([o.df1, o.df2]);
            if (o.w === undefined) close(mine.rSquaredChange, o.rSquaredChange!, 'R² change');
            else expect(mine.rSquaredChange).toBeNull();
          } else {
            expect(mine.test).toBe(o.w === undefined ? 'likelihood ratio' : 'Wald');
            close(mine.statistic, (o.chiSquareLR ?? o.chiSquareWald)!, 'χ²');
            close(mine.p, o.p!, 'p');
            expect(mine.df).toBe(o.df);
          }
        }
      });
      it('highest-order interaction tests: all of X’s codes × W together', () => {
        for (const t of r.interactionTests) {
          const mine = result.interactionTests.filter((x) => x.equation === t.equation && x.term !== 'all');
          const one = mine.find((x) => (x.test === 'F' ? x.df1 : x.df) === t.terms.length && (t.terms.length > 1 || x.term === t.terms[0]!.replace(/\[.*\]/, '')) || x.term === t.terms[0])!;
          expect(one, JSON.stringify(t)).toBeDefined();
          if (one.test === 'F') {
            close(one.statistic, t.fHc3!, 'F');
            close(one.p, t.pHc3!, 'p');
            close(one.rSquaredChange, t.rSquaredChange!, 'R² change');
          } else {
            close(one.statistic, t.chiSquareLR!, 'χ²');
            close(one.p, t.p!, 'p');
          }
        }
      });
      if (r.indirect !== null) {
        it('relative (conditional) indirect effects and indices of moderated mediation', () => {
          for (const e of r.indirect!.effects) {
            if (e.mediator === 'total') {
              if (r.model !== 4) continue; // PROCESS sums the indirect effects only when none is moderated
              close(result.totalIndirectEffects!.find((t) => t.code === e.code)!.estimate, e.estimate, `total ${e.code}`);
              continue;
            }
            const mine =
              e.w === null
                ? result.indirectEffects!.find((i) => i.code === e.code && i.label === e.mediator)
                : result.conditionalIndirectEffects!.find((i) => i.code === e.code && i.mediator === e.mediator && sameW(i.at.w, e.w!));
            close(mine?.estimate, e.estimate, `${e.mediator} ${e.code} at ${e.w}`);
          }
          for (const e of r.indirect!.index) {
            close(result.indexOfModeratedMediation!.find((i) => i.code === e.code && i.mediator === e.mediator)?.estimate, e.estimate, `index ${e.mediator} ${e.code}`);
          }
        });
      }
    });
  }
});

const wRuns = ref.runs.filter((r) => r.categorical === 'w');

describe('processModel with a multicategorical W: R reference (lm with the same codes)', () => {
  it('has models 1 and 7 in all four codings', () => expect(wRuns.map((r) => `${r.model} ${r.coding}`).sort()).toEqual(['1 effect', '1 helmert', '1 indicator', '1 sequential', '7 effect', '7 helmert', '7 indicator', '7 sequential']));
  for (const r of wRuns) {
    describe(r.id, () => {
      const result = processModel(rows, {
        model: r.model,
        x: r.x,
        y: r.y,
        w: r.w as string,
        wCoding: r.coding,
        covariates: ['c1'],
        hc: 'HC3',
        ...(r.model === 1 ? {} : { m: ['m1', 'm2'], resamples: 0 }),
      } as never) as unknown as CatalogProcessResult<1> | CatalogProcessResult<7>;
      it('probes W at each group, with its coding', () => {
        const w = result.moderators.find((m) => m.role === 'w')!;
        expect(w.probes.values).toEqual(r.levels.map(Number));
        expect(w.coding?.columnNames).toEqual(r.codeNames);
      });
      it('every coefficient, the conditional effects of X at each group, the joint interaction tests', () => {
        for (const eq of r.equations) {
          const mine = result.equations.find((e) => e.outcome === eq.outcome)!;
          expect(mine.coefficients.map((c) => c.term).sort()).toEqual(eq.coefficients.map((c) => c.term).sort());
          for (const c of eq.coefficients) {
            const k = mine.coefficients.find((x) => x.term === c.term)!;
            for (const f of ['estimate', 'se', 'statistic', 'p', 'lower', 'upper'] as const) close(k[f], c[f], `${eq.outcome} ${c.term} ${f}`);
          }
        }
        for (const e of r.relativeEffects as unknown as (RefCoefficient & { group: number; equation: string })[]) {
          // Model 1: X's effect on Y; model 7: X's effect on each mediator (its probed path).
          const mine = r.model === 1 ? result.conditionalEffects!.find((x) => x.at.w === e.group)! : result.conditionalPathEffects!.find((x) => x.equation === e.equation && x.focal === r.x && x.at.w === e.group)!;
          for (const f of ['estimate', 'se', 'statistic', 'p', 'lower', 'upper'] as const) close(mine[f], e[f], `${e.equation} at group ${e.group} ${f}`);
        }
        for (const t of r.interactionTests) {
          const mine = result.interactionTests.find((x) => x.equation === t.equation && x.term === `${r.x}:${r.w}`)!;
          expect(mine, JSON.stringify(t)).toBeDefined();
          expect(mine.test === 'F' && mine.df1).toBe(t.df1);
          close(mine.statistic, t.fHc3!, 'F');
          close(mine.p, t.pHc3!, 'p');
          close(mine.test === 'F' ? mine.rSquaredChange : null, t.rSquaredChange!, 'R² change');
        }
      });
      if (r.indirect !== null) {
        it('conditional indirect effects at each group; one index of moderated mediation per code of W', () => {
          for (const e of r.indirect!.effects as unknown as { mediator: string; group: number; estimate: number }[]) {
            if (e.mediator === 'total') continue;
            close(result.conditionalIndirectEffects!.find((i) => i.mediator === e.mediator && i.at.w === e.group)?.estimate, e.estimate, `${e.mediator} at ${e.group}`);
          }
          const index = result.indexOfModeratedMediation!;
          expect(index.length).toBe(r.indirect!.index.length);
          for (const e of r.indirect!.index as unknown as { mediator: string; moderatorCode: string; estimate: number }[]) {
            close(index.find((i) => i.mediator === e.mediator && i.code === e.moderatorCode)?.estimate, e.estimate, `index ${e.mediator} ${e.moderatorCode}`);
          }
        });
      }
    });
  }
  it('refuses labelled groups, two multicategorical variables, probes and models with other moderators', () => {
    const labelled = rows.map((row) => ({ ...row, wl: ['a', 'b', 'c'][Number(row.wg) - 1] }));
    expect(errorOf(() => processModel(labelled, { model: 1, x: 'z', w: 'wl', y: 'y', wCoding: 'indicator' }))).toMatchObject({ code: 'NON_NUMERIC', details: { column: 'wl' } });
    expect(errorOf(() => processModel(rows, { model: 1, x: 'group', w: 'wg', y: 'y', wCoding: 'indicator', xCoding: 'indicator' } as never))).toMatchObject({ code: 'INVALID_OPTION' });
    expect(errorOf(() => processModel(rows, { model: 1, x: 'z', w: 'wg', y: 'y', wCoding: 'indicator', probes: 'moments' }))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'probes' } });
    // PROCESS 2's models with V or Q have no multicategorical moderator (models 2, 3, … with W and Z do: process-multicategorical-moderators.test.ts).
    expect(errorOf(() => processModel(rows, { model: 23, x: 'z', m: 'm1', w: 'wg', z: 'w', v: 'c1', y: 'y', wCoding: 'indicator', resamples: 0 } as never))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'wCoding' } });
  });
  it('W on both paths (model 58): contrasts of the groups’ conditional indirect effects, as each coding compares them', () => {
    for (const wCoding of ['indicator', 'helmert'] as const) {
      const r = processModel(rows, { model: 58, x: 'z', m: 'm1', w: 'wg', y: 'y', wCoding, resamples: 0 });
      expect(r.indexOfModeratedMediation).toBeNull();
      const at = (g: number) => r.conditionalIndirectEffects.find((c) => c.at.w === g)!.estimate;
      const [c1, c2] = r.groupContrasts!;
      if (wCoding === 'indicator') {
        expect(c1!.compares).toBe('2 − 1');
        expect(c1!.estimate).toBeCloseTo(at(2) - at(1), 12);
        expect(c2!.estimate).toBeCloseTo(at(3) - at(1), 12);
      } else {
        expect(c1!.compares).toBe('mean(2, 3) − 1');
        expect(c1!.estimate).toBeCloseTo((at(2) + at(3)) / 2 - at(1), 12);
        expect(c2!.estimate).toBeCloseTo(at(3) - at(2), 12);
      }
    }
    expect(processModel(rows, { model: 7, x: 'z', m: 'm1', w: 'wg', y: 'y', wCoding: 'indicator', resamples: 0 }).groupContrasts).toBeNull();
  });
  it('formatProcess prints W’s coding; the plot table has a row per group', () => {
    const r = processModel(rows, { model: 1, x: 'z', w: 'wg', y: 'y', wCoding: 'helmert' });
    expect(formatProcess(r)).toContain('Coding of categorical W variable for analysis (helmert):');
    expect(new Set(r.predictedValues.map((p) => p.at.w))).toEqual(new Set([1, 2, 3]));
    for (const g of [1, 2, 3]) {
      const [lo, , hi] = r.predictedValues.filter((p) => p.at.w === g);
      expect((hi!.predicted - lo!.predicted) / (hi!.x - lo!.x)).toBeCloseTo(r.conditionalEffects.find((e) => e.at.w === g)!.estimate, 10);
    }
  });
});

const numeric = rows.map((r) => ({ group: Number(r.group), site: r.site, w: Number(r.w), m1: Number(r.m1), y: Number(r.y), yb: Number(r.yb), c1: Number(r.c1) }));

describe('processModel with a multicategorical X: invariants', () => {
  it('the omnibus and interaction tests and R² do not depend on the coding or on which group is group 1', () => {
    fc.assert(
      fc.property(fc.constantFrom('indicator', 'sequential', 'helmert', 'effect' as const), fc.shuffledSubarray(['1', '2', '3', '4'], { minLength: 4, maxLength: 4 }), fc.constantFrom(1, 4, 7), (coding, order, model) => {
        const base = { model, x: 'group', y: 'y', covariates: ['c1'], hc: 'HC3', ...(model === 1 ? { w: 'w' } : model === 7 ? { w: 'w', m: 'm1', resamples: 0 } : { m: 'm1', resamples: 0 }) };
        const a = processModel(numeric, { ...base, xCoding: 'indicator' } as Parameters<typeof processModel>[1]) as RelativeProcessResult;
        const b = processModel(numeric, { ...base, xCoding: coding, categorical: { group: order } } as Parameters<typeof processModel>[1]) as RelativeProcessResult;
        expect(b.xCoding.levels).toEqual(order);
        const stats = (r: RelativeProcessResult) => [...r.omnibusTests.map((t) => t.statistic), ...r.interactionTests.map((t) => t.statistic), ...r.equations.map((e) => (e.family === 'linear' ? e.summary.rSquared : e.summary.minus2LL))];
        const sa = stats(a);
        stats(b).forEach((v, i) => expect(v).toBeCloseTo(sa[i]!, 9));
      }),
      { numRuns: 24 },
    );
  });
  it('each coding’s coefficients estimate the contrasts it names (from the indicator coefficients)', () => {
    const fit = (xCoding: 'indicator' | 'sequential' | 'helmert' | 'effect') => processModel(numeric, { model: 4, x: 'group', m: 'm1', y: 'y', xCoding, resamples: 0 }).directEffects.map((e) => e.estimate);
    const [d2, d3, d4] = fit('indicator') as [number, number, number];
    const mu = [0, d2, d3, d4]; // group means relative to group 1, adjusted for m1
    const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
    const expected = {
      sequential: [mu[1]! - mu[0]!, mu[2]! - mu[1]!, mu[3]! - mu[2]!],
      helmert: [mean(mu.slice(1)) - mu[0]!, mean(mu.slice(2)) - mu[1]!, mu[3]! - mu[2]!],
      effect: [mu[1]! - mean(mu), mu[2]! - mean(mu), mu[3]! - mean(mu)],
    };
    for (const [coding, want] of Object.entries(expected)) fit(coding as 'sequential').forEach((v, j) => expect(v).toBeCloseTo(want[j]!, 10));
  });
  it('string groups work and are named by label; the warning says how to order them', () => {
    const r = processModel(numeric, { model: 4, x: 'site', m: 'm1', y: 'y', xCoding: 'indicator', resamples: 0 });
    expect(r.xCoding.levels).toEqual(['east', 'north', 'south', 'west']);
    expect(r.directEffects.map((e) => e.code)).toEqual(['site[north]', 'site[south]', 'site[west]']);
    expect(r.warnings.find((w) => w.code === 'CATEGORICAL_REFERENCE')?.message).toContain('categorical: { "site": [');
    const ordered = processModel(numeric, { model: 4, x: 'site', m: 'm1', y: 'y', xCoding: 'indicator', categorical: { site: ['west', 'east', 'north', 'south'] }, resamples: 0 });
    expect(ordered.xCoding.levels[0]).toBe('west');
    expect(ordered.warnings.some((w) => w.code === 'CATEGORICAL_REFERENCE')).toBe(false);
    // Numbered groups follow PROCESS's rule (ascending), so no warning.
    expect(processModel(numeric, { model: 4, x: 'group', m: 'm1', y: 'y', xCoding: 'helmert', resamples: 0 }).warnings.some((w) => w.code === 'CATEGORICAL_REFERENCE')).toBe(false);
  });
  it('relative total effects: each is the relative direct effect plus the relative indirect effects (OLS); their omnibus test', () => {
    for (const xCoding of ['indicator', 'helmert'] as const) {
      const r = processModel(numeric, { model: 4, x: 'group', m: ['m1', 'w'], y: 'y', covariates: ['c1'], xCoding, resamples: 0 });
      expect(r.totalEffects!.map((e) => e.code)).toEqual(r.xCoding.columnNames);
      for (const t of r.totalEffects!) {
        const sum = r.directEffects.find((d) => d.code === t.code)!.estimate + r.indirectEffects.filter((i) => i.code === t.code).reduce((s, e) => s + e.estimate, 0);
        expect(t.estimate).toBeCloseTo(sum, 12);
      }
      const omnibus = r.omnibusTests.find((o) => o.equation === r.totalEffectModel!.name)!;
      expect(omnibus).toMatchObject({ test: 'F', df1: 3 });
      // Y on the codes and c1 alone: the omnibus F is the R²-change F of the codes.
      const fit = r.totalEffectModel!;
      expect(omnibus.test === 'F' && omnibus.rSquaredChange).toBeGreaterThan(0);
      expect(fit.coefficients.map((c) => c.term)).toEqual(['constant', ...r.xCoding.columnNames, 'c1']);
    }
    const text = formatProcess(processModel(numeric, { model: 4, x: 'group', m: 'm1', y: 'y', xCoding: 'indicator', resamples: 0 }));
    expect(text).toContain('Relative total effects of X on Y:');
    expect(text).toContain('Omnibus test of total effect of X on Y:');
  });
  it('partially standardized relative indirect effects (standardize): each over SD_Y', () => {
    const r = processModel(numeric, { model: 4, x: 'group', m: ['m1'], y: 'y', xCoding: 'sequential', standardize: true, resamples: 0 });
    const v = numeric.map((d) => d.y);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sdY = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
    expect(r.standardizedIndirectEffects!.map((e) => e.code)).toEqual(r.indirectEffects.map((e) => e.code));
    r.standardizedIndirectEffects!.forEach((e, i) => expect(e.estimate).toBeCloseTo(r.indirectEffects[i]!.estimate / sdY, 12));
    expect(formatProcess(processModel(numeric, { model: 4, x: 'group', m: ['m1'], y: 'y', xCoding: 'sequential', standardize: true, resamples: 1000, seed: 2 }))).toContain('Partially standardized relative indirect effect(s)');
  });
  it('a custom coding ({ codes }, PROCESS’s mcx=5): the Helmert matrix given by hand reproduces Helmert; each code’s contrast is written out', () => {
    const helmert = processModel(numeric, { model: 4, x: 'group', m: 'm1', y: 'y', xCoding: 'helmert', resamples: 0 });
    const custom = processModel(numeric, { model: 4, x: 'group', m: 'm1', y: 'y', xCoding: { codes: helmert.xCoding.matrix }, resamples: 0 });
    expect(custom.xCoding.coding).toBe('custom');
    expect(custom.xCoding.columnNames).toEqual(['group[D1]', 'group[D2]', 'group[D3]']);
    custom.directEffects.forEach((e, j) => expect(e.estimate).toBeCloseTo(helmert.directEffects[j]!.estimate, 12));
    expect(custom.omnibusTests[0]!.statistic).toBeCloseTo(helmert.omnibusTests[0]!.statistic, 10);
    // [1 | codes]⁻¹ gives each coefficient as a contrast of group means: Helmert's first is mean(2, 3, 4) − 1.
    expect(custom.xCoding.compares[0]).toBe('−1 + 0.333·2 + 0.333·3 + 0.333·4');
    expect(custom.xCoding.compares[2]).toBe('−3 + 4');
  });
  it('a custom coding must have k rows of k − 1 values that tell the groups apart', () => {
    const base = { model: 4, x: 'group', m: 'm1', y: 'y', resamples: 0 } as const;
    expect(errorOf(() => processModel(numeric, { ...base, xCoding: { codes: [[0], [1], [2], [3]] } }))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'xCoding', column: 'group' } });
    expect(errorOf(() => processModel(numeric, { ...base, xCoding: { codes: [[0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 1, 0]] } }))).toMatchObject({ code: 'SINGULAR', details: { option: 'xCoding' } });
    expect(errorOf(() => processModel(numeric, { ...base, xCoding: { codes: [[0, 0, 0]], extra: 1 } as never }))).toMatchObject({ code: 'INVALID_OPTION' });
  });
  it('a moderated X → M path: the test of equal conditional means in the mediator’s equation is the codes’ F with W centred at the probe', () => {
    const r = processModel(numeric, { model: 7, x: 'group', m: 'm1', w: 'w', y: 'y', xCoding: 'helmert', probes: 'moments', resamples: 0 });
    const tests = r.omnibusTests.filter((t) => t.equation === 'm1');
    expect(tests).toHaveLength(3);
    const codes = r.xCoding.columnNames;
    for (const t of tests) {
      const w0 = t.at.w!;
      // Refit with W centred at the probe: the codes' own coefficients are then the conditional effects there.
      const shifted = numeric.map((d) => {
        const g = r.xCoding.levels.indexOf(String(d.group));
        const row: Record<string, number> = { m1: d.m1, wc: d.w - w0 };
        codes.forEach((c, j) => {
          row[c] = r.xCoding.matrix[g]![j]!;
          row[`${c}:wc`] = row[c]! * row.wc!;
        });
        return row;
      });
      const h = hierarchicalRegression(shifted, { y: 'm1', steps: [['wc', ...codes.map((c) => `${c}:wc`)], codes] });
      expect(t.test === 'F' && t.statistic).toBeCloseTo(h.steps[1]!.statistic, 8);
      expect(t.test === 'F' && t.df1).toBe(3);
    }
    expect(formatProcess(r)).toContain('Test(s) of equality of conditional means');
  });
  it('does not change the input rows', () => {
    const copy = structuredClone(numeric);
    processModel(numeric, { model: 7, x: 'group', m: 'm1', w: 'w', y: 'y', xCoding: 'effect', resamples: 0 });
    expect(numeric).toEqual(copy);
  });
});

describe('processModel with a multicategorical X: bad input', () => {
  const base = { model: 4, x: 'group', m: 'm1', y: 'y', resamples: 0 } as const;
  it('refuses an unknown coding, naming the option', () => {
    expect(errorOf(() => processModel(numeric, { ...base, xCoding: 'dummy' } as never))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'xCoding' } });
  });
  it('refuses the options that need a numeric X, and the models where X must be numeric', () => {
    for (const [key, value] of [
      ['sobel', true],
      ['contrasts', true],
    ] as const) {
      expect(errorOf(() => processModel(numeric, { ...base, xCoding: 'indicator', [key]: value } as never))).toMatchObject({ code: 'INVALID_OPTION', details: { option: key } });
    }
    expect(errorOf(() => processModel(numeric, { model: 1, x: 'group', w: 'w', y: 'y', xCoding: 'indicator', jn: true } as never))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'jn' } });
    expect(errorOf(() => processModel(numeric, { model: 74, x: 'group', m: ['m1'], y: 'y', xCoding: 'indicator', resamples: 0 } as never))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'xCoding' } });
  });
  it('a group with one case is TOO_FEW_CASES naming X and the group; more than 9 groups is refused', () => {
    const lonely = numeric.map((r, i) => (i === 0 ? { ...r, group: 5 } : r));
    expect(errorOf(() => processModel(lonely, { ...base, xCoding: 'indicator' }))).toMatchObject({ code: 'TOO_FEW_CASES', details: { column: 'group', value: '5' } });
    expect(errorOf(() => processModel(numeric, { ...base, x: 'w', xCoding: 'indicator' }))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'xCoding', column: 'w' } });
  });
});

describe('formatProcess and toApaTable with a multicategorical X', () => {
  const r = processModel(numeric, { model: 7, x: 'group', m: 'm1', w: 'w', y: 'y', xCoding: 'sequential', probes: 'moments', resamples: 1000, seed: 3 });
  it('prints the coding table, relative effects per code and the omnibus test', () => {
    const text = formatProcess(r);
    expect(text).toContain('Coding of categorical X variable for analysis (sequential):');
    expect(text).toContain('group[3]  3 − 2');
    expect(text).toContain('Omnibus test of direct effect of X on Y:');
    expect(text).toContain('Relative direct effects of X on Y:');
    expect(text).toContain('Relative conditional indirect effects of X on Y:');
    for (const code of r.xCoding.columnNames) expect(text).toContain(`\n${code}`);
  });
  it('labels every relative effect with its code in the APA table and explains the codes in the note', () => {
    const t = toApaTable(r);
    const labels = t.rows.flatMap((row) => (Array.isArray(row) ? [String(row[0])] : []));
    expect(labels.filter((l) => l.startsWith('Relative direct effect of group: ')).length).toBe(3);
    expect(labels.filter((l) => l.startsWith('Index of moderated mediation of group: ')).length).toBe(3);
    expect(t.note).toContain('sequential coding of 4 groups');
    expect(t.rows.some((row) => 'section' in row && row.section.includes('omnibus test of group'))).toBe(true);
  });
});
