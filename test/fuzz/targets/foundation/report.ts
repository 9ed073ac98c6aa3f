// Fuzz targets: the report layer. Formatting helpers and escapes take hostile values; the table
// renderers take hostile tables; toApaTable/toMarkdown take genuine results of every analysis
// with one part replaced by a hostile value; the document renderers take hostile sections. Any
// text produced must not say "NaN", "undefined", "Infinity" or "[object Object]" unless an input
// string did (checkText).
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import {
  bootstrap,
  bootstrapHistogramSvg,
  cfa,
  compareTransforms,
  correlationMatrix,
  correlations,
  cronbachAlpha,
  descriptives,
  efa,
  escapeHtml,
  escapeMarkdownCell,
  escapeMarkdownText,
  formatCfa,
  formatInterval,
  formatNumber,
  formatP,
  hierarchicalRegression,
  kmo,
  loadingsHeatmapSvg,
  normalityTests,
  ols,
  omega,
  parallelAnalysis,
  pathDiagramSvg,
  pathModel,
  processModel,
  rotate,
  screePlotSvg,
  sem,
  semDiagramSvg,
  simpleSlopesSvg,
  johnsonNeymanSvg,
  conceptualDiagramSvg,
  tableToHtml,
  tableToMarkdown,
  tableToText,
  toApaTable,
  toHtmlReport,
  toMarkdown,
  toMarkdownReport,
  toTextReport,
  velicerMap,
  type ReportTable,
} from '../../../../src/index.js';
import { simulate } from '../../../../src/testing/index.js';
import type { FuzzTarget } from '../../harness.js';
import { checkText, edgeNumber, edgeProbability, hostile, nasty, options, real } from './common.js';

// ---- genuine results, computed once on first use ------------------------------------------

let cache: Record<string, unknown> | undefined;

/** One genuine result of every kind toApaTable knows (small data, few resamples). */
function genuineResults(): Record<string, unknown> {
  if (cache) return cache;
  const cong = simulate.congeneric({ loadings: [0.7, 0.6, 0.5, 0.6], n: 60, categories: 5, seed: 7 }).data as Record<string, number>[];
  const items = Object.keys(cong[0]!);
  const fm = simulate.factorModel({ loadings: [[0.7, 0], [0.6, 0.1], [0.7, 0], [0, 0.6], [0.1, 0.7], [0, 0.6]], phi: [[1, 0.3], [0.3, 1]], n: 120, seed: 3 }).data as Record<string, number>[];
  const med = simulate.mediation({ model: 4, paths: { a: [0.4], b: [0.3], direct: 0.2 }, covariates: [{ name: 'age', x: 0.1, y: 0.1 }], n: 80, seed: 5 }).data as Record<string, number>[];
  const [x, m, cov, y] = ['x', 'm1', 'age', 'y'];
  const column = cong.map((r) => r[items[0]!]!);
  cache = {
    cronbachAlpha: cronbachAlpha(cong, { columns: items }),
    describeTable: descriptives(cong),
    describeVector: descriptives(column, { name: 'item' }),
    normalityTests: normalityTests(column.map((v, i) => v + i / 100)),
    compareTransforms: compareTransforms(column, { methods: ['sqrt', 'log', 'boxcox'] }),
    efa: efa(fm, { factors: 2, rotation: 'oblimin' }),
    correlations: correlations(med, { columns: [x!, m!, y!] }),
    ols: ols(med, { y: y!, x: [x!, m!, cov!] }),
    hierarchicalRegression: hierarchicalRegression(med, { y: y!, steps: [[cov!], [x!, m!]] }),
    process: processModel(med, { model: 4, x: x!, m: m!, y: y!, covariates: [cov!], resamples: 200, allowFewResamples: true, seed: 1 }),
    moderation: processModel(med, { model: 1, x: x!, w: m!, y: y! }),
    conditionalProcess: processModel(med, { model: 7, x: x!, m: m!, w: cov!, y: y!, resamples: 200, allowFewResamples: true, seed: 1 }),
    logisticProcess: processModel(
      med.map((r) => ({ ...r, y: r.y! > 0 ? 1 : 0 })),
      { model: 14, x: x!, m: m!, w: cov!, y: y!, resamples: 200, allowFewResamples: true, seed: 1 },
    ),
    omega: omega(fm, { factors: 3, rotation: 'oblimin' }),
    rotate: rotate(efa(fm, { factors: 2, rotation: 'none' }).loadings, { rotation: 'oblimin' }),
    kmo: kmo(fm),
    parallelAnalysis: parallelAnalysis(fm, { resamples: 5, seed: 2 }),
    velicerMap: velicerMap(fm),
    correlationMatrix: correlationMatrix(cong, { columns: items, method: 'polychoric' }),
    pathModel: pathModel(med, { equations: [{ outcome: m!, predictors: [x!] }, { outcome: y!, predictors: [x!, m!] }], effects: { ab: (b) => b(m!, x!) * b(y!, m!) }, resamples: 200, allowFewResamples: true, seed: 1 }),
    bootstrap: bootstrap(med, { columns: [x!, y!], statistic: ([a], n) => a![0]! + n, resamples: 50, allowFewResamples: true, seed: 1 }),
    cfa: cfa(fm, { model: 'f1 =~ item1 + item2 + item3\nf2 =~ item4 + item5 + l5*item6\nitem2 ~~ item3' }),
    cfaMlr: cfa(fm, { model: 'f1 =~ item1 + item2 + item3\nf2 =~ item4 + item5 + item6', estimator: 'MLR' }),
    sem: sem(fm, { model: 'f1 =~ item1 + item2 + item3\nf2 =~ item4 + item5 + item6\nf2 ~ a*f1\nind := 2*a', meanStructure: true }),
  };
  return cache;
}

