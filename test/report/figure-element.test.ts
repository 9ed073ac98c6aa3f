// @vitest-environment jsdom
// `as: 'element'` where a DOM exists (jsdom here; Chromium in scripts/figure-check.mjs): every
// figure helper returns an SVGSVGElement of the current document, in the SVG namespace, with the
// same markup as the string.
import { describe, expect, it } from 'vitest';
import {
  bootstrapHistogramSvg,
  cfa,
  conceptualDiagramSvg,
  johnsonNeymanSvg,
  loadingsHeatmapSvg,
  pathDiagramSvg,
  screePlotSvg,
  semDiagramSvg,
  simpleSlopesSvg,
} from '../../src/index.js';
import { loadCsv } from '../helpers/fixtures.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const m1 = { kind: 'processModel', variables: { x: 'X', y: 'Y' }, moderators: [{ role: 'w', column: 'W' }], predictedValues: [{ x: 0, at: { w: 1 }, predicted: 1 }, { x: 1, at: { w: 1 }, predicted: 2 }] };
const model = { kind: 'processModel', model: 1, variables: { x: 'X', y: 'Y', m: [] }, moderators: [{ role: 'w', column: 'W' }], equations: [{ outcome: 'Y', terms: ['X', 'W', 'X:W'] }] };
const region = { points: [{ w: 0.5 }], table: [{ w: 0, estimate: 1, lower: -0.2, upper: 2 }, { w: 1, estimate: 1, lower: 0.1, upper: 2 }] };
const loadings = { loadings: [[0.8, 0.1], [0.2, -0.7]], columns: ['a', 'b'] };
const cfaFit = cfa(loadCsv('peer-workers.csv').slice(0, 120), { model: 'f =~ esse1 + esse2 + esse3 + esse4', missingCodes: ['NA'] });

const FIGURES: Readonly<Record<string, (o: { as: 'element'; width: number }) => SVGSVGElement>> = {
  screePlotSvg: (o) => screePlotSvg([3, 1, 0.5], o),
  pathDiagramSvg: (o) => pathDiagramSvg({ x: 'X', m: 'M', y: 'Y', paths: { a: 0.5, b: 0.3, cPrime: 0.1 } }, o),
  simpleSlopesSvg: (o) => simpleSlopesSvg(m1, o),
  johnsonNeymanSvg: (o) => johnsonNeymanSvg(region, o),
  conceptualDiagramSvg: (o) => conceptualDiagramSvg(model, o),
  bootstrapHistogramSvg: (o) => bootstrapHistogramSvg({ draws: [0.1, 0.2, 0.25, 0.3, 0.4], estimate: 0.25, lower: 0.1, upper: 0.4 }, o),
  loadingsHeatmapSvg: (o) => loadingsHeatmapSvg(loadings, o),
  semDiagramSvg: (o) => semDiagramSvg(cfaFit, o),
};

describe.each(Object.entries(FIGURES))("%s with as: 'element'", (_, draw) => {
  it('returns an SVGSVGElement of this document, in the SVG namespace, as wide as asked', () => {
    const el = draw({ as: 'element', width: 321 });
    expect(el).toBeInstanceOf(window.SVGSVGElement);
    expect(el.namespaceURI).toBe(SVG_NS);
    expect(el.ownerDocument).toBe(document);
    expect(el.getAttribute('width')).toBe('321');
    expect(el.querySelector('title')?.namespaceURI).toBe(SVG_NS);
    expect(Array.from(el.querySelectorAll('text')).every((t) => t.getAttribute('fill') === 'currentColor')).toBe(true);
    document.body.append(el);
    expect(document.body.lastElementChild).toBe(el);
  });
});
