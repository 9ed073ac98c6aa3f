import { describe, expect, it } from 'vitest';
import { omega } from '../../src/factor/index.js';
import { expectAllClose, expectClose } from '../helpers/close.js';
import { esseItems, extra, harmanInput, holzinger, holzingerItems, holzingerRows, peerRows } from './helpers.js';

describe('omega matches psych::omega', () => {
  it('holzinger, 3 group factors, pa (shared fixture)', () => {
    const o = omega(holzingerRows, { columns: holzingerItems, factors: 3, extraction: 'pa' });
    expectClose(o.omegaHierarchical, holzinger.omega.omegaHierarchical, 1e-6, 'omega_h');
    expectClose(o.omegaTotal, holzinger.omega.omegaTotal, 1e-6, 'omega_t');
    expectClose(o.alpha, holzinger.omega.alpha, 1e-10, 'alpha');
  });

  const inputs: Record<string, () => Parameters<typeof omega>[0]> = {
    holzinger: () => holzingerRows,
    harman74: () => ({ correlation: harmanInput.correlation, n: 145 }),
    esse: () => peerRows,
  };
  for (const [name, ref] of Object.entries(extra.omega as Record<string, any>)) {
    it(`${name} (factor-extra.json)`, () => {
      const data = name.split('_')[0]!;
      const items = data === 'holzinger' ? holzingerItems : data === 'esse' ? esseItems : undefined;
      const o = omega(inputs[data]!(), {
        ...(items ? { columns: items } : {}),
        ...(data === 'esse' ? { missing: 'listwise' as const } : {}),
        factors: ref.factors,
        extraction: ref.method,
      });
      const k = ref.factors as number;
      expectClose(o.omegaHierarchical, ref.omegaHierarchical, 1e-4, 'omega_h');
      expectClose(o.omegaTotal, ref.omegaTotal, 1e-4, 'omega_t');
      expectClose(o.omegaLimit, ref.omegaLimit, 1e-4, 'omega_limit');
      expectClose(o.alpha, ref.alpha, 1e-10, 'alpha');
      expectClose(o.lambda6, ref.lambda6, 1e-10, 'lambda6');
      expectClose(o.explainedCommonVariance, ref.ecv, 1e-4, 'ECV');
      expectAllClose(o.generalLoadings, ref.general, 1e-4, 'g');
      const groups = k === 1 ? (ref.groupLoadings as number[]).map((v) => [v]) : (ref.groupLoadings as number[][]);
      groups.forEach((row, i) => expectAllClose(o.groupLoadings[i]!, row, 1e-4, `group loadings[${i}]`));
      expectAllClose(o.communalities, ref.communalities, 1e-4, 'h2');
      expectAllClose(o.uniquenesses, ref.uniquenesses, 1e-4, 'u2');
      expectAllClose(o.generalProportion, ref.generalProportion, 1e-4, 'p2');
      expectAllClose(o.higherOrderLoadings, [ref.higherOrder].flat(), 1e-4, 'higher-order loadings');
      if (k > 1) {
        expectAllClose(o.groups.map((g) => g.total), ref.groupTotal, 1e-4, 'group total');
        expectAllClose(o.groups.map((g) => g.general), ref.groupGeneral, 1e-4, 'group general');
        expectAllClose(o.groups.map((g) => g.group), ref.groupGroup, 1e-4, 'group group');
      }
      if (k === 1) expect(o.warnings.map((w) => w.code)).toContain('OMEGA_ONE_FACTOR');
      if (k === 2) expect(o.warnings.map((w) => w.code)).toContain('OMEGA_TWO_FACTORS');
    });
  }

  it('flips items that load negatively on g and reports them', () => {
    const reversed = holzingerRows.map((row) => ({ ...row, x2: String(10 - Number(row.x2)) }));
    const o = omega(reversed, { columns: holzingerItems, factors: 3, extraction: 'pa' });
    const ref = omega(holzingerRows, { columns: holzingerItems, factors: 3, extraction: 'pa' });
    expect(o.reversed).toEqual(['x2']);
    expectClose(o.omegaHierarchical, ref.omegaHierarchical, 1e-8, 'omega_h unchanged by reversing an item');
    expectClose(o.omegaTotal, ref.omegaTotal, 1e-8, 'omega_t unchanged by reversing an item');
  });
});
