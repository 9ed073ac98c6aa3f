import { fail } from '../../errors.js';
import { householderQr, qrLeastSquares } from '../../linalg/qr.js';
import type { Seed } from '../../random/index.js';
import { deepFreeze } from '../../util/freeze.js';
import { oneOf, strictOptions } from '../../util/options.js';
import {
  correlationRows,
  distinctNames,
  drawNormal,
  interceptsOf,
  matrixRows,
  missingShare,
  momentsOf,
  populationParameters,
  positiveValues,
  put,
  standardizedLoadings,
  syntaxNames,
  syntaxOf,
  type LatentStructure,
  type PopulationParameters,
} from './latent.js';
import { describe, MAX_SIMULATED_ROWS, numberMatrix, requiredOptions, requiredSeed, sampleSize } from './options.js';
import { factorCovarianceOf } from './cfa.js';
import { toRows, withoutNegativeZero } from './output.js';

// Several groups, each a CFA population x = ν_g + Λ_g η + ε with η ~ N(κ_g, Φ_g), ε ~ N(0, Θ_g):
// a base model with per-group overrides, the data in one table with a group column (what `cfa`
// and `invariance` take with `group`), and the truth about measurement invariance — which of
// `invariance`'s steps hold in the population, decided algebraically from the parameters.

/** A multi-group data set's layout: row objects or an object of columns (a matrix has no place for the labels). */
export type GroupedShape = 'rows' | 'columns';

/** Simulated data with a group column (strings) beside the items (numbers; `null` where missing). */
export type GroupedTable<S extends GroupedShape = 'rows'> = S extends 'columns' ? Record<string, (number | string | null)[]> : Record<string, number | string | null>[];

/** The measurement-invariance steps, as `invariance` names them. */
export type InvarianceLevel = 'configural' | 'metric' | 'scalar' | 'strict';

/** The parameter sets of a group's model, named as `cfa`'s `groupEqual` names them. */
export type GroupParameterSet = 'loadings' | 'intercepts' | 'residuals' | 'lv.variances' | 'lv.covariances' | 'means';

/** One group of {@link multiGroup}: its label and size, and the base parameters it overrides. */
export interface MultiGroupGroup {
  /** The group's label: its value in the group column (a non-empty string, unique). */
  readonly label: string;
  /** Rows of this group (1 … 10,000,000; all groups together at most 10,000,000). */
  readonly n: number;
  /** This group's Λ (p × m). Default: the base `loadings`. A different pattern of zeros breaks configural invariance. */
  readonly loadings?: readonly (readonly number[])[];
  /** This group's Φ. Default: the base `factorCovariance`. Differences here do not break invariance. */
  readonly factorCovariance?: readonly (readonly number[])[];
  /** This group's latent means κ (m). Default: the base `factorMeans`. Differences here do not break invariance. */
  readonly factorMeans?: readonly number[];
  /** This group's θ (p, each > 0). Default: the base residual variances. */
  readonly residualVariances?: readonly number[];
  /** This group's ν (p). Default: the base `intercepts`. */
  readonly intercepts?: readonly number[];
}

/** Options of {@link multiGroup}: the base model (as {@link cfa}'s, plus `factorMeans`) and the groups. */
export interface MultiGroupOptions<S extends GroupedShape = GroupedShape> {
  /** Base Λ on the raw scale (p × m), as `simulate.cfa`'s `loadings`. */
  readonly loadings: readonly (readonly number[])[];
  /** Base Φ (m × m, symmetric positive definite). Default: identity. */
  readonly factorCovariance?: readonly (readonly number[])[];
  /** Base θ (p, each > 0). Default θⱼ = 1 − λⱼᵀΦλⱼ of the base Λ and Φ (unit item variances in a group without overrides). */
  readonly residualVariances?: readonly number[];
  /** Base ν (p). Default 0. */
  readonly intercepts?: readonly number[];
  /** Base latent means κ (m). Default 0. */
  readonly factorMeans?: readonly number[];
  /** The groups, at least 2, in the order of the rows (the first is the reference of `invariance`). */
  readonly groups: readonly MultiGroupGroup[];
  /** Seed: group g draws from `randomStream(seed + ':' + label)`. */
  readonly seed: Seed;
  /** Item names (usable in lavaan syntax). Default `item1` … `itemp`. */
  readonly names?: readonly string[];
  /** Factor names (usable in lavaan syntax). Default `f1` … `fm`. */
  readonly factorNames?: readonly string[];
  /** Name of the group column. Default `'group'`. */
  readonly group?: string;
  /** `'rows'` (default) or `'columns'`. */
  readonly shape?: S;
  /** Share of item cells set missing (`null`) completely at random, in [0, 1). Default 0. */
  readonly missing?: number;
}

