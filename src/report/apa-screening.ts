// APA tables of the screening results: item response distributions and missing values.
import type { ItemFrequenciesResult } from '../screening/item-frequencies.js';
import type { MissingnessResult } from '../screening/missingness.js';
import { withWarnings, type ApaContext } from './apa-common.js';
import type { ReportTable, TableCell } from './table.js';

const PERCENT = { decimals: 1, leadingZero: true } as const;

/** itemFrequencies → one row per item: n, % missing, % choosing each option, floor and ceiling %. */
export function itemFrequenciesTable(r: ItemFrequenciesResult, c: ApaContext): ReportTable {
  const rows: TableCell[][] = r.items.map((item) => [c.label(item.column), item.n, item.percentMissing, ...item.options.map((o) => o.percent), item.floor, item.ceiling]);
  const unused = r.items.filter((item) => item.unused.length > 0).map((item) => `${c.label(item.column)} (${item.unused.join(', ')})`);
  const note =
    `N = ${r.n}. Percentages of each item's answered responses; % missing of all ${r.n} rows. Floor and ceiling: % at the lowest and highest option ` +
    `(${r.valuesFrom === 'response' ? 'of the declared response range' : 'answered to any item'}; more than 15% at either end suggests a floor or ceiling effect, Terwee et al., 2007). ` +
    (unused.length > 0 ? `Options never chosen: ${unused.join('; ')}.` : 'Every option was chosen for every item.');
  return {
    title: c.title ?? 'Item response distributions',
    columns: [
      { label: 'Item' },
      { label: 'n', format: 'integer' },
      { label: '% missing', format: PERCENT },
      ...r.values.map((v) => ({ label: `% ${v}`, format: PERCENT })),
      { label: 'Floor %', format: PERCENT },
      { label: 'Ceiling %', format: PERCENT },
    ],
    rows,
    note: withWarnings(note, r.warnings),
  };
}

/** missingness → missing values per column, with Little's MCAR test and the pattern count in the note. */
export function missingnessTable(r: MissingnessResult, c: ApaContext): ReportTable {
  const rows: TableCell[][] = r.byColumn.map((x) => [c.label(x.column), x.nMissing, x.percent]);
  rows.push(['All values', r.nMissing, r.percent]);
  const test =
    r.mcar === null
      ? "Little's (1988) MCAR test is undefined for these data (see the warnings)."
      : `Little's (1988) MCAR test: χ²(${r.mcar.df}) = ${c.num(r.mcar.statistic)}, ${c.p(r.mcar.p)} (ML means and covariance by EM, n = ${r.mcar.n}${r.mcar.nDropped > 0 ? `, ${r.mcar.nDropped} empty rows left out` : ''}); a small p is evidence against missing completely at random.`;
  const note = `N = ${r.n} rows; ${r.nComplete} complete; ${r.patterns.length} missing-data ${r.patterns.length === 1 ? 'pattern' : 'patterns'}. ${test}`;
  return {
    title: c.title ?? 'Missing values',
    columns: [{ label: 'Variable' }, { label: 'Missing (n)', format: 'integer' }, { label: 'Missing (%)', format: PERCENT }],
    rows,
    note: withWarnings(note, r.warnings),
  };
}
