import { fail, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import { listwise } from '../data/complete.js';
import { readNumericColumns } from '../data/numeric.js';
import { categoricalColumn } from '../data/categorical.js';
import { tableView, type ReadTableOptions, type Table, type TableView } from '../data/table.js';
import { symmetricEigen } from '../linalg/eigen.js';
import { choleskyInPlace, inverseFromCholesky } from '../linalg/solve.js';
import { normalQuantile, normalTwoSided } from '../probability/index.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field } from '../util/options.js';
import type { Seed } from '../random/index.js';
import { summariseBootstrap, type BootstrapInterval } from '../resampling/intervals.js';
import { bootstrapSettings, RESAMPLING_FIELDS, type BootstrapInfo } from '../resampling/settings.js';
import { bootstrapSem } from './bootstrap.js';
import type { Matrix } from '../util/types.js';
import { evaluateDefinitions, type Dual } from './defined.js';
import { Fitter, minimize, type Objective, type SampleMoments } from './estimate.js';
import { FimlObjective, missingPatterns, patternLogLikelihood, saturatedMoments, type MissingData, type SaturatedMoments } from './fiml.js';
import { baselineDegrees, fitMeasures, type SemFitMeasures } from './fit-measures.js';
import { observedInformation, robustInference } from './robust.js';
import { derivatives, modelWorkspace, fillMatrices, impliedMoments, type ModelWorkspace } from './model.js';
import { modificationIndices, type InformationPattern } from './modification.js';
import type { ModelSpecification, ParameterOp } from './specification.js';
import { GROUP_EQUAL, GroupedObjective, specifyGroups, type GroupEqual } from './groups.js';

/** Options of {@link cfa} and {@link sem}. */
export interface SemOptions extends ReadTableOptions {
  /** The model in lavaan syntax (`=~`, `~`, `~~`, `~ 1`, `:=`, labels, fixed values, `NA*`). */
  readonly model: string;
  /** Scale each latent by fixing its (residual) variance to 1 and freeing every loading (lavaan's `std.lv`). Default false: the first loading is fixed to 1. */
  readonly stdLv?: boolean;
  /** Add intercepts and latent means (lavaan's `meanstructure`). Default false (added anyway when the syntax has `~ 1`). */
  readonly meanStructure?: boolean;
  /** Fix the covariances of exogenous latents to 0 (lavaan's `orthogonal`). Default false. */
  readonly orthogonal?: boolean;
  /**
   * `'ML'` (default): normal-theory maximum likelihood, SEs from the expected information.
   * `'MLR'`: the same estimates with Huber–White SEs (observed information) and the Yuan–Bentler
   * scaled χ² (lavaan's `estimator = "MLR"`).
   */
  readonly estimator?: 'ML' | 'MLR';
  /**
   * `'listwise'` (default): rows with a missing value on any model variable are left out.
   * `'fiml'`: full-information ML over every row with at least one observed value (lavaan's
   * `missing = "ml"`; adds a mean structure; SEs from the observed information).
   */
  readonly missing?: 'listwise' | 'fiml';
  /** Level of the Wald (or bootstrap) intervals. Default 0.95. */
  readonly confidence?: number;
  /**
   * Bootstrap resamples (lavaan's `se = "bootstrap"`): 0 (default) for none; otherwise every free
   * and defined parameter's SE and interval come from that many case resamples (at least 1,000,
   * or 2–999 with `allowFewResamples`). Not with `estimator: 'MLR'`, as in lavaan.
   */
  readonly resamples?: number;
  /** Allow 2–999 resamples (for exploring). */
  readonly allowFewResamples?: boolean;
  /** Seed of the resampling stream; the result reports the seed used. */
  readonly seed?: Seed;
  /** Bootstrap interval: `'percentile'` (default) or `'bias-corrected'`. */
  readonly interval?: BootstrapInterval;
  /** Called with (resamples done, total) about every 1% of the bootstrap. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * A column whose values split the rows into groups, each with its own parameters (lavaan's
   * `group`); groups in order of first appearance (as lavaan), or as `groupLabels` lists them.
   * Rows with a missing group are left out. Adds a mean structure, as lavaan.
   */
  readonly group?: string;
  /** The groups' values in the order wanted (every value the column holds). */
  readonly groupLabels?: readonly string[];
  /**
   * Parameter sets held equal across groups (lavaan's `group.equal`): `'loadings'`,
   * `'intercepts'`, `'means'`, `'regressions'`, `'residuals'`, `'residual.covariances'`,
   * `'lv.variances'`, `'lv.covariances'`. With `'intercepts'` (and not `'means'`) the latent means
   * of groups 2 … G are freed, as lavaan.
   */
  readonly groupEqual?: readonly GroupEqual[];
  /** Parameters exempt from `groupEqual`, e.g. `['visual =~ x2', 'x3 ~ 1']` (lavaan's `group.partial`). */
  readonly groupPartial?: readonly string[];
}

/** One row of the parameter table (lavaan's `parameterEstimates(fit, standardized = TRUE)`). */
export interface SemParameter {
  /** The group's label (a value of the `group` column); null in a single-group model and for `:=` rows. */
  readonly group: string | null;
  readonly lhs: string;
  /** `=~` loading, `~` regression, `~~` (co)variance, `~1` intercept or mean, `:=` defined parameter. */
  readonly op: ParameterOp | ':=';
  /** The right-hand variable; for `:=` the expression; `''` for `~1`. */
  readonly rhs: string;
  /** The label written in the syntax (the name, for `:=`), or `''`. */
  readonly label: string;
  /** A free parameter (false: fixed, or defined). */
  readonly free: boolean;
  readonly estimate: number;
  /** Standard error; null for a fixed parameter (lavaan prints NA; SE 0). */
  readonly se: number | null;
  /** z = estimate / se. */
  readonly statistic: number | null;
  readonly p: number | null;
  /** Wald interval (a fixed parameter's bounds are its value, as lavaan). */
  readonly lower: number;
  readonly upper: number;
  /** Standardized on the latent variables (lavaan's `std.lv`); null when a variance it divides by is not positive (a Heywood case). */
  readonly stdLv: number | null;
  /** Standardized on latent and observed variables (lavaan's `std.all`); null as `stdLv`. */
  readonly stdAll: number | null;
}

/** Reliability of one factor's indicators (semTools' `compRelSEM` and `reliability`). */
export interface FactorReliability {
  /** The group's label; null in a single-group model. */
  readonly group: string | null;
  readonly factor: string;
  /** The indicators (observed variables with a nonzero loading on the factor). */
  readonly columns: readonly string[];
  /** Composite reliability ω = (Σλ)²·Var(f) / Var(Σ items) with the observed variance of the sum (semTools' `compRelSEM` default, `omega3`). */
  readonly omega: number;
  /** The same with the model-implied variance of the sum (semTools' `omega2`). */
  readonly omegaImplied: number;
  /** Average variance extracted: Σλ²Var(f) / (Σλ²Var(f) + Σθᵢᵢ) (Fornell & Larcker 1981; semTools' `avevar`). */
  readonly ave: number;
  /** Cronbach's α of the indicators from the sample covariance. */
  readonly alpha: number;
}

/** One modification index (lavaan's `modindices()` row). */
export interface ModificationIndex {
  /** The group whose parameter would be freed; null in a single-group model. */
  readonly group: string | null;
  readonly lhs: string;
  readonly op: ParameterOp;
  readonly rhs: string;
  /** The score-test χ²(1) for freeing the parameter. */
  readonly mi: number;
  /** Expected parameter change. */
  readonly epc: number;
  readonly sepcLv: number | null;
  readonly sepcAll: number | null;
}

/** One group's moments (lavaan's `lavInspect(fit, "sampstat")`, `"implied"`, `resid(fit)`). */
export interface SemGroup {
  /** The value of the `group` column; null in a single-group model. */
  readonly label: string | null;
  readonly n: number;
  readonly nDropped: number;
  /** Sample moments (covariance with divisor N, as lavaan; under FIML the EM estimates; means null when fitted from a covariance without means). */
  readonly sample: { readonly covariance: Matrix; readonly means: readonly number[] | null };
  /** Model-implied moments. */
  readonly implied: { readonly covariance: Matrix; readonly means: readonly number[] | null };
  /** Sample minus implied. */
  readonly residuals: { readonly covariance: Matrix; readonly means: readonly number[] | null };
}

/** Result of {@link cfa} or {@link sem}. */
export interface SemResult extends PsychkitResult<'cfa' | 'sem'> {
  readonly model: string;
  readonly estimator: 'ML' | 'MLR';
  readonly missing: 'listwise' | 'fiml';
  /** The grouping column, or null for a single-group model. */
  readonly group: string | null;
  /** Rows analysed, over all groups. */
  readonly n: number;
  readonly nDropped: number;
  /** Observed variables, in the order of the matrices below. */
  readonly columns: readonly string[];
  readonly latent: readonly string[];
  readonly converged: boolean;
  readonly iterations: number;
  readonly parameters: readonly SemParameter[];
  readonly fit: SemFitMeasures;
  /** R² of every endogenous variable (per group): each indicator, each observed outcome and each latent that is regressed on something. */
  readonly rSquared: readonly { readonly group: string | null; readonly variable: string; readonly rSquared: number }[];
  /** Each group's sample, implied and residual moments (one entry, label null, in a single-group model). */
  readonly groups: readonly SemGroup[];
  readonly confidence: number;
  /**
   * Modification indices of every loading, residual covariance and latent covariance the model
   * does not estimate, largest first (lavaan's `modindices()`: expected information; `epc` the
   * expected parameter change, `sepcLv`/`sepcAll` standardized as the parameter would be).
   */
  readonly modificationIndices: readonly ModificationIndex[];
  /** Composite reliability, AVE and α of every factor measured by two or more observed indicators. */
  readonly reliability: readonly FactorReliability[];
  /** How the bootstrap was run (SEs and intervals of free and defined parameters are then bootstrap ones), or null. */
  readonly bootstrap: BootstrapInfo | null;
}

const OPTION_FIELDS = {
  missingCodes: field.missingCodes(),
  model: (v: unknown, k: string): string => {
    if (typeof v !== 'string' || v.trim() === '') throw fail('INVALID_OPTION', `\`${k}\` must be lavaan model syntax (a non-empty string).`, { option: k, value: v });
    return v;
  },
  stdLv: field.boolean(false),
  meanStructure: field.boolean(false),
  orthogonal: field.boolean(false),
  estimator: field.oneOf(['ML', 'MLR'] as const, 'ML'),
  missing: field.oneOf(['listwise', 'fiml'] as const, 'listwise'),
  confidence: field.confidence(),
  resamples: field.number(0, 0, 10_000_000, { integer: true }),
  allowFewResamples: RESAMPLING_FIELDS.allowFewResamples,
  seed: RESAMPLING_FIELDS.seed,
  interval: RESAMPLING_FIELDS.interval,
  onProgress: RESAMPLING_FIELDS.onProgress,
  group: field.optionalColumn(),
  groupLabels: field.names({ required: false }),
  groupEqual: (v: unknown, k: string): readonly GroupEqual[] => {
    if (v === undefined) return [];
    const list = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(list)) throw fail('INVALID_OPTION', `\`${k}\` must be a list of parameter sets (${GROUP_EQUAL.join(', ')}).`, { option: k, value: v });
    for (const x of list) {
      if (!(GROUP_EQUAL as readonly unknown[]).includes(x)) throw fail('INVALID_OPTION', `\`${k}\`: ${JSON.stringify(x)} is not one of ${GROUP_EQUAL.join(', ')}.`, { option: k, value: x });
    }
    return [...new Set(list as GroupEqual[])];
  },
  groupPartial: field.names({ required: false }),
};
const readCfaOptions = defineOptions('cfa', OPTION_FIELDS);
const readSemOptions = defineOptions('sem', OPTION_FIELDS);
type SemSettings = ReturnType<typeof readCfaOptions.read>;

