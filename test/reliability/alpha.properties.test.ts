import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cronbachAlpha } from '../../src/index.js';

type Cell = number | null;

/**
 * Likert-style respondents × items matrices from a one-factor model (a respondent's level plus
 * item noise, clamped to 1–5), optionally with missing cells. Items correlate positively, as in
 * a real scale, so the statistics are well conditioned; with independent random items a pairwise
 * covariance matrix can be indefinite and alpha-if-deleted ill-conditioned (sums near zero),
 * where no ordering property can hold to a relative tolerance.
 */
const matrix = (missingShare: number, minK = 2, maxK = 7) =>
  fc
    .record({ n: fc.integer({ min: 8, max: 40 }), k: fc.integer({ min: minK, max: maxK }) })
    .chain(({ n, k }) =>
      fc.array(
        fc.tuple(
          fc.noBias(fc.integer({ min: -2, max: 2 })),
          fc.array(
            fc.tuple(
              fc.noBias(fc.integer({ min: -1, max: 1 })),
              missingShare > 0 ? fc.noBias(fc.integer({ min: 0, max: Math.round(1 / missingShare) - 1 })) : fc.constant(1),
            ),
            { minLength: k, maxLength: k },
          ),
        ),
        { minLength: n, maxLength: n },
      ),
    )
    .map((rows) => rows.map(([level, cells]) => cells.map(([noise, keep]): Cell => (keep === 0 ? null : Math.min(5, Math.max(1, 3 + level + noise))))));

/** Every item varies and every pair of items has at least 3 common answers. */
function usable(m: Cell[][]): boolean {
  const k = m[0]!.length;
  for (let a = 0; a < k; a++) {
    const seen = new Set(m.map((r) => r[a]).filter((v) => v !== null));
    if (seen.size < 2) return false;
    for (let b = a + 1; b < k; b++) if (m.filter((r) => r[a] !== null && r[b] !== null).length < 3) return false;
  }
  return true;
}

const close = (a: number, b: number, tol = 1e-10) => (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

describe('cronbachAlpha properties', () => {
  it('alpha and every item statistic are unchanged by item order (pairwise, with missing cells)', () => {
    fc.assert(
      fc.property(matrix(0.1, 3), fc.integer({ min: 1, max: 1000 }), (m, shift) => {
        fc.pre(usable(m));
        const k = m[0]!.length;
        const order = Array.from({ length: k }, (_, j) => (j + shift) % k);
        const permuted = m.map((row) => order.map((j) => row[j]!));
        const a = cronbachAlpha(m);
        const b = cronbachAlpha(permuted);
        expect(close(b.alpha, a.alpha)).toBe(true);
        expect(close(b.standardizedAlpha, a.standardizedAlpha)).toBe(true);
        expect(close(b.lambda6, a.lambda6, 1e-8)).toBe(true);
        expect(close(b.se, a.se)).toBe(true);
        order.forEach((j, pos) => {
          expect(close(b.items[pos]!.rRest, a.items[j]!.rRest)).toBe(true);
          expect(close(b.items[pos]!.rTotal, a.items[j]!.rTotal)).toBe(true);
          expect(close(b.items[pos]!.alphaIfItemDeleted, a.items[j]!.alphaIfItemDeleted)).toBe(true);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('alpha is unchanged by adding a constant to an item', () => {
    fc.assert(
      fc.property(matrix(0.1), fc.nat(), fc.double({ min: -100, max: 100, noNaN: true }), (m, pick, c) => {
        fc.pre(usable(m));
        const j = pick % m[0]!.length;
        const shifted = m.map((row) => row.map((v, i) => (i === j && v !== null ? v + c : v)));
        const a = cronbachAlpha(m);
        const b = cronbachAlpha(shifted);
        expect(close(b.alpha, a.alpha, 1e-9)).toBe(true);
        expect(close(b.standardizedAlpha, a.standardizedAlpha, 1e-9)).toBe(true);
        expect(close(b.items[j]!.sd, a.items[j]!.sd, 1e-9)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('standardized alpha = k·r̄ / (1 + (k − 1)·r̄)', () => {
    fc.assert(
      fc.property(matrix(0.05), (m) => {
        fc.pre(usable(m));
        const a = cronbachAlpha(m);
        const r = a.averageR;
        expect(close(a.standardizedAlpha, (a.k * r) / (1 + (a.k - 1) * r), 1e-9)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('alpha of k copies of one item is 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 3, maxLength: 60 }),
        fc.integer({ min: 2, max: 12 }),
        (x, k) => {
          fc.pre(new Set(x).size > 1);
          const a = cronbachAlpha(x.map((v) => Array.from({ length: k }, () => v)));
          expect(Math.abs(a.alpha - 1)).toBeLessThan(1e-12);
          expect(Math.abs(a.standardizedAlpha - 1)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('pairwise and listwise agree when nothing is missing', () => {
    fc.assert(
      fc.property(matrix(0), (m) => {
        fc.pre(usable(m));
        const p = cronbachAlpha(m, { missing: 'pairwise' });
        const l = cronbachAlpha(m, { missing: 'listwise' });
        expect(l.alpha).toBe(p.alpha);
        expect(l.n).toBe(p.n);
      }),
      { numRuns: 50 },
    );
  });

  it('never mutates its input (rows, reverse keys applied to copies)', () => {
    fc.assert(
      fc.property(matrix(0.1), (m) => {
        fc.pre(usable(m));
        const rows = m.map((r) => Object.fromEntries(r.map((v, j) => [`q${j + 1}`, v])));
        const before = structuredClone(rows);
        const frozen = rows.map((r) => Object.freeze(r));
        Object.freeze(frozen);
        cronbachAlpha(frozen, { columns: Object.keys(rows[0]!), reverse: ['q1'], response: { min: 1, max: 5 } });
        expect(rows).toEqual(before);
      }),
      { numRuns: 50 },
    );
  });

  it('returns a deeply frozen result', () => {
    const a = cronbachAlpha([
      [1, 2, 2],
      [2, 2, 3],
      [4, 5, 4],
      [5, 4, 5],
    ]);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.items[0])).toBe(true);
    expect(Object.isFrozen(a.items[0])).toBe(true);
  });
});
