import { describe, expect, it } from 'vitest';
import { efa, rotate } from '../../src/factor/index.js';
import type { EfaResult, RotationOptions } from '../../src/factor/index.js';
import { minimizeBounded } from '../../src/factor/extraction/optimize.js';
import { expectAllClose, expectClose, expectRelClose } from '../helpers/close.js';
import { loadJson } from '../helpers/fixtures.js';
import { harmanInput, holzingerItems, holzingerRows } from './helpers.js';

// Reference values made by test/fixtures/factor-defects.R (R 4.2.2, psych 2.2.9, GPArotation 2022.10-2).
const ref = loadJson('factor-defects.json');

describe('gradient projection stops where GPArotation does (GPFoblq/GPForth, eps = 1e-8)', () => {
  const cases: [string, RotationOptions][] = [
    ['quartimin', { rotation: 'quartimin', tolerance: 1e-8 }],
    ['oblimin_01', { rotation: 'oblimin', gamma: 0.1, tolerance: 1e-8 }],
    ['oblimin_05', { rotation: 'oblimin', gamma: 0.5, tolerance: 1e-8 }],
    ['oblimin_01_normalized', { rotation: 'oblimin', gamma: 0.1, normalize: true, tolerance: 1e-8 }],
    ['geominQ', { rotation: 'geomin', tolerance: 1e-8 }],
    ['quartimax', { rotation: 'quartimax', tolerance: 1e-8 }],
    ['varimax_normalized', { rotation: 'varimax', varimaxAlgorithm: 'gpa', normalize: true, tolerance: 1e-8 }],
    ['oblimin_01_default', { rotation: 'oblimin', gamma: 0.1 }],
    ['quartimax_default', { rotation: 'quartimax' }],
  ];
  for (const set of ['holzinger', 'harman74'] as const) {
    const g = ref.gparotation[set];
    for (const [name, options] of cases) {
      it(`${set}: ${name}`, () => {
        const r = rotate(g.unrotated, options);
        const gp = g[name];
        // Converges — also where GPArotation's double-precision criterion stalls at s ≈ 5e-8 for
        // 1,000 iterations (its loadings there are within ~1e-7 of the optimum).
        expect(r.converged).toBe(true);
        expect(r.warnings).toEqual([]);
        if (gp.converged) {
          // Same steps: at eps = 1e-5 the same iteration; at 1e-8 the last step tests compare
          // changes in Q near double rounding, which GPArotation resolves less finely.
          if (options.tolerance === undefined) expect(r.iterations).toBe(gp.iterations);
          else expect(Math.abs(r.iterations - gp.iterations)).toBeLessThanOrEqual(2);
        } else {
          expect(gp.iterations).toBe(1000);
          expect(r.iterations).toBeLessThan(1000);
        }
        (gp.loadings as number[][]).forEach((row, i) => expectAllClose(r.loadings[i]!, row, 1e-6, `loadings[${i}]`));
        if (gp.phi) (gp.phi as number[][]).forEach((row, i) => expectAllClose(r.phi[i]!, row, 1e-6, `phi[${i}]`));
        (gp.rotationMatrix as number[][]).forEach((row, i) => expectAllClose(r.rotationMatrix[i]!, row, 1e-6, `rotationMatrix[${i}]`));
        expectClose(r.criterion!, gp.criterion, 1e-12, 'criterion');
      });
    }
  }

  it('the reported case: oblimin γ = 0.1 at tolerance 1e-8 converges, as GPArotation, in 42 iterations', () => {
    const g = ref.gparotation.holzinger;
    const r = rotate(g.unrotated, { rotation: 'oblimin', gamma: 0.1, tolerance: 1e-8 });
    expect(g.oblimin_01.iterations).toBe(42);
    expect(r.iterations).toBe(42);
    expect(r.warnings.map((w) => w.code)).not.toContain('ROTATION_NOT_CONVERGED');
  });

  it('a genuine cap still warns', () => {
    const r = rotate(ref.gparotation.harman74.unrotated, { rotation: 'oblimin', tolerance: 1e-8, maxIterations: 20 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(20);
    expect(r.warnings.map((w) => w.code)).toEqual(['ROTATION_NOT_CONVERGED']);
  });
});

describe('double-double kernel', () => {
  it('productError returns the exact rounding error of a product', async () => {
    const { productError, Twofold } = await import('../../src/factor/internal/twofold.js');
    const a = 1 + 2 ** -30;
    const p = a * a; // 1 + 2⁻²⁹ + 2⁻⁶⁰ rounds to 1 + 2⁻²⁹
    expect(p).toBe(1 + 2 ** -29);
    expect(productError(a, a, p)).toBe(2 ** -60);
    const t = new Twofold().add(1).add(2 ** -70).add(-1);
    expect(t.hi).toBe(2 ** -70);
  });
});

describe('ml/minres at a Heywood case: converged by R\'s rule (optim L-BFGS-B, factr = 1e7)', () => {
  // psychkit's optimiser used to flag these as not converged: the objective had settled to
  // ~1e-15 but the projected gradient, divided by ψ² for ml, stayed near 1.5e-7 (> 1e-7).
  const cases: [string, () => EfaResult][] = [
    ['harman74_ml_7', () => efa({ ...harmanInput, n: 145 }, { factors: 7, extraction: 'ml', rotation: 'none' })],
    ['harman74_ml_10', () => efa({ ...harmanInput, n: 145 }, { factors: 10, extraction: 'ml', rotation: 'none' })],
    ['holzinger_minres_4', () => efa(holzingerRows, { items: holzingerItems, factors: 4, rotation: 'none' })],
  ];
  for (const [name, run] of cases) {
    it(name, () => {
      const f = run();
      const psych = ref.heywood[name];
      expect(f.converged).toBe(true);
      expect(f.warnings.map((w) => w.code)).not.toContain('EXTRACTION_NOT_CONVERGED');
      expect(f.heywood.length).toBeGreaterThan(0);
      // psych's optimiser stops at factr = 1e7 (~1e-9 in the objective); psychkit goes further.
      // For minres at a bound psych's gradient is not that of its objective and the two stop at
      // points ~1e-4 apart, which moves the ML objective of a near-singular model by ~1e-4.
      expectRelClose(f.objective, psych.objective, name.includes('minres') ? 1e-3 : 1e-7, 'objective');
      expectAllClose(f.communalities, psych.communality, 1e-4, 'communalities');
      (psych.loadings as number[][]).forEach((row, i) => expectAllClose(f.loadings[i]!, row, 1e-4, `loadings[${i}]`));
    });
  }

  it('an optimiser stopped while f still falls is not converged', () => {
    // Rosenbrock in a box, two iterations: far from the minimum, and R would not have stopped.
    const fg = (x: Float64Array, g: Float64Array) => {
      const [a, b] = [x[0]!, x[1]!];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    expect(minimizeBounded(fg, [-1.2, 1], { lower: -2, upper: 2, maxIterations: 2 }).converged).toBe(false);
    const full = minimizeBounded(fg, [-1.2, 1], { lower: -2, upper: 2 });
    expect(full.converged).toBe(true);
    expectAllClose(full.x, [1, 1], 1e-6, 'minimum');
  });
});
