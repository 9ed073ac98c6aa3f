import erfc from '@stdlib/math-base-special-erfc';
import { fail } from '../errors.js';
import { crossprodColumnsInto } from '../linalg/covariance.js';
import { bivariateNormalUpper } from '../probability/bivariate-normal.js';
import { normalQuantile } from '../probability/index.js';

// Sample statistics of lavaan's WLSMV estimator for ordered indicators (single group, no
// exogenous covariates, complete data after listwise deletion): what lavaan 0.6.14 computes in
// `muthen1984()` (R/lav_muthen1984.R) from `lav_samplestats_step1` (univariate probit fits),
// `lav_samplestats_step2` (two-step polychoric correlations, R/lav_bvord.R) and
// `lav_samplestats()` (NACOV and the DWLS weights, R/lav_samplestats.R).
//
// Interface
//   ordinalMoments(columns, names) → OrdinalMoments
//   columns: one array per variable, all of equal length; values are integer category codes,
//   NaN = missing (rows with any missing value are dropped, lavaan's listwise deletion). The
//   categories of a column are its distinct values among the rows kept, in increasing order
//   (lavaan's `ordered()` levels), so 0/2/5 is a three-category item.
//   Vector order (`observed`, `gamma`, `weights`): the thresholds variable by variable
//   (x1|t1, x1|t2, …, x2|t1, …), then the p(p−1)/2 correlations in lavaan's
//   vech(R, diagonal = FALSE) order — the lower triangle by columns: (2,1), (3,1), …, (p,1),
//   (3,2), …, (p,p−1) — named "x1~~x2", "x1~~x3", … as lavaan names them.
//
// 1. Thresholds: τ_vk = Φ⁻¹(cumulative proportion of categories ≤ k) (lavaan fits the probit
//    model by nlminb from this closed form, which is its maximum).
// 2. Polychoric ρ_ij: thresholds fixed, ρ maximises Σ_ab n_ab log π_ab(ρ) over [−0.999, 0.999]
//    (lavaan's nlminb bounds), π_ab floored at √ε; the score and Hessian are analytic
//    (Olsson 1979, with lavaan's corrected A2) and solved by safeguarded Newton from the Pearson
//    correlation of the category codes (lavaan's start). Empty cells: none added to general
//    tables (lavaan's zero.add = c(0.5, 0)); a 2 × 2 table with one empty cell gets ±0.5 in all
//    four cells so the margins stay (zero.keep.margins = TRUE); two empty cells give ρ = ±1;
//    a·d = b·c gives 0; two thresholds exactly 0 give −cos(2π n₁₁/N) (Brown & Benedetti 1977).
// 3. Γ (lavaan's NACOV, `lavInspect(fit, "gamma")`): with s_r the casewise scores of case r
//    (threshold scores of the univariate probit likelihoods, then ∂ log π_ab/∂ρ of each pair),
//    A11 the block-diagonal (per variable) part of Σ s_r s_rᵀ over the thresholds, A21 the
//    Σ s_ρ s_τ cross products of each ρ score with the *bivariate* threshold scores of its pair,
//    A22 = diag Σ s_ρ², and B⁻¹ = [[A11⁻¹, 0], [−A22⁻¹A21A11⁻¹, A22⁻¹]],
//        Γ = N · B⁻¹ (Σ_r s_r s_rᵀ) B⁻ᵀ = N · Σ_r (B⁻¹s_r)(B⁻¹s_r)ᵀ,
//    N the number of cases: Γ estimates N·Var(sample statistics), i.e. the asymptotic
//    covariance of √N(ŝ − s) (lavaan's gamma.n.minus.one = FALSE).
// 4. weights = diag of lavaan's WLS.V for DWLS = 1 / diag(Γ).
//
// Differences from lavaan: lavaan stops when a category of an ordered variable is empty in the
// data it analyses; here the categories are those present after listwise deletion (lavaan takes
// its levels before deleting rows, and then stops). lavaan warns for |ρ| > 0.99 and for 2 × 2
// tables with two empty cells; here the pairs with empty cells are listed in `emptyCellPairs`
// and the caller decides.

/** lavaan's WLSMV sample statistics of ordered variables. Vector order: see the file header. */
export interface OrdinalMoments {
  /** Number of variables. */
  readonly p: number;
  /** Number of complete cases used. */
  readonly n: number;
  /** k = number of thresholds + p(p−1)/2: the length of `observed` and the order of `gamma`. */
  readonly k: number;
  readonly names: readonly string[];
  /** Zero-based indices of the input rows used (complete on every column). */
  readonly rows: Int32Array;
  /** Per column, its distinct values (categories), increasing. */
  readonly categories: readonly (readonly number[])[];
  /** Per column, the count of each category. */
  readonly counts: readonly Int32Array[];
  /** All thresholds, variable by variable (K_v − 1 per variable, increasing). */
  readonly thresholds: Float64Array;
  /** For each threshold, the index of its variable. */
  readonly thresholdOwner: Int32Array;
  /** p + 1 offsets: variable v's thresholds are thresholds[start[v] .. start[v+1]). */
  readonly thresholdStart: Int32Array;
  /** "x|t1", … as lavaan names them. */
  readonly thresholdNames: readonly string[];
  /** Polychoric correlations, p × p row-major, unit diagonal. */
  readonly correlation: Float64Array;
  /** For each pair in vech order, the row and column variable (row > column). */
  readonly pairRow: Int32Array;
  readonly pairColumn: Int32Array;
  /** "x1~~x2", … in vech order. */
  readonly correlationNames: readonly string[];
  /** lavaan's WLS.obs: the thresholds then the correlations in vech order (length k). */
  readonly observed: Float64Array;
  /** Γ = NACOV, k × k row-major (estimates N·Var of `observed`). */
  readonly gamma: Float64Array;
  /** DWLS weights, 1 / diag(Γ) (the diagonal of lavaan's WLS.V). */
  readonly weights: Float64Array;
  /** Pairs [earlier, later] (variable indices, vech order) whose two-way table has an empty cell (lavaan's zero.cell.tables). */
  readonly emptyCellPairs: readonly (readonly [number, number])[];
}