/** Deep copy of plain data (objects, arrays, typed arrays). */
function clone(v: unknown): unknown {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return (v as unknown as { slice(): unknown }).slice();
  if (Array.isArray(v)) return v.map(clone);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = clone(x);
    return out;
  }
  return v;
}

/** Every node of a result: [parent, key] pairs in a fixed order. */
function nodes(v: unknown, out: [Record<string | number, unknown>, string | number][] = []): [Record<string | number, unknown>, string | number][] {
  if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) return out;
  for (const key of Object.keys(v)) {
    out.push([v as Record<string, unknown>, Array.isArray(v) ? Number(key) : key]);
    nodes((v as Record<string, unknown>)[key], out);
  }
  return out;
}

/** A genuine result with one node replaced by a hostile value, or deleted. */
const hostileResult: fc.Arbitrary<unknown> = fc
  .record({ kind: fc.nat(), node: fc.nat(), value: fc.oneof(hostile, nasty, edgeNumber), remove: fc.boolean() })
  .map(({ kind, node, value, remove }) => {
    const all = genuineResults();
    const names = Object.keys(all);
    const result = clone(all[names[kind % names.length]!]);
    const list = nodes(result);
    const [parent, key] = list[node % list.length]!;
    if (remove && !Array.isArray(parent)) delete parent[key];
    else parent[key] = value;
    return result;
  });

/** A genuine cfa or sem result with one node replaced by a hostile value, or deleted (formatCfa, semDiagramSvg). */
const hostileSemResult: fc.Arbitrary<unknown> = fc
  .record({ kind: fc.constantFrom('cfa', 'cfaMlr', 'sem'), node: fc.nat(), value: fc.oneof(hostile, nasty, edgeNumber), remove: fc.boolean() })
  .map(({ kind, node, value, remove }) => {
    const result = clone(genuineResults()[kind]);
    const list = nodes(result);
    const [parent, key] = list[node % list.length]!;
    if (remove && !Array.isArray(parent)) delete parent[key];
    else parent[key] = value;
    return result;
  });

/** A Johnson–Neyman region as processModel gives it: rows across the moderator, 0–2 points. */
const jnRegion: fc.Arbitrary<unknown> = fc
  .tuple(fc.array(fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true })), { minLength: 2, maxLength: 24 }), fc.array(fc.double({ min: -5, max: 30, noNaN: true }), { maxLength: 2 }))
  .map(([rows, points]) => ({
    points: points.map((w) => ({ w, percentBelow: 50, percentAbove: 50 })),
    range: [0, rows.length - 1],
    criticalT: 1.96,
    table: rows.map(([estimate, half], i) => ({ w: i, estimate, se: half / 2, statistic: 0, p: 0.5, lower: estimate - half, upper: estimate + half })),
  }));

