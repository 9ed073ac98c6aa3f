// Fuzz targets: the scalar distribution functions (normal, t, F, χ², bivariate normal).
import fc from 'fast-check';
import {
  bivariateNormalCdf,
  chiSquareCdf,
  chiSquareQuantile,
  chiSquareSurvival,
  fCdf,
  fQuantile,
  fSurvival,
  normalCdf,
  normalQuantile,
  normalSurvival,
  normalTwoSided,
  tCdf,
  tQuantile,
  tSurvival,
  tTwoSided,
} from '../../../../src/index.js';
import type { FuzzTarget, NanAllowance } from '../../harness.js';
import { edgeNumber, edgeProbability, nasty } from './common.js';

/** A degrees-of-freedom argument: mostly ordinary, sometimes 0, negative, huge, infinite or not a number. */
const df = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 300 }), weight: 3 },
  { arbitrary: fc.double({ min: 1e-3, max: 1e4, noNaN: true }), weight: 2 },
  { arbitrary: fc.constantFrom(0, -0, -1, 0.5, 1e-300, 1e300, Infinity, -Infinity, Number.NaN, Number.MAX_VALUE), weight: 2 },
  { arbitrary: fc.oneof(edgeNumber, nasty), weight: 1 },
);
const x = fc.oneof({ arbitrary: edgeNumber, weight: 4 }, { arbitrary: nasty, weight: 1 });
const p = fc.oneof({ arbitrary: edgeProbability, weight: 4 }, { arbitrary: nasty, weight: 1 });
const rho = fc.oneof(
  { arbitrary: fc.double({ min: -1, max: 1, noNaN: true }), weight: 4 },
  { arbitrary: fc.constantFrom(-1, 1, 0, 0.925, -0.925, 1 - 1e-16), weight: 1 },
  { arbitrary: x, weight: 1 },
);

const isNaNArg = (v: unknown) => typeof v === 'number' && Number.isNaN(v);
const outsideUnit = (v: unknown) => typeof v === 'number' && (v < 0 || v > 1);
const badDf = (v: unknown) => typeof v === 'number' && !(v > 0);

const NAN: readonly NanAllowance[] = [
  { path: /^\(result\)$/, reason: 'as R, NaN for a NaN argument or a parameter outside its domain (p ∉ [0, 1], df ≤ 0, |ρ| > 1); docs/errors.md' },
];

/**
 * A scalar distribution function: NaN only when an argument is NaN or a parameter is outside its
 * domain (`undefinedWhen`), a probability in [0, 1] (`probability`), never NaN otherwise.
 */
function scalar(
  name: string,
  fn: (...a: number[]) => number,
  args: fc.Arbitrary<unknown[]>,
  undefinedWhen: (a: readonly unknown[]) => boolean,
  probability: boolean,
  consistent?: (r: number, a: readonly number[]) => string | undefined,
): FuzzTarget {
  return {
    name,
    args,
    call: (...a: never[]) => fn(...(a as number[])),
    nan: NAN,
    runs: 1200,
    check: (r, a) => {
      if (typeof r !== 'number') throw new Error(`${name} returned ${typeof r}`);
      const expectNaN = a.some(isNaNArg) || undefinedWhen(a);
      if (Number.isNaN(r) !== expectNaN) throw new Error(`${name}(${a.map(String).join(', ')}) = ${r}; expected ${expectNaN ? 'NaN' : 'a number'}`);
      if (probability && !Number.isNaN(r) && !(r >= 0 && r <= 1)) throw new Error(`${name}(${a.map(String).join(', ')}) = ${r}, not a probability`);
      const problem = Number.isNaN(r) ? undefined : consistent?.(r, a as number[]);
      if (problem !== undefined) throw new Error(`${name}(${a.map(String).join(', ')}) = ${r}: ${problem}`);
    },
  };
}

const never = () => false;
const tDomain = (a: readonly unknown[]) => badDf(a[1]);
const fDomain = (a: readonly unknown[]) => badDf(a[1]) || badDf(a[2]);
// χ² with df = 0 is the point mass at 0, as in R.
const chiDomain = (a: readonly unknown[]) => typeof a[1] === 'number' && a[1] < 0;

