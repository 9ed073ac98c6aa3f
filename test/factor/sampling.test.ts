import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bartlettSphericity, correlationMatrix, isPsychkitError, kmo, samplingAdequacyLabel, velicerMap } from '../../src/index.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { expectAllClose, expectClose, expectRelClose } from '../helpers/close.js';

const rows = loadCsv('peer-workers.csv');
const esse = Array.from({ length: 11 }, (_, i) => `esse${i + 1}`);
const pwb = Array.from({ length: 18 }, (_, i) => `pwb${i + 1}`);
const holzingerRows = loadCsv('holzinger-swineford.csv');
const nine = Array.from({ length: 9 }, (_, i) => `x${i + 1}`);
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

describe('kmo and bartlettSphericity: shared references (psych::KMO, psych::cortest.bartlett) to 1e-6', () => {
  it('peer-workers sampling.esse, from the correlation matrix and from the table (listwise)', () => {
    const ref = loadJson('peer-workers.json').sampling.esse;
    const n = correlationMatrix(rows, { columns: esse, missing: 'listwise' }).n;
    for (const input of [{ correlation: ref.correlation, n }, rows]) {
      const options = input === rows ? { columns: esse, missing: 'listwise' as const } : {};
      const k = kmo(input, options);
      expectClose(k.overall, ref.kmo, 1e-6, 'KMO');
      expectAllClose(k.perItem, ref.msa, 1e-6, 'MSA');
      expect(k.adequacy).toBe('marvelous');
      const b = bartlettSphericity(input, options);
      expectClose(b.statistic, ref.bartlett.chisq, 1e-6, 'χ²');
      expect(b.df).toBe(ref.bartlett.df);
      expectRelClose(b.p, ref.bartlett.p, 1e-6, 'p');
    }
  });

  it('Holzinger–Swineford nine tests (raw data, n = 301)', () => {
    const ref = loadJson('holzinger.efa.json');
    const k = kmo(holzingerRows, { columns: nine });
    expectClose(k.overall, ref.kmo.overall, 1e-6, 'KMO');
    expectAllClose(k.perItem, ref.kmo.items, 1e-6, 'MSA');
    const b = bartlettSphericity(holzingerRows, { columns: nine });
    expect(b.n).toBe(ref.n);
    expectClose(b.statistic, ref.bartlett.chisq, 1e-6, 'χ²');
    expect(b.df).toBe(ref.bartlett.df);
    expectRelClose(b.p, ref.bartlett.p, 1e-6, 'p');
  });

  it('Harman74 (correlation-matrix input, n = 145)', () => {
    const ref = loadJson('harman74.efa.json');
    const input = { correlation: harman.correlation, n: harman.n, columns: harman.variables };
    const k = kmo(input);
    expect(k.columns).toEqual(harman.variables);
    expectClose(k.overall, ref.kmo.overall, 1e-6, 'KMO');
    expectAllClose(k.perItem, ref.kmo.items, 1e-6, 'MSA');
    const b = bartlettSphericity(input);
    expectClose(b.statistic, ref.bartlett.chisq, 1e-6, 'χ²');
    expect(b.df).toBe(ref.bartlett.df);
    expectRelClose(b.p, ref.bartlett.p, 1e-6, 'p');
  });
});

describe('kmo and bartlettSphericity: psych raw-data path and polychoric input (sampling.R)', () => {
  const ref = loadJson('sampling.json');

  it("pairwise correlations of items with missing responses; Bartlett's n = every row (psych)", () => {
    const c = ref.pwb_raw;
    const k = kmo(rows, { columns: pwb });
    expectClose(k.overall, c.kmo, 1e-10, 'KMO');
    expectAllClose(k.perItem, c.msa, 1e-10, 'MSA');
    // psych's Image = cov2cor(R⁻¹): off-diagonal entries are minus the partial correlations.
    k.partialCorrelations.forEach((row, i) => row.forEach((v, j) => expectClose(i === j ? v : -v, c.image[i][j], 1e-10, `partial[${i}][${j}]`)));
    k.antiImageCovariance.forEach((row, i) => expectAllClose(row, c.antiImageCovariance[i], 1e-10, `ImCov[${i}]`));
    const b = bartlettSphericity(rows, { columns: pwb });
    expect(b.n).toBe(c.n);
    expectRelClose(b.statistic, c.bartlett.chisq, 1e-10, 'χ²');
    expectRelClose(b.p, c.bartlett.p, 1e-8, 'p');
  });

  it('a correlationMatrix() result passes straight in (polychoric ESSE)', () => {
    const c = ref.esse_polychoric;
    const poly = correlationMatrix(rows, { columns: esse, method: 'polychoric', missing: 'listwise' });
    const k = kmo(poly);
    expectClose(k.overall, c.kmo, 1e-9, 'KMO');
    expectAllClose(k.perItem, c.msa, 1e-9, 'MSA');
    const b = bartlettSphericity(poly);
    expect(b.n).toBe(c.n);
    expectRelClose(b.statistic, c.bartlett.chisq, 1e-9, 'χ²');
  });

  it('subsets and reorders a correlation matrix by name with `items`', () => {
    const input = { correlation: harman.correlation, n: harman.n, columns: harman.variables };
    const chosen = [harman.variables[3], harman.variables[0], harman.variables[7]];
    const sub = harman.correlation;
    const direct = kmo({
      correlation: [3, 0, 7].map((i) => [3, 0, 7].map((j) => sub[i][j])),
      n: harman.n,
    });
    const byName = kmo(input, { columns: chosen });
    expect(byName.columns).toEqual(chosen);
    expectAllClose(byName.perItem, direct.perItem, 1e-15, 'MSA');
  });
});

