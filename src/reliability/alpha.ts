import { fail, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import { listwise } from '../data/complete.js';
import { hasCovarianceRows, readMoments, selectMoments, type MomentsInput } from '../data/moments.js';
import { possibleMissingCodes } from '../data/suspect.js';
import { type Table, type TableView, tableView, type ReadTableOptions } from '../data/table.js';
import { covarianceMatrix, type MissingRule } from '../linalg/covariance.js';
import { freshSeed, type Seed } from '../random/stream.js';
import { checkResponseRange, defineScale, type ResponseRange, type ScaleDefinition, type ScaleSpec } from '../scales/define.js';
import { readResponses, type OutOfRangeRule } from '../scales/responses.js';
import { deepFreeze } from '../util/freeze.js';
import { columnList, defineOptions, field, showValue } from '../util/options.js';
import { bootstrapAlpha, duhachekInterval, feldtInterval } from './alphaInterval.js';
import { covarianceAlphaStatistics, type CovarianceAlphaStatistics } from './alphaStatistics.js';
import { itemTotalStatistics } from './itemTotal.js';
import { plural } from '../util/text.js';

/** Which confidence interval {@link cronbachAlpha} reports. */
export type AlphaInterval = 'feldt' | 'duhachek' | 'bootstrap';

/** Options for {@link cronbachAlpha}. */
export interface CronbachAlphaOptions extends ReadTableOptions {
  /** Item columns (at least 2). Default: every column of the table (`V1…Vk` for a matrix). */
  readonly columns?: readonly string[];
  /** Items to reverse first, as min + max − x within `response`. */
  readonly reverse?: readonly string[];
  /** The items' response range; needed by `reverse`, and responses outside it are checked. */
  readonly response?: ResponseRange;
  /** A scale definition from `defineScale` (or the catalog) instead of columns/reverse/response. */
  readonly scale?: ScaleDefinition | ScaleSpec;
  /** With `scale`: the id of one of its subscales, to analyse that subscale's items. */
  readonly subscale?: string;
  /** `'pairwise'` (default, as psych) or `'listwise'` (complete rows only). */
  readonly missing?: MissingRule;
  /** With a response range: `'error'` (default) or `'missing'` for out-of-range / non-integer responses. */
  readonly outOfRange?: OutOfRangeRule;
  /** How the confidence interval is formed: `'feldt'` (default), `'duhachek'` or `'bootstrap'`. */
  readonly interval?: AlphaInterval;
  /** Confidence level, default 0.95. */
  readonly confidence?: number;
  /** Bootstrap resamples (with `interval: 'bootstrap'`), default 2,000, at least 100. */
  readonly resamples?: number;
  /** Seed for the bootstrap stream (with `interval: 'bootstrap'`); default: a fresh seed, reported. */
  readonly seed?: Seed;
  /** Called as the bootstrap runs (with `interval: 'bootstrap'`): `(done, total)`. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Keep the bootstrap alphas as `bootstrap.draws` (with `interval: 'bootstrap'`), e.g. for `bootstrapHistogramSvg`. Default false. */
  readonly keepResamples?: boolean;
}

/**
 * One item's row of the item analysis. `Mean` is `number` for a table; for moments it is
 * `number | null` (`null` when the moments have no `means`).
 */
export interface AlphaItemStatistics<Mean extends number | null = number> {
  readonly column: string;
  /** Whether the item was reverse-keyed before analysis. */
  readonly reversed: boolean;
  /** Answered responses (in the rows analysed); from moments, their `n`. */
  readonly n: number;
  /** Mean of the answered responses (reversed items: of the reversed responses); from moments, their mean, or `null` when they have no `means`. */
  readonly mean: Mean;
  /** Standard deviation of the item (divisor n − 1), √Cᵢᵢ. */
  readonly sd: number;
  /**
   * Correlation with the respondents' mean of answered items, item included (psych `raw.r`); from
   * moments, colSumᵢ(C)/√(Cᵢᵢ·ΣC), which is that correlation for complete rows.
   */
  readonly rTotal: number;
  /** Item–total correlation corrected for item overlap and reliability, SMC on the diagonal (psych `r.cor`). */
  readonly rCorrected: number;
  /** Correlation with the sum of the other items (psych `r.drop`). */
  readonly rRest: number;
  readonly alphaIfItemDeleted: number;
  readonly standardizedAlphaIfItemDeleted: number;
}

/** How a bootstrap interval of alpha was run (`interval: 'bootstrap'`), so that it can be repeated. */
export interface AlphaBootstrapInfo {
  /** Resamples that gave a defined alpha and were used. */
  readonly resamples: number;
  /** Resamples skipped because alpha was undefined in them (a constant item, a pair with < 2 common answers). */
  readonly skipped: number;
  /** The seed used (pass it back to repeat the run). */
  readonly seed: Seed;
  /** Standard deviation of the resampled alphas (divisor B − 1). */
  readonly se: number;
  /** The resampled alphas, in resample order (only with `keepResamples: true`). */
  readonly draws?: Float64Array;
}

/**
 * The result of {@link cronbachAlpha}. From moments it is `CronbachAlphaResult<number | null>`:
 * the item means are `null` when the moments have no `means`.
 */
export interface CronbachAlphaResult<Mean extends number | null = number> extends PsychkitResult<'cronbachAlpha'> {
  /** Raw alpha, from the item covariances (psych `raw_alpha`). */
  readonly alpha: number;
  /** Alpha from the item correlations (psych `std.alpha`) = k·r̄/(1 + (k − 1)·r̄). */
  readonly standardizedAlpha: number;
  /** Guttman's λ6 with squared multiple correlations (psych `G6(smc)`). */
  readonly lambda6: number;
  /** Mean inter-item correlation r̄ (psych `average_r`). */
  readonly averageR: number;
  /** Signal-to-noise ratio k·r̄/(1 − r̄) (psych `S/N`). */
  readonly signalToNoise: number;
  /** Asymptotic standard error of alpha, Duhachek & Iacobucci (2004) (psych `ase`). */
  readonly se: number;
  /** Respondents analysed: every row of the table (pairwise, as psych) or complete rows (listwise); from moments, their `n`. */
  readonly n: number;
  /** Number of items. */
  readonly k: number;
  /** The item columns analysed, in order. */
  readonly columns: readonly string[];
  /** The missing-data rule: `'pairwise'` or `'listwise'`; from moments always `'listwise'` (one covariance matrix of `n` rows). */
  readonly missing: MissingRule;
  /** How the interval was formed: `'feldt'`, `'duhachek'` or `'bootstrap'`. */
  readonly interval: AlphaInterval;
  readonly confidence: number;
  /** Lower confidence bound of alpha. */
  readonly lower: number;
  /** Upper confidence bound of alpha. */
  readonly upper: number;
  /** The bootstrap's bookkeeping with `interval: 'bootstrap'`, otherwise `null`. */
  readonly bootstrap: AlphaBootstrapInfo | null;
  /** The item analysis: one row per item, in `columns` order. */
  readonly items: readonly AlphaItemStatistics<Mean>[];
}

const readAlphaOptions = defineOptions(
  'cronbachAlpha',
  {
    missingCodes: field.missingCodes(),
    columns: field.raw(),
    reverse: field.raw(),
    response: field.raw(),
    scale: field.raw(),
    subscale: field.raw(),
    missing: field.oneOf<MissingRule>(['pairwise', 'listwise'], 'pairwise'),
    outOfRange: field.oneOf<OutOfRangeRule>(['error', 'missing'], 'error'),
    interval: field.oneOf<AlphaInterval>(['feldt', 'duhachek', 'bootstrap'], 'feldt'),
    confidence: field.confidence(),
    resamples: field.optionalNumber(100, 1e7, { integer: true }),
    seed: field.seed(),
    onProgress: field.progress(),
    keepResamples: field.boolean(false),
  },
  { items: 'columns', ci: 'interval', bootstrap: 'resamples' },
);
type AlphaSettings = ReturnType<typeof readAlphaOptions.read>;

interface Plan {
  readonly items: readonly string[];
  readonly reverse: readonly string[];
  readonly response: ResponseRange | undefined;
}

function planFromScale(opts: AlphaSettings): Plan {
  for (const key of ['columns', 'reverse', 'response'] as const) {
    if (opts[key] !== undefined) {
      throw fail('INVALID_OPTION', `Give either \`scale\` or \`${key}\`: a scale definition already fixes its items, reverse keys and response range.`, {
        option: key,
      });
    }
  }
  const scale = defineScale(opts.scale as ScaleSpec);
  let items = scale.items;
  if (opts.subscale !== undefined) {
    const sub = scale.subscales.find((s) => s.id === opts.subscale);
    if (sub === undefined) {
      throw fail('INVALID_OPTION', `Scale "${scale.id}" has no subscale ${showValue(opts.subscale)} (subscales: ${scale.subscales.map((s) => s.id).join(', ') || 'none'}).`, {
        option: 'subscale',
        value: opts.subscale,
      });
    }
    items = sub.items;
  }
  return { items, reverse: scale.reverse.filter((name) => items.includes(name)), response: scale.response };
}

function planFromItems(opts: AlphaSettings, view: { readonly columnNames: readonly string[] }): Plan {
  if (opts.subscale !== undefined) throw fail('INVALID_OPTION', '`subscale` needs a `scale`.', { option: 'subscale' });
  const items = opts.columns === undefined ? view.columnNames : columnList('columns', opts.columns);
  const reverse = opts.reverse === undefined ? [] : columnList('reverse', opts.reverse, { min: 0 });
  for (const name of reverse) {
    if (!items.includes(name)) throw fail('INVALID_OPTION', `\`reverse\` lists "${name}", which is not among the items.`, { option: 'reverse', column: name });
  }
  const response = opts.response === undefined ? undefined : checkResponseRange(opts.response);
  if (reverse.length > 0 && response === undefined) {
    throw fail('INVALID_OPTION', '`reverse` needs `response: { min, max }`: an item is reversed as min + max − x.', { option: 'reverse' });
  }
  return { items, reverse, response };
}

/**
 * Cronbach's alpha with psych's full item analysis, matching `psych::alpha` (2.2.9) with
 * `check.keys = FALSE`.
 *
 * Items are read as numbers (missing: `null`, `undefined`, `NaN`, `''`), checked against the
 * response range when one is known, and the `reverse` items reversed as min + max − x. The
 * covariance matrix C is formed once — pairwise (R's `cov(x, use = "pairwise")`, psych's
 * default) or on complete rows (`missing: 'listwise'`, psych on `na.omit(x)`) — and
 * R = cov2cor(C). Then, with k items and n rows (pairwise: every row, as psych counts them):
 *
 * - α = k/(k−1)·(1 − tr C/ΣC) (Cronbach 1951); standardized α = k/(k−1)·(1 − k/ΣR)
 * - λ6 = 1 − (k − Σ SMCᵢ)/ΣR, SMCᵢ = 1 − 1/(R⁺)ᵢᵢ (Guttman 1945; psych's `smc` with a pseudo-inverse)
 * - r̄ = (ΣR − k)/(k(k−1)); S/N = k·r̄/(1 − r̄)
 * - ase = √(Q/n), Q = 2k²/((k−1)²(ΣC)³)·(ΣC·(tr C² + (tr C)²) − 2·tr C·Σ(C²)) (Duhachek & Iacobucci 2004)
 * - CI: Feldt (1965) F-based (default), `'duhachek'` α ± z·ase, or `'bootstrap'` (seeded
 *   percentile, case resampling)
 * - per item: mean and sd of the answered responses; `rTotal` (raw.r) = correlation with each
 *   respondent's mean of answered items; `rRest` (r.drop) from C with the item removed;
 *   `rCorrected` (r.cor) = colSums(RC)/√ΣRC with SMCs on RC's diagonal; alpha and standardized
 *   alpha if the item is deleted (for k = 2, psych's C₁₂/Cⱼⱼ and R₁₂)
 *
 * Warnings: without a response range, values that look like missing-data codes (−99, −9, 999, …
 * far outside an item's other responses: `POSSIBLE_MISSING_CODE`, naming item, value and count);
 * an item whose item–rest correlation is negative (`NEGATIVE_ITEM_CORRELATION`: probably
 * needs reversing), a negative alpha, a singular or indefinite R (SMCs clipped, as psych), item
 * statistics or an ASE that are NaN exactly where psych's are (`UNDEFINED_ITEM_STATISTICS`,
 * `UNDEFINED_ASE`), rows with no answered item, responses set to missing, bootstrap resamples
 * skipped.
 *
 * Errors: `MISSING_COLUMN`, `NON_NUMERIC`, `OUT_OF_RANGE` (with a range), `ZERO_VARIANCE` (a constant
 * item, psych drops it with a warning; or a constant total score, items that cancel out), `TOO_FEW_VARIABLES` (< 2 items), `TOO_FEW_CASES` (< 2
 * complete rows listwise, < 2 common answers for a pair pairwise), `INVALID_OPTION`.
 *
 * **From moments** ({@link MomentsInput}: the item covariance matrix with divisor n − 1, optional
 * means, n — e.g. from SQL's `covar_samp`, `avg`, `count`), as psych::alpha of a covariance matrix
 * with `n.obs`: alpha, standardized alpha, λ6, r̄, S/N, the ASE, the Feldt or Duhachek interval,
 * `sd`, `rCorrected`, `rRest` and alpha-if-deleted are what the rows would give; `rTotal` is
 * colSumᵢ(C)/√(Cᵢᵢ·ΣC) (raw.r for complete rows); each item's `n` is the moments' n, its `mean`
 * the given mean (`null` without `means`); `missing` is `'listwise'`. `columns`, `reverse` (a
 * sign flip of the item's covariances; its mean becomes min + max − mean), `response` (means
 * outside it are `OUT_OF_RANGE`) and `scale` work as for a table. What needs the rows is refused
 * (`INVALID_OPTION`): `interval: 'bootstrap'`, `missingCodes`, `outOfRange`, `missing: 'pairwise'`.
 * Invalid moments throw `INVALID_INPUT`, `LENGTH_MISMATCH` (not square; `means` or `columns` of
 * the wrong length), `NOT_SYMMETRIC`, `NON_NUMERIC` / `NON_FINITE`, `TOO_FEW_CASES` (n < 2),
 * `DUPLICATE_NAME` or `ZERO_VARIANCE`, naming the row, column or pair.
 *
 * @example
 * ```ts
 * const a = cronbachAlpha(rows, { columns: ['si1', 'si2', 'si3', 'si4', 'si5', 'si6'] });
 * a.alpha; a.lower; a.upper; a.items[0].rRest;
 * cronbachAlpha(rows, { scale: instruments.mspss({ prefix: 'mspss' }), subscale: 'family' });
 * cronbachAlpha([[1, 2, 2], [3, 3, 4], [4, 5, 4], [2, 2, 1]]); // a respondents × items matrix
 * // moments computed elsewhere (SQL covar_samp, avg, count): no rows needed
 * cronbachAlpha({ covariance: C, means: [2.4, 2.5, 2.6], n: 268, columns: ['si1', 'si2', 'si3'] }, { interval: 'duhachek' });
 * ```
 */
export function cronbachAlpha(table: Table, options?: CronbachAlphaOptions): CronbachAlphaResult;
export function cronbachAlpha(moments: MomentsInput, options?: CronbachAlphaOptions): CronbachAlphaResult<number | null>;
// Last, so that ReturnType<typeof cronbachAlpha> is the result of a table.
export function cronbachAlpha(table: TableView, options?: CronbachAlphaOptions): CronbachAlphaResult;
export function cronbachAlpha(table: Table | TableView | MomentsInput, options?: CronbachAlphaOptions): CronbachAlphaResult<number | null> {
  const opts = readAlphaOptions.read(options);
  const { missing, outOfRange, confidence } = opts;
  const method = opts.interval;
  if (method !== 'bootstrap') {
    for (const key of ['resamples', 'seed', 'onProgress'] as const) {
      if (opts[key] !== undefined) throw fail('INVALID_OPTION', `\`${key}\` applies only with \`interval: 'bootstrap'\`.`, { option: key, value: opts[key] });
    }
    if (opts.keepResamples) throw fail('INVALID_OPTION', "`keepResamples` applies only with `interval: 'bootstrap'`.", { option: 'keepResamples', value: true });
  }
  if (hasCovarianceRows(table)) return alphaFromMoments(table as MomentsInput, options, opts);
  const resamples = opts.resamples ?? 2000;

  const view = tableView(table, opts.missingCodes);
  const plan = opts.scale !== undefined ? planFromScale(opts) : planFromItems(opts, view);
  const k = plan.items.length;
  if (k < 2) {
    throw fail('TOO_FEW_VARIABLES', `Alpha needs at least 2 items; got ${k}.`, { option: 'columns', columns: plan.items });
  }
  const responses = readResponses(view, plan.items, plan.response, plan.reverse, outOfRange);
  // Without a response range nothing stops −99 ("no answer") from entering as a response.
  const suspect = plan.response === undefined ? possibleMissingCodes(plan.items, responses.columns) : [];
  let columns: readonly Float64Array[] = responses.columns;
  let n = responses.n;
  let counts = responses.counts;
  let sums = responses.sums;
  let complete = responses.complete;
  if (missing === 'listwise' && !complete) {
    const kept = listwise(responses);
    if (kept.n < 2) {
      throw fail('TOO_FEW_CASES', `Only ${plural(kept.n, 'row')} ${kept.n === 1 ? 'answers' : 'answer'} every item; listwise alpha needs at least 2.`, { n: kept.n, columns: plan.items });
    }
    columns = kept.columns;
    n = kept.n;
    counts = new Float64Array(k).fill(n);
    sums = new Float64Array(k);
    columns.forEach((col, j) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += col[i] as number;
      sums[j] = s;
    });
    complete = true;
  }
  if (n < 2) throw fail('TOO_FEW_CASES', `The table has ${plural(n, 'row')}; alpha needs at least 2.`, { n });
  const cov = covarianceMatrix({ names: plan.items, n, columns }, 'pairwise').matrix;
  const stats = covarianceAlphaStatistics(cov, k, plan.items);
  // ΣC is the variance of the sum score: 0 when the items cancel each other out (one is the
  // negative of another, say). α = k/(k − 1)·(1 − tr C/ΣC) is then undefined (psych prints
  // −Inf and NaN item statistics); a missing reverse key is the usual cause.
  if (!(Math.abs(stats.total) > 1e-12 * stats.trace)) {
    throw fail('ZERO_VARIANCE', `The total score of ${plan.items.join(', ')} has zero variance (the items cancel each other out), so alpha is undefined; check whether an item needs reverse keying.`, {
      columns: plan.items,
      value: stats.total,
    });
  }
  // raw.r needs each respondent's mean of answered items: from C when every row is complete,
  // otherwise from two more passes over the responses.
  const raw = complete
    ? { counts, means: sums.map((s, j) => s / (counts[j] as number)), rTotal: stats.rTotalComplete, emptyRows: 0 }
    : itemTotalStatistics(columns, n);
  const ase = Math.sqrt(stats.q / n);

  const warnings: PsychkitWarning[] = [...suspect];
  let interval: { lower: number; upper: number };
  let bootstrap: AlphaBootstrapInfo | null = null;
  if (method === 'feldt') interval = feldtInterval(stats.alpha, n, k, confidence);
  else if (method === 'duhachek') interval = duhachekInterval(stats.alpha, ase, confidence);
  else {
    const b = bootstrapAlpha(columns, n, resamples, opts.seed ?? freshSeed(), confidence, opts.onProgress);
    interval = b;
    bootstrap = { resamples: b.resamples, skipped: b.requested - b.resamples, seed: b.seed, se: b.se, ...(opts.keepResamples ? { draws: b.draws } : {}) };
    if (b.resamples < b.requested) {
      warnings.push({
        code: 'BOOTSTRAP_RESAMPLES_SKIPPED',
        message: `${b.requested - b.resamples} of ${b.requested} bootstrap resamples gave no alpha (a constant item or too few common answers) and were skipped.`,
        details: { requested: b.requested, used: b.resamples },
      });
    }
  }

  const reversed = new Set(plan.reverse);
  const items: AlphaItemStatistics[] = plan.items.map((name, j) => ({
    column: name,
    reversed: reversed.has(name),
    n: raw.counts[j] as number,
    mean: raw.means[j] as number,
    sd: stats.sd[j] as number,
    rTotal: raw.rTotal[j] as number,
    ...itemStatistics(stats, j),
  }));

  warnings.push(...covarianceWarnings(items, stats, ase, method, 'table'));
  if (raw.emptyRows > 0) {
    warnings.push({
      code: 'EMPTY_ROWS',
      message: `${plural(raw.emptyRows, 'row')} ${raw.emptyRows === 1 ? 'answers' : 'answer'} none of the items; as in psych they still count in n (${n}), which enters the ASE and the Feldt interval.`,
      details: { count: raw.emptyRows },
    });
  }
  if (responses.invalid.length > 0) {
    warnings.push({
      code: 'INVALID_RESPONSES_MISSING',
      message: `${plural(responses.invalid.length, 'response')} outside the response range or not ${responses.invalid.length === 1 ? 'a whole number was' : 'whole numbers were'} treated as missing.`,
      details: { count: responses.invalid.length, responses: responses.invalid },
    });
  }
  return deepFreeze({
    kind: 'cronbachAlpha',
    ...scaleStatistics(stats, ase),
    n,
    k,
    columns: [...plan.items],
    missing,
    interval: method,
    confidence,
    lower: interval.lower,
    upper: interval.upper,
    bootstrap,
    items,
    warnings,
  });
}

