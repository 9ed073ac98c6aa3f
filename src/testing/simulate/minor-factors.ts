import { fail } from '../../errors.js';
import { choleskyInPlace } from '../../linalg/index.js';
import { choleskySolveInPlace, inverseFromCholesky } from '../../linalg/solve.js';
import { randomStream, type Seed } from '../../random/index.js';
import { deepFreeze } from '../../util/freeze.js';
import { numberIn, oneOf } from '../../util/options.js';
import { checkModel, drawFactorData } from './factor-model.js';
import { distinctNames, syntaxNames, syntaxOf } from './latent.js';
import { dataShape, numberMatrix, requiredOptions, requiredSeed, sampleSize, type DataShape } from './options.js';
import { layOut, toRows, withoutNegativeZero, type SimulatedData } from './output.js';

// Tucker, Koopman & Linn's (1969) "minor factors" (psych::sim.minor): the items follow a few major
// factors plus many small ones no one models, so the major-factor model misfits the population by
// a known amount. The misfit is computed exactly: the ML discrepancy of the major CFA fitted to Σ.

/** Options of {@link minorFactors}. */
export interface MinorFactorsOptions<S extends DataShape = DataShape> {
  /** Standardized loadings on the major factors, p × m (as `simulate.factorModel`'s). A 0 means "does not load" in the major model's syntax. */
  readonly loadings: readonly (readonly number[])[];
  /** Correlation matrix of the major factors (m × m). Default: identity. */
  readonly phi?: readonly (readonly number[])[];
  /** Number of minor factors k (a whole number, 0 … 1,000). Default ⌊p/2⌋, as psych::sim.minor. */
  readonly minor?: number;
  /** Minor loadings lie in [−range, range] (psych's `fsmall = c(-.2, .2)`). In [0, 1); default 0.2. */
  readonly range?: number;
  /**
   * How the minor loadings are drawn: `'uniform'` (default) on [−range, range]; `'psych'` as
   * psych::sim.minor: each one of −range, +range or 0, picked with equal chance from the list
   * (−range, range, and ⌊p/4⌋ zeros).
   */
  readonly minorDistribution?: 'uniform' | 'psych';
  /** The minor loadings themselves (p × k), instead of drawing them (then no `minor`, `range`, `minorDistribution`). */
  readonly minorLoadings?: readonly (readonly number[])[];
  /** Number of rows (1 … 10,000,000). */
  readonly n: number;
  readonly seed: Seed;
  /** Item names (usable in lavaan syntax). Default `item1` … `itemp`. */
  readonly names?: readonly string[];
  /** Major factor names (usable in lavaan syntax). Default `f1` … `fm`. */
  readonly factorNames?: readonly string[];
  /** `'rows'` (default), `'columns'` or `'matrix'`. */
  readonly shape?: S;
}

/** What the minor factors do to the major-factor model, in the population. */
export interface MinorFactorsMisfit {
  /** F₀: the minimum over the major model's parameters of the ML discrepancy log|Σ(θ)| + tr(ΣΣ(θ)⁻¹) − log|Σ| − p. */
  readonly discrepancy: number;
  /** The major model's degrees of freedom, p(p + 1)/2 − free parameters. */
  readonly df: number;
  /** Population RMSEA √(F₀/df) (Steiger 1990; Browne & Cudeck 1993). */
  readonly rmsea: number;
  /** Population CFI 1 − F₀/F_B, with F_B = −log|Σ| the discrepancy of the independence model (Bentler 1990). */
  readonly cfi: number;
  /** Population TLI 1 − (F₀/df)/(F_B/df_B), df_B = p(p − 1)/2. */
  readonly tli: number;
  /** Population SRMR of the fitted model (Bentler's, as lavaan's `srmr`): √(mean over i ≤ j of (Σᵢⱼ − Σ̂ᵢⱼ)²/(ΣᵢᵢΣⱼⱼ)). */
  readonly srmr: number;
  /** The χ² noncentrality expected in a sample of n: (n − 1)·F₀. */
  readonly noncentrality: number;
  /** The major model's loadings at the minimum (std.lv scaling: factor variances 1): what `cfa` converges to. */
  readonly loadings: readonly (readonly number[])[];
  /** Its factor correlations at the minimum (free, as `cfa`'s default). */
  readonly factorCorrelation: readonly (readonly number[])[];
  /** Its residual variances at the minimum. */
  readonly residualVariances: readonly number[];
}

