import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPsychkitError, ols, type HcOption } from '../../src/index.js';
import { loadJson } from '../helpers/fixtures.js';
import { expectAllClose, expectClose } from '../helpers/close.js';
import { maritalLevels, peer, psychkitTerm } from '../helpers/peer.js';

const extra = loadJson('regression.json'); // test/fixtures/regression.R

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return isPsychkitError(e) ? e.code : `not a PsychkitError: ${String(e)}`;
  }
  return 'no error';
}

describe('ols options against R (regression.json)', () => {
  const ref = extra.ols;
  const opts = { y: 'pwb', x: ['esse', 'ss'], covariates: ['gender', 'education', 'marital'], categorical: maritalLevels } as const;
  it('HC3 t, p and CIs; adjusted R²; 90% intervals', () => {
    const fit = ols(peer, { ...opts, hc: 'HC3' });
    expect(fit.terms).toEqual(ref.terms.map(psychkitTerm));
    expectAllClose(fit.coefficients.map((c) => c.se), ref.hc3.se, 1e-10, 'se');
    expectAllClose(fit.coefficients.map((c) => c.statistic), ref.hc3.t, 1e-8, 't');
    expectAllClose(fit.coefficients.map((c) => c.p), ref.hc3.p, 1e-10, 'p');
    expectAllClose(fit.coefficients.map((c) => c.lower), ref.hc3.lower, 1e-10, 'lower');
    expectAllClose(fit.coefficients.map((c) => c.upper), ref.hc3.upper, 1e-10, 'upper');
    expectClose(fit.summary.adjustedRSquared, ref.adjR2, 1e-12, 'adjR2');
    const ci90 = ols(peer, { ...opts, confidence: 0.9 });
    expectAllClose(ci90.coefficients.map((c) => c.lower), ref.ci90.lower, 1e-10, 'lower 90');
    expectAllClose(ci90.coefficients.map((c) => c.upper), ref.ci90.upper, 1e-10, 'upper 90');
  });
  it('the model F is the Wald F under every HC type', () => {
    for (const hc of ['HC0', 'HC1', 'HC2', 'HC3', 'HC4'] as HcOption[]) {
      expectClose(ols(peer, { ...opts, hc }).summary.statistic, ref.waldF[hc], 1e-8, hc);
    }
  });
  it('undeclared string columns are categorical, levels sorted (first = reference, reported in a warning)', () => {
    const { categorical: _declared, ...undeclared } = opts;
    const fit = ols(peer, undeclared);
    // As R's factor(): levels sorted, "divorced" first and the reference.
    expect(fit.terms.filter((t) => t.startsWith('marital'))).toEqual(['marital[married]', 'marital[never]', 'marital[partnered]', 'marital[widowed]']);
    expect(fit.warnings).toEqual([
      {
        code: 'CATEGORICAL_REFERENCE',
        message: expect.stringContaining('The reference level of "marital" is "divorced"'),
        details: { column: 'marital', reference: 'divorced', levels: ['divorced', 'married', 'never', 'partnered', 'widowed'] },
      },
    ]);
    expect(fit.warnings[0]!.message).toContain("`categorical: { marital: { reference: 'married' } }`");
    const declared = ols(peer, opts);
    expect(declared.warnings).toEqual([]); // levels listed: the reference was chosen
    expectClose(fit.coefficients[1]!.estimate, declared.coefficients[1]!.estimate, 1e-12, 'esse');
    const other = ols(peer, { ...undeclared, categorical: { marital: { reference: 'married' } } });
    expect(other.terms).toContain('marital[never]');
    expect(other.warnings).toEqual([]); // reference chosen
    expectClose(other.coefficients.find((c) => c.term === 'esse')!.estimate, fit.coefficients[1]!.estimate, 1e-10, 'slope does not depend on the reference');
    // Listed without levels: still sorted, still reported.
    expect(ols(peer, { ...undeclared, categorical: ['marital'] }).warnings.map((w) => w.code)).toEqual(['CATEGORICAL_REFERENCE']);
  });
  it('products "a:b" are formed from numeric parts', () => {
    const fit = ols(peer, { y: 'rec', x: ['esse', 'ss', 'esse:ss'], covariates: ['gender', 'education'] });
    expect(fit.terms).toEqual(['constant', 'esse', 'ss', 'esse:ss', 'gender', 'education']);
  });
});

