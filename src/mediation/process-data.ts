// What every PROCESS model does before and after its own effects: the listwise sample,
// mean-centring of product variables, a dichotomous Y's 0/1 coding, probe values, and the parts
// of the result every model shares.
import { fail, type PsychkitWarning } from '../errors.js';
import { type Table, tableView } from '../data/table.js';
import { buildFrame, numericOf, type CategoricalOption, type ModelFrame } from '../regression/frame.js';
import { groupCoding, type GroupCoding, type GroupCodingOption } from '../data/group-coding.js';
import { NUMERIC_STRING } from '../data/parse.js';
import { perfectFitWarnings } from '../regression/fit.js';
import { runEngine, type EffectLocator, type EngineEffect, type EngineEquation, type EngineResult, type EquationFit, type FittedEquation } from './engine.js';
import type { ProcessSettings } from './process-options.js';
import { networkEquations } from './process-network.js';
import { mediatorTerms, outcomeTerms, type ProbedRole, type RoleColumns } from './catalog.js';
import { distinctValues, isDichotomous, probeValues, type Probes } from './probes.js';
import type { CoefficientBootstrap, ProcessModelNumber, ProcessResultCommon, TestedEffect } from './process-types.js';

/** The analysis sample of a PROCESS model with its centred variables. */
export interface ProcessData {
  readonly frame: ModelFrame;
  /** The columns behind each role (a multicategorical X's code columns in \`xCodes\`). */
  readonly roles: RoleColumns;
  /** The model's equations over those columns. */
  readonly equations: readonly EngineEquation[];
  /** A multicategorical X's coding (null for a numeric X). */
  readonly xCoding: GroupCoding | null;
  /** A multicategorical W's coding (null for a numeric W). */
  readonly wCoding: GroupCoding | null;
  /** A multicategorical Z's coding (null for a numeric Z). */
  readonly zCoding: GroupCoding | null;
  /** Mean-centred values of the centred variables. */
  readonly centered: ReadonlyMap<string, Float64Array>;
  /** A variable's values as the equations use them (centred when it is). */
  valuesOf(name: string): Float64Array;
  /** Probe values of each probed role (the moderators; X in model 74). */
  readonly probesByRole: ReadonlyMap<ProbedRole, Probes>;
  /** Whether each probed role's column takes exactly two values. */
  readonly dichotomousByRole: ReadonlyMap<ProbedRole, boolean>;
  /** How Y's equation is fitted: OLS, or logistic regression for a dichotomous Y. */
  readonly yModel: 'linear' | 'logistic';
  /** A logistic Y's two values: the one coded 0, the one coded 1 (null for OLS). */
  readonly yCoding: readonly [number, number] | null;
  /** Every column the equations read in place of the frame's: the centred ones and a logistic Y coded 0/1. */
  readonly values: ReadonlyMap<string, Float64Array>;
  readonly warnings: PsychkitWarning[];
}

/**
 * Whether Y's equation is logistic: as PROCESS, when Y takes exactly two values (`yModel:
 * 'auto'`), or when asked; then the lower value is coded 0 and the higher 1.
 */
function outcomeModel(values: Float64Array, s: ProcessSettings): { yModel: 'linear' | 'logistic'; yCoding: readonly [number, number] | null; coded: Float64Array | null } {
  const distinct = distinctValues(values, 2);
  const two = distinct.length === 2;
  if (s.yModel === 'logistic' && !two) {
    throw fail('INVALID_OPTION', `\`yModel: 'logistic'\` needs a dichotomous Y; "${s.y}" takes ${distinct.length > 2 ? 'more than two values' : 'one value'} in the analysis sample.`, {
      option: 'yModel',
      column: s.y,
    });
  }
  if (!two || s.yModel === 'linear') return { yModel: 'linear', yCoding: null, coded: null };
  const [lo, hi] = distinct as [number, number];
  return { yModel: 'logistic', yCoding: [lo, hi], coded: values.map((v) => (v === hi ? 1 : 0)) };
}

/** The columns behind each role of the model (a multicategorical X's code columns, once coded). */
export function roleColumns(s: ProcessSettings, xCodes: readonly string[] | null = null, wCodes: readonly string[] | null = null, zCodes: readonly string[] | null = null): RoleColumns {
  return { x: s.x, y: s.y, m: s.m, moderators: s.moderators, xCodes, wCodes, zCodes };
}

