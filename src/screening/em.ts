import { crossprodColumnsInto } from '../linalg/covariance.js';
import { choleskyInPlace, choleskySolveInPlace, inverseFromCholeskyInto } from '../linalg/solve.js';

// The ML means and covariance of incomplete multivariate normal data by EM (Dempster, Laird &
// Rubin 1977; Little & Rubin 2002, §11.2), laid out for speed: the rows are grouped by their
// pattern of observed columns once, each pattern's observed values one row-major block of a
// flat buffer (the values the E step reads, contiguous); each iteration then needs
// Σ⁻¹ once and, per pattern, only the small block P_mm of P = Σ⁻¹ for its m missing columns:
//   E(y_m | y_o) = μ_m + B(y_o − μ_o),  B = Σ_mo Σ_oo⁻¹ = −P_mm⁻¹ P_mo,
//   Cov(y_m | y_o) = Σ_mm − B Σ_om = P_mm⁻¹
// (a pattern missing more columns than it observes uses Σ_oo directly). The cross-products of
// values observed together never change and are summed once; each iteration adds only the terms
// with an imputed value (m·k per row) and n_k·Cov(y_m | y_o) per pattern. Nothing is allocated per
// iteration. The values are centred at the available-case means first, so that the
// cross-products do not cancel digits when means are large against the spread.

/** Rows grouped by their pattern of observed columns (rows with no observed column left out). */
export interface PatternData {
  /** Columns. */
  readonly p: number;
  /** Rows with at least one observed column. */
  readonly n: number;
  /** Rows left out because every column is missing in them. */
  readonly nDropped: number;
  readonly nPatterns: number;
  /** Pattern g holds the grouped rows rowStart[g] … rowStart[g + 1] − 1. */
  readonly rowStart: Int32Array;
  /** Pattern g observes the columns observed[observedStart[g] … observedStart[g + 1] − 1] (ascending). */
  readonly observedStart: Int32Array;
  readonly observed: Int32Array;
  /** …and misses missing[missingStart[g] … missingStart[g + 1] − 1] (ascending). */
  readonly missingStart: Int32Array;
  readonly missing: Int32Array;
  /** Pattern g's observed values, n_g × k_g row-major from valueStart[g], centred at `shift`. */
  readonly valueStart: Int32Array;
  readonly values: Float64Array;
  /** Each pattern's means of its observed columns (centred), at observedStart offsets. */
  readonly patternMeans: Float64Array;
  /** The available-case mean of each column, subtracted from every value. */
  readonly shift: Float64Array;
  /** Observed values of each column. */
  readonly counts: Float64Array;
  /** Σ of y_a·y_b (centred) over the rows observing both a and b, p × p; `pairs` counts those rows. */
  readonly crossProducts: Float64Array;
  readonly pairs: Float64Array;
  /** Σ of y_a (centred) over the rows observing a. */
  readonly sums: Float64Array;
}

/**
 * The pattern of each row as a key: the observed flags of columns 16c … 16c + 15 in chunk c. Up
 * to 48 columns the key is a number (exact in a double); beyond, a string of one character per
 * chunk. Rows with no observed column get `null`.
 */
function patternKeys(columns: readonly Float64Array[], rows: number): { keys: (number | string | null)[] } {
  const p = columns.length;
  const chunks = Math.ceil(p / 16);
  const bits = Array.from({ length: chunks }, () => new Int32Array(rows));
  for (let j = 0; j < p; j++) {
    const col = columns[j] as Float64Array;
    const chunk = bits[j >> 4] as Int32Array;
    const bit = 1 << (j & 15);
    for (let r = 0; r < rows; r++) if ((col[r] as number) === (col[r] as number)) chunk[r] = (chunk[r] as number) | bit;
  }
  const keys = new Array<number | string | null>(rows);
  for (let r = 0; r < rows; r++) {
    let any = 0;
    for (let c = 0; c < chunks; c++) any |= (bits[c] as Int32Array)[r] as number;
    if (any === 0) keys[r] = null;
    else if (chunks <= 3) {
      let key = 0;
      for (let c = chunks - 1; c >= 0; c--) key = key * 65536 + ((bits[c] as Int32Array)[r] as number);
      keys[r] = key;
    } else {
      let key = '';
      for (let c = 0; c < chunks; c++) key += String.fromCharCode((bits[c] as Int32Array)[r] as number);
      keys[r] = key;
    }
  }
  return { keys };
}

