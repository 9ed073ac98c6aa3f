export { pathModel } from './path-model.js';
export type { PathModelSpec, PathModelResult, PathEquation, EffectFunction, CoefficientReader } from './path-model.js';
export { process, PROCESS_MODELS } from './process.js';
export type {
  ProcessModel,
  ProcessOptions,
  ProcessResult,
  TestedEffect,
  IndirectEffect,
  IndirectContrast,
  ConditionalIndirectEffect,
  ModeratedMediationIndex,
  ConditionalIndirectDifference,
  SobelTest,
  InteractionTest,
  StandardizedIndirectEffects,
} from './process-types.js';
export type { BootstrapEffect, EquationResult } from './engine.js';
export type { BootstrapInfo } from '../resampling/settings.js';
export type { BootstrapCi } from '../resampling/intervals.js';
export type { ConditionalEffect, JohnsonNeyman, JohnsonNeymanPoint, Probes, ProbeOption } from './probes.js';
export { bootstrap } from '../resampling/bootstrap.js';
export type { BootstrapOptions, BootstrapResult, BootstrapStatistic, BootstrapStatisticFunction } from '../resampling/bootstrap.js';
export { formatProcess } from './format.js';
