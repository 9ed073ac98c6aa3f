// Sample quantiles of sorted values: the one implementation (bootstrap intervals, probe values,
// parallel analysis).

/**
 * Quantile of sorted values by Hyndman & Fan's definition `type`:
 * 7 (R's default): position h = (B − 1)·p + 1; 6 (SPSS, PROCESS): h = (B + 1)·p.
 * Between order statistics x₍⌊h⌋₎ and x₍⌊h⌋₊₁₎ the value is linearly interpolated; positions
 * outside [1, B] give the minimum or maximum.
 */
export function sortedQuantile(sorted: ArrayLike<number>, p: number, type: 6 | 7 = 7): number {
  const B = sorted.length;
  const h = type === 7 ? (B - 1) * p + 1 : (B + 1) * p;
  if (!(h > 1)) return sorted[0] as number;
  if (h >= B) return sorted[B - 1] as number;
  const lo = Math.floor(h);
  const a = sorted[lo - 1] as number;
  const b = sorted[lo] as number;
  const frac = h - lo;
  return frac === 0 ? a : a + frac * (b - a);
}

