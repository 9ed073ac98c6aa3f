import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatProcess, processModel, tidy, toApaTable, type RelativeProcessResult } from '../../src/index.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { expectReference } from '../helpers/close.js';

// Model 6 (serial mediation) with a multicategorical X (PROCESS's mcx), against R: lm on the same
// code columns, OLS and HC3 covariances, omnibus tests of X in every equation as R²-change and
// Wald F (test/fixtures/process-multicategorical-serial.R). Every number to 1e-9.

const FIELDS = ['se', 'statistic', 'p', 'lower', 'upper'] as const;
type Tested = Record<(typeof FIELDS)[number], number>;
type RefRow = { estimate: number; ols: Tested } & Tested;
interface Omnibus {
  equation: string;
  rSquaredChange: number;
  fOls: number;
  pOls: number;
  fHc3: number;
  pHc3: number;
  df1: number;
  df2: number;
}
interface Run {
  id: string;
  mediators: string[];
  coding: 'indicator' | 'sequential' | 'helmert' | 'effect';
  covariates: string[];
  codeNames: string[];
  equations: { outcome: string; coefficients: (RefRow & { term: string })[]; rSquared: number; dfResidual: number }[];
  directEffects: (RefRow & { code: string })[];
  omnibus: Omnibus[];
  indirect: { path: string[] | 'total'; code: string; estimate: number }[];
  totalEffects: (RefRow & { code: string })[];
  totalOmnibus: Omnibus;
}
const ref = loadJson<{ cuts: { q25: number; q50: number; q75: number }; runs: Run[] }>('process-multicategorical-serial.json');
const rows: Record<string, number>[] = loadCsv('process-serial-models.csv').map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])));
const grouped: Record<string, number>[] = rows.map((d) => ({ ...d, g: 1 + Number(d.x! > ref.cuts.q25) + Number(d.x! > ref.cuts.q50) + Number(d.x! > ref.cuts.q75) }));
const close = expectReference;

const fit = (r: Run, hc: 'HC3' | undefined) =>
  processModel(grouped, { model: 6, x: 'g', m: r.mediators, y: 'y', covariates: r.covariates, xCoding: r.coding, resamples: 0, ...(hc === undefined ? {} : { hc }) });

