// Counts every tolerance comparison the tests make (expectClose/expectAllClose/expectRelClose from
// test/helpers/close.ts, and toBeCloseTo), by test file, test, label and tolerance. Used only by
// `npm run study:reference-checks`; the normal test run never loads this file.
import { appendFileSync } from 'node:fs';
import { afterAll, expect, vi } from 'vitest';

type Key = string;
const counts = new Map<Key, number>();
function record(kind: string, what: string, tol: number): void {
  const state = expect.getState();
  // Labels carry indices and values ("loadings[3]", "pt_lower {"q":-3,…}"); replace numbers so
  // that a vector or a table of cases counts under one label.
  const label = what.replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/gi, '#');
  const key = JSON.stringify([state.testPath ?? '', state.currentTestName ?? '', kind, label, tol]);
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

vi.mock(new URL('../../test/helpers/close.ts', import.meta.url).pathname, async (importOriginal) => {
  const real = await importOriginal<typeof import('../../test/helpers/close.js')>();
  return {
    ...real,
    expectClose: (a: number, e: number, tol: number, what = '') => {
      record('abs', what, tol);
      real.expectClose(a, e, tol, what);
    },
    expectRelClose: (a: number, e: number, rel: number, what = '') => {
      record('rel', what, rel);
      real.expectRelClose(a, e, rel, what);
    },
    expectAllClose: (a: ArrayLike<number>, e: ArrayLike<number>, tol: number, what = '') => {
      for (let i = 0; i < e.length; i++) record('abs', what, tol);
      real.expectAllClose(a, e, tol, what);
    },
  };
});

expect.extend({
  toBeCloseTo(received: number, expected: number, digits = 2) {
    const tol = 10 ** -digits / 2;
    record('closeTo', '', tol);
    const pass = received === expected || Math.abs(received - expected) < tol;
    return { pass, message: () => `expected ${received} to be close to ${expected} (${digits} digits)` };
  },
});

// Hand-written tolerance checks, `expect(Math.abs(a − e)).toBeLessThan(tol)`: recorded with the
// bound as the tolerance (the label is not visible to a matcher); the summary says which are
// reference comparisons.
const builtin = { lt: (a: number, b: number) => a < b, le: (a: number, b: number) => a <= b };
expect.extend({
  toBeLessThan(received: number, bound: number) {
    record('lessThan', '', bound);
    return { pass: builtin.lt(received, bound), message: () => `expected ${received} to be less than ${bound}` };
  },
  toBeLessThanOrEqual(received: number, bound: number) {
    record('lessThan', '', bound);
    return { pass: builtin.le(received, bound), message: () => `expected ${received} to be ≤ ${bound}` };
  },
});

afterAll(() => {
  const out = process.env.REFERENCE_CHECKS_LOG;
  if (out === undefined || counts.size === 0) return;
  appendFileSync(out, [...counts].map(([k, n]) => JSON.stringify([...JSON.parse(k), n])).join('\n') + '\n');
  counts.clear();
});
