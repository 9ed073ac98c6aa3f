// Fuzz targets: describing a variable's distribution (moments, normality tests, describe) and
import { withOption } from '../../../helpers/errors.js';
// transforming it (transform, boxCox, yeoJohnson, compareTransforms, inverseTransform).
import fc from 'fast-check';
import {
  TRANSFORM_METHODS,
  boxCox,
  compareTransforms,
  descriptives,
  inverseTransform,
  kurtosis,
  normalityTests,
  shapiroWilk,
  skewness,
  standardErrorOfKurtosis,
  standardErrorOfSkewness,
  transform,
  yeoJohnson,
} from '../../../../src/index.js';
import type { FuzzTarget } from '../../harness.js';
import { anyTable } from './data.js';
import { edgeNumber, hostile, nasty, options, real, vector } from './common.js';

const method = fc.oneof({ arbitrary: fc.constantFrom(...TRANSFORM_METHODS), weight: 5 }, { arbitrary: fc.oneof(hostile, fc.constantFrom('Log', 'none')), weight: 1 });

/** Valid options for a method, to vary one at a time. */
function transformOptions(m: unknown): Record<string, unknown> {
  if (m === 'boxcox') return { shift: 1, lambda: 0.5, type: 3 };
  if (m === 'yeojohnson') return { confidence: 0.9, type: 1 };
  if (m === 'sqrt' || m === 'log' || m === 'log10' || m === 'inverse') return { shift: 2, type: 2 };
  if (typeof m === 'string' && m.startsWith('reflect')) return { reflection: 10, type: 2 };
  return { type: 2 };
}

const transformArgs = (methods: fc.Arbitrary<unknown>) => fc.tuple(vector, methods).chain(([x, m]) =>
  fc.tuple(
    fc.constant(x),
    fc.constant(m),
    fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 3 },
      { arbitrary: fc.constant(transformOptions(m)), weight: 3 },
      { arbitrary: options(transformOptions(m)), weight: 2 },
      { arbitrary: fc.record({ lambda: edgeNumber }), weight: 1 },
      { arbitrary: fc.record({ shift: edgeNumber }), weight: 1 },
    ),
  ),
);

/** A transform spec: a real one (from transform) or one with a hostile part. */
const spec = fc.oneof(
  {
    arbitrary: fc.tuple(fc.array(fc.double({ min: 0.5, max: 50, noNaN: true }), { minLength: 5, maxLength: 20 }), fc.constantFrom(...TRANSFORM_METHODS)).map(([x, m]) => {
      try {
        const t = transform(x, { method: m, ...m === 'boxcox' || m === 'yeojohnson' ? {} : undefined });
        return { method: t.method, parameters: t.parameters } as unknown;
      } catch {
        return { method: 'sqrt', parameters: { shift: null, reflection: null, lambda: null } } as unknown;
      }
    }),
    weight: 3,
  },
  {
    arbitrary: fc
      .record({ method: fc.oneof(fc.constantFrom(...TRANSFORM_METHODS), hostile), where: fc.constantFrom('shift', 'reflection', 'lambda', 'parameters'), bad: fc.oneof(hostile, nasty, edgeNumber) })
      .map(({ method: m, where, bad }) => {
        const parameters: Record<string, unknown> = { shift: 1, reflection: 10, lambda: 0.5 };
        if (where === 'parameters') return { method: m, parameters: bad };
        parameters[where] = bad;
        return { method: m, parameters };
      }),
    weight: 3,
  },
  { arbitrary: fc.oneof(hostile, nasty), weight: 1 },
);

const momentType = fc.oneof(fc.constant(undefined), options({ type: 3 }), fc.record({ type: fc.oneof(fc.constantFrom(1, 2, 3), hostile) }));

export const DISTRIBUTION_TARGETS: readonly FuzzTarget[] = [
  { name: 'skewness', args: fc.tuple(vector, momentType), call: (x, o) => skewness(x, o), runs: 750 },
  { name: 'kurtosis', args: fc.tuple(vector, momentType), call: (x, o) => kurtosis(x, o), runs: 750 },
  { name: 'standardErrorOfSkewness', args: fc.tuple(fc.oneof(edgeNumber, fc.integer({ min: -2, max: 1e6 }), nasty)), call: (n) => standardErrorOfSkewness(n), runs: 750 },
  { name: 'standardErrorOfKurtosis', args: fc.tuple(fc.oneof(edgeNumber, fc.integer({ min: -2, max: 1e6 }), nasty)), call: (n) => standardErrorOfKurtosis(n), runs: 750 },
  { name: 'shapiroWilk', args: fc.tuple(vector), call: (x) => shapiroWilk(x), runs: 600 },
  { name: 'normalityTests', args: fc.tuple(vector), call: (x) => normalityTests(x), runs: 600 },
  {
    name: 'descriptives',
    args: fc.oneof(
      fc.tuple(vector, fc.oneof(fc.constant(undefined), options({ type: 3, trim: 0.2, name: 'x' }))),
      anyTable.chain(({ table, items }) => fc.tuple(fc.constant(table), fc.oneof(fc.constant(undefined), options({ columns: [...items], type: 2, trim: 0.1 })))),
    ),
    call: (data, o) => descriptives(data, o),
    runs: 600,
  },
  { name: 'transform', args: transformArgs(method), call: (x, m, o) => transform(x, withOption('method', m, o) as never), runs: 600 },
  { name: 'boxCox', args: transformArgs(fc.constant('boxcox')).map(([x, , o]) => [x, o]), call: (x, o) => boxCox(x, o), runs: 450 },
  { name: 'yeoJohnson', args: transformArgs(fc.constant('yeojohnson')).map(([x, , o]) => [x, o]), call: (x, o) => yeoJohnson(x, o), runs: 450 },
  {
    name: 'compareTransforms',
    args: fc.tuple(vector, fc.oneof(fc.constant(undefined), options({ methods: ['sqrt', 'boxcox', 'reflect-log'], shift: 1, type: 1 }), fc.record({ methods: fc.array(method, { maxLength: 3 }) }))),
    call: (x, o) => compareTransforms(x, o),
    runs: 240,
  },
  {
    name: 'inverseTransform',
    args: fc.tuple(fc.oneof(vector, fc.array(real, { maxLength: 10 })), spec),
    call: (values, s) => inverseTransform(values, s),
    runs: 750,
  },
];
