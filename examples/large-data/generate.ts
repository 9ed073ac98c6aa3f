// Writes the survey as Parquet without a row passing through JavaScript: DuckDB draws the
// normals (Box–Muller from random(), seeded) and streams the rows to the file.
//
//   npx tsx generate.ts                          10,000,000 rows → data/survey.parquet
//   npx tsx generate.ts --rows 1000000 --out data/survey-1m.parquet
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_ROWS, FACTOR1_ITEMS, ITEMS, POPULATION, SURVEY_FILE, connect, int, isMain, numberFlag, sqlString, stringFlag, timed, type Item } from './survey.js';

export const SEED = 0.42;

/** The SQL that writes `rows` survey rows to `file`; built from POPULATION so the printed model is the generated one. */
export function generateSql(rows: number, file: string): string {
  const { loadings, intercepts, phi, siteA, siteBFactorMeans, siteBShift } = POPULATION;
  // Ten normals per row (two factors, eight residuals) from five Box–Muller pairs. 1 − u keeps
  // ln() away from 0, since random() is in [0, 1).
  const uniforms = Array.from({ length: 10 }, (_, k) => `random() AS u${k}`).join(', ');
  const normals = Array.from({ length: 5 }, (_, k) => {
    const r = `sqrt(-2 * ln(1 - u${2 * k}))`;
    return `${r} * cos(2 * pi() * u${2 * k + 1}) AS z${2 * k},\n           ${r} * sin(2 * pi() * u${2 * k + 1}) AS z${2 * k + 1}`;
  }).join(',\n           ');
  const item = (name: Item, j: number): string => {
    const factor = FACTOR1_ITEMS.includes(name) ? 'f1' : 'f2';
    const l = loadings[name];
    const shift = name === siteBShift.item ? ` + CASE site WHEN 'B' THEN ${siteBShift.by} ELSE 0 END` : '';
    return `${intercepts[name]}${shift} + ${l} * ${factor} + sqrt(1 - ${l} * ${l}) * z${j + 2} AS ${name}`;
  };
  // Each step reads the one before as a CTE: a column that holds a random() draw is then one
  // value wherever it is used (an expression repeated in one SELECT would draw again).
  return `COPY (
  WITH u AS (
    SELECT random() AS site_u, ${uniforms}
    FROM range(${rows})
  ), z AS (
    SELECT CASE WHEN site_u < ${siteA} THEN 'A' ELSE 'B' END AS site,
           ${normals}
    FROM u
  ), f AS (
    SELECT site, z2, z3, z4, z5, z6, z7, z8, z9,
           z0 + CASE site WHEN 'B' THEN ${siteBFactorMeans[0]} ELSE 0 END AS f1,
           ${phi} * z0 + sqrt(1 - ${phi} * ${phi}) * z1 + CASE site WHEN 'B' THEN ${siteBFactorMeans[1]} ELSE 0 END AS f2
    FROM z
  )
  SELECT site,
         ${ITEMS.map(item).join(',\n         ')}
  FROM f
) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`;
}

/** Writes the file (via a temporary name, so an interrupted run leaves no half-written file that looks complete). */
export async function generate(connection: DuckDBConnection, rows: number, file: string): Promise<{ sql: string; seconds: number }> {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const sql = generateSql(rows, partial);
  // setseed fixes random()'s stream for this connection: the same file for the same rows, also
  // with another thread count (byte-identical files with 1 and 2 threads, DuckDB 1.5.6).
  await connection.run(`SELECT setseed(${SEED})`);
  const { seconds } = await timed(() => connection.run(sql));
  renameSync(partial, file);
  return { sql: sql.replace(sqlString(partial), sqlString(file)), seconds };
}

/** Generates `file` with `rows` rows unless it exists; says what it did on stderr. */
export async function ensureSurvey(connection: DuckDBConnection, rows: number, file: string): Promise<void> {
  if (existsSync(file)) return;
  console.error(`Writing ${int(rows)} rows to ${file} …`);
  const { seconds } = await generate(connection, rows, file);
  console.error(`  done in ${seconds.toFixed(1)} s (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB)`);
}

if (isMain(import.meta.url)) {
  const rows = numberFlag('rows', DEFAULT_ROWS);
  const file = resolve(stringFlag('out', SURVEY_FILE));
  const connection = await connect();
  const { sql, seconds } = await generate(connection, rows, file);
  console.log(`-- setseed(${SEED}), then:\n${sql};\n`);
  console.log(`${int(rows)} rows → ${file}: ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB in ${seconds.toFixed(1)} s (${int(Math.round(rows / seconds))} rows/s)`);
}
