import { fail } from '../errors.js';
import { showValue } from '../util/options.js';
import type { DescriptivesResult } from '../distribution/describe.js';
import type { NormalityTestsResult } from '../distribution/normality.js';
import type { CompareTransformsResult } from '../distribution/transforms/compare.js';
import type { CorrelationMatrixResult } from '../factor/correlation.js';
import type { EfaResult } from '../factor/efa.js';
import type { KmoResult } from '../factor/kmo.js';
import type { OmegaResult } from '../factor/omega.js';
import type { VelicerMapResult } from '../factor/retention/map.js';
import type { ParallelAnalysisResult } from '../factor/retention/parallel.js';
import type { RotationResult } from '../factor/rotation/rotate.js';
import type { PathModelResult } from '../mediation/path-model.js';
import type { CounterfactualMediationResult, ProcessResult } from '../mediation/process-types.js';
import type { AnyRelativeProcessResult } from '../mediation/catalog-types.js';
import type { CorrelationsResult } from '../regression/correlations.js';
import type { HierarchicalResult } from '../regression/hierarchical.js';
import type { OlsResult } from '../regression/ols.js';
import type { CronbachAlphaResult } from '../reliability/alpha.js';
import type { BootstrapResult } from '../resampling/bootstrap.js';
import type { SemResult } from '../sem/fit.js';
import type { InvarianceResult } from '../sem/invariance.js';
import type { ItemFrequenciesResult } from '../screening/item-frequencies.js';
import type { MissingnessResult } from '../screening/missingness.js';
import type { IccResult } from '../reliability/icc.js';
import type { SplitHalfResult } from '../reliability/split-half.js';
import { apaContext, type ApaContext, type ApaTableOptions } from './apa-common.js';
import { compareTransformsTable, describeTable, normalityTable } from './apa-distribution.js';
import { correlationMatrixTable, kmoTable, omegaTable, parallelTable, rotationTable, velicerMapTable } from './apa-factor.js';
import { alphaTable, efaTable } from './apa-measures.js';
import { pathModelTable, processTable } from './apa-process.js';
import { bootstrapTable } from './apa-resampling.js';
import { semTable } from './apa-sem.js';
import { invarianceTable } from './apa-invariance.js';
import { itemFrequenciesTable, missingnessTable } from './apa-screening.js';
import { iccTable, splitHalfTable } from './apa-reliability.js';
import { checkResultShape } from './result-shape.js';
import { correlationsTable, hierarchicalTable, olsTable } from './apa-regression.js';
import { tableToMarkdown, type ReportTable } from './table.js';

/** The results {@link toApaTable} and {@link toMarkdown} know, told apart by their `kind`. */
export type ReportableResult =
  | CronbachAlphaResult<number | null>
  | OmegaResult
  | EfaResult
  | RotationResult
  | KmoResult
  | ParallelAnalysisResult
  | VelicerMapResult
  | CorrelationMatrixResult
  | DescriptivesResult
  | CompareTransformsResult
  | NormalityTestsResult
  | CorrelationsResult
  | OlsResult
  | HierarchicalResult
  | ProcessResult
  | AnyRelativeProcessResult
  | CounterfactualMediationResult
  | PathModelResult
  | BootstrapResult
  | SemResult
  | InvarianceResult
  | ItemFrequenciesResult
  | MissingnessResult
  | IccResult
  | SplitHalfResult;

/** The `kind` of every {@link ReportableResult}. */
export const REPORTABLE_KINDS: readonly ReportableResult['kind'][] = Object.freeze([
  'cronbachAlpha',
  'omega',
  'efa',
  'rotate',
  'kmo',
  'parallelAnalysis',
  'velicerMap',
  'correlationMatrix',
  'descriptives',
  'compareTransforms',
  'normalityTests',
  'correlations',
  'ols',
  'hierarchicalRegression',
  'processModel',
  'pathModel',
  'bootstrap',
  'cfa',
  'sem',
  'invariance',
  'itemFrequencies',
  'missingness',
  'icc',
  'splitHalf',
] as const);

