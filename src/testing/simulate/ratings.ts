import { fail } from '../../errors.js';
import { randomStream } from '../../random/index.js';
import { deepFreeze } from '../../util/freeze.js';
import { layOutTable, type SimulatedTable } from './latent.js';
import { dataShape, finiteNumber, nameList, requiredOptions, requiredSeed, sampleSize, type DataShape } from './options.js';
import { withoutNegativeZero } from './output.js';

/** Options of {@link ratings}. */
export interface RatingsSimulationOptions<S extends DataShape = DataShape> {
  /** Subjects (rows), at least 2. */
  readonly n: number;
  /** Raters (columns), 2 … 100. */
  readonly raters: number;
  /** SD of the subjects' true scores σs (1e-100 … 1e100, as the other SDs). Default 1. */
  readonly subjectSd?: number;
  /** SD of the raters' biases σr (drawn once per sample). Default 0: raters agree on average. */
  readonly raterSd?: number;
  /** SD of the error σe. Default 1. */
  readonly errorSd?: number;
  /** The grand mean μ. Default 0. */
  readonly mean?: number;
  readonly seed: number | string;
  /** Rater names. Default `rater1` … `raterk`. */
  readonly names?: readonly string[];
  readonly shape?: S;
}

/** One ICC form's population value, with the SD of its estimate at this n where a closed form exists. */
export interface SimulatedIcc {
  /** `'ICC1'` … `'ICC3k'`, as `icc` names its rows. */
  readonly type: 'ICC1' | 'ICC2' | 'ICC3' | 'ICC1k' | 'ICC2k' | 'ICC3k';
  readonly estimate: number;
  /**
   * Asymptotic SD of the estimate over samples of this n (Fisher's variance of an intraclass
   * correlation), for the forms whose model holds for the simulated data: the consistency forms
   * always, the one-way forms when `raterSd` is 0; otherwise `null`.
   */
  readonly se: number | null;
}

/** The population of {@link ratings}. */
export interface RatingsPopulation {
  readonly subjectVariance: number;
  readonly raterVariance: number;
  readonly errorVariance: number;
  /** The six Shrout–Fleiss forms in `icc`'s order. */
  readonly icc: readonly SimulatedIcc[];
}

/** What {@link ratings} returns. */
export interface RatingsSample<S extends DataShape = 'rows'> {
  readonly data: SimulatedTable<S>;
  readonly raters: readonly string[];
  readonly n: number;
  readonly seed: string;
  readonly population: RatingsPopulation;
}

const OPTIONS = ['n', 'raters', 'subjectSd', 'raterSd', 'errorSd', 'mean', 'seed', 'names', 'shape'] as const;

function sd(o: Record<string, unknown>, option: string, fallback: number, fn: string): number {
  if (o[option] === undefined) return fallback;
  const v = finiteNumber(o[option], option);
  // Squared, an SD outside [1e-100, 1e100] would underflow to 0 or overflow to ∞.
  if (!(v === 0 || (v >= 1e-100 && v <= 1e100))) throw fail('INVALID_OPTION', `${fn}: \`${option}\` must be 0 or from 1e-100 to 1e100; got ${v}.`, { option, value: v });
  return v;
}

/**
 * Simulates ratings with known intraclass correlations: n subjects each rated by the same k
 * raters, xᵢⱼ = μ + sᵢ + rⱼ + eᵢⱼ with sᵢ ~ N(0, σs²), rⱼ ~ N(0, σr²) (drawn once per sample) and
 * eᵢⱼ ~ N(0, σe²), from `randomStream(seed)` (subjects, then raters, then errors row by row).
 *
 * Population values (McGraw & Wong 1996; Shrout & Fleiss 1979), in `icc`'s order:
 * ICC1 = ICC2 = σs²/(σs² + σr² + σe²) (absolute agreement), ICC3 = σs²/(σs² + σe²) (consistency),
 * and the k-rater averages ICC1k = ICC2k = σs²/(σs² + (σr² + σe²)/k), ICC3k = σs²/(σs² + σe²/k).
 * With them come Fisher's asymptotic SDs of the estimates, Var(ρ̂) = 2(1 − ρ)²(1 + (k − 1)ρ)² /
 * (k(k − 1)(n − 1)), and for an average ρₖ by the delta method SD(ρ̂ₖ) = SD(ρ̂)·k/(1 + (k − 1)ρ)²,
 * where the form's model holds (see {@link SimulatedIcc}).
 *
 * Reference: Fisher, R. A. (1925). *Statistical methods for research workers*, §39; McGraw, K. O.
 * & Wong, S. P. (1996). Forming inferences about some intraclass correlation coefficients.
 * *Psychological Methods, 1*, 30–46.
 *
 * @example
 * ```ts
 * import { simulate } from 'psychkit/testing';
 * const sim = simulate.ratings({ n: 200, raters: 4, subjectSd: 1, errorSd: 0.5, seed: 1 });
 * sim.population.icc[2]; // { type: 'ICC3', estimate: 0.8, se: 0.0172… }
 * ```
 */