/** The population of {@link minorFactors}. */
export interface MinorFactorsPopulation {
  /** The major model in lavaan syntax (one `f =~ …` line per factor, non-zero loadings only): the model whose misfit is reported. */
  readonly model: string;
  /** Major loadings Λ (p × m). */
  readonly loadings: readonly (readonly number[])[];
  /** Φ of the major factors. */
  readonly phi: readonly (readonly number[])[];
  /** Minor loadings M (p × k). */
  readonly minorLoadings: readonly (readonly number[])[];
  /** λⱼᵀΦλⱼ. */
  readonly majorCommunalities: readonly number[];
  /** Σₖ Mⱼₖ². */
  readonly minorCommunalities: readonly number[];
  /** Their sum, hⱼ. */
  readonly communalities: readonly number[];
  /** 1 − hⱼ. */
  readonly uniquenesses: readonly number[];
  /** Σ = ΛΦΛᵀ + MMᵀ + diag(1 − h): the items' covariance and correlation matrix (unit diagonal). */
  readonly correlation: readonly (readonly number[])[];
  /** The major model's misfit; null when it has no degrees of freedom or is not identified. */
  readonly misfit: MinorFactorsMisfit | null;
}

/** A sample from {@link minorFactors}. */
export interface MinorFactorsSample<S extends DataShape = 'rows'> {
  readonly data: SimulatedData<S>;
  readonly items: readonly string[];
  readonly factors: readonly string[];
  readonly n: number;
  readonly seed: string;
  readonly population: MinorFactorsPopulation;
}

const OPTIONS = ['loadings', 'phi', 'minor', 'range', 'minorDistribution', 'minorLoadings', 'n', 'seed', 'names', 'factorNames', 'shape'] as const;

interface Parameter {
  readonly kind: 'loading' | 'correlation' | 'residual';
  readonly i: number;
  readonly j: number;
}

/**
 * The ML fit of the major model (pattern of `start`'s non-zero loadings, free factor
 * correlations, free residual variances; factor variances 1) to a covariance matrix S, by Fisher
 * scoring with Levenberg–Marquardt damping from the true major parameters. Null when the model has
 * no degrees of freedom or its information matrix is singular (not identified).
 */
