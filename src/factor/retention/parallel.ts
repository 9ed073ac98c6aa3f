import { fail, isPsychkitError, type PsychkitResult, type PsychkitWarning } from '../../errors.js';
import { correlationMatrixOf, crossprodColumnsInto } from '../../linalg/covariance.js';
import { freshSeed, randomStream, type Seed } from '../../random/index.js';
import { deepFreeze } from '../../util/freeze.js';
import { defineOptions, field, type ProgressCallback } from '../../util/options.js';
import { sortedQuantile } from '../../util/quantile.js';
import { EXTRACTIONS, extract, type ExtractionName } from '../extraction/index.js';
import { FACTOR_INPUT_FIELDS, readFactorInput, type FactorInput, type FactorInputOptions, type ReadFactorInput } from '../input.js';
import { eigenWorkspace, eigenInto, type EigenWorkspace } from '../../linalg/eigen-workspace.js';

/** Options of {@link parallelAnalysis}. */
export interface ParallelAnalysisOptions extends FactorInputOptions {
  /** Number of simulated (and resampled) data sets. Default 20 (psych's `n.iter`). */
  readonly resamples?: number;
  /** Quantile of the simulated eigenvalues the observed ones must exceed. Default 0.95 (psych). */
  readonly quantile?: number;
  /** Extraction for the factor eigenvalues (one factor, as psych). Default `'minres'` (psych). */
  readonly extraction?: ExtractionName;
  /** Also resample the observed data column by column (table input only). Default true (psych). */
  readonly resampleData?: boolean;
  readonly seed?: Seed;
  /** Called after each simulated data set: `(done, total)`. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Parallel-analysis settings after validation (efa's `factors: 'parallel'` passes its own). */
export interface ParallelSettings {
  readonly resamples: number;
  readonly quantile: number;
  readonly extraction: ExtractionName;
  readonly resampleData: boolean;
  readonly seed: Seed;
  readonly onProgress: ProgressCallback | undefined;
}

/** Largest n · p simulated per data set (10⁸ doubles = 800 MB): beyond it the arrays cannot be allocated. */
const MAX_SIMULATED_VALUES = 1e8;

/** Mean and quantile eigenvalue, per position, over the simulated data sets. */
export interface SimulatedEigenvalues {
  readonly mean: readonly number[];
  readonly quantile: readonly number[];
}

/** Result of {@link parallelAnalysis}. */
export interface ParallelAnalysisResult extends PsychkitResult<'parallelAnalysis'> {
  readonly resamples: number;
  readonly quantile: number;
  readonly extraction: ExtractionName;
  readonly n: number;
  readonly seed: Seed;
  /** Eigenvalues of the data: of R (components) and of R with one-factor communalities on the diagonal (factors). */
  readonly observed: { readonly components: readonly number[]; readonly factors: readonly number[] };
  /** From normal random data of the same size. */
  readonly simulated: { readonly components: SimulatedEigenvalues; readonly factors: SimulatedEigenvalues };
  /** From the data with each column resampled independently (null for correlation-matrix input). */
  readonly resampled: { readonly components: SimulatedEigenvalues; readonly factors: SimulatedEigenvalues } | null;
  /** Leading observed factor eigenvalues above the simulated quantile (psych's `nfact`). */
  readonly suggestedFactors: number;
  /** Leading observed component eigenvalues above the simulated quantile (psych's `ncomp`). */
  readonly suggestedComponents: number;
}

function summarise(draws: Float64Array, iterations: number, p: number, q: number): SimulatedEigenvalues {
  const mean: number[] = [];
  const quant: number[] = [];
  const col = new Float64Array(iterations);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let it = 0; it < iterations; it++) {
      const v = draws[it * p + j] as number;
      col[it] = v;
      s += v;
    }
    mean.push(s / iterations);
    col.sort();
    quant.push(sortedQuantile(col, q, 7));
  }
  return { mean, quantile: quant };
}