/** The result kinds that have no table. */
export type NotTabularKind =
  | 'bartlettSphericity'
  | 'shapiroWilk'
  | 'transform'
  | 'scoreScale'
  | 'scoreInstrument'
  | 'reliableChange'
  | 'longstring'
  | 'responseVariability'
  | 'mahalanobis'
  | 'evenOddConsistency'
  | 'psychometricSynonyms'
  | 'screenResponses';

/**
 * The result kinds that have no table, each with what to report instead (docs/reports.md, "Which
 * results have a table"). `toApaTable` refuses them with this text.
 */
export const NOT_TABULAR_KINDS: Readonly<Record<NotTabularKind, string>> = Object.freeze({
  bartlettSphericity:
    'a bartlettSphericity result is one test, not a table: report it in the text as χ²(df) = statistic, p (formatNumber and formatP print them APA-style), e.g. beside the KMO table (toApaTable of a kmo result)',
  shapiroWilk: 'a shapiroWilk result is one test, not a table: report it in the text (W and formatP(p)), or pass the values to normalityTests, whose table has Shapiro–Wilk beside the other tests',
  transform:
    'a transform result (transform, boxCox, yeoJohnson) holds one value per respondent, not a table: compareTransforms tabulates transforms side by side, and descriptives of the transformed values describes them',
  scoreScale: "a scoreScale result holds one score per respondent, not a table: tabulate descriptives of the scores (toApaTable(descriptives(scores.scores, { name })))",
  scoreInstrument:
    'a scoreInstrument result holds one score, band and flag per respondent, not a table: report bandCounts in the text, or tabulate descriptives of the scores (toApaTable(descriptives(result.scores)))',
  longstring: 'a longstring result holds one value per respondent, not a table: report how many respondents a cut-off flags (screenResponses counts them), or tabulate descriptives of the values',
  responseVariability: 'a responseVariability result holds one value per respondent, not a table: report how many respondents a cut-off flags, or tabulate descriptives of the values',
  mahalanobis: 'a mahalanobis result holds one D² per respondent, not a table: report how many were flagged (flagged, at alpha) in the text',
  evenOddConsistency: 'an evenOddConsistency result holds one value per respondent, not a table: report how many respondents a cut-off flags, or tabulate descriptives of the values',
  psychometricSynonyms: 'a psychometricSynonyms result holds one value per respondent, not a table: report the pairs used and how many respondents a cut-off flags',
  screenResponses: 'a screenResponses result is a per-respondent table to store beside each submission, not an APA table: report nFlagged and flagCounts, with the cut-offs, in the text',
  reliableChange:
    'a reliableChange result holds one classification per person, not a table: report its counts (recovered, improved, unchanged, deteriorated) and the cut-offs in the text, with standardError.reliableChange as the smallest reliable change',
});

