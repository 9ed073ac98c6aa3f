// Binary logistic regression by Newton–Raphson (= IRLS for the canonical logit link) on a design
// built by frame.ts: coefficients, their covariance (inverse Fisher information), −2 log-likelihood,
// the likelihood-ratio test against the intercept-only model and the pseudo-R² that PROCESS and
// SPSS print. Internal: the public layer (PROCESS with a dichotomous Y) builds its results from it.
import { fail, type PsychkitError } from '../errors.js';
import { householderQr } from '../linalg/qr.js';
import { choleskyInPlace, choleskySolveInPlace, inverseFromCholesky } from '../linalg/solve.js';
import { chiSquareSurvival } from '../probability/index.js';
import { plural } from '../util/text.js';
import type { Design } from './frame.js';

/** A fitted logistic regression, in flat arrays (internal; public results are built from it). */
export interface LogisticFit {
  readonly family: 'logistic';
  readonly outcome: string;
  /** The design's column names (intercept first, named `constant`). */
  readonly names: readonly string[];
  readonly n: number;
  /** Number of coefficients, intercept included. */
  readonly k: number;
  /** Coefficients on the logit scale, in the order of `names`. */
  readonly b: Float64Array;
  /** k × k row-major inverse Fisher information (XᵀWX)⁻¹ at the MLE: the coefficients' covariance. */
  readonly covariance: Float64Array;
  /** −2 log-likelihood of the model (its deviance: with 0/1 data the saturated model's is 0). */
  readonly minus2LL: number;
  /** −2 log-likelihood of the intercept-only model (R's null deviance). */
  readonly nullMinus2LL: number;
  /** Likelihood-ratio χ² for all slopes = 0: nullMinus2LL − minus2LL. */
  readonly modelChiSquare: number;
  /** Its degrees of freedom, k − 1. */
  readonly df: number;
  /** Upper-tail p of modelChiSquare on df degrees of freedom (NaN when df = 0). */
  readonly p: number;
  /** McFadden's R²: 1 − LL/LL₀. */
  readonly mcFadden: number;
  /** Cox & Snell's R²: 1 − exp((2/n)(LL₀ − LL)). */
  readonly coxSnell: number;
  /** Nagelkerke's R²: Cox–Snell divided by its maximum 1 − exp(2·LL₀/n). */
  readonly nagelkerke: number;
  /** Newton steps taken, the final polishing step included. */
  readonly iterations: number;
}

/** Relative change of −2LL below which the iterations stop: |D − D_prev| / (|D| + 0.1), R's form. */
export const DEVIANCE_TOLERANCE = 1e-10;
/** Most Newton steps before giving up (SEPARATION or NOT_CONVERGED). */
export const MAX_ITERATIONS = 100;
/** Most step halvings within one Newton step. */
const MAX_HALVINGS = 30;
/**
 * Separation rule (see {@link fitLogistic}): after the deviance has stopped changing, a further
 * Newton step that still moves some case's linear predictor by more than SEPARATION_STEP towards
 * its observed outcome, while that case is already fitted within SATURATED of it, means the
 * likelihood keeps increasing along a direction of divergence.
 */
const SEPARATION_STEP = 0.1;
const SATURATED = 1e-6;

