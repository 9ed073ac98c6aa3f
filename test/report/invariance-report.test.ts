// The APA table of an invariance result (toApaTable/toMarkdown): one row per step with its fit and
// its test against the step before, checked against lavaan 0.6.14 on Holzinger and Swineford's
// nine tests by school (test/fixtures/cfa.json: the fits hs_school_configural/metric/scalar and
// lavTestLRT's table invariance.hs_school); MLR, options, malformed input and a property over
// any valid invariance result.
import { describe as group, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatNumber,
  formatP,
  invariance,
  tableToHtml,
  tableToMarkdown,
  tableToText,
  toApaTable,
  toMarkdown,
  type InvarianceResult,
} from '../../src/index.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { nastyText, parseXml } from '../helpers/xml.js';
import { printed } from '../helpers/tables.js';
import { errorOf } from '../helpers/errors.js';

interface LrtRow {
  model: string;
  Df: number;
  Chisq: number;
  'Chisq.diff': number | null;
  'Df.diff': number | null;
  'Pr.Chisq': number | null;
}
const reference = loadJson<{ invariance: { hs_school: { rows: LrtRow[] } }; cases: Record<string, { fit: Record<string, number> }> }>('cfa.json');
const lrt = reference.invariance.hs_school.rows;
const rows = loadCsv('holzinger-swineford-1939.csv');
const MODEL = 'visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9';
const mi = invariance(rows, { model: MODEL, group: 'school' });
const mlr = invariance(rows, { model: MODEL, group: 'school', estimator: 'MLR', steps: ['configural', 'metric', 'scalar', 'strict'] });

const COLUMNS = ['Model', 'χ² (df)', 'CFI', 'RMSEA [90% CI]', 'SRMR', 'Δχ² (Δdf)', 'p', 'ΔCFI', 'ΔRMSEA'];
/** A fit index as the table prints it: three decimals, no leading zero. */
const index = (x: number) => formatNumber(x, { decimals: 3, leadingZero: false });
const dash = '\u2014';

/** The PsychkitError code a call throws (rethrowing anything else). */
const codeOf = (f: () => unknown): string => errorOf(f).code;


