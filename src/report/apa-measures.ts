// APA tables for the measurement results: cronbachAlpha (item analysis) and efa (loadings).
import type { EfaResult } from '../factor/efa.js';
import type { CronbachAlphaResult } from '../reliability/alpha.js';
import { blank, count, EXTRACTION_NAMES as EXTRACTION, percent, phiRows, withWarnings, type ApaContext } from './apa-common.js';
import type { ReportTable, TableCell, TableSection } from './table.js';

const CI_METHOD: Record<string, string> = {
  feldt: 'Feldt (1965) F-based',
  duhachek: 'Duhachek and Iacobucci (2004) normal-theory',
  bootstrap: 'percentile bootstrap',
};

/** cronbachAlpha → item analysis: n, M, SD, item–rest r and α if the item is deleted, per item. */
export function alphaTable(r: CronbachAlphaResult<number | null>, c: ApaContext): ReportTable {
  const level = percent(r.confidence);
  const anyReversed = r.items.some((i) => i.reversed);
  const bootstrap = r.bootstrap !== null ? ` (${count(r.bootstrap.resamples)} resamples, seed ${String(r.bootstrap.seed)})` : '';
  const note =
    `k = ${r.k} items; n = ${r.n} (${r.missing === 'pairwise' ? 'pairwise covariances, as psych::alpha' : 'complete cases only'}). ` +
    `Standardized α = ${c.bnd(r.standardizedAlpha)}; Guttman's λ6 = ${c.bnd(r.lambda6)}; mean inter-item r = ${c.bnd(r.averageR)}. ` +
    `${level}% CI: ${CI_METHOD[r.interval] ?? r.interval}${bootstrap}. Item–rest r = correlation of the item with the sum of the other items.` +
    (anyReversed ? ' (R) = reverse-keyed item.' : '');
  return {
    title: c.title ?? `Item analysis: Cronbach's α = ${c.bnd(r.alpha)}, ${level}% CI ${c.ci(r.lower, r.upper, true)}`,
    columns: [
      { label: 'Item' },
      { label: 'n', format: 'integer' },
      { label: 'M', format: c.number },
      { label: 'SD', format: c.number },
      { label: 'Item–rest r', format: c.bounded },
      { label: 'α if item deleted', format: c.bounded },
    ],
    rows: r.items.map((i) => [`${c.label(i.column)}${i.reversed ? ' (R)' : ''}`, i.n, i.mean, i.sd, i.rRest, i.alphaIfItemDeleted]),
    note: withWarnings(note, r.warnings),
  };
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);


/** efa → pattern loadings with h² and u², variance accounted for, and Φ for oblique solutions. */
export function efaTable(r: EfaResult, c: ApaContext): ReportTable {
  const k = r.factors;
  const names = Array.from({ length: k }, (_, j) => `F${j + 1}`);
  const rows: (TableCell[] | TableSection)[] = r.columns.map((v, i) => [c.label(v), ...(r.loadings[i] as number[]).map((x) => c.loading(x)), r.communalities[i], r.uniquenesses[i]]);
  rows.push({ section: 'Variance accounted for' });
  rows.push(['SS loadings', ...r.ssLoadings, ...blank(2)]);
  rows.push(['Proportion of variance', ...r.proportionVariance, ...blank(2)]);
  const oblique = !r.orthogonal && k > 1;
  if (oblique) {
    rows.push({ section: 'Factor correlations (Φ)' });
    rows.push(...phiRows(r.phi, names, 2));
  }
  const rotation = r.rotation === 'none' ? 'no rotation' : `${r.rotation} rotation${r.normalize ? ' (Kaiser-normalized)' : ''}`;
  const parts = [
    `n = ${r.n === null ? 'unknown' : r.n}.`,
    `${capitalize(EXTRACTION[r.extraction] ?? r.extraction)} extraction, ${rotation}${r.converged ? '' : ' (did not converge)'}; factors sorted by variance accounted for and reflected to positive loading sums, as psych::fa.`,
    `${oblique ? 'Pattern loadings. ' : ''}h² = communality, u² = uniqueness.`,
    `RMSR = ${c.bnd(r.rmsr)}.`,
  ];
  const fit = r.fit;
  if (fit !== null && fit.df > 0) {
    const rmsea = fit.rmsea ? `; RMSEA = ${c.bnd(fit.rmsea.estimate)}${fit.rmsea.lower !== null && fit.rmsea.upper !== null ? `, ${percent(fit.rmsea.confidence)}% CI ${c.ci(fit.rmsea.lower, fit.rmsea.upper, true)}` : ''}` : '';
    parts.push(`χ²(${fit.df}) = ${c.num(fit.chiSquare)}, ${c.p(fit.p)}${rmsea}; TLI = ${c.num(fit.tli)}.`);
  }
  return {
    title: c.title ?? `Factor loadings: ${k} factor${k === 1 ? '' : 's'}, ${EXTRACTION[r.extraction] ?? r.extraction}, ${rotation}`,
    columns: [{ label: 'Item' }, ...names.map((label) => ({ label, format: c.bounded })), { label: 'h²', format: c.bounded }, { label: 'u²', format: c.bounded }],
    rows,
    note: withWarnings(parts.join(' ') + c.dimNote(), r.warnings),
  };
}
