// simulate.processModel: the truths of every PROCESS model processModel fits, joined to its
// estimates on the same labels; their standard errors against the spread of the estimates.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { processModel, PROCESS_MODELS } from '../../src/index.js';
import { seeds, simulate, type ProcessModelSample } from '../../src/testing/index.js';
import { randomStream } from '../../src/random/index.js';
import { errorCode } from '../helpers/errors.js';
import { expectClose } from '../helpers/close.js';
import { numRuns } from '../helpers/runs.js';

type Sample = ProcessModelSample<'rows'> | ProcessModelSample<'columns'>;
type Row = Record<string, unknown> & { readonly estimate: number; readonly se?: number | null };

const SECTIONS = [
  'directEffect',
  'conditionalDirectEffects',
  'conditionalEffects',
  'conditionalInteractions',
  'conditionalPathEffects',
  'indirectEffects',
  'totalIndirectEffect',
  'contrasts',
  'totalEffect',
  'conditionalIndirectEffects',
  'conditionalIndirectDifferences',
  'indexOfModeratedMediation',
  'indexOfPartialModeratedMediation',
  'indexOfModeratedModeratedMediation',
  'indexOfConditionalModeratedMediation',
] as const;
const VALUES = new Set(['estimate', 'se', 'lower', 'upper', 'statistic', 'p', 'draws']);

/** A row's identity: every field but the numbers (as the docs tell users to join: label, mediator, at, …). */
const identity = (row: Row) =>
  JSON.stringify(
    Object.keys(row)
      .filter((k) => !VALUES.has(k))
      .sort()
      .map((k) => [k, row[k]]),
  );

/** The mediators a model takes by default in these tests. */
function mediatorsFor(model: number): number {
  if (model <= 3) return 0;
  if (model === 80 || model === 81) return 3;
  if (model === 82) return 4;
  return 2;
}

/** Fits processModel as the docs say: the population probes, no bootstrap, contrasts where the model has them. */
function fit(sim: Sample, model: number): Record<string, unknown> & { equations: readonly { name: string; coefficients: readonly { term: string; estimate: number; se: number }[] }[] } {
  const mediated = sim.variables.m.length > 0;
  return processModel(sim.data, {
    model,
    ...sim.variables,
    ...(sim.population.probes === null ? {} : { probes: sim.population.probes }),
    ...(mediated ? { resamples: 0 } : {}),
    ...(sim.population.contrasts === null ? {} : { contrasts: true }),
  } as never) as never;
}

/** Every truth paired with processModel's estimate (one-to-one on the identity fields); fails on a row that does not join. */
function pairs(sim: Sample, result: ReturnType<typeof fit>): { what: string; truth: Row; estimate: number }[] {
  const out: { what: string; truth: Row; estimate: number }[] = [];
  for (const eq of sim.population.equations) {
    const fitted = result.equations.find((e) => e.name === eq.name);
    expect(fitted, eq.name).toBeDefined();
    expect(fitted!.coefficients.map((c) => c.term), eq.name).toEqual(eq.coefficients.map((c) => c.term));
    for (const c of eq.coefficients) out.push({ what: `${eq.name}: ${c.term}`, truth: c as unknown as Row, estimate: fitted!.coefficients.find((f) => f.term === c.term)!.estimate });
  }
  const population = sim.population as unknown as Record<string, Row | Row[] | null>;
  for (const section of SECTIONS) {
    const truth = population[section] ?? null;
    const estimated = (result[section] ?? null) as Row | Row[] | null;
    expect(truth === null, `${section} present in one only`).toBe(estimated === null);
    if (truth === null || estimated === null) continue;
    const truths = Array.isArray(truth) ? truth : [truth];
    const estimates = Array.isArray(estimated) ? estimated : [estimated];
    expect(truths.map(identity).sort(), section).toEqual(estimates.map(identity).sort());
    const byIdentity = new Map(estimates.map((e) => [identity(e), e]));
    for (const t of truths) out.push({ what: `${section} ${identity(t)}`, truth: t, estimate: byIdentity.get(identity(t))!.estimate });
  }
  return out;
}

