// tidy() and glance(): every result as long rows and as one row of model-level statistics, the
// R broom convention, shaped for Observable Plot and Inputs.table.
import { fail, PsychkitError } from '../../errors.js';
import type { BartlettResult } from '../../factor/bartlett.js';
import type { ShapiroWilkResult } from '../../distribution/shapiro-wilk.js';
import type { TransformResult } from '../../distribution/transforms/transform.js';
import type { ReliableChangeResult } from '../../reliability/reliable-change.js';
import type { BootstrapResult } from '../../resampling/bootstrap.js';
import type { InstrumentScores } from '../../scales/score-instrument.js';
import type { ScaleScores } from '../../scales/score.js';
import type { EvenOddResult } from '../../screening/even-odd.js';
import type { LongstringResult } from '../../screening/longstring.js';
import type { MahalanobisResult } from '../../screening/mahalanobis.js';
import type { PsychometricSynonymsResult } from '../../screening/psychometric-synonyms.js';
import type { ResponseVariabilityResult } from '../../screening/response-variability.js';
import type { ScreenResponsesResult } from '../../screening/screen-responses.js';
import { showValue } from '../../util/options.js';
import type { ReportableResult } from '../apa.js';
import { checkResultShape } from '../result-shape.js';
import * as distribution from './distribution.js';
import * as factor from './factor.js';
import * as processRows from './process.js';
import * as regression from './regression.js';
import * as reliability from './reliability.js';
import { flatten, rowOf, rowsOf, type Row, type TidyRow } from './rows.js';
import * as scales from './scales.js';
import * as screening from './screening.js';
import * as sem from './sem.js';

export type { TidyRow, TidyValue } from './rows.js';

/** Every result `tidy` and `glance` take: the result of any psychkit estimator. */
export type TidyableResult =
  | ReportableResult
  | BartlettResult
  | ShapiroWilkResult
  | TransformResult
  | ScaleScores
  | InstrumentScores
  | ReliableChangeResult
  | LongstringResult
  | ResponseVariabilityResult
  | MahalanobisResult
  | EvenOddResult
  | PsychometricSynonymsResult
  | ScreenResponsesResult;

/** The `kind` of every {@link TidyableResult}. */
export type TidyableKind = TidyableResult['kind'];

interface Adapter {
  readonly tidy: (result: never) => Row[];
  readonly glance: (result: never) => Row;
}

const ADAPTERS: Readonly<Record<TidyableKind, Adapter>> = {
  cronbachAlpha: { tidy: reliability.tidyAlpha, glance: reliability.glanceAlpha },
  icc: { tidy: reliability.tidyIcc, glance: reliability.glanceIcc },
  splitHalf: { tidy: reliability.tidySplitHalf, glance: reliability.glanceSplitHalf },
  reliableChange: { tidy: reliability.tidyReliableChange, glance: reliability.glanceReliableChange },
  omega: { tidy: factor.tidyOmega, glance: factor.glanceOmega },
  efa: { tidy: factor.tidyEfa, glance: factor.glanceEfa },
  rotate: { tidy: factor.tidyRotation, glance: factor.glanceRotation },
  kmo: { tidy: factor.tidyKmo, glance: factor.glanceKmo },
  bartlettSphericity: { tidy: factor.tidyBartlett, glance: factor.glanceBartlett },
  parallelAnalysis: { tidy: factor.tidyParallel, glance: factor.glanceParallel },
  velicerMap: { tidy: factor.tidyVelicerMap, glance: factor.glanceVelicerMap },
  correlationMatrix: { tidy: factor.tidyCorrelationMatrix, glance: factor.glanceCorrelationMatrix },
  descriptives: { tidy: distribution.tidyDescriptives, glance: distribution.glanceDescriptives },
  shapiroWilk: { tidy: distribution.tidyShapiroWilk, glance: distribution.glanceShapiroWilk },
  normalityTests: { tidy: distribution.tidyNormality, glance: distribution.glanceNormality },
  transform: { tidy: distribution.tidyTransform, glance: distribution.glanceTransform },
  compareTransforms: { tidy: distribution.tidyCompareTransforms, glance: distribution.glanceCompareTransforms },
  ols: { tidy: regression.tidyOls, glance: regression.glanceOls },
  hierarchicalRegression: { tidy: regression.tidyHierarchical, glance: regression.glanceHierarchical },
  correlations: { tidy: regression.tidyCorrelations, glance: regression.glanceCorrelations },
  processModel: { tidy: processRows.tidyProcess, glance: processRows.glanceProcess },
  pathModel: { tidy: processRows.tidyPathModel, glance: processRows.glancePathModel },
  bootstrap: { tidy: tidyBootstrap, glance: glanceBootstrap },
  cfa: { tidy: sem.tidySem, glance: sem.glanceSem },
  sem: { tidy: sem.tidySem, glance: sem.glanceSem },
  invariance: { tidy: sem.tidyInvariance, glance: sem.glanceInvariance },
  scoreScale: { tidy: scales.tidyScoreScale, glance: scales.glanceScoreScale },
  scoreInstrument: { tidy: scales.tidyScoreInstrument, glance: scales.glanceScoreInstrument },
  longstring: { tidy: screening.tidyLongstring, glance: (r: LongstringResult) => screening.glanceIndex(r) },
  responseVariability: { tidy: screening.tidyResponseVariability, glance: (r: ResponseVariabilityResult) => screening.glanceIndex(r) },
  mahalanobis: { tidy: screening.tidyMahalanobis, glance: screening.glanceMahalanobis },
  evenOddConsistency: { tidy: screening.tidyEvenOdd, glance: screening.glanceEvenOdd },
  psychometricSynonyms: { tidy: screening.tidySynonyms, glance: screening.glanceSynonyms },
  screenResponses: { tidy: screening.tidyScreenResponses, glance: screening.glanceScreenResponses },
  missingness: { tidy: screening.tidyMissingness, glance: screening.glanceMissingness },
  itemFrequencies: { tidy: screening.tidyItemFrequencies, glance: screening.glanceItemFrequencies },
};

