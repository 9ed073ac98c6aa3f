import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix, inverse, solve } from 'ml-matrix';
import { arbitraries, simulate, type MediationSample } from '../../src/testing/index.js';
import { isPsychkitError } from '../../src/index.js';
import { expectClose } from '../helpers/close.js';
import { numRuns } from '../helpers/runs.js';
import { columnsOf, ols } from './moments.js';

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (isPsychkitError(e)) return e.code;
    throw e;
  }
  return 'none';
};

/** Population regression of `y` on `xs` from a covariance matrix (all means 0): Σxx⁻¹ σxy. */
function populationRegression(sim: MediationSample<'rows'> | MediationSample<'columns'>, y: string, xs: readonly string[]): number[] {
  const names = sim.population.variables;
  const S = sim.population.covariance;
  const idx = (n: string) => names.indexOf(n);
  const Sxx = new Matrix(xs.map((a) => xs.map((b) => S[idx(a)]?.[idx(b)] as number)));
  const sxy = Matrix.columnVector(xs.map((a) => S[idx(a)]?.[idx(y)] as number));
  return solve(Sxx, sxy).to1DArray();
}

/** Σ = (I − B)⁻¹ Ψ (I − B)⁻ᵀ with an explicit inverse: a different route from the simulator's recursion. */
function impliedCovariance(B: number[][], psi: number[]): Matrix {
  const v = psi.length;
  const IB = Matrix.eye(v).sub(new Matrix(B));
  const inv = inverse(IB);
  return inv.mmul(Matrix.diag(psi)).mmul(inv.transpose());
}

