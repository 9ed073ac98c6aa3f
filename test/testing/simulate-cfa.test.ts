// simulate.cfa, simulate.sem and arbitraries.cfaModel: the population truth is computed here
// independently (ml-matrix, explicit loops), the draws are reproduced by hand, and cfa/sem fitted
// to large samples recover the population parameter tables within a few of their own SEs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CholeskyDecomposition, Matrix, inverse } from 'ml-matrix';
import { cfa, isPsychkitError, randomStream, sem, type SemParameter } from '../../src/index.js';
import { arbitraries, simulate, type SimulatedParameter } from '../../src/testing/index.js';
import { expectClose } from '../helpers/close.js';
import { numRuns } from '../helpers/runs.js';
import { columnsOf, sampleCovariance } from './moments.js';

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (isPsychkitError(e)) return e.code;
    throw e;
  }
  return 'none';
};

const key = (r: { lhs: string; op: string; rhs: string }) => `${r.lhs} ${r.op} ${r.rhs}`;
/** fast-check's seed for the statistical properties (deterministic, as test/properties/consistency.test.ts). */
const SEED = 20_261_123;
/** Band in SEs: a correct estimator leaves it with probability 7e-6 per comparison. */
const BAND = 4.5;

/** ΛΦΛᵀ + Θ with ml-matrix. */
function implied(loadings: readonly (readonly number[])[], phi: readonly (readonly number[])[], theta: readonly number[]): Matrix {
  const L = new Matrix(loadings.map((r) => [...r]));
  return L.mmul(new Matrix(phi.map((r) => [...r]))).mmul(L.transpose()).add(Matrix.diag([...theta]));
}

/**
 * Σ rebuilt from a parameter table alone: Λ from `=~`, B from `~`, Ψ and Θ from `~~`:
 * Λ(I − B)⁻¹Ψ(I − B)⁻ᵀΛᵀ + Θ. Checks that a scaling's rows describe the same population.
 */
function sigmaFromRows(rows: readonly SimulatedParameter[], items: readonly string[], latent: readonly string[]): Matrix {
  const p = items.length;
  const m = latent.length;
  const L = Matrix.zeros(p, m);
  const B = Matrix.zeros(m, m);
  const Psi = Matrix.zeros(m, m);
  const Theta = Matrix.zeros(p, p);
  for (const r of rows) {
    if (r.op === '=~') L.set(items.indexOf(r.rhs), latent.indexOf(r.lhs), r.estimate);
    if (r.op === '~') B.set(latent.indexOf(r.lhs), latent.indexOf(r.rhs), r.estimate);
    if (r.op === '~~' && latent.includes(r.lhs)) {
      Psi.set(latent.indexOf(r.lhs), latent.indexOf(r.rhs), r.estimate);
      Psi.set(latent.indexOf(r.rhs), latent.indexOf(r.lhs), r.estimate);
    }
    if (r.op === '~~' && items.includes(r.lhs)) Theta.set(items.indexOf(r.lhs), items.indexOf(r.lhs), r.estimate);
  }
  const A = inverse(Matrix.eye(m).sub(B));
  return L.mmul(A).mmul(Psi).mmul(A.transpose()).mmul(L.transpose()).add(Theta);
}

function expectMatrixClose(actual: readonly (readonly number[])[], expected: Matrix, tol: number, what: string): void {
  expected.to2DArray().forEach((row, i) => row.forEach((v, j) => expectClose(actual[i]![j]!, v, tol * Math.max(1, Math.abs(v)), `${what}[${i}][${j}]`)));
}

/** Every free row of a fit within BAND of its SEs of the truth, and the rows in the same order. */
function expectRecovered(fit: readonly SemParameter[], truth: readonly SimulatedParameter[], what: string): void {
  expect(fit.map(key), `${what}: rows`).toEqual(truth.map(key));
  fit.forEach((r, i) => {
    const t = truth[i]!;
    expect(r.free, `${what}: ${key(r)} free`).toBe(t.free);
    expect(r.label, `${what}: ${key(r)} label`).toBe(t.label);
    if (r.se === null) expectClose(r.estimate, t.estimate, 1e-12, `${what}: fixed ${key(r)}`);
    else expectClose(r.estimate, t.estimate, BAND * r.se, `${what}: ${key(r)} (SE ${r.se})`);
  });
}

