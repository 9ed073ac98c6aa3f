import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { efa, rotate } from '../../src/factor/index.js';
import type { RotationOptions } from '../../src/factor/index.js';
import { holzingerItems, holzingerRows } from './helpers.js';

const ROTATIONS: RotationOptions[] = [
  { rotation: 'varimax' },
  { rotation: 'varimax', varimaxAlgorithm: 'gpa' },
  { rotation: 'quartimax' },
  { rotation: 'oblimin' },
  { rotation: 'oblimin', gamma: 0.5, normalize: true },
  { rotation: 'quartimin' },
  { rotation: 'geomin' },
  { rotation: 'promax' },
  { rotation: 'promax', normalize: false },
];

/**
 * Random loadings with full column rank: each variable loads 0.35–0.85 on one factor plus
 * cross-loadings in ±0.35, rows scaled so communalities stay below 0.95.
 */
const loadingsArb = fc
  .record({ k: fc.integer({ min: 2, max: 4 }), perFactor: fc.integer({ min: 2, max: 4 }) })
  .chain(({ k, perFactor }) =>
    fc.tuple(
      fc.constant(k),
      fc.array(fc.tuple(fc.double({ min: 0.35, max: 0.85, noNaN: true }), fc.boolean(), fc.array(fc.double({ min: -0.35, max: 0.35, noNaN: true }), { minLength: k, maxLength: k })), {
        minLength: k * perFactor,
        maxLength: k * perFactor,
      }),
    ),
  )
  .map(([k, cells]) =>
    cells.map(([main, neg, noise], i) => {
      const row = noise.map((v, j) => (j === i % k ? (neg ? -main : main) : v));
      const h = Math.sqrt(row.reduce((s, v) => s + v * v, 0));
      const scale = h > 0.95 ? 0.95 / h : 1;
      return row.map((v) => v * scale);
    }),
  );

const implied = (l: readonly (readonly number[])[], phi: readonly (readonly number[])[]) =>
  l.map((a) => l.map((b) => a.reduce((s, ai, t) => s + ai * b.reduce((u, bj, j) => u + phi[t]![j]! * bj, 0), 0)));
const identity = (k: number) => Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));

