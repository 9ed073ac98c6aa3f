// Fuzz targets: errors, random streams and the data layer (tables, columns, missing values).
import fc from 'fast-check';
import {
  ERROR_CODES,
  PsychkitError,
  bootstrapIndices,
  categoricalColumn,
  cellToNumber,
  dummyCode,
  isMatrixInput,
  isMissing,
  isPsychkitError,
  listwise,
  numericColumn,
  numericColumns,
  pairwiseCounts,
  randomStream,
  readTable,
  type TableView,
} from '../../../../src/index.js';
import { arbitraries } from '../../../../src/testing/index.js';
import type { FuzzTarget } from '../../harness.js';
import { edgeNumber, hostile, nasty, withOneHostile } from './common.js';

/** Table-like objects that only pretend: Arrow and Arquero look-alikes with broken parts. */
const fakeTables = fc.constantFrom<unknown[]>(
  { getChild: () => null, schema: {}, numRows: 2 },
  { getChild: () => null, schema: { fields: [{ name: 'a' }] }, numRows: 2 },
  { getChild: () => ({ toArray: () => null }), schema: { fields: [{ name: 'a' }] }, numRows: 1 },
  { getChild: () => ({ toArray: () => [1, 2] }), schema: { fields: [{ name: 'a' }, { name: 'a' }] }, numRows: 2 },
  { getChild: () => ({ toArray: () => [1, 2] }), schema: { fields: [{ name: 7 }] }, numRows: Number.NaN },
  { getChild: () => ({ toArray: () => [1, 2] }), schema: { fields: 'a' }, numRows: 2 },
  { columnNames: () => 'ab', array: () => [1], numRows: () => 1 },
  { columnNames: () => ['a', 'a'], array: () => [1], numRows: () => 1 },
  { columnNames: () => [1, 2], array: () => [1], numRows: () => 1 },
  { columnNames: () => ['a'], array: () => 5, numRows: () => 1 },
  { columnNames: () => ['a'], array: () => [1], numRows: () => -1 },
  { columnNames: () => ['a'], array: () => [1], numRows: () => 1.5 },
  { columnNames: () => ['a'], array: () => [1], numRows: () => 'one' },
  { columnNames: () => ['a'], array: () => [1], numRows: 1 },
  new Map([['a', [1, 2]]]),
  new Set([{ a: 1 }]),
  'a,b\n1,2',
  [[1, 2], [3]],
  [[], []],
  [{ a: 1 }, 5],
  { a: 'abc' },
  { a: [1, 2], b: new Float64Array(2) },
  { a: { length: 2 } },
);

/** Tables of every kind: hostile (the list), messy but valid, Likert data, and look-alikes. */
export const anyTable = fc.oneof(
  { arbitrary: arbitraries.hostileTable(fc), weight: 4 },
  { arbitrary: arbitraries.messyTable(fc).map((m) => ({ table: m.table as unknown, items: m.columns as readonly string[] })), weight: 3 },
  { arbitrary: arbitraries.likertResponses(fc, { n: { min: 1, max: 20 }, missing: 0.2 }).map((l) => ({ table: l.rows as unknown, items: l.items })), weight: 2 },
  { arbitrary: fakeTables.map((table) => ({ table, items: ['a'] as readonly string[] })), weight: 1 },
  { arbitrary: fc.oneof(hostile, nasty).map((table) => ({ table, items: ['V1'] as readonly string[] })), weight: 1 },
);

/** A list of column names: the table's own, one hostile, duplicated, or not a list. */
function names(items: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.constant([...items]), weight: 4 },
    { arbitrary: withOneHostile(fc.constant(items)), weight: 1 },
    { arbitrary: fc.constant([...items, ...items.slice(0, 1)]), weight: 1 },
    { arbitrary: fc.oneof(hostile, nasty), weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

/** A name: one of the table's columns, or anything. */
function name(items: readonly string[]): fc.Arbitrary<unknown> {
  return items.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...items), weight: 3 }, { arbitrary: hostile, weight: 1 }) : hostile;
}

/** A valid NumericColumns object, or one with a hostile part. */
const numericColumnsArg: fc.Arbitrary<unknown> = fc.oneof(
  {
    arbitrary: arbitraries.messyTable(fc).map((m) => {
      try {
        return numericColumns(m.table, m.columns) as unknown;
      } catch {
        return m.clean as unknown;
      }
    }),
    weight: 3,
  },
  {
    arbitrary: fc
      .record({ n: fc.integer({ min: 0, max: 8 }), p: fc.integer({ min: 0, max: 3 }), bad: fc.oneof(hostile, nasty), where: fc.constantFrom('n', 'names', 'columns', 'cell', 'length') })
      .map(({ n, p, bad, where }) => {
        const columns: unknown[] = Array.from({ length: p }, (_, j) => Float64Array.from({ length: n }, (_, i) => (i + j) % 3 === 0 ? Number.NaN : i * j));
        const out: Record<string, unknown> = { names: columns.map((_, j) => `c${j}`), n, columns };
        if (where === 'n' || p === 0) out['n'] = bad;
        else if (where === 'names') out['names'] = bad;
        else if (where === 'columns') out['columns'] = bad;
        else if (where === 'cell') columns[0] = Array.from({ length: n }, (_, i) => (i === 0 ? bad : i));
        else columns[p - 1] = new Float64Array(n + 1);
        return out;
      }),
    weight: 3,
  },
  { arbitrary: fc.oneof(hostile, nasty), weight: 1 },
);

