// Sample moments for the psychkit/testing tests, computed independently of the simulators.
import { Matrix, inverse } from 'ml-matrix';
import { covarianceMatrix } from '../../src/linalg/index.js';

/** Columns of a simulated data set (any shape) as Float64Arrays, in `names` order. */
export function columnsOf(data: unknown, names: readonly string[]): Float64Array[] {
  if (Array.isArray(data) && Array.isArray(data[0])) return names.map((_, j) => Float64Array.from((data as number[][]).map((r) => r[j] as number)));
  if (Array.isArray(data)) return names.map((nm) => Float64Array.from((data as Record<string, number>[]).map((r) => r[nm] as number)));
  return names.map((nm) => Float64Array.from((data as Record<string, number[]>)[nm] as number[]));
}

/** Sample covariance matrix (n − 1), rows. */
export function sampleCovariance(columns: readonly Float64Array[]): number[][] {
  const p = columns.length;
  const r = covarianceMatrix({ names: columns.map((_, j) => `v${j}`), n: (columns[0] as Float64Array).length, columns });
  return Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => r.matrix[i * p + j] as number));
}

export function toCorrelation(cov: readonly (readonly number[])[]): number[][] {
  return cov.map((row, i) => row.map((v, j) => v / Math.sqrt((cov[i]?.[i] as number) * (cov[j]?.[j] as number))));
}

/** Cronbach's α of a covariance matrix, written out independently of src/testing. */
export function alphaOfMatrix(cov: readonly (readonly number[])[]): number {
  const k = cov.length;
  let total = 0;
  let trace = 0;
  cov.forEach((row, i) => row.forEach((v, j) => ((total += v), i === j && (trace += v))));
  return (k / (k - 1)) * (1 - trace / total);
}

/**
 * Normal-theory asymptotic SE of sample α (van Zyl, Neudecker & Nel 2000):
 * n·var(α̂) → 2k²/(k−1)² · [1ᵀΣ1 (tr Σ² + (tr Σ)²) − 2 tr Σ · 1ᵀΣ²1] / (1ᵀΣ1)³.
 */
export function alphaStandardError(cov: readonly (readonly number[])[], n: number): number {
  const S = new Matrix(cov.map((r) => [...r]));
  const k = S.rows;
  const S2 = S.mmul(S);
  const sum = (m: Matrix) => m.to2DArray().flat().reduce((a, b) => a + b, 0);
  const jSj = sum(S);
  const tr = S.trace();
  const v = ((2 * k * k) / (k - 1) ** 2) * (jSj * (S2.trace() + tr * tr) - 2 * tr * sum(S2)) / jSj ** 3;
  return Math.sqrt(v / n);
}

/** OLS of y on the given predictors (with intercept): coefficients (without intercept) and their SEs. */
export function ols(y: Float64Array, xs: readonly Float64Array[]): { coef: number[]; se: number[] } {
  const n = y.length;
  const X = new Matrix(n, xs.length + 1);
  for (let i = 0; i < n; i++) {
    X.set(i, 0, 1);
    xs.forEach((x, j) => X.set(i, j + 1, x[i] as number));
  }
  const Y = Matrix.columnVector(Array.from(y));
  const XtXi = inverse(X.transpose().mmul(X));
  const beta = XtXi.mmul(X.transpose()).mmul(Y);
  const resid = Y.sub(X.mmul(beta));
  const s2 = resid.to1DArray().reduce((a, b) => a + b * b, 0) / (n - xs.length - 1);
  const coef = beta.to1DArray().slice(1);
  const se = coef.map((_, j) => Math.sqrt(s2 * XtXi.get(j + 1, j + 1)));
  return { coef, se };
}