const raw = {
  loadings: [[1.2, 0], [0.8, 0], [0.6, 0.3], [0, 0.9], [0, 1.5], [0, 0.5]],
  factorCovariance: [[2, 0.5], [0.5, 0.8]],
  residualVariances: [1, 0.5, 0.7, 0.4, 1.2, 0.3],
  intercepts: [1, 2, 3, 4, 5, 6],
};

describe('simulate.cfa: population truth', () => {
  it('Σ = ΛΦΛᵀ + Θ, and the syntax, standardized loadings and marker/std.lv rows follow from it', () => {
    const sim = simulate.cfa({ ...raw, n: 1, seed: 1 });
    const S = implied(raw.loadings, raw.factorCovariance, raw.residualVariances);
    expectMatrixClose(sim.population.covariance, S, 1e-14, 'Σ');
    expect(sim.population.model).toBe('f1 =~ item1 + item2 + item3\nf2 =~ item3 + item4 + item5 + item6');
    expect(sim.items).toEqual(['item1', 'item2', 'item3', 'item4', 'item5', 'item6']);
    expect(sim.factors).toEqual(['f1', 'f2']);
    // std.all of item3 on f2: 0.3·√0.8 / √Σ₃₃.
    expectClose(sim.population.standardizedLoadings[2]![1]!, (0.3 * Math.sqrt(0.8)) / Math.sqrt(S.get(2, 2)), 1e-15, 'λ*₃₂');
    expectClose(sim.population.factorCorrelation[0]![1]!, 0.5 / Math.sqrt(1.6), 1e-15, 'φ₁₂ as a correlation');
    const marker = new Map(sim.population.parameters.marker.map((r) => [key(r), r]));
    expect(marker.get('f1 =~ item1')).toMatchObject({ free: false, estimate: 1 });
    expectClose(marker.get('f1 =~ item2')!.estimate, 0.8 / 1.2, 1e-15, 'marker λ₂');
    expectClose(marker.get('f2 =~ item5')!.estimate, 1.5 / 0.3, 1e-14, 'marker λ₅ (f2 marked by item3)');
    expectClose(marker.get('f1 ~~ f1')!.estimate, 1.2 ** 2 * 2, 1e-14, 'marker φ₁₁');
    expectClose(marker.get('f1 ~~ f2')!.estimate, 1.2 * 0.3 * 0.5, 1e-15, 'marker φ₁₂');
    expectClose(marker.get('item6 ~1 ')!.stdAll, 6 / Math.sqrt(S.get(5, 5)), 1e-15, 'ν₆ std.all');
    const stdLv = new Map(sim.population.parameters.stdLv.map((r) => [key(r), r]));
    expect(stdLv.get('f2 ~~ f2')).toMatchObject({ free: false, estimate: 1 });
    expectClose(stdLv.get('f2 =~ item5')!.estimate, 1.5 * Math.sqrt(0.8), 1e-15, 'std.lv λ₅');
    // The standardized columns do not depend on the scaling.
    for (const r of sim.population.parameters.marker) {
      expect(stdLv.get(key(r))!.stdLv).toBe(r.stdLv);
      expect(stdLv.get(key(r))!.stdAll).toBe(r.stdAll);
    }
  });

  it('defaults: Φ = I and θ = 1 − λᵀΦλ, so the loadings are standardized (as simulate.factorModel)', () => {
    const loadings = [[0.7, 0], [0.6, 0.2], [0.5, 0], [0, 0.7], [0, 0.6]];
    const sim = simulate.cfa({ loadings, n: 1, seed: 1 });
    const fm = simulate.factorModel({ loadings, n: 1, seed: 1 });
    expectMatrixClose(sim.population.covariance, new Matrix(fm.population.latent.correlation.map((r) => [...r])), 1e-15, 'Σ');
    expect(sim.population.standardizedLoadings.flat().map((v) => +v.toFixed(12))).toEqual(loadings.flat());
  });

  it('property: for any generated model, Σ = ΛΦΛᵀ + Θ and both scalings reproduce Σ', () => {
    fc.assert(
      fc.property(arbitraries.cfaModel(fc, { factors: { min: 1, max: 4 } }), (model) => {
        const sim = simulate.cfa({ ...model, n: 1, seed: 1 });
        const S = implied(model.loadings, model.factorCovariance, model.residualVariances);
        expectMatrixClose(sim.population.covariance, S, 1e-12, 'Σ');
        for (const scaling of ['marker', 'stdLv'] as const) {
          expectMatrixClose(sim.population.covariance, sigmaFromRows(sim.population.parameters[scaling], sim.items, sim.factors), 1e-12, `Σ from the ${scaling} rows`);
        }
        const m = sim.factors.length;
        expect(sim.population.parameters.marker.filter((r) => r.op === '=~' && !r.free)).toHaveLength(m);
        expect(sim.population.parameters.stdLv.filter((r) => r.op === '~~' && !r.free)).toHaveLength(m);
      }),
      { numRuns: numRuns(40) },
    );
  });
});

