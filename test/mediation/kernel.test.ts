// The bootstrap kernel's lanes (interleaved draws, spans squeezed after replacements) and its
// WebAssembly passes against plain references: bootstrap() on copied columns, and the kernel's
// own JavaScript passes.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { bootstrap, bootstrapIndices, ols, pathModel, processModel, randomStream, type ProcessOptions } from '../../src/index.js';
import { forgetKernelSimdModule, setKernelSimd, simdPasses } from '../../src/mediation/kernel-simd.js';
import { setKernelMonomials } from '../../src/mediation/kernel.js';
import { CATALOG } from '../../src/mediation/catalog.js';
import { assemble, source } from '../../scripts/build-kernel-simd.mjs';
import { loadCsv } from '../helpers/fixtures.js';
import { peer } from '../helpers/peer.js';
import { slopeOf } from '../helpers/slope.js';

const slope = slopeOf;

const quantile = (v: readonly number[], p: number) => [...v].sort((a, b) => a - b)[Math.floor(p * (v.length - 1))]!;

function withoutSimd<T>(f: () => T): T {
  const previous = setKernelSimd(false);
  try {
    return f();
  } finally {
    setKernelSimd(previous);
  }
}

describe('bootstrap kernel: lanes and spans', () => {
  it('replaced attempts are squeezed out in attempt order: the draws of bootstrap() one by one', () => {
    // An effect undefined in about a fifth of the resamples (its slope above a cut): the kernel
    // replaces them within a span and runs more spans; bootstrap() replaces them one at a time.
    const plain = pathModel(peer, { equations: [{ outcome: 'pwb', predictors: ['esse'] }], effects: { slope: (c) => c('pwb', 'esse') }, resamples: 1000, seed: 'lanes', keepResamples: true });
    // Halfway between two draws: the two computations of a slope differ in the last bits.
    const sorted = [...plain.effects[0]!.draws!].sort((p, q) => p - q);
    const cut = (sorted[800]! + sorted[801]!) / 2;
    expect(cut).toBeGreaterThan(plain.effects[0]!.estimate);
    const kept = (b: number) => (b > cut ? Number.NaN : b);
    for (const resamples of [1000, 1003]) {
      const a = bootstrap(peer, { columns: ['esse', 'pwb'], statistic: (c, n) => kept(slope(c, n)), resamples, seed: 'lanes', keepResamples: true });
      const b = pathModel(peer, { equations: [{ outcome: 'pwb', predictors: ['esse'] }], effects: { slope: (c) => kept(c('pwb', 'esse')) }, resamples, seed: 'lanes', keepResamples: true });
      expect(a.bootstrap.replaced).toBeGreaterThan(resamples / 20);
      expect(b.bootstrap!.replaced).toBe(a.bootstrap.replaced);
      const drawsA = a.resampled![0]!;
      const drawsB = b.effects[0]!.draws!;
      expect(drawsB.length).toBe(resamples);
      for (let r = 0; r < resamples; r++) expect(Math.abs(drawsB[r]! - drawsA[r]!)).toBeLessThan(1e-12);
    }
  });

  it('property: any number of resamples and seed gives bootstrap()’s draws, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 90 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (resamples, seed) => {
        const a = bootstrap(peer, { columns: ['esse', 'pwb'], statistic: slope, resamples, allowFewResamples: true, seed, keepResamples: true });
        const b = pathModel(peer, { equations: [{ outcome: 'pwb', predictors: ['esse'] }], effects: { slope: (c) => c('pwb', 'esse') }, resamples, allowFewResamples: true, seed, keepResamples: true });
        const drawsA = a.resampled![0]!;
        const drawsB = b.effects[0]!.draws!;
        return drawsB.length === resamples && drawsB.every((v, r) => Math.abs(v - drawsA[r]!) < 1e-12);
      }),
      { numRuns: 25 },
    );
  });

  it('more than B replaced resamples: the error of the (B + 1)-th, singular or not finite', () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as { code?: string }).code;
      }
      return 'no error';
    };
    const equations = [{ outcome: 'pwb', predictors: ['esse'] }];
    const full = pathModel(peer, { equations, effects: { slope: (c) => c('pwb', 'esse') }, resamples: 0 }).effects[0]!.estimate;
    // Finite at the estimates only: every resample is replaced.
    expect(codeOf(() => pathModel(peer, { equations, effects: { slope: (c) => (c('pwb', 'esse') === full ? full : Number.NaN) }, resamples: 1000, seed: 1 }))).toBe('INVALID_INPUT');
    // Three dummies with one case each (n = 12): a resample misses one of those cases about three times in four.
    const rows = Array.from({ length: 12 }, (_, i) => ({ x: Math.sin(i), d1: i === 0 ? 1 : 0, d2: i === 1 ? 1 : 0, d3: i === 2 ? 1 : 0, y: Math.cos(i * 1.3) + 0.2 * i }));
    expect(codeOf(() => pathModel(rows, { equations: [{ outcome: 'y', predictors: ['x', 'd1', 'd2', 'd3'] }], effects: { b: (c) => c('y', 'x') }, resamples: 1000, seed: 2 }))).toBe('SINGULAR');
  });

  it('reports progress in order, ending at the number of resamples', () => {
    const seen: [number, number][] = [];
    pathModel(peer, { equations: [{ outcome: 'pwb', predictors: ['esse'] }], effects: { slope: (c) => c('pwb', 'esse') }, resamples: 1000, seed: 1, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.at(-1)).toEqual([1000, 1000]);
    for (let k = 1; k < seen.length; k++) expect(seen[k]![0]).toBeGreaterThan(seen[k - 1]![0]);
    expect(seen.every(([, total]) => total === 1000)).toBe(true);
  });
});

