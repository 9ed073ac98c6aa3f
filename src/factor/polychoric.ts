import { fail, type PsychkitWarning } from '../errors.js';
import type { NumericColumns } from '../data/index.js';
import { bivariateNormalUpper } from '../probability/bivariate-normal.js';
import { normalQuantile } from '../probability/index.js';
import { minimizeBrent } from '../util/brent.js';
import { smoothCorrelation } from './smooth.js';

/** Options of {@link polychoricMatrix}; the defaults are psych::polychoric's. */
export interface PolychoricOptions {
  /** Added (as a count) to empty cells when thresholds are estimated per pair. Default 0.5. */
  readonly correct?: number;
  /** Smooth the matrix (psych::cor.smooth) if it is not positive definite. Default true. */
  readonly smooth?: boolean;
  /** Thresholds from each item's own marginal distribution (true) or from each pair's table. Default true. */
  readonly global?: boolean;
  /** Most response categories accepted (psych's `max.cat`). Default 8. */
  readonly maxCategories?: number;
}

/** Polychoric correlations with everything needed to report them. */
export interface PolychoricMatrix {
  readonly p: number;
  /** p × p row-major. */
  readonly matrix: Float64Array;
  /** Per item, the K − 1 thresholds Φ⁻¹(cumulative proportion) over the common response scale (−∞ for an empty lowest category). */
  readonly thresholds: Float64Array[];
  /** The response values, smallest to largest, shared by all items (psych's global scale). */
  readonly categories: number[];
  /** Whether global (marginal) thresholds were used for every pair. */
  readonly globalThresholds: boolean;
  readonly smoothed: boolean;
  /** Cells given the continuity correction (pairwise thresholds only). */
  readonly correctedCells: number;
  readonly warnings: PsychkitWarning[];
}

// Per-pair work arrays, sized once for the largest table (K ≤ maxCategories).
interface Workspace {
  readonly upper: Float64Array; // (K+1)² grid of P(X > τx_a, Y > τy_b)
  readonly cellRow: Int32Array;
  readonly cellCol: Int32Array;
  readonly cellShare: Float64Array;
}

function checkCategories(data: NumericColumns, maxCategories: number): { low: number; high: number } {
  let low = Infinity;
  let high = -Infinity;
  data.columns.forEach((col, j) => {
    for (let i = 0; i < col.length; i++) {
      const v = col[i] as number;
      if (Number.isNaN(v)) continue;
      if (!Number.isInteger(v)) {
        const column = data.names[j] as string;
        throw fail('OUT_OF_RANGE', `Column "${column}", row ${i}: ${v} is not an integer response; polychoric correlations need ordered categories coded as integers.`, {
          column,
          row: i,
          value: v,
        });
      }
      if (v < low) low = v;
      if (v > high) high = v;
    }
  });
  const k = high - low + 1;
  if (k > maxCategories) {
    throw fail('OUT_OF_RANGE', `The items span ${k} response values (${low} to ${high}); polychoric correlations accept at most \`maxCategories\` = ${maxCategories}. Use method 'pearson' for (quasi-)continuous items.`, {
      option: 'maxCategories',
      value: k,
    });
  }
  return { low, high };
}

/**
 * −Σ share·log P(cell; ρ) over the observed cells, psych's `polyF`: cells with P ≤ 0 are skipped
 * (psych sets their log to NA and sums with na.rm).
 */
function negativeLogLikelihood(rho: number, tx: ArrayLike<number>, ty: ArrayLike<number>, cells: number, ws: Workspace): number {
  const nr = tx.length + 1;
  const nc = ty.length + 1;
  const stride = nc + 1;
  const { upper } = ws;
  // Grid corners: index 0 is −∞, index nr (nc) is +∞.
  for (let a = 0; a <= nr; a++) {
    const h = a === 0 ? -Infinity : a === nr ? Infinity : (tx[a - 1] as number);
    for (let b = 0; b <= nc; b++) {
      const k = b === 0 ? -Infinity : b === nc ? Infinity : (ty[b - 1] as number);
      upper[a * stride + b] = bivariateNormalUpper(h, k, rho);
    }
  }
  let f = 0;
  for (let c = 0; c < cells; c++) {
    const a = ws.cellRow[c] as number;
    const b = ws.cellCol[c] as number;
    const prob =
      (upper[a * stride + b] as number) -
      (upper[(a + 1) * stride + b] as number) -
      (upper[a * stride + b + 1] as number) +
      (upper[(a + 1) * stride + b + 1] as number);
    if (prob > 0) f -= (ws.cellShare[c] as number) * Math.log(prob);
  }
  return f;
}

