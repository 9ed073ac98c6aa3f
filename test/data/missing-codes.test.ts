// readTable(table, { missingCodes }): values that mean "missing" (SPSS −99, R's "NA", Stata's ".").
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PsychkitError, categoricalColumn, correlationMatrix, correlations, cronbachAlpha, descriptives, efa, kmo, numericColumn, numericColumns, ols, processModel, readTable, type Table } from '../../src/index.js';
import { tableView } from '../../src/data/table.js';

import { errorOf } from '../helpers/errors.js';

const rows = [
  { q1: 4, q2: '-99', g: 'a' },
  { q1: -99, q2: ' NA ', g: '.' },
  { q1: '5', q2: '-99.0', g: 'b' },
  { q1: '-9', q2: 2, g: 'NA' },
  { q1: 3, q2: '.', g: 'a' },
];

describe('readTable missingCodes', () => {
  const view = readTable(rows, { missingCodes: [-99, -9, 'NA', '.'] });
  it('every reader of the view sees the codes as missing', () => {
    expect(view.missingCodes).toEqual([-99, -9, 'NA', '.']);
    expect(Array.from(numericColumn(view, 'q1'))).toEqual([4, NaN, 5, NaN, 3]);
    expect(Array.from(numericColumn(view, 'q2'))).toEqual([NaN, NaN, NaN, 2, NaN]);
    expect(Array.from(numericColumns(view, ['q1', 'q2']).columns[1]!)).toEqual([NaN, NaN, NaN, 2, NaN]);
    expect(view.column('q2')).toEqual([null, null, null, 2, null]);
    const g = categoricalColumn(view, 'g');
    expect(g.values).toEqual(['a', null, 'b', null, 'a']);
    expect(g.levels).toEqual(['a', 'b']);
    expect(readTable(rows).missingCodes).toEqual([]);
  });
  it('a number code matches numbers and numeric strings of that value; a string code only text, trimmed', () => {
    const t = { x: [-99, '-99', ' -99.00 ', '-99x', -99.5, '-9.9e1', 99n] };
    expect(Array.from(numericColumn(readTable({ x: t.x.slice(0, 3) }, { missingCodes: [-99] }), 'x'))).toEqual([NaN, NaN, NaN]);
    expect(errorOf(() => numericColumn(readTable(t, { missingCodes: [-99] }), 'x')).details).toMatchObject({ row: 3, value: '-99x' });
    expect(Array.from(numericColumn(readTable({ x: [-99.5, '-9.9e1', 99n] }, { missingCodes: [-99, 99] }), 'x'))).toEqual([-99.5, NaN, NaN]);
    // '-99' as a string code is text: it matches the text "-99", not the number.
    expect(Array.from(numericColumn(readTable({ x: [-99, '-99', ' -99 '] }, { missingCodes: ['-99'] }), 'x'))).toEqual([-99, NaN, NaN]);
    expect(Array.from(numericColumn(readTable({ x: ['na', 'NA', 'N A'] }, { missingCodes: ['NA', 'na', 'N A'] }), 'x'))).toEqual([NaN, NaN, NaN]);
  });
  it('works for columns, typed arrays, matrices, Arrow- and Arquero-like tables', () => {
    const codes = { missingCodes: [-9] };
    expect(Array.from(numericColumn(readTable({ x: new Int16Array([1, -9, 3]) }, codes), 'x'))).toEqual([1, NaN, 3]);
    expect(readTable({ x: new Int16Array([1, -9, 3]) }, codes).column('x')).toEqual(new Float64Array([1, NaN, 3]));
    expect(Array.from(numericColumn(readTable([[1, -9], [-9, 2]], codes), 'V1'))).toEqual([1, NaN]);
    const cols = { a: [1, -9, '-9'] };
    const arrow = { schema: { fields: [{ name: 'a' }] }, numRows: 3, getChild: () => ({ toArray: () => cols.a }) };
    const arquero = { columnNames: () => ['a'], numRows: () => 3, array: () => cols.a };
    for (const t of [arrow, arquero] as Table[]) expect(Array.from(numericColumn(readTable(t, codes), 'a'))).toEqual([1, NaN, NaN]);
  });
  it('re-reading a view adds codes; without codes a view passes through', () => {
    const first = readTable(rows, { missingCodes: [-99] });
    expect(readTable(first)).toBe(first);
    const both = readTable(first, { missingCodes: ['NA', '.', -99] });
    expect(both.missingCodes).toEqual([-99, 'NA', '.']);
    expect(Array.from(numericColumn(both, 'q2'))).toEqual([NaN, NaN, NaN, 2, NaN]);
    expect(errorOf(() => numericColumn(first, 'q2')).code).toBe('NON_NUMERIC'); // ' NA ' is text without the code
    expect(tableView(rows, ['NA', '.', -99]).missingCodes).toEqual(['NA', '.', -99]);
  });
  it('estimators see the codes through the view', () => {
    const data = { a: [1, 2, 3, 4, 5, -99], b: [2, 2, 3, 5, 4, -99], c: [1, 3, 3, 4, 5, 2] };
    const clean = { a: [1, 2, 3, 4, 5, null], b: [2, 2, 3, 5, 4, null], c: [1, 3, 3, 4, 5, 2] };
    expect(cronbachAlpha(readTable(data, { missingCodes: [-99] })).alpha).toBe(cronbachAlpha(clean).alpha);
  });
  it('options are strict and codes are checked', () => {
    const bad = (options: unknown) => errorOf(() => readTable(rows, options as never));
    expect(bad({ missingCode: [-99] }).message).toMatch(/did you mean `missingCodes`/i);
    expect(bad({ missingCodes: -99 }).code).toBe('INVALID_OPTION');
    expect(bad({ missingCodes: [Number.NaN] }).code).toBe('INVALID_OPTION');
    expect(bad({ missingCodes: [null] }).code).toBe('INVALID_OPTION');
    expect(bad({ missingCodes: [-99, -99] }).code).toBe('DUPLICATE_NAME');
    expect(bad([]).code).toBe('INVALID_OPTION');
  });
});

