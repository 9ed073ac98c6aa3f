import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { johnsonNeymanSvg, processModel } from '../../src/index.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv } from '../helpers/fixtures.js';
import { findAll, nastyText, parseXml, textContent, xmlVisible } from '../helpers/xml.js';

const data = loadCsv('process-spss/Data_Model22.csv').map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])));

describe('johnsonNeymanSvg', () => {
  const fit = processModel(data, { model: 58, x: 'x', m: ['m1'], w: 'w', y: 'y', jn: true, resamples: 0 });
  const region = fit.johnsonNeymanPaths![0]!.region;
  it('draws the effect, its confidence band, the zero line and a labelled line at each transition point', () => {
    expect(region.points.length).toBe(2);
    const svg = parseXml(johnsonNeymanSvg(region, { xLabel: 'w', yLabel: 'Effect of x on m1' }));
    const marks = findAll(svg, 'g').filter((g) => g.attributes.class === 'transition');
    expect(marks.map((g) => g.attributes['data-w'])).toEqual(region.points.map((p) => p.w.toFixed(2)));
    const effect = findAll(svg, 'polyline').find((p) => p.attributes.class === 'effect')!;
    expect(effect.attributes.points!.split(' ')).toHaveLength(region.table.length);
    const band = findAll(svg, 'polygon').find((p) => p.attributes.class === 'band')!;
    expect(band.attributes.points!.split(' ')).toHaveLength(2 * region.table.length);
    // Each transition line crosses the plot where the band's edge meets zero: the line's x is the point's.
    const x1 = (g: (typeof marks)[number]) => Number(findAll(g, 'line')[0]!.attributes.x1);
    expect(x1(marks[0]!)).toBeLessThan(x1(marks[1]!));
    expect(textContent(findAll(svg, 'desc')[0]!)).toContain(`significance changes at w = ${region.points[0]!.w.toFixed(2)} and ${region.points[1]!.w.toFixed(2)}`);
  });
  it('says when there is no transition point; refuses what is not a region', () => {
    const none = { ...region, points: [] };
    expect(textContent(findAll(parseXml(johnsonNeymanSvg(none)), 'desc')[0]!)).toContain('no transition point');
    expect(errorOf(() => johnsonNeymanSvg(fit)).code).toBe('INVALID_INPUT');
    expect(errorOf(() => johnsonNeymanSvg({ ...region, table: [region.table[0]] })).code).toBe('INVALID_INPUT');
    expect(errorOf(() => johnsonNeymanSvg({ ...region, table: region.table.map((r, i) => (i === 3 ? { ...r, lower: Number.NaN } : r)) })).details).toMatchObject({ row: 3 });
    expect(errorOf(() => johnsonNeymanSvg(region, { colour: 'red' } as never)).code).toBe('INVALID_OPTION');
  });
  it('is well-formed XML with every coordinate finite and every text escaped, whatever the labels and values', () => {
    fc.assert(
      fc.property(
        nastyText(),
        fc.array(fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e3, noNaN: true })), { minLength: 2, maxLength: 30 }),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 2 }),
        (label, rows, points) => {
          const table = rows.map(([estimate, half], i) => ({ w: i, estimate, lower: estimate - half, upper: estimate + half }));
          const svg = parseXml(johnsonNeymanSvg({ table, points: points.map((w) => ({ w })) }, { xLabel: label }));
          expect(findAll(svg, 'text').map(textContent)).toContain(xmlVisible(label));
          for (const shape of [...findAll(svg, 'polyline'), ...findAll(svg, 'polygon')]) {
            for (const pair of (shape.attributes.points ?? '').split(' ')) expect(pair.split(',').every((v) => Number.isFinite(Number(v)))).toBe(true);
          }
          expect(findAll(svg, 'g').filter((g) => g.attributes.class === 'transition')).toHaveLength(points.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