/** psych: which(!(observed > simulated))[1] − 1, i.e. how many leading values exceed it. */
function leadingAbove(observed: ArrayLike<number>, reference: readonly number[]): number {
  let c = 0;
  while (c < observed.length && (observed[c] as number) > (reference[c] as number)) c++;
  return c;
}

/**
 * Correlation matrix of complete columns (n × p, column-major in `x`) into `out`; `x` is
 * standardised in place. Used for the simulated normal data, where nothing is missing.
 */
function completeCorrelation(x: Float64Array, n: number, p: number, out: Float64Array): void {
  for (let j = 0; j < p; j++) {
    const o = j * n;
    let m = 0;
    for (let i = 0; i < n; i++) m += x[o + i] as number;
    m /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = (x[o + i] as number) - m;
      x[o + i] = d;
      ss += d * d;
    }
    const sd = Math.sqrt(ss);
    for (let i = 0; i < n; i++) x[o + i] = (x[o + i] as number) / sd;
  }
  // The unit-length columns' cross-products are the correlations: linalg's kernel, one running
  // sum per pair (no row blocks), so that results do not depend on n's blocks.
  crossprodColumnsInto(
    Array.from({ length: p }, (_, j) => x.subarray(j * n, (j + 1) * n)),
    n,
    out,
    n,
  );
  for (let a = 0; a < p; a++) out[a * p + a] = 1;
}

/** The option fields parallel analysis reads (parallelAnalysis, and efa for `factors: 'parallel'`). */
export const PARALLEL_FIELDS = {
  resamples: field.number(20, 2, 1e6, { integer: true }),
  quantile: field.number(0.95, 0, 1),
  resampleData: field.boolean(true),
  seed: field.seed(),
  onProgress: field.progress(),
} as const;

const readParallelOptions = defineOptions(
  'parallelAnalysis',
  {
    ...FACTOR_INPUT_FIELDS,
    extraction: field.oneOf(EXTRACTIONS, 'minres'),
    ...PARALLEL_FIELDS,
  },
  { items: 'columns', iterations: 'resamples', resample: 'resampleData' },
);

/** Factor eigenvalues psych's fa.parallel uses: one factor, then eigenvalues of R with its communalities. */
function factorValues(method: ExtractionName, r: Float64Array, p: number, smcStart: boolean): Float64Array {
  return extract(method, r, p, 1, { initial: smcStart ? 'smc' : 'ones' }).values;
}

