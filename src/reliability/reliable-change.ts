import { fail, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import { readNumericColumns } from '../data/numeric.js';
import { tableView, type ReadTableOptions, type Table } from '../data/table.js';
import { normalQuantile } from '../probability/index.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field, show } from '../util/options.js';
import type { MissingCode } from '../util/options.js';

/** Options of {@link standardErrorOfMeasurement}. */
export interface StandardErrorOfMeasurementOptions {
  /** The standard deviation of the scores in the reference sample. */
  readonly sd: number;
  /** Confidence level of the band around a score and of the smallest reliable change; default 0.95. */
  readonly confidence?: number;
}

/** Result of {@link standardErrorOfMeasurement}. */
export interface StandardErrorOfMeasurement {
  readonly reliability: number;
  readonly sd: number;
  /** SEM = SD·√(1 − r). */
  readonly sem: number;
  /** The standard error of a difference of two scores, S_diff = √2·SEM (Jacobson & Truax 1991). */
  readonly differenceSe: number;
  readonly confidence: number;
  /** The normal quantile z of `confidence` (1.96 for 0.95). */
  readonly criticalValue: number;
  /** Half-width of the band around one observed score: z·SEM. */
  readonly margin: number;
  /** The smallest change that is reliable at `confidence`: z·S_diff (often called the reliable change or minimal detectable change). */
  readonly reliableChange: number;
}

const readSemOptions = defineOptions('standardErrorOfMeasurement', {
  sd: field.optionalNumber(0, Infinity, { exclusiveMin: true }),
  confidence: field.confidence(),
});

function checkReliability(fn: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    throw fail('OUT_OF_RANGE', `${fn}: \`reliability\` must be a number strictly between 0 and 1; got ${show(value)}.`, { option: 'reliability', value });
  }
  return value;
}

/**
 * The standard error of measurement, SEM = SD·√(1 − r), the standard error of a difference between
 * two administrations, S_diff = √(2·SEM²), and the smallest change that is reliable, z·S_diff.
 *
 * Reference: Jacobson, N. S., & Truax, P. (1991). Clinical significance: A statistical approach to
 * defining meaningful change in psychotherapy research. *Journal of Consulting and Clinical
 * Psychology, 59*(1), 12–19.
 *
 * @example
 * ```ts
 * const s = standardErrorOfMeasurement(0.89, { sd: 5.1 });
 * s.sem; // 1.69: a score is known to about ± 3.3 points (s.margin)
 * s.reliableChange; // 4.69: a change of 5 points or more is reliable
 * ```
 */
export function standardErrorOfMeasurement(reliability: number, options: StandardErrorOfMeasurementOptions): StandardErrorOfMeasurement {
  const r = checkReliability('standardErrorOfMeasurement', reliability);
  const o = readSemOptions.read(options);
  if (o.sd === undefined) throw fail('INVALID_OPTION', 'standardErrorOfMeasurement: `sd` (the standard deviation of the scores) is required.', { option: 'sd' });
  return deepFreeze(semOf(r, o.sd, o.confidence));
}

function semOf(reliability: number, sd: number, confidence: number): StandardErrorOfMeasurement {
  const sem = sd * Math.sqrt(1 - reliability);
  const differenceSe = Math.SQRT2 * sem;
  if (!Number.isFinite(differenceSe)) {
    throw fail('OUT_OF_RANGE', `The standard error of a difference, √2·SD·√(1 − r), overflows for SD ${show(sd)}: rescale the scores.`, { option: 'sd', value: sd });
  }
  const criticalValue = normalQuantile(1 - (1 - confidence) / 2);
  if (!Number.isFinite(criticalValue)) {
    // 1 − (1 − c)/2 rounds to 1 for c within 1e-16 of 1: the normal quantile is then infinite.
    throw fail('OUT_OF_RANGE', `\`confidence\` ${show(confidence)} is too close to 1 for a finite critical value.`, { option: 'confidence', value: confidence });
  }
  const reliableChange = criticalValue * differenceSe;
  if (!Number.isFinite(reliableChange)) {
    throw fail('OUT_OF_RANGE', `The reliable-change margin, z·√2·SD·√(1 − r), overflows for SD ${show(sd)}: rescale the scores.`, { option: 'sd', value: sd });
  }
  return { reliability, sd, sem, differenceSe, confidence, criticalValue, margin: criticalValue * sem, reliableChange };
}

