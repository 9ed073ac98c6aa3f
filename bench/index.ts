// `npm run bench`: runs every bench/*.bench.ts (each default-exports BenchCase[]), or only those
// whose file name contains one of the command-line arguments, and prints a table. Each file runs
// in a fresh Node process, so one area's heap and JIT state do not slow the next (the mediation
// bootstrap measured ~35 ms alone but ~50 ms after the 100,000-row benchmarks in one process).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCase, runCaseAsync, type BenchCase } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const CHILD = '--child';
const args = process.argv.slice(2);

if (args[0] === CHILD) {
  const mod = (await import(pathToFileURL(join(here, args[1] as string)).href)) as { default: BenchCase[] };
  for (const c of mod.default) {
    const r = c.async === true ? await runCaseAsync(c) : runCase(c);
    const flag = r.targetMs === undefined ? '' : r.medianMs <= r.targetMs ? ' ✓' : ' ✗';
    console.log(`| ${r.name} | ${r.medianMs.toFixed(1)} | ${r.minMs.toFixed(1)} | ${r.cpuMedianMs.toFixed(1)} | ${r.runs} | ${r.targetMs ?? ''}${flag} |`);
  }
} else {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => args.length === 0 || args.some((x) => f.includes(x)))
    .sort();
  console.log(`node ${process.version}, ${process.platform}/${process.arch}; each file in a fresh process`);
  console.log('| benchmark | median ms | min ms | CPU median ms | runs | target ms |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const file of files) {
    // The same loader (tsx) and flags as this process, so TypeScript sources import as they do here.
    execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), CHILD, file], { stdio: 'inherit' });
  }
}
