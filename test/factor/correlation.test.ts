import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { correlationMatrix, isPsychkitError, randomStream } from '../../src/index.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { expectClose } from '../helpers/close.js';

const rows = loadCsv('peer-workers.csv');
const esse = Array.from({ length: 11 }, (_, i) => `esse${i + 1}`);
const pwb = Array.from({ length: 18 }, (_, i) => `pwb${i + 1}`);

// R writes infinite thresholds as "Inf" / "-Inf".
const rNumber = (v: number | string) => (v === 'Inf' ? Infinity : v === '-Inf' ? -Infinity : (v as number));

function expectMatrix(actual: readonly (readonly number[])[], expected: readonly (readonly (number | string)[])[], tol: number, what: string) {
  expect(actual.length, `${what}: rows`).toBe(expected.length);
  expected.forEach((row, i) => {
    expect(actual[i]!.length, `${what}: row ${i} length`).toBe(row.length);
    row.forEach((v, j) => {
      const e = rNumber(v);
      const a = actual[i]![j]!;
      if (!Number.isFinite(e)) expect(a, `${what}[${i}][${j}]`).toBe(e);
      else expectClose(a, e, tol, `${what}[${i}][${j}]`);
    });
  });
}

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

describe('correlationMatrix: pearson', () => {
  const linalg = loadJson('linalg.json');
  it("matches R's cor(x, use = 'pairwise') and pairwise counts on items with missing responses (1e-12)", () => {
    const r = correlationMatrix(rows, { columns: linalg.items });
    expectMatrix(r.matrix, linalg.corPairwise, 1e-12, 'r');
    expectMatrix(r.counts, linalg.pairwiseN, 0, 'n');
    expect(r.n).toBe(rows.length);
    expect(r.method).toBe('pearson');
    expect(r.thresholds).toBeNull();
    expect(Object.isFrozen(r.matrix[0])).toBe(true);
  });

  it("matches cor(na.omit(x)) with missing: 'listwise'", () => {
    const r = correlationMatrix(rows, { columns: linalg.items, missing: 'listwise' });
    expectMatrix(r.matrix, linalg.corListwise, 1e-12, 'r');
    expect(r.n).toBe(linalg.nListwise);
    expect(r.counts[0]![5]).toBe(linalg.nListwise);
  });

  it('matches the ESSE correlation matrix behind the shared KMO/Bartlett reference', () => {
    const ref = loadJson('peer-workers.json').sampling.esse;
    expectMatrix(correlationMatrix(rows, { columns: esse, missing: 'listwise' }).matrix, ref.correlation, 1e-12, 'r');
  });
});

