import alea from 'seedrandom/lib/alea.js';
import ln from '@stdlib/math-base-special-ln';
import { fail } from '../errors.js';

/** A seeded stream of pseudo-random numbers. */
export interface RandomStream {
  /** The seed, as a string (numbers are converted with `String`). */
  readonly seed: string;
  /** Uniform on [0, 1). */
  next(): number;
  /** Uniform integer on 0 … n − 1. */
  int(n: number): number;
  /** Standard normal (Marsaglia's polar method). */
  normal(): number;
}

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
  if (!((typeof seed === 'number' && Number.isFinite(seed)) || typeof seed === 'string')) {
    throw fail('INVALID_OPTION', `\`seed\` must be a finite number or a string; got ${String(seed)}.`, { option: 'seed', value: seed });
  }
  const key = String(seed);
  const prng = alea(key);
  let spare = Number.NaN;
  const next = (): number => prng();
  return {
    seed: key,
    next,
    int: (n: number) => Math.floor(prng() * n),
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
 * @example
 * ```ts
 * const idx = new Int32Array(267);
 * bootstrapIndices(randomStream(1), 267, idx);
 * ```
 */
export function bootstrapIndices(rng: RandomStream, n: number, out: Int32Array = new Int32Array(n)): Int32Array {
  for (let i = 0; i < n; i++) out[i] = rng.int(n);
  return out;
}
