import { fail } from '../../errors.js';
import { randomStream, type Seed } from '../../random/index.js';
import { deepFreeze } from '../../util/freeze.js';
import { choleskyInPlace, choleskySolveInPlace } from '../../linalg/solve.js';
import { oneOf } from '../../util/options.js';
import {
  dataShape,
  describe,
  finiteNumber,
  numberArray,
  numberMatrix,
  requiredSeed,
  sampleSize,
  requiredOptions,
  uniqueNames,
  type DataShape,
} from './options.js';
import { layOut, toRows, type SimulatedData, withoutNegativeZero } from './output.js';

/** The PROCESS models {@link mediation} can simulate. */
export type SimulatedMediationModel = 4 | 6;

/** Path coefficients in PROCESS's notation (Hayes 2022). */
export interface MediationPaths {
  /** aᵢ: X → Mᵢ, one per mediator. */
  readonly a: readonly number[];
  /** bᵢ: Mᵢ → Y, one per mediator. */
  readonly b: readonly number[];
  /** Model 6 only: k × k, `d[i][j]` is the path Mⱼ → Mᵢ (PROCESS's d₍ᵢ₊₁₎₍ⱼ₊₁₎); strictly lower triangular. */
  readonly d?: readonly (readonly number[])[];
  /** c′: the direct effect X → Y. */
  readonly direct: number;
}

/** A standard normal covariate and its effects; every effect defaults to 0. */
export interface SimulatedCovariate {
  /** Column name. Default `c1`, `c2`, … */
  readonly name?: string;
  /** Effect on X (a confounder when it also affects Y). */
  readonly x?: number;
  /** Effect on every mediator (a number) or on each mediator (one per mediator). */
  readonly mediators?: number | readonly number[];
  /** Effect on Y. */
  readonly y?: number;
}

/** Options of {@link mediation}. */
export interface MediationOptions<S extends DataShape = DataShape> {
  /** PROCESS model: 4 (k parallel mediators) or 6 (k ≥ 2 serial mediators). */
  readonly model: SimulatedMediationModel;
  readonly paths: MediationPaths;
  /** Covariates entered in every equation, as PROCESS does by default. */
  readonly covariates?: readonly SimulatedCovariate[];
  /** Number of rows (1 … 10,000,000). */
  readonly n: number;
  /** Seed for `randomStream`. */
  readonly seed: Seed;
  /**
   * `'unit'` (default): every error term (and each covariate) has variance 1, so variances follow from
   * the paths. `'standardized'`: error variances are set to 1 − R² so that X, every mediator and Y
   * have variance 1 and the paths are standardized coefficients (R² ≥ 1 is an error).
   */
  readonly residuals?: 'unit' | 'standardized';
  /** Column names. Defaults `x`, `m1` … `mk`, `y`. */
  readonly names?: { readonly x?: string; readonly mediators?: readonly string[]; readonly y?: string };
  /** `'rows'` (default), `'columns'` or `'matrix'`. */
  readonly shape?: S;
}

/** One specific indirect effect. */
export interface SimulatedIndirectEffect {
  /** Variable names along the path, from X to Y. */
  readonly path: readonly string[];
  /**
   * The label `processModel` gives the same effect in `indirectEffects`, so truths and estimates
   * join on it: the mediator's name in model 4 (`'m1'`), the path in model 6 (`'x -> m1 -> m2 -> y'`).
   */
  readonly label: string;
  /** Product of the path coefficients along the path. */
  readonly effect: number;
  /**
   * SD of its estimate (the product of the OLS estimates along the path) at this n: the exact
   * variance of a product of independent estimates, Π(θ² + SE²) − Πθ², with each SE from
   * `population.standardErrors`. `null` when n is too small for an equation's SEs (n ≤ p + 2).
   */
  readonly se: number | null;
}

/** SDs of the OLS estimates of the paths at the simulated n (exact for jointly normal variables). */
export interface MediationStandardErrors {
  readonly a: readonly number[];
  readonly b: readonly number[];
  /** Model 6: SE of d[i][j] (j < i; 0 elsewhere). */
  readonly d: readonly (readonly number[])[] | null;
  readonly direct: number;
}

