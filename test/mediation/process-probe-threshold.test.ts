// `probeThreshold` (PROCESS 4's intprobe): a moderated effect is probed only when its highest-order
// interaction's p is at most the threshold; everything else is unchanged.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatProcess, processModel, toApaTable, tidy } from '../../src/index.js';
import { loadCsv } from '../helpers/fixtures.js';
import { errorCode } from '../helpers/errors.js';

const rows = loadCsv('process-spss/Data_Model2.csv').map((r) => ({ x: Number(r.x), m: Number(r.m), w: Number(r.w), y: Number(r.y) }));

/** p of the test whose term is `term` in `equation`. */
const pOf = (r: { interactionTests: readonly { equation: string; term: string; p: number }[] }, equation: string, term: string) =>
  r.interactionTests.find((t) => t.equation === equation && t.term === term)!.p;

describe('probeThreshold', () => {
  const always = processModel(rows, { model: 1, x: 'x', w: 'w', y: 'y' });
  const p = pOf(always, 'y', 'x:w');

  it('defaults to 1 (always probe, PROCESS 2) and is echoed in settings', () => {
    expect(always.settings.probeThreshold).toBe(1);
    expect(always.conditionalEffects.length).toBe(3);
  });

  it('model 1: probes exactly when the X × W test has p ≤ threshold', () => {
    const above = processModel(rows, { model: 1, x: 'x', w: 'w', y: 'y', probeThreshold: Math.min(1, p * 1.01 + 1e-12) });
    expect(above.conditionalEffects).toEqual(always.conditionalEffects);
    const below = processModel(rows, { model: 1, x: 'x', w: 'w', y: 'y', probeThreshold: p * 0.99 });
    expect(below.settings.probeThreshold).toBe(p * 0.99);
    expect(below.conditionalEffects).toEqual([]);
    // Everything else is as before: the equations, the test itself, the plot table.
    expect(below.equations).toEqual(always.equations);
    expect(below.interactionTests).toEqual(always.interactionTests);
    expect(below.predictedValues).toEqual(always.predictedValues);
    const text = formatProcess(below);
    expect(text).not.toContain('Conditional effects of the focal predictor');
    expect(text).toContain('Data for visualizing the conditional effect of the focal predictor');
    expect(formatProcess(always)).toContain('Conditional effects of the focal predictor');
    expect(toApaTable(below).rows.length).toBeLessThan(toApaTable(always).rows.length);
    expect(tidy(below).some((row) => row['effect'] === 'conditionalEffects')).toBe(false);
  });

  it('model 2: the smaller p of the two additive interactions decides (as PROCESS)', () => {
    const r = processModel(rows, { model: 2, x: 'x', w: 'w', z: 'm', y: 'y' });
    const ps = [pOf(r, 'y', 'x:w'), pOf(r, 'y', 'x:m')];
    const smaller = Math.min(...ps);
    const larger = Math.max(...ps);
    expect(processModel(rows, { model: 2, x: 'x', w: 'w', z: 'm', y: 'y', probeThreshold: (smaller + larger) / 2 }).conditionalEffects).toEqual(r.conditionalEffects);
    expect(processModel(rows, { model: 2, x: 'x', w: 'w', z: 'm', y: 'y', probeThreshold: smaller / 2 }).conditionalEffects).toEqual([]);
  });

  it('model 3: the X × W × Z test decides both the conditional effects and the conditional interactions', () => {
    const r = processModel(rows, { model: 3, x: 'x', w: 'w', z: 'm', y: 'y' });
    const p3 = pOf(r, 'y', 'x:w:m');
    const off = processModel(rows, { model: 3, x: 'x', w: 'w', z: 'm', y: 'y', probeThreshold: p3 / 2 });
    expect(off.conditionalEffects).toEqual([]);
    expect(off.conditionalInteractions).toEqual([]);
    const on = processModel(rows, { model: 3, x: 'x', w: 'w', z: 'm', y: 'y', probeThreshold: Math.min(1, p3 * 1.5) });
    expect(on.conditionalInteractions).toEqual(r.conditionalInteractions);
  });

  it('mediated models: each equation’s moderated paths by that equation’s test; indirect effects untouched', () => {
    const base = { model: 8, x: 'x', m: 'm', w: 'w', y: 'y', resamples: 200, allowFewResamples: true, seed: 1 } as const;
    const r = processModel(rows, base);
    const pm = pOf(r, 'm', 'x:w');
    const py = pOf(r, 'y', 'x:w');
    const threshold = (pm + py) / 2;
    const t = processModel(rows, { ...base, probeThreshold: threshold });
    const kept = (eq: string) => (eq === 'm' ? pm : py) <= threshold;
    expect(t.conditionalPathEffects).toEqual(r.conditionalPathEffects!.filter((e) => kept(e.equation)));
    expect(t.conditionalPathEffects!.length).toBeGreaterThan(0);
    expect(t.conditionalPathEffects!.length).toBeLessThan(r.conditionalPathEffects!.length);
    expect(t.conditionalIndirectEffects).toEqual(r.conditionalIndirectEffects);
    expect(t.conditionalDirectEffects).toEqual(r.conditionalDirectEffects);
    expect(t.pathPredictions).toEqual(r.pathPredictions);
  });

  it('property: model 1 reports its conditional effects iff p ≤ threshold', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (threshold) => {
        const r = processModel(rows, { model: 1, x: 'x', w: 'w', y: 'y', probeThreshold: threshold });
        expect(r.conditionalEffects.length > 0).toBe(threshold === 1 || p <= threshold);
      }),
      { numRuns: 30 },
    );
  });

  it('is refused where nothing is probed, and outside [0, 1]', () => {
    expect(errorCode(() => processModel(rows, { model: 4, x: 'x', m: 'm', y: 'y', probeThreshold: 0.1 } as never))).toBe('INVALID_OPTION');
    expect(errorCode(() => processModel(rows, { model: 4, x: 'x', m: 'm', y: 'y', xmInteraction: true, probeThreshold: 0.1 } as never))).toBe('INVALID_OPTION');
    for (const bad of [-0.1, 1.5, Number.NaN, '0.1']) {
      expect(errorCode(() => processModel(rows, { model: 1, x: 'x', w: 'w', y: 'y', probeThreshold: bad } as never))).toBe('INVALID_OPTION');
    }
  });
});
