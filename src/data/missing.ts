import type { MissingCode } from '../util/options.js';
import { numericStringValue } from './parse.js';

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

/**
 * A table's missing-data codes, split by kind for fast matching. A number code matches a number
 * cell equal to it, or a numeric string whose value equals it (`-99` matches `-99`, `"-99"`,
 * `" -99.0 "`); a string code matches a string cell after trimming (`'NA'` matches `" NA"`).
 */
export interface MissingCodeSet {
  /** The codes as given (already checked by `missingCodesValue`). */
  readonly list: readonly MissingCode[];
  readonly numbers: ReadonlySet<number>;
  readonly strings: ReadonlySet<string>;
}

/** No codes. */
export const NO_MISSING_CODES: MissingCodeSet = Object.freeze({ list: Object.freeze([]), numbers: new Set<number>(), strings: new Set<string>() });

/** Splits checked codes by kind; the union when `base` is given (a view read again with more codes). */
export function missingCodeSet(codes: readonly MissingCode[], base: MissingCodeSet = NO_MISSING_CODES): MissingCodeSet {
  if (codes.length === 0) return base;
  const list: MissingCode[] = [...base.list];
  for (const code of codes) if (!list.includes(code)) list.push(code);
  const numbers = new Set<number>();
  const strings = new Set<string>();
  for (const code of list) {
    if (typeof code === 'number') numbers.add(code);
    else strings.add(code.trim());
  }
  return Object.freeze({ list: Object.freeze(list), numbers, strings });
}

/**
 * True when `value` is one of the codes (see {@link MissingCodeSet} for the rule). Cells that are
 * missing anyway (`null`, `''`, …) are not codes.
 */
export function isMissingCode(value: unknown, codes: MissingCodeSet): boolean {
  if (typeof value === 'number') return codes.numbers.has(value);
  if (typeof value === 'string') {
    if (codes.strings.size > 0 && codes.strings.has(value.trim())) return true;
    return codes.numbers.size > 0 && codes.numbers.has(numericStringValue(value));
  }
  if (typeof value === 'bigint') return codes.numbers.size > 0 && codes.numbers.has(Number(value));
  return false;
}
