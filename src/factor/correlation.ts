import { tableView, type ReadTableOptions } from '../data/table.js';
import type { PsychkitResult } from '../errors.js';
import { listwise, numericColumns, pairwiseCounts, type Table } from '../data/index.js';
import { correlationMatrixOf, type MissingRule } from '../linalg/index.js';
import { defineOptions, field } from '../util/options.js';
import type { Matrix } from '../util/types.js';
import { deepFreeze } from '../util/freeze.js';
import { fail } from '../errors.js';
import { polychoricMatrix } from './polychoric.js';

/** Which correlation: Pearson product-moment, or polychoric for ordinal items. */
export type CorrelationMethod = 'pearson' | 'polychoric';

/** Options of {@link correlationMatrix}. */
export interface CorrelationMatrixOptions extends ReadTableOptions {
  /** Columns to correlate, in this order. Default: every column of the table. */
  readonly columns?: readonly string[];
  /** `'pearson'` (default) or `'polychoric'`. */
  readonly method?: CorrelationMethod;
  /** `'pairwise'` (default; each pair uses the rows where both are observed) or `'listwise'` (complete rows only). */
  readonly missing?: MissingRule;
  /** Polychoric only: count added to empty cells when thresholds are estimated per pair. Default 0.5 (psych's `correct`). */
  readonly correct?: number;
  /** Polychoric only: smooth a non-positive-definite matrix as psych::cor.smooth. Default true. */
  readonly smooth?: boolean;
  /** Polychoric only: thresholds from each item's marginal distribution (psych's `global`). Default true. */
  readonly global?: boolean;
  /** Polychoric only: most response categories accepted (psych's `max.cat`). Default 8. */
  readonly maxCategories?: number;
}

/** A correlation matrix with the counts and (for polychoric) thresholds behind it. */
export interface CorrelationMatrixResult extends PsychkitResult<'correlationMatrix'> {
  readonly columns: readonly string[];
  readonly method: CorrelationMethod;
  readonly missing: MissingRule;
  /** p × p correlations, rows in the order of `columns`. */
  readonly matrix: Matrix;
  /** p × p: respondents behind each entry (both items observed); the diagonal counts each item's own responses. */
  readonly counts: Matrix;
  /**
   * Sample size to report and to pass on (KMO, Bartlett, EFA fit): the complete rows with
   * `missing: 'listwise'`; every row of the table with `'pairwise'`, as psych's `n.obs = nrow(x)`.
   */
  readonly n: number;
  /**
   * Polychoric: per item, thresholds τ₁…τ_{K−1} on the common response scale (`-Infinity` /
   * `Infinity` for an empty lowest / highest category, as psych). Pearson: null.
   */
  readonly thresholds: Matrix | null;
  /** Polychoric: the response values, smallest to largest. Pearson: null. */
  readonly categories: readonly number[] | null;
  /** Polychoric: whether global thresholds were used for every pair (psych falls back to per-pair thresholds when items differ in their top category). Pearson: null. */
  readonly globalThresholds: boolean | null;
  /** Whether the matrix was smoothed (polychoric only; psych::cor.smooth). */
  readonly smoothed: boolean;
}

const readCorrelationMatrixOptions = defineOptions(
  'correlationMatrix',
  {
    missingCodes: field.missingCodes(),
    columns: field.columns(),
    method: field.oneOf<CorrelationMethod>(['pearson', 'polychoric'], 'pearson'),
    missing: field.oneOf<MissingRule>(['pairwise', 'listwise'], 'pairwise'),
    correct: field.optionalNumber(0),
    smooth: field.optionalBoolean(),
    global: field.optionalBoolean(),
    maxCategories: field.optionalNumber(2, 100, { integer: true }),
  },
  { items: 'columns' },
);

function rowsOf(matrix: ArrayLike<number>, p: number): number[][] {
  return Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => matrix[i * p + j] as number));
}

