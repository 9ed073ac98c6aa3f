import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPsychkitError, processModel, type ProcessResult } from '../../src/index.js';
import { expectClose } from '../helpers/close.js';
import { maritalLevels, peer } from '../helpers/peer.js';

/** A random dataset with x, three mediators, y and two covariates (one categorical). */
const dataset = fc
  .record({
    n: fc.integer({ min: 25, max: 60 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    paths: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }),
  })
  .map(({ n, seed, paths }) => {
    // A small LCG so every column is reproducible from the drawn seed.
    let s = seed;
    const u = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
    const x = Array.from({ length: n }, u);
    const c = Array.from({ length: n }, u);
    const g = Array.from({ length: n }, (_, i) => ['a', 'b', 'c'][i % 3]!);
    const m1 = x.map((v, i) => paths[0]! * v + 0.3 * c[i]! + u());
    const m2 = x.map((v, i) => paths[1]! * v + paths[2]! * m1[i]! + u());
    const m3 = x.map((v, i) => paths[3]! * v + paths[4]! * m2[i]! + u());
    const y = x.map((v, i) => paths[5]! * v + paths[6]! * m1[i]! + paths[7]! * m3[i]! + 0.2 * c[i]! + u());
    return { x, m1, m2, m3, y, c, g };
  });

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return isPsychkitError(e) ? e.code : `not a PsychkitError: ${String(e)}`;
  }
  return 'no error';
}

describe('properties of the unmoderated models', () => {
  it('total effect = direct effect + sum of the specific indirect effects (models 4 and 6, with covariates)', () => {
    fc.assert(
      fc.property(dataset, fc.constantFrom(['m1'], ['m1', 'm2'], ['m1', 'm2', 'm3']), fc.constantFrom(4 as const, 6 as const), (data, m, model) => {
        if (model === 6 && m.length < 2) return;
        const r = processModel(data, { model, x: 'x', m, y: 'y', covariates: ['c', 'g'], resamples: 0 });
        const sum = r.indirectEffects!.reduce((s, e) => s + e.estimate, 0);
        expectClose(r.totalEffect!.estimate, r.directEffect!.estimate + sum, 1e-12 * (1 + Math.abs(r.totalEffect!.estimate)), 'total = direct + indirect');
        if (m.length > 1) expectClose(r.totalIndirectEffect!.estimate, sum, 1e-14, 'total indirect');
      }),
      { numRuns: 60 },
    );
  });
  it('rescaling X by cx and Y by cy rescales effects by cy/cx (bootstrap bounds too) and leaves p-values unchanged', () => {
    fc.assert(
      fc.property(dataset, fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), (data, cx, cy) => {
        const scaled = { ...data, x: data.x.map((v) => v * cx), y: data.y.map((v) => v * cy) };
        const opts = { model: 4, m: ['m1', 'm2'], x: 'x', y: 'y', covariates: ['c'], resamples: 1000, seed: 7, sobel: true, hc: 'HC3' } as const;
        const a = processModel(data, opts);
        const b = processModel(scaled, opts);
        const k = cy / cx;
        const rel = (u: number, v: number, what: string) => expectClose(u, v, 1e-9 * (Math.abs(v) + 1e-3 * Math.abs(k)), what);
        rel(b.directEffect!.estimate, k * a.directEffect!.estimate, 'direct');
        rel(b.totalEffect!.estimate, k * a.totalEffect!.estimate, 'total');
        // An essentially perfect fit (rare draws of the LCG make y a function of the predictors)
        // leaves p-values to rounding noise; both fits must then say so, and p is not compared.
        const perfect = (r: ProcessResult) => r.warnings.some((w) => w.code === 'PERFECT_FIT');
        expect(perfect(b)).toBe(perfect(a));
        const pValuesMeaningful = !perfect(a);
        if (pValuesMeaningful) {
          expectClose(b.directEffect!.p, a.directEffect!.p, 1e-9, 'direct p');
          expectClose(b.totalEffect!.p, a.totalEffect!.p, 1e-9, 'total p');
        }
        a.indirectEffects!.forEach((e, i) => {
          const f = b.indirectEffects![i]!;
          rel(f.estimate, k * e.estimate, 'indirect');
          rel(f.se!, k * e.se!, 'boot se');
          rel(f.lower!, k * e.lower!, 'lower');
          rel(f.upper!, k * e.upper!, 'upper');
          if (pValuesMeaningful) expectClose(b.sobel![i]!.p, a.sobel![i]!.p, 1e-9, 'Sobel p');
        });
        if (pValuesMeaningful) a.equations.forEach((eq, e) => eq.coefficients.forEach((c, j) => expectClose(b.equations[e]!.coefficients[j]!.p, c.p, 1e-8, `p ${eq.name} ${c.term}`)));
      }),
      { numRuns: 25 },
    );
  });
});

