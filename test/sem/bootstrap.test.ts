// Bootstrap SEs and intervals of a latent mediation model (lavaan's se = "bootstrap").
import { describe, expect, it } from 'vitest';
import { sem, cfa } from '../../src/index.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';

const reference = loadJson<{
  cases: Record<string, { model: string; prep: { reverse: string[]; total: number } }>;
  bootstrapTiming: { defined: { lhs: string; est: number; se: number; 'ci.lower': number; 'ci.upper': number }[] };
}>('cfa.json');
const c = reference.cases['peer_mediation']!;
const rows = loadCsv('peer-workers.csv').map((r) => {
  const o = { ...r };
  for (const k of c.prep.reverse) if (o[k] !== 'NA' && o[k] !== '') o[k] = String(c.prep.total - Number(o[k]));
  return o;
});

describe('sem bootstrap (peer_mediation, 1,000 resamples)', () => {
  const progress: number[] = [];
  const fit = sem(rows, { model: c.model, missingCodes: ['NA'], resamples: 1000, seed: 7, onProgress: (done) => progress.push(done) });
  const plain = sem(rows, { model: c.model, missingCodes: ['NA'] });

  it("agrees with lavaan's bootstrap within Monte Carlo error", () => {
    // lavaan's one seeded run of 1,000 draws: a CI bound's Monte Carlo SD is about 0.01–0.02 here,
    // a bootstrap SE's about 2.5% of it; allow 3 SD.
    for (const ref of reference.bootstrapTiming.defined) {
      const mine = fit.parameters.find((p) => p.op === ':=' && p.lhs === ref.lhs)!;
      expect(Math.abs(mine.estimate - ref.est)).toBeLessThan(1e-5);
      expect(Math.abs(mine.se! - ref.se) / ref.se).toBeLessThan(0.12);
      expect(Math.abs(mine.lower - ref['ci.lower'])).toBeLessThan(0.05);
      expect(Math.abs(mine.upper - ref['ci.upper'])).toBeLessThan(0.06);
    }
  });

  it('keeps the estimates, replaces SEs and intervals of free and defined parameters, leaves fixed ones', () => {
    expect(fit.bootstrap).toEqual({ resamples: 1000, replaced: fit.bootstrap!.replaced, seed: 7, interval: 'percentile', confidence: 0.95 });
    plain.parameters.forEach((p, i) => {
      const b = fit.parameters[i]!;
      expect(b.estimate).toBe(p.estimate);
      if (p.se === null) expect(b.se).toBeNull();
      else {
        expect(b.se).not.toBe(p.se);
        expect(b.lower).toBeLessThan(b.estimate);
        expect(b.upper).toBeGreaterThan(b.estimate);
        // Bootstrap and delta-method SEs agree roughly for a model that fits.
        expect(b.se! / p.se).toBeGreaterThan(0.6);
        expect(b.se! / p.se).toBeLessThan(1.6);
      }
    });
    expect(progress[progress.length - 1]).toBe(1000);
    expect(progress.length).toBeGreaterThanOrEqual(50);
  });

  it('is reproducible from its seed, and the bias-corrected interval differs from the percentile one', () => {
    const again = sem(rows, { model: c.model, missingCodes: ['NA'], resamples: 1000, seed: 7 });
    expect(again.parameters).toEqual(fit.parameters);
    const bc = sem(rows, { model: c.model, missingCodes: ['NA'], resamples: 1000, seed: 7, interval: 'bias-corrected' });
    const ind = (f: typeof fit) => f.parameters.find((p) => p.lhs === 'indirect')!;
    expect(ind(bc).se).toBe(ind(fit).se);
    expect(ind(bc).lower).not.toBe(ind(fit).lower);
  });
});

describe('bootstrap options', () => {
  const hs = loadCsv('holzinger-swineford-1939.csv');
  const model = 'visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6';
  it('refuses few resamples without allowFewResamples, and MLR', () => {
    expect(errorOf(() => cfa(hs, { model, resamples: 100 })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => cfa(hs, { model, resamples: 1000, estimator: 'MLR' })).code).toBe('INVALID_OPTION');
  });
  it('works under FIML', () => {
    const holes = hs.map((r, i) => (i % 7 === 0 ? { ...r, x2: '' } : r));
    const fit = cfa(holes, { model, missing: 'fiml', resamples: 50, allowFewResamples: true, seed: 1 });
    expect(fit.bootstrap?.resamples).toBe(50);
    for (const p of fit.parameters.filter((r) => r.free)) expect(p.se).toBeGreaterThan(0);
  });
});
