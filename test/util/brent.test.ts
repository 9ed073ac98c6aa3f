import { describe, expect, it } from 'vitest';
import { minimizeBrent, R_OPTIMIZE_TOLERANCE } from '../../src/util/brent.js';
import { loadJson } from '../helpers/fixtures.js';
import { expectClose } from '../helpers/close.js';

// From test/fixtures/optimize.R (R's optimize()).
const ref = loadJson<{ cases: { f: string; lower: number; upper: number; tol: number | null; minimum: number; objective: number }[] }>('optimize.json');
const fs: Record<string, (x: number) => number> = {
  quartic: (x) => (x - 1 / 3) ** 2 + 0.1 * x ** 4,
  exponential: (x) => Math.exp(x) - 2 * x,
  kink: (x) => Math.abs(x - 0.123456789),
  cubic: (x) => -x * (1 - x) ** 3,
};

describe('minimizeBrent', () => {
  it("uses R's default tolerance .Machine$double.eps^0.25", () => {
    expect(R_OPTIMIZE_TOLERANCE).toBe(2 ** -13);
  });

  it("visits R's points: reproduces optimize() to 1e-15, well inside its own tolerance", () => {
    for (const c of ref.cases) {
      const got = minimizeBrent(fs[c.f]!, c.lower, c.upper, c.tol ?? undefined);
      expectClose(got.minimum, c.minimum, 1e-15, `${c.f} minimum`);
      expectClose(got.objective, c.objective, 1e-15, `${c.f} objective`);
    }
  });

  it('treats a non-finite objective as the largest double, as R does', () => {
    const got = minimizeBrent((x) => (x < 0 ? Number.NaN : (x - 0.5) ** 2), -1, 1);
    expectClose(got.minimum, 0.5, 1e-4, 'minimum');
  });
});
