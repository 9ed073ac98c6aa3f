import { tableView, type ReadTableOptions } from '../data/table.js';
import { fail, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import type { Table, TableView } from '../data/table.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field } from '../util/options.js';
import { defineScale, requiredAnswered, type ScaleDefinition, type ScaleSpec, type ScoreRule } from './define.js';
import { readResponses, type InvalidResponse, type OutOfRangeRule } from './responses.js';

/** Options for {@link scoreScale}. */
export interface ScoreScaleOptions extends ReadTableOptions {
  /** The scale to score (required): a definition from `defineScale` or `instruments.*`, or a spec. */
  readonly scale: ScaleDefinition | ScaleSpec;
  /**
   * A response outside the scale's range or not a whole number: `'error'` (default) throws
   * `OUT_OF_RANGE` naming row, column and value; `'missing'` treats it as missing and lists it
   * in `invalidResponses`.
   */
  readonly outOfRange?: OutOfRangeRule;
}

/** Per-respondent scores over one set of items (the whole scale or a subscale). */
export interface ScoreColumn {
  readonly id: string;
  readonly label: string;
  readonly items: readonly string[];
  /** Answered items needed for a score (from `minAnswered`). */
  readonly minAnswered: number;
  /** One score per row; `null` when fewer than `minAnswered` items are answered. */
  readonly scores: readonly (number | null)[];
  /** Items answered, per row. */
  readonly answered: readonly number[];
  /**
   * True where a score rests on fewer than all of its items: a `'sum'` score is then prorated
   * (mean of the answered items × k); a `'mean'` score is the mean of the answered items.
   */
  readonly prorated: readonly boolean[];
  /** Rows with a score. */
  readonly nScored: number;
  /** Scores that were prorated. */
  readonly nProrated: number;
}

/** The result of {@link scoreScale}. */
export interface ScaleScores extends ScoreColumn, PsychkitResult<'scoreScale'> {
  readonly score: ScoreRule;
  /** Rows in the table. */
  readonly n: number;
  /** Each subscale's scores, by subscale id. */
  readonly subscales: { readonly [id: string]: ScoreColumn };
  readonly outOfRange: OutOfRangeRule;
  /** Responses set to missing under `outOfRange: 'missing'` (empty otherwise). */
  readonly invalidResponses: readonly InvalidResponse[];
}

const readScoreOptions = defineOptions('scoreScale', {
  missingCodes: field.missingCodes(),
  scale: field.raw(),
  outOfRange: field.oneOf<OutOfRangeRule>(['error', 'missing'], 'error'),
});

/**
 * Items nobody answered (`EMPTY_ITEM`), and a scale that scores nobody (`NO_SCORES`), with the
 * reason: an empty item under a rule that needs every item, or too few answers everywhere.
 */
function emptyItemWarnings(def: ScaleDefinition, columns: readonly Float64Array[], n: number, total: ScoreColumn): PsychkitWarning[] {
  const warnings: PsychkitWarning[] = [];
  const empty = def.items.filter((_, j) => {
    const col = columns[j] as Float64Array;
    for (let i = 0; i < n; i++) if ((col[i] as number) === (col[i] as number)) return false;
    return true;
  });
  for (const item of empty) {
    warnings.push({
      code: 'EMPTY_ITEM',
      message: `Item "${item}" of "${def.id}" has no answer in any of the ${n} rows; check the column (a wrong name, or every value a missing-data code).`,
      details: { column: item, scale: def.id },
    });
  }
  if (n > 0 && total.nScored === 0) {
    const k = def.items.length;
    const why =
      empty.length > 0 && total.minAnswered > k - empty.length
        ? `${empty.length === 1 ? `item "${empty[0]}" is` : `${empty.length} items are`} never answered and the rule needs ${total.minAnswered} of ${k} items answered`
        : `no row answers the ${total.minAnswered} of ${k} items the rule needs`;
    warnings.push({
      code: 'NO_SCORES',
      message: `No respondent has a "${def.id}" score: ${why}. Lower \`minAnswered\` (e.g. 0.8) or check the data.`,
      details: { scale: def.id, minAnswered: total.minAnswered, items: k },
    });
  }
  return warnings;
}

function scoreItems(
  id: string,
  label: string,
  items: readonly string[],
  indices: readonly number[],
  columns: readonly Float64Array[],
  n: number,
  rule: ScoreRule,
  minAnswered: number,
): ScoreColumn {
  const k = indices.length;
  const need = requiredAnswered(minAnswered, k);
  const sums = new Float64Array(n);
  const counts = new Int32Array(n);
  for (const j of indices) {
    const col = columns[j] as Float64Array;
    for (let i = 0; i < n; i++) {
      const v = col[i] as number;
      if (v === v) {
        sums[i] = (sums[i] as number) + v;
        counts[i] = (counts[i] as number) + 1;
      }
    }
  }
  const scores = new Array<number | null>(n);
  const answered = new Array<number>(n);
  const prorated = new Array<boolean>(n);
  let nScored = 0;
  let nProrated = 0;
  for (let i = 0; i < n; i++) {
    const c = counts[i] as number;
    answered[i] = c;
    if (c < need || c === 0) {
      scores[i] = null;
      prorated[i] = false;
      continue;
    }
    const mean = (sums[i] as number) / c;
    // A complete sum is the plain sum (no rounding through the mean).
    scores[i] = rule === 'mean' ? mean : c === k ? (sums[i] as number) : mean * k;
    prorated[i] = c < k;
    nScored++;
    if (c < k) nProrated++;
  }
  return { id, label, items, minAnswered: need, scores, answered, prorated, nScored, nProrated };
}

/**
 * Scores a scale for every respondent: reverse-keys the scale's `reverse` items
 * (min + max − x), then forms the total score and each subscale score as the mean (or sum) of
 * the answered items, provided at least `minAnswered` of them are answered; otherwise the score
 * is `null`. A `'sum'` score of a partly answered respondent is prorated — the mean of the
 * answered items × k — and flagged in `prorated` (and counted in a `PRORATED_SUM` warning).
 *
 * Responses are checked against the scale's range: a value outside [min, max] or not a whole
 * number throws `OUT_OF_RANGE` naming row, column and value, unless `outOfRange: 'missing'`, which
 * treats it as missing and lists it in `invalidResponses`. Numeric strings are numbers; `null`,
 * `undefined`, `NaN` and `''` are missing.
 *
 * Matches the common SPSS/R practice `ifelse(rowSums(!is.na(x)) >= ceiling(share·k),
 * rowMeans(x, na.rm = TRUE), NA)` exactly (see docs/scales.md).
 *
 * @example
 * ```ts
 * const pwb = instruments.pwb18({ prefix: 'pwb', anchors: 'agree-disagree', response: { min: 1, max: 7 }, minAnswered: 0.8 });
 * const s = scoreScale(rows, { scale: pwb });
 * s.scores; // one score per respondent, null where < 80% of the 18 items were answered
 * s.subscales.autonomy.scores;
 * ```
 */
export function scoreScale(table: Table | TableView, options: ScoreScaleOptions): ScaleScores {
  const { scale, outOfRange, missingCodes } = readScoreOptions.read(options);
  if (scale === undefined) throw fail('INVALID_OPTION', 'scoreScale: `scale` is required (a definition from defineScale or instruments.*).', { option: 'scale' });
  const def = defineScale(scale as ScaleSpec);
  const data = readResponses(tableView(table, missingCodes), def.items, def.response, def.reverse, outOfRange);
  const { n, columns } = data;
  const all = def.items.map((_, j) => j);
  const total = scoreItems(def.id, def.label, def.items, all, columns, n, def.score, def.minAnswered);
  const subscales: Record<string, ScoreColumn> = {};
  for (const s of def.subscales) {
    const idx = s.items.map((name) => def.items.indexOf(name));
    subscales[s.id] = scoreItems(s.id, s.label, s.items, idx, columns, n, def.score, def.minAnswered);
  }
  const warnings: PsychkitWarning[] = emptyItemWarnings(def, columns, n, total);
  if (data.invalid.length > 0) {
    warnings.push({
      code: 'INVALID_RESPONSES_MISSING',
      message: `${data.invalid.length === 1 ? '1 response' : `${data.invalid.length} responses`} outside ${def.response.min}–${def.response.max} or not whole numbers ${data.invalid.length === 1 ? 'was' : 'were'} treated as missing (see invalidResponses).`,
      details: { count: data.invalid.length },
    });
  }
  if (def.score === 'sum') {
    const prorated = [total, ...Object.values(subscales)].filter((c) => c.nProrated > 0);
    for (const c of prorated) {
      warnings.push({
        code: 'PRORATED_SUM',
        message: `${c.nProrated} "${c.id}" sum ${c.nProrated === 1 ? 'score rests' : 'scores rest'} on fewer than all ${c.items.length} items and ${c.nProrated === 1 ? 'was' : 'were'} prorated (mean of the answered items × ${c.items.length}).`,
        details: { column: c.id, count: c.nProrated },
      });
    }
  }
  return deepFreeze({
    kind: 'scoreScale',
    ...total,
    score: def.score,
    n,
    subscales,
    outOfRange,
    invalidResponses: data.invalid,
    warnings,
  });
}
