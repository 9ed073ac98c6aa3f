// Population truths of reliability estimators that the factor-model simulators report alongside
// α and ω: the split-half family (as `splitHalf` computes it, applied to the population matrix)
// and the asymptotic SD of `omega`'s ω_t for one-factor data.
import { applyKeys, enumerateSplits, firstComponentKeys, guttmanCoefficients, splitCount } from '../../reliability/split-half.js';
import { inverseSPD } from '../../linalg/solve.js';

/** `splitHalf`'s default `samples`: up to this many splits it enumerates, above it draws. */
const DEFAULT_SAMPLES = 10_000;

/**
 * What `splitHalf` (default options: correlations, `checkKeys`) converges to on samples from the
 * population: its statistics computed from the population correlation matrix.
 */
export interface SplitHalfTruth {
  /**
   * λ4, the best split of the population matrix, for up to 16 items (where `splitHalf` examines
   * every split by default); null above, where it draws 10,000 random splits and its maximum
   * estimates the best of those, not of all splits.
   */
  readonly maximum: number | null;
  /** β, the worst split; null above 16 items, as `maximum`. */
  readonly minimum: number | null;
  /**
   * The average: for k ≤ 16 items, psych's average over the first ⌈C(k, ⌊k/2⌋)/2⌉ splits (every
   * split for an even k, so it equals standardized α); above that the expectation of the mean over
   * random splits, 4·m(k − m)/(k(k − 1))·Σᵢ≠ⱼ Rᵢⱼ / 1ᵀR1 with m = ⌊k/2⌋.
   */
  readonly average: number;
  /** Guttman's λ3: standardized α of the population correlation matrix. */
  readonly alpha: number;
  /** Guttman's λ2. */
  readonly lambda2: number;
  /** Guttman's λ6 with the population squared multiple correlations. */
  readonly lambda6: number;
}

/**
 * {@link SplitHalfTruth} of a population correlation matrix `r` (k × k, row-major): items keyed as
 * `splitHalf`'s `checkKeys` does, then Guttman's coefficients and the split search of the
 * estimator, run on the population instead of a sample. A sample maximum is biased upward (it is
 * the largest of many noisy splits; Ten Berge & Socan 2004) and the minimum downward, so they
 * converge to these values more slowly than the average and the λs.
 */
export function splitHalfTruth(r: ArrayLike<number>, k: number): SplitHalfTruth {
  const c = Float64Array.from(r);
  applyKeys(c, k, firstComponentKeys(c, k));
  const names = Array.from({ length: k }, (_, j) => `V${j + 1}`);
  const g = guttmanCoefficients(c, k, 'correlation', names);
  const m = Math.floor(k / 2);
  const count = splitCount(k);
  // Enumerated exactly when the estimator enumerates by default (k ≤ 16); above, only the average
  // has a population value the random splits converge to.
  const search = count <= DEFAULT_SAMPLES ? enumerateSplits(c, k, m, Math.ceil(count)) : null;
  const average = search !== null ? search.sum / count : ((4 * m * (k - m)) / (k * (k - 1))) * ((g.total - k) / g.total);
  return {
    maximum: search === null ? null : search.max,
    minimum: search === null ? null : search.min,
    average,
    alpha: g.alpha,
    lambda2: g.lambda2,
    lambda6: g.lambda6,
  };
}

