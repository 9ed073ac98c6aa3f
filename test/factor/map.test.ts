import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { correlationMatrix, isPsychkitError, velicerMap } from '../../src/index.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { expectAllClose, expectClose } from '../helpers/close.js';

// From test/fixtures/map.R: psych::vss(x, n = 8)$map and the full 0..p−1 squared and fourth-power series.
const ref = loadJson('map.json');
const rows = loadCsv('peer-workers.csv');
const esse = Array.from({ length: 11 }, (_, i) => `esse${i + 1}`);
const pwb = Array.from({ length: 18 }, (_, i) => `pwb${i + 1}`);
const harman = loadJson('harman74.json');

function expectError(f: () => unknown, code: string, detail?: Record<string, unknown>) {
  try {
    f();
  } catch (e) {
    expect(isPsychkitError(e), String(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    if (detail) expect((e as { details: Record<string, unknown> }).details).toMatchObject(detail);
    return;
  }
  expect.fail(`expected ${code}`);
}

describe('velicerMap: reference values (psych::vss map + the 2000 fourth-power series)', () => {
  const cases = [
    ['ESSE, listwise', ref.esse_listwise, () => velicerMap(rows, { columns: esse, missing: 'listwise' })],
    ['PWB, pairwise (psych default)', ref.pwb_pairwise, () => velicerMap(rows, { columns: pwb })],
    ['Holzinger–Swineford', ref.holzinger, () => velicerMap(loadCsv('holzinger-swineford.csv'), { columns: Array.from({ length: 9 }, (_, i) => `x${i + 1}`) })],
    ['Harman74 (correlation input)', ref.harman74, () => velicerMap({ correlation: harman.correlation, columns: harman.variables })],
  ] as const;
  for (const [name, c, run] of cases) {
    it(`${name}: every value to 1e-10, psych's map to 1e-10, the suggested counts`, () => {
      const m = run();
      expectAllClose(m.averageSquaredPartial, c.squared, 1e-10, 'squared');
      expectAllClose(m.averageFourthPowerPartial, c.fourthPower, 1e-10, 'fourth power');
      expectAllClose(m.averageSquaredPartial.slice(1, 1 + c.psych.length), c.psych, 1e-10, 'psych map');
      expectAllClose(m.eigenvalues, c.eigenvalues, 1e-10, 'eigenvalues');
      expect(m.components).toBe(c.components);
      expect(m.componentsFourthPower).toBe(c.componentsFourthPower);
    });
  }

  it('Harman74: the 1976 and 2000 rules disagree (4 vs 3 components), as in R', () => {
    const m = velicerMap({ correlation: harman.correlation });
    expect([m.components, m.componentsFourthPower]).toEqual([4, 3]);
  });

  it('maxComponents truncates the series', () => {
    const m = velicerMap({ correlation: harman.correlation }, { maxComponents: 8 });
    expect(m.averageSquaredPartial).toHaveLength(9);
    expectAllClose(m.averageSquaredPartial.slice(1), ref.harman74.psych, 1e-10, 'psych map');
  });

  it('accepts a polychoric correlationMatrix() result', () => {
    const poly = correlationMatrix(rows, { columns: esse, method: 'polychoric', missing: 'listwise' });
    const m = velicerMap(poly);
    expect(m.columns).toEqual(esse);
    expect(m.averageSquaredPartial).toHaveLength(11);
  });
});

describe('velicerMap: properties', () => {
  const correlationArb = fc
    .integer({ min: 3, max: 7 })
    .chain((p) => fc.tuple(fc.constant(p), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: p * 2, maxLength: p * 2 })))
    .map(([p, raw]) => {
      const s = Array.from({ length: p }, (_, i) =>
        Array.from({ length: p }, (_, j) => (i === j ? 0.3 : 0) + raw[2 * i]! * raw[2 * j]! + raw[2 * i + 1]! * raw[2 * j + 1]!),
      );
      return s.map((row, i) => row.map((v, j) => (i === j ? 1 : v / Math.sqrt(s[i]![i]! * s[j]![j]!))));
    })
    .filter((R) => R.every((row, i) => row.some((v, j) => i !== j && Math.abs(v) > 1e-3)));

  it('averages lie in [0, 1], entry 0 is the mean squared correlation, counts are argmins', () => {
    fc.assert(
      fc.property(correlationArb, (R) => {
        const p = R.length;
        const m = velicerMap({ correlation: R });
        expect(m.averageSquaredPartial.length).toBeLessThanOrEqual(p);
        expect(m.averageSquaredPartial.length).toBeGreaterThanOrEqual(1);
        if (m.averageSquaredPartial.length < p) expect(m.warnings[0]!.code).toBe('MAP_TRUNCATED');
        for (const v of [...m.averageSquaredPartial, ...m.averageFourthPowerPartial]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1 + 1e-12);
        }
        let s = 0;
        R.forEach((row, i) => row.forEach((v, j) => (s += i === j ? 0 : v * v)));
        expectClose(m.averageSquaredPartial[0]!, s / (p * (p - 1)), 1e-14, 'm = 0');
        expect(m.averageSquaredPartial[m.components]).toBe(Math.min(...m.averageSquaredPartial));
        expect(m.averageFourthPowerPartial[m.componentsFourthPower]).toBe(Math.min(...m.averageFourthPowerPartial));
      }),
    );
  });

  it('is invariant to item order', () => {
    fc.assert(
      fc.property(correlationArb, fc.integer({ min: 1, max: 1000 }), (R, seed) => {
        const p = R.length;
        const order = Array.from({ length: p }, (_, i) => i).sort((a, b) => ((a * 31 + seed) % 17) - ((b * 31 + seed) % 17) || a - b);
        const m = velicerMap({ correlation: R });
        // Partialling out m components is only well defined when λ_m and λ_{m+1} differ.
        fc.pre(m.eigenvalues.every((v, k) => k === 0 || m.eigenvalues[k - 1]! - v > 1e-3));
        const mp = velicerMap({ correlation: order.map((i) => order.map((j) => R[i]![j]!)) });
        expectAllClose(mp.averageSquaredPartial, m.averageSquaredPartial, 1e-9, 'squared');
        expectAllClose(mp.averageFourthPowerPartial, m.averageFourthPowerPartial, 1e-9, 'fourth');
      }),
    );
  });
});

