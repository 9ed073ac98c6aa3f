// Non-normal factors and errors in simulate.factorModel / simulate.congeneric: Fleishman (1978)
// polynomials with Vale & Maurelli (1983) intermediate correlations.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../src/testing/index.js';
import { fleishmanKurtosisFloor } from '../../src/testing/simulate/nonnormal.js';
import { isPsychkitError, kurtosis, randomStream, skewness } from '../../src/index.js';
import { expectClose } from '../helpers/close.js';
import { loadJson } from '../helpers/fixtures.js';
import { numRuns } from '../helpers/runs.js';
import { alphaOfMatrix, columnsOf, sampleCovariance, toCorrelation } from './moments.js';

interface Coefficients {
  a: number;
  b: number;
  c: number;
  d: number;
}

const lavaan = loadJson<{ coefficients: (Coefficients & { skewness: number; kurtosis: number })[]; intermediate: { first: number; second: number; r: number; rho: number }[] }>(
  'simulate-nonnormal/fleishman.json',
);

const errorOf = (f: () => unknown): { code: string; option?: unknown } => {
  try {
    f();
  } catch (e) {
    if (isPsychkitError(e)) return { code: e.code, option: e.details.option };
    throw e;
  }
  return { code: 'none' };
};

/** E[Zᵏ] of a standard normal: 0 for odd k, (k − 1)!! for even k. */
const normalMoment = (k: number): number => {
  if (k % 2 === 1) return 0;
  let m = 1;
  for (let i = k - 1; i > 1; i -= 2) m *= i;
  return m;
};

/** Product of two polynomials given by their coefficients (lowest power first). */
const times = (p: readonly number[], q: readonly number[]): number[] => {
  const out = new Array<number>(p.length + q.length - 1).fill(0);
  p.forEach((a, i) => q.forEach((b, j) => (out[i + j] = (out[i + j] as number) + a * b)));
  return out;
};

/** Mean, variance, skewness and excess kurtosis of a + bZ + cZ² + dZ³, by expanding its powers (independent of Fleishman's equations). */
function polynomialMoments({ a, b, c, d }: Coefficients): { mean: number; variance: number; skewness: number; kurtosis: number } {
  const expect = (poly: readonly number[]) => poly.reduce((s, v, k) => s + v * normalMoment(k), 0);
  const y = [a, b, c, d];
  const mean = expect(y);
  const centred = [a - mean, b, c, d];
  const c2 = times(centred, centred);
  const c3 = times(c2, centred);
  const c4 = times(c3, centred);
  const variance = expect(c2);
  return { mean, variance, skewness: expect(c3) / variance ** 1.5, kurtosis: expect(c4) / variance ** 2 - 3 };
}

const binomial = (n: number, k: number): number => {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
};

/** E[p₁(Z₁)p₂(Z₂)] for standard normals with correlation ρ, exactly: Z₂ = ρZ₁ + √(1 − ρ²)W. */
function crossMoment(p1: Coefficients, p2: Coefficients, rho: number): number {
  const u = [p1.a, p1.b, p1.c, p1.d];
  const v = [p2.a, p2.b, p2.c, p2.d];
  const s = Math.sqrt(1 - rho * rho);
  let total = 0;
  u.forEach((ui, i) =>
    v.forEach((vj, j) => {
      let e = 0; // E[Z₁ⁱ (ρZ₁ + sW)ʲ]
      for (let k = 0; k <= j; k++) e += binomial(j, k) * rho ** k * s ** (j - k) * normalMoment(i + k) * normalMoment(j - k);
      total += ui * vj * e;
    }),
  );
  return total;
}

/** A feasible (skewness, excess kurtosis) pair: kurtosis `above` the Fleishman floor for that skewness. */
const feasiblePair = fc.tuple(fc.integer({ min: -300, max: 300 }), fc.integer({ min: 1, max: 2000 })).map(([s, above]) => {
  const skew = s / 100;
  return { skew, kurt: fleishmanKurtosisFloor(skew) + above / 100 };
});

