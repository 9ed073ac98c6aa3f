import { describe as group, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bartlettSphericity,
  bootstrap,
  boxCox,
  cfa,
  compareTransforms,
  correlationMatrix,
  correlations,
  cronbachAlpha,
  descriptives,
  efa,
  formatNumber,
  hierarchicalRegression,
  instruments,
  invariance,
  itemFrequencies,
  missingness,
  reliableChange,
  longstring,
  responseVariability,
  mahalanobis,
  evenOddConsistency,
  psychometricSynonyms,
  screenResponses,
  scoreInstrument,
  icc,
  splitHalf,
  isPsychkitError,
  kmo,
  normalityTests,
  NOT_TABULAR_KINDS,
  ols,
  omega,
  parallelAnalysis,
  pathModel,
  processModel,
  REPORTABLE_KINDS,
  rotate,
  scoreScale,
  sem,
  shapiroWilk,
  transform,
  velicerMap,
  yeoJohnson,
  tableToHtml,
  tableToMarkdown,
  tableToText,
  toApaTable,
  toMarkdown,
  type ReportTable,
  type ReportableResult,
  type TableCell,
} from '../../src/index.js';
import { loadCsv } from '../helpers/fixtures.js';
import { maritalLevels, peer, reference } from '../helpers/peer.js';
import { findAll, nastyText, parseXml, textContent, xmlVisible } from '../helpers/xml.js';

const rows = loadCsv('peer-workers.csv');
const esse = instruments.esse({ prefix: 'esse' });
const bounded = (x: number) => formatNumber(x, { leadingZero: false });

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (isPsychkitError(e)) return e.code;
    throw e;
  }
  return undefined;
}

/** Data rows of a table (section rows left out), with every cell as the text renderers print it. */
function cells(table: ReportTable): string[][] {
  const text = tableToMarkdown({ columns: table.columns, rows: table.rows });
  return text
    .split('\n')
    .slice(2)
    .filter((line) => !line.startsWith('| **'))
    .map((line) =>
      line
        .slice(2, -2)
        .split(' | ')
        .map((c) => c.replace(/\\(.)/g, '$1').replace(/\u00a0/g, ' ')),
    );
}

function sections(table: ReportTable): string[] {
  return table.rows.filter((r): r is { section: string } => !Array.isArray(r)).map((r) => r.section);
}

function row(table: ReportTable, first: string): readonly TableCell[] {
  const r = table.rows.find((x): x is readonly TableCell[] => Array.isArray(x) && x[0] === first);
  if (!r) throw new Error(`no row "${first}" in ${table.title}`);
  return r;
}

const alpha = cronbachAlpha(rows, { scale: esse });
const efa2 = efa(rows, { columns: esse.items, missing: 'listwise', factors: 2, extraction: 'pa', rotation: 'oblimin' });
const efa1 = efa(rows, { columns: esse.items, missing: 'listwise', factors: 1, extraction: 'pa', rotation: 'none' });
const rec = reference.scales.ras.scores as (number | null)[];
const cor = correlations(peer, { columns: ['esse', 'ss', 'si', 'pwb', 'rec'] });
const hier = hierarchicalRegression(peer, { y: 'pwb', steps: [['gender', 'education', 'marital'], ['esse'], ['ss', 'si']], categorical: maritalLevels });
const model4 = processModel(peer, { model: 4, x: 'esse', m: 'ss', y: 'pwb', covariates: ['gender', 'education', 'marital'], categorical: maritalLevels, resamples: 1000, seed: 1 });

