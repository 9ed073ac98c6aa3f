import { checkFastCheck, type Arbitrary, type FastCheck } from './fast-check.js';
import { fail } from '../../errors.js';
import { describe } from '../simulate/options.js';
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
   * with a `PsychkitError`. Default `false`: such samples are not generated (with fewer than two
   * respondents every column is constant, and that is allowed).
   */
  readonly constantColumns?: boolean;
}

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
}

/**
 * Likert response matrices: n respondents × k items with integer responses 1 … K and optional
 * missing cells. Each respondent has a level (1 … K) and each response deviates from it by at
 * most a per-sample spread s ∈ 0 … K − 1 (clipped to 1 … K), so samples range from perfectly
 * consistent items (s = 0) to nearly independent ones (s = K − 1). Shrinking moves towards small
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
  const o = arbitraryOptions(options, 'arbitraries.likertResponses', ['items', 'levels', 'n', 'missing', 'constantColumns']);
  const constantColumns = o['constantColumns'] ?? false;
  if (typeof constantColumns !== 'boolean') throw fail('INVALID_OPTION', `\`constantColumns\` must be true or false; got ${describe(constantColumns)}.`, { option: 'constantColumns', value: constantColumns });
  const [kMin, kMax] = intRange(o['items'], 'items', [2, 8], 1, 200);
  const [lMin, lMax] = intRange(o['levels'], 'levels', [2, 7], 2, 100);
  const [nMin, nMax] = intRange(o['n'], 'n', [2, 40], 0, 100_000);
  const maxPercent = Math.round(share(o['missing'], 'missing', 0) * 100);
  return f
    .record({
      k: f.integer({ min: kMin, max: kMax }),
      levels: f.integer({ min: lMin, max: lMax }),
      n: f.integer({ min: nMin, max: nMax }),
      percent: f.integer({ min: 0, max: maxPercent }),
    })
    .chain(({ k, levels, n, percent }) =>
      f
        .record({
          spread: f.integer({ min: 0, max: levels - 1 }),
          persons: f.array(f.integer({ min: 1, max: levels }), { minLength: n, maxLength: n }),
          // One unit of "noise" per cell in [−1, 1] (in hundredths), scaled by the spread below.
          noise: f.array(f.array(f.integer({ min: -100, max: 100 }), { minLength: k, maxLength: k }), { minLength: n, maxLength: n }),
          holes: f.array(f.array(f.integer({ min: 0, max: 99 }), { minLength: k, maxLength: k }), { minLength: n, maxLength: n }),
        })
        .map(({ spread, persons, noise, holes }): LikertResponses => {
          const items = Array.from({ length: k }, (_, j) => `item${j + 1}`);
          const responses = persons.map((person, i) =>
            Array.from({ length: k }, (_, j) => {
              // A cell is missing when its hole ≥ 100 − percent, so shrinking (holes → 0) removes missingness.
              if (((holes[i] as number[])[j] as number) >= 100 - percent) return null;
              const v = person + Math.round((spread * ((noise[i] as number[])[j] as number)) / 100);
              return Math.min(levels, Math.max(1, v));
            }),
          );
          const rows = responses.map((r) => Object.fromEntries(items.map((name, j) => [name, r[j] as number | null])));
          return { items, levels, n, responses, rows, missingRate: percent / 100 };
        }),
    )
    .filter((sample) => constantColumns || sample.n < 2 || !hasConstantColumn(sample));
}

/** A column with at least two answers, all the same. */
function hasConstantColumn(sample: LikertResponses): boolean {
  for (let j = 0; j < sample.items.length; j++) {
    let first: number | null = null;
    let answers = 0;
    let varies = false;
    for (const row of sample.responses) {
      const v = row[j] ?? null;
      if (v === null) continue;
      answers++;
      if (first === null) first = v;
      else if (v !== first) varies = true;
    }
    if (answers >= 2 && !varies) return true;
  }
  return false;
}
