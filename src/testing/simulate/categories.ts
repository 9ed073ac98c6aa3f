import { fail } from '../../errors.js';
import { normalCdf, normalQuantile } from '../../probability/index.js';
import { bivariateNormalCdf } from '../../probability/bivariate-normal.js';
import { describe, numberArray } from './options.js';

/** Largest number of response categories a simulator accepts. */
export const MAX_CATEGORIES = 100;

/** Largest deviation of a `categoryProbabilities` list's sum from 1. */
const SUM_TOLERANCE = 1e-9;

/** `categories` validated: an integer from 2 to MAX_CATEGORIES, or undefined. */
function categoryCount(categories: unknown): number | undefined {
  if (categories === undefined) return undefined;
  if (typeof categories !== 'number' || !Number.isInteger(categories) || categories < 2 || categories > MAX_CATEGORIES) {
    throw fail('INVALID_OPTION', `\`categories\` must be an integer from 2 to ${MAX_CATEGORIES}; got ${describe(categories)}.`, {
      option: 'categories',
      value: categories,
    });
  }
  return categories;
}

/** Default thresholds Φ⁻¹(c / K), c = 1 … K − 1: equally likely categories. */
function equalThresholds(k: number): number[] {
  return Array.from({ length: k - 1 }, (_, c) => normalQuantile((c + 1) / k));
}

/** One ascending list of cut points; `option` names it (e.g. `thresholds[2]`), `k` is `categories` when given. */
function thresholdList(value: unknown, option: string, k: number | undefined): number[] {
  if (k !== undefined && Array.isArray(value) && value.length !== k - 1) {
    throw fail('INVALID_OPTION', `\`${option}\` has ${value.length} cut points but \`categories\` is ${k}, which needs ${k - 1}.`, {
      option,
      length: value.length,
      expected: k - 1,
    });
  }
  const t = numberArray(value, option);
  if (t.length + 1 > MAX_CATEGORIES) {
    throw fail('INVALID_OPTION', `\`${option}\` may define at most ${MAX_CATEGORIES} categories.`, { option });
  }
  for (let i = 1; i < t.length; i++) {
    if (!((t[i] as number) > (t[i - 1] as number))) {
      throw fail('INVALID_OPTION', `\`${option}\` must be strictly increasing.`, { option, index: i, value: t[i] });
    }
  }
  return t;
}

/**
 * Thresholds τ_c = Φ⁻¹(p₁ + … + p_c) of one list of category proportions (each > 0, summing to 1
 * within 1e-9; rescaled to sum to 1 exactly). Above the median the upper tail is inverted,
 * τ_c = −Φ⁻¹(p_{c+1} + … + p_K), which keeps every digit for a rare top category.
 */
function probabilityThresholds(value: unknown, option: string, k: number | undefined): number[] {
  if (k !== undefined && Array.isArray(value) && value.length !== k) {
    throw fail('INVALID_OPTION', `\`${option}\` has ${value.length} proportions but \`categories\` is ${k}.`, { option, length: value.length, expected: k });
  }
  const p = numberArray(value, option, undefined, 2);
  if (p.length > MAX_CATEGORIES) throw fail('INVALID_OPTION', `\`${option}\` may define at most ${MAX_CATEGORIES} categories.`, { option });
  p.forEach((v, i) => {
    if (!(v > 0)) throw fail('INVALID_OPTION', `\`${option}[${i}]\` must be a proportion above 0; got ${v}.`, { option, index: i, value: v });
  });
  const sum = p.reduce((s, v) => s + v, 0);
  if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
    throw fail('INVALID_OPTION', `\`${option}\` must sum to 1 (within ${SUM_TOLERANCE}); it sums to ${sum}.`, { option, value: sum });
  }
  const q = p.map((v) => v / sum);
  const t: number[] = [];
  let lower = 0;
  for (let c = 0; c < q.length - 1; c++) {
    lower += q[c] as number;
    let upper = 0;
    for (let e = c + 1; e < q.length; e++) upper += q[e] as number;
    t.push(lower <= 0.5 ? normalQuantile(lower) : -normalQuantile(upper));
  }
  for (let i = 0; i < t.length; i++) {
    if (!Number.isFinite(t[i]) || (i > 0 && !((t[i] as number) > (t[i - 1] as number)))) {
      throw fail('INVALID_OPTION', `\`${option}\`: proportion ${i + 1} is too small to give a distinct threshold in double precision.`, { option, index: i });
    }
  }
  return t;
}

/**
 * Resolves `categories` / `thresholds` to ascending cut points on the latent z scale, or null for
 * continuous data. Default thresholds are Φ⁻¹(c / K), c = 1 … K − 1: every category is equally
 * likely (a flat marginal), which keeps as much of the latent information as K categories can.
 * One list for every item (the simulators with a fixed number of categories use this).
 */