/**
 * Groups the rows of `columns` (each a Float64Array, NaN = missing) by pattern, numbered in order
 * of first appearance. Each pattern's rows are stored as one block of n_g × k_g observed values.
 */
export function groupPatterns(columns: readonly Float64Array[], rows: number): PatternData {
  const p = columns.length;
  const { keys } = patternKeys(columns, rows);
  const patternOf = new Int32Array(rows).fill(-1);
  const ids = new Map<number | string, number>();
  const firstRow: number[] = [];
  const sizes: number[] = [];
  for (let r = 0; r < rows; r++) {
    const key = keys[r] as number | string | null;
    if (key === null) continue;
    let id = ids.get(key);
    if (id === undefined) {
      id = firstRow.length;
      ids.set(key, id);
      firstRow.push(r);
      sizes.push(0);
    }
    patternOf[r] = id;
    sizes[id] = (sizes[id] as number) + 1;
  }
  const nPatterns = firstRow.length;
  const rowStart = new Int32Array(nPatterns + 1);
  for (let g = 0; g < nPatterns; g++) rowStart[g + 1] = (rowStart[g] as number) + (sizes[g] as number);
  const n = rowStart[nPatterns] as number;
  const observedStart = new Int32Array(nPatterns + 1);
  const missingStart = new Int32Array(nPatterns + 1);
  const valueStart = new Int32Array(nPatterns + 1);
  const observedList: number[] = [];
  const missingList: number[] = [];
  for (let g = 0; g < nPatterns; g++) {
    const r = firstRow[g] as number;
    for (let j = 0; j < p; j++) {
      const v = (columns[j] as Float64Array)[r] as number;
      if (v === v) observedList.push(j);
      else missingList.push(j);
    }
    observedStart[g + 1] = observedList.length;
    missingStart[g + 1] = missingList.length;
    valueStart[g + 1] = (valueStart[g] as number) + (sizes[g] as number) * ((observedStart[g + 1] as number) - (observedStart[g] as number));
  }
  const observed = Int32Array.from(observedList);
  const missing = Int32Array.from(missingList);
  // Available-case means: the centring shift.
  const shift = new Float64Array(p);
  const counts = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const col = columns[j] as Float64Array;
    let s = 0;
    let m = 0;
    for (let r = 0; r < rows; r++) {
      const v = col[r] as number;
      if (v === v) {
        s += v;
        m++;
      }
    }
    counts[j] = m;
    shift[j] = m > 0 ? s / m : 0;
  }
  const values = new Float64Array(valueStart[nPatterns] as number);
  const next = Int32Array.from(valueStart.subarray(0, nPatterns));
  for (let r = 0; r < rows; r++) {
    const g = patternOf[r] as number;
    if (g < 0) continue;
    const o0 = observedStart[g] as number;
    const k = (observedStart[g + 1] as number) - o0;
    const base = next[g] as number;
    next[g] = base + k;
    for (let a = 0; a < k; a++) {
      const j = observed[o0 + a] as number;
      values[base + a] = ((columns[j] as Float64Array)[r] as number) - (shift[j] as number);
    }
  }
  // The fixed sums over observed values: cross-products of the centred columns with missing cells
  // set to 0 (one dense XᵀX) and, from the 0/1 observed indicators, the rows behind each pair.
  const zeroed = columns.map((col, j) => {
    const z = new Float64Array(rows);
    const m = shift[j] as number;
    for (let r = 0; r < rows; r++) {
      const v = col[r] as number;
      z[r] = v === v ? v - m : 0;
    }
    return z;
  });
  const crossProducts = new Float64Array(p * p);
  crossprodColumnsInto(zeroed, rows, crossProducts);
  for (let j = 0; j < p; j++) {
    const z = zeroed[j] as Float64Array;
    const col = columns[j] as Float64Array;
    for (let r = 0; r < rows; r++) z[r] = (col[r] as number) === (col[r] as number) ? 1 : 0;
  }
  const pairs = new Float64Array(p * p);
  crossprodColumnsInto(zeroed, rows, pairs);
  const sums = new Float64Array(p);
  const patternMeans = new Float64Array(observed.length);
  for (let g = 0; g < nPatterns; g++) {
    const o0 = observedStart[g] as number;
    const k = (observedStart[g + 1] as number) - o0;
    const r0 = rowStart[g] as number;
    const r1 = rowStart[g + 1] as number;
    const v0 = valueStart[g] as number;
    for (let a = 0; a < k; a++) {
      const ja = observed[o0 + a] as number;
      let s = 0;
      for (let r = 0; r < r1 - r0; r++) s += values[v0 + r * k + a] as number;
      sums[ja] = (sums[ja] as number) + s;
      patternMeans[o0 + a] = s / (r1 - r0);
    }
  }
  return { p, n, nDropped: rows - n, nPatterns, rowStart, observedStart, observed, missingStart, missing, valueStart, values, patternMeans, shift, counts, crossProducts, pairs, sums };
}

