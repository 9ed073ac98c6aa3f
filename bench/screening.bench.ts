import type { BenchCase } from './harness.js';
import { missingness, screenResponses } from '../src/index.js';
import { likertColumns } from './likert-data.js';

const likert = likertColumns;

const scales = Array.from({ length: 8 }, (_, s) => Array.from({ length: 5 }, (_, j) => `q${s * 5 + j + 1}`));

const cases: BenchCase[] = [
  {
    name: 'screenResponses, 40 items × 100,000, 1.5% missing (8 subscales)',
    targetMs: 300,
    setup: () => likert(40, 100_000, 0.015, 'bench-screen'),
    run: (d) => screenResponses(d as Record<string, Float64Array>, { scales }),
    runs: 7,
  },
  {
    name: 'screenResponses, 40 items × 100,000 row objects, 1.5% missing',
    setup: () => {
      const cols = likert(40, 100_000, 0.015, 'bench-screen');
      const names = Object.keys(cols);
      return Array.from({ length: 100_000 }, (_, i) => Object.fromEntries(names.map((name) => [name, cols[name]![i]])));
    },
    run: (d) => screenResponses(d as Record<string, number>[], { scales }),
    runs: 5,
  },
  {
    name: "missingness with Little's MCAR test, 40 items × 10,000, 5% missing",
    targetMs: 500,
    setup: () => likert(40, 10_000, 0.05, 'bench-missing'),
    run: (d) => missingness(d as Record<string, Float64Array>),
    runs: 7,
  },
];

export default cases;
