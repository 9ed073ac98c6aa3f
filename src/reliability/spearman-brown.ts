import { fail } from '../errors.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field, show } from '../util/options.js';

/** Options of {@link spearmanBrown}: exactly one of `lengthFactor` and `target`. */
export interface SpearmanBrownOptions {
  /** How many times longer the test becomes (2: twice as many parallel items; 0.5: half). */
  readonly lengthFactor?: number;
  /** A reliability to reach: the result says how many times longer the test must be. */
  readonly target?: number;
}

/** Result of {@link spearmanBrown}. */
export interface SpearmanBrownResult {
  /** The reliability of the test as it is. */
  readonly reliability: number;
  /** The length factor k: given, or the one that reaches `target`. */
  readonly lengthFactor: number;
  /** The reliability of the test k times as long (equal to `target` when that was given). */
  readonly predicted: number;
}

const readSpearmanBrownOptions = defineOptions('spearmanBrown', {
  lengthFactor: field.optionalNumber(0, Infinity, { exclusiveMin: true }),
  target: field.optionalNumber(0, 1, { exclusiveMin: true, exclusiveMax: true }),
});

/**
 * The Spearman–Brown prophecy: the reliability of a test made k times as long with parallel items,
 *   ρ_k = kρ / (1 + (k − 1)ρ),
 * or, given a target reliability ρ*, the length factor that reaches it,
 *   k = ρ*(1 − ρ) / (ρ(1 − ρ*)).
 * Give exactly one of `lengthFactor` and `target`. A split-half correlation stepped up to the
 * full test is `lengthFactor: 2`. Assumes parallel items (equal loadings and error variances).
 *
 * References: Spearman, C. (1910). Correlation calculated from faulty data. *British Journal of
 * Psychology, 3*, 271–295. Brown, W. (1910). Some experimental results in the correlation of
 * mental abilities. *British Journal of Psychology, 3*, 296–322.
 *
 * @example
 * ```ts
 * spearmanBrown(0.7, { lengthFactor: 2 }).predicted; // 0.8235294117647058
 * spearmanBrown(0.7, { target: 0.9 }).lengthFactor; // 3.857142857142857: about 4 times as many items
 * ```
 */
export function spearmanBrown(reliability: number, options: SpearmanBrownOptions): SpearmanBrownResult {
  if (typeof reliability !== 'number' || !(reliability > 0 && reliability < 1)) {
    throw fail('OUT_OF_RANGE', `spearmanBrown: \`reliability\` must be a number strictly between 0 and 1; got ${show(reliability)}.`, { option: 'reliability', value: reliability });
  }
  const o = readSpearmanBrownOptions.read(options);
  if ((o.lengthFactor === undefined) === (o.target === undefined)) {
    throw fail('INVALID_OPTION', 'spearmanBrown: give exactly one of `lengthFactor` (the prophecy for a longer or shorter test) and `target` (the length needed for a reliability).', { option: o.lengthFactor === undefined ? 'lengthFactor' : 'target' });
  }
  const rho = reliability;
  if (o.lengthFactor !== undefined) {
    const k = o.lengthFactor;
    return deepFreeze({ reliability: rho, lengthFactor: k, predicted: (k * rho) / (1 + (k - 1) * rho) });
  }
  const target = o.target as number;
  return deepFreeze({ reliability: rho, lengthFactor: (target * (1 - rho)) / (rho * (1 - target)), predicted: target });
}
