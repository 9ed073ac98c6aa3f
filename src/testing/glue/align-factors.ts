import { fail } from '../../errors.js';
import { deepFreeze } from '../../util/freeze.js';
import { show } from '../../util/options.js';

/** Result of {@link alignFactors}. */
export interface AlignedFactors {
  /** The estimated loadings with their columns reordered and reflected to match `truth` (items × factors). */
  readonly loadings: readonly (readonly number[])[];
  /** `order[j]`: the estimated factor placed in column j. */
  readonly order: readonly number[];
  /** `signs[j]`: +1, or −1 where that factor was reflected. */
  readonly signs: readonly (1 | -1)[];
  /** Tucker's congruence of each aligned column with its true column (in [−1, 1]; after reflection ≥ 0). */
  readonly congruence: readonly number[];
  /** Whether every permutation was searched (up to 8 factors) or columns were matched greedily. */
  readonly exhaustive: boolean;
}

function matrix(value: unknown, name: string): number[][] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((row) => Array.isArray(row) || ArrayBuffer.isView(row))) {
    throw fail('INVALID_INPUT', `alignFactors: \`${name}\` must be a non-empty items × factors matrix (an array of rows); got ${show(value)}.`, { option: name, value });
  }
  const rows = (value as ArrayLike<unknown>[]).map((row) => Array.from(row));
  const k = rows[0]?.length ?? 0;
  rows.forEach((row, i) => {
    if (row.length !== k) throw fail('LENGTH_MISMATCH', `alignFactors: row ${i} of \`${name}\` has ${row.length} loadings, row 0 has ${k}.`, { option: name, row: i });
    row.forEach((x, j) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) throw fail('NON_FINITE', `alignFactors: \`${name}[${i}][${j}]\` must be a finite number; got ${show(x)}.`, { option: name, row: i, value: x });
    });
  });
  if (k === 0) throw fail('INVALID_INPUT', `alignFactors: \`${name}\` has no factors (columns).`, { option: name });
  return rows as number[][];
}

/** Tucker's congruence φ(x, y) = Σxy / √(Σx²·Σy²) of column a of `e` and column b of `t`; 0 for a zero column. */
function congruence(e: readonly number[][], a: number, t: readonly number[][], b: number): number {
  let xy = 0;
  let xx = 0;
  let yy = 0;
  for (let i = 0; i < e.length; i++) {
    const x = (e[i] as number[])[a] as number;
    const y = (t[i] as number[])[b] as number;
    xy += x * y;
    xx += x * x;
    yy += y * y;
  }
  return xx === 0 || yy === 0 ? 0 : xy / Math.sqrt(xx * yy);
}

/**
 * Every permutation of 0…k−1, in lexicographic order (Heap's algorithm would not keep that order;
 * ties go to the first). Yields one array, rearranged in place: copy a permutation to keep it.
 */
function* permutations(k: number): Generator<readonly number[]> {
  const p = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    yield p;
    let i = k - 2;
    while (i >= 0 && (p[i] as number) > (p[i + 1] as number)) i--;
    if (i < 0) return;
    let j = k - 1;
    while ((p[j] as number) < (p[i] as number)) j--;
    [p[i], p[j]] = [p[j] as number, p[i] as number];
    for (let a = i + 1, b = k - 1; a < b; a++, b--) [p[a], p[b]] = [p[b] as number, p[a] as number];
  }
}

/**
 * Aligns an estimated factor solution with the true one, as a recovery test must before comparing
 * loadings: factor solutions are identified only up to the order and the sign of their columns.
 * Chooses the order that maximises the sum of |Tucker's congruence| between each estimated column
 * and the true column it is placed against — every permutation up to 8 factors (8! = 40,320),
 * greedily by the largest remaining |φ| beyond — then reflects each column whose congruence is
 * negative. The result holds the aligned loadings, the order, the signs and each congruence
 * (≥ .95 is the usual "factors are equal", Lorenzo-Seva & ten Berge 2006).
 *
 * Reference: Tucker, L. R. (1951). A method for synthesis of factor analysis studies (PRS Report
 * 984). Lorenzo-Seva, U., & ten Berge, J. M. F. (2006). Tucker's congruence coefficient as a
 * meaningful index of factor similarity. *Methodology, 2*(2), 57–64.
 *
 * @example
 * ```ts
 * import { alignFactors } from 'psychkit/testing';
 * const truth = [[0.7, 0], [0.6, 0], [0, 0.8], [0, 0.5]];
 * const estimated = [[0.02, -0.69], [0.01, -0.62], [0.79, 0.03], [0.52, -0.01]];
 * const a = alignFactors(estimated, truth);
 * a.order; // [1, 0]: the second estimated factor is the first true one
 * a.signs; // [-1, 1]
 * a.loadings[0]; // [0.69, 0.02]
 * ```
 */
export function alignFactors(estimated: readonly (readonly number[])[], truth: readonly (readonly number[])[]): AlignedFactors {
  const e = matrix(estimated, 'estimated');
  const t = matrix(truth, 'truth');
  if (e.length !== t.length) throw fail('LENGTH_MISMATCH', `alignFactors: \`estimated\` has ${e.length} items and \`truth\` ${t.length}.`, { option: 'estimated' });
  const k = (t[0] as number[]).length;
  if ((e[0] as number[]).length !== k) throw fail('LENGTH_MISMATCH', `alignFactors: \`estimated\` has ${(e[0] as number[]).length} factors and \`truth\` ${k}.`, { option: 'estimated' });
  const phi = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => congruence(e, a, t, b)));
  const score = (order: readonly number[]) => order.reduce((s, a, b) => s + Math.abs((phi[a] as number[])[b] as number), 0);
  const exhaustive = k <= 8;
  let order: number[];
  if (exhaustive) {
    let best = -Infinity;
    order = [];
    for (const p of permutations(k)) {
      const s = score(p);
      if (s > best + 1e-12) {
        best = s;
        order = [...p];
      }
    }
  } else {
    order = new Array<number>(k).fill(-1);
    const usedE = new Set<number>();
    for (let step = 0; step < k; step++) {
      let bestA = -1;
      let bestB = -1;
      let best = -1;
      for (let b = 0; b < k; b++) {
        if (order[b] !== -1) continue;
        for (let a = 0; a < k; a++) {
          if (usedE.has(a)) continue;
          const v = Math.abs((phi[a] as number[])[b] as number);
          if (v > best) [best, bestA, bestB] = [v, a, b];
        }
      }
      order[bestB] = bestA;
      usedE.add(bestA);
    }
  }
  const signs = order.map((a, b): 1 | -1 => (((phi[a] as number[])[b] as number) < 0 ? -1 : 1));
  const loadings = e.map((row) => order.map((a, b) => (signs[b] as number) * (row[a] as number) + 0));
  const congruenceOut = order.map((a, b) => Math.abs((phi[a] as number[])[b] as number));
  return deepFreeze({ loadings, order, signs, congruence: congruenceOut, exhaustive });
}
