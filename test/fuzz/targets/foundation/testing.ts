// Fuzz targets: psychkit/testing — the simulators under hostile options, and the arbitraries
// under hostile options (and a hostile `fc`). A valid arbitrary is sampled a few times, so that
// options the constructor accepts but generation chokes on are found too.
import fc from 'fast-check';
import { alignFactors, arbitraries, coverageBand, seeds, simulate } from '../../../../src/testing/index.js';
import type { FuzzTarget } from '../../harness.js';
import { edgeNumber, hostile, nasty, options } from './common.js';

/** Replaces one nested option (e.g. paths.a) with a hostile value. */
const nested = (base: Record<string, unknown>, key: string, inner: readonly string[]) =>
  fc.tuple(fc.constantFrom(...inner), fc.oneof(hostile, nasty, edgeNumber)).map(([k, v]) => ({ ...base, [key]: { ...(base[key] as object), [k]: v } }));

/** A hostile integer for n can be a valid, huge n (up to 10 million rows): valid but slow. */
const notHuge = (o: unknown) => !(typeof o === 'object' && o !== null && typeof (o as { n?: unknown }).n === 'number' && (o as { n: number }).n > 10_000);

const congeneric = { loadings: [0.7, 0.6, 0.5], n: 5, seed: 1, categoryProbabilities: [[0.5, 0.3, 0.2], [0.1, 0.9], [0.25, 0.25, 0.25, 0.25]], names: ['a', 'b', 'c'], shape: 'columns' };
const factorModel = { loadings: [[0.7, 0], [0.6, 0.1], [0, 0.5]], phi: [[1, 0.3], [0.3, 1]], n: 5, seed: 1, factorSkewness: [1, -0.5], factorKurtosis: 2, errorSkewness: 0.5, errorKurtosis: [1, 0, 3], shape: 'matrix' };
const factorModelLikert = { loadings: [[0.7, 0], [0.6, 0.1], [0, 0.5]], phi: [[1, 0.3], [0.3, 1]], n: 5, seed: 1, categories: 4, thresholds: [[-1, 0, 1], [-2, 0.5, 1.5], [0, 1, 2]], shape: 'matrix' };
const cfa = { loadings: [[0.7, 0], [0.6, 0.1], [0.5, 0], [0, 0.6], [0, 0.5]], factorCovariance: [[1.5, 0.3], [0.3, 0.8]], residualVariances: [0.5, 0.4, 0.6, 0.7, 0.3], intercepts: [1, 2, 3, 4, 5], n: 5, seed: 1, factorNames: ['g', 'h'], shape: 'columns', missing: 0.2 };
const sem = { measurement: { x: [0.7, 0.6, 0.5], m: [0.7, 0.6, 0.5], y: [0.8, 0.7] }, regressions: [{ outcome: 'm', predictor: 'x', coefficient: 0.4, label: 'a' }, { outcome: 'y', predictor: 'm', coefficient: 0.3 }], latentResiduals: 'unit', n: 5, seed: 1, shape: 'matrix', missing: 0.1 };
const careless = { n: 20, items: 8, seed: 1, carelessProportion: 0.2, types: ['straightline', 'random', 'pattern'], scales: 2, shape: 'columns' };
const multiGroup = { loadings: [[0.7, 0], [0.6, 0], [0, 0.5], [0, 0.6]], factorCovariance: [[1, 0.3], [0.3, 1]], intercepts: [1, 2, 3, 4], groups: [{ label: 'a', n: 4 }, { label: 'b', n: 3, intercepts: [1, 2, 3.5, 4], factorMeans: [0.2, 0], loadings: [[0.7, 0], [0.5, 0], [0, 0.5], [0, 0.6]] }], seed: 1, group: 'g', shape: 'columns', missing: 0.2 };
const minorFactors = { loadings: [[0.7, 0], [0.6, 0], [0.5, 0], [0, 0.6], [0, 0.5], [0, 0.7]], phi: [[1, 0.3], [0.3, 1]], minor: 3, range: 0.15, minorDistribution: 'psych', n: 5, seed: 1, shape: 'matrix' };
/** multiGroup with one key of its second group hostile (a huge n there is valid but slow). */
const hostileGroup = fc
  .tuple(fc.constantFrom('label', 'n', 'loadings', 'factorCovariance', 'factorMeans', 'residualVariances', 'intercepts', 'other'), fc.oneof(hostile, nasty, edgeNumber))
  .filter(([k, v]) => !(k === 'n' && typeof v === 'number' && v > 10_000))
  .map(([k, v]) => [{ ...multiGroup, groups: [multiGroup.groups[0], { ...multiGroup.groups[1], [k]: v }] }]);
const mediation = { model: 6, paths: { a: [0.3, 0.2], b: [0.3, 0.1], d: [[0, 0], [0.4, 0]], direct: 0.1 }, covariates: [{ x: 0.2, y: 0.1 }], n: 5, seed: 1, residuals: 'standardized' };
const processSimulation = { model: 21, mediators: 2, coefficients: { M: { a: 0.4, 'a:w': 0.2 }, y: { M: 0.3, 'M:z': 0.1, a: 0.1 } }, distributions: { w: 'binary', x: { mean: 1, sd: 2 } }, residualVariances: { M: 0.5 }, outcome: 'dichotomous', names: { x: 'a', mediators: ['b', 'c'] }, n: 6, seed: 1, shape: 'columns' };

