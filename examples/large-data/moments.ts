// The moments psychkit needs — count, means and the covariance matrix (divisor n − 1) — by site
// and overall, in one pass of DuckDB over the Parquet file. Nothing but 45 numbers per group (a count,
// 8 means, 36 covariances) reaches JavaScript, however many rows the file has.
//
//   npx tsx moments.ts [--file data/survey.parquet]     prints the SQL, its timing and the moments
import { resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { GroupedMomentsInput, MomentsInput } from '../../dist/index.js';
import { ITEMS, SURVEY_FILE, connect, fmt, int, isMain, sqlString, stringFlag, timed } from './survey.js';

/** A psychkit MomentsInput (covariance with divisor n − 1), with the means and names this query always gives. */
export interface ItemMoments {
  readonly covariance: number[][];
  readonly means: number[];
  readonly n: number;
  readonly columns: string[];
}

export interface SurveyMoments {
  /** All rows. */
  readonly overall: ItemMoments;
  /** One entry per site, in the order of their labels. */
  readonly bySite: { readonly groups: readonly (ItemMoments & { readonly label: string })[] };
  readonly sql: string;
  readonly seconds: number;
  /** Rows read (complete rows: the moments are listwise). */
  readonly rows: number;
}

const pairs = ITEMS.flatMap((a, i) => ITEMS.slice(i).map((b) => [a, b] as const));

/** One query, one scan: GROUPING SETS gives the per-site and the overall moments together. */
export function momentsSql(file: string): string {
  const means = ITEMS.map((q) => `avg(${q}) AS mean_${q}`);
  // One line per row of the upper triangle, diagonal (the variances) included.
  const covariances = ITEMS.map((a) =>
    pairs
      .filter(([first]) => first === a)
      .map(([, b]) => `covar_samp(${a}, ${b}) AS cov_${a}_${b}`)
      .join(', '),
  );
  // A row with any item missing is left out of every moment, so the moments are those of the
  // listwise-complete rows — what psychkit fits from rows. (covar_samp alone would be pairwise.)
  return `SELECT grouping(site) = 1 AS overall, site,
       count(*) AS n,
       ${means.join(', ')},
       ${covariances.join(',\n       ')}
FROM read_parquet(${sqlString(file)})
WHERE ${ITEMS.map((q) => `${q} IS NOT NULL`).join(' AND ')}
GROUP BY GROUPING SETS ((site), ())
ORDER BY overall, site`;
}

type Row = Record<string, unknown>;

function toMoments(row: Row): ItemMoments {
  const p = ITEMS.length;
  const covariance = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (const [a, b] of pairs) {
    const value = row[`cov_${a}_${b}`] as number;
    const i = ITEMS.indexOf(a);
    const j = ITEMS.indexOf(b);
    covariance[i]![j] = value;
    covariance[j]![i] = value;
  }
  // count(*) arrives as a BigInt.
  return { covariance, means: ITEMS.map((q) => row[`mean_${q}`] as number), n: Number(row['n'] as bigint), columns: [...ITEMS] };
}

export async function surveyMoments(connection: DuckDBConnection, file: string): Promise<SurveyMoments> {
  const sql = momentsSql(file);
  const { value: reader, seconds } = await timed(() => connection.runAndReadAll(sql));
  const rows = reader.getRowObjects() as Row[];
  const all = rows.find((r) => r['overall'] === true);
  if (all === undefined) throw new Error(`${file}: no complete rows`);
  const overall = toMoments(all) satisfies MomentsInput;
  const bySite = { groups: rows.filter((r) => r['overall'] === false).map((r) => ({ label: r['site'] as string, ...toMoments(r) })) } satisfies GroupedMomentsInput;
  return { overall, bySite, sql, seconds, rows: overall.n };
}

if (isMain(import.meta.url)) {
  const file = resolve(stringFlag('file', SURVEY_FILE));
  const m = await surveyMoments(await connect(), file);
  console.log(`${m.sql};\n`);
  console.log(`${int(m.rows)} rows in ${m.seconds.toFixed(2)} s: ${int(Math.round(m.rows / m.seconds))} rows/s\n`);
  for (const g of [{ label: 'all', ...m.overall }, ...m.bySite.groups]) {
    console.log(`${g.label}: n = ${int(g.n)}; means ${g.means.map((x) => fmt(x, 3)).join(' ')}`);
    g.covariance.forEach((row, i) => console.log(`  ${ITEMS[i]} ${row.map((x) => fmt(x, 4).padStart(7)).join(' ')}`));
  }
}
