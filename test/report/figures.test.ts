// What every SVG figure helper promises for notebooks (docs/reports.md, "Figures in notebooks"):
// a `width` it lays out for (a bad one is INVALID_OPTION naming `width`), text and lines in
// currentColor, no opaque white unless asked, and `as: 'element'` refused without a DOM (the
// DOM side is test/report/figure-element.test.ts). Also: results as input (processModel into
// pathDiagramSvg, efa and parallelAnalysis into screePlotSvg).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bootstrapHistogramSvg,
  cfa,
  conceptualDiagramSvg,
  efa,
  isPsychkitError,
  johnsonNeymanSvg,
  loadingsHeatmapSvg,
  parallelAnalysis,
  pathDiagramSvg,
  processModel,
  screePlotSvg,
  semDiagramSvg,
  simpleSlopesSvg,
  type PsychkitError,
} from '../../src/index.js';
import { peer } from '../helpers/peer.js';
import { loadCsv } from '../helpers/fixtures.js';
import { findAll, parseXml, textContent, type XmlNode } from '../helpers/xml.js';

function thrown(f: () => unknown): PsychkitError | undefined {
  try {
    f();
  } catch (e) {
    if (isPsychkitError(e)) return e;
    throw e;
  }
  return undefined;
}

const rows = loadCsv('peer-workers.csv');
const esse = Array.from({ length: 11 }, (_, i) => `esse${i + 1}`);
const efa2 = efa(rows, { columns: esse, factors: 2, rotation: 'oblimin', missing: 'listwise' });
const m1 = processModel(peer, { model: 1, x: 'esse', w: 'ss', y: 'pwb', jn: true });
const m4 = processModel(peer, { model: 4, x: 'esse', m: 'ss', y: 'pwb', resamples: 0 });
const m4p = processModel(peer, { model: 4, x: 'esse', m: ['ss', 'rec'], y: 'pwb', resamples: 0 });
const m6 = processModel(peer, { model: 6, x: 'esse', m: ['ss', 'rec', 'si'], y: 'pwb', resamples: 0 });
const m7 = processModel(peer, { model: 7, x: 'esse', m: 'ss', w: 'gender', y: 'pwb', resamples: 0 });
const cfaFit = cfa(rows.slice(0, 120), { model: 'f =~ esse1 + esse2 + esse3 + esse4', missingCodes: ['NA'] });
const draws = { draws: Array.from({ length: 300 }, (_, i) => 0.3 + 0.1 * Math.sin(i)), estimate: 0.3, lower: 0.21, upper: 0.39 };

/** Every helper, called with extra options merged in. */
const FIGURES: Readonly<Record<string, (o: Record<string, unknown>) => unknown>> = {
  screePlotSvg: (o) => screePlotSvg(efa2, o),
  pathDiagramSvg: (o) => pathDiagramSvg(m4p, o),
  simpleSlopesSvg: (o) => simpleSlopesSvg(m1, o),
  johnsonNeymanSvg: (o) => johnsonNeymanSvg(m1.johnsonNeyman, o),
  conceptualDiagramSvg: (o) => conceptualDiagramSvg(m7, o),
  semDiagramSvg: (o) => semDiagramSvg(cfaFit, o),
  bootstrapHistogramSvg: (o) => bootstrapHistogramSvg(draws, o),
  loadingsHeatmapSvg: (o) => loadingsHeatmapSvg(efa2, o),
};

