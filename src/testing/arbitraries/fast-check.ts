// Type-only: psychkit/testing never loads fast-check itself. Every arbitrary takes the caller's
// fast-check module as its first argument, so the kit works with whichever copy (and version in
// the peer range) the caller's test runner uses, and `simulate` works without fast-check at all.
import type * as FastCheckModule from 'fast-check';
import { fail } from '../../errors.js';

/** A fast-check arbitrary (the caller's fast-check). */
export type Arbitrary<T> = FastCheckModule.Arbitrary<T>;

/** The members of fast-check the arbitraries use; pass `fc` from `import fc from 'fast-check'` or `import * as fc`. */
export type FastCheck = Pick<
  typeof FastCheckModule,
  'integer' | 'boolean' | 'constant' | 'constantFrom' | 'oneof' | 'array' | 'record' | 'tuple' | 'string' | 'double' | 'uniqueArray'
>;

const NEEDED = ['integer', 'boolean', 'constant', 'constantFrom', 'oneof', 'array', 'record', 'tuple', 'string', 'double', 'uniqueArray'] as const;

/** Throws INVALID_OPTION unless `fc` looks like the fast-check module (a common slip in plain JS). */
export function checkFastCheck(fc: unknown, fn: string): FastCheck {
  const ok = typeof fc === 'object' && fc !== null && NEEDED.every((k) => typeof (fc as Record<string, unknown>)[k] === 'function');
  if (!ok) {
    throw fail('INVALID_OPTION', `${fn}: pass the fast-check module as the first argument, e.g. ${fn}(fc, { … }) after \`import fc from 'fast-check'\`.`, {
      option: 'fc',
    });
  }
  return fc as FastCheck;
}
