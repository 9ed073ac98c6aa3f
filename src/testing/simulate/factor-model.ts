import { fail } from '../../errors.js';
import { choleskyInPlace, mirrorTriangle, multiplyInto, tcrossprodInto } from '../../linalg/index.js';
import { randomStream, type Seed } from '../../random/index.js';
import { deepFreeze } from '../../util/freeze.js';
import { categorise, categoryCovariance, categoryMean, resolveThresholds } from './categories.js';
import { dataShape, nameList, numberMatrix, requiredSeed, sampleSize, requiredOptions, type DataShape } from './options.js';
import { alphaOf, alphaSeOf, grandSum, layOut, toRows, type SimulatedData, withoutNegativeZero } from './output.js';

/** Options of {@link factorModel}. */
export interface FactorModelOptions<S extends DataShape = DataShape> {
  /** Standardized loadings Λ, one row per item, one column per factor (p × m, p ≥ 2). */
  readonly loadings: readonly (readonly number[])[];
  /** Factor correlation matrix Φ (m × m, unit diagonal, positive definite). Default: identity (orthogonal factors). */
  readonly phi?: readonly (readonly number[])[];
  /** Number of rows to simulate (1 … 10,000,000). */
  readonly n: number;
  /** Seed for {@link randomStream}: the same seed gives the same data on every runtime. */
  readonly seed: Seed;
  /** Cut every item into K ordered categories scored 1 … K (Likert items). Default: continuous. */
  readonly categories?: number;
  /** Ascending cut points on the latent z scale (K − 1 of them). Default Φ⁻¹(c/K): equally likely categories. */
  readonly thresholds?: readonly number[];
  /** Item names. Default `item1` … `itemp`. */
  readonly names?: readonly string[];
  /** `'rows'` (row objects, default), `'columns'` (object of arrays) or `'matrix'` (`number[][]`, rows × items). */
  readonly shape?: S;
}

/** Population moments of the continuous latent responses X* = ΛF + e (before any categorisation). */
export interface LatentPopulation {
  /** Σ* = ΛΦΛᵀ + Ψ, the correlation matrix of X* (and the polychoric correlation of categorised items). */
  readonly correlation: readonly (readonly number[])[];
  /** Cronbach's α of Σ*: k/(k − 1)·(1 − tr Σ* / 1ᵀΣ*1). */
  readonly alpha: number;
  /**
   * The standard deviation of `cronbachAlpha`'s α over samples of the simulated n from normal items,
   * asymptotically: √(Q/n) with Q = 2k²/((k − 1)²(1ᵀΣ1)³)·[(1ᵀΣ1)(tr Σ² + (tr Σ)²) − 2 tr Σ·1ᵀΣ²1]
   * (van Zyl, Neudecker & Nel 2000; the ASE psych::alpha reports, at the population Σ).
   */
  readonly alphaSe: number;
  /** ω (total) of the unit-weighted sum of X*: 1ᵀΛΦΛᵀ1 / 1ᵀΣ*1. */
  readonly omega: number;
}

/** Population moments of the items exactly as they appear in `data`. */
export interface ObservedPopulation {
  /** Number of categories K, or null for continuous items. */
  readonly categories: number | null;
  /** Thresholds used (latent z scale), or null for continuous items. */
  readonly thresholds: readonly number[] | null;
  /** E[item]: 0 for continuous items, 1 + Σₜ Φ(−τₜ) for category scores. */
  readonly means: readonly number[];
  /** Population covariance matrix of the items as observed. */
  readonly covariance: readonly (readonly number[])[];
  /** Population (Pearson) correlation matrix of the items as observed. */
  readonly correlation: readonly (readonly number[])[];
  /** Cronbach's α of `covariance`: what a sample α of `data` converges to as n grows. */
  readonly alpha: number;
  /** As `latent.alphaSe` for continuous items; `null` for categorised ones (the normal-theory formula does not hold there). */
  readonly alphaSe: number | null;
  /**
   * Reliability of the observed sum score: var(E[sum | factors]) / var(sum). For continuous items
   * this is ω of the latent model; for categorised items it is Green & Yang's (2009) categorical ω.
   */
  readonly omega: number;
}