describe('simulate.mediation: population truth', () => {
  it('model 4: the covariance matrix equals (I − B)⁻¹Ψ(I − B)⁻ᵀ and encodes the stated paths', () => {
    const sim = simulate.mediation({
      model: 4,
      paths: { a: [0.5, -0.3], b: [0.4, 0.25], direct: 0.2 },
      covariates: [{ x: 0.3, mediators: [0.2, 0.1], y: -0.15 }],
      n: 1,
      seed: 1,
    });
    // Causal order c1, x, m1, m2, y; B[i][j] = effect of j on i.
    const B = [
      [0, 0, 0, 0, 0],
      [0.3, 0, 0, 0, 0],
      [0.2, 0.5, 0, 0, 0],
      [0.1, -0.3, 0, 0, 0],
      [-0.15, 0.2, 0.4, 0.25, 0],
    ];
    const S = impliedCovariance(B, [1, 1, 1, 1, 1]);
    const causal = ['c1', 'x', 'm1', 'm2', 'y'];
    const names = sim.population.variables;
    expect(names).toEqual(['x', 'm1', 'm2', 'y', 'c1']);
    names.forEach((a, i) =>
      names.forEach((b, j) => expectClose(sim.population.covariance[i]?.[j] as number, S.get(causal.indexOf(a), causal.indexOf(b)), 1e-14, `Σ ${a},${b}`)),
    );
    // Regressions on the population covariance recover the paths and the total effect.
    const [cPrime, b1, b2] = populationRegression(sim, 'y', ['x', 'm1', 'm2', 'c1']);
    expectClose(cPrime as number, 0.2, 1e-13, 'c′');
    expectClose(b1 as number, 0.4, 1e-13, 'b1');
    expectClose(b2 as number, 0.25, 1e-13, 'b2');
    expectClose(populationRegression(sim, 'm1', ['x', 'c1'])[0] as number, 0.5, 1e-13, 'a1');
    const [total] = populationRegression(sim, 'y', ['x', 'c1']);
    expectClose(sim.population.total, total as number, 1e-13, 'total c');
    expect(sim.population.indirect.map((e) => e.label)).toEqual(['m1', 'm2']);
    expectClose(sim.population.indirect[0]?.effect as number, 0.2, 1e-15, 'a1b1');
    expectClose(sim.population.indirect[1]?.effect as number, -0.075, 1e-15, 'a2b2');
    expectClose(sim.population.totalIndirect, 0.125, 1e-15, 'total indirect');
  });

  it('model 6: 2ᵏ − 1 specific indirect effects whose sum is the total minus the direct effect', () => {
    fc.assert(
      fc.property(arbitraries.mediationModel(fc, { models: [6], mediators: { min: 2, max: 4 }, n: 1 }), (spec) => {
        const sim = simulate.mediation(spec);
        const k = spec.paths.a.length;
        expect(sim.population.indirect).toHaveLength(2 ** k - 1);
        const covariates = sim.variables.covariates;
        const [total] = populationRegression(sim, 'y', ['x', ...covariates]);
        expectClose(sim.population.direct + sim.population.totalIndirect, total as number, 1e-10, 'c = c′ + Σ indirect');
        expectClose(sim.population.total, total as number, 1e-10, 'total');
        const yOnAll = populationRegression(sim, 'y', ['x', ...sim.variables.mediators, ...covariates]);
        expectClose(yOnAll[0] as number, spec.paths.direct, 1e-10, 'c′');
        const labels = sim.population.indirect.map((e) => e.label);
        expect(new Set(labels).size).toBe(labels.length);
      }),
      { numRuns: numRuns(50) },
    );
  });

  it('model 6 serial path effects are the products along each path', () => {
    const sim = simulate.mediation({
      model: 6,
      paths: { a: [0.5, 0.2, 0.1], b: [0.3, 0.4, 0.5], d: [[0, 0, 0], [0.6, 0, 0], [0.2, 0.7, 0]], direct: 0 },
      n: 1,
      seed: 1,
    });
    const effect = Object.fromEntries(sim.population.indirect.map((e) => [e.label, e.effect]));
    expectClose(effect['x -> m1 -> y'] as number, 0.5 * 0.3, 1e-15, 'a1b1');
    expectClose(effect['x -> m1 -> m2 -> y'] as number, 0.5 * 0.6 * 0.4, 1e-15, 'a1d21b2');
    expectClose(effect['x -> m1 -> m3 -> y'] as number, 0.5 * 0.2 * 0.5, 1e-15, 'a1d31b3');
    expectClose(effect['x -> m1 -> m2 -> m3 -> y'] as number, 0.5 * 0.6 * 0.7 * 0.5, 1e-15, 'a1d21d32b3');
    expectClose(effect['x -> m2 -> m3 -> y'] as number, 0.2 * 0.7 * 0.5, 1e-15, 'a2d32b3');
    expect(sim.population.indirect).toHaveLength(7);
  });

  it("residuals: 'standardized' gives every variable unit variance and standardized paths", () => {
    fc.assert(
      fc.property(arbitraries.mediationModel(fc, { maxPath: 0.4, mediators: { min: 1, max: 3 }, covariates: { min: 0, max: 1 } }), (spec) => {
        let sim;
        try {
          sim = simulate.mediation({ ...spec, n: 1, residuals: 'standardized' });
        } catch (e) {
          // Some path sets explain ≥ 100% of a variance once variables are standardized.
          expect(isPsychkitError(e) && e.code === 'INVALID_OPTION').toBe(true);
          return;
        }
        sim.population.covariance.forEach((row, i) => expectClose(row[i] as number, 1, 1e-12, `var ${sim.population.variables[i]}`));
        for (const [name, r2] of Object.entries(sim.population.rSquared)) {
          expectClose(r2 + (sim.population.residualVariances[name] as number), 1, 1e-12, `R² + ψ ${name}`);
        }
      }),
      { numRuns: numRuns(50) },
    );
  });
});

