import { fail } from '../errors.js';
import { choleskyInPlace, inverseFromCholesky } from '../linalg/solve.js';
import { bootstrapIndices, randomStream, type Seed } from '../random/index.js';
import type { ProgressCallback } from '../util/options.js';
import { Fitter, minimize, type SampleMoments } from './estimate.js';
import { FimlObjective, missingPatterns } from './fiml.js';
import type { ModelWorkspace } from './model.js';
import { observedInformation } from './robust.js';
import type { ModelSpecification } from './specification.js';
import type { Expression } from './syntax.js';

// The case-resampling bootstrap of a CFA/SEM, as lavaan's `se = "bootstrap"`: each resample of
// rows is refitted by ML, warm-started from the full-sample estimates. For complete data a refit is
// BFGS started from the inverse of F's Hessian at the full-sample estimates (the resample's
// Hessian is close to it), so each step costs one F and one gradient (O(p²m) with the Woodbury
// path of estimate.ts) instead of a Fisher-scoring step's O(q²p) information. Under FIML each
// resample is refitted by Fisher scoring over its own missing-data patterns. A resample whose
// refit fails (a non-positive-definite sample or implied matrix, no convergence) is drawn again
// and counted, as psychkit's other bootstraps do (lavaan drops it instead).

export interface SemBootstrapInput {
  readonly ws: ModelWorkspace;
  readonly spec: ModelSpecification;
  /** The rows analysed (complete rows, or every row with an observed value under FIML; NaN = missing). */
  readonly columns: readonly Float64Array[];
  readonly n: number;
  readonly fiml: boolean;
  /** Full-sample moments (complete data): where the refits' metric is computed. */
  readonly sample: SampleMoments;
  /** Full-sample estimates and expected information per case. */
  readonly estimates: Float64Array;
  readonly information: Float64Array;
  /** The rows' fixed values; rows fixed at a sample moment are recomputed per resample. */
  readonly fixed: Float64Array;
  readonly resamples: number;
  readonly seed: Seed;
  readonly onProgress: ProgressCallback | undefined;
}

export interface SemBootstrapDraws {
  /** Statistic-major: free parameters (q), then defined parameters; `draws[s * B + r]`. */
  readonly draws: Float64Array;
  readonly replaced: number;
}

const MAX_STEPS = 200;

/** A := expression's value from a lookup (no gradient: the bootstrap's hot path). */
export function expressionValue(e: Expression, lookup: (name: string) => number): number {
  switch (e.type) {
    case 'number':
      return e.value;
    case 'label':
      return lookup(e.name);
    case 'negate':
      return -expressionValue(e.operand, lookup);
    case 'call': {
      const x = expressionValue(e.argument, lookup);
      return e.name === 'sqrt' ? Math.sqrt(x) : e.name === 'exp' ? Math.exp(x) : e.name === 'log' ? Math.log(x) : Math.abs(x);
    }
    case 'binary': {
      const a = expressionValue(e.left, lookup);
      const b = expressionValue(e.right, lookup);
      return e.op === '+' ? a + b : e.op === '-' ? a - b : e.op === '*' ? a * b : e.op === '/' ? a / b : a ** b;
    }
  }
}

