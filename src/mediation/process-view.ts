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
  OmnibusTest,
  ConditionalPathEffect,
  GroupContrast,
  PathJohnsonNeyman,
  PathPrediction,
  PredictedValue,
  ProbedModerator,
  AnyRelativeProcessResult,
} from './catalog-types.js';
import type { GroupCoding } from '../data/group-coding.js';
import type {
  IndirectContrast,
  IndirectEffect,
  InteractionTest,
  ProcessResult,
  ProcessResultCommon,
  ProcessModelNumber,
  SobelTest,
  ControlledDirectEffect,
  CounterfactualMediationResult,
  StandardizedIndirectEffects,
  TestedEffect,
} from './process-types.js';
import type { BootstrapEffect, EquationResult } from './engine.js';

/** A row that, for a multicategorical X, names the code of X it is the relative effect of. */
type Coded<T> = T & { readonly code?: string };

export interface ProcessView extends ProcessResultCommon<ProcessModelNumber> {
  readonly moderators: readonly ProbedModerator[];
  /** A multicategorical X's coding (null for a numeric X); rows then carry \`code\`. */
  readonly xCoding: GroupCoding | null;
  /** Relative direct effects (multicategorical X). */
  readonly directEffects: readonly Coded<TestedEffect>[] | null;
  /** Relative total effects (multicategorical X). */
  readonly totalEffects: readonly Coded<TestedEffect>[] | null;
  /** Total relative indirect effects (multicategorical X). */
  readonly totalIndirectEffects: readonly Coded<IndirectEffect>[] | null;
  readonly omnibusTests: readonly OmnibusTest[] | null;
  readonly conditionalPathEffects: readonly ConditionalPathEffect[] | null;
  /** Model 4 with `xmInteraction`: the counterfactually defined effects (the total is `counterfactualTotal`). */
  readonly xValues: CounterfactualMediationResult['xValues'] | null;
  readonly mediatorPredictions: readonly number[] | null;
  readonly naturalDirectEffect: TestedEffect | null;
  readonly controlledDirectEffects: readonly ControlledDirectEffect[] | null;
  readonly naturalIndirectEffects: readonly IndirectEffect[] | null;
  readonly totalNaturalIndirectEffect: IndirectEffect | null;
  readonly counterfactualTotal: BootstrapEffect | null;
  readonly johnsonNeymanPaths: readonly PathJohnsonNeyman[] | null;
  readonly pathPredictions: readonly PathPrediction[] | null;
  /** Contrasts of the groups' conditional indirect effects (a multicategorical W on both paths). */
  readonly groupContrasts: readonly GroupContrast[] | null;
  /** Partially standardized relative indirect effects (multicategorical X with `standardize`). */
  readonly standardizedIndirectEffects: readonly Coded<IndirectEffect>[] | null;
  readonly totalEffectModel: EquationResult | null;
  readonly totalEffect: TestedEffect | null;
  readonly directEffect: TestedEffect | null;
  readonly conditionalDirectEffects: readonly Coded<ConditionalTestedEffect>[] | null;
  readonly indirectEffects: readonly Coded<IndirectEffect>[] | null;
  readonly totalIndirectEffect: IndirectEffect | null;
  readonly contrasts: readonly IndirectContrast[] | null;
  readonly standardized: StandardizedIndirectEffects | null;
  readonly sobel: readonly SobelTest[] | null;
  readonly conditionalEffects: readonly Coded<ConditionalTestedEffect>[] | null;
  readonly conditionalInteractions: readonly Coded<ConditionalTestedEffect>[] | null;
  /** Model 3 with a multicategorical W: the conditional X × W interaction's F (or χ²) tests at Z. */
  readonly conditionalInteractionTests: readonly OmnibusTest[] | null;
  readonly predictedValues: readonly PredictedValue[] | null;
  readonly interactionTests: readonly InteractionTest[] | null;
  readonly johnsonNeyman: JohnsonNeyman | null;
  readonly conditionalIndirectEffects: readonly Coded<ConditionalIndirectEffect>[] | null;
  readonly conditionalIndirectDifferences: readonly Coded<ConditionalIndirectDifference>[] | null;
  readonly indexOfModeratedMediation: readonly Coded<MediationIndex>[] | null;
  readonly indexOfPartialModeratedMediation: readonly Coded<MediationIndex>[] | null;
  readonly indexOfModeratedModeratedMediation: readonly Coded<ModeratedModeratedMediationIndex>[] | null;
  readonly indexOfConditionalModeratedMediation: readonly Coded<ConditionalMediationIndex>[] | null;
  readonly bootstrap: BootstrapInfo | null;
}

const EMPTY = {
  moderators: [],
  xCoding: null,
  directEffects: null,
  totalEffects: null,
  totalIndirectEffects: null,
  omnibusTests: null,
  conditionalPathEffects: null,
  xValues: null,
  mediatorPredictions: null,
  naturalDirectEffect: null,
  controlledDirectEffects: null,
  naturalIndirectEffects: null,
  totalNaturalIndirectEffect: null,
  counterfactualTotal: null,
  johnsonNeymanPaths: null,
  pathPredictions: null,
  standardizedIndirectEffects: null,
  groupContrasts: null,
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
  conditionalInteractionTests: null,
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
export function processView(result: ProcessResult | AnyRelativeProcessResult | CounterfactualMediationResult): ProcessView {
  const view: Record<string, unknown> = { ...result };
  // The counterfactual total has a bootstrap CI, not a t test: a field of its own in the view.
  if ('naturalDirectEffect' in result) {
    view['counterfactualTotal'] = result.totalEffect;
    view['totalEffect'] = null;
  }
  for (const [key, empty] of Object.entries(EMPTY)) view[key] ??= empty;
  return view as unknown as ProcessView;
}
