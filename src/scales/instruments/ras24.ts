import { deepFreeze } from '../../util/freeze.js';
import type { ScaleDefinition } from '../define.js';
import { bindInstrument, range, type InstrumentBinding, type InstrumentKey } from './bind.js';

/** RAS-24 scoring key (Corrigan et al. 2004). */
export const RAS24_KEY: InstrumentKey = deepFreeze({
  id: 'ras24',
  label: 'Recovery Assessment Scale (24 items)',
  k: 24,
  response: { min: 1, max: 5 },
  reverse: [],
  subscales: [
    { id: 'goalSuccessOrientation', label: 'Goal and success orientation', items: range(1, 5) },
    { id: 'relianceOnOthers', label: 'Reliance on others', items: [6, 22, 23, 24] },
    { id: 'personalConfidenceHope', label: 'Personal confidence and hope', items: [...range(7, 14), 21] },
    { id: 'noDominationBySymptoms', label: 'No domination by symptoms', items: range(15, 17) },
    { id: 'willingnessToAskForHelp', label: 'Willingness to ask for help', items: range(18, 20) },
  ],
  // The source gives the five factors, not a mean-or-sum rule; mean keeps the 1–5 metric.
  score: 'mean',
  source:
    'Corrigan, P. W., Salzer, M., Ralph, R. O., Sangster, Y., & Keck, L. (2004). Examining the factor structure of the Recovery Assessment Scale. Schizophrenia Bulletin, 30(4), 1035–1041.',
});

/**
 * The 24-item Recovery Assessment Scale: items answered 1–5, none reversed; factors Goal and
 * success orientation (items 1–5), Reliance on others (6, 22, 23, 24), Personal confidence and
 * hope (7–14, 21), No domination by symptoms (15–17) and Willingness to ask for help (18–20)
 * (Corrigan et al. 2004). The source does not fix mean or sum scoring; the default is the mean
 * (pass `score: 'sum'` for sums).
 *
 * @example
 * ```ts
 * const ras = instruments.ras24({ prefix: 'ras', minAnswered: 0.8 });
 * ```
 */
export function ras24(binding: InstrumentBinding): ScaleDefinition {
  return bindInstrument(RAS24_KEY, binding);
}
