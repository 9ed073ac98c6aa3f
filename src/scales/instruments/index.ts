import { esse } from './esse.js';
import { mspss } from './mspss.js';
import { promisSocialIsolation6a } from './promisSocialIsolation6a.js';
import { pwb18 } from './pwb18.js';
import { ras24 } from './ras24.js';

/**
 * Published scoring keys, each a function that binds the key to your column names and returns a
 * {@link ScaleDefinition} (with a `source` citation) ready for `scoreScale` and `cronbachAlpha`.
 *
 * | entry | instrument |
 * |---|---|
 * | `mspss` | Multidimensional Scale of Perceived Social Support (Zimet et al. 1988) |
 * | `ras24` | Recovery Assessment Scale, 24 items (Corrigan et al. 2004) |
 * | `pwb18` | Ryff Psychological Well-Being, 18 items (Ryff & Keyes 1995); `anchors` and `response` required |
 * | `promisSocialIsolation6a` | PROMIS Social Isolation short form 6a (raw sum 6–30) |
 * | `esse` | Empathic and social self-efficacy, 11 items (Di Giunta et al. 2010) |
 *
 * @example
 * ```ts
 * const ss = instruments.mspss({ prefix: 'mspss', id: 'ss', minAnswered: 0.8 });
 * ```
 */
export const instruments = Object.freeze({ mspss, ras24, pwb18, promisSocialIsolation6a, esse });

export type { InstrumentBinding, InstrumentKey } from './bind.js';
export type { AnchorDirection, Pwb18Binding } from './pwb18.js';
export { MSPSS_KEY } from './mspss.js';
export { RAS24_KEY } from './ras24.js';
export { PROMIS_SOCIAL_ISOLATION_6A_KEY } from './promisSocialIsolation6a.js';
export { ESSE_KEY } from './esse.js';
export { PWB18_NEGATIVELY_WORDED } from './pwb18.js';
