// docs/conventions.md, "Options are strict": every public function that takes an options object
// refuses a key it does not know with INVALID_OPTION naming the key, listing the known keys and
// suggesting the nearest. CALLS holds one valid call per such function (the extra keys are merged
// into its options); NO_OPTIONS lists every other public function with the reason it takes none.
// The first test keeps both lists complete against the real exports.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as psychkit from '../../src/index.js';
import { arbitraries, coverageBand, simulate } from '../../src/testing/index.js';
import { isPsychkitError, type PsychkitError } from '../../src/index.js';
import { publicFunctionNames } from '../helpers/public-api.js';
import { peer, maritalLevels } from '../helpers/peer.js';
import { loadCsv } from '../helpers/fixtures.js';
import { workerCall } from '../../src/worker/arguments.js';

type Extra = Readonly<Record<string, unknown>>;

const raw = loadCsv('peer-workers.csv');
const esse = Array.from({ length: 11 }, (_, i) => `esse${i + 1}`);
const small = raw.slice(0, 60);
const scale = psychkit.instruments.esse({ prefix: 'esse', minAnswered: 0.8 });
const recovery = peer.rec as (number | null)[];
const alpha = psychkit.cronbachAlpha(raw, { columns: esse });
const loadings = [
  [0.7, 0.1],
  [0.6, 0.2],
  [0.1, 0.7],
  [0.2, 0.6],
];
const matrix = { correlation: [[1, 0.5, 0.4], [0.5, 1, 0.3], [0.4, 0.3, 1]], n: 100 };
const model4 = { model: 4, x: 'esse', m: 'ss', y: 'pwb', resamples: 0 } as const;
const process4 = psychkit.processModel(peer, model4);
const groupRows = raw.map((r, i) => ({ ...r, half: i % 2 === 0 ? 'even' : 'odd' }));
const cfaFit = psychkit.cfa(small, { model: 'f =~ esse1 + esse2 + esse3 + esse4', missingCodes: ['NA'] });