/** The population the data were drawn from. */
export interface MediationPopulation {
  readonly model: SimulatedMediationModel;
  readonly paths: MediationPaths;
  /** c′. */
  readonly direct: number;
  /**
   * Every specific indirect effect: model 4, aᵢbᵢ per mediator; model 6, one per ordered subset of
   * mediators (2ᵏ − 1), grouped by first mediator, e.g. x→m1→y, x→m1→m2→y, x→m2→y.
   */
  readonly indirect: readonly SimulatedIndirectEffect[];
  /** Sum of the specific indirect effects. */
  readonly totalIndirect: number;
  /** c = c′ + total indirect: the coefficient of X when Y is regressed on X and the covariates. */
  readonly total: number;
  /** Row/column names of `covariance`: x, mediators, y, covariates (the data's column order). */
  readonly variables: readonly string[];
  /** Population covariance matrix of all simulated variables (all means are 0). */
  readonly covariance: readonly (readonly number[])[];
  /** Error variance of each endogenous variable (x, mediators, y). */
  readonly residualVariances: Readonly<Record<string, number>>;
  /** Population R² of each endogenous variable's equation. */
  readonly rSquared: Readonly<Record<string, number>>;
  /**
   * The SDs of the OLS estimates of the paths over samples of this n: σ·√([Σp⁻¹]ⱼⱼ/(n − p − 2))
   * for a predictor of an equation with p predictors (its covariates included), exact for
   * jointly normal variables; `null` when n ≤ p + 2 for some equation.
   */
  readonly standardErrors: MediationStandardErrors | null;
}

/** A sample from {@link mediation}. */
export interface MediationSample<S extends DataShape = 'rows'> {
  readonly data: SimulatedData<S>;
  /** Which column plays which role, ready to pass to an estimator. */
  readonly variables: {
    readonly x: string;
    readonly mediators: readonly string[];
    readonly y: string;
    readonly covariates: readonly string[];
  };
  readonly n: number;
  readonly seed: string;
  readonly population: MediationPopulation;
}

const MEDIATION_OPTIONS = ['model', 'paths', 'covariates', 'n', 'seed', 'residuals', 'names', 'shape'] as const;
// processModel's limits (src/mediation/process-options.ts): 2 … 6 serial, 1 … 10 parallel mediators.
const MAX_SERIAL = 6;
const MAX_PARALLEL = 10;

interface Spec {
  readonly model: SimulatedMediationModel;
  readonly k: number;
  readonly q: number;
  readonly a: number[];
  readonly b: number[];
  readonly d: number[][];
  readonly direct: number;
  readonly cx: number[];
  readonly cm: number[][];
  readonly cy: number[];
}

function plainObject(value: unknown, option: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail('INVALID_OPTION', `\`${option}\` must be an object; got ${describe(value)}.`, { option, value });
  }
  return value as Record<string, unknown>;
}

function onlyKeys(obj: Record<string, unknown>, option: string, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw fail('INVALID_OPTION', `Unknown key \`${option}.${key}\` (known: ${allowed.join(', ')}).`, { option: `${option}.${key}` });
  }
}

