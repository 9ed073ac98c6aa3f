import { fail } from '../errors.js';
import { cellToNumber } from '../data/numeric.js';
import { checkResponseRange, type ResponseRange } from './define.js';

function reverseOne(value: unknown, min: number, max: number, index: number): number | null {
  const v = cellToNumber(value, 'values', index);
  if (Number.isNaN(v)) return null;
  if (v < min || v > max) {
    throw fail('OUT_OF_RANGE', `values[${index}] = ${v} is outside the response range ${min}–${max}; it cannot be reverse-scored.`, {
      row: index,
      value: v,
      min,
      max,
    });
  }
  return min + max - v;
}

/**
 * Reverse-scores responses on a `min`–`max` scale: x ↦ min + max − x (so 1 ↔ 5 on a 1–5 scale).
 * Accepts one response or an array of them (numbers or numeric strings); missing values (`null`,
 * `undefined`, `NaN`, `''`) become `null`. A response outside [min, max] throws `OUT_OF_RANGE`
 * naming its index; a non-numeric string throws `NON_NUMERIC`. The input is not modified.
 *
 * Reversing twice gives back the original responses (exactly for whole numbers).
 *
 * @example
 * ```ts
 * reverseScore([1, 2, null, 5], { min: 1, max: 5 }); // [5, 4, null, 1]
 * reverseScore(3, { min: 1, max: 7 }); // 5
 * ```
 */
export function reverseScore(values: number, range: ResponseRange): number;
export function reverseScore(values: ArrayLike<unknown>, range: ResponseRange): (number | null)[];
export function reverseScore(values: number | ArrayLike<unknown>, range: ResponseRange): number | (number | null)[] {
  const { min, max } = checkResponseRange(range, 'range');
  if (typeof values === 'number') {
    const r = reverseOne(values, min, max, 0);
    if (r === null) throw fail('INVALID_INPUT', 'reverseScore: a single value to reverse must be a number, not NaN.', { value: values });
    return r;
  }
  const length = typeof values === 'object' && values !== null ? (values as ArrayLike<unknown>).length : undefined;
  if (!(typeof length === 'number' && Number.isInteger(length) && length >= 0 && length <= 2 ** 32 - 1)) {
    throw fail('INVALID_INPUT', `reverseScore: expected a number or an array of responses; got ${values === null ? 'null' : typeof values === 'object' ? 'an object that is not an array' : typeof values}.`, { value: values });
  }
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = reverseOne(values[i], min, max, i);
  return out;
}
