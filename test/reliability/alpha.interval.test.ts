import { describe, expect, it } from 'vitest';
import { cronbachAlpha, instruments, normalQuantile } from '../../src/index.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';

const rows = loadCsv('peer-workers.csv');
const ref = loadJson('peer-workers.json');

describe('alpha confidence intervals', () => {
  it("keepResamples keeps the bootstrap alphas: their SD is `bootstrap.se`, their quantiles the interval, the rest unchanged", () => {
    const scale = instruments.mspss({ prefix: 'mspss' });
    const kept = cronbachAlpha(rows, { scale, interval: 'bootstrap', resamples: 400, seed: 11, keepResamples: true });
    const plain = cronbachAlpha(rows, { scale, interval: 'bootstrap', resamples: 400, seed: 11 });
    const draws = kept.bootstrap!.draws!;
    expect(draws).toBeInstanceOf(Float64Array);
    expect(draws).toHaveLength(kept.bootstrap!.resamples);
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    const sd = Math.sqrt(draws.reduce((s, x) => s + (x - mean) ** 2, 0) / (draws.length - 1));
    expect(Math.abs(sd - kept.bootstrap!.se)).toBeLessThan(1e-14);
    const sorted = Float64Array.from(draws).sort();
    const q = (p: number) => { const h = (sorted.length - 1) * p; const lo = Math.floor(h); return sorted[lo]! + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!); };
    expect(Math.abs(kept.lower - q(0.025))).toBeLessThan(1e-14);
    expect(Math.abs(kept.upper - q(0.975))).toBeLessThan(1e-14);
    // In resample order (they came back sorted once): a shorter run with the same seed draws the same first resamples.
    const shorter = cronbachAlpha(rows, { scale, interval: 'bootstrap', resamples: 200, seed: 11, keepResamples: true }).bootstrap!.draws!;
    expect([...draws.subarray(0, 200)]).toEqual([...shorter]);
    expect([...draws]).not.toEqual([...sorted]);
    expect('draws' in plain.bootstrap!).toBe(false);
    expect([kept.lower, kept.upper, kept.bootstrap!.se]).toEqual([plain.lower, plain.upper, plain.bootstrap!.se]);
    expect(() => cronbachAlpha(rows, { scale, keepResamples: true })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });

  it("'duhachek' is alpha ± z·ase with psych's ase", () => {
    const e = ref.alpha.si.pairwise;
    const a = cronbachAlpha(rows, { columns: e.items, interval: 'duhachek', confidence: 0.9 });
    const z = normalQuantile(0.95);
    expect(a.interval).toBe('duhachek');
    expect(Math.abs(a.lower - (e.alpha - z * e.ase))).toBeLessThan(1e-12);
    expect(Math.abs(a.upper - (e.alpha + z * e.ase))).toBeLessThan(1e-12);
  });

  it("'bootstrap' is reproducible for a seed, reports resamples and seed, and differs for another seed", () => {
    const scale = instruments.mspss({ prefix: 'mspss' });
    const a = cronbachAlpha(rows, { scale, interval: 'bootstrap', resamples: 500, seed: 7 });
    const b = cronbachAlpha(rows, { scale, interval: 'bootstrap', resamples: 500, seed: 7 });
    const c = cronbachAlpha(rows, { scale, interval: 'bootstrap', resamples: 500, seed: 8 });
    expect([b.lower, b.upper, b.bootstrap]).toEqual([a.lower, a.upper, a.bootstrap]);
    expect(a).toMatchObject({ interval: 'bootstrap', confidence: 0.95, bootstrap: { resamples: 500, seed: 7, skipped: 0 } });
    expect(c.lower).not.toBe(a.lower);
    const unseeded = cronbachAlpha(rows, { scale, interval: 'bootstrap', resamples: 100 });
    expect(unseeded.bootstrap?.seed).toBeDefined();
    expect(cronbachAlpha(rows, { scale, interval: 'bootstrap', resamples: 100, seed: unseeded.bootstrap!.seed })).toEqual(unseeded);
  });

  it('bootstrap percentile intervals agree with the asymptotic ones on the peer-worker scales (pairwise and listwise)', () => {
    // Monte-Carlo check, not a reference: with n ≈ 250 the bootstrap SE should be near psych's ase
    // and the interval near Feldt's.
    for (const name of ['esse', 'pwb', 'si'] as const) {
      const s = ref.scales[name];
      for (const missing of ['pairwise', 'listwise'] as const) {
        const e = ref.alpha[name][missing];
        const a = cronbachAlpha(rows, { columns: s.items, reverse: s.reverse, response: { min: s.min, max: s.max }, missing, interval: 'bootstrap', resamples: 2000, seed: 2024 });
        expect(a.lower).toBeLessThan(a.alpha);
        expect(a.upper).toBeGreaterThan(a.alpha);
        expect(Math.abs(a.bootstrap!.se / e.ase - 1), `${name} ${missing} SE`).toBeLessThan(0.25);
        expect(Math.abs(a.lower - e.feldt[0]), `${name} ${missing} lower`).toBeLessThan(0.02);
        expect(Math.abs(a.upper - e.feldt[1]), `${name} ${missing} upper`).toBeLessThan(0.02);
      }
    }
  });
});
