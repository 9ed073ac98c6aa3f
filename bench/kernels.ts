// `npm run bench:kernels`: psychkit's hand-written numeric kernels (src/linalg) against the library
// alternatives — ml-matrix's EigenvalueDecomposition, QrDecomposition, CholeskyDecomposition, gram
// and mmul, and @stdlib/blas-base-dgemm — at the sizes psychkit uses them. Prints one Markdown
// table (docs/performance.md, "Hand-written kernels against libraries").
//
// Speed: CPU time (process.cpuUsage, user + system) per call; ours and the library are run
// alternately, 15 rounds each of enough calls to take ~20 ms, after 3 warm-up rounds, and the
// median round is reported — alternating cancels most of the drift of a shared machine. Times for
// ml-matrix include converting to and from its Matrix (what a call from psychkit's flat
// Float64Arrays would cost) unless marked "kernel only".
//
// Accuracy: backward errors computed in double-double arithmetic (so the measurement adds no
// rounding of its own): eigen residual max‖A·v − λ·v‖/‖A‖ and orthogonality max|VᵀV − I|;
// QR ‖Q·R − X‖/‖X‖, max|QᵀQ − I| and the least-squares optimality ‖Xᵀ(y − Xb)‖/(‖X‖·‖y − Xb‖);
// Cholesky ‖L·Lᵀ − A‖/‖A‖ and the solve's ‖A·x − b‖/(‖A‖·‖x‖); products max|C − AB|/(|A|·|B|)
// entrywise. Plus R's eigenvalues (test/fixtures/linalg.json) and NIST's certified Longley
// coefficients (test/fixtures/longley.json).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import dgemm from '@stdlib/blas-base-dgemm';
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix, QrDecomposition } from 'ml-matrix';
import { numericColumns, randomStream } from '../src/index.js';
import { choleskyInPlace, choleskySolveInPlace, correlationMatrixOf, crossprodColumnsInto, crossprodInto, householderQr, multiplyInto, qrLeastSquares, symmetricEigen } from '../src/linalg/index.js';
import { eigenInto, eigenWorkspace } from '../src/linalg/eigen-workspace.js';
import { rEntry, type QrDecomposition as OurQr } from '../src/linalg/qr.js';
import { Twofold } from '../src/factor/internal/twofold.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => JSON.parse(readFileSync(join(here, '..', 'test', 'fixtures', name), 'utf8'));

// ---------------------------------------------------------------- timing

function cpuPerCall(f: () => unknown, reps: number): number {
  const c0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) f();
  const d = process.cpuUsage(c0);
  return (d.user + d.system) / reps; // µs
}

const median = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)] as number;

/** Median CPU µs per call of each function, alternated round by round. */
function timeAll<const T extends readonly (() => unknown)[]>(fns: T, roundMs = 20): { [K in keyof T]: number } {
  const t0 = performance.now();
  let calls = 0;
  while (performance.now() - t0 < 5 || calls < 2) {
    fns[0]!();
    calls++;
  }
  const perCall = (performance.now() - t0) / calls;
  const reps = Math.max(1, Math.round(roundMs / Math.max(perCall, 1e-4)));
  const times = fns.map(() => [] as number[]);
  for (let r = 0; r < 18; r++) {
    // rotate the order each round so that no function always runs first
    for (let q = 0; q < fns.length; q++) {
      const k = (q + r) % fns.length;
      const t = cpuPerCall(fns[k]!, reps);
      if (r >= 3) times[k]!.push(t);
    }
  }
  return times.map(median) as { [K in keyof T]: number };
}

// ---------------------------------------------------------------- double-double accumulation

/** Σ aᵢ·bᵢ in double-double (src's Twofold), so the measurement adds no rounding of its own. */
class DD {
  private readonly sum = new Twofold();
  addProduct(a: number, b: number): void {
    this.sum.addProduct(a, 0, b, 0);
  }
  add(x: number): void {
    this.sum.add(x);
  }
  value(): number {
    return this.sum.hi + this.sum.lo;
  }
}

type Get = (i: number, j: number) => number;

/** Max-norm of A (r × c). */
function maxAbs(get: Get, r: number, c: number): number {
  let m = 0;
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) m = Math.max(m, Math.abs(get(i, j)));
  return m;
}

function frob(get: Get, r: number, c: number): number {
  const s = new DD();
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) s.addProduct(get(i, j), get(i, j));
  return Math.sqrt(s.value());
}

// ---------------------------------------------------------------- data

