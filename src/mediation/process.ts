import type { Table } from '../data/table.js';
import { deepFreeze } from '../util/freeze.js';
import { conditionalProcess } from './process-conditional.js';
import { mediation } from './process-mediation.js';
import { moderation } from './process-moderation.js';
import { OWN_SHAPE, processSettings } from './process-options.js';
import { catalogProcess } from './process-catalog.js';
import type { CatalogProcessResult } from './catalog-types.js';
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
  CatalogOnlyModelNumber,
  CatalogProcessOptions,
  SerialMediationOptions,
  SerialMediationResult,
} from './process-types.js';

export { PROCESS_MODELS } from './process-options.js';

/**
 * PROCESS models 1, 4, 6, 7, 8, 14, 58 and 59 (Hayes, 2022), built on {@link pathModel}'s engine.
 * The result's type follows `model`: `processModel(rows, { model: 4, … })` is a
 * {@link ParallelMediationResult} whose `indirectEffects` need no null check.
 *
 * As PROCESS: OLS equations (QR) on one listwise sample; covariates in every equation unless
 * `covariatesIn` says otherwise; moderators probed at the 16th/50th/84th percentiles (type 6),
 * mean ± SD or given values, a dichotomous moderator at its two values; indirect effects
 * (products of path coefficients; conditional ones (a₁ + a₃W)(b₁ + b₃W)) with case-resampling
 * bootstrap SEs and percentile or bias-corrected CIs from 5,000 seeded resamples; direct and total
 * effects with t tests; Johnson–Neyman points inside the range of W. Unlike PROCESS, fewer than
 * 1,000 resamples are refused (unless `allowFewResamples`), critical t values are exact, and an
 * essentially perfect fit is flagged (`PERFECT_FIT`, as R's `summary.lm`).
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
 * ```
 */
export function processModel(table: Table, options: ModerationOptions): ModerationResult;
export function processModel(table: Table, options: ParallelMediationOptions): ParallelMediationResult;
export function processModel(table: Table, options: SerialMediationOptions): SerialMediationResult;
export function processModel(table: Table, options: ParallelMediationOptions | SerialMediationOptions): ParallelMediationResult | SerialMediationResult;
export function processModel<M extends ConditionalProcessModelNumber>(table: Table, options: ConditionalProcessOptions<M>): ProcessResultMap[M];
export function processModel<M extends CatalogOnlyModelNumber>(table: Table, options: CatalogProcessOptions<M>): CatalogProcessResult<M>;
export function processModel(table: Table, options: ProcessOptions): ProcessResult;
export function processModel(table: Table, options: unknown): ProcessResult | CatalogProcessResult {
  const settings = processSettings(options);
  if (!OWN_SHAPE.has(settings.model)) return deepFreeze(catalogProcess(table, settings));
  switch (settings.shape.family) {
    case 'moderation':
      return deepFreeze(moderation(table, settings));
    case 'mediation':
      return deepFreeze(mediation(table, settings));
    default:
      return deepFreeze(conditionalProcess(table, settings));
  }
}
