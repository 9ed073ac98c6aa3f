import { fail } from '../errors.js';
import { shapeKit } from '../util/shape.js';
import type { FittedEquation } from './engine.js';
import type { ConditionalEffect, JohnsonNeyman } from './probes.js';
import type { CounterfactualMediationResult, ProcessResult, StandardizedMediationEffects, TestedEffect } from './process-types.js';
import type { CatalogProcessResult, ModeratorValues, OmnibusChiSquareTest, OmnibusFTest, OmnibusTest, ProbedModerator, AnyRelativeProcessResult } from './catalog-types.js';
import { PROCESS_MODELS } from './process-options.js';
import { processView, type ProcessView } from './process-view.js';
import type { GroupCoding } from '../data/group-coding.js';

const RULE = '*'.repeat(74);

/** SPSS-style number: four decimals, no leading zero (".4060", "-.0062"), right-aligned in 11 columns. */
function num(v: number | null, width = 11): string {
  if (v === null || Number.isNaN(v)) return 'NA'.padStart(width);
  let s = v.toFixed(4);
  if (s.startsWith('0.')) s = s.slice(1);
  else if (s.startsWith('-0.')) s = `-${s.slice(2)}`;
  if (s === '-.0000') s = '.0000';
  return s.padStart(width);
}

function row(label: string, values: readonly (number | null)[], labelWidth: number): string {
  return label.padEnd(labelWidth) + values.map((v) => num(v)).join('');
}

function header(labels: readonly string[], labelWidth: number): string {
  return ' '.repeat(labelWidth) + labels.map((l) => l.padStart(11)).join('');
}

function equationBlock(eq: FittedEquation, hc: string, products: Map<string, string>, lines: string[], title = 'OUTCOME VARIABLE:', yCoding: readonly [number, number] | null = null): void {
  lines.push(RULE, title, ` ${eq.outcome}`, '');
  if (eq.family === 'logistic') {
    if (yCoding !== null) {
      lines.push('Coding of binary Y for logistic regression analysis:', header([eq.outcome.slice(0, 10), 'Analysis'], 0));
      lines.push(row('', [yCoding[0], 0], 0), row('', [yCoding[1], 1], 0), '');
    }
    const s = eq.summary;
    lines.push('Model Summary', header(['-2LL', 'ModelLL', 'df', 'p', 'McFadden', 'CoxSnell', 'Nagelkrk'], 0));
    lines.push(row('', [s.minus2LL, s.statistic, s.df, s.p, s.mcFadden, s.coxSnell, s.nagelkerke], 0), '', 'Model');
  } else {
    const s = eq.summary;
    lines.push('Model Summary', header(['R', 'R-sq', 'MSE', hc === 'none' ? 'F' : `F(${hc})`, 'df1', 'df2', 'p'], 0));
    lines.push(row('', [s.r, s.rSquared, s.mse, s.statistic, s.df1, s.df2, s.p], 0), '', 'Model');
  }
  const label = (term: string) => products.get(term) ?? term;
  const width = Math.max(10, ...eq.coefficients.map((c) => label(c.term).length + 2));
  lines.push(header(['coeff', 'se', eq.family === 'logistic' ? 'Z' : 't', 'p', 'LLCI', 'ULCI'], width));
  for (const c of eq.coefficients) lines.push(row(label(c.term), [c.estimate, c.se, c.statistic, c.p, c.lower, c.upper], width));
  const used = eq.coefficients.filter((c) => products.has(c.term));
  if (used.length > 0) {
    lines.push('', 'Product terms key:');
    for (const c of used) {
      const factors = c.term.split(':');
      lines.push(` ${(products.get(c.term) as string).padEnd(8)}:${' '.repeat(8)}${factors.map((f) => f.padEnd(9)).join(`X${' '.repeat(8)}`).trimEnd()}`);
    }
  }
  lines.push('');
}

function testedRows(rows: readonly TestedEffect[], lines: string[], columns: readonly string[] = ['Effect', 'se', 't', 'p', 'LLCI', 'ULCI']): void {
  lines.push(header(columns, 0));
  for (const e of rows) lines.push(row('', [e.estimate, e.se, e.statistic, e.p, e.lower, e.upper], 0));
}

function jnRows(w: string, rows: readonly ConditionalEffect[], lines: string[]): void {
  lines.push(header([w, 'Effect', 'se', 't', 'p', 'LLCI', 'ULCI'], 0));
  for (const e of rows) lines.push(row('', [e.w, e.estimate, e.se, e.statistic, e.p, e.lower, e.upper], 0));
}