function readSpec(o: Record<string, unknown>): Spec {
  const modelValue = o['model'];
  if (typeof modelValue === 'number' && Number.isInteger(modelValue) && modelValue !== 4 && modelValue !== 6) {
    throw fail('UNKNOWN_MODEL', `simulate.mediation implements PROCESS models 4 and 6; got model ${modelValue}.`, { option: 'model', value: modelValue });
  }
  const model = oneOf<SimulatedMediationModel>('model', modelValue ?? null, [4, 6], 4);
  const paths = plainObject(o['paths'], 'paths');
  onlyKeys(paths, 'paths', ['a', 'b', 'd', 'direct']);
  const a = numberArray(paths['a'], 'paths.a', undefined, model === 6 ? 2 : 1);
  const k = a.length;
  if (model === 6 && k > MAX_SERIAL) {
    throw fail('INVALID_OPTION', `Model 6 takes 2 … ${MAX_SERIAL} serial mediators, as processModel does; got ${k}.`, { option: 'paths.a', length: k });
  }
  if (model === 4 && k > MAX_PARALLEL) {
    throw fail('INVALID_OPTION', `Model 4 takes 1 … ${MAX_PARALLEL} parallel mediators, as processModel does; got ${k}.`, { option: 'paths.a', length: k });
  }
  const b = numberArray(paths['b'], 'paths.b', k);
  const direct = finiteNumber(paths['direct'], 'paths.direct');
  let d: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  if (model === 4) {
    if (paths['d'] !== undefined) {
      throw fail('INVALID_OPTION', '`paths.d` (paths between mediators) belongs to model 6; model 4 mediators are parallel.', { option: 'paths.d' });
    }
  } else {
    if (paths['d'] === undefined) {
      throw fail('INVALID_OPTION', 'Model 6 needs `paths.d`, the k × k matrix of paths between serial mediators.', { option: 'paths.d' });
    }
    d = numberMatrix(paths['d'], 'paths.d', k, k);
    d.forEach((row, i) =>
      row.forEach((v, j) => {
        if (j >= i && v !== 0) {
          throw fail('INVALID_OPTION', `\`paths.d[${i}][${j}]\` must be 0: d is strictly lower triangular (Mⱼ → Mᵢ needs j < i).`, {
            option: 'paths.d',
            row: i,
            value: v,
          });
        }
      }),
    );
  }
  const covariates = o['covariates'] ?? [];
  if (!Array.isArray(covariates)) {
    throw fail('INVALID_OPTION', `\`covariates\` must be an array of covariate descriptions; got ${describe(covariates)}.`, { option: 'covariates' });
  }
  const cx: number[] = [];
  const cm: number[][] = [];
  const cy: number[] = [];
  covariates.forEach((c: unknown, i) => {
    const option = `covariates[${i}]`;
    const cov = plainObject(c, option);
    onlyKeys(cov, option, ['name', 'x', 'mediators', 'y']);
    cx.push(cov['x'] === undefined ? 0 : finiteNumber(cov['x'], `${option}.x`));
    cy.push(cov['y'] === undefined ? 0 : finiteNumber(cov['y'], `${option}.y`));
    const m = cov['mediators'];
    cm.push(
      m === undefined
        ? new Array<number>(k).fill(0)
        : typeof m === 'number'
          ? new Array<number>(k).fill(finiteNumber(m, `${option}.mediators`))
          : numberArray(m, `${option}.mediators`, k),
    );
  });
  return { model, k, q: covariates.length, a, b, d, direct, cx, cm, cy };
}

/** Causal order: covariates 0…q−1, x = q, mᵢ = q+1+i, y = q+1+k. B[i][j] = effect of j on i. */
function structure(s: Spec): { v: number; B: Float64Array } {
  const { k, q } = s;
  const v = q + k + 2;
  const B = new Float64Array(v * v);
  const X = q;
  const Y = q + 1 + k;
  for (let c = 0; c < q; c++) {
    B[X * v + c] = s.cx[c] as number;
    B[Y * v + c] = s.cy[c] as number;
    for (let i = 0; i < k; i++) B[(q + 1 + i) * v + c] = (s.cm[c] as number[])[i] as number;
  }
  for (let i = 0; i < k; i++) {
    const Mi = q + 1 + i;
    B[Mi * v + X] = s.a[i] as number;
    for (let j = 0; j < i; j++) B[Mi * v + q + 1 + j] = (s.d[i] as number[])[j] as number;
    B[Y * v + Mi] = s.b[i] as number;
  }
  B[Y * v + X] = s.direct;
  return { v, B };
}

/**
 * Covariance of a recursive linear system v = Bv + ζ in causal order: for i after j,
 * cov(vᵢ, vⱼ) = Σₗ Bᵢₗ cov(vₗ, vⱼ) (ζᵢ is independent of everything before it) and
 * var(vᵢ) = bᵢᵀ Σ bᵢ + ψᵢ, with ψᵢ = 1 ('unit') or 1 − bᵢᵀ Σ bᵢ ('standardized').
 */
