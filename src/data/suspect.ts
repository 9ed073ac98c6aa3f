// Values that look like SPSS/Stata missing-data codes (−99, −9, 999, …) left in numeric data.
import type { PsychkitWarning } from '../errors.js';

/** The code of the warning {@link possibleMissingCodes} gives. */
export const POSSIBLE_MISSING_CODE = 'POSSIBLE_MISSING_CODE';

/**
 * A column holds values that look like missing-data codes: typical codes (−99, −9, 999, −1, …)
 * far outside the column's other values, or outside its declared response range.
 */
export interface PossibleMissingCodeWarning extends PsychkitWarning {
  readonly code: typeof POSSIBLE_MISSING_CODE;
  readonly message: string;
  readonly details: {
    readonly column: string;
    /** The suspicious values, from the most frequent. */
    readonly values: readonly number[];
    /** How many cells hold each of them. */
    readonly counts: readonly number[];
    /** The range the values lie outside: the other values' (`basis: 'values'`) or the declared one. */
    readonly min: number;
    readonly max: number;
    readonly basis: 'values' | 'response range';
  };
}

// The codes survey software and codebooks use: repdigits of 7, 8 and 9 ("refused", "don't know",
// "no answer": 9, 99, 999, 88, 777 …) and their negatives, and −1.
const TYPICAL = new Set<number>([-1]);
for (const d of [7, 8, 9]) {
  let v = 0;
  for (let len = 1; len <= 5; len++) {
    v = v * 10 + d;
    TYPICAL.add(v);
    TYPICAL.add(-v);
  }
}

/**
 * True for a value survey software typically uses as a missing-data code: −1, or a number whose
 * digits are all 7, all 8 or all 9 (up to five digits), or its negative: 9, 99, 999, −9, −99,
 * −999, 8, 88, −8, 7, 77, −77, …
 *
 * @example
 * ```ts
 * isTypicalMissingCode(-99); // true
 * isTypicalMissingCode(5); // false
 * ```
 */
export function isTypicalMissingCode(value: number): boolean {
  return TYPICAL.has(value);
}

/** Options of {@link possibleMissingCodes}. */
export interface PossibleMissingCodesOptions {
  /** A declared response range: a typical code outside it is suspicious however close. */
  readonly range?: { readonly min: number; readonly max: number } | undefined;
}

/**
 * Looks for missing-data codes left in numeric data (−99 for "no answer" read as a number turns a
 * mean of 3.9 into −6.9 and α = .85 into .10 without an error). One warning per column that has
 * any, naming the column, each value and its number of cells, and the `missingCodes` to pass.
 *
 * The rule, chosen for few false alarms: a value is suspicious when it is a typical code
 * ({@link isTypicalMissingCode}: −1, or all 7s, 8s or 9s, or the negative of one) and
 *
 * - with a declared `range`: it lies outside the range;
 * - otherwise, compared with the column's other values (at least two distinct ones; typical codes
 *   that are not suspicious count as other values, so a 1–9 scale keeps its 7, 8 and 9): it lies
 *   outside their range [lo, hi] by at least their span hi − lo and by at least 2
 *   (99 or 9 beside 1–5; not 7 beside 1–5, not −1 beside 0–1), or it is negative while all of
 *   them are ≥ 0, at least 2 below the lowest (−9 beside 0–10, −1 beside 1–5; not −1 beside 0–10,
 *   and −1/0/1 or −1/1 codings pass).
 *
 * Missing cells (`NaN`) are skipped. O(n) per column; a column without typical codes costs one
 * pass of comparisons.
 *
 * @example
 * ```ts
 * possibleMissingCodes(['q1'], [Float64Array.of(4, 5, -99, 3, 1, -9, 2)]);
 * // [{ code: 'POSSIBLE_MISSING_CODE', message: 'Column "q1": -99 (1 cell) and -9 (1 cell) …',
 * //    details: { column: 'q1', values: [-99, -9], counts: [1, 1], min: 1, max: 5, basis: 'values' } }]
 * ```
 */
