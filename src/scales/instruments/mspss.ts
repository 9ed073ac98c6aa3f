import { deepFreeze } from '../../util/freeze.js';
import type { ScaleDefinition } from '../define.js';
import { bindInstrument, type InstrumentBinding, type InstrumentKey } from './bind.js';

/** MSPSS scoring key (Zimet et al. 1988). */
export const MSPSS_KEY: InstrumentKey = deepFreeze({
  id: 'mspss',
  label: 'Multidimensional Scale of Perceived Social Support',
  k: 12,
  response: { min: 1, max: 7 },
  reverse: [],
  subscales: [
    { id: 'significantOther', label: 'Significant Other', items: [1, 2, 5, 10] },
    { id: 'family', label: 'Family', items: [3, 4, 8, 11] },
    { id: 'friends', label: 'Friends', items: [6, 7, 9, 12] },
  ],
  score: 'mean',
  source:
    'Zimet, G. D., Dahlem, N. W., Zimet, S. G., & Farley, G. K. (1988). The Multidimensional Scale of Perceived Social Support. Journal of Personality Assessment, 52(1), 30–41.',
});

/**
 * The Multidimensional Scale of Perceived Social Support: 12 items answered 1–7, none reversed;
 * subscales Significant Other (items 1, 2, 5, 10), Family (3, 4, 8, 11) and Friends (6, 7, 9, 12);
 * scores are item means (Zimet et al. 1988).
 *
 * @example
 * ```ts
 * const mspss = instruments.mspss({ prefix: 'mspss', minAnswered: 0.8 });
 * scoreScale(rows, { scale: mspss }).subscales.family.scores;
 * ```
 */
export function mspss(binding: InstrumentBinding): ScaleDefinition {
  return bindInstrument(MSPSS_KEY, binding);
}