/** The model the data were drawn from and its population moments. */
export interface FactorModelPopulation {
  readonly loadings: readonly (readonly number[])[];
  readonly phi: readonly (readonly number[])[];
  /** hⱼ = λⱼᵀΦλⱼ. */
  readonly communalities: readonly number[];
  /** ψⱼ = 1 − hⱼ (error variances; items are standardized). */
  readonly uniquenesses: readonly number[];
  readonly latent: LatentPopulation;
  readonly observed: ObservedPopulation;
}

/** A sample from {@link factorModel}. */
export interface FactorModelSample<S extends DataShape = 'rows'> {
  readonly data: SimulatedData<S>;
  /** Item names, in column order. */
  readonly items: readonly string[];
  readonly n: number;
  /** The seed as {@link randomStream} keyed it (a string). */
  readonly seed: string;
  readonly population: FactorModelPopulation;
}

interface Model {
  readonly p: number;
  readonly m: number;
  /** p × m row-major. */
  readonly lambda: Float64Array;
  /** m × m row-major. */
  readonly phi: Float64Array;
}

/** Validates Λ and Φ; `what` names the loadings option in messages. */
export function checkModel(loadingsOption: unknown, phiOption: unknown, congeneric: boolean): Model {
  const loadings = numberMatrix(loadingsOption, 'loadings');
  const p = loadings.length;
  const m = (loadings[0] as number[]).length;
  if (p < 2) throw fail('INVALID_OPTION', '`loadings` must describe at least 2 items (α is undefined for one item).', { option: 'loadings' });
  const lambda = new Float64Array(p * m);
  loadings.forEach((row, j) => row.forEach((v, f) => (lambda[j * m + f] = v)));
  const phi = new Float64Array(m * m);
  if (phiOption === undefined) for (let f = 0; f < m; f++) phi[f * m + f] = 1;
  else {
    const rows = numberMatrix(phiOption, 'phi', m, m);
    for (let f = 0; f < m; f++) {
      for (let g = 0; g < m; g++) {
        const v = rows[f]?.[g] as number;
        if (f === g && Math.abs(v - 1) > 1e-10) {
          throw fail('INVALID_OPTION', `\`phi\` must be a correlation matrix: phi[${f}][${f}] is ${v}, not 1.`, { option: 'phi', row: f, value: v });
        }
        if (Math.abs(v - (rows[g]?.[f] as number)) > 1e-10) {
          throw fail('INVALID_OPTION', `\`phi\` must be symmetric: phi[${f}][${g}] ≠ phi[${g}][${f}].`, { option: 'phi', row: f, value: v });
        }
        phi[f * m + g] = f === g ? 1 : v;
      }
    }
    if (!choleskyInPlace(Float64Array.from(phi), m)) {
      throw fail('INVALID_OPTION', '`phi` is not positive definite.', { option: 'phi' });
    }
  }
  for (let j = 0; j < p; j++) {
    const h = communality(lambda, phi, j, m);
    if (!(h < 1)) {
      const message = congeneric
        ? `\`loadings[${j}]\` is ${lambda[j]}: standardized loadings must lie strictly between −1 and 1.`
        : `Item ${j} has communality ${h} ≥ 1 (λᵀΦλ with standardized loadings must be < 1).`;
      throw fail('INVALID_OPTION', message, { option: 'loadings', row: j, value: congeneric ? lambda[j] : h });
    }
  }
  return { p, m, lambda, phi };
}

function communality(lambda: Float64Array, phi: Float64Array, j: number, m: number): number {
  let h = 0;
  for (let f = 0; f < m; f++) {
    for (let g = 0; g < m; g++) h += (lambda[j * m + f] as number) * (phi[f * m + g] as number) * (lambda[j * m + g] as number);
  }
  return h;
}