/** The model's equations from its catalog templates: each mediator's, then Y's, with covariates where `covariatesIn` puts them. */
export function catalogEquations(s: ProcessSettings, roles: RoleColumns = roleColumns(s)): EngineEquation[] {
  if (s.network !== null) return networkEquations(s, roles.xCodes ?? null, roles.wCodes ?? null);
  const covM = s.covariatesIn === 'outcome' ? [] : s.covariates;
  const covY = s.covariatesIn === 'mediators' ? [] : s.covariates;
  return [
    ...s.m.map((med, i) => ({ name: med, outcome: med, terms: [...mediatorTerms(s.entry, roles, i), ...covM] })),
    { name: s.y, outcome: s.y, terms: [...outcomeTerms(s.entry, roles), ...covY] },
  ];
}

/** `categorical` with a multicategorical variable declared too (kept as the user declared it, if they did). */
function withCategorical(option: CategoricalOption | undefined, column: string): CategoricalOption {
  if (option === undefined) return [column];
  if (Array.isArray(option)) return option.includes(column) ? option : [...(option as readonly string[]), column];
  const declared = option as Readonly<Record<string, unknown>>;
  return (declared[column] === undefined ? { ...declared, [column]: true } : option) as CategoricalOption;
}

/**
 * A multicategorical variable's code columns (X's, or the moderator W's), added to the frame as
 * numeric variables: its groups are its levels in order with the reference first (PROCESS: the
 * values ascending, the lowest group 1). At most 9 groups and at least two cases in each, as in
 * PROCESS. Returns the coding and each case's group (0-based).
 */
function codeGroups(frame: ModelFrame, column: string, role: 'X' | 'W' | 'Z', option: 'xCoding' | 'wCoding' | 'zCoding', scheme: GroupCodingOption): { frame: ModelFrame; coding: GroupCoding } {
  const variable = frame.variables.get(column);
  if (variable?.kind !== 'categorical') throw new Error(`internal: ${role} "${column}" was not read as categorical`);
  const dummy = variable.coding;
  const levels = [dummy.reference, ...dummy.levels.filter((l) => l !== dummy.reference)];
  if (levels.length > 9) {
    throw fail('INVALID_OPTION', `The multicategorical ${role} "${column}" has ${levels.length} groups in the analysis sample; \`${option}\` takes at most 9 (as PROCESS). Is "${column}" a continuous variable?`, {
      option,
      column,
      value: levels.length,
    });
  }
  const coding = groupCoding(column, levels, scheme, option);
  const n = frame.n;
  const group = new Int32Array(n); // 0 = the reference
  dummy.columns.forEach((col, j) => {
    for (let i = 0; i < n; i++) if (col[i] === 1) group[i] = j + 1;
  });
  const counts = new Int32Array(levels.length);
  for (let i = 0; i < n; i++) counts[group[i] as number] = (counts[group[i] as number] as number) + 1;
  counts.forEach((count, g) => {
    if (count < 2) {
      throw fail('TOO_FEW_CASES', `Group "${levels[g]}" of the multicategorical ${role} "${column}" has ${count} case${count === 1 ? '' : 's'} in the analysis sample; each group needs at least 2 (as in PROCESS).`, {
        column,
        value: levels[g],
      });
    }
  });
  const variables = new Map(frame.variables);
  coding.columnNames.forEach((name, j) => {
    if (variables.has(name)) throw fail('DUPLICATE_NAME', `A code column of the multicategorical ${role} is named "${name}", which is also a model variable.`, { column: name });
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = coding.matrix[group[i] as number]?.[j] as number;
    variables.set(name, { kind: 'numeric', name, values });
  });
  // Numbered groups in ascending order are PROCESS's rule (the lowest is group 1): no warning then.
  // Labels sorted by code point get one, worded for codings other than the indicator's.
  const warnings = frame.warnings.flatMap((w): PsychkitWarning[] => {
    if (w.code !== 'CATEGORICAL_REFERENCE' || w.details?.column !== column) return [w];
    if (levels.every((l) => NUMERIC_STRING.test(l))) return [];
    const listed = levels.map((l) => `'${l}'`).join(', ');
    return [
      {
        code: 'CATEGORICAL_REFERENCE',
        message: `The groups of ${role} "${column}" were not declared, so they are in sorted order (${listed}) and "${levels[0]}" is group 1 (indicator coding's reference). To choose the order, pass \`categorical: { ${JSON.stringify(column)}: [${listed}] }\` with the groups in the order you want.`,
        details: { column, reference: levels[0], levels },
      },
    ];
  });
  return { frame: { ...frame, variables, warnings }, coding };
}

/**
 * Reads the model's variables (one listwise sample), codes a multicategorical X, builds the
 * equations, mean-centres the variables that form products as `center` asks (never a
 * multicategorical X's codes, as PROCESS), and finds the probe values of the moderators.
 */
