import type { DataShape } from './options.js';

/** Simulated data in the layout asked for with `shape`. */
export type SimulatedData<S extends DataShape = 'rows'> = S extends 'columns'
  ? Record<string, number[]>
  : S extends 'matrix'
    ? number[][]
    : Record<string, number>[];

/**
 * Lays out columns as row objects, an object of columns or a rows × columns matrix, frozen one
 * level deep (the cells are numbers). Freezing here, not with deepFreeze, avoids enumerating the
 * keys of million-element arrays.
 */
export function layOut<S extends DataShape>(columns: readonly Float64Array[], names: readonly string[], n: number, shape: S): SimulatedData<S> {
  const p = names.length;
  if (shape === 'columns') {
    const out: Record<string, number[]> = {};
    for (let j = 0; j < p; j++) {
      const c = columns[j] as Float64Array;
      const a = new Array<number>(n);
      for (let i = 0; i < n; i++) a[i] = c[i] as number;
      out[names[j] as string] = Object.freeze(a) as number[];
    }
    return Object.freeze(out) as SimulatedData<S>;
  }
  if (shape === 'matrix') {
    const out: number[][] = [];
    for (let i = 0; i < n; i++) {
      const row: number[] = [];
      for (let j = 0; j < p; j++) row.push((columns[j] as Float64Array)[i] as number);
      out.push(Object.freeze(row) as number[]);
    }
    return Object.freeze(out) as SimulatedData<S>;
  }
  const out: Record<string, number>[] = [];
  for (let i = 0; i < n; i++) {
    const row: Record<string, number> = {};
    for (let j = 0; j < p; j++) row[names[j] as string] = (columns[j] as Float64Array)[i] as number;
    out.push(Object.freeze(row));
  }
  return Object.freeze(out) as SimulatedData<S>;
}

/** Row-major p × p Float64Array → number[][]. */
export function toRows(m: ArrayLike<number>, p: number): number[][] {
  return Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => m[i * p + j] as number));
}

/**
 * Population Cronbach's α of a covariance matrix: k/(k − 1) · (1 − tr Σ / 1ᵀΣ1). The same formula
 * psych::alpha applies to a sample covariance matrix, so a consistent estimator converges to it.
 */
export function alphaOf(cov: ArrayLike<number>, p: number): number {
  let total = 0;
  let trace = 0;
  for (let i = 0; i < p; i++) {
    trace += cov[i * p + i] as number;
    for (let j = 0; j < p; j++) total += cov[i * p + j] as number;
  }
  return (p / (p - 1)) * (1 - trace / total);
}

/**
 * The asymptotic standard error of α at n under normality (van Zyl, Neudecker & Nel 2000):
 * √(Q/n), Q = 2k²/((k − 1)²(1ᵀΣ1)³)·[(1ᵀΣ1)(tr Σ² + (tr Σ)²) − 2 tr Σ·1ᵀΣ²1].
 */
export function alphaSeOf(cov: ArrayLike<number>, p: number, n: number): number {
  let total = 0;
  let trace = 0;
  let traceSquare = 0;
  let sumSquare = 0; // 1ᵀΣ²1 = Σᵢ (Σⱼ Σᵢⱼ)²
  for (let i = 0; i < p; i++) {
    trace += cov[i * p + i] as number;
    let row = 0;
    for (let j = 0; j < p; j++) {
      const c = cov[i * p + j] as number;
      total += c;
      row += c;
      traceSquare += c * (cov[j * p + i] as number);
    }
    sumSquare += row * row;
  }
  const q = ((2 * p * p) / ((p - 1) ** 2 * total ** 3)) * (total * (traceSquare + trace * trace) - 2 * trace * sumSquare);
  return Math.sqrt(Math.max(0, q) / n);
}

/** Σᵢⱼ m[i, j]. */
export function grandSum(m: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < m.length; i++) s += m[i] as number;
  return s;
}

/**
 * A copy of a population's plain objects and arrays with −0 replaced by 0. A product such as
 * a·b with a = 0 and b < 0 is −0, which prints as "-0" and fails `Object.is(truth, 0)`; a true
 * parameter of zero is zero.
 */
export function withoutNegativeZero<T>(value: T): T {
  if (typeof value === 'number') return (Object.is(value, -0) ? 0 : value) as T;
  if (Array.isArray(value)) return value.map(withoutNegativeZero) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = withoutNegativeZero(v);
    return out as T;
  }
  return value;
}
