import { describe, expect, it } from 'vitest';
import { efa, rotate } from '../../src/factor/index.js';
import type { EfaOptions, EfaResult } from '../../src/factor/index.js';
import { squaredMultipleCorrelations } from '../../src/factor/smc.js';
import { noncentralChiSquareCdf } from '../../src/factor/noncentral.js';
import { expectAllClose, expectClose } from '../helpers/close.js';
import { loadJson } from '../helpers/fixtures.js';
import { correlationOf, esseItems, extra, harmanInput, harmanMatrix, holzingerItems, holzingerRows, peerRows } from './helpers.js';

const largeN = loadJson('factor-large-n.json');

// Values made by test/fixtures/factor-extra.R (psych 2.2.9, GPArotation 2022.10-2).

const rotationOf: Record<string, EfaOptions['rotation']> = {
  oblimin: 'oblimin', promax: 'promax', varimax: 'varimax', quartimin: 'quartimin', geominQ: 'geomin', none: 'none', quartimax: 'quartimax',
};

const asRows = (m: number[][] | number[], k: number): number[][] => (k === 1 ? (m as number[]).map((v) => [v]) : (m as number[][]));

function compare(res: EfaResult, ref: any): void {
  const k = ref.factors as number;
  expectAllClose(res.eigenvalues, ref.eigenvalues, 1e-6, 'eigenvalues');
  asRows(ref.loadings, k).forEach((row, i) => expectAllClose(res.loadings[i]!, row, 1e-4, `loadings[${i}]`));
  asRows(ref.structure, k).forEach((row, i) => expectAllClose(res.structure[i]!, row, 1e-4, `structure[${i}]`));
  if (ref.phi) (ref.phi as number[][]).forEach((row, i) => expectAllClose(res.phi[i]!, row, 1e-4, `phi[${i}]`));
  expectAllClose(res.communalities, ref.communalities, 1e-4, 'communalities');
  expectAllClose(res.uniquenesses, ref.uniquenesses, 1e-4, 'uniquenesses');
  expectAllClose(res.commonFactorEigenvalues, ref.commonFactorEigenvalues, 1e-4, 'commonFactorEigenvalues');
  expectAllClose(res.complexity, ref.complexity, 1e-4, 'complexity');
  expectAllClose(res.ssLoadings, [ref.ssLoadings].flat(), 1e-4, 'ssLoadings');
  expectAllClose(res.proportionVariance, [ref.proportionVariance].flat(), 1e-4, 'proportionVariance');
  expectAllClose(res.cumulativeVariance, [ref.cumulativeVariance].flat(), 1e-4, 'cumulativeVariance');
  expectAllClose(res.proportionExplained, [ref.proportionExplained].flat(), 1e-4, 'proportionExplained');
  (ref.residuals as number[][]).forEach((row, i) => expectAllClose(res.residuals[i]!, row, 1e-4, `residuals[${i}]`));
  expectClose(res.rmsr, ref.rmsr, 1e-4, 'rmsr');
  expect(res.df).toBe(ref.dof);
  expectClose(res.objective, ref.objective, 1e-4, 'objective');
  if (!ref.fit) {
    expect(res.fit).toBeNull();
    return;
  }
  const f = res.fit!;
  expect(res.n).toBe(ref.fit.n);
  expectClose(f.chiSquare, ref.fit.chisq, 1e-4, 'chiSquare');
  expectClose(f.p!, ref.fit.p, 1e-4, 'p');
  expectClose(f.rmsea!.estimate, ref.fit.rmsea, 1e-4, 'rmsea');
  // psych finds the interval with uniroot's default tolerance (~1e-4 in the noncentrality)
  expectClose(f.rmsea!.lower!, ref.fit.rmseaLower, 1e-4, 'rmsea lower');
  expectClose(f.rmsea!.upper!, ref.fit.rmseaUpper, 1e-4, 'rmsea upper');
  expect(f.rmsea!.confidence).toBe(0.9);
  expectClose(f.tli!, ref.fit.tli, 1e-4, 'tli');
  expectClose(f.bic!, ref.fit.bic, 1e-4, 'bic');
  expectClose(f.nullChiSquare, ref.fit.nullChisq, 1e-4, 'null chi-square');
  expectClose(f.empiricalChiSquare, ref.fit.empiricalChisq, 1e-4, 'empirical chi-square');
  expectClose(f.empiricalP!, ref.fit.empiricalP, 1e-4, 'empirical p');
}

const optionsFor = (name: string, ref: any): EfaOptions => ({
  factors: ref.factors,
  extraction: ref.method,
  rotation: rotationOf[ref.rotation]!,
  ...(name.includes('gamma05') ? { gamma: 0.5 } : {}),
  ...(name.includes('delta02') ? { delta: 0.02 } : {}),
});

describe('full psych::fa output (factor-extra.json)', () => {
  for (const [name, ref] of Object.entries(extra.holzinger as Record<string, any>)) {
    it(`holzinger ${name}`, () => compare(efa(holzingerRows, { columns: holzingerItems, ...optionsFor(name, ref) }), ref));
  }
  for (const [name, ref] of Object.entries(extra.harman74 as Record<string, any>)) {
    const input = name.endsWith('no_n') ? { correlation: harmanInput.correlation } : { correlation: harmanInput.correlation, n: 145 };
    it(`harman74 ${name}`, () => compare(efa(input, optionsFor(name, ref)), ref));
  }
  for (const [name, ref] of Object.entries(extra.esse_pairwise as Record<string, any>)) {
    it(`esse items with missing responses, pairwise (psych's default) ${name}`, () =>
      compare(efa(peerRows, { columns: esseItems, ...optionsFor(name, ref) }), ref));
  }
});

