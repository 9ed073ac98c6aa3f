import { fail, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import type { ReadTableOptions, Table, TableView } from '../data/table.js';
import { choleskyInPlace } from '../linalg/solve.js';
import { symmetricEigen } from '../linalg/eigen.js';
import { chiSquareQuantile, chiSquareSurvival } from '../probability/index.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field } from '../util/options.js';
import { plural } from '../util/text.js';
import { forEachRow, nullable, readItemMatrix, type ItemMatrix, type RowKernel } from './item-matrix.js';
import { emptyRows, emptyRowsWarning } from './longstring.js';

/** Options of {@link mahalanobis}. */
export interface MahalanobisOptions extends ReadTableOptions {
  /** The item columns (at least 2). Default: every column. */
  readonly columns?: readonly string[];
  /**
   * Flag a respondent when p < `significance` (D² above the χ²(k) quantile 1 − significance). Default 0.01,
   * careless::mahad's `confidence = 0.99`.
   */
  readonly significance?: number;
}

/** Result of {@link mahalanobis}. */
export interface MahalanobisResult extends PsychkitResult<'mahalanobis'> {
  /** Respondents (rows of the table). */
  readonly n: number;
  /** The item columns, in the order used. */
  readonly columns: readonly string[];
  /** Per respondent: Mahalanobis D² from the item means (careless `d_sq`); `null` when no item was answered. */
  readonly values: readonly (number | null)[];
  /** Per respondent: the χ² upper-tail p of D² with `df` degrees of freedom; `null` with D². */
  readonly p: readonly (number | null)[];
  /** Per respondent: D² > `critical` (careless `flagged`); `null` with D². */
  readonly flagged: readonly (boolean | null)[];
  /** The flagging level. */
  readonly significance: number;
  /** Degrees of freedom of the χ² reference: the number of items (careless uses ncol(x) for every row). */
  readonly df: number;
  /** The χ² quantile 1 − significance with `df` degrees of freedom: the D² cut-off. */
  readonly critical: number;
  /** Item means, over each item's answered rows (the centre). */
  readonly means: readonly number[];
  /** The definition used, in words. */
  readonly rule: string;
}

/** The rule of {@link mahalanobis}, in words (also used by `screenResponses`). */
export const MAHALANOBIS_RULE =
  "Mahalanobis D² = (x − x̄)ᵀ S⁻¹ (x − x̄) with x̄ the item means over each item's answered rows and S the pairwise-complete covariance matrix (divisor n − 1), summing over the answered items only (a missing answer counts as the item mean), as careless::mahad via psych::outlier; p is the χ² upper tail with df = number of items; null for a respondent with no answered item.";

const readMahalanobisOptions = defineOptions('mahalanobis', {
  columns: field.raw(),
  missingCodes: field.missingCodes(),
  significance: field.number(0.01, 0, 1, { exclusiveMin: true, exclusiveMax: true }),
});

/**
 * Mahalanobis distance of each respondent from the centre of the item responses, matching
 * `careless::mahad(x, flag = TRUE)`, which computes `psych::outlier`:
 *
 *   D²ᵢ = (xᵢ − x̄)ᵀ S⁻¹ (xᵢ − x̄),  pᵢ = P(χ²_k > D²ᵢ),
 *
 * with x̄ the item means (each over the rows that answered it), S the pairwise-complete covariance
 * matrix (R's `cov(x, use = "pairwise")`, divisor n − 1) and k the number of items. Missing answers
 * follow psych::outlier, which drops them from the double sum (`na.rm = TRUE`): equivalent to
 * giving a missing answer the item's mean. A respondent with no answered item gets `null`
 * (careless drops such rows). The flag is careless's `D² > qchisq(confidence, k)` with
 * confidence = 1 − `significance` (default 0.99, so `significance` 0.01); the χ² df is k for every respondent,
 * as in careless, whatever they skipped.
 *
 * Multivariate outliers include random responders, whose answers ignore the correlations among
 * the items (Meade & Craig 2012). With many items D² is roughly χ²_k under multivariate
 * normality; Likert items are not normal, so read p as a ranking rather than an exact test.
 *
 * Errors: `ZERO_VARIANCE` naming a constant item (S is then singular; careless stops in `solve`),
 * `SINGULAR` when the items are linearly dependent (a duplicated item, a sum score among the
 * items), naming the items involved; `NOT_POSITIVE_DEFINITE` when the pairwise covariance matrix
 * is indefinite (possible with much missing data; psych would invert it anyway and can give a
 * negative D²); `TOO_FEW_CASES` when a pair of items has fewer than 2 common answers;
 * `MISSING_COLUMN`, `NON_NUMERIC`, `NON_FINITE`, `DUPLICATE_NAME`, `TOO_FEW_VARIABLES` (< 2 items),
 * `INVALID_OPTION`. Singularity is judged on the correlation form of S: a Cholesky pivot at or below
 * 1e-12 of its diagonal entry.
 *
 * References: Mahalanobis, P. C. (1936). On the generalized distance in statistics. *Proceedings
 * of the National Institute of Sciences of India, 2*, 49–55. Meade, A. W., & Craig, S. B. (2012).
 * Identifying careless responses in survey data. *Psychological Methods, 17*, 437–455.
 *
 * @example
 * ```ts
 * const md = mahalanobis(rows, { columns: ['esse1', 'esse2', 'esse3', 'esse4', 'esse5'], significance: 0.001 });
 * md.values[0]; // D² of the first respondent
 * md.p[0]; // its χ²(5) upper tail
 * md.flagged.filter((f) => f === true).length; // respondents beyond the 0.999 quantile
 * ```
 */
export function mahalanobis(table: Table | TableView, options?: MahalanobisOptions): MahalanobisResult {
  const o = readMahalanobisOptions.read(options);
  const m = readItemMatrix(table, o.columns, o.missingCodes, 'mahalanobis');
  const { d2, p, means } = mahalanobisValues(m);
  const df = m.k;
  const critical = chiSquareQuantile(1 - o.significance, df);
  const flagged = new Array<boolean | null>(m.n);
  for (let i = 0; i < m.n; i++) {
    const v = d2[i] as number;
    flagged[i] = v === v ? v > critical : null;
  }
  const warnings: PsychkitWarning[] = [];
  const empty = emptyRows(m);
  if (empty > 0) warnings.push(emptyRowsWarning(empty, 'mahalanobis'));
  return deepFreeze({
    kind: 'mahalanobis',
    n: m.n,
    warnings,
    columns: m.columns,
    values: nullable(d2),
    p: nullable(p),
    flagged,
    significance: o.significance,
    df,
    critical,
    means: Object.freeze(Array.from(means)),
    rule: MAHALANOBIS_RULE,
  });
}

/** Relative Cholesky pivot below which the covariance matrix is treated as singular. */
const SINGULAR_TOLERANCE = 1e-12;

/** The covariance matrix of D² factored: what the per-row kernel needs. */
export interface MahalanobisSetup {
  /** Cholesky factor L of the correlation form of S, k × k row-major (lower triangle used). */
  readonly l: Float64Array;
  /** 1 / L[a, a]. */
  readonly inverseDiagonal: Float64Array;
  /** Item means (the centre). */
  readonly centre: Float64Array;
  /** 1 / SD of each item. */
  readonly inv: Float64Array;
}

/**
 * D², its χ²(k) upper tail and the item means. The covariance matrix comes from the matrix's
 * shared cross-products ({@link mahalanobisSetup}); each row is centred (missing → 0), solved
 * against the Cholesky factor of the correlation form of S and summed ({@link mahalanobisKernel}).
 * Throws ZERO_VARIANCE, SINGULAR, NOT_POSITIVE_DEFINITE, TOO_FEW_CASES.
 */
export function mahalanobisValues(m: ItemMatrix): { readonly d2: Float64Array; readonly p: Float64Array; readonly means: Float64Array } {
  const setup = mahalanobisSetup(m);
  const kernel = mahalanobisKernel(m, setup);
  forEachRow(m, [kernel.row]);
  return { d2: kernel.d2, p: mahalanobisTail(kernel.d2, m), means: Float64Array.from(setup.centre) };
}

/**
 * Sets D² up: the pairwise covariance matrix, its checks and the Cholesky factor of its
 * correlation form. Throws ZERO_VARIANCE, SINGULAR, NOT_POSITIVE_DEFINITE, TOO_FEW_CASES.
 */
export function mahalanobisSetup(m: ItemMatrix): MahalanobisSetup {
  const { k, columns } = m;
  const cp = m.crossProducts();
  const { sumA, sumAB, scale } = cp;
  const counts = cp.n;
  const cov = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const at = a * k + b;
      const nk = counts[at] as number;
      if (nk < 2) {
        const detail = a === b ? `Item "${columns[a]}" has` : `Items "${columns[a]}" and "${columns[b]}" have`;
        throw fail('TOO_FEW_CASES', `${detail} ${plural(nk, 'answer')} in common; the covariance matrix of Mahalanobis D² needs at least 2.`, {
          columns: a === b ? [columns[a] as string] : [columns[a] as string, columns[b] as string],
          n: nk,
        });
      }
      const v = ((sumAB[at] as number) - ((sumA[at] as number) * (sumA[b * k + a] as number)) / nk) / (nk - 1) / (scale[a] as number) / (scale[b] as number);
      cov[at] = v;
      cov[b * k + a] = v;
    }
  }
  const sd = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    const v = cov[a * k + a] as number;
    if (!(v > 0)) {
      throw fail('ZERO_VARIANCE', `Item "${columns[a]}" is constant (every answer is ${formatValue(m, a)}); its covariance row is zero, so the covariance matrix cannot be inverted for Mahalanobis D². Leave it out of \`columns\`.`, {
        column: columns[a] as string,
      });
    }
    sd[a] = Math.sqrt(v);
  }
  // Correlation form R = D^{-1/2} S D^{-1/2}: x'S⁻¹x = (D^{-1/2}x)' R⁻¹ (D^{-1/2}x).
  const l = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) l[a * k + b] = (cov[a * k + b] as number) / ((sd[a] as number) * (sd[b] as number));
  const corr = Float64Array.from(l);
  if (!choleskyInPlace(l, k, SINGULAR_TOLERANCE)) singularOrIndefinite(corr, k, columns);
  const means = cp.means;
  const inverseDiagonal = new Float64Array(k);
  for (let a = 0; a < k; a++) inverseDiagonal[a] = 1 / (l[a * k + a] as number);
  const centre = new Float64Array(k);
  const inv = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    centre[a] = means[a] as number;
    inv[a] = 1 / (sd[a] as number);
  }
  return { l, inverseDiagonal, centre, inv };
}

