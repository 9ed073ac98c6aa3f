import { fail, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import { numericColumns } from '../data/numeric.js';
import { type Table, type ReadTableOptions, tableView } from '../data/table.js';
import { covarianceMatrix, covarianceToCorrelation, type MissingRule } from '../linalg/covariance.js';
import { symmetricEigen } from '../linalg/eigen.js';
import { freshSeed, randomStream, type Seed } from '../random/stream.js';
import { deepFreeze } from '../util/freeze.js';
import { columnList, defineOptions, field } from '../util/options.js';
import { sortedQuantile } from '../util/quantile.js';
import { squaredMultipleCorrelations } from './smc.js';

/** Options of {@link splitHalf}. */
export interface SplitHalfOptions extends ReadTableOptions {
  /** Item columns (at least 2). Default: every column (`V1…Vk` for a matrix). */
  readonly columns?: readonly string[];
  /** `'pairwise'` (default, psych's `use = "pairwise"`) or `'listwise'` (complete rows, `use = "complete.obs"`). */
  readonly missing?: MissingRule;
  /** `'correlation'` (default, psych's `covar = FALSE`) or `'covariance'` (`covar = TRUE`): the matrix the splits are formed from. */
  readonly basis?: 'correlation' | 'covariance';
  /**
   * Reverse items that load negatively on the first principal component of the matrix (psych's
   * `check.keys = TRUE`, the default). Ignored when `reverse` is given.
   */
  readonly checkKeys?: boolean;
  /** Items to reverse (flip the sign of their rows and columns of the matrix), psych's `key`; turns `checkKeys` off. */
  readonly reverse?: readonly string[];
  /** Random splits drawn when there are too many to examine all (psych's `n.sample`), default 10,000. */
  readonly samples?: number;
  /** Examine all splits even when there are more than `samples` (psych's `brute = TRUE`); at most 10⁷ of them. */
  readonly exhaustive?: boolean;
  /** Seed for the random splits (only used when sampling); default a fresh seed, reported. */
  readonly seed?: Seed;
  /** Central share of the split-half values between `lower` and `upper`, default 0.95 (psych's `ci = 1 − confidence`). */
  readonly confidence?: number;
}

/** The two halves of a split: item names in column order. */
export interface SplitHalves {
  /** The half of ⌊k/2⌋ items (psych's `A`). */
  readonly a: readonly string[];
  /** The other ⌈k/2⌉ items (psych's `B`). */
  readonly b: readonly string[];
}

/** Result of {@link splitHalf}. */
export interface SplitHalfResult extends PsychkitResult<'splitHalf'> {
  /** Rows of the table (pairwise) or complete rows (listwise). */
  readonly n: number;
  /** Number of items. */
  readonly k: number;
  /** The items, in order. */
  readonly columns: readonly string[];
  readonly missing: MissingRule;
  readonly basis: 'correlation' | 'covariance';
  /** Maximum split-half reliability, Guttman's λ4 (psych `maxrb`). */
  readonly maximum: number;
  /** Minimum split-half reliability, Revelle's β estimate (psych `minrb`). */
  readonly minimum: number;
  /** Average split-half reliability (psych `meanr`): the sum over the splits examined / psych's count (see {@link splitHalf}). */
  readonly average: number;
  /** Guttman's λ3 = coefficient alpha of the matrix (standardized alpha on correlations; psych `alpha`). */
  readonly alpha: number;
  /** Guttman's λ2 (psych `lambda2`). */
  readonly lambda2: number;
  /** Guttman's λ6 with squared multiple correlations (psych `lambda6`). */
  readonly lambda6: number;
  /** Mean off-diagonal entry: correlation (or covariance with `basis: 'covariance'`), psych `av.r`. */
  readonly averageR: number;
  /** Median off-diagonal entry, psych `med.r`. */
  readonly medianR: number;
  /** The split with the maximum (psych `maxAB`); reversed items are listed in `reversed`. */
  readonly best: SplitHalves;
  /** The split with the minimum (psych `minAB`). */
  readonly worst: SplitHalves;
  /** Items reversed before splitting (by `checkKeys` or `reverse`), in column order. */
  readonly reversed: readonly string[];
  /** Whether splits were enumerated (psych's `brute`) rather than drawn at random. */
  readonly exhaustive: boolean;
  /** Splits examined. */
  readonly splits: number;
  /** The seed of the random splits, `null` when they were enumerated. */
  readonly seed: Seed | null;
  readonly confidence: number;
  /** (1 − confidence)/2 quantile of the split-half values examined (type 7; psych's `ci` with `raw = TRUE`). */
  readonly lower: number;
  /** Their median. */
  readonly median: number;
  /** (1 + confidence)/2 quantile of the split-half values examined. */
  readonly upper: number;
}

const MAX_SPLITS = 1e7;

const readSplitHalfOptions = defineOptions(
  'splitHalf',
  {
    missingCodes: field.missingCodes(),
    columns: field.columns(2),
    missing: field.oneOf<MissingRule>(['pairwise', 'listwise'], 'pairwise'),
    basis: field.oneOf(['correlation', 'covariance'] as const, 'correlation'),
    checkKeys: field.boolean(true),
    reverse: field.raw(),
    samples: field.number(10000, 1, MAX_SPLITS, { integer: true }),
    exhaustive: field.boolean(false),
    seed: field.seed(),
    confidence: field.confidence(),
  },
  { items: 'columns', covar: 'basis', key: 'reverse', keys: 'reverse', brute: 'exhaustive', nSample: 'samples', use: 'missing', ci: 'confidence' },
);

/** C(n, m) as a double (exact while it is below 2⁵³). */
function choose(n: number, m: number): number {
  let c = 1;
  for (let i = 1; i <= m; i++) c = (c * (n - m + i)) / i;
  return Math.round(c);
}

/** psych's count of splits of k items: C(k, ⌊k/2⌋)/2 (a half-integer when C(k, ⌊k/2⌋) is odd). */
export function splitCount(k: number): number {
  return choose(k, Math.floor(k / 2)) / 2;
}

/** psych's `check.keys`: −1 for items whose loading on the first principal component (signed to sum ≥ 0) is negative. */
export function firstComponentKeys(c: Float64Array, k: number): Float64Array {
  const keys = new Float64Array(k).fill(1);
  const { vectors } = symmetricEigen(c, k);
  let sum = 0;
  for (let i = 0; i < k; i++) sum += vectors[i * k] as number;
  const sign = sum < 0 ? -1 : 1;
  for (let i = 0; i < k; i++) if (sign * (vectors[i * k] as number) < 0) keys[i] = -1;
  return keys;
}

/** Reverses keyed items in place: Cᵢⱼ ← keyᵢ·keyⱼ·Cᵢⱼ. */
export function applyKeys(c: Float64Array, k: number, keys: Float64Array): void {
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) c[i * k + j] = (c[i * k + j] as number) * (keys[i] as number) * (keys[j] as number);
}

