import { describe, expect, it } from 'vitest';
import { hierarchicalRegression, ols, type HcOption } from '../../src/index.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { expectAllClose, expectClose, expectRelClose } from '../helpers/close.js';
import { maritalLevels, peer, psychkitTerm, reference } from '../helpers/peer.js';

// Every equation of the reference PROCESS models is an lm() fit; check each one's full table.
interface RefFit {
  formula: string;
  terms: string[];
  b: number[];
  se: number[];
  t: number[];
  p: number[];
  llci: number[];
  ulci: number[];
  seHC: Record<string, number[]>;
  summary: { R: number; R2: number; MSE: number; F: number; df1: number; df2: number; p: number; F_HC3: number };
  n: number;
}

function equationsOf(model: any): RefFit[] {
  return [...(model.equations ?? [model.equation]), ...(model.total ? [model.total] : [])];
}

/** The rows complete on a model's variables (a total-effect model uses the mediators' sample). */
function sampleOf(model: any): typeof peer {
  const vars = [model.x, ...[model.m ?? []].flat(), model.w, model.y, ...(model.covariates ?? ['gender', 'education', 'marital'])].filter(Boolean);
  const keep = peer.esse!.map((_, i) => vars.every((v: string) => peer[v]![i] !== null));
  return Object.fromEntries(Object.entries(peer).map(([k, col]) => [k, col.filter((_, i) => keep[i])]));
}

/** Parses `y ~ a + b*c + d` (R formula) into psychkit's y / x (with products as a:b). */
function parseFormula(formula: string): { y: string; x: string[] } {
  const [lhs, rhs] = formula.split('~').map((s) => s.trim()) as [string, string];
  const x: string[] = [];
  const products: string[] = [];
  for (const part of rhs.split('+').map((s) => s.trim())) {
    if (part.includes('*')) {
      const [a, b] = part.split('*').map((s) => s.trim()) as [string, string];
      for (const v of [a, b]) if (!x.includes(v)) x.push(v);
      products.push(`${a}:${b}`);
    } else if (!x.includes(part)) x.push(part);
  }
  return { y: lhs, x: [...x, ...products] };
}

/** Reference term name for a psychkit term (R orders product parts as it meets them). */
function matchTerm(refTerms: string[], term: string): number {
  const i = refTerms.map(psychkitTerm).indexOf(term);
  if (i >= 0) return i;
  const [a, b] = term.split(':');
  return refTerms.indexOf(`${b}:${a}`);
}

const fits: [string, RefFit, typeof peer][] = [];
for (const [key, model] of Object.entries(reference.process)) {
  equationsOf(model).forEach((f, i) => fits.push([`${key} #${i} ${f.formula}`, f, sampleOf(model)]));
}

describe('ols matches lm + summary + confint + sandwich::vcovHC on every reference equation', () => {
  it.each(fits)('%s', (_, ref, data) => {
    const { y, x } = parseFormula(ref.formula);
    const fit = ols(data, { y, x, categorical: maritalLevels });
    expect(fit.n).toBe(ref.n);
    expect(fit.terms.length).toBe(ref.terms.length);
    for (const c of fit.coefficients) {
      const j = matchTerm(ref.terms, c.term);
      expect(j, c.term).toBeGreaterThanOrEqual(0);
      expectClose(c.estimate, ref.b[j]!, 1e-9, `${c.term} b`);
      expectClose(c.se, ref.se[j]!, 1e-9, `${c.term} se`);
      expectClose(c.statistic, ref.t[j]!, 1e-7, `${c.term} t`);
      expectClose(c.p, ref.p[j]!, 1e-9, `${c.term} p`);
      expectClose(c.lower, ref.llci[j]!, 1e-9, `${c.term} lower`);
      expectClose(c.upper, ref.ulci[j]!, 1e-9, `${c.term} upper`);
    }
    const s = fit.summary;
    expectClose(s.r, ref.summary.R, 1e-10, 'R');
    expectClose(s.rSquared, ref.summary.R2, 1e-10, 'R2');
    expectClose(s.mse, ref.summary.MSE, 1e-9, 'MSE');
    expectClose(s.statistic, ref.summary.F, 1e-7, 'F');
    expect([s.df1, s.df2]).toEqual([ref.summary.df1, ref.summary.df2]);
    expectClose(s.p, ref.summary.p, 1e-10, 'p');
    for (const hc of ['HC0', 'HC1', 'HC2', 'HC3', 'HC4'] as HcOption[]) {
      const h = ols(data, { y, x, categorical: maritalLevels, hc });
      for (const c of h.coefficients) {
        const j = matchTerm(ref.terms, c.term);
        expectClose(c.se, ref.seHC[hc]![j]!, 1e-9, `${hc} ${c.term} se`);
        expectClose(c.estimate, ref.b[j]!, 1e-9, `${hc} ${c.term} b`);
      }
      if (hc === 'HC3') expectClose(h.summary.statistic, ref.summary.F_HC3, 1e-7, 'F(HC3)');
      expectClose(h.summary.rSquared, ref.summary.R2, 1e-10, `${hc} R2`);
    }
  });
});

