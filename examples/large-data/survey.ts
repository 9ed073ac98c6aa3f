// What every script of this example shares: the survey's population model (which generate.ts
// writes into its SQL and analyse.ts prints beside the estimates), the model syntax, the file
// paths, the DuckDB connection and the command-line flags.
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export const ITEMS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8'] as const;
export type Item = (typeof ITEMS)[number];
export const FACTOR1_ITEMS: readonly Item[] = ['q1', 'q2', 'q3', 'q4'];
export const FACTOR2_ITEMS: readonly Item[] = ['q5', 'q6', 'q7', 'q8'];
export const SITES = ['A', 'B'] as const;

/**
 * The population. Within each site the factors are standard normal with correlation PHI, each item
 * is intercept + loading·factor + normal noise of variance 1 − loading² (so items have variance 1
 * within a site). Site B differs in its factor means and in one intercept (q8), so metric
 * invariance holds in the population and scalar invariance does not.
 */
export const POPULATION = {
  loadings: { q1: 0.8, q2: 0.7, q3: 0.6, q4: 0.5, q5: 0.75, q6: 0.65, q7: 0.55, q8: 0.45 } satisfies Record<Item, number>,
  intercepts: { q1: 3.0, q2: 2.8, q3: 3.2, q4: 2.9, q5: 3.1, q6: 2.7, q7: 3.3, q8: 3.0 } satisfies Record<Item, number>,
  phi: 0.4,
  /** Share of rows in site A. */
  siteA: 0.6,
  /** Site B's factor means (site A's are 0). */
  siteBFactorMeans: [0.2, -0.1] as const,
  /** Added to q8's intercept in site B only. */
  siteBShift: { item: 'q8' as Item, by: 0.1 },
} as const;

/** The 2-factor CFA: q1–q4 measure f1, q5–q8 measure f2. */
export const MODEL = `f1 =~ ${FACTOR1_ITEMS.join(' + ')}\nf2 =~ ${FACTOR2_ITEMS.join(' + ')}`;

const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));
export const SURVEY_FILE = `${DATA_DIR}survey.parquet`;
export const SURVEY_1M_FILE = `${DATA_DIR}survey-1m.parquet`;
export const DEFAULT_ROWS = 10_000_000;

/** A path as a SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** An in-memory DuckDB: it reads the Parquet files where they are, loading nothing up front. */
export async function connect(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  return instance.connect();
}

/** The value of `--name N` (a positive whole number; `10e6` and `10_000_000` are accepted). */
export function numberFlag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]?.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < 2) {
    console.error(`--${name} needs a whole number ≥ 2; got ${process.argv[i + 1]}`);
    process.exit(2);
  }
  return value;
}

/** The value of `--name VALUE`, or the fallback. */
export function stringFlag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
}

/** Runs `work` and returns its result with the wall time in seconds. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/** Peak resident memory of this process so far (the kernel's high-water mark), in MiB. */
export function peakRssMiB(): number {
  // maxRSS is in KiB and counts DuckDB's native memory too, which sampling heapUsed would not.
  return process.resourceUsage().maxRSS / 1024;
}

/** Whether this module is the script node was started with (so a file is both a CLI and a library). */
export function isMain(url: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(url) === process.argv[1];
}

export const fmt = (x: number, digits = 4): string => x.toFixed(digits);
export const int = (x: number): string => x.toLocaleString('en-US');

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