group('toApaTable of an invariance result: lavaan’s numbers for Holzinger–Swineford by school', () => {
  const table = toApaTable(mi);
  const body = printed(table);
  it('has one row per step and the columns of an invariance table', () => {
    expect(table.title).toBe('Measurement invariance across school');
    expect(table.columns.map((c) => c.label)).toEqual(COLUMNS);
    expect(body.map((r) => r[0])).toEqual(['Configural', 'Metric', 'Scalar']);
  });
  it('prints χ² (df), CFI, RMSEA with its 90% CI and SRMR of each step as lavaan’s fitMeasures', () => {
    lrt.forEach((l, i) => {
      const f = reference.cases[l.model]!.fit;
      const row = body[i]!;
      expect(row[1], l.model).toBe(`${formatNumber(l.Chisq)} (${l.Df})`);
      expect(row[2], l.model).toBe(index(f['cfi']!));
      expect(row[3], l.model).toBe(`${index(f['rmsea']!)} [${index(f['rmsea.ci.lower']!)}, ${index(f['rmsea.ci.upper']!)}]`);
      expect(row[4], l.model).toBe(index(f['srmr']!));
    });
    expect(body[1]!.slice(1, 5)).toEqual(['124.04 (54)', '.921', '.093 [.071, .114]', '.072']);
  });
  it('prints lavTestLRT’s Δχ², Δdf and p, and ΔCFI and ΔRMSEA against the step before; dashes for the first step', () => {
    expect(body[0]!.slice(5)).toEqual([dash, dash, dash, dash]);
    lrt.slice(1).forEach((l, k) => {
      const i = k + 1;
      const now = reference.cases[l.model]!.fit;
      const before = reference.cases[lrt[i - 1]!.model]!.fit;
      expect(body[i]!.slice(5), l.model).toEqual([
        `${formatNumber(l['Chisq.diff'])} (${l['Df.diff']})`,
        formatP(l['Pr.Chisq'], { prefix: false }),
        index(now['cfi']! - before['cfi']!),
        index(now['rmsea']! - before['rmsea']!),
      ]);
    });
    expect(body[1]!.slice(5)).toEqual(['8.19 (6)', '.224', '-.002', '-.004']);
    expect(body[2]!.slice(5, 7)).toEqual(['40.06 (6)', '< .001']);
  });
  it('names the grouping variable, the groups with their n, the estimator, the constraints and the reading rules in the note', () => {
    const note = table.note!;
    expect(note).toContain('Groups by school: Pasteur (n = 156) and Grant-White (n = 145); N = 301.');
    expect(note).toContain('Maximum likelihood (ML), listwise deletion.');
    expect(note).toContain('configural, none (the same model in every group); metric, equal loadings; scalar, equal loadings and intercepts.');
    expect(note).toContain('likelihood-ratio (χ² difference) test');
    expect(note).toContain('ΔCFI ≤ \u2212.01 (Cheung & Rensvold, 2002)');
    expect(note).toContain('ΔRMSEA ≥ .015 (Chen, 2007)');
    expect(note).not.toContain('Warning');
  });
  it('renders as Markdown: toMarkdown is tableToMarkdown of the table', () => {
    const md = toMarkdown(mi);
    expect(md).toBe(tableToMarkdown(table));
    // Numeric cells keep their spaces as no-break spaces, so they do not wrap.
    const lines = md.split('\n').map((l) => l.replace(/\u00a0/g, ' '));
    expect(md).toContain('115.85\u00a0(48)');
    expect(lines[0]).toBe('**Measurement invariance across school**');
    expect(lines).toContain('| Model | χ² (df) | CFI | RMSEA [90% CI] | SRMR | Δχ² (Δdf) | p | ΔCFI | ΔRMSEA |');
    expect(lines).toContain('|:--|--:|--:|--:|--:|--:|--:|--:|--:|');
    expect(lines).toContain('| Configural | 115.85 (48) | .923 | .097 [.075, .120] | .068 | — | — | — | — |');
    expect(lines).toContain('| Metric | 124.04 (54) | .921 | .093 [.071, .114] | .072 | 8.19 (6) | .224 | -.002 | -.004 |');
    expect(lines).toContain('| Scalar | 164.10 (60) | .882 | .107 [.088, .127] | .082 | 40.06 (6) | < .001 | -.038 | .015 |');
    expect(lines.at(-1)).toMatch(/^\*Note\.\* Groups by school: /);
    parseXml(tableToHtml(table));
    expect(tableToText(table)).toContain('Configural');
  });
  it('options: decimals (fit indices keep at least three), title and labels', () => {
    const four = printed(toApaTable(mi, { decimals: 4 }));
    expect(four[1]![1]).toBe(`${formatNumber(lrt[1]!.Chisq, { decimals: 4 })} (54)`);
    expect(four[1]![2]).toBe(formatNumber(reference.cases['hs_school_metric']!.fit['cfi']!, { decimals: 4, leadingZero: false }));
    expect(printed(toApaTable(mi, { decimals: 1 }))[1]![2]).toBe('.921');
    const t = toApaTable(mi, { title: 'Table 3', labels: { school: 'School' } });
    expect(t.title).toBe('Table 3');
    expect(t.note).toContain('Groups by School: ');
    expect(toApaTable(mi, { labels: { school: 'School' } }).title).toBe('Measurement invariance across School');
    expect(codeOf(() => toApaTable(mi, { digits: 3 } as never))).toBe('INVALID_OPTION');
  });
});

