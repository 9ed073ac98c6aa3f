// simulate.multiGroup: the groups' population moments are recomputed independently (ml-matrix),
// a group without overrides is simulate.cfa's population and draws, the invariance truth follows
// the parameters, and cfa/invariance fitted to large samples agree with the truth.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { cfa, chiSquareSurvival, invariance, type SemParameter } from '../../src/index.js';
import { simulate, type MultiGroupGroup, type SimulatedParameter } from '../../src/testing/index.js';
import { expectClose } from '../helpers/close.js';
import { errorOf } from '../helpers/errors.js';
import { numRuns } from '../helpers/runs.js';

const key = (r: { lhs: string; op: string; rhs: string }) => `${r.lhs} ${r.op} ${r.rhs}`;
/** Band in SEs for the recovery checks: a correct estimator leaves it with probability 6e-5 per comparison. */
const BAND = 4;

const base = {
  loadings: [[0.8, 0], [0.7, 0], [0.6, 0], [0, 0.7], [0, 0.6], [0, 0.5]],
  factorCovariance: [[1, 0.3], [0.3, 1]],
};

function expectRecovered(fit: readonly SemParameter[], truth: readonly SimulatedParameter[], what: string): void {
  expect(fit.map(key), `${what}: rows`).toEqual(truth.map(key));
  fit.forEach((r, i) => {
    const t = truth[i]!;
    if (r.se === null) expectClose(r.estimate, t.estimate, 1e-12, `${what}: fixed ${key(r)}`);
    else expectClose(r.estimate, t.estimate, BAND * r.se, `${what}: ${key(r)} (SE ${r.se})`);
  });
}

/** The rows of one group, as columns without the group column. */
function groupColumns(data: Record<string, readonly (number | string | null)[]>, column: string, label: string, items: readonly string[]): Record<string, number[]> {
  const rows = data[column]!.map((v, i) => (v === label ? i : -1)).filter((i) => i >= 0);
  return Object.fromEntries(items.map((item) => [item, rows.map((i) => data[item]![i] as number)]));
}

