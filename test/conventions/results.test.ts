// docs/conventions.md, "Results: one shape": every estimator's result carries `kind` (the
// function that made it), `n` and typed `warnings`, is deeply frozen, survives structuredClone and
// JSON, and holds no functions or class instances.
import { describe, expect, it } from 'vitest';
import * as psychkit from '../../src/index.js';
import { WARNING_CODES } from '../../src/index.js';
import { ESTIMATORS } from '../helpers/estimators.js';

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
