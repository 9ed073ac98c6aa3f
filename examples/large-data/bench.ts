// `npm run bench`: time and peak memory of the two ways to the same four analyses, each in a fresh
// Node process (peak RSS is a high-water mark, so one process per measurement):
//   moments  DuckDB reduces the Parquet file to moments in SQL; psychkit fits from them
//   rows     DuckDB reads the file; every row goes into Float64Arrays; psychkit fits from the rows
//   baseline Node with DuckDB and psychkit loaded, doing nothing (what both start from)
// Prints a Markdown table. Writes the files first if they are missing.
//
//   npm run bench                        data/survey.parquet (10,000,000 rows) and data/survey-1m.parquet
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromMoments, fromRows } from './analyses.js';
import { ensureSurvey } from './generate.js';
import { surveyMoments } from './moments.js';
import { readColumns } from './rows.js';
import { DEFAULT_ROWS, SURVEY_1M_FILE, SURVEY_FILE, connect, int, isMain, peakRssMiB, sqlString, stringFlag, timed } from './survey.js';

const PATHS = ['baseline', 'moments', 'rows'] as const;
type Path = (typeof PATHS)[number];

/** The moments query is cheap to repeat, and on a shared machine one run says little. */
const QUERY_RUNS = 3;

interface Measurement {
  readonly path: Path;
  readonly file: string;
  readonly rows: number;
  /** Wall seconds of running the moments query (each run), or of reading the rows into JavaScript. */
  readonly dataSeconds: readonly number[];
  /** CPU seconds of the process (all DuckDB threads) in the median run: less sensitive to other load than wall time. */
  readonly dataCpuSeconds: number;
  readonly fitSeconds: number;
  readonly peakMiB: number;
}

/** Wall and CPU seconds of `work`. */
async function clocked<T>(work: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const { value, seconds } = await timed(work);
  const used = process.cpuUsage(cpu);
  return { value, wall: seconds, cpu: (used.user + used.system) / 1e6 };
}

/** One measurement, in this process. */
async function measure(path: Path, file: string): Promise<Measurement> {
  const connection = await connect();
  if (path === 'baseline') return { path, file, rows: 0, dataSeconds: [], dataCpuSeconds: 0, fitSeconds: 0, peakMiB: peakRssMiB() };
  if (path === 'moments') {
    const runs = [];
    for (let i = 0; i < QUERY_RUNS; i++) runs.push(await clocked(() => surveyMoments(connection, file)));
    const median = [...runs].sort((a, b) => a.wall - b.wall)[Math.floor(QUERY_RUNS / 2)]!;
    const { seconds } = await timed(() => fromMoments(median.value));
    return { path, file, rows: median.value.rows, dataSeconds: runs.map((r) => r.wall), dataCpuSeconds: median.cpu, fitSeconds: seconds, peakMiB: peakRssMiB() };
  }
  const read = await clocked(() => readColumns(connection, `SELECT * FROM read_parquet(${sqlString(file)})`));
  const { seconds } = await timed(() => fromRows(read.value));
  return { path, file, rows: read.value.q1.length, dataSeconds: [read.wall], dataCpuSeconds: read.cpu, fitSeconds: seconds, peakMiB: peakRssMiB() };
}

/** The same measurement in a fresh process (this file again, with the loader tsx started it with). */
function measureApart(path: Path, file: string): Measurement {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--path', path, '--file', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`bench --path ${path} --file ${file} exited with ${child.status}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Measurement;
}

async function main(): Promise<void> {
  const files = [resolve(stringFlag('file', SURVEY_FILE)), SURVEY_1M_FILE];
  const connection = await connect();
  await ensureSurvey(connection, DEFAULT_ROWS, files[0]!);
  await ensureSurvey(connection, 1_000_000, files[1]!);
  const version = (await connection.runAndReadAll('SELECT version() AS v')).getRowObjects()[0]!['v'] as string;
  const load = loadavg().map((x) => x.toFixed(1)).join(', ');
  const results: Measurement[] = [];
  for (const file of files) {
    for (const path of PATHS) {
      if (path === 'baseline' && file !== files[0]) continue;
      console.error(`${path} ${file} …`);
      results.push(measureApart(path, file));
    }
  }
  const s = (x: number) => x.toFixed(x < 10 ? 2 : 1);
  console.log(`Node ${process.version}, DuckDB ${version}, ${cpus().length} cores (${cpus()[0]?.model.trim()}), load average before the run ${load}\n`);
  console.log(`| path | rows | get the data: wall (CPU) | rows/s | fit α, EFA, CFA, invariance | total | peak RSS |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    if (r.path === 'baseline') {
      console.log(`| baseline (Node + DuckDB + psychkit loaded) | — | — | — | — | — | ${int(Math.round(r.peakMiB))} MiB |`);
      continue;
    }
    const sorted = [...r.dataSeconds].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const wall = sorted.length === 1 ? `${s(median)} s` : `${s(median)} s median of ${sorted.length} (${sorted.map(s).join(', ')})`;
    const rate = sorted.length === 1 ? int(Math.round(r.rows / median)) : `${int(Math.round(r.rows / median))} (best ${int(Math.round(r.rows / sorted[0]!))})`;
    const what = r.path === 'moments' ? 'moments: SQL → psychkit' : 'rows: Float64Arrays → psychkit';
    console.log(`| ${what} | ${int(r.rows)} | ${wall} (CPU ${s(r.dataCpuSeconds)} s) | ${rate} | ${s(r.fitSeconds)} s | ${s(median + r.fitSeconds)} s | ${int(Math.round(r.peakMiB))} MiB |`);
  }
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf('--path');
  if (i < 0) await main();
  else {
    const path = process.argv[i + 1] as Path;
    if (!PATHS.includes(path)) throw new Error(`--path must be one of ${PATHS.join(', ')}`);
    console.log(JSON.stringify(await measure(path, resolve(stringFlag('file', SURVEY_FILE)))));
  }
}
