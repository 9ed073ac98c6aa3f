// `npm run bench`: runs every bench/*.bench.ts (each default-exports BenchCase[]), or only those
// whose file name contains one of the command-line arguments, and prints a table.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCase, type BenchCase } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
console.log('| benchmark | median ms | min ms | CPU median ms | runs | target ms |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: BenchCase[] };
  for (const c of mod.default) {
    const r = runCase(c);
    const flag = r.targetMs === undefined ? '' : r.medianMs <= r.targetMs ? ' ✓' : ' ✗';
    console.log(`| ${r.name} | ${r.medianMs.toFixed(1)} | ${r.minMs.toFixed(1)} | ${r.cpuMedianMs.toFixed(1)} | ${r.runs} | ${r.targetMs ?? ''}${flag} |`);
  }
}