describe.each(Object.entries(FIGURES))('%s in a notebook', (_, draw) => {
  it('is exactly `width` pixels wide for any width in [100, 10000], and refuses others naming `width`', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 3000 }), (width) => {
        const svg = parseXml(draw({ width }) as string);
        expect(svg.attributes.width).toBe(String(width));
        for (const c of findAll(svg, 'text')) expect(Number.isFinite(Number(c.attributes.x ?? 0))).toBe(true);
      }),
      { numRuns: 12 },
    );
    for (const bad of [0, 99, 10_001, Number.NaN, '600', -5]) {
      const e = thrown(() => draw({ width: bad }));
      expect(e?.code).toBe('INVALID_OPTION');
      expect(e?.details.option).toBe('width');
    }
  });

  it('fills text with currentColor, strokes with currentColor, and paints nothing white by default', () => {
    const markup = draw({}) as string;
    const svg = parseXml(markup);
    for (const t of findAll(svg, 'text')) expect(t.attributes.fill).toBe('currentColor');
    const strokes = [...markup.matchAll(/stroke="([^"]+)"/g)].map((m) => m[1]);
    expect(strokes.every((s) => s === 'currentColor' || s === 'none')).toBe(true);
    // White only as the fallback under `style="fill: Canvas"` (the page's colour in a browser).
    for (const m of markup.matchAll(/<[a-z]+ [^>]*fill="(?:white|#fff|#ffffff)"[^>]*>/gi)) expect(m[0]).toContain('style="fill: Canvas"');
  });

  it("refuses `as: 'element'` without a DOM, and unknown `as` values", () => {
    expect('document' in globalThis).toBe(false);
    const e = thrown(() => draw({ as: 'element' }));
    expect(e?.code).toBe('INVALID_OPTION');
    expect(e?.message).toContain('DOM');
    expect(thrown(() => draw({ as: 'node' }))?.code).toBe('INVALID_OPTION');
    expect(typeof draw({ as: 'string' })).toBe('string');
  });
});

describe('background', () => {
  it('is painted where asked, and validated', () => {
    expect(pathDiagramSvg(m4, { background: 'white' })).toMatch(/class="label-box"[^>]*fill="white"/);
    // Text on an explicit background contrasts with it (black on light, white on dark); on an
    // unreadable colour it keeps currentColor.
    const inkOf = (background: string) => [...new Set(findAll(parseXml(pathDiagramSvg(m4, { background })), 'text').filter((t) => (t.attributes.class ?? '').startsWith('label')).map((t) => t.attributes.fill))];
    expect(inkOf('white')).toEqual(['black']);
    expect(inkOf('#fafafa')).toEqual(['black']);
    expect(inkOf('#111')).toEqual(['white']);
    expect(inkOf('rgb(17, 17, 17)')).toEqual(['white']);
    expect(inkOf('Canvas')).toEqual(['currentColor']);
    expect(pathDiagramSvg(m4)).toMatch(/class="label-box"[^>]*fill="white" style="fill: Canvas"/);
    expect(semDiagramSvg(cfaFit, { background: '#111' })).toMatch(/<ellipse[^>]*fill="#111"/);
    expect(conceptualDiagramSvg(m7, { background: 'white' })).toMatch(/<rect[^>]*fill="white"/);
    expect(screePlotSvg([3, 1], { simulated: [1.2, 1], background: 'rgb(17 17 17)' })).toMatch(/<circle[^>]*fill="rgb\(17 17 17\)"[^>]*data-series="simulated"/);
    for (const bad of ['', 'url(#x)" onload="x', 5, 'a'.repeat(100)]) expect(thrown(() => pathDiagramSvg(m4, { background: bad as string }))?.details.option).toBe('background');
  });
});

const labels = (svg: XmlNode) => findAll(svg, 'text').filter((t) => (t.attributes.class ?? '').startsWith('label')).map(textContent);

