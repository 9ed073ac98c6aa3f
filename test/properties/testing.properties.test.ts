// Properties of the hostile arbitraries of psychkit/testing: each generated value is what its
// documentation says, and psychkit's data layer reacts to each hostile table kind as documented.
// (The other arbitraries and the simulators have theirs in test/testing.)
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cellToNumber, isPsychkitError, numericColumns, type PsychkitError } from '../../src/index.js';
import { arbitraries, type HostileTable } from '../../src/testing/index.js';
import { numRuns } from '../helpers/runs.js';

describe('arbitraries.hostileValue', () => {
  it('never yields a symbol unless asked to, and cellToNumber turns every value into a number or a PsychkitError', () => {
    fc.assert(
      fc.property(arbitraries.hostileValue(fc), arbitraries.hostileValue(fc, { symbols: true }), (v, w) => {
        expect(typeof v).not.toBe('symbol');
        for (const value of [v, w]) {
          try {
            expect(typeof cellToNumber(value, 'q', 0)).toBe('number');
          } catch (e) {
            expect(isPsychkitError(e), String(e)).toBe(true);
            expect(['NON_NUMERIC', 'NON_FINITE']).toContain((e as PsychkitError).code);
          }
        }
      }),
      { numRuns: numRuns(300) },
    );
  });
});

/** Reads a hostile table as numbers, returning the result or the PsychkitError code. */
function read(h: HostileTable): ReturnType<typeof numericColumns> | string {
  try {
    return numericColumns(h.table as never, h.items);
  } catch (e) {
    if (isPsychkitError(e)) return e.code;
    throw e;
  }
}

describe('arbitraries.hostileTable', () => {
  it('every kind is what it says, as psychkit reads it', () => {
    fc.assert(
      fc.property(arbitraries.hostileTable(fc), (h) => {
        const got = read(h);
        const data = typeof got === 'string' ? null : got;
        const values = data?.columns.map((c) => Array.from(c)) ?? [];
        const cells = values.flat();
        switch (h.kind) {
          case 'not-a-table':
            expect(['INVALID_INPUT', 'MISSING_COLUMN']).toContain(got);
            break;
          case 'empty':
            expect(data === null ? got : data.n).toBe(data === null ? 'MISSING_COLUMN' : 0);
            break;
          case 'single-row':
            expect(data!.n).toBe(1);
            break;
          case 'constant-column':
            expect(values.some((c) => new Set(c).size === 1)).toBe(true);
            break;
          case 'all-missing-column':
            expect(values.some((c) => c.every(Number.isNaN))).toBe(true);
            break;
          case 'huge-values':
            expect(cells.every((v) => Number.isFinite(v) && Math.abs(v) >= 1e290)).toBe(true);
            break;
          case 'tiny-values':
            expect(cells.every((v) => v > 0 && v <= 7e-300)).toBe(true);
            break;
          case 'hostile-cells':
            if (data === null) expect(['NON_NUMERIC', 'NON_FINITE']).toContain(got);
            else expect(cells.every((v) => Number.isNaN(v) || Number.isFinite(v))).toBe(true);
            break;
          case 'mismatched-lengths':
            expect(got).toBe('LENGTH_MISMATCH');
            break;
          case 'fewer-rows-than-columns':
            expect(data!.n).toBeLessThan(h.items.length);
            break;
          case 'collinear': {
            const last = values[values.length - 1]!;
            const others = values.slice(0, -1);
            last.forEach((v, i) => expect(v).toBe(others.length === 1 ? others[0]![i] : others.reduce((s, c) => s + c[i]!, 0)));
            break;
          }
          case 'duplicate-names':
            expect(new Set(h.items).size).toBeLessThan(h.items.length);
            expect(got).toBe('DUPLICATE_NAME');
            break;
          case 'missing-column':
            expect(got).toBe('MISSING_COLUMN');
            break;
          case 'prototype-names':
            expect(h.items).toContain('__proto__');
            expect(cells.every((v) => Number.isInteger(v) && v >= 1 && v <= 7)).toBe(true); // read as own keys
            break;
          case 'sparse-rows': {
            const rows = h.table as unknown[];
            expect(data!.n).toBe(rows.length);
            for (let i = 0; i < rows.length; i++) {
              const row = values.map((c) => c[i]!);
              if (i in rows) expect(row.every((v) => Number.isInteger(v))).toBe(true);
              else expect(row.every(Number.isNaN)).toBe(true); // a hole is a row with nothing answered
            }
            break;
          }
        }
      }),
      { numRuns: numRuns(300) },
    );
  });
});

describe('arbitraries.hostileOptions', () => {
  it('yields the valid object, a non-object, or the valid object with exactly one key added, changed or removed', () => {
    const valid = fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }).filter((k) => k !== '__proto__'), fc.oneof(fc.integer(), fc.string(), fc.boolean()), { maxKeys: 4 });
    fc.assert(
      fc.property(valid.chain((v) => fc.tuple(fc.constant(v), arbitraries.hostileOptions(fc, v))), ([v, o]) => {
        if (typeof o !== 'object' || o === null || Array.isArray(o)) return; // not an options object at all
        const keys = new Set([...Object.keys(v), ...Object.keys(o)]);
        const differing = [...keys].filter((k) => !(Object.hasOwn(o, k) && Object.hasOwn(v, k) && Object.is((o as Record<string, unknown>)[k], v[k])));
        expect(differing.length, JSON.stringify(differing)).toBeLessThanOrEqual(1);
        expect(v).not.toBe(o); // a copy: the caller's object is never handed out
      }),
      { numRuns: numRuns(300) },
    );
  });
});
