// Smoke test of the built CommonJS entry (dist/index.cjs), loaded with require(): runs the shared
// smoke analysis and prints its fingerprint as one JSON line on stdout.
// Run after `npm run build`: node scripts/smoke-node.cjs
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const psychkit = require('../dist/index.cjs');

async function main() {
  if (typeof psychkit.randomStream !== 'function') throw new Error('dist/index.cjs does not export randomStream');
  // The shared analysis is an ES module (it also runs in browsers and Deno); only psychkit itself
  // comes from the CJS build here.
  const { smokeAnalysis, fingerprintJson } = await import('../examples/shared/smoke-analysis.js');
  const csv = readFileSync(path.join(__dirname, '..', 'examples', 'peer-workers', 'peer-workers.csv'), 'utf8');
  console.log(fingerprintJson(smokeAnalysis(psychkit, csv).fingerprint));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
