import { expect } from 'vitest';
import { isPsychkitError, type PsychkitError, type PsychkitErrorCode } from '../../src/index.js';

/** Asserts that `f` throws a PsychkitError with `code`; returns the error for further checks. */
export function expectCode(f: () => unknown, code: PsychkitErrorCode): PsychkitError {
  try {
    f();
  } catch (e) {
    if (!isPsychkitError(e)) throw e;
    expect(e.code, e.message).toBe(code);
    expect(e.message.length).toBeGreaterThan(10);
    return e;
  }
  return expect.fail(`expected a PsychkitError ${code}, but nothing was thrown`);
}
