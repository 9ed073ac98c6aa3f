// Fuzz targets: tidy and glance take genuine results of every kind, results with one part made
// hostile (or deleted), and things that are not results at all.
import fc from 'fast-check';
import { glance, tidy } from '../../../../src/index.js';
import type { FuzzTarget } from '../../harness.js';
import { hostile, nasty } from './common.js';
import { genuineResult, hostileResult } from './report.js';

/** Every row flat (numbers, strings, null), finite, and unchanged by a JSON round trip. */
function flatRows(result: unknown): void {
  const rows = (Array.isArray(result) ? result : [result]) as unknown[];
  for (const row of rows) {
    for (const [key, v] of Object.entries(row as object)) {
      const ok = v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
      if (!ok) throw new Error(`cell ${key} is ${String(v)}`);
    }
  }
  if (JSON.stringify(JSON.parse(JSON.stringify(result))) !== JSON.stringify(result)) throw new Error('not JSON-stable');
}

const args = fc.tuple(fc.oneof({ arbitrary: hostileResult, weight: 6 }, { arbitrary: genuineResult, weight: 2 }, { arbitrary: fc.oneof(hostile, nasty, fc.record({ kind: fc.oneof(fc.string(), hostile) })), weight: 1 }));

export const TIDY_TARGETS: readonly FuzzTarget[] = [
  { name: 'tidy', args, call: (r) => tidy(r as never), check: flatRows, runs: 600 },
  { name: 'glance', args, call: (r) => glance(r as never), check: flatRows, runs: 600 },
];