describe('missingCodes ≡ replacing the codes by null beforehand (property)', () => {
  const CODES: readonly (number | string)[] = [-99, -9, 99, 0, 'NA', '.', 'n/a'];
  const cell = fc.constantFrom<unknown>(1, 2, 3, 4, 5, '1', ' 2 ', '4.0', -99, '-99', ' -99.0 ', -9, '-9', 99, '99', 0, '-0', '', null, 'NA', ' NA', '.', 'n/a', 'x', '-99x');
  /** The rule, written independently: number codes match numbers and numeric strings, string codes trimmed text. */
  function isCode(v: unknown, codes: readonly (number | string)[]): boolean {
    if (typeof v === 'number') return codes.includes(v);
    if (typeof v !== 'string') return false;
    const t = v.trim();
    if (codes.includes(t)) return true;
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) && codes.some((c) => typeof c === 'number' && c === Number(t));
  }
  function outcome(f: () => unknown): unknown {
    try {
      return f();
    } catch (e) {
      return { code: (e as PsychkitError).code, details: (e as PsychkitError).details };
    }
  }
  const shape = fc.constantFrom('rows', 'columns', 'matrix');
  it('numericColumns and categoricalColumn give the same values (or the same error)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 12 }), fc.subarray([...CODES]), shape, (cells, codes, layout) => {
        const cleaned = cells.map((r) => r.map((v) => (isCode(v, codes) ? null : v)));
        const make = (data: unknown[][]): Table =>
          layout === 'matrix' ? data : layout === 'rows' ? data.map((r) => ({ V1: r[0], V2: r[1], V3: r[2] })) : { V1: data.map((r) => r[0]), V2: data.map((r) => r[1]), V3: data.map((r) => r[2]) };
        const coded = readTable(make(cells), { missingCodes: codes });
        const plain = readTable(make(cleaned));
        expect(outcome(() => numericColumns(coded).columns.map((c) => Array.from(c)))).toEqual(outcome(() => numericColumns(plain).columns.map((c) => Array.from(c))));
        for (const name of ['V1', 'V2', 'V3']) {
          expect(outcome(() => numericColumn(coded, name))).toEqual(outcome(() => numericColumn(plain, name)));
          expect(outcome(() => categoricalColumn(coded, name))).toEqual(outcome(() => categoricalColumn(plain, name)));
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('codes on the fast paths', () => {
  it('a one-character string code ("9", ".") and codes with blanks, in row objects and columns', () => {
    const cells = ['9', '.', ' 9 ', 9, '4', ' . ', '-99', -99];
    const codes = { missingCodes: ['9', '.', -99] };
    const expected = [NaN, NaN, NaN, 9, 4, NaN, NaN, NaN];
    expect(Array.from(numericColumn(readTable({ x: cells }, codes), 'x'))).toEqual(expected);
    const rows = cells.map((x) => ({ x, y: '1' }));
    expect(Array.from(numericColumns(readTable(rows, codes), ['x', 'y']).columns[0]!)).toEqual(expected);
  });
});

describe('a view of a one-shot iterable', () => {
  it('re-reading it with more codes reads the rows it kept, not the spent iterator', () => {
    function* rows() {
      yield { a: 1, b: 'NA' };
      yield { a: -9, b: 2 };
    }
    const view = readTable(rows(), { missingCodes: [-9] });
    const more = readTable(view, { missingCodes: ['NA'] });
    expect(more.nRows).toBe(2);
    expect(Array.from(numericColumn(more, 'a'))).toEqual([1, NaN]);
    expect(Array.from(numericColumn(more, 'b'))).toEqual([NaN, 2]);
  });
});

describe('missingCodes as an option of every function that reads a table', () => {
  const rows = Array.from({ length: 30 }, (_, i) => ({
    a: i % 7 === 0 ? -99 : (i % 5) + 1,
    b: i % 11 === 0 ? 'NA' : ((i * 3) % 5) + 1,
    c: ((i * 2) % 5) + 1,
    y: i % 9 === 0 ? -99 : i / 3,
  }));
  const view = readTable(rows, { missingCodes: [-99, 'NA'] });
  const codes = { missingCodes: [-99, 'NA'] } as const;
  it('gives what the coded view gives', () => {
    expect(cronbachAlpha(rows, { columns: ['a', 'b', 'c'], ...codes })).toEqual(cronbachAlpha(view, { columns: ['a', 'b', 'c'] }));
    expect(descriptives(rows, { columns: ['a', 'y'], ...codes })).toEqual(descriptives(view, { columns: ['a', 'y'] }));
    expect(correlations(rows, { columns: ['a', 'y'], ...codes })).toEqual(correlations(view, { columns: ['a', 'y'] }));
    expect(ols(rows, { y: 'y', x: ['a', 'c'], ...codes })).toEqual(ols(view, { y: 'y', x: ['a', 'c'] }));
    expect(kmo(rows, { columns: ['a', 'b', 'c'], ...codes })).toEqual(kmo(view, { columns: ['a', 'b', 'c'] }));
    expect(correlationMatrix(rows, { columns: ['a', 'b', 'c'], ...codes })).toEqual(correlationMatrix(view, { columns: ['a', 'b', 'c'] }));
    expect(processModel(rows, { model: 4, x: 'a', m: 'c', y: 'y', resamples: 0, ...codes })).toEqual(processModel(view, { model: 4, x: 'a', m: 'c', y: 'y', resamples: 0 }));
  });
  it('on an array, descriptives applies the codes too', () => {
    expect(descriptives([1, 2, -99, 3, 4], { missingCodes: [-99] }).rows[0]!.nMissing).toBe(1);
  });
  it('with a correlation matrix the option is a mistake', () => {
    expect(() => kmo({ correlation: [[1, 0.5], [0.5, 1]], n: 10 }, codes)).toThrow(/applies to a table/);
    expect(() => efa({ correlation: [[1, 0.5, 0.4], [0.5, 1, 0.3], [0.4, 0.3, 1]], n: 50 }, codes)).toThrow(/applies to a table/);
  });
});
