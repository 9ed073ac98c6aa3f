// psychkit/worker: the slow functions in a worker (a module worker in browsers and Deno,
// worker_threads in Node), with progress, cancellation and a parallel bootstrap. The main thread
// only posts and receives messages; every estimate is computed by the same code as the
// synchronous call, so the results are identical.
import { fail, isPsychkitError, PsychkitError, type PsychkitErrorCode, type PsychkitErrorDetails } from '../errors.js';
import { deepFreeze } from '../util/freeze.js';
import type { KernelSliceResult } from '../mediation/kernel.js';
import type { processModel, pathModel } from '../mediation/index.js';
import type { parallelAnalysis, efa, omega } from '../factor/index.js';
import type { CronbachAlphaOptions, CronbachAlphaResult } from '../reliability/index.js';
import type { MomentsInput, Table } from '../data/index.js';
import type { cfa, sem, invariance } from '../sem/index.js';
import { MAX_DEFAULT_WORKERS, workerCall } from './arguments.js';
import { splitAttempts, type FromWorker, type PostedError, type SliceChunk, type ToWorker } from './protocol.js';

/** The functions {@link runInWorker} runs: those whose options hold no functions. */
export interface WorkerFunctions {
  processModel: typeof processModel;
  pathModel: typeof pathModel;
  parallelAnalysis: typeof parallelAnalysis;
  /** Written out: `typeof cronbachAlpha` would give its last overload (a TableView) to `Parameters`. */
  cronbachAlpha: (table: Table | MomentsInput, options?: CronbachAlphaOptions) => CronbachAlphaResult<number | null>;
  efa: typeof efa;
  omega: typeof omega;
  cfa: typeof cfa;
  sem: typeof sem;
  invariance: typeof invariance;
}

/** A function {@link runInWorker} runs, by name. */
export type WorkerFunctionName = keyof WorkerFunctions;

export { WORKER_FUNCTION_NAMES } from './arguments.js';

type WithoutProgress<T> = T extends unknown ? Omit<T, 'onProgress'> : never;

/** The options of function N, without `onProgress` (give it to runInWorker instead). */
export type WorkerOptionsOf<N extends WorkerFunctionName> = WithoutProgress<NonNullable<Parameters<WorkerFunctions[N]>[1]>>;

/** How {@link runInWorker} runs. */
export interface RunInWorkerOptions {
  /** Cancels the call: the workers are terminated and the promise rejects with `PsychkitError('ABORTED')`. */
  readonly signal?: AbortSignal;
  /** Called on the calling thread with (resamples or data sets done, total), about every 1%. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Workers for a bootstrap of `processModel` (or `pathModel`) with at least 2,000 resamples.
   * Default: the number of logical processors (`navigator.hardwareConcurrency`, or Node's
   * `os.availableParallelism()`), at most 8. Other calls use one worker.
   */
  readonly workers?: number;
  /**
   * Where psychkit's worker script is served, for tools that copy `psychkit/worker` into a file of
   * its own without `dist/worker-thread.js` beside it (Observable Framework:
   * `import.meta.resolve("psychkit/worker-thread")`). Default: `worker-thread.js` next to this module.
   */
  readonly url?: string | URL;
}

/**
 * Runs a slow function in a worker and resolves with exactly the result the synchronous call
 * gives (deeply frozen, every number bit-identical): browsers (module workers), Deno and Node
 * (worker_threads) run the same code. The calling thread only posts the data and receives the
 * result, so a page stays responsive. A bootstrap of `processModel` or `pathModel` with at least
 * 2,000 resamples is split across `workers`: each worker runs its slice of the one seeded stream
 * (resample r always uses the same draws), so the result does not depend on the number of
 * workers. Without a `seed`, one is drawn here and reported in `bootstrap.seed`, as the
 * synchronous call does.
 *
 * `data` must survive `structuredClone` (rows, an object of columns, typed arrays, a matrix,
 * moments; an Arrow or Arquero table is copied into columns first). Options must hold no
 * functions (`pathModel`'s `effects` cannot be sent to a worker); progress goes to this call's
 * own `onProgress`. Errors inside the worker reject with a `PsychkitError` of the same code,
 * message and details; an aborted `signal` terminates the workers and rejects with
 * `PsychkitError('ABORTED')`.
 *
 * @example
 * ```ts
 * import { runInWorker } from 'psychkit/worker';
 *
 * const controller = new AbortController();
 * const fit = await runInWorker('processModel', rows, { model: 4, x: 'esse', m: 'ss', y: 'pwb', resamples: 20000, seed: 1 }, {
 *   signal: controller.signal,
 *   onProgress: (done, total) => console.log(`${done} / ${total}`),
 * });
 * fit.kind; // 'processModel', the same result as processModel(rows, { …the same options })
 * ```
 */
