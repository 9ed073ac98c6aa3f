// Bad-input fuzzing of every public function (issue 7). Targets live in ./targets/<area>.ts; this
// file runs them and checks that none is missing. Run it larger with
//   PSYCHKIT_FUZZ_RUNS=20 PSYCHKIT_FUZZ_REPORT=fuzz-report.json npx vitest run test/fuzz
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { checkCall, tally, type FuzzTarget } from './harness.js';
import { numRuns } from '../helpers/runs.js';
import { publicFunctionNames } from '../helpers/public-api.js';
import { ALL_TARGETS } from './targets/index.js';

describe('fuzz registry', () => {
  it('has a target for every public function, and no stray names', () => {
    const targeted = new Set(ALL_TARGETS.map((t) => t.name));
    const publicNames = publicFunctionNames();
    expect(publicNames.filter((n) => !targeted.has(n))).toEqual([]);
    expect([...targeted].filter((n) => !publicNames.includes(n))).toEqual([]);
  });
});

describe('bad input: a valid result or a documented PsychkitError, input unchanged', () => {
  it.each(ALL_TARGETS.map((t) => [t.name, t] as [string, FuzzTarget]))('%s', (_, target) => {
    fc.assert(
      fc.property(target.args, (args) => {
        checkCall(target, args);
      }),
      { numRuns: numRuns(target.runs ?? 150) },
    );
  });
});

afterAll(() => {
  let calls = 0;
  let results = 0;
  const codes: Record<string, number> = {};
  for (const t of tally.values()) {
    calls += t.calls;
    results += t.results;
    for (const [c, k] of Object.entries(t.errors)) codes[c] = (codes[c] ?? 0) + k;
  }
  const summary = { targets: tally.size, calls, results, psychkitErrors: calls - results, codes, perTarget: Object.fromEntries(tally) };
  const path = typeof process !== 'undefined' ? process.env['PSYCHKIT_FUZZ_REPORT'] : undefined;
  if (path) writeFileSync(path, `${JSON.stringify(summary, null, 2)}\n`);
  if (typeof process !== 'undefined' && process.env['PSYCHKIT_FUZZ_RUNS']) {
    // Only calls that passed every check are tallied; a breach fails its test instead.
    console.log(`fuzz: ${calls} calls passed the contract over ${tally.size} functions (${results} results, ${calls - results} PsychkitErrors)`);
  }
});
