import { fail, type PsychkitResult, type PsychkitWarning } from '../../errors.js';
import type { Matrix } from '../../util/types.js';
import { freshSeed, randomStream, type Seed } from '../../random/index.js';
import { deepFreeze } from '../../util/freeze.js';
import { booleanOption, defineOptions, field, numberIn, oneOf, seedValue, show } from '../../util/options.js';
import { crossprodInto, multiplyInto } from '../../linalg/products.js';
import { invertInto, toRows } from '../internal/dense.js';
import { geomin, oblimin, quartimaxCriterion, varimaxCriterion, type RotationCriterion } from './criteria.js';
import { gpaRotate, randomOrthogonal, type GpaRun } from './gpa.js';
import { kaiserVarimax } from './kaiser-varimax.js';
import { promaxRotate } from './promax.js';

/** Rotations psychkit offers. `geomin` is oblique (GPArotation's geominQ). */
export type RotationName = 'none' | 'varimax' | 'quartimax' | 'oblimin' | 'quartimin' | 'geomin' | 'promax';

export const ROTATIONS: readonly RotationName[] = ['none', 'varimax', 'quartimax', 'oblimin', 'quartimin', 'geomin', 'promax'];

/** The choice of rotation and its parameters, shared by {@link rotate} and `efa`. */
export interface RotationChoice {
  /** Default `'oblimin'` (psych::fa's default). */
  readonly rotation?: RotationName;
  /**
   * Kaiser normalisation (rows scaled to unit length while rotating). Default as psych::fa:
   * `true` for varimax (stats::varimax) and promax (psych::kaiser), `false` for the
   * GPArotation criteria (quartimax, oblimin, quartimin, geomin). SPSS normalises every rotation.
   */
  readonly normalize?: boolean;
  /** Oblimin γ (0 = quartimin, 0.5 = biquartimin, 1 = covarimin). Default 0. */
  readonly gamma?: number;
  /** Geomin δ. Default 0.01. */
  readonly delta?: number;
  /** Promax power m. Default 4. */
  readonly power?: number;
  /** Extra random orthogonal starting rotations for the gradient-projection criteria (the identity start always runs); the solution with the smallest criterion wins. Default 0. */
  readonly randomStarts?: number;
  /** Seed for `randomStarts` (fresh when omitted; the result reports it). */
  readonly seed?: Seed;
  /**
   * `'svd'` (default): R's stats::varimax, the routine psych uses (stops when the criterion grows
   * by less than a factor 1 + 1e-5). `'gpa'`: GPArotation's Varimax through gradient projection,
   * converged to `tolerance`.
   */
  readonly varimaxAlgorithm?: 'svd' | 'gpa';
}

/** Options of {@link rotate}. */
export interface RotationOptions extends RotationChoice {
  /** Gradient-projection convergence: Frobenius norm of the projected gradient. Default 1e-5. */
  readonly tolerance?: number;
  /** Gradient-projection iteration cap. Default 1000. */
  readonly maxIterations?: number;
}

/** The option fields of {@link RotationChoice} (checked by {@link resolveRotation}), for rotate's and efa's schemas. */
export const ROTATION_FIELDS = {
  rotation: field.raw(),
  normalize: field.raw(),
  gamma: field.raw(),
  delta: field.raw(),
  power: field.raw(),
  randomStarts: field.raw(),
  seed: field.raw(),
  varimaxAlgorithm: field.raw(),
} as const;

/** Rotation options as read (every value still to be checked by {@link resolveRotation}). */
export type RawRotationOptions = { readonly [K in keyof RotationOptions]-?: unknown };

/** No rotation options: every field absent (defaults apply). */
export const NO_ROTATION_OPTIONS: RawRotationOptions = {
  rotation: undefined,
  normalize: undefined,
  gamma: undefined,
  delta: undefined,
  power: undefined,
  randomStarts: undefined,
  seed: undefined,
  tolerance: undefined,
  maxIterations: undefined,
  varimaxAlgorithm: undefined,
};

/** Validated rotation settings. */
export interface RotationSpec {
  readonly rotation: RotationName;
  readonly normalize: boolean;
  readonly gamma: number;
  readonly delta: number;
  readonly power: number;
  readonly randomStarts: number;
  readonly seed: Seed | undefined;
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly varimaxAlgorithm: 'svd' | 'gpa';
}

