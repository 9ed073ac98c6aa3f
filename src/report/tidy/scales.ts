// tidy/glance for scored scales and instruments: one row per respondent (and scale).
import type { InstrumentScores } from '../../scales/score-instrument.js';
import type { ScaleScores } from '../../scales/score.js';
import { cell, perRespondent, type Row } from './rows.js';

/** One row per respondent and scale: the scale first, then each subscale (`scale` = its id). */
export function tidyScoreScale(r: ScaleScores): Row[] {
  const out: Row[] = [];
  const n = r.scores.length;
  out.push(...perRespondent(n, { score: r.scores, answered: r.answered, prorated: r.prorated }, { scale: r.id }));
  for (const sub of Object.values(r.subscales)) out.push(...perRespondent(n, { score: sub.scores, answered: sub.answered, prorated: sub.prorated }, { scale: sub.id }));
  return out;
}

export function glanceScoreScale(r: ScaleScores): Row {
  return { scale: r.id, label: r.label, score: r.score, k: r.items.length, minAnswered: r.minAnswered, n: r.n, nScored: r.nScored, nProrated: r.nProrated, subscales: Object.keys(r.subscales).length };
}

/** One row per respondent: score, band, converted score, and each item flag (`flag.<id>`, 1/0). */
export function tidyScoreInstrument(r: InstrumentScores): Row[] {
  const columns: Record<string, ArrayLike<unknown>> = { score: r.scores, answered: r.answered, prorated: r.prorated, band: r.bands };
  if (r.converted !== null) {
    columns.converted = r.converted.values;
    if (r.converted.se !== null) columns.convertedSe = r.converted.se;
  }
  for (const [id, values] of Object.entries(r.flags)) columns[`flag.${id}`] = values;
  return perRespondent(r.scores.length, columns, { instrument: r.instrument });
}

export function glanceScoreInstrument(r: InstrumentScores): Row {
  const row: Row = { instrument: r.instrument, label: r.label, k: r.items.length, minAnswered: r.minAnswered, n: r.n, nScored: r.nScored, nProrated: r.nProrated, converted: r.converted?.label ?? null };
  for (const [band, count] of Object.entries(r.bandCounts)) row[`bandCounts.${band}`] = cell(count) ?? null;
  return row;
}