/** The `kind` of every result `tidy` and `glance` take (every psychkit estimator's). */
export const TIDYABLE_KINDS: readonly TidyableKind[] = Object.freeze(Object.keys(ADAPTERS) as TidyableKind[]);

function tidyBootstrap(r: BootstrapResult): Row[] {
  return r.statistics.map((s, index) => flatten(s, { index }));
}

function glanceBootstrap(r: BootstrapResult): Row {
  return flatten(r.bootstrap, { n: r.n, nDropped: r.nDropped, statistics: r.statistics.length });
}

function adapterFor(result: unknown, fn: string): { adapter: Adapter; kind: string } {
  const kind = typeof result === 'object' && result !== null ? (result as { kind?: unknown }).kind : undefined;
  if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(ADAPTERS, kind)) {
    const got = kind === undefined ? (result === null ? 'null' : typeof result === 'object' ? 'an object without a `kind`' : typeof result) : `kind ${showValue(kind)}`;
    throw fail('INVALID_INPUT', `${fn} expects the result of a psychkit estimator (${TIDYABLE_KINDS.join(', ')}); got ${got}.`, { value: typeof kind === 'string' ? kind : typeof result });
  }
  // The tabular kinds have their shape checked field by field, naming the bad field.
  checkResultShape(kind, result, fn);
  return { adapter: ADAPTERS[kind as TidyableKind], kind };
}

/** Runs an adapter; a result edited into another shape fails as INVALID_INPUT, not a TypeError. */
function run<T>(fn: string, kind: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof PsychkitError) throw error;
    throw fail('INVALID_INPUT', `${fn}: this ${kind} result does not have the shape ${kind}() returns (${error instanceof Error ? error.message : String(error)}); pass a result as psychkit returned it.`, { value: kind });
  }
}

/**
 * A result as long-format rows: one flat, frozen object of numbers, strings and `null` per
 * estimate (R's `broom::tidy`), every row with the same keys. This is the shape Observable Plot
 * marks and `Inputs.table` take, so a figure needs no hand-written `flatMap`.
 *
 * What a row is, by result (docs/reports.md, "Tidy rows", lists every column):
 * - loadings (`efa`, `rotate`, `omega`): one row per column × factor — `column`, `factor` (`F1`…;
 *   `g` and `F1*`… for omega), `loading`, with the column's communality and uniqueness;
 * - coefficients (`ols`, `hierarchicalRegression`, `processModel`, `pathModel`): one row per term
 *   and equation (`type: 'coefficient'`), plus `type: 'equation'` rows (R², F) and, for PROCESS,
 *   one `type: 'effect'` row per effect, named by its section (`indirectEffects`,
 *   `conditionalEffects`…) with moderator values as `at.w`;
 * - `parallelAnalysis`: one row per component or factor (`type`, `number`) with the observed and
 *   simulated eigenvalues; `cfa`/`sem`: lavaan's parameter table; `correlations`: one row per pair;
 * - per-respondent results (`scoreScale`, `longstring`, `screenResponses`, …): one row per
 *   respondent with `row` (0-based).
 *
 * Cells: NaN and ±∞ become `null` (JSON has neither), true/false become 1/0, nested objects are
 * flattened with dotted keys (`at.w`, `rmsea.lower`), arrays of draws are left out.
 *
 * Errors: `INVALID_INPUT` for anything that is not a psychkit result, or a result edited out of
 * its shape (naming the field where it can).
 *
 * @example
 * ```ts
 * import { efa, tidy } from 'psychkit';
 * const table = { a: [1, 2, 3, 4, 5, 2, 4, 3], b: [2, 3, 3, 5, 4, 2, 4, 2], c: [1, 2, 4, 4, 5, 3, 3, 2], d: [2, 3, 4, 4, 5, 1, 5, 3] };
 * const rows = tidy(efa(table, { factors: 1 }));
 * // [{ column: 'a', factor: 'F1', loading: 0.984…, communality: 0.969…, uniqueness: 0.031…, complexity: 1 }, …]
 * // Plot.cell(rows, { x: 'factor', y: 'column', fill: 'loading' })
 * ```
 */
export function tidy(result: TidyableResult): readonly TidyRow[] {
  const { adapter, kind } = adapterFor(result, 'tidy');
  return run('tidy', kind, () => rowsOf((adapter.tidy as (r: unknown) => Row[])(result)));
}

/**
 * A result's model-level statistics as one flat, frozen row (R's `broom::glance`): the fit
 * measures of a CFA, the summary of a regression, α with its interval, the settings of a PROCESS
 * model with its bootstrap. Cells follow {@link tidy}'s rules. One row per result, so the glances
 * of several models stack into a comparison table (`[glance(a), glance(b)]`).
 *
 * Errors: as {@link tidy}.
 *
 * @example
 * ```ts
 * import { cronbachAlpha, glance } from 'psychkit';
 * const table = { a: [1, 2, 3, 4, 5, 2], b: [2, 3, 3, 5, 4, 2], c: [1, 2, 4, 4, 5, 3] };
 * const row = glance(cronbachAlpha(table));
 * // { alpha: 0.929…, standardizedAlpha: 0.930…, …, lower: 0.698…, upper: 0.989…, n: 6, k: 3, … }
 * ```
 */
export function glance(result: TidyableResult): TidyRow {
  const { adapter, kind } = adapterFor(result, 'glance');
  return run('glance', kind, () => rowOf((adapter.glance as (r: unknown) => Row)(result)));
}
