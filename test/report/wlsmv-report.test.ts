// Reports of a WLSMV cfa (ordered indicators): formatCfa against lavaan 0.6.14's
// summary(fit, fit.measures = TRUE, standardized = TRUE) for the ESSE items of the peer workers
// (ordered = TRUE, estimator = "WLSMV"), the APA table and its note, the path diagram, and the
// shape checks of the fields only a WLSMV result has.
import { describe as group, expect, it } from 'vitest';
import fc from 'fast-check';
import { cfa, formatCfa, semDiagramSvg, tableToHtml, tableToMarkdown, toApaTable, toMarkdown, type SemParameter, type SemResult, type TableCell } from '../../src/index.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv } from '../helpers/fixtures.js';
import { findAll, parseXml, textContent } from '../helpers/xml.js';

const rows = loadCsv('peer-workers.csv');
const MODEL = 'empathic =~ esse1 + esse2 + esse3 + esse4 + esse5 + esse6\nsocial =~ esse7 + esse8 + esse9 + esse10 + esse11';
const fit = cfa(rows, { model: MODEL, ordered: true });
// df = 0: no scaled test in the result.
const saturated = cfa(rows, { model: 'empathic =~ esse1 + esse2 + esse3', ordered: true });

/** lavaan 0.6.14's summary of the same fit, from "Estimator" to the SE block (trailing spaces trimmed). */
const LAVAAN = `  Estimator                                       DWLS
  Optimization method                           NLMINB
  Number of model parameters                        56

                                                  Used       Total
  Number of observations                           228         268

Model Test User Model:
                                              Standard      Scaled
  Test Statistic                                14.450      32.260
  Degrees of freedom                                43          43
  P-value (Chi-square)                           1.000       0.885
  Scaling correction factor                                  0.548
  Shift parameter                                            5.892
    simple second-order correction

Model Test Baseline Model:

  Test statistic                              4553.573    2180.900
  Degrees of freedom                                55          55
  P-value                                        0.000       0.000
  Scaling correction factor                                  2.116

User Model versus Baseline Model:

  Comparative Fit Index (CFI)                    1.000       1.000
  Tucker-Lewis Index (TLI)                       1.008       1.006

  Robust Comparative Fit Index (CFI)                         1.000
  Robust Tucker-Lewis Index (TLI)                            1.016

Root Mean Square Error of Approximation:

  RMSEA                                          0.000       0.000
  90 Percent confidence interval - lower         0.000       0.000
  90 Percent confidence interval - upper         0.000       0.022
  P-value H_0: RMSEA <= 0.050                    1.000       0.999
  P-value H_0: RMSEA >= 0.080                    0.000       0.000

  Robust RMSEA                                               0.000
  90 Percent confidence interval - lower                     0.000
  90 Percent confidence interval - upper                     0.028
  P-value H_0: Robust RMSEA <= 0.050                         0.994
  P-value H_0: Robust RMSEA >= 0.080                         0.000

Standardized Root Mean Square Residual:

  SRMR                                           0.027       0.027

Parameter Estimates:

  Standard errors                           Robust.sem
  Information                                 Expected
  Information saturated (h1) model        Unstructured`.split('\n');

