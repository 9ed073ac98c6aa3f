import { fail, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import type { ReadTableOptions, Table, TableView } from '../data/table.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field, showValue } from '../util/options.js';
import { plural } from '../util/text.js';
import { forEachRow, nullable, readItemMatrix, type ItemMatrix, type RowKernel } from './item-matrix.js';
import { emptyRows, emptyRowsWarning } from './longstring.js';

/**
 * Subscales for even–odd consistency: `{ name: columns }`, an array of column lists, or an array
 * of `{ id, items }` (a `ScaleDefinition`'s `subscales`). Items in the order presented.
 */
export type EvenOddScales = { readonly [name: string]: readonly string[] } | readonly (readonly string[])[] | readonly { readonly id: string; readonly items: readonly string[] }[];

/** Options of {@link evenOddConsistency}. */
export interface EvenOddOptions extends ReadTableOptions {
  /** The subscales (at least 2, each of at least 2 items; no item in two subscales). Required. */
  readonly scales: EvenOddScales;
  /** Step the within-person correlation up with Spearman–Brown, 2r/(1 + r). Default true, as careless. */
  readonly spearmanBrown?: boolean;
}

/** One subscale as used: its name and its items split by position. */
export interface EvenOddScale {
  readonly name: string;
  readonly columns: readonly string[];
  /** Items in even positions (2nd, 4th, …). */
  readonly even: readonly string[];
  /** Items in odd positions (1st, 3rd, …). */
  readonly odd: readonly string[];
}

/** Result of {@link evenOddConsistency}. */
export interface EvenOddResult extends PsychkitResult<'evenOddConsistency'> {
  /** Respondents (rows of the table). */
  readonly n: number;
  /** Every item of the subscales, in subscale order. */
  readonly columns: readonly string[];
  readonly scales: readonly EvenOddScale[];
  /**
   * Per respondent, careless::evenodd's score: minus the (Spearman–Brown corrected, floored at −1)
   * within-person correlation of even- and odd-half means, so that higher = more careless and
   * −1 is perfectly consistent. `null` when undefined (fewer than 2 subscales with both halves
   * answered, or a constant half).
   */
  readonly values: readonly (number | null)[];
  /** Per respondent: the uncorrected within-person correlation r (positive = consistent); `null` with `values`. */
  readonly correlations: readonly (number | null)[];
  /** Per respondent: subscales whose even and odd halves both have an answer (careless `eo_missing`, which counts the available ones). */
  readonly nPairs: readonly number[];
  readonly spearmanBrown: boolean;
  /** The definition used, in words. */
  readonly rule: string;
}

/** The rule of {@link evenOddConsistency}, in words. */
export function evenOddRule(spearmanBrown: boolean): string {
  return `Even-odd consistency as careless::evenodd: for each subscale, the mean of the answered items in even positions and of those in odd positions (positions within the subscale, in the order given); the Pearson correlation r of the even means with the odd means across the subscales whose two halves were both answered${
    spearmanBrown ? ', stepped up by Spearman-Brown 2r/(1 + r) and floored at -1' : ' (no Spearman-Brown correction)'
  }; the score is its negative, so higher = more careless (-1 = perfectly consistent; Johnson's 2005 cut-off of .30 consistency is a score above -0.30). null with fewer than 2 usable subscales or a constant half.`;
}

const readEvenOddOptions = defineOptions('evenOddConsistency', {
  scales: field.raw(),
  spearmanBrown: field.boolean(true),
  missingCodes: field.missingCodes(),
});

/** Subscales resolved to names and item lists (validated). */
export interface ScalePlan {
  readonly names: readonly string[];
  readonly items: readonly (readonly string[])[];
}

/** Validates `scales` (see {@link EvenOddScales}). */
export function readScales(value: unknown, option = 'scales'): ScalePlan {
  if (value === undefined) throw fail('INVALID_OPTION', `\`${option}\` is required: the subscales, e.g. { empathic: ['esse1', …], social: ['esse7', …] }.`, { option });
  let entries: [string, unknown][];
  if (Array.isArray(value)) {
    entries = value.map((s: unknown, i) => {
      if (Array.isArray(s)) return [`scale${i + 1}`, s];
      if (typeof s === 'object' && s !== null && Array.isArray((s as { items?: unknown }).items)) {
        const id = (s as { id?: unknown }).id;
        return [typeof id === 'string' && id !== '' ? id : `scale${i + 1}`, (s as { items: unknown }).items];
      }
      throw fail('INVALID_OPTION', `\`${option}[${i}]\` must be a list of column names or { id, items }; got ${showValue(s)}.`, { option: `${option}[${i}]`, value: s });
    });
  } else if (typeof value === 'object' && value !== null && !(value instanceof Map)) {
    entries = Object.entries(value);
  } else {
    throw fail('INVALID_OPTION', `\`${option}\` must be an object of column lists or an array of them; got ${showValue(value)}.`, { option, value });
  }
  if (entries.length < 2) {
    throw fail('TOO_FEW_VARIABLES', `Even-odd consistency needs at least 2 subscales (a correlation across subscales); got ${entries.length}.`, { option, value });
  }
  const seen = new Map<string, string>();
  const items = entries.map(([name, list]) => {
    const path = `${option}.${name}`;
    if (!Array.isArray(list)) throw fail('INVALID_OPTION', `\`${path}\` must be a list of column names; got ${showValue(list)}.`, { option: path, value: list });
    if (list.length < 2) throw fail('INVALID_OPTION', `Subscale "${name}" has ${plural(list.length, 'item')}; even-odd needs at least 2 (an even and an odd half).`, { option: path, value: list });
    for (const c of list) {
      if (typeof c !== 'string' || c === '') throw fail('INVALID_OPTION', `\`${path}\` must list column names; got ${showValue(c)}.`, { option: path, value: c });
      const other = seen.get(c);
      if (other !== undefined) throw fail('DUPLICATE_NAME', `"${c}" is listed in subscale "${other}"${other === name ? ' twice' : ` and in "${name}"`}; each item belongs to one subscale.`, { option: path, column: c });
      seen.set(c, name);
    }
    return Object.freeze([...(list as string[])]);
  });
  return { names: entries.map(([name]) => name), items };
}

/**
 * Even–odd consistency (Johnson 2005), matching `careless::evenodd(x, factors)`: each subscale
 * is split into its items in odd positions (1st, 3rd, …) and in even positions (2nd, 4th, …), each
 * half scored as the mean of its answered items; the respondent's even-half means are correlated
 * with their odd-half means across the S subscales,
 *
 *   r = cor(ē, ō) over subscales with both halves answered,  r_SB = 2r / (1 + r) (floored at −1),
 *
 * and the score is −r_SB, careless's sign since version 1.2.0: higher = more careless, −1 =
 * perfectly consistent. An attentive respondent gives similar halves of each subscale, so the
 * halves correlate highly across subscales; a random responder's do not. Johnson (2005) read a
 * consistency below .30 as invalid, i.e. a score above −0.30.
 *
 * Conventions found in careless 1.2.x: positions count within each subscale in the order of its
 * items (give items in presentation order; reverse-key items first where a subscale mixes keys);
 * a subscale with an odd count has one more odd item; the means use the answered items
 * (`na.rm = TRUE`) and a half with no answer drops that subscale (`pairwise.complete.obs`); the
 * score is `null` (R's `NA`) when fewer than 2 subscales remain or either set of means is
 * constant. `spearmanBrown: false` reports −r instead. careless requires 2 or more subscales
 * (`TOO_FEW_VARIABLES` here); subscales are given by name instead of careless's consecutive
 * lengths, and each needs 2 items (`INVALID_OPTION`) — a 1-item subscale has no even half and
 * careless would always drop it.
 *
 * Errors: `INVALID_OPTION` (`scales` missing or malformed), `DUPLICATE_NAME` (an item in two
 * subscales), `TOO_FEW_VARIABLES`, `MISSING_COLUMN`, `NON_NUMERIC`, `NON_FINITE`.
 *
 * References: Johnson, J. A. (2005). Ascertaining the validity of individual protocols from
 * web-based personality inventories. *Journal of Research in Personality, 39*, 103–129. Meade, A.
 * W., & Craig, S. B. (2012). Identifying careless responses in survey data. *Psychological
 * Methods, 17*, 437–455. Curran, P. G. (2016). *Journal of Experimental Social Psychology, 66*, 4–19.
 *
 * @example
 * ```ts
 * const eo = evenOddConsistency(rows, {
 *   scales: {
 *     significantOther: ['mspss1', 'mspss2', 'mspss5', 'mspss10'],
 *     family: ['mspss3', 'mspss4', 'mspss8', 'mspss11'],
 *     friends: ['mspss6', 'mspss7', 'mspss9', 'mspss12'],
 *   },
 * });
 * eo.values[0]; // near −1: consistent; above −0.30: flag (Johnson 2005)
 * ```
 */
export function evenOddConsistency(table: Table | TableView, options: EvenOddOptions): EvenOddResult {
  const o = readEvenOddOptions.read(options);
  const plan = readScales(o.scales);
  const columns = plan.items.flat();
  const m = readItemMatrix(table, columns, o.missingCodes, 'evenOddConsistency');
  const r = evenOddValues(m, plan, o.spearmanBrown);
  // careless warns when a respondent's half means are constant; here their score is simply null.
  const warnings: PsychkitWarning[] = [];
  const empty = emptyRows(m);
  if (empty > 0) warnings.push(emptyRowsWarning(empty, 'evenOddConsistency'));
  return deepFreeze({
    kind: 'evenOddConsistency',
    n: m.n,
    warnings,
    columns: m.columns,
    scales: describeScales(plan),
    values: nullable(r.values),
    correlations: nullable(r.correlations),
    nPairs: Object.freeze(Array.from(r.nPairs)),
    spearmanBrown: o.spearmanBrown,
    rule: evenOddRule(o.spearmanBrown),
  });
}

/** The subscales of a plan with their even and odd halves, for results. */
export function describeScales(plan: ScalePlan): EvenOddScale[] {
  return plan.names.map((name, s) => {
    const list = plan.items[s] as readonly string[];
    return { name, columns: list, even: list.filter((_, j) => j % 2 === 1), odd: list.filter((_, j) => j % 2 === 0) };
  });
}

/**
 * careless's even–odd score per respondent (NaN = undefined), the uncorrected r and the number of
 * usable subscales. `plan`'s items must be columns of `m`. No per-row allocation.
 */
export function evenOddValues(m: ItemMatrix, plan: ScalePlan, spearmanBrown: boolean): { readonly values: Float64Array; readonly correlations: Float64Array; readonly nPairs: Int32Array } {
  const kernel = evenOddKernel(m, plan, spearmanBrown);
  forEachRow(m, [kernel.row]);
  return kernel;
}

/** The even–odd {@link RowKernel} and its output arrays. */
export function evenOddKernel(
  m: ItemMatrix,
  plan: ScalePlan,
  spearmanBrown: boolean,
): { readonly values: Float64Array; readonly correlations: Float64Array; readonly nPairs: Int32Array; readonly row: RowKernel } {
  const { n, columns } = m;
  const index = new Map<string, number>();
  columns.forEach((c, j) => index.set(c, j));
  const S = plan.items.length;
  // Flat item indices: scale s's items are idx[start[s] … start[s+1]); position parity by offset.
  const start = new Int32Array(S + 1);
  plan.items.forEach((list, s) => (start[s + 1] = (start[s] as number) + list.length));
  const idx = new Int32Array(start[S] as number);
  plan.items.forEach((list, s) => list.forEach((c, j) => (idx[(start[s] as number) + j] = index.get(c) as number)));
  const even = new Float64Array(S);
  const odd = new Float64Array(S);
  const values = new Float64Array(n);
  const correlations = new Float64Array(n);
  const nPairs = new Int32Array(n);
  const k = columns.length;
  const row: RowKernel = (buf, size, from) => {
    for (let r = 0, base = 0; r < size; r++, base += k) {
      const i = from + r;
      let used = 0;
      for (let s = 0; s < S; s++) {
        let se = 0;
        let ce = 0;
        let so = 0;
        let co = 0;
        const to = start[s + 1] as number;
        for (let t = start[s] as number, pos = 0; t < to; t++, pos++) {
          const v = buf[base + (idx[t] as number)] as number;
          if (v !== v) continue;
          // pos 0 is the 1st item (odd), pos 1 the 2nd (even).
          if ((pos & 1) === 1) {
            se += v;
            ce++;
          } else {
            so += v;
            co++;
          }
        }
        if (ce > 0 && co > 0) {
          even[used] = se / ce;
          odd[used] = so / co;
          used++;
        }
      }
      nPairs[i] = used;
      const c = used < 2 ? Number.NaN : pearson(even, odd, used);
      correlations[i] = c;
      let v = c;
      if (spearmanBrown && c === c) {
        v = (2 * c) / (1 + c);
        if (v < -1) v = -1;
      }
      values[i] = 0 - v;
    }
  };
  return { values, correlations, nPairs, row };
}

/** Pearson r of the first `m` entries of x and y (two-pass); NaN when either is constant. */
export function pearson(x: Float64Array, y: Float64Array, m: number): number {
  let sx = 0;
  let sy = 0;
  for (let t = 0; t < m; t++) {
    sx += x[t] as number;
    sy += y[t] as number;
  }
  const mx = sx / m;
  const my = sy / m;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let t = 0; t < m; t++) {
    const dx = (x[t] as number) - mx;
    const dy = (y[t] as number) - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (!(sxx > 0) || !(syy > 0)) return Number.NaN;
  const r = sxy / Math.sqrt(sxx * syy);
  return r > 1 ? 1 : r < -1 ? -1 : r;
}