/** Guttman's λ2, λ3 (α) and λ6 of a keyed matrix, with ΣC and the off-diagonal mean and median (see {@link splitHalf}). */
export interface GuttmanCoefficients {
  readonly total: number;
  readonly alpha: number;
  readonly lambda2: number;
  readonly lambda6: number;
  readonly averageR: number;
  readonly medianR: number;
  /** Set when λ6's SMCs needed a pseudo-inverse or were clipped. */
  readonly singular: { readonly singular: boolean; readonly clipped: boolean; readonly indefinite: boolean } | null;
}

/** {@link GuttmanCoefficients} of C (already keyed), on correlations or covariances as `basis` says. */
export function guttmanCoefficients(c: Float64Array, k: number, basis: 'correlation' | 'covariance', columns: readonly string[]): GuttmanCoefficients {
  let total = 0;
  let trace = 0;
  let sumSqOff = 0;
  const off: number[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = c[i * k + j] as number;
      total += v;
      if (i === j) trace += v;
      else sumSqOff += v * v;
      if (i > j) off.push(v);
    }
  }
  const sumOff = total - trace;
  const r = basis === 'correlation' ? c : covarianceToCorrelation(c, k, columns);
  const smc = squaredMultipleCorrelations(r, k);
  let tsmc = 0;
  for (let j = 0; j < k; j++) tsmc += (smc.smc[j] as number) * (basis === 'correlation' ? 1 : (c[j * k + j] as number));
  off.sort((a, b) => a - b);
  return {
    total,
    alpha: ((sumOff / total) * k) / (k - 1),
    lambda2: (sumOff + Math.sqrt((sumSqOff * k) / (k - 1))) / total,
    lambda6: (sumOff + tsmc) / total,
    averageR: off.reduce((s, v) => s + v, 0) / off.length,
    medianR: sortedQuantile(off, 0.5),
    singular: smc.singular || smc.clipped || smc.indefinite ? { singular: smc.singular, clipped: smc.clipped, indefinite: smc.indefinite } : null,
  };
}

