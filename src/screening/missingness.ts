import { fail, isPsychkitError, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import { isMissing } from '../data/missing.js';
import { numericColumns } from '../data/numeric.js';
import { type Table, type TableView, type ReadTableOptions, tableView } from '../data/table.js';
import { choleskyInPlace } from '../linalg/solve.js';
import { chiSquareSurvival } from '../probability/index.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field } from '../util/options.js';
import { plural } from '../util/text.js';
import { emMoments, emWorkspace, groupPatterns } from './em.js';
import { littleStatistic } from './little-mcar.js';

/** Options of {@link missingness}. */
export interface MissingnessOptions extends ReadTableOptions {
  /** The columns to describe (and test), in this order. Default: every column of the table. */
  readonly columns?: readonly string[];
  /** Run Little's MCAR test (default `true`). With `false` the columns need not be numeric. */
  readonly mcarTest?: boolean;
  /** Most EM iterations for the ML moments of Little's test (default 10,000). */
  readonly maxIterations?: number;
}

/** One column's missing values. */
export interface MissingnessColumn {
  readonly column: string;
  /** Rows in which the column is missing. */
  readonly nMissing: number;
  /** nMissing as a percentage of the rows (0–100). */
  readonly percent: number;
}

/** One pattern of missing values, a row of `mice::md.pattern`. */
export interface MissingnessPattern {
  /** Which columns the pattern observes, in `columns` order (md.pattern's 1/0 as true/false). */
  readonly observed: readonly boolean[];
  /** Rows with this pattern (md.pattern's row name). */
  readonly n: number;
  /** Columns the pattern misses (md.pattern's last column). */
  readonly nMissing: number;
}

/** Little's (1988) test that the data are missing completely at random. */
export interface LittleMcarTest {
  /** d² = Σ_j n_j (ȳ_j − μ_j)ᵀ Σ_j⁻¹ (ȳ_j − μ_j), a χ² statistic. */
  readonly statistic: number;
  /** Σ_j p_j − p: observed columns summed over the patterns, less the number of columns. */
  readonly df: number;
  /** Upper-tail χ² probability of `statistic` on `df`. */
  readonly p: number;
  /** Rows in the test: those with at least one of its columns observed. */
  readonly n: number;
  /** Rows left out because every column of the test is missing in them. */
  readonly nDropped: number;
  /** The columns tested: `columns` without those missing in every row. */
  readonly columns: readonly string[];
  /** Missing-data patterns among the rows tested. */
  readonly patterns: number;
  /** ML (EM) means of the tested columns. */
  readonly means: readonly number[];
  /** ML (EM) covariance matrix of the tested columns, divisor n (not n − 1). */
  readonly covariance: readonly (readonly number[])[];
  /** EM iterations. */
  readonly iterations: number;
  /** Whether EM met its criterion (no moment changes by more than 1e-12 standard deviations) within `maxIterations`. */
  readonly converged: boolean;
}

/** Result of {@link missingness}. */
export interface MissingnessResult extends PsychkitResult<'missingness'> {
  /** Rows of the table, every row counted. */
  readonly n: number;
  /** The columns described, in the order used. */
  readonly columns: readonly string[];
  /** Missing cells in all. */
  readonly nMissing: number;
  /** Missing cells as a percentage of rows × columns. */
  readonly percent: number;
  /** Rows with no missing value. */
  readonly nComplete: number;
  /** Missing values per column, in `columns` order. */
  readonly byColumn: readonly MissingnessColumn[];
  /** Missing values per row (respondent), in row order: counts and percentages of `columns`. */
  readonly byRow: { readonly nMissing: readonly number[]; readonly percent: readonly number[] };
  /** md.pattern's column order: `columns` sorted by their number of missing values, ties in `columns` order. */
  readonly patternColumns: readonly string[];
  /** The distinct patterns in md.pattern's order (see {@link missingness}). */
  readonly patterns: readonly MissingnessPattern[];
  /** Little's MCAR test; `null` with `mcarTest: false` or when the test is undefined (a warning says why). */
  readonly mcar: LittleMcarTest | null;
}

const readMissingnessOptions = defineOptions('missingness', {
  missingCodes: field.missingCodes(),
  columns: field.columns(1),
  mcarTest: field.boolean(true),
  maxIterations: field.number(10_000, 1, 1e7, { integer: true }),
});
type MissingnessSettings = ReturnType<typeof readMissingnessOptions.read>;

/** EM stops when no mean or covariance moves by more than this many standard deviations. */
const EM_TOLERANCE = 1e-12;

/** A Cholesky pivot at or below this share of its diagonal (1 − R² of a column on those before it) counts as singular. */
const SINGULAR_TOLERANCE = 1e-8;

/** The columns' missing flags (1 = missing) and, when the test runs, their values. */
function readColumns(view: TableView, names: readonly string[], numeric: boolean): { flags: Uint8Array[]; values: Float64Array[] | null } {
  const n = view.nRows;
  if (numeric) {
    let values: readonly Float64Array[];
    try {
      values = numericColumns(view, names).columns;
    } catch (e) {
      if (isPsychkitError(e) && e.code === 'NON_NUMERIC') {
        throw fail('NON_NUMERIC', `${e.message} Little's MCAR test needs numeric columns: leave this one out of \`columns\`, or pass \`mcarTest: false\` to describe the missing values only.`, e.details);
      }
      throw e;
    }
    const flags = values.map((col) => {
      const f = new Uint8Array(n);
      for (let i = 0; i < n; i++) if ((col[i] as number) !== (col[i] as number)) f[i] = 1;
      return f;
    });
    return { flags, values: [...values] };
  }
  const flags = names.map((name) => {
    const raw = view.column(name);
    const f = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (isMissing(raw[i])) f[i] = 1;
    return f;
  });
  return { flags, values: null };
}

/** md.pattern's table: distinct patterns of `flags`, sorted by their 0/1 string in `order`. */
function patternTable(flags: readonly Uint8Array[], n: number, order: readonly number[]): MissingnessPattern[] {
  const k = flags.length;
  const chunks = Math.ceil(k / 16);
  const ids = new Map<string, number>();
  const first: number[] = [];
  const counts: number[] = [];
  const codes = new Array<number>(chunks);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < chunks; c++) {
      let bits = 0;
      const end = Math.min(k, (c + 1) * 16);
      for (let j = c * 16; j < end; j++) if ((flags[j] as Uint8Array)[r] === 1) bits |= 1 << (j - c * 16);
      codes[c] = bits;
    }
    const key = String.fromCharCode(...codes);
    const id = ids.get(key);
    if (id === undefined) {
      ids.set(key, first.length);
      first.push(r);
      counts.push(1);
    } else counts[id] = (counts[id] as number) + 1;
  }
  const rows = first.map((r, id) => {
    const observed = flags.map((f) => f[r] === 0);
    // md.pattern: paste(as.numeric(is.na(x)), collapse = "") over its sorted columns, then order().
    const key = order.map((j) => (observed[j] ? '0' : '1')).join('');
    return { key, pattern: { observed, n: counts[id] as number, nMissing: observed.filter((o) => !o).length } };
  });
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return rows.map((row) => row.pattern);
}

