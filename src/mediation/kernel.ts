// The case-resampling bootstrap for systems of linear equations, without allocation per resample.
//
// Every equation's design is a subset of one union of columns Z (intercept first). A resample is
// a vector of counts w (how often each case was drawn), so each equation's normal equations are a
// sub-block of ZᵀWZ. Per resample the kernel draws n indices, counts them, accumulates the packed
// upper triangle of ZᵀWZ over the cases drawn (each case's nonzero products precomputed once,
// so 0/1 dummy columns cost nothing when 0), then solves each equation by Cholesky on its block
// with a rank check. Continuous columns are centred at their full-sample means first, which
// leaves slopes unchanged and keeps the cross-products well conditioned; intercepts are mapped back.
import { fail } from '../errors.js';
import { choleskyInPlace, choleskySolveInPlace } from '../linalg/solve.js';
import { aleaState, type Seed } from '../random/index.js';
import { logisticInPlace, logisticWorkspace, type LogisticWorkspace } from '../regression/logistic-kernel.js';
import { simdPasses, type SimdPasses } from './kernel-simd.js';

/** An equation in terms of union-column indices; predictor 0 must be the intercept (index 0). */
export interface KernelEquation {
  readonly outcome: number;
  readonly predictors: readonly number[];
  /** A logistic equation (0/1 outcome): refitted by Newton steps from these full-sample coefficients. */
  readonly logisticStart?: Float64Array;
}

/**
 * A statistic of one resample: `coefficients` holds every equation's coefficients, concatenated
 * in equation order (original parametrisation); `sds[c]` is the SD of union column c (c ≥ 1).
 * `version`, when given, is a number the kernel never reuses for other contents of the two arrays:
 * statistics that share work may cache by it (compile-effects.ts).
 */
export type KernelStatistic = (coefficients: Float64Array, sds: Float64Array, version?: number) => number;

/**
 * Statistics that can be evaluated together: a run of a batch's statistics (indices from, …,
 * from + count − 1, in order) is one call writing out[offset + k·stride]; returns whether every
 * value is finite. Each must give what its statistic gives alone.
 */
export interface StatisticBatch {
  evaluate(coefficients: Float64Array, sds: Float64Array, version: number, from: number, count: number, out: Float64Array, offset: number, stride: number): boolean;
}

/** The batch a statistic belongs to, and its index there (compile-effects.ts registers its families). */
export const STATISTIC_BATCHES: WeakMap<KernelStatistic, { readonly batch: StatisticBatch; readonly index: number }> = new WeakMap();

