// Dense matrix products on row-major Float64Arrays, written into caller-supplied buffers so that
// iterative callers (rotation, extraction, regression) allocate nothing per call.
//
// Every entry is one dot product summed over the shared index in increasing order, starting from
// 0, so a product gives the same bits whichever of these functions forms it and whatever the loop
// nest (a hand-written `s += a·b` loop over the same index order gives identical results). The
// output must not alias an input. Sizes here are small (k ≤ 100, inner dimension up to n for
// cross-products of a design); the large cross-products of data columns are in covariance.ts.

/** C (n × m) = A (n × q) · B (q × m). */
export function multiplyInto(a: Float64Array, b: Float64Array, n: number, q: number, m: number, c: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ai = i * q;
    const ci = i * m;
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let t = 0; t < q; t++) s += (a[ai + t] as number) * (b[t * m + j] as number);
      c[ci + j] = s;
    }
  }
}

/**
 * C (q × m) = Aᵀ·B where A is n × q and B is n × m (R's `crossprod(A, B)`). Accumulated row by row
 * of A and B (both read contiguously), each entry still summed over t = 0, 1, … in order.
 */
export function crossprodInto(a: Float64Array, b: Float64Array, n: number, q: number, m: number, c: Float64Array): void {
  c.fill(0, 0, q * m);
  for (let t = 0; t < n; t++) {
    const at = t * q;
    const bt = t * m;
    for (let i = 0; i < q; i++) {
      const ai = a[at + i] as number;
      const ci = i * m;
      for (let j = 0; j < m; j++) c[ci + j] = (c[ci + j] as number) + ai * (b[bt + j] as number);
    }
  }
}

/** C (n × m) = A·Bᵀ where A is n × q and B is m × q (R's `tcrossprod(A, B)`): rows against rows. */
export function tcrossprodInto(a: Float64Array, b: Float64Array, n: number, q: number, m: number, c: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ai = i * q;
    const ci = i * m;
    for (let j = 0; j < m; j++) {
      const bj = j * q;
      let s = 0;
      for (let t = 0; t < q; t++) s += (a[ai + t] as number) * (b[bj + t] as number);
      c[ci + j] = s;
    }
  }
}

/**
 * Copies one triangle of the p × p matrix `c` onto the other, so that a product that is symmetric
 * in exact arithmetic (A·Aᵀ, L·Φ·Lᵀ, R⁻¹·M·R⁻ᵀ) is exactly symmetric: entries (i, j) and (j, i) are
 * summed in different orders and may differ in the last bit.
 */
export function mirrorTriangle(c: Float64Array, p: number, from: 'upper' | 'lower'): void {
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      if (from === 'upper') c[i * p + j] = c[j * p + i] as number;
      else c[j * p + i] = c[i * p + j] as number;
    }
  }
}
