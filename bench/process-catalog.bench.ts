import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from './harness.js';
import { processModel, PROCESS_MODELS, type ProcessOptions } from '../src/index.js';
import { CATALOG } from '../src/mediation/catalog.js';
import { NETWORK, type NetworkModelNumber } from '../src/mediation/network.js';

// Every PROCESS model 1–76 and 80–92 on real PROCESS test data (n = 1,000; test/fixtures/process-spss),
// each in its basic form (one mediator; model 6, serial, two; models 80–92 their fewest),
// PSYCHKIT_BENCH_MEDIATORS=2 for two mediators, HC3, 5,000 resamples (models 1–3 have no bootstrap).
// PSYCHKIT_BENCH_MODELS=7,22 limits the run to some models.
const here = dirname(fileURLToPath(import.meta.url));
function load(file: string): Record<string, number[]> {
  const lines = readFileSync(join(here, '..', 'test', 'fixtures', 'process-spss', file), 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const columns: Record<string, number[]> = Object.fromEntries(header.map((h) => [h, []]));
  for (const line of lines.slice(1)) line.split(',').forEach((v, i) => columns[header[i]!]!.push(Number(v)));
  return columns;
}
const mediationData = load('Data_Model22.csv');
const moderationData = load('Data_Model2.csv');
const only = process.env.PSYCHKIT_BENCH_MODELS?.split(',').map(Number);
const MEDIATORS = ['m1', 'm2'];
const mediatorCount = process.env.PSYCHKIT_BENCH_MEDIATORS === '2' ? 2 : 1;

const cases: BenchCase[] = [
  {
    name: 'process model 4, 3 parallel mediators, n = 1,000, 5,000 resamples',
    targetMs: 60,
    runs: 9,
    warmup: 3,
    run: () => processModel(mediationData, { model: 4, x: 'x', m: ['m1', 'm2', 'z'], y: 'y', resamples: 5000, seed: 1 }),
  },
];
for (const model of PROCESS_MODELS) {
  if (only && !only.includes(model)) continue;
  const network = NETWORK.get(model as NetworkModelNumber);
  if (network !== undefined) {
    // Models 80–92: their fewest mediators (3 for 80 and 81, 4 for 82, else 2), W where they have it.
    const m = ['m1', 'm2', 'z', 'w'].slice(0, network.mediators[0]);
    const options = { model, x: 'x', y: 'y', m, ...(network.moderators.length > 0 ? { w: 'w' } : {}), hc: 'HC3', resamples: 5000, seed: 1 } as ProcessOptions;
    cases.push({
      name: `process model ${model}, ${m.length} mediators, ${network.moderators.length} moderator${network.moderators.length === 1 ? '' : 's'}, n = 1,000, 5,000 resamples`,
      targetMs: 150,
      runs: 5,
      warmup: 2,
      run: () => processModel(mediationData, options),
    });
    continue;
  }
  const entry = CATALOG.get(model)!;
  const mediated = entry.mediator !== null;
  const moderators = Object.fromEntries(entry.moderators.map((r) => [r, mediated ? r : ({ w: 'm', z: 'w' } as Record<string, string>)[r]!]));
  // Model 6 (serial) has two mediators in either form.
  const mediators = mediated ? MEDIATORS.slice(0, entry.mediator === 'serial' ? 2 : mediatorCount) : [];
  const options = { model, x: 'x', y: 'y', ...moderators, hc: 'HC3', ...(mediated ? { m: mediators, resamples: 5000, seed: 1 } : {}) } as ProcessOptions;
  const counted = mediated ? `${mediators.length} mediator${mediators.length === 1 ? '' : 's'}, ` : '';
  cases.push({
    name: `process model ${model}, ${counted}${entry.moderators.length} moderator${entry.moderators.length === 1 ? '' : 's'}, n = 1,000${mediated ? ', 5,000 resamples' : ''}`,
    targetMs: 150,
    runs: 5,
    warmup: 2,
    run: () => processModel(mediated ? mediationData : moderationData, options),
  });
}
export default cases;
