import { fail } from '../../errors.js';
import { eigenWorkspace, eigenInto } from '../../linalg/eigen-workspace.js';
import { squaredMultipleCorrelations } from '../smc.js';
import type { ExtractionResult } from './types.js';

/** How principal-axis iteration decides it has converged. */
export interface PrincipalAxisOptions {
  /** Stop when the change is ≤ this (psych's `min.err`, 0.001). */
  readonly tolerance?: number;
  /** Iteration cap (psych 50; SPSS 25). */
  readonly maxIterations?: number;
  /**
   * `'sum'`: change in the *sum* of communalities (psych::fa). `'max'`: largest change of any
   * single communality (SPSS FACTOR /CRITERIA ECONVERGE).
   */
  readonly rule?: 'sum' | 'max';
  /** Starting communalities: SMCs (default) or ones (psych's `SMC = FALSE`, used by fa.parallel). */
  readonly initial?: 'smc' | 'ones';
}

/**
 * Iterated principal-axis factoring, exactly as psych::fa(fm = "pa"): put the SMCs on the
 * diagonal of R, take the k leading eigenpairs of that reduced matrix, L = Vₖ·Λₖ^½, replace the
 * diagonal by diag(L·Lᵀ) and repeat until the communalities settle.
 *
 * @param r correlation matrix, p × p row-major (not modified)
 */
export function principalAxis(r: ArrayLike<number>, p: number, k: number, options: PrincipalAxisOptions = {}): ExtractionResult {
  const tolerance = options.tolerance ?? 0.001;
  const maxIterations = options.maxIterations ?? 50;
  const rule = options.rule ?? 'sum';
  const smc = options.initial === 'ones' ? new Float64Array(p).fill(1) : squaredMultipleCorrelations(r, p);
  const reduced = Float64Array.from({ length: p * p }, (_, i) => r[i] as number);
  for (let i = 0; i < p; i++) reduced[i * p + i] = smc[i] as number;
  const ws = eigenWorkspace(p);
  const loadings = new Float64Array(p * k);
  const communalities = new Float64Array(p);
  const values = new Float64Array(p);
  let comm = 0;
  for (let i = 0; i < p; i++) comm += smc[i] as number;
  let err = Infinity;
  let iterations = 0;
  while (iterations === 0 || (err > tolerance && iterations < maxIterations)) {
    if (!eigenInto(ws, reduced, k)) throw fail('NOT_POSITIVE_DEFINITE', 'The eigendecomposition of the reduced correlation matrix failed to converge.', {});
    iterations++;
    values.set(ws.values);
    const last = ws.values[k - 1] as number;
    if (!(last >= 0)) {
      throw fail(
        'TOO_MANY_FACTORS',
        `Principal-axis factoring needs ${k} non-negative eigenvalues of the reduced correlation matrix, but eigenvalue ${k} is ${last.toPrecision(4)} (iteration ${iterations}); extract fewer factors.`,
        { factors: k, eigenvalue: last },
      );
    }
    let comm1 = 0;
    let maxChange = 0;
    for (let i = 0; i < p; i++) {
      let h = 0;
      for (let j = 0; j < k; j++) {
        const l = (ws.vectors[i * k + j] as number) * Math.sqrt(ws.values[j] as number);
        loadings[i * k + j] = l;
        h += l * l;
      }
      maxChange = Math.max(maxChange, Math.abs(h - (reduced[i * p + i] as number)));
      communalities[i] = h;
      reduced[i * p + i] = h;
      comm1 += h;
    }
    err = rule === 'sum' ? Math.abs(comm - comm1) : maxChange;
    comm = comm1;
  }
  return {
    loadings,
    communalities,
    values,
    initialCommunalities: smc,
    iterations,
    converged: err <= tolerance,
    atBound: [],
  };
}
