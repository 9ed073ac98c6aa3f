// The bootstrap kernel's cross-product passes in WebAssembly SIMD (two doubles per instruction),
// where the runtime allows it; kernel.ts falls back to its JavaScript loops otherwise (no
// WebAssembly, no SIMD, or a Content-Security-Policy without 'wasm-unsafe-eval'). Both add in the
// same order with the same IEEE operations, so the results are bit-identical (tested).
import { KERNEL_SIMD_MODULE } from './kernel-simd-module.js';

/** A pass as kernel.ts plans it (see there): its products (length × slots.length) are stored in `values` of {@link SimdPasses}. */
export interface PassLayout {
  readonly rows: Int32Array | null;
  readonly length: number;
  readonly slots: Int32Array;
}

type PassFunction = (values: number, index: number, m: number, counts: number, out: number) => void;
type PairFunction = (values: number, index: number, m: number, counts: number, counts2: number, out: number) => void;

/** The passes, their products copied into the module's memory, with the counts and the drawn list there too. */
export interface SimdPasses {
  /** `lanes` × n counts, in the module's memory (the kernel draws into it). */
  readonly counts: Float64Array;
  /** The drawn cases' list (n), in the module's memory. */
  readonly drawn: Int32Array;
  /** Each pass's products (length × width, case-major), in the module's memory: the caller fills them. */
  readonly values: readonly Float64Array[];
  /** Ends the run: the module's memory may serve the next one (the arrays above must not be used after). */
  release(): void;
  /** Runs pass q for the counts of `lane` and stores its sums in `acc`, as kernel.ts's runPass does. */
  run(q: number, lane: number, nDrawn: number, acc: Float64Array): void;
  /** Runs pass q for lanes `lane` and `lane + 1` at once (every case), into `acc` and `acc2`. */
  runPair(q: number, lane: number, acc: Float64Array, acc2: Float64Array): void;
}

let compiled: WebAssembly.Module | null | undefined; // undefined: not tried yet
let enabled = true;

/** For tests: turns the WebAssembly passes off (false) or back on (true); returns the previous setting. */
export function setKernelSimd(on: boolean): boolean {
  const previous = enabled;
  enabled = on;
  return previous;
}

/** For tests: forget the compiled module (or its absence), so the next run compiles it again. */
export function forgetKernelSimdModule(): void {
  compiled = undefined;
}

function simdModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    if (typeof WebAssembly === 'object' && typeof atob === 'function') {
      const text = atob(KERNEL_SIMD_MODULE);
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      // 2 kB: small enough for a synchronous compile on a browser's main thread (the limit is 4 kB).
      if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
    }
  } catch {
    compiled = null;
  }
  return compiled;
}

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

interface KernelInstance {
  readonly memory: WebAssembly.Memory;
  readonly exports: Record<string, PassFunction & PairFunction>;
}

/** At most this much module memory is kept between runs (64 MiB); a larger run's is left to the garbage collector. */
const KEEP_PAGES = 1024;

// One instance and its memory, reused by the next run: a fresh memory per run is slow to touch the
// first time, and a long session of runs that each leave megabytes of memory behind slowed later
// runs by a third (measured over the PROCESS catalog). `inUse` guards a run inside a run (an
// effect function of pathModel that itself bootstraps): that one gets an instance of its own.
let kept: KernelInstance | null = null;
let inUse = false;

function acquire(module: WebAssembly.Module, pages: number): KernelInstance {
  if (!inUse && kept !== null && pages <= KEEP_PAGES) {
    const have = kept.memory.buffer.byteLength / 65536;
    if (have < pages) kept.memory.grow(pages - have);
    inUse = true;
    return kept;
  }
  const memory = new WebAssembly.Memory({ initial: pages });
  const instance = { memory, exports: new WebAssembly.Instance(module, { kernel: { memory } }).exports as unknown as Record<string, PassFunction & PairFunction> };
  if (!inUse && pages <= KEEP_PAGES) {
    kept = instance;
    inUse = true;
  }
  return instance;
}