describe('simulate.multiGroup: population truth', () => {
  it('property: each group has μ = ν + Λκ and Σ = ΛΦΛᵀ + Θ (recomputed with ml-matrix), and its `~1` rows are μ', () => {
    const shift = fc.integer({ min: -100, max: 100 }).map((v) => v / 100);
    fc.assert(
      fc.property(fc.array(shift, { minLength: 6, maxLength: 6 }), fc.array(shift, { minLength: 2, maxLength: 2 }), fc.integer({ min: 50, max: 200 }).map((v) => v / 100), (nu, kappa, variance) => {
        const groups: MultiGroupGroup[] = [
          { label: 'a', n: 1 },
          { label: 'b', n: 1, intercepts: nu, factorMeans: kappa, factorCovariance: [[variance, 0.2], [0.2, 1]], loadings: base.loadings.map((r) => r.map((v) => v * 1.1)) },
        ];
        const sim = simulate.multiGroup({ ...base, intercepts: [1, 2, 3, 4, 5, 6], groups, seed: 1 });
        for (const pop of sim.population.groups) {
          const L = new Matrix(pop.loadings.map((r) => [...r]));
          const mu = Matrix.columnVector([...pop.intercepts]).add(L.mmul(Matrix.columnVector([...pop.factorMeans])));
          const sigma = L.mmul(new Matrix(pop.factorCovariance.map((r) => [...r]))).mmul(L.transpose()).add(Matrix.diag([...pop.residualVariances]));
          mu.to1DArray().forEach((v, j) => expectClose(pop.means[j]!, v, 1e-14, `μ${j} (${pop.label})`));
          sigma.to2DArray().forEach((row, i) => row.forEach((v, j) => expectClose(pop.covariance[i]![j]!, v, 1e-14, `Σ${i}${j} (${pop.label})`)));
          const intercepts = pop.parameters.marker.filter((r) => r.op === '~1' && sim.items.includes(r.lhs));
          intercepts.forEach((r) => expectClose(r.estimate, pop.means[sim.items.indexOf(r.lhs)]!, 1e-14, `${r.lhs} ~1`));
        }
        expect(sim.population.groups[1]!.intercepts).toEqual(nu.map((v) => v + 0));
      }),
      { numRuns: numRuns(40) },
    );
  });

  it("a group without overrides is simulate.cfa's population, and every group's rows are simulate.cfa's draws for seed + ':' + label", () => {
    const options = { ...base, residualVariances: [0.4, 0.5, 0.6, 0.5, 0.6, 0.7], intercepts: [1, 2, 3, 4, 5, 6] };
    const sim = simulate.multiGroup({ ...options, groups: [{ label: 'peer', n: 5 }, { label: 'clinician', n: 4, intercepts: [1, 2, 3.5, 4, 5, 6], factorMeans: [0.5, -0.2] }], seed: 9, shape: 'columns', missing: 0.2 });
    const single = simulate.cfa({ ...options, n: 5, seed: '9:peer', missing: 0.2 });
    const { label, n, factorMeans, means, ...peer } = sim.population.groups[0]!;
    expect([label, n, factorMeans, means]).toEqual(['peer', 5, [0, 0], [1, 2, 3, 4, 5, 6]]);
    const { model, ...cfaPopulation } = single.population;
    expect(model).toBe(sim.population.model);
    expect(peer).toEqual(cfaPopulation);
    const clinician = sim.population.groups[1]!;
    const other = simulate.cfa({ ...options, intercepts: clinician.means, n: 4, seed: '9:clinician', missing: 0.2, shape: 'columns' });
    expect(sim.data['group']).toEqual(['peer', 'peer', 'peer', 'peer', 'peer', 'clinician', 'clinician', 'clinician', 'clinician']);
    for (const item of sim.items) expect(sim.data[item]).toEqual([...single.data.map((r) => r[item]), ...other.data[item]!]);
    expect(sim.nMissing).toBe(single.nMissing + other.nMissing);
    expect(sim.n).toBe(9);
    // Rows: the group column first; the same draws.
    const rows = simulate.multiGroup({ ...options, groups: [{ label: 'peer', n: 5 }, { label: 'clinician', n: 4, intercepts: [1, 2, 3.5, 4, 5, 6], factorMeans: [0.5, -0.2] }], seed: 9, missing: 0.2, group: 'rater' });
    expect(Object.keys(rows.data[0]!)).toEqual(['rater', ...sim.items]);
    expect(rows.data.map((r) => r['item3'])).toEqual(sim.data['item3']);
    expect(Object.isFrozen(rows.data[3])).toBe(true);
    expect(JSON.parse(JSON.stringify(rows.population))).toEqual(rows.population);
  });

  it('property: the truth is the highest level whose parameters are equal across groups', () => {
    const change = fc.record({ pattern: fc.boolean(), loading: fc.boolean(), intercept: fc.boolean(), residual: fc.boolean(), structural: fc.boolean() });
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 120, max: 180 }).map((v) => v / 100), (changes, item, factor) => {
        const theta = [0.4, 0.5, 0.6, 0.5, 0.6, 0.7];
        const groups: MultiGroupGroup[] = [{ label: 'g0', n: 1 }];
        changes.forEach((c, g) => {
          const loadings = base.loadings.map((r) => [...r]);
          if (c.loading) loadings[item]![item < 3 ? 0 : 1]! *= factor;
          if (c.pattern) loadings[item]![item < 3 ? 1 : 0] = 0.3;
          groups.push({
            label: `g${g + 1}`,
            n: 1,
            loadings,
            ...(c.intercept ? { intercepts: theta.map((_, j) => (j === item ? factor : 0)) } : {}),
            ...(c.residual ? { residualVariances: theta.map((t, j) => (j === item ? t * factor : t)) } : {}),
            ...(c.structural ? { factorMeans: [factor, -1], factorCovariance: [[factor, 0.1], [0.1, 1]] } : {}),
          });
        });
        const truth = simulate.multiGroup({ ...base, residualVariances: theta, groups, seed: 1 }).population.invariance;
        const configural = !changes.some((c) => c.pattern);
        const metric = configural && !changes.some((c) => c.loading);
        const scalar = metric && !changes.some((c) => c.intercept);
        const strict = scalar && !changes.some((c) => c.residual);
        expect(truth.holds).toEqual({ configural, metric, scalar, strict });
        expect(truth.level).toBe(strict ? 'strict' : scalar ? 'scalar' : metric ? 'metric' : configural ? 'configural' : null);
        // Every difference is listed once, in its set, with the string groupPartial takes.
        const sets = new Set(truth.differences.map((d) => d.set));
        expect(sets.has('loadings')).toBe(changes.some((c) => c.loading || c.pattern));
        expect(sets.has('intercepts')).toBe(changes.some((c) => c.intercept));
        expect(sets.has('residuals')).toBe(changes.some((c) => c.residual));
        expect(sets.has('means')).toBe(changes.some((c) => c.structural));
        for (const d of truth.differences.filter((x) => x.set === 'intercepts')) expect(d).toMatchObject({ parameter: `item${item + 1} ~1`, reference: 0, value: factor });
      }),
      { numRuns: numRuns(100) },
    );
  });

  it('metric holds for proportional loadings, scalar for intercepts shifted along Λ (a latent mean difference): the truth is about the models, not the raw numbers', () => {
    const proportional = simulate.multiGroup({ ...base, groups: [{ label: 'a', n: 1 }, { label: 'b', n: 1, loadings: base.loadings.map((r) => [r[0]! * 1.5, r[1]!]), residualVariances: [0.36, 0.51, 0.64, 0.51, 0.64, 0.75] }], seed: 1 });
    expect(proportional.population.invariance.level).toBe('strict');
    expect(proportional.population.invariance.differences.map((d) => d.parameter)).toEqual(['f1 =~ item1', 'f1 =~ item2', 'f1 =~ item3']);
    const along = simulate.multiGroup({ ...base, groups: [{ label: 'a', n: 1 }, { label: 'b', n: 1, intercepts: base.loadings.map((r) => 0.5 * r[0]! - 0.25 * r[1]!) }], seed: 1 });
    expect(along.population.invariance.level).toBe('strict');
    const across = simulate.multiGroup({ ...base, groups: [{ label: 'a', n: 1 }, { label: 'b', n: 1, intercepts: base.loadings.map((r, j) => 0.5 * r[0]! + (j === 5 ? 0.01 : 0)) }], seed: 1 });
    expect(across.population.invariance.level).toBe('metric');
  });
});

