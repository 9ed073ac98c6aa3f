/**
 * Number of fast-check runs for a property: `fallback` (the size that keeps `npm test` fast)
 * multiplied by the environment variable PSYCHKIT_FUZZ_RUNS when it is set.
 *
 *   PSYCHKIT_FUZZ_RUNS=50 npx vitest run test/testing   # every property 50× its default
 *
 * The variable is a multiplier, not a count, so properties that are expensive per run keep their
 * smaller defaults relative to cheap ones. Fractions (0.1) shrink a run for a quick check.
 */
export function numRuns(fallback: number): number {
  const raw = typeof process === 'undefined' ? undefined : process.env['PSYCHKIT_FUZZ_RUNS'];
  if (raw === undefined || raw.trim() === '') return fallback;
  const factor = Number(raw);
  if (!Number.isFinite(factor) || factor <= 0) {
    throw new Error(`PSYCHKIT_FUZZ_RUNS must be a positive number (a multiplier of each property's default runs); got "${raw}".`);
  }
  return Math.max(1, Math.round(fallback * factor));
}
