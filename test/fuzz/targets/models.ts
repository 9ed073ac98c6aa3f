// Bad-input fuzz targets for the model part of the API: factor (correlation matrices, KMO,
// Bartlett, MAP, EFA, rotation, parallel analysis, ω), regression and mediation. Each target mixes
// hostile inputs (arbitraries.hostileTable / hostileValue, broken correlation matrices) with valid
// simulated data in which exactly one part is hostile (one cell, one option).
import fc from 'fast-check';
import {
  bartlettSphericity,
  bootstrap,
  cfa,
  invariance,
  correlationMatrix,
  correlations,
  efa,
  formatProcess,
  hierarchicalRegression,
  kmo,
  maxFactors,
  ols,
  omega,
  parallelAnalysis,
  pathModel,
  processModel,
  rotate,
  samplingAdequacyLabel,
  sem,
  velicerMap,
} from '../../../src/index.js';
import { arbitraries, simulate } from '../../../src/testing/index.js';
import type { FuzzTarget } from '../harness.js';

type Options = Record<string, unknown>;
type Rows = readonly Readonly<Record<string, unknown>>[];

const hostile = arbitraries.hostileValue(fc);

// ---------------------------------------------------------------------------------------------
// Shared pieces

/**
 * Variants of a valid options object: hostileOptions (each key hostile, unknown key, key removed,
 * no object) plus specific wrong types a user might write (`factors: 'three'`, `rotation: 42`).
 */
function optionVariants(valid: Options, wrong: Readonly<Record<string, readonly unknown[]>> = {}): fc.Arbitrary<unknown> {
  const extra = Object.entries(wrong).map(([key, values]) => fc.constantFrom(...values).map((v) => ({ ...valid, [key]: v })));
  return extra.length === 0 ? arbitraries.hostileOptions(fc, valid) : fc.oneof(arbitraries.hostileOptions(fc, valid), ...extra);
}

/** A hostile value may be a valid but huge integer (resamples: 9_999_999): skip those, they only cost time. */
function modest(options: unknown, caps: Readonly<Record<string, number>>): boolean {
  if (typeof options !== 'object' || options === null) return true;
  return Object.entries(caps).every(([key, cap]) => {
    const v = (options as Options)[key];
    return !(typeof v === 'number' && v > cap);
  });
}

/** Sample size of a `{ correlation, n }` input, if it has a numeric one. */
function sampleSizeOf(input: unknown): number | undefined {
  const n = typeof input === 'object' && input !== null ? (input as Options)['n'] : undefined;
  return typeof n === 'number' ? n : undefined;
}

/**
 * Parallel analysis simulates n × p values per iteration: an n in (5,000, 10⁸] is valid (up to
 * n·p = 10⁸), only slow. Larger n must give INVALID_OPTION, and stays in.
 */
function hugeButFeasible(n: number | undefined): boolean {
  return n !== undefined && n > 5000 && n <= 1e8;
}

/** Drops argument lists whose options (second argument) are valid-but-huge jobs. */
function capped(args: fc.Arbitrary<readonly unknown[]>, caps: Readonly<Record<string, number>>, keep: (args: readonly unknown[]) => boolean = () => true): fc.Arbitrary<readonly unknown[]> {
  return args.filter((a) => modest(a[1], caps) && keep(a));
}

/** Argument lists from `branches`, and now and then two hostile values instead (not a table, not options). */
function withHostilePair(...branches: fc.Arbitrary<readonly unknown[]>[]): fc.Arbitrary<readonly unknown[]> {
  return fc.oneof({ arbitrary: fc.oneof(...branches), weight: 8 }, { arbitrary: fc.tuple(hostile, hostile), weight: 1 });
}

/** A copy of row objects with one cell replaced (a row index and column taken modulo the size). */
function withCell(rows: Rows, columns: readonly string[], i: number, j: number, value: unknown): Record<string, unknown>[] {
  const out = rows.map((r) => ({ ...r }));
  const row = out[i % out.length] as Record<string, unknown>;
  row[columns[j % columns.length] as string] = value;
  return out;
}

/** One hostile cell in a valid table: [rows, i, j, value] → rows with that cell replaced. */
function oneHostileCell<T extends { rows: Rows; columns: readonly string[] }>(data: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc
    .tuple(data, fc.nat(), fc.nat(), hostile)
    .map(([d, i, j, v]) => ({ ...d, rows: withCell(d.rows, d.columns, i, j, v) }));
}