describe('velicerMap: degenerate structure', () => {
  it('stops the series with MAP_TRUNCATED (instead of NaN) when a variable correlates with nothing', () => {
    const m = velicerMap({ correlation: [[1, 0.5, 0, 0.3], [0.5, 1, 0, 0.2], [0, 0, 1, 0], [0.3, 0.2, 0, 1]] });
    expect(m.warnings.map((w) => w.code)).toEqual(['MAP_TRUNCATED']);
    expect(m.warnings[0]!.details).toMatchObject({ column: 'V3' });
    expect(m.averageSquaredPartial.every(Number.isFinite)).toBe(true);
    expect(m.averageSquaredPartial.length).toBeLessThan(4);
  });
});

describe('velicerMap: bad input', () => {
  it('TOO_FEW_VARIABLES with 2 variables', () => {
    expectError(() => velicerMap({ correlation: [[1, 0.3], [0.3, 1]] }), 'TOO_FEW_VARIABLES');
  });
  it('NOT_POSITIVE_DEFINITE and NOT_SYMMETRIC', () => {
    expectError(() => velicerMap({ correlation: [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]] }), 'NOT_POSITIVE_DEFINITE');
    expectError(() => velicerMap({ correlation: [[1, 0.2, 0.1], [0.2, 1, 0.3], [0.1, 0.3 + 1e-6, 1]] }), 'NOT_SYMMETRIC');
  });
  it('INVALID_OPTION for maxComponents outside 1 … p − 1 or not an integer', () => {
    const R = { correlation: harman.correlation };
    expectError(() => velicerMap(R, { maxComponents: 0 }), 'INVALID_OPTION', { option: 'maxComponents' });
    expectError(() => velicerMap(R, { maxComponents: 24 }), 'INVALID_OPTION', { option: 'maxComponents' });
    expectError(() => velicerMap(R, { maxComponents: 2.5 }), 'INVALID_OPTION', { option: 'maxComponents' });
  });
  it('ZERO_VARIANCE for a constant item in a table', () => {
    expectError(() => velicerMap({ a: [1, 2, 3, 4, 2], b: [2, 2, 2, 2, 2], c: [4, 1, 2, 2, 3] }), 'ZERO_VARIANCE', { column: 'b' });
  });
});
