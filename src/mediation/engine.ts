// The engine shared by pathModel and the PROCESS presets: fit every equation by QR on one
// listwise sample, then bootstrap every effect together by case resampling (kernel.ts).
import { fail } from '../errors.js';
import { show } from '../util/options.js';
import { buildDesign, INTERCEPT, numericOf, type Design, type ModelFrame } from '../regression/frame.js';
import { coefficientRows, coefficientTable, covarianceRows, fitLinear, modelSummary, type Coefficient, type LinearFit, type ModelSummary, type StandardErrors } from '../regression/fit.js';
import { fitLogistic, type LogisticFit } from '../regression/logistic.js';
import { normalQuantile, normalTwoSided } from '../probability/index.js';
import { runKernel, type KernelStatistic } from './kernel.js';
import { summariseBootstrap } from '../resampling/intervals.js';
import type { BootstrapInfo, BootstrapSettings } from '../resampling/settings.js';

/** One equation of a path model. */
export interface EngineEquation {
  readonly name: string;
  readonly outcome: string;
  readonly terms: readonly string[];
  /** OLS (default) or logistic regression (the outcome coded 0/1). */
  readonly family?: 'linear' | 'logistic';
}

/** A fitted equation: least squares or logistic. */
export type EquationFit = LinearFit | LogisticFit;

/** Locates coefficients and variables for effect definitions. */
export interface EffectLocator {
  /** Offset of a coefficient in the concatenated coefficient vector; throws if absent. */
  coefficient(equation: string, term: string): number;
  /** Union-column index of a variable (for its SD); throws if absent. */
  variable(name: string): number;
  /** Whether an equation has a term. */
  has(equation: string, term: string): boolean;
  /** An equation's coefficient names, intercept (`constant`) first; empty for an unknown equation. */
  terms(equation: string): readonly string[];
}

export interface EngineEffect {
  readonly name: string;
  readonly statistic: KernelStatistic;
  /** The statistic reads the SDs (its second argument); false lets the bootstrap skip them. Default true. */
  readonly usesSds?: boolean;
}

/** What every fitted equation reports. */
interface FittedEquationCommon {
  /** The equation's name (its outcome, unless named otherwise). */
  readonly name: string;
  readonly outcome: string;
  readonly terms: readonly string[];
  readonly coefficients: readonly Coefficient[];
  /** The coefficients' covariance matrix (OLS or HC; the inverse information for a logistic equation). */
  readonly covariance: readonly (readonly number[])[];
}

/** A least-squares equation as results report it. */
export interface EquationResult extends FittedEquationCommon {
  readonly family: 'linear';
  readonly summary: ModelSummary;
}

/** The summary of a logistic equation, as PROCESS and SPSS print it. */
export interface LogisticSummary {
  /** −2 log-likelihood. */
  readonly minus2LL: number;
  /** Likelihood-ratio χ² against the intercept-only model (PROCESS's "ModelLL"), on `df` = k − 1. */
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
  /** McFadden's R²: 1 − LL/LL₀. */
  readonly mcFadden: number;
  /** Cox & Snell's R²: 1 − exp((2/n)(LL₀ − LL)). */
  readonly coxSnell: number;
  /** Nagelkerke's R²: Cox–Snell over its maximum. */
  readonly nagelkerke: number;
}

/**
 * A logistic equation (a dichotomous Y, coded 0/1) as results report it: coefficients on the
 * log-odds scale with `statistic` = Z = b/se, normal p and CI, as PROCESS.
 */
export interface LogisticEquationResult extends FittedEquationCommon {
  readonly family: 'logistic';
  readonly summary: LogisticSummary;
}

/** Any fitted equation. */
export type FittedEquation = EquationResult | LogisticEquationResult;

/** A bootstrapped effect: point estimate, bootstrap SE and CI (`null` when `bootstrap: 0`). */
export interface BootstrapEffect {
  readonly estimate: number;
  /** Bootstrap standard error: SD of the resampled estimates (B − 1 divisor). */
  readonly se: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /**
   * The B resampled estimates in resample order (only with `keepResamples: true`): the `se` is
   * their SD (B − 1 divisor) and the interval their order statistics.
   */
  readonly draws?: Float64Array;
}

export interface EngineResult {
  readonly designs: readonly Design[];
  readonly fits: readonly EquationFit[];
  readonly equations: readonly FittedEquation[];
  readonly effects: readonly (BootstrapEffect & { readonly name: string })[];
  readonly bootstrap: BootstrapInfo | null;
  /** Point-estimate coefficient vector (concatenated) and locator, for derived quantities. */
  readonly locator: EffectLocator;
  readonly coefficients: Float64Array;
}

