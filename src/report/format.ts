import { fail } from '../errors.js';
import { booleanOption, numberIn, strictOptions } from '../util/options.js';

/** How {@link formatNumber} writes a number. */
export interface NumberFormatOptions {
  /** Digits after the decimal point, 0–15. Default 2 (APA 7 for most statistics). */
  readonly decimals?: number;
  /**
   * Keep the zero before the decimal point. Default `true`. APA 7 drops it for statistics that
   * cannot exceed 1 in absolute value — correlations, p-values, α, proportions — and keeps it
   * otherwise (b, SE, t, M, SD).
   */
  readonly leadingZero?: boolean;
  /** Text for a missing value (`null`, `undefined`, `NaN`). Default `'—'` (an em dash, as APA tables print empty cells). */
  readonly missing?: string;
  /** The minus sign. Default `'-'` (ASCII, so copied numbers parse); use `'\u2212'` for typeset output. */
  readonly minusSign?: string;
}

/** How {@link formatP} writes a p-value. */
export interface PValueFormatOptions {
  /** Digits after the decimal point, 1–10. Default 3: `p = .032`, and `p < .001` below that. */
  readonly decimals?: number;
  /** Prefix `p = ` / `p < ` (default `true`); `false` gives `.032` / `< .001` for a table column. */
  readonly prefix?: boolean;
  /** Text for a missing value. Default `'—'`. */
  readonly missing?: string;
}

const DEFAULT_MISSING = '\u2014';

function stringOption(option: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string') {
    throw fail('INVALID_OPTION', `\`${option}\` must be a string; got ${typeof value}.`, { option, value });
  }
  return value;
}

/** True for the values report functions print as missing: null, undefined and NaN. */
export function isMissingValue(x: unknown): x is null | undefined | number {
  return x === null || x === undefined || (typeof x === 'number' && Number.isNaN(x));
}

function checkNumber(x: unknown, fn: string): asserts x is number | null | undefined {
  if (!(x === null || x === undefined || typeof x === 'number')) {
    throw fail('INVALID_INPUT', `${fn}: expected a number (or null for missing); got ${typeof x}.`, { value: x });
  }
}

interface ResolvedNumberFormat {
  decimals: number;
  leadingZero: boolean;
  missing: string;
  minusSign: string;
}

/** Validates number-format options once, so table renderers can format many cells cheaply. */
export function resolveNumberFormat(options: NumberFormatOptions | undefined, fn: string): ResolvedNumberFormat {
  const o = strictOptions<NumberFormatOptions>(options, fn, ['decimals', 'leadingZero', 'missing', 'minusSign']);
  return {
    decimals: numberIn('decimals', o.decimals, 2, 0, 15, { integer: true }),
    leadingZero: booleanOption('leadingZero', o.leadingZero, true),
    missing: stringOption('missing', o.missing, DEFAULT_MISSING),
    minusSign: stringOption('minusSign', o.minusSign, '-'),
  };
}

/**
 * `ax.toFixed(d)` for ax ≥ 0, except that an exact tie (a binary value exactly halfway, such as
 * 0.125 to two decimals) goes to the even digit, as C's printf, R's `sprintf("%.2f")` and R's
 * `round()` do; `toFixed` would round it up.
 */
function roundFixed(ax: number, d: number): string {
  const text = ax.toFixed(d);
  if (ax >= 1e21) return text; // toFixed switches to exponent notation; no digits to round there
  // An exact tie has a terminating expansion of d + 1 decimals; any non-tie double that could
  // round here differs from the tie well within 40 further digits (d ≤ 15, so ≤ 55 < 100).
  const full = ax.toFixed(d + 40);
  const point = full.indexOf('.');
  const rest = full.slice(point + 1 + d);
  if (!/^50*$/.test(rest)) return text;
  const last = text.charCodeAt(text.length - 1) - 48;
  if (last % 2 === 0) return text;
  return d === 0 ? full.slice(0, point) : full.slice(0, point + 1 + d);
}

/** Formats with already-validated options. */
export function formatResolved(x: number | null | undefined, f: ResolvedNumberFormat): string {
  if (isMissingValue(x)) return f.missing;
  if (x === Infinity) return '\u221e';
  if (x === -Infinity) return `${f.minusSign}\u221e`;
  let text = roundFixed(Math.abs(x), f.decimals);
  if (!f.leadingZero && text.startsWith('0.')) text = text.slice(1);
  // A value that rounds to zero prints without a sign: "-0.00" would suggest a direction the
  // printed digits cannot show.
  const negative = x < 0 && /[1-9]/.test(text);
  return negative ? f.minusSign + text : text;
}