group('formatCfa of a WLSMV fit', () => {
  const text = formatCfa(fit);
  const lines = text.split('\n');
  it('prints lavaan’s header and fit section line for line, but for the optimizer and one capital', () => {
    const at = lines.indexOf(LAVAAN[0]!);
    expect(at).toBe(2);
    const expected = LAVAAN.map((l) =>
      // psychkit's optimizer is its own; it writes "Test statistic" in the two-column layout too (as under MLR).
      l.startsWith('  Optimization method') ? '  Optimization method                           FISHER' : l.replace('  Test Statistic ', '  Test statistic '),
    );
    expect(lines.slice(at, at + expected.length)).toEqual(expected);
  });
  it('has lavaan’s χ², scaling factor, shift, CFI/TLI and robust lines', () => {
    for (const line of [
      '  Estimator                                       DWLS',
      '  Test statistic                                14.450      32.260',
      '  Scaling correction factor                                  0.548',
      '  Shift parameter                                            5.892',
      '    simple second-order correction',
      '  Comparative Fit Index (CFI)                    1.000       1.000',
      '  Tucker-Lewis Index (TLI)                       1.008       1.006',
      '  Robust Tucker-Lewis Index (TLI)                            1.016',
      '  90 Percent confidence interval - upper                     0.028',
      '  SRMR                                           0.027       0.027',
      '  Standard errors                           Robust.sem',
    ]) {
      expect(lines, line).toContain(line);
    }
    expect(text).not.toContain('Loglikelihood');
    expect(text).not.toContain('Akaike');
  });
  it('prints the sections in lavaan’s order with lavaan’s numbers', () => {
    const headings = ['Latent Variables:', 'Covariances:', 'Intercepts:', 'Thresholds:', 'Variances:', 'Scales y*:'];
    const at = headings.map((h) => lines.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).not.toContain('Regressions:');
    expect(text).not.toContain('Defined Parameters:');
    for (const line of [
      '    esse1             1.000                               0.756    0.756',
      '    esse2             0.904    0.073   12.413    0.000    0.684    0.684',
      '    esse11            0.940    0.060   15.681    0.000    0.753    0.753',
      '    social            0.535    0.045   11.949    0.000    0.883    0.883',
      '   .esse1             0.000                               0.000    0.000',
      '    empathic          0.000                               0.000    0.000',
      '    esse1|t1         -1.228    0.111  -11.113    0.000   -1.228   -1.228',
      '    esse3|t3          0.011    0.083    0.132    0.895    0.011    0.011',
      '    esse10|t3        -0.177    0.084   -2.114    0.035   -0.177   -0.177',
      '   .esse1             0.428                               0.428    0.428',
      '    empathic          0.572    0.059    9.684    0.000    1.000    1.000',
      '    esse11            1.000                               1.000    1.000',
    ]) {
      expect(lines, line).toContain(line);
    }
    const block = (title: string) => {
      const from = lines.indexOf(title) + 2;
      const to = lines.indexOf('', from);
      return lines.slice(from, to === -1 ? undefined : to);
    };
    expect(block('Thresholds:')).toHaveLength(44);
    expect(block('Scales y*:')).toHaveLength(11);
    expect(block('Intercepts:')).toHaveLength(13);
    expect(block('Variances:')).toHaveLength(13);
  });
  it('every threshold row of the result is printed as lavaan names it, with its estimate and SE', () => {
    for (const q of fit.parameters.filter((p) => p.op === '|')) {
      const line = lines.find((l) => l.startsWith(`    ${q.lhs}|${q.rhs} `));
      expect(line, `${q.lhs}|${q.rhs}`).toBeDefined();
      expect(line!.trim().split(/\s+/).slice(1, 3)).toEqual([q.estimate.toFixed(3), q.se!.toFixed(3)]);
    }
  });
  it('df = 0: one column (the result has no scaled test), no error', () => {
    const s = formatCfa(saturated).split('\n');
    expect(s).toContain('  Estimator                                       DWLS');
    expect(s).toContain('  Test statistic                                 0.000');
    expect(s).toContain('  Degrees of freedom                                 0');
    expect(s).not.toContain('  Shift parameter');
    expect(s).toContain('Thresholds:');
  });
  it('the text is the same for any names of the variables, but for the names (property)', () => {
    const names = [...fit.latent, ...fit.columns];
    const tokens = (t: string) => t.split(/\s+/).filter((x) => x !== '');
    const original = tokens(formatCfa(fit));
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/), { minLength: names.length, maxLength: names.length }), (fresh) => {
        const map = new Map(names.map((v, i) => [v, fresh[i]!]));
        const to = (v: string) => map.get(v) ?? v;
        const mapToken = (t: string): string => {
          if (map.has(t)) return to(t);
          if (t.startsWith('.') && map.has(t.slice(1))) return `.${to(t.slice(1))}`;
          const bar = t.lastIndexOf('|');
          return bar > 0 && map.has(t.slice(0, bar)) ? `${to(t.slice(0, bar))}${t.slice(bar)}` : t;
        };
        expect(tokens(formatCfa(renamed(fit, to)))).toEqual(original.map(mapToken));
      }),
      { numRuns: 20 },
    );
  });
});

