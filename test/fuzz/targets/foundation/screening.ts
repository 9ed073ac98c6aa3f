// Fuzz targets: screening (itemFrequencies), recoding (recodeResponses) and the reliability
// family beyond alpha (compareAlphas, standardErrorOfMeasurement, reliableChange).
import fc from 'fast-check';
import { compareAlphas, evenOddConsistency, icc, longstring, mahalanobis, missingness, psychometricSynonyms, responseVariability, screenResponses, INSTRUMENT_KEYS, instruments, itemFrequencies, recodeResponses, reliableChange, scoreBand, scoreInstrument, splitHalf, standardErrorOfMeasurement } from '../../../../src/index.js';
import { arbitraries } from '../../../../src/testing/index.js';
import type { FuzzTarget } from '../../harness.js';
import { anyTable } from './data.js';
import { edgeNumber, edgeProbability, hostile, nasty, options, withOneHostile } from './common.js';

const agree = ['Strongly disagree', 'Disagree', 'Neutral', 'Agree', 'Strongly agree'];
const labelCell = fc.oneof(fc.constantFrom(...agree, ' agree ', 'NEUTRAL', '', null, 3, '4'), hostile);
const labelTable = fc.array(fc.record({ q1: labelCell, q2: labelCell }), { maxLength: 12 });

const alphaSample = fc.record({ alpha: fc.oneof(fc.double({ min: -1, max: 0.99, noNaN: true }), edgeNumber), n: fc.oneof(fc.integer({ min: 3, max: 500 }), edgeNumber), items: fc.oneof(fc.constant(undefined), fc.integer({ min: 2, max: 40 }), edgeNumber) });