/** log(1 + exp(z)) without overflow or cancellation. */
function softplus(z: number): number {
  return (z > 0 ? z : 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** η = X·b for a column-major n × k design. */
function linearPredictor(x: Float64Array, n: number, k: number, b: Float64Array, eta: Float64Array): void {
  eta.fill(b[0] as number);
  for (let j = 1; j < k; j++) {
    const bj = b[j] as number;
    if (bj === 0) continue;
    const off = j * n;
    for (let i = 0; i < n; i++) eta[i] = (eta[i] as number) + bj * (x[off + i] as number);
  }
}

/** −2LL = 2·Σ log(1 + exp(∓η)) (− for y = 1, + for y = 0), exact in both tails. */
function minus2LogLik(eta: Float64Array, y: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const e = eta[i] as number;
    s += softplus(y[i] === 1 ? -e : e);
  }
  return 2 * s;
}

/**
 * The information XᵀWX (lower triangle, row-major k × k) and the score Xᵀ(y − μ) at η, with
 * W = diag(μ(1 − μ)); μ, 1 − μ and w are formed from exp(−|η|) so that neither tail cancels.
 * Also leaves y − μ in `residual` (for the separation check).
 */
function informationAndScore(x: Float64Array, n: number, k: number, eta: Float64Array, y: Float64Array, w: Float64Array, residual: Float64Array, info: Float64Array, score: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const e = eta[i] as number;
    const t = Math.exp(-Math.abs(e));
    const inv = 1 / (1 + t);
    const mu = e >= 0 ? inv : t * inv;
    const q = e >= 0 ? t * inv : inv; // 1 − μ
    w[i] = t * inv * inv;
    residual[i] = y[i] === 1 ? q : -mu;
  }
  for (let j = 0; j < k; j++) {
    const oj = j * n;
    let s = 0;
    for (let i = 0; i < n; i++) s += (residual[i] as number) * (x[oj + i] as number);
    score[j] = s;
    for (let l = 0; l <= j; l++) {
      const ol = l * n;
      let a = 0;
      for (let i = 0; i < n; i++) a += (w[i] as number) * (x[oj + i] as number) * (x[ol + i] as number);
      info[j * k + l] = a;
    }
  }
}

/** The inverse of an SPD matrix from its Cholesky factor (lower triangle of `l`), made exactly symmetric. */
function symmetricInverseFromCholesky(l: Float64Array, k: number): Float64Array {
  const inv = inverseFromCholesky(l, k);
  // Symmetric by construction up to rounding; make it exactly so.
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * ((inv[i * k + j] as number) + (inv[j * k + i] as number));
      inv[i * k + j] = v;
      inv[j * k + i] = v;
    }
  }
  return inv;
}

function quotedList(names: readonly string[]): string {
  return names.map((a) => `"${a}"`).join(', ');
}

/** Checks y (0/1, not constant, length n) and returns the number of ones. */
function checkOutcome(y: Float64Array, n: number, outcome: string): number {
  if (y.length !== n) {
    throw fail('LENGTH_MISMATCH', `The outcome "${outcome}" has ${plural(y.length, 'value')} but the design has ${plural(n, 'row')}.`, {
      column: outcome,
      n,
      value: y.length,
    });
  }
  let ones = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i] as number;
    if (v === 1) ones++;
    else if (v !== 0) {
      throw fail('OUT_OF_RANGE', `A logistic regression needs an outcome coded 0/1; "${outcome}" has ${v} in row ${i} of the analysis sample.`, {
        column: outcome,
        row: i,
        value: v,
      });
    }
  }
  if (ones === 0 || ones === n) {
    throw fail(
      'ZERO_VARIANCE',
      `The outcome "${outcome}" is ${ones === 0 ? 0 : 1} for all ${n} cases of the analysis sample; a logistic regression needs cases with both outcomes.`,
      { column: outcome, value: ones === 0 ? 0 : 1 },
    );
  }
  return ones;
}

