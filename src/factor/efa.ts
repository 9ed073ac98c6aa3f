import { fail, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import { freshSeed, type Seed } from '../random/index.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field, numberIn, type ProgressCallback } from '../util/options.js';
import type { Matrix } from '../util/types.js';
import { EXTRACTIONS, extract, type ExtractionName } from './extraction/index.js';
import type { ExtractionResult } from './extraction/types.js';
import { factorFit, type FactorFitIndices } from './fit.js';
import { FACTOR_INPUT_FIELDS, readFactorInput, type FactorInput, type FactorInputOptions, type ReadFactorInput } from './input.js';
import { eigenWorkspace, eigenInto } from '../linalg/eigen-workspace.js';
import { crossprodInto, multiplyInto } from '../linalg/products.js';
import { toRows } from './internal/dense.js';
import { parallelAnalysisOf, type ParallelAnalysisResult } from './retention/parallel.js';
import { resolveRotation, rotateFlat, ROTATION_FIELDS, type RotationChoice, type RotationName, type RotationSpec } from './rotation/rotate.js';

/** Options of {@link efa}. */
/**
 * Options of {@link efa}: the input's (columns, missing, correlation, smooth), the extraction's,
 * and the rotation's ({@link RotationChoice}; the default rotation is `'oblimin'`, as psych::fa;
 * `seed` also seeds `factors: 'parallel'`).
 */
export interface EfaOptions extends FactorInputOptions, RotationChoice {
  /**
   * Number of factors, or a retention rule: `'kaiser'` (eigenvalues of R above 1, SPSS's
   * default) or `'parallel'` (psych::fa.parallel's suggested number of factors). Default 1.
   */
  readonly factors?: number | 'kaiser' | 'parallel';
  /** `'pa'` principal axis, `'minres'` minimum residual (psych's default), `'ml'` maximum likelihood. */
  readonly extraction?: ExtractionName;
  /**
   * Principal-axis stopping rule. `'psych'` (default): change in the sum of communalities
   * ≤ 0.001, at most 50 iterations. `'spss'`: largest change of any communality ≤ 0.001, at most
   * 25 iterations (SPSS FACTOR's defaults).
   */
  readonly convergence?: 'psych' | 'spss';
  /** Principal-axis tolerance (overrides the preset). */
  readonly tolerance?: number;
  /** Principal-axis iteration cap (overrides the preset). */
  readonly maxIterations?: number;
  /** Gradient-projection tolerance (default 1e-5). */
  readonly rotationTolerance?: number;
  /** Gradient-projection iteration cap (default 1000). */
  readonly rotationMaxIterations?: number;
  /** Confidence level of the RMSEA interval (psych: 0.90). */
  readonly confidence?: number;
  /** With `factors: 'parallel'`: called after each simulated data set, `(done, total)`. */
  readonly onProgress?: (done: number, total: number) => void;
}

const readEfaOptions = defineOptions(
  'efa',
  {
    ...FACTOR_INPUT_FIELDS,
    factors: field.raw(),
    extraction: field.oneOf(EXTRACTIONS, 'minres'),
    convergence: field.oneOf(['psych', 'spss'] as const, 'psych'),
    tolerance: field.number(0.001, 0, Infinity, { exclusiveMin: true }),
    maxIterations: field.optionalNumber(1, Infinity, { integer: true }),
    ...ROTATION_FIELDS,
    rotationTolerance: field.raw(),
    rotationMaxIterations: field.raw(),
    confidence: field.confidence(0.9),
    onProgress: field.progress(),
  },
  { items: 'columns' },
);

/** How the number of factors was chosen. */
export interface FactorRetention {
  readonly rule: 'fixed' | 'kaiser' | 'parallel';
  readonly factors: number;
  /** The parallel analysis behind `rule: 'parallel'`. */
  readonly parallel: ParallelAnalysisResult | null;
}

/** Result of {@link efa}. Matrices are rows = variables (or factors). */
export interface EfaResult extends PsychkitResult<'efa'> {
  readonly extraction: ExtractionName;
  readonly rotation: RotationName;
  readonly orthogonal: boolean;
  readonly normalize: boolean;
  readonly factors: number;
  readonly columns: readonly string[];
  /** Sample size used for fit (psych's n.obs), or null for a correlation matrix without n. */
  readonly n: number | null;
  /** Pattern loadings, factors sorted by variance explained and reflected to positive column sums. */
  readonly loadings: Matrix;
  /** Structure matrix, loadings · phi. */
  readonly structure: Matrix;
  /** Factor correlations (identity for orthogonal rotations). */
  readonly phi: Matrix;
  /** Unrotated loadings (reflected to positive column sums, in extraction order). */
  readonly unrotatedLoadings: Matrix;
  /** Matrix M with loadings = unrotatedLoadings · M. */
  readonly rotationMatrix: Matrix;
  /** h² = diag(L·Φ·Lᵀ). */
  readonly communalities: readonly number[];
  /** u² = 1 − h². */
  readonly uniquenesses: readonly number[];
  /** Starting communalities (SMCs). */
  readonly initialCommunalities: readonly number[];
  /** Eigenvalues of R (descending). */
  readonly eigenvalues: readonly number[];
  /** Eigenvalues of R with the final communalities on the diagonal (psych's `values`). */
  readonly commonFactorEigenvalues: readonly number[];
  /** Variance accounted for by each factor: diag(Φ·LᵀL). */
  readonly ssLoadings: readonly number[];
  /** ssLoadings / p. */
  readonly proportionVariance: readonly number[];
  readonly cumulativeVariance: readonly number[];
  /** ssLoadings / Σ ssLoadings. */
  readonly proportionExplained: readonly number[];
  /** Hofmann's complexity per variable: (Σⱼ λᵢⱼ²)² / Σⱼ λᵢⱼ⁴. */
  readonly complexity: readonly number[];
  /** R − L·Φ·Lᵀ (diagonal = uniquenesses). */
  readonly residuals: Matrix;
  /** Root mean square of the off-diagonal residuals. */
  readonly rmsr: number;
  /** Degrees of freedom p(p − 1)/2 − pk + k(k − 1)/2. */
  readonly df: number;
  /** ML discrepancy F of the model (psych's `objective`). */
  readonly objective: number;
  /** χ², p, RMSEA (+ CI), TLI, BIC; null when n is unknown. */
  readonly fit: FactorFitIndices | null;
  /** Extraction iterations. */
  readonly iterations: number;
  /** Rotation iterations (gradient projection or varimax/promax steps). */
  readonly rotationIterations: number;
  /** Extraction and rotation both converged. */
  readonly converged: boolean;
  /** Names of Heywood variables (communality ≥ 1, or uniqueness on the 0.005 bound for minres/ml). */
  readonly heywood: readonly string[];
  readonly retention: FactorRetention;
  /** Seed used for random starts or parallel analysis, or null. */
  readonly seed: Seed | null;
}

function eigenvaluesOf(r: Float64Array, p: number): Float64Array {
  const ws = eigenWorkspace(p);
  eigenInto(ws, r, 0);
  return Float64Array.from(ws.values);
}

/** Validated efa settings. */
export interface EfaSettings {
  readonly extraction: ExtractionName;
  readonly rule: 'sum' | 'max';
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly confidence: number;
  readonly spec: RotationSpec;
  readonly factors: number | 'kaiser' | 'parallel';
  readonly seed: Seed | undefined;
  readonly onProgress: ProgressCallback | undefined;
}

/** Checks efa's options (before any data is read, so a bad option fails fast). */
function resolveEfaOptions(o: ReturnType<typeof readEfaOptions.read>): EfaSettings {
  const { extraction, convergence, tolerance, confidence } = o;
  const maxIterations = o.maxIterations ?? (convergence === 'spss' ? 25 : 50);
  const spec = resolveRotation({ ...o, tolerance: o.rotationTolerance, maxIterations: o.rotationMaxIterations });
  const factors = (o.factors ?? 1) as EfaSettings['factors'];
  if (!(factors === 'kaiser' || factors === 'parallel')) numberIn('factors', factors, 1, 1, Infinity, { integer: true });
  if (factors !== 'parallel' && o.onProgress !== undefined) {
    throw fail('INVALID_OPTION', "`onProgress` reports the parallel analysis of `factors: 'parallel'`; efa has nothing else long-running to report.", { option: 'onProgress' });
  }
  return { extraction, rule: convergence === 'spss' ? 'max' : 'sum', tolerance, maxIterations, confidence, spec, factors, seed: spec.seed, onProgress: o.onProgress };
}

/** Default efa settings with the given changes (omega's use of efa). */
export function efaSettings(changes: { readonly extraction: ExtractionName; readonly factors: number; readonly rotation: unknown; readonly seed?: Seed }): EfaSettings {
  return resolveEfaOptions(readEfaOptions.read(changes));
}

/**
 * Exploratory factor analysis as psych::fa: extraction (`pa`, `minres`, `ml`), rotation
 * (gradient projection, stats::varimax or psych's promax), factors sorted by the variance they
 * explain (diag(Φ·LᵀL)) and each reflected so its loadings sum to a positive number, then psych's
 * factor.stats: residuals, RMSR, and (with n) the Bartlett-corrected χ², RMSEA with 90% CI, TLI
 * and BIC.
 *
 * Principal axis: R with SMCs on the diagonal, L = Vₖ·Λₖ^½ of that reduced matrix, new diagonal
 * diag(L·Lᵀ), repeated until the communalities settle. minres minimises Σ_{i<j}(R − LLᵀ)²ᵢⱼ and ml
 * the likelihood discrepancy, both over the uniquenesses (box [0.005, 1]).
 *
 * Heywood cases and non-convergence are flagged (`heywood`, `converged`, `warnings`), not thrown.
 *
 * Input: a table, `{ correlation, n }`, a `correlationMatrix()` result, or moments computed
 * elsewhere (`{ covariance, n, columns? }`, e.g. SQL's `covar_samp` and `count`): the covariance
 * is rescaled to correlations, as psych::fa does with a covariance matrix, and `n` enters the
 * tests and fit indices; the result equals the one from the rows the moments came from.
 *
 * References: Revelle, psych (fa, factor.stats); Jennrich (2001, 2002); Bernaards & Jennrich (2005);
 * Harman (1976) Modern Factor Analysis; Lawley & Maxwell (1971).
 *
 * @example
 * ```ts
 * const fit = efa(rows, { columns: ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9'], factors: 3, extraction: 'pa', rotation: 'oblimin' });
 * fit.loadings; fit.phi; fit.fit?.rmsea;
 * efa({ correlation: R, n: 145 }, { factors: 4, extraction: 'ml' });
 * efa({ covariance: C, n: 301, columns: ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9'] }, { factors: 3 }); // moments
 * ```
 */
export function efa(input: FactorInput, options?: EfaOptions): EfaResult {
  const o = readEfaOptions.read(options);
  const settings = resolveEfaOptions(o);
  return deepFreeze(efaOnData(readFactorInput(input, o, 'efa'), settings));
}

/** efa on input already read (shared with omega). The result is not frozen. */
export function efaOnData(data: ReadFactorInput, settings: EfaSettings): EfaResult {
  const { extraction, tolerance, maxIterations, confidence, spec } = settings;
  const factorsOption = settings.factors;
  const { r, p, names, n } = data;
  const warnings: PsychkitWarning[] = [...data.warnings];
  const eigenvalues = eigenvaluesOf(r, p);

  let k: number;
  let retention: FactorRetention;
  let seed: Seed | null = null;
  if (factorsOption === 'kaiser') {
    k = Math.max(1, eigenvalues.filter((v) => v > 1).length);
    retention = { rule: 'kaiser', factors: k, parallel: null };
  } else if (factorsOption === 'parallel') {
    const pa: ParallelAnalysisResult = {
      kind: 'parallelAnalysis',
      ...parallelAnalysisOf(data, { extraction, resamples: 20, quantile: 0.95, resampleData: true, seed: settings.seed ?? freshSeed(), onProgress: settings.onProgress }, 'efa'),
    };
    seed = pa.seed;
    k = Math.max(1, pa.suggestedFactors);
    retention = { rule: 'parallel', factors: k, parallel: pa };
  } else {
    k = factorsOption as number;
    retention = { rule: 'fixed', factors: k, parallel: null };
  }
  const df = (p * (p - 1)) / 2 - p * k + (k * (k - 1)) / 2;
  if (k > p || df < 0) {
    throw fail('TOO_MANY_FACTORS', `${k} factors are too many for ${p} variables: the model would have ${df} degrees of freedom (at most ${maxFactors(p)} factors for ${p} variables).`, {
      option: 'factors',
      value: k,
      max: maxFactors(p),
    });
  }

  const ex: ExtractionResult = extract(extraction, r, p, k, {
    tolerance,
    maxIterations,
    rule: settings.rule,
  });
  if (!ex.converged) {
    warnings.push({
      code: 'EXTRACTION_NOT_CONVERGED',
      message:
        extraction === 'pa'
          ? `Principal-axis iteration stopped after ${ex.iterations} iterations without the communalities settling to ${tolerance}.`
          : `The ${extraction} optimiser stopped after ${ex.iterations} iterations with the objective still falling by more than R's optim(method = "L-BFGS-B") tolerance (factr = 1e7, relative 2.2e-9).`,
    });
  }

  // psych: reflect unrotated columns to positive sums; exact zeros become 1e-15.
  const unrotated = Float64Array.from(ex.loadings);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < p; i++) s += unrotated[i * k + j] as number;
    if (s < 0) for (let i = 0; i < p; i++) unrotated[i * k + j] = -(unrotated[i * k + j] as number);
  }
  for (let t = 0; t < p * k; t++) if (unrotated[t] === 0) unrotated[t] = 1e-15;
  const communalities = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let h = 0;
    for (let j = 0; j < k; j++) h += (unrotated[i * k + j] as number) ** 2;
    communalities[i] = h;
  }

  const rot = rotateFlat(unrotated, p, k, spec);
  warnings.push(...rot.warnings);
  if (rot.seed !== null) seed = rot.seed;
  const loadings = Float64Array.from(rot.loadings);
  const phi = Float64Array.from(rot.phi);
  const rotationMatrix = Float64Array.from(rot.rotationMatrix);

  // Reflect so column sums are positive, then sort by variance explained (psych's fa).
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < p; i++) s += loadings[i * k + j] as number;
    if (s < 0) {
      for (let i = 0; i < p; i++) loadings[i * k + j] = -(loadings[i * k + j] as number);
      for (let i = 0; i < k; i++) rotationMatrix[i * k + j] = -(rotationMatrix[i * k + j] as number);
      for (let t = 0; t < k; t++) {
        if (t === j) continue;
        phi[j * k + t] = -(phi[j * k + t] as number);
        phi[t * k + j] = -(phi[t * k + j] as number);
      }
    }
  }
  const ss = new Float64Array(k);
  const ltl = new Float64Array(k * k);
  crossprodInto(loadings, loadings, p, k, k, ltl);
  for (let j = 0; j < k; j++) {
    // diag(Φ·LᵀL)ⱼ = Σₜ Φⱼₜ (LᵀL)ₜⱼ
    let s = 0;
    for (let t = 0; t < k; t++) s += (phi[j * k + t] as number) * (ltl[t * k + j] as number);
    ss[j] = s;
  }
  // R's order(decreasing = TRUE) is stable: ties keep their original order.
  const order = Array.from({ length: k }, (_, j) => j).sort((a, b) => (ss[b] as number) - (ss[a] as number) || a - b);
  const L = new Float64Array(p * k);
  const P = new Float64Array(k * k);
  const M = new Float64Array(k * k);
  const ssSorted = new Float64Array(k);
  order.forEach((src, j) => {
    for (let i = 0; i < p; i++) L[i * k + j] = loadings[i * k + src] as number;
    for (let i = 0; i < k; i++) M[i * k + j] = rotationMatrix[i * k + src] as number;
    for (let t = 0; t < k; t++) P[j * k + t] = phi[src * k + (order[t] as number)] as number;
    ssSorted[j] = ss[src] as number;
  });

  const structure = new Float64Array(p * k);
  multiplyInto(L, P, p, k, k, structure);
  const complexity = new Array<number>(p);
  for (let i = 0; i < p; i++) {
    // Scaled by the row's largest |loading|, so that loadings near 1e-150 (a variable that
    // correlates with nothing) do not underflow to 0/0. Rows are never all zero (see above).
    let largest = 0;
    for (let j = 0; j < k; j++) largest = Math.max(largest, Math.abs(L[i * k + j] as number));
    let s2 = 0;
    let s4 = 0;
    for (let j = 0; j < k; j++) {
      const v2 = ((L[i * k + j] as number) / largest) ** 2;
      s2 += v2;
      s4 += v2 * v2;
    }
    complexity[i] = (s2 * s2) / s4;
  }
  const fit = factorFit(r, p, L, P, k, n, data.pairwiseN, confidence, data.smooth);
  warnings.push(...fit.warnings);

  const uniquenesses = Array.from(communalities, (h) => 1 - h);
  const heywood: string[] = [];
  for (let i = 0; i < p; i++) {
    if ((communalities[i] as number) >= 1 || ex.atBound.includes(i)) heywood.push(names[i] as string);
  }
  if (heywood.length > 0) {
    warnings.push({
      code: 'HEYWOOD',
      message: `Heywood case: ${heywood.map((h) => `"${h}"`).join(', ')} ha${heywood.length === 1 ? 's' : 've'} a communality at or above ${extraction === 'pa' ? '1' : 'the bound (uniqueness 0.005)'}; interpret the solution with care.`,
      details: { columns: heywood },
    });
  }
  let total = 0;
  for (let i = 0; i < p; i++) total += (communalities[i] as number) + (uniquenesses[i] as number);
  const ssSum = ssSorted.reduce((a, b) => a + b, 0);
  let cum = 0;
  const cumulativeVariance = Array.from(ssSorted, (v) => (cum += v / total));

  return {
    kind: 'efa',
    extraction,
    rotation: spec.rotation,
    orthogonal: rot.orthogonal,
    normalize: spec.normalize,
    factors: k,
    columns: [...names],
    n,
    loadings: toRows(L, p, k),
    structure: toRows(structure, p, k),
    phi: toRows(P, k, k),
    unrotatedLoadings: toRows(unrotated, p, k),
    rotationMatrix: toRows(M, k, k),
    communalities: Array.from(communalities),
    uniquenesses,
    initialCommunalities: Array.from(ex.initialCommunalities),
    eigenvalues: Array.from(eigenvalues),
    commonFactorEigenvalues: Array.from(ex.values),
    ssLoadings: Array.from(ssSorted),
    proportionVariance: Array.from(ssSorted, (v) => v / total),
    cumulativeVariance,
    proportionExplained: Array.from(ssSorted, (v) => v / ssSum),
    complexity,
    residuals: toRows(fit.residuals, p, p),
    rmsr: fit.rmsr,
    df: fit.df,
    objective: fit.objective,
    fit: fit.indices,
    iterations: ex.iterations,
    rotationIterations: rot.iterations,
    converged: ex.converged && rot.converged,
    heywood,
    retention,
    seed,
    warnings,
  };
}