/** One valid call per function with an options object; `extra` is merged into the options. */
const CALLS: Readonly<Record<string, (extra: Extra) => unknown>> = {
  cronbachAlpha: (x) => psychkit.cronbachAlpha(small, { columns: esse, ...x }),
  spearmanBrown: (x) => psychkit.spearmanBrown(0.7, { lengthFactor: 2, ...x }),
  compareAlphas: (x) => psychkit.compareAlphas([{ alpha: 0.8, n: 50 }, { alpha: 0.7, n: 60 }], { ...x }),
  standardErrorOfMeasurement: (x) => psychkit.standardErrorOfMeasurement(0.8, { sd: 5, ...x }),
  reliableChange: (x) => psychkit.reliableChange({ t1: [10, 12, 15], t2: [8, 12, 9] }, { before: 't1', after: 't2', reliability: 0.85, ...x }),
  icc: (x) => psychkit.icc(small, { columns: esse.slice(0, 3), missingCodes: ['NA'], ...x }),
  splitHalf: (x) => psychkit.splitHalf(small, { columns: esse.slice(0, 6), missingCodes: ['NA'], ...x }),
  scoreInstrument: (x) => psychkit.scoreInstrument({ gad1: [1], gad2: [0], gad3: [2], gad4: [3], gad5: [0], gad6: [1], gad7: [1] }, { scale: psychkit.instruments.gad7({ prefix: 'gad' }), ...x }),
  longstring: (x) => psychkit.longstring(small, { columns: esse, ...x }),
  responseVariability: (x) => psychkit.responseVariability(small, { columns: esse, ...x }),
  mahalanobis: (x) => psychkit.mahalanobis(small, { columns: esse.slice(0, 5), missingCodes: ['NA'], ...x }),
  evenOddConsistency: (x) => psychkit.evenOddConsistency(small, { scales: { a: esse.slice(0, 4), b: esse.slice(4, 8) }, missingCodes: ['NA'], ...x }),
  psychometricSynonyms: (x) => psychkit.psychometricSynonyms(small, { columns: esse, threshold: 0.3, missingCodes: ['NA'], ...x }),
  screenResponses: (x) => psychkit.screenResponses(small, { columns: esse, missingCodes: ['NA'], ...x }),
  missingness: (x) => psychkit.missingness(small, { columns: esse.slice(0, 4), missingCodes: ['NA'], ...x }),
  itemFrequencies: (x) => psychkit.itemFrequencies(small, { columns: esse.slice(0, 3), ...x }),
  recodeResponses: (x) => psychkit.recodeResponses({ q: ['Agree', 'Disagree'] }, { labels: ['Disagree', 'Agree'], ...x }),
  omega: (x) => psychkit.omega(raw, { columns: esse, factors: 2, ...x }),
  efa: (x) => psychkit.efa(small, { columns: esse, ...x }),
  parallelAnalysis: (x) => psychkit.parallelAnalysis(matrix, { resamples: 2, seed: 1, ...x }),
  correlationMatrix: (x) => psychkit.correlationMatrix(small, { columns: esse.slice(0, 3), ...x }),
  kmo: (x) => psychkit.kmo(matrix, { ...x }),
  bartlettSphericity: (x) => psychkit.bartlettSphericity(matrix, { ...x }),
  velicerMap: (x) => psychkit.velicerMap(matrix, { ...x }),
  rotate: (x) => psychkit.rotate(loadings, { ...x }),
  descriptives: (x) => psychkit.descriptives(recovery, { ...x }),
  skewness: (x) => psychkit.skewness(recovery, { ...x }),
  kurtosis: (x) => psychkit.kurtosis(recovery, { ...x }),
  transform: (x) => psychkit.transform(recovery, { method: 'reflect-sqrt', ...x }),
  boxCox: (x) => psychkit.boxCox(recovery, { ...x }),
  yeoJohnson: (x) => psychkit.yeoJohnson(recovery, { ...x }),
  compareTransforms: (x) => psychkit.compareTransforms(recovery, { methods: ['sqrt'], ...x }),
  scoreScale: (x) => psychkit.scoreScale(small, { scale, ...x }),
  defineScale: (x) => psychkit.defineScale({ id: 's', items: ['a', 'b'], response: { min: 1, max: 5 }, ...x }),
  dummyCode: (x) => psychkit.dummyCode(psychkit.categoricalColumn({ m: ['a', 'b'] }, 'm'), { ...x }),
  ols: (x) => psychkit.ols(peer, { y: 'pwb', x: ['esse'], ...x }),
  cfa: (x) => psychkit.cfa(small, { model: 'f =~ esse1 + esse2 + esse3 + esse4', missingCodes: ['NA'], ...x }),
  invariance: (x) => psychkit.invariance(groupRows, { model: 'f =~ esse1 + esse2 + esse3 + esse4', group: 'half', missingCodes: ['NA'], ...x }),
  sem: (x) => psychkit.sem(small, { model: 'f =~ esse1 + esse2 + esse3\ng =~ esse4 + esse5 + esse6\ng ~ f', missingCodes: ['NA'], ...x }),
  hierarchicalRegression: (x) => psychkit.hierarchicalRegression(peer, { y: 'pwb', steps: [['esse']], ...x }),
  correlations: (x) => psychkit.correlations(peer, { columns: ['esse', 'pwb'], ...x }),
  processModel: (x) => psychkit.processModel(peer, { ...model4, ...x }),
  pathModel: (x) => psychkit.pathModel(peer, { equations: [{ outcome: 'pwb', predictors: ['esse'] }], resamples: 0, ...x }),
  // psychkit/worker: its run options, checked by the synchronous half of runInWorker (which rejects with the same error).
  runInWorker: (x) => workerCall('cronbachAlpha', small, { columns: esse }, { workers: 2, ...x }),
  bootstrap: (x) => psychkit.bootstrap(peer, { columns: ['esse'], statistic: ([c], n) => (c as Float64Array)[0]! + n * 0, resamples: 2, allowFewResamples: true, seed: 1, ...x }),
  formatNumber: (x) => psychkit.formatNumber(1.5, { ...x }),
  formatP: (x) => psychkit.formatP(0.02, { ...x }),
  formatInterval: (x) => psychkit.formatInterval(1, 2, { ...x }),
  toApaTable: (x) => psychkit.toApaTable(alpha, { ...x }),
  toMarkdown: (x) => psychkit.toMarkdown(alpha, { ...x }),
  toTextReport: (x) => psychkit.toTextReport([{ heading: 'H', blocks: ['text'] }], { ...x }),
  toMarkdownReport: (x) => psychkit.toMarkdownReport([{ heading: 'H', blocks: ['text'] }], { ...x }),
  toHtmlReport: (x) => psychkit.toHtmlReport([{ heading: 'H', blocks: ['text'] }], { ...x }),
  screePlotSvg: (x) => psychkit.screePlotSvg([2, 1, 0.5], { ...x }),
  pathDiagramSvg: (x) => psychkit.pathDiagramSvg({ x: 'X', m: 'M', y: 'Y', paths: { a: 1, b: 1, cPrime: 1 } }, { ...x }),
  semDiagramSvg: (x) => psychkit.semDiagramSvg(cfaFit, { ...x }),
  conceptualDiagramSvg: (x) => psychkit.conceptualDiagramSvg({ kind: 'processModel', model: 1, variables: { x: 'X', y: 'Y', m: [] }, moderators: [], equations: [{ outcome: 'Y', terms: ['X'] }] }, { ...x }),
  johnsonNeymanSvg: (x) => psychkit.johnsonNeymanSvg({ points: [], table: [{ w: 0, estimate: 1, lower: 0, upper: 2 }, { w: 1, estimate: 1, lower: 0, upper: 2 }] }, { ...x }),
  simpleSlopesSvg: (x) => psychkit.simpleSlopesSvg({ kind: 'processModel', variables: { x: 'X', y: 'Y' }, moderators: [{ role: 'w', column: 'W' }], predictedValues: [{ x: 0, at: { w: 1 }, predicted: 1 }] }, { ...x }),
  bootstrapHistogramSvg: (x) => psychkit.bootstrapHistogramSvg({ draws: [0.1, 0.2, 0.3], estimate: 0.2, lower: 0.1, upper: 0.3 }, { ...x }),
  loadingsHeatmapSvg: (x) => psychkit.loadingsHeatmapSvg({ loadings: [[0.7, 0.1], [0.2, 0.6]] }, { ...x }),
  coverageBand: (x) => coverageBand(941, 1000, { ...x }),
  'simulate.regression': (x) => simulate.regression({ coefficients: [0.3], n: 10, seed: 1, ...x }),
  'simulate.ratings': (x) => simulate.ratings({ n: 10, raters: 3, seed: 1, ...x }),
  'simulate.higherOrder': (x) => simulate.higherOrder({ groups: [[0.6, 0.6], [0.6, 0.6], [0.6, 0.6]], general: [0.5, 0.5, 0.5], n: 10, seed: 1, ...x }),
  'simulate.ampute': (x) => simulate.ampute({ a: [1, 2, 3, 4], b: [2, 1, 4, 3] }, { columns: ['a'], mechanism: 'MAR', by: 'b', proportion: 0.3, seed: 1, ...x }),
  'simulate.carelessResponses': (x) => simulate.carelessResponses({ n: 20, items: 8, seed: 1, ...x }),
  'simulate.congeneric': (x) => simulate.congeneric({ loadings: [0.5, 0.6, 0.7], n: 5, seed: 1, ...x }),
  'simulate.factorModel': (x) => simulate.factorModel({ loadings, n: 5, seed: 1, ...x }),
  'simulate.mediation': (x) => simulate.mediation({ model: 4, paths: { a: [0.3], b: [0.3], direct: 0.1 }, n: 5, seed: 1, ...x }),
  'simulate.processModel': (x) => simulate.processModel({ model: 7, coefficients: { m1: { x: 0.3 } }, n: 5, seed: 1, ...x }),
  'simulate.cfa': (x) => simulate.cfa({ loadings, n: 5, seed: 1, ...x }),
  'simulate.sem': (x) => simulate.sem({ measurement: { x: [0.7, 0.6, 0.5], y: [0.7, 0.6, 0.5] }, regressions: [{ outcome: 'y', predictor: 'x', coefficient: 0.3 }], n: 5, seed: 1, ...x }),
  'simulate.multiGroup': (x) => simulate.multiGroup({ loadings: [[0.7], [0.6], [0.5]], groups: [{ label: 'a', n: 5 }, { label: 'b', n: 5 }], seed: 1, ...x }),
  'simulate.minorFactors': (x) => simulate.minorFactors({ loadings: [[0.7], [0.6], [0.5], [0.6]], n: 5, seed: 1, ...x }),
  'arbitraries.correlationMatrix': (x) => arbitraries.correlationMatrix(fc, { ...x }),
  'arbitraries.factorModel': (x) => arbitraries.factorModel(fc, { ...x }),
  'arbitraries.cfaModel': (x) => arbitraries.cfaModel(fc, { ...x }),
  'arbitraries.hostileTable': (x) => arbitraries.hostileTable(fc, { ...x }),
  'arbitraries.hostileValue': (x) => arbitraries.hostileValue(fc, { ...x }),
  'arbitraries.likertResponses': (x) => arbitraries.likertResponses(fc, { ...x }),
  'arbitraries.mediationModel': (x) => arbitraries.mediationModel(fc, { ...x }),
  'arbitraries.messyTable': (x) => arbitraries.messyTable(fc, { ...x }),
};

