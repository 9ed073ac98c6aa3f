// APA table for process(): every equation, then the effects of X on Y (total, direct, indirect
// with bootstrap CIs, and the conditional effects of moderated models).
import type { BootstrapEffect, FittedEquation } from '../mediation/engine.js';
import type { PathModelResult } from '../mediation/path-model.js';
import type { CounterfactualMediationResult, ProcessResult, TestedEffect } from '../mediation/process-types.js';
import type { ConditionalEffect } from '../mediation/probes.js';
import { count, fTest, percent, plural, withWarnings, type ApaContext } from './apa-common.js';
import { coefficientColumns, coefficientRow, hcNote } from './apa-regression.js';
import { formatNumber } from './format.js';
import type { ReportTable, TableCell, TableSection } from './table.js';
import { processView, type ProcessView } from '../mediation/process-view.js';
import type { CatalogProcessResult, ModeratorValues, AnyRelativeProcessResult } from '../mediation/catalog-types.js';

type Row = TableCell[] | TableSection;

function tested(label: string, e: TestedEffect | ConditionalEffect, c: ApaContext): TableCell[] {
  return [label, e.estimate, e.se, e.statistic, e.p, c.ci(e.lower, e.upper)];
}

function boot(label: string, e: BootstrapEffect, c: ApaContext): TableCell[] {
  return [label, e.estimate, e.se, '', '', c.ci(e.lower, e.upper)];
}

/** A moderator value as it prints in a row label: up to four decimals, no trailing zeros. */
function wValue(w: number): string {
  return String(Number(w.toFixed(4)));
}

/** Moderator values as a label: `W = 1.2, Z = 0` with the moderators' column labels. */
function atLabel(r: ProcessView, at: ModeratorValues, c: ApaContext): string {
  return r.moderators
    .filter((m) => at[m.role] !== undefined)
    .map((m) => `${c.label(m.column)} = ${wValue(at[m.role] as number)}`)
    .join(', ');
}

/** "χ²(2) = 7.57, p = .023" */
function chiSquareTest(c: ApaContext, chi: number, df: number, p: number): string {
  return `χ²(${formatNumber(df, { decimals: 0 })}) = ${c.num(chi)}, ${c.p(p)}`;
}

function equationRows(eq: FittedEquation, heading: string, r: ProcessView, c: ApaContext, rows: Row[]): void {
  // Under HC errors F is the Wald F (the note says so), as PROCESS's F(HCk). A logistic equation
  // is summarized by its likelihood-ratio χ² and Nagelkerke's R²; its t column holds Z.
  let section =
    eq.family === 'logistic'
      ? `${heading} (logistic) \u2014 ${chiSquareTest(c, eq.summary.statistic, eq.summary.df, eq.summary.p)}, Nagelkerke R² = ${c.bnd(eq.summary.nagelkerke)}`
      : `${heading} \u2014 R² = ${c.bnd(eq.summary.rSquared)}, ${fTest(c, eq.summary.statistic, eq.summary.df1, eq.summary.df2, eq.summary.p)}`;
  for (const t of r.interactionTests?.filter((x) => x.equation === eq.name) ?? []) {
    const term = t.term === 'all' ? 'all products' : c.label(t.term);
    section += t.test === 'F' ? `; ΔR² for ${term} = ${c.bnd(t.rSquaredChange)}, ${fTest(c, t.statistic, t.df1, t.df2, t.p)}` : `; LR test for ${term}: ${chiSquareTest(c, t.statistic, t.df, t.p)}`;
  }
  for (const t of r.conditionalInteractionTests?.filter((x) => x.equation === eq.name) ?? []) {
    const w = c.label(r.moderators[0]?.column ?? 'W');
    section += `; ${c.label(r.variables.x)} × ${w} interaction at ${atLabel(r, t.at, c)}: ${t.test === 'F' ? fTest(c, t.statistic, t.df1, t.df2, t.p) : `Wald ${chiSquareTest(c, t.statistic, t.df, t.p)}`}`;
  }
  for (const t of r.omnibusTests?.filter((x) => x.equation === eq.name) ?? []) {
    const at = Object.keys(t.at).length === 0 ? '' : ` at ${atLabel(r, t.at, c)}`;
    section += `; omnibus test of ${c.label(r.variables.x)}${at}: ${t.test === 'F' ? `${t.rSquaredChange === null ? '' : `ΔR² = ${c.bnd(t.rSquaredChange)}, `}${fTest(c, t.statistic, t.df1, t.df2, t.p)}` : `${t.test === 'Wald' ? 'Wald ' : 'LR '}${chiSquareTest(c, t.statistic, t.df, t.p)}`}`;
  }
  rows.push({ section });
  for (const x of eq.coefficients) rows.push(coefficientRow(x, c));
}