/** The scale-level statistics of a result, from the covariance-matrix statistics and the ASE. */
function scaleStatistics(stats: CovarianceAlphaStatistics, ase: number) {
  return { alpha: stats.alpha, standardizedAlpha: stats.standardizedAlpha, lambda6: stats.lambda6, averageR: stats.averageR, signalToNoise: stats.signalToNoise, se: ase };
}

/** Item j's statistics that come from the covariance matrix alone. */
function itemStatistics(stats: CovarianceAlphaStatistics, j: number) {
  return {
    rCorrected: stats.rCorrected[j] as number,
    rRest: stats.rRest[j] as number,
    alphaIfItemDeleted: stats.alphaIfItemDeleted[j] as number,
    standardizedAlphaIfItemDeleted: stats.standardizedAlphaIfItemDeleted[j] as number,
  };
}

/**
 * The warnings about the statistics derived from the item covariance matrix, in this order:
 * negative item–rest correlations, a negative alpha, a singular or indefinite R, an undefined ASE
 * and undefined item statistics. `source` only changes the advice for an undefined ASE.
 */
function covarianceWarnings(
  items: readonly AlphaItemStatistics<number | null>[],
  stats: CovarianceAlphaStatistics,
  ase: number,
  method: AlphaInterval,
  source: 'table' | 'moments',
): PsychkitWarning[] {
  const warnings: PsychkitWarning[] = [];
  for (const item of items) {
    if (item.rRest < 0) {
      warnings.push({
        code: 'NEGATIVE_ITEM_CORRELATION',
        message: `Item "${item.column}" correlates negatively with the rest of the scale (r = ${item.rRest.toFixed(3)}); it probably needs reversing.`,
        details: { column: item.column, value: item.rRest },
      });
    }
  }
  if (stats.alpha < 0) {
    warnings.push({
      code: 'NEGATIVE_ALPHA',
      message: `Alpha is negative (${stats.alpha.toFixed(3)}): the items covary negatively on average; check reverse keying.`,
      details: { value: stats.alpha },
    });
  }
  if (stats.smcSingular || stats.smcClipped || stats.indefinite) {
    warnings.push({
      code: 'SINGULAR_CORRELATION',
      message: stats.indefinite
        ? 'The item covariance matrix is not positive semi-definite (pairwise deletion can do this); λ6 and rCorrected use a pseudo-inverse with clipped SMCs, as psych does, and rRest or alpha-if-deleted can be undefined (NaN) or extreme.'
        : 'The item correlation matrix is singular; squared multiple correlations (λ6, rCorrected) use its pseudo-inverse and are clipped to [0, 1], as psych does.',
      details: { singular: stats.smcSingular, clipped: stats.smcClipped, indefinite: stats.indefinite },
    });
  }
  if (Number.isNaN(ase)) {
    const advice = source === 'table' ? "missing: 'listwise' or interval: 'bootstrap' avoid it." : 'Covariances computed over complete rows (listwise) avoid it.';
    warnings.push({
      code: 'UNDEFINED_ASE',
      message: `The asymptotic standard error of alpha is undefined (NaN), as in psych: Duhachek and Iacobucci's Q is negative, which pairwise deletion can cause (the item covariance matrix is then not positive semi-definite)${method === 'duhachek' ? ', so the Duhachek interval is undefined too' : ''}. ${advice}`,
    });
  }
  const undefinedStats = items.filter((item) => [item.rTotal, item.rCorrected, item.rRest, item.alphaIfItemDeleted, item.standardizedAlphaIfItemDeleted].some(Number.isNaN));
  if (undefinedStats.length > 0) {
    warnings.push({
      code: 'UNDEFINED_ITEM_STATISTICS',
      message: `Some item statistics of ${undefinedStats.map((item) => `"${item.column}"`).join(', ')} are undefined (NaN), as in psych: rCorrected when the items correlate negatively on average, rRest when the other items' sum score has no (or, with pairwise deletion, negative) variance, rTotal when the respondents' mean score is constant.`,
      details: { columns: undefinedStats.map((item) => item.column) },
    });
  }
  return warnings;
}

