// APA tables for the distribution results: describe, compareTransforms, normalityTests.
import type { DescriptivesResult } from '../distribution/describe.js';
import type { MomentType } from '../distribution/moments.js';
import type { NormalityTestsResult, TestStatistic } from '../distribution/normality.js';
import type { CompareTransformsResult, TransformCandidate } from '../distribution/transforms/compare.js';
import { withWarnings, type ApaContext } from './apa-common.js';
import type { ReportTable, TableCell } from './table.js';

const MOMENTS: Record<MomentType, string> = {
  1: 'type 1 (g₁, g₂: moment estimators)',
  2: 'type 2 (G₁, G₂: SAS and SPSS)',
  3: 'type 3 (b₁, b₂: psych and MINITAB)',
};

/** describe → n, M, SD, Mdn, min, max, skewness and kurtosis with SPSS standard errors. */
export function describeTable(r: DescriptivesResult, c: ApaContext): ReportTable {
  const missing = r.rows.some((v) => v.nMissing > 0);
  return {
    title: c.title ?? 'Descriptive statistics',
    columns: [
      { label: 'Variable' },
      { label: 'n', format: 'integer' },
      ...(missing ? [{ label: 'Missing', format: 'integer' as const }] : []),
      { label: 'M', format: c.number },
      { label: 'SD', format: c.number },
      { label: 'Mdn', format: c.number },
      { label: 'Min', format: c.number },
      { label: 'Max', format: c.number },
      { label: 'Skewness', format: c.number },
      { label: 'SE', format: c.number },
      { label: 'Kurtosis', format: c.number },
      { label: 'SE', format: c.number },
    ],
    rows: r.rows.map((v) => [
      c.label(v.column),
      v.n,
      ...(missing ? [v.nMissing] : []),
      v.mean,
      v.sd,
      v.median,
      v.min,
      v.max,
      v.skewness,
      v.seSkewness,
      v.kurtosis,
      v.seKurtosis,
    ]),
    note: withWarnings(`Skewness and excess kurtosis are ${MOMENTS[r.type]}; SE = standard errors as SPSS computes them.`, r.warnings),
  };
}

const METHOD: Record<string, string> = {
  none: 'None (original scores)',
  sqrt: 'Square root',
  log: 'Natural log',
  log10: 'Log₁₀',
  inverse: 'Inverse (1/x)',
  'reflect-sqrt': 'Reflected square root',
  'reflect-log': 'Reflected log',
  'reflect-inverse': 'Reflected inverse',
  boxcox: 'Box-Cox',
  yeojohnson: 'Yeo-Johnson',
  'rank-normal': 'Rank-based normal (Blom)',
};

function parameters(t: TransformCandidate, c: ApaContext): string {
  if (!t.applicable) return 'not applicable';
  const p = t.parameters;
  if (p === null) return '';
  const parts: string[] = [];
  if (p.lambda !== null) parts.push(`λ = ${c.num(p.lambda)}`);
  if (p.reflection !== null) parts.push(`K = ${c.num(p.reflection)}`);
  if (p.shift !== null && p.shift !== 0) parts.push(`shift = ${c.num(p.shift)}`);
  return parts.join(', ');
}

/** compareTransforms → skewness, kurtosis and Shapiro–Wilk W for the variable and each transform. */
export function compareTransformsTable(r: CompareTransformsResult, c: ApaContext): ReportTable {
  const reverses = r.candidates.some((t) => t.reversesOrder);
  const skipped = r.candidates.filter((t) => !t.applicable);
  const note =
    `n = ${r.n}${r.nMissing > 0 ? ` (${r.nMissing} missing)` : ''}. Skewness and excess kurtosis ${MOMENTS[r.type]}; W = Shapiro–Wilk.` +
    (reverses ? ' † The transform reverses the order of the scores (high transformed values are low original ones): reverse the sign of its associations when interpreting them.' : '') +
    (skipped.length > 0 ? ` Not applicable: ${skipped.map((t) => `${METHOD[t.method] ?? t.method} (${t.reason ?? 'not applicable'})`).join('; ')}` : '');
  return {
    title: c.title ?? 'Transformations compared',
    columns: [
      { label: 'Transformation' },
      { label: 'Parameters' },
      { label: 'Skewness', format: c.number },
      { label: 'Kurtosis', format: c.number },
      { label: 'W', format: c.bounded },
      { label: 'p', format: 'p' },
    ],
    rows: r.candidates.map((t): TableCell[] => [
      `${METHOD[t.method] ?? t.method}${t.reversesOrder ? ' †' : ''}`,
      parameters(t, c),
      t.skewness,
      t.kurtosis,
      t.shapiroWilk?.statistic ?? null,
      t.shapiroWilk?.p ?? null,
    ]),
    note,
  };
}

/** normalityTests → D'Agostino skewness z, Anscombe–Glynn kurtosis z, K², Shapiro–Wilk W. */
export function normalityTable(r: NormalityTestsResult, c: ApaContext): ReportTable {
  const row = (test: string, symbol: string, t: TestStatistic | null, bounded = false, df: number | null = null): TableCell[] => [
    test,
    symbol,
    t === null ? null : bounded ? c.bnd(t.statistic) : c.num(t.statistic),
    df === null ? '' : df,
    t === null ? null : t.p,
  ];
  return {
    title: c.title ?? 'Tests of normality',
    columns: [{ label: 'Test' }, { label: 'Statistic' }, { label: 'Value', align: 'right' }, { label: 'df', format: 'integer' }, { label: 'p', format: 'p' }],
    rows: [
      row("D'Agostino skewness", 'z', r.dagostinoSkewness),
      row('Anscombe–Glynn kurtosis', 'z', r.anscombeGlynnKurtosis),
      row("D'Agostino–Pearson omnibus", 'K²', r.dagostinoPearson, false, r.dagostinoPearson?.df ?? null),
      row('Shapiro–Wilk', 'W', r.shapiroWilk, true),
    ],
    note: withWarnings(`n = ${r.n}${r.nMissing > 0 ? ` (${r.nMissing} missing)` : ''}. Two-sided p-values; K² is referred to χ² with 2 df.`, r.warnings),
  };
}