describe('correlationMatrix: polychoric (psych::polychoric)', () => {
  it('matches peer-workers.polychoric.json: thresholds and correlations to 1e-9', () => {
    const ref = loadJson('peer-workers.polychoric.json');
    const r = correlationMatrix(rows, { columns: ref.items, method: 'polychoric', missing: 'listwise' });
    expect(r.n).toBe(ref.n);
    expectMatrix(r.matrix, ref.rho, 1e-9, 'rho');
    expectMatrix(r.thresholds!, ref.tau, 1e-12, 'tau');
    expect(r.categories).toEqual([1, 2, 3, 4, 5]);
    expect(r.globalThresholds).toBe(true);
    expect(r.smoothed).toBe(false);
    expect(r.warnings).toEqual([]);
  });

  const cases = loadJson('polychoric.json').cases;
  const complete = rows.filter((row) => esse.every((k) => row[k] !== ''));

  it('pairwise-missing PWB items (7 categories, 268 rows) to 1e-9', () => {
    const c = cases.pwb_pairwise;
    const r = correlationMatrix(rows, { columns: pwb, method: 'polychoric' });
    expectMatrix(r.matrix, c.rho, 1e-9, 'rho');
    expectMatrix(r.thresholds!, c.tau, 1e-12, 'tau');
    expect(r.n).toBe(rows.length);
  });

  it('falls back to per-pair thresholds (with a warning) when one item never reaches the top category', () => {
    const c = cases.esse_unequal_top;
    const data = complete.map((row) => ({ ...row, esse3: row.esse3 === '5' ? '4' : row.esse3 }));
    const r = correlationMatrix(data, { columns: esse, method: 'polychoric' });
    expect(r.globalThresholds).toBe(false);
    expect(r.warnings.map((w) => w.code)).toContain('POLYCHORIC_PAIRWISE_THRESHOLDS');
    expectMatrix(r.matrix, c.rho, 1e-9, 'rho');
    expectMatrix(r.thresholds!, c.tau, 1e-12, 'tau');
  });

  it('keeps global thresholds with an empty lowest category (threshold −∞)', () => {
    const c = cases.esse_empty_bottom;
    const data = complete.map((row) => ({ ...row, esse2: row.esse2 === '1' ? '2' : row.esse2 }));
    const r = correlationMatrix(data, { columns: esse, method: 'polychoric' });
    expect(r.globalThresholds).toBe(true);
    expect(r.thresholds![1]![0]).toBe(-Infinity);
    expectMatrix(r.matrix, c.rho, 1e-9, 'rho');
    expectMatrix(r.thresholds!, c.tau, 1e-12, 'tau');
  });

  it('per-pair thresholds on 60 rows, with correct = 0.5 (empty cells filled) and correct = 0', () => {
    const first60 = complete.slice(0, 60);
    const items = esse.slice(0, 6);
    const withCorrection = correlationMatrix(first60, { columns: items, method: 'polychoric', global: false });
    expectMatrix(withCorrection.matrix, cases.esse60_local_correct.rho, 1e-9, 'rho (correct 0.5)');
    expect(withCorrection.warnings.map((w) => w.code)).toContain('POLYCHORIC_EMPTY_CELLS');
    const without = correlationMatrix(first60, { columns: items, method: 'polychoric', global: false, correct: 0 });
    expectMatrix(without.matrix, cases.esse60_local_nocorrect.rho, 1e-9, 'rho (correct 0)');
    expect(without.warnings).toEqual([]);
  });

  it('binary items (tetrachoric as a special case)', () => {
    const data = complete.map((row) => Object.fromEntries(esse.map((k) => [k, Number(row[k]) >= 4 ? 1 : 0])));
    const r = correlationMatrix(data, { columns: esse, method: 'polychoric' });
    expectMatrix(r.matrix, cases.esse_binary.rho, 1e-9, 'rho');
    expect(r.categories).toEqual([0, 1]);
  });

  it('smooths a non-positive-definite matrix as psych::cor.smooth, and only then', () => {
    const c = cases.simulated_smoothed;
    expect(c.minEigenvalueUnsmoothed).toBeLessThan(0);
    const raw = correlationMatrix(c.data as number[][], { method: 'polychoric', smooth: false });
    expect(raw.smoothed).toBe(false);
    expectMatrix(raw.matrix, c.unsmoothed, 1e-9, 'unsmoothed rho');
    const r = correlationMatrix(c.data as number[][], { method: 'polychoric' });
    expect(r.smoothed).toBe(true);
    expect(r.warnings.map((w) => w.code)).toContain('SMOOTHED');
    expectMatrix(r.matrix, c.rho, 1e-9, 'smoothed rho');
    expect(r.columns[0]).toBe('V1');
  });

  it('18 items × 268 respondents (7 categories, missing responses) in well under a second', () => {
    const t0 = performance.now();
    correlationMatrix(rows, { columns: pwb, method: 'polychoric' });
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('correlationMatrix: properties', () => {
  // A sample from a bivariate normal with correlation rho, cut at the given thresholds.
  function ordinalSample(seed: number, n: number, rho: number, cutsX: number[], cutsY: number[]) {
    const rng = randomStream(seed);
    const cut = (z: number, cuts: number[]) => cuts.filter((c) => z > c).length + 1;
    const out: { x: number; y: number }[] = [];
    for (let i = 0; i < n; i++) {
      const z1 = rng.normal();
      const z2 = rho * z1 + Math.sqrt(1 - rho * rho) * rng.normal();
      out.push({ x: cut(z1, cutsX), y: cut(z2, cutsY) });
    }
    return out;
  }

  it('recovers the latent correlation of a dichotomised / discretised bivariate normal sample', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.double({ min: -0.85, max: 0.85, noNaN: true }), fc.boolean(), (seed, rho, binary) => {
        const cuts = binary ? [[0.3], [-0.4]] : [[-1, -0.2, 0.6], [-0.7, 0.1, 0.9]];
        const data = ordinalSample(seed, 4000, rho, cuts[0]!, cuts[1]!);
        const r = correlationMatrix(data, { method: 'polychoric' });
        // SE of a tetrachoric r at n = 4000 is at most ~0.03; polychoric with 4 categories less.
        expect(Math.abs(r.matrix[0]![1]! - rho)).toBeLessThan(binary ? 0.12 : 0.08);
        // The Pearson correlation of the coded categories is attenuated towards 0.
        const pearson = correlationMatrix(data).matrix[0]![1]!;
        expect(Math.abs(pearson)).toBeLessThanOrEqual(Math.abs(r.matrix[0]![1]!) + 0.02);
      }),
      { numRuns: 12 },
    );
  });

  it('does not depend on the order of the items (up to the same permutation)', () => {
    const complete = rows.filter((row) => esse.slice(0, 6).every((k) => row[k] !== '')).slice(0, 120);
    fc.assert(
      fc.property(fc.shuffledSubarray(esse.slice(0, 6), { minLength: 6, maxLength: 6 }), (order) => {
        for (const method of ['pearson', 'polychoric'] as const) {
          const base = correlationMatrix(complete, { columns: esse.slice(0, 6), method });
          const perm = correlationMatrix(complete, { columns: order, method });
          order.forEach((a, i) =>
            order.forEach((b, j) => {
              expectClose(perm.matrix[i]![j]!, base.matrix[esse.indexOf(a)]![esse.indexOf(b)]!, 1e-9, `${method} ${a},${b}`);
            }),
          );
        }
      }),
      { numRuns: 5 },
    );
  });

  it('gives a symmetric matrix with unit diagonal and entries in [−1, 1], and never mutates its input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })), { minLength: 30, maxLength: 60 }),
        (triples) => {
          const data = triples.map(([a, b, c]) => ({ a, b, c: (a + c) % 4 + 1 }));
          const columnsVary = ['a', 'b', 'c'].every((k) => new Set(data.map((r) => r[k as 'a'])).size > 1);
          fc.pre(columnsVary);
          const copy = JSON.stringify(data);
          let r;
          try {
            r = correlationMatrix(data, { method: 'polychoric' });
          } catch (e) {
            // Per-pair thresholds on tiny tables may be impossible (psych fails there too).
            expect(isPsychkitError(e)).toBe(true);
            return;
          }
          expect(JSON.stringify(data)).toBe(copy);
          r.matrix.forEach((row, i) =>
            row.forEach((v, j) => {
              expect(Math.abs(v)).toBeLessThanOrEqual(1);
              expect(v).toBe(r.matrix[j]![i]);
              if (i === j) expect(v).toBe(1);
            }),
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('correlationMatrix: bad input', () => {
  it('MISSING_COLUMN, DUPLICATE_NAME, NON_NUMERIC', () => {
    expectError(() => correlationMatrix(rows, { columns: ['esse1', 'nope'] }), 'MISSING_COLUMN', { column: 'nope' });
    expectError(() => correlationMatrix(rows, { columns: ['esse1', 'esse1'] }), 'DUPLICATE_NAME');
    expectError(() => correlationMatrix([{ a: 1, b: 'x' }, { a: 2, b: 3 }], {}), 'NON_NUMERIC', { column: 'b', row: 0 });
  });

  it('TOO_FEW_VARIABLES for one item', () => {
    expectError(() => correlationMatrix(rows, { columns: ['esse1'] }), 'TOO_FEW_VARIABLES');
  });

  it('TOO_FEW_CASES when a pair shares fewer than 2 rows', () => {
    const data = { a: [1, 2, null, null], b: [null, null, 3, 4] };
    expectError(() => correlationMatrix(data), 'TOO_FEW_CASES', { columns: ['a', 'b'] });
    expectError(() => correlationMatrix(data, { missing: 'listwise' }), 'TOO_FEW_CASES');
  });

  it('ZERO_VARIANCE for a constant item, both methods', () => {
    const data = { a: [1, 2, 3, 2], b: [2, 2, 2, 2] };
    expectError(() => correlationMatrix(data), 'ZERO_VARIANCE', { column: 'b' });
    expectError(() => correlationMatrix(data, { method: 'polychoric' }), 'ZERO_VARIANCE', { column: 'b' });
  });

  it('OUT_OF_RANGE for non-integer responses or too many categories (polychoric)', () => {
    expectError(() => correlationMatrix({ a: [1, 2.5, 3], b: [1, 2, 3] }, { method: 'polychoric' }), 'OUT_OF_RANGE', { column: 'a', row: 1 });
    const wide = { a: [1, 5, 9, 3, 2, 9], b: [9, 4, 1, 3, 2, 8] };
    expectError(() => correlationMatrix(wide, { method: 'polychoric' }), 'OUT_OF_RANGE', { option: 'maxCategories' });
    expect(correlationMatrix(wide, { method: 'polychoric', maxCategories: 9 }).categories).toHaveLength(9);
  });

  it('TOO_FEW_CASES when per-pair thresholds cannot exist after the continuity correction', () => {
    // A 4 × 4 table with only its diagonal filled: the 12 corrected cells outweigh the last row.
    const data = { a: [1, 2, 3, 4], b: [1, 2, 3, 4] };
    expectError(() => correlationMatrix(data, { method: 'polychoric', global: false }), 'TOO_FEW_CASES', { columns: ['b', 'a'] });
  });

  it('INVALID_OPTION for unknown or misplaced options', () => {
    expectError(() => correlationMatrix(rows, { columns: esse, method: 'spearman' as never }), 'INVALID_OPTION', { option: 'method' });
    expectError(() => correlationMatrix(rows, { columns: esse, missing: 'all' as never }), 'INVALID_OPTION', { option: 'missing' });
    expectError(() => correlationMatrix(rows, { columns: esse, correct: -1, method: 'polychoric' }), 'INVALID_OPTION', { option: 'correct' });
    expectError(() => correlationMatrix(rows, { columns: esse, smooth: 'yes' as never, method: 'polychoric' }), 'INVALID_OPTION', { option: 'smooth' });
    expectError(() => correlationMatrix(rows, { columns: esse, global: false }), 'INVALID_OPTION', { option: 'global' });
    expectError(() => correlationMatrix(rows, 'esse' as never), 'INVALID_OPTION');
  });

  it('INVALID_INPUT for something that is not a table', () => {
    expectError(() => correlationMatrix(42 as never), 'INVALID_INPUT');
  });
});