/** Little's test on the columns that are observed somewhere; null (with a warning) when undefined. */
function mcarTest(names: readonly string[], values: readonly Float64Array[], nMissing: readonly number[], n: number, settings: MissingnessSettings, warnings: PsychkitWarning[]): LittleMcarTest | null {
  const keep = names.map((_, j) => j).filter((j) => (nMissing[j] as number) < n);
  const columns = keep.map((j) => names[j] as string);
  if (columns.length === 0) {
    warnings.push({ code: 'TOO_FEW_FOR_TEST', message: "Little's MCAR test is undefined: every value is missing.", details: { n } });
    return null;
  }
  const cols = keep.map((j) => values[j] as Float64Array);
  // A column constant over its observed values has an ML variance of 0: Σ is singular.
  for (let a = 0; a < cols.length; a++) {
    const col = cols[a] as Float64Array;
    let first = Number.NaN;
    let constant = true;
    for (let i = 0; i < n && constant; i++) {
      const v = col[i] as number;
      if (v !== v) continue;
      if (first !== first) first = v;
      else if (v !== first) constant = false;
    }
    if (constant) {
      warnings.push({
        code: 'ZERO_VARIANCE',
        message: `"${columns[a]}" takes one value in every row that answers it, so its ML variance is 0 and Little's MCAR test is undefined; leave it out of \`columns\` to test the others.`,
        details: { column: columns[a] as string, value: first },
      });
      return null;
    }
  }
  const data = groupPatterns(cols, n);
  let df = -data.p;
  for (let g = 0; g < data.nPatterns; g++) df += (data.observedStart[g + 1] as number) - (data.observedStart[g] as number);
  if (df === 0) {
    warnings.push({
      code: 'TOO_FEW_FOR_TEST',
      message:
        data.nPatterns === 1
          ? `Little's MCAR test is undefined: every row ${data.nDropped > 0 ? 'with a value ' : ''}has the same pattern of missing values${data.nDropped === 0 && data.p === columns.length && nMissing.every((m) => m === 0) ? ' (no value is missing)' : ''}.`
          : "Little's MCAR test is undefined: its patterns observe each column exactly once (0 degrees of freedom).",
      details: { patterns: data.nPatterns, df: 0 },
    });
    return null;
  }
  const pairs: [string, string][] = [];
  for (let a = 0; a < data.p; a++) for (let b = 0; b < a; b++) if (data.pairs[a * data.p + b] === 0) pairs.push([columns[b] as string, columns[a] as string]);
  if (pairs.length > 0) {
    const [x, y] = pairs[0] as [string, string];
    warnings.push({
      code: 'SMALL_SAMPLE',
      message: `"${x}" and "${y}"${pairs.length > 1 ? ` (and ${plural(pairs.length - 1, 'other pair')})` : ''} are never observed in the same row: their covariance is not identified by the data, and the ML moments and Little's test rest on EM's start value for it.`,
      details: { columns: [x, y], pairs: pairs.length },
    });
  }
  const ws = emWorkspace(data.p);
  const em = emMoments(data, settings.maxIterations, EM_TOLERANCE, ws);
  // Singular, or so nearly that a column is another's linear combination up to 1 − R² ≤ 1e-8: the
  // ML estimate lies on the boundary, where EM only creeps and d² is not determined.
  const singular = em === null || !choleskyInPlace(Float64Array.from(em.covariance), data.p, SINGULAR_TOLERANCE);
  const little = em === null || singular ? null : littleStatistic(data, em.mean, em.covariance, ws);
  if (em === null || little === null) {
    warnings.push({
      code: 'SINGULAR_CORRELATION',
      message: `The ML covariance matrix of ${columns.join(', ')} is singular or nearly so (collinear columns, or too few rows for ${plural(data.p, 'column')}), so Little's MCAR test is undefined.`,
      details: { columns, n: data.n },
    });
    return null;
  }
  if (!em.converged) {
    warnings.push({
      code: 'EM_NOT_CONVERGED',
      message: `EM stopped at ${plural(em.iterations, 'iteration')} (\`maxIterations\`) before converging (largest change ${em.change.toPrecision(3)} standard deviations); the ML moments and Little's test are approximate.`,
      details: { option: 'maxIterations', iterations: em.iterations, change: em.change },
    });
  }
  const p = data.p;
  return {
    statistic: little.statistic,
    df: little.df,
    p: chiSquareSurvival(little.statistic, little.df),
    n: data.n,
    nDropped: data.nDropped,
    columns,
    patterns: data.nPatterns,
    means: Array.from(em.mean),
    covariance: Array.from({ length: p }, (_, a) => Array.from(em.covariance.subarray(a * p, a * p + p))),
    iterations: em.iterations,
    converged: em.converged,
  };
}