/** A region with one node replaced by a hostile value, or deleted. */
const hostileRegion: fc.Arbitrary<unknown> = fc.tuple(jnRegion, fc.nat(), fc.oneof(hostile, nasty, edgeNumber), fc.boolean()).map(([region, node, value, remove]) => {
  const copy = clone(region);
  const list = nodes(copy);
  const [parent, key] = list[node % list.length]!;
  if (remove && !Array.isArray(parent)) delete parent[key];
  else parent[key] = value;
  return copy;
});

/** A genuine result as it is (the renderers must print it without "NaN" or "undefined"). */
const genuineResult: fc.Arbitrary<unknown> = fc.nat().map((i) => {
  const all = genuineResults();
  const names = Object.keys(all);
  return all[names[i % names.length]!];
});

/** What formatCfa and semDiagramSvg take: mostly cfa/sem results with one part hostile. */
const semResultArg = fc.oneof({ arbitrary: hostileSemResult, weight: 6 }, { arbitrary: hostileResult, weight: 1 }, { arbitrary: genuineResult, weight: 2 }, { arbitrary: fc.oneof(hostile, nasty), weight: 1 });

const VALID_APA = { title: 'Table 1', labels: { x: 'Predictor', item1: 'First item', 'marital[married]': 'Married' }, decimals: 3, dimBelow: 0.3 };
const apaOptions = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 2 },
  { arbitrary: options(VALID_APA), weight: 2 },
  { arbitrary: fc.record({ labels: fc.dictionary(fc.constantFrom('x', 'y', 'm1', 'item1', 'V1', '1', 'ab', 'constant', '__proto__'), fc.oneof(fc.string(), hostile)) }), weight: 1 },
);

const apaArgs = fc.tuple(fc.oneof({ arbitrary: hostileResult, weight: 6 }, { arbitrary: genuineResult, weight: 2 }, { arbitrary: fc.oneof(hostile, nasty, fc.record({ kind: fc.oneof(fc.string(), hostile) })), weight: 1 }), apaOptions);

// ---- report tables ------------------------------------------------------------------------

const cell = fc.oneof({ arbitrary: real, weight: 4 }, { arbitrary: fc.string(), weight: 2 }, { arbitrary: fc.constantFrom(null, undefined, Number.NaN, Infinity, -Infinity, -0, 1e300, 5e-324), weight: 2 }, { arbitrary: hostile, weight: 1 });
const columnFormat = fc.oneof(
  { arbitrary: fc.constantFrom<unknown[]>(undefined, 'number', 'bounded', 'p', 'integer', { decimals: 3, leadingZero: false }, (v: number) => (Number.isFinite(v) ? `<${v.toFixed(1)}>` : '<?>')), weight: 12 },
  { arbitrary: hostile, weight: 1 },
  { arbitrary: fc.record({ decimals: edgeNumber, missing: fc.oneof(fc.string(), hostile) }), weight: 1 },
);
const reportTable: fc.Arbitrary<unknown> = fc.integer({ min: 1, max: 4 }).chain((k) =>
  fc.oneof(
    {
      arbitrary: fc.record({
        title: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.string(), weight: 3 }, { arbitrary: hostile, weight: 1 }),
        columns: fc.array(fc.record({ label: fc.oneof({ arbitrary: fc.string(), weight: 15 }, hostile), format: columnFormat, align: fc.oneof({ arbitrary: fc.constantFrom(undefined, 'left', 'right', 'center'), weight: 12 }, { arbitrary: hostile, weight: 1 }) }), { minLength: k, maxLength: k }),
        rows: fc.array(fc.oneof({ arbitrary: fc.array(cell, { minLength: k, maxLength: k }), weight: 12 }, { arbitrary: fc.record({ section: fc.oneof({ arbitrary: fc.string(), weight: 4 }, hostile) }), weight: 2 }, fc.array(cell, { maxLength: 5 }), hostile), { maxLength: 6 }),
        note: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.string(), weight: 3 }, { arbitrary: hostile, weight: 1 }),
      }),
      weight: 5,
    },
    { arbitrary: genuineResult.map((r) => toApaTable(r as never) as unknown), weight: 2 },
    { arbitrary: fc.oneof(hostile, nasty, fc.constant({ columns: [], rows: [] })), weight: 1 },
  ),
);