/** χ²(k) upper tail of each D² (NaN for a respondent with no answer, whose D² is set to NaN). */
export function mahalanobisTail(d2: Float64Array, m: ItemMatrix): Float64Array {
  const { n, k, answered } = m;
  const p = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    if (answered[r] === 0) {
      d2[r] = Number.NaN;
      p[r] = Number.NaN;
      continue;
    }
    p[r] = chiSquareSurvival(d2[r] as number, k);
  }
  return p;
}

/**
 * The D² {@link RowKernel}: D² = ‖L⁻¹ D^{-1/2}(x − x̄)‖² by forward substitution, the centred and
 * scaled answers formed on the fly (a missing answer contributes 0). Four rows and two unknowns
 * at a time: each sweep over the solved unknowns loads two multipliers L[a, b], L[a + 1, b] and
 * four solved values for eight multiply-adds. Every row's arithmetic is the plain forward
 * substitution's, in the same order (b = 0 … a − 1, then scaling by 1 / L[a, a]). Sets `d2` of
 * rows with no answer to 0 (see {@link mahalanobisTail}).
 */
export function mahalanobisKernel(m: ItemMatrix, setup: MahalanobisSetup): { readonly d2: Float64Array; readonly row: RowKernel } {
  const { n, k } = m;
  const { l, inverseDiagonal, centre, inv } = setup;
  const d2 = new Float64Array(n);
  const z0 = new Float64Array(k);
  const z1 = new Float64Array(k);
  const z2 = new Float64Array(k);
  const z3 = new Float64Array(k);
  const row: RowKernel = (buf, size, from) => d2Block(buf, size, from, k, l, inverseDiagonal, centre, inv, z0, z1, z2, z3, d2);
  return { d2, row };
}

