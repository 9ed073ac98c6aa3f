import { fail } from '../../errors.js';
import { randomStream, type Seed } from '../../random/stream.js';
import { show } from '../../util/options.js';

/**
 * `count` seeds for repeated simulations, derived from one master seed: whole numbers in
 * [0, 2³²), drawn from the seeded stream of `master`, so a study of many simulated data sets is
 * reproduced by its one seed, on every runtime. Seeds may repeat only with probability about
 * count²/2³³.
 *
 * @example
 * ```ts
 * import { seeds, simulate } from 'psychkit/testing';
 * const samples = seeds(2026, 200).map((seed) => simulate.congeneric({ loadings: [0.7, 0.6, 0.5], n: 300, seed }));
 * ```
 */
export function seeds(master: Seed, count: number): number[] {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 10_000_000) {
    throw fail('OUT_OF_RANGE', `seeds: \`count\` must be a whole number from 0 to 10,000,000; got ${show(count)}.`, { option: 'count', value: count });
  }
  const rng = randomStream(master);
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = Math.floor(rng.next() * 4294967296);
  return Object.freeze(out) as number[];
}
