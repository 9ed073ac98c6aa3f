import { fail, isPsychkitError, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import type { ReadTableOptions, Table, TableView } from '../data/table.js';
import { chiSquareQuantile } from '../probability/index.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field, numberIn, showValue, strictObject } from '../util/options.js';
import { describeScales, evenOddKernel, evenOddRule, readScales, type EvenOddScale, type EvenOddScales } from './even-odd.js';
import { forEachRow, readItemMatrix } from './item-matrix.js';
import { emptyRows, emptyRowsWarning, LONGSTRING_RULE, longstringKernel } from './longstring.js';
import { MAHALANOBIS_RULE, mahalanobisKernel, mahalanobisSetup, mahalanobisTail, type MahalanobisSetup } from './mahalanobis.js';
import { noPairsWarning, synonymKernel, synonymPairs, synonymRule, type SynonymPair } from './psychometric-synonyms.js';
import { IRV_RULE, irvKernel } from './response-variability.js';

/** The indices {@link screenResponses} can flag a respondent on. */
export type ScreeningIndex = 'longstring' | 'irv' | 'mahalanobis' | 'evenOdd' | 'synonyms';

/** Cut-offs of {@link screenResponses}; `null` turns an index's flag off (the index is still reported). */
export interface ScreeningCutoffs {
  /** Flag when the longest run ≥ this. Default: the number of items k (the same answer to every item). */
  readonly longstring?: number | null;
  /** Flag when IRV < this (straight-lining, Dunn et al. 2018). Default null: IRV is in the items' units. */
  readonly irvBelow?: number | null;
  /** Flag when IRV > this (random answering, Marjanovic et al. 2015). Default null. */
  readonly irvAbove?: number | null;
  /** Flag when careless's even–odd score > this. Default −0.30: a consistency below .30 (Johnson 2005). */
  readonly evenOdd?: number | null;
  /** Flag when the psychometric-synonym correlation < this. Default 0: synonym pairs answered in opposite directions. */
  readonly synonyms?: number | null;
}

/** Options of {@link screenResponses}. */
export interface ScreenResponsesOptions extends ReadTableOptions {
  /** The item columns, in the order presented (at least 2). Default: every column. */
  readonly columns?: readonly string[];
  /** Subscales for even–odd consistency (items among `columns`); without them `evenOdd` is null. */
  readonly scales?: EvenOddScales;
  /** Flag Mahalanobis D² beyond the χ²(k) quantile 1 − significance (p < significance). Default 0.001; `null`: no flag. */
  readonly significance?: number | null;
  /** The correlation an item pair must exceed to be a psychometric synonym. Default 0.60 (careless). */
  readonly synonymThreshold?: number;
  /** Cut-offs for the other flags. */
  readonly cutoffs?: ScreeningCutoffs;
}

/** One respondent's screening row: flat, JSON-ready, for a survey app to store. */
export interface ScreenedRespondent {
  /** Zero-based row index in the table. */
  readonly row: number;
  /** Longest run of identical consecutive answers. */
  readonly longstring: number | null;
  /** Average run length. */
  readonly longstringAverage: number | null;
  /** Intra-individual response variability (SD across items). */
  readonly irv: number | null;
  /** Mahalanobis D². */
  readonly mahalanobis: number | null;
  /** χ²(k) upper tail of D². */
  readonly mahalanobisP: number | null;
  /** careless's even–odd score (higher = more careless); null without `scales`. */
  readonly evenOdd: number | null;
  /** Psychometric-synonym within-person correlation. */
  readonly synonyms: number | null;
  /** The indices beyond their cut-off. */
  readonly flags: readonly ScreeningIndex[];
  /** Whether any index is beyond its cut-off. */
  readonly flagged: boolean;
}

/** The cut-offs used (resolved defaults). */
export interface ResolvedScreeningCutoffs {
  readonly longstring: number | null;
  readonly irvBelow: number | null;
  readonly irvAbove: number | null;
  /** Mahalanobis flagging level α. */
  readonly significance: number | null;
  /** The D² cut-off, χ²(k) quantile 1 − α. */
  readonly mahalanobis: number | null;
  readonly evenOdd: number | null;
  readonly synonyms: number | null;
}

/** Result of {@link screenResponses}. */
export interface ScreenResponsesResult extends PsychkitResult<'screenResponses'> {
  /** Respondents (rows of the table). */
  readonly n: number;
  /** The item columns, in the order used. */
  readonly columns: readonly string[];
  /** One row per respondent, in table order. */
  readonly rows: readonly ScreenedRespondent[];
  /** Respondents with at least one flag. */
  readonly nFlagged: number;
  /** Per index, respondents flagged on it. */
  readonly flagCounts: { readonly [K in ScreeningIndex]: number };
  readonly cutoffs: ResolvedScreeningCutoffs;
  /** The definition of each index and of the flags, in words. */
  readonly rules: { readonly [K in ScreeningIndex | 'flags']: string };
  /** The psychometric-synonym pairs used. */
  readonly synonymPairs: readonly SynonymPair[];
  readonly synonymThreshold: number;
  /** The even–odd subscales, or null without `scales`. */
  readonly scales: readonly EvenOddScale[] | null;
}

const CUTOFF_KEYS = ['longstring', 'irvBelow', 'irvAbove', 'evenOdd', 'synonyms'] as const;

const readScreenOptions = defineOptions('screenResponses', {
  columns: field.raw(),
  missingCodes: field.missingCodes(),
  scales: field.raw(),
  significance: (v, k) => (v === null ? null : numberIn(k, v, 0.001, 0, 1, { exclusiveMin: true, exclusiveMax: true })),
  synonymThreshold: field.number(0.6, 0, 1, { exclusiveMax: true }),
  cutoffs: field.raw(),
});

const INDEX_ORDER: readonly ScreeningIndex[] = ['longstring', 'irv', 'mahalanobis', 'evenOdd', 'synonyms'];
const BIT: { readonly [K in ScreeningIndex]: number } = { longstring: 1, irv: 2, mahalanobis: 4, evenOdd: 8, synonyms: 16 };
// One frozen flags array per combination, shared by every row that has it: no per-row array.
const FLAG_SETS: readonly (readonly ScreeningIndex[])[] = Array.from({ length: 32 }, (_, mask) => Object.freeze(INDEX_ORDER.filter((name) => (mask & BIT[name]) !== 0)));

/** A nullable cut-off: `null` (off), a finite number, or absent (the default). */
function cutoffValue(path: string, value: unknown, fallback: number | null): number | null {
  if (value === undefined) return fallback;
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw fail('INVALID_OPTION', `\`${path}\` must be a finite number or null (no flag); got ${showValue(value)}.`, { option: path, value });
  }
  return value;
}

