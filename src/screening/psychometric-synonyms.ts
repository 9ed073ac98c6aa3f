import type { PsychkitResult, PsychkitWarning } from '../errors.js';
import type { ReadTableOptions, Table, TableView } from '../data/table.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field } from '../util/options.js';
import { pearson } from './even-odd.js';
import { forEachRow, nullable, readItemMatrix, type ItemMatrix, type RowKernel } from './item-matrix.js';
import { emptyRows, emptyRowsWarning } from './longstring.js';

/** Options of {@link psychometricSynonyms}. */
export interface PsychometricSynonymsOptions extends ReadTableOptions {
  /** The item columns (at least 2). Default: every column. */
  readonly columns?: readonly string[];
  /**
   * The size a sample correlation must exceed for a pair to count: r > |threshold| (synonyms) or
   * r < −|threshold| (antonyms). Default 0.60, careless's `critval` (the sign is ignored, as careless).
   */
  readonly threshold?: number;
  /** Use psychometric antonyms (pairs correlating below −|threshold|, careless::psychant) instead of synonyms. Default false. */
  readonly antonyms?: boolean;
}

/** An item pair chosen by {@link psychometricSynonyms}. */
export interface SynonymPair {
  /** The two items, the earlier column first. */
  readonly columns: readonly [string, string];
  /** Their sample correlation (pairwise complete). */
  readonly r: number;
}

/** Result of {@link psychometricSynonyms}. */
export interface PsychometricSynonymsResult extends PsychkitResult<'psychometricSynonyms'> {
  /** Respondents (rows of the table). */
  readonly n: number;
  /** The item columns, in the order used. */
  readonly columns: readonly string[];
  readonly antonyms: boolean;
  /** |threshold|: pairs have r > threshold (synonyms) or r < −threshold (antonyms). */
  readonly threshold: number;
  /** The pairs, in careless's order (by the earlier item, then the later). */
  readonly pairs: readonly SynonymPair[];
  /**
   * Per respondent: the correlation, across the pairs they answered, of their answers to the
   * pairs' first items with their answers to the second items (careless `cor`); `null` with fewer
   * than 3 answered pairs or when either set of answers is constant.
   */
  readonly values: readonly (number | null)[];
  /** Per respondent: pairs with both items answered (careless `numPairs`). */
  readonly nPairs: readonly number[];
  /** The definition used, in words. */
  readonly rule: string;
}

/** The rule of {@link psychometricSynonyms}, in words (also used by `screenResponses`). */
export function synonymRule(threshold: number, antonyms: boolean): string {
  return `Psychometric ${antonyms ? 'antonyms' : 'synonyms'} as careless::${antonyms ? 'psychant' : 'psychsyn'}(x, critval = ${antonyms ? -threshold : threshold}, resample_na = FALSE): the item pairs whose pairwise-complete sample correlation is ${antonyms ? `below -${threshold}` : `above ${threshold}`}; per respondent, the Pearson correlation between their answers to the first and to the second items of the pairs both answered; null with fewer than 3 such pairs or a constant set of answers (careless then re-draws the pair order at random; not done here).`;
}

const readSynonymOptions = defineOptions('psychometricSynonyms', {
  columns: field.raw(),
  missingCodes: field.missingCodes(),
  threshold: field.number(0.6, -1, 1, { exclusiveMin: true, exclusiveMax: true }),
  antonyms: field.boolean(false),
});

/**
 * Psychometric synonyms (and antonyms), matching `careless::psychsyn(x, critval, anto,
 * resample_na = FALSE)` and `careless::psychant`: item pairs that correlate strongly in the
 * sample should be answered alike by each attentive respondent.
 *
 * 1. The pairs: every pair of items whose sample correlation (R's `cor(x, use =
 *    "pairwise.complete.obs")`) is r > |threshold|, or r < −|threshold| with `antonyms: true`,
 *    listed in careless's order (lower triangle by column: by the earlier item, then the later).
 * 2. Per respondent, over the P pairs whose two items they both answered: the Pearson correlation
 *    between the P answers to the pairs' first items and the P answers to their second items.
 *    `null` when P ≤ 2 (careless requires more than two pairs) or when either set of answers is
 *    constant (R's `NA`).
 *
 * Attentive respondents score high on synonyms (near their typical r) and strongly negative on
 * antonyms; careless ones score near 0. careless re-draws the order within each pair at random up
 * to 10 times when a score is `NA` (`resample_na = TRUE`, its default); that is random, so it is
 * not done here: the scores match `resample_na = FALSE`. When no pair passes the threshold careless
 * stops with an error; here every score is `null` with a `NO_SCORES` warning (lower the threshold,
 * e.g. with `careless::psychsyn_critval`'s list of correlations in mind).
 *
 * Errors: `MISSING_COLUMN`, `NON_NUMERIC`, `NON_FINITE`, `DUPLICATE_NAME`, `TOO_FEW_VARIABLES`
 * (< 2 items), `INVALID_OPTION`. A constant item simply forms no pair (its correlations are `NA` in R).
 *
 * References: Meade, A. W., & Craig, S. B. (2012). Identifying careless responses in survey data.
 * *Psychological Methods, 17*, 437–455. Johnson, J. A. (2005). *Journal of Research in
 * Personality, 39*, 103–129. Curran, P. G. (2016). *Journal of Experimental Social Psychology, 66*, 4–19.
 *
 * @example
 * ```ts
 * const items = ['si1', 'si2', 'si3', 'si4', 'si5', 'si6'];
 * const syn = psychometricSynonyms(rows, { columns: items, threshold: 0.6 });
 * syn.pairs; // [{ columns: ['si1', 'si6'], r: 0.63 }, …]
 * syn.values[0]; // the first respondent's within-person correlation over those pairs
 * const pwb = Array.from({ length: 18 }, (_, j) => `pwb${j + 1}`);
 * psychometricSynonyms(rows, { columns: pwb, threshold: 0.4, antonyms: true }).pairs.length;
 * ```
 */