/** Population moments of a validated model (see {@link FactorModelPopulation}). */
export function populationOf(model: Model, thresholds: readonly number[] | null, n: number): FactorModelPopulation {
  const { p, m, lambda, phi } = model;
  // common = ΛΦΛᵀ: the true-score (factor) part of every covariance.
  const lp = new Float64Array(p * m);
  multiplyInto(lambda, phi, p, m, m, lp);
  const common = new Float64Array(p * p);
  tcrossprodInto(lp, lambda, p, m, p, common);
  mirrorTriangle(common, p, 'upper'); // exact symmetry
  const communalities = Array.from({ length: p }, (_, j) => common[j * p + j] as number);
  const sigma = Float64Array.from(common);
  for (let j = 0; j < p; j++) sigma[j * p + j] = 1;
  const latent: LatentPopulation = {
    correlation: toRows(sigma, p),
    alpha: alphaOf(sigma, p),
    alphaSe: alphaSeOf(sigma, p, n),
    omega: grandSum(common) / grandSum(sigma),
  };
  let observed: ObservedPopulation;
  if (thresholds === null) {
    observed = {
      categories: null,
      thresholds: null,
      means: new Array<number>(p).fill(0),
      covariance: toRows(sigma, p),
      correlation: toRows(sigma, p),
      alpha: latent.alpha,
      alphaSe: latent.alphaSe,
      omega: latent.omega,
    };
  } else {
    const cov = new Float64Array(p * p);
    const trueCov = new Float64Array(p * p);
    const itemVariance = categoryCovariance(1, thresholds, true);
    for (let i = 0; i < p; i++) {
      cov[i * p + i] = itemVariance;
      trueCov[i * p + i] = categoryCovariance(common[i * p + i] as number, thresholds);
      for (let j = 0; j < i; j++) {
        const c = categoryCovariance(common[i * p + j] as number, thresholds);
        cov[i * p + j] = cov[j * p + i] = c;
        trueCov[i * p + j] = trueCov[j * p + i] = c;
      }
    }
    const correlation = cov.map((c) => c / itemVariance);
    observed = {
      categories: thresholds.length + 1,
      thresholds: [...thresholds],
      means: new Array<number>(p).fill(categoryMean(thresholds)),
      covariance: toRows(cov, p),
      correlation: toRows(correlation, p),
      alpha: alphaOf(cov, p),
      alphaSe: null,
      omega: grandSum(trueCov) / grandSum(cov),
    };
  }
  return {
    loadings: Array.from({ length: p }, (_, j) => Array.from(lambda.subarray(j * m, j * m + m))),
    phi: toRows(phi, m),
    communalities,
    uniquenesses: communalities.map((h) => 1 - h),
    latent,
    observed,
  };
}

/** Draws n rows of X* = ΛF + e, F ~ N(0, Φ), e ~ N(0, Ψ), optionally categorised. */
export function drawFactorData(model: Model, n: number, seed: Seed, thresholds: readonly number[] | null): Float64Array[] {
  const { p, m, lambda, phi } = model;
  const chol = Float64Array.from(phi);
  choleskyInPlace(chol, m);
  const sd = new Float64Array(p);
  for (let j = 0; j < p; j++) sd[j] = Math.sqrt(1 - communality(lambda, phi, j, m));
  const rng = randomStream(seed);
  const columns = Array.from({ length: p }, () => new Float64Array(n));
  const z = new Float64Array(m);
  const f = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    // Per row: m factor draws, then p error draws — the documented order that fixes the stream.
    for (let a = 0; a < m; a++) z[a] = rng.normal();
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let b = 0; b <= a; b++) s += (chol[a * m + b] as number) * (z[b] as number);
      f[a] = s;
    }
    for (let j = 0; j < p; j++) {
      let x = (sd[j] as number) * rng.normal();
      for (let a = 0; a < m; a++) x += (lambda[j * m + a] as number) * (f[a] as number);
      (columns[j] as Float64Array)[i] = thresholds === null ? x : categorise(x, thresholds);
    }
  }
  return columns;
}

