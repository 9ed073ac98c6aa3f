// `npx tsx bench/logistic.ts`: the bootstrap kernel of logistic regression (src/regression/
// logistic-kernel.ts) — 5,000 resamples of n = 1,000 cases with 7 predictors + intercept (p = 8),
// warm-started from the full-sample estimate — and one full fitLogistic for comparison. Standalone
// (not a *.bench.ts, so not part of `npm run bench`); uses the same harness: median over runs after
// warm-up, wall and CPU time. The resamples' counts are drawn before timing (the draws are the
// caller's, not the kernel's).
import { runCase, type BenchCase } from './harness.js';
import { randomStream } from '../src/random/index.js';
import { fitLogistic } from '../src/regression/logistic.js';
import { logisticInPlace, logisticWorkspace } from '../src/regression/logistic-kernel.js';

const N = 1000;
const P = 8;
const RESAMPLES = 5000;

const rng = randomStream(20261207);
const beta = [-0.3, 0.6, -0.4, 0.3, 0.2, -0.2, 0.1, 0.5];
const columns = new Float64Array(N * P); // column-major, for fitLogistic
const rows = new Float64Array(N * P); // row-major, for the kernel
const y = new Float64Array(N);
for (let i = 0; i < N; i++) {
  let eta = beta[0] as number;
  for (let j = 0; j < P; j++) {
    // Column 7 is a 0/1 predictor, as a dummy of a PROCESS covariate would be.
    const v = j === 0 ? 1 : j === P - 1 ? (rng.next() < 0.3 ? 1 : 0) : rng.normal();
    columns[j * N + i] = v;
    rows[i * P + j] = v;
    if (j > 0) eta += (beta[j] as number) * v;
  }
  y[i] = rng.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
}
const names = ['constant', ...Array.from({ length: P - 1 }, (_, j) => `x${j + 1}`)];
const full = fitLogistic({ names, x: columns, n: N, p: P }, y, 'y');

// The same with column 7 replaced by a rare 0/1 predictor: 15 cases, 14 of them with y = 1, so a
// resample that misses the one case with x7 = 1 and y = 0 (about e⁻¹ = 37% of them) is
// quasi-separated: the kernel sees the empty cell of x7's 2 × 2 table with y and returns false
// before any Newton step.
const rareRows = Float64Array.from(rows);
const rareColumns = Float64Array.from(columns);
const rareY = Float64Array.from(y);
for (let i = 0; i < N; i++) {
  const v = i < 15 ? 1 : 0;
  rareRows[i * P + P - 1] = v;
  rareColumns[(P - 1) * N + i] = v;
  if (i < 15) rareY[i] = i === 0 ? 0 : 1;
}
const rareFull = fitLogistic({ names, x: rareColumns, n: N, p: P }, rareY, 'y');

// Bootstrap counts, drawn once: resample r is counts[r·N … (r+1)·N).
const counts = new Float64Array(RESAMPLES * N);
for (let r = 0; r < RESAMPLES; r++) for (let i = 0; i < N; i++) counts[r * N + Math.floor(rng.next() * N)]! += 1;
const views = Array.from({ length: RESAMPLES }, (_, r) => counts.subarray(r * N, (r + 1) * N));
const ws = logisticWorkspace(N, P);
const out = new Float64Array(P);
let failed = 0;
let rareFailed = 0;

const cases: BenchCase[] = [
  {
    name: `logisticInPlace × ${RESAMPLES.toLocaleString('en')}: n = ${N}, p = ${P}, warm start`,
    targetMs: 1000,
    runs: 9,
    warmup: 2,
    run: () => {
      failed = 0;
      let sum = 0;
      for (let r = 0; r < RESAMPLES; r++) {
        if (logisticInPlace(ws, rows, y, views[r]!, full.b, out)) sum += out[1]!;
        else failed++;
      }
      return sum;
    },
  },
  {
    name: `the same, with a rare 0/1 predictor that leaves ~37% of the resamples quasi-separated`,
    runs: 5,
    warmup: 1,
    run: () => {
      rareFailed = 0;
      for (let r = 0; r < RESAMPLES; r++) if (!logisticInPlace(ws, rareRows, rareY, views[r]!, rareFull.b, out)) rareFailed++;
      return rareFailed;
    },
  },
  {
    name: `fitLogistic once: n = ${N}, p = ${P} (with checks, covariance and fit statistics)`,
    runs: 21,
    warmup: 3,
    run: () => fitLogistic({ names, x: columns, n: N, p: P }, y, 'y').b[1],
  },
];

console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
console.log('| benchmark | median ms | min ms | CPU median ms | runs | target ms |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const c of cases) {
  const r = runCase(c);
  const flag = r.targetMs === undefined ? '' : r.medianMs <= r.targetMs ? ' ✓' : ' ✗';
  console.log(`| ${r.name} | ${r.medianMs.toFixed(1)} | ${r.minMs.toFixed(1)} | ${r.cpuMedianMs.toFixed(1)} | ${r.runs} | ${r.targetMs ?? ''}${flag} |`);
}
console.log(`full-sample fit: ${full.iterations} Newton steps; resamples that did not converge: ${failed} of ${RESAMPLES}`);
console.log(`rare predictor: resamples that returned false (separated): ${rareFailed} of ${RESAMPLES}`);
