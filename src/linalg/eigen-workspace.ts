// Symmetric eigendecomposition on a reusable workspace: Householder tridiagonalisation, implicit
// QL for all eigenvalues, inverse iteration for the leading k eigenvectors only. Factor
// extraction needs every eigenvalue but only k ≪ p eigenvectors, so this costs ~2p³ flops
// instead of the ~10p³ of a full QL with accumulated vectors, and allocates nothing per call.

const EPS = 2.220446049250313e-16;

// Math.hypot is several times slower than this in V8; the fallback keeps its overflow and
// underflow safety for the rare extreme arguments.
function hypot(a: number, b: number): number {
  const h = Math.sqrt(a * a + b * b);
  return h > 1e-150 && h < 1e150 ? h : Math.hypot(a, b);
}

/** Reusable buffers for {@link eigenInto}; one per matrix size. */
export interface EigenWorkspace {
  readonly p: number;
  /** Working copy of the matrix (destroyed by the reduction). */
  readonly a: Float64Array;
  readonly d: Float64Array;
  readonly e: Float64Array;
  readonly beta: Float64Array;
  /** Householder vectors, one per row. */
  readonly house: Float64Array;
  /** All eigenvalues, descending, after {@link eigenInto}. */
  readonly values: Float64Array;
  /** p × k row-major leading eigenvectors (column j belongs to `values[j]`), after {@link eigenInto}. */
  readonly vectors: Float64Array;
  // inverse-iteration scratch
  readonly u0: Float64Array;
  readonly u1: Float64Array;
  readonly u2: Float64Array;
  readonly mult: Float64Array;
  readonly swap: Uint8Array;
  readonly x: Float64Array;
  readonly tv: Float64Array; // tridiagonal eigenvectors, p × k (column-major: vector j at j*p)
}

export function eigenWorkspace(p: number): EigenWorkspace {
  return {
    p,
    a: new Float64Array(p * p),
    d: new Float64Array(p),
    e: new Float64Array(p),
    beta: new Float64Array(p),
    house: new Float64Array(p * p),
    values: new Float64Array(p),
    vectors: new Float64Array(p * p),
    u0: new Float64Array(p),
    u1: new Float64Array(p),
    u2: new Float64Array(p),
    mult: new Float64Array(p),
    swap: new Uint8Array(p),
    x: new Float64Array(p),
    tv: new Float64Array(p * p),
  };
}

/** Reduces ws.a (symmetric, full storage) to tridiagonal (ws.d, ws.e) by Householder reflections. */
function tridiagonalize(ws: EigenWorkspace): void {
  const { p, a, d, e, beta, house } = ws;
  const q = ws.x; // scratch: q = β·S·v, then w
  for (let k = 0; k < p - 2; k++) {
    const k1 = k + 1;
    const vo = k * p; // v is kept contiguously in row k of `house` (entries k1..p-1)
    let scale = 0;
    for (let i = k1; i < p; i++) scale = Math.max(scale, Math.abs(a[i * p + k] as number));
    if (scale === 0) {
      beta[k] = 0;
      e[k] = 0;
      continue;
    }
    // Work with x/scale so that squares neither overflow nor underflow; the reflector
    // I − β v vᵀ does not depend on the scale of v.
    let norm2 = 0;
    for (let i = k1; i < p; i++) {
      const v = (a[i * p + k] as number) / scale;
      house[vo + i] = v;
      norm2 += v * v;
    }
    const x0 = house[vo + k1] as number;
    const alpha = -(x0 >= 0 ? 1 : -1) * Math.sqrt(norm2);
    // v = x − α e₁
    house[vo + k1] = x0 - alpha;
    let vv = 0;
    for (let i = k1; i < p; i++) vv += (house[vo + i] as number) ** 2;
    e[k] = alpha * scale;
    if (vv === 0) {
      beta[k] = 0;
      continue;
    }
    const b = 2 / vv;
    beta[k] = b;
    // q = β S v over the trailing block, reading only the lower triangle (row-contiguous):
    // each stored aᵢⱼ (j < i) contributes to qᵢ and to qⱼ.
    for (let i = k1; i < p; i++) q[i] = 0;
    for (let i = k1; i < p; i++) {
      const row = i * p;
      const vi = house[vo + i] as number;
      let s = 0;
      for (let j = k1; j < i; j++) {
        const aij = a[row + j] as number;
        s += aij * (house[vo + j] as number);
        q[j] = (q[j] as number) + aij * vi;
      }
      q[i] = (q[i] as number) + s + (a[row + i] as number) * vi;
    }
    let vq = 0;
    for (let i = k1; i < p; i++) {
      const qi = (q[i] as number) * b;
      q[i] = qi;
      vq += qi * (house[vo + i] as number);
    }
    const half = (b * vq) / 2;
    for (let i = k1; i < p; i++) q[i] = (q[i] as number) - half * (house[vo + i] as number);
    // S ← S − v wᵀ − w vᵀ on the lower triangle
    for (let i = k1; i < p; i++) {
      const vi = house[vo + i] as number;
      const wi = q[i] as number;
      const row = i * p;
      for (let j = k1; j <= i; j++) {
        a[row + j] = (a[row + j] as number) - vi * (q[j] as number) - wi * (house[vo + j] as number);
      }
    }
  }
  for (let i = 0; i < p; i++) d[i] = a[i * p + i] as number;
  if (p >= 2) e[p - 2] = a[(p - 1) * p + (p - 2)] as number;
  e[p - 1] = 0;
}

