// Non-normal latent variables for the factor-model simulators: Fleishman's (1978) power method
// with Vale and Maurelli's (1983) intermediate correlations.
import { fail } from '../../errors.js';
import { choleskyInPlace } from '../../linalg/index.js';
import { describe } from './options.js';

/**
 * The coefficients of a Fleishman polynomial Y = a + bZ + cZ² + dZ³ of a standard normal Z
 * (a = −c, so that E[Y] = 0, and Var(Y) = 1).
 */
export interface FleishmanCoefficients {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
}

/** The marginal shapes of one kind of latent variable (the factors, or the errors). */
export interface FleishmanMarginals {
  /** Skewness γ₁ of each variable (0 for a normal one). */
  readonly skewness: readonly number[];
  /** Excess kurtosis γ₂ of each variable (0 for a normal one). */
  readonly kurtosis: readonly number[];
  /** The Fleishman polynomial of each variable ({ a: 0, b: 1, c: 0, d: 0 } for a normal one). */
  readonly coefficients: readonly FleishmanCoefficients[];
}

/** How the latent variables of a non-normal simulation are distributed (see `factorModel`). */
export interface NonNormalPopulation {
  /**
   * The factors, with the Vale–Maurelli intermediate correlation matrix: the correlations of the
   * normal variables that the Fleishman polynomials transform into factors correlated exactly Φ.
   */
  readonly factors: FleishmanMarginals & { readonly intermediateCorrelation: readonly (readonly number[])[] };
  /** The standardized errors eⱼ/√ψⱼ, one per item. */
  readonly errors: FleishmanMarginals;
  /**
   * Skewness and excess kurtosis of each continuous item X*ⱼ (unit variance), from the cumulants of
   * a sum of independent parts: Σₐ λⱼₐ³γ₁(Fₐ) + ψⱼ^{3/2}γ₁(eⱼ) and Σₐ λⱼₐ⁴γ₂(Fₐ) + ψⱼ²γ₂(eⱼ). Null
   * when non-normal factors are correlated (their joint cumulants would enter).
   */
  readonly items: { readonly skewness: readonly number[]; readonly kurtosis: readonly number[] } | null;
}

/** The validated non-normal part of a simulation; null in a simulator means "all normal". */
export interface NonNormalSpec {
  /** One per factor, or null when every factor is normal. */
  readonly factors: readonly FleishmanCoefficients[] | null;
  /** Cholesky factor (lower, m × m row-major) of the intermediate correlation matrix, when `factors` is not null. */
  readonly intermediateCholesky: Float64Array | null;
  /** One per item, or null when every error is normal. */
  readonly errors: readonly FleishmanCoefficients[] | null;
  readonly population: Omit<NonNormalPopulation, 'items'>;
}

/**
 * {@link NonNormalPopulation} of a validated spec for loadings Λ (p × m row-major), factor
 * correlations Φ (m × m) and uniquenesses ψ.
 */
export function nonNormalPopulation(spec: NonNormalSpec, lambda: Float64Array, phi: Float64Array, psi: readonly number[], m: number): NonNormalPopulation {
  const { factors, errors } = spec.population;
  // Normal factors add nothing beyond the second cumulant, however correlated; non-normal ones
  // must be independent (Φ diagonal, so the intermediate matrix is the identity).
  let independent = true;
  if (spec.factors !== null) for (let f = 0; f < m; f++) for (let g = 0; g < f; g++) if (phi[f * m + g] !== 0) independent = false;
  let items: NonNormalPopulation['items'] = null;
  if (independent) {
    const skewness: number[] = [];
    const kurtosis: number[] = [];
    psi.forEach((u, j) => {
      let s = u ** 1.5 * (errors.skewness[j] as number);
      let k = u * u * (errors.kurtosis[j] as number);
      for (let a = 0; a < m; a++) {
        const l = lambda[j * m + a] as number;
        s += l ** 3 * (factors.skewness[a] as number);
        k += l ** 4 * (factors.kurtosis[a] as number);
      }
      skewness.push(s);
      kurtosis.push(k);
    });
    items = { skewness, kurtosis };
  }
  return { factors, errors, items };
}

const NORMAL: FleishmanCoefficients = Object.freeze({ a: 0, b: 1, c: 0, d: 0 });

