import { deepFreeze } from '../../util/freeze.js';
import type { ScaleDefinition } from '../define.js';
import { bindInstrument, type InstrumentBinding, type InstrumentKey } from './bind.js';

const PSS10_SOURCE =
  'Cohen, S., & Williamson, G. (1988). Perceived stress in a probability sample of the United States. In S. Spacapan & S. Oskamp (Eds.), The social psychology of health (pp. 31–67). Sage.';

/** PSS-10 scoring key (Cohen & Williamson 1988): 10 items 0–4, items 4, 5, 7, 8 reversed, sum 0–40. */
export const PSS10_KEY: InstrumentKey = deepFreeze({
  id: 'pss10',
  label: 'Perceived Stress Scale (10 items)',
  k: 10,
  response: { min: 0, max: 4 },
  reverse: [4, 5, 7, 8],
  subscales: [],
  score: 'sum',
  source: PSS10_SOURCE,
  bands: {
    on: 'raw',
    source:
      'Conventional grouping in common use (0–13 low, 14–26 moderate, 27–40 high); not given by Cohen & Williamson (1988), who publish norms rather than cut-offs.',
    bands: [
      { label: 'low', min: 0, max: 13 },
      { label: 'moderate', min: 14, max: 26 },
      { label: 'high', min: 27, max: 40 },
    ],
  },
});

/**
 * The 10-item Perceived Stress Scale (Cohen & Williamson 1988): items answered 0–4 (never … very
 * often); the positively stated items 4, 5, 7 and 8 are reversed; sum 0–40. Bands (a conventional
 * grouping, not from Cohen): low 0–13, moderate 14–26, high 27–40.
 *
 * @example
 * ```ts
 * const pss = instruments.pss10({ prefix: 'pss' });
 * scoreInstrument(rows, { scale: pss }).scores; // sums after reversing items 4, 5, 7, 8
 * ```
 */
export function pss10(binding: InstrumentBinding): ScaleDefinition {
  return bindInstrument(PSS10_KEY, binding);
}
