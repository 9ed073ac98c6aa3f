import alea from 'seedrandom/lib/alea.js';
import ln from '@stdlib/math-base-special-ln';
import { fail } from '../errors.js';
import { seedValue, showValue } from '../util/options.js';

/** A seeded stream of pseudo-random numbers. */
export interface RandomStream {
  /** The seed, as a string (numbers are converted with `String`). */
  readonly seed: string;
  /** Uniform on [0, 1). */
  next(): number;
  /** Uniform integer on 0 … n − 1; n must be a whole number from 1 to 2³². */
  int(n: number): number;
  /** Standard normal (Marsaglia's polar method). */
  normal(): number;
}

const MAX_INT = 2 ** 32;
// Streams made here draw valid indices by construction; bootstrapIndices checks other streams' draws.
const STREAM = Symbol.for('psychkit.RandomStream');

/** A seed: any finite number or string. */
export type Seed = number | string;

/**
 * Creates a seeded stream from seedrandom's Alea generator. Alea uses only additions,
 * multiplications and integer truncation, so a seed yields the same uniform stream, bit for bit,
 * in Node, Deno and every browser. Normal draws (Marsaglia's polar method) need a logarithm:
 * they use @stdlib's `ln`, plain IEEE arithmetic, because engines round `Math.log` differently
 * (Chromium 156 and Node 20 disagree in the last bit for ~7% of arguments); `Math.sqrt` is
 * correctly rounded everywhere. So normal streams, and every seeded simulation built on them,
 * are bit-identical across runtimes too.
 *
 * @example
 * ```ts
 * const rng = randomStream(42);
 * rng.next(); // same value on every run and runtime
 * ```
 */
export function randomStream(seed: Seed): RandomStream {
  if (seedValue('seed', seed) === undefined) {
    throw fail('INVALID_OPTION', '`seed` must be a finite number or a string; got undefined.', { option: 'seed', value: seed });
  }
  const key = String(seed);
  const prng = alea(key);
  let spare = Number.NaN;
  const next = (): number => prng();
  const stream: RandomStream = {
    seed: key,
    next,
    int(n: number) {
      // Alea gives 32 random bits per draw, so larger n would leave values out.
      if (!(typeof n === 'number' && n >= 1 && n <= MAX_INT && Math.floor(n) === n)) {
        throw fail('INVALID_OPTION', `int(n): \`n\` must be a whole number from 1 to 2^32; got ${showValue(n)}.`, { option: 'n', value: n });
      }
      return Math.floor(prng() * n);
    },
    normal() {
      if (!Number.isNaN(spare)) {
        const s = spare;
        spare = Number.NaN;
        return s;
      }
      let u: number;
      let v: number;
      let s: number;
      do {
        u = 2 * prng() - 1;
        v = 2 * prng() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const f = Math.sqrt((-2 * ln(s)) / s);
      spare = v * f;
      return u * f;
    },
  };
  Object.defineProperty(stream, STREAM, { value: true });
  return stream;
}

/**
 * The internal state Alea starts from for `seed` (as `randomStream(seed)` does), for hot loops
 * that inline the Alea recurrence instead of calling `next()` per draw.
 */
export function aleaState(seed: Seed): { readonly s0: number; readonly s1: number; readonly s2: number; readonly c: number } {
  return alea(String(seed), { state: true }).state();
}

/** A fresh seed for callers who gave none; results report it so any run can be repeated. */
export function freshSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/**
 * Fills `out` with n indices drawn uniformly with replacement from 0 … n − 1 (one bootstrap
 * resample of cases). Allocation-free when `out` is supplied.
 *
 * Throws `INVALID_OPTION` unless `rng` is a stream (an object with `int`), `n` a whole number from
 * 0 to 2³¹ − 1 and `out` (when given) an `Int32Array` of at least n elements; a stream not made by
 * {@link randomStream} whose `int` returns anything but an index in 0 … n − 1 throws too.
 *
 * @example
 * ```ts
 * const idx = new Int32Array(267);
 * bootstrapIndices(randomStream(1), 267, idx);
 * ```
 */
export function bootstrapIndices(rng: RandomStream, n: number, out?: Int32Array): Int32Array {
  if (typeof rng !== 'object' || rng === null || typeof (rng as { int?: unknown }).int !== 'function') {
    throw fail('INVALID_OPTION', `bootstrapIndices: \`rng\` must be a stream from randomStream(seed); got ${showValue(rng)}.`, { option: 'rng' });
  }
  if (!(typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 2 ** 31 - 1)) {
    throw fail('INVALID_OPTION', `bootstrapIndices: \`n\` must be a whole number from 0 to 2^31 − 1; got ${showValue(n)}.`, { option: 'n', value: n });
  }
  if (out !== undefined && !(out instanceof Int32Array && out.length >= n)) {
    throw fail('INVALID_OPTION', `bootstrapIndices: \`out\` must be an Int32Array of at least n = ${n} elements; got ${out instanceof Int32Array ? `length ${out.length}` : showValue(out)}.`, {
      option: 'out',
    });
  }
  const buffer = out ?? new Int32Array(n);
  if ((rng as { [STREAM]?: unknown })[STREAM] === true) {
    for (let i = 0; i < n; i++) buffer[i] = rng.int(n);
    return buffer;
  }
  for (let i = 0; i < n; i++) {
    const j = rng.int(n);
    if (!(typeof j === 'number' && Number.isInteger(j) && j >= 0 && j < n)) {
      throw fail('INVALID_OPTION', `bootstrapIndices: \`rng.int(${n})\` returned ${showValue(j)}, not an index in 0 … ${n - 1}.`, { option: 'rng', value: j });
    }
    buffer[i] = j;
  }
  return buffer;
}
