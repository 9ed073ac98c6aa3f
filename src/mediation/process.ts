import { fail, type PsychkitWarning } from '../errors.js';
import { readTable, type Table } from '../data/table.js';
import { booleanOption, numberIn, oneOf, optionsObject, show } from '../util/options.js';
import { deepFreeze } from '../util/freeze.js';
import { fSurvival, normalTwoSided } from '../probability/index.js';
import { buildDesign, buildFrame, numericOf } from '../regression/frame.js';
import { fitLinear, waldTest, type LinearFit } from '../regression/fit.js';
import { confidenceOption, hcOption, nameOption, namesOption } from '../regression/options.js';
import { runEngine, type BootstrapEffect, type EngineEffect, type EngineEquation, type EquationResult } from './engine.js';
import { bootstrapSettings } from '../resampling/settings.js';
import { conditionalEffect, isDichotomous, johnsonNeyman, probeOption, probeValues, type JohnsonNeyman, type Probes } from './probes.js';
import type {
  ConditionalIndirectDifference,
  ConditionalIndirectEffect,
  IndirectContrast,
  IndirectEffect,
  InteractionTest,
  ModeratedMediationIndex,
  ProcessModel,
  ProcessOptions,
  ProcessResult,
  SobelTest,
  TestedEffect,
} from './process-types.js';


/** PROCESS model numbers psychkit implements. */
export const PROCESS_MODELS: readonly ProcessModel[] = [1, 4, 6, 7, 8, 14, 58, 59];

interface ModelShape {
  /** Allowed number of mediators. */
  readonly mediators: readonly [number, number];
  readonly serial: boolean;
  /** W moderates X→M (a), M→Y (b), X→Y (c′). */
  readonly a: boolean;
  readonly b: boolean;
  readonly c: boolean;
}

const SHAPES: Readonly<Record<ProcessModel, ModelShape>> = {
  1: { mediators: [0, 0], serial: false, a: false, b: false, c: true },
  4: { mediators: [1, 10], serial: false, a: false, b: false, c: false },
  6: { mediators: [2, 6], serial: true, a: false, b: false, c: false },
  7: { mediators: [1, 10], serial: false, a: true, b: false, c: false },
  8: { mediators: [1, 10], serial: false, a: true, b: false, c: true },
  14: { mediators: [1, 10], serial: false, a: false, b: true, c: false },
  58: { mediators: [1, 10], serial: false, a: true, b: true, c: false },
  59: { mediators: [1, 10], serial: false, a: true, b: true, c: true },
};

function testedFromTable(eq: EquationResult, term: string): TestedEffect {
  const c = eq.coefficients.find((k) => k.term === term) as EquationResult['coefficients'][number];
  return { effect: c.b, se: c.se, t: c.t, p: c.p, lower: c.lower, upper: c.upper };
}

function notFor(option: string, model: ProcessModel, why: string): never {
  throw fail('INVALID_OPTION', `\`${option}\` does not apply to model ${model}: ${why}.`, { option, value: model });
}

/**
 * PROCESS models 1, 4, 6, 7, 8, 14, 58 and 59 (Hayes, 2022), built on {@link pathModel}'s engine.
 *
 * As PROCESS: OLS equations (QR) on one listwise sample; covariates in every equation unless
 * `covariatesIn` says otherwise; moderators probed at the 16th/50th/84th percentiles (type 6),
 * mean ± SD or given values, a dichotomous moderator at its two values; indirect effects
 * (products of path coefficients; conditional ones (a₁ + a₃W)(b₁ + b₃W)) with case-resampling
 * bootstrap SEs and percentile or bias-corrected CIs from 5,000 seeded resamples; direct and total
 * effects with t tests; Johnson–Neyman points inside the range of W. Unlike PROCESS, fewer than
 * 1,000 resamples are refused, and critical t values are exact.
 *
 * @example
 * ```ts
 * const r = process(rows, { model: 4, x: 'esse', m: 'ss', y: 'pwb', covariates: ['gender', 'education', 'marital'], seed: 1 });
 * r.indirectEffects[0]; // { label: 'ss', effect, se, lower, upper }
 * r.directEffect; r.totalEffect;
 * console.log(formatProcess(r));
 * ```
 */