export function processData(table: Table, s: ProcessSettings): ProcessData {
  const view = tableView(table, s.missingCodes);
  const { x, y, m } = s;
  // A multicategorical X, W or Z (at most one) is read as categorical and coded.
  const grouped =
    s.xCoding !== null
      ? { column: x, role: 'X' as const, option: 'xCoding' as const, scheme: s.xCoding }
      : s.wCoding !== null && s.w !== null
        ? { column: s.w, role: 'W' as const, option: 'wCoding' as const, scheme: s.wCoding }
        : s.zCoding !== null && s.z !== null
          ? { column: s.z, role: 'Z' as const, option: 'zCoding' as const, scheme: s.zCoding }
          : null;
  const read = buildFrame(view, {
    numeric: [x, y, ...m, ...Object.values(s.moderators)].filter((v) => v !== grouped?.column),
    predictors: [...(grouped === null ? [] : [grouped.column]), ...s.covariates],
    categorical: grouped === null ? s.categorical : withCategorical(s.categorical, grouped.column),
  });
  const { frame, coding } = grouped === null ? { frame: read, coding: null } : codeGroups(read, grouped.column, grouped.role, grouped.option, grouped.scheme);
  const xCoding = grouped?.role === 'X' ? coding : null;
  const wCoding = grouped?.role === 'W' ? coding : null;
  const zCoding = grouped?.role === 'Z' ? coding : null;
  const moderatorCoding = wCoding ?? zCoding;
  if (moderatorCoding !== null && !moderatorCoding.levels.every((l) => NUMERIC_STRING.test(l))) {
    const role = wCoding !== null ? 'w' : 'z';
    throw fail('NON_NUMERIC', `The groups of the multicategorical ${role.toUpperCase()} "${moderatorCoding.column}" must be numbers (they are the moderator values \`at.${role}\` of the conditional rows); recode ${moderatorCoding.levels.map((l) => `"${l}"`).join(', ')} as 1, 2, ….`, {
      column: moderatorCoding.column,
    });
  }
  const roles = roleColumns(s, xCoding?.columnNames ?? null, wCoding?.columnNames ?? null, zCoding?.columnNames ?? null);
  const equations = catalogEquations(s, roles);
  const codeColumns = new Set(coding?.columnNames ?? []);
  const inProducts = new Set<string>();
  for (const eq of equations) for (const term of eq.terms) if (term.includes(':')) for (const part of term.split(':')) if (!codeColumns.has(part)) inProducts.add(part);
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
  const { yModel, yCoding, coded } = outcomeModel(numericOf(frame, y), s);
  const values = new Map(centered);
  if (coded !== null) values.set(y, coded);
  const valuesOf = (v: string) => values.get(v) ?? numericOf(frame, v);
  const probesByRole = new Map<ProbedRole, Probes>();
  const dichotomousByRole = new Map<ProbedRole, boolean>();
  for (const role of s.probed) {
    const column = role === 'x' ? x : (s.moderators[role] as string);
    const grouping = role === 'w' ? wCoding : role === 'z' ? zCoding : null;
    if (grouping !== null) {
      // A multicategorical moderator is probed at each of its groups.
      probesByRole.set(role, { values: grouping.levels.map(Number), definition: `the groups of a multicategorical moderator (${grouping.coding} coding)` });
      dichotomousByRole.set(role, false);
      continue;
    }
    probesByRole.set(role, probeValues(valuesOf(column), s.probesByRole[role] ?? 'percentiles', s.quantileType, shiftOf.get(column) ?? 0));
    dichotomousByRole.set(role, isDichotomous(numericOf(frame, column)));
  }
  // PROCESS refuses a two-valued mediator unless told (`mdichok`); psychkit fits it, and says so.
  const warnings: PsychkitWarning[] = [...frame.warnings];
  for (const med of m) {
    if (isDichotomous(numericOf(frame, med))) {
      warnings.push({
        code: 'DICHOTOMOUS_MEDIATOR',
        message: `Mediator "${med}" takes two values; its equation is fitted by OLS (a linear probability model), as PROCESS does only with mdichok (it refuses otherwise). Indirect effects through it are on its 0/1 scale.`,
        details: { column: med },
      });
    }
  }
  return {
    frame,
    roles,
    equations,
    xCoding,
    wCoding,
    zCoding,
    centered,
    valuesOf,
    probesByRole,
    dichotomousByRole,
    yModel,
    yCoding,
    values,
    warnings,
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
    // Y's equation (and only it) is logistic for a dichotomous Y; mediators stay OLS, as in PROCESS.
    equations: equations.map((eq) => (eq.outcome === s.y ? { ...eq, family: data.yModel } : eq)),
    centered: data.values,
    standardErrors: s.standardErrors,
    confidence: s.confidence,
    bootstrap: s.bootstrap,
    effects,
  });
}

/** Where each bootstrapped regression coefficient is among a model's effects (`bootstrapCoefficients`). */
export interface CoefficientSlot {
  readonly equation: string;
  readonly term: string;
  readonly slot: number;
}

