// Reports of cfa/sem results: the APA table (toApaTable/toMarkdown), formatCfa's lavaan-style
// summary and semDiagramSvg's path diagram, on Holzinger and Swineford's nine tests (the numbers
// lavaan prints for its tutorial model: χ² 85.306 on 24 df, CFI 0.931, …).
import { describe as group, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cfa,
  formatCfa,
  formatNumber,
  formatP,
  sem,
  semDiagramSvg,
  tableToHtml,
  tableToMarkdown,
  tableToText,
  toApaTable,
  toMarkdown,
  type SemParameter,
  type SemResult,
  type TableCell,
} from '../../src/index.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { findAll, nastyText, parseXml, textContent, xmlVisible, type XmlNode } from '../helpers/xml.js';
import { printed } from '../helpers/tables.js';
import { errorOf } from '../helpers/errors.js';

const rows = loadCsv('holzinger-swineford-1939.csv');
const MODEL = 'visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9';
const fit = cfa(rows, { model: MODEL });
const mlr = cfa(rows, { model: MODEL, estimator: 'MLR' });
const structural = sem(rows, { model: `${MODEL}\nspeed ~ a*visual\nind := a*2` });
const labelled = cfa(rows, { model: MODEL.replace('x8', 'l8*x8') + '\nx7 ~~ x8' });
// Five rows with x1 missing: listwise deletion leaves 296 of 301.
const holes = cfa(
  rows.map((r, i) => (i < 5 ? { ...r, x1: '' } : r)),
  { model: MODEL },
);

const bounded = (x: number | null) => formatNumber(x, { leadingZero: false });

/** The PsychkitError code a call throws (rethrowing anything else). */
const codeOf = (f: () => unknown): string => errorOf(f).code;


/** The row a parameter gives in the APA table: factor, indicator, B, SE, β, p as printed. */
function expectedRow(q: SemParameter, first = q.lhs, second = q.label === '' ? q.rhs : `${q.rhs} (${q.label})`): string[] {
  return [first, second, formatNumber(q.estimate), formatNumber(q.se), bounded(q.stdAll), q.p === null ? '—' : formatP(q.p, { prefix: false })];
}

/** Renames variables in a result (a plain copy), as if the model had been written with other names. */
function renamed(r: SemResult, to: (v: string) => string): SemResult {
  const copy = structuredClone(r) as unknown as { columns: string[]; latent: string[]; parameters: SemParameter[] };
  copy.columns = copy.columns.map(to);
  copy.latent = copy.latent.map(to);
  copy.parameters = copy.parameters.map((q) => (q.op === ':=' ? q : { ...q, lhs: to(q.lhs), rhs: q.op === '~1' ? q.rhs : to(q.rhs) }));
  return copy as unknown as SemResult;
}

group('toApaTable of a cfa result', () => {
  const table = toApaTable(fit);
  const body = printed(table);
  it('has the CFA title and the columns factor, indicator, B, SE, β, p', () => {
    expect(table.title).toBe('Confirmatory factor analysis: standardized and unstandardized loadings');
    expect(table.columns.map((c) => c.label)).toEqual(['Factor', 'Indicator', 'B', 'SE', 'β', 'p']);
  });
  it('prints one row per loading with its estimate, SE, std.all and p; markers have a dash for SE and p', () => {
    const loadings = fit.parameters.filter((q) => q.op === '=~');
    expect(body[0]).toEqual(['Measurement model (factor loadings)']);
    expect(body.slice(1, 10)).toEqual(loadings.map((q) => expectedRow(q)));
    expect(body[1]).toEqual(['visual', 'x1', '1.00', '—', '.77', '—']);
    expect(body[2]).toEqual(['visual', 'x2', '0.55', '0.10', '.42', '< .001']);
    expect(body[3]![4]).toBe('.58');
  });
  it('then the factor covariances, whose β are the correlations', () => {
    const covariances = fit.parameters.filter((q) => q.op === '~~' && q.lhs !== q.rhs);
    expect(body[10]).toEqual(['Factor covariances (β = correlation)']);
    expect(body.slice(11)).toEqual(covariances.map((q) => expectedRow(q)));
    expect(body[11]!.slice(0, 2).concat(body[11]![4]!)).toEqual(['visual', 'textual', '.46']);
  });
  it('puts n, the estimator, the missing-data rule and the fit in the note', () => {
    const f = fit.fit;
    expect(table.note).toContain('n = 301. Maximum likelihood (ML), listwise deletion.');
    expect(table.note).toContain(`χ²(24) = ${formatNumber(f.chiSquare)}, p < .001; CFI = ${bounded(f.cfi)}; TLI = ${bounded(f.tli)}; RMSEA = ${bounded(f.rmsea.estimate)}, 90% CI [${bounded(f.rmsea.lower)}, ${bounded(f.rmsea.upper)}]; SRMR = ${bounded(f.srmr)}.`);
    expect(table.note).toContain('χ²(24) = 85.31, p < .001; CFI = .93; TLI = .90; RMSEA = .09, 90% CI [.07, .11]; SRMR = .07.');
    expect(table.note).toContain('markers');
  });
  it('decimals and dimBelow apply; toMarkdown is tableToMarkdown of it; HTML is well-formed', () => {
    const three = printed(toApaTable(fit, { decimals: 3 }));
    expect(three[2]).toEqual(['visual', 'x2', '0.554', '0.100', '.424', '< .001']);
    const dimmed = toApaTable(fit, { dimBelow: 0.5 });
    expect(tableToHtml(dimmed)).toContain('<td class="dim"');
    expect(dimmed.note).toContain('Standardized loadings below .50');
    expect(toMarkdown(fit)).toBe(tableToMarkdown(table));
    parseXml(tableToHtml(table));
    expect(tableToText(table)).toContain('visual   x2');
  });
  it('labels rename variables', () => {
    expect(printed(toApaTable(fit, { labels: { visual: 'Visual', x2: 'Cubes' } }))[2]!.slice(0, 2)).toEqual(['Visual', 'Cubes']);
  });
  it('shows labels beside the indicator, and residual covariances in their own block', () => {
    const t = printed(toApaTable(labelled));
    expect(t.find((r) => r[1] === 'x8 (l8)')).toBeDefined();
    const i = t.findIndex((r) => r[0] === 'Residual covariances (β = correlation of the residuals)');
    const q = labelled.parameters.find((p) => p.lhs === 'x7' && p.rhs === 'x8')!;
    expect(t[i + 1]).toEqual(expectedRow(q));
  });
  it('under MLR: the Yuan–Bentler scaled χ² and the robust CFI, TLI and RMSEA', () => {
    const f = mlr.fit;
    const note = toApaTable(mlr).note!;
    expect(note).toContain('Robust maximum likelihood (MLR');
    expect(note).toContain(`Yuan–Bentler scaled χ²(24) = ${formatNumber(f.scaled!.chiSquare)}, p < .001 (scaling factor = ${formatNumber(f.scaled!.scalingFactor)}; unscaled χ²(24) = 85.31, p < .001)`);
    expect(note).toContain(`robust CFI = ${bounded(f.robust!.cfi)}; robust TLI = ${bounded(f.robust!.tli)}; robust RMSEA = ${bounded(f.robust!.rmsea.estimate)}, 90% CI [${bounded(f.robust!.rmsea.lower)}, ${bounded(f.robust!.rmsea.upper)}]`);
  });
  it('says how many rows listwise deletion left out', () => {
    expect(toApaTable(holes).note).toContain('n = 296. Maximum likelihood (ML), listwise deletion (5 rows with missing values left out).');
  });
});