/** One group's population. */
export interface MultiGroupPopulation {
  readonly label: string;
  readonly n: number;
  /** Λ_g (raw scale). */
  readonly loadings: readonly (readonly number[])[];
  /** Λ_g standardized within the group (lavaan's std.all). */
  readonly standardizedLoadings: readonly (readonly number[])[];
  /** Φ_g. */
  readonly factorCovariance: readonly (readonly number[])[];
  readonly factorCorrelation: readonly (readonly number[])[];
  /** κ_g. */
  readonly factorMeans: readonly number[];
  /** θ_g. */
  readonly residualVariances: readonly number[];
  /** ν_g. */
  readonly intercepts: readonly number[];
  /** μ_g = ν_g + Λ_g κ_g, the items' means. */
  readonly means: readonly number[];
  /** Σ_g = Λ_g Φ_g Λ_gᵀ + Θ_g. */
  readonly covariance: readonly (readonly number[])[];
  readonly correlation: readonly (readonly number[])[];
  /**
   * The true rows of `cfa(groupRows, { model, meanStructure: true })` fitted to this group alone —
   * the same as this group's rows of the configural fit `cfa(data, { model, group })`: with the
   * latent means fixed at 0 the intercepts (`~1`) are the item means μ_g.
   */
  readonly parameters: PopulationParameters;
}

/** A parameter that differs between a group and the first group (raw scale). */
export interface GroupDifference {
  readonly group: string;
  /** The set it belongs to, as `cfa`'s `groupEqual` names it. */
  readonly set: GroupParameterSet;
  readonly lhs: string;
  readonly op: '=~' | '~~' | '~1';
  readonly rhs: string;
  /** `"lhs op rhs"`, as `groupPartial` takes it (e.g. `'f1 =~ item2'`, `'item3 ~1'`). */
  readonly parameter: string;
  /** The value in the first group. */
  readonly reference: number;
  /** The value in this group. */
  readonly value: number;
}

/** Which of `invariance`'s models hold exactly in the population, and why. */
export interface InvarianceTruth {
  /** The highest step that holds (each step includes the ones before), or null when not even configural invariance holds. */
  readonly level: InvarianceLevel | null;
  readonly holds: { readonly configural: boolean; readonly metric: boolean; readonly scalar: boolean; readonly strict: boolean };
  /** Every raw parameter that differs from the first group's (latent means and covariances included, which no step constrains). */
  readonly differences: readonly GroupDifference[];
}

/** A sample from {@link multiGroup}. */
export interface MultiGroupSample<S extends GroupedShape = 'rows'> {
  /** Rows of group 1, then group 2, …; the group column first, then the items. */
  readonly data: GroupedTable<S>;
  readonly items: readonly string[];
  readonly factors: readonly string[];
  /** Name of the group column (pass it to `cfa`/`invariance` as `group`). */
  readonly group: string;
  /** The groups' labels, in order. */
  readonly groups: readonly string[];
  /** Rows over all groups. */
  readonly n: number;
  readonly seed: string;
  /** Number of item cells set missing. */
  readonly nMissing: number;
  readonly population: {
    /** The base structure in lavaan syntax: pass it to `cfa`/`invariance` with `group`. */
    readonly model: string;
    readonly groups: readonly MultiGroupPopulation[];
    readonly invariance: InvarianceTruth;
  };
}

const OPTIONS = ['loadings', 'factorCovariance', 'residualVariances', 'intercepts', 'factorMeans', 'groups', 'seed', 'names', 'factorNames', 'group', 'shape', 'missing'] as const;
const GROUP_OPTIONS = ['label', 'n', 'loadings', 'factorCovariance', 'factorMeans', 'residualVariances', 'intercepts'] as const;
const LIMIT = 1e100;
/** Relative tolerance of "equal" and "proportional" between groups. */
const TOLERANCE = 1e-12;