/**
 * Turns a result into an APA-style (7th ed.) table: a {@link ReportTable} that `tableToText`,
 * `tableToMarkdown` and `tableToHtml` render identically. Which table depends on the result's
 * `kind`:
 *
 * | result of | table |
 * |---|---|
 * | `cronbachAlpha` | item analysis (n, M, SD, item–rest r, α if deleted); α and its CI in the title, standardized α, λ6 and r̄ in the note |
 * | `omega` | g and group loadings, h², u², p² per item; SS loadings; ω total, general and group per factor (psych's omega.group); ω_h and ω_t in the title, ω_limit, α, λ6 and ECV in the note |
 * | `efa` | loadings with h² and u², SS loadings and proportion of variance, Φ for oblique solutions; RMSR and fit in the note |
 * | `rotate` | rotated loadings with h², Φ for oblique rotations; rotation and convergence in the note |
 * | `kmo` | MSA per item with Kaiser's label, then the overall MSA |
 * | `parallelAnalysis` | observed, simulated (and resampled) eigenvalues per position, components then factors; the suggested numbers in the note |
 * | `velicerMap` | eigenvalue, average squared and fourth-power partial correlation per number of components partialled out; the suggested numbers in the note |
 * | `correlationMatrix` | lower triangle, variables numbered; Pearson or polychoric (smoothed or not) and n in the note |
 * | `descriptives` | n, M, SD, Mdn, min, max, skewness and kurtosis with their SEs |
 * | `compareTransforms` | each transform's parameters, skewness, kurtosis, Shapiro–Wilk W and p |
 * | `normalityTests` | D'Agostino z, Anscombe–Glynn z, K², Shapiro–Wilk W, each with p |
 * | `correlations` | lower triangle with `*`/`**`/`***`, variables numbered |
 * | `ols` | b, SE, t, p, CI; R², adjusted R², F in the note |
 * | `hierarchicalRegression` | a block per step headed by R², adjusted R², ΔR² and ΔF; its coefficients |
 * | `processModel` | a block per equation, then total, direct and indirect effects (bootstrap SE and CI), contrasts and conditional effects |
 * | `pathModel` | a block per equation, then the named effects with bootstrap SE and CI |
 * | `bootstrap` | each statistic's estimate, bootstrap SE and CI; resamples, seed and interval in the note |
 * | `cfa`, `sem` | loadings (factor, indicator, B, SE, β = std.all, p; markers without SE), structural paths, defined parameters, factor and residual covariances (β = correlation); χ², CFI, TLI, RMSEA with its 90% CI and SRMR (under MLR the Yuan–Bentler scaled χ² and the robust indices; under WLSMV the mean-and-variance adjusted χ², scaled CFI and TLI and robust RMSEA, with the thresholds counted, not listed), estimator, missing-data rule and n in the note; a multiple-group result has these blocks per group, titled with the group's label, and the groups with their n in the note |
 * | `icc` | the six Shrout–Fleiss forms with ICC, CI, F, df and p; n, k and the McGraw–Wong names in the note |
 * | `splitHalf` | maximum (λ4), average and minimum split half, the range of split halves, α, λ2, λ6 and r̄; the best and worst split in the note |
 * | `missingness` | missing values (n, %) per column and in all; complete rows, the number of patterns and Little's MCAR test in the note |
 * | `itemFrequencies` | one row per item: n, % missing, % choosing each option, floor and ceiling %; the options never chosen in the note |
 * | `invariance` | one row per step (configural, metric, scalar, strict): χ² (df), CFI, RMSEA [90% CI], SRMR, Δχ² (Δdf), p, ΔCFI, ΔRMSEA (under MLR the scaled χ², robust CFI and RMSEA and the Satorra–Bentler scaled Δχ²); groups with n, estimator, what each step holds equal and the reading rules (Cheung & Rensvold, 2002; Chen, 2007) in the note |
 *
 * Not tables ({@link NOT_TABULAR_KINDS}): `bartlettSphericity` and `shapiroWilk` are one test each
 * (report them in the text, with `formatNumber` and `formatP`; Bartlett's test beside the KMO table,
 * Shapiro–Wilk through `normalityTests`); `transform` (also `boxCox`, `yeoJohnson`), `scoreScale`,
 * `scoreInstrument`, `reliableChange` and the careless-responding indices (`longstring`,
 * `responseVariability`, `mahalanobis`, `evenOddConsistency`, `psychometricSynonyms`,
 * `screenResponses`) hold a value per respondent (`compareTransforms` and `descriptives` of the scores have the tables).
 * Passing one is an `INVALID_INPUT` error that says so.
 *
 * `dimBelow: 0.3` dims loadings below .30 in absolute value in the `efa`, `omega` and `rotate`
 * tables (and standardized loadings in `cfa`/`sem` tables): grey in HTML (`<td class="dim">`), printed as they are in text and Markdown.
 *
 * APA 7 conventions (§6.36, Table 6.5): two decimals (`decimals` changes it); no leading zero for
 * statistics that cannot exceed 1 (r, α, R², loadings, h², W, p); p with three decimals and
 * `< .001` below that; the result's warnings are appended to the note, never dropped.
 *
 * Errors: `INVALID_INPUT` for anything that is not one of these results (no `kind`), a result
 * that has no table (naming what to report instead) or a result with a field of the wrong type
 * (named, e.g. `result.items[2].mean`); `INVALID_OPTION` for a bad option.
 *
 * @example
 * ```ts
 * const fit = ols(rows, { y: 'pwb', x: ['esse', 'ss'] });
 * console.log(tableToText(toApaTable(fit, { labels: { esse: 'Self-efficacy', ss: 'Social support' } })));
 * ```
 */
