// The APA tables of omega, kmo, velicerMap, parallelAnalysis, correlationMatrix, rotate,
// pathModel and bootstrap, against psych's numbers where the fixtures have them, and `dimBelow`.
import { describe as group, expect, it } from 'vitest';
import {
  bootstrap,
  correlationMatrix,
  efa,
  formatInterval,
  formatNumber,
  instruments,
  kmo,
  omega,
  parallelAnalysis,
  pathModel,
  rotate,
  tableToHtml,
  tableToMarkdown,
  tableToText,
  toApaTable,
  velicerMap,
  type ReportTable,
  type TableCell,
} from '../../src/index.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { peer, reference } from '../helpers/peer.js';
import { findAll, parseXml, textContent } from '../helpers/xml.js';
import { printed } from '../helpers/tables.js';

const rows = loadCsv('peer-workers.csv');
const esse = instruments.esse({ prefix: 'esse' });
const input = { columns: esse.items, missing: 'listwise' as const };
const extra = loadJson('factor-extra.json');
const map = loadJson('map.json');
const polychoric = loadJson('peer-workers.polychoric.json');
const bounded = (x: number, decimals = 2) => formatNumber(x, { leadingZero: false, decimals });


function row(table: ReportTable, first: string): string[] {
  const r = printed(table).find((x) => x.length > 1 && x[0] === first);
  if (!r) throw new Error(`no row "${first}" in ${table.title}`);
  return r;
}

function sections(table: ReportTable): string[] {
  return table.rows.filter((r): r is { section: string } => !Array.isArray(r)).map((r) => r.section);
}

group('omega', () => {
  const ref = extra.omega.esse_3_ml;
  const r = omega(rows, { ...input, factors: 3, extraction: 'ml' });
  const table = toApaTable(r);
  it("puts psych's ω_h and ω_t in the title; ω_limit, α, λ6 and ECV in the note", () => {
    expect(table.title).toBe(`McDonald's ω hierarchical = ${bounded(ref.omegaHierarchical)}, ω total = ${bounded(ref.omegaTotal)}`);
    expect(table.note).toContain(`ω limit = ${bounded(ref.omegaLimit)}`);
    expect(table.note).toContain(`standardized α = ${bounded(ref.alpha)}`);
    expect(table.note).toContain(`Guttman's λ6 = ${bounded(ref.lambda6)}`);
    expect(table.note).toContain(`(ECV) = ${bounded(ref.ecv)}`);
    expect(table.note).toContain('n = 228. Schmid–Leiman solution as psych::omega: 3 group factors by maximum likelihood extraction, oblimin rotation');
  });
  it('prints g and group loadings, h², u² and p² per item (psych::omega), without leading zeros', () => {
    expect(table.columns.map((c) => c.label)).toEqual(['Item', 'g', 'F1*', 'F2*', 'F3*', 'h²', 'u²', 'p²']);
    esse.items.forEach((item, i) => {
      expect(row(table, item)).toEqual([
        item,
        bounded(ref.general[i]),
        ...(ref.groupLoadings[i] as number[]).map((v) => bounded(v)),
        bounded(ref.communalities[i]),
        bounded(ref.uniquenesses[i]),
        bounded(ref.generalProportion[i]),
      ]);
    });
  });
  it("adds SS loadings and psych's omega.group as three rows under g, F1*, F2*, F3*", () => {
    expect(sections(table)).toEqual(['Variance accounted for', 'ω by factor (psych::omega.group)']);
    const ss = (v: readonly number[]) => v.reduce((a, x) => a + x * x, 0);
    expect(row(table, 'SS loadings').slice(0, 2)).toEqual(['SS loadings', formatNumber(ss(ref.general))]);
    expect(row(table, 'ω total').slice(1, 5)).toEqual((ref.groupTotal as number[]).map((v) => bounded(v)));
    expect(row(table, 'ω general (g)').slice(1, 5)).toEqual((ref.groupGeneral as number[]).map((v) => bounded(v)));
    expect(row(table, 'ω group').slice(1, 5)).toEqual((ref.groupGroup as number[]).map((v) => bounded(v)));
    expect(table.note).toMatch(/Items of each group factor \(largest group loading\): F1\* esse7, esse8, esse9, esse10, esse11; F2\* esse1/);
  });
  it('one factor: g only, no group columns, and the warning in the note', () => {
    const one = omega(rows, { ...input, factors: 1 });
    const t = toApaTable(one);
    expect(t.columns.map((c) => c.label)).toEqual(['Item', 'g', 'h²', 'u²', 'p²']);
    expect(t.note).toContain(one.warnings[0]!.message);
    expect(t.note).toContain('one factor, so g is that factor');
  });
  it('marks items reversed because they load negatively on g', () => {
    const flipped = rows.map((x) => ({ ...x, esse3: x.esse3 === '' ? '' : String(6 - Number(x.esse3)) }));
    const t = toApaTable(omega(flipped, { ...input, factors: 3 }));
    expect(printed(t).map((x) => x[0])).toContain('esse3 (R)');
    expect(t.note).toContain('(R) = reversed because it loads negatively on g');
  });
});

