// simulate.processModel: data from any numbered PROCESS model processModel fits (1–76, 80–92),
// with the population truths of every section processModel reports, labelled as it labels them.
// The equations are processModel's own (its settings and catalog); the effects follow from them
// by the catalog's path algebra (products of path polynomials, their derivatives in the
// moderators); the standard errors from exact moments of polynomials in independent variables.
import { fail } from '../../errors.js';
import { randomStream, type Seed } from '../../random/index.js';
import { deepFreeze } from '../../util/freeze.js';
import { choleskyInPlace, inverseFromCholesky } from '../../linalg/solve.js';
import { oneOf } from '../../util/options.js';
import { CATALOG, indexShape, multiply, type Monomial, type ModeratorRole, type ProbedRole } from '../../mediation/catalog.js';
import { NETWORK, type NetworkModelNumber } from '../../mediation/network.js';
import { mediatorRangeOf, processSettings, PROCESS_MODELS, type ProcessSettings } from '../../mediation/process-options.js';
import { catalogEquations } from '../../mediation/process-data.js';
import { combinations, derivative, rolesOf } from '../../mediation/process-catalog.js';
import type { ModeratorValues } from '../../mediation/catalog-types.js';
import type { ProcessModelNumber } from '../../mediation/process-types.js';
import { dataShape, describe, finiteNumber, requiredOptions, requiredSeed, sampleSize, uniqueNames, type DataShape } from './options.js';
import { layOut, type SimulatedData, withoutNegativeZero } from './output.js';
import {
  bernoulliMoments,
  constantPolynomial,
  degreeOf,
  expectation,
  expectationOfProduct,
  linearCombination,
  multiplyPolynomials,
  normalMoments,
  variablePolynomial,
  type MomentTable,
  type Polynomial,
} from './polynomial.js';

/** How an exogenous variable (X or a moderator) is drawn: standard normal (default), normal with a mean and SD, or 0/1 with p = .5. */
export type ExogenousDistribution = 'normal' | 'binary' | { readonly mean?: number; readonly sd?: number };

/** The column names of {@link processModel}'s variables. */
export interface ProcessSimulationNames {
  /** Default `x`. */
  readonly x?: string;
  /** Default `y`. */
  readonly y?: string;
  /** Default `m1` … `mk`. */
  readonly mediators?: readonly string[];
  /** The moderators' columns, each defaulting to its role's letter; only the model's own roles. */
  readonly w?: string;
  readonly z?: string;
  readonly v?: string;
  readonly q?: string;
}

/** Options of {@link processModel}. */
export interface ProcessSimulationOptions<S extends DataShape = DataShape> {
  /** A PROCESS model `processModel` fits: 1–76 or 80–92. */
  readonly model: number;
  /**
   * How many mediators, within `processModel`'s limits: none for models 1–3, 1–10 in parallel,
   * 2–6 in series (model 6, 83–92), 3–6 (80, 81), 4 (82). Default the fewest the model takes
   * (or the length of `names.mediators`).
   */
  readonly mediators?: number;
  /**
   * The true coefficients of each equation, keyed by its outcome's column (`m1`, …, `y`) and then
   * by the term as `processModel` prints it (`x`, `w`, `x:w`, `m1:w`, `constant` for the
   * intercept). A term left out is 0. `M` stands for every mediator (unless a variable is named
   * `M`): as an equation key it gives every mediator's equation the same coefficients, and as a
   * factor of a term (`M`, `M:w`) it stands for each mediator's term; an equation or term named
   * exactly overrides the `M` form.
   */
  readonly coefficients: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** How X and each moderator are drawn (independently); default each standard normal. */
  readonly distributions?: Readonly<Partial<Record<'x' | ModeratorRole, ExogenousDistribution>>>;
  /** Each equation's error variance (keyed as `coefficients`, `M` for every mediator); default 1. Not for a dichotomous Y. */
  readonly residualVariances?: Readonly<Record<string, number>>;
  /** `'continuous'` (default: Y = linear predictor + normal error) or `'dichotomous'` (Y = 1 with probability logistic(linear predictor)). */
  readonly outcome?: 'continuous' | 'dichotomous';
  /** Number of rows (1 … 10,000,000). */
  readonly n: number;
  readonly seed: Seed;
  readonly names?: ProcessSimulationNames;
  /** `'rows'` (default), `'columns'` or `'matrix'`. */
  readonly shape?: S;
}

/** A true value with the standard deviation of `processModel`'s estimate of it at this n (null where not available). */
export interface SimulatedProcessEffect {
  readonly estimate: number;
  /**
   * The SD of the estimate over samples of this n (see {@link processModel}); null for a
   * logistic Y's coefficients and the effects built on them, and when n ≤ p + 2 for an equation.
   */
  readonly se: number | null;
}

/** One true coefficient, named as `processModel` names its term. */
export interface SimulatedProcessCoefficient extends SimulatedProcessEffect {
  readonly term: string;
}

/** One equation of the population, as `processModel`'s `equations[]`. */
export interface SimulatedProcessEquation {
  /** The outcome's column, as `processModel` names the equation. */
  readonly name: string;
  readonly outcome: string;
  /** `'logistic'` for a dichotomous Y. */
  readonly family: 'linear' | 'logistic';
  /** The error variance (null for a logistic Y). */
  readonly residualVariance: number | null;
  /** `constant`, then the terms in `processModel`'s order. */
  readonly coefficients: readonly SimulatedProcessCoefficient[];
}

/** How an exogenous variable was drawn. */
export interface SimulatedExogenous {
  readonly distribution: 'normal' | 'binary';
  readonly mean: number;
  readonly sd: number;
}