describe('simulate.cfa: draws', () => {
  it('reproduces by hand: per row p normals z, x = ν + Lz with LLᵀ = Σ', () => {
    const sim = simulate.cfa({ ...raw, n: 3, seed: 'pin', shape: 'matrix' });
    const S = implied(raw.loadings, raw.factorCovariance, raw.residualVariances);
    const L = new CholeskyDecomposition(S.add(S.transpose()).div(2)).lowerTriangularMatrix;
    const rng = randomStream('pin');
    for (let i = 0; i < 3; i++) {
      const z = Matrix.columnVector(raw.intercepts.map(() => rng.normal()));
      const x = L.mmul(z).to1DArray().map((v, j) => v + raw.intercepts[j]!);
      x.forEach((v, j) => expectClose(sim.data[i]![j]!, v, 1e-13, `row ${i} item ${j}`));
    }
  });

  it('the sample mean and covariance converge to ν and Σ (n = 200,000)', () => {
    const n = 200_000;
    const sim = simulate.cfa({ ...raw, n, seed: 7, shape: 'columns' });
    const cols = columnsOf(sim.data, sim.items);
    const S = sampleCovariance(cols);
    const sigma = sim.population.covariance;
    cols.forEach((c, j) => {
      const mean = c.reduce((s, v) => s + v, 0) / n;
      expectClose(mean, raw.intercepts[j]!, BAND * Math.sqrt(sigma[j]![j]! / n), `mean ${j}`);
    });
    sigma.forEach((row, i) =>
      row.forEach((s, j) => expectClose(S[i]![j]!, s, BAND * Math.sqrt((sigma[i]![i]! * sigma[j]![j]! + s * s) / n), `cov ${i},${j}`)),
    );
  });

  it('lays out the same draws as rows, columns and matrix, with names', () => {
    const base = { loadings: [[0.8], [0.7], [0.6]], n: 4, seed: 3, names: ['a', 'b', 'c'], factorNames: ['g'] };
    const rows = simulate.cfa(base);
    const cols = simulate.cfa({ ...base, shape: 'columns' });
    const mat = simulate.cfa({ ...base, shape: 'matrix' });
    expect(rows.population.model).toBe('g =~ a + b + c');
    expect(rows.data.map((r) => [r['a'], r['b'], r['c']])).toEqual(mat.data);
    expect(cols.data['b']).toEqual(mat.data.map((r) => r[1]));
    expect(Object.isFrozen(rows.data[0])).toBe(true);
    expect(JSON.parse(JSON.stringify(rows.population))).toEqual(rows.population);
  });

  it('missing: MCAR cells are null, about the share asked for, and the rest is the complete data', () => {
    const n = 2000;
    const q = 0.15;
    const full = simulate.cfa({ ...raw, n, seed: 11, shape: 'matrix' });
    const holes = simulate.cfa({ ...raw, n, seed: 11, shape: 'matrix', missing: q });
    let count = 0;
    holes.data.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === null) count++;
        else expect(v).toBe(full.data[i]![j]);
      }),
    );
    expect(count).toBe(holes.nMissing);
    expect(full.nMissing).toBe(0);
    const cells = n * raw.intercepts.length;
    expectClose(count / cells, q, BAND * Math.sqrt((q * (1 - q)) / cells), 'missing share');
  });
});