function sampleMoments(columns: readonly Float64Array[], n: number, names: readonly string[], label: string | null): SampleMoments {
  const p = columns.length;
  const mean = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    const c = columns[j]!;
    for (let i = 0; i < n; i++) s += c[i] as number;
    mean[j] = s / n;
  }
  const covariance = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    const ca = columns[a]!;
    const ma = mean[a] as number;
    for (let b = 0; b <= a; b++) {
      const cb = columns[b]!;
      const mb = mean[b] as number;
      let s = 0;
      for (let i = 0; i < n; i++) s += ((ca[i] as number) - ma) * ((cb[i] as number) - mb);
      covariance[a * p + b] = s / n;
      covariance[b * p + a] = s / n;
    }
  }
  return checkedMoments(covariance, mean, n, names, 'sample', label);
}

/** Moments as SampleMoments, after checking each variance is positive and the matrix positive definite. */
function checkedMoments(covariance: Float64Array, mean: Float64Array, n: number, names: readonly string[], what: 'sample' | 'EM', label: string | null): SampleMoments {
  const p = mean.length;
  for (let j = 0; j < p; j++) {
    if (!((covariance[j * p + j] as number) > 1e-12 * Math.max(1, Math.abs(mean[j] as number) ** 2))) throw fail('ZERO_VARIANCE', `"${names[j]}" is constant in the ${n} rows analysed${inGroup(label)}.`, { column: names[j]!, ...(label === null ? {} : { group: label }) });
  }
  const chol = Float64Array.from(covariance);
  if (!choleskyInPlace(chol, p)) {
    throw fail(
      'NOT_POSITIVE_DEFINITE',
      what === 'sample'
        ? `The sample covariance matrix of the model's ${p} observed variables${inGroup(label)} is not positive definite (a variable is a linear combination of others, or there are too few rows: n = ${n}).`
        : `The EM estimate of the covariance matrix of the model's ${p} observed variables${inGroup(label)} (FIML's saturated model) is not positive definite: some pairs of variables are never or too rarely observed together.`,
      { columns: [...names], ...(label === null ? {} : { group: label }) },
    );
  }
  let logDet = 0;
  for (let i = 0; i < p; i++) logDet += 2 * Math.log(chol[i * p + i] as number);
  return { n, p, covariance, mean, logDet };
}