/**
 * processModel → one table: a block per equation (mediators, then Y, then the total-effect model) and
 * a block of effects of X on Y. Indirect effects carry their bootstrap SE and CI (t and p blank).
 */
export function processTable(result: ProcessResult | CatalogProcessResult | AnyRelativeProcessResult | CounterfactualMediationResult, c: ApaContext): ReportTable {
  const r = processView(result as ProcessResult | AnyRelativeProcessResult | CounterfactualMediationResult);
  // A multicategorical X: each row is the relative effect of one of X's codes.
  const of = (e: { readonly code?: string }) => (e.code === undefined ? '' : ` of ${c.label(e.code)}`);
  const v = r.variables;
  const x = c.label(v.x);
  const y = c.label(v.y);
  // The first moderator: the only one in model 1 (Johnson–Neyman), W of model 3's X × W interaction.
  const w = c.label(r.moderators[0]?.column ?? 'W');
  // The moderator the Johnson–Neyman region is over: W (model 1), Z for model 3's X × W interaction.
  const jnOver = c.label((r.conditionalInteractions === null ? r.moderators[0] : r.moderators[1])?.column ?? 'W');
  const rows: Row[] = [];
  for (const eq of r.equations) equationRows(eq, `Outcome: ${c.label(eq.outcome)}`, r, c, rows);
  if (r.totalEffectModel !== null) equationRows(r.totalEffectModel, `Total effect model, outcome: ${y}`, r, c, rows);

  // Mediated models: each moderated path of each equation at its moderators' values.
  const pathRows = r.conditionalPathEffects ?? [];
  if (pathRows.length > 0) {
    rows.push({ section: 'Moderated paths' });
    for (const e of pathRows) rows.push(tested(`${c.label(e.focal)} → ${c.label(e.equation)} at ${atLabel(r, e.at, c)}`, e, c));
  }
  rows.push({ section: `Effects of ${x} on ${y}` });
  for (const e of r.conditionalEffects ?? []) rows.push(tested(`Effect${of(e)} at ${atLabel(r, e.at, c)}`, e, c));
  // A code of X stands for X; a code of a multicategorical W stands for W.
  for (const e of r.conditionalInteractions ?? []) rows.push(tested(`${e.code === undefined || r.xCoding === null ? x : c.label(e.code)} × ${e.code === undefined || r.xCoding !== null ? w : c.label(e.code)} interaction at ${atLabel(r, e.at, c)}`, e, c));
  if (r.counterfactualTotal !== null) rows.push(boot('Total effect (natural direct + natural indirect)', r.counterfactualTotal, c));
  if (r.naturalDirectEffect !== null) rows.push(tested('Natural direct effect', r.naturalDirectEffect, c));
  for (const e of r.controlledDirectEffects ?? []) rows.push(tested(`Controlled direct effect at ${v.m.map((m, j) => `${c.label(m)} = ${wValue(e.mediatorValues[j] as number)}`).join(', ')}`, e, c));
  for (const e of r.naturalIndirectEffects ?? []) rows.push(boot(`Natural indirect effect: ${e.path.map(c.label).join(' → ')}`, e, c));
  if (r.totalNaturalIndirectEffect !== null) rows.push(boot('Total natural indirect effect', r.totalNaturalIndirectEffect, c));
  if (r.totalEffect !== null) rows.push(tested('Total effect (c)', r.totalEffect, c));
  for (const e of r.totalEffects ?? []) rows.push(tested(`Relative total effect${of(e)}`, e, c));
  if (r.directEffect !== null) rows.push(tested('Direct effect (c′)', r.directEffect, c));
  for (const e of r.directEffects ?? []) rows.push(tested(`Relative direct effect${of(e)}`, e, c));
  for (const e of r.conditionalDirectEffects ?? []) rows.push(tested(`Direct effect${of(e)} at ${atLabel(r, e.at, c)}`, e, c));
  const pathLabel = (path: readonly string[]) => path.map(c.label).join(' → ');
  const single = (r.indirectEffects?.length ?? 0) === 1;
  for (const e of r.indirectEffects ?? []) rows.push(boot(`Indirect effect${single ? ' (ab)' : ''}${of(e)}: ${pathLabel(e.path)}`, e, c));
  if (r.totalIndirectEffect !== null) rows.push(boot('Total indirect effect', r.totalIndirectEffect, c));
  for (const e of r.totalIndirectEffects ?? []) rows.push(boot(`Total indirect effect${of(e)}`, e, c));
  for (const e of r.standardizedIndirectEffects ?? []) rows.push(boot(`Partially standardized indirect effect${of(e)}: ${pathLabel(e.path)}`, e, c));
  for (const e of r.contrasts ?? []) rows.push(boot(`Contrast: ${pathLabelOf(r, e.first, c)} minus ${pathLabelOf(r, e.second, c)}`, e, c));
  if (r.standardized !== null) {
    for (const e of r.standardized.completely) rows.push(boot(`Completely standardized indirect: ${e.path.length > 0 ? pathLabel(e.path) : 'total'}`, e, c));
  }
  for (const s of r.sobel ?? []) rows.push([`Sobel test via ${c.label(s.mediator)} (z in the t column)`, s.estimate, s.se, s.statistic, s.p, '']);
  const columnOf = (role: string) => c.label(r.moderators.find((m) => m.role === role)?.column ?? role);
  for (const e of r.conditionalIndirectEffects ?? []) rows.push(boot(`Indirect effect${of(e)} via ${c.label(e.mediator)} at ${atLabel(r, e.at, c)}`, e, c));
  const oneModerator = r.moderators.length === 1;
  for (const e of r.indexOfModeratedMediation ?? []) rows.push(boot(`Index of moderated mediation${of(e)} (${c.label(e.mediator)}${oneModerator ? '' : `; ${columnOf(e.moderator)}`})`, e, c));
  for (const e of r.indexOfPartialModeratedMediation ?? []) rows.push(boot(`Index of partial moderated mediation${of(e)} (${c.label(e.mediator)}; ${columnOf(e.moderator)})`, e, c));
  for (const e of r.indexOfModeratedModeratedMediation ?? []) rows.push(boot(`Index of moderated moderated mediation${of(e)} (${c.label(e.mediator)})`, e, c));
  for (const e of r.indexOfConditionalModeratedMediation ?? []) {
    rows.push(boot(`Index of conditional moderated mediation${of(e)} (${c.label(e.mediator)}; ${columnOf(e.moderator)} at ${atLabel(r, e.at, c)})`, e, c));
  }
  for (const e of r.groupContrasts ?? []) rows.push(boot(`Indirect via ${c.label(e.mediator)}, contrast of groups: ${e.compares}${e.at === undefined ? '' : ` at ${atLabel(r, e.at, c)}`}`, e, c));
  for (const e of r.conditionalIndirectDifferences ?? []) {
    const name = columnOf(e.moderator);
    rows.push(boot(`Indirect${of(e)} via ${c.label(e.mediator)}: ${name} = ${wValue(e.values[1])} minus ${name} = ${wValue(e.values[0])}`, e, c));
  }

  const level = percent(r.settings.confidence);
  const b = r.bootstrap;
  const bootNote =
    b === null
      ? r.indirectEffects !== null || r.conditionalIndirectEffects !== null
        ? ' No bootstrap was run, so indirect effects have no SE or CI.'
        : ''
      : ` Indirect effects: bootstrap SE and ${b.interval === 'percentile' ? 'percentile' : 'bias-corrected'} ${level}% CI from ${count(b.resamples)} resamples (seed ${String(b.seed)}${b.replaced > 0 ? `; ${b.replaced} singular resamples redrawn` : ''}).`;
  const jn = r.johnsonNeyman;
  const jnPaths = (r.johnsonNeymanPaths ?? [])
    .map((j) => {
      const over = c.label(r.moderators.find((m) => m.role === j.moderator)?.column ?? j.moderator);
      const where = j.region.points.length === 0 ? `no transition point inside the observed range of ${over}` : `significance changes at ${over} = ${j.region.points.map((p) => c.num(p.w)).join(' and ')}`;
      return ` Johnson–Neyman, ${c.label(j.focal)} → ${c.label(j.equation)}: ${where}.`;
    })
    .join('');
  const jnNote =
    jn === null
      ? ''
      : jn.points.length === 0
        ? ` Johnson–Neyman${r.conditionalInteractions === null ? '' : ` (the ${x} × ${w} interaction)`}: no transition point of significance inside the observed range of ${jnOver}.`
        : ` Johnson–Neyman${r.conditionalInteractions === null ? '' : ` (the ${x} × ${w} interaction)`}: significance changes at ${jnOver} = ${jn.points.map((p) => `${c.num(p.w)} (${formatNumber(p.percentBelow, { decimals: 1 })}% below)`).join(' and ')}.`;
  const covariates = v.covariates.length > 0 ? ` Covariates: ${v.covariates.map(c.label).join(', ')}${r.settings.covariatesIn === 'both' ? '' : ` (in the ${r.settings.covariatesIn === 'mediators' ? 'mediator' : 'outcome'} equations only)`}.` : '';
  const centred = r.settings.centered.length > 0 ? ` Mean-centred: ${r.settings.centered.map(c.label).join(', ')}.` : '';
  const codings = [...(r.xCoding === null ? [] : [r.xCoding]), ...r.moderators.flatMap((m) => (m.coding ? [m.coding] : []))];
  const codingNote = codings
    .map((g) => ` ${c.label(g.column)} is multicategorical (${g.coding} coding of ${plural(g.levels.length, 'group')}); ${g.column === v.x ? 'each relative effect' : 'each index'} is a difference between groups: ${g.columnNames.map((name, j) => `${c.label(name)} is ${g.compares[j]}`).join('; ')}.`)
    .join('');
  const xv = r.xValues;
  const counterfactualNote = xv === null ? '' : ` Y's equation has ${x} × mediator products; the effects are of changing ${x} from ${wValue(xv.reference)} to ${wValue(xv.counterfactual)} (natural direct effect: t test with the mediators at their predicted values for ${x} = ${wValue(xv.reference)}).`;
  const note =
    `n = ${r.n}${r.nDropped > 0 ? ` (${plural(r.nDropped, 'row')} with missing values dropped)` : ''}. b = unstandardized coefficient; other CIs are t-based.` +
    codingNote + counterfactualNote + covariates + centred + bootNote + jnNote + jnPaths + hcNote(r.settings.hc);
  const roles = [`X = ${x}`, ...(v.m.length > 0 ? [`M = ${v.m.map(c.label).join(', ')}`] : []), ...r.moderators.filter((m) => m.role !== 'x').map((m) => `${m.role.toUpperCase()} = ${c.label(m.column)}`), `Y = ${y}`];
  return {
    title: c.title ?? `PROCESS model ${r.model} (${roles.join(', ')})`,
    columns: coefficientColumns(c, r.settings.confidence, 'Term'),
    rows,
    note: withWarnings(note, r.warnings),
  };
}