export const SCREENING_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'itemFrequencies',
    args: anyTable.chain(({ table, items }) =>
      fc.tuple(fc.constant(table), fc.oneof(fc.constant(undefined), options({ columns: [...items] }), options({ columns: [...items], response: { min: 1, max: 5 } }), fc.record({ columns: withOneHostile(fc.constant(items)) }))),
    ),
    call: (table, o) => itemFrequencies(table as never, o as never),
    runs: 600,
  },
  {
    name: 'missingness',
    args: fc.oneof(
      { arbitrary: anyTable.chain(({ table, items }) => fc.tuple(fc.constant(table), fc.oneof(fc.constant(undefined), options({ columns: [...items] }), options({ columns: [...items], mcarTest: false })))), weight: 4 },
      { arbitrary: arbitraries.likertResponses(fc, { items: { min: 2, max: 6 }, n: { min: 1, max: 30 }, missing: 0.3 }).chain((l) => fc.tuple(fc.constant(l.rows as unknown), options({ columns: [...l.items], maxIterations: 50 }))), weight: 3 },
      { arbitrary: fc.tuple(fc.oneof(hostile, nasty), fc.oneof(hostile, nasty)), weight: 1 },
    ),
    call: (table, o) => missingness(table as never, o as never),
    runs: 600,
  },
  ...(['longstring', 'responseVariability', 'mahalanobis', 'psychometricSynonyms', 'screenResponses'] as const).map(
    (name): FuzzTarget => ({
      name,
      args: fc.oneof(
        { arbitrary: anyTable.chain(({ table, items }) => fc.tuple(fc.constant(table), fc.oneof(fc.constant(undefined), options({ columns: [...items] })))), weight: 4 },
        {
          arbitrary: arbitraries.likertResponses(fc, { items: { min: 2, max: 8 }, n: { min: 1, max: 30 }, missing: 0.2 }).chain((l) =>
            fc.tuple(fc.constant(l.rows as unknown), options(name === 'screenResponses' ? { columns: [...l.items], scales: [l.items.slice(0, 2), l.items.slice(-2)] } : { columns: [...l.items] })),
          ),
          weight: 3,
        },
        { arbitrary: fc.tuple(fc.oneof(hostile, nasty), fc.oneof(hostile, nasty)), weight: 1 },
      ),
      call: (table, o) => ({ longstring, responseVariability, mahalanobis, psychometricSynonyms, screenResponses })[name](table as never, o as never),
      runs: 400,
    }),
  ),
  {
    name: 'evenOddConsistency',
    args: fc.oneof(
      {
        arbitrary: arbitraries.likertResponses(fc, { items: { min: 4, max: 8 }, n: { min: 1, max: 30 }, missing: 0.2 }).chain((l) =>
          fc.tuple(fc.constant(l.rows as unknown), options({ scales: { a: l.items.slice(0, 2), b: l.items.slice(2, 4) } })),
        ),
        weight: 4,
      },
      { arbitrary: anyTable.chain(({ table, items }) => fc.tuple(fc.constant(table), fc.record({ scales: fc.oneof(fc.constant([[...items], [...items]]), withOneHostile(fc.constant([items, items])), hostile) }))), weight: 2 },
      { arbitrary: fc.tuple(fc.oneof(hostile, nasty), fc.oneof(hostile, nasty)), weight: 1 },
    ),
    call: (table, o) => evenOddConsistency(table as never, o as never),
    runs: 400,
  },
  {
    name: 'recodeResponses',
    args: fc.oneof(
      { arbitrary: fc.tuple(labelTable, options({ labels: agree, columns: ['q1', 'q2'] })), weight: 4 },
      { arbitrary: fc.tuple(labelTable, fc.record({ labels: fc.oneof(withOneHostile(fc.constant(agree)), fc.dictionary(fc.string(), edgeNumber), hostile) })), weight: 2 },
      { arbitrary: anyTable.chain(({ table, items }) => fc.tuple(fc.constant(table), options({ labels: agree, columns: [...items] }))), weight: 2 },
      { arbitrary: fc.tuple(fc.oneof(hostile, nasty), fc.oneof(hostile, nasty)), weight: 1 },
    ),
    call: (table, o) => recodeResponses(table as never, o as never),
    runs: 600,
  },
  {
    name: 'compareAlphas',
    args: fc.oneof(
      { arbitrary: fc.tuple(fc.array(alphaSample, { minLength: 0, maxLength: 4 }), fc.oneof(fc.constant(undefined), options({ dependent: true, correlation: 0.5 }), options({ method: 'feldt-woodruff-salih' }), options({ alternative: 'less' }))), weight: 4 },
      { arbitrary: fc.tuple(fc.array(alphaSample, { minLength: 3, maxLength: 3 }), fc.record({ dependent: fc.constant(true), correlation: fc.oneof(fc.array(fc.array(edgeProbability, { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 }), hostile) })), weight: 2 },
      { arbitrary: fc.tuple(fc.oneof(hostile, nasty, withOneHostile(fc.constant([{ alpha: 0.8, n: 30 }, { alpha: 0.7, n: 40 }]))), fc.oneof(hostile, nasty)), weight: 1 },
    ),
    call: (alphas, o) => compareAlphas(alphas as never, o as never),
    runs: 600,
  },
  {
    name: 'standardErrorOfMeasurement',
    args: fc.tuple(fc.oneof(edgeProbability, hostile), fc.oneof(options({ sd: 5 }), fc.record({ sd: edgeNumber, confidence: edgeProbability }), hostile)),
    call: (r, o) => standardErrorOfMeasurement(r as never, o as never),
    runs: 400,
  },
  {
    name: 'reliableChange',
    args: fc.oneof(
      {
        arbitrary: fc.tuple(
          fc.record({ t1: fc.array(fc.oneof(edgeNumber, fc.constant(null)), { maxLength: 10 }), t2: fc.array(fc.oneof(edgeNumber, fc.constant(null)), { maxLength: 10 }) }),
          fc.oneof(
            options({ before: 't1', after: 't2', reliability: 0.8 }),
            options({ before: 't1', after: 't2', reliability: 0.8, sd: 4, cutoff: 9.5 }),
            options({ before: 't1', after: 't2', reliability: 0.8, sd: 4, cutoff: { criterion: 'c', dysfunctional: { mean: 15, sd: 5 }, functional: { mean: 4, sd: 3 } } }),
            fc.record({ before: fc.constant('t1'), after: fc.constant('t2'), reliability: edgeProbability, cutoff: fc.oneof(edgeNumber, fc.record({ criterion: fc.constantFrom('a', 'b', 'c', 'd'), functional: fc.oneof(hostile, fc.record({ mean: edgeNumber, sd: edgeNumber })) })) }),
          ),
        ),
        weight: 4,
      },
      { arbitrary: anyTable.chain(({ table, items }) => fc.tuple(fc.constant(table), options({ before: items[0] ?? 'a', after: items[1] ?? 'b', reliability: 0.7 }))), weight: 2 },
      { arbitrary: fc.tuple(fc.oneof(hostile, nasty), fc.oneof(hostile, nasty)), weight: 1 },
    ),
    call: (table, o) => reliableChange(table as never, o as never),
    runs: 600,
  },
];

