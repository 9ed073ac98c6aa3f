import { describe, expect, it } from 'vitest';
import { principalAxis } from '../../src/factor/extraction/pa.js';
import { maximumLikelihood, minimumResidual } from '../../src/factor/extraction/uniqueness.js';
import { expectAllClose } from '../helpers/close.js';
import { correlationOf, esseItems, harman, harmanMatrix, holzinger, holzingerItems, holzingerRows, peer, peerRows } from './helpers.js';

const cases = [
  { name: 'holzinger', r: correlationOf(holzingerRows, holzingerItems), p: 9, ref: holzinger.efa, k: 3 },
  { name: 'harman74', r: harmanMatrix, p: 24, ref: harman.efa, k: 4 },
  { name: 'esse', r: correlationOf(peerRows, esseItems, 'listwise'), p: 11, ref: peer.efa, k: 2, prefix: 'esse_2_' },
];

describe('unrotated extraction against psych::fa', () => {
  for (const c of cases) {
    const key = (m: string) => `${c.prefix ?? ''}${m}_oblimin`;
    it(`${c.name}: pa communalities and common-factor eigenvalues to 1e-10`, () => {
      const e = principalAxis(c.r, c.p, c.k);
      const ref = c.ref[key('pa')];
      expect(e.converged).toBe(true);
      expectAllClose(e.communalities, ref.communalities, 1e-10, 'communalities');
      expectAllClose(e.values, ref.commonFactorEigenvalues, 1e-10, 'values');
    });
    for (const [m, fn] of [['minres', minimumResidual], ['ml', maximumLikelihood]] as const) {
      if (!c.ref[key(m)]) continue;
      it(`${c.name}: ${m} communalities and eigenvalues to 1e-4`, () => {
        const e = fn(c.r, c.p, c.k);
        const ref = c.ref[key(m)];
        expect(e.converged).toBe(true);
        expectAllClose(e.communalities, ref.communalities, 1e-4, 'communalities');
        expectAllClose(e.values, ref.commonFactorEigenvalues, 1e-4, 'values');
      });
    }
  }

  it('esse one-factor pa (no rotation) matches psych', () => {
    const r = correlationOf(peerRows, esseItems, 'listwise');
    const e = principalAxis(r, 11, 1);
    const ref = peer.efa.esse_1_pa_none;
    expectAllClose(e.communalities, ref.communalities, 1e-10, 'communalities');
    const sign = Math.sign(e.loadings.reduce((a, b) => a + b, 0));
    expectAllClose(Array.from(e.loadings, (v) => v * sign), ref.loadings, 1e-10, 'loadings');
  });

  it('SPSS rule (largest single change) stops no later than the sum rule allows and converges', () => {
    const r = correlationOf(holzingerRows, holzingerItems);
    const spss = principalAxis(r, 9, 3, { rule: 'max', maxIterations: 25 });
    expect(spss.converged).toBe(true);
    expect(spss.iterations).toBeLessThanOrEqual(25);
  });

  it('reports non-convergence instead of throwing when the cap is hit', () => {
    const r = correlationOf(holzingerRows, holzingerItems);
    const e = principalAxis(r, 9, 3, { maxIterations: 2 });
    expect(e.iterations).toBe(2);
    expect(e.converged).toBe(false);
  });
});
