// The APA table of a cfa/sem result: loadings, structural paths, defined parameters and
// covariances, each with B, SE, β (std.all) and p; the fit in the note.
import type { SemParameter, SemResult } from '../sem/fit.js';
import type { Rmsea } from '../sem/fit-measures.js';
import { formatNumber } from './format.js';
import { count, percent, withWarnings, type ApaContext } from './apa-common.js';
import { estimatorPhrase, groupCounts, groupsBy, isResidual, semBootstrap, semDefinedRows, semGroupLabels, semGroupView, semRoles, semSections, type SemRoles, type SemSections } from './sem-view.js';
import type { ReportTable, TableCell, TableSection } from './table.js';

type Row = TableCell[] | TableSection;

const NO_ROWS: SemSections = { loadings: [], regressions: [], covariances: [], intercepts: [], thresholds: [], variances: [], scales: [], defined: [] };

function rmseaText(c: ApaContext, name: string, r: Rmsea): string {
  return `${name} = ${c.bnd(r.estimate)}, ${percent(r.confidence)}% CI ${c.ci(r.lower, r.upper, true)}`;
}

function chiSquareText(c: ApaContext, name: string, chi: number, df: number, p: number | null): string {
  return `${name}(${formatNumber(df, { decimals: 0 })}) = ${c.num(chi)}${p === null ? '' : `, ${c.p(p)}`}`;
}

/**
 * The fit sentence of the note: ML's χ², CFI, TLI, RMSEA and SRMR; under MLR the scaled test and
 * the robust indices; under WLSMV the mean-and-variance adjusted test, the scaled CFI and TLI and
 * Savalei's (2021) robust RMSEA (the scaled one when the result has no robust RMSEA).
 */
export function semFitText(r: SemResult, c: ApaContext): string {
  const f = r.fit;
  const srmr = `SRMR = ${c.bnd(f.srmr)}`;
  if (r.estimator === 'WLSMV' && f.scaled !== null) {
    const s = f.scaled;
    const shift = s.shift === null || s.shift === undefined ? '' : `, shift = ${c.num(s.shift)}`;
    const rmsea = f.robust !== null ? `${rmseaText(c, 'robust RMSEA', f.robust.rmsea)} (Savalei, 2021)` : rmseaText(c, 'scaled RMSEA', s.rmsea);
    return (
      `Mean-and-variance adjusted ${chiSquareText(c, 'χ²', s.chiSquare, s.df, s.p)} (scaling factor = ${c.num(s.scalingFactor)}${shift}; unadjusted ${chiSquareText(c, 'χ²', f.chiSquare, f.df, f.p)}); ` +
      `scaled CFI = ${c.bnd(s.cfi)}; scaled TLI = ${c.bnd(s.tli)}; ${rmsea}; ${srmr}.`
    );
  }
  if (f.scaled !== null && f.robust !== null) {
    const s = f.scaled;
    return (
      `Yuan–Bentler scaled ${chiSquareText(c, 'χ²', s.chiSquare, s.df, s.p)} (scaling factor = ${c.num(s.scalingFactor)}; unscaled ${chiSquareText(c, 'χ²', f.chiSquare, f.df, f.p)}); ` +
      `robust CFI = ${c.bnd(f.robust.cfi)}; robust TLI = ${c.bnd(f.robust.tli)}; ${rmseaText(c, 'robust RMSEA', f.robust.rmsea)}; ${srmr}.`
    );
  }
  return `${chiSquareText(c, 'χ²', f.chiSquare, f.df, f.p)}; CFI = ${c.bnd(f.cfi)}; TLI = ${c.bnd(f.tli)}; ${rmseaText(c, 'RMSEA', f.rmsea)}; ${srmr}.`;
}

/**
 * cfa/sem → one row per loading (factor, indicator, B, SE, β = std.all, p), then the structural
 * paths, the defined parameters and the covariances of the factors (β: their correlations) and
 * of the residuals; the fit, the estimator, the missing-data rule and n in the note. A
 * multiple-group result gives these blocks once per group, each section titled with the group's
 * label ("Pasteur: Measurement model (factor loadings)"), the defined parameters after the last
 * group, and the grouping variable with each group's n in the note. A WLSMV result (ordered
 * indicators) has the same rows — its thresholds, fixed residual variances, scale factors and
 * intercepts are left out, with the number of thresholds in the note — and the adjusted test, the
 * scaled CFI and TLI and the robust RMSEA as its fit.
 */
