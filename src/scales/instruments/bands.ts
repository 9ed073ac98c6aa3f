import { fail } from '../../errors.js';
import { showValue } from '../../util/options.js';
import type { BandSet, ConversionRow, ConversionTable } from './bind.js';

/**
 * The band a score falls in, or `null` for a missing score or one outside the bands' range.
 * Bands are ordered and contiguous on whole numbers (`max + 1 = next min`); a fractional score
 * (a prorated sum) between two bands belongs to the lower one, since a band is reached only when
 * its published minimum is.
 *
 * @example
 * ```ts
 * const phq = { on: 'raw', source: 'Kroenke et al. (2001)', bands: [
 *   { label: 'minimal', min: 0, max: 4 }, { label: 'mild', min: 5, max: 9 },
 * ] } as const;
 * scoreBand(5, phq); // 'mild'
 * scoreBand(4.5, phq); // 'minimal'
 * scoreBand(null, phq); // null
 * ```
 */
export function scoreBand(score: number | null, bands: BandSet): string | null {
  const list: unknown = typeof bands === 'object' && bands !== null ? (bands as { bands?: unknown }).bands : undefined;
  if (!Array.isArray(list) || !list.every((b) => typeof b === 'object' && b !== null && typeof b.label === 'string' && Number.isFinite(b.min) && Number.isFinite(b.max))) {
    throw fail('INVALID_INPUT', `scoreBand: \`bands\` must be a band set ({ bands: [{ label, min, max }, …] }, as an instrument key's \`bands\`); got ${showValue(bands)}.`, { option: 'bands', value: bands });
  }
  if (score !== null && score !== undefined && typeof score !== 'number') {
    throw fail('INVALID_INPUT', `scoreBand: \`score\` must be a number (or null for a missing score); got ${showValue(score)}.`, { option: 'score', value: score });
  }
  return bandOf(score ?? null, list as BandSet['bands']);
}

/** {@link scoreBand} for a band set already known to be well formed (an instrument key's). */
export function bandOf(score: number | null, list: BandSet['bands']): string | null {
  const first = list[0];
  const last = list[list.length - 1];
  if (score === null || !(typeof score === 'number') || score !== score || first === undefined || last === undefined) return null;
  if (score < first.min || score > last.max) return null;
  let found = first;
  for (const band of list) if (band.min <= score) found = band;
  return found.label;
}

/** The conversion-table row of a (whole) raw score, or `undefined`. */
export function conversionRow(conversion: ConversionTable, raw: number): ConversionRow | undefined {
  return conversion.table.find((row) => row.raw === raw);
}
