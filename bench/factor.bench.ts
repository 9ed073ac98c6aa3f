import type { BenchCase } from './harness.js';
import { efa, parallelAnalysis } from '../src/factor/index.js';
import { randomStream } from '../src/index.js';

/** Likert-type responses (1–5) from a `factors`-factor model: items load 0.6 on one factor each. */
function survey(items: number, n: number, factors: number, seed: string) {
  const rng = randomStream(seed);
  const f = Array.from({ length: factors }, () => Float64Array.from({ length: n }, () => rng.normal()));
  const cols: Record<string, Float64Array> = {};
  for (let j = 0; j < items; j++) {
    const fj = f[j % factors]!;
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = Math.min(5, Math.max(1, Math.round(3 + 0.9 * fj[i]! + 0.9 * rng.normal())));
    cols[`q${j + 1}`] = c;
  }
  return { table: cols, items: Object.keys(cols) };
}

type Input = ReturnType<typeof survey>;

const cases: BenchCase[] = [
  {
    name: 'efa pa + oblimin, 100 items × 5,000, 5 factors',
    targetMs: 400,
    setup: () => survey(100, 5000, 5, 'bench-efa'),
    run: (d) => efa((d as Input).table, { columns: (d as Input).items, factors: 5, extraction: 'pa', rotation: 'oblimin' }),
  },
  {
    name: 'parallel analysis, 40 items × 2,000, 20 iterations',
    targetMs: 1000,
    setup: () => survey(40, 2000, 4, 'bench-parallel'),
    run: (d) => parallelAnalysis((d as Input).table, { columns: (d as Input).items, resamples: 20, seed: 1 }),
    runs: 5,
  },
];
export default cases;