/** Reusable buffers of the EM and of Little's statistic (sized for the largest pattern). */
export interface EmWorkspace {
  readonly chol: Float64Array;
  readonly inverse: Float64Array;
  readonly column: Float64Array;
  readonly q: Float64Array;
  readonly b: Float64Array;
  readonly conditional: Float64Array;
  readonly c: Float64Array;
  readonly rhs: Float64Array;
}

export function emWorkspace(p: number): EmWorkspace {
  return {
    chol: new Float64Array(p * p),
    inverse: new Float64Array(p * p),
    column: new Float64Array(p),
    q: new Float64Array(p * p),
    b: new Float64Array(p * p),
    conditional: new Float64Array(p * p),
    c: new Float64Array(p),
    rhs: new Float64Array(p),
  };
}

/** Σ⁻¹ into ws.inverse through ws.chol; false when Σ is not positive definite. */
export function invertInto(ws: EmWorkspace, sigma: Float64Array, p: number): boolean {
  const { chol, inverse, column } = ws;
  chol.set(sigma.subarray(0, p * p));
  if (!choleskyInPlace(chol, p)) return false;
  inverseFromCholeskyInto(chol, p, inverse, column);
  return true;
}

/**
 * Pattern g's regression of its missing on its observed columns: B (m × k, row-major) in ws.b and
 * the conditional covariance (m × m) in ws.conditional, from P = Σ⁻¹ in ws.inverse. False when a
 * block that must be positive definite is not (numerically).
 */
