// Bad-input fuzz target for psychkit/worker. runInWorker checks its arguments synchronously
// (workerCall: the name, the function's options — no functions, no onProgress — and its own strict
// run options) and rejects with that error; everything after is the synchronous function itself,
// run in a worker, which the other targets fuzz. So the target is workerCall: a hostile name,
// options or run options give a documented PsychkitError, valid ones a call ready to post, and the
// arguments are never changed. (test/worker checks that runInWorker rejects with the same errors.)
import fc from 'fast-check';
import { arbitraries } from '../../../src/testing/index.js';
import { workerCall } from '../../../src/worker/arguments.js';
import type { FuzzTarget } from '../harness.js';

const hostile = arbitraries.hostileValue(fc);
const names = fc.constantFrom('processModel', 'pathModel', 'parallelAnalysis', 'cronbachAlpha', 'efa', 'omega', 'cfa', 'sem', 'invariance');
const data = fc.constant({ x: [1, 2, 3, 4], m: [2, 1, 4, 3], y: [1, 3, 2, 4] });
const options = { model: 4, x: 'x', m: 'm', y: 'y', resamples: 5000, seed: 1 };
const run = { workers: 2 };

export const WORKER_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'runInWorker',
    runs: 300,
    args: fc.oneof(
      fc.tuple(hostile, data, fc.constant(options), fc.constant(run)),
      fc.tuple(names, data, arbitraries.hostileOptions(fc, options), fc.constant(run)),
      fc.tuple(names, data, fc.constant(options), arbitraries.hostileOptions(fc, { ...run, onProgress: () => {} })),
      fc.tuple(names, data, fc.constantFrom({ ...options, onProgress: () => {} }, { equations: [{ outcome: 'y', predictors: ['x'] }], effects: { f: () => 1 } }, [options], 'options'), fc.constant(run)),
    ),
    call: (name, table, opts, settings) => workerCall(name, table, opts, settings),
    // workerCall is the call as it will be posted: the function's own options are copied as given
    // (a NaN option included) and checked by the function itself in the worker, which rejects them.
    nan: [{ path: /^(options|payload)\./, reason: 'the call as it will be posted echoes the options and data the caller passed; the function checks them in the worker (docs/runtimes.md)' }],
    check: (result) => {
      const r = result as { options: Record<string, unknown>; parallel: boolean };
      if (Object.values(r.options).some((v) => typeof v === 'function')) throw new Error('workerCall kept a function in the options');
      if (r.parallel && r.options['seed'] === undefined) throw new Error('a split bootstrap without one seed');
    },
  },
];
