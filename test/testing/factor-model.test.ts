import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { simulate } from '../../src/testing/index.js';
import { bivariateNormalCdf } from '../../src/probability/bivariate-normal.js';
import { isPsychkitError, normalCdf } from '../../src/index.js';
import { expectClose } from '../helpers/close.js';
import { loadJson } from '../helpers/fixtures.js';
import { numRuns } from '../helpers/runs.js';
import { alphaOfMatrix, columnsOf, sampleCovariance, toCorrelation } from './moments.js';

const ref = loadJson('testing-population.json');

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (isPsychkitError(e)) return e.code;
    throw e;
  }
  return 'none';
};

describe('bivariate normal CDF (internal)', () => {
  it('matches R pbivnorm to 1e-13 (and mvtnorm::pmvnorm) over a grid including |r| near 1', () => {
    for (const c of ref.bivariateNormal) {
      const p = bivariateNormalCdf(c.h, c.k, c.r);
      expectClose(p, c.p, 1e-13, `Φ₂(${c.h}, ${c.k}; ${c.r})`);
      expectClose(p, c.pmvnorm, 1e-12, 'pmvnorm');
    }
  });
  it('matches a direct quadrature of ∫ φ(x) Φ((k − rx)/√(1 − r²)) dx', () => {
    // Independent of Genz's method: composite Simpson on [−12, h] with 20,000 panels.
    const direct = (h: number, k: number, r: number) => {
      const lo = -12;
      const m = 20_000;
      const step = (h - lo) / m;
      const g = (x: number) => (Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI)) * normalCdf((k - r * x) / Math.sqrt(1 - r * r));
      let s = g(lo) + g(h);
      for (let i = 1; i < m; i++) s += (i % 2 === 1 ? 4 : 2) * g(lo + i * step);
      return (s * step) / 3;
    };
    fc.assert(
      fc.property(fc.integer({ min: -300, max: 300 }), fc.integer({ min: -300, max: 300 }), fc.integer({ min: -98, max: 98 }), (h, k, r) => {
        expectClose(bivariateNormalCdf(h / 100, k / 100, r / 100), direct(h / 100, k / 100, r / 100), 1e-10, `Φ₂(${h / 100}, ${k / 100}; ${r / 100})`);
      }),
      { numRuns: numRuns(30) },
    );
  });
});

describe('simulate.factorModel: population moments', () => {
  it('reports Σ = ΛΦΛᵀ + Ψ (checked with ml-matrix) with a unit diagonal', () => {
    const L = [[0.7, 0.1], [0.6, 0], [0.5, -0.2], [0, 0.7], [0.2, 0.6], [0, 0.5]];
    const phi = [[1, 0.35], [0.35, 1]];
    const sim = simulate.factorModel({ loadings: L, phi, n: 1, seed: 1 });
    const common = new Matrix(L).mmul(new Matrix(phi)).mmul(new Matrix(L).transpose());
    for (let i = 0; i < 6; i++) {
      expectClose(sim.population.communalities[i] as number, common.get(i, i), 1e-15, `h[${i}]`);
      for (let j = 0; j < 6; j++) {
        expectClose(sim.population.latent.correlation[i]?.[j] as number, i === j ? 1 : common.get(i, j), 1e-15, `Σ[${i}][${j}]`);
      }
    }
    const sumC = common.to2DArray().flat().reduce((a, b) => a + b, 0);
    const sumS = sumC + sim.population.uniquenesses.reduce((a, b) => a + b, 0);
    expectClose(sim.population.latent.omega, sumC / sumS, 1e-14, 'ω total');
  });
  it('categorised items: covariance, α and categorical ω match R (pbivnorm, psych::alpha, integrate)', () => {
    for (const c of ref.categorised) {
      const sim = simulate.factorModel({ loadings: c.loadings, phi: c.phi, thresholds: c.thresholds, n: 1, seed: 1 });
      const obs = sim.population.observed;
      const p = c.loadings.length;
      expect(obs.categories).toEqual(new Array(p).fill(c.thresholds.length + 1));
      expect(obs.thresholds).toEqual(new Array(p).fill(c.thresholds));
      for (let i = 0; i < p; i++) {
        expectClose(obs.means[i] as number, c.mean, 1e-14, 'mean');
        for (let j = 0; j < p; j++) expectClose(obs.covariance[i]?.[j] as number, c.covariance[i][j], 1e-12, `cov[${i}][${j}]`);
      }
      expectClose(obs.alpha, c.alpha, 1e-12, 'α');
      // The one-factor ω in R comes from stats::integrate (rel.tol 1e-12), a different method.
      expectClose(obs.omega, c.omega, 1e-9, `ω (${c.omegaMethod})`);
    }
  });
  it('congeneric is factorModel with one factor: same draws, same truth', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -90, max: 90 }), { minLength: 2, maxLength: 6 }), fc.integer(), fc.option(fc.integer({ min: 2, max: 7 }), { nil: undefined }), (raw, seed, categories) => {
        const loadings = raw.map((v) => v / 100);
        const extra = categories === undefined ? {} : { categories };
        const a = simulate.congeneric({ loadings, n: 20, seed, ...extra });
        const b = simulate.factorModel({ loadings: loadings.map((v) => [v]), n: 20, seed, ...extra });
        expect(a.data).toEqual(b.data);
        expect(a.population.latent).toEqual(b.population.latent);
        expect(a.population.observed).toEqual(b.population.observed);
      }),
      { numRuns: numRuns(30) },
    );
  });
});