describe('rotation invariants (fast-check)', () => {
  it('every rotation leaves communalities and L·Φ·Lᵀ unchanged, and loadings = A·rotationMatrix', () => {
    fc.assert(
      fc.property(loadingsArb, fc.integer({ min: 0, max: ROTATIONS.length - 1 }), (a, which) => {
        const r = rotate(a, ROTATIONS[which]);
        const before = implied(a, identity(a[0]!.length));
        const after = implied(r.loadings, r.phi);
        before.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(after[i]![j]! - v)).toBeLessThan(1e-8)));
        a.forEach((row, i) =>
          r.rotationMatrix[0]!.forEach((_, j) => {
            const v = row.reduce((s, x, t) => s + x * r.rotationMatrix[t]![j]!, 0);
            expect(Math.abs(v - r.loadings[i]![j]!)).toBeLessThan(1e-8);
          }),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('varimax and quartimax output is orthogonal (MᵀM = I, Φ = I)', () => {
    fc.assert(
      fc.property(loadingsArb, fc.constantFrom<RotationOptions>({ rotation: 'varimax' }, { rotation: 'varimax', varimaxAlgorithm: 'gpa' }, { rotation: 'quartimax' }), (a, o) => {
        const r = rotate(a, o);
        expect(r.orthogonal).toBe(true);
        const m = r.rotationMatrix;
        m.forEach((_, i) =>
          m.forEach((__, j) => {
            const v = m.reduce((s, row) => s + row[i]! * row[j]!, 0);
            expect(Math.abs(v - (i === j ? 1 : 0))).toBeLessThan(1e-10);
            expect(r.phi[i]![j]).toBe(i === j ? 1 : 0);
          }),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('rotating an already simple structure changes nothing', () => {
    const simple = fc
      .record({ k: fc.integer({ min: 2, max: 4 }), perFactor: fc.integer({ min: 2, max: 5 }) })
      .chain(({ k, perFactor }) =>
        fc.tuple(
          fc.constant(k),
          fc.array(fc.tuple(fc.double({ min: 0.3, max: 0.9, noNaN: true }), fc.boolean()), { minLength: k * perFactor, maxLength: k * perFactor }),
        ),
      )
      .map(([k, cells]) => cells.map(([v, neg], i) => Array.from({ length: k }, (_, j) => (j === i % k ? (neg ? -v : v) : 0))));
    fc.assert(
      fc.property(simple, fc.integer({ min: 0, max: ROTATIONS.length - 1 }), (a, which) => {
        const r = rotate(a, ROTATIONS[which]);
        // identical up to the sign of whole columns
        const k = a[0]!.length;
        for (let j = 0; j < k; j++) {
          const s = Math.sign(a.reduce((acc, row, i) => acc + row[j]! * r.loadings[i]![j]!, 0)) || 1;
          a.forEach((row, i) => expect(Math.abs(s * r.loadings[i]![j]! - row[j]!)).toBeLessThan(1e-8));
        }
      }),
      { numRuns: 120 },
    );
  });

  it('geomin with random starts is reproducible for a fixed seed and never worse than the identity start', () => {
    fc.assert(
      fc.property(loadingsArb, fc.integer({ min: 0, max: 1000 }), (a, seed) => {
        const one = rotate(a, { rotation: 'geomin', randomStarts: 4, seed });
        const two = rotate(a, { rotation: 'geomin', randomStarts: 4, seed });
        expect(one).toEqual(two);
        expect(one.seed).toBe(seed);
        const plain = rotate(a, { rotation: 'geomin' });
        if (plain.converged && one.converged) expect(one.criterion!).toBeLessThanOrEqual(plain.criterion! + 1e-12);
      }),
      { numRuns: 40 },
    );
  });
});

describe('efa invariants', () => {
  const variants = [
    { extraction: 'pa', rotation: 'oblimin' },
    { extraction: 'minres', rotation: 'varimax' },
    { extraction: 'ml', rotation: 'promax' },
    { extraction: 'pa', rotation: 'geomin' },
  ] as const;

  it('does not depend on the column order of the input (up to the matching permutation)', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(holzingerItems, { minLength: 9, maxLength: 9 }), fc.constantFrom(...variants), (order, v) => {
        const base = efa(holzingerRows, { columns: holzingerItems, factors: 3, ...v });
        const perm = efa(holzingerRows, { columns: order, factors: 3, ...v });
        order.forEach((name, i) => {
          const src = holzingerItems.indexOf(name);
          base.loadings[src]!.forEach((x, j) => expect(Math.abs(perm.loadings[i]![j]! - x)).toBeLessThan(1e-6));
          expect(Math.abs(perm.communalities[i]! - base.communalities[src]!)).toBeLessThan(1e-6);
        });
        base.phi.forEach((row, i) => row.forEach((x, j) => expect(Math.abs(perm.phi[i]![j]! - x)).toBeLessThan(1e-6)));
        base.eigenvalues.forEach((x, i) => expect(Math.abs(perm.eigenvalues[i]! - x)).toBeLessThan(1e-10));
      }),
      { numRuns: 12 },
    );
  });

  it('returns frozen results and leaves the input untouched', () => {
    const rows = holzingerRows.map((r) => ({ ...r }));
    const snapshot = JSON.stringify(rows);
    const res = efa(rows, { columns: holzingerItems, factors: 3, extraction: 'pa' });
    expect(JSON.stringify(rows)).toBe(snapshot);
    expect(Object.isFrozen(res)).toBe(true);
    expect(Object.isFrozen(res.loadings[0])).toBe(true);
  });

  it('sorts factors by variance explained and reflects every column to a positive sum', () => {
    for (const v of variants) {
      const res = efa(holzingerRows, { columns: holzingerItems, factors: 3, ...v });
      for (let j = 0; j < 3; j++) expect(res.loadings.reduce((s, row) => s + row[j]!, 0)).toBeGreaterThan(0);
      for (let j = 1; j < 3; j++) expect(res.ssLoadings[j]!).toBeLessThanOrEqual(res.ssLoadings[j - 1]!);
      // loadings = unrotated · rotationMatrix after sorting and reflection
      res.loadings.forEach((row, i) =>
        row.forEach((x, j) => {
          const y = res.unrotatedLoadings[i]!.reduce((s, u, t) => s + u * res.rotationMatrix[t]![j]!, 0);
          expect(Math.abs(x - y)).toBeLessThan(1e-10);
        }),
      );
    }
  });
});
