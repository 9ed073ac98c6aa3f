// Any PROCESS catalog model from its templates: the equations, the path polynomials, and from
// their products the conditional effects and indices PROCESS reports — one algebra for all models.
import type { PsychkitWarning } from '../errors.js';
import type { Table } from '../data/table.js';
import { johnsonNeyman as johnsonNeymanRegion, probeValues, type JohnsonNeyman } from './probes.js';
import type { Design } from '../regression/frame.js';
import { chiSquareSurvival, fSurvival, tQuantile, tTwoSided } from '../probability/index.js';
import { buildDesign, designMeans } from '../regression/frame.js';
import { fitLinear, linearHypothesisWald, waldTest } from '../regression/fit.js';
import { fitLogistic } from '../regression/logistic.js';
import type { KernelStatistic } from './kernel.js';
import { compileProducts } from './compile-effects.js';
import {
  indexShape,
  multiply,
  outcomeTemplates,
  rolePath,
  termName,
  type CodeChoice,
  type Monomial,
  type ModeratorRole,
  type ProbedRole,
  type RoleColumns,
} from './catalog.js';
import type {
  ConditionalIndirectEffect,
  ConditionalPathEffect,
  CatalogProcessResult,
  PathJohnsonNeyman,
  PathPrediction,
  ConditionalMediationIndex,
  ConditionalTestedEffect,
  MediationIndex,
  ModeratedModeratedMediationIndex,
  ModeratorValues,
  PredictedValue,
  OmnibusTest,
  ProbedModerator,
  AnyRelativeProcessResult,
  RelativeProcessResult,
} from './catalog-types.js';
import type { BootstrapEffect, EngineEffect, EngineEquation, EquationFit } from './engine.js';
import { codeContrasts, type GroupCoding } from '../data/group-coding.js';
import { testedFromTable, totalEffectFit, coefficientEffects, commonResult, effectFields, fitOf, fitProcess, processData, type CoefficientSlot, type ProcessData } from './process-data.js';
import type { ProcessSettings } from './process-options.js';
import type { IndirectEffect, InteractionTest, TestedEffect } from './process-types.js';

const ROLE_ORDER: readonly ProbedRole[] = ['w', 'z', 'v', 'q', 'x'];
const byRoleOrder = (a: string, b: string) => ROLE_ORDER.indexOf(a as ProbedRole) - ROLE_ORDER.indexOf(b as ProbedRole);

/** Every combination of the roles' probe values, the first role varying slowest. */
export function combinations(roles: readonly string[], probes: ReadonlyMap<string, readonly number[]>): Record<string, number>[] {
  let out: Record<string, number>[] = [{}];
  for (const role of roles) {
    const values = probes.get(role) as readonly number[];
    out = out.flatMap((combo) => values.map((v) => ({ ...combo, [role]: v })));
  }
  return out;
}

/** ∂/∂role of a multilinear polynomial: the monomials containing the role, without it. */
export function derivative<C>(poly: readonly Monomial<C>[], role: string): Monomial<C>[] {
  return poly.filter((m) => m.roles.includes(role)).map((m) => ({ coefficients: m.coefficients, roles: m.roles.filter((r, i) => i !== m.roles.indexOf(role)) }));
}

/** The moderators a polynomial involves (a multicategorical one once, for all its codes), in role order. */
export function rolesOf<C>(poly: readonly Monomial<C>[]): string[] {
  return [...new Set(poly.flatMap((m) => m.roles.map(baseRole)))].sort(byRoleOrder);
}

/**
 * A polynomial in coefficient offsets evaluated at fixed moderator values, for the bootstrap:
 * Σ_k w_k Π c[i]. One effect at many probe values is cheaper as a family ({@link compileProducts}).
 */
export function compile(poly: readonly Monomial<number>[], at: Readonly<Record<string, number>>): KernelStatistic {
  const weights = Float64Array.from(poly, (m) => m.roles.reduce((w, r) => w * (at[r] as number), 1));
  const starts = new Int32Array(poly.length + 1);
  poly.forEach((m, k) => (starts[k + 1] = (starts[k] as number) + m.coefficients.length));
  const index = Int32Array.from(poly.flatMap((m) => m.coefficients));
  return (c) => {
    let sum = 0;
    for (let k = 0; k < weights.length; k++) {
      let term = weights[k] as number;
      for (let j = starts[k] as number; j < (starts[k + 1] as number); j++) term *= c[index[j] as number] as number;
      sum += term;
    }
    return sum;
  };
}

/** Degrees of freedom of a fit's t tests: the residual df for OLS; ∞ (a z test) for a logistic equation. */
function dfOf(fit: EquationFit): number {
  return fit.family === 'linear' ? fit.residualDf : Number.POSITIVE_INFINITY;
}

/** g′b with se √(g′Vg) and a t test on the equation's residual df (z for a logistic equation, as PROCESS). */
export function linearCombination(fit: EquationFit, weights: ReadonlyMap<number, number>, confidence: number): TestedEffect {
  const k = fit.k;
  let estimate = 0;
  let variance = 0;
  for (const [i, gi] of weights) {
    estimate += gi * (fit.b[i] as number);
    for (const [j, gj] of weights) variance += gi * gj * (fit.covariance[i * k + j] as number);
  }
  const se = Math.sqrt(Math.max(0, variance));
  const statistic = estimate / se;
  const df = dfOf(fit);
  const tc = tQuantile(0.5 + confidence / 2, df);
  return { estimate, se, statistic, p: tTwoSided(statistic, df), lower: estimate - tc * se, upper: estimate + tc * se };
}