/** The population of {@link processModel}: each section of `processModel`'s result, labelled as it labels its rows; null where the model has no such section. */
export interface ProcessModelPopulation {
  readonly model: ProcessModelNumber;
  /** The moderators' population probe values by role (mean − SD, mean, mean + SD; 0 and 1 for a binary one): pass them to `processModel` as `probes`. Null without moderators. */
  readonly probes: Readonly<Partial<Record<ProbedRole, readonly number[]>>> | null;
  /** How X and each moderator were drawn, by role. */
  readonly exogenous: Readonly<Partial<Record<'x' | ModeratorRole, SimulatedExogenous>>>;
  /** Every equation with its true coefficients: each mediator's, then Y's (as `processModel`'s `equations`). */
  readonly equations: readonly SimulatedProcessEquation[];
  /** c′ when no moderator acts on X → Y. */
  readonly directEffect: SimulatedProcessEffect | null;
  /** c′ at the probe values when moderators act on X → Y. */
  readonly conditionalDirectEffects: readonly (SimulatedProcessEffect & { readonly at: ModeratorValues })[] | null;
  /** Models 1–3: X's effect on Y at the probe values. */
  readonly conditionalEffects: readonly (SimulatedProcessEffect & { readonly at: ModeratorValues })[] | null;
  /** Model 3: the X × W interaction at the probe values of Z. */
  readonly conditionalInteractions: readonly (SimulatedProcessEffect & { readonly at: ModeratorValues })[] | null;
  /** Models with mediators and moderators: every moderated path of every equation at the probe values. */
  readonly conditionalPathEffects: readonly (SimulatedProcessEffect & { readonly equation: string; readonly focal: string; readonly at: ModeratorValues })[] | null;
  /** Indirect effects no moderator acts on, one per mediator (per chain of mediators in models 6 and 80–92). */
  readonly indirectEffects: readonly (SimulatedProcessEffect & { readonly label: string; readonly path: readonly string[] })[] | null;
  /** Their sum, with more than one (label `TOTAL`). */
  readonly totalIndirectEffect: (SimulatedProcessEffect & { readonly label: string; readonly path: readonly string[] }) | null;
  /** Models 4, 6, 80–82 with more than one indirect effect: their pairwise differences (`processModel` reports them with `contrasts: true`). */
  readonly contrasts: readonly (SimulatedProcessEffect & { readonly label: string; readonly first: string; readonly second: string })[] | null;
  /** Models 4, 6, 80–82 with a continuous Y: the total effect c (the population regression of Y on X). */
  readonly totalEffect: SimulatedProcessEffect | null;
  /** Indirect effects through each mediator (chain, in 80–92) at the probe values: the product of the path polynomials along it. */
  readonly conditionalIndirectEffects: readonly (SimulatedProcessEffect & { readonly mediator: string; readonly at: ModeratorValues })[] | null;
  /** With a binary moderator of the indirect effect: its conditional indirect effect at 1 minus that at 0. */
  readonly conditionalIndirectDifferences: readonly (SimulatedProcessEffect & { readonly mediator: string; readonly moderator: ProbedRole; readonly values: readonly [number, number] })[] | null;
  /** Where the indirect effect is linear in one moderator: its coefficient (the derivative in the moderator). */
  readonly indexOfModeratedMediation: readonly (SimulatedProcessEffect & { readonly mediator: string; readonly moderator: ProbedRole })[] | null;
  /** Where it is linear and additive in two moderators: one index per moderator. */
  readonly indexOfPartialModeratedMediation: readonly (SimulatedProcessEffect & { readonly mediator: string; readonly moderator: ProbedRole })[] | null;
  /** Where it is bilinear in two moderators: the coefficient of their product. */
  readonly indexOfModeratedModeratedMediation: readonly (SimulatedProcessEffect & { readonly mediator: string; readonly moderators: readonly [ModeratorRole, ModeratorRole] })[] | null;
  /** With the index of moderated moderated mediation: each moderator's index at the other's probe values. */
  readonly indexOfConditionalModeratedMediation: readonly (SimulatedProcessEffect & { readonly mediator: string; readonly moderator: ModeratorRole; readonly at: ModeratorValues })[] | null;
}

/** The roles' columns, with `processModel`'s option names: spread them into its options. */
export interface ProcessSimulationVariables {
  readonly x: string;
  readonly y: string;
  /** The mediators (empty for models 1–3). */
  readonly m: readonly string[];
  readonly w?: string;
  readonly z?: string;
  readonly v?: string;
  readonly q?: string;
}

/** A sample from {@link processModel}. */
export interface ProcessModelSample<S extends DataShape = 'rows'> {
  /** Columns X, the moderators (w, z, v, q), the mediators, Y. */
  readonly data: SimulatedData<S>;
  readonly variables: ProcessSimulationVariables;
  readonly n: number;
  readonly seed: string;
  readonly population: ProcessModelPopulation;
}

const OPTIONS = ['model', 'mediators', 'coefficients', 'distributions', 'residualVariances', 'outcome', 'n', 'seed', 'names', 'shape'] as const;
const FN = 'simulate.processModel';
const SHORTHAND = 'M';



function plainObject(value: unknown, option: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail('INVALID_OPTION', `${FN}: \`${option}\` must be an object; got ${describe(value)}.`, { option, value });
  }
  return value as Record<string, unknown>;
}

interface Exogenous {
  readonly role: 'x' | ModeratorRole;
  readonly binary: boolean;
  readonly mean: number;
  readonly sd: number;
}

function readDistribution(value: unknown, role: string): Exogenous {
  const option = `distributions.${role}`;
  if (value === undefined || value === 'normal') return { role: role as Exogenous['role'], binary: false, mean: 0, sd: 1 };
  if (value === 'binary') return { role: role as Exogenous['role'], binary: true, mean: 0.5, sd: 0.5 };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail('INVALID_OPTION', `${FN}: \`${option}\` must be 'normal', 'binary' or { mean, sd }; got ${describe(value)}.`, { option, value });
  }
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) if (key !== 'mean' && key !== 'sd') throw fail('INVALID_OPTION', `${FN}: unknown key \`${option}.${key}\` (known: mean, sd).`, { option: `${option}.${key}` });
  const mean = o['mean'] === undefined ? 0 : finiteNumber(o['mean'], `${option}.mean`);
  const sd = o['sd'] === undefined ? 1 : finiteNumber(o['sd'], `${option}.sd`);
  if (!(sd > 0)) throw fail('INVALID_OPTION', `${FN}: \`${option}.sd\` must be positive; got ${sd}.`, { option: `${option}.sd`, value: sd });
  return { role: role as Exogenous['role'], binary: false, mean, sd };
}

