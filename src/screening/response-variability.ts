import type { PsychkitResult, PsychkitWarning } from '../errors.js';
import type { ReadTableOptions, Table, TableView } from '../data/table.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field } from '../util/options.js';
import { plural } from '../util/text.js';
import { forEachRow, nullable, readItemMatrix, type ItemMatrix, type RowKernel } from './item-matrix.js';

/** Options of {@link responseVariability}. */
export interface ResponseVariabilityOptions extends ReadTableOptions {
  /** The item columns (at least 2). Default: every column. */
  readonly columns?: readonly string[];
}

/** Result of {@link responseVariability}. */
export interface ResponseVariabilityResult extends PsychkitResult<'responseVariability'> {
  /** Respondents (rows of the table). */
  readonly n: number;
  /** The item columns, in the order used. */
  readonly columns: readonly string[];
  /** Per respondent: the SD of their answered items (divisor m − 1); `null` with fewer than 2 answers. */
  readonly values: readonly (number | null)[];
  /** The definition used, in words. */
  readonly rule: string;
}

/** The rule of {@link responseVariability}, in words (also used by `screenResponses`). */
export const IRV_RULE =
  "Intra-individual response variability: the standard deviation of a respondent's answered items with divisor m − 1 (m answered items), as careless::irv(x, na.rm = TRUE), i.e. R's sd(row, na.rm = TRUE); null with fewer than 2 answers.";

const readIrvOptions = defineOptions('responseVariability', {
  columns: field.raw(),
  missingCodes: field.missingCodes(),
});

/**
 * Intra-individual response variability (IRV), matching `careless::irv(x, na.rm = TRUE)`: the
 * standard deviation of each respondent's answers across the items,
 *
 *   IRVᵢ = √( Σⱼ (xᵢⱼ − x̄ᵢ)² / (mᵢ − 1) ),
 *
 * over the mᵢ items respondent i answered (R's `sd(row, na.rm = TRUE)`: divisor m − 1). `null` when
 * fewer than 2 items were answered (R's `NA`). A straight-liner has IRV 0.
 *
 * Low IRV marks straight-lining (Dunn et al. 2018); high IRV marks random answering (Marjanovic
 * et al. 2015). There is no scale-free cut-off: IRV is in the items' units, so compare it within
 * a sample or across items with the same response format.
 *
 * Errors: `MISSING_COLUMN`, `NON_NUMERIC`, `NON_FINITE`, `DUPLICATE_NAME`, `TOO_FEW_VARIABLES`
 * (< 2 items), `INVALID_OPTION`. Warning `EMPTY_ROWS` for respondents with fewer than 2 answers.
 *
 * References: Dunn, A. M., Heggestad, E. D., Shanock, L. R., & Theilgard, N. (2018).
 * Intra-individual response variability as an indicator of insufficient effort responding.
 * *Journal of Business and Psychology, 33*, 105–121. Marjanovic, Z., Holden, R., Struthers, W.,
 * Cribbie, R., & Greenglass, E. (2015). The inter-item standard deviation (ISD): An index that
 * discriminates between conscientious and random responders. *Personality and Individual
 * Differences, 84*, 79–83. Curran, P. G. (2016). *Journal of Experimental Social Psychology, 66*, 4–19.
 *
 * @example
 * ```ts
 * const irv = responseVariability(rows, { columns: ['si1', 'si2', 'si3', 'si4', 'si5', 'si6'] });
 * irv.values[0]; // the first respondent's SD across the six items
 * responseVariability([[3, 3, 3], [1, 3, 5]]).values; // [0, 2]
 * ```
 */
export function responseVariability(table: Table | TableView, options?: ResponseVariabilityOptions): ResponseVariabilityResult {
  const o = readIrvOptions.read(options);
  const m = readItemMatrix(table, o.columns, o.missingCodes, 'responseVariability');
  const sd = irvValues(m);
  const warnings: PsychkitWarning[] = [];
  let few = 0;
  for (let i = 0; i < m.n; i++) if ((m.answered[i] as number) < 2) few++;
  if (few > 0) {
    warnings.push({
      code: 'EMPTY_ROWS',
      message: `${plural(few, 'respondent')} answered fewer than 2 of the items; their IRV is null.`,
      details: { count: few },
    });
  }
  return deepFreeze({ kind: 'responseVariability', n: m.n, warnings, columns: m.columns, values: nullable(sd), rule: IRV_RULE });
}

/** Per-respondent SD (divisor m − 1) of the answered items; NaN with fewer than 2. No per-row allocation. */
export function irvValues(m: ItemMatrix): Float64Array {
  const kernel = irvKernel(m);
  forEachRow(m, [kernel.row]);
  return kernel.values;
}

/** The IRV {@link RowKernel} (two passes over the row) and its output array. */
export function irvKernel(m: ItemMatrix): { readonly values: Float64Array; readonly row: RowKernel } {
  const { n, k, answered } = m;
  const values = new Float64Array(n);
  const row: RowKernel = (buf, size, from) => {
    for (let r = 0, base = 0; r < size; r++, base += k) {
      const i = from + r;
      const c = answered[i] as number;
      if (c < 2) {
        values[i] = Number.NaN;
        continue;
      }
      let s = 0;
      let ss = 0;
      if (c === k) {
        // Every item answered: the same sums without the per-cell test.
        for (let j = 0; j < k; j++) s += buf[base + j] as number;
        const mean = s / c;
        for (let j = 0; j < k; j++) {
          const d = (buf[base + j] as number) - mean;
          ss += d * d;
        }
      } else {
        for (let j = 0; j < k; j++) {
          const v = buf[base + j] as number;
          if (v === v) s += v;
        }
        const mean = s / c;
        for (let j = 0; j < k; j++) {
          const v = buf[base + j] as number;
          if (v === v) ss += (v - mean) * (v - mean);
        }
      }
      values[i] = Math.sqrt(ss / (c - 1));
    }
  };
  return { values, row };
}
