// One uniform, internal view of any processModel result for the formatters (formatProcess,
// toApaTable): every family's fields, `null` where a model has none. Public results keep their
// precise per-model types; only the printers need "whatever this model has".
import type { BootstrapInfo } from '../resampling/settings.js';
import type { JohnsonNeyman } from './probes.js';
import type {
  ConditionalIndirectDifference,
  ConditionalIndirectEffect,
  ConditionalMediationIndex,
  ConditionalTestedEffect,
  MediationIndex,
  ModeratedModeratedMediationIndex,
  PredictedValue,
  ProbedModerator,
} from './catalog-types.js';
import type {
  IndirectContrast,
  IndirectEffect,
  InteractionTest,
  ProcessResult,
  ProcessResultCommon,
  ProcessModelNumber,
  SobelTest,
  StandardizedIndirectEffects,
  TestedEffect,
} from './process-types.js';
import type { EquationResult } from './engine.js';

export interface ProcessView extends ProcessResultCommon<ProcessModelNumber> {
  readonly moderators: readonly ProbedModerator[];
  readonly totalEffectModel: EquationResult | null;
  readonly totalEffect: TestedEffect | null;
  readonly directEffect: TestedEffect | null;
  readonly conditionalDirectEffects: readonly ConditionalTestedEffect[] | null;
  readonly indirectEffects: readonly IndirectEffect[] | null;
  readonly totalIndirectEffect: IndirectEffect | null;
  readonly contrasts: readonly IndirectContrast[] | null;
  readonly standardized: StandardizedIndirectEffects | null;
  readonly sobel: readonly SobelTest[] | null;
  readonly conditionalEffects: readonly ConditionalTestedEffect[] | null;
  readonly conditionalInteractions: readonly ConditionalTestedEffect[] | null;
  readonly predictedValues: readonly PredictedValue[] | null;
  readonly interactionTests: readonly InteractionTest[] | null;
  readonly johnsonNeyman: JohnsonNeyman | null;
  readonly conditionalIndirectEffects: readonly ConditionalIndirectEffect[] | null;
  readonly conditionalIndirectDifferences: readonly ConditionalIndirectDifference[] | null;
  readonly indexOfModeratedMediation: readonly MediationIndex[] | null;
  readonly indexOfPartialModeratedMediation: readonly MediationIndex[] | null;
  readonly indexOfModeratedModeratedMediation: readonly ModeratedModeratedMediationIndex[] | null;
  readonly indexOfConditionalModeratedMediation: readonly ConditionalMediationIndex[] | null;
  readonly bootstrap: BootstrapInfo | null;
}

const EMPTY = {
  moderators: [],
  coefficientBootstrap: null,
  totalEffectModel: null,
  totalEffect: null,
  directEffect: null,
  conditionalDirectEffects: null,
  indirectEffects: null,
  totalIndirectEffect: null,
  contrasts: null,
  standardized: null,
  sobel: null,
  conditionalEffects: null,
  conditionalInteractions: null,
  predictedValues: null,
  interactionTests: null,
  johnsonNeyman: null,
  conditionalIndirectEffects: null,
  conditionalIndirectDifferences: null,
  indexOfModeratedMediation: null,
  indexOfPartialModeratedMediation: null,
  indexOfModeratedModeratedMediation: null,
  indexOfConditionalModeratedMediation: null,
  bootstrap: null,
} as const;

/**
 * The result with every family's field present: `null` where the model has none (or an edited
 * result left it undefined), `[]` for the moderators of a model without them.
 */
export function processView(result: ProcessResult): ProcessView {
  const view: Record<string, unknown> = { ...result };
  for (const [key, empty] of Object.entries(EMPTY)) view[key] ??= empty;
  return view as unknown as ProcessView;
}
