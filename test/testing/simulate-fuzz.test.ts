// The simulators hold themselves to the standard the kit is for: any options either give a valid
// result or throw a PsychkitError, and never change their input.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arbitraries, simulate } from '../../src/testing/index.js';
import { isPsychkitError } from '../../src/index.js';
import { deepFreeze } from '../../src/util/freeze.js';
import { numRuns } from '../helpers/runs.js';
import { inputSnapshot } from '../helpers/inputs.js';

function expectValidOrPsychkitError(call: () => { n: number; data: unknown }): void {
  try {
    const result = call();
    expect(Number.isInteger(result.n)).toBe(true);
  } catch (e) {
    if (!isPsychkitError(e)) throw e;
  }
}


/** Replaces one nested option (e.g. paths.a) with a hostile value. */
const nested = (base: Record<string, unknown>, key: string, inner: readonly string[]) =>
  fc.tuple(fc.constantFrom(...inner), arbitraries.hostileValue(fc)).map(([k, v]) => ({ ...base, [key]: { ...(base[key] as object), [k]: v } }));

describe('simulators under hostile options', () => {
  const congeneric = { loadings: [0.7, 0.6, 0.5], n: 5, seed: 1, categories: 4 };
  const factor = { loadings: [[0.7, 0], [0.6, 0.1], [0, 0.5]], phi: [[1, 0.3], [0.3, 1]], n: 5, seed: 1 };
  const mediation = { model: 6, paths: { a: [0.3, 0.2], b: [0.3, 0.1], d: [[0, 0], [0.4, 0]], direct: 0.1 }, covariates: [{ x: 0.2, y: 0.1 }], n: 5, seed: 1 };

  it.each([
    ['congeneric', simulate.congeneric as (o: never) => { n: number; data: unknown }, arbitraries.hostileOptions(fc, congeneric)],
    ['factorModel', simulate.factorModel as (o: never) => { n: number; data: unknown }, arbitraries.hostileOptions(fc, factor)],
    ['mediation', simulate.mediation as (o: never) => { n: number; data: unknown }, fc.oneof(arbitraries.hostileOptions(fc, mediation), nested(mediation, 'paths', ['a', 'b', 'd', 'direct']))],
  ])('%s: a valid result or a PsychkitError, input unchanged', (_, fn, options) => {
    fc.assert(
      fc.property(options, (o) => {
        // A hostile integer for n can be a valid, huge n (up to 10 million rows): valid but slow.
        fc.pre(!(typeof o === 'object' && o !== null && typeof (o as { n?: unknown }).n === 'number' && ((o as { n: number }).n > 10_000)));
        const before = inputSnapshot(o);
        expectValidOrPsychkitError(() => fn(deepFreeze(o) as never));
        if (typeof o === 'object' && o !== null) expect(o).toEqual(before);
      }),
      { numRuns: numRuns(300) },
    );
  });

  it('hostile loadings and thresholds', () => {
    fc.assert(
      fc.property(fc.array(arbitraries.hostileValue(fc), { maxLength: 4 }), fc.option(fc.array(arbitraries.hostileValue(fc), { maxLength: 4 }), { nil: undefined }), (loadings, thresholds) => {
        expectValidOrPsychkitError(() => simulate.congeneric(deepFreeze({ loadings, n: 3, seed: 2, ...(thresholds === undefined ? {} : { thresholds }) }) as never));
        expectValidOrPsychkitError(() => simulate.factorModel(deepFreeze({ loadings: [loadings, loadings], n: 3, seed: 2 }) as never));
      }),
      { numRuns: numRuns(300) },
    );
  });
});
