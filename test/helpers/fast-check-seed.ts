import fc from 'fast-check';

/**
 * Seed policy for every property without its own `seed` (a vitest setup file):
 *
 * - CI (`CI` set): one fixed seed, so a red run is caused by the change under test and replays
 *   exactly; a draw that is merely new cannot block a merge.
 * - Locally: a fresh seed each run (fast-check's default), so `npm test` keeps looking for new
 *   counterexamples. A failure prints its seed; each one found becomes a regression test.
 * - `PSYCHKIT_FC_SEED=<integer>` pins any run; `PSYCHKIT_FC_SEED=random` unpins CI.
 */
const env = typeof process === 'undefined' ? {} : process.env;
const raw = env['PSYCHKIT_FC_SEED'] ?? (env['CI'] ? '20261123' : undefined);
if (raw !== undefined && raw !== 'random') {
  const seed = Number(raw);
  if (!Number.isInteger(seed)) throw new Error(`PSYCHKIT_FC_SEED must be an integer or "random"; got "${raw}".`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}
