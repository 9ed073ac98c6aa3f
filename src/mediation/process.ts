import type { Table } from '../data/table.js';
import { deepFreeze } from '../util/freeze.js';
import { mediation, relativeSerialMediation } from './process-mediation.js';
import { processSettings } from './process-options.js';
import { catalogProcess } from './process-catalog.js';
import { networkProcess } from './process-network.js';
import { counterfactualMediation } from './process-xmint.js';
import type { AnyRelativeProcessResult, CatalogProcessResult, RelativeModelNumber, RelativeProcessResult } from './catalog-types.js';
import type {
  ConditionalProcessModelNumber,
  ConditionalProcessOptions,
  ModerationOptions,
  ModerationResult,
  ParallelMediationOptions,
  ParallelMediationResult,
  ProcessOptions,
  ProcessResult,
  ProcessResultMap,
  CounterfactualMediationOptions,
  CounterfactualMediationResult,
  RelativeProcessOptions,
  CatalogOnlyModelNumber,
  CatalogProcessOptions,
  SerialMediationOptions,
  SerialMediationResult,
} from './process-types.js';

export { PROCESS_MODELS } from './process-options.js';

/**
 * Every numbered PROCESS model 1–76 and PROCESS 4's 80–92 (Hayes, 2013, 2022), built on
 * {@link pathModel}'s engine.
 * Models 1–3 are moderation, 4 parallel and 6 serial mediation, the rest of 1–76 conditional
 * process models whose equations come from a catalog of PROCESS's own output; 80–92 combine
 * mediators in series and in parallel (W on some paths), their equations and chains of indirect
 * effects following from their paths (docs/mediation.md lists them all). The result's type follows `model`: `processModel(rows, { model: 4, … })` is a
 * {@link ParallelMediationResult} whose `indirectEffects` need no null check; a model with
 * moderators gives a {@link CatalogProcessResult} whose sections are non-null exactly where the
 * model defines them (model 7's `indexOfModeratedMediation`, model 12's
 * `indexOfModeratedModeratedMediation`, …).
 *
 * As PROCESS: OLS equations (QR) on one listwise sample; covariates in every equation unless
 * `covariatesIn` says otherwise; moderators probed at the 16th/50th/84th percentiles (type 6),
 * mean ± SD or given values, a dichotomous moderator at its two values; indirect effects are
 * products of path polynomials (a₁ + a₂W + …)(b₁ + b₂V + …), probed at every combination of the
 * moderators' values, with case-resampling bootstrap SEs and percentile or bias-corrected CIs
 * from 5,000 seeded resamples; the index of moderated mediation where the indirect effect is
 * linear in one moderator, of partial moderated mediation where it is additive in two, of
 * moderated moderated mediation and conditional moderated mediation where it is bilinear in two;
 * direct effects with t tests; Johnson–Neyman points inside the range of W (model 1). A
 * multicategorical X (`xCoding`: indicator, sequential, Helmert or effect coding, as PROCESS's
 * `mcx`) gives relative effects per code and omnibus tests of X (R² change and F, or Wald). Moderators
 * are named as in PROCESS 4 (`w`, `z`) for the models PROCESS 4 has, as in PROCESS 2 (`w`, `z`,
 * `v`, `q`) for the others. Unlike PROCESS, fewer than 1,000 resamples are refused (unless
 * `allowFewResamples`), critical t values are exact, and an essentially perfect fit is flagged
 * (`PERFECT_FIT`, as R's `summary.lm`).
 *
 * `keepResamples: true` keeps the resampled estimates: every bootstrapped effect in the result
 * (indirect effects, their total, contrasts, indices, conditional indirect effects, bootstrapped
 * coefficients) gets `draws`, a Float64Array of its B estimates in resample order whose SD
 * (B − 1 divisor) is its `se`. To run it off the main thread, with the bootstrap split across
 * workers and the same digits, see `runInWorker` in `psychkit/worker`.
 *
 * Reference: Hayes, A. F. (2022). *Introduction to mediation, moderation, and conditional process
 * analysis* (3rd ed.). Guilford.
 *
 * @example
 * ```ts
 * const fit = processModel(data, { model: 4, x: 'esse', m: 'ss', y: 'pwb', covariates: ['gender', 'education'], seed: 1 });
 * fit.indirectEffects[0]; // { label: 'ss', path, estimate, se, lower, upper }
 * fit.directEffect; fit.totalEffect;
 * console.log(formatProcess(fit));
 *
 * const mm = processModel(data, { model: 21, x: 'esse', m: 'ss', w: 'gender', z: 'education', y: 'pwb', seed: 1 });
 * mm.indexOfModeratedModeratedMediation[0]; // { mediator: 'ss', moderators: ['w', 'z'], estimate, se, lower, upper }
 *
 * // A multicategorical X (PROCESS's mcx): relative effects, one row per code, and omnibus tests.
 * const rel = processModel(data, { model: 4, x: 'education', m: 'ss', y: 'pwb', xCoding: 'helmert', seed: 1 });
 * rel.xCoding.compares; // ['mean(2, 3, 4, 5) − 1', …]
 * rel.directEffects[0]; // { code: 'education[1]', estimate, se, statistic, p, lower, upper }
 * rel.omnibusTests[0]; // { test: 'F', equation: 'pwb', at: {}, rSquaredChange, statistic, df1: 4, df2, p }
 *
 * // Model 91: a serial chain whose mediator → mediator paths W moderates; one row per chain.
 * const chain = processModel(data, { model: 91, x: 'esse', m: ['ss', 'si'], w: 'gender', y: 'pwb', seed: 1 });
 * chain.conditionalIndirectEffects[0]; // { mediator: 'ss -> si', at: { w: 0 }, estimate, se, lower, upper }
 * ```
 */
export function processModel<M extends RelativeModelNumber>(table: Table, options: RelativeProcessOptions<M> & { readonly model: M }): RelativeProcessResult<M>;
export function processModel(table: Table, options: CounterfactualMediationOptions): CounterfactualMediationResult;
export function processModel(table: Table, options: ModerationOptions): ModerationResult;
export function processModel(table: Table, options: ParallelMediationOptions): ParallelMediationResult;
export function processModel(table: Table, options: SerialMediationOptions): SerialMediationResult;
export function processModel(table: Table, options: ParallelMediationOptions | SerialMediationOptions): ParallelMediationResult | SerialMediationResult;
export function processModel<M extends ConditionalProcessModelNumber>(table: Table, options: ConditionalProcessOptions<M>): ProcessResultMap[M];
export function processModel<M extends CatalogOnlyModelNumber>(table: Table, options: CatalogProcessOptions<M>): CatalogProcessResult<M>;
export function processModel(table: Table, options: ProcessOptions): ProcessResult;
export function processModel(table: Table, options: ProcessOptions | RelativeProcessOptions | CounterfactualMediationOptions): ProcessResult | AnyRelativeProcessResult | CounterfactualMediationResult;
export function processModel(table: Table, options: unknown): ProcessResult | CatalogProcessResult | AnyRelativeProcessResult | CounterfactualMediationResult {
  const settings = processSettings(options);
  if (settings.xmInteraction) return deepFreeze(counterfactualMediation(table, settings));
  if (settings.network !== null) return deepFreeze(networkProcess(table, settings));
  if (settings.model === 6 && settings.xCoding !== null) return deepFreeze(relativeSerialMediation(table, settings));
  return deepFreeze((settings.model === 4 || settings.model === 6) && settings.xCoding === null ? mediation(table, settings) : catalogProcess(table, settings));
}
