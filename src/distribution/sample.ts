import { fail } from '../errors.js';
import { cellToNumber } from '../data/numeric.js';

/** One variable read from user input: every value (NaN = missing) and the observed ones. */
export interface Sample {
  /** The variable's name in error messages (`'x'` unless the caller names it). */
  readonly name: string;
  /** All values in input order, `NaN` for missing. A fresh copy: the input is never touched. */
  readonly values: Float64Array;
  /** The non-missing values, in input order. */
  readonly observed: Float64Array;
  readonly missing: number;
}

/** True for inputs read as one variable: an array or typed array (not a matrix of rows). */
export function isVectorInput(x: unknown): x is ArrayLike<unknown> {
  if (ArrayBuffer.isView(x)) return !(x instanceof DataView);
  if (!Array.isArray(x)) return false;
  for (const v of x) {
    if (v === null || v === undefined) continue;
    return typeof v !== 'object';
  }
  return true;
}

/**
 * Reads a numeric vector (numbers, numeric strings, typed arrays; `null`, `undefined`, `NaN`,
 * `''` missing). Throws `INVALID_INPUT` for anything that is not an array, `NON_NUMERIC` /
 * `NON_FINITE` naming the position of a bad value.
 */
export function readSample(x: unknown, fn: string, name = 'x'): Sample {
  if (!isVectorInput(x)) {
    throw fail('INVALID_INPUT', `${fn}: expected an array of numbers (null/NaN for missing); got ${x === null ? 'null' : Array.isArray(x) ? 'an array of objects' : typeof x}.`, {
      option: name,
    });
  }
  const values = new Float64Array(x.length);
  let missing = 0;
  for (let i = 0; i < x.length; i++) {
    const v = cellToNumber(x[i], name, i);
    values[i] = v;
    if (Number.isNaN(v)) missing++;
  }
  const observed = new Float64Array(x.length - missing);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) observed[k++] = values[i] as number;
  return { name, values, observed, missing };
}

/** Throws `TOO_FEW_CASES` unless at least `required` values are observed. */
export function requireCases(sample: Sample, required: number, what: string): void {
  const n = sample.observed.length;
  if (n < required) {
    throw fail('TOO_FEW_CASES', `${what} needs at least ${required} non-missing values; "${sample.name}" has ${n}.`, {
      column: sample.name,
      n,
      required,
    });
  }
}

/** Throws `ZERO_VARIANCE` when every observed value is the same (checked exactly, not via a rounded variance). */
export function requireVariance(sample: Sample, what: string): void {
  const v = sample.observed;
  const first = v[0] as number;
  for (let i = 1; i < v.length; i++) if (v[i] !== first) return;
  throw fail('ZERO_VARIANCE', `${what} is undefined for a constant variable: every value of "${sample.name}" is ${first}.`, {
    column: sample.name,
    value: first,
  });
}