/** Renames variables in a result (a plain copy); thresholds keep their `t1`, `t2`, …. */
function renamed(r: SemResult, to: (v: string) => string): SemResult {
  const copy = structuredClone(r) as unknown as { columns: string[]; latent: string[]; parameters: SemParameter[] };
  copy.columns = copy.columns.map(to);
  copy.latent = copy.latent.map(to);
  copy.parameters = copy.parameters.map((q) => ({ ...q, lhs: to(q.lhs), rhs: q.op === '~1' || q.op === '|' ? q.rhs : to(q.rhs) }));
  return copy as unknown as SemResult;
}

group('toApaTable of a WLSMV fit', () => {
  const table = toApaTable(fit);
  const body = table.rows.filter((r): r is readonly TableCell[] => Array.isArray(r));
  it('the loadings and the factor covariance, no thresholds, residual variances, scales or intercepts', () => {
    const sections = table.rows.filter((r) => !Array.isArray(r)).map((r) => (r as { section: string }).section);
    expect(sections).toEqual(['Measurement model (factor loadings)', 'Factor covariances (β = correlation)']);
    expect(body).toHaveLength(12);
    const esse2 = fit.parameters.find((q) => q.op === '=~' && q.rhs === 'esse2')!;
    expect(body[1]!.slice(0, 4)).toEqual(['empathic', 'esse2', esse2.estimate, esse2.se]);
  });
  it('the note: WLSMV, the adjusted χ² with its scaling factor and shift, scaled CFI/TLI, Savalei’s robust RMSEA, SRMR, the thresholds counted', () => {
    expect(table.note).toContain('n = 228. WLSMV (diagonally weighted least squares on polychoric correlations, robust standard errors), listwise deletion (40 rows with missing values left out).');
    expect(table.note).toContain(
      'Mean-and-variance adjusted χ²(43) = 32.26, p = .885 (scaling factor = 0.55, shift = 5.89; unadjusted χ²(43) = 14.45, p > .999); scaled CFI = 1.00; scaled TLI = 1.01; robust RMSEA = .00, 90% CI [.00, .03] (Savalei, 2021); SRMR = .03.',
    );
    expect(table.note).toContain('Thresholds of the ordered indicators (44) are not shown.');
    expect(toMarkdown(fit)).toBe(tableToMarkdown(table));
    parseXml(tableToHtml(table));
  });
  it('without a robust RMSEA the scaled one; with df = 0 the plain χ²', () => {
    const copy = JSON.parse(JSON.stringify(fit)) as { fit: { robust: unknown } };
    copy.fit.robust = null;
    expect(toApaTable(copy as unknown as SemResult).note).toContain('scaled TLI = 1.01; scaled RMSEA = .00, 90% CI [.00, .02]; SRMR = .03.');
    const note = toApaTable(saturated).note!;
    expect(note).toContain('χ²(0) = 0.00; CFI = 1.00; TLI = 1.00; RMSEA = .00, 90% CI [.00, .00]; SRMR = .00.');
    expect(note).toContain('Thresholds of the ordered indicators (12) are not shown.');
  });
});

group('semDiagramSvg of a WLSMV fit', () => {
  it('draws the loadings, the covariance and the latent responses’ residual variances; thresholds and scales are not drawn', () => {
    const root = parseXml(semDiagramSvg(fit));
    const groups = (cls: string) => findAll(root, 'g').filter((g) => g.attributes.class === cls);
    expect(groups('loading')).toHaveLength(11);
    expect(groups('covariance')).toHaveLength(1);
    expect(groups('residual').map((g) => g.attributes['data-path'])).toEqual(fit.columns.map((v) => `${v} ~~ ${v}`));
    const paths = findAll(root, 'g').map((g) => g.attributes['data-path'] ?? '');
    expect(paths.some((p) => p.includes('|') || p.includes('~*~'))).toBe(false);
    const label = (path: string) => textContent(findAll(root, 'text').find((t) => t.attributes.class === 'label' && t.attributes['data-path'] === path)!);
    expect(label('empathic =~ esse2')).toBe('.68');
    expect(label('esse1 ~~ esse1')).toBe('.43');
  });
});

