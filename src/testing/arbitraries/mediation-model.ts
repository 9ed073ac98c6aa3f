import { fail } from '../../errors.js';
import type { MediationOptions, SimulatedCovariate, SimulatedMediationModel } from '../simulate/mediation.js';
import { checkFastCheck, type Arbitrary, type FastCheck } from './fast-check.js';
import { arbitraryOptions, intRange, share, type Range } from './ranges.js';

/** Options of {@link mediationModel}. */
export interface MediationModelArbitraryOptions {
  /** PROCESS models to draw from. Default [4, 6]. */
  readonly models?: readonly SimulatedMediationModel[];
  /** Number of mediators k (model 6: 2 … 6, model 4: 1 … 10, as processModel). Default 1 … 3. */
  readonly mediators?: Range;
  /**
   * The smallest |a|, |b| and (model 6) |d| path: with a positive value no such path is 0, so every
   * specific indirect effect is nonzero (by default a quarter of the paths are 0, and half of the
   * one-mediator draws have ab = 0). Default 0.
   */
  readonly minEffect?: number;
  /** Largest |path coefficient| (a, b, d, c′ and covariate effects). Default 0.6. */
  readonly maxPath?: number;
  /** Sample size. Default 20 … 200. */
  readonly n?: Range;
  /** Number of covariates. Default 0 … 2. */
  readonly covariates?: Range;
}

/**
 * Mediation models with their sample size and seed — a complete options object for
 * `simulate.mediation` (PROCESS model 4 or 6, k mediators, optional covariates affecting X, the
 * mediators and Y). Paths are multiples of 0.01 in [−maxPath, maxPath]; a quarter of them are
 * exactly 0, so null indirect effects (a = 0 or b = 0) are well represented. Shrinks towards
 * model 4, one mediator, zero paths and small n.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbitraries.mediationModel(fc, { n: { min: 500, max: 2000 } }), (spec) => {
 *   const sim = simulate.mediation(spec);
 *   // compare your estimate with sim.population.indirect
 * }));
 * ```
 */
export function mediationModel(fc: FastCheck, options?: MediationModelArbitraryOptions): Arbitrary<MediationOptions<'rows'>> {
  const fn = 'arbitraries.mediationModel';
  const f = checkFastCheck(fc, fn);
  const o = arbitraryOptions(options, fn, ['models', 'mediators', 'maxPath', 'minEffect', 'n', 'covariates']);
  const models = (o['models'] ?? [4, 6]) as unknown;
  if (!Array.isArray(models) || models.length === 0 || !models.every((m) => m === 4 || m === 6)) {
    throw fail('INVALID_OPTION', '`models` must be a non-empty array of 4 and/or 6.', { option: 'models', value: models });
  }
  const [kMin, kMax] = intRange(o['mediators'], 'mediators', [1, 3], 1, 10);
  const maxPath = share(o['maxPath'], 'maxPath', 0.6, 0, 10);
  const [nMin, nMax] = intRange(o['n'], 'n', [20, 200], 1, 10_000_000);
  const [cMin, cMax] = intRange(o['covariates'], 'covariates', [0, 2], 0, 20);
  if ((models as number[]).every((m) => m === 6) && kMax < 2) {
    throw fail('INVALID_OPTION', 'Model 6 needs at least 2 mediators; raise `mediators`.', { option: 'mediators' });
  }
  const minEffect = share(o['minEffect'], 'minEffect', 0, 0, 10);
  if (minEffect > maxPath) throw fail('INVALID_OPTION', `\`minEffect\` (${minEffect}) must not exceed \`maxPath\` (${maxPath}).`, { option: 'minEffect', value: minEffect });
  const bound = Math.round(maxPath * 100);
  const path = f.oneof({ arbitrary: f.constant(0), weight: 1 }, { arbitrary: f.integer({ min: -bound, max: bound }), weight: 3 }).map((v) => v / 100);
  const floor = Math.max(1, Math.round(minEffect * 100));
  // Paths of the indirect effects: |path| ≥ minEffect and never 0 when minEffect > 0.
  const mediatedPath = minEffect > 0 ? f.tuple(f.integer({ min: floor, max: Math.max(floor, bound) }), f.boolean()).map(([v, negative]) => (negative ? -v : v) / 100) : path;
  const paths = (len: number) => f.array(path, { minLength: len, maxLength: len });
  const mediatedPaths = (len: number) => f.array(mediatedPath, { minLength: len, maxLength: len });
  return f
    .record({
      model: f.constantFrom(...(models as SimulatedMediationModel[])),
      kRaw: f.integer({ min: kMin, max: kMax }),
      q: f.integer({ min: cMin, max: cMax }),
    })
    .chain(({ model, kRaw, q }) => {
      const k = model === 6 ? Math.min(6, Math.max(2, kRaw)) : kRaw;
      const covariate: Arbitrary<SimulatedCovariate> = f.record({ x: path, mediators: paths(k), y: path });
      return f.record({
        model: f.constant(model),
        a: mediatedPaths(k),
        b: mediatedPaths(k),
        d: model === 6 ? f.array(mediatedPaths(k), { minLength: k, maxLength: k }) : f.constant(null),
        direct: path,
        covariates: f.array(covariate, { minLength: q, maxLength: q }),
        n: f.integer({ min: nMin, max: nMax }),
        seed: f.integer({ min: 0, max: 2 ** 31 - 1 }),
      });
    })
    .map(({ model, a, b, d, direct, covariates, n, seed }): MediationOptions<'rows'> => {
      const base = { model, covariates, n, seed };
      if (d === null) return { ...base, paths: { a, b, direct } };
      // Keep only the strictly lower triangle: d[i][j] is Mⱼ → Mᵢ with j < i.
      const lower = d.map((row, i) => row.map((v, j) => (j < i ? v : 0)));
      return { ...base, paths: { a, b, d: lower, direct } };
    });
}