/** Simulator options: valid, one key hostile, one nested value hostile, hostile lists, or not an object. */
function simulatorArgs(valid: Record<string, unknown>, nestedKey?: [string, readonly string[]]): fc.Arbitrary<unknown[]> {
  return fc
    .oneof(
      { arbitrary: fc.constant(valid), weight: 2 },
      { arbitrary: options(valid), weight: 4 },
      ...(nestedKey ? [{ arbitrary: nested(valid, nestedKey[0], nestedKey[1]), weight: 2 }] : []),
      { arbitrary: fc.array(fc.oneof(fc.double({ min: -1.5, max: 1.5, noNaN: true }), hostile), { maxLength: 4 }).map((loadings) => ({ ...valid, loadings })), weight: 1 },
      { arbitrary: fc.oneof(hostile, nasty), weight: 1 },
    )
    .filter(notHuge)
    .map((o) => [o]);
}

/** An arbitrary's options; with the real fast-check, or (one in six) a hostile `fc`. */
function arbitraryArgs(valid: Record<string, unknown>): fc.Arbitrary<unknown[]> {
  return fc.tuple(
    fc.oneof({ arbitrary: fc.constant(undefined), weight: 1 }, { arbitrary: fc.constant(valid), weight: 2 }, { arbitrary: options(valid), weight: 4 }),
    fc.oneof({ arbitrary: fc.constant(REAL_FC), weight: 5 }, { arbitrary: fc.oneof(hostile, fc.constant({ integer: () => 1 })), weight: 1 }),
  );
}

/** Marks the real fast-check module in an argument list (the module itself is not frozen by the harness). */
const REAL_FC = 'the fast-check module';

/** Generated values that contain NaN on purpose (hostile data, messy tables' missing cells). */
const HOSTILE_DATA = [{ path: /.*/, reason: 'hostile and messy generated data contain NaN by design (docs/testing.md)' }];

function arbitraryTarget(name: string, make: (f: unknown, o: unknown) => fc.Arbitrary<unknown>, valid: Record<string, unknown>, runs = 360): FuzzTarget {
  return {
    name: `arbitraries.${name}`,
    ...(['hostileValue', 'hostileTable', 'hostileOptions', 'messyTable'].includes(name) ? { nan: HOSTILE_DATA } : {}),
    args: arbitraryArgs(valid),
    call: (o, f) => {
      const arbitrary = make(f === REAL_FC ? fc : f, o);
      return fc.sample(arbitrary, { numRuns: 3, seed: 1 });
    },
    runs,
  };
}

