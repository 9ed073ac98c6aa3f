// Smoke test of the built ESM entry (dist/index.js) in plain Node: runs the shared smoke analysis
// and prints its fingerprint as one JSON line on stdout. Exits non-zero on any failure.
// Run after `npm run build`: node scripts/smoke-node.mjs
import { readFileSync } from 'node:fs';
import * as psychkit from '../dist/index.js';
import { fingerprintJson, smokeAnalysis } from '../examples/shared/smoke-analysis.js';

const csv = readFileSync(new URL('../examples/peer-workers/peer-workers.csv', import.meta.url), 'utf8');
const { fingerprint } = smokeAnalysis(psychkit, csv);

// Beyond "it runs": the eigenvalues must equal R's (psych::fa on the listwise ESSE items).
const reference = JSON.parse(readFileSync(new URL('../test/fixtures/peer-workers.json', import.meta.url), 'utf8'));
const expected = reference.efa.esse_1_pa_none.eigenvalues;
const worst = Math.max(...expected.map((v, i) => Math.abs(v - fingerprint.eigenvalues[i])));
if (!(expected.length === fingerprint.eigenvalues.length && worst < 1e-6)) {
  console.error(`smoke-node.mjs: eigenvalues differ from R by ${worst}`);
  process.exit(1);
}
if (fingerprint.complete !== reference.efa.esse_1_pa_none.n) {
  console.error(`smoke-node.mjs: ${fingerprint.complete} complete cases; R used ${reference.efa.esse_1_pa_none.n}`);
  process.exit(1);
}
console.log(fingerprintJson(fingerprint));
