// The functions psychkit/worker runs, by name: those whose options hold no functions (a function
// cannot be posted to a worker). Imported by the worker thread only: the main-thread module
// (index.ts) needs their types and names, not their code.
import { processModel, pathModel } from '../mediation/index.js';
import { parallelAnalysis, efa, omega } from '../factor/index.js';
import { cronbachAlpha } from '../reliability/index.js';
import { cfa, sem, invariance } from '../sem/index.js';

/** Each function, called as `(data, options)`. */
export const WORKER_FUNCTIONS = {
  processModel: processModel as (data: unknown, options: unknown) => unknown,
  pathModel: pathModel as (data: unknown, options: unknown) => unknown,
  parallelAnalysis: parallelAnalysis as (data: unknown, options: unknown) => unknown,
  cronbachAlpha: cronbachAlpha as (data: unknown, options: unknown) => unknown,
  efa: efa as (data: unknown, options: unknown) => unknown,
  omega: omega as (data: unknown, options: unknown) => unknown,
  cfa: cfa as (data: unknown, options: unknown) => unknown,
  sem: sem as (data: unknown, options: unknown) => unknown,
  invariance: invariance as (data: unknown, options: unknown) => unknown,
};
