import { describe, expect, it } from 'vitest';
import { bootstrap, isPsychkitError, pathModel, processModel } from '../../src/index.js';
import { loadJson } from '../helpers/fixtures.js';
import { expectClose, expectRelClose } from '../helpers/close.js';
import { maritalLevels, peer } from '../helpers/peer.js';
import { slopeOf } from '../helpers/slope.js';

const extra = loadJson('regression.json'); // test/fixtures/regression.R
const covs = ['gender', 'education', 'marital'];

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return isPsychkitError(e) ? e.code : `not a PsychkitError: ${String(e)}`;
  }
  return 'no error';
}

describe('pathModel', () => {
  it('model 4 written by hand reproduces processModel() exactly, bootstrap included', () => {
    const opts = { categorical: maritalLevels, resamples: 2000, seed: 11 } as const;
    const hand = pathModel(peer, {
      ...opts,
      equations: [
        { outcome: 'ss', predictors: ['esse', ...covs] },
        { outcome: 'pwb', predictors: ['esse', 'ss', ...covs] },
      ],
      effects: {
        indirect: (b) => b('ss', 'esse') * b('pwb', 'ss'),
        completely: (b) => (b('ss', 'esse') * b('pwb', 'ss') * b.sd('esse')) / b.sd('pwb'),
      },
    });
    const preset = processModel(peer, { ...opts, model: 4, x: 'esse', m: 'ss', y: 'pwb', covariates: covs, standardize: true });
    expect(hand.equations).toEqual(preset.equations);
    const [indirect, completely] = hand.effects;
    const { label: _l, path: _p, ...pi } = preset.indirectEffects![0]!;
    expect({ ...indirect, name: undefined }).toEqual({ ...pi, name: undefined });
    const { label: _l2, path: _p2, ...pc } = preset.standardized!.completely[0]!;
    expect({ ...completely, name: undefined }).toEqual({ ...pc, name: undefined });
    expect(hand.bootstrap).toEqual(preset.bootstrap);
  });
  it('a custom model (serial, with the M1→M2 path moderated by gender) matches R', () => {
    const r = extra.custom;
    const res = pathModel(peer, {
      equations: [
        { outcome: 'ss', predictors: ['esse', 'gender'] },
        { outcome: 'si', predictors: ['esse', 'ss', 'gender', 'ss:gender'] },
        { outcome: 'pwb', predictors: ['esse', 'ss', 'si', 'gender'] },
      ],
      effects: {
        men: (b) => b('ss', 'esse') * b('si', 'ss') * b('pwb', 'si'),
        women: (b) => b('ss', 'esse') * (b('si', 'ss') + b('si', 'ss:gender')) * b('pwb', 'si'),
        difference: (b) => b('ss', 'esse') * b('si', 'ss:gender') * b('pwb', 'si'),
      },
      resamples: 10_000,
      seed: 91,
    });
    expect(res.n).toBe(r.n);
    res.equations.forEach((eq, e) =>
      eq.coefficients.forEach((c, j) => {
        expectClose(c.estimate, r.equations[e].b[j], 1e-10, `${eq.name} ${c.term}`);
        expectClose(c.se, r.equations[e].se[j], 1e-10, `${eq.name} ${c.term} se`);
      }),
    );
    for (const effect of res.effects) {
      const ref = r[effect.name];
      expectClose(effect.estimate, ref.effect, 1e-10, effect.name);
      expectRelClose(effect.se!, ref.bootSE, 0.05, `${effect.name} se`);
      expectClose(effect.lower!, ref.bootLLCI, 0.01, `${effect.name} lower`);
      expectClose(effect.upper!, ref.bootULCI, 0.01, `${effect.name} upper`);
    }
  });
  it('mean-centres the variables in `center` before forming products', () => {
    const a = pathModel(peer, { equations: [{ outcome: 'rec', predictors: ['esse', 'ss', 'esse:ss'] }], center: ['esse', 'ss'], resamples: 0 });
    const b = processModel(peer, { model: 1, x: 'esse', w: 'ss', y: 'rec', center: 'all' });
    a.equations[0]!.coefficients.forEach((c, j) => expectClose(c.estimate, b.equations[0]!.coefficients[j]!.estimate, 1e-12, c.term));
  });
  it.each<[string, () => unknown, string]>([
    ['no equations', () => pathModel(peer, { equations: [] }), 'INVALID_OPTION'],
    ['an unknown equation in an effect', () => pathModel(peer, { equations: [{ outcome: 'ss', predictors: ['esse'] }], effects: { e: (b) => b('nope', 'esse') }, resamples: 0 }), 'INVALID_OPTION'],
    ['an unknown term in an effect', () => pathModel(peer, { equations: [{ outcome: 'ss', predictors: ['esse'] }], effects: { e: (b) => b('ss', 'si') }, resamples: 0 }), 'INVALID_OPTION'],
    ['an SD of a variable not in the model', () => pathModel(peer, { equations: [{ outcome: 'ss', predictors: ['esse'] }], effects: { e: (b) => b.sd('pwb') }, resamples: 0 }), 'INVALID_OPTION'],
    ['an effect that is not finite', () => pathModel(peer, { equations: [{ outcome: 'ss', predictors: ['esse'] }], effects: { e: (b) => b('ss', 'esse') / 0 }, resamples: 0 }), 'INVALID_OPTION'],
    ['an effect that is not a function', () => pathModel(peer, { equations: [{ outcome: 'ss', predictors: ['esse'] }], effects: { e: 1 as never } }), 'INVALID_OPTION'],
    ['two equations with one name', () => pathModel(peer, { equations: [{ outcome: 'ss', predictors: ['esse'] }, { outcome: 'ss', predictors: ['si'] }], resamples: 0 }), 'DUPLICATE_NAME'],
    ['an outcome among its predictors', () => pathModel(peer, { equations: [{ outcome: 'ss', predictors: ['esse', 'ss'] }] }), 'INVALID_OPTION'],
    ['centring a variable no equation uses', () => pathModel(peer, { equations: [{ outcome: 'ss', predictors: ['esse'] }], center: ['pwb'] }), 'INVALID_OPTION'],
    ['a product with a categorical part', () => pathModel(peer, { equations: [{ outcome: 'ss', predictors: ['esse', 'esse:marital'] }], resamples: 0 }), 'NON_NUMERIC'],
    ['too few resamples', () => pathModel(peer, { equations: [{ outcome: 'ss', predictors: ['esse'] }], resamples: 999 }), 'INVALID_OPTION'],
  ])('%s → %s', (_, f, code) => expect(codeOf(f)).toBe(code));
});

