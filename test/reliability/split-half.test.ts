// splitHalf: psych::splitHalf references (test/fixtures/split-half.R), errors, and properties.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { splitHalf, type SplitHalfOptions, type SplitHalfResult } from '../../src/reliability/split-half.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';

interface Halves {
  a: string[];
  b: string[];
}
interface SplitCase {
  items: string[];
  n: number;
  alpha: number;
  lambda2: number;
  lambda6: number;
  averageR: number;
  medianR: number;
  reversed: string[];
  maximum?: number;
  minimum?: number;
  average?: number;
  splits?: number;
  best?: Halves;
  worst?: Halves;
  quantiles?: number[];
  exhaustive?: { maximum: number; minimum: number; average: number; best: Halves; worst: Halves };
}

const fixture = loadJson<Record<string, SplitCase>>('split-half.json');
const rows = loadCsv('peer-workers.csv');
const TOL = 1e-6;
let compared = 0;
let maxDiff = 0;

function check(actual: number, expected: number, what: string): void {
  const diff = Math.abs(actual - expected);
  compared++;
  maxDiff = Math.max(maxDiff, diff);
  if (!(diff <= TOL)) expect.fail(`${what}: expected ${expected}, got ${actual} (|diff| ${diff})`);
}

/** The deterministic parts: Guttman's coefficients, r̄, median r, the reversed items. */
function compareCoefficients(result: SplitHalfResult, c: SplitCase, label: string): void {
  expect(result.kind).toBe('splitHalf');
  expect(result.columns).toEqual(c.items);
  expect(result.reversed).toEqual(c.reversed);
  check(result.alpha, c.alpha, `${label} alpha`);
  check(result.lambda2, c.lambda2, `${label} lambda2`);
  check(result.lambda6, c.lambda6, `${label} lambda6`);
  check(result.averageR, c.averageR, `${label} av.r`);
  check(result.medianR, c.medianR, `${label} med.r`);
}

function compareSplits(result: SplitHalfResult, c: { maximum: number; minimum: number; average: number; best: Halves; worst: Halves }, label: string): void {
  check(result.maximum, c.maximum, `${label} maxrb`);
  check(result.minimum, c.minimum, `${label} minrb`);
  check(result.average, c.average, `${label} meanr`);
  expect(result.best).toEqual(c.best);
  expect(result.worst).toEqual(c.worst);
}

function run(name: string, options: SplitHalfOptions = {}): { result: SplitHalfResult; c: SplitCase } {
  const c = fixture[name]!;
  let data: Record<string, string>[] = rows;
  if (name.startsWith('flipped')) data = rows.map((r) => ({ ...r, esse3: r['esse3'] === '' ? '' : String(6 - Number(r['esse3'])) }));
  return { result: splitHalf(data, { columns: c.items, ...options }), c };
}