group('toApaTable of a sem result', () => {
  const table = toApaTable(structural);
  const body = printed(table);
  it('adds the structural paths and the defined parameters after the loadings', () => {
    expect(table.title).toBe('Structural equation model: standardized and unstandardized estimates');
    expect(table.columns.map((c) => c.label).slice(0, 2)).toEqual(['Factor / outcome', 'Indicator / predictor']);
    const path = structural.parameters.find((q) => q.op === '~')!;
    const defined = structural.parameters.find((q) => q.op === ':=')!;
    const at = (section: string) => body.findIndex((r) => r.length === 1 && r[0] === section);
    expect(at('Measurement model (factor loadings)')).toBe(0);
    expect(body[at('Structural paths (outcome regressed on predictor)') + 1]).toEqual(expectedRow(path));
    expect(body[at('Structural paths (outcome regressed on predictor)') + 1]!.slice(0, 2)).toEqual(['speed', 'visual (a)']);
    expect(body[at('Defined parameters (name := expression)') + 1]).toEqual(expectedRow(defined, 'ind', 'a*2'));
    expect(formatNumber(defined.estimate)).toBe(formatNumber(2 * path.estimate));
    // speed is endogenous: its covariance with visual is gone, textual's remains.
    expect(body[at('Factor covariances (β = correlation)') + 1]!.slice(0, 2)).toEqual(['visual', 'textual']);
  });
});

