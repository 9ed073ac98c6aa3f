import { checkFastCheck, type Arbitrary, type FastCheck } from './fast-check.js';
import { fail } from '../../errors.js';
import { describe } from '../simulate/options.js';
import { normalQuantile } from '../../probability/index.js';
import { printAs } from './printing.js';
import { arbitraryOptions, intRange, share, type Range } from './ranges.js';

/** Options of {@link likertResponses}. */
export interface LikertResponsesOptions {
  /** Number of items. Default 2 … 8. */
  readonly items?: Range;
  /** Number of response levels K (responses 1 … K). Default 2 … 7. */
  readonly levels?: Range;
  /** Number of respondents. Default 2 … 40. */
  readonly n?: Range;
  /** Largest probability that a cell is missing (each sample draws its own rate in [0, missing]). Default 0. */
  readonly missing?: number;
  /**
   * Whether a column may be constant (two or more answers, all equal), which estimators must reject
   * with a `PsychkitError`. Default `false`: such a column gets its last answer moved one level
   * (with fewer than two respondents every column is constant, and that is allowed).
   */
  readonly constantColumns?: boolean;
  /**
   * Draw from a one-factor model with these standardized loadings (a range within [0.05, 0.95],
   * one loading per item) instead of the level-plus-spread model: respondent z and item errors
   * are normal, yⱼ* = λⱼz + √(1 − λⱼ²)eⱼ, cut at Φ⁻¹(c/K) into K equally likely categories.
   */
  readonly loadings?: Range01;
  /**
   * Draw from a one-factor model with equal loadings whose latent (continuous) α over the k items
   * is this value: λ = √(ρ / (k − (k − 1)ρ)). In (0, 1); not with `loadings`. Categorising lowers
   * the α of the responses, the less the more levels there are.
   */
  readonly reliability?: number;
}

/** A number or an inclusive `{ min, max }` range of numbers. */
export type Range01 = number | { readonly min?: number; readonly max?: number };

/** A generated Likert response matrix. */
export interface LikertResponses {
  /** Item names `item1` … `itemk`. */
  readonly items: readonly string[];
  /** K: responses are integers 1 … K. */
  readonly levels: number;
  readonly n: number;
  /** n × k responses, `null` = missing. */
  readonly responses: readonly (readonly (number | null)[])[];
  /** The same responses as row objects keyed by item name. */
  readonly rows: readonly Readonly<Record<string, number | null>>[];
  /** The missing-cell probability this sample was drawn with. */
  readonly missingRate: number;
  /** The items' standardized loadings, with `loadings` or `reliability`; otherwise null. */
  readonly loadings: readonly number[] | null;
}

/**
 * Likert response matrices: n respondents × k items with integer responses 1 … K and optional
 * missing cells. Each respondent has a level (1 … K) and each response deviates from it by at
 * most a per-sample spread s ∈ 0 … K − 1 (clipped to 1 … K), so samples range from perfectly
 * consistent items (s = 0) to nearly independent ones (s = K − 1). With `loadings` or
 * `reliability` the responses come from a one-factor model instead (normal z and errors cut into
 * K equally likely categories), so α can be aimed at. Shrinking moves towards small
 * n, few items, s = 0 and no missing cells. A constant column (which estimators must reject with a
 * `PsychkitError`, not NaN) appears only with `constantColumns: true`.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { arbitraries } from 'psychkit/testing';
 * fc.assert(fc.property(arbitraries.likertResponses(fc, { items: { min: 3, max: 6 }, missing: 0.1 }), (s) => {
 *   // s.rows, s.items, s.levels …
 * }));
 * ```
 */
