import { isPsychkitError, type PsychkitError } from '../../src/index.js';

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

/** The PsychkitError `f` throws; fails the test if it returns or throws anything else. */
export function errorOf(f: () => unknown): PsychkitError {
  try {
    f();
  } catch (e) {
    if (isPsychkitError(e)) return e;
    throw e;
  }
  throw new Error('expected a PsychkitError');
}