/**
 * Split-half reliabilities as `psych::splitHalf` (psych 2.2.9): the maximum (Guttman's λ4), the
 * minimum (β) and the average over splits of the items into two halves, with Guttman's λ2, λ3
 * (alpha) and λ6.
 *
 * The matrix C is the item covariance matrix (pairwise as psych's `use = "pairwise"`, or on
 * complete rows), rescaled to correlations (R's `cov2cor`) unless `basis: 'covariance'`. Items
 * are then reversed (rows and columns of C negated): those named in `reverse`, or with
 * `checkKeys` (default) those with a negative loading on the first principal component (signed so
 * its loadings sum to ≥ 0, as psych's `principal`). With k items, ΣC the sum of all entries and A
 * one half of a split, B the other:
 *
 * - split-half reliability r_AB = 4·Σ_{i∈A, j∈B} Cᵢⱼ / ΣC (Guttman's split-half coefficient,
 *   Flanagan–Rulon); `maximum` is λ4, `minimum` β
 * - λ3 = alpha = k/(k − 1)·(ΣC − tr C)/ΣC
 * - λ2 = (ΣC − tr C + √(k/(k − 1)·Σ_{i≠j} Cᵢⱼ²))/ΣC
 * - λ6 = (ΣC − tr C + Σ SMCᵢ)/ΣC, SMCs from the pseudo-inverse of the correlation matrix (times
 *   the variances with `basis: 'covariance'`), as psych's `smc`
 *
 * Which splits, exactly psych's rule: A has m = ⌊k/2⌋ items; with count = C(k, m)/2, when
 * count ≤ `samples` (default 10,000, so up to 16 items) or `exhaustive: true`, the first ⌈count⌉
 * m-subsets in lexicographic order are examined and `average` = their sum / count. For an even k
 * that is every split once (the subsets holding the first item). For an odd k it is only the
 * first half of the subsets in lexicographic order, not every split (the result then depends on
 * the item order), and when C(k, m) is odd (k = 3, 7, 15) count is a half-integer, so psych's
 * average is the sum of ⌈count⌉ values over count and can exceed `maximum`: reproduced as psych
 * computes it. Above that, `samples` random m-subsets are drawn (uniformly, with repeats, as R's
 * `sample(k, m)`) from a seeded stream, and `average` is their mean. The enumeration updates
 * each item's sum of C over A incrementally (lexicographic successor, no allocation per split);
 * ties keep the first split found, as psych.
 *
 * Warnings: `NEGATIVE_ITEM_CORRELATION` when `checkKeys` reversed items (psych warns too),
 * `SINGULAR_CORRELATION` when the SMCs needed a pseudo-inverse or were clipped.
 *
 * Errors: `TOO_FEW_VARIABLES` (< 2 items), `TOO_FEW_CASES` (an item or pair with < 2 common
 * answers), `ZERO_VARIANCE` (a constant item, or a total score with no variance),
 * `MISSING_COLUMN`, `NON_NUMERIC`, `INVALID_OPTION` (including `exhaustive` over 10⁷ splits).
 *
 * References: Guttman, L. (1945). A basis for analyzing test-retest reliability.
 * *Psychometrika, 10*, 255–282. Revelle, W. (1979). Hierarchical cluster analysis and the
 * internal structure of tests. *Multivariate Behavioral Research, 14*, 57–74. Revelle, W., &
 * Condon, D. M. (2019). Reliability from α to ω: A tutorial. *Psychological Assessment, 31*,
 * 1395–1411. Revelle, W. psych (`splitHalf`).
 *
 * @example
 * ```ts
 * const items = ['esse1', 'esse2', 'esse3', 'esse4', 'esse5', 'esse6'];
 * const s = splitHalf(rows, { columns: items });
 * s.maximum; s.minimum; s.average; // λ4, β and the average of the 10 splits
 * s.best.a; s.best.b; // the two halves of the best split
 * ```
 */
