// APA tables for the regression results: correlations, ols, hierarchicalRegression.
import type { Coefficient } from '../regression/fit.js';
import type { CorrelationsResult } from '../regression/correlations.js';
import type { HierarchicalResult } from '../regression/hierarchical.js';
import type { OlsResult } from '../regression/ols.js';
import { fTest, lowerTriangle, pairwiseN, percent, plural, withWarnings, type ApaContext } from './apa-common.js';
import type { ReportTable, TableCell, TableColumn, TableSection } from './table.js';

/** `*` p < .05, `**` p < .01, `***` p < .001. */
export function stars(p: number): string {
  return p < 0.001 ? '***' : p < 0.01 ? '**' : p < 0.05 ? '*' : '';
}

/** correlations → the lower triangle with significance stars, variables numbered as APA does. */
export function correlationsTable(r: CorrelationsResult, c: ApaContext): ReportTable {
  const p = r.columns.length;
  const rows = r.columns.map((name, i): TableCell[] => [
    `${i + 1}. ${c.label(name)}`,
    ...lowerTriangle(i, p, (j) => `${c.bnd(r.r[i]![j]!)}${stars(r.p[i]![j]!)}`),
  ]);
  const n = pairwiseN(r.counts);
  return {
    title: c.title ?? 'Correlations',
    columns: [{ label: 'Variable' }, ...Array.from({ length: p }, (_, j): TableColumn => ({ label: String(j + 1), align: 'right' }))],
    rows,
    note: `${n}${r.missing === 'listwise' ? ' (complete cases)' : ''}. Pearson correlations. *p < .05. **p < .01. ***p < .001 (two-tailed).`,
  };
}

function coefficientColumns(c: ApaContext, confidence: number, first = 'Predictor'): TableColumn[] {
  return [
    { label: first },
    { label: 'b', format: c.number },
    { label: 'SE', format: c.number },
    { label: 't', format: c.number },
    { label: 'p', format: 'p' },
    { label: `${percent(confidence)}% CI`, align: 'right' },
  ];
}

export function coefficientRow(x: Coefficient, c: ApaContext): TableCell[] {
  return [c.label(x.term), x.estimate, x.se, x.statistic, x.p, c.ci(x.lower, x.upper)];
}

function hcNote(hc: string): string {
  return hc === 'none' ? '' : ` Standard errors ${hc} (heteroskedasticity-consistent); F is the Wald F from the ${hc} covariance matrix.`;
}

/** ols → b, SE, t, p and CI per coefficient; R², adjusted R² and F in the note. */
export function olsTable(r: OlsResult, c: ApaContext): ReportTable {
  const s = r.summary;
  const note =
    `n = ${r.n}${r.nDropped > 0 ? ` (${plural(r.nDropped, 'row')} with missing values dropped)` : ''}. ` +
    `R² = ${c.bnd(s.rSquared)}, adjusted R² = ${c.bnd(s.adjustedRSquared)}, ${fTest(c, s.statistic, s.df1, s.df2, s.p)}. ` +
    `b = unstandardized coefficient; CI = confidence interval for b.${hcNote(r.hc)}`;
  return {
    title: c.title ?? `Linear regression predicting ${c.label(r.outcome)}`,
    columns: coefficientColumns(c, r.confidence),
    rows: r.coefficients.map((x) => coefficientRow(x, c)),
    note: withWarnings(note, r.warnings),
  };
}

/** hierarchicalRegression → one block per step: R², ΔR² and the F test of the change, then its coefficients. */
export function hierarchicalTable(r: HierarchicalResult, c: ApaContext): ReportTable {
  const rows: (TableCell[] | TableSection)[] = [];
  r.steps.forEach((s, i) => {
    rows.push({
      section: `Step ${i + 1}: R² = ${c.bnd(s.rSquared)}, adjusted R² = ${c.bnd(s.adjustedRSquared)}, ΔR² = ${c.bnd(s.rSquaredChange)}, ${fTest(c, s.statistic, s.df1, s.df2, s.p, 'ΔF')}`,
    });
    for (const x of s.coefficients) rows.push(coefficientRow(x, c));
  });
  const note =
    `n = ${r.n} complete cases, the same for every step${r.nDropped > 0 ? ` (${plural(r.nDropped, 'row')} with missing values dropped)` : ''}. ` +
    'Each step adds its predictors to the previous model; ΔF tests the change in R² (step 1 against the intercept-only model). b = unstandardized coefficient.';
  return {
    title: c.title ?? `Hierarchical regression predicting ${c.label(r.outcome)}`,
    columns: coefficientColumns(c, r.confidence),
    rows,
    note: withWarnings(note, r.warnings),
  };
}

export { coefficientColumns, hcNote };