/** Λ (p × m, or p rows of m when given): finite, bounded, every item and factor with a non-zero loading. */
function loadingsOf(value: unknown, option: string, p?: number, m?: number): { lambda: Float64Array; p: number; m: number } {
  const rows = numberMatrix(value, option, p, m);
  const P = rows.length;
  const M = rows[0]!.length;
  const lambda = new Float64Array(P * M);
  rows.forEach((row, j) =>
    row.forEach((v, f) => {
      if (!(Math.abs(v) <= LIMIT)) throw fail('INVALID_OPTION', `\`${option}[${j}][${f}]\` must be at most 1e100 in magnitude; got ${v}.`, { option, row: j, value: v });
      lambda[j * M + f] = v;
    }),
  );
  rows.forEach((row, j) => {
    if (row.every((v) => v === 0)) throw fail('INVALID_OPTION', `Item ${j} (\`${option}[${j}]\`) loads on no factor: every item needs a non-zero loading.`, { option, row: j });
  });
  for (let f = 0; f < M; f++) {
    if (rows.every((row) => row[f] === 0)) throw fail('INVALID_OPTION', `Factor ${f} (column ${f} of \`${option}\`) has no indicator: every factor needs a non-zero loading.`, { option, column: String(f) });
  }
  return { lambda, p: P, m: M };
}

const same = (a: number, b: number): boolean => Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

interface Group {
  readonly label: string;
  readonly n: number;
  readonly lambda: Float64Array;
  readonly phi: Float64Array;
  readonly kappa: Float64Array;
  readonly theta: Float64Array;
  readonly nu: Float64Array;
}

/** Whether d lies in the column space of Λ (p × m): its least-squares residual is ~0 (QR, rank-revealing). */
function inColumnSpace(d: Float64Array, lambda: Float64Array, p: number, m: number): boolean {
  const scale = Math.max(1, ...Array.from(d, Math.abs));
  const columnMajor = new Float64Array(p * m);
  for (let j = 0; j < p; j++) for (let f = 0; f < m; f++) columnMajor[f * p + j] = lambda[j * m + f] as number;
  const { residualSumOfSquares } = qrLeastSquares(householderQr(columnMajor, p, m), d);
  return Math.sqrt(residualSumOfSquares) <= 1e-9 * scale;
}

/** The invariance truth of the groups against the first (and the base pattern). */
function invarianceTruth(groups: readonly Group[], basePattern: Float64Array, items: readonly string[], factors: readonly string[]): InvarianceTruth {
  const p = items.length;
  const m = factors.length;
  const first = groups[0]!;
  const differences: GroupDifference[] = [];
  const add = (group: string, set: GroupParameterSet, lhs: string, op: GroupDifference['op'], rhs: string, reference: number, value: number) =>
    differences.push({ group, set, lhs, op, rhs, parameter: op === '~1' ? `${lhs} ~1` : `${lhs} ${op} ${rhs}`, reference, value });
  let configural = true;
  let metric = true;
  let scalar = true;
  let strict = true;
  for (const g of groups) {
    for (let j = 0; j < p * m; j++) if (((g.lambda[j] as number) === 0) !== ((basePattern[j] as number) === 0)) configural = false;
  }
  for (const g of groups.slice(1)) {
    for (let f = 0; f < m; f++) {
      for (let j = 0; j < p; j++) {
        const a = first.lambda[j * m + f] as number;
        const b = g.lambda[j * m + f] as number;
        if (!same(a, b)) add(g.label, 'loadings', factors[f]!, '=~', items[j]!, a, b);
      }
      // Metric: this factor's column proportional to the first group's (the marker scaling absorbs the ratio).
      let marker = 0;
      while (marker < p && (first.lambda[marker * m + f] as number) === 0) marker++;
      if (marker === p || (g.lambda[marker * m + f] as number) === 0) metric = false;
      else {
        const ratio = (g.lambda[marker * m + f] as number) / (first.lambda[marker * m + f] as number);
        for (let j = 0; j < p; j++) if (!same(g.lambda[j * m + f] as number, ratio * (first.lambda[j * m + f] as number))) metric = false;
      }
    }
    const d = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      const a = first.nu[j] as number;
      const b = g.nu[j] as number;
      if (!same(a, b)) add(g.label, 'intercepts', items[j]!, '~1', '', a, b);
      d[j] = b - a;
    }
    if (!inColumnSpace(d, first.lambda, p, m)) scalar = false;
    for (let j = 0; j < p; j++) {
      const a = first.theta[j] as number;
      const b = g.theta[j] as number;
      if (!same(a, b)) {
        add(g.label, 'residuals', items[j]!, '~~', items[j]!, a, b);
        strict = false;
      }
    }
    for (let f = 0; f < m; f++) {
      for (let h = f; h < m; h++) {
        const a = first.phi[f * m + h] as number;
        const b = g.phi[f * m + h] as number;
        if (!same(a, b)) add(g.label, f === h ? 'lv.variances' : 'lv.covariances', factors[f]!, '~~', factors[h]!, a, b);
      }
    }
    for (let f = 0; f < m; f++) {
      const a = first.kappa[f] as number;
      const b = g.kappa[f] as number;
      if (!same(a, b)) add(g.label, 'means', factors[f]!, '~1', '', a, b);
    }
  }
  metric &&= configural;
  scalar &&= metric;
  strict &&= scalar;
  const level: InvarianceLevel | null = strict ? 'strict' : scalar ? 'scalar' : metric ? 'metric' : configural ? 'configural' : null;
  return { level, holds: { configural, metric, scalar, strict }, differences };
}