/** Model 4 with `xmInteraction`: PROCESS's counterfactually defined effects. */
function counterfactualBlock(r: ProcessView, lines: string[]): void {
  const boot = ['Effect', 'BootSE', 'BootLLCI', 'BootULCI'];
  const bootValues = (e: { estimate: number; se: number | null; lower: number | null; upper: number | null }) => [e.estimate, e.se, e.lower, e.upper];
  const v = r.variables;
  lines.push('****************** DIRECT AND INDIRECT EFFECTS OF X ON Y *****************', '', '*********************** COUNTERFACTUALLY DEFINED ************************', '');
  if (r.counterfactualTotal !== null) lines.push('Total effect of X on Y (natural direct plus natural indirect):', header(boot, 0), row('', bootValues(r.counterfactualTotal), 0), '');
  lines.push('(Pure) Natural direct effect of X on Y:');
  testedRows([r.naturalDirectEffect as TestedEffect], lines);
  lines.push('', 'Controlled direct effect(s) of X on Y:', header([...v.m, ...TESTED_COLUMNS], 0));
  for (const c of r.controlledDirectEffects ?? []) lines.push(row('', [...c.mediatorValues, ...testedValues(c)], 0));
  lines.push('', '(Total) Natural indirect effect(s) of X on Y:');
  const width = Math.max(8, ...v.m.map((m) => m.length + 2));
  lines.push(header(boot, width));
  if (r.totalNaturalIndirectEffect !== null) lines.push(row('TOTAL', bootValues(r.totalNaturalIndirectEffect), width));
  for (const e of r.naturalIndirectEffects ?? []) lines.push(row(e.label, bootValues(e), width));
  const x = r.xValues;
  if (x !== null) lines.push('', `X values: reference ${num(x.reference, 0).trim()}, counterfactual ${num(x.counterfactual, 0).trim()}; the effects are of changing X from the first to the second.`);
  lines.push('');
}

/** A Johnson–Neyman region: its transition points, then the effect across the moderator's range. */
function jnBlock(jn: JohnsonNeyman, over: string, title: string, lines: string[]): void {
  if (jn.points.length === 0) lines.push('There are no statistical significance transition points within the observed', 'range of the moderator found using the Johnson-Neyman method.', '');
  else {
    lines.push('Moderator value(s) defining Johnson-Neyman significance region(s):');
    lines.push(header(['Value', '% below', '% above'], 0));
    for (const p of jn.points) lines.push(row('', [p.w, p.percentBelow, p.percentAbove], 0));
    lines.push('');
  }
  lines.push(title);
  jnRows(over, jn.table, lines);
  lines.push('');
}

/** The moderators a set of conditional rows is evaluated at, in the model's order. */
function rolesAt(moderators: readonly ProbedModerator[], rows: readonly { readonly at: ModeratorValues }[]): ProbedModerator[] {
  return moderators.filter((m) => rows.some((r) => r.at[m.role] !== undefined));
}

/** A table of rows at moderator values: the moderators' columns first, then `columns`. */
function atRows<T extends { readonly at: ModeratorValues }>(
  moderators: readonly ProbedModerator[],
  rows: readonly T[],
  columns: readonly string[],
  values: (row: T) => readonly (number | null)[],
  lines: string[],
  label: (row: T) => string = () => '',
  labelWidth = 0,
): void {
  const roles = rolesAt(moderators, rows);
  lines.push(header([...roles.map((m) => m.column), ...columns], labelWidth));
  for (const r of rows) lines.push(row(label(r), [...roles.map((m) => r.at[m.role] as number), ...values(r)], labelWidth));
}

/** PROCESS's "Coding of categorical X variable for analysis" table, and what each code compares. */
function codingTable(role: string, coding: GroupCoding, codeWidth: number, lines: string[]): void {
  const levelWidth = Math.max(10, ...coding.levels.map((l) => l.length + 2), coding.column.length + 2);
  const width = (j: number) => Math.max(11, (coding.columnNames[j] as string).length + 1);
  lines.push(`Coding of categorical ${role} variable for analysis (${coding.coding}):`, coding.column.padEnd(levelWidth) + coding.columnNames.map((c, j) => c.padStart(width(j))).join(''));
  coding.levels.forEach((level, g) => lines.push(level.padEnd(levelWidth) + (coding.matrix[g] as readonly number[]).map((c, j) => num(c, width(j))).join('')));
  lines.push('', 'Each code compares:');
  coding.columnNames.forEach((c, j) => lines.push(` ${c.padEnd(codeWidth)}${coding.compares[j]}`));
  lines.push('');
}

/**
 * A multicategorical X's omnibus tests in one equation: of the direct effect (mediated models), of
 * X (models 1–3; on a mediator in model 6) when no moderator acts on X, else of equal conditional
 * means at each combination of the moderators' values (PROCESS's wording).
 */
function omnibusBlock(tests: readonly OmnibusTest[], moderators: readonly ProbedModerator[], effect: 'effect' | 'direct effect' | 'total effect', hc: string, lines: string[], outcome = 'Y'): void {
  const first = tests[0] as OmnibusTest;
  const conditional = Object.keys(first.at).length > 0;
  lines.push(conditional ? 'Test(s) of equality of conditional means (all relative effects of X zero):' : `Omnibus test of ${effect} of X on ${outcome}:`);
  const roles = moderators.filter((m) => tests.some((t) => t.at[m.role] !== undefined));
  const atValues = (t: OmnibusTest) => roles.map((m) => t.at[m.role] as number);
  if (first.test === 'F') {
    const f = hc === 'none' ? 'F' : `F(${hc})`;
    lines.push(header([...roles.map((m) => m.column), ...(conditional ? [] : ['R2-chng']), f, 'df1', 'df2', 'p'], 0));
    for (const t of tests as readonly OmnibusFTest[]) lines.push(row('', [...atValues(t), ...(conditional ? [] : [t.rSquaredChange]), t.statistic, t.df1, t.df2, t.p], 0));
  } else {
    lines.push(header([...roles.map((m) => m.column), first.test === 'Wald' ? 'Wald' : 'LRChi-sq', 'df', 'p'], 0));
    for (const t of tests as readonly OmnibusChiSquareTest[]) lines.push(row('', [...atValues(t), t.statistic, t.df, t.p], 0));
  }
  lines.push('');
}