describe('bootstrap kernel: WebAssembly passes', () => {
  const data = loadCsv('process-spss/Data_Model22.csv').map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])));
  const cases: [string, ProcessOptions][] = [
    // Two passes over all cases: every case in order (no list).
    ['model 4', { model: 4, x: 'x', m: ['m1', 'm2'], y: 'y', resamples: 300, allowFewResamples: true, seed: 3 }],
    // Many passes: over the cases drawn, widths 8 and 4.
    ['model 57', { model: 57, x: 'x', m: ['m1', 'm2'], y: 'y', w: 'w', z: 'z', v: 'v', q: 'q', resamples: 300, allowFewResamples: true, seed: 4 }],
  ];
  it('the module in the source is the one the generator assembles', async () => {
    expect(readFileSync(new URL('../../src/mediation/kernel-simd-module.ts', import.meta.url), 'utf8')).toBe(source(await assemble()));
  });
  it('runs here (Node has WebAssembly SIMD), so the comparisons below compare two paths', () => {
    const values = Float64Array.from({ length: 16 }, (_, i) => i + 1);
    const passes = [{ rows: null, length: 2, slots: Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]) }];
    const simd = simdPasses(passes, 2, 4);
    expect(simd).not.toBeNull();
    simd!.values[0]!.set(values);
    simd!.counts.set([2, 3]);
    const acc = new Float64Array(8);
    simd!.run(0, 0, 2, acc);
    expect([...acc]).toEqual(Array.from({ length: 8 }, (_, j) => 2 * (j + 1) + 3 * (j + 9)));
  });
  it.each(cases)('%s: bit-identical to the JavaScript passes', (_, options) => {
    const fast = processModel(data, options);
    const plain = withoutSimd(() => processModel(data, options));
    expect(fast).toEqual(plain);
  });
  it('where WebAssembly refuses to compile (a Content-Security-Policy without wasm-unsafe-eval): the JavaScript passes, same digits', () => {
    const options = cases[1]![1];
    const fast = processModel(data, options);
    const refuse = vi.spyOn(WebAssembly, 'Module').mockImplementation(() => {
      throw new WebAssembly.CompileError("Refused to compile or instantiate WebAssembly module because 'wasm-unsafe-eval' is not allowed");
    });
    forgetKernelSimdModule();
    try {
      expect(simdPasses([{ rows: null, length: 1, slots: new Int32Array(4) }], 1, 4)).toBeNull();
      expect(processModel(data, options)).toEqual(fast);
      expect(refuse).toHaveBeenCalled();
    } finally {
      refuse.mockRestore();
      forgetKernelSimdModule();
    }
  });
  it('reuses the module memory between runs, and a run inside a run gets its own', () => {
    const [m4, m57] = [cases[0]![1], cases[1]![1]];
    const first = processModel(data, m57);
    processModel(data, m4); // smaller: leaves m57's products behind in the kept memory
    expect(processModel(data, m57)).toEqual(first);
    // An effect that bootstraps too: the inner run must not write over the outer one's memory.
    const equations = [{ outcome: 'pwb', predictors: ['esse'] }];
    const plain = pathModel(peer, { equations, effects: { slope: (c) => c('pwb', 'esse') }, resamples: 200, allowFewResamples: true, seed: 8 });
    let inner = 0;
    const nested = pathModel(peer, {
      equations,
      effects: {
        slope: (c) => {
          if (inner++ < 3) pathModel(peer, { equations, effects: { slope: (d) => d('pwb', 'esse') }, resamples: 100, allowFewResamples: true, seed: inner });
          return c('pwb', 'esse');
        },
      },
      resamples: 200,
      allowFewResamples: true,
      seed: 8,
    });
    expect(inner).toBeGreaterThan(3);
    expect(nested.effects).toEqual(plain.effects);
  });
  it('a multicategorical X (passes over the cases in a group) and a logistic Y: bit-identical', () => {
    const xs = data.map((r) => r.x!);
    const ys = data.map((r) => r.y!);
    const [x1, x2] = [quantile(xs, 1 / 3), quantile(xs, 2 / 3)];
    const yMid = quantile(ys, 0.5);
    const grouped = data.map((r) => ({ ...r, g: r.x! < x1 ? 1 : r.x! < x2 ? 2 : 3, yb: r.y! > yMid ? 1 : 0 }));
    for (const options of [
      { model: 7, x: 'g', xCoding: 'helmert', w: 'w', m: ['m1', 'm2'], y: 'y', resamples: 200, allowFewResamples: true, seed: 5 },
      { model: 4, x: 'g', xCoding: 'indicator', m: 'm1', y: 'yb', resamples: 200, allowFewResamples: true, seed: 6 },
    ] as unknown as ProcessOptions[]) {
      expect(processModel(grouped, options)).toEqual(withoutSimd(() => processModel(grouped, options)));
    }
  });
});