describe('Fleishman coefficients', () => {
  it('reproduce the target skewness and kurtosis exactly (closed-form moments of the polynomial), over random feasible pairs', () => {
    fc.assert(
      fc.property(feasiblePair, ({ skew, kurt }) => {
        const sim = simulate.congeneric({ loadings: [0.6, 0.5], n: 1, seed: 1, factorSkewness: skew, factorKurtosis: kurt });
        const shapes = sim.population.nonNormal;
        expect(shapes).not.toBeNull();
        const p = shapes!.factors.coefficients[0]!;
        const m = polynomialMoments(p);
        const scale = Math.max(1, Math.abs(kurt));
        expectClose(m.mean, 0, 1e-15, 'mean');
        expectClose(m.variance, 1, 1e-11, 'variance');
        expectClose(m.skewness, skew, 1e-11 * scale, `skewness (${skew}, ${kurt})`);
        expectClose(m.kurtosis, kurt, 1e-10 * scale, `kurtosis (${skew}, ${kurt})`);
        expect(p.b).toBeGreaterThan(0);
        expect(Math.sign(p.c)).toBe(Math.sign(skew));
        // The coefficients of −γ₁ are those of γ₁ with c (and a) negated.
        const mirrored = simulate.congeneric({ loadings: [0.6, 0.5], n: 1, seed: 1, factorSkewness: -skew, factorKurtosis: kurt }).population.nonNormal!.factors.coefficients[0]!;
        expect(mirrored).toEqual({ a: -p.a + 0, b: p.b, c: -p.c + 0, d: p.d });
      }),
      { numRuns: numRuns(60) },
    );
  });
  it("match lavaan's (nlminb from (1, 0, 0), 6 digits) and solve Fleishman's equations to 1e-12", () => {
    for (const ref of lavaan.coefficients) {
      const p = simulate.congeneric({ loadings: [0.6, 0.5], n: 1, seed: 1, factorSkewness: ref.skewness, factorKurtosis: ref.kurtosis }).population.nonNormal!.factors.coefficients[0]!;
      for (const key of ['a', 'b', 'c', 'd'] as const) expectClose(p[key], ref[key], 1e-6, `${key} at (${ref.skewness}, ${ref.kurtosis})`);
      const m = polynomialMoments(p);
      expectClose(m.skewness, ref.skewness, 1e-12 * Math.max(1, ref.kurtosis), 'skewness');
      expectClose(m.kurtosis, ref.kurtosis, 1e-12 * Math.max(1, ref.kurtosis), 'kurtosis');
    }
  });
  it('the feasible region: −1.151320 at skewness 0 (the power method’s known floor); just above the floor solves, just below is INVALID_OPTION naming both options', () => {
    expectClose(fleishmanKurtosisFloor(0), -1.15132, 5e-6, 'floor at 0');
    fc.assert(
      fc.property(fc.integer({ min: -250, max: 250 }), (s) => {
        const skew = s / 100;
        const floor = fleishmanKurtosisFloor(skew);
        expect(floor).toBeGreaterThan(1.5 * skew * skew - 2); // the rough bound is not the edge
        const ok = simulate.congeneric({ loadings: [0.6, 0.5], n: 1, seed: 1, factorSkewness: skew, factorKurtosis: floor + 1e-3 });
        const m = polynomialMoments(ok.population.nonNormal!.factors.coefficients[0]!);
        expectClose(m.kurtosis, floor + 1e-3, 1e-10, 'kurtosis near the floor');
        let message = '';
        try {
          simulate.congeneric({ loadings: [0.6, 0.5], n: 1, seed: 1, factorSkewness: skew, factorKurtosis: floor - 1e-3 });
        } catch (e) {
          expect(isPsychkitError(e) && e.code === 'INVALID_OPTION' && e.details.option === 'factorKurtosis').toBe(true);
          message = (e as Error).message;
        }
        expect(message).toContain('factorSkewness');
        expect(message).toContain('factorKurtosis');
      }),
      { numRuns: numRuns(15) },
    );
  });
});

