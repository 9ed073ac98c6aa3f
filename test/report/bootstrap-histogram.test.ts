import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bootstrap, bootstrapHistogramSvg, cronbachAlpha, processModel } from '../../src/index.js';
import { peer } from '../helpers/peer.js';
import { loadCsv } from '../helpers/fixtures.js';
import { findAll, parseXml, textContent, type XmlNode } from '../helpers/xml.js';
import { errorCode } from '../helpers/errors.js';


function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

const bars = (svg: XmlNode) => findAll(svg, 'rect').filter((r) => r.attributes['data-count'] !== undefined);
const line = (svg: XmlNode, cls: string) => findAll(svg, 'line').find((l) => l.attributes.class === cls);

describe('bootstrapHistogramSvg', () => {
  const draws = Array.from({ length: 400 }, (_, i) => Math.sin(i * 12.9898) * 0.1 + 0.3);
  const input = { draws, estimate: 0.31, lower: 0.21, upper: 0.39, confidence: 0.95 };

  it('counts every draw once, in equal-width bins from the smallest to the largest draw', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 2, maxLength: 300 }), fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }), (values, bins) => {
        const svg = parseXml(bootstrapHistogramSvg({ draws: values, estimate: values[0]!, lower: null, upper: null }, bins === undefined ? {} : { bins }));
        const rects = bars(svg);
        if (bins !== undefined) expect(rects).toHaveLength(bins);
        expect(rects.reduce((s, r) => s + Number(r.attributes['data-count']), 0)).toBe(values.length);
        for (const r of rects) expect(Number.isFinite(Number(r.attributes.x)) && Number(r.attributes.height) >= 0).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('marks the estimate (solid) and the interval (dashed) on the x scale, with a legend', () => {
    const svg = parseXml(bootstrapHistogramSvg(input, { width: 600, label: 'Indirect effect' }));
    expect(svg.attributes.width).toBe('600');
    const est = line(svg, 'estimate')!;
    const lower = line(svg, 'interval lower')!;
    const upper = line(svg, 'interval upper')!;
    expect(Number(lower.attributes.x1)).toBeLessThan(Number(est.attributes.x1));
    expect(Number(est.attributes.x1)).toBeLessThan(Number(upper.attributes.x1));
    expect(est.attributes['stroke-dasharray']).toBeUndefined();
    expect(lower.attributes['stroke-dasharray']).toBeDefined();
    const texts = findAll(svg, 'text').map(textContent);
    expect(texts).toEqual(expect.arrayContaining(['Estimate 0.310', '95% CI [0.210, 0.390]', 'Indirect effect', 'Resamples']));
    expect(textContent(findAll(svg, 'title')[0]!)).toBe('Bootstrap distribution of Indirect effect');
    // Freedman–Diaconis by default, named in the description.
    expect(textContent(findAll(svg, 'desc')[0]!)).toMatch(/^Histogram of 400 bootstrap draws of Indirect effect in \d+ bins \(Freedman–Diaconis\)/);
  });

  it('reads a bootstrap result kept with keepResamples, statistic by index', () => {
    const rows = loadCsv('peer-workers.csv').slice(0, 80);
    const mean = (c: Float64Array, n: number) => c.reduce((s, v) => s + v, 0) / n;
    const r = bootstrap(rows, { columns: ['esse1', 'esse2'], statistic: ([a, b], n) => [mean(a!, n), mean(b!, n)], keepResamples: true, resamples: 200, allowFewResamples: true, seed: 3 });
    const svg = parseXml(bootstrapHistogramSvg(r, { statistic: 1 }));
    expect(bars(svg).reduce((s, b) => s + Number(b.attributes['data-count']), 0)).toBe(200);
    expect(Number(line(svg, 'estimate')!.attributes['data-value'])).toBe(r.statistics[1]!.estimate);
    expect(errorCode(() => bootstrapHistogramSvg(r, { statistic: 2 }))).toBe('INVALID_OPTION');
    const kept = bootstrap(rows, { columns: ['esse1'], statistic: ([a], n) => mean(a!, n), resamples: 200, allowFewResamples: true, seed: 3 });
    expect(errorCode(() => bootstrapHistogramSvg(kept))).toBe('INVALID_INPUT');
    expect(messageOf(() => bootstrapHistogramSvg(kept))).toContain('keepResamples: true');
  });

  it('reads the draws of a processModel effect (default: the first indirect effect; `effect` by label)', () => {
    const fit = processModel(peer, { model: 4, x: 'esse', m: ['ss', 'rec'], y: 'pwb', resamples: 200, allowFewResamples: true, seed: 1 });
    // Without keepResamples the effects carry no draws.
    expect(errorCode(() => bootstrapHistogramSvg(fit))).toBe('INVALID_INPUT');
    expect(messageOf(() => bootstrapHistogramSvg(fit))).toContain('keepResamples: true');
    // As processModel gives them with keepResamples: true (a draws Float64Array on each bootstrapped effect).
    const withDraws = {
      ...fit,
      indirectEffects: fit.indirectEffects.map((e, i) => ({ ...e, draws: Float64Array.from({ length: 200 }, (_, r) => e.estimate + 0.01 * Math.sin(r + i)) })),
    };
    const first = parseXml(bootstrapHistogramSvg(withDraws));
    expect(Number(line(first, 'estimate')!.attributes['data-value'])).toBe(fit.indirectEffects[0]!.estimate);
    expect(findAll(first, 'text').map(textContent)).toContain('Indirect effect (ss)');
    const second = parseXml(bootstrapHistogramSvg(withDraws, { effect: 'rec' }));
    expect(Number(line(second, 'estimate')!.attributes['data-value'])).toBe(fit.indirectEffects[1]!.estimate);
    expect(errorCode(() => bootstrapHistogramSvg(withDraws, { effect: 'nope' }))).toBe('INVALID_OPTION');
    expect(errorCode(() => bootstrapHistogramSvg(withDraws, { statistic: 0 }))).toBe('INVALID_OPTION');
  });

  it('draws what processModel keeps with keepResamples: true (model 6, serial indirect effects)', () => {
    const fit = processModel(peer, { model: 6, x: 'esse', m: ['ss', 'rec'], y: 'pwb', resamples: 300, allowFewResamples: true, seed: 5, keepResamples: true });
    const svg = parseXml(bootstrapHistogramSvg(fit, { effect: 'esse -> ss -> rec -> pwb' }));
    expect(bars(svg).reduce((s, b) => s + Number(b.attributes['data-count']), 0)).toBe(300);
    expect(Number(line(svg, 'estimate')!.attributes['data-value'])).toBe(fit.indirectEffects[1]!.estimate);
    expect(Number(line(svg, 'interval lower')!.attributes['data-value'])).toBe(fit.indirectEffects[1]!.lower);
    const total = parseXml(bootstrapHistogramSvg(fit, { effect: 'totalIndirectEffect' }));
    expect(findAll(total, 'text').map(textContent)).toContain('Total indirect effect');
  });

  it('reads a cronbachAlpha bootstrap with its draws, and says how to get them', () => {
    const rows = loadCsv('peer-workers.csv').slice(0, 100);
    const columns = ['esse1', 'esse2', 'esse3', 'esse4'];
    const alpha = cronbachAlpha(rows, { columns, interval: 'bootstrap', resamples: 200, seed: 2 });
    const draws = (alpha.bootstrap as { draws?: Float64Array } | null)?.draws;
    // With draws (as cronbachAlpha keeps them, or here made by hand where it does not yet).
    const withDraws = draws === undefined ? { ...alpha, bootstrap: { ...alpha.bootstrap!, draws: Float64Array.from({ length: 200 }, (_, r) => alpha.alpha + 0.02 * Math.cos(r)) } } : alpha;
    const svg = parseXml(bootstrapHistogramSvg(withDraws));
    expect(findAll(svg, 'text').map(textContent)).toContain('Cronbach’s α');
    expect(Number(line(svg, 'estimate')!.attributes['data-value'])).toBe(alpha.alpha);
    const noDraws = { ...alpha, bootstrap: { ...alpha.bootstrap!, draws: undefined } };
    expect(messageOf(() => bootstrapHistogramSvg(noDraws as never))).toContain('keepResamples: true');
    expect(errorCode(() => bootstrapHistogramSvg(cronbachAlpha(rows, { columns })))).toBe('INVALID_INPUT');
  });

  it('rejects bad input and options with stable codes', () => {
    expect(errorCode(() => bootstrapHistogramSvg({ draws: [1], estimate: 1, lower: null, upper: null }))).toBe('TOO_FEW_CASES');
    expect(errorCode(() => bootstrapHistogramSvg({ draws: [1, Number.NaN], estimate: 1, lower: null, upper: null }))).toBe('NON_FINITE');
    expect(errorCode(() => bootstrapHistogramSvg({ draws: [1, 2], estimate: 1, lower: 2, upper: 1 }))).toBe('INVALID_INPUT');
    expect(errorCode(() => bootstrapHistogramSvg({ draws: [1, 2], estimate: Number.NaN, lower: null, upper: null }))).toBe('INVALID_INPUT');
    expect(errorCode(() => bootstrapHistogramSvg(null as never))).toBe('INVALID_INPUT');
    expect(errorCode(() => bootstrapHistogramSvg({ kind: 'efa' } as never))).toBe('INVALID_INPUT');
    expect(errorCode(() => bootstrapHistogramSvg(input, { bins: 0 }))).toBe('INVALID_OPTION');
    expect(errorCode(() => bootstrapHistogramSvg(input, { width: 50 }))).toBe('INVALID_OPTION');
    expect(errorCode(() => bootstrapHistogramSvg(input, { binz: 3 } as never))).toBe('INVALID_OPTION');
  });
});
