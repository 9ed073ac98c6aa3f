// What every PROCESS model family does before and after its own effects: the listwise sample,
// mean-centring of product variables, probe values, tests of product terms, conditional effects,
// and the parts of the result every family shares.
import type { PsychkitWarning } from '../errors.js';
import { type Table, tableView } from '../data/table.js';
import { fSurvival } from '../probability/index.js';
import { buildDesign, buildFrame, numericOf, type ModelFrame } from '../regression/frame.js';
import { fitLinear, perfectFitWarnings, waldTest, type LinearFit } from '../regression/fit.js';
import { runEngine, type EffectLocator, type EngineEffect, type EngineEquation, type EngineResult, type EquationResult } from './engine.js';
import type { ProcessSettings } from './process-options.js';
import type { ProbedRole } from './catalog.js';
import { conditionalEffect, isDichotomous, probeValues, type ConditionalEffect, type Probes } from './probes.js';
import type { InteractionTest, ProcessModelNumber, ProcessResultCommon, TestedEffect } from './process-types.js';

/** The analysis sample of a PROCESS model with its centred variables. */
export interface ProcessData {
  readonly frame: ModelFrame;
  /** Mean-centred values of the centred variables. */
  readonly centered: ReadonlyMap<string, Float64Array>;
  /** A variable's values as the equations use them (centred when it is). */
  valuesOf(name: string): Float64Array;
  /** Probe values of W (null without a moderator). */
  readonly probes: Probes | null;
  /** W takes exactly two values. */
  readonly dichotomousW: boolean;
  /** Probe values of each probed role (the moderators; X in model 74). */
  readonly probesByRole: ReadonlyMap<ProbedRole, Probes>;
  /** Whether each probed role's column takes exactly two values. */
  readonly dichotomousByRole: ReadonlyMap<ProbedRole, boolean>;
  readonly warnings: PsychkitWarning[];
}

/**
 * Reads the model's variables (one listwise sample), mean-centres the variables that form
 * products in `equations` as `center` asks, and finds the probe values of the moderators.
 */
export function processData(table: Table, s: ProcessSettings, equations: readonly EngineEquation[]): ProcessData {
  const view = tableView(table, s.missingCodes);
  const { x, y, m, w } = s;
  const frame = buildFrame(view, { numeric: [x, y, ...m, ...Object.values(s.moderators)], predictors: s.covariates, categorical: s.categorical });
  const inProducts = new Set<string>();
  for (const eq of equations) for (const term of eq.terms) if (term.includes(':')) for (const part of term.split(':')) inProducts.add(part);
  const centered = new Map<string, Float64Array>();
  const shiftOf = new Map<string, number>();
  if (s.center !== 'none') {
    for (const v of inProducts) {
      const values = numericOf(frame, v);
      if (s.center === 'continuous' && isDichotomous(values)) continue;
      let mean = 0;
      for (let i = 0; i < values.length; i++) mean += values[i] as number;
      mean /= values.length;
      centered.set(v, values.map((u) => u - mean));
      shiftOf.set(v, mean);
    }
  }
  const valuesOf = (v: string) => centered.get(v) ?? numericOf(frame, v);
  const probesByRole = new Map<ProbedRole, Probes>();
  const dichotomousByRole = new Map<ProbedRole, boolean>();
  for (const role of s.probed) {
    const column = role === 'x' ? x : (s.moderators[role] as string);
    probesByRole.set(role, probeValues(valuesOf(column), s.probesByRole[role] ?? 'percentiles', s.quantileType, shiftOf.get(column) ?? 0));
    dichotomousByRole.set(role, isDichotomous(numericOf(frame, column)));
  }
  return {
    frame,
    centered,
    valuesOf,
    probes: w === null ? null : (probesByRole.get('w') as Probes),
    dichotomousW: w !== null && isDichotomous(numericOf(frame, w)),
    probesByRole,
    dichotomousByRole,
    warnings: [...frame.warnings],
  };
}

/**
 * Fits a model's equations on its sample and bootstraps its effects (none: no bootstrap), with
 * the model's standard errors and confidence level.
 */
