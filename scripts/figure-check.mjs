// Figure checks in Debian's Chromium (playwright-core, no browser download): renders every SVG
// figure helper of the built package (dist/index.js) on the bundled peer-workers data into a page
// twice — light (white background, black text) and dark (`color-scheme: dark`, background #111,
// text #eee) — saves a screenshot of each into out/figures/ (git-ignored) and checks that it
// reads:
//   - every <text> has a computed fill that differs from the page's background in both themes
//     (text drawn on a painted shape of its own — a label box, a filled variable box, a heat-map
//     cell — must instead contrast 3:1 at least with that shape as composited over the page);
//   - in the dark theme, no element is filled with opaque white unless the figure was asked for
//     it (`background: 'white'`);
//   - the <svg> is as wide as its `width` option (attribute and laid-out box);
//   - `as: 'element'` gives an SVGSVGElement in the SVG namespace, in the page itself;
//   - no console error, uncaught exception or failed request.
// Used by scripts/runtimes.mjs (its browser step); also runnable alone after a build:
//   npm run build && node scripts/figure-check.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvParse } from 'd3-dsv';
import { launchChromium, openPage } from './browser-check.mjs';
import { serve } from './serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'out', 'figures');

const THEMES = {
  light: { background: 'rgb(255, 255, 255)', css: 'html { color-scheme: light; background: #fff; color: #000; }' },
  dark: { background: 'rgb(17, 17, 17)', css: 'html { color-scheme: dark; background: #111; color: #eee; }' },
};