/**
 * With `bootstrapCoefficients`, every coefficient of every equation as an effect of its own
 * (PROCESS's `modelbt`), appended to `out`; returns where each went.
 */
export function coefficientEffects(s: ProcessSettings, loc: EffectLocator, equations: readonly EngineEquation[], out: EngineEffect[]): CoefficientSlot[] {
  if (!s.bootstrapCoefficients) return [];
  const slots: CoefficientSlot[] = [];
  for (const eq of equations) {
    for (const term of loc.terms(eq.name)) {
      const at = loc.coefficient(eq.name, term);
      slots.push({ equation: eq.name, term, slot: out.length });
      out.push({ name: `coefficient ${eq.name} ${term}`, statistic: (c) => c[at] as number, usesSds: false });
    }
  }
  return slots;
}

/** The bootstrapped coefficients of a model (null without `bootstrapCoefficients` or a bootstrap). */
export function coefficientBootstrap(engine: EngineResult, slots: readonly CoefficientSlot[]): CoefficientBootstrap[] | null {
  if (slots.length === 0 || engine.bootstrap === null) return null;
  return slots.map(({ equation, term, slot }) => ({ equation, term, ...effectFields(engine.effects[slot] as EngineResult['effects'][number]) }));
}

/** A coefficient of an equation as a tested effect. */
export function testedFromTable(eq: FittedEquation, term: string): TestedEffect {
  const c = eq.coefficients.find((k) => k.term === term) as FittedEquation['coefficients'][number];
  return { estimate: c.estimate, se: c.se, statistic: c.statistic, p: c.p, lower: c.lower, upper: c.upper };
}

/** The fields every family's result shares. */
export function commonResult<M extends ProcessModelNumber>(
  model: M,
  s: ProcessSettings,
  data: ProcessData,
  engine: EngineResult,
  extraWarnings: readonly PsychkitWarning[] = [],
  coefficients: readonly CoefficientSlot[] = [],
): ProcessResultCommon<M> {
  const warnings = [...data.warnings, ...engine.fits.flatMap((fit, e) => (fit.family === 'linear' ? perfectFitWarnings(fit, engine.equations[e]?.name ?? fit.outcome) : [])), ...extraWarnings];
  return {
    kind: 'processModel',
    model,
    variables: { x: s.x, y: s.y, m: [...s.m], w: s.w, z: s.z, v: s.v, q: s.q, covariates: [...s.covariates] },
    n: data.frame.n,
    nDropped: data.frame.dropped,
    settings: { hc: s.hc, confidence: s.confidence, center: s.center, centered: [...data.centered.keys()], covariatesIn: s.covariatesIn, yModel: data.yModel, yCoding: data.yCoding, probeThreshold: s.probeThreshold },
    equations: engine.equations,
    coefficientBootstrap: coefficientBootstrap(engine, coefficients),
    warnings,
  };
}

/**
 * The total-effect model Y ← X (or X's codes) + Y's covariates on the model's sample, when
 * `total` asks for it and Y is fitted by OLS (on the log-odds scale the total effect is not the
 * direct plus the indirect effects, so PROCESS refuses it for a dichotomous Y).
 */
export function totalEffectFit(data: ProcessData, s: ProcessSettings): { readonly equation: FittedEquation; readonly fit: EquationFit; readonly engine: EngineEquation } | null {
  if (!s.total || data.yModel !== 'linear') return null;
  const name = ['total', 'total effect', '(total)'].find((t) => t !== s.y && !s.m.includes(t)) as string;
  const covY = s.covariatesIn === 'mediators' ? [] : s.covariates;
  const engine: EngineEquation = { name, outcome: s.y, terms: [...(data.xCoding?.columnNames ?? [s.x]), ...covY] };
  const t = fitProcess(data, s, [engine]);
  return { equation: t.equations[0] as FittedEquation, fit: t.fits[0] as EquationFit, engine };
}

/** The named equation's fit. */
export function fitOf(engine: EngineResult, name: string): EquationFit {
  return engine.fits[engine.equations.findIndex((e) => e.name === name)] as EquationFit;
}

/** The named equation's result. */
export function equationOf(engine: EngineResult, name: string): FittedEquation {
  return engine.equations.find((e) => e.name === name) as FittedEquation;
}

/** Only the public fields of an engine effect (drops its internal `name`): the four, and `draws` with keepResamples. */
export function effectFields(e: { readonly estimate: number; readonly se: number | null; readonly lower: number | null; readonly upper: number | null; readonly draws?: Float64Array }) {
  // `draws` only with keepResamples: absent otherwise, so results without it are unchanged.
  return { estimate: e.estimate, se: e.se, lower: e.lower, upper: e.upper, ...(e.draws === undefined ? {} : { draws: e.draws }) };
}
