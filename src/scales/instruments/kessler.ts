import { deepFreeze } from '../../util/freeze.js';
import type { ScaleDefinition } from '../define.js';
import { bindInstrument, type InstrumentBinding, type InstrumentKey } from './bind.js';

const K10_SOURCE =
  'Kessler, R. C., Andrews, G., Colpe, L. J., Hiripi, E., Mroczek, D. K., Normand, S.-L. T., Walters, E. E., & Zaslavsky, A. M. (2002). Short screening scales to monitor population prevalences and trends in non-specific psychological distress. Psychological Medicine, 32(6), 959–976.';
const K10_BANDS_SOURCE =
  'Andrews, G., & Slade, T. (2001). Interpreting scores on the Kessler Psychological Distress Scale (K10). Australian and New Zealand Journal of Public Health, 25(6), 494–497. (Bands 10–15, 16–21, 22–29, 30–50 as commonly cited from it.)';
const K6_SOURCE =
  'Kessler, R. C., Barker, P. R., Colpe, L. J., Epstein, J. F., Gfroerer, J. C., Hiripi, E., Howes, M. J., Normand, S.-L. T., Manderscheid, R. W., Walters, E. E., & Zaslavsky, A. M. (2003). Screening for serious mental illness in the general population. Archives of General Psychiatry, 60(2), 184–189.';

/** K10 scoring key (Kessler et al. 2002): 10 items coded 1–5, sum 10–50; bands of Andrews & Slade (2001). */
export const K10_KEY: InstrumentKey = deepFreeze({
  id: 'k10',
  label: 'Kessler Psychological Distress Scale (K10)',
  k: 10,
  response: { min: 1, max: 5 },
  reverse: [],
  subscales: [],
  score: 'sum',
  source: K10_SOURCE,
  bands: {
    on: 'raw',
    source: K10_BANDS_SOURCE,
    bands: [
      { label: 'low', min: 10, max: 15 },
      { label: 'moderate', min: 16, max: 21 },
      { label: 'high', min: 22, max: 29 },
      { label: 'very high', min: 30, max: 50 },
    ],
  },
});

/** K6 scoring key (Kessler et al. 2003): 6 items coded 0–4, sum 0–24; 13 or more = serious psychological distress. */
export const K6_KEY: InstrumentKey = deepFreeze({
  id: 'k6',
  label: 'Kessler Psychological Distress Scale (K6)',
  k: 6,
  response: { min: 0, max: 4 },
  reverse: [],
  subscales: [],
  score: 'sum',
  source: K6_SOURCE,
  bands: {
    on: 'raw',
    source: K6_SOURCE,
    bands: [
      { label: 'below the serious psychological distress cut-off', min: 0, max: 12 },
      { label: 'serious psychological distress', min: 13, max: 24 },
    ],
  },
});

/**
 * The K10 (Kessler et al. 2002): 10 items coded 1–5 (none of the time … all of the time), none
 * reversed; sum 10–50. Bands as commonly cited from Andrews & Slade (2001): low 10–15, moderate
 * 16–21, high 22–29, very high 30–50.
 *
 * @example
 * ```ts
 * const k10 = instruments.k10({ prefix: 'k' });
 * scoreInstrument(rows, { scale: k10 }).bands;
 * ```
 */
export function k10(binding: InstrumentBinding): ScaleDefinition {
  return bindInstrument(K10_KEY, binding);
}

/**
 * The K6 (Kessler et al. 2003), coded 0–4 (none of the time … all of the time): 6 items, sum
 * 0–24; 13 or more is serious psychological distress. Data coded 1–5 must be recoded first
 * (subtract 1 from each item).
 *
 * @example
 * ```ts
 * const k6 = instruments.k6({ prefix: 'k6_' });
 * scoreInstrument(rows, { scale: k6 }).bands;
 * ```
 */
export function k6(binding: InstrumentBinding): ScaleDefinition {
  return bindInstrument(K6_KEY, binding);
}