/** Every figure, as `{ name, width, svg, white }` (`white`: the figure was asked for white boxes). */
export async function figures() {
  const pk = await import('../dist/index.js');
  const rows = csvParse(readFileSync(join(root, 'test', 'fixtures', 'peer-workers.csv'), 'utf8'));
  const rule = { minAnswered: 0.8 };
  const scales = {
    esse: pk.instruments.esse({ prefix: 'esse', ...rule }),
    ss: pk.instruments.mspss({ prefix: 'mspss', id: 'ss', ...rule }),
    pwb: pk.instruments.pwb18({ prefix: 'pwb', id: 'pwb', anchors: 'agree-disagree', response: { min: 1, max: 7 }, ...rule }),
    rec: pk.instruments.ras24({ prefix: 'ras', id: 'rec', ...rule }),
  };
  const data = { gender: rows.map((r) => Number(r.gender)) };
  for (const [key, scale] of Object.entries(scales)) data[key] = pk.scoreScale(rows, { scale }).scores;
  const esse = Array.from({ length: 11 }, (_, i) => `esse${i + 1}`);
  const fast = { resamples: 1000, seed: 1 };
  const efa2 = pk.efa(rows, { columns: esse, factors: 2, rotation: 'oblimin', missing: 'listwise' });
  const parallel = pk.parallelAnalysis(rows, { columns: esse, resamples: 100, seed: 1, missing: 'listwise' });
  const m1 = pk.processModel(data, { model: 1, x: 'esse', w: 'ss', y: 'pwb', jn: true });
  const m4 = pk.processModel(data, { model: 4, x: 'esse', m: 'ss', y: 'pwb', ...fast });
  const m4p = pk.processModel(data, { model: 4, x: 'esse', m: ['ss', 'rec'], y: 'pwb', ...fast });
  const m6 = pk.processModel(data, { model: 6, x: 'esse', m: ['ss', 'rec'], y: 'pwb', ...fast });
  const m6kept = pk.processModel(data, { model: 6, x: 'esse', m: ['ss', 'rec'], y: 'pwb', ...fast, keepResamples: true });
  const m6three = pk.processModel(data, { model: 6, x: 'esse', m: ['ss', 'rec', 'pwb'], y: 'gender', ...fast, resamples: 0 });
  const m7 = pk.processModel(data, { model: 7, x: 'esse', m: 'ss', w: 'gender', y: 'pwb', ...fast });
  const cfaFit = pk.cfa(rows, { model: 'se =~ esse1 + esse2 + esse3 + esse4 + esse5 + esse6\nss =~ mspss1 + mspss2 + mspss3 + mspss4', missingCodes: ['NA'] });
  const boot = pk.bootstrap(data, {
    columns: ['esse', 'pwb'],
    statistic: ([x, y], n) => {
      let mx = 0, my = 0;
      for (let i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
      mx /= n; my /= n;
      let sxy = 0, sxx = 0, syy = 0;
      for (let i = 0; i < n; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ** 2; syy += (y[i] - my) ** 2; }
      return sxy / Math.sqrt(sxx * syy);
    },
    keepResamples: true,
    ...fast,
  });
  const list = [
    { name: 'scree-eigenvalues', width: 480, svg: (o) => pk.screePlotSvg(efa2.eigenvalues, o) },
    { name: 'scree-parallel', width: 640, svg: (o) => pk.screePlotSvg(parallel, o) },
    { name: 'path-model4', width: 560, svg: (o) => pk.pathDiagramSvg(m4, o) },
    { name: 'path-model4-parallel', width: 700, svg: (o) => pk.pathDiagramSvg(m4p, o) },
    { name: 'path-model6', width: 720, svg: (o) => pk.pathDiagramSvg(m6, o) },
    { name: 'path-model6-three', width: 900, svg: (o) => pk.pathDiagramSvg(m6three, o) },
    { name: 'simple-slopes', width: 600, svg: (o) => pk.simpleSlopesSvg(m1, o) },
    { name: 'johnson-neyman', width: 600, svg: (o) => pk.johnsonNeymanSvg(m1.johnsonNeyman, o) },
    { name: 'conceptual-model7', width: 600, svg: (o) => pk.conceptualDiagramSvg(m7, o) },
    { name: 'sem-cfa', width: 720, svg: (o) => pk.semDiagramSvg(cfaFit, o) },
    { name: 'bootstrap-histogram', width: 560, svg: (o) => pk.bootstrapHistogramSvg(boot, { label: 'r (ESSE, PWB)', ...o }) },
    { name: 'bootstrap-histogram-indirect', width: 640, svg: (o) => pk.bootstrapHistogramSvg(m6kept, o) },
    { name: 'loadings-heatmap', width: 420, svg: (o) => pk.loadingsHeatmapSvg(efa2, { sort: true, ...o }) },
  ];
  const out = [];
  for (const f of list) {
    out.push({ name: f.name, width: f.width, svg: f.svg({ width: f.width }), white: false });
  }
  // Asked for white boxes: allowed to be white in the dark theme (and checked to read there).
  out.push({ name: 'path-model4-white', width: 560, svg: pk.pathDiagramSvg(m4, { width: 560, background: 'white' }), white: true });
  // A negative control, to show the checks catch what they are meant to: default (black) text,
  // white text, a white box and pale text on a white box. It must fail in both themes; it is
  // not part of the result.
  out.push({
    name: 'control-unreadable',
    width: 200,
    white: false,
    svg: '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60"><rect x="10" y="10" width="80" height="40" fill="white"/><text x="100" y="30">black</text><text x="150" y="30" fill="#fff">white</text><rect x="10" y="40" width="60" height="16" fill="white"/><text x="12" y="52" fill="#eee">pale on a box</text></svg>',
  });
  return out;
}

/** The page of one theme: every figure in a <figure data-name data-width data-white>. */
function pageHtml(theme, list) {
  const body = list.map((f) => `<figure data-name="${f.name}" data-width="${f.width}" data-white="${f.white}">${f.svg}</figure>`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>figures (${theme})</title>
<style>${THEMES[theme].css} body { font-family: system-ui, sans-serif; margin: 16px; } figure { margin: 0 0 24px; display: inline-block; padding: 8px; }</style></head>
<body>${body}
<script type="module">
import { screePlotSvg, loadingsHeatmapSvg } from '/dist/index.js';
const a = screePlotSvg([3, 1, 0.5], { as: 'element', width: 300 });
const b = loadingsHeatmapSvg({ loadings: [[0.8, 0.1], [0.1, -0.7]], columns: ['a', 'b'] }, { as: 'element', width: 300 });
window.elementCheck = [a, b].map((el) => el instanceof SVGSVGElement && el.namespaceURI === 'http://www.w3.org/2000/svg' && el.ownerDocument === document && el.getAttribute('width') === '300');
document.body.dataset.ready = 'yes';
</script></body></html>`;
}

/** Checks run inside the page; returns a list of problems. */
function inPage(background) {
  const problems = [];
  const parse = (c) => {
    const m = /rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:[,/ ]+([\d.]+))?\)/.exec(c);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
  };
  const luminance = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const contrast = (p, q) => {
    const [a, b] = [luminance(p), luminance(q)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  };
  const page = parse(background);
  const over = (fill, opacity, base) => [0, 1, 2].map((i) => fill[i] * opacity + base[i] * (1 - opacity));
  for (const figure of document.querySelectorAll('figure[data-name]')) {
    const name = figure.dataset.name;
    const svg = figure.querySelector('svg');
    const width = Number(figure.dataset.width);
    if (Number(svg.getAttribute('width')) !== width) problems.push(`${name}: width attribute ${svg.getAttribute('width')}, option ${width}`);
    if (Math.abs(svg.getBoundingClientRect().width - width) > 0.5) problems.push(`${name}: laid out ${svg.getBoundingClientRect().width} px wide, option ${width}`);
    for (const text of svg.querySelectorAll('text')) {
      if (text.closest('title, desc')) continue;
      const style = getComputedStyle(text);
      const fill = parse(style.fill);
      const what = `${name}: <text> "${text.textContent.slice(0, 30)}"`;
      if (fill === null) {
        problems.push(`${what} has fill ${style.fill}`);
        continue;
      }
      // Drawn on a painted shape of its own (a label box, a variable's box, a heat-map cell: the
      // element just before it): against that shape as composited over the page.
      const under = text.previousElementSibling;
      const us = under && ['rect', 'ellipse'].includes(under.localName) ? getComputedStyle(under) : null;
      const uf = us ? parse(us.fill) : null;
      if (uf !== null && uf[3] > 0 && Number(us.fillOpacity) > 0) {
        const behind = over(uf, Number(us.fillOpacity) * uf[3], page);
        const ratio = contrast(fill, behind);
        if (ratio < 3) problems.push(`${what} contrasts ${ratio.toFixed(2)}:1 with the ${under.localName} it is drawn on`);
        continue;
      }
      if (contrast(fill, page) < 1.5) problems.push(`${what} has fill ${style.fill} on background ${background}`);
    }
    if (page[0] < 128 && figure.dataset.white !== 'true') {
      for (const el of svg.querySelectorAll('rect, circle, ellipse, polygon, path')) {
        const style = getComputedStyle(el);
        const fill = parse(style.fill);
        if (fill && fill[0] > 240 && fill[1] > 240 && fill[2] > 240 && Number(style.fillOpacity) * fill[3] * Number(style.opacity) > 0.5) {
          problems.push(`${name}: <${el.localName} class="${el.getAttribute('class') ?? ''}"> is filled with opaque white (${style.fill}) in the dark theme`);
        }
      }
    }
  }
  if (!Array.isArray(window.elementCheck) || !window.elementCheck.every(Boolean)) problems.push(`as: 'element' did not give SVGSVGElements of this document: ${JSON.stringify(window.elementCheck)}`);
  // The negative control must have been caught; its problems are the check working, not failures.
  const control = problems.filter((p) => p.startsWith('control-'));
  const rest = problems.filter((p) => !p.startsWith('control-'));
  if (control.length === 0) rest.push('the negative control (unreadable text, a white box) passed: the checks are broken');
  return rest;
}

/** Renders and checks every figure in both themes; returns the number of failed themes. */
export async function figureChecks({ log = console.log } = {}) {
  const list = await figures();
  mkdirSync(outDir, { recursive: true });
  for (const f of list) writeFileSync(join(outDir, `${f.name}.svg`), f.svg);
  const server = await serve(root);
  const chromium = await launchChromium();
  let failed = 0;
  try {
    for (const theme of Object.keys(THEMES)) {
      writeFileSync(join(outDir, `${theme}.html`), pageHtml(theme, list));
      const { page, problems } = await openPage(chromium.context, `${server.url}/out/figures/${theme}.html`, 'body[data-ready]');
      try {
        problems.push(...(await page.evaluate(inPage, THEMES[theme].background)));
        for (const f of list.filter((f) => !f.name.startsWith('control-'))) {
          await page.locator(`figure[data-name="${f.name}"]`).screenshot({ path: join(outDir, `${f.name}-${theme}.png`) });
        }
      } finally {
        await page.close();
      }
      if (problems.length === 0) log(`  ok   Chromium: ${list.length - 1} figures read in the ${theme} theme (out/figures/*-${theme}.png)`);
      else {
        failed++;
        log(`  FAIL Chromium: figures in the ${theme} theme\n${problems.map((p) => `         ${p}`).join('\n')}`);
      }
    }
  } finally {
    await chromium.close();
    await server.close();
  }
  return failed;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const failed = await figureChecks();
  process.exit(failed === 0 ? 0 : 1);
}