/**
 * Fits a binary logistic regression of `y` (coded 0/1) on a design by maximum likelihood:
 *
 * logit P(yᵢ = 1) = xᵢᵀb, maximising LL(b) = Σ yᵢ·ηᵢ − log(1 + exp ηᵢ) with ηᵢ = xᵢᵀb.
 *
 * **Algorithm.** Newton–Raphson, which for the logit link is iteratively reweighted least squares:
 * from b = (logit ȳ, 0, …, 0) — the intercept-only MLE — each step solves (XᵀWX)·δ = Xᵀ(y − μ)
 * by Cholesky, with μᵢ = 1/(1 + exp(−ηᵢ)) and W = diag(μᵢ(1 − μᵢ)). A step that increases
 * −2LL is halved (up to 30 times). The iterations stop when the relative change of −2LL,
 * |D − D_prev| / (|D| + 0.1), is below 1e-10 (R's criterion with a tighter ε); one more Newton
 * step then polishes b to the last digits, and the covariance (XᵀWX)⁻¹ is evaluated at that b.
 * At most 100 steps.
 *
 * **Matches R's `glm(family = binomial)`** run to convergence (coefficients, standard errors
 * √diag(covariance), −2LL = deviance, null deviance, LR χ² = null deviance − deviance). With its
 * default ε = 1e-8 glm stops early enough that its coefficients differ by up to ~1e-9 and its
 * standard errors (weights of the last iteration's start) by up to ~3e-5, relative, on the
 * reference data. Pseudo-R² as SPSS and PROCESS print them:
 * McFadden 1 − LL/LL₀, Cox & Snell 1 − exp((2/n)(LL₀ − LL)), Nagelkerke CS / (1 − exp(2·LL₀/n)).
 *
 * **Separation** (Albert & Anderson 1984): when a combination of predictors predicts the outcome
 * perfectly for all cases (complete) or for some while tying the rest (quasi-complete), the
 * likelihood keeps increasing as some coefficients go to ±∞ and no MLE exists. Rule: when −2LL
 * has stopped changing (or the steps run out), one more Newton step δ is computed; if it would
 * still move the linear predictor of a case whose fitted probability is within 1e-6 of its
 * observed outcome by more than 0.1 further towards that outcome, the fit is separated (at a
 * genuine optimum that step is at rounding level; along a direction of divergence it stays ≈ 1
 * per step). The error `SEPARATION` names the outcome, the predictors whose coefficients diverge
 * (those whose part of the step, |δⱼ|·sd(xⱼ), is at least 1% of the largest) and how many cases
 * are predicted perfectly. An information matrix that becomes singular along the way (fitted
 * weights underflowing) with perfectly predicted cases is separation too.
 *
 * **Errors.** `OUT_OF_RANGE` for a y that is not 0/1; `ZERO_VARIANCE` for a constant y;
 * `TOO_FEW_CASES` for n ≤ k; `SINGULAR` for a rank-deficient design, naming the aliased columns
 * (Householder QR as in `fitLinear`); `SEPARATION` as above; `NOT_CONVERGED` when 100 steps do
 * not converge without separation; `NON_FINITE` when the data overflow the arithmetic.
 *
 * References: McCullagh, P., & Nelder, J. A. (1989). *Generalized linear models* (2nd ed.),
 * §2.5 and §4.4; Hosmer, D. W., Lemeshow, S., & Sturdivant, R. X. (2013). *Applied logistic
 * regression* (3rd ed.), ch. 1–2; Albert, A., & Anderson, J. A. (1984). On the existence of
 * maximum likelihood estimates in logistic regression models. *Biometrika, 71*, 1–10;
 * Nagelkerke, N. J. D. (1991). A note on a general definition of the coefficient of
 * determination. *Biometrika, 78*, 691–692.
 *
 * @example
 * ```ts
 * const frame = buildFrame(rows, { numeric: ['passed', 'hours'], predictors: ['hours'] });
 * const design = buildDesign(frame, ['hours']);
 * const fit = fitLogistic(design, numericOf(frame, 'passed'), 'passed');
 * fit.b;                 // [constant, hours] on the logit scale
 * Math.sqrt(fit.covariance[3]); // SE of the slope
 * fit.modelChiSquare;    // LR χ²(fit.df), p = fit.p
 * ```
 */
