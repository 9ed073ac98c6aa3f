import { fail } from '../../errors.js';
import { printAs, tableSource } from './printing.js';
import { checkFastCheck, type Arbitrary, type FastCheck } from './fast-check.js';
import { arbitraryOptions, intRange, type Range } from './ranges.js';

/** Options of {@link hostileValue}. */
export interface HostileValueOptions {
  /** Include symbols (which throw when coerced to a string with `${}`). Default false. */
  readonly symbols?: boolean;
}

const SPECIAL_NUMBERS = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e300,
  -1e300,
  1e-300,
  2 ** 53 + 2,
  Number.EPSILON,
];

const SPECIAL_STRINGS = ['', ' ', '\t', 'NaN', 'Infinity', '-Infinity', 'abc', '3', ' 2.5 ', '1e309', '0x1F', '1_000', '1,5', 'null', 'undefined', 'true', '٣', '−1'];

/**
 * Values that break naive numeric code: NaN, ±Infinity, −0, ±1e300, Number.MAX_VALUE,
 * subnormals, numeric and non-numeric strings (`"1e309"` overflows, `"0x1F"`, `"1,5"`, a
 * Unicode minus), `null`, `undefined`, booleans, bigints, arrays, plain and null-prototype
 * objects, an object with `valueOf`, dates, functions — plus arbitrary doubles, integers and
 * strings. For fuzzing: a function must return a valid result or throw a `PsychkitError`.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbitraries.hostileValue(fc), (v) => {
 *   try { myScore([{ q1: v, q2: 1 }]); } catch (e) { expect(isPsychkitError(e)).toBe(true); }
 * }));
 * ```
 */
export function hostileValue(fc: FastCheck, options?: HostileValueOptions): Arbitrary<unknown> {
  const f = checkFastCheck(fc, 'arbitraries.hostileValue');
  const o = arbitraryOptions(options, 'arbitraries.hostileValue', ['symbols']);
  const symbols = o['symbols'] ?? false;
  if (typeof symbols !== 'boolean') throw fail('INVALID_OPTION', '`symbols` must be true or false.', { option: 'symbols' });
  const objects: unknown[] = [
    {},
    [],
    [1, 2],
    { valueOf: () => 3 },
    Object.create(null),
    new Date(0),
    () => 1,
    10n,
    2n ** 80n,
    true,
    false,
    null,
    undefined,
  ];
  const arbs: Arbitrary<unknown>[] = [
    f.constantFrom(...SPECIAL_NUMBERS),
    f.constantFrom(...SPECIAL_STRINGS),
    f.constantFrom(...objects),
    f.double(),
    f.integer(),
    f.string(),
  ];
  if (symbols) arbs.push(f.constant(Symbol('hostile')));
  return f.oneof(...arbs);
}

/** What is wrong with a {@link hostileTable}. */
export type HostileTableKind =
  | 'not-a-table'
  | 'empty'
  | 'single-row'
  | 'constant-column'
  | 'all-missing-column'
  | 'huge-values'
  | 'tiny-values'
  | 'hostile-cells'
  | 'mismatched-lengths'
  | 'fewer-rows-than-columns'
  | 'collinear'
  | 'duplicate-names'
  | 'missing-column'
  | 'prototype-names'
  | 'sparse-rows';

/** Options of {@link hostileTable}. */
export interface HostileTableOptions {
  /** Number of data columns of the underlying table. Default 2 … 5. */
  readonly columns?: Range;
  /** Number of rows of the underlying table (where the kind does not fix it). Default 2 … 20. */
  readonly rows?: Range;
  /** Only these kinds. Default all. */
  readonly kinds?: readonly HostileTableKind[];
}

/** A hostile input table and the column names a caller would request from it. */
export interface HostileTable {
  readonly kind: HostileTableKind;
  /** Anything: a broken table, or not a table at all. */
  readonly table: unknown;
  /** Column names to pass as `items`/`variables` (may name a missing column or repeat one, by kind). */
  readonly items: readonly string[];
}

const KINDS: readonly HostileTableKind[] = [
  'not-a-table',
  'empty',
  'single-row',
  'constant-column',
  'all-missing-column',
  'huge-values',
  'tiny-values',
  'hostile-cells',
  'mismatched-lengths',
  'fewer-rows-than-columns',
  'collinear',
  'duplicate-names',
  'missing-column',
  'prototype-names',
  'sparse-rows',
];

