import { fail } from '../../errors.js';
import { choleskyInPlace, choleskySolveInPlace } from '../../linalg/solve.js';
import { deepFreeze } from '../../util/freeze.js';
import { drawNormal, layOutTable, type SimulatedTable } from './latent.js';
import { dataShape, finiteNumber, numberArray, numberMatrix, requiredOptions, requiredSeed, sampleSize, uniqueNames, type DataShape } from './options.js';
import { toRows, withoutNegativeZero } from './output.js';

/** Options of {@link regression}. */
export interface RegressionSimulationOptions<S extends DataShape = DataShape> {
  /** The slopes b₁ … b_p, one per predictor. */
  readonly coefficients: readonly number[];
  /** b₀. Default 0. */
  readonly intercept?: number;
  /** The predictors' covariance Σx (p × p, positive definite). Default the identity. Predictor means are 0. */
  readonly predictorCovariance?: readonly (readonly number[])[];
  /** The residual SD σ. Default 1. */
  readonly residualSd?: number;
  /** Rows (at least p + 3, so that every standard error exists). */
  readonly n: number;
  readonly seed: number | string;
  /** Predictor names (default `x1` … `xp`) and the outcome's (default `y`) last: p + 1 names. */
  readonly names?: readonly string[];
  readonly shape?: S;
}

/** One true coefficient with the standard deviation of its OLS estimate at this n. */
export interface SimulatedCoefficient {
  /** `'constant'` or the predictor's name, as `ols` names its terms. */
  readonly term: string;
  readonly estimate: number;
  /** SD of the OLS estimate over samples of this n with normal predictors (exact, not asymptotic). */
  readonly se: number;
}

/** The population of {@link regression}. */
export interface RegressionPopulation {
  readonly coefficients: readonly SimulatedCoefficient[];
  readonly residualSd: number;
  /** b′Σx b / (b′Σx b + σ²). */
  readonly rSquared: number;
  /** The joint covariance of the predictors and y (order: `variables`). */
  readonly covariance: readonly (readonly number[])[];
  readonly variables: readonly string[];
}

/** What {@link regression} returns. */
export interface RegressionSample<S extends DataShape = 'rows'> {
  readonly data: SimulatedTable<S>;
  readonly variables: { readonly x: readonly string[]; readonly y: string };
  readonly n: number;
  readonly seed: string;
  readonly population: RegressionPopulation;
}

const OPTIONS = ['coefficients', 'intercept', 'predictorCovariance', 'residualSd', 'n', 'seed', 'names', 'shape'] as const;

/**
 * Simulates a linear regression with known truth: predictors x ~ N(0, Σx), y = b₀ + b′x + e with
 * e ~ N(0, σ²), drawn as one multivariate normal (the joint covariance has Σxy = Σx b and
 * Var(y) = b′Σx b + σ²) from `randomStream(seed)`.
 *
 * With the truth come the standard deviations of `ols`'s estimates over samples of this size —
 * exact for normal predictors, since E[(X_c′X_c)⁻¹] = Σx⁻¹/(n − p − 2):
 * SD(b̂ⱼ) = σ·√([Σx⁻¹]ⱼⱼ/(n − p − 2)) and SD(b̂₀) = σ·√((1 + p/(n − p − 2))/n) — so a recovery test
 * can set its tolerance as k·SE instead of by trial.
 *
 * Reference: Anderson, T. W. (2003). *An introduction to multivariate statistical analysis* (3rd
 * ed.), the mean of the inverse Wishart distribution (§7.2).
 *
 * @example
 * ```ts
 * import { simulate } from 'psychkit/testing';
 * const sim = simulate.regression({ coefficients: [0.4, -0.2], n: 500, seed: 3 });
 * sim.population.coefficients[1]; // { term: 'x1', estimate: 0.4, se: 0.0449… }
 * ```
 */
