import { fail } from '../errors.js';
import { numericColumns } from '../data/numeric.js';
import type { Table, TableView } from '../data/table.js';
import type { ResponseRange } from './define.js';

/** What to do with a response outside the declared range or not a whole number. */
export type OutOfRangeRule = 'error' | 'missing';

/** A response that was outside the declared range, or not an integer, and was set to missing. */
export interface InvalidResponse {
  /** Zero-based row in the input table. */
  readonly row: number;
  readonly column: string;
  readonly value: number;
  readonly reason: 'out-of-range' | 'non-integer';
}

/** Item responses as fresh `Float64Array` columns (NaN = missing), reverse-keyed where asked. */
export interface ItemResponses {
  readonly names: readonly string[];
  readonly n: number;
  readonly columns: Float64Array[];
  readonly invalid: InvalidResponse[];
}

/**
 * Reads item columns as numbers, checks each answered response against `range` (when given:
 * within [min, max] and a whole number), and reverse-keys the `reverse` items (min + max − x).
 * The columns are fresh copies, so the caller's table is never touched.
 */
export function readResponses(
  table: Table | TableView,
  items: readonly string[],
  range: ResponseRange | undefined,
  reverse: readonly string[],
  rule: OutOfRangeRule,
): ItemResponses {
  const data = numericColumns(table, items, 'items');
  const columns = data.columns as Float64Array[];
  const invalid: InvalidResponse[] = [];
  if (range !== undefined) {
    const { min, max } = range;
    for (let j = 0; j < columns.length; j++) {
      const col = columns[j] as Float64Array;
      const column = items[j] as string;
      for (let i = 0; i < col.length; i++) {
        const v = col[i] as number;
        // NaN fails both comparisons and the integer test is skipped for it: missing stays missing.
        if (v >= min && v <= max && Number.isInteger(v)) continue;
        if (Number.isNaN(v)) continue;
        const reason = v < min || v > max ? 'out-of-range' : 'non-integer';
        if (rule === 'error') {
          const what = reason === 'out-of-range' ? `outside the response range ${min}–${max}` : `not a whole number (responses run ${min}–${max})`;
          throw fail('OUT_OF_RANGE', `Column "${column}", row ${i}: response ${v} is ${what}. Pass \`outOfRange: 'missing'\` to treat such responses as missing.`, {
            column,
            row: i,
            value: v,
            min,
            max,
          });
        }
        invalid.push({ row: i, column, value: v, reason });
        col[i] = Number.NaN;
      }
    }
  }
  if (reverse.length > 0) {
    if (range === undefined) {
      throw fail('INVALID_OPTION', '`reverse` needs `response: { min, max }`: an item is reversed as min + max − x.', { option: 'reverse' });
    }
    const flip = range.min + range.max;
    for (const name of reverse) {
      const j = items.indexOf(name);
      if (j < 0) throw fail('INVALID_OPTION', `\`reverse\` lists "${name}", which is not among the items.`, { option: 'reverse', column: name });
      const col = columns[j] as Float64Array;
      for (let i = 0; i < col.length; i++) col[i] = flip - (col[i] as number);
    }
  }
  return { names: data.names, n: data.n, columns, invalid };
}