/**
 * Screens survey responses for careless responding with the indices of the `careless` R package
 * (Yentes & Wilhelm) and flags each respondent against documented cut-offs. The item matrix is
 * read once and shared: one pass per index over a flat array, one covariance matrix.
 *
 * Per respondent (see each function for the definition, careless conventions and missing data):
 *
 * - `longstring`, `longstringAverage` — {@link longstring} (careless::longstring); flagged when the
 *   longest run ≥ `cutoffs.longstring`, default k: the same answer to every item. Runs of identical
 *   answers are common in short, homogeneous scales, so a lower cut-off (Curran 2016 discusses about
 *   half a block) belongs to a study that has looked at its own distribution.
 * - `irv` — {@link responseVariability} (careless::irv); flagged below `cutoffs.irvBelow` or above
 *   `cutoffs.irvAbove`, both off by default (IRV is in the items' units).
 * - `mahalanobis`, `mahalanobisP` — {@link mahalanobis} (careless::mahad / psych::outlier); flagged
 *   when D² > χ²(k) quantile 1 − `significance`, default `significance` 0.001 (stricter than careless's 0.01,
 *   the usual level for multivariate outliers, Tabachnick & Fidell). If D² cannot be computed (a
 *   constant item: `ZERO_VARIANCE`; linearly dependent or indefinite items: `SINGULAR_CORRELATION`;
 *   too few common answers: `TOO_FEW_CASES`), it is null for everyone with that warning instead of an error.
 * - `evenOdd` — {@link evenOddConsistency} (careless::evenodd, Spearman–Brown corrected, negated:
 *   higher = more careless), with `scales`; flagged when > `cutoffs.evenOdd`, default −0.30
 *   (consistency below .30, Johnson 2005).
 * - `synonyms` — {@link psychometricSynonyms} (careless::psychsyn, pairs with r > `synonymThreshold`,
 *   default .60); flagged when < `cutoffs.synonyms`, default 0. No pair: null with a `NO_SCORES` warning.
 *
 * A null index never flags. `flags` lists the indices beyond their cut-off; `flagged` is true when
 * any is. The cut-offs are screening heuristics, not tests: read flagged rows before deleting them,
 * and prefer several agreeing indices (Meade & Craig 2012; Curran 2016).
 *
 * Errors: `MISSING_COLUMN`, `NON_NUMERIC`, `NON_FINITE`, `DUPLICATE_NAME`, `TOO_FEW_VARIABLES`,
 * `INVALID_OPTION` (a cut-off that is not a number or null; a `scales` item not among `columns`).
 *
 * References: Curran, P. G. (2016). Methods for the detection of carelessly invalid responses in
 * survey data. *Journal of Experimental Social Psychology, 66*, 4–19. Meade, A. W., & Craig, S. B.
 * (2012). Identifying careless responses in survey data. *Psychological Methods, 17*, 437–455.
 * Johnson, J. A. (2005). *Journal of Research in Personality, 39*, 103–129. Tabachnick, B. G., &
 * Fidell, L. S. (2013). *Using multivariate statistics* (6th ed.). Pearson.
 *
 * @example
 * ```ts
 * const screen = screenResponses(rows, {
 *   columns: ['mspss1', 'mspss2', 'mspss3', 'mspss4', 'mspss5', 'mspss6', 'mspss7', 'mspss8', 'mspss9', 'mspss10', 'mspss11', 'mspss12'],
 *   scales: { significantOther: ['mspss1', 'mspss2', 'mspss5', 'mspss10'], family: ['mspss3', 'mspss4', 'mspss8', 'mspss11'], friends: ['mspss6', 'mspss7', 'mspss9', 'mspss12'] },
 *   cutoffs: { longstring: 10 },
 * });
 * screen.rows.filter((r) => r.flagged).map((r) => [r.row, r.flags]);
 * screen.cutoffs.mahalanobis; // the D² cut-off, χ²(12) quantile 0.999
 * ```
 */
