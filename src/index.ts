// The public API. Re-exports only; each area documents its own functions.
export { PsychkitError, isPsychkitError, ERROR_CODES, WARNING_CODES } from './errors.js';
export type { Matrix } from './util/types.js';
export type { MissingRule } from './linalg/covariance.js';
export type { PsychkitErrorCode, PsychkitErrorDetails, PsychkitWarning, PsychkitWarningCode, PsychkitResult } from './errors.js';

export * from './data/index.js';
export { randomStream, bootstrapIndices } from './random/index.js';
export type { RandomStream, Seed } from './random/index.js';
export * from './probability/index.js';
export * from './distribution/index.js';
export * from './screening/index.js';
export * from './scales/index.js';
export * from './reliability/index.js';
export * from './report/index.js';
export * from './factor/index.js';
export * from './regression/index.js';
export * from './mediation/index.js';
export * from './sem/index.js';