function regression(data: PatternData, g: number, sigma: Float64Array, ws: EmWorkspace): boolean {
  const { p, observed, missing } = data;
  const o0 = data.observedStart[g] as number;
  const k = (data.observedStart[g + 1] as number) - o0;
  const m0 = data.missingStart[g] as number;
  const mm = (data.missingStart[g + 1] as number) - m0;
  const { inverse: P, q, b: B, conditional, rhs } = ws;
  if (mm <= k) {
    for (let i = 0; i < mm; i++) {
      const row = (missing[m0 + i] as number) * p;
      for (let j = 0; j < mm; j++) q[i * mm + j] = P[row + (missing[m0 + j] as number)] as number;
    }
    if (!choleskyInPlace(q, mm)) return false;
    // Cov(y_m | y_o) = P_mm⁻¹, column by column; then B = −P_mm⁻¹ P_mo.
    for (let j = 0; j < mm; j++) {
      rhs.fill(0, 0, mm);
      rhs[j] = 1;
      choleskySolveInPlace(q, mm, rhs);
      for (let i = 0; i < mm; i++) conditional[i * mm + j] = rhs[i] as number;
    }
    for (let i = 0; i < mm; i++) {
      const bi = i * k;
      for (let a = 0; a < k; a++) B[bi + a] = 0;
      for (let j = 0; j < mm; j++) {
        const cij = conditional[i * mm + j] as number;
        const row = (missing[m0 + j] as number) * p;
        for (let a = 0; a < k; a++) B[bi + a] = (B[bi + a] as number) - cij * (P[row + (observed[o0 + a] as number)] as number);
      }
    }
    return true;
  }
  const chol = q;
  for (let a = 0; a < k; a++) {
    const row = (observed[o0 + a] as number) * p;
    for (let b = 0; b < k; b++) chol[a * k + b] = sigma[row + (observed[o0 + b] as number)] as number;
  }
  if (!choleskyInPlace(chol, k)) return false;
  for (let i = 0; i < mm; i++) {
    const row = (missing[m0 + i] as number) * p;
    for (let a = 0; a < k; a++) rhs[a] = sigma[row + (observed[o0 + a] as number)] as number;
    choleskySolveInPlace(chol, k, rhs);
    for (let a = 0; a < k; a++) B[i * k + a] = rhs[a] as number;
  }
  for (let i = 0; i < mm; i++) {
    const row = (missing[m0 + i] as number) * p;
    for (let j = 0; j < mm; j++) {
      const jm = missing[m0 + j] as number;
      let s = sigma[row + jm] as number;
      for (let a = 0; a < k; a++) s -= (B[i * k + a] as number) * (sigma[(observed[o0 + a] as number) * p + jm] as number);
      conditional[i * mm + j] = s;
    }
  }
  return true;
}

/** How an EM run ended. */
export interface EmMoments {
  /** ML means (in the data's own units, shift added back). */
  readonly mean: Float64Array;
  /** ML covariance matrix, divisor n, p × p row-major. */
  readonly covariance: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** The largest scaled change of the last iteration. */
  readonly change: number;
}

/**
 * Start values: available-case means (0 after centring) and, for each pair, the covariance over
 * the rows observing both about those means (divisor n_ab); a diagonal matrix of the available
 * variances when that is not positive definite.
 */
function startValues(data: PatternData, mean: Float64Array, sigma: Float64Array, ws: EmWorkspace): void {
  const { p, crossProducts, pairs, sums, counts } = data;
  for (let a = 0; a < p; a++) mean[a] = (sums[a] as number) / (counts[a] as number);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      const nab = pairs[a * p + b] as number;
      sigma[a * p + b] = nab > 0 ? (crossProducts[a * p + b] as number) / nab : 0;
    }
  }
  ws.chol.set(sigma);
  if (!choleskyInPlace(ws.chol, p)) {
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) if (a !== b) sigma[a * p + b] = 0;
  }
}

/**
 * Runs EM from pairwise start values until no mean or covariance changes by more than
 * `tolerance` in units of the standard deviations (|Δμ_a|/σ_a, |Δσ_ab|/(σ_a σ_b)), or for
 * `maxIterations`. Returns null when Σ stops being positive definite (a constant or collinear
 * column, too few rows).
 */
