// R's summary.lm warns "essentially perfect fit: summary may be unreliable" when the residual
// variance is below 1e-30 of mean(ŷ)² + var(ŷ); psychkit's PERFECT_FIT warning uses the same test.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hierarchicalRegression, ols, pathModel, processModel } from '../../src/index.js';

const n = 40;
const x = Array.from({ length: n }, (_, i) => Math.sin(i + 1));
const m = Array.from({ length: n }, (_, i) => Math.cos(2 * i + 1));
const exact = { x, m, y: x.map((v, i) => 2 * v + 3 * m[i]!) };
const codes = (r: { warnings: readonly { code: string }[] }) => r.warnings.map((w) => w.code);

describe('PERFECT_FIT', () => {
  it('y = 2x + 3m: ols warns (the intercept’s p-value is rounding noise), as R does', () => {
    const fit = ols(exact, { y: 'y', x: ['x', 'm'] });
    expect(codes(fit)).toContain('PERFECT_FIT');
    expect(fit.warnings.find((w) => w.code === 'PERFECT_FIT')?.message).toMatch(/essentially perfect fit/);
    expect(fit.coefficients[1]!.estimate).toBeCloseTo(2, 10);
  });
  it('hierarchicalRegression, pathModel and processModel warn too, naming the equation', () => {
    expect(codes(hierarchicalRegression(exact, { y: 'y', steps: [['x'], ['m']] }))).toContain('PERFECT_FIT');
    const path = pathModel(exact, { equations: [{ outcome: 'y', predictors: ['x', 'm'] }], resamples: 0 });
    expect(path.warnings.find((w) => w.code === 'PERFECT_FIT')?.details).toMatchObject({ column: 'y' });
    const proc = processModel(exact, { model: 4, x: 'x', m: 'm', y: 'y', resamples: 0 });
    expect(codes(proc)).toEqual(['PERFECT_FIT']);
  });
  it('ordinary data never trigger it (property: noise of any scale from 1e-6 to 1e6)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: -6, max: 6, noNaN: true }), (seed, logScale) => {
        let s = seed;
        const u = () => ((s = (s * 16807) % 2147483647) / 2147483647) - 0.5;
        const scale = 10 ** logScale;
        const y = x.map((v, i) => scale * (2 * v + 3 * m[i]! + u()));
        expect(codes(ols({ x, m, y }, { y: 'y', x: ['x', 'm'] }))).not.toContain('PERFECT_FIT');
      }),
      { numRuns: 100 },
    );
  });
  it('a fit that is perfect to rounding at any scale still warns (scale-free test)', () => {
    for (const scale of [1e-100, 1e-8, 1, 1e8, 1e100]) {
      const y = exact.y.map((v) => v * scale);
      expect(codes(ols({ x, m, y }, { y: 'y', x: ['x', 'm'] })), `scale ${scale}`).toContain('PERFECT_FIT');
    }
  });
});