describe('model 6 with a multicategorical X against R', () => {
  for (const r of ref.runs) {
    for (const hc of ['HC3', undefined] as const) {
      it(`${r.id} (${hc ?? 'OLS'})`, () => {
        const result = fit(r, hc);
        const pick = (row: RefRow): Tested => (hc === undefined ? row.ols : row);
        expect(result.model).toBe(6);
        expect(result.xCoding.columnNames).toEqual(r.codeNames);
        for (const eq of r.equations) {
          const mine = result.equations.find((e) => e.outcome === eq.outcome && e.name === eq.outcome)!;
          expect(mine.coefficients.map((c) => c.term)).toEqual(eq.coefficients.map((c) => c.term));
          if (mine.family !== 'linear') expect.fail('an OLS equation');
          expect(mine.summary.df2).toBe(eq.dfResidual);
          close(mine.summary.rSquared, eq.rSquared, `${eq.outcome} R²`);
          for (const c of eq.coefficients) {
            const m = mine.coefficients.find((x) => x.term === c.term)!;
            close(m.estimate, c.estimate, `${eq.outcome} ${c.term} estimate`);
            for (const f of FIELDS) close(m[f], pick(c)[f], `${eq.outcome} ${c.term} ${f}`);
          }
        }
        for (const [mine, want, what] of [
          [result.directEffects, r.directEffects, 'direct'],
          [result.totalEffects!, r.totalEffects, 'total'],
        ] as const) {
          expect(mine.map((e) => e.code)).toEqual(r.codeNames);
          for (const d of want) {
            const e = mine.find((x) => x.code === d.code)!;
            close(e.estimate, d.estimate, `${what} ${d.code} estimate`);
            for (const f of FIELDS) close(e[f], pick(d)[f], `${what} ${d.code} ${f}`);
          }
        }
        // Every chain (in PROCESS's order) per code, code by code as for models 4 and 80–82.
        const chains = r.indirect.filter((e) => e.path !== 'total');
        expect(result.indirectEffects.map((e) => [e.label, e.code])).toEqual(r.codeNames.flatMap((code) => chains.filter((e) => e.code === code).map((e) => [(e.path as string[]).join(' -> '), code])));
        for (const e of chains) {
          const mine = result.indirectEffects.find((i) => i.code === e.code && i.label === (e.path as string[]).join(' -> '))!;
          expect(mine.path).toEqual(['g', ...(e.path as string[]), 'y']);
          close(mine.estimate, e.estimate, `indirect ${String(e.path)} ${e.code}`);
        }
        for (const e of r.indirect.filter((i) => i.path === 'total')) close(result.totalIndirectEffects!.find((t) => t.code === e.code)?.estimate, e.estimate, `total indirect ${e.code}`);
        // Omnibus tests: each mediator's equation, Y's, the total-effect model's.
        const totalName = result.totalEffectModel!.name;
        expect(result.omnibusTests.map((t) => t.equation)).toEqual([...r.mediators, 'y', totalName]);
        [...r.omnibus, r.totalOmnibus].forEach((want, i) => {
          const t = result.omnibusTests[i]!;
          if (t.test !== 'F') expect.fail('an OLS equation has an F test');
          expect(t.at).toEqual({});
          close(t.statistic, hc === undefined ? want.fOls : want.fHc3, `omnibus ${want.equation} F`);
          close(t.p, hc === undefined ? want.pOls : want.pHc3, `omnibus ${want.equation} p`);
          close(t.rSquaredChange, want.rSquaredChange, `omnibus ${want.equation} R² change`);
          expect([t.df1, t.df2]).toEqual([want.df1, want.df2]);
        });
      });
    }
  }
});

describe('model 6 with a multicategorical X: the bootstrap', () => {
  const base = { model: 6, x: 'g', m: ['m1', 'm2', 'm3'], y: 'y', covariates: ['c1'], xCoding: 'helmert', resamples: 1000, seed: 11 } as const;
  it('each resample’s relative indirect effect is the product of that resample’s path coefficients, and the totals their sums', () => {
    const r = processModel(grouped, { ...base, bootstrapCoefficients: true, keepResamples: true });
    const draws = (equation: string, term: string) => r.coefficientBootstrap!.find((c) => c.equation === equation && c.term === term)!.draws!;
    expect(r.indirectEffects).toHaveLength(7 * 3);
    for (const e of r.indirectEffects) {
      const nodes = e.path.slice(1); // mediators…, y
      const factors = [draws(nodes[0]!, e.code), ...nodes.slice(1).map((to, i) => draws(to, nodes[i]!))];
      expect(e.draws).toHaveLength(1000);
      for (let b = 0; b < 1000; b++) expect(e.draws![b]).toBeCloseTo(factors.reduce((v, f) => v * f[b]!, 1), 12);
      expect(e.se!).toBeGreaterThan(0);
      expect(e.lower!).toBeLessThan(e.upper!);
    }
    for (const t of r.totalIndirectEffects!) {
      const chains = r.indirectEffects.filter((e) => e.code === t.code);
      for (let b = 0; b < 1000; b += 97) expect(t.draws![b]).toBeCloseTo(chains.reduce((v, e) => v + e.draws![b]!, 0), 12);
    }
  });
  it('is reproducible from its seed, and with two groups is numeric model 6 on the 0/1 X (same resamples, same CIs)', () => {
    const a = processModel(grouped, base);
    const b = processModel(grouped, base);
    expect(b.indirectEffects).toEqual(a.indirectEffects);
    expect(a.bootstrap?.seed).toBe(11);
    const two = grouped.map((d) => ({ ...d, xb: Number(d.x! > ref.cuts.q50) }));
    const numeric = processModel(two, { model: 6, x: 'xb', m: ['m1', 'm2'], y: 'y', covariates: ['c1'], resamples: 1000, seed: 5 });
    const relative = processModel(two, { model: 6, x: 'xb', m: ['m1', 'm2'], y: 'y', covariates: ['c1'], xCoding: 'indicator', resamples: 1000, seed: 5 });
    expect(relative.xCoding.columnNames).toEqual(['xb[1]']);
    expect(relative.indirectEffects.map((e) => e.path)).toEqual(numeric.indirectEffects.map((e) => e.path));
    relative.indirectEffects.forEach((e, i) => {
      const n = numeric.indirectEffects[i]!;
      for (const f of ['estimate', 'se', 'lower', 'upper'] as const) expect(e[f]).toBeCloseTo(n[f]!, 12);
    });
    for (const f of ['estimate', 'se', 'lower', 'upper'] as const) expect(relative.totalIndirectEffects![0]![f]).toBeCloseTo(numeric.totalIndirectEffect![f]!, 12);
    expect(relative.directEffects[0]!.estimate).toBeCloseTo(numeric.directEffect.estimate, 12);
    expect(relative.totalEffects![0]!.estimate).toBeCloseTo(numeric.totalEffect!.estimate, 12);
  });
});