export function runInWorker<N extends WorkerFunctionName>(name: N, data: Parameters<WorkerFunctions[N]>[0], options?: WorkerOptionsOf<N>, run?: RunInWorkerOptions): Promise<ReturnType<WorkerFunctions[N]>> {
  try {
    return start(name, data, options, run) as Promise<ReturnType<WorkerFunctions[N]>>;
  } catch (e) {
    return Promise.reject(e);
  }
}

function start(name: string, data: unknown, options: unknown, run: unknown): Promise<unknown> {
  const { payload, options: opts, settings, resamples, parallel } = workerCall(name, data, options, run);
  const signal = settings.signal;
  if (signal?.aborted === true) return Promise.reject(aborted(signal));
  return new Promise<unknown>((resolve, reject) => {
    const used: Channel[] = [];
    let settled = false;
    const finish = (error: unknown, value?: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      // Workers that have answered go back to the pool; any still computing (an error or abort
      // elsewhere) are terminated, so no late message reaches the next call.
      for (const w of used) {
        if (w.busy || (error !== null && !isPsychkitError(error))) w.terminate();
        else release(w);
      }
      if (error === null) resolve(deepFreeze(value));
      else reject(error);
    };
    const onAbort = () => finish(aborted(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort);
    const take = async (onMessage: (m: FromWorker) => void): Promise<Channel> => {
      const channel = await acquire(settings.url);
      channel.handler = (m) => {
        if (m.kind !== 'progress') channel.busy = false;
        onMessage(m);
      };
      channel.failure = (e) => finish(e);
      if (settled) release(channel); // the call is over (aborted) before this worker was needed
      else used.push(channel);
      return channel;
    };
    const send = (channel: Channel, message: ToWorker, transfer: readonly ArrayBuffer[] = []) => {
      if (settled) return;
      channel.busy = true;
      post(channel, message, transfer);
    };
    const progress = settings.onProgress;
    const main = async () => {
      if (!parallel) {
        const channel = await take((m) => {
          if (m.kind === 'progress') progress?.(m.done, m.total);
          else if (m.kind === 'result') finish(null, m.value);
          else if (m.kind === 'error') finish(revive(m.error));
        });
        send(channel, { kind: 'run', name, data: payload, options: opts, progress: progress !== undefined, slice: null });
        return;
      }
      const B = resamples as number;
      const W = Math.max(1, Math.min(settings.workers ?? (await defaultWorkers()), Math.floor(B / 1000)));
      const slices = splitAttempts(B, W);
      // Accepted resamples per worker (and, last, of the continuation), for onProgress.
      const done = new Array<number>(W + 1).fill(0);
      const results: (KernelSliceResult | null)[] = slices.map(() => null);
      const channels: Channel[] = [];
      let pending = W;
      let continuation: SliceChunk[] | null = null;
      const assemble = (chunks: SliceChunk[], replaced: number) =>
        send(channels[0] as Channel, { kind: 'assemble', chunks, replaced }, chunks.map((c) => c.values.buffer as ArrayBuffer));
      const slicesDone = () => {
        const list = results as KernelSliceResult[];
        const accepted = list.reduce((a, r) => a + r.accepted, 0);
        const replaced = list.reduce((a, r) => a + r.replaced, 0);
        const chunks = list.map((r) => ({ values: r.values, accepted: r.accepted }));
        if (accepted === B) {
          assemble(chunks, replaced);
          return;
        }
        // Some resamples were replaced: attempts B, B + 1, … until B are accepted, as the sequential run goes on.
        continuation = chunks;
        send(channels[0] as Channel, { kind: 'run', name, data: payload, options: opts, progress: progress !== undefined, slice: { start: B, attempts: Infinity, accept: B - accepted, replacedBefore: replaced } });
      };
      const handler = (k: number) => (m: FromWorker) => {
        if (m.kind === 'progress') {
          done[continuation !== null && k === 0 ? W : k] = m.done;
          progress?.(Math.min(B, done.reduce((a, b) => a + b, 0)), B);
        } else if (m.kind === 'error') finish(revive(m.error));
        else if (m.kind === 'result') finish(null, m.value); // the assembly (or nothing was bootstrapped after all)
        else if (continuation !== null && k === 0) {
          // The continuation's `replaced` counts the slices' replacements too (its replacedBefore).
          assemble([...continuation, { values: m.result.values, accepted: m.result.accepted }], m.result.replaced);
        } else {
          results[k] = m.result;
          if (--pending === 0) slicesDone();
        }
      };
      channels.push(...(await Promise.all(slices.map((_, k) => take(handler(k))))));
      slices.forEach((slice, k) => {
        send(channels[k] as Channel, { kind: 'run', name, data: payload, options: opts, progress: progress !== undefined, slice: { start: slice.start, attempts: slice.count, accept: slice.count, replacedBefore: 0 } });
      });
    };
    main().catch((e: unknown) => finish(e));
  });
}

function aborted(signal: AbortSignal): PsychkitError {
  const reason: unknown = signal.reason;
  const text = reason instanceof Error ? reason.message : reason === undefined ? 'aborted' : String(reason);
  return new PsychkitError('ABORTED', `runInWorker was aborted (${text}); its workers were terminated.`, { reason: text });
}

/** A worker's error as the caller sees it: a PsychkitError with the same code, message and details, or an Error with the same name and message. */
function revive(e: PostedError): Error {
  if (e.code !== null) return new PsychkitError(e.code as PsychkitErrorCode, e.message, (e.details ?? {}) as PsychkitErrorDetails);
  const error = new Error(e.message);
  error.name = e.name;
  return error;
}

// ---------------------------------------------------------------------------------------------
// Workers: web Workers where the runtime has them (browsers, Deno, Bun), else Node's worker_threads.

interface Channel {
  post(message: ToWorker, transfer: readonly ArrayBuffer[]): void;
  terminate(): void;
  /** Node: let the process exit while the worker idles in the pool (ref: not while it works). */
  ref(): void;
  unref(): void;
  /** Where the worker's messages and failure go (the call using it). */
  handler: ((m: FromWorker) => void) | null;
  failure: ((e: unknown) => void) | null;
  busy: boolean;
  terminated: boolean;
  /** The `url` option it was started from (undefined: the default script). */
  url: string | undefined;
}

// A pool of workers, reused across calls: a worker's first call pays for starting it and loading
// psychkit (0.1–0.5 s), later calls find it loaded and its code optimised. Idle workers are
// terminated after IDLE_MS: 15 s (a page's slider stays warm; Node lets the process exit while they
// idle), but 2 s in Deno, where an idle worker keeps the process alive, so a script ends 2 s after
// its last call.
const IDLE_MS = typeof (globalThis as { Deno?: unknown }).Deno === 'object' ? 2000 : 15_000;
const idle: Channel[] = [];
let idleTimer: ReturnType<typeof setTimeout> | null = null;

async function acquire(url: string | undefined): Promise<Channel> {
  // Pooled per script: a call with another `url` never gets a worker started from this one.
  const at = idle.findIndex((c) => c.url === url);
  if (at >= 0) {
    const channel = idle.splice(at, 1)[0] as Channel;
    channel.ref();
    return channel;
  }
  const channel = await spawn(url);
  channel.url = url;
  return channel;
}

function release(channel: Channel): void {
  if (channel.terminated) return;
  channel.handler = null;
  channel.failure = null;
  channel.unref();
  if (idle.length >= MAX_DEFAULT_WORKERS) {
    channel.terminate();
    return;
  }
  idle.push(channel);
  if (idleTimer !== null) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = null;
    for (const w of idle.splice(0)) w.terminate();
  }, IDLE_MS);
  (idleTimer as { unref?: () => void }).unref?.();
}

