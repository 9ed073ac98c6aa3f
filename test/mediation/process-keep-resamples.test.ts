// `keepResamples` keeps the draws in resample order (they once came back sorted: the percentile
// interval sorted the block in place before it was copied).
import { describe, expect, it } from 'vitest';
import { processModel } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';

describe('processModel keepResamples', () => {
  const sim = simulate.mediation({ model: 4, paths: { a: [0.4], b: [0.3], direct: 0.1 }, n: 150, seed: 3 });
  const run = (resamples: number) => processModel(sim.data, { model: 4, x: 'x', m: 'm1', y: 'y', resamples, seed: 9, keepResamples: true });

  it('draws are in resample order: a longer run with the same seed starts with the shorter run’s draws', () => {
    const short = run(1_000).indirectEffects[0]!.draws!;
    const long = run(2_000).indirectEffects[0]!.draws!;
    expect(Array.from(long.subarray(0, 1_000))).toEqual(Array.from(short));
    const sorted = Float64Array.from(short).sort();
    expect(Array.from(short)).not.toEqual(Array.from(sorted));
  });
});
