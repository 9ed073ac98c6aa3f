import { fail } from '../../errors.js';
import { eigenWorkspace, eigenInto, type EigenWorkspace } from '../../linalg/eigen-workspace.js';
import { choleskyInPlace } from '../../linalg/solve.js';
import { squaredMultipleCorrelations } from '../smc.js';
import { minimizeBounded } from './optimize.js';
import { UNIQUENESS_LOWER, type ExtractionResult } from './types.js';

// minres and ml as psych::fa: both search over the uniquenesses ψ (start 1 − SMC, box
// [0.005, 1]) and read the loadings off an eigendecomposition at the optimum.

function eigenOrFail(ws: EigenWorkspace, m: Float64Array, k: number): void {
  if (!eigenInto(ws, m, k)) throw fail('NOT_POSITIVE_DEFINITE', 'An eigendecomposition failed to converge during factor extraction.', {});
}

/**
 * Minimum-residual (unweighted least squares) factoring as psych::fa(fm = "minres"): minimise the
 * sum of squared off-diagonal residuals of R − L·Lᵀ, with L = Vₖ·Λₖ^½ from R − diag(ψ).
 * Gradient as psych's `FAgr.minres`: diag(L·Lᵀ + diag(ψ) − R).
 */
export function minimumResidual(r: ArrayLike<number>, p: number, k: number): ExtractionResult {
  const ws = eigenWorkspace(p);
  const s = Float64Array.from({ length: p * p }, (_, i) => r[i] as number);
  const evalEps = 2.220446049250313e-16;
  const fg = (psi: Float64Array, g: Float64Array): number => {
    for (let i = 0; i < p; i++) s[i * p + i] = (r[i * p + i] as number) - (psi[i] as number);
    eigenOrFail(ws, s, k);
    // objective (psych's fit.residuals, fm = "minres"): eigenvalues below ε are raised to 100ε
    let f = 0;
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < i; j++) {
        let m = 0;
        for (let t = 0; t < k; t++) {
          let lam = ws.values[t] as number;
          if (lam < evalEps) lam = 100 * evalEps;
          m += lam * (ws.vectors[i * k + t] as number) * (ws.vectors[j * k + t] as number);
        }
        const res = (r[i * p + j] as number) - m;
        f += res * res;
      }
    }
    // gradient (FAgr.minres): negative eigenvalues contribute nothing
    for (let i = 0; i < p; i++) {
      let h = 0;
      for (let t = 0; t < k; t++) h += Math.max(ws.values[t] as number, 0) * (ws.vectors[i * k + t] as number) ** 2;
      g[i] = h + (psi[i] as number) - (r[i * p + i] as number);
    }
    return f;
  };
  const smc = squaredMultipleCorrelations(r, p);
  const start = Float64Array.from(smc, (v, i) => (r[i * p + i] as number) - v);
  const opt = minimizeBounded(fg, start, { lower: UNIQUENESS_LOWER, upper: 1 });
  const psi = opt.x;
  for (let i = 0; i < p; i++) s[i * p + i] = (r[i * p + i] as number) - (psi[i] as number);
  eigenOrFail(ws, s, k);
  const loadings = new Float64Array(p * k);
  for (let i = 0; i < p; i++) {
    for (let t = 0; t < k; t++) loadings[i * k + t] = (ws.vectors[i * k + t] as number) * Math.sqrt(Math.max(ws.values[t] as number, 0));
  }
  return finish(r, p, k, loadings, smc, psi, opt.iterations, opt.converged, ws);
}

/**
 * Maximum-likelihood factoring as psych::fa(fm = "ml") (the factanal objective): with
 * R* = ψ^−½ R ψ^−½ and its eigenvalues e, minimise −Σ_{j>k}(log eⱼ − eⱼ) − k + p;
 * L = ψ^½ Vₖ (Λₖ − 1)₊^½. Gradient: diag(L·Lᵀ + ψ − R)/ψ².
 */
export function maximumLikelihood(r: ArrayLike<number>, p: number, k: number): ExtractionResult {
  // ln det of a matrix with a negative eigenvalue is undefined: psych's fa(fm = "ml") fails there.
  const chol = Float64Array.from({ length: p * p }, (_, i) => r[i] as number);
  let singular = !choleskyInPlace(chol, p);
  for (let i = 0; i < p && !singular; i++) if (!((chol[i * p + i] as number) ** 2 > 1e-12)) singular = true;
  if (singular) {
    throw fail(
      'NOT_POSITIVE_DEFINITE',
      'Maximum-likelihood extraction needs a positive-definite correlation matrix, and this one is not (its likelihood is undefined; psych::fa(fm = "ml") fails on it too). Use extraction "minres" or "pa", which factor it as given, as psych does.',
      { extraction: 'ml' },
    );
  }
  const ws = eigenWorkspace(p);
  const s = new Float64Array(p * p);
  const sq = new Float64Array(p);
  const scaled = (psi: Float64Array): void => {
    for (let i = 0; i < p; i++) sq[i] = Math.sqrt(psi[i] as number);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) s[i * p + j] = (r[i * p + j] as number) / ((sq[i] as number) * (sq[j] as number));
    }
    eigenOrFail(ws, s, k);
  };
  const fg = (psi: Float64Array, g: Float64Array): number => {
    scaled(psi);
    let f = 0;
    for (let j = k; j < p; j++) {
      const e = ws.values[j] as number;
      f += Math.log(e) - e;
    }
    f = -(f - k + p);
    for (let i = 0; i < p; i++) {
      let h = 0;
      for (let t = 0; t < k; t++) h += Math.max((ws.values[t] as number) - 1, 0) * (ws.vectors[i * k + t] as number) ** 2;
      h *= psi[i] as number;
      const pi = psi[i] as number;
      g[i] = (h + pi - (r[i * p + i] as number)) / (pi * pi);
    }
    return f;
  };
  const smc = squaredMultipleCorrelations(r, p);
  const start = Float64Array.from(smc, (v, i) => (r[i * p + i] as number) - v);
  const opt = minimizeBounded(fg, start, { lower: UNIQUENESS_LOWER, upper: 1 });
  const psi = opt.x;
  scaled(psi);
  const loadings = new Float64Array(p * k);
  for (let i = 0; i < p; i++) {
    for (let t = 0; t < k; t++) {
      loadings[i * k + t] = (sq[i] as number) * (ws.vectors[i * k + t] as number) * Math.sqrt(Math.max((ws.values[t] as number) - 1, 0));
    }
  }
  return finish(r, p, k, loadings, smc, psi, opt.iterations, opt.converged, ws);
}

function finish(
  r: ArrayLike<number>,
  p: number,
  k: number,
  loadings: Float64Array,
  smc: Float64Array,
  psi: Float64Array,
  iterations: number,
  converged: boolean,
  ws: EigenWorkspace,
): ExtractionResult {
  const communalities = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let h = 0;
    for (let t = 0; t < k; t++) h += (loadings[i * k + t] as number) ** 2;
    communalities[i] = h;
  }
  // psych's `values`: eigenvalues of R with diag(L·Lᵀ) on the diagonal.
  const m = Float64Array.from({ length: p * p }, (_, i) => r[i] as number);
  for (let i = 0; i < p; i++) m[i * p + i] = communalities[i] as number;
  eigenOrFail(ws, m, 0);
  const atBound: number[] = [];
  for (let i = 0; i < p; i++) if ((psi[i] as number) <= UNIQUENESS_LOWER * (1 + 1e-9)) atBound.push(i);
  return { loadings, communalities, values: Float64Array.from(ws.values), initialCommunalities: smc, iterations, converged, atBound };
}