/** Likert responses (1–5) from `factors` factors, items loading 0.6–0.8, as Float64Array columns. */
function likert(items: number, n: number, factors: number, seed: string): Float64Array[] {
  const rng = randomStream(seed);
  const f = Array.from({ length: factors }, () => Float64Array.from({ length: n }, () => rng.normal()));
  return Array.from({ length: items }, (_, j) => {
    const fj = f[j % factors] as Float64Array;
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = Math.min(5, Math.max(1, Math.round(3 + (0.8 + 0.1 * (j % 3)) * (fj[i] as number) + 0.9 * rng.normal())));
    return c;
  });
}

function correlationOf(columns: Float64Array[]): Float64Array {
  const t: Record<string, Float64Array> = {};
  columns.forEach((c, j) => (t[`v${j}`] = c));
  return correlationMatrixOf(numericColumns(t)).matrix;
}

const toMatrix = (a: ArrayLike<number>, r: number, c: number): Matrix => {
  const m = new Matrix(r, c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) m.set(i, j, a[i * c + j] as number);
  return m;
};

/** Column-major n × p design → ml-matrix. */
const designMatrix = (x: Float64Array, n: number, p: number): Matrix => {
  const m = new Matrix(n, p);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) m.set(i, j, x[j * n + i] as number);
  return m;
};

// ---------------------------------------------------------------- output

const rows: string[] = [];
const us = (t: number) => (t >= 1000 ? `${(t / 1000).toFixed(t >= 10000 ? 0 : 1)} ms` : `${t.toFixed(t >= 100 ? 0 : t >= 10 ? 1 : 2)} µs`);
const sci = (x: number) => (x === 0 ? '0' : x.toExponential(1));
function row(kernel: string, size: string, ours: string, lib: string, oursT: number, libT: number, oursAcc: string, libAcc: string): void {
  rows.push(`| ${kernel} | ${size} | ${ours} | ${lib} | ${us(oursT)} | ${us(libT)} | ${(libT / oursT).toFixed(2)} | ${oursAcc} | ${libAcc} |`);
  console.error(rows[rows.length - 1]);
}

// ---------------------------------------------------------------- symmetric eigendecomposition

function eigenAccuracy(a: Float64Array, p: number, values: ArrayLike<number>, vector: (i: number, k: number) => number, count: number): string {
  const norm = Math.max(Math.abs(values[0] as number), Math.abs(values[p - 1] as number));
  let res = 0;
  for (let k = 0; k < count; k++) {
    const lambda = values[k] as number;
    const r2 = new DD();
    for (let i = 0; i < p; i++) {
      const s = new DD();
      for (let j = 0; j < p; j++) s.addProduct(a[i * p + j] as number, vector(j, k));
      s.addProduct(-lambda, vector(i, k));
      const v = s.value();
      r2.addProduct(v, v);
    }
    res = Math.max(res, Math.sqrt(r2.value()) / norm);
  }
  let orth = 0;
  for (let k = 0; k < count; k++) {
    for (let l = 0; l <= k; l++) {
      const s = new DD();
      for (let i = 0; i < p; i++) s.addProduct(vector(i, k), vector(i, l));
      s.add(k === l ? -1 : 0);
      orth = Math.max(orth, Math.abs(s.value()));
    }
  }
  return `res ${sci(res)}, orth ${sci(orth)}`;
}

function mlEigen(a: Float64Array, p: number) {
  const e = new EigenvalueDecomposition(toMatrix(a, p, p), { assumeSymmetric: true });
  // ascending → descending
  const values = e.realEigenvalues.slice().reverse();
  const v = e.eigenvectorMatrix;
  return { values, vector: (i: number, k: number) => v.get(i, p - 1 - k) };
}

