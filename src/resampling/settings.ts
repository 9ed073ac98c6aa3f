// Bootstrap settings shared by every function that resamples: validated once, reported back.
import { fail } from '../errors.js';
import { freshSeed, type Seed } from '../random/index.js';
import { field, type ProgressCallback } from '../util/options.js';
import type { BootstrapInterval } from './intervals.js';

/** PROCESS's default number of bootstrap resamples. */
export const DEFAULT_RESAMPLES = 5000;
/** Fewer resamples than this are refused unless `allowFewResamples: true`. */
export const MINIMUM_RESAMPLES = 1000;

/** Bootstrap settings after validation. */
export interface BootstrapSettings {
  /** 0 = no bootstrap. */
  readonly resamples: number;
  readonly seed: Seed;
  readonly interval: BootstrapInterval;
  readonly onProgress: ProgressCallback | undefined;
  /** Keep every effect's resampled estimates (`draws`) in the result (`processModel`, `pathModel`). */
  readonly keepResamples?: boolean;
}

/**
 * The option fields of every case-resampling bootstrap (`processModel`, `pathModel`,
 * `bootstrap`): `resamples`, `allowFewResamples`, `seed`, `interval`, `onProgress`.
 */
export const RESAMPLING_FIELDS = {
  resamples: field.number(DEFAULT_RESAMPLES, 0, 10_000_000, { integer: true }),
  allowFewResamples: field.boolean(false),
  seed: field.seed(),
  interval: field.oneOf<BootstrapInterval>(['percentile', 'bias-corrected'], 'percentile'),
  onProgress: field.progress(),
} as const;

/**
 * The options of a case-resampling bootstrap (`processModel`, `pathModel`, `bootstrap`), as a
 * caller writes them.
 */
export interface ResamplingOptions {
  /** Bootstrap resamples (default 5,000; 0 = none; 2–999 need `allowFewResamples: true`). */
  readonly resamples?: number;
  /** Allow 2–999 resamples (for exploring, e.g. with a slider; limits are unstable below 1,000). */
  readonly allowFewResamples?: boolean;
  /** Seed of the resampling stream; the result reports the seed used (a fresh one when omitted). */
  readonly seed?: Seed;
  /** Bootstrap interval: `'percentile'` (default) or `'bias-corrected'`. */
  readonly interval?: BootstrapInterval;
  /** Called with (resamples done, total) about every 1% of the bootstrap. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Bootstrap options as read by {@link RESAMPLING_FIELDS}. */
export interface ReadResampling {
  readonly resamples: number;
  readonly allowFewResamples: boolean;
  readonly seed: Seed | undefined;
  readonly interval: BootstrapInterval;
  readonly onProgress: ProgressCallback | undefined;
}

/** Checks the resample count against `allowFewResamples` and draws a seed if none was given. */
export function bootstrapSettings(o: ReadResampling): BootstrapSettings {
  const { resamples } = o;
  if (resamples > 0 && resamples < MINIMUM_RESAMPLES && !o.allowFewResamples) {
    throw fail(
      'INVALID_OPTION',
      `\`resamples: ${resamples}\` is too few for stable confidence limits; use at least ${MINIMUM_RESAMPLES} (5,000 is the default), 0 for none, or pass \`allowFewResamples: true\` (for exploring, e.g. with a slider). (PROCESS silently resets such values to 5,000; psychkit refuses instead.)`,
      { option: 'resamples', value: resamples },
    );
  }
  if (resamples === 1) {
    throw fail('INVALID_OPTION', '`resamples` must be 0 or at least 2 (a standard error needs two resamples).', { option: 'resamples', value: resamples });
  }
  return { resamples, seed: o.seed ?? freshSeed(), interval: o.interval, onProgress: o.onProgress };
}

/** How the bootstrap was run, so that any result can be reproduced. */
export interface BootstrapInfo {
  /** Resamples used for every SE and CI. */
  readonly resamples: number;
  /** Resamples drawn again because a design was singular in them (PROCESS replaces these too) or an effect was not finite (`bootstrap()`: the statistic). */
  readonly replaced: number;
  readonly seed: Seed;
  readonly interval: BootstrapInterval;
  readonly confidence: number;
}