export function fitMajorModel(s: Float64Array, start: Float64Array, phi0: Float64Array, p: number, m: number): (MinorFactorsMisfit & { iterations: number }) | null {
  const params: Parameter[] = [];
  for (let f = 0; f < m; f++) for (let j = 0; j < p; j++) if ((start[j * m + f] as number) !== 0) params.push({ kind: 'loading', i: j, j: f });
  for (let f = 0; f < m; f++) for (let g = f + 1; g < m; g++) params.push({ kind: 'correlation', i: f, j: g });
  for (let j = 0; j < p; j++) params.push({ kind: 'residual', i: j, j });
  const q = params.length;
  const df = (p * (p + 1)) / 2 - q;
  if (df < 1) return null;
  const lambda = Float64Array.from(start);
  const phi = Float64Array.from(phi0);
  const theta = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let h = 0;
    for (let f = 0; f < m; f++) for (let g = 0; g < m; g++) h += (lambda[j * m + f] as number) * (phi[f * m + g] as number) * (lambda[j * m + g] as number);
    theta[j] = Math.max((s[j * p + j] as number) - h, 0.05 * (s[j * p + j] as number));
  }
  const cholS = Float64Array.from(s);
  choleskyInPlace(cholS, p);
  let logDetS = 0;
  for (let j = 0; j < p; j++) logDetS += 2 * Math.log(cholS[j * p + j] as number);

  const sigmaOf = (l: Float64Array, ph: Float64Array, th: Float64Array): Float64Array => {
    const lp = new Float64Array(p * m);
    for (let j = 0; j < p; j++) for (let f = 0; f < m; f++) {
      let v = 0;
      for (let g = 0; g < m; g++) v += (l[j * m + g] as number) * (ph[g * m + f] as number);
      lp[j * m + f] = v;
    }
    const sigma = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) {
      let v = i === j ? (th[i] as number) : 0;
      for (let f = 0; f < m; f++) v += (lp[i * m + f] as number) * (l[j * m + f] as number);
      sigma[i * p + j] = sigma[j * p + i] = v;
    }
    return sigma;
  };
  /** F and Σ⁻¹ at the parameters, or null when Σ(θ) is not positive definite. */
  const evaluate = (l: Float64Array, ph: Float64Array, th: Float64Array): { f: number; sigma: Float64Array; c: Float64Array } | null => {
    const sigma = sigmaOf(l, ph, th);
    const chol = Float64Array.from(sigma);
    if (!choleskyInPlace(chol, p)) return null;
    let logDet = 0;
    for (let j = 0; j < p; j++) logDet += 2 * Math.log(chol[j * p + j] as number);
    const c = inverseFromCholesky(chol, p);
    let trace = 0;
    for (let i = 0; i < p * p; i++) trace += (s[i] as number) * (c[i] as number);
    const f = logDet + trace - logDetS - p;
    return Number.isFinite(f) ? { f, sigma, c } : null;
  };
  const apply = (delta: Float64Array, l: Float64Array, ph: Float64Array, th: Float64Array) => {
    params.forEach((a, k) => {
      const d = delta[k] as number;
      if (a.kind === 'loading') l[a.i * m + a.j] = (l[a.i * m + a.j] as number) + d;
      else if (a.kind === 'correlation') ph[a.i * m + a.j] = ph[a.j * m + a.i] = (ph[a.i * m + a.j] as number) + d;
      else th[a.i] = (th[a.i] as number) + d;
    });
  };
  let current = evaluate(lambda, phi, theta);
  if (current === null) return null;
  let mu = 0;
  let iterations = 0;
  let stalled = 0;
  let information = new Float64Array(q * q);
  const gradient = new Float64Array(q);
  for (; iterations < 2000; iterations++) {
    const { c } = current;
    // D = C − CSC, the gradient's kernel: ∂F/∂θa = tr(D Σa) with Σa = x yᵀ + y xᵀ, so 2xᵀDy.
    const cs = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
      let v = 0;
      for (let k = 0; k < p; k++) v += (c[i * p + k] as number) * (s[k * p + j] as number);
      cs[i * p + j] = v;
    }
    const d = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
      let v = 0;
      for (let k = 0; k < p; k++) v += (cs[i * p + k] as number) * (c[k * p + j] as number);
      d[i * p + j] = (c[i * p + j] as number) - v;
    }
    const lp = new Float64Array(p * m);
    for (let j = 0; j < p; j++) for (let f = 0; f < m; f++) {
      let v = 0;
      for (let g = 0; g < m; g++) v += (lambda[j * m + g] as number) * (phi[g * m + f] as number);
      lp[j * m + f] = v;
    }
    const xs: Float64Array[] = [];
    const ys: Float64Array[] = [];
    for (const a of params) {
      const x = new Float64Array(p);
      const y = new Float64Array(p);
      if (a.kind === 'loading') {
        x[a.i] = 1;
        for (let j = 0; j < p; j++) y[j] = lp[j * m + a.j] as number;
      } else if (a.kind === 'correlation') {
        for (let j = 0; j < p; j++) {
          x[j] = lambda[j * m + a.i] as number;
          y[j] = lambda[j * m + a.j] as number;
        }
      } else {
        x[a.i] = 1;
        y[a.i] = 0.5;
      }
      xs.push(x);
      ys.push(y);
    }
    const times = (v: Float64Array) => {
      const out = new Float64Array(p);
      for (let i = 0; i < p; i++) {
        let t = 0;
        for (let k = 0; k < p; k++) t += (c[i * p + k] as number) * (v[k] as number);
        out[i] = t;
      }
      return out;
    };
    const dot = (a: Float64Array, b: Float64Array) => {
      let t = 0;
      for (let i = 0; i < p; i++) t += (a[i] as number) * (b[i] as number);
      return t;
    };
    const cx = xs.map(times);
    const cy = ys.map(times);
    let largest = 0;
    for (let a = 0; a < q; a++) {
      const x = xs[a]!;
      const y = ys[a]!;
      let g = 0;
      for (let i = 0; i < p; i++) {
        if ((x[i] as number) === 0) continue;
        let t = 0;
        for (let j = 0; j < p; j++) t += (d[i * p + j] as number) * (y[j] as number);
        g += (x[i] as number) * t;
      }
      gradient[a] = 2 * g;
      largest = Math.max(largest, Math.abs(2 * g));
    }
    // Expected information tr(C Σa C Σb) = 2[(yaᵀCxb)(ybᵀCxa) + (yaᵀCyb)(xbᵀCxa)].
    information = new Float64Array(q * q);
    for (let a = 0; a < q; a++) {
      for (let b = 0; b <= a; b++) {
        const v = 2 * (dot(ys[a]!, cx[b]!) * dot(ys[b]!, cx[a]!) + dot(ys[a]!, cy[b]!) * dot(xs[b]!, cx[a]!));
        information[a * q + b] = information[b * q + a] = v;
      }
    }
    // Converged: a gradient below 1e-10, or F no longer falling (its rounding floor).
    if (largest < 1e-10 || stalled >= 3) break;
    let accepted = false;
    for (let tries = 0; tries < 60 && !accepted; tries++) {
      const h = Float64Array.from(information);
      for (let a = 0; a < q; a++) h[a * q + a] = (h[a * q + a] as number) * (1 + mu) + mu * 1e-12;
      if (!choleskyInPlace(h, q)) {
        mu = mu === 0 ? 1e-8 : mu * 10;
        continue;
      }
      // Solve LLᵀδ = −g.
      const delta = Float64Array.from(gradient, (v) => -v);
      choleskySolveInPlace(h, q, delta);
      const l2 = Float64Array.from(lambda);
      const ph2 = Float64Array.from(phi);
      const th2 = Float64Array.from(theta);
      apply(delta, l2, ph2, th2);
      const next = evaluate(l2, ph2, th2);
      if (next !== null && next.f <= current.f + 1e-15 * Math.max(1, Math.abs(current.f))) {
        stalled = current.f - next.f < 1e-15 * Math.max(1, Math.abs(current.f)) ? stalled + 1 : 0;
        lambda.set(l2);
        phi.set(ph2);
        theta.set(th2);
        current = next;
        accepted = true;
        mu = mu / 10 < 1e-10 ? 0 : mu / 10;
      } else mu = mu === 0 ? 1e-8 : mu * 10;
    }
    if (!accepted) break;
  }
  // Identified: the information at the minimum is positive definite (relative to its scale).
  let scale = 0;
  for (let a = 0; a < q; a++) scale = Math.max(scale, information[a * q + a] as number);
  if (!choleskyInPlace(Float64Array.from(information), q, 1e-10) || !(scale > 0)) return null;
  // Below 1e-12, F is rounding (the exact model's F at its truth is ~1e-16): report 0.
  const f0 = current.f < 1e-12 ? 0 : current.f;
  let srmr = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) {
    const r = (s[i * p + j] as number) - (current.sigma[i * p + j] as number);
    srmr += (r * r) / ((s[i * p + i] as number) * (s[j * p + j] as number));
  }
  srmr = Math.sqrt(srmr / ((p * (p + 1)) / 2));
  let baseline = -logDetS;
  for (let j = 0; j < p; j++) baseline += Math.log(s[j * p + j] as number);
  const dfBaseline = (p * (p - 1)) / 2;
  return {
    discrepancy: f0,
    df,
    rmsea: Math.sqrt(f0 / df),
    cfi: baseline > 0 ? Math.min(1, 1 - f0 / baseline) : 1,
    tli: baseline > 0 ? 1 - f0 / df / (baseline / dfBaseline) : 1,
    srmr,
    noncentrality: 0,
    loadings: Array.from({ length: p }, (_, j) => Array.from(lambda.subarray(j * m, j * m + m))),
    factorCorrelation: toRows(phi, m),
    residualVariances: Array.from(theta),
    iterations,
  };
}

