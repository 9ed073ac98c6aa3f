// The shape of every result toApaTable reads, checked before a table is built: a result that was
// edited, serialized badly or assembled by hand fails with an INVALID_INPUT naming the field
// (`result.items[2].mean`), never with a TypeError from inside an adapter or with "undefined" or
// "NaN" printed into a table note. Only the fields the adapters read are checked.
import { fail } from '../errors.js';
import { showValue } from '../util/options.js';
import { shapeKit, type Shape } from '../util/shape.js';

/** The function whose input is being checked (named in the error): toApaTable unless said otherwise. */
let caller = 'toApaTable';

function bad(path: string, what: string, value: unknown): never {
  throw fail('INVALID_INPUT', `${caller}: \`${path}\` must be ${what}; got ${showValue(value)}. Pass a result as psychkit returned it.`, { option: path, value });
}

const kit = shapeKit(bad, { typedArrays: true, arraysAsObjects: false });
const { leaf, nullable, optional } = kit;
const arr = kit.array;
const obj = kit.object;

/** Any number (NaN and ±∞ print as a dash and ∞). */
const num = leaf((v) => typeof v === 'number', 'a number');
/** A finite number (printed into text). */
const finite = leaf((v) => typeof v === 'number' && Number.isFinite(v), 'a finite number');
/** A p-value: in [0, 1], or NaN (printed as a dash). */
const prob = leaf((v) => typeof v === 'number' && (Number.isNaN(v) || (v >= 0 && v <= 1)), 'a p-value in [0, 1] (or NaN)');
/** A whole number ≥ 0 (a count printed into text). */
const count = leaf((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0, 'a whole number ≥ 0');
/** A confidence level in (0, 1). */
const level = leaf((v) => typeof v === 'number' && v > 0 && v < 1, 'a confidence level in (0, 1)');
const str = leaf((v) => typeof v === 'string', 'a string');
const bool = leaf((v) => typeof v === 'boolean', 'true or false');
/** A seed: a string or a finite number. */
const seed = leaf((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)), 'a seed (a string or a finite number)');

function oneOf(...values: readonly unknown[]): Shape {
  return leaf((v) => values.includes(v), `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`);
}

/** An array of exactly n items. */
function arrOf(item: Shape, n: number): Shape {
  return (v, p) => {
    arr(item)(v, p);
    if ((v as ArrayLike<unknown>).length !== n) bad(p, `an array of ${n} values`, v);
  };
}

const warnings = arr(obj({ code: str, message: str }));