interface Equation {
  readonly name: string;
  readonly terms: readonly string[];
  /** Coefficients: constant, then the terms. */
  readonly b: Float64Array;
  readonly residualVariance: number | null;
}

/** Reads `coefficients` (or `residualVariances`) into per-equation values, with the `M` shorthand. */
function readCoefficients(value: unknown, equations: readonly { name: string; terms: readonly string[] }[], mediators: readonly string[], shorthand: boolean): Float64Array[] {
  const given = plainObject(value, 'coefficients');
  const names = equations.map((e) => e.name);
  const out = equations.map((e) => new Float64Array(e.terms.length + 1));
  const mediatorEquations = equations.filter((e) => mediators.includes(e.name));
  const keys = Object.keys(given);
  for (const key of keys) {
    if (!names.includes(key) && !(shorthand && key === SHORTHAND && mediators.length > 0)) {
      throw fail('INVALID_OPTION', `${FN}: \`coefficients.${key}\` names no equation of this model (its equations: ${names.join(', ')}${shorthand && mediators.length > 0 ? `; ${SHORTHAND} for every mediator` : ''}).`, {
        option: `coefficients.${key}`,
      });
    }
  }
  // The shorthand equation first, then each equation named exactly; within one, `M` terms before exact ones.
  const order = [...(shorthand && keys.includes(SHORTHAND) ? [SHORTHAND] : []), ...names.filter((n) => keys.includes(n))];
  for (const key of order) {
    const option = `coefficients.${key}`;
    const terms = plainObject(given[key], option);
    const targets = key === SHORTHAND ? mediatorEquations : equations.filter((e) => e.name === key);
    const entries = Object.entries(terms).sort(([a], [b]) => Number(isTemplate(b, shorthand)) - Number(isTemplate(a, shorthand)));
    for (const [term, raw] of entries) {
      const v = finiteNumber(raw, `${option}.${term}`);
      let matched = 0;
      for (const eq of targets) {
        const expanded = isTemplate(term, shorthand) ? mediators.map((m) => substitute(term, m)) : [term];
        for (const t of expanded) {
          const j = t === 'constant' ? 0 : eq.terms.indexOf(t) + 1;
          if (j === 0 && t !== 'constant') continue;
          (out[equations.indexOf(eq)] as Float64Array)[j] = v;
          matched++;
        }
      }
      if (matched === 0) {
        const allowed = [...new Set(['constant', ...targets.flatMap((e) => e.terms)])];
        const swapped = term.replaceAll('*', ':');
        const hint = swapped !== term && allowed.includes(swapped) ? ` (did you mean \`${swapped}\`? processModel joins a product's factors with ':')` : '';
        throw fail('INVALID_OPTION', `${FN}: \`${option}\` has an unknown term \`${term}\`${hint}; the terms of ${key === SHORTHAND ? 'the mediators\u2019 equations' : `"${key}"`} are ${allowed.join(', ')}.`, {
          option: `${option}.${term}`,
          value: allowed,
        });
      }
    }
  }
  return out;
}

function isTemplate(term: string, shorthand: boolean): boolean {
  return shorthand && term.split(':').includes(SHORTHAND);
}

function substitute(term: string, mediator: string): string {
  return term
    .split(':')
    .map((f) => (f === SHORTHAND ? mediator : f))
    .join(':');
}

/** Error variances per equation (null for a logistic Y). */
function readResidualVariances(value: unknown, equations: readonly { name: string }[], mediators: readonly string[], y: string, dichotomous: boolean, shorthand: boolean): (number | null)[] {
  const out: (number | null)[] = equations.map((e) => (dichotomous && e.name === y ? null : 1));
  if (value === undefined) return out;
  const given = plainObject(value, 'residualVariances');
  const names = equations.map((e) => e.name);
  const read = (key: string) => {
    const v = finiteNumber(given[key], `residualVariances.${key}`);
    if (!(v > 0)) throw fail('INVALID_OPTION', `${FN}: \`residualVariances.${key}\` must be positive; got ${v}.`, { option: `residualVariances.${key}`, value: v });
    return v;
  };
  for (const key of Object.keys(given)) {
    if (!names.includes(key) && !(shorthand && key === SHORTHAND && mediators.length > 0)) {
      throw fail('INVALID_OPTION', `${FN}: \`residualVariances.${key}\` names no equation of this model (its equations: ${names.join(', ')}).`, { option: `residualVariances.${key}` });
    }
    if (key === y && dichotomous) throw fail('INVALID_OPTION', `${FN}: a dichotomous Y has no error variance (\`residualVariances.${y}\`); its errors are logistic.`, { option: `residualVariances.${key}` });
  }
  if (shorthand && given[SHORTHAND] !== undefined) {
    const v = read(SHORTHAND);
    names.forEach((n, i) => mediators.includes(n) && (out[i] = v));
  }
  names.forEach((n, i) => given[n] !== undefined && (out[i] = read(n)));
  return out;
}

/** Estimated coefficient covariance of an equation at n (constant first), or null. */
function coefficientCovariance(regressors: readonly Polynomial[], moments: readonly MomentTable[], sigma2: number, n: number): Float64Array | null {
  const p = regressors.length;
  if (n <= p + 2) return null;
  const mean = regressors.map((r) => expectation(r, moments));
  const C = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      const c = expectationOfProduct(regressors[i] as Polynomial, regressors[j] as Polynomial, moments) - (mean[i] as number) * (mean[j] as number);
      C[i * p + j] = C[j * p + i] = c;
    }
  }
  const L = Float64Array.from(C);
  // The regressors are distinct polynomials in independent variables, so Σ is positive definite
  // unless the scales overflow or underflow doubles.
  if (!C.every(Number.isFinite) || (p > 0 && !choleskyInPlace(L, p))) throw outOfScale();
  const inv = p > 0 ? inverseFromCholesky(L, p) : new Float64Array(0);
  // Slopes: σ²Σ⁻¹/(n − p − 2) (E[S⁻¹] of a Wishart); intercept: σ²(1/n + p/(n(n − p − 2)) + μ′Σ⁻¹μ/(n − p − 2)).
  const k = sigma2 / (n - p - 2);
  const q = p + 1;
  const V = new Float64Array(q * q);
  let quad = 0;
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) {
      V[(i + 1) * q + (j + 1)] = k * (inv[i * p + j] as number);
      s += (inv[i * p + j] as number) * (mean[j] as number);
    }
    V[i + 1] = V[(i + 1) * q] = -k * s;
    quad += (mean[i] as number) * s;
  }
  V[0] = sigma2 * (1 / n + p / (n * (n - p - 2))) + k * quad;
  return V;
}

