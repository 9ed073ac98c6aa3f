// Browser checks with Debian's Chromium driven by playwright-core (no browser download):
// opens the example pages, reads the numbers back and compares them with Node's, fails on any
// console error, failed request or uncaught exception, and checks that figures render.
// Used by scripts/runtimes.mjs; also runnable alone after a build:
//   node scripts/browser-check.mjs            (the two examples/browser pages)
//   node scripts/browser-check.mjs observable (also the built Observable page)
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
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

function nodeFingerprint() {
  // The expected numbers: what the built ESM entry gives in Node (scripts/smoke-node.mjs).
  return import(new URL('../examples/shared/smoke-analysis.js', import.meta.url)).then(async ({ smokeAnalysis }) => {
    const psychkit = await import(new URL('../dist/index.js', import.meta.url));
    const csv = readFileSync(join(root, 'examples', 'peer-workers', 'peer-workers.csv'), 'utf8');
    return { psychkit, fingerprint: smokeAnalysis(psychkit, csv).fingerprint };
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
    const { correlation, bootstrap } = fingerprint;
    same('#n', Number(await read('n')), fingerprint.n, failures);
    same('#complete', Number(await read('complete')), fingerprint.complete, failures);
    same('#r value', Number(await read('r')), correlation.r, failures);
    same('#r text', await text('r'), psychkit.formatNumber(correlation.r, { leadingZero: false, decimals: 3 }), failures);
    same('#p value', Number(await read('p')), correlation.p, failures);
    same('#p text', await text('p'), psychkit.formatP(correlation.p), failures);
    same('#ci value', await read('ci'), `${bootstrap.lower},${bootstrap.upper}`, failures);
    same('#ci text', await text('ci'), psychkit.formatInterval(bootstrap.lower, bootstrap.upper, { leadingZero: false, decimals: 3 }), failures);
    same('#first-indices', await read('first-indices'), bootstrap.firstIndices.join(','), failures);
    const points = await page.$$eval('#scree circle[data-series="observed"]', (cs) => cs.map((c) => Number(c.getAttribute('data-value'))));
    same('scree points', JSON.stringify(points), JSON.stringify(fingerprint.eigenvalues), failures);
    const cells = await page.$$eval('#table tbody td', (tds) => tds.map((td) => td.textContent));
    if (cells[0] !== 'r' || cells.length !== 4) failures.push(`table cells: ${JSON.stringify(cells)}`);
    const ink = await inkFraction(page, '#scree svg');
    if (!(ink > 0.005)) failures.push(`scree plot renders blank (ink ${ink})`);
  }
  failures.push(...problems);
  await page.close();
  return failures;
}

/** Checks the built Observable Framework page; returns a list of failures. */
async function checkObservablePage(context, base, expected) {
  const failures = [];
  const { page, problems } = await openPage(context, `${base}/examples/observable/dist/index.html`, 'table.psychkit-table');
  await page.waitForSelector('svg.psychkit-scree', { timeout: 30_000 });
  await page.waitForSelector('svg[class^="plot"]', { timeout: 30_000 });
  const errors = await page.$$eval('.observablehq--error', (es) => es.map((e) => e.textContent));
  if (errors.length > 0) failures.push(`Observable cell errors: ${errors.join(' | ')}`);
  // Same eigenvalues as Node's Jacobi (ml-matrix's decomposition agrees to rounding).
  const points = await page.$$eval('svg.psychkit-scree circle[data-series="observed"]', (cs) => cs.map((c) => Number(c.getAttribute('data-value'))));
  const reference = expected.fingerprint.eigenvalues;
  const worst = points.length === reference.length ? Math.max(...points.map((v, i) => Math.abs(v - reference[i]))) : Infinity;
  if (!(worst < 1e-10)) failures.push(`Observable eigenvalues differ from Node's by ${worst}: ${JSON.stringify(points)}`);
  const plotMarks = await page.$$eval('svg[class^="plot"] circle', (cs) => cs.length);
  if (plotMarks !== reference.length) failures.push(`Observable Plot drew ${plotMarks} dots, expected ${reference.length}`);
  const rows = await page.$$eval('table.psychkit-table tbody tr', (trs) => trs.length);
  if (rows !== reference.length) failures.push(`eigenvalue table has ${rows} rows, expected ${reference.length}`);
  for (const selector of ['svg[class^="plot"]', 'svg.psychkit-scree']) {
    const ink = await inkFraction(page, selector);
    if (!(ink > 0.005)) failures.push(`${selector} renders blank (ink ${ink})`);
  }
  failures.push(...problems);
  await page.close();
  return failures;
}

/**
 * Runs the browser checks: both examples/browser pages, and the built Observable page when
 * `observable` is true. Prints one line per page; resolves to the number of failing pages.
 */
export async function browserChecks({ observable = false, log = console.log } = {}) {
  const expected = await nodeFingerprint();
  const server = await serve(root);
  const chromium = await launchChromium();
  let failed = 0;
  try {
    const pages = [
      ['examples/browser/index.html (ESM build)', () => checkSmokePage(chromium.context, server.url, 'examples/browser/index.html', expected)],
      ['examples/browser/global.html (IIFE build)', () => checkSmokePage(chromium.context, server.url, 'examples/browser/global.html', expected)],
    ];
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
  const failed = await browserChecks({ observable: process.argv.includes('observable') });
  process.exit(failed === 0 ? 0 : 1);
}
