// compareAlphas: Feldt 1969 / 1980 and Feldt–Woodruff–Salih 1987 against cocron's formulas (R) and the
// published examples, plus properties and bad input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareAlphas } from '../../src/reliability/compare-alphas.js';
import { errorOf } from '../helpers/errors.js';
import { loadJson } from '../helpers/fixtures.js';

interface Case {
  input: { alphas: number[]; n: number[]; items?: number[]; correlation?: number | number[][]; method: 'feldt' | 'feldt-woodruff-salih'; alternative: string };
  output: { statistic: number; p: number; df?: number; df1?: number; df2?: number };
}
const fixture = loadJson<{ cases: Case[] }>('compare-alphas.json');
const alternativeOf = (a: string) => (a === 'two.sided' ? 'two-sided' : a) as 'two-sided' | 'greater' | 'less';

describe('compareAlphas', () => {
  it(`matches cocron's formulas in R (${fixture.cases.length} cases, statistic, df and p to 1e-10)`, () => {
    let compared = 0;
    for (const { input, output } of fixture.cases) {
      const samples = input.alphas.map((alpha, i) => ({ alpha, n: input.n[i] as number, ...(input.items ? { items: input.items[i] as number } : {}) }));
      const r = compareAlphas(samples, {
        method: input.method,
        alternative: alternativeOf(input.alternative),
        ...(input.correlation === undefined ? {} : { dependent: true, correlation: input.correlation }),
      });
      expect(r.statistic).toBeCloseTo(output.statistic, 10);
      expect(r.p).toBeCloseTo(output.p, 10);
      if (r.distribution === 'F') {
        expect([r.df1, r.df2]).toEqual([output.df1, output.df2]);
      } else expect(r.df).toBe(output.df);
      compared += 3;
    }
    expect(compared).toBe(3 * fixture.cases.length);
  });
  it('reproduces the published examples (Charter & Feldt 1996; Feldt, Woodruff & Salih 1987; AlphaTest)', () => {
    const independent = compareAlphas([{ alpha: 0.78, n: 41 }, { alpha: 0.71, n: 151 }]);
    expect(independent.statistic.toFixed(3)).toBe('1.318');
    expect(independent.distribution === 'F' && [independent.df1, independent.df2]).toEqual([40, 150]);
    const dependent = compareAlphas([{ alpha: 0.82, n: 27 }, { alpha: 0.89, n: 27 }], { dependent: true, correlation: 0.74 });
    expect(Math.abs(dependent.statistic).toFixed(3)).toBe('1.849');
    const three = compareAlphas([{ alpha: 0.784, n: 51, items: 5 }, { alpha: 0.875, n: 101, items: 5 }, { alpha: 0.936, n: 151, items: 5 }]);
    expect(three.statistic.toFixed(3)).toBe('22.926');
    expect(compareAlphas([{ alpha: 0.6, n: 150, items: 50 }, { alpha: 0.7, n: 200, items: 100 }], { method: 'feldt-woodruff-salih' }).statistic.toFixed(4)).toBe('3.4535');
  });
  it('reads cronbachAlpha-shaped results ({ alpha, n, k })', () => {
    const r = compareAlphas([{ alpha: 0.8, n: 100, k: 10 }, { alpha: 0.7, n: 120, k: 10 }, { alpha: 0.75, n: 90, k: 12 }]);
    expect(r.method).toBe('feldt-woodruff-salih-1987');
    expect(r.method === 'feldt-woodruff-salih-1987' && r.items).toEqual([10, 10, 12]);
  });
  it('properties: order does not change a two-sided test; equal alphas give W = 1 or t = 0; p in [0, 1]', () => {
    const alpha = fc.double({ min: 0.05, max: 0.97, noNaN: true });
    const n = fc.integer({ min: 5, max: 2000 });
    fc.assert(
      fc.property(alpha, alpha, n, n, fc.double({ min: -0.95, max: 0.95, noNaN: true }), (a1, a2, n1, n2, r) => {
        const ab = compareAlphas([{ alpha: a1, n: n1 }, { alpha: a2, n: n2 }]);
        const ba = compareAlphas([{ alpha: a2, n: n2 }, { alpha: a1, n: n1 }]);
        expect(ab.statistic).toBeCloseTo(ba.statistic, 12);
        expect(ab.p).toBeCloseTo(ba.p, 12);
        expect(ab.statistic).toBeGreaterThanOrEqual(1);
        expect(ab.p).toBeGreaterThanOrEqual(0);
        expect(ab.p).toBeLessThanOrEqual(1);
        const dep = compareAlphas([{ alpha: a1, n: n1 }, { alpha: a2, n: n1 }], { dependent: true, correlation: r });
        const swapped = compareAlphas([{ alpha: a2, n: n1 }, { alpha: a1, n: n1 }], { dependent: true, correlation: r });
        expect(dep.statistic).toBeCloseTo(-swapped.statistic, 10);
        expect(dep.p).toBeCloseTo(swapped.p, 10);
        const same = compareAlphas([{ alpha: a1, n: n1 }, { alpha: a1, n: n1 }], { dependent: true, correlation: r });
        expect(same.statistic).toBe(0);
        expect(same.p).toBeCloseTo(1, 12);
        // one-sided p's of the two directions add to 1
        const greater = compareAlphas([{ alpha: a1, n: n1 }, { alpha: a2, n: n2 }], { alternative: 'greater' });
        const less = compareAlphas([{ alpha: a1, n: n1 }, { alpha: a2, n: n2 }], { alternative: 'less' });
        expect(greater.p + less.p).toBeCloseTo(1, 10);
      }),
    );
  });
  it('refuses bad input by name', () => {
    expect(errorOf(() => compareAlphas([{ alpha: 0.8, n: 30 }])).code).toBe('TOO_FEW_VARIABLES');
    expect(errorOf(() => compareAlphas([{ alpha: 1.2, n: 30 }, { alpha: 0.8, n: 30 }])).details).toMatchObject({ index: 0, option: 'alpha' });
    expect(errorOf(() => compareAlphas([{ alpha: 0.8, n: 2.5 }, { alpha: 0.8, n: 30 }])).code).toBe('OUT_OF_RANGE');
    expect(errorOf(() => compareAlphas([{ alpha: 0.8, n: 30 }, { alpha: 0.7, n: 30 }], { dependent: true })).details).toMatchObject({ option: 'correlation' });
    expect(errorOf(() => compareAlphas([{ alpha: 0.8, n: 30 }, { alpha: 0.7, n: 31 }], { dependent: true, correlation: 0.5 })).code).toBe('LENGTH_MISMATCH');
    expect(errorOf(() => compareAlphas([{ alpha: 0.8, n: 30 }, { alpha: 0.7, n: 31 }], { correlation: 0.5 })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => compareAlphas([{ alpha: 0.8, n: 30 }, { alpha: 0.7, n: 31 }, { alpha: 0.7, n: 31 }])).code).toBe('INVALID_INPUT');
    expect(errorOf(() => compareAlphas([{ alpha: 0.8, n: 30 }, { alpha: 0.7, n: 31 }], { alpha: 0.05 } as never)).code).toBe('INVALID_OPTION');
    expect(errorOf(() => compareAlphas([{ alpha: 0.8, n: 30 }, { alpha: 0.7, n: 30 }], { dependent: true, correlation: 1.5 })).code).toBe('INVALID_OPTION');
  });
});