/** Variance, skewness and excess kurtosis of a + bZ + cZ² + dZ³ with a = −c (Fleishman 1978, eqs. 5–7). */
export function fleishmanMoments(b: number, c: number, d: number): { variance: number; skewness: number; kurtosis: number } {
  return {
    variance: b * b + 6 * b * d + 2 * c * c + 15 * d * d,
    skewness: 2 * c * (b * b + 24 * b * d + 105 * d * d + 2),
    kurtosis: 24 * (b * d + c * c * (1 + b * b + 28 * b * d) + d * d * (12 + 48 * b * d + 141 * c * c + 225 * d * d)),
  };
}

/** Residuals of Fleishman's system and their Jacobian (rows: variance − 1, skewness − γ₁, kurtosis − γ₂; columns b, c, d). */
function system(x: readonly number[], skew: number, kurt: number): { f: number[]; j: number[][] } {
  const [b, c, d] = x as [number, number, number];
  const m = fleishmanMoments(b, c, d);
  const q = b * b + 24 * b * d + 105 * d * d + 2;
  return {
    f: [m.variance - 1, m.skewness - skew, m.kurtosis - kurt],
    j: [
      [2 * b + 6 * d, 4 * c, 6 * b + 30 * d],
      [2 * c * (2 * b + 24 * d), 2 * q, 2 * c * (24 * b + 210 * d)],
      [
        24 * (d + c * c * (2 * b + 28 * d) + 48 * d * d * d),
        24 * (2 * c * (1 + b * b + 28 * b * d) + 282 * c * d * d),
        24 * (b + 28 * b * c * c + 2 * d * (12 + 48 * b * d + 141 * c * c + 225 * d * d) + d * d * (48 * b + 450 * d)),
      ],
    ],
  };
}

/** Solves a 3 × 3 system by Gaussian elimination with partial pivoting; null if singular. */
function solve3(a: number[][], rhs: number[]): number[] | null {
  const m = a.map((row, i) => [...row, rhs[i] as number]);
  for (let k = 0; k < 3; k++) {
    let pivot = k;
    for (let i = k + 1; i < 3; i++) if (Math.abs(m[i]![k]!) > Math.abs(m[pivot]![k]!)) pivot = i;
    if (!(Math.abs(m[pivot]![k]!) > 1e-300)) return null;
    [m[k], m[pivot]] = [m[pivot]!, m[k]!];
    for (let i = k + 1; i < 3; i++) {
      const factor = m[i]![k]! / m[k]![k]!;
      for (let j = k; j < 4; j++) m[i]![j]! -= factor * m[k]![j]!;
    }
  }
  const x = [0, 0, 0];
  for (let i = 2; i >= 0; i--) {
    let s = m[i]![3]!;
    for (let j = i + 1; j < 3; j++) s -= m[i]![j]! * x[j]!;
    x[i] = s / m[i]![i]!;
  }
  return x;
}

const norm = (f: readonly number[]): number => Math.max(Math.abs(f[0]!), Math.abs(f[1]!), Math.abs(f[2]!));

/** Damped Newton from `start`; the solution if the residuals fall below `tolerance`, else null. */
function newton(start: readonly number[], skew: number, kurt: number, tolerance: number): number[] | null {
  let x = [...start];
  let { f, j } = system(x, skew, kurt);
  for (let iteration = 0; iteration < 200; iteration++) {
    const current = norm(f);
    if (current <= tolerance * 1e-3) break;
    const step = solve3(j, f.map((v) => -v));
    if (step === null) break;
    let t = 1;
    let improved = false;
    while (t > 1e-12) {
      const y = x.map((v, i) => v + t * (step[i] as number));
      const next = system(y, skew, kurt);
      if (norm(next.f) < current) {
        x = y;
        ({ f, j } = next);
        improved = true;
        break;
      }
      t /= 2;
    }
    if (!improved) break;
  }
  return norm(f) <= tolerance && x.every(Number.isFinite) ? x : null;
}

/** b = −3d + √(1 − 6d² − 2c²): Fleishman's variance equation solved for b (the root that represents every solution up to Z → −Z). */
function bOf(c: number, d: number): number {
  return -3 * d + Math.sqrt(Math.max(0, 1 - 6 * d * d - 2 * c * c));
}

const D_MAX = 1 / Math.sqrt(6);

