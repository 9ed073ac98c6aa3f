import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { multiply, type Monomial } from '../../src/mediation/catalog.js';
import { compileProducts } from '../../src/mediation/compile-effects.js';
import { STATISTIC_BATCHES, type KernelStatistic } from '../../src/mediation/kernel.js';
import type { ProcessOptions } from '../../src/index.js';
import { loadJson } from '../helpers/fixtures.js';
import { DATA, RUNS } from '../fixtures/compile-effects/runs.js';
import { bootstrappedNumbers } from '../fixtures/compile-effects/generate.js';

// compileProducts (one effect at many probe combinations, each factor evaluated once per row of
// its own moderators' values and cached with the coefficients it was computed from) against the
// per-statistic `compile` it replaced, copied here as it was. A product of factors is the expanded
// polynomial summed in another order, so the two agree to rounding: within 1e-12 of Σ_k |w_k Π c|
// (the scale of the rounding error; plain relative error is unbounded where terms cancel). One
// factor is evaluated exactly as `compile` did, so it must agree bit for bit.

/** The per-statistic compile before families (process-catalog.ts), verbatim. */
function referenceCompile(poly: readonly Monomial<number>[], at: Readonly<Record<string, number>>): KernelStatistic {
  const weights = Float64Array.from(poly, (m) => m.roles.reduce((w, r) => w * (at[r] as number), 1));
  const starts = new Int32Array(poly.length + 1);
  poly.forEach((m, k) => (starts[k + 1] = (starts[k] as number) + m.coefficients.length));
  const index = Int32Array.from(poly.flatMap((m) => m.coefficients));
  return (c) => {
    let sum = 0;
    for (let k = 0; k < weights.length; k++) {
      let term = weights[k] as number;
      for (let j = starts[k] as number; j < (starts[k + 1] as number); j++) term *= c[index[j] as number] as number;
      sum += term;
    }
    return sum;
  };
}

/** The product of the factors as one polynomial, as the call sites built it before (multiply, or a chain from the unit). */
const expand = (factors: readonly (readonly Monomial<number>[])[]): Monomial<number>[] => factors.reduce<Monomial<number>[]>((p, f) => multiply(p, f), [{ coefficients: [], roles: [] }]);

/** What the call sites compiled before: each combination separately, from the expanded product. */
function referenceProducts(factors: readonly (readonly Monomial<number>[])[], ats: readonly Readonly<Record<string, number>>[]): KernelStatistic[] {
  const poly = expand(factors);
  return ats.map((at) => referenceCompile(poly, at));
}

/** Σ_k |w_k Π c|: the scale rounding errors of either summation order are relative to. */
function scaleOf(poly: readonly Monomial<number>[], at: Readonly<Record<string, number>>, c: Float64Array): number {
  const abs = Float64Array.from(c, Math.abs);
  const absAt = Object.fromEntries(Object.entries(at).map(([k, v]) => [k, Math.abs(v)]));
  return referenceCompile(poly, absAt)(abs, new Float64Array(0));
}

const P = 12;
const ROLES = ['w', 'z', 'v', 'q', 'w#1', 'w#2'] as const;
const monomial = fc.record({
  coefficients: fc.array(fc.integer({ min: 0, max: P - 1 }), { minLength: 0, maxLength: 2 }),
  roles: fc.array(fc.constantFrom(...ROLES), { maxLength: 2 }).map((r) => r.sort()),
});
const factor = fc.array(monomial, { minLength: 1, maxLength: 5 });
const value = fc.oneof(fc.double({ min: -3, max: 3, noNaN: true }), fc.constantFrom(0, -0, 1, -1));
// Probe values: each role from a few values, so factors repeat rows across combinations as in a model.
const ats = fc
  .array(fc.tuple(...ROLES.map(() => fc.constantFrom(-1.5, 0, -0, 0.25, 2))), { minLength: 1, maxLength: 12 })
  .map((rows) => rows.map((r) => Object.fromEntries(ROLES.map((role, i) => [role, r[i] as number]))));
const coefficients = fc.array(value, { minLength: P, maxLength: P }).map((v) => Float64Array.from(v));
const NO_SDS = new Float64Array(0);

function expectAgrees(got: number, factors: readonly (readonly Monomial<number>[])[], at: Readonly<Record<string, number>>, c: Float64Array, what: string): void {
  const poly = expand(factors);
  const want = referenceCompile(poly, at)(c, NO_SDS);
  if (Number.isNaN(want) || Number.isNaN(got)) {
    expect(Number.isNaN(got), `${what}: ${got} vs ${want}`).toBe(Number.isNaN(want));
    return;
  }
  if (factors.length === 1) {
    expect(Object.is(got, want) || got === want, `${what}: one factor is compile's sum, bit for bit (${got} vs ${want})`).toBe(true);
    return;
  }
  // (+ an absolute 1e-300: near underflow, rounding is absolute.)
  const tol = 1e-12 * scaleOf(poly, at, c) + 1e-300;
  if (!(Math.abs(got - want) <= tol)) expect.fail(`${what}: ${got} vs ${want} (scale ${tol / 1e-12})`);
}