/**
 * The asymptotic SD of `omega(data, { factors: 1 })`'s ω_t over samples of n from normal items
 * with one-factor population correlation matrix R = λλᵀ + Ψ (all λᵢ > 0), by the delta method.
 *
 * ω̂_t = 1 − Σ(1 − λ̂ᵢ²)/1ᵀR̂1 is a smooth function of the sample correlations R̂: minres solves
 * gₖ(λ, R̂) = Σⱼ≠ₖ (R̂ₖⱼ − λₖλⱼ)λⱼ = 0, so by the implicit function theorem
 * ∂λ/∂Rᵢⱼ = −J⁻¹(λⱼeᵢ + λᵢeⱼ), with J the Jacobian of g in λ at the population
 * (Jₖₖ = −Σⱼ≠ₖ λⱼ², Jₖₗ = −λₖλₗ). The gradient of ω̂_t then meets the normal-theory asymptotic
 * covariance of the correlations (Pearson & Filon 1898; Olkin & Finn 1990):
 * n·cov(rᵢⱼ, rₖₗ) = ½ρᵢⱼρₖₗ(ρᵢₖ² + ρᵢₗ² + ρⱼₖ² + ρⱼₗ²) + ρᵢₖρⱼₗ + ρᵢₗρⱼₖ
 *   − ρᵢⱼ(ρᵢₖρᵢₗ + ρⱼₖρⱼₗ) − ρₖₗ(ρᵢₖρⱼₖ + ρᵢₗρⱼₗ),
 * giving SD = √(∇ᵀΓ∇/n).
 *
 * Returns null when the formula does not describe `omega`'s estimator: fewer than 3 items (the
 * one-factor model is not identified), loadings of mixed sign (omega reverses those items, so it
 * estimates the reliability of a different sum), or a zero loading.
 */
export function omegaSeOf(lambda: readonly number[], n: number): number | null {
  const p = lambda.length;
  if (p < 3 || !lambda.every((l) => l > 0)) return null;
  const rho = (i: number, j: number) => (i === j ? 1 : (lambda[i] as number) * (lambda[j] as number));
  // J and the right-hand sides λⱼeᵢ + λᵢeⱼ for every pair i < j, solved together.
  const pairs: [number, number][] = [];
  for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) pairs.push([i, j]);
  const q = pairs.length;
  // −J is the (halved) Hessian of the minres loss at its minimum: positive definite for p ≥ 3.
  const negJ = new Float64Array(p * p);
  let sumSquares = 0;
  for (const l of lambda) sumSquares += l * l;
  for (let k = 0; k < p; k++) {
    for (let l = 0; l < p; l++) {
      const lk = lambda[k] as number;
      negJ[k * p + l] = k === l ? sumSquares - lk * lk : lk * (lambda[l] as number);
    }
  }
  const inv = inverseSPD(negJ, p);
  // ∂λₖ/∂Rᵢⱼ = [(−J)⁻¹(λⱼeᵢ + λᵢeⱼ)]ₖ, stored p × q.
  const rhs = new Float64Array(p * q);
  pairs.forEach(([i, j], t) => {
    for (let k = 0; k < p; k++) rhs[k * q + t] = (inv[k * p + i] as number) * (lambda[j] as number) + (inv[k * p + j] as number) * (lambda[i] as number);
  });
  let total = p;
  let uniqueness = 0;
  for (let i = 0; i < p; i++) {
    uniqueness += 1 - (lambda[i] as number) ** 2;
    for (let j = i + 1; j < p; j++) total += 2 * rho(i, j);
  }
  // ω = 1 − U/V: ∂ω/∂Rᵢⱼ = (Σₖ 2λₖ ∂λₖ/∂Rᵢⱼ)/V + 2U/V² (Rᵢⱼ and Rⱼᵢ both enter V).
  const grad = new Float64Array(q);
  for (let t = 0; t < q; t++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += 2 * (lambda[k] as number) * (rhs[k * q + t] as number);
    grad[t] = s / total + (2 * uniqueness) / (total * total);
  }
  let variance = 0;
  for (let s = 0; s < q; s++) {
    const [i, j] = pairs[s] as [number, number];
    for (let t = 0; t < q; t++) {
      const [k, l] = pairs[t] as [number, number];
      const gamma =
        0.5 * rho(i, j) * rho(k, l) * (rho(i, k) ** 2 + rho(i, l) ** 2 + rho(j, k) ** 2 + rho(j, l) ** 2) +
        rho(i, k) * rho(j, l) +
        rho(i, l) * rho(j, k) -
        rho(i, j) * (rho(i, k) * rho(i, l) + rho(j, k) * rho(j, l)) -
        rho(k, l) * (rho(i, k) * rho(j, k) + rho(i, l) * rho(j, l));
      variance += (grad[s] as number) * gamma * (grad[t] as number);
    }
  }
  return Math.sqrt(Math.max(0, variance) / n);
}
