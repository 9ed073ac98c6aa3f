import { tableView, type ReadTableOptions } from '../data/table.js';
import { fail, type PsychkitResult } from '../errors.js';
import type { Table } from '../data/table.js';
import { numericColumns } from '../data/numeric.js';
import { listwise } from '../data/complete.js';
import { bootstrapIndices, randomStream } from '../random/index.js';
import { defineOptions, field } from '../util/options.js';
import { deepFreeze } from '../util/freeze.js';
import { bootstrapSettings, RESAMPLING_FIELDS, type BootstrapInfo, type ResamplingOptions } from './settings.js';
import { summariseBootstrap } from './intervals.js';

/**
 * A statistic of one (re)sample: the listwise-complete columns, in `columns` order. The arrays are
 * reused between resamples — read them, do not keep them.
 */
export type BootstrapStatisticFunction = (columns: readonly Float64Array[], n: number) => number | ArrayLike<number>;

/** Options for {@link bootstrap}. */
export interface BootstrapOptions extends ResamplingOptions, ReadTableOptions {
  /** Numeric columns to resample (rows with a missing value are dropped first). */
  readonly columns: readonly string[];
  /** The statistic of one (re)sample: a number, or several. */
  readonly statistic: BootstrapStatisticFunction;
  /** Default 0.95. */
  readonly confidence?: number;
  /** Also return every resampled value (`resampled[k]` for statistic k). Default false. */
  readonly keepResamples?: boolean;
}

/** One bootstrapped statistic. */
export interface BootstrapStatistic {
  /** The statistic on the full sample. */
  readonly estimate: number;
  /** SD of the resampled values (B − 1 divisor). */
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
}

/** Result of {@link bootstrap}. */
export interface BootstrapResult extends PsychkitResult<'bootstrap'> {
  readonly n: number;
  readonly nDropped: number;
  /** One entry per value the statistic returns. */
  readonly statistics: readonly BootstrapStatistic[];
  /** `resampled[k][r]`: statistic k in resample r (only with `keepResamples`). */
  readonly resampled: readonly (readonly number[])[] | null;
  /** Resamples used, resamples replaced (the statistic was not finite), seed, CI method, confidence. */
  readonly bootstrap: BootstrapInfo;
}

const readBootstrapOptions = defineOptions(
  'bootstrap',
  {
    missingCodes: field.missingCodes(),
    columns: field.names(),
    statistic: field.raw(),
    ...RESAMPLING_FIELDS,
    confidence: field.confidence(),
    keepResamples: field.boolean(false),
  },
  { ci: 'interval', bootstrap: 'resamples' },
);

/**
 * Case-resampling (nonparametric) bootstrap of any statistic of a table's rows — the same seeded
 * stream, resample replacement rule and intervals as `process` and `pathModel`, for statistics
 * they do not cover. Each resample draws n rows with replacement (`bootstrapIndices` on
 * `randomStream(seed)`), copies them into preallocated columns and calls `statistic`; a resample in
 * which the statistic is not finite is drawn again and counted in `bootstrap.replaced`.
 * SE = SD of the B values; CIs percentile (type-7 quantiles) or bias-corrected.
 *
 * Reference: Efron, B., & Tibshirani, R. J. (1993). *An introduction to the bootstrap*. Chapman & Hall.
 *
 * @example
 * ```ts
 * const r = bootstrap(rows, {
 *   columns: ['esse', 'pwb'],
 *   statistic: ([x, y], n) => { let sx = 0, sy = 0; for (let i = 0; i < n; i++) { sx += x[i]; sy += y[i]; } return sy / n - sx / n; },
 *   resamples: 5000, seed: 1,
 * });
 * r.statistics[0]; // { estimate, se, lower, upper }
 * ```
 */
export function bootstrap(table: Table, options: BootstrapOptions): BootstrapResult {
  const o = readBootstrapOptions.read(options);
  const names = o.columns;
  if (typeof o.statistic !== 'function') {
    throw fail('INVALID_OPTION', '`statistic` must be a function (columns, n) => number | number[].', { option: 'statistic' });
  }
  const statistic = o.statistic as BootstrapStatisticFunction;
  const settings = bootstrapSettings(o);
  if (settings.resamples === 0) throw fail('INVALID_OPTION', '`resamples` must be at least 1,000 (or ≥ 2 with allowFewResamples).', { option: 'resamples', value: 0 });
  const { confidence } = o;
  const keep = o.keepResamples;
  const data = listwise(numericColumns(tableView(table, o.missingCodes), names));
  const n = data.n;
  if (n < 2) throw fail('TOO_FEW_CASES', `bootstrap needs at least 2 complete rows; got ${n}.`, { n });
  const asArray = (v: number | ArrayLike<number>, where: string): ArrayLike<number> => {
    if (typeof v === 'number') return [v];
    if (v === null || typeof v !== 'object' || typeof v.length !== 'number') {
      throw fail('INVALID_OPTION', `\`statistic\` must return a number or an array of numbers (${where}).`, { option: 'statistic' });
    }
    return v;
  };
  const point = Array.from(asArray(statistic(data.columns, n), 'on the full sample'));
  const k = point.length;
  if (k === 0 || point.some((v) => !Number.isFinite(v))) {
    throw fail('INVALID_OPTION', `\`statistic\` must return finite numbers on the full sample; got [${point.join(', ')}].`, { option: 'statistic' });
  }
  const B = settings.resamples;
  const rng = randomStream(settings.seed);
  const idx = new Int32Array(n);
  const sample = data.columns.map(() => new Float64Array(n));
  const values = new Float64Array(k * B);
  const step = Math.max(1, Math.ceil(B / 100));
  let replaced = 0;
  for (let r = 0; r < B; ) {
    bootstrapIndices(rng, n, idx);
    for (let c = 0; c < sample.length; c++) {
      const src = data.columns[c] as Float64Array;
      const dst = sample[c] as Float64Array;
      for (let i = 0; i < n; i++) dst[i] = src[idx[i] as number] as number;
    }
    const v = asArray(statistic(sample, n), `resample ${r + 1}`);
    let finite = v.length === k;
    for (let j = 0; j < k && finite; j++) finite = Number.isFinite(v[j] as number);
    if (!finite) {
      if (v.length !== k) throw fail('INVALID_OPTION', `\`statistic\` returned ${v.length} values in a resample but ${k} on the full sample.`, { option: 'statistic' });
      if (++replaced > B) throw fail('INVALID_INPUT', `The statistic was not finite in more than ${B} resamples.`, { replaced });
      continue;
    }
    for (let j = 0; j < k; j++) values[j * B + r] = v[j] as number;
    r++;
    if (settings.onProgress !== undefined && (r % step === 0 || r === B)) settings.onProgress(r, B);
  }
  const resampled = keep ? Array.from({ length: k }, (_, j) => Array.from(values.subarray(j * B, (j + 1) * B))) : null;
  const statistics = point.map((estimate, j) => {
    const s = summariseBootstrap(values.subarray(j * B, (j + 1) * B), estimate, confidence, settings.interval);
    return { estimate, se: s.se, lower: s.lower, upper: s.upper };
  });
  return deepFreeze({
    kind: 'bootstrap',
    n,
    nDropped: data.nDropped,
    statistics,
    resampled,
    bootstrap: { resamples: B, replaced, seed: settings.seed, interval: settings.interval, confidence },
    warnings: [],
  });
}