/** Options that act on rows, refused with moments (`missing: 'listwise'` is what moments are, and is accepted). */
function refuseRowOptions(options: CronbachAlphaOptions | undefined, opts: AlphaSettings): void {
  const raw = (options ?? {}) as Readonly<Record<string, unknown>>;
  if (opts.interval === 'bootstrap') {
    throw fail('INVALID_OPTION', "cronbachAlpha: `interval: 'bootstrap'` resamples rows, which moments cannot give; use `'feldt'` or `'duhachek'`.", { option: 'interval', value: 'bootstrap' });
  }
  if (opts.missingCodes.length > 0) {
    throw fail('INVALID_OPTION', 'cronbachAlpha: `missingCodes` applies to a table of responses; moments have no responses to read (leave missing-data codes out where the moments are computed).', { option: 'missingCodes' });
  }
  if (raw['outOfRange'] !== undefined) {
    throw fail('INVALID_OPTION', 'cronbachAlpha: `outOfRange` acts on single responses, which moments cannot give (with `response`, the means are checked against the range).', { option: 'outOfRange', value: raw['outOfRange'] });
  }
  if (raw['missing'] === 'pairwise') {
    throw fail('INVALID_OPTION', "cronbachAlpha: `missing: 'pairwise'` acts on rows, which moments cannot give: moments are one covariance matrix of `n` rows (`missing: 'listwise'`). Handle missing values where the moments are computed.", { option: 'missing', value: 'pairwise' });
  }
}