/**
 * Simulates standardized items from a few major factors plus many minor ones (Tucker, Koopman &
 * Linn 1969; psych::sim.minor), with the misfit this causes for the major-factor model known
 * exactly — data for checking fit indices and estimators under realistic, small misspecification.
 *
 * Model: X = ΛF + MG + e with major factors F ~ N(0, Φ), k minor factors G ~ N(0, I) orthogonal to
 * F and to each other, and eⱼ ~ N(0, 1 − hⱼ), hⱼ = λⱼᵀΦλⱼ + Σₖ Mⱼₖ², so every item has variance 1
 * and **Σ = ΛΦΛᵀ + MMᵀ + diag(1 − h)**. As psych: k defaults to ⌊p/2⌋ and the minor loadings lie in
 * [−0.2, 0.2] (`range`), both signs (bipolar); psych picks each from −0.2, 0.2 and ⌊p/4⌋ zeros
 * (`minorDistribution: 'psych'`), psychkit by default draws them uniformly on [−range, range].
 * Unlike psych, the major loadings are given (not drawn), may be correlated (`phi`) and must leave
 * every uniqueness positive (psych accepts h = 1).
 *
 * `population.misfit` is the major model `population.model` (the non-zero pattern of Λ, factor
 * variances 1, free factor correlations and residual variances: `cfa`'s default model) fitted to
 * Σ by maximum likelihood: F₀ = min log|Σ(θ)| + tr(ΣΣ(θ)⁻¹) − log|Σ| − p (Fisher scoring to a
 * gradient below 1e-10), population RMSEA √(F₀/df), CFI 1 − F₀/F_B, TLI, SRMR, and the χ²
 * noncentrality (n − 1)F₀ expected in a sample of n (`cfa`'s χ² uses n: the difference, F₀, is
 * negligible). With no minor factors, F₀ = 0.
 *
 * Draw order (fixes the stream for a seed): the minor loadings first, from the separate stream
 * `randomStream(seed + ':minor')`, item by item (p × k, row by row; one uniform each); then, per
 * row of data from `randomStream(seed)`, m major-factor normals (times the Cholesky factor of Φ),
 * k minor-factor normals and one error normal per item — with k = 0 exactly `simulate.factorModel`'s
 * draws.
 *
 * Throws `INVALID_OPTION` for a missing or non-finite seed or n, a ragged or non-numeric Λ or M,
 * an item or factor without a non-zero major loading,
 * a Φ that is not a symmetric positive-definite correlation matrix, a communality hⱼ ≥ 1 (major or
 * total; with drawn minor loadings this depends on the seed), `minorLoadings` together with
 * `minor`, `range` or `minorDistribution`, a name not usable in lavaan syntax or an unknown option;
 * `DUPLICATE_NAME` for repeated names.
 *
 * References: Tucker, L. R., Koopman, R. F., & Linn, R. L. (1969). Evaluation of factor analytic
 * research procedures by means of simulated correlation matrices. Psychometrika, 34, 421–459.
 * Browne, M. W., & Cudeck, R. (1993). Alternative ways of assessing model fit. In K. A. Bollen &
 * J. S. Long (Eds.), Testing structural equation models (pp. 136–162). Sage.
 *
 * @example
 * ```ts
 * import { simulate } from 'psychkit/testing';
 * const sim = simulate.minorFactors({
 *   loadings: [[0.8, 0], [0.7, 0], [0.6, 0], [0.7, 0], [0, 0.8], [0, 0.7], [0, 0.6], [0, 0.7]],
 *   phi: [[1, 0.3], [0.3, 1]],
 *   n: 500,
 *   seed: 1,
 * });
 * sim.population.minorLoadings.length; // 8 items × 4 minor factors
 * sim.population.misfit?.rmsea; // the major model's population RMSEA
 * ```
 */