/** The body of {@link mahalanobisKernel}'s row kernel (a top-level function: one compiled copy shared by every call). */
function d2Block(
  buf: Float64Array,
  size: number,
  from: number,
  k: number,
  l: Float64Array,
  inverseDiagonal: Float64Array,
  centre: Float64Array,
  inv: Float64Array,
  z0: Float64Array,
  z1: Float64Array,
  z2: Float64Array,
  z3: Float64Array,
  d2: Float64Array,
): void {
  let r = 0;
  for (; r + 3 < size; r += 4) {
    const b0 = r * k;
    const b1 = b0 + k;
    const b2 = b1 + k;
    const b3 = b2 + k;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let a = 0;
    for (; a + 1 < k; a += 2) {
      const c = centre[a] as number;
      const f = inv[a] as number;
      const cc = centre[a + 1] as number;
      const ff = inv[a + 1] as number;
      let v = buf[b0 + a] as number;
      let t0 = v === v ? (v - c) * f : 0;
      v = buf[b1 + a] as number;
      let t1 = v === v ? (v - c) * f : 0;
      v = buf[b2 + a] as number;
      let t2 = v === v ? (v - c) * f : 0;
      v = buf[b3 + a] as number;
      let t3 = v === v ? (v - c) * f : 0;
      v = buf[b0 + a + 1] as number;
      let u0 = v === v ? (v - cc) * ff : 0;
      v = buf[b1 + a + 1] as number;
      let u1 = v === v ? (v - cc) * ff : 0;
      v = buf[b2 + a + 1] as number;
      let u2 = v === v ? (v - cc) * ff : 0;
      v = buf[b3 + a + 1] as number;
      let u3 = v === v ? (v - cc) * ff : 0;
      const rowA = a * k;
      const rowB = rowA + k;
      for (let b = 0; b < a; b++) {
        const la = l[rowA + b] as number;
        const lb = l[rowB + b] as number;
        const w0 = z0[b] as number;
        const w1 = z1[b] as number;
        const w2 = z2[b] as number;
        const w3 = z3[b] as number;
        t0 -= la * w0;
        t1 -= la * w1;
        t2 -= la * w2;
        t3 -= la * w3;
        u0 -= lb * w0;
        u1 -= lb * w1;
        u2 -= lb * w2;
        u3 -= lb * w3;
      }
      const d = inverseDiagonal[a] as number;
      t0 *= d;
      t1 *= d;
      t2 *= d;
      t3 *= d;
      z0[a] = t0;
      z1[a] = t1;
      z2[a] = t2;
      z3[a] = t3;
      s0 += t0 * t0;
      s1 += t1 * t1;
      s2 += t2 * t2;
      s3 += t3 * t3;
      const lba = l[rowB + a] as number;
      const dd = inverseDiagonal[a + 1] as number;
      u0 = (u0 - lba * t0) * dd;
      u1 = (u1 - lba * t1) * dd;
      u2 = (u2 - lba * t2) * dd;
      u3 = (u3 - lba * t3) * dd;
      z0[a + 1] = u0;
      z1[a + 1] = u1;
      z2[a + 1] = u2;
      z3[a + 1] = u3;
      s0 += u0 * u0;
      s1 += u1 * u1;
      s2 += u2 * u2;
      s3 += u3 * u3;
    }
    if (a < k) {
      const c = centre[a] as number;
      const f = inv[a] as number;
      let v = buf[b0 + a] as number;
      let t0 = v === v ? (v - c) * f : 0;
      v = buf[b1 + a] as number;
      let t1 = v === v ? (v - c) * f : 0;
      v = buf[b2 + a] as number;
      let t2 = v === v ? (v - c) * f : 0;
      v = buf[b3 + a] as number;
      let t3 = v === v ? (v - c) * f : 0;
      const rowA = a * k;
      for (let b = 0; b < a; b++) {
        const la = l[rowA + b] as number;
        t0 -= la * (z0[b] as number);
        t1 -= la * (z1[b] as number);
        t2 -= la * (z2[b] as number);
        t3 -= la * (z3[b] as number);
      }
      const d = inverseDiagonal[a] as number;
      t0 *= d;
      t1 *= d;
      t2 *= d;
      t3 *= d;
      s0 += t0 * t0;
      s1 += t1 * t1;
      s2 += t2 * t2;
      s3 += t3 * t3;
    }
    d2[from + r] = s0;
    d2[from + r + 1] = s1;
    d2[from + r + 2] = s2;
    d2[from + r + 3] = s3;
  }
  for (; r < size; r++) {
    const base = r * k;
    let s0 = 0;
    for (let a = 0; a < k; a++) {
      const v0 = buf[base + a] as number;
      let t0 = v0 === v0 ? (v0 - (centre[a] as number)) * (inv[a] as number) : 0;
      const rowA = a * k;
      for (let b = 0; b < a; b++) t0 -= (l[rowA + b] as number) * (z0[b] as number);
      t0 *= inverseDiagonal[a] as number;
      z0[a] = t0;
      s0 += t0 * t0;
    }
    d2[from + r] = s0;
  }
}

