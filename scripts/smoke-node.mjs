// Smoke test of the built ESM entry (dist/index.js) in plain Node: runs the shared smoke analysis
// and prints its fingerprint as one JSON line on stdout. Exits non-zero on any failure.
// Run after `npm run build`: node scripts/smoke-node.mjs
import { readFileSync } from 'node:fs';
import * as psychkit from '../dist/index.js';
import { fingerprintJson, smokeAnalysis } from '../examples/shared/smoke-analysis.js';

const csv = readFileSync(new URL('../examples/peer-workers/peer-workers.csv', import.meta.url), 'utf8');
const { fingerprint } = smokeAnalysis(psychkit, csv);

// Beyond "it runs": the numbers must equal R's (test/fixtures/peer-workers.json): eigenvalues
// (psych::fa), alpha and its Feldt CI (psych::alpha), the model-4 paths and indirect effect
// (lm) to 1e-6, and the bootstrap CI within ±0.03 of the 100,000-resample reference.
const reference = JSON.parse(readFileSync(new URL('../test/fixtures/peer-workers.json', import.meta.url), 'utf8'));
const problems = [];
const near = (what, actual, expected, tol) => {
  if (!(Math.abs(actual - expected) <= tol)) problems.push(`${what}: ${actual}, R gives ${expected} (tolerance ${tol})`);
};
const efaRef = reference.efa.esse_1_pa_none;
if (fingerprint.eigenvalues.length !== efaRef.eigenvalues.length) problems.push('eigenvalues: wrong count');
efaRef.eigenvalues.forEach((v, i) => near(`eigenvalue ${i + 1}`, fingerprint.eigenvalues[i], v, 1e-6));
if (fingerprint.complete !== efaRef.n) problems.push(`${fingerprint.complete} complete cases; R used ${efaRef.n}`);
const alphaRef = reference.alpha.esse.pairwise;
near('alpha', fingerprint.alpha.alpha, alphaRef.alpha, 1e-6);
near('alpha lower', fingerprint.alpha.lower, alphaRef.feldt[0], 1e-6);
near('alpha upper', fingerprint.alpha.upper, alphaRef.feldt[1], 1e-6);
const h1 = reference.process.h1_model4_esse_ss_pwb;
const m = fingerprint.mediation;
if (m.n !== h1.n) problems.push(`model 4 n = ${m.n}; R used ${h1.n}`);
near('a', m.a, h1.equations[0].b[h1.equations[0].terms.indexOf('esse')], 1e-6);
near('b', m.b, h1.equations[1].b[h1.equations[1].terms.indexOf('ss')], 1e-6);
near('direct effect', m.direct, h1.equations[1].b[h1.equations[1].terms.indexOf('esse')], 1e-6);
near('total effect', m.total, h1.total.b[h1.total.terms.indexOf('esse')], 1e-6);
near('indirect effect', m.indirect, h1.indirect[0].effect, 1e-6);
near('indirect lower', m.lower, h1.indirect[0].bootLLCI, 0.03);
near('indirect upper', m.upper, h1.indirect[0].bootULCI, 0.03);
if (problems.length > 0) {
  console.error(`smoke-node.mjs: differs from R:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(fingerprintJson(fingerprint));
