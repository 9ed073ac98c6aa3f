import { fail } from '../errors.js';

// The one options module. Every public function declares its options once, as a schema of field
// readers, and reads the caller's object once at its entry (`readOptions`): unknown keys are
// refused with a suggestion, each value is checked and defaulted, and a typed, frozen settings
// object flows down. Layers below receive settings, never raw options.

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
  if (value instanceof Map) return `a Map of ${value.size} entries`;
  if (value instanceof Set) return `a Set of ${value.size} values`;
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

// ---------------------------------------------------------------------------------------------
// Strict option objects

/** Reads one option: `value` is what the caller passed (`undefined` when absent). */
export type FieldReader<T> = (value: unknown, key: string) => T;

/** The fields of one function's options. */
export type OptionSchema = { readonly [key: string]: FieldReader<unknown> };

/** The typed settings a schema reads into. */
export type Settings<S extends OptionSchema> = { readonly [K in keyof S]: ReturnType<S[K]> };

/** A function's option reader: its name, its keys, and `read`. */
export interface OptionReader<S extends OptionSchema> {
  readonly fn: string;
  readonly keys: readonly string[];
  /** Checks `options` (undefined or a plain object) against the schema; returns frozen settings. */
  read(options: unknown): Settings<S>;
}

/** Options renamed before 1.0, per function: old key → new key (named in the error). */
export type RenamedKeys = Readonly<Record<string, string>>;

const registry = new Map<string, OptionReader<OptionSchema>>();

/** Every option reader defined so far, by function name (for tests and documentation). */
export function optionReaders(): ReadonlyMap<string, OptionReader<OptionSchema>> {
  return registry;
}

/**
 * Declares a function's options. `renamed` maps keys that were renamed before 1.0 to their new
 * names, so the error says what the key became.
 */
export function defineOptions<S extends OptionSchema>(fn: string, schema: S, renamed: RenamedKeys = {}): OptionReader<S> {
  const keys = Object.freeze(Object.keys(schema));
  const reader: OptionReader<S> = {
    fn,
    keys,
    read(options) {
      const o = strictOptions(options, fn, keys, renamed) as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of keys) out[key] = (schema[key] as FieldReader<unknown>)(o[key], key);
      return Object.freeze(out) as Settings<S>;
    },
  };
  registry.set(fn, reader as unknown as OptionReader<OptionSchema>);
  return reader;
}

/**
 * Checks an options object that is read field by field: undefined or a plain object whose keys
 * are all in `keys` (an unknown key is refused, with the nearest known key or what a renamed key
 * became). Returns `{}` for undefined. {@link defineOptions} readers call this; use it directly
 * only where a schema does not fit.
 */
export function strictOptions<T extends object>(options: T | undefined | unknown, fn: string, keys: readonly string[], renamed: RenamedKeys = {}): T {
  const o = optionsObject(options as T | undefined, fn);
  for (const key of Object.keys(o)) {
    if (!keys.includes(key)) unknownOption(fn, key, keys, renamed);
  }
  return o as T;
}

/** Throws INVALID_OPTION for an unknown key: what it became, or the nearest known key. */
export function unknownOption(fn: string, key: string, keys: readonly string[], renamed: RenamedKeys = {}): never {
  const now = Object.prototype.hasOwnProperty.call(renamed, key) ? renamed[key] : undefined;
  const suggestion = now ?? nearestKey(key, keys);
  const hint = now !== undefined ? ` \`${key}\` is now \`${now}\`.` : suggestion !== undefined ? ` Did you mean \`${suggestion}\`?` : '';
  throw fail('INVALID_OPTION', `${fn}: unknown option \`${key}\`.${hint} Known options: ${keys.join(', ') || 'none'}.`, {
    option: key,
    known: keys,
    ...(suggestion !== undefined ? { suggestion } : {}),
  });
}

