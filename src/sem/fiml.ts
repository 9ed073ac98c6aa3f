import { choleskyInPlace, choleskySolveInPlace, inverseFromCholeskyInto } from '../linalg/solve.js';
import type { Evaluation, Objective } from './estimate.js';
import { InformationAccumulator } from './information.js';
import { contractGradient, derivatives, fillMatrices, impliedMoments, type ModelWorkspace } from './model.js';

// Full-information ML for data missing at random (lavaan's `missing = "ml"`). Rows are grouped by
// their pattern of observed variables; pattern k (n_k rows, observed set o_k, mean ȳ_k and
// covariance S_k over n_k) contributes
//   n_k [log|Σ_k| + tr(Σ_k⁻¹S_k) + (ȳ_k − μ_k)ᵀΣ_k⁻¹(ȳ_k − μ_k)],   Σ_k = Σ[o_k, o_k], μ_k = μ[o_k],
// and F = (1/N) Σ_k (…), so −2 log L = N·F + Σ_k n_k p_k log 2π. The saturated model (H1) is
// fitted by EM; the χ² is 2(log L_H1 − log L_H0), as lavaan's.
// Reference: Arbuckle, J. L. (1996). Full information estimation in the presence of incomplete
// data. In G. A. Marcoulides & R. E. Schumacker (Eds.), Advanced structural equation modeling.

export interface MissingPattern {
  /** Indices of the observed variables. */
  readonly observed: Int32Array;
  /** The rows (indices into the columns) with this pattern. */
  readonly rows: Int32Array;
  readonly mean: Float64Array;
  /** Covariance over n_k of the observed variables (p_k × p_k). */
  readonly covariance: Float64Array;
  /** The rows' values (n_k × p_k), for patterns with fewer rows than half their variables: S_k + ddᵀ is then used through its n_k rank-one terms. */
  readonly values: Float64Array | null;
  /** Scratch reused by every evaluation (nothing is allocated per iteration). */
  readonly work: PatternScratch;
}

interface PatternScratch {
  readonly chol: Float64Array;
  readonly c: Float64Array;
  readonly cs: Float64Array;
  readonly d: Float64Array;
  readonly cd: Float64Array;
  readonly col: Float64Array;
  readonly e: Float64Array;
  /** The block-inverse route: (Σ⁻¹)_mm's Cholesky factor and (Σ⁻¹)_mm⁻¹(Σ⁻¹)_mo. */
  readonly q: Float64Array;
  readonly t: Float64Array;
  /** EM: the regression of the missing on the observed variables, and the conditional covariance. */
  readonly b: Float64Array;
  readonly conditional: Float64Array;
  readonly missing: Int32Array;
}

function patternScratch(k: number, p: number, observed: Int32Array): PatternScratch {
  const missing = Int32Array.from({ length: p }, (_, j) => j).filter((j) => !observed.includes(j));
  const mm = missing.length;
  return {
    chol: new Float64Array(k * k),
    c: new Float64Array(k * k),
    cs: new Float64Array(k * k),
    d: new Float64Array(k),
    cd: new Float64Array(k),
    col: new Float64Array(k),
    e: new Float64Array(k),
    q: new Float64Array(mm * mm),
    t: new Float64Array(mm * k),
    b: new Float64Array(mm * k),
    conditional: new Float64Array(mm * mm),
    missing,
  };
}

export interface MissingData {
  readonly p: number;
  /** Rows with at least one observed value. */
  readonly n: number;
  readonly patterns: readonly MissingPattern[];
  /** Σ_k n_k p_k: the number of observed values. */
  readonly observedValues: number;
}