export function minorFactors<S extends DataShape = 'rows'>(options: MinorFactorsOptions<S>): MinorFactorsSample<S> {
  const fn = 'simulate.minorFactors';
  const o = requiredOptions(options, fn, OPTIONS);
  const major = checkModel(o['loadings'], o['phi'], false);
  const { p, m } = major;
  for (let j = 0; j < p; j++) {
    if ([...major.lambda.subarray(j * m, j * m + m)].every((v) => v === 0)) throw fail('INVALID_OPTION', `Item ${j} (\`loadings[${j}]\`) loads on no major factor: the major model needs a non-zero loading on every item.`, { option: 'loadings', row: j });
  }
  for (let f = 0; f < m; f++) {
    let any = false;
    for (let j = 0; j < p; j++) if ((major.lambda[j * m + f] as number) !== 0) any = true;
    if (!any) throw fail('INVALID_OPTION', `Factor ${f} (column ${f} of \`loadings\`) has no indicator: every major factor needs a non-zero loading.`, { option: 'loadings', column: String(f) });
  }
  const items = syntaxNames(o['names'], 'names', Array.from({ length: p }, (_, j) => `item${j + 1}`));
  const factors = syntaxNames(o['factorNames'], 'factorNames', Array.from({ length: m }, (_, f) => `f${f + 1}`));
  distinctNames([
    ['names', items],
    ['factorNames', factors],
  ]);
  const n = sampleSize(o['n'], fn);
  const seed = requiredSeed(o['seed'], fn);
  const shape = dataShape(o['shape']);

  let k: number;
  let minor: Float64Array;
  if (o['minorLoadings'] !== undefined) {
    for (const key of ['minor', 'range', 'minorDistribution'] as const) {
      if (o[key] !== undefined) throw fail('INVALID_OPTION', `\`${key}\` describes how minor loadings are drawn; with \`minorLoadings\` given there is nothing to draw. Give one or the other.`, { option: key });
    }
    const value = o['minorLoadings'];
    // An empty matrix per item ([[], [], …]) means no minor factors.
    const rows = Array.isArray(value) && value.length === p && value.every((r) => Array.isArray(r) && r.length === 0) ? value.map(() => []) : numberMatrix(value, 'minorLoadings', p);
    k = rows[0]!.length;
    minor = new Float64Array(p * k);
    rows.forEach((row, j) =>
      row.forEach((v: number, c: number) => {
        if (!(Math.abs(v) < 1)) throw fail('INVALID_OPTION', `\`minorLoadings[${j}][${c}]\` must lie strictly between −1 and 1; got ${v}.`, { option: 'minorLoadings', row: j, value: v });
        minor[j * k + c] = v;
      }),
    );
  } else {
    k = numberIn('minor', o['minor'], Math.floor(p / 2), 0, 1000, { integer: true });
    const range = numberIn('range', o['range'], 0.2, 0, 1, { exclusiveMax: true });
    const distribution = oneOf<'uniform' | 'psych'>('minorDistribution', o['minorDistribution'], ['uniform', 'psych'], 'uniform');
    const rng = randomStream(`${String(seed)}:minor`);
    const choices = [-range, range, ...new Array<number>(Math.floor(p / 4)).fill(0)];
    minor = new Float64Array(p * k);
    for (let i = 0; i < p * k; i++) {
      const u = rng.next();
      minor[i] = distribution === 'uniform' ? range * (2 * u - 1) : (choices[Math.min(choices.length - 1, Math.floor(u * choices.length))] as number);
    }
  }

  const majorH = Array.from({ length: p }, (_, j) => {
    let h = 0;
    for (let f = 0; f < m; f++) for (let g = 0; g < m; g++) h += (major.lambda[j * m + f] as number) * (major.phi[f * m + g] as number) * (major.lambda[j * m + g] as number);
    return h;
  });
  const minorH = Array.from({ length: p }, (_, j) => {
    let h = 0;
    for (let c = 0; c < k; c++) h += (minor[j * k + c] as number) ** 2;
    return h;
  });
  const h = majorH.map((v, j) => v + (minorH[j] as number));
  h.forEach((v, j) => {
    if (!(v < 1)) {
      throw fail('INVALID_OPTION', `Item "${items[j]}" has communality ${v} ≥ 1 (major ${majorH[j]} + minor ${minorH[j]}), so its uniqueness 1 − h is not positive. Use smaller loadings, fewer minor factors or a smaller \`range\`.`, {
        option: o['minorLoadings'] !== undefined ? 'minorLoadings' : 'range',
        row: j,
        value: v,
      });
    }
  });

  // The full model as a factor model: [Λ M] with Φ ⊕ I, drawn as simulate.factorModel draws.
  const width = m + k;
  const lambda = new Float64Array(p * width);
  const phi = new Float64Array(width * width);
  for (let j = 0; j < p; j++) {
    for (let f = 0; f < m; f++) lambda[j * width + f] = major.lambda[j * m + f] as number;
    for (let c = 0; c < k; c++) lambda[j * width + m + c] = minor[j * k + c] as number;
  }
  for (let f = 0; f < m; f++) for (let g = 0; g < m; g++) phi[f * width + g] = major.phi[f * m + g] as number;
  for (let c = m; c < width; c++) phi[c * width + c] = 1;
  const sigma = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let v = 0;
      if (i === j) v = 1;
      else {
        for (let f = 0; f < width; f++) for (let g = 0; g < width; g++) v += (lambda[i * width + f] as number) * (phi[f * width + g] as number) * (lambda[j * width + g] as number);
      }
      sigma[i * p + j] = sigma[j * p + i] = v;
    }
  }
  if (!choleskyInPlace(Float64Array.from(sigma), p)) throw fail('INVALID_OPTION', 'The implied correlation matrix is not numerically positive definite: a communality is too close to 1.', { option: 'loadings' });

  const fit = fitMajorModel(sigma, major.lambda, major.phi, p, m);
  const misfit: MinorFactorsMisfit | null =
    fit === null
      ? null
      : {
          discrepancy: fit.discrepancy,
          df: fit.df,
          rmsea: fit.rmsea,
          cfi: fit.cfi,
          tli: fit.tli,
          srmr: fit.srmr,
          noncentrality: (n - 1) * fit.discrepancy,
          loadings: fit.loadings,
          factorCorrelation: fit.factorCorrelation,
          residualVariances: fit.residualVariances,
        };
  const columns = drawFactorData({ p, m: width, lambda, phi }, n, seed, null);
  const structure = { items, latent: factors, lambda: major.lambda, b: new Float64Array(m * m), psi: major.phi, theta: new Float64Array(p), nu: new Float64Array(p), regressions: [], definitions: [] };
  return deepFreeze({
    data: layOut(columns, items, n, shape),
    items,
    factors,
    n,
    seed: String(seed),
    population: withoutNegativeZero({
      model: syntaxOf(structure),
      loadings: Array.from({ length: p }, (_, j) => Array.from(major.lambda.subarray(j * m, j * m + m))),
      phi: toRows(major.phi, m),
      minorLoadings: Array.from({ length: p }, (_, j) => Array.from(minor.subarray(j * k, j * k + k))),
      majorCommunalities: majorH,
      minorCommunalities: minorH,
      communalities: h,
      uniquenesses: h.map((v) => 1 - v),
      correlation: toRows(sigma, p),
      misfit,
    }),
  }) as unknown as MinorFactorsSample<S>;
}
