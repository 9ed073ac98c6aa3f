#!/usr/bin/env node
// Post-build check (npm run check:bundle; .ci/run calls it after `npm run build`):
//  1. the core bundle (dist/index.*, its chunks, the UMD build, its declarations) never mentions
//     fast-check;
//  2. psychkit/testing (dist/testing.*) never loads fast-check at run time — its declarations may
//     import fast-check's types, since the arbitraries return fast-check arbitraries;
//  3. `psychkit` and `psychkit/testing` resolve from ESM and CJS (package self-reference through
//     "exports"), each with its own declaration file, and simulate works;
//  4. the built JavaScript is self-contained: it imports only its own files (no package — psychkit
//     has no run-time dependencies — and no Node built-in), and nothing reads the environment
//     (process.env, Deno.env, localStorage; @stdlib's `debug` is replaced by a no-op at build time).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
};

const read = (file) => readFileSync(join(dist, file), 'utf8');

/** A built JS file plus every local chunk it imports/requires, transitively. */
function withChunks(entry) {
  const seen = new Set();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    if (!existsSync(join(dist, file))) {
      problems.push(`missing build output: dist/${file}`);
      continue;
    }
    seen.add(file);
    const text = read(file);
    for (const m of text.matchAll(/(?:from\s*|import\s*\(\s*|require\(\s*|import\s+)["'](\.\/[^"']+)["']/g)) stack.push(m[1].slice(2));
  }
  return [...seen];
}

// Statements only (line-anchored), so an error message that quotes `import fc from 'fast-check'` does not count.
const RUNTIME_FAST_CHECK = [
  /^\s*(?:import|export)\b[^;]*?\bfrom\s*["']fast-check(?:\/[^"']*)?["']/m,
  /^\s*import\s*["']fast-check(?:\/[^"']*)?["']/m,
  /\brequire\(\s*["']fast-check(?:\/[^"']*)?["']\s*\)/,
  /\bimport\(\s*["']fast-check/,
];

// 1. Core: no mention of fast-check at all.
const core = [...withChunks('index.js'), ...withChunks('index.cjs'), 'psychkit.umd.js', 'index.d.ts', 'index.d.cts'];
for (const file of core) {
  if (!existsSync(join(dist, file))) problems.push(`missing build output: dist/${file}`);
  else check(!read(file).includes('fast-check'), `dist/${file} (core bundle) mentions fast-check`);
}

// 2. Testing: no run-time load of fast-check.
for (const file of [...withChunks('testing.js'), ...withChunks('testing.cjs')]) {
  check(!RUNTIME_FAST_CHECK.some((re) => re.test(read(file))), `dist/${file} (psychkit/testing) loads fast-check at run time`);
}
for (const file of ['testing.d.ts', 'testing.d.cts']) {
  if (!existsSync(join(dist, file))) problems.push(`missing declarations: dist/${file}`);
  else {
    const text = read(file);
    check(/\bsimulate\b/.test(text) && /\barbitraries\b/.test(text), `dist/${file} does not declare simulate and arbitraries`);
    // Declarations may import fast-check's types (the arbitraries return fast-check arbitraries);
    // every import in a .d.ts is type-only, so nothing is loaded at run time.
  }
}

// 3. Resolution from ESM and CJS through the package's own "exports".
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const requireHere = createRequire(join(root, 'package.json'));
try {
  const cjs = requireHere(`${pkg.name}/testing`);
  const sim = cjs.simulate.congeneric({ loadings: [0.7, 0.6, 0.5], n: 5, seed: 1 });
  check(sim.data.length === 5 && Math.abs(sim.population.latent.omega - 3.24 / 5.14) < 1e-12, 'CJS psychkit/testing: simulate.congeneric returned something unexpected');
  check(typeof cjs.arbitraries.correlationMatrix === 'function', 'CJS psychkit/testing: arbitraries missing');
  const cjsCore = requireHere(pkg.name);
  check(typeof cjsCore.readTable === 'function' && !('simulate' in cjsCore), 'CJS psychkit: core exports wrong');
} catch (e) {
  problems.push(`CJS require('${pkg.name}/testing') failed: ${e.message}`);
}
try {
  const esm = await import(`${pkg.name}/testing`);
  const sim = esm.simulate.mediation({ model: 4, paths: { a: [0.4], b: [0.3], direct: 0.1 }, n: 5, seed: 1 });
  check(sim.data.length === 5 && Math.abs(sim.population.indirect[0].effect - 0.12) < 1e-12, 'ESM psychkit/testing: simulate.mediation returned something unexpected');
  check(typeof esm.arbitraries.messyTable === 'function', 'ESM psychkit/testing: arbitraries missing');
  const esmCore = await import(pkg.name);
  check(typeof esmCore.readTable === 'function' && !('simulate' in esmCore), 'ESM psychkit: core exports wrong');
} catch (e) {
  problems.push(`ESM import('${pkg.name}/testing') failed: ${e.message}`);
}
// 4. Self-contained, and nothing reads the environment.
const SPECIFIERS = [
  /^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm,
  /^\s*import\s*["']([^"']+)["']/gm,
  /\brequire\(\s*["']([^"']+)["']\s*\)/g,
  /\bimport\(\s*["']([^"']+)["']\s*\)/g,
];
const runtimeFiles = [...new Set([...withChunks('index.js'), ...withChunks('index.cjs'), ...withChunks('testing.js'), ...withChunks('testing.cjs'), ...withChunks('worker.js'), ...withChunks('worker.cjs'), ...withChunks('worker-thread.js'), 'psychkit.umd.js', 'browser/psychkit.js'])];
for (const file of runtimeFiles) {
  if (!existsSync(join(dist, file))) continue;
  const text = read(file);
  for (const re of SPECIFIERS) {
    for (const m of text.matchAll(re)) check(m[1].startsWith('./') || m[1].startsWith('../'), `dist/${file} loads '${m[1]}' (the build should be self-contained)`);
  }
  for (const m of text.matchAll(/\b(process\.env|Deno\.env|localStorage)\b/g)) problems.push(`dist/${file} reads the environment: ${m[1]}`);
}

// psychkit/worker: its own entry (the core never mentions a Node built-in; only the worker files
// load node:worker_threads / node:os, by dynamic import, where a runtime has no web Worker), types
// for import and require, and a call from CommonJS that finds worker-thread.js beside worker.cjs.
for (const file of core) {
  if (existsSync(join(dist, file))) check(!/\bnode:/.test(read(file)), `dist/${file} (core bundle) mentions a Node built-in`);
}
for (const file of ['worker.js', 'worker.cjs', 'worker-thread.js', 'worker.d.ts', 'worker.d.cts']) check(existsSync(join(dist, file)), `missing build output: dist/${file}`);
const workerTypes = pkg.exports?.['./worker'];
check(workerTypes?.import?.types === './dist/worker.d.ts' && workerTypes?.require?.types === './dist/worker.d.cts', 'package.json exports["./worker"] lacks its own types');
check(pkg.typesVersions?.['*']?.worker?.[0] === './dist/worker.d.cts', 'package.json typesVersions lacks worker (node10 resolution)');
try {
  const data = { a: [1, 2, 3, 4, 5, 2], b: [2, 2, 3, 5, 4, 1], c: [1, 3, 3, 4, 5, 2] };
  const cjsWorker = requireHere(`${pkg.name}/worker`);
  const viaCjs = await cjsWorker.runInWorker('cronbachAlpha', data);
  const esmWorker = await import(`${pkg.name}/worker`);
  const viaEsm = await esmWorker.runInWorker('cronbachAlpha', data);
  const direct = requireHere(pkg.name).cronbachAlpha(data);
  check(viaCjs.alpha === direct.alpha && viaEsm.alpha === direct.alpha, 'psychkit/worker: runInWorker gave another alpha than cronbachAlpha');
} catch (e) {
  problems.push(`psychkit/worker: runInWorker failed: ${e.message}`);
}

const types = pkg.exports?.['./testing'];
check(types?.import?.types === './dist/testing.d.ts' && types?.require?.types === './dist/testing.d.cts', 'package.json exports["./testing"] lacks its own types');

if (problems.length > 0) {
  console.error(`check-bundle: ${problems.length} problem(s)\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`check-bundle ok: core (${core.length} files) free of fast-check; psychkit/testing loads none at run time; ESM and CJS resolve; ${runtimeFiles.length} built files self-contained, none reads the environment.`);
