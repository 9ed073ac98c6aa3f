import { fail } from '../errors.js';
import { showValue } from '../util/options.js';
import type { DescriptivesResult } from '../distribution/describe.js';
import type { NormalityTestsResult } from '../distribution/normality.js';
import type { CompareTransformsResult } from '../distribution/transforms/compare.js';
import type { EfaResult } from '../factor/efa.js';
import type { ProcessResult } from '../mediation/process-types.js';
import type { CorrelationsResult } from '../regression/correlations.js';
import type { HierarchicalResult } from '../regression/hierarchical.js';
import type { OlsResult } from '../regression/ols.js';
import type { CronbachAlphaResult } from '../reliability/alpha.js';
import { apaContext, type ApaContext, type ApaTableOptions } from './apa-common.js';
import { compareTransformsTable, describeTable, normalityTable } from './apa-distribution.js';
import { alphaTable, efaTable } from './apa-measures.js';
import { processTable } from './apa-process.js';
import { checkResultShape } from './result-shape.js';
import { correlationsTable, hierarchicalTable, olsTable } from './apa-regression.js';
import { tableToMarkdown, type ReportTable } from './table.js';

/** The results {@link toApaTable} and {@link toMarkdown} know, told apart by their `kind`. */
export type ReportableResult =
  | CronbachAlphaResult
  | EfaResult
  | DescriptivesResult
  | CompareTransformsResult
  | NormalityTestsResult
  | CorrelationsResult
  | OlsResult
  | HierarchicalResult
  | ProcessResult;

/** The `kind` of every {@link ReportableResult}. */
export const REPORTABLE_KINDS: readonly ReportableResult['kind'][] = Object.freeze([
  'cronbachAlpha',
  'efa',
  'descriptives',
  'compareTransforms',
  'normalityTests',
  'correlations',
  'ols',
  'hierarchicalRegression',
  'processModel',
] as const);

/**
 * Turns a result into an APA-style (7th ed.) table: a {@link ReportTable} that `tableToText`,
 * `tableToMarkdown` and `tableToHtml` render identically. Which table depends on the result's
 * `kind`:
 *
 * | result of | table |
 * |---|---|
 * | `cronbachAlpha` | item analysis (n, M, SD, item–rest r, α if deleted); α and its CI in the title, standardized α, λ6 and r̄ in the note |
 * | `efa` | loadings with h² and u², SS loadings and proportion of variance, Φ for oblique solutions; RMSR and fit in the note |
 * | `descriptives` | n, M, SD, Mdn, min, max, skewness and kurtosis with their SEs |
 * | `compareTransforms` | each transform's parameters, skewness, kurtosis, Shapiro–Wilk W and p |
 * | `normalityTests` | D'Agostino z, Anscombe–Glynn z, K², Shapiro–Wilk W, each with p |
 * | `correlations` | lower triangle with `*`/`**`/`***`, variables numbered |
 * | `ols` | b, SE, t, p, CI; R², adjusted R², F in the note |
 * | `hierarchicalRegression` | a block per step headed by R², adjusted R², ΔR² and ΔF; its coefficients |
 * | `processModel` | a block per equation, then total, direct and indirect effects (bootstrap SE and CI), contrasts and conditional effects |
 *
 * APA 7 conventions (§6.36, Table 6.5): two decimals (`decimals` changes it); no leading zero for
 * statistics that cannot exceed 1 (r, α, R², loadings, h², W, p); p with three decimals and
 * `< .001` below that; the result's warnings are appended to the note, never dropped.
 *
 * Errors: `INVALID_INPUT` for anything that is not one of these results (no `kind`) or a result
 * with a field of the wrong type (named, e.g. `result.items[2].mean`); `INVALID_OPTION` for a bad
 * option.
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
      return alphaTable(result as CronbachAlphaResult, c);
    case 'efa':
      return efaTable(result as EfaResult, c);
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
    default:
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
