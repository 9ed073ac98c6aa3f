import type { Seed } from '../../random/index.js';
import { CATEGORY_AND_SHAPE_OPTIONS, checkModel, run, type LatentPopulation, type ObservedPopulation } from './factor-model.js';
import type { NonNormalPopulation } from './nonnormal.js';
import { numberArray, requiredOptions, type DataShape } from './options.js';
import type { SimulatedData } from './output.js';

/** Options of {@link congeneric}. */
export interface CongenericOptions<S extends DataShape = DataShape> {
  /** Standardized loadings λⱼ, one per item (at least 2), each strictly between −1 and 1. */
  readonly loadings: readonly number[];
  /** Number of rows to simulate (1 … 10,000,000). */
  readonly n: number;
  /** Seed for `randomStream`: the same seed gives the same data on every runtime. */
  readonly seed: Seed;
  /** Cut every item into K ordered categories scored 1 … K. Default: continuous. */
  readonly categories?: number;
  /**
   * Ascending cut points on the latent z scale: one list for every item (K − 1), or one per item.
   * Default Φ⁻¹(c/K): equally likely categories. Excludes `categoryProbabilities`.
   */
  readonly thresholds?: readonly number[] | readonly (readonly number[])[];
  /**
   * Marginal category proportions (each > 0, summing to 1): one list for every item or one per
   * item, for skewed items; thresholds τ_c = Φ⁻¹(p₁ + … + p_c). Excludes `thresholds`.
   */
  readonly categoryProbabilities?: readonly number[] | readonly (readonly number[])[];
  /** Skewness γ₁ of the factor (Fleishman's power method). Default 0. */
  readonly factorSkewness?: number;
  /** Excess kurtosis γ₂ of the factor. Default 0. */
  readonly factorKurtosis?: number;
  /** Skewness of the errors: one number for all or one per item. Default 0. */
  readonly errorSkewness?: number | readonly number[];
  /** Excess kurtosis of the errors: one number for all or one per item. Default 0. */
  readonly errorKurtosis?: number | readonly number[];
  /** Item names. Default `item1` … `itemk`. */
  readonly names?: readonly string[];
  /** `'rows'` (default), `'columns'` or `'matrix'`. */
  readonly shape?: S;
}

/** The one-factor model the data were drawn from and its population moments. */
export interface CongenericPopulation {
  readonly loadings: readonly number[];
  /** ψⱼ = 1 − λⱼ². */
  readonly uniquenesses: readonly number[];
  /**
   * Continuous latent responses: correlation λλᵀ + Ψ,
   * ω = (Σλ)² / ((Σλ)² + Σψ) and α = k/(k − 1) · ((Σλ)² − Σλ²) / ((Σλ)² + Σψ).
   */
  readonly latent: LatentPopulation;
  /** The items as they appear in `data` (equal to `latent` unless categorised). */
  readonly observed: ObservedPopulation;
  /** Shapes of the factor and errors when any is non-normal (see `factorModel`); null when all are normal. */
  readonly nonNormal: NonNormalPopulation | null;
}

/** A sample from {@link congeneric}. */
export interface CongenericSample<S extends DataShape = 'rows'> {
  readonly data: SimulatedData<S>;
  readonly items: readonly string[];
  readonly n: number;
  readonly seed: string;
  readonly population: CongenericPopulation;
}

const CONGENERIC_OPTIONS = ['loadings', 'n', 'seed', ...CATEGORY_AND_SHAPE_OPTIONS, 'names', 'shape'] as const;

/**
 * Simulates k items from a congeneric (one-factor) model with known population reliability.
 *
 * Model: X*ⱼ = λⱼF + eⱼ, F ~ N(0, 1), eⱼ ~ N(0, ψⱼ), ψⱼ = 1 − λⱼ² (standardized items). The
 * population covariance is Σ = λλᵀ + Ψ, so 1ᵀΣ1 = (Σλ)² + Σψ and tr Σ = k, which gives
 *
 * - ω = (Σλ)² / ((Σλ)² + Σψ) — the reliability of the unit-weighted sum score (McDonald 1999);
 * - α = k/(k − 1) · (1 − k / 1ᵀΣ1) = k/(k − 1) · ((Σλ)² − Σλ²) / ((Σλ)² + Σψ).
 *
 * α = ω exactly when all loadings are equal (τ-equivalence) and α < ω otherwise. A negative
 * loading is allowed (a reverse-keyed item left unreversed) and lowers both, as it would in data.
 * With `categories`, `population.observed` gives the moments of the category scores — α of their
 * population covariance matrix and Green & Yang's (2009) categorical ω — which are lower than
 * the latent values; see {@link factorModel} (this is its one-factor case, with the same draws).
 * `thresholds` and `categoryProbabilities` take one list per item for items with different
 * (e.g. skewed) marginals. `factorSkewness`/`factorKurtosis` and `errorSkewness`/`errorKurtosis`
 * make the factor and errors Fleishman (1978) polynomials of normals: Σ, α and ω stay exact,
 * `alphaSe` becomes null and `population.nonNormal` gives each item's skewness
 * λⱼ³γ₁(F) + ψⱼ^{3/2}γ₁(eⱼ) and excess kurtosis λⱼ⁴γ₂(F) + ψⱼ²γ₂(eⱼ).
 *
 * Throws `INVALID_OPTION` for fewer than 2 loadings, |λ| ≥ 1, non-finite values, a missing seed or n,
 * bad categories/thresholds/categoryProbabilities, a skewness/kurtosis pair outside Fleishman's
 * region, categorised non-normal responses, or an unknown option.
 *
 * Reference: Fleishman, A. I. (1978). A method for simulating non-normal distributions.
 * Psychometrika, 43, 521–532.
 *
 * @example
 * ```ts
 * import { simulate } from 'psychkit/testing';
 * const sim = simulate.congeneric({ loadings: [0.8, 0.7, 0.6, 0.5], n: 300, seed: 42 });
 * sim.population.latent.omega; // (2.6)² / ((2.6)² + 2.26) = 0.7494…
 * sim.population.latent.alpha; // 0.7421…
 * const skewed = simulate.congeneric({ loadings: [0.8, 0.7, 0.6], factorSkewness: 1, factorKurtosis: 1.5, n: 300, seed: 42 });
 * skewed.population.nonNormal?.items?.skewness; // [0.512, 0.343, 0.216]
 * ```
 */
export function congeneric<S extends DataShape = 'rows'>(options: CongenericOptions<S>): CongenericSample<S> {
  const o = requiredOptions(options, 'simulate.congeneric', CONGENERIC_OPTIONS);
  const loadings = numberArray(o['loadings'], 'loadings');
  const model = checkModel(
    loadings.map((v) => [v]),
    undefined,
    true,
  );
  const sample = run(model, o, 'simulate.congeneric');
  const { latent, observed, uniquenesses, nonNormal } = sample.population;
  return Object.freeze({
    ...sample,
    population: Object.freeze({
      loadings: Object.freeze(sample.population.loadings.map((row) => row[0] as number)),
      uniquenesses,
      latent,
      observed,
      nonNormal,
    }),
  }) as CongenericSample<S>;
}
