import { fail } from '../../errors.js';
import { correlationMatrix } from './correlation.js';
import { checkFastCheck, type Arbitrary, type FastCheck } from './fast-check.js';
import { arbitraryOptions, intRange, share, type Range } from './ranges.js';

/** Options of {@link cfaModel}. */
export interface CfaModelArbitraryOptions {
  /** Number of factors m. Default 1 … 3. */
  readonly factors?: Range;
  /** Indicators per factor, at least 3 (so every model is identified). Default 3 … 5. */
  readonly itemsPerFactor?: Range;
  /** Range of the standardized loadings, within [0.1, 0.95]. Default { min: 0.4, max: 0.9 }. */
  readonly loadings?: { readonly min?: number; readonly max?: number };
  /** Largest |factor correlation|. Default 0.6. */
  readonly maxFactorCorrelation?: number;
  /** true: every item and factor has variance 1. Default false: variances from 0.25 to 4. */
  readonly standardized?: boolean;
}

/** A CFA model ready for `simulate.cfa`. */
export interface GeneratedCfaModel {
  /** p × m raw loadings, simple structure, items grouped by factor. */
  readonly loadings: number[][];
  /** m × m factor covariance matrix (positive definite). */
  readonly factorCovariance: number[][];
  /** p residual variances (positive). */
  readonly residualVariances: number[];
}

/**
 * Small identified CFA models: m factors, each with its own ≥ 3 indicators (simple structure),
 * standardized loadings λ*ⱼ in the given range (bounded away from 0), a positive-definite factor
 * correlation matrix R (from `correlationMatrix` with smallest eigenvalue ≥ 0.2, shrunk towards I
 * so no |r| exceeds `maxFactorCorrelation`) and, unless `standardized`, random scales: item SDs sⱼ
 * and factor SDs d_f in [0.5, 2]. The raw model is then λⱼf = sⱼλ*ⱼ/d_f, Φ = DRD and
 * θⱼ = sⱼ²(1 − λ*ⱼ²), so the standardized loadings are λ*ⱼ. Pass it with n and a seed to
 * `simulate.cfa`. Shrinks towards one factor, three items, the smallest loadings and unit scales.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbitraries.cfaModel(fc, { factors: { min: 1, max: 2 } }), fc.integer(), (model, seed) => {
 *   const sim = simulate.cfa({ ...model, n: 2000, seed });
 *   const fit = cfa(sim.data, { model: sim.population.model });
 *   // compare fit.parameters with sim.population.parameters.marker
 * }));
 * ```
 */
export function cfaModel(fc: FastCheck, options?: CfaModelArbitraryOptions): Arbitrary<GeneratedCfaModel> {
  const fn = 'arbitraries.cfaModel';
  const f = checkFastCheck(fc, fn);
  const o = arbitraryOptions(options, fn, ['factors', 'itemsPerFactor', 'loadings', 'maxFactorCorrelation', 'standardized']);
  const [mMin, mMax] = intRange(o['factors'], 'factors', [1, 3], 1, 20);
  const [iMin, iMax] = intRange(o['itemsPerFactor'], 'itemsPerFactor', [3, 5], 3, 50);
  const range = o['loadings'] ?? {};
  if (typeof range !== 'object' || range === null || Array.isArray(range)) throw fail('INVALID_OPTION', '`loadings` must be { min?, max? }.', { option: 'loadings' });
  const lo = share((range as { min?: unknown }).min, 'loadings.min', 0.4, 0.1, 0.95);
  const hi = share((range as { max?: unknown }).max, 'loadings.max', Math.max(0.9, lo), 0.1, 0.95);
  if (lo > hi) throw fail('INVALID_OPTION', '`loadings` needs 0.1 ≤ min ≤ max ≤ 0.95.', { option: 'loadings' });
  const maxPhi = share(o['maxFactorCorrelation'], 'maxFactorCorrelation', 0.6, 0, 0.95);
  const standardized = o['standardized'] ?? false;
  if (typeof standardized !== 'boolean') throw fail('INVALID_OPTION', '`standardized` must be true or false.', { option: 'standardized', value: standardized });

  // Integers that shrink to 0; a scale of (100 + v)/100 shrinks to 1.
  const scale = standardized ? f.constant(0) : f.integer({ min: -50, max: 100 });
  const loLoading = Math.round(lo * 100);
  const hiLoading = Math.round(hi * 100);
  return f
    .record({ m: f.integer({ min: mMin, max: mMax }) })
    .chain(({ m }) =>
      f.record({
        counts: f.array(f.integer({ min: iMin, max: iMax }), { minLength: m, maxLength: m }),
        r: m > 1 ? correlationMatrix(f, { size: m, minEigenvalue: 0.2 }) : f.constant<number[][]>([[1]]),
        factorScales: f.array(scale, { minLength: m, maxLength: m }),
      }),
    )
    .chain(({ counts, r, factorScales }) => {
      const p = counts.reduce((s, c) => s + c, 0);
      return f.record({
        counts: f.constant(counts),
        r: f.constant(r),
        factorScales: f.constant(factorScales),
        standardizedLoadings: f.array(f.integer({ min: loLoading, max: hiLoading }), { minLength: p, maxLength: p }),
        itemScales: f.array(scale, { minLength: p, maxLength: p }),
      });
    })
    .map(({ counts, r, factorScales, standardizedLoadings, itemScales }) => {
      const m = counts.length;
      let largest = 0;
      r.forEach((row, i) => row.forEach((v, j) => i !== j && (largest = Math.max(largest, Math.abs(v)))));
      // (1 − c)I + cR is a positive-definite correlation matrix for c ∈ [0, 1].
      const c = largest > maxPhi ? maxPhi / largest : 1;
      const d = factorScales.map((v) => (100 + v) / 100);
      const factorCovariance = r.map((row, i) => row.map((v, j) => (i === j ? 1 : v * c) * ((d[Math.min(i, j)] as number) * (d[Math.max(i, j)] as number))));
      const factorOf = counts.flatMap((k, g) => new Array<number>(k).fill(g));
      const loadings: number[][] = [];
      const residualVariances: number[] = [];
      factorOf.forEach((g, j) => {
        const l = (standardizedLoadings[j] as number) / 100;
        const s = (100 + (itemScales[j] as number)) / 100;
        loadings.push(Array.from({ length: m }, (_, h) => (h === g ? (s * l) / (d[g] as number) : 0)));
        residualVariances.push(s * s * (1 - l * l));
      });
      return { loadings, factorCovariance, residualVariances };
    });
}