/**
 * The independence model under FIML: each variable's mean and variance from its own observed
 * values (the model factors over variables), so log L = Σⱼ −(Nⱼ/2)(log 2π + log s²ⱼ + 1).
 */
function independenceLogLikelihood(data: MissingData, columns: readonly Float64Array[]): number {
  let total = 0;
  for (let j = 0; j < data.p; j++) {
    let count = 0;
    let sum = 0;
    let squares = 0;
    const col = columns[j] as Float64Array;
    for (const pat of data.patterns) {
      if (!pat.observed.includes(j)) continue;
      for (const r of pat.rows) {
        count++;
        sum += col[r] as number;
        squares += (col[r] as number) ** 2;
      }
    }
    const variance = squares / count - (sum / count) ** 2;
    total += (-count / 2) * (Math.log(2 * Math.PI) + Math.log(variance) + 1);
  }
  return total;
}

/**
 * Per factor: ω from its loadings and variance over the observed (sample, or EM under FIML) and
 * the model-implied variance of the unit-weighted sum, AVE, and α (semTools' `compRelSEM`,
 * `reliability`).
 */
function factorReliability(ws: ModelWorkspace, spec: ModelSpecification, sample: SampleMoments, group: string | null): FactorReliability[] {
  const { p, m } = ws;
  const out: FactorReliability[] = [];
  spec.latent.forEach((f, fi) => {
    const items: number[] = [];
    for (let i = 0; i < p; i++) if (spec.dummyOf[i]! < 0 && (ws.lambda[i * m + fi] as number) !== 0) items.push(i);
    const k = items.length;
    if (k < 2) return;
    const variance = ws.g[fi * m + fi] as number;
    let sum = 0;
    let squares = 0;
    let residual = 0;
    let observed = 0;
    let implied = 0;
    let diagonal = 0;
    for (const i of items) {
      const l = ws.lambda[i * m + fi] as number;
      sum += l;
      squares += l * l;
      residual += ws.theta[i * p + i] as number;
      diagonal += sample.covariance[i * p + i] as number;
      for (const j of items) {
        observed += sample.covariance[i * p + j] as number;
        implied += ws.sigma[i * p + j] as number;
      }
    }
    const trueScore = sum * sum * variance;
    out.push({
      group,
      factor: f,
      columns: items.map((i) => spec.observed[i]!),
      omega: trueScore / observed,
      omegaImplied: trueScore / implied,
      ave: (squares * variance) / (squares * variance + residual),
      alpha: (k / (k - 1)) * (1 - diagonal / observed),
    });
  });
  return out;
}

/** Modification indices of one group at the estimates (ws holds their moments), standardized as lavaan's sepc. */
function modificationResults(
  ws: ModelWorkspace,
  data: GroupData,
  weight: number,
  information: Float64Array,
  n: number,
  standard: GroupStandardizer,
): ModificationIndex[] {
  const { spec, sample, missingData } = data;
  const p = ws.p;
  derivatives(ws);
  const all = Int32Array.from({ length: p }, (_, i) => i);
  const block = (observed: Int32Array, mean: Float64Array, covariance: Float64Array): Omit<InformationPattern, 'weight'> | null => {
    const k = observed.length;
    const chol = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) chol[a * k + b] = ws.sigma[(observed[a] as number) * p + (observed[b] as number)] as number;
    if (!choleskyInPlace(chol, k)) return null;
    const moments = Float64Array.from(covariance);
    let deviation: Float64Array | null = null;
    if (spec.meanStructure) {
      deviation = Float64Array.from(observed, (v, a) => (mean[a] as number) - (ws.mu[v] as number));
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) moments[a * k + b] = (moments[a * k + b] as number) + (deviation[a] as number) * (deviation[b] as number);
    }
    return { observed, inverse: inverseFromCholesky(chol, k), moments, deviation };
  };
  const patterns: InformationPattern[] = [];
  if (missingData === null) {
    const b = block(all, sample.mean, sample.covariance);
    if (b === null) return [];
    patterns.push({ ...b, weight });
  } else {
    for (const pat of missingData.patterns) {
      const b = block(pat.observed, pat.mean, pat.covariance);
      if (b === null) return [];
      patterns.push({ ...b, weight: (weight * pat.rows.length) / missingData.n });
    }
  }
  const { sd, variance, isLatent } = standard;
  return modificationIndices(ws, patterns, information, n).map((r) => {
    const sign = Math.sign(r.epc);
    const std = (scale: (v: string) => number, scaled: (v: string) => boolean) => finiteOrNull(sign * standardized(r.op, r.lhs, r.rhs, Math.abs(r.epc), scale, variance, scaled));
    return { group: data.label, lhs: r.lhs, op: r.op, rhs: r.rhs, mi: r.mi, epc: r.epc, sepcLv: std(sd.lv, isLatent), sepcAll: std(sd.all, () => true) };
  });
}