/** Groups the rows with at least one observed value by their pattern of observed variables. */
export function missingPatterns(columns: readonly Float64Array[], rows: number): MissingData {
  const p = columns.length;
  const byKey = new Map<string, number[]>();
  for (let r = 0; r < rows; r++) {
    let key = '';
    for (let j = 0; j < p; j++) key += Number.isNaN((columns[j] as Float64Array)[r] as number) ? '0' : '1';
    if (!key.includes('1')) continue;
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [r]);
    else list.push(r);
  }
  let n = 0;
  let observedValues = 0;
  const patterns = [...byKey.entries()].map(([key, list]) => {
    const observed = Int32Array.from([...key].flatMap((c, j) => (c === '1' ? [j] : [])));
    const k = observed.length;
    const m = list.length;
    const mean = new Float64Array(k);
    for (let a = 0; a < k; a++) {
      const col = columns[observed[a] as number] as Float64Array;
      let s = 0;
      for (const r of list) s += col[r] as number;
      mean[a] = s / m;
    }
    const covariance = new Float64Array(k * k);
    for (let a = 0; a < k; a++) {
      const ca = columns[observed[a] as number] as Float64Array;
      for (let b = 0; b <= a; b++) {
        const cb = columns[observed[b] as number] as Float64Array;
        let s = 0;
        for (const r of list) s += ((ca[r] as number) - (mean[a] as number)) * ((cb[r] as number) - (mean[b] as number));
        covariance[a * k + b] = s / m;
        covariance[b * k + a] = s / m;
      }
    }
    n += m;
    observedValues += m * k;
    let values: Float64Array | null = null;
    if (2 * m < k) {
      values = new Float64Array(m * k);
      list.forEach((r, i) => {
        for (let a = 0; a < k; a++) values![i * k + a] = (columns[observed[a] as number] as Float64Array)[r] as number;
      });
    }
    return { observed, rows: Int32Array.from(list), mean, covariance, values, work: patternScratch(k, p, observed) };
  });
  return { p, n, patterns, observedValues };
}

/** Σ⁻¹ and log|Σ| (p × p), from which every pattern's Σ_k⁻¹ follows by a block formula. */
export interface FullInverse {
  readonly p: number;
  readonly chol: Float64Array;
  readonly inverse: Float64Array;
  readonly column: Float64Array;
  logDet: number;
}

export function fullInverse(p: number): FullInverse {
  return { p, chol: new Float64Array(p * p), inverse: new Float64Array(p * p), column: new Float64Array(p), logDet: 0 };
}

/** Fills Σ⁻¹ and log|Σ|; false when Σ is not positive definite. */
function invertFull(full: FullInverse, sigma: Float64Array): boolean {
  const { p, chol, inverse, column } = full;
  chol.set(sigma.subarray(0, p * p));
  if (!choleskyInPlace(chol, p)) return false;
  let logDet = 0;
  for (let i = 0; i < p; i++) logDet += 2 * Math.log(chol[i * p + i] as number);
  full.logDet = logDet;
  inverseFromCholeskyInto(chol, p, inverse, column);
  return true;
}

/**
 * Σ_k⁻¹ into pat.work.c; returns log|Σ_k| (NaN when Σ_k is not positive definite). With P = Σ⁻¹
 * and the pattern's missing set m (observed o), Σ_oo⁻¹ = P_oo − P_om P_mm⁻¹ P_mo and
 * log|Σ_oo| = log|Σ| + log|P_mm|: O(p_k²·m) instead of O(p_k³) when few values are missing.
 */
function patternInverse(pat: MissingPattern, sigma: Float64Array, full: FullInverse): number {
  const p = full.p;
  const o = pat.observed;
  const k = o.length;
  const { c, chol, col, missing, q, t } = pat.work;
  const mm = missing.length;
  const P = full.inverse;
  if (2 * mm <= k) {
    for (let i = 0; i < mm; i++) for (let j = 0; j < mm; j++) q[i * mm + j] = P[(missing[i] as number) * p + (missing[j] as number)] as number;
    if (choleskyInPlace(q, mm)) {
      let logDet = full.logDet;
      for (let i = 0; i < mm; i++) logDet += 2 * Math.log(q[i * mm + i] as number);
      // t = P_mm⁻¹ P_mo (mm × k), one solve per observed column.
      const rhs = col.subarray(0, mm);
      for (let b = 0; b < k; b++) {
        for (let i = 0; i < mm; i++) rhs[i] = P[(missing[i] as number) * p + (o[b] as number)] as number;
        choleskySolveInPlace(q, mm, rhs);
        for (let i = 0; i < mm; i++) t[i * k + b] = rhs[i] as number;
      }
      for (let a = 0; a < k; a++) {
        const row = (o[a] as number) * p;
        for (let b = 0; b <= a; b++) {
          let x = P[row + (o[b] as number)] as number;
          for (let i = 0; i < mm; i++) x -= (P[row + (missing[i] as number)] as number) * (t[i * k + b] as number);
          c[a * k + b] = x;
          c[b * k + a] = x;
        }
      }
      return logDet;
    }
  }
  // Many missing values (or a numerically singular P_mm): Σ_oo directly.
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) chol[a * k + b] = sigma[(o[a] as number) * p + (o[b] as number)] as number;
  if (!choleskyInPlace(chol, k)) return Number.NaN;
  let logDet = 0;
  for (let a = 0; a < k; a++) logDet += 2 * Math.log(chol[a * k + a] as number);
  for (let b = 0; b < k; b++) {
    col.fill(0);
    col[b] = 1;
    choleskySolveInPlace(chol, k, col);
    for (let a = 0; a < k; a++) c[a * k + b] = col[a] as number;
  }
  return logDet;
}