/** Coefficients of all equations side by side, with each equation's covariance block. */
interface Coefficients {
  readonly theta: Float64Array;
  /** Equation of each coefficient. */
  readonly equationOf: Int32Array;
  readonly offset: readonly number[];
  readonly covariance: readonly (Float64Array | null)[];
}

/** A polynomial in the coefficients at fixed moderator values: Σ weight·Π θ[g] (one coefficient per equation in each product). */
type Evaluated = { weight: number; coefficients: readonly number[] }[];

function evaluate(poly: readonly Monomial<number>[], at: Readonly<Record<string, number>>, sign = 1): Evaluated {
  return poly.map((m) => ({ weight: sign * m.roles.reduce((w, r) => w * (at[r] as number), 1), coefficients: m.coefficients }));
}

/**
 * The value and the SD of its estimate: with the coefficient estimates normal around θ with a
 * block-diagonal covariance (independent across equations) and each product taking at most one
 * coefficient from an equation, E[f̂] = f(θ) and E[f̂²] = ΣₖΣₗ wₖwₗ Π_e E[θ̂ₖₑθ̂ₗₑ] exactly
 * (E[θ̂ᵢθ̂ⱼ] = θᵢθⱼ + Vᵢⱼ within an equation, θᵢ where only one product has it): the delta method
 * plus its second-order terms (as Π(θ² + SE²) − Πθ² for a product of independent estimates).
 */
function effectOf(terms: Evaluated, c: Coefficients): SimulatedProcessEffect {
  const merged = new Map<string, { weight: number; coefficients: readonly number[] }>();
  for (const t of terms) {
    const sorted = [...t.coefficients].sort((a, b) => a - b);
    const key = sorted.join(',');
    const prior = merged.get(key);
    if (prior === undefined) merged.set(key, { weight: t.weight, coefficients: sorted });
    else prior.weight += t.weight;
  }
  const list = [...merged.values()].filter((t) => t.weight !== 0);
  let estimate = 0;
  let available = true;
  const byEquation = list.map((t) => {
    const m = new Map<number, number>();
    let value = t.weight;
    for (const g of t.coefficients) {
      const e = c.equationOf[g] as number;
      if (m.has(e)) throw new Error('internal: a product takes two coefficients of one equation');
      m.set(e, g);
      value *= c.theta[g] as number;
      if (c.covariance[e] === null) available = false;
    }
    estimate += value;
    return { m, value };
  });
  if (!available) return { estimate, se: null };
  let variance = 0;
  for (let a = 0; a < list.length; a++) {
    const A = byEquation[a] as { m: Map<number, number>; value: number };
    const wa = (list[a] as { weight: number }).weight;
    for (let b = 0; b < list.length; b++) {
      const B = byEquation[b] as { m: Map<number, number>; value: number };
      let product = wa * (list[b] as { weight: number }).weight;
      for (const [e, ga] of A.m) {
        const gb = B.m.get(e);
        const ta = c.theta[ga] as number;
        if (gb === undefined) product *= ta;
        else {
          const V = c.covariance[e] as Float64Array;
          const o = c.offset[e] as number;
          const q = Math.round(Math.sqrt(V.length));
          product *= ta * (c.theta[gb] as number) + (V[(ga - o) * q + (gb - o)] as number);
        }
      }
      for (const [e, gb] of B.m) if (!A.m.has(e)) product *= c.theta[gb] as number;
      variance += product - A.value * B.value;
    }
  }
  return { estimate, se: Math.sqrt(Math.max(0, variance)) };
}

/**
 * Simulates data from a numbered PROCESS model with known truth: every equation's coefficients
 * and every conditional effect, indirect effect and index `processModel` reports for the model,
 * each with the standard deviation of its estimate at this n, labelled as `processModel` labels
 * its rows so that truth and estimate join on those fields.
 *
 * The model's equations are `processModel`'s own (its catalog of models 1–76 and the networks
 * 80–92, for the number of mediators asked): each mediator Mⱼ = b₀ + Σ bₜ·termₜ + eⱼ with
 * eⱼ ~ N(0, σⱼ²), then Y likewise (or, with `outcome: 'dichotomous'`, Y ~ Bernoulli(logistic(b₀ +
 * Σ bₜ·termₜ)), fitted by `processModel` as PROCESS does, by logistic regression). A term is a
 * product of columns (`x:w`, `m1:w:z`) as `processModel` forms it from the raw (uncentred)
 * variables. X and the moderators are independent: standard normal, N(mean, sd²), or 0/1 with
 * p = .5 (`distributions`).
 *
 * The truths are at the population probe values (mean − SD, mean, mean + SD of a continuous
 * moderator; 0 and 1 of a binary one; of X in model 74), `population.probes`: to compare like with
 * like, fit with `probes: sim.population.probes` and the default `center: 'none'`. A conditional
 * effect is the path polynomial at those values, an indirect effect the product of the path
 * polynomials along its chain, an index a derivative of that product in the moderators — the same
 * algebra (`indexShape`, `multiply`) that decides which sections `processModel` reports.
 *
 * Standard errors: each regressor is a polynomial in independent normal (or 0/1) variables — a
 * mediator is a polynomial in X, the moderators and its error — so the regressors' means and
 * covariance Σ follow exactly from the moments of those variables; a coefficient's SD is then
 * σ²Σ⁻¹/(n − p − 2) for the slopes (the mean of an inverse Wishart: exact for normal regressors,
 * as `simulate.regression`; otherwise to first order) and σ²(1/n + p/(n(n − p − 2)) +
 * μ′Σ⁻¹μ/(n − p − 2)) for the constant. The estimates of different equations are uncorrelated, so
 * an effect's SD follows from the coefficients' covariance by the delta method with its
 * second-order terms, as `simulate.mediation`'s Π(θ² + SE²) − Πθ² (accurate to second order: the
 * estimates are uncorrelated but not independent, since one equation's regressors are another's
 * outcomes; over 400 samples per model the spread was 0.93–1.10 of it). A logistic Y's coefficients, and everything built on
 * them, have `se: null` (the logistic information matrix has no closed form here); so does an
 * equation with n ≤ p + 2.
 *
 * Draw order per row: X, then the model's moderators in the order w, z, v, q (a normal each, or a
 * uniform for a binary one), then one normal per mediator's error in order, then Y's normal error
 * (or, for a dichotomous Y, one uniform).
 *
 * Throws `UNKNOWN_MODEL` for a model `processModel` does not fit; `INVALID_OPTION` for a number
 * of mediators outside `processModel`'s limits, an equation or term the model does not have
 * (listing the ones it has), a non-finite coefficient, a bad distribution or error variance,
 * coefficients so large that a simulated value is not finite, or a missing seed or n;
 * `DUPLICATE_NAME` for repeated column names.
 *
 * Reference: Hayes, A. F. (2022). *Introduction to mediation, moderation, and conditional process
 * analysis* (3rd ed.). Guilford. (Models, paths, conditional effects and indices.)
 *
 * @example
 * ```ts
 * import { simulate } from 'psychkit/testing';
 * const sim = simulate.processModel({
 *   model: 7,
 *   coefficients: { m1: { x: 0.4, w: 0.1, 'x:w': 0.3 }, y: { m1: 0.5, x: 0.1 } },
 *   n: 500,
 *   seed: 1,
 * });
 * sim.population.probes; // { w: [-1, 0, 1] }
 * sim.population.indexOfModeratedMediation; // [{ mediator: 'm1', moderator: 'w', estimate: 0.15, se: 0.0260… }]
 * ```
 */