/** The c ≥ 0 on the variance ellipse where the skewness at this d equals `skew` (≥ 0), and the kurtosis there. */
function kurtosesAt(d: number, skew: number, steps = 200): number[] {
  const cMax = Math.sqrt(Math.max(0, (1 - 6 * d * d) / 2));
  const g = (c: number) => fleishmanMoments(bOf(c, d), c, d).skewness - skew;
  const out: number[] = [];
  let c0 = 0;
  let g0 = g(0);
  for (let i = 1; i <= steps; i++) {
    const c1 = (cMax * i) / steps;
    const g1 = g(c1);
    if (g0 === 0) out.push(fleishmanMoments(bOf(c0, d), c0, d).kurtosis);
    else if (g0 * g1 < 0) {
      let lo = c0;
      let hi = c1;
      for (let k = 0; k < 80 && hi - lo > 0; k++) {
        const mid = (lo + hi) / 2;
        if (g(mid) * g0 > 0) lo = mid;
        else hi = mid;
      }
      const c = (lo + hi) / 2;
      out.push(fleishmanMoments(bOf(c, d), c, d).kurtosis);
    }
    c0 = c1;
    g0 = g1;
  }
  if (g0 === 0) out.push(fleishmanMoments(bOf(c0, d), c0, d).kurtosis);
  return out;
}

/** The smallest (sign 1) or largest (sign −1) kurtosis at skewness s ≥ 0: a grid over d, then golden section. */
function kurtosisExtreme(s: number, sign: 1 | -1): number {
  const at = (d: number) => sign * Math.min(Infinity, ...kurtosesAt(d, s).map((k) => sign * k));
  const grid = 400;
  let best = Infinity;
  let bestIndex = -1;
  for (let i = 0; i <= grid; i++) {
    const k = at(-D_MAX + (2 * D_MAX * i) / grid) * sign;
    if (k < best) {
      best = k;
      bestIndex = i;
    }
  }
  if (bestIndex < 0) return sign * Infinity;
  // Golden-section refinement on the two grid cells around the best point.
  let lo = -D_MAX + (2 * D_MAX * Math.max(0, bestIndex - 1)) / grid;
  let hi = -D_MAX + (2 * D_MAX * Math.min(grid, bestIndex + 1)) / grid;
  const ratio = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - ratio * (hi - lo);
  let x2 = lo + ratio * (hi - lo);
  let f1 = at(x1) * sign;
  let f2 = at(x2) * sign;
  for (let k = 0; k < 80 && hi - lo > 1e-13; k++) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - ratio * (hi - lo);
      f1 = at(x1) * sign;
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + ratio * (hi - lo);
      f2 = at(x2) * sign;
    }
    best = Math.min(best, f1, f2);
  }
  return sign * best;
}

/**
 * The smallest excess kurtosis a Fleishman polynomial can have at skewness γ₁: the lower edge of
 * Fleishman's feasible region, found by constrained minimisation and computed numerically to
 * about 1e-8. It is −1.151320 at γ₁ = 0, 0.4249 at 1,
 * 5.1516 at 2 and 13.714 at 3 (above the rough bound 1.5γ₁² − 2); `Infinity` when no Fleishman
 * polynomial has skewness γ₁ at all (|γ₁| above about 6.48, where floor and ceiling meet near 82).
 */
export function fleishmanKurtosisFloor(skewness: number): number {
  return kurtosisExtreme(Math.abs(skewness), 1);
}

/**
 * The largest excess kurtosis of a Fleishman polynomial at skewness γ₁ (the coefficients are
 * bounded by the unit variance, so the kurtosis is too): about 101.38 at γ₁ = 0.
 */
export function fleishmanKurtosisCeiling(skewness: number): number {
  return kurtosisExtreme(Math.abs(skewness), -1);
}

/**
 * Fleishman's coefficients for skewness γ₁ and excess kurtosis γ₂, by Newton's method on his
 * moment equations (residuals below 1e-12 relative), starting where Fleishman and lavaan start,
 * (b, c, d) = (1, 0, 0), then from the nearest points of a grid over the feasible set. b > 0 and
 * sign(c) = sign(γ₁); the coefficients of −γ₁ are those of γ₁ with c negated. Null when no
 * polynomial has these moments.
 */