/** A constant item's value, for the message. */
function formatValue(m: ItemMatrix, a: number): string {
  const col = m.byColumn[a] as Float64Array;
  for (let i = 0; i < col.length; i++) if (col[i] === col[i]) return String(col[i]);
  return 'missing';
}

/** Throws SINGULAR (naming the items in the near-null direction) or NOT_POSITIVE_DEFINITE. */
function singularOrIndefinite(corr: Float64Array, k: number, columns: readonly string[]): never {
  const { values, vectors } = symmetricEigen(corr, k);
  const smallest = values[k - 1] as number;
  if (smallest < -1e-8) {
    throw fail(
      'NOT_POSITIVE_DEFINITE',
      `The pairwise covariance matrix of the items is not positive definite (smallest eigenvalue of its correlation form ${smallest.toPrecision(3)}), which pairwise deletion can produce with many missing answers; Mahalanobis D² would not be a distance. Use fewer items or respondents with complete answers.`,
      { columns: [...columns], value: smallest },
    );
  }
  const involved: string[] = [];
  for (let a = 0; a < k; a++) if (Math.abs(vectors[a * k + k - 1] as number) > 0.1) involved.push(columns[a] as string);
  throw fail(
    'SINGULAR',
    `The covariance matrix of the items is singular: ${involved.join(', ')} are linearly dependent (smallest eigenvalue of the correlation matrix ${smallest.toPrecision(3)}), so Mahalanobis D² is undefined. Leave out a duplicated item or a total score.`,
    { columns: involved, value: smallest },
  );
}
