// How a k-group variable becomes k − 1 numeric code columns in PROCESS's four systems (its `mcx` /
// `mcw` codings): which groups each coefficient compares follows from the coding alone.
import { fail } from '../errors.js';

/** PROCESS's codings of a multicategorical variable (`mcx`/`mcw` = 1, 2, 3, 4). */
export type GroupCodingScheme = 'indicator' | 'sequential' | 'helmert' | 'effect';

/** The codings, in PROCESS's order. */
export const GROUP_CODING_SCHEMES: readonly GroupCodingScheme[] = ['indicator', 'sequential', 'helmert', 'effect'];

/** A k-group variable coded as k − 1 numeric columns. */
export interface GroupCoding {
  /** The variable. */
  readonly column: string;
  readonly coding: GroupCodingScheme;
  /** Its groups in order; the first is PROCESS's group 1 (the reference of indicator coding). */
  readonly levels: readonly string[];
  /** The code columns, `column[level]`: for Helmert the level each code sets against the later ones, otherwise the level the code's coefficient is about. */
  readonly columnNames: readonly string[];
  /** Row g: group g's values on the k − 1 codes. */
  readonly matrix: readonly (readonly number[])[];
  /** What each code's coefficient estimates, as a difference of group means (`'C − B'`, `'mean(B, C) − A'`, `'B − mean(A, B, C)'`). */
  readonly compares: readonly string[];
}

/**
 * Group g's (1-based) value on code j (1-based) of a k-group variable: indicator D_j = [g = j + 1];
 * sequential D_j = [g > j]; Helmert D_j = 0 (g < j), −(k − j)/(k − j + 1) (g = j), 1/(k − j + 1)
 * (g > j); effect = indicator with group 1 at −1 (PROCESS's `process.makdummy`).
 */
function codeValue(coding: GroupCodingScheme, k: number, g: number, j: number): number {
  switch (coding) {
    case 'indicator':
      return g === j + 1 ? 1 : 0;
    case 'sequential':
      return g > j ? 1 : 0;
    case 'helmert':
      return g < j ? 0 : g === j ? -(k - j) / (k - j + 1) : 1 / (k - j + 1);
    case 'effect':
      return g === 1 ? -1 : g === j + 1 ? 1 : 0;
  }
}

const mean = (levels: readonly string[]) => (levels.length === 1 ? (levels[0] as string) : `mean(${levels.join(', ')})`);

/** What code j's coefficient estimates (j 1-based). */
function comparison(coding: GroupCodingScheme, levels: readonly string[], j: number): string {
  switch (coding) {
    case 'indicator':
      return `${levels[j]} − ${levels[0]}`;
    case 'sequential':
      return `${levels[j]} − ${levels[j - 1]}`;
    case 'helmert':
      return `${mean(levels.slice(j))} − ${levels[j - 1]}`;
    case 'effect':
      return `${levels[j]} − ${mean(levels)}`;
  }
}

/**
 * Codes a k-group variable (k ≥ 2) as PROCESS does: its groups in the given order (PROCESS sorts
 * the values ascending, so the lowest is group 1), code columns named after the group each is
 * about.
 */
export function groupCoding(column: string, levels: readonly string[], coding: GroupCodingScheme): GroupCoding {
  const k = levels.length;
  if (k < 2) throw fail('ZERO_VARIANCE', `"${column}" has ${k} group${k === 1 ? '' : 's'}; a multicategorical variable needs at least 2.`, { column });
  const codes = Array.from({ length: k - 1 }, (_, i) => i + 1);
  return {
    column,
    coding,
    levels: [...levels],
    columnNames: codes.map((j) => `${column}[${levels[coding === 'helmert' ? j - 1 : j]}]`),
    matrix: levels.map((_, g) => codes.map((j) => codeValue(coding, k, g + 1, j))),
    compares: codes.map((j) => comparison(coding, levels, j)),
  };
}