/** A path that is linear in one equation's coefficients (c′; X → Y in models 1–3) at moderator values. */
export function linearPath(fit: EquationFit, poly: readonly Monomial<string>[], at: Readonly<Record<string, number>>, confidence: number): TestedEffect {
  return linearCombination(fit, pathWeights(fit, poly, at), confidence);
}

/** The weights of a path linear in one equation's coefficients at moderator values: coefficient position → weight. */
function pathWeights(fit: EquationFit, poly: readonly Monomial<string>[], at: Readonly<Record<string, number>>): Map<number, number> {
  const weights = new Map<number, number>();
  for (const m of poly) {
    const j = fit.names.indexOf(m.coefficients[0] as string);
    weights.set(j, (weights.get(j) ?? 0) + m.roles.reduce((w, r) => w * (at[r] as number), 1));
  }
  return weights;
}

/**
 * Omnibus tests that a multicategorical X's k − 1 relative effects on Y are all zero, at each
 * combination of the probe values of the moderators acting on the path (PROCESS's `ftest3`):
 * the Wald F with the equation's covariance (OLS or HC; with OLS errors and no moderator this is
 * the R²-change F) and, without moderators, the R² change; for a logistic Y the likelihood-ratio
 * χ² without moderators, the Wald χ² with them.
 */
export function omnibusTests(data: ProcessData, fit: EquationFit, eq: EngineEquation, polys: readonly Monomial<string>[][], combos: readonly Record<string, number>[]): OmnibusTest[] {
  const codes = data.xCoding?.columnNames ?? [];
  const q = polys.length;
  return combos.map((at) => {
    const unconditional = Object.keys(at).length === 0;
    const rows = polys.map((poly) => pathWeights(fit, poly, at));
    const reduced = () => buildDesign(data.frame, eq.terms.filter((t) => !codes.includes(t)), data.centered);
    if (fit.family === 'logistic') {
      if (unconditional) {
        const chi = fitLogistic(reduced(), data.valuesOf(eq.outcome), eq.outcome).minus2LL - fit.minus2LL;
        return { test: 'likelihood ratio', equation: eq.name, at, statistic: chi, df: q, p: chiSquareSurvival(chi, q) };
      }
      const chi = q * linearHypothesisWald(fit.b, fit.covariance, fit.k, rows, eq.outcome);
      return { test: 'Wald', equation: eq.name, at, statistic: chi, df: q, p: chiSquareSurvival(chi, q) };
    }
    const f = linearHypothesisWald(fit.b, fit.covariance, fit.k, rows, eq.outcome);
    const rSquaredChange = unconditional ? fit.rSquared - fitLinear(reduced(), data.valuesOf(eq.outcome), eq.outcome, 'ols').rSquared : null;
    return { test: 'F', equation: eq.name, at, rSquaredChange, statistic: f, df1: q, df2: fit.residualDf, p: fSurvival(f, q, fit.residualDf) };
  });
}

/**
 * The Johnson–Neyman region of a path linear in one moderator (b₁ + b₃·v): where its t (z for a
 * logistic equation) crosses the critical value inside the moderator's observed range.
 */
function regionOf(fit: EquationFit, poly: readonly Monomial<string>[], values: Float64Array, confidence: number): JohnsonNeyman {
  const i = fit.names.indexOf((poly.find((m) => m.roles.length === 0) as Monomial<string>).coefficients[0] as string);
  const j = fit.names.indexOf((poly.find((m) => m.roles.length === 1) as Monomial<string>).coefficients[0] as string);
  const V = fit.covariance;
  const k = fit.k;
  return johnsonNeymanRegion(fit.b[i] as number, fit.b[j] as number, V[i * k + i] as number, V[i * k + j] as number, V[j * k + j] as number, values, dfOf(fit), confidence);
}

/**
 * A path as a polynomial over roles, each coefficient named by its term in the engine (X as
 * `xColumn`: one of a multicategorical X's codes). A multicategorical W enters through its codes:
 * a monomial in W becomes one per code, in the code's own role `w#j` (so that the path at W's
 * group g is the polynomial at that group's code values).
 */
function pathPolynomial(templates: readonly string[], focal: 'x' | 'M', roles: RoleColumns, mediator: string | null, xColumn: string = roles.x): Monomial<string>[] {
  const coded = (
    [
      ['w', roles.wCodes ?? null],
      ['z', roles.zCodes ?? null],
    ] as const
  ).filter((c): c is readonly ['w' | 'z', readonly string[]] => c[1] !== null);
  return rolePath(templates, focal).flatMap((m) => {
    const template = m.coefficients[0] as string;
    let rows: { choice: CodeChoice; roles: string[] }[] = [{ choice: { x: xColumn }, roles: [...m.roles] }];
    for (const [role, codes] of coded) {
      if (!m.roles.includes(role)) continue;
      rows = rows.flatMap((r) => codes.map((c, j) => ({ choice: { ...r.choice, [role]: c }, roles: r.roles.map((q) => (q === role ? codeRole(role, j) : q)) })));
    }
    return rows.map((r) => ({ coefficients: [termName(template, roles, mediator, r.choice)], roles: r.roles.sort() }));
  });
}

