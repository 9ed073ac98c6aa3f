import { fail } from '../../errors.js';
import { oneOf, showValue } from '../../util/options.js';
import { readSample } from '../sample.js';
import { inverseBoxCoxValue, inverseYeoJohnsonValue } from './power.js';
import { TRANSFORM_METHODS, toNullable, type TransformMethod, type TransformParameters } from './transform.js';

/** What {@link inverseTransform} needs: a {@link TransformResult} has both fields. */
export interface TransformSpec {
  readonly method: TransformMethod;
  readonly parameters: TransformParameters;
}

function need(value: unknown, what: string, method: string): number {
  if (value === null || typeof value !== 'number' || !Number.isFinite(value)) {
    throw fail('INVALID_OPTION', `Inverting "${method}" needs \`parameters.${what}\` (a finite number); got ${showValue(value)}.`, {
      option: `parameters.${what}`,
      value,
    });
  }
  return value;
}

/**
 * Back-transforms values to the original scale, e.g. a mean or CI bound computed on the
 * transformed scale: pass the {@link TransformResult} (or `{ method, parameters }`) that made
 * them. sqrt: y² − c; log: eʸ − c; log10: 10ʸ − c; inverse: 1/y − c; reflect-*: K − g⁻¹(y);
 * boxcox: (1 + λy)^{1/λ} − c; yeojohnson: (1 + λy)^{1/λ} − 1 for y ≥ 0,
 * 1 − (1 − (2 − λ)y)^{1/(2−λ)} for y < 0. Missing stays `null`.
 *
 * Throws `OUT_OF_RANGE` for a value the transform cannot produce (a negative square root, 1 + λy ≤ 0),
 * naming its position; `INVALID_OPTION` for `rank-normal` (ranks are not invertible) or missing
 * parameters. Returns a new frozen array; the input is not modified.
 *
 * @example
 * ```ts
 * const t = transform(recovery, { method: 'reflect-inverse' }); // 1/(6 − x)
 * inverseTransform([0.672], t); // [4.512]: 6 − 1/0.672, back on the recovery scale
 * inverseTransform(t.values, t); // the original scores (null where missing)
 * ```
 */
export function inverseTransform(values: ArrayLike<unknown>, spec: TransformSpec): readonly (number | null)[] {
  if (typeof spec !== 'object' || spec === null) {
    throw fail('INVALID_OPTION', 'inverseTransform needs the transform result (or { method, parameters }) as its second argument.', { option: 'spec' });
  }
  const method = oneOf<TransformMethod>('method', spec.method, TRANSFORM_METHODS, 'sqrt');
  const given: unknown = spec.parameters;
  if (given !== undefined && given !== null && typeof given !== 'object') {
    throw fail('INVALID_OPTION', `\`parameters\` must be the transform's { shift, reflection, lambda }; got ${showValue(given)}.`, { option: 'parameters' });
  }
  const p = (given ?? { shift: null, reflection: null, lambda: null }) as TransformParameters;
  let g: (y: number) => number;
  // No shift (null/undefined) is 0; anything else must be a finite number.
  const shift = () => (p.shift === null || p.shift === undefined ? 0 : need(p.shift, 'shift', method));
  switch (method) {
    case 'sqrt': {
      const c = shift();
      g = (y) => (y >= 0 ? y * y - c : Number.NaN);
      break;
    }
    case 'log': {
      const c = shift();
      g = (y) => Math.exp(y) - c;
      break;
    }
    case 'log10': {
      const c = shift();
      g = (y) => Math.pow(10, y) - c;
      break;
    }
    case 'inverse': {
      const c = shift();
      g = (y) => (y > 0 ? 1 / y - c : Number.NaN);
      break;
    }
    case 'reflect-sqrt': {
      const k = need(p.reflection, 'reflection', method);
      g = (y) => (y >= 0 ? k - y * y : Number.NaN);
      break;
    }
    case 'reflect-log': {
      const k = need(p.reflection, 'reflection', method);
      g = (y) => k - Math.exp(y);
      break;
    }
    case 'reflect-inverse': {
      const k = need(p.reflection, 'reflection', method);
      g = (y) => (y > 0 ? k - 1 / y : Number.NaN);
      break;
    }
    case 'boxcox': {
      const lambda = need(p.lambda, 'lambda', method);
      const c = shift();
      g = (y) => inverseBoxCoxValue(y, lambda) - c;
      break;
    }
    case 'yeojohnson': {
      const lambda = need(p.lambda, 'lambda', method);
      g = (y) => inverseYeoJohnsonValue(y, lambda);
      break;
    }
    default:
      throw fail('INVALID_OPTION', '"rank-normal" scores are not invertible: they depend on the ranks of the whole sample.', {
        option: 'method',
        value: method,
      });
  }
  const sample = readSample(values, 'inverseTransform', 'values');
  const out = new Float64Array(sample.values.length);
  for (let i = 0; i < out.length; i++) {
    const y = sample.values[i] as number;
    if (Number.isNaN(y)) {
      out[i] = Number.NaN;
      continue;
    }
    const x = g(y);
    if (!Number.isFinite(x)) {
      throw fail('OUT_OF_RANGE', `values[${i}] = ${y} is outside the range of "${method}" with these parameters, so it has no inverse.`, {
        column: 'values',
        row: i,
        value: y,
      });
    }
    out[i] = x;
  }
  return Object.freeze(toNullable(out));
}
