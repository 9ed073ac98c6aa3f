import { fail, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import { assertUniqueNames, readNumericColumns } from '../data/numeric.js';
import { possibleMissingCodes } from '../data/suspect.js';
import { tableView, type ReadTableOptions, type Table } from '../data/table.js';
import { checkResponseRange, type ResponseRange } from '../scales/define.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field } from '../util/options.js';
import type { MissingCode } from '../util/options.js';

/** Options of {@link itemFrequencies}. */
export interface ItemFrequenciesOptions extends ReadTableOptions {
  /** Item columns; default every column (`V1…Vk` for a matrix). */
  readonly columns?: readonly string[];
  /**
   * The response range: every whole number from `min` to `max` is an option (so options nobody
   * chose are listed), and a response outside it is `OUT_OF_RANGE`. Default: the distinct values
   * answered to any of the items.
   */
  readonly response?: ResponseRange;
}

/** One response option of one item. */
export interface ResponseOptionCount {
  readonly value: number;
  readonly count: number;
  /** Percent of the item's answered responses (0–100). */
  readonly percent: number;
}

/** One item's response distribution. */
export interface ItemFrequencyRow {
  readonly column: string;
  /** Answered responses. */
  readonly n: number;
  readonly nMissing: number;
  /** Percent of all rows that are missing (0–100). */
  readonly percentMissing: number;
  /** Every response option, in increasing order, with its count and percent. */
  readonly options: readonly ResponseOptionCount[];
  /** Percent of answered responses at the lowest option (`response.min`, or the lowest value answered to any item); `null` for an empty item. */
  readonly floor: number | null;
  /** Percent at the highest option; `null` for an empty item. */
  readonly ceiling: number | null;
  /** The options this item never received. */
  readonly unused: readonly number[];
}

/** Result of {@link itemFrequencies}. */
export interface ItemFrequenciesResult extends PsychkitResult<'itemFrequencies'> {
  readonly columns: readonly string[];
  /** The response options, in increasing order. */
  readonly values: readonly number[];
  /** Where the options came from: the declared range or the data. */
  readonly valuesFrom: 'response' | 'data';
  readonly items: readonly ItemFrequencyRow[];
}

const readItemFrequenciesOptions = defineOptions('itemFrequencies', {
  columns: field.columns(1),
  response: field.raw(),
  missingCodes: field.missingCodes(),
});

/**
 * How often each response option was chosen, per item: count and percent of the answered
 * responses, the percent missing, floor and ceiling percentages (responses at the lowest and
 * highest option) and the options nobody chose. Percentages are of answered responses, as
 * `psych::response.frequencies` gives its proportions (with `percentMissing` as its `miss`, of
 * all rows). With `response`, every whole number in the range is an option; without, the options
 * are the distinct values answered to any of the items, so an item's `unused` lists the values
 * other items received and it did not.
 *
 * Flags a column that nobody answered (`EMPTY_ITEM`) and values that look like missing-data codes
 * (`POSSIBLE_MISSING_CODE`).
 *
 * Reference: Revelle, W. psych: `response.frequencies`. Floor and ceiling effects: Terwee, C. B.,
 * et al. (2007). Quality criteria were proposed for measurement properties of health status
 * questionnaires. *Journal of Clinical Epidemiology, 60*(1), 34–42 (more than 15% at either end).
 *
 * @example
 * ```ts
 * const f = itemFrequencies(rows, { columns: ['esse1', 'esse2'], response: { min: 1, max: 5 } });
 * f.items[0].ceiling; // percent answering 5
 * f.items[0].unused; // e.g. [1]: nobody chose 1
 * ```
 */
export function itemFrequencies(table: Table, options: ItemFrequenciesOptions = {}): ItemFrequenciesResult {
  const o = readItemFrequenciesOptions.read(options);
  const range = o.response === undefined ? undefined : checkResponseRange(o.response);
  const view = tableView(table, o.missingCodes as readonly MissingCode[]);
  const columns = o.columns ?? view.columnNames;
  if (columns.length === 0) throw fail('TOO_FEW_VARIABLES', 'itemFrequencies: the table has no columns.', { option: 'columns' });
  assertUniqueNames(columns, 'columns');
  const data = readNumericColumns(view, columns);
  const nRows = view.nRows;
  let values: number[];
  if (range !== undefined) {
    data.forEach((x, j) => {
      for (let i = 0; i < x.length; i++) {
        const v = x[i] as number;
        if (!Number.isNaN(v) && (v < range.min || v > range.max || !Number.isInteger(v))) {
          const column = columns[j] as string;
          throw fail('OUT_OF_RANGE', `itemFrequencies: column "${column}", row ${i}: ${v} is not a response option of ${range.min}–${range.max}.`, { column, row: i, value: v, min: range.min, max: range.max });
        }
      }
    });
    values = Array.from({ length: range.max - range.min + 1 }, (_, i) => range.min + i);
  } else {
    const seen = new Set<number>();
    for (const x of data) for (const v of x) if (!Number.isNaN(v)) seen.add(v);
    values = [...seen].sort((a, b) => a - b);
  }
  const index = new Map(values.map((v, i) => [v, i]));
  const counts = new Float64Array(values.length);
  const warnings: PsychkitWarning[] = [];
  const items = data.map((x, j): ItemFrequencyRow => {
    counts.fill(0);
    let answered = 0;
    for (const v of x) {
      if (Number.isNaN(v)) continue;
      answered++;
      const k = index.get(v) as number;
      counts[k] = (counts[k] as number) + 1;
    }
    const column = columns[j] as string;
    if (answered === 0) warnings.push({ code: 'EMPTY_ITEM', message: `itemFrequencies: nobody answered "${column}".`, details: { column } });
    const percent = (c: number) => (answered === 0 ? 0 : (100 * c) / answered);
    const last = values.length - 1;
    return {
      column,
      n: answered,
      nMissing: nRows - answered,
      percentMissing: nRows === 0 ? 0 : (100 * (nRows - answered)) / nRows,
      options: values.map((value, k) => ({ value, count: counts[k] as number, percent: percent(counts[k] as number) })),
      floor: answered === 0 ? null : percent(counts[0] as number),
      ceiling: answered === 0 ? null : percent(counts[last] as number),
      unused: values.filter((_, k) => counts[k] === 0),
    };
  });
  warnings.push(...possibleMissingCodes(columns, data, { range }));
  return deepFreeze({ kind: 'itemFrequencies', n: nRows, warnings, columns: [...columns], values, valuesFrom: range === undefined ? 'data' : 'response', items } satisfies ItemFrequenciesResult);
}