export function process(table: Table, options: ProcessOptions): ProcessResult {
  const o = optionsObject(options, 'process');
  if (!PROCESS_MODELS.includes(o.model)) {
    throw fail('UNKNOWN_MODEL', `PROCESS model ${show(o.model)} is not implemented (available: ${PROCESS_MODELS.join(', ')}); write it with pathModel().`, {
      option: 'model',
      value: o.model,
    });
  }
  const model = o.model;
  const shape = SHAPES[model];
  const moderated = model !== 4 && model !== 6;
  const x = nameOption('x', o.x);
  const y = nameOption('y', o.y);
  const m = namesOption('m', o.m, { min: 0, required: false });
  if (x === y) throw fail('INVALID_OPTION', `x and y are the same column ("${x}").`, { option: 'y', column: y });
  const [minM, maxM] = shape.mediators;
  if (m.length > maxM) {
    throw fail('INVALID_OPTION', maxM === 0 ? `Model ${model} has no mediator; remove \`m\`.` : `Model ${model} takes at most ${maxM} mediators; got ${m.length}.`, {
      option: 'm',
      value: m.length,
    });
  }
  if (m.length < minM) throw fail('TOO_FEW_VARIABLES', `Model ${model} needs at least ${minM} mediator(s) in \`m\`; got ${m.length}.`, { option: 'm', value: m.length });
  for (const med of m) {
    if (med === x || med === y) throw fail('INVALID_OPTION', `Mediator "${med}" is also ${med === x ? 'x' : 'y'}.`, { option: 'm', column: med });
  }
  let w: string | null = null;
  if (moderated) {
    if (o.w === undefined) throw fail('INVALID_OPTION', `Model ${model} needs a moderator \`w\`.`, { option: 'w' });
    w = nameOption('w', o.w);
    if (w === x || w === y || m.includes(w)) throw fail('INVALID_OPTION', `The moderator "${w}" is also x, y or a mediator.`, { option: 'w', column: w });
  } else if (o.w !== undefined) notFor('w', model, 'the model has no moderator');
  if (o.z !== undefined) notFor('z', model, 'none of the implemented models (1, 4, 6, 7, 8, 14, 58, 59) has a second moderator Z');
  const covariates = namesOption('covariates', o.covariates, { min: 0, required: false });
  for (const c of covariates) {
    if (c === x || c === y || c === w || m.includes(c)) throw fail('INVALID_OPTION', `Covariate "${c}" is also a model variable.`, { option: 'covariates', column: c });
  }
  const covariatesIn = oneOf('covariatesIn', o.covariatesIn, ['both', 'mediators', 'outcome'] as const, 'both');
  if (model === 1 && covariatesIn !== 'both') notFor('covariatesIn', model, 'the model has only the outcome equation, which always has the covariates');
  const center = oneOf('center', o.center, ['none', 'all', 'continuous'] as const, 'none');
  if (!moderated && o.center !== undefined && center !== 'none') notFor('center', model, 'the model has no product terms');
  if (!moderated && o.probes !== undefined) notFor('probes', model, 'the model has no moderator');
  const probesOption = probeOption(o.probes);
  const quantileType = numberIn('quantileType', o.quantileType, 6, 6, 7, { integer: true }) as 6 | 7;
  const { hc, standardErrors } = hcOption(o.hc);
  const confidence = confidenceOption(o.confidence);
  const bootstrap = bootstrapSettings(o);
  const standardize = booleanOption('standardize', o.standardize, false);
  const contrasts = booleanOption('contrasts', o.contrasts, false);
  const total = booleanOption('total', o.total, !moderated);
  const sobel = booleanOption('sobel', o.sobel, false);
  const jn = booleanOption('jn', o.jn, false);
  if (moderated && standardize) notFor('standardize', model, 'standardized indirect effects are offered for models 4 and 6, as in PROCESS');
  if (moderated && contrasts) notFor('contrasts', model, 'contrasts are offered between the specific indirect effects of models 4 and 6');
  if (moderated && total) notFor('total', model, 'a total effect is defined only for unmoderated models');
  if (model !== 4 && sobel) notFor('sobel', model, 'the normal-theory test is offered for model 4');
  if (model !== 1 && jn) notFor('jn', model, 'the Johnson–Neyman technique is offered for model 1');

  const view = readTable(table);
  const frame = buildFrame(view, { numeric: [x, y, ...m, ...(w === null ? [] : [w])], predictors: covariates, categorical: o.categorical });
  const warnings: PsychkitWarning[] = [...frame.warnings];

  // Mean-centring of the variables that form products.
  const inProducts = new Set<string>();
  if (w !== null) {
    inProducts.add(w);
    if (shape.a || shape.c) inProducts.add(x);
    if (shape.b) for (const med of m) inProducts.add(med);
  }
  const centered = new Map<string, Float64Array>();
  const shiftOf = new Map<string, number>();
  if (center !== 'none') {
    for (const v of inProducts) {
      const values = numericOf(frame, v);
      if (center === 'continuous' && isDichotomous(values)) continue;
      let mean = 0;
      for (let i = 0; i < values.length; i++) mean += values[i] as number;
      mean /= values.length;
      centered.set(v, values.map((u) => u - mean));
      shiftOf.set(v, mean);
    }
  }
  const valuesOf = (v: string) => centered.get(v) ?? numericOf(frame, v);

  // Equations, PROCESS order: each mediator, then Y.
  const covM = covariatesIn === 'outcome' ? [] : covariates;
  const covY = covariatesIn === 'mediators' ? [] : covariates;
  const xw = w === null ? '' : `${x}:${w}`;
  const equations: EngineEquation[] = [];
  if (model !== 1) {
    m.forEach((med, i) => {
      const terms = [x, ...(shape.serial ? m.slice(0, i) : []), ...(shape.a ? [w as string, xw] : []), ...covM];
      equations.push({ name: med, outcome: med, terms });
    });
  }
  const yTerms =
    model === 1
      ? [x, w as string, xw, ...covY]
      : [x, ...m, ...(w !== null && (shape.b || shape.c) ? [w] : []), ...(shape.c ? [xw] : []), ...(shape.b ? m.map((med) => `${med}:${w}`) : []), ...covY];
  equations.push({ name: y, outcome: y, terms: yTerms });

  // Probe values of W.
  const probes = w === null ? null : probeValues(valuesOf(w), probesOption, quantileType, shiftOf.get(w) ?? 0);
  const dichotomousW = w !== null && isDichotomous(numericOf(frame, w));

  // Effects to bootstrap, with what each one is for.
  type Kind =
    | { kind: 'indirect'; label: string; path: string[] }
    | { kind: 'totalIndirect' }
    | { kind: 'contrast'; first: string; second: string }
    | { kind: 'partially' | 'completely'; label: string; path: string[] }
    | { kind: 'conditional'; mediator: string; w: number }
    | { kind: 'index'; mediator: string }
    | { kind: 'difference'; mediator: string; w: [number, number] };
  const kinds: Kind[] = [];
  const result = runEngine({
    frame,
    equations,
    centered,
    standardErrors,
    confidence,
    bootstrap,
    effects: (loc) => {
      const out: EngineEffect[] = [];
      const push = (kind: Kind, name: string, statistic: EngineEffect['statistic']) => {
        kinds.push(kind);
        out.push({ name, statistic });
      };
      if (model === 4 || model === 6) {
        // Specific indirect effects: products of the path coefficients along each chain.
        // Chains of mediators: model 4, one per mediator; model 6, every increasing subsequence
        // of the serial order, listed as PROCESS does (by first mediator, then length, then order).
        const chains: number[][] = [];
        if (model === 4) m.forEach((_, i) => chains.push([i]));
        else {
          const grow = (chain: number[]) => {
            chains.push(chain);
            for (let j = (chain[chain.length - 1] as number) + 1; j < m.length; j++) grow([...chain, j]);
          };
          for (let i = 0; i < m.length; i++) grow([i]);
          chains.sort((p, q) => (p[0] as number) - (q[0] as number) || p.length - q.length || lexical(p, q));
        }
        const offsetsOf = chains.map((chain) => {
          const offs: number[] = [loc.coefficient(m[chain[0] as number] as string, x)];
          for (let s = 1; s < chain.length; s++) offs.push(loc.coefficient(m[chain[s] as number] as string, m[chain[s - 1] as number] as string));
          offs.push(loc.coefficient(y, m[chain[chain.length - 1] as number] as string));
          return Int32Array.from(offs);
        });
        const labels = chains.map((chain) => (model === 4 ? (m[chain[0] as number] as string) : [x, ...chain.map((i) => m[i] as string), y].join(' -> ')));
        const paths = chains.map((chain) => [x, ...chain.map((i) => m[i] as string), y]);
        const product = (offs: Int32Array) => (c: Float64Array) => {
          let v = 1;
          for (let k = 0; k < offs.length; k++) v *= c[offs[k] as number] as number;
          return v;
        };
        const products = offsetsOf.map(product);
        products.forEach((f, i) => push({ kind: 'indirect', label: labels[i] as string, path: paths[i] as string[] }, `indirect ${labels[i]}`, f));
        const sumAll = (c: Float64Array) => {
          let s = 0;
          for (const f of products) s += f(c);
          return s;
        };
        if (chains.length > 1) push({ kind: 'totalIndirect' }, 'total indirect', sumAll);
        if (contrasts && chains.length > 1) {
          for (let i = 0; i < chains.length; i++) {
            for (let j = i + 1; j < chains.length; j++) {
              const fi = products[i] as (c: Float64Array) => number;
              const fj = products[j] as (c: Float64Array) => number;
              push({ kind: 'contrast', first: labels[i] as string, second: labels[j] as string }, `contrast ${labels[i]} minus ${labels[j]}`, (c) => fi(c) - fj(c));
            }
          }
        }
        if (standardize) {
          const sx = loc.variable(x);
          const sy = loc.variable(y);
          const all = [...products.map((f, i) => ({ f, label: labels[i] as string, path: paths[i] as string[] })), ...(chains.length > 1 ? [{ f: sumAll, label: 'TOTAL', path: [] }] : [])];
          for (const e of all) push({ kind: 'partially', label: e.label, path: e.path }, `partially standardized ${e.label}`, (c, sd) => e.f(c) / (sd[sy] as number));
          for (const e of all) push({ kind: 'completely', label: e.label, path: e.path }, `completely standardized ${e.label}`, (c, sd) => (e.f(c) * (sd[sx] as number)) / (sd[sy] as number));
        }
      } else if (model !== 1) {
        const wv = (probes as Probes).values;
        for (const med of m) {
          const a1 = loc.coefficient(med, x);
          const a3 = shape.a ? loc.coefficient(med, xw) : -1;
          const b1 = loc.coefficient(y, med);
          const b3 = shape.b ? loc.coefficient(y, `${med}:${w}`) : -1;
          const at = (wi: number) => (c: Float64Array) =>
            ((c[a1] as number) + (a3 < 0 ? 0 : (c[a3] as number) * wi)) * ((c[b1] as number) + (b3 < 0 ? 0 : (c[b3] as number) * wi));
          for (const wi of wv) push({ kind: 'conditional', mediator: med, w: wi }, `conditional indirect ${med} at w = ${wi}`, at(wi));
          if (shape.a && !shape.b) push({ kind: 'index', mediator: med }, `index ${med}`, (c) => (c[a3] as number) * (c[b1] as number));
          if (shape.b && !shape.a) push({ kind: 'index', mediator: med }, `index ${med}`, (c) => (c[a1] as number) * (c[b3] as number));
          if (dichotomousW && wv.length === 2) {
            const lo = at(wv[0] as number);
            const hi = at(wv[1] as number);
            push({ kind: 'difference', mediator: med, w: [wv[0] as number, wv[1] as number] }, `difference ${med}`, (c) => hi(c) - lo(c));
          }
        }
      }
      return out;
    },
  });

  const eqOf = (name: string) => result.equations.find((e) => e.name === name) as EquationResult;
  const fitOf = (name: string) => result.fits[result.equations.findIndex((e) => e.name === name)] as LinearFit;
  const yEq = eqOf(y);
  const yFit = fitOf(y);

  // Total-effect model on the same sample.
  let totalEffectModel: EquationResult | null = null;
  let totalEffect: TestedEffect | null = null;
  if (total) {
    const name = ['total', 'total effect', '(total)'].find((s) => s !== y && !m.includes(s)) as string;
    const t = runEngine({
      frame,
      equations: [{ name, outcome: y, terms: [x, ...covY] }],
      centered,
      standardErrors,
      confidence,
      bootstrap: { ...bootstrap, resamples: 0 },
      effects: () => [],
    });
    totalEffectModel = t.equations[0] as EquationResult;
    totalEffect = testedFromTable(totalEffectModel, x);
  }

  const directEffect = model === 1 || shape.c ? null : testedFromTable(yEq, x);
  const conditionalOf = (fit: LinearFit, focal: string, product: string, values: readonly number[]) => {
    const i = fit.names.indexOf(focal);
    const j = fit.names.indexOf(product);
    const V = fit.covariance;
    const k = fit.k;
    return values.map((wi) =>
      conditionalEffect(fit.b[i] as number, fit.b[j] as number, V[i * k + i] as number, V[i * k + j] as number, V[j * k + j] as number, wi, fit.residualDf, confidence),
    );
  };
  const conditionalDirectEffects = shape.c && model !== 1 ? conditionalOf(yFit, x, xw, (probes as Probes).values) : null;
  const conditionalEffects = model === 1 ? conditionalOf(yFit, x, xw, (probes as Probes).values) : null;

  // Tests of each product term: R² change on the same sample, F classical or Wald (HC).
  let interactionTests: InteractionTest[] | null = null;
  if (moderated) {
    interactionTests = [];
    for (const [e, eq] of equations.entries()) {
      const fit = result.fits[e] as LinearFit;
      for (const term of eq.terms.filter((t) => t.includes(':'))) {
        const reduced = fitLinear(buildDesign(frame, eq.terms.filter((t) => t !== term), centered), valuesOf(eq.outcome), eq.outcome, 'ols');
        const j = fit.names.indexOf(term);
        const df2 = fit.residualDf;
        const rSquaredChange = fit.rSquared - reduced.rSquared;
        const f = standardErrors === 'ols' ? (reduced.sse - fit.sse) / (fit.sse / df2) : waldTest(fit.b, fit.covariance, fit.k, [j], eq.outcome);
        interactionTests.push({ equation: eq.name, term, rSquaredChange, f, df1: 1, df2, p: fSurvival(f, 1, df2) });
      }
    }
  }

  let jnResult: JohnsonNeyman | null = null;
  if (jn && dichotomousW) {
    warnings.push({
      code: 'JN_DICHOTOMOUS',
      message: `The Johnson–Neyman technique needs a continuous moderator; "${w}" has two values, so the conditional effects at those two values are the probe.`,
      details: { column: w as string },
    });
  } else if (jn) {
    const i = yFit.names.indexOf(x);
    const j = yFit.names.indexOf(xw);
    const V = yFit.covariance;
    const k = yFit.k;
    jnResult = johnsonNeyman(yFit.b[i] as number, yFit.b[j] as number, V[i * k + i] as number, V[i * k + j] as number, V[j * k + j] as number, valuesOf(w as string), yFit.residualDf, confidence);
  }

  // Sobel tests (model 4).
  let sobelTests: SobelTest[] | null = null;
  if (sobel) {
    sobelTests = m.map((med) => {
      const a = eqOf(med).coefficients.find((c) => c.term === x) as EquationResult['coefficients'][number];
      const b = yEq.coefficients.find((c) => c.term === med) as EquationResult['coefficients'][number];
      const se = Math.sqrt(a.b * a.b * b.se * b.se + b.b * b.b * a.se * a.se);
      const z = (a.b * b.b) / se;
      return { mediator: med, effect: a.b * b.b, se, z, p: normalTwoSided(z) };
    });
  }

  // Assemble bootstrapped effects by kind.
  const effects = result.effects;
  const pick = <T>(kind: Kind['kind'], make: (k: any, e: BootstrapEffect) => T): T[] =>
    kinds.flatMap((k, s) => (k.kind === kind ? [make(k, strip(effects[s] as BootstrapEffect))] : []));
  const indirect = pick('indirect', (k, e): IndirectEffect => ({ label: k.label, path: k.path, ...e }));
  const totalIndirect = pick('totalIndirect', (_k, e): IndirectEffect => ({ label: 'TOTAL', path: [], ...e }))[0] ?? null;
  const contrastRows = pick('contrast', (k, e): IndirectContrast => ({ label: `${k.first} minus ${k.second}`, first: k.first, second: k.second, ...e }));
  const partially = pick('partially', (k, e): IndirectEffect => ({ label: k.label, path: k.path, ...e }));
  const completely = pick('completely', (k, e): IndirectEffect => ({ label: k.label, path: k.path, ...e }));
  const conditionalIndirect = pick('conditional', (k, e): ConditionalIndirectEffect => ({ mediator: k.mediator, w: k.w, ...e }));
  const index = pick('index', (k, e): ModeratedMediationIndex => ({ mediator: k.mediator, ...e }));
  const differences = pick('difference', (k, e): ConditionalIndirectDifference => ({ mediator: k.mediator, w: k.w, ...e }));

  return deepFreeze({
    kind: 'process',
    model,
    variables: { x, y, m: [...m], w, covariates: [...covariates] },
    n: frame.n,
    dropped: frame.dropped,
    settings: { hc, confidence, center, centered: [...centered.keys()], covariatesIn },
    equations: result.equations,
    totalEffectModel,
    totalEffect,
    directEffect,
    conditionalDirectEffects,
    indirectEffects: moderated ? null : indirect,
    totalIndirectEffect: totalIndirect,
    contrasts: contrasts ? contrastRows : null,
    standardized: standardize ? { partially, completely } : null,
    sobel: sobelTests,
    conditionalEffects,
    interactionTests,
    johnsonNeyman: jnResult,
    conditionalIndirectEffects: moderated && model !== 1 ? conditionalIndirect : null,
    indexOfModeratedMediation: moderated && model !== 1 && index.length > 0 ? index : null,
    conditionalIndirectDifferences: differences.length > 0 ? differences : null,
    probes,
    bootstrap: model === 1 ? null : result.bootstrap,
    warnings,
  });
}

function lexical(p: readonly number[], q: readonly number[]): number {
  for (let i = 0; i < Math.min(p.length, q.length); i++) if (p[i] !== q[i]) return (p[i] as number) - (q[i] as number);
  return p.length - q.length;
}

function strip(e: BootstrapEffect): BootstrapEffect {
  return { effect: e.effect, se: e.se, lower: e.lower, upper: e.upper };
}