export function semTable(r: SemResult, c: ApaContext): ReportTable {
  const roles = semRoles(r);
  const labels = semGroupLabels(r);
  const rows: Row[] = [];
  // A multiple-group result: one block of sections per group, each title prefixed with the
  // group's label; the defined parameters, which belong to no group, after the last group.
  const blocks: SemSections[] =
    labels === null
      ? [semSections(r, roles)]
      : [...labels.map((label) => ({ ...semSections(semGroupView(r, label), roles), defined: [] })), { ...NO_ROWS, defined: semDefinedRows(r) }];
  blocks.forEach((b, i) => parameterRows(b, roles, c, labels !== null && i < labels.length ? `${labels[i]!}: ` : '', rows));
  const structural = blocks.some((b) => b.regressions.length > 0 || b.defined.length > 0);
  const markers = blocks.some((b) => b.loadings.some((q) => !q.free && q.se === null));
  const boot = semBootstrap(r);
  // Thresholds of ordered indicators are left out of the table (formatCfa prints them): a count in the note.
  const thresholds = blocks.reduce((n, b) => n + b.thresholds.length, 0);
  const note = [
    `n = ${r.n}. ${estimatorPhrase(r)}.`,
    ...(labels === null ? [] : [`${groupsBy(r.group, c.label)}: ${groupCounts(r)}; the same model in every group, fitted jointly (fit statistics are for all groups together).`]),
    semFitText(r, c),
    'B = unstandardized estimate; β = completely standardized estimate (latent and observed variables with variance 1: lavaan’s std.all).',
    ...(markers ? ['Loadings fixed to scale their factor (markers) have no SE or p.'] : []),
    ...(thresholds > 0 ? [`Thresholds of the ordered indicators (${count(thresholds)}) are not shown.`] : []),
    ...(boot !== null ? [`SEs and p-values from ${count(boot.resamples)} bootstrap resamples (seed ${String(boot.seed)}).`] : []),
  ].join(' ');
  const cfa = r.kind === 'cfa';
  return {
    title: c.title ?? (cfa ? 'Confirmatory factor analysis: standardized and unstandardized loadings' : 'Structural equation model: standardized and unstandardized estimates'),
    columns: [
      { label: structural ? 'Factor / outcome' : 'Factor' },
      { label: structural ? 'Indicator / predictor' : 'Indicator' },
      { label: 'B', format: c.number },
      { label: 'SE', format: c.number },
      { label: 'β', format: c.bounded },
      { label: 'p', format: 'p' },
    ],
    rows,
    note: withWarnings(note + c.dimNote('Standardized loadings'), r.warnings),
  };
}

/** The rows of the loadings, paths, defined parameters and covariances, each block under a section row whose title starts with `prefix`. */
function parameterRows(s: SemSections, roles: SemRoles, c: ApaContext, prefix: string, rows: Row[]): void {
  const named = (v: string, label: string) => (label === '' ? c.label(v) : `${c.label(v)} (${label})`);
  const cells = (first: string, second: string, q: SemParameter, loading = false): TableCell[] => [
    first,
    second,
    q.estimate,
    q.se,
    loading && q.stdAll !== null ? c.loading(q.stdAll) : q.stdAll,
    q.p,
  ];
  if (s.loadings.length > 0) {
    rows.push({ section: `${prefix}Measurement model (factor loadings)` });
    for (const q of s.loadings) rows.push(cells(c.label(q.lhs), named(q.rhs, q.label), q, true));
  }
  if (s.regressions.length > 0) {
    rows.push({ section: `${prefix}Structural paths (outcome regressed on predictor)` });
    for (const q of s.regressions) rows.push(cells(c.label(q.lhs), named(q.rhs, q.label), q));
  }
  if (s.defined.length > 0) {
    rows.push({ section: `${prefix}Defined parameters (name := expression)` });
    for (const q of s.defined) rows.push(cells(q.lhs, q.rhs, q));
  }
  const residual = (q: SemParameter) => isResidual(q.lhs, roles) || isResidual(q.rhs, roles);
  const factorCovariances = s.covariances.filter((q) => !residual(q));
  const residualCovariances = s.covariances.filter(residual);
  if (factorCovariances.length > 0) {
    rows.push({ section: `${prefix}Factor covariances (β = correlation)` });
    for (const q of factorCovariances) rows.push(cells(c.label(q.lhs), named(q.rhs, q.label), q));
  }
  if (residualCovariances.length > 0) {
    rows.push({ section: `${prefix}Residual covariances (β = correlation of the residuals)` });
    for (const q of residualCovariances) rows.push(cells(c.label(q.lhs), named(q.rhs, q.label), q));
  }
}
