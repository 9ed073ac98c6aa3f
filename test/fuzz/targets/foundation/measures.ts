// Fuzz targets: scales (defineScale, scoreScale, reverseScore, requiredAnswered) and reliability
import { withOption } from '../../../helpers/errors.js';
// (cronbachAlpha, spearmanBrown).
import fc from 'fast-check';
import { cronbachAlpha, defineScale, requiredAnswered, reverseScore, scoreScale, spearmanBrown } from '../../../../src/index.js';
import { arbitraries } from '../../../../src/testing/index.js';
import type { FuzzTarget } from '../../harness.js';
import { anyTable } from './data.js';
import { edgeNumber, hostile, nasty, options, vector, withOneHostile } from './common.js';

/** A valid Likert table with its items, to vary one part at a time. */
const likert = arbitraries.likertResponses(fc, { items: { min: 2, max: 6 }, levels: { min: 2, max: 7 }, n: { min: 1, max: 30 }, missing: 0.3 });

/** A valid scale specification for a Likert sample. */
function specOf(items: readonly string[], levels: number): Record<string, unknown> {
  const half = Math.max(1, Math.floor(items.length / 2));
  return {
    id: 'scale',
    label: 'A scale',
    items: [...items],
    response: { min: 1, max: levels },
    reverse: items.slice(0, 1),
    subscales: { first: items.slice(0, half), second: { label: 'Second', items: items.slice(half).length > 0 ? items.slice(half) : items.slice(0, 1) } },
    score: 'mean',
    minAnswered: 0.5,
  };
}

/** A spec with one part hostile: a key, a nested key (response, subscales), or a listed item. */
function hostileSpec(items: readonly string[], levels: number): fc.Arbitrary<unknown> {
  const spec = specOf(items, levels);
  return fc.oneof(
    { arbitrary: fc.constant(spec), weight: 3 },
    { arbitrary: options(spec), weight: 3 },
    { arbitrary: fc.tuple(fc.constantFrom('min', 'max'), fc.oneof(hostile, nasty, edgeNumber)).map(([k, v]) => ({ ...spec, response: { ...(spec['response'] as object), [k]: v } })), weight: 1 },
    { arbitrary: withOneHostile(fc.constant(items)).map((list) => ({ ...spec, items: list, reverse: [], subscales: undefined })), weight: 1 },
    { arbitrary: fc.oneof(hostile, nasty).map((v) => ({ ...spec, subscales: { first: v } })), weight: 1 },
    { arbitrary: fc.constantFrom<unknown>({ ...spec, subscales: [{ id: 'a', items: [...items] }, { id: 'a', items: [...items] }] }, { ...spec, minAnswered: items.length + 1 }, { ...spec, score: 'median' }, { ...spec, reverse: ['not-an-item'] }, { ...spec, items: [...items, items[0]] }), weight: 1 },
  );
}

const specArgs = likert.chain((l) => hostileSpec(l.items, l.levels));