export function fitProcess(
  data: ProcessData,
  s: ProcessSettings,
  equations: readonly EngineEquation[],
  effects: (locator: EffectLocator) => readonly EngineEffect[] = () => [],
): EngineResult {
  return runEngine({
    frame: data.frame,
    equations,
    centered: data.centered,
    standardErrors: s.standardErrors,
    confidence: s.confidence,
    bootstrap: s.bootstrap,
    effects,
  });
}

/** The name of the X·W product term. */
export function productOf(a: string, b: string): string {
  return `${a}:${b}`;
}

/** A coefficient of an equation as a tested effect. */
export function testedFromTable(eq: EquationResult, term: string): TestedEffect {
  const c = eq.coefficients.find((k) => k.term === term) as EquationResult['coefficients'][number];
  return { estimate: c.estimate, se: c.se, statistic: c.statistic, p: c.p, lower: c.lower, upper: c.upper };
}

/** θ(w) = b_focal + b_product·w at each value, from one equation's fit. */
export function conditionalEffects(fit: LinearFit, focal: string, product: string, values: readonly number[], confidence: number): ConditionalEffect[] {
  const i = fit.names.indexOf(focal);
  const j = fit.names.indexOf(product);
  const V = fit.covariance;
  const k = fit.k;
  return values.map((wi) =>
    conditionalEffect(fit.b[i] as number, fit.b[j] as number, V[i * k + i] as number, V[i * k + j] as number, V[j * k + j] as number, wi, fit.residualDf, confidence),
  );
}

/** Tests of each product term: R² change on the same sample, F classical or Wald (HC). */
export function interactionTests(data: ProcessData, s: ProcessSettings, equations: readonly EngineEquation[], fits: readonly LinearFit[]): InteractionTest[] {
  const tests: InteractionTest[] = [];
  for (const [e, eq] of equations.entries()) {
    const fit = fits[e] as LinearFit;
    for (const term of eq.terms.filter((t) => t.includes(':'))) {
      const reduced = fitLinear(buildDesign(data.frame, eq.terms.filter((t) => t !== term), data.centered), data.valuesOf(eq.outcome), eq.outcome, 'ols');
      const j = fit.names.indexOf(term);
      const df2 = fit.residualDf;
      const rSquaredChange = fit.rSquared - reduced.rSquared;
      const f = s.standardErrors === 'ols' ? (reduced.sse - fit.sse) / (fit.sse / df2) : waldTest(fit.b, fit.covariance, fit.k, [j], eq.outcome);
      tests.push({ equation: eq.name, term, rSquaredChange, statistic: f, df1: 1, df2, p: fSurvival(f, 1, df2) });
    }
  }
  return tests;
}

/** The fields every family's result shares. */
export function commonResult<M extends ProcessModelNumber>(model: M, s: ProcessSettings, data: ProcessData, engine: EngineResult, extraWarnings: readonly PsychkitWarning[] = []): ProcessResultCommon<M> {
  const warnings = [...data.warnings, ...engine.fits.flatMap((fit, e) => perfectFitWarnings(fit, engine.equations[e]?.name ?? fit.outcome)), ...extraWarnings];
  return {
    kind: 'processModel',
    model,
    variables: { x: s.x, y: s.y, m: [...s.m], w: s.w, z: s.z, v: s.v, q: s.q, covariates: [...s.covariates] },
    n: data.frame.n,
    nDropped: data.frame.dropped,
    settings: { hc: s.hc, confidence: s.confidence, center: s.center, centered: [...data.centered.keys()], covariatesIn: s.covariatesIn },
    equations: engine.equations,
    warnings,
  };
}

/** The index of the named equation's fit. */
export function fitOf(engine: EngineResult, name: string): LinearFit {
  return engine.fits[engine.equations.findIndex((e) => e.name === name)] as LinearFit;
}

/** The named equation's result. */
export function equationOf(engine: EngineResult, name: string): EquationResult {
  return engine.equations.find((e) => e.name === name) as EquationResult;
}

/** Only the four public fields of an engine effect (drops its internal `name`). */
export function effectFields(e: { readonly estimate: number; readonly se: number | null; readonly lower: number | null; readonly upper: number | null }) {
  return { estimate: e.estimate, se: e.se, lower: e.lower, upper: e.upper };
}