group('kmo', () => {
  const ref = reference.sampling.esse;
  const table = toApaTable(kmo(rows, input));
  it("prints psych::KMO's MSA per item with Kaiser's label, then the overall MSA", () => {
    esse.items.forEach((item, i) => expect(row(table, item)).toEqual([item, bounded(ref.msa[i]), ref.msa[i] >= 0.9 ? 'marvelous' : 'meritorious']));
    expect(sections(table)).toEqual(['All items']);
    expect(row(table, 'Overall MSA')).toEqual(['Overall MSA', bounded(ref.kmo), 'marvelous']);
    expect(table.title).toBe(`Kaiser–Meyer–Olkin measure of sampling adequacy: overall MSA = ${bounded(ref.kmo)} (marvelous)`);
    expect(table.note).toMatch(/^n = 228\. .*Kaiser's \(1974\) labels: ≥ \.90 marvelous.*below \.50 unacceptable\.$/);
  });
  it('labels each item by its own MSA', () => {
    // esse1 made nearly unrelated to the others: its MSA drops, the others stay high.
    const noisy = rows.map((x, i) => ({ ...x, esse1: String(1 + ((i * 7) % 5)) }));
    const r = kmo(noisy, input);
    const t = toApaTable(r);
    const label = row(t, 'esse1')[2];
    expect(label).not.toBe('marvelous');
    expect(['meritorious', 'middling', 'mediocre', 'miserable', 'unacceptable']).toContain(label);
  });
});

group('velicerMap', () => {
  const ref = map.esse_listwise;
  const r = velicerMap(rows, input);
  const table = toApaTable(r);
  it("prints psych's average squared and fourth-power partials by m, with four decimals", () => {
    const body = printed(table);
    expect(body).toHaveLength(ref.squared.length);
    body.forEach((x, m) => {
      expect(x[0]).toBe(String(m));
      expect(x[2]).toBe(bounded(ref.squared[m], 4));
      expect(x[3]).toBe(bounded(ref.fourthPower[m], 4));
    });
    expect(body[0]![1]).toBe('');
    expect(body[1]![1]).toBe(formatNumber(ref.eigenvalues[0]));
  });
  it('marks the minima and names the suggested numbers, singular where one', () => {
    const body = printed(table);
    expect(body.map((x) => x[4])).toEqual(body.map((_, m) => (m === 1 ? 'r², r⁴' : '')));
    expect(table.title).toBe("Velicer's minimum average partial (MAP) test: 1 component");
    expect(table.note).toContain('1 component by the squared partials, 1 component by the fourth powers.');
    expect(table.note).not.toContain('(s)');
  });
});

group('parallelAnalysis', () => {
  const r = parallelAnalysis(rows, { ...input, resamples: 20, seed: 3 });
  const table = toApaTable(r);
  it('prints observed, simulated and resampled eigenvalues per position, components then factors', () => {
    expect(table.columns.map((c) => c.label)).toEqual(['Number', 'Observed', 'Simulated (95th percentile)', 'Resampled (95th percentile)']);
    expect(sections(table)).toEqual(['Principal components', 'Factors (one-factor minimum residual communalities)']);
    const body = printed(table).filter((x) => x.length > 1);
    expect(body).toHaveLength(22);
    r.observed.components.forEach((v, i) => expect(body[i]).toEqual([String(i + 1), formatNumber(v), formatNumber(r.simulated.components.quantile[i]), formatNumber(r.resampled!.components.quantile[i])]));
    r.observed.factors.forEach((v, i) => expect(body[11 + i]!.slice(0, 3)).toEqual([String(i + 1), formatNumber(v), formatNumber(r.simulated.factors.quantile[i])]));
  });
  it('says the suggested numbers (singular for one) and how the data were simulated', () => {
    expect(table.title).toBe(`Parallel analysis: ${r.suggestedFactors} factor${r.suggestedFactors === 1 ? '' : 's'}, ${r.suggestedComponents} component${r.suggestedComponents === 1 ? '' : 's'}`);
    expect(table.note).toContain('the 95th percentile of the eigenvalues of 20 normal random data sets of the same size (seed 3)');
    expect(table.note).toMatch(/suggest 1 factor and 1 component\.$/);
  });
  it('has no resampled column for a correlation matrix, and names another quantile', () => {
    const cor = correlationMatrix(rows, input);
    const t = toApaTable(parallelAnalysis(cor, { resamples: 20, seed: 3, quantile: 0.5 }));
    expect(t.columns.map((c) => c.label)).toEqual(['Number', 'Observed', 'Simulated (50th percentile)']);
    expect(t.note).not.toContain('resampled');
  });
});

group('correlationMatrix', () => {
  it('polychoric: the lower triangle of psych::polychoric, variables numbered, method in the note', () => {
    const r = correlationMatrix(rows, { ...input, method: 'polychoric' });
    const table = toApaTable(r, { labels: { esse1: 'Item 1' } });
    const body = printed(table);
    const rho = polychoric.rho as number[][];
    body.forEach((x, i) => {
      expect(x[0]).toBe(`${i + 1}. ${i === 0 ? 'Item 1' : esse.items[i]}`);
      for (let j = 0; j < 11; j++) expect(x[j + 1]).toBe(j < i ? bounded(rho[i]![j]!) : j === i ? '\u2014' : '');
    });
    expect(table.title).toBe('Polychoric correlations');
    expect(table.note).toMatch(/^n = 228 \(complete cases\)\. Polychoric correlations \(thresholds from each item’s marginal distribution, as psych::polychoric\)/);
  });
  it('Pearson, pairwise: the n range and no significance stars', () => {
    const r = correlationMatrix(rows, { columns: esse.items.slice(0, 3) });
    const table = toApaTable(r);
    expect(row(table, '2. esse2')).toEqual(['2. esse2', bounded(r.matrix[1]![0]!), '\u2014', '']);
    expect(table.note).toMatch(/^Pairwise n = \d+–\d+\. Pearson correlations\. No significance tests/);
  });
});

group('rotate', () => {
  const unrotated = efa(rows, { ...input, factors: 2, extraction: 'pa', rotation: 'none' });
  const r = rotate(unrotated.loadings, { rotation: 'oblimin' });
  const table = toApaTable(r, { labels: Object.fromEntries(esse.items.map((item, i) => [`V${i + 1}`, item])) });
  it('prints the rotated loadings and h² (unchanged by the rotation), then Φ', () => {
    esse.items.forEach((item, i) => {
      expect(row(table, item)).toEqual([item, ...r.loadings[i]!.map((v) => bounded(v)), bounded(unrotated.communalities[i]!)]);
    });
    expect(sections(table)).toEqual(['Factor correlations (Φ)']);
    expect(row(table, 'F2')).toEqual(['F2', bounded(r.phi[1]![0]!), '\u2014', '']);
    expect(table.title).toBe('Rotated loadings: 2 factors, oblimin rotation');
    expect(table.note).toMatch(/^Oblimin rotation, converged in \d+ iterations \(criterion \d\.\d\d\)\. Columns as the rotation returns them/);
    expect(table.note).not.toContain('V1–V11'); // every variable has a label
  });
  it('names unlabelled variables V1…, and has no Φ block for an orthogonal rotation', () => {
    const t = toApaTable(rotate(unrotated.loadings, { rotation: 'varimax' }));
    expect(printed(t).map((x) => x[0])).toEqual(esse.items.map((_, i) => `V${i + 1}`));
    expect(sections(t)).toEqual([]);
    expect(t.note).toContain('V1–V11: the variables in the order of the rows given.');
  });
});

group('pathModel', () => {
  const spec = {
    equations: [
      { outcome: 'ss', predictors: ['esse'] },
      { outcome: 'pwb', predictors: ['esse', 'ss'], name: 'well-being' },
    ],
    effects: { 'esse → ss → pwb': (b: (e: string, t: string) => number) => b('ss', 'esse') * b('well-being', 'ss') },
  };
  const r = pathModel(peer, { ...spec, resamples: 1000, seed: 4 });
  const table = toApaTable(r, { labels: { esse: 'Self-efficacy' } });
  it('has a block per equation headed by R² and F, then the effects with bootstrap SE and CI', () => {
    const heads = sections(table);
    expect(heads[0]).toMatch(/^Outcome: ss — R² = \.\d\d, F\(1, 265\) = \d+\.\d\d, p < \.001$/);
    expect(heads[1]).toMatch(/^Equation well-being, outcome: pwb — R² = /);
    expect(heads[2]).toBe('Effects');
    const e = r.effects[0]!;
    expect(row(table, 'esse → ss → pwb')).toEqual(['esse → ss → pwb', formatNumber(e.estimate), formatNumber(e.se), '', '', formatInterval(e.lower, e.upper)]);
    expect(row(table, 'Self-efficacy').slice(1, 2)).toEqual([formatNumber(r.equations[0]!.coefficients[1]!.estimate)]);
  });
  it('says how it was bootstrapped, or that it was not', () => {
    expect(table.note).toContain('n = 267 (1 row with missing values dropped), the same for every equation.');
    expect(table.note).toContain('Effects: bootstrap SE and percentile 95% CI from 1,000 resamples (seed 4).');
    const none = toApaTable(pathModel(peer, { ...spec, resamples: 0 }));
    expect(none.note).toContain('No bootstrap was run, so the effects have no SE or CI.');
    expect(row(none, 'esse → ss → pwb').slice(2)).toEqual(['\u2014', '', '', '\u2014']);
  });
});

group('bootstrap', () => {
  const mean = (x: Float64Array, n: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i]!;
    return s / n;
  };
  const r = bootstrap(peer, { columns: ['esse', 'pwb'], statistic: ([x, y], n) => [mean(y!, n) - mean(x!, n), mean(x!, n)], resamples: 1000, seed: 5, interval: 'bias-corrected' });
  const table = toApaTable(r, { labels: { 1: 'Mean difference' } });
  it("prints each statistic's estimate, bootstrap SE and CI; rows labelled by position", () => {
    const body = printed(table);
    expect(body).toEqual(r.statistics.map((s, j) => [j === 0 ? 'Mean difference' : 'Statistic 2', formatNumber(s.estimate), formatNumber(s.se), formatInterval(s.lower, s.upper)]));
    expect(table.columns.map((c) => c.label)).toEqual(['Statistic', 'Estimate', 'SE', '95% CI']);
  });
  it('keeps the bootstrap bookkeeping in the note', () => {
    expect(table.title).toBe('Bootstrap estimates (1,000 resamples)');
    expect(table.note).toBe('n = 267 (1 row with missing values dropped). Case-resampling bootstrap: SE = standard deviation of the 1,000 resampled estimates; bias-corrected 95% CI (seed 5).');
  });
});

