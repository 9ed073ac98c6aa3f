import { fail, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import { chiSquareSurvival } from '../probability/index.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field } from '../util/options.js';
import { cfa, type SemInput, type SemOptions, type SemResult } from './fit.js';
import type { GroupEqual } from './groups.js';
import { satorra2000, WLSMV_STATE } from './wlsmv.js';

// Measurement invariance as the sequence of nested multiple-group CFAs every applied paper
// reports: configural (the same model in every group), metric (equal loadings), scalar (and
// equal intercepts), strict (and equal residual variances). Each step is compared with the one
// before by lavaan's `lavTestLRT`: the χ² difference (under MLR the Satorra–Bentler 2001 scaled
// difference), its df and p, and the RMSEA of the difference test (RMSEA_D, lavaan ≥ 0.6-13),
// plus the changes in CFI and RMSEA that Cheung and Rensvold (2002) and Chen (2007) read.

/** The invariance levels, each adding one set of equal parameters to the one before. */
export const INVARIANCE_STEPS = ['configural', 'metric', 'scalar', 'strict'] as const;
export type InvarianceStep = (typeof INVARIANCE_STEPS)[number];

const EQUAL: Record<InvarianceStep, readonly GroupEqual[]> = {
  configural: [],
  metric: ['loadings'],
  scalar: ['loadings', 'intercepts'],
  strict: ['loadings', 'intercepts', 'residuals'],
};

/** With ordered indicators the thresholds take the place of the intercepts (lavaan's ordinal ladder). */
const EQUAL_ORDERED: Partial<Record<InvarianceStep, readonly GroupEqual[]>> = {
  configural: [],
  metric: ['loadings'],
  scalar: ['loadings', 'thresholds'],
};

/** Options of {@link invariance}: those of {@link cfa} (with `group` required), without `groupEqual`. */
export interface InvarianceOptions extends Omit<SemOptions, 'groupEqual' | 'group' | 'resamples' | 'allowFewResamples' | 'seed' | 'interval' | 'onProgress'> {
  /** The column that splits the rows into groups (not with grouped moments, whose groups are given). */
  readonly group?: string;
  /**
   * The steps to fit, in order (default configural, metric, scalar; add `'strict'` for equal
   * residual variances). With `ordered` indicators (WLSMV) scalar holds the thresholds equal
   * instead of the intercepts, and strict does not apply.
   */
  readonly steps?: readonly InvarianceStep[];
}

/** The test of one step against the one before (lavaan's `lavTestLRT` row). */
export interface InvarianceTest {
  /** Δχ² (under MLR the Satorra–Bentler 2001 scaled difference; under WLSMV Satorra's 2000 scaled-and-shifted one). */
  readonly chiSquare: number;
  readonly df: number;
  readonly p: number;
  /** RMSEA of the difference test (lavaan's `RMSEA` column; Savalei et al. 2023's RDR); null under FIML and MLR, as lavaan 0.6.14. */
  readonly rmsea: number | null;
  /** Under MLR the scaling factor c_d of the difference; under WLSMV its scale a (lavaan's `scale`); else null. */
  readonly scalingFactor: number | null;
  /** Under WLSMV the shift b of the scaled-and-shifted difference (lavaan's `shift`); else null. */
  readonly shift: number | null;
}

/** One fitted step. */
export interface InvarianceModel {
  readonly step: InvarianceStep;
  /** The parameter sets held equal across groups. */
  readonly groupEqual: readonly GroupEqual[];
  readonly result: SemResult;
  /** The comparison with the step before (null for the first). */
  readonly test: InvarianceTest | null;
  /**
   * CFI minus the step before's (negative: fit got worse); under MLR the robust CFI. Cheung and
   * Rensvold (2002) read ΔCFI ≤ −0.01 as non-invariance.
   */
  readonly deltaCfi: number | null;
  /** RMSEA minus the step before's; under MLR the robust RMSEA (Chen 2007: ≥ 0.015). */
  readonly deltaRmsea: number | null;
}

/** Result of {@link invariance}. */
export interface InvarianceResult extends PsychkitResult<'invariance'> {
  readonly model: string;
  /** The grouping column (null when fitted from grouped moments). */
  readonly group: string | null;
  /** The groups, in the order fitted. */
  readonly groups: readonly string[];
  readonly estimator: 'ML' | 'MLR' | 'WLSMV';
  readonly n: number;
  readonly models: readonly InvarianceModel[];
}

const readInvarianceOptions = defineOptions('invariance', {
  missingCodes: field.missingCodes(),
  model: field.raw(),
  stdLv: field.raw(),
  meanStructure: field.raw(),
  orthogonal: field.raw(),
  estimator: field.raw(),
  missing: field.raw(),
  confidence: field.raw(),
  group: field.optionalColumn(),
  ordered: field.raw(),
  groupLabels: field.raw(),
  groupPartial: field.raw(),
  steps: (v: unknown, k: string): readonly InvarianceStep[] => {
    if (v === undefined) return ['configural', 'metric', 'scalar'];
    if (!Array.isArray(v) || v.length < 2) throw fail('INVALID_OPTION', `\`${k}\` must list at least two of ${INVARIANCE_STEPS.join(', ')}.`, { option: k, value: v });
    let last = -1;
    for (const s of v) {
      const i = (INVARIANCE_STEPS as readonly unknown[]).indexOf(s);
      if (i < 0) throw fail('INVALID_OPTION', `\`${k}\`: ${JSON.stringify(s)} is not one of ${INVARIANCE_STEPS.join(', ')}.`, { option: k, value: s });
      if (i <= last) throw fail('INVALID_OPTION', `\`${k}\` must list the steps in order (${INVARIANCE_STEPS.join(' → ')}), each once.`, { option: k, value: v });
      last = i;
    }
    return [...v] as InvarianceStep[];
  },
});

/** lavaan's RMSEA of a difference test: √(max(0, Δχ²/N/Δdf − 1/N))·√G. */
function differenceRmsea(chi: number, df: number, n: number, groups: number): number {
  return Math.sqrt(Math.max(0, chi / n / df - 1 / n)) * Math.sqrt(groups);
}

/** Satorra & Bentler (2001): T_d = (T₀ − T₁)/c_d, c_d = (df₀c₀ − df₁c₁)/(df₀ − df₁), with unscaled T. */
function scaledDifference(restricted: SemResult, free: SemResult): { chiSquare: number; scaling: number } | null {
  const c0 = restricted.fit.scaled?.scalingFactor;
  const c1 = free.fit.scaled?.scalingFactor;
  if (c0 === undefined || c1 === undefined) return null;
  const d0 = restricted.fit.df;
  const d1 = free.fit.df;
  const scaling = (d0 * c0 - d1 * c1) / (d0 - d1);
  if (!(scaling > 0)) return null;
  return { chiSquare: (restricted.fit.chiSquare - free.fit.chiSquare) / scaling, scaling };
}

/**
 * Measurement invariance across groups: fits the CFA configural → metric → scalar (→ strict),
 * each with the parameter sets of the step before plus one more held equal across groups, and
 * tests each against the one before — the χ² difference test of lavaan's `lavTestLRT` (under
 * MLR the Satorra–Bentler 2001 scaled difference), with the difference's RMSEA, ΔCFI and ΔRMSEA.
 *
 * Matches `lavTestLRT(cfa(model, data, group = g), cfa(…, group.equal = "loadings"), …)` and
 * semTools' `measEq.syntax` sequence for continuous indicators.
 *
 * References: Meredith, W. (1993). Measurement invariance, factor analysis and factorial
 * invariance. *Psychometrika, 58*, 525–543. Cheung, G. W., & Rensvold, R. B. (2002). Evaluating
 * goodness-of-fit indexes for testing measurement invariance. *Structural Equation Modeling, 9*,
 * 233–255. Satorra, A., & Bentler, P. M. (2001). A scaled difference chi-square test statistic
 * for moment structure analysis. *Psychometrika, 66*, 507–514.
 *
 * Rows or grouped moments (`{ groups: [{ label, covariance, means, n, columns }, …] }`, see {@link cfa}).
 *
 * @example
 * ```ts
 * const mi = invariance(rows, { model: 'visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9', group: 'school' });
 * mi.models.map((m) => [m.step, m.test?.chiSquare, m.test?.p, m.deltaCfi]);
 * ```
 */
export function invariance(table: SemInput, options: InvarianceOptions): InvarianceResult {
  const o = readInvarianceOptions.read(options);
  const grouped = typeof table === 'object' && table !== null && !Array.isArray(table) && 'groups' in table;
  if (o.group === undefined && !grouped) throw fail('INVALID_OPTION', 'invariance needs `group` (the column that splits the rows into groups), or moments of several groups ({ groups: [...] }).', { option: 'group' });
  const { steps, ...rest } = o;
  const base = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as unknown as SemOptions;
  const ordered = o.ordered !== undefined && o.ordered !== false && !(Array.isArray(o.ordered) && o.ordered.length === 0);
  if (ordered && steps.includes('strict')) throw fail('INVALID_OPTION', "`steps`: 'strict' (equal residual variances) does not apply to ordered indicators, whose residual variances are 1 − their communalities.", { option: 'steps', value: 'strict' });
  const equalOf = (step: InvarianceStep): readonly GroupEqual[] => (ordered ? EQUAL_ORDERED[step]! : EQUAL[step]);
  const fits = steps.map((step) => ({ step, result: cfa(table, { ...base, groupEqual: equalOf(step) }) }));
  const first = fits[0]!.result;
  const robust = first.estimator === 'MLR';
  const wlsmv = first.estimator === 'WLSMV';
  const G = first.groups.length;
  if (G < 2) throw fail('TOO_FEW_CASES', `${o.group === undefined ? 'The moments hold' : `"${o.group}" holds`} one group (${String(first.groups[0]!.label)}); invariance compares two or more.`, { ...(o.group === undefined ? {} : { column: o.group }), n: G });
  const warnings: PsychkitWarning[] = [];
  // ΔCFI and ΔRMSEA: robust indices under MLR, scaled ones under WLSMV (lavaan has no robust ones once thresholds are equal).
  const cfiOf = (r: SemResult) => (robust ? (r.fit.robust?.cfi ?? null) : wlsmv ? (r.fit.scaled?.cfi ?? null) : r.fit.cfi);
  const rmseaOf = (r: SemResult) => (robust ? (r.fit.robust?.rmsea.estimate ?? null) : wlsmv ? (r.fit.scaled?.rmsea.estimate ?? null) : r.fit.rmsea.estimate);
  const models: InvarianceModel[] = fits.map(({ step, result }, i) => {
    if (i === 0) return { step, groupEqual: equalOf(step), result, test: null, deltaCfi: null, deltaRmsea: null };
    const before = fits[i - 1]!.result;
    const df = result.fit.df - before.fit.df;
    const raw = result.fit.chiSquare - before.fit.chiSquare;
    let chiSquare = raw;
    let scalingFactor: number | null = null;
    let shift: number | null = null;
    if (raw < -Math.cbrt(Number.EPSILON)) {
      warnings.push({ code: 'MODELS_NOT_NESTED', message: `${step} fits better than ${fits[i - 1]!.step} (χ² falls by ${(-raw).toFixed(3)}): the models are not nested, or a fit stopped early. The difference test is reported as lavaan reports it.`, details: { step, difference: raw } });
    }
    if (wlsmv) {
      const free = WLSMV_STATE.get(before);
      const restricted = WLSMV_STATE.get(result);
      const test = free === undefined || restricted === undefined ? null : satorra2000(free, restricted);
      if (test === null) throw fail('NOT_IDENTIFIED', `The scaled difference test of ${step} against ${fits[i - 1]!.step} could not be computed (a singular information or Jacobian).`, { step });
      chiSquare = test.chiSquare;
      scalingFactor = test.scale;
      shift = test.shift;
    } else if (robust) {
      const scaled = scaledDifference(result, before);
      if (scaled === null) {
        warnings.push({ code: 'SCALED_DIFFERENCE_NEGATIVE', message: `The Satorra–Bentler scaled difference of ${step} against ${fits[i - 1]!.step} has a non-positive scaling factor; the unscaled difference is reported.`, details: { step } });
      } else {
        chiSquare = scaled.chiSquare;
        scalingFactor = scaled.scaling;
      }
    }
    // lavaan rounds the difference to 10 decimals ("zap small values").
    chiSquare = Math.round(chiSquare * 1e10) / 1e10;
    const cfi = cfiOf(result);
    const cfiBefore = cfiOf(before);
    const rmsea = rmseaOf(result);
    const rmseaBefore = rmseaOf(before);
    return {
      step,
      groupEqual: equalOf(step),
      result,
      test: {
        chiSquare,
        df,
        p: chiSquareSurvival(Math.max(chiSquare, 0), df),
        rmsea: result.missing === 'listwise' && !robust && !wlsmv ? differenceRmsea(raw, df, result.n, G) : null,
        scalingFactor,
        shift,
      },
      deltaCfi: cfi === null || cfiBefore === null ? null : cfi - cfiBefore,
      deltaRmsea: rmsea === null || rmseaBefore === null ? null : rmsea - rmseaBefore,
    };
  });
  return deepFreeze({
    kind: 'invariance',
    model: first.model,
    group: o.group ?? null,
    groups: first.groups.map((g) => g.label!),
    estimator: first.estimator,
    n: first.n,
    models,
    warnings: [...warnings, ...fits.flatMap(({ step, result }) => result.warnings.map((w) => ({ ...w, message: `${step}: ${w.message}` })))],
  });
}