/** Every number of two results, compared to `tol` relative (absolute below 1). */
function expectNumbersClose(a: unknown, b: unknown, tol: number, path = 'result'): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) {
      expect(Number.isNaN(a), path).toBe(Number.isNaN(b));
      return 1;
    }
    if (!(Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b)))) expect.fail(`${path}: ${a} vs ${b}`);
    return 1;
  }
  if (a instanceof Float64Array && b instanceof Float64Array) return expectNumbersClose([...a], [...b], tol, path);
  if (Array.isArray(a) && Array.isArray(b)) {
    expect(a.length, path).toBe(b.length);
    return a.reduce((k: number, x, i) => k + expectNumbersClose(x, b[i], tol, `${path}[${i}]`), 0);
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(b).sort());
    return Object.keys(a).reduce((k, key) => k + expectNumbersClose((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], tol, `${path}.${key}`), 0);
  }
  expect(a, path).toEqual(b);
  return 0;
}

describe('bootstrap kernel: the monomial layout', () => {
  const data = loadCsv('process-spss/Data_Model22.csv').map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])));
  const xs = data.map((r) => r.x!);
  const [x1, x2] = [quantile(xs, 1 / 3), quantile(xs, 2 / 3)];
  const yMid = quantile(data.map((r) => r.y!), 0.5);
  const rows = data.map((r) => ({ ...r, g: r.x! < x1 ? 1 : r.x! < x2 ? 2 : 3, yb: r.y! > yMid ? 1 : 0, b: r.w! > 0 ? 1 : 0 }));
  const common = { resamples: 400, allowFewResamples: true, seed: 12, keepResamples: true };
  const cases: [string, ProcessOptions][] = [
    ['model 57 (four moderators)', { model: 57, x: 'x', m: ['m1', 'm2'], y: 'y', w: 'w', z: 'z', v: 'v', q: 'q', ...common }],
    ['model 73', { model: 73, x: 'x', m: ['m1', 'm2'], y: 'y', w: 'w', z: 'z', ...common }],
    ['model 7, centred, with covariates', { model: 7, x: 'x', m: 'm1', y: 'y', w: 'w', covariates: ['z', 'v'], center: 'all', ...common }],
    ['model 7 with a 0/1 moderator', { model: 7, x: 'x', m: ['m1', 'm2'], y: 'y', w: 'b', ...common }],
    ['model 7, multicategorical X (Helmert)', { model: 7, x: 'g', xCoding: 'helmert', m: ['m1', 'm2'], y: 'y', w: 'w', ...common }],
    ['model 14, multicategorical W', { model: 14, x: 'x', m: ['m1', 'm2'], y: 'y', w: 'g', wCoding: 'indicator', ...common }],
    ['model 58, logistic Y', { model: 58, x: 'x', m: 'm1', y: 'yb', w: 'w', ...common }],
    ['model 74 (X × M)', { model: 74, x: 'x', m: ['m1', 'm2'], y: 'y', ...common }],
    ['model 87 (serial, W)', { model: 87, x: 'x', m: ['m1', 'm2'], y: 'y', w: 'w', ...common }],
  ] as unknown as [string, ProcessOptions][];
  it('is accurate where the raw products are nearly collinear with their parts (means far from 0)', () => {
    // Model 7 with x ≈ 40 ± 0.06 and w ≈ 50 ± 0.03: every resample's index of moderated mediation
    // a₃·b against least squares by QR on that resample's rows with x and w centred (a₃, the x·w
    // coefficient, and b do not depend on where x and w are centred). The column layout's normal
    // equations, on raw products centred as whole columns, were off by ~1e-8 here.
    const n = 300;
    let state = 7;
    const noise = () => ((state = (state * 16807) % 2147483647), state / 2147483647 - 0.5);
    const rows = Array.from({ length: n }, () => {
      const x = 40 + 0.2 * noise();
      const w = 50 + 0.1 * noise();
      const m = 0.5 * x + 3 * (x - 40) * (w - 50) + 0.1 * noise();
      return { x, w, m, y: 0.4 * m + 0.1 * noise() };
    });
    const B = 100;
    const result = processModel(rows, { model: 7, x: 'x', w: 'w', m: 'm', y: 'y', resamples: B, allowFewResamples: true, seed: 5, keepResamples: true });
    const draws = result.indexOfModeratedMediation![0]!.draws!;
    const rng = randomStream(5);
    const coefficient = (fit: ReturnType<typeof ols>, term: string) => fit.coefficients.find((c) => c.term === term)!.estimate;
    let worst = 0;
    for (let r = 0; r < B; r++) {
      const sample = Array.from(bootstrapIndices(rng, n), (i) => {
        const { x, w, m, y } = rows[i]!;
        return { x: x - 40, w: w - 50, xw: (x - 40) * (w - 50), m, y };
      });
      const reference = coefficient(ols(sample, { y: 'm', x: ['x', 'w', 'xw'] }), 'xw') * coefficient(ols(sample, { y: 'y', x: ['x', 'm'] }), 'm');
      worst = Math.max(worst, Math.abs(draws[r]! - reference) / Math.abs(reference));
    }
    expect(worst).toBeLessThan(1e-10);
  });
  it('property: any mediated catalog model, with shifted and rescaled variables, equals the column layout', () => {
    const mediated = [...CATALOG.values()].filter((e) => e.mediator !== null);
    const columns = ['x', 'm1', 'm2', 'y', 'w', 'z', 'v', 'q'];
    fc.assert(
      fc.property(
        fc.constantFrom(...mediated),
        fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0.2, max: 5, noNaN: true })), { minLength: columns.length, maxLength: columns.length }),
        fc.integer({ min: 0, max: 1000 }),
        (entry, transforms, seed) => {
          // Means several SDs from 0 make the raw products nearly collinear with their parts, which
          // the column layout's normal equations feel squared (the monomial layout centres each
          // variable first): the two then differ by more than rounding, here within 1e-8.
          const shifted = data.map((r) => Object.fromEntries(columns.map((c, k) => [c, transforms[k]![0] + transforms[k]![1] * r[c]!])));
          const options = { model: entry.model, x: 'x', m: ['m1', 'm2'], y: 'y', ...Object.fromEntries(entry.moderators.map((role) => [role, role])), resamples: 200, allowFewResamples: true, seed } as unknown as ProcessOptions;
          const fast = processModel(shifted, options);
          const previous = setKernelMonomials(false);
          try {
            expectNumbersClose(fast, processModel(shifted, options), 1e-8);
          } finally {
            setKernelMonomials(previous);
          }
        },
      ),
      { numRuns: 15 },
    );
  });
  it.each(cases)('%s: the column layout’s draws to rounding', (_, options) => {
    const fast = processModel(rows, options);
    const previous = setKernelMonomials(false);
    try {
      const plain = processModel(rows, options);
      expect(expectNumbersClose(fast, plain, 1e-9)).toBeGreaterThan(400);
    } finally {
      setKernelMonomials(previous);
    }
  });
});