function covarianceOf(B: Float64Array, v: number, q: number, residuals: 'unit' | 'standardized', names: readonly string[]): { S: Float64Array; psi: Float64Array; explained: Float64Array } {
  const S = new Float64Array(v * v);
  const psi = new Float64Array(v);
  const explained = new Float64Array(v);
  for (let i = 0; i < v; i++) {
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let l = 0; l < i; l++) s += (B[i * v + l] as number) * (S[l * v + j] as number);
      S[i * v + j] = S[j * v + i] = s;
    }
    let e = 0;
    for (let l = 0; l < i; l++) e += (B[i * v + l] as number) * (S[i * v + l] as number);
    explained[i] = e;
    if (i < q) psi[i] = 1;
    else if (residuals === 'unit') psi[i] = 1;
    else {
      if (!(e < 1)) {
        throw fail('INVALID_OPTION', `With residuals: 'standardized' the paths explain ${e} of the variance of "${names[i]}"; it must be below 1.`, {
          option: 'paths',
          column: names[i] ?? '',
          value: e,
        });
      }
      psi[i] = 1 - e;
    }
    S[i * v + i] = e + (psi[i] as number);
  }
  for (let i = 0; i < v * v; i++) {
    if (!Number.isFinite(S[i] as number) || Math.abs(S[i] as number) > 1e100) {
      throw fail('INVALID_OPTION', 'The paths are too large: a variable would have a variance beyond 1e100.', { option: 'paths' });
    }
  }
  return { S, psi, explained };
}

/** Specific indirect effects, by first mediator, later mediators in binary-counting order. */
function indirectEffects(s: Spec, names: { x: string; mediators: readonly string[]; y: string }): Omit<SimulatedIndirectEffect, 'se'>[] {
  const out: Omit<SimulatedIndirectEffect, 'se'>[] = [];
  const { k } = s;
  for (let first = 0; first < k; first++) {
    if (s.model === 4) {
      out.push(effectAlong(s, [first], names));
      continue;
    }
    const later = k - first - 1;
    for (let mask = 0; mask < 1 << later; mask++) {
      const chain = [first];
      for (let bit = 0; bit < later; bit++) if (mask & (1 << bit)) chain.push(first + 1 + bit);
      out.push(effectAlong(s, chain, names));
    }
  }
  return out;
}

function effectAlong(s: Spec, chain: readonly number[], names: { x: string; mediators: readonly string[]; y: string }): Omit<SimulatedIndirectEffect, 'se'> {
  let effect = s.a[chain[0] as number] as number;
  for (let t = 1; t < chain.length; t++) effect *= (s.d[chain[t] as number] as number[])[chain[t - 1] as number] as number;
  effect *= s.b[chain[chain.length - 1] as number] as number;
  const path = [names.x, ...chain.map((i) => names.mediators[i] as string), names.y];
  // processModel's labels (src/mediation/process-mediation.ts): the mediator in a parallel model,
  // the whole path in a serial one.
  const label = s.model === 6 ? path.join(' -> ') : (names.mediators[chain[0] as number] as string);
  return { path, label, effect };
}

/**
 * SDs of the OLS coefficients of one equation at n: σ²·[Σp⁻¹]ⱼⱼ/(n − p − 2), Σp the predictors'
 * population covariance (E[(X_c′X_c)⁻¹] = Σp⁻¹/(n − p − 2) for normal predictors); null when
 * n ≤ p + 2.
 */
function equationSe(S: Float64Array, v: number, predictors: readonly number[], residualVariance: number, n: number): number[] | null {
  const p = predictors.length;
  if (n <= p + 2) return null;
  const sp = new Float64Array(p * p);
  predictors.forEach((a, i) => predictors.forEach((b, j) => (sp[i * p + j] = S[a * v + b] as number)));
  if (!choleskyInPlace(sp, p)) return null;
  return predictors.map((_, j) => {
    const e = new Float64Array(p);
    e[j] = 1;
    choleskySolveInPlace(sp, p, e);
    return Math.sqrt((residualVariance * (e[j] as number)) / (n - p - 2));
  });
}

