import { tableView, type ReadTableOptions } from '../data/table.js';
import { fail, type PsychkitResult } from '../errors.js';
import type { Table } from '../data/table.js';
import { numericColumns } from '../data/numeric.js';
import { correlationMatrixOf } from '../linalg/covariance.js';
import { normalQuantile, tTwoSided } from '../probability/index.js';
import { defineOptions, field } from '../util/options.js';
import type { Matrix } from '../util/types.js';
import { deepFreeze } from '../util/freeze.js';

/** Options for {@link correlations}. */
export interface CorrelationsOptions extends ReadTableOptions {
  /** Columns to correlate (at least 2). Default: every column of the table. */
  readonly columns?: readonly string[];
  /** `'pairwise'` (default: each pair's common rows, as `psych::corr.test`) or `'listwise'`. */
  readonly missing?: 'pairwise' | 'listwise';
  /** Confidence level of the Fisher-z intervals. Default 0.95. */
  readonly confidence?: number;
}

/** Result of {@link correlations}; every matrix is p × p, rows and columns in `columns` order. */
export interface CorrelationsResult extends PsychkitResult<'correlations'> {
  /** Rows of the table (`'pairwise'`) or complete rows (`'listwise'`); `counts` has each pair's own. */
  readonly n: number;
  readonly columns: readonly string[];
  /** Pearson correlations. */
  readonly r: Matrix;
  /** Cases behind each correlation. */
  readonly counts: Matrix;
  /** Two-sided p-values from t = r·√(n − 2)/√(1 − r²) with n − 2 df (0 on the diagonal, as psych). */
  readonly p: Matrix;
  /** Fisher-z confidence bounds tanh(atanh r ∓ z_{(1+confidence)/2}/√(n − 3)). */
  readonly lower: Matrix;
  readonly upper: Matrix;
  readonly missing: 'pairwise' | 'listwise';
  readonly confidence: number;
}

const readCorrelationsOptions = defineOptions(
  'correlations',
  {
    missingCodes: field.missingCodes(),
    columns: field.columns(2),
    missing: field.oneOf(['pairwise', 'listwise'] as const, 'pairwise'),
    confidence: field.confidence(),
  },
  { variables: 'columns' },
);

/**
 * Pearson correlations with pairwise (or listwise) n, t-based p-values and Fisher-z confidence
 * intervals — the numbers of `psych::corr.test(x, use = "pairwise", adjust = "none")`.
 *
 * Reference: Fisher, R. A. (1921). On the "probable error" of a coefficient of correlation deduced
 * from a small sample. *Metron, 1*, 3–32.
 *
 * @example
 * ```ts
 * const c = correlations(rows, { columns: ['esse', 'ss', 'si'] });
 * c.r[0][1]; c.counts[0][1]; c.p[0][1]; [c.lower[0][1], c.upper[0][1]];
 * ```
 */
export function correlations(table: Table, options?: CorrelationsOptions): CorrelationsResult {
  const { columns, missing, confidence, missingCodes } = readCorrelationsOptions.read(options);
  const data = numericColumns(tableView(table, missingCodes), columns);
  const p = data.names.length;
  if (p < 2) throw fail('TOO_FEW_VARIABLES', `correlations needs at least 2 columns; got ${p}.`, { option: 'columns' });
  const cor = correlationMatrixOf(data, missing);
  const z = normalQuantile(0.5 + confidence / 2);
  const rows = (f: (i: number, j: number) => number) => Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => f(i, j)));
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++) {
      const nij = cor.n[i * p + j] as number;
      if (nij < 4) {
        throw fail('TOO_FEW_CASES', `"${data.names[i]}" and "${data.names[j]}" have ${nij} case${nij === 1 ? '' : 's'} in common; a Fisher-z interval needs at least 4.`, {
          columns: [data.names[i] as string, data.names[j] as string],
          n: nij,
        });
      }
    }
  }
  const r = rows((i, j) => cor.matrix[i * p + j] as number);
  const n = rows((i, j) => cor.n[i * p + j] as number);
  const pv = rows((i, j) => {
    if (i === j) return 0;
    const rij = r[i]![j]!;
    const nij = n[i]![j]!;
    return Math.abs(rij) >= 1 ? 0 : tTwoSided((rij * Math.sqrt(nij - 2)) / Math.sqrt(1 - rij * rij), nij - 2);
  });
  const bound = (sign: -1 | 1) => rows((i, j) => (i === j ? 1 : Math.tanh(Math.atanh(r[i]![j]!) + (sign * z) / Math.sqrt(n[i]![j]! - 3))));
  return deepFreeze({
    kind: 'correlations',
    n: missing === 'listwise' ? (cor.n[0] as number) : data.n,
    columns: [...data.names],
    r,
    counts: n,
    p: pv,
    lower: bound(-1),
    upper: bound(1),
    missing,
    confidence,
    warnings: [],
  });
}
