import { describe as group, expect, it } from 'vitest';
import { descriptives, transform, type DescriptivesRow, type MomentType } from '../../src/index.js';
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
const FIELDS: [keyof DescriptivesRow, string][] = [
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

function expectRow(row: DescriptivesRow, ref: Record<string, number>, what: string): void {
  for (const [ours, theirs] of FIELDS) {
    const expected = ref[theirs] as number;
    expectClose(row[ours] as number, expected, TOL * Math.max(1, Math.abs(expected)), `${what} ${theirs}`);
  }
}

group('describe matches psych::describe', () => {
  it('peer-workers describe.recovery* (n, mean, sd, median, min, max, skewness/kurtosis types 1-3, SES, SEK)', () => {
    const variants: [string, (number | null)[]][] = [
      ['recovery', recovery],
      ['recovery_sqrt', transform(recovery, { method: 'sqrt' }).values as (number | null)[]],
      ['recovery_log', transform(recovery, { method: 'log' }).values as (number | null)[]],
      ['recovery_reflect_sqrt', transform(recovery, { method: 'reflect-sqrt' }).values as (number | null)[]],
    ];
    for (const [key, values] of variants) {
      const ref = peer.describe[key];
      for (const type of TYPES) {
        const row = descriptives(values, { type, name: key }).rows[0] as DescriptivesRow;
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
      for (const type of TYPES) expectRow(descriptives(psych.samples[name], { type }).rows[0] as DescriptivesRow, byType[`type${type}`]!, `${name} type ${type}`);
    }
  });

  it('peer-worker item columns from the CSV rows (strings, empty cells missing)', () => {
    const names = Object.keys(psych.peerWorkers);
    for (const type of TYPES) {
      const d = descriptives(rows, { columns: names, type });
      expect(d.rows.map((r) => r.column)).toEqual(names);
      d.rows.forEach((row) => {
        const ref = psych.peerWorkers[row.column];
        expect(row.nMissing).toBe(ref.missing);
        expectRow(row, ref[`type${type}`], `${row.column} type ${type}`);
        expectClose(row.seSkewness as number, ref.seSkewness, TOL, 'SES');
        expectClose(row.seKurtosis as number, ref.seKurtosis, TOL, 'SEK');
      });
    }
  });
});

group('describe: input shapes and options', () => {
  it('array, column object, rows and matrix input give the same statistics', () => {
    const x = [3, 1, null, 4, 1, 5, 9, 2, 6];
    const fromArray = descriptives(x).rows[0] as DescriptivesRow;
    expect(fromArray.column).toBe('x');
    expect(fromArray.nMissing).toBe(1);
    const fromColumns = descriptives({ x }).rows[0];
    const fromRows = descriptives(x.map((v) => ({ x: v }))).rows[0];
    const fromMatrix = descriptives(x.map((v) => [v])).rows[0];
    expect(fromColumns).toEqual(fromArray);
    expect(fromRows).toEqual(fromArray);
    expect({ ...fromMatrix, column: 'x' }).toEqual(fromArray);
  });

  it('default type is 2 and trim 0.1; trim is configurable (0 = mean, 0.5 = median)', () => {
    const d = descriptives(recovery);
    expect(d.type).toBe(2);
    expect(d.trim).toBe(0.1);
    const row = d.rows[0] as DescriptivesRow;
    expect(descriptives(recovery, { trim: 0 }).rows[0]!.trimmedMean).toBeCloseTo(row.mean as number, 12);
    expect(descriptives(recovery, { trim: 0.5 }).rows[0]!.trimmedMean).toBe(row.median);
  });

  it('without `columns`, non-numeric columns are skipped with a warning', () => {
    const d = descriptives(rows);
    const names = d.rows.map((r) => r.column);
    expect(names).not.toContain('id');
    expect(names).not.toContain('marital');
    expect(names).toContain('ras24');
    expect(d.warnings.filter((w) => w.code === 'NON_NUMERIC').map((w) => w.details?.column)).toEqual(['id', 'marital']);
  });

  it('too few values or a constant column: null statistics with a warning', () => {
    const d = descriptives({ a: [1, 2, null, null], b: [4, 4, 4, 4], c: [null, null, null, null], d: [null, 7, null, null] });
    const [a, b, c, dd] = d.rows as DescriptivesRow[];
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
    const three = descriptives([1, 2, 7]).rows[0] as DescriptivesRow;
    expect(three.skewness).not.toBeNull();
    expect(three.kurtosis).toBeNull();
  });

  it('returns a frozen result and leaves the input alone', () => {
    const x = [5, 1, null, 3, 9, 2];
    const copy = [...x];
    const d = descriptives(x);
    expect(x).toEqual(copy);
    expect(Object.isFrozen(d)).toBe(true);
    expect(Object.isFrozen(d.rows[0])).toBe(true);
  });

  it('bad input and options', () => {
    expectCode(() => descriptives(rows, { columns: ['ras1', 'nope'] }), 'MISSING_COLUMN');
    expectCode(() => descriptives(rows, { columns: ['ras1', 'marital'] }), 'NON_NUMERIC');
    expectCode(() => descriptives([1, 2, Infinity, 4]), 'NON_FINITE');
    expectCode(() => descriptives({ a: ['x', 'y'] }), 'TOO_FEW_VARIABLES');
    expectCode(() => descriptives([1, 2, 3, 4], { type: 0 as never }), 'INVALID_OPTION');
    expectCode(() => descriptives([1, 2, 3, 4], { trim: 0.6 }), 'INVALID_OPTION');
    expectCode(() => descriptives([1, 2, 3, 4], { columns: ['x'] }), 'INVALID_OPTION');
    expectCode(() => descriptives(rows, { name: 'x' }), 'INVALID_OPTION');
    expectCode(() => descriptives(rows, { columns: ['ras1', 'ras1'] }), 'DUPLICATE_NAME');
  });
});