/** The known key closest to `key` (case-insensitive Damerau–Levenshtein), if close enough to be a typo. */
export function nearestKey(key: string, keys: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of keys) {
    const c = candidate.toLowerCase();
    const d = c === k ? 0 : c.startsWith(k) || k.startsWith(c) ? Math.min(1, editDistance(k, c)) : editDistance(k, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  const allowed = Math.max(1, Math.floor(Math.min(key.length, best?.length ?? 0) / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps). */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Int32Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((d[(i - 1) * cols + j] as number) + 1, (d[i * cols + j - 1] as number) + 1, (d[(i - 1) * cols + j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (d[(i - 2) * cols + j - 2] as number) + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1] as number;
}

/**
 * Checks a nested option object (a response range, a categorical declaration): a plain object
 * whose keys are all in `keys`. `path` names it in messages (`categorical.marital`).
 */
export function strictObject(value: unknown, path: string, keys: readonly string[]): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Map) {
    throw fail('INVALID_OPTION', `\`${path}\` must be an object with ${keys.map((k) => `\`${k}\``).join(', ')}; got ${show(value)}.`, { option: path, value });
  }
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) {
      const suggestion = nearestKey(key, keys);
      throw fail('INVALID_OPTION', `\`${path}\` has an unknown key \`${key}\`.${suggestion !== undefined ? ` Did you mean \`${suggestion}\`?` : ''} Known: ${keys.join(', ')}.`, {
        option: `${path}.${key}`,
        known: keys,
        ...(suggestion !== undefined ? { suggestion } : {}),
      });
    }
  }
  return value as Readonly<Record<string, unknown>>;
}

/** Throws unless `options` is undefined or a plain object; returns `{}` for undefined. */
export function optionsObject<T extends object>(options: T | undefined, fn: string): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || options === null || Array.isArray(options) || options instanceof Map) {
    throw fail('INVALID_OPTION', `${fn}: options must be a plain object; got ${show(options)}.`, { option: 'options', value: options });
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// Field readers: the building blocks of schemas. Each names the key in its error.

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
  checkNames(option, value, min);
  return value as string[];
}

/** Throws unless `list` holds at least `min` distinct, non-empty strings. */
function checkNames(option: string, list: readonly unknown[], min: number): void {
  const seen = new Set<string>();
  for (const v of list) {
    if (typeof v !== 'string' || v === '') throw fail('INVALID_OPTION', `\`${option}\` must list column names; got ${show(v)}.`, { option, value: v });
    if (seen.has(v)) throw fail('DUPLICATE_NAME', `"${v}" is listed twice in \`${option}\`.`, { option, column: v });
    seen.add(v);
  }
  if (list.length < min) {
    throw fail('TOO_FEW_VARIABLES', `\`${option}\` lists ${list.length} column${list.length === 1 ? '' : 's'}; at least ${min} ${min === 1 ? 'is' : 'are'} needed.`, { option, value: list });
  }
}

/** A seed: a finite number or a string. The one place seeds are checked. */
export function seedValue(option: string, value: unknown): number | string | undefined {
  if (value === undefined) return undefined;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string') return value;
  throw fail('INVALID_OPTION', `\`${option}\` must be a finite number or a string; got ${show(value)}.`, { option, value });
}

/** A confidence level: a proportion in (0, 1); a percentage such as 95 gets its own message. */
export function confidenceValue(option: string, value: unknown, fallback = 0.95): number {
  if (typeof value === 'number' && value > 1 && value < 100) {
    throw fail('INVALID_OPTION', `\`${option}\` is a proportion in (0, 1) (e.g. 0.95), not a percentage; got ${value}.`, { option, value });
  }
  return numberIn(option, value, fallback, 0, 1, { exclusiveMin: true, exclusiveMax: true });
}

/** A progress callback `(done, total) => void`, or undefined. */
export type ProgressCallback = (done: number, total: number) => void;

/** Checks an `onProgress` callback. */
export function progressValue(option: string, value: unknown): ProgressCallback | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw fail('INVALID_OPTION', `\`${option}\` must be a function (done, total) => void; got ${show(value)}.`, { option, value });
  return value as ProgressCallback;
}

/** A value that marks a cell as missing (SPSS/Stata codes such as −99, or strings such as "NA"). */
export type MissingCode = number | string;

/** Checks a `missingCodes` list: finite numbers and strings, none repeated. */
export function missingCodesValue(option: string, value: unknown): readonly MissingCode[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw fail('INVALID_OPTION', `\`${option}\` must be an array of numbers or strings, e.g. [-99, 'NA']; got ${show(value)}.`, { option, value });
  const seen = new Set<unknown>();
  for (const v of value) {
    if (!((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string')) {
      throw fail('INVALID_OPTION', `\`${option}\` must list finite numbers or strings; got ${show(v)}.`, { option, value: v });
    }
    if (seen.has(v)) throw fail('DUPLICATE_NAME', `${show(v)} is listed twice in \`${option}\`.`, { option, value: v });
    seen.add(v);
  }
  return Object.freeze([...value]) as readonly MissingCode[];
}

/** Heteroskedasticity-consistent standard errors: `'none'` (classical OLS) or HC0–HC4. */
export type HcOption = 'none' | 'HC0' | 'HC1' | 'HC2' | 'HC3' | 'HC4';

/** Every {@link HcOption}. */
export const HC_OPTIONS: readonly HcOption[] = ['none', 'HC0', 'HC1', 'HC2', 'HC3', 'HC4'];

/** A column name or a list of them, as a list (distinct, at least `min`; `[]` when absent and not required). */
export function namesValue(option: string, value: unknown, { min = 1, required = true } = {}): readonly string[] {
  if (value === undefined && !required) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list)) {
    throw fail('INVALID_OPTION', `\`${option}\` must be a column name or a list of column names; got ${show(value)}.`, { option, value });
  }
  checkNames(option, list, min);
  return Object.freeze([...list]) as readonly string[];
}

