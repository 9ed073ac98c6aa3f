// The kernel's jump ahead in Alea's stream (psychkit/worker gives each worker its slice of the one
// seeded stream): the same state as stepping the recurrence, and the same draws as randomStream.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomStream } from '../../src/index.js';
import { aleaState } from '../../src/random/index.js';
import { advanceAlea } from '../../src/mediation/kernel.js';

function step(state: { s0: number; s1: number; s2: number; c: number }, steps: number): void {
  for (let k = 0; k < steps; k++) {
    const t = 2091639 * state.s0 + state.c * 2.3283064365386963e-10;
    state.s0 = state.s1;
    state.s1 = state.s2;
    state.c = t | 0;
    state.s2 = t - state.c;
  }
}

describe('advanceAlea', () => {
  it('equals stepping the recurrence, for any seed and number of steps', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.string()), fc.integer({ min: 0, max: 20000 }), (seed, steps) => {
        const jumped = { ...aleaState(seed) };
        const stepped = { ...aleaState(seed) };
        advanceAlea(jumped, steps);
        step(stepped, steps);
        expect(jumped).toEqual(stepped);
      }),
      { numRuns: 200 },
    );
  });

  it('jumps millions of draws: the next draws are randomStream’s', () => {
    const state = { ...aleaState(42) };
    const rng = randomStream(42);
    for (let k = 0; k < 3_000_000; k++) rng.next();
    advanceAlea(state, 3_000_000);
    const copy = { ...state };
    step(copy, 1);
    expect(copy.s2).toBe(rng.next());
  });
});