/**
 * How much is missing, where, in which patterns, and Little's (1988) test that it is missing
 * completely at random (MCAR).
 *
 * - **Per column** (`byColumn`): missing rows and their percentage of all rows. **Per row**
 *   (`byRow`): missing columns and their percentage of `columns`. Totals: `nMissing`, `percent`
 *   (of all cells), `nComplete` (rows with nothing missing).
 * - **Patterns** (`patterns`), as `mice::md.pattern` (mice 3.15) tabulates them: each distinct
 *   pattern once, with its frequency `n` and its number of missing columns. Order: md.pattern's —
 *   the columns sorted by their number of missing values (ascending, ties in `columns` order:
 *   `patternColumns`), each pattern written as its 0/1 missing indicators in that order, and the
 *   patterns sorted by that string, so the complete rows come first and the rows missing
 *   everything last. `observed` is given in `columns` order; md.pattern's matrix is
 *   `patterns.map((q) => patternColumns.map((c) => +q.observed[columns.indexOf(c)]))`. Every row
 *   counts, including rows missing every column.
 * - **Little's MCAR test** (`mcar`, unless `mcarTest: false`). With μ and Σ the maximum-likelihood
 *   means and covariance (divisor n) of the incomplete data under multivariate normality, found by
 *   EM, and for each pattern j its rows n_j, its observed columns (p_j of them), their means ȳ_j
 *   and the matching parts μ_j and Σ_j,
 *     d² = Σ_j n_j (ȳ_j − μ_j)ᵀ Σ_j⁻¹ (ȳ_j − μ_j),   df = Σ_j p_j − p,
 *   referred to χ²(df). A small p says the pattern means differ more than MCAR allows. The
 *   covariance is the ML one, as `naniar::mcar_test` and `BaylorEdPsych::LittleMCAR` use (Little's
 *   paper scales it by n/(n − 1), which multiplies d² by (n − 1)/n). Rows missing every column and
 *   columns missing in every row are left out of the test (`mcar.nDropped`, `mcar.columns`). EM
 *   starts from the available-case means and pairwise covariances and stops when no moment moves
 *   by more than 1e-12 standard deviations (lavaan's EM for its saturated model, run to the same
 *   point, gives the same moments).
 *
 * Missing values are `null`, `undefined`, `NaN`, blank strings and the `missingCodes`. For the test
 * the columns must be numeric (`NON_NUMERIC` otherwise: leave the column out or pass
 * `mcarTest: false`, with which any column can be described).
 *
 * `mcar` is `null`, with a warning, when the test is undefined: no value observed or one pattern
 * only, e.g. no missing values at all (df = 0: `TOO_FEW_FOR_TEST`); a column constant over its
 * observed values (`ZERO_VARIANCE`); a singular ML covariance matrix, or one so nearly singular that
 * a column is a linear combination of the others up to 1 − R² ≤ 1e-8 (`SINGULAR_CORRELATION`: the
 * estimate is on the boundary, e.g. fewer rows than columns).
 * Other warnings: a column missing in every row (`EMPTY_ITEM`); rows missing every column
 * (`EMPTY_ROWS`); fewer complete rows than columns + 1 (`SMALL_SAMPLE`: listwise analyses are not
 * possible); two columns never observed together (`SMALL_SAMPLE`: their covariance is not
 * identified); EM not converged within `maxIterations` (`MODEL_NOT_CONVERGED`).
 *
 * Errors: `MISSING_COLUMN`, `DUPLICATE_NAME`, `NON_NUMERIC` (with the test), `NON_FINITE`,
 * `TOO_FEW_VARIABLES` (no column), `TOO_FEW_CASES` (no row), `INVALID_INPUT`, `INVALID_OPTION`.
 *
 * References: Little, R. J. A. (1988). A test of missing completely at random for multivariate
 * data with missing values. *Journal of the American Statistical Association, 83*(404),
 * 1198–1202. van Buuren, S., & Groothuis-Oudshoorn, K. (2011). mice: Multivariate imputation by
 * chained equations in R. *Journal of Statistical Software, 45*(3) (`md.pattern`). Dempster, A. P.,
 * Laird, N. M., & Rubin, D. B. (1977). Maximum likelihood from incomplete data via the EM
 * algorithm. *JRSS B, 39*, 1–38.
 *
 * @example
 * ```ts
 * const m = missingness(rows, { columns: ['esse1', 'esse2', 'esse3', 'esse4'], missingCodes: [-99] });
 * m.byColumn[0].percent; // % of respondents who skipped esse1
 * m.patterns[0].n; // complete rows (md.pattern's first row)
 * m.mcar?.statistic; m.mcar?.df; m.mcar?.p; // Little's χ²: a small p argues against MCAR
 * missingness(rows, { mcarTest: false }).byRow.nMissing; // any columns, counts only
 * ```
 */