/** Options objects of the instrument binders, checked the same way (not top-level exports). */
const INSTRUMENT_CALLS: Readonly<Record<string, (extra: Extra) => unknown>> = {
  'instruments.esse': (x) => psychkit.instruments.esse({ prefix: 'esse', ...x }),
  'instruments.mspss': (x) => psychkit.instruments.mspss({ prefix: 'mspss', ...x }),
  'instruments.ras24': (x) => psychkit.instruments.ras24({ prefix: 'ras', ...x }),
  'instruments.pwb18': (x) => psychkit.instruments.pwb18({ prefix: 'pwb', anchors: 'agree-disagree', response: { min: 1, max: 7 }, ...x }),
  'instruments.promisSocialIsolation6a': (x) => psychkit.instruments.promisSocialIsolation6a({ prefix: 'si', ...x }),
  'instruments.phq9': (x) => psychkit.instruments.phq9({ prefix: 'phq', ...x }),
  'instruments.phq8': (x) => psychkit.instruments.phq8({ prefix: 'phq', ...x }),
  'instruments.gad7': (x) => psychkit.instruments.gad7({ prefix: 'gad', ...x }),
  'instruments.k10': (x) => psychkit.instruments.k10({ prefix: 'k', ...x }),
  'instruments.k6': (x) => psychkit.instruments.k6({ prefix: 'k', ...x }),
  'instruments.who5': (x) => psychkit.instruments.who5({ prefix: 'who', ...x }),
  'instruments.pss10': (x) => psychkit.instruments.pss10({ prefix: 'pss', ...x }),
  'instruments.rosenberg': (x) => psychkit.instruments.rosenberg({ prefix: 'rse', ...x }),
  'instruments.ucla3': (x) => psychkit.instruments.ucla3({ prefix: 'ucla', ...x }),
  'instruments.swemwbs': (x) => psychkit.instruments.swemwbs({ prefix: 'swem', ...x }),
  'instruments.promisDepression8a': (x) => psychkit.instruments.promisDepression8a({ prefix: 'dep', ...x }),
  'instruments.promisAnxiety8a': (x) => psychkit.instruments.promisAnxiety8a({ prefix: 'anx', ...x }),
};