/** The multicategorical moderator (`wCoding` or `zCoding`; at most one) with its coding, else null. */
function moderatorCoding(data: ProcessData): { readonly role: 'w' | 'z'; readonly coding: GroupCoding } | null {
  return data.wCoding !== null ? { role: 'w', coding: data.wCoding } : data.zCoding !== null ? { role: 'z', coding: data.zCoding } : null;
}

/** Each code column of a multicategorical moderator with the role it plays in a path polynomial (`w#1`, …). */
function codeColumnRoles(data: ProcessData): [string, string][] {
  const mc = moderatorCoding(data);
  return mc === null ? [] : mc.coding.columnNames.map((column, j): [string, string] => [column, codeRole(mc.role, j)]);
}

/**
 * The roles of a polynomial that stand for a moderator: the moderator itself, or for a
 * multicategorical one each of its codes (with the code column, whose coefficient is about it);
 * `code` otherwise (X's code, or null).
 */
function codeParts(data: ProcessData, role: string, code: string | null): { readonly role: string; readonly code: string | null }[] {
  const mc = moderatorCoding(data);
  return mc === null || mc.role !== role ? [{ role, code }] : mc.coding.columnNames.map((column, j) => ({ role: codeRole(role, j), code: column }));
}

/** The role of a multicategorical moderator's code j (0-based): `w#1`, `w#2`, …. */
export function codeRole(role: string, j: number): string {
  return `${role}#${j + 1}`;
}

/** The moderator a role belongs to (`w#2` → `w`). */
function baseRole(role: string): string {
  const at = role.indexOf('#');
  return at < 0 ? role : role.slice(0, at);
}

/** A polynomial with a multicategorical moderator's code roles read as that moderator (the shape PROCESS's indices follow). */
export function byModerator<C>(poly: readonly Monomial<C>[]): Monomial<C>[] {
  return poly.map((m) => ({ coefficients: m.coefficients, roles: m.roles.map(baseRole).sort() }));
}

/**
 * Tests of the highest-order product terms of each equation (and, without mediators, of all of
 * them jointly): R² change with the F (classical, or the HC Wald F) for OLS; the likelihood-ratio
 * χ² for a logistic equation.
 */
export function highestOrderTests(data: ProcessData, s: ProcessSettings, equations: readonly EngineEquation[], fits: readonly EquationFit[]): InteractionTest[] {
  const tests: InteractionTest[] = [];
  // Each code column of a multicategorical X, W or Z, with the variable it codes.
  const codes = new Map<string, string>([...[data.xCoding, data.wCoding, data.zCoding].flatMap((c) => (c === null ? [] : c.columnNames.map((name): [string, string] => [name, c.column])))]);
  for (const [e, eq] of equations.entries()) {
    const fit = fits[e] as EquationFit;
    const parts = eq.terms.map((t) => t.split(':'));
    const maximal = eq.terms.filter((t, i) => t.includes(':') && !parts.some((p, j) => j !== i && p.length > (parts[i] as string[]).length && (parts[i] as string[]).every((f) => p.includes(f))));
    // A multicategorical variable's products with another form one test (on k − 1 df), named with its column.
    const groups = new Map<string, string[]>();
    for (const t of maximal) {
      const key = t
        .split(':')
        .map((p) => codes.get(p) ?? p)
        .join(':');
      groups.set(key, [...(groups.get(key) ?? []), t]);
    }
    const sets = [...groups];
    if (s.entry.mediator === null && groups.size > 1) sets.push(['all', maximal]);
    for (const [term, set] of sets) {
      if (fit.family === 'logistic') {
        const reduced = fitLogistic(buildDesign(data.frame, eq.terms.filter((t) => !set.includes(t)), data.centered), data.valuesOf(eq.outcome), eq.outcome);
        const chi = reduced.minus2LL - fit.minus2LL;
        tests.push({ test: 'likelihood ratio', equation: eq.name, term, statistic: chi, df: set.length, p: chiSquareSurvival(chi, set.length) });
        continue;
      }
      const reduced = fitLinear(buildDesign(data.frame, eq.terms.filter((t) => !set.includes(t)), data.centered), data.valuesOf(eq.outcome), eq.outcome, 'ols');
      const positions = set.map((t) => fit.names.indexOf(t));
      const df1 = set.length;
      const df2 = fit.residualDf;
      const f = s.standardErrors === 'ols' ? (reduced.sse - fit.sse) / df1 / (fit.sse / df2) : waldTest(fit.b, fit.covariance, fit.k, positions, eq.outcome);
      tests.push({ test: 'F', equation: eq.name, term, rSquaredChange: fit.rSquared - reduced.rSquared, statistic: f, df1, df2, p: fSurvival(f, df1, df2) });
    }
  }
  return tests;
}

/**
 * PROCESS 4's `intprobe` rule: a moderated effect of `focal` (a column; a code of a multicategorical
 * X counts as X) in `equation` is probed when `probeThreshold` is 1 or the smallest p of that
 * equation's highest-order interaction tests whose term contains the focal predictor is at most
 * the threshold. An equation with no such test (nothing to decide on) is probed.
 */