function channelOf(post: Channel['post'], terminate: () => void, ref: () => void, unref: () => void): Channel {
  const channel: Channel = {
    post,
    terminate() {
      channel.terminated = true;
      const at = idle.indexOf(channel);
      if (at >= 0) idle.splice(at, 1);
      terminate();
    },
    ref,
    unref,
    handler: null,
    failure: null,
    busy: false,
    terminated: false,
    url: undefined,
  };
  return channel;
}

function post(channel: Channel, message: ToWorker, transfer: readonly ArrayBuffer[] = []): void {
  try {
    channel.post(message, transfer);
  } catch (e) {
    if (isPsychkitError(e)) throw e;
    throw fail('INVALID_INPUT', `runInWorker: the data or options cannot be posted to a worker (${e instanceof Error ? e.message : String(e)}); pass rows, an object of columns or a matrix.`, {});
  }
}

/** A specifier bundlers leave alone, so browser builds never try to resolve Node built-ins. */
function nodeModule<T>(specifier: string): Promise<T> {
  return import(/* @vite-ignore */ /* webpackIgnore: true */ specifier) as Promise<T>;
}

declare const __dirname: string | undefined;

/** The worker script: beside this module (dist/worker-thread.js), or thread.ts when run from the sources (tests). */
function scriptUrl(): URL | string {
  const here = (import.meta as { url?: string }).url;
  // Written out as `new URL('./worker-thread.js', import.meta.url)`, the pattern bundlers (Vite, webpack 5, Parcel) follow to emit the file.
  if (typeof here === 'string' && here !== '') return here.endsWith('.ts') ? new URL('./thread.ts', here) : new URL('./worker-thread.js', import.meta.url);
  // The CommonJS build (dist/worker.cjs; Node only): esbuild leaves import.meta empty there.
  if (typeof __dirname === 'string') return `${__dirname}/worker-thread.js`;
  throw fail('INVALID_INPUT', 'runInWorker cannot locate worker-thread.js (no import.meta.url): load psychkit/worker as an ES module.', {});
}