const factorInput = { columns: esse.items, missing: 'listwise' as const };
const results: Record<string, ReportableResult> = {
  cronbachAlpha: alpha,
  omega: omega(rows, { ...factorInput, factors: 3, extraction: 'ml' }),
  efa: efa2,
  rotate: rotate(efa(rows, { ...factorInput, factors: 2, extraction: 'pa', rotation: 'none' }).loadings, { rotation: 'oblimin' }),
  kmo: kmo(rows, factorInput),
  parallelAnalysis: parallelAnalysis(rows, { ...factorInput, resamples: 20, seed: 1 }),
  velicerMap: velicerMap(rows, factorInput),
  correlationMatrix: correlationMatrix(rows, { columns: esse.items.slice(0, 4), method: 'polychoric', missing: 'listwise' }),
  descriptives: descriptives(rec, { name: 'rec' }),
  compareTransforms: compareTransforms(rec),
  normalityTests: normalityTests(rec),
  correlations: cor,
  ols: ols(peer, { y: 'pwb', x: ['esse'], covariates: ['gender', 'marital'], categorical: maritalLevels }),
  hierarchicalRegression: hier,
  processModel: model4,
  pathModel: pathModel(peer, {
    equations: [
      { outcome: 'ss', predictors: ['esse'] },
      { outcome: 'pwb', predictors: ['esse', 'ss'] },
    ],
    effects: { 'esse → ss → pwb': (b) => b('ss', 'esse') * b('pwb', 'ss') },
    resamples: 1000,
    seed: 1,
  }),
  bootstrap: bootstrap(peer, { columns: ['esse', 'pwb'], statistic: ([x, y], n) => [mean(y!, n) - mean(x!, n), mean(x!, n)], resamples: 1000, seed: 1 }),
  cfa: cfa(rows, { model: 'empathic =~ esse1 + esse2 + esse3\nsocial =~ esse7 + esse8 + esse9', missingCodes: ['NA'] }),
  sem: sem(rows, { model: 'empathic =~ esse1 + esse2 + esse3\nsocial =~ esse7 + esse8 + esse9\nsocial ~ a*empathic\ndoubled := 2*a', missingCodes: ['NA'] }),
  invariance: invariance(rows, { model: 'empathic =~ esse1 + esse2 + esse3\nsocial =~ esse7 + esse8 + esse9', group: 'gender', missingCodes: ['NA'] }),
  missingness: missingness(rows, { columns: esse.items, missingCodes: ['NA'] }),
  icc: icc(rows, { columns: esse.items.slice(0, 4), missingCodes: ['NA'] }),
  splitHalf: splitHalf(rows, { columns: esse.items.slice(0, 8), missingCodes: ['NA'] }),
  itemFrequencies: itemFrequencies(rows, { columns: esse.items, response: { min: 1, max: 5 }, missingCodes: ['NA'] }),
};

function mean(x: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]!;
  return s / n;
}

