export { cronbachAlpha } from './alpha.js';
export type { CronbachAlphaOptions, CronbachAlphaResult, AlphaItemStatistics, AlphaBootstrapInfo, AlphaInterval } from './alpha.js';
export { spearmanBrown } from './spearman-brown.js';
export type { SpearmanBrownOptions, SpearmanBrownResult } from './spearman-brown.js';