describe('Vale–Maurelli intermediate correlations', () => {
  const loadings = [[0.8, 0, 0], [0.7, 0, 0], [0, 0.75, 0], [0, 0.6, 0], [0, 0, 0.7], [0, 0, 0.65]];
  const phi = [[1, 0.5, -0.3], [0.5, 1, 0.2], [-0.3, 0.2, 1]];
  const shapes = { factorSkewness: [1.5, -1, 0], factorKurtosis: [4, 2, -0.5] };
  it('make the factors correlate exactly Φ (E[p₁(Z₁)p₂(Z₂)] expanded in closed form)', () => {
    const sim = simulate.factorModel({ loadings, phi, ...shapes, n: 1, seed: 1 });
    const { coefficients, intermediateCorrelation } = sim.population.nonNormal!.factors;
    for (let f = 0; f < 3; f++) {
      for (let g = 0; g < 3; g++) {
        expectClose(crossMoment(coefficients[f]!, coefficients[g]!, intermediateCorrelation[f]![g]!), phi[f]![g]!, 1e-13, `corr(F${f}, F${g})`);
      }
    }
    // The Σ*, α and ω of normal factors are unchanged; the normal-theory SE of α is not given.
    const normal = simulate.factorModel({ loadings, phi, n: 1, seed: 1 }).population;
    expect(sim.population.latent.correlation).toEqual(normal.latent.correlation);
    expect(sim.population.latent.alpha).toBe(normal.latent.alpha);
    expect(sim.population.latent.omega).toBe(normal.latent.omega);
    expect(sim.population.latent.alphaSe).toBeNull();
    expect(sim.population.observed.alphaSe).toBeNull();
    expect(sim.population.nonNormal!.items).toBeNull(); // correlated non-normal factors
  });
  it('match lavaan’s intermediate correlations (nlminb, 6 digits)', () => {
    for (const q of lavaan.intermediate) {
      const a = lavaan.coefficients[q.first]!;
      const b = lavaan.coefficients[q.second]!;
      const sim = simulate.factorModel({
        loadings: [[0.5, 0], [0, 0.5]],
        phi: [[1, q.r], [q.r, 1]],
        factorSkewness: [a.skewness, b.skewness],
        factorKurtosis: [a.kurtosis, b.kurtosis],
        n: 1,
        seed: 1,
      });
      expectClose(sim.population.nonNormal!.factors.intermediateCorrelation[0]![1]!, q.rho, 1e-6, `ρ* for r = ${q.r}`);
    }
  });
  it('the documented draw order: the data are rebuilt from randomStream(seed), and the rebuilt factors have the target shapes and correlations (within 4 SE)', () => {
    const n = 40_000;
    const errors = { errorSkewness: [0, 1, 0, -0.5, 2, 0], errorKurtosis: [0, 2, 1, 0, 8, 0] };
    const sim = simulate.factorModel({ loadings, phi, ...shapes, ...errors, n, seed: 'rebuild', shape: 'columns' });
    const data = columnsOf(sim.data, sim.items);
    const pop = sim.population.nonNormal!;
    const rs = pop.factors.intermediateCorrelation;
    // Cholesky of the reported intermediate matrix (3 × 3), written out.
    const l00 = 1;
    const l10 = rs[1]![0]!;
    const l11 = Math.sqrt(1 - l10 * l10);
    const l20 = rs[2]![0]!;
    const l21 = (rs[2]![1]! - l20 * l10) / l11;
    const l22 = Math.sqrt(1 - l20 * l20 - l21 * l21);
    const poly = (p: Coefficients, z: number) => p.a + z * (p.b + z * (p.c + z * p.d));
    const rng = randomStream('rebuild');
    const factors = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    let maxDiff = 0;
    for (let i = 0; i < n; i++) {
      const z = [rng.normal(), rng.normal(), rng.normal()];
      const star = [l00 * z[0]!, l10 * z[0]! + l11 * z[1]!, l20 * z[0]! + l21 * z[1]! + l22 * z[2]!];
      const f = star.map((v, a) => poly(pop.factors.coefficients[a]!, v));
      f.forEach((v, a) => (factors[a]![i] = v));
      for (let j = 0; j < 6; j++) {
        const psi = sim.population.uniquenesses[j]!;
        const x = Math.sqrt(psi) * poly(pop.errors.coefficients[j]!, rng.normal()) + loadings[j]!.reduce((s, l, a) => s + l * f[a]!, 0);
        maxDiff = Math.max(maxDiff, Math.abs(x - data[j]![i]!));
      }
    }
    expect(maxDiff).toBeLessThan(1e-12);
    // Batch standard errors (40 batches of 1,000): no normal-theory SE holds for these shapes.
    const batches = 40;
    const size = n / batches;
    const check = (statistic: (cols: Float64Array[]) => number, truth: number, cols: Float64Array[], what: string) => {
      const values = Array.from({ length: batches }, (_, b) => statistic(cols.map((c) => c.subarray(b * size, (b + 1) * size))));
      const mean = values.reduce((s, v) => s + v, 0) / batches;
      const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (batches - 1));
      expectClose(statistic(cols), truth, (4 * sd) / Math.sqrt(batches), what);
    };
    for (let a = 0; a < 3; a++) {
      const col = factors[a]!;
      check(([c]) => skewness(c!, { type: 1 }), shapes.factorSkewness[a]!, [col], `skewness of F${a}`);
      check(([c]) => kurtosis(c!, { type: 1 }), shapes.factorKurtosis[a]!, [col], `kurtosis of F${a}`);
      for (let g = 0; g < a; g++) check((cs) => toCorrelation(sampleCovariance(cs))[0]![1]!, phi[a]![g]!, [col, factors[g]!], `corr(F${a}, F${g})`);
    }
    // The items: correlations → Σ* and α → α(Σ*).
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < i; j++) check((cs) => toCorrelation(sampleCovariance(cs))[0]![1]!, sim.population.latent.correlation[i]![j]!, [data[i]!, data[j]!], `r[${i}][${j}]`);
    }
    check((cs) => alphaOfMatrix(sampleCovariance(cs)), sim.population.observed.alpha, data, 'α');
  });
  it('items of independent factors: sample skewness and kurtosis converge to population.nonNormal.items (within 4 SE)', () => {
    const n = 40_000;
    const sim = simulate.congeneric({ loadings: [0.9, 0.8, 0.6, 0.4], factorSkewness: 2, factorKurtosis: 7, errorSkewness: [0, -1, 0, 1.5], errorKurtosis: [0, 3, -1, 4], n, seed: 'items', shape: 'columns' });
    const items = sim.population.nonNormal!.items!;
    // Cumulants of independent parts add: λ³γ₁(F) + ψ^{3/2}γ₁(e), λ⁴γ₂(F) + ψ²γ₂(e).
    expectClose(items.skewness[1]!, 0.8 ** 3 * 2 + 0.36 ** 1.5 * -1, 1e-15, 'skewness truth');
    expectClose(items.kurtosis[3]!, 0.4 ** 4 * 7 + 0.84 ** 2 * 4, 1e-15, 'kurtosis truth');
    const data = columnsOf(sim.data, sim.items);
    const batches = 40;
    const size = n / batches;
    data.forEach((col, j) => {
      for (const [name, statistic, truth] of [
        ['skewness', (x: Float64Array) => skewness(x, { type: 1 }), items.skewness[j]!],
        ['kurtosis', (x: Float64Array) => kurtosis(x, { type: 1 }), items.kurtosis[j]!],
      ] as const) {
        const values = Array.from({ length: batches }, (_, b) => statistic(col.subarray(b * size, (b + 1) * size)));
        const mean = values.reduce((s, v) => s + v, 0) / batches;
        const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (batches - 1));
        expectClose(statistic(col), truth, (4 * sd) / Math.sqrt(batches), `${name} of item ${j}`);
      }
    });
  });
});

