import { fail } from '../../errors.js';
import type { Seed } from '../../random/index.js';
import { deepFreeze } from '../../util/freeze.js';
import { oneOf } from '../../util/options.js';
import {
  correlationRows,
  definitionValues,
  distinctNames,
  drawNormal,
  indirectDefinitions,
  interceptsOf,
  latentCovarianceOf,
  layOutTable,
  matrixRows,
  missingShare,
  momentsOf,
  populationParameters,
  residualVariancesOf,
  standardizedLoadings,
  syntaxName,
  syntaxNames,
  syntaxOf,
  type LatentStructure,
  type PopulationParameters,
  type SimulatedTable,
} from './latent.js';
import { dataShape, describe, finiteNumber, numberArray, requiredOptions, requiredSeed, sampleSize, type DataShape } from './options.js';
import { toRows, withoutNegativeZero } from './output.js';

/** One structural path `outcome ~ label*predictor` between latent variables. */
export interface SimulatedRegression {
  /** The latent variable regressed on `predictor`. */
  readonly outcome: string;
  readonly predictor: string;
  /** The true coefficient (raw scale of the latent variables; standardized with the default `latentResiduals`). */
  readonly coefficient: number;
  /** Its label in the syntax. Default `<outcome>_<predictor>` (`m_x` for m ~ x). */
  readonly label?: string;
}

/** Options of {@link sem}. */
export interface SemSimulationOptions<S extends DataShape = DataShape> {
  /**
   * Each latent variable and the raw loadings of its own indicators (non-zero), in order:
   * `{ x: [0.8, 0.7, 0.6], m: [0.7, 0.7, 0.6] }`. Items are numbered per latent (`x1`, `x2`, …)
   * unless `names` are given.
   */
  readonly measurement: Readonly<Record<string, readonly number[]>>;
  /** Structural paths between the latent variables; recursive (no cycles), at most one per pair. */
  readonly regressions: readonly SimulatedRegression[];
  /**
   * `'standardized'` (default): every latent variable has variance 1 (a disturbance variance is
   * 1 − R², an error when R² ≥ 1), so the coefficients are standardized. `'unit'`: every
   * exogenous latent and every disturbance has variance 1.
   */
  readonly latentResiduals?: 'standardized' | 'unit';
  /** Residual variances of the items (p, each > 0). Default θⱼ = 1 − λⱼ²·var(η): unit item variances (an error if ≤ 0). */
  readonly residualVariances?: readonly number[];
  /** Intercepts ν (p; the item means). Default 0. */
  readonly intercepts?: readonly number[];
  /** Number of rows (1 … 10,000,000). */
  readonly n: number;
  /** Seed for `randomStream`. */
  readonly seed: Seed;
  /** Item names (usable in lavaan syntax), in the order of `measurement`. */
  readonly names?: readonly string[];
  /** `'rows'` (default), `'columns'` or `'matrix'`. */
  readonly shape?: S;
  /** Share of cells set missing (`null`) completely at random, in [0, 1). Default 0. */
  readonly missing?: number;
}

/** A structural path with its standardized value. */
export interface SimulatedPath {
  readonly outcome: string;
  readonly predictor: string;
  readonly label: string;
  readonly coefficient: number;
  /** coefficient · sd(predictor) / sd(outcome) (lavaan's std.all). */
  readonly standardized: number;
}

/** The total indirect effect of one latent variable on another, defined in the syntax with `:=`. */
export interface SimulatedLatentEffect {
  /** The `:=` name, `ind_<from>_<to>`. */
  readonly name: string;
  readonly from: string;
  readonly to: string;
  /** Every path with at least one mediator, as latent names from `from` to `to`. */
  readonly paths: readonly (readonly string[])[];
  /** Σ over paths of the product of the coefficients, on the simulation's scale. */
  readonly effect: number;
  /** The same with standardized coefficients (lavaan's std.all of the `:=` row). */
  readonly standardized: number;
}

