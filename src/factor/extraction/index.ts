import { principalAxis, type PrincipalAxisOptions } from './pa.js';
import { maximumLikelihood, minimumResidual } from './uniqueness.js';
import type { ExtractionResult } from './types.js';

export type ExtractionName = 'pa' | 'minres' | 'ml';
export const EXTRACTIONS: readonly ExtractionName[] = ['pa', 'minres', 'ml'];

/** Runs one extraction method on a p × p correlation matrix (row-major). */
export function extract(method: ExtractionName, r: Float64Array, p: number, k: number, pa: PrincipalAxisOptions = {}): ExtractionResult {
  if (method === 'pa') return principalAxis(r, p, k, pa);
  if (method === 'ml') return maximumLikelihood(r, p, k);
  return minimumResidual(r, p, k);
}

export { principalAxis, maximumLikelihood, minimumResidual };
export type { ExtractionResult, PrincipalAxisOptions };
