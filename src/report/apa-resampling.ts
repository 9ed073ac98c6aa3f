// APA table for bootstrap(): each statistic's estimate with its bootstrap SE and CI.
import type { BootstrapResult } from '../resampling/bootstrap.js';
import { count, percent, plural, withWarnings, type ApaContext } from './apa-common.js';
import type { ReportTable, TableCell } from './table.js';

/**
 * bootstrap → one row per value the statistic returns: the estimate on the full sample, the
 * bootstrap SE and CI; resamples, seed, interval and redrawn resamples in the note. Rows are
 * "Statistic 1", "Statistic 2", … unless `labels` names them by position: `{ 1: 'Mean difference' }`.
 */
export function bootstrapTable(r: BootstrapResult, c: ApaContext): ReportTable {
  const b = r.bootstrap;
  const level = percent(b.confidence);
  const rows = r.statistics.map((s, j): TableCell[] => [c.own(String(j + 1)) ?? `Statistic ${j + 1}`, s.estimate, s.se, c.ci(s.lower, s.upper)]);
  const note =
    `n = ${r.n}${r.nDropped > 0 ? ` (${plural(r.nDropped, 'row')} with missing values dropped)` : ''}. ` +
    `Case-resampling bootstrap: SE = standard deviation of the ${count(b.resamples)} resampled estimates; ${b.interval === 'percentile' ? 'percentile' : 'bias-corrected'} ${level}% CI (seed ${String(b.seed)}` +
    `${b.replaced > 0 ? `; ${plural(b.replaced, 'resample')} with a non-finite statistic redrawn` : ''}).`;
  return {
    title: c.title ?? `Bootstrap estimates (${count(b.resamples)} resamples)`,
    columns: [{ label: 'Statistic' }, { label: 'Estimate', format: c.number }, { label: 'SE', format: c.number }, { label: `${level}% CI`, align: 'right' }],
    rows,
    note: withWarnings(note, r.warnings),
  };
}
