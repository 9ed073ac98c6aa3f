import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPsychkitError, pathDiagramSvg, screePlotSvg } from '../../src/index.js';
import { loadJson } from '../helpers/fixtures.js';
import { findAll, nastyText, parseXml, textContent, xmlVisible as xmlSafe, type XmlNode } from '../helpers/xml.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (isPsychkitError(e)) return e.code;
    throw e;
  }
  return undefined;
}

// Eigenvalues of the ESSE item correlations, from psych::fa in the shared reference.
const esse = loadJson('peer-workers.json').efa.esse_1_pa_none.eigenvalues as number[];

function texts(svg: XmlNode): string[] {
  return findAll(svg, 'text').map(textContent);
}

describe('screePlotSvg', () => {
  const simulated = esse.map((_, i) => 1.35 - 0.06 * i);
  const svg = parseXml(screePlotSvg(esse, { simulated, title: 'ESSE scree' }));

  it('is a standalone, accessible SVG', () => {
    expect(svg.name).toBe('svg');
    expect(svg.attributes).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', role: 'img', width: '480', height: '300', viewBox: '0 0 480 300' });
    const first = svg.children.find((c): c is XmlNode => typeof c !== 'string');
    expect(first?.name).toBe('title');
    expect(textContent(first!)).toBe('ESSE scree');
    const desc = textContent(findAll(svg, 'desc')[0]!);
    expect(desc).toContain('Observed: 5.52, 0.88, 0.67');
    expect(desc).toContain('Parallel analysis: 1.35, 1.29');
  });

  it('draws one point per eigenvalue with its exact value, observed above simulated in order', () => {
    const circles = findAll(svg, 'circle');
    const observed = circles.filter((c) => c.attributes['data-series'] === 'observed');
    const sim = circles.filter((c) => c.attributes['data-series'] === 'simulated');
    expect(observed.map((c) => Number(c.attributes['data-value']))).toEqual(esse);
    expect(sim.map((c) => Number(c.attributes['data-value']))).toEqual(simulated);
    // Larger eigenvalue → smaller y; factor k → larger x.
    const cy = observed.map((c) => Number(c.attributes.cy));
    const cx = observed.map((c) => Number(c.attributes.cx));
    for (let i = 1; i < esse.length; i++) {
      expect(cy[i]).toBeGreaterThanOrEqual(cy[i - 1]!);
      expect(cx[i]).toBeGreaterThan(cx[i - 1]!);
    }
  });

  it('puts the Kaiser line at eigenvalue 1, on the y axis scale', () => {
    const ticks = findAll(findAll(svg, 'g').find((g) => g.attributes.class === 'axes')!, 'text');
    const tickOne = ticks.find((t) => textContent(t) === '1')!;
    const kaiser = findAll(svg, 'line').find((l) => l.attributes.class === 'kaiser')!;
    expect(Number(kaiser.attributes.y1)).toBeCloseTo(Number(tickOne.attributes.y), 1);
    expect(texts(svg)).toEqual(expect.arrayContaining(['0', '1', '2', '3', '4', '5', '6', 'Factor', 'Eigenvalue', 'Eigenvalue = 1']));
  });

  it('stays well-formed, with every label shown verbatim, whatever the labels', () => {
    fc.assert(
      fc.property(nastyText(), nastyText(), fc.array(fc.double({ min: -2, max: 50, noNaN: true }), { minLength: 1, maxLength: 40 }), (title, label, values) => {
        const doc = parseXml(screePlotSvg(values, { title, observedLabel: label, xLabel: label }));
        expect(textContent(findAll(doc, 'title')[0]!)).toBe(xmlSafe(title));
        expect(texts(doc)).toContain(xmlSafe(label));
        expect(findAll(doc, 'circle')).toHaveLength(values.length);
        for (const c of findAll(doc, 'circle')) {
          expect(Number.isFinite(Number(c.attributes.cx)) && Number.isFinite(Number(c.attributes.cy))).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('handles a single eigenvalue and negative ones', () => {
    expect(findAll(parseXml(screePlotSvg([2.5])), 'circle')).toHaveLength(1);
    const neg = parseXml(screePlotSvg([3.1, 0.4, -0.2], { kaiser: false }));
    expect(findAll(neg, 'line').some((l) => l.attributes.class === 'kaiser')).toBe(false);
    expect(texts(neg)).toContain('-0.5');
  });

  it('rejects bad input with stable codes', () => {
    expect(codeOf(() => screePlotSvg([]))).toBe('INVALID_INPUT');
    expect(codeOf(() => screePlotSvg('x' as unknown as number[]))).toBe('INVALID_INPUT');
    expect(codeOf(() => screePlotSvg([1, '2' as unknown as number]))).toBe('INVALID_INPUT');
    expect(codeOf(() => screePlotSvg([1, Number.NaN]))).toBe('NON_FINITE');
    expect(codeOf(() => screePlotSvg([1, 2], { simulated: [1] }))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => screePlotSvg([1], { width: 20 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => screePlotSvg([1], { kaiser: 'yes' as unknown as boolean }))).toBe('INVALID_OPTION');
    expect(codeOf(() => screePlotSvg([1], { title: 5 as unknown as string }))).toBe('INVALID_OPTION');
    expect(codeOf(() => screePlotSvg(undefined as unknown as number[]))).toBe('INVALID_INPUT');
  });
});

describe('pathDiagramSvg', () => {
  const single = {
    x: 'ESSE',
    m: 'Social support',
    y: 'PWB',
    paths: {
      a: { estimate: 0.5234, p: 0.00001 },
      b: { estimate: 0.3149, p: 0.0042 },
      cPrime: { estimate: 0.0401, p: 0.41 },
      c: { estimate: 0.2049, p: 0.0003 },
    },
  };

  it('labels a, b, c′ and c APA-style with stars and a note', () => {
    const svg = parseXml(pathDiagramSvg(single));
    const labels = findAll(svg, 'text').filter((t) => (t.attributes.class ?? '').startsWith('label'));
    expect(labels.map(textContent)).toEqual(['a = 0.52***', 'b = 0.31**', 'c′ = 0.04', 'c = 0.20***']);
    expect(texts(svg)).toEqual(expect.arrayContaining(['ESSE', 'Social support', 'PWB']));
    expect(textContent(findAll(svg, 'text').find((t) => t.attributes.class === 'note')!)).toBe('*p < .05. **p < .01. ***p < .001.');
    expect(textContent(findAll(svg, 'title')[0]!)).toBe('Mediation model');
    expect(textContent(findAll(svg, 'desc')[0]!)).toContain('a = 0.52*** (ESSE to Social support)');
  });

  it('can print p-values instead of stars, or nothing', () => {
    const withP = parseXml(pathDiagramSvg(single, { significance: 'p', decimals: 3 }));
    expect(texts(withP)).toEqual(expect.arrayContaining(['a = 0.523, p < .001', 'b = 0.315, p = .004', 'c′ = 0.040, p = .410']));
    expect(findAll(withP, 'text').some((t) => t.attributes.class === 'note')).toBe(false);
    const bare = parseXml(pathDiagramSvg({ x: 'X', m: 'M', y: 'Y', paths: { a: 1.5, b: -0.25, cPrime: 0 } }, { significance: 'none' }));
    expect(texts(bare)).toEqual(expect.arrayContaining(['a = 1.50', 'b = -0.25', 'c′ = 0.00']));
  });

  it('draws parallel mediators with subscripted paths and one arrow each', () => {
    const svg = parseXml(
      pathDiagramSvg({ x: 'ESSE', m: ['Support', 'Isolation', 'Hope'], y: 'PWB', paths: { a: [0.5, -0.6, 0.2], b: [0.3, -0.2, 0.1], cPrime: 0.1 } }),
    );
    const paths = findAll(svg, 'g').filter((g) => (g.attributes.class ?? '').startsWith('path '));
    expect(paths.map((g) => g.attributes.class)).toEqual(['path a1', 'path b1', 'path a2', 'path b2', 'path a3', 'path b3', 'path c-prime']);
    expect(findAll(svg, 'polygon')).toHaveLength(7);
    expect(findAll(svg, 'tspan').filter((t) => t.attributes['baseline-shift'] === 'sub').map(textContent)).toEqual(['1', '1', '2', '2', '3', '3']);
    expect(texts(svg)).toEqual(expect.arrayContaining(['a2 = -0.60', 'b3 = 0.10']));
    // Mediator boxes share one width and do not overlap.
    const rects = findAll(svg, 'g')
      .filter((g) => g.attributes.class === 'box m')
      .map((g) => findAll(g, 'rect')[0]!.attributes);
    expect(new Set(rects.map((r) => r.width)).size).toBe(1);
    for (let i = 1; i < rects.length; i++) expect(Number(rects[i]!.y)).toBeGreaterThan(Number(rects[i - 1]!.y) + Number(rects[i - 1]!.height));
  });

  // Geometry read back from the SVG: every label's box (its label-box rect, painted with the page's colour, which must hold the text),
  // the variable boxes and the arrow lines. No two labels may overlap, no label may cover a box,
  // and no arrow may run under another path's label.
  type Rect = { x0: number; y0: number; x1: number; y1: number; name: string };
  function geometry(svgText: string) {
    const svg = parseXml(svgText);
    const num = (n: XmlNode, k: string) => Number(n.attributes[k]);
    const rect = (n: XmlNode, name: string): Rect => ({ x0: num(n, 'x'), y0: num(n, 'y'), x1: num(n, 'x') + num(n, 'width'), y1: num(n, 'y') + num(n, 'height'), name });
    const labelRects = findAll(svg, 'rect').filter((r) => r.attributes.class === 'label-box').map((r) => rect(r, r.attributes['data-path']!));
    // The text of each label, as a box estimated from its characters (font-size 12, ~0.6 em each; centred).
    const labelTexts = findAll(svg, 'text')
      .filter((t) => (t.attributes.class ?? '').startsWith('label'))
      .map((t) => {
        const w = [...textContent(t)].length * 12 * 0.6;
        return { x0: num(t, 'x') - w / 2, x1: num(t, 'x') + w / 2, y0: num(t, 'y') - 6, y1: num(t, 'y') + 6, name: t.attributes['data-path']!, anchor: t.attributes['text-anchor'], baseline: t.attributes['dominant-baseline'] };
      });
    const boxes = findAll(svg, 'g')
      .filter((g) => (g.attributes.class ?? '').startsWith('box '))
      .map((g) => rect(findAll(g, 'rect')[0]!, g.attributes.class!));
    const lines = findAll(svg, 'g')
      .filter((g) => (g.attributes.class ?? '').startsWith('path '))
      .map((g) => {
        const l = findAll(g, 'line')[0]!;
        return { x1: num(l, 'x1'), y1: num(l, 'y1'), x2: num(l, 'x2'), y2: num(l, 'y2'), name: g.attributes.class!.slice(5) };
      });
    const [, , vw, vh] = svg.attributes.viewBox!.split(' ').map(Number);
    return { labelRects, labelTexts, boxes, lines, width: vw!, height: vh! };
  }
  const overlap = (a: Rect, b: Rect) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0 && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 0;
  /** Whether the segment passes through the rectangle's interior (Liang–Barsky clipping). */
  function crosses(l: { x1: number; y1: number; x2: number; y2: number }, r: Rect): boolean {
    let t0 = 0;
    let t1 = 1;
    const dx = l.x2 - l.x1;
    const dy = l.y2 - l.y1;
    for (const [p, q] of [
      [-dx, l.x1 - r.x0],
      [dx, r.x1 - l.x1],
      [-dy, l.y1 - r.y0],
      [dy, r.y1 - l.y1],
    ] as const) {
      if (p === 0) {
        if (q <= 0) return false;
      } else {
        const t = q / p;
        if (p < 0) t0 = Math.max(t0, t);
        else t1 = Math.min(t1, t);
      }
    }
    return t1 - t0 > 1e-6;
  }

  const MEDIATORS = ['Social support', 'Social isolation', 'Hope', 'A much longer mediator name'];
  for (let k = 1; k <= 4; k++) {
    for (const significance of ['stars', 'p'] as const) {
      it(`${k} mediator${k === 1 ? '' : 's'} (${significance}): no label overlaps another label, a box, or another path's arrow`, () => {
        const m = MEDIATORS.slice(0, k);
        const v = (estimate: number, p: number) => ({ estimate, p });
        const paths = {
          a: k === 1 ? v(0.54, 0.0001) : m.map((_, i) => v(-0.49 + 0.37 * i, [0.0001, 0.004, 0.03, 0.2][i]!)),
          b: k === 1 ? v(-0.23, 0.001) : m.map((_, i) => v(0.23 - 0.19 * i, [0.2, 0.03, 0.004, 0.0001][i]!)),
          cPrime: v(-0.32, 0.0001),
          c: v(0.57, 0.0001),
        };
        const g = geometry(pathDiagramSvg({ x: 'Self-efficacy', m: k === 1 ? m[0]! : m, y: 'Psychological well-being', paths }, { significance }));
        expect(g.labelRects).toHaveLength(2 * k + 2);
        // Each label's text lies inside its box, centred on it.
        g.labelTexts.forEach((t, i) => {
          const r = g.labelRects[i]!;
          expect([t.name, t.anchor, t.baseline]).toEqual([r.name, 'middle', 'central']);
          expect(t.x0).toBeGreaterThanOrEqual(r.x0 - 1e-9);
          expect(t.x1).toBeLessThanOrEqual(r.x1 + 1e-9);
          expect(t.y0).toBeGreaterThanOrEqual(r.y0);
          expect(t.y1).toBeLessThanOrEqual(r.y1);
        });
        for (let i = 0; i < g.labelRects.length; i++) {
          const a = g.labelRects[i]!;
          for (let j = i + 1; j < g.labelRects.length; j++) expect(overlap(a, g.labelRects[j]!), `${a.name} and ${g.labelRects[j]!.name} labels overlap`).toBe(false);
          for (const b of g.boxes) expect(overlap(a, b), `${a.name} label covers ${b.name}`).toBe(false);
          for (const l of g.lines.filter((x) => x.name !== a.name)) expect(crosses(l, a), `${l.name} arrow runs under the ${a.name} label`).toBe(false);
          expect(a.x0 >= 0 && a.y0 >= 0 && a.x1 <= g.width && a.y1 <= g.height, `${a.name} label inside the figure`).toBe(true);
        }
        // Boxes do not overlap each other, and no arrow crosses a box it does not start or end at.
        for (let i = 0; i < g.boxes.length; i++) for (let j = i + 1; j < g.boxes.length; j++) expect(overlap(g.boxes[i]!, g.boxes[j]!)).toBe(false);
        const inset = (r: Rect): Rect => ({ ...r, x0: r.x0 + 1, y0: r.y0 + 1, x1: r.x1 - 1, y1: r.y1 - 1 });
        for (const l of g.lines) {
          const ends = g.boxes.filter((b) => crosses({ x1: l.x1, y1: l.y1, x2: l.x1, y2: l.y1 + 1e-3 }, inset({ ...b, x0: b.x0 - 3, x1: b.x1 + 3, y0: b.y0 - 3, y1: b.y1 + 3 })));
          for (const b of g.boxes.filter((x) => !ends.includes(x))) expect(crosses(l, inset(b)), `${l.name} arrow crosses ${b.name}`).toBe(false);
        }
      });
    }
  }

  it('puts c′ above the direct arrow and the total effect c under it', () => {
    for (const m of ['M', ['M1', 'M2']]) {
      const two = Array.isArray(m);
      const svg = parseXml(pathDiagramSvg({ x: 'X', m, y: 'Y', paths: { a: two ? [0.1, 0.2] : 0.1, b: two ? [0.3, 0.4] : 0.3, cPrime: 0.5, c: 0.6 } }));
      const line = findAll(findAll(svg, 'g').find((x) => x.attributes.class === 'path c-prime')!, 'line')[0]!;
      const [direct, total] = findAll(svg, 'text').filter((t) => t.attributes['data-path'] === 'c-prime');
      expect(textContent(direct!)).toBe('c′ = 0.50');
      expect(textContent(total!)).toBe('c = 0.60');
      expect(Number(direct!.attributes.y)).toBeLessThan(Number(line.attributes.y1));
      expect(Number(total!.attributes.y)).toBeGreaterThan(Number(line.attributes.y1));
    }
  });

  it('stays well-formed whatever the labels, and shows them verbatim', () => {
    fc.assert(
      fc.property(nastyText({ minLength: 1 }), nastyText({ minLength: 1 }), (x, m) => {
        const doc = parseXml(pathDiagramSvg({ x, m: [m, 'M2'], y: '<Y & "Z">', paths: { a: [0.1, 0.2], b: [0.3, 0.4], cPrime: 0.5 } }));
        expect(texts(doc)).toEqual(expect.arrayContaining([xmlSafe(x), xmlSafe(m), '<Y & "Z">']));
      }),
      { numRuns: 100 },
    );
  });

  it('rejects bad input with stable codes', () => {
    const ok = { x: 'X', m: 'M', y: 'Y', paths: { a: 1, b: 1, cPrime: 1 } };
    expect(codeOf(() => pathDiagramSvg(ok))).toBeUndefined();
    expect(codeOf(() => pathDiagramSvg({ ...ok, x: '' } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => pathDiagramSvg({ ...ok, m: [] } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => pathDiagramSvg({ ...ok, m: ['M1', 'M2'] } as never))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => pathDiagramSvg({ ...ok, paths: { ...ok.paths, a: Number.NaN } } as never))).toBe('NON_FINITE');
    expect(codeOf(() => pathDiagramSvg({ ...ok, paths: { ...ok.paths, b: { estimate: 1, p: 2 } } }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => pathDiagramSvg({ ...ok, paths: { ...ok.paths, cPrime: 'x' as unknown as number } } as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => pathDiagramSvg({ ...ok, paths: undefined as unknown as typeof ok.paths } as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => pathDiagramSvg(ok, { significance: 'both' as 'p' }))).toBe('INVALID_OPTION');
    expect(codeOf(() => pathDiagramSvg(ok, { decimals: 9 }))).toBe('INVALID_OPTION');
  });
});

// Found by the bad-input fuzz suite (test/fuzz): the axis arithmetic overflowed (coordinates
// "NaN") for eigenvalues near 1e308, and a zero span (all values 0) had no tick step.
describe('screePlotSvg: extreme values', () => {
  it('rejects |eigenvalue| > 1e100 with OUT_OF_RANGE and draws an all-zero series without NaN', () => {
    let code = 'none';
    try {
      screePlotSvg([Number.MAX_VALUE, 1]);
    } catch (e) {
      code = isPsychkitError(e) ? e.code : 'other';
    }
    expect(code).toBe('OUT_OF_RANGE');
    expect(screePlotSvg([0, 0, 0], { kaiser: false })).not.toMatch(/NaN|Infinity/);
    expect(screePlotSvg([5e-324, 0], { kaiser: false })).not.toMatch(/NaN|Infinity/);
  });
});
