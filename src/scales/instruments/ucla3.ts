import { deepFreeze } from '../../util/freeze.js';
import type { ScaleDefinition } from '../define.js';
import { bindInstrument, type InstrumentBinding, type InstrumentKey } from './bind.js';

const UCLA3_SOURCE =
  'Hughes, M. E., Waite, L. J., Hawkley, L. C., & Cacioppo, J. T. (2004). A short scale for measuring loneliness in large surveys: Results from two population-based studies. Research on Aging, 26(6), 655–672.';

/** Three-item UCLA loneliness scale (Hughes et al. 2004): items 1–3, sum 3–9. */
export const UCLA3_KEY: InstrumentKey = deepFreeze({
  id: 'ucla3',
  label: 'Three-item UCLA Loneliness Scale',
  k: 3,
  response: { min: 1, max: 3 },
  reverse: [],
  subscales: [],
  score: 'sum',
  source: UCLA3_SOURCE,
  bands: {
    on: 'raw',
    source:
      'Grouping as commonly used in survey research (3–5 not lonely, 6–9 lonely); Hughes et al. (2004) give the scale, not this cut-off.',
    bands: [
      { label: 'not lonely', min: 3, max: 5 },
      { label: 'lonely', min: 6, max: 9 },
    ],
  },
});

/**
 * The three-item UCLA Loneliness Scale (Hughes et al. 2004): items answered 1–3 (hardly ever,
 * some of the time, often), none reversed; sum 3–9. Bands as commonly used (not from Hughes et
 * al.): 3–5 not lonely, 6–9 lonely.
 *
 * @example
 * ```ts
 * const lonely = instruments.ucla3({ items: ['lon1', 'lon2', 'lon3'] });
 * scoreInstrument(rows, { scale: lonely }).bands;
 * ```
 */
export function ucla3(binding: InstrumentBinding): ScaleDefinition {
  return bindInstrument(UCLA3_KEY, binding);
}
