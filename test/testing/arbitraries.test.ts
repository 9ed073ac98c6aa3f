import { describe, expect, it } from 'vitest';
import { cronbachAlpha } from '../../src/index.js';
import fc from 'fast-check';
import * as fcNamespace from 'fast-check';
import { arbitraries, simulate, type HostileTableKind } from '../../src/testing/index.js';
import { choleskyInPlace, symmetricEigen } from '../../src/linalg/index.js';
import { isPsychkitError, numericColumns } from '../../src/index.js';
import { numRuns } from '../helpers/runs.js';

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (isPsychkitError(e)) return e.code;
    throw e;
  }
  return 'none';
};

const flat = (m: readonly (readonly number[])[]) => Float64Array.from(m.flat());

describe('arbitraries take the caller’s fast-check', () => {
  it('accept the default export and the namespace import', () => {
    expect(fc.sample(arbitraries.correlationMatrix(fc), 1)).toHaveLength(1);
    expect(fcNamespace.sample(arbitraries.correlationMatrix(fcNamespace), 1)).toHaveLength(1);
  });
  it('reject anything else, and unknown or bad options, with INVALID_OPTION', () => {
    expect(codeOf(() => arbitraries.likertResponses(undefined as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => arbitraries.messyTable({} as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => arbitraries.likertResponses(fc, { item: 3 } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => arbitraries.likertResponses(fc, { levels: 1 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => arbitraries.likertResponses(fc, { items: { min: 5, max: 2 } }))).toBe('INVALID_OPTION');
    expect(codeOf(() => arbitraries.likertResponses(fc, { missing: 1.5 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => arbitraries.correlationMatrix(fc, { minEigenvalue: 0 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => arbitraries.factorModel(fc, { loadings: { min: 0.9, max: 0.3 } }))).toBe('INVALID_OPTION');
    expect(codeOf(() => arbitraries.mediationModel(fc, { models: [7] as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => arbitraries.messyTable(fc, { shapes: ['csv'] as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => arbitraries.hostileTable(fc, { kinds: [] }))).toBe('INVALID_OPTION');
    expect(codeOf(() => arbitraries.hostileOptions(fc, null as never))).toBe('INVALID_OPTION');
  });
});

describe('arbitraries.likertResponses', () => {
  it('gives n × k integer responses in 1 … K (or null), rows matching the matrix', () => {
    fc.assert(
      fc.property(arbitraries.likertResponses(fc, { missing: 0.3 }), (s) => {
        expect(s.responses).toHaveLength(s.n);
        expect(s.rows).toHaveLength(s.n);
        expect(s.missingRate).toBeLessThanOrEqual(0.3);
        s.responses.forEach((row, i) => {
          expect(row).toHaveLength(s.items.length);
          row.forEach((v, j) => {
            if (v !== null) expect(Number.isInteger(v) && v >= 1 && v <= s.levels).toBe(true);
            expect(s.rows[i]?.[s.items[j] as string]).toBe(v);
          });
        });
      }),
      { numRuns: numRuns(100) },
    );
  });
  it('has no missing cells unless asked, and respects exact sizes', () => {
    fc.assert(
      fc.property(arbitraries.likertResponses(fc, { items: 4, levels: 5, n: 12 }), (s) => {
        expect(s.items).toEqual(['item1', 'item2', 'item3', 'item4']);
        expect(s.levels).toBe(5);
        expect(s.n).toBe(12);
        expect(s.responses.flat().every((v) => v !== null)).toBe(true);
      }),
      { numRuns: numRuns(50) },
    );
  });
  it('produces both missing cells and complete matrices when missing > 0', () => {
    const samples = fc.sample(arbitraries.likertResponses(fc, { missing: 0.5, n: 20 }), { numRuns: 200, seed: 5 });
    expect(samples.some((s) => s.responses.flat().includes(null))).toBe(true);
    expect(samples.some((s) => !s.responses.flat().includes(null))).toBe(true);
  });
});

describe('arbitraries.likertResponses with loadings or reliability (a one-factor model)', () => {
  it('reliability aims the α of the responses: near-continuous items give α within .03 of it', () => {
    for (const reliability of [0.6, 0.85]) {
      const samples = fc.sample(arbitraries.likertResponses(fc, { reliability, items: 6, levels: 40, n: 3000 }), { numRuns: 3, seed: 2 });
      for (const s of samples) {
        const a = cronbachAlpha(s.rows as never, { columns: [...s.items] }).alpha;
        expect(Math.abs(a - reliability), `α ${a} for reliability ${reliability}`).toBeLessThan(0.03);
        expect(s.loadings).toHaveLength(6);
      }
    }
  });
  it('loadings are drawn within their range, one per item, and reported', () => {
    fc.assert(
      fc.property(arbitraries.likertResponses(fc, { loadings: { min: 0.4, max: 0.8 }, levels: 5 }), (s) => {
        expect(s.loadings).toHaveLength(s.items.length);
        for (const l of s.loadings!) expect(l >= 0.4 && l <= 0.8).toBe(true);
        for (const v of s.responses.flat()) expect(v === null || (Number.isInteger(v) && v >= 1 && v <= 5)).toBe(true);
      }),
      { numRuns: numRuns(50) },
    );
    const [plain] = fc.sample(arbitraries.likertResponses(fc), { numRuns: 1, seed: 1 });
    expect(plain!.loadings).toBeNull();
  });
  it('higher loadings give higher α (same draws otherwise)', () => {
    const low = fc.sample(arbitraries.likertResponses(fc, { loadings: 0.3, items: 8, n: 800 }), { numRuns: 3, seed: 9 });
    const high = fc.sample(arbitraries.likertResponses(fc, { loadings: 0.8, items: 8, n: 800 }), { numRuns: 3, seed: 9 });
    low.forEach((s, i) => expect(cronbachAlpha(high[i]!.rows as never, { columns: [...s.items] }).alpha).toBeGreaterThan(cronbachAlpha(s.rows as never, { columns: [...s.items] }).alpha));
  });
  it('refuses both options, and values outside their range', () => {
    expect(codeOf(() => arbitraries.likertResponses(fc, { loadings: 0.5, reliability: 0.8 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => arbitraries.likertResponses(fc, { loadings: { min: 0.5, max: 1 } }))).toBe('INVALID_OPTION');
    expect(codeOf(() => arbitraries.likertResponses(fc, { reliability: 1 }))).toBe('INVALID_OPTION');
  });
});

describe('arbitraries.correlationMatrix', () => {
  it('is symmetric with a unit diagonal and λmin ≥ minEigenvalue (so Cholesky succeeds)', () => {
    for (const delta of [0.01, 0.3]) {
      fc.assert(
        fc.property(arbitraries.correlationMatrix(fc, { size: { min: 1, max: 10 }, minEigenvalue: delta }), (r) => {
          const p = r.length;
          r.forEach((row, i) => {
            expect(row).toHaveLength(p);
            expect(row[i]).toBe(1);
            row.forEach((v, j) => {
              expect(v).toBe(r[j]?.[i]);
              expect(Math.abs(v)).toBeLessThanOrEqual(1);
            });
          });
          const { values } = symmetricEigen(flat(r), p);
          expect(values[p - 1] as number).toBeGreaterThanOrEqual(delta - 1e-12);
          expect(choleskyInPlace(flat(r), p)).toBe(true);
        }),
        { numRuns: numRuns(100) },
      );
    }
  });
  it('reaches strong correlations, not only near-identity matrices', () => {
    const samples = fc.sample(arbitraries.correlationMatrix(fc, { size: 4 }), { numRuns: 300, seed: 2 });
    const largest = Math.max(...samples.map((r) => Math.max(...r.flatMap((row, i) => row.filter((_, j) => j !== i).map(Math.abs)))));
    expect(largest).toBeGreaterThan(0.8);
  });
});

describe('arbitraries.factorModel', () => {
  it('gives admissible models that simulate.factorModel accepts', () => {
    fc.assert(
      fc.property(arbitraries.factorModel(fc, { maxCommunality: 0.85, maxFactorCorrelation: 0.5, negative: true }), fc.integer(), (model, seed) => {
        const m = model.phi.length;
        model.loadings.forEach((row) => expect(row).toHaveLength(m));
        const sim = simulate.factorModel({ ...model, n: 5, seed });
        for (const h of sim.population.communalities) expect(h).toBeLessThanOrEqual(0.85 + 1e-12);
        model.phi.forEach((row, i) => row.forEach((v, j) => i !== j && expect(Math.abs(v)).toBeLessThanOrEqual(0.5 + 1e-12)));
        expect(choleskyInPlace(flat(model.phi), m)).toBe(true);
      }),
      { numRuns: numRuns(100) },
    );
  });
  it('gives simple structure with crossLoadings: 0 and orthogonal factors with oblique: false', () => {
    fc.assert(
      fc.property(arbitraries.factorModel(fc, { crossLoadings: 0, oblique: false, factors: 3, itemsPerFactor: 3 }), (model) => {
        expect(model.loadings).toHaveLength(9);
        model.loadings.forEach((row, j) => {
          row.forEach((v, f) => {
            if (f === Math.floor(j / 3)) expect(v >= 0.3 - 1e-12 && v <= 0.9).toBe(true);
            else expect(v).toBe(0);
          });
        });
        expect(model.phi).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
      }),
      { numRuns: numRuns(50) },
    );
  });
});

describe('arbitraries.mediationModel', () => {
  it('gives complete options that simulate.mediation accepts', () => {
    fc.assert(
      fc.property(arbitraries.mediationModel(fc, { n: { min: 1, max: 30 } }), (spec) => {
        const sim = simulate.mediation(spec);
        const k = spec.paths.a.length;
        expect(sim.variables.mediators).toHaveLength(k);
        if (spec.model === 6) {
          expect(k).toBeGreaterThanOrEqual(2);
          spec.paths.d?.forEach((row, i) => row.forEach((v, j) => j >= i && expect(v).toBe(0)));
        } else expect(spec.paths.d).toBeUndefined();
        expect(sim.n).toBe(spec.n);
      }),
      { numRuns: numRuns(100) },
    );
  });
  it('includes null indirect effects (a·b = 0) often', () => {
    const samples = fc.sample(arbitraries.mediationModel(fc, { models: [4], mediators: 1 }), { numRuns: 200, seed: 9 });
    const zero = samples.filter((s) => (s.paths.a[0] as number) * (s.paths.b[0] as number) === 0).length;
    expect(zero).toBeGreaterThan(40);
  });
});

describe('arbitraries.messyTable', () => {
  it('psychkit reads every messy table as exactly its clean values', () => {
    fc.assert(
      fc.property(arbitraries.messyTable(fc), (t) => {
        const got = numericColumns(t.table, t.columns);
        expect(got.n).toBe(t.values.length);
        got.columns.forEach((col, j) => {
          const expected = t.values.map((row) => row[j] ?? Number.NaN);
          expect(Array.from(col)).toEqual(expected);
          expect(t.clean[t.columns[j] as string]).toEqual(t.values.map((row) => row[j]));
        });
      }),
      { numRuns: numRuns(300) },
    );
  });
  it('covers every layout, numeric strings, every missing encoding and extra columns', () => {
    const samples = fc.sample(arbitraries.messyTable(fc, { missing: 0.5 }), { numRuns: 400, seed: 4 });
    expect(new Set(samples.map((s) => s.shape))).toEqual(new Set(['rows', 'columns', 'matrix', 'arrow', 'arquero']));
    const cells = samples
      .filter((s) => s.shape === 'rows')
      .flatMap((s) => (s.table as Record<string, unknown>[]).flatMap((row) => s.columns.map((c) => (c in row ? row[c] : 'absent'))));
    expect(cells.some((v) => typeof v === 'string' && v.trim() !== '' && v !== 'absent')).toBe(true);
    for (const missing of [null, undefined, '', '  ', 'absent']) expect(cells.includes(missing)).toBe(true);
    expect(cells.some((v) => Number.isNaN(v))).toBe(true);
    expect(samples.some((s) => s.shape === 'columns' && Object.values(s.table as object).some((c) => c instanceof Float64Array))).toBe(true);
    expect(samples.some((s) => s.shape === 'rows' && 'id' in ((s.table as Record<string, unknown>[])[0] as object))).toBe(true);
  });
  it('likert values are integers 1 … levels', () => {
    fc.assert(
      fc.property(arbitraries.messyTable(fc, { values: 'likert', levels: 7 }), (t) => {
        for (const v of t.values.flat()) if (v !== null) expect(Number.isInteger(v) && v >= 1 && v <= 7).toBe(true);
      }),
      { numRuns: numRuns(50) },
    );
  });
});

describe('hostile arbitraries', () => {
  it('hostileValue covers the values the issue lists', () => {
    const values = fc.sample(arbitraries.hostileValue(fc), { numRuns: 2000, seed: 1 });
    const has = (pred: (v: unknown) => boolean) => values.some(pred);
    expect(has((v) => Number.isNaN(v))).toBe(true);
    expect(has((v) => v === Infinity)).toBe(true);
    expect(has((v) => v === -Infinity)).toBe(true);
    expect(has((v) => typeof v === 'number' && Math.abs(v) >= 1e300 && Number.isFinite(v))).toBe(true);
    expect(has((v) => typeof v === 'string' && Number.isNaN(Number(v)))).toBe(true);
    expect(has((v) => v === undefined)).toBe(true);
    expect(has((v) => v === null)).toBe(true);
    expect(has((v) => typeof v === 'bigint')).toBe(true);
    expect(has((v) => typeof v === 'object' && v !== null)).toBe(true);
    expect(has((v) => typeof v === 'symbol')).toBe(false);
    expect(fc.sample(arbitraries.hostileValue(fc, { symbols: true }), { numRuns: 2000, seed: 1 }).some((v) => typeof v === 'symbol')).toBe(true);
  });
  it('hostileTable produces every kind, each as described', () => {
    const samples = fc.sample(arbitraries.hostileTable(fc), { numRuns: 1500, seed: 8 });
    const kinds = new Set<HostileTableKind>(samples.map((s) => s.kind));
    expect(kinds.size).toBe(15);
    for (const s of samples) {
      const rows = Array.isArray(s.table) ? (s.table as unknown[]) : [];
      switch (s.kind) {
        case 'duplicate-names':
          expect(new Set(s.items).size).toBeLessThan(s.items.length);
          break;
        case 'fewer-rows-than-columns':
          expect(rows.length).toBeLessThan(s.items.length);
          break;
        case 'single-row':
          expect(rows).toHaveLength(1);
          break;
        case 'huge-values':
          expect(rows.some((r) => Object.values(r as object).some((v) => Math.abs(v as number) >= 1e300))).toBe(true);
          break;
        case 'prototype-names':
          expect(Object.keys(rows[0] as object)).toContain('__proto__');
          expect(s.items).toContain('constructor');
          break;
        case 'sparse-rows':
          expect(0 in rows).toBe(false);
          break;
        default:
      }
    }
  });
  it('hostileTable kinds can be selected', () => {
    const samples = fc.sample(arbitraries.hostileTable(fc, { kinds: ['collinear'] }), { numRuns: 50, seed: 3 });
    for (const s of samples) {
      const got = numericColumns(s.table as never, s.items);
      const last = got.columns[got.columns.length - 1] as Float64Array;
      const others = got.columns.slice(0, -1);
      for (let i = 0; i < got.n; i++) {
        const sum = others.length === 1 ? (others[0]?.[i] as number) : others.reduce((acc, c) => acc + (c[i] as number), 0);
        expect(last[i]).toBe(sum);
      }
    }
  });
  it('hostileOptions yields the valid object, non-objects, unknown keys, hostile values and missing keys', () => {
    const valid = { items: ['a', 'b'], confidence: 0.95 };
    const samples = fc.sample(arbitraries.hostileOptions(fc, valid), { numRuns: 500, seed: 6 });
    expect(samples.some((s) => JSON.stringify(s) === JSON.stringify(valid))).toBe(true);
    expect(samples.some((s) => s === null || typeof s !== 'object' || Array.isArray(s))).toBe(true);
    expect(samples.some((s) => typeof s === 'object' && s !== null && Object.keys(s).some((k) => !(k in valid)))).toBe(true);
    expect(samples.some((s) => typeof s === 'object' && s !== null && !Array.isArray(s) && Object.keys(s).length === 1)).toBe(true);
    expect(valid).toEqual({ items: ['a', 'b'], confidence: 0.95 });
  });
});