/** Public functions without an options object, and why. */
const NO_OPTIONS: Readonly<Record<string, string>> = {
  PsychkitError: 'a class: (code, message, details)',
  isPsychkitError: 'a type guard of one value',
  randomStream: 'takes a seed',
  bootstrapIndices: '(stream, n, buffer): positional by design, allocation-free in hot loops',
  readTable: 'takes a table (its options arrive with missing codes; see the data tests)',
  alignFactors: '(estimated, truth): two loading matrices, nothing to choose',
  seeds: '(master, count): a seed and a count',
  scoreBand: '(score, bands): a look-up of one score in an instrument key\'s band set',
  isMatrixInput: 'a type guard of one value',
  isMissing: 'a predicate of one value',
  cellToNumber: '(value, column, row): positional, called per cell',
  numericColumn: '(table, column): the column it is about',
  numericColumns: '(table, columns): the columns it is about',
  listwise: 'takes numeric columns',
  pairwiseCounts: 'takes numeric columns',
  categoricalColumn: '(table, column, levels): the column it is about and its levels',
  normalCdf: 'a probability function of its arguments',
  normalSurvival: 'a probability function of its arguments',
  normalQuantile: 'a probability function of its arguments',
  normalTwoSided: 'a probability function of its arguments',
  tCdf: 'a probability function of its arguments',
  tSurvival: 'a probability function of its arguments',
  tTwoSided: 'a probability function of its arguments',
  tQuantile: 'a probability function of its arguments',
  fCdf: 'a probability function of its arguments',
  fSurvival: 'a probability function of its arguments',
  fQuantile: 'a probability function of its arguments',
  chiSquareCdf: 'a probability function of its arguments',
  chiSquareSurvival: 'a probability function of its arguments',
  chiSquareQuantile: 'a probability function of its arguments',
  bivariateNormalCdf: 'a probability function of its arguments',
  standardErrorOfSkewness: 'a function of n',
  standardErrorOfKurtosis: 'a function of n',
  shapiroWilk: 'takes the values only',
  normalityTests: 'takes the values only',
  inverseTransform: '(values, spec): the spec is a transform result or its { method, parameters }, not options',
  requiredAnswered: '(minAnswered, k): a function of two numbers',
  reverseScore: '(values, range): the range { min, max } is checked strictly (scales tests)',
  samplingAdequacyLabel: 'a function of one MSA',
  maxFactors: 'a function of p',
  escapeHtml: 'takes a string',
  escapeMarkdownCell: 'takes a string',
  escapeMarkdownText: 'takes a string',
  tableToText: 'takes a table (its shape is checked field by field)',
  tableToMarkdown: 'takes a table (its shape is checked field by field)',
  tableToHtml: 'takes a table (its shape is checked field by field)',
  formatProcess: 'takes a processModel result',
  formatCfa: 'takes a cfa or sem result (lavaan’s summary layout has no settings)',
  tidy: 'takes a result: its rows are fixed by the result kind (broom has no options either)',
  glance: 'takes a result: one row of its model-level statistics',
  'arbitraries.hostileOptions': '(fc, valid): the second argument is the valid options to corrupt',
};

