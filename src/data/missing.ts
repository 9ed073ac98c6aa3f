/**
 * True for the values psychkit treats as missing: `null`, `undefined`, `NaN` and the empty
 * (or all-blank) string, which is what d3-dsv yields for an empty CSV cell.
 *
 * @example
 * ```ts
 * isMissing(''); // true
 * isMissing(0); // false
 * ```
 */
export function isMissing(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  if (typeof value === 'string') return value.trim() === '';
  return false;
}
