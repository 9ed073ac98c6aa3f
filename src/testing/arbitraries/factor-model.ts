import { fail } from '../../errors.js';
import { correlationMatrix } from './correlation.js';
import { checkFastCheck, type Arbitrary, type FastCheck } from './fast-check.js';
import { arbitraryOptions, intRange, share, type Range } from './ranges.js';

/** Options of {@link factorModel}. */
export interface FactorModelArbitraryOptions {
  /** Number of factors m. Default 1 … 3. */
  readonly factors?: Range;
  /** Items loading primarily on each factor. Default 3 … 6. */
  readonly itemsPerFactor?: Range;
  /** Range of the primary loadings' magnitude. Default { min: 0.3, max: 0.9 }. */
  readonly loadings?: { readonly min?: number; readonly max?: number };
  /** Largest |cross-loading|; 0 gives simple structure. Default 0.2. */
  readonly crossLoadings?: number;
  /** true: correlated factors; false: Φ = I. Default: either. */
  readonly oblique?: boolean;
  /** Largest |factor correlation| when oblique. Default 0.6. */
  readonly maxFactorCorrelation?: number;
  /** Rows whose communality λᵀΦλ exceeds this are scaled down to it. Default 0.9. */
  readonly maxCommunality?: number;
  /** Allow negative primary loadings (reverse-keyed items). Default false. */
  readonly negative?: boolean;
}

/** A factor model ready for `simulate.factorModel`. */
export interface GeneratedFactorModel {
  /** p × m standardized loadings, items grouped by primary factor. */
  readonly loadings: number[][];
  /** m × m factor correlation matrix. */
  readonly phi: number[][];
}

/**
 * Admissible standardized factor models: m factors, each with its own items (primary loadings in
 * the given range), optional small cross-loadings, orthogonal or correlated factors (Φ from
 * {@link correlationMatrix}, shrunk towards I so no |φ| exceeds `maxFactorCorrelation`), and every
 * communality λᵀΦλ at most `maxCommunality` (rows above it are rescaled, so no Heywood case is
 * generated). Pass the result with n and a seed to `simulate.factorModel`.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbitraries.factorModel(fc, { factors: 2 }), fc.integer(), (model, seed) => {
 *   const sim = simulate.factorModel({ ...model, n: 500, seed });
 * }));
 * ```
 */
export function factorModel(fc: FastCheck, options?: FactorModelArbitraryOptions): Arbitrary<GeneratedFactorModel> {
  const fn = 'arbitraries.factorModel';
  const f = checkFastCheck(fc, fn);
  const o = arbitraryOptions(options, fn, [
    'factors',
    'itemsPerFactor',
    'loadings',
    'crossLoadings',
    'oblique',
    'maxFactorCorrelation',
    'maxCommunality',
    'negative',
  ]);
  const [mMin, mMax] = intRange(o['factors'], 'factors', [1, 3], 1, 20);
  const [iMin, iMax] = intRange(o['itemsPerFactor'], 'itemsPerFactor', [3, 6], 1, 50);
  const range = (o['loadings'] ?? {}) as { min?: unknown; max?: unknown };
  const lo = share(range.min, 'loadings.min', 0.3);
  const hi = share(range.max, 'loadings.max', 0.9);
  if (lo > hi || hi >= 1) throw fail('INVALID_OPTION', '`loadings` needs 0 ≤ min ≤ max < 1.', { option: 'loadings' });
  const cross = share(o['crossLoadings'], 'crossLoadings', 0.2, 0, 0.99);
  const maxPhi = share(o['maxFactorCorrelation'], 'maxFactorCorrelation', 0.6, 0, 0.99);
  const maxH = share(o['maxCommunality'], 'maxCommunality', 0.9, 0.01, 0.999);
  const oblique = o['oblique'];
  if (oblique !== undefined && typeof oblique !== 'boolean') throw fail('INVALID_OPTION', '`oblique` must be true or false.', { option: 'oblique' });
  const negative = o['negative'] ?? false;
  if (typeof negative !== 'boolean') throw fail('INVALID_OPTION', '`negative` must be true or false.', { option: 'negative' });

  const hundredths = (a: number, b: number) => f.integer({ min: Math.round(a * 100), max: Math.round(b * 100) });
  return f
    .record({
      m: f.integer({ min: mMin, max: mMax }),
      correlated: oblique === undefined ? f.boolean() : f.constant(oblique),
    })
    .chain(({ m, correlated }) =>
      f.record({
        counts: f.array(f.integer({ min: iMin, max: iMax }), { minLength: m, maxLength: m }),
        phi: correlated && m > 1 ? correlationMatrix(f, { size: m, minEigenvalue: 0.2 }) : f.constant(null),
      }).chain(({ counts, phi }) => {
        const p = counts.reduce((s, c) => s + c, 0);
        return f.record({
          primary: f.array(hundredths(lo, hi), { minLength: p, maxLength: p }),
          signs: f.array(negative ? f.boolean() : f.constant(false), { minLength: p, maxLength: p }),
          cross: f.array(
            f.array(f.oneof({ arbitrary: f.constant(0), weight: 3 }, { arbitrary: hundredths(-cross, cross), weight: 1 }), { minLength: m, maxLength: m }),
            { minLength: p, maxLength: p },
          ),
          counts: f.constant(counts),
          phi: f.constant(phi),
        });
      }),
    )
    .map(({ primary, signs, cross: crossRows, counts, phi }) => {
      const m = counts.length;
      let scale = 1;
      let phiM: number[][];
      if (phi === null) phiM = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? 1 : 0)));
      else {
        let largest = 0;
        phi.forEach((row, i) => row.forEach((v, j) => i !== j && (largest = Math.max(largest, Math.abs(v)))));
        // (1 − s)I + sR is a positive-definite correlation matrix for s ∈ [0, 1].
        scale = largest > maxPhi ? maxPhi / largest : 1;
        phiM = phi.map((row, i) => row.map((v, j) => (i === j ? 1 : v * scale)));
      }
      const factorOf: number[] = counts.flatMap((c, fIndex) => new Array<number>(c).fill(fIndex));
      const loadings = factorOf.map((primaryFactor, j) => {
        const row = Array.from({ length: m }, (_, g) =>
          g === primaryFactor ? ((signs[j] ? -1 : 1) * (primary[j] as number)) / 100 : ((crossRows[j] as number[])[g] as number) / 100,
        );
        let h = 0;
        for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) h += (row[a] as number) * ((phiM[a] as number[])[b] as number) * (row[b] as number);
        if (h > maxH) {
          const c = Math.sqrt(maxH / h);
          return row.map((v) => v * c);
        }
        return row;
      });
      return { loadings, phi: phiM };
    });
}
