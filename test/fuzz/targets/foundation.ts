// Bad-input fuzz targets of the foundation part of the public API (issue 7): errors, random,
// data, distributions, distribution, scales, reliability, report and psychkit/testing. The
// targets live in ./foundation/<area>.ts; this file collects them.
import type { FuzzTarget } from '../harness.js';
import { DATA_TARGETS } from './foundation/data.js';
import { DISTRIBUTIONS_TARGETS } from './foundation/distributions.js';
import { DISTRIBUTION_TARGETS } from './foundation/distribution.js';
import { MEASURES_TARGETS } from './foundation/measures.js';
import { RELIABILITY_TARGETS, SCREENING_TARGETS } from './foundation/screening.js';
import { REPORT_TARGETS } from './foundation/report.js';
import { TESTING_TARGETS } from './foundation/testing.js';
import { TIDY_TARGETS } from './foundation/tidy.js';

export const FOUNDATION_TARGETS: readonly FuzzTarget[] = [...DATA_TARGETS, ...DISTRIBUTIONS_TARGETS, ...DISTRIBUTION_TARGETS, ...MEASURES_TARGETS, ...SCREENING_TARGETS, ...RELIABILITY_TARGETS, ...REPORT_TARGETS, ...TIDY_TARGETS, ...TESTING_TARGETS];
