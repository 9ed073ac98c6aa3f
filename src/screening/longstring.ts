import type { PsychkitResult, PsychkitWarning } from '../errors.js';
import type { ReadTableOptions, Table, TableView } from '../data/table.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field } from '../util/options.js';
import { plural } from '../util/text.js';
import { forEachRow, nullable, readItemMatrix, type ItemMatrix, type RowKernel } from './item-matrix.js';

/** Options of {@link longstring}. */
export interface LongstringOptions extends ReadTableOptions {
  /** The item columns, in the order they were presented (at least 2). Default: every column. */
  readonly columns?: readonly string[];
}

/** Result of {@link longstring}. */
export interface LongstringResult extends PsychkitResult<'longstring'> {
  /** Respondents (rows of the table). */
  readonly n: number;
  /** The item columns, in the order used. */
  readonly columns: readonly string[];
  /** Per respondent: the longest run of identical consecutive answers (careless `longstr`); `null` when no item was answered. */
  readonly values: readonly (number | null)[];
  /** Per respondent: the average run length, k / number of runs (careless `avgstr`); `null` when no item was answered. */
  readonly averages: readonly (number | null)[];
  /** The definition used, in words. */
  readonly rule: string;
}

/** The rule of {@link longstring}, in words (also used by `screenResponses`). */
export const LONGSTRING_RULE =
  'Longest run of identical consecutive answers over the items in column order, and the average run length (number of items / number of runs), as careless::longstring(x, avg = TRUE). A missing answer ends a run and is a run of length 1 by itself (R rle() treats NA as unequal to everything); a respondent with no answered item gets null.';

const readLongstringOptions = defineOptions('longstring', {
  columns: field.raw(),
  missingCodes: field.missingCodes(),
});

/**
 * Longstring: for each respondent, the longest run of identical consecutive answers, and the
 * average length of the runs, matching `careless::longstring(x, avg = TRUE)` (Yentes & Wilhelm).
 *
 * Reading a respondent's k answers in column order as runs of equal values (R's `rle`):
 *
 *   longest = max run length,  average = k / (number of runs).
 *
 * A straight-liner who gives one answer to all k items has longest = average = k. Missing
 * answers follow careless, whose `rle` treats `NA` as different from everything (another `NA`
 * included): a missing cell ends the current run and counts as a run of length 1 (so
 * `[1, 1, NA, NA, 1, 1, 1]` gives longest 3 and average 7/4). A respondent with no answered item
 * gets `null` for both (careless gives 1 and 1). Answers are compared exactly, as R's `!=`.
 *
 * Long strings flag respondents who answer without reading (Johnson 2005; Curran 2016 suggests
 * cut-offs of about half the items in a block, or the scale's own distribution). Order the
 * columns as the items were presented: the index is about the page the respondent saw.
 *
 * Errors: `MISSING_COLUMN`, `NON_NUMERIC`, `NON_FINITE`, `DUPLICATE_NAME`, `TOO_FEW_VARIABLES`
 * (< 2 items), `INVALID_OPTION`.
 *
 * References: Johnson, J. A. (2005). Ascertaining the validity of individual protocols from
 * web-based personality inventories. *Journal of Research in Personality, 39*, 103–129.
 * Curran, P. G. (2016). Methods for the detection of carelessly invalid responses in survey data.
 * *Journal of Experimental Social Psychology, 66*, 4–19.
 *
 * @example
 * ```ts
 * const ls = longstring(rows, { columns: ['esse1', 'esse2', 'esse3', 'esse4', 'esse5', 'esse6'] });
 * ls.values[0]; // the first respondent's longest run
 * ls.averages[0]; // and their average run length
 * longstring([[3, 3, 3, 3], [1, 2, 2, 5]]).values; // [4, 2]
 * ```
 */
export function longstring(table: Table | TableView, options?: LongstringOptions): LongstringResult {
  const o = readLongstringOptions.read(options);
  const m = readItemMatrix(table, o.columns, o.missingCodes, 'longstring');
  const { longest, average } = longstringValues(m);
  const warnings: PsychkitWarning[] = [];
  const empty = emptyRows(m);
  if (empty > 0) warnings.push(emptyRowsWarning(empty, 'longstring'));
  return deepFreeze({
    kind: 'longstring',
    n: m.n,
    warnings,
    columns: m.columns,
    values: nullable(longest),
    averages: nullable(average),
    rule: LONGSTRING_RULE,
  });
}

/** Longest and average run per respondent (NaN for a row with no answer). No per-row allocation. */
export function longstringValues(m: ItemMatrix): { readonly longest: Float64Array; readonly average: Float64Array } {
  const kernel = longstringKernel(m);
  forEachRow(m, [kernel.row]);
  return kernel;
}

/** The longstring {@link RowKernel} and its output arrays. */
export function longstringKernel(m: ItemMatrix): { readonly longest: Float64Array; readonly average: Float64Array; readonly row: RowKernel } {
  const { n, k, answered } = m;
  const longest = new Float64Array(n);
  const average = new Float64Array(n);
  const row: RowKernel = (buf, size, from) => longstringBlock(buf, size, from, k, answered, longest, average);
  return { longest, average, row };
}

/** The body of {@link longstringKernel}'s row kernel (top level: one compiled copy for every call). */
function longstringBlock(buf: Float64Array, size: number, from: number, k: number, answered: Int32Array, longest: Float64Array, average: Float64Array): void {
  for (let r = 0, base = 0; r < size; r++, base += k) {
    const i = from + r;
    if (answered[i] === 0) {
      longest[i] = Number.NaN;
      average[i] = Number.NaN;
      continue;
    }
    let prev = buf[base] as number;
    let run = 1;
    let best = 1;
    let runs = 1;
    for (let j = 1; j < k; j++) {
      const v = buf[base + j] as number;
      // NaN === NaN is false: a missing answer never continues a run, as R's rle.
      if (v === prev) {
        run++;
        if (run > best) best = run;
      } else {
        run = 1;
        runs++;
      }
      prev = v;
    }
    longest[i] = best;
    average[i] = k / runs;
  }
}

/** Rows with no answered item. */
export function emptyRows(m: ItemMatrix): number {
  let c = 0;
  for (let i = 0; i < m.n; i++) if (m.answered[i] === 0) c++;
  return c;
}

/** The EMPTY_ROWS warning of the screening indices. */
export function emptyRowsWarning(count: number, fn: string): PsychkitWarning {
  return {
    code: 'EMPTY_ROWS',
    message: `${plural(count, 'respondent')} answered none of the items; ${fn} is null for ${count === 1 ? 'that row' : 'those rows'}.`,
    details: { count },
  };
}