function benchEigen(label: string, a: Float64Array, p: number, vectorsForEfa: number): void {
  const ws = eigenWorkspace(p);
  const [tAll, tLib] = timeAll([() => symmetricEigen(a, p), () => mlEigen(a, p)]);
  const ours = symmetricEigen(a, p);
  const lib = mlEigen(a, p);
  row('symmetric eigen', label, 'all vectors (`symmetricEigen`)', '`EigenvalueDecomposition`', tAll, tLib,
    eigenAccuracy(a, p, ours.values, (i, k) => ours.vectors[i * p + k] as number, p), eigenAccuracy(a, p, lib.values, lib.vector, p));
  const [tK, tLib2] = timeAll([() => eigenInto(ws, a, vectorsForEfa), () => mlEigen(a, p)]);
  eigenInto(ws, a, vectorsForEfa);
  row('symmetric eigen', label, `values + ${vectorsForEfa} vectors (\`eigenInto\`, as efa)`, '`EigenvalueDecomposition`', tK, tLib2,
    eigenAccuracy(a, p, ws.values, (i, k) => ws.vectors[i * vectorsForEfa + k] as number, vectorsForEfa), '(as above)');
  const [t0, tLib3] = timeAll([() => eigenInto(ws, a, 0), () => mlEigen(a, p)]);
  eigenInto(ws, a, 0);
  let dv = 0;
  for (let k = 0; k < p; k++) dv = Math.max(dv, Math.abs((ws.values[k] as number) - (lib.values[k] as number)) / (lib.values[0] as number));
  row('symmetric eigen', label, 'values only (`eigenInto`, as parallel/SMC)', '`EigenvalueDecomposition`', t0, tLib3, `values within ${sci(dv)}·λ₁ of ml-matrix's`, '');
}

// ---------------------------------------------------------------- QR least squares

/** Thin Q (n × rank, column-major) of our factorisation: the reflectors applied to e₀ … e_{rank−1}. */
function ourQ(qr: OurQr): Float64Array {
  const { n, rank, tau, kept, qr: a } = qr;
  const q = new Float64Array(n * rank);
  for (let c = 0; c < rank; c++) {
    const v = q.subarray(c * n, (c + 1) * n);
    v[c] = 1;
    for (let k = rank - 1; k >= 0; k--) {
      const base = (kept[k] as number) * n;
      let w = v[k] as number;
      for (let i = k + 1; i < n; i++) w += (a[base + i] as number) * (v[i] as number);
      w *= tau[k] as number;
      v[k] = (v[k] as number) - w;
      for (let i = k + 1; i < n; i++) v[i] = (v[i] as number) - w * (a[base + i] as number);
    }
  }
  return q;
}

function qrAccuracy(x: Float64Array, y: Float64Array, n: number, p: number, q: Get, r: Get, b: ArrayLike<number>): string {
  const xn = frob((i, j) => x[j * n + i] as number, n, p);
  const diff = new DD();
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) {
      const s = new DD();
      for (let t = 0; t <= j; t++) s.addProduct(q(i, t), r(t, j));
      s.add(-(x[j * n + i] as number));
      const d = s.value();
      diff.addProduct(d, d);
    }
  }
  let orth = 0;
  for (let a = 0; a < p; a++) {
    for (let c = 0; c <= a; c++) {
      const s = new DD();
      for (let i = 0; i < n; i++) s.addProduct(q(i, a), q(i, c));
      s.add(a === c ? -1 : 0);
      orth = Math.max(orth, Math.abs(s.value()));
    }
  }
  // optimality of b: Xᵀ(y − Xb) = 0
  const res = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = new DD();
    s.add(y[i] as number);
    for (let j = 0; j < p; j++) s.addProduct(-(x[j * n + i] as number), b[j] as number);
    res[i] = s.value();
  }
  const rn = Math.sqrt(res.reduce((s, v) => s + v * v, 0));
  let opt = 0;
  for (let j = 0; j < p; j++) {
    const s = new DD();
    for (let i = 0; i < n; i++) s.addProduct(x[j * n + i] as number, res[i] as number);
    opt = Math.max(opt, Math.abs(s.value()));
  }
  return `‖QR−X‖ ${sci(Math.sqrt(diff.value()) / xn)}, orth ${sci(orth)}, ‖Xᵀr‖ ${sci(opt / (xn * rn))}`;
}

