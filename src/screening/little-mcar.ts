import { choleskyInPlace, choleskySolveInPlace } from '../linalg/solve.js';
import { emWorkspace, invertInto, type EmWorkspace, type PatternData } from './em.js';

/** Little's d² and its degrees of freedom (before the p-value). */
export interface LittleStatistic {
  readonly statistic: number;
  readonly df: number;
}

/**
 * Little's (1988) d² = Σ_g n_g (ȳ_g − μ_o)ᵀ Σ_oo⁻¹ (ȳ_g − μ_o) over the patterns g of `data`,
 * with df = Σ_g p_g − p, at the ML moments `mean` (in the data's units) and `sigma`. Each
 * pattern's quadratic form comes from P = Σ⁻¹: with its missing set m and v = P_mo d,
 * dᵀΣ_oo⁻¹d = dᵀP_oo d − vᵀP_mm⁻¹v (O(k² + m²k) instead of a k × k factorisation); a pattern
 * missing more columns than it observes factors Σ_oo. Null when Σ is not positive definite.
 */
export function littleStatistic(data: PatternData, mean: Float64Array, sigma: Float64Array, ws: EmWorkspace = emWorkspace(data.p)): LittleStatistic | null {
  const { p, observed, missing, observedStart, missingStart, rowStart, patternMeans, shift, nPatterns } = data;
  if (!invertInto(ws, sigma, p)) return null;
  const { inverse: P, q, column: d, rhs } = ws;
  let statistic = 0;
  let df = -p;
  for (let g = 0; g < nPatterns; g++) {
    const o0 = observedStart[g] as number;
    const k = (observedStart[g + 1] as number) - o0;
    const m0 = missingStart[g] as number;
    const mm = (missingStart[g + 1] as number) - m0;
    const ng = (rowStart[g + 1] as number) - (rowStart[g] as number);
    df += k;
    for (let a = 0; a < k; a++) {
      const ja = observed[o0 + a] as number;
      d[a] = (patternMeans[o0 + a] as number) - ((mean[ja] as number) - (shift[ja] as number));
    }
    let quad = 0;
    if (mm <= k) {
      for (let a = 0; a < k; a++) {
        const row = (observed[o0 + a] as number) * p;
        let s = 0;
        for (let b = 0; b < k; b++) s += (P[row + (observed[o0 + b] as number)] as number) * (d[b] as number);
        quad += (d[a] as number) * s;
      }
      if (mm > 0) {
        for (let i = 0; i < mm; i++) {
          const row = (missing[m0 + i] as number) * p;
          for (let j = 0; j < mm; j++) q[i * mm + j] = P[row + (missing[m0 + j] as number)] as number;
        }
        if (!choleskyInPlace(q, mm)) return null;
        // v = P_mo d (kept in ws.c), then vᵀP_mm⁻¹v.
        const v = rhs;
        const v0 = ws.c;
        for (let i = 0; i < mm; i++) {
          const row = (missing[m0 + i] as number) * p;
          let s = 0;
          for (let a = 0; a < k; a++) s += (P[row + (observed[o0 + a] as number)] as number) * (d[a] as number);
          v[i] = s;
          v0[i] = s;
        }
        choleskySolveInPlace(q, mm, v);
        for (let i = 0; i < mm; i++) quad -= (v0[i] as number) * (v[i] as number);
      }
    } else {
      for (let a = 0; a < k; a++) {
        const row = (observed[o0 + a] as number) * p;
        for (let b = 0; b < k; b++) q[a * k + b] = sigma[row + (observed[o0 + b] as number)] as number;
      }
      if (!choleskyInPlace(q, k)) return null;
      for (let a = 0; a < k; a++) rhs[a] = d[a] as number;
      choleskySolveInPlace(q, k, rhs);
      for (let a = 0; a < k; a++) quad += (d[a] as number) * (rhs[a] as number);
    }
    statistic += ng * quad;
  }
  return { statistic, df };
}