function thrown(f: () => unknown): PsychkitError | undefined {
  try {
    f();
  } catch (e) {
    if (isPsychkitError(e)) return e;
    throw e;
  }
  return undefined;
}

/** Typos a user makes: a dropped, doubled or swapped letter, or the wrong case of one. */
function typosOf(key: string): fc.Arbitrary<string> {
  return fc.integer({ min: 1, max: Math.max(1, key.length - 2) }).chain((i) =>
    fc.constantFrom(
      key.slice(0, i) + key.slice(i + 1),
      key.slice(0, i) + key[i] + key.slice(i),
      key.slice(0, i) + (key[i + 1] ?? '') + key[i] + key.slice(i + 2),
      key.slice(0, i) + (key[i] === key[i]!.toUpperCase() ? key[i]!.toLowerCase() : key[i]!.toUpperCase()) + key.slice(i + 1),
    ),
  );
}

const ALL_CALLS = { ...CALLS, ...INSTRUMENT_CALLS };

describe('strict options (docs/conventions.md)', () => {
  it('every public function is either called here with options or listed as taking none, and no name is stale', () => {
    const names = publicFunctionNames();
    const covered = new Set([...Object.keys(CALLS), ...Object.keys(NO_OPTIONS)]);
    expect(names.filter((n) => !covered.has(n))).toEqual([]);
    expect([...covered].filter((n) => !names.includes(n))).toEqual([]);
    expect(Object.keys(CALLS).filter((n) => n in NO_OPTIONS)).toEqual([]);
    expect(Object.keys(psychkit.instruments).map((k) => `instruments.${k}`).sort()).toEqual(Object.keys(INSTRUMENT_CALLS).sort());
  });

  it.each(Object.entries(ALL_CALLS))('%s: a valid call works, and any unknown key is INVALID_OPTION naming it and the known keys', (name, call) => {
    expect(thrown(() => call({})), `${name}: the valid call`).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== '__proto__'), (key) => {
        const probe = thrown(() => call({ zzNoSuchOption: 1 }));
        const known = (probe?.details.known ?? []) as string[];
        fc.pre(!known.includes(key));
        const e = thrown(() => call({ [key]: 1 }));
        expect(e?.code, `${name}({ ${JSON.stringify(key)} })`).toBe('INVALID_OPTION');
        expect(e?.details.option).toBe(key);
        expect(e?.message).toContain(`\`${key}\``);
        expect(e?.details.known).toEqual(known);
        for (const k of known) expect(e?.message).toContain(k);
      }),
      { numRuns: 20 },
    );
  });

  it.each(Object.entries(ALL_CALLS))('%s: a misspelt known key is refused with "did you mean" the key', (name, call) => {
    const known = (thrown(() => call({ zzNoSuchOption: 1 }))?.details.known ?? []) as string[];
    expect(known.length, `${name} lists its known keys`).toBeGreaterThan(0);
    const long = known.filter((k) => k.length >= 4);
    fc.assert(
      fc.property(
        fc.constantFrom(...(long.length > 0 ? long : known)).chain((key) => typosOf(key).map((typo) => [key, typo] as const)),
        ([key, typo]) => {
          fc.pre(typo !== key && !known.includes(typo));
          const e = thrown(() => call({ [typo]: 1 }));
          expect(e?.code, `${name}({ ${typo} })`).toBe('INVALID_OPTION');
          expect(e?.details.option).toBe(typo);
          // The suggestion is a known key at the smallest edit distance: the intended one unless
          // another key is just as close (e.g. `seed` and `need`).
          expect(known).toContain(e?.details.suggestion);
          expect(e?.message).toContain(`Did you mean \`${String(e?.details.suggestion)}\``);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('names what a renamed key became', () => {
    const e = thrown(() => psychkit.cronbachAlpha(small, { items: esse } as never));
    expect(e?.message).toContain('`items` is now `columns`');
    expect(thrown(() => psychkit.processModel(peer, { ...model4, bootstrap: 1000 } as never))?.message).toContain('`bootstrap` is now `resamples`');
    expect(thrown(() => psychkit.processModel(peer, { ...model4, ci: 'percentile' } as never))?.message).toContain('`ci` is now `interval`');
  });

  it('the issue’s typos: seeed, covariate and rotaton are refused, each with the intended key', () => {
    expect(thrown(() => psychkit.processModel(peer, { ...model4, seeed: 1 } as never))?.details).toMatchObject({ option: 'seeed', suggestion: 'seed' });
    expect(thrown(() => psychkit.processModel(peer, { ...model4, covariate: ['gender'] } as never))?.details).toMatchObject({ option: 'covariate', suggestion: 'covariates' });
    expect(thrown(() => psychkit.efa(small, { columns: esse, rotaton: 'varimax' } as never))?.details).toMatchObject({ option: 'rotaton', suggestion: 'rotation' });
    expect(thrown(() => psychkit.ols(peer, { y: 'pwb', x: ['esse'], covariate: ['gender'] } as never))?.details).toMatchObject({ option: 'covariate', suggestion: 'covariates' });
  });

  it('nested option objects are strict too: categorical declarations, response ranges, path-model equations', () => {
    expect(thrown(() => psychkit.ols(peer, { y: 'pwb', x: ['esse', 'marital'], categorical: { marital: { levels: maritalLevels.marital, refrence: 'never' } } } as never))?.details).toMatchObject({
      option: 'categorical.marital.refrence',
      suggestion: 'reference',
    });
    expect(thrown(() => psychkit.cronbachAlpha(small, { columns: esse, response: { min: 1, mx: 5 } } as never))?.details).toMatchObject({ option: 'response.mx', suggestion: 'max' });
    expect(thrown(() => psychkit.pathModel(peer, { equations: [{ outcome: 'pwb', predictor: ['esse'] }] } as never))?.details).toMatchObject({ option: 'equations[0].predictor', suggestion: 'predictors' });
  });

  it('a Map, an array or a primitive in place of the options object is INVALID_OPTION', () => {
    for (const bad of [new Map([['seed', 1]]), [1], 'seed', 3]) {
      expect(thrown(() => psychkit.processModel(peer, bad as never))?.code).toBe('INVALID_OPTION');
      expect(thrown(() => psychkit.cronbachAlpha(small, bad as never))?.code).toBe('INVALID_OPTION');
    }
  });
  void process4;
});