describe('seeded bootstrap', () => {
  const opts = { model: 4, x: 'esse', m: ['ss', 'si'], y: 'pwb', covariates: ['gender', 'education', 'marital'], categorical: maritalLevels, resamples: 2000, contrasts: true } as const;
  it('the same seed gives bit-identical results; another seed does not', () => {
    const a = processModel(peer, { ...opts, seed: 'peer' });
    const b = processModel(peer, { ...opts, seed: 'peer' });
    expect(b).toEqual(a);
    const c = processModel(peer, { ...opts, seed: 'other' });
    expect(c.indirectEffects![0]!.lower).not.toBe(a.indirectEffects![0]!.lower);
    expect(c.indirectEffects![0]!.estimate).toBe(a.indirectEffects![0]!.estimate);
  });
  it('pins the resampling stream (same numbers on every runtime)', () => {
    const r = processModel(peer, { ...opts, resamples: 1000, seed: 42 });
    const pin = (e: { se: number | null; lower: number | null; upper: number | null }) => [e.se, e.lower, e.upper];
    expect({ indirect: r.indirectEffects!.map(pin), total: pin(r.totalIndirectEffect!), contrast: pin(r.contrasts![0]!) }).toMatchSnapshot();
  });
  it('reports the seed it used when none is given, and that seed reproduces the run', () => {
    const a = processModel(peer, { ...opts, resamples: 1000 });
    expect(typeof a.bootstrap!.seed).toBe('number');
    const b = processModel(peer, { ...opts, resamples: 1000, seed: a.bootstrap!.seed });
    expect(b.indirectEffects).toEqual(a.indirectEffects);
  });
  it('calls onProgress with increasing counts, ending at the total', () => {
    const calls: [number, number][] = [];
    processModel(peer, { ...opts, resamples: 1500, seed: 1, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBeGreaterThan(10);
    expect(calls.at(-1)).toEqual([1500, 1500]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
  });
  it('bias-corrected intervals differ from percentile ones and bracket the estimate', () => {
    const p = processModel(peer, { ...opts, seed: 5 });
    const bc = processModel(peer, { ...opts, seed: 5, interval: 'bias-corrected' });
    expect(bc.bootstrap!.interval).toBe('bias-corrected');
    expect(bc.indirectEffects![0]!.se).toBe(p.indirectEffects![0]!.se);
    expect(bc.indirectEffects![0]!.lower).not.toBe(p.indirectEffects![0]!.lower);
    for (const e of bc.indirectEffects!) expect(e.lower! < e.estimate && e.estimate < e.upper!).toBe(true);
  });
  it('a 90% interval lies inside the 95% one', () => {
    const a = processModel(peer, { ...opts, seed: 9 });
    const b = processModel(peer, { ...opts, seed: 9, confidence: 0.9 });
    a.indirectEffects!.forEach((e, i) => {
      expect(b.indirectEffects![i]!.lower!).toBeGreaterThanOrEqual(e.lower!);
      expect(b.indirectEffects![i]!.upper!).toBeLessThanOrEqual(e.upper!);
    });
  });
});

describe('process bad input', () => {
  const ok = { model: 4, x: 'esse', m: 'ss', y: 'pwb', resamples: 0 } as const;
  it('accepts the baseline', () => expect(codeOf(() => processModel(peer, ok))).toBe('no error'));
  it.each<[string, () => unknown, string]>([
    ['x missing from the table', () => processModel(peer, { ...ok, x: 'nope' }), 'MISSING_COLUMN'],
    ['y missing from the table', () => processModel(peer, { ...ok, y: 'nope' }), 'MISSING_COLUMN'],
    ['a mediator missing from the table', () => processModel(peer, { ...ok, m: ['ss', 'nope'] }), 'MISSING_COLUMN'],
    ['a covariate missing from the table', () => processModel(peer, { ...ok, covariates: ['nope'] }), 'MISSING_COLUMN'],
    ['a mediator equal to x', () => processModel(peer, { ...ok, m: 'esse' }), 'INVALID_OPTION'],
    ['a mediator equal to y', () => processModel(peer, { ...ok, m: ['ss', 'pwb'] }), 'INVALID_OPTION'],
    ['x equal to y', () => processModel(peer, { ...ok, y: 'esse' }), 'INVALID_OPTION'],
    ['a covariate equal to a mediator', () => processModel(peer, { ...ok, covariates: ['ss'] }), 'INVALID_OPTION'],
    ['a non-numeric outcome', () => processModel(peer, { ...ok, y: 'marital' }), 'NON_NUMERIC'],
    ['a non-numeric mediator', () => processModel(peer, { ...ok, m: 'marital' }), 'NON_NUMERIC'],
    ['too few complete cases', () => processModel({ esse: [1, 2, 3, 4], ss: [2, 1, 4, 3], pwb: [1, 3, 2, 5], c: [0, 1, 1, 0] }, { ...ok, covariates: ['c'] }), 'TOO_FEW_CASES'],
    ['a constant predictor', () => processModel({ ...peer, k: peer.esse!.map(() => 1) }, { ...ok, covariates: ['k'] }), 'ZERO_VARIANCE'],
    [
      'perfectly collinear covariates',
      () => processModel({ ...peer, e2: peer.education!.map((v) => 2 * (v as number) + 1) }, { ...ok, covariates: ['education', 'e2'] }),
      'SINGULAR',
    ],
    ['an unknown model number', () => processModel(peer, { ...ok, model: 77 as never }), 'UNKNOWN_MODEL'],
    ['bootstrap < 1,000 without the override', () => processModel(peer, { ...ok, resamples: 500 }), 'INVALID_OPTION'],
    ['a non-integer bootstrap', () => processModel(peer, { ...ok, resamples: 1000.5 }), 'INVALID_OPTION'],
    ['no mediator for model 4', () => processModel(peer, { ...ok, m: [] }), 'TOO_FEW_VARIABLES'],
    ['one mediator for model 6', () => processModel(peer, { ...ok, model: 6 }), 'TOO_FEW_VARIABLES'],
    ['eleven mediators for model 4', () => processModel(peer, { ...ok, m: Array.from({ length: 11 }, (_, i) => `m${i}`) }), 'INVALID_OPTION'],
    ['no moderator for model 7', () => processModel(peer, { ...ok, model: 7 } as never), 'INVALID_OPTION'],
    ['a moderator for model 4', () => processModel(peer, { ...ok, w: 'gender' } as never), 'INVALID_OPTION'],
    ['a moderator equal to x', () => processModel(peer, { ...ok, model: 7, w: 'esse' }), 'INVALID_OPTION'],
    ['z, which no implemented model has', () => processModel(peer, { ...ok, model: 7, w: 'gender', z: 'education' } as never), 'INVALID_OPTION'],
    ['a mediator for model 1', () => processModel(peer, { ...ok, model: 1, w: 'gender' }), 'INVALID_OPTION'],
    ['sobel outside model 4', () => processModel(peer, { ...ok, model: 7, w: 'gender', sobel: true } as never), 'INVALID_OPTION'],
    ['jn outside model 1', () => processModel(peer, { ...ok, jn: true } as never), 'INVALID_OPTION'],
    ['standardize for a moderated model', () => processModel(peer, { ...ok, model: 14, w: 'gender', standardize: true } as never), 'INVALID_OPTION'],
    ['an unknown ci', () => processModel(peer, { ...ok, interval: 'bca' as never }), 'INVALID_OPTION'],
    ['an unknown hc', () => processModel(peer, { ...ok, hc: 'HC9' as never }), 'INVALID_OPTION'],
    ['confidence as a percentage', () => processModel(peer, { ...ok, confidence: 95 }), 'INVALID_OPTION'],
    ['a bad seed', () => processModel(peer, { ...ok, seed: {} as never }), 'INVALID_OPTION'],
    ['bad probes', () => processModel(peer, { model: 1, x: 'esse', y: 'pwb', w: 'ss', probes: 'quartiles' as never }), 'INVALID_OPTION'],
    ['a bad quantileType', () => processModel(peer, { model: 1, x: 'esse', y: 'pwb', w: 'ss', quantileType: 5 as never }), 'INVALID_OPTION'],
    ['a bad covariatesIn', () => processModel(peer, { ...ok, covariatesIn: 'all' as never }), 'INVALID_OPTION'],
    ['a seed for model 1, which resamples nothing', () => processModel(peer, { model: 1, x: 'esse', y: 'pwb', w: 'ss', seed: 1 } as never), 'INVALID_OPTION'],
    ['resamples for model 1', () => processModel(peer, { model: 1, x: 'esse', y: 'pwb', w: 'ss', resamples: 0 } as never), 'INVALID_OPTION'],
    ['covariatesIn for model 1', () => processModel(peer, { model: 1, x: 'esse', y: 'pwb', w: 'ss', covariates: ['gender'], covariatesIn: 'mediators' } as never), 'INVALID_OPTION'],
    ['options not an object', () => processModel(peer, null as never), 'INVALID_OPTION'],
    ['not a table', () => processModel(42 as never, ok), 'INVALID_INPUT'],
  ])('%s', (_, f, code) => expect(codeOf(f)).toBe(code));
  it('bootstrap < 1,000 runs with allowFewResamples: true, and reports the resamples used', () => {
    const r = processModel(peer, { ...ok, resamples: 200, allowFewResamples: true, seed: 1 });
    expect(r.bootstrap!.resamples).toBe(200);
    expect(r.indirectEffects![0]!.se).toBeGreaterThan(0);
  });
  it('Johnson–Neyman with a dichotomous moderator is a warning, not numbers', () => {
    const r = processModel(peer, { model: 1, x: 'esse', y: 'pwb', w: 'gender', jn: true });
    expect(r.johnsonNeyman).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('JN_DICHOTOMOUS');
    expect(r.conditionalEffects.map((c) => c.at.w)).toEqual([0, 1]);
  });
  it('names the column in the error', () => {
    try {
      processModel(peer, { ...ok, m: ['ss', 'nope'] });
    } catch (e) {
      expect((e as { details: { column: string } }).details.column).toBe('nope');
    }
  });
  it('does not mutate the input table', () => {
    const copy = JSON.parse(JSON.stringify(peer));
    processModel(peer, { model: 58, x: 'esse', m: 'si', w: 'ss', y: 'pwb', covariates: ['marital'], center: 'all', resamples: 1000, seed: 1 });
    expect(peer).toEqual(copy);
  });
  it('returns a frozen result', () => {
    const r: ProcessResult = processModel(peer, ok);
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.isFrozen(r.equations[0]!.coefficients)).toBe(true);
  });
});
