// APA tables of the reliability family beyond alpha: ICCs and split-half reliability.
import type { IccResult } from '../reliability/icc.js';
import type { SplitHalfResult } from '../reliability/split-half.js';
import { count, percent, withWarnings, type ApaContext } from './apa-common.js';
import type { ReportTable, TableCell } from './table.js';

/** icc → the six Shrout–Fleiss forms: estimate, CI, F(df1, df2), p. */
export function iccTable(r: IccResult, c: ApaContext): ReportTable {
  const level = percent(r.confidence);
  const rows: TableCell[][] = r.coefficients.map((x) => [x.type, `${x.model}, ${x.definition}, ${x.unit}`, x.estimate, c.ci(x.lower, x.upper, true), x.statistic, `${x.df1}, ${x.df2}`, x.p]);
  const dropped = r.nDropped > 0 ? ` ${r.nDropped} incomplete ${r.nDropped === 1 ? 'row' : 'rows'} left out.` : '';
  const note =
    `n = ${r.n} subjects rated by k = ${r.k} raters (${r.columns.map((v) => c.label(v)).join(', ')}).${dropped} ` +
    `Forms of Shrout and Fleiss (1979), named as McGraw and Wong (1996): ICC1 one-way random; ICC2 two-way random, absolute agreement; ICC3 two-way mixed, consistency; ` +
    `the k forms are the reliability of the mean of the k raters. F tests H0: ICC = 0; ${level}% CIs from the F distribution, as psych::ICC.`;
  return {
    title: c.title ?? 'Intraclass correlations',
    columns: [
      { label: 'Form' },
      { label: 'Model' },
      { label: 'ICC', format: c.bounded },
      { label: `${level}% CI` },
      { label: 'F', format: c.number },
      { label: 'df' },
      { label: 'p', format: 'p' },
    ],
    rows,
    note: withWarnings(note, r.warnings),
  };
}

/** splitHalf → the split-half coefficients beside α, λ2 and λ6, with the best and worst splits in the note. */
export function splitHalfTable(r: SplitHalfResult, c: ApaContext): ReportTable {
  const level = percent(r.confidence);
  const names = (xs: readonly string[]) => xs.map((v) => c.label(v)).join(', ');
  const how = r.exhaustive ? `all ${count(r.splits)} splits` : `${count(r.splits)} random splits (seed ${String(r.seed)})`;
  const note =
    `k = ${r.k} items; n = ${r.n} (${r.missing === 'pairwise' ? 'pairwise' : 'complete cases'}; ${r.basis === 'correlation' ? 'correlations' : 'covariances'}), ${how}, as psych::splitHalf. ` +
    `Split-half reliability = Spearman–Brown-corrected correlation of the two half scores; maximum = Guttman's λ4, minimum = Revelle's β. ` +
    `Best split: {${names(r.best.a)}} vs {${names(r.best.b)}}; worst: {${names(r.worst.a)}} vs {${names(r.worst.b)}}.` +
    (r.reversed.length > 0 ? ` Reversed: ${names(r.reversed)}.` : '');
  return {
    title: c.title ?? `Split-half reliability: maximum (λ4) = ${c.bnd(r.maximum)}, average = ${c.bnd(r.average)}`,
    columns: [{ label: 'Coefficient' }, { label: 'Value', format: c.bounded }],
    rows: [
      ['Maximum split half (λ4)', r.maximum],
      ['Average split half', r.average],
      ['Minimum split half (β)', r.minimum],
      [`Split halves, ${level}% range`, `${c.bnd(r.lower)} – ${c.bnd(r.upper)}`],
      ['α', r.alpha],
      ['Guttman λ2', r.lambda2],
      ['Guttman λ6', r.lambda6],
      ['Mean inter-item r', r.averageR],
    ],
    note: withWarnings(note, r.warnings),
  };
}
