import { deepFreeze } from '../../util/freeze.js';
import type { ScaleDefinition } from '../define.js';
import { bindInstrument, type InstrumentBinding, type InstrumentKey } from './bind.js';

const PHQ9_SOURCE =
  'Kroenke, K., Spitzer, R. L., & Williams, J. B. W. (2001). The PHQ-9: Validity of a brief depression severity measure. Journal of General Internal Medicine, 16(9), 606–613.';
const PHQ8_SOURCE =
  'Kroenke, K., Strine, T. W., Spitzer, R. L., Williams, J. B. W., Berry, J. T., & Mokdad, A. H. (2009). The PHQ-8 as a measure of current depression in the general population. Journal of Affective Disorders, 114(1–3), 163–173.';

/** PHQ-9 scoring key (Kroenke, Spitzer & Williams 2001): 9 items 0–3, sum 0–27, severity bands, item-9 flag. */
export const PHQ9_KEY: InstrumentKey = deepFreeze({
  id: 'phq9',
  label: 'Patient Health Questionnaire-9',
  k: 9,
  response: { min: 0, max: 3 },
  reverse: [],
  subscales: [],
  score: 'sum',
  source: PHQ9_SOURCE,
  // Cut-points 5, 10, 15, 20 as stated by Kroenke, Spitzer & Williams (2001).
  bands: {
    on: 'raw',
    source: PHQ9_SOURCE,
    bands: [
      { label: 'minimal', min: 0, max: 4 },
      { label: 'mild', min: 5, max: 9 },
      { label: 'moderate', min: 10, max: 14 },
      { label: 'moderately severe', min: 15, max: 19 },
      { label: 'severe', min: 20, max: 27 },
    ],
  },
  flags: [
    {
      id: 'selfHarm',
      label: 'Item 9 (thoughts of self-harm) answered above 0: any positive response calls for further assessment',
      item: 9,
      op: '>',
      value: 0,
      source: PHQ9_SOURCE,
    },
  ],
});

/** PHQ-8 scoring key (Kroenke et al. 2009): the PHQ-9 without item 9; 8 items 0–3, sum 0–24. */
export const PHQ8_KEY: InstrumentKey = deepFreeze({
  id: 'phq8',
  label: 'Patient Health Questionnaire-8',
  k: 8,
  response: { min: 0, max: 3 },
  reverse: [],
  subscales: [],
  score: 'sum',
  source: PHQ8_SOURCE,
  bands: {
    on: 'raw',
    source: PHQ8_SOURCE,
    bands: [
      { label: 'minimal', min: 0, max: 4 },
      { label: 'mild', min: 5, max: 9 },
      { label: 'moderate', min: 10, max: 14 },
      { label: 'moderately severe', min: 15, max: 19 },
      { label: 'severe', min: 20, max: 24 },
    ],
  },
});

/**
 * The Patient Health Questionnaire-9 (Kroenke, Spitzer & Williams 2001): 9 items answered 0–3,
 * none reversed; the score is the sum (0–27). Bands: minimal 0–4, mild 5–9, moderate 10–14,
 * moderately severe 15–19, severe 20–27. Flag `selfHarm`: item 9 answered above 0.
 * Every item must be answered unless you pass `minAnswered` (a prorated sum is then banded, a
 * fractional sum belonging to the lower band).
 *
 * @example
 * ```ts
 * const phq = instruments.phq9({ prefix: 'phq' });
 * const s = scoreInstrument(rows, { scale: phq });
 * s.bands; // 'minimal' … 'severe' per respondent
 * s.flags.selfHarm; // true where item 9 > 0
 * ```
 */
export function phq9(binding: InstrumentBinding): ScaleDefinition {
  return bindInstrument(PHQ9_KEY, binding);
}

/**
 * The PHQ-8 (Kroenke et al. 2009): the PHQ-9 without its item 9; 8 items answered 0–3, sum
 * 0–24, bands as the PHQ-9 (severe 20–24).
 *
 * @example
 * ```ts
 * const phq = instruments.phq8({ items: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'] });
 * scoreInstrument(rows, { scale: phq }).bands;
 * ```
 */
export function phq8(binding: InstrumentBinding): ScaleDefinition {
  return bindInstrument(PHQ8_KEY, binding);
}

