// One uniform, internal view of any processModel result for the formatters (formatProcess,
// toApaTable): every family's fields, `null` where a model has none. Public results keep their
// precise per-model types; only the printers need "whatever this model has".
import type { BootstrapInfo } from '../resampling/settings.js';
import type { ConditionalEffect, JohnsonNeyman, Probes } from './probes.js';
import type {
  ConditionalIndirectDifference,
  ConditionalIndirectEffect,
  IndirectContrast,
  IndirectEffect,
  InteractionTest,
  ModeratedMediationIndex,
  ProcessResult,
  ProcessResultCommon,
  ProcessModelNumber,
  SobelTest,
  StandardizedIndirectEffects,
  TestedEffect,
} from './process-types.js';
import type { EquationResult } from './engine.js';

export interface ProcessView extends ProcessResultCommon<ProcessModelNumber> {
  readonly totalEffectModel: EquationResult | null;
  readonly totalEffect: TestedEffect | null;
  readonly directEffect: TestedEffect | null;
  readonly conditionalDirectEffects: readonly ConditionalEffect[] | null;
  readonly indirectEffects: readonly IndirectEffect[] | null;
  readonly totalIndirectEffect: IndirectEffect | null;
  readonly contrasts: readonly IndirectContrast[] | null;
  readonly standardized: StandardizedIndirectEffects | null;
  readonly sobel: readonly SobelTest[] | null;
  readonly conditionalEffects: readonly ConditionalEffect[] | null;
  readonly interactionTests: readonly InteractionTest[] | null;
  readonly johnsonNeyman: JohnsonNeyman | null;
  readonly conditionalIndirectEffects: readonly ConditionalIndirectEffect[] | null;
  readonly indexOfModeratedMediation: readonly ModeratedMediationIndex[] | null;
  readonly conditionalIndirectDifferences: readonly ConditionalIndirectDifference[] | null;
  readonly probes: Probes | null;
  readonly bootstrap: BootstrapInfo | null;
}

const EMPTY = {
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
  interactionTests: null,
  johnsonNeyman: null,
  conditionalIndirectEffects: null,
  indexOfModeratedMediation: null,
  conditionalIndirectDifferences: null,
  probes: null,
  bootstrap: null,
} as const;

/** The result with every family's field present (`null` where the model has none). */
export function processView(result: ProcessResult): ProcessView {
  return { ...EMPTY, ...result } as ProcessView;
}
