import { fail } from '../../errors.js';
import { choleskyInPlace } from '../../linalg/index.js';
import type { Seed } from '../../random/index.js';
import { deepFreeze } from '../../util/freeze.js';
import {
  correlationRows,
  distinctNames,
  drawNormal,
  interceptsOf,
  layOutTable,
  matrixRows,
  missingShare,
  momentsOf,
  populationParameters,
  residualVariancesOf,
  standardizedLoadings,
  syntaxNames,
  syntaxOf,
  type LatentStructure,
  type PopulationParameters,
  type SimulatedTable,
} from './latent.js';
import { dataShape, numberMatrix, requiredOptions, requiredSeed, sampleSize, type DataShape } from './options.js';
import { toRows, withoutNegativeZero } from './output.js';

/** Options of {@link cfa}. */
export interface CfaSimulationOptions<S extends DataShape = DataShape> {
  /**
   * Loadings Λ on the raw scale, one row per item, one column per factor (p × m): the coefficients
   * of x = ν + Λη + ε. A 0 means "does not load" (the item is left out of that factor's `=~`);
   * every item needs a non-zero loading and every factor an indicator. With the defaults of
   * `factorCovariance` and `residualVariances` every item and factor has variance 1, so these are
   * also the standardized loadings (the loadings of `simulate.factorModel` work unchanged).
   */
  readonly loadings: readonly (readonly number[])[];
  /** Factor covariance matrix Φ (m × m, symmetric positive definite; any variances). Default: identity. */
  readonly factorCovariance?: readonly (readonly number[])[];
  /** Residual variances θ (p, each > 0). Default θⱼ = 1 − λⱼᵀΦλⱼ: unit item variances (an error if ≤ 0). */
  readonly residualVariances?: readonly number[];
  /** Intercepts ν (p; the item means). Default 0. */
  readonly intercepts?: readonly number[];
  /** Number of rows (1 … 10,000,000). */
  readonly n: number;
  /** Seed for `randomStream`: the same seed gives the same data on every runtime. */
  readonly seed: Seed;
  /** Item names (usable in lavaan syntax). Default `item1` … `itemp`. */
  readonly names?: readonly string[];
  /** Factor names (usable in lavaan syntax). Default `f1` … `fm`. */
  readonly factorNames?: readonly string[];
  /** `'rows'` (default), `'columns'` or `'matrix'`. */
  readonly shape?: S;
  /** Share of cells set missing (`null`) completely at random, in [0, 1). Default 0. */
  readonly missing?: number;
}

/** The CFA model the data were drawn from. */
export interface CfaPopulation {
  /** The true structure in lavaan syntax, one `f =~ item + …` line per factor: pass it to `cfa`. */
  readonly model: string;
  /** Λ as given (raw scale), p × m. */
  readonly loadings: readonly (readonly number[])[];
  /** Λ standardized (lavaan's std.all): λⱼf·√Φff / √Σⱼⱼ. */
  readonly standardizedLoadings: readonly (readonly number[])[];
  /** Φ. */
  readonly factorCovariance: readonly (readonly number[])[];
  /** Φ as a correlation matrix. */
  readonly factorCorrelation: readonly (readonly number[])[];
  /** θ. */
  readonly residualVariances: readonly number[];
  /** ν (the item means). */
  readonly intercepts: readonly number[];
  /** Σ = ΛΦΛᵀ + Θ, the items' population covariance matrix. */
  readonly covariance: readonly (readonly number[])[];
  /** Σ as a correlation matrix. */
  readonly correlation: readonly (readonly number[])[];
  /** The true rows of `cfa`'s `parameters`, for the marker (default) and the `stdLv: true` scaling. */
  readonly parameters: PopulationParameters;
}

/** A sample from {@link cfa}. */
export interface CfaSample<S extends DataShape = 'rows'> {
  readonly data: SimulatedTable<S>;
  /** Item names, in column order. */
  readonly items: readonly string[];
  /** Factor names, in the order of Λ's columns. */
  readonly factors: readonly string[];
  readonly n: number;
  /** The seed as `randomStream` keyed it (a string). */
  readonly seed: string;
  /** Number of cells set missing. */
  readonly nMissing: number;
  readonly population: CfaPopulation;
}