describe('simulate.mediation: samples converge to the population', () => {
  const n = 20_000;
  it('OLS paths lie within 4 SE of the truth and a·b within 4 (first-order) delta-method SEs', () => {
    const sim = simulate.mediation({
      model: 4,
      paths: { a: [0.4, 0.25], b: [0.3, -0.2], direct: 0.15 },
      covariates: [{ x: 0.5, mediators: 0.2, y: 0.3 }],
      n,
      seed: 'ols',
      shape: 'columns',
    });
    const [x, m1, m2, y, c1] = columnsOf(sim.data, ['x', 'm1', 'm2', 'y', 'c1']) as Float64Array[];
    const fitM1 = ols(m1 as Float64Array, [x as Float64Array, c1 as Float64Array]);
    const fitM2 = ols(m2 as Float64Array, [x as Float64Array, c1 as Float64Array]);
    const fitY = ols(y as Float64Array, [x as Float64Array, m1 as Float64Array, m2 as Float64Array, c1 as Float64Array]);
    const within = (est: number, se: number, truth: number, what: string) => expectClose(est, truth, 4 * se, what);
    within(fitM1.coef[0] as number, fitM1.se[0] as number, 0.4, 'a1');
    within(fitM2.coef[0] as number, fitM2.se[0] as number, 0.25, 'a2');
    within(fitY.coef[0] as number, fitY.se[0] as number, 0.15, 'c′');
    within(fitY.coef[1] as number, fitY.se[1] as number, 0.3, 'b1');
    within(fitY.coef[2] as number, fitY.se[2] as number, -0.2, 'b2');
    within(fitY.coef[3] as number, fitY.se[3] as number, 0.3, 'covariate → y');
    const [a1, sa] = [fitM1.coef[0] as number, fitM1.se[0] as number];
    const [b1, sb] = [fitY.coef[1] as number, fitY.se[1] as number];
    within(a1 * b1, Math.sqrt(a1 * a1 * sb * sb + b1 * b1 * sa * sa), sim.population.indirect[0]?.effect as number, 'a1·b1');
  });
  it('sample variances of standardized variables lie within 4 SE (√(2/n)) of 1', () => {
    const sim = simulate.mediation({
      model: 6,
      paths: { a: [0.4, 0.3], b: [0.3, 0.3], d: [[0, 0], [0.4, 0]], direct: 0.1 },
      residuals: 'standardized',
      n,
      seed: 3,
      shape: 'matrix',
    });
    const cols = columnsOf(sim.data, sim.population.variables);
    for (const c of cols) {
      const mean = c.reduce((s, v) => s + v, 0) / n;
      const variance = c.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
      expectClose(variance, 1, 4 * Math.sqrt(2 / n), 'variance');
    }
  });
  it('is reproducible for a seed', () => {
    const spec = { model: 4 as const, paths: { a: [0.3], b: [0.3], direct: 0 }, n: 40, seed: 99 };
    expect(simulate.mediation(spec).data).toEqual(simulate.mediation(spec).data);
    expect(simulate.mediation({ ...spec, seed: 100 }).data).not.toEqual(simulate.mediation(spec).data);
  });
});

describe('simulate.mediation: bad options', () => {
  const ok = { model: 4, paths: { a: [0.3], b: [0.3], direct: 0.1 }, n: 10, seed: 1 };
  it.each([
    ['model as a string', { ...ok, model: '4' }],
    ['no model', { ...ok, model: undefined }],
    ['b of the wrong length', { ...ok, paths: { a: [0.3], b: [0.3, 0.2], direct: 0 } }],
    ['no direct path', { ...ok, paths: { a: [0.3], b: [0.3] } }],
    ['NaN path', { ...ok, paths: { a: [Number.NaN], b: [0.3], direct: 0 } }],
    ['d in model 4', { ...ok, paths: { a: [0.3], b: [0.3], d: [[0]], direct: 0 } }],
    ['model 6 without d', { ...ok, model: 6, paths: { a: [0.3, 0.2], b: [0.3, 0.2], direct: 0 } }],
    ['model 6 with one mediator', { ...ok, model: 6, paths: { a: [0.3], b: [0.3], d: [[0]], direct: 0 } }],
    ['d not strictly lower triangular', { ...ok, model: 6, paths: { a: [0.3, 0.2], b: [0.3, 0.2], d: [[0, 0.4], [0, 0]], direct: 0 } }],
    ['unknown path key', { ...ok, paths: { a: [0.3], b: [0.3], direct: 0, c: 1 } }],
    ['paths not an object', { ...ok, paths: [0.3] }],
    ['covariates not an array', { ...ok, covariates: { x: 1 } }],
    ['unknown covariate key', { ...ok, covariates: [{ z: 1 }] }],
    ['covariate effects of the wrong length', { ...ok, covariates: [{ mediators: [1, 2] }] }],
    ['standardized with R² ≥ 1', { ...ok, paths: { a: [1.2], b: [0.3], direct: 0 }, residuals: 'standardized' }],
    ['huge paths', { ...ok, paths: { a: [1e200], b: [1e200], direct: 0 } }],
    ['bad residuals', { ...ok, residuals: 'one' }],
    ['names.mediators of the wrong length', { ...ok, names: { mediators: ['a', 'b'] } }],
    ['no seed', { ...ok, seed: undefined }],
  ])('%s → INVALID_OPTION', (_, options) => {
    expect(codeOf(() => simulate.mediation(options as never))).toBe('INVALID_OPTION');
  });
  it('another PROCESS model number → UNKNOWN_MODEL', () => {
    expect(codeOf(() => simulate.mediation({ ...ok, model: 7 } as never))).toBe('UNKNOWN_MODEL');
  });
  it('a name used twice → DUPLICATE_NAME', () => {
    expect(codeOf(() => simulate.mediation({ ...ok, names: { x: 'm1' } } as never))).toBe('DUPLICATE_NAME');
    expect(codeOf(() => simulate.mediation({ ...ok, covariates: [{ name: 'y' }] } as never))).toBe('DUPLICATE_NAME');
  });
});
