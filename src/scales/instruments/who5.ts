import { deepFreeze } from '../../util/freeze.js';
import type { ScaleDefinition } from '../define.js';
import { bindInstrument, type InstrumentBinding, type InstrumentKey } from './bind.js';

const WHO5_SOURCE =
  'Topp, C. W., Østergaard, S. D., Søndergaard, S., & Bech, P. (2015). The WHO-5 Well-Being Index: A systematic review of the literature. Psychotherapy and Psychosomatics, 84(3), 167–176.';

/** WHO-5 scoring key (Topp et al. 2015): 5 items 0–5, raw 0–25, percentage = raw × 4; cut-offs ≤ 50 and ≤ 28. */
export const WHO5_KEY: InstrumentKey = deepFreeze({
  id: 'who5',
  label: 'WHO-5 Well-Being Index',
  k: 5,
  response: { min: 0, max: 5 },
  reverse: [],
  subscales: [],
  score: 'sum',
  source: WHO5_SOURCE,
  // Topp et al. (2015): a percentage score ≤ 50 indicates poor wellbeing (screen for depression),
  // ≤ 28 likely depression. Percentage scores are multiples of 4, so 28/32 and 48/52 are neighbours.
  bands: {
    on: 'converted',
    source: WHO5_SOURCE,
    bands: [
      { label: 'likely depression', min: 0, max: 28 },
      { label: 'poor wellbeing', min: 29, max: 50 },
      { label: 'above the poor-wellbeing cut-off', min: 51, max: 100 },
    ],
  },
  // The rule "raw score × 4" (Topp et al. 2015), written out as a table so that every conversion
  // is the same look-up.
  conversion: {
    label: 'percentage',
    source: `${WHO5_SOURCE} (percentage score = raw score × 4)`,
    foundAt: 'Topp et al. (2015), scoring section: the raw score 0–25 is multiplied by 4 to give 0–100.',
    table: Array.from({ length: 26 }, (_, raw) => ({ raw, value: raw * 4 })),
  },
});

/**
 * The WHO-5 Well-Being Index (Topp et al. 2015): 5 items answered 0–5, none reversed; raw sum
 * 0–25, percentage score = raw × 4 (0–100; `converted`). Bands on the percentage: ≤ 28 likely
 * depression, 29–50 poor wellbeing, above 50 above the poor-wellbeing cut-off.
 *
 * @example
 * ```ts
 * const who = instruments.who5({ prefix: 'who' });
 * const s = scoreInstrument(rows, { scale: who });
 * s.converted?.values; // percentage scores
 * ```
 */
export function who5(binding: InstrumentBinding): ScaleDefinition {
  return bindInstrument(WHO5_KEY, binding);
}