describe('model 6 with a multicategorical X: invariants', () => {
  it('omnibus tests and R² do not depend on the coding or on which group is group 1; total = direct + total indirect per code', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('indicator', 'sequential', 'helmert', 'effect' as const),
        fc.shuffledSubarray(['1', '2', '3', '4'], { minLength: 4, maxLength: 4 }),
        fc.constantFrom(['m1', 'm2'], ['m1', 'm2', 'm3']),
        fc.constantFrom('HC3' as const, undefined),
        (coding, order, m, hc) => {
          const base = { model: 6, x: 'g', m, y: 'y', covariates: ['c1'], resamples: 0, ...(hc === undefined ? {} : { hc }) } as const;
          const a = processModel(grouped, { ...base, xCoding: 'indicator' });
          const b = processModel(grouped, { ...base, xCoding: coding, categorical: { g: order } });
          expect(b.xCoding.levels).toEqual(order);
          const stats = (r: RelativeProcessResult<6>) => [...r.omnibusTests.flatMap((t) => [t.statistic, t.p]), ...r.equations.map((e) => (e.family === 'linear' ? e.summary.rSquared : NaN))];
          const sa = stats(a);
          stats(b).forEach((v, i) => expect(v).toBeCloseTo(sa[i]!, 9));
          for (const t of b.totalEffects!) {
            const direct = b.directEffects.find((d) => d.code === t.code)!.estimate;
            expect(t.estimate).toBeCloseTo(direct + b.totalIndirectEffects!.find((i) => i.code === t.code)!.estimate, 10);
          }
        },
      ),
      { numRuns: 24 },
    );
  });
});