/** lavaan-like start values: loadings from the marker's covariances, residual variances half the observed. */
function startValues(spec: ModelSpecification, sample: SampleMoments): Float64Array {
  const { p } = sample;
  const start = new Float64Array(spec.nFree).fill(Number.NaN);
  const ov = new Map(spec.observed.map((v, i) => [v, i]));
  const cov = (a: string, b: string) => sample.covariance[ov.get(a)! * p + ov.get(b)!] as number;
  const latentVariance = new Map<string, number>();
  for (const f of spec.latent) {
    const loadings = spec.rows.filter((r) => r.op === '=~' && r.lhs === f && ov.has(r.rhs));
    const marker = loadings.find((r) => r.free === 0 && r.value !== 0);
    const scaleFixed = spec.rows.find((r) => r.op === '~~' && r.lhs === f && r.rhs === f && r.free === 0);
    const v = scaleFixed !== undefined ? scaleFixed.value : marker !== undefined ? Math.max(cov(marker.rhs, marker.rhs) / 2, 1e-3) : 1;
    latentVariance.set(f, v);
  }
  for (const r of spec.rows) {
    if (r.free === 0 || !Number.isNaN(start[r.free - 1] as number)) continue;
    let value = r.value;
    if (Number.isNaN(value)) {
      if (r.op === '=~' && ov.has(r.rhs)) {
        const v = latentVariance.get(r.lhs)!;
        const marker = spec.rows.find((s) => s.op === '=~' && s.lhs === r.lhs && s.free === 0 && s.value !== 0 && ov.has(s.rhs));
        value = marker !== undefined ? cov(r.rhs, marker.rhs) / (marker.value * v) : Math.sqrt(cov(r.rhs, r.rhs) / 2 / v);
      } else if (r.op === '=~') value = 1;
      else if (r.op === '~~' && r.lhs === r.rhs) value = ov.has(r.lhs) ? cov(r.lhs, r.lhs) / 2 : latentVariance.get(r.lhs) ?? 0.05;
      else if (r.op === '~1') value = ov.has(r.lhs) ? (sample.mean[ov.get(r.lhs)!] as number) : 0;
      else value = 0;
    }
    start[r.free - 1] = value;
  }
  return start;
}