function benchQr(label: string, x: Float64Array, y: Float64Array, n: number, p: number, certified?: readonly number[]): void {
  const ours = () => qrLeastSquares(householderQr(x, n, p), y).coefficients;
  const lib = () => new QrDecomposition(designMatrix(x, n, p)).solve(Matrix.columnVector(Array.from(y))).getColumn(0);
  const X = designMatrix(x, n, p);
  const Y = Matrix.columnVector(Array.from(y));
  const libKernel = () => new QrDecomposition(X).solve(Y);
  const [tOurs, tLib, tLibKernel] = timeAll([ours, lib, libKernel]);
  const qr = householderQr(x, n, p);
  const bOurs = qrLeastSquares(qr, y).coefficients;
  const q = ourQ(qr);
  const mq = new QrDecomposition(X);
  const bLib = mq.solve(Y).getColumn(0);
  const Q = mq.orthogonalMatrix;
  const R = mq.upperTriangularMatrix;
  let accOurs = qrAccuracy(x, y, n, p, (i, t) => q[t * n + i] as number, (t, j) => (t <= j ? rEntry(qr, t, j) : 0), bOurs);
  let accLib = qrAccuracy(x, y, n, p, (i, t) => Q.get(i, t), (t, j) => R.get(t, j), bLib);
  if (certified) {
    const digits = (b: ArrayLike<number>) => Math.min(...certified.map((c, j) => -Math.log10(Math.abs(((b[j] as number) - c) / c))));
    accOurs += `; ${digits(bOurs).toFixed(1)} digits of NIST's b`;
    accLib += `; ${digits(bLib).toFixed(1)} digits of NIST's b`;
  }
  row('QR least squares', label, '`householderQr` + `qrLeastSquares`', `\`QrDecomposition\` + \`solve\` (kernel only: ${us(tLibKernel)})`, tOurs, tLib, accOurs, accLib);
}

// ---------------------------------------------------------------- Cholesky

function benchCholesky(a: Float64Array, b: Float64Array, p: number): void {
  const l = new Float64Array(p * p);
  const x = new Float64Array(p);
  const ours = () => {
    l.set(a);
    x.set(b);
    choleskyInPlace(l, p);
    choleskySolveInPlace(l, p, x);
    return x;
  };
  const A = toMatrix(a, p, p);
  const B = Matrix.columnVector(Array.from(b));
  const lib = () => new CholeskyDecomposition(toMatrix(a, p, p)).solve(Matrix.columnVector(Array.from(b))).getColumn(0);
  const libKernel = () => new CholeskyDecomposition(A).solve(B);
  const [tOurs, tLib, tLibKernel] = timeAll([ours, lib, libKernel]);
  ours();
  const c = new CholeskyDecomposition(A);
  const L = c.lowerTriangularMatrix;
  const xl = c.solve(B).getColumn(0);
  const acc = (lget: Get, sol: ArrayLike<number>) => {
    const an = maxAbs((i, j) => a[i * p + j] as number, p, p);
    let f = 0;
    for (let i = 0; i < p; i++) {
      for (let j = 0; j <= i; j++) {
        const s = new DD();
        for (let t = 0; t <= j; t++) s.addProduct(lget(i, t), lget(j, t));
        s.add(-(a[i * p + j] as number));
        f = Math.max(f, Math.abs(s.value()));
      }
    }
    let r = 0;
    let xn = 0;
    for (let i = 0; i < p; i++) {
      const s = new DD();
      for (let j = 0; j < p; j++) s.addProduct(a[i * p + j] as number, sol[j] as number);
      s.add(-(b[i] as number));
      r = Math.max(r, Math.abs(s.value()));
      xn = Math.max(xn, Math.abs(sol[i] as number));
    }
    return `‖LLᵀ−A‖ ${sci(f / an)}, solve ${sci(r / (an * xn))}`;
  };
  row('Cholesky + solve', `${p} × ${p} (XᵀX of a 267 × ${p} design, as each bootstrap resample)`, '`choleskyInPlace` + `choleskySolveInPlace`', `\`CholeskyDecomposition\` + \`solve\` (kernel only: ${us(tLibKernel)})`, tOurs, tLib,
    acc((i, j) => (j <= i ? (l[i * p + j] as number) : 0), x), acc((i, j) => L.get(i, j), xl));
}

// ---------------------------------------------------------------- products

function productAccuracy(c: Get, a: Get, b: Get, n: number, q: number, m: number): string {
  let err = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const s = new DD();
      let mag = 0;
      for (let t = 0; t < q; t++) {
        s.addProduct(a(i, t), b(t, j));
        mag += Math.abs(a(i, t) * b(t, j));
      }
      s.add(-c(i, j));
      if (mag > 0) err = Math.max(err, Math.abs(s.value()) / mag);
    }
  }
  return sci(err);
}