export function emMoments(data: PatternData, maxIterations: number, tolerance = 1e-12, ws: EmWorkspace = emWorkspace(data.p)): EmMoments | null {
  const { p, n, values, valueStart, observed, missing, rowStart, observedStart, missingStart, nPatterns } = data;
  const mean = new Float64Array(p);
  const sigma = new Float64Array(p * p);
  startValues(data, mean, sigma, ws);
  const t1 = new Float64Array(p);
  const u = new Float64Array(p * p);
  const w = new Float64Array(p * p);
  const { b: B, conditional, c, column: yhat } = ws;
  let iterations = 0;
  let change = Infinity;
  while (iterations < maxIterations) {
    if (!invertInto(ws, sigma, p)) return null;
    t1.set(data.sums);
    u.fill(0);
    w.fill(0);
    for (let g = 0; g < nPatterns; g++) {
      const m0 = missingStart[g] as number;
      const mm = (missingStart[g + 1] as number) - m0;
      if (mm === 0) continue;
      if (!regression(data, g, sigma, ws)) return null;
      const o0 = observedStart[g] as number;
      const k = (observedStart[g + 1] as number) - o0;
      for (let i = 0; i < mm; i++) {
        let s = mean[missing[m0 + i] as number] as number;
        for (let a = 0; a < k; a++) s -= (B[i * k + a] as number) * (mean[observed[o0 + a] as number] as number);
        c[i] = s;
      }
      const r0 = rowStart[g] as number;
      const r1 = rowStart[g + 1] as number;
      const v0 = valueStart[g] as number;
      for (let r = r0; r < r1; r++) {
        const base = v0 + (r - r0) * k;
        for (let i = 0; i < mm; i++) {
          let s = c[i] as number;
          const bi = i * k;
          for (let a = 0; a < k; a++) s += (B[bi + a] as number) * (values[base + a] as number);
          yhat[i] = s;
          t1[missing[m0 + i] as number] = (t1[missing[m0 + i] as number] as number) + s;
        }
        for (let i = 0; i < mm; i++) {
          const yi = yhat[i] as number;
          const row = (missing[m0 + i] as number) * p;
          for (let a = 0; a < k; a++) {
            const ja = row + (observed[o0 + a] as number);
            u[ja] = (u[ja] as number) + yi * (values[base + a] as number);
          }
          for (let j = 0; j < mm; j++) {
            const jj = row + (missing[m0 + j] as number);
            w[jj] = (w[jj] as number) + yi * (yhat[j] as number);
          }
        }
      }
      const ng = r1 - r0;
      for (let i = 0; i < mm; i++) {
        const row = (missing[m0 + i] as number) * p;
        for (let j = 0; j < mm; j++) {
          const jj = missing[m0 + j] as number;
          w[row + jj] = (w[row + jj] as number) + ng * (conditional[i * mm + j] as number);
        }
      }
    }
    // M step, and the change measured in standard deviations of the new Σ.
    change = 0;
    for (let a = 0; a < p; a++) {
      const m = (t1[a] as number) / n;
      const d = Math.abs(m - (mean[a] as number));
      mean[a] = m;
      t1[a] = d; // kept until the variances are known
    }
    const cp = data.crossProducts;
    for (let a = 0; a < p; a++) {
      for (let b = 0; b <= a; b++) {
        const ab = a * p + b;
        const v = ((cp[ab] as number) + (u[ab] as number) + (u[b * p + a] as number) + (w[ab] as number)) / n - (mean[a] as number) * (mean[b] as number);
        w[ab] = Math.abs(v - (sigma[ab] as number));
        sigma[ab] = v;
        sigma[b * p + a] = v;
      }
    }
    for (let a = 0; a < p; a++) {
      const sa = Math.sqrt(sigma[a * p + a] as number);
      change = Math.max(change, (t1[a] as number) / sa);
      for (let b = 0; b <= a; b++) change = Math.max(change, (w[a * p + b] as number) / (sa * Math.sqrt(sigma[b * p + b] as number)));
    }
    iterations++;
    if (!(change === change)) return null;
    if (change <= tolerance) break;
  }
  for (let a = 0; a < p; a++) mean[a] = (mean[a] as number) + (data.shift[a] as number);
  return { mean, covariance: sigma, iterations, converged: change <= tolerance, change };
}
