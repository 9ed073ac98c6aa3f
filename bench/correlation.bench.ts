import type { BenchCase } from './harness.js';
import { numericColumns, randomStream } from '../src/index.js';
import { correlationMatrixOf } from '../src/linalg/index.js';

function likert(items: number, n: number, missingShare: number) {
  const rng = randomStream('bench-correlation');
  const cols: Record<string, Float64Array> = {};
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = rng.normal();
  for (let j = 0; j < items; j++) {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = rng.next() < missingShare ? NaN : Math.min(5, Math.max(1, Math.round(3 + 0.8 * f[i]! + rng.normal())));
    cols[`q${j + 1}`] = c;
  }
  return numericColumns(cols);
}

const cases: BenchCase[] = [
  { name: 'correlation matrix, 40 items × 100,000, complete', setup: () => likert(40, 100_000, 0), run: (d) => correlationMatrixOf(d as never, 'pairwise') },
  { name: 'correlation matrix, 40 items × 100,000, 1.5% missing (pairwise)', setup: () => likert(40, 100_000, 0.015), run: (d) => correlationMatrixOf(d as never, 'pairwise') },
];
export default cases;
