import { deepFreeze } from '../../util/freeze.js';
import type { ScaleDefinition } from '../define.js';
import { bindInstrument, type InstrumentBinding, type InstrumentKey } from './bind.js';

const PROMIS_EMOTIONAL_DISTRESS =
  'Pilkonis, P. A., Choi, S. W., Reise, S. P., Stover, A. M., Riley, W. T., & Cella, D. (2011). Item banks for measuring emotional distress from the Patient-Reported Outcomes Measurement Information System (PROMIS®): Depression, anxiety, and anger. Assessment, 18(3), 263–283.';

// PROMIS Short Form v1.0 – Depression 8a, raw 8–40 → T-score and SE, from the HealthMeasures
// scoring table as reprinted (with permission) in UpToDate graphic 112642,
// https://pro.uptodatefree.ir/Show/112642 ("All questions must be answered to produce a valid raw
// score"). The same T-scores and SEs appear in a public R scoring script found by code search.
const DEPRESSION_8A: readonly (readonly [number, number, number])[] = [
  [8, 38.2, 5.7], [9, 44.7, 3.3], [10, 47.5, 2.7], [11, 49.4, 2.3], [12, 50.9, 2.0], [13, 52.1, 1.9], [14, 53.2, 1.8],
  [15, 54.1, 1.8], [16, 55.1, 1.7], [17, 55.9, 1.7], [18, 56.8, 1.7], [19, 57.7, 1.7], [20, 58.5, 1.7], [21, 59.4, 1.7],
  [22, 60.3, 1.7], [23, 61.2, 1.7], [24, 62.1, 1.8], [25, 63.0, 1.8], [26, 63.9, 1.8], [27, 64.9, 1.8], [28, 65.8, 1.8],
  [29, 66.8, 1.8], [30, 67.7, 1.8], [31, 68.7, 1.8], [32, 69.7, 1.8], [33, 70.7, 1.8], [34, 71.7, 1.8], [35, 72.8, 1.8],
  [36, 73.9, 1.8], [37, 75.0, 1.9], [38, 76.4, 2.0], [39, 78.2, 2.4], [40, 81.3, 3.4],
];

// PROMIS Short Form v1.0 – Anxiety 8a, raw 8–40 → T-score. Found only in public scoring scripts
// (code search: a Python `promis_lookup` "from promis scoring manuals", and a JavaScript
// `PR_Anxiety_TScore_Adult` table, identical values); no standard errors were found, so none are
// given. Check against the HealthMeasures Anxiety scoring manual before clinical use.
const ANXIETY_8A: readonly (readonly [number, number])[] = [
  [8, 37.1], [9, 43.2], [10, 45.9], [11, 47.8], [12, 49.4], [13, 50.8], [14, 52.1], [15, 53.2], [16, 54.3], [17, 55.4],
  [18, 56.4], [19, 57.4], [20, 58.4], [21, 59.4], [22, 60.4], [23, 61.4], [24, 62.5], [25, 63.5], [26, 64.5], [27, 65.6],
  [28, 66.6], [29, 67.7], [30, 68.7], [31, 69.8], [32, 70.8], [33, 71.9], [34, 73.0], [35, 74.1], [36, 75.4], [37, 76.7],
  [38, 78.2], [39, 80.0], [40, 83.1],
];

/** PROMIS Short Form v1.0 Depression 8a: 8 items 1–5, raw 8–40, T-score table with SE. */
export const PROMIS_DEPRESSION_8A_KEY: InstrumentKey = deepFreeze({
  id: 'promisDepression8a',
  label: 'PROMIS Depression 8a',
  k: 8,
  response: { min: 1, max: 5 },
  reverse: [],
  subscales: [],
  score: 'sum',
  source: `PROMIS Health Organization. PROMIS Short Form v1.0 – Depression 8a and PROMIS Depression Scoring Manual (HealthMeasures, healthmeasures.net); ${PROMIS_EMOTIONAL_DISTRESS}`,
  conversion: {
    label: 'T-score',
    source: 'HealthMeasures. PROMIS Short Form v1.0 – Depression 8a, short form conversion table (PROMIS Depression Scoring Manual, 2017).',
    foundAt: 'https://pro.uptodatefree.ir/Show/112642 (UpToDate graphic 112642, reprinted with permission from HealthMeasures)',
    table: DEPRESSION_8A.map(([raw, value, se]) => ({ raw, value, se })),
  },
});

/** PROMIS Short Form v1.0 Anxiety 8a: 8 items 1–5, raw 8–40, T-score table (no SE). */
export const PROMIS_ANXIETY_8A_KEY: InstrumentKey = deepFreeze({
  id: 'promisAnxiety8a',
  label: 'PROMIS Anxiety 8a',
  k: 8,
  response: { min: 1, max: 5 },
  reverse: [],
  subscales: [],
  score: 'sum',
  source: `PROMIS Health Organization. PROMIS Short Form v1.0 – Anxiety 8a and PROMIS Anxiety Scoring Manual (HealthMeasures, healthmeasures.net); ${PROMIS_EMOTIONAL_DISTRESS}`,
  conversion: {
    label: 'T-score',
    source: 'HealthMeasures. PROMIS Short Form v1.0 – Anxiety 8a, raw score to T-score table (PROMIS Anxiety Scoring Manual), as reproduced in public scoring scripts.',
    foundAt:
      'Public scoring scripts found by code search (Python `promis_lookup`, "from promis scoring manuals"; JavaScript `PR_Anxiety_TScore_Adult`): identical T-scores, no SE.',
    table: ANXIETY_8A.map(([raw, value]) => ({ raw, value })),
  },
});

/**
 * PROMIS Short Form v1.0 Depression 8a: 8 items answered 1–5 (never … always), none reversed;
 * raw sum 8–40 converted to a T-score (mean 50, SD 10) with its standard error by the published
 * table. The table needs every item ("all questions must be answered"): a prorated sum (with
 * `minAnswered` below 1) gets no T-score.
 *
 * @example
 * ```ts
 * const dep = instruments.promisDepression8a({ prefix: 'dep' });
 * const s = scoreInstrument(rows, { scale: dep });
 * s.converted?.values; // T-scores
 * s.converted?.se;
 * ```
 */
export function promisDepression8a(binding: InstrumentBinding): ScaleDefinition {
  return bindInstrument(PROMIS_DEPRESSION_8A_KEY, binding);
}

/**
 * PROMIS Short Form v1.0 Anxiety 8a: 8 items answered 1–5, none reversed; raw sum 8–40
 * converted to a T-score by the published table (no standard errors: the source found gives
 * none). Complete responses only.
 *
 * @example
 * ```ts
 * const anx = instruments.promisAnxiety8a({ prefix: 'anx' });
 * scoreInstrument(rows, { scale: anx }).converted?.values;
 * ```
 */
export function promisAnxiety8a(binding: InstrumentBinding): ScaleDefinition {
  return bindInstrument(PROMIS_ANXIETY_8A_KEY, binding);
}