export interface KernelInput {
  readonly n: number;
  /** Union columns after the intercept: column c of Z is `columns[c − 1]`. */
  readonly columns: readonly Float64Array[];
  readonly equations: readonly KernelEquation[];
  readonly statistics: readonly KernelStatistic[];
  readonly resamples: number;
  readonly seed: Seed;
  readonly needSds: boolean;
  /**
   * Optional: each union column's factors, as indices into `bases` (a product column's variables; a
   * plain column is one factor). With them, a hierarchical model is bootstrapped in the monomial
   * layout (see SlotLayout): the same regressions, about a quarter fewer cross-product sums.
   */
  readonly factors?: readonly (readonly number[])[];
  readonly bases?: readonly Float64Array[];
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface KernelOutput {
  /** Statistic-major: `estimates[s * B + r]`. */
  readonly estimates: Float64Array;
  /** Resamples drawn again because some equation's design was singular in them or a statistic was not finite. */
  readonly replaced: number;
}

// ---------------------------------------------------------------------------------------------
// Slices of the one stream (internal: psychkit/worker's parallel bootstrap)
//
// Attempt t (a resample drawn, then kept or replaced) uses draws [t·n, (t + 1)·n) of the one
// seeded stream, so the sequential result is the first B accepted attempts in attempt order. A
// worker runs attempts [start, start + count) and returns the accepted estimates; the caller
// concatenates the slices, runs later attempts until B are accepted, and supplies the B estimates
// to one more call, which summarises them with the same code as a sequential run: bit-identical.

/** A range of attempts to run instead of the whole bootstrap. */
export interface KernelSlice {
  /** First attempt: the stream is advanced by start·n draws first. */
  readonly start: number;
  /** At most this many attempts (Infinity: until `accept` resamples are accepted). */
  readonly attempts: number;
  /** Stop when this many resamples are accepted. */
  readonly accept: number;
  /** Replacements before this slice, counted towards the "more than B replaced" errors. */
  readonly replacedBefore: number;
}

/** What a slice gives back. */
export interface KernelSliceResult {
  /** Statistic-major: `values[s * accepted + k]`, the k-th accepted attempt of the slice. */
  readonly values: Float64Array;
  readonly statistics: number;
  readonly accepted: number;
  /** Attempts run. */
  readonly attempts: number;
  /** `replacedBefore` + the attempts replaced in this slice. */
  readonly replaced: number;
  /** The number of resamples requested (B). */
  readonly resamples: number;
}

/** How the next runKernel call runs: one slice (then {@link KERNEL_SLICE_DONE} is thrown), or with estimates supplied. */
export type KernelOverride =
  | { readonly mode: 'slice'; readonly slice: KernelSlice; readonly done: (result: KernelSliceResult) => void }
  | { readonly mode: 'supply'; readonly estimates: Float64Array; readonly replaced: number };

/** Thrown by runKernel after a slice, to end the call that asked for it (caught by the caller of {@link withKernelOverride}). */
export const KERNEL_SLICE_DONE: { readonly sliceDone: true } = Object.freeze({ sliceDone: true });

let kernelOverride: KernelOverride | null = null;

/** Runs `f` (one synchronous call, e.g. processModel) with the bootstrap kernel overridden once. */
export function withKernelOverride<T>(override: KernelOverride, f: () => T): T {
  const previous = kernelOverride;
  kernelOverride = override;
  try {
    return f();
  } finally {
    kernelOverride = previous;
  }
}

// Alea's recurrence, t = 2091639·s0 + c·2⁻³², s0 ← s1, s1 ← s2, c ← ⌊t⌋, s2 ← t − c, is exact in
// doubles (every s a multiple of 2⁻³², 2091639·2³² < 2⁵³): with xᵢ = sᵢ·2³² it is Marsaglia's
// lag-3 multiply-with-carry generator, x ← (a·x₀ + c) mod b, c ← ⌊(a·x₀ + c) / b⌋, b = 2³²,
// a = 2091639. Its state maps to Z = a·(x₀ + x₁b + x₂b²) + c, 0 ≤ Z ≤ m = a·b³ − 1, and one step
// multiplies Z by b⁻¹ = a·b² modulo m, so k steps are one modular power: a jump of millions of
// draws costs microseconds (tested against stepping the recurrence).
const MWC_A = 2091639n;
const MWC_B = 2n ** 32n;
const MWC_M = MWC_A * MWC_B ** 3n - 1n;
const MWC_B_INVERSE = MWC_A * MWC_B ** 2n;

function powMod(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if ((e & 1n) === 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** Advances an Alea state by `steps` draws, as `steps` calls would (a jump, not a loop). */
export function advanceAlea(state: { s0: number; s1: number; s2: number; c: number }, steps: number): void {
  if (steps === 0) return;
  const scale = 2 ** 32;
  const w = BigInt(state.s0 * scale) + BigInt(state.s1 * scale) * MWC_B + BigInt(state.s2 * scale) * MWC_B * MWC_B;
  const z = ((MWC_A * w + BigInt(state.c)) * powMod(MWC_B_INVERSE, BigInt(steps), MWC_M)) % MWC_M;
  const x = z / MWC_A;
  state.c = Number(z % MWC_A);
  state.s0 = Number(x % MWC_B) / scale;
  state.s1 = Number((x / MWC_B) % MWC_B) / scale;
  state.s2 = Number(x / (MWC_B * MWC_B)) / scale;
}

/** Passes over all cases from which listing the drawn cases pays (measured: model 73's 19 passes, −20%; model 4's 2, +25%). */
const SPARSE_PASSES = 5;

let monomials = true;

/** For tests: the column layout even where the monomial layout applies (false); returns the previous setting. */
export function setKernelMonomials(on: boolean): boolean {
  const previous = monomials;
  monomials = on;
  return previous;
}

/** Versions of the coefficients passed to statistics: unique across runs too (the closures may outlive one run). */
let statisticsVersion = 0;

/** Attempts drawn side by side (independent carry chains; measured: the draws 3× faster than one chain). */
const LANES = 4;

/** A pivot below this share of its diagonal means the column is (numerically) a combination of earlier ones. */
const PIVOT_TOLERANCE = 1e-10;

/** Packed upper-triangle slot of (a, b), a ≤ b, in a P × P symmetric matrix. */
function slot(a: number, b: number, P: number): number {
  if (a > b) [a, b] = [b, a];
  return a * P - (a * (a - 1)) / 2 + (b - a);
}

// ZᵀWZ is accumulated in "passes" of four or eight slots each, the sums kept in local variables
// (registers) while one loop runs over the cases: a pass over slots of two continuous columns
// runs over the cases drawn (listed in order once per resample: about 63% of them, and skipping a
// case adds exactly the 0 it would have added); a pass over slots involving a 0/1 column runs only
// over the cases where that column is 1. Each pass stores its products case-major, so the loop
// reads memory in increasing order.
interface Pass {
  /** Cases to visit (null = all n, in order). */
  readonly rows: Int32Array | null;
  readonly length: number;
  /** length × width products z_a·z_b, case-major (width = slots.length, 4 or 8). */
  readonly values: Float64Array;
  /** Target slots (T = a scratch slot for padding). */
  readonly slots: Int32Array;
}

function runPass(pass: Pass, counts: Float64Array, acc: Float64Array, drawn: Int32Array, nDrawn: number): void {
  if (pass.slots.length === 8) {
    runPass8(pass, counts, acc, drawn, nDrawn);
    return;
  }
  const { rows, length, values } = pass;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  // Over the cases drawn (about 63% of them), or over the cases where the driver column is 1.
  if (rows === null && nDrawn === length) {
    for (let i = 0, o = 0; i < length; i++, o += 4) {
      const w = counts[i] as number;
      s0 += w * (values[o] as number);
      s1 += w * (values[o + 1] as number);
      s2 += w * (values[o + 2] as number);
      s3 += w * (values[o + 3] as number);
    }
  } else {
    const list = rows === null ? drawn : rows;
    const m = rows === null ? nDrawn : length;
    for (let k = 0; k < m; k++) {
      const i = list[k] as number;
      const w = counts[i] as number;
      const o = (rows === null ? i : k) * 4;
      s0 += w * (values[o] as number);
      s1 += w * (values[o + 1] as number);
      s2 += w * (values[o + 2] as number);
      s3 += w * (values[o + 3] as number);
    }
  }
  const slots = pass.slots;
  acc[slots[0] as number] = s0;
  acc[slots[1] as number] = s1;
  acc[slots[2] as number] = s2;
  acc[slots[3] as number] = s3;
}

/** The same with eight sums per pass (fewer loads of the weights and less loop overhead). */
function runPass8(pass: Pass, counts: Float64Array, acc: Float64Array, drawn: Int32Array, nDrawn: number): void {
  const { rows, length, values } = pass;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  if (rows === null && nDrawn === length) {
    for (let i = 0, o = 0; i < length; i++, o += 8) {
      const w = counts[i] as number;
      s0 += w * (values[o] as number);
      s1 += w * (values[o + 1] as number);
      s2 += w * (values[o + 2] as number);
      s3 += w * (values[o + 3] as number);
      s4 += w * (values[o + 4] as number);
      s5 += w * (values[o + 5] as number);
      s6 += w * (values[o + 6] as number);
      s7 += w * (values[o + 7] as number);
    }
  } else {
    const list = rows === null ? drawn : rows;
    const m = rows === null ? nDrawn : length;
    for (let k = 0; k < m; k++) {
      const i = list[k] as number;
      const w = counts[i] as number;
      const o = (rows === null ? i : k) * 8;
      s0 += w * (values[o] as number);
      s1 += w * (values[o + 1] as number);
      s2 += w * (values[o + 2] as number);
      s3 += w * (values[o + 3] as number);
      s4 += w * (values[o + 4] as number);
      s5 += w * (values[o + 5] as number);
      s6 += w * (values[o + 6] as number);
      s7 += w * (values[o + 7] as number);
    }
  }
  const slots = pass.slots;
  acc[slots[0] as number] = s0;
  acc[slots[1] as number] = s1;
  acc[slots[2] as number] = s2;
  acc[slots[3] as number] = s3;
  acc[slots[4] as number] = s4;
  acc[slots[5] as number] = s5;
  acc[slots[6] as number] = s6;
  acc[slots[7] as number] = s7;
}

/** A pass before its products are stored: which cases, and which products of columns into which slots. */
interface PassSpec {
  readonly rows: Int32Array | null;
  readonly length: number;
  readonly slots: Int32Array;
  /** Per slot of the pass: the pool columns whose product is summed. */
  readonly factors: readonly (readonly number[])[];
}

/** Groups the needed slots (slot → the pool columns multiplied) into passes (see above). */
function passSpecs(pool: readonly Float64Array[], binary: readonly boolean[], needed: ReadonlyMap<number, readonly number[]>, T: number): PassSpec[] {
  const n = (pool[0] as Float64Array).length;
  const ones = pool.map((col, c) => {
    if (!binary[c]) return null;
    const r: number[] = [];
    for (let i = 0; i < n; i++) if (col[i] === 1) r.push(i);
    return Int32Array.from(r);
  });
  const groups = new Map<number, [number, readonly number[]][]>(); // driver column (−1 = none) → slots
  for (const [id, factors] of [...needed].sort((p, q) => p[0] - q[0])) {
    // Products that are zero in every case (two levels of one factor) stay 0 in acc.
    let nonzero = false;
    for (let i = 0; i < n && !nonzero; i++) {
      let v = 1;
      for (const f of factors) v *= (pool[f] as Float64Array)[i] as number;
      nonzero = v !== 0;
    }
    if (!nonzero) continue;
    let driver = -1;
    for (const c of factors) {
      if (binary[c] && (driver < 0 || (ones[c] as Int32Array).length < (ones[driver] as Int32Array).length)) driver = c;
    }
    let list = groups.get(driver);
    if (list === undefined) groups.set(driver, (list = []));
    list.push([id, factors]);
  }
  const specs: PassSpec[] = [];
  for (const [driver, items] of groups) {
    const rows = driver < 0 ? null : (ones[driver] as Int32Array);
    const length = rows === null ? n : rows.length;
    for (let start = 0; start < items.length; ) {
      const width = items.length - start > 4 ? 8 : 4;
      const chunk = items.slice(start, start + width);
      start += width;
      const slots = new Int32Array(width).fill(T);
      chunk.forEach(([id], j) => (slots[j] = id));
      specs.push({ rows, length, slots, factors: chunk.map(([, f]) => f) });
    }
  }
  return specs;
}

/** A pass with its products stored case-major in `values` (length × width). */
function fillPass(spec: PassSpec, values: Float64Array, pool: readonly Float64Array[]): Pass {
  const { rows, length, slots } = spec;
  const width = slots.length;
  if (spec.factors.length < width) values.fill(0); // padding (summed into the scratch slot): the memory may be reused
  spec.factors.forEach((factors, j) => {
    const first = pool[factors[0] as number] as Float64Array;
    for (let k = 0; k < length; k++) {
      const i = rows === null ? k : (rows[k] as number);
      let v = first[i] as number;
      for (let f = 1; f < factors.length; f++) v *= (pool[factors[f] as number] as Float64Array)[i] as number;
      values[k * width + j] = v;
    }
  });
  return { rows, length, values, slots };
}

/**
 * Where each cross-product lives, and how each equation's coefficients come back.
 *
 * Column layout: every union column centred at its mean (0/1 columns not), slot (a, b) its own
 * sum; slopes come back as they are, the intercept as b₀ = b̃₀ + ȳ − Σ bⱼ·x̄ⱼ. Monomial layout (a model whose equations are hierarchical, with the factors of every product
 * column known): the regression is on products of centred variables, x̃ = x − x̄, which spans the
 * same space (x·w = x̃·w̃ + w̄·x̃ + x̄·w̃ + x̄·w̄, and every lower-order term is in the equation), so a
 * slot is a monomial in the centred variables and x·(w·z) and (x·w)·z are one sum: about a quarter
 * fewer sums. The coefficients of the raw columns follow by the inverse expansion:
 * β_S = Σ_{t ⊇ S} β̃_t Π_{f ∈ t∖S} (−x̄_f), plus ȳ on the intercept.
 */
interface SlotLayout {
  readonly pool: readonly Float64Array[];
  readonly binary: readonly boolean[];
  /** slotOf[a·P + b]: the slot of union columns a and b (0 = intercept), −1 where not needed. */
  readonly slotOf: Int32Array;
  /** Number of slots (acc has one more: the scratch slot). */
  readonly T: number;
  readonly needed: ReadonlyMap<number, readonly number[]>;
  /** Per equation, the map back to the raw columns' coefficients (null: a logistic equation). */
  readonly maps: readonly (BackMap | null)[];
}

interface BackMap {
  /** Triplets: coefficient[row] += weight · β̃[col]. */
  readonly row: Int32Array;
  readonly col: Int32Array;
  readonly weight: Float64Array;
  /** Added to the intercept: the outcome's centre. */
  readonly outcomeShift: number;
}

function columnLayout(input: KernelInput): SlotLayout {
  const P = input.columns.length + 1;
  const { columns: z, binary, centre: shift } = centreColumns(input.columns, input.n);
  const slotOf = new Int32Array(P * P).fill(-1);
  const needed = new Map<number, readonly number[]>();
  const need = (a: number, b: number) => {
    const id = slot(a, b, P);
    slotOf[a * P + b] = id;
    slotOf[b * P + a] = id;
    needed.set(id, a <= b ? [a, b] : [b, a]);
  };
  for (const eq of input.equations) {
    if (eq.logisticStart !== undefined) continue; // refitted from the cases, not from ZᵀWZ
    for (const a of eq.predictors) {
      need(a, eq.outcome);
      for (const b of eq.predictors) need(a, b);
    }
  }
  if (input.needSds) for (let c = 0; c < P; c++) [need(0, c), need(c, c)];
  // The back-map: slopes as they are, b₀ = b̃₀ + shift(y) − Σ bⱼ·shift(xⱼ).
  const maps = input.equations.map((eq): BackMap | null => {
    if (eq.logisticStart !== undefined) return null;
    const row = [0];
    const col = [0];
    const weight = [1];
    eq.predictors.forEach((a, j) => {
      if (j === 0) return;
      row.push(j, 0);
      col.push(j, j);
      weight.push(1, -(shift[a] as number));
    });
    return { row: Int32Array.from(row), col: Int32Array.from(col), weight: Float64Array.from(weight), outcomeShift: shift[eq.outcome] as number };
  });
  return { pool: z, binary, slotOf, T: (P * (P + 1)) / 2, needed, maps };
}

/**
 * The ones column, then each column minus its mean (a 0/1 column as it is: its passes then run
 * over the cases where it is 1); `centre[c + 1]` is what column c lost, `binary[c + 1]` whether it is 0/1.
 */
function centreColumns(columns: readonly Float64Array[], n: number): { columns: Float64Array[]; binary: boolean[]; centre: Float64Array } {
  const centre = new Float64Array(columns.length + 1);
  const binary: boolean[] = [false];
  const out: Float64Array[] = [new Float64Array(n).fill(1)];
  columns.forEach((col, c) => {
    let isBinary = true;
    let mean = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i] as number;
      if (v !== 0 && v !== 1) isBinary = false;
      mean += v;
    }
    mean /= n;
    const s = isBinary ? 0 : mean;
    centre[c + 1] = s;
    binary.push(isBinary);
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) z[i] = (col[i] as number) - s;
    out.push(z);
  });
  return { columns: out, binary, centre };
}

