import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { simulate } from '../../src/testing/index.js';
import { bivariateNormalCdf } from '../../src/probability/bivariate-normal.js';
import { isPsychkitError, normalCdf } from '../../src/index.js';
import { expectClose } from '../helpers/close.js';
import { loadJson } from '../helpers/fixtures.js';
import { numRuns } from '../helpers/runs.js';
import { columnsOf, sampleCovariance, toCorrelation } from './moments.js';

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
      expect(obs.categories).toBe(c.thresholds.length + 1);
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