export function splitHalf(table: Table, options?: SplitHalfOptions): SplitHalfResult {
  const o = readSplitHalfOptions.read(options);
  const view = tableView(table, o.missingCodes);
  const columns = o.columns ?? view.columnNames;
  const k = columns.length;
  if (k < 2) throw fail('TOO_FEW_VARIABLES', `splitHalf needs at least 2 items; got ${k}.`, { option: 'columns', columns });
  const reverseList = o.reverse === undefined ? undefined : columnList('reverse', o.reverse, { min: 0 });
  for (const name of reverseList ?? []) {
    if (!columns.includes(name)) throw fail('INVALID_OPTION', `\`reverse\` lists "${name}", which is not among the items.`, { option: 'reverse', column: name });
  }
  const data = numericColumns(view, columns);
  let n = data.n;
  if (o.missing === 'listwise') {
    n = 0;
    for (let i = 0; i < data.n; i++) if (data.columns.every((c) => !Number.isNaN(c[i] as number))) n++;
  }
  if (n < 2) throw fail('TOO_FEW_CASES', `splitHalf needs at least 2 ${o.missing === 'listwise' ? 'complete rows' : 'rows'}; got ${n}.`, { n });
  const cov = covarianceMatrix(data, o.missing).matrix;
  const c = o.basis === 'correlation' ? covarianceToCorrelation(cov, k, columns) : Float64Array.from(cov);
  for (let j = 0; j < k; j++) {
    if (!((c[j * k + j] as number) > 0)) throw fail('ZERO_VARIANCE', `Item "${columns[j]}" has zero variance.`, { column: columns[j] as string });
  }

  // Keys: given, or from the first principal component's signs.
  const warnings: PsychkitWarning[] = [];
  let keys: Float64Array = new Float64Array(k).fill(1);
  if (reverseList !== undefined) {
    for (const name of reverseList) keys[columns.indexOf(name)] = -1;
  } else if (o.checkKeys) {
    keys = firstComponentKeys(c, k);
  }
  const reversed = columns.filter((_, j) => keys[j] === -1);
  if (reverseList === undefined && reversed.length > 0) {
    warnings.push({
      code: 'NEGATIVE_ITEM_CORRELATION',
      message: `Some items correlated negatively with the total scale and were reversed before splitting, as psych's check.keys does: ${reversed.join(', ')}.`,
      details: { columns: reversed },
    });
  }
  applyKeys(c, k, keys);

  const g = guttmanCoefficients(c, k, o.basis, columns);
  if (!(g.total > 0)) {
    throw fail('ZERO_VARIANCE', `The total score of ${columns.join(', ')} has no variance (the items cancel each other out), so split-half reliabilities are undefined.`, { columns: [...columns], value: g.total });
  }
  const { alpha, lambda2, lambda6, averageR, medianR } = g;
  if (g.singular) {
    warnings.push({
      code: 'SINGULAR_CORRELATION',
      message: 'The item correlation matrix is singular or indefinite; the squared multiple correlations of λ6 use its pseudo-inverse and are clipped to [0, 1], as psych does.',
      details: g.singular,
    });
  }

  // The splits.
  const m = Math.floor(k / 2);
  const count = splitCount(k);
  const exhaustive = o.exhaustive || count <= o.samples;
  if (exhaustive && Math.ceil(count) > MAX_SPLITS) {
    throw fail('INVALID_OPTION', `splitHalf: \`exhaustive: true\` with ${k} items means ${Math.ceil(count).toExponential(2)} splits; at most ${MAX_SPLITS} can be examined (draw \`samples\` instead).`, {
      option: 'exhaustive',
      value: true,
    });
  }
  const seed = exhaustive ? null : (o.seed ?? freshSeed());
  const search = exhaustive ? enumerateSplits(c, k, m, Math.ceil(count)) : sampleSplits(c, k, m, o.samples, seed as Seed);
  const average = search.sum / (exhaustive ? count : o.samples);
  const values = search.values.sort();
  const tail = (1 - o.confidence) / 2;
  const halves = (set: Uint8Array): SplitHalves => ({ a: columns.filter((_, j) => set[j] === 1), b: columns.filter((_, j) => set[j] !== 1) });

  return deepFreeze({
    kind: 'splitHalf',
    n,
    k,
    columns: [...columns],
    missing: o.missing,
    basis: o.basis,
    maximum: search.max,
    minimum: search.min,
    average,
    alpha,
    lambda2,
    lambda6,
    averageR,
    medianR,
    best: halves(search.maxSet),
    worst: halves(search.minSet),
    reversed,
    exhaustive,
    splits: values.length,
    seed,
    confidence: o.confidence,
    lower: sortedQuantile(values, tail),
    median: sortedQuantile(values, 0.5),
    upper: sortedQuantile(values, 1 - tail),
    warnings,
  });
}

export interface SplitSearch {
  readonly max: number;
  readonly min: number;
  readonly sum: number;
  /** Membership in A (1) of the best and worst splits. */
  readonly maxSet: Uint8Array;
  readonly minSet: Uint8Array;
  /** Every split-half value examined. */
  readonly values: Float64Array;
}