group('kind', () => {
  it('every reportable result says which function made it', () => {
    for (const kind of REPORTABLE_KINDS) expect(results[kind]?.kind).toBe(kind);
    expect(Object.keys(results).sort()).toEqual([...REPORTABLE_KINDS].sort());
  });
  it('every result kind psychkit makes is reportable or documented as not tabular', () => {
    const rec = reference.scales.ras.scores as (number | null)[];
    const made = [
      ...Object.values(results),
      bartlettSphericity(rows, factorInput),
      shapiroWilk(rec),
      transform(rec, { method: 'log' }),
      boxCox(rec),
      yeoJohnson(rec),
      scoreScale(rows, { scale: esse }),
      reliableChange(rows, { before: 'esse1', after: 'esse2', reliability: 0.8, missingCodes: ['NA'] }),
      scoreInstrument({ gad1: [1], gad2: [0], gad3: [2], gad4: [3], gad5: [0], gad6: [1], gad7: [1] }, { scale: instruments.gad7({ prefix: 'gad' }) }),
      longstring(rows, { columns: esse.items }),
      responseVariability(rows, { columns: esse.items, missingCodes: ['NA'] }),
      mahalanobis(rows, { columns: esse.items, missingCodes: ['NA'] }),
      evenOddConsistency(rows, { scales: { a: esse.items.slice(0, 4), b: esse.items.slice(4, 8) }, missingCodes: ['NA'] }),
      psychometricSynonyms(rows, { columns: esse.items, threshold: 0.4, missingCodes: ['NA'] }),
      screenResponses(rows, { columns: esse.items, missingCodes: ['NA'] }),
    ].map((r) => r.kind);
    const notTabular = Object.keys(NOT_TABULAR_KINDS);
    for (const kind of made) expect([...REPORTABLE_KINDS, ...notTabular], kind).toContain(kind);
    expect(new Set(made)).toEqual(new Set([...REPORTABLE_KINDS, ...notTabular]));
    expect(REPORTABLE_KINDS.filter((k) => notTabular.includes(k))).toEqual([]);
  });
  it('a result that has no table: INVALID_INPUT saying what to report instead', () => {
    const rec = reference.scales.ras.scores as (number | null)[];
    const cases: [unknown, RegExp][] = [
      [bartlettSphericity(rows, factorInput), /one test, not a table: report it in the text .*formatP.*kmo/],
      [shapiroWilk(rec), /one test, not a table.*normalityTests/],
      [transform(rec, { method: 'log' }), /one value per respondent.*compareTransforms/],
      [boxCox(rec), /boxCox.*compareTransforms/],
      [scoreScale(rows, { scale: esse }), /one score per respondent.*descriptives/],
    ];
    for (const [r, message] of cases) {
      expect(codeOf(() => toApaTable(r as never))).toBe('INVALID_INPUT');
      expect(() => toApaTable(r as never)).toThrow(message);
      expect(() => toMarkdown(r as never)).toThrow(/^toMarkdown: /);
    }
  });
  it('toApaTable refuses anything else with INVALID_INPUT, naming what it got', () => {
    for (const bad of [null, undefined, 3, 'alpha', {}, { kind: 'kmo' }, { kind: 'factorAnalysis' }, { ...alpha, kind: 'alpha' }]) {
      expect(codeOf(() => toApaTable(bad as never))).toBe('INVALID_INPUT');
    }
    expect(() => toApaTable({ kind: 'factorAnalysis' } as never)).toThrow(/kind "factorAnalysis"/);
    expect(() => toApaTable({ kind: 'kmo' } as never)).toThrow(/result\.columns/);
    expect(() => toMarkdown({} as never)).toThrow(/toMarkdown expects the result of cronbachAlpha/);
  });
  // Found by the bad-input fuzz suite (test/fuzz): a result with one field edited gave TypeErrors
  // from inside the adapters, or "undefined"/"NaN" printed into a title or note.
  it('a result with a field of the wrong type or missing: INVALID_INPUT naming the field', () => {
    const edit = (r: ReportableResult, f: (x: Record<string, unknown>) => void): ReportableResult => {
      const copy = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
      f(copy);
      return copy as unknown as ReportableResult;
    };
    const cases: [ReportableResult, string][] = [
      [edit(alpha, (x) => ((x.items as Record<string, unknown>[])[0]!.mean = 'x')), 'result.items[0].mean'],
      [edit(alpha, (x) => delete x.k), 'result.k'],
      [edit(alpha, (x) => (x.confidence = 95)), 'result.confidence'],
      [edit(efa2, (x) => (x.loadings as unknown[][])[1]!.pop()), 'result.loadings[1]'],
      [edit(results.descriptives!, (x) => ((x.rows as Record<string, unknown>[])[0]!.n = null)), 'result.rows[0].n'],
      [edit(results.normalityTests!, (x) => delete x.anscombeGlynnKurtosis), 'result.anscombeGlynnKurtosis'],
      [edit(results.compareTransforms!, (x) => ((x.candidates as Record<string, unknown>[])[1]!.parameters = 5)), 'result.candidates[1].parameters'],
      [edit(cor, (x) => ((x.p as number[][])[1]![0] = -1)), 'result.p[1][0]'],
      [edit(results.ols!, (x) => ((x.summary as Record<string, unknown>).p = 2)), 'result.summary.p'],
      [edit(hier, (x) => delete (x.steps as Record<string, unknown>[])[0]!.coefficients), 'result.steps[0].coefficients'],
      [edit(model4, (x) => ((x.variables as Record<string, unknown>).x = 5)), 'result.variables.x'],
      [edit(model4, (x) => (x.totalEffect = 5)), 'result.totalEffect'],
      // A field added with multicategorical moderators: a fuzz seed found it unchecked (a TypeError).
      [edit(model4, (x) => (x.conditionalInteractionTests = 5)), 'result.conditionalInteractionTests'],
      [edit(results.omega!, (x) => (x.groupLoadings as unknown[][])[2]!.pop()), 'result.groupLoadings[2]'],
      [edit(results.omega!, (x) => delete x.explainedCommonVariance), 'result.explainedCommonVariance'],
      [edit(results.rotate!, (x) => ((x.phi as unknown[][])[0]![1] = 'x')), 'result.phi[0][1]'],
      [edit(results.kmo!, (x) => ((x.perItem as number[])[3] = 1.5)), 'result.perItem[3]'],
      [edit(results.kmo!, (x) => (x.adequacy = 'great')), 'result.adequacy'],
      [edit(results.parallelAnalysis!, (x) => (((x.simulated as Record<string, Record<string, unknown[]>>).factors!.quantile as unknown[]).length = 3)), 'result.simulated.factors.quantile'],
      [edit(results.velicerMap!, (x) => (x.components = 99)), 'result.components'],
      [edit(results.correlationMatrix!, (x) => ((x.matrix as unknown[][])[3] = [1])), 'result.matrix[3]'],
      [edit(results.pathModel!, (x) => ((x.effects as Record<string, unknown>[])[0]!.name = 3)), 'result.effects[0].name'],
      [edit(results.bootstrap!, (x) => ((x.bootstrap as Record<string, unknown>).resamples = -1)), 'result.bootstrap.resamples'],
      [edit(results.invariance!, (x) => ((x.models as Record<string, unknown>[])[1]!.deltaCfi = 'x')), 'result.models[1].deltaCfi'],
    ];
    for (const [bad, field] of cases) {
      expect(codeOf(() => toApaTable(bad)), field).toBe('INVALID_INPUT');
      expect(() => toMarkdown(bad)).toThrow(field);
    }
  });
  it('checks its options: INVALID_OPTION for unknown keys, bad decimals, titles and labels', () => {
    for (const o of [{ digits: 2 }, { decimals: 7 }, { decimals: 1.5 }, { title: 3 }, { labels: ['x'] }, { labels: { esse: 1 } }, { dimBelow: 2 }, { dimBelow: -0.1 }, { dimBelow: '.3' }, { dimbelow: 0.3 }, 'x']) {
      expect(codeOf(() => toApaTable(alpha, o as never))).toBe('INVALID_OPTION');
      expect(codeOf(() => toMarkdown(alpha, o as never))).toBe('INVALID_OPTION');
    }
  });
  it('toMarkdown is tableToMarkdown of toApaTable, and every table renders in all three forms', () => {
    for (const r of Object.values(results)) {
      const table = toApaTable(r);
      expect(toMarkdown(r)).toBe(tableToMarkdown(table));
      expect(tableToText(table).length).toBeGreaterThan(0);
      parseXml(tableToHtml(table)); // well-formed
      expect(table.title).toBeTruthy();
      expect(table.note).toBeTruthy();
    }
  });
});

