// The worker check every runtime runs (Node, Deno, Chromium): psychkit/worker's runInWorker on
// the peer-worker data, PROCESS model 4 (ESSE → social support → well-being, covariates gender,
// education and marital status) with 5,000 seeded resamples split across 2 workers, next to the
// synchronous call. Plain JavaScript, no imports: the caller passes in psychkit and
// psychkit/worker as it loaded them. `fingerprint` must be the same, bit for bit, everywhere.
import { CATEGORICAL, hash, parseCsv } from './smoke-analysis.js';

export const WORKER_RESAMPLES = 5000;
export const WORKER_SEED = 42;

/** The model-4 data of the smoke analysis (scale scores and covariates). */
export function workerData(psychkit, csvText) {
  const rows = parseCsv(csvText);
  const rule = { minAnswered: 0.8 };
  const score = (scale) => psychkit.scoreScale(rows, { scale }).scores;
  return {
    esse: score(psychkit.instruments.esse({ prefix: 'esse', ...rule })),
    ss: score(psychkit.instruments.mspss({ prefix: 'mspss', id: 'ss', ...rule })),
    pwb: score(psychkit.instruments.pwb18({ prefix: 'pwb', anchors: 'agree-disagree', response: { min: 1, max: 7 }, ...rule })),
    gender: rows.map((r) => r.gender),
    education: rows.map((r) => r.education),
    marital: rows.map((r) => r.marital),
  };
}

export const WORKER_OPTIONS = { model: 4, x: 'esse', m: 'ss', y: 'pwb', covariates: ['gender', 'education', 'marital'], categorical: CATEGORICAL, resamples: WORKER_RESAMPLES, seed: WORKER_SEED };

/**
 * Runs processModel in 2 workers and synchronously; resolves to `{ fingerprint, result }`.
 * `fingerprint.sameAsSync` says whether the two results are identical (their JSON, which writes
 * every number to the last bit); `fingerprint.hash` is that JSON's hash, to compare runtimes.
 */
export async function workerAnalysis(psychkit, worker, csvText) {
  const data = workerData(psychkit, csvText);
  let progressCalls = 0;
  let lastProgress = null;
  const result = await worker.runInWorker('processModel', data, WORKER_OPTIONS, {
    workers: 2,
    onProgress: (done, total) => {
      progressCalls++;
      lastProgress = [done, total];
    },
  });
  const sync = psychkit.processModel(data, WORKER_OPTIONS);
  const json = JSON.stringify(result);
  const indirect = result.indirectEffects[0];
  return {
    result,
    fingerprint: {
      indirect: { estimate: indirect.estimate, se: indirect.se, lower: indirect.lower, upper: indirect.upper },
      resamples: result.bootstrap.resamples,
      replaced: result.bootstrap.replaced,
      hash: hash(json),
      sameAsSync: json === JSON.stringify(sync) && Object.isFrozen(result),
      progress: progressCalls > 0 ? lastProgress : null,
    },
  };
}