export function fitLogistic(design: Design, y: Float64Array, outcome: string): LogisticFit {
  const { n, p: k, x, names } = design;
  const ones = checkOutcome(y, n, outcome);
  if (n <= k) {
    throw fail('TOO_FEW_CASES', `The logistic model for "${outcome}" has ${k} coefficients but only ${plural(n, 'complete case')}; at least ${k + 1} are needed.`, {
      column: outcome,
      n,
      parameters: k,
    });
  }
  for (let t = 0; t < n * k; t++) {
    if (!Number.isFinite(x[t] as number)) {
      const j = Math.floor(t / n);
      throw fail('NON_FINITE', `The design column "${names[j]}" has the value ${x[t]} in row ${t % n} of the analysis sample.`, { column: names[j] as string, row: t % n });
    }
  }
  const qr = householderQr(x, n, k);
  if (qr.rank < k) {
    const aliased = Array.from(qr.aliased, (j) => names[j] as string);
    throw fail(
      'SINGULAR',
      `The design for "${outcome}" is rank-deficient: ${quotedList(aliased)} ${aliased.length === 1 ? 'is a linear combination' : 'are linear combinations'} of the columns before ${aliased.length === 1 ? 'it' : 'them'} (perfect collinearity).`,
      { column: outcome, columns: aliased },
    );
  }

  // Intercept-only model: μ = ȳ for every case.
  const mean = ones / n;
  const nullMinus2LL = -2 * (ones * Math.log(mean) + (n - ones) * Math.log1p(-mean));

  const b = new Float64Array(k);
  b[0] = Math.log(ones / (n - ones));
  const trial = new Float64Array(k);
  const delta = new Float64Array(k);
  const eta = new Float64Array(n);
  const etaTrial = new Float64Array(n);
  const w = new Float64Array(n);
  const residual = new Float64Array(n);
  const info = new Float64Array(k * k);
  const score = new Float64Array(k);
  linearPredictor(x, n, k, b, eta);
  let deviance = minus2LogLik(eta, y, n);
  let iterations = 0;
  let converged = false;

  /** XᵀWX and the score at the current b; false when XᵀWX is not numerically positive definite. */
  const newtonStep = (): boolean => {
    informationAndScore(x, n, k, eta, y, w, residual, info, score);
    for (let t = 0; t < k * k; t++) {
      if (!Number.isFinite(info[t] as number)) {
        throw fail('NON_FINITE', `The logistic regression of "${outcome}" overflows: the predictors reach magnitudes near 1e±150 or beyond; rescale them.`, {
          column: outcome,
        });
      }
    }
    if (!choleskyInPlace(info, k)) return false;
    delta.set(score);
    choleskySolveInPlace(info, k, delta);
    return true;
  };

  while (iterations < MAX_ITERATIONS) {
    iterations++;
    if (!newtonStep()) throw separationOrSingular(design, outcome, residual, iterations > 1 ? delta : null);
    let scale = 1;
    let accepted = false;
    let next = deviance;
    for (let h = 0; h <= MAX_HALVINGS; h++) {
      for (let j = 0; j < k; j++) trial[j] = (b[j] as number) + scale * (delta[j] as number);
      linearPredictor(x, n, k, trial, etaTrial);
      next = minus2LogLik(etaTrial, y, n);
      // An increase within the convergence tolerance is rounding, not divergence.
      if (Number.isFinite(next) && next - deviance <= DEVIANCE_TOLERANCE * (Math.abs(next) + 0.1)) {
        accepted = true;
        break;
      }
      scale /= 2;
    }
    if (!accepted) break; // no step decreases −2LL: diagnosed below
    const change = Math.abs(next - deviance) / (Math.abs(next) + 0.1);
    b.set(trial);
    eta.set(etaTrial);
    deviance = next;
    if (change < DEVIANCE_TOLERANCE) {
      converged = true;
      break;
    }
  }

  // The polishing step, which is also the separation check.
  iterations++;
  if (!newtonStep()) throw separationOrSingular(design, outcome, residual, delta);
  const separated = separation(design, y, outcome, residual, delta);
  if (separated !== null) throw separated;
  if (!converged) {
    throw fail(
      'NOT_CONVERGED',
      `The logistic regression of "${outcome}" did not converge in ${MAX_ITERATIONS} Newton steps (the last relative change of −2LL exceeded ${DEVIANCE_TOLERANCE}), although the outcome is not separated; rescale the predictors.`,
      { column: outcome, iterations: MAX_ITERATIONS },
    );
  }
  for (let j = 0; j < k; j++) trial[j] = (b[j] as number) + (delta[j] as number);
  linearPredictor(x, n, k, trial, etaTrial);
  const polished = minus2LogLik(etaTrial, y, n);
  if (polished <= deviance + DEVIANCE_TOLERANCE * (Math.abs(deviance) + 0.1)) {
    b.set(trial);
    eta.set(etaTrial);
    deviance = polished;
  }

  // Covariance at the final b.
  informationAndScore(x, n, k, eta, y, w, residual, info, score);
  if (!choleskyInPlace(info, k)) throw separationOrSingular(design, outcome, residual, delta);
  const covariance = symmetricInverseFromCholesky(info, k);

  const minus2LL = deviance;
  const modelChiSquare = nullMinus2LL - minus2LL;
  const df = k - 1;
  const p = df > 0 ? chiSquareSurvival(Math.max(0, modelChiSquare), df) : Number.NaN;
  // LL = −minus2LL/2, LL₀ = −nullMinus2LL/2.
  const mcFadden = 1 - minus2LL / nullMinus2LL;
  const coxSnell = -Math.expm1(-modelChiSquare / n);
  const nagelkerke = coxSnell / -Math.expm1(-nullMinus2LL / n);
  return { family: 'logistic', outcome, names, n, k, b, covariance, minus2LL, nullMinus2LL, modelChiSquare, df, p, mcFadden, coxSnell, nagelkerke, iterations };
}