describe('cfa and invariance on simulated groups', () => {
  const groups = (n: number): MultiGroupGroup[] => [
    { label: 'peer', n },
    // Different latent means and (co)variances: structural, so measurement is still strictly invariant.
    { label: 'clinician', n, factorMeans: [0.5, -0.3], factorCovariance: [[1.4, 0.5], [0.5, 0.8]] },
  ];

  it('full invariance (every population Δχ² is 0, so each Δχ² is central χ²(Δdf)): no step rejects at p < 0.001 over 4 seeds, and the pooled Δχ² is central too', () => {
    const steps = ['configural', 'metric', 'scalar', 'strict'] as const;
    let pooled = 0;
    let pooledDf = 0;
    for (let seed = 0; seed < 4; seed++) {
      const sim = simulate.multiGroup({ ...base, intercepts: [3, 3, 3, 2, 2, 2], groups: groups(1500), seed, shape: 'columns' });
      expect(sim.population.invariance.level).toBe('strict');
      const mi = invariance(sim.data, { model: sim.population.model, group: sim.group, steps: [...steps] });
      expect(mi.models.map((m) => m.step)).toEqual(steps);
      for (const m of mi.models) {
        expect(m.result.converged).toBe(true);
        const p = m.test === null ? m.result.fit.p! : m.test.p;
        expect(p, `seed ${seed}, ${m.step}`).toBeGreaterThan(0.001);
        pooled += m.test === null ? m.result.fit.chiSquare : m.test.chiSquare;
        pooledDf += m.test === null ? m.result.fit.df : m.test.df;
      }
    }
    expect(chiSquareSurvival(pooled, pooledDf)).toBeGreaterThan(0.001);
  });

  it('per-group cfa (and the configural multi-group fit) recover each group’s truth within 4 SE at n = 3,000 per group', () => {
    const sim = simulate.multiGroup({ ...base, intercepts: [3, 3, 3, 2, 2, 2], groups: [...groups(3000), { label: 'third', n: 3000, loadings: [[0.9, 0], [0.5, 0], [0.6, 0], [0, 0.7], [0, 0.4], [0, 0.5]], intercepts: [3, 3.5, 3, 2, 2, 1.5] }], seed: 42, shape: 'columns' });
    expect(sim.population.invariance.level).toBe('configural');
    const configural = cfa(sim.data, { model: sim.population.model, group: sim.group });
    for (const pop of sim.population.groups) {
      const fit = cfa(groupColumns(sim.data, sim.group, pop.label, sim.items), { model: sim.population.model, meanStructure: true });
      expectRecovered(fit.parameters, pop.parameters.marker, pop.label);
      expectRecovered(
        configural.parameters.filter((r) => r.group === pop.label),
        pop.parameters.marker,
        `${pop.label} (configural)`,
      );
    }
  });

  it('non-invariant intercepts: metric holds (p > 0.001), scalar is rejected (p < 1e-6) at n = 1,500 per group', () => {
    for (const seed of [1, 2]) {
      const sim = simulate.multiGroup({ ...base, groups: [{ label: 'a', n: 1500 }, { label: 'b', n: 1500, intercepts: [0, 0, 0.4, 0, 0, 0], factorMeans: [0.3, 0] }], seed, shape: 'columns' });
      expect(sim.population.invariance.level).toBe('metric');
      expect(sim.population.invariance.differences.filter((d) => d.set === 'intercepts').map((d) => d.parameter)).toEqual(['item3 ~1']);
      const mi = invariance(sim.data, { model: sim.population.model, group: sim.group });
      const [, metric, scalar] = mi.models;
      expect(metric!.test!.p, `seed ${seed}: metric`).toBeGreaterThan(0.001);
      expect(scalar!.test!.p, `seed ${seed}: scalar`).toBeLessThan(1e-6);
      // Freeing the one non-invariant intercept (partial invariance) restores the fit.
      const partial = invariance(sim.data, { model: sim.population.model, group: sim.group, groupPartial: ['item3 ~1'] });
      expect(partial.models[2]!.test!.p, `seed ${seed}: partial scalar`).toBeGreaterThan(0.001);
    }
  });
});