/**
 * Eigenvalues of the symmetric tridiagonal matrix (d, e) by the implicit QL method with Wilkinson
 * shifts, in place in `d` (unsorted). `e[i]` couples rows i and i + 1; it is destroyed. With `z`
 * (n × n column-major, starting as the identity) the eigenvectors are accumulated too.
 * Returns false if an eigenvalue needs more than 60 sweeps (never seen on finite input).
 */
function tridiagonalValues(d: Float64Array, e: Float64Array, n: number, z?: Float64Array): boolean {
  // Besides the usual relative test, an off-diagonal below ε²·‖T‖ is negligible for absolute
  // accuracy; without it a block of zeros on the diagonal next to a denormal-sized coupling never
  // deflates.
  let tnorm = 0;
  for (let i = 0; i < n; i++) tnorm = Math.max(tnorm, Math.abs(d[i] as number) + Math.abs(e[i] as number) + (i > 0 ? Math.abs(e[i - 1] as number) : 0));
  const floor = EPS * EPS * tnorm;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m] as number) + Math.abs(d[m + 1] as number);
        const em = Math.abs(e[m] as number);
        if (em <= EPS * dd || em <= floor) break;
      }
      if (m === l) break;
      if (iter++ === 60) return false;
      let g = ((d[l + 1] as number) - (d[l] as number)) / (2 * (e[l] as number));
      let r = hypot(g, 1);
      g = (d[m] as number) - (d[l] as number) + (e[l] as number) / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let shift = 0;
      let i = m - 1;
      let deflated = false;
      for (; i >= l; i--) {
        const f = s * (e[i] as number);
        const b = c * (e[i] as number);
        r = hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] = (d[i + 1] as number) - shift;
          e[m] = 0;
          deflated = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = (d[i + 1] as number) - shift;
        r = ((d[i] as number) - g) * s + 2 * c * b;
        shift = s * r;
        d[i + 1] = g + shift;
        g = c * r - b;
        if (z !== undefined) {
          // accumulate the rotation into columns i and i + 1 (column-major z)
          const ci = i * n;
          const cj = (i + 1) * n;
          for (let t = 0; t < n; t++) {
            const zf = z[cj + t] as number;
            const zi = z[ci + t] as number;
            z[cj + t] = s * zi + c * zf;
            z[ci + t] = c * zi - s * zf;
          }
        }
      }
      if (deflated) continue;
      d[l] = (d[l] as number) - shift;
      e[l] = g;
      e[m] = 0;
    }
  }
  return true;
}

/**
 * Solves (T − λI) x = x in place by LU with partial pivoting of the tridiagonal T (ws.d, ws.e
 * as left by tridiagonalisation — the caller keeps a copy of e in ws.u2 before QL destroys it).
 */
function factorShifted(ws: EigenWorkspace, diag: Float64Array, off: Float64Array, lambda: number, tiny: number): void {
  const { p, u0, u1, u2, mult, swap } = ws;
  let dcur = (diag[0] as number) - lambda;
  let scur = p > 1 ? (off[0] as number) : 0;
  for (let i = 0; i < p - 1; i++) {
    const sub = off[i] as number;
    const ndiag = (diag[i + 1] as number) - lambda;
    const nsup = i + 1 < p - 1 ? (off[i + 1] as number) : 0;
    if (Math.abs(dcur) >= Math.abs(sub)) {
      if (dcur === 0) dcur = tiny;
      const m = sub / dcur;
      u0[i] = dcur;
      u1[i] = scur;
      u2[i] = 0;
      mult[i] = m;
      swap[i] = 0;
      dcur = ndiag - m * scur;
      scur = nsup;
    } else {
      const m = dcur / sub;
      u0[i] = sub;
      u1[i] = ndiag;
      u2[i] = nsup;
      mult[i] = m;
      swap[i] = 1;
      dcur = scur - m * ndiag;
      scur = -m * nsup;
    }
  }
  u0[p - 1] = dcur === 0 ? tiny : dcur;
}