describe('NIST StRD', () => {
  const longley = loadJson('longley.json');
  const rows = loadCsv('longley.csv');
  const sig = (a: number, e: number) => -Math.log10(Math.abs(a - e) / Math.abs(e)); // log relative error (LRE)
  it('Longley: coefficients and standard errors to at least 9 significant digits', () => {
    const fit = ols(rows, { y: 'y', x: ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'] });
    fit.coefficients.forEach((c, j) => {
      expect(sig(c.estimate, longley.coefficients[j]), `b${j} = ${c.estimate}`).toBeGreaterThanOrEqual(9);
      expect(sig(c.se, longley.standardErrors[j]), `se${j} = ${c.se}`).toBeGreaterThanOrEqual(9);
    });
    expect(sig(Math.sqrt(fit.summary.mse), longley.residualStandardDeviation)).toBeGreaterThanOrEqual(9);
    expect(sig(fit.summary.rSquared, longley.rSquared)).toBeGreaterThanOrEqual(9);
  });
  // NIST's definition: x = 0…20, y an exact degree-5 polynomial, certified coefficients exact.
  const x = Array.from({ length: 21 }, (_, i) => i);
  const powers = Object.fromEntries([1, 2, 3, 4, 5].map((k) => [`x${k}`, x.map((v) => v ** k)]));
  it.each([
    ['wampler1', (v: number) => 1 + v + v ** 2 + v ** 3 + v ** 4 + v ** 5],
    ['wampler2', (v: number) => 1 + 0.1 * v + 0.01 * v ** 2 + 0.001 * v ** 3 + 1e-4 * v ** 4 + 1e-5 * v ** 5],
  ] as const)('%s: coefficients to at least 6 significant digits', (name, f) => {
    const fit = ols({ ...powers, y: x.map(f) }, { y: 'y', x: ['x1', 'x2', 'x3', 'x4', 'x5'] });
    const certified: number[] = longley.wampler[name].coefficients;
    fit.coefficients.forEach((c, j) => expect(sig(c.estimate, certified[j]!), `${c.term} = ${c.estimate}`).toBeGreaterThanOrEqual(6));
    expectAllClose(fit.coefficients.map((c) => c.estimate), certified, 1e-6 * 1, name);
  });
});

// Found by the bad-input fuzzer (test/fuzz/targets/models.ts): data near 1e±300 gave NaN standard
// errors (squares under- or overflowed), and an exact fit gave t = 0/0.
describe('extreme magnitudes and exact fits', () => {
  const rows = [
    { y: 1.2, x: 1, z: 0.3 },
    { y: 2.9, x: 2, z: -0.1 },
    { y: 3.1, x: 3, z: 0.8 },
    { y: 4.8, x: 4, z: 0.2 },
    { y: 5.2, x: 5, z: -0.6 },
    { y: 6.9, x: 6, z: 0.1 },
  ];
  const scaled = (fy: number, fx: number) => rows.map((r) => ({ y: r.y * fy, x: r.x * fx, z: r.z }));

  it('scaling a column by a power of two scales its coefficient and SE exactly, even at 2^±500', () => {
    const ref = ols(rows, { y: 'y', x: ['x', 'z'] });
    for (const [fy, fx] of [[2 ** -500, 2 ** -500], [2 ** 200, 2 ** -200], [2 ** -400, 1], [1, 2 ** 400]] as const) {
      const fit = ols(scaled(fy, fx), { y: 'y', x: ['x', 'z'] });
      const [c, bx, bz] = fit.coefficients;
      expectRelClose(bx!.estimate, (ref.coefficients[1]!.estimate * fy) / fx, 1e-12, 'b(x)');
      expectRelClose(bx!.se, (ref.coefficients[1]!.se * fy) / fx, 1e-12, 'se(x)');
      expectRelClose(bz!.se, ref.coefficients[2]!.se * fy, 1e-12, 'se(z)');
      expectRelClose(c!.estimate, ref.coefficients[0]!.estimate * fy, 1e-12, 'constant');
      expectRelClose(bx!.statistic, ref.coefficients[1]!.statistic, 1e-12, 't(x)');
      expectRelClose(fit.summary.rSquared, ref.summary.rSquared, 1e-12, 'R²');
      expectRelClose(fit.summary.statistic, ref.summary.statistic, 1e-12, 'F');
    }
  });

  it('results beyond the range of a double are NON_FINITE, not NaN', () => {
    const e = errorOf(() => ols(scaled(1e300, 1), { y: 'y', x: ['x'] }));
    expect(e.code).toBe('NON_FINITE');
    expect(e.details.column).toBe('y');
    // Variances near 1e-600 (NaN standard errors before).
    expect(errorOf(() => ols(scaled(1e-300, 1e-300), { y: 'y', x: ['x'] })).code).toBe('NON_FINITE');
    expect(errorOf(() => hierarchicalRegression([...rows.slice(1), { y: -1e300, x: 1, z: 0.3 }], { y: 'y', steps: [['x'], ['z']] })).code).toBe('NON_FINITE');
  });

  it('an outcome reproduced exactly, or constant, is ZERO_VARIANCE (t was 0/0)', () => {
    const exact = rows.map((r) => ({ ...r, y: r.x })); // every residual exactly 0 in QR
    expect(errorOf(() => ols(exact, { y: 'y', x: ['x'] })).code).toBe('ZERO_VARIANCE');
    const constant = rows.map((r) => ({ ...r, y: 4 }));
    const e = errorOf(() => ols(constant, { y: 'y', x: ['x', 'z'] }));
    expect(e.code).toBe('ZERO_VARIANCE');
    expect(e.details.column).toBe('y');
  });
});

describe('an HC variance that is 0 up to rounding', () => {
  // Both "north" cases have x² = 0 and y = 0: they fix the intercept with residual 0, so its HC
  // variance is ±1e-17 (R: vcovHC(lm(y ~ I(x*x) + group)) gives NaN for HC1–HC4 and 2e-8 for HC0).
  const x = [0, -3, 2, -1, -1, 0, -2, -1, -2, 3];
  const y = [0, -2, 1, 2, 0, 0, -1, -2, 0, -2];
  const group = ['north', 'west', 'east', 'south', 'south', 'north', 'west', 'east', 'east', 'south'];
  const rows = x.map((v, i) => ({ x: v, y: y[i], group: group[i] }));
  // "north" is the reference level (undeclared levels would sort, making "east" the reference).
  const categorical = { group: { reference: 'north' } };
  it.each(['HC0', 'HC1', 'HC2', 'HC3', 'HC4'] as const)('%s: SINGULAR naming the coefficient (NaN standard error before)', (hc) => {
    const e = errorOf(() => ols(rows, { y: 'y', x: 'x:x', covariates: ['group'], categorical, hc }));
    expect(e.code).toBe('SINGULAR');
    expect(e.details.columns).toEqual(['constant']);
  });
  it('classical standard errors are unaffected', () => {
    expect(ols(rows, { y: 'y', x: 'x:x', covariates: ['group'], categorical }).coefficients[0]!.se).toBeCloseTo(1.0093117771, 8);
  });
});