/**
 * Polychoric correlation matrix, exactly as psych::polychoric (psych 2.2.9) with its defaults.
 *
 * Each item is assumed to cut a standard normal latent variable at thresholds τ₁ < … < τ_{K−1}.
 * 1. Responses are placed on one common scale from the smallest to the largest value seen in any
 *    item (K categories, at most `maxCategories`).
 * 2. Global thresholds: τ_c = Φ⁻¹(proportion of the item's observed responses ≤ category c).
 *    If the items do not all reach the same top category, psych switches to per-pair thresholds
 *    (`global: false`; a warning says so).
 * 3. For each pair, ρ maximises the multinomial log-likelihood Σ n_ab·log P_ab(ρ) of the pair's
 *    contingency table (rows where both items are observed), where P_ab is the bivariate normal
 *    probability of cell (a, b) — Olsson's (1979) two-step estimator. The maximum is found on
 *    (−1, 1) with Brent's method at R's `optimize()` tolerance, taking R's exact steps.
 * 4. With per-pair thresholds, empty rows/columns of the table are dropped, empty cells get
 *    `correct`/n, and thresholds come from the table's margins. (psych applies `correct` only on
 *    this path: with global thresholds, empty cells simply contribute nothing.)
 * 5. If the matrix is not positive definite and `smooth` is true, it is smoothed as
 *    psych::cor.smooth.
 *
 * Reference: Olsson, U. (1979). Maximum likelihood estimation of the polychoric correlation
 * coefficient. *Psychometrika, 44*, 443–460.
 */
export function polychoricMatrix(data: NumericColumns, options: PolychoricOptions = {}): PolychoricMatrix {
  const correct = options.correct ?? 0.5;
  const smooth = options.smooth ?? true;
  const maxCategories = options.maxCategories ?? 8;
  const { names, columns } = data;
  const p = columns.length;
  const warnings: PsychkitWarning[] = [];
  const { low, high } = checkCategories(data, maxCategories);
  const K = high - low + 1;

  // Category codes 0..K−1 (−1 = missing), marginal counts, each item's top category.
  const codes: Int16Array[] = [];
  const thresholds: Float64Array[] = [];
  let global = options.global ?? true;
  let commonTop = -1;
  let sameTop = true;
  columns.forEach((col, j) => {
    const code = new Int16Array(col.length);
    const freq = new Float64Array(K);
    let n = 0;
    let top = -1;
    let bottom = K;
    for (let i = 0; i < col.length; i++) {
      const v = col[i] as number;
      if (Number.isNaN(v)) {
        code[i] = -1;
        continue;
      }
      const c = v - low;
      code[i] = c;
      freq[c] = (freq[c] as number) + 1;
      n++;
      if (c > top) top = c;
      if (c < bottom) bottom = c;
    }
    const column = names[j] as string;
    if (n < 2 || top === bottom) {
      throw fail('ZERO_VARIANCE', `Column "${column}" is constant; its polychoric correlations are undefined.`, { column });
    }
    if (commonTop === -1) commonTop = top;
    else if (top !== commonTop) sameTop = false;
    // psych: proportions first, then their running sum (kept for bit-level agreement).
    const tau = new Float64Array(K - 1);
    let cumulative = 0;
    for (let c = 0; c < K - 1; c++) {
      cumulative += (freq[c] as number) / n;
      tau[c] = normalQuantile(cumulative);
    }
    codes.push(code);
    thresholds.push(tau);
  });
  if (global && !sameTop) {
    global = false;
    warnings.push({
      code: 'POLYCHORIC_PAIRWISE_THRESHOLDS',
      message: 'The items do not all use the same highest response category, so thresholds were estimated per pair (as psych::polychoric sets global = FALSE).',
    });
  }

  const ws: Workspace = {
    upper: new Float64Array((K + 1) * (K + 1)),
    cellRow: new Int32Array(K * K),
    cellCol: new Int32Array(K * K),
    cellShare: new Float64Array(K * K),
  };
  const table = new Float64Array(K * K);
  const matrix = new Float64Array(p * p);
  let correctedCells = 0;
  for (let a = 0; a < p; a++) matrix[a * p + a] = 1;

  // psych's pair order: rows of the table are the later item.
  for (let i = 1; i < p; i++) {
    const xi = codes[i] as Int16Array;
    for (let j = 0; j < i; j++) {
      const xj = codes[j] as Int16Array;
      table.fill(0);
      let total = 0;
      for (let r = 0; r < xi.length; r++) {
        const a = xi[r] as number;
        const b = xj[r] as number;
        if (a < 0 || b < 0) continue;
        table[a * K + b] = (table[a * K + b] as number) + 1;
        total++;
      }
      const pair = [names[i] as string, names[j] as string];
      if (total === 0) {
        throw fail('TOO_FEW_CASES', `"${pair[0]}" and "${pair[1]}" are never observed together; their polychoric correlation is undefined.`, { columns: pair, n: 0 });
      }
      let tx: ArrayLike<number>;
      let ty: ArrayLike<number>;
      let cells = 0;
      if (global) {
        tx = thresholds[i] as Float64Array;
        ty = thresholds[j] as Float64Array;
        for (let a = 0; a < K; a++) {
          for (let b = 0; b < K; b++) {
            const count = table[a * K + b] as number;
            if (count === 0) continue;
            ws.cellRow[cells] = a;
            ws.cellCol[cells] = b;
            ws.cellShare[cells] = count / total;
            cells++;
          }
        }
      } else {
        const local = pairThresholds(table, K, total, correct, ws);
        if (local === 'inconsistent') {
          throw fail('TOO_FEW_CASES', `"${pair[0]}" and "${pair[1]}": too few responses for per-pair thresholds with \`correct\` = ${correct} (the corrected table's margins exceed 1, where psych::polychoric fails). Use \`correct: 0\` or items with the same categories.`, {
            columns: pair,
            n: total,
          });
        }
        if (local === null) {
          throw fail('ZERO_VARIANCE', `"${pair[0]}" or "${pair[1]}" is constant on the rows where both are observed; their polychoric correlation is undefined.`, {
            columns: pair,
          });
        }
        tx = local.tx;
        ty = local.ty;
        cells = local.cells;
        correctedCells += local.corrected ? 1 : 0;
      }
      const fit = minimizeBrent((rho) => negativeLogLikelihood(rho, tx, ty, cells, ws), -1, 1);
      if (!Number.isFinite(fit.minimum) || !Number.isFinite(fit.objective)) {
        throw fail('INVALID_INPUT', `The polychoric correlation of "${pair[0]}" and "${pair[1]}" could not be estimated.`, { columns: pair });
      }
      matrix[i * p + j] = fit.minimum;
      matrix[j * p + i] = fit.minimum;
    }
  }
  if (correctedCells > 0) {
    warnings.push({
      code: 'POLYCHORIC_EMPTY_CELLS',
      message: `${correctedCells} item pair${correctedCells === 1 ? '' : 's'} had empty cells, filled with ${correct} observation${correct === 1 ? '' : 's'} each (psych's continuity correction).`,
      details: { pairs: correctedCells, correct },
    });
  }
  let result: Float64Array = matrix;
  let smoothed = false;
  if (smooth) {
    ({ matrix: result, smoothed } = smoothCorrelation(matrix, p));
    if (smoothed) {
      warnings.push({
        code: 'SMOOTHED',
        message: 'The polychoric matrix was not positive definite and was smoothed (psych::cor.smooth).',
      });
    }
  }
  const categories = Array.from({ length: K }, (_, c) => low + c);
  return { p, matrix: result, thresholds, categories, globalThresholds: global, smoothed, correctedCells, warnings };
}

