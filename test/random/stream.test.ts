import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PsychkitError, bootstrapIndices, randomStream } from '../../src/index.js';

describe('randomStream', () => {
  it('is reproducible for a seed, and a number seed equals its string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.string()), (seed) => {
        const a = randomStream(seed);
        const b = randomStream(String(seed));
        for (let i = 0; i < 20; i++) expect(a.next()).toBe(b.next());
      }),
    );
  });
  it('pins the stream so a change of generator cannot go unnoticed', () => {
    // Alea seeded with "42" (seedrandom 3.0.5). Also asserted in Deno and the browser (examples/).
    const rng = randomStream(42);
    const first = [rng.next(), rng.next(), rng.next()];
    expect(first).toMatchSnapshot();
  });
  it('draws uniform values in [0, 1) with the right mean and variance', () => {
    const rng = randomStream('uniform');
    let s = 0;
    let ss = 0;
    const N = 200_000;
    for (let i = 0; i < N; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      ss += u * u;
    }
    const mean = s / N;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(ss / N - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });
  it('draws standard normals', () => {
    const rng = randomStream(7);
    let s = 0;
    let ss = 0;
    const N = 200_000;
    for (let i = 0; i < N; i++) {
      const z = rng.normal();
      s += z;
      ss += z * z;
    }
    expect(Math.abs(s / N)).toBeLessThan(0.01);
    expect(Math.abs(ss / N - 1)).toBeLessThan(0.015);
  });
  it('bootstrap indices stay in range and fill a supplied buffer', () => {
    const out = new Int32Array(50);
    const res = bootstrapIndices(randomStream(1), 50, out);
    expect(res).toBe(out);
    for (const i of out) expect(i >= 0 && i < 50).toBe(true);
  });
  it('rejects a non-finite seed', () => {
    expect(() => randomStream(NaN)).toThrow(PsychkitError);
  });
});

// Found by the bad-input fuzz suite (test/fuzz).
describe('hostile arguments to streams', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(PsychkitError);
      return (e as PsychkitError).code;
    }
    return 'none';
  };
  it('int(n) rejects an n that is not a whole number from 1 to 2^32 instead of returning NaN', () => {
    const rng = randomStream(1);
    for (const n of [Number.NaN, 0, -1, 2.5, 2 ** 33, '5', undefined]) expect(code(() => rng.int(n as never))).toBe('INVALID_OPTION');
    expect(rng.int(1)).toBe(0);
  });
  it('bootstrapIndices checks the stream, n and the output buffer', () => {
    const rng = randomStream(1);
    expect(code(() => bootstrapIndices(null as never, 3))).toBe('INVALID_OPTION');
    expect(code(() => bootstrapIndices(rng, -1))).toBe('INVALID_OPTION');
    expect(code(() => bootstrapIndices(rng, 1e300))).toBe('INVALID_OPTION');
    expect(code(() => bootstrapIndices(rng, 3, new Int32Array(2)))).toBe('INVALID_OPTION');
    expect(code(() => bootstrapIndices(rng, 3, Object.freeze([]) as never))).toBe('INVALID_OPTION');
    expect(code(() => bootstrapIndices({ int: () => Number.NaN } as never, 3))).toBe('INVALID_OPTION');
    expect(Array.from(bootstrapIndices({ int: () => 1 } as never, 2))).toEqual([1, 1]);
  });
});