export function missingness(table: Table | TableView, options?: MissingnessOptions): MissingnessResult {
  const settings = readMissingnessOptions.read(options);
  const view = tableView(table, settings.missingCodes);
  const names = settings.columns ?? view.columnNames;
  if (names.length === 0) throw fail('TOO_FEW_VARIABLES', 'missingness: the table has no columns.', { option: 'columns' });
  const n = view.nRows;
  if (n === 0) throw fail('TOO_FEW_CASES', 'missingness: the table has no rows.', { n });
  const k = names.length;
  const { flags, values } = readColumns(view, names, settings.mcarTest);

  const nMissing = flags.map((f) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += f[i] as number;
    return s;
  });
  const rowMissing = new Array<number>(n).fill(0);
  for (const f of flags) for (let i = 0; i < n; i++) rowMissing[i] = (rowMissing[i] as number) + (f[i] as number);
  let total = 0;
  let nComplete = 0;
  let nEmpty = 0;
  for (let i = 0; i < n; i++) {
    const m = rowMissing[i] as number;
    total += m;
    if (m === 0) nComplete++;
    if (m === k) nEmpty++;
  }
  const order = names.map((_, j) => j).sort((a, b) => (nMissing[a] as number) - (nMissing[b] as number) || a - b);

  const warnings: PsychkitWarning[] = [];
  const empty = names.filter((_, j) => nMissing[j] === n);
  if (empty.length > 0) {
    warnings.push({
      code: 'EMPTY_ITEM',
      message: `${empty.map((c) => `"${c}"`).join(', ')} ${empty.length === 1 ? 'is' : 'are'} missing in every row (a wrong column, or every value a missing-data code)${settings.mcarTest ? "; left out of Little's MCAR test" : ''}.`,
      details: { columns: empty },
    });
  }
  if (nEmpty > 0) {
    warnings.push({
      code: 'EMPTY_ROWS',
      message: `${plural(nEmpty, 'row')} ${nEmpty === 1 ? 'is' : 'are'} missing every column${settings.mcarTest ? "; left out of Little's MCAR test" : ''}.`,
      details: { n: nEmpty, row: rowMissing.indexOf(k) },
    });
  }
  if (k >= 2 && nComplete < k + 1 && total > 0) {
    warnings.push({
      code: 'SMALL_SAMPLE',
      message: `Only ${plural(nComplete, 'row')} ${nComplete === 1 ? 'is' : 'are'} complete, fewer than the ${k + 1} a listwise covariance matrix of ${k} columns needs.`,
      details: { n: nComplete, required: k + 1 },
    });
  }
  const mcar = values === null ? null : mcarTest(names, values, nMissing, n, settings, warnings);

  return deepFreeze({
    kind: 'missingness' as const,
    n,
    warnings,
    columns: [...names],
    nMissing: total,
    percent: 100 * (total / (n * k)),
    nComplete,
    byColumn: names.map((column, j) => ({ column, nMissing: nMissing[j] as number, percent: 100 * ((nMissing[j] as number) / n) })),
    byRow: { nMissing: rowMissing, percent: rowMissing.map((m) => 100 * (m / k)) },
    patternColumns: order.map((j) => names[j] as string),
    patterns: patternTable(flags, n, order),
    mcar,
  });
}
