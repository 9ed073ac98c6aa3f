// Messages between runInWorker (main thread) and the worker thread, and how slices of one
// bootstrap are split and put back together. Internal to psychkit/worker.
import type { KernelSlice, KernelSliceResult } from '../mediation/kernel.js';

/** Main thread → worker. */
export type ToWorker =
  /** Calls `name(data, options)`; with `slice`, runs only that slice of its bootstrap. */
  | { readonly kind: 'run'; readonly name: string; readonly data: unknown; readonly options: unknown; readonly progress: boolean; readonly slice: KernelSlice | null }
  /** Calls the previous run's function again with the bootstrap's estimates supplied (no data: the worker kept it). */
  | { readonly kind: 'assemble'; readonly chunks: readonly SliceChunk[]; readonly replaced: number };

/** The accepted estimates of one slice, statistic-major (`values[s * accepted + k]`). */
export interface SliceChunk {
  readonly values: Float64Array;
  readonly accepted: number;
}

/** An error as posted back: a PsychkitError's code, message and details, or another error's name and message. */
export interface PostedError {
  readonly code: string | null;
  readonly name: string;
  readonly message: string;
  readonly details: unknown;
}

/** Worker → main thread. */
export type FromWorker =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly kind: 'result'; readonly value: unknown }
  | { readonly kind: 'slice'; readonly result: KernelSliceResult }
  | { readonly kind: 'error'; readonly error: PostedError };

/** Attempts 0 … B − 1 in `parts` contiguous slices, as equal as possible. */
export function splitAttempts(resamples: number, parts: number): { start: number; count: number }[] {
  const out: { start: number; count: number }[] = [];
  for (let k = 0, start = 0; k < parts; k++) {
    const count = Math.floor(resamples / parts) + (k < resamples % parts ? 1 : 0);
    out.push({ start, count });
    start += count;
  }
  return out;
}

/**
 * The first B accepted estimates of the chunks, in order, statistic-major (`estimates[s * B + r]`,
 * as the kernel gives them): exactly the estimates a sequential run keeps.
 */
export function combineChunks(chunks: readonly SliceChunk[], statistics: number, resamples: number): Float64Array {
  const B = resamples;
  const estimates = new Float64Array(statistics * B);
  let r = 0;
  for (const { values, accepted } of chunks) {
    const take = Math.min(accepted, B - r);
    for (let s = 0; s < statistics; s++) estimates.set(values.subarray(s * accepted, s * accepted + take), s * B + r);
    r += take;
  }
  if (r !== B) throw new Error(`psychkit internal: ${r} bootstrap estimates for ${B} resamples.`);
  return estimates;
}
