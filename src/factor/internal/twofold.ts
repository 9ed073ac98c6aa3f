// Double-double ("twofold") accumulation: a value kept as an unevaluated sum hi + lo of two
// doubles, about 32 significant digits. Rotation criteria are summed this way so that the change
// in the criterion between two nearby rotations — the quantity gradient projection's step test
// compares with ½·s²·α — is resolved far below the rounding of a plain double sum (Dekker 1971;
// Ogita, Rump & Oishi 2005).

const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter

/** The rounding error of a·b: a·b = fl(a·b) + productError(a, b, fl(a·b)) exactly (barring overflow). */
export function productError(a: number, b: number, product: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return al * bl - (((product - ah * bh) - al * bh) - ah * bl);
}

/**
 * Σₘ x[xAt + m·xStep]·(yh[yAt + m·yStep] + yl[…]) for m < len, with every product and sum error
 * kept: the sum is sh + sl, written to out[0] and out[1] (not renormalised). `yl` null means 0.
 */
export function twofoldDot(
  x: Float64Array,
  xAt: number,
  xStep: number,
  yh: Float64Array,
  yl: Float64Array | null,
  yAt: number,
  yStep: number,
  len: number,
  out: Float64Array,
): void {
  let sh = 0;
  let sl = 0;
  for (let m = 0; m < len; m++) {
    const a = x[xAt + m * xStep] as number;
    const b = yh[yAt + m * yStep] as number;
    const pr = a * b;
    const sum = sh + pr;
    const bb = sum - sh;
    sl += sh - (sum - bb) + (pr - bb) + productError(a, b, pr) + (yl === null ? 0 : a * (yl[yAt + m * yStep] as number));
    sh = sum;
  }
  out[0] = sh;
  out[1] = sl;
}

/** A double-double accumulator. */
export class Twofold {
  hi = 0;
  lo = 0;

  reset(): this {
    this.hi = 0;
    this.lo = 0;
    return this;
  }

  /** Adds hi + lo (another double-double value, or a double with lo = 0). */
  add(hi: number, lo = 0): this {
    const s = this.hi + hi;
    const bb = s - this.hi;
    const e = this.hi - (s - bb) + (hi - bb) + this.lo + lo;
    this.hi = s + e;
    this.lo = e - (this.hi - s);
    return this;
  }

  /** Adds (aHi + aLo)·(bHi + bLo), dropping the aLo·bLo term (below the result's last digit). */
  addProduct(aHi: number, aLo: number, bHi: number, bLo: number): this {
    const p = aHi * bHi;
    return this.add(p, productError(aHi, bHi, p) + (aHi * bLo + aLo * bHi));
  }
}