describe('splitHalf: psych::splitHalf references (peer-worker items)', () => {
  afterAll(() => {
    console.info(`splitHalf: ${compared} numbers compared with psych, max abs diff ${maxDiff.toExponential(2)}`);
  });
  const exhaustiveCases: [string, SplitHalfOptions][] = [
    ['esse11', {}],
    ['esse6', {}],
    ['esse7', {}],
    ['esse6Covariance', { basis: 'covariance' }],
    ['esse6Listwise', { missing: 'listwise' }],
    ['flippedChecked', {}],
    ['flippedUnchecked', { checkKeys: false }],
    ['flippedKeyed', { reverse: ['esse3'] }],
  ];
  for (const [name, options] of exhaustiveCases) {
    it(`${name}: every split psych examines`, () => {
      const { result, c } = run(name, options);
      compareCoefficients(result, c, name);
      compareSplits(result, c as Required<SplitCase>, name);
      expect(result.exhaustive).toBe(true);
      expect(result.seed).toBeNull();
      expect(result.splits).toBe(c.splits);
      check(result.lower, c.quantiles![0]!, `${name} 2.5%`);
      check(result.median, c.quantiles![1]!, `${name} 50%`);
      check(result.upper, c.quantiles![2]!, `${name} 97.5%`);
    });
  }
  it('11 items (odd): psych examines the first 231 of the 462 subsets of 5 in lexicographic order', () => {
    const { result } = run('esse11');
    expect(result.splits).toBe(231);
    expect(result.best.a).toHaveLength(5);
    expect(result.best.b).toHaveLength(6);
  });
  it("7 items: C(7, 3) = 35 is odd, so psych's count is 17.5 and its average (18 splits / 17.5) exceeds the maximum", () => {
    const { result } = run('esse7');
    expect(result.splits).toBe(18);
    expect(result.average).toBeGreaterThan(result.maximum);
  });
  it('checkKeys reverses a reversed item and warns; reverse does it silently; checkKeys: false leaves it', () => {
    expect(run('flippedChecked').result.warnings.map((w) => w.code)).toContain('NEGATIVE_ITEM_CORRELATION');
    expect(run('flippedKeyed', { reverse: ['esse3'] }).result.warnings).toEqual([]);
    expect(run('flippedUnchecked', { checkKeys: false }).result.reversed).toEqual([]);
  });
  for (const name of ['pwb18', 'ras17']) {
    it(`${name}: sampled (> 10,000 splits); deterministic parts exact, sampled extremes within the exhaustive ones`, () => {
      const { result, c } = run(name, { seed: 20261207 });
      compareCoefficients(result, c, name);
      expect(result.exhaustive).toBe(false);
      expect(result.splits).toBe(10000);
      expect(result.seed).toBe(20261207);
      const all = c.exhaustive!;
      expect(result.maximum).toBeLessThanOrEqual(all.maximum + 1e-12);
      expect(result.minimum).toBeGreaterThanOrEqual(all.minimum - 1e-12);
      // 10,000 of 24,310 (pwb) or 12,155 (ras) splits: the sampled extremes are close to the true ones.
      expect(all.maximum - result.maximum).toBeLessThan(0.01);
      expect(result.minimum - all.minimum).toBeLessThan(0.02);
      expect(Math.abs(result.average - all.average)).toBeLessThan(0.002);
      // The same seed repeats the run.
      expect(run(name, { seed: 20261207 }).result).toEqual(result);
    });
    it(`${name}: exhaustive: true is psych's brute = TRUE`, () => {
      const { result, c } = run(name, { exhaustive: true });
      compareSplits(result, c.exhaustive!, `${name} brute`);
      expect(result.exhaustive).toBe(true);
    });
  }
  it('a fresh seed is drawn and reported when none is given', () => {
    const { result } = run('ras17', { samples: 200 });
    expect(typeof result.seed).toBe('number');
    expect(result.splits).toBe(200);
    expect(run('ras17', { samples: 200, seed: result.seed! }).result.maximum).toBe(result.maximum);
  });
  it('reads a number[][] matrix (V1…Vk), leaves the input alone, and gives a frozen, cloneable result', () => {
    const c = fixture['esse6']!;
    const matrix = rows.map((r) => c.items.map((name) => (r[name] === '' ? null : Number(r[name]))));
    const before = JSON.stringify(matrix);
    const result = splitHalf(matrix);
    expect(JSON.stringify(matrix)).toBe(before);
    expect(result.columns).toEqual(['V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    check(result.maximum, c.maximum!, 'matrix maxrb');
    check(result.alpha, c.alpha, 'matrix alpha');
    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result.best.a)).toBe(true);
    expect(structuredClone(result)).toEqual(result);
  });
});

describe('splitHalf: errors', () => {
  const esse = ['esse1', 'esse2', 'esse3', 'esse4'];
  it('fewer than 2 items: TOO_FEW_VARIABLES', () => {
    expect(errorOf(() => splitHalf(rows, { columns: ['esse1'] })).code).toBe('TOO_FEW_VARIABLES');
    expect(errorOf(() => splitHalf([[1], [2], [3]])).code).toBe('TOO_FEW_VARIABLES');
  });
  it('too few rows: TOO_FEW_CASES', () => {
    expect(errorOf(() => splitHalf([[1, 2, 3]])).code).toBe('TOO_FEW_CASES');
    expect(errorOf(() => splitHalf([[1, 2], [null, 3], [2, null]], { missing: 'listwise' })).code).toBe('TOO_FEW_CASES');
  });
  it('a constant item or a total without variance: ZERO_VARIANCE', () => {
    expect(errorOf(() => splitHalf([[1, 2], [1, 3], [1, 5]])).code).toBe('ZERO_VARIANCE');
  });
  it('bad options', () => {
    expect(errorOf(() => splitHalf(rows, { columns: esse, samples: 0 })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => splitHalf(rows, { columns: esse, samples: 1.5 })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => splitHalf(rows, { columns: esse, basis: 'cov' as never })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => splitHalf(rows, { columns: esse, covar: true } as never)).code).toBe('INVALID_OPTION');
    expect(errorOf(() => splitHalf(rows, { columns: esse, reverse: ['pwb1'] })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => splitHalf(rows, { columns: esse, seed: Number.NaN })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => splitHalf(rows, { columns: esse, confidence: 95 })).code).toBe('INVALID_OPTION');
    const many = Array.from({ length: 30 }, (_, j) => `v${j}`);
    const wide = [0, 1, 2].map((i) => Object.fromEntries(many.map((name, j) => [name, (i * 7 + j * 3) % 5])));
    expect(errorOf(() => splitHalf(wide, { exhaustive: true })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => splitHalf(rows, { columns: ['esse1', 'nope'] })).code).toBe('MISSING_COLUMN');
  });
});