describe('cfa recovers the simulated truth', () => {
  it('property: both scalings within 4.5 SE at n = 5,000, std.all too, rows in the same order', () => {
    const n = 5000;
    fc.assert(
      fc.property(arbitraries.cfaModel(fc, { factors: { min: 1, max: 3 }, itemsPerFactor: { min: 3, max: 4 } }), fc.integer({ min: 0, max: 1e6 }), (model, seed) => {
        const sim = simulate.cfa({ ...model, n, seed, shape: 'columns' });
        const marker = cfa(sim.data, { model: sim.population.model, meanStructure: true });
        const stdLv = cfa(sim.data, { model: sim.population.model, meanStructure: true, stdLv: true });
        expect(marker.converged && stdLv.converged).toBe(true);
        expectRecovered(marker.parameters, sim.population.parameters.marker, 'marker');
        expectRecovered(stdLv.parameters, sim.population.parameters.stdLv, 'stdLv');
        // std.all of a loading is λ°/sd(x): its SE is at most √(SE(λ°)²/σ² + λ*²/2n).
        stdLv.parameters.forEach((r, i) => {
          if (r.op !== '=~') return;
          const truth = sim.population.parameters.stdLv[i]!;
          const sd = Math.sqrt(sim.population.covariance[sim.items.indexOf(r.rhs)]![sim.items.indexOf(r.rhs)]!);
          const tol = BAND * Math.sqrt((r.se! / sd) ** 2 + truth.stdAll ** 2 / (2 * n));
          expectClose(r.stdAll!, truth.stdAll, tol, `std.all ${key(r)}`);
          expectClose(marker.parameters[i]!.stdAll!, truth.stdAll, tol, `std.all ${key(r)} (marker fit)`);
        });
      }),
      { numRuns: numRuns(5), seed: SEED },
    );
  });

  it('the SEs cfa reports agree with the SD of the estimates over 200 seeds (within 25%)', () => {
    const R = 200;
    const model = { loadings: [[1.2], [0.9], [0.7], [0.5]], factorCovariance: [[1.5]], residualVariances: [0.6, 0.8, 0.5, 0.9] };
    const estimates: number[][] = [];
    const ses: number[][] = [];
    let names: string[] = [];
    for (let r = 0; r < R; r++) {
      const sim = simulate.cfa({ ...model, n: 300, seed: `se-${r}`, shape: 'columns' });
      const fit = cfa(sim.data, { model: sim.population.model });
      const free = fit.parameters.filter((p) => p.free);
      names = free.map(key);
      estimates.push(free.map((p) => p.estimate));
      ses.push(free.map((p) => p.se!));
    }
    names.forEach((name, k) => {
      const est = estimates.map((e) => e[k]!);
      const mean = est.reduce((s, v) => s + v, 0) / R;
      const sd = Math.sqrt(est.reduce((s, v) => s + (v - mean) ** 2, 0) / (R - 1));
      const se = ses.reduce((s, e) => s + e[k]!, 0) / R;
      // The SD of an SD over 200 draws is about 5%: ±25% is five of them.
      expect(se / sd, `${name}: mean SE ${se} vs SD ${sd}`).toBeGreaterThan(0.8);
      expect(se / sd, `${name}: mean SE ${se} vs SD ${sd}`).toBeLessThan(1.25);
    });
  });

  it('with MCAR missing cells, cfa(…, { missing: "fiml" }) recovers the truth', () => {
    const sim = simulate.cfa({ ...raw, n: 2000, seed: 5, shape: 'columns', missing: 0.15 });
    const fit = cfa(sim.data, { model: sim.population.model, missing: 'fiml' });
    expect(fit.n).toBe(2000);
    expectRecovered(fit.parameters, sim.population.parameters.marker, 'fiml');
  });
});

const mediationPaths = (a: number, b: number, c: number) => [
  { outcome: 'm', predictor: 'x', coefficient: a, label: 'a' },
  { outcome: 'y', predictor: 'm', coefficient: b, label: 'b' },
  { outcome: 'y', predictor: 'x', coefficient: c, label: 'c' },
];