describe('bootstrap (generic case resampling)', () => {
  const mean = ([x]: readonly Float64Array[], n: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += x![i]!;
    return s / n;
  };
  it('the bootstrap SE of a mean is close to its plug-in value sd·√((n−1)/n)/√n', () => {
    const r = bootstrap(peer, { columns: ['pwb'], statistic: mean, resamples: 20_000, seed: 1 });
    const x = (peer.pwb as (number | null)[]).filter((v): v is number => v !== null);
    const n = x.length;
    const m = x.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / n);
    expect(r.n).toBe(n);
    expectClose(r.statistics[0]!.estimate, m, 1e-12, 'estimate');
    expectRelClose(r.statistics[0]!.se, sd / Math.sqrt(n), 0.03, 'se');
    // Percentile interval of a mean ≈ m ± 1.96·se.
    expectClose(r.statistics[0]!.lower, m - 1.96 * (sd / Math.sqrt(n)), 0.01, 'lower');
    expectClose(r.statistics[0]!.upper, m + 1.96 * (sd / Math.sqrt(n)), 0.01, 'upper');
  });
  it('several statistics at once, seeded, with the resampled values on request', () => {
    const stat = (cols: readonly Float64Array[], n: number) => [mean([cols[0]!], n), mean([cols[1]!], n)];
    const a = bootstrap(peer, { columns: ['esse', 'pwb'], statistic: stat, resamples: 1000, seed: 'x', keepResamples: true });
    const b = bootstrap(peer, { columns: ['esse', 'pwb'], statistic: stat, resamples: 1000, seed: 'x' });
    expect(a.statistics).toEqual(b.statistics);
    expect(a.resampled!.length).toBe(2);
    expect(a.resampled![0]!.length).toBe(1000);
    expect(b.resampled).toBeNull();
    expect(a.bootstrap).toMatchObject({ resamples: 1000, replaced: 0, seed: 'x', interval: 'percentile', confidence: 0.95 });
  });
  it('resamples the same cases as pathModel for the same seed (one stream, n draws per resample)', () => {
    // Slope of pwb on esse: pathModel refits it from resampled cross-products (inlined Alea),
    // bootstrap() from copied columns (bootstrapIndices on randomStream); same draws → same values.
    const slope = slopeOf;
    const a = bootstrap(peer, { columns: ['esse', 'pwb'], statistic: slope, resamples: 1000, seed: 'same' });
    const b = pathModel(peer, { equations: [{ outcome: 'pwb', predictors: ['esse'] }], effects: { slope: (c) => c('pwb', 'esse') }, resamples: 1000, seed: 'same' });
    expectClose(b.effects[0]!.estimate, a.statistics[0]!.estimate, 1e-12, 'estimate');
    expectClose(b.effects[0]!.se!, a.statistics[0]!.se, 1e-12, 'se');
    expectClose(b.effects[0]!.lower!, a.statistics[0]!.lower, 1e-12, 'lower');
    expectClose(b.effects[0]!.upper!, a.statistics[0]!.upper, 1e-12, 'upper');
  });
  it('draws again, and counts, resamples where the statistic is not finite', () => {
    let calls = 0;
    const r = bootstrap(peer, { columns: ['esse'], statistic: (c, n) => (++calls % 10 === 0 ? Number.NaN : mean(c, n)), resamples: 1000, seed: 2 });
    expect(r.bootstrap.replaced).toBeGreaterThan(90);
    expect(r.bootstrap.resamples).toBe(1000);
  });
  it.each<[string, () => unknown, string]>([
    ['a missing column', () => bootstrap(peer, { columns: ['nope'], statistic: mean }), 'MISSING_COLUMN'],
    ['no statistic', () => bootstrap(peer, { columns: ['esse'], statistic: 1 as never }), 'INVALID_OPTION'],
    ['too few resamples', () => bootstrap(peer, { columns: ['esse'], statistic: mean, resamples: 100 }), 'INVALID_OPTION'],
    ['a non-finite statistic on the sample', () => bootstrap(peer, { columns: ['esse'], statistic: () => Number.NaN }), 'INVALID_OPTION'],
    ['a non-numeric column', () => bootstrap(peer, { columns: ['marital'], statistic: mean }), 'NON_NUMERIC'],
  ])('%s → %s', (_, f, code) => expect(codeOf(f)).toBe(code));
});