export function isProbed(s: ProcessSettings, data: ProcessData, tests: readonly InteractionTest[], equation: string, focal: string): boolean {
  if (s.probeThreshold >= 1) return true;
  const column = data.xCoding?.columnNames.includes(focal) ? data.xCoding.column : focal;
  let p = Infinity;
  for (const t of tests) if (t.equation === equation && t.term !== 'all' && t.term.split(':').includes(column)) p = Math.min(p, t.p);
  return p === Infinity || p <= s.probeThreshold;
}

/** The conditional path effects of the paths {@link isProbed} keeps. */
export function probedPaths<T extends { readonly equation: string; readonly focal: string }>(s: ProcessSettings, data: ProcessData, tests: readonly InteractionTest[], effects: readonly T[]): T[] {
  return effects.filter((e) => isProbed(s, data, tests, e.equation, e.focal));
}

/**
 * PROCESS's `plot` table for a moderation model: Ŷ at X's probe values (chosen as the moderators'
 * are) × every combination of the moderators' probe values, every other regressor (covariates,
 * dummy columns) at its sample mean and each product recomputed from the plugged-in values.
 */
function predictions(data: ProcessData, s: ProcessSettings, design: Design, fit: EquationFit, roles: readonly string[], probes: ReadonlyMap<string, readonly number[]>): PredictedValue[] {
  const first = s.probed[0] as ProbedRole;
  const option = s.probesByRole[first];
  const xProbes = probeValues(data.valuesOf(s.x), typeof option === 'string' ? option : 'percentiles', s.quantileType, 0).values;
  const means = designMeans(design);
  const columnRole = new Map<string, string>([
    [s.x, 'x'],
    ...Object.entries(s.moderators).map(([role, column]): [string, string] => [column as string, role]),
    ...codeColumnRoles(data),
  ]);
  const out: PredictedValue[] = [];
  for (const combo of combinations(roles, probes)) {
    for (const xv of xProbes) {
      const at: Record<string, number> = { ...expandAt(data, combo), x: xv };
      let predicted = 0;
      design.names.forEach((name, j) => {
        const parts = j === 0 ? [] : name.split(':');
        const value = j === 0 ? 1 : parts.every((p) => columnRole.has(p)) ? parts.reduce((v, p) => v * (at[columnRole.get(p) as string] as number), 1) : (means[j] as number);
        predicted += (fit.b[j] as number) * value;
      });
      out.push({ x: xv, at: combo, predicted });
    }
  }
  return out;
}

/** Moderator values with a multicategorical moderator's group replaced by the group's code values (`w#1`, `w#2`, …). */
export function expandAt(data: ProcessData, at: Readonly<Record<string, number>>): Record<string, number> {
  const mc = moderatorCoding(data);
  if (mc === null || at[mc.role] === undefined) return { ...at };
  const { [mc.role]: group, ...rest } = at;
  const codes = mc.coding.matrix[mc.coding.levels.findIndex((l) => Number(l) === group)] as readonly number[];
  return { ...rest, ...Object.fromEntries(codes.map((c, j) => [codeRole(mc.role, j), c])) };
}

/**
 * Every moderated path of every equation, probed: for each focal predictor (X or its codes, the
 * mediators) in each equation, the terms containing it form its path; a path whose other factors
 * are all moderators (W's codes for a multicategorical W) is evaluated at every combination of
 * their probe values, with its t (or z) test, as PROCESS 4 prints under each equation. With `jn`,
 * a path linear in one continuous moderator also gets its Johnson–Neyman region.
 */