describe('simulate.sem: population truth', () => {
  it('X → M → Y: labelled syntax, ind := a*b, unit latent variances, Σ from (I − B)⁻¹', () => {
    const sim = simulate.sem({ measurement: { x: [0.8, 0.7, 0.6], m: [0.8, 0.7, 0.6], y: [0.9, 0.7, 0.5] }, regressions: mediationPaths(0.5, 0.4, 0.1), n: 1, seed: 1 });
    expect(sim.population.model).toBe('x =~ x1 + x2 + x3\nm =~ m1 + m2 + m3\ny =~ y1 + y2 + y3\nm ~ a*x\ny ~ b*m + c*x\nind_x_y := a*b');
    expect(sim.indicators).toEqual({ x: ['x1', 'x2', 'x3'], m: ['m1', 'm2', 'm3'], y: ['y1', 'y2', 'y3'] });
    expect(sim.population.indirect).toEqual([{ name: 'ind_x_y', from: 'x', to: 'y', paths: [['x', 'm', 'y']], effect: 0.2, standardized: expect.closeTo(0.2, 14) }]);
    sim.population.latentCovariance.forEach((row, i) => expectClose(row[i]!, 1, 1e-14, `var(η${i})`));
    expectClose(sim.population.rSquared['y']!, 0.4 ** 2 + 0.1 ** 2 + 2 * 0.4 * 0.1 * 0.5, 1e-15, 'R²(y)');
    sim.population.covariance.forEach((row, i) => expectClose(row[i]!, 1, 1e-14, `var(item ${i})`));
    const ind = sim.population.parameters.marker.find((r) => r.op === ':=')!;
    expect(ind).toMatchObject({ lhs: 'ind_x_y', rhs: 'a*b', label: 'ind_x_y', free: false });
    // Marker units: a′b′ = a·(λ_m/λ_x)·b·(λ_y/λ_m) = ab·λ_y/λ_x.
    expectClose(ind.estimate, (0.2 * 0.9) / 0.8, 1e-15, 'ind (marker)');
  });

  it("serial and parallel paths, latentResiduals: 'unit': indirect effects are (I − B)⁻¹ − I − B, both scalings reproduce Σ", () => {
    const regressions = [
      { outcome: 'm1', predictor: 'x', coefficient: 0.6 },
      { outcome: 'm2', predictor: 'x', coefficient: -0.4 },
      { outcome: 'm2', predictor: 'm1', coefficient: 0.3 },
      { outcome: 'y', predictor: 'm1', coefficient: 0.5 },
      { outcome: 'y', predictor: 'm2', coefficient: 0.7 },
      { outcome: 'z', predictor: 'x', coefficient: 0.2 },
    ];
    const measurement = { x: [1, 0.8, 0.6], m1: [0.9, 0.7, 1.1], m2: [1.2, 0.5, 0.8], y: [1, 1, 1], z: [0.5, 0.6, 0.7] };
    const sim = simulate.sem({ measurement, regressions, latentResiduals: 'unit', residualVariances: new Array<number>(15).fill(0.5), n: 1, seed: 1 });
    const latent = sim.latent;
    expect(latent).toEqual(['x', 'm1', 'm2', 'y', 'z']);
    const B = Matrix.zeros(5, 5);
    for (const r of regressions) B.set(latent.indexOf(r.outcome), latent.indexOf(r.predictor), r.coefficient);
    const A = inverse(Matrix.eye(5).sub(B));
    const indirect = A.clone().sub(Matrix.eye(5)).sub(B);
    expect(sim.population.indirect.map((e) => e.name)).toEqual(['ind_x_m2', 'ind_x_y', 'ind_m1_y']);
    for (const e of sim.population.indirect) expectClose(e.effect, indirect.get(latent.indexOf(e.to), latent.indexOf(e.from)), 1e-15, e.name);
    expect(sim.population.model.split('\n').slice(5)).toEqual([
      'm1 ~ m1_x*x',
      'm2 ~ m2_x*x + m2_m1*m1',
      'y ~ y_m1*m1 + y_m2*m2',
      'z ~ z_x*x',
      'ind_x_m2 := m1_x*m2_m1',
      'ind_x_y := m1_x*m2_m1*y_m2 + m1_x*y_m1 + m2_x*y_m2',
      'ind_m1_y := m2_m1*y_m2',
    ]);
    expectMatrixClose(sim.population.latentCovariance, A.mmul(A.transpose()), 1e-14, 'V');
    for (const scaling of ['marker', 'stdLv'] as const) {
      expectMatrixClose(sim.population.covariance, sigmaFromRows(sim.population.parameters[scaling], sim.items, latent), 1e-12, `Σ from the ${scaling} rows`);
    }
    // lavaan's free covariances: none among exogenous latents (x alone), y ~~ z among pure outcomes.
    expect(sim.population.parameters.marker.filter((r) => r.op === '~~' && r.lhs !== r.rhs).map(key)).toEqual(['y ~~ z']);
  });
});