describe('ols bad input', () => {
  it('throws PsychkitError codes naming the problem', () => {
    const base = { y: 'pwb', x: ['esse'] };
    expect(codeOf(() => ols(peer, { ...base, y: 'nope' }))).toBe('MISSING_COLUMN');
    expect(codeOf(() => ols(peer, { ...base, x: ['nope'] }))).toBe('MISSING_COLUMN');
    expect(codeOf(() => ols(peer, { y: 'marital', x: ['esse'] }))).toBe('NON_NUMERIC');
    expect(codeOf(() => ols(peer, { ...base, x: ['esse:marital'] }))).toBe('NON_NUMERIC');
    expect(codeOf(() => ols(peer, { ...base, hc: 'HC5' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => ols(peer, { ...base, x: [] }))).toBe('TOO_FEW_VARIABLES');
    expect(codeOf(() => ols(peer, { ...base, x: ['esse', 'esse'] }))).toBe('DUPLICATE_NAME');
    expect(codeOf(() => ols(peer, { ...base, x: ['pwb'] }))).toBe('INVALID_OPTION');
    expect(codeOf(() => ols(peer, { ...base, categorical: { marital: ['never', 'married'] }, covariates: ['marital'] }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => ols(peer, 42 as never))).toBe('INVALID_OPTION');
    const tiny = { y: [1, 2, 3], a: [1, 2, 4], b: [3, 1, 2] };
    expect(codeOf(() => ols(tiny, { y: 'y', x: ['a', 'b'] }))).toBe('TOO_FEW_CASES');
  });
  it('a constant predictor is ZERO_VARIANCE, naming it', () => {
    const t = { ...peer, k: peer.esse!.map(() => 3) };
    try {
      ols(t, { y: 'pwb', x: ['esse', 'k'] });
      expect.fail('no error');
    } catch (e) {
      expect(isPsychkitError(e) && e.code).toBe('ZERO_VARIANCE');
      expect((e as { details: { column: string } }).details.column).toBe('k');
    }
  });
  it('perfectly collinear covariates are SINGULAR, naming the aliased columns', () => {
    const e = peer.esse!;
    const s = peer.ss!;
    const t = { ...peer, both: e.map((v, i) => (v === null || s[i] === null ? null : 2 * (v as number) - (s[i] as number))) };
    try {
      ols(t, { y: 'pwb', x: ['esse'], covariates: ['ss', 'both', 'gender'] });
      expect.fail('no error');
    } catch (err) {
      expect(isPsychkitError(err) && err.code).toBe('SINGULAR');
      expect((err as { details: { columns: string[] } }).details.columns).toEqual(['both']);
      expect((err as Error).message).toContain('"both"');
    }
  });
  it('does not mutate its input', () => {
    const copy = JSON.parse(JSON.stringify(peer));
    ols(peer, { y: 'pwb', x: ['esse', 'esse:ss'], covariates: ['marital'], hc: 'HC4' });
    expect(peer).toEqual(copy);
  });
});

describe('ols properties', () => {
  const value = fc.integer({ min: -50, max: 50 }).map((v) => v / 5);
  // x2 gets a small quadratic trend so that random draws are rarely collinear with x1.
  const rowsArb = fc
    .array(fc.tuple(value, value, value), { minLength: 8, maxLength: 40 })
    .map((rows) => rows.map((r, i) => [r[0], r[1] + 0.01 * i * i, r[2]] as [number, number, number]));
  const fitOf = (rows: [number, number, number][], hc: HcOption = 'none') =>
    ols({ x1: rows.map((r) => r[0]), x2: rows.map((r) => r[1]), y: rows.map((r) => r[2]) }, { y: 'y', x: ['x1', 'x2'], hc });
  const ok = (f: () => unknown) => {
    try {
      f();
      return true;
    } catch (e) {
      if (isPsychkitError(e) && (e.code === 'SINGULAR' || e.code === 'ZERO_VARIANCE')) return false; // degenerate draws
      throw e;
    }
  };
  it('rescaling y by c rescales b and se by |c| and leaves t (sign-adjusted) and p unchanged', () => {
    fc.assert(
      fc.property(rowsArb, fc.double({ min: 0.1, max: 1000, noNaN: true }), fc.constantFrom<HcOption>('none', 'HC3'), (rows, c, hc) => {
        if (!ok(() => fitOf(rows, hc))) return;
        const a = fitOf(rows, hc);
        const scaled = rows.map((r) => [r[0], r[1], c * r[2]] as [number, number, number]);
        const b = fitOf(scaled, hc);
        a.coefficients.forEach((ca, j) => {
          const cb = b.coefficients[j]!;
          expectClose(cb.estimate, c * ca.estimate, 1e-8 * (1 + Math.abs(c * ca.estimate)), 'b');
          if (ca.se > 1e-6) {
            expectClose(cb.se, c * ca.se, 1e-7 * c * ca.se + 1e-12, 'se');
            expectClose(cb.p, ca.p, 1e-6, 'p');
          }
        });
      }),
      { numRuns: 60 },
    );
  });
  it('the order of the rows does not matter', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        if (!ok(() => fitOf(rows))) return;
        const a = fitOf(rows);
        const b = fitOf([...rows].reverse());
        a.coefficients.forEach((c, j) => expectClose(b.coefficients[j]!.estimate, c.estimate, 1e-7 * (1 + Math.abs(c.estimate)), 'b'));
      }),
      { numRuns: 50 },
    );
  });
});