/** The monomial layout, or null where it does not apply (see {@link SlotLayout}). */
function monomialLayout(input: KernelInput): SlotLayout | null {
  const { factors, bases, equations, n } = input;
  if (factors === undefined || bases === undefined || input.needSds) return null;
  const P = input.columns.length + 1;
  // Union column → its factors (base indices, sorted; the intercept none).
  const of: (readonly number[])[] = [[], ...factors.map((f) => [...f].sort((p, q) => p - q))];
  const key = (m: readonly number[]) => m.join(',');
  for (const eq of equations) {
    if (eq.logisticStart !== undefined) continue;
    if ((of[eq.outcome] as number[]).length !== 1) return null;
    const present = new Set(eq.predictors.map((a) => key(of[a] as number[])));
    if (!present.has('')) return null;
    for (const a of eq.predictors) {
      const t = of[a] as number[];
      for (let mask = 0; mask < 1 << t.length; mask++) if (!present.has(key(t.filter((_, i) => (mask >> i) & 1)))) return null;
    }
  }
  // Pool: the ones column, then each base centred (0/1 bases not).
  const { columns: pool, binary, centre: shifts } = centreColumns(bases, n);
  const centre = shifts.subarray(1);
  const slotOf = new Int32Array(P * P).fill(-1);
  const ids = new Map<string, number>();
  const needed = new Map<number, readonly number[]>();
  const need = (a: number, b: number) => {
    const m = [...(of[a] as number[]), ...(of[b] as number[])].sort((p, q) => p - q);
    const k = key(m);
    let id = ids.get(k);
    if (id === undefined) {
      id = ids.size;
      ids.set(k, id);
      needed.set(id, m.length === 0 ? [0] : m.map((f) => f + 1));
    }
    slotOf[a * P + b] = id;
    slotOf[b * P + a] = id;
  };
  const maps = equations.map((eq): BackMap | null => {
    if (eq.logisticStart !== undefined) return null;
    for (const a of eq.predictors) {
      need(a, eq.outcome);
      for (const b of eq.predictors) need(a, b);
    }
    // β_S = Σ_{t ⊇ S} β̃_t Π_{f ∈ t∖S} (−x̄_f), over the sub-multisets S of each term t by position.
    const position = new Map(eq.predictors.map((a, j) => [key(of[a] as number[]), j]));
    const row: number[] = [];
    const col: number[] = [];
    const weight: number[] = [];
    eq.predictors.forEach((a, jt) => {
      const t = of[a] as number[];
      for (let mask = 0; mask < 1 << t.length; mask++) {
        let w = 1;
        t.forEach((f, i) => {
          if (!((mask >> i) & 1)) w *= -(centre[f] as number);
        });
        if (w === 0) continue;
        row.push(position.get(key(t.filter((_, i) => (mask >> i) & 1))) as number);
        col.push(jt);
        weight.push(w);
      }
    });
    const y = (of[eq.outcome] as number[])[0] as number;
    return { row: Int32Array.from(row), col: Int32Array.from(col), weight: Float64Array.from(weight), outcomeShift: centre[y] as number };
  });
  return { pool, binary, slotOf, T: ids.size, needed, maps };
}