// ---- documents ------------------------------------------------------------------------------

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
const block = fc.oneof(
  { arbitrary: fc.string(), weight: 4 },
  { arbitrary: reportTable.map((table) => ({ table })), weight: 4 },
  { arbitrary: fc.record({ figure: fc.oneof({ arbitrary: fc.constant(svg), weight: 6 }, fc.constantFrom('<svg onload="x()"></svg>', '<div>', '<svg><script>x</script></svg>'), hostile), caption: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.string(), weight: 3 }, hostile), file: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, fc.constantFrom('fig (1).svg', 'a b.svg'), hostile) }), weight: 3 },
  { arbitrary: fc.record({ code: fc.oneof(fc.string(), fc.constant('```\ncode\n```'), hostile) }), weight: 2 },
  hostile,
  nasty,
);
const sections = fc.oneof(
  { arbitrary: fc.array(fc.record({ heading: fc.oneof({ arbitrary: fc.string(), weight: 12 }, hostile), level: fc.oneof({ arbitrary: fc.constantFrom(undefined, 2, 3), weight: 12 }, hostile), blocks: fc.oneof({ arbitrary: fc.array(block, { maxLength: 4 }), weight: 12 }, hostile) }), { maxLength: 4 }), weight: 5 },
  { arbitrary: fc.oneof(hostile, nasty), weight: 1 },
);
const reportOptions = fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: options({ title: 'Report', lang: 'de-CH' }), weight: 2 });

// ---- figures --------------------------------------------------------------------------------

const eigenvalues = fc.oneof(
  { arbitrary: fc.array(fc.double({ min: -1, max: 10, noNaN: true }), { minLength: 1, maxLength: 12 }), weight: 4 },
  { arbitrary: fc.array(fc.oneof(real, edgeNumber), { maxLength: 6 }), weight: 2 },
  { arbitrary: fc.oneof(hostile, nasty), weight: 1 },
);
const screeArgs = eigenvalues.chain((e) =>
  fc.oneof(
    options({ eigenvalues: e, simulated: Array.isArray(e) ? e.map((v) => (typeof v === 'number' ? v / 2 : v)) : e, title: 'Scree', kaiser: true, xLabel: 'Factor', yLabel: 'Eigenvalue', width: 400, height: 250 }),
    fc.record({ eigenvalues: fc.constant(e), width: edgeNumber, height: edgeNumber }),
  ),
);
const pathValue = fc.oneof(real, fc.record({ estimate: fc.oneof(real, edgeNumber), p: fc.oneof(fc.constant(undefined), edgeProbability, hostile) }), hostile);
const pathArgs = fc.integer({ min: 1, max: 3 }).chain((k) => {
  const list = (v: fc.Arbitrary<unknown>) => (k === 1 ? v : fc.array(v, { minLength: k, maxLength: k }));
  return fc.oneof(
    options({ x: 'X', m: k === 1 ? 'M' : Array.from({ length: k }, (_, i) => `M${i + 1}`), y: 'Y', paths: { a: k === 1 ? 0.4 : Array(k).fill(0.4), b: k === 1 ? 0.3 : Array(k).fill(0.3), cPrime: 0.2, c: 0.32 }, decimals: 3, significance: 'p', title: 'Model 4' }),
    fc.record({ x: fc.constant('X'), m: fc.constant(k === 1 ? 'M' : Array.from({ length: k }, (_, i) => `M${i + 1}`)), y: fc.constant('Y'), paths: fc.record({ a: list(pathValue), b: list(pathValue), cPrime: pathValue, c: fc.oneof(fc.constant(undefined), pathValue) }), significance: fc.constantFrom('stars', 'p', 'none') }),
  );
});

/** A genuine result with valid options must render: a PsychkitError there is a bug (an over-strict shape check). */
function genuineMustWork(result: unknown, o: unknown, render: (r: never, o?: never) => unknown): unknown {
  const genuine = Object.values(genuineResults()).includes(result);
  const validOptions = o === undefined || isDeepStrictEqual({ ...(o as object) }, VALID_APA);
  try {
    return render(result as never, o as never);
  } catch (e) {
    if (genuine && validOptions) throw new Error(`a genuine ${(result as { kind: string }).kind} result was rejected: ${(e as Error).message}`);
    throw e;
  }
}