describe('sem recovers the simulated truth', () => {
  it('property: a·b and every free row within 4.5 SE at n = 3,000, in both scalings', () => {
    const n = 3000;
    const path = (lo: number, hi: number) => fc.tuple(fc.integer({ min: lo, max: hi }), fc.boolean()).map(([v, s]) => (s ? -v : v) / 100);
    const loading = fc.integer({ min: 50, max: 90 }).map((v) => v / 100);
    const indicators = fc.array(loading, { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(path(20, 60), path(20, 60), path(0, 30), fc.record({ x: indicators, m: indicators, y: indicators }), fc.integer({ min: 0, max: 1e6 }), (a, b, c, measurement, seed) => {
        const sim = simulate.sem({ measurement, regressions: mediationPaths(a, b, c), n, seed, shape: 'columns' });
        const truth = sim.population.indirect[0]!;
        expectClose(truth.standardized, a * b, 1e-12, 'standardized a·b');
        for (const scaling of ['marker', 'stdLv'] as const) {
          const fit = sem(sim.data, { model: sim.population.model, meanStructure: true, stdLv: scaling === 'stdLv' });
          expectRecovered(fit.parameters, sim.population.parameters[scaling], scaling);
          const ind = fit.parameters.find((r) => r.lhs === 'ind_x_y')!;
          const t = sim.population.parameters[scaling].find((r) => r.lhs === 'ind_x_y')!;
          // std.all of a·b: the relative error of the estimate, plus that of the SD ratio.
          const tol = BAND * (Math.abs(t.stdAll / t.estimate) * ind.se! + Math.abs(t.stdAll) / Math.sqrt(n));
          expectClose(ind.stdAll!, t.stdAll, tol, `${scaling}: std.all of a·b`);
        }
      }),
      { numRuns: numRuns(3), seed: SEED },
    );
  });
});

describe('arbitraries.cfaModel', () => {
  it('property: identified models — ≥ 3 indicators per factor, loadings away from 0, Φ positive definite, θ > 0', () => {
    fc.assert(
      fc.property(arbitraries.cfaModel(fc, { factors: { min: 1, max: 4 }, itemsPerFactor: { min: 3, max: 6 }, loadings: { min: 0.3, max: 0.8 } }), (model) => {
        const m = model.factorCovariance.length;
        for (let f = 0; f < m; f++) expect(model.loadings.filter((row) => row[f] !== 0).length).toBeGreaterThanOrEqual(3);
        for (const row of model.loadings) expect(row.filter((v) => v !== 0)).toHaveLength(1);
        expect(new CholeskyDecomposition(new Matrix(model.factorCovariance)).isPositiveDefinite()).toBe(true);
        expect(model.residualVariances.every((t) => t > 0)).toBe(true);
        const sim = simulate.cfa({ ...model, n: 1, seed: 1 });
        for (const v of sim.population.standardizedLoadings.flat()) if (v !== 0) expect(v >= 0.3 - 1e-12 && v <= 0.8 + 1e-12).toBe(true);
      }),
      { numRuns: numRuns(60) },
    );
  });

  it('standardized: true gives unit item and factor variances', () => {
    for (const model of fc.sample(arbitraries.cfaModel(fc, { standardized: true }), { numRuns: 20, seed: 1 })) {
      const sim = simulate.cfa({ ...model, n: 1, seed: 1 });
      sim.population.covariance.forEach((row, i) => expectClose(row[i]!, 1, 1e-12, 'var'));
      model.factorCovariance.forEach((row, i) => expect(row[i]).toBe(1));
    }
  });

  it('validates its options', () => {
    expect(codeOf(() => arbitraries.cfaModel(fc, { itemsPerFactor: 2 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => arbitraries.cfaModel(fc, { loadings: { min: 0 } }))).toBe('INVALID_OPTION');
    expect(codeOf(() => arbitraries.cfaModel(fc, { loadings: { min: 0.8, max: 0.5 } }))).toBe('INVALID_OPTION');
    expect(codeOf(() => arbitraries.cfaModel(fc, { standardized: 'yes' as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => arbitraries.cfaModel({} as never))).toBe('INVALID_OPTION');
  });
});

describe('validation', () => {
  const ok = { loadings: [[0.7], [0.6], [0.5]], n: 5, seed: 1 };
  it.each([
    ['no options', () => simulate.cfa(undefined as never), 'INVALID_OPTION'],
    ['unknown key', () => simulate.cfa({ ...ok, phi: [[1]] } as never), 'INVALID_OPTION'],
    ['no seed', () => simulate.cfa({ ...ok, seed: undefined as never }), 'INVALID_OPTION'],
    ['an item without a loading', () => simulate.cfa({ ...ok, loadings: [[0.7, 0], [0.6, 0], [0, 0]] }), 'INVALID_OPTION'],
    ['a factor without an item', () => simulate.cfa({ ...ok, loadings: [[0.7, 0], [0.6, 0]] }), 'INVALID_OPTION'],
    ['communality ≥ 1 with default θ', () => simulate.cfa({ ...ok, loadings: [[1.2], [0.6]] }), 'INVALID_OPTION'],
    ['θ ≤ 0', () => simulate.cfa({ ...ok, residualVariances: [0.5, 0, 0.5] }), 'INVALID_OPTION'],
    ['Φ not positive definite', () => simulate.cfa({ ...ok, loadings: [[0.5, 0], [0, 0.5]], factorCovariance: [[1, 2], [2, 1]] }), 'INVALID_OPTION'],
    ['Φ not symmetric', () => simulate.cfa({ ...ok, loadings: [[0.5, 0], [0, 0.5]], factorCovariance: [[1, 0.2], [0.3, 1]] }), 'INVALID_OPTION'],
    ['missing = 1', () => simulate.cfa({ ...ok, missing: 1 }), 'INVALID_OPTION'],
    ['a name lavaan cannot read', () => simulate.cfa({ ...ok, names: ['a b', 'c', 'd'] }), 'INVALID_OPTION'],
    ['an item named like a factor', () => simulate.cfa({ ...ok, names: ['f1', 'b', 'c'] }), 'DUPLICATE_NAME'],
    ['overflowing loadings', () => simulate.cfa({ ...ok, loadings: [[1e200], [1], [1]], residualVariances: [1, 1, 1] }), 'INVALID_OPTION'],
    ['sem: unknown latent in a path', () => simulate.sem({ measurement: { x: [0.7, 0.6, 0.5] }, regressions: [{ outcome: 'y', predictor: 'x', coefficient: 0.3 }], n: 5, seed: 1 }), 'INVALID_OPTION'],
    [
      'sem: a cycle',
      () =>
        simulate.sem({
          measurement: { x: [0.7, 0.6, 0.5], y: [0.7, 0.6, 0.5] },
          regressions: [
            { outcome: 'y', predictor: 'x', coefficient: 0.3 },
            { outcome: 'x', predictor: 'y', coefficient: 0.3 },
          ],
          n: 5,
          seed: 1,
        }),
      'INVALID_OPTION',
    ],
    ['sem: R² ≥ 1', () => simulate.sem({ measurement: { x: [0.7, 0.6, 0.5], y: [0.7, 0.6, 0.5] }, regressions: [{ outcome: 'y', predictor: 'x', coefficient: 1.1 }], n: 5, seed: 1 }), 'INVALID_OPTION'],
    ['sem: a zero loading', () => simulate.sem({ measurement: { x: [0.7, 0, 0.5] }, regressions: [], n: 5, seed: 1 }), 'INVALID_OPTION'],
    ['sem: a label equal to an item', () => simulate.sem({ measurement: { x: [0.7, 0.6, 0.5], y: [0.7, 0.6, 0.5] }, regressions: [{ outcome: 'y', predictor: 'x', coefficient: 0.3, label: 'x1' }], n: 5, seed: 1 }), 'DUPLICATE_NAME'],
    ['sem: unknown key in a path', () => simulate.sem({ measurement: { x: [0.7, 0.6, 0.5], y: [0.7, 0.6, 0.5] }, regressions: [{ outcome: 'y', predictor: 'x', coefficient: 0.3, lable: 'a' } as never], n: 5, seed: 1 }), 'INVALID_OPTION'],
  ])('%s', (_, call, code) => {
    expect(codeOf(call)).toBe(code);
  });
});