export function solveFleishman(skewness: number, kurtosis: number): FleishmanCoefficients | null {
  if (skewness === 0 && kurtosis === 0) return NORMAL;
  if (!Number.isFinite(skewness) || !Number.isFinite(kurtosis)) return null;
  const s = Math.abs(skewness);
  const tolerance = 1e-12 * Math.max(1, Math.abs(kurtosis), s);
  let x = newton([1, 0, 0], s, kurtosis, tolerance);
  if (x === null) {
    // Starting points from a polar grid over the variance ellipse 2c² + 6d² ≤ 1 (c ≥ 0), nearest first.
    const starts: { x: number[]; distance: number }[] = [];
    for (let i = 1; i <= 40; i++) {
      for (let k = 0; k <= 80; k++) {
        const r = i / 40;
        const theta = -Math.PI / 2 + (Math.PI * k) / 80;
        const c = (r * Math.cos(theta)) / Math.SQRT2;
        const d = (r * Math.sin(theta)) / Math.sqrt(6);
        const b = bOf(c, d);
        const m = fleishmanMoments(b, c, d);
        starts.push({ x: [b, c, d], distance: Math.hypot(m.skewness - s, (m.kurtosis - kurtosis) / Math.max(1, Math.abs(kurtosis))) });
      }
    }
    starts.sort((p, q) => p.distance - q.distance);
    for (const start of starts.slice(0, 12)) {
      x = newton(start.x, s, kurtosis, tolerance);
      if (x !== null) break;
    }
  }
  if (x === null) return null;
  let [b, c, d] = x as [number, number, number];
  if (b < 0) [b, d] = [-b, -d]; // the same distribution (Z → −Z)
  if (skewness < 0) c = -c;
  return { a: -c + 0, b, c, d };
}

/** y = a + bz + cz² + dz³. */
export function fleishman(p: FleishmanCoefficients, z: number): number {
  return p.a + z * (p.b + z * (p.c + z * p.d));
}

/**
 * Vale & Maurelli's (1983) intermediate correlation: the ρ of two standard normals Z₁, Z₂ for which
 * the Fleishman variables p₁(Z₁), p₂(Z₂) correlate r, the root in [−1, 1] of
 * ρ(b₁b₂ + 3b₁d₂ + 3d₁b₂ + 9d₁d₂) + 2c₁c₂ρ² + 6d₁d₂ρ³ = r nearest to r. Null when none exists.
 */
export function intermediateCorrelation(r: number, p1: FleishmanCoefficients, p2: FleishmanCoefficients): number | null {
  if (r === 0) return 0;
  const A = p1.b * p2.b + 3 * p1.b * p2.d + 3 * p1.d * p2.b + 9 * p1.d * p2.d;
  const B = 2 * p1.c * p2.c;
  const C = 6 * p1.d * p2.d;
  if (B === 0 && C === 0) {
    const rho = r / A;
    return Math.abs(rho) <= 1 ? rho : null;
  }
  const h = (rho: number) => rho * (A + rho * (B + rho * C)) - r;
  const roots: number[] = [];
  const steps = 400;
  let x0 = -1;
  let h0 = h(-1);
  if (h0 === 0) roots.push(-1);
  for (let i = 1; i <= steps; i++) {
    const x1 = -1 + (2 * i) / steps;
    const h1 = h(x1);
    if (h1 === 0) roots.push(x1);
    else if (h0 * h1 < 0) {
      let lo = x0;
      let hi = x1;
      for (let k = 0; k < 200; k++) {
        const mid = (lo + hi) / 2;
        if (mid <= lo || mid >= hi) break;
        if (h(mid) * h0 > 0) lo = mid;
        else hi = mid;
      }
      roots.push(Math.abs(h(lo)) <= Math.abs(h(hi)) ? lo : hi);
    }
    x0 = x1;
    h0 = h1;
  }
  if (roots.length === 0) return null;
  return roots.reduce((best, v) => (Math.abs(v - r) < Math.abs(best - r) ? v : best));
}

/** One number for every variable, or one per variable: validated finite numbers. */
function perVariable(value: unknown, option: string, count: number, what: string): number[] {
  if (value === undefined) return new Array<number>(count).fill(0);
  if (typeof value === 'number' && Number.isFinite(value)) return new Array<number>(count).fill(value);
  if (Array.isArray(value) && value.length === count && value.every((v) => typeof v === 'number' && Number.isFinite(v))) return [...(value as number[])];
  throw fail('INVALID_OPTION', `\`${option}\` must be a finite number or an array of ${count} finite numbers (one per ${what}); got ${describe(value)}.`, {
    option,
    value,
  });
}