/** The lower and upper tails add up to 1. */
function complement(other: (...a: number[]) => number) {
  return (r: number, a: readonly number[]) => {
    const o = other(...a);
    return Math.abs(r + o - 1) <= 1e-12 ? undefined : `the other tail is ${o}`;
  };
}

/**
 * The quantile is right to within its rounding: the distribution function just below it is at
 * most p and just above it at least p (to 1e-9). Checked for df ≥ 0.01 (for tinier df the
 * distributions pile up at 0 or ∞, where @stdlib's incomplete beta function is not accurate — the
 * contract, no NaN and a probability in [0, 1], is still checked there) and not for a point mass
 * (F with both df beyond 1e16) or a quantile that underflows to 0.
 */
function roundTrip(cdf: (q: number, ...rest: number[]) => number, pointMass: (rest: readonly number[]) => boolean = () => false) {
  return (q: number, a: readonly number[]) => {
    const [p, ...rest] = a as number[];
    if (!(p! > 0 && p! < 1) || !Number.isFinite(q) || pointMass(rest) || q === 0 || rest.some((df) => df < 0.01)) return undefined;
    // At least one step of the double grid, which is coarse among subnormals (5e-324, 1e-323, …).
    const step = Math.max(Math.abs(q) * 8 * Number.EPSILON, Number.MIN_VALUE);
    const below = q - step;
    const above = q + step;
    const lo = cdf(below, ...rest);
    const hi = cdf(above, ...rest);
    return lo <= p! + 1e-9 && hi >= p! - 1e-9 ? undefined : `the cdf is ${lo} just below it and ${hi} just above`;
  };
}

export const DISTRIBUTIONS_TARGETS: readonly FuzzTarget[] = [
  scalar('normalCdf', normalCdf, fc.tuple(x), never, true, complement(normalSurvival)),
  scalar('normalSurvival', normalSurvival, fc.tuple(x), never, true, complement(normalCdf)),
  scalar('normalTwoSided', normalTwoSided, fc.tuple(x), never, true),
  scalar('normalQuantile', normalQuantile, fc.tuple(p), (a) => outsideUnit(a[0]), false, roundTrip(normalCdf)),
  scalar('tCdf', tCdf, fc.tuple(x, df), tDomain, true, complement(tSurvival)),
  scalar('tSurvival', tSurvival, fc.tuple(x, df), tDomain, true, complement(tCdf)),
  scalar('tTwoSided', tTwoSided, fc.tuple(x, df), tDomain, true),
  scalar('tQuantile', tQuantile, fc.tuple(p, df), (a) => outsideUnit(a[0]) || tDomain(a), false, roundTrip(tCdf)),
  scalar('fCdf', fCdf, fc.tuple(x, df, df), fDomain, true, complement(fSurvival)),
  scalar('fSurvival', fSurvival, fc.tuple(x, df, df), fDomain, true, complement(fCdf)),
  scalar('fQuantile', fQuantile, fc.tuple(p, df, df), (a) => outsideUnit(a[0]) || fDomain(a), false, roundTrip(fCdf, ([d1, d2]) => d1! > 1e16 && d2! > 1e16)),
  scalar('chiSquareCdf', chiSquareCdf, fc.tuple(x, df), chiDomain, true, complement(chiSquareSurvival)),
  scalar('chiSquareSurvival', chiSquareSurvival, fc.tuple(x, df), chiDomain, true, complement(chiSquareCdf)),
  scalar('chiSquareQuantile', chiSquareQuantile, fc.tuple(p, df), (a) => outsideUnit(a[0]) || chiDomain(a), false, roundTrip(chiSquareCdf)),
  scalar('bivariateNormalCdf', bivariateNormalCdf, fc.tuple(x, x, rho), (a) => typeof a[2] === 'number' && Math.abs(a[2]) > 1, true),
];
