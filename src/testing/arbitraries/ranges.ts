import { strictOptions } from '../../util/options.js';
import { fail } from '../../errors.js';
import { describe } from '../simulate/options.js';

/**
 * A count given exactly (`5`) or as an inclusive range (`{ min: 2, max: 8 }`; either end optional:
 * the default's end, or, where that would cross the given end, twice `min` / half `max`).
 */
export type Range = number | { readonly min?: number; readonly max?: number };

/** Resolves a {@link Range} option of integers to [min, max] within [lowest, highest]. */
export function intRange(value: unknown, option: string, fallback: readonly [number, number], lowest: number, highest: number): [number, number] {
  if (value === undefined) return [fallback[0], fallback[1]];
  let min: unknown;
  let max: unknown;
  if (typeof value === 'number') min = max = value;
  else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    // A range means a range: an end left out is the default's, and where that end would cross
    // the given one it moves with it (`{ min: 50 }` with default 1 … 30 is 50 … 100, not 50 … 50).
    const givenMin = (value as { min?: unknown }).min;
    const givenMax = (value as { max?: unknown }).max;
    min = givenMin ?? (typeof givenMax === 'number' && givenMax < fallback[0] ? Math.max(lowest, Math.ceil(givenMax / 2)) : fallback[0]);
    max = givenMax ?? (typeof givenMin === 'number' && givenMin > fallback[1] ? Math.min(highest, 2 * givenMin) : fallback[1]);
  } else {
    throw fail('INVALID_OPTION', `\`${option}\` must be a number or { min, max }; got ${describe(value)}.`, { option, value });
  }
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= lowest && v <= highest;
  if (!ok(min) || !ok(max) || min > max) {
    throw fail('INVALID_OPTION', `\`${option}\` must be integers with ${lowest} ≤ min ≤ max ≤ ${highest}; got ${describe(min)} … ${describe(max)}.`, {
      option,
      value,
    });
  }
  return [min, max];
}

/** A number option in [lowest, highest], or the fallback. */
export function share(value: unknown, option: string, fallback: number, lowest = 0, highest = 1): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < lowest || value > highest) {
    throw fail('INVALID_OPTION', `\`${option}\` must be a number in [${lowest}, ${highest}]; got ${describe(value)}.`, { option, value });
  }
  return value;
}

/** An options object (or undefined) for an arbitrary, with unknown keys rejected (the shared strict-options helper). */
export function arbitraryOptions(options: unknown, fn: string, allowed: readonly string[]): Record<string, unknown> {
  return strictOptions<Record<string, unknown>>(options, fn, allowed);
}
