// Browser checks with Debian's Chromium driven by playwright-core (no browser download):
// opens the example pages, reads the numbers back and compares them with Node's, fails on any
// console error, failed request or uncaught exception, and checks that figures render. Also opens
// the demo's out/report.html (written by `npm run demo`) and checks that it renders.
// Used by scripts/runtimes.mjs; also runnable alone after a build:
//   node scripts/browser-check.mjs                   (the two examples/browser pages)
//   node scripts/browser-check.mjs observable report (also the built Observable page, the demo report)
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CHROMIUM = process.env.PSYCHKIT_CHROMIUM ?? '/usr/bin/chromium';
// As root in a container, with no network: no sandbox, no GPU, and none of Chromium's background
// connections (they are refused here and would print errors).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts Chromium with a fresh profile; resolves to `{ browser, close }`. */
export async function launchChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) or set PSYCHKIT_CHROMIUM.`);
  }
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), 'psychkit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1000, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `url` and waits until `ready` (a selector) appears. Collects console errors, uncaught
 * exceptions, failed requests and HTTP errors; returns `{ page, problems }`.
 */
export async function openPage(context, url, ready, timeout = 30_000) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'assert') problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  try {
    await page.goto(url, { waitUntil: 'load', timeout });
    await page.waitForSelector(ready, { timeout, state: 'attached' });
  } catch (error) {
    await page.close();
    throw new Error(`${url}: ${String(error.message).split('\n')[0]}${problems.map((p) => `\n         ${p}`).join('')}`);
  }
  return { page, problems };
}

/**
 * Draws the SVG matched by `selector` into a canvas as a standalone image (as an <img> or a
 * saved .svg file would show it) and returns the fraction of pixels that are not white.
 */
export function inkFraction(page, selector) {
  return page.evaluate(async (sel) => {
    const svg = document.querySelector(sel);
    if (!svg) throw new Error(`no element ${sel}`);
    const xml = new XMLSerializer().serializeToString(svg);
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`;
    await image.decode();
    const box = svg.getBoundingClientRect();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(box.width));
    canvas.height = Math.max(1, Math.round(box.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink++;
    return ink / (canvas.width * canvas.height);
  }, selector);
}

