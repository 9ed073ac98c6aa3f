// tidy/glance for regression and correlations: one row per coefficient (broom's tidy.lm).
import type { CorrelationsResult } from '../../regression/correlations.js';
import type { Coefficient, ModelSummary } from '../../regression/fit.js';
import type { HierarchicalResult } from '../../regression/hierarchical.js';
import type { OlsResult } from '../../regression/ols.js';
import { cell, flatten, type Row } from './rows.js';

export function coefficientRows(coefficients: readonly Coefficient[], extra: Row = {}): Row[] {
  return coefficients.map((c) => flatten(c, { ...extra }));
}

export function tidyOls(r: OlsResult): Row[] {
  return coefficientRows(r.coefficients);
}

export function glanceOls(r: OlsResult): Row {
  return flatten(r.summary as ModelSummary, { outcome: r.outcome, n: r.n, nDropped: r.nDropped, hc: r.hc, confidence: r.confidence });
}

/** One row per step (`type: 'step'`, the R² change test), then one per coefficient of each step. */
export function tidyHierarchical(r: HierarchicalResult): Row[] {
  const out: Row[] = [];
  r.steps.forEach((s, i) => {
    out.push({ type: 'step', step: i + 1, term: s.added.join(', '), rSquared: s.rSquared, adjustedRSquared: s.adjustedRSquared, rSquaredChange: s.rSquaredChange, statistic: s.statistic, df1: s.df1, df2: s.df2, p: s.p });
  });
  r.steps.forEach((s, i) => out.push(...coefficientRows(s.coefficients, { type: 'coefficient', step: i + 1 })));
  return out;
}

export function glanceHierarchical(r: HierarchicalResult): Row {
  const last = r.steps[r.steps.length - 1];
  const row: Row = { outcome: r.outcome, n: r.n, nDropped: r.nDropped, steps: r.steps.length, confidence: r.confidence };
  return last === undefined ? row : flatten(last.summary, row);
}

/** The lower triangle: one row per pair of columns. */
export function tidyCorrelations(r: CorrelationsResult): Row[] {
  const out: Row[] = [];
  const k = r.columns.length;
  for (let i = 1; i < k; i++) {
    for (let j = 0; j < i; j++) {
      out.push({
        column1: r.columns[j] ?? null,
        column2: r.columns[i] ?? null,
        r: cell(r.r[i]?.[j]) ?? null,
        n: cell(r.counts[i]?.[j]) ?? null,
        p: cell(r.p[i]?.[j]) ?? null,
        lower: cell(r.lower[i]?.[j]) ?? null,
        upper: cell(r.upper[i]?.[j]) ?? null,
      });
    }
  }
  return out;
}

export function glanceCorrelations(r: CorrelationsResult): Row {
  return { n: r.n, k: r.columns.length, missing: r.missing, confidence: r.confidence };
}