export function possibleMissingCodes(names: readonly string[], columns: readonly ArrayLike<number>[], options: PossibleMissingCodesOptions = {}): PossibleMissingCodeWarning[] {
  const warnings: PossibleMissingCodeWarning[] = [];
  columns.forEach((column, j) => {
    const found = suspiciousValues(column, options.range);
    if (found === undefined) return;
    const name = names[j] as string;
    const list = found.values.map((v, i) => `${v} (${found.counts[i]} cell${found.counts[i] === 1 ? '' : 's'})`);
    const text = list.length === 1 ? (list[0] as string) : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
    const one = found.values.length === 1;
    const where = found.basis === 'values' ? `far outside its other values (${found.min} to ${found.max})` : `outside the response range ${found.min}–${found.max}`;
    const codes = `[${found.values.join(', ')}]`;
    warnings.push({
      code: POSSIBLE_MISSING_CODE,
      message: `Column "${name}": ${text} ${one ? 'lies' : 'lie'} ${where} and ${one ? 'looks like a missing-data code' : 'look like missing-data codes'}. If ${one ? 'it means' : 'they mean'} "missing", pass \`missingCodes: ${codes}\` to this function or to \`readTable\`.`,
      details: { column: name, values: found.values, counts: found.counts, min: found.min, max: found.max, basis: found.basis },
    });
  });
  return warnings;
}

interface Suspicious {
  readonly values: number[];
  readonly counts: number[];
  readonly min: number;
  readonly max: number;
  readonly basis: 'values' | 'response range';
}

function suspiciousValues(column: ArrayLike<number>, range: { readonly min: number; readonly max: number } | undefined): Suspicious | undefined {
  // One pass: the range of the non-typical values, whether they have two distinct values, and a
  // count of each typical value (there are few of those).
  const candidates = new Map<number, number>();
  let lo = Infinity;
  let hi = -Infinity;
  let first = Number.NaN;
  let twoDistinct = false;
  const n = column.length;
  for (let i = 0; i < n; i++) {
    const v = column[i] as number;
    if (v !== v) continue;
    // Every typical code is −1 or has |v| ≥ 7: most Likert responses skip the lookup.
    if ((v === -1 || v >= 7 || v <= -7) && TYPICAL.has(v)) {
      candidates.set(v, (candidates.get(v) ?? 0) + 1);
      continue;
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (!twoDistinct) {
      if (first !== first) first = v;
      else if (v !== first) twoDistinct = true;
    }
  }
  if (candidates.size === 0) return undefined;
  let flagged: number[];
  let basis: Suspicious['basis'];
  if (range !== undefined) {
    flagged = [...candidates.keys()].filter((v) => v < range.min || v > range.max);
    basis = 'response range';
    lo = range.min;
    hi = range.max;
  } else {
    if (lo > hi) return undefined; // nothing but typical codes: no scale to compare with
    // Typical codes that are not suspicious are ordinary values (7, 8, 9 on a 1–9 scale): add
    // them to the other values and look again, until nothing changes.
    let pending = [...candidates.keys()];
    for (;;) {
      const normal = pending.filter((v) => !farOutside(v, lo, hi));
      if (normal.length === 0) break;
      for (const v of normal) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
        if (!twoDistinct) {
          if (first !== first) first = v;
          else if (v !== first) twoDistinct = true;
        }
      }
      pending = pending.filter((v) => !normal.includes(v));
    }
    if (!twoDistinct) return undefined;
    flagged = pending;
    basis = 'values';
  }
  if (flagged.length === 0) return undefined;
  // Most frequent first; ties by distance from the other values (the most extreme first).
  const distance = (v: number) => (v < lo ? lo - v : v - hi);
  flagged.sort((a, b) => (candidates.get(b) as number) - (candidates.get(a) as number) || distance(b) - distance(a));
  return { values: flagged, counts: flagged.map((v) => candidates.get(v) as number), min: lo, max: hi, basis };
}

/** The rule for a typical code v against other values spanning [lo, hi] (see possibleMissingCodes). */
function farOutside(v: number, lo: number, hi: number): boolean {
  if (v >= lo && v <= hi) return false;
  const gap = v < lo ? lo - v : v - hi;
  if (gap < 2) return false;
  return gap >= hi - lo || (v < 0 && lo >= 0);
}