describe('splitHalf: properties', () => {
  /** Respondents × items from one factor plus noise, k items (never constant). */
  const items = (minK: number, maxK: number) =>
    fc
      .record({ n: fc.integer({ min: 12, max: 40 }), k: fc.integer({ min: minK, max: maxK }) })
      .chain(({ n, k }) =>
        fc.record({
          data: fc.array(
            fc.tuple(fc.integer({ min: -2, max: 2 }), fc.array(fc.integer({ min: -2, max: 2 }), { minLength: k, maxLength: k })).map(([level, noise]) => noise.map((e) => 3 + level + e)),
            { minLength: n, maxLength: n },
          ),
          order: fc.shuffledSubarray([...Array(k).keys()], { minLength: k, maxLength: k }),
        }),
      )
      .filter(({ data }) => data[0]!.every((_, j) => new Set(data.map((r) => r[j])).size > 1));

  /** C(k, ⌊k/2⌋) is odd for k = 3, 7, 15: psych's average then divides by a half-integer count (see the docs). */
  const evenCount = (k: number) => ![3, 7, 15].includes(k);

  it('minimum ≤ average ≤ maximum, and the quantiles lie between the extremes', () => {
    fc.assert(
      fc.property(items(2, 12), ({ data }) => {
        const s = splitHalf(data, { checkKeys: false });
        expect(s.minimum).toBeLessThanOrEqual(s.maximum);
        if (evenCount(s.k)) {
          expect(s.average).toBeGreaterThanOrEqual(s.minimum - 1e-12);
          expect(s.average).toBeLessThanOrEqual(s.maximum + 1e-12);
        }
        expect(s.lower).toBeGreaterThanOrEqual(s.minimum - 1e-12);
        expect(s.upper).toBeLessThanOrEqual(s.maximum + 1e-12);
      }),
    );
  });
  it('sampled splits too: minimum ≤ average ≤ maximum', () => {
    fc.assert(
      fc.property(items(6, 10), fc.integer(), ({ data }, seed) => {
        const s = splitHalf(data, { samples: 5, seed });
        expect(s.exhaustive).toBe(false);
        expect(s.minimum).toBeLessThanOrEqual(s.average + 1e-12);
        expect(s.average).toBeLessThanOrEqual(s.maximum + 1e-12);
      }),
      { numRuns: 30 },
    );
  });
  it('is invariant to item order (an even number of items: every split is examined)', () => {
    fc.assert(
      fc.property(
        items(2, 12).filter(({ order }) => order.length % 2 === 0),
        ({ data, order }) => {
          const a = splitHalf(data);
          const b = splitHalf(data.map((row) => order.map((j) => row[j]!)));
          for (const key of ['maximum', 'minimum', 'average', 'alpha', 'lambda2', 'lambda6', 'averageR', 'medianR', 'lower', 'median', 'upper'] as const) {
            expect(Math.abs(a[key] - b[key])).toBeLessThan(1e-10);
          }
          // The same items are reversed, named by their new positions — or all the others: reversing a
          // set or its complement is the same keying up to the sign of the total, and when the first
          // component's loadings sum to zero (two items correlating −1) which one is reversed is a tie.
          const reversedB = b.reversed.map((name) => order[Number(name.slice(1)) - 1]!).sort();
          const reversedA = a.reversed.map((name) => Number(name.slice(1)) - 1).sort();
          const complementA = order.map((_, j) => j).filter((j) => !reversedA.includes(j));
          expect([JSON.stringify(reversedA), JSON.stringify(complementA)]).toContain(JSON.stringify(reversedB));
        },
      ),
      { numRuns: 60 },
    );
  });
});
