// The split-half and ω-SE truths of simulate.congeneric / simulate.factorModel: each is the
// estimator applied to the population (checked exactly on data whose sample correlation matrix is
// the population's), and ω's SE is the spread of omega's estimates over samples.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { omega, splitHalf } from '../../src/index.js';
import { simulate } from '../../src/testing/index.js';
import { randomStream } from '../../src/random/index.js';

/** n rows whose sample correlation matrix is exactly `r` (to rounding): whitened normals times chol(r)ᵀ. */
function exactData(r: readonly (readonly number[])[], n: number, seed: number): Record<string, number>[] {
  const p = r.length;
  const rng = randomStream(seed);
  const z = Array.from({ length: n }, () => Array.from({ length: p }, () => rng.normal()));
  for (let j = 0; j < p; j++) {
    const mean = z.reduce((s, row) => s + (row[j] as number), 0) / n;
    for (const row of z) row[j] = (row[j] as number) - mean;
  }
  const cov = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => z.reduce((s, row) => s + (row[a] as number) * (row[b] as number), 0) / (n - 1)));
  const chol = (m: readonly (readonly number[])[]) => {
    const l = m.map(() => new Array<number>(p).fill(0));
    for (let i = 0; i < p; i++) {
      for (let j = 0; j <= i; j++) {
        let s = (m[i] as number[])[j] as number;
        for (let k = 0; k < j; k++) s -= (l[i] as number[])[k]! * (l[j] as number[])[k]!;
        (l[i] as number[])[j] = i === j ? Math.sqrt(s) : s / (l[j] as number[])[j]!;
      }
    }
    return l;
  };
  const ls = chol(cov);
  const lr = chol(r);
  return z.map((row) => {
    // w = L_S⁻¹ row (forward substitution): the rows of w have identity sample covariance.
    const w = new Array<number>(p).fill(0);
    for (let i = 0; i < p; i++) {
      let s = row[i] as number;
      for (let k = 0; k < i; k++) s -= (ls[i] as number[])[k]! * w[k]!;
      w[i] = s / (ls[i] as number[])[i]!;
    }
    const out: Record<string, number> = {};
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let k = 0; k <= i; k++) s += (lr[i] as number[])[k]! * w[k]!;
      out[`i${i + 1}`] = s;
    }
    return out;
  });
}

const loadingsArb = fc.array(fc.double({ min: 0.3, max: 0.9, noNaN: true }), { minLength: 3, maxLength: 9 });

