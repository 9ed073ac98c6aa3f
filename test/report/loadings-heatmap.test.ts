import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { efa, loadingsHeatmapSvg, rotate } from '../../src/index.js';
import { loadCsv } from '../helpers/fixtures.js';
import { findAll, nastyText, parseXml, textContent, xmlVisible, type XmlNode } from '../helpers/xml.js';
import { errorCode } from '../helpers/errors.js';


const cells = (svg: XmlNode) => findAll(svg, 'g').filter((g) => g.attributes.class === 'cell');
const itemOrder = (svg: XmlNode) => findAll(svg, 'text').filter((t) => t.attributes.class === 'item').map(textContent);

describe('loadingsHeatmapSvg', () => {
  const rows = loadCsv('peer-workers.csv');
  const esse = Array.from({ length: 11 }, (_, i) => `esse${i + 1}`);
  const fit = efa(rows, { columns: esse, factors: 2, rotation: 'oblimin', missing: 'listwise' });

  it('draws one cell per loading, with its value, and the names of items and factors', () => {
    const svg = parseXml(loadingsHeatmapSvg(fit));
    expect(cells(svg)).toHaveLength(22);
    expect(itemOrder(svg)).toEqual(esse);
    expect(findAll(svg, 'text').filter((t) => t.attributes.class === 'factor').map(textContent)).toEqual(['F1', 'F2']);
    const first = cells(svg)[0]!;
    expect(Number(first.attributes['data-value'])).toBe(fit.loadings[0]![0]);
    expect(textContent(findAll(first, 'text')[0]!)).toBe(fit.loadings[0]![0]!.toFixed(2).replace(/^(-?)0\./, '$1.'));
  });

  it('sorts items as psych::fa.sort: by main factor, then by the size of that loading', () => {
    const svg = parseXml(loadingsHeatmapSvg({ loadings: [[0.2, 0.7], [0.8, 0.1], [-0.9, 0.2], [0.1, 0.75]], columns: ['a', 'b', 'c', 'd'] }, { sort: true }));
    expect(itemOrder(svg)).toEqual(['c', 'b', 'd', 'a']);
  });

  it('colours on a diverging scale whose strength follows |loading|, text in currentColor, and keeps width', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((p) => fc.integer({ min: 1, max: 4 }).chain((k) => fc.array(fc.array(fc.double({ min: -1.2, max: 1.2, noNaN: true }), { minLength: k, maxLength: k }), { minLength: p, maxLength: p }))),
        fc.integer({ min: 100, max: 1200 }),
        nastyText({ minLength: 1 }),
        (loadings, width, name) => {
          const svg = parseXml(loadingsHeatmapSvg({ loadings, columns: loadings.map((_, i) => `${name}${i}`) }, { width, sort: true }));
          expect(svg.attributes.width).toBe(String(width));
          const all = cells(svg);
          expect(all).toHaveLength(loadings.length * loadings[0]!.length);
          for (const c of all) {
            const v = Number(c.attributes['data-value']);
            const rect = findAll(c, 'rect')[0]!;
            expect(rect.attributes.fill).toBe(v < 0 ? '#d94a4a' : '#3182bd');
            expect(Number(rect.attributes['fill-opacity'])).toBeCloseTo(0.8 * Math.min(1, Math.abs(v)), 3);
          }
          for (const t of findAll(svg, 'text')) expect(t.attributes.fill).toBe('currentColor');
          expect(textContent(findAll(svg, 'title')[0]!)).toBe('Factor loadings');
          expect(itemOrder(svg).every((n) => n.endsWith('…') || xmlVisible(n).length > 0)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reads a rotate result (names V1…, F1…)', () => {
    const r = rotate([[0.7, 0.3], [0.6, 0.4], [0.3, 0.7], [0.2, 0.6]], { rotation: 'varimax' });
    const svg = parseXml(loadingsHeatmapSvg(r));
    expect(itemOrder(svg)).toEqual(['V1', 'V2', 'V3', 'V4']);
  });

  it('rejects bad input and options with stable codes', () => {
    expect(errorCode(() => loadingsHeatmapSvg({ loadings: [] }))).toBe('INVALID_INPUT');
    expect(errorCode(() => loadingsHeatmapSvg({ loadings: [[0.5, 0.2], [0.1]] }))).toBe('LENGTH_MISMATCH');
    expect(errorCode(() => loadingsHeatmapSvg({ loadings: [[0.5, Number.NaN]] }))).toBe('NON_FINITE');
    expect(errorCode(() => loadingsHeatmapSvg({ loadings: [[0.5]], columns: ['a', 'b'] }))).toBe('LENGTH_MISMATCH');
    expect(errorCode(() => loadingsHeatmapSvg({ kind: 'cfa', loadings: [[1]] } as never))).toBe('INVALID_INPUT');
    expect(errorCode(() => loadingsHeatmapSvg(fit, { width: 5 }))).toBe('INVALID_OPTION');
    expect(errorCode(() => loadingsHeatmapSvg(fit, { sorted: true } as never))).toBe('INVALID_OPTION');
  });
});
