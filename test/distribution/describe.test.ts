import { describe as group, expect, it } from 'vitest';
import { describe, transform, type DescribeRow, type MomentType } from '../../src/index.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { expectClose } from '../helpers/close.js';
import { expectCode } from './expect-code.js';

const peer = loadJson('peer-workers.json');
const recovery: (number | null)[] = peer.scales.ras.scores;
const psych = loadJson('distribution-psych.json'); // test/fixtures/distribution-psych.R
const rows = loadCsv('peer-workers.csv');
const TOL = 1e-9;
const TYPES: MomentType[] = [1, 2, 3];

// psych::describe's column names → ours.
const FIELDS: [keyof DescribeRow, string][] = [
  ['n', 'n'],
  ['mean', 'mean'],
  ['sd', 'sd'],
  ['median', 'median'],
  ['trimmedMean', 'trimmed'],
  ['mad', 'mad'],
  ['min', 'min'],
  ['max', 'max'],
  ['range', 'range'],
  ['skewness', 'skewness'],
  ['kurtosis', 'kurtosis'],
  ['se', 'se'],
];

function expectRow(row: DescribeRow, ref: Record<string, number>, what: string): void {
  for (const [ours, theirs] of FIELDS) {
    const expected = ref[theirs] as number;
    expectClose(row[ours] as number, expected, TOL * Math.max(1, Math.abs(expected)), `${what} ${theirs}`);
  }
}

group('describe matches psych::describe', () => {
  it('peer-workers describe.recovery* (n, mean, sd, median, min, max, skewness/kurtosis types 1-3, SES, SEK)', () => {
    const variants: [string, (number | null)[]][] = [
      ['recovery', recovery],
      ['recovery_sqrt', transform(recovery, 'sqrt').values as (number | null)[]],
      ['recovery_log', transform(recovery, 'log').values as (number | null)[]],
      ['recovery_reflect_sqrt', transform(recovery, 'reflect-sqrt').values as (number | null)[]],
    ];
    for (const [key, values] of variants) {
      const ref = peer.describe[key];
      for (const type of TYPES) {
        const row = describe(values, { type, name: key }).variables[0] as DescribeRow;
        expect(row.n).toBe(ref.n);
        for (const f of ['mean', 'sd', 'median', 'min', 'max'] as const) expectClose(row[f] as number, ref[f], TOL, `${key} ${f}`);
        expectClose(row.skewness as number, ref.skewness[`type${type}`], TOL, `${key} skewness ${type}`);
        expectClose(row.kurtosis as number, ref.kurtosis[`type${type}`], TOL, `${key} kurtosis ${type}`);
        expectClose(row.seSkewness as number, ref.seSkewness, TOL, `${key} SES`);
        expectClose(row.seKurtosis as number, ref.seKurtosis, TOL, `${key} SEK`);
        expectClose(row.zSkewness as number, ref.skewness[`type${type}`] / ref.seSkewness, 1e-8, `${key} z skewness`);
        expectClose(row.zKurtosis as number, ref.kurtosis[`type${type}`] / ref.seKurtosis, 1e-8, `${key} z kurtosis`);
      }
    }
  });

  it(`generated samples (${Object.keys(psych.describe).length}): every psych::describe column, types 1-3`, () => {
    for (const [name, byType] of Object.entries<Record<string, Record<string, number>>>(psych.describe)) {
      for (const type of TYPES) expectRow(describe(psych.samples[name], { type }).variables[0] as DescribeRow, byType[`type${type}`]!, `${name} type ${type}`);
    }
  });

  it('peer-worker item columns from the CSV rows (strings, empty cells missing)', () => {
    const names = Object.keys(psych.peerWorkers);
    for (const type of TYPES) {
      const d = describe(rows, { columns: names, type });
      expect(d.variables.map((r) => r.variable)).toEqual(names);
      d.variables.forEach((row) => {
        const ref = psych.peerWorkers[row.variable];
        expect(row.missing).toBe(ref.missing);
        expectRow(row, ref[`type${type}`], `${row.variable} type ${type}`);
        expectClose(row.seSkewness as number, ref.seSkewness, TOL, 'SES');
        expectClose(row.seKurtosis as number, ref.seKurtosis, TOL, 'SEK');
      });
    }
  });
});