/** Unpacks what `npm pack` publishes into `dir` (a stand-in for the CDN's copy of the package). */
function stagePackedPackage(dir) {
  const packDir = mkdtempSync(join(tmpdir(), 'psychkit-pack-'));
  try {
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: root, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
    const [packed] = JSON.parse(out);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', join(packDir, packed.filename), '-C', dir, '--strip-components=1']);
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
}

function nodeFingerprint() {
  // The expected numbers: what the built ESM entry gives in Node (scripts/smoke-node.mjs).
  return import(new URL('../examples/shared/smoke-analysis.js', import.meta.url)).then(async ({ smokeAnalysis, parseCsv }) => {
    const psychkit = await import(new URL('../dist/index.js', import.meta.url));
    const csv = readFileSync(join(root, 'examples', 'peer-workers', 'peer-workers.csv'), 'utf8');
    return { psychkit, rows: parseCsv(csv), fingerprint: smokeAnalysis(psychkit, csv).fingerprint };
  });
}

function same(label, actual, expected, failures) {
  if (actual !== expected) failures.push(`${label}: page shows ${JSON.stringify(actual)}, Node gives ${JSON.stringify(expected)}`);
}

/** Checks one examples/browser page; returns a list of failures (empty = pass). */
async function checkSmokePage(context, base, path, expected) {
  const { psychkit, fingerprint } = expected;
  const failures = [];
  const { page, problems } = await openPage(context, `${base}/${path}`, '#status:not([data-status="running"])');
  const status = await page.getAttribute('#status', 'data-status');
  if (status !== 'done') failures.push(`status ${status}: ${await page.textContent('#status')}`);
  else {
    same('fingerprint', await page.textContent('#fingerprint'), JSON.stringify(fingerprint), failures);
    const read = (id) => page.getAttribute(`#${id}`, 'data-value');
    const text = (id) => page.textContent(`#${id}`);
    const { alpha, mediation, bootstrap } = fingerprint;
    const bounded3 = { leadingZero: false, decimals: 3 };
    same('#n', Number(await read('n')), fingerprint.n, failures);
    same('#complete', Number(await read('complete')), fingerprint.complete, failures);
    same('#alpha value', Number(await read('alpha')), alpha.alpha, failures);
    same('#alpha text', await text('alpha'), psychkit.formatNumber(alpha.alpha, bounded3), failures);
    same('#alpha-ci value', await read('alpha-ci'), `${alpha.lower},${alpha.upper}`, failures);
    same('#alpha-ci text', await text('alpha-ci'), psychkit.formatInterval(alpha.lower, alpha.upper, bounded3), failures);
    same('#indirect value', Number(await read('indirect')), mediation.indirect, failures);
    same('#indirect text', await text('indirect'), psychkit.formatNumber(mediation.indirect, { decimals: 3 }), failures);
    same('#indirect-ci value', await read('indirect-ci'), `${mediation.lower},${mediation.upper}`, failures);
    same('#indirect-ci text', await text('indirect-ci'), psychkit.formatInterval(mediation.lower, mediation.upper, { decimals: 3 }), failures);
    same('#first-indices', await read('first-indices'), bootstrap.firstIndices.join(','), failures);
    const points = await page.$$eval('#scree circle[data-series="observed"]', (cs) => cs.map((c) => Number(c.getAttribute('data-value'))));
    same('scree points', JSON.stringify(points), JSON.stringify(fingerprint.eigenvalues), failures);
    const rows = await page.$$eval('#table tbody tr', (trs) => trs.map((tr) => tr.firstElementChild.textContent));
    same('item table rows', JSON.stringify(rows), JSON.stringify(Array.from({ length: alpha.k }, (_, i) => `esse${i + 1}`)), failures);
    const labels = await page.$$eval('#path text[data-path]', (ts) => ts.map((t) => t.getAttribute('data-path')));
    same('path diagram labels', JSON.stringify([...new Set(labels)].sort()), JSON.stringify(['a', 'b', 'c-prime']), failures);
    for (const selector of ['#scree svg', '#path svg']) {
      const ink = await inkFraction(page, selector);
      if (!(ink > 0.005)) failures.push(`${selector} renders blank (ink ${ink})`);
    }
  }
  failures.push(...problems);
  await page.close();
  return failures;
}

/**
 * Checks examples/browser/worker.html: psychkit/worker's runInWorker in two module workers (served
 * over HTTP from dist/) must give the synchronous result on the page and Node's numbers, bit for bit.
 */
async function checkWorkerPage(context, base) {
  const failures = [];
  const { workerAnalysis } = await import(new URL('../examples/shared/worker-analysis.js', import.meta.url));
  const psychkit = await import(new URL('../dist/index.js', import.meta.url));
  const worker = await import(new URL('../dist/worker.js', import.meta.url));
  const { fingerprint } = await workerAnalysis(psychkit, worker, readFileSync(join(root, 'examples', 'peer-workers', 'peer-workers.csv'), 'utf8'));
  const { page, problems } = await openPage(context, `${base}/examples/browser/worker.html`, '#status:not([data-status="running"])', 120_000);
  const status = await page.getAttribute('#status', 'data-status');
  if (status !== 'done') failures.push(`status ${status}: ${await page.textContent('#status')}`);
  else {
    const shown = JSON.parse((await page.textContent('#fingerprint')) ?? 'null');
    if (shown?.sameAsSync !== true) failures.push('runInWorker gave another result than processModel on the page');
    same('worker fingerprint', JSON.stringify(shown), JSON.stringify(fingerprint), failures);
  }
  failures.push(...problems);
  await page.close();
  return failures;
}

/** The Observable page's five scales, as the page defines them (examples/observable/src/index.md). */
function observableScales(psychkit) {
  const rule = { minAnswered: 0.8 };
  return [
    ['ESSE (self-efficacy)', psychkit.instruments.esse({ prefix: 'esse', ...rule })],
    ['MSPSS (social support)', psychkit.instruments.mspss({ prefix: 'mspss', ...rule })],
    ['PROMIS SI 6a (social isolation)', psychkit.instruments.promisSocialIsolation6a({ prefix: 'si', score: 'mean', ...rule })],
    ['PWB-18 (well-being)', psychkit.instruments.pwb18({ prefix: 'pwb', anchors: 'agree-disagree', response: { min: 1, max: 7 }, ...rule })],
    ['RAS-24 (recovery)', psychkit.instruments.ras24({ prefix: 'ras', ...rule })],
  ];
}

/** Checks the built Observable Framework page; returns a list of failures. */
async function checkObservablePage(context, base, expected) {
  const { psychkit, rows: data, fingerprint } = expected;
  const failures = [];
  const { page, problems } = await openPage(context, `${base}/examples/observable/dist/index.html`, '#alphas table.psychkit-table');
  await page.waitForSelector('svg.psychkit-scree', { timeout: 30_000 });
  await page.waitForSelector('svg[class^="plot"]', { timeout: 30_000 });
  // The mediation section runs processModel in module workers (runInWorker with the worker script
  // Framework resolved): the page's numbers must be Node's synchronous processModel's, bit for bit.
  await page.waitForSelector('#mediation', { timeout: 60_000 }).catch(() => failures.push('the Observable page never showed #mediation (runInWorker did not finish)'));
  const errors = await page.$$eval('.observablehq--error', (es) => es.map((e) => e.textContent));
  if (errors.length > 0) failures.push(`Observable cell errors: ${errors.join(' | ')}`);
  const shown = await page.getAttribute('#mediation', 'data-estimate').catch(() => null);
  if (shown !== null) {
    const scales = observableScales(psychkit);
    const scoreOf = (i) => psychkit.scoreScale(data, { scale: scales[i][1] }).scores;
    const sync = psychkit.processModel({ esse: scoreOf(0), ss: scoreOf(1), pwb: scoreOf(3) }, { model: 4, x: 'esse', m: 'ss', y: 'pwb', resamples: 5000, seed: 1 });
    const e = sync.indirectEffects[0];
    same('Observable runInWorker indirect effect', shown, JSON.stringify([e.estimate, e.lower, e.upper]), failures);
  }
  for (const selector of ['svg.psychkit-path-diagram', 'svg.psychkit-bootstrap-histogram', 'svg.psychkit-loadings-heatmap']) {
    if ((await page.$(selector)) === null) failures.push(`the Observable page has no ${selector}`);
  }
  await page.screenshot({ path: join(root, 'out', 'observable-page.png'), fullPage: true });
  // psychkit's efa and parallelAnalysis in the page: the same bits as in Node.
  const series = (name) => page.$$eval(`svg.psychkit-scree circle[data-series="${name}"]`, (cs) => cs.map((c) => Number(c.getAttribute('data-value'))));
  const items = fingerprint.eigenvalues.map((_, i) => `esse${i + 1}`);
  const parallel = psychkit.parallelAnalysis(data, { columns: items, missing: 'listwise', extraction: 'pa', resamples: 100, seed: 42 });
  same('Observable eigenvalues', JSON.stringify(await series('observed')), JSON.stringify(fingerprint.eigenvalues), failures);
  // Parallel analysis draws normal deviates, and randomStream's normal() uses Math.log, which
  // Chromium 156 and Node 20 round differently for ~7% of arguments (by one ulp): the same seed
  // agrees to ~1e-15 here, not bit for bit. (Bootstrap resampling uses no Math.log: exact.)
  const drawn = await series('simulated');
  const reference = parallel.simulated.components.quantile;
  const worst = drawn.length === reference.length ? Math.max(...drawn.map((v, i) => Math.abs(v - reference[i]))) : Infinity;
  if (!(worst < 1e-12)) failures.push(`Observable parallel analysis differs from Node's by ${worst}: ${JSON.stringify(drawn)}`);
  const plotMarks = await page.$$eval('svg[class^="plot"] circle', (cs) => cs.length);
  if (plotMarks !== 2 * fingerprint.eigenvalues.length) failures.push(`Observable Plot drew ${plotMarks} dots, expected ${2 * fingerprint.eigenvalues.length} (observed and random data)`);
  const cells = await page.$$eval('#alphas table.psychkit-table tbody tr', (trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent)));
  const bounded = { leadingZero: false };
  const expectedCells = observableScales(psychkit).map(([name, scale]) => {
    const a = psychkit.cronbachAlpha(data, { scale });
    return [name, psychkit.formatNumber(a.alpha, bounded), psychkit.formatInterval(a.lower, a.upper, bounded), String(a.k)];
  });
  same('table of alphas', JSON.stringify(cells), JSON.stringify(expectedCells), failures);
  for (const selector of ['svg[class^="plot"]', 'svg.psychkit-scree']) {
    const ink = await inkFraction(page, selector);
    if (!(ink > 0.005)) failures.push(`${selector} renders blank (ink ${ink})`);
  }
  failures.push(...problems);
  await page.close();
  return failures;
}

