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
