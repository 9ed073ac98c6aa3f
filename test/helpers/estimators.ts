// Every estimator of psychkit called once on the bundled data, keyed by the `kind` its result
// carries: the one list the result-shape and tidy/glance conventions run over.
import * as psychkit from '../../src/index.js';
import { loadCsv } from './fixtures.js';
import { peer } from './peer.js';

const raw = loadCsv('peer-workers.csv');
const esse = Array.from({ length: 11 }, (_, i) => `esse${i + 1}`);
const recovery = peer.rec as (number | null)[];
const matrix = { correlation: [[1, 0.5, 0.4], [0.5, 1, 0.3], [0.4, 0.3, 1]], n: 100 };

/** Every estimator, called once; the key is the `kind` its result must carry. */
export const ESTIMATORS: Readonly<Record<string, () => unknown>> = {
  cronbachAlpha: () => psychkit.cronbachAlpha(raw, { columns: esse }),
  omega: () => psychkit.omega(raw, { columns: esse, factors: 2 }),
  efa: () => psychkit.efa(raw, { columns: esse, factors: 2 }),
  parallelAnalysis: () => psychkit.parallelAnalysis(matrix, { resamples: 5, seed: 1 }),
  correlationMatrix: () => psychkit.correlationMatrix(raw, { columns: esse.slice(0, 4) }),
  kmo: () => psychkit.kmo(matrix),
  bartlettSphericity: () => psychkit.bartlettSphericity(matrix),
  velicerMap: () => psychkit.velicerMap(matrix),
  rotate: () => psychkit.rotate([[0.7, 0.1], [0.6, 0.2], [0.1, 0.7], [0.2, 0.6]]),
  descriptives: () => psychkit.descriptives(recovery),
  shapiroWilk: () => psychkit.shapiroWilk(recovery),
  normalityTests: () => psychkit.normalityTests(recovery),
  transform: () => psychkit.boxCox(recovery),
  compareTransforms: () => psychkit.compareTransforms(recovery),
  scoreScale: () => psychkit.scoreScale(raw, { scale: psychkit.instruments.esse({ prefix: 'esse', minAnswered: 0.8 }) }),
  ols: () => psychkit.ols(peer, { y: 'pwb', x: ['esse'] }),
  hierarchicalRegression: () => psychkit.hierarchicalRegression(peer, { y: 'pwb', steps: [['esse'], ['ss']] }),
  correlations: () => psychkit.correlations(peer, { columns: ['esse', 'pwb'] }),
  processModel: () => psychkit.processModel(peer, { model: 4, x: 'esse', m: 'ss', y: 'pwb', resamples: 1000, seed: 1 }),
  pathModel: () => psychkit.pathModel(peer, { equations: [{ outcome: 'pwb', predictors: ['esse'] }], resamples: 0 }),
  cfa: () => psychkit.cfa(raw, { model: 'empathic =~ esse1 + esse2 + esse3\nsocial =~ esse7 + esse8 + esse9', missingCodes: ['NA'] }),
  sem: () => psychkit.sem(raw, { model: 'empathic =~ esse1 + esse2 + esse3\nsocial =~ esse7 + esse8 + esse9\nsocial ~ a*empathic\ndoubled := 2*a', missingCodes: ['NA'] }),
  invariance: () => psychkit.invariance(raw.map((r, i) => ({ ...r, half: i % 2 === 0 ? 'even' : 'odd' })), { model: 'empathic =~ esse1 + esse2 + esse3\nsocial =~ esse7 + esse8 + esse9', group: 'half', missingCodes: ['NA'] }),
  icc: () => psychkit.icc(raw, { columns: esse.slice(0, 4), missingCodes: ['NA'] }),
  splitHalf: () => psychkit.splitHalf(raw, { columns: esse.slice(0, 8), missingCodes: ['NA'] }),
  scoreInstrument: () => psychkit.scoreInstrument({ gad1: [1, 3], gad2: [0, 3], gad3: [2, 2], gad4: [3, 3], gad5: [0, 2], gad6: [1, 3], gad7: [1, null] }, { scale: psychkit.instruments.gad7({ prefix: 'gad' }) }),
  longstring: () => psychkit.longstring(raw, { columns: esse }),
  responseVariability: () => psychkit.responseVariability(raw, { columns: esse, missingCodes: ['NA'] }),
  mahalanobis: () => psychkit.mahalanobis(raw, { columns: esse, missingCodes: ['NA'] }),
  evenOddConsistency: () => psychkit.evenOddConsistency(raw, { scales: { a: esse.slice(0, 4), b: esse.slice(4, 8) }, missingCodes: ['NA'] }),
  psychometricSynonyms: () => psychkit.psychometricSynonyms(raw, { columns: esse, threshold: 0.4, missingCodes: ['NA'] }),
  screenResponses: () => psychkit.screenResponses(raw, { columns: esse, missingCodes: ['NA'] }),
  missingness: () => psychkit.missingness(raw, { columns: esse, missingCodes: ['NA'] }),
  itemFrequencies: () => psychkit.itemFrequencies(raw, { columns: esse, missingCodes: ['NA'] }),
  reliableChange: () => psychkit.reliableChange(raw, { before: 'esse1', after: 'esse2', reliability: 0.8, missingCodes: ['NA'], cutoff: 3.5 }),
  bootstrap: () => psychkit.bootstrap(peer, { columns: ['esse'], statistic: ([c], n) => (c as Float64Array).reduce((a, b) => a + b, 0) / n, resamples: 1000, seed: 1 }),
};

