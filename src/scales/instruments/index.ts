import type { InstrumentKey } from './bind.js';
import { esse, ESSE_KEY } from './esse.js';
import { gad7, GAD7_KEY } from './gad7.js';
import { k10, k6, K10_KEY, K6_KEY } from './kessler.js';
import { mspss, MSPSS_KEY } from './mspss.js';
import { phq8, phq9, PHQ8_KEY, PHQ9_KEY } from './phq.js';
import { promisAnxiety8a, promisDepression8a, PROMIS_ANXIETY_8A_KEY, PROMIS_DEPRESSION_8A_KEY } from './promis.js';
import { promisSocialIsolation6a, PROMIS_SOCIAL_ISOLATION_6A_KEY } from './promisSocialIsolation6a.js';
import { pss10, PSS10_KEY } from './pss10.js';
import { pwb18 } from './pwb18.js';
import { ras24, RAS24_KEY } from './ras24.js';
import { rosenberg, ROSENBERG_KEY } from './rosenberg.js';
import { swemwbs, SWEMWBS_KEY } from './swemwbs.js';
import { ucla3, UCLA3_KEY } from './ucla3.js';
import { who5, WHO5_KEY } from './who5.js';

/**
 * Published scoring keys, each a function that binds the key to your column names and returns a
 * {@link ScaleDefinition} (with a `source` citation) ready for `scoreScale`, `scoreInstrument`
 * and `cronbachAlpha`.
 *
 * | entry | instrument |
 * |---|---|
 * | `mspss` | Multidimensional Scale of Perceived Social Support (Zimet et al. 1988) |
 * | `ras24` | Recovery Assessment Scale, 24 items (Corrigan et al. 2004) |
 * | `pwb18` | Ryff Psychological Well-Being, 18 items (Ryff & Keyes 1995); `anchors` and `response` required |
 * | `promisSocialIsolation6a` | PROMIS Social Isolation short form 6a (raw sum 6–30) |
 * | `esse` | Empathic and social self-efficacy, 11 items (Di Giunta et al. 2010) |
 * | `phq9`, `phq8` | Patient Health Questionnaire (Kroenke et al. 2001, 2009): bands; PHQ-9 item-9 flag |
 * | `gad7` | Generalized Anxiety Disorder-7 (Spitzer et al. 2006): bands |
 * | `k10`, `k6` | Kessler distress scales (Kessler et al. 2002, 2003): bands |
 * | `who5` | WHO-5 Well-Being Index: percentage score and cut-offs (Topp et al. 2015) |
 * | `pss10` | Perceived Stress Scale, 10 items (Cohen & Williamson 1988): conventional bands |
 * | `rosenberg` | Rosenberg Self-Esteem Scale (Rosenberg 1965) |
 * | `ucla3` | Three-item UCLA Loneliness Scale (Hughes et al. 2004): bands as commonly used |
 * | `swemwbs` | Short Warwick-Edinburgh Mental Wellbeing Scale: metric-score table (Stewart-Brown et al. 2009) |
 * | `promisDepression8a`, `promisAnxiety8a` | PROMIS v1.0 short forms: raw → T-score tables |
 *
 * @example
 * ```ts
 * const ss = instruments.mspss({ prefix: 'mspss', id: 'ss', minAnswered: 0.8 });
 * ```
 */
export const instruments = Object.freeze({
  mspss,
  ras24,
  pwb18,
  promisSocialIsolation6a,
  esse,
  phq9,
  phq8,
  gad7,
  k10,
  k6,
  who5,
  pss10,
  rosenberg,
  ucla3,
  swemwbs,
  promisDepression8a,
  promisAnxiety8a,
});

/**
 * Every fixed catalog key by id (`pwb18`, whose key depends on its binding, is not among them),
 * for `scoreInstrument` to find a definition's bands, flags and table.
 *
 * @example
 * ```ts
 * INSTRUMENT_KEYS['phq9']?.bands?.bands.map((b) => b.label); // ['minimal', 'mild', 'moderate', 'moderately severe', 'severe']
 * ```
 */
export const INSTRUMENT_KEYS: { readonly [id: string]: InstrumentKey } = Object.freeze(
  Object.fromEntries(
    [
      MSPSS_KEY,
      RAS24_KEY,
      PROMIS_SOCIAL_ISOLATION_6A_KEY,
      ESSE_KEY,
      PHQ9_KEY,
      PHQ8_KEY,
      GAD7_KEY,
      K10_KEY,
      K6_KEY,
      WHO5_KEY,
      PSS10_KEY,
      ROSENBERG_KEY,
      UCLA3_KEY,
      SWEMWBS_KEY,
      PROMIS_DEPRESSION_8A_KEY,
      PROMIS_ANXIETY_8A_KEY,
    ].map((key) => [key.id, key]),
  ),
);

export type { InstrumentBinding, InstrumentKey, ScoreBand, BandSet, ItemFlag, ConversionRow, ConversionTable } from './bind.js';
export type { AnchorDirection, Pwb18Binding } from './pwb18.js';
export type { RosenbergBinding } from './rosenberg.js';
export { scoreBand } from './bands.js';
export { MSPSS_KEY } from './mspss.js';
export { RAS24_KEY } from './ras24.js';
export { PROMIS_SOCIAL_ISOLATION_6A_KEY } from './promisSocialIsolation6a.js';
export { ESSE_KEY } from './esse.js';
export { PWB18_NEGATIVELY_WORDED } from './pwb18.js';
export { PHQ9_KEY, PHQ8_KEY, GAD7_KEY, K10_KEY, K6_KEY, WHO5_KEY, PSS10_KEY, ROSENBERG_KEY, UCLA3_KEY, SWEMWBS_KEY, PROMIS_DEPRESSION_8A_KEY, PROMIS_ANXIETY_8A_KEY };