/** Field-reader factories for schemas: `defineOptions('fn', { seed: field.seed(), … })`. */
export const field = {
  /** Any value, checked by the function itself (use sparingly: prefer a specific reader). */
  raw: (): FieldReader<unknown> => (v) => v,
  /** One of `allowed`; `fallback` when absent. */
  oneOf:
    <T extends string | number>(allowed: readonly T[], fallback: T): FieldReader<T> =>
    (v, k) =>
      oneOf(k, v, allowed, fallback),
  /** One of `allowed`, or undefined when absent. */
  optionalOneOf:
    <T extends string | number>(allowed: readonly T[]): FieldReader<T | undefined> =>
    (v, k) =>
      v === undefined ? undefined : oneOf(k, v, allowed, allowed[0] as T),
  /** A finite number in a range; `fallback` when absent. */
  number:
    (fallback: number, min = -Infinity, max = Infinity, flags: { integer?: boolean; exclusiveMin?: boolean; exclusiveMax?: boolean } = {}): FieldReader<number> =>
    (v, k) =>
      numberIn(k, v, fallback, min, max, flags),
  /** A finite number in a range, or undefined when absent. */
  optionalNumber:
    (min = -Infinity, max = Infinity, flags: { integer?: boolean; exclusiveMin?: boolean; exclusiveMax?: boolean } = {}): FieldReader<number | undefined> =>
    (v, k) =>
      v === undefined ? undefined : numberIn(k, v, 0, min, max, flags),
  /** true or false; `fallback` when absent. */
  boolean:
    (fallback: boolean): FieldReader<boolean> =>
    (v, k) =>
      booleanOption(k, v, fallback),
  /** true or false, or undefined when absent. */
  optionalBoolean: (): FieldReader<boolean | undefined> => (v, k) => (v === undefined ? undefined : booleanOption(k, v, false)),
  /** A list of distinct column names (at least `min`), or undefined when absent. */
  columns:
    (min = 1): FieldReader<readonly string[] | undefined> =>
    (v, k) =>
      v === undefined ? undefined : columnList(k, v, { min }),
  /** One column name, required. */
  column: (): FieldReader<string> => (v, k) => {
    if (typeof v !== 'string' || v === '') throw fail('INVALID_OPTION', `\`${k}\` must be a column name; got ${show(v)}.`, { option: k, value: v });
    return v;
  },
  /** One column name, or undefined when absent. */
  optionalColumn: (): FieldReader<string | undefined> => (v, k) => (v === undefined ? undefined : field.column()(v, k)),
  /** A string, or undefined when absent. */
  optionalString: (): FieldReader<string | undefined> => (v, k) => {
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw fail('INVALID_OPTION', `\`${k}\` must be a string; got ${show(v)}.`, { option: k, value: v });
    return v;
  },
  /** A seed, or undefined when absent (the function draws a fresh one and reports it). */
  seed: (): FieldReader<number | string | undefined> => (v, k) => seedValue(k, v),
  /** A confidence level; `fallback` (0.95) when absent. */
  confidence:
    (fallback = 0.95): FieldReader<number> =>
    (v, k) =>
      confidenceValue(k, v, fallback),
  /** A progress callback, or undefined. */
  progress: (): FieldReader<ProgressCallback | undefined> => (v, k) => progressValue(k, v),
  /** A column name or a list of them, as a list; `[]` when absent unless `required`. */
  names:
    (options: { min?: number; required?: boolean } = {}): FieldReader<readonly string[]> =>
    (v, k) =>
      namesValue(k, v, options),
  /** Standard errors: `'none'` (default) or `'HC0'`…`'HC4'`. */
  hc: (): FieldReader<HcOption> => (v, k) => oneOf(k, v, HC_OPTIONS, 'none'),
  /** Values that mean missing; `[]` when absent. */
  missingCodes: (): FieldReader<readonly MissingCode[]> => (v, k) => missingCodesValue(k, v),
} as const;
