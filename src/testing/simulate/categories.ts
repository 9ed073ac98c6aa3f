import { fail } from '../../errors.js';
import { normalCdf, normalQuantile } from '../../probability/index.js';
import { bivariateNormalCdf } from '../../probability/bivariate-normal.js';
import { describe, numberArray } from './options.js';

/** Largest number of response categories a simulator accepts. */
export const MAX_CATEGORIES = 100;

/**
 * Resolves `categories` / `thresholds` to ascending cut points on the latent z scale, or null for
 * continuous data. Default thresholds are Φ⁻¹(c / K), c = 1 … K − 1: every category is equally
 * likely (a flat marginal), which keeps as much of the latent information as K categories can.
 */
export function resolveThresholds(categories: unknown, thresholds: unknown): number[] | null {
  if (categories === undefined && thresholds === undefined) return null;
  let k: number | undefined;
  if (categories !== undefined) {
    if (typeof categories !== 'number' || !Number.isInteger(categories) || categories < 2 || categories > MAX_CATEGORIES) {
      throw fail('INVALID_OPTION', `\`categories\` must be an integer from 2 to ${MAX_CATEGORIES}; got ${describe(categories)}.`, {
        option: 'categories',
        value: categories,
      });
    }
    k = categories;
  }
  if (thresholds === undefined) {
    const K = k as number;
    return Array.from({ length: K - 1 }, (_, c) => normalQuantile((c + 1) / K));
  }
  const t = numberArray(thresholds, 'thresholds', k === undefined ? undefined : k - 1);
  if (t.length + 1 > MAX_CATEGORIES) {
    throw fail('INVALID_OPTION', `\`thresholds\` may define at most ${MAX_CATEGORIES} categories.`, { option: 'thresholds' });
  }
  for (let i = 1; i < t.length; i++) {
    if (!((t[i] as number) > (t[i - 1] as number))) {
      throw fail('INVALID_OPTION', '`thresholds` must be strictly increasing.', { option: 'thresholds', index: i, value: t[i] });
    }
  }
  return t;
}

/** Category score 1 … K of a latent value: 1 + the number of thresholds it exceeds. */
export function categorise(x: number, thresholds: readonly number[]): number {
  let y = 1;
  for (const t of thresholds) if (x > t) y++;
  return y;
}

/**
 * Covariance of the category scores of two standard normal variables with correlation r, both cut
 * at the same thresholds. A score is 1 + Σₜ 1[X > τₜ], so
 * cov = Σₛ Σₜ [Φ₂(τₛ, τₜ; r) − Φ(τₛ)Φ(τₜ)]  (each term is the covariance of two indicators).
 * At r = 1 (an item with itself) Φ₂(τₛ, τₜ; 1) = Φ(min(τₛ, τₜ)).
 */
export function categoryCovariance(r: number, thresholds: readonly number[], same = false): number {
  if (r === 0 && !same) return 0;
  let s = 0;
  for (const ts of thresholds) {
    const ps = normalCdf(ts);
    for (const tt of thresholds) {
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
