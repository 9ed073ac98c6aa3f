import { fail } from '../../errors.js';
import { choleskyInPlace, mirrorTriangle, multiplyInto, tcrossprodInto } from '../../linalg/index.js';
import { randomStream, type Seed } from '../../random/index.js';
import { deepFreeze } from '../../util/freeze.js';
import { categorise, categoryCovariance, categoryMean, categoryProportions, resolveItemThresholds } from './categories.js';
import { fleishman, nonNormalPopulation, resolveNonNormal, type NonNormalPopulation, type NonNormalSpec } from './nonnormal.js';
import { dataShape, nameList, numberMatrix, requiredSeed, sampleSize, requiredOptions, type DataShape } from './options.js';
import { omegaSeOf, splitHalfTruth, type SplitHalfTruth } from './reliability-truths.js';
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
  /**
   * Ascending cut points on the latent z scale: one list for every item (K − 1 of them), or one list
   * per item (items may differ in their number of categories). Default Φ⁻¹(c/K): equally likely
   * categories. Excludes `categoryProbabilities`.
   */
  readonly thresholds?: readonly number[] | readonly (readonly number[])[];
  /**
   * The items' marginal category proportions p₁ … p_K (each > 0, summing to 1 within 1e-9): one
   * list for every item or one per item — the natural way to ask for skewed items (floor or ceiling
   * effects). The thresholds are τ_c = Φ⁻¹(p₁ + … + p_c). Excludes `thresholds`.
   */
  readonly categoryProbabilities?: readonly number[] | readonly (readonly number[])[];
  /**
   * Skewness γ₁ of the factors: one number for all or one per factor. Default 0. Factors become
   * Fleishman polynomials of normals (Vale & Maurelli 1983) that keep the correlations Φ exactly.
   */
  readonly factorSkewness?: number | readonly number[];
  /** Excess kurtosis γ₂ of the factors (0 = normal): one number for all or one per factor. Default 0. */
  readonly factorKurtosis?: number | readonly number[];
  /** Skewness of the errors eⱼ: one number for all or one per item. Default 0. */
  readonly errorSkewness?: number | readonly number[];
  /** Excess kurtosis of the errors eⱼ: one number for all or one per item. Default 0. */
  readonly errorKurtosis?: number | readonly number[];
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
   * (van Zyl, Neudecker & Nel 2000; the ASE psych::alpha reports, at the population Σ). `null`
   * with non-normal factors or errors: the normal-theory formula does not hold for them.
   */
  readonly alphaSe: number | null;
  /** ω (total) of the unit-weighted sum of X*: 1ᵀΛΦΛᵀ1 / 1ᵀΣ*1. */
  readonly omega: number;
}

