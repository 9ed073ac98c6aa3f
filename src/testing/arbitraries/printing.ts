// One printed form per generated value: fast-check prints a counterexample through its
// `toStringMethod` when the value has one. Set non-enumerable, so equality and spreading ignore it.
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
  if (typeof table === 'object' && table !== null) {
    const t = table as { schema?: { fields?: { name: string }[] }; getChild?: (n: string) => { toArray(): unknown } | null; columnNames?: () => string[]; array?: (n: string) => unknown };
    if (typeof t.getChild === 'function' && Array.isArray(t.schema?.fields)) {
      const columns = Object.fromEntries(t.schema.fields.map((f) => [f.name, t.getChild!(f.name)?.toArray()]));
      return `arrowTable(${stringify(columns)})`;
    }
    if (typeof t.columnNames === 'function' && typeof t.array === 'function') {
      const columns = Object.fromEntries(t.columnNames().map((name) => [name, t.array!(name)]));
      return `arqueroTable(${stringify(columns)})`;
    }
  }
  return stringify(table);
}
