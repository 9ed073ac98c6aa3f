// The fast readers of the data layer: row objects read in one pass, short decimal strings parsed
// by char codes. They must give exactly what the cell-by-cell rules give (cellToNumber), bit for
// bit, and the same errors.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cellToNumber, cronbachAlpha, numericColumn, numericColumns, readTable } from '../../src/index.js';
import { fastDecimal, NUMERIC_STRING } from '../../src/data/parse.js';

import { errorOf } from '../helpers/errors.js';

/** Float64Arrays equal bit for bit (−0 ≠ 0, NaN = NaN). */
function expectSameBits(a: readonly Float64Array[], b: readonly Float64Array[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((col, j) => {
    const other = b[j] as Float64Array;
    expect(col.length).toBe(other.length);
    for (let i = 0; i < col.length; i++) {
      if (!Object.is(col[i], other[i])) expect.fail(`column ${j}, row ${i}: ${col[i]} vs ${other[i]}`);
    }
  });
}

/** Row objects as d3-dsv's csvParse makes them: one compiled object literal, strings, '' = empty. */
function csvRows(names: readonly string[], cells: readonly (readonly string[])[]): Record<string, string>[] {
  const row = new Function('d', `return {${names.map((name, j) => `${JSON.stringify(name)}: d[${j}] || ""`).join(',')}}`) as (d: readonly string[]) => Record<string, string>;
  return cells.map((r) => row(r));
}

describe('fastDecimal: the char-code path for short decimal strings', () => {
  const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
  const decimal = fc
    .tuple(fc.constantFrom('', '+', '-'), fc.constantFrom('', '0', '000'), digits(0, 17), fc.boolean(), fc.constantFrom('', '0000000'), digits(0, 17))
    .map(([sign, zeros, int, point, fracZeros, frac]) => `${sign}${zeros}${int}${point ? `.${fracZeros}${frac}` : ''}`);
  it('is Number(text) bit for bit wherever it answers, and answers for every plain decimal of ≤ 15 significant digits', () => {
    fc.assert(
      fc.property(decimal, (text) => {
        const fast = fastDecimal(text);
        const significant = text.replace(/[^0-9]/g, '').replace(/^0+/, '').length;
        const afterPoint = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
        if (NUMERIC_STRING.test(text) && significant <= 15 && afterPoint <= 22) expect(Object.is(fast, Number(text))).toBe(true);
        else expect(fast).toBeNaN();
      }),
      { numRuns: 3000 },
    );
  });
  it('edge cases: signs, −0, a bare point, leading zeros, 15 and 16 significant digits, 22 and 23 after the point', () => {
    expect(Object.is(fastDecimal('-0'), -0)).toBe(true);
    expect(Object.is(fastDecimal('-0.000'), -0)).toBe(true);
    expect(fastDecimal('+.5')).toBe(0.5);
    expect(fastDecimal('5.')).toBe(5);
    expect(fastDecimal('007.50')).toBe(7.5);
    expect(fastDecimal('0.1')).toBe(0.1);
    expect(fastDecimal('123456789012345')).toBe(123456789012345);
    expect(fastDecimal('0.123456789012345')).toBe(0.123456789012345);
    expect(fastDecimal('0.0000000000000000000001')).toBe(1e-22);
    expect(fastDecimal('-000000000000000000000.5')).toBe(-0.5);
    for (const text of ['', '.', '-', '+', '1e3', ' 1', '1 ', '1.2.3', '0x1F', '1234567890123456', '0.00000000000000000000001', 'NaN', '٣', '−1']) expect(fastDecimal(text)).toBeNaN();
  });
  it('is Number(text) on random doubles printed with up to 15 significant digits', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), fc.integer({ min: 1, max: 15 }), (x, p) => {
        const text = x.toPrecision(p);
        const fast = fastDecimal(text);
        if (!Number.isNaN(fast)) expect(Object.is(fast, Number(text))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('row objects read like columns, bit for bit', () => {
  const cell = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -5, max: 9 }).map(String) },
    { weight: 3, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map(String) },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x.toExponential()) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', ' 2.5 ', '-0', '+.5', '5.', '1e3', '-0.0') },
  );
  const table = fc.integer({ min: 1, max: 6 }).chain((k) => fc.array(fc.array(cell, { minLength: k, maxLength: k }), { minLength: 1, maxLength: 40 }).map((cells) => ({ k, cells })));
  it('numericColumns of row objects (strings) = of columns = cellToNumber cell by cell', () => {
    fc.assert(
      fc.property(table, ({ k, cells }) => {
        const names = Array.from({ length: k }, (_, j) => `q${j + 1}`);
        const rows = csvRows(names, cells);
        const columns = Object.fromEntries(names.map((name, j) => [name, cells.map((r) => r[j])]));
        const fromRows = numericColumns(rows, names).columns;
        expectSameBits(fromRows, numericColumns(columns, names).columns);
        expectSameBits(fromRows, names.map((name, j) => Float64Array.from(cells, (r, i) => cellToNumber(r[j], name, i))));
        expectSameBits(numericColumns(rows).columns, fromRows); // every column, names from the rows
        expectSameBits([numericColumn(rows, 'q1')], fromRows.slice(0, 1));
      }),
      { numRuns: 300 },
    );
  });
  it('cronbachAlpha on d3-dsv-style rows equals alpha on the same data as columns, bit for bit', () => {
    const names = ['a', 'b', 'c', 'd'];
    const cells = Array.from({ length: 60 }, (_, i) => names.map((_, j) => ((i * 7 + j * 3) % 11 === 0 ? '' : String(1 + ((i * (j + 2) + (i >> 2)) % 5)))));
    const rows = csvRows(names, cells);
    const columns = Object.fromEntries(names.map((name, j) => [name, Float64Array.from(cells, (r) => (r[j] === '' ? NaN : Number(r[j])))]));
    const a = cronbachAlpha(rows, { response: { min: 1, max: 5 } });
    const b = cronbachAlpha(columns, { response: { min: 1, max: 5 } });
    expect(a).toEqual(b);
    expect(Object.is(a.alpha, b.alpha)).toBe(true);
  });
  it('reads rows of different shapes, absent keys, inherited and non-enumerable values as row[name] does', () => {
    const proto = { c: '7' };
    const hidden = { a: '1' };
    Object.defineProperty(hidden, 'b', { value: '9', enumerable: false });
    const rows = [{ a: '1', b: '2' }, { b: 3, a: 4 }, Object.assign(Object.create(proto) as object, { a: 5 }), hidden, { a: '6', b: '8', c: 'x1', z: 0 }];
    const view = readTable(rows);
    expect(view.columnNames).toEqual(['a', 'b', 'c', 'z']);
    const cols = numericColumns(rows, ['a', 'b']).columns;
    expect(Array.from(cols[0]!)).toEqual([1, 4, 5, 1, 6]);
    expect(Array.from(cols[1]!)).toEqual([2, 3, NaN, 9, 8]);
    expect(errorOf(() => numericColumns(rows, ['a', 'c'])).details).toMatchObject({ column: 'c', row: 4, value: 'x1' });
  });
  it('a hole in a sparse array of rows is a row of missing cells', () => {
    const rows: unknown[] = [{ a: '1', b: '2' }, { a: '3', b: '4' }, { a: '5', b: '6' }];
    delete rows[1];
    rows.length = 4;
    const cols = numericColumns(rows as never, ['a', 'b']).columns;
    expect(Array.from(cols[0]!)).toEqual([1, NaN, 5, NaN]);
    expect(readTable(rows as never).columnNames).toEqual(['a', 'b']);
  });
  it('reports the first bad cell in column order, as reading column by column does', () => {
    const rows = csvRows(['q1', 'q2'], [['1', 'x'], ['2', '3'], ['y', '4']]);
    expect(errorOf(() => numericColumns(rows, ['q1', 'q2'])).details).toMatchObject({ column: 'q1', row: 2, value: 'y' });
    expect(errorOf(() => numericColumns(rows, ['q2', 'q1'])).details).toMatchObject({ column: 'q2', row: 0, value: 'x' });
    const overflow = csvRows(['q1', 'q2'], [['1', '1e400'], ['2', '3']]);
    expect(errorOf(() => numericColumns(overflow, ['q1', 'q2'])).code).toBe('NON_FINITE');
    // cronbachAlpha: an out-of-range response in an earlier column is reported before a
    // non-numeric cell in a later one, as before.
    const mixed = csvRows(['q1', 'q2', 'q3'], [['1', '2', 'x'], ['9', '3', '4'], ['2', '2', '2']]);
    expect(errorOf(() => cronbachAlpha(mixed, { response: { min: 1, max: 5 } })).details).toMatchObject({ column: 'q1', row: 1 });
  });
});
