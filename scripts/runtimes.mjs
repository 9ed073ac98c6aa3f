// Runtime checks, run by .ci/run after `npm run build`:
//   node  — the built ESM entry (dist/index.js) and CJS entry (dist/index.cjs)
//   deno  — examples/deno/main.ts, via the `deno` npm package
//   observable — builds examples/observable offline against the packed package
//   browser — Debian's Chromium opens examples/browser (the ES module build, the UMD build as a classic script and through d3-require) and, when built,
//             the Observable page; and renders every SVG figure in a light and a dark theme
//             (scripts/figure-check.mjs: readable text, no white boxes on dark, width as asked)
//   report  — Chromium opens the demo's out/report.html (`npm run demo` writes it): no console
//             errors, every section and SVG figure present and drawn, a non-blank screenshot
// Every runtime prints the fingerprint of the same smoke analysis (examples/shared/); all must
// equal Node's ESM fingerprint to the last bit. Any failure exits non-zero.
//
//   node scripts/runtimes.mjs                 all checks
//   node scripts/runtimes.mjs node deno       only those
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserChecks } from './browser-check.mjs';
import { figureChecks } from './figure-check.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ALL = ['node', 'deno', 'observable', 'browser', 'report'];
const requested = process.argv.slice(2);
const unknown = requested.filter((s) => !ALL.includes(s));
if (unknown.length > 0) {
  console.error(`unknown check(s): ${unknown.join(', ')}; choose from ${ALL.join(', ')}`);
  process.exit(2);
}
const steps = requested.length > 0 ? requested : ALL;
const failures = [];
const timings = [];

function fail(message) {
  failures.push(message);
  console.log(`  FAIL ${message}`);
}