/** A categorical column (the result of categoricalColumn), or one with a hostile part. */
const categoricalArg: fc.Arbitrary<unknown> = fc.oneof(
  {
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom('a', 'b', 'c', 'd'), fc.constant(null)), { maxLength: 12 })
      .map((values) => ({ name: 'g', values, levels: [...new Set(values.filter((v) => v !== null))] })),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('name', 'values', 'levels', 'value', 'level', 'dupLevel', 'extraValue'), fc.oneof(hostile, nasty))
      .map(([where, bad]) => {
        const c: Record<string, unknown> = { name: 'g', values: ['a', 'b', null, 'a'], levels: ['a', 'b'] };
        if (where === 'value') c['values'] = ['a', bad, 'b'];
        else if (where === 'level') c['levels'] = ['a', bad];
        else if (where === 'dupLevel') c['levels'] = ['a', 'b', 'a'];
        else if (where === 'extraValue') c['values'] = ['a', 'b', 'zz'];
        else c[where] = bad;
        return c;
      }),
    weight: 3,
  },
  { arbitrary: fc.oneof(hostile, nasty), weight: 1 },
);

/** A stream argument: a real seeded stream, or something that is not one. */
const rngArg = fc.oneof(
  { arbitrary: fc.integer().map((s) => randomStream(s) as unknown), weight: 3 },
  { arbitrary: fc.constantFrom<unknown[]>({ int: () => 'x' }, { int: () => Number.NaN }, { int: () => -1 }, { int: () => 1e9 }, { next: () => 0.5 }), weight: 1 },
  { arbitrary: fc.oneof(hostile, nasty), weight: 1 },
);

/** Stands for a fresh Int32Array of this length, made inside the call (a buffer the call fills is not an input). */
class FreshBuffer {
  constructor(readonly length: number) {}
}