async function defaultWorkers(): Promise<number> {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  let count = nav?.hardwareConcurrency;
  if (typeof count !== 'number' && typeof (globalThis as { Worker?: unknown }).Worker !== 'function') {
    try {
      const os = await nodeModule<{ availableParallelism?: () => number; cpus: () => unknown[] }>('node:os');
      count = os.availableParallelism?.() ?? os.cpus().length;
    } catch {
      count = 1;
    }
  }
  return Math.max(1, Math.min(MAX_DEFAULT_WORKERS, typeof count === 'number' && count > 0 ? Math.floor(count) : 1));
}

/** tsx's register API, for workers run from the sources (never in dist/: those load worker-thread.js). */
const TSX_API = ['tsx', 'esm', 'api'].join('/');

async function spawn(given: string | undefined): Promise<Channel> {
  // A file: URL given as text is a URL for Node's worker_threads (a plain string is a path there).
  const url = given === undefined ? scriptUrl() : given.startsWith('file:') ? new URL(given) : given;
  const WebWorker = (globalThis as { Worker?: new (url: URL | string, options?: { type?: 'module' }) => Worker }).Worker;
  const failed = (channel: Channel, error: Error) => {
    const f = channel.failure;
    channel.terminate();
    f?.(error);
  };
  if (typeof WebWorker === 'function') {
    const w = new WebWorker(url, { type: 'module' });
    const channel = channelOf(
      (m, t) => w.postMessage(m, t as ArrayBuffer[]),
      () => w.terminate(),
      () => {},
      () => {},
    );
    w.onmessage = (e: MessageEvent) => channel.handler?.(e.data as FromWorker);
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      failed(channel, new Error(`psychkit/worker: the worker failed: ${e.message || 'it could not be loaded'}.`));
    };
    w.onmessageerror = () => failed(channel, new Error('psychkit/worker: a message from the worker could not be read.'));
    return channel;
  }
  interface NodeWorker {
    on(type: 'message', f: (m: unknown) => void): void;
    on(type: 'error', f: (e: Error) => void): void;
    on(type: 'exit', f: (code: number) => void): void;
    postMessage(m: unknown, transfer?: readonly ArrayBuffer[]): void;
    terminate(): Promise<number>;
    ref(): void;
    unref(): void;
  }
  const { Worker: NodeWorkerClass } = await nodeModule<{ Worker: new (url: URL | string, options?: { eval?: boolean }) => NodeWorker }>('node:worker_threads');
  // From the sources (the tests): the worker registers tsx (a devDependency), then loads thread.ts.
  const fromSources = url instanceof URL && url.pathname.endsWith('.ts');
  const w = fromSources
    ? new NodeWorkerClass(`import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`, { eval: true })
    : new NodeWorkerClass(url);
  const channel = channelOf(
    (m, t) => w.postMessage(m, t),
    () => void w.terminate(),
    () => w.ref(),
    () => w.unref(),
  );
  w.on('message', (m) => channel.handler?.(m as FromWorker));
  w.on('error', (e) => failed(channel, new Error(`psychkit/worker: the worker failed: ${e.message}`)));
  w.on('exit', (code) => {
    if (!channel.terminated) failed(channel, new Error(`psychkit/worker: the worker exited (code ${code}) before it answered.`));
  });
  return channel;
}