function benchProduct(label: string, n: number, q: number, m: number, transposeA: boolean): void {
  const rng = randomStream(`product-${label}`);
  // A is stored n × q (or q × n when transposed, i.e. C = Aᵀ·B with A q-by-n stored row-major)
  const a = Float64Array.from({ length: n * q }, () => rng.normal());
  const b = Float64Array.from({ length: q * m }, () => rng.normal());
  const c = new Float64Array(n * m);
  const cs = new Float64Array(n * m);
  const A = transposeA ? toMatrix(a, q, n) : toMatrix(a, n, q);
  const B = toMatrix(b, q, m);
  const ours = transposeA ? () => crossprodInto(a, b, q, n, m, c) : () => multiplyInto(a, b, n, q, m, c);
  const lib = transposeA ? () => A.transpose().mmul(B) : () => A.mmul(B);
  const std = () => dgemm('row-major', transposeA ? 'transpose' : 'no-transpose', 'no-transpose', n, m, q, 1, a, transposeA ? n : q, b, m, 0, cs, m);
  const [tOurs, tLib, tStd] = timeAll([ours, lib, std]);
  ours();
  std();
  const C = lib();
  const ag: Get = transposeA ? (i, t) => a[t * n + i] as number : (i, t) => a[i * q + t] as number;
  const bg: Get = (t, j) => b[t * m + j] as number;
  const name = transposeA ? 'crossprodInto' : 'multiplyInto';
  const accOurs = productAccuracy((i, j) => c[i * m + j] as number, ag, bg, n, q, m);
  const accLib = productAccuracy((i, j) => C.get(i, j), ag, bg, n, q, m);
  const accStd = productAccuracy((i, j) => cs[i * m + j] as number, ag, bg, n, q, m);
  row('matrix product', label, `\`${name}\``, transposeA ? '`transpose().mmul`' : '`mmul`', tOurs, tLib, accOurs, accLib);
  row('matrix product', label, `\`${name}\``, '@stdlib `dgemm`', tOurs, tStd, accOurs, accStd);
}

// ---------------------------------------------------------------- cross-products of data columns

function benchCrossprod(n: number, p: number): void {
  const cols = likert(p, n, 5, 'crossprod');
  // centred, in one column-major buffer (so that dgemm can read it as is)
  const flat = new Float64Array(n * p);
  const columns = Array.from({ length: p }, (_, j) => {
    const src = cols[j] as Float64Array;
    const dst = flat.subarray(j * n, (j + 1) * n);
    let m = 0;
    for (let i = 0; i < n; i++) m += src[i] as number;
    m /= n;
    for (let i = 0; i < n; i++) dst[i] = (src[i] as number) - m;
    return dst;
  });
  const out = new Float64Array(p * p);
  const outStd = new Float64Array(p * p);
  const ours = () => crossprodColumnsInto(columns, n, out);
  const X = designMatrix(flat, n, p);
  const libKernel = () => X.gram();
  const lib = () => designMatrix(flat, n, p).gram();
  const std = () => dgemm('column-major', 'transpose', 'no-transpose', p, p, n, 1, flat, n, flat, n, 0, outStd, p);
  const [tOurs, tLib, tLibKernel, tStd] = timeAll([ours, lib, libKernel, std], 200);
  ours();
  std();
  const G = X.gram();
  // reference: every entry in double-double; error relative to √(Cₐₐ·C_bb) (correlation scale)
  const ref = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      const s = new DD();
      const xa = columns[a] as Float64Array;
      const xb = columns[b] as Float64Array;
      for (let i = 0; i < n; i++) s.addProduct(xa[i] as number, xb[i] as number);
      ref[a * p + b] = ref[b * p + a] = s.value();
    }
  }
  const err = (get: Get) => {
    let e = 0;
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) e = Math.max(e, Math.abs(get(a, b) - (ref[a * p + b] as number)) / Math.sqrt((ref[a * p + a] as number) * (ref[b * p + b] as number)));
    return sci(e);
  };
  const accOurs = err((a, b) => out[a * p + b] as number);
  row('cross-products XᵀX', `${n.toLocaleString('en')} × ${p} (centred Likert columns)`, '`crossprodColumnsInto` (behind `covarianceMatrix`)', `ml-matrix \`gram\` (kernel only: ${us(tLibKernel)})`, tOurs, tLib, accOurs, err((a, b) => G.get(a, b)));
  row('cross-products XᵀX', `${n.toLocaleString('en')} × ${p} (centred Likert columns)`, '`crossprodColumnsInto`', '@stdlib `dgemm` (column-major, Aᵀ·A)', tOurs, tStd, accOurs, err((a, b) => outStd[a * p + b] as number));
}

// ---------------------------------------------------------------- run

const only = process.argv.slice(2);
const want = (k: string) => only.length === 0 || only.includes(k);
console.log(`node ${process.version}, ${process.platform}/${process.arch}; CPU µs per call, median of 15 alternated rounds`);
console.log('');
console.log('| kernel | size | psychkit | library | psychkit time | library time | library / psychkit | psychkit accuracy | library accuracy |');
console.log('|---|---|---|---|---:|---:|---:|---|---|');