/** Text checks for everything a report function returns (a string or a ReportTable). */
function textOk(result: unknown, args: readonly unknown[]): void {
  checkText(result, args);
  if (typeof result === 'object' && result !== null && 'columns' in result) checkText(tableToText(result as ReportTable), args);
}

const numberOptions = fc.oneof(fc.constant(undefined), options({ decimals: 3, leadingZero: false, missing: 'NA', minusSign: '\u2212' }));

/** Bootstrap draws with an estimate and an interval (bootstrapHistogramSvg's plain input). */
const drawsInput = fc.record({
  draws: fc.oneof(
    { arbitrary: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 200 }), weight: 4 },
    { arbitrary: fc.array(edgeNumber, { maxLength: 8 }), weight: 1 },
    { arbitrary: fc.oneof(hostile, nasty), weight: 1 },
  ),
  estimate: fc.oneof({ arbitrary: real, weight: 4 }, { arbitrary: edgeNumber, weight: 1 }),
  lower: fc.oneof(fc.constant(null), real, edgeNumber),
  upper: fc.oneof(fc.constant(null), real, edgeNumber),
});
/** A loading matrix with names (loadingsHeatmapSvg's plain input). */
const loadingsInput = fc.integer({ min: 1, max: 6 }).chain((p) =>
  fc.integer({ min: 1, max: 3 }).chain((k) =>
    fc.record({
      loadings: fc.oneof(
        { arbitrary: fc.array(fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: k, maxLength: k }), { minLength: p, maxLength: p }), weight: 4 },
        { arbitrary: fc.array(fc.array(edgeNumber, { maxLength: 3 }), { maxLength: 4 }), weight: 1 },
      ),
      columns: fc.oneof(fc.constant(undefined), fc.array(fc.string(), { minLength: p, maxLength: p }), hostile),
    }),
  ),
);