/** The structural equation model the data were drawn from. */
export interface SemPopulation {
  /** The true model in lavaan syntax: `=~` per latent, labelled `~` per outcome, `ind_x_y := a*b` per indirect effect. */
  readonly model: string;
  /** Λ (p × m, raw scale; 0 off each item's own latent). */
  readonly loadings: readonly (readonly number[])[];
  /** Λ standardized (std.all). */
  readonly standardizedLoadings: readonly (readonly number[])[];
  /** The structural paths, in the syntax's order (grouped by outcome). */
  readonly regressions: readonly SimulatedPath[];
  /** Total indirect effects, by `from` then `to` in latent order. */
  readonly indirect: readonly SimulatedLatentEffect[];
  /** Covariance matrix of the latent variables, (I − B)⁻¹Ψ(I − B)⁻ᵀ. */
  readonly latentCovariance: readonly (readonly number[])[];
  /** Variance of each latent's disturbance ζ (of an exogenous latent: its variance). */
  readonly latentResidualVariances: Readonly<Record<string, number>>;
  /** R² of each latent regressed on something. */
  readonly rSquared: Readonly<Record<string, number>>;
  readonly residualVariances: readonly number[];
  readonly intercepts: readonly number[];
  /** Σ = ΛVΛᵀ + Θ. */
  readonly covariance: readonly (readonly number[])[];
  readonly correlation: readonly (readonly number[])[];
  /** The true rows of `sem`'s `parameters`, for the marker (default) and the `stdLv: true` scaling. */
  readonly parameters: PopulationParameters;
}

/** A sample from {@link sem}. */
export interface SemSample<S extends DataShape = 'rows'> {
  readonly data: SimulatedTable<S>;
  readonly items: readonly string[];
  /** Latent variables, in the order of `measurement`. */
  readonly latent: readonly string[];
  /** Each latent's indicators. */
  readonly indicators: Readonly<Record<string, readonly string[]>>;
  readonly n: number;
  readonly seed: string;
  readonly nMissing: number;
  readonly population: SemPopulation;
}

const SEM_OPTIONS = ['measurement', 'regressions', 'latentResiduals', 'residualVariances', 'intercepts', 'n', 'seed', 'names', 'shape', 'missing'] as const;
const REGRESSION_KEYS = ['outcome', 'predictor', 'coefficient', 'label'];
const LIMIT = 1e100;

function plainObject(value: unknown, option: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail('INVALID_OPTION', `\`${option}\` must be an object; got ${describe(value)}.`, { option, value });
  }
  return value as Record<string, unknown>;
}

interface Paths {
  readonly regressions: { outcome: number; predictor: number; label: string; coefficient: number }[];
  readonly order: number[];
}