group('toApaTable of an invariance result under MLR', () => {
  const table = toApaTable(mlr);
  const body = printed(table);
  it('prints the scaled χ², the robust CFI and RMSEA, and the Satorra–Bentler scaled Δχ²; the note says so', () => {
    expect(body.map((r) => r[0])).toEqual(['Configural', 'Metric', 'Scalar', 'Strict']);
    mlr.models.forEach((m, i) => {
      const f = m.result.fit;
      expect(body[i]![1]).toBe(`${formatNumber(f.scaled!.chiSquare)} (${f.scaled!.df})`);
      expect(body[i]![2]).toBe(index(f.robust!.cfi));
      expect(body[i]![3]).toBe(`${index(f.robust!.rmsea.estimate)} [${index(f.robust!.rmsea.lower)}, ${index(f.robust!.rmsea.upper)}]`);
      expect(body[i]![4]).toBe(index(f.srmr));
      if (i === 0) return;
      expect(body[i]![5]).toBe(`${formatNumber(m.test!.chiSquare)} (${m.test!.df})`);
      expect(body[i]![6]).toBe(formatP(m.test!.p, { prefix: false }));
      expect(body[i]![7]).toBe(index(f.robust!.cfi - mlr.models[i - 1]!.result.fit.robust!.cfi));
    });
    // The scaled difference is not the difference of the scaled statistics.
    const d = mlr.models[1]!.result.fit.scaled!.chiSquare - mlr.models[0]!.result.fit.scaled!.chiSquare;
    expect(body[1]![5]).not.toBe(`${formatNumber(d)} (6)`);
    expect(table.note).toContain('Robust maximum likelihood (MLR');
    expect(table.note).toContain('Yuan–Bentler scaled statistic');
    expect(table.note).toContain('Satorra–Bentler (2001) scaled difference');
    expect(table.note).toContain('strict, equal loadings, intercepts and residual variances');
  });
});

group('toApaTable of a malformed invariance result', () => {
  const edit = (f: (x: Record<string, unknown>) => void): InvarianceResult => {
    const copy = JSON.parse(JSON.stringify(mi)) as Record<string, unknown>;
    f(copy);
    return copy as unknown as InvarianceResult;
  };
  const models = (x: Record<string, unknown>) => x.models as Record<string, unknown>[];
  const fitOf = (x: Record<string, unknown>, i: number) => (models(x)[i]!.result as Record<string, unknown>).fit as Record<string, unknown>;
  const cases: [InvarianceResult, string][] = [
    [edit((x) => (x.models = 'x')), 'result.models'],
    [edit((x) => (x.models = [])), 'result.models'],
    [edit((x) => (models(x)[0]!.step = 'partial')), 'result.models[0].step'],
    [edit((x) => ((models(x)[1]!.test as Record<string, unknown>).p = 2)), 'result.models[1].test.p'],
    [edit((x) => ((models(x)[2]!.test as Record<string, unknown>).df = 1.5)), 'result.models[2].test.df'],
    [edit((x) => (models(x)[1]!.deltaRmsea = 'x')), 'result.models[1].deltaRmsea'],
    [edit((x) => delete fitOf(x, 2).cfi), 'result.models[2].result.fit.cfi'],
    [edit((x) => ((fitOf(x, 0).rmsea as Record<string, unknown>).confidence = 90)), 'result.models[0].result.fit.rmsea.confidence'],
    [edit((x) => ((models(x)[0]!.result as Record<string, unknown>).groups = [])), 'result.models[0].result.groups'],
    [edit((x) => (models(x)[1]!.groupEqual = 'loadings')), 'result.models[1].groupEqual'],
    [edit((x) => (x.groups = null)), 'result.groups'],
    [edit((x) => (x.group = 3)), 'result.group'],
    [edit((x) => (x.estimator = 'GLS')), 'result.estimator'],
    [edit((x) => (x.n = -1)), 'result.n'],
    [edit((x) => (x.warnings = 'none')), 'result.warnings'],
  ];
  it.each(cases.map(([bad, field], i) => [i, bad, field] as const))('case %i: INVALID_INPUT naming the field', (_, bad, field) => {
    expect(codeOf(() => toApaTable(bad))).toBe('INVALID_INPUT');
    expect(codeOf(() => toMarkdown(bad))).toBe('INVALID_INPUT');
    expect(() => toApaTable(bad)).toThrow(`toApaTable: \`${field}\``);
  });
  it('a result without a kind or of another kind is not taken for an invariance result', () => {
    const { kind: _kind, ...rest } = JSON.parse(JSON.stringify(mi)) as Record<string, unknown>;
    expect(codeOf(() => toApaTable(rest as never))).toBe('INVALID_INPUT');
    expect(() => toApaTable({ ...rest, kind: 'invariances' } as never)).toThrow(/invariance/);
  });
});

