import { fail } from '../../errors.js';
import { checkFastCheck, type Arbitrary, type FastCheck } from './fast-check.js';
import { arbitraryOptions, intRange, share, type Range } from './ranges.js';

/** Options of {@link correlationMatrix}. */
export interface CorrelationMatrixOptions {
  /** Number of variables p. Default 2 … 8. */
  readonly size?: Range;
  /** Guaranteed lower bound on the smallest eigenvalue, in (0, 1). Default 0.01. */
  readonly minEigenvalue?: number;
}

/**
 * Builds a correlation matrix from W (p × q) and positive d: S = WWᵀ + diag(d), R = D^−½ S D^−½
 * with D = diag(S). R is the sum of a positive semidefinite matrix and diag(dᵢ / Sᵢᵢ), so
 * λmin(R) ≥ minᵢ dᵢ / (‖wᵢ‖² + dᵢ) (Weyl); raising dᵢ to δ‖wᵢ‖² / (1 − δ) makes that bound δ.
 */
export function correlationFromFactors(w: readonly (readonly number[])[], d: readonly number[], minEigenvalue: number): number[][] {
  const p = w.length;
  const norms = w.map((row) => row.reduce((s, v) => s + v * v, 0));
  const dd = d.map((v, i) => Math.max(v, (minEigenvalue * (norms[i] as number)) / (1 - minEigenvalue), Number.MIN_VALUE));
  const s = (i: number, j: number): number => {
    const wi = w[i] as readonly number[];
    const wj = w[j] as readonly number[];
    let t = 0;
    for (let c = 0; c < wi.length; c++) t += (wi[c] as number) * (wj[c] as number);
    return i === j ? t + (dd[i] as number) : t;
  };
  const sd = Array.from({ length: p }, (_, i) => Math.sqrt(s(i, i)));
  const r = Array.from({ length: p }, () => new Array<number>(p).fill(1));
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      const v = s(i, j) / ((sd[i] as number) * (sd[j] as number));
      (r[i] as number[])[j] = v;
      (r[j] as number[])[i] = v;
    }
  }
  return r;
}

/**
 * Positive-definite correlation matrices (`number[][]`, exactly symmetric, unit diagonal) whose
 * smallest eigenvalue is at least `minEigenvalue`. Generated as the correlation matrix of
 * WWᵀ + diag(d) for a random p × q W (q = 1 … p, entries in [−1, 1]) and d > 0 — a random
 * factor structure plus uniquenesses — which covers near-identity, strongly correlated and
 * near-singular matrices (with a small `minEigenvalue`). Shrinks towards the identity.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbitraries.correlationMatrix(fc, { size: { min: 3, max: 10 } }), (r) => {
 *   // r is p × p, symmetric, unit diagonal, positive definite
 * }));
 * ```
 */
export function correlationMatrix(fc: FastCheck, options?: CorrelationMatrixOptions): Arbitrary<number[][]> {
  const f = checkFastCheck(fc, 'arbitraries.correlationMatrix');
  const o = arbitraryOptions(options, 'arbitraries.correlationMatrix', ['size', 'minEigenvalue']);
  const [pMin, pMax] = intRange(o['size'], 'size', [2, 8], 1, 200);
  const delta = share(o['minEigenvalue'], 'minEigenvalue', 0.01);
  if (!(delta > 0 && delta < 1)) {
    throw fail('INVALID_OPTION', '`minEigenvalue` must lie strictly between 0 and 1.', { option: 'minEigenvalue', value: delta });
  }
  return f
    .integer({ min: pMin, max: pMax })
    .chain((p) => f.tuple(f.constant(p), f.integer({ min: 1, max: p })))
    .chain(([p, q]) =>
      f.record({
        w: f.array(f.array(f.integer({ min: -100, max: 100 }), { minLength: q, maxLength: q }), { minLength: p, maxLength: p }),
        // Shrinks to d = 1 with W = 0: the identity.
        d: f.array(f.integer({ min: 1, max: 100 }), { minLength: p, maxLength: p }),
      }),
    )
    .map(({ w, d }) =>
      correlationFromFactors(
        w.map((row) => row.map((v) => v / 100)),
        d.map((v) => (101 - v) / 100),
        delta,
      ),
    );
}
