import { deepFreeze } from '../../util/freeze.js';
import type { ScaleDefinition } from '../define.js';
import { bindInstrument, type InstrumentBinding, type InstrumentKey } from './bind.js';

/** PROMIS Social Isolation Short Form 6a scoring key (raw score). */
export const PROMIS_SOCIAL_ISOLATION_6A_KEY: InstrumentKey = deepFreeze({
  id: 'promisSocialIsolation6a',
  label: 'PROMIS Social Isolation 6a',
  k: 6,
  response: { min: 1, max: 5 },
  reverse: [],
  subscales: [],
  score: 'sum',
  source:
    'PROMIS Health Organization. PROMIS Short Form Social Isolation 6a (HealthMeasures, healthmeasures.net); Hahn, E. A., et al. (2014). New English and Spanish social health measures will facilitate evaluating health determinants. Health Psychology, 33(5), 490–499.',
});

/**
 * PROMIS Social Isolation short form 6a: 6 items answered 1–5 (Never … Always), none reversed;
 * the raw score is the sum (6–30), higher = more isolated. psychkit does not convert raw scores
 * to T-scores (no look-up table is included).
 *
 * @example
 * ```ts
 * const si = instruments.promisSocialIsolation6a({ prefix: 'si' });
 * scoreScale(rows, { scale: si }).scores; // raw sums 6–30
 * ```
 */
export function promisSocialIsolation6a(binding: InstrumentBinding): ScaleDefinition {
  return bindInstrument(PROMIS_SOCIAL_ISOLATION_6A_KEY, binding);
}