export function likertResponses(fc: FastCheck, options?: LikertResponsesOptions): Arbitrary<LikertResponses> {
  const f = checkFastCheck(fc, 'arbitraries.likertResponses');
  const o = arbitraryOptions(options, 'arbitraries.likertResponses', ['items', 'levels', 'n', 'missing', 'constantColumns', 'loadings', 'reliability']);
  const constantColumns = o['constantColumns'] ?? false;
  if (typeof constantColumns !== 'boolean') throw fail('INVALID_OPTION', `\`constantColumns\` must be true or false; got ${describe(constantColumns)}.`, { option: 'constantColumns', value: constantColumns });
  const [kMin, kMax] = intRange(o['items'], 'items', [2, 8], 1, 200);
  const [lMin, lMax] = intRange(o['levels'], 'levels', [2, 7], 2, 100);
  const [nMin, nMax] = intRange(o['n'], 'n', [2, 40], 0, 100_000);
  const maxPercent = Math.round(share(o['missing'], 'missing', 0) * 100);
  if (o['loadings'] !== undefined && o['reliability'] !== undefined) throw fail('INVALID_OPTION', 'Give `loadings` or `reliability`, not both.', { option: 'reliability' });
  const loadingRange = o['loadings'] === undefined ? null : range01(o['loadings'], 'loadings', 0.05, 0.95);
  const reliability = o['reliability'] === undefined ? null : share(o['reliability'], 'reliability', 0.8, 0.01, 0.99);
  const factorModel = loadingRange !== null || reliability !== null;
  // No `.chain` on the size: rows are one array whose elements carry every item's cell (kMax of
  // them, the first k used), so fast-check shrinks the row count, the item count and the cells
  // together and a failing property ends at the smallest table.
  const row = f.record({
    // The respondent's level as a fraction of the scale (shrinks to level 1).
    person: f.integer({ min: 0, max: 999 }),
    // One unit of "noise" per cell in [−1, 1] (in hundredths), scaled by the spread below.
    noise: f.array(f.integer({ min: -100, max: 100 }), { minLength: kMax, maxLength: kMax }),
    holes: f.array(f.integer({ min: 0, max: 99 }), { minLength: kMax, maxLength: kMax }),
  });
  // Loadings in thousandths (with `loadings`; shrinks to the smallest).
  const loadingDraws = loadingRange === null ? f.constant([] as number[]) : f.array(f.integer({ min: Math.round(loadingRange[0] * 1000), max: Math.round(loadingRange[1] * 1000) }), { minLength: kMax, maxLength: kMax });
  return f
    .record({
      k: f.integer({ min: kMin, max: kMax }),
      levels: f.integer({ min: lMin, max: lMax }),
      percent: f.integer({ min: 0, max: maxPercent }),
      // The spread as a share of the scale (shrinks to 0: perfectly consistent items).
      spread: f.integer({ min: 0, max: 100 }),
      // The factor model needs its normal draws undistorted: fast-check's bias towards small and
      // extreme integers would shrink the errors' variance and inflate α.
      draws: f.array(factorModel ? unbiased(f, row) : row, { minLength: nMin, maxLength: nMax }),
      loadingDraws,
    })
    .map(({ k, levels, percent, spread: spreadShare, draws, loadingDraws: drawn }): LikertResponses => {
      const items = Array.from({ length: k }, (_, j) => `item${j + 1}`);
      const spread = Math.round((spreadShare * (levels - 1)) / 100);
      const loadings = !factorModel ? null : reliability !== null ? Array<number>(k).fill(Math.sqrt(reliability / (k - (k - 1) * reliability))) : drawn.slice(0, k).map((v) => v / 1000);
      const thresholds = Array.from({ length: levels - 1 }, (_, c) => normalQuantile((c + 1) / levels));
      const responses = draws.map(({ person, noise, holes }) => {
        const level = 1 + Math.floor((person * levels) / 1000);
        // The respondent's z (person 500 ↦ about 0) for the factor model.
        const z = normalQuantile((person + 0.5) / 1000);
        return Array.from({ length: k }, (_, j) => {
          // A cell is missing when its hole ≥ 100 − percent, so shrinking (holes → 0) removes missingness.
          if ((holes[j] as number) >= 100 - percent) return null;
          if (loadings === null) return Math.min(levels, Math.max(1, level + Math.round((spread * (noise[j] as number)) / 100)));
          const l = loadings[j] as number;
          const y = l * z + Math.sqrt(1 - l * l) * normalQuantile(((noise[j] as number) + 100.5) / 201);
          let category = 1;
          for (const t of thresholds) if (y > t) category++;
          return category;
        });
      });
      // A constant column (two or more answers, all equal) is moved off by one in its last answer
      // unless asked for: repaired, not filtered out, so that shrinking never stalls on a filter.
      if (!constantColumns) for (let j = 0; j < k; j++) unconstant(responses, j, levels);
      const rows = responses.map((r) => Object.fromEntries(items.map((name, j) => [name, r[j] as number | null])));
      const sample = { items, levels, n: responses.length, responses, rows, missingRate: percent / 100, loadings };
      return printAs(f, sample, 'likertResponses', () => ({ levels, missingRate: sample.missingRate, items, ...(loadings === null ? {} : { loadings }), responses }));
    });
}

/** If column j has two or more answers, all equal, moves its last answer one level (down from the top, else up). */
function unconstant(responses: (number | null)[][], j: number, levels: number): void {
  let first: number | null = null;
  let last = -1;
  let answers = 0;
  for (let i = 0; i < responses.length; i++) {
    const v = (responses[i] as (number | null)[])[j] ?? null;
    if (v === null) continue;
    if (first === null) first = v;
    else if (v !== first) return;
    answers++;
    last = i;
  }
  if (answers < 2 || first === null) return;
  (responses[last] as (number | null)[])[j] = first === levels ? first - 1 : first + 1;
}

/** A number or { min, max } range within [lowest, highest]. */
function range01(value: unknown, option: string, lowest: number, highest: number): [number, number] {
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= lowest && v <= highest;
  if (ok(value)) return [value, value];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { min = lowest, max = highest } = value as { min?: unknown; max?: unknown };
    if (ok(min) && ok(max) && min <= max) return [min, max];
  }
  throw fail('INVALID_OPTION', `\`${option}\` must be a number or { min, max } within [${lowest}, ${highest}]; got ${describe(value)}.`, { option, value });
}

/** `arb` without fast-check's bias towards small and extreme values (fc.noBias in 4.x, `.noBias()` in 3.x). */
function unbiased<T>(fc: FastCheck, arb: Arbitrary<T>): Arbitrary<T> {
  const noBias = (fc as unknown as { noBias?: (a: Arbitrary<T>) => Arbitrary<T> }).noBias;
  if (typeof noBias === 'function') return noBias(arb);
  const method = (arb as unknown as { noBias?: () => Arbitrary<T> }).noBias;
  return typeof method === 'function' ? method.call(arb) : arb;
}
