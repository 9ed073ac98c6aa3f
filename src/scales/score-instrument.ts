import { tableView, type ReadTableOptions, type Table, type TableView } from '../data/table.js';
import { fail, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field } from '../util/options.js';
import { defineScale, type ScaleDefinition, type ScaleSpec } from './define.js';
import { conversionRow, bandOf } from './instruments/bands.js';
import type { BandSet, InstrumentKey, ItemFlag } from './instruments/bind.js';
import { INSTRUMENT_KEYS } from './instruments/index.js';
import { readResponses, type InvalidResponse, type OutOfRangeRule } from './responses.js';
import { scoreScale, type ScoreColumn } from './score.js';

/** Options for {@link scoreInstrument}. */
export interface ScoreInstrumentOptions extends ReadTableOptions {
  /** A catalog definition, `instruments.phq9({ prefix: 'phq' })` (or the same stored as JSON). */
  readonly scale: ScaleDefinition;
  /** As in `scoreScale`: `'error'` (default) or `'missing'`. */
  readonly outOfRange?: OutOfRangeRule;
}

/** Converted scores, where the key has a conversion table. */
export interface ConvertedScores {
  /** `'T-score'`, `'metric score'`, `'percentage'`. */
  readonly label: string;
  readonly source: string;
  /** One per respondent; `null` without a complete raw score (tables need every item). */
  readonly values: readonly (number | null)[];
  /** The table's standard error per respondent, or `null` when the table gives none. */
  readonly se: readonly (number | null)[] | null;
}

/** The result of {@link scoreInstrument}. */
export interface InstrumentScores extends PsychkitResult<'scoreInstrument'>, ScoreColumn {
  readonly n: number;
  /** The catalog key (`'phq9'`). */
  readonly instrument: string;
  readonly source: string;
  /** Converted scores, or `null` when the key has no table. */
  readonly converted: ConvertedScores | null;
  /** The key's bands, or `null` when it has none. */
  readonly cutoffs: BandSet | null;
  /** Band label per respondent (`null`: no score, or no bands). */
  readonly bands: readonly (string | null)[];
  /** Respondents per band label, in band order. */
  readonly bandCounts: { readonly [label: string]: number };
  /** Per flag id, per respondent: the flag (`null` when the flagged item is unanswered). */
  readonly flags: { readonly [id: string]: readonly (boolean | null)[] };
  /** The key's flag definitions. */
  readonly flagRules: readonly ItemFlag[];
  readonly outOfRange: OutOfRangeRule;
  readonly invalidResponses: readonly InvalidResponse[];
}

const readInstrumentOptions = defineOptions('scoreInstrument', {
  missingCodes: field.missingCodes(),
  scale: field.raw(),
  outOfRange: field.oneOf<OutOfRangeRule>(['error', 'missing'], 'error'),
});

function holds(flag: ItemFlag, v: number): boolean {
  switch (flag.op) {
    case '>':
      return v > flag.value;
    case '>=':
      return v >= flag.value;
    case '<':
      return v < flag.value;
    case '<=':
      return v <= flag.value;
    default:
      return v === flag.value;
  }
}

function keyFor(def: ScaleDefinition): InstrumentKey {
  const key = def.instrument === undefined ? undefined : INSTRUMENT_KEYS[def.instrument];
  if (key === undefined) {
    throw fail(
      'INVALID_OPTION',
      `scoreInstrument: \`scale\` must come from the instrument catalog (instruments.phq9(…) and the like)${def.instrument === undefined ? '' : `; "${def.instrument}" has no bands, flags or table`}. Score other scales with scoreScale.`,
      { option: 'scale', value: def.instrument ?? def.id },
    );
  }
  const keyed = key.bands !== undefined || key.conversion !== undefined || key.flags !== undefined;
  if (keyed && (def.items.length !== key.k || def.response.min !== key.response.min || def.response.max !== key.response.max || def.score !== key.score)) {
    throw fail(
      'INVALID_OPTION',
      `scoreInstrument: "${key.id}"'s bands and tables are on the ${key.score} of ${key.k} items answered ${key.response.min}–${key.response.max}; this definition has ${def.items.length} items, ${def.response.min}–${def.response.max}, ${def.score}.`,
      { option: 'scale', value: def.id },
    );
  }
  return key;
}

