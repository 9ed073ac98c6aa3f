import type { BenchCase } from './harness.js';
import { boxCox, compareTransforms, descriptives, normalityTests, randomStream, yeoJohnson } from '../src/index.js';

// A negatively skewed, bounded score like the recovery scale (ceiling at 5), with 1.5% missing.
function scores(n: number, seed: string): (number | null)[] {
  const rng = randomStream(seed);
  return Array.from({ length: n }, () => (rng.next() < 0.015 ? null : Math.min(5, Math.max(1, 5.2 - Math.abs(rng.normal()) * 0.9))));
}
function table(columns: number, n: number): Record<string, (number | null)[]> {
  const t: Record<string, (number | null)[]> = {};
  for (let j = 0; j < columns; j++) t[`v${j + 1}`] = scores(n, `bench-distribution-${j}`);
  return t;
}

const cases: BenchCase[] = [
  { name: 'describe, 40 columns × 100,000 rows', setup: () => table(40, 100_000), run: (t) => descriptives(t as never) },
  { name: 'normalityTests (incl. Shapiro–Wilk), n = 5,000', setup: () => scores(5000, 'sw'), run: (x) => normalityTests(x as never) },
  { name: 'boxCox (λ by ML + profile interval), n = 100,000', setup: () => scores(100_000, 'bc'), run: (x) => boxCox(x as never) },
  { name: 'yeoJohnson (λ by ML + profile interval), n = 100,000', setup: () => scores(100_000, 'yj'), run: (x) => yeoJohnson(x as never) },
  { name: 'compareTransforms (default ladder), n = 5,000', setup: () => scores(5000, 'ladder'), run: (x) => compareTransforms(x as never) },
];
export default cases;