group('cronbachAlpha', () => {
  const table = toApaTable(alpha);
  const ref = reference.alpha.esse.pairwise;
  it("puts α and Feldt's CI (psych::alpha) in the title, and λ6, r̄, k and n in the note", () => {
    expect(table.title).toBe(`Item analysis: Cronbach's α = ${bounded(ref.alpha)}, 95% CI [${bounded(ref.feldt[0])}, ${bounded(ref.feldt[1])}]`);
    expect(table.note).toContain(`Guttman's λ6 = ${bounded(ref.guttmanLambda6)}`);
    expect(table.note).toContain(`mean inter-item r = ${bounded(ref.averageR)}`);
    expect(table.note).toContain('k = 11 items; n = 268');
  });
  it('prints one row per item: M and SD with their leading zero, r and α without', () => {
    const body = cells(table);
    expect(body).toHaveLength(11);
    body.forEach((r, i) => {
      expect(r[0]).toBe(`esse${i + 1}`);
      expect(r[2]).toBe(formatNumber(ref.itemMean[i]));
      expect(r[4]).toBe(bounded(ref.itemRestCorrelation[i]));
      expect(r[5]).toBe(bounded(ref.ifItemDeleted[i]));
      expect(r[4]).toMatch(/^-?\.\d\d$/);
    });
  });
  it('marks reverse-keyed items and reports a bootstrap CI with its resamples and seed', () => {
    const pwb = instruments.pwb18({ prefix: 'pwb', anchors: 'agree-disagree', response: { min: 1, max: 7 } });
    const t = toApaTable(cronbachAlpha(rows, { scale: pwb, interval: 'bootstrap', resamples: 200, seed: 9 }));
    expect(cells(t)[0]![0]).toBe('pwb1 (R)');
    expect(cells(t)[3]![0]).toBe('pwb4');
    expect(t.note).toContain('(R) = reverse-keyed item.');
    expect(t.note).toContain('percentile bootstrap (200 resamples, seed 9)');
  });
  it("appends the result's warnings to the note", () => {
    const raw = cronbachAlpha(rows, { columns: ['pwb1', 'pwb4', 'pwb5', 'pwb6'] }); // pwb1 unreversed
    expect(raw.warnings.length).toBeGreaterThan(0);
    expect(toApaTable(raw).note).toContain(raw.warnings[0]!.message);
  });
});