/** Checks and defaults the rotation options (once, at the public function's entry). */
export function resolveRotation(o: RawRotationOptions): RotationSpec {
  const rotation = oneOf('rotation', o.rotation, ROTATIONS, 'oblimin');
  const normalizeDefault = rotation === 'varimax' || rotation === 'promax';
  const seed = seedValue('seed', o.seed);
  return {
    rotation,
    normalize: booleanOption('normalize', o.normalize, normalizeDefault),
    gamma: numberIn('gamma', o.gamma, 0, -Infinity, 1),
    delta: numberIn('delta', o.delta, 0.01, 0, Infinity, { exclusiveMin: true }),
    power: numberIn('power', o.power, 4, 1, Infinity, { exclusiveMin: true }),
    randomStarts: numberIn('randomStarts', o.randomStarts, 0, 0, 10000, { integer: true }),
    seed,
    tolerance: numberIn('tolerance', o.tolerance, 1e-5, 0, Infinity, { exclusiveMin: true }),
    maxIterations: numberIn('maxIterations', o.maxIterations, 1000, 1, Infinity, { integer: true }),
    varimaxAlgorithm: oneOf('varimaxAlgorithm', o.varimaxAlgorithm, ['svd', 'gpa'] as const, 'svd'),
  };
}

/** A rotation on flat arrays (internal shape). */
export interface FlatRotation {
  readonly loadings: Float64Array;
  /** k × k; identity for orthogonal rotations. */
  readonly phi: Float64Array;
  /** k × k with loadings = unrotated · rotationMatrix. */
  readonly rotationMatrix: Float64Array;
  readonly orthogonal: boolean;
  readonly criterion: number | null;
  readonly iterations: number;
  readonly converged: boolean;
  readonly seed: Seed | null;
  readonly warnings: PsychkitWarning[];
}

function identity(k: number): Float64Array {
  const m = new Float64Array(k * k);
  for (let j = 0; j < k; j++) m[j * k + j] = 1;
  return m;
}

function criterionFor(spec: RotationSpec): { criterion: RotationCriterion; orthogonal: boolean } {
  switch (spec.rotation) {
    case 'varimax':
      return { criterion: varimaxCriterion(), orthogonal: true };
    case 'quartimax':
      return { criterion: quartimaxCriterion(), orthogonal: true };
    case 'quartimin':
      return { criterion: oblimin(0), orthogonal: false };
    case 'oblimin':
      return { criterion: oblimin(spec.gamma), orthogonal: false };
    case 'geomin':
      return { criterion: geomin(spec.delta), orthogonal: false };
    default:
      throw new Error(`no gradient-projection criterion for ${spec.rotation}`);
  }
}

// Outside [2⁻²⁰, 2²⁰] the criteria's fourth powers (promax: |λ|^power) overflow or underflow and the
// absolute convergence tolerance loses its meaning, so such loadings are rotated at unit scale.
const SCALE_LIMIT = 2 ** 20;

/** A power of two (exact to divide by) bringing the largest |loading| near 1, or 1 if it is already moderate. */
function loadingScale(a: Float64Array): number {
  let largest = 0;
  for (const v of a) largest = Math.max(largest, Math.abs(v));
  if (largest === 0 || (largest >= 1 / SCALE_LIMIT && largest <= SCALE_LIMIT)) return 1;
  return 2 ** Math.max(-1022, Math.min(1023, Math.floor(Math.log2(largest))));
}

/**
 * Rotates p × k loadings (row-major) as `spec` says. One factor, or `'none'`, is returned as is.
 * Every criterion but geomin is homogeneous in the loadings, so rotating A/s and multiplying the
 * loadings back by s gives the same rotation; loadings of extreme magnitude are handled that way.
 */
export function rotateFlat(a: Float64Array, p: number, k: number, spec: RotationSpec): FlatRotation {
  const scale = spec.rotation === 'none' || k < 2 ? 1 : loadingScale(a);
  if (scale === 1) return rotateAtScale(a, p, k, spec);
  const r = rotateAtScale(a.map((v) => v / scale), p, k, spec);
  return { ...r, loadings: r.loadings.map((v) => v * scale) };
}

