export { randomStream, bootstrapIndices, freshSeed, aleaState } from './stream.js';
export type { RandomStream, Seed } from './stream.js';