group('describe: input shapes and options', () => {
  it('array, column object, rows and matrix input give the same statistics', () => {
    const x = [3, 1, null, 4, 1, 5, 9, 2, 6];
    const fromArray = describe(x).variables[0] as DescribeRow;
    expect(fromArray.variable).toBe('x');
    expect(fromArray.missing).toBe(1);
    const fromColumns = describe({ x }).variables[0];
    const fromRows = describe(x.map((v) => ({ x: v }))).variables[0];
    const fromMatrix = describe(x.map((v) => [v])).variables[0];
    expect(fromColumns).toEqual(fromArray);
    expect(fromRows).toEqual(fromArray);
    expect({ ...fromMatrix, variable: 'x' }).toEqual(fromArray);
  });

  it('default type is 2 and trim 0.1; trim is configurable (0 = mean, 0.5 = median)', () => {
    const d = describe(recovery);
    expect(d.type).toBe(2);
    expect(d.trim).toBe(0.1);
    const row = d.variables[0] as DescribeRow;
    expect(describe(recovery, { trim: 0 }).variables[0]!.trimmedMean).toBeCloseTo(row.mean as number, 12);
    expect(describe(recovery, { trim: 0.5 }).variables[0]!.trimmedMean).toBe(row.median);
  });

  it('without `columns`, non-numeric columns are skipped with a warning', () => {
    const d = describe(rows);
    const names = d.variables.map((r) => r.variable);
    expect(names).not.toContain('id');
    expect(names).not.toContain('marital');
    expect(names).toContain('ras24');
    expect(d.warnings.filter((w) => w.code === 'NON_NUMERIC').map((w) => w.details?.column)).toEqual(['id', 'marital']);
  });

  it('too few values or a constant column: null statistics with a warning', () => {
    const d = describe({ a: [1, 2, null, null], b: [4, 4, 4, 4], c: [null, null, null, null], d: [null, 7, null, null] });
    const [a, b, c, dd] = d.variables as DescribeRow[];
    expect(a!.mean).toBe(1.5);
    expect(a!.skewness).toBeNull();
    expect(a!.kurtosis).toBeNull();
    expect(b!.sd).toBe(0);
    expect(b!.skewness).toBeNull();
    expect(b!.zKurtosis).toBeNull();
    expect(c!.n).toBe(0);
    expect(c!.mean).toBeNull();
    expect(dd!.sd).toBeNull();
    expect(d.warnings.map((w) => [w.code, w.details?.column])).toEqual([
      ['TOO_FEW_CASES', 'a'],
      ['ZERO_VARIANCE', 'b'],
      ['TOO_FEW_CASES', 'c'],
      ['TOO_FEW_CASES', 'd'],
    ]);
    const three = describe([1, 2, 7]).variables[0] as DescribeRow;
    expect(three.skewness).not.toBeNull();
    expect(three.kurtosis).toBeNull();
  });

  it('returns a frozen result and leaves the input alone', () => {
    const x = [5, 1, null, 3, 9, 2];
    const copy = [...x];
    const d = describe(x);
    expect(x).toEqual(copy);
    expect(Object.isFrozen(d)).toBe(true);
    expect(Object.isFrozen(d.variables[0])).toBe(true);
  });

  it('bad input and options', () => {
    expectCode(() => describe(rows, { columns: ['ras1', 'nope'] }), 'MISSING_COLUMN');
    expectCode(() => describe(rows, { columns: ['ras1', 'marital'] }), 'NON_NUMERIC');
    expectCode(() => describe([1, 2, Infinity, 4]), 'NON_FINITE');
    expectCode(() => describe({ a: ['x', 'y'] }), 'TOO_FEW_VARIABLES');
    expectCode(() => describe([1, 2, 3, 4], { type: 0 as never }), 'INVALID_OPTION');
    expectCode(() => describe([1, 2, 3, 4], { trim: 0.6 }), 'INVALID_OPTION');
    expectCode(() => describe([1, 2, 3, 4], { columns: ['x'] }), 'INVALID_OPTION');
    expectCode(() => describe(rows, { name: 'x' }), 'INVALID_OPTION');
    expectCode(() => describe(rows, { columns: ['ras1', 'ras1'] }), 'DUPLICATE_NAME');
  });
});