/**
 * psych's per-pair path: drop empty rows and columns, give empty cells `correct`/n, thresholds
 * from the margins of that (corrected) table. Fills the workspace's cell list. Null when fewer
 * than two rows or columns remain; 'inconsistent' when the corrections push a cumulative margin
 * past 1 (no threshold exists).
 */
function pairThresholds(
  table: Float64Array,
  K: number,
  total: number,
  correct: number,
  ws: Workspace,
): { tx: Float64Array; ty: Float64Array; cells: number; corrected: boolean } | null | 'inconsistent' {
  const rows: number[] = [];
  const cols: number[] = [];
  for (let a = 0; a < K; a++) {
    let any = false;
    for (let b = 0; b < K; b++) if ((table[a * K + b] as number) > 0) any = true;
    if (any) rows.push(a);
  }
  for (let b = 0; b < K; b++) {
    let any = false;
    for (let a = 0; a < K; a++) if ((table[a * K + b] as number) > 0) any = true;
    if (any) cols.push(b);
  }
  const nr = rows.length;
  const nc = cols.length;
  if (nr < 2 || nc < 2) return null;
  let corrected = false;
  const rowSum = new Float64Array(nr);
  const colSum = new Float64Array(nc);
  let cells = 0;
  for (let a = 0; a < nr; a++) {
    for (let b = 0; b < nc; b++) {
      let share = (table[(rows[a] as number) * K + (cols[b] as number)] as number) / total;
      if (share === 0 && correct > 0) {
        share = correct / total;
        corrected = true;
      }
      rowSum[a] = (rowSum[a] as number) + share;
      colSum[b] = (colSum[b] as number) + share;
      if (share === 0) continue;
      ws.cellRow[cells] = a;
      ws.cellCol[cells] = b;
      ws.cellShare[cells] = share;
      cells++;
    }
  }
  const tx = new Float64Array(nr - 1);
  const ty = new Float64Array(nc - 1);
  let s = 0;
  for (let a = 0; a < nr - 1; a++) tx[a] = normalQuantile((s += rowSum[a] as number));
  s = 0;
  for (let b = 0; b < nc - 1; b++) ty[b] = normalQuantile((s += colSum[b] as number));
  for (const t of [tx, ty]) for (const v of t) if (Number.isNaN(v)) return 'inconsistent';
  return { tx, ty, cells, corrected };
}