export function psychometricSynonyms(table: Table | TableView, options?: PsychometricSynonymsOptions): PsychometricSynonymsResult {
  const o = readSynonymOptions.read(options);
  const m = readItemMatrix(table, o.columns, o.missingCodes, 'psychometricSynonyms');
  const threshold = Math.abs(o.threshold);
  const pairs = synonymPairs(m, threshold, o.antonyms);
  const { values, nPairs } = synonymValues(m, pairs);
  const warnings: PsychkitWarning[] = [];
  if (pairs.length === 0) warnings.push(noPairsWarning(threshold, o.antonyms));
  const empty = emptyRows(m);
  if (empty > 0) warnings.push(emptyRowsWarning(empty, 'psychometricSynonyms'));
  return deepFreeze({
    kind: 'psychometricSynonyms',
    n: m.n,
    warnings,
    columns: m.columns,
    antonyms: o.antonyms,
    threshold,
    pairs: pairs.map((p) => ({ columns: [m.columns[p.a] as string, m.columns[p.b] as string] as const, r: p.r })),
    values: nullable(values),
    nPairs: Object.freeze(Array.from(nPairs)),
    rule: synonymRule(threshold, o.antonyms),
  });
}

/** The NO_SCORES warning when no pair passes the threshold. */
export function noPairsWarning(threshold: number, antonyms: boolean): PsychkitWarning {
  return {
    code: 'NO_SCORES',
    message: `No item pair correlates ${antonyms ? `below -${threshold}` : `above ${threshold}`}, so there are no psychometric ${antonyms ? 'antonyms' : 'synonyms'} and every score is null (careless stops here). A lower threshold finds pairs.`,
    details: { threshold, antonyms },
  };
}

/** A chosen pair: column indices (a earlier) and the sample r. */
export interface PairIndex {
  readonly a: number;
  readonly b: number;
  readonly r: number;
}

/**
 * Pairs whose pairwise-complete correlation passes the threshold, in careless's order. r is from
 * each pair's common rows (R's pairwise cor); undefined (constant on those rows, < 2 common) never passes.
 */
export function synonymPairs(m: ItemMatrix, threshold: number, antonyms: boolean): PairIndex[] {
  const { k } = m;
  const cp = m.crossProducts();
  const { sumA, sumAA, sumAB } = cp;
  const counts = cp.n;
  const out: PairIndex[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const at = a * k + b;
      const ta = b * k + a;
      const nk = counts[at] as number;
      if (nk < 2) continue;
      const sa = sumA[at] as number;
      const sb = sumA[ta] as number;
      const vab = (sumAB[at] as number) - (sa * sb) / nk;
      const vaa = (sumAA[at] as number) - (sa * sa) / nk;
      const vbb = (sumAA[ta] as number) - (sb * sb) / nk;
      if (!(vaa > 0) || !(vbb > 0)) continue;
      const r = Math.max(-1, Math.min(1, vab / Math.sqrt(vaa * vbb)));
      if (antonyms ? r < -threshold : r > threshold) out.push({ a, b, r });
    }
  }
  return out;
}

/** Per-respondent within-person correlation over the pairs (NaN = undefined) and pairs answered. Two scratch vectors. */
export function synonymValues(m: ItemMatrix, pairs: readonly PairIndex[]): { readonly values: Float64Array; readonly nPairs: Int32Array } {
  const kernel = synonymKernel(m, pairs);
  forEachRow(m, [kernel.row]);
  return kernel;
}

