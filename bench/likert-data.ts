import { randomStream } from '../src/index.js';

/** `items` Likert items (1–5) driven by one factor, as an object of Float64Array columns, with MCAR missing cells. */
export function likertColumns(items: number, n: number, missingShare: number, seed: string): Record<string, Float64Array> {
  const rng = randomStream(seed);
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = rng.normal();
  const cols: Record<string, Float64Array> = {};
  for (let j = 0; j < items; j++) {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = rng.next() < missingShare ? NaN : Math.min(5, Math.max(1, Math.round(3 + 0.8 * f[i]! + rng.normal())));
    cols[`q${j + 1}`] = c;
  }
  return cols;
}