export function pathEffects(
  data: ProcessData,
  s: ProcessSettings,
  equations: readonly EngineEquation[],
  fits: readonly EquationFit[],
  focals: readonly string[],
  designs: readonly Design[],
): { effects: ConditionalPathEffect[]; regions: PathJohnsonNeyman[] | null; predictions: PathPrediction[] } {
  const probeMap = new Map<string, readonly number[]>([...data.probesByRole].map(([r, p]) => [r, p.values]));
  const columnRole = new Map<string, string>([
    ...[...data.probesByRole.keys()].map((role): [string, string] => [role === 'x' ? s.x : (s.moderators[role] as string), role]),
    ...codeColumnRoles(data),
  ]);
  const mc = moderatorCoding(data);
  if (mc !== null) columnRole.delete(mc.coding.column);
  const effects: ConditionalPathEffect[] = [];
  const regions: PathJohnsonNeyman[] = [];
  const predictions: PathPrediction[] = [];
  // A variable's mean, once per variable (a factor of a product such as M in M·W).
  const meanCache = new Map<string, number>();
  const meanOf = (column: string) => {
    let mean = meanCache.get(column);
    if (mean === undefined) {
      const v = data.valuesOf(column);
      let sum = 0;
      for (let i = 0; i < v.length; i++) sum += v[i] as number;
      meanCache.set(column, (mean = sum / v.length));
    }
    return mean;
  };
  const option = s.probesByRole[s.probed[0] as ProbedRole];
  const codes = new Set(data.xCoding?.columnNames ?? []);
  equations.forEach((eq, e) => {
    const fit = fits[e] as EquationFit;
    const design = designs[e] as Design;
    const means = designMeans(design);
    for (const focal of focals) {
      if (!eq.terms.includes(focal)) continue;
      const poly: Monomial<string>[] = [];
      let probed = true;
      for (const term of eq.terms) {
        const parts = term.split(':');
        const at = parts.indexOf(focal);
        if (at < 0) continue;
        const rest = parts.filter((_, i) => i !== at);
        // A path that also depends on a variable that is not probed (model 74's X in M·X) has no probe.
        if (!rest.every((p) => columnRole.has(p))) {
          probed = false;
          break;
        }
        poly.push({ coefficients: [term], roles: rest.map((p) => columnRole.get(p) as string).sort() });
      }
      if (!probed) continue;
      const roles = rolesOf(poly);
      if (roles.length === 0) continue;
      for (const combo of combinations(roles, probeMap)) effects.push({ equation: eq.name, focal, at: combo, ...linearPath(fit, poly, expandAt(data, combo), s.confidence) });
      const role = roles[0] as ProbedRole;
      const linear = roles.length === 1 && poly.every((m) => m.roles.length <= 1) && poly.some((m) => m.roles.length === 0) && !poly.some((m) => m.roles.some((r) => r.includes('#')));
      if (s.jn && linear && data.dichotomousByRole.get(role) !== true) {
        regions.push({ equation: eq.name, focal, moderator: role, region: regionOf(fit, poly, data.valuesOf(role === 'x' ? s.x : (s.moderators[role] as string)), s.confidence) });
      }
      // PROCESS's plot table for this path: the outcome predicted at the focal predictor's probe
      // values × the moderators', everything else at its mean (products recomputed from the
      // plugged-in values: M·W at mean(M)·w). Not for a multicategorical X's codes.
      if (codes.has(focal)) continue;
      const focalValues = probeValues(data.valuesOf(focal), typeof option === 'string' ? option : 'percentiles', s.quantileType, 0).values;
      for (const combo of combinations(roles, probeMap)) {
        const at = expandAt(data, combo);
        for (const value of focalValues) {
          let predicted = 0;
          design.names.forEach((name, j) => {
            let col = 1;
            if (j > 0) {
              const parts = name.split(':');
              const plugged = parts.some((p) => p === focal || columnRole.has(p));
              if (!plugged) col = means[j] as number;
              else col = parts.reduce((acc, p) => acc * (p === focal ? value : columnRole.has(p) ? (at[columnRole.get(p) as string] as number) : meanOf(p)), 1);
            }
            predicted += (fit.b[j] as number) * col;
          });
          predictions.push({ equation: eq.name, focal, value, at: combo, predicted });
        }
      }
    }
  });
  return { effects, regions: s.jn ? regions : null, predictions };
}

/** A row with the code of X it belongs to: tagged with `code` for a multicategorical X, as it is for a numeric one. */
function tagged<T extends object>(row: T, code: string | null): T {
  return code === null ? row : { code, ...row };
}