/**
 * Runs the bootstrap. Throws `SINGULAR` when more resamples are singular than the number requested
 * (the design is too fragile to bootstrap, e.g. a dummy level with one or two cases).
 */
export function runKernel(input: KernelInput): KernelOutput {
  const { n, statistics, resamples: B } = input;
  const override = kernelOverride;
  kernelOverride = null; // once: a second bootstrap in the same call runs as usual
  if (override !== null && override.mode === 'supply') {
    if (override.estimates.length !== statistics.length * B) throw new Error(`psychkit internal: ${override.estimates.length} estimates supplied for ${statistics.length} × ${B}.`);
    return { estimates: override.estimates, replaced: override.replaced };
  }

  // Columns (or, in the monomial layout, variables) not 0/1 are centred, so the cross-products are
  // of deviations (well conditioned).
  const layout = (monomials ? monomialLayout(input) : null) ?? columnLayout(input);
  const specs = passSpecs(layout.pool, layout.binary, layout.needed, layout.T);
  // With WebAssembly the products are stored straight into its memory (no second copy to touch).
  const simd = simdPasses(specs, n, LANES);
  try {
    return runPasses(input, override, layout, specs, simd);
  } finally {
    simd?.release();
  }
}

/** The bootstrap proper, once the columns are centred and the passes planned (see runKernel). */
function runPasses(
  input: KernelInput,
  override: Extract<KernelOverride, { mode: 'slice' }> | null,
  layout: SlotLayout,
  specs: readonly PassSpec[],
  simd: SimdPasses | null,
): KernelOutput {
  const { n, columns, equations, statistics, resamples: B, onProgress } = input;
  const slice = override === null ? null : override.slice;
  const P = columns.length + 1;
  const { T, slotOf } = layout;
  const passes = specs.map((spec, q) => fillPass(spec, simd === null ? new Float64Array(spec.length * spec.slots.length) : (simd.values[q] as Float64Array), layout.pool));

  // Per-equation gather maps into the packed triangle.
  const plans = equations.map((eq, e) => {
    const p = eq.predictors.length;
    // The lower triangle only (row-major positions and their slots): all the Cholesky reads.
    const lower = new Int32Array((p * (p + 1)) / 2);
    const block = new Int32Array((p * (p + 1)) / 2);
    const rhs = new Int32Array(p);
    for (let j = 0; j < p; j++) {
      for (let k = 0; k <= j; k++) {
        lower[(j * (j + 1)) / 2 + k] = j * p + k;
        block[(j * (j + 1)) / 2 + k] = slotOf[(eq.predictors[j] as number) * P + (eq.predictors[k] as number)] as number;
      }
      rhs[j] = slotOf[(eq.predictors[j] as number) * P + eq.outcome] as number;
    }
    // A logistic equation: its design row-major with the intercept, from the original columns.
    let logistic: { x: Float64Array; y: Float64Array; start: Float64Array; workspace: LogisticWorkspace } | null = null;
    if (eq.logisticStart !== undefined) {
      const x = new Float64Array(n * p);
      for (let i = 0; i < n; i++) {
        x[i * p] = 1;
        for (let j = 1; j < p; j++) x[i * p + j] = (columns[(eq.predictors[j] as number) - 1] as Float64Array)[i] as number;
      }
      logistic = { x, y: Float64Array.from(columns[eq.outcome - 1] as Float64Array), start: eq.logisticStart, workspace: logisticWorkspace(n, p) };
    }
    return { p, lower, block, rhs, predictors: Int32Array.from(eq.predictors), outcome: eq.outcome, logistic, out: new Float64Array(p), map: layout.maps[e] ?? null };
  });
  const offsets = new Int32Array(equations.length);
  let totalCoefficients = 0;
  plans.forEach((plan, e) => {
    offsets[e] = totalCoefficients;
    totalCoefficients += plan.p;
  });
  const maxP = Math.max(...plans.map((p) => p.p));

  // Scratch, allocated once.
  const counts = simd === null ? new Float64Array(LANES * n) : simd.counts;
  const laneCounts = Array.from({ length: LANES }, (_, k) => counts.subarray(k * n, (k + 1) * n));
  const drawn = simd === null ? new Int32Array(n) : simd.drawn;
  const sparse = passes.filter((pass) => pass.rows === null).length >= SPARSE_PASSES;
  const acc = new Float64Array(T + 1);
  const acc2 = new Float64Array(T + 1); // the second lane of a pair
  const a = new Float64Array(maxP * maxP);
  const b = new Float64Array(maxP);
  const coefficients = new Float64Array(totalCoefficients);
  const sds = new Float64Array(P);
  const S = statistics.length;
  // A slice stores at most `target` accepted resamples (stride `target`) and stops after `attemptLimit` attempts.
  const target = slice === null ? B : Math.min(slice.accept, slice.attempts);
  const attemptLimit = slice === null ? Infinity : slice.attempts;
  // Statistic-major, written in place (a second, attempt-major array to transpose costs more: a
  // fresh multi-megabyte array is slow to touch the first time).
  const estimates = new Float64Array(S * target);
  // Per attempt of a span: 0 kept, 1 singular, 2 an effect not finite.
  const outcome = new Uint8Array(target);

  // Runs of statistics: (first statistic, count, first index in its batch), count 0 for one
  // statistic called alone. Consecutive statistics of one batch, in its order, form one run.
  const runs: number[] = [];
  const batches: (StatisticBatch | null)[] = statistics.map(() => null);
  for (let s = 0; s < S; ) {
    const member = STATISTIC_BATCHES.get(statistics[s] as KernelStatistic);
    let count = 0;
    if (member !== undefined) {
      while (s + count < S) {
        const next = STATISTIC_BATCHES.get(statistics[s + count] as KernelStatistic);
        if (next === undefined || next.batch !== member.batch || next.index !== member.index + count) break;
        count++;
      }
      batches[s] = member.batch;
    }
    runs.push(s, count, member?.index ?? 0);
    s += Math.max(1, count);
  }

  /** ZᵀWZ of one lane's counts into `acc`. */
  const accumulate = (w: Float64Array, lane: number) => {
    // The cases drawn at least once, in order: listing them costs about what one pass saves by
    // skipping the others, so only models with many passes over all cases list them.
    let nDrawn = n;
    if (sparse) {
      nDrawn = 0;
      for (let i = 0; i < n; i++) {
        drawn[nDrawn] = i;
        nDrawn += w[i] === 0 ? 0 : 1;
      }
    }
    if (simd !== null) for (let q = 0; q < passes.length; q++) simd.run(q, lane, nDrawn, acc);
    else for (let q = 0; q < passes.length; q++) runPass(passes[q] as Pass, w, acc, drawn, nDrawn);
  };

  /** One attempt from its ZᵀWZ (`acc`) and counts: fits every equation and stores the statistics in column `column`. */
  const attempt = (w: Float64Array, acc: Float64Array, column: number): 0 | 1 | 2 => {
    for (let e = 0; e < plans.length; e++) {
      const plan = plans[e] as (typeof plans)[number];
      const p = plan.p;
      if (plan.logistic !== null) {
        // Separated or not converging in this resample: drawn again, as a singular design is.
        const lg = plan.logistic;
        if (!logisticInPlace(lg.workspace, lg.x, lg.y, w, lg.start, plan.out)) return 1;
        coefficients.set(plan.out, offsets[e] as number);
        continue;
      }
      const { lower, block } = plan;
      for (let q = 0; q < block.length; q++) a[lower[q] as number] = acc[block[q] as number] as number;
      for (let j = 0; j < p; j++) b[j] = acc[plan.rhs[j] as number] as number;
      // Cholesky (lower, row-major) with a rank check, then two triangular solves.
      if (!choleskyInPlace(a, p, PIVOT_TOLERANCE)) return 1;
      choleskySolveInPlace(a, p, b);
      // Back to the raw columns' coefficients (see SlotLayout).
      const off = offsets[e] as number;
      const map = plan.map as BackMap;
      for (let j = 0; j < p; j++) coefficients[off + j] = 0;
      for (let q = 0; q < map.row.length; q++) {
        const r = off + (map.row[q] as number);
        coefficients[r] = (coefficients[r] as number) + (map.weight[q] as number) * (b[map.col[q] as number] as number);
      }
      coefficients[off] = (coefficients[off] as number) + map.outcomeShift;
    }
    if (input.needSds) {
      for (let c = 1; c < P; c++) {
        const s1 = acc[slotOf[c] as number] as number;
        const s2 = acc[slotOf[c * P + c] as number] as number;
        let ss = s2 - (s1 * s1) / n;
        if (!(ss > 1e-4 * s2)) {
          // Cancellation (more than 4 of 16 digits lost): the resample's mean is over 100 SDs from
          // the sample's (an outlier drawn often, or not at all); sum squares about its own mean.
          // From the original values: the shifted column z has lost those digits already.
          const col = columns[c - 1] as Float64Array;
          let m = 0;
          for (let i = 0; i < n; i++) m += (w[i] as number) * (col[i] as number);
          m /= n;
          ss = 0;
          for (let i = 0; i < n; i++) {
            const wi = w[i] as number;
            if (wi !== 0) ss += wi * ((col[i] as number) - m) ** 2;
          }
        }
        sds[c] = Math.sqrt(ss / (n - 1));
      }
    }
    // An effect undefined in this resample (e.g. standardized by an outcome that is constant in
    // it) makes the attempt count as replaced, as bootstrap() does.
    let finite = true;
    const version = ++statisticsVersion;
    for (let g = 0; g < runs.length; g += 3) {
      const s = runs[g] as number;
      const count = runs[g + 1] as number;
      if (count > 0) {
        const batch = batches[s] as StatisticBatch;
        if (!batch.evaluate(coefficients, sds, version, runs[g + 2] as number, count, estimates, s * target + column, target)) finite = false;
        continue;
      }
      const v = (statistics[s] as KernelStatistic)(coefficients, sds, version);
      estimates[s * target + column] = v;
      if (!Number.isFinite(v)) finite = false;
    }
    return finite ? 0 : 2;
  };

  // Alea, inlined: the same recurrence (same IEEE operations) as seedrandom's alea, started from
  // the state randomStream(seed) starts from, so attempt t uses exactly the draws
  // bootstrapIndices(randomStream(seed), n) makes for its t-th resample (tested), without a call
  // per draw. Each draw waits for the previous one's carry, so the attempts of a span are dealt
  // to LANES lanes, each a contiguous block of attempts started by a jump of the stream, and the
  // lanes' draws are interleaved: four independent chains in flight instead of one.
  const state = { ...aleaState(input.seed) };
  if (slice !== null) advanceAlea(state, slice.start * n);
  const lanes = new Float64Array(LANES * 4); // s0, s1, s2, carry per lane
  const drawLanes = (active: number) => {
    if (active === LANES) {
      drawFour(lanes, counts, n);
      return;
    }
    for (let k = 0; k < active; k++) drawOne(lanes, k, laneCounts[k] as Float64Array, n);
  };
  let replaced = slice === null ? 0 : slice.replacedBefore;
  let accepted = 0;
  let attempts = 0;
  const progressStep = Math.max(1, Math.ceil(target / 100));
  let nextProgress = progressStep;

  while (accepted < target && attempts < attemptLimit) {
    // A span runs only attempts a sequential run would run too (it cannot reach `target` sooner),
    // each writing to the column it takes if every attempt before it is kept; the replaced ones
    // are squeezed out afterwards, so the estimates are those of the first accepted attempts in
    // attempt order: the same as one attempt after another.
    const span = Math.min(target - accepted, attemptLimit - attempts);
    const L = Math.ceil(span / LANES);
    for (let k = 0; k < LANES; k++) {
      if (k * L >= span) break;
      const laneState = { ...state };
      advanceAlea(laneState, k * L * n);
      lanes.set([laneState.s0, laneState.s1, laneState.s2, laneState.c], k * 4);
    }
    let failed = 0;
    for (let j = 0; j < L; j++) {
      let active = 0;
      while (active < LANES && active * L + j < span) active++;
      drawLanes(active);
      for (let k = 0; k < active; k++) {
        // With WebAssembly, two lanes' sums in one pass over the products (every case): about a
        // quarter faster than each lane over its own drawn cases.
        const paired = simd !== null && (k & 1) === 0 && k + 1 < active;
        if (paired) for (let q = 0; q < passes.length; q++) simd.runPair(q, k, acc, acc2);
        else if ((k & 1) === 0 || simd === null) accumulate(laneCounts[k] as Float64Array, k);
        const t = k * L + j;
        const result = attempt(laneCounts[k] as Float64Array, (k & 1) === 1 && simd !== null ? acc2 : acc, accepted + t);
        outcome[t] = result;
        if (result !== 0) failed++;
      }
      const done = accepted + (j + 1) * active - failed;
      if (onProgress !== undefined && done >= nextProgress && done < target) {
        onProgress(done, target);
        nextProgress = (Math.floor(done / progressStep) + 1) * progressStep;
      }
    }
    if (failed > 0) {
      replaced += failed;
      if (replaced > B) {
        // The (B + 1)-th replacement in attempt order decides the error, as in a sequential run.
        let k = replaced - failed;
        let kind = 1;
        for (let t = 0; t < span && k <= B; t++) {
          if (outcome[t] === 0) continue;
          k++;
          kind = outcome[t] as number;
        }
        if (kind === 1) {
          throw fail('SINGULAR', `More than ${B} bootstrap resamples had a singular design (a predictor constant or collinear in the resample); the model cannot be bootstrapped reliably.`, {
            resamples: B,
            replaced,
          });
        }
        throw fail('INVALID_INPUT', `An effect was not finite in more than ${B} bootstrap resamples; it cannot be bootstrapped.`, { resamples: B, replaced });
      }
      for (let s = 0; s < S; s++) {
        let to = s * target + accepted;
        for (let t = 0; t < span; t++) if (outcome[t] === 0) estimates[to++] = estimates[s * target + accepted + t] as number;
      }
    }
    accepted += span - failed;
    attempts += span;
    advanceAlea(state, span * n);
  }
  if (onProgress !== undefined && accepted === target) onProgress(target, target);
  if (override !== null && override.mode === 'slice') {
    const values = new Float64Array(S * accepted);
    for (let s = 0; s < S; s++) values.set(estimates.subarray(s * target, s * target + accepted), s * accepted);
    override.done({ values, statistics: S, accepted, attempts, replaced, resamples: B });
    throw KERNEL_SLICE_DONE;
  }
  return { estimates, replaced };
}

