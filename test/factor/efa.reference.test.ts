import { describe, expect, it } from 'vitest';
import { efa, rotate } from '../../src/factor/index.js';
import type { EfaOptions } from '../../src/factor/index.js';
import { expectAllClose, expectClose } from '../helpers/close.js';
import { esseItems, harman, harmanInput, holzinger, holzingerItems, holzingerRows, peer, peerRows } from './helpers.js';

// psych's fa(..., rotate = r) name → psychkit's rotation option
const rotationOf: Record<string, EfaOptions['rotation']> = {
  oblimin: 'oblimin',
  promax: 'promax',
  varimax: 'varimax',
  quartimin: 'quartimin',
  geominQ: 'geomin',
  none: 'none',
};

interface Ref {
  method: 'pa' | 'minres' | 'ml';
  rotation: string;
  factors: number;
  loadings: number[][] | number[];
  phi: number[][] | Record<string, never> | null;
  structure?: number[][];
  communalities: number[];
  uniquenesses: number[];
  eigenvalues: number[];
  commonFactorEigenvalues: number[];
  rmsr: number;
  fit?: { chisq: number; df: number; p: number; rmsea: number; tli: number; bic: number };
}

function check(name: string, ref: Ref, run: () => ReturnType<typeof efa>) {
  it(`${name}: ${ref.method} ${ref.rotation}, ${ref.factors} factor(s)`, () => {
    const res = run();
    const k = ref.factors;
    const refLoadings = (k === 1 ? (ref.loadings as number[]).map((v) => [v]) : (ref.loadings as number[][]));
    expect(res.factors).toBe(k);
    expectAllClose(res.eigenvalues, ref.eigenvalues, 1e-6, 'eigenvalues');
    refLoadings.forEach((row, i) => expectAllClose(res.loadings[i]!, row, 1e-4, `loadings[${i}]`));
    if (ref.structure) ref.structure.forEach((row, i) => expectAllClose(res.structure[i]!, row, 1e-4, `structure[${i}]`));
    if (Array.isArray(ref.phi)) ref.phi.forEach((row, i) => expectAllClose(res.phi[i]!, row, 1e-4, `phi[${i}]`));
    else res.phi.forEach((row, i) => expectAllClose(row, row.map((_, j) => (i === j ? 1 : 0)), 0, 'identity phi'));
    expectAllClose(res.communalities, ref.communalities, 1e-4, 'communalities');
    expectAllClose(res.uniquenesses, ref.uniquenesses, 1e-4, 'uniquenesses');
    expectAllClose(res.commonFactorEigenvalues, ref.commonFactorEigenvalues, 1e-4, 'commonFactorEigenvalues');
    expectClose(res.rmsr, ref.rmsr, 1e-4, 'rmsr');
    if (ref.fit) {
      const f = res.fit!;
      expect(f.df).toBe(ref.fit.df);
      expectClose(f.chiSquare, ref.fit.chisq, 1e-4, 'chi-square');
      expectClose(f.p!, ref.fit.p, 1e-4, 'p');
      expectClose(f.rmsea!.estimate, ref.fit.rmsea, 1e-4, 'rmsea');
      expectClose(f.tli!, ref.fit.tli, 1e-4, 'tli');
      expectClose(f.bic!, ref.fit.bic, 1e-4, 'bic');
    }
    expect(res.converged).toBe(true);
    expect(res.heywood).toEqual([]);
  });
}

describe('efa on raw data matches psych::fa (holzinger.efa.json)', () => {
  for (const [name, ref] of Object.entries(holzinger.efa as Record<string, Ref>)) {
    if (name === 'pa_oblimin_kaiser_unsorted') continue;
    check(name, ref, () =>
      efa(holzingerRows, { columns: holzingerItems, factors: ref.factors, extraction: ref.method, rotation: rotationOf[ref.rotation]! }),
    );
  }

  it('pa_oblimin_kaiser_unsorted: rotate(…, normalize) equals GPArotation::oblimin(normalize = TRUE) after matching columns', () => {
    const fit = efa(holzingerRows, { columns: holzingerItems, factors: 3, extraction: 'pa', rotation: 'none' });
    const r = rotate(fit.unrotatedLoadings, { rotation: 'oblimin', normalize: true });
    const ref = holzinger.efa.pa_oblimin_kaiser_unsorted as { loadings: number[][]; phi: number[][] };
    // match each reference column to ours by smallest max difference over both signs
    const k = 3;
    const used = new Set<number>();
    const perm: number[] = [];
    const sign: number[] = [];
    for (let j = 0; j < k; j++) {
      let best = -1;
      let bestSign = 1;
      let bestDiff = Infinity;
      for (let c = 0; c < k; c++) {
        if (used.has(c)) continue;
        for (const s of [1, -1]) {
          const d = Math.max(...ref.loadings.map((row, i) => Math.abs(s * r.loadings[i]![c]! - row[j]!)));
          if (d < bestDiff) [bestDiff, best, bestSign] = [d, c, s];
        }
      }
      used.add(best);
      perm.push(best);
      sign.push(bestSign);
    }
    ref.loadings.forEach((row, i) => expectAllClose(perm.map((c, j) => sign[j]! * r.loadings[i]![c]!), row, 1e-4, `loadings[${i}]`));
    ref.phi.forEach((row, i) => expectAllClose(perm.map((c, j) => sign[i]! * sign[j]! * r.phi[perm[i]!]![c]!), row, 1e-4, `phi[${i}]`));
  });
});

describe('efa on a correlation matrix matches psych::fa (harman74.efa.json)', () => {
  for (const [name, ref] of Object.entries(harman.efa as Record<string, Ref>)) {
    check(name, ref, () =>
      efa({ correlation: harmanInput.correlation, n: harmanInput.n }, { factors: ref.factors, extraction: ref.method, rotation: rotationOf[ref.rotation]! }),
    );
  }
});

describe('efa on listwise-complete ESSE items matches psych::fa (peer-workers.json efa.*)', () => {
  for (const [name, ref] of Object.entries(peer.efa as Record<string, Ref>)) {
    check(name, ref, () =>
      efa(peerRows, { columns: esseItems, missing: 'listwise', factors: ref.factors, extraction: ref.method, rotation: rotationOf[ref.rotation]! }),
    );
  }
});
