export { cfa, sem } from './fit.js';
export type { SemOptions, SemParameter, SemResult } from './fit.js';
export type { Rmsea, SemFitMeasures } from './fit-measures.js';