/** Own, enumerable property (also for a name such as `__proto__`). */

/**
 * Simulates a multiple-group CFA: several groups, each a confirmatory factor model with known
 * parameters, sharing a base model from which each group overrides what should differ — so that
 * measurement invariance holds, or fails at a chosen step, by construction.
 *
 * Model, in group g: x = ν_g + Λ_g η + ε with η ~ N(κ_g, Φ_g) and ε ~ N(0, Θ_g), Θ_g = diag(θ_g):
 * the items are normal with means **μ_g = ν_g + Λ_g κ_g** and covariance
 * **Σ_g = Λ_g Φ_g Λ_gᵀ + Θ_g**. Each of `loadings`, `factorCovariance`, `factorMeans`,
 * `residualVariances`, `intercepts` is the base value unless the group gives its own. The default
 * residual variances are computed once, from the base (θⱼ = 1 − λⱼᵀΦλⱼ), and shared: a group that
 * overrides only Φ or κ keeps the base θ, so its measurement stays invariant.
 *
 * The invariance truth follows the nested models of `invariance` (Meredith 1993), judged against
 * the first group: **configural** — every group has the base pattern of non-zero loadings;
 * **metric** — and each factor's loadings are proportional to the first group's (equal in the
 * marker scaling, the ratio going into the factor variance); **scalar** — and each group's
 * intercepts differ from the first's by a vector Λ₁δ (a latent mean difference, which the scalar
 * model frees); **strict** — and equal residual variances. Differences in Φ and κ are structural:
 * no step constrains them. `level` is the highest step that holds; `differences` lists every raw
 * parameter that differs from the first group (lavaan-style rows, with the `groupPartial` string).
 *
 * Each group's `parameters` are the rows of `cfa` fitted to that group alone with
 * `meanStructure: true` (and of that group in the configural multi-group fit), in both scalings,
 * as `simulate.cfa` reports them: latent means fixed at 0, so the intercepts are μ_g.
 *
 * Draw order (fixes the stream for a seed): group by group, the rows of group g come from
 * `randomStream(seed + ':' + label)` exactly as `simulate.cfa` draws (per row p normals z,
 * x = μ_g + Lz with LLᵀ = Σ_g); with `missing: q`, holes from `randomStream(seed + ':' + label + ':missing')`.
 * So group g's rows are `simulate.cfa`'s data for the seed `seed + ':' + label` with intercepts μ_g,
 * and they do not change when another group's size or parameters change.
 *
 * Throws `INVALID_OPTION` as `simulate.cfa` does, and for fewer than 2 groups, a missing or empty
 * label, a group override of the wrong size, more than 10,000,000 rows in all, `shape: 'matrix'`
 * or an unknown option (also inside a group); `DUPLICATE_NAME` for repeated labels or names, or a
 * group column named like an item.
 *
 * Reference: Meredith, W. (1993). Measurement invariance, factor analysis and factorial invariance.
 * Psychometrika, 58, 525–543.
 *
 * @example
 * ```ts
 * import { invariance } from 'psychkit';
 * import { simulate } from 'psychkit/testing';
 * const sim = simulate.multiGroup({
 *   loadings: [[0.8], [0.7], [0.6], [0.5]],
 *   groups: [
 *     { label: 'peer', n: 400 },
 *     { label: 'clinician', n: 300, intercepts: [0, 0, 0.5, 0], factorMeans: [0.3] },
 *   ],
 *   seed: 1,
 * });
 * sim.population.invariance.level; // 'metric': the intercept of item3 differs
 * const mi = invariance(sim.data, { model: sim.population.model, group: sim.group });
 * mi.models.map((m) => [m.step, m.test?.p]);
 * ```
 */
