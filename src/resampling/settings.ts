// Bootstrap settings shared by every function that resamples: validated once, reported back.
import { fail } from '../errors.js';
import { freshSeed, type Seed } from '../random/index.js';
import { numberIn, oneOf, show } from '../util/options.js';
import type { BootstrapCi } from './intervals.js';

/** PROCESS's default number of bootstrap resamples. */
export const DEFAULT_RESAMPLES = 5000;
/** Fewer resamples than this are refused unless `allowFewResamples: true`. */
export const MINIMUM_RESAMPLES = 1000;

/** Bootstrap settings after validation. */
export interface BootstrapSettings {
  /** 0 = no bootstrap. */
  readonly resamples: number;
  readonly seed: Seed;
  readonly ci: BootstrapCi;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
}

/** Validates `bootstrap`, `seed`, `ci`, `allowFewResamples` and `onProgress`. */
export function bootstrapSettings(
  o: { bootstrap?: unknown; seed?: unknown; ci?: unknown; allowFewResamples?: unknown; onProgress?: unknown },
  option = 'bootstrap',
): BootstrapSettings {
  const resamples = numberIn(option, o.bootstrap, DEFAULT_RESAMPLES, 0, 10_000_000, { integer: true });
  if (o.allowFewResamples !== undefined && typeof o.allowFewResamples !== 'boolean') {
    throw fail('INVALID_OPTION', '`allowFewResamples` must be true or false.', { option: 'allowFewResamples', value: o.allowFewResamples });
  }
  if (resamples > 0 && resamples < MINIMUM_RESAMPLES && o.allowFewResamples !== true) {
    throw fail(
      'INVALID_OPTION',
      `\`${option}: ${resamples}\` is too few resamples for stable confidence limits; use at least ${MINIMUM_RESAMPLES} (5,000 is the default), 0 for none, or pass \`allowFewResamples: true\`. (PROCESS silently resets such values to 5,000; psychkit refuses instead.)`,
      { option, value: resamples },
    );
  }
  if (resamples === 1 && o.allowFewResamples === true) {
    throw fail('INVALID_OPTION', `\`${option}\` must be 0 or at least 2 (a standard error needs two resamples).`, { option, value: resamples });
  }
  let seed: Seed;
  if (o.seed === undefined) seed = freshSeed();
  else if ((typeof o.seed === 'number' && Number.isFinite(o.seed)) || typeof o.seed === 'string') seed = o.seed;
  else throw fail('INVALID_OPTION', `\`seed\` must be a finite number or a string; got ${show(o.seed)}.`, { option: 'seed', value: o.seed });
  const ci = oneOf<BootstrapCi>('ci', o.ci, ['percentile', 'bias-corrected'], 'percentile');
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw fail('INVALID_OPTION', '`onProgress` must be a function (done, total) => void.', { option: 'onProgress' });
  }
  return { resamples, seed, ci, onProgress: o.onProgress as BootstrapSettings['onProgress'] };
}

/** How the bootstrap was run, so that any result can be reproduced. */
export interface BootstrapInfo {
  /** Resamples used for every SE and CI. */
  readonly resamples: number;
  /** Resamples drawn again because a design was singular in them (PROCESS replaces these too) or an effect was not finite (`bootstrap()`: the statistic). */
  readonly replaced: number;
  readonly seed: Seed;
  readonly ci: BootstrapCi;
  readonly confidence: number;
}