function solveShifted(ws: EigenWorkspace, y: Float64Array, tiny: number): void {
  const { p, u0, u1, u2, mult, swap } = ws;
  for (let i = 0; i < p - 1; i++) {
    if (swap[i] === 1) {
      const t = y[i] as number;
      y[i] = y[i + 1] as number;
      y[i + 1] = t;
    }
    y[i + 1] = (y[i + 1] as number) - (mult[i] as number) * (y[i] as number);
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i] as number;
    if (i + 1 < p) s -= (u1[i] as number) * (y[i + 1] as number);
    if (i + 2 < p) s -= (u2[i] as number) * (y[i + 2] as number);
    const piv = u0[i] as number;
    y[i] = s / (Math.abs(piv) < tiny ? (piv < 0 ? -tiny : tiny) : piv);
  }
}

/**
 * Eigenvalues (all, descending, into ws.values) and the leading k eigenvectors (ws.vectors,
 * p × k row-major) of the symmetric p × p matrix `m` (row-major; only read). Eigenvector signs
 * are normalised so that the largest-magnitude component of each is positive.
 * Returns false only if the QL iteration fails to converge.
 */
export function eigenInto(ws: EigenWorkspace, m: ArrayLike<number>, k: number): boolean {
  const { p, a, d, e, values } = ws;
  let maxAbs = 0;
  for (let i = 0; i < p * p; i++) {
    const v = m[i] as number;
    a[i] = v;
    if (Math.abs(v) > maxAbs) maxAbs = Math.abs(v);
  }
  if (p === 1) {
    values[0] = a[0] as number;
    ws.vectors[0] = 1;
    return true;
  }
  // Exact power-of-two rescaling of extreme matrices only, so ordinary input is untouched.
  let scale = 1;
  if (maxAbs > 0 && (maxAbs < 2 ** -100 || maxAbs > 2 ** 100)) {
    scale = 2 ** -Math.round(Math.log2(maxAbs));
    for (let i = 0; i < p * p; i++) a[i] = (a[i] as number) * scale;
  }
  tridiagonalize(ws);
  // keep T for inverse iteration: diagonal in ws.mult? no — store copies in values/tv scratch
  const td = ws.tv; // first p entries: diagonal copy; next p: off-diagonal copy (tv has p*p ≥ 2p for p ≥ 2)
  for (let i = 0; i < p; i++) {
    td[i] = d[i] as number;
    td[p + i] = e[i] as number;
  }
  let norm = 0;
  for (let i = 0; i < p; i++) {
    const r = Math.abs(d[i] as number) + Math.abs(e[i] as number) + (i > 0 ? Math.abs(e[i - 1] as number) : 0);
    if (r > norm) norm = r;
  }
  if (!tridiagonalValues(d, e, p)) return false;
  for (let i = 0; i < p; i++) values[i] = d[i] as number;
  values.sort();
  values.reverse();
  if (k > 0) {
    // Restore T into d/e (QL destroyed them) for inverse iteration.
    for (let i = 0; i < p; i++) {
      d[i] = td[i] as number;
      e[i] = td[p + i] as number;
    }
    const tnorm = norm === 0 ? 1 : norm;
    inverseIteration(ws, k, tnorm);
    if (!acceptable(ws, k, tnorm) && !fullTridiagonalVectors(ws, k)) return false;
    backTransform(ws, k);
  }
  if (scale !== 1) for (let i = 0; i < p; i++) values[i] = (values[i] as number) / scale;
  return true;
}