/** Valid item responses from a simulated factor model (continuous or categorised). */
const factorData = fc
  .record({
    model: arbitraries.factorModel(fc, { factors: { min: 1, max: 3 }, itemsPerFactor: { min: 3, max: 4 } }),
    n: fc.integer({ min: 15, max: 120 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    categories: fc.option(fc.integer({ min: 2, max: 7 }), { nil: undefined }),
  })
  .map(({ model, n, seed, categories }) => {
    const sim = simulate.factorModel({ ...model, n, seed, ...(categories === undefined ? {} : { categories }) });
    return { rows: sim.data as Rows, columns: [...sim.items], factors: (model.loadings[0] as number[]).length };
  });

/** Likert responses with missing cells (constant columns and tiny n included). */
const likertData = arbitraries
  .likertResponses(fc, { items: { min: 2, max: 6 }, n: { min: 2, max: 40 }, missing: 0.2 })
  .map((l) => ({ rows: l.rows as Rows, columns: [...l.items], factors: 1 }));

const itemData = fc.oneof(factorData, likertData);

/** A valid `{ correlation, n }`. */
const correlationData = fc.record({
  r: arbitraries.correlationMatrix(fc, { size: { min: 3, max: 7 } }),
  n: fc.integer({ min: 10, max: 500 }),
});

const copy = (r: readonly (readonly number[])[]): number[][] => r.map((row) => [...row]);

/**
 * Correlation-matrix inputs, mostly broken: one hostile entry (symmetric or not), asymmetry,
 * not positive definite, singular, a covariance matrix at 1e300 or 1e-300 scale, wrong shapes,
 * typed-array rows, hostile n and names, and a correlationMatrix()-like object with hostile parts.
 */
const correlationInputs: fc.Arbitrary<{ input: unknown; names: readonly string[] }> = correlationData.chain(({ r, n }) => {
  const p = r.length;
  const names = Array.from({ length: p }, (_, j) => `V${j + 1}`);
  const index = fc.integer({ min: 0, max: p - 1 });
  const done = (input: unknown) => ({ input, names });
  return fc.oneof(
    fc.constant(done({ correlation: r, n })),
    fc.constant(done({ correlation: r })),
    hostile.map((v) => done({ correlation: r, n: v })),
    fc.tuple(index, index, hostile, fc.boolean()).map(([i, j, v, symmetric]) => {
      const c: unknown[][] = copy(r);
      (c[i] as unknown[])[j] = v;
      if (symmetric) (c[j] as unknown[])[i] = v;
      return done({ correlation: c, n });
    }),
    fc.constantFrom(0.1, 1e-9, 2).map((d) => {
      const c = copy(r);
      (c[0] as number[])[1] = ((c[0] as number[])[1] as number) + d; // not symmetric (or |r| > 1)
      return done({ correlation: c, n });
    }),
    fc.constantFrom(-0.9, 1, -1, 0.999999999).map((v) => {
      // All off-diagonals v: not PD for v = −0.9 with p ≥ 3, singular for ±1.
      const c = r.map((row, i) => row.map((_, j) => (i === j ? 1 : v)));
      return done({ correlation: c, n });
    }),
    fc.constantFrom(1e300, 1e-300, 4, -1, 0).map((s) => done({ correlation: r.map((row) => row.map((v) => v * s)), n })),
    fc.constantFrom('drop', 'extra-row', 'empty-rows', 'no-rows', 'ragged', 'one').map((how) => {
      const c: number[][] = copy(r);
      if (how === 'drop') (c[p - 1] as number[]).pop();
      if (how === 'extra-row') c.push([...(c[0] as number[])]);
      if (how === 'empty-rows') return done({ correlation: c.map(() => []), n });
      if (how === 'no-rows') return done({ correlation: [], n });
      if (how === 'ragged') (c[0] as number[]).push(0);
      if (how === 'one') return done({ correlation: [[1]], n });
      return done({ correlation: c, n });
    }),
    fc.constant(done({ correlation: r.map((row) => Float64Array.from(row)), n })),
    fc
      .oneof(
        fc.constant([...names.slice(0, -1), names[0] as string]),
        fc.constant(['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '', 'x', 'y'].slice(0, p)),
        fc.constant(names.slice(1)),
        fc.array(hostile, { minLength: p, maxLength: p }),
        hostile,
      )
      .map((nm) => done({ correlation: r, n, columns: nm })),
    fc.tuple(hostile, fc.oneof(fc.constant<unknown>(names), hostile)).map(([nObs, items]) => done({ columns: items, method: 'pearson', matrix: r, n: nObs })),
    fc.constantFrom<unknown>({ correlation: 'r' }, { correlation: [1, 2, 3] }, { correlation: null }, { correlation: [[Number.NaN]] }, { matrix: r }).map(done),
  );
});

/** Factor-analytic input: a hostile table, a (broken) correlation matrix, valid items with one hostile cell or option, or two hostile values. */
function factorArgs(
  validOptions: (d: { columns: readonly string[]; factors: number }) => Options,
  wrong: Readonly<Record<string, readonly unknown[]>> = {},
  data: fc.Arbitrary<{ rows: Rows; columns: readonly string[]; factors: number }> = itemData,
): fc.Arbitrary<readonly unknown[]> {
  return withHostilePair(
    arbitraries.hostileTable(fc).map(({ table, items }) => [table, { ...validOptions({ columns: items, factors: 1 }), columns: items }]),
    correlationInputs.map(({ input, names }) => {
      const { columns: _columns, ...rest } = validOptions({ columns: names, factors: 1 });
      return [input, rest];
    }),
    oneHostileCell(data).map((d) => [d.rows, validOptions(d)]),
    data.chain((d) => optionVariants(validOptions(d), wrong).map((o) => [d.rows, o])),
  );
}

// ---------------------------------------------------------------------------------------------
// Factor analysis

const FACTOR_TARGETS: FuzzTarget[] = [
  {
    name: 'correlationMatrix',
    runs: 600,
    args: factorArgs(
      (d) => ({ columns: d.columns, method: 'pearson', missing: 'pairwise' }),
      { method: ['polychoric', 'spearman', 1], missing: ['listwise', 'none'] },
    ),
    call: (table, options) => correlationMatrix(table as never, options as never),
  },
  {
    name: 'kmo',
    runs: 600,
    args: factorArgs((d) => ({ columns: d.columns, missing: 'pairwise' }), { missing: ['listwise', 'everything'] }),
    call: (input, options) => kmo(input as never, options as never),
  },
  {
    name: 'samplingAdequacyLabel',
    runs: 200,
    args: fc.oneof(fc.double({ min: 0, max: 1 }).map((v) => [v]), hostile.map((v) => [v]), fc.tuple(hostile, hostile)),
    call: (msa) => samplingAdequacyLabel(msa as never),
  },
  {
    name: 'bartlettSphericity',
    runs: 600,
    args: factorArgs((d) => ({ columns: d.columns, missing: 'listwise' })),
    call: (input, options) => bartlettSphericity(input as never, options as never),
  },
  {
    name: 'velicerMap',
    runs: 600,
    args: factorArgs((d) => ({ columns: d.columns, maxComponents: Math.max(1, d.columns.length - 1) }), { maxComponents: [0, 'all', 1.5, 1000] }),
    call: (input, options) => velicerMap(input as never, options as never),
  },
  {
    name: 'maxFactors',
    runs: 200,
    args: fc.oneof(fc.integer({ min: 0, max: 200 }).map((p) => [p]), hostile.map((v) => [v]), fc.tuple(hostile, hostile)),
    call: (p) => maxFactors(p as never),
  },
  {
    name: 'efa',
    runs: 600,
    args: capped(
      factorArgs(
      (d) => ({ columns: d.columns, factors: d.factors, extraction: 'minres', rotation: 'oblimin', seed: 1 }),
      {
        factors: ['three', 0, -1, 2.5, 'kaiser', 'parallel', 50],
        rotation: [42, 'Varimax', 'promax', 'geomin', 'none', 'quartimax'],
        extraction: ['pa', 'ml', 'pca'],
        correlation: ['polychoric'],
        seed: [{}, Number.NaN],
        randomStarts: [3, -1],
        smooth: [true, 'yes'],
      },
    ),
      { randomStarts: 20, maxIterations: 10_000, rotationMaxIterations: 10_000 },
      ([input, o]) => !(hugeButFeasible(sampleSizeOf(input)) && (o as Options | null)?.['factors'] === 'parallel'),
    ),
    call: (input, options) => efa(input as never, options as never),
  },
  {
    name: 'omega',
    runs: 500,
    args: factorArgs(
      (d) => ({ columns: d.columns, factors: d.factors, extraction: 'minres', rotation: 'oblimin' }),
      { factors: ['three', 0, 2, 3, 1.5], rotation: ['varimax', 42, 'promax', 'geomin'], twoFactorOption: ['first', 'second', 'both'], flip: [false, 0] },
      factorData,
    ),
    call: (input, options) => omega(input as never, options as never),
  },
  {
    name: 'parallelAnalysis',
    runs: 400,
    args: capped(
      factorArgs(
      (d) => ({ columns: d.columns, resamples: 3, seed: 7 }),
      { iterations: [2, 1, -1, 'five', 4.5], quantile: [0.5, 1, 0, 95], resample: [false, 'no'], extraction: ['pa', 'ml', 'pca'], seed: [{}, 'abc'] },
    ),
      { iterations: 5 },
      ([input]) => !hugeButFeasible(sampleSizeOf(input)),
    ),
    call: (input, options) => parallelAnalysis(input as never, options as never),
  },
  {
    name: 'rotate',
    runs: 600,
    args: capped(
      withHostilePair(
      // Valid loadings with hostile options.
      arbitraries.factorModel(fc, { factors: { min: 2, max: 3 }, itemsPerFactor: { min: 2, max: 4 } }).chain((m) =>
        optionVariants(
          { rotation: 'oblimin', normalize: false, seed: 1 },
          {
            rotation: [42, 'Varimax', 'varimax', 'quartimax', 'quartimin', 'geomin', 'promax', 'none'],
            gamma: [0.5, 2, -10],
            delta: [0, -1],
            power: [1, 2],
            randomStarts: [2, -1, 0.5],
            varimaxAlgorithm: ['gpa', 'svd', 'qr'],
            maxIterations: [1, 0],
            tolerance: [0, 1e-300],
          },
        ).map((o) => [m.loadings, o]),
      ),
      // Hostile loadings: one hostile entry, huge or tiny, zero, ragged, degenerate.
      fc
        .tuple(arbitraries.factorModel(fc, { factors: { min: 1, max: 3 }, itemsPerFactor: { min: 1, max: 3 } }), fc.nat(), fc.nat(), hostile)
        .map(([m, i, j, v]) => {
          const l: unknown[][] = copy(m.loadings);
          const row = l[i % l.length] as unknown[];
          row[j % row.length] = v;
          return [l, { rotation: 'oblimin' }];
        }),
      fc
        .tuple(
          arbitraries.factorModel(fc, { factors: { min: 2, max: 3 }, itemsPerFactor: { min: 1, max: 3 } }),
          fc.constantFrom(1e300, 1e150, 1e-300, 0, -1),
          fc.constantFrom('varimax', 'quartimax', 'oblimin', 'quartimin', 'geomin', 'promax'),
          fc.boolean(),
        )
        .map(([m, s, rotation, normalize]) => [m.loadings.map((row) => row.map((v) => v * s)), { rotation, normalize }]),
      fc
        .tuple(fc.constantFrom('varimax', 'quartimax', 'oblimin', 'geomin', 'promax'), fc.boolean())
        .chain(([rotation, normalize]) =>
          fc
            .constantFrom<unknown>([[0, 0], [0, 0], [0, 0]], [[1, 1], [1, 1], [1, 1]], [[1, 0]], [[0.5, 0.5]], [[0.7, 0], [0, 0], [0.6, 0]], [[1, 0], [0, 1]], [], [[]], [[1], [1, 2]], [1, 2], 'loadings')
            .map((l) => [l, { rotation, normalize }]),
        ),
    ),
      { randomStarts: 20, maxIterations: 10_000 },
    ),
    call: (loadings, options) => rotate(loadings as never, options as never),
  },
];

// ---------------------------------------------------------------------------------------------
// Regression and mediation data

/**
 * Valid mediation data: x, mediators, y, covariates, as a row table (rounded: ties, and for small
 * n constant or collinear columns), sometimes with a categorical covariate `group` (last).
 */
function mediationSample(nMin: number, rounding: boolean) {
  return fc
    .tuple(
      arbitraries.mediationModel(fc, { n: { min: nMin, max: 80 }, mediators: { min: 1, max: 3 }, covariates: { min: 0, max: 2 } }),
      rounding ? fc.boolean() : fc.constant(false),
      fc.option(fc.integer({ min: 2, max: 4 }), { nil: undefined }),
    )
    .map(([spec, rounded, levels]) => {
      const sim = simulate.mediation(spec);
      const v = sim.variables;
      const rows = (sim.data as Rows).map((r, i) => {
        const out: Record<string, unknown> = rounded ? Object.fromEntries(Object.entries(r).map(([k, x]) => [k, Math.round(x as number)])) : { ...r };
        if (levels !== undefined) out['group'] = ['north', 'south', 'east', 'west'][(i * 7 + (i >> 2)) % levels];
        return out;
      });
      const covariates = [...v.covariates, ...(levels === undefined ? [] : ['group'])];
      return { rows: rows as Rows, x: v.x, m: [...v.mediators], y: v.y, covariates, columns: [v.x, ...v.mediators, v.y, ...covariates], model: spec.model };
    });
}

const mediationData = mediationSample(8, true);

type MediationData = fc.Arbitrary<{ rows: Rows; x: string; m: string[]; y: string; covariates: string[]; columns: string[]; model: 4 | 6 }>;

/** A regression target's args: hostile tables (first requested column = outcome), valid data with one hostile cell, or hostile options. */
function regressionArgs(valid: (d: { x: string; m: string[]; y: string; covariates: string[] }) => Options, fromTable: (items: readonly string[]) => Options, wrong: Readonly<Record<string, readonly unknown[]>> = {}): fc.Arbitrary<readonly unknown[]> {
  const data: MediationData = mediationData;
  return withHostilePair(
    arbitraries.hostileTable(fc).map(({ table, items }) => [table, fromTable(items)]),
    // Valid data as users hand it over: numeric strings, missing cells, extra columns, five layouts.
    arbitraries.messyTable(fc, { columns: { min: 2, max: 5 }, rows: { min: 1, max: 30 } }).map((t) => [t.table, fromTable(t.columns)]),
    oneHostileCell(data).map((d) => [d.rows, valid(d)]),
    data.chain((d) => optionVariants(valid(d), wrong).map((o) => [d.rows, o])),
  );
}

const REGRESSION_TARGETS: FuzzTarget[] = [
  {
    name: 'ols',
    runs: 600,
    args: regressionArgs(
      (d) => ({ y: d.y, x: [d.x, ...d.m], covariates: d.covariates, hc: 'HC3', confidence: 0.95 }),
      (items) => ({ y: items[0], x: items.slice(1) }),
      { hc: ['HC5', 'hc3', 3], confidence: [95, 0, 1, '0.95'], x: ['x:m1', 'x:x', 'x:nope', 'y', [], ['x', 'x']], categorical: [['x'], { x: true }, { x: 3 }, 'x'] },
    ),
    call: (table, options) => ols(table as never, options as never),
  },
  {
    name: 'hierarchicalRegression',
    runs: 600,
    args: regressionArgs(
      (d) => ({ y: d.y, steps: [[d.x], d.m, ...(d.covariates.length > 0 ? [d.covariates] : [])], confidence: 0.9 }),
      (items) => ({ y: items[0], steps: items.slice(1).map((c) => [c]) }),
      { steps: [[], [[]], [['x'], ['x']], [['x', 'x']], 'x', [['x:m1']], [['y']]], confidence: [90, -1] },
    ),
    call: (table, options) => hierarchicalRegression(table as never, options as never),
  },
  {
    name: 'correlations',
    runs: 600,
    args: regressionArgs(
      (d) => ({ columns: [d.x, ...d.m, d.y], missing: 'pairwise', confidence: 0.95 }),
      (items) => ({ columns: items }),
      { columns: [['x'], [], ['x', 'x'], 'x'], missing: ['listwise', 'all'] },
    ),
    call: (table, options) => correlations(table as never, options as never),
  },
];

// ---------------------------------------------------------------------------------------------
// Mediation

const smallBoot = fc.oneof(fc.constant(0), fc.integer({ min: 50, max: 200 }));

/** Statistics a user might pass: well-behaved, and ones that return NaN, the wrong length or not numbers. */
const statistics = fc.constantFrom<[string, (columns: readonly Float64Array[], n: number) => unknown]>(
  ['mean difference', (c, n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (c[0]![i] as number) - (c[c.length - 1]![i] as number);
    return s / n;
  }],
  ['two means', (c, n) => [c[0]!.reduce((a, b) => a + b, 0) / n, c[c.length - 1]!.reduce((a, b) => a + b, 0) / n]],
  ['NaN', () => Number.NaN],
  ['NaN in resamples', (c, n) => (c[0]![0] === c[0]![n - 1] ? 1 : Number.NaN)],
  ['variance', (c, n) => {
    let m = 0;
    for (let i = 0; i < n; i++) m += c[0]![i] as number;
    m /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += ((c[0]![i] as number) - m) ** 2;
    return 1 / ss; // Infinity in a resample of one repeated value
  }],
  ['varying length', (_c, n) => new Array(n % 3).fill(1)],
  ['string', () => '1'],
  ['undefined', () => undefined],
  ['object', () => ({ length: 2 })],
  ['empty', () => []],
  ['Infinity', () => Number.POSITIVE_INFINITY],
  ['typed', (c) => c[0]!.subarray(0, 2)],
);

const MEDIATION_TARGETS: FuzzTarget[] = [
  {
    name: 'bootstrap',
    runs: 400,
    args: capped(
      withHostilePair(
      arbitraries.hostileTable(fc).chain(({ table, items }) => statistics.map(([, statistic]) => [table, { columns: items, statistic, resamples: 50, allowFewResamples: true, seed: 1 }])),
      fc.tuple(mediationData, statistics, fc.integer({ min: 50, max: 200 })).map(([d, [, statistic], resamples]) => [d.rows, { columns: [d.x, d.y], statistic, resamples, allowFewResamples: true, seed: 3, interval: 'bias-corrected' }]),
      fc.tuple(oneHostileCell(mediationData), statistics).map(([d, [, statistic]]) => [d.rows, { columns: [d.x, d.y], statistic, resamples: 50, allowFewResamples: true, seed: 3 }]),
      fc.tuple(mediationData, statistics).chain(([d, [, statistic]]) =>
        optionVariants(
          { columns: [d.x, d.y], statistic, resamples: 100, allowFewResamples: true, seed: 2, confidence: 0.9, interval: 'percentile', keepResamples: true },
          { resamples: [-1, 0, 1, 2, 10.5, '100'], seed: [{}, Number.NaN, null], ci: ['bca', 'bias-corrected'], allowFewResamples: [false, 'yes'], statistic: ['mean', null] },
        ).map((o) => [d.rows, o]),
      ),
    ),
      { resamples: 2000 },
    ),
    call: (table, options) => bootstrap(table as never, options as never),
  },
  {
    name: 'pathModel',
    runs: 400,
    args: capped(
      withHostilePair(
      arbitraries.hostileTable(fc).map(({ table, items }) => [
        table,
        { equations: [{ outcome: items[0], predictors: items.slice(1) }], effects: { first: (b: (e: string, t: string) => number) => b(items[0] as string, items[1] as string) }, resamples: 50, allowFewResamples: true, seed: 1 },
      ]),
      fc.tuple(mediationData, smallBoot).chain(([d, boot]) => {
        const equations = [
          ...d.m.map((m) => ({ outcome: m, predictors: [d.x, ...d.covariates] })),
          { outcome: d.y, predictors: [d.x, ...d.m, ...d.covariates] },
        ];
        const m1 = d.m[0] as string;
        const valid = {
          equations,
          effects: {
            indirect: (b: (e: string, t: string) => number) => b(m1, d.x) * b(d.y, m1),
            standardized: (b: { (e: string, t: string): number; sd(v: string): number }) => (b(m1, d.x) * b(d.y, m1) * b.sd(d.x)) / b.sd(d.y),
          },
          center: [d.x],
          bootstrap: boot,
          allowFewResamples: true,
          seed: 5,
        };
        return fc.oneof(
          oneHostileCell(fc.constant(d)).map((h) => [h.rows, valid]),
          optionVariants(valid, {
            equations: [[], [{ outcome: d.y, predictors: [d.y] }], [{ outcome: d.y }], [{ outcome: d.y, predictors: [`${d.x}:${m1}`] }], [null], 'y ~ x'],
            effects: [
              { missingTerm: (b: (e: string, t: string) => number) => b(d.y, 'nope') },
              { missingEquation: (b: (e: string, t: string) => number) => b('nope', d.x) },
              { nan: () => Number.NaN },
              { infinite: () => Number.POSITIVE_INFINITY },
              { notANumber: () => 'x' },
              { sdOfNothing: (b: { sd(v: string): number }) => b.sd('nope') },
              { notAFunction: 3 },
            ],
            center: [['nope'], [d.y], 'x'],
            bootstrap: [-1, 1, 999.5, 'many'],
            hc: ['HC9', 'HC4'],
            seed: [{}, Number.POSITIVE_INFINITY],
          }).map((o) => [d.rows, o]),
        );
      }),
    ),
      { resamples: 2000 },
    ),
    call: (table, spec) => pathModel(table as never, spec as never),
  },
  {
    name: 'processModel',
    runs: 400,
    args: capped(
      withHostilePair(
      arbitraries.hostileTable(fc, { columns: { min: 3, max: 5 } }).chain(({ table, items }) =>
        fc.constantFrom(1, 4, 7).map((model) => [
          table,
          {
            model,
            x: items[0],
            y: items[1],
            ...(model === 1 ? { w: items[2] } : { m: items[2] }),
            ...(model === 7 ? { w: items[3] ?? items[0] } : {}),
            resamples: 50,
            allowFewResamples: true,
            seed: 1,
          },
        ]),
      ),
      fc.tuple(mediationData, smallBoot, fc.constantFrom(1, 7, 8, 14, 58, 59, 21, 36, 83, 92)).chain(([d, boot, moderatedModel]) => {
        const [w, ...covariates] = d.covariates;
        // Models with Z (21), with W, Z and V (36: V from the mediators' data) and a network model (83, 92) too.
        const [z, ...rest] = covariates;
        const extra = moderatedModel === 21 ? { z: z ?? d.y } : moderatedModel === 36 ? { z: z ?? d.y, v: rest[0] ?? d.x } : {};
        const options: Options =
          w === undefined
            ? { model: d.model, x: d.x, y: d.y, m: d.m, bootstrap: boot, allowFewResamples: true, seed: 9, ...(d.model === 4 ? { sobel: true, standardize: true, contrasts: true } : {}) }
            : moderatedModel === 1
              ? { model: 1, x: d.x, y: d.y, w, covariates: [...d.m, ...covariates], jn: true, probes: 'moments', center: 'all' }
              : { model: moderatedModel, x: d.x, y: d.y, m: d.m, w, ...extra, covariates: moderatedModel === 21 || moderatedModel === 36 ? rest.slice(1) : covariates, bootstrap: boot, allowFewResamples: true, seed: 9, center: 'continuous', hc: 'HC3', jn: moderatedModel !== 36 };
        return fc.oneof(
          oneHostileCell(fc.constant(d)).map((h) => [h.rows, options]),
          optionVariants(options, {
            model: [2, '4', 4.5, 92],
            m: [[], [d.x], [d.y], 'nope', [d.m[0], d.m[0]]],
            bootstrap: [-1, 1, 2, 'many'],
            seed: [{}, Number.NaN],
            probes: ['moments', 'percentiles', [0, 1], [Number.NaN], [], 'quartiles'],
            quantileType: [7, 8],
            covariatesIn: ['mediators', 'outcome', 'x'],
            center: ['all', 'none', 2],
            confidence: [99, 0.5],
            w: [d.x, 'nope'],
            z: [d.y],
            jn: [true],
            sobel: [true],
            total: [false, true],
            xCoding: ['indicator', 'helmert', 'dummy', 3],
            xmInteraction: [true, 'yes'],
            xReference: [0, [0, 1], [1, 1], 'a'],
            mediatorValues: [[0], [Number.NaN]],
            wCoding: ['sequential', 'none'],
            zCoding: ['helmert', 'none'],
          }).map((o) => [d.rows, o]),
        );
      }),
    ),
      { resamples: 2000 },
    ),
    call: (table, options) => processModel(table as never, options as never),
  },
  {
    name: 'formatProcess',
    runs: 300,
    args: fc.oneof(
      // Results of process (small bootstrap), as is or with one field hostile or removed.
      { weight: 6, arbitrary: fc.tuple(mediationSample(20, false), fc.constantFrom(0, 20), fc.constantFrom(1, 4, 7, 14)).chain(([d, boot, moderatedModel]) => {
        const [w, ...covariates] = d.covariates;
        const options =
          w === undefined || moderatedModel === 4
            ? { model: d.model, x: d.x, y: d.y, m: d.m, covariates: d.covariates, bootstrap: boot, allowFewResamples: true, seed: 9, ...(d.model === 4 ? { sobel: true, standardize: true, contrasts: true } : {}) }
            : moderatedModel === 1
              ? { model: 1, x: d.x, y: d.y, w, covariates, jn: true }
              : { model: moderatedModel, x: d.x, y: d.y, m: d.m, w, covariates, bootstrap: boot, allowFewResamples: true, seed: 9, hc: 'HC1' };
        let result: Options;
        try {
          result = processModel(d.rows as never, options as never) as unknown as Options;
        } catch {
          return fc.constant<unknown[]>([{}]);
        }
        const nested = (key: string, inner: readonly string[]) =>
          fc.tuple(fc.constantFrom(...inner), hostile).map(([k, v]) => ({ ...result, [key]: { ...(result[key] as object), [k]: v } }));
        return fc
          .oneof(
            { weight: 3, arbitrary: fc.constant(result) },
            arbitraries.hostileOptions(fc, result),
            nested('variables', ['x', 'y', 'm', 'w', 'covariates']),
            nested('settings', ['hc', 'confidence', 'centered']),
            nested('bootstrap', ['resamples', 'replaced', 'seed', 'ci']),
            fc.tuple(fc.nat(), hostile).map(([i, v]) => {
              const eqs = [...(result['equations'] as unknown[])];
              eqs[i % eqs.length] = v;
              return { ...result, equations: eqs };
            }),
          )
          .map((r): unknown[] => [r]);
      }) },
      hostile.map((v): unknown[] => [v]),
      fc.constantFrom<unknown>({ model: 4, equations: [] }, { model: 4, equations: [{}] }, { kind: 'process' }).map((v): unknown[] => [v]),
    ),
    call: (result) => formatProcess(result as never),
  },
];

// ---------------------------------------------------------------------------------------------
// CFA / SEM

/** lavaan syntax for the items of a sample: `factors` blocks of consecutive items. */
function cfaSyntax(columns: readonly string[], factors: number): string {
  const k = Math.max(1, Math.min(factors, Math.floor(columns.length / 2)));
  const size = Math.ceil(columns.length / k);
  return Array.from({ length: k }, (_, f) => `f${f + 1} =~ ${columns.slice(f * size, (f + 1) * size).join(' + ')}`).join('\n');
}

/** Syntax a user might mistype: token soup over the operators and the items, and valid syntax with one character changed. */
function hostileSyntax(columns: readonly string[]): fc.Arbitrary<string> {
  const tokens = ['=~', '~', '~~', ':=', '+', '*', '1', 'NA', '0', 'a', 'f1', '(', ')', '#', '\n', ';', '==', '|', 'start(', '"', '-', '^', ...columns];
  const valid = cfaSyntax(columns, 2);
  return fc.oneof(
    fc.array(fc.constantFrom(...tokens), { maxLength: 12 }).map((t) => t.join(' ')),
    fc.tuple(fc.nat(), fc.constantFrom('', '+', '~', '*', '@', '\n', ')', '=', 'NA*', '1*', 'a*')).map(([i, ch]) => {
      const at = i % (valid.length + 1);
      return valid.slice(0, at) + ch + valid.slice(at + 1);
    }),
    fc.constantFrom(`${valid}\nf2 ~ f1`, `${valid}\nf1 ~~ 0*f2`, `${valid}\nind := a*b`, `${valid}\nf1 =~ ${columns[0]}`, 'f1 =~ NA*x', `${valid}\n${columns[0]} ~ 1`),
    fc.string({ maxLength: 30 }),
  );
}

function semArgs(extra: (d: { columns: readonly string[]; factors: number }) => Options): fc.Arbitrary<readonly unknown[]> {
  const valid = (d: { columns: readonly string[]; factors: number }): Options => ({ model: cfaSyntax(d.columns, d.factors), ...extra(d) });
  return withHostilePair(
    arbitraries.hostileTable(fc).map(({ table, items }) => [table, valid({ columns: items, factors: 1 })]),
    oneHostileCell(itemData).map((d) => [d.rows, valid(d)]),
    itemData.chain((d) => hostileSyntax(d.columns).map((model) => [d.rows, { ...valid(d), model }])),
    itemData.chain((d) => optionVariants(valid(d), { stdLv: ['yes', 1], meanStructure: [true, 'no'], orthogonal: [true, null], estimator: ['MLR', 'ml', 'WLSMV'], ordered: [true, ['item1'], 'yes'], missing: ['fiml', 'pairwise'], confidence: [1, 0.9], resamples: [50, 2, 1, -1], allowFewResamples: [true], interval: ['bias-corrected', 'bca'] }).map((o) => [d.rows, o])),
    itemData.map((d) => [d.rows, valid(d)]),
  );
}

const SEM_TARGETS: FuzzTarget[] = [
  // A hostile `resamples` may be valid but large (with allowFewResamples): bootstraps above 200 refits only cost time.
  { name: 'cfa', runs: 500, args: capped(semArgs(() => ({})), { resamples: 200 }), call: (table, options) => cfa(table as never, options as never) },
  {
    name: 'sem',
    runs: 300,
    args: capped(semArgs((d) => (d.factors >= 2 ? { model: `${cfaSyntax(d.columns, d.factors)}\nf2 ~ a*f1\nind := a*2` } : {})), { resamples: 200 }),
    call: (table, options) => sem(table as never, options as never),
  },
  {
    // Two groups by row parity; hostile tables (no "half" column) must fail cleanly too.
    name: 'invariance',
    runs: 150,
    args: semArgs((d) => ({ group: 'half', ...(d.factors > 2 ? { steps: ['configural', 'metric', 'scalar', 'strict'] } : {}) })).map((args) => {
      const [table, options] = args;
      const rows = Array.isArray(table) ? table.map((r: unknown, i: number) => (r !== null && typeof r === 'object' ? { ...(r as object), half: i % 2 === 0 ? 'a' : 'b' } : r)) : table;
      const o = options !== null && typeof options === 'object' ? Object.fromEntries(Object.entries(options as object).filter(([k]) => !['resamples', 'allowFewResamples', 'interval', 'seed', 'onProgress'].includes(k))) : options;
      return [rows, o] as readonly unknown[];
    }),
    call: (table, options) => invariance(table as never, options as never),
  },
];

export const MODEL_TARGETS: readonly FuzzTarget[] = [...FACTOR_TARGETS, ...REGRESSION_TARGETS, ...MEDIATION_TARGETS, ...SEM_TARGETS];