group('efa', () => {
  const ref = reference.efa.esse_2_pa_oblimin;
  const table = toApaTable(efa2);
  it('prints the psych::fa loadings, h² and u² without leading zeros', () => {
    const body = cells(table);
    ref.loadings.forEach((l: number[], i: number) => {
      expect(body[i]).toEqual([`esse${i + 1}`, bounded(l[0]!), bounded(l[1]!), bounded(ref.communalities[i]), bounded(ref.uniquenesses[i])]);
    });
  });
  it('adds SS loadings, proportion of variance and, for an oblique rotation, the lower triangle of Φ', () => {
    expect(sections(table)).toEqual(['Variance accounted for', 'Factor correlations (Φ)']);
    expect(row(table, 'F2')[1]).toBeCloseTo(ref.phi[1][0], 12);
    expect(row(table, 'F1').slice(1, 3)).toEqual(['\u2014', '']);
    expect(table.note).toContain('n = 228.');
    expect(table.note).toContain('oblimin rotation');
    expect(table.note).toContain(`RMSR = ${bounded(ref.rmsr)}`);
  });
  it('has no Φ block for an unrotated or orthogonal solution', () => {
    expect(sections(toApaTable(efa1))).toEqual(['Variance accounted for']);
    expect(toApaTable(efa1).title).toBe('Factor loadings: 1 factor, principal axis, no rotation');
  });
});

group('distribution', () => {
  it('describe: n, M, SD, Mdn, min, max and type-2 skewness/kurtosis with SPSS SEs (reference values)', () => {
    const ref = reference.describe.recovery;
    const body = cells(toApaTable(results.descriptives!, { labels: { rec: 'Recovery' } }));
    expect(body).toEqual([
      ['Recovery', '268', ...[ref.mean, ref.sd, ref.median, ref.min, ref.max, ref.skewness.type2, ref.seSkewness, ref.kurtosis.type2, ref.seKurtosis].map((v) => formatNumber(v))],
    ]);
  });
  it('describe: a Missing column only when something is missing', () => {
    const t = toApaTable(descriptives({ a: [1, 2, null, 4, 5], b: [2, 3, 4, 5, 9] }));
    expect(t.columns.map((c) => c.label)).toContain('Missing');
    expect(cells(t)[0]!.slice(0, 3)).toEqual(['a', '4', '1']);
  });
  it('compareTransforms: every candidate with its parameters, skewness and W; order-reversing ones flagged', () => {
    const table = toApaTable(results.compareTransforms!);
    const body = cells(table);
    expect(body.map((r) => r[0])).toEqual([
      'None (original scores)',
      'Square root',
      'Natural log',
      'Inverse (1/x) †',
      'Reflected square root †',
      'Reflected log †',
      'Reflected inverse',
      'Box-Cox',
      'Yeo-Johnson',
      'Rank-based normal (Blom)',
    ]);
    expect(body[1]![2]).toBe(formatNumber(reference.describe.recovery_sqrt.skewness.type2));
    expect(body[2]![2]).toBe(formatNumber(reference.describe.recovery_log.skewness.type2));
    expect(body[4]![2]).toBe(formatNumber(reference.describe.recovery_reflect_sqrt.skewness.type2));
    expect(body[7]![1]).toBe(`λ = ${formatNumber(reference.describe.recovery_boxcox.lambda)}`);
    expect(body[0]![5]).toBe('< .001');
    expect(table.note).toContain('†');
  });
  it('compareTransforms: a transform that cannot be applied is listed as such, with the reason in the note', () => {
    const t = toApaTable(compareTransforms([0, 1, 2, 3, 5, 8, 13]));
    const log = cells(t).find((r) => r[0] === 'Natural log')!;
    expect(log.slice(1)).toEqual(['not applicable', '\u2014', '\u2014', '\u2014', '\u2014']);
    expect(t.note).toMatch(/Not applicable: .*Natural log/);
  });
  it('normalityTests: z, z, K² (2 df) and W (no leading zero), each with p; tests n is too small for print a dash', () => {
    const r = normalityTests(rec);
    const body = cells(toApaTable(r));
    expect(body[0]).toEqual(["D'Agostino skewness", 'z', formatNumber(r.dagostinoSkewness!.statistic), '', '< .001']);
    expect(body[2]![3]).toBe('2');
    expect(body[3]![2]).toBe(bounded(r.shapiroWilk!.statistic));
    const small = cells(toApaTable(normalityTests([3, 1, 4, 1, 5, 9])));
    expect(small[0]!.slice(2)).toEqual(['\u2014', '', '\u2014']);
  });
});

