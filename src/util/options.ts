import { fail } from '../errors.js';

// Small validators shared by every public function, so that a bad option always produces the
// same INVALID_OPTION error shape naming the option and the value received.

/**
 * A short, safe description of any value for an error message: never throws (bigints, symbols,
 * null-prototype objects and objects with a broken `toString` all print), never runs long.
 */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'function') return 'a function';
  try {
    const text = JSON.stringify(value);
    if (text !== undefined) return text.length > 80 ? `${text.slice(0, 80)}…` : text;
  } catch {
    // bigints inside, or a throwing toJSON: fall through to the type
  }
  return Array.isArray(value) ? `an array of length ${value.length}` : typeof value;
}

/** Short name used across the option validators. */
export const show = showValue;

/** Throws unless `options` is undefined or a plain object; returns `{}` for undefined. */
export function optionsObject<T extends object>(options: T | undefined, fn: string): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw fail('INVALID_OPTION', `${fn}: options must be an object; got ${show(options)}.`, { option: 'options', value: options });
  }
  return options;
}

/** Returns `value ?? fallback` after checking it is one of `allowed`. */
export function oneOf<T extends string | number>(option: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) {
    throw fail('INVALID_OPTION', `\`${option}\` must be one of ${allowed.map((a) => show(a)).join(', ')}; got ${show(value)}.`, { option, value });
  }
  return value as T;
}

/** Returns `value ?? fallback` after checking it is a finite number in [min, max] (open ends with `exclusive`). */
export function numberIn(
  option: string,
  value: unknown,
  fallback: number,
  min = -Infinity,
  max = Infinity,
  { integer = false, exclusiveMin = false, exclusiveMax = false } = {},
): number {
  if (value === undefined) return fallback;
  const bad =
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    (integer && !Number.isInteger(value)) ||
    (exclusiveMin ? value <= min : value < min) ||
    (exclusiveMax ? value >= max : value > max);
  if (bad) {
    const range = `${exclusiveMin ? '(' : '['}${min}, ${max}${exclusiveMax ? ')' : ']'}`;
    throw fail('INVALID_OPTION', `\`${option}\` must be ${integer ? 'an integer' : 'a number'} in ${range}; got ${show(value)}.`, { option, value });
  }
  return value;
}

/** Returns `value ?? fallback` after checking it is a boolean. */
export function booleanOption(option: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw fail('INVALID_OPTION', `\`${option}\` must be true or false; got ${show(value)}.`, { option, value });
  return value;
}

/** Checks an array of column names (strings, non-empty, unique). */
export function columnList(option: string, value: unknown, { min = 1 } = {}): readonly string[] {
  if (!Array.isArray(value)) throw fail('INVALID_OPTION', `\`${option}\` must be an array of column names; got ${show(value)}.`, { option, value });
  const seen = new Set<string>();
  for (const v of value) {
    if (typeof v !== 'string' || v === '') throw fail('INVALID_OPTION', `\`${option}\` must list column names; got ${show(v)}.`, { option, value: v });
    if (seen.has(v)) throw fail('DUPLICATE_NAME', `"${v}" is listed twice in \`${option}\`.`, { option, column: v });
    seen.add(v);
  }
  if (value.length < min) {
    throw fail('TOO_FEW_VARIABLES', `\`${option}\` lists ${value.length} column(s); at least ${min} are needed.`, { option, value });
  }
  return value as string[];
}
