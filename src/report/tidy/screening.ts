// tidy/glance for the screening results: one row per respondent for the indices, per column for
// missingness, per column × option for item frequencies.
import type { EvenOddResult } from '../../screening/even-odd.js';
import type { ItemFrequenciesResult } from '../../screening/item-frequencies.js';
import type { LongstringResult } from '../../screening/longstring.js';
import type { MahalanobisResult } from '../../screening/mahalanobis.js';
import type { MissingnessResult } from '../../screening/missingness.js';
import type { PsychometricSynonymsResult } from '../../screening/psychometric-synonyms.js';
import type { ResponseVariabilityResult } from '../../screening/response-variability.js';
import type { ScreenResponsesResult } from '../../screening/screen-responses.js';
import { flatten, perRespondent, type Row } from './rows.js';

export function tidyLongstring(r: LongstringResult): Row[] {
  return perRespondent(r.values.length, { value: r.values, average: r.averages });
}

export function tidyResponseVariability(r: ResponseVariabilityResult): Row[] {
  return perRespondent(r.values.length, { value: r.values });
}

export function tidyMahalanobis(r: MahalanobisResult): Row[] {
  return perRespondent(r.values.length, { value: r.values, p: r.p, flagged: r.flagged });
}

export function tidyEvenOdd(r: EvenOddResult): Row[] {
  return perRespondent(r.values.length, { value: r.values, correlation: r.correlations, nPairs: r.nPairs });
}

export function tidySynonyms(r: PsychometricSynonymsResult): Row[] {
  return perRespondent(r.values.length, { value: r.values, nPairs: r.nPairs });
}

/** What every per-respondent index's glance holds: counts, the mean of the defined values, the rule. */
export function glanceIndex(r: { readonly n: number; readonly columns: readonly string[]; readonly values: readonly (number | null)[]; readonly rule: string }, extra: Row = {}): Row {
  let sum = 0;
  let defined = 0;
  for (const v of r.values) {
    if (v !== null && Number.isFinite(v)) {
      sum += v;
      defined++;
    }
  }
  return { n: r.n, k: r.columns.length, nDefined: defined, mean: defined === 0 ? null : sum / defined, ...extra, rule: r.rule };
}

export function glanceMahalanobis(r: MahalanobisResult): Row {
  return glanceIndex(r, { df: r.df, significance: r.significance, critical: r.critical, nFlagged: r.flagged.filter((f) => f === true).length });
}

export function glanceEvenOdd(r: EvenOddResult): Row {
  return glanceIndex(r, { scales: r.scales.length, spearmanBrown: r.spearmanBrown ? 1 : 0 });
}

export function glanceSynonyms(r: PsychometricSynonymsResult): Row {
  return glanceIndex(r, { pairs: r.pairs.length, threshold: r.threshold, antonyms: r.antonyms ? 1 : 0 });
}

/** The stored rows, `flags` joined (`'longstring, mahalanobis'`, or `''`). */
export function tidyScreenResponses(r: ScreenResponsesResult): Row[] {
  return r.rows.map((row) => ({ ...flatten(row), flags: row.flags.join(', ') }));
}

export function glanceScreenResponses(r: ScreenResponsesResult): Row {
  const row: Row = { n: r.n, k: r.columns.length, nFlagged: r.nFlagged };
  flatten({ flagCounts: r.flagCounts, cutoffs: r.cutoffs }, row);
  return row;
}

export function tidyMissingness(r: MissingnessResult): Row[] {
  return r.byColumn.map((c) => flatten(c));
}

export function glanceMissingness(r: MissingnessResult): Row {
  const row: Row = { n: r.n, k: r.columns.length, nMissing: r.nMissing, percent: r.percent, nComplete: r.nComplete, patterns: r.patterns.length };
  const t = r.mcar;
  row.statistic = t?.statistic ?? null;
  row.df = t?.df ?? null;
  row.p = t?.p ?? null;
  row.iterations = t?.iterations ?? null;
  row.converged = t === null ? null : t.converged ? 1 : 0;
  return row;
}

/** One row per column × response option, with the column's floor, ceiling and missing %. */
export function tidyItemFrequencies(r: ItemFrequenciesResult): Row[] {
  const out: Row[] = [];
  for (const item of r.items) {
    for (const o of item.options) {
      out.push({ column: item.column, value: o.value, count: o.count, percent: o.percent, n: item.n, nMissing: item.nMissing, percentMissing: item.percentMissing, floor: item.floor, ceiling: item.ceiling });
    }
  }
  return out;
}

export function glanceItemFrequencies(r: ItemFrequenciesResult): Row {
  return { n: r.n, k: r.columns.length, options: r.values.length, valuesFrom: r.valuesFrom };
}
