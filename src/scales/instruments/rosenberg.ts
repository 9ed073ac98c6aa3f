import { fail } from '../../errors.js';
import { deepFreeze } from '../../util/freeze.js';
import { showValue } from '../../util/options.js';
import type { ResponseRange, ScaleDefinition } from '../define.js';
import { bindInstrument, type InstrumentBinding, type InstrumentKey } from './bind.js';

/** Item positions of the negatively worded Rosenberg items (standard 10-item order). */
const NEGATIVELY_WORDED = [2, 5, 6, 8, 9];

// Reverse items 2, 5, 6, 8, 9 in the standard item order, scored SA = 3 … SD = 0 with the starred
// items reversed: the University of Maryland scoring description, reprinted at
// https://www.nedayemehr.ir/…/730-rosenberg-self-esteem-scale-rosenberg-1965 (found by search).
/** Rosenberg Self-Esteem Scale key (Rosenberg 1965), coded 0–3 with agreement ascending. */
export const ROSENBERG_KEY: InstrumentKey = deepFreeze({
  id: 'rosenberg',
  label: 'Rosenberg Self-Esteem Scale',
  k: 10,
  response: { min: 0, max: 3 },
  reverse: NEGATIVELY_WORDED,
  subscales: [],
  score: 'sum',
  source: 'Rosenberg, M. (1965). Society and the adolescent self-image. Princeton University Press. (Standard 10-item order; items 2, 5, 6, 8, 9 negatively worded.)',
});

/** Binding for {@link rosenberg}: the coding may be 0–3 (default) or 1–4, agreement ascending. */
export interface RosenbergBinding extends InstrumentBinding {
  /** `{ min: 0, max: 3 }` (default) or `{ min: 1, max: 4 }`; strongly disagree is the lowest code. */
  readonly response?: ResponseRange;
}

/**
 * The Rosenberg Self-Esteem Scale (Rosenberg 1965), in the standard item order: 10 items coded
 * with agreement ascending (strongly disagree lowest), 0–3 by default or 1–4 with `response`;
 * the negatively worded items 2, 5, 6, 8 and 9 are reversed; sum 0–30 (10–40 with 1–4 coding).
 * Some reprints order the items differently: check your form. No severity bands (Rosenberg
 * gives none).
 *
 * @example
 * ```ts
 * const rse = instruments.rosenberg({ prefix: 'rse', response: { min: 1, max: 4 } });
 * rse.reverse; // ['rse2', 'rse5', 'rse6', 'rse8', 'rse9']
 * ```
 */
export function rosenberg(binding: RosenbergBinding): ScaleDefinition {
  const response = (binding as { response?: unknown } | undefined)?.response;
  let range: ResponseRange = ROSENBERG_KEY.response;
  if (response !== undefined) {
    const r = response as { min?: unknown; max?: unknown } | null;
    const ok = typeof r === 'object' && r !== null && Object.keys(r).length === 2 && ((r.min === 0 && r.max === 3) || (r.min === 1 && r.max === 4));
    if (!ok) {
      throw fail('INVALID_OPTION', `instruments.rosenberg: \`response\` must be { min: 0, max: 3 } or { min: 1, max: 4 }; got ${showValue(response)}.`, {
        option: 'response',
        value: response,
      });
    }
    range = { min: r.min as number, max: r.max as number };
  }
  const { response: _r, ...rest } = binding;
  return bindInstrument({ ...ROSENBERG_KEY, response: range }, rest);
}