export function regression<S extends DataShape = 'rows'>(options: RegressionSimulationOptions<S>): RegressionSample<S> {
  const fn = 'simulate.regression';
  const o = requiredOptions(options, fn, OPTIONS);
  const seed = requiredSeed(o['seed'], fn);
  const b = numberArray(o['coefficients'], 'coefficients', undefined, 1);
  const p = b.length;
  const n = sampleSize(o['n'], fn);
  if (n < p + 3) throw fail('INVALID_OPTION', `${fn}: \`n\` must be at least p + 3 = ${p + 3} for every coefficient's standard error to exist; got ${n}.`, { option: 'n', value: n });
  const b0 = o['intercept'] === undefined ? 0 : finiteNumber(o['intercept'], 'intercept');
  const sigma = o['residualSd'] === undefined ? 1 : finiteNumber(o['residualSd'], 'residualSd');
  if (!(sigma > 0)) throw fail('INVALID_OPTION', `${fn}: \`residualSd\` must be positive; got ${sigma}.`, { option: 'residualSd', value: sigma });
  const sx = new Float64Array(p * p);
  if (o['predictorCovariance'] === undefined) for (let j = 0; j < p; j++) sx[j * p + j] = 1;
  else {
    const m = numberMatrix(o['predictorCovariance'], 'predictorCovariance', p, p);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        const v = (m[i] as number[])[j] as number;
        if (Math.abs(v - ((m[j] as number[])[i] as number)) > 1e-12 * Math.max(1, Math.abs(v))) {
          throw fail('INVALID_OPTION', `${fn}: \`predictorCovariance\` must be symmetric ([${i}][${j}] ≠ [${j}][${i}]).`, { option: 'predictorCovariance' });
        }
        sx[i * p + j] = v;
      }
    }
  }
  const chol = Float64Array.from(sx);
  if (!choleskyInPlace(chol, p)) throw fail('INVALID_OPTION', `${fn}: \`predictorCovariance\` must be positive definite.`, { option: 'predictorCovariance' });
  const defaults = [...Array.from({ length: p }, (_, j) => `x${j + 1}`), 'y'];
  if (o['names'] !== undefined && !Array.isArray(o['names'])) throw fail('INVALID_OPTION', `${fn}: \`names\` must be a list of p + 1 names.`, { option: 'names', value: o['names'] });
  const names = o['names'] === undefined ? defaults : uniqueNames(o['names'] as unknown[], 'names');
  if (names.length !== p + 1) throw fail('INVALID_OPTION', `${fn}: \`names\` must give p + 1 = ${p + 1} names (the predictors, then y); got ${names.length}.`, { option: 'names' });
  // Joint covariance of (x, y): Σxy = Σx b, Var(y) = b′Σx b + σ².
  const q = p + 1;
  const joint = new Float64Array(q * q);
  const sxb = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += (sx[i * p + j] as number) * (b[j] as number);
    sxb[i] = s;
  }
  let explained = 0;
  for (let i = 0; i < p; i++) explained += (b[i] as number) * (sxb[i] as number);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) joint[i * q + j] = sx[i * p + j] as number;
    joint[i * q + p] = joint[p * q + i] = sxb[i] as number;
  }
  joint[p * q + p] = explained + sigma * sigma;
  const means = new Float64Array(q);
  means[p] = b0;
  const { columns } = drawNormal(joint, means, n, seed, 0);
  // [Σx⁻¹]ⱼⱼ from the Cholesky factor, one unit vector at a time.
  const inverseDiagonal = Array.from({ length: p }, (_, j) => {
    const e = new Float64Array(p);
    e[j] = 1;
    choleskySolveInPlace(chol, p, e);
    return e[j] as number;
  });
  const coefficients: SimulatedCoefficient[] = [
    { term: 'constant', estimate: b0, se: sigma * Math.sqrt((1 + p / (n - p - 2)) / n) },
    ...b.map((estimate, j) => ({ term: names[j] as string, estimate, se: sigma * Math.sqrt((inverseDiagonal[j] as number) / (n - p - 2)) })),
  ];
  const data = layOutTable(columns, names, n, dataShape(o['shape']) as S);
  const rest = deepFreeze({
    variables: { x: names.slice(0, p), y: names[p] as string },
    n,
    seed: String(seed),
    population: withoutNegativeZero({ coefficients, residualSd: sigma, rSquared: explained / (explained + sigma * sigma), covariance: toRows(joint, q), variables: [...names] }),
  });
  return Object.freeze({ data, ...rest }) as RegressionSample<S>;
}