const SQRT_EPS = Math.sqrt(2.220446049250313e-16); // √.Machine$double.eps, lavaan's floor for π_ab
const RHO_BOUND = 0.999; // nlminb bounds in lav_bvord_cor_twostep_fit
const DENSITY_RHO_LIMIT = 0.9999; // lav_dbinorm clamps |ρ| here
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const INV_2PI = 1 / (2 * Math.PI);

function phi(x: number): number {
  return Number.isFinite(x) ? INV_SQRT_2PI * Math.exp(-0.5 * x * x) : 0;
}

function cdf(x: number): number {
  return x === Infinity ? 1 : x === -Infinity ? 0 : 0.5 * erfc(-x / Math.SQRT2);
}

/** Standard bivariate normal density; 0 when either argument is infinite; |ρ| clamped as lavaan's dbinorm. */
function density2(u: number, v: number, rho: number): number {
  if (!Number.isFinite(u) || !Number.isFinite(v)) return 0;
  const r = rho > DENSITY_RHO_LIMIT ? DENSITY_RHO_LIMIT : rho < -DENSITY_RHO_LIMIT ? -DENSITY_RHO_LIMIT : rho;
  const s = 1 - r * r;
  return (INV_2PI / Math.sqrt(s)) * Math.exp((-0.5 * (u * u - 2 * r * u * v + v * v)) / s);
}

/** ∂ log φ₂/∂ρ (Olsson 1979 A2 as corrected in lavaan's guv). */
function guv(u: number, v: number, rho: number): number {
  const s = 1 - rho * rho;
  return (u * v * s - rho * (u * u - 2 * rho * u * v + v * v) + rho * s) / (s * s);
}

/** Per-pair scratch arrays, sized once for the largest table. */
interface PairWork {
  readonly tx: Float64Array; // thresholds of the row variable padded: [−∞, τ…, +∞]
  readonly ty: Float64Array;
  readonly grid: Float64Array; // (Kx+1)(Ky+1) of Φ₂
  readonly prob: Float64Array; // Kx·Ky cell probabilities (floored)
  readonly dens: Float64Array; // (Kx+1)(Ky+1) of φ₂ at the padded thresholds
  readonly dphi: Float64Array; // Kx·Ky: ∂π_ab/∂ρ
  readonly freq: Float64Array; // Kx·Ky counts (possibly corrected for a 2 × 2 table)
  readonly zx: Float64Array; // (Kx+1)(Ky+1): Φ((τy_b − ρτx_a)/√(1−ρ²)) for the finite τx_a
  readonly zy: Float64Array; // (Ky+1)(Kx+1): Φ((τx_a − ρτy_b)/√(1−ρ²)) for the finite τy_b
  /** ρ at which grid and dens were last computed (NaN: not for this pair / not available). */
  at: number;
}

function pairWork(maxK: number): PairWork {
  return {
    tx: new Float64Array(maxK + 1),
    ty: new Float64Array(maxK + 1),
    grid: new Float64Array((maxK + 1) * (maxK + 1)),
    prob: new Float64Array(maxK * maxK),
    dens: new Float64Array((maxK + 1) * (maxK + 1)),
    dphi: new Float64Array(maxK * maxK),
    freq: new Float64Array(maxK * maxK),
    zx: new Float64Array((maxK + 1) * (maxK + 1)),
    zy: new Float64Array((maxK + 1) * (maxK + 1)),
    at: Number.NaN,
  };
}

/**
 * Cell probabilities of the Kx × Ky table at ρ (lav_bvord_noexo_pi_cache): from the grid of
 * Φ₂ at the padded thresholds, floored at √ε — except at ρ = 0 exactly, where lavaan uses the
 * product of the margins unfloored.
 */
function cellProbabilities(kx: number, ky: number, rho: number, w: PairWork): void {
  const { tx, ty, grid, prob } = w;
  const cols = ky + 1;
  w.at = rho === 0 ? Number.NaN : rho; // the ρ = 0 branch leaves the grid unset
  if (rho === 0) {
    for (let a = 0; a < kx; a++) {
      const pa = cdf(tx[a + 1] as number) - cdf(tx[a] as number);
      for (let b = 0; b < ky; b++) prob[a * ky + b] = pa * (cdf(ty[b + 1] as number) - cdf(ty[b] as number));
    }
    return;
  }
  for (let a = 0; a <= kx; a++) {
    const x = tx[a] as number;
    for (let b = 0; b <= ky; b++) {
      const y = ty[b] as number;
      let v: number;
      if (x === -Infinity || y === -Infinity) v = 0;
      else if (x === Infinity) v = cdf(y);
      else if (y === Infinity) v = cdf(x);
      else v = bivariateNormalUpper(-x, -y, rho);
      grid[a * cols + b] = v;
    }
  }
  for (let a = 0; a < kx; a++) {
    for (let b = 0; b < ky; b++) {
      let pi = (grid[(a + 1) * cols + b + 1] as number) - (grid[(a + 1) * cols + b] as number) - (grid[a * cols + b + 1] as number) + (grid[a * cols + b] as number);
      if (pi < SQRT_EPS) pi = SQRT_EPS;
      prob[a * ky + b] = pi;
    }
  }
}

