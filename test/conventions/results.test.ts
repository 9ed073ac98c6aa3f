// docs/conventions.md, "Results: one shape": every estimator's result carries `kind` (the
// function that made it), `n` and typed `warnings`, is deeply frozen, survives structuredClone and
// JSON, and holds no functions or class instances.
import { describe, expect, it } from 'vitest';
import * as psychkit from '../../src/index.js';
import { WARNING_CODES } from '../../src/index.js';
import { loadCsv } from '../helpers/fixtures.js';
import { peer } from '../helpers/peer.js';

const raw = loadCsv('peer-workers.csv');
const esse = Array.from({ length: 11 }, (_, i) => `esse${i + 1}`);
const recovery = peer.rec as (number | null)[];
const matrix = { correlation: [[1, 0.5, 0.4], [0.5, 1, 0.3], [0.4, 0.3, 1]], n: 100 };

/** Every estimator, called once; the key is the `kind` its result must carry. */
const ESTIMATORS: Readonly<Record<string, () => unknown>> = {
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

function plainValues(value: unknown, path: string, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') out.push(path);
    return;
  }
  if (ArrayBuffer.isView(value)) return out.push(`${path} (typed array)`), undefined;
  if (!Object.isFrozen(value)) out.push(`${path} (not frozen)`);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype) out.push(`${path} (a class instance)`);
  for (const [k, v] of Object.entries(value)) plainValues(v, `${path}.${k}`, out);
}

describe('every estimator result has the one result shape', () => {
  it.each(Object.entries(ESTIMATORS))('%s', (kind, run) => {
    const r = run() as { kind: unknown; n: unknown; warnings: { code: string; message: string }[] };
    expect(r.kind).toBe(kind);
    expect(r.n === null || (typeof r.n === 'number' && Number.isInteger(r.n) && r.n >= 0)).toBe(true);
    expect(Array.isArray(r.warnings)).toBe(true);
    for (const w of r.warnings) {
      expect(WARNING_CODES).toContain(w.code);
      expect(typeof w.message).toBe('string');
    }
    const problems: string[] = [];
    plainValues(r, kind, problems);
    expect(problems).toEqual([]);
    expect(structuredClone(r)).toEqual(r);
    expect(JSON.parse(JSON.stringify(r)).kind).toBe(kind);
  });
  it('every estimator of the public API is listed here', () => {
    const results = Object.keys(ESTIMATORS);
    for (const name of ['boxCox', 'yeoJohnson']) expect(typeof (psychkit as Record<string, unknown>)[name]).toBe('function');
    expect(results.every((k) => k === 'transform' || typeof (psychkit as Record<string, unknown>)[k] === 'function')).toBe(true);
  });
});
