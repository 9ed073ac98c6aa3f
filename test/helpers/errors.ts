import { isPsychkitError } from '../../src/index.js';

/** The PsychkitError code `f` throws, `'other'` for any other throw, `'none'` if it returns. */
export function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return isPsychkitError(e) ? e.code : 'other';
  }
  return 'none';
}

/** `{ [key]: value, ...options }` when options is a plain object; otherwise the options as given (so hostile options stay hostile). */
export function withOption(key: string, value: unknown, options: unknown): unknown {
  if (options === undefined) return { [key]: value };
  if (typeof options === 'object' && options !== null && !Array.isArray(options)) return { [key]: value, ...(options as object) };
  return options;
}