/** ∂π_ab/∂ρ for every cell (lav_bvord_noexo_phi_cache); fills w.dens as a side product. */
function cellDensityDifferences(kx: number, ky: number, rho: number, w: PairWork): void {
  const { tx, ty, dens, dphi } = w;
  const cols = ky + 1;
  for (let a = 0; a <= kx; a++) for (let b = 0; b <= ky; b++) dens[a * cols + b] = density2(tx[a] as number, ty[b] as number, rho);
  for (let a = 0; a < kx; a++) {
    for (let b = 0; b < ky; b++) {
      dphi[a * ky + b] = (dens[(a + 1) * cols + b + 1] as number) - (dens[(a + 1) * cols + b] as number) - (dens[a * cols + b + 1] as number) + (dens[a * cols + b] as number);
    }
  }
}

/**
 * Cell probabilities and ∂π/∂ρ at the final ρ. When the last Newton evaluation was at ρ − δ with
 * |δ| ≤ 1e-9, the Φ₂ grid is moved by δ·φ₂ (∂Φ₂/∂ρ = φ₂; the next term is below 1e-17)
 * instead of being recomputed.
 */
function finalProbabilities(kx: number, ky: number, rho: number, w: PairWork): void {
  const delta = rho - w.at;
  if (rho !== 0 && Math.abs(delta) <= 1e-9) {
    const { grid, dens, prob } = w;
    const cols = ky + 1;
    for (let c = 0; c < (kx + 1) * cols; c++) grid[c] = (grid[c] as number) + delta * (dens[c] as number);
    for (let a = 0; a < kx; a++) {
      for (let b = 0; b < ky; b++) {
        let pi = (grid[(a + 1) * cols + b + 1] as number) - (grid[(a + 1) * cols + b] as number) - (grid[a * cols + b + 1] as number) + (grid[a * cols + b] as number);
        if (pi < SQRT_EPS) pi = SQRT_EPS;
        prob[a * ky + b] = pi;
      }
    }
    w.at = rho;
  } else {
    cellProbabilities(kx, ky, rho, w);
  }
  cellDensityDifferences(kx, ky, rho, w);
}

/** Score and Hessian of Σ n_ab log π_ab in ρ (cells with π ≤ √ε left out, as lavaan's NA). */
function scoreAndHessian(kx: number, ky: number, rho: number, w: PairWork, out: Float64Array): void {
  cellProbabilities(kx, ky, rho, w);
  cellDensityDifferences(kx, ky, rho, w);
  const { tx, ty, dens, prob, dphi, freq } = w;
  const cols = ky + 1;
  let g = 0;
  let h = 0;
  for (let a = 0; a < kx; a++) {
    for (let b = 0; b < ky; b++) {
      const f = freq[a * ky + b] as number;
      const pi = prob[a * ky + b] as number;
      if (f === 0 || !(pi > SQRT_EPS)) continue;
      const d = dphi[a * ky + b] as number;
      // ∂²π/∂ρ²: the same corner sum of φ₂·guv (lav_bvord_noexo_gnorm_cache)
      const g11 = cornerGnorm(tx[a + 1] as number, ty[b + 1] as number, dens[(a + 1) * cols + b + 1] as number, rho);
      const g10 = cornerGnorm(tx[a + 1] as number, ty[b] as number, dens[(a + 1) * cols + b] as number, rho);
      const g01 = cornerGnorm(tx[a] as number, ty[b + 1] as number, dens[a * cols + b + 1] as number, rho);
      const g00 = cornerGnorm(tx[a] as number, ty[b] as number, dens[a * cols + b] as number, rho);
      g += (f * d) / pi;
      h += (f * (g11 - g10 - g01 + g00)) / pi - (f * d * d) / (pi * pi);
    }
  }
  out[0] = g;
  out[1] = h;
}

function cornerGnorm(u: number, v: number, d: number, rho: number): number {
  return d === 0 ? 0 : d * guv(u, v, rho);
}

/**
 * ρ̂ of one pair with thresholds fixed (lav_bvord_cor_twostep_fit). `freq` in w holds the
 * counts (row variable × column variable); it may be corrected here (2 × 2 with one empty cell).
 */