group('regression', () => {
  it('correlations: the psych::corr.test lower triangle with stars, a dash on the diagonal, numbered variables', () => {
    const table = toApaTable(cor, { labels: { ss: 'Social support' } });
    const body = cells(table);
    const r = reference.correlations.r as number[][];
    const p = reference.correlations.p as number[][];
    expect(body.map((x) => x[0])).toEqual(['1. esse', '2. Social support', '3. si', '4. pwb', '5. rec']);
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        const expected = j < i ? `${bounded(r[i]![j]!)}${p[i]![j]! < 0.001 ? '***' : p[i]![j]! < 0.01 ? '**' : p[i]![j]! < 0.05 ? '*' : ''}` : j === i ? '\u2014' : '';
        expect(body[i]![j + 1]).toBe(expected);
      }
    }
    expect(table.note).toContain('Pairwise n = 265–268');
  });
  it('ols: b, SE, t keep the leading zero; R² does not; p < .001; dummy terms labelled', () => {
    const table = toApaTable(results.ols!, { labels: { marital: 'Marital status' } });
    const body = cells(table);
    expect(body.map((r) => r[0])).toEqual(['Intercept', 'esse', 'gender', 'Marital status: married', 'Marital status: divorced', 'Marital status: widowed', 'Marital status: partnered']);
    expect(body[1]![1]).toMatch(/^0\.\d\d$/);
    expect(body[1]![4]).toBe('< .001');
    expect(body[1]![5]).toMatch(/^\[0\.\d\d, 0\.\d\d\]$/);
    expect(table.note).toMatch(/R² = \.\d\d, adjusted R² = \.\d\d, F\(6, 260\) = \d+\.\d\d, p < \.001/);
    expect(table.note).toContain('n = 267 (1 row with missing values dropped)');
  });
  it('ols with HC standard errors says so', () => {
    const t = toApaTable(ols(peer, { y: 'pwb', x: ['esse'], hc: 'HC3' }));
    expect(t.note).toContain('Standard errors HC3');
  });
  it('hierarchicalRegression: one block per step headed by the anova() numbers of reference.R', () => {
    const table = toApaTable(hier);
    const steps = reference.hierarchical.steps;
    const heads = sections(table);
    expect(heads).toHaveLength(3);
    for (const i of [1, 2]) {
      const s = steps[i];
      expect(heads[i]).toBe(
        `Step ${i + 1}: R² = ${bounded(s.R2)}, adjusted R² = ${bounded(s.adjR2)}, ΔR² = ${bounded(s.deltaR2)}, ΔF(${s.df1}, ${s.df2}) = ${formatNumber(s.Fchange)}, p < .001`,
      );
    }
    expect(heads[0]).toContain(`R² = ${bounded(steps[0].R2)}`);
    expect(cells(table)).toHaveLength(7 + 8 + 10);
  });
  it('decimals changes every statistic but not p', () => {
    const t = cells(toApaTable(results.ols!, { decimals: 3 }));
    expect(t[1]![1]).toMatch(/^0\.\d{3}$/);
    expect(t[1]![4]).toBe('< .001');
  });
});

