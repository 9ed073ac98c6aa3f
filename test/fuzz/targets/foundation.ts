import fc from 'fast-check';
import { cronbachAlpha } from '../../../src/index.js';
import { arbitraries } from '../../../src/testing/index.js';
import type { FuzzTarget } from '../harness.js';

/** A valid Likert table with items, to vary one part at a time. */
const likert = arbitraries.likertResponses(fc, { items: { min: 2, max: 5 }, n: { min: 1, max: 30 } });

export const FOUNDATION_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'cronbachAlpha',
    args: fc.oneof(
      arbitraries.hostileTable(fc).map(({ table, items }) => [table, { items }]),
      likert.chain((l) => arbitraries.hostileOptions(fc, { items: l.items, missing: 'pairwise' }).map((o) => [l.rows, o])),
      fc.tuple(arbitraries.hostileValue(fc), arbitraries.hostileValue(fc)),
    ),
    call: (table, options) => cronbachAlpha(table as never, options as never),
  },
];
