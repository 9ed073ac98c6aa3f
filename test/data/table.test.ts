import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PsychkitError,
  categoricalColumn,
  cellToNumber,
  dummyCode,
  isMissing,
  listwise,
  numericColumn,
  numericColumns,
  pairwiseCounts,
  readTable,
} from '../../src/index.js';
import { errorOf } from '../helpers/errors.js';
const rows = [
  { a: 1, b: '2', c: 'x' },
  { a: null, b: 3, c: 'y' },
  { a: '', b: ' 4.5 ', c: 'x' },
  { a: 7, b: undefined, c: null },
];
const cols = { a: [1, null, '', 7], b: ['2', 3, ' 4.5 ', undefined], c: ['x', 'y', 'x', null] };

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PsychkitError);
    return (e as PsychkitError).code;
  }
  return undefined;
}

describe('readTable', () => {
  const arrow = {
    schema: { fields: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] },
    numRows: 4,
    getChild: (n: string) => (n in cols ? { toArray: () => cols[n as keyof typeof cols] } : null),
  };
  const arquero = { columnNames: () => ['a', 'b', 'c'], numRows: () => 4, array: (n: string) => cols[n as keyof typeof cols] };
  const shapes: [string, unknown][] = [
    ['rows', rows],
    ['columns', cols],
    ['Arrow-like', arrow],
    ['Arquero-like', arquero],
    ['iterable of rows', new Set(rows)],
  ];
  for (const [label, input] of shapes) {
    it(`reads ${label} to the same numbers`, () => {
      const data = numericColumns(input as never, ['a', 'b']);
      expect(Array.from(data.columns[0]!)).toEqual([1, NaN, NaN, 7]);
      expect(Array.from(data.columns[1]!)).toEqual([2, 3, 4.5, NaN]);
      expect(data.n).toBe(4);
    });
  }
  it('reads a number[][] matrix with columns V1…Vk', () => {
    const view = readTable([
      [1, 2],
      [3, null],
    ]);
    expect(view.columnNames).toEqual(['V1', 'V2']);
    expect(Array.from(numericColumns(view).columns[1]!)).toEqual([2, NaN]);
  });
  it('takes the union of row keys; a key absent from a row is missing there', () => {
    const data = numericColumns([{ a: 1 }, { a: 2, b: 5 }], ['b']);
    expect(Array.from(data.columns[0]!)).toEqual([NaN, 5]);
  });
  it('accepts typed arrays as columns', () => {
    const data = numericColumns({ x: new Float64Array([1, NaN, 3]), y: new Int8Array([1, 2, 3]) });
    expect(Array.from(data.columns[0]!)).toEqual([1, NaN, 3]);
  });
});

describe('bad input', () => {
  it('names a missing column', () => {
    expect(codeOf(() => numericColumns(rows, ['zzz']))).toBe('MISSING_COLUMN');
  });
  it('names column and row of a non-numeric string', () => {
    try {
      numericColumns(rows, ['c']);
      expect.fail('should throw');
    } catch (e) {
      const err = e as PsychkitError;
      expect(err.code).toBe('NON_NUMERIC');
      expect(err.details).toMatchObject({ column: 'c', row: 0, value: 'x' });
    }
  });
  it('rejects Infinity, hex strings, objects and mismatched columns', () => {
    expect(codeOf(() => numericColumns({ x: [1, Infinity] }))).toBe('NON_FINITE');
    expect(codeOf(() => numericColumns({ x: ['0x10'] }))).toBe('NON_NUMERIC');
    expect(codeOf(() => numericColumns({ x: [{}] }))).toBe('NON_NUMERIC');
    expect(codeOf(() => numericColumns({ x: [1, 2], y: [1] } as never))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => numericColumns(42 as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => numericColumns(rows, ['a', 'a']))).toBe('DUPLICATE_NAME');
    expect(codeOf(() => numericColumns([[1, 2], [3]]))).toBe('LENGTH_MISMATCH');
  });
});