function fitRho(kx: number, ky: number, n: number, w: PairWork, gh: Float64Array): number {
  const { freq, tx, ty } = w;
  if (kx === 2 && ky === 2) {
    let empty = 0;
    let emptyIndex = -1;
    for (let c = 0; c < 4; c++) {
      if (freq[c] === 0) {
        empty++;
        emptyIndex = c;
      }
    }
    if (empty === 2) return (freq[0] as number) > 0 ? 1 : -1;
    if (empty === 1) {
      // add 0.5 and compensate so that the margins stay (zero.keep.margins)
      const diagonal = emptyIndex === 0 || emptyIndex === 3;
      const s = diagonal ? 0.5 : -0.5;
      freq[0] = (freq[0] as number) + s;
      freq[3] = (freq[3] as number) + s;
      freq[1] = (freq[1] as number) - s;
      freq[2] = (freq[2] as number) - s;
    }
    const f00 = freq[0] as number;
    const f01 = freq[1] as number;
    const f10 = freq[2] as number;
    const f11 = freq[3] as number;
    if (f00 * f11 === f01 * f10) return 0;
    if (tx[1] === 0 && ty[1] === 0) return -Math.cos((2 * Math.PI * f00) / (f00 + f01 + f10 + f11));
  }
  // start: Pearson correlation of the category codes (lavaan: cor(Y1, Y2))
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let a = 0; a < kx; a++) {
    for (let b = 0; b < ky; b++) {
      const f = freq[a * ky + b] as number;
      sx += f * a;
      sy += f * b;
      sxx += f * a * a;
      syy += f * b * b;
      sxy += f * a * b;
    }
  }
  const cxy = sxy - (sx * sy) / n;
  const r0 = cxy / Math.sqrt((sxx - (sx * sx) / n) * (syy - (sy * sy) / n));
  let x = Number.isFinite(r0) && Math.abs(r0) < 1 ? r0 : 0;
  if (x > RHO_BOUND) x = RHO_BOUND;
  if (x < -RHO_BOUND) x = -RHO_BOUND;

  // Safeguarded Newton on the score from lavaan's start: [lo, hi] brackets the maximiser (the
  // score is positive below it, negative above); a step that leaves the bracket, or a point
  // where the log-likelihood is not concave, is replaced by bisection, so a maximum at a bound
  // is reached by halving towards it. (No jump to the bound: near |ρ| = 1 the floored cell
  // probabilities make the score positive again, and lavaan's nlminb stays at the interior
  // maximum it reaches from the start.)
  let lo = -RHO_BOUND;
  let hi = RHO_BOUND;
  for (let iter = 0; iter < 200; iter++) {
    scoreAndHessian(kx, ky, x, w, gh);
    const g = gh[0] as number;
    const h = gh[1] as number;
    if (g === 0) return x;
    let next = x - g / h;
    // Newton converges quadratically: a step below 1e-9 leaves an error of order 1e-17
    if (h < 0 && Math.abs(next - x) <= 1e-9 && next >= -RHO_BOUND && next <= RHO_BOUND) return next;
    if (g > 0) lo = x;
    else hi = x;
    if (!(h < 0) || !(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (hi - lo <= 1e-15) return next;
    x = next;
  }
  return x;
}

/** In-place inverse of a small symmetric positive definite m × m matrix (Gauss–Jordan, partial pivoting). */
function invertSmall(a: Float64Array, m: number, inv: Float64Array): void {
  inv.fill(0, 0, m * m);
  for (let i = 0; i < m; i++) inv[i * m + i] = 1;
  for (let c = 0; c < m; c++) {
    let piv = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(a[r * m + c] as number) > Math.abs(a[piv * m + c] as number)) piv = r;
    if (piv !== c) {
      for (let j = 0; j < m; j++) {
        const t = a[c * m + j] as number;
        a[c * m + j] = a[piv * m + j] as number;
        a[piv * m + j] = t;
        const u = inv[c * m + j] as number;
        inv[c * m + j] = inv[piv * m + j] as number;
        inv[piv * m + j] = u;
      }
    }
    const d = a[c * m + c] as number;
    if (d === 0) throw fail('SINGULAR', 'ordinalMoments: the threshold information matrix is singular.', {});
    for (let j = 0; j < m; j++) {
      a[c * m + j] = (a[c * m + j] as number) / d;
      inv[c * m + j] = (inv[c * m + j] as number) / d;
    }
    for (let r = 0; r < m; r++) {
      if (r === c) continue;
      const f = a[r * m + c] as number;
      if (f === 0) continue;
      for (let j = 0; j < m; j++) {
        a[r * m + j] = (a[r * m + j] as number) - f * (a[c * m + j] as number);
        inv[r * m + j] = (inv[r * m + j] as number) - f * (inv[c * m + j] as number);
      }
    }
  }
}

// ---- the stages, each its own function (small functions compile and optimise quickly) ------------

/** Complete rows coded by category: codes[v·n + i] ∈ 0 … K_v − 1. */
interface Coded {
  readonly p: number;
  readonly n: number;
  readonly rows: Int32Array;
  readonly codes: Int32Array;
  readonly categories: number[][];
  readonly counts: Int32Array[];
  readonly maxK: number;
}

function checkShape(columns: readonly ArrayLike<number>[], names: readonly string[]): void {
  if (!Array.isArray(columns) || columns.length === 0) throw fail('INVALID_INPUT', 'ordinalMoments: `columns` must be a non-empty array of columns.', { option: 'columns' });
  if (!Array.isArray(names) || names.length !== columns.length) {
    throw fail('INVALID_INPUT', `ordinalMoments: \`names\` must name each of the ${columns.length} columns.`, { option: 'names' });
  }
  const total = (columns[0] as ArrayLike<number>).length;
  const seen = new Set<string>();
  for (let v = 0; v < columns.length; v++) {
    const name = names[v] as string;
    if (seen.has(name)) throw fail('DUPLICATE_NAME', `ordinalMoments: column name "${name}" is given twice.`, { column: name });
    seen.add(name);
    const len = (columns[v] as ArrayLike<number>).length;
    if (len !== total) throw fail('LENGTH_MISMATCH', `ordinalMoments: column "${name}" has ${len} values, column "${names[0]}" ${total}.`, { column: name, value: len });
  }
}