/** The passes in WebAssembly, or null where it is unavailable (the caller uses its JavaScript loops). */
export function simdPasses(passes: readonly PassLayout[], n: number, lanes: number): SimdPasses | null {
  if (!enabled) return null;
  const module = simdModule();
  if (module === null) return null;
  // Layout: 128 bytes of sums (two lanes), the counts, the drawn list, then each pass's rows and products.
  const countsAt = 128;
  const drawnAt = align(countsAt + lanes * n * 8);
  let end = align(drawnAt + n * 4);
  const placed = passes.map((pass) => {
    const rowsAt = end;
    end = align(end + (pass.rows === null ? 0 : pass.rows.length * 4));
    const valuesAt = end;
    end = align(end + pass.length * pass.slots.length * 8);
    return { rowsAt, valuesAt };
  });
  // Beyond 1 GiB (n·slots·8 bytes), stay in JavaScript rather than ask for one more huge block.
  if (end > 2 ** 30) return null;
  const pages = Math.ceil(end / 65536);
  let instance: KernelInstance;
  try {
    instance = acquire(module, pages);
  } catch {
    return null;
  }
  const { memory, exports } = instance;
  const buffer = memory.buffer;
  const values = passes.map((pass, q) => {
    const at = placed[q] as (typeof placed)[number];
    if (pass.rows !== null) new Int32Array(buffer, at.rowsAt, pass.rows.length).set(pass.rows);
    return new Float64Array(buffer, at.valuesAt, pass.length * pass.slots.length);
  });
  const counts = new Float64Array(buffer, countsAt, lanes * n);
  const drawn = new Int32Array(buffer, drawnAt, n);
  const sums = new Float64Array(buffer, 0, 16);
  const width = passes.map((p) => p.slots.length);
  const fns = passes.map((p) => {
    const w = p.slots.length;
    return {
      all: exports[`all${w}`] as PassFunction,
      list: exports[`list${w}`] as PassFunction,
      rows: exports[`rows${w}`] as PassFunction,
      all2: exports[`all${w}x2`] as PairFunction,
      rows2: exports[`rows${w}x2`] as PairFunction,
    };
  });
  return {
    counts,
    drawn,
    values,
    release() {
      if (instance === kept) inUse = false;
    },
    run(q, lane, nDrawn, acc) {
      const pass = passes[q] as PassLayout;
      const at = placed[q] as (typeof placed)[number];
      const f = fns[q] as (typeof fns)[number];
      const laneCounts = countsAt + lane * n * 8;
      if (pass.rows !== null) f.rows(at.valuesAt, at.rowsAt, pass.length, laneCounts, 0);
      else if (nDrawn === pass.length) f.all(at.valuesAt, 0, pass.length, laneCounts, 0);
      else f.list(at.valuesAt, drawnAt, nDrawn, laneCounts, 0);
      const slots = pass.slots;
      for (let j = 0; j < (width[q] as number); j++) acc[slots[j] as number] = sums[j] as number;
    },
    runPair(q, lane, acc, acc2) {
      const pass = passes[q] as PassLayout;
      const at = placed[q] as (typeof placed)[number];
      const f = fns[q] as (typeof fns)[number];
      const laneCounts = countsAt + lane * n * 8;
      if (pass.rows !== null) f.rows2(at.valuesAt, at.rowsAt, pass.length, laneCounts, laneCounts + n * 8, 0);
      else f.all2(at.valuesAt, 0, pass.length, laneCounts, laneCounts + n * 8, 0);
      const slots = pass.slots;
      const w = width[q] as number;
      for (let j = 0; j < w; j++) {
        acc[slots[j] as number] = sums[j] as number;
        acc2[slots[j] as number] = sums[w + j] as number;
      }
    },
  };
}