/** The SEs of a, b, d and c′ (causal order: covariates 0 … q − 1, x = q, mediators, y). */
function pathStandardErrors(spec: Spec, S: Float64Array, psi: Float64Array, v: number, n: number): MediationStandardErrors | null {
  const { k, q } = spec;
  const x = q;
  const covariates = Array.from({ length: q }, (_, i) => i);
  const a: number[] = [];
  const d: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    const earlier = spec.model === 6 ? Array.from({ length: i }, (_, j) => q + 1 + j) : [];
    const se = equationSe(S, v, [x, ...earlier, ...covariates], psi[q + 1 + i] as number, n);
    if (se === null) return null;
    a.push(se[0] as number);
    earlier.forEach((_, j) => ((d[i] as number[])[j] = se[1 + j] as number));
  }
  const mediators = Array.from({ length: k }, (_, i) => q + 1 + i);
  const ySe = equationSe(S, v, [x, ...mediators, ...covariates], psi[q + k + 1] as number, n);
  if (ySe === null) return null;
  return { a, b: ySe.slice(1, 1 + k), d: spec.model === 6 ? d : null, direct: ySe[0] as number };
}

/** Var of a product of independent estimates θ with SDs σ: Π(θ² + σ²) − Πθ²; its square root. */
function productSe(spec: Spec, path: readonly string[], roles: { x: string; mediators: readonly string[]; y: string }, se: MediationStandardErrors): number {
  const chain = path.slice(1, -1).map((name) => roles.mediators.indexOf(name));
  const terms: [number, number][] = [[spec.a[chain[0] as number] as number, se.a[chain[0] as number] as number]];
  for (let t = 1; t < chain.length; t++) {
    const i = chain[t] as number;
    const j = chain[t - 1] as number;
    terms.push([(spec.d[i] as number[])[j] as number, ((se.d as number[][])[i] as number[])[j] as number]);
  }
  const last = chain[chain.length - 1] as number;
  terms.push([spec.b[last] as number, se.b[last] as number]);
  let withVariance = 1;
  let product = 1;
  for (const [theta, sd] of terms) {
    withVariance *= theta * theta + sd * sd;
    product *= theta * theta;
  }
  return Math.sqrt(Math.max(0, withVariance - product));
}

/**
 * Simulates data from a PROCESS mediation model with known population direct and indirect effects.
 *
 * Model 4 (k parallel mediators): Mᵢ = aᵢX + Σ covariates + e, Y = c′X + Σ bᵢMᵢ + Σ covariates + e;
 * indirect effect through Mᵢ is aᵢbᵢ. Model 6 (k serial mediators): Mᵢ = aᵢX + Σⱼ<ᵢ dᵢⱼMⱼ + …;
 * the indirect effect along X → Mᵢ₁ → … → Mᵢₘ → Y is aᵢ₁·dᵢ₂ᵢ₁·…·bᵢₘ (2ᵏ − 1 of them).
 * Covariates are independent N(0, 1) variables with the effects given on X, the mediators and Y.
 * X = Σ effects·covariates + e. All errors are normal and independent; with `residuals: 'unit'`
 * (default) each has variance 1, with `'standardized'` each has 1 − R² so that every variable has
 * variance 1. The population total effect c = c′ + Σ indirect is the coefficient of X in the
 * population regression of Y on X and the covariates. `population.covariance` is derived from the
 * recursive equations (cov(vᵢ, vⱼ) = Σₗ Bᵢₗ cov(vₗ, vⱼ)), so OLS on large samples converges to
 * the paths.
 *
 * Draw order per row: covariates, then the errors of X, M1 … Mk, Y.
 *
 * Throws `INVALID_OPTION` for missing or non-finite paths, `paths.d` in model 4 or a non–strictly
 * lower-triangular `d` in model 6, a bad covariate, R² ≥ 1 under `'standardized'`, a missing seed
 * or n; `UNKNOWN_MODEL` for another model number; `DUPLICATE_NAME` for repeated column names.
 *
 * Reference: Hayes, A. F. (2022). Introduction to mediation, moderation, and conditional process
 * analysis (3rd ed.). Guilford. (Model numbers and path names.)
 *
 * @example
 * ```ts
 * import { simulate } from 'psychkit/testing';
 * const sim = simulate.mediation({ model: 4, paths: { a: [0.4], b: [0.3], direct: 0.1 }, n: 250, seed: 7 });
 * sim.population.indirect[0].effect; // 0.12
 * sim.variables; // { x: 'x', mediators: ['m1'], y: 'y', covariates: [] }
 * ```
 */