/** Listwise deletion (NaN = missing), validation, and the category codes of the complete rows. */
function codeColumns(columns: readonly ArrayLike<number>[], names: readonly string[]): Coded {
  const p = columns.length;
  const total = (columns[0] as ArrayLike<number>).length;
  const keep = new Uint8Array(total).fill(1);
  for (let v = 0; v < p; v++) {
    const col = columns[v] as ArrayLike<number>;
    for (let r = 0; r < total; r++) {
      const x = col[r] as number;
      if (Number.isNaN(x)) {
        keep[r] = 0;
      } else if (!Number.isInteger(x)) {
        const column = names[v] as string;
        if (typeof x === 'number' && !Number.isFinite(x)) throw fail('NON_FINITE', `ordinalMoments: column "${column}", row ${r} is ${x}.`, { column, row: r, value: x });
        throw fail('OUT_OF_RANGE', `ordinalMoments: column "${column}", row ${r}: ${String(x)} is not an integer category code.`, { column, row: r, value: x });
      }
    }
  }
  let n = 0;
  for (let r = 0; r < total; r++) n += keep[r] as number;
  if (n < 2) throw fail('TOO_FEW_CASES', `ordinalMoments: ${n} complete ${n === 1 ? 'row' : 'rows'}; at least 2 are needed.`, { value: n });
  const rows = new Int32Array(n);
  for (let r = 0, i = 0; r < total; r++) if (keep[r]) rows[i++] = r;

  const codes = new Int32Array(n * p);
  const categories: number[][] = [];
  const counts: Int32Array[] = [];
  let maxK = 0;
  for (let v = 0; v < p; v++) {
    const col = columns[v] as ArrayLike<number>;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = col[rows[i] as number] as number;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    let values: number[];
    if (max - min < 65536) {
      const slot = new Int32Array(max - min + 1);
      for (let i = 0; i < n; i++) slot[(col[rows[i] as number] as number) - min] = 1;
      values = [];
      for (let s = 0; s < slot.length; s++) if (slot[s]) slot[s] = values.push(min + s); // 1-based code
      for (let i = 0; i < n; i++) codes[v * n + i] = (slot[(col[rows[i] as number] as number) - min] as number) - 1;
    } else {
      values = [...new Set(Array.from(rows, (r) => col[r] as number))].sort((a, b) => a - b);
      const index = new Map(values.map((x, c) => [x, c]));
      for (let i = 0; i < n; i++) codes[v * n + i] = index.get(col[rows[i] as number] as number) as number;
    }
    if (values.length < 2) {
      const column = names[v] as string;
      throw fail('ZERO_VARIANCE', `ordinalMoments: column "${column}" has a single category (${values[0]}) among the ${n} complete rows; its thresholds and correlations are undefined.`, { column, value: values[0] });
    }
    const cnt = new Int32Array(values.length);
    for (let i = 0; i < n; i++) {
      const c = codes[v * n + i] as number;
      cnt[c] = (cnt[c] as number) + 1;
    }
    categories.push(values);
    counts.push(cnt);
    if (values.length > maxK) maxK = values.length;
  }
  return { p, n, rows, codes, categories, counts, maxK };
}

/** Step 1: thresholds, with φ(τ), the padded thresholds [−∞, τ…, +∞] and the category probabilities. */
interface Univariate {
  readonly nth: number;
  readonly start: Int32Array; // p + 1
  readonly thresholds: Float64Array;
  readonly owner: Int32Array;
  readonly density: Float64Array; // φ(τ)
  readonly padded: Float64Array; // variable v at start[v] + 2v, K_v + 1 entries
  readonly catProb: Float64Array; // variable v at start[v] + v, K_v entries: Φ(τ_c) − Φ(τ_{c−1})
}

function univariate(coded: Coded): Univariate {
  const { p, n, counts } = coded;
  const start = new Int32Array(p + 1);
  for (let v = 0; v < p; v++) start[v + 1] = (start[v] as number) + (counts[v] as Int32Array).length - 1;
  const nth = start[p] as number;
  const thresholds = new Float64Array(nth);
  const owner = new Int32Array(nth);
  const density = new Float64Array(nth);
  const padded = new Float64Array(nth + 2 * p);
  const catProb = new Float64Array(nth + p);
  for (let v = 0; v < p; v++) {
    const cnt = counts[v] as Int32Array;
    const kv = cnt.length;
    const s = start[v] as number;
    const pad = s + 2 * v;
    padded[pad] = -Infinity;
    padded[pad + kv] = Infinity;
    let cum = 0;
    for (let c = 0; c < kv - 1; c++) {
      cum += cnt[c] as number;
      const t = normalQuantile(cum / n);
      thresholds[s + c] = t;
      owner[s + c] = v;
      density[s + c] = phi(t);
      padded[pad + c + 1] = t;
    }
    for (let c = 0; c < kv; c++) catProb[s + v + c] = cdf(padded[pad + c + 1] as number) - cdf(padded[pad + c] as number);
  }
  return { nth, start, thresholds, owner, density, padded, catProb };
}

/** The pairs in vech order and their two-way tables (row variable i = the later one, column j). */
interface Pairs {
  readonly pstar: number;
  readonly row: Int32Array;
  readonly column: Int32Array;
  readonly tableStart: Int32Array; // pstar + 1
  readonly tables: Float64Array;
}

function pairTables(coded: Coded): Pairs {
  const { p, n, codes, counts } = coded;
  const pstar = (p * (p - 1)) / 2;
  const row = new Int32Array(pstar);
  const column = new Int32Array(pstar);
  const tableStart = new Int32Array(pstar + 1);
  for (let j = 0, q = 0; j < p - 1; j++) {
    for (let i = j + 1; i < p; i++, q++) {
      row[q] = i;
      column[q] = j;
      tableStart[q + 1] = (tableStart[q] as number) + (counts[i] as Int32Array).length * (counts[j] as Int32Array).length;
    }
  }
  const tables = new Float64Array(tableStart[pstar] as number);
  for (let q = 0; q < pstar; q++) {
    const ci = (row[q] as number) * n;
    const cj = (column[q] as number) * n;
    const kj = (counts[column[q] as number] as Int32Array).length;
    const t0 = tableStart[q] as number;
    for (let r = 0; r < n; r++) {
      const cell = t0 + (codes[ci + r] as number) * kj + (codes[cj + r] as number);
      tables[cell] = (tables[cell] as number) + 1;
    }
  }
  return { pstar, row, column, tableStart, tables };
}

/**
 * A11 per variable, kept as the transformed threshold scores T_v[c] = A11_v⁻¹ s_v(c)
 * (K_v × (K_v − 1) per variable, from `start`). A11_v is tridiagonal: a case in category c
 * scores +φ(τ_c)/π_c on τ_c and −φ(τ_{c−1})/π_c on τ_{c−1}.
 */
interface ThresholdScores {
  readonly start: Int32Array;
  readonly values: Float64Array;
}