/**
 * The psychometric-synonym {@link RowKernel} and its output arrays.
 *
 * A respondent who answered every item uses all P pairs. When, moreover, their answers are
 * integers (Likert), each half's sum Σₜ x[aₜ] is exact in any order, so it is taken item by item
 * with the pairs' multiplicities (k multiplications instead of P additions), and the centred
 * answers x[j] − x̄ are formed once per item. The second pass then adds the same products as
 * {@link pearson} on the gathered answers, in the same order, so the result is the same double:
 * the pairs are walked as runs that share their first item and have consecutive second items
 * (careless's order makes long runs), two respondents at a time (six independent sums). A
 * respondent with missing answers but integer ones is done the same way over the pairs they
 * answered ({@link partialRow}); any other takes the general path (gather the answered pairs,
 * then pearson).
 */
export function synonymKernel(m: ItemMatrix, pairs: readonly PairIndex[]): { readonly values: Float64Array; readonly nPairs: Int32Array; readonly row: RowKernel } {
  const { n, k, answered } = m;
  const P = pairs.length;
  const first = new Int32Array(P);
  const second = new Int32Array(P);
  const inFirst = new Float64Array(k);
  const inSecond = new Float64Array(k);
  pairs.forEach((p, t) => {
    first[t] = p.a;
    second[t] = p.b;
    inFirst[p.a] = (inFirst[p.a] as number) + 1;
    inSecond[p.b] = (inSecond[p.b] as number) + 1;
  });
  // Runs of pairs (a, b), (a, b + 1), …, (a, end − 1), in pair order.
  const runFirst: number[] = [];
  const runStart: number[] = [];
  const runEnd: number[] = [];
  for (let t = 0; t < P; ) {
    const a = first[t] as number;
    let e = t + 1;
    while (e < P && first[e] === a && second[e] === (second[e - 1] as number) + 1) e++;
    runFirst.push(a);
    runStart.push(second[t] as number);
    runEnd.push((second[e - 1] as number) + 1);
    t = e;
  }
  const R = runFirst.length;
  const ra = Int32Array.from(runFirst);
  const rb0 = Int32Array.from(runStart);
  const rb1 = Int32Array.from(runEnd);
  const x = new Float64Array(P);
  const y = new Float64Array(P);
  // Centred answers of the (up to) two respondents in hand: as first items (dx) and as second (dy).
  const dx0 = new Float64Array(k);
  const dy0 = new Float64Array(k);
  const dx1 = new Float64Array(k);
  const dy1 = new Float64Array(k);
  const values = new Float64Array(n);
  const nPairs = new Int32Array(n);
  // Integers up to this size: every partial sum of P of them (times a multiplicity) is below 2^52,
  // so exact; and within int32, so (v | 0) === v tells an integer.
  const limit = Math.min(Math.floor(2 ** 52 / Math.max(P, 1)), 2 ** 31 - 1);
  const general = (buf: Float64Array, base: number, i: number): void => {
    let used = 0;
    for (let t = 0; t < P; t++) {
      const u = buf[base + (first[t] as number)] as number;
      const v = buf[base + (second[t] as number)] as number;
      if (u !== u || v !== v) continue;
      x[used] = u;
      y[used] = v;
      used++;
    }
    nPairs[i] = used;
    values[i] = used > 2 ? pearson(x, y, used) : Number.NaN;
  };
  const sums = new Float64Array(6);
  const finish = (i: number, sxx: number, syy: number, sxy: number): void => {
    nPairs[i] = P;
    if (!(sxx > 0) || !(syy > 0)) values[i] = Number.NaN;
    else {
      const c = sxy / Math.sqrt(sxx * syy);
      values[i] = c > 1 ? 1 : c < -1 ? -1 : c;
    }
  };
  const row: RowKernel = (buf, size, from) => {
    let r = 0;
    while (r < size) {
      const i = from + r;
      if (P <= 2) {
        general(buf, r * k, i);
        r++;
      } else if (answered[i] !== k || !centreRow(buf, r * k, k, inFirst, inSecond, P, limit, dx0, dy0)) {
        const used = partialRow(buf, r * k, k, ra, rb0, rb1, R, limit, dx0, dy0, sums);
        if (used < 0) general(buf, r * k, i);
        else {
          finish(i, sums[0] as number, sums[1] as number, sums[2] as number);
          nPairs[i] = used;
          if (used <= 2) values[i] = Number.NaN;
        }
        r++;
      } else if (r + 1 < size && answered[i + 1] === k && centreRow(buf, (r + 1) * k, k, inFirst, inSecond, P, limit, dx1, dy1)) {
        pairSums(dx0, dy0, dx1, dy1, ra, rb0, rb1, R, sums);
        finish(i, sums[0] as number, sums[1] as number, sums[2] as number);
        finish(i + 1, sums[3] as number, sums[4] as number, sums[5] as number);
        r += 2;
      } else {
        // one respondent: the second one's sums are computed on a copy of the first and ignored
        pairSums(dx0, dy0, dx0, dy0, ra, rb0, rb1, R, sums);
        finish(i, sums[0] as number, sums[1] as number, sums[2] as number);
        r++;
      }
    }
  };
  return { values, nPairs, row };
}