/**
 * psych::alpha of a covariance matrix (with `n.obs`): everything but the row-level statistics.
 * Reverse-keyed items flip the sign of their row and column of C (psych's key.d %*% C %*% key.d)
 * and their mean becomes min + max − mean.
 */
function alphaFromMoments(input: MomentsInput, options: CronbachAlphaOptions | undefined, opts: AlphaSettings): CronbachAlphaResult<number | null> {
  refuseRowOptions(options, opts);
  const { confidence } = opts;
  const method = opts.interval;
  const all = readMoments(input, 'cronbachAlpha');
  const plan = opts.scale !== undefined ? planFromScale(opts) : planFromItems(opts, { columnNames: all.names });
  const k = plan.items.length;
  if (k < 2) {
    throw fail('TOO_FEW_VARIABLES', `Alpha needs at least 2 items; got ${k}.`, { option: 'columns', columns: plan.items });
  }
  const m = selectMoments(all, plan.items, 'cronbachAlpha');
  const { n, covariance: cov, means } = m;
  const reversed = new Set(plan.reverse);
  const response = plan.response;
  plan.items.forEach((name, j) => {
    if (means !== null && response !== undefined) {
      const mean = means[j] as number;
      const slack = 1e-9 * (response.max - response.min);
      if (!(mean >= response.min - slack && mean <= response.max + slack)) {
        throw fail('OUT_OF_RANGE', `cronbachAlpha: the mean of "${name}" is ${mean}, outside the response range ${response.min}–${response.max}, so some of its responses are too.`, {
          column: name,
          value: mean,
          min: response.min,
          max: response.max,
        });
      }
    }
    if (!reversed.has(name)) return;
    // reverse needs `response` (planFromItems, defineScale), so the range is known here.
    const range = response as ResponseRange;
    for (let i = 0; i < k; i++) {
      if (i === j) continue;
      cov[i * k + j] = -(cov[i * k + j] as number);
      cov[j * k + i] = -(cov[j * k + i] as number);
    }
    if (means !== null) means[j] = range.min + range.max - (means[j] as number);
  });
  const stats = covarianceAlphaStatistics(cov, k, plan.items);
  if (!(Math.abs(stats.total) > 1e-12 * stats.trace)) {
    throw fail('ZERO_VARIANCE', `The total score of ${plan.items.join(', ')} has zero variance (the items cancel each other out), so alpha is undefined; check whether an item needs reverse keying.`, {
      columns: plan.items,
      value: stats.total,
    });
  }
  const ase = Math.sqrt(stats.q / n);
  const interval = method === 'feldt' ? feldtInterval(stats.alpha, n, k, confidence) : duhachekInterval(stats.alpha, ase, confidence);
  const items: AlphaItemStatistics<number | null>[] = plan.items.map((name, j) => ({
    column: name,
    reversed: reversed.has(name),
    n,
    mean: means === null ? null : (means[j] as number),
    sd: stats.sd[j] as number,
    rTotal: stats.rTotalComplete[j] as number,
    ...itemStatistics(stats, j),
  }));
  return deepFreeze({
    kind: 'cronbachAlpha',
    ...scaleStatistics(stats, ase),
    n,
    k,
    columns: [...plan.items],
    missing: 'listwise',
    interval: method,
    confidence,
    lower: interval.lower,
    upper: interval.upper,
    bootstrap: null,
    items,
    warnings: covarianceWarnings(items, stats, ase, method, 'moments'),
  });
}