function thresholdScores(coded: Coded, uni: Univariate): ThresholdScores {
  const { p, counts, maxK } = coded;
  const start = new Int32Array(p + 1);
  for (let v = 0; v < p; v++) {
    const kv = (counts[v] as Int32Array).length;
    start[v + 1] = (start[v] as number) + kv * (kv - 1);
  }
  const values = new Float64Array(start[p] as number);
  const block = new Float64Array(maxK * maxK);
  const blockInv = new Float64Array(maxK * maxK);
  const score = new Float64Array(maxK);
  for (let v = 0; v < p; v++) {
    const cnt = counts[v] as Int32Array;
    const kv = cnt.length;
    const m = kv - 1;
    const s = uni.start[v] as number;
    const off = s + v;
    block.fill(0, 0, m * m);
    for (let c = 0; c < kv; c++) {
      const pc = uni.catProb[off + c] as number;
      const up = c < m ? (uni.density[s + c] as number) / pc : 0; // score on τ_c
      const down = c > 0 ? -(uni.density[s + c - 1] as number) / pc : 0; // score on τ_{c−1}
      const f = cnt[c] as number;
      if (c < m) block[c * m + c] = (block[c * m + c] as number) + f * up * up;
      if (c > 0) block[(c - 1) * m + c - 1] = (block[(c - 1) * m + c - 1] as number) + f * down * down;
      if (c > 0 && c < m) {
        block[(c - 1) * m + c] = (block[(c - 1) * m + c] as number) + f * up * down;
        block[c * m + c - 1] = (block[c * m + c - 1] as number) + f * up * down;
      }
    }
    invertSmall(block, m, blockInv);
    const t0 = start[v] as number;
    for (let c = 0; c < kv; c++) {
      const pc = uni.catProb[off + c] as number;
      score.fill(0, 0, m);
      if (c < m) score[c] = (uni.density[s + c] as number) / pc;
      if (c > 0) score[c - 1] = -(uni.density[s + c - 1] as number) / pc;
      for (let a = 0; a < m; a++) {
        let sum = 0;
        for (let b = 0; b < m; b++) sum += (blockInv[a * m + b] as number) * (score[b] as number);
        values[t0 + c * m + a] = sum;
      }
    }
  }
  return { start, values };
}

/** Per-pair scratch beyond PairWork: the cell scores and the A21 rows. */
interface CellWork {
  readonly score: Float64Array;
  readonly a21i: Float64Array;
  readonly a21j: Float64Array;
}

/**
 * The transformed ρ score of each cell of one pair at its ρ̂ (w holds π and ∂π/∂ρ there):
 *   t_ρ(a, b) = (s_ρ(a, b) − A21_i·T_i[a] − A21_j·T_j[b]) / A22,
 * s_ρ = (∂π_ab/∂ρ)/π_ab, A22 = Σ n_ab s_ρ², A21 = Σ n_ab s_ρ ∂log π_ab/∂τ with the bivariate
 * threshold scores of lav_bvord_cor_scores: ∂π_ab/∂τx_a = φ(τx_a)[Φ((τy_b − ρτx_a)/R) −
 * Φ((τy_{b−1} − ρτx_a)/R)], R = √(1 − ρ²) (lavaan takes φ(τ)/2 when R = 0).
 */
function cellRhoScores(
  ki: number,
  kj: number,
  r: number,
  freq: Float64Array,
  f0: number,
  densI: Float64Array,
  dI: number,
  densJ: Float64Array,
  dJ: number,
  ti: Float64Array,
  tiStart: number,
  tj: Float64Array,
  tjStart: number,
  w: PairWork,
  cw: CellWork,
  out: Float64Array,
  o0: number,
): void {
  const { tx, ty, zx, zy, prob, dphi } = w;
  const { score, a21i, a21j } = cw;
  const root = Math.sqrt(1 - r * r);
  // zx[a][b] = Φ((τy_b − ρτx_a)/R) for the finite τx_a (a = 1 … ki−1); zy likewise
  if (root > 0) {
    for (let a = 1; a < ki; a++) {
      const u = tx[a] as number;
      for (let b = 0; b <= kj; b++) zx[a * (kj + 1) + b] = cdf(((ty[b] as number) - r * u) / root);
    }
    for (let b = 1; b < kj; b++) {
      const u = ty[b] as number;
      for (let a = 0; a <= ki; a++) zy[b * (ki + 1) + a] = cdf(((tx[a] as number) - r * u) / root);
    }
  }
  // ∂π_ab/∂τ at threshold a of the row variable (1 … ki−1), over column category b
  const zRow = (a: number, b: number): number => {
    const d = densI[dI + a - 1] as number;
    return root === 0 ? d * 0.5 : d * ((zx[a * (kj + 1) + b + 1] as number) - (zx[a * (kj + 1) + b] as number));
  };
  const zCol = (b: number, a: number): number => {
    const d = densJ[dJ + b - 1] as number;
    return root === 0 ? d * 0.5 : d * ((zy[b * (ki + 1) + a + 1] as number) - (zy[b * (ki + 1) + a] as number));
  };
  let a22 = 0;
  a21i.fill(0, 0, ki - 1);
  a21j.fill(0, 0, kj - 1);
  for (let a = 0; a < ki; a++) {
    for (let b = 0; b < kj; b++) {
      const c = a * kj + b;
      const lik = prob[c] as number;
      if (!(lik > SQRT_EPS)) {
        // lavaan sets such a case's scores to NA and sums with na.rm: no contribution
        score[c] = 0;
        continue;
      }
      const sr = (dphi[c] as number) / lik;
      score[c] = sr;
      const f = freq[f0 + c] as number;
      if (f === 0) continue;
      a22 += f * sr * sr;
      const fs = (f * sr) / lik;
      if (a < ki - 1) a21i[a] = (a21i[a] as number) + fs * zRow(a + 1, b);
      if (a > 0) a21i[a - 1] = (a21i[a - 1] as number) - fs * zRow(a, b);
      if (b < kj - 1) a21j[b] = (a21j[b] as number) + fs * zCol(b + 1, a);
      if (b > 0) a21j[b - 1] = (a21j[b - 1] as number) - fs * zCol(b, a);
    }
  }
  const mi = ki - 1;
  const mj = kj - 1;
  for (let a = 0; a < ki; a++) {
    let corrI = 0;
    for (let t = 0; t < mi; t++) corrI += (a21i[t] as number) * (ti[tiStart + a * mi + t] as number);
    for (let b = 0; b < kj; b++) {
      let corrJ = 0;
      for (let t = 0; t < mj; t++) corrJ += (a21j[t] as number) * (tj[tjStart + b * mj + t] as number);
      // A22 = 0 (no information): lavaan's generalized inverse gives a zero row
      out[o0 + a * kj + b] = a22 > 0 ? ((score[a * kj + b] as number) - corrI - corrJ) / a22 : 0;
    }
  }
}

