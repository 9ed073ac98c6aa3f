import { fail, isPsychkitError } from '../errors.js';
import { assertUniqueNames, readNumericColumns } from '../data/numeric.js';
import { readTable, type Table, type TableView } from '../data/table.js';
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
  /** Answered responses per item. */
  readonly counts: Float64Array;
  /** Sum of each item's answered responses (after reverse keying). */
  readonly sums: Float64Array;
  /** True when no response is missing. */
  readonly complete: boolean;
  readonly invalid: InvalidResponse[];
}

/**
 * Reads item columns as numbers, checks each answered response against `range` (when given:
 * within [min, max] and a whole number), and reverse-keys the `reverse` items (min + max − x),
 * in one pass per column over the numbers. The cells are read by the data layer's
 * `readNumericColumns` (numeric strings are numbers; `null`/`undefined`/`NaN`/`''` and the view's
 * missing codes missing; other strings NON_NUMERIC; ±Infinity NON_FINITE), which reads row objects
 * in one pass over the rows: for 100,000-row tables reading is a large share of the time. The
 * columns are fresh copies, so the caller's table is never touched.
 */
export function readResponses(
  table: Table | TableView,
  items: readonly string[],
  range: ResponseRange | undefined,
  reverse: readonly string[],
  rule: OutOfRangeRule,
): ItemResponses {
  const view = readTable(table);
  assertUniqueNames(items, 'items');
  if (reverse.length > 0 && range === undefined) {
    throw fail('INVALID_OPTION', '`reverse` needs `response: { min, max }`: an item is reversed as min + max − x.', { option: 'reverse' });
  }
  for (const name of reverse) {
    if (!items.includes(name)) throw fail('INVALID_OPTION', `\`reverse\` lists "${name}", which is not among the items.`, { option: 'reverse', column: name });
  }
  const reversed = new Set(reverse);
  const min = range?.min ?? -Infinity;
  const max = range?.max ?? Infinity;
  const checkRange = range !== undefined;
  const n = view.nRows;
  const k = items.length;
  // All columns in one read; if that fails, column by column, reading and checking each in turn,
  // so the first problem in column order is the one reported (a NON_NUMERIC cell in a later
  // column does not hide an OUT_OF_RANGE response in an earlier one).
  let all: Float64Array[] | undefined;
  try {
    all = readNumericColumns(view, items);
  } catch (e) {
    if (!isPsychkitError(e)) throw e;
  }
  const columns: Float64Array[] = [];
  const counts = new Float64Array(k);
  const sums = new Float64Array(k);
  const invalid: InvalidResponse[] = [];
  let complete = true;
  for (let j = 0; j < k; j++) {
    const name = items[j] as string;
    const out = all?.[j] ?? (readNumericColumns(view, [name])[0] as Float64Array);
    columns.push(out);
    let s = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const v = out[i] as number;
      if (v !== v) continue;
      if (checkRange && !(v >= min && v <= max && Math.floor(v) === v)) {
        const reason = v < min || v > max ? 'out-of-range' : 'non-integer';
        if (rule === 'error') {
          const what = reason === 'out-of-range' ? `outside the response range ${min}–${max}` : `not a whole number (responses run ${min}–${max})`;
          throw fail('OUT_OF_RANGE', `Column "${name}", row ${i}: response ${v} is ${what}. Pass \`outOfRange: 'missing'\` to treat such responses as missing.`, {
            column: name,
            row: i,
            value: v,
            min,
            max,
          });
        }
        invalid.push({ row: i, column: name, value: v, reason });
        out[i] = Number.NaN;
        continue;
      }
      s += v;
      c++;
    }
    if (reversed.has(name)) {
      const flip = min + max;
      for (let i = 0; i < n; i++) out[i] = flip - (out[i] as number);
      s = c * flip - s;
    }
    if (c < n) complete = false;
    counts[j] = c;
    sums[j] = s;
  }
  // Invalid responses are listed row by row, as a reader scans a table.
  invalid.sort((a, b) => a.row - b.row || items.indexOf(a.column) - items.indexOf(b.column));
  return { names: Object.freeze([...items]), n, columns, counts, sums, complete, invalid };
}