export const MEASURES_TARGETS: readonly FuzzTarget[] = [
  { name: 'defineScale', args: fc.tuple(fc.oneof({ arbitrary: specArgs, weight: 5 }, { arbitrary: fc.oneof(hostile, nasty), weight: 1 })), call: (spec) => defineScale(spec), runs: 900 },
  {
    name: 'requiredAnswered',
    args: fc.tuple(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 2, max: 20 }), edgeNumber, nasty), fc.oneof(fc.integer({ min: 1, max: 30 }), edgeNumber, nasty)),
    call: (minAnswered, k) => requiredAnswered(minAnswered, k),
    check: (r, a) => {
      if (!(Number.isInteger(r) && (r as number) >= 1 && (r as number) <= (a[1] as number))) throw new Error(`requiredAnswered gave ${String(r)}`);
    },
    runs: 900,
  },
  {
    name: 'reverseScore',
    args: fc.tuple(
      fc.oneof(vector, fc.integer({ min: 1, max: 7 }), edgeNumber, fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 10 })),
      fc.oneof(
        { arbitrary: fc.constant({ min: 1, max: 5 }), weight: 3 },
        { arbitrary: options({ min: 1, max: 7 }), weight: 2 },
        { arbitrary: fc.record({ min: fc.oneof(fc.integer(), edgeNumber), max: fc.oneof(fc.integer(), edgeNumber) }), weight: 1 },
        { arbitrary: fc.oneof(hostile, nasty), weight: 1 },
      ),
    ),
    call: (values, range) => reverseScore(values, range),
    check: (r) => {
      for (const v of Array.isArray(r) ? r : [r]) if (!(v === null || Number.isFinite(v))) throw new Error(`reverseScore gave ${String(v)}`);
    },
    runs: 900,
  },
  {
    name: 'scoreScale',
    args: fc.oneof(
      { arbitrary: likert.chain((l) => fc.tuple(hostileSpec(l.items, l.levels), fc.constant(l.rows as unknown), fc.oneof(fc.constant(undefined), options({ outOfRange: 'missing' })))), weight: 4 },
      { arbitrary: anyTable.chain(({ table, items }) => fc.tuple(fc.constant(specOf(items, 5)), fc.constant(table), fc.constantFrom(undefined, { outOfRange: 'missing' }))), weight: 3 },
      { arbitrary: fc.tuple(fc.oneof(hostile, nasty), fc.oneof(hostile, nasty), hostile), weight: 1 },
    ),
    call: (scale, table, o) => scoreScale(table, withOption('scale', scale, o) as never),
    runs: 600,
  },
  {
    name: 'cronbachAlpha',
    args: fc.oneof(
      { arbitrary: arbitraries.hostileTable(fc).map(({ table, items }) => [table, { columns: items }]), weight: 3 },
      { arbitrary: anyTable.map(({ table, items }) => [table, { columns: items }]), weight: 2 },
      { arbitrary: likert.chain((l) => fc.tuple(fc.constant(l.rows as unknown), options({ columns: l.items, missing: 'pairwise' }))), weight: 3 },
      {
        arbitrary: likert.chain((l) =>
          fc.tuple(
            fc.constant(l.rows as unknown),
            fc.oneof(
              options({ columns: l.items, reverse: l.items.slice(0, 1), response: { min: 1, max: l.levels }, missing: 'listwise', interval: 'duhachek', confidence: 0.9 }),
              options({ columns: l.items, interval: 'bootstrap', resamples: 100, seed: 1 }),
              hostileSpec(l.items, l.levels).map((scale) => ({ scale, subscale: 'first', outOfRange: 'missing' })),
            ),
          ),
        ),
        weight: 3,
      },
      { arbitrary: fc.tuple(hostile, hostile), weight: 1 },
    ),
    call: (table, o) => cronbachAlpha(table as never, o as never),
    nan: [
      { path: /^items\[\d+\]\.(rTotal|rCorrected|rRest|alphaIfItemDeleted|standardizedAlphaIfItemDeleted)$/, reason: 'undefined where psych gives NaN too, with an UNDEFINED_ITEM_STATISTICS warning (docs/reliability.md)' },
      { path: /^(se|lower|upper)$/, reason: 'a negative Q (indefinite pairwise covariances) makes the ASE and the Duhachek interval undefined, NaN in psych too, with an UNDEFINED_ASE warning (docs/reliability.md)' },
    ],
    check: (r) => {
      const result = r as { se: number; interval: string; lower: number; upper: number; warnings: { code: string }[] };
      const aseWarning = result.warnings.some((w) => w.code === 'UNDEFINED_ASE');
      if (Number.isNaN(result.se) !== aseWarning) throw new Error(`se ${result.se} with${aseWarning ? '' : 'out'} an UNDEFINED_ASE warning`);
      if ((Number.isNaN(result.lower) || Number.isNaN(result.upper)) && !(result.interval === 'duhachek' && aseWarning)) throw new Error('NaN interval bound without an undefined ASE');
      const a = r as { items: { column: string; rTotal: number; rCorrected: number; rRest: number; alphaIfItemDeleted: number; standardizedAlphaIfItemDeleted: number }[]; warnings: { code: string; details?: { columns?: string[] } }[] };
      const flagged = a.warnings.find((w) => w.code === 'UNDEFINED_ITEM_STATISTICS')?.details?.columns ?? [];
      for (const item of a.items) {
        const nan = [item.rTotal, item.rCorrected, item.rRest, item.alphaIfItemDeleted, item.standardizedAlphaIfItemDeleted].some(Number.isNaN);
        if (nan !== flagged.includes(item.column)) throw new Error(`item "${item.column}": NaN statistics ${nan ? 'without' : 'but'} an UNDEFINED_ITEM_STATISTICS warning`);
      }
    },
    runs: 600,
  },
  {
    name: 'spearmanBrown',
    args: fc.oneof(
      { arbitrary: fc.tuple(edgeNumber, options({ lengthFactor: 2 })), weight: 3 },
      { arbitrary: fc.tuple(edgeNumber, options({ target: 0.9 })), weight: 3 },
      { arbitrary: fc.tuple(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.record({ lengthFactor: edgeNumber })), weight: 2 },
      { arbitrary: fc.tuple(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.record({ target: edgeNumber })), weight: 2 },
      { arbitrary: fc.tuple(hostile, hostile), weight: 1 },
    ),
    call: (rho, o) => spearmanBrown(rho as never, o as never),
    runs: 400,
  },
];