function pathLabelOf(r: ProcessView, label: string, c: ApaContext): string {
  const e = r.indirectEffects?.find((x) => x.label === label);
  return e && e.path.length > 0 ? e.path.map(c.label).join(' → ') : c.label(label);
}

/**
 * pathModel → a block per equation (headed by R² and F), then the named effects with their
 * bootstrap SE and CI (t and p blank); n, the bootstrap and HC settings in the note.
 */
export function pathModelTable(r: PathModelResult, c: ApaContext): ReportTable {
  const rows: Row[] = [];
  for (const eq of r.equations) {
    const s = eq.summary;
    const heading = eq.name === eq.outcome ? `Outcome: ${c.label(eq.outcome)}` : `Equation ${c.own(eq.name) ?? eq.name}, outcome: ${c.label(eq.outcome)}`;
    rows.push({ section: `${heading} \u2014 R² = ${c.bnd(s.rSquared)}, ${fTest(c, s.statistic, s.df1, s.df2, s.p)}` });
    for (const x of eq.coefficients) rows.push(coefficientRow(x, c));
  }
  if (r.effects.length > 0) {
    rows.push({ section: 'Effects' });
    // Effect names are free text ("a:b" is not a product), so only a label given for exactly the name applies.
    for (const e of r.effects) rows.push(boot(c.own(e.name) ?? e.name, e, c));
  }
  const level = percent(r.confidence);
  const b = r.bootstrap;
  const bootNote =
    r.effects.length === 0
      ? ''
      : b === null
        ? ' No bootstrap was run, so the effects have no SE or CI.'
        : ` Effects: bootstrap SE and ${b.interval === 'percentile' ? 'percentile' : 'bias-corrected'} ${level}% CI from ${count(b.resamples)} resamples (seed ${String(b.seed)}${b.replaced > 0 ? `; ${plural(b.replaced, 'resample')} with a singular design or an effect that could not be computed redrawn` : ''}).`;
  const note =
    `n = ${r.n}${r.nDropped > 0 ? ` (${plural(r.nDropped, 'row')} with missing values dropped)` : ''}, the same for every equation. b = unstandardized coefficient; coefficient CIs are t-based.` +
    bootNote +
    hcNote(r.hc);
  return {
    title: c.title ?? `Path model: ${plural(r.equations.length, 'equation')}${r.effects.length > 0 ? `, ${plural(r.effects.length, 'effect')}` : ''}`,
    columns: coefficientColumns(c, r.confidence, 'Term'),
    rows,
    note: withWarnings(note, r.warnings),
  };
}