describe('simulate.congeneric split-half truths', () => {
  it('are splitHalf on the population correlation matrix (exactly, on data with that sample matrix)', () => {
    fc.assert(
      fc.property(loadingsArb, fc.boolean(), (loadings, flip) => {
        const signed = flip ? loadings.map((l, j) => (j === 1 ? -l : l)) : loadings;
        const sim = simulate.congeneric({ loadings: signed, n: 10, seed: 1 });
        const truth = sim.population.observed.splitHalf;
        const est = splitHalf(exactData(sim.population.observed.correlation, 60, 2));
        expect(truth.maximum).not.toBeNull();
        expect(Math.abs((truth.maximum as number) - est.maximum)).toBeLessThan(1e-10);
        expect(Math.abs((truth.minimum as number) - est.minimum)).toBeLessThan(1e-10);
        expect(Math.abs(truth.average - est.average)).toBeLessThan(1e-10);
        expect(Math.abs(truth.alpha - est.alpha)).toBeLessThan(1e-10);
        expect(Math.abs(truth.lambda2 - est.lambda2)).toBeLessThan(1e-10);
        expect(Math.abs(truth.lambda6 - est.lambda6)).toBeLessThan(1e-10);
        // With an even number of items every split is examined once, and their average is α.
        if (loadings.length % 2 === 0) expect(Math.abs(truth.average - truth.alpha)).toBeLessThan(1e-12);
      }),
      { numRuns: 40 },
    );
  });

  it('give the expectation of the random-split average above 16 items, and no maximum or minimum there', () => {
    const loadings = Array.from({ length: 17 }, (_, j) => 0.4 + 0.02 * j);
    const truth = simulate.congeneric({ loadings, n: 10, seed: 1 }).population.observed.splitHalf;
    // C(17, 8)/2 = 12,155 splits > the default 10,000 samples, so splitHalf draws random splits.
    const est = splitHalf(exactData(simulate.congeneric({ loadings, n: 10, seed: 1 }).population.observed.correlation, 200, 3), { seed: 4 });
    expect(est.exhaustive).toBe(false);
    // The mean of 10,000 random splits: within 4 SDs of the split values / √10,000 of the truth.
    const sd = (est.upper - est.lower) / (2 * 1.96);
    expect(Math.abs(est.average - truth.average)).toBeLessThan((4 * sd) / Math.sqrt(10_000));
    expect(truth.maximum).toBeNull();
    expect(truth.minimum).toBeNull();
    const wide = simulate.congeneric({ loadings: new Array<number>(24).fill(0.5), n: 10, seed: 1 }).population.observed.splitHalf;
    expect(wide.maximum).toBeNull();
    expect(Math.abs(wide.average - wide.alpha)).toBeLessThan(1e-12); // even k: the random-split mean is α
    // 16 items: the estimator enumerates every split, and so does the truth.
    const sixteen = simulate.congeneric({ loadings: Array.from({ length: 16 }, (_, j) => 0.4 + 0.03 * j), n: 10, seed: 1 }).population.observed;
    const est16 = splitHalf(exactData(sixteen.correlation, 100, 6));
    expect(est16.exhaustive).toBe(true);
    expect(Math.abs((sixteen.splitHalf.maximum as number) - est16.maximum)).toBeLessThan(1e-10);
    expect(Math.abs((sixteen.splitHalf.minimum as number) - est16.minimum)).toBeLessThan(1e-10);
  });

  it('are recovered by splitHalf: the mean over 20 samples of 2,000 within 4 SE (average, λ2, λ6)', () => {
    const loadings = [0.8, 0.7, 0.6, 0.5, 0.4, 0.6];
    const truth = simulate.congeneric({ loadings, n: 2_000, seed: 1 }).population.observed.splitHalf;
    const keys = ['average', 'lambda2', 'lambda6'] as const;
    const values: Record<(typeof keys)[number], number[]> = { average: [], lambda2: [], lambda6: [] };
    for (let seed = 1; seed <= 20; seed++) {
      const est = splitHalf(simulate.congeneric({ loadings, n: 2_000, seed }).data);
      for (const key of keys) values[key].push(est[key]);
    }
    for (const key of keys) {
      const v = values[key];
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
      expect(Math.abs(mean - truth[key]), key).toBeLessThan((4 * sd) / Math.sqrt(v.length));
    }
  });
});

describe('simulate.congeneric ω SE', () => {
  it('is the SD of omega(…, { factors: 1 }).omegaTotal over 300 samples, within 15%', () => {
    for (const loadings of [
      [0.8, 0.7, 0.6, 0.5, 0.4, 0.6],
      [0.5, 0.5, 0.4, 0.3],
    ]) {
      const n = 500;
      const se = simulate.congeneric({ loadings, n, seed: 1 }).population.observed.omegaSe as number;
      const values: number[] = [];
      for (let seed = 1; seed <= 300; seed++) values.push(omega(simulate.congeneric({ loadings, n, seed }).data, { factors: 1 }).omegaTotal);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
      expect(Math.abs(sd / se - 1), `SD ${sd} vs SE ${se}`).toBeLessThan(0.15);
    }
  });

  it('scales as 1/√n, and ω_t of data with the population matrix is the truth', () => {
    fc.assert(
      fc.property(loadingsArb, fc.integer({ min: 50, max: 100_000 }), (loadings, n) => {
        const at = (m: number) => simulate.congeneric({ loadings, n: m, seed: 1 }).population.observed;
        const pop = at(n);
        expect(pop.omegaSe).not.toBeNull();
        expect(Math.abs((pop.omegaSe as number) * Math.sqrt(n) - (at(100).omegaSe as number) * 10)).toBeLessThan(1e-12);
        const exact = omega(exactData(pop.correlation, 80, 5), { factors: 1 }).omegaTotal;
        expect(Math.abs(exact - pop.omega)).toBeLessThan(1e-6);
      }),
      { numRuns: 25 },
    );
  });

  it('is null where the formula does not describe the estimator', () => {
    expect(simulate.congeneric({ loadings: [0.7, 0.6, 0.5], categories: 5, n: 10, seed: 1 }).population.observed.omegaSe).toBeNull();
    expect(simulate.congeneric({ loadings: [0.7, -0.6, 0.5], n: 10, seed: 1 }).population.observed.omegaSe).toBeNull();
    expect(simulate.congeneric({ loadings: [0.7, 0.6], n: 10, seed: 1 }).population.observed.omegaSe).toBeNull();
    expect(simulate.factorModel({ loadings: [[0.7, 0], [0.6, 0], [0.5, 0], [0, 0.7], [0, 0.6], [0, 0.5]], n: 10, seed: 1 }).population.observed.omegaSe).toBeNull();
  });
});
