import type { BenchCase } from './harness.js';
import { cronbachAlpha } from '../src/index.js';
import { likertColumns } from './likert-data.js';

/** 40 Likert items (1–5) driven by one factor, as an object of Float64Array columns. */
const likert = (items: number, n: number, missingShare: number) => likertColumns(items, n, missingShare, 'bench-reliability');

/**
 * The same data as d3-dsv's `csvParse` gives it: one object per row, every value a string, ''
 * for an empty cell. csvParse builds each row with a compiled object literal (one shape for all
 * rows); so does this.
 */
function csvRows(cols: Record<string, Float64Array>): Record<string, string>[] {
  const names = Object.keys(cols);
  const n = cols[names[0]!]!.length;
  const row = new Function('d', `return {${names.map((name, j) => `${JSON.stringify(name)}: d[${j}] || ""`).join(',')}}`) as (d: string[]) => Record<string, string>;
  return Array.from({ length: n }, (_, i) => row(names.map((name) => (Number.isNaN(cols[name]![i]!) ? '' : String(cols[name]![i])))));
}

const response = { min: 1, max: 5 };
const cases: BenchCase[] = [
  {
    name: 'cronbachAlpha, 40 items × 100,000, complete',
    targetMs: 200,
    setup: () => likert(40, 100_000, 0),
    run: (d) => cronbachAlpha(d as Record<string, Float64Array>, { response }),
  },
  {
    name: 'cronbachAlpha, 40 items × 100,000, 1.5% missing (pairwise)',
    targetMs: 200,
    setup: () => likert(40, 100_000, 0.015),
    run: (d) => cronbachAlpha(d as Record<string, Float64Array>, { response }),
  },
  {
    name: 'cronbachAlpha, 40 items × 100,000, 1.5% missing (listwise)',
    setup: () => likert(40, 100_000, 0.015),
    run: (d) => cronbachAlpha(d as Record<string, Float64Array>, { response, missing: 'listwise' }),
  },
  {
    name: 'cronbachAlpha, 40 items × 100,000 row objects (d3-dsv style), 1.5% missing',
    setup: () => {
      const cols = likert(40, 100_000, 0.015);
      const names = Object.keys(cols);
      return Array.from({ length: 100_000 }, (_, i) => Object.fromEntries(names.map((name) => [name, cols[name]![i]])));
    },
    run: (d) => cronbachAlpha(d as Record<string, number>[], { response }),
    runs: 5,
  },
  {
    name: 'cronbachAlpha, 40 items × 100,000 row objects of strings (d3-dsv csvParse), 1.5% missing',
    targetMs: 200,
    setup: () => csvRows(likert(40, 100_000, 0.015)),
    run: (d) => cronbachAlpha(d as Record<string, string>[], { response }),
    runs: 7,
  },
  {
    name: 'cronbachAlpha bootstrap CI, 24 items × 268, 1.5% missing (pairwise), 2,000 resamples',
    setup: () => likert(24, 268, 0.015),
    run: (d) => cronbachAlpha(d as Record<string, Float64Array>, { response, interval: 'bootstrap', resamples: 2000, seed: 1 }),
    runs: 5,
  },
];
export default cases;
