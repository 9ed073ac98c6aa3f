// Integrated shrinking: a property with a deliberate bug over each table arbitrary ends at the
// smallest table (≤ 2 rows on at least 4 of 5 seeds), and the counterexample prints its data once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraries } from '../../src/testing/index.js';

const SEEDS = [1, 2, 3, 4, 5];

/** Rows of the counterexample each seed shrinks to (null: the property did not fail). */
function shrunkRows<T>(arb: fc.Arbitrary<T>, buggy: (v: T) => boolean, rows: (v: T) => number): (number | null)[] {
  return SEEDS.map((seed) => {
    const out = fc.check(fc.property(arb, buggy), { seed, numRuns: 300 });
    return out.failed && out.counterexample ? rows(out.counterexample[0]) : null;
  });
}

function expectSmall(sizes: (number | null)[]): void {
  expect(sizes.filter((s) => s !== null).length, `failed on ${sizes.filter((s) => s !== null).length} of 5 seeds`).toBe(5);
  expect(sizes.filter((s) => s !== null && s <= 2).length, `rows after shrinking: ${sizes.join(', ')}`).toBeGreaterThanOrEqual(4);
}

/** A mean that forgets missing cells (counts them as 0): the bug a blank cell exposes. */
function buggyMean(values: readonly (number | null)[]): number {
  return values.reduce<number>((s, v) => s + (v ?? 0), 0) / values.length;
}
function goodMean(values: readonly (number | null)[]): number {
  const seen = values.filter((v): v is number => v !== null);
  return seen.reduce((s, v) => s + v, 0) / seen.length;
}

describe('table arbitraries shrink rows with their cells', () => {
  it('likertResponses: a missing-cell bug shrinks to ≤ 2 rows', () => {
    const arb = arbitraries.likertResponses(fc, { n: { min: 1, max: 40 }, missing: 0.3 });
    const sizes = shrunkRows(
      arb,
      (s) => s.responses.every((row) => { const v = row.filter((x) => x !== null); return v.length === 0 || buggyMean(row) === goodMean(row); }),
      (s) => s.n,
    );
    expectSmall(sizes);
  });

  it('likertResponses: a bug on high responses shrinks to 1 row', () => {
    const sizes = shrunkRows(arbitraries.likertResponses(fc, { n: { min: 1, max: 40 } }), (s) => s.responses.every((row) => row.every((v) => v === null || v < 4)), (s) => s.n);
    expectSmall(sizes);
  });

  it('messyTable: a blank-cell bug shrinks to ≤ 2 rows', () => {
    const arb = arbitraries.messyTable(fc, { values: 'likert', missing: 0.3 });
    const sizes = shrunkRows(arb, (t) => t.values.every((row) => row.every((v) => v !== null)), (t) => t.values.length);
    expectSmall(sizes);
  });

  it('messyTable: a numeric-string bug shrinks to ≤ 2 rows', () => {
    const arb = arbitraries.messyTable(fc, { shapes: ['rows'], missing: 0 });
    const stringCell = (t: { table: unknown }) => (t.table as Record<string, unknown>[]).some((row) => Object.values(row).some((v) => typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))));
    const sizes = shrunkRows(arb, (t) => !stringCell(t), (t) => t.values.length);
    expectSmall(sizes);
  });

  it('hostileTable: a bug on huge values shrinks to ≤ 2 rows', () => {
    const arb = arbitraries.hostileTable(fc, { kinds: ['huge-values', 'tiny-values', 'collinear'] });
    const sizes = shrunkRows(
      arb,
      (h) => (h.table as Record<string, number>[]).every((row) => Object.values(row).every((v) => Math.abs(v) < 1e200)),
      (h) => (h.table as unknown[]).length,
    );
    expectSmall(sizes);
  });
});

describe('a counterexample prints its data once', () => {
  it('likertResponses prints the responses, not also the row objects', () => {
    const out = fc.check(fc.property(arbitraries.likertResponses(fc, { missing: 0.3 }), (s) => s.responses.every((r) => r.every((v) => v !== null))), { seed: 3 });
    expect(out.failed).toBe(true);
    const text = fc.stringify(out.counterexample![0]);
    expect(text.startsWith('likertResponses({')).toBe(true);
    expect(text).toContain('responses:');
    expect(text).not.toContain('rows:');
    expect(text).not.toContain('"item1":');
  });

  it.each(['rows', 'columns', 'matrix', 'arrow', 'arquero'] as const)('messyTable (%s) prints the table once, as data', (shape) => {
    const out = fc.check(fc.property(arbitraries.messyTable(fc, { shapes: [shape], missing: 0.5, rows: { min: 3, max: 10 } }), (t) => t.values.every((r) => r.every((v) => v !== null))), { seed: 4 });
    expect(out.failed).toBe(true);
    const text = fc.stringify(out.counterexample![0]);
    expect(text.startsWith('messyTable({')).toBe(true);
    expect(text).not.toContain('=>'); // no function source
    expect(text).not.toContain('clean:');
    expect(text).not.toContain('values:');
    if (shape === 'arrow') expect(text).toContain('arrowTable(');
    if (shape === 'arquero') expect(text).toContain('arqueroTable(');
  });

  it('the print method is not an enumerable key: equality and spreading ignore it', () => {
    const [s] = fc.sample(arbitraries.likertResponses(fc), { numRuns: 1, seed: 1 });
    expect(Object.keys(s!)).toEqual(['items', 'levels', 'n', 'responses', 'rows', 'missingRate', 'loadings']);
    expect({ ...s! }).toEqual(s);
  });
});
