// Reading numbers written as text (what d3-dsv and FileAttachment.csv() give), in one place.

/**
 * Plain decimal notation, the only numeric strings psychkit reads (`Number()` would also accept
 * `"0x1F"`, `"0b11"`, `"Infinity"`, and read `""` as 0).
 */
export const NUMERIC_STRING = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The value of a numeric string after trimming (`Number(trimmed)`, which may overflow to
 * ±Infinity), or `NaN` when the trimmed text is not plain decimal notation.
 */
export function numericStringValue(text: string): number {
  const trimmed = text.trim();
  return NUMERIC_STRING.test(trimmed) ? Number(trimmed) : Number.NaN;
}

// 10^0 … 10^22, each exactly representable in a double (5^22 < 2^53).
const POW10 = new Float64Array([1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]);

/**
 * The fast path for the strings a CSV parser gives: an optional sign, digits with at most one
 * decimal point, nothing else (no blanks, no exponent), at most 15 significant digits and at most
 * 22 after the point, 24 characters in all. Returns `NaN` for anything else, and the caller then
 * takes the exact path ({@link numericStringValue}, or `cellToNumber`).
 *
 * The result is bit for bit `Number(text)`: the digits form an integer m < 10^15 < 2^53, which a
 * double holds exactly, as it does 10^k for k ≤ 22; IEEE division rounds the exact quotient
 * m/10^k correctly, and so does `Number()` (Clinger's fast path). The sign is applied last, so
 * `"-0"` gives −0 as `Number("-0")` does.
 */
export function fastDecimal(text: string): number {
  const len = text.length;
  if (len === 0 || len > 24) return Number.NaN;
  let i = 0;
  let c = text.charCodeAt(0);
  const negative = c === 45; // '-'
  if (negative || c === 43) i = 1; // '+'
  let m = 0;
  let digits = 0; // all digits, for the position of the point
  let significant = 0; // digits from the first non-zero one
  let point = -1;
  for (; i < len; i++) {
    c = text.charCodeAt(i);
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
      if (m !== 0) significant++;
    } else if (c === 46 && point < 0) {
      point = digits; // '.'
    } else {
      return Number.NaN;
    }
  }
  if (digits === 0 || significant > 15 || (point >= 0 && digits - point > 22)) return Number.NaN;
  const v = point < 0 || point === digits ? m : m / (POW10[digits - point] as number);
  return negative ? -v : v;
}