/** Parallel analysis on already-read input (shared with efa's `factors: 'parallel'`). */
export function parallelAnalysisOf(data: ReadFactorInput, o: ParallelSettings, fn: string): Omit<ParallelAnalysisResult, 'kind'> {
  if (data.correlation === 'polychoric') {
    // The simulated and resampled comparison matrices would be Pearson; psych's fa.parallel(cor = "poly") is not offered yet.
    throw fail('INVALID_OPTION', `${fn}: parallel analysis uses Pearson correlations; \`correlation: 'polychoric'\` is not supported here.`, {
      option: 'correlation',
      value: 'polychoric',
    });
  }
  const { r, p } = data;
  if (data.n === null) {
    throw fail('INVALID_INPUT', `${fn}: parallel analysis of a correlation matrix needs the sample size; pass { correlation, n }.`, { option: 'n' });
  }
  const n = Math.round(data.n);
  if (n * p > MAX_SIMULATED_VALUES) {
    throw fail('INVALID_OPTION', `${fn}: n = ${n} with ${p} variables would simulate ${n * p} values per data set; parallel analysis allows at most ${MAX_SIMULATED_VALUES} (n · p).`, {
      option: 'n',
      value: n,
    });
  }
  const warnings: PsychkitWarning[] = [];
  const rng = randomStream(o.seed);
  const ws: EigenWorkspace = eigenWorkspace(p);
  eigenInto(ws, r, 0);
  const observedComponents = Array.from(ws.values);
  const observedFactors = Array.from(factorValues(o.extraction, r, p, true));

  const iters = o.resamples;
  const simPc = new Float64Array(iters * p);
  const simFa = new Float64Array(iters * p);
  const x = new Float64Array(n * p);
  const c = new Float64Array(p * p);
  for (let it = 0; it < iters; it++) {
    for (let t = 0; t < n * p; t++) x[t] = rng.normal();
    completeCorrelation(x, n, p, c);
    eigenInto(ws, c, 0);
    simPc.set(ws.values, it * p);
    simFa.set(factorValues(o.extraction, c, p, false), it * p);
    o.onProgress?.(it + 1, o.resampleData && data.data !== null ? 2 * iters : iters);
  }

  let resampled: ParallelAnalysisResult['resampled'] = null;
  if (o.resampleData && data.data !== null) {
    const source = data.data;
    const rows = source.n;
    const cols = source.columns.map(() => new Float64Array(rows));
    const view = { names: source.names, n: rows, columns: cols };
    const resPc = new Float64Array(iters * p);
    const resFa = new Float64Array(iters * p);
    for (let it = 0; it < iters; it++) {
      let cm: Float64Array | null = null;
      for (let attempt = 0; attempt < 100 && cm === null; attempt++) {
        for (let j = 0; j < p; j++) {
          const src = source.columns[j] as Float64Array;
          const dst = cols[j] as Float64Array;
          for (let i = 0; i < rows; i++) dst[i] = src[rng.int(rows)] as number;
        }
        try {
          cm = correlationMatrixOf(view, data.missing).matrix;
        } catch (e) {
          // psych redraws a resample whose correlations are undefined (a constant column)
          if (!isPsychkitError(e)) throw e;
        }
      }
      if (cm === null) throw fail('ZERO_VARIANCE', `${fn}: resampled data kept producing a constant column; use resampleData: false.`, {});
      eigenInto(ws, cm, 0);
      resPc.set(ws.values, it * p);
      resFa.set(factorValues(o.extraction, cm, p, false), it * p);
      o.onProgress?.(iters + it + 1, 2 * iters);
    }
    resampled = { components: summarise(resPc, iters, p, o.quantile), factors: summarise(resFa, iters, p, o.quantile) };
  }
  const simulated = { components: summarise(simPc, iters, p, o.quantile), factors: summarise(simFa, iters, p, o.quantile) };
  return {
    resamples: iters,
    quantile: o.quantile,
    extraction: o.extraction,
    n,
    seed: o.seed,
    observed: { components: observedComponents, factors: observedFactors },
    simulated,
    resampled,
    suggestedFactors: leadingAbove(observedFactors, simulated.factors.quantile),
    suggestedComponents: leadingAbove(observedComponents, simulated.components.quantile),
    warnings,
  };
}

/**
 * Horn's (1965) parallel analysis as psych::fa.parallel (fa = "both"): eigenvalues of the observed
 * correlation matrix (components) and of the matrix with one-factor communalities on its diagonal
 * (factors, extracted with `extraction`) are compared with the same eigenvalues of `resamples`
 * normal random data sets of the same size, and — for table input — of the data with each column
 * resampled independently. The suggested numbers count the leading observed eigenvalues that
 * exceed the `quantile` (0.95) of the simulated ones, as psych's `nfact` and `ncomp`.
 *
 * Random data come from the seeded stream (`seed`), so results are reproducible but not
 * identical to R's draws; with the same number of data sets they agree within Monte-Carlo error.
 * Each simulated data set holds n · p values; more than 10⁸ throws `INVALID_OPTION` (option `n`).
 *
 * @example
 * ```ts
 * const pa = parallelAnalysis(rows, { columns: esseItems, resamples: 20, seed: 1 });
 * pa.suggestedFactors; pa.simulated.factors.quantile;
 * ```
 */
export function parallelAnalysis(input: FactorInput, options?: ParallelAnalysisOptions): ParallelAnalysisResult {
  const o = readParallelOptions.read(options);
  const data = readFactorInput(input, o, 'parallelAnalysis');
  const result = parallelAnalysisOf(data, { ...o, seed: o.seed ?? freshSeed() }, 'parallelAnalysis');
  return deepFreeze({ kind: 'parallelAnalysis', ...result, warnings: [...data.warnings, ...result.warnings] });
}