/** One lane's n draws, counted (lane state in `lanes` at 4k: s0, s1, s2, carry). */
function drawOne(lanes: Float64Array, k: number, counts: Float64Array, n: number): void {
  let s0 = lanes[4 * k] as number;
  let s1 = lanes[4 * k + 1] as number;
  let s2 = lanes[4 * k + 2] as number;
  let carry = lanes[4 * k + 3] as number;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const t = 2091639 * s0 + carry * 2.3283064365386963e-10; // 2^-32
    s0 = s1;
    s1 = s2;
    carry = t | 0;
    s2 = t - carry;
    const j = Math.floor(s2 * n);
    counts[j] = (counts[j] as number) + 1;
  }
  lanes[4 * k] = s0;
  lanes[4 * k + 1] = s1;
  lanes[4 * k + 2] = s2;
  lanes[4 * k + 3] = carry;
}

/** Four lanes' n draws each, interleaved (counts of lane k at k·n). */
function drawFour(lanes: Float64Array, counts: Float64Array, n: number): void {
  let a0 = lanes[0] as number, a1 = lanes[1] as number, a2 = lanes[2] as number, ac = lanes[3] as number; // prettier-ignore
  let b0 = lanes[4] as number, b1 = lanes[5] as number, b2 = lanes[6] as number, bc = lanes[7] as number; // prettier-ignore
  let c0 = lanes[8] as number, c1 = lanes[9] as number, c2 = lanes[10] as number, cc = lanes[11] as number; // prettier-ignore
  let d0 = lanes[12] as number, d1 = lanes[13] as number, d2 = lanes[14] as number, dc = lanes[15] as number; // prettier-ignore
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const ta = 2091639 * a0 + ac * 2.3283064365386963e-10;
    const tb = 2091639 * b0 + bc * 2.3283064365386963e-10;
    const tc = 2091639 * c0 + cc * 2.3283064365386963e-10;
    const td = 2091639 * d0 + dc * 2.3283064365386963e-10;
    a0 = a1;
    a1 = a2;
    ac = ta | 0;
    a2 = ta - ac;
    b0 = b1;
    b1 = b2;
    bc = tb | 0;
    b2 = tb - bc;
    c0 = c1;
    c1 = c2;
    cc = tc | 0;
    c2 = tc - cc;
    d0 = d1;
    d1 = d2;
    dc = td | 0;
    d2 = td - dc;
    const ja = Math.floor(a2 * n);
    const jb = Math.floor(b2 * n) + n;
    const jc = Math.floor(c2 * n) + 2 * n;
    const jd = Math.floor(d2 * n) + 3 * n;
    counts[ja] = (counts[ja] as number) + 1;
    counts[jb] = (counts[jb] as number) + 1;
    counts[jc] = (counts[jc] as number) + 1;
    counts[jd] = (counts[jd] as number) + 1;
  }
  // Stored one by one: an array literal here would allocate on every round.
  lanes[0] = a0;
  lanes[1] = a1;
  lanes[2] = a2;
  lanes[3] = ac;
  lanes[4] = b0;
  lanes[5] = b1;
  lanes[6] = b2;
  lanes[7] = bc;
  lanes[8] = c0;
  lanes[9] = c1;
  lanes[10] = c2;
  lanes[11] = cc;
  lanes[12] = d0;
  lanes[13] = d1;
  lanes[14] = d2;
  lanes[15] = dc;
}