export function screenResponses(table: Table | TableView, options?: ScreenResponsesOptions): ScreenResponsesResult {
  const o = readScreenOptions.read(options);
  const m = readItemMatrix(table, o.columns, o.missingCodes, 'screenResponses');
  const { n, k, columns } = m;
  const c = o.cutoffs === undefined ? {} : strictObject(o.cutoffs, 'cutoffs', CUTOFF_KEYS);
  const scalePlan = o.scales === undefined ? null : readScales(o.scales);
  if (scalePlan !== null) {
    const known = new Set(columns);
    for (const list of scalePlan.items) {
      for (const item of list) {
        if (!known.has(item)) throw fail('INVALID_OPTION', `\`scales\` lists "${item}", which is not among \`columns\`.`, { option: 'scales', column: item });
      }
    }
  }
  const longstringCut = cutoffValue('cutoffs.longstring', c['longstring'], k);
  const irvBelow = cutoffValue('cutoffs.irvBelow', c['irvBelow'], null);
  const irvAbove = cutoffValue('cutoffs.irvAbove', c['irvAbove'], null);
  const evenOddCut = cutoffValue('cutoffs.evenOdd', c['evenOdd'], -0.3);
  const synonymCut = cutoffValue('cutoffs.synonyms', c['synonyms'], 0);
  const significance = o.significance;
  const warnings: PsychkitWarning[] = [];

  // One pass over the rows for the five row-wise indices (D² from the shared cross-products).
  const threshold = o.synonymThreshold;
  const pairs = synonymPairs(m, threshold, false);
  if (pairs.length === 0) warnings.push(noPairsWarning(threshold, false));
  let setup: MahalanobisSetup | null = null;
  try {
    setup = mahalanobisSetup(m);
  } catch (e) {
    if (!isPsychkitError(e) || !['ZERO_VARIANCE', 'SINGULAR', 'NOT_POSITIVE_DEFINITE', 'TOO_FEW_CASES'].includes(e.code)) throw e;
    warnings.push({
      code: e.code === 'ZERO_VARIANCE' || e.code === 'TOO_FEW_CASES' ? e.code : 'SINGULAR_CORRELATION',
      message: `Mahalanobis D² is null for every respondent: ${e.message}`,
      details: e.details,
    });
  }
  const ls = longstringKernel(m);
  const irvK = irvKernel(m);
  const synK = synonymKernel(m, pairs);
  const eoK = scalePlan === null ? null : evenOddKernel(m, scalePlan, true);
  const mdK = setup === null ? null : mahalanobisKernel(m, setup);
  const kernels = [ls.row, irvK.row, synK.row];
  if (eoK !== null) kernels.push(eoK.row);
  if (mdK !== null) kernels.push(mdK.row);
  forEachRow(m, kernels);
  const irv = irvK.values;
  const synonyms = synK.values;
  const evenOdd = eoK === null ? null : eoK.values;
  const d2: Float64Array | null = mdK === null ? null : mdK.d2;
  const p: Float64Array | null = mdK === null ? null : mahalanobisTail(mdK.d2, m);
  const critical = significance === null || d2 === null ? null : chiSquareQuantile(1 - significance, k);
  const empty = emptyRows(m);
  if (empty > 0) warnings.push(emptyRowsWarning(empty, 'every index'));

  const counts = { longstring: 0, irv: 0, mahalanobis: 0, evenOdd: 0, synonyms: 0 };
  let nFlagged = 0;
  const rows = new Array<ScreenedRespondent>(n);
  const orNull = (v: number): number | null => (v === v ? v : null);
  for (let i = 0; i < n; i++) {
    const longest = ls.longest[i] as number;
    const sd = irv[i] as number;
    const dist = d2 === null ? Number.NaN : (d2[i] as number);
    const eo = evenOdd === null ? Number.NaN : (evenOdd[i] as number);
    const syn = synonyms[i] as number;
    // NaN compares false: a null index never flags.
    let mask = 0;
    if (longstringCut !== null && longest >= longstringCut) mask |= 1;
    if ((irvBelow !== null && sd < irvBelow) || (irvAbove !== null && sd > irvAbove)) mask |= 2;
    if (critical !== null && dist > critical) mask |= 4;
    if (evenOddCut !== null && eo > evenOddCut) mask |= 8;
    if (synonymCut !== null && syn < synonymCut) mask |= 16;
    if (mask !== 0) {
      nFlagged++;
      if (mask & 1) counts.longstring++;
      if (mask & 2) counts.irv++;
      if (mask & 4) counts.mahalanobis++;
      if (mask & 8) counts.evenOdd++;
      if (mask & 16) counts.synonyms++;
    }
    rows[i] = Object.freeze({
      row: i,
      longstring: orNull(longest),
      longstringAverage: orNull(ls.average[i] as number),
      irv: orNull(sd),
      mahalanobis: orNull(dist),
      mahalanobisP: p === null ? null : orNull(p[i] as number),
      evenOdd: orNull(eo),
      synonyms: orNull(syn),
      flags: FLAG_SETS[mask] as readonly ScreeningIndex[],
      flagged: mask !== 0,
    });
  }
  Object.freeze(rows);

  const rules = {
    longstring: `${LONGSTRING_RULE} Flag: longest run >= ${longstringCut ?? 'off'}.`,
    irv: `${IRV_RULE} Flag: ${irvBelow === null && irvAbove === null ? 'off' : [irvBelow === null ? '' : `IRV < ${irvBelow}`, irvAbove === null ? '' : `IRV > ${irvAbove}`].filter((s) => s !== '').join(' or ')}.`,
    mahalanobis: `${MAHALANOBIS_RULE} Flag: ${critical === null ? 'off' : `D² > ${critical} (the chi-square(${k}) quantile ${1 - (significance as number)}, i.e. p < ${significance})`}.`,
    evenOdd: scalePlan === null ? 'Even-odd consistency not computed: no `scales` given.' : `${evenOddRule(true)} Flag: score > ${evenOddCut ?? 'off'}.`,
    synonyms: `${synonymRule(threshold, false)} Flag: correlation < ${synonymCut ?? 'off'}.`,
    flags: 'A respondent is flagged when any index is beyond its cut-off; a null index never flags.',
  };
  return deepFreeze({
    kind: 'screenResponses',
    n,
    warnings,
    columns,
    rows,
    nFlagged,
    flagCounts: counts,
    cutoffs: { longstring: longstringCut, irvBelow, irvAbove, significance, mahalanobis: critical, evenOdd: scalePlan === null ? null : evenOddCut, synonyms: synonymCut },
    rules,
    synonymPairs: pairs.map((q) => ({ columns: [columns[q.a] as string, columns[q.b] as string] as const, r: q.r })),
    synonymThreshold: threshold,
    scales: scalePlan === null ? null : describeScales(scalePlan),
  });
}