export interface EngineInput {
  readonly frame: ModelFrame;
  readonly equations: readonly EngineEquation[];
  /** Mean-centred values of the variables to centre. */
  readonly centered: ReadonlyMap<string, Float64Array>;
  readonly standardErrors: StandardErrors;
  readonly confidence: number;
  readonly bootstrap: BootstrapSettings;
  readonly effects: (locator: EffectLocator) => readonly EngineEffect[];
}

export function equationResult(name: string, fit: EquationFit, confidence: number): FittedEquation {
  const covariance = covarianceRows(fit);
  if (fit.family === 'logistic') {
    // Z = b/se with normal p and confidence bounds, as PROCESS reports a logistic equation.
    const coefficients = coefficientRows(fit, normalQuantile(0.5 + confidence / 2), normalTwoSided);
    const summary = { minus2LL: fit.minus2LL, statistic: fit.modelChiSquare, df: fit.df, p: fit.p, mcFadden: fit.mcFadden, coxSnell: fit.coxSnell, nagelkerke: fit.nagelkerke };
    return { family: 'logistic', name, outcome: fit.outcome, terms: [...fit.names], coefficients, summary, covariance };
  }
  return { family: 'linear', name, outcome: fit.outcome, terms: [...fit.names], coefficients: coefficientTable(fit, confidence), summary: modelSummary(fit), covariance };
}

/**
 * Each union column as a product of variables (indices into `bases`), for the kernel's monomial
 * layout: a column named a:b:… whose values are exactly the product of its parts' values is that
 * product; any other column is a variable of its own.
 */
function unionFactors(unionIndex: ReadonlyMap<string, number>, unionColumns: readonly Float64Array[], valuesOf: (name: string) => Float64Array): { factors: number[][]; bases: Float64Array[] } {
  const baseIndex = new Map<string, number>();
  const bases: Float64Array[] = [];
  const base = (name: string, values: Float64Array) => {
    let b = baseIndex.get(name);
    if (b === undefined) {
      baseIndex.set(name, (b = bases.length));
      bases.push(values);
    }
    return b;
  };
  const partsOf = (name: string, values: Float64Array): [string, Float64Array][] | null => {
    const parts = name.split(':');
    if (parts.length < 2) return null;
    let columns: Float64Array[];
    try {
      columns = parts.map((part) => valuesOf(part));
    } catch {
      return null;
    }
    for (let i = 0; i < values.length; i++) {
      let v = 1;
      for (const col of columns) v *= col[i] as number;
      if (v !== values[i]) return null;
    }
    return parts.map((part, k) => [part, columns[k] as Float64Array]);
  };
  const factors: number[][] = [];
  for (const [name, c] of unionIndex) {
    const values = unionColumns[c - 1] as Float64Array;
    const parts = partsOf(name, values);
    factors[c - 1] = parts === null ? [base(name, values)] : parts.map(([part, col]) => base(part, col));
  }
  return { factors, bases };
}

