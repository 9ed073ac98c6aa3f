// The seed study's analysis table for the benchmarks: scale scores from the R reference (scoring
// is benchmarked elsewhere) beside the raw covariates, n = 268 (267 complete on the PROCESS model).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ref = JSON.parse(readFileSync(join(here, '..', 'test', 'fixtures', 'peer-workers.json'), 'utf8'));
const csv = readFileSync(join(here, '..', 'test', 'fixtures', 'peer-workers.csv'), 'utf8').trim().split(/\r?\n/);
const header = csv[0]!.split(',').map((h) => h.replace(/"/g, ''));
const col = (name: string) => csv.slice(1).map((line) => line.split(',')[header.indexOf(name)]!.replace(/"/g, ''));

/** Columns esse, ss, si, pwb (scores), gender, education (numbers), marital (strings). */
export const peerTable = {
  esse: ref.scales.esse.scores as (number | null)[],
  ss: ref.scales.mspss.scores as (number | null)[],
  si: ref.scales.si.scores as (number | null)[],
  pwb: ref.scales.pwb.scores as (number | null)[],
  gender: col('gender').map(Number),
  education: col('education').map(Number),
  marital: col('marital'),
};
