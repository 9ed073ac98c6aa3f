// missingness against R (test/fixtures/missingness.R → missingness.json): per-column and per-row
// counts, mice::md.pattern's table (mice 3.15.0), the ML moments of lavaan 0.6.14's EM run to
// convergence, and Little's d², df and p by formula.
import { afterAll, describe, expect, it } from 'vitest';
import { missingness, type MissingnessResult } from '../../src/screening/missingness.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';

interface Case {
  columns: string[];
  n: number;
  nMissing: number[];
  percent: number[];
  rowMissing: number[];
  rowPercent: number[];
  nComplete: number;
  totalMissing: number;
  mdPattern: { columns: string[]; observed: number[][]; frequency: number[]; nMissing: number[]; columnMissing: number[]; totalMissing: number };
  ml: { means: number[]; covariance: number[][]; logLikelihood: number };
  little: { statistic: number; df: number; p: number; n: number; nDropped: number; patterns: number; statisticUnbiasedSigma: number };
  lavaanDefault: { maxAbsDiffMeans: number; maxAbsDiffCovariance: number };
  data?: (number | null)[][];
}

const ref = loadJson<Record<'esseSi' | 'mspss' | 'synthetic' | 'sparse', Case>>('missingness.json');
const cases = [ref.esseSi, ref.mspss, ref.synthetic, ref.sparse];
const peer = loadCsv('peer-workers.csv');

const TOL = 1e-6;
let compared = 0;
let worst = 0;
let worstWhat = '';

/** |actual − expected| ≤ 1e-6 (× max(1, |expected|)), counted; records the largest difference. */
function close(actual: number, expected: number, what: string): void {
  const diff = Math.abs(actual - expected);
  compared++;
  if (diff > worst) {
    worst = diff;
    worstWhat = what;
  }
  if (!(diff <= TOL * Math.max(1, Math.abs(expected)))) expect.fail(`${what}: expected ${expected}, got ${actual} (|diff| ${diff})`);
}

function exact(actual: number, expected: number, what: string): void {
  compared++;
  expect(actual, what).toBe(expected);
}

function tableOf(c: Case): Record<string, (number | null)[]> {
  return Object.fromEntries(c.columns.map((name, j) => [name, (c.data as (number | null)[][]).map((row) => row[j] as number | null)]));
}

function check(name: string, c: Case, m: MissingnessResult): void {
  expect(m.kind).toBe('missingness');
  expect(m.columns).toEqual(c.columns);
  exact(m.n, c.n, `${name} n`);
  c.columns.forEach((col, j) => {
    const row = m.byColumn[j]!;
    expect(row.column).toBe(col);
    exact(row.nMissing, c.nMissing[j]!, `${name} ${col} nMissing`);
    close(row.percent, c.percent[j]!, `${name} ${col} percent`);
  });
  c.rowMissing.forEach((v, i) => {
    exact(m.byRow.nMissing[i]!, v, `${name} row ${i} nMissing`);
    close(m.byRow.percent[i]!, c.rowPercent[i]!, `${name} row ${i} percent`);
  });
  exact(m.nComplete, c.nComplete, `${name} nComplete`);
  exact(m.nMissing, c.totalMissing, `${name} total missing`);
  close(m.percent, (100 * c.totalMissing) / (c.n * c.columns.length), `${name} percent of cells`);

  // md.pattern: column order, then one row per pattern (1 = observed), frequency, missing per pattern.
  const md = c.mdPattern;
  expect(m.patternColumns).toEqual(md.columns);
  expect(m.patterns.length).toBe(md.frequency.length);
  m.patterns.forEach((q, r) => {
    md.columns.forEach((col, j) => exact(q.observed[c.columns.indexOf(col)] ? 1 : 0, md.observed[r]![j]!, `${name} pattern ${r} ${col}`));
    exact(q.n, md.frequency[r]!, `${name} pattern ${r} frequency`);
    exact(q.nMissing, md.nMissing[r]!, `${name} pattern ${r} nMissing`);
  });
  // md.pattern's last row: missing per column in its order, and the total.
  md.columns.forEach((col, j) => exact(m.byColumn[c.columns.indexOf(col)]!.nMissing, md.columnMissing[j]!, `${name} md column ${col}`));
  exact(m.nMissing, md.totalMissing, `${name} md total`);

  const t = m.mcar;
  if (t === null) return expect.fail(`${name}: no MCAR test`);
  expect(t.columns).toEqual(c.columns);
  expect(t.converged).toBe(true);
  exact(t.n, c.little.n, `${name} mcar n`);
  exact(t.nDropped, c.little.nDropped, `${name} mcar nDropped`);
  exact(t.patterns, c.little.patterns, `${name} mcar patterns`);
  t.means.forEach((v, a) => close(v, c.ml.means[a]!, `${name} ML mean ${a}`));
  t.covariance.forEach((row, a) => row.forEach((v, b) => close(v, c.ml.covariance[a]![b]!, `${name} ML covariance ${a},${b}`)));
  close(t.statistic, c.little.statistic, `${name} d²`);
  exact(t.df, c.little.df, `${name} df`);
  close(t.p, c.little.p, `${name} p`);
}

describe('missingness against mice::md.pattern, lavaan EM and Little (1988)', () => {
  it('ESSE and SI items of the peer-worker data (17 columns, 30 patterns)', () => {
    const c = ref.esseSi;
    check('esseSi', c, missingness(peer, { columns: c.columns }));
  });

  it('MSPSS items (12 columns)', () => {
    const c = ref.mspss;
    check('mspss', c, missingness(peer, { columns: c.columns }));
  });

  it('synthetic data missing at random, with two empty rows (left out of the test)', () => {
    const c = ref.synthetic;
    const m = missingness(tableOf(c));
    check('synthetic', c, m);
    expect(m.warnings.map((w) => w.code)).toEqual(['EMPTY_ROWS']);
    expect(c.little.p).toBeLessThan(0.01);
  });

  it('sparse data: patterns observing fewer columns than they miss', () => {
    const c = ref.sparse;
    check('sparse', c, missingness(tableOf(c)));
  });

  it('lavaan’s saturated model at its default EM tolerance (a change of 1e-5) is near the converged moments', () => {
    for (const c of cases) {
      expect(c.lavaanDefault.maxAbsDiffMeans).toBeLessThan(1e-3);
      expect(c.lavaanDefault.maxAbsDiffCovariance).toBeLessThan(1e-3);
    }
  });

  it('Little’s variant with Σ̃ = n/(n − 1)·Σ̂ is d²·(n − 1)/n', () => {
    for (const c of cases) close((c.little.statistic * (c.little.n - 1)) / c.little.n, c.little.statisticUnbiasedSigma, 'Little Σ̃');
  });

  afterAll(() => {
    // A record for the fixture's README and the report: how much was compared, and the worst case.
    console.info(`missingness reference: ${compared} numbers compared, max |diff| ${worst.toExponential(2)} (${worstWhat})`);
  });
});
