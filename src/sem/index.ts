export { cfa, sem } from './fit.js';
export type { GroupedMomentsInput, SemInput, SemOptions, SemParameter, SemResult } from './fit.js';
export type { Rmsea, SemFitMeasures } from './fit-measures.js';
export { invariance, INVARIANCE_STEPS } from './invariance.js';
export type { InvarianceModel, InvarianceOptions, InvarianceResult, InvarianceStep, InvarianceTest } from './invariance.js';
export type { GroupEqual } from './groups.js';
export type { FactorReliability, ModificationIndex, SemGroup } from './fit.js';