describe('pathDiagramSvg of a processModel result', () => {
  const coef = (fit: { readonly equations: readonly { readonly outcome: string; readonly coefficients: readonly { readonly term: string; readonly estimate: number; readonly p: number }[] }[] }, outcome: string, term: string) => fit.equations.find((e) => e.outcome === outcome)!.coefficients.find((c) => c.term === term)!;

  it('model 4, one mediator: a, b, c′ and c from the fit, boxes named after the variables', () => {
    const svg = parseXml(pathDiagramSvg(m4, { significance: 'none', decimals: 3 }));
    expect(labels(svg)).toEqual([`a = ${coef(m4, 'ss', 'esse').estimate.toFixed(3)}`, `b = ${coef(m4, 'pwb', 'ss').estimate.toFixed(3)}`, `c′ = ${m4.directEffect.estimate.toFixed(3)}`, `c = ${m4.totalEffect!.estimate.toFixed(3)}`]);
    expect(findAll(svg, 'text').map(textContent)).toEqual(expect.arrayContaining(['esse', 'ss', 'pwb']));
  });

  it('model 4, parallel mediators: one a and b per mediator, with stars from their p-values', () => {
    const svg = parseXml(pathDiagramSvg(m4p));
    const star = (p: number) => (p < 0.001 ? '***' : p < 0.01 ? '**' : p < 0.05 ? '*' : '');
    const a2 = coef(m4p, 'rec', 'esse');
    expect(labels(svg)).toContain(`a2 = ${a2.estimate.toFixed(2)}${star(a2.p)}`);
    expect(findAll(svg, 'g').filter((g) => (g.attributes.class ?? '').startsWith('path ')).map((g) => g.attributes.class)).toEqual(['path a1', 'path b1', 'path a2', 'path b2', 'path c-prime']);
  });

  it('model 6, serial mediators: every a, d and b path, labels clear of each other and of the boxes', () => {
    const svg = parseXml(pathDiagramSvg(m6, { significance: 'none' }));
    const names = findAll(svg, 'g').filter((g) => (g.attributes.class ?? '').startsWith('path ')).map((g) => (g.attributes.class as string).slice(5));
    expect(names.sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'c-prime', 'd21', 'd31', 'd32'].sort());
    expect(labels(svg)).toContain(`d32 = ${coef(m6, 'si', 'rec').estimate.toFixed(2)}`);
    expect(labels(svg)).toContain(`d31 = ${coef(m6, 'si', 'ss').estimate.toFixed(2)}`);
    const rect = (r: XmlNode) => ({ x0: Number(r.attributes.x), y0: Number(r.attributes.y), x1: Number(r.attributes.x) + Number(r.attributes.width), y1: Number(r.attributes.y) + Number(r.attributes.height) });
    const boxes = findAll(svg, 'rect').filter((r) => r.attributes.class === 'label-box').map(rect);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [p, q] = [boxes[i]!, boxes[j]!];
        expect(Math.min(p.x1, q.x1) <= Math.max(p.x0, q.x0) || Math.min(p.y1, q.y1) <= Math.max(p.y0, q.y0)).toBe(true);
      }
    }
    expect(textContent(findAll(svg, 'desc')[0]!)).toContain('esse to pwb through ss then rec then si');
  });

  it('says which models it draws for any other', () => {
    for (const fit of [m1, m7]) {
      const e = thrown(() => pathDiagramSvg(fit as never));
      expect(e?.code).toBe('INVALID_INPUT');
      expect(e?.message).toContain('models 4 (parallel mediators) and 6');
    }
  });
});

describe('screePlotSvg of a result', () => {
  it('an efa result: its eigenvalues (of R)', () => {
    const svg = parseXml(screePlotSvg(efa2));
    expect(findAll(svg, 'circle').map((c) => Number(c.attributes['data-value']))).toEqual(efa2.eigenvalues);
  });

  it('a parallelAnalysis result: observed and simulated series and the number retained', () => {
    const pa = parallelAnalysis(rows, { columns: esse, resamples: 20, seed: 1, missing: 'listwise' });
    const svg = parseXml(screePlotSvg(pa));
    const series = (name: string) => findAll(svg, 'circle').filter((c) => c.attributes['data-series'] === name).map((c) => Number(c.attributes['data-value']));
    expect(series('observed')).toEqual(pa.observed.factors);
    expect(series('simulated')).toEqual(pa.simulated.factors.quantile);
    const retained = findAll(svg, 'text').find((t) => t.attributes.class === 'retained')!;
    expect(retained.attributes['data-retained']).toBe(String(pa.suggestedFactors));
    const components = parseXml(screePlotSvg(pa, { eigenvalues: 'components' }));
    expect(findAll(components, 'circle').filter((c) => c.attributes['data-series'] === 'observed').map((c) => Number(c.attributes['data-value']))).toEqual(pa.observed.components);
    expect(thrown(() => screePlotSvg(pa, { simulated: pa.observed.factors }))?.code).toBe('INVALID_OPTION');
    expect(thrown(() => screePlotSvg([3, 1], { eigenvalues: 'factors' }))?.code).toBe('INVALID_OPTION');
    expect(thrown(() => screePlotSvg({ kind: 'cfa' } as never))?.code).toBe('INVALID_INPUT');
  });
});