group('toApaTable, formatCfa and semDiagramSvg refuse what is not a cfa/sem result', () => {
  const edit = (f: (x: Record<string, unknown>) => void): SemResult => {
    const copy = JSON.parse(JSON.stringify(fit)) as Record<string, unknown>;
    f(copy);
    return copy as unknown as SemResult;
  };
  const cases: [unknown, string | null][] = [
    [null, null],
    [{}, null],
    [edit((x) => (x.parameters = 'garbage')), 'result.parameters'],
    [edit((x) => (x.parameters = [1, 2, 3])), 'result.parameters[0]'],
    [edit((x) => ((x.parameters as Record<string, unknown>[])[1]!.estimate = 'x')), 'result.parameters[1].estimate'],
    [edit((x) => ((x.parameters as Record<string, unknown>[])[1]!.p = 2)), 'result.parameters[1].p'],
    [edit((x) => ((x.parameters as Record<string, unknown>[])[2]!.op = '<-')), 'result.parameters[2].op'],
    [edit((x) => ((x.parameters as Record<string, unknown>[])[2]!.rhs = 'nobody')), 'result.parameters[2].rhs'],
    [edit((x) => ((x.parameters as Record<string, unknown>[])[0]!.lhs = 'x1')), 'result.parameters[0].lhs'],
    [edit((x) => delete (x.fit as Record<string, unknown>).rmsea), 'result.fit.rmsea'],
    [edit((x) => ((x.fit as Record<string, unknown>).scaled = 3)), 'result.fit.scaled'],
    [edit((x) => (x.estimator = 'GLS')), 'result.estimator'],
    // ML has a likelihood; thresholds and scale factors belong to WLSMV results.
    [edit((x) => ((x.fit as Record<string, unknown>).logLikelihood = null)), 'result.fit.logLikelihood'],
    [edit((x) => ((x.fit as Record<string, unknown>).sabic = null)), 'result.fit.sabic'],
    [edit((x) => ((x.parameters as Record<string, unknown>[])[2]!.op = '|')), 'result.parameters[2].op'],
    [edit((x) => (x.latent = null)), 'result.latent'],
  ];
  it.each(cases.map(([bad, field], i) => [i, bad, field] as const))('case %i: INVALID_INPUT naming the field', (_, bad, field) => {
    expect(codeOf(() => toApaTable(bad as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => toMarkdown(bad as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => formatCfa(bad as never))).toBe('INVALID_INPUT');
    expect(codeOf(() => semDiagramSvg(bad as never))).toBe('INVALID_INPUT');
    if (field !== null) {
      expect(() => toApaTable(bad as never)).toThrow(`toApaTable: \`${field}\``);
      expect(() => formatCfa(bad as never)).toThrow(`formatCfa: \`${field}\``);
      expect(() => semDiagramSvg(bad as never)).toThrow(`semDiagramSvg: \`${field}\``);
    }
  });
  it('formatCfa and semDiagramSvg name what they got instead of a cfa/sem result', () => {
    expect(() => formatCfa(null as never)).toThrow('formatCfa expects the result of cfa() or sem(); got null');
    expect(() => formatCfa(toApaTable(fit) as never)).toThrow('an object without a `kind`');
    expect(() => semDiagramSvg({ kind: 'efa' } as never)).toThrow('semDiagramSvg expects the result of cfa() or sem(); got kind "efa"');
  });
});

group('formatCfa', () => {
  const text = formatCfa(fit);
  const lines = text.split('\n');
  it('prints lavaan’s summary sections in lavaan’s order', () => {
    const headings = ['Model Test User Model:', 'Model Test Baseline Model:', 'User Model versus Baseline Model:', 'Loglikelihood and Information Criteria:', 'Root Mean Square Error of Approximation:', 'Standardized Root Mean Square Residual:', 'Parameter Estimates:', 'Latent Variables:', 'Covariances:', 'Variances:'];
    const at = headings.map((h) => lines.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(lines[0]).toBe('psychkit cfa() ended normally after ' + fit.iterations + ' iterations');
    expect(text).not.toContain('Regressions:');
    expect(text).not.toContain('Defined Parameters:');
  });
  it('prints the values lavaan prints for the tutorial model, in lavaan’s columns', () => {
    for (const line of [
      '  Estimator                                         ML',
      '  Number of model parameters                        21',
      '  Number of observations                           301',
      '  Test statistic                                85.306',
      '  Degrees of freedom                                24',
      '  P-value (Chi-square)                           0.000',
      '  Test statistic                               918.852',
      '  Comparative Fit Index (CFI)                    0.931',
      '  Tucker-Lewis Index (TLI)                       0.896',
      '  Loglikelihood user model (H0)              -3737.745',
      '  Loglikelihood unrestricted model (H1)      -3695.092',
      '  Akaike (AIC)                                7517.490',
      '  Bayesian (BIC)                              7595.339',
      '  Sample-size adjusted Bayesian (SABIC)       7528.739',
      '  RMSEA                                          0.092',
      '  90 Percent confidence interval - lower         0.071',
      '  90 Percent confidence interval - upper         0.114',
      '  P-value H_0: RMSEA <= 0.050                    0.001',
      '  P-value H_0: RMSEA >= 0.080                    0.840',
      '  SRMR                                           0.065',
      '  Information                                 Expected',
      '                   Estimate  Std.Err  z-value  P(>|z|)   Std.lv  Std.all',
      '  visual =~',
      '    x1                1.000                               0.900    0.772',
      '    x2                0.554    0.100    5.554    0.000    0.498    0.424',
      '    x3                0.729    0.109    6.685    0.000    0.656    0.581',
      '    x5                1.113    0.065   17.014    0.000    1.102    0.855',
      '    x8                1.180    0.165    7.152    0.000    0.731    0.723',
      '  visual ~~',
      '    textual           0.408    0.074    5.552    0.000    0.459    0.459',
      '   .x1                0.549    0.114    4.833    0.000    0.549    0.404',
      '    visual            0.809    0.145    5.564    0.000    1.000    1.000',
    ]) {
      expect(lines, line).toContain(line);
    }
  });
  it('every parameter row of the result is printed, with its estimate to three decimals', () => {
    for (const q of fit.parameters) {
      const name = q.op === '=~' || (q.op === '~~' && q.lhs !== q.rhs) ? q.rhs : q.lhs;
      expect(lines.some((l) => l.trimStart().replace(/^\./, '').startsWith(`${name} `) && l.includes(q.estimate.toFixed(3))), `${q.lhs} ${q.op} ${q.rhs}`).toBe(true);
    }
  });
  it('a sem: Regressions with the label beside the predictor, the residual variance of the outcome dotted, Defined Parameters', () => {
    const s = formatCfa(structural).split('\n');
    const path = structural.parameters.find((q) => q.op === '~')!;
    const defined = structural.parameters.find((q) => q.op === ':=')!;
    expect(s[0]).toMatch(/^psychkit sem\(\) ended normally/);
    expect(s).toContain('Regressions:');
    expect(s).toContain('  speed ~');
    expect(s.find((l) => l.startsWith('    visual     (a)'))).toBe(`    visual     (a)${[path.estimate, path.se, path.statistic, path.p, path.stdLv, path.stdAll].map((v) => v!.toFixed(3).padStart(9)).join('')}`);
    expect(s.find((l) => l.startsWith('   .speed'))).toBeDefined();
    expect(s.indexOf('Defined Parameters:')).toBeGreaterThan(s.indexOf('Variances:'));
    expect(s.find((l) => l.startsWith('    ind '))).toContain(defined.estimate.toFixed(3));
  });
  it('labels as lavaan prints them (x8 (l8)), residual covariances dotted', () => {
    const s = formatCfa(labelled).split('\n');
    expect(s.find((l) => l.startsWith('    x8        (l8)'))).toBeDefined();
    expect(s).toContain(' .x7 ~~');
    expect(s.find((l) => l.startsWith('   .x8 '))).toBeDefined();
  });
  it('under MLR: the Standard and Scaled columns, the scaling factors, the robust indices and sandwich SEs', () => {
    const s = formatCfa(mlr).split('\n');
    const f = mlr.fit;
    expect(s).toContain('                                              Standard      Scaled');
    expect(s).toContain(`  Test statistic                                85.306${f.scaled!.chiSquare.toFixed(3).padStart(12)}`);
    expect(s).toContain('    Yuan-Bentler correction (Mplus variant)');
    expect(s).toContain(`  Robust Comparative Fit Index (CFI)${f.robust!.cfi.toFixed(3).padStart(66 - 36)}`);
    expect(s.find((l) => l.startsWith('  Robust RMSEA'))).toContain(f.robust!.rmsea.estimate.toFixed(3));
    expect(s).toContain('  Standard errors                             Sandwich');
  });
  it('the observations used and in total when rows were left out', () => {
    const s = formatCfa(holes).split('\n');
    expect(s).toContain('                                                  Used       Total');
    expect(s).toContain('  Number of observations                           296         301');
  });
  it('the text is the same for any names of the variables, but for the names (property)', () => {
    const names = [...fit.latent, ...fit.columns];
    const tokens = (t: string) => t.split(/\s+/).filter((x) => x !== '');
    const original = tokens(text);
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/), { minLength: names.length, maxLength: names.length }), (fresh) => {
        const map = new Map(names.map((v, i) => [v, fresh[i]!]));
        const to = (v: string) => map.get(v) ?? v;
        const mapped = original.map((t) => (map.has(t) ? to(t) : t.startsWith('.') && map.has(t.slice(1)) ? `.${to(t.slice(1))}` : t));
        expect(tokens(formatCfa(renamed(fit, to)))).toEqual(mapped);
      }),
      { numRuns: 30 },
    );
  });
});