if (want('eigen')) {
  const sizes: [number, number, number, string][] = [
    [9, 267, 1, '9 × 9 (one scale, n = 267)'],
    [24, 267, 4, '24 × 24 (RAS-24-like, n = 267)'],
    [40, 2000, 4, '40 × 40 (n = 2,000)'],
    [100, 5000, 5, '100 × 100 (n = 5,000)'],
  ];
  for (const [p, n, k, label] of sizes) benchEigen(`${label}, correlation`, correlationOf(likert(p, n, k, `eigen-${p}`)), p, k);
  // R's eigen() (LAPACK dsyevr) on the ESSE + SI pairwise correlation matrix
  const lin = fixture('linalg.json');
  const p = lin.items.length as number;
  const r = Float64Array.from((lin.corPairwise as number[][]).flat());
  const ours = symmetricEigen(r, p);
  const lib = mlEigen(r, p);
  const rv = lin.eigenCorPairwise as number[];
  const dev = (v: ArrayLike<number>) => Math.max(...rv.map((x, k) => Math.abs((v[k] as number) - x))) / (rv[0] as number);
  const [tO, tL] = timeAll([() => symmetricEigen(r, p), () => mlEigen(r, p)]);
  row('symmetric eigen', `${p} × ${p} ESSE + SI pairwise correlations (R fixture)`, 'all vectors', '`EigenvalueDecomposition`', tO, tL,
    `values within ${sci(dev(ours.values))}·λ₁ of R's`, `values within ${sci(dev(lib.values))}·λ₁ of R's`);
}

if (want('qr')) {
  const long = fixture('longley.json');
  const lines = readFileSync(join(here, '..', 'test', 'fixtures', 'longley.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',').map(Number));
  const nL = lines.length;
  const xL = new Float64Array(nL * 7);
  const yL = new Float64Array(nL);
  lines.forEach((v, i) => {
    yL[i] = v[0] as number;
    xL[i] = 1;
    for (let j = 1; j <= 6; j++) xL[j * nL + i] = v[j] as number;
  });
  benchQr(`Longley ${nL} × 7 (NIST, ill-conditioned)`, xL, yL, nL, 7, long.coefficients);
  for (const [n, p, label] of [
    [267, 12, '267 × 12 (PROCESS-sized: intercept, 7 continuous, 4 dummies)'],
    [100_000, 5, '100,000 × 5 (intercept + 4 continuous)'],
  ] as const) {
    const rng = randomStream(`qr-${n}`);
    const x = new Float64Array(n * p);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = 1;
      let yi = 0;
      for (let j = 1; j < p; j++) {
        const v = p === 12 && j >= 8 ? (rng.next() < 0.3 ? 1 : 0) : 3 + 0.7 * rng.normal();
        x[j * n + i] = v;
        yi += 0.2 * v;
      }
      y[i] = yi + rng.normal();
    }
    benchQr(label, x, y, n, p);
  }
}

if (want('cholesky')) {
  // the normal equations of a centred 267 × 12 design, as the mediation bootstrap solves per resample
  const n = 267;
  const p = 12;
  const rng = randomStream('cholesky');
  const z = Array.from({ length: p }, (_, j) => Float64Array.from({ length: n }, () => (j === 0 ? 1 : j >= 8 ? (rng.next() < 0.3 ? 1 : 0) : 0.7 * rng.normal())));
  const a = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) a[i * p + j] = (z[i] as Float64Array).reduce((s, v, t) => s + v * ((z[j] as Float64Array)[t] as number), 0);
  const b = Float64Array.from({ length: p }, (_, j) => (z[j] as Float64Array).reduce((s, v) => s + v * 0.3, 0) + 1);
  benchCholesky(a, b, p);
}

if (want('products')) {
  benchProduct('100 × 5 · 5 × 5 (L = A·T, each rotation step)', 100, 5, 5, false);
  benchProduct('(100 × 5)ᵀ · 100 × 5 (G = Aᵀ·Gq, each rotation step)', 5, 100, 5, true);
  benchProduct('5 × 5 · 5 × 5 (rotation matrices)', 5, 5, 5, false);
  benchProduct('12 × 12 · 12 × 12 (R⁻¹·meat·R⁻ᵀ, HC covariance)', 12, 12, 12, false);
}

if (want('crossprod')) benchCrossprod(100_000, 40);

console.log(rows.join('\n'));
