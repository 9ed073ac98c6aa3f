// summariseBootstrap by selection against the sort it replaced, and the selection routine itself.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalCdf, normalQuantile } from '../../src/probability/index.js';
import { summariseBootstrap, type BootstrapInterval } from '../../src/resampling/intervals.js';
import { selectInPlace } from '../../src/util/select.js';
import { numRuns } from '../helpers/runs.js';

/** The summary as it was before selection: sort a copy, then read type-7 quantiles of it. */
function reference(input: Float64Array, point: number, confidence: number, ci: BootstrapInterval) {
  const estimates = Float64Array.from(input);
  const B = estimates.length;
  let largest = 0;
  for (let r = 0; r < B; r++) largest = Math.max(largest, Math.abs(estimates[r]!));
  const unit = largest > 0 ? 2 ** Math.max(-1022, Math.min(1023, Math.floor(Math.log2(largest)))) : 1;
  let mean = 0;
  for (let r = 0; r < B; r++) mean += estimates[r]! / unit;
  mean /= B;
  let ss = 0;
  for (let r = 0; r < B; r++) ss += (estimates[r]! / unit - mean) ** 2;
  const se = unit * Math.sqrt(ss / (B - 1));
  estimates.sort();
  const alpha = (1 - confidence) / 2;
  let pLower = alpha;
  let pUpper = 1 - alpha;
  if (ci === 'bias-corrected') {
    let below = 0;
    for (let r = 0; r < B; r++) if (estimates[r]! < point) below++;
    const z0 = normalQuantile(below / B);
    const z = normalQuantile(1 - alpha);
    pLower = normalCdf(2 * z0 - z);
    pUpper = normalCdf(2 * z0 + z);
  }
  // Type 7 (Hyndman & Fan): h = (B − 1)p + 1, interpolated between x₍⌊h⌋₎ and x₍⌊h⌋₊₁₎.
  const q = (p: number) => {
    const h = (B - 1) * p + 1;
    if (!(h > 1)) return estimates[0]!;
    if (h >= B) return estimates[B - 1]!;
    const lo = Math.floor(h);
    const a = estimates[lo - 1]!;
    const b = estimates[lo]!;
    const frac = h - lo;
    return frac === 0 ? a : a + frac * (b - a);
  };
  return { se, lower: q(pLower), upper: q(pUpper) };
}

const SHAPES = ['normal', 'ties', 'zeros', 'sorted', 'reversed', 'organ', 'constant', 'two', 'special'] as const;
type Shape = (typeof SHAPES)[number];

/** mulberry32: the test's own stream, so a fast-check seed reproduces the whole array. */
function stream(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function draw(shape: Shape, B: number, seed: number): Float64Array {
  const u = stream(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const zero = () => (u() < 0.5 ? -0 : 0);
  const a = new Float64Array(B);
  const c = u() < 0.3 ? zero() : normal();
  for (let i = 0; i < B; i++) {
    switch (shape) {
      case 'ties': {
        const v = Math.floor(u() * 7) - 3;
        a[i] = v === 0 ? zero() : v / 4;
        break;
      }
      case 'zeros':
        a[i] = u() < 0.9 ? zero() : u() < 0.5 ? -1 : 1;
        break;
      case 'constant':
        a[i] = c;
        break;
      case 'two':
        a[i] = u() < 0.5 ? c : c + 1;
        break;
      case 'special': {
        const r = u();
        a[i] = r < 0.03 ? Number.NaN : r < 0.05 ? Infinity : r < 0.07 ? -Infinity : r < 0.12 ? zero() : r < 0.14 ? 1e300 * normal() : normal();
        break;
      }
      default:
        a[i] = normal();
    }
  }
  if (shape === 'sorted' || shape === 'organ') a.sort();
  if (shape === 'reversed') a.sort().reverse();
  if (shape === 'organ') a.set(a.slice(0, B >> 1).reverse(), B - (B >> 1));
  return a;
}

/** The point estimate: one of the estimates (ties with some), between two, or outside their range. */
function pointFor(a: Float64Array, kind: number, v: number): number {
  const finite = Array.from(a).filter(Number.isFinite);
  const lo = finite.length > 0 ? Math.min(...finite) : 0;
  const hi = finite.length > 0 ? Math.max(...finite) : 0;
  switch (kind) {
    case 0:
      return a[Math.floor(v * a.length)]!;
    case 1:
      return lo + v * (hi - lo);
    case 2:
      return lo - 1 - v;
    case 3:
      return hi + 1 + v;
    default:
      return Number.NaN;
  }
}

/** Object.is on each field, with the failing field named. */
function expectSame(got: { se: number; lower: number; upper: number }, want: { se: number; lower: number; upper: number }, what: string) {
  for (const key of ['se', 'lower', 'upper'] as const) {
    if (!Object.is(got[key], want[key])) expect.fail(`${what}: ${key} ${Object.is(got[key], -0) ? '-0' : got[key]} ≠ ${Object.is(want[key], -0) ? '-0' : want[key]}`);
  }
}

/** The multiset is kept (NaN and the signs of zeros included). */
function expectPermutation(after: Float64Array, before: Float64Array) {
  const x = Float64Array.from(after).sort();
  const y = Float64Array.from(before).sort();
  expect(x.length).toBe(y.length);
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) expect.fail(`not a permutation at sorted index ${i}: ${x[i]} vs ${y[i]}`);
}

const sizes = fc.oneof(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 41, max: 6000 }));
const case_ = fc.record({
  shape: fc.constantFrom(...SHAPES),
  B: sizes,
  seed: fc.integer(),
  ci: fc.constantFrom<BootstrapInterval>('percentile', 'bias-corrected'),
  confidence: fc.double({ min: 0.5, max: 0.999, minExcluded: true, maxExcluded: true, noNaN: true }),
  pointKind: fc.integer({ min: 0, max: 4 }),
  v: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
});

