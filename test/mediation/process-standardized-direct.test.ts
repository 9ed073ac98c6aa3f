// PROCESS 4's standardized direct and total effects (effsize): c′_ps = c′/SD_Y, c′_cs = c′·SD_X/SD_Y,
// and the same for c, with SDs (n − 1) of the analysis sample.
import { describe, expect, it } from 'vitest';
import { formatProcess, processModel } from '../../src/index.js';
import { peer } from '../helpers/peer.js';

function sd(values: readonly number[]): number {
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1));
}

/** The analysis sample: rows complete on every variable of the model. */
function complete(columns: readonly string[]): Record<string, number[]> {
  const n = (peer[columns[0]!] as unknown[]).length;
  const keep = Array.from({ length: n }, (_, i) => i).filter((i) => columns.every((c) => typeof (peer[c] as unknown[])[i] === 'number'));
  return Object.fromEntries(columns.map((c) => [c, keep.map((i) => (peer[c] as number[])[i]!)]));
}

describe('standardized direct and total effects (models 4 and 6)', () => {
  for (const [model, m] of [
    [4, ['ss', 'si']],
    [6, ['ss', 'si']],
  ] as const) {
    it(`model ${model}`, () => {
      const r = processModel(peer, { model, x: 'esse', m: [...m], y: 'pwb', standardize: true, resamples: 0 });
      const data = complete(['esse', ...m, 'pwb']);
      const sx = sd(data['esse']!);
      const sy = sd(data['pwb']!);
      const s = r.standardized!;
      const c1 = r.directEffect.estimate;
      expect(s.directEffect.partially).toBeCloseTo(c1 / sy, 12);
      expect(s.directEffect.completely).toBeCloseTo((c1 * sx) / sy, 12);
      // The total effect comes from its own model; c = c′ + Σ ab on one sample, so the standardized
      // total effect is the standardized direct plus indirect effects.
      const c = r.totalEffect!.estimate;
      expect(s.totalEffect.partially).toBeCloseTo(c / sy, 10);
      expect(s.totalEffect.completely).toBeCloseTo((c * sx) / sy, 10);
      const sumCompletely = s.completely.filter((e) => e.label !== 'TOTAL').reduce((a, e) => a + e.estimate, 0);
      expect(s.totalEffect.completely).toBeCloseTo(s.directEffect.completely + sumCompletely, 10);
      const text = formatProcess(r);
      expect(text).toContain("c'_ps");
      expect(text).toContain('c_cs');
    });
  }
  it('absent without standardize', () => {
    const r = processModel(peer, { model: 4, x: 'esse', m: 'ss', y: 'pwb', resamples: 0 });
    expect(r.standardized).toBeNull();
    expect(formatProcess(r)).not.toContain("c'_ps");
  });
});
