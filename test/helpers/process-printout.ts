// Comparing a psychkit PROCESS result with a real PROCESS printout parsed to JSON
// (test/fixtures/process-spss/Results_*_ModelK.json, see parse_process_output.py there).
import { expect } from 'vitest';
import { CATALOG } from '../../src/mediation/catalog.js';
import { loadJson } from './fixtures.js';

export interface PrintedRow {
  readonly [key: string]: unknown;
  readonly at?: Readonly<Record<string, number>>;
  readonly mediator?: string;
  readonly label?: string;
  readonly term?: string;
  readonly regressor?: string | null;
}
export interface PrintedTable {
  readonly rows: readonly PrintedRow[];
  readonly moderator?: string;
}
export interface PrintedEquation {
  readonly outcome: string;
  readonly kind: 'ols' | 'logistic';
  readonly summary: PrintedTable;
  readonly coefficients: PrintedTable;
  readonly rSquareIncrease?: PrintedTable;
}
export interface Printout {
  readonly model: number;
  readonly outcomeType: 'ols' | 'logit';
  readonly equations: readonly PrintedEquation[];
  readonly sections: Readonly<Record<string, PrintedTable | readonly PrintedTable[]>>;
}

export function readPrintout(model: number, kind: 'OLS' | 'Logit'): Printout {
  return loadJson<Printout>(`process-spss/Results_${kind}_Model${model}.json`);
}

/** The shared models: those whose number is not a multiple of 3. */
export const SHARED_MODELS: readonly number[] = Array.from({ length: 76 }, (_, i) => i + 1).filter((k) => k % 3 !== 0);

/** psychkit's role for each data column of a model (the columns are named after PROCESS 2's roles). */
export function rolesOfModel(model: number): { options: Record<string, string>; roleOf: (column: string) => string } {
  const entry = CATALOG.get(model)!;
  const options: Record<string, string> = {};
  const byColumn = new Map<string, string>([['x', 'x']]);
  for (const role of entry.moderators) {
    const column = entry.v2[role]!.toLowerCase();
    options[role] = column;
    byColumn.set(column, role);
  }
  return { options, roleOf: (column) => byColumn.get(column) ?? column };
}

/** One comparison: which section, how far from the printed value, and (bootstrap) in Monte Carlo SDs. */
export interface Comparison {
  readonly model: number;
  readonly run: 'OLS' | 'Logit';
  readonly section: string;
  readonly difference: number;
  readonly mcSds?: number;
}

/** Collects comparisons so a test run can report counts and the worst difference per section. */
export class Ledger {
  readonly entries: Comparison[] = [];
  constructor(
    readonly model: number,
    readonly run: 'OLS' | 'Logit' = 'OLS',
  ) {}

  /** Deterministic: equal after rounding to the printed 4 decimals (within half a unit of the last digit). */
  printed(section: string, actual: number, printed: unknown, what: string): void {
    expect(typeof printed, `${what}: printed value`).toBe('number');
    const difference = Math.abs(actual - (printed as number));
    this.entries.push({ model: this.model, run: this.run, section, difference });
    expect(difference, `${what}: ${actual} vs printed ${printed}`).toBeLessThanOrEqual(0.00005 + 1e-9);
  }

  /**
   * Bootstrap SE or bound from PROCESS's own random numbers: within `limit` Monte Carlo SDs of the
   * printed value, the SD of the difference between two independent 5,000-resample bootstraps
   * being about 0.014·SE for an SE and 0.065·SE for a bias-corrected bound (the fixture README).
   */
  bootstrap(section: string, actual: number | null, printed: unknown, bootSe: number, what: 'se' | 'bound', label: string, limit = 5): void {
    expect(actual, label).not.toBeNull();
    const sd = (what === 'se' ? 0.014 : 0.065) * bootSe;
    const difference = Math.abs((actual as number) - (printed as number));
    const mcSds = difference / sd;
    this.entries.push({ model: this.model, run: this.run, section, difference, mcSds });
    // Half a unit of the printed digit on top: the printed value is rounded.
    expect(difference, `${label}: ${actual} vs printed ${printed} (${mcSds.toFixed(2)} Monte Carlo SDs)`).toBeLessThanOrEqual(limit * sd + 0.00005);
  }
}

/**
 * The row of `rows` evaluated at the given moderator values (keys are roles), each within
 * `tolerance` (printed values: half a unit of the 4th decimal); `extra` narrows further.
 */
export function rowAt<T extends { readonly at: Readonly<Record<string, number | undefined>> }>(
  rows: readonly T[] | null,
  at: Record<string, number>,
  tolerance: number,
  extra: (r: T) => boolean = () => true,
): T {
  expect(rows).not.toBeNull();
  const hit = rows!.find((r) => extra(r) && Object.keys(r.at).length === Object.keys(at).length && Object.entries(at).every(([k, v]) => Math.abs((r.at[k] as number) - v) <= tolerance));
  expect(hit, `a row at ${JSON.stringify(at)}`).toBeDefined();
  return hit!;
}