/** Fleishman coefficients of every variable of one kind, with the option named in errors. */
function marginals(skewOption: string, kurtOption: string, skewValue: unknown, kurtValue: unknown, count: number, what: string): FleishmanMarginals {
  const skewness = perVariable(skewValue, skewOption, count, what);
  const kurtosis = perVariable(kurtValue, kurtOption, count, what);
  const coefficients = skewness.map((s, i) => {
    const k = kurtosis[i] as number;
    const p = solveFleishman(s, k);
    if (p !== null) return p;
    const floor = fleishmanKurtosisFloor(s);
    const ceiling = Number.isFinite(floor) ? fleishmanKurtosisCeiling(s) : -Infinity;
    const which = count > 1 ? ` of ${what} ${i + 1}` : '';
    const bound = !Number.isFinite(floor)
      ? `no Fleishman polynomial has skewness ${s} (the largest is about ±6.48)`
      : k < floor
        ? `with skewness ${s} the excess kurtosis must be at least ${floor.toFixed(4)} (the power method cannot give flatter shapes)`
        : k > ceiling
          ? `with skewness ${s} the excess kurtosis can be at most ${ceiling.toFixed(2)}`
          : `it lies at the edge of the region (excess kurtosis ${floor.toFixed(4)} … ${ceiling.toFixed(2)} for this skewness), where Fleishman's equations are ill-conditioned; move it inward`;
    throw fail('INVALID_OPTION', `\`${skewOption}\` = ${s} and \`${kurtOption}\` = ${k}${which} lie outside Fleishman's feasible region: ${bound}.`, {
      option: Number.isFinite(floor) ? kurtOption : skewOption,
      value: Number.isFinite(floor) ? k : s,
      skewness: s,
      index: i,
      minimum: floor,
      maximum: ceiling,
    });
  });
  return { skewness, kurtosis, coefficients };
}

const isNormal = (p: FleishmanCoefficients) => p.a === 0 && p.b === 1 && p.c === 0 && p.d === 0;

/**
 * Reads `factorSkewness`, `factorKurtosis`, `errorSkewness` and `errorKurtosis` for a model with
 * m factors (correlation Φ, m × m row-major) and p items; null when every latent variable is
 * normal (every value 0 or absent).
 */
export function resolveNonNormal(o: Record<string, unknown>, phi: Float64Array, m: number, p: number): NonNormalSpec | null {
  const keys = ['factorSkewness', 'factorKurtosis', 'errorSkewness', 'errorKurtosis'];
  if (keys.every((k) => o[k] === undefined)) return null;
  const factors = marginals('factorSkewness', 'factorKurtosis', o['factorSkewness'], o['factorKurtosis'], m, 'factor');
  const errors = marginals('errorSkewness', 'errorKurtosis', o['errorSkewness'], o['errorKurtosis'], p, 'item');
  const factorsNormal = factors.coefficients.every(isNormal);
  const errorsNormal = errors.coefficients.every(isNormal);
  if (factorsNormal && errorsNormal) return null;
  const intermediate = new Float64Array(m * m);
  for (let f = 0; f < m; f++) {
    intermediate[f * m + f] = 1;
    for (let g = 0; g < f; g++) {
      const r = phi[f * m + g] as number;
      const pf = factors.coefficients[f] as FleishmanCoefficients;
      const pg = factors.coefficients[g] as FleishmanCoefficients;
      const rho = factorsNormal ? r : intermediateCorrelation(r, pf, pg);
      if (rho === null) {
        throw fail(
          'INVALID_OPTION',
          `\`phi\`[${f}][${g}] = ${r} cannot be reached by factors with these shapes (\`factorSkewness\`, \`factorKurtosis\`): no correlation of the underlying normals gives it (Vale & Maurelli 1983).`,
          { option: 'phi', row: f, index: g, value: r },
        );
      }
      intermediate[f * m + g] = intermediate[g * m + f] = rho;
    }
  }
  const chol = Float64Array.from(intermediate);
  if (!choleskyInPlace(chol, m)) {
    throw fail(
      'NOT_POSITIVE_DEFINITE',
      'The intermediate correlation matrix of the factors (Vale & Maurelli 1983: the correlations of the normals that the Fleishman polynomials transform into factors correlated `phi`) is not positive definite: these factor correlations cannot be combined with these `factorSkewness`/`factorKurtosis` values.',
      { option: 'phi' },
    );
  }
  return {
    factors: factorsNormal ? null : factors.coefficients,
    intermediateCholesky: factorsNormal ? null : chol,
    errors: errorsNormal ? null : errors.coefficients,
    population: {
      factors: { ...factors, intermediateCorrelation: Array.from({ length: m }, (_, f) => Array.from(intermediate.subarray(f * m, f * m + m))) },
      errors,
    },
  };
}
