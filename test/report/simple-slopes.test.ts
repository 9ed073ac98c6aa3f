import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { processModel, simpleSlopesSvg } from '../../src/index.js';
import { peer } from '../helpers/peer.js';
import { errorOf } from '../helpers/errors.js';
import { findAll, nastyText, parseXml, textContent, xmlVisible } from '../helpers/xml.js';

// The data behind the figure (PROCESS's plot table) and the figure itself.
describe('predictedValues (models 1–3)', () => {
  it('is Ŷ at X × W probe values with every covariate at its sample mean', () => {
    const r = processModel(peer, { model: 1, x: 'esse', w: 'ss', y: 'pwb', covariates: ['gender', 'education'] });
    const b = Object.fromEntries(r.equations[0]!.coefficients.map((c) => [c.term, c.estimate]));
    // Means over the listwise sample of the model's variables.
    const rows = peer.esse!.map((_, i) => i).filter((i) => [peer.esse, peer.ss, peer.pwb, peer.gender, peer.education].every((col) => col![i] !== null && Number.isFinite(Number(col![i]))));
    const mean = (col: readonly unknown[]) => rows.reduce((s, i) => s + Number(col[i]), 0) / rows.length;
    const g = mean(peer.gender!);
    const e = mean(peer.education!);
    expect(r.predictedValues).toHaveLength(9);
    for (const p of r.predictedValues) {
      const w = p.at.w;
      const expected = b.constant! + b.esse! * p.x + b.ss! * w + b['esse:ss']! * p.x * w + b.gender! * g + b.education! * e;
      expect(Math.abs(p.predicted - expected)).toBeLessThan(1e-10);
    }
  });
  it('is null for a model with mediators; model 3 has X probes × 9 moderator combinations', () => {
    expect(processModel(peer, { model: 7, x: 'esse', m: 'si', w: 'ss', y: 'pwb', resamples: 0 }).predictedValues).toBeNull();
    expect(processModel(peer, { model: 3, x: 'esse', w: 'ss', z: 'si', y: 'pwb' }).predictedValues).toHaveLength(27);
  });
});

describe('simpleSlopesSvg', () => {
  const fit = processModel(peer, { model: 1, x: 'esse', w: 'ss', y: 'pwb', probes: 'moments' });
  it('draws one labelled line per moderator value through the predicted values', () => {
    const svg = parseXml(simpleSlopesSvg(fit, { title: 'Simple slopes' }));
    const slopes = findAll(svg, 'g').filter((g) => g.attributes.class === 'slope');
    expect(slopes).toHaveLength(3);
    const labels = slopes.map((g) => textContent(findAll(g, 'text')[0]!));
    expect(labels).toEqual(fit.moderators[0]!.probes.values.map((v) => `ss = ${String(Number(v.toFixed(2)))}`));
    expect(textContent(findAll(svg, 'title')[0]!)).toBe('Simple slopes');
    expect(textContent(findAll(svg, 'desc')[0]!)).toContain('pwb predicted from esse');
  });
  it('draws a mediated model’s moderated path from its plot table (pathPredictions)', () => {
    const m7 = processModel(peer, { model: 7, x: 'esse', m: 'si', w: 'ss', y: 'pwb', resamples: 0, probes: 'moments' });
    const svg = parseXml(simpleSlopesSvg(m7, { path: { equation: 'si', focal: 'esse' } }));
    const slopes = findAll(svg, 'g').filter((g) => g.attributes.class === 'slope');
    expect(slopes).toHaveLength(3);
    expect(textContent(findAll(svg, 'desc')[0]!)).toContain('si predicted from esse');
    // The default is the first moderated path; an unknown path names the ones there are.
    expect(simpleSlopesSvg(m7)).toBe(simpleSlopesSvg(m7, { path: { equation: 'si', focal: 'esse' } }));
    expect(errorOf(() => simpleSlopesSvg(m7, { path: { equation: 'pwb', focal: 'si' } })).message).toContain("{ equation: 'si', focal: 'esse' }");
    expect(errorOf(() => simpleSlopesSvg(fit, { path: { equation: 'pwb', focal: 'esse' } })).code).toBe('INVALID_OPTION');
  });
  it('refuses what has no predicted values, naming why', () => {
    const m4 = processModel(peer, { model: 4, x: 'esse', m: 'si', y: 'pwb', resamples: 0 });
    expect(errorOf(() => simpleSlopesSvg(m4)).code).toBe('INVALID_INPUT');
    expect(errorOf(() => simpleSlopesSvg({})).code).toBe('INVALID_INPUT');
    expect(errorOf(() => simpleSlopesSvg(fit, { colour: 'red' } as never)).code).toBe('INVALID_OPTION');
  });
  it('is well-formed XML with every text escaped, whatever the labels and values', () => {
    fc.assert(
      fc.property(
        nastyText(),
        nastyText(),
        fc.array(fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 12 }),
        (xName, wName, points) => {
          const result = {
            kind: 'processModel',
            variables: { x: xName, y: 'Y' },
            moderators: [{ role: 'w', column: wName }],
            predictedValues: points.map(([x, predicted], i) => ({ x, at: { w: i % 3 }, predicted })),
          };
          const svg = parseXml(simpleSlopesSvg(result));
          const slopes = findAll(svg, 'g').filter((g) => g.attributes.class === 'slope');
          expect(slopes.length).toBe(new Set(points.map((_, i) => i % 3)).size);
          for (const g of slopes) expect(textContent(findAll(g, 'text')[0]!).startsWith(`${xmlVisible(wName)} = `)).toBe(true);
          expect(findAll(svg, 'text').map(textContent)).toContain(xmlVisible(xName));
          for (const line of findAll(svg, 'polyline')) {
            for (const pair of (line.attributes.points ?? '').split(' ')) expect(pair.split(',').every((v) => Number.isFinite(Number(v)))).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('simpleSlopesSvg on null', () => {
  it('is INVALID_INPUT, not a TypeError (the fuzz harness found it)', () => {
    expect(errorOf(() => simpleSlopesSvg(null)).code).toBe('INVALID_INPUT');
  });
});
