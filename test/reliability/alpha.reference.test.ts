import { describe, expect, it } from 'vitest';
import { cronbachAlpha, defineScale } from '../../src/index.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { expectAllClose, expectClose } from '../helpers/close.js';

// psych::alpha 2.2.9 reference values (peer-workers.json from the shared reference script,
// alpha-extra.json from test/fixtures/alpha-extra.R). The issue asks for 1e-6; the
// implementation agrees to ~1e-13, so the tests hold it to 1e-9.
const TOL = 1e-9;
const rows = loadCsv('peer-workers.csv');
const ref = loadJson('peer-workers.json');
const extra = loadJson('alpha-extra.json');

type Expected = {
  alpha: number;
  standardizedAlpha: number;
  guttmanLambda6: number;
  averageR: number;
  signalToNoise: number;
  ase: number;
  feldt: [number, number];
  n: number;
  items: string[];
  ifItemDeleted: number[];
  ifItemDeletedStandardized: number[];
  itemRestCorrelation: number[];
  itemTotalCorrelation: number[];
  itemTotalCorrectedOverlap: number[];
  itemMean: number[];
  itemSd: number[];
};

function compare(a: ReturnType<typeof cronbachAlpha>, e: Expected, what: string): number {
  expectClose(a.alpha, e.alpha, TOL, `${what} alpha`);
  expectClose(a.standardizedAlpha, e.standardizedAlpha, TOL, `${what} standardizedAlpha`);
  expectClose(a.lambda6, e.guttmanLambda6, TOL, `${what} lambda6`);
  expectClose(a.averageR, e.averageR, TOL, `${what} averageR`);
  expectClose(a.signalToNoise, e.signalToNoise, TOL, `${what} signalToNoise`);
  expectClose(a.se, e.ase, TOL, `${what} ase`);
  expectClose(a.lower, e.feldt[0], TOL, `${what} Feldt lower`);
  expectClose(a.upper, e.feldt[1], TOL, `${what} Feldt upper`);
  expect(a.n).toBe(e.n);
  expect(a.k).toBe(e.items.length);
  expect(a.items.map((i) => i.column)).toEqual(e.items);
  expectAllClose(a.items.map((i) => i.alphaIfItemDeleted), e.ifItemDeleted, TOL, `${what} alphaIfItemDeleted`);
  expectAllClose(a.items.map((i) => i.standardizedAlphaIfItemDeleted), e.ifItemDeletedStandardized, TOL, `${what} standardizedAlphaIfItemDeleted`);
  expectAllClose(a.items.map((i) => i.rRest), e.itemRestCorrelation, TOL, `${what} rRest`);
  expectAllClose(a.items.map((i) => i.rTotal), e.itemTotalCorrelation, TOL, `${what} rTotal`);
  expectAllClose(a.items.map((i) => i.rCorrected), e.itemTotalCorrectedOverlap, TOL, `${what} rCorrected`);
  expectAllClose(a.items.map((i) => i.mean), e.itemMean, TOL, `${what} mean`);
  expectAllClose(a.items.map((i) => i.sd), e.itemSd, TOL, `${what} sd`);
  return 9 + 7 * e.items.length;
}

describe('cronbachAlpha matches psych::alpha on the peer-worker scales', () => {
  let checked = 0;
  for (const [name, s] of Object.entries<any>(ref.scales)) {
    for (const missing of ['pairwise', 'listwise'] as const) {
      it(`${name}, ${missing}`, () => {
        const a = cronbachAlpha(rows, { columns: s.items, reverse: s.reverse, response: { min: s.min, max: s.max }, missing });
        checked += compare(a, ref.alpha[name][missing], `${name} ${missing}`);
        expect(a.interval).toBe('feldt');
        expect(a.missing).toBe(missing);
        expect(a.items.filter((i) => i.reversed).map((i) => i.column)).toEqual(s.reverse);
      });
    }
  }
  it('covers every alpha value in the reference (1,084 numbers)', () => {
    expect(checked).toBe(1084);
  });

  it('gives the same numbers from a scale definition', () => {
    const s = ref.scales.pwb;
    const scale = defineScale({ id: 'pwb', items: s.items, response: { min: 1, max: 7 }, reverse: s.reverse });
    for (const missing of ['pairwise', 'listwise'] as const) compare(cronbachAlpha(rows, { scale, missing }), ref.alpha.pwb[missing], `pwb scale ${missing}`);
  });
});

describe('cronbachAlpha matches psych::alpha on edge cases (alpha-extra.R)', () => {
  const run = (c: any, options: object = {}) => cronbachAlpha(c.data as number[][], { ...options });
  const named = (c: any) => c.data.map((row: (number | null)[]) => Object.fromEntries(c.items.map((name: string, j: number) => [name, row[j]])));

  it('two items (psych reports C12/Cjj and R12 as "alpha if deleted")', () => {
    compare(cronbachAlpha(named(extra.twoItems)), extra.twoItems, 'two items');
  });
  it('an unreversed item: negative alpha, negative item correlations, and a warning naming the item', () => {
    const a = cronbachAlpha(named(extra.unreversed));
    compare(a, extra.unreversed, 'unreversed');
    const negative = a.warnings.filter((w) => w.code === 'NEGATIVE_ITEM_CORRELATION');
    expect(negative.map((w) => w.details?.column)).toEqual(['si3']);
    expect(a.warnings.some((w) => w.code === 'NEGATIVE_ALPHA')).toBe(true);
  });
  it('a duplicated item: singular R, SMCs from the pseudo-inverse clipped as psych does', () => {
    const a = cronbachAlpha(named(extra.singular));
    compare(a, extra.singular, 'singular');
    expect(a.warnings.some((w) => w.code === 'SINGULAR_CORRELATION')).toBe(true);
  });
  it('rows with no answers count in n, as in psych, with a warning', () => {
    const a = run(extra.emptyRows);
    compare(a, { ...extra.emptyRows, items: ['V1', 'V2', 'V3', 'V4'] }, 'empty rows');
    expect(a.warnings.find((w) => w.code === 'EMPTY_ROWS')?.details?.count).toBe(2);
  });
  it('Feldt intervals at 90% and 99% (psych::alpha.ci with p.val)', () => {
    for (const c of [extra.feldt90, extra.feldt99]) {
      const a = cronbachAlpha(named(c), { confidence: c.confidence });
      compare(a, c, `Feldt ${c.confidence}`);
      expect(a.confidence).toBe(c.confidence);
    }
  });
});
