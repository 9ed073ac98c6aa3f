// Building blocks shared by the foundation fuzz targets: hostile scalars, vectors and option
// objects, made from psychkit/testing's arbitraries wherever one fits.
import fc from 'fast-check';
import { arbitraries } from '../../../../src/testing/index.js';

/** Any hostile value (NaN, ±Infinity, strings, objects, bigints, undefined, …). */
export const hostile = arbitraries.hostileValue(fc);

/** Values that break code in ways hostileValue does not try: bigints JSON cannot print, huge bigints, odd objects. */
export const nasty = fc.constantFrom<unknown[]>(
  { a: 10n },
  [10n],
  10n ** 400n,
  -(10n ** 400n),
  new Map([[1, 2]]),
  new Set([1]),
  Object.assign(Object.create(null), { valueOf: null, toString: null }),
  new Float64Array([Number.NaN, 1]),
  { length: 3 },
  { length: -1 },
  { length: 1e12 },
  [[1, 2], [3]],
);

/** Numbers that test a numeric argument's edges, and now and then a hostile non-number. */
export const edgeNumber = fc.oneof(
  { arbitrary: fc.double(), weight: 3 },
  { arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0, 1, -1, 0.5, 2, 1e300, -1e300, 1e-300, 5e-324, Number.MAX_VALUE, 2 ** 53, 1e15), weight: 3 },
  { arbitrary: fc.integer({ min: -5, max: 100 }), weight: 2 },
  { arbitrary: hostile, weight: 1 },
);

/** A probability-like argument: mostly in [0, 1], sometimes outside or not a number. */
export const edgeProbability = fc.oneof(
  { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 4 },
  { arbitrary: fc.constantFrom(0, 1, 1e-300, 5e-324, 1 - 1e-16, 0.5, 0.975), weight: 2 },
  { arbitrary: edgeNumber, weight: 2 },
);

/** Ordinary finite data values. */
export const real = fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true });

/** Replaces one element of each generated (non-empty) array with a hostile value. */
export function withOneHostile<T>(arrays: fc.Arbitrary<readonly T[]>, bad: fc.Arbitrary<unknown> = fc.oneof(hostile, nasty)): fc.Arbitrary<unknown[]> {
  return fc.tuple(arrays.filter((a) => a.length > 0), fc.nat(), bad).map(([a, i, v]) => {
    const copy: unknown[] = [...a];
    copy[i % copy.length] = v;
    return copy;
  });
}

/** A vector of one variable: wholly hostile, valid, valid with one hostile cell, or one of the shapes. */
export const vector: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.oneof(hostile, nasty), weight: 2 },
  { arbitrary: fc.array(real, { maxLength: 30 }), weight: 4 },
  { arbitrary: withOneHostile(fc.array(real, { minLength: 1, maxLength: 20 })), weight: 4 },
  { arbitrary: fc.array(fc.oneof(real, hostile), { maxLength: 8 }), weight: 2 },
  // constant, a few values, missing-heavy, numeric strings
  { arbitrary: fc.tuple(real, fc.integer({ min: 0, max: 12 })).map(([v, n]) => Array.from({ length: n }, () => v)), weight: 1 },
  { arbitrary: fc.array(real, { maxLength: 4 }), weight: 1 },
  { arbitrary: fc.array(fc.oneof(real, fc.constantFrom(null, undefined, Number.NaN, '')), { maxLength: 15 }), weight: 1 },
  { arbitrary: fc.array(fc.oneof(real, real.map((v) => ` ${v} `), fc.constantFrom('3', '1e3', '-2.5')), { minLength: 4, maxLength: 15 }), weight: 1 },
  // 1e300-scale and subnormal values: squares overflow / underflow
  { arbitrary: fc.array(fc.oneof(real.map((v) => v * 1e300), real.map((v) => 1e300 + v * 1e290), real.map((v) => v * 1e-300)), { minLength: 3, maxLength: 15 }), weight: 2 },
  { arbitrary: fc.array(fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324, 0), { minLength: 3, maxLength: 10 }), weight: 1 },
  { arbitrary: fc.array(real, { minLength: 1, maxLength: 15 }).map((a) => Float64Array.from(a)), weight: 1 },
  { arbitrary: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 25 }), weight: 2 },
  { arbitrary: fc.array(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 25 }), weight: 2 },
);

/** Variants of a valid options object (one key hostile, an unknown key, a key removed, no object). */
export function options(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  return arbitraries.hostileOptions(fc, valid);
}

/** Every string reachable from a value (object keys included), for the text checks. */
export function stringsIn(value: unknown, out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') {
    out.push(value);
    return out;
  }
  if (typeof value !== 'object' || value === null || seen.has(value) || ArrayBuffer.isView(value)) return out;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const v of value) stringsIn(v, out, seen);
    return out;
  }
  for (const key of Object.keys(value)) {
    out.push(key);
    stringsIn((value as Record<string, unknown>)[key], out, seen);
  }
  return out;
}

const BAD_TEXT = ['NaN', 'undefined', '[object Object]', 'Infinity'];

/**
 * Fails when the text a function produced says "NaN", "undefined", "Infinity" or "[object Object]"
 * although no string in its input did: such text is a formatting bug (a missing field printed
 * raw), never something a reader should see.
 */
export function checkText(result: unknown, args: readonly unknown[]): void {
  const produced = stringsIn(result);
  const given = stringsIn(args);
  for (const token of BAD_TEXT) {
    if (given.some((s) => s.includes(token))) continue;
    const hit = produced.find((s) => s.includes(token));
    if (hit !== undefined) {
      const at = hit.indexOf(token);
      throw new Error(`output contains "${token}" that no input string had: …${hit.slice(Math.max(0, at - 80), at + 40)}…`);
    }
  }
}
