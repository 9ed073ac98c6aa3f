// One printed form per generated value: fast-check prints a counterexample through its
// `toStringMethod` when the value has one. Set non-enumerable, so equality and spreading ignore it.
import { tableLikeColumns } from '../../data/table.js';
import type { FastCheck } from './fast-check.js';

/** The caller's fast-check `toStringMethod` symbol and `stringify`, when it has them (3.x and 4.x do). */
function printing(fc: FastCheck): { symbol: symbol; stringify: (v: unknown) => string } | null {
  const { toStringMethod, stringify } = fc as unknown as { toStringMethod?: unknown; stringify?: unknown };
  return typeof toStringMethod === 'symbol' && typeof stringify === 'function' ? { symbol: toStringMethod, stringify: stringify as (v: unknown) => string } : null;
}

/** Gives `value` fast-check's print method: `name(fields)` with each field printed once. */
export function printAs<T extends object>(fc: FastCheck, value: T, name: string, fields: () => Readonly<Record<string, unknown>>): T {
  const p = printing(fc);
  if (p === null) return value;
  Object.defineProperty(value, p.symbol, {
    value: () => `${name}({ ${Object.entries(fields()).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : p.stringify(v)}`).join(', ')} })`,
    enumerable: false,
  });
  return value;
}

/** A table's printed form: row objects and matrices as data; Arrow- and Arquero-like tables as their columns, not their methods. */
export function tableSource(fc: FastCheck, table: unknown): string {
  const stringify = (fc as unknown as { stringify?: (v: unknown) => string }).stringify ?? JSON.stringify;
  let columns: Record<string, unknown[]> | null = null;
  try {
    columns = tableLikeColumns(table);
  } catch {
    // A malformed Arrow- or Arquero-like table (hostileTable makes them): printed as it is.
  }
  if (columns === null) return stringify(table);
  const arrow = typeof (table as { getChild?: unknown }).getChild === 'function';
  return `${arrow ? 'arrowTable' : 'arqueroTable'}(${stringify(columns)})`;
}
