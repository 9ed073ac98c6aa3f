import type { BenchCase } from './harness.js';
import { bartlettSphericity, correlationMatrix, kmo, randomStream, velicerMap } from '../src/index.js';

// One-factor Likert data with `categories` response options and a share of missing responses.
function likert(items: number, n: number, categories: number, missingShare: number, seed: string) {
  const rng = randomStream(seed);
  const cols: Record<string, (number | null)[]> = {};
  const f = Array.from({ length: n }, () => rng.normal());
  for (let j = 0; j < items; j++) {
    cols[`q${j + 1}`] = f.map((fi) => {
      if (rng.next() < missingShare) return null;
      const z = 0.7 * fi + 0.7 * rng.normal();
      return Math.min(categories, Math.max(1, Math.round((categories + 1) / 2 + 1.2 * z)));
    });
  }
  return cols;
}

const cases: BenchCase[] = [
  {
    name: 'polychoric, 18 items × 268, 7 categories, 1.5% missing',
    targetMs: 1000,
    setup: () => likert(18, 268, 7, 0.015, 'bench-poly-18'),
    run: (d) => correlationMatrix(d as never, { method: 'polychoric' }),
  },
  {
    name: 'polychoric, 40 items × 2,000, 5 categories',
    setup: () => likert(40, 2000, 5, 0, 'bench-poly-40'),
    run: (d) => correlationMatrix(d as never, { method: 'polychoric' }),
    runs: 3,
    warmup: 1,
  },
  {
    name: 'kmo + bartlettSphericity + velicerMap, 100 items × 5,000',
    setup: () => correlationMatrix(likert(100, 5000, 5, 0, 'bench-sampling-100')),
    run: (r) => [kmo(r as never), bartlettSphericity(r as never), velicerMap(r as never)],
  },
];
export default cases;