describe('compileProducts against the per-statistic compile', () => {
  it('every statistic, called in order as the kernel does, over several coefficient vectors in one reused array', () => {
    fc.assert(
      fc.property(fc.array(factor, { minLength: 1, maxLength: 3 }), ats, fc.array(coefficients, { minLength: 1, maxLength: 4 }), (factors, at, vectors) => {
        const stats = compileProducts(factors, at);
        expect(stats.length).toBe(at.length);
        const c = new Float64Array(P);
        for (const v of vectors) {
          c.set(v);
          stats.forEach((f, s) => expectAgrees(f(c, NO_SDS), factors, at[s]!, c, `statistic ${s}`));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('with the kernel’s versions (a fresh one per coefficient contents), in any order', () => {
    let version = 1e6; // as the kernel's counter: never reused, also across families
    fc.assert(
      fc.property(fc.array(factor, { minLength: 1, maxLength: 3 }), ats, fc.array(coefficients, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (factors, at, vectors, order) => {
        const stats = compileProducts(factors, at);
        const c = new Float64Array(P);
        for (const v of vectors) {
          c.set(v);
          version++;
          for (const n of order) expectAgrees(stats[n % at.length]!(c, NO_SDS, version), factors, at[n % at.length]!, c, `statistic ${n % at.length} at version ${version}`);
        }
        // Without a version, after the contents changed under the last one: values are compared.
        c[0] = (c[0] ?? 0) + 1;
        expectAgrees(stats[0]!(c, NO_SDS), factors, at[0]!, c, 'statistic 0 without a version');
      }),
      { numRuns: 200 },
    );
  });

  it('the kernel’s batch call gives each statistic’s own value, bit for bit, for any run of them', () => {
    let version = 2e6;
    fc.assert(
      fc.property(fc.array(factor, { minLength: 0, maxLength: 3 }), ats, coefficients, fc.nat(), fc.nat(), (factors, at, c, a, b) => {
        const stats = compileProducts(factors, at);
        const { batch, index } = STATISTIC_BATCHES.get(stats[0]!)!;
        expect(index).toBe(0);
        const from = a % at.length;
        const count = 1 + (b % (at.length - from));
        const out = new Float64Array(3 * count + 1).fill(Number.NaN);
        const finite = batch.evaluate(c, NO_SDS, ++version, from, count, out, 1, 3);
        const alone = compileProducts(factors, at);
        let allFinite = true;
        for (let k = 0; k < count; k++) {
          const v = alone[from + k]!(c, NO_SDS);
          expect(Object.is(out[1 + 3 * k], v), `statistic ${from + k}`).toBe(true);
          if (!Number.isFinite(v)) allFinite = false;
        }
        expect(finite).toBe(allFinite);
      }),
      { numRuns: 300 },
    );
  });

  it('out of order, alone, after one coefficient changes in place, on another array, and with NaN coefficients', () => {
    fc.assert(
      fc.property(
        fc.array(factor, { minLength: 1, maxLength: 3 }),
        ats,
        coefficients,
        coefficients,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: P - 1 }), fc.oneof(value, fc.constant(Number.NaN))), { minLength: 1, maxLength: 25 }),
        (factors, at, first, second, steps) => {
          // A fresh family with one statistic called alone.
          const alone = compileProducts(factors, at);
          const pick = steps[0]![0] % at.length;
          expectAgrees(alone[pick]!(first, NO_SDS), factors, at[pick]!, first, `statistic ${pick} alone`);
          // Then: random statistics, each after a random in-place change of one coefficient, some on another array.
          const stats = compileProducts(factors, at);
          const c = Float64Array.from(first);
          const other = Float64Array.from(second);
          for (const [n, i, v] of steps) {
            const s = n % at.length;
            const onOther = n % 5 === 0;
            (onOther ? other : c)[i] = v;
            const array = onOther ? other : c;
            expectAgrees(stats[s]!(array, NO_SDS), factors, at[s]!, array, `statistic ${s} after c[${i}] = ${v}`);
            // The same statistic twice gives the same value.
            expect(Object.is(stats[s]!(array, NO_SDS), stats[s]!(array, NO_SDS))).toBe(true);
          }
          // Back to the first vector: every statistic, in reverse.
          c.set(first);
          for (let s = at.length - 1; s >= 0; s--) expectAgrees(stats[s]!(c, NO_SDS), factors, at[s]!, c, `statistic ${s} back on the first vector`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a change to a coefficient only one factor reads is seen by every statistic', () => {
    // a(w) = c0 + c1·w, b(v) = c2 + c3·v at w, v ∈ {0, 1}; the reference values are written out.
    const a: Monomial<number>[] = [
      { coefficients: [0], roles: [] },
      { coefficients: [1], roles: ['w'] },
    ];
    const b: Monomial<number>[] = [
      { coefficients: [2], roles: [] },
      { coefficients: [3], roles: ['v'] },
    ];
    const at = [
      { w: 0, v: 0 },
      { w: 0, v: 1 },
      { w: 1, v: 0 },
      { w: 1, v: 1 },
    ];
    const stats = compileProducts([a, b], at);
    const c = Float64Array.from([1, 2, 3, 4]);
    expect(stats.map((f) => f(c, NO_SDS))).toEqual([3, 7, 9, 21]);
    c[3] = 10;
    expect(stats[3]!(c, NO_SDS)).toBe(39);
    expect(stats[0]!(c, NO_SDS)).toBe(3);
    c[1] = Number.NaN;
    expect(stats.map((f) => f(c, NO_SDS))).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
    c[1] = 2;
    expect(stats.map((f) => f(c, NO_SDS))).toEqual([3, 13, 9, 39]);
  });

  it('factors without coefficients and an empty product', () => {
    const unit: Monomial<number>[] = [{ coefficients: [], roles: ['w'] }];
    const stats = compileProducts([unit, [{ coefficients: [0], roles: [] }]], [{ w: 2 }, { w: 3 }]);
    const c = Float64Array.from([5]);
    expect(stats.map((f) => f(c, NO_SDS))).toEqual([10, 15]);
    expect(compileProducts([], [{}])[0]!(c, NO_SDS)).toBe(referenceCompile(expand([]), {})(c, NO_SDS));
    expect(compileProducts([[]], [{}])[0]!(c, NO_SDS)).toBe(referenceCompile([], {})(c, NO_SDS));
  });
});

// processModel's bootstrapped effects: unchanged against (1) the values saved with the per-statistic
// compile before families (test/fixtures/compile-effects/generate.ts; they also depend on the
// bootstrap kernel, so a kernel change that moves the draws shows here too) and (2) the same code
// with compileProducts replaced by the reference (each combination compiled from the expanded
// product, as the call sites did), every draw of every effect.
const TOLERANCE = 1e-10;

describe('processModel results are unchanged', () => {
  const expected = loadJson<Record<string, Record<string, number>>>('compile-effects/expected.json');
  it.each(RUNS.map((r) => [r.id, r] as const))('%s: every bootstrapped number as saved before', async (_, run) => {
    const { processModel } = await import('../../src/index.js');
    const got = bootstrappedNumbers(processModel(DATA[run.data], run.options as ProcessOptions));
    const want = expected[run.id]!;
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    for (const [path, v] of Object.entries(want)) {
      if (!(Math.abs((got[path] as number) - v) <= TOLERANCE * Math.abs(v))) expect.fail(`${run.id} ${path}: ${got[path]} vs ${v}`);
    }
  });

  it('every draw of every effect equals the reference compilation’s', async () => {
    vi.resetModules();
    vi.doMock('../../src/mediation/compile-effects.js', () => ({ compileProducts: referenceProducts }));
    const reference = (await import('../../src/index.js')).processModel;
    vi.doUnmock('../../src/mediation/compile-effects.js');
    vi.resetModules();
    const current = (await import('../../src/index.js')).processModel;
    expect(current).not.toBe(reference);
    let compared = 0;
    for (const run of RUNS) {
      const options = { ...run.options, keepResamples: true } as ProcessOptions;
      const want = effectsOf(reference(DATA[run.data], options));
      const got = effectsOf(current(DATA[run.data], options));
      expect(got.map((e) => e.path)).toEqual(want.map((e) => e.path));
      got.forEach((e, i) => {
        const w = want[i]!;
        expect(e.draws.length, `${run.id} ${e.path}`).toBe(200);
        // Rounding is relative to the size of the draws' terms, for which the effect's SE stands.
        const scale = (x: number) => TOLERANCE * Math.max(Math.abs(x), w.se);
        if (!(Math.abs(e.estimate - w.estimate) <= scale(w.estimate))) expect.fail(`${run.id} ${e.path} estimate: ${e.estimate} vs ${w.estimate}`);
        for (let r = 0; r < w.draws.length; r++) {
          if (!(Math.abs(e.draws[r]! - w.draws[r]!) <= scale(w.draws[r]!))) expect.fail(`${run.id} ${e.path} draw ${r}: ${e.draws[r]} vs ${w.draws[r]}`);
          compared++;
        }
      });
    }
    expect(compared).toBeGreaterThan(50_000);
  });
});

/** Every bootstrapped effect of a result (rows with draws), with its path. */
function effectsOf(result: object): { path: string; estimate: number; se: number; draws: Float64Array }[] {
  const out: { path: string; estimate: number; se: number; draws: Float64Array }[] = [];
  const walk = (v: unknown, path: string) => {
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return;
    const row = v as { estimate?: number; se?: number; draws?: Float64Array };
    if (row.draws instanceof Float64Array) out.push({ path, estimate: row.estimate as number, se: row.se as number, draws: row.draws });
    for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(result, '');
  return out;
}