/** Runs the bootstrap; every refit's free parameters and defined parameters go into `draws`. */
export function bootstrapSem(input: SemBootstrapInput): SemBootstrapDraws {
  const { ws, spec, columns, n, estimates, resamples: B } = input;
  const q = ws.q;
  const p = ws.p;
  const definitions = spec.definitions;
  const k = q + definitions.length;
  const draws = new Float64Array(k * B);
  const rng = randomStream(input.seed);
  const idx = new Int32Array(n);
  const x = new Float64Array(q);
  const fixed = Float64Array.from(input.fixed);
  const sampleMoment = spec.rows.map((r) => r.sampleMoment);
  const ov = new Map(spec.observed.map((v, i) => [v, i]));
  // Labels → a free index or a fixed value, for the defined parameters.
  const labelFree = new Map<string, number>();
  const labelFixed = new Map<string, number>();
  spec.rows.forEach((r, i) => {
    if (r.label === '') return;
    if (r.free > 0) labelFree.set(r.label, r.free - 1);
    else labelFixed.set(r.label, input.fixed[i] as number);
  });
  const defined = new Map<string, number>();
  const lookup = (name: string): number => {
    const f = labelFree.get(name);
    if (f !== undefined) return x[f] as number;
    return labelFixed.get(name) ?? defined.get(name) ?? Number.NaN;
  };
  // Complete data: one sample buffer refilled per resample, and the fixed metric's Cholesky factor.
  const sample = { n, p, covariance: new Float64Array(p * p), mean: new Float64Array(p), logDet: 0 } satisfies SampleMoments;
  const sChol = new Float64Array(p * p);
  const counts = new Float64Array(n);
  const scaled = new Float64Array(p * n);
  const rows = input.fiml ? null : rowMajor(columns, n);
  const fitter = input.fiml ? null : new Fitter(ws, sample, fixed);
  // The metric: F's Hessian at the full-sample estimates (Newton steps: the refits converge in a
  // few steps even for a misspecified model, where the expected information converges slowly);
  // the expected information where that Hessian is not positive definite.
  let metric = new Float64Array(0);
  if (fitter !== null && q > 0) {
    const full = new Fitter(ws, input.sample, input.fixed);
    const observed = observedInformation(full, estimates);
    if (observed !== null) {
      metric = observed.map((v) => 2 * v);
      if (!choleskyInPlace(metric, q)) metric = new Float64Array(0);
    }
  }
  if (metric.length === 0) {
    metric = Float64Array.from(input.information, (v) => 2 * v);
    if (q > 0 && !choleskyInPlace(metric, q)) throw fail('NOT_IDENTIFIED', 'Bootstrap: the information matrix is singular at the estimates.', {});
  }
  const work = fitter !== null ? refitWork(inverseFromCholesky(metric, q), q) : null;
  const resampled = input.fiml ? columns.map(() => new Float64Array(n)) : null;
  const progressStep = Math.max(1, Math.ceil(B / 100));
  let replaced = 0;
  for (let r = 0; r < B; ) {
    bootstrapIndices(rng, n, idx);
    let ok: boolean;
    if (fitter !== null) {
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[idx[i] as number] = (counts[idx[i] as number] as number) + 1;
      ok = completeMoments(rows!, counts, sample, sChol, scaled);
      if (ok) {
        refreshSampleMoments(spec, sampleMoment, ov, sample, fixed);
        x.set(estimates);
        ok = refitQuasiNewton(fitter, x, work!);
      }
    } else {
      for (let j = 0; j < p; j++) {
        const src = columns[j] as Float64Array;
        const dst = resampled![j] as Float64Array;
        for (let i = 0; i < n; i++) dst[i] = src[idx[i] as number] as number;
      }
      const data = missingPatterns(resampled!, n);
      const objective = new FimlObjective(ws, data, fixed);
      const m = minimize(objective, estimates);
      ok = m !== null && m.converged;
      if (ok) x.set(m!.estimates);
    }
    if (ok) {
      defined.clear();
      for (let d = 0; d < definitions.length; d++) {
        const v = expressionValue(definitions[d]!.expression, lookup);
        defined.set(definitions[d]!.name, v);
        draws[(q + d) * B + r] = v;
      }
      for (let t = 0; t < q; t++) draws[t * B + r] = x[t] as number;
      for (let s = 0; s < k && ok; s++) ok = Number.isFinite(draws[s * B + r] as number);
    }
    if (!ok) {
      if (++replaced > B) throw fail('NOT_CONVERGED', `Bootstrap: the model could not be refitted in more than ${B} resamples.`, { replaced });
      continue;
    }
    r++;
    if (input.onProgress !== undefined && (r % progressStep === 0 || r === B)) input.onProgress(r, B);
  }
  return { draws, replaced };
}

