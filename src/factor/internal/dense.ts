// Small dense kernels the rotations need (inverse, polar factor) on row-major Float64Arrays,
// written to caller-supplied buffers so the rotation loops allocate nothing per iteration.
// Matrix products are linalg's (src/linalg/products.ts).

/**
 * Inverse of a k × k matrix by Gauss–Jordan elimination with partial pivoting.
 * `work` must hold k² numbers. Returns false (leaving `out` undefined) if the matrix is singular.
 */
export function invertInto(src: Float64Array, k: number, out: Float64Array, work: Float64Array): boolean {
  for (let i = 0; i < k * k; i++) work[i] = src[i] as number;
  out.fill(0, 0, k * k);
  for (let i = 0; i < k; i++) out[i * k + i] = 1;
  for (let c = 0; c < k; c++) {
    let piv = c;
    let best = Math.abs(work[c * k + c] as number);
    for (let r = c + 1; r < k; r++) {
      const v = Math.abs(work[r * k + c] as number);
      if (v > best) {
        best = v;
        piv = r;
      }
    }
    if (!(best > 0) || !Number.isFinite(best)) return false;
    if (piv !== c) {
      for (let j = 0; j < k; j++) {
        let t = work[c * k + j] as number;
        work[c * k + j] = work[piv * k + j] as number;
        work[piv * k + j] = t;
        t = out[c * k + j] as number;
        out[c * k + j] = out[piv * k + j] as number;
        out[piv * k + j] = t;
      }
    }
    const inv = 1 / (work[c * k + c] as number);
    for (let j = 0; j < k; j++) {
      work[c * k + j] = (work[c * k + j] as number) * inv;
      out[c * k + j] = (out[c * k + j] as number) * inv;
    }
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = work[r * k + c] as number;
      if (f === 0) continue;
      for (let j = 0; j < k; j++) {
        work[r * k + j] = (work[r * k + j] as number) - f * (work[c * k + j] as number);
        out[r * k + j] = (out[r * k + j] as number) - f * (out[c * k + j] as number);
      }
    }
  }
  return true;
}

/**
 * Orthogonal polar factor U·Vᵀ of a k × k matrix X = U·D·Vᵀ (the closest orthogonal matrix, as
 * GPArotation and stats::varimax obtain it from an SVD), written to `out`; returns Σ D, the sum of
 * singular values. One-sided Jacobi SVD; `w` and `v` need k² numbers each.
 */
export function polarInto(x: Float64Array, k: number, out: Float64Array, w: Float64Array, v: Float64Array): number {
  for (let i = 0; i < k * k; i++) w[i] = x[i] as number;
  v.fill(0, 0, k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let a = 0; a < k - 1; a++) {
      for (let b = a + 1; b < k; b++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let r = 0; r < k; r++) {
          const wa = w[r * k + a] as number;
          const wb = w[r * k + b] as number;
          alpha += wa * wa;
          beta += wb * wb;
          gamma += wa * wb;
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let r = 0; r < k; r++) {
          const wa = w[r * k + a] as number;
          const wb = w[r * k + b] as number;
          w[r * k + a] = c * wa - s * wb;
          w[r * k + b] = s * wa + c * wb;
          const va = v[r * k + a] as number;
          const vb = v[r * k + b] as number;
          v[r * k + a] = c * va - s * vb;
          v[r * k + b] = s * va + c * vb;
        }
      }
    }
    if (!rotated) break;
  }
  // w = U·D: column j has norm σⱼ, so uⱼ = wⱼ/σⱼ. Columns with σⱼ ≈ 0 (rank-deficient X) get an
  // orthonormal completion, as a full SVD would give, so U·Vᵀ stays orthogonal. U goes into w.
  let sum = 0;
  let sigmaMax = 0;
  const sigma = out; // borrow the first k entries of `out` for the singular values
  for (let j = 0; j < k; j++) {
    let s2 = 0;
    for (let r = 0; r < k; r++) s2 += (w[r * k + j] as number) ** 2;
    sigma[j] = Math.sqrt(s2);
    sum += sigma[j] as number;
    sigmaMax = Math.max(sigmaMax, sigma[j] as number);
  }
  const tiny = 1e-13 * sigmaMax;
  let deficient = false;
  for (let j = 0; j < k; j++) {
    const sj = sigma[j] as number;
    if (sj > tiny && sj > 0) {
      for (let r = 0; r < k; r++) w[r * k + j] = (w[r * k + j] as number) / sj;
    } else {
      deficient = true;
      for (let r = 0; r < k; r++) w[r * k + j] = Number.NaN;
    }
  }
  if (deficient) {
    let e = 0;
    for (let j = 0; j < k; j++) {
      if (!Number.isNaN(w[j] as number)) continue;
      // try canonical vectors until one survives orthogonalisation against the valid columns
      for (; e < k; e++) {
        for (let r = 0; r < k; r++) w[r * k + j] = r === e ? 1 : 0;
        for (let c = 0; c < k; c++) {
          if (c === j || Number.isNaN(w[c] as number)) continue;
          let dot = 0;
          for (let r = 0; r < k; r++) dot += (w[r * k + j] as number) * (w[r * k + c] as number);
          for (let r = 0; r < k; r++) w[r * k + j] = (w[r * k + j] as number) - dot * (w[r * k + c] as number);
        }
        let n2 = 0;
        for (let r = 0; r < k; r++) n2 += (w[r * k + j] as number) ** 2;
        if (n2 > 1e-8) {
          const n = Math.sqrt(n2);
          for (let r = 0; r < k; r++) w[r * k + j] = (w[r * k + j] as number) / n;
          e++;
          break;
        }
      }
    }
  }
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      let v2 = 0;
      for (let j = 0; j < k; j++) v2 += (w[r * k + j] as number) * (v[c * k + j] as number);
      out[r * k + c] = v2;
    }
  }
  return sum;
}

/** Rows of a row-major matrix as plain arrays (result shape). */
export function toRows(m: ArrayLike<number>, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const r = new Array<number>(cols);
    for (let j = 0; j < cols; j++) r[j] = m[i * cols + j] as number;
    out.push(r);
  }
  return out;
}