const CFA_OPTIONS = ['loadings', 'factorCovariance', 'residualVariances', 'intercepts', 'n', 'seed', 'names', 'factorNames', 'shape', 'missing'] as const;
const LIMIT = 1e100;

/** Validates Φ: m × m, symmetric (to 1e-10, relative), positive definite, entries at most 1e100. */
/** Φ given as `option`: m × m, symmetric (1e-10 relative), positive definite, |entries| ≤ 1e100; identity when absent. */
export function factorCovarianceOf(value: unknown, m: number, option = 'factorCovariance'): Float64Array {
  const phi = new Float64Array(m * m);
  if (value === undefined) {
    for (let f = 0; f < m; f++) phi[f * m + f] = 1;
    return phi;
  }
  const rows = numberMatrix(value, option, m, m);
  for (let f = 0; f < m; f++) {
    for (let g = 0; g < m; g++) {
      const v = rows[f]![g]!;
      const w = rows[g]![f]!;
      if (!(Math.abs(v) <= LIMIT)) throw fail('INVALID_OPTION', `\`${option}[${f}][${g}]\` must be at most 1e100 in magnitude; got ${v}.`, { option, row: f, value: v });
      if (Math.abs(v - w) > 1e-10 * Math.max(1, Math.abs(v))) {
        throw fail('INVALID_OPTION', `\`${option}\` must be symmetric: [${f}][${g}] is ${v} but [${g}][${f}] is ${w}.`, { option, row: f, value: v });
      }
      phi[f * m + g] = f <= g ? v : w;
    }
  }
  if (!choleskyInPlace(Float64Array.from(phi), m)) throw fail('INVALID_OPTION', `\`${option}\` is not positive definite.`, { option });
  return phi;
}

/**
 * Simulates continuous items from a confirmatory factor model with known population parameters,
 * in the form `cfa` reports them.
 *
 * Model: x = ν + Λη + ε with η ~ N(0, Φ) and ε ~ N(0, Θ), Θ = diag(θ), so the items are
 * multivariate normal with mean ν and covariance **Σ = ΛΦΛᵀ + Θ**. Λ is on the raw scale; with
 * the defaults (Φ = I, θⱼ = 1 − λⱼᵀΦλⱼ) every variable has variance 1 and Λ is also the
 * standardized solution.
 *
 * `population.model` is the true structure in lavaan syntax (`f1 =~ item1 + item2 + item3`, one
 * line per factor, non-zero loadings only) and `population.parameters` the true parameter table in
 * `cfa`'s row order for both scalings: `marker` (each factor's first indicator fixed to 1:
 * λ′ = λ/λ_marker, φ′_fg = λ_marker,f·λ_marker,g·φ_fg) and `stdLv` (factor variances 1:
 * λ′ = λ·√φ_ff, φ′ = correlation), each with lavaan's std.lv (λ·√φ_ff) and std.all
 * (λ·√φ_ff / √Σⱼⱼ; θⱼ/Σⱼⱼ; ν/√Σⱼⱼ) columns. Rows are those of
 * `cfa(data, { model, meanStructure: true })`; without a mean structure drop the `~1` rows.
 *
 * Draw order (fixes the stream for a seed): per row, p standard normals z from
 * `randomStream(seed)`; x = ν + Lz with LLᵀ = Σ (Cholesky). With `missing: q`, each cell is then
 * missing (`null`) when a uniform from `randomStream(seed + ':missing')` (row by row) is below q:
 * the observed values are those of the complete data with the same seed (MCAR).
 *
 * Throws `INVALID_OPTION` for a missing or non-finite seed or n, a ragged or non-numeric Λ, an item
 * or factor without a non-zero loading, a Φ that is not symmetric positive definite, a residual
 * variance ≤ 0 (given, or by default when λⱼᵀΦλⱼ ≥ 1), a name not usable in lavaan syntax, values
 * beyond 1e100 or an unknown option; `DUPLICATE_NAME` for repeated item or factor names.
 *
 * @example
 * ```ts
 * import { cfa } from 'psychkit';
 * import { simulate } from 'psychkit/testing';
 * const sim = simulate.cfa({
 *   loadings: [[0.8, 0], [0.7, 0], [0.6, 0], [0, 0.7], [0, 0.6], [0, 0.5]],
 *   factorCovariance: [[1, 0.3], [0.3, 1]],
 *   n: 1000,
 *   seed: 1,
 * });
 * sim.population.model; // 'f1 =~ item1 + item2 + item3\nf2 =~ item4 + item5 + item6'
 * const fit = cfa(sim.data, { model: sim.population.model });
 * // fit.parameters[i].estimate ≈ sim.population.parameters.marker[i].estimate
 * ```
 */