/** Coefficients for every term of a model: main paths of moderate size, moderated parts small (so no path crosses zero at the probes). */
function coefficientsFor(model: number, k: number, seed: number, interactions: [number, number] = [0.02, 0.08]): Record<string, Record<string, number>> {
  const shape = simulate.processModel({ model, mediators: k, coefficients: {}, n: 1, seed: 1 });
  const moderatorColumns = new Set(['w', 'z', 'v', 'q']);
  const rng = randomStream(seed);
  const draw = ([lo, hi]: [number, number]) => (rng.next() < 0.5 ? -1 : 1) * (lo + (hi - lo) * rng.next());
  const out: Record<string, Record<string, number>> = {};
  for (const eq of shape.population.equations) {
    out[eq.name] = Object.fromEntries(
      eq.coefficients.map((c) => {
        if (c.term === 'constant') return [c.term, draw([0, 0.5])];
        const moderated = c.term.split(':').some((f) => moderatorColumns.has(f)) || (model === 74 && c.term.includes(':'));
        return [c.term, draw(moderated ? interactions : [0.25, 0.45])];
      }),
    );
  }
  return out;
}

function sd(xs: readonly number[]): number {
  const m = xs.reduce((s, v) => s + v, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / (xs.length - 1));
}

describe('simulate.processModel: processModel recovers every truth', () => {
  // Over the ~9,000 truths of all models, 4 SE would be crossed by chance about half the time
  // (9,000 × 6.3e-5); 5 SE is the Bonferroni bound for a family-wise rate below 1% (5.7e-7 each).
  it('every model 1–76 and 80–92 (n = 3000): sections and labels join one-to-one, every estimate within 5 SE (Bonferroni over ~9,000)', () => {
    let checked = 0;
    for (const model of PROCESS_MODELS) {
      const k = mediatorsFor(model);
      const sim = simulate.processModel({ model, mediators: k, coefficients: coefficientsFor(model, k, model), n: 3000, seed: model, shape: 'columns' });
      for (const { what, truth, estimate } of pairs(sim, fit(sim, model))) {
        expect(truth.se, `model ${model} ${what}`).not.toBeNull();
        expectClose(estimate, truth.estimate, 5 * (truth.se as number), `model ${model} ${what}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(4000);
  }, 30_000);

  it.each([
    [1, {}],
    [3, { distributions: { w: 'binary' as const } }],
    [4, { mediators: 3 }],
    [6, { mediators: 3 }],
    [7, { distributions: { x: { mean: 2, sd: 1.5 }, w: { mean: -1, sd: 0.5 } } }],
    [8, { distributions: { w: 'binary' as const } }],
    [14, {}],
    [21, {}],
    [58, {}],
    [59, { distributions: { x: 'binary' as const } }],
    [74, {}],
    [76, {}],
    [92, {}],
  ])('model %i at n = 20,000, interactions as large as the main paths: every estimate within 4 SE', (model, extra) => {
    const k = (extra as { mediators?: number }).mediators ?? Math.min(mediatorsFor(model), 2);
    const sim = simulate.processModel({ model, mediators: k, coefficients: coefficientsFor(model, k, 100 + model, [0.15, 0.35]), n: 20_000, seed: 200 + model, shape: 'columns', ...extra });
    for (const { what, truth, estimate } of pairs(sim, fit(sim, model))) expectClose(estimate, truth.estimate, 4 * (truth.se as number), `model ${model} ${what}`);
  });

  it('the population probe values are mean − SD, mean, mean + SD of a normal moderator, 0 and 1 of a binary one (of X in model 74)', () => {
    const sim = simulate.processModel({ model: 21, coefficients: {}, distributions: { w: { mean: 3, sd: 2 }, z: 'binary' }, n: 1, seed: 1 });
    expect(sim.population.probes).toEqual({ w: [1, 3, 5], z: [0, 1] });
    expect(simulate.processModel({ model: 74, coefficients: {}, distributions: { x: { mean: 1, sd: 0.5 } }, n: 1, seed: 1 }).population.probes).toEqual({ x: [0.5, 1, 1.5] });
    expect(simulate.processModel({ model: 4, coefficients: {}, n: 1, seed: 1 }).population.probes).toBeNull();
  });

  it('a dichotomous Y: logistic coefficients and log-odds indirect effects are recovered (mean over 20 samples within 4 SD/√20), SEs null', () => {
    const options = {
      model: 7,
      coefficients: { M: { x: 0.4, w: 0.2, 'x:w': 0.3 }, y: { constant: -0.3, m1: 0.6, m2: -0.4, x: 0.3 } },
      mediators: 2,
      outcome: 'dichotomous' as const,
      n: 3000,
      shape: 'columns' as const,
    };
    const truth = simulate.processModel({ ...options, seed: 1 }).population;
    const y = truth.equations.find((e) => e.name === 'y')!;
    expect(y.family).toBe('logistic');
    expect(y.residualVariance).toBeNull();
    expect(y.coefficients.every((c) => c.se === null)).toBe(true);
    expect(truth.conditionalIndirectEffects!.every((e) => e.se === null)).toBe(true);
    expect(truth.equations[0]!.coefficients.every((c) => c.se !== null)).toBe(true);
    const estimates = new Map<string, number[]>();
    for (const seed of seeds(5, 20)) {
      const sim = simulate.processModel({ ...options, seed });
      const result = fit(sim, 7);
      expect(result['settings']).toMatchObject({ yModel: 'logistic' });
      for (const { what, estimate } of pairs(sim, result)) estimates.set(what, [...(estimates.get(what) ?? []), estimate]);
    }
    const truths = new Map(pairs(simulate.processModel({ ...options, seed: 1 }), fit(simulate.processModel({ ...options, seed: 1 }), 7)).map((p) => [p.what, p.truth.estimate]));
    for (const [what, values] of estimates) {
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      expectClose(mean, truths.get(what)!, (4 * sd(values)) / Math.sqrt(values.length), what);
    }
  });
});

describe('simulate.processModel: standard errors', () => {
  it.each([
    ['model 7', 7, { M: { x: 0.4, w: 0.1, 'x:w': 0.3 }, y: { m1: 0.5, x: 0.1 } }, ['m1: x:w', 'conditionalIndirectEffects', 'indexOfModeratedMediation']],
    ['model 1', 1, { y: { x: 0.3, w: 0.2, 'x:w': 0.25 } }, ['y: x:w', 'conditionalEffects']],
    ['model 74', 74, { m1: { x: 0.4 }, y: { m1: 0.3, x: 0.1, 'm1:x': 0.2 } }, ['y: m1:x', 'conditionalIndirectEffects', 'indexOfModeratedMediation']],
  ])('%s: the SEs are the spread of processModel’s estimates over 200 samples of 300 (within 15%)', (_, model, coefficients, quantities) => {
    const options = { model, coefficients, n: 300, shape: 'columns' as const };
    const estimates = new Map<string, number[]>();
    let truths: { what: string; truth: Row }[] = [];
    for (const seed of seeds(17, 200)) {
      const sim = simulate.processModel({ ...options, seed });
      const rows = pairs(sim, fit(sim, model));
      truths = rows;
      for (const { what, estimate } of rows) estimates.set(what, [...(estimates.get(what) ?? []), estimate]);
    }
    let checked = 0;
    for (const { what, truth } of truths) {
      if (!quantities.some((q) => what.startsWith(q))) continue;
      if (what.includes('"w",-1') || what.includes('"x",-1')) continue; // one end of each conditional effect is enough
      expect(Math.abs(sd(estimates.get(what)!) / (truth.se as number) - 1), what).toBeLessThan(0.15);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(quantities.length);
  });

  it('are null when n ≤ p + 2 for an equation', () => {
    const sim = simulate.processModel({ model: 7, coefficients: { m1: { x: 0.3 } }, n: 5, seed: 1 });
    expect(sim.population.equations[0]!.coefficients.every((c) => c.se === null)).toBe(true);
    expect(sim.population.conditionalIndirectEffects!.every((e) => e.se === null)).toBe(true);
    expect(sim.population.directEffect!.se).not.toBeNull();
  });
});

describe('simulate.processModel: properties', () => {
  const parallel = PROCESS_MODELS.filter((m) => m !== 4 && m !== 6 && m !== 74 && m >= 5 && m <= 76);
  const coefficient = fc.double({ min: -0.5, max: 0.5, noNaN: true });

  it('with every moderated term 0, a model’s (conditional) indirect and direct effects are model 4’s (simulate.mediation), its indices 0', () => {
    fc.assert(
      fc.property(fc.constantFrom(...parallel), fc.integer({ min: 1, max: 3 }), fc.array(coefficient, { minLength: 7, maxLength: 7 }), (model, k, [direct, ...ab]) => {
        const a = ab.slice(0, k);
        const b = ab.slice(3, 3 + k);
        const names = Array.from({ length: k }, (_, i) => `m${i + 1}`);
        const coefficients: Record<string, Record<string, number>> = { y: { x: direct!, ...Object.fromEntries(names.map((m, i) => [m, b[i]!])) } };
        names.forEach((m, i) => (coefficients[m] = { x: a[i]! }));
        const sim = simulate.processModel({ model, mediators: k, coefficients, n: 50, seed: 1 });
        const model4 = simulate.mediation({ model: 4, paths: { a, b, direct: direct! }, n: 1, seed: 1 }).population;
        const p = sim.population;
        for (const e of p.conditionalIndirectEffects ?? p.indirectEffects ?? []) {
          const label = 'mediator' in e ? e.mediator : e.label;
          expectClose(e.estimate, model4.indirect.find((i) => i.label === label)!.effect, 1e-15, `${model} ${label}`);
        }
        for (const e of [...(p.conditionalDirectEffects ?? []), ...(p.directEffect === null ? [] : [p.directEffect])]) expectClose(e.estimate, direct!, 1e-15, 'c′');
        const indices = [...(p.indexOfModeratedMediation ?? []), ...(p.indexOfPartialModeratedMediation ?? []), ...(p.indexOfModeratedModeratedMediation ?? []), ...(p.indexOfConditionalModeratedMediation ?? [])];
        for (const e of indices) expect(Object.is(e.estimate, 0), `index ${JSON.stringify(e)}`).toBe(true);
      }),
      { numRuns: numRuns(40) },
    );
  });

  it('labels join processModel’s rows one-to-one; no −0; deeply frozen; reproducible for a seed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROCESS_MODELS), fc.integer({ min: 0, max: 2 ** 31 }), fc.boolean(), (model, seed, binary) => {
        const k = mediatorsFor(model);
        const options = { model, mediators: k, coefficients: coefficientsFor(model, k, seed, [0, 0.3]), distributions: binary ? { x: 'binary' as const } : {}, n: 80, seed };
        const sim = simulate.processModel(options);
        pairs(sim, fit(sim, model));
        const walk = (v: unknown): void => {
          if (typeof v === 'number') expect(Object.is(v, -0)).toBe(false);
          else if (typeof v === 'object' && v !== null) {
            expect(Object.isFrozen(v)).toBe(true);
            Object.values(v).forEach(walk);
          }
        };
        walk(sim);
        expect(simulate.processModel(options).data).toEqual(sim.data);
      }),
      { numRuns: numRuns(25) },
    );
  });
});

describe('simulate.processModel: options', () => {
  it('the M shorthand gives every mediator the same coefficients; an exact equation or term overrides it', () => {
    const sim = simulate.processModel({ model: 14, mediators: 2, coefficients: { M: { x: 0.3 }, m2: { x: 0.5 }, y: { M: 0.2, 'M:w': 0.1, 'm2:w': -0.1 } }, n: 1, seed: 1 });
    const value = (eq: string, term: string) => sim.population.equations.find((e) => e.name === eq)!.coefficients.find((c) => c.term === term)!.estimate;
    expect([value('m1', 'x'), value('m2', 'x'), value('y', 'm1'), value('y', 'm2'), value('y', 'm1:w'), value('y', 'm2:w'), value('y', 'x')]).toEqual([0.3, 0.5, 0.2, 0.2, 0.1, -0.1, 0]);
  });

  it('names, residual variances and distributions are used as given', () => {
    const sim = simulate.processModel({
      model: 8,
      coefficients: { esteem: { constant: 1, stress: 0.4 }, wellbeing: { esteem: 0.5 } },
      names: { x: 'stress', w: 'support', mediators: ['esteem'], y: 'wellbeing' },
      residualVariances: { esteem: 2 },
      distributions: { x: { mean: 10, sd: 3 } },
      n: 20_000,
      seed: 3,
      shape: 'columns',
    });
    expect(sim.variables).toEqual({ x: 'stress', y: 'wellbeing', m: ['esteem'], w: 'support' });
    expect(Object.keys(sim.data)).toEqual(['stress', 'support', 'esteem', 'wellbeing']);
    expect(sim.population.equations.map((e) => [e.name, e.residualVariance])).toEqual([['esteem', 2], ['wellbeing', 1]]);
    const stress = sim.data['stress']!;
    const mean = stress.reduce((s, v) => s + v, 0) / stress.length;
    expectClose(mean, 10, 4 * (3 / Math.sqrt(stress.length)), 'mean of X');
    expectClose(sd(stress), 3, 4 * (3 / Math.sqrt(2 * stress.length)), 'SD of X');
    const esteem = sim.data['esteem']!;
    // Var(esteem) = 0.4²·9 + 2.
    expectClose(sd(esteem) ** 2, 0.16 * 9 + 2, 0.15, 'Var(M)');
  });

  it('the mediator limits are processModel’s', () => {
    for (const model of PROCESS_MODELS) {
      const k = mediatorsFor(model);
      const sim = simulate.processModel({ model, mediators: k, coefficients: {}, n: 20, seed: 1 });
      for (const count of [k - 1, k + 1, 7, 10, 11]) {
        if (count < 0) continue;
        const m = Array.from({ length: count }, (_, i) => `m${i + 1}`);
        const ours = errorCode(() => simulate.processModel({ model, mediators: count, coefficients: {}, n: 20, seed: 1 }));
        const theirs = errorCode(() => processModel(sim.data, { model, ...sim.variables, m, ...(count > 0 ? { resamples: 0 } : {}) } as never));
        // processModel fails on the data (missing columns) when it accepts the count: compare acceptance of the count only.
        expect(ours === 'none', `model ${model} with ${count} mediators`).toBe(theirs !== 'INVALID_OPTION' && theirs !== 'TOO_FEW_VARIABLES');
      }
    }
  });

  const ok = { model: 7, coefficients: { m1: { x: 0.3 } }, n: 10, seed: 1 };
  it.each([
    ['UNKNOWN_MODEL', 'an unknown model', { ...ok, model: 77 }],
    ['UNKNOWN_MODEL', 'model 0', { ...ok, model: 0 }],
    ['INVALID_OPTION', 'a model as a string', { ...ok, model: '7' }],
    ['INVALID_OPTION', 'no model', { ...ok, model: undefined }],
    ['INVALID_OPTION', 'too many mediators', { ...ok, mediators: 11 }],
    ['INVALID_OPTION', 'a mediator in model 1', { ...ok, model: 1, mediators: 1 }],
    ['INVALID_OPTION', 'one mediator in model 6', { ...ok, model: 6, mediators: 1 }],
    ['INVALID_OPTION', 'fractional mediators', { ...ok, mediators: 1.5 }],
    ['INVALID_OPTION', 'an unknown term', { ...ok, coefficients: { m1: { 'x*w': 0.3 } } }],
    ['INVALID_OPTION', 'a term of another equation', { ...ok, coefficients: { y: { w: 0.3 } } }],
    ['INVALID_OPTION', 'an unknown equation', { ...ok, coefficients: { m2: { x: 0.3 } } }],
    ['INVALID_OPTION', 'a non-finite coefficient', { ...ok, coefficients: { m1: { x: Number.NaN } } }],
    ['INVALID_OPTION', 'coefficients not an object', { ...ok, coefficients: [0.3] }],
    ['INVALID_OPTION', 'no coefficients', { ...ok, coefficients: undefined }],
    ['INVALID_OPTION', 'a distribution for a role the model lacks', { ...ok, distributions: { z: 'binary' } }],
    ['INVALID_OPTION', 'an unknown distribution', { ...ok, distributions: { w: 'uniform' } }],
    ['INVALID_OPTION', 'a zero SD', { ...ok, distributions: { x: { sd: 0 } } }],
    ['INVALID_OPTION', 'a negative error variance', { ...ok, residualVariances: { m1: -1 } }],
    ['INVALID_OPTION', 'an error variance for a dichotomous Y', { ...ok, outcome: 'dichotomous', residualVariances: { y: 2 } }],
    ['INVALID_OPTION', 'an unknown outcome', { ...ok, outcome: 'binary' }],
    ['INVALID_OPTION', 'a name with a colon', { ...ok, names: { x: 'a:b' } }],
    ['INVALID_OPTION', 'a moderator name the model lacks', { ...ok, names: { z: 'zz' } }],
    ['INVALID_OPTION', 'names.mediators of the wrong length', { ...ok, names: { mediators: ['a', 'b'] }, mediators: 1 }],
    ['DUPLICATE_NAME', 'two columns with one name', { ...ok, names: { x: 'w' } }],
    ['INVALID_OPTION', 'coefficients too large for finite data', { ...ok, coefficients: { m1: { x: 1e200 }, y: { m1: 1e200 } } }],
    ['INVALID_OPTION', 'an unknown key', { ...ok, paths: {} }],
    ['INVALID_OPTION', 'no seed', { ...ok, seed: undefined }],
    ['INVALID_OPTION', 'n = 0', { ...ok, n: 0 }],
  ])('%s: %s', (code, _, options) => {
    expect(errorCode(() => simulate.processModel(options as never))).toBe(code);
  });

  it('suggests `:` for a product written with `*`', () => {
    expect(() => simulate.processModel({ ...ok, coefficients: { m1: { 'x*w': 0.3 } } })).toThrow(/did you mean `x:w`/);
  });
});

describe('simulate.processModel: scales doubles cannot hold', () => {
  it('are an INVALID_OPTION, not SEs of null', () => {
    for (const options of [
      { model: 1, distributions: { x: { mean: 0, sd: 1e200 } }, n: 100, seed: 1 },
      { model: 1, distributions: { x: { mean: 0, sd: 1e-200 } }, n: 100, seed: 1 },
      { model: 7, coefficients: { m1: { x: 1e100 }, y: { m1: 1e100 } }, n: 100, seed: 1 },
    ]) {
      let code: string | undefined;
      try {
        simulate.processModel(options as never);
      } catch (e) {
        code = (e as { code?: string }).code;
      }
      expect(code).toBe('INVALID_OPTION');
    }
  });
});