/**
 * Fraction of non-white pixels of a PNG (a screenshot), decoded by the page's own image decoder
 * and drawn at half size: a blank or failed render gives ~0.
 */
export function pngInkFraction(page, png) {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.naturalWidth / 2));
    canvas.height = Math.max(1, Math.round(image.naturalHeight / 2));
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink++;
    return ink / (canvas.width * canvas.height);
  }, png.toString('base64'));
}

/** The sections and figures out/report.html must have (examples/peer-workers/study.ts). */
const REPORT_HEADINGS = [
  'Screening',
  'Data and scales',
  'Reliability',
  'Factor structure of the ESSE',
  'Cross-validation: EFA and CFA on random halves',
  'ESSE as ordered categories and across gender',
  'Distribution of recovery',
  'Mediation: H1–H4',
  'Mediation: latent H1 (SEM)',
  'Mediation: full model tables',
  'Mediation: parallel and serial models',
  'Correlations',
  'Hierarchical regression',
];

/** Opens the demo's report (out/report.html); returns a list of failures. */
async function checkReport(context, base) {
  const failures = [];
  if (!existsSync(join(root, 'out', 'report.html'))) return ['out/report.html is missing: run `npm run demo` first'];
  const { page, problems } = await openPage(context, `${base}/out/report.html`, 'main section:last-of-type');
  const headings = await page.$$eval('main h2, main h3', (hs) => hs.map((h) => h.textContent));
  same('report headings', JSON.stringify(headings), JSON.stringify(REPORT_HEADINGS), failures);
  const tables = await page.$$eval('table.psychkit-table', (ts) => ts.length);
  if (tables < 12) failures.push(`report has ${tables} tables, expected at least 12`);
  const svgs = await page.$$eval('figure > svg', (ss) => ss.map((s, i) => (s.setAttribute('data-check', String(i)), s.getAttribute('class'))));
  same('report figures', JSON.stringify(svgs), JSON.stringify(['psychkit-scree', ...Array(4).fill('psychkit-path-diagram'), 'psychkit-sem-diagram', 'psychkit-path-diagram']), failures);
  for (let i = 0; i < svgs.length; i++) {
    const box = await page.$eval(`svg[data-check="${i}"]`, (s) => s.getBoundingClientRect().toJSON());
    if (!(box.width > 100 && box.height > 100)) failures.push(`figure ${i} is ${box.width} × ${box.height} px`);
    const ink = await inkFraction(page, `svg[data-check="${i}"]`);
    if (!(ink > 0.005)) failures.push(`figure ${i} (${svgs[i]}) renders blank (ink ${ink})`);
  }
  const png = await page.screenshot({ fullPage: true });
  const ink = await pngInkFraction(page, png);
  if (!(ink > 0.02 && ink < 0.6)) failures.push(`full-page screenshot looks blank or broken (ink ${ink.toFixed(4)})`);
  failures.push(...problems);
  await page.close();
  return failures;
}

