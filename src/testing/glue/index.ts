export { alignFactors } from './align-factors.js';
export type { AlignedFactors } from './align-factors.js';
export { coverageBand } from './coverage-band.js';
export type { CoverageBand, CoverageBandOptions } from './coverage-band.js';
export { seeds } from './seeds.js';
