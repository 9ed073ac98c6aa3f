// The bad-input contract, checked call by call: every public function either returns a valid
// result or throws a PsychkitError whose code is documented (ERROR_CODES); it never throws a
// TypeError/RangeError from inside, never returns NaN in a field without a documented reason,
// and never changes its input (inputs are deep-frozen, and compared with a snapshot afterwards
// because typed arrays cannot be frozen).
import fc from 'fast-check';
import { ERROR_CODES, isPsychkitError } from '../../src/index.js';
import { deepFreeze } from '../../src/util/freeze.js';
import { inputSnapshot } from '../helpers/inputs.js';
import { isDeepStrictEqual } from 'node:util';

/** A documented reason for NaN in a result field (the path is matched against `a.b[3].c`). */
export interface NanAllowance {
  readonly path: RegExp;
  readonly reason: string;
}

/** One public function under fuzzing. */
export interface FuzzTarget {
  /** The export's name: `cronbachAlpha`, or `simulate.mediation` for psychkit/testing. */
  readonly name: string;
  /** Argument lists: hostile ones, and valid ones with one hostile part. */
  readonly args: fc.Arbitrary<readonly unknown[]>;
  /** Calls the function with one argument list. */
  readonly call: (...args: never[]) => unknown;
  /** Default number of runs in `npm test` (scaled by PSYCHKIT_FUZZ_RUNS). Default 150. */
  readonly runs?: number;
  /** Result fields that may be NaN, and why (each reason is documented in docs/). */
  readonly nan?: readonly NanAllowance[];
  /** Extra checks of a returned result (throw or use expect to fail). */
  readonly check?: (result: unknown, args: readonly unknown[]) => void;
}

export type Outcome = { readonly kind: 'result' } | { readonly kind: 'error'; readonly code: string };

const CODES = new Set<string>(ERROR_CODES as readonly string[]);

/** Tallies per target: results, and errors by code. Printed (and optionally written) after the run. */
export const tally = new Map<string, { calls: number; results: number; errors: Record<string, number> }>();

function record(name: string, outcome: Outcome): void {
  let t = tally.get(name);
  if (!t) tally.set(name, (t = { calls: 0, results: 0, errors: {} }));
  t.calls++;
  if (outcome.kind === 'result') t.results++;
  else t.errors[outcome.code] = (t.errors[outcome.code] ?? 0) + 1;
}

/** Paths of NaN values inside a result (plain objects, arrays, typed arrays; not functions). */
export function nanPaths(value: unknown, path = '', out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) out.push(path || '(result)');
    return out;
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return out;
  seen.add(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const a = value as unknown as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) if (Number.isNaN(a[i])) out.push(`${path}[${i}]`);
    return out;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => nanPaths(v, `${path}[${i}]`, out, seen));
    return out;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) nanPaths(v, `${path}.${String(k)}`, out, seen);
    return out;
  }
  for (const key of Object.keys(value)) nanPaths((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, out, seen);
  return out;
}

function describeArgs(args: readonly unknown[]): string {
  try {
    const s = JSON.stringify(args, (_, v) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'function' ? '[function]' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    return s.length > 600 ? `${s.slice(0, 600)}…` : s;
  } catch {
    return '[unprintable arguments]';
  }
}

/**
 * Calls a target once under the contract; throws (failing the property) on a breach, else
 * returns the outcome.
 */
export function checkCall(target: FuzzTarget, args: readonly unknown[]): Outcome {
  const before = args.map((a) => inputSnapshot(a));
  const frozen = args.map((a) => deepFreeze(a));
  let outcome: Outcome;
  let result: unknown;
  try {
    result = (target.call as (...a: unknown[]) => unknown)(...frozen);
    outcome = { kind: 'result' };
  } catch (e) {
    if (!isPsychkitError(e)) {
      const err = e as Error;
      throw new Error(`${target.name}: threw ${err?.name ?? typeof e} (not a PsychkitError): ${err?.message ?? String(e)}\n  args: ${describeArgs(args)}\n${err?.stack ?? ''}`);
    }
    if (!CODES.has(e.code)) throw new Error(`${target.name}: PsychkitError with undocumented code ${e.code}`);
    if (typeof e.message !== 'string' || e.message.length === 0) throw new Error(`${target.name}: PsychkitError ${e.code} without a message`);
    outcome = { kind: 'error', code: e.code };
  }
  args.forEach((a, i) => {
    if (!isDeepStrictEqual(a, before[i])) throw new Error(`${target.name}: argument ${i} was changed by the call\n  args: ${describeArgs(before)}`);
  });
  if (outcome.kind === 'result') {
    const bad = nanPaths(result).filter((p) => !(target.nan ?? []).some((allow) => allow.path.test(p)));
    if (bad.length > 0) throw new Error(`${target.name}: NaN without a documented reason at ${bad.slice(0, 5).join(', ')}\n  args: ${describeArgs(args)}`);
    target.check?.(result, args);
  }
  record(target.name, outcome);
  return outcome;
}