group('semDiagramSvg', () => {
  const svg = semDiagramSvg(fit);
  const root = parseXml(svg);
  const groups = (cls: string) => findAll(root, 'g').filter((g) => g.attributes.class === cls);
  it('is a well-formed, accessible SVG that names every variable', () => {
    expect(root.name).toBe('svg');
    expect(root.attributes.role).toBe('img');
    expect(textContent(findAll(root, 'title')[0]!)).toBe('Confirmatory factor analysis');
    const desc = textContent(findAll(root, 'desc')[0]!);
    for (const v of [...fit.latent, ...fit.columns]) expect(desc).toContain(v);
    const drawn = [...groups('latent'), ...groups('observed')].map((g) => g.attributes['data-name']);
    expect(drawn.sort()).toEqual([...fit.latent, ...fit.columns].sort());
    expect(groups('latent').every((g) => findAll(g, 'ellipse').length === 1)).toBe(true);
    expect(groups('observed').every((g) => findAll(g, 'rect').length === 1)).toBe(true);
  });
  it('draws every loading, covariance and residual variance, labelled with std.all', () => {
    expect(groups('loading')).toHaveLength(9);
    expect(groups('covariance')).toHaveLength(3);
    expect(groups('residual')).toHaveLength(9);
    const labels = findAll(root, 'text').filter((t) => t.attributes.class === 'label');
    const label = (path: string) => textContent(labels.find((t) => t.attributes['data-path'] === path)!);
    for (const q of fit.parameters.filter((p) => p.op === '=~' || p.op === '~~')) {
      if (q.op === '~~' && q.lhs === q.rhs && fit.latent.includes(q.lhs)) continue;
      expect(label(`${q.lhs} ${q.op} ${q.rhs}`)).toBe(bounded(q.stdAll));
    }
    expect(label('visual =~ x2')).toBe('.42');
    // covariances are double-headed: two arrowheads
    expect(groups('covariance').every((g) => findAll(g, 'polygon').length === 2)).toBe(true);
  });
  it('standardized: false labels the unstandardized estimates; decimals sets their precision', () => {
    const raw = parseXml(semDiagramSvg(fit, { standardized: false, decimals: 3 }));
    const labels = findAll(raw, 'text').filter((t) => t.attributes.class === 'label');
    expect(textContent(labels.find((t) => t.attributes['data-path'] === 'visual =~ x2')!)).toBe('0.554');
    expect(textContent(labels.find((t) => t.attributes['data-path'] === 'visual =~ x1')!)).toBe('1.000');
    expect(textContent(findAll(raw, 'desc')[0]!)).toContain('unstandardized');
  });
  it('a sem: the regression as an arrow from predictor to outcome, exogenous left of endogenous, a disturbance for the outcome', () => {
    const s = parseXml(semDiagramSvg(structural));
    const g = (cls: string) => findAll(s, 'g').filter((x) => x.attributes.class === cls);
    expect(g('regression').map((x) => x.attributes['data-path'])).toEqual(['speed ~ visual']);
    const x = (name: string) => Number(findAll(g('latent').find((n) => n.attributes['data-name'] === name)!, 'ellipse')[0]!.attributes.cx);
    expect(x('visual')).toBeLessThan(x('speed'));
    expect(g('residual').map((n) => n.attributes['data-path'])).toContain('speed ~~ speed');
    expect(textContent(findAll(s, 'title')[0]!)).toBe('Structural equation model');
    // An exogenous-to-endogenous order even when the syntax lists the outcome first.
    const reversed = sem(rows, { model: 'speed =~ x7 + x8 + x9\nvisual =~ x1 + x2 + x3\nspeed ~ visual' });
    const r = parseXml(semDiagramSvg(reversed));
    const cx = (name: string) => Number(findAll(findAll(r, 'g').find((n) => n.attributes['data-name'] === name)!, 'ellipse')[0]!.attributes.cx);
    expect(cx('visual')).toBeLessThan(cx('speed'));
  });
  it('width scales the figure (the viewBox keeps its size); options are strict', () => {
    const wide = parseXml(semDiagramSvg(fit, { width: 1400, title: 'Figure' }));
    expect(wide.attributes.width).toBe('1400');
    expect(wide.attributes.viewBox).toBe(root.attributes.viewBox);
    expect(Number(wide.attributes.height) / 1400).toBeCloseTo(Number(root.attributes.height) / Number(root.attributes.width), 4);
    expect(codeOf(() => semDiagramSvg(fit, { width: 10 }))).toBe('INVALID_OPTION');
    expect(codeOf(() => semDiagramSvg(fit, { standardised: true } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => semDiagramSvg(fit, { decimals: 9 }))).toBe('INVALID_OPTION');
    expect(groupsOf(parseXml(semDiagramSvg(fit, { residuals: false })), 'residual')).toHaveLength(0);
  });
  it('escapes any name and stays well-formed; every name is drawn (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(nastyText({ minLength: 1 }), { minLength: 12, maxLength: 12 }), (fresh) => {
        const names = [...fit.latent, ...fit.columns];
        const map = new Map(names.map((v, i) => [v, fresh[i]!]));
        const r = renamed(fit, (v) => map.get(v) ?? v);
        const doc = parseXml(semDiagramSvg(r));
        const drawn = findAll(doc, 'g').filter((g) => g.attributes['data-name'] !== undefined);
        expect(drawn.map((g) => textContent(findAll(g, 'text')[0]!))).toEqual(expect.arrayContaining(fresh.map(xmlVisible)));
        expect(groupsOf(doc, 'loading')).toHaveLength(9);
        // The table and the text take the same names.
        parseXml(tableToHtml(toApaTable(r)));
        expect(formatCfa(r)).toContain(fresh[0]!);
      }),
      { numRuns: 40 },
    );
  });
  it('never changes its input', () => {
    const copy = structuredClone(fit);
    semDiagramSvg(fit);
    formatCfa(fit);
    toApaTable(fit);
    expect(fit).toEqual(copy);
  });
});