/** Validates the paths, groups them by outcome (first appearance) and orders the latents causally. */
function readPaths(value: unknown, latent: readonly string[]): Paths {
  if (!Array.isArray(value)) throw fail('INVALID_OPTION', `\`regressions\` must be an array of { outcome, predictor, coefficient, label? }; got ${describe(value)}.`, { option: 'regressions', value });
  const m = latent.length;
  const index = (v: unknown, option: string): number => {
    const i = typeof v === 'string' ? latent.indexOf(v) : -1;
    if (i < 0) throw fail('INVALID_OPTION', `\`${option}\` must name a latent variable of \`measurement\` (${latent.join(', ')}); got ${describe(v)}.`, { option, value: v });
    return i;
  };
  const read = value.map((r: unknown, k) => {
    const option = `regressions[${k}]`;
    const o = plainObject(r, option);
    for (const key of Object.keys(o)) {
      if (!REGRESSION_KEYS.includes(key)) throw fail('INVALID_OPTION', `Unknown key \`${option}.${key}\` (known: ${REGRESSION_KEYS.join(', ')}).`, { option: `${option}.${key}` });
    }
    const outcome = index(o['outcome'], `${option}.outcome`);
    const predictor = index(o['predictor'], `${option}.predictor`);
    if (outcome === predictor) throw fail('INVALID_OPTION', `\`${option}\` regresses "${latent[outcome]}" on itself.`, { option });
    const coefficient = finiteNumber(o['coefficient'], `${option}.coefficient`);
    if (!(Math.abs(coefficient) <= LIMIT)) throw fail('INVALID_OPTION', `\`${option}.coefficient\` must be at most 1e100 in magnitude; got ${coefficient}.`, { option: `${option}.coefficient`, value: coefficient });
    const label = o['label'] === undefined ? `${latent[outcome]}_${latent[predictor]}` : syntaxName(o['label'], `${option}.label`);
    return { outcome, predictor, label, coefficient, k };
  });
  const seen = new Set<string>();
  for (const r of read) {
    const key = `${r.outcome} ${r.predictor}`;
    if (seen.has(key)) throw fail('INVALID_OPTION', `"${latent[r.outcome]} ~ ${latent[r.predictor]}" is given twice in \`regressions\`.`, { option: `regressions[${r.k}]` });
    seen.add(key);
  }
  // Kahn's algorithm: a causal order exists exactly when the paths have no cycle.
  const indegree = new Array<number>(m).fill(0);
  for (const r of read) indegree[r.outcome]!++;
  const order: number[] = [];
  const ready = latent.map((_, f) => f).filter((f) => indegree[f] === 0);
  while (ready.length > 0) {
    const f = ready.shift()!;
    order.push(f);
    for (const r of read) if (r.predictor === f && --indegree[r.outcome]! === 0) ready.push(r.outcome);
  }
  if (order.length < m) {
    const cyclic = latent.filter((_, f) => indegree[f]! > 0);
    throw fail('INVALID_OPTION', `\`regressions\` contain a cycle (through ${cyclic.join(', ')}); simulate.sem draws recursive models only.`, { option: 'regressions' });
  }
  const outcomes: number[] = [];
  for (const r of read) if (!outcomes.includes(r.outcome)) outcomes.push(r.outcome);
  const grouped = outcomes.flatMap((g) => read.filter((r) => r.outcome === g)).map(({ outcome, predictor, label, coefficient }) => ({ outcome, predictor, label, coefficient }));
  return { regressions: grouped, order };
}

/**
 * Simulates indicators of a latent path model (a structural equation model) with known population
 * parameters, in the form `sem` reports them.
 *
 * Model: x = ν + Λη + ε (each item measures one latent; ε ~ N(0, diag θ)) and η = Bη + ζ with B
 * from `regressions` (recursive) and independent ζ ~ N(0, Ψ), Ψ = diag(ψ). The latent covariance
 * is V = (I − B)⁻¹Ψ(I − B)⁻ᵀ and the items' **Σ = ΛVΛᵀ + Θ**. With `latentResiduals:
 * 'standardized'` (default) ψ_g = 1 − b_gᵀVb_g, so every latent has variance 1; with the default
 * θⱼ = 1 − λⱼ²·V_ff every item has variance 1 too, and loadings and paths are standardized.
 *
 * `population.model` is lavaan syntax with labelled paths and one `:=` per pair of latents joined
 * by a path through at least one mediator, the total indirect effect (sum over paths of the
 * products of the labels): for X → M → Y with a direct path,
 * `x =~ x1 + x2 + x3`, …, `m ~ a*x`, `y ~ b*m + c*x`, `ind_x_y := a*b`.
 * `population.parameters` holds the true rows of `sem(data, { model, meanStructure: true })` for
 * the marker and the `stdLv: true` scaling (η′ = cη with c = the marker loading, or 1/√ψ:
 * λ′ = λ/c_f, b′_gf = b_gf·c_g/c_f, ψ′ = c²ψ; a `:=` row is its expression at those values), with
 * lavaan's std.lv and std.all columns, including the free covariances lavaan adds among exogenous
 * latents and among pure outcomes (true value 0).
 *
 * Draw order as `simulate.cfa`: per row, p normals, x = ν + Lz with LLᵀ = Σ; missing cells from
 * `randomStream(seed + ':missing')`.
 *
 * Throws `INVALID_OPTION` for an empty or non-numeric `measurement`, a zero loading, a path naming
 * an unknown latent, a repeated path, a cycle, more than 1,000 indirect paths, R² ≥ 1 under
 * `'standardized'`, a non-positive residual variance, values beyond 1e100, a name not usable in
 * lavaan syntax, a missing seed or n, or an unknown option; `DUPLICATE_NAME` when items, latents,
 * labels and `:=` names are not all distinct.
 *
 * @example
 * ```ts
 * import { sem } from 'psychkit';
 * import { simulate } from 'psychkit/testing';
 * const sim = simulate.sem({
 *   measurement: { x: [0.8, 0.7, 0.6], m: [0.8, 0.7, 0.6], y: [0.8, 0.7, 0.6] },
 *   regressions: [
 *     { outcome: 'm', predictor: 'x', coefficient: 0.5, label: 'a' },
 *     { outcome: 'y', predictor: 'm', coefficient: 0.4, label: 'b' },
 *     { outcome: 'y', predictor: 'x', coefficient: 0.1, label: 'c' },
 *   ],
 *   n: 2000,
 *   seed: 1,
 * });
 * sim.population.indirect[0]; // { name: 'ind_x_y', from: 'x', to: 'y', paths: [['x', 'm', 'y']], effect: 0.2, standardized: 0.2 }
 * const fit = sem(sim.data, { model: sim.population.model });
 * ```
 */
