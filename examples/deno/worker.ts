// psychkit/worker in Deno: runInWorker runs processModel in Deno's module workers (two of them,
// each with its slice of the one seeded bootstrap stream) and gives the synchronous result to the
// last bit; prints the check's fingerprint (scripts/runtimes.mjs compares it with Node's).
//
//   npm run build && npx deno run --allow-read --no-lock examples/deno/worker.ts
//
// --allow-read is for the CSV file (the workers load dist/worker-thread.js as modules, which
// needs no permission). In a project: `import { runInWorker } from 'npm:psychkit/worker';`.
import * as psychkit from '../../dist/index.js';
import * as worker from '../../dist/worker.js';
import { workerAnalysis } from '../shared/worker-analysis.js';

const csv = await Deno.readTextFile(new URL('../peer-workers/peer-workers.csv', import.meta.url));
const { fingerprint } = await workerAnalysis(psychkit, worker, csv);
console.log(JSON.stringify(fingerprint));