export function toApaTable(result: ReportableResult, options?: ApaTableOptions): ReportTable {
  return build(result, apaContext(options, 'toApaTable'), 'toApaTable');
}

function build(result: ReportableResult, c: ApaContext, fn: string): ReportTable {
  const kind = typeof result === 'object' && result !== null ? (result as { kind?: unknown }).kind : undefined;
  if (typeof kind === 'string') checkResultShape(kind, result);
  switch (kind) {
    case 'cronbachAlpha':
      return alphaTable(result as CronbachAlphaResult<number | null>, c);
    case 'omega':
      return omegaTable(result as OmegaResult, c);
    case 'efa':
      return efaTable(result as EfaResult, c);
    case 'rotate':
      return rotationTable(result as RotationResult, c);
    case 'kmo':
      return kmoTable(result as KmoResult, c);
    case 'parallelAnalysis':
      return parallelTable(result as ParallelAnalysisResult, c);
    case 'velicerMap':
      return velicerMapTable(result as VelicerMapResult, c);
    case 'correlationMatrix':
      return correlationMatrixTable(result as CorrelationMatrixResult, c);
    case 'descriptives':
      return describeTable(result as DescriptivesResult, c);
    case 'compareTransforms':
      return compareTransformsTable(result as CompareTransformsResult, c);
    case 'normalityTests':
      return normalityTable(result as NormalityTestsResult, c);
    case 'correlations':
      return correlationsTable(result as CorrelationsResult, c);
    case 'ols':
      return olsTable(result as OlsResult, c);
    case 'hierarchicalRegression':
      return hierarchicalTable(result as HierarchicalResult, c);
    case 'processModel':
      return processTable(result as ProcessResult, c);
    case 'pathModel':
      return pathModelTable(result as PathModelResult, c);
    case 'bootstrap':
      return bootstrapTable(result as BootstrapResult, c);
    case 'cfa':
    case 'sem':
      return semTable(result as SemResult, c);
    case 'invariance':
      return invarianceTable(result as InvarianceResult, c);
    case 'itemFrequencies':
      return itemFrequenciesTable(result as ItemFrequenciesResult, c);
    case 'missingness':
      return missingnessTable(result as MissingnessResult, c);
    case 'icc':
      return iccTable(result as IccResult, c);
    case 'splitHalf':
      return splitHalfTable(result as SplitHalfResult, c);
    default:
      if (typeof kind === 'string' && Object.prototype.hasOwnProperty.call(NOT_TABULAR_KINDS, kind)) {
        throw fail('INVALID_INPUT', `${fn}: ${NOT_TABULAR_KINDS[kind as keyof typeof NOT_TABULAR_KINDS]}.`, { value: kind });
      }
      throw fail(
        'INVALID_INPUT',
        `${fn} expects the result of ${REPORTABLE_KINDS.join(', ')}; got ${kind === undefined ? (result === null ? 'null' : typeof result === 'object' ? 'an object without a `kind`' : typeof result) : `kind ${showValue(kind)}`}.`,
        { value: typeof kind === 'string' ? kind : typeof kind },
      );
  }
}

/**
 * A result as a GitHub-flavoured Markdown table: `tableToMarkdown(toApaTable(result, options))`.
 * Labels and notes are escaped, so no variable name can break the table.
 *
 * @example
 * ```ts
 * const md = toMarkdown(cronbachAlpha(rows, { scale: instruments.esse({ prefix: 'esse' }) }));
 * ```
 */
export function toMarkdown(result: ReportableResult, options?: ApaTableOptions): string {
  return tableToMarkdown(build(result, apaContext(options, 'toMarkdown'), 'toMarkdown'));
}