group('toApaTable of any valid invariance result (property)', () => {
  const steps = ['configural', 'metric', 'scalar', 'strict'] as const;
  const names = { configural: 'Configural', metric: 'Metric', scalar: 'Scalar', strict: 'Strict' };
  const prob = fc.double({ min: 0, max: 1, noNaN: true });
  const anyNumber = fc.oneof(fc.double({ noNaN: false }), fc.constant(Number.NaN));
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
  it('renders as text, Markdown and well-formed HTML, one row per step in order, whatever its numbers and labels', () => {
    fc.assert(
      fc.property(
        fc.subarray([...steps], { minLength: 1 }),
        fc.uniqueArray(nastyText({ minLength: 1 }), { minLength: 2, maxLength: 4 }),
        maybe(nastyText({ minLength: 1 })),
        fc.boolean(),
        fc.array(fc.record({ chi: fc.double({ min: 0, max: 1e6, noNaN: true }), df: fc.nat(500), cfi: anyNumber, rmsea: fc.double({ min: 0, max: 2, noNaN: true }), srmr: anyNumber, p: prob, dCfi: maybe(anyNumber), dRmsea: maybe(anyNumber), sd: maybe(fc.double({ min: -1, max: 1e4, noNaN: true })) }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 6 }),
        (chosen, labels, column, robust, numbers, decimals) => {
          const base = JSON.parse(JSON.stringify(robust ? mlr : mi)) as Record<string, unknown>;
          const template = (base.models as Record<string, unknown>[])[0]!;
          const groups = labels.map((label, i) => ({ label, n: 10 + i, nDropped: i }));
          base.group = column;
          base.groups = labels;
          base.models = chosen.map((step, i) => {
            const x = numbers[i]!;
            const result = JSON.parse(JSON.stringify(template.result)) as Record<string, unknown>;
            const fit = result.fit as Record<string, Record<string, unknown> | number | null>;
            fit.chiSquare = x.chi;
            fit.df = x.df;
            fit.cfi = x.cfi as number;
            fit.srmr = x.srmr as number;
            (fit.rmsea as Record<string, unknown>).estimate = x.rmsea;
            result.groups = groups;
            return {
              step,
              groupEqual: i === 0 ? [] : ['loadings'],
              result,
              test: i === 0 || x.sd === null ? null : { chiSquare: x.sd, df: x.df, p: x.p, rmsea: null, scalingFactor: null, shift: null },
              deltaCfi: i === 0 ? null : x.dCfi,
              deltaRmsea: i === 0 ? null : x.dRmsea,
            };
          });
          const r = base as unknown as InvarianceResult;
          const table = toApaTable(r, { decimals });
          const data = table.rows.filter((row) => Array.isArray(row)) as readonly unknown[][];
          expect(data.map((row) => row[0])).toEqual(chosen.map((s) => names[s]));
          expect(data.every((row) => row.length === COLUMNS.length)).toBe(true);
          expect(toMarkdown(r, { decimals })).toBe(tableToMarkdown(table));
          expect(tableToMarkdown(table).split('\n').filter((l) => l.startsWith('| ')).length).toBe(chosen.length + 1);
          expect(tableToText(table)).toContain(names[chosen[0]!]);
          parseXml(tableToHtml(table));
          expect(table.note).toContain(column === null ? 'Groups: ' : 'Groups by ');
        },
      ),
      { numRuns: 60 },
    );
  });
});