export function sem<S extends DataShape = 'rows'>(options: SemSimulationOptions<S>): SemSample<S> {
  const fn = 'simulate.sem';
  const o = requiredOptions(options, fn, SEM_OPTIONS);
  const measurement = plainObject(o['measurement'], 'measurement');
  const latent = Object.keys(measurement);
  if (latent.length === 0) throw fail('INVALID_OPTION', '`measurement` must name at least one latent variable and its loadings.', { option: 'measurement' });
  latent.forEach((name) => syntaxName(name, 'measurement'));
  const m = latent.length;
  const owned = latent.map((name) => {
    const option = `measurement.${name}`;
    const values = numberArray(measurement[name], option);
    values.forEach((v, j) => {
      if (v === 0 || !(Math.abs(v) <= LIMIT)) {
        throw fail('INVALID_OPTION', `\`${option}[${j}]\` must be a non-zero loading of at most 1e100 in magnitude; got ${v}.`, { option, row: j, value: v });
      }
    });
    return values;
  });
  const p = owned.reduce((s, l) => s + l.length, 0);
  const latentOf = owned.flatMap((l, f) => new Array<number>(l.length).fill(f));
  const items = syntaxNames(
    o['names'],
    'names',
    owned.flatMap((l, f) => l.map((_, j) => `${latent[f]}${j + 1}`)),
  );
  const { regressions, order } = readPaths(o['regressions'], latent);
  const residuals = oneOf<'standardized' | 'unit'>('latentResiduals', o['latentResiduals'], ['standardized', 'unit'], 'standardized');
  const definitions = indirectDefinitions(m, regressions, (from, to) => `ind_${latent[from]}_${latent[to]}`);
  distinctNames([
    ['names', items],
    ['measurement', latent],
    ['regressions (labels)', regressions.map((r) => r.label)],
    ['the := names', definitions.map((d) => d.name)],
  ]);

  const b = new Float64Array(m * m);
  for (const r of regressions) b[r.outcome * m + r.predictor] = r.coefficient;
  const psi = new Float64Array(m * m);
  for (let f = 0; f < m; f++) psi[f * m + f] = 1;
  if (residuals === 'standardized') {
    // In causal order, each latent's predictors already have their final variances: ψ_g = 1 − b_gᵀVb_g.
    for (const g of order) {
      if (!regressions.some((r) => r.outcome === g)) continue;
      const v = latentCovarianceOf(b, psi, m);
      let explained = 0;
      for (let f = 0; f < m; f++) for (let h = 0; h < m; h++) explained += (b[g * m + f] as number) * (v[f * m + h] as number) * (b[g * m + h] as number);
      if (!(explained < 1)) {
        throw fail('INVALID_OPTION', `With latentResiduals: 'standardized' the paths explain ${explained} of the variance of "${latent[g]}"; it must be below 1.`, { option: 'regressions', column: latent[g]!, value: explained });
      }
      psi[g * m + g] = 1 - explained;
    }
  }
  const v = latentCovarianceOf(b, psi, m);
  for (let f = 0; f < m; f++) {
    const value = v[f * m + f] as number;
    if (!(value <= LIMIT)) throw fail('INVALID_OPTION', `The latent variable "${latent[f]}" would have variance ${value}, beyond 1e100: the paths are too large.`, { option: 'regressions', value });
  }
  const lambda = new Float64Array(p * m);
  const loadingList = owned.flat();
  loadingList.forEach((l, j) => (lambda[j * m + latentOf[j]!] = l));
  const common = loadingList.map((l, j) => l * l * (v[latentOf[j]! * m + latentOf[j]!] as number));
  const theta = residualVariancesOf(o['residualVariances'], common, items);
  const nu = interceptsOf(o['intercepts'], p);
  const n = sampleSize(o['n'], fn);
  const seed = requiredSeed(o['seed'], fn);
  const shape = dataShape(o['shape']);
  const missing = missingShare(o['missing']);

  const structure: LatentStructure = {
    items,
    latent,
    lambda,
    b,
    psi,
    theta,
    nu,
    regressions: regressions.map(({ outcome, predictor, label }) => ({ outcome, predictor, label })),
    definitions,
  };
  const moments = momentsOf(structure);
  const parameters = populationParameters(structure, moments);
  const values = definitionValues(structure, moments);
  const sd = (f: number) => Math.sqrt(moments.latentCovariance[f * m + f] as number);
  const { columns, nMissing } = drawNormal(moments.covariance, nu, n, seed, missing);
  const outcomes = latent.map((_, f) => f).filter((f) => regressions.some((r) => r.outcome === f));
  return deepFreeze({
    data: layOutTable(columns, items, n, shape),
    items,
    latent,
    indicators: Object.fromEntries(latent.map((name, f) => [name, items.filter((_, j) => latentOf[j] === f)])),
    n,
    seed: String(seed),
    nMissing,
    population: withoutNegativeZero({
      model: syntaxOf(structure),
      loadings: matrixRows(lambda, p, m),
      standardizedLoadings: standardizedLoadings(structure, moments),
      regressions: regressions.map((r) => ({
        outcome: latent[r.outcome]!,
        predictor: latent[r.predictor]!,
        label: r.label,
        coefficient: r.coefficient,
        standardized: (r.coefficient * sd(r.predictor)) / sd(r.outcome),
      })),
      indirect: definitions.map((d, k) => ({
        name: d.name,
        from: latent[d.from]!,
        to: latent[d.to]!,
        paths: d.paths.map((path) => [latent[d.from]!, ...path.map((e) => latent[regressions[e]!.outcome]!)]),
        effect: values.raw[k]!,
        standardized: values.standardized[k]!,
      })),
      latentCovariance: toRows(moments.latentCovariance, m),
      latentResidualVariances: Object.fromEntries(latent.map((name, f) => [name, psi[f * m + f] as number])),
      rSquared: Object.fromEntries(outcomes.map((f) => [latent[f]!, 1 - (psi[f * m + f] as number) / (moments.latentCovariance[f * m + f] as number)])),
      residualVariances: Array.from(theta),
      intercepts: Array.from(nu),
      covariance: toRows(moments.covariance, p),
      correlation: correlationRows(moments.covariance, p),
      parameters,
    }),
  }) as unknown as SemSample<S>;
}