/**
 * Formats a number APA-style: fixed decimals (default 2), an optional leading zero, a dash for a
 * missing value, and no sign on a value that rounds to zero.
 *
 * Rounding is of the exact binary value to the nearest printable number, an exact tie (0.125 to
 * two decimals) to the even digit: the digits R's `sprintf("%.2f", x)` and `round(x, 2)` print. Use `leadingZero: false` for
 * statistics bounded by 1 (r, p, α, proportions), following the APA Publication Manual (7th ed.,
 * §6.36).
 *
 * @example
 * ```ts
 * formatNumber(0.4537);                         // "0.45"
 * formatNumber(0.4537, { leadingZero: false }); // ".45"
 * formatNumber(-12.3456, { decimals: 1 });      // "-12.3"
 * formatNumber(null);                           // "—"
 * ```
 */
export function formatNumber(x: number | null | undefined, options?: NumberFormatOptions): string {
  checkNumber(x, 'formatNumber');
  return formatResolved(x, resolveNumberFormat(options, 'formatNumber'));
}

/**
 * Formats a p-value APA-style: three decimals without a leading zero (`p = .032`), `p < .001`
 * below the smallest printable value, and `p > .999` when it would round to 1 (APA 7, §6.36).
 * The threshold follows `decimals`: with `decimals: 2`, `p < .01`.
 *
 * A p-value outside [0, 1] is an error (`OUT_OF_RANGE`), not something to print.
 *
 * @example
 * ```ts
 * formatP(0.0321);                    // "p = .032"
 * formatP(0.00004);                   // "p < .001"
 * formatP(0.0321, { prefix: false }); // ".032"
 * ```
 */
export function formatP(p: number | null | undefined, options?: PValueFormatOptions): string {
  checkNumber(p, 'formatP');
  return formatPResolved(p, resolvePFormat(options, 'formatP'));
}

interface ResolvedPFormat {
  decimals: number;
  prefix: boolean;
  missing: string;
}

export function resolvePFormat(options: PValueFormatOptions | undefined, fn: string): ResolvedPFormat {
  const o = strictOptions<PValueFormatOptions>(options, fn, ['decimals', 'prefix', 'missing']);
  return {
    decimals: numberIn('decimals', o.decimals, 3, 1, 10, { integer: true }),
    prefix: booleanOption('prefix', o.prefix, true),
    missing: stringOption('missing', o.missing, DEFAULT_MISSING),
  };
}

export function formatPResolved(p: number | null | undefined, f: ResolvedPFormat): string {
  if (isMissingValue(p)) return f.missing;
  if (!(p >= 0 && p <= 1)) {
    throw fail('OUT_OF_RANGE', `A p-value must lie in [0, 1]; got ${p}.`, { value: p });
  }
  const smallest = 10 ** -f.decimals;
  let relation: string;
  let value: string;
  if (p < smallest) {
    relation = '<';
    value = smallest.toFixed(f.decimals);
  } else if (Number(roundFixed(p, f.decimals)) >= 1) {
    relation = '>';
    value = (1 - smallest).toFixed(f.decimals);
  } else {
    relation = '=';
    value = roundFixed(p, f.decimals);
  }
  value = value.slice(1); // "0.032" → ".032": a p-value never has a leading zero in APA style
  if (f.prefix) return `p ${relation} ${value}`;
  return relation === '=' ? value : `${relation} ${value}`;
}

/**
 * Formats a confidence interval APA-style, `[lower, upper]`, each bound with
 * {@link formatNumber}'s options. Either bound missing gives the `missing` text.
 *
 * @example
 * ```ts
 * formatInterval(0.123, 0.456);                         // "[0.12, 0.46]"
 * formatInterval(0.85, 0.91, { leadingZero: false });   // "[.85, .91]"
 * ```
 */
export function formatInterval(lower: number | null | undefined, upper: number | null | undefined, options?: NumberFormatOptions): string {
  checkNumber(lower, 'formatInterval');
  checkNumber(upper, 'formatInterval');
  const f = resolveNumberFormat(options, 'formatInterval');
  if (isMissingValue(lower) || isMissingValue(upper)) return f.missing;
  return `[${formatResolved(lower, f)}, ${formatResolved(upper, f)}]`;
}