function rowsOf(names: readonly string[], data: readonly (readonly unknown[])[]): Record<string, unknown>[] {
  return data.map((row) => {
    const obj: Record<string, unknown> = {};
    // defineProperty so that a column called "__proto__" is an own key, as JSON.parse makes it.
    names.forEach((name, j) => Object.defineProperty(obj, name, { value: row[j], enumerable: true, writable: true, configurable: true }));
    return obj;
  });
}

/**
 * Inputs that a table-taking function must reject with a `PsychkitError` (or handle): values that
 * are not tables, empty tables, a single row, constant and all-missing columns, values near 1e300
 * (squares overflow) or 1e-300 (squares underflow), cells from {@link hostileValue}, columns or
 * matrix rows of different lengths, fewer rows than columns, exactly collinear columns, a column
 * name requested twice, a requested column that does not exist, columns named `__proto__`,
 * `constructor` or `toString`, and sparse row arrays. `kind` says which, so a fuzz test can
 * tabulate outcomes.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbitraries.hostileTable(fc), ({ table, items }) => {
 *   try { cronbachAlpha(table as Table, { columns: items }); } catch (e) { expect(isPsychkitError(e)).toBe(true); }
 * }));
 * ```
 */
export function hostileTable(fc: FastCheck, options?: HostileTableOptions): Arbitrary<HostileTable> {
  const fn = 'arbitraries.hostileTable';
  const f = checkFastCheck(fc, fn);
  const o = arbitraryOptions(options, fn, ['columns', 'rows', 'kinds']);
  const [kMin, kMax] = intRange(o['columns'], 'columns', [2, 5], 1, 50);
  const [nMin, nMax] = intRange(o['rows'], 'rows', [2, 20], 1, 10_000);
  const kinds = (o['kinds'] ?? KINDS) as unknown;
  if (!Array.isArray(kinds) || kinds.length === 0 || !kinds.every((k) => KINDS.includes(k as HostileTableKind))) {
    throw fail('INVALID_OPTION', `\`kinds\` must be a non-empty array of ${KINDS.join(', ')}.`, { option: 'kinds', value: kinds });
  }
  const cell = f.integer({ min: 1, max: 7 });
  // The row count is not chained on: rows are one array (nMin … nMax), so they shrink with the cells.
  const grid = (k: number, rows: readonly [number, number] = [nMin, nMax]) => f.array(f.array(cell, { minLength: k, maxLength: k }), { minLength: rows[0], maxLength: rows[1] });
  const hostile = hostileValue(f);
  return f
    .record({
      kind: f.constantFrom(...(kinds as HostileTableKind[])),
      k: f.integer({ min: kMin, max: kMax }),
      variant: f.integer({ min: 0, max: 5 }),
    })
    .chain(({ kind, k, variant }) => {
      const names = Array.from({ length: k }, (_, j) => `v${j + 1}`);
      const base = grid(k);
      const done = (table: unknown, items: readonly string[] = names): HostileTable =>
        printAs(f, { kind, table, items }, 'hostileTable', () => ({ kind, items, table: tableSource(f, table) }));
      switch (kind) {
        case 'not-a-table':
          return f.constantFrom<unknown[]>(null, undefined, 42, 'v1,v2\n1,2', true, () => [], new Date(0), [1, 2, 3], [null]).map((t) => done(t));
        case 'empty':
          return f
            .constantFrom<unknown[]>([], {}, [[]], [{}], Object.fromEntries(names.map((nm) => [nm, []])), {
              columnNames: () => [...names],
              array: () => [],
              numRows: () => 0,
            })
            .map((t) => done(t));
        case 'single-row':
          return grid(k, [1, 1]).map((d) => done(variant % 2 === 0 ? rowsOf(names, d) : d, variant % 2 === 0 ? names : names.map((_, j) => `V${j + 1}`)));
        case 'constant-column':
          return f.tuple(base, f.integer({ min: 0, max: k - 1 })).map(([d, c]) => done(rowsOf(names, d.map((row) => row.map((v, j) => (j === c ? 4 : v))))));
        case 'all-missing-column':
          return f
            .tuple(base, f.integer({ min: 0, max: k - 1 }), f.constantFrom<unknown[]>(null, undefined, Number.NaN, ''))
            .map(([d, c, missing]) => done(rowsOf(names, d.map((row) => row.map((v, j) => (j === c ? missing : v))))));
        case 'huge-values':
          return base.map((d) => done(rowsOf(names, d.map((row) => row.map((v) => (variant % 2 === 0 ? v * 1e300 : 1e300 + v * 1e290))))));
        case 'tiny-values':
          return base.map((d) => done(rowsOf(names, d.map((row) => row.map((v) => v * 1e-300)))));
        case 'hostile-cells':
          return f
            .tuple(base, f.array(f.tuple(f.integer({ min: 0, max: nMax - 1 }), f.integer({ min: 0, max: k - 1 }), hostile), { minLength: 1, maxLength: 4 }))
            .map(([d, hits]) => {
              const cells: unknown[][] = d.map((row) => [...row]);
              for (const [i, j, v] of hits) (cells[i % cells.length] as unknown[])[j] = v;
              return done(variant % 2 === 0 ? rowsOf(names, cells) : Object.fromEntries(names.map((nm, j) => [nm, cells.map((r) => r[j])])));
            });
        case 'mismatched-lengths':
          return base.map((d) => {
            if (variant % 2 === 0) {
              const cols = Object.fromEntries(names.map((nm, j) => [nm, d.map((r) => r[j])]));
              (cols[names[k - 1] as string] as unknown[]).push(1);
              return done(cols);
            }
            const m = d.map((r) => [...r]);
            (m[m.length - 1] as unknown[]).pop();
            return done(m, names.map((_, j) => `V${j + 1}`));
          });
        case 'fewer-rows-than-columns':
          return f
            .integer({ min: Math.max(3, k), max: Math.max(3, k) + 5 })
            .chain((p) => f.tuple(f.constant(p), grid(p, [1, Math.max(1, Math.min(nMax, p - 1))])))
            .map(([p, d]) => {
              const wide = Array.from({ length: p }, (_, j) => `v${j + 1}`);
              return done(rowsOf(wide, d), wide);
            });
        case 'collinear':
          return base.map((d) => {
            // Last column = sum of the others (or a copy of the first when k = 1 → 2 columns).
            const wide = k === 1 ? [...names, 'v2'] : names;
            const cells = d.map((row) => (k === 1 ? [row[0], row[0]] : [...row.slice(0, -1), row.slice(0, -1).reduce((s, v) => s + v, 0)]));
            return done(rowsOf(wide, cells), wide);
          });
        case 'duplicate-names':
          return base.map((d) =>
            variant % 2 === 0
              ? done(rowsOf(names, d), [...names, names[0] as string])
              : done({ columnNames: () => [...names, names[0] as string], array: () => d.map((r) => r[0]), numRows: () => d.length }, [...names, names[0] as string]),
          );
        case 'missing-column':
          return base.map((d) => done(rowsOf(names, d), [...names.slice(0, -1), 'not-a-column']));
        case 'prototype-names': {
          const proto = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'].slice(0, Math.max(2, Math.min(5, k)));
          return grid(proto.length).map((d) => done(rowsOf(proto, d), proto));
        }
        case 'sparse-rows':
          return base.map((d) => {
            const rows: unknown[] = rowsOf(names, d);
            rows.length = rows.length + 2; // trailing holes
            delete rows[0];
            return done(rows);
          });
      }
    });
}