/** Which parameter a singular information matrix cannot pin down: the largest entry of its null direction. */
function unidentifiedParameter(info: Float64Array, q: number, groups: readonly { readonly spec: ModelSpecification; readonly label: string | null }[]): string {
  const { values, vectors } = symmetricEigen(info, q);
  let smallest = 0;
  for (let i = 1; i < q; i++) if ((values[i] as number) < (values[smallest] as number)) smallest = i;
  let worst = 0;
  for (let i = 1; i < q; i++) if (Math.abs(vectors[i * q + smallest] as number) > Math.abs(vectors[worst * q + smallest] as number)) worst = i;
  const g = groups.find((x) => x.spec.rows.some((r) => r.free === worst + 1))!;
  const row = g.spec.rows.find((r) => r.free === worst + 1)!;
  return (row.op === '~1' ? `${row.lhs} ~ 1` : `${row.lhs} ${row.op} ${row.rhs}`) + inGroup(g.label);
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function matrixRows(m: Float64Array, p: number): number[][] {
  return Array.from({ length: p }, (_, i) => Array.from(m.subarray(i * p, (i + 1) * p)));
}

interface Standardizer {
  lv(v: string): number;
  all(v: string): number;
}

function standardizer(ws: ModelWorkspace): Standardizer {
  const { spec, m, p } = ws;
  const latent = new Set(spec.latent);
  const eta = new Map(spec.eta.map((v, i) => [v, i]));
  const ov = new Map(spec.observed.map((v, i) => [v, i]));
  const sdEta = (v: string) => Math.sqrt(ws.g[eta.get(v)! * m + eta.get(v)!] as number);
  return {
    lv: (v) => (latent.has(v) ? sdEta(v) : 1),
    all: (v) => (latent.has(v) ? sdEta(v) : Math.sqrt(ws.sigma[ov.get(v)! * p + ov.get(v)!] as number)),
  };
}

/**
 * A row's standardized value, as lavaan's `standardizedSolution`: variances and intercepts by the
 * variables' total SDs; a covariance (lhs ≠ rhs) by the square roots of the two (residual)
 * variance parameters, so a residual covariance becomes a residual correlation (lavaan's
 * `cov.std = TRUE`; abs() as lavaan, for Heywood cases). `scaled(v)` says whether v is rescaled
 * at this level (latents for std.lv; every variable for std.all).
 */
function standardized(op: ParameterOp, lhs: string, rhs: string, value: number, sd: (v: string) => number, variance: (v: string) => number, scaled: (v: string) => boolean): number {
  switch (op) {
    case '=~':
      return (value * sd(lhs)) / sd(rhs);
    case '~':
      return (value * sd(rhs)) / sd(lhs);
    case '~~':
      if (lhs === rhs) return value / (sd(lhs) * sd(rhs));
      return value / ((scaled(lhs) ? Math.sqrt(Math.abs(variance(lhs))) : 1) * (scaled(rhs) ? Math.sqrt(Math.abs(variance(rhs))) : 1));
    case '~1':
      return value / sd(lhs);
  }
}

/** One group's data and model. */
interface GroupData {
  readonly label: string | null;
  readonly spec: ModelSpecification;
  readonly n: number;
  readonly nDropped: number;
  readonly sample: SampleMoments;
  /** The rows analysed (complete rows; every row under FIML); null when fitted from moments. */
  readonly columns: readonly Float64Array[] | null;
  readonly missingData: MissingData | null;
  readonly saturated: SaturatedMoments | null;
  /** False when fitted from a covariance matrix without means. */
  readonly hasMeans: boolean;
}

interface GroupStandardizer {
  readonly sd: Standardizer;
  readonly variance: (v: string) => number;
  readonly isLatent: (v: string) => boolean;
}

/** `' in group "g"'`, for messages. */
function inGroup(label: string | null): string {
  return label === null ? '' : ` in group "${label}"`;
}

/** The rows of each group (lavaan's `group`: groups in order of first appearance, rows with no group left out). */
function splitGroups(view: TableView, o: SemSettings): { labels: (string | null)[]; rows: (Int32Array | null)[]; dropped: number } {
  if (o.group === undefined) return { labels: [null], rows: [null], dropped: 0 };
  const column = categoricalColumn(view, o.group, o.groupLabels.length > 0 ? o.groupLabels : undefined);
  const seen: string[] = [];
  const rows = new Map<string, number[]>();
  let dropped = 0;
  column.values.forEach((v, i) => {
    if (v === null) {
      dropped++;
      return;
    }
    let list = rows.get(v);
    if (list === undefined) {
      list = [];
      rows.set(v, list);
      seen.push(v);
    }
    list.push(i);
  });
  const labels = o.groupLabels.length > 0 ? [...o.groupLabels] : seen;
  for (const label of labels) {
    if (!rows.has(label)) throw fail('INVALID_OPTION', `\`groupLabels\`: no row has "${label}" in "${o.group}".`, { option: 'groupLabels', value: label, column: o.group });
  }
  if (labels.length === 0) throw fail('TOO_FEW_CASES', `Every row's "${o.group}" is missing: there is no group to fit.`, { column: o.group, n: 0 });
  return { labels, rows: labels.map((l) => Int32Array.from(rows.get(l)!)), dropped };
}

/** One group's sample moments (and missing-data patterns under FIML) from its rows. */
function groupFromRows(spec: ModelSpecification, label: string | null, read: readonly Float64Array[], rows: number, fiml: boolean): GroupData {
  const p = spec.observed.length;
  const where = inGroup(label);
  if (fiml) {
    const missingData = missingPatterns(read, rows);
    const n = missingData.n;
    if (n < 2) throw fail('TOO_FEW_CASES', `${n} row${n === 1 ? '' : 's'} with an observed value on the model's ${p} variables${where}; FIML needs at least 2.`, { n, ...(label === null ? {} : { group: label }) });
    for (let j = 0; j < p; j++) {
      const observed = missingData.patterns.reduce((sum, pat) => sum + (pat.observed.includes(j) ? pat.rows.length : 0), 0);
      if (observed < 2) throw fail('TOO_FEW_CASES', `"${spec.observed[j]}" is observed in ${observed} row${observed === 1 ? '' : 's'}${where}; FIML needs at least 2 values of each variable.`, { column: spec.observed[j]!, n: observed });
    }
    const saturated = saturatedMoments(missingData, read);
    const sample = checkedMoments(saturated.covariance, saturated.mean, n, spec.observed, 'EM', label);
    return { label, spec, n, nDropped: rows - n, sample, columns: read, missingData, saturated, hasMeans: true };
  }
  const complete = listwise({ names: spec.observed, n: rows, columns: read });
  const n = complete.n;
  if (n < 2) throw fail('TOO_FEW_CASES', `${n} complete row${n === 1 ? '' : 's'} for the model's ${p} observed variables${where}; a covariance needs at least 2.`, { n, ...(label === null ? {} : { group: label }) });
  return { label, spec, n, nDropped: complete.nDropped, sample: sampleMoments(complete.columns, n, spec.observed, label), columns: complete.columns, missingData: null, saturated: null, hasMeans: true };
}

/** The rows' values fixed at a sample moment (exogenous covariates, fixed.x); other rows their fixed value. */
function fixedValues(spec: ModelSpecification, sample: SampleMoments): Float64Array {
  const p = spec.observed.length;
  const ov = new Map(spec.observed.map((v, i) => [v, i]));
  return Float64Array.from(spec.rows, (r) => {
    if (!r.sampleMoment) return r.value;
    return r.op === '~1' ? (sample.mean[ov.get(r.lhs)!] as number) : (sample.covariance[ov.get(r.lhs)! * p + ov.get(r.rhs)!] as number);
  });
}

function fitModel(kind: 'cfa' | 'sem', table: Table, o: SemSettings): SemResult {
  const fiml = o.missing === 'fiml';
  if (o.group === undefined) {
    for (const key of ['groupEqual', 'groupPartial', 'groupLabels'] as const) {
      if (o[key].length > 0) throw fail('INVALID_OPTION', `\`${key}\` needs \`group\` (the column that splits the rows into groups).`, { option: key });
    }
  }
  const view = tableView(table, o.missingCodes);
  const split = splitGroups(view, o);
  const G = split.labels.length;
  const specs = specifyGroups(
    o.model,
    { stdLv: o.stdLv, meanStructure: o.meanStructure || fiml || o.group !== undefined, orthogonal: o.orthogonal },
    { groups: G, groupEqual: o.groupEqual, groupPartial: o.groupPartial },
  );
  const spec0 = specs[0]!;
  if (o.group !== undefined && spec0.observed.includes(o.group)) throw fail('INVALID_OPTION', `The group column "${o.group}" is also a variable of the model.`, { option: 'group', column: o.group });
  if (fiml && spec0.exogenous.length > 0) {
    throw fail('INVALID_OPTION', `missing: 'fiml' with exogenous observed covariates (${spec0.exogenous.join(', ')}) is not supported yet: psychkit would have to model their distribution (lavaan's fixed.x = FALSE). Use missing: 'listwise', or make them indicators of single-indicator latents.`, { option: 'missing', columns: [...spec0.exogenous] });
  }
  if (fiml && o.estimator === 'MLR') throw fail('INVALID_OPTION', "estimator: 'MLR' with missing: 'fiml' is not supported yet; use one of them.", { option: 'estimator' });
  const read = readNumericColumns(view, spec0.observed);
  const groups = specs.map((spec, g) => {
    const rows = split.rows[g]!;
    if (rows === null) return groupFromRows(spec, split.labels[g]!, read, view.nRows, fiml);
    return groupFromRows(spec, split.labels[g]!, read.map((c) => Float64Array.from(rows, (r) => c[r] as number)), rows.length, fiml);
  });
  return estimateGroups(kind, o, groups, split.dropped);
}

/** Fits the model to every group's moments (and rows, where the estimator needs them). */
function estimateGroups(kind: 'cfa' | 'sem', o: SemSettings, groups: readonly GroupData[], droppedGroupless: number): SemResult {
  const spec0 = groups[0]!.spec;
  const G = groups.length;
  const p = spec0.observed.length;
  const q = spec0.nFree;
  const n = groups.reduce((s, g) => s + g.n, 0);
  const nDropped = droppedGroupless + groups.reduce((s, g) => s + g.nDropped, 0);
  const weights = groups.map((g) => g.n / n);
  const workspaces = groups.map((g) => modelWorkspace(g.spec));
  const fixed = groups.map((g) => fixedValues(g.spec, g.sample));
  const px = spec0.exogenous.length;
  const means = spec0.meanStructure;
  const groupMoments = (p * (p + 1)) / 2 + (means ? p : 0) - (px * (px + 1)) / 2 - (means ? px : 0);
  if (q > G * groupMoments) {
    throw fail('NOT_IDENTIFIED', `The model has ${q} free parameters but the data give only ${G * groupMoments} moments: it is not identified (negative degrees of freedom).`, { npar: q, moments: G * groupMoments });
  }
  // Start values: each parameter from the first group that has it.
  const start = new Float64Array(q).fill(Number.NaN);
  groups.forEach((g) => {
    const s = startValues(g.spec, g.sample);
    for (let i = 0; i < q; i++) if (Number.isNaN(start[i] as number) && !Number.isNaN(s[i] as number)) start[i] = s[i] as number;
  });
  const parts: Objective[] = groups.map((g, i) => (g.missingData !== null ? new FimlObjective(workspaces[i]!, g.missingData, fixed[i]!) : new Fitter(workspaces[i]!, g.sample, fixed[i]!)));
  const objective: Objective = G === 1 ? parts[0]! : new GroupedObjective(parts, weights, q);
  const ml = minimize(objective, start);
  if (ml === null) throw fail('NOT_CONVERGED', 'The ML fit failed: the model-implied covariance matrix was not positive definite at the start values or along every search direction. Check the model, or give start values with start(…)*x.', {});
  // Moments at the estimates.
  const atEstimates = (): void => {
    groups.forEach((_, i) => {
      fillMatrices(workspaces[i]!, ml.estimates, fixed[i]!);
      impliedMoments(workspaces[i]!);
    });
  };
  atEstimates();
  const warnings: PsychkitWarning[] = [];
  if (!ml.converged) warnings.push({ code: 'MODEL_NOT_CONVERGED', message: `The ML fit did not converge in ${ml.iterations} iterations; the estimates are not trustworthy.`, details: { iterations: ml.iterations } });
  // Var(θ̂) = I⁻¹ / N.
  const infoChol = Float64Array.from(ml.information);
  if (q > 0 && !choleskyInPlace(infoChol, q, 1e-12)) {
    const parameter = unidentifiedParameter(ml.information, q, groups);
    throw fail('NOT_IDENTIFIED', `The model is not identified: the information matrix is singular, and "${parameter}" is the parameter least determined by the data (fix it, or constrain it).`, { parameter });
  }
  const df = G * groupMoments - q;
  let vcov: Float64Array = q > 0 ? inverseFromCholesky(infoChol, q).map((v) => v / n) : new Float64Array(0);
  let scaling: { model: number | null; baseline: number | null } | null = null;
  const likelihoods: ({ h0: number; h1: number; baseline: number } | undefined)[] = groups.map(() => undefined);
  if (groups[0]!.missingData !== null) {
    // lavaan's default under missing = "ml": SEs from the observed information (the Hessian).
    const observed = q > 0 ? observedInformation(objective, ml.estimates) : new Float64Array(0);
    const chol = observed === null ? null : Float64Array.from(observed);
    if (q > 0 && (chol === null || !choleskyInPlace(chol, q, 1e-12))) {
      throw fail('NOT_IDENTIFIED', 'FIML: the observed information matrix is singular at the estimates, so standard errors do not exist (the model is empirically not identified with these missing values).', {});
    }
    if (q > 0) vcov = inverseFromCholesky(chol!, q).map((v) => v / n);
    groups.forEach((g, i) => {
      const f = parts[i]!.evaluate(ml.estimates)!.f;
      likelihoods[i] = { h0: patternLogLikelihood(g.missingData!, g.n * f), h1: g.saturated!.logLikelihood, baseline: independenceLogLikelihood(g.missingData!, g.columns!) };
    });
    atEstimates();
  }
  if (o.estimator === 'MLR') {
    const robust = robustInference(
      objective,
      groups.map((g, i) => ({ ws: workspaces[i]!, sample: g.sample, fixed: fixed[i]!, columns: g.columns!, weight: weights[i]!, exogenous: new Set(g.spec.exogenous.map((v) => g.spec.observed.indexOf(v))) })),
      ml.estimates,
      df,
      G * baselineDegrees(p, px, means),
    );
    if (robust === null) throw fail('NOT_IDENTIFIED', 'MLR: the observed information matrix is singular at the estimates, so robust standard errors do not exist (the model is empirically not identified).', {});
    vcov = robust.covariance;
    scaling = { model: robust.scaling, baseline: robust.baselineScaling };
    // Moments at the estimates again (the numerical Hessian moved them).
    atEstimates();
  }
  const z = normalQuantile(1 - (1 - o.confidence) / 2);
  const standards: GroupStandardizer[] = groups.map((g, i) => {
    const ws = workspaces[i]!;
    const variances = new Map<string, number>();
    g.spec.rows.forEach((r, index) => {
      if (r.op === '~~' && r.lhs === r.rhs) variances.set(r.lhs, r.free > 0 ? (ml.estimates[r.free - 1] as number) : (fixed[i]![index] as number));
    });
    return { sd: standardizer(ws), variance: (v: string) => variances.get(v) ?? 1, isLatent: (v: string) => g.spec.latent.includes(v) };
  });
  const values = new Map<string, { estimate: number; free: number; stdLv: number; stdAll: number }>();
  const parameters: SemParameter[] = [];
  groups.forEach((g, gi) => {
    const { sd, variance, isLatent } = standards[gi]!;
    g.spec.rows.forEach((r, index) => {
      const estimate = r.free > 0 ? (ml.estimates[r.free - 1] as number) : (fixed[gi]![index] as number);
      const se = r.free > 0 ? Math.sqrt(vcov[(r.free - 1) * q + (r.free - 1)] as number) : null;
      const statistic = se === null ? null : estimate / se;
      const row: SemParameter = {
        group: g.label,
        lhs: r.lhs,
        op: r.op,
        rhs: r.rhs,
        label: r.label,
        free: r.free > 0,
        estimate,
        se,
        statistic,
        p: statistic === null ? null : normalTwoSided(statistic),
        lower: se === null ? estimate : estimate - z * se,
        upper: se === null ? estimate : estimate + z * se,
        stdLv: finiteOrNull(standardized(r.op, r.lhs, r.rhs, estimate, sd.lv, variance, isLatent)),
        stdAll: finiteOrNull(standardized(r.op, r.lhs, r.rhs, estimate, sd.all, variance, () => true)),
      };
      if (r.label !== '' && !values.has(r.label)) values.set(r.label, { estimate, free: r.free, stdLv: row.stdLv ?? Number.NaN, stdAll: row.stdAll ?? Number.NaN });
      parameters.push(row);
    });
  });
  const nRows = parameters.length;
  if (spec0.definitions.length > 0) {
    const dual = (pick: 'estimate' | 'stdLv' | 'stdAll') => (name: string): Dual | undefined => {
      const v = values.get(name);
      if (v === undefined) return undefined;
      const gradient = new Float64Array(q);
      if (v.free > 0) gradient[v.free - 1] = 1;
      return { value: v[pick], gradient };
    };
    const raw = evaluateDefinitions(spec0.definitions, dual('estimate'), q);
    const lv = evaluateDefinitions(spec0.definitions, dual('stdLv'), q);
    const all = evaluateDefinitions(spec0.definitions, dual('stdAll'), q);
    spec0.definitions.forEach((d, i) => {
      const { value, gradient } = raw[i]!;
      let variance = 0;
      for (let a = 0; a < q; a++) {
        const ga = gradient[a] as number;
        if (ga === 0) continue;
        for (let b = 0; b < q; b++) variance += ga * (vcov[a * q + b] as number) * (gradient[b] as number);
      }
      const se = Math.sqrt(Math.max(variance, 0));
      const statistic = value / se;
      parameters.push({
        group: null,
        lhs: d.name,
        op: ':=',
        rhs: d.text,
        label: d.name,
        free: false,
        estimate: value,
        se,
        statistic,
        p: normalTwoSided(statistic),
        lower: value - z * se,
        upper: value + z * se,
        stdLv: finiteOrNull(lv[i]!.value),
        stdAll: finiteOrNull(all[i]!.value),
      });
    });
  }
  // Numerical breakdown (variables on wildly different scales, e.g. 1e78 next to 1): the SEs or
  // estimates are not finite. A result would be noise, so say so.
  const broken = parameters.find((r) => !Number.isFinite(r.estimate) || (r.se !== null && !(Number.isFinite(r.se) && r.se >= 0)));
  if (broken !== undefined) {
    throw fail(
      'NOT_CONVERGED',
      `The fit broke down numerically: ${broken.lhs} ${broken.op} ${broken.rhs} has ${Number.isFinite(broken.estimate) ? `standard error ${String(broken.se)}` : `estimate ${broken.estimate}`}. Variables on very different scales cause this; rescale them (e.g. divide by a power of 10) and fit again.`,
      { parameter: `${broken.lhs} ${broken.op} ${broken.rhs}` },
    );
  }
  let bootstrap: BootstrapInfo | null = null;
  const settings = bootstrapSettings(o);
  if (settings.resamples > 0) {
    if (o.estimator === 'MLR') throw fail('INVALID_OPTION', "Bootstrap standard errors are for estimator: 'ML' (as lavaan: \"use ML estimator for bootstrap\"); drop `resamples` or the MLR estimator.", { option: 'resamples' });
    if (G > 1) throw fail('INVALID_OPTION', 'Bootstrap standard errors of a multiple-group model are not supported yet; drop `resamples` or `group`.', { option: 'resamples' });
    const g = groups[0]!;
    if (g.columns === null) throw fail('INVALID_OPTION', 'The bootstrap resamples rows: it needs the data, not their moments.', { option: 'resamples' });
    const B = settings.resamples;
    const ws = workspaces[0]!;
    const { draws, replaced } = bootstrapSem({ ws, spec: g.spec, columns: g.columns, n, fiml: g.missingData !== null, sample: g.sample, estimates: ml.estimates, information: ml.information, fixed: fixed[0]!, resamples: B, seed: settings.seed, onProgress: settings.onProgress });
    // Moments at the estimates again (the refits moved them).
    atEstimates();
    const summary = (s: number, point: number) => summariseBootstrap(draws.subarray(s * B, (s + 1) * B), point, o.confidence, settings.interval);
    const rowSummaries = new Map<number, ReturnType<typeof summary>>();
    parameters.forEach((row, i) => {
      let s: number;
      if (row.op === ':=') s = q + (i - nRows);
      else if (g.spec.rows[i]!.free > 0) s = g.spec.rows[i]!.free - 1;
      else return;
      const b = rowSummaries.get(s) ?? summary(s, row.estimate);
      rowSummaries.set(s, b);
      const statistic = row.estimate / b.se;
      parameters[i] = { ...row, se: b.se, statistic, p: normalTwoSided(statistic), lower: b.lower, upper: b.upper };
    });
    bootstrap = { resamples: B, replaced, seed: settings.seed, interval: settings.interval, confidence: o.confidence };
  }
  const modifications = groups.flatMap((g, i) => modificationResults(workspaces[i]!, g, weights[i]!, ml.information, n, standards[i]!)).sort((a, b) => b.mi - a.mi);
  // Warnings as lavaan gives them.
  const negative = parameters.filter((r) => r.op === '~~' && r.lhs === r.rhs && r.estimate < 0).map((r) => (r.group === null ? r.lhs : `${r.lhs} (${r.group})`));
  if (negative.length > 0) warnings.push({ code: 'HEYWOOD', message: `Some estimated variances are negative (${negative.join(', ')}): a Heywood case; the model may be misspecified or the sample too small.`, details: { columns: negative } });
  const nLatent = spec0.latent.length;
  if (nLatent > 0 && negative.length === 0) {
    groups.forEach((g, i) => {
      const ws = workspaces[i]!;
      const gl = new Float64Array(nLatent * nLatent);
      for (let a = 0; a < nLatent; a++) for (let b = 0; b < nLatent; b++) gl[a * nLatent + b] = ws.g[a * ws.m + b] as number;
      if (!choleskyInPlace(gl, nLatent)) {
        warnings.push({ code: 'LATENT_COVARIANCE_NOT_POSITIVE_DEFINITE', message: `The covariance matrix of the latent variables${inGroup(g.label)} is not positive definite (a correlation beyond ±1, or a variance of 0).`, details: { columns: [...spec0.latent], ...(g.label === null ? {} : { group: g.label }) } });
      }
    });
  }
  // R² of endogenous variables.
  const rSquared: { group: string | null; variable: string; rSquared: number }[] = [];
  groups.forEach((g, gi) => {
    const ws = workspaces[gi]!;
    const spec = g.spec;
    const etaIndex = new Map(spec.eta.map((v, i) => [v, i]));
    spec.observed.forEach((v, i) => {
      if (spec.exogenous.includes(v)) return;
      const e = spec.dummyOf[i]!;
      const residual = e >= 0 ? (ws.psi[e * ws.m + e] as number) : (ws.theta[i * p + i] as number);
      rSquared.push({ group: g.label, variable: v, rSquared: 1 - residual / (ws.sigma[i * p + i] as number) });
    });
    for (const f of spec.latent) {
      const e = etaIndex.get(f)!;
      // Endogenous: regressed on something, or an indicator of a higher-order factor (a row of B).
      if (spec.rows.some((r) => r.matrix === 'beta' && r.row === e)) rSquared.push({ group: g.label, variable: f, rSquared: 1 - (ws.psi[e * ws.m + e] as number) / (ws.g[e * ws.m + e] as number) });
    }
  });
  const fit = fitMeasures({
    npar: q,
    discrepancy: ml.f,
    groups: groups.map((g, i) => {
      const ll = likelihoods[i];
      return {
        n: g.n,
        p,
        sigma: workspaces[i]!.sigma,
        mu: means ? workspaces[i]!.mu : null,
        sample: g.sample,
        exogenous: g.spec.exogenous.map((v) => g.spec.observed.indexOf(v)),
        ...(ll === undefined ? {} : { likelihoods: ll }),
      };
    }),
    scaling,
  });
  if (!(fit.chiSquare > -1e-6 * Math.max(1, n)) || !Number.isFinite(fit.logLikelihood)) {
    throw fail('NOT_CONVERGED', `The fit broke down numerically (χ² = ${fit.chiSquare}). Variables on very different scales cause this; rescale them (e.g. divide by a power of 10) and fit again.`, { chiSquare: fit.chiSquare });
  }
  return deepFreeze({
    kind,
    model: o.model,
    estimator: o.estimator,
    missing: o.missing,
    group: o.group ?? null,
    n,
    nDropped,
    columns: [...spec0.observed],
    latent: [...spec0.latent],
    converged: ml.converged,
    iterations: ml.iterations,
    parameters,
    fit,
    rSquared,
    groups: groups.map((g, i): SemGroup => {
      const ws = workspaces[i]!;
      const residual = Float64Array.from(g.sample.covariance, (s, k) => s - (ws.sigma[k] as number));
      return {
        label: g.label,
        n: g.n,
        nDropped: g.nDropped,
        sample: { covariance: matrixRows(g.sample.covariance, p), means: g.hasMeans ? Array.from(g.sample.mean) : null },
        implied: { covariance: matrixRows(ws.sigma, p), means: means ? Array.from(ws.mu) : null },
        residuals: { covariance: matrixRows(residual, p), means: means && g.hasMeans ? Array.from(g.sample.mean, (m, k) => m - (ws.mu[k] as number)) : null },
      };
    }),
    confidence: o.confidence,
    modificationIndices: modifications,
    reliability: groups.flatMap((g, i) => factorReliability(workspaces[i]!, g.spec, g.sample, g.label)),
    bootstrap,
    warnings,
  });
}

/**
 * Confirmatory factor analysis with lavaan's model syntax, estimates, standard errors and fit
 * measures (matches `lavaan::cfa`).
 *
 * @example
 * ```ts
 * const fit = cfa(rows, { model: 'visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9' });
 * fit.fit.cfi; fit.parameters.filter((r) => r.op === '=~');
 * ```
 */
export function cfa(table: Table, options: SemOptions): SemResult {
  return fitModel('cfa', table, readCfaOptions.read(options));
}

/**
 * Structural equation model with lavaan's model syntax (matches `lavaan::sem`).
 *
 * @example
 * ```ts
 * const fit = sem(rows, { model: 'f1 =~ a1 + a2 + a3\nf2 =~ b1 + b2 + b3\nf2 ~ f1' });
 * ```
 */
export function sem(table: Table, options: SemOptions): SemResult {
  return fitModel('sem', table, readSemOptions.read(options));
}
