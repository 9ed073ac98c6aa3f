import type { FuzzTarget } from '../harness.js';
import { FOUNDATION_TARGETS } from './foundation.js';
import { MODEL_TARGETS } from './models.js';

/** Every fuzz target: foundation (data, random, distributions, distribution, scales, reliability, report, testing) and models (factor, regression, mediation). */
export const ALL_TARGETS: readonly FuzzTarget[] = [...FOUNDATION_TARGETS, ...MODEL_TARGETS];
