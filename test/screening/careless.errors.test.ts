import { describe, expect, it } from 'vitest';
import { evenOddConsistency } from '../../src/screening/even-odd.js';
import { longstring } from '../../src/screening/longstring.js';
import { mahalanobis } from '../../src/screening/mahalanobis.js';
import { psychometricSynonyms } from '../../src/screening/psychometric-synonyms.js';
import { responseVariability } from '../../src/screening/response-variability.js';
import { screenResponses } from '../../src/screening/screen-responses.js';
import { errorOf } from '../helpers/errors.js';

const data = [
  { a: 1, b: 2, c: 3, d: 3 },
  { a: 2, b: 2, c: 4, d: 3 },
  { a: 3, b: 5, c: 4, d: 3 },
  { a: 4, b: 4, c: 1, d: 3 },
  { a: 5, b: 1, c: 2, d: 3 },
  { a: 2, b: 3, c: 5, d: 3 },
];

describe('careless-responding indices: errors', () => {
  it('a constant column in Mahalanobis is ZERO_VARIANCE naming the column', () => {
    const e = errorOf(() => mahalanobis(data));
    expect(e.code).toBe('ZERO_VARIANCE');
    expect(e.details.column).toBe('d');
    expect(e.message).toContain('"d"');
  });

  it('linearly dependent items are SINGULAR naming them', () => {
    const rows = data.map((r) => ({ a: r.a, b: r.b, c: r.c, total: r.a + r.b + r.c }));
    const e = errorOf(() => mahalanobis(rows));
    expect(e.code).toBe('SINGULAR');
    expect(e.details.columns).toEqual(['a', 'b', 'c', 'total']);
  });

  it('a pair with fewer than 2 common answers is TOO_FEW_CASES', () => {
    const e = errorOf(() => mahalanobis({ a: [1, 2, null, null], b: [null, null, 3, 4], c: [1, 3, 2, 5] }));
    expect(e.code).toBe('TOO_FEW_CASES');
    expect(e.details.columns).toEqual(['a', 'b']);
  });

  it('fewer than 2 items is TOO_FEW_VARIABLES; unknown columns MISSING_COLUMN; text NON_NUMERIC', () => {
    for (const f of [longstring, responseVariability, mahalanobis, psychometricSynonyms, screenResponses] as const) {
      expect(errorOf(() => f(data, { columns: ['a'] })).code).toBe('TOO_FEW_VARIABLES');
      expect(errorOf(() => f(data, { columns: ['a', 'zz'] })).code).toBe('MISSING_COLUMN');
      expect(errorOf(() => f([{ a: 1, b: 'x' }], { columns: ['a', 'b'] })).code).toBe('NON_NUMERIC');
      expect(errorOf(() => f(data, { columns: ['a', 'a'] })).code).toBe('DUPLICATE_NAME');
    }
  });

  it('options are strict', () => {
    expect(errorOf(() => longstring(data, { colums: ['a'] } as never)).details.suggestion).toBe('columns');
    expect(errorOf(() => mahalanobis(data, { significance: 1 })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => mahalanobis(data, { confidence: 0.99 } as never)).code).toBe('INVALID_OPTION');
    expect(errorOf(() => psychometricSynonyms(data, { threshold: 1.2 })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => screenResponses(data, { cutoffs: { longstrng: 3 } as never })).details.suggestion).toBe('longstring');
    expect(errorOf(() => screenResponses(data, { cutoffs: { evenOdd: 'high' as never } })).details.option).toBe('cutoffs.evenOdd');
  });

  it('even-odd: scales required, at least 2 subscales of 2 items, no item twice, items among the screen columns', () => {
    expect(errorOf(() => evenOddConsistency(data, undefined as never)).code).toBe('INVALID_OPTION');
    expect(errorOf(() => evenOddConsistency(data, { scales: { x: ['a', 'b'] } })).code).toBe('TOO_FEW_VARIABLES');
    expect(errorOf(() => evenOddConsistency(data, { scales: { x: ['a', 'b'], y: ['c'] } })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => evenOddConsistency(data, { scales: { x: ['a', 'b'], y: ['b', 'c'] } })).code).toBe('DUPLICATE_NAME');
    expect(errorOf(() => evenOddConsistency(data, { scales: [['a', 'b'], 'c'] as never })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => screenResponses(data, { columns: ['a', 'b', 'c'], scales: { x: ['a', 'b'], y: ['c', 'd'] } })).details.column).toBe('d');
  });

  it('the screen reports an impossible Mahalanobis as a warning, not an error', () => {
    const s = screenResponses(data);
    expect(s.rows.every((r) => r.mahalanobis === null && r.mahalanobisP === null)).toBe(true);
    expect(s.warnings.map((w) => w.code)).toContain('ZERO_VARIANCE');
    expect(s.cutoffs.mahalanobis).toBeNull();
  });

  it('no synonym pair: null scores with NO_SCORES (careless stops)', () => {
    const r = psychometricSynonyms(data, { columns: ['a', 'b', 'c'], threshold: 0.95 });
    expect(r.pairs).toEqual([]);
    expect(r.values.every((v) => v === null)).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['NO_SCORES']);
  });

  it('inputs are not mutated and results are frozen, JSON-safe', () => {
    const rows = data.map((r, i) => ({ ...r, d: (r.a * r.b + i * i) % 5 }));
    const copy = structuredClone(rows);
    const s = screenResponses(rows, { scales: { x: ['a', 'b'], y: ['c', 'd'] }, synonymThreshold: 0.1 });
    expect(rows).toEqual(copy);
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.rows[0])).toBe(true);
    expect(Object.isFrozen(s.rows[0]!.flags)).toBe(true);
    expect(JSON.parse(JSON.stringify(s))).toEqual(structuredClone(s));
    for (const r of [longstring(rows), responseVariability(rows), mahalanobis(rows), psychometricSynonyms(rows, { threshold: 0.1 }), evenOddConsistency(rows, { scales: [['a', 'b'], ['c', 'd']] })]) {
      expect(Object.isFrozen(r.values)).toBe(true);
      expect(JSON.parse(JSON.stringify(r))).toEqual(structuredClone(r));
    }
  });
});