function groupsOf(root: XmlNode, cls: string): XmlNode[] {
  return findAll(root, 'g').filter((g) => g.attributes.class === cls);
}

group('toApaTable of cfa results (property)', () => {
  it('one row per loading whatever the labels, with numbers unchanged by them', () => {
    const plain = printed(toApaTable(fit));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...fit.latent, ...fit.columns), nastyText()), fc.integer({ min: 0, max: 6 }), (labels, decimals) => {
        const table = toApaTable(fit, { labels, decimals });
        parseXml(tableToHtml(table));
        const body = table.rows.filter((r): r is readonly TableCell[] => Array.isArray(r));
        expect(body).toHaveLength(plain.filter((r) => r.length > 1).length);
        const loadings = fit.parameters.filter((q) => q.op === '=~');
        loadings.forEach((q, i) => {
          expect(body[i]![0]).toBe(Object.prototype.hasOwnProperty.call(labels, q.lhs) ? labels[q.lhs] : q.lhs);
          expect(body[i]![2]).toBe(q.estimate);
          expect(body[i]![4]).toBe(q.stdAll);
        });
        expect(tableToText(table)).toContain(formatNumber(loadings[1]!.estimate, { decimals }));
      }),
      { numRuns: 40 },
    );
  });
});

// ---- multiple groups ---------------------------------------------------------------------------
// lavaan 0.6.14: cfa(model, hs, group = "school", group.equal = "loadings") and its
// summary(fit, fit.measures = TRUE, standardized = TRUE) (test/fixtures/cfa.json, hs_school_metric).

interface ReferenceParameter {
  lhs: string;
  op: string;
  rhs: string;
  groupLabel: string | null;
  est: number;
  se: number | null;
  'std.lv': number | null;
  'std.all': number | null;
}
const lavaanMetric = loadJson<{ cases: Record<string, { n: { perGroup: number[] }; groups: string[]; fit: Record<string, number>; parameters: ReferenceParameter[] }> }>('cfa.json').cases['hs_school_metric']!;
const metric = cfa(rows, { model: MODEL, group: 'school', groupEqual: ['loadings'] });

