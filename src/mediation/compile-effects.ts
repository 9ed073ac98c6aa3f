// Families of bootstrapped statistics: one effect (a product of path polynomials, a·b or a chain
// a·b·c) at many probe combinations. Each factor depends on only some moderators (a(w, z) in model
// 57 takes 9 values at the 81 combinations of w, z, v, q), so the family evaluates every factor at
// each of its distinct weight rows once per coefficient vector and each statistic is one product,
// instead of the expanded polynomial (16 monomials in model 57) once per combination.
import type { Monomial } from './catalog.js';
import { STATISTIC_BATCHES, type KernelStatistic, type StatisticBatch } from './kernel.js';

/** Product of `at[r]` over a monomial's roles, in the order the per-statistic `compile` multiplies them. */
function weightOf(m: Monomial<number>, at: Readonly<Record<string, number>>): number {
  return m.roles.reduce((w, r) => w * (at[r] as number), 1);
}

/** Same row: compared with Object.is, so that −0 and +0 weights (different signs of a zero term) stay apart. */
function sameRow(weights: readonly number[], row: Float64Array, at: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (!Object.is(weights[k], row[at + k])) return false;
  return true;
}

/**
 * The statistics Π_f factors[f](ats[i]), one per `ats[i]`, each a pure function of the coefficient
 * vector: the family caches every factor's value at each of its rows together with a copy of the
 * coefficients they were computed from, and any statistic recomputes the cache when one of those
 * coefficients differs (NaN never equals itself, so a NaN coefficient always recomputes). A factor
 * at a row is Σ_k w_k Π c[i] in `compile`'s order, so a single factor gives `compile`'s values
 * exactly; a product of factors equals the expanded polynomial to rounding.
 */
export function compileProducts(factors: readonly (readonly Monomial<number>[])[], ats: readonly Readonly<Record<string, number>>[]): KernelStatistic[] {
  // The family's coefficients: each distinct offset once.
  const slotOf = new Map<number, number>();
  for (const poly of factors) for (const m of poly) for (const i of m.coefficients) if (!slotOf.has(i)) slotOf.set(i, slotOf.size);
  const index = Int32Array.from(slotOf.keys());
  const seen = new Float64Array(index.length);
  // Cached value v (a factor at one of its rows) is the sum of terms termStart[v] … termStart[v + 1] − 1;
  // term t is termWeight[t] times the cached coefficients termSlots[slotStart[t] … slotStart[t + 1] − 1].
  const F = factors.length;
  const positions = new Int32Array(ats.length * F);
  const termStart: number[] = [0];
  const termWeight: number[] = [];
  const slotStart: number[] = [0];
  const termSlots: number[] = [];
  factors.forEach((poly, f) => {
    const K = poly.length;
    const slotsOf = poly.map((m) => m.coefficients.map((i) => slotOf.get(i) as number));
    const offset = termStart.length - 1;
    let count = 0;
    const found = new Float64Array(Math.max(1, ats.length * K));
    ats.forEach((at, s) => {
      const w = poly.map((m) => weightOf(m, at));
      let r = 0;
      while (r < count && !sameRow(w, found, r * K, K)) r++;
      if (r === count) {
        found.set(w, count * K);
        count++;
        w.forEach((wk, k) => {
          termWeight.push(wk);
          termSlots.push(...(slotsOf[k] as number[]));
          slotStart.push(termSlots.length);
        });
        termStart.push(termWeight.length);
      }
      positions[s * F + f] = offset + r;
    });
  });
  const starts = Int32Array.from(termStart);
  const weights = Float64Array.from(termWeight);
  const bounds = Int32Array.from(slotStart);
  const slots = Int32Array.from(termSlots);
  const values = new Float64Array(starts.length - 1);

  const refresh = (c: Float64Array) => {
    for (let j = 0; j < index.length; j++) seen[j] = c[index[j] as number] as number;
    for (let v = 0; v < values.length; v++) {
      let sum = 0;
      for (let t = starts[v] as number; t < (starts[v + 1] as number); t++) {
        let term = weights[t] as number;
        for (let j = bounds[t] as number; j < (bounds[t + 1] as number); j++) term *= seen[slots[j] as number] as number;
        sum += term;
      }
      values[v] = sum;
    }
  };
  // Nothing computed yet: NaN in `seen` makes the first call recompute; without coefficients, now.
  seen.fill(Number.NaN);
  if (index.length === 0) refresh(seen);
  // Compares values, not the array object: the kernel reuses one array whose contents change.
  // (−0 equals +0 here: a cached value may then differ from a fresh one only in the sign of a zero.)
  // With the kernel's `version` (never reused for other contents), one check per resample serves
  // the whole family.
  let checked = -1;
  const current = (c: Float64Array, version: number | undefined) => {
    if (version !== undefined && version === checked) return;
    checked = version ?? -1;
    for (let j = 0; j < index.length; j++) {
      if (c[index[j] as number] !== seen[j]) {
        refresh(c);
        return;
      }
    }
  };

  // The kernel evaluates a run of the family's statistics in one call (no call per statistic).
  const batch: StatisticBatch = {
    evaluate(c, _, version, from, count, out, offset, stride) {
      current(c, version);
      let finite = true;
      for (let s = from, o = offset; s < from + count; s++, o += stride) {
        let v = F === 0 ? 1 : (values[positions[s * F] as number] as number);
        for (let f = 1; f < F; f++) v *= values[positions[s * F + f] as number] as number;
        out[o] = v;
        if (!Number.isFinite(v)) finite = false;
      }
      return finite;
    },
  };
  const statistics = ats.map((_, s): KernelStatistic => {
    // The empty product, as `compile` gives it for the polynomial of no factors (one empty monomial).
    if (F === 0) return () => 1;
    if (F === 1) {
      const p = positions[s] as number;
      return (c, _, version) => {
        current(c, version);
        return values[p] as number;
      };
    }
    if (F === 2) {
      const p = positions[2 * s] as number;
      const q = positions[2 * s + 1] as number;
      return (c, _, version) => {
        current(c, version);
        return (values[p] as number) * (values[q] as number);
      };
    }
    const mine = positions.slice(s * F, (s + 1) * F);
    return (c, _, version) => {
      current(c, version);
      let v = values[mine[0] as number] as number;
      for (let f = 1; f < F; f++) v *= values[mine[f] as number] as number;
      return v;
    };
  });
  statistics.forEach((statistic, index) => STATISTIC_BATCHES.set(statistic, { batch, index }));
  return statistics;
}