export const TESTING_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'alignFactors',
    args: fc.oneof(
      { arbitrary: fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }).chain((m) => fc.tuple(fc.constant(m), fc.constant(m.map((row) => [...row].reverse())))), weight: 3 },
      { arbitrary: fc.tuple(fc.oneof(hostile, nasty, fc.array(fc.array(fc.oneof(edgeNumber, hostile), { maxLength: 3 }), { maxLength: 4 })), fc.oneof(hostile, nasty, fc.constant([[0.5, 0], [0, 0.5]]))), weight: 2 },
    ),
    call: (e, t) => alignFactors(e as never, t as never),
    runs: 450,
  },
  {
    name: 'coverageBand',
    args: fc.tuple(fc.oneof(fc.integer({ min: 0, max: 1000 }), edgeNumber), fc.oneof(fc.integer({ min: 1, max: 1000 }), edgeNumber), fc.oneof(fc.constant(undefined), options({ nominal: 0.95, confidence: 0.99 }))),
    call: (s, t, o) => coverageBand(s as never, t as never, o as never),
    runs: 450,
  },
  { name: 'seeds', args: fc.tuple(fc.oneof(fc.integer(), fc.string(), hostile), fc.oneof(fc.integer({ min: 0, max: 50 }), edgeNumber)), call: (m, c) => seeds(m as never, c as never), runs: 450 },
  { name: 'simulate.higherOrder', args: simulatorArgs({ groups: [[0.7, 0.6], [0.6, 0.5], [0.7, 0.6]], general: [0.8, 0.7, 0.6], n: 6, seed: 1, categories: 4, names: ['a', 'b', 'c', 'd', 'e', 'f'], shape: 'columns' }), call: (o) => simulate.higherOrder(o as never), runs: 450 },
  { name: 'simulate.ratings', args: simulatorArgs({ n: 6, raters: 3, subjectSd: 1.5, raterSd: 0.5, errorSd: 0.8, mean: 3, seed: 1, names: ['a', 'b', 'c'], shape: 'columns' }), call: (o) => simulate.ratings(o as never), runs: 450 },
  { name: 'simulate.regression', args: simulatorArgs({ coefficients: [0.3, -0.2], predictorCovariance: [[1, 0.3], [0.3, 1]], intercept: 1, residualSd: 2, n: 8, seed: 1, names: ['a', 'b', 'y'], shape: 'matrix' }), call: (o) => simulate.regression(o as never), runs: 450 },
  {
    name: 'simulate.ampute',
    args: fc.oneof(
      {
        arbitrary: fc.tuple(
          fc.record({ a: fc.array(fc.oneof(fc.double({ min: -5, max: 5, noNaN: true }), fc.constant(null)), { minLength: 1, maxLength: 20 }) }).map(({ a }) => ({ a, b: a.map((v, i) => (v === null ? i : -i)) })),
          fc.oneof(options({ columns: ['a'], mechanism: 'MAR', by: 'b', proportion: 0.3, seed: 1 }), options({ columns: ['a'], mechanism: 'MNAR', proportion: 0.3, strength: -1, seed: 1 }), options({ columns: ['a', 'b'], mechanism: 'MCAR', proportion: 0.5, seed: 'x' })),
        ),
        weight: 4,
      },
      { arbitrary: fc.tuple(fc.oneof(hostile, nasty), fc.oneof(hostile, nasty)), weight: 1 },
    ),
    call: (t, o) => simulate.ampute(t as never, o as never),
    runs: 450,
  },
  { name: 'simulate.carelessResponses', args: simulatorArgs(careless), call: (o) => simulate.carelessResponses(o as never), runs: 450 },
  { name: 'simulate.congeneric', args: simulatorArgs(congeneric), call: (o) => simulate.congeneric(o as never), runs: 450 },
  { name: 'simulate.factorModel', args: fc.oneof(simulatorArgs(factorModel), simulatorArgs(factorModelLikert)), call: (o) => simulate.factorModel(o as never), runs: 450 },
  { name: 'simulate.cfa', args: simulatorArgs(cfa), call: (o) => simulate.cfa(o as never), runs: 450 },
  { name: 'simulate.sem', args: simulatorArgs(sem, ['measurement', ['x', 'm', 'y']]), call: (o) => simulate.sem(o as never), runs: 450 },
  { name: 'simulate.mediation', args: simulatorArgs(mediation, ['paths', ['a', 'b', 'd', 'direct']]), call: (o) => simulate.mediation(o as never), runs: 450 },
  { name: 'simulate.processModel', args: simulatorArgs(processSimulation, ['coefficients', ['b', 'c', 'y', 'M']]), call: (o) => simulate.processModel(o as never), runs: 450 },
  { name: 'simulate.multiGroup', args: fc.oneof({ arbitrary: simulatorArgs(multiGroup), weight: 3 }, { arbitrary: hostileGroup, weight: 1 }), call: (o) => simulate.multiGroup(o as never), runs: 450 },
  { name: 'simulate.minorFactors', args: simulatorArgs(minorFactors), call: (o) => simulate.minorFactors(o as never), runs: 450 },
  arbitraryTarget('likertResponses', (f, o) => arbitraries.likertResponses(f as never, o as never), { items: { min: 2, max: 4 }, levels: 5, n: { min: 1, max: 10 }, missing: 0.2 }),
  arbitraryTarget('correlationMatrix', (f, o) => arbitraries.correlationMatrix(f as never, o as never), { size: { min: 2, max: 5 }, minEigenvalue: 0.05 }),
  arbitraryTarget('factorModel', (f, o) => arbitraries.factorModel(f as never, o as never), { factors: { min: 1, max: 2 }, itemsPerFactor: 3, loadings: { min: 0.4, max: 0.8 }, crossLoadings: 0.1, oblique: true, maxFactorCorrelation: 0.5, maxCommunality: 0.85, negative: true }),
  arbitraryTarget('cfaModel', (f, o) => arbitraries.cfaModel(f as never, o as never), { factors: { min: 1, max: 2 }, itemsPerFactor: { min: 3, max: 4 }, loadings: { min: 0.4, max: 0.8 }, maxFactorCorrelation: 0.5, standardized: false }),
  arbitraryTarget('mediationModel', (f, o) => arbitraries.mediationModel(f as never, o as never), { models: [4, 6], mediators: { min: 1, max: 2 }, maxPath: 0.5, n: { min: 20, max: 50 }, covariates: 1 }),
  arbitraryTarget('messyTable', (f, o) => arbitraries.messyTable(f as never, o as never), { columns: 3, rows: { min: 1, max: 8 }, missing: 0.3, values: 'likert', levels: 7, shapes: ['rows', 'arrow'], numericStrings: true, extraColumns: false }),
  arbitraryTarget('hostileValue', (f, o) => arbitraries.hostileValue(f as never, o as never), { symbols: false }, 450),
  arbitraryTarget('hostileTable', (f, o) => arbitraries.hostileTable(f as never, o as never), { columns: { min: 2, max: 3 }, rows: 4, kinds: ['empty', 'collinear', 'duplicate-names'] }),
  arbitraryTarget('hostileOptions', (f, o) => arbitraries.hostileOptions(f as never, o as never), { items: ['a', 'b'], confidence: 0.9 }, 450),
];