/** A population's mean and standard deviation on the score. */
export interface ScoreNorms {
  readonly mean: number;
  readonly sd: number;
}

/** Jacobson and Truax's cut-off for clinically significant change, by criterion. */
export interface ClinicalCutoffOptions {
  /**
   * `'a'`: two SDs beyond the dysfunctional mean, towards health; `'b'`: within two SDs of the
   * functional mean; `'c'`: where the two distributions meet, (SD_f·M_d + SD_d·M_f)/(SD_f + SD_d).
   */
  readonly criterion: 'a' | 'b' | 'c';
  /** The dysfunctional (clinical) population; default the `before` scores' mean and SD. Needed by a and c. */
  readonly dysfunctional?: ScoreNorms;
  /** The functional (normative) population. Needed by b and c. */
  readonly functional?: ScoreNorms;
}

/** Options of {@link reliableChange}. */
export interface ReliableChangeOptions extends ReadTableOptions {
  /** The column of scores at the first administration. */
  readonly before: string;
  /** The column of scores at the second administration. */
  readonly after: string;
  /** The scores' reliability (α or test–retest r), strictly between 0 and 1. */
  readonly reliability: number;
  /** The SD that the SEM is built from; default the SD (n − 1) of the `before` scores. */
  readonly sd?: number;
  /** Which direction is improvement: `'decrease'` (default: symptom scales, e.g. PHQ-9) or `'increase'` (well-being). */
  readonly improvement?: 'decrease' | 'increase';
  /** Confidence level of the reliable change index; default 0.95 (|RCI| > 1.96). */
  readonly confidence?: number;
  /** A cut-off for clinically significant change: a score, or a Jacobson–Truax criterion with norms. Default: none. */
  readonly cutoff?: number | ClinicalCutoffOptions;
}

/** A person's classification: reliable change, and with a cut-off, whether they moved across it. */
export type ChangeCategory = 'recovered' | 'improved' | 'unchanged' | 'deteriorated';

/** The cut-off that was used, with the three Jacobson–Truax values where norms allowed them. */
export interface ClinicalCutoff {
  /** `'score'` for a cut-off given as a number. */
  readonly criterion: 'a' | 'b' | 'c' | 'score';
  readonly value: number;
  readonly a: number | null;
  readonly b: number | null;
  readonly c: number | null;
  readonly dysfunctional: ScoreNorms | null;
  readonly functional: ScoreNorms | null;
}

/** Result of {@link reliableChange}: per person (row) arrays, `null` where a score is missing. */
export interface ReliableChangeResult extends PsychkitResult<'reliableChange'> {
  readonly before: string;
  readonly after: string;
  readonly improvement: 'decrease' | 'increase';
  /** Where the SD came from: the option, or the `before` scores. */
  readonly sdSource: 'option' | 'before';
  readonly standardError: StandardErrorOfMeasurement;
  readonly cutoff: ClinicalCutoff | null;
  /** after − before. */
  readonly change: readonly (number | null)[];
  /** RCI = (after − before)/S_diff. */
  readonly rci: readonly (number | null)[];
  /** |RCI| above the critical value. */
  readonly reliable: readonly (boolean | null)[];
  /** With a cut-off: before on the dysfunctional side and after on the functional side. */
  readonly crossedCutoff: readonly (boolean | null)[] | null;
  /** `'recovered'` (reliably improved and crossed the cut-off), `'improved'`, `'unchanged'` or `'deteriorated'`. */
  readonly category: readonly (ChangeCategory | null)[];
  /** How many people fall in each category (people with a missing score are not counted). */
  readonly counts: Readonly<Record<ChangeCategory, number>>;
}

const readReliableChangeOptions = defineOptions('reliableChange', {
  before: field.column(),
  after: field.column(),
  reliability: field.raw(),
  sd: field.optionalNumber(0, Infinity, { exclusiveMin: true }),
  improvement: field.oneOf(['decrease', 'increase'] as const, 'decrease'),
  confidence: field.confidence(),
  cutoff: field.raw(),
  missingCodes: field.missingCodes(),
});