/** Step 2 and the ρ part of step 3, pair by pair: ρ̂, then the transformed ρ score of each cell. */
interface PairResults {
  readonly rho: Float64Array;
  readonly cellScores: Float64Array; // laid out as the tables
  readonly emptyCellPairs: [number, number][];
}

function pairStatistics(coded: Coded, uni: Univariate, pairs: Pairs, th: ThresholdScores): PairResults {
  const { n, counts, maxK } = coded;
  const { pstar, tables, tableStart } = pairs;
  const rho = new Float64Array(pstar);
  const cellScores = new Float64Array(tables.length);
  const emptyCellPairs: [number, number][] = [];
  const w = pairWork(maxK);
  const cw: CellWork = { score: new Float64Array(maxK * maxK), a21i: new Float64Array(maxK), a21j: new Float64Array(maxK) };
  const gh = new Float64Array(2);
  for (let q = 0; q < pstar; q++) {
    const i = pairs.row[q] as number;
    const j = pairs.column[q] as number;
    const ki = (counts[i] as Int32Array).length;
    const kj = (counts[j] as Int32Array).length;
    const t0 = tableStart[q] as number;
    let anyEmpty = false;
    for (let c = 0; c < ki * kj; c++) {
      const f = tables[t0 + c] as number;
      w.freq[c] = f;
      if (f === 0) anyEmpty = true;
    }
    if (anyEmpty) emptyCellPairs.push([j, i]);
    const padI = (uni.start[i] as number) + 2 * i;
    const padJ = (uni.start[j] as number) + 2 * j;
    for (let c = 0; c <= ki; c++) w.tx[c] = uni.padded[padI + c] as number;
    for (let c = 0; c <= kj; c++) w.ty[c] = uni.padded[padJ + c] as number;
    w.at = Number.NaN;
    const r = fitRho(ki, kj, n, w, gh);
    rho[q] = r;
    finalProbabilities(ki, kj, r, w);
    cellRhoScores(ki, kj, r, tables, t0, uni.density, uni.start[i] as number, uni.density, uni.start[j] as number, th.values, th.start[i] as number, th.values, th.start[j] as number, w, cw, cellScores, t0);
  }
  return { rho, cellScores, emptyCellPairs };
}

// ---- Γ = N Σ_r t_r t_rᵀ over the transformed casewise scores t_r = B⁻¹ s_r ------------------------
// A case's threshold part depends only on its categories, so the threshold blocks come from the one-
// and two-way tables and from per-category sums of the ρ scores; the ρ block is a cross product.

/** Thresholds × thresholds: Σ_c n_c T_v[c] T_v[c]ᵀ within a variable, Σ_ab n_ab T_j[b] T_i[a]ᵀ between. */
function thresholdBlocks(coded: Coded, uni: Univariate, pairs: Pairs, th: ThresholdScores, gamma: Float64Array, k: number): void {
  const { p, counts } = coded;
  const T = th.values;
  for (let v = 0; v < p; v++) {
    const cnt = counts[v] as Int32Array;
    const m = cnt.length - 1;
    const t0 = th.start[v] as number;
    const s0 = uni.start[v] as number;
    for (let c = 0; c <= m; c++) {
      const f = cnt[c] as number;
      const tc = t0 + c * m;
      for (let a = 0; a < m; a++) {
        const fa = f * (T[tc + a] as number);
        const row = (s0 + a) * k + s0;
        for (let b = a; b < m; b++) gamma[row + b] = (gamma[row + b] as number) + fa * (T[tc + b] as number);
      }
    }
  }
  for (let q = 0; q < pairs.pstar; q++) {
    const i = pairs.row[q] as number;
    const j = pairs.column[q] as number;
    const ki = (counts[i] as Int32Array).length;
    const kj = (counts[j] as Int32Array).length;
    const mi = ki - 1;
    const mj = kj - 1;
    const ti = th.start[i] as number;
    const tj = th.start[j] as number;
    const si = uni.start[i] as number;
    const sj = uni.start[j] as number;
    const t0 = pairs.tableStart[q] as number;
    for (let a = 0; a < ki; a++) {
      for (let b = 0; b < kj; b++) {
        const f = pairs.tables[t0 + a * kj + b] as number;
        if (f === 0) continue;
        for (let x = 0; x < mj; x++) {
          const fx = f * (T[tj + b * mj + x] as number);
          const row = (sj + x) * k + si;
          for (let y = 0; y < mi; y++) gamma[row + y] = (gamma[row + y] as number) + fx * (T[ti + a * mi + y] as number);
        }
      }
    }
  }
}

