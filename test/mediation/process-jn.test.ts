import { describe, expect, it } from 'vitest';
import { formatProcess, processModel, toApaTable } from '../../src/index.js';
import { tQuantile } from '../../src/probability/index.js';
import { loadCsv } from '../helpers/fixtures.js';

// Johnson–Neyman for model 3: where the X × W interaction, as a function of Z, changes
// significance (PROCESS 4's "Conditional X*W interaction at values of the moderator Z").
// Y given an X × M interaction that changes sign with W, so the region has transition points.
const rows = loadCsv('process-spss/Data_Model2.csv').map((r) => ({ x: Number(r.x), m: Number(r.m), w: Number(r.w), y: Number(r.y) + 0.4 * Number(r.x) * Number(r.m) * (Number(r.w) - 1) }));

describe('Johnson–Neyman for model 3 (the X × W interaction across Z)', () => {
  const r = processModel(rows, { model: 3, x: 'x', w: 'm', z: 'w', y: 'y', jn: true, hc: 'HC3' });
  const eq = r.equations[0]!;
  const at = (z: number) => {
    // b_xw + b_xwz·z with its HC3 variance, from the fitted equation.
    const i = eq.coefficients.findIndex((c) => c.term === 'x:m');
    const j = eq.coefficients.findIndex((c) => c.term === 'x:m:w');
    const V = eq.covariance;
    const est = eq.coefficients[i]!.estimate + eq.coefficients[j]!.estimate * z;
    const se = Math.sqrt(V[i]![i]! + 2 * z * V[i]![j]! + z * z * V[j]![j]!);
    return est / se;
  };
  it('at each transition point the interaction’s t is the critical t', () => {
    const jn = r.johnsonNeyman!;
    expect(jn).not.toBeNull();
    const tc = tQuantile(0.975, eq.family === 'linear' ? eq.summary.df2 : Infinity);
    expect(jn.criticalT).toBeCloseTo(tc, 12);
    expect(jn.points.length).toBeGreaterThan(0);
    for (const p of jn.points) expect(Math.abs(at(p.w))).toBeCloseTo(tc, 8);
    for (const row of jn.table) expect(row.statistic).toBeCloseTo(at(row.w), 8);
    const zs = rows.map((d) => d.w);
    expect(jn.range).toEqual([Math.min(...zs), Math.max(...zs)]);
  });
  it('is printed over Z, with PROCESS’s heading', () => {
    expect(formatProcess(r)).toContain('Conditional X*W interaction at values of the moderator Z:');
    expect(toApaTable(r).note).toContain('Johnson–Neyman (the x × m interaction)');
  });
  it('model 2 (two additive moderators) has none to offer', () => {
    expect(() => processModel(rows, { model: 2, x: 'x', w: 'm', z: 'w', y: 'y', jn: true } as never)).toThrow(/jn/);
  });
});

describe('conditional path effects and Johnson–Neyman regions of mediated models', () => {
  const data = loadCsv('process-spss/Data_Model22.csv').map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])));
  const r = processModel(data, { model: 58, x: 'x', m: ['m1', 'm2'], w: 'w', y: 'y', jn: true, resamples: 0 });
  it('probes every moderated path of every equation: X → each M, and each M → Y', () => {
    const paths = [...new Set(r.conditionalPathEffects.map((p) => `${p.focal} → ${p.equation}`))];
    expect(paths).toEqual(['x → m1', 'x → m2', 'm1 → y', 'm2 → y']);
    // Each row is b_focal + b_focal:w · w with its t test, from the equation's own table.
    for (const p of r.conditionalPathEffects) {
      const eq = r.equations.find((e) => e.outcome === p.equation)!;
      const b = (t: string) => eq.coefficients.find((c) => c.term === t)!.estimate;
      expect(p.estimate).toBeCloseTo(b(p.focal) + b(`${p.focal}:w`) * p.at.w, 12);
    }
  });
  it('gives each path linear in one continuous moderator a region where its t is critical', () => {
    expect(r.johnsonNeymanPaths!.map((j) => `${j.focal} → ${j.equation}`)).toEqual(['x → m1', 'x → m2', 'm1 → y', 'm2 → y']);
    expect(r.johnsonNeymanPaths!.some((j) => j.region.points.length > 0)).toBe(true);
    for (const j of r.johnsonNeymanPaths!) {
      const eq = r.equations.find((e) => e.outcome === j.equation)!;
      const b = (t: string) => eq.coefficients.find((c) => c.term === t)!.estimate;
      for (const row of j.region.table) expect(row.estimate).toBeCloseTo(b(j.focal) + b(`${j.focal}:w`) * row.w, 12);
      for (const p of j.region.points) expect(Math.abs(j.region.table.find((row) => row.w === p.w)!.statistic)).toBeCloseTo(j.region.criticalT, 8);
    }
    expect(formatProcess(r)).toContain('Focal predict: m2');
  });
  it('has PROCESS’s plot table for each path: the slope between two focal values is the path’s conditional effect', () => {
    for (const p of r.conditionalPathEffects) {
      const rows = r.pathPredictions.filter((q) => q.equation === p.equation && q.focal === p.focal && q.at.w === p.at.w);
      expect(rows).toHaveLength(3);
      const [lo, , hi] = rows as [(typeof rows)[number], unknown, (typeof rows)[number]];
      expect((hi.predicted - lo.predicted) / (hi.value - lo.value)).toBeCloseTo(p.estimate, 10);
    }
    // Everything else at its mean, products recomputed from the plugged-in values (m2·w at mean(m2)·w).
    const q = r.pathPredictions.find((p) => p.equation === 'y' && p.focal === 'm1')!;
    const b = Object.fromEntries(r.equations[2]!.coefficients.map((c) => [c.term, c.estimate]));
    const mean = (k: string) => data.reduce((acc, d) => acc + d[k]!, 0) / data.length;
    const w = q.at.w;
    const expected = b.constant! + b.x! * mean('x') + b.m1! * q.value + b.m2! * mean('m2') + b.w! * w + b['m1:w']! * q.value * w + b['m2:w']! * mean('m2') * w;
    expect(q.predicted).toBeCloseTo(expected, 10);
    expect(formatProcess(r)).toContain('Data for visualizing the conditional effect of the focal predictor:');
  });
  it('is null without jn, and models without moderators have no path section', () => {
    expect(processModel(data, { model: 58, x: 'x', m: ['m1'], w: 'w', y: 'y', resamples: 0 }).johnsonNeymanPaths).toBeNull();
    expect(processModel(data, { model: 6, x: 'x', m: ['m1', 'm2'], y: 'y', resamples: 0 })).not.toHaveProperty('conditionalPathEffects');
  });
});