export function mediation<S extends DataShape = 'rows'>(options: MediationOptions<S>): MediationSample<S> {
  const fn = 'simulate.mediation';
  const o = requiredOptions(options, fn, MEDIATION_OPTIONS);
  const spec = readSpec(o);
  const n = sampleSize(o['n'], fn);
  const seed = requiredSeed(o['seed'], fn);
  const residuals = oneOf<'unit' | 'standardized'>('residuals', o['residuals'], ['unit', 'standardized'], 'unit');
  const shape = dataShape(o['shape']);
  const { k, q } = spec;
  const nameOption = o['names'] === undefined ? {} : plainObject(o['names'], 'names');
  onlyKeys(nameOption, 'names', ['x', 'mediators', 'y']);
  const x = nameOption['x'] ?? 'x';
  const y = nameOption['y'] ?? 'y';
  const mediatorNames = nameOption['mediators'] ?? Array.from({ length: k }, (_, i) => `m${i + 1}`);
  if (!Array.isArray(mediatorNames) || mediatorNames.length !== k) {
    throw fail('INVALID_OPTION', `\`names.mediators\` must list ${k} names.`, { option: 'names.mediators' });
  }
  const covariates = (o['covariates'] ?? []) as readonly SimulatedCovariate[];
  const covariateNames = covariates.map((c, i) => c.name ?? `c${i + 1}`);
  // Output order: x, mediators, y, covariates. Causal order (internal): covariates, x, mediators, y.
  const variables = uniqueNames([x, ...mediatorNames, y, ...covariateNames], 'names');
  const causalNames = [...covariateNames, x, ...mediatorNames, y] as string[];
  const roles = { x: x as string, mediators: mediatorNames as string[], y: y as string };

  const { v, B } = structure(spec);
  const { S, psi, explained } = covarianceOf(B, v, q, residuals, causalNames);
  const toCausal = variables.map((name) => causalNames.indexOf(name));
  const covariance = new Float64Array(v * v);
  toCausal.forEach((ci, i) => toCausal.forEach((cj, j) => (covariance[i * v + j] = S[ci * v + cj] as number)));
  const residualVariances: Record<string, number> = {};
  const rSquared: Record<string, number> = {};
  for (let i = q; i < v; i++) {
    const name = causalNames[i] as string;
    residualVariances[name] = psi[i] as number;
    rSquared[name] = (explained[i] as number) / (S[i * v + i] as number);
  }
  const standardErrors = pathStandardErrors(spec, S, psi, v, n);
  const indirect = indirectEffects(spec, roles).map((e) => ({ ...e, se: standardErrors === null ? null : productSe(spec, e.path, roles, standardErrors) }));
  const totalIndirect = indirect.reduce((s, e) => s + e.effect, 0);

  // Draw in causal order.
  const rng = randomStream(seed);
  const cols = Array.from({ length: v }, () => new Float64Array(n));
  const sd = psi.map(Math.sqrt);
  const row = new Float64Array(v);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < v; i++) {
      let s = (sd[i] as number) * rng.normal();
      for (let l = 0; l < i; l++) {
        const bil = B[i * v + l] as number;
        if (bil !== 0) s += bil * (row[l] as number);
      }
      row[i] = s;
      (cols[i] as Float64Array)[r] = s;
    }
  }
  const outColumns = toCausal.map((ci) => cols[ci] as Float64Array);
  const paths: MediationPaths =
    spec.model === 6 ? { a: spec.a, b: spec.b, d: spec.d, direct: spec.direct } : { a: spec.a, b: spec.b, direct: spec.direct };
  return deepFreeze({
    data: layOut(outColumns, variables, n, shape),
    variables: { ...roles, covariates: covariateNames },
    n,
    seed: String(seed),
    population: withoutNegativeZero({
      model: spec.model,
      paths,
      direct: spec.direct,
      indirect,
      totalIndirect,
      total: spec.direct + totalIndirect,
      variables,
      covariance: toRows(covariance, v),
      residualVariances,
      rSquared,
      standardErrors,
    }),
  }) as unknown as MediationSample<S>;
}
