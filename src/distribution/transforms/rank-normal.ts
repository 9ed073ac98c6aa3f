import { normalQuantile } from '../../probability/index.js';

/**
 * Ranks 1…n of `v`, ties sharing their average rank (scipy's `rankdata`, R's `rank` default).
 */
export function averageRanks(v: Float64Array): Float64Array {
  const n = v.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (v[a] as number) - (v[b] as number));
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && v[order[j + 1] as number] === v[order[i] as number]) j++;
    const rank = (i + j + 2) / 2; // mean of the 1-based ranks i+1 … j+1
    for (let k = i; k <= j; k++) ranks[order[k] as number] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Blom's rank-based normal scores Φ⁻¹((r − 3/8)/(n + 1/4)), ties at their average rank. */
export function blomScores(v: Float64Array): Float64Array {
  const n = v.length;
  const ranks = averageRanks(v);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = normalQuantile(((ranks[i] as number) - 0.375) / (n + 0.25));
  return out;
}