function norms(value: unknown, path: string): ScoreNorms | undefined {
  if (value === undefined) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof value !== 'object' || value === null || Object.keys(v).some((key) => key !== 'mean' && key !== 'sd')) {
    throw fail('INVALID_OPTION', `reliableChange: \`${path}\` must be { mean, sd }; got ${show(value)}.`, { option: path, value });
  }
  const mean = v['mean'];
  const sd = v['sd'];
  if (typeof mean !== 'number' || !Number.isFinite(mean) || typeof sd !== 'number' || !(sd > 0 && sd < Infinity)) {
    throw fail('INVALID_OPTION', `reliableChange: \`${path}\` needs a finite \`mean\` and a positive \`sd\`; got ${show(value)}.`, { option: path, value });
  }
  return { mean, sd };
}

function meanSd(x: Float64Array): { mean: number; sd: number; n: number } {
  let n = 0;
  let sum = 0;
  for (const v of x) if (!Number.isNaN(v)) { n++; sum += v; }
  const mean = sum / n;
  let ss = 0;
  for (const v of x) if (!Number.isNaN(v)) ss += (v - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (n - 1)), n };
}

function cutoffOf(value: unknown, before: { mean: number; sd: number }, sign: number): ClinicalCutoff | null {
  if (value === undefined) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw fail('INVALID_OPTION', `reliableChange: \`cutoff\` must be a finite score or { criterion, … }; got ${show(value)}.`, { option: 'cutoff', value });
    return { criterion: 'score', value, a: null, b: null, c: null, dysfunctional: null, functional: null };
  }
  if (typeof value !== 'object' || value === null) throw fail('INVALID_OPTION', `reliableChange: \`cutoff\` must be a score or { criterion, dysfunctional?, functional? }; got ${show(value)}.`, { option: 'cutoff', value });
  const v = value as Record<string, unknown>;
  const unknown = Object.keys(v).find((key) => !['criterion', 'dysfunctional', 'functional'].includes(key));
  if (unknown !== undefined) throw fail('INVALID_OPTION', `reliableChange: unknown key \`cutoff.${unknown}\`; known keys are criterion, dysfunctional, functional.`, { option: `cutoff.${unknown}` });
  const criterion = v['criterion'];
  if (criterion !== 'a' && criterion !== 'b' && criterion !== 'c') {
    throw fail('INVALID_OPTION', `reliableChange: \`cutoff.criterion\` must be 'a', 'b' or 'c'; got ${show(criterion)}.`, { option: 'cutoff.criterion', value: criterion });
  }
  const dysfunctional = norms(v['dysfunctional'], 'cutoff.dysfunctional') ?? { mean: before.mean, sd: before.sd };
  const functional = norms(v['functional'], 'cutoff.functional') ?? null;
  if (functional === null && criterion !== 'a') {
    throw fail('INVALID_OPTION', `reliableChange: criterion '${criterion}' needs \`cutoff.functional\`, the functional population's { mean, sd }.`, { option: 'cutoff.functional' });
  }
  // sign = +1 when improvement is an increase: healthier lies above the dysfunctional mean.
  const a = dysfunctional.mean + sign * 2 * dysfunctional.sd;
  const b = functional === null ? null : functional.mean - sign * 2 * functional.sd;
  const c = functional === null ? null : (functional.sd * dysfunctional.mean + dysfunctional.sd * functional.mean) / (functional.sd + dysfunctional.sd);
  const chosen = criterion === 'a' ? a : criterion === 'b' ? (b as number) : (c as number);
  return { criterion, value: chosen, a, b, c, dysfunctional, functional };
}

