// The worker thread of psychkit/worker (dist/worker-thread.js): a module worker in browsers and
// Deno, a worker_threads worker in Node. It runs one function per message and posts back the
// result, a slice of a bootstrap, progress, or the error.
import { isPsychkitError } from '../errors.js';
import { KERNEL_SLICE_DONE, withKernelOverride, type KernelSliceResult } from '../mediation/kernel.js';
import { WORKER_FUNCTIONS } from './functions.js';
import { combineChunks, type FromWorker, type PostedError, type ToWorker } from './protocol.js';

interface Port {
  post(message: FromWorker, transfer?: Transferable[]): void;
  listen(handler: (message: ToWorker) => void): void;
}

/** The previous run, for an `assemble` message. */
let last: { name: string; data: unknown; options: unknown; statistics: number; resamples: number } | null = null;

function posted(e: unknown): PostedError {
  if (isPsychkitError(e)) return { code: e.code, name: e.name, message: e.message, details: JSON.parse(JSON.stringify(e.details ?? {})) as unknown };
  const error = e instanceof Error ? e : new Error(String(e));
  return { code: null, name: error.name, message: error.message, details: null };
}

/** Calls the function with onProgress added; a function (or set of options) that takes no onProgress is called without. */
function call(name: string, data: unknown, options: unknown, onProgress: ((done: number, total: number) => void) | null): unknown {
  const f = WORKER_FUNCTIONS[name as keyof typeof WORKER_FUNCTIONS];
  if (onProgress === null) return f(data, options);
  try {
    return f(data, { ...(options as object), onProgress });
  } catch (e) {
    // Options are read before any work, so a refused onProgress costs nothing: call again without.
    if (isPsychkitError(e) && e.code === 'INVALID_OPTION' && e.details.option === 'onProgress') return f(data, options);
    throw e;
  }
}

function handle(port: Port, message: ToWorker): void {
  try {
    if (message.kind === 'run') {
      const { name, data, options, slice } = message;
      const progress = message.progress ? (done: number, total: number) => port.post({ kind: 'progress', done, total }) : null;
      if (slice === null) {
        port.post({ kind: 'result', value: call(name, data, options, progress) });
        return;
      }
      let result: KernelSliceResult | null = null;
      try {
        // No bootstrap after all (nothing to resample): the whole result.
        const value = withKernelOverride({ mode: 'slice', slice, done: (r) => (result = r) }, () => call(name, data, options, progress));
        port.post({ kind: 'result', value });
      } catch (e) {
        if (e !== KERNEL_SLICE_DONE || result === null) throw e;
        const r: KernelSliceResult = result;
        last = { name, data, options, statistics: r.statistics, resamples: r.resamples };
        port.post({ kind: 'slice', result: r }, [r.values.buffer as ArrayBuffer]);
      }
      return;
    }
    if (last === null) throw new Error('psychkit internal: assemble before a slice.');
    const { name, data, options, statistics, resamples } = last;
    const estimates = combineChunks(message.chunks, statistics, resamples);
    const value = withKernelOverride({ mode: 'supply', estimates, replaced: message.replaced }, () => call(name, data, options, null));
    port.post({ kind: 'result', value });
  } catch (e) {
    port.post({ kind: 'error', error: posted(e) });
  }
}

async function port(): Promise<Port> {
  const scope = globalThis as unknown as { postMessage?: (m: unknown, t?: Transferable[]) => void; addEventListener?: (type: 'message', f: (e: MessageEvent) => void) => void };
  if (typeof scope.postMessage === 'function' && typeof scope.addEventListener === 'function') {
    const post = scope.postMessage.bind(scope);
    const add = scope.addEventListener.bind(scope);
    return { post: (m, t) => post(m, t ?? []), listen: (h) => add('message', (e) => h(e.data as ToWorker)) };
  }
  // Node's worker_threads, loaded only here (never in a browser), by a specifier bundlers leave alone.
  const specifier = 'node:worker_threads';
  const { parentPort } = (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as {
    parentPort: { postMessage(m: unknown, t?: readonly unknown[]): void; on(type: 'message', f: (m: unknown) => void): void } | null;
  };
  if (parentPort === null) throw new Error('psychkit/worker: worker-thread.js is a worker script; load it with runInWorker.');
  return { post: (m, t) => parentPort.postMessage(m, t ?? []), listen: (h) => parentPort.on('message', (m) => h(m as ToWorker)) };
}

void port().then((p) => p.listen((message) => handle(p, message)));