describe('rotate() against GPArotation and stats::varimax on unrotated pa loadings', () => {
  const g = extra.gparotation;
  const cases: [string, Parameters<typeof rotate>[1]][] = [
    ['quartimax', { rotation: 'quartimax' }],
    ['varimax_gpa_normalized', { rotation: 'varimax', varimaxAlgorithm: 'gpa', normalize: true }],
    ['oblimin_normalized', { rotation: 'oblimin', normalize: true }],
    ['geominQ', { rotation: 'geomin' }],
    ['quartimin', { rotation: 'quartimin' }],
    ['stats_varimax', { rotation: 'varimax' }],
  ];
  for (const [name, options] of cases) {
    it(name, () => {
      const r = rotate(g.unrotated, options);
      const ref = g[name];
      (ref.loadings as number[][]).forEach((row, i) => expectAllClose(r.loadings[i]!, row, 1e-4, `loadings[${i}]`));
      if (ref.phi) (ref.phi as number[][]).forEach((row, i) => expectAllClose(r.phi[i]!, row, 1e-4, `phi[${i}]`));
      (ref.rotationMatrix as number[][]).forEach((row, i) => expectAllClose(r.rotationMatrix[i]!, row, 1e-4, `rotationMatrix[${i}]`));
      expect(r.converged).toBe(true);
    });
  }
});

describe('supporting numerics', () => {
  it('SMCs match psych::smc to 1e-10', () => {
    expectAllClose(squaredMultipleCorrelations(correlationOf(holzingerRows, holzingerItems), 9), extra.smc.holzinger, 1e-10, 'holzinger');
    expectAllClose(squaredMultipleCorrelations(harmanMatrix, 24), extra.smc.harman74, 1e-10, 'harman74');
  });

  it('SMCs of a singular matrix use the pseudo-inverse and stay in [0, 1]', () => {
    // x3 = x1 + x2 exactly → R is singular
    const r = Float64Array.from([1, 0.2, Math.sqrt(0.6), 0.2, 1, Math.sqrt(0.6), Math.sqrt(0.6), Math.sqrt(0.6), 1]);
    const s = squaredMultipleCorrelations(r, 3);
    for (const v of s) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it("noncentral χ² lower tail matches R's pchisq(q, df, ncp)", () => {
    const { q, df, ncp, p } = extra.pchisqNoncentral as Record<string, number[]>;
    q!.forEach((x, i) => expectClose(noncentralChiSquareCdf(x, df![i]!, ncp![i]!), p![i]!, 1e-12, `pchisq(${x}, ${df![i]}, ${ncp![i]})`));
  });

  // test/fixtures/factor-large-n.R. Above ncp = 2e4 psychkit uses Sankaran's approximation (the
  // Poisson sum took minutes at n = 1e7 and never ended at n = 1e300); its error falls like 1/ncp.
  it("noncentral χ² at ncp 2e4 and 1e5 is within 3e-8 of R's pchisq", () => {
    const { q, df, ncp, p } = largeN.pchisq as Record<string, number[]>;
    q!.forEach((x, i) => expectClose(noncentralChiSquareCdf(x, df![i]!, ncp![i]!), p![i]!, 3e-8, `pchisq(${x}, ${df![i]}, ${ncp![i]})`));
  });

  it('RMSEA and its 90% interval at n = 2e4 and 1e5 match psych::fa (Harman74, 2 factors)', () => {
    for (const ref of largeN.harman74 as { n: number; factors: number; df: number; chiSquare: number; rmsea: number[] }[]) {
      const f = efa({ correlation: harmanInput.correlation, n: ref.n }, { factors: ref.factors, extraction: 'minres', rotation: 'none' }).fit!;
      expect(f.df).toBe(ref.df);
      expectClose(f.chiSquare / ref.chiSquare, 1, 1e-6, 'chi-square');
      // psych's uniroot tolerance is ~1e-4 in the noncentrality: far below 1e-7 in RMSEA here.
      expectClose(f.rmsea!.estimate, ref.rmsea[0]!, 1e-7, 'rmsea');
      expectClose(f.rmsea!.lower!, ref.rmsea[1]!, 1e-6, 'rmsea lower');
      expectClose(f.rmsea!.upper!, ref.rmsea[2]!, 1e-6, 'rmsea upper');
    }
  });

  it('the RMSEA interval of an enormous sample takes milliseconds and brackets the estimate', () => {
    const start = Date.now();
    const f = efa({ correlation: harmanInput.correlation, n: 2 ** 53 - 1 }, { factors: 2, rotation: 'none' }).fit!;
    expect(Date.now() - start).toBeLessThan(5000);
    expect(f.rmsea!.lower!).toBeLessThanOrEqual(f.rmsea!.estimate);
    expect(f.rmsea!.upper!).toBeGreaterThanOrEqual(f.rmsea!.estimate);
    expect(f.rmsea!.upper! - f.rmsea!.lower!).toBeLessThan(1e-6);
  });
});