group('a malformed WLSMV result: INVALID_INPUT naming the field', () => {
  const index = (op: string, lhs: string) => fit.parameters.findIndex((q) => q.op === op && q.lhs === lhs);
  const threshold = index('|', 'esse2');
  const scale = index('~*~', 'esse3');
  const edit = (f: (x: Record<string, unknown>) => void): SemResult => {
    const copy = JSON.parse(JSON.stringify(fit)) as Record<string, unknown>;
    f(copy);
    return copy as unknown as SemResult;
  };
  const param = (x: Record<string, unknown>, i: number) => (x.parameters as Record<string, unknown>[])[i]!;
  const scaled = (x: Record<string, unknown>) => (x.fit as Record<string, Record<string, unknown>>).scaled!;
  const cases: [SemResult, string, string][] = [
    [edit((x) => (scaled(x).shift = 'b')), 'result.fit.scaled.shift', 'a number'],
    [edit((x) => delete scaled(x).shift), 'result.fit.scaled.shift', 'a number'],
    [edit((x) => (scaled(x).shift = null)), 'result.fit.scaled.shift', 'a number'],
    [edit((x) => ((x.fit as Record<string, unknown>).aic = 'none')), 'result.fit.aic', 'a number'],
    [edit((x) => (param(x, threshold).rhs = 'esse1')), `result.parameters[${threshold}].rhs`, 'a threshold name'],
    [edit((x) => (param(x, threshold).lhs = 'empathic')), `result.parameters[${threshold}].lhs`, 'an observed variable'],
    [edit((x) => (param(x, threshold).se = 'x')), `result.parameters[${threshold}].se`, 'a number'],
    [edit((x) => (param(x, scale).rhs = 'esse4')), `result.parameters[${scale}].rhs`, 'the indicator the scale factor belongs to'],
    [edit((x) => (param(x, scale).lhs = 'nobody')), `result.parameters[${scale}].lhs`, 'an observed variable'],
    [edit((x) => (param(x, threshold).op = '||')), `result.parameters[${threshold}].op`, 'one of'],
    [edit((x) => (x.estimator = 'WLSMVS')), 'result.estimator', '"WLSMV"'],
    [edit((x) => (x.estimator = 'ML')), `result.fit.logLikelihood`, 'null only under WLSMV'],
  ];
  it.each(cases.map(([bad, field, what], i) => [i, bad, field, what] as const))('case %i', (_, bad, field, what) => {
    for (const [name, f] of [
      ['toApaTable', () => toApaTable(bad)],
      ['formatCfa', () => formatCfa(bad)],
      ['semDiagramSvg', () => semDiagramSvg(bad)],
    ] as const) {
      const e = errorOf(f);
      expect(e?.code, name).toBe('INVALID_INPUT');
      expect(e!.message).toContain(`${name}: \`${field}\` must be`);
      expect(e!.message).toContain(what);
    }
  });
  it('an ML result relabelled WLSMV is refused where its thresholds would be: a threshold row under ML names the op', () => {
    const copy = edit((x) => (x.estimator = 'ML'));
    // The likelihood fields come first; with them filled in, the threshold row is named.
    for (const k of ['logLikelihood', 'unrestrictedLogLikelihood', 'aic', 'bic', 'sabic']) (copy.fit as unknown as Record<string, unknown>)[k] = 0;
    (copy.fit as unknown as { scaled: null }).scaled = null;
    expect(errorOf(() => formatCfa(copy))!.message).toContain(`formatCfa: \`result.parameters[${fit.parameters.findIndex((q) => q.op === '|')}].op\``);
  });
  it('the result as cfa returned it passes, reliability with its ordinal α included, and is not changed', () => {
    expect(fit.reliability.every((r) => typeof r.alphaOrdinal === 'number')).toBe(true);
    const copy = structuredClone(fit);
    formatCfa(fit);
    toApaTable(fit);
    semDiagramSvg(fit);
    expect(fit).toEqual(copy);
  });
});
