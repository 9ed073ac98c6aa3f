// Moments computed in plain JS, as a SQL engine would return them, for the "fit from moments
// equals fit from rows" tests.
import { expect } from 'vitest';
import type { MomentsInput } from '../../src/index.js';

/** Rows with every one of `columns` answered, as numbers. */
export function complete(rows: readonly Record<string, string>[], columns: readonly string[]): Record<string, number>[] {
  return rows.filter((r) => columns.every((c) => r[c] !== '' && r[c] !== 'NA')).map((r) => Object.fromEntries(columns.map((c) => [c, Number(r[c])])));
}

/** Means and the covariance matrix with divisor n − 1 (two passes). */
export function momentsOf(rows: readonly Record<string, unknown>[], columns: readonly string[]): MomentsInput & { covariance: number[][]; means: number[]; columns: string[] } {
  const n = rows.length;
  const x = columns.map((c) => rows.map((r) => Number(r[c])));
  const means = x.map((v) => v.reduce((s, y) => s + y, 0) / n);
  const covariance = x.map((a, i) => x.map((b, j) => a.reduce((s, v, k) => s + (v - means[i]!) * (b[k]! - means[j]!), 0) / (n - 1)));
  return { covariance, means, n, columns: [...columns] };
}

/** |a − b| ≤ tol·max(1, |b|), NaN equal to NaN. */
export function near(a: number, b: number, tol: number, what: string): void {
  if (Number.isNaN(a) && Number.isNaN(b)) return;
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
}