/** Residual and orthogonality check of the tridiagonal eigenvectors in ws.tv (T in ws.d/ws.e). */
function acceptable(ws: EigenWorkspace, k: number, norm: number): boolean {
  const { p, d, e, tv, values } = ws;
  const tol = 1e3 * p * EPS * norm;
  for (let j = 0; j < k; j++) {
    const c = j * p;
    const lambda = values[j] as number;
    for (let i = 0; i < p; i++) {
      let s = ((d[i] as number) - lambda) * (tv[c + i] as number);
      if (i > 0) s += (e[i - 1] as number) * (tv[c + i - 1] as number);
      if (i < p - 1) s += (e[i] as number) * (tv[c + i + 1] as number);
      if (!(Math.abs(s) <= tol)) return false;
    }
    for (let jj = 0; jj < j; jj++) {
      let s = 0;
      for (let i = 0; i < p; i++) s += (tv[c + i] as number) * (tv[jj * p + i] as number);
      if (!(Math.abs(s) <= 1e3 * p * EPS)) return false;
    }
  }
  return true;
}

/**
 * Fallback when inverse iteration cannot separate a cluster (e.g. a block-diagonal matrix with
 * eigenvalues far below the working precision): QL with accumulated rotations on T.
 */
function fullTridiagonalVectors(ws: EigenWorkspace, k: number): boolean {
  const { p, d, e, tv } = ws;
  const z = new Float64Array(p * p);
  for (let i = 0; i < p; i++) z[i * p + i] = 1;
  if (!tridiagonalValues(d, e, p, z)) return false;
  const order = Array.from({ length: p }, (_, i) => i).sort((x, y) => (d[y] as number) - (d[x] as number));
  for (let j = 0; j < k; j++) {
    const src = (order[j] as number) * p;
    for (let i = 0; i < p; i++) tv[j * p + i] = z[src + i] as number;
  }
  return true;
}

function inverseIteration(ws: EigenWorkspace, k: number, norm: number): void {
  const { p, d, e, values, x, tv } = ws;
  const tiny = Math.max(EPS * norm, 1e-290);
  const clusterGap = 1e-3 * norm;
  let clusterStart = 0;
  let prev = Number.NaN;
  for (let j = 0; j < k; j++) {
    let lambda = values[j] as number;
    if (j > 0 && (prev as number) - lambda > clusterGap) clusterStart = j;
    if (j > 0) {
      const pert = 10 * EPS * Math.max(Math.abs(lambda), norm * EPS);
      if (prev - lambda < pert) lambda = prev - pert;
    }
    prev = lambda;
    factorShifted(ws, d, e, lambda, tiny);
    // deterministic start vector with no special structure
    for (let i = 0; i < p; i++) x[i] = 1 + 0.5 * Math.sin(1.7 * i + 0.3 * j + 1);
    const col = j * p;
    for (let it = 0; it < 6; it++) {
      solveShifted(ws, x, tiny);
      // orthogonalise against earlier vectors in the same cluster (modified Gram–Schmidt,
      // twice: one pass loses orthogonality when x is nearly inside their span)
      for (let pass = 0; pass < (clusterStart < j ? 2 : 0); pass++) {
        for (let c = clusterStart; c < j; c++) {
          let dot = 0;
          for (let i = 0; i < p; i++) dot += (x[i] as number) * (tv[c * p + i] as number);
          for (let i = 0; i < p; i++) x[i] = (x[i] as number) - dot * (tv[c * p + i] as number);
        }
      }
      let nrm = 0;
      for (let i = 0; i < p; i++) nrm += (x[i] as number) ** 2;
      nrm = Math.sqrt(nrm);
      for (let i = 0; i < p; i++) x[i] = (x[i] as number) / nrm;
      // A large growth factor means λ is an accurate eigenvalue and x has converged.
      if (it >= 1 && nrm * tiny > 1e-3) break;
    }
    for (let i = 0; i < p; i++) tv[col + i] = x[i] as number;
  }
}

function backTransform(ws: EigenWorkspace, k: number): void {
  const { p, tv, house, beta, vectors } = ws;
  // Eigenvector of A = H₀H₁⋯H_{p−3} y.
  for (let j = 0; j < k; j++) {
    const col = j * p;
    for (let kk = p - 3; kk >= 0; kk--) {
      const b = beta[kk] as number;
      if (b === 0) continue;
      let s = 0;
      const vo = kk * p;
      for (let i = kk + 1; i < p; i++) s += (house[vo + i] as number) * (tv[col + i] as number);
      s *= b;
      for (let i = kk + 1; i < p; i++) tv[col + i] = (tv[col + i] as number) - s * (house[vo + i] as number);
    }
    let big = 0;
    for (let i = 0; i < p; i++) if (Math.abs(tv[col + i] as number) > Math.abs(big)) big = tv[col + i] as number;
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < p; i++) vectors[i * k + j] = sign * (tv[col + i] as number);
  }
}