/**
 * Centres a complete respondent's answers (`buf[base … base + k)`) into dx = x − x̄₁, dy = x − x̄₂,
 * x̄₁ and x̄₂ the means of the pairs' first and second items; false (nothing written that is used)
 * unless every answer is an integer within ±limit, where the weighted sums are exact.
 */
function centreRow(buf: Float64Array, base: number, k: number, inFirst: Float64Array, inSecond: Float64Array, P: number, limit: number, dx: Float64Array, dy: Float64Array): boolean {
  let sx = 0;
  let sy = 0;
  for (let j = 0; j < k; j++) {
    const v = buf[base + j] as number;
    if (!((v | 0) === v && v <= limit && v >= -limit)) return false;
    sx += (inFirst[j] as number) * v;
    sy += (inSecond[j] as number) * v;
  }
  const mx = sx / P;
  const my = sy / P;
  for (let j = 0; j < k; j++) {
    const v = buf[base + j] as number;
    dx[j] = v - mx;
    dy[j] = v - my;
  }
  return true;
}

/**
 * Σ dx[a]², Σ dy[b]², Σ dx[a]·dy[b] over the pairs, in pair order, for two respondents at once
 * (sums[0…2] and sums[3…5]); the pairs as runs (a, b₀ … b₁ − 1).
 */
function pairSums(dx0: Float64Array, dy0: Float64Array, dx1: Float64Array, dy1: Float64Array, ra: Int32Array, rb0: Int32Array, rb1: Int32Array, R: number, sums: Float64Array): void {
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let txx = 0;
  let tyy = 0;
  let txy = 0;
  for (let q = 0; q < R; q++) {
    const a = ra[q] as number;
    const ex = dx0[a] as number;
    const fx = dx1[a] as number;
    const exx = ex * ex;
    const fxx = fx * fx;
    const end = rb1[q] as number;
    for (let b = rb0[q] as number; b < end; b++) {
      const ey = dy0[b] as number;
      const fy = dy1[b] as number;
      sxx += exx;
      syy += ey * ey;
      sxy += ex * ey;
      txx += fxx;
      tyy += fy * fy;
      txy += fx * fy;
    }
  }
  sums[0] = sxx;
  sums[1] = syy;
  sums[2] = sxy;
  sums[3] = txx;
  sums[4] = tyy;
  sums[5] = txy;
}

/**
 * A respondent with integer answers and some missing (NaN): the number of pairs with both items
 * answered, and (in sums[0…2]) Σ dx², Σ dy², Σ dx·dy over those pairs in pair order, centred at
 * their means — what {@link pearson} computes on the gathered answers, bit for bit (the sums of
 * integers are exact in any order). −1 (nothing computed) if an answer is not an integer within ±limit.
 */
function partialRow(buf: Float64Array, base: number, k: number, ra: Int32Array, rb0: Int32Array, rb1: Int32Array, R: number, limit: number, dx: Float64Array, dy: Float64Array, sums: Float64Array): number {
  for (let j = 0; j < k; j++) {
    const v = buf[base + j] as number;
    if (v === v && !((v | 0) === v && v <= limit && v >= -limit)) return -1;
  }
  let used = 0;
  let sx = 0;
  let sy = 0;
  for (let q = 0; q < R; q++) {
    const xa = buf[base + (ra[q] as number)] as number;
    if (xa !== xa) continue;
    const end = rb1[q] as number;
    for (let b = rb0[q] as number; b < end; b++) {
      const xb = buf[base + b] as number;
      if (xb !== xb) continue;
      used++;
      sx += xa;
      sy += xb;
    }
  }
  if (used <= 2) return used;
  const mx = sx / used;
  const my = sy / used;
  for (let j = 0; j < k; j++) {
    const v = buf[base + j] as number;
    dx[j] = v - mx;
    dy[j] = v - my;
  }
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let q = 0; q < R; q++) {
    const ex = dx[ra[q] as number] as number;
    if (ex !== ex) continue;
    const exx = ex * ex;
    const end = rb1[q] as number;
    for (let b = rb0[q] as number; b < end; b++) {
      const ey = dy[b] as number;
      if (ey !== ey) continue;
      sxx += exx;
      syy += ey * ey;
      sxy += ex * ey;
    }
  }
  sums[0] = sxx;
  sums[1] = syy;
  sums[2] = sxy;
  return used;
}
