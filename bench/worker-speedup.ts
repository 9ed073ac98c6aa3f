// The parallel bootstrap's speed-up, measured robustly on a shared machine:
//   npx tsx bench/worker-speedup.ts [rounds]
// The same workload as bench/worker.bench.ts (processModel model 4 on the peer-worker data, n = 267,
// 20,000 resamples, seed 1), run synchronously, in 1 worker and in 2 workers, interleaved round by
// round (so a burst of other work slows all three alike), after 5 warm-up rounds (which start the
// workers: the pool stays warm). Prints the fastest, first-quartile and median wall times and the
// speed-up of 2 workers over the synchronous call at each; every run gives the same digits
// (checked here too).
import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { processModel } from '../src/index.js';
import { runInWorker } from '../src/worker/index.js';
import { peerTable } from './peer-data.js';

const table = peerTable;
const options = { model: 4, x: 'esse', m: 'ss', y: 'pwb', covariates: ['gender', 'education', 'marital'], resamples: 20000, seed: 1 } as const;

const rounds = Number(process.argv[2] ?? 25);
const variants = {
  synchronous: async () => processModel(table, options),
  '1 worker': () => runInWorker('processModel', table, options, { workers: 1 }),
  '2 workers': () => runInWorker('processModel', table, options, { workers: 2 }),
};
const times: Record<string, number[]> = { synchronous: [], '1 worker': [], '2 workers': [] };
const reference = processModel(table, options);
const load = loadavg()[0] as number;
for (let r = 0; r < rounds + 5; r++) {
  for (const [name, run] of Object.entries(variants)) {
    const t0 = performance.now();
    const result = await run();
    const ms = performance.now() - t0;
    if (r >= 5) (times[name] as number[]).push(ms);
    else if (!isDeepStrictEqual(result, reference)) throw new Error(`${name}: not the synchronous result`);
  }
}
const at = (a: number[], q: number) => [...a].sort((x, y) => x - y)[Math.floor(q * (a.length - 1))] as number;
console.log(`node ${process.version}; load average ${load.toFixed(2)} → ${(loadavg()[0] as number).toFixed(2)}; ${rounds} interleaved rounds`);
console.log('| variant | fastest ms | first quartile ms | median ms |');
console.log('|---|---:|---:|---:|');
for (const [name, a] of Object.entries(times)) console.log(`| ${name} | ${at(a, 0).toFixed(1)} | ${at(a, 0.25).toFixed(1)} | ${at(a, 0.5).toFixed(1)} |`);
const sync = times['synchronous'] as number[];
const two = times['2 workers'] as number[];
console.log(`speed-up of 2 workers: ${(at(sync, 0) / at(two, 0)).toFixed(2)}× (fastest), ${(at(sync, 0.25) / at(two, 0.25)).toFixed(2)}× (first quartile), ${(at(sync, 0.5) / at(two, 0.5)).toFixed(2)}× (median)`);
