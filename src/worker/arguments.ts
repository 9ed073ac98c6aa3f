// The synchronous half of runInWorker: checks the name, the function's options (no functions, no
// onProgress) and the run options (strict), and prepares what is posted. Internal: the fuzz and
// strict-options tests call it directly (runInWorker itself reports these errors by rejecting).
import { fail } from '../errors.js';
import { defineOptions, field } from '../util/options.js';
import { tableLikeColumns } from '../data/table.js';

/** Every name runInWorker accepts. */
export const WORKER_FUNCTION_NAMES: readonly ('processModel' | 'pathModel' | 'parallelAnalysis' | 'cronbachAlpha' | 'efa' | 'omega' | 'cfa' | 'sem' | 'invariance')[] = Object.freeze(['processModel', 'pathModel', 'parallelAnalysis', 'cronbachAlpha', 'efa', 'omega', 'cfa', 'sem', 'invariance'] as const);

/** Resamples from which a bootstrap is split across workers (below, starting workers costs more than it saves). */
const PARALLEL_MIN_RESAMPLES = 2000;
/** The default number of workers is at most this. */
export const MAX_DEFAULT_WORKERS = 8;

const readRunOptions = defineOptions('runInWorker', {
  signal: (v: unknown, k: string): AbortSignal | undefined => {
    if (v === undefined) return undefined;
    if (typeof v !== 'object' || v === null || typeof (v as { aborted?: unknown }).aborted !== 'boolean' || typeof (v as { addEventListener?: unknown }).addEventListener !== 'function') {
      throw fail('INVALID_OPTION', `\`${k}\` must be an AbortSignal (from an AbortController).`, { option: k });
    }
    return v as AbortSignal;
  },
  onProgress: field.progress(),
  workers: field.optionalNumber(1, 64, { integer: true }),
  url: (v: unknown, k: string): string | undefined => {
    if (v === undefined) return undefined;
    const href = typeof v === 'string' ? v : typeof v === 'object' && v !== null && typeof (v as { href?: unknown }).href === 'string' ? (v as { href: string }).href : '';
    if (href === '') throw fail('INVALID_OPTION', `\`${k}\` must be the URL of psychkit's worker script (psychkit/worker-thread), as a string or a URL.`, { option: k });
    return href;
  },
});

/** A call, checked and ready to post. */
export interface WorkerCall {
  readonly name: string;
  /** The data as posted (an Arrow or Arquero table copied into columns). */
  readonly payload: unknown;
  /** A copy of the options (with the seed drawn here for a split bootstrap). */
  readonly options: Record<string, unknown>;
  readonly settings: ReturnType<typeof readRunOptions.read>;
  /** Resamples of a bootstrap that can be split (processModel, pathModel), else null. */
  readonly resamples: number | null;
  readonly parallel: boolean;
}

/** Checks a runInWorker call; throws PsychkitError('INVALID_OPTION') as runInWorker rejects. Never changes its arguments. */
export function workerCall(name: unknown, data: unknown, options: unknown, run: unknown): WorkerCall {
  if (typeof name !== 'string' || !(WORKER_FUNCTION_NAMES as readonly string[]).includes(name)) {
    throw fail('INVALID_OPTION', `runInWorker: ${typeof name === 'string' ? `"${name}"` : typeof name} is not a function runInWorker runs; it runs ${WORKER_FUNCTION_NAMES.join(', ')}.`, {
      option: 'name',
      value: name,
      known: [...WORKER_FUNCTION_NAMES],
    });
  }
  const settings = readRunOptions.read(run);
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw fail('INVALID_OPTION', `runInWorker: the options of ${name} must be an object; got ${Array.isArray(options) ? 'an array' : options === null ? 'null' : typeof options}.`, { option: 'options' });
  }
  const opts: Record<string, unknown> = { ...(options as Record<string, unknown> | undefined) };
  if ('onProgress' in opts) {
    throw fail('INVALID_OPTION', 'runInWorker: give `onProgress` to runInWorker (its fourth argument, `{ onProgress }`), not in the options of the function: a function cannot be posted to a worker.', {
      option: 'onProgress',
    });
  }
  const where = functionIn(opts, '');
  if (where !== null) {
    throw fail('INVALID_OPTION', `runInWorker: \`${where}\` is a function, which cannot be posted to a worker; call ${name} directly for options that hold functions.`, { option: where.split(/[.[]/)[0] as string });
  }
  const resamples = bootstrapResamples(name, opts);
  const parallel = resamples !== null && resamples >= PARALLEL_MIN_RESAMPLES && settings.workers !== 1;
  if (parallel && opts['seed'] === undefined) opts['seed'] = Math.floor(Math.random() * 2 ** 31); // as freshSeed(): one seed for every slice
  return { name, payload: cloneable(data), options: opts, settings, resamples, parallel };
}

/** The number of resamples of a call whose bootstrap can be split, or null. */
function bootstrapResamples(name: string, options: Record<string, unknown>): number | null {
  // processModel's models 1–3 have no bootstrap (and refuse a seed); pathModel bootstraps its effects.
  if (name === 'processModel' && !(typeof options['model'] === 'number' && options['model'] >= 4)) return null;
  if (name !== 'processModel' && name !== 'pathModel') return null;
  const r = options['resamples'] ?? 5000;
  return typeof r === 'number' && Number.isInteger(r) && r > 0 ? r : null;
}

/** The path of the first function inside the options, or null. */
function functionIn(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'function') return path;
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || depth > 8) return null;
  for (const [k, v] of Object.entries(value)) {
    const found = functionIn(v, Array.isArray(value) ? `${path}[${k}]` : path === '' ? k : `${path}.${k}`, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** An Arrow- or Arquero-like table as an object of its columns (their methods cannot be posted); anything else as it is. */
function cloneable(data: unknown): unknown {
  return tableLikeColumns(data) ?? data;
}

