// Shared by simulate.cfa and simulate.sem: a latent-variable model x = ν + Λη + ε with
// η = Bη + ζ (B recursive), ζ ~ N(0, Ψ), ε ~ N(0, diag θ); its implied moments, its lavaan syntax,
// its parameter table in two scalings (marker and std.lv) with lavaan's standardized columns, and
// the normal draws (Cholesky of Σ) with optional MCAR missingness.
import { fail } from '../../errors.js';
import { choleskyInPlace } from '../../linalg/index.js';
import { randomStream, type Seed } from '../../random/index.js';
import { numberIn } from '../../util/options.js';
import { describe, numberArray, uniqueNames, type DataShape } from './options.js';
import { toRows } from './output.js';

/** Simulated data in the layout asked for with `shape`; a missing cell (option `missing`) is `null`. */
export type SimulatedTable<S extends DataShape = 'rows'> = S extends 'columns'
  ? Record<string, (number | null)[]>
  : S extends 'matrix'
    ? (number | null)[][]
    : Record<string, number | null>[];

/** One population parameter, in the shape of a row of `cfa`/`sem`'s `parameters`. */
export interface SimulatedParameter {
  readonly lhs: string;
  /** `=~` loading, `~` regression, `~~` (co)variance, `~1` intercept or latent mean, `:=` defined parameter. */
  readonly op: '=~' | '~' | '~~' | '~1' | ':=';
  /** The right-hand variable; for `:=` the expression as `sem` prints it (no blanks); `''` for `~1`. */
  readonly rhs: string;
  /** The label in the population syntax (the name, for `:=`), or `''`. */
  readonly label: string;
  /** Whether `cfa`/`sem` estimate it in this scaling (false: fixed by the scaling, or defined). */
  readonly free: boolean;
  /** The true value in this scaling. */
  readonly estimate: number;
  /** Standardized on the latent variables (lavaan's `std.lv`); the same in both scalings. */
  readonly stdLv: number;
  /** Standardized on latent and observed variables (lavaan's `std.all`); the same in both scalings. */
  readonly stdAll: number;
}

/**
 * The true parameter table in the two scalings `cfa`/`sem` offer: `marker` (the default: each
 * latent's first indicator has loading 1) and `stdLv` (option `stdLv: true`: each latent's
 * (residual) variance is 1). Rows, their order and `free` are those of
 * `cfa(data, { model, meanStructure: true })` (resp. `sem`); without a mean structure the fit has
 * the same rows minus the `~1` ones.
 */
export interface PopulationParameters {
  readonly marker: readonly SimulatedParameter[];
  readonly stdLv: readonly SimulatedParameter[];
}

/** A defined (`:=`) parameter: the total indirect effect of one latent on another. */
export interface LatentStructureDefinition {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  /** Each path as the indices (into `regressions`) of its edges, from `from` to `to`. */
  readonly paths: readonly (readonly number[])[];
}

/** A validated latent-variable model (internal). */
export interface LatentStructure {
  readonly items: readonly string[];
  readonly latent: readonly string[];
  /** p × m row-major, raw scale. */
  readonly lambda: Float64Array;
  /** m × m row-major: B[g·m + f] is the effect of latent f on latent g. */
  readonly b: Float64Array;
  /** m × m row-major: covariance of ζ (exogenous latents: their covariance). */
  readonly psi: Float64Array;
  readonly theta: Float64Array;
  readonly nu: Float64Array;
  /** In syntax order (grouped by outcome). */
  readonly regressions: readonly { readonly outcome: number; readonly predictor: number; readonly label: string }[];
  readonly definitions: readonly LatentStructureDefinition[];
}

/** Implied moments of a structure. */
export interface LatentMoments {
  /** m × m, (I − B)⁻¹Ψ(I − B)⁻ᵀ. */
  readonly latentCovariance: Float64Array;
  /** p × p, ΛVΛᵀ + Θ. */
  readonly covariance: Float64Array;
}

