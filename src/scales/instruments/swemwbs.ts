import { deepFreeze } from '../../util/freeze.js';
import type { ScaleDefinition } from '../define.js';
import { bindInstrument, type InstrumentBinding, type InstrumentKey } from './bind.js';

const SWEMWBS_SOURCE =
  'Stewart-Brown, S., Tennant, A., Tennant, R., Platt, S., Parkinson, J., & Weich, S. (2009). Internal construct validity of the Warwick-Edinburgh Mental Well-being Scale (WEMWBS): A Rasch analysis using data from the Scottish Health Education Population Survey. Health and Quality of Life Outcomes, 7, 15. Raw-to-metric conversion table as published by Warwick Medical School.';

// Raw 7–35 → metric score, the SWEMWBS Rasch conversion table. Taken from
// github.com/danlewer/aow_adolescent_mh, swemwbs_metric_lookup.csv (commit cbc86f091c457357463fe0c7576c5ca86f7af97b),
// and checked against four other public scoring scripts found by code search, which agree on
// every value except one (raw 29 given as 25.99 in one of them; 26.02 in the rest).
const METRIC: readonly (readonly [number, number])[] = [
  [7, 7.0], [8, 9.51], [9, 11.25], [10, 12.4], [11, 13.33], [12, 14.08], [13, 14.75], [14, 15.32], [15, 15.84], [16, 16.36],
  [17, 16.88], [18, 17.43], [19, 17.98], [20, 18.59], [21, 19.25], [22, 19.98], [23, 20.73], [24, 21.54], [25, 22.35], [26, 23.21],
  [27, 24.11], [28, 25.03], [29, 26.02], [30, 27.03], [31, 28.13], [32, 29.31], [33, 30.7], [34, 32.55], [35, 35.0],
];

/** SWEMWBS scoring key: 7 items 1–5, raw sum 7–35, converted to the Rasch metric score by the published table. */
export const SWEMWBS_KEY: InstrumentKey = deepFreeze({
  id: 'swemwbs',
  label: 'Short Warwick-Edinburgh Mental Wellbeing Scale',
  k: 7,
  response: { min: 1, max: 5 },
  reverse: [],
  subscales: [],
  score: 'sum',
  source: SWEMWBS_SOURCE,
  conversion: {
    label: 'metric score',
    source: SWEMWBS_SOURCE,
    foundAt: 'https://github.com/danlewer/aow_adolescent_mh/blob/cbc86f091c457357463fe0c7576c5ca86f7af97b/swemwbs_metric_lookup.csv',
    table: METRIC.map(([raw, value]) => ({ raw, value })),
  },
});

/**
 * The Short Warwick-Edinburgh Mental Wellbeing Scale (Stewart-Brown et al. 2009): 7 items
 * answered 1–5, none reversed; raw sum 7–35, converted to the metric score (7.00–35.00) by the
 * published Rasch conversion table (`converted`; complete responses only). No bands.
 *
 * @example
 * ```ts
 * const sw = instruments.swemwbs({ prefix: 'sw' });
 * scoreInstrument(rows, { scale: sw }).converted?.values; // metric scores
 * ```
 */
export function swemwbs(binding: InstrumentBinding): ScaleDefinition {
  return bindInstrument(SWEMWBS_KEY, binding);
}