/** The casewise ρ scores, by pair (pstar × n) and by case (n × pstar). */
function caseRhoScores(coded: Coded, pairs: Pairs, cellScores: Float64Array): { byPair: Float64Array; byCase: Float64Array } {
  const { n, codes, counts } = coded;
  const { pstar } = pairs;
  const byPair = new Float64Array(pstar * n);
  const byCase = new Float64Array(n * pstar);
  for (let q = 0; q < pstar; q++) {
    const ci = (pairs.row[q] as number) * n;
    const cj = (pairs.column[q] as number) * n;
    const kj = (counts[pairs.column[q] as number] as Int32Array).length;
    const t0 = pairs.tableStart[q] as number;
    const dst = q * n;
    for (let r = 0; r < n; r++) {
      const x = cellScores[t0 + (codes[ci + r] as number) * kj + (codes[cj + r] as number)] as number;
      byPair[dst + r] = x;
      byCase[r * pstar + q] = x;
    }
  }
  return { byPair, byCase };
}

/** Thresholds × ρ: Σ_c T_v[c] (Σ over the cases in category c of the ρ scores). */
function thresholdRhoBlock(coded: Coded, uni: Univariate, pstar: number, th: ThresholdScores, byCase: Float64Array, gamma: Float64Array, k: number): void {
  const { p, n, codes, counts, maxK } = coded;
  const sums = new Float64Array(maxK * pstar);
  for (let v = 0; v < p; v++) {
    const m = (counts[v] as Int32Array).length - 1;
    const cv = v * n;
    sums.fill(0, 0, (m + 1) * pstar);
    for (let r = 0; r < n; r++) {
      const at = (codes[cv + r] as number) * pstar;
      const src = r * pstar;
      for (let q = 0; q < pstar; q++) sums[at + q] = (sums[at + q] as number) + (byCase[src + q] as number);
    }
    const t0 = th.start[v] as number;
    const s0 = uni.start[v] as number;
    for (let t = 0; t < m; t++) {
      const row = (s0 + t) * k + uni.nth;
      for (let c = 0; c <= m; c++) {
        const tv = th.values[t0 + c * m + t] as number;
        const cs = c * pstar;
        for (let q = 0; q < pstar; q++) gamma[row + q] = (gamma[row + q] as number) + tv * (sums[cs + q] as number);
      }
    }
  }
}

/** ρ × ρ: the cross products of the casewise ρ scores. */
function rhoBlock(n: number, nth: number, pstar: number, byPair: Float64Array, gamma: Float64Array, k: number): void {
  const cross = new Float64Array(pstar * pstar);
  crossprodColumnsInto(Array.from({ length: pstar }, (_, q) => byPair.subarray(q * n, (q + 1) * n)), n, cross);
  for (let a = 0; a < pstar; a++) gamma.set(cross.subarray(a * pstar + a, (a + 1) * pstar), (nth + a) * k + nth + a);
}

/** × N, and the upper triangle mirrored. */
function scaleAndMirror(gamma: Float64Array, k: number, n: number): void {
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const x = (gamma[a * k + b] as number) * n;
      gamma[a * k + b] = x;
      gamma[b * k + a] = x;
    }
  }
}

/**
 * lavaan's WLSMV sample statistics of ordered variables: thresholds, two-step polychoric
 * correlations, their asymptotic covariance Γ (NACOV) and the DWLS weights — see the file header
 * for the formulas and the vector order.
 *
 * @throws PsychkitError `INVALID_INPUT` (no columns, names not matching), `LENGTH_MISMATCH`
 * (columns of different length), `DUPLICATE_NAME`, `NON_FINITE` (±∞), `OUT_OF_RANGE`
 * (a value that is not an integer; names column and row), `TOO_FEW_CASES` (fewer than 2
 * complete rows), `ZERO_VARIANCE` (a column with one category among the complete rows).
 */
export function ordinalMoments(columns: readonly ArrayLike<number>[], names: readonly string[]): OrdinalMoments {
  checkShape(columns, names);
  const coded = codeColumns(columns, names);
  const { p, n } = coded;
  const uni = univariate(coded);
  const pairs = pairTables(coded);
  const th = thresholdScores(coded, uni);
  const { rho, cellScores, emptyCellPairs } = pairStatistics(coded, uni, pairs, th);

  const { nth } = uni;
  const { pstar } = pairs;
  const k = nth + pstar;
  const gamma = new Float64Array(k * k);
  thresholdBlocks(coded, uni, pairs, th, gamma, k);
  const { byPair, byCase } = caseRhoScores(coded, pairs, cellScores);
  thresholdRhoBlock(coded, uni, pstar, th, byCase, gamma, k);
  rhoBlock(n, nth, pstar, byPair, gamma, k);
  scaleAndMirror(gamma, k, n);
  const weights = new Float64Array(k);
  for (let a = 0; a < k; a++) weights[a] = 1 / (gamma[a * k + a] as number);

  const correlation = new Float64Array(p * p);
  for (let v = 0; v < p; v++) correlation[v * p + v] = 1;
  for (let q = 0; q < pstar; q++) {
    const i = pairs.row[q] as number;
    const j = pairs.column[q] as number;
    correlation[i * p + j] = rho[q] as number;
    correlation[j * p + i] = rho[q] as number;
  }
  const observed = new Float64Array(k);
  observed.set(uni.thresholds, 0);
  observed.set(rho, nth);
  const thresholdNames = Array.from(uni.owner, (v, t) => `${names[v]}|t${t - (uni.start[v] as number) + 1}`);
  const correlationNames = Array.from(pairs.row, (i, q) => `${names[pairs.column[q] as number]}~~${names[i]}`);
  return {
    p,
    n,
    k,
    names: [...names],
    rows: coded.rows,
    categories: coded.categories,
    counts: coded.counts,
    thresholds: uni.thresholds,
    thresholdOwner: uni.owner,
    thresholdStart: uni.start,
    thresholdNames,
    correlation,
    pairRow: pairs.row,
    pairColumn: pairs.column,
    correlationNames,
    observed,
    gamma,
    weights,
    emptyCellPairs,
  };
}
