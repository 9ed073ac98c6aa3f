// tidy() and glance(): every result kind as flat rows (docs/reports.md, "Tidy rows").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as psychkit from '../../src/index.js';
import { glance, NOT_TABULAR_KINDS, REPORTABLE_KINDS, tidy, TIDYABLE_KINDS, type TidyRow } from '../../src/index.js';
import { arbitraries } from '../../src/testing/index.js';
import { ESTIMATORS } from '../helpers/estimators.js';
import { peer } from '../helpers/peer.js';

const results = Object.fromEntries(Object.entries(ESTIMATORS).map(([kind, run]) => [kind, run()])) as Record<string, never>;

/** A flat row: numbers (finite), strings and nulls only, frozen, JSON-stable. */
function expectFlat(row: TidyRow): void {
  expect(Object.isFrozen(row)).toBe(true);
  for (const [key, v] of Object.entries(row)) {
    const ok = v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
    expect(ok, `${key} = ${String(v)}`).toBe(true);
  }
  expect(JSON.parse(JSON.stringify(row))).toEqual(row);
}

describe('tidy and glance cover every result kind', () => {
  it('every kind an estimator returns, every tabular and every non-tabular kind', () => {
    const kinds = new Set<string>(TIDYABLE_KINDS);
    for (const k of [...Object.keys(ESTIMATORS), ...REPORTABLE_KINDS, ...Object.keys(NOT_TABULAR_KINDS)]) expect(kinds.has(k), k).toBe(true);
  });

  it.each(Object.keys(ESTIMATORS))('%s: rows are flat, frozen, JSON-stable and share their keys; glance is one flat row', (kind) => {
    const rows = tidy(results[kind]!);
    expect(Object.isFrozen(rows)).toBe(true);
    if (kind !== 'pathModel') expect(rows.length).toBeGreaterThan(0);
    const keys = Object.keys(rows[0] ?? {});
    for (const row of rows) {
      expectFlat(row);
      expect(Object.keys(row)).toEqual(keys);
    }
    expectFlat(glance(results[kind]!));
  });
});

describe('rows hold the result’s numbers, named', () => {
  it('efa: one row per column × factor, loadings by name', () => {
    const r = ESTIMATORS.efa!() as psychkit.EfaResult;
    const rows = tidy(r);
    expect(rows).toHaveLength(r.columns.length * r.factors);
    for (const row of rows) {
      const i = r.columns.indexOf(row.column as string);
      const j = Number((row.factor as string).slice(1)) - 1;
      expect(row.loading).toBe(r.loadings[i]![j]);
      expect(row.communality).toBe(r.communalities[i]);
    }
    expect(glance(r)).toMatchObject({ factors: 2, chiSquare: r.fit!.chiSquare, 'rmsea.upper': r.fit!.rmsea!.upper });
  });

  it('parallelAnalysis: one row per component and factor with observed and simulated eigenvalues', () => {
    const r = ESTIMATORS.parallelAnalysis!() as psychkit.ParallelAnalysisResult;
    const rows = tidy(r);
    expect(rows.map((x) => [x.type, x.number])).toEqual([['components', 1], ['components', 2], ['components', 3], ['factors', 1], ['factors', 2], ['factors', 3]]);
    expect(rows.filter((x) => x.type === 'factors').map((x) => x.simulatedQuantile)).toEqual(r.simulated.factors.quantile);
    expect(rows.filter((x) => x.type === 'components').map((x) => x.observed)).toEqual(r.observed.components);
  });

  it('processModel: one row per equation, coefficient and effect, moderator values as at.w', () => {
    const r = psychkit.processModel(peer, { model: 7, x: 'esse', w: 'si', m: 'ss', y: 'pwb', resamples: 1000, seed: 1 });
    const rows = tidy(r);
    const coefficients = rows.filter((x) => x.type === 'coefficient');
    expect(coefficients).toHaveLength(r.equations.reduce((s, e) => s + e.coefficients.length, 0));
    const pwbEsse = coefficients.find((x) => x.equation === 'pwb' && x.term === 'esse')!;
    expect(pwbEsse.estimate).toBe(r.equations[1]!.coefficients.find((c) => c.term === 'esse')!.estimate);
    const conditional = rows.filter((x) => x.effect === 'conditionalIndirectEffects');
    expect(conditional.map((x) => [x['at.w'], x.estimate, x.lower])).toEqual(r.conditionalIndirectEffects!.map((e) => [e.at.w, e.estimate, e.lower]));
    expect(rows.filter((x) => x.effect === 'indexOfModeratedMediation').map((x) => x.estimate)).toEqual(r.indexOfModeratedMediation!.map((e) => e.estimate));
    expect(glance(r)).toMatchObject({ model: 7, x: 'esse', m: 'ss', w: 'si', y: 'pwb', n: r.n, resamples: 1000, seed: 1 });
  });

  it('processModel model 4: indirect effects with their path, the total with none', () => {
    const r = psychkit.processModel(peer, { model: 4, x: 'esse', m: ['ss', 'si'], y: 'pwb', resamples: 1000, seed: 1 });
    const indirect = tidy(r).filter((x) => x.type === 'effect' && x.effect !== 'totalEffect' && x.effect !== 'directEffect');
    expect(indirect.map((x) => [x.effect, x.label, x.path, x.estimate])).toEqual([
      ['indirectEffects', 'ss', 'esse -> ss -> pwb', r.indirectEffects[0]!.estimate],
      ['indirectEffects', 'si', 'esse -> si -> pwb', r.indirectEffects[1]!.estimate],
      ['totalIndirectEffect', 'TOTAL', null, r.totalIndirectEffect!.estimate],
    ]);
  });

  it('cfa: lavaan’s parameter table, one row per parameter; glance has the fit measures', () => {
    const r = ESTIMATORS.cfa!() as psychkit.SemResult;
    const rows = tidy(r);
    expect(rows.map((x) => [x.lhs, x.op, x.rhs, x.estimate])).toEqual(r.parameters.map((p) => [p.lhs, p.op, p.rhs, p.estimate]));
    expect(glance(r)).toMatchObject({ chiSquare: r.fit.chiSquare, cfi: r.fit.cfi, 'rmsea.estimate': r.fit.rmsea!.estimate, srmr: r.fit.srmr, converged: 1 });
  });

  it('per-respondent results: one row per respondent, in order, null where missing', () => {
    const r = ESTIMATORS.scoreInstrument!() as psychkit.InstrumentScores;
    expect(tidy(r)).toEqual([
      { row: 0, instrument: 'gad7', score: 8, answered: 7, prorated: 0, band: 'mild' },
      { row: 1, instrument: 'gad7', score: null, answered: 6, prorated: 0, band: null },
    ]);
  });

  it('non-finite numbers become null (JSON has no NaN), booleans 1/0', () => {
    const r = psychkit.mahalanobis({ a: [1, 2, 3, 4, 5, 6], b: [2, 1, 4, 3, 6, 5], c: [null, 1, 1, 2, 2, 3] }, { columns: ['a', 'b', 'c'] });
    const rows = tidy(r);
    expect(rows.map((x) => x.flagged)).toEqual(r.flagged.map((f) => (f === null ? null : f ? 1 : 0)));
  });
});