/** The lines of one group's block of formatCfa's text ("Group 1 [Pasteur]:" up to the next group or the end). */
function groupBlock(lines: readonly string[], index: number, label: string): string[] {
  const start = lines.indexOf(`Group ${index} [${label}]:`);
  expect(start, label).toBeGreaterThan(0);
  const next = lines.findIndex((l, i) => i > start && /^Group \d+ \[/.test(l));
  return lines.slice(start, next < 0 ? undefined : next);
}

group('formatCfa of a multiple-group result (lavaan’s multiple-group summary)', () => {
  const text = formatCfa(metric);
  const lines = text.split('\n');
  it('the header lists the observations per group; the model test adds each group’s statistic', () => {
    const f = lavaanMetric.fit;
    const at = lines.indexOf('  Number of observations per group:');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 3)).toEqual([
      '    Pasteur                                        156',
      '    Grant-White                                    145',
    ]);
    expect(lavaanMetric.n.perGroup).toEqual([156, 145]);
    expect(lines).toContain(`  Number of model parameters                        60`);
    expect(lines).toContain(`  Number of equality constraints                     6`);
    const test = lines.indexOf('Model Test User Model:');
    expect(lines.slice(test + 2, test + 8)).toEqual([
      `  Test statistic                               ${f['chisq']!.toFixed(3)}`,
      `  Degrees of freedom                                ${f['df']}`,
      '  P-value (Chi-square)                           0.000',
      '  Test statistic for each group:',
      // As lavaan prints them.
      '    Pasteur                                     68.825',
      '    Grant-White                                 55.219',
    ]);
    expect(lines[test + 2]).toBe('  Test statistic                               124.044');
    for (const [label, key] of [
      ['Comparative Fit Index (CFI)', 'cfi'],
      ['Tucker-Lewis Index (TLI)', 'tli'],
      ['Loglikelihood user model (H0)', 'logl'],
      ['Akaike (AIC)', 'aic'],
      ['RMSEA', 'rmsea'],
      ['90 Percent confidence interval - lower', 'rmsea.ci.lower'],
      ['SRMR', 'srmr'],
    ] as const) {
      const value = f[key]!.toFixed(3);
      expect(lines, label).toContain(`  ${label}${' '.repeat(52 - label.length - value.length)}${value}`);
    }
    expect(lines).toContain('  Comparative Fit Index (CFI)                    0.921');
    expect(lines).toContain('  RMSEA                                          0.093');
  });
  it('the groups’ statistics add up to the χ²', () => {
    const at = lines.indexOf('  Test statistic for each group:');
    const shares = lines.slice(at + 1, at + 3).map((l) => Number(l.trim().split(/\s+/).at(-1)));
    expect(Math.abs(shares[0]! + shares[1]! - metric.fit.chiSquare)).toBeLessThan(2e-3);
  });
  it('prints each group’s estimates under “Group 1 [Pasteur]:”, with the Intercepts of the mean structure', () => {
    expect(lines.filter((l) => /^Group \d+ \[/.test(l))).toEqual(['Group 1 [Pasteur]:', 'Group 2 [Grant-White]:']);
    const start = lines.indexOf('Group 1 [Pasteur]:');
    // Two blank lines before each group, one after its heading, as lavaan.
    expect(lines.slice(start - 2, start + 3)).toEqual(['', '', 'Group 1 [Pasteur]:', '', 'Latent Variables:']);
    lavaanMetric.groups.forEach((label, g) => {
      const block = groupBlock(lines, g + 1, label);
      expect(block.filter((l) => l.endsWith(':') && !l.startsWith(' ')).slice(1), label).toEqual(['Latent Variables:', 'Covariances:', 'Intercepts:', 'Variances:']);
    });
  });
  it('every estimate, SE, Std.lv and Std.all is lavaan’s to three decimals, in its group', () => {
    const close = (printedValue: string | undefined, expected: number | null, what: string) => {
      if (expected === null) return;
      expect(Math.abs(Number(printedValue) - expected), what).toBeLessThanOrEqual(0.0005 + 1e-6);
    };
    let checked = 0;
    lavaanMetric.groups.forEach((label, g) => {
      const block = groupBlock(lines, g + 1, label);
      // Section by section: the rows of a section follow its title.
      const sectionOf = { '=~': 'Latent Variables:', '~~': 'Covariances:', '~1': 'Intercepts:' } as const;
      for (const q of lavaanMetric.parameters.filter((x) => x.groupLabel === label)) {
        const variance = q.op === '~~' && q.lhs === q.rhs;
        const title = variance ? 'Variances:' : sectionOf[q.op as keyof typeof sectionOf];
        const from = block.indexOf(title);
        let at = from + 2;
        if (q.op === '=~' || (q.op === '~~' && !variance)) at = block.indexOf(`  ${q.lhs} ${q.op}`, from) + 1;
        const name = q.op === '=~' || (q.op === '~~' && !variance) ? q.rhs : q.lhs;
        const line = block.slice(at).find((l) => l.trim().split(/\s+/)[0]!.replace(/^\./, '') === name)!;
        const what = `${label}: ${q.lhs} ${q.op} ${q.rhs}`;
        expect(line, what).toBeDefined();
        const cells = line.trim().split(/\s+/);
        const fixed = q.se === null || q.se === 0;
        close(cells[1], q.est, `${what} estimate`);
        if (!fixed) close(cells[2], q.se, `${what} SE`);
        close(cells.at(-2), q['std.lv'], `${what} Std.lv`);
        close(cells.at(-1), q['std.all'], `${what} Std.all`);
        checked++;
      }
    });
    expect(checked).toBe(lavaanMetric.parameters.length);
    // A few lines exactly as lavaan prints them.
    const pasteur = groupBlock(lines, 1, 'Pasteur');
    const grantWhite = groupBlock(lines, 2, 'Grant-White');
    expect(pasteur).toContain('    x2                0.599    0.100    5.979    0.000    0.537    0.432');
    expect(grantWhite).toContain('    x2                0.599    0.100    5.979    0.000    0.509    0.466');
    expect(pasteur).toContain('   .x1                4.941    0.093   52.991    0.000    4.941    4.243');
    expect(grantWhite).toContain('   .x1                4.930    0.097   50.763    0.000    4.930    4.216');
    expect(pasteur).toContain('    visual            0.000                               0.000    0.000');
    expect(grantWhite).toContain('    speed             0.475    0.109    4.347    0.000    1.000    1.000');
  });
  it('defined parameters follow the last group; a single-group result keeps its layout', () => {
    const s = formatCfa(sem(rows, { model: `${MODEL}\nspeed ~ a*visual\nind := a*2`, group: 'school' })).split('\n');
    const defined = s.indexOf('Defined Parameters:');
    expect(defined).toBeGreaterThan(s.indexOf('Group 2 [Grant-White]:'));
    expect(s[defined + 2]).toMatch(/^ {4}ind {10,}-?\d+\.\d{3}/);
    expect(s.filter((l) => l === 'Regressions:')).toHaveLength(2);
    const single = formatCfa(fit);
    expect(single).not.toContain('per group');
    expect(single).not.toContain('Group 1');
    expect(single).toContain('  Number of observations                           301');
  });
  it('under MLR with rows left out: Used and Total per group, each group’s standard and scaled statistic (lavaan’s numbers)', () => {
    // lavaan: hs$x1[c(1:5, 200:202)] <- NA; cfa(model, hs, group = "school", estimator = "MLR").
    const holed = rows.map((r, i) => (i < 5 || (i >= 199 && i <= 201) ? { ...r, x1: '' } : r));
    const s = formatCfa(cfa(holed, { model: MODEL, group: 'school', estimator: 'MLR' })).split('\n');
    const at = s.indexOf('  Number of observations per group:               Used       Total');
    expect(at).toBeGreaterThan(0);
    expect(s.slice(at + 1, at + 3)).toEqual([
      '    Pasteur                                        151         156',
      '    Grant-White                                    142         145',
    ]);
    const each = s.indexOf('  Test statistic for each group:');
    expect(s.slice(each - 5, each + 3)).toEqual([
      '  Test statistic                               116.150     124.127',
      '  Degrees of freedom                                48          48',
      '  P-value (Chi-square)                           0.000       0.000',
      '  Scaling correction factor                                  0.936',
      '    Yuan-Bentler correction (Mplus variant)',
      '  Test statistic for each group:',
      '    Pasteur                                     64.817      69.269',
      '    Grant-White                                 51.333      54.858',
    ]);
  });
  it('under FIML: no per-group statistics (the result holds no per-group log-likelihoods)', () => {
    const holed = rows.map((r, i) => (i % 7 === 6 ? { ...r, x1: '' } : r));
    const s = formatCfa(cfa(holed, { model: MODEL, group: 'school', missing: 'fiml' }));
    expect(s).toContain('  Number of observations per group:');
    expect(s).not.toContain('Test statistic for each group');
    expect(s).toContain('Group 2 [Grant-White]:');
  });
});