export function processModel<S extends DataShape = 'rows'>(options: ProcessSimulationOptions<S>): ProcessModelSample<S> {
  const o = requiredOptions(options, FN, OPTIONS);
  const modelValue = o['model'];
  if (modelValue === undefined) throw fail('INVALID_OPTION', `${FN}: \`model\` (a PROCESS model number) is required.`, { option: 'model' });
  if (typeof modelValue !== 'number' || !Number.isFinite(modelValue)) {
    throw fail('INVALID_OPTION', `${FN}: \`model\` must be a PROCESS model number; got ${describe(modelValue)}.`, { option: 'model', value: modelValue });
  }
  if (!PROCESS_MODELS.includes(modelValue as ProcessModelNumber)) {
    throw fail('UNKNOWN_MODEL', `${FN}: processModel has no model ${modelValue} (it fits ${PROCESS_MODELS[0]}–76 and 80–92).`, { option: 'model', value: modelValue });
  }
  const model = modelValue as ProcessModelNumber;
  const [minM, maxM] = mediatorRangeOf(model); // processModel's own limits
  const nameOption = o['names'] === undefined ? {} : plainObject(o['names'], 'names');
  for (const key of Object.keys(nameOption)) {
    if (!['x', 'y', 'mediators', 'w', 'z', 'v', 'q'].includes(key)) throw fail('INVALID_OPTION', `${FN}: unknown key \`names.${key}\` (known: x, y, mediators, w, z, v, q).`, { option: `names.${key}` });
  }
  const givenNames = nameOption['mediators'];
  if (givenNames !== undefined && !Array.isArray(givenNames)) throw fail('INVALID_OPTION', `${FN}: \`names.mediators\` must be a list of names; got ${describe(givenNames)}.`, { option: 'names.mediators', value: givenNames });
  const k = o['mediators'] === undefined ? ((givenNames as unknown[] | undefined)?.length ?? minM) : mediatorCount(o['mediators']);
  if (k < minM || k > maxM) {
    const range = maxM === 0 ? 'no mediator' : minM === maxM ? `${minM} mediators` : `${minM} … ${maxM} mediators`;
    throw fail('INVALID_OPTION', `${FN}: model ${model} takes ${range}, as processModel does; got ${k}.`, { option: 'mediators', value: k });
  }
  const mediators = (givenNames as unknown[] | undefined) ?? Array.from({ length: k }, (_, i) => `m${i + 1}`);
  if (mediators.length !== k) throw fail('INVALID_OPTION', `${FN}: \`names.mediators\` must list ${k} names; got ${mediators.length}.`, { option: 'names.mediators', value: mediators.length });
  const entry = CATALOG.get(model);
  const moderatorRoles: readonly ModeratorRole[] = entry?.moderators ?? (NETWORK.get(model as NetworkModelNumber)?.moderators as readonly ModeratorRole[]);
  for (const role of ['w', 'z', 'v', 'q'] as const) {
    if (nameOption[role] !== undefined && !moderatorRoles.includes(role)) {
      throw fail('INVALID_OPTION', `${FN}: \`names.${role}\` names no variable of model ${model} (its moderators: ${moderatorRoles.join(', ') || 'none'}).`, { option: `names.${role}` });
    }
  }
  const all = uniqueNames([nameOption['x'] ?? 'x', ...moderatorRoles.map((r) => nameOption[r] ?? r), ...mediators, nameOption['y'] ?? 'y'], 'names');
  const x = all[0] as string;
  const y = all[all.length - 1] as string;
  const moderatorNames = all.slice(1, 1 + moderatorRoles.length);
  for (const name of all) {
    if (name.includes(':') || name === 'constant') {
      throw fail('INVALID_OPTION', `${FN}: a column cannot be named "${name}" (processModel names products with ':' and the intercept 'constant').`, { option: 'names', value: name });
    }
  }
  const columnsOrder = all;
  const m = all.slice(1 + moderatorRoles.length, -1);
  const moderators = Object.fromEntries(moderatorRoles.map((r, i) => [r, moderatorNames[i] as string])) as Partial<Record<ModeratorRole, string>>;
  const outcome = oneOf<'continuous' | 'dichotomous'>('outcome', o['outcome'], ['continuous', 'dichotomous'], 'continuous');
  const dichotomous = outcome === 'dichotomous';
  const n = sampleSize(o['n'], FN);
  const seed = requiredSeed(o['seed'], FN);
  const shape = dataShape(o['shape']) as S;
  const distOption = o['distributions'] === undefined ? {} : plainObject(o['distributions'], 'distributions');
  const roles: ('x' | ModeratorRole)[] = ['x', ...moderatorRoles];
  for (const key of Object.keys(distOption)) {
    if (!roles.includes(key as 'x')) throw fail('INVALID_OPTION', `${FN}: \`distributions.${key}\` names no variable of model ${model} (its exogenous variables: ${roles.join(', ')}).`, { option: `distributions.${key}` });
  }
  const exogenous = roles.map((r) => readDistribution(distOption[r], r));

  // processModel's own settings and equations for these columns.
  const mediated = k > 0;
  const s: ProcessSettings = processSettings({ model, x, y, m, ...moderators, ...(mediated ? { resamples: 0 } : {}) });
  const shapes = catalogEquations(s).map((e) => ({ name: e.name, terms: e.terms }));
  const shorthand = !all.includes(SHORTHAND);
  const values = readCoefficients(o['coefficients'], shapes, m, shorthand);
  const residual = readResidualVariances(o['residualVariances'], shapes, m, y, dichotomous, shorthand);
  const equations: Equation[] = shapes.map((e, i) => ({ ...e, b: values[i] as Float64Array, residualVariance: residual[i] as number | null }));

  // Polynomials over the independent variables: X, the moderators, each mediator's error, Y's error.
  const nv = roles.length + k + 1;
  const column = new Map<string, Polynomial>();
  roles.forEach((r, i) => column.set(r === 'x' ? x : (moderators[r] as string), variablePolynomial(nv, i)));
  const regressorsOf = (eq: Equation) =>
    eq.terms.map((t) =>
      t
        .split(':')
        .reduce<Polynomial>((p, f) => multiplyPolynomials(p, column.get(f) as Polynomial), constantPolynomial(nv, 1)),
    );
  const regressors: Polynomial[][] = [];
  equations.forEach((eq, e) => {
    const r = regressorsOf(eq);
    regressors.push(r);
    const outcomePoly = linearCombination([
      [eq.b[0] as number, constantPolynomial(nv, 1)],
      ...r.map((p, j): [number, Polynomial] => [eq.b[j + 1] as number, p]),
      [1, variablePolynomial(nv, roles.length + e)],
    ]);
    column.set(eq.name, outcomePoly);
  });
  let maxDegree = 1;
  for (const r of regressors) for (const p of r) maxDegree = Math.max(maxDegree, degreeOf(p));
  maxDegree = Math.max(maxDegree, degreeOf(column.get(y) as Polynomial));
  const K = 2 * maxDegree + 2;
  const moments: MomentTable[] = [
    ...exogenous.map((d) => (d.binary ? bernoulliMoments(0.5, K) : normalMoments(d.mean, d.sd, K))),
    ...equations.map((eq) => normalMoments(0, Math.sqrt(eq.residualVariance ?? 0), K)),
  ];

  const offset: number[] = [];
  let total = 0;
  for (const eq of equations) {
    offset.push(total);
    total += eq.b.length;
  }
  const theta = new Float64Array(total);
  const equationOf = new Int32Array(total);
  equations.forEach((eq, e) => {
    theta.set(eq.b, offset[e] as number);
    equationOf.fill(e, offset[e] as number, (offset[e] as number) + eq.b.length);
  });
  const covariance = equations.map((eq, e) => (eq.residualVariance === null ? null : coefficientCovariance(regressors[e] as Polynomial[], moments, eq.residualVariance, n)));
  const coefficients: Coefficients = { theta, equationOf, offset, covariance };
  const populationEquations: SimulatedProcessEquation[] = equations.map((eq, e) => {
    const V = covariance[e] as Float64Array | null;
    const q = eq.b.length;
    return {
      name: eq.name,
      outcome: eq.name,
      family: eq.residualVariance === null ? 'logistic' : 'linear',
      residualVariance: eq.residualVariance,
      coefficients: ['constant', ...eq.terms].map((term, j) => ({ term, estimate: eq.b[j] as number, se: V === null ? null : Math.sqrt(Math.max(0, V[j * q + j] as number)) })),
    };
  });

  // Probe values: mean ± SD of a continuous moderator, 0 and 1 of a binary one (of X in model 74).
  const probed: readonly ProbedRole[] = s.probed;
  const probeMap = new Map<string, readonly number[]>(
    probed.map((role) => {
      const d = exogenous.find((ex) => ex.role === role) as Exogenous;
      return [role, d.binary ? [0, 1] : [d.mean - d.sd, d.mean, d.mean + d.sd]];
    }),
  );
  const columnRole = new Map<string, string>(probed.map((role) => [role === 'x' ? x : (moderators[role] as string), role]));
  const sections = effects(s, equations, offset, columnRole, probeMap, coefficients, exogenous, dichotomous, column, moments, n);

  // Draw the data: row by row, in the order documented above.
  const rng = randomStream(seed);
  const index = new Map(columnsOrder.map((name, i) => [name, i]));
  const compiled = equations.map((eq) => ({ at: index.get(eq.name) as number, terms: eq.terms.map((t) => Int32Array.from(t.split(':'), (f) => index.get(f) as number)), sd: Math.sqrt(eq.residualVariance ?? 0), logistic: eq.residualVariance === null, b: eq.b }));
  const exogenousAt = exogenous.map((d) => index.get(d.role === 'x' ? x : (moderators[d.role] as string)) as number);
  const cols = columnsOrder.map(() => new Float64Array(n));
  const row = new Float64Array(columnsOrder.length);
  // Plain loops: no closure per row.
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < exogenous.length; i++) {
      const d = exogenous[i] as Exogenous;
      const v = d.binary ? (rng.next() < 0.5 ? 1 : 0) : d.mean + d.sd * rng.normal();
      row[exogenousAt[i] as number] = v;
      (cols[exogenousAt[i] as number] as Float64Array)[r] = v;
    }
    for (const eq of compiled) {
      let eta = eq.b[0] as number;
      for (let j = 0; j < eq.terms.length; j++) {
        const bj = eq.b[j + 1] as number;
        if (bj === 0) continue;
        const factors = eq.terms[j] as Int32Array;
        let v = bj;
        for (let f = 0; f < factors.length; f++) v *= row[factors[f] as number] as number;
        eta += v;
      }
      const v = eq.logistic ? (rng.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0) : eta + eq.sd * rng.normal();
      if (!Number.isFinite(v)) throw tooLarge();
      row[eq.at] = v;
      (cols[eq.at] as Float64Array)[r] = v;
    }
  }

  const population = withoutNegativeZero({
    model,
    probes: probeMap.size === 0 ? null : Object.fromEntries(probeMap),
    exogenous: Object.fromEntries(exogenous.map((d) => [d.role, { distribution: d.binary ? 'binary' : 'normal', mean: d.mean, sd: d.sd }])),
    equations: populationEquations,
    ...sections,
  }) as ProcessModelPopulation;
  assertFinite(population);
  const variables: ProcessSimulationVariables = { x, y, m: [...m], ...moderators };
  return deepFreeze({ data: layOut(cols, columnsOrder, n, shape), variables, n, seed: String(seed), population }) as unknown as ProcessModelSample<S>;
}