/** The largest magnitude a population value may reach (beyond it, the draws and χ² lose meaning). */
const LIMIT = 1e100;
/** A name `cfa`/`sem` can read in model syntax. */
const IDENTIFIER = /^(?:[A-Za-z_]|\.(?!\d))[A-Za-z0-9_.]*$/;
/** The most paths the `:=` definitions may enumerate. */
const MAX_PATHS = 1000;

/** Checks that a name can be written in lavaan syntax. */
export function syntaxName(name: unknown, option: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name) || name === 'NA') {
    throw fail(
      'INVALID_OPTION',
      `\`${option}\` must be a name usable in lavaan model syntax (a letter, _ or . followed by letters, digits, _ or .; not NA); got ${describe(name)}.`,
      { option, value: name },
    );
  }
  return name;
}

/** Unique syntax names of the given length, or the default. */
export function syntaxNames(value: unknown, option: string, fallback: readonly string[]): string[] {
  if (value === undefined) return [...fallback];
  if (!Array.isArray(value) || value.length !== fallback.length) {
    throw fail('INVALID_OPTION', `\`${option}\` must be an array of ${fallback.length} names; got ${describe(value)}.`, { option, value });
  }
  value.forEach((v, i) => syntaxName(v, `${option}[${i}]`));
  return uniqueNames(value, option);
}

/** Throws DUPLICATE_NAME when two kinds of names (items, latents, labels) share one. */
export function distinctNames(groups: readonly (readonly [string, readonly string[]])[]): void {
  const seen = new Map<string, string>();
  for (const [option, names] of groups) {
    for (const name of names) {
      const other = seen.get(name);
      if (other !== undefined) throw fail('DUPLICATE_NAME', `"${name}" is used in both \`${other}\` and \`${option}\`; the model syntax needs distinct names.`, { option, column: name });
      seen.set(name, option);
    }
  }
}

/** The residual variances (given, each > 0) or the default 1 − common variance (unit item variances). */
export function residualVariancesOf(value: unknown, common: readonly number[], items: readonly string[]): Float64Array {
  const p = common.length;
  if (value !== undefined) return positiveValues(value, p, 'residualVariances');
  return Float64Array.from(common, (h, j) => {
    if (!(h < 1)) {
      throw fail(
        'INVALID_OPTION',
        `Item "${items[j]}" has common variance ${h} ≥ 1, so the default residual variance 1 − ${h} (which makes every item's variance 1) is not positive. Give \`residualVariances\` for loadings on a raw scale.`,
        { option: 'loadings', row: j, value: h },
      );
    }
    return 1 - h;
  });
}

/** p variances given as `option`, each in (0, 1e100]. */
export function positiveValues(value: unknown, p: number, option: string): Float64Array {
  const theta = numberArray(value, option, p);
  theta.forEach((v, j) => {
    if (!(v > 0 && v <= LIMIT)) throw fail('INVALID_OPTION', `\`${option}[${j}]\` must be positive (and at most 1e100); got ${v}.`, { option, row: j, value: v });
  });
  return Float64Array.from(theta);
}

/** Intercepts ν (or other means, as `option`; default 0), each |ν| ≤ 1e100. */
export function interceptsOf(value: unknown, p: number, option = 'intercepts'): Float64Array {
  if (value === undefined) return new Float64Array(p);
  const nu = numberArray(value, option, p);
  nu.forEach((v, j) => {
    if (!(Math.abs(v) <= LIMIT)) throw fail('INVALID_OPTION', `\`${option}[${j}]\` must be at most 1e100 in magnitude; got ${v}.`, { option, row: j, value: v });
  });
  return Float64Array.from(nu);
}

/** The MCAR share of missing cells, in [0, 1). */
export function missingShare(value: unknown): number {
  return numberIn('missing', value, 0, 0, 1, { exclusiveMax: true });
}