group('toApaTable of a multiple-group result', () => {
  const table = toApaTable(metric);
  const body = printed(table);
  it('one block of sections per group, each titled with the group’s label', () => {
    const titles = body.filter((r) => r.length === 1).map((r) => r[0]);
    expect(titles).toEqual([
      'Pasteur: Measurement model (factor loadings)',
      'Pasteur: Factor covariances (β = correlation)',
      'Grant-White: Measurement model (factor loadings)',
      'Grant-White: Factor covariances (β = correlation)',
    ]);
    for (const label of ['Pasteur', 'Grant-White']) {
      const from = body.findIndex((r) => r[0] === `${label}: Measurement model (factor loadings)`);
      const loadings = metric.parameters.filter((q) => q.group === label && q.op === '=~');
      expect(body.slice(from + 1, from + 1 + loadings.length)).toEqual(loadings.map((q) => expectedRow(q)));
    }
    expect(body.filter((r) => r.length > 1)).toHaveLength(2 * (9 + 3));
    // Equal loadings, different standardized ones.
    const x2 = body.filter((r) => r[1] === 'x2');
    expect(x2[0]![2]).toBe(x2[1]![2]);
    expect(x2.map((r) => r[4])).toEqual(['.43', '.47']);
  });
  it('names the grouping variable and each group’s n in the note; the fit is the joint one', () => {
    expect(table.note).toContain('n = 301. Maximum likelihood (ML), listwise deletion.');
    expect(table.note).toContain('Groups by school: Pasteur (n = 156), Grant-White (n = 145);');
    expect(table.note).toContain(`χ²(54) = ${formatNumber(metric.fit.chiSquare)}`);
    expect(toApaTable(metric, { labels: { school: 'School' } }).note).toContain('Groups by School: ');
    expect(toMarkdown(metric)).toBe(tableToMarkdown(table));
    parseXml(tableToHtml(table));
  });
  it('defined parameters after the last group; a single-group table has no group prefix', () => {
    const s = toApaTable(sem(rows, { model: `${MODEL}\nspeed ~ a*visual\nind := a*2`, group: 'school' }));
    const titles = printed(s).filter((r) => r.length === 1).map((r) => r[0]!);
    expect(titles.at(-1)).toBe('Defined parameters (name := expression)');
    expect(titles).toContain('Grant-White: Structural paths (outcome regressed on predictor)');
    expect(printed(toApaTable(fit)).filter((r) => r.length === 1).map((r) => r[0])).toEqual(['Measurement model (factor loadings)', 'Factor covariances (β = correlation)']);
  });
  it('a malformed multiple-group result: INVALID_INPUT naming the field', () => {
    const edit = (f: (x: Record<string, unknown>) => void): SemResult => {
      const copy = JSON.parse(JSON.stringify(metric)) as Record<string, unknown>;
      f(copy);
      return copy as unknown as SemResult;
    };
    const cases: [SemResult, string][] = [
      [edit((x) => ((x.parameters as Record<string, unknown>[])[3]!.group = 'Nowhere')), 'result.parameters[3].group'],
      [edit((x) => ((x.parameters as Record<string, unknown>[])[40]!.group = null)), 'result.parameters[40].group'],
      [edit((x) => ((x.groups as Record<string, unknown>[])[1]!.label = 5)), 'result.groups[1].label'],
      [edit((x) => ((x.groups as Record<string, unknown>[])[0]!.n = -3)), 'result.groups[0].n'],
      [edit((x) => (((x.groups as Record<string, Record<string, unknown>>[])[0]!.implied!.covariance as unknown[]).pop())), 'result.groups[0].implied.covariance'],
      [edit((x) => (x.groups = 'x')), 'result.groups'],
      [edit((x) => delete x.groups), 'result.groups'],
      [edit((x) => (x.groups = [])), 'result.groups'],
    ];
    for (const [bad, field] of cases) {
      expect(codeOf(() => toApaTable(bad)), field).toBe('INVALID_INPUT');
      expect(() => toApaTable(bad)).toThrow(`toApaTable: \`${field}\``);
      expect(() => formatCfa(bad)).toThrow(`formatCfa: \`${field}\``);
      expect(() => semDiagramSvg(bad)).toThrow(`semDiagramSvg: \`${field}\``);
    }
  });
});