describe('non-normal options leave normal data alone', () => {
  it('absent, or all zero: the same draws and truths as before (and nonNormal is null)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -90, max: 90 }), { minLength: 2, maxLength: 5 }), fc.integer(), (raw, seed) => {
        const loadings = raw.map((v) => v / 100);
        const plain = simulate.congeneric({ loadings, n: 15, seed });
        const zeros = simulate.congeneric({ loadings, n: 15, seed, factorSkewness: 0, factorKurtosis: 0, errorSkewness: 0, errorKurtosis: new Array<number>(loadings.length).fill(0) });
        expect(zeros).toEqual(plain);
        expect(plain.population.nonNormal).toBeNull();
        expect(plain.population.latent.alphaSe).not.toBeNull();
      }),
      { numRuns: numRuns(30) },
    );
  });
});

describe('non-normal options: errors', () => {
  const ok = { loadings: [[0.6, 0], [0.5, 0.1], [0, 0.7]], n: 10, seed: 1 };
  it.each([
    ['kurtosis below the floor', { ...ok, factorKurtosis: -1.2 }, 'factorKurtosis'],
    ['kurtosis above the ceiling (about 101.4)', { ...ok, factorKurtosis: 150 }, 'factorKurtosis'],
    ['skewness beyond ±6.48', { ...ok, errorSkewness: -7, errorKurtosis: 80 }, 'errorSkewness'],
    ['skewed with too little kurtosis', { ...ok, factorSkewness: 2, factorKurtosis: 4 }, 'factorKurtosis'],
    ['error shape infeasible', { ...ok, errorSkewness: [0, 1, 0], errorKurtosis: 0 }, 'errorKurtosis'],
    ['wrong number of factor values', { ...ok, factorSkewness: [1, 0.5, 0] }, 'factorSkewness'],
    ['wrong number of error values', { ...ok, errorKurtosis: [1, 2] }, 'errorKurtosis'],
    ['NaN skewness', { ...ok, factorSkewness: Number.NaN }, 'factorSkewness'],
    ['string kurtosis', { ...ok, factorKurtosis: '3' }, 'factorKurtosis'],
    ['Infinity in a list', { ...ok, errorSkewness: [0, Infinity, 0] }, 'errorSkewness'],
    ['categorised non-normal', { ...ok, categories: 5, factorSkewness: 1, factorKurtosis: 2 }, 'factorSkewness'],
    ['thresholds with non-normal errors', { ...ok, thresholds: [-1, 1], errorKurtosis: 1 }, 'errorKurtosis'],
    ['categorised, naming the option that is not 0', { ...ok, categories: 5, factorSkewness: 0, errorKurtosis: [0, 2, 0] }, 'errorKurtosis'],
    ['a correlation the shapes cannot reach', { ...ok, phi: [[1, 0.8], [0.8, 1]], factorSkewness: [2, -2], factorKurtosis: 7 }, 'phi'],
  ])('%s → INVALID_OPTION', (_, options, option) => {
    expect(errorOf(() => simulate.factorModel(options as never))).toEqual({ code: 'INVALID_OPTION', option });
  });
  it('an intermediate correlation matrix that is not positive definite → NOT_POSITIVE_DEFINITE', () => {
    const options = {
      loadings: [[0.5, 0, 0], [0, 0.5, 0], [0, 0, 0.5]],
      phi: [[1, 0.6, 0.6], [0.6, 1, 0], [0.6, 0, 1]], // positive definite (det 0.28)
      factorSkewness: [2, -2, -2],
      factorKurtosis: 7,
      n: 10,
      seed: 1,
    };
    expect(errorOf(() => simulate.factorModel(options))).toEqual({ code: 'NOT_POSITIVE_DEFINITE', option: 'phi' });
    expect(errorOf(() => simulate.factorModel({ ...options, factorSkewness: [2, 2, 2] }))).toEqual({ code: 'none' });
  });
});
