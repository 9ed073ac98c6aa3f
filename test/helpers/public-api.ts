import * as core from '../../src/index.js';
import * as testing from '../../src/testing/index.js';
import * as worker from '../../src/worker/index.js';

/** Every function a user can import: runtime function exports of psychkit and psychkit/worker, `simulate.*` / `arbitraries.*` of psychkit/testing, and its top-level helpers (`alignFactors`, …). */
export function publicFunctionNames(): string[] {
  const names = Object.entries(core)
    .filter(([, v]) => typeof v === 'function')
    .map(([k]) => k);
  for (const [k, v] of Object.entries(worker)) if (typeof v === 'function') names.push(k);
  for (const [ns, obj] of Object.entries(testing)) {
    if (typeof obj === 'function') {
      names.push(ns);
      continue;
    }
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) if (typeof v === 'function') names.push(`${ns}.${k}`);
  }
  return names.sort();
}
