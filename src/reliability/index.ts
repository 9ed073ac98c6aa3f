export { cronbachAlpha } from './alpha.js';
export type { CronbachAlphaOptions, CronbachAlphaResult, AlphaItemStatistics, AlphaBootstrapInfo, AlphaInterval } from './alpha.js';