const coefficient = obj({ term: str, estimate: num, se: num, statistic: num, p: prob, lower: num, upper: num });
const summary = obj({ rSquared: num, adjustedRSquared: num, statistic: num, df1: num, df2: num, p: prob });
const equation = obj({ name: str, outcome: str, summary, coefficients: arr(coefficient) });
const logisticEquation = obj({
  name: str,
  outcome: str,
  summary: obj({ minus2LL: num, statistic: num, df: num, p: prob, mcFadden: num, coxSnell: num, nagelkerke: num }),
  coefficients: arr(coefficient),
});
const fTest = obj({ equation: str, term: str, rSquaredChange: num, statistic: num, df1: num, df2: num, p: prob });
const lrTest = obj({ equation: str, term: str, statistic: num, df: num, p: prob });
/** A processModel interaction test: F (OLS) or likelihood ratio (`test: 'likelihood ratio'`). */
const interactionTest: Shape = (v, p) => ((v as { test?: unknown } | null)?.test === 'likelihood ratio' ? lrTest(v, p) : fTest(v, p));
/** A processModel equation: least squares, or logistic (`family: 'logistic'`) for a dichotomous Y. */
const processEquation: Shape = (v, p) => ((v as { family?: unknown } | null)?.family === 'logistic' ? logisticEquation(v, p) : equation(v, p));
const tested = obj({ estimate: num, se: num, statistic: num, p: prob, lower: num, upper: num });
const atValues = leaf((v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number' && Number.isFinite(x)), 'moderator values (an object of finite numbers)');
const conditional = obj({ at: atValues, estimate: num, se: num, statistic: num, p: prob, lower: num, upper: num });
const bootEffect = { estimate: num, se: nullable(num), lower: nullable(num), upper: nullable(num) };
const test = obj({ statistic: num, p: prob });
const bootInfo = obj({ interval: oneOf('percentile', 'bias-corrected'), resamples: count, seed, replaced: count });

const alpha = obj({
  alpha: num,
  standardizedAlpha: num,
  lambda6: num,
  averageR: num,
  n: count,
  k: count,
  missing: oneOf('pairwise', 'listwise'),
  interval: oneOf('feldt', 'duhachek', 'bootstrap'),
  confidence: level,
  lower: num,
  upper: num,
  bootstrap: nullable(obj({ resamples: count, seed })),
  items: arr(obj({ column: str, reversed: bool, n: num, mean: nullable(num), sd: num, rRest: num, alphaIfItemDeleted: num })),
  warnings,
});

function efa(v: unknown, p: string): void {
  obj({ factors: count, columns: arr(str), rotation: str, extraction: str, orthogonal: bool, normalize: bool, converged: bool, n: nullable(count), rmsr: num, warnings })(v, p);
  const r = v as { factors: number; columns: unknown[] };
  const k = r.factors;
  const n = r.columns.length;
  obj({
    loadings: arrOf(arrOf(num, k), n),
    communalities: arrOf(num, n),
    uniquenesses: arrOf(num, n),
    ssLoadings: arrOf(num, k),
    proportionVariance: arrOf(num, k),
    phi: arrOf(arrOf(num, k), k),
    fit: nullable(
      obj({
        df: finite,
        chiSquare: num,
        p: nullable(prob),
        tli: num,
        rmsea: nullable(obj({ estimate: num, lower: nullable(num), upper: nullable(num), confidence: level })),
      }),
    ),
  })(v, p);
}

const describeResult = obj({
  type: oneOf(1, 2, 3),
  rows: arr(
    obj({
      column: str,
      n: count,
      nMissing: count,
      ...Object.fromEntries(['mean', 'sd', 'median', 'min', 'max', 'skewness', 'seSkewness', 'kurtosis', 'seKurtosis'].map((k) => [k, nullable(num)])),
    }),
  ),
  warnings,
});

const compareTransforms = obj({
  n: count,
  nMissing: count,
  type: oneOf(1, 2, 3),
  candidates: arr(
    obj({
      method: str,
      applicable: bool,
      reason: nullable(str),
      reversesOrder: bool,
      parameters: nullable(obj({ lambda: nullable(num), reflection: nullable(num), shift: nullable(num) })),
      skewness: nullable(num),
      kurtosis: nullable(num),
      shapiroWilk: optional(test),
    }),
  ),
});

const normality = obj({
  n: count,
  nMissing: count,
  dagostinoSkewness: nullable(test),
  anscombeGlynnKurtosis: nullable(test),
  dagostinoPearson: nullable(obj({ statistic: num, p: prob, df: num })),
  shapiroWilk: nullable(test),
  warnings,
});

function correlations(v: unknown, p: string): void {
  obj({ columns: arr(str), missing: oneOf('pairwise', 'listwise') })(v, p);
  const k = (v as { columns: unknown[] }).columns.length;
  if (k < 2) bad(`${p}.columns`, 'at least 2 variables', (v as { columns: unknown[] }).columns);
  obj({ r: arrOf(arrOf(num, k), k), p: arrOf(arrOf(prob, k), k), counts: arrOf(arrOf(count, k), k) })(v, p);
}

const ols = obj({ outcome: str, n: count, nDropped: count, hc: str, confidence: level, summary, coefficients: arr(coefficient), warnings });

const hierarchical = obj({
  outcome: str,
  n: count,
  nDropped: count,
  confidence: level,
  steps: arr(obj({ rSquared: num, adjustedRSquared: num, rSquaredChange: num, statistic: num, df1: num, df2: num, p: prob, coefficients: arr(coefficient) })),
  warnings,
});

const processFields = obj({
  model: count,
  n: count,
  nDropped: count,
  variables: obj({ x: str, y: str, w: nullable(str), m: arr(str), covariates: arr(str) }),
  moderators: optional(arr(obj({ role: str, column: str, coding: optional(obj({ column: str, coding: str, levels: arr(str), columnNames: arr(str), matrix: arr(arr(num)), compares: arr(str) })) }))),
  settings: obj({ confidence: level, hc: str, centered: arr(str), covariatesIn: oneOf('both', 'mediators', 'outcome') }),
  equations: arr(processEquation),
  totalEffectModel: optional(processEquation),
  interactionTests: optional(arr(interactionTest)),
  conditionalEffects: optional(arr(conditional)),
  conditionalInteractions: optional(arr(conditional)),
  directEffect: optional(tested),
  conditionalDirectEffects: optional(arr(conditional)),
  indirectEffects: optional(arr(obj({ label: str, path: arr(str), ...bootEffect }))),
  totalIndirectEffect: optional(obj(bootEffect)),
  contrasts: optional(arr(obj({ first: str, second: str, ...bootEffect }))),
  standardized: optional(obj({ completely: arr(obj({ path: arr(str), ...bootEffect })) })),
  sobel: optional(arr(obj({ mediator: str, estimate: num, se: num, statistic: num, p: prob }))),
  conditionalIndirectEffects: optional(arr(obj({ mediator: str, at: atValues, ...bootEffect }))),
  indexOfModeratedMediation: optional(arr(obj({ mediator: str, moderator: str, ...bootEffect }))),
  indexOfPartialModeratedMediation: optional(arr(obj({ mediator: str, moderator: str, ...bootEffect }))),
  indexOfModeratedModeratedMediation: optional(arr(obj({ mediator: str, ...bootEffect }))),
  indexOfConditionalModeratedMediation: optional(arr(obj({ mediator: str, moderator: str, at: atValues, ...bootEffect }))),
  conditionalIndirectDifferences: optional(arr(obj({ mediator: str, moderator: str, values: arrOf(finite, 2), ...bootEffect }))),
  bootstrap: optional(bootInfo),
  johnsonNeyman: optional(obj({ points: arr(obj({ w: num, percentBelow: num })) })),
  xCoding: optional(obj({ column: str, coding: str, levels: arr(str), columnNames: arr(str), matrix: arr(arr(num)), compares: arr(str) })),
  directEffects: optional(arr(obj({ code: str, estimate: num, se: num, statistic: num, p: prob, lower: num, upper: num }))),
  totalIndirectEffects: optional(arr(obj({ code: str, ...bootEffect }))),
  totalEffects: optional(arr(obj({ code: str, estimate: num, se: num, statistic: num, p: prob, lower: num, upper: num }))),
  omnibusTests: optional(arr(obj({ test: str, equation: str, at: atValues, statistic: num, p: prob }))),
  conditionalInteractionTests: optional(arr(obj({ test: str, equation: str, at: atValues, statistic: num, p: prob }))),
  naturalDirectEffect: optional(tested),
  naturalIndirectEffects: optional(arr(obj({ label: str, path: arr(str), ...bootEffect }))),
  xValues: optional(obj({ reference: num, counterfactual: num })),
  conditionalPathEffects: optional(arr(obj({ equation: str, focal: str, at: atValues, estimate: num, se: num, statistic: num, p: prob, lower: num, upper: num }))),
  groupContrasts: optional(arr(obj({ mediator: str, code: str, compares: str, ...bootEffect }))),
  pathPredictions: optional(arr(obj({ equation: str, focal: str, value: num, at: atValues, predicted: num }))),
  johnsonNeymanPaths: optional(arr(obj({ equation: str, focal: str, moderator: str, region: obj({ points: arr(obj({ w: num })) }) }))),
  warnings,
});

/** Model 4's total effect c has a t test; the counterfactual total (`xmInteraction`) a bootstrap CI. */
const processResult: Shape = (v, p) => {
  processFields(v, p);
  const r = v as Record<string, unknown>;
  if (r['totalEffect'] !== null && r['totalEffect'] !== undefined) ('naturalDirectEffect' in r ? obj(bootEffect) : tested)(r['totalEffect'], `${p}.totalEffect`);
};

/** A measure of sampling adequacy: in [0, 1], or NaN (printed as a dash). */
const msa = leaf((v) => typeof v === 'number' && (Number.isNaN(v) || (v >= 0 && v <= 1)), 'an MSA in [0, 1] (or NaN)');

/** A p × k matrix whose dimensions come from the result itself. */
function matrix(rows: number, cols: number): Shape {
  return arrOf(arrOf(num, cols), rows);
}

function omega(v: unknown, p: string): void {
  obj({
    factors: count,
    columns: arr(str),
    extraction: str,
    rotation: str,
    n: nullable(count),
    omegaHierarchical: num,
    omegaTotal: num,
    omegaLimit: num,
    alpha: num,
    lambda6: num,
    explainedCommonVariance: num,
    reversed: arr(str),
    groups: arr(obj({ factor: str, columns: arr(str), total: num, general: num, group: num })),
    warnings,
  })(v, p);
  const r = v as { factors: number; columns: unknown[] };
  const n = r.columns.length;
  obj({
    generalLoadings: arrOf(num, n),
    groupLoadings: matrix(n, r.factors),
    communalities: arrOf(num, n),
    uniquenesses: arrOf(num, n),
    generalProportion: arrOf(num, n),
  })(v, p);
}

function kmo(v: unknown, p: string): void {
  obj({ columns: arr(str), n: nullable(count), overall: msa, adequacy: oneOf('marvelous', 'meritorious', 'middling', 'mediocre', 'miserable', 'unacceptable'), warnings })(v, p);
  obj({ perItem: arrOf(msa, (v as { columns: unknown[] }).columns.length) })(v, p);
}

function velicerMap(v: unknown, p: string): void {
  obj({ columns: arr(str), n: nullable(count), averageSquaredPartial: arr(num), eigenvalues: arr(num), warnings })(v, p);
  const m = (v as { averageSquaredPartial: unknown[] }).averageSquaredPartial.length;
  if (m === 0) bad(`${p}.averageSquaredPartial`, 'a non-empty array', (v as { averageSquaredPartial: unknown }).averageSquaredPartial);
  // The suggested counts index the series (0 … m − 1).
  const index = leaf((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < m, `a whole number in [0, ${m - 1}]`);
  obj({ averageFourthPowerPartial: arrOf(num, m), components: index, componentsFourthPower: index })(v, p);
}

function parallelAnalysis(v: unknown, p: string): void {
  obj({ n: count, resamples: count, quantile: level, extraction: str, seed, suggestedFactors: count, suggestedComponents: count, warnings })(v, p);
  obj({ observed: obj({ components: arr(num) }) })(v, p);
  const k = (v as { observed: { components: unknown[] } }).observed.components.length;
  const simulated = obj({ mean: arrOf(num, k), quantile: arrOf(num, k) });
  const pair = obj({ components: simulated, factors: simulated });
  obj({ observed: obj({ components: arrOf(num, k), factors: arrOf(num, k) }), simulated: pair, resampled: nullable(pair) })(v, p);
}

function correlationMatrix(v: unknown, p: string): void {
  obj({
    columns: arr(str),
    method: oneOf('pearson', 'polychoric'),
    missing: oneOf('pairwise', 'listwise'),
    n: count,
    smoothed: bool,
    globalThresholds: nullable(bool),
    warnings,
  })(v, p);
  const k = (v as { columns: unknown[] }).columns.length;
  if (k < 2) bad(`${p}.columns`, 'at least 2 variables', (v as { columns: unknown[] }).columns);
  obj({ matrix: matrix(k, k), counts: arrOf(arrOf(count, k), k) })(v, p);
}

function rotation(v: unknown, p: string): void {
  obj({ rotation: str, orthogonal: bool, normalize: bool, converged: bool, iterations: count, criterion: nullable(num), phi: arr(arr(num)), loadings: arr(arr(num)), warnings })(v, p);
  const r = v as { phi: unknown[]; loadings: unknown[] };
  const k = r.phi.length;
  if (k === 0 || r.loadings.length === 0) bad(`${p}.loadings`, 'a non-empty loadings matrix with its Φ', r.loadings);
  obj({ phi: matrix(k, k), loadings: matrix(r.loadings.length, k) })(v, p);
}

const pathModel = obj({
  n: count,
  nDropped: count,
  hc: str,
  confidence: level,
  equations: arr(equation),
  effects: arr(obj({ name: str, ...bootEffect })),
  bootstrap: nullable(bootInfo),
  warnings,
});

const bootstrapResult = obj({
  n: count,
  nDropped: count,
  statistics: arr(obj({ estimate: num, se: num, lower: num, upper: num })),
  bootstrap: obj({ interval: oneOf('percentile', 'bias-corrected'), resamples: count, seed, replaced: count, confidence: level }),
  warnings,
});

const rmsea = obj({ estimate: num, lower: num, upper: num, confidence: level, pClose: nullable(prob), pNotClose: nullable(prob) });
/** The operators of a cfa/sem parameter row; `|` (threshold) and `~*~` (scale factor) only under WLSMV. */
const SEM_OPS = ['=~', '~', '~~', '~1', '|', '~*~', ':='] as const;
const semParameter = obj({
  group: optional(nullable(str)),
  lhs: str,
  op: oneOf(...SEM_OPS),
  rhs: str,
  label: str,
  free: bool,
  estimate: num,
  se: nullable(num),
  statistic: nullable(num),
  p: nullable(prob),
  lower: num,
  upper: num,
  stdLv: nullable(num),
  stdAll: nullable(num),
});

/** The log-likelihoods and information criteria of a cfa/sem result (null under WLSMV). */
const LIKELIHOOD_FIELDS = ['logLikelihood', 'unrestrictedLogLikelihood', 'aic', 'bic', 'sabic'] as const;

/** A p × p matrix of numbers (a group's moments). */
function square(p: number): Shape {
  return arrOf(arrOf(num, p), p);
}

/** One group's counts and moments (a `groups` entry of a cfa/sem result), over `p` observed variables. */
function semGroup(p: number): Shape {
  const moments = obj({ covariance: square(p), means: nullable(arrOf(num, p)) });
  return obj({ label: nullable(str), n: count, nDropped: count, sample: moments, implied: moments });
}

/**
 * A cfa/sem result: the fields the table, formatCfa and semDiagramSvg read, and every variable a
 * parameter names declared. A multiple-group result (`group` a column name, or labelled `groups`)
 * has a label per group, and every row but the `:=` ones names one of those labels.
 */
function semResult(v: unknown, p: string): void {
  obj({
    model: str,
    estimator: oneOf('ML', 'MLR', 'WLSMV'),
    missing: oneOf('listwise', 'fiml'),
    n: count,
    nDropped: count,
    columns: arr(str),
    latent: arr(str),
    converged: bool,
    iterations: count,
    confidence: level,
    parameters: arr(semParameter),
    fit: obj({
      npar: count,
      chiSquare: num,
      df: count,
      p: nullable(prob),
      baseline: obj({ chiSquare: num, df: count, p: prob }),
      cfi: num,
      tli: num,
      // Numbers under ML and MLR (checked below); null under WLSMV, which has no likelihood.
      ...Object.fromEntries(LIKELIHOOD_FIELDS.map((k) => [k, nullable(num)])),
      rmsea,
      srmr: num,
      scaled: nullable(
        obj({
          chiSquare: num,
          df: count,
          p: nullable(prob),
          scalingFactor: num,
          // WLSMV's shift b (a number there, checked below); null under MLR, absent in results from before it.
          shift: optional(num),
          baseline: obj({ chiSquare: num, df: count, p: prob, scalingFactor: num }),
          cfi: num,
          tli: num,
          rmsea,
        }),
      ),
      robust: nullable(obj({ cfi: num, tli: num, rmsea })),
    }),
    bootstrap: optional(obj({ resamples: count, seed, interval: oneOf('percentile', 'bias-corrected') })),
    group: optional(nullable(str)),
    warnings,
  })(v, p);
  const r = v as {
    estimator: string;
    columns: string[];
    latent: string[];
    group?: string | null;
    groups?: { label: unknown }[];
    parameters: { group?: string | null; lhs: string; op: string; rhs: string }[];
    fit: Record<string, unknown> & { scaled: Record<string, unknown> | null };
  };
  const wlsmv = r.estimator === 'WLSMV';
  if (wlsmv) {
    // The mean-and-variance adjusted test has its shift b (lavaan's "Shift parameter").
    if (r.fit.scaled !== null) obj({ shift: num })(r.fit.scaled, `${p}.fit.scaled`);
  } else {
    // ML and MLR have a likelihood: the log-likelihoods and information criteria are numbers.
    const likelihood = leaf((x) => typeof x === 'number', `a number (null only under WLSMV; the estimator is ${JSON.stringify(r.estimator)})`);
    obj(Object.fromEntries(LIKELIHOOD_FIELDS.map((k) => [k, likelihood])))(r.fit, `${p}.fit`);
  }
  if (r.groups !== undefined || typeof r.group === 'string') {
    obj({ groups: arr(semGroup(r.columns.length)) })(v, p);
    const groups = r.groups!;
    const labelled = typeof r.group === 'string' || groups.some((g) => typeof g.label === 'string');
    if (groups.length === 0) bad(`${p}.groups`, 'one entry per group', groups);
    if (labelled) {
      // Several groups: each has a label, and every row but the `:=` ones names one of them.
      groups.forEach((g, i) => {
        if (typeof g.label !== 'string') bad(`${p}.groups[${i}].label`, 'a string (the group’s label)', g.label);
      });
      const labels = new Set(groups.map((g) => g.label as string));
      r.parameters.forEach((q, i) => {
        if (q.op === ':=') return;
        if (typeof q.group !== 'string' || !labels.has(q.group)) bad(`${p}.parameters[${i}].group`, `one of the group labels (${[...labels].map((x) => JSON.stringify(x)).join(', ')})`, q.group);
      });
    }
  }
  const latent = new Set(r.latent);
  const names = new Set([...r.columns, ...r.latent]);
  const observed = new Set(r.columns);
  r.parameters.forEach((q, i) => {
    if (q.op === ':=') return;
    const at = `${p}.parameters[${i}]`;
    if ((q.op === '|' || q.op === '~*~') && !wlsmv) bad(`${at}.op`, `one of ${SEM_OPS.filter((o) => o !== '|' && o !== '~*~').map((o) => JSON.stringify(o)).join(', ')} (thresholds \`|\` and scale factors \`~*~\` belong to WLSMV results)`, q.op);
    if (q.op === '=~' && !latent.has(q.lhs)) bad(`${at}.lhs`, 'a latent variable of the model (one of `latent`)', q.lhs);
    if ((q.op === '|' || q.op === '~*~') && !observed.has(q.lhs)) bad(`${at}.lhs`, 'an observed variable of the model (one of `columns`: thresholds and scale factors are of ordered indicators)', q.lhs);
    if (!names.has(q.lhs)) bad(`${at}.lhs`, 'a variable of the model (one of `columns` or `latent`)', q.lhs);
    if (q.op === '|') {
      if (typeof q.rhs !== 'string' || !/^t[1-9][0-9]*$/.test(q.rhs)) bad(`${at}.rhs`, 'a threshold name (`t1`, `t2`, …)', q.rhs);
    } else if (q.op === '~*~') {
      if (q.rhs !== q.lhs) bad(`${at}.rhs`, `the indicator the scale factor belongs to (its lhs, ${JSON.stringify(q.lhs)})`, q.rhs);
    } else if (q.op !== '~1' && !names.has(q.rhs)) bad(`${at}.rhs`, 'a variable of the model (one of `columns` or `latent`)', q.rhs);
  });
}

const invarianceFit = obj({
  chiSquare: num,
  df: count,
  p: nullable(prob),
  cfi: num,
  rmsea,
  srmr: num,
  scaled: nullable(obj({ chiSquare: num, df: count, p: nullable(prob), scalingFactor: num, cfi: num, rmsea })),
  robust: nullable(obj({ cfi: num, rmsea })),
});

/** An invariance result: the steps in order, each with the fit of its model and its test against the step before. */
function invarianceResult(v: unknown, p: string): void {
  obj({
    model: str,
    group: nullable(str),
    groups: arr(str),
    estimator: oneOf('ML', 'MLR', 'WLSMV'),
    n: count,
    models: arr(
      obj({
        step: oneOf('configural', 'metric', 'scalar', 'strict'),
        groupEqual: arr(str),
        result: obj({ estimator: oneOf('ML', 'MLR', 'WLSMV'), missing: oneOf('listwise', 'fiml'), n: count, nDropped: count, fit: invarianceFit, groups: arr(obj({ label: nullable(str), n: count, nDropped: count })) }),
        test: nullable(obj({ chiSquare: num, df: count, p: prob, rmsea: nullable(num), scalingFactor: nullable(num), shift: nullable(num) })),
        deltaCfi: nullable(num),
        deltaRmsea: nullable(num),
      }),
    ),
    warnings,
  })(v, p);
  const r = v as { models: { result: { groups: unknown[] } }[] };
  if (r.models.length === 0) bad(`${p}.models`, 'a non-empty array (one entry per step)', r.models);
  if (r.models[0]!.result.groups.length === 0) bad(`${p}.models[0].result.groups`, 'a non-empty array (one entry per group)', r.models[0]!.result.groups);
}

function itemFrequencies(v: unknown, p: string): void {
  obj({ n: count, values: arr(finite), valuesFrom: oneOf('response', 'data'), warnings })(v, p);
  const k = (v as { values: unknown[] }).values.length;
  obj({ items: arr(obj({ column: str, n: count, percentMissing: finite, options: arrOf(obj({ value: finite, count, percent: finite }), k), floor: nullable(finite), ceiling: nullable(finite), unused: arr(finite) })) })(v, p);
}

const iccCoefficient = obj({ type: str, model: str, definition: str, unit: str, estimate: num, statistic: num, df1: finite, df2: finite, p: prob, lower: num, upper: num });
const icc = obj({ n: count, nDropped: count, k: count, columns: arr(str), confidence: level, coefficients: arr(iccCoefficient), warnings });
const halves = obj({ a: arr(str), b: arr(str) });
const splitHalf = obj({
  n: count,
  k: count,
  missing: oneOf('pairwise', 'listwise'),
  basis: oneOf('correlation', 'covariance'),
  maximum: num,
  minimum: num,
  average: num,
  alpha: num,
  lambda2: num,
  lambda6: num,
  averageR: num,
  best: halves,
  worst: halves,
  reversed: arr(str),
  exhaustive: bool,
  splits: count,
  seed: nullable(seed),
  confidence: level,
  lower: num,
  upper: num,
  warnings,
});

const missingness = obj({
  n: count,
  nMissing: count,
  percent: finite,
  nComplete: count,
  byColumn: arr(obj({ column: str, nMissing: count, percent: finite })),
  patterns: arr(obj({ n: count, nMissing: count })),
  mcar: nullable(obj({ statistic: finite, df: count, p: prob, n: count, nDropped: count })),
  warnings,
});

const SHAPES: Record<string, Shape> = {
  itemFrequencies,
  missingness,
  icc,
  splitHalf,
  invariance: invarianceResult,
  cfa: semResult,
  sem: semResult,
  omega,
  kmo,
  velicerMap,
  parallelAnalysis,
  correlationMatrix,
  rotate: rotation,
  pathModel,
  bootstrap: bootstrapResult,
  cronbachAlpha: alpha,
  efa,
  descriptives: describeResult,
  compareTransforms,
  normalityTests: normality,
  correlations,
  ols,
  hierarchicalRegression: hierarchical,
  processModel: processResult,
};

/** Throws INVALID_INPUT, naming the field, unless `result` has the shape its `kind` promises. */
export function checkResultShape(kind: string, result: unknown, fn = 'toApaTable'): void {
  // Own keys only: a kind such as "__proto__" or "toString" must not reach Object.prototype.
  if (!Object.prototype.hasOwnProperty.call(SHAPES, kind)) return;
  caller = fn;
  try {
    SHAPES[kind]!(result, 'result');
  } finally {
    caller = 'toApaTable';
  }
}

/**
 * Throws INVALID_INPUT unless `result` is a cfa or sem result of the right shape (`fn` names the
 * caller: formatCfa, semDiagramSvg).
 */
export function checkSemResult(result: unknown, fn: string): void {
  const kind = typeof result === 'object' && result !== null ? (result as { kind?: unknown }).kind : undefined;
  if (kind !== 'cfa' && kind !== 'sem') {
    throw fail('INVALID_INPUT', `${fn} expects the result of cfa() or sem(); got ${result === null ? 'null' : typeof result !== 'object' ? typeof result : kind === undefined ? 'an object without a `kind`' : `kind ${showValue(kind)}`}.`, { value: typeof kind === 'string' ? kind : typeof result });
  }
  checkResultShape(kind, result, fn);
}