describe('missing values and complete cases', () => {
  it('treats null, undefined, NaN and blank strings as missing, and nothing else', () => {
    for (const v of [null, undefined, NaN, '', '  ']) expect(isMissing(v)).toBe(true);
    for (const v of [0, '0', false, 'NA']) expect(isMissing(v)).toBe(false);
  });
  it('listwise keeps complete rows and reports their indices', () => {
    const lw = listwise(numericColumns(rows, ['a', 'b']));
    expect(Array.from(lw.rows)).toEqual([0]);
    expect(lw.nDropped).toBe(3);
    expect(Array.from(lw.columns[1]!)).toEqual([2]);
  });
  it('pairwise counts are symmetric with own counts on the diagonal', () => {
    const n = pairwiseCounts(numericColumns(rows, ['a', 'b']));
    expect(Array.from(n)).toEqual([2, 1, 1, 3]);
  });
  it('never mutates its input (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.oneof(fc.integer(), fc.constant(null), fc.constant('')), y: fc.double({ noDefaultInfinity: true }) }), { minLength: 1, maxLength: 30 }), (input) => {
        const before = JSON.stringify(input);
        listwise(numericColumns(input, ['x', 'y']));
        expect(JSON.stringify(input)).toBe(before);
      }),
    );
  });
});

describe('categorical coding', () => {
  const view = readTable([{ m: 'never' }, { m: 'married' }, { m: '' }, { m: 'divorced' }, { m: 'married' }]);
  it('dummy codes with the first level (sorted, when not declared) as reference by default, names columns like R', () => {
    const c = dummyCode(categoricalColumn(view, 'm'));
    expect(c.reference).toBe('divorced');
    expect(c.columnNames).toEqual(['m[married]', 'm[never]']);
    expect(Array.from(c.columns[0]!)).toEqual([0, 1, NaN, 0, 1]);
  });
  it('sorts undeclared levels: numbers by value, other labels by code point', () => {
    expect(categoricalColumn({ e: [10, '2', 1, ' 2 ', '1.5'] }, 'e').levels).toEqual(['1', '1.5', '2', '10']);
    expect(categoricalColumn({ g: ['b', 'B', 'a', 'Ä', '10', '9', '\u{1F600}', '\uFFFD'] }, 'g').levels).toEqual(['10', '9', 'B', 'a', 'b', 'Ä', '\uFFFD', '\u{1F600}']);
    expect(categoricalColumn({ t: [true, false] }, 't').levels).toEqual(['false', 'true']);
  });
  it('takes declared levels and a chosen reference', () => {
    const c = dummyCode(categoricalColumn(view, 'm', ['married', 'never', 'divorced']), { reference: 'divorced' });
    expect(c.columnNames).toEqual(['m[married]', 'm[never]']);
  });
  it('rejects an unknown reference, an undeclared level and a single level', () => {
    expect(codeOf(() => dummyCode(categoricalColumn(view, 'm'), { reference: 'widowed' }))).toBe('INVALID_OPTION');
    expect(codeOf(() => categoricalColumn(view, 'm', ['never', 'married']))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => dummyCode(categoricalColumn(readTable([{ m: 'a' }]), 'm')))).toBe('ZERO_VARIANCE');
  });
});

