// tidy/glance for the factor-analysis results: loadings long (one row per column × factor).
import type { BartlettResult } from '../../factor/bartlett.js';
import type { CorrelationMatrixResult } from '../../factor/correlation.js';
import type { EfaResult } from '../../factor/efa.js';
import type { KmoResult } from '../../factor/kmo.js';
import type { OmegaResult } from '../../factor/omega.js';
import type { VelicerMapResult } from '../../factor/retention/map.js';
import type { ParallelAnalysisResult } from '../../factor/retention/parallel.js';
import type { RotationResult } from '../../factor/rotation/rotate.js';
import { cell, defaultNames, flag, flatten, type Row } from './rows.js';

/** Loadings as `{ column, factor, loading[, structure], communality, uniqueness, complexity }` rows. */
function loadingRows(
  loadings: readonly (readonly number[])[],
  columns: readonly string[],
  factors: readonly string[],
  perColumn: Readonly<Record<string, readonly number[] | undefined>>,
  structure: readonly (readonly number[])[] | null,
): Row[] {
  const out: Row[] = [];
  loadings.forEach((values, i) => {
    values.forEach((v, j) => {
      const row: Row = { column: columns[i] ?? `V${i + 1}`, factor: factors[j] ?? `F${j + 1}`, loading: cell(v) ?? null };
      if (structure !== null) row.structure = cell(structure[i]?.[j]) ?? null;
      for (const [name, list] of Object.entries(perColumn)) if (list !== undefined) row[name] = cell(list[i]) ?? null;
      out.push(row);
    });
  });
  return out;
}

export function tidyEfa(r: EfaResult): Row[] {
  return loadingRows(r.loadings, r.columns, defaultNames(r.factors, 'F'), { communality: r.communalities, uniqueness: r.uniquenesses, complexity: r.complexity }, r.orthogonal ? null : r.structure);
}

export function glanceEfa(r: EfaResult): Row {
  const row: Row = { factors: r.factors, extraction: r.extraction, rotation: r.rotation, n: r.n, rmsr: r.rmsr, df: r.df, objective: r.objective };
  if (r.fit !== null) flatten(r.fit, row);
  row.iterations = r.iterations;
  row.rotationIterations = r.rotationIterations;
  row.converged = flag(r.converged);
  return row;
}

export function tidyRotation(r: RotationResult): Row[] {
  const k = r.loadings.length;
  return loadingRows(r.loadings, defaultNames(k), defaultNames(r.loadings[0]?.length ?? 0, 'F'), {}, r.orthogonal ? null : r.structure);
}

export function glanceRotation(r: RotationResult): Row {
  return { rotation: r.rotation, orthogonal: flag(r.orthogonal), normalize: flag(r.normalize), criterion: r.criterion, iterations: r.iterations, converged: flag(r.converged), factors: r.loadings[0]?.length ?? 0 };
}

export function tidyOmega(r: OmegaResult): Row[] {
  // g first, then the group factors, named as the result's groups (`F1*`…).
  const groupNames = r.groups.slice(1).map((g) => g.factor);
  const matrix = r.generalLoadings.map((g, i) => [g, ...(r.groupLoadings[i] ?? [])]);
  return loadingRows(matrix, r.columns, ['g', ...groupNames], { communality: r.communalities, uniqueness: r.uniquenesses, generalProportion: r.generalProportion }, null);
}

export function glanceOmega(r: OmegaResult): Row {
  return {
    omegaHierarchical: r.omegaHierarchical,
    omegaTotal: r.omegaTotal,
    omegaLimit: r.omegaLimit,
    alpha: r.alpha,
    lambda6: r.lambda6,
    explainedCommonVariance: r.explainedCommonVariance,
    factors: r.factors,
    extraction: r.extraction,
    rotation: r.rotation,
    n: r.n,
  };
}

export function tidyKmo(r: KmoResult): Row[] {
  return r.perItem.map((msa, i) => ({ column: r.columns[i] ?? `V${i + 1}`, msa }));
}

export function glanceKmo(r: KmoResult): Row {
  return { overall: r.overall, adequacy: r.adequacy, n: r.n, k: r.columns.length };
}

export function tidyBartlett(r: BartlettResult): Row[] {
  return [{ statistic: r.statistic, df: r.df, p: r.p }];
}

export function glanceBartlett(r: BartlettResult): Row {
  return { statistic: r.statistic, df: r.df, p: r.p, determinant: r.determinant, n: r.n, k: r.columns.length };
}

export function tidyParallel(r: ParallelAnalysisResult): Row[] {
  const out: Row[] = [];
  for (const type of ['components', 'factors'] as const) {
    r.observed[type].forEach((observed, i) => {
      const row: Row = { type, number: i + 1, observed, simulatedMean: r.simulated[type].mean[i] ?? null, simulatedQuantile: r.simulated[type].quantile[i] ?? null };
      if (r.resampled !== null) {
        row.resampledMean = r.resampled[type].mean[i] ?? null;
        row.resampledQuantile = r.resampled[type].quantile[i] ?? null;
      }
      out.push(row);
    });
  }
  return out;
}

export function glanceParallel(r: ParallelAnalysisResult): Row {
  return { suggestedFactors: r.suggestedFactors, suggestedComponents: r.suggestedComponents, resamples: r.resamples, quantile: r.quantile, extraction: r.extraction, n: r.n, seed: r.seed };
}

export function tidyVelicerMap(r: VelicerMapResult): Row[] {
  return r.averageSquaredPartial.map((map, m) => ({ components: m, averageSquaredPartial: map, averageFourthPowerPartial: r.averageFourthPowerPartial[m] ?? null }));
}

export function glanceVelicerMap(r: VelicerMapResult): Row {
  return { components: r.components, componentsFourthPower: r.componentsFourthPower, n: r.n, k: r.columns.length };
}

export function tidyCorrelationMatrix(r: CorrelationMatrixResult): Row[] {
  const out: Row[] = [];
  const k = r.columns.length;
  for (let i = 1; i < k; i++) {
    for (let j = 0; j < i; j++) out.push({ column1: r.columns[j] ?? null, column2: r.columns[i] ?? null, r: cell(r.matrix[i]?.[j]) ?? null, n: cell(r.counts?.[i]?.[j]) ?? null });
  }
  return out;
}

export function glanceCorrelationMatrix(r: CorrelationMatrixResult): Row {
  return { method: r.method, missing: r.missing, n: r.n, k: r.columns.length, smoothed: flag(r.smoothed) };
}