async function timed(name, f) {
  const t0 = performance.now();
  try {
    await f();
  } catch (error) {
    fail(`${name}: ${error && error.stack ? error.stack : error}`);
  }
  timings.push(`${name} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** Runs a command, returns its stdout; throws with its stderr when it exits non-zero. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** The last non-empty stdout line, parsed as the fingerprint JSON. */
function fingerprintOf(stdout, who) {
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    JSON.parse(line);
  } catch {
    throw new Error(`${who} printed no fingerprint: ${stdout}`);
  }
  return line;
}

function compare(who, actual, expected) {
  if (actual === expected) console.log(`  ok   ${who}: same fingerprint as Node ESM`);
  else fail(`${who}: fingerprint differs from Node ESM\n         expected ${expected}\n         actual   ${actual}`);
}

if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(join(root, 'dist', 'browser', 'psychkit.js'))) {
  console.error('dist/ is missing or incomplete: run `npm run build` first.');
  process.exit(1);
}

const bin = (name) => join(root, 'node_modules', '.bin', name);

/** psychkit/worker's check in Node (worker_threads; examples/shared/worker-analysis.js): its fingerprint line. */
let workerFingerprint;
async function workerReference() {
  if (workerFingerprint === undefined) {
    const { workerAnalysis } = await import(new URL('../examples/shared/worker-analysis.js', import.meta.url));
    const psychkit = await import(new URL('../dist/index.js', import.meta.url));
    const worker = await import(new URL('../dist/worker.js', import.meta.url));
    const { fingerprint } = await workerAnalysis(psychkit, worker, readFileSync(join(root, 'examples', 'peer-workers', 'peer-workers.csv'), 'utf8'));
    if (fingerprint.sameAsSync !== true) throw new Error('psychkit/worker in Node: runInWorker gave another result than processModel');
    workerFingerprint = JSON.stringify(fingerprint);
  }
  return workerFingerprint;
}

let reference;
await timed('node', () => {
  reference = fingerprintOf(run(process.execPath, ['scripts/smoke-node.mjs']), 'node ESM');
  console.log(`  ok   node ESM (dist/index.js): ${reference.slice(0, 100)}…`);
  compare('node CJS (dist/index.cjs)', fingerprintOf(run(process.execPath, ['scripts/smoke-node.cjs']), 'node CJS'), reference);
});
await timed('node worker', async () => {
  console.log(`  ok   node psychkit/worker (dist/worker.js, 2 worker_threads, identical to processModel): ${(await workerReference()).slice(0, 100)}…`);
});
if (reference === undefined) {
  console.log(`\n${failures.length} runtime check(s) failed.`);
  process.exit(1);
}

if (steps.includes('deno')) {
  await timed('deno', async () => {
    const version = run(bin('deno'), ['--version']).split('\n')[0];
    const out = run(bin('deno'), ['run', '--allow-read', '--no-lock', '--no-prompt', 'examples/deno/main.ts'], {
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
    });
    compare(`${version} (examples/deno/main.ts)`, fingerprintOf(out, 'deno'), reference);
    // psychkit/worker in Deno's module workers: the same digits as in Node's worker_threads.
    const workerOut = run(bin('deno'), ['run', '--allow-read', '--no-lock', '--no-prompt', 'examples/deno/worker.ts'], {
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
    });
    compare(`${version} (examples/deno/worker.ts, psychkit/worker)`, fingerprintOf(workerOut, 'deno worker'), await workerReference());
  });
}

let observableBuilt = false;
if (steps.includes('observable')) {
  await timed('observable build', () => {
    // Stage exactly what npm would publish as examples/observable/node_modules/psychkit, so the
    // page resolves `psychkit` like a user's project does (plot, d3-dsv and ml-matrix come from
    // the root node_modules). A fresh copy every time; Framework's cache of the old one is dropped.
    const project = join(root, 'examples', 'observable');
    const staged = join(project, 'node_modules', 'psychkit');
    const packDir = mkdtempSync(join(tmpdir(), 'psychkit-pack-'));
    try {
      const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', packDir], { env: { ...process.env, npm_config_loglevel: 'error' } }));
      rmSync(staged, { recursive: true, force: true });
      mkdirSync(staged, { recursive: true });
      execFileSync('tar', ['-xzf', join(packDir, packed.filename), '-C', staged, '--strip-components=1']);
    } finally {
      rmSync(packDir, { recursive: true, force: true });
    }
    const cache = join(project, 'src', '.observablehq', 'cache', '_node'); // Framework caches under its source root
    if (existsSync(cache)) for (const entry of readdirSync(cache)) if (entry.startsWith('psychkit@')) rmSync(join(cache, entry), { recursive: true, force: true });
    rmSync(join(project, 'dist'), { recursive: true, force: true });
    run(bin('observable'), ['build'], { cwd: project, env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: 'true', NO_COLOR: '1' } });
    if (!existsSync(join(project, 'dist', 'index.html'))) throw new Error('observable build wrote no dist/index.html');
    observableBuilt = true;
    console.log('  ok   Observable Framework: built examples/observable offline');
  });
}

if (steps.includes('browser') || steps.includes('report')) {
  await timed('browser', async () => {
    const failed = await browserChecks({
      smoke: steps.includes('browser'),
      observable: observableBuilt && steps.includes('browser'),
      report: steps.includes('report'),
      log: (line) => console.log(line),
    });
    if (failed > 0) failures.push(`${failed} browser page(s)`);
    if (steps.includes('browser')) {
      const figures = await figureChecks({ log: (line) => console.log(line) });
      if (figures > 0) failures.push(`figures unreadable in ${figures} theme(s) (scripts/figure-check.mjs)`);
    }
    if (!observableBuilt && steps.includes('observable')) fail('Chromium: Observable page not checked (its build failed)');
  });
}

console.log(`\ntimings: ${timings.join(', ')}`);
if (failures.length > 0) {
  console.log(`${failures.length} runtime check(s) failed.`);
  process.exit(1);
}
console.log(`runtime checks passed: ${steps.join(', ')}`);
