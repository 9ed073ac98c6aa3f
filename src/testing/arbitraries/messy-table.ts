import { fail } from '../../errors.js';
import type { Table } from '../../data/index.js';
import { checkFastCheck, type Arbitrary, type FastCheck } from './fast-check.js';
import { printAs, tableSource } from './printing.js';
import { arbitraryOptions, intRange, share, type Range } from './ranges.js';

/** The table layouts psychkit reads. */
export type TableShape = 'rows' | 'columns' | 'matrix' | 'arrow' | 'arquero';

const SHAPES: readonly TableShape[] = ['rows', 'columns', 'matrix', 'arrow', 'arquero'];

/** Options of {@link messyTable}. */
export interface MessyTableOptions {
  /** Number of data columns. Default 1 … 5. */
  readonly columns?: Range;
  /** Number of rows. Default 1 … 30. */
  readonly rows?: Range;
  /** Largest probability that a cell is missing. Default 0.2. */
  readonly missing?: number;
  /**
   * `'real'` (default): integers in ±1000 and decimals m / 10ᵉ (|m| ≤ 1e9, e = 1 … 9) — ordinary
   * magnitudes; extreme values are `hostileTable`'s job. `'likert'`: integers 1 … `levels`.
   */
  readonly values?: 'real' | 'likert';
  /** Levels for `values: 'likert'`. Default 5. */
  readonly levels?: number;
  /** Layouts to draw from. Default all five. */
  readonly shapes?: readonly TableShape[];
  /** Encode some numbers as numeric strings (`"3"`, `" 2.5 "`, `"1.5e+2"`). Default true. */
  readonly numericStrings?: boolean;
  /** Add columns that are not data (ids, labels, notes, an unused numeric column). Default true. */
  readonly extraColumns?: boolean;
}

/** A messy encoding of a clean numeric data set. */
export interface MessyTable {
  /** The table as a user might hand it over. */
  readonly table: Table;
  readonly shape: TableShape;
  /** Names of the data columns as the table names them (`V1…` for a matrix) — pass as `items`. */
  readonly columns: readonly string[];
  /** The same data, clean: rows × columns, `null` = missing. */
  readonly values: readonly (readonly (number | null)[])[];
  /** The same data as a clean object of columns (numbers and `null`), keyed by `columns`. */
  readonly clean: Readonly<Record<string, readonly (number | null)[]>>;
}

// Column names a CSV header might hold: spaces, punctuation, non-ASCII, digits-only (which JS
// objects enumerate first, so row-object key order differs from header order).
const NAME_POOL = ['q1', 'q2', 'q3', 'item 4', 'Ü5', 'x.6', '7', 'score-8', 'Q9', 'b10', '11', 'zz'];

type Cell = { kind: 'value'; encoding: number } | { kind: 'missing'; encoding: number };

const MISSING = [null, undefined, Number.NaN, '', '  '] as const;

function encode(v: number, encoding: number, strings: boolean): unknown {
  if (!strings) return v;
  switch (encoding % 4) {
    case 1:
      return String(v);
    case 2:
      return ` ${String(v)} `;
    case 3:
      return v.toExponential(); // shortest round-tripping digits, so Number(...) === v
    default:
      return v;
  }
}

/**
 * Tables that encode a clean numeric data set the way real inputs arrive: any of the five layouts
 * psychkit reads (row objects, column object — some columns as `Float64Array` — `number[][]`
 * matrix, Arrow-like and Arquero-like), missing cells as `null`, `undefined`, `NaN`, `''` or
 * blanks (and, in row objects, as an absent key), numbers as numeric strings, awkward column
 * names, and extra non-data columns. `values`/`clean` give the same data plainly, so a
 * robustness property is: an estimator gives the same result on `table` as on `clean`.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbitraries.messyTable(fc, { values: 'likert', columns: { min: 2, max: 6 } }), (t) => {
 *   expect(myMean(t.table, t.columns)).toEqual(myMean(t.clean, t.columns));
 * }));
 * ```
 */
