// cronbachAlpha from moments (covariance with divisor n − 1, means, n — what SQL's covar_samp, avg
// and count give) equals cronbachAlpha from the complete rows those moments came from.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cronbachAlpha, instruments, toMarkdown, type CronbachAlphaResult } from '../../src/index.js';
import { loadCsv } from '../helpers/fixtures.js';
import { errorOf } from '../helpers/errors.js';
import { numRuns } from '../helpers/runs.js';
import { complete, momentsOf, near } from '../helpers/moments.js';

const TOL = 1e-10;




/** Every numeric field both results have, equal within tol (relative above 1). */
function expectSameAlpha(m: CronbachAlphaResult<number | null>, r: CronbachAlphaResult, tol = TOL): void {
  for (const key of ['alpha', 'standardizedAlpha', 'lambda6', 'averageR', 'signalToNoise', 'se', 'lower', 'upper', 'confidence'] as const) near(m[key], r[key], tol, key);
  expect(m.n).toBe(r.n);
  expect(m.k).toBe(r.k);
  expect(m.columns).toEqual(r.columns);
  expect(m.interval).toBe(r.interval);
  expect(m.items).toHaveLength(r.items.length);
  m.items.forEach((item, j) => {
    const row = r.items[j]!;
    expect(item.column).toBe(row.column);
    expect(item.reversed).toBe(row.reversed);
    expect(item.n).toBe(row.n);
    if (item.mean !== null) near(item.mean, row.mean, tol, `${item.column} mean`);
    for (const key of ['sd', 'rTotal', 'rCorrected', 'rRest', 'alphaIfItemDeleted', 'standardizedAlphaIfItemDeleted'] as const) near(item[key], row[key], tol, `${item.column} ${key}`);
  });
  expect(m.warnings.map((w) => w.code)).toEqual(r.warnings.map((w) => w.code));
}

const peer = loadCsv('peer-workers.csv');
const si = ['si1', 'si2', 'si3', 'si4', 'si5', 'si6'];
const esse = Array.from({ length: 11 }, (_, i) => `esse${i + 1}`);

describe('cronbachAlpha from moments equals cronbachAlpha from the rows', () => {
  it.each([
    ['social isolation', si],
    ['ESSE', esse],
    ['two items', ['si1', 'si2']],
  ])('%s: every statistic, Feldt and Duhachek intervals', (_, items) => {
    const rows = complete(peer, items);
    const moments = momentsOf(rows, items);
    for (const interval of ['feldt', 'duhachek'] as const) {
      const fromRows = cronbachAlpha(rows, { columns: items, interval });
      const fromMoments = cronbachAlpha(moments, { interval });
      expectSameAlpha(fromMoments, fromRows);
      expect(fromMoments.missing).toBe('listwise');
      expect(fromMoments.bootstrap).toBeNull();
    }
  });

  it('selects and orders items with `columns`, reverses with `reverse` and `response`', () => {
    const all = ['pwb15', 'pwb16', 'pwb17', 'pwb18'];
    const rows = complete(peer, all);
    const moments = momentsOf(rows, all);
    const options = { columns: ['pwb18', 'pwb15', 'pwb17'], reverse: ['pwb17', 'pwb18'], response: { min: 1, max: 7 }, confidence: 0.9 };
    expectSameAlpha(cronbachAlpha(moments, options), cronbachAlpha(rows, options));
  });

  it('a scale definition and a subscale work as for a table', () => {
    const pwb = instruments.pwb18({ prefix: 'pwb', anchors: 'agree-disagree', response: { min: 1, max: 7 } });
    const items = Array.from({ length: 18 }, (_, i) => `pwb${i + 1}`);
    const rows = complete(peer, items);
    const moments = momentsOf(rows, items);
    expectSameAlpha(cronbachAlpha(moments, { scale: pwb, subscale: 'autonomy' }), cronbachAlpha(rows, { scale: pwb, subscale: 'autonomy' }));
    const scale = instruments.promisSocialIsolation6a({ prefix: 'si' });
    expectSameAlpha(cronbachAlpha(momentsOf(complete(peer, si), si), { scale }), cronbachAlpha(complete(peer, si), { scale }));
  });

  it('Holzinger–Swineford x1…x9: typed-array rows, no names (V1…V9)', () => {
    const x = Array.from({ length: 9 }, (_, i) => `x${i + 1}`);
    const rows = complete(loadCsv('holzinger-swineford-1939.csv'), x);
    const m = momentsOf(rows, x);
    const matrix = rows.map((r) => x.map((c) => r[c]!));
    const fromMoments = cronbachAlpha({ covariance: m.covariance.map((row) => Float64Array.from(row)), means: Float64Array.from(m.means), n: m.n });
    expect(fromMoments.columns).toEqual(x.map((_, i) => `V${i + 1}`));
    expectSameAlpha(fromMoments, cronbachAlpha(matrix));
  });

  it('without means every statistic is there but the item means are null', () => {
    const rows = complete(peer, si);
    const { covariance, n, columns } = momentsOf(rows, si);
    const a = cronbachAlpha({ covariance, n, columns });
    expect(a.items.every((item) => item.mean === null)).toBe(true);
    expectSameAlpha(a, cronbachAlpha(rows, { columns: si }));
    expect(JSON.parse(JSON.stringify(a)).items[0].mean).toBeNull();
    expect(Object.isFrozen(a.items[0])).toBe(true);
  });
});