/**
 * Variants of a valid options object for fuzzing option handling: the object itself, each key set
 * to a {@link hostileValue}, an unknown key added, a key removed, or no object at all (`null`, a
 * number, a string, an array). Every variant must give a valid result or a `PsychkitError`
 * (usually `INVALID_OPTION`).
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbitraries.hostileOptions(fc, { columns: ['q1', 'q2'], confidence: 0.95 }), (options) => {
 *   try { cronbachAlpha(rows, options as never); } catch (e) { expect(isPsychkitError(e)).toBe(true); }
 * }));
 * ```
 */
export function hostileOptions(fc: FastCheck, valid: Readonly<Record<string, unknown>>): Arbitrary<unknown> {
  const f = checkFastCheck(fc, 'arbitraries.hostileOptions');
  if (typeof valid !== 'object' || valid === null || Array.isArray(valid)) {
    throw fail('INVALID_OPTION', 'arbitraries.hostileOptions: pass a valid options object to vary.', { option: 'valid' });
  }
  const keys = Object.keys(valid);
  const hostile = hostileValue(f);
  const arbs: Arbitrary<unknown>[] = [
    f.constant({ ...valid }),
    f.constantFrom<unknown[]>(null, 42, 'options', [], true),
    f.tuple(f.constantFrom('unknownOption', 'seeed', 'Items', '__proto__'), hostile).map(([key, v]) => {
      const out: Record<string, unknown> = { ...valid };
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      return out;
    }),
  ];
  if (keys.length > 0) {
    arbs.push(
      f.tuple(f.constantFrom(...keys), hostile).map(([key, v]) => ({ ...valid, [key]: v })),
      f.constantFrom(...keys).map((key) => {
        const out: Record<string, unknown> = { ...valid };
        delete out[key];
        return out;
      }),
    );
  }
  return f.oneof(...arbs);
}
