import { fail, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import { listwise } from '../data/complete.js';
import { numericColumns } from '../data/numeric.js';
import { type Table, type ReadTableOptions, tableView } from '../data/table.js';
import { fQuantile, fSurvival } from '../probability/index.js';
import { powerOfTwoScale } from '../linalg/covariance.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field } from '../util/options.js';
import { plural } from '../util/text.js';

/** Options of {@link icc}. */
export interface IccOptions extends ReadTableOptions {
  /** The raters' (judges') columns, at least 2. Default: every column (`V1…Vk` for a matrix). */
  readonly columns?: readonly string[];
  /** Confidence level of the intervals, default 0.95 (psych's `alpha = 1 − confidence`). */
  readonly confidence?: number;
  /**
   * `'listwise'` (the only rule): subjects with a missing rating are left out, as
   * `psych::ICC(na.omit(x), lmer = FALSE)`; the count is `nDropped`.
   */
  readonly missing?: 'listwise';
}

/** psych's names of the six forms, in psych's order. */
export type IccType = 'ICC1' | 'ICC2' | 'ICC3' | 'ICC1k' | 'ICC2k' | 'ICC3k';

/** psych's row names of the six forms (Shrout & Fleiss's cases with psych's wording). */
export type IccName =
  | 'Single_raters_absolute'
  | 'Single_random_raters'
  | 'Single_fixed_raters'
  | 'Average_raters_absolute'
  | 'Average_random_raters'
  | 'Average_fixed_raters';

/** One of the six intraclass correlations (one row of psych's `results`). */
export interface IccCoefficient {
  /** psych's `type`: ICC1, ICC2, ICC3 (single rater) and ICC1k, ICC2k, ICC3k (mean of the k raters). */
  readonly type: IccType;
  /** psych's row name, e.g. `'Single_raters_absolute'`. */
  readonly name: IccName;
  /** McGraw & Wong's (1996) model: `'one-way random'`, `'two-way random'` or `'two-way mixed'`. */
  readonly model: 'one-way random' | 'two-way random' | 'two-way mixed';
  /** McGraw & Wong's definition of agreement: absolute agreement or consistency. */
  readonly definition: 'absolute agreement' | 'consistency';
  /** The unit the coefficient describes: one rater's rating, or the mean of the k raters. */
  readonly unit: 'single rater' | 'mean of raters';
  /** McGraw & Wong's name in words, e.g. "two-way random effects, absolute agreement, single rater" (McGraw & Wong's ICC(A,1)). */
  readonly description: string;
  /** The intraclass correlation (psych `ICC`). */
  readonly estimate: number;
  /** The F statistic of its test against 0 (psych `F`): MSB/MSW (one-way) or MSB/MSE (two-way). */
  readonly statistic: number;
  readonly df1: number;
  readonly df2: number;
  /** Upper-tail p of `statistic` on (df1, df2). */
  readonly p: number;
  /** Lower confidence bound (psych `lower bound`). */
  readonly lower: number;
  /** Upper confidence bound (psych `upper bound`). */
  readonly upper: number;
}

/** One source of the two-way ANOVA (subjects × raters, one rating per cell). */
export interface IccAnovaRow {
  readonly df: number;
  readonly sumSquares: number;
  readonly meanSquare: number;
  /** F = MS/MSE (subjects and raters); `null` for the residual. */
  readonly statistic: number | null;
  /** Upper-tail p of `statistic`; `null` for the residual. */
  readonly p: number | null;
}

/** Result of {@link icc}. */
export interface IccResult extends PsychkitResult<'icc'> {
  /** Subjects (rows) analysed: complete rows. */
  readonly n: number;
  /** Rows left out because a rating was missing. */
  readonly nDropped: number;
  /** Number of raters (judges), psych `n.judge`. */
  readonly k: number;
  /** The raters' columns, in order. */
  readonly columns: readonly string[];
  readonly missing: 'listwise';
  readonly confidence: number;
  /** The six intraclass correlations in psych's order: ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k. */
  readonly coefficients: readonly IccCoefficient[];
  /**
   * psych's mean squares: between subjects (MSB), within subjects (MSW = (SSJ + SSE)/(n(k − 1)),
   * the one-way error), between raters (MSJ) and residual (MSE).
   */
  readonly meanSquares: { readonly between: number; readonly within: number; readonly raters: number; readonly error: number };
  /** The two-way ANOVA table (psych `stats`): subjects, raters (psych's "Judges") and residual. */
  readonly anova: { readonly subjects: IccAnovaRow; readonly raters: IccAnovaRow; readonly residual: IccAnovaRow };
}

const readIccOptions = defineOptions(
  'icc',
  {
    missingCodes: field.missingCodes(),
    columns: field.columns(2),
    confidence: field.confidence(),
    missing: field.oneOf(['listwise'] as const, 'listwise'),
  },
  { items: 'columns', raters: 'columns', alpha: 'confidence' },
);

const FORMS: readonly Pick<IccCoefficient, 'type' | 'name' | 'model' | 'definition' | 'unit' | 'description'>[] = [
  { type: 'ICC1', name: 'Single_raters_absolute', model: 'one-way random', definition: 'absolute agreement', unit: 'single rater', description: 'one-way random effects, absolute agreement, single rater (McGraw & Wong ICC(1); Shrout & Fleiss ICC(1,1))' },
  { type: 'ICC2', name: 'Single_random_raters', model: 'two-way random', definition: 'absolute agreement', unit: 'single rater', description: 'two-way random effects, absolute agreement, single rater (McGraw & Wong ICC(A,1); Shrout & Fleiss ICC(2,1))' },
  { type: 'ICC3', name: 'Single_fixed_raters', model: 'two-way mixed', definition: 'consistency', unit: 'single rater', description: 'two-way mixed effects, consistency, single rater (McGraw & Wong ICC(C,1); Shrout & Fleiss ICC(3,1))' },
  { type: 'ICC1k', name: 'Average_raters_absolute', model: 'one-way random', definition: 'absolute agreement', unit: 'mean of raters', description: 'one-way random effects, absolute agreement, mean of k raters (McGraw & Wong ICC(k); Shrout & Fleiss ICC(1,k))' },
  { type: 'ICC2k', name: 'Average_random_raters', model: 'two-way random', definition: 'absolute agreement', unit: 'mean of raters', description: 'two-way random effects, absolute agreement, mean of k raters (McGraw & Wong ICC(A,k); Shrout & Fleiss ICC(2,k))' },
  { type: 'ICC3k', name: 'Average_fixed_raters', model: 'two-way mixed', definition: 'consistency', unit: 'mean of raters', description: 'two-way mixed effects, consistency, mean of k raters (McGraw & Wong ICC(C,k); Shrout & Fleiss ICC(3,k))' },
];

/**
 * The six intraclass correlations of Shrout & Fleiss (1979), as `psych::ICC(x, lmer = FALSE)`
 * (psych 2.2.9) reports them: subjects are the rows, raters (judges) the columns.
 *
 * With n subjects, k raters and the two-way ANOVA without interaction (one rating per cell),
 * MSB (subjects), MSJ (raters), MSE (residual) and MSW = (SSJ + SSE)/(n(k − 1)) (within subjects,
 * the one-way error):
 *
 * - ICC1 = (MSB − MSW)/(MSB + (k − 1)MSW); ICC1k = (MSB − MSW)/MSB; F = MSB/MSW on (n − 1, n(k − 1))
 * - ICC2 = (MSB − MSE)/(MSB + (k − 1)MSE + k(MSJ − MSE)/n); ICC2k = (MSB − MSE)/(MSB + (MSJ − MSE)/n)
 * - ICC3 = (MSB − MSE)/(MSB + (k − 1)MSE); ICC3k = (MSB − MSE)/MSB; F = MSB/MSE on (n − 1, (n − 1)(k − 1))
 *
 * Intervals, at level 1 − α: for ICC1 and ICC3, F_L = F/F_{1−α/2}(df1, df2) and
 * F_U = F·F_{1−α/2}(df2, df1), bounds (F_L − 1)/(F_L + k − 1) and (F_U − 1)/(F_U + k − 1), and for
 * their k-rater forms 1 − 1/F_L and 1 − 1/F_U; for ICC2, Satterthwaite's v (McGraw & Wong 1996,
 * Table 7) with F* = F_{1−α/2}(n − 1, v) and F** = F_{1−α/2}(v, n − 1),
 * L = n(MSB − F*·MSE)/(F*(k·MSJ + (kn − k − n)MSE) + n·MSB),
 * U = n(F**·MSB − MSE)/(k·MSJ + (kn − k − n)MSE + n·F**·MSB), and for ICC2k the Spearman–Brown
 * step-up kL/(1 + (k − 1)L) of each bound — all exactly psych's formulas.
 *
 * Rows with a missing rating are left out (listwise, counted in `nDropped`): the result is then
 * `psych::ICC(na.omit(x), lmer = FALSE)`. (psych's default `lmer = TRUE` estimates the same
 * variance components by REML with lme4: it agrees with these values to lme4's optimiser
 * tolerance, about 1e-6, when the rater and subject variances are positive; when MSJ < MSE it
 * sets the rater variance to 0, which makes its ICC2 and ICC3 equal to ICC1. With missing
 * ratings it fits all observed ratings instead of complete rows.)
 *
 * Errors: `TOO_FEW_VARIABLES` (fewer than 2 raters), `TOO_FEW_CASES` (fewer than 2 complete
 * rows), `ZERO_VARIANCE` (every rating the same), `MISSING_COLUMN`, `NON_NUMERIC`, `INVALID_OPTION`.
 *
 * References: Shrout, P. E., & Fleiss, J. L. (1979). Intraclass correlations: Uses in assessing
 * rater reliability. *Psychological Bulletin, 86*, 420–428. McGraw, K. O., & Wong, S. P. (1996).
 * Forming inferences about some intraclass correlation coefficients. *Psychological Methods, 1*,
 * 30–46. Revelle, W. psych: Procedures for Psychological, Psychometric, and Personality Research
 * (`ICC`).
 *
 * @example
 * ```ts
 * const result = icc(rows, { columns: ['judge1', 'judge2', 'judge3', 'judge4'] });
 * result.coefficients.find((c) => c.type === 'ICC2')?.estimate; // two-way random, single rater
 * ```
 */
export function icc(table: Table, options?: IccOptions): IccResult {
  const o = readIccOptions.read(options);
  const view = tableView(table, o.missingCodes);
  const columns = o.columns ?? view.columnNames;
  const k = columns.length;
  if (k < 2) throw fail('TOO_FEW_VARIABLES', `icc needs at least 2 raters (columns); got ${k}.`, { option: 'columns', columns });
  const complete = listwise(numericColumns(view, columns));
  const n = complete.n;
  if (n < 2) {
    throw fail('TOO_FEW_CASES', `icc needs at least 2 subjects (rows) with every rating; got ${n}${complete.nDropped > 0 ? ` (${plural(complete.nDropped, 'row')} with a missing rating left out)` : ''}.`, {
      n,
      nDropped: complete.nDropped,
    });
  }
  // ICCs, F and p are scale-free: the ANOVA runs on the ratings times a power of two (exact), so
  // that squares of extreme ratings do not overflow; mean squares are reported in the data's units.
  let big = 0;
  for (const col of complete.columns) for (const x of col) if (Math.abs(x) > big) big = Math.abs(x);
  const scale = powerOfTwoScale(big);
  const anova = twoWayAnova(complete.columns, n, k, scale);
  const units = (1 / scale) ** 2;
  const inUnits = (x: number) => (x === 0 ? 0 : x * units);
  if (!(anova.sst > 0)) {
    throw fail('ZERO_VARIANCE', 'Every rating is the same, so the intraclass correlations are undefined (0/0).', { columns: [...columns] });
  }
  if (!(anova.ssb > 1e-12 * anova.sst)) {
    throw fail('ZERO_VARIANCE', 'Every subject (row) has the same mean rating, so there is no between-subjects variance and the intraclass correlations are undefined.', { columns: [...columns] });
  }
  const { msb, msj, mse, msw } = anova;
  const alpha = 1 - o.confidence;
  const q = 1 - alpha / 2;

  const icc1 = (msb - msw) / (msb + (k - 1) * msw);
  const icc2 = (msb - mse) / (msb + (k - 1) * mse + (k * (msj - mse)) / n);
  const icc3 = (msb - mse) / (msb + (k - 1) * mse);
  const icc1k = (msb - msw) / msb;
  const icc2k = (msb - mse) / (msb + (msj - mse) / n);
  const icc3k = (msb - mse) / msb;

  const f11 = msb / msw;
  const df11n = n - 1;
  const df11d = n * (k - 1);
  const p11 = fSurvival(f11, df11n, df11d);
  const f21 = msb / mse;
  const df21n = n - 1;
  const df21d = (n - 1) * (k - 1);
  const p21 = fSurvival(f21, df21n, df21d);

  const f1L = f11 / fQuantile(q, df11n, df11d);
  const f1U = f11 * fQuantile(q, df11d, df11n);
  const f3L = f21 / fQuantile(q, df21n, df21d);
  const f3U = f21 * fQuantile(q, df21d, df21n);

  // ICC2: Satterthwaite's degrees of freedom (psych's vn/vd).
  const fj = msj / mse;
  const a = n * (1 + (k - 1) * icc2) - k * icc2;
  // v = (k − 1)(n − 1)(t + a)² / ((n − 1)t² + a²) with t = k·ICC2·MSJ/MSE, divided through by the
  // larger of t and a so that extreme mean squares do not overflow to ∞/∞.
  const t = k * icc2 * fj;
  const v = satterthwaite(t, a, n, k);
  const fStar = fQuantile(q, n - 1, v);
  const fStar2 = fQuantile(q, v, n - 1);
  const denom = k * msj + (k * n - k - n) * mse;
  const l2 = (n * (msb - fStar * mse)) / (fStar * denom + n * msb);
  const u2 = (n * (fStar2 * msb - mse)) / (denom + n * fStar2 * msb);

  const rows: [number, number, number, number, number, number, number][] = [
    // estimate, F, df1, df2, p, lower, upper
    [icc1, f11, df11n, df11d, p11, (f1L - 1) / (f1L + (k - 1)), (f1U - 1) / (f1U + k - 1)],
    [icc2, f21, df21n, df21d, p21, l2, u2],
    [icc3, f21, df21n, df21d, p21, (f3L - 1) / (f3L + k - 1), (f3U - 1) / (f3U + k - 1)],
    [icc1k, f11, df11n, df11d, p11, 1 - 1 / f1L, 1 - 1 / f1U],
    [icc2k, f21, df21n, df21d, p21, (l2 * k) / (1 + l2 * (k - 1)), (u2 * k) / (1 + u2 * (k - 1))],
    [icc3k, f21, df21n, df21d, p21, 1 - 1 / f3L, 1 - 1 / f3U],
  ];
  // A zero residual (or within-subject) mean square makes F infinite: the interval's limit is [1, 1].
  const coefficients: IccCoefficient[] = FORMS.map((form, i) => {
    const [estimate, statistic, df1, df2, p, lower, upper] = rows[i] as (typeof rows)[number];
    const perfect = statistic === Infinity || msw === 0;
    return { ...form, estimate, statistic, df1, df2, p, lower: perfect ? 1 : lower, upper: perfect ? 1 : upper };
  });

  const warnings: PsychkitWarning[] = [];
  if (mse === 0) {
    warnings.push({
      code: 'PERFECT_FIT',
      message:
        msw === 0
          ? 'icc: every rater gave every subject the same rating: agreement is perfect, F is infinite and every interval is [1, 1].'
          : 'icc: the raters differ only by constants (residual mean square 0): consistency is perfect, so ICC3 and ICC3k are 1 with intervals [1, 1].',
      details: { columns: [...columns] },
    });
  }
  const dfE = (n - 1) * (k - 1);
  return deepFreeze({
    kind: 'icc',
    n,
    nDropped: complete.nDropped,
    k,
    columns: [...columns],
    missing: 'listwise',
    confidence: o.confidence,
    coefficients,
    meanSquares: { between: inUnits(msb), within: inUnits(msw), raters: inUnits(msj), error: inUnits(mse) },
    anova: {
      subjects: { df: n - 1, sumSquares: inUnits(anova.ssb), meanSquare: inUnits(msb), statistic: msb / mse, p: p21 },
      raters: { df: k - 1, sumSquares: inUnits(anova.ssj), meanSquare: inUnits(msj), statistic: msw === 0 ? null : msj / mse, p: msw === 0 ? null : fSurvival(msj / mse, k - 1, dfE) },
      residual: { df: dfE, sumSquares: inUnits(anova.sse), meanSquare: inUnits(mse), statistic: null, p: null },
    },
    warnings,
  });
}

interface TwoWayAnova {
  readonly ssb: number;
  readonly ssj: number;
  readonly sse: number;
  readonly sst: number;
  readonly msb: number;
  readonly msj: number;
  readonly mse: number;
  readonly msw: number;
}

/**
 * Sums of squares of the two-way ANOVA without interaction on complete n × k ratings (columns
 * of length n): subjects, raters, and the residual summed directly as
 * Σ(x − row mean − column mean + grand mean)² (not as a difference, which would lose digits).
 */
/** The two-way ANOVA of the ratings times `scale`. */
function twoWayAnova(columns: readonly Float64Array[], n: number, k: number, scale: number): TwoWayAnova {
  const rowMeans = new Float64Array(n);
  const colMeans = new Float64Array(k);
  let grand = 0;
  for (let j = 0; j < k; j++) {
    const col = columns[j] as Float64Array;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const x = (col[i] as number) * scale;
      s += x;
      rowMeans[i] = (rowMeans[i] as number) + x;
    }
    colMeans[j] = s / n;
    grand += s;
  }
  grand /= n * k;
  let ssb = 0;
  for (let i = 0; i < n; i++) {
    const m = (rowMeans[i] as number) / k;
    rowMeans[i] = m;
    ssb += (m - grand) ** 2;
  }
  ssb *= k;
  let ssj = 0;
  for (let j = 0; j < k; j++) ssj += ((colMeans[j] as number) - grand) ** 2;
  ssj *= n;
  let sse = 0;
  let sst = 0;
  for (let j = 0; j < k; j++) {
    const col = columns[j] as Float64Array;
    const cj = (colMeans[j] as number) - grand;
    for (let i = 0; i < n; i++) {
      const x = (col[i] as number) * scale;
      const e = x - (rowMeans[i] as number) - cj;
      sse += e * e;
      sst += (x - grand) ** 2;
    }
  }
  const msb = ssb / (n - 1);
  const msj = ssj / (k - 1);
  const mse = sse / ((n - 1) * (k - 1));
  const msw = (ssj + sse) / (n * (k - 1));
  return { ssb, ssj, sse, sst, msb, msj, mse, msw };
}

/** Satterthwaite's v of the ICC2 interval, (k − 1)(n − 1)(t + a)² / ((n − 1)t² + a²), without overflow. */
function satterthwaite(t: number, a: number, n: number, k: number): number {
  if (Math.abs(t) >= Math.abs(a)) {
    const r = a / t;
    return ((k - 1) * (n - 1) * (1 + r) ** 2) / (n - 1 + r * r);
  }
  const r = t / a;
  return ((k - 1) * (n - 1) * (r + 1) ** 2) / ((n - 1) * r * r + 1);
}