/**
 * Correlation matrix of questionnaire items: Pearson, or polychoric for ordinal (Likert) items.
 *
 * - `pearson`: r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)²·Σ(y − ȳ)²), each pair on the rows where both
 *   items are observed (means from those rows), exactly R's `cor(x, use = "pairwise")`; or on the
 *   complete rows with `missing: 'listwise'` (`cor(na.omit(x))`).
 * - `polychoric`: the correlation of the normal latent variables assumed to underlie two ordinal
 *   items, by maximum likelihood given thresholds (Olsson, 1979, two-step), exactly as
 *   psych::polychoric with its defaults: global thresholds from each item's marginal proportions,
 *   ρ maximising the bivariate normal likelihood of the pair's table (R's `optimize()` steps, so
 *   results agree with psych to ~1e-10, not just to the optimiser's 1e-4 tolerance), 0.5 added to
 *   empty cells when psych falls back to per-pair thresholds, smoothing (psych::cor.smooth) only if
 *   the matrix is not positive definite. Items must be integer-coded with at most 8 categories.
 *
 * Errors: `MISSING_COLUMN`, `NON_NUMERIC`, `DUPLICATE_NAME` (data layer); `TOO_FEW_VARIABLES`
 * (fewer than 2 items); `TOO_FEW_CASES` (a pair with fewer than 2 common rows); `ZERO_VARIANCE`
 * (a constant item); `OUT_OF_RANGE` (polychoric: a non-integer response or too many categories);
 * `INVALID_OPTION`.
 *
 * References: Olsson, U. (1979). Maximum likelihood estimation of the polychoric correlation
 * coefficient. *Psychometrika, 44*, 443–460. Revelle, W. (2022). psych: Procedures for
 * Psychological, Psychometric, and Personality Research (version 2.2.9), `polychoric`.
 *
 * @example
 * ```ts
 * const r = correlationMatrix(rows, { columns: ['esse1', 'esse2', 'esse3'], method: 'polychoric' });
 * r.matrix[0][1]; // polychoric correlation of esse1 and esse2
 * kmo(r);         // results feed straight into kmo, bartlettSphericity, velicerMap and efa
 * ```
 */
export function correlationMatrix(table: Table, options?: CorrelationMatrixOptions): CorrelationMatrixResult {
  const o = readCorrelationMatrixOptions.read(options);
  const { method, missing } = o;
  if (method === 'pearson') {
    for (const key of ['correct', 'global', 'maxCategories', 'smooth'] as const) {
      if (o[key] !== undefined) {
        throw fail('INVALID_OPTION', `\`${key}\` applies to method 'polychoric' only.`, { option: key, value: o[key] });
      }
    }
  }
  const view = tableView(table, o.missingCodes);
  const items = o.columns ?? view.columnNames;
  const data = numericColumns(view, items);
  const p = data.names.length;
  if (p < 2) {
    throw fail('TOO_FEW_VARIABLES', `correlationMatrix: ${p} item${p === 1 ? '' : 's'}; at least 2 are needed.`, { option: 'columns', value: p });
  }
  const used = missing === 'listwise' ? listwise(data) : data;
  const counts = pairwiseCounts(used);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      const c = counts[a * p + b] as number;
      if (c < 2) {
        const pair = a === b ? [data.names[a] as string] : [data.names[a] as string, data.names[b] as string];
        const who = a === b ? `"${pair[0]}" has` : `"${pair[0]}" and "${pair[1]}" have`;
        throw fail('TOO_FEW_CASES', `correlationMatrix: ${who} ${c} ${missing === 'listwise' ? `complete row${c === 1 ? '' : 's'}` : `observed value${c === 1 ? '' : 's'} in common`}; at least 2 are needed.`, {
          columns: pair,
          n: c,
        });
      }
    }
  }
  if (method === 'pearson') {
    const r = correlationMatrixOf(used, 'pairwise');
    return deepFreeze({
      kind: 'correlationMatrix',
      columns: [...data.names],
      method,
      missing,
      matrix: rowsOf(r.matrix, p),
      counts: rowsOf(counts, p),
      n: used.n,
      thresholds: null,
      categories: null,
      globalThresholds: null,
      smoothed: false,
      warnings: [],
    });
  }
  const poly = polychoricMatrix(used, { correct: o.correct ?? 0.5, smooth: o.smooth ?? true, global: o.global ?? true, maxCategories: o.maxCategories ?? 8 });
  return deepFreeze({
    kind: 'correlationMatrix',
    columns: [...data.names],
    method,
    missing,
    matrix: rowsOf(poly.matrix, p),
    counts: rowsOf(counts, p),
    n: used.n,
    thresholds: poly.thresholds.map((t) => Array.from(t)),
    categories: poly.categories,
    globalThresholds: poly.globalThresholds,
    smoothed: poly.smoothed,
    warnings: poly.warnings,
  });
}