describe('model 6 with a multicategorical X: options, output', () => {
  const base = { model: 6, x: 'g', m: ['m1', 'm2'], y: 'y', xCoding: 'sequential' } as const;
  it('refuses the options that need a numeric X, naming them', () => {
    for (const [key, value] of [
      ['contrasts', true],
      ['jn', true],
    ] as const) {
      expect(errorOf(() => processModel(grouped, { ...base, resamples: 0, [key]: value } as never))).toMatchObject({ code: 'INVALID_OPTION', details: { option: key } });
    }
    expect(errorOf(() => processModel(grouped, { ...base, sobel: true, resamples: 0 } as never))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'sobel' } });
    expect(errorOf(() => processModel(grouped, { ...base, xCoding: 'dummies', resamples: 0 } as never))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'xCoding' } });
    // X × M interactions (PROCESS's xmint) with a multicategorical X: not yet (model 4 only, numeric X).
    const xmint = errorOf(() => processModel(grouped, { model: 4, x: 'g', m: ['m1'], y: 'y', xCoding: 'indicator', xmInteraction: true, resamples: 0 } as never));
    expect(xmint).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'xCoding' } });
    expect(xmint.message).toContain('not available yet');
  });
  it('takes covariatesIn, total: false and standardize (partially standardized relative indirect effects)', () => {
    const r = processModel(grouped, { ...base, covariates: ['c1'], covariatesIn: 'mediators', total: false, standardize: true, resamples: 1000, seed: 2 });
    expect(r.equations.find((e) => e.outcome === 'y')!.coefficients.map((c) => c.term)).not.toContain('c1');
    expect(r.totalEffects).toBeNull();
    expect(r.omnibusTests.map((t) => t.equation)).toEqual(['m1', 'm2', 'y']);
    const sdY = Math.sqrt(grouped.reduce((s, d) => s + (d.y! - grouped.reduce((t, e) => t + e.y!, 0) / grouped.length) ** 2, 0) / (grouped.length - 1));
    for (const e of r.standardizedIndirectEffects!) expect(e.estimate).toBeCloseTo(r.indirectEffects.find((i) => i.code === e.code && i.label === e.label)!.estimate / sdY, 12);
  });
  it('a dichotomous Y: a logistic Y equation, its omnibus test a likelihood-ratio χ², no total-effect model', () => {
    const median = [...grouped.map((d) => d.y!)].sort((p, q) => p - q)[150]!;
    const yb = grouped.map((d) => ({ ...d, yb: Number(d.y! > median) }));
    const r = processModel(yb, { ...base, y: 'yb', resamples: 1000, seed: 3 });
    expect(r.settings.yModel).toBe('logistic');
    expect(r.totalEffects).toBeNull();
    expect(r.omnibusTests.map((t) => [t.equation, t.test])).toEqual([
      ['m1', 'F'],
      ['m2', 'F'],
      ['yb', 'likelihood ratio'],
    ]);
    for (const e of r.indirectEffects) expect(Number.isFinite(e.estimate) && e.lower! < e.upper!).toBe(true);
    // As for a numeric X (and PROCESS): no total effect or standardized effects on the log-odds scale.
    for (const key of ['total', 'standardize'] as const) {
      expect(errorOf(() => processModel(yb, { ...base, y: 'yb', [key]: true, resamples: 0 }))).toMatchObject({ code: 'INVALID_OPTION', details: { option: key, column: 'yb' } });
    }
  });
  it('formatProcess prints the omnibus test in each equation, a block per chain with a row per code; toApaTable and tidy take it', () => {
    const r = processModel(grouped, { ...base, covariates: ['c1'], resamples: 1000, seed: 1 });
    const text = formatProcess(r);
    for (const line of [
      'Coding of categorical X variable for analysis (sequential):',
      'Omnibus test of effect of X on m1:',
      'Omnibus test of effect of X on m2:',
      'Omnibus test of direct effect of X on Y:',
      'Omnibus test of total effect of X on Y:',
      'Relative total effects of X on Y:',
      'Relative direct effects of X on Y:',
      'g        ->    m1        ->    m2        ->    y',
      'Total relative indirect effects of X on Y:',
    ]) {
      expect(text).toContain(line);
    }
    const apa = toApaTable(r);
    expect(apa.rows.filter((row) => 'section' in row && row.section.includes('omnibus test of g')).length).toBe(4);
    expect(apa.rows.flatMap((row) => (Array.isArray(row) ? [String(row[0])] : [])).filter((l) => l.startsWith('Indirect effect of g: ')).length).toBe(9);
    const t = tidy(r);
    expect(t.filter((row) => row.type === 'omnibusTest').map((row) => row.equation)).toEqual(['m1', 'm2', 'y', r.totalEffectModel!.name]);
    expect(t.filter((row) => row.effect === 'indirectEffects' && row.code === 'g[3]').map((row) => row.label)).toEqual(['m1', 'm1 -> m2', 'm2']);
  });
});
