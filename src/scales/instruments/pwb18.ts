import { fail } from '../../errors.js';
import { checkResponseRange, type ResponseRange, type ScaleDefinition } from '../define.js';
import { bindInstrument, type InstrumentBinding, type InstrumentKey } from './bind.js';
import { showValue } from '../../util/options.js';

/** Item positions of the negatively worded PWB-18 items (common 18-item order). */
export const PWB18_NEGATIVELY_WORDED: readonly number[] = Object.freeze([4, 5, 6, 7, 10, 14, 15, 16]);

const PWB18_SOURCE =
  'Ryff, C. D., & Keyes, C. L. M. (1995). The structure of psychological well-being revisited. Journal of Personality and Social Psychology, 69(4), 719–727.';

const SUBSCALES = [
  { id: 'selfAcceptance', label: 'Self-acceptance', items: [1, 2, 5] },
  { id: 'purposeInLife', label: 'Purpose in life', items: [3, 7, 10] },
  { id: 'environmentalMastery', label: 'Environmental mastery', items: [4, 8, 9] },
  { id: 'positiveRelations', label: 'Positive relations', items: [6, 13, 16] },
  { id: 'personalGrowth', label: 'Personal growth', items: [11, 12, 14] },
  { id: 'autonomy', label: 'Autonomy', items: [15, 17, 18] },
];

/**
 * Which way the response anchors run: `'disagree-agree'` (min = strongly disagree) or
 * `'agree-disagree'` (min = strongly agree).
 */
export type AnchorDirection = 'disagree-agree' | 'agree-disagree';

/** Binding for {@link pwb18}: the anchor direction and response range are required. */
export interface Pwb18Binding extends InstrumentBinding {
  readonly anchors: AnchorDirection;
  /** The response range your version uses (e.g. `{ min: 1, max: 7 }`). */
  readonly response: ResponseRange;
}

/**
 * Ryff's 18-item Psychological Well-Being scales (Ryff & Keyes 1995, common 18-item order):
 * Self-acceptance (items 1, 2, 5), Purpose in life (3, 7, 10), Environmental mastery (4, 8, 9),
 * Positive relations (6, 13, 16), Personal growth (11, 12, 14), Autonomy (15, 17, 18).
 * Items 4, 5, 6, 7, 10, 14, 15 and 16 are negatively worded. Which items are reversed so that a
 * higher score means more well-being depends on the anchors: with `anchors: 'disagree-agree'`
 * the negatively worded items are reversed; with `'agree-disagree'` (1 = strongly agree) the
 * other ten (1, 2, 3, 8, 9, 11, 12, 13, 17, 18) are. Versions differ in the number of response
 * points, so `response` is required too. Scores default to item means.
 *
 * @example
 * ```ts
 * const pwb = instruments.pwb18({ prefix: 'pwb', anchors: 'agree-disagree', response: { min: 1, max: 7 }, minAnswered: 0.8 });
 * pwb.reverse; // ['pwb1', 'pwb2', 'pwb3', 'pwb8', 'pwb9', 'pwb11', 'pwb12', 'pwb13', 'pwb17', 'pwb18']
 * ```
 */
export function pwb18(binding: Pwb18Binding): ScaleDefinition {
  const anchors = (binding as { anchors?: unknown } | undefined)?.anchors;
  if (anchors !== 'disagree-agree' && anchors !== 'agree-disagree') {
    throw fail(
      'INVALID_OPTION',
      `instruments.pwb18: \`anchors\` must be 'disagree-agree' or 'agree-disagree' (which items are reversed depends on it); got ${showValue(anchors)}.`,
      { option: 'anchors', value: anchors },
    );
  }
  const response = checkResponseRange((binding as { response?: unknown }).response);
  const negative = new Set(PWB18_NEGATIVELY_WORDED);
  const positions = Array.from({ length: 18 }, (_, i) => i + 1);
  const reverse = anchors === 'disagree-agree' ? positions.filter((p) => negative.has(p)) : positions.filter((p) => !negative.has(p));
  const key: InstrumentKey = {
    id: 'pwb18',
    label: 'Psychological Well-Being (18 items)',
    k: 18,
    response,
    reverse,
    subscales: SUBSCALES,
    score: 'mean',
    source: PWB18_SOURCE,
  };
  const { anchors: _a, response: _r, ...rest } = binding;
  return bindInstrument(key, rest);
}
