export { pathModel } from './path-model.js';
export type { PathModelSpec, PathModelResult, PathEquation, EffectFunction, CoefficientReader } from './path-model.js';
export { processModel, PROCESS_MODELS } from './process.js';
export type {
  ProcessModelNumber,
  ConditionalProcessModelNumber,
  ProcessOptions,
  ProcessCommonOptions,
  ModeratedOptions,
  MediatedOptions,
  ModerationOptions,
  UnmoderatedMediationOptions,
  ParallelMediationOptions,
  SerialMediationOptions,
  ConditionalProcessOptions,
  ProcessResult,
  ProcessResultMap,
  ProcessResultCommon,
  ProcessVariables,
  ProcessSettingsEcho,
  ModerationResult,
  MediationResultCommon,
  ParallelMediationResult,
  SerialMediationResult,
  FirstStageModerationResult,
  FirstStageAndDirectModerationResult,
  SecondStageModerationResult,
  BothStagesModerationResult,
  BothStagesAndDirectModerationResult,
  TestedEffect,
  IndirectEffect,
  IndirectContrast,
  CatalogProcessOptions,
  CatalogOnlyModelNumber,
  ProcessOptionsOf,
  CounterfactualMediationOptions,
  CounterfactualMediationResult,
  ControlledDirectEffect,
  RelativeProcessOptions,
  SobelTest,
  InteractionTest,
  InteractionFTest,
  InteractionLikelihoodRatioTest,
  StandardizedIndirectEffects,
} from './process-types.js';
export type {
  CatalogProcessResult,
  ConditionalModelNumber,
  ConditionalPathEffect,
  GroupContrast,
  PathJohnsonNeyman,
  PathPrediction,
  PathSection,
  OmnibusChiSquareTest,
  OmnibusFTest,
  OmnibusTest,
  AnyRelativeProcessResult,
  Relative,
  RelativeModelNumber,
  RelativeProcessResult,
  ConditionalIndirectEffect,
  ConditionalIndirectDifference,
  ConditionalMediationIndex,
  ConditionalTestedEffect,
  MediationIndex,
  ModeratedModeratedMediationIndex,
  ModeratorValues,
  ModeratorValuesOf,
  ModelModerators,
  ModelSections,
  PredictedValue,
  ProbedModerator,
} from './catalog-types.js';
export type { ModeratorRole, ProbedRole } from './catalog.js';
export type { BootstrapEffect, EquationResult, FittedEquation, LogisticEquationResult, LogisticSummary } from './engine.js';
export type { BootstrapInfo, ResamplingOptions } from '../resampling/settings.js';
export type { BootstrapInterval } from '../resampling/intervals.js';
export type { ConditionalEffect, JohnsonNeyman, JohnsonNeymanPoint, Probes, ProbeOption } from './probes.js';
export { bootstrap } from '../resampling/bootstrap.js';
export type { BootstrapOptions, BootstrapResult, BootstrapStatistic, BootstrapStatisticFunction } from '../resampling/bootstrap.js';
export { formatProcess } from './format.js';
export type { CustomGroupCoding, GroupCoding, GroupCodingOption, GroupCodingScheme } from '../data/group-coding.js';
export type { NetworkModelNumber } from './network.js';
