import { choleskyInPlace, choleskySolveInPlace } from '../linalg/solve.js';
import { eigenWorkspace, eigenInto } from '../linalg/eigen-workspace.js';

/**
 * Squared multiple correlations of each variable with all the others, `1 − 1/diag(R⁻¹)`, as
 * psych::smc: the inverse is a pseudo-inverse (singular values below √ε·max dropped) so a singular
 * R still gives values, and results are clamped to [0, 1]. These are principal-axis starting
 * communalities.
 *
 * @param r correlation matrix, p × p row-major
 * @returns a fresh `Float64Array` of p SMCs
 */
export function squaredMultipleCorrelations(r: ArrayLike<number>, p: number): Float64Array {
  const out = new Float64Array(p);
  const diagInv = new Float64Array(p);
  const l = Float64Array.from({ length: p * p }, (_, i) => r[i] as number);
  if (choleskyInPlace(l, p)) {
    const col = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      col.fill(0);
      col[j] = 1;
      choleskySolveInPlace(l, p, col);
      diagInv[j] = col[j] as number;
    }
  } else {
    // psych::Pinv: drop singular values ≤ √ε · largest. For symmetric R they are |eigenvalues|.
    const ws = eigenWorkspace(p);
    eigenInto(ws, r, p);
    let maxAbs = 0;
    for (let j = 0; j < p; j++) maxAbs = Math.max(maxAbs, Math.abs(ws.values[j] as number));
    const tol = Math.sqrt(2.220446049250313e-16) * maxAbs;
    for (let j = 0; j < p; j++) {
      const lambda = ws.values[j] as number;
      if (!(Math.abs(lambda) > tol)) continue;
      for (let i = 0; i < p; i++) diagInv[i] = (diagInv[i] as number) + (ws.vectors[i * p + j] as number) ** 2 / lambda;
    }
  }
  for (let i = 0; i < p; i++) {
    const v = 1 - 1 / (diagInv[i] as number);
    // A dropped direction can leave diag(R⁺) = 0 → −∞; psych then clamps to 0 as well.
    out[i] = Number.isNaN(v) ? 1 : Math.min(1, Math.max(0, v));
  }
  return out;
}