group('dimBelow', () => {
  const two = efa(rows, { ...input, factors: 2, extraction: 'pa', rotation: 'oblimin' });
  const dimmedTexts = (table: ReportTable) =>
    findAll(parseXml(tableToHtml(table)), 'td')
      .filter((td) => td.attributes.class === 'dim')
      .map(textContent);
  it('efa: dims exactly the loadings below the threshold, never h², u², SS loadings or Φ', () => {
    const table = toApaTable(two, { dimBelow: 0.3 });
    const small = two.loadings.flat().filter((v) => Math.abs(v) < 0.3);
    expect(small.length).toBeGreaterThan(0);
    expect(dimmedTexts(table)).toEqual(two.loadings.flatMap((l) => l.filter((v) => Math.abs(v) < 0.3).map((v) => bounded(v))));
    const cells = table.rows.filter((x): x is readonly TableCell[] => Array.isArray(x));
    expect(cells.filter((x) => ['SS loadings', 'Proportion of variance', 'F1', 'F2'].includes(x[0] as string)).flat().some((c) => typeof c === 'object' && c !== null)).toBe(false);
    expect(table.note).toContain('Loadings below .30 in absolute value are dimmed (grey in HTML).');
  });
  it('text and Markdown print the same numbers as without it; only the note differs', () => {
    const plain = toApaTable(two);
    const dim = toApaTable(two, { dimBelow: 0.3 });
    expect(tableToText({ ...dim, note: '' })).toBe(tableToText({ ...plain, note: '' }));
    expect(tableToMarkdown({ ...dim, note: '' })).toBe(tableToMarkdown({ ...plain, note: '' }));
    expect(dimmedTexts(plain)).toEqual([]);
    expect(plain.note).not.toContain('dimmed');
  });
  it('omega dims g and group loadings; rotate its loadings; the threshold prints with its own decimals', () => {
    const om = omega(rows, { ...input, factors: 3 });
    const t = toApaTable(om, { dimBelow: 0.275 });
    const expected = om.columns.flatMap((_, i) => [om.generalLoadings[i]!, ...om.groupLoadings[i]!].filter((v) => Math.abs(v) < 0.275).map((v) => bounded(v)));
    expect(dimmedTexts(t)).toEqual(expected);
    expect(t.note).toContain('Loadings below .275 in absolute value are dimmed');
    const rot = rotate(efa(rows, { ...input, factors: 2, rotation: 'none' }).loadings, { rotation: 'varimax' });
    expect(dimmedTexts(toApaTable(rot, { dimBelow: 0.4 }))).toEqual(rot.loadings.flat().filter((v) => Math.abs(v) < 0.4).map((v) => bounded(v)));
  });
  it('tables without loadings ignore it', () => {
    const k = kmo(rows, input);
    expect(toApaTable(k, { dimBelow: 0.3 })).toEqual(toApaTable(k));
  });
});
