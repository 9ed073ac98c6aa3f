// psychkit/worker's parallel bootstrap: PROCESS model 4 on the peer-worker data (X = esse, M = ss,
// Y = pwb, covariates gender + education + marital, n = 267) with 20,000 resamples, on this thread
// and in 1 and 2 workers (a warm pool: the warm-up calls start the workers). Every variant gives
// the same digits (test/worker). Speed-up = synchronous median / 2-worker median; on a 2-core
// machine the target is ≥ 1.6×.
import type { BenchCase } from './harness.js';
import { processModel } from '../src/index.js';
import { runInWorker } from '../src/worker/index.js';
import { peerTable } from './peer-data.js';

const table = peerTable;
const options = { model: 4, x: 'esse', m: 'ss', y: 'pwb', covariates: ['gender', 'education', 'marital'], resamples: 20000, seed: 1 } as const;

const cases: BenchCase[] = [
  { name: 'process model 4, 20,000 resamples, synchronous (this thread)', runs: 15, warmup: 3, run: () => processModel(table, options) },
  { name: 'process model 4, 20,000 resamples, runInWorker, 1 worker', async: true, runs: 15, warmup: 3, run: () => runInWorker('processModel', table, options, { workers: 1 }) },
  { name: 'process model 4, 20,000 resamples, runInWorker, 2 workers', async: true, runs: 15, warmup: 3, run: () => runInWorker('processModel', table, options, { workers: 2 }) },
];

export default cases;