describe('bad input', () => {
  it.each([null, undefined, 3, 'efa', {}, { kind: 'nope' }, { kind: '__proto__' }, []])('%j is INVALID_INPUT', (x) => {
    expect(() => tidy(x as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => glance(x as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('a result edited out of its shape is INVALID_INPUT naming the field, not a TypeError', () => {
    const r = ESTIMATORS.efa!() as psychkit.EfaResult;
    expect(() => tidy({ ...r, loadings: null } as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    const s = ESTIMATORS.longstring!() as psychkit.LongstringResult;
    expect(() => tidy({ ...s, values: 7 } as never)).not.toThrow(TypeError);
    expect(() => glance({ ...s, values: null } as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('does not mutate the result', () => {
    const r = ESTIMATORS.cronbachAlpha!() as psychkit.CronbachAlphaResult;
    const before = JSON.stringify(r);
    tidy(r);
    glance(r);
    expect(JSON.stringify(r)).toBe(before);
  });
});

describe('properties', () => {
  const likert = arbitraries.likertResponses(fc, { items: { min: 2, max: 6 }, n: { min: 5, max: 40 }, missing: 0.2 });

  it('tidy(cronbachAlpha), tidy(descriptives), tidy(longstring): flat JSON-stable rows, one per item or respondent', () => {
    fc.assert(
      fc.property(likert, (l) => {
        const table = l.rows as never;
        let alpha: psychkit.CronbachAlphaResult | null = null;
        try {
          alpha = psychkit.cronbachAlpha(table, { columns: [...l.items] });
        } catch (e) {
          // Too sparse for alpha (a pair of items answered together once): refused with a typed error, tested elsewhere.
          if (!psychkit.isPsychkitError(e)) throw e;
        }
        if (alpha !== null) {
          const rows = tidy(alpha);
          expect(rows.map((x) => x.column)).toEqual([...l.items]);
          for (const row of rows) expectFlat(row);
          expectFlat(glance(alpha));
          expect(glance(alpha).alpha).toBe(Number.isFinite(alpha.alpha) ? alpha.alpha + 0 : null);
        }
        const runs = psychkit.longstring(table, { columns: [...l.items] });
        const runRows = tidy(runs);
        expect(runRows.map((x) => x.value)).toEqual(runs.values);
        for (const row of runRows) expectFlat(row);
      }),
      { numRuns: 60 },
    );
  });

  it('tidy(ols) rows are its coefficients, glance its summary, whatever the data', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { minLength: 4, maxLength: 30 }), (pairs) => {
        const data = { x: pairs.map((p) => p[0]), y: pairs.map((p) => p[1]) };
        let r: psychkit.OlsResult;
        try {
          r = psychkit.ols(data, { y: 'y', x: ['x'] });
        } catch {
          return; // a constant x: refused with a typed error (tested elsewhere)
        }
        const rows = tidy(r);
        expect(rows.map((x) => x.term)).toEqual(['constant', 'x']);
        for (const [i, row] of rows.entries()) {
          expectFlat(row);
          const c = r.coefficients[i]!;
          expect(row.estimate).toBe(Number.isFinite(c.estimate) ? c.estimate + 0 : null);
        }
        expectFlat(glance(r));
      }),
      { numRuns: 60 },
    );
  });
});
