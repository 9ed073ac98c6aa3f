import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/testing/index.js';
import { errorOf } from '../helpers/errors.js';

describe('simulate.carelessResponses', () => {
  it('is reproducible from its seed and reports the truth', () => {
    const a = simulate.carelessResponses({ n: 200, items: 12, carelessProportion: 0.25, types: ['straightline', 'random', 'pattern'], seed: 'x' });
    const b = simulate.carelessResponses({ n: 200, items: 12, carelessProportion: 0.25, types: ['straightline', 'random', 'pattern'], seed: 'x' });
    expect(a).toEqual(b);
    expect(a.carelessRows).toHaveLength(50);
    expect(a.careless.filter(Boolean)).toHaveLength(50);
    expect(a.types.filter((t) => t !== null)).toHaveLength(50);
    expect(new Set(a.types.filter((t) => t !== null))).toEqual(new Set(['straightline', 'random', 'pattern']));
    expect(Object.keys(a.scales)).toEqual(['scale1', 'scale2', 'scale3', 'scale4']);
    expect(a.scales.scale1).toEqual(['item1', 'item2', 'item3']);
    a.data.forEach((row, i) => {
      const values = a.items.map((name) => row[name] as number);
      for (const v of values) expect(Number.isInteger(v) && v >= 1 && v <= 5).toBe(true);
      if (a.types[i] === 'straightline') expect(new Set(values).size).toBe(1);
      if (a.types[i] === 'pattern') values.forEach((v, j) => j > 0 && expect(v).toBe((values[j - 1]! % 5) + 1));
      expect(a.careless[i]).toBe(a.types[i] !== null);
    });
    expect(simulate.carelessResponses({ n: 200, items: 12, seed: 'y' }).data).not.toEqual(a.data);
  });

  it('gives attentive respondents correlated items within a scale', () => {
    const s = simulate.carelessResponses({ n: 2000, items: 8, scales: 2, carelessProportion: 0, seed: 1, shape: 'columns', categories: 7 });
    const r = (x: number[], y: number[]) => {
      const mx = x.reduce((a, b) => a + b) / x.length;
      const my = y.reduce((a, b) => a + b) / y.length;
      let sxy = 0, sxx = 0, syy = 0;
      x.forEach((v, i) => ((sxy += (v - mx) * (y[i]! - my)), (sxx += (v - mx) ** 2), (syy += (y[i]! - my) ** 2)));
      return sxy / Math.sqrt(sxx * syy);
    };
    expect(s.carelessRows).toEqual([]);
    expect(r(s.data.item1!, s.data.item2!)).toBeGreaterThan(0.35); // same factor: λ² = .49 before categorising
    expect(r(s.data.item1!, s.data.item8!)).toBeLessThan(r(s.data.item1!, s.data.item2!)); // across factors: φλ² = .147
    expect(Math.max(...s.data.item1!)).toBe(7);
  });

  it('refuses bad options', () => {
    expect(errorOf(() => simulate.carelessResponses({ n: 10, items: 8 } as never)).details.option).toBe('seed');
    expect(errorOf(() => simulate.carelessResponses({ n: 10, seed: 1 } as never)).details.option).toBe('items');
    expect(errorOf(() => simulate.carelessResponses({ n: 10, items: 8, seed: 1, types: ['lazy'] as never })).details.option).toBe('types');
    expect(errorOf(() => simulate.carelessResponses({ n: 10, items: 8, seed: 1, carelessProportion: 1.5 })).details.option).toBe('carelessProportion');
    expect(errorOf(() => simulate.carelessResponses({ n: 10, items: 8, seed: 1, scales: 5 })).details.option).toBe('scales');
    expect(errorOf(() => simulate.carelessResponses({ n: 10, items: 8, seed: 1, loading: 1 })).details.option).toBe('loading');
    expect(errorOf(() => simulate.carelessResponses({ n: 10, items: 8, seed: 1, typo: 1 } as never)).code).toBe('INVALID_OPTION');
  });
});