// Found by the bad-input fuzzer (test/fuzz/targets/models.ts).
describe('bootstrap of SD-based effects with an outlier, and effects undefined in a resample', () => {
  // An outlier in y: a resample's mean of y is far from the sample's, and Σy² − (Σy)²/n lost every
  // digit (SD 0, a standardized effect ±Inf, its SE NaN).
  const rows = Array.from({ length: 15 }, (_, i) => {
    const x = Math.sin(i * 1.7) * 1.5;
    const m = 0.4 * x + Math.cos(i * 2.3);
    return { x, m, y: i === 0 ? -1979855852 : 0.3 * m + 0.2 * x + Math.sin(i * 0.9) };
  });
  const sd = ([v]: readonly Float64Array[], n: number) => {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += v![i]!;
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (v![i]! - mean) ** 2;
    return Math.sqrt(ss / (n - 1));
  };

  it("b.sd() in every resample equals the two-pass SD of the resampled column (same draws as bootstrap())", () => {
    const opts = { resamples: 500, allowFewResamples: true, seed: 'sd' } as const;
    const direct = bootstrap(rows, { columns: ['x', 'm', 'y'], statistic: ([, , y], n) => sd([y!], n), ...opts });
    const engine = pathModel(rows, {
      equations: [{ outcome: 'y', predictors: ['x', 'm'] }],
      effects: { sdY: (b) => b.sd('y') },
      resamples: 500,
      allowFewResamples: true,
      seed: 'sd',
    });
    expectRelClose(engine.effects[0]!.se!, direct.statistics[0]!.se, 1e-9, 'se of sd(y)');
    expectRelClose(engine.effects[0]!.lower!, direct.statistics[0]!.lower, 1e-9, 'lower');
  });

  it('process: standardized indirect effects keep a finite bootstrap SE', () => {
    const r = processModel(rows, { model: 4, x: 'x', m: 'm', y: 'y', standardize: true, resamples: 200, allowFewResamples: true, seed: 3 });
    for (const e of [...r.standardized!.partially, ...r.standardized!.completely]) expect(Number.isFinite(e.se)).toBe(true);
  });

  it('a resample where an effect is not finite is drawn again and counted in bootstrap.replaced', () => {
    // y is constant unless case 0 is drawn (about a third of resamples miss it): y/sd(y) is 0/0 there.
    const spiky = rows.map((r, i) => ({ ...r, y: i === 0 ? 5 : 0 }));
    const fit = pathModel(spiky, {
      equations: [{ outcome: 'y', predictors: ['x'] }],
      effects: { standardized: (b) => (b('y', 'x') * b.sd('x')) / b.sd('y') },
      resamples: 300,
      allowFewResamples: true,
      seed: 4,
    });
    expect(fit.bootstrap!.resamples).toBe(300);
    expect(fit.bootstrap!.replaced).toBeGreaterThan(30);
    expect(Number.isFinite(fit.effects[0]!.se)).toBe(true);
  });

  it('an effect returning a null-prototype object is an INVALID_OPTION (TypeError in the message before)', () => {
    expect(codeOf(() => pathModel(rows, { equations: [{ outcome: 'y', predictors: ['x'] }], effects: { odd: () => Object.create(null) }, resamples: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => processModel(rows, { model: 10n as never, x: 'x', y: 'y', m: 'm' }))).toBe('UNKNOWN_MODEL');
    expect(codeOf(() => processModel(rows, { model: 4, x: 'x', y: 'y', m: 'm', seed: Object.create(null) }))).toBe('INVALID_OPTION');
  });
});

describe('bootstrap() of a statistic near 1e300', () => {
  it('keeps a finite SE (the squared deviations overflowed to Infinity before)', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ x: Math.sin(i) }));
    const r = bootstrap(rows, { columns: ['x'], statistic: ([x], n) => (x!.reduce((a, b) => a + b, 0) / n) * 1e300, resamples: 200, allowFewResamples: true, seed: 5 });
    const small = bootstrap(rows, { columns: ['x'], statistic: ([x], n) => x!.reduce((a, b) => a + b, 0) / n, resamples: 200, allowFewResamples: true, seed: 5 });
    expectRelClose(r.statistics[0]!.se, small.statistics[0]!.se * 1e300, 1e-12, 'se');
  });
});