export function resolveThresholds(categories: unknown, thresholds: unknown): number[] | null {
  const k = categoryCount(categories);
  if (thresholds === undefined) return k === undefined ? null : equalThresholds(k);
  return thresholdList(thresholds, 'thresholds', k);
}

/** True when an option holds one list per item (an array of arrays) rather than one shared list. */
const perItem = (value: unknown): value is unknown[] => Array.isArray(value) && value.length > 0 && value.every(Array.isArray);

/**
 * Resolves `categories`, `thresholds` and `categoryProbabilities` to one ascending list of cut
 * points per item (p items), or null for continuous data. `thresholds` and `categoryProbabilities`
 * each take one list for every item or one list per item (items may then differ in their number
 * of categories); they exclude each other, and with `categories` every list must have K − 1
 * thresholds or K proportions.
 */
export function resolveItemThresholds(categories: unknown, thresholds: unknown, categoryProbabilities: unknown, p: number): number[][] | null {
  const k = categoryCount(categories);
  if (thresholds !== undefined && categoryProbabilities !== undefined) {
    throw fail('INVALID_OPTION', 'Give `thresholds` or `categoryProbabilities`, not both: each sets the cut points.', { option: 'categoryProbabilities' });
  }
  const [option, value, read] =
    categoryProbabilities !== undefined
      ? (['categoryProbabilities', categoryProbabilities, probabilityThresholds] as const)
      : (['thresholds', thresholds, thresholdList] as const);
  if (value === undefined) {
    if (k === undefined) return null;
    const t = equalThresholds(k);
    return Array.from({ length: p }, () => [...t]);
  }
  if (!perItem(value)) {
    if (Array.isArray(value) && value.some(Array.isArray)) {
      throw fail('INVALID_OPTION', `\`${option}\` must be one list of numbers for every item or one list per item, not a mixture.`, { option });
    }
    const t = read(value, option, k);
    return Array.from({ length: p }, () => [...t]);
  }
  if (value.length !== p) {
    throw fail('INVALID_OPTION', `\`${option}\` gives ${value.length} lists; one per item needs ${p}.`, { option, length: value.length, expected: p });
  }
  return value.map((list, j) => read(list, `${option}[${j}]`, k));
}

/** Category score 1 … K of a latent value: 1 + the number of thresholds it exceeds. */
export function categorise(x: number, thresholds: readonly number[]): number {
  let y = 1;
  for (const t of thresholds) if (x > t) y++;
  return y;
}

/**
 * Covariance of the category scores of two standard normal variables with correlation r, cut at
 * thresholds τ (the first) and τ′ (the second). A score is 1 + Σₜ 1[X > τₜ], so
 * cov = Σₛ Σₜ [Φ₂(τₛ, τ′ₜ; r) − Φ(τₛ)Φ(τ′ₜ)]  (each term is the covariance of two indicators).
 * With `same` (an item with itself: r = 1, τ′ = τ) Φ₂(τₛ, τₜ; 1) = Φ(min(τₛ, τₜ)).
 */
export function categoryCovariance(r: number, thresholdsA: readonly number[], thresholdsB: readonly number[] = thresholdsA, same = false): number {
  if (r === 0 && !same) return 0;
  let s = 0;
  for (const ts of thresholdsA) {
    const ps = normalCdf(ts);
    for (const tt of thresholdsB) {
      const joint = same ? normalCdf(Math.min(ts, tt)) : bivariateNormalCdf(ts, tt, r);
      s += joint - ps * normalCdf(tt);
    }
  }
  return s;
}

/** Expected category score 1 + Σₜ P(X > τₜ). */
export function categoryMean(thresholds: readonly number[]): number {
  let m = 1;
  for (const t of thresholds) m += normalCdf(-t);
  return m;
}

/**
 * The population proportions of the K categories of a standard normal cut at τ₁ < … < τ_{K−1}:
 * p_c = Φ(τ_c) − Φ(τ_{c−1}), each difference taken in the tail where it keeps its digits.
 */
export function categoryProportions(thresholds: readonly number[]): number[] {
  const cut = [-Infinity, ...thresholds, Infinity];
  return Array.from({ length: thresholds.length + 1 }, (_, c) => {
    const lo = cut[c] as number;
    const hi = cut[c + 1] as number;
    if (hi <= 0) return normalCdf(hi) - normalCdf(lo);
    if (lo >= 0) return normalCdf(-lo) - normalCdf(-hi);
    return 1 - normalCdf(lo) - normalCdf(-hi);
  });
}