/**
 * The Jacobson–Truax reliable change index for each person between two administrations,
 * RCI = (x₂ − x₁)/S_diff with S_diff = √2·SD·√(1 − r), and, with a cut-off, clinically significant
 * change: a person has *recovered* when the change is reliable in the direction of improvement and
 * the scores moved from the dysfunctional side of the cut-off to the functional side. The cut-off is
 * a score, or one of Jacobson and Truax's criteria: (a) M_d ± 2·SD_d, (b) M_f ∓ 2·SD_f,
 * (c) (SD_f·M_d + SD_d·M_f)/(SD_f + SD_d). A score exactly on the cut-off counts as functional
 * (as "PHQ-9 below 10" is usually read: set the cut-off to 9.5 for integer scores). Swapping
 * `before` and `after` flips every RCI's sign and turns improvement into deterioration.
 *
 * Reference: Jacobson, N. S., & Truax, P. (1991). *Journal of Consulting and Clinical Psychology,
 * 59*(1), 12–19.
 *
 * @example
 * ```ts
 * const rc = reliableChange({ t1: [18, 12, 9], t2: [7, 11, 15] }, { before: 't1', after: 't2', reliability: 0.89, sd: 5.1, cutoff: 9.5 });
 * rc.category; // ['recovered', 'unchanged', 'deteriorated']
 * ```
 */
export function reliableChange(table: Table, options: ReliableChangeOptions): ReliableChangeResult {
  const o = readReliableChangeOptions.read(options);
  const reliability = checkReliability('reliableChange', o.reliability);
  if (o.before === o.after) throw fail('INVALID_OPTION', `reliableChange: \`before\` and \`after\` are both '${o.before}'.`, { option: 'after', value: o.after });
  const view = tableView(table, o.missingCodes as readonly MissingCode[]);
  const [x1, x2] = readNumericColumns(view, [o.before, o.after]) as [Float64Array, Float64Array];
  const n = x1.length;
  const beforeStats = meanSd(x1);
  if (o.sd === undefined && !(beforeStats.n >= 2 && beforeStats.sd > 0)) {
    throw fail('TOO_FEW_CASES', `reliableChange: the SD of '${o.before}' cannot serve as the reference SD (${beforeStats.n} answered, SD ${show(beforeStats.sd)}); give \`sd\` from a norm or the clinical sample.`, { column: o.before, option: 'sd' });
  }
  const sd = o.sd ?? beforeStats.sd;
  const standardError = semOf(reliability, sd, o.confidence);
  const sign = o.improvement === 'increase' ? 1 : -1;
  const cutoff = cutoffOf(o.cutoff, beforeStats, sign);
  const change: (number | null)[] = new Array(n);
  const rci: (number | null)[] = new Array(n);
  const reliable: (boolean | null)[] = new Array(n);
  const crossed: (boolean | null)[] = new Array(n);
  const category: (ChangeCategory | null)[] = new Array(n);
  const counts: Record<ChangeCategory, number> = { recovered: 0, improved: 0, unchanged: 0, deteriorated: 0 };
  let nMissing = 0;
  // A score is functional when it lies on the healthy side of the cut-off (on it counts as functional).
  const functional = (x: number, c: number) => (sign > 0 ? x >= c : x <= c);
  for (let i = 0; i < n; i++) {
    const a = x1[i] as number;
    const b = x2[i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) {
      change[i] = rci[i] = reliable[i] = crossed[i] = category[i] = null;
      nMissing++;
      continue;
    }
    const d = b - a;
    const index = d / standardError.differenceSe;
    const isReliable = Math.abs(index) > standardError.criticalValue;
    const improved = isReliable && sign * d > 0;
    const across = cutoff === null ? null : !functional(a, cutoff.value) && functional(b, cutoff.value);
    const c: ChangeCategory = !isReliable ? 'unchanged' : !improved ? 'deteriorated' : across === true ? 'recovered' : 'improved';
    change[i] = d;
    rci[i] = index === 0 ? 0 : index;
    reliable[i] = isReliable;
    crossed[i] = across;
    category[i] = c;
    counts[c]++;
  }
  const warnings: PsychkitWarning[] = [];
  if (nMissing > 0) {
    warnings.push({ code: 'EMPTY_ROWS', message: `reliableChange: ${nMissing} of ${n} people lack a score at one of the two times; their values are null.`, details: { count: nMissing } });
  }
  return deepFreeze({
    kind: 'reliableChange',
    n: n - nMissing,
    warnings,
    before: o.before,
    after: o.after,
    improvement: o.improvement,
    sdSource: o.sd === undefined ? 'before' : 'option',
    standardError,
    cutoff,
    change,
    rci,
    reliable,
    crossedCutoff: cutoff === null ? null : crossed,
    category,
    counts,
  } satisfies ReliableChangeResult);
}