/**
 * Runs the browser checks: both examples/browser pages (`smoke`), the built Observable page
 * (`observable`) and the demo's out/report.html (`report`). Prints one line per page; resolves
 * to the number of failing pages.
 */
export async function browserChecks({ smoke = true, observable = false, report = false, log = console.log } = {}) {
  const expected = await nodeFingerprint();
  const server = await serve(root);
  const chromium = await launchChromium();
  let failed = 0;
  try {
    const pages = [];
    if (smoke) {
      pages.push(['examples/browser/index.html (ESM build)', () => checkSmokePage(chromium.context, server.url, 'examples/browser/index.html', expected)]);
      pages.push(['examples/browser/global.html (UMD build, classic script)', () => checkSmokePage(chromium.context, server.url, 'examples/browser/global.html', expected)]);
      stagePackedPackage(join(root, 'out', 'cdn', 'npm', 'psychkit'));
      pages.push(['examples/browser/require.html (require("psychkit") with d3-require, the packed package)', () => checkSmokePage(chromium.context, server.url, 'examples/browser/require.html', expected)]);
      pages.push(['examples/browser/worker.html (psychkit/worker: runInWorker in 2 module workers)', () => checkWorkerPage(chromium.context, server.url)]);
    }
    if (report) pages.push(['out/report.html (npm run demo)', () => checkReport(chromium.context, server.url)]);
    if (observable) pages.push(['examples/observable (Framework build)', () => checkObservablePage(chromium.context, server.url, expected)]);
    for (const [name, check] of pages) {
      let failures;
      try {
        failures = await check();
      } catch (error) {
        failures = [String(error && error.message ? error.message : error)];
      }
      if (failures.length === 0) log(`  ok   Chromium: ${name}`);
      else {
        failed++;
        log(`  FAIL Chromium: ${name}\n${failures.map((f) => `         ${f}`).join('\n')}`);
      }
    }
  } finally {
    await chromium.close();
    await server.close();
  }
  return failed;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const failed = await browserChecks({ observable: process.argv.includes('observable'), report: process.argv.includes('report') });
  process.exit(failed === 0 ? 0 : 1);
}