const TESTED_COLUMNS = ['Effect', 'se', 't', 'p', 'LLCI', 'ULCI'];
const Z_COLUMNS = ['Effect', 'se', 'Z', 'p', 'LLCI', 'ULCI'];
const testedValues = (e: TestedEffect) => [e.estimate, e.se, e.statistic, e.p, e.lower, e.upper];

// The shape formatProcess reads, checked up front so that a result that was edited or built by
// hand fails with INVALID_INPUT naming the field instead of a TypeError halfway through.
function bad(path: string, expected: string): never {
  throw fail('INVALID_INPUT', `formatProcess expects the result of processModel(): \`${path}\` is not ${expected}.`, { option: path });
}

const { leaf, nullable, optional, array: arrayOf, object } = shapeKit(bad, { typedArrays: false, arraysAsObjects: true });
const number = leaf((v) => v === null || typeof v === 'number', 'a number');
const requiredNumber = leaf((v) => typeof v === 'number', 'a number');
const string = leaf((v) => typeof v === 'string', 'a string');
const seedLike = leaf((v) => typeof v === 'string' || typeof v === 'number', 'a seed (number or string)');

const boot = { estimate: number, se: number, lower: number, upper: number };
const tested = object({ ...boot, statistic: number, p: number });
const conditional = object({ w: number, ...boot, statistic: number, p: number });
const atValues = leaf((v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number' && Number.isFinite(x)), 'moderator values (an object of finite numbers)');
const atTested = object({ at: atValues, ...boot, statistic: number, p: number });
const indirect = object({ ...boot, label: string, path: arrayOf(string) });
const equation = object({
  name: string,
  outcome: string,
  coefficients: arrayOf(object({ term: string, estimate: number, se: number, statistic: number, p: number, lower: number, upper: number })),
  family: leaf((v) => v === 'linear' || v === 'logistic', "'linear' or 'logistic'"),
  summary: object({ statistic: number, p: number }),
});
const processResultShape = object({
  variables: object({ x: string, y: string, m: arrayOf(string), w: nullable(string), covariates: arrayOf(string) }),
  moderators: arrayOf(object({ role: string, column: string, probes: object({ definition: string, values: arrayOf(number) }), coding: nullable(object({ column: string, coding: string, levels: arrayOf(string), columnNames: arrayOf(string), matrix: arrayOf(arrayOf(requiredNumber)), compares: arrayOf(string) })) })),
  n: requiredNumber,
  nDropped: requiredNumber,
  settings: object({ hc: string, confidence: requiredNumber, centered: arrayOf(string) }),
  equations: arrayOf(equation),
  coefficientBootstrap: nullable(arrayOf(object({ ...boot, equation: string, term: string }))),
  totalEffectModel: nullable(equation),
  totalEffect: nullable(tested),
  directEffect: nullable(tested),
  conditionalDirectEffects: nullable(arrayOf(atTested)),
  indirectEffects: nullable(arrayOf(indirect)),
  totalIndirectEffect: nullable(indirect),
  contrasts: nullable(arrayOf(object({ ...boot, label: string, first: string, second: string }))),
  standardized: nullable(object({ partially: arrayOf(indirect), completely: arrayOf(indirect), directEffect: optional(object({ partially: requiredNumber, completely: requiredNumber })), totalEffect: optional(object({ partially: requiredNumber, completely: requiredNumber })) })),
  sobel: nullable(arrayOf(object({ mediator: string, estimate: number, se: number, statistic: number, p: number }))),
  conditionalEffects: nullable(arrayOf(atTested)),
  conditionalInteractions: nullable(arrayOf(atTested)),
  conditionalInteractionTests: nullable(arrayOf(object({ test: string, equation: string, at: atValues, statistic: number, p: number }))),
  predictedValues: nullable(arrayOf(object({ x: requiredNumber, at: atValues, predicted: requiredNumber }))),
  interactionTests: nullable(arrayOf(object({ test: string, equation: string, term: string, statistic: number, p: number }))),
  johnsonNeyman: nullable(object({ points: arrayOf(object({ w: number, percentBelow: number, percentAbove: number })), table: arrayOf(conditional) })),
  conditionalIndirectEffects: nullable(arrayOf(object({ ...boot, mediator: string, at: atValues }))),
  indexOfModeratedMediation: nullable(arrayOf(object({ ...boot, mediator: string, moderator: string }))),
  indexOfPartialModeratedMediation: nullable(arrayOf(object({ ...boot, mediator: string, moderator: string }))),
  indexOfModeratedModeratedMediation: nullable(arrayOf(object({ ...boot, mediator: string }))),
  indexOfConditionalModeratedMediation: nullable(arrayOf(object({ ...boot, mediator: string, moderator: string, at: atValues }))),
  conditionalIndirectDifferences: nullable(arrayOf(object({ ...boot, mediator: string, moderator: string, values: object({ 0: number, 1: number }) }))),
  xCoding: nullable(object({ column: string, coding: string, levels: arrayOf(string), columnNames: arrayOf(string), matrix: arrayOf(arrayOf(requiredNumber)), compares: arrayOf(string) })),
  directEffects: nullable(arrayOf(object({ ...boot, statistic: number, p: number, code: string }))),
  totalIndirectEffects: nullable(arrayOf(object({ ...boot, label: string, code: string }))),
  totalEffects: nullable(arrayOf(object({ ...boot, statistic: number, p: number, code: string }))),
  standardizedIndirectEffects: nullable(arrayOf(object({ ...boot, label: string, code: string }))),
  groupContrasts: nullable(arrayOf(object({ ...boot, mediator: string, code: string, compares: string }))),
  omnibusTests: nullable(arrayOf(object({ test: string, equation: string, at: atValues, statistic: number, p: number }))),
  naturalDirectEffect: nullable(tested),
  controlledDirectEffects: nullable(arrayOf(object({ ...boot, statistic: number, p: number, mediatorValues: arrayOf(requiredNumber) }))),
  naturalIndirectEffects: nullable(arrayOf(indirect)),
  totalNaturalIndirectEffect: nullable(indirect),
  counterfactualTotal: nullable(object(boot)),
  xValues: nullable(object({ reference: requiredNumber, counterfactual: requiredNumber })),
  conditionalPathEffects: nullable(arrayOf(object({ equation: string, focal: string, at: atValues, ...boot, statistic: number, p: number }))),
  pathPredictions: nullable(arrayOf(object({ equation: string, focal: string, value: requiredNumber, at: atValues, predicted: requiredNumber }))),
  johnsonNeymanPaths: nullable(arrayOf(object({ equation: string, focal: string, moderator: string, region: object({ points: arrayOf(object({ w: number, percentBelow: number, percentAbove: number })), table: arrayOf(conditional) }) }))),
  bootstrap: nullable(object({ resamples: requiredNumber, replaced: requiredNumber, seed: seedLike, interval: string })),
  warnings: arrayOf(object({ message: string })),
});

/**
 * Formats a {@link processModel} result as PROCESS prints it — Model Summary and Model tables per
 * outcome, product-terms key, interaction tests, conditional effects, Johnson–Neyman table, direct,
 * total and indirect effects with bootstrap SE and CIs, index of moderated mediation, analysis notes —
 * so the numbers can be held beside SPSS/SAS/R PROCESS output. Numbers use SPSS's style (".4060").
 * Product terms are labelled `Int_1`, `Int_2`, … with a key, as in PROCESS. Anything that is not
 * shaped like a `processModel()` result (a field missing or of the wrong type) throws `INVALID_INPUT`
 * naming the field.
 *
 * @example
 * ```ts
 * console.log(formatProcess(processModel(data, { model: 4, x: 'esse', m: 'ss', y: 'pwb', seed: 1 })));
 * ```
 */
export function formatProcess(result: ProcessResult | CatalogProcessResult | AnyRelativeProcessResult | CounterfactualMediationResult): string {
  if (typeof result !== 'object' || result === null || !PROCESS_MODELS.includes(result.model) || !Array.isArray(result.equations)) {
    throw fail('INVALID_INPUT', 'formatProcess expects the result of processModel().', { value: result });
  }
  const r = processView(result as ProcessResult | AnyRelativeProcessResult | CounterfactualMediationResult);
  processResultShape(r, '');
  const v = r.variables;
  const lines: string[] = [];
  lines.push(RULE, 'psychkit PROCESS-style analysis', RULE, '');
  lines.push(`Model  : ${r.model}`, `    Y  : ${v.y}`, `    X  : ${v.x}`);
  if (v.m.length === 1) lines.push(`    M  : ${v.m[0]}`);
  else v.m.forEach((m, i) => lines.push(`   M${i + 1}  : ${m}`));
  for (const m of r.moderators) if (m.role !== 'x') lines.push(`    ${m.role.toUpperCase()}  : ${m.column}`);
  if (v.covariates.length > 0) lines.push('', 'Covariates:', ` ${v.covariates.join(' ')}`);
  lines.push('', 'Sample', `Size:  ${r.n}`);
  if (r.bootstrap !== null) lines.push('', 'Custom', `Seed:  ${r.bootstrap.seed}`);
  lines.push('');
  const coding = r.xCoding;
  // A multicategorical X: rows are labelled by X's code column, which this table defines.
  const codeWidth = coding === null ? 0 : Math.max(10, ...coding.columnNames.map((c) => c.length + 2));
  const codeLabel = (row: { readonly code?: string }) => row.code ?? '';
  // Rows labelled by a multicategorical moderator's code (X numeric): as wide as their labels.
  const labelWidthOf = (rows: readonly { readonly code?: string }[]) => (coding !== null ? codeWidth : rows.some((x) => x.code !== undefined) ? Math.max(10, ...rows.map((x) => (x.code ?? '').length + 2)) : 0);
  if (coding !== null) codingTable('X', coding, codeWidth, lines);
  for (const m of r.moderators) if (m.coding !== null && m.coding !== undefined) codingTable(m.role.toUpperCase(), m.coding, Math.max(10, ...m.coding.columnNames.map((c) => c.length + 2)), lines);

  // Product terms get PROCESS-style labels in order of appearance.
  const products = new Map<string, string>();
  for (const eq of r.equations) for (const c of eq.coefficients) if (c.term.includes(':') && !products.has(c.term)) products.set(c.term, `Int_${products.size + 1}`);
  const hc = r.settings.hc;
  // Effects on a logistic Y are tested by Z.
  const yColumns = r.settings.yModel === 'logistic' ? Z_COLUMNS : TESTED_COLUMNS;
  for (const eq of r.equations) {
    equationBlock(eq, hc, products, lines, undefined, r.settings.yCoding);
    const tests = r.interactionTests?.filter((t) => t.equation === eq.name) ?? [];
    const testLabel = (term: string) => (term === 'all' ? (tests.length === 3 ? 'BOTH' : 'ALL') : term.replaceAll(':', '*'));
    const fTests = tests.filter((t) => t.test === 'F');
    if (fTests.length > 0) {
      lines.push('Test(s) of highest order unconditional interaction(s):');
      lines.push(header(['R2-chng', hc === 'none' ? 'F' : `F(${hc})`, 'df1', 'df2', 'p'], 10));
      for (const t of fTests) lines.push(row(testLabel(t.term), [t.rSquaredChange, t.statistic, t.df1, t.df2, t.p], 10));
      lines.push('');
    }
    const lrTests = tests.filter((t) => t.test === 'likelihood ratio');
    if (lrTests.length > 0) {
      lines.push('Likelihood ratio test of highest order unconditional interaction(s):');
      lines.push(header(['Chi-sq', 'df', 'p'], 10));
      for (const t of lrTests) lines.push(row(testLabel(t.term), [t.statistic, t.df, t.p], 10));
      lines.push('');
    }
    const omnibus = r.omnibusTests?.filter((t) => t.equation === eq.name) ?? [];
    if (omnibus.length > 0) {
      // A mediator's equation (model 6): the effect of X on that mediator.
      const onY = eq.outcome === v.y;
      omnibusBlock(omnibus, r.moderators, onY && r.equations.length > 1 ? 'direct effect' : 'effect', hc, lines, onY ? 'Y' : eq.outcome);
    }
    // Mediated models: each moderated path of this equation, probed (PROCESS 4 prints them here).
    const pathRows = r.conditionalPathEffects?.filter((p) => p.equation === eq.name) ?? [];
    for (const focal of [...new Set(pathRows.map((p) => p.focal))]) {
      const mine = pathRows.filter((p) => p.focal === focal);
      lines.push(`    Focal predict: ${focal}`);
      for (const m of rolesAt(r.moderators, mine)) lines.push(`          Mod var: ${m.column} (${m.role.toUpperCase()})`);
      lines.push('', 'Conditional effects of the focal predictor at values of the moderator(s):');
      atRows(r.moderators, mine, eq.family === 'logistic' ? Z_COLUMNS : TESTED_COLUMNS, testedValues, lines);
      lines.push('');
      const plot = r.pathPredictions?.filter((p) => p.equation === eq.name && p.focal === focal) ?? [];
      if (plot.length > 0) {
        lines.push('Data for visualizing the conditional effect of the focal predictor:');
        atRows(r.moderators, plot, [focal, eq.family === 'logistic' ? `${eq.outcome} (log-odds)` : eq.outcome], (p) => [p.value, p.predicted], lines);
        lines.push('');
      }
      const region = r.johnsonNeymanPaths?.find((j) => j.equation === eq.name && j.focal === focal);
      if (region !== undefined) {
        const over = r.moderators.find((m) => m.role === region.moderator)?.column ?? region.moderator;
        jnBlock(region.region, over, 'Conditional effect of focal predictor at values of the moderator:', lines);
      }
    }
    if (r.conditionalEffects !== null) {
      // Empty when `probeThreshold` left the interaction unprobed: PROCESS prints no table then.
      if (r.conditionalEffects.length > 0) {
        lines.push(`    Focal predict: ${v.x} (X)`);
        for (const m of r.moderators) lines.push(`          Mod var: ${m.column} (${m.role.toUpperCase()})`);
        lines.push('', 'Conditional effects of the focal predictor at values of the moderator(s):');
        atRows(r.moderators, r.conditionalEffects, yColumns, testedValues, lines, codeLabel, codeWidth);
        lines.push('');
      }
      if (r.conditionalInteractions !== null && r.conditionalInteractions.length > 0) {
        const [first, second] = rolesAt(r.moderators, r.conditionalEffects);
        const title = `Test of conditional X*${first?.role.toUpperCase() ?? 'W'} interaction at value(s) of ${second?.role.toUpperCase() ?? 'Z'}:`;
        const tests = r.conditionalInteractionTests ?? [];
        if (tests.length > 0) {
          // A multicategorical W: its k − 1 products with X tested together at each value of Z, then each code's.
          lines.push(title);
          const roles = rolesAt(r.moderators, tests);
          const chi = (tests[0] as OmnibusTest).test !== 'F';
          lines.push(header([...roles.map((m) => m.column), ...(chi ? ['Wald', 'df', 'p'] : [hc === 'none' ? 'F' : `F(${hc})`, 'df1', 'df2', 'p'])], 0));
          for (const t of tests) lines.push(row('', [...roles.map((m) => t.at[m.role] as number), ...(t.test === 'F' ? [t.statistic, t.df1, t.df2, t.p] : [t.statistic, t.df, t.p])], 0));
          lines.push('', `Conditional X*${first?.role.toUpperCase() ?? 'W'} interaction of each code at value(s) of ${second?.role.toUpperCase() ?? 'Z'}:`);
        } else lines.push(title);
        atRows(r.moderators, r.conditionalInteractions, yColumns, testedValues, lines, codeLabel, labelWidthOf(r.conditionalInteractions));
        lines.push('');
      }
      if (r.predictedValues !== null && r.predictedValues.length > 0) {
        lines.push('Data for visualizing the conditional effect of the focal predictor:');
        atRows(r.moderators, r.predictedValues, [v.x, r.settings.yModel === 'logistic' ? `${v.y} (log-odds)` : v.y], (p) => [p.x, p.predicted], lines);
        lines.push('');
      }
      if (r.johnsonNeyman !== null) {
        const jn = r.johnsonNeyman;
        // Model 3: the X × W interaction across Z, else X's effect across its moderator.
        const across = r.conditionalInteractions === null ? r.moderators[0] : (rolesAt(r.moderators, r.conditionalEffects)[1] ?? r.moderators[1]);
        const w = across?.column ?? 'W';
        jnBlock(jn, w, r.conditionalInteractions === null ? 'Conditional effect of focal predictor at values of the moderator:' : `Conditional X*W interaction at values of the moderator ${across?.role.toUpperCase() ?? 'Z'}:`, lines);
      }
    }
  }
  if (r.totalEffectModel !== null) {
    const totalModel = r.totalEffectModel;
    equationBlock(totalModel, hc, products, lines, '************************** TOTAL EFFECT MODEL ****************************\nOUTCOME VARIABLE:');
    const omnibus = r.omnibusTests?.filter((t) => t.equation === totalModel.name) ?? [];
    if (omnibus.length > 0) {
      omnibusBlock(omnibus, r.moderators, 'total effect', hc, lines);
    }
  }

  if (r.naturalDirectEffect !== null) counterfactualBlock(r, lines);
  else if (r.equations.length > 1) {
    const moderatedDirect = r.conditionalDirectEffects !== null;
    lines.push(r.totalEffect !== null || r.totalEffects !== null ? '************** TOTAL, DIRECT, AND INDIRECT EFFECTS OF X ON Y **************' : '****************** DIRECT AND INDIRECT EFFECTS OF X ON Y *****************', '');
    // PROCESS 4 with effsize: the standardized direct and total effects as two more columns.
    const std = r.standardized as Partial<StandardizedMediationEffects> | null;
    const standardizedDirect = std !== null && std.directEffect !== undefined && std.totalEffect !== undefined ? (std as StandardizedMediationEffects) : null;
    if (r.totalEffect !== null) {
      lines.push('Total effect of X on Y:');
      if (standardizedDirect === null) testedRows([r.totalEffect], lines);
      else {
        const e = r.totalEffect;
        lines.push(header(['Effect', 'se', 't', 'p', 'LLCI', 'ULCI', 'c_ps', 'c_cs'], 0));
        lines.push(row('', [e.estimate, e.se, e.statistic, e.p, e.lower, e.upper, standardizedDirect.totalEffect.partially, standardizedDirect.totalEffect.completely], 0));
      }
      lines.push('');
    }
    if (r.totalEffects !== null) {
      lines.push('Relative total effects of X on Y:', header(yColumns, codeWidth));
      for (const e of r.totalEffects) lines.push(row(codeLabel(e), testedValues(e), codeWidth));
      lines.push('');
    }
    if (r.directEffect !== null) {
      lines.push('Direct effect of X on Y:');
      if (standardizedDirect === null) testedRows([r.directEffect], lines, yColumns);
      else {
        const e = r.directEffect;
        lines.push(header([...yColumns, "c'_ps", "c'_cs"], 0));
        lines.push(row('', [e.estimate, e.se, e.statistic, e.p, e.lower, e.upper, standardizedDirect.directEffect.partially, standardizedDirect.directEffect.completely], 0));
      }
      lines.push('');
    }
    if (r.directEffects !== null) {
      lines.push('Relative direct effects of X on Y:', header(yColumns, codeWidth));
      for (const e of r.directEffects) lines.push(row(codeLabel(e), testedValues(e), codeWidth));
      lines.push('');
    }
    if (moderatedDirect) {
      lines.push(`${coding === null ? 'Conditional' : 'Relative conditional'} direct effect(s) of X on Y:`);
      atRows(r.moderators, r.conditionalDirectEffects ?? [], yColumns, testedValues, lines, codeLabel, codeWidth);
      lines.push('');
    }
    const boot = ['Effect', 'BootSE', 'BootLLCI', 'BootULCI'];
    if (r.indirectEffects !== null && coding !== null) {
      lines.push('Relative indirect effects of X on Y:', '');
      const bootValues = (e: { estimate: number; se: number | null; lower: number | null; upper: number | null }) => [e.estimate, e.se, e.lower, e.upper];
      // One block per mediator, or per chain of mediators (models 80–82).
      for (const m of [...new Set(r.indirectEffects.map((i) => i.label))]) {
        lines.push([v.x, ...m.split(' -> '), v.y].join('        ->    '), '', header(boot, codeWidth));
        for (const e of r.indirectEffects.filter((i) => i.label === m)) lines.push(row(codeLabel(e), bootValues(e), codeWidth));
        lines.push('');
      }
      if (r.totalIndirectEffects !== null) {
        lines.push('Total relative indirect effects of X on Y:', header(boot, codeWidth));
        for (const e of r.totalIndirectEffects) lines.push(row(codeLabel(e), bootValues(e), codeWidth));
        lines.push('');
      }
      if (r.standardizedIndirectEffects !== null) {
        for (const m of [...new Set(r.standardizedIndirectEffects.map((i) => i.label))]) {
          lines.push(`Partially standardized relative indirect effect(s) of X on Y (${[v.x, ...m.split(' -> '), v.y].join(' -> ')}):`, header(boot, codeWidth));
          for (const e of r.standardizedIndirectEffects.filter((i) => i.label === m)) lines.push(row(codeLabel(e), bootValues(e), codeWidth));
          lines.push('');
        }
      }
    } else if (r.indirectEffects !== null) {
      const serial = r.model === 6;
      const labelOf = (i: number, label: string) => (serial ? `Ind${i + 1}` : label);
      const rows = r.indirectEffects.map((e, i) => ({ label: labelOf(i, e.label), e }));
      const width = Math.max(8, ...rows.map((x) => x.label.length + 2), r.contrasts ? 8 : 0);
      const block = (title: string, list: readonly { label: string; estimate: number; se: number | null; lower: number | null; upper: number | null }[]) => {
        lines.push(title, header(boot, width));
        for (const e of list) lines.push(row(e.label, [e.estimate, e.se, e.lower, e.upper], width));
      };
      const all = [...(r.totalIndirectEffect ? [{ ...r.totalIndirectEffect, label: 'TOTAL' }] : []), ...rows.map((x) => ({ ...x.e, label: x.label }))];
      const contrastRows = (r.contrasts ?? []).map((c, i) => ({ ...c, label: `(C${i + 1})` }));
      block('Indirect effect(s) of X on Y:', [...all, ...contrastRows]);
      lines.push('');
      if (r.standardized !== null) {
        const std = (list: typeof r.standardized.partially) => list.map((e) => ({ ...e, label: e.label === 'TOTAL' ? 'TOTAL' : labelOf(r.indirectEffects!.findIndex((x) => x.label === e.label), e.label) }));
        const order = (list: ReturnType<typeof std>) => [...list.filter((e) => e.label === 'TOTAL'), ...list.filter((e) => e.label !== 'TOTAL')];
        block('Partially standardized indirect effect(s) of X on Y:', order(std(r.standardized.partially)));
        lines.push('');
        block('Completely standardized indirect effect(s) of X on Y:', order(std(r.standardized.completely)));
        lines.push('');
      }
      if (serial) {
        lines.push('Indirect effect key:');
        r.indirectEffects.forEach((e, i) => lines.push(`Ind${i + 1}    ${e.path.join('  ->  ')}`));
        lines.push('');
      }
      if (contrastRows.length > 0) {
        lines.push('Specific indirect effect contrast definition(s):');
        r.contrasts!.forEach((c, i) => lines.push(`(C${i + 1})    ${labelOf(r.indirectEffects!.findIndex((x) => x.label === c.first), c.first)}    minus    ${labelOf(r.indirectEffects!.findIndex((x) => x.label === c.second), c.second)}`));
        lines.push('');
      }
      if (r.sobel !== null) {
        lines.push(`Normal theory test for indirect effect(s)${r.sobel[0]?.order === 'second-order' ? ' (second-order standard error)' : ''}:`);
        lines.push(header(['Effect', 'se', 'Z', 'p'], width));
        for (const s of r.sobel) lines.push(row(s.mediator, [s.estimate, s.se, s.statistic, s.p], width));
        lines.push('');
      }
    }
    if (r.conditionalIndirectEffects !== null) {
      lines.push(`${coding === null ? 'Conditional' : 'Relative conditional'} indirect effects of X on Y:`, '');
      const bootOf = (e: { estimate: number; se: number | null; lower: number | null; upper: number | null }) => [e.estimate, e.se, e.lower, e.upper];
      const indexColumns = ['Index', 'BootSE', 'BootLLCI', 'BootULCI'];
      const columnOf = (role: string) => r.moderators.find((m) => m.role === role)?.column ?? role;
      // One block per mediator, or per chain of mediators (`m1 -> m2`, models 80–92).
      for (const m of [...new Set(r.conditionalIndirectEffects.map((c) => c.mediator))]) {
        lines.push('INDIRECT EFFECT:', '', [v.x, ...m.split(' -> '), v.y].join('        ->    '), '');
        atRows(r.moderators, r.conditionalIndirectEffects.filter((c) => c.mediator === m), boot, bootOf, lines, codeLabel, codeWidth);
        lines.push('');
        const indices = [
          ['Index of moderated mediation:', r.indexOfModeratedMediation],
          ['Indices of partial moderated mediation:', r.indexOfPartialModeratedMediation],
        ] as const;
        for (const [title, list] of indices) {
          const mine = list?.filter((i) => i.mediator === m) ?? [];
          if (mine.length === 0) continue;
          // A code of W names itself (`wg[2]`); a code of X goes with the moderator (`w group[2]`).
          const indexLabel = (i: { readonly moderator: string; readonly code?: string }) => (i.code === undefined ? columnOf(i.moderator) : i.code.startsWith(`${columnOf(i.moderator)}[`) ? i.code : `${columnOf(i.moderator)} ${i.code}`);
          const labelWidth = Math.max(10, ...mine.map((x) => indexLabel(x).length + 2));
          lines.push(`     ${title}`, header(indexColumns, labelWidth));
          for (const i of mine) lines.push(row(indexLabel(i), bootOf(i), labelWidth));
          lines.push('');
        }
        const mms = r.indexOfModeratedModeratedMediation?.filter((i) => i.mediator === m) ?? [];
        if (coding === null && mms.some((mm) => mm.code !== undefined)) {
          // A multicategorical moderator: one index per code of it, then each moderator's
          // conditional indices (the multicategorical one's per code, at the other's values; the
          // other's at each group).
          const label = (mm: (typeof mms)[number]) => `${mm.moderators.map(columnOf).join('*')} ${mm.code ?? ''}`.trimEnd();
          const width = Math.max(10, ...mms.map((mm) => label(mm).length + 2));
          lines.push('     Index of moderated moderated mediation:', header(indexColumns, width), ...mms.map((mm) => row(label(mm), bootOf(mm), width)), '');
          for (const role of (mms[0] as (typeof mms)[number]).moderators) {
            const rows = r.indexOfConditionalModeratedMediation?.filter((i) => i.mediator === m && i.moderator === role) ?? [];
            lines.push(`     Indices of conditional moderated mediation by ${columnOf(role)}:`);
            atRows(r.moderators, rows, indexColumns, bootOf, lines, codeLabel, labelWidthOf(rows));
            lines.push('');
          }
        }
        for (const mm of coding === null && mms.some((mm) => mm.code !== undefined) ? [] : mms) {
          const label = `${mm.moderators.map(columnOf).join('*')}${mm.code === undefined ? '' : ` ${mm.code}`}`;
          lines.push('     Index of moderated moderated mediation:', header(indexColumns, 10 + codeWidth), row(label, bootOf(mm), 10 + codeWidth), '');
          for (const role of mm.moderators) {
            const rows = r.indexOfConditionalModeratedMediation?.filter((i) => i.mediator === m && i.moderator === role && i.code === mm.code) ?? [];
            lines.push(`     Indices of conditional moderated mediation by ${columnOf(role)}:`);
            atRows(r.moderators, rows, indexColumns, bootOf, lines, codeLabel, codeWidth);
            lines.push('');
          }
        }
        const contrasts = r.groupContrasts?.filter((g) => g.mediator === m) ?? [];
        if (contrasts.length > 0) {
          const width = Math.max(10, ...contrasts.map((g) => g.code.length + 2));
          const grouped = r.moderators.find((x) => x.coding !== null && x.coding !== undefined);
          lines.push(`     Contrasts of conditional indirect effects between groups of ${grouped?.role.toUpperCase() ?? 'W'}:`);
          // At each value of another moderator of the indirect effect, when there is one.
          atRows(r.moderators, contrasts.map((g) => ({ ...g, at: g.at ?? {} })), boot, bootOf, lines, (g) => g.code, width);
          const codes = [...new Map(contrasts.map((g) => [g.code, g.compares])).entries()];
          lines.push('', ...codes.map(([code, compares]) => ` ${code.padEnd(width - 1)}${compares}`), '');
        }
        for (const diff of r.conditionalIndirectDifferences?.filter((d) => d.mediator === m) ?? []) {
          const name = columnOf(diff.moderator);
          lines.push(`     Difference between conditional indirect effects (${name} = ${num(diff.values[1], 0)} minus ${name} = ${num(diff.values[0], 0)}):`);
          lines.push(header(boot, 10 + codeWidth));
          lines.push(row(codeLabel(diff), bootOf(diff), 10 + codeWidth), '');
        }
      }
    }
  }

  const coefficientBoot = r.coefficientBootstrap ?? [];
  if (coefficientBoot.length > 0) {
    lines.push('*********** BOOTSTRAP RESULTS FOR REGRESSION MODEL PARAMETERS ************', '');
    for (const eq of r.equations) {
      const rows = coefficientBoot.filter((b) => b.equation === eq.name);
      if (rows.length === 0) continue;
      const width = Math.max(10, ...rows.map((b) => (products.get(b.term) ?? b.term).length + 2));
      lines.push('OUTCOME VARIABLE:', ` ${eq.outcome}`, '', header(['Coeff', 'BootSE', 'BootLLCI', 'BootULCI'], width));
      for (const b of rows) lines.push(row(products.get(b.term) ?? b.term, [b.estimate, b.se, b.lower, b.upper], width));
      lines.push('');
    }
  }

  lines.push('*********************** ANALYSIS NOTES AND ERRORS ************************', '');
  lines.push('Level of confidence for all confidence intervals in output:', `  ${(r.settings.confidence * 100).toFixed(4)}`, '');
  if (r.bootstrap !== null) {
    const kind = r.bootstrap.interval === 'bias-corrected' ? 'bias-corrected' : 'percentile';
    lines.push(`Number of bootstrap samples for ${kind} bootstrap confidence intervals:`, `  ${r.bootstrap.resamples}`, '');
    if (r.bootstrap.replaced > 0) {
      const one = r.bootstrap.replaced === 1;
      lines.push(`NOTE: ${r.bootstrap.replaced} bootstrap sample${one ? '' : 's'} with a singular design or an effect that could not be computed ${one ? 'was' : 'were'} replaced.`, '');
    }
  }
  for (const m of r.moderators) lines.push(`${m.column} values in conditional tables are ${m.probes.definition}.`, '');
  if (r.settings.centered.length > 0) lines.push('NOTE: The following variables were mean centered prior to analysis:', ` ${r.settings.centered.join(' ')}`, '');
  if (hc !== 'none') lines.push(`NOTE: Standard errors for continuous outcome models are based on the ${hc} estimator`, '');
  if (r.nDropped > 0) lines.push(`NOTE: ${r.nDropped} ${r.nDropped === 1 ? 'case with missing data was' : 'cases with missing data were'} deleted listwise.`, '');
  for (const w of r.warnings) lines.push(`NOTE: ${w.message}`, '');
  lines.push('------ END ------');
  return lines.join('\n');
}