export function multiGroup<S extends GroupedShape = 'rows'>(options: MultiGroupOptions<S>): MultiGroupSample<S> {
  const fn = 'simulate.multiGroup';
  const o = requiredOptions(options, fn, OPTIONS);
  const base = loadingsOf(o['loadings'], 'loadings');
  const { p, m } = base;
  const phi = factorCovarianceOf(o['factorCovariance'], m);
  const items = syntaxNames(o['names'], 'names', Array.from({ length: p }, (_, j) => `item${j + 1}`));
  const factors = syntaxNames(o['factorNames'], 'factorNames', Array.from({ length: m }, (_, f) => `f${f + 1}`));
  distinctNames([
    ['names', items],
    ['factorNames', factors],
  ]);
  let theta: Float64Array;
  if (o['residualVariances'] !== undefined) theta = positiveValues(o['residualVariances'], p, 'residualVariances');
  else {
    theta = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      let h = 0;
      for (let f = 0; f < m; f++) for (let g = 0; g < m; g++) h += (base.lambda[j * m + f] as number) * (phi[f * m + g] as number) * (base.lambda[j * m + g] as number);
      if (!(h < 1)) {
        throw fail('INVALID_OPTION', `Item "${items[j]}" has common variance ${h} ≥ 1 in the base model, so the default residual variance 1 − ${h} is not positive. Give \`residualVariances\` for loadings on a raw scale.`, { option: 'loadings', row: j, value: h });
      }
      theta[j] = 1 - h;
    }
  }
  const nu = interceptsOf(o['intercepts'], p);
  const kappa = interceptsOf(o['factorMeans'], m, 'factorMeans');

  const rawGroups = o['groups'];
  if (!Array.isArray(rawGroups) || rawGroups.length < 2) {
    throw fail('INVALID_OPTION', `${fn}: \`groups\` must list at least 2 groups ({ label, n, …overrides }); got ${describe(rawGroups)}. For one group use simulate.cfa.`, { option: 'groups', value: rawGroups });
  }
  const groups: Group[] = rawGroups.map((raw, g) => {
    const at = `groups[${g}]`;
    const go = strictOptions<Record<string, unknown>>(raw, `${fn} ${at}`, GROUP_OPTIONS);
    const label = go['label'];
    if (typeof label !== 'string' || label === '') throw fail('INVALID_OPTION', `\`${at}.label\` must be a non-empty string; got ${describe(label)}.`, { option: `${at}.label`, value: label });
    const n = sampleSize(go['n'], `${fn} ${at}`);
    return {
      label,
      n,
      lambda: go['loadings'] === undefined ? base.lambda : loadingsOf(go['loadings'], `${at}.loadings`, p, m).lambda,
      phi: go['factorCovariance'] === undefined ? phi : factorCovarianceOf(go['factorCovariance'], m, `${at}.factorCovariance`),
      kappa: go['factorMeans'] === undefined ? kappa : interceptsOf(go['factorMeans'], m, `${at}.factorMeans`),
      theta: go['residualVariances'] === undefined ? theta : positiveValues(go['residualVariances'], p, `${at}.residualVariances`),
      nu: go['intercepts'] === undefined ? nu : interceptsOf(go['intercepts'], p, `${at}.intercepts`),
    };
  });
  const labels = groups.map((g) => g.label);
  const twice = labels.find((l, i) => labels.indexOf(l) !== i);
  if (twice !== undefined) throw fail('DUPLICATE_NAME', `The group label "${twice}" is used twice in \`groups\`.`, { option: 'groups', value: twice });
  const total = groups.reduce((s, g) => s + g.n, 0);
  if (total > MAX_SIMULATED_ROWS) throw fail('INVALID_OPTION', `${fn}: the groups hold ${total} rows in all; at most ${MAX_SIMULATED_ROWS} are simulated.`, { option: 'groups', value: total });
  const groupColumn = o['group'] === undefined ? 'group' : o['group'];
  if (typeof groupColumn !== 'string' || groupColumn === '') throw fail('INVALID_OPTION', `\`group\` must be a non-empty string (the name of the group column); got ${describe(groupColumn)}.`, { option: 'group', value: groupColumn });
  if (items.includes(groupColumn)) throw fail('DUPLICATE_NAME', `The group column "${groupColumn}" has the name of an item.`, { option: 'group', column: groupColumn });
  const seed = requiredSeed(o['seed'], fn);
  const shape = oneOf<GroupedShape>('shape', o['shape'], ['rows', 'columns'], 'rows') as S;
  const missing = missingShare(o['missing']);

  const populations: MultiGroupPopulation[] = [];
  const drawn: Float64Array[][] = [];
  let nMissing = 0;
  for (const g of groups) {
    // μ_g = ν_g + Λ_g κ_g: the configural (single-group) model's intercepts.
    const mu = Float64Array.from(g.nu, (v, j) => {
      let s = v;
      for (let f = 0; f < m; f++) s += (g.lambda[j * m + f] as number) * (g.kappa[f] as number);
      return s;
    });
    mu.forEach((v, j) => {
      if (!(Math.abs(v) <= LIMIT)) throw fail('INVALID_OPTION', `Item "${items[j]}" would have mean ${v} in group "${g.label}", beyond 1e100.`, { option: 'factorMeans', row: j, value: v });
    });
    const structure: LatentStructure = { items, latent: factors, lambda: g.lambda, b: new Float64Array(m * m), psi: g.phi, theta: g.theta, nu: mu, regressions: [], definitions: [] };
    const moments = momentsOf(structure);
    populations.push({
      label: g.label,
      n: g.n,
      loadings: matrixRows(g.lambda, p, m),
      standardizedLoadings: standardizedLoadings(structure, moments),
      factorCovariance: toRows(g.phi, m),
      factorCorrelation: correlationRows(g.phi, m),
      factorMeans: Array.from(g.kappa),
      residualVariances: Array.from(g.theta),
      intercepts: Array.from(g.nu),
      means: Array.from(mu),
      covariance: toRows(moments.covariance, p),
      correlation: correlationRows(moments.covariance, p),
      parameters: populationParameters(structure, moments),
    });
    const draws = drawNormal(moments.covariance, mu, g.n, `${String(seed)}:${g.label}`, missing);
    drawn.push(draws.columns);
    nMissing += draws.nMissing;
  }

  const cell = (x: number): number | null => (Number.isNaN(x) ? null : x);
  let data: unknown;
  if (shape === 'columns') {
    const out: Record<string, (number | string | null)[]> = {};
    const labelColumn: string[] = [];
    for (const g of groups) for (let i = 0; i < g.n; i++) labelColumn.push(g.label);
    put(out, groupColumn, Object.freeze(labelColumn));
    items.forEach((item, j) => {
      const column: (number | null)[] = [];
      for (const cols of drawn) for (const v of cols[j]!) column.push(cell(v));
      put(out, item, Object.freeze(column));
    });
    data = Object.freeze(out);
  } else {
    const out: Record<string, number | string | null>[] = [];
    groups.forEach((g, k) => {
      const cols = drawn[k]!;
      for (let i = 0; i < g.n; i++) {
        const row: Record<string, number | string | null> = {};
        put(row, groupColumn, g.label);
        for (let j = 0; j < p; j++) put(row, items[j]!, cell(cols[j]![i]!));
        out.push(Object.freeze(row));
      }
    });
    data = Object.freeze(out);
  }
  const baseStructure: LatentStructure = { items, latent: factors, lambda: base.lambda, b: new Float64Array(m * m), psi: phi, theta, nu, regressions: [], definitions: [] };
  return deepFreeze({
    data,
    items,
    factors,
    group: groupColumn,
    groups: labels,
    n: total,
    seed: String(seed),
    nMissing,
    population: withoutNegativeZero({
      model: syntaxOf(baseStructure),
      groups: populations,
      invariance: invarianceTruth(groups, base.lambda, items, factors),
    }),
  }) as unknown as MultiGroupSample<S>;
}