describe('cronbachAlpha from moments refuses what needs the rows', () => {
  const moments = momentsOf(complete(peer, si), si);
  it.each<[string, object, string]>([
    ['a bootstrap interval', { interval: 'bootstrap', seed: 1 }, 'interval'],
    ['missing-data codes', { missingCodes: [-99] }, 'missingCodes'],
    ['outOfRange', { outOfRange: 'missing', response: { min: 1, max: 5 } }, 'outOfRange'],
    ["missing: 'pairwise'", { missing: 'pairwise' }, 'missing'],
  ])('%s → INVALID_OPTION', (_, options, option) => {
    const e = errorOf(() => cronbachAlpha(moments, options));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.details.option).toBe(option);
    expect(e.message).toMatch(/moments/);
  });

  it("accepts missing: 'listwise' (what moments are)", () => {
    expect(cronbachAlpha(moments, { missing: 'listwise' }).alpha).toBe(cronbachAlpha(moments).alpha);
  });

  it('a mean outside the response range is OUT_OF_RANGE; an unknown item MISSING_COLUMN; one item TOO_FEW_VARIABLES', () => {
    expect(errorOf(() => cronbachAlpha(moments, { response: { min: 3, max: 5 } })).details).toMatchObject({ column: 'si1' });
    expect(errorOf(() => cronbachAlpha(moments, { response: { min: 3, max: 5 } })).code).toBe('OUT_OF_RANGE');
    expect(errorOf(() => cronbachAlpha(moments, { columns: ['si1', 'si9'] })).code).toBe('MISSING_COLUMN');
    expect(errorOf(() => cronbachAlpha(moments, { columns: ['si1'] })).code).toBe('TOO_FEW_VARIABLES');
    expect(errorOf(() => cronbachAlpha(moments, { reverse: ['si1'] })).code).toBe('INVALID_OPTION');
  });

  it('items that cancel out are ZERO_VARIANCE, as from rows', () => {
    expect(errorOf(() => cronbachAlpha({ covariance: [[1, -1], [-1, 1]], n: 10 })).code).toBe('ZERO_VARIANCE');
  });

  it('never mutates the moments (reverse keying included)', () => {
    const copy = structuredClone(moments);
    cronbachAlpha(moments, { reverse: ['si2'], response: { min: 1, max: 5 } });
    expect(moments).toEqual(copy);
  });
});

describe('property: from moments = from rows', () => {
  /** Likert items 1–5 from a one-factor model (a level plus item noise), complete. */
  const data = fc
    .record({ n: fc.integer({ min: 6, max: 60 }), k: fc.integer({ min: 2, max: 7 }) })
    .chain(({ n, k }) =>
      fc.array(
        fc.tuple(fc.integer({ min: -2, max: 2 }), fc.array(fc.integer({ min: -2, max: 2 }), { minLength: k, maxLength: k })),
        { minLength: n, maxLength: n },
      ),
    )
    .map((rows) => rows.map(([level, noise]) => noise.map((e) => Math.min(5, Math.max(1, 3 + level + e)))));

  it('every statistic of cronbachAlpha(moments) equals cronbachAlpha(rows), or both throw the same code', () => {
    fc.assert(
      fc.property(data, fc.constantFrom('feldt' as const, 'duhachek' as const), (matrix, interval) => {
        const k = matrix[0]!.length;
        const names = Array.from({ length: k }, (_, j) => `V${j + 1}`);
        const rows = matrix.map((r) => Object.fromEntries(names.map((c, j) => [c, r[j]!])));
        let fromRows: CronbachAlphaResult;
        try {
          fromRows = cronbachAlpha(matrix, { interval });
        } catch (e) {
          const code = (e as { code?: string }).code;
          const { covariance, n } = momentsOf(rows, names);
          // A constant item is ZERO_VARIANCE from rows and from moments alike.
          if (code === 'ZERO_VARIANCE') expect(errorOf(() => cronbachAlpha({ covariance, n }, { interval })).code).toBe(code);
          return;
        }
        // Near-singular item sets are decided by a pseudo-inverse threshold; compare the rest.
        fc.pre(!fromRows.warnings.some((w) => w.code === 'SINGULAR_CORRELATION'));
        expectSameAlpha(cronbachAlpha(momentsOf(rows, names), { interval }), fromRows, 1e-8);
      }),
      { numRuns: numRuns(100) },
    );
  });
});

describe('cronbachAlpha from moments without means: the APA table', () => {
  it('prints the item means as missing', () => {
    const r = cronbachAlpha({ covariance: [[1, 0.5, 0.4], [0.5, 1, 0.3], [0.4, 0.3, 1]], n: 100, columns: ['a', 'b', 'c'] });
    const md = toMarkdown(r);
    expect(md).toContain('| a | 100 | — | 1.00 |');
  });
});
