export { randomStream, bootstrapIndices, freshSeed } from './stream.js';
export type { RandomStream, Seed } from './stream.js';
