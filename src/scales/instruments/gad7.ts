import { deepFreeze } from '../../util/freeze.js';
import type { ScaleDefinition } from '../define.js';
import { bindInstrument, type InstrumentBinding, type InstrumentKey } from './bind.js';

const GAD7_SOURCE =
  'Spitzer, R. L., Kroenke, K., Williams, J. B. W., & Löwe, B. (2006). A brief measure for assessing generalized anxiety disorder: The GAD-7. Archives of Internal Medicine, 166(10), 1092–1097.';

/** GAD-7 scoring key (Spitzer et al. 2006): 7 items 0–3, sum 0–21, severity bands. */
export const GAD7_KEY: InstrumentKey = deepFreeze({
  id: 'gad7',
  label: 'Generalized Anxiety Disorder-7',
  k: 7,
  response: { min: 0, max: 3 },
  reverse: [],
  subscales: [],
  score: 'sum',
  source: GAD7_SOURCE,
  // Cut-points 5, 10 and 15 (mild, moderate, severe) as stated by Spitzer et al. (2006).
  bands: {
    on: 'raw',
    source: GAD7_SOURCE,
    bands: [
      { label: 'minimal', min: 0, max: 4 },
      { label: 'mild', min: 5, max: 9 },
      { label: 'moderate', min: 10, max: 14 },
      { label: 'severe', min: 15, max: 21 },
    ],
  },
});

/**
 * The GAD-7 (Spitzer et al. 2006): 7 items answered 0–3, none reversed; sum 0–21. Bands:
 * minimal 0–4, mild 5–9, moderate 10–14, severe 15–21.
 *
 * @example
 * ```ts
 * const gad = instruments.gad7({ prefix: 'gad' });
 * scoreInstrument(rows, { scale: gad }).bands;
 * ```
 */
export function gad7(binding: InstrumentBinding): ScaleDefinition {
  return bindInstrument(GAD7_KEY, binding);
}