group('process', () => {
  const ref = reference.process.h1_model4_esse_ss_pwb;
  const table = toApaTable(model4);
  it('has a block per equation (mediator, outcome, total-effect model) and the effects of X on Y', () => {
    expect(sections(table).map((s) => s.split(' \u2014 ')[0])).toEqual(['Outcome: ss', 'Outcome: pwb', 'Total effect model, outcome: pwb', 'Effects of esse on pwb']);
    expect(table.title).toBe('PROCESS model 4 (X = esse, M = ss, Y = pwb)');
  });
  it('prints reference.R coefficients, direct and total effects', () => {
    const a = row(table, 'esse');
    expect(a[1]).toBeCloseTo(ref.equations[0].b[1], 10);
    const direct = row(table, 'Direct effect (c′)');
    expect(direct[1]).toBeCloseTo(ref.equations[1].b[1], 10);
    const total = row(table, 'Total effect (c)');
    expect(total[1]).toBeCloseTo(ref.total.b[1], 10);
    expect(total[5]).toBe(`[${formatNumber(ref.total.llci[1])}, ${formatNumber(ref.total.ulci[1])}]`);
  });
  it('gives the indirect effect its bootstrap SE and CI, with t and p blank, and says how it was bootstrapped', () => {
    const ind = row(table, 'Indirect effect (ab): esse → ss → pwb');
    expect(ind[1]).toBeCloseTo(ref.indirect[0].effect, 10);
    expect(ind.slice(3, 5)).toEqual(['', '']);
    expect(table.note).toContain('percentile 95% CI from 1,000 resamples (seed 1)');
    expect(table.note).toContain('Covariates: gender, education, marital.');
  });
  it('covers moderation: conditional effects, interaction tests and Johnson–Neyman (model 1)', () => {
    const t = toApaTable(processModel(peer, { model: 1, x: 'esse', w: 'ss', y: 'rec', covariates: ['gender', 'education'], jn: true }));
    expect(sections(t)[0]).toMatch(/; ΔR² for esse × ss = \.\d\d, F\(1, 261\)/);
    expect(t.rows.filter((r) => Array.isArray(r) && String(r[0]).startsWith('Effect at ss = '))).toHaveLength(3);
    expect(t.note).toMatch(/Johnson–Neyman/);
    expect(t.note).not.toMatch(/bootstrap/);
  });
  it('covers moderated mediation: conditional indirect effects, the index and the difference (model 7)', () => {
    const t = toApaTable(processModel(peer, { model: 7, x: 'esse', m: 'si', w: 'gender', y: 'pwb', covariates: ['education', 'marital'], categorical: maritalLevels, resamples: 1000, seed: 2 }));
    const labels = t.rows.filter((r): r is TableCell[] => Array.isArray(r)).map((r) => r[0]);
    expect(labels).toContain('Indirect effect via si at gender = 0');
    expect(labels).toContain('Indirect effect via si at gender = 1');
    expect(labels).toContain('Index of moderated mediation (si)');
    expect(labels).toContain('Indirect via si: gender = 1 minus gender = 0');
  });
  it('covers several mediators: total indirect, contrasts, standardized effects and Sobel tests', () => {
    const t = toApaTable(
      processModel(peer, { model: 4, x: 'esse', m: ['ss', 'si'], y: 'pwb', resamples: 1000, seed: 3, contrasts: true, standardize: true, sobel: true }),
      { labels: { esse: 'ESSE', ss: 'Support', si: 'Isolation', pwb: 'PWB' } },
    );
    const labels = t.rows.filter((r): r is TableCell[] => Array.isArray(r)).map((r) => r[0]);
    for (const l of ['Indirect effect: ESSE → Support → PWB', 'Total indirect effect', 'Contrast: ESSE → Support → PWB minus ESSE → Isolation → PWB', 'Sobel test via Support (z in the t column)']) {
      expect(labels).toContain(l);
    }
    expect(labels.filter((l) => String(l).startsWith('Completely standardized'))).toHaveLength(3);
  });
  it('without a bootstrap, indirect effects print dashes and the note says why', () => {
    const t = toApaTable(processModel(peer, { model: 4, x: 'esse', m: 'ss', y: 'pwb', resamples: 0 }));
    expect(cells(t).find((r) => r[0]!.startsWith('Indirect'))!.slice(2)).toEqual(['\u2014', '', '', '\u2014']);
    expect(t.note).toContain('No bootstrap was run');
  });
});

group('escaping', () => {
  it('any label survives text, Markdown and HTML: the HTML parses and shows it, the Markdown keeps its columns', () => {
    fc.assert(
      fc.property(nastyText({ minLength: 1 }), (label) => {
        const table = toApaTable(results.ols!, { labels: { esse: label }, title: label });
        const html = parseXml(tableToHtml(table));
        const first = findAll(html, 'tr').map((tr) => findAll(tr, 'td')).find((tds) => tds.length > 0 && textContent(tds[0]!) !== 'Intercept');
        expect(textContent(first![0]!)).toBe(xmlVisible(label));
        expect(textContent(findAll(html, 'caption')[0]!)).toBe(xmlVisible(label));
        const md = tableToMarkdown(table).split('\n');
        const header = md.find((l) => l.startsWith('| Predictor'))!;
        const columns = (l: string) => l.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length;
        for (const l of md.filter((x) => x.startsWith('| '))) expect(columns(l)).toBe(columns(header));
      }),
      { numRuns: 200 },
    );
  });
});