/** Standard deviation of design column j (0 for the intercept). */
function columnSd(x: Float64Array, n: number, j: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) m += x[j * n + i] as number;
  m /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += ((x[j * n + i] as number) - m) ** 2;
  return Math.sqrt(s / n);
}

/** Predictors whose part of the step, |δⱼ|·sd(xⱼ), is at least 1% of the largest (the intercept excluded). */
function divergingPredictors(design: Design, delta: Float64Array): string[] {
  const { n, p: k, x, names } = design;
  const contribution = Array.from({ length: k }, (_, j) => (j === 0 ? 0 : Math.abs(delta[j] as number) * columnSd(x, n, j)));
  const top = Math.max(...contribution);
  if (!(top > 0)) return [];
  return names.filter((_, j) => j > 0 && (contribution[j] as number) >= 0.01 * top);
}

/**
 * The SEPARATION error when the step `delta` (from the current fit, whose y − μ is `residual`)
 * pushes a saturated case further towards its outcome (the rule in {@link fitLogistic}); else null.
 */
function separation(design: Design, y: Float64Array, outcome: string, residual: Float64Array, delta: Float64Array): PsychkitError | null {
  const { n, p: k, x } = design;
  let largest = 0;
  const push = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = delta[0] as number;
    for (let j = 1; j < k; j++) s += (delta[j] as number) * (x[j * n + i] as number);
    push[i] = y[i] === 1 ? s : -s; // towards the observed outcome
    if (Math.abs(residual[i] as number) < SATURATED && (push[i] as number) > largest) largest = push[i] as number;
  }
  if (!(largest > SEPARATION_STEP)) return null;
  let perfect = 0;
  for (let i = 0; i < n; i++) if (Math.abs(residual[i] as number) < SATURATED && (push[i] as number) > 1e-3 * largest) perfect++;
  return separationError(outcome, n, perfect, divergingPredictors(design, delta));
}

function separationError(outcome: string, n: number, perfect: number, diverging: readonly string[]): PsychkitError {
  const complete = perfect === n;
  const kind = complete ? 'complete separation' : 'quasi-complete separation';
  const who =
    diverging.length === 0
      ? ''
      : ` by ${quotedList(diverging)}: ${diverging.length === 1 ? 'its coefficient diverges' : 'their coefficients diverge'}`;
  const cases = complete ? 'Every case is' : `${perfect} of ${n} cases ${perfect === 1 ? 'is' : 'are'}`;
  return fail(
    'SEPARATION',
    `The outcome "${outcome}" is predicted perfectly (${kind})${who}. ${cases} fitted with probability 0 or 1, so the maximum-likelihood estimates do not exist (the likelihood keeps increasing as the coefficients grow). Drop or combine the predictor${diverging.length === 1 ? '' : 's'}, merge sparse categories, or use a penalised (Firth) logistic regression.`,
    { column: outcome, columns: diverging, separation: complete ? 'complete' : 'quasi-complete', nPerfect: perfect },
  );
}

/**
 * XᵀWX failed to factor although X has full rank: the weights of some cases underflowed. With
 * cases fitted within SATURATED of their outcome that is separation (the predictors named from
 * the last step taken, `delta`, when there was one); otherwise SINGULAR.
 */
function separationOrSingular(design: Design, outcome: string, residual: Float64Array, delta: Float64Array | null): PsychkitError {
  let perfect = 0;
  for (let i = 0; i < design.n; i++) if (Math.abs(residual[i] as number) < SATURATED) perfect++;
  if (perfect > 0) return separationError(outcome, design.n, perfect, delta === null ? [] : divergingPredictors(design, delta));
  return fail('SINGULAR', `The information matrix XᵀWX of the logistic regression of "${outcome}" is numerically singular; rescale or drop nearly collinear predictors.`, {
    column: outcome,
  });
}