function mediatorCount(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw fail('INVALID_OPTION', `${FN}: \`mediators\` must be a whole number of mediators; got ${describe(value)}.`, { option: 'mediators', value });
  }
  return value;
}

function tooLarge() {
  return fail('INVALID_OPTION', `${FN}: the coefficients (or the distributions' means and SDs) are too large: a simulated value or a population moment is not finite.`, { option: 'coefficients' });
}

function outOfScale() {
  return fail(
    'INVALID_OPTION',
    `${FN}: the coefficients or the distributions' means and SDs are too large or too small for doubles: the regressors' population covariance matrix is not finite and positive definite.`,
    { option: 'distributions' },
  );
}

function assertFinite(value: unknown): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw tooLarge();
  } else if (Array.isArray(value)) value.forEach(assertFinite);
  else if (typeof value === 'object' && value !== null) Object.values(value).forEach(assertFinite);
}

type Sections = Omit<ProcessModelPopulation, 'model' | 'probes' | 'exogenous' | 'equations'>;

/** Every section processModel reports for the model, from the equations' path polynomials. */
function effects(
  s: ProcessSettings,
  equations: readonly Equation[],
  offset: readonly number[],
  columnRole: ReadonlyMap<string, string>,
  probeMap: ReadonlyMap<string, readonly number[]>,
  c: Coefficients,
  exogenous: readonly Exogenous[],
  dichotomous: boolean,
  column: ReadonlyMap<string, Polynomial>,
  moments: readonly MomentTable[],
  n: number,
): Sections {
  const { x, y, m } = s;
  const eqIndex = (name: string) => equations.findIndex((e) => e.name === name);
  const binary = new Set(exogenous.filter((d) => d.binary).map((d) => d.role as string));
  /** The path of `focal` in an equation: its terms' coefficients times their other factors (roles); null if one of those is not a probed variable. */
  const pathOf = (equation: string, focal: string): Monomial<number>[] | null => {
    const e = eqIndex(equation);
    const eq = equations[e] as Equation;
    const poly: Monomial<number>[] = [];
    for (const [j, term] of eq.terms.entries()) {
      const parts = term.split(':');
      const at = parts.indexOf(focal);
      if (at < 0) continue;
      const rest = parts.filter((_, i) => i !== at);
      if (!rest.every((p) => columnRole.has(p))) return null;
      poly.push({ coefficients: [(offset[e] as number) + j + 1], roles: rest.map((p) => columnRole.get(p) as string).sort() });
    }
    return poly;
  };
  const at = (poly: readonly Monomial<number>[], values: Readonly<Record<string, number>>) => effectOf(evaluate(poly, values), c);
  const tested = (poly: readonly Monomial<number>[], roles: readonly string[]) => combinations(roles, probeMap).map((combo) => ({ at: combo, ...at(poly, combo) }));
  const out: { -readonly [K in keyof Sections]: Sections[K] } = {
    directEffect: null,
    conditionalDirectEffects: null,
    conditionalEffects: null,
    conditionalInteractions: null,
    conditionalPathEffects: null,
    indirectEffects: null,
    totalIndirectEffect: null,
    contrasts: null,
    totalEffect: null,
    conditionalIndirectEffects: null,
    conditionalIndirectDifferences: null,
    indexOfModeratedMediation: null,
    indexOfPartialModeratedMediation: null,
    indexOfModeratedModeratedMediation: null,
    indexOfConditionalModeratedMediation: null,
  };
  const direct = pathOf(y, x);
  if (m.length === 0) {
    // Models 1–3: X's effect on Y at the probe values, and model 3's X × W interaction across Z.
    const poly = direct as Monomial<number>[];
    const roles = rolesOf(poly);
    out.conditionalEffects = tested(poly, roles);
    if (poly.some((mono) => mono.roles.length === 2)) {
      const [r1, r2] = roles as [string, string];
      out.conditionalInteractions = tested(derivative(poly, r1), [r2]);
    }
    return out;
  }
  // c′ (none when X also moderates M → Y, model 74: c′ then depends on M).
  if (direct !== null) {
    const roles = rolesOf(direct);
    if (roles.length === 0) out.directEffect = at(direct, {});
    else out.conditionalDirectEffects = tested(direct, roles);
  }
  // Every chain of mediators from X to Y, ordered as processModel lists them.
  const k = m.length;
  const has = (from: string, to: string) => (equations[eqIndex(to)] as Equation).terms.includes(from);
  const chains: number[][] = [];
  const grow = (chain: number[]) => {
    const end = m[chain[chain.length - 1] as number] as string;
    if (has(end, y)) chains.push(chain);
    for (let j = 0; j < k; j++) if (!chain.includes(j) && has(end, m[j] as string)) grow([...chain, j]);
  };
  for (let j = 0; j < k; j++) if (has(x, m[j] as string)) grow([j]);
  chains.sort((p, q) => (p[0] as number) - (q[0] as number) || p.length - q.length || lexical(p, q));
  const labelOf = (chain: readonly number[]) => {
    const names = chain.map((i) => m[i] as string);
    if (s.serial) return [x, ...names, y].join(' -> ');
    return s.network !== null ? names.join(' -> ') : (names[0] as string);
  };
  const plain: { label: string; path: string[]; poly: Monomial<number>[] }[] = [];
  const conditional: NonNullable<Sections['conditionalIndirectEffects']>[number][] = [];
  const differences: NonNullable<Sections['conditionalIndirectDifferences']>[number][] = [];
  const moderated: NonNullable<Sections['indexOfModeratedMediation']>[number][] = [];
  const partial: NonNullable<Sections['indexOfPartialModeratedMediation']>[number][] = [];
  const mm: NonNullable<Sections['indexOfModeratedModeratedMediation']>[number][] = [];
  const cm: NonNullable<Sections['indexOfConditionalModeratedMediation']>[number][] = [];
  for (const chain of chains) {
    const nodes = [x, ...chain.map((i) => m[i] as string), y];
    let poly: Monomial<number>[] = [{ coefficients: [], roles: [] }];
    for (let i = 0; i + 1 < nodes.length; i++) poly = multiply(poly, pathOf(nodes[i + 1] as string, nodes[i] as string) as Monomial<number>[]);
    const label = labelOf(chain);
    const involved = rolesOf(poly);
    if (involved.length === 0) {
      plain.push({ label, path: nodes, poly });
      continue;
    }
    for (const combo of combinations(involved, probeMap)) conditional.push({ mediator: label, at: combo, ...at(poly, combo) });
    const only = involved[0] as ProbedRole;
    if (involved.length === 1 && binary.has(only)) {
      differences.push({ mediator: label, moderator: only, values: [0, 1], ...effectOf([...evaluate(poly, { [only]: 1 }), ...evaluate(poly, { [only]: 0 }, -1)], c) });
    }
    const shape = indexShape(poly);
    if (shape.kind === 'moderated' || shape.kind === 'partial') {
      const list = shape.kind === 'moderated' ? moderated : partial;
      for (const role of involved) list.push({ mediator: label, moderator: role as ProbedRole, ...at(derivative(poly, role), {}) });
    } else if (shape.kind === 'moderatedModerated') {
      const [r1, r2] = involved as [ModeratorRole, ModeratorRole];
      mm.push({ mediator: label, moderators: [r1, r2], ...at(derivative(derivative(poly, r1), r2), {}) });
      for (const [r, other] of [
        [r1, r2],
        [r2, r1],
      ] as const) {
        for (const v of probeMap.get(other) as readonly number[]) cm.push({ mediator: label, moderator: r, at: { [other]: v }, ...at(derivative(poly, r), { [other]: v }) });
      }
    }
  }
  const allPlain = plain.length === chains.length;
  if (plain.length > 0) out.indirectEffects = plain.map((p) => ({ label: p.label, path: p.path, ...at(p.poly, {}) }));
  if (allPlain && plain.length > 1) out.totalIndirectEffect = { label: 'TOTAL', path: [], ...at(plain.flatMap((p) => p.poly), {}) };
  const unmoderated = s.probed.length === 0;
  if (unmoderated && plain.length > 1) {
    const contrasts: NonNullable<Sections['contrasts']>[number][] = [];
    for (let i = 0; i < plain.length; i++) {
      for (let j = i + 1; j < plain.length; j++) {
        const [a, b] = [plain[i], plain[j]] as [(typeof plain)[number], (typeof plain)[number]];
        contrasts.push({ label: `${a.label} minus ${b.label}`, first: a.label, second: b.label, ...effectOf([...evaluate(a.poly, {}), ...evaluate(b.poly, {}, -1)], c) });
      }
    }
    out.contrasts = contrasts;
  }
  if (unmoderated && !dichotomous) out.totalEffect = totalEffect(x, y, column, moments, n);
  if (conditional.length > 0) out.conditionalIndirectEffects = conditional;
  if (differences.length > 0) out.conditionalIndirectDifferences = differences;
  if (moderated.length > 0) out.indexOfModeratedMediation = moderated;
  if (partial.length > 0) out.indexOfPartialModeratedMediation = partial;
  if (mm.length > 0) {
    out.indexOfModeratedModeratedMediation = mm;
    out.indexOfConditionalModeratedMediation = cm;
  }
  if (!unmoderated) {
    // Every moderated path of every equation (processModel's conditionalPathEffects).
    const rows: NonNullable<Sections['conditionalPathEffects']>[number][] = [];
    for (const eq of equations) {
      for (const focal of [x, ...m]) {
        if (!eq.terms.includes(focal)) continue;
        const poly = pathOf(eq.name, focal);
        if (poly === null) continue;
        const roles = rolesOf(poly);
        if (roles.length === 0) continue;
        for (const combo of combinations(roles, probeMap)) rows.push({ equation: eq.name, focal, at: combo, ...at(poly, combo) });
      }
    }
    out.conditionalPathEffects = rows;
  }
  return out;
}

function lexical(p: readonly number[], q: readonly number[]): number {
  for (let i = 0; i < Math.min(p.length, q.length); i++) if (p[i] !== q[i]) return (p[i] as number) - (q[i] as number);
  return p.length - q.length;
}

/**
 * The total effect c of an unmoderated model: the population regression of Y on X,
 * Cov(X, Y)/Var(X), with SD √(Var(u)/(Var(X)(n − 3))), u = Y − cX (normal and independent of X
 * in these linear models, so exact for a normal X).
 */
function totalEffect(x: string, y: string, column: ReadonlyMap<string, Polynomial>, moments: readonly MomentTable[], n: number): SimulatedProcessEffect {
  const X = column.get(x) as Polynomial;
  const Y = column.get(y) as Polynomial;
  const mx = expectation(X, moments);
  const my = expectation(Y, moments);
  const vx = expectationOfProduct(X, X, moments) - mx * mx;
  const vy = expectationOfProduct(Y, Y, moments) - my * my;
  const cxy = expectationOfProduct(X, Y, moments) - mx * my;
  const estimate = cxy / vx;
  return { estimate, se: n > 3 ? Math.sqrt(Math.max(0, vy - estimate * cxy) / (vx * (n - 3))) : null };
}