group('semDiagramSvg of a multiple-group result', () => {
  const label = (svg: string, path: string) => {
    const labels = findAll(parseXml(svg), 'text').filter((t) => t.attributes.class === 'label');
    return textContent(labels.find((t) => t.attributes['data-path'] === path)!);
  };
  const std = (groupLabel: string, lhs: string, op: string, rhs: string) => metric.parameters.find((q) => q.group === groupLabel && q.lhs === lhs && q.op === op && q.rhs === rhs)!.stdAll;
  it('draws the first group by default, and the group named by `group`; the title names it', () => {
    const first = semDiagramSvg(metric);
    expect(textContent(findAll(parseXml(first), 'title')[0]!)).toBe('Confirmatory factor analysis, school = Pasteur');
    expect(label(first, 'visual =~ x1')).toBe(bounded(std('Pasteur', 'visual', '=~', 'x1')));
    const second = semDiagramSvg(metric, { group: 'Grant-White' });
    const root = parseXml(second);
    expect(textContent(findAll(root, 'title')[0]!)).toBe('Confirmatory factor analysis, school = Grant-White');
    expect(textContent(findAll(root, 'desc')[0]!)).toContain('school = Grant-White');
    expect(label(second, 'visual =~ x1')).toBe(bounded(std('Grant-White', 'visual', '=~', 'x1')));
    expect(label(second, 'visual =~ x1')).not.toBe(label(first, 'visual =~ x1'));
    // One group's paths, not both groups' drawn on top of each other.
    expect(groupsOf(root, 'loading')).toHaveLength(9);
    expect(groupsOf(root, 'covariance')).toHaveLength(3);
    expect(semDiagramSvg(metric, { group: 'Pasteur' })).toBe(first);
    expect(textContent(findAll(parseXml(semDiagramSvg(metric, { title: 'Figure 2' })), 'title')[0]!)).toBe('Figure 2');
  });
  it('an unknown group, a group for a single-group result, or a non-string: INVALID_OPTION naming it', () => {
    expect(codeOf(() => semDiagramSvg(metric, { group: 'Nowhere' }))).toBe('INVALID_OPTION');
    expect(() => semDiagramSvg(metric, { group: 'Nowhere' })).toThrow(/"Nowhere" is not a group of this result; its groups \(by "school"\) are "Pasteur", "Grant-White"/);
    expect(codeOf(() => semDiagramSvg(fit, { group: 'Pasteur' }))).toBe('INVALID_OPTION');
    expect(() => semDiagramSvg(fit, { group: 'Pasteur' })).toThrow(/single group/);
    expect(codeOf(() => semDiagramSvg(metric, { group: 3 } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => semDiagramSvg(metric, { groups: 'Pasteur' } as never))).toBe('INVALID_OPTION');
  });
});