/** The complete rows, row-major (n × p), for the moments of each resample. */
function rowMajor(columns: readonly Float64Array[], n: number): Float64Array {
  const p = columns.length;
  const out = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const c = columns[j] as Float64Array;
    for (let i = 0; i < n; i++) out[i * p + j] = c[i] as number;
  }
  return out;
}

/**
 * Mean and covariance (divisor n) of a resample given as case counts: the drawn cases (about 63%
 * of them, each once) are centred, scaled by √count and stored variable-major, so each covariance
 * is one dot product over them. False when the covariance is not positive definite.
 */
function completeMoments(rows: Float64Array, counts: Float64Array, sample: { covariance: Float64Array; mean: Float64Array; logDet: number; p: number }, chol: Float64Array, scaled: Float64Array): boolean {
  const { p, mean, covariance } = sample;
  const n = counts.length;
  mean.fill(0);
  for (let i = 0; i < n; i++) {
    const w = counts[i] as number;
    if (w === 0) continue;
    const base = i * p;
    for (let j = 0; j < p; j++) mean[j] = (mean[j] as number) + w * (rows[base + j] as number);
  }
  for (let j = 0; j < p; j++) mean[j] = (mean[j] as number) / n;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const w = counts[i] as number;
    if (w === 0) continue;
    const root = Math.sqrt(w);
    const base = i * p;
    for (let j = 0; j < p; j++) scaled[j * n + k] = root * ((rows[base + j] as number) - (mean[j] as number));
    k++;
  }
  for (let a = 0; a < p; a++) {
    const ra = a * n;
    for (let c = 0; c <= a; c++) {
      const rc = c * n;
      let x = 0;
      for (let r = 0; r < k; r++) x += (scaled[ra + r] as number) * (scaled[rc + r] as number);
      covariance[a * p + c] = x / n;
      covariance[c * p + a] = x / n;
    }
  }
  chol.set(covariance);
  if (!choleskyInPlace(chol, p)) return false;
  let logDet = 0;
  for (let i = 0; i < p; i++) logDet += 2 * Math.log(chol[i * p + i] as number);
  sample.logDet = logDet;
  return Number.isFinite(logDet);
}

/** Exogenous covariates' moments (fixed.x) follow the resample. */
function refreshSampleMoments(spec: ModelSpecification, sampleMoment: readonly boolean[], ov: ReadonlyMap<string, number>, sample: SampleMoments, fixed: Float64Array): void {
  const p = sample.p;
  for (let i = 0; i < sampleMoment.length; i++) {
    if (!sampleMoment[i]) continue;
    const r = spec.rows[i]!;
    fixed[i] = r.op === '~1' ? (sample.mean[ov.get(r.lhs)!] as number) : (sample.covariance[ov.get(r.lhs)! * p + ov.get(r.rhs)!] as number);
  }
}


/** Pairs kept by the limited-memory BFGS refits. */
const HISTORY = 6;

/** Scratch of the quasi-Newton refits, allocated once per bootstrap. */
interface RefitWork {
  /** H₀⁻¹, the inverse of F's Hessian at the full-sample estimates (q × q). */
  readonly inverse0: Float64Array;
  readonly step: Float64Array;
  readonly trial: Float64Array;
  readonly gradient: Float64Array;
  readonly r: Float64Array;
  /** The last HISTORY steps s and gradient changes y (ring buffers of q each), and ρ = 1/yᵀs. */
  readonly s: Float64Array;
  readonly y: Float64Array;
  readonly rho: Float64Array;
  readonly alpha: Float64Array;
}

function refitWork(inverse0: Float64Array, q: number): RefitWork {
  return {
    inverse0,
    step: new Float64Array(q),
    trial: new Float64Array(q),
    gradient: new Float64Array(q),
    r: new Float64Array(q),
    s: new Float64Array(HISTORY * q),
    y: new Float64Array(HISTORY * q),
    rho: new Float64Array(HISTORY),
    alpha: new Float64Array(HISTORY),
  };
}

