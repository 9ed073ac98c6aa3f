import { describe, expect, it } from 'vitest';
import { cronbachAlpha, defineScale, type PsychkitError } from '../../src/index.js';

function caught(f: () => unknown): PsychkitError {
  try {
    f();
  } catch (e) {
    return e as PsychkitError;
  }
  throw new Error('expected a PsychkitError');
}

const rows = [
  { a: 1, b: 2, c: 2 },
  { a: 2, b: 2, c: 3 },
  { a: 4, b: 5, c: 4 },
  { a: 5, b: 4, c: 5 },
  { a: 3, b: 3, c: null },
];
const items = ['a', 'b', 'c'];

describe('cronbachAlpha bad input', () => {
  it('a missing column: MISSING_COLUMN naming it', () => {
    const e = caught(() => cronbachAlpha(rows, { columns: ['a', 'b', 'zz'] }));
    expect(e.code).toBe('MISSING_COLUMN');
    expect(e.details.column).toBe('zz');
  });
  it('a string in a numeric column: NON_NUMERIC naming column and row', () => {
    const bad = rows.map((r, i) => (i === 3 ? { ...r, b: 'four' } : r));
    const e = caught(() => cronbachAlpha(bad, { columns: items }));
    expect(e.code).toBe('NON_NUMERIC');
    expect(e.details).toMatchObject({ column: 'b', row: 3, value: 'four' });
  });
  it('numeric strings are numbers (d3-dsv output)', () => {
    const strings = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)])));
    expect(cronbachAlpha(strings, { columns: items }).alpha).toBe(cronbachAlpha(rows, { columns: items }).alpha);
  });
  it('±Infinity: NON_FINITE', () => {
    const bad = rows.map((r, i) => (i === 0 ? { ...r, a: Infinity } : r));
    expect(caught(() => cronbachAlpha(bad, { columns: items })).code).toBe('NON_FINITE');
  });
  it('an out-of-range or non-integer response with a declared range: OUT_OF_RANGE naming row, column and value', () => {
    const high = rows.map((r, i) => (i === 2 ? { ...r, c: 9 } : r));
    const e = caught(() => cronbachAlpha(high, { columns: items, response: { min: 1, max: 5 } }));
    expect(e.code).toBe('OUT_OF_RANGE');
    expect(e.details).toMatchObject({ column: 'c', row: 2, value: 9 });
    const half = rows.map((r, i) => (i === 1 ? { ...r, a: 2.5 } : r));
    expect(caught(() => cronbachAlpha(half, { columns: items, response: { min: 1, max: 5 } })).details).toMatchObject({ column: 'a', row: 1, value: 2.5 });
    // Without a declared range nothing is checked.
    expect(Number.isFinite(cronbachAlpha(high, { columns: items }).alpha)).toBe(true);
  });
  it("outOfRange: 'missing' treats such responses as missing, with a warning listing them", () => {
    const high = rows.map((r, i) => (i === 2 ? { ...r, c: 9 } : r));
    const a = cronbachAlpha(high, { columns: items, response: { min: 1, max: 5 }, outOfRange: 'missing' });
    const w = a.warnings.find((x) => x.code === 'INVALID_RESPONSES_MISSING');
    expect(w?.details?.responses).toEqual([{ row: 2, column: 'c', value: 9, reason: 'out-of-range' }]);
    expect(a.items[2]!.n).toBe(3);
  });
  it('a constant item: ZERO_VARIANCE naming it', () => {
    const flat = rows.map((r) => ({ ...r, b: 3 }));
    const e = caught(() => cronbachAlpha(flat, { columns: items }));
    expect(e.code).toBe('ZERO_VARIANCE');
    expect(e.details.column).toBe('b');
  });
  it('fewer than 2 items: TOO_FEW_VARIABLES', () => {
    expect(caught(() => cronbachAlpha(rows, { columns: ['a'] })).code).toBe('TOO_FEW_VARIABLES');
    expect(caught(() => cronbachAlpha([[1], [2], [3]])).code).toBe('TOO_FEW_VARIABLES');
    const scale = defineScale({ id: 's', items, response: { min: 1, max: 5 }, subscales: { one: ['a'] } });
    expect(caught(() => cronbachAlpha(rows, { scale, subscale: 'one' })).code).toBe('TOO_FEW_VARIABLES');
  });
  it('fewer than 2 complete cases: TOO_FEW_CASES', () => {
    const sparse = [
      { a: 1, b: 2, c: null },
      { a: 2, b: null, c: 3 },
      { a: 4, b: 5, c: 4 },
    ];
    expect(caught(() => cronbachAlpha(sparse, { columns: items, missing: 'listwise' })).code).toBe('TOO_FEW_CASES');
    // Pairwise: b and c share one answered row.
    expect(caught(() => cronbachAlpha(sparse, { columns: items })).code).toBe('TOO_FEW_CASES');
    expect(caught(() => cronbachAlpha([{ a: 1, b: 2 }], { columns: ['a', 'b'] })).code).toBe('TOO_FEW_CASES');
  });
  it('duplicate item names: DUPLICATE_NAME', () => {
    expect(caught(() => cronbachAlpha(rows, { columns: ['a', 'b', 'a'] })).code).toBe('DUPLICATE_NAME');
  });
  it('not a table: INVALID_INPUT', () => {
    expect(caught(() => cronbachAlpha(null as never)).code).toBe('INVALID_INPUT');
    expect(caught(() => cronbachAlpha(42 as never)).code).toBe('INVALID_INPUT');
  });
  it('invalid options: INVALID_OPTION naming the option', () => {
    const bad: [object, string][] = [
      [{ columns: items, missing: 'sometimes' }, 'missing'],
      [{ columns: items, interval: 'wald' }, 'interval'],
      [{ columns: items, confidence: 1 }, 'confidence'],
      [{ columns: items, confidence: '95%' }, 'confidence'],
      [{ columns: items, interval: 'bootstrap', resamples: 10 }, 'resamples'],
      [{ columns: items, interval: 'bootstrap', resamples: 1000.5 }, 'resamples'],
      [{ columns: items, interval: 'bootstrap', seed: {} }, 'seed'],
      [{ columns: items, seed: 1 }, 'seed'],
      [{ columns: items, resamples: 5000 }, 'resamples'],
      [{ columns: items, outOfRange: 'drop' }, 'outOfRange'],
      [{ columns: items, reversed: ['a'] }, 'reversed'],
      [{ columns: items, reverse: ['a'] }, 'reverse'],
      [{ columns: items, reverse: ['zz'], response: { min: 1, max: 5 } }, 'reverse'],
      [{ columns: items, response: { min: 5, max: 1 } }, 'response'],
      [{ columns: items, response: { min: 1 } }, 'response.max'],
      [{ items: 'a,b' }, 'items'],
      [{ columns: items, subscale: 'x' }, 'subscale'],
      [{ scale: defineScale({ id: 's', items, response: { min: 1, max: 5 } }), items }, 'items'],
      [{ scale: defineScale({ id: 's', items, response: { min: 1, max: 5 } }), subscale: 'nope' }, 'subscale'],
      [{ scale: { id: 's', items, response: { min: 1, max: 1 } } }, 'response'],
    ];
    for (const [options, option] of bad) {
      const e = caught(() => cronbachAlpha(rows, options as never));
      expect(e.code, JSON.stringify(options)).toBe('INVALID_OPTION');
      expect(e.details.option, JSON.stringify(options)).toBe(option);
    }
    expect(caught(() => cronbachAlpha(rows, 'pairwise' as never)).code).toBe('INVALID_OPTION');
  });
  it('an indefinite pairwise covariance matrix is reported, not hidden (NaN rRest is explained by the warning)', () => {
    const m = [[null, null, null], [1, 3, 2], [1, 1, 4], [1, 3, 1], [2, null, 1]];
    const a = cronbachAlpha(m);
    const w = a.warnings.find((x) => x.code === 'SINGULAR_CORRELATION');
    expect(w?.details).toMatchObject({ indefinite: true });
    expect(Number.isNaN(a.items[0]!.rRest)).toBe(true);
  });
});

