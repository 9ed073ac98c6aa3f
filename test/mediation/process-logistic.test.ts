import { describe, expect, it } from 'vitest';
import { processModel } from '../../src/index.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv } from '../helpers/fixtures.js';

// A dichotomous Y: detected as PROCESS detects it (two values), coded lower = 0, higher = 1, fitted
// by logistic regression while mediators stay OLS. Its numbers are checked against real PROCESS
// output and R's glm in process-catalog-spss.test.ts and process-catalog-r.test.ts.
const rows = loadCsv('process-spss/Data_Model7.csv').map((r) => ({ x: Number(r.x), w: Number(r.w), m1: Number(r.m1), y: Number(r.y), y2: Number(r.y2) }));
const opts = { model: 7, x: 'x', m: 'm1', w: 'w', y: 'y2', resamples: 0 } as const;

describe('processModel with a dichotomous Y', () => {
  it('fits Y by logistic regression and the mediator by OLS; records the 0/1 coding', () => {
    const r = processModel(rows, opts);
    expect(r.settings.yModel).toBe('logistic');
    expect(r.settings.yCoding).toEqual([0, 1]);
    expect(r.equations.map((e) => e.family)).toEqual(['linear', 'logistic']);
  });
  it('codes any two values as 0 (the lower) and 1 (the higher), as PROCESS', () => {
    const recoded = rows.map((r) => ({ ...r, y2: r.y2 === 1 ? 7 : 3 }));
    const a = processModel(rows, opts);
    const b = processModel(recoded, opts);
    expect(b.settings.yCoding).toEqual([3, 7]);
    expect(b.equations[1]!.coefficients).toEqual(a.equations[1]!.coefficients);
  });
  it("yModel: 'linear' keeps OLS for a 0/1 Y; 'logistic' needs two values", () => {
    expect(processModel(rows, { ...opts, yModel: 'linear' }).equations[1]!.family).toBe('linear');
    expect(errorOf(() => processModel(rows, { ...opts, y: 'y', yModel: 'logistic' }))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'yModel', column: 'y' } });
  });
  it('a total effect or standardized effects are refused for a dichotomous Y, as PROCESS refuses them', () => {
    const m4 = { model: 4, x: 'x', m: 'm1', y: 'y2', resamples: 0 } as const;
    expect(processModel(rows, m4).totalEffect).toBeNull();
    expect(errorOf(() => processModel(rows, { ...m4, total: true }))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'total' } });
    expect(errorOf(() => processModel(rows, { ...m4, standardize: true }))).toMatchObject({ code: 'INVALID_OPTION', details: { option: 'standardize' } });
  });
  it('perfect prediction of Y is a SEPARATION error naming the outcome', () => {
    const separated = rows.map((r) => ({ ...r, y2: r.x > 1 ? 1 : 0 }));
    const e = errorOf(() => processModel(separated, opts));
    expect(e.code).toBe('SEPARATION');
    expect(e.message).toContain('y2');
  });
  it('product terms get likelihood-ratio tests (χ² on df = number of products)', () => {
    const r = processModel(rows, { model: 1, x: 'x', w: 'w', y: 'y2' });
    const [t] = r.interactionTests;
    expect(t!.test).toBe('likelihood ratio');
    if (t!.test === 'likelihood ratio') expect(t!.df).toBe(1);
  });
  it('bootstraps the logistic equation by refitting it in every resample', () => {
    const r = processModel(rows, { ...opts, resamples: 1000, seed: 1 });
    expect(r.bootstrap!.resamples).toBe(1000);
    for (const e of r.conditionalIndirectEffects) expect(e.lower! < e.estimate && e.estimate < e.upper!).toBe(true);
  });
});

describe('a dichotomous mediator', () => {
  it('is fitted by OLS with a DICHOTOMOUS_MEDIATOR warning naming it (PROCESS refuses it without mdichok)', () => {
    const r = processModel(rows, { model: 4, x: 'x', m: 'y2', y: 'y', resamples: 0 });
    expect(r.equations[0]!.family).toBe('linear');
    expect(r.warnings.find((w) => w.code === 'DICHOTOMOUS_MEDIATOR')).toMatchObject({ details: { column: 'y2' } });
    expect(processModel(rows, { model: 4, x: 'x', m: 'm1', y: 'y', resamples: 0 }).warnings.some((w) => w.code === 'DICHOTOMOUS_MEDIATOR')).toBe(false);
  });
});

describe('the normal-theory test of model 4', () => {
  it("'second-order' adds se_a²·se_b² under the root (PROCESS 4); true is first-order (PROCESS 2)", () => {
    const base = { model: 4, x: 'x', m: 'm1', y: 'y', resamples: 0 } as const;
    const first = processModel(rows, { ...base, sobel: true }).sobel![0]!;
    const second = processModel(rows, { ...base, sobel: 'second-order' }).sobel![0]!;
    const r = processModel(rows, base);
    const a = r.equations[0]!.coefficients.find((c) => c.term === 'x')!;
    const b = r.equations[1]!.coefficients.find((c) => c.term === 'm1')!;
    expect(first.order).toBe('first-order');
    expect(second.order).toBe('second-order');
    expect(second.se ** 2).toBeCloseTo(first.se ** 2 + a.se ** 2 * b.se ** 2, 14);
    expect(second.estimate).toBe(first.estimate);
    expect(Math.abs(second.statistic)).toBeLessThan(Math.abs(first.statistic));
    expect(() => processModel(rows, { ...base, sobel: 'third' } as never)).toThrow(/sobel/);
  });
});