function rotateAtScale(a: Float64Array, p: number, k: number, spec: RotationSpec): FlatRotation {
  const warnings: PsychkitWarning[] = [];
  const orthogonalName = spec.rotation === 'varimax' || spec.rotation === 'quartimax' || spec.rotation === 'none';
  if (spec.rotation === 'none' || k < 2) {
    return { loadings: Float64Array.from(a), phi: identity(k), rotationMatrix: identity(k), orthogonal: orthogonalName || k < 2, criterion: null, iterations: 0, converged: true, seed: null, warnings };
  }
  if (spec.rotation === 'promax') {
    const pm = promaxRotate(a, p, k, spec.power, spec.normalize);
    if (pm === null) throw fail('SINGULAR', 'Promax: the target regression is singular (the varimax loadings are degenerate).', {});
    if (!pm.converged) warnings.push({ code: 'ROTATION_NOT_CONVERGED', message: `The varimax step of promax did not converge in 1000 iterations.` });
    return { loadings: pm.loadings, phi: pm.phi, rotationMatrix: pm.rotationMatrix, orthogonal: false, criterion: null, iterations: pm.iterations, converged: pm.converged, seed: null, warnings };
  }
  if (spec.rotation === 'varimax' && spec.varimaxAlgorithm === 'svd') {
    const vm = kaiserVarimax(a, p, k, spec.normalize, 1e-5, spec.maxIterations);
    if (!vm.converged) warnings.push({ code: 'ROTATION_NOT_CONVERGED', message: `Varimax did not converge in ${spec.maxIterations} iterations.` });
    return { loadings: vm.loadings, phi: identity(k), rotationMatrix: vm.t, orthogonal: true, criterion: null, iterations: vm.iterations, converged: vm.converged, seed: null, warnings };
  }
  const { criterion, orthogonal } = criterionFor(spec);
  const options = { orthogonal, normalize: spec.normalize, tolerance: spec.tolerance, maxIterations: spec.maxIterations };
  let best: GpaRun = gpaRotate(a, p, k, criterion, options);
  let seed: Seed | null = null;
  if (spec.randomStarts > 0) {
    seed = spec.seed ?? freshSeed();
    const rng = randomStream(seed);
    const normal = () => rng.normal();
    for (let s = 0; s < spec.randomStarts; s++) {
      const run = gpaRotate(a, p, k, criterion, { ...options, start: randomOrthogonal(k, normal) });
      // Prefer converged runs; among them the smallest criterion.
      if ((run.converged && !best.converged) || (run.converged === best.converged && run.value < best.value - 1e-12)) best = run;
    }
  }
  if (!best.converged) {
    warnings.push({
      code: 'ROTATION_NOT_CONVERGED',
      message: `${spec.rotation} rotation did not converge in ${spec.maxIterations} iterations (gradient-projection tolerance ${spec.tolerance}).`,
    });
  }
  const kk = k * k;
  let rotationMatrix: Float64Array;
  let phi: Float64Array;
  if (orthogonal) {
    rotationMatrix = Float64Array.from(best.t);
    phi = identity(k);
  } else {
    // L = A·(T⁻¹)ᵀ, Φ = TᵀT.
    const inv = new Float64Array(kk);
    invertInto(best.t, k, inv, new Float64Array(kk));
    rotationMatrix = new Float64Array(kk);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) rotationMatrix[i * k + j] = inv[j * k + i] as number;
    phi = new Float64Array(kk);
    crossprodInto(best.t, best.t, k, k, k, phi);
  }
  return { loadings: best.loadings, phi, rotationMatrix, orthogonal, criterion: best.value, iterations: best.iterations, converged: best.converged, seed, warnings };
}

