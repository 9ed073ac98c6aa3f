// Selection of single order statistics without a full sort: a bootstrap interval reads two to four
// of the B sorted estimates, and sorting all of them cost more than the rest of the summary.
import { fail } from '../errors.js';

// xorshift32 for pivots and samples. Only the running time depends on it, never the result, so one
// shared state is fine; random rather than fixed positions keep sorted, reversed or organ-pipe input
// from steering the pivots.
let state = 0x2545f491;
function randomBelow(m: number): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  // A multiply, not `%`: an unsigned 32-bit value would take V8's floating-point modulo.
  return Math.floor((state >>> 0) * 2.3283064365386963e-10 * m);
}

/**
 * Reorders `a[from, to)` so that `a[k]` holds the value a sort of that range would put there, with
 * `a[from, k) ≤ a[k] ≤ a(k, to)`. Floyd & Rivest's (1975) SELECT: on a long range the pivot is the
 * matching order statistic of a random sample (placed by random-pivot quickselect, so the nesting
 * is one level deep), so one pass over the range leaves little more than min(k − from, to − k)
 * values to search; expected O(n) time, O(1) memory.
 * Values are compared with `<` and `>`: the range must hold no NaN, and −0 and +0 count as equal
 * (which of the two ends up at k is left open).
 */
export function selectInPlace(a: Float64Array, k: number, from = 0, to: number = a.length): void {
  if (!(Number.isInteger(from) && Number.isInteger(k) && Number.isInteger(to) && 0 <= from && from <= k && k < to && to <= a.length)) {
    throw fail('OUT_OF_RANGE', `selectInPlace needs integers 0 ≤ from ≤ k < to ≤ ${a.length}; got from ${from}, k ${k}, to ${to}.`, { value: k, from, to });
  }
  select(a, k, from, to - 1, true);
}

/** `right` is inclusive. `sample`: pick pivots from a sample (the outer call) or at random (the sample's own selection). */
function select(a: Float64Array, k: number, left: number, right: number, sample: boolean): void {
  // Random pivots make a long run of bad splits vanishingly unlikely; should one happen anyway, the
  // rest is sorted, which bounds the worst case at O(n log n).
  const budget = 16 * (right - left + 1) + 64;
  let work = 0;
  while (right > left) {
    // An end of the range is the minimum or maximum: one scan.
    if (k === left || k === right) {
      let best = left;
      if (k === left) {
        for (let i = left + 1; i <= right; i++) if ((a[i] as number) < (a[best] as number)) best = i;
      } else {
        best = right;
        for (let i = left; i < right; i++) if ((a[i] as number) > (a[best] as number)) best = i;
      }
      swap(a, k, best);
      return;
    }
    const n = right - left + 1;
    work += n;
    if (work > budget) {
      a.subarray(left, right + 1).sort();
      return;
    }
    if (sample && n > 600) {
      // A sample of about n^(2/3) values in [lo, hi] around k, shifted so that the true k-th value
      // most likely falls on the short side of its k-th value (Floyd & Rivest's constants).
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i < n / 2 ? -1 : 1);
      const lo = Math.max(left, Math.floor(k - (i * s) / n + sd));
      const hi = Math.min(right, Math.floor(k + ((n - i) * s) / n + sd));
      for (let p = lo; p <= hi; p++) swap(a, p, left + randomBelow(n));
      select(a, k, lo, hi, false);
    } else {
      swap(a, k, left + randomBelow(n));
    }
    // Partition around t = a[k] (Floyd & Rivest's scheme: both scans stop at values equal to t, so
    // ties split evenly and a constant range halves each pass).
    const t = a[k] as number;
    let i = left;
    let j = right;
    swap(a, left, k);
    if ((a[right] as number) > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while ((a[i] as number) < t) i++;
      while ((a[j] as number) > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}
