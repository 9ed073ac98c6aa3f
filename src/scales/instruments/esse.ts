import { deepFreeze } from '../../util/freeze.js';
import type { ScaleDefinition } from '../define.js';
import { bindInstrument, range, type InstrumentBinding, type InstrumentKey } from './bind.js';

/** ESSE scoring key, as used in the peer-worker study. */
export const ESSE_KEY: InstrumentKey = deepFreeze({
  id: 'esse',
  label: 'Empathic and Social Self-Efficacy',
  k: 11,
  response: { min: 1, max: 5 },
  reverse: [],
  subscales: [
    { id: 'empathic', label: 'Empathic self-efficacy', items: range(1, 6) },
    { id: 'social', label: 'Social self-efficacy', items: range(7, 11) },
  ],
  score: 'mean',
  source:
    'Di Giunta, L., Eisenberg, N., Kupfer, A., Steca, P., Tramontano, C., & Caprara, G. V. (2010). Assessing perceived empathic and social self-efficacy across countries. European Journal of Psychological Assessment, 26(2), 77–86. (11-item form as used in the peer-worker study.)',
});

/**
 * Empathic and social self-efficacy (Di Giunta et al. 2010), in the 11-item form used in the
 * peer-worker study: items answered 1–5, none reversed; Empathic (items 1–6) and Social (7–11);
 * item means.
 *
 * @example
 * ```ts
 * const esse = instruments.esse({ prefix: 'esse', minAnswered: 0.8 });
 * ```
 */
export function esse(binding: InstrumentBinding): ScaleDefinition {
  return bindInstrument(ESSE_KEY, binding);
}
