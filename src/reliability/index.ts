export { cronbachAlpha } from './alpha.js';
export type { CronbachAlphaOptions, CronbachAlphaResult, AlphaItemStatistics, AlphaConfidenceInterval, AlphaInterval } from './alpha.js';