/** (I − B)⁻¹ for a nilpotent (recursive) B: I + B + B² + … + Bᵐ⁻¹. */
function totalEffects(b: Float64Array, m: number): Float64Array {
  const a = new Float64Array(m * m);
  let power = new Float64Array(m * m);
  for (let i = 0; i < m; i++) a[i * m + i] = power[i * m + i] = 1;
  for (let k = 1; k < m; k++) {
    const next = new Float64Array(m * m);
    let any = false;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let l = 0; l < m; l++) s += (power[i * m + l] as number) * (b[l * m + j] as number);
        next[i * m + j] = s;
        if (s !== 0) any = true;
      }
    }
    if (!any) break;
    for (let i = 0; i < m * m; i++) a[i] = (a[i] as number) + (next[i] as number);
    power = next;
  }
  return a;
}

/** V = (I − B)⁻¹Ψ(I − B)⁻ᵀ, the latent variables' covariance matrix. */
export function latentCovarianceOf(b: Float64Array, psi: Float64Array, m: number): Float64Array {
  const a = totalEffects(b, m);
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let t = 0;
      for (let k = 0; k < m; k++) {
        const aik = a[i * m + k] as number;
        if (aik === 0) continue;
        for (let l = 0; l < m; l++) t += aik * (psi[k * m + l] as number) * (a[j * m + l] as number);
      }
      v[i * m + j] = v[j * m + i] = t;
    }
  }
  return v;
}

/** V = (I − B)⁻¹Ψ(I − B)⁻ᵀ and Σ = ΛVΛᵀ + Θ, checked for size and positive definiteness. */
export function momentsOf(s: LatentStructure): LatentMoments {
  const p = s.items.length;
  const m = s.latent.length;
  const v = latentCovarianceOf(s.b, s.psi, m);
  const sigma = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let t = i === j ? (s.theta[i] as number) : 0;
      for (let f = 0; f < m; f++) {
        const lif = s.lambda[i * m + f] as number;
        if (lif === 0) continue;
        for (let g = 0; g < m; g++) t += lif * (v[f * m + g] as number) * (s.lambda[j * m + g] as number);
      }
      sigma[i * p + j] = sigma[j * p + i] = t;
    }
  }
  for (let i = 0; i < m; i++) {
    const value = v[i * m + i] as number;
    if (!(value <= LIMIT)) throw fail('INVALID_OPTION', `The latent variable "${s.latent[i]}" would have variance ${value}, beyond 1e100: the paths are too large.`, { option: 'regressions', value });
  }
  for (let j = 0; j < p; j++) {
    const value = sigma[j * p + j] as number;
    if (!(value <= LIMIT)) throw fail('INVALID_OPTION', `Item "${s.items[j]}" would have variance ${value}, beyond 1e100: the loadings are too large.`, { option: 'loadings', row: j, value });
  }
  if (!choleskyInPlace(Float64Array.from(sigma), p)) {
    throw fail('INVALID_OPTION', 'The implied covariance matrix ΛΦΛᵀ + Θ is not numerically positive definite: the residual variances are too small for the loadings.', { option: 'residualVariances' });
  }
  return { latentCovariance: v, covariance: sigma };
}

/** Items in their order of first appearance in the `=~` statements (the order `cfa` uses). */
function syntaxItemOrder(s: LatentStructure): number[] {
  const p = s.items.length;
  const m = s.latent.length;
  const order: number[] = [];
  const seen = new Uint8Array(p);
  for (let f = 0; f < m; f++) {
    for (let j = 0; j < p; j++) {
      if ((s.lambda[j * m + f] as number) !== 0 && seen[j] === 0) {
        seen[j] = 1;
        order.push(j);
      }
    }
  }
  return order;
}

/** The lavaan syntax of the structure: `=~` per latent, `~` per outcome with labels, `:=` per definition. */
export function syntaxOf(s: LatentStructure): string {
  const p = s.items.length;
  const m = s.latent.length;
  const lines: string[] = [];
  for (let f = 0; f < m; f++) {
    const indicators: string[] = [];
    for (let j = 0; j < p; j++) if ((s.lambda[j * m + f] as number) !== 0) indicators.push(s.items[j] as string);
    lines.push(`${s.latent[f]} =~ ${indicators.join(' + ')}`);
  }
  let r = 0;
  while (r < s.regressions.length) {
    const outcome = s.regressions[r]!.outcome;
    const terms: string[] = [];
    for (; r < s.regressions.length && s.regressions[r]!.outcome === outcome; r++) {
      const reg = s.regressions[r]!;
      terms.push(`${reg.label}*${s.latent[reg.predictor]}`);
    }
    lines.push(`${s.latent[outcome]} ~ ${terms.join(' + ')}`);
  }
  for (const d of s.definitions) lines.push(`${d.name} := ${expressionOf(s, d, ' + ')}`);
  return lines.join('\n');
}