const FACTOR_OPTIONS = ['loadings', 'phi', 'n', 'seed', 'categories', 'thresholds', 'names', 'shape'] as const;

/**
 * Simulates items from a standardized common-factor model with known population moments.
 *
 * Model: X*ⱼ = λⱼᵀF + eⱼ with F ~ N(0, Φ) and independent eⱼ ~ N(0, ψⱼ), ψⱼ = 1 − λⱼᵀΦλⱼ, so every
 * X*ⱼ has variance 1 and the population correlation matrix is Σ* = ΛΦΛᵀ + Ψ. With `categories`,
 * each item is scored 1 + #{t : X*ⱼ > τₜ} (the same thresholds for every item).
 *
 * The result reports the truth twice, because categorising changes it: `population.latent` holds
 * Σ*, α(Σ*) and ω = 1ᵀΛΦΛᵀ1 / 1ᵀΣ*1 of the continuous responses; `population.observed` holds the
 * means, covariance and correlation of the category scores (from the bivariate normal CDF:
 * cov = Σₛₜ [Φ₂(τₛ, τₜ; ρ) − Φ(τₛ)Φ(τₜ)]), their α and their categorical ω (Green & Yang 2009).
 * For continuous items the two coincide. A consistent sample α of `data` converges to
 * `population.observed.alpha`.
 *
 * Draw order (fixes the stream for a seed): for each row, m standard normals for the factors
 * (multiplied by the Cholesky factor of Φ), then one normal per item for its error.
 *
 * Throws `INVALID_OPTION` for a missing or non-finite seed or n, a ragged or non-numeric loading
 * matrix, a communality ≥ 1, a Φ that is not a symmetric positive-definite correlation matrix,
 * bad categories/thresholds or an unknown option; `DUPLICATE_NAME` for repeated names.
 *
 * References: Green, S. B., & Yang, Y. (2009). Reliability of summed item scores using structural
 * equation modeling: An alternative to coefficient alpha. Psychometrika, 74, 155–167.
 * McDonald, R. P. (1999). Test theory: A unified treatment. Erlbaum.
 *
 * @example
 * ```ts
 * import { simulate } from 'psychkit/testing';
 * const sim = simulate.factorModel({
 *   loadings: [[0.7, 0], [0.6, 0], [0.5, 0], [0, 0.7], [0, 0.6], [0, 0.5]],
 *   phi: [[1, 0.3], [0.3, 1]],
 *   n: 500,
 *   seed: 1,
 * });
 * sim.population.latent.correlation[0][3]; // 0.7 · 0.3 · 0.7 = 0.147
 * ```
 */
export function factorModel<S extends DataShape = 'rows'>(options: FactorModelOptions<S>): FactorModelSample<S> {
  const o = requiredOptions(options, 'simulate.factorModel', FACTOR_OPTIONS);
  const model = checkModel(o['loadings'], o['phi'], false);
  return run(model, o, 'simulate.factorModel') as FactorModelSample<S>;
}

/** Shared by factorModel and congeneric once the model is validated. */
export function run(model: Model, o: Record<string, unknown>, fn: string): FactorModelSample<DataShape> {
  const n = sampleSize(o['n'], fn);
  const seed = requiredSeed(o['seed'], fn);
  const thresholds = resolveThresholds(o['categories'], o['thresholds']);
  const items = nameList(o['names'], 'names', model.p, 'item');
  const shape = dataShape(o['shape']);
  const population = withoutNegativeZero(populationOf(model, thresholds, n));
  const columns = drawFactorData(model, n, seed, thresholds);
  return deepFreeze({
    data: layOut(columns, items, n, shape),
    items,
    n,
    seed: String(seed),
    population,
  });
}