export function cfa<S extends DataShape = 'rows'>(options: CfaSimulationOptions<S>): CfaSample<S> {
  const fn = 'simulate.cfa';
  const o = requiredOptions(options, fn, CFA_OPTIONS);
  const loadings = numberMatrix(o['loadings'], 'loadings');
  const p = loadings.length;
  const m = loadings[0]!.length;
  const lambda = new Float64Array(p * m);
  loadings.forEach((row, j) =>
    row.forEach((v, f) => {
      if (!(Math.abs(v) <= LIMIT)) throw fail('INVALID_OPTION', `\`loadings[${j}][${f}]\` must be at most 1e100 in magnitude; got ${v}.`, { option: 'loadings', row: j, value: v });
      lambda[j * m + f] = v;
    }),
  );
  loadings.forEach((row, j) => {
    if (row.every((v) => v === 0)) throw fail('INVALID_OPTION', `Item ${j} (\`loadings[${j}]\`) loads on no factor: every item needs a non-zero loading.`, { option: 'loadings', row: j });
  });
  for (let f = 0; f < m; f++) {
    if (loadings.every((row) => row[f] === 0)) throw fail('INVALID_OPTION', `Factor ${f} (column ${f} of \`loadings\`) has no indicator: every factor needs a non-zero loading.`, { option: 'loadings', column: String(f) });
  }
  const phi = factorCovarianceOf(o['factorCovariance'], m);
  const items = syntaxNames(o['names'], 'names', Array.from({ length: p }, (_, j) => `item${j + 1}`));
  const factors = syntaxNames(o['factorNames'], 'factorNames', Array.from({ length: m }, (_, f) => `f${f + 1}`));
  distinctNames([
    ['names', items],
    ['factorNames', factors],
  ]);
  const common = Array.from({ length: p }, (_, j) => {
    let h = 0;
    for (let f = 0; f < m; f++) for (let g = 0; g < m; g++) h += (lambda[j * m + f] as number) * (phi[f * m + g] as number) * (lambda[j * m + g] as number);
    return h;
  });
  const theta = residualVariancesOf(o['residualVariances'], common, items);
  const nu = interceptsOf(o['intercepts'], p);
  const n = sampleSize(o['n'], fn);
  const seed = requiredSeed(o['seed'], fn);
  const shape = dataShape(o['shape']);
  const missing = missingShare(o['missing']);

  const structure: LatentStructure = { items, latent: factors, lambda, b: new Float64Array(m * m), psi: phi, theta, nu, regressions: [], definitions: [] };
  const moments = momentsOf(structure);
  const parameters = populationParameters(structure, moments);
  const { columns, nMissing } = drawNormal(moments.covariance, nu, n, seed, missing);
  return deepFreeze({
    data: layOutTable(columns, items, n, shape),
    items,
    factors,
    n,
    seed: String(seed),
    nMissing,
    population: withoutNegativeZero({
      model: syntaxOf(structure),
      loadings: matrixRows(lambda, p, m),
      standardizedLoadings: standardizedLoadings(structure, moments),
      factorCovariance: toRows(phi, m),
      factorCorrelation: correlationRows(phi, m),
      residualVariances: Array.from(theta),
      intercepts: Array.from(nu),
      covariance: toRows(moments.covariance, p),
      correlation: correlationRows(moments.covariance, p),
      parameters,
    }),
  }) as unknown as CfaSample<S>;
}