/** Population moments of the items exactly as they appear in `data`. */
export interface ObservedPopulation {
  /** Number of categories Kⱼ of each item, or null for continuous items. */
  readonly categories: readonly number[] | null;
  /** Thresholds of each item (latent z scale), or null for continuous items. */
  readonly thresholds: readonly (readonly number[])[] | null;
  /** Population proportions of each item's categories, Φ(τ_c) − Φ(τ_{c−1}), or null for continuous items. */
  readonly categoryProbabilities: readonly (readonly number[])[] | null;
  /** E[item]: 0 for continuous items, 1 + Σₜ Φ(−τₜ) for category scores. */
  readonly means: readonly number[];
  /** Population covariance matrix of the items as observed. */
  readonly covariance: readonly (readonly number[])[];
  /** Population (Pearson) correlation matrix of the items as observed. */
  readonly correlation: readonly (readonly number[])[];
  /** Cronbach's α of `covariance`: what a sample α of `data` converges to as n grows. */
  readonly alpha: number;
  /** As `latent.alphaSe` for continuous normal items; `null` for categorised ones (the normal-theory formula does not hold there). */
  readonly alphaSe: number | null;
  /**
   * Reliability of the observed sum score: var(E[sum | factors]) / var(sum). For continuous items
   * this is ω of the latent model; for categorised items it is Green & Yang's (2009) categorical ω.
   */
  readonly omega: number;
  /**
   * The SD of `omega(data, { factors: 1 })`'s ω_t over samples of the simulated n, asymptotically
   * (the delta method through minres's loadings and the normal-theory covariance of the
   * correlations; see `simulate.congeneric`). Null for categorised items, for more than one
   * factor, fewer than 3 items, or loadings that are not all positive (omega would reverse items
   * and estimate a different sum).
   */
  readonly omegaSe: number | null;
  /** What `splitHalf` (default options) converges to: its statistics on the population correlation matrix. */
  readonly splitHalf: SplitHalfTruth;
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
  /**
   * The shapes of the factors and errors when any is non-normal (`factorSkewness`, …): skewness,
   * excess kurtosis and Fleishman coefficients of each, and the factors' intermediate correlation
   * matrix; null when every latent variable is normal.
   */
  readonly nonNormal: NonNormalPopulation | null;
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

/**
 * Population moments of a validated model (see {@link FactorModelPopulation}); `thresholds` holds
 * one list per item, or null for continuous items.
 */
export function populationOf(model: Model, thresholds: readonly (readonly number[])[] | null, n: number, nonNormal: NonNormalSpec | null = null): FactorModelPopulation {
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
    alphaSe: nonNormal === null ? alphaSeOf(sigma, p, n) : null,
    omega: grandSum(common) / grandSum(sigma),
  };
  let observed: ObservedPopulation;
  if (thresholds === null) {
    observed = {
      categories: null,
      thresholds: null,
      categoryProbabilities: null,
      means: new Array<number>(p).fill(0),
      covariance: toRows(sigma, p),
      correlation: toRows(sigma, p),
      alpha: latent.alpha,
      alphaSe: latent.alphaSe,
      omega: latent.omega,
      // The lead's reliability truths (reliability-truths.ts): normal-theory, one factor only.
      omegaSe: m === 1 && nonNormal === null ? omegaSeOf(Array.from(lambda), n) : null,
      splitHalf: splitHalfTruth(sigma, p),
    };
  } else {
    const cov = new Float64Array(p * p);
    const trueCov = new Float64Array(p * p);
    const variances = thresholds.map((t) => categoryCovariance(1, t, t, true));
    for (let i = 0; i < p; i++) {
      const ti = thresholds[i] as readonly number[];
      cov[i * p + i] = variances[i] as number;
      trueCov[i * p + i] = categoryCovariance(common[i * p + i] as number, ti, ti);
      for (let j = 0; j < i; j++) {
        const c = categoryCovariance(common[i * p + j] as number, ti, thresholds[j] as readonly number[]);
        cov[i * p + j] = cov[j * p + i] = c;
        trueCov[i * p + j] = trueCov[j * p + i] = c;
      }
    }
    const correlation = cov.map((c, k) => {
      const vi = variances[Math.floor(k / p)] as number;
      const vj = variances[k % p] as number;
      return vi === vj ? c / vi : c / Math.sqrt(vi * vj);
    });
    observed = {
      categories: thresholds.map((t) => t.length + 1),
      thresholds: thresholds.map((t) => [...t]),
      categoryProbabilities: thresholds.map(categoryProportions),
      means: thresholds.map(categoryMean),
      covariance: toRows(cov, p),
      correlation: toRows(correlation, p),
      alpha: alphaOf(cov, p),
      alphaSe: null,
      omega: grandSum(trueCov) / grandSum(cov),
      omegaSe: null,
      splitHalf: splitHalfTruth(correlation, p),
    };
  }
  return {
    loadings: Array.from({ length: p }, (_, j) => Array.from(lambda.subarray(j * m, j * m + m))),
    phi: toRows(phi, m),
    communalities,
    uniquenesses: communalities.map((h) => 1 - h),
    latent,
    observed,
    nonNormal: nonNormal === null ? null : nonNormalPopulation(nonNormal, lambda, phi, communalities.map((h) => 1 - h), m),
  };
}