/**
 * Σ_k n_k [log|Σ_k| + tr(Σ_k⁻¹S_k) + d_kᵀΣ_k⁻¹d_k] for given μ, Σ (p × p); null when Σ is not
 * positive definite. Leaves each pattern's Σ_k⁻¹ in its scratch (the gradient reuses them).
 */
export function patternDiscrepancy(data: MissingData, mu: Float64Array, sigma: Float64Array, full: FullInverse = fullInverse(data.p)): number | null {
  if (!invertFull(full, sigma)) return null;
  let total = 0;
  for (const pat of data.patterns) {
    const k = pat.observed.length;
    const { c, d, e } = pat.work;
    const logDet = patternInverse(pat, sigma, full);
    if (!Number.isFinite(logDet)) return null;
    const nk = pat.rows.length;
    if (pat.values !== null) {
      // tr(Σ_k⁻¹(S_k + ddᵀ)) = (1/n_k) Σ_r e_rᵀ Σ_k⁻¹ e_r with e_r = y_r − μ_k.
      let sum = 0;
      for (let r = 0; r < nk; r++) {
        for (let a = 0; a < k; a++) e[a] = (pat.values[r * k + a] as number) - (mu[pat.observed[a] as number] as number);
        for (let a = 0; a < k; a++) {
          let x = 0;
          for (let b = 0; b < k; b++) x += (c[a * k + b] as number) * (e[b] as number);
          sum += (e[a] as number) * x;
        }
      }
      total += nk * logDet + sum;
      continue;
    }
    let trace = 0;
    for (let a = 0; a < k * k; a++) trace += (c[a] as number) * (pat.covariance[a] as number);
    for (let a = 0; a < k; a++) d[a] = (pat.mean[a] as number) - (mu[pat.observed[a] as number] as number);
    let quad = 0;
    for (let a = 0; a < k; a++) {
      let x = 0;
      for (let b = 0; b < k; b++) x += (c[a * k + b] as number) * (d[b] as number);
      quad += (d[a] as number) * x;
    }
    total += nk * (logDet + trace + quad);
  }
  return total;
}

/** log L from the pattern discrepancy: −½(Σ_k n_k(…) + Σ_k n_k p_k log 2π). */
export function patternLogLikelihood(data: MissingData, discrepancySum: number): number {
  return -0.5 * (discrepancySum + data.observedValues * Math.log(2 * Math.PI));
}

export interface SaturatedMoments {
  readonly mean: Float64Array;
  readonly covariance: Float64Array;
  readonly logLikelihood: number;
  readonly iterations: number;
}

/**
 * The saturated model's ML moments under missing data, by EM (Dempster, Laird & Rubin 1977):
 * each row's missing values are replaced by their conditional expectations given the observed
 * ones, and the conditional covariance is added to the cross-products. Iterates until no moment
 * changes by more than 1e-12 (relative).
 */