describe('simulate.factorModel: sample moments converge to the population', () => {
  it('sample correlations of an oblique two-factor model lie within 4 SE of Σ', () => {
    const n = 20_000;
    const sim = simulate.factorModel({
      loadings: [[0.8, 0], [0.7, 0], [0.6, 0.2], [0, 0.75], [0, 0.65], [-0.3, 0.55]],
      phi: [[1, 0.4], [0.4, 1]],
      n,
      seed: 'oblique',
      shape: 'columns',
    });
    const r = toCorrelation(sampleCovariance(columnsOf(sim.data, sim.items)));
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < i; j++) {
        const rho = sim.population.latent.correlation[i]?.[j] as number;
        expectClose(r[i]?.[j] as number, rho, (4 * (1 - rho * rho)) / Math.sqrt(n), `r[${i}][${j}]`);
      }
    }
  });
});

describe('simulate.factorModel: bad options', () => {
  const loadings = [[0.6, 0], [0.5, 0.1], [0, 0.7]];
  const ok = { loadings, n: 10, seed: 1 };
  it.each([
    ['non-PD phi', { ...ok, phi: [[1, 1.2], [1.2, 1]] }],
    ['singular phi', { ...ok, phi: [[1, 1], [1, 1]] }],
    ['asymmetric phi', { ...ok, phi: [[1, 0.3], [0.2, 1]] }],
    ['phi diagonal ≠ 1', { ...ok, phi: [[2, 0.3], [0.3, 1]] }],
    ['phi of the wrong size', { ...ok, phi: [[1]] }],
    ['communality ≥ 1 through Φ', { ...ok, loadings: [[0.8, 0.6], [0.5, 0], [0, 0.5]], phi: [[1, 0.5], [0.5, 1]] }],
    ['loading of 1', { ...ok, loadings: [[1, 0], [0.5, 0]] }],
    ['ragged loadings', { ...ok, loadings: [[0.5, 0], [0.5]] }],
    ['empty loadings', { ...ok, loadings: [] }],
    ['empty rows', { ...ok, loadings: [[], []] }],
    ['Infinity loading', { ...ok, loadings: [[Infinity, 0], [0.5, 0]] }],
    ['one item', { ...ok, loadings: [[0.5]] }],
    ['unknown option', { ...ok, Phi: [[1, 0], [0, 1]] }],
  ])('%s → INVALID_OPTION', (_, options) => {
    expect(codeOf(() => simulate.factorModel(options as never))).toBe('INVALID_OPTION');
  });
  it('orthogonal factors by default', () => {
    expect(simulate.factorModel(ok).population.phi).toEqual([[1, 0], [0, 1]]);
  });
});