/** Fits every equation, evaluates every effect at the estimates, and bootstraps them together. */
export function runEngine(input: EngineInput): EngineResult {
  const { frame, equations, centered, standardErrors, confidence, bootstrap } = input;
  const n = frame.n;
  const valuesOf = (name: string) => centered.get(name) ?? numericOf(frame, name);
  const designs = equations.map((eq) => buildDesign(frame, eq.terms, centered));
  const fits: EquationFit[] = equations.map((eq, e) =>
    eq.family === 'logistic' ? fitLogistic(designs[e] as Design, valuesOf(eq.outcome), eq.outcome) : fitLinear(designs[e] as Design, valuesOf(eq.outcome), eq.outcome, standardErrors),
  );

  // Union of design columns and outcomes, by column name (a name always means the same values).
  const unionIndex = new Map<string, number>();
  const unionColumns: Float64Array[] = [];
  const addColumn = (name: string, values: Float64Array) => {
    if (!unionIndex.has(name)) {
      unionIndex.set(name, unionColumns.length + 1);
      unionColumns.push(values);
    }
  };
  designs.forEach((d, e) => {
    for (let j = 1; j < d.p; j++) addColumn(d.names[j] as string, d.x.subarray(j * n, (j + 1) * n));
    addColumn((equations[e] as EngineEquation).outcome, valuesOf((equations[e] as EngineEquation).outcome));
  });
  const offsets: number[] = [];
  let total = 0;
  for (const d of designs) {
    offsets.push(total);
    total += d.p;
  }
  const byName = new Map<string, number>();
  equations.forEach((eq, e) => {
    if (byName.has(eq.name)) throw fail('DUPLICATE_NAME', `Two equations are named "${eq.name}"; give each a distinct \`name\`.`, { option: 'equations', value: eq.name });
    byName.set(eq.name, e);
  });
  const locator: EffectLocator = {
    coefficient(equation, term) {
      const e = byName.get(equation);
      if (e === undefined) {
        throw fail('INVALID_OPTION', `No equation is named "${equation}" (equations: ${[...byName.keys()].join(', ')}).`, { option: 'effects', value: equation });
      }
      const j = (designs[e] as Design).names.indexOf(term);
      if (j < 0) {
        throw fail('INVALID_OPTION', `Equation "${equation}" has no term "${term}" (terms: ${(designs[e] as Design).names.join(', ')}).`, {
          option: 'effects',
          value: term,
        });
      }
      return (offsets[e] as number) + j;
    },
    variable(name) {
      const c = unionIndex.get(name);
      if (c === undefined) {
        throw fail('INVALID_OPTION', `"${name}" is neither an outcome nor a predictor column of the model, so its SD is not tracked.`, { option: 'effects', value: name });
      }
      return c;
    },
    has(equation, term) {
      const e = byName.get(equation);
      return e !== undefined && (designs[e] as Design).names.includes(term);
    },
    terms(equation) {
      const e = byName.get(equation);
      return e === undefined ? [] : (designs[e] as Design).names;
    },
  };
  const effects = input.effects(locator);
  const coefficients = new Float64Array(total);
  fits.forEach((f, e) => coefficients.set(f.b, offsets[e] as number));
  const sds = new Float64Array(unionColumns.length + 1);
  unionColumns.forEach((col, c) => {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += col[i] as number;
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += ((col[i] as number) - mean) ** 2;
    sds[c + 1] = Math.sqrt(ss / (n - 1));
  });
  const points = effects.map((eff) => {
    const v = eff.statistic(coefficients, sds);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw fail('INVALID_OPTION', `Effect "${eff.name}" is ${show(v)} at the estimates; an effect must return a finite number.`, { option: 'effects', value: eff.name });
    }
    return v;
  });
  let bootstrapInfo: BootstrapInfo | null = null;
  let summaries: ({ se: number; lower: number; upper: number } | null)[] = effects.map(() => null);
  let draws: Float64Array[] | null = null;
  if (bootstrap.resamples > 0 && effects.length > 0) {
    const B = bootstrap.resamples;
    const { factors, bases } = unionFactors(unionIndex, unionColumns, valuesOf);
    const out = runKernel({
      factors,
      bases,
      n,
      columns: unionColumns,
      equations: designs.map((d, e) => ({
        outcome: unionIndex.get((equations[e] as EngineEquation).outcome) as number,
        predictors: d.names.map((name, j) => (j === 0 ? 0 : (unionIndex.get(name) as number))),
        // A logistic equation is refitted by Newton steps from the full-sample estimate.
        ...(fits[e]?.family === 'logistic' ? { logisticStart: (fits[e] as LogisticFit).b } : {}),
      })),
      statistics: effects.map((e) => e.statistic),
      resamples: B,
      seed: bootstrap.seed,
      // The SDs' sums of squares cost a pass over the cases per resample: only when read.
      needSds: effects.some((e) => e.usesSds !== false),
      onProgress: bootstrap.onProgress,
    });
    // Copied before summariseBootstrap reorders each block in place: the draws stay in resample order.
    if (bootstrap.keepResamples === true) draws = effects.map((_, s) => out.estimates.slice(s * B, (s + 1) * B));
    summaries = effects.map((_, s) => summariseBootstrap(out.estimates.subarray(s * B, (s + 1) * B), points[s] as number, confidence, bootstrap.interval));
    bootstrapInfo = { resamples: B, replaced: out.replaced, seed: bootstrap.seed, interval: bootstrap.interval, confidence };
  }
  return {
    designs,
    fits,
    equations: equations.map((eq, e) => equationResult(eq.name, fits[e] as LinearFit, confidence)),
    effects: effects.map((eff, s) => {
      const sm = summaries[s];
      const kept = draws === null ? {} : { draws: draws[s] as Float64Array };
      return { name: eff.name, estimate: points[s] as number, se: sm?.se ?? null, lower: sm?.lower ?? null, upper: sm?.upper ?? null, ...kept };
    }),
    bootstrap: bootstrapInfo,
    locator,
    coefficients,
  };
}

export { INTERCEPT };