export function saturatedMoments(data: MissingData, columns: readonly Float64Array[]): SaturatedMoments {
  const { p, n } = data;
  const mean = new Float64Array(p);
  const covariance = new Float64Array(p * p);
  // Start: each variable's available mean and variance, no covariances.
  for (let j = 0; j < p; j++) {
    let s = 0;
    let s2 = 0;
    let m = 0;
    for (const pat of data.patterns) {
      if (!pat.observed.includes(j)) continue;
      const col = columns[j] as Float64Array;
      for (const r of pat.rows) {
        s += col[r] as number;
        s2 += (col[r] as number) ** 2;
        m++;
      }
    }
    mean[j] = s / m;
    covariance[j * p + j] = Math.max(s2 / m - (s / m) ** 2, 1e-12);
  }
  const t1 = new Float64Array(p);
  const t2 = new Float64Array(p * p);
  const y = new Float64Array(p);
  let iterations = 0;
  for (; iterations < 10_000; iterations++) {
    t1.fill(0);
    t2.fill(0);
    for (const pat of data.patterns) {
      const o = pat.observed;
      const k = o.length;
      const { missing, chol, col: row, b: bMat, conditional } = pat.work;
      const mm = missing.length;
      // B = Σ_mo Σ_oo⁻¹ (mm × k), conditional covariance Σ_mm − B Σ_om.
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) chol[a * k + b] = covariance[(o[a] as number) * p + (o[b] as number)] as number;
      choleskyInPlace(chol, k);
      for (let i = 0; i < mm; i++) {
        for (let a = 0; a < k; a++) row[a] = covariance[(missing[i] as number) * p + (o[a] as number)] as number;
        choleskySolveInPlace(chol, k, row);
        bMat.set(row, i * k);
      }
      for (let i = 0; i < mm; i++) {
        for (let j = 0; j < mm; j++) {
          let s = covariance[(missing[i] as number) * p + (missing[j] as number)] as number;
          for (let a = 0; a < k; a++) s -= (bMat[i * k + a] as number) * (covariance[(o[a] as number) * p + (missing[j] as number)] as number);
          conditional[i * mm + j] = s;
        }
      }
      for (const r of pat.rows) {
        for (let a = 0; a < k; a++) y[o[a] as number] = (columns[o[a] as number] as Float64Array)[r] as number;
        for (let i = 0; i < mm; i++) {
          let s = mean[missing[i] as number] as number;
          for (let a = 0; a < k; a++) s += (bMat[i * k + a] as number) * ((y[o[a] as number] as number) - (mean[o[a] as number] as number));
          y[missing[i] as number] = s;
        }
        for (let a = 0; a < p; a++) {
          t1[a] = (t1[a] as number) + (y[a] as number);
          for (let b = 0; b <= a; b++) t2[a * p + b] = (t2[a * p + b] as number) + (y[a] as number) * (y[b] as number);
        }
      }
      for (let i = 0; i < mm; i++) {
        for (let j = 0; j <= i; j++) {
          const a = Math.max(missing[i] as number, missing[j] as number);
          const b = Math.min(missing[i] as number, missing[j] as number);
          t2[a * p + b] = (t2[a * p + b] as number) + pat.rows.length * (conditional[i * mm + j] as number);
        }
      }
    }
    let change = 0;
    for (let a = 0; a < p; a++) {
      const m = (t1[a] as number) / n;
      change = Math.max(change, Math.abs(m - (mean[a] as number)) / Math.max(1, Math.abs(m)));
      mean[a] = m;
    }
    for (let a = 0; a < p; a++) {
      for (let b = 0; b <= a; b++) {
        const v = (t2[a * p + b] as number) / n - (mean[a] as number) * (mean[b] as number);
        change = Math.max(change, Math.abs(v - (covariance[a * p + b] as number)) / Math.max(1, Math.abs(v)));
        covariance[a * p + b] = v;
        covariance[b * p + a] = v;
      }
    }
    if (change < 1e-12) break;
  }
  const sum = patternDiscrepancy(data, mean, covariance);
  return { mean, covariance, logLikelihood: patternLogLikelihood(data, sum ?? Number.NaN), iterations: iterations + 1 };
}

/** The FIML objective F = (1/N) Σ_k n_k(…) with its gradient and expected information. */
export class FimlObjective implements Objective {
  readonly grad: Float64Array;
  readonly info: Float64Array;
  private readonly w: Float64Array;
  private readonly gMu: Float64Array;
  private readonly full: FullInverse;
  private readonly accumulator: InformationAccumulator;

