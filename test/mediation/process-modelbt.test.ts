import { describe, expect, it } from 'vitest';
import { processModel } from '../../src/index.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv } from '../helpers/fixtures.js';

// bootstrapCoefficients (PROCESS's modelbt): every regression coefficient bootstrapped with the
// model's effects, from the same resamples.
const rows = loadCsv('process-spss/Data_Model7.csv');
const opts = { model: 7, x: 'x', m: ['m1', 'm2'], w: 'w', y: 'y', hc: 'HC3', resamples: 2000, seed: 11 } as const;

describe('bootstrapCoefficients', () => {
  const plain = processModel(rows, opts);
  const withCoefficients = processModel(rows, { ...opts, bootstrapCoefficients: true });
  it('adds one row per coefficient of every equation, at the OLS estimate', () => {
    const all = withCoefficients.equations.flatMap((eq) => eq.coefficients.map((c) => ({ equation: eq.name, term: c.term, estimate: c.estimate })));
    const boot = withCoefficients.coefficientBootstrap!;
    expect(boot.map(({ equation, term, estimate }) => ({ equation, term, estimate }))).toEqual(all);
    expect(plain.coefficientBootstrap).toBeNull();
  });
  it('bootstrap SEs are close to the HC3 SEs at n = 1,000 (both heteroskedasticity-consistent)', () => {
    for (const b of withCoefficients.coefficientBootstrap!) {
      const hc3 = withCoefficients.equations.find((e) => e.name === b.equation)!.coefficients.find((c) => c.term === b.term)!.se;
      expect(b.se! / hc3, `${b.equation} ${b.term}`).toBeGreaterThan(0.85);
      expect(b.se! / hc3, `${b.equation} ${b.term}`).toBeLessThan(1.15);
      expect(b.lower! < b.estimate && b.estimate < b.upper!).toBe(true);
    }
  });
  it('leaves every other bootstrapped effect unchanged (the same resamples)', () => {
    expect(withCoefficients.conditionalIndirectEffects).toEqual(plain.conditionalIndirectEffects);
    expect(withCoefficients.indexOfModeratedMediation).toEqual(plain.indexOfModeratedMediation);
  });
  it('works for models 4 and 6 and a logistic Y; is refused where nothing is bootstrapped', () => {
    const m4 = processModel(rows, { model: 4, x: 'x', m: 'm1', y: 'y2', resamples: 1000, seed: 1, bootstrapCoefficients: true });
    expect(m4.coefficientBootstrap!.filter((c) => c.equation === 'y2').map((c) => c.term)).toEqual(['constant', 'x', 'm1']);
    expect(errorOf(() => processModel(rows, { model: 1, x: 'x', w: 'w', y: 'y', bootstrapCoefficients: true } as never)).code).toBe('INVALID_OPTION');
  });
});