describe('kmo and bartlettSphericity: properties', () => {
  // Random positive definite correlation matrices: normalise A·Aᵀ + εI.
  const correlationArb = fc
    .integer({ min: 2, max: 7 })
    .chain((p) => fc.tuple(fc.constant(p), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: p * (p + 1), maxLength: p * (p + 1) })))
    .map(([p, raw]) => {
      const k = p + 1;
      const s = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => {
        let v = i === j ? 0.05 : 0;
        for (let t = 0; t < k; t++) v += raw[i * k + t]! * raw[j * k + t]!;
        return v;
      }));
      return s.map((row, i) => row.map((v, j) => (i === j ? 1 : v / Math.sqrt(s[i]![i]! * s[j]![j]!))));
    })
    // Each variable correlates with something (an all-zero row has MSA 0/0, tested below).
    .filter((R) => R.every((row, i) => row.some((v, j) => i !== j && Math.abs(v) > 1e-6)));

  it('KMO and every MSA lie in [0, 1]; Bartlett χ² ≥ 0 with df = p(p − 1)/2 and p in [0, 1]', () => {
    fc.assert(
      fc.property(correlationArb, fc.integer({ min: 30, max: 5000 }), (R, n) => {
        const k = kmo({ correlation: R });
        for (const v of [k.overall, ...k.perItem]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        const b = bartlettSphericity({ correlation: R, n });
        const p = R.length;
        expect(b.statistic).toBeGreaterThanOrEqual(-1e-9);
        expect(b.df).toBe((p * (p - 1)) / 2);
        expect(b.p).toBeGreaterThanOrEqual(0);
        expect(b.p).toBeLessThanOrEqual(1);
        expect(b.determinant).toBeGreaterThan(0);
        expect(b.determinant).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });

  it('is invariant to item order up to the same permutation', () => {
    fc.assert(
      fc.property(correlationArb, fc.integer({ min: 0, max: 1e9 }), (R, seed) => {
        const p = R.length;
        const order = Array.from({ length: p }, (_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101));
        const P = order.map((i) => order.map((j) => R[i]![j]!));
        const k = kmo({ correlation: R });
        const kp = kmo({ correlation: P });
        expectClose(kp.overall, k.overall, 1e-12, 'KMO');
        order.forEach((i, a) => expectClose(kp.perItem[a]!, k.perItem[i]!, 1e-12, `MSA ${i}`));
        // ln|R| is summed as log1p of the Cholesky pivots, so it keeps its relative precision under
        // a permutation even when |R| is near 1.
        expectRelClose(bartlettSphericity({ correlation: P, n: 200 }).statistic, bartlettSphericity({ correlation: R, n: 200 }).statistic, 1e-10, 'χ²');
      }),
    );
  });

  it('an identity matrix gives χ² = 0 and p = 1; its MSA would be 0/0, which is an error rather than NaN', () => {
    const I = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
    const b = bartlettSphericity({ correlation: I, n: 50 });
    expectClose(b.statistic, 0, 1e-15, 'χ²');
    expect(b.p).toBe(1);
    expectError(() => kmo({ correlation: I }), 'INVALID_INPUT', { column: 'V1' });
    expectError(() => kmo({ correlation: [[1, 0.4, 0], [0.4, 1, 0], [0, 0, 1]] }), 'INVALID_INPUT', { column: 'V3' });
  });

  it('Bartlett χ² keeps full relative precision when R is close to I (the permutation property above was flaky)', () => {
    // p = 2: ln|R| = log1p(−r²) exactly; 2·ln L₂₂ kept only the digits of L₂₂ − 1 (~1e-4 relative here).
    for (const r of [1e-6, -3e-5, 2e-8]) {
      const b = bartlettSphericity({ correlation: [[1, r], [r, 1]], n: 200 });
      expectRelClose(b.statistic, -(200 - 1 - 9 / 6) * Math.log1p(-r * r), 1e-13, `χ² at r = ${r}`);
    }
  });

  it('more variables than complete rows: NOT_POSITIVE_DEFINITE even when Cholesky scrapes through on rounding (found by fuzzing: NaN χ²)', () => {
    const rows = [
      [7, 7, 6, 1, 6, 5, 1, 1], [7, 4, 5, 1, 6, 7, 3, 3], [1, 2, 4, 3, 5, 4, 3, 4], [6, 7, 7, 3, 1, 6, 5, 5],
      [3, 6, 6, 3, 2, 5, 4, 6], [3, 3, 7, 3, 5, 3, 1, 3], [7, 7, 2, 2, 1, 2, 1, 3],
    ].map((r) => Object.fromEntries(r.map((v, j) => [`v${j + 1}`, v])));
    for (const f of [() => bartlettSphericity(rows, { missing: 'listwise' }), () => kmo(rows, { missing: 'listwise' }), () => velicerMap(rows, { missing: 'listwise' })]) {
      expectError(f, 'NOT_POSITIVE_DEFINITE', {});
    }
  });

  it("labels MSA on Kaiser's scale", () => {
    expect([0.95, 0.85, 0.75, 0.65, 0.55, 0.3].map(samplingAdequacyLabel)).toEqual(['marvelous', 'meritorious', 'middling', 'mediocre', 'miserable', 'unacceptable']);
  });
});

describe('kmo and bartlettSphericity: bad input', () => {
  const R = [
    [1, 0.5, 0.3],
    [0.5, 1, 0.4],
    [0.3, 0.4, 1],
  ];
  it('NOT_SYMMETRIC for an asymmetric matrix, naming the entry', () => {
    expectError(() => kmo({ correlation: [[1, 0.5, 0.3], [0.5, 1, 0.4], [0.3, 0.41, 1]] }), 'NOT_SYMMETRIC', { row: 2, column: 'V2' });
  });
  it('NOT_POSITIVE_DEFINITE for an indefinite or singular matrix', () => {
    const indefinite = [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]];
    expectError(() => kmo({ correlation: indefinite }), 'NOT_POSITIVE_DEFINITE');
    expectError(() => bartlettSphericity({ correlation: indefinite, n: 100 }), 'NOT_POSITIVE_DEFINITE');
    const collinear = { a: [1, 2, 3, 4, 5], b: [2, 4, 6, 8, 10.0000000000001], c: [5, 3, 4, 1, 2] };
    expectError(() => kmo(collinear), 'NOT_POSITIVE_DEFINITE');
  });
  it('INVALID_INPUT for a diagonal that is not 1 or an entry outside [−1, 1]', () => {
    expectError(() => kmo({ correlation: [[2, 0.5], [0.5, 1]] }), 'INVALID_INPUT', { row: 0 });
    expectError(() => kmo({ correlation: [[1, 1.5], [1.5, 1]] }), 'INVALID_INPUT');
  });
  it('LENGTH_MISMATCH for a non-square matrix or names of the wrong length; NON_FINITE for a bad entry', () => {
    expectError(() => kmo({ correlation: [[1, 0.5, 0.2], [0.5, 1, 0.1]] }), 'LENGTH_MISMATCH');
    expectError(() => kmo({ correlation: R, columns: ['a', 'b'] }), 'LENGTH_MISMATCH');
    expectError(() => kmo({ correlation: [[1, NaN], [NaN, 1]] }), 'NON_FINITE');
  });
  it('INVALID_OPTION when Bartlett has no n or a bad n; TOO_FEW_CASES when n is too small', () => {
    expectError(() => bartlettSphericity({ correlation: R }), 'INVALID_OPTION', { option: 'n' });
    expectError(() => bartlettSphericity({ correlation: R, n: 10.5 }), 'INVALID_OPTION', { option: 'n' });
    expectError(() => bartlettSphericity({ correlation: R, n: 2 }), 'TOO_FEW_CASES');
  });
  it('TOO_FEW_VARIABLES for a single variable; MISSING_COLUMN for an unknown name', () => {
    expectError(() => kmo({ correlation: [[1]] }), 'TOO_FEW_VARIABLES');
    expectError(() => bartlettSphericity(rows, { columns: ['esse1'] }), 'TOO_FEW_VARIABLES');
    expectError(() => kmo({ correlation: R }, { columns: ['V1', 'V9'] }), 'MISSING_COLUMN', { column: 'V9' });
    expectError(() => kmo(rows, { columns: ['esse1', 'zzz'] }), 'MISSING_COLUMN', { column: 'zzz' });
  });
  it('ZERO_VARIANCE for a constant item in a table; INVALID_OPTION for bad options', () => {
    expectError(() => kmo({ a: [1, 2, 3, 4], b: [3, 3, 3, 3], c: [4, 1, 2, 2] }), 'ZERO_VARIANCE', { column: 'b' });
    expectError(() => kmo(rows, { columns: esse, missing: 'some' as never }), 'INVALID_OPTION', { option: 'missing' });
    expectError(() => bartlettSphericity(rows, 5 as never), 'INVALID_OPTION');
  });
  it('never mutates the input matrix', () => {
    const copy = JSON.parse(JSON.stringify(R));
    kmo({ correlation: R });
    bartlettSphericity({ correlation: R, n: 100 });
    expect(R).toEqual(copy);
  });
});