describe('summariseBootstrap by selection', () => {
  it('gives the same se, lower and upper, bit for bit, as sorting a copy, and only reorders the estimates', () => {
    fc.assert(
      fc.property(case_, ({ shape, B, seed, ci, confidence, pointKind, v }) => {
        const a = draw(shape, B, seed);
        const point = pointFor(a, pointKind, v);
        const want = reference(a, point, confidence, ci);
        const before = Float64Array.from(a);
        expectSame(summariseBootstrap(a, point, confidence, ci), want, `${shape} B=${B} ${ci} ${confidence} point ${point}`);
        expectPermutation(a, before);
      }),
      { numRuns: numRuns(300) },
    );
  });

  it('agrees on any values and any confidence, including NaN, infinities, signed zeros and levels outside (0, 1)', () => {
    const value = fc.oneof(
      fc.double(),
      fc.constantFrom(-0, 0, Number.NaN, Infinity, -Infinity, 1, -1, Number.MIN_VALUE, -Number.MAX_VALUE),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 0, maxLength: 60 }),
        fc.oneof(fc.double(), fc.double({ min: 0, max: 1 })),
        fc.oneof(fc.double(), value),
        fc.constantFrom<BootstrapInterval>('percentile', 'bias-corrected'),
        (values, confidence, point, ci) => {
          const a = Float64Array.from(values);
          const want = reference(a, point, confidence, ci);
          expectSame(summariseBootstrap(a, point, confidence, ci), want, `[${values.join(', ')}] ${ci} ${confidence} point ${point}`);
        },
      ),
      { numRuns: numRuns(500) },
    );
  });

  it('B = 5,000 at 95%: the four order statistics around h = 125.975 and 4875.025', () => {
    for (const shape of SHAPES) {
      for (const ci of ['percentile', 'bias-corrected'] as const) {
        const a = draw(shape, 5000, 7);
        const point = pointFor(a, 1, 0.4);
        // The reference first: the summary reorders `a`, and the SE's sums depend on the order.
        const want = reference(a, point, 0.95, ci);
        expectSame(summariseBootstrap(a, point, 0.95, ci), want, `${shape} ${ci}`);
      }
    }
  });
});

describe('selectInPlace', () => {
  it('puts the k-th smallest of a[from, to) at k, ≤ before it and ≥ after it, and leaves the rest alone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SHAPES.filter((s) => s !== 'special')),
        sizes,
        fc.integer(),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (shape, B, seed, uk, uFrom, uTo) => {
          const a = draw(shape, B, seed);
          const before = Float64Array.from(a);
          // Sometimes the whole array, sometimes a part of it.
          const from = uFrom < 0.5 ? 0 : Math.floor((uFrom - 0.5) * 2 * B);
          const to = uTo < 0.5 ? B : from + 1 + Math.floor((uTo - 0.5) * 2 * (B - from));
          const k = from + Math.floor(uk * (to - from));
          const sorted = before.slice(from, to).sort();
          selectInPlace(a, k, from, to);
          // −0 and +0 are equal to selection: either may land at k.
          expect(a[k] === sorted[k - from]).toBe(true);
          for (let i = from; i < k; i++) if (!(a[i]! <= a[k]!)) expect.fail(`a[${i}] = ${a[i]} > a[k] = ${a[k]}`);
          for (let i = k + 1; i < to; i++) if (!(a[i]! >= a[k]!)) expect.fail(`a[${i}] = ${a[i]} < a[k] = ${a[k]}`);
          for (let i = 0; i < B; i++) if ((i < from || i >= to) && !Object.is(a[i], before[i])) expect.fail(`a[${i}] outside [from, to) changed`);
          expectPermutation(a.subarray(from, to), before.subarray(from, to));
        },
      ),
      { numRuns: numRuns(300) },
    );
  });

  it('every k of a small array with ties', () => {
    for (let B = 1; B <= 30; B++) {
      for (let k = 0; k < B; k++) {
        const a = draw('ties', B, B * 31 + k);
        const sorted = Float64Array.from(a).sort();
        selectInPlace(a, k);
        expect(a[k] === sorted[k]).toBe(true);
      }
    }
  });

  it('rejects k outside [from, to)', () => {
    const a = new Float64Array(5);
    for (const [k, from, to] of [[5, 0, 5], [-1, 0, 5], [2, 3, 5], [1, 0, 6], [0.5, 0, 5]] as const) {
      expect(() => selectInPlace(a, k, from, to)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
    }
  });
});
