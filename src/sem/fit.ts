import { fail, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import { listwise } from '../data/complete.js';
import { readNumericColumns } from '../data/numeric.js';
import { categoricalColumn } from '../data/categorical.js';
import { alphaFromSums } from '../reliability/alphaStatistics.js';
import { hasCovarianceRows, readMoments, selectMoments, type MomentsInput } from '../data/moments.js';
import { tableView, type ReadTableOptions, type Table, type TableView } from '../data/table.js';
import { symmetricEigen } from '../linalg/eigen.js';
import { choleskyInPlace, inverseFromCholesky } from '../linalg/solve.js';
import { chiSquareSurvival, normalCdf, normalQuantile, normalTwoSided } from '../probability/index.js';
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
import { baselineDegrees, fitMeasures, rmseaOf, type SemFitMeasures } from './fit-measures.js';
import { observedInformation, robustInference } from './robust.js';
import { derivatives, modelWorkspace, fillMatrices, impliedMoments, type ModelWorkspace } from './model.js';
import { modificationIndices, type InformationPattern, type RawModificationIndex } from './modification.js';
import type { ModelSpecification, ParameterOp, ParameterRow } from './specification.js';
import { ordinalMoments, type OrdinalMoments } from './ordinal.js';
import { bivariateNormalUpper } from '../probability/bivariate-normal.js';
import { DwlsObjective, ScaledDwlsObjective, WLSMV_STATE, wlsmvInference } from './wlsmv.js';
import { GROUP_EQUAL, GroupedObjective, specifyGroups, type GroupEqual } from './groups.js';

/**
 * Moments of several groups (lavaan's `sample.cov`/`sample.mean`/`sample.nobs` as lists): one
 * {@link MomentsInput} per group with the group's `label`.
 */
export interface GroupedMomentsInput {
  readonly groups: readonly (MomentsInput & { readonly label: string })[];
}

/** What {@link cfa} and {@link sem} fit: a table of rows, or moments computed elsewhere (one group or several). */
export type SemInput = Table | MomentsInput | GroupedMomentsInput;

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
   * scaled χ² (lavaan's `estimator = "MLR"`). `'WLSMV'` (the default with `ordered`): diagonally
   * weighted least squares on the thresholds and polychoric correlations, robust SEs and the
   * mean-and-variance adjusted χ² (lavaan's `estimator = "WLSMV"`, delta parameterization).
   */
  readonly estimator?: 'ML' | 'MLR' | 'WLSMV';
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
   * `'lv.variances'`, `'lv.covariances'`, and with ordered indicators `'thresholds'`. With
   * `'intercepts'` or `'thresholds'` (and not `'means'`) the latent means of groups 2 … G are freed,
   * and with `'thresholds'` their scale factors too, as lavaan.
   */
  readonly groupEqual?: readonly GroupEqual[];
  /** Parameters exempt from `groupEqual`, e.g. `['visual =~ x2', 'x3 ~ 1']` (lavaan's `group.partial`). */
  readonly groupPartial?: readonly string[];
  /**
   * Ordered-categorical indicators (lavaan's `ordered`): `true` for every observed variable of the
   * model, or their names (all of them: a mix with continuous ones is not supported yet). Fitted
   * by WLSMV; responses must be integer codes.
   */
  readonly ordered?: boolean | readonly string[];
}

/** One row of the parameter table (lavaan's `parameterEstimates(fit, standardized = TRUE)`). */
export interface SemParameter {
  /** The group's label (a value of the `group` column); null in a single-group model and for `:=` rows. */
  readonly group: string | null;
  readonly lhs: string;
  /** `=~` loading, `~` regression, `~~` (co)variance, `~1` intercept or mean, `|` threshold, `~*~` scale factor (ordered indicators), `:=` defined parameter. */
  readonly op: ParameterOp | ':=' | '|' | '~*~';
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
  /** Cronbach's α of the indicators from the sample covariance (ordered indicators: of their category codes, as semTools' `reliability`). */
  readonly alpha: number;
  /** Ordered indicators: α from the polychoric correlations ("ordinal α", semTools' `alpha.ord`); null otherwise. */
  readonly alphaOrdinal: number | null;
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
  readonly estimator: 'ML' | 'MLR' | 'WLSMV';
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
  estimator: field.optionalOneOf(['ML', 'MLR', 'WLSMV'] as const),
  ordered: (v: unknown, k: string): true | readonly string[] => {
    if (v === undefined || v === false) return [];
    if (v === true) return true;
    return field.names()(v, k);
  },
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
type SemSettings = Omit<ReturnType<typeof readCfaOptions.read>, 'estimator'> & { readonly estimator: 'ML' | 'MLR' | 'WLSMV' };

/** The estimator: as given, or WLSMV with ordered indicators and ML otherwise (as lavaan); WLSMV and ordered need each other. */
function settings(o: ReturnType<typeof readCfaOptions.read>): SemSettings {
  const ordered = o.ordered === true || o.ordered.length > 0;
  const estimator = o.estimator ?? (ordered ? 'WLSMV' : 'ML');
  if (ordered && estimator !== 'WLSMV') throw fail('INVALID_OPTION', `Ordered indicators are fitted by estimator: 'WLSMV' (got '${estimator}'): ML on category codes treats them as continuous; drop \`ordered\` for that.`, { option: 'estimator', value: estimator });
  if (!ordered && estimator === 'WLSMV') throw fail('INVALID_OPTION', "estimator: 'WLSMV' is for ordered indicators: list them in `ordered` (or `ordered: true`).", { option: 'ordered' });
  return { ...o, estimator };
}

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
      alpha: alphaFromSums(diagonal, observed, k),
      alphaOrdinal: null,
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
  return standardizedIndices(modificationIndices(ws, patterns, information, n), data.label, standard);
}

/** MI rows with the EPC standardized as the parameter would be (lavaan's sepc.lv, sepc.all). */
function standardizedIndices(raw: readonly RawModificationIndex[], group: string | null, { sd, variance, isLatent }: GroupStandardizer): ModificationIndex[] {
  return raw.map((r) => {
    const sign = Math.sign(r.epc);
    const std = (scale: (v: string) => number, scaled: (v: string) => boolean) => finiteOrNull(sign * standardized(r.op, r.lhs, r.rhs, Math.abs(r.epc), scale, variance, scaled));
    return { group, lhs: r.lhs, op: r.op, rhs: r.rhs, mi: r.mi, epc: r.epc, sepcLv: std(sd.lv, isLatent), sepcAll: std(sd.all, () => true) };
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

/** A parameter row with its Wald test and interval (a fixed parameter, se null: bounds at the estimate). */
function waldRow(
  id: Pick<SemParameter, 'group' | 'lhs' | 'op' | 'rhs' | 'label' | 'free'>,
  estimate: number,
  se: number | null,
  z: number,
  stdLv: number | null,
  stdAll: number | null,
): SemParameter {
  const statistic = se === null ? null : estimate / se;
  return {
    ...id,
    estimate,
    se,
    statistic,
    p: statistic === null ? null : normalTwoSided(statistic),
    lower: se === null ? estimate : estimate - z * se,
    upper: se === null ? estimate : estimate + z * se,
    stdLv,
    stdAll,
  };
}

/** The `:=` rows: values from the labels' estimates, delta-method SEs from vcov (its first q × q block: the free parameters). */
function definedRows(
  definitions: ModelSpecification['definitions'],
  values: ReadonlyMap<string, { estimate: number; free: number; stdLv: number; stdAll: number }>,
  vcov: Float64Array,
  q: number,
  z: number,
): SemParameter[] {
  if (definitions.length === 0) return [];
  const stride = Math.round(Math.sqrt(vcov.length));
  const dual = (pick: 'estimate' | 'stdLv' | 'stdAll') => (name: string): Dual | undefined => {
    const v = values.get(name);
    if (v === undefined) return undefined;
    const gradient = new Float64Array(q);
    if (v.free > 0) gradient[v.free - 1] = 1;
    return { value: v[pick], gradient };
  };
  const raw = evaluateDefinitions(definitions, dual('estimate'), q);
  const lv = evaluateDefinitions(definitions, dual('stdLv'), q);
  const all = evaluateDefinitions(definitions, dual('stdAll'), q);
  return definitions.map((d, i) => {
    const { value, gradient } = raw[i]!;
    let variance = 0;
    for (let a = 0; a < q; a++) {
      const ga = gradient[a] as number;
      if (ga === 0) continue;
      for (let b = 0; b < q; b++) variance += ga * (vcov[a * stride + b] as number) * (gradient[b] as number);
    }
    return waldRow({ group: null, lhs: d.name, op: ':=', rhs: d.text, label: d.name, free: false }, value, Math.sqrt(Math.max(variance, 0)), z, finiteOrNull(lv[i]!.value), finiteOrNull(all[i]!.value));
  });
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

/** The given rows of each column. A plain loop: Float64Array.from with a callback is ~8× slower on millions of rows. */
function gatherRows(columns: readonly Float64Array[], rows: Int32Array): Float64Array[] {
  return columns.map((c) => {
    const out = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = c[rows[i] as number] as number;
    return out;
  });
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

/** `{ groups: [{ label, covariance, n, … }, …] }`. */
function isGroupedMoments(x: unknown): x is GroupedMomentsInput {
  if (typeof x !== 'object' || x === null || Array.isArray(x) || !('groups' in x)) return false;
  const g = (x as { groups: unknown }).groups;
  return Array.isArray(g) && g.length > 0 && g.every((m) => hasCovarianceRows(m));
}

/**
 * The groups of a fit from moments: the covariance (divisor n − 1) rescaled to lavaan's divisor
 * n, as lavaan's `sample.cov.rescale`; the means where given (a mean structure needs them).
 */
function groupsFromMoments(kind: 'cfa' | 'sem', input: MomentsInput | GroupedMomentsInput, o: SemSettings): GroupData[] {
  const refuse = (option: string, why: string) => {
    throw fail('INVALID_OPTION', `${kind} from moments: ${why}; fit the rows instead.`, { option });
  };
  if (o.estimator === 'MLR') refuse('estimator', "estimator: 'MLR' needs the rows (their fourth moments)");
  if (o.estimator === 'WLSMV') refuse('ordered', 'ordered indicators need the rows (their categories and polychoric correlations)');
  if (o.missing === 'fiml') refuse('missing', "missing: 'fiml' needs the rows (their missing-data patterns)");
  if (o.resamples > 0) refuse('resamples', 'the bootstrap resamples rows');
  if (o.missingCodes.length > 0) refuse('missingCodes', 'moments have no cells to read as missing');
  if (o.groupEqual.includes('thresholds')) refuse('groupEqual', 'equal thresholds are for ordered indicators, which need the rows');
  if (o.group !== undefined || o.groupLabels.length > 0) refuse(o.group !== undefined ? 'group' : 'groupLabels', 'groups come from the moments (give { groups: [{ label, covariance, means, n }, …] })');
  const list: (MomentsInput & { label?: string })[] = 'groups' in input ? [...input.groups] : [input];
  const grouped = 'groups' in input;
  if (grouped) {
    const labels = list.map((m, i) => {
      if (typeof m.label !== 'string' || m.label === '') throw fail('INVALID_INPUT', `${kind}: groups[${i}] needs a \`label\` (a non-empty string).`, { option: 'groups', index: i });
      return m.label;
    });
    const twice = labels.find((l, i) => labels.indexOf(l) !== i);
    if (twice !== undefined) throw fail('DUPLICATE_NAME', `${kind}: the group label "${twice}" is used twice.`, { option: 'groups', value: twice });
  } else if (o.groupEqual.length > 0 || o.groupPartial.length > 0) {
    refuse(o.groupEqual.length > 0 ? 'groupEqual' : 'groupPartial', 'group options need the moments of several groups');
  }
  const specs = specifyGroups(
    o.model,
    { stdLv: o.stdLv, meanStructure: o.meanStructure || grouped, orthogonal: o.orthogonal },
    { groups: list.length, groupEqual: o.groupEqual, groupPartial: o.groupPartial },
  );
  return specs.map((spec, g) => {
    const label = grouped ? (list[g]!.label as string) : null;
    const m = selectMoments(readMoments(list[g]!, kind), spec.observed, kind);
    const means = m.means;
    if (means === null && spec.meanStructure) {
      throw fail('INVALID_INPUT', `${kind}: the model has a mean structure (intercepts${grouped ? ', several groups' : ''}), so the moments${inGroup(label)} need \`means\`.`, { option: 'means', ...(label === null ? {} : { group: label }) });
    }
    const covariance = Float64Array.from(m.covariance, (v) => (v * (m.n - 1)) / m.n);
    const sample = checkedMoments(covariance, means ?? new Float64Array(m.p), m.n, spec.observed, 'sample', label);
    return { label, spec, n: m.n, nDropped: 0, sample, columns: null, missingData: null, saturated: null, hasMeans: means !== null };
  });
}

function fitModel(kind: 'cfa' | 'sem', table: SemInput, o: SemSettings): SemResult {
  if (isGroupedMoments(table) || hasCovarianceRows(table)) return estimateGroups(kind, o, groupsFromMoments(kind, table as MomentsInput | GroupedMomentsInput, o), 0);
  const fiml = o.missing === 'fiml';
  if (o.group === undefined) {
    for (const key of ['groupEqual', 'groupPartial', 'groupLabels'] as const) {
      if (o[key].length > 0) throw fail('INVALID_OPTION', `\`${key}\` needs \`group\` (the column that splits the rows into groups).`, { option: key });
    }
  }
  const view = tableView(table as Table, o.missingCodes);
  const split = splitGroups(view, o);
  const G = split.labels.length;
  const specs = specifyGroups(
    o.model,
    // Ordered indicators have fixed intercepts (thresholds instead): no mean structure to add.
    { stdLv: o.stdLv, meanStructure: (o.meanStructure || fiml || o.group !== undefined) && (o.estimator !== 'WLSMV' || o.groupEqual.includes('thresholds')), orthogonal: o.orthogonal },
    { groups: G, groupEqual: o.groupEqual, groupPartial: o.groupPartial },
  );
  const spec0 = specs[0]!;
  if (o.estimator !== 'WLSMV' && o.groupEqual.includes('thresholds')) throw fail('INVALID_OPTION', "`groupEqual: ['thresholds']` is for ordered indicators (`ordered`); continuous indicators have intercepts.", { option: 'groupEqual', value: 'thresholds' });
  if (o.group !== undefined && spec0.observed.includes(o.group)) throw fail('INVALID_OPTION', `The group column "${o.group}" is also a variable of the model.`, { option: 'group', column: o.group });
  if (fiml && spec0.exogenous.length > 0) {
    throw fail('INVALID_OPTION', `missing: 'fiml' with exogenous observed covariates (${spec0.exogenous.join(', ')}) is not supported yet: psychkit would have to model their distribution (lavaan's fixed.x = FALSE). Use missing: 'listwise', or make them indicators of single-indicator latents.`, { option: 'missing', columns: [...spec0.exogenous] });
  }
  if (fiml && o.estimator === 'MLR') throw fail('INVALID_OPTION', "estimator: 'MLR' with missing: 'fiml' is not supported yet; use one of them.", { option: 'estimator' });
  if (o.estimator === 'WLSMV') return estimateOrdinal(kind, o, view, specs, split);
  const read = readNumericColumns(view, spec0.observed);
  const groups = specs.map((spec, g) => {
    const rows = split.rows[g]!;
    if (rows === null) return groupFromRows(spec, split.labels[g]!, read, view.nRows, fiml);
    return groupFromRows(spec, split.labels[g]!, gatherRows(read, rows), rows.length, fiml);
  });
  return estimateGroups(kind, o, groups, split.dropped);
}

/**
 * Green and Yang's (2009) ω for ordered indicators (semTools' `compRelSEM` and its `omegaCat`):
 * the variance of the sum of the category scores that the common factor explains, over the
 * variance of that sum, both from bivariate normal probabilities at the thresholds τ:
 *   ω = Σ_ij Σ_cc′ [Φ₂(τ_ic, τ_jc′; λ_iλ_jψ) − Φ(τ_ic)Φ(τ_jc′)] / Σ_ij Σ_cc′ [Φ₂(τ_ic, τ_jc′; r_ij) − Φ(τ_ic)Φ(τ_jc′)],
 * r the polychoric correlations (`omega`) or the model-implied ones (`omegaImplied`; r_ii = 1).
 * Also AVE on the latent responses, α of the category codes and ordinal α (of the polychorics).
 * Reference: Green, S. B., & Yang, Y. (2009). Reliability of summed item scores using structural
 * equation modeling: An alternative to coefficient alpha. *Psychometrika, 74*, 155–167.
 */
function ordinalReliability(ws: ModelWorkspace, spec: ModelSpecification, om: OrdinalMoments, codes: readonly Float64Array[], modelThresholds: Float64Array, scales: Float64Array): FactorReliability[] {
  const { p, m } = ws;
  const out: FactorReliability[] = [];
  // semTools' omegaCat works on the standardized scale: thresholds τΔ, common part ΔλλᵀψΔ.
  const thresholds = (i: number) => modelThresholds.subarray(om.thresholdStart[i] as number, om.thresholdStart[i + 1] as number).map((t) => t * (scales[i] as number));
  const categoryCovariance = (i: number, j: number, r: number): number => {
    let s = 0;
    for (const a of thresholds(i)) for (const b of thresholds(j)) s += bivariateNormalUpper(-a, -b, r) - normalCdf(a) * normalCdf(b);
    return s;
  };
  spec.latent.forEach((f, fi) => {
    const items: number[] = [];
    for (let i = 0; i < p; i++) if ((ws.lambda[i * m + fi] as number) !== 0) items.push(i);
    const k = items.length;
    if (k < 2) return;
    const psi = ws.g[fi * m + fi] as number;
    let common = 0;
    let observed = 0;
    let implied = 0;
    let squares = 0;
    let residual = 0;
    let polySum = 0;
    for (const i of items) {
      const li = ws.lambda[i * m + fi] as number;
      const di = scales[i] as number;
      squares += li * li * di * di;
      residual += (ws.theta[i * p + i] as number) * di * di;
      for (const j of items) {
        const lj = ws.lambda[j * m + fi] as number;
        const dij = (scales[i] as number) * (scales[j] as number);
        common += categoryCovariance(i, j, Math.max(-1, Math.min(1, dij * li * lj * psi)));
        observed += categoryCovariance(i, j, i === j ? 1 : (om.correlation[i * p + j] as number));
        // A Heywood solution can imply a correlation beyond ±1: clamp, as the common part.
        implied += categoryCovariance(i, j, i === j ? 1 : Math.max(-1, Math.min(1, dij * (ws.sigma[i * p + j] as number))));
        polySum += i === j ? 1 : (om.correlation[i * p + j] as number);
      }
    }
    // α of the category codes over the rows analysed.
    const n = om.rows.length;
    const mean = items.map((i) => {
      let s = 0;
      for (let r = 0; r < n; r++) s += codes[i]![om.rows[r] as number] as number;
      return s / n;
    });
    let codeDiagonal = 0;
    let codeTotal = 0;
    items.forEach((i, a) => {
      items.forEach((j, b) => {
        let s = 0;
        for (let r = 0; r < n; r++) s += ((codes[i]![om.rows[r] as number] as number) - mean[a]!) * ((codes[j]![om.rows[r] as number] as number) - mean[b]!);
        codeTotal += s;
        if (a === b) codeDiagonal += s;
      });
    });
    out.push({
      group: null,
      factor: f,
      columns: items.map((i) => spec.observed[i]!),
      omega: common / observed,
      omegaImplied: common / implied,
      ave: (squares * psi) / (squares * psi + residual),
      alpha: alphaFromSums(codeDiagonal, codeTotal, k),
      alphaOrdinal: alphaFromSums(k, polySum, k),
    });
  });
  return out;
}

/**
 * WLSMV for ordered indicators (lavaan's `ordered`, delta parameterization), in one group or
 * several: thresholds and polychoric correlations per group (ordinal.ts), DWLS on the correlations
 * (Σ_g (n_g − 1)/N · F_g, the thresholds of each group fitted exactly), then wlsmv.ts's inference.
 * The residual variances of the latent responses are 1 − diag(ΛGΛᵀ), reported as fixed rows,
 * with lavaan's fixed scale factors (`~*~`, 1) and intercepts (`~1`, 0). Across groups the
 * loadings, latent (co)variances and regressions may be held equal; equal thresholds (which free
 * the scale factors and latent means of groups 2 … G) are not supported yet.
 */
function estimateOrdinal(kind: 'cfa' | 'sem', o: SemSettings, view: TableView, specs: readonly ModelSpecification[], split: { labels: (string | null)[]; rows: (Int32Array | null)[]; dropped: number }): SemResult {
  const refuse = (option: string, why: string): never => {
    throw fail('INVALID_OPTION', `Ordered indicators (WLSMV): ${why}.`, { option });
  };
  const template = specs[0]!;
  if (o.missing === 'fiml') refuse('missing', "missing: 'fiml' is ML; WLSMV uses the complete rows (listwise)");
  if (o.resamples > 0) refuse('resamples', 'the bootstrap is not supported with WLSMV yet');
  if (o.meanStructure) refuse('meanStructure', 'the thresholds take the place of the intercepts');
  const unsupported = o.groupEqual.filter((s) => s === 'intercepts' || s === 'means' || s === 'residuals' || s === 'residual.covariances');
  if (unsupported.length > 0) refuse('groupEqual', `${unsupported.join(', ')} across groups are not supported yet; the thresholds, loadings, latent (co)variances and regressions can be held equal`);
  if (template.exogenous.length > 0 || template.dummyOf.some((e) => e >= 0)) {
    refuse('ordered', `observed variables in regressions (${template.observed.filter((v, i) => template.dummyOf[i]! >= 0 || template.exogenous.includes(v)).join(', ')}) are not supported yet: use them as indicators of latent variables`);
  }
  const observed = template.observed;
  if (o.ordered !== true) {
    const listed = o.ordered;
    const stranger = listed.find((v) => !observed.includes(v));
    if (stranger !== undefined) refuse('ordered', `"${stranger}" is not an observed variable of the model`);
    const continuous = observed.filter((v) => !listed.includes(v));
    if (continuous.length > 0) refuse('ordered', `every indicator must be ordered (a mix with continuous ones is not supported yet); not listed: ${continuous.join(', ')}`);
  }
  const p = observed.length;
  const G = specs.length;
  const read = readNumericColumns(view, observed);
  // Per group: its rows' codes and sample statistics.
  const data = specs.map((_, g) => {
    const rows = split.rows[g]!;
    const codes = rows === null ? read : gatherRows(read, rows);
    const om = ordinalMoments(codes, observed);
    const label = split.labels[g]!;
    const degenerate = Array.from(om.weights).findIndex((w) => !(Number.isFinite(w) && w > 0));
    if (om.n < 3 || degenerate >= 0) {
      const nth = om.thresholds.length;
      const what = degenerate < 0 ? '' : ` (the sampling variance of ${degenerate < nth ? om.thresholdNames[degenerate] : om.correlationNames[degenerate - nth]} is ${om.gamma[degenerate * om.k + degenerate]})`;
      throw fail('TOO_FEW_CASES', `${om.n} complete row${om.n === 1 ? '' : 's'}${inGroup(label)}: too few to estimate the sampling variances of the thresholds and polychoric correlations${what}.`, { n: om.n, ...(label === null ? {} : { group: label }) });
    }
    return { label, codes, om, nRows: rows === null ? view.nRows : rows.length };
  });
  // As lavaan: every group must show every category of every item.
  if (G > 1) {
    observed.forEach((v, i) => {
      const all = [...new Set(data.flatMap((d) => d.om.categories[i]!))].sort((a, b) => a - b);
      for (const d of data) {
        const missing = all.filter((c) => !d.om.categories[i]!.includes(c));
        if (missing.length > 0) throw fail('TOO_FEW_CASES', `"${v}" has no response ${missing.join(', ')} in group "${d.label}" (the other groups use it): the groups' thresholds would not match. Merge sparse categories first.`, { column: v, group: d.label!, value: missing[0] });
      }
    });
  }
  const N = data.reduce((s, d) => s + d.om.n, 0);
  // The latent responses' residual variances are not parameters: fixed here (at 0 in Σ, whose
  // diagonal is then set to 1), renumbering the free parameters (shared ones stay shared).
  const ordinalResidual = (r: ParameterRow) => r.op === '~~' && r.lhs === r.rhs && observed.includes(r.lhs);
  const renumber = new Map<number, number>();
  const groupRows = specs.map((spec) =>
    spec.rows.map((r) => {
      if (ordinalResidual(r)) {
        if (r.user) refuse('model', `the residual variance of "${r.lhs}" is 1 − its communality under the delta parameterization; it cannot be written in the model`);
        return { ...r, free: 0, value: 0 };
      }
      // The indicators' intercepts are 0: the thresholds carry their location.
      if (r.op === '~1' && observed.includes(r.lhs)) {
        if (r.user) refuse('model', `the intercept of the ordered indicator "${r.lhs}" is fixed at 0 (its thresholds carry the location)`);
        return { ...r, free: 0, value: 0 };
      }
      if (r.free === 0) return r;
      let f = renumber.get(r.free);
      if (f === undefined) {
        f = renumber.size + 1;
        renumber.set(r.free, f);
      }
      return { ...r, free: f };
    }),
  );
  const q = renumber.size;
  const groupSpecs: ModelSpecification[] = specs.map((spec, g) => ({ ...spec, rows: groupRows[g]!, nFree: q }));
  // The thresholds: each group's own (fitted exactly), or one set shared by every group, with
  // free scale factors in groups 2 … G (lavaan's group.equal = "thresholds").
  const thresholdsEqual = G > 1 && o.groupEqual.includes('thresholds');
  const thresholdIndex: Int32Array[] = [];
  const scaleIndex: Int32Array[] = [];
  let npar = q;
  if (thresholdsEqual) {
    const nth = data[0]!.om.thresholds.length;
    data.forEach((_, g) => {
      thresholdIndex.push(Int32Array.from({ length: nth }, (_, t) => q + t));
      scaleIndex.push(Int32Array.from({ length: p }, (_, i) => (g === 0 ? -1 : q + nth + (g - 1) * p + i)));
    });
    npar = q + nth + (G - 1) * p;
  } else {
    for (const d of data) {
      const nth = d.om.thresholds.length;
      thresholdIndex.push(Int32Array.from({ length: nth }, (_, t) => npar + t));
      scaleIndex.push(new Int32Array(p).fill(-1));
      npar += nth;
    }
  }
  const statistics = data.reduce((s, d) => s + d.om.k, 0);
  if (npar > statistics) throw fail('NOT_IDENTIFIED', `The model has ${npar} free parameters (with the thresholds) but the data give only ${statistics} statistics: it is not identified.`, { npar, moments: statistics });
  const workspaces = groupSpecs.map((spec) => modelWorkspace(spec));
  const fixed = groupRows.map((rows) => Float64Array.from(rows, (r) => r.value));
  const scaledObjectives = thresholdsEqual ? data.map((d, g) => new ScaledDwlsObjective(workspaces[g]!, fixed[g]!, d.om, thresholdIndex[g]!, scaleIndex[g]!, npar)) : null;
  const objectives: (DwlsObjective | ScaledDwlsObjective)[] = scaledObjectives ?? data.map((d, g) => new DwlsObjective(workspaces[g]!, fixed[g]!, d.om, thresholdIndex[g]!));
  const size = thresholdsEqual ? npar : q;
  const objective: Objective = G === 1 ? objectives[0]! : new GroupedObjective(objectives, data.map((d) => (d.om.n - 1) / N), size);
  const start = new Float64Array(size).fill(Number.NaN);
  groupSpecs.forEach((spec, g) => {
    const s = startValues(spec, { n: data[g]!.om.n, p, covariance: data[g]!.om.correlation, mean: new Float64Array(p), logDet: Number.NaN });
    for (let i = 0; i < q; i++) if (Number.isNaN(start[i] as number) && !Number.isNaN(s[i] as number)) start[i] = s[i] as number;
  });
  if (thresholdsEqual) {
    // The shared thresholds start at the first group's, the scale factors at 1.
    data[0]!.om.thresholds.forEach((t, k) => (start[q + k] = t));
    for (let i = q + data[0]!.om.thresholds.length; i < npar; i++) start[i] = 1;
  }
  const fit = minimize(objective, start);
  if (fit === null) throw fail('NOT_CONVERGED', 'The WLSMV fit failed: the model-implied correlations could not be computed at the start values or along every search direction. Check the model.', {});
  for (const ob of objectives) ob.evaluate(fit.estimates);
  const inference = q > 0 ? wlsmvInference(objectives, q, npar) : null;
  if (inference === null) {
    const parameter = q > 0 ? unidentifiedParameter(fit.information, q, groupSpecs.map((spec, g) => ({ spec, label: data[g]!.label }))) : 'none';
    throw fail('NOT_IDENTIFIED', `The model is not identified: the information matrix is singular, and "${parameter}" is the parameter least determined by the data (fix it, or constrain it).`, { parameter });
  }
  const Q = npar;
  const vcov = inference.covariance;
  const scalesOf = (g: number): Float64Array => Float64Array.from(scaleIndex[g]!, (k) => (k >= 0 ? (fit.estimates[k] as number) : 1));
  const warnings: PsychkitWarning[] = [];
  if (!fit.converged) warnings.push({ code: 'MODEL_NOT_CONVERGED', message: `The WLSMV fit did not converge in ${fit.iterations} iterations; the estimates are not trustworthy.`, details: { iterations: fit.iterations } });
  const z = normalQuantile(1 - (1 - o.confidence) / 2);
  const values = new Map<string, { estimate: number; free: number; stdLv: number; stdAll: number }>();
  const parameters: SemParameter[] = [];
  const rSquared: { group: string | null; variable: string; rSquared: number }[] = [];
  const modificationIndices: ModificationIndex[] = [];
  const reliability: FactorReliability[] = [];
  const negative: string[] = [];
  const groupsOut: SemGroup[] = [];
  data.forEach((d, g) => {
    const ws = workspaces[g]!;
    const spec = groupSpecs[g]!;
    const rows = groupRows[g]!;
    const { om, label } = d;
    const nth = om.thresholds.length;
    // Σ* (unit diagonal) and the residual variances θᵢᵢ = 1 − diag(ΛGΛᵀ).
    // θᵢᵢ = 1/Δᵢ² − (ΛGΛᵀ)ᵢᵢ: Σ's diagonal becomes 1/Δᵢ², so ΔΣΔ has a unit diagonal.
    const scales = scalesOf(g);
    const theta = Float64Array.from({ length: p }, (_, i) => 1 / (scales[i] as number) ** 2 - (ws.sigma[i * p + i] as number));
    for (let i = 0; i < p; i++) {
      ws.sigma[i * p + i] = 1 / (scales[i] as number) ** 2;
      ws.theta[i * p + i] = theta[i] as number;
    }
    const modelThresholds = thresholdsEqual ? Float64Array.from(thresholdIndex[g]!, (k) => fit.estimates[k] as number) : om.thresholds;
    const sd = standardizer(ws);
    const estimateOf = (r: ParameterRow, index: number): number => (ordinalResidual(r) ? (theta[observed.indexOf(r.lhs)] as number) : r.free > 0 ? (fit.estimates[r.free - 1] as number) : (fixed[g]![index] as number));
    const variances = new Map<string, number>();
    rows.forEach((r, index) => {
      if (r.op === '~~' && r.lhs === r.rhs) variances.set(r.lhs, estimateOf(r, index));
    });
    const variance = (v: string) => variances.get(v) ?? 1;
    const isLatent = (v: string) => spec.latent.includes(v);
    const row = (r: { lhs: string; op: SemParameter['op']; rhs: string; label: string }, estimate: number, index: number): SemParameter => {
      const se = index >= 0 ? Math.sqrt(vcov[index * Q + index] as number) : null;
      const std = (scale: (v: string) => number, scaled: (v: string) => boolean): number | null => {
        if (r.op === '|') return estimate / scale(r.lhs);
        if (r.op === '~*~') return scale === sd.lv ? estimate : 1; // lavaan: std.lv Δ, std.all 1
        if (r.op === ':=') return null;
        return finiteOrNull(standardized(r.op, r.lhs, r.rhs, estimate, scale, variance, scaled));
      };
      return waldRow({ group: label, lhs: r.lhs, op: r.op, rhs: r.rhs, label: r.label, free: index >= 0 }, estimate, se, z, std(sd.lv, isLatent), std(sd.all, () => true));
    };
    const thresholdRows = (): void => {
      for (let t = 0; t < nth; t++) {
        const name = om.thresholdNames[t]!;
        const bar = name.indexOf('|');
        parameters.push(row({ lhs: name.slice(0, bar), op: '|', rhs: name.slice(bar + 1), label: '' }, modelThresholds[t] as number, thresholdIndex[g]![t] as number));
      }
    };
    // lavaan's order: loadings and regressions, thresholds, (co)variances, then the fixed rows.
    let thresholdsAdded = false;
    rows.forEach((r, index) => {
      if (!thresholdsAdded && r.op !== '=~' && r.op !== '~') {
        thresholdRows();
        thresholdsAdded = true;
      }
      const out = row(r, estimateOf(r, index), ordinalResidual(r) || r.free === 0 ? -1 : r.free - 1);
      if (r.label !== '' && !values.has(r.label)) values.set(r.label, { estimate: out.estimate, free: ordinalResidual(r) ? 0 : r.free, stdLv: out.stdLv ?? Number.NaN, stdAll: out.stdAll ?? Number.NaN });
      parameters.push(out);
    });
    if (!thresholdsAdded) thresholdRows();
    observed.forEach((v, i) => parameters.push(row({ lhs: v, op: '~*~', rhs: v, label: '' }, scales[i] as number, scaleIndex[g]![i] as number)));
    if (!spec.meanStructure) for (const v of [...observed, ...spec.latent]) parameters.push(row({ lhs: v, op: '~1', rhs: '', label: '' }, 0, -1));
    observed.forEach((v, i) => {
      if ((theta[i] as number) < 0) negative.push(label === null ? v : `${v} (${label})`);
      rSquared.push({ group: label, variable: v, rSquared: 1 - (theta[i] as number) * (scales[i] as number) ** 2 });
    });
    const etaIndex = new Map(spec.eta.map((v, i) => [v, i]));
    for (const f of spec.latent) {
      const e = etaIndex.get(f)!;
      if (spec.rows.some((r) => r.matrix === 'beta' && r.row === e)) rSquared.push({ group: label, variable: f, rSquared: 1 - (ws.psi[e * ws.m + e] as number) / (ws.g[e * ws.m + e] as number) });
    }
    modificationIndices.push(...standardizedIndices(inference.modificationIndices[g]!, label, { sd, variance, isLatent }));
    reliability.push(...ordinalReliability(ws, spec, om, d.codes, modelThresholds, scales).map((r) => ({ ...r, group: label })));
    const implied = Float64Array.from(ws.sigma, (v, k) => v * (scales[Math.floor(k / p)] as number) * (scales[k % p] as number));
    const residual = Float64Array.from(om.correlation, (r, k) => r - (implied[k] as number));
    groupsOut.push({
      label,
      n: om.n,
      nDropped: d.nRows - om.n,
      sample: { covariance: matrixRows(om.correlation, p), means: null },
      implied: { covariance: matrixRows(implied, p), means: null },
      residuals: { covariance: matrixRows(residual, p), means: null },
    });
  });
  parameters.push(...definedRows(template.definitions, values, vcov, q, z));
  const broken = parameters.find((r) => !Number.isFinite(r.estimate) || (r.se !== null && !(Number.isFinite(r.se) && r.se >= 0)));
  if (broken !== undefined) {
    throw fail('NOT_CONVERGED', `The WLSMV fit broke down numerically: ${broken.lhs} ${broken.op} ${broken.rhs} has standard error ${String(broken.se)} (n = ${N}: too few rows for the sandwich, or an empty category pattern).`, { parameter: `${broken.lhs} ${broken.op} ${broken.rhs}` });
  }
  if (negative.length > 0) warnings.push({ code: 'HEYWOOD', message: `Some residual variances of the latent responses are negative (${negative.join(', ')}): a standardized loading beyond 1 (a Heywood case).`, details: { columns: negative } });
  const { chiSquare, df } = inference;
  const fitResult: SemFitMeasures = {
    npar,
    fmin: inference.fmin,
    chiSquare,
    df,
    p: df > 0 ? chiSquareSurvival(chiSquare, df) : null,
    baseline: { chiSquare: inference.baseline.chiSquare, df: inference.baseline.df, p: chiSquareSurvival(inference.baseline.chiSquare, inference.baseline.df) },
    cfi: inference.cfi,
    tli: inference.tli,
    nfi: inference.nfi,
    rfi: inference.rfi,
    ifi: inference.ifi,
    rni: inference.rni,
    logLikelihood: null,
    unrestrictedLogLikelihood: null,
    aic: null,
    bic: null,
    sabic: null,
    rmsea: rmseaOf(chiSquare, df, N - G, 1, G),
    rmr: inference.rmr,
    srmr: inference.srmr,
    scaled: inference.scaled,
    robust: inference.robust,
  };
  const result: SemResult = deepFreeze({
    kind,
    model: o.model,
    estimator: 'WLSMV' as const,
    missing: o.missing,
    group: o.group ?? null,
    n: N,
    nDropped: split.dropped + data.reduce((s, d) => s + d.nRows - d.om.n, 0),
    columns: [...observed],
    latent: [...template.latent],
    converged: fit.converged,
    iterations: fit.iterations,
    parameters,
    fit: fitResult,
    rSquared,
    groups: groupsOut,
    confidence: o.confidence,
    modificationIndices: modificationIndices.sort((a, b) => b.mi - a.mi),
    reliability,
    bootstrap: null,
    warnings,
  });
  // Kept beside the result for invariance's Satorra (2000) difference tests.
  WLSMV_STATE.set(result, inference.state);
  return result;
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
      const row = waldRow(
        { group: g.label, lhs: r.lhs, op: r.op, rhs: r.rhs, label: r.label, free: r.free > 0 },
        estimate,
        se,
        z,
        finiteOrNull(standardized(r.op, r.lhs, r.rhs, estimate, sd.lv, variance, isLatent)),
        finiteOrNull(standardized(r.op, r.lhs, r.rhs, estimate, sd.all, variance, () => true)),
      );
      if (r.label !== '' && !values.has(r.label)) values.set(r.label, { estimate, free: r.free, stdLv: row.stdLv ?? Number.NaN, stdAll: row.stdAll ?? Number.NaN });
      parameters.push(row);
    });
  });
  const nRows = parameters.length;
  parameters.push(...definedRows(spec0.definitions, values, vcov, q, z));
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
 * measures (matches `lavaan::cfa`): normal-theory ML, F = log|Σ| + tr(SΣ⁻¹) − log|S| − p (plus the
 * mean part), minimised by Fisher scoring then BFGS; SEs from the expected information (MLR:
 * Huber–White with the Yuan–Bentler scaled χ²; FIML: the observed information).
 *
 * Several groups (`group`, `groupEqual`, `groupPartial`) fit F = Σ (n_g/N) F_g with lavaan's
 * defaults. The data may be rows, or moments computed elsewhere — `{ covariance, means?, n,
 * columns }` with the covariance over n − 1 (R's `cov()`, SQL's `covar_samp`), or
 * `{ groups: [{ label, covariance, means, n, columns }, …] }` — as lavaan's `sample.cov`; from
 * moments the fit equals the fit of the rows that produced them (ML, listwise).
 *
 * Reference: Bollen, K. A. (1989). *Structural equations with latent variables*. Wiley.
 * Rosseel, Y. (2012). lavaan: An R package for structural equation modeling. *Journal of
 * Statistical Software, 48*(2).
 *
 * @example
 * ```ts
 * const fit = cfa(rows, { model: 'visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9' });
 * fit.fit.cfi; fit.parameters.filter((r) => r.op === '=~');
 * const metric = cfa(rows, { model: 'visual =~ x1 + x2 + x3', group: 'school', groupEqual: ['loadings'] });
 * const fromSql = cfa({ covariance: [[1, 0.5, 0.4], [0.5, 1, 0.3], [0.4, 0.3, 1]], n: 500, columns: ['x1', 'x2', 'x3'] }, { model: 'f =~ x1 + x2 + x3' });
 * ```
 */
export function cfa(table: SemInput, options: SemOptions): SemResult {
  return fitModel('cfa', table, settings(readCfaOptions.read(options)));
}

/**
 * Structural equation model with lavaan's model syntax (matches `lavaan::sem`).
 *
 * @example
 * ```ts
 * const fit = sem(rows, { model: 'f1 =~ a1 + a2 + a3\nf2 =~ b1 + b2 + b3\nf2 ~ f1' });
 * ```
 */
export function sem(table: SemInput, options: SemOptions): SemResult {
  return fitModel('sem', table, settings(readSemOptions.read(options)));
}