/** d = −H g by L-BFGS's two loops over the kept pairs, with H₀⁻¹ as the initial matrix. */
function lbfgsDirection(work: RefitWork, size: number, newest: number, g: Float64Array, d: Float64Array): void {
  const { s, y, rho, alpha, inverse0, r } = work;
  const n = g.length;
  r.set(g);
  for (let k = 0; k < size; k++) {
    const slot = (newest - k + HISTORY) % HISTORY;
    let dot = 0;
    for (let i = 0; i < n; i++) dot += (s[slot * n + i] as number) * (r[i] as number);
    const a = (rho[slot] as number) * dot;
    alpha[slot] = a;
    for (let i = 0; i < n; i++) r[i] = (r[i] as number) - a * (y[slot * n + i] as number);
  }
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += (inverse0[i * n + j] as number) * (r[j] as number);
    d[i] = v;
  }
  for (let k = size - 1; k >= 0; k--) {
    const slot = (newest - k + HISTORY) % HISTORY;
    let dot = 0;
    for (let i = 0; i < n; i++) dot += (y[slot * n + i] as number) * (d[i] as number);
    const b = (rho[slot] as number) * dot;
    const a = alpha[slot] as number;
    for (let i = 0; i < n; i++) d[i] = (d[i] as number) + (a - b) * (s[slot * n + i] as number);
  }
  for (let i = 0; i < n; i++) d[i] = -(d[i] as number);
}

/**
 * ML refit by limited-memory BFGS from the full-sample estimates, its initial matrix the inverse
 * Hessian H₀⁻¹ at the full-sample estimates (the resample's Hessian is close to it, so the first
 * steps are nearly Newton's); step halving (Armijo). Stops when a step changes no parameter by more
 * than 1e-5 (relative; L-BFGS converges superlinearly, so the estimates are much closer than that): far below the bootstrap's Monte Carlo error. x is updated in place.
 */
function refitQuasiNewton(fitter: Fitter, x: Float64Array, work: RefitWork): boolean {
  const q = x.length;
  const { step, trial, gradient, s, y, rho } = work;
  let size = 0;
  let newest = HISTORY - 1;
  let current = fitter.evaluate(x);
  if (current === null) return false;
  fitter.gradientAndInformation(true, false);
  gradient.set(fitter.grad);
  for (let it = 0; it < MAX_STEPS; it++) {
    lbfgsDirection(work, size, newest, gradient, step);
    let slope = 0;
    for (let i = 0; i < q; i++) slope += (gradient[i] as number) * (step[i] as number);
    if (!(slope < 0)) {
      if (size === 0) return false;
      // Not a descent direction: forget the pairs and take the H₀⁻¹ step.
      size = 0;
      continue;
    }
    let scale = 1;
    let accepted = false;
    for (let h = 0; h < 30; h++) {
      for (let i = 0; i < q; i++) trial[i] = (x[i] as number) + scale * (step[i] as number);
      const e = fitter.evaluate(trial);
      if (e !== null && e.f <= current.f + 1e-4 * scale * slope + 1e-14 * Math.abs(current.f)) {
        current = e;
        accepted = true;
        break;
      }
      scale /= 2;
    }
    if (!accepted) return Math.abs(slope) < 1e-12;
    const slot = (newest + 1) % HISTORY;
    let largest = 0;
    for (let i = 0; i < q; i++) {
      const si = scale * (step[i] as number);
      s[slot * q + i] = si;
      largest = Math.max(largest, Math.abs(si) / Math.max(1, Math.abs(x[i] as number)));
    }
    x.set(trial);
    if (largest < 1e-5) return true;
    fitter.gradientAndInformation(true, false);
    const g = fitter.grad;
    let ys = 0;
    for (let i = 0; i < q; i++) {
      const yi = (g[i] as number) - (gradient[i] as number);
      y[slot * q + i] = yi;
      ys += yi * (s[slot * q + i] as number);
      gradient[i] = g[i] as number;
    }
    if (ys > 1e-300) {
      rho[slot] = 1 / ys;
      newest = slot;
      size = Math.min(size + 1, HISTORY);
    }
  }
  return false;
}
