// A box-constrained limited-memory quasi-Newton minimiser (projected L-BFGS), standing in for R's
// optim(method = "L-BFGS-B") that psych uses to find uniquenesses. Both converge to the same
// stationary point; this one is run to a tighter tolerance than R's default (factr = 1e7), so its
// answers sit within R's own convergence error of psych's (≈1e-5 in the uniquenesses).
//
// Whether it converged is judged by R's rule, not by the tighter target: L-BFGS-B stops with
// convergence code 0 once an iteration lowers f by at most factr·ε·max(|f|, 1) (≈2.2e-9 for the
// objectives here). Near a Heywood case the gradient (divided by ψ² for ml) stays around 1e-7 while
// f no longer changes in its 15th digit; such a fit has converged by any practical measure, and R
// (so psych) reports it as converged.

/** f(x) with its gradient written into `g`. */
export type ObjectiveWithGradient = (x: Float64Array, g: Float64Array) => number;

export interface BoundedMinimum {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

export interface BoundedOptions {
  readonly lower: number;
  readonly upper: number;
  /** Largest projected-gradient component accepted as stationary. */
  readonly gradientTolerance?: number;
  readonly maxIterations?: number;
  /** Number of correction pairs kept (R's lmm, 5). */
  readonly memory?: number;
  /**
   * R's convergence test (optim's factr·ε, 1e7 · 2⁻⁵² ≈ 2.2e-9): the fit counts as converged when
   * the last accepted step, or the first-order gain predicted for a step that no longer decreases f,
   * lowered f by at most this much relative to max(|f|, 1).
   */
  readonly relativeTolerance?: number;
}

/** R's optim(method = "L-BFGS-B") default: factr = 1e7 times machine epsilon. */
export const R_LBFGSB_RELATIVE_TOLERANCE = 1e7 * 2 ** -52;

/**
 * Minimises `fg` over the box [lower, upper]ⁿ from `x0` (not modified). Directions come from the
 * L-BFGS two-loop recursion restricted to the free variables; steps are projected onto the box
 * and backtracked until the Armijo condition holds.
 */
export function minimizeBounded(fg: ObjectiveWithGradient, x0: ArrayLike<number>, options: BoundedOptions): BoundedMinimum {
  const { lower, upper } = options;
  const pgtol = options.gradientTolerance ?? 1e-10;
  // When the line search can no longer decrease f (rounding), a projected gradient this small
  // still counts as converged.
  const precisionTolerance = Math.max(pgtol, 1e-7);
  const maxIter = options.maxIterations ?? 500;
  const relTol = options.relativeTolerance ?? R_LBFGSB_RELATIVE_TOLERANCE;
  // Within R's stopping rule: a decrease of at most relTol·max(|f|, 1).
  const negligible = (decrease: number, fx: number): boolean => decrease <= relTol * Math.max(Math.abs(fx), 1);
  let lastDecrease = Infinity;
  const m = options.memory ?? 5;
  const n = x0.length;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.min(upper, Math.max(lower, x0[i] as number));
  const g = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const d = new Float64Array(n);
  const q = new Float64Array(n);
  const free = new Uint8Array(n);
  const S = new Float64Array(m * n);
  const Y = new Float64Array(m * n);
  const rho = new Float64Array(m);
  const alphaBuf = new Float64Array(m);
  let stored = 0;
  let head = 0; // index of the oldest pair
  let f = fg(x, g);
  let evaluations = 1;
  let converged = false;
  let iter = 0;
  let stall = 0;
  for (; iter < maxIter; iter++) {
    // Projected gradient and the free set.
    let pg = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      const gi = g[i] as number;
      const atLower = xi <= lower && gi > 0;
      const atUpper = xi >= upper && gi < 0;
      free[i] = atLower || atUpper ? 0 : 1;
      const proj = Math.min(upper, Math.max(lower, xi - gi)) - xi;
      pg = Math.max(pg, Math.abs(proj));
    }
    if (pg <= pgtol) {
      converged = true;
      break;
    }
    // Two-loop recursion on free variables.
    for (let i = 0; i < n; i++) q[i] = free[i] ? (g[i] as number) : 0;
    for (let t = stored - 1; t >= 0; t--) {
      const idx = (head + t) % m;
      let s = 0;
      for (let i = 0; i < n; i++) if (free[i]) s += (S[idx * n + i] as number) * (q[i] as number);
      const a = (rho[idx] as number) * s;
      alphaBuf[idx] = a;
      for (let i = 0; i < n; i++) if (free[i]) q[i] = (q[i] as number) - a * (Y[idx * n + i] as number);
    }
    let gamma = 1;
    if (stored > 0) {
      const idx = (head + stored - 1) % m;
      let sy = 0;
      let yy = 0;
      for (let i = 0; i < n; i++) {
        sy += (S[idx * n + i] as number) * (Y[idx * n + i] as number);
        yy += (Y[idx * n + i] as number) ** 2;
      }
      gamma = sy / yy;
    } else {
      // First step: move at most 0.1 in any coordinate (uniquenesses live in [0.005, 1]).
      let gmax = 0;
      for (let i = 0; i < n; i++) if (free[i]) gmax = Math.max(gmax, Math.abs(g[i] as number));
      gamma = gmax > 0 ? Math.min(1, 0.1 / gmax) : 1;
    }
    for (let i = 0; i < n; i++) q[i] = (q[i] as number) * gamma;
    for (let t = 0; t < stored; t++) {
      const idx = (head + t) % m;
      let s = 0;
      for (let i = 0; i < n; i++) if (free[i]) s += (Y[idx * n + i] as number) * (q[i] as number);
      const b = (rho[idx] as number) * s;
      const a = alphaBuf[idx] as number;
      for (let i = 0; i < n; i++) if (free[i]) q[i] = (q[i] as number) + (a - b) * (S[idx * n + i] as number);
    }
    let slope = 0;
    for (let i = 0; i < n; i++) {
      d[i] = free[i] ? -(q[i] as number) : 0;
      slope += (d[i] as number) * (g[i] as number);
    }
    if (!(slope < 0)) {
      // Not a descent direction: fall back to scaled steepest descent and forget the history.
      stored = 0;
      head = 0;
      slope = 0;
      for (let i = 0; i < n; i++) {
        d[i] = free[i] ? -gamma * (g[i] as number) : 0;
        slope += (d[i] as number) * (g[i] as number);
      }
    }
    // Backtracking along the projected path.
    let step = 1;
    let accepted = false;
    let fNew = f;
    for (let bt = 0; bt < 30; bt++) {
      let decrease = 0;
      for (let i = 0; i < n; i++) {
        const v = Math.min(upper, Math.max(lower, (x[i] as number) + step * (d[i] as number)));
        xNew[i] = v;
        decrease += (g[i] as number) * (v - (x[i] as number));
      }
      fNew = fg(xNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * decrease) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) {
      // Near the optimum f stops changing at rounding level before the gradient reaches pgtol:
      // accept a point whose projected gradient is already tiny.
      if (pg <= precisionTolerance) {
        converged = true;
        break;
      }
      if (stored > 0) {
        stored = 0;
        head = 0;
        continue;
      }
      // Not even a projected steepest-descent step lowers f: stationary to working precision if the
      // last step, or the gain a full step promised (−gᵀd), was already below R's tolerance.
      converged = negligible(lastDecrease, f) || negligible(-slope, f);
      break;
    }
    // Store the correction pair when curvature is positive.
    let sy = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const si = (xNew[i] as number) - (x[i] as number);
      const yi = (gNew[i] as number) - (g[i] as number);
      sy += si * yi;
      ss += si * si;
    }
    if (sy > 1e-12 * ss && ss > 0) {
      const idx = stored < m ? (head + stored) % m : head;
      for (let i = 0; i < n; i++) {
        S[idx * n + i] = (xNew[i] as number) - (x[i] as number);
        Y[idx * n + i] = (gNew[i] as number) - (g[i] as number);
      }
      rho[idx] = 1 / sy;
      if (stored < m) stored++;
      else head = (head + 1) % m;
    }
    const change = f - fNew;
    lastDecrease = change;
    x.set(xNew);
    g.set(gNew);
    f = fNew;
    // Once the projected gradient is tiny, needing to backtrack or gaining only at rounding level
    // means f can no longer resolve progress: stop rather than spend evaluations on noise.
    if (pg <= precisionTolerance && (step < 1 || change <= 1e-14 * Math.abs(f))) {
      converged = true;
      iter++;
      break;
    }
    // Relative change at rounding level several times in a row: stationary for practical purposes.
    stall = change <= 1e-15 * Math.max(Math.abs(f), 1e-300) ? stall + 1 : 0;
    if (stall >= 3) {
      converged = true;
      iter++;
      break;
    }
  }
  // Iteration cap: converged if R would have stopped at the last step.
  if (!converged && iter >= maxIter) converged = negligible(lastDecrease, f);
  return { x, value: f, iterations: iter, evaluations, converged };
}