/** Runs any catalog model with parallel mediators (or none), with a numeric or a multicategorical X. */
export function catalogProcess(table: Table, s: ProcessSettings): CatalogProcessResult | AnyRelativeProcessResult {
  const entry = s.entry;
  const data = processData(table, s);
  const { roles, equations } = data;
  // A numeric X is one column; a multicategorical X's relative effects are those of each code.
  const xColumns: readonly (string | null)[] = data.xCoding?.columnNames ?? [null];
  const probeMap = new Map<string, readonly number[]>([...data.probesByRole].map(([r, p]) => [r, p.values]));
  const moderators: ProbedModerator[] = s.probed.map((role) => ({
    role,
    column: role === 'x' ? s.x : (s.moderators[role] as string),
    probes: data.probesByRole.get(role) as ProbedModerator['probes'],
    dichotomous: data.dichotomousByRole.get(role) as boolean,
    coding: role === 'w' ? data.wCoding : role === 'z' ? data.zCoding : null,
  }));
  const { perMediator, shared } = outcomeTemplates(entry);
  const directPolys = xColumns.map((code) => pathPolynomial(shared, 'x', roles, null, code ?? s.x));
  const directPoly = directPolys[0] as Monomial<string>[];
  // Model 74: X also moderates M → Y, so c′ depends on M and PROCESS reports no direct effect.
  const directMediated = perMediator.some((t) => t.split('*').includes('M') && t.split('*').includes('x'));
  const mediated = entry.mediator !== null;

  // The bootstrapped statistics, in the order the engine returns them; `code`: X's code column (null for a numeric X).
  type Slot = { readonly slot: number; readonly code: string | null };
  const conditional: (Slot & { mediator: string; at: ModeratorValues })[] = [];
  const unconditional: (Slot & { mediator: string })[] = [];
  const totals: Slot[] = [];
  const moderatedIndex: (Slot & { mediator: string; moderator: ProbedRole })[] = [];
  const partialIndex: (Slot & { mediator: string; moderator: ProbedRole })[] = [];
  const mmIndex: (Slot & { mediator: string; moderators: [ModeratorRole, ModeratorRole] })[] = [];
  const cmIndex: (Slot & { mediator: string; moderator: ModeratorRole; at: ModeratorValues })[] = [];
  const differences: (Slot & { mediator: string; moderator: ProbedRole; values: readonly [number, number] })[] = [];
  const plainEffects: { mediator: string; code: string | null; f: KernelStatistic }[] = [];
  const groupContrasts: { mediator: string; code: string; compares: string; slot: number }[] = [];
  const standardizedSlots: (Slot & { mediator: string })[] = [];
  let indexKind = 'none';
  let coefficientSlots: CoefficientSlot[] = [];

  const engine = fitProcess(data, s, equations, (loc) => {
    const out: EngineEffect[] = [];
    const push = (name: string, statistic: KernelStatistic) => {
      out.push({ name, statistic, usesSds: false });
      return out.length - 1;
    };
    coefficientSlots = coefficientEffects(s, loc, equations, out);
    if (!mediated || entry.mediator === 'serial') return out;
    for (const code of xColumns) {
      const plain: Monomial<number>[][] = [];
      const of = code === null ? '' : ` of ${code}`;
      for (const med of s.m) {
        const at = (poly: Monomial<string>[], eq: string): Monomial<number>[] => poly.map((mono) => ({ coefficients: mono.coefficients.map((t) => loc.coefficient(eq, t)), roles: mono.roles }));
        const a = at(pathPolynomial(entry.mediator as readonly string[], 'x', roles, null, code ?? s.x), med);
        const b = at(pathPolynomial(perMediator, 'M', roles, med), s.y);
        const poly = multiply(a, b);
        // A multicategorical moderator's codes count as that moderator (the shape PROCESS's indices follow).
        const shape = indexShape(byModerator(poly));
        indexKind = shape.kind;
        const involved = rolesOf(poly);
        if (involved.length === 0) {
          plain.push(poly);
          const f = compile(poly, {});
          unconditional.push({ mediator: med, code, slot: push(`indirect ${med}${of}`, f) });
          plainEffects.push({ mediator: med, code, f });
          continue;
        }
        // a·b at every combination as one family: a and b once per combination of their own moderators.
        const combos = combinations(involved, probeMap);
        const effects = compileProducts([a, b], combos.map((combo) => expandAt(data, combo)));
        combos.forEach((combo, i) => conditional.push({ mediator: med, code, at: combo, slot: push(`conditional indirect ${med}${of} at ${JSON.stringify(combo)}`, effects[i] as KernelStatistic) }));
        const mc = moderatorCoding(data);
        if (mc !== null && shape.kind === 'conditionalOnly' && involved.includes(mc.role)) {
          // A multicategorical moderator on both paths (not linear in its codes): no index, but
          // contrasts of its groups' conditional indirect effects with the coding's weights (as
          // PROCESS reports them), at each combination of the other moderators' values.
          const others = involved.filter((r) => r !== mc.role);
          const contrastWeights = codeContrasts(mc.coding.matrix) as number[][];
          const otherCombos = combinations(others, probeMap);
          const L = mc.coding.levels.length;
          // Each group at each combination of the others, group varying fastest.
          const groupEffects = compileProducts([a, b], otherCombos.flatMap((combo) => mc.coding.levels.map((level) => expandAt(data, { ...combo, [mc.role]: Number(level) }))));
          for (const [i, combo] of otherCombos.entries()) {
            const byGroup = groupEffects.slice(i * L, (i + 1) * L);
            contrastWeights.forEach((weights, j) => {
              const w = Float64Array.from(weights);
              const statistic: KernelStatistic = (c, sd) => {
                let sum = 0;
                for (let g = 0; g < w.length; g++) if (w[g] !== 0) sum += (w[g] as number) * (byGroup[g] as KernelStatistic)(c, sd);
                return sum;
              };
              const column = mc.coding.columnNames[j] as string;
              groupContrasts.push({ mediator: med, code: column, compares: mc.coding.compares[j] as string, ...(others.length > 0 ? { at: combo } : {}), slot: push(`contrast ${med} ${column} at ${JSON.stringify(combo)}`, statistic) });
            });
          }
          continue;
        }
        const only = involved[0] as ProbedRole;
        const two = probeMap.get(only) as readonly number[];
        if (involved.length === 1 && data.dichotomousByRole.get(only) === true && two.length === 2) {
          // A dichotomous moderator: how much the indirect effect differs between its two values.
          const [lo, hi] = two as [number, number];
          const [high, low] = compileProducts([a, b], [{ [only]: hi }, { [only]: lo }]) as [KernelStatistic, KernelStatistic];
          differences.push({ mediator: med, code, moderator: only, values: [lo, hi], slot: push(`difference ${med}${of}`, (c, sd) => high(c, sd) - low(c, sd)) });
        }
        // A multicategorical moderator's index is one per code: the coefficient of that code in the indirect effect.
        if (shape.kind === 'moderated' || shape.kind === 'partial') {
          const list = shape.kind === 'moderated' ? moderatedIndex : partialIndex;
          for (const role of involved) {
            for (const part of codeParts(data, role, code)) list.push({ mediator: med, code: part.code, moderator: role as ProbedRole, slot: push(`index ${med}${of} ${part.role}`, compile(derivative(poly, part.role), {})) });
          }
        } else if (shape.kind === 'moderatedModerated') {
          const [r1, r2] = involved as [ModeratorRole, ModeratorRole];
          for (const p1 of codeParts(data, r1, code)) {
            for (const p2 of codeParts(data, r2, code)) {
              mmIndex.push({ mediator: med, code: p1.code ?? p2.code, moderators: [r1, r2], slot: push(`index ${med}${of} ${p1.role}*${p2.role}`, compile(derivative(derivative(poly, p1.role), p2.role), {})) });
            }
          }
          for (const [r, other] of [
            [r1, r2],
            [r2, r1],
          ] as const) {
            for (const part of codeParts(data, r, code)) {
              const values = probeMap.get(other) as readonly number[];
              const indices = compileProducts([derivative(poly, part.role)], values.map((v) => expandAt(data, { [other]: v })));
              values.forEach((v, i) => {
                const combo = { [other]: v };
                cmIndex.push({ mediator: med, code: part.code, moderator: r, at: combo, slot: push(`conditional index ${med}${of} ${part.role} at ${other} = ${v}`, indices[i] as KernelStatistic) });
              });
            }
          }
        }
      }
      if (plain.length > 1) totals.push({ code, slot: push(`total indirect${of}`, compile(plain.flat(), {})) });
    }
    if (s.standardize) {
      // PROCESS's effsize for a multicategorical X: each relative indirect effect over SD_Y (partially standardized).
      const sy = loc.variable(s.y);
      for (const { mediator, code, f } of plainEffects) {
        standardizedSlots.push({ mediator, code, slot: out.length });
        out.push({ name: `partially standardized ${mediator} ${code ?? ''}`, statistic: (c, sd) => f(c, sd) / (sd[sy] as number), usesSds: true });
      }
    }
    return out;
  });

  const yFit = fitOf(engine, s.y);
  const yEquation = equations[equations.length - 1] as EngineEquation;
  const effect = (slot: number) => effectFields(engine.effects[slot] as BootstrapEffect);
  const directRoles = rolesOf(directPoly);
  const tested = (poly: Monomial<string>[], rolesAt: readonly string[], code: string | null): ConditionalTestedEffect[] =>
    combinations(rolesAt, probeMap).map((combo) => tagged({ at: combo, ...linearPath(yFit, poly, expandAt(data, combo), s.confidence) }, code));
  const eachCode = <T>(rows: (poly: Monomial<string>[], code: string | null) => T[]): T[] => directPolys.flatMap((poly, i) => rows(poly, xColumns[i] as string | null));

  let directEffects: TestedEffect[] | null = null;
  let conditionalDirectEffects: ConditionalTestedEffect[] | null = null;
  let conditionalEffects: ConditionalTestedEffect[] | null = null;
  let conditionalInteractions: ConditionalTestedEffect[] | null = null;
  let conditionalInteractionTests: OmnibusTest[] | null = null;
  if (!mediated) {
    conditionalEffects = eachCode((poly, code) => tested(poly, directRoles, code));
    if (directPoly.some((m) => m.roles.length === 2)) {
      const [r1, r2] = directRoles as [string, string];
      // A multicategorical W: the X × W interaction at Z is one product per code (rows tagged with
      // the code), tested together on k − 1 df at each value of Z (PROCESS's "test of conditional
      // X*W interaction").
      const parts = codeParts(data, r1, null);
      conditionalInteractions = eachCode((poly, code) => parts.flatMap((part) => tested(derivative(poly, part.role), [r2], part.code ?? code)));
      if (parts.length > 1) conditionalInteractionTests = omnibusTests(data, yFit, yEquation, parts.map((part) => derivative(directPoly, part.role)), combinations([r2], probeMap));
    }
  } else if (!directMediated) {
    if (directRoles.length === 0) directEffects = eachCode((poly, code) => [tagged(linearPath(yFit, poly, {}, s.confidence), code)]);
    else conditionalDirectEffects = eachCode((poly, code) => tested(poly, directRoles, code));
  }
  const rows = <T extends Slot, R>(list: readonly T[], shape: (item: Omit<T, 'slot' | 'code'>) => R): (R & BootstrapEffect)[] => list.map(({ slot, code, ...rest }) => tagged({ ...shape(rest), ...effect(slot) }, code));
  const indirectEffects: IndirectEffect[] | null = unconditional.length > 0 ? rows(unconditional, (u) => ({ label: u.mediator, path: [s.x, u.mediator, s.y] })) : null;
  const totalIndirect: IndirectEffect[] = rows(totals, () => ({ label: 'TOTAL', path: [] as string[] }));
  const conditionalIndirectEffects: ConditionalIndirectEffect[] | null = conditional.length > 0 ? rows(conditional, (c) => c) : null;
  const indexList = <T extends Slot>(list: T[], kind: string) => (mediated && indexKind === kind ? rows(list, (r) => r) : null);

  const predictedValues = mediated || data.xCoding !== null ? null : predictions(data, s, engine.designs[engine.designs.length - 1] as Design, yFit, directRoles, probeMap);
  let johnsonNeyman: JohnsonNeyman | null = null;
  const warnings: PsychkitWarning[] = [];
  // Johnson–Neyman: where X's effect (model 1) or the X × W interaction (model 3: across Z) changes significance.
  const jnPoly = !s.jn || mediated ? null : directRoles.length === 1 ? directPoly : directRoles.length === 2 && conditionalInteractions !== null ? derivative(directPoly, directRoles[0] as string) : null;
  if (jnPoly !== null) {
    const role = rolesOf(jnPoly)[0] as ProbedRole;
    const column = moderators.find((m) => m.role === role)?.column as string;
    if (data.dichotomousByRole.get(role) === true) {
      warnings.push({
        code: 'JN_DICHOTOMOUS',
        message: `The Johnson–Neyman technique needs a continuous moderator; "${column}" has two values, so the conditional effects at those two values are the probe.`,
        details: { column },
      });
    } else johnsonNeyman = regionOf(yFit, jnPoly, data.valuesOf(column), s.confidence);
  }
  const common = commonResult(s.model, s, data, engine, warnings, coefficientSlots);
  const interactionTests = highestOrderTests(data, s, equations, engine.fits);
  const probeY = isProbed(s, data, interactionTests, yEquation.name, s.x);
  const sections = {
    moderators,
    conditionalDirectEffects,
    conditionalEffects: conditionalEffects === null || probeY ? conditionalEffects : [],
    conditionalInteractions: conditionalInteractions === null || probeY ? conditionalInteractions : [],
    indirectEffects,
    conditionalIndirectEffects,
    conditionalIndirectDifferences: differences.length > 0 ? rows(differences, (d) => d) : null,
    indexOfModeratedMediation: indexList(moderatedIndex, 'moderated') as MediationIndex[] | null,
    indexOfPartialModeratedMediation: indexList(partialIndex, 'partial') as MediationIndex[] | null,
    indexOfModeratedModeratedMediation: indexList(mmIndex, 'moderatedModerated') as ModeratedModeratedMediationIndex[] | null,
    indexOfConditionalModeratedMediation: indexList(cmIndex, 'moderatedModerated') as ConditionalMediationIndex[] | null,
  };
  const paths = mediated && moderators.length > 0 ? pathEffects(data, s, equations, engine.fits, [...xColumns.map((c) => c ?? s.x), ...s.m], engine.designs) : null;
  const pathFields = { conditionalPathEffects: paths === null ? null : probedPaths(s, data, interactionTests, paths.effects), johnsonNeymanPaths: paths?.regions ?? null, pathPredictions: paths?.predictions ?? null };
  // The total-effect model (unmoderated models with `total`): Y on X (its codes) and covariates.
  const total = entry.moderators.length === 0 && mediated ? totalEffectFit(data, s) : null;
  if (data.xCoding !== null) {
    const omnibusAt = mediated && directMediated ? [] : combinations(directRoles, probeMap);
    const codes = data.xCoding.columnNames;
    const totalTests = total === null ? [] : omnibusTests(data, total.fit, total.engine, codes.map((c) => [{ coefficients: [c], roles: [] }]), [{}]);
    // A moderated X → M path: the test of equal conditional means in each mediator's equation,
    // at each combination of its moderators' values (as PROCESS prints under that equation).
    const mediatorTests = !mediated
      ? []
      : s.m.flatMap((med) => {
          const aPolys = codes.map((code) => pathPolynomial(entry.mediator as readonly string[], 'x', roles, null, code));
          const aRoles = rolesOf(aPolys[0] as Monomial<string>[]);
          if (aRoles.length === 0) return [];
          const e = equations.findIndex((q) => q.name === med);
          return omnibusTests(data, engine.fits[e] as EquationFit, equations[e] as EngineEquation, aPolys, combinations(aRoles, probeMap));
        });
    const relative: RelativeProcessResult = {
      ...common,
      model: s.model as RelativeProcessResult['model'],
      xCoding: data.xCoding,
      ...sections,
      conditionalPathEffects: pathFields.conditionalPathEffects,
      pathPredictions: pathFields.pathPredictions,
      directEffects,
      totalEffectModel: total?.equation ?? null,
      totalEffects: total === null ? null : codes.map((code) => tagged(testedFromTable(total.equation, code), code)),
      totalIndirectEffects: totalIndirect.length > 0 ? totalIndirect : null,
      standardizedIndirectEffects: s.standardize ? rows(standardizedSlots, (u) => ({ label: u.mediator, path: [s.x, u.mediator, s.y] })) : null,
      omnibusTests: [...mediatorTests, ...omnibusTests(data, yFit, yEquation, directPolys, omnibusAt), ...totalTests],
      interactionTests,
      bootstrap: engine.bootstrap,
    } as RelativeProcessResult;
    return relative as AnyRelativeProcessResult;
  }
  const result = {
    ...common,
    ...sections,
    ...pathFields,
    totalEffectModel: null,
    totalEffect: null,
    contrasts: null,
    conditionalInteractionTests: conditionalInteractionTests === null || probeY ? conditionalInteractionTests : [],
    groupContrasts: groupContrasts.length > 0 ? groupContrasts.map(({ slot, ...rest }) => ({ ...rest, ...effect(slot) })) : null,
    standardized: null,
    directEffect: directEffects?.[0] ?? null,
    predictedValues,
    johnsonNeyman,
    totalIndirectEffect: totalIndirect[0] ?? null,
    interactionTests,
    bootstrap: engine.bootstrap,
  };
  // The sections follow the model's equations, which is what CatalogSections records (tested).
  return result as CatalogProcessResult;
}