function expressionOf(s: LatentStructure, d: LatentStructureDefinition, plus: string): string {
  return d.paths.map((path) => path.map((e) => s.regressions[e]!.label).join('*')).join(plus);
}

/**
 * Every directed path with at least two edges between each ordered pair of latents, grouped by
 * pair (by `from`, then `to`, in latent order); one definition per pair, named by `name(from, to)`.
 */
export function indirectDefinitions(m: number, regressions: LatentStructure['regressions'], name: (from: number, to: number) => string): LatentStructureDefinition[] {
  const out: LatentStructureDefinition[] = [];
  let total = 0;
  for (let from = 0; from < m; from++) {
    const byTarget: number[][][] = Array.from({ length: m }, () => []);
    const walk = (node: number, edges: number[]): void => {
      regressions.forEach((reg, e) => {
        if (reg.predictor !== node) return;
        const path = [...edges, e];
        if (path.length >= 2) {
          byTarget[reg.outcome]!.push(path);
          if (++total > MAX_PATHS) {
            throw fail('INVALID_OPTION', `The structural model has more than ${MAX_PATHS} indirect paths between its latent variables; simulate.sem writes each into the \`:=\` definitions. Use fewer paths.`, { option: 'regressions' });
          }
        }
        walk(reg.outcome, path);
      });
    };
    walk(from, []);
    byTarget.forEach((paths, to) => {
      if (paths.length > 0) out.push({ name: name(from, to), from, to, paths });
    });
  }
  return out;
}

/** The sum over paths of the product of the coefficients along each (given per regression). */
function pathSum(d: LatentStructureDefinition, coefficient: (e: number) => number): number {
  let sum = 0;
  for (const path of d.paths) {
    let product = 1;
    for (const e of path) product *= coefficient(e);
    sum += product;
  }
  return sum;
}

/** True indirect effects of each definition on the simulation's own (raw) scale and standardized. */
export function definitionValues(s: LatentStructure, moments: LatentMoments): { raw: number[]; standardized: number[] } {
  const m = s.latent.length;
  const v = moments.latentCovariance;
  const sd = (f: number) => Math.sqrt(v[f * m + f] as number);
  const raw = (e: number) => s.b[s.regressions[e]!.outcome * m + s.regressions[e]!.predictor] as number;
  const std = (e: number) => (raw(e) * sd(s.regressions[e]!.predictor)) / sd(s.regressions[e]!.outcome);
  return { raw: s.definitions.map((d) => pathSum(d, raw)), standardized: s.definitions.map((d) => pathSum(d, std)) };
}

/**
 * The parameter table in one scaling. With η′ = cη (cᶠ = the marker's loading, or 1/√ψᶠᶠ for
 * std.lv): λ′ = λ/c_f, B′_gf = B_gf·c_g/c_f, Ψ′_fg = c_f·c_g·Ψ_fg; θ and ν are unchanged.
 */
