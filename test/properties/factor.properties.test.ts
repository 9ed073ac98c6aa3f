// Properties of the factor-analysis functions not covered in test/factor: the factor-count bound,
// Kaiser's labels, ω's identities and parallel analysis. Inputs are population correlation
// matrices of generated factor models (psychkit/testing), so every run is exact and fast.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { efa, isPsychkitError, kmo, maxFactors, omega, parallelAnalysis, samplingAdequacyLabel } from '../../src/index.js';
import { arbitraries, simulate } from '../../src/testing/index.js';
import { expectClose } from '../helpers/close.js';
import { numRuns } from '../helpers/runs.js';

/** Population correlation matrix Σ = ΛΦΛᵀ + Ψ of a generated model. */
const populationOf = (m: { loadings: number[][]; phi: number[][] }) => simulate.factorModel({ loadings: m.loadings, phi: m.phi, n: 1, seed: 1 }).population.latent.correlation.map((r) => [...r]);

const dof = (p: number, k: number) => (p * (p - 1)) / 2 - p * k + (k * (k - 1)) / 2;

describe('maxFactors', () => {
  it('is the largest k ≤ p with non-negative degrees of freedom, and never decreases with p', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), (p) => {
        const k = maxFactors(p);
        expect(k).toBeGreaterThanOrEqual(0);
        expect(k).toBeLessThanOrEqual(p);
        if (k > 0) expect(dof(p, k)).toBeGreaterThanOrEqual(0);
        if (k < p) expect(dof(p, k + 1)).toBeLessThan(0);
        expect(maxFactors(p + 1)).toBeGreaterThanOrEqual(k);
      }),
      { numRuns: numRuns(200) },
    );
  });
  it('is the bound efa enforces: one factor more is TOO_MANY_FACTORS', () => {
    fc.assert(
      fc.property(arbitraries.correlationMatrix(fc, { size: { min: 3, max: 8 }, minEigenvalue: 0.05 }), (r) => {
        const k = maxFactors(r.length);
        try {
          efa({ correlation: r, n: 200 }, { factors: k + 1 });
          expect.fail(`efa with ${k + 1} factors of ${r.length} variables did not throw`);
        } catch (e) {
          expect(isPsychkitError(e) && e.code).toBe('TOO_MANY_FACTORS');
        }
        expect(efa({ correlation: r, n: 200 }, { factors: k }).factors).toBe(k);
      }),
      { numRuns: numRuns(20) },
    );
  });
});

describe('samplingAdequacyLabel', () => {
  const ORDER = ['unacceptable', 'miserable', 'mediocre', 'middling', 'meritorious', 'marvelous'];
  it("is monotone in the MSA, changes exactly at Kaiser's cut points .5, .6, .7, .8, .9, and labels kmo's overall value", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(ORDER.indexOf(samplingAdequacyLabel(lo))).toBeLessThanOrEqual(ORDER.indexOf(samplingAdequacyLabel(hi)));
        expect(ORDER.indexOf(samplingAdequacyLabel(a))).toBe([0.5, 0.6, 0.7, 0.8, 0.9].filter((c) => a >= c).length);
      }),
      { numRuns: numRuns(300) },
    );
    fc.assert(
      fc.property(arbitraries.correlationMatrix(fc, { size: { min: 3, max: 8 } }), (r) => {
        let k;
        try {
          k = kmo({ correlation: r });
        } catch (e) {
          if (isPsychkitError(e)) return; // e.g. an identity matrix: MSA is 0/0, a documented error
          throw e;
        }
        expect(k.adequacy).toBe(samplingAdequacyLabel(k.overall));
      }),
      { numRuns: numRuns(30) },
    );
  });
});