export function ratings<S extends DataShape = 'rows'>(options: RatingsSimulationOptions<S>): RatingsSample<S> {
  const fn = 'simulate.ratings';
  const o = requiredOptions(options, fn, OPTIONS);
  const seed = requiredSeed(o['seed'], fn);
  const n = sampleSize(o['n'], fn);
  if (n < 2) throw fail('INVALID_OPTION', `${fn}: \`n\` must be at least 2 subjects; got ${n}.`, { option: 'n', value: n });
  const k = o['raters'];
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 2 || k > 100) throw fail('INVALID_OPTION', `${fn}: \`raters\` must be a whole number from 2 to 100.`, { option: 'raters', value: k });
  const ss = sd(o, 'subjectSd', 1, fn);
  const sr = sd(o, 'raterSd', 0, fn);
  const se = sd(o, 'errorSd', 1, fn);
  if (!(ss > 0) || !(se > 0)) throw fail('INVALID_OPTION', `${fn}: \`subjectSd\` and \`errorSd\` must be positive (an ICC needs both variances).`, { option: ss > 0 ? 'errorSd' : 'subjectSd' });
  const mu = o['mean'] === undefined ? 0 : finiteNumber(o['mean'], 'mean');
  const names = nameList(o['names'], 'names', k, 'rater');
  const rng = randomStream(seed);
  const subject = new Float64Array(n);
  for (let i = 0; i < n; i++) subject[i] = ss * rng.normal();
  const bias = new Float64Array(k);
  for (let j = 0; j < k; j++) bias[j] = sr * rng.normal();
  const columns = Array.from({ length: k }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) (columns[j] as Float64Array)[i] = mu + (subject[i] as number) + (bias[j] as number) + se * rng.normal();

  const vs = ss * ss;
  const vr = sr * sr;
  const ve = se * se;
  const agreement = vs / (vs + vr + ve);
  const consistency = vs / (vs + ve);
  const fisher = (rho: number) => Math.sqrt((2 * (1 - rho) ** 2 * (1 + (k - 1) * rho) ** 2) / (k * (k - 1) * (n - 1)));
  const average = (rho: number) => (k * rho) / (1 + (k - 1) * rho);
  const averageSe = (rho: number, s: number | null) => (s === null ? null : (s * k) / (1 + (k - 1) * rho) ** 2);
  const oneWaySe = vr === 0 ? fisher(agreement) : null;
  const consistencySe = fisher(consistency);
  const icc: SimulatedIcc[] = [
    { type: 'ICC1', estimate: agreement, se: oneWaySe },
    { type: 'ICC2', estimate: agreement, se: oneWaySe },
    { type: 'ICC3', estimate: consistency, se: consistencySe },
    { type: 'ICC1k', estimate: average(agreement), se: averageSe(agreement, oneWaySe) },
    { type: 'ICC2k', estimate: average(agreement), se: averageSe(agreement, oneWaySe) },
    { type: 'ICC3k', estimate: average(consistency), se: averageSe(consistency, consistencySe) },
  ];
  const data = layOutTable(columns, names, n, dataShape(o['shape']) as S);
  const rest = deepFreeze({
    raters: names,
    n,
    seed: String(seed),
    population: withoutNegativeZero({ subjectVariance: vs, raterVariance: vr, errorVariance: ve, icc }),
  });
  return Object.freeze({ data, ...rest }) as RatingsSample<S>;
}