/**
 * Draws n rows of X* = ΛF + e, F ~ N(0, Φ), e ~ N(0, Ψ), optionally categorised (one threshold
 * list per item). With `nonNormal`, the factors are Fleishman polynomials of normals correlated by
 * the intermediate matrix, and the errors √ψⱼ times Fleishman polynomials of their normals; the
 * same normals are drawn in the same order as for normal data.
 */
export function drawFactorData(model: Model, n: number, seed: Seed, thresholds: readonly (readonly number[])[] | null, nonNormal: NonNormalSpec | null = null): Float64Array[] {
  const { p, m, lambda, phi } = model;
  const factorShapes = nonNormal?.factors ?? null;
  const errorShapes = nonNormal?.errors ?? null;
  let chol = nonNormal?.intermediateCholesky ?? null;
  if (chol === null) {
    chol = Float64Array.from(phi);
    choleskyInPlace(chol, m);
  }
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
      f[a] = factorShapes === null ? s : fleishman(factorShapes[a]!, s);
    }
    for (let j = 0; j < p; j++) {
      let x = (sd[j] as number) * (errorShapes === null ? rng.normal() : fleishman(errorShapes[j]!, rng.normal()));
      for (let a = 0; a < m; a++) x += (lambda[j * m + a] as number) * (f[a] as number);
      (columns[j] as Float64Array)[i] = thresholds === null ? x : categorise(x, thresholds[j] as readonly number[]);
    }
  }
  return columns;
}

/** The options {@link run} reads (besides the model's), shared by every factor-model simulator. */
export const CATEGORY_AND_SHAPE_OPTIONS = ['categories', 'thresholds', 'categoryProbabilities', 'factorSkewness', 'factorKurtosis', 'errorSkewness', 'errorKurtosis'] as const;

const FACTOR_OPTIONS = ['loadings', 'phi', 'n', 'seed', ...CATEGORY_AND_SHAPE_OPTIONS, 'names', 'shape'] as const;