describe('omega', () => {
  // A higher-order model: 3–4 group factors with simple structure whose correlations come from one
  // general factor, φⱼₖ = γⱼγₖ (γ in .4–.9). Item i on group j has general loading λᵢγⱼ and group
  // loading λᵢ√(1 − γⱼ²), so ω_h = (Σᵢ λᵢγⱼ₍ᵢ₎)²/1ᵀΣ1 and ω_t = (1ᵀΣ1 − Σψ)/1ᵀΣ1 exactly. (With
  // near-zero factor correlations the second-order factor is not identified and ω_h is not
  // determined by R; that is not what this checks.)
  const hierarchical = fc
    .tuple(
      arbitraries.factorModel(fc, { factors: { min: 3, max: 4 }, itemsPerFactor: { min: 3, max: 5 }, crossLoadings: 0, oblique: false }),
      fc.array(fc.double({ min: 0.4, max: 0.9, noNaN: true }), { minLength: 4, maxLength: 4 }),
    )
    .map(([m, g]) => {
      const gamma = g.slice(0, m.loadings[0]!.length);
      return { loadings: m.loadings, gamma, phi: gamma.map((a, i) => gamma.map((b, j) => (i === j ? 1 : a * b))) };
    });
  it('recovers ω_h and ω_t of a higher-order model from its population correlation matrix', () => {
    fc.assert(
      fc.property(hierarchical, (m) => {
        const r = populationOf(m);
        const total = r.flat().reduce((a, b) => a + b, 0);
        const general = m.loadings.reduce((s, row) => s + row.reduce((t, l, j) => t + l * m.gamma[j]!, 0), 0);
        const uniqueness = m.loadings.reduce((s, row) => s + 1 - row.reduce((t, l) => t + l * l, 0), 0);
        const o = omega({ correlation: r, n: 500 }, { factors: m.gamma.length });
        // ω_t needs only the extracted communalities (iterated to ~1e-8); ω_h goes through two
        // iterative fits and a rotation (seen within 1e-4).
        expectClose(o.omegaTotal, (total - uniqueness) / total, 1e-6, 'ω_t');
        expectClose(o.omegaHierarchical, (general * general) / total, 5e-4, 'ω_h');
      }),
      { numRuns: numRuns(15) },
    );
  });
  it('ω_h = ω_limit·ω_t, 0 ≤ ω_h ≤ ω_t ≤ 1, h² + u² = 1, g²/h² as reported, α the standardized α of R', () => {
    fc.assert(
      fc.property(hierarchical, (m) => {
        const r = populationOf(m);
        const o = omega({ correlation: r, n: 500 }, { factors: m.gamma.length });
        expectClose(o.omegaHierarchical, o.omegaLimit * o.omegaTotal, 1e-12, 'ω_h = ω_limit·ω_t');
        expect(0 <= o.omegaHierarchical && o.omegaHierarchical <= o.omegaTotal + 1e-12 && o.omegaTotal <= 1).toBe(true);
        o.communalities.forEach((h, i) => {
          expectClose(h + o.uniquenesses[i]!, 1, 1e-12, 'h² + u²');
          expectClose(o.generalProportion[i]!, o.generalLoadings[i]! ** 2 / h, 1e-12, 'g²/h²');
        });
        // Standardized α of R after reversing the items omega reversed.
        const p = r.length;
        const sign = o.columns.map((v) => (o.reversed.includes(v) ? -1 : 1));
        let sum = 0;
        for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) if (i !== j) sum += sign[i]! * sign[j]! * r[i]![j]!;
        const rBar = sum / (p * (p - 1));
        expectClose(o.alpha, (p * rBar) / (1 + (p - 1) * rBar), 1e-10, 'α');
      }),
      { numRuns: numRuns(15) },
    );
  });
  it('does not depend on the order of the items', () => {
    fc.assert(
      fc.property(
        hierarchical.chain((m) => fc.tuple(fc.constant(m), fc.shuffledSubarray(m.loadings.map((_, i) => i), { minLength: m.loadings.length, maxLength: m.loadings.length }))),
        ([m, order]) => {
          const r = populationOf(m);
          const names = r.map((_, i) => `v${i}`);
          const k = m.gamma.length;
          const a = omega({ correlation: r, n: 500, columns: names }, { factors: k });
          const b = omega({ correlation: r, n: 500, columns: names }, { factors: k, columns: order.map((i) => names[i]!) });
          // 1e-5: the extraction and rotations iterate to tolerances near 1e-6 from a permuted start.
          for (const key of ['omegaHierarchical', 'omegaTotal', 'omegaLimit', 'alpha'] as const) expectClose(b[key], a[key], 1e-5, key);
          order.forEach((from, to) => expectClose(b.generalLoadings[to]!, a.generalLoadings[from]!, 1e-5, `g loading ${names[from]}`));
        },
      ),
      { numRuns: numRuns(10) },
    );
  });
});

describe('parallelAnalysis', () => {
  it('observed eigenvalues are those of R (sum p, descending), independent of the seed; the same seed repeats the simulation', () => {
    fc.assert(
      fc.property(arbitraries.correlationMatrix(fc, { size: { min: 3, max: 8 } }), fc.integer(), fc.integer(), (r, s1, s2) => {
        const a = parallelAnalysis({ correlation: r, n: 150 }, { resamples: 10, seed: s1 });
        const b = parallelAnalysis({ correlation: r, n: 150 }, { resamples: 10, seed: s2 });
        const ev = efa({ correlation: r, n: 150 }, { factors: 1 }).eigenvalues;
        a.observed.components.forEach((v, i) => expectClose(v, ev[i]!, 1e-10, `eigenvalue ${i}`));
        expectClose(a.observed.components.reduce((x, y) => x + y, 0), r.length, 1e-10, 'trace');
        a.observed.components.slice(1).forEach((v, i) => expect(v).toBeLessThanOrEqual(a.observed.components[i]!));
        expect(b.observed).toEqual(a.observed);
        expect(parallelAnalysis({ correlation: r, n: 150 }, { resamples: 10, seed: s1 }).simulated).toEqual(a.simulated);
        // psych's nfact/ncomp: the leading run of observed values above the simulated quantile.
        const run = (obs: readonly number[], q: readonly number[]) => obs.findIndex((v, i) => !(v > q[i]!));
        const lead = (obs: readonly number[], q: readonly number[]) => (run(obs, q) === -1 ? obs.length : run(obs, q));
        expect(a.suggestedComponents).toBe(lead(a.observed.components, a.simulated.components.quantile));
        expect(a.suggestedFactors).toBe(lead(a.observed.factors, a.simulated.factors.quantile));
      }),
      { numRuns: numRuns(20) },
    );
  });
  it('finds the number of factors of a clear structure (population R, n = 1,000)', () => {
    // Loadings ≥ .6 on ≥ 4 items give a k-th population eigenvalue ≥ 1 + 3·.36·(1 − .3) ≈ 1.76,
    // far above the 95% quantile of random eigenvalues for p ≤ 20 and n = 1,000 (about 1.3), and
    // every later one is below 1: the suggested count must be the model's.
    const clear = arbitraries.factorModel(fc, { factors: { min: 1, max: 4 }, itemsPerFactor: { min: 4, max: 5 }, loadings: { min: 0.6, max: 0.85 }, crossLoadings: 0, maxFactorCorrelation: 0.3 });
    fc.assert(
      fc.property(clear, fc.integer(), (m, seed) => {
        const pa = parallelAnalysis({ correlation: populationOf(m), n: 1000 }, { resamples: 20, seed });
        expect(pa.suggestedComponents).toBe(m.loadings[0]!.length);
      }),
      { numRuns: numRuns(10) },
    );
  });
});