export const DATA_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'PsychkitError',
    args: fc.tuple(
      fc.oneof({ arbitrary: fc.constantFrom(...ERROR_CODES), weight: 4 }, hostile, nasty),
      fc.oneof({ arbitrary: fc.string(), weight: 4 }, hostile, nasty),
      fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: fc.record({ column: fc.string(), row: fc.nat(), value: hostile }), weight: 3 }, hostile, nasty),
    ),
    call: (code, message, details) => new PsychkitError(code, message, details),
    nan: [{ path: /^details\./, reason: 'details echo the offending value the caller passed, which may be NaN' }],
    runs: 900,
  },
  {
    name: 'isPsychkitError',
    args: fc.tuple(fc.oneof(hostile, nasty, fc.constantFrom<unknown[]>(new Error('x'), new TypeError('t'), { name: 'PsychkitError', code: 'X' }, { name: 'PsychkitError' }))),
    call: (e) => isPsychkitError(e),
    check: (r) => {
      if (typeof r !== 'boolean') throw new Error(`isPsychkitError returned ${typeof r}`);
    },
    runs: 900,
  },
  {
    name: 'randomStream',
    args: fc.tuple(fc.oneof(fc.integer(), fc.string(), edgeNumber, nasty), fc.oneof({ arbitrary: fc.integer({ min: 1, max: 10 }), weight: 3 }, edgeNumber, nasty)),
    call: (seed, n) => {
      const rng = randomStream(seed);
      const draws = [rng.next(), rng.normal(), rng.normal(), rng.int(5), rng.int(n)];
      return { seed: rng.seed, draws };
    },
    check: (r) => {
      const { draws } = r as { draws: number[] };
      if (!(draws[0]! >= 0 && draws[0]! < 1) || !Number.isFinite(draws[1]) || !Number.isInteger(draws[3])) throw new Error(`bad draws ${draws.join(', ')}`);
      if (!Number.isInteger(draws[4])) throw new Error(`int(n) gave ${draws[4]}`);
    },
    runs: 900,
  },
  {
    name: 'bootstrapIndices',
    args: fc.tuple(
      rngArg,
      fc.oneof({ arbitrary: fc.integer({ min: 0, max: 50 }), weight: 3 }, edgeNumber.filter((n) => !(Number.isInteger(n) && (n as number) > 1e4 && (n as number) < 2 ** 31)), nasty),
      fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: fc.integer({ min: 0, max: 60 }).map((len) => new FreshBuffer(len)), weight: 2 }, { arbitrary: fc.oneof(hostile, nasty), weight: 1 }),
    ).map(([rng, n, out]) => [rng, n, out instanceof FreshBuffer && Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 50 && out.length % 2 === 0 ? new FreshBuffer(n as number) : out]),
    // A valid but huge n (up to 2³¹ − 1) is only slow: keep n small unless it is invalid.
    call: (rng, n, out: unknown) => {
      const buffer = out instanceof FreshBuffer ? new Int32Array(out.length) : out;
      return bootstrapIndices(rng, n, buffer as never);
    },
    check: (r, args) => {
      const idx = r as Int32Array;
      const n = args[1] as number;
      for (let i = 0; i < n; i++) if (!(idx[i]! >= 0 && idx[i]! < n)) throw new Error(`index ${idx[i]} outside 0…${n - 1}`);
    },
    runs: 900,
  },
  {
    name: 'categoricalColumn',
    args: anyTable.chain(({ table, items }) => fc.tuple(fc.constant(table), name(items), fc.oneof(fc.constant(undefined), fc.constant(['1', '2', '3', '4', '5']), names(items), fc.constant(['a', 'a'])))),
    call: (view, column, levels) => categoricalColumn(view as TableView, column, levels),
    runs: 900,
  },
  {
    name: 'dummyCode',
    args: fc.tuple(categoricalArg, fc.oneof(fc.constant(undefined), fc.record({ reference: fc.constantFrom('a', 'b', 'zz') }), arbitraries.hostileOptions(fc, { reference: 'b' }))),
    call: (column, options) => dummyCode(column, options as never),
    nan: [{ path: /^columns\[\d+\]\[\d+\]$/, reason: 'a missing category is NaN in every indicator column (documented on DummyCoding.columns), as R codes NA' }],
    runs: 900,
  },
  {
    name: 'cellToNumber',
    args: fc.tuple(fc.oneof(hostile, nasty, edgeNumber), fc.oneof(fc.constant('q1'), hostile), fc.oneof(fc.nat(), hostile)),
    call: (value, column, row) => cellToNumber(value, column, row),
    nan: [{ path: /^\(result\)$/, reason: 'NaN is how cellToNumber reports a missing cell (null, undefined, NaN, blank string), as documented' }],
    check: (r, args) => {
      if (typeof r !== 'number' || r === Infinity || r === -Infinity) throw new Error(`cellToNumber returned ${String(r)}`);
      if (Number.isNaN(r) && !isMissing(args[0])) throw new Error(`NaN for a value that is not missing: ${String(args[0])}`);
    },
    runs: 1200,
  },
  {
    name: 'isMatrixInput',
    args: fc.tuple(fc.oneof(hostile, nasty, fakeTables, anyTable.map((t) => t.table))),
    call: (x) => isMatrixInput(x),
    runs: 900,
  },
  {
    name: 'isMissing',
    args: fc.tuple(fc.oneof(hostile, nasty)),
    call: (x) => isMissing(x),
    runs: 900,
  },
  {
    name: 'listwise',
    args: fc.tuple(numericColumnsArg),
    call: (data) => listwise(data),
    runs: 900,
  },
  {
    name: 'pairwiseCounts',
    args: fc.tuple(numericColumnsArg),
    call: (data) => pairwiseCounts(data),
    runs: 900,
  },
  {
    name: 'numericColumn',
    args: anyTable.chain(({ table, items }) => fc.tuple(fc.constant(table), name(items))),
    call: (view, column) => numericColumn(view as TableView, column),
    nan: [{ path: /^\[\d+\]$/, reason: 'NaN marks a missing cell in a numeric column, as documented' }],
    runs: 900,
  },
  {
    name: 'numericColumns',
    args: anyTable.chain(({ table, items }) => fc.tuple(fc.constant(table), names(items))),
    call: (table, columns) => numericColumns(table, columns),
    nan: [{ path: /^columns\[\d+\]\[\d+\]$/, reason: 'NaN marks a missing cell in a numeric column, as documented' }],
    runs: 900,
  },
  {
    name: 'readTable',
    args: fc.tuple(
      anyTable.map((t) => t.table),
      fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 3 },
        { arbitrary: fc.subarray([-99, -9, 0, 99, 'NA', '.', '', ' NA ', '-99']).map((missingCodes) => ({ missingCodes })), weight: 2 },
        { arbitrary: fc.oneof(hostile, nasty).map((missingCodes) => ({ missingCodes })), weight: 1 },
        { arbitrary: withOneHostile(fc.constant([-99, 'NA'])).map((missingCodes) => ({ missingCodes })), weight: 1 },
        { arbitrary: fc.oneof(hostile, nasty), weight: 1 },
      ),
    ),
    // A view is lazy: read every column so that a broken one is found.
    call: (table, options) => {
      const view = readTable(table, options as never);
      return { columnNames: view.columnNames, nRows: view.nRows, columns: view.columnNames.map((c) => Array.from(view.column(c)).length) };
    },
    check: (r) => {
      const v = r as { nRows: number; columnNames: unknown[]; columns: number[] };
      if (!Number.isInteger(v.nRows) || v.nRows < 0) throw new Error(`nRows ${v.nRows}`);
      if (!v.columnNames.every((c) => typeof c === 'string')) throw new Error('a column name is not a string');
      if (new Set(v.columnNames).size !== v.columnNames.length) throw new Error('duplicate column names in a view');
      if (!v.columns.every((len) => len === v.nRows)) throw new Error('a column length differs from nRows');
    },
    runs: 1200,
  },
];
