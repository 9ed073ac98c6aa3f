// spearmanBrown: the prophecy formula, its inverse, and bad input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cronbachAlpha, spearmanBrown } from '../../src/index.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv } from '../helpers/fixtures.js';

describe('spearmanBrown', () => {
  it('gives the textbook values', () => {
    // ρ = .7 doubled: 1.4/1.7; a split-half r of .6 stepped up: 1.2/1.6 = .75.
    expect(spearmanBrown(0.7, { lengthFactor: 2 }).predicted).toBeCloseTo(1.4 / 1.7, 15);
    expect(spearmanBrown(0.6, { lengthFactor: 2 }).predicted).toBeCloseTo(0.75, 15);
    expect(spearmanBrown(0.7, { target: 0.9 }).lengthFactor).toBeCloseTo((0.9 * 0.3) / (0.7 * 0.1), 12);
  });
  it('predicts the standardized alpha of a test made of more of the same items (psych: std.alpha = k r̄ / (1 + (k − 1) r̄))', () => {
    const rows = loadCsv('peer-workers.csv');
    const items = ['esse1', 'esse2', 'esse3', 'esse4', 'esse5', 'esse6'];
    const a = cronbachAlpha(rows, { columns: items, missingCodes: ['NA'] });
    // α_std of k items is the Spearman–Brown prophecy of the average inter-item r for length k.
    expect(spearmanBrown(a.averageR, { lengthFactor: items.length }).predicted).toBeCloseTo(a.standardizedAlpha, 12);
  });
  it('properties: the two directions are inverses; longer tests are more reliable; k = 1 changes nothing', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 0.05, max: 20, noNaN: true }), (rho, k) => {
        const forward = spearmanBrown(rho, { lengthFactor: k });
        expect(forward.predicted).toBeGreaterThan(0);
        expect(forward.predicted).toBeLessThan(1);
        if (forward.predicted > 1e-12 && forward.predicted < 1 - 1e-12) expect(spearmanBrown(rho, { target: forward.predicted }).lengthFactor).toBeCloseTo(k, 6);
        if (k > 1) expect(forward.predicted).toBeGreaterThanOrEqual(rho);
        if (k < 1) expect(forward.predicted).toBeLessThanOrEqual(rho);
        expect(spearmanBrown(rho, { lengthFactor: 1 }).predicted).toBeCloseTo(rho, 14);
      }),
    );
  });
  it('refuses bad input by name', () => {
    expect(errorOf(() => spearmanBrown(1.2, { lengthFactor: 2 })).code).toBe('OUT_OF_RANGE');
    expect(errorOf(() => spearmanBrown(Number.NaN, { lengthFactor: 2 })).code).toBe('OUT_OF_RANGE');
    expect(errorOf(() => spearmanBrown('0.7' as never, { lengthFactor: 2 })).code).toBe('OUT_OF_RANGE');
    expect(errorOf(() => spearmanBrown(0.7, {})).code).toBe('INVALID_OPTION');
    expect(errorOf(() => spearmanBrown(0.7, { lengthFactor: 2, target: 0.9 })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => spearmanBrown(0.7, { lengthFactor: 0 })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => spearmanBrown(0.7, { target: 1 })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => spearmanBrown(0.7, { lenghtFactor: 2 } as never)).code).toBe('INVALID_OPTION');
  });
});