const raters = fc.array(fc.record({ r1: fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constant(null)), r2: fc.integer({ min: 1, max: 9 }), r3: fc.oneof(fc.integer({ min: 1, max: 9 }), hostile) }), { maxLength: 12 });
const gad = instruments.gad7({ prefix: 'gad' });
const gadCell = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 3 }), weight: 6 }, { arbitrary: fc.constantFrom(null, '', 4, -1, 1.5, '2'), weight: 1 }, { arbitrary: hostile, weight: 1 });
const gadRows = fc.array(fc.record(Object.fromEntries(gad.items.map((item) => [item, gadCell]))), { maxLength: 10 });

export const RELIABILITY_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'icc',
    args: fc.oneof(
      { arbitrary: fc.tuple(raters, fc.oneof(fc.constant(undefined), options({ columns: ['r1', 'r2', 'r3'], confidence: 0.9 }))), weight: 4 },
      { arbitrary: anyTable.chain(({ table, items }) => fc.tuple(fc.constant(table), options({ columns: [...items] }))), weight: 2 },
      { arbitrary: fc.tuple(fc.oneof(hostile, nasty), fc.oneof(hostile, nasty)), weight: 1 },
    ),
    call: (table, o) => icc(table as never, o as never),
    runs: 600,
  },
  {
    name: 'splitHalf',
    args: fc.oneof(
      { arbitrary: arbitraries.likertResponses(fc, { items: { min: 2, max: 9 }, n: { min: 1, max: 25 }, missing: 0.15 }).chain((l) => fc.tuple(fc.constant(l.rows as unknown), options({ columns: [...l.items], seed: 1, samples: 50 }))), weight: 4 },
      { arbitrary: anyTable.chain(({ table, items }) => fc.tuple(fc.constant(table), options({ columns: [...items] }))), weight: 2 },
      { arbitrary: fc.tuple(fc.oneof(hostile, nasty), fc.oneof(hostile, nasty)), weight: 1 },
    ),
    call: (table, o) => splitHalf(table as never, o as never),
    runs: 400,
  },
  {
    name: 'scoreInstrument',
    args: fc.oneof(
      { arbitrary: fc.tuple(gadRows, options({ scale: gad })), weight: 4 },
      { arbitrary: fc.tuple(gadRows, fc.record({ scale: fc.oneof(hostile, fc.constant(instruments.esse({ prefix: 'esse' })), fc.constant({ ...gad, items: gad.items.slice(1) })) })), weight: 1 },
      { arbitrary: fc.tuple(fc.oneof(hostile, nasty), fc.oneof(hostile, nasty)), weight: 1 },
    ),
    call: (table, o) => scoreInstrument(table as never, o as never),
    runs: 500,
  },
  {
    name: 'scoreBand',
    args: fc.tuple(fc.oneof(edgeNumber, fc.constant(null)), fc.oneof({ arbitrary: fc.constant(INSTRUMENT_KEYS['phq9']?.bands), weight: 3 }, { arbitrary: fc.oneof(hostile, nasty, fc.record({ bands: fc.oneof(hostile, fc.array(fc.record({ label: fc.string(), min: edgeNumber, max: edgeNumber }))) })), weight: 2 })),
    call: (score, bands) => scoreBand(score as never, bands as never),
    runs: 400,
  },
];