function parameterRows(s: LatentStructure, moments: LatentMoments, scaling: 'marker' | 'stdLv'): SimulatedParameter[] {
  const p = s.items.length;
  const m = s.latent.length;
  const { latentCovariance: v, covariance: sigma } = moments;
  const sdLatent = Array.from({ length: m }, (_, f) => Math.sqrt(v[f * m + f] as number));
  const sdItem = Array.from({ length: p }, (_, j) => Math.sqrt(sigma[j * p + j] as number));
  const marker = new Int32Array(m).fill(-1);
  for (let f = 0; f < m; f++) for (let j = p - 1; j >= 0; j--) if ((s.lambda[j * m + f] as number) !== 0) marker[f] = j;
  const c = Array.from({ length: m }, (_, f) =>
    scaling === 'marker' ? (s.lambda[(marker[f] as number) * m + f] as number) : 1 / Math.sqrt(s.psi[f * m + f] as number),
  );
  const rows: SimulatedParameter[] = [];
  const row = (lhs: string, op: SimulatedParameter['op'], rhs: string, label: string, free: boolean, estimate: number, stdLv: number, stdAll: number) =>
    rows.push({ lhs, op, rhs, label, free, estimate, stdLv, stdAll });

  for (let f = 0; f < m; f++) {
    for (let j = 0; j < p; j++) {
      const l = s.lambda[j * m + f] as number;
      if (l === 0) continue;
      const std = l * (sdLatent[f] as number);
      row(s.latent[f]!, '=~', s.items[j]!, '', scaling === 'stdLv' || j !== marker[f], l / (c[f] as number), std, std / (sdItem[j] as number));
    }
  }
  const coefficient = (e: number) => {
    const r = s.regressions[e]!;
    return s.b[r.outcome * m + r.predictor] as number;
  };
  const standardized = (e: number) => {
    const r = s.regressions[e]!;
    return (coefficient(e) * (sdLatent[r.predictor] as number)) / (sdLatent[r.outcome] as number);
  };
  const scaled = (e: number) => {
    const r = s.regressions[e]!;
    return (coefficient(e) * (c[r.outcome] as number)) / (c[r.predictor] as number);
  };
  s.regressions.forEach((r, e) => {
    const std = standardized(e);
    row(s.latent[r.outcome]!, '~', s.latent[r.predictor]!, r.label, true, scaled(e), std, std);
  });
  const items = syntaxItemOrder(s);
  for (const j of items) {
    const t = s.theta[j] as number;
    row(s.items[j]!, '~~', s.items[j]!, '', true, t, t, t / (sigma[j * p + j] as number));
  }
  for (let f = 0; f < m; f++) {
    const psi = s.psi[f * m + f] as number;
    const std = psi / (v[f * m + f] as number);
    row(s.latent[f]!, '~~', s.latent[f]!, '', scaling === 'marker', scaling === 'marker' ? psi * (c[f] as number) ** 2 : 1, std, std);
  }
  // Free covariances, as lavaan's defaults: among exogenous latents (never regressed on anything),
  // then among pure dependent ones (regressed on something, predicting nothing): auto.cov.y.
  const isOutcome = Array.from({ length: m }, (_, f) => s.regressions.some((r) => r.outcome === f));
  const isPredictor = Array.from({ length: m }, (_, f) => s.regressions.some((r) => r.predictor === f));
  const groups = [isOutcome.map((o) => !o), isOutcome.map((o, f) => o && !isPredictor[f])];
  for (const member of groups) {
    for (let f = 0; f < m; f++) {
      if (!member[f]) continue;
      for (let g = f + 1; g < m; g++) {
        if (!member[g]) continue;
        const psi = s.psi[f * m + g] as number;
        const std = psi / Math.sqrt((s.psi[f * m + f] as number) * (s.psi[g * m + g] as number));
        row(s.latent[f]!, '~~', s.latent[g]!, '', true, psi * (c[f] as number) * (c[g] as number), std, std);
      }
    }
  }
  for (const j of items) row(s.items[j]!, '~1', '', '', true, s.nu[j] as number, s.nu[j] as number, (s.nu[j] as number) / (sdItem[j] as number));
  for (let f = 0; f < m; f++) row(s.latent[f]!, '~1', '', '', false, 0, 0, 0);
  for (const d of s.definitions) {
    const std = pathSum(d, standardized);
    row(d.name, ':=', expressionOf(s, d, '+'), d.name, false, pathSum(d, scaled), std, std);
  }
  for (const r of rows) {
    for (const value of [r.estimate, r.stdLv, r.stdAll]) {
      if (!(Math.abs(value) <= LIMIT)) {
        throw fail('INVALID_OPTION', `The population value of ${r.lhs} ${r.op} ${r.rhs} is ${value} in the ${scaling} scaling: the model's scales are too extreme (a marker loading near 0?).`, {
          option: 'loadings',
          value,
        });
      }
    }
  }
  return rows;
}

