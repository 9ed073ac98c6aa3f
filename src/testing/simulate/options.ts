import { fail } from '../../errors.js';
import { numberIn, oneOf, seedValue, strictOptions } from '../../util/options.js';
import type { Seed } from '../../random/index.js';

/** How simulated data are laid out. */
export type DataShape = 'rows' | 'columns' | 'matrix';

/** The largest `n` a simulator accepts (10 million rows; memory, not arithmetic, is the limit). */
export const MAX_SIMULATED_ROWS = 10_000_000;

// A simulator is a test fixture: a misspelt option (`categores: 5`) silently producing
// continuous data would make a test pass for the wrong reason, so unknown keys are errors.
export function requiredOptions<T extends object>(options: T | undefined, fn: string, allowed: readonly string[]): Record<string, unknown> {
  if (options === undefined) throw fail('INVALID_OPTION', `${fn}: an options object is required.`, { option: 'options' });
  return strictOptions<Record<string, unknown>>(options, fn, allowed);
}

export function requiredSeed(value: unknown, fn: string): Seed {
  const seed = seedValue('seed', value);
  if (seed === undefined) {
    throw fail('INVALID_OPTION', `${fn}: \`seed\` is required so that the simulated data can be reproduced.`, { option: 'seed' });
  }
  return seed;
}

export function sampleSize(value: unknown, fn: string): number {
  if (value === undefined) throw fail('INVALID_OPTION', `${fn}: \`n\` (the number of rows to simulate) is required.`, { option: 'n' });
  return numberIn('n', value, 0, 1, MAX_SIMULATED_ROWS, { integer: true });
}

export function dataShape(value: unknown): DataShape {
  return oneOf<DataShape>('shape', value, ['rows', 'columns', 'matrix'], 'rows');
}

/** A finite number, naming the option (and index) when it is not. */
export function finiteNumber(value: unknown, option: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw fail('INVALID_OPTION', `\`${option}\` must be a finite number; got ${describe(value)}.`, { option, value });
  }
  return value;
}

/** An array of finite numbers of the given length (any length ≥ min when `length` is undefined). */
export function numberArray(value: unknown, option: string, length?: number, min = 1): number[] {
  if (!Array.isArray(value)) {
    throw fail('INVALID_OPTION', `\`${option}\` must be an array of numbers; got ${describe(value)}.`, { option, value });
  }
  if (length !== undefined && value.length !== length) {
    throw fail('INVALID_OPTION', `\`${option}\` must have ${length} entries; got ${value.length}.`, { option, length: value.length, expected: length });
  }
  if (value.length < min) {
    throw fail('INVALID_OPTION', `\`${option}\` must have at least ${min} entries; got ${value.length}.`, { option, length: value.length });
  }
  return value.map((v, i) => finiteNumber(v, `${option}[${i}]`));
}

/** A rectangular matrix of finite numbers (rows × columns), as an array of rows. */
export function numberMatrix(value: unknown, option: string, rows?: number, columns?: number): number[][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw fail('INVALID_OPTION', `\`${option}\` must be a non-empty array of rows; got ${describe(value)}.`, { option, value });
  }
  if (rows !== undefined && value.length !== rows) {
    throw fail('INVALID_OPTION', `\`${option}\` must have ${rows} rows; got ${value.length}.`, { option, length: value.length, expected: rows });
  }
  const width = columns ?? (Array.isArray(value[0]) ? (value[0] as unknown[]).length : -1);
  return value.map((row, i) => {
    if (!Array.isArray(row)) {
      throw fail('INVALID_OPTION', `\`${option}[${i}]\` must be an array of numbers; got ${describe(row)}.`, { option, row: i, value: row });
    }
    if (row.length !== width || width < 1) {
      throw fail('INVALID_OPTION', `\`${option}\` must be rectangular: row ${i} has ${row.length} entries, expected ${width}.`, {
        option,
        row: i,
      });
    }
    return row.map((v, j) => finiteNumber(v, `${option}[${i}][${j}]`));
  });
}

/** Unique, non-empty names of the given length, or the default `prefix1…prefixN`. */
export function nameList(value: unknown, option: string, length: number, prefix: string): string[] {
  if (value === undefined) return Array.from({ length }, (_, i) => `${prefix}${i + 1}`);
  if (!Array.isArray(value) || value.length !== length) {
    throw fail('INVALID_OPTION', `\`${option}\` must be an array of ${length} names; got ${describe(value)}.`, { option, value });
  }
  return uniqueNames(value, option);
}

export function uniqueNames(names: readonly unknown[], option: string): string[] {
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string' || name === '') {
      throw fail('INVALID_OPTION', `\`${option}\` must contain non-empty strings; got ${describe(name)}.`, { option, value: name });
    }
    if (seen.has(name)) throw fail('DUPLICATE_NAME', `"${name}" is used twice in \`${option}\`.`, { option, column: name });
    seen.add(name);
  }
  return names as string[];
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined || typeof value === 'bigint') {
    return String(value);
  }
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}