/**
 * Simulates items from a standardized common-factor model with known population moments.
 *
 * Model: X*ⱼ = λⱼᵀF + eⱼ with F ~ N(0, Φ) and independent eⱼ ~ N(0, ψⱼ), ψⱼ = 1 − λⱼᵀΦλⱼ, so every
 * X*ⱼ has variance 1 and the population correlation matrix is Σ* = ΛΦΛᵀ + Ψ. With `categories`,
 * `thresholds` or `categoryProbabilities`, item j is scored 1 + #{t : X*ⱼ > τⱼₜ}: the same
 * thresholds for every item, or one list per item (skewed items, items with different numbers of
 * categories); `categoryProbabilities` gives the marginal proportions and τⱼ_c = Φ⁻¹(pⱼ₁ + … + pⱼ_c).
 *
 * The result reports the truth twice, because categorising changes it: `population.latent` holds
 * Σ*, α(Σ*) and ω = 1ᵀΛΦΛᵀ1 / 1ᵀΣ*1 of the continuous responses; `population.observed` holds the
 * means, covariance and correlation of the category scores (from the bivariate normal CDF:
 * cov(Yᵢ, Yⱼ) = Σₛₜ [Φ₂(τᵢₛ, τⱼₜ; ρᵢⱼ) − Φ(τᵢₛ)Φ(τⱼₜ)]), their α and their categorical ω (Green &
 * Yang 2009). For continuous items the two coincide. A consistent sample α of `data` converges to
 * `population.observed.alpha`.
 *
 * Non-normal latent variables: with `factorSkewness`/`factorKurtosis` each factor is a Fleishman
 * (1978) polynomial a + bZ + cZ² + dZ³ of a standard normal (coefficients by Newton's method, to
 * 1e-12), and the normals are correlated by Vale and Maurelli's (1983) intermediate correlations so
 * that the factors correlate exactly Φ; `errorSkewness`/`errorKurtosis` shape the (independent)
 * errors likewise. Σ*, α and ω are unchanged and exact; `alphaSe` is null (the normal-theory
 * standard error does not hold); `population.nonNormal` reports the shapes and coefficients. A
 * (skewness, excess kurtosis) pair outside Fleishman's region — excess kurtosis below the floor
 * for that skewness, −1.1513 at skewness 0, 0.4249 at 1, 5.1516 at 2 — is an `INVALID_OPTION`.
 * Categorised non-normal responses are refused (`INVALID_OPTION`): their observed moments are no
 * longer bivariate-normal sums and have no exact form.
 *
 * Draw order (fixes the stream for a seed): for each row, m standard normals for the factors
 * (multiplied by the Cholesky factor of Φ), then one normal per item for its error. Non-normal
 * options draw the same normals in the same order (the Cholesky factor is that of the intermediate
 * matrix, and each value then goes through its polynomial), so normal data are unchanged by them.
 *
 * Throws `INVALID_OPTION` for a missing or non-finite seed or n, a ragged or non-numeric loading
 * matrix, a communality ≥ 1, a Φ that is not a symmetric positive-definite correlation matrix,
 * bad categories/thresholds/categoryProbabilities or two of them that disagree, an infeasible
 * skewness/kurtosis pair, a factor correlation the shapes cannot reach, or an unknown option;
 * `NOT_POSITIVE_DEFINITE` when the intermediate correlation matrix is not positive definite;
 * `DUPLICATE_NAME` for repeated names.
 *
 * References: Fleishman, A. I. (1978). A method for simulating non-normal distributions.
 * Psychometrika, 43, 521–532. Green, S. B., & Yang, Y. (2009). Reliability of summed item scores
 * using structural equation modeling: An alternative to coefficient alpha. Psychometrika, 74,
 * 155–167. McDonald, R. P. (1999). Test theory: A unified treatment. Erlbaum. Vale, C. D., &
 * Maurelli, V. A. (1983). Simulating multivariate nonnormal distributions. Psychometrika, 48,
 * 465–471.
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
 * // Skewed factors, floor effects on the items:
 * const skewed = simulate.factorModel({
 *   loadings: [[0.7, 0], [0.6, 0], [0, 0.7], [0, 0.6]],
 *   phi: [[1, 0.3], [0.3, 1]],
 *   factorSkewness: 1,
 *   factorKurtosis: 2,
 *   n: 500,
 *   seed: 1,
 * });
 * skewed.population.nonNormal?.factors.coefficients[0]; // { a: −0.147, b: 0.905, c: 0.147, d: 0.024 }
 * const likert = simulate.factorModel({ loadings: [[0.7], [0.6], [0.5]], categoryProbabilities: [0.5, 0.3, 0.15, 0.05], n: 500, seed: 1 });
 * likert.population.observed.means; // 1.75 each
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
  const thresholds = resolveItemThresholds(o['categories'], o['thresholds'], o['categoryProbabilities'], model.p);
  const nonNormal = resolveNonNormal(o, model.phi, model.m, model.p);
  if (nonNormal !== null && thresholds !== null) {
    const categorised = ['categories', 'thresholds', 'categoryProbabilities'].find((k) => o[k] !== undefined) as string;
    const nonZero = (v: unknown) => v !== undefined && v !== 0 && !(Array.isArray(v) && v.every((x) => x === 0));
    const shaped = ['factorSkewness', 'factorKurtosis', 'errorSkewness', 'errorKurtosis'].find((k) => nonZero(o[k])) as string;
    throw fail(
      'INVALID_OPTION',
      `\`${categorised}\` cannot be combined with \`${shaped}\`: the population moments of categorised non-normal responses have no exact form (they are not given by the bivariate normal). Categorise normal responses, or keep non-normal ones continuous.`,
      { option: shaped, conflictsWith: categorised },
    );
  }
  const items = nameList(o['names'], 'names', model.p, 'item');
  const shape = dataShape(o['shape']);
  const population = withoutNegativeZero(populationOf(model, thresholds, n, nonNormal));
  const columns = drawFactorData(model, n, seed, thresholds, nonNormal);
  return deepFreeze({
    data: layOut(columns, items, n, shape),
    items,
    n,
    seed: String(seed),
    population,
  });
}
