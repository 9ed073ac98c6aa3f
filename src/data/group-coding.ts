// How a k-group variable becomes k − 1 numeric code columns in PROCESS's four systems (its `mcx` /
// `mcw` codings): which groups each coefficient compares follows from the coding alone.
import { fail } from '../errors.js';

/** PROCESS's codings of a multicategorical variable (`mcx`/`mcw` = 1, 2, 3, 4). */
export type GroupCodingScheme = 'indicator' | 'sequential' | 'helmert' | 'effect';

/** The codings, in PROCESS's order. */
export const GROUP_CODING_SCHEMES: readonly GroupCodingScheme[] = ['indicator', 'sequential', 'helmert', 'effect'];

/** A coding of your own (PROCESS's `mcx=5` with `xcatcode`): row g holds group g's values on the k − 1 codes. */
export interface CustomGroupCoding {
  readonly codes: readonly (readonly number[])[];
}

/** How a multicategorical variable is coded: one of PROCESS's four systems, or your own code matrix. */
export type GroupCodingOption = GroupCodingScheme | CustomGroupCoding;

/** A k-group variable coded as k − 1 numeric columns. */
export interface GroupCoding {
  /** The variable. */
  readonly column: string;
  readonly coding: GroupCodingScheme | 'custom';
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

/** A weight as it reads in a contrast: up to three decimals, no trailing zeros. */
const weight = (w: number) => String(Number(Math.abs(w).toFixed(3)));

/**
 * A custom coding: its matrix checked (k rows of k − 1 finite numbers, with the intercept of full
 * rank), and what each code's coefficient estimates — row j + 1 of [1 | codes]⁻¹ applied to the
 * group means — written out as a contrast of the groups.
 */
function customCoding(column: string, levels: readonly string[], option: string, codes: unknown): GroupCoding {
  const k = levels.length;
  const shape = Array.isArray(codes) && codes.length === k && codes.every((row) => Array.isArray(row) && row.length === k - 1 && row.every((v) => typeof v === 'number' && Number.isFinite(v)));
  if (!shape) {
    throw fail('INVALID_OPTION', `\`${option}.codes\` must give each of the ${k} groups of "${column}" (${levels.join(', ')}) ${k - 1} finite code values.`, { option, column, value: codes });
  }
  const matrix = (codes as number[][]).map((row) => [...row]);
  const weights = codeContrasts(matrix);
  if (weights === null) {
    throw fail('SINGULAR', `The codes in \`${option}.codes\` do not tell the ${k} groups of "${column}" apart (with the intercept they are collinear).`, { option, column });
  }
  const compares = weights.map((w) => {
    const terms = w.map((v, g) => ({ v, g })).filter(({ v }) => Math.abs(v) > 1e-12);
    return terms.map(({ v, g }, i) => `${v < 0 ? (i === 0 ? '−' : ' − ') : i === 0 ? '' : ' + '}${weight(v) === '1' ? '' : `${weight(v)}·`}${levels[g]}`).join('');
  });
  return { column, coding: 'custom', levels: [...levels], columnNames: compares.map((_, j) => `${column}[D${j + 1}]`), matrix, compares };
}

/**
 * What each code's coefficient estimates, as weights on the k group means: rows 2 … k of
 * [1 | codes]⁻¹ (Gauss–Jordan with partial pivoting); null when the codes do not tell the groups
 * apart. Row j is the contrast `compares[j]` names; applied to any per-group quantity (a
 * conditional indirect effect), it gives that quantity's contrast.
 */
export function codeContrasts(matrix: readonly (readonly number[])[]): number[][] | null {
  const k = matrix.length;
  const a = matrix.map((row, g) => [1, ...row, ...matrix.map((_, h) => (g === h ? 1 : 0))]);
  const scale = Math.max(1, ...matrix.flat().map(Math.abs));
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) if (Math.abs((a[r] as number[])[c] as number) > Math.abs((a[pivot] as number[])[c] as number)) pivot = r;
    if (Math.abs((a[pivot] as number[])[c] as number) < 1e-10 * scale) return null;
    [a[c], a[pivot]] = [a[pivot] as number[], a[c] as number[]];
    const row = a[c] as number[];
    const p = row[c] as number;
    for (let j = 0; j < 2 * k; j++) row[j] = (row[j] as number) / p;
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = (a[r] as number[])[c] as number;
      for (let j = 0; j < 2 * k; j++) (a[r] as number[])[j] = ((a[r] as number[])[j] as number) - f * (row[j] as number);
    }
  }
  return a.slice(1).map((row) => row.slice(k));
}

/**
 * Codes a k-group variable (k ≥ 2) as PROCESS does: its groups in the given order (PROCESS sorts
 * the values ascending, so the lowest is group 1), code columns named after the group each is
 * about; or with your own code matrix (`{ codes }`, columns named `column[D1]`, …).
 */
export function groupCoding(column: string, levels: readonly string[], coding: GroupCodingOption, option = 'xCoding'): GroupCoding {
  const k = levels.length;
  if (k < 2) throw fail('ZERO_VARIANCE', `"${column}" has ${k} group${k === 1 ? '' : 's'}; a multicategorical variable needs at least 2.`, { column });
  if (typeof coding === 'object') return customCoding(column, levels, option, coding.codes);
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