export const REPORT_TARGETS: readonly FuzzTarget[] = [
  { name: 'escapeHtml', args: fc.tuple(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), hostile, nasty)), call: (t) => escapeHtml(t), runs: 900 },
  { name: 'escapeMarkdownCell', args: fc.tuple(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), hostile, nasty)), call: (t) => escapeMarkdownCell(t), runs: 900 },
  { name: 'escapeMarkdownText', args: fc.tuple(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), hostile, nasty)), call: (t) => escapeMarkdownText(t), runs: 900 },
  { name: 'formatNumber', args: fc.tuple(fc.oneof({ arbitrary: edgeNumber, weight: 6 }, nasty), numberOptions), call: (x, o) => formatNumber(x, o), check: textOk, runs: 900 },
  { name: 'formatP', args: fc.tuple(fc.oneof({ arbitrary: edgeProbability, weight: 6 }, nasty), fc.oneof(fc.constant(undefined), options({ decimals: 2, prefix: false, missing: 'n/a' }))), call: (p, o) => formatP(p, o), check: textOk, runs: 900 },
  { name: 'formatInterval', args: fc.tuple(fc.oneof({ arbitrary: edgeNumber, weight: 6 }, nasty), fc.oneof({ arbitrary: edgeNumber, weight: 6 }, nasty), numberOptions), call: (lo, hi, o) => formatInterval(lo, hi, o), check: textOk, runs: 900 },
  { name: 'tableToText', args: fc.tuple(reportTable), call: (t) => tableToText(t), check: textOk, runs: 600 },
  { name: 'tableToMarkdown', args: fc.tuple(reportTable), call: (t) => tableToMarkdown(t), check: textOk, runs: 600 },
  { name: 'tableToHtml', args: fc.tuple(reportTable), call: (t) => tableToHtml(t), check: textOk, runs: 600 },
  {
    name: 'toApaTable',
    args: apaArgs,
    call: (r, o) => genuineMustWork(r, o, toApaTable),
    check: textOk,
    nan: [{ path: /^rows\[\d+\]\[\d+\]$/, reason: "a NaN statistic of the result is passed through as a table cell, which every renderer prints as a dash (docs/reports.md)" }],
    runs: 750,
  },
  { name: 'toMarkdown', args: apaArgs, call: (r, o) => genuineMustWork(r, o, toMarkdown), check: textOk, runs: 450 },
  { name: 'toTextReport', args: fc.tuple(sections, reportOptions), call: (s, o) => toTextReport(s, o), check: textOk, runs: 450 },
  { name: 'toMarkdownReport', args: fc.tuple(sections, reportOptions), call: (s, o) => toMarkdownReport(s, o), check: textOk, runs: 450 },
  { name: 'toHtmlReport', args: fc.tuple(sections, reportOptions), call: (s, o) => toHtmlReport(s, o), check: textOk, runs: 450 },
  { name: 'screePlotSvg', args: fc.tuple(fc.oneof({ arbitrary: screeArgs, weight: 5 }, { arbitrary: fc.oneof(hostile, nasty), weight: 1 })), call: (o) => screePlotSvg(o), check: textOk, runs: 600 },
  {
    name: 'simpleSlopesSvg',
    args: fc.tuple(
      fc.oneof({ arbitrary: hostileResult, weight: 4 }, { arbitrary: genuineResult, weight: 2 }, { arbitrary: fc.oneof(hostile, nasty), weight: 1 }),
      fc.oneof(fc.constant(undefined), options({ title: 'Figure 1', xLabel: 'X', yLabel: 'Y', width: 600, height: 400 })),
    ),
    call: (r, o) => simpleSlopesSvg(r, o as never),
    check: textOk,
    runs: 400,
  },
  {
    name: 'johnsonNeymanSvg',
    args: fc.tuple(
      fc.oneof({ arbitrary: jnRegion, weight: 4 }, { arbitrary: hostileRegion, weight: 4 }, { arbitrary: fc.oneof(hostile, nasty), weight: 1 }),
      fc.oneof(fc.constant(undefined), options({ title: 'Figure 2', xLabel: 'W', yLabel: 'Effect', width: 600, height: 400 })),
    ),
    call: (r, o) => johnsonNeymanSvg(r, o as never),
    check: textOk,
    runs: 400,
  },
  {
    name: 'conceptualDiagramSvg',
    args: fc.tuple(
      fc.oneof({ arbitrary: hostileResult, weight: 4 }, { arbitrary: genuineResult, weight: 2 }, { arbitrary: fc.oneof(hostile, nasty), weight: 1 }),
      fc.oneof(fc.constant(undefined), options({ title: 'Figure 3', width: 700, height: 400 })),
    ),
    call: (r, o) => conceptualDiagramSvg(r, o as never),
    check: textOk,
    runs: 400,
  },
  {
    name: 'formatCfa',
    args: fc.tuple(semResultArg),
    call: (r) => formatCfa(r as never),
    check: textOk,
    runs: 400,
  },
  {
    name: 'semDiagramSvg',
    args: fc.tuple(
      semResultArg,
      fc.oneof(fc.constant(undefined), options({ standardized: false, decimals: 3, residuals: false, title: 'Figure 4', width: 800 })),
    ),
    call: (r, o) => semDiagramSvg(r as never, o as never),
    check: textOk,
    runs: 400,
  },
  { name: 'pathDiagramSvg', args: fc.tuple(fc.oneof({ arbitrary: pathArgs, weight: 5 }, { arbitrary: fc.oneof(hostile, nasty), weight: 1 })), call: (o) => pathDiagramSvg(o), check: textOk, runs: 600 },
  {
    name: 'bootstrapHistogramSvg',
    args: fc.tuple(
      fc.oneof({ arbitrary: drawsInput, weight: 4 }, { arbitrary: hostileResult, weight: 2 }, { arbitrary: fc.oneof(hostile, nasty), weight: 1 }),
      fc.oneof(fc.constant(undefined), options({ width: 500, height: 280, bins: 12, label: 'Effect', title: 'Figure 5' })),
    ),
    call: (r, o) => bootstrapHistogramSvg(r as never, o as never),
    check: textOk,
    runs: 400,
  },
  {
    name: 'loadingsHeatmapSvg',
    args: fc.tuple(
      fc.oneof({ arbitrary: loadingsInput, weight: 4 }, { arbitrary: hostileResult, weight: 2 }, { arbitrary: genuineResult, weight: 1 }, { arbitrary: fc.oneof(hostile, nasty), weight: 1 }),
      fc.oneof(fc.constant(undefined), options({ width: 400, sort: true, decimals: 3, title: 'Figure 6' })),
    ),
    call: (r, o) => loadingsHeatmapSvg(r as never, o as never),
    check: textOk,
    runs: 400,
  },
];

export { genuineResult, hostileResult };