/** Result of {@link rotate}. */
export interface RotationResult extends PsychkitResult<'rotate'> {
  /** Always `null`: a rotation works on loadings, not cases. */
  readonly n: null;
  readonly rotation: RotationName;
  readonly orthogonal: boolean;
  readonly normalize: boolean;
  /** Rotated pattern loadings (rows = variables), in the order the algorithm returns (not sorted or reflected). */
  readonly loadings: Matrix;
  /** Factor correlations (identity for orthogonal rotations). */
  readonly phi: Matrix;
  /** Structure matrix, loadings · phi. */
  readonly structure: Matrix;
  /** Matrix M with rotated = input · M (psych's `rot.mat`). */
  readonly rotationMatrix: Matrix;
  /** Criterion value at the solution (gradient-projection rotations), otherwise null. */
  readonly criterion: number | null;
  readonly iterations: number;
  readonly converged: boolean;
  /** Seed used for random starts, or null. */
  readonly seed: Seed | null;
}

const readRotateOptions = defineOptions('rotate', {
  ...ROTATION_FIELDS,
  tolerance: field.raw(),
  maxIterations: field.raw(),
});

/** Reads a loadings matrix (rows = variables) into a flat array. */
export function readLoadings(loadings: unknown, option = 'loadings'): { flat: Float64Array; p: number; k: number } {
  if (!Array.isArray(loadings) || loadings.length === 0 || !Array.isArray(loadings[0])) {
    throw fail('INVALID_INPUT', `\`${option}\` must be a non-empty array of rows (number[][]).`, { option });
  }
  const p = loadings.length;
  const k = (loadings[0] as unknown[]).length;
  if (k === 0) throw fail('INVALID_INPUT', `\`${option}\` has no columns.`, { option });
  const flat = new Float64Array(p * k);
  for (let i = 0; i < p; i++) {
    const row = loadings[i] as unknown;
    if (!Array.isArray(row) || row.length !== k) {
      throw fail('LENGTH_MISMATCH', `Row ${i} of \`${option}\` has ${Array.isArray(row) ? row.length : 'no'} entries; expected ${k}.`, { option, row: i });
    }
    for (let j = 0; j < k; j++) {
      const v = row[j] as unknown;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw fail('NON_FINITE', `\`${option}\`[${i}][${j}] is ${show(v)}; loadings must be finite numbers.`, { option, row: i, value: v });
      }
      flat[i * k + j] = v;
    }
  }
  return { flat, p, k };
}

/**
 * Rotates a factor-loading matrix. Orthogonal (varimax, quartimax) and oblique (oblimin,
 * quartimin, geomin) criteria run on one gradient-projection engine (Jennrich 2001, 2002;
 * GPArotation's GPForth/GPFoblq: step doubling and halving, ε = 1e-5, 1000 iterations). Varimax
 * defaults to R's stats::varimax and promax to psych's (Kaiser-normalised varimax, then a
 * least-squares fit to the power-4 target), because those are what psych::fa calls.
 *
 * The output is as the algorithm returns it — columns are neither sorted nor reflected (`efa`
 * sorts and reflects as psych does). Communalities and L·Φ·Lᵀ are unchanged by any rotation.
 *
 * References: Jennrich (2001) Psychometrika 66:289–306; Jennrich (2002) Psychometrika 67:7–19;
 * Bernaards & Jennrich (2005) Educ. Psychol. Meas. 65:676–696; Kaiser (1958); Hendrickson &
 * White (1964).
 *
 * @example
 * ```ts
 * const r = rotate(unrotated, { rotation: 'oblimin', normalize: true });
 * r.loadings; r.phi; // = GPArotation::oblimin(L, normalize = TRUE)
 * ```
 */
export function rotate(loadings: Matrix, options?: RotationOptions): RotationResult {
  const spec = resolveRotation(readRotateOptions.read(options));
  const { flat, p, k } = readLoadings(loadings);
  const r = rotateFlat(flat, p, k, spec);
  const structure = new Float64Array(p * k);
  multiplyInto(r.loadings, r.phi, p, k, k, structure);
  return deepFreeze({
    kind: 'rotate',
    n: null,
    rotation: spec.rotation,
    orthogonal: r.orthogonal,
    normalize: spec.normalize,
    loadings: toRows(r.loadings, p, k),
    phi: toRows(r.phi, k, k),
    structure: toRows(structure, p, k),
    rotationMatrix: toRows(r.rotationMatrix, k, k),
    criterion: r.criterion,
    iterations: r.iterations,
    converged: r.converged,
    seed: r.seed,
    warnings: r.warnings,
  });
}
