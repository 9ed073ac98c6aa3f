import { expect } from 'vitest';

/** Asserts |actual − expected| ≤ tol, with a message naming what was compared. */
export function expectClose(actual: number, expected: number, tol: number, what = ''): void {
  const ok = Math.abs(actual - expected) <= tol || (Number.isNaN(actual) && Number.isNaN(expected));
  if (!ok) expect.fail(`${what}: expected ${expected}, got ${actual} (|diff| ${Math.abs(actual - expected)} > ${tol})`);
}

/** Asserts |actual − expected| ≤ rel·|expected| (+ a tiny absolute floor). */
export function expectRelClose(actual: number, expected: number, rel: number, what = ''): void {
  const ok = Math.abs(actual - expected) <= rel * Math.abs(expected) + 1e-300;
  if (!ok) expect.fail(`${what}: expected ${expected}, got ${actual} (rel diff ${Math.abs(actual - expected) / Math.abs(expected)} > ${rel})`);
}

/** Element-wise {@link expectClose} over two arrays of equal length. */
export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what = ''): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i] as number, expected[i] as number, tol, `${what}[${i}]`);
}

/**
 * Asserts that `actual` is a number within 1e-9 × max(1, |expected|) of `expected` (the R
 * reference tolerance of the PROCESS tests), naming what was compared.
 */
export function expectReference(actual: number | null | undefined, expected: number, what: string): void {
  if (typeof actual !== 'number') expect.fail(`${what}: expected a number (${expected}), got ${String(actual)}`);
  expectClose(actual, expected, 1e-9 * Math.max(1, Math.abs(expected)), what);
}
