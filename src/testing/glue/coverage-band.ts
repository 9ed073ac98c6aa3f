import { fail } from '../../errors.js';
import { fQuantile } from '../../probability/index.js';
import { deepFreeze } from '../../util/freeze.js';
import { defineOptions, field, show } from '../../util/options.js';

/** Options of {@link coverageBand}. */
export interface CoverageBandOptions {
  /** The coverage the intervals claim, e.g. 0.95 for 95% CIs. Default 0.95. */
  readonly nominal?: number;
  /** Confidence of the band around the observed rate. Default 0.99, so a correct method fails the check 1 time in 100. */
  readonly confidence?: number;
}

/** Result of {@link coverageBand}. */
export interface CoverageBand {
  readonly successes: number;
  readonly trials: number;
  /** successes / trials. */
  readonly rate: number;
  /** Clopper–Pearson interval of the true coverage. */
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
  readonly nominal: number;
  /** Whether `nominal` lies in [lower, upper]: the observed coverage is consistent with the claim. */
  readonly consistent: boolean;
}

/** The p quantile of Beta(a, b), from F's: X = aF/(aF + b) with F ~ F(2a, 2b). */
function betaQuantile(p: number, a: number, b: number): number {
  const f = fQuantile(p, 2 * a, 2 * b);
  return f === Infinity ? 1 : (a * f) / (a * f + b);
}

const readCoverageBandOptions = defineOptions('coverageBand', {
  nominal: field.number(0.95, 0, 1, { exclusiveMin: true, exclusiveMax: true }),
  confidence: field.confidence(0.99),
});

/**
 * Is an observed coverage rate consistent with the nominal one? `successes` of `trials` simulated
 * intervals covered the truth; the Clopper–Pearson (exact binomial) interval of the true coverage,
 * [B(α/2; s, t − s + 1), B(1 − α/2; s + 1, t − s)] with B the beta quantile, either contains
 * `nominal` (`consistent: true`) or not. With 1,000 trials and 95% intervals the band is about
 * ±1.8 points at 99% confidence.
 *
 * Reference: Clopper, C. J., & Pearson, E. S. (1934). The use of confidence or fiducial limits
 * illustrated in the case of the binomial. *Biometrika, 26*(4), 404–413.
 *
 * @example
 * ```ts
 * import { coverageBand } from 'psychkit/testing';
 * const band = coverageBand(941, 1000, { nominal: 0.95 });
 * band.consistent; // true: 94.1% is within sampling error of 95%
 * ```
 */
export function coverageBand(successes: number, trials: number, options: CoverageBandOptions = {}): CoverageBand {
  if (typeof trials !== 'number' || !Number.isInteger(trials) || trials < 1) {
    throw fail('OUT_OF_RANGE', `coverageBand: \`trials\` must be a whole number of at least 1; got ${show(trials)}.`, { option: 'trials', value: trials });
  }
  if (typeof successes !== 'number' || !Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw fail('OUT_OF_RANGE', `coverageBand: \`successes\` must be a whole number from 0 to trials (${trials}); got ${show(successes)}.`, { option: 'successes', value: successes });
  }
  const o = readCoverageBandOptions.read(options);
  const alpha = 1 - o.confidence;
  const lower = successes === 0 ? 0 : betaQuantile(alpha / 2, successes, trials - successes + 1);
  const upper = successes === trials ? 1 : betaQuantile(1 - alpha / 2, successes + 1, trials - successes);
  return deepFreeze({ successes, trials, rate: successes / trials, lower, upper, confidence: o.confidence, nominal: o.nominal, consistent: o.nominal >= lower && o.nominal <= upper });
}