export function messyTable(fc: FastCheck, options?: MessyTableOptions): Arbitrary<MessyTable> {
  const fn = 'arbitraries.messyTable';
  const f = checkFastCheck(fc, fn);
  const o = arbitraryOptions(options, fn, ['columns', 'rows', 'missing', 'values', 'levels', 'shapes', 'numericStrings', 'extraColumns']);
  const [kMin, kMax] = intRange(o['columns'], 'columns', [1, 5], 1, NAME_POOL.length);
  const [nMin, nMax] = intRange(o['rows'], 'rows', [1, 30], 1, 100_000);
  const maxPercent = Math.round(share(o['missing'], 'missing', 0.2) * 100);
  const kind = o['values'] ?? 'real';
  if (kind !== 'real' && kind !== 'likert') throw fail('INVALID_OPTION', "`values` must be 'real' or 'likert'.", { option: 'values', value: kind });
  const [levels] = intRange(o['levels'], 'levels', [5, 5], 2, 100);
  const shapes = (o['shapes'] ?? SHAPES) as unknown;
  if (!Array.isArray(shapes) || shapes.length === 0 || !shapes.every((s) => SHAPES.includes(s as TableShape))) {
    throw fail('INVALID_OPTION', `\`shapes\` must be a non-empty array of ${SHAPES.join(', ')}.`, { option: 'shapes', value: shapes });
  }
  const strings = o['numericStrings'] ?? true;
  const extras = o['extraColumns'] ?? true;
  if (typeof strings !== 'boolean') throw fail('INVALID_OPTION', '`numericStrings` must be true or false.', { option: 'numericStrings' });
  if (typeof extras !== 'boolean') throw fail('INVALID_OPTION', '`extraColumns` must be true or false.', { option: 'extraColumns' });

  const value: Arbitrary<number> =
    kind === 'likert'
      ? f.integer({ min: 1, max: levels })
      : f.oneof(
          f.integer({ min: -1000, max: 1000 }),
          f.tuple(f.integer({ min: -1e9, max: 1e9 }), f.integer({ min: 1, max: 9 })).map(([m, e]) => m / 10 ** e),
        );
  // No `.chain` on the size: each row carries kMax cells (the first k used), so the row count,
  // the column count and the cells shrink together and a failing property ends at the smallest table.
  const cell = f
    .tuple(f.integer({ min: 0, max: 99 }), f.integer({ min: 0, max: 11 }))
    .map(([hole, encoding]) => ({ hole, encoding }));
  return f
    .record({
      shape: f.constantFrom(...(shapes as TableShape[])),
      k: f.integer({ min: kMin, max: kMax }),
      percent: f.integer({ min: 0, max: maxPercent }),
      extra: extras ? f.boolean() : f.constant(false),
      pool: f.uniqueArray(f.constantFrom(...NAME_POOL), { minLength: kMax, maxLength: kMax }),
      grid: f.array(f.tuple(f.array(value, { minLength: kMax, maxLength: kMax }), f.array(cell, { minLength: kMax, maxLength: kMax })), { minLength: nMin, maxLength: nMax }),
      typedPool: f.array(f.boolean(), { minLength: kMax, maxLength: kMax }),
      absentKeys: f.boolean(),
    })
    .map(({ shape, k, percent, extra, pool, grid, typedPool, absentKeys }) => ({
      shape,
      extra,
      names: pool.slice(0, k),
      data: grid.map(([values]) => values.slice(0, k)),
      cells: grid.map(([, cs]) => cs.slice(0, k).map(({ hole, encoding }): Cell => (hole >= 100 - percent ? { kind: 'missing', encoding } : { kind: 'value', encoding }))),
      typedColumns: typedPool.slice(0, k),
      absentKeys,
    }))
    .map(({ shape, extra, names: rawNames, data, cells, typedColumns, absentKeys }): MessyTable => {
      const k = rawNames.length;
      const n = data.length;
      const names = shape === 'matrix' ? Array.from({ length: k }, (_, j) => `V${j + 1}`) : rawNames;
      // -0 becomes +0 so that a clean value and its string encoding compare equal.
      const values = data.map((row, i) =>
        row.map((v, j) => ((cells[i] as Cell[])[j] as Cell).kind === 'missing' ? null : v === 0 ? 0 : v),
      );
      const clean: Record<string, (number | null)[]> = {};
      names.forEach((name, j) => (clean[name] = values.map((row) => row[j] as number | null)));
      // A column may be typed only when it holds numbers (missing = NaN there).
      const typed = typedColumns.map((t) => t && shape === 'columns');
      const cellAt = (i: number, j: number): unknown => {
        const cell = (cells[i] as Cell[])[j] as Cell;
        const v = (values[i] as (number | null)[])[j];
        if (typed[j]) return v === null ? Number.NaN : v;
        if (cell.kind === 'missing') return MISSING[cell.encoding % MISSING.length];
        return encode(v as number, cell.encoding, strings);
      };
      const extraColumns: [string, (i: number) => unknown][] = extra
        ? [
            ['id', (i) => `r${i + 1}`],
            ['group', (i) => (i % 2 === 0 ? 'control' : 'treatment')],
            ['note', (i) => (i % 3 === 0 ? 'n/a' : '')],
            ['unused', (i) => i * 1.5],
          ]
        : [];
      let table: Table;
      if (shape === 'matrix') {
        table = Array.from({ length: n }, (_, i) => [
          ...names.map((_, j) => cellAt(i, j)),
          ...extraColumns.map(([, get]) => get(i)),
        ]);
      } else {
        const columnArrays: [string, ArrayLike<unknown>][] = names.map((name, j) => {
          const col = Array.from({ length: n }, (_, i) => cellAt(i, j));
          return [name, typed[j] ? Float64Array.from(col as number[]) : col];
        });
        for (const [name, get] of extraColumns) columnArrays.push([name, Array.from({ length: n }, (_, i) => get(i))]);
        const allNames = columnArrays.map(([name]) => name);
        const lookup = new Map(columnArrays);
        if (shape === 'columns') table = Object.fromEntries(columnArrays);
        else if (shape === 'arrow') {
          table = {
            schema: { fields: allNames.map((name) => ({ name })) },
            numRows: n,
            getChild: (name: string) => {
              const col = lookup.get(name);
              return col === undefined ? null : { toArray: () => col };
            },
          };
        } else if (shape === 'arquero') {
          table = { columnNames: () => [...allNames], array: (name: string) => lookup.get(name) ?? [], numRows: () => n };
        } else {
          table = Array.from({ length: n }, (_, i) => {
            const row: Record<string, unknown> = {};
            for (const [name, col] of columnArrays) {
              const cell = col[i];
              // Row 0 keeps every key so that no column vanishes; later rows may omit a missing one.
              if (absentKeys && i > 0 && cell === undefined) continue;
              row[name] = cell;
            }
            return row;
          });
        }
      }
      return printAs(f, { table, shape, columns: names, values, clean }, 'messyTable', () => ({ shape, columns: names, table: tableSource(f, table) }));
    });
}