  constructor(
    readonly ws: ModelWorkspace,
    readonly data: MissingData,
    readonly fixed: Float64Array,
  ) {
    const { p, q } = ws;
    this.grad = new Float64Array(q);
    this.info = new Float64Array(q * q);
    this.w = new Float64Array(p * p);
    this.gMu = new Float64Array(p);
    this.full = fullInverse(p);
    this.accumulator = new InformationAccumulator(ws, this.info);
  }

  evaluate(x: Float64Array): Evaluation | null {
    fillMatrices(this.ws, x, this.fixed);
    if (!impliedMoments(this.ws)) return null;
    const sum = patternDiscrepancy(this.data, this.ws.mu, this.ws.sigma, this.full);
    if (sum === null || !Number.isFinite(sum)) return null;
    return { f: sum / this.data.n, logDet: Number.NaN };
  }

  gradientAndInformation(withGradient: boolean, withInformation = true): void {
    const { ws, data, w, gMu, grad } = this;
    const { p } = ws;
    derivatives(ws);
    w.fill(0);
    gMu.fill(0);
    if (withInformation) this.accumulator.begin();
    for (const pat of data.patterns) {
      const o = pat.observed;
      const k = o.length;
      const weight = pat.rows.length / data.n;
      // Σ_k⁻¹ as the last evaluation (at this point) left it.
      const { c, d, cd, cs, col } = pat.work;
      for (let a = 0; a < k; a++) d[a] = (pat.mean[a] as number) - (ws.mu[o[a] as number] as number);
      for (let a = 0; a < k; a++) {
        let s = 0;
        for (let b = 0; b < k; b++) s += (c[a * k + b] as number) * (d[b] as number);
        cd[a] = s;
      }
      if (withGradient && pat.values !== null) {
        // W_k = C − (1/n_k) Σ_r (C e_r)(C e_r)ᵀ with e_r = y_r − μ_k; gμ = −2Cd.
        const nk = pat.rows.length;
        const e = pat.work.e;
        for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) cs[a * k + b] = c[a * k + b] as number;
        for (let r = 0; r < nk; r++) {
          for (let a = 0; a < k; a++) e[a] = (pat.values[r * k + a] as number) - (ws.mu[o[a] as number] as number);
          for (let a = 0; a < k; a++) {
            let x = 0;
            for (let b = 0; b < k; b++) x += (c[a * k + b] as number) * (e[b] as number);
            col[a] = x;
          }
          for (let a = 0; a < k; a++) {
            const ca = (col[a] as number) / nk;
            for (let b = 0; b < k; b++) cs[a * k + b] = (cs[a * k + b] as number) - ca * (col[b] as number);
          }
        }
        for (let a = 0; a < k; a++) {
          const row = (o[a] as number) * p;
          for (let b = 0; b < k; b++) {
            const idx = row + (o[b] as number);
            w[idx] = (w[idx] as number) + weight * (cs[a * k + b] as number);
          }
          gMu[o[a] as number] = (gMu[o[a] as number] as number) - 2 * weight * (cd[a] as number);
        }
      } else if (withGradient) {
        // W_k = C − C(S + ddᵀ)C, embedded; gμ = −2Cd.
        for (let a = 0; a < k; a++) {
          for (let b = 0; b < k; b++) {
            let s = 0;
            for (let e = 0; e < k; e++) s += (c[a * k + e] as number) * (pat.covariance[e * k + b] as number);
            cs[a * k + b] = s;
          }
        }
        for (let a = 0; a < k; a++) {
          for (let b = 0; b < k; b++) {
            let s = 0;
            for (let e = 0; e < k; e++) s += (cs[a * k + e] as number) * (c[e * k + b] as number);
            s += (cd[a] as number) * (cd[b] as number);
            const idx = (o[a] as number) * p + (o[b] as number);
            w[idx] = (w[idx] as number) + weight * ((c[a * k + b] as number) - s);
          }
          gMu[o[a] as number] = (gMu[o[a] as number] as number) - 2 * weight * (cd[a] as number);
        }
      }
      if (withInformation) this.accumulator.add(c, o, weight);
    }
    if (withInformation) this.accumulator.end();
    if (!withGradient) return;
    contractGradient(ws, w, gMu, grad);
  }
}
