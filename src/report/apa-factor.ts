// APA tables for the factor-analysis results other than efa: omega, kmo, velicerMap,
// parallelAnalysis, correlationMatrix and rotate.
import type { CorrelationMatrixResult } from '../factor/correlation.js';
import type { KmoResult } from '../factor/kmo.js';
import type { OmegaResult } from '../factor/omega.js';
import type { VelicerMapResult } from '../factor/retention/map.js';
import type { ParallelAnalysisResult, SimulatedEigenvalues } from '../factor/retention/parallel.js';
import type { RotationResult } from '../factor/rotation/rotate.js';
import { samplingAdequacyLabel } from '../factor/kmo.js';
import { blank, EXTRACTION_NAMES as EXTRACTION, lowerTriangle, pairwiseN, percent, phiRows, plural, withWarnings, type ApaContext } from './apa-common.js';
import type { ReportTable, TableCell, TableColumn, TableSection } from './table.js';

type Row = TableCell[] | TableSection;

/** "n = 228." or "n not given." */
function nText(n: number | null): string {
  return n === null ? 'n not given.' : `n = ${n}.`;
}

/** The ordinal of a quantile: 0.95 → "95th percentile", 0.5 → "50th percentile". */
function percentile(q: number): string {
  const p = percent(q);
  const n = Number(p);
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = Number.isInteger(n) && !teen ? (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th') : 'th';
  return `${p}${suffix} percentile`;
}

// ---- omega ------------------------------------------------------------------------------------

/**
 * omega → the Schmid–Leiman solution: g and group loadings, h², u² and p² per item, SS loadings,
 * and psych's omega.group (ω total, general and group per factor) as three rows under the factors.
 */
export function omegaTable(r: OmegaResult, c: ApaContext): ReportTable {
  const k = r.factors;
  const groupNames = k > 1 ? Array.from({ length: k }, (_, j) => `F${j + 1}*`) : [];
  const reversed = new Set(r.reversed);
  const rows: Row[] = r.columns.map((v, i): TableCell[] => [
    `${c.label(v)}${reversed.has(v) ? ' (R)' : ''}`,
    c.loading(r.generalLoadings[i] as number),
    ...groupNames.map((_, j) => c.loading(r.groupLoadings[i]![j]!)),
    r.communalities[i],
    r.uniquenesses[i],
    r.generalProportion[i],
  ]);
  const ss = (values: readonly number[]) => values.reduce((a, v) => a + v * v, 0);
  rows.push({ section: 'Variance accounted for' });
  rows.push(['SS loadings', ss(r.generalLoadings), ...groupNames.map((_, j) => ss(r.groupLoadings.map((row) => row[j] as number))), ...blank(3)]);
  const byFactor = new Map(r.groups.map((g) => [g.factor, g]));
  const factorNames = ['g', ...groupNames];
  rows.push({ section: 'ω by factor (psych::omega.group)' });
  for (const [label, key] of [
    ['ω total', 'total'],
    ['ω general (g)', 'general'],
    ['ω group', 'group'],
  ] as const) {
    rows.push([label, ...factorNames.map((f) => byFactor.get(f)?.[key] ?? null), ...blank(3)]);
  }
  const groups = r.groups.filter((g) => g.factor !== 'g' && g.columns.length > 0);
  const rotation = k === 1 ? 'one factor, so g is that factor' : `${r.rotation} rotation; g from ${k === 2 ? 'the two factors’ correlation' : 'a one-factor solution of the factor correlations'}`;
  const parts = [
    nText(r.n),
    `Schmid–Leiman solution as psych::omega: ${plural(k, 'group factor')} by ${EXTRACTION[r.extraction] ?? r.extraction} extraction, ${rotation}.`,
    `ω limit = ${c.bnd(r.omegaLimit)} (ω hierarchical as the number of items grows without bound); standardized α = ${c.bnd(r.alpha)}; Guttman's λ6 = ${c.bnd(r.lambda6)}; explained common variance of g (ECV) = ${c.bnd(r.explainedCommonVariance)}.`,
    `h² = communality, u² = uniqueness, p² = g²/h² (share of the common variance due to g).`,
    ...(groups.length > 0 ? [`Items of each group factor (largest group loading): ${groups.map((g) => `${g.factor} ${g.columns.map(c.label).join(', ')}`).join('; ')}.`] : []),
    ...(r.reversed.length > 0 ? ['(R) = reversed because it loads negatively on g (psych’s flip).'] : []),
  ];
  return {
    title: c.title ?? `McDonald's ω hierarchical = ${c.bnd(r.omegaHierarchical)}, ω total = ${c.bnd(r.omegaTotal)}`,
    columns: [
      { label: 'Item' },
      { label: 'g', format: c.bounded },
      ...groupNames.map((label): TableColumn => ({ label, format: c.bounded })),
      { label: 'h²', format: c.bounded },
      { label: 'u²', format: c.bounded },
      { label: 'p²', format: c.bounded },
    ],
    rows,
    note: withWarnings(parts.join(' ') + c.dimNote(), r.warnings),
  };
}

// ---- kmo --------------------------------------------------------------------------------------

/** Kaiser's (1974) label, or a dash for a value that is not an MSA (NaN). */
function adequacy(msa: number): string {
  return msa >= 0 && msa <= 1 ? samplingAdequacyLabel(msa) : '\u2014';
}

/** kmo → each item's MSA with Kaiser's label, then the overall MSA. */
export function kmoTable(r: KmoResult, c: ApaContext): ReportTable {
  const rows: Row[] = r.columns.map((v, i) => [c.label(v), r.perItem[i], adequacy(r.perItem[i] as number)]);
  rows.push({ section: 'All items' });
  rows.push(['Overall MSA', r.overall, r.adequacy]);
  return {
    title: c.title ?? `Kaiser–Meyer–Olkin measure of sampling adequacy: overall MSA = ${c.bnd(r.overall)} (${r.adequacy})`,
    columns: [{ label: 'Item' }, { label: 'MSA', format: c.bounded }, { label: 'Adequacy' }],
    rows,
    note: withWarnings(
      `${nText(r.n)} MSA = measure of sampling adequacy (Kaiser, 1970), from the correlations and the partial correlations given all other items, as psych::KMO. ` +
        "Kaiser's (1974) labels: ≥ .90 marvelous, ≥ .80 meritorious, ≥ .70 middling, ≥ .60 mediocre, ≥ .50 miserable, below .50 unacceptable.",
      r.warnings,
    ),
  };
}

// ---- velicerMap -------------------------------------------------------------------------------

/** velicerMap → average squared and fourth-power partial correlations by the number of components partialled out. */
export function velicerMapTable(r: VelicerMapResult, c: ApaContext): ReportTable {
  const small = { decimals: c.decimals + 2, leadingZero: false };
  const rows: TableCell[][] = r.averageSquaredPartial.map((sq, m) => {
    const minima = [...(m === r.components ? ['r²'] : []), ...(m === r.componentsFourthPower ? ['r⁴'] : [])];
    return [m, m === 0 ? '' : (r.eigenvalues[m - 1] ?? null), sq, r.averageFourthPowerPartial[m], minima.join(', ')];
  });
  const note =
    `${nText(r.n)} Average squared (Velicer, 1976) and fourth-power (Velicer et al., 2000) partial correlations among the items after partialling out the first m principal components (m = 0: the correlations themselves). ` +
    `The minimum suggests how many components to retain: ${plural(r.components, 'component')} by the squared partials, ${plural(r.componentsFourthPower, 'component')} by the fourth powers.`;
  return {
    title: c.title ?? `Velicer's minimum average partial (MAP) test: ${plural(r.components, 'component')}`,
    columns: [
      { label: 'Components partialled out (m)', format: 'integer' },
      { label: 'Eigenvalue', format: c.number },
      { label: 'Average r²', format: small },
      { label: 'Average r⁴', format: small },
      { label: 'Minimum' },
    ],
    rows,
    note: withWarnings(note, r.warnings),
  };
}

// ---- parallelAnalysis -------------------------------------------------------------------------

/** parallelAnalysis → observed, simulated and resampled eigenvalues per position, components then factors. */
export function parallelTable(r: ParallelAnalysisResult, c: ApaContext): ReportTable {
  const resampled = r.resampled;
  const block = (observed: readonly number[], simulated: SimulatedEigenvalues, again: SimulatedEigenvalues | undefined): TableCell[][] =>
    observed.map((v, i) => [i + 1, v, simulated.quantile[i], ...(resampled !== null ? [again?.quantile[i]] : [])]);
  const rows: Row[] = [
    { section: 'Principal components' },
    ...block(r.observed.components, r.simulated.components, resampled?.components),
    { section: `Factors (one-factor ${EXTRACTION[r.extraction] ?? r.extraction} communalities)` },
    ...block(r.observed.factors, r.simulated.factors, resampled?.factors),
  ];
  const q = percentile(r.quantile);
  const note =
    `n = ${r.n}. Simulated: the ${q} of the eigenvalues of ${plural(r.resamples, 'normal random data set')} of the same size (seed ${String(r.seed)})` +
    (resampled !== null ? `; resampled: the same from ${plural(r.resamples, 'data set')} with each column resampled independently` : '') +
    '. Factor eigenvalues are those of the correlation matrix with communalities from one factor on its diagonal, as psych::fa.parallel. ' +
    `Leading observed eigenvalues above the simulated ones suggest ${plural(r.suggestedFactors, 'factor')} and ${plural(r.suggestedComponents, 'component')}.`;
  return {
    title: c.title ?? `Parallel analysis: ${plural(r.suggestedFactors, 'factor')}, ${plural(r.suggestedComponents, 'component')}`,
    columns: [
      { label: 'Number', format: 'integer' },
      { label: 'Observed', format: c.number },
      { label: `Simulated (${q})`, format: c.number },
      ...(resampled !== null ? [{ label: `Resampled (${q})`, format: c.number }] : []),
    ],
    rows,
    note: withWarnings(note, r.warnings),
  };
}

// ---- correlationMatrix ------------------------------------------------------------------------

/** correlationMatrix → the lower triangle, variables numbered; the method and n in the note. */
export function correlationMatrixTable(r: CorrelationMatrixResult, c: ApaContext): ReportTable {
  const p = r.columns.length;
  const rows = r.columns.map((name, i): TableCell[] => [
    `${i + 1}. ${c.label(name)}`,
    ...lowerTriangle(i, p, (j) => r.matrix[i]![j] as number),
  ]);
  const n = r.missing === 'listwise' ? `n = ${r.n} (complete cases)` : pairwiseN(r.counts);
  const polychoric = r.method === 'polychoric';
  const method = polychoric
    ? `Polychoric correlations (${r.globalThresholds === false ? 'thresholds estimated per pair' : 'thresholds from each item’s marginal distribution'}, as psych::polychoric)${r.smoothed ? ', smoothed to a positive-definite matrix (psych::cor.smooth)' : ''}.`
    : 'Pearson correlations.';
  return {
    title: c.title ?? `${polychoric ? 'Polychoric' : 'Pearson'} correlations`,
    columns: [{ label: 'Variable' }, ...Array.from({ length: p }, (_, j): TableColumn => ({ label: String(j + 1), format: c.bounded, align: 'right' }))],
    rows,
    note: withWarnings(`${n}. ${method} No significance tests: correlations() gives p-values and confidence intervals.`, r.warnings),
  };
}

// ---- rotate -----------------------------------------------------------------------------------

/** rotate → the rotated loadings with h², and Φ for an oblique rotation. */
export function rotationTable(r: RotationResult, c: ApaContext): ReportTable {
  const k = r.phi.length;
  const names = Array.from({ length: k }, (_, j) => `F${j + 1}`);
  const h2 = r.loadings.map((row) => {
    let s = 0;
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) s += (row[a] as number) * (r.phi[a]![b] as number) * (row[b] as number);
    return s;
  });
  const rows: Row[] = r.loadings.map((row, i) => [c.label(`V${i + 1}`), ...row.map((v) => c.loading(v)), h2[i]]);
  const oblique = !r.orthogonal && k > 1;
  if (oblique) {
    rows.push({ section: 'Factor correlations (Φ)' });
    rows.push(...phiRows(r.phi, names, 1));
  }
  const how = `${r.rotation} rotation${r.normalize ? ' (Kaiser-normalized)' : ''}`;
  const convergence = r.converged
    ? `converged in ${plural(r.iterations, 'iteration')}${r.criterion !== null ? ` (criterion ${c.num(r.criterion)})` : ''}`
    : `did not converge in ${plural(r.iterations, 'iteration')}`;
  const parts = [
    `${how[0]!.toUpperCase()}${how.slice(1)}, ${convergence}.`,
    'Columns as the rotation returns them, neither sorted nor reflected (efa sorts and reflects them as psych::fa).',
    `${oblique ? 'Pattern loadings. ' : ''}h² = communality.`,
    ...(r.loadings.some((_, i) => c.own(`V${i + 1}`) === undefined) ? [`${r.loadings.length === 1 ? 'V1' : `V1–V${r.loadings.length}`}: the variables in the order of the rows given.`] : []),
  ];
  return {
    title: c.title ?? `Rotated loadings: ${plural(k, 'factor')}, ${how}`,
    columns: [{ label: 'Variable' }, ...names.map((label): TableColumn => ({ label, format: c.bounded })), { label: 'h²', format: c.bounded }],
    rows,
    note: withWarnings(parts.join(' ') + c.dimNote(), r.warnings),
  };
}