/** Both scalings of the parameter table. */
export function populationParameters(s: LatentStructure, moments: LatentMoments): PopulationParameters {
  return { marker: parameterRows(s, moments, 'marker'), stdLv: parameterRows(s, moments, 'stdLv') };
}

/** p × m row-major → rows. */
export function matrixRows(a: Float64Array, rows: number, columns: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from(a.subarray(i * columns, i * columns + columns)));
}

/** Standardized loadings λ_jf·sd(η_f)/sd(x_j) (std.all), p × m. */
export function standardizedLoadings(s: LatentStructure, moments: LatentMoments): number[][] {
  const p = s.items.length;
  const m = s.latent.length;
  return Array.from({ length: p }, (_, j) =>
    Array.from({ length: m }, (_, f) => {
      const l = s.lambda[j * m + f] as number;
      return l === 0 ? 0 : (l * Math.sqrt(moments.latentCovariance[f * m + f] as number)) / Math.sqrt(moments.covariance[j * p + j] as number);
    }),
  );
}

/** Covariance → correlation rows. */
export function correlationRows(cov: Float64Array, k: number): number[][] {
  const rows = toRows(cov, k);
  return rows.map((row, i) => row.map((value, j) => (i === j ? 1 : value / Math.sqrt((cov[i * k + i] as number) * (cov[j * k + j] as number)))));
}

/**
 * n rows of x = ν + Lz, LLᵀ = Σ, z ~ N(0, I): p normals per row from `randomStream(seed)`. With a
 * missing share q > 0, each cell is then set missing (NaN here, null in the output) when a uniform
 * draw from the separate stream `randomStream(seed + ':missing')` (row by row, item by item) is
 * below q — so the observed cells are those of the complete data for the same seed.
 */
export function drawNormal(sigma: Float64Array, nu: Float64Array, n: number, seed: Seed, missing: number): { columns: Float64Array[]; nMissing: number } {
  const p = nu.length;
  const chol = Float64Array.from(sigma);
  choleskyInPlace(chol, p);
  const rng = randomStream(seed);
  const columns = Array.from({ length: p }, () => new Float64Array(n));
  const z = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) z[j] = rng.normal();
    for (let j = 0; j < p; j++) {
      let x = nu[j] as number;
      for (let k = 0; k <= j; k++) x += (chol[j * p + k] as number) * (z[k] as number);
      (columns[j] as Float64Array)[i] = x;
    }
  }
  let nMissing = 0;
  if (missing > 0) {
    const holes = randomStream(`${String(seed)}:missing`);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) {
        if (holes.next() < missing) {
          (columns[j] as Float64Array)[i] = Number.NaN;
          nMissing++;
        }
      }
    }
  }
  return { columns, nMissing };
}

const cell = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** Own, enumerable property (also for a name such as `__proto__`). */
export function put(target: object, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else (target as Record<string, unknown>)[key] = value;
}

/** Lays out columns (NaN = missing → null) as rows, columns or a matrix, frozen one level deep. */
export function layOutTable<S extends DataShape>(columns: readonly Float64Array[], names: readonly string[], n: number, shape: S): SimulatedTable<S> {
  const p = names.length;
  if (shape === 'columns') {
    const out: Record<string, (number | null)[]> = {};
    for (let j = 0; j < p; j++) put(out, names[j] as string, Object.freeze(Array.from(columns[j] as Float64Array, cell)));
    return Object.freeze(out) as SimulatedTable<S>;
  }
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    if (shape === 'matrix') {
      const row: (number | null)[] = [];
      for (let j = 0; j < p; j++) row.push(cell((columns[j] as Float64Array)[i] as number));
      out.push(Object.freeze(row));
    } else {
      const row: Record<string, number | null> = {};
      for (let j = 0; j < p; j++) put(row, names[j] as string, cell((columns[j] as Float64Array)[i] as number));
      out.push(Object.freeze(row));
    }
  }
  return Object.freeze(out) as SimulatedTable<S>;
}