/** The row sums of the k × k matrix `c` and their total ΣC. */
function rowSums(c: Float64Array, k: number): { rowSum: Float64Array; total: number } {
  const rowSum = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += c[i * k + j] as number;
    rowSum[i] = s;
    total += s;
  }
  return { rowSum, total };
}

/**
 * The first `splits` m-subsets A of 0…k−1 in lexicographic order (psych's order) and
 * r_AB = 4·Σ_{i∈A}(rowSumᵢ − inAᵢ)/ΣC, where inAᵢ = Σ_{j∈A} Cᵢⱼ is kept up to date as the
 * lexicographic successor swaps the tail of A (and recomputed from scratch whenever the first
 * element moves, so rounding cannot accumulate).
 */
export function enumerateSplits(c: Float64Array, k: number, m: number, splits: number): SplitSearch {
  const { rowSum, total } = rowSums(c, k);
  const a = new Int32Array(m);
  for (let i = 0; i < m; i++) a[i] = i;
  const inA = new Float64Array(k);
  const fresh = () => {
    inA.fill(0);
    for (let t = 0; t < m; t++) {
      const x = a[t] as number;
      for (let y = 0; y < k; y++) inA[y] = (inA[y] as number) + (c[y * k + x] as number);
    }
  };
  const move = (x: number, sign: number) => {
    for (let y = 0; y < k; y++) inA[y] = (inA[y] as number) + sign * (c[y * k + x] as number);
  };
  fresh();
  const values = new Float64Array(splits);
  const maxA = new Int32Array(m);
  const minA = new Int32Array(m);
  let max = -Infinity;
  let min = Infinity;
  let sum = 0;
  for (let s = 0; s < splits; s++) {
    if (s > 0) {
      // Lexicographic successor: the last position that can still grow.
      let i = m - 1;
      while (i >= 0 && (a[i] as number) === k - m + i) i--;
      if (i < 0) break; // cannot happen: splits ≤ C(k, m)
      for (let t = i; t < m; t++) move(a[t] as number, -1);
      a[i] = (a[i] as number) + 1;
      for (let t = i + 1; t < m; t++) a[t] = (a[t - 1] as number) + 1;
      if (i === 0) fresh();
      else for (let t = i; t < m; t++) move(a[t] as number, 1);
    }
    let cross = 0;
    for (let t = 0; t < m; t++) {
      const x = a[t] as number;
      cross += (rowSum[x] as number) - (inA[x] as number);
    }
    const rab = (4 * cross) / total;
    values[s] = rab;
    sum += rab;
    if (rab > max) {
      max = rab;
      maxA.set(a);
    }
    if (rab < min) {
      min = rab;
      minA.set(a);
    }
  }
  return { max, min, sum, maxSet: membership(maxA, k), minSet: membership(minA, k), values };
}

/**
 * `samples` random m-subsets (a partial Fisher–Yates shuffle of a kept permutation per draw, so
 * each subset is uniform and draws are independent, as R's `sample(k, m)`), with r_AB summed
 * over A directly: 4·(Σ_{i∈A} rowSumᵢ − Σ_{i,j∈A} Cᵢⱼ)/ΣC.
 */
function sampleSplits(c: Float64Array, k: number, m: number, samples: number, seed: Seed): SplitSearch {
  const rng = randomStream(seed);
  const { rowSum, total } = rowSums(c, k);
  const perm = new Int32Array(k);
  for (let i = 0; i < k; i++) perm[i] = i;
  const values = new Float64Array(samples);
  const maxA = new Int32Array(m);
  const minA = new Int32Array(m);
  let max = -Infinity;
  let min = Infinity;
  let sum = 0;
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < m; i++) {
      const j = i + rng.int(k - i);
      const t = perm[i] as number;
      perm[i] = perm[j] as number;
      perm[j] = t;
    }
    let cross = 0;
    for (let i = 0; i < m; i++) {
      const x = perm[i] as number;
      cross += rowSum[x] as number;
      for (let j = 0; j < m; j++) cross -= c[x * k + (perm[j] as number)] as number;
    }
    const rab = (4 * cross) / total;
    values[s] = rab;
    sum += rab;
    if (rab > max) {
      max = rab;
      maxA.set(perm.subarray(0, m));
    }
    if (rab < min) {
      min = rab;
      minA.set(perm.subarray(0, m));
    }
  }
  return { max, min, sum, maxSet: membership(maxA, k), minSet: membership(minA, k), values };
}

/** A 0/1 membership vector of the indices in `set`. */
function membership(set: Int32Array, k: number): Uint8Array {
  const out = new Uint8Array(k);
  for (const i of set) out[i] = 1;
  return out;
}