/**
 * Scores a catalog instrument for every respondent: the raw score (as `scoreScale` forms it),
 * the converted score and its SE where the key has a table (PROMIS T-scores, SWEMWBS metric
 * scores, WHO-5 percentage), the severity band, and the key's response flags (PHQ-9 item 9).
 * One frozen plain object, ready to store.
 *
 * Missing answers: by default every item must be answered (the binding's `minAnswered`, default
 * 1). With a lower `minAnswered`, sums are prorated as in `scoreScale` (`PRORATED_SUM`); a
 * prorated sum is banded (a fractional sum belongs to the lower band) but gets no converted
 * score, since the published tables are for complete responses (a second `PRORATED_SUM` warning
 * says how many). A flag is `null` where its item is unanswered; flags read the response as
 * given, before reverse keying.
 *
 * `scoreScale` stays a raw-score function; converted scores and bands come from here.
 *
 * @example
 * ```ts
 * const s = scoreInstrument(rows, { scale: instruments.phq9({ prefix: 'phq' }) });
 * s.scores; // raw sums 0–27
 * s.bands; // 'minimal' | 'mild' | 'moderate' | 'moderately severe' | 'severe' | null
 * s.flags.selfHarm; // item 9 > 0
 * const t = scoreInstrument(rows, { scale: instruments.promisDepression8a({ prefix: 'dep' }) });
 * t.converted?.values; // T-scores, with t.converted?.se
 * ```
 */
export function scoreInstrument(table: Table | TableView, options: ScoreInstrumentOptions): InstrumentScores {
  const { scale, outOfRange, missingCodes } = readInstrumentOptions.read(options);
  if (scale === undefined) throw fail('INVALID_OPTION', 'scoreInstrument: `scale` is required (a definition from instruments.*).', { option: 'scale' });
  const def = defineScale(scale as ScaleSpec);
  const key = keyFor(def);
  const view = tableView(table, missingCodes);
  const s = scoreScale(view, { scale: def, outOfRange });
  const n = s.n;
  const warnings: PsychkitWarning[] = [...s.warnings];

  let converted: ConvertedScores | null = null;
  if (key.conversion !== undefined) {
    const conv = key.conversion;
    const hasSe = conv.table.some((row) => row.se !== undefined);
    const values = new Array<number | null>(n);
    const se = new Array<number | null>(n);
    let skipped = 0;
    for (let i = 0; i < n; i++) {
      const raw = s.scores[i] as number | null;
      const row = raw === null || s.prorated[i] ? undefined : conversionRow(conv, raw);
      if (raw !== null && s.prorated[i]) skipped++;
      values[i] = row === undefined ? null : row.value;
      se[i] = row?.se ?? null;
    }
    if (skipped > 0) {
      warnings.push({
        code: 'PRORATED_SUM',
        message: `${skipped} prorated "${def.id}" ${skipped === 1 ? 'score has' : 'scores have'} no ${conv.label}: the published table is for complete responses only.`,
        details: { column: def.id, count: skipped, conversion: conv.label },
      });
    }
    converted = { label: conv.label, source: conv.source, values, se: hasSe ? se : null };
  }

  const cutoffs = key.bands ?? null;
  const bands = new Array<string | null>(n);
  const bandCounts: Record<string, number> = {};
  if (cutoffs !== null) for (const b of cutoffs.bands) bandCounts[b.label] = 0;
  for (let i = 0; i < n; i++) {
    const score = cutoffs === null ? null : cutoffs.on === 'raw' ? (s.scores[i] as number | null) : (converted?.values[i] ?? null);
    const label = cutoffs === null ? null : bandOf(score, cutoffs.bands);
    bands[i] = label;
    if (label !== null) bandCounts[label] = (bandCounts[label] as number) + 1;
  }

  const flagRules = key.flags ?? [];
  const flags: Record<string, (boolean | null)[]> = {};
  if (flagRules.length > 0) {
    const names = flagRules.map((f) => def.items[f.item - 1] as string);
    const data = readResponses(view, [...new Set(names)], def.response, [], outOfRange);
    for (const f of flagRules) {
      const col = data.columns[data.names.indexOf(def.items[f.item - 1] as string)] as Float64Array;
      flags[f.id] = Array.from(col, (v) => (v === v ? holds(f, v) : null));
    }
  }

  return deepFreeze({
    kind: 'scoreInstrument',
    n,
    instrument: key.id,
    id: def.id,
    label: def.label,
    source: key.source,
    items: def.items,
    minAnswered: s.minAnswered,
    scores: s.scores,
    answered: s.answered,
    prorated: s.prorated,
    nScored: s.nScored,
    nProrated: s.nProrated,
    converted,
    cutoffs,
    bands,
    bandCounts,
    flags,
    flagRules,
    outOfRange,
    invalidResponses: s.invalidResponses,
    warnings,
  });
}
