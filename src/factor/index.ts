export { efa, maxFactors } from './efa.js';
export type { EfaOptions, EfaResult, FactorRetention } from './efa.js';
export { rotate } from './rotation/rotate.js';
export type { RotationName, RotationOptions, RotationResult } from './rotation/rotate.js';
export { parallelAnalysis } from './retention/parallel.js';
export type { ParallelAnalysisOptions, ParallelAnalysisResult, SimulatedEigenvalues } from './retention/parallel.js';
export type { ExtractionName } from './extraction/index.js';
export type { FactorFitIndices } from './fit.js';
export type { CorrelationInput, FactorInput, FactorInputOptions } from './input.js';
