import type { FuzzTarget } from '../harness.js';
import { FOUNDATION_TARGETS } from './foundation.js';
import { MODEL_TARGETS } from './models.js';
import { WORKER_TARGETS } from './worker.js';

/** Every fuzz target: foundation (data, random, distributions, distribution, scales, reliability, report, testing), models (factor, regression, mediation) and psychkit/worker. */
export const ALL_TARGETS: readonly FuzzTarget[] = [...FOUNDATION_TARGETS, ...MODEL_TARGETS, ...WORKER_TARGETS];