// Found by the bad-input fuzz suite (test/fuzz): each of these threw a TypeError/RangeError or
// returned NaN instead of a PsychkitError.
describe('hostile input to the data layer', () => {
  const nullProto = Object.assign(Object.create(null), { valueOf: null, toString: null });
  it('prints values JSON cannot (bigints, null-prototype objects) in NON_NUMERIC messages', () => {
    expect(codeOf(() => numericColumns({ a: [{ x: 10n }] }))).toBe('NON_NUMERIC');
    expect(codeOf(() => numericColumns({ a: [1] }, [10n as never]))).toBe('INVALID_OPTION');
    expect(codeOf(() => cellToNumber('abc', nullProto, 0))).toBe('NON_NUMERIC');
  });
  it('treats a bigint that overflows a double as non-finite, not as Infinity', () => {
    expect(codeOf(() => cellToNumber(10n ** 400n, 'a', 0))).toBe('NON_FINITE');
    expect(cellToNumber(10n, 'a', 0)).toBe(10);
  });
  it('accepts a table (not only a TableView) in numericColumn and categoricalColumn, and checks the name', () => {
    expect(Array.from(numericColumn({ a: [1, '2'] }, 'a'))).toEqual([1, 2]);
    expect(categoricalColumn([{ g: 'x' }], 'g').levels).toEqual(['x']);
    expect(codeOf(() => numericColumn(null as never, 'a'))).toBe('INVALID_INPUT');
    expect(codeOf(() => categoricalColumn({ g: ['x'] }, 1 as never))).toBe('INVALID_OPTION');
  });
  it('checks declared levels and the column dummyCode receives', () => {
    const view = readTable({ g: ['a', 'b'] });
    expect(codeOf(() => categoricalColumn(view, 'g', ['a', 'b', 'a']))).toBe('DUPLICATE_NAME');
    expect(codeOf(() => categoricalColumn(view, 'g', 5 as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => dummyCode({ name: 'g', values: ['a', 'b'], levels: {} } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => dummyCode({ name: 'g', values: ['a', 'zz'], levels: ['a', 'b'] }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => dummyCode(undefined as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => dummyCode(categoricalColumn(view, 'g'), { reference: 1 } as never))).toBe('INVALID_OPTION');
  });
  it('checks the NumericColumns that listwise and pairwiseCounts receive', () => {
    expect(codeOf(() => pairwiseCounts({ names: ['c0'], n: 0, columns: {} } as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => listwise({ names: [], n: 2 ** 51, columns: [] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => listwise({ names: [], n: 3, columns: [] }))).toBe('TOO_FEW_VARIABLES');
    expect(codeOf(() => listwise({ names: ['a'], n: 2, columns: [['x', 1] as never] }))).toBe('NON_NUMERIC');
    expect(codeOf(() => listwise({ names: ['a'], n: 2, columns: [new Float64Array(3)] }))).toBe('LENGTH_MISMATCH');
  });
  it('rejects Arrow and Arquero look-alikes that misreport their columns or rows', () => {
    expect(codeOf(() => readTable({ getChild: () => null, schema: {}, numRows: 2 } as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => readTable({ columnNames: () => ['a', 'a'], array: () => [1], numRows: () => 1 }))).toBe('DUPLICATE_NAME');
    expect(codeOf(() => readTable({ columnNames: () => ['a'], array: () => [1], numRows: () => 1.5 }))).toBe('INVALID_INPUT');
    expect(codeOf(() => readTable({ columnNames: () => ['a'], array: () => 5 as never, numRows: () => 1 }).column('a'))).toBe('INVALID_INPUT');
    const arrow = { getChild: () => ({ toArray: () => null }), schema: { fields: [{ name: 'a' }] }, numRows: 1 };
    expect(codeOf(() => readTable(arrow as never).column('a'))).toBe('INVALID_INPUT');
  });
});

describe('errors that say what to do', () => {
  it('a Map is not a table: INVALID_INPUT naming what to pass instead', () => {
    const map = new Map([
      ['esse1', [1, 2]],
      ['esse2', [3, 4]],
    ]);
    for (const f of [() => readTable(map as never), () => numericColumns(map as never, ['esse1']), () => readTable(map as never, { missingCodes: [-99] })]) {
      const e = errorOf(f);
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toMatch(/A Map is not a table/);
      expect(e.message).toContain('Object.fromEntries(map)');
      expect(e.message).toMatch(/array of row objects/);
    }
    // What the message suggests works.
    expect(Array.from(numericColumn(Object.fromEntries(map), 'esse1'))).toEqual([1, 2]);
  });
  it('"NA" or "." in a numeric column is NON_NUMERIC and says to pass missingCodes', () => {
    for (const [cell, code] of [
      ['NA', "'NA'"],
      [' . ', "'.'"],
      ['N/A', "'N/A'"],
      ['.a', "'.a'"],
    ] as const) {
      const e = errorOf(() => numericColumn({ esse1: [3, cell] }, 'esse1'));
      expect(e.code).toBe('NON_NUMERIC');
      expect(e.details).toMatchObject({ column: 'esse1', row: 1, value: cell });
      expect(e.message).toContain(`missingCodes: [${code}]`);
    }
    // Other text gets no such hint: it is not a missing-value marker.
    expect(errorOf(() => numericColumn({ m: ['married'] }, 'm')).message).not.toContain('missingCodes');
  });
});