describe('simulate.factorModel: per-item thresholds and categoryProbabilities', () => {
  /** P(a < X ≤ b, c < Y ≤ d) for standard normals with correlation r (rectangle of Φ₂). */
  const rectangle = (a: number, b: number, c: number, d: number, r: number) =>
    bivariateNormalCdf(b, d, r) - bivariateNormalCdf(a, d, r) - bivariateNormalCdf(b, c, r) + bivariateNormalCdf(a, c, r);
  /** cov(Yᵢ, Yⱼ) and the means from the joint category probabilities (cell by cell, not the indicator sum). */
  const cellMoments = (ti: readonly number[], tj: readonly number[], r: number) => {
    const ci = [-Infinity, ...ti, Infinity];
    const cj = [-Infinity, ...tj, Infinity];
    let exy = 0;
    let ex = 0;
    let ey = 0;
    for (let a = 1; a < ci.length; a++) {
      for (let b = 1; b < cj.length; b++) {
        const p = rectangle(ci[a - 1]!, ci[a]!, cj[b - 1]!, cj[b]!, r);
        exy += a * b * p;
        ex += a * p;
        ey += b * p;
      }
    }
    return { cov: exy - ex * ey, meanI: ex, meanJ: ey };
  };
  const perItem = [[-1.2, 0.3, 1.5], [0.2], [-0.5, 0, 0.5, 1.8], [-2, -1, 0.7]];
  const lambda = [0.8, 0.7, 0.6, 0.5];

  it('population covariance and means equal the joint-cell sums, categorical ω equals quadrature over F, items differing in K', () => {
    const sim = simulate.factorModel({ loadings: lambda.map((l) => [l]), thresholds: perItem, n: 1, seed: 1 });
    const obs = sim.population.observed;
    expect(obs.categories).toEqual([4, 2, 5, 4]);
    expect(obs.thresholds).toEqual(perItem);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        if (i === j) continue;
        const m = cellMoments(perItem[i]!, perItem[j]!, lambda[i]! * lambda[j]!);
        expectClose(obs.covariance[i]![j]!, m.cov, 1e-12, `cov[${i}][${j}]`);
        expectClose(obs.means[i]!, m.meanI, 1e-13, `mean ${i}`);
      }
      // var(Yᵢ) from the marginal proportions: Σ a²pₐ − (Σ a pₐ)².
      const p = obs.categoryProbabilities![i]!;
      const mean = p.reduce((s, v, a) => s + (a + 1) * v, 0);
      expectClose(obs.covariance[i]![i]!, p.reduce((s, v, a) => s + (a + 1) ** 2 * v, 0) - mean * mean, 1e-13, `var ${i}`);
      for (let j = 0; j < 4; j++) expectClose(obs.correlation[i]![j]!, obs.covariance[i]![j]! / Math.sqrt(obs.covariance[i]![i]! * obs.covariance[j]![j]!), 1e-15, 'correlation');
    }
    expectClose(obs.alpha, alphaOfMatrix(obs.covariance), 1e-14, 'α');
    // Green & Yang's ω: var(Σⱼ E[Yⱼ | F]) / var(Σⱼ Yⱼ), E[Yⱼ | F] = 1 + Σₜ Φ((λⱼF − τⱼₜ)/√ψⱼ); Simpson on [−10, 10].
    const conditional = (f: number) => lambda.reduce((s, l, j) => s + 1 + perItem[j]!.reduce((u, t) => u + normalCdf((l * f - t) / Math.sqrt(1 - l * l)), 0), 0);
    const panels = 4000;
    const h = 20 / panels;
    let m1 = 0;
    let m2 = 0;
    for (let k = 0; k <= panels; k++) {
      const f = -10 + k * h;
      const w = ((k === 0 || k === panels ? 1 : k % 2 === 1 ? 4 : 2) * h) / 3;
      const density = Math.exp(-f * f / 2) / Math.sqrt(2 * Math.PI);
      const e = conditional(f);
      m1 += w * density * e;
      m2 += w * density * e * e;
    }
    const total = obs.covariance.flat().reduce((s, v) => s + v, 0);
    expectClose(obs.omega, (m2 - m1 * m1) / total, 1e-9, 'categorical ω');
  });

  it('one list per item, all equal to the shared list, reproduces the shared-list sample exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -90, max: 90 }), { minLength: 2, maxLength: 5 }),
        fc.uniqueArray(fc.integer({ min: -250, max: 250 }), { minLength: 1, maxLength: 5 }),
        fc.integer(),
        (raw, cuts, seed) => {
          const loadings = raw.map((v) => [v / 100]);
          const thresholds = [...cuts].sort((a, b) => a - b).map((v) => v / 100);
          const shared = simulate.factorModel({ loadings, thresholds, n: 25, seed });
          const each = simulate.factorModel({ loadings, thresholds: loadings.map(() => thresholds), n: 25, seed });
          expect(each).toEqual(shared);
          const probabilities = [...shared.population.observed.categoryProbabilities![0]!];
          const fromShared = simulate.factorModel({ loadings, categoryProbabilities: probabilities, n: 25, seed });
          const fromEach = simulate.factorModel({ loadings, categoryProbabilities: loadings.map(() => probabilities), n: 25, seed });
          expect(fromEach).toEqual(fromShared);
        },
      ),
      { numRuns: numRuns(40) },
    );
  });

  it('categoryProbabilities ↔ thresholds round trip', () => {
    const proportions = fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 2, maxLength: 7 }).map((w) => {
      const sum = w.reduce((s, v) => s + v, 0);
      return w.map((v) => v / sum);
    });
    fc.assert(
      fc.property(fc.array(proportions, { minLength: 2, maxLength: 4 }), (lists) => {
        const loadings = lists.map(() => [0.6]);
        const a = simulate.factorModel({ loadings, categoryProbabilities: lists, n: 1, seed: 1 }).population.observed;
        lists.forEach((list, j) => list.forEach((p, c) => expectClose(a.categoryProbabilities![j]![c]!, p, 1e-13, `p[${j}][${c}]`)));
        // Thresholds τ_c = Φ⁻¹(p₁ + … + p_c) …
        lists.forEach((list, j) => {
          let cumulative = 0;
          list.slice(0, -1).forEach((p, c) => {
            cumulative += p;
            expectClose(normalCdf(a.thresholds![j]![c]!), cumulative, 1e-13, `Φ(τ[${j}][${c}])`);
          });
        });
        // … and back: those thresholds give the same proportions, hence the same population.
        const b = simulate.factorModel({ loadings, thresholds: a.thresholds!.map((t) => [...t]), n: 1, seed: 1 }).population.observed;
        expect(b).toEqual(a);
        expect(a.categories).toEqual(lists.map((l) => l.length));
      }),
      { numRuns: numRuns(60) },
    );
  });

  it('skewed items in a two-factor model: category proportions, means, covariances and α of a large sample lie within 4 SE of the population', () => {
    const n = 20_000;
    const categoryProbabilities = [
      [0.6, 0.25, 0.1, 0.05],
      [0.05, 0.1, 0.25, 0.6],
      [0.3, 0.7],
      [0.1, 0.2, 0.4, 0.2, 0.1],
      [0.02, 0.08, 0.9],
      [0.5, 0.3, 0.15, 0.05],
    ];
    const sim = simulate.factorModel({
      loadings: [[0.8, 0], [0.7, 0], [0.6, 0.2], [0, 0.75], [0, 0.65], [-0.3, 0.55]],
      phi: [[1, 0.4], [0.4, 1]],
      categoryProbabilities,
      n,
      seed: 'skewed',
      shape: 'columns',
    });
    const pop = sim.population.observed;
    const cols = columnsOf(sim.data, sim.items);
    cols.forEach((col, j) => {
      const k = categoryProbabilities[j]!.length;
      const counts = new Array<number>(k).fill(0);
      for (const v of col) counts[v - 1]! += 1;
      expect(counts.reduce((s, v) => s + v, 0)).toBe(n); // every score is 1 … Kⱼ
      counts.forEach((count, c) => {
        const p = categoryProbabilities[j]![c]!;
        expectClose(count / n, p, 4 * Math.sqrt((p * (1 - p)) / n), `P(item ${j} = ${c + 1})`);
      });
    });
    const cov = sampleCovariance(cols);
    const means = cols.map((c) => c.reduce((s, v) => s + v, 0) / n);
    for (let i = 0; i < 6; i++) {
      expectClose(means[i]!, pop.means[i]!, 4 * Math.sqrt(pop.covariance[i]![i]! / n), `mean ${i}`);
      for (let j = 0; j <= i; j++) {
        let m22 = 0;
        for (let t = 0; t < n; t++) m22 += (cols[i]![t]! - means[i]!) ** 2 * (cols[j]![t]! - means[j]!) ** 2;
        const se = Math.sqrt((m22 / n - cov[i]![j]! ** 2) / n);
        expectClose(cov[i]![j]!, pop.covariance[i]![j]!, 4 * se, `cov[${i}][${j}]`);
      }
    }
    const batches = Array.from({ length: 20 }, (_, b) => alphaOfMatrix(sampleCovariance(cols.map((c) => c.subarray(b * 1000, (b + 1) * 1000)))));
    const mean = batches.reduce((s, v) => s + v, 0) / 20;
    const sd = Math.sqrt(batches.reduce((s, v) => s + (v - mean) ** 2, 0) / 19);
    expectClose(alphaOfMatrix(cov), pop.alpha, (4 * sd) / Math.sqrt(20), 'α');
  });

  const ok = { loadings: [[0.6], [0.5], [0.7]], n: 10, seed: 1 };
  it.each([
    ['thresholds and categoryProbabilities', { ...ok, thresholds: [0], categoryProbabilities: [0.5, 0.5] }, 'categoryProbabilities', 'thresholds'],
    ['categories disagrees with thresholds', { ...ok, categories: 4, thresholds: [[0], [0, 1, 2], [0, 1, 2]] }, 'thresholds[0]', 'categories'],
    ['categories disagrees with categoryProbabilities', { ...ok, categories: 3, categoryProbabilities: [0.5, 0.5] }, 'categoryProbabilities', 'categories'],
    ['one list per item, wrong count', { ...ok, thresholds: [[0], [1]] }, 'thresholds', 'per item'],
    ['a mixture of lists and numbers', { ...ok, thresholds: [[0], 1, [1]] }, 'thresholds', 'mixture'],
    ['an item list not increasing', { ...ok, thresholds: [[0], [1, 0], [1]] }, 'thresholds[1]', 'increasing'],
    ['proportions not summing to 1', { ...ok, categoryProbabilities: [0.5, 0.4] }, 'categoryProbabilities', 'sum'],
    ['a zero proportion', { ...ok, categoryProbabilities: [[0.5, 0.5], [1, 0], [0.2, 0.8]] }, 'categoryProbabilities[1]', 'above 0'],
    ['a single proportion', { ...ok, categoryProbabilities: [1] }, 'categoryProbabilities', 'at least 2'],
    ['an empty item list', { ...ok, thresholds: [[0], [], [1]] }, 'thresholds[1]', 'at least 1'],
    ['NaN proportion', { ...ok, categoryProbabilities: [Number.NaN, 1] }, 'categoryProbabilities[0]', 'finite'],
  ])('%s → INVALID_OPTION', (_, options, option, words) => {
    let error: unknown;
    try {
      simulate.factorModel(options as never);
    } catch (e) {
      error = e;
    }
    expect(isPsychkitError(error) && error.code === 'INVALID_OPTION').toBe(true);
    expect(String((error as { details: { option: string } }).details.option)).toBe(option);
    expect((error as Error).message).toContain(words);
  });
});