// Found by the bad-input fuzz suite (test/fuzz).
describe('cronbachAlpha at the edges of definedness', () => {
  it('identical items: α = 1 and ase 0 (rounding left Q slightly negative, so ase was NaN)', () => {
    const same = [1, 2, 2, 3, 5, 4].map((v) => ({ a: v, b: v, c: v }));
    const r = cronbachAlpha(same);
    expect(r.alpha).toBeCloseTo(1, 12);
    expect(r.se).toBe(0);
  });
  it('items that cancel out (constant total): ZERO_VARIANCE instead of α = −Inf and NaN item statistics', () => {
    const e = caught(() => cronbachAlpha([1, 2, 3, 4].map((v) => ({ a: v, b: -v }))));
    expect(e.code).toBe('ZERO_VARIANCE');
    expect(e.details.columns).toEqual(['a', 'b']);
  });
  it('negative average correlation: rCorrected is NaN as in psych, with an UNDEFINED_ITEM_STATISTICS warning', () => {
    const r = cronbachAlpha([{ q1: -1.4, q2: 0 }, { q1: 0, q2: 0 }, { q1: 0, q2: -0.1 }]);
    expect(r.items.map((i) => i.rCorrected)).toEqual([NaN, NaN]);
    expect(r.items.map((i) => i.rRest)).toEqual([-0.5, -0.5].map((x) => expect.closeTo(x, 12)));
    expect(r.warnings.find((w) => w.code === 'UNDEFINED_ITEM_STATISTICS')?.details?.columns).toEqual(['q1', 'q2']);
  });
  it('a negative Q (indefinite pairwise covariances): ase NaN as in psych, with an UNDEFINED_ASE warning', () => {
    const r = cronbachAlpha([{ q1: 0, zz: 0 }, { q1: -6, zz: 24.6 }, { q1: null, zz: 0 }]);
    expect(r.se).toBeNaN();
    expect(r.alpha).toBeCloseTo(-4.093178, 6); // psych::alpha raw_alpha
    expect(r.warnings.some((w) => w.code === 'UNDEFINED_ASE')).toBe(true);
  });
  it('items on wildly different scales: ase stays finite (Q overflowed to ∞ − ∞)', () => {
    const r = cronbachAlpha([{ a: -3e51, b: 1, c: 1 }, { a: 1, b: 2, c: 2 }, { a: 2, b: 2, c: 3 }, { a: 5, b: 3, c: 3 }]);
    expect(Number.isFinite(r.se)).toBe(true);
  });
});