describe('validation', () => {
  const ok = { loadings: [[0.7], [0.6], [0.5]], groups: [{ label: 'a', n: 3 }, { label: 'b', n: 3 }], seed: 1 };
  it.each([
    ['no options', () => simulate.multiGroup(undefined as never), 'INVALID_OPTION', 'options'],
    ['unknown key', () => simulate.multiGroup({ ...ok, n: 5 } as never), 'INVALID_OPTION', 'n'],
    ['one group', () => simulate.multiGroup({ ...ok, groups: [{ label: 'a', n: 3 }] }), 'INVALID_OPTION', 'groups'],
    ['groups not an array', () => simulate.multiGroup({ ...ok, groups: 'ab' as never }), 'INVALID_OPTION', 'groups'],
    ['unknown key in a group', () => simulate.multiGroup({ ...ok, groups: [{ label: 'a', n: 3 }, { label: 'b', n: 3, seed: 2 } as never] }), 'INVALID_OPTION', 'seed'],
    ['a group without a label', () => simulate.multiGroup({ ...ok, groups: [{ label: 'a', n: 3 }, { n: 3 } as never] }), 'INVALID_OPTION', 'groups[1].label'],
    ['a group without n', () => simulate.multiGroup({ ...ok, groups: [{ label: 'a', n: 3 }, { label: 'b' } as never] }), 'INVALID_OPTION', 'n'],
    ['repeated labels', () => simulate.multiGroup({ ...ok, groups: [{ label: 'a', n: 3 }, { label: 'a', n: 3 }] }), 'DUPLICATE_NAME', 'groups'],
    ['wrong-sized intercepts in a group', () => simulate.multiGroup({ ...ok, groups: [{ label: 'a', n: 3 }, { label: 'b', n: 3, intercepts: [1, 2] }] }), 'INVALID_OPTION', 'groups[1].intercepts'],
    ['θ ≤ 0 in a group', () => simulate.multiGroup({ ...ok, groups: [{ label: 'a', n: 3 }, { label: 'b', n: 3, residualVariances: [0.5, 0, 0.5] }] }), 'INVALID_OPTION', 'groups[1].residualVariances'],
    ['Φ not positive definite in a group', () => simulate.multiGroup({ ...ok, groups: [{ label: 'a', n: 3 }, { label: 'b', n: 3, factorCovariance: [[-1]] }] }), 'INVALID_OPTION', 'groups[1].factorCovariance'],
    ['an item without a loading in a group', () => simulate.multiGroup({ ...ok, groups: [{ label: 'a', n: 3 }, { label: 'b', n: 3, loadings: [[0.7], [0], [0.5]] }] }), 'INVALID_OPTION', 'groups[1].loadings'],
    ['too many rows in all', () => simulate.multiGroup({ ...ok, groups: [{ label: 'a', n: 6e6 }, { label: 'b', n: 6e6 }] }), 'INVALID_OPTION', 'groups'],
    ['shape matrix', () => simulate.multiGroup({ ...ok, shape: 'matrix' as never }), 'INVALID_OPTION', 'shape'],
    ['a group column named like an item', () => simulate.multiGroup({ ...ok, group: 'item2' }), 'DUPLICATE_NAME', 'group'],
    ['an empty group column name', () => simulate.multiGroup({ ...ok, group: '' }), 'INVALID_OPTION', 'group'],
    ['default θ not positive', () => simulate.multiGroup({ ...ok, loadings: [[1.2], [0.6], [0.5]] }), 'INVALID_OPTION', 'loadings'],
    ['factorMeans of the wrong size', () => simulate.multiGroup({ ...ok, factorMeans: [0, 1] }), 'INVALID_OPTION', 'factorMeans'],
    ['no seed', () => simulate.multiGroup({ ...ok, seed: undefined as never }), 'INVALID_OPTION', 'seed'],
  ])('%s', (_, call, code, option) => {
    const e = errorOf(call);
    expect(e.code).toBe(code);
    expect(e.details).toMatchObject({ option });
  });
});