/**
 * The most common factors p variables can identify: the largest k ≤ p with non-negative degrees
 * of freedom p(p − 1)/2 − pk + k(k − 1)/2 (the bound `efa` enforces with `TOO_MANY_FACTORS`).
 * With d = p − k the degrees of freedom are (d² + d − 2p)/2, so k = p − d for the smallest d ≥ 0
 * with d(d + 1) ≥ 2p — exact for any safe integer p. `p` must be a non-negative safe integer
 * (`INVALID_INPUT`; NaN or ±Infinity `NON_FINITE`).
 *
 * @example
 * ```ts
 * maxFactors(9); // 5
 * maxFactors(3); // 1
 * ```
 */
export function maxFactors(p: number): number {
  if (typeof p !== 'number') throw fail('INVALID_INPUT', `maxFactors: \`p\` (the number of variables) must be a number; got ${typeof p}.`, { value: p });
  if (!Number.isFinite(p)) throw fail('NON_FINITE', `maxFactors: \`p\` is ${p}.`, { value: p });
  if (!Number.isSafeInteger(p) || p < 0) {
    throw fail('INVALID_INPUT', `maxFactors: \`p\` (the number of variables) must be a non-negative integer; got ${p}.`, { value: p });
  }
  // d ~ √(2p) < 1.4e8, so d(d + 1) is exact; the start is off by at most one either way.
  let d = Math.max(0, Math.ceil((Math.sqrt(8 * p + 1) - 1) / 2));
  while (d > 0 && (d - 1) * d >= 2 * p) d--;
  while (d * (d + 1) < 2 * p) d++;
  return p - d;
}
