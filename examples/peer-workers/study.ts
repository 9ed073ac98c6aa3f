// The peer-worker study as one function: scales → reliability → factor structure → distribution
// of recovery → mediation (H1–H4, parallel, serial) → correlations → hierarchical regression,
// with a report as text, Markdown and HTML. No Node built-ins here: main.ts does the file I/O,
// so the same function runs in a browser, a worker or a test.
//
// In your own project, import from 'psychkit' instead of '../../src/index.js'.
import {
  bartlettSphericity,
  compareTransforms,
  correlations,
  cronbachAlpha,
  descriptives,
  efa,
  formatInterval,
  formatNumber,
  formatP,
  formatProcess,
  hierarchicalRegression,
  instruments,
  kmo,
  kurtosis,
  normalityTests,
  parallelAnalysis,
  pathDiagramSvg,
  processModel,
  scoreScale,
  screePlotSvg,
  skewness,
  toApaTable,
  toHtmlReport,
  toMarkdownReport,
  toTextReport,
  type BartlettResult,
  type CompareTransformsResult,
  type CorrelationsResult,
  type CronbachAlphaResult,
  type DescriptivesResult,
  type EfaResult,
  type HierarchicalResult,
  type KmoResult,
  type NormalityTestsResult,
  type ParallelAnalysisResult,
  type ProcessOptions,
  type ProcessResult,
  type ReportSection,
  type ReportTable,
  type ScaleDefinition,
  type ScaleScores,
} from '../../src/index.js';

/** The survey as row objects, e.g. from d3-dsv's `csvParse` (numbers as strings, '' = missing). */
export type SurveyRows = readonly Record<string, unknown>[];

/** Options of {@link runStudy}. */
export interface StudyOptions {
  /** Bootstrap resamples for every mediation model. Default 5,000 (PROCESS's default). */
  readonly resamples?: number;
  /** Seed of every bootstrap and of parallel analysis. Default 42. */
  readonly seed?: number;
  /** Called while bootstrapping: which model, resamples done, resamples in all. */
  readonly onProgress?: (stage: string, done: number, total: number) => void;
}

/** The five scales, keyed as the models name them. */
export type ScaleKey = 'esse' | 'ss' | 'si' | 'pwb' | 'rec';

export interface ScaleOutcome {
  readonly key: ScaleKey;
  readonly name: string;
  readonly definition: ScaleDefinition;
  readonly scores: ScaleScores;
  readonly alpha: CronbachAlphaResult;
}

export interface Hypothesis {
  readonly id: 'H1' | 'H2' | 'H3' | 'H4';
  readonly mediator: 'ss' | 'si';
  readonly outcome: 'pwb' | 'rec';
  readonly result: ProcessResult<4>;
  /** a (X → M), b (M → Y), c′ (direct), c (total), ab (indirect) with its bootstrap CI. */
  readonly paths: MediationSummary;
}

export interface MediationSummary {
  readonly a: number;
  readonly aP: number;
  readonly b: number;
  readonly bP: number;
  readonly cPrime: number;
  readonly cPrimeP: number;
  readonly c: number;
  readonly cP: number;
  readonly indirect: number;
  readonly lower: number;
  readonly upper: number;
}

export interface StudyResult {
  readonly n: number;
  readonly settings: { readonly resamples: number; readonly seed: number };
  readonly scales: readonly ScaleOutcome[];
  readonly factor: {
    readonly items: readonly string[];
    readonly kmo: KmoResult;
    readonly bartlett: BartlettResult;
    readonly parallel: ParallelAnalysisResult;
    readonly oneFactor: EfaResult;
    readonly twoFactor: EfaResult;
  };
  readonly recovery: {
    readonly describe: DescriptivesResult;
    /** Skewness and excess kurtosis of the recovery score by psych's types 1–3. */
    readonly moments: readonly { readonly type: 1 | 2 | 3; readonly skewness: number; readonly kurtosis: number }[];
    readonly normality: NormalityTestsResult;
    readonly transforms: CompareTransformsResult;
  };
  readonly hypotheses: readonly Hypothesis[];
  readonly parallel: ProcessResult<4>;
  readonly serial: ProcessResult<6>;
  readonly correlations: CorrelationsResult;
  readonly hierarchical: HierarchicalResult;
  readonly figures: { readonly scree: string; readonly paths: Readonly<Record<string, string>> };
  /** Section headings, in order (the same in every rendering). */
  readonly headings: readonly string[];
  readonly report: { readonly text: string; readonly markdown: string; readonly html: string };
}

export const TITLE = 'Peer workers: self-efficacy, social support, isolation, well-being and recovery';

const LABELS: Record<string, string> = {
  esse: 'Self-efficacy',
  ss: 'Social support',
  si: 'Social isolation',
  pwb: 'Well-being',
  rec: 'Recovery',
  gender: 'Gender (female)',
  education: 'Education',
  marital: 'Marital status',
};
const COVARIATES = ['gender', 'education', 'marital'];
/** marital is categorical, dummy-coded against never married (as reference.R declares it). */
const CATEGORICAL = { marital: { levels: ['never', 'married', 'divorced', 'widowed', 'partnered'], reference: 'never' } };

/**
 * The five scales. Catalog entries with the study's scoring rule: the mean of the answered items
 * when at least 80% are answered. PWB's anchors run agree → disagree, so the catalog reverses its
 * ten positively worded items (1, 2, 3, 8, 9, 11, 12, 13, 17, 18); the PROMIS short form is
 * scored as a mean (1–5) instead of its published raw sum, as in the study.
 */
export function studyScales(): { key: ScaleKey; name: string; definition: ScaleDefinition }[] {
  const rule = { minAnswered: 0.8 };
  return [
    { key: 'esse', name: 'ESSE (self-efficacy)', definition: instruments.esse({ prefix: 'esse', ...rule }) },
    { key: 'ss', name: 'MSPSS (social support)', definition: instruments.mspss({ prefix: 'mspss', id: 'ss', ...rule }) },
    { key: 'si', name: 'PROMIS SI 6a (social isolation)', definition: instruments.promisSocialIsolation6a({ prefix: 'si', id: 'si', score: 'mean', ...rule }) },
    { key: 'pwb', name: 'PWB-18 (well-being)', definition: instruments.pwb18({ prefix: 'pwb', id: 'pwb', anchors: 'agree-disagree', response: { min: 1, max: 7 }, ...rule }) },
    { key: 'rec', name: 'RAS-24 (recovery)', definition: instruments.ras24({ prefix: 'ras', id: 'rec', ...rule }) },
  ];
}

function coefficient(eq: ProcessResult['equations'][number], term: string): { b: number; p: number } {
  const c = eq.coefficients.find((x) => x.term === term);
  if (c === undefined) throw new Error(`no coefficient ${term} in the equation for ${eq.outcome}`);
  return { b: c.estimate, p: c.p };
}

/** a, b, c′, c and ab of a one-mediator model 4. */
export function mediationSummary(r: ProcessResult<4>): MediationSummary {
  const [mEquation, yEquation] = r.equations;
  const m = r.variables.m[0] as string;
  const a = coefficient(mEquation!, r.variables.x);
  const b = coefficient(yEquation!, m);
  const ind = r.indirectEffects[0]!;
  return {
    a: a.b,
    aP: a.p,
    b: b.b,
    bP: b.p,
    cPrime: r.directEffect.estimate,
    cPrimeP: r.directEffect.p,
    c: r.totalEffect!.estimate,
    cP: r.totalEffect!.p,
    indirect: ind.estimate,
    lower: ind.lower!,
    upper: ind.upper!,
  };
}

const n2 = (x: number) => formatNumber(x);
const b2 = (x: number) => formatNumber(x, { leadingZero: false });

/** Runs the whole analysis on the survey's rows (as d3-dsv's csvParse gives them). */
export function runStudy(rows: SurveyRows, options: StudyOptions = {}): StudyResult {
  const B = options.resamples ?? 5000;
  const seed = options.seed ?? 42;
  const progress = options.onProgress;

  // 1. Scales: score, and Cronbach's alpha on the reverse-keyed items (pairwise, as psych).
  const scales: ScaleOutcome[] = studyScales().map((s) => ({
    ...s,
    scores: scoreScale(rows, { scale: s.definition }),
    alpha: cronbachAlpha(rows, { scale: s.definition }),
  }));
  const score = (key: ScaleKey) => (scales.find((s) => s.key === key) as ScaleOutcome).scores.scores;
  const nRows = scales[0]!.scores.n;

  // 2. ESSE factor structure, on the listwise-complete items (as the reference).
  const items = scales[0]!.definition.items;
  const factorInput = { columns: items, missing: 'listwise' as const };
  const factor = {
    items,
    kmo: kmo(rows, factorInput),
    bartlett: bartlettSphericity(rows, factorInput),
    parallel: parallelAnalysis(rows, { ...factorInput, extraction: 'pa', resamples: 100, seed }),
    oneFactor: efa(rows, { ...factorInput, factors: 1, extraction: 'pa', rotation: 'none' }),
    twoFactor: efa(rows, { ...factorInput, factors: 2, extraction: 'pa', rotation: 'oblimin' }),
  };

  // 3. The recovery score: shape and transforms.
  const rec = score('rec');
  const recovery = {
    describe: descriptives(rec, { name: 'rec' }),
    moments: ([1, 2, 3] as const).map((type) => ({ type, skewness: skewness(rec, { type }), kurtosis: kurtosis(rec, { type }) })),
    normality: normalityTests(rec),
    transforms: compareTransforms(rec),
  };

  // 4. Mediation: scale scores next to the covariates.
  const data = {
    esse: score('esse'),
    ss: score('ss'),
    si: score('si'),
    pwb: score('pwb'),
    rec,
    ...Object.fromEntries(COVARIATES.map((c) => [c, rowsColumn(rows, c)])),
  };
  const common = { covariates: COVARIATES, categorical: CATEGORICAL, resamples: B, seed };
  const run = <M extends 4 | 6>(stage: string, o: { model: M; m: string | string[]; y: string; contrasts?: boolean }): ProcessResult<M> =>
    processModel(data, { ...common, x: 'esse', ...o, ...(progress ? { onProgress: (done: number, total: number) => progress(stage, done, total) } : {}) } as ProcessOptions) as ProcessResult<M>;
  const specs = [
    { id: 'H1', mediator: 'ss', outcome: 'pwb' },
    { id: 'H2', mediator: 'si', outcome: 'pwb' },
    { id: 'H3', mediator: 'ss', outcome: 'rec' },
    { id: 'H4', mediator: 'si', outcome: 'rec' },
  ] as const;
  const hypotheses: Hypothesis[] = specs.map((h) => {
    const result = run(`${h.id}: esse → ${h.mediator} → ${h.outcome}`, { model: 4, m: h.mediator, y: h.outcome });
    return { ...h, result, paths: mediationSummary(result) };
  });
  const parallel = run('parallel: esse → ss, si → pwb', { model: 4, m: ['ss', 'si'], y: 'pwb', contrasts: true });
  const serial = run('serial: esse → ss → si → pwb', { model: 6, m: ['ss', 'si'], y: 'pwb' });

  // 5. Correlations among the scale scores, and the hierarchical regression of well-being.
  const cor = correlations(data, { columns: ['esse', 'ss', 'si', 'pwb', 'rec'] });
  const hierarchical = hierarchicalRegression(data, { y: 'pwb', steps: [COVARIATES, ['esse'], ['ss', 'si']], categorical: CATEGORICAL });

  // Figures.
  const scree = screePlotSvg(factor.oneFactor.eigenvalues, { simulated: factor.parallel.simulated.components.quantile, title: 'ESSE items: scree plot with parallel analysis', simulatedLabel: 'Random data (95th percentile)', xLabel: 'Component' });
  const paths: Record<string, string> = {};
  for (const h of hypotheses) {
    const p = h.paths;
    paths[h.id] = pathDiagramSvg({ x: LABELS.esse as string, m: LABELS[h.mediator] as string, y: LABELS[h.outcome] as string, paths: { a: { estimate: p.a, p: p.aP }, b: { estimate: p.b, p: p.bP }, cPrime: { estimate: p.cPrime, p: p.cPrimeP }, c: { estimate: p.c, p: p.cP } } }, { title: `${h.id}: ${LABELS.esse} → ${LABELS[h.mediator]} → ${LABELS[h.outcome]}` });
  }
  {
    const [ssEq, siEq, yEq] = parallel.equations;
    const at = (eq: typeof ssEq, term: string) => {
      const c = coefficient(eq!, term);
      return { estimate: c.b, p: c.p };
    };
    paths.parallel = pathDiagramSvg({ x: LABELS.esse as string, m: [LABELS.ss as string, LABELS.si as string], y: LABELS.pwb as string, paths: {
        a: [at(ssEq, 'esse'), at(siEq, 'esse')],
        b: [at(yEq, 'ss'), at(yEq, 'si')],
        cPrime: { estimate: parallel.directEffect!.estimate, p: parallel.directEffect!.p },
        c: { estimate: parallel.totalEffect!.estimate, p: parallel.totalEffect!.p },
      } }, { title: 'Parallel mediation: social support and social isolation' });
  }

  const result = {
    n: nRows,
    settings: { resamples: B, seed },
    scales,
    factor,
    recovery,
    hypotheses,
    parallel,
    serial,
    correlations: cor,
    hierarchical,
    figures: { scree, paths },
  };
  const full = buildSections(result, true);
  const brief = buildSections(result, false);
  return {
    ...result,
    headings: full.map((s) => s.heading),
    report: {
      text: toTextReport(brief, { title: TITLE }),
      markdown: toMarkdownReport(full, { title: TITLE }),
      html: toHtmlReport(full, { title: TITLE }),
    },
  };
}

function rowsColumn(rows: SurveyRows, name: string): unknown[] {
  return rows.map((r) => r[name]);
}

/** "1 component", "2 factors". */
const plural = (n: number, word: string): string => `${thousands(n)} ${word}${n === 1 ? '' : 's'}`;

/** 5000 → "5,000" (no locale, so every runtime prints the same). */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

type Parts = Omit<StudyResult, 'report' | 'headings'>;

/** Tables in the sections so far: toTextReport, toMarkdownReport and toHtmlReport number them in this order. */
function countTables(sections: readonly ReportSection[]): number {
  return sections.reduce((n, s) => n + s.blocks.filter((b) => typeof b === 'object' && 'table' in b).length, 0);
}

/** The report's sections. `full` adds the detailed tables and figures (Markdown/HTML); the terminal gets the summaries. */
export function buildSections(s: Parts, full: boolean): ReportSection[] {
  const opts = { labels: LABELS };
  const B = s.settings.resamples;
  const sections: ReportSection[] = [];

  // Data and scales.
  const scaleTable: ReportTable = {
    title: 'Scales and scores',
    columns: [
      { label: 'Scale' },
      { label: 'Items', format: 'integer' },
      { label: 'Range' },
      { label: 'Reversed items' },
      { label: 'n scored', format: 'integer' },
      { label: 'M' },
      { label: 'SD' },
    ],
    rows: s.scales.map((x) => {
      const d = x.definition;
      const { mean, sd } = descriptives(x.scores.scores).rows[0]!;
      return [x.name, d.items.length, `${d.response.min}–${d.response.max}`, d.reverse.length === 0 ? 'none' : d.reverse.map((name) => d.items.indexOf(name) + 1).join(', '), x.scores.nScored, mean, sd];
    }),
    note: 'Scale score = mean of the answered items when at least 80% of the items are answered, otherwise missing; reversed items are scored min + max − x.',
  };
  sections.push({
    heading: 'Data and scales',
    blocks: [
      `${s.n} mental-health peer workers (synthetic data shaped like a published study; no real person is in it). About 1.5% of item responses are missing.`,
      { table: scaleTable },
    ],
  });

  // Reliability.
  const reliability: ReportTable = {
    title: "Internal consistency (Cronbach's α)",
    columns: [
      { label: 'Scale' },
      { label: 'α', format: 'bounded' },
      { label: '95% CI', align: 'right' },
      { label: 'k', format: 'integer' },
      { label: 'Weakest item' },
      { label: 'Item–rest r', format: 'bounded' },
      { label: 'α if deleted', format: 'bounded' },
    ],
    rows: s.scales.map((x) => {
      const a = x.alpha;
      const worst = a.items.reduce((w, i) => (i.rRest < w.rRest ? i : w));
      return [x.name, a.alpha, formatInterval(a.lower, a.upper, { leadingZero: false }), a.k, worst.column, worst.rRest, worst.alphaIfItemDeleted];
    }),
    note: "α from pairwise item covariances (psych::alpha); Feldt's 95% CI. Weakest item = lowest correlation with the sum of the other items.",
  };
  sections.push({
    heading: 'Reliability',
    blocks: [{ table: reliability }, ...(full ? s.scales.map((x) => ({ table: toApaTable(x.alpha, { title: `Item analysis: ${x.name}, α = ${b2(x.alpha.alpha)}` }) })) : [])],
  });

  // Factor structure.
  const f = s.factor;
  const eig = f.oneFactor.eigenvalues;
  const total = eig.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  const eigenTable: ReportTable = {
    title: 'Eigenvalues of the ESSE item correlations',
    columns: [
      { label: 'Component', format: 'integer' },
      { label: 'Eigenvalue' },
      { label: '% of variance', format: { decimals: 1 } },
      { label: 'Cumulative %', format: { decimals: 1 } },
      { label: 'Random data (95th pct.)' },
    ],
    rows: eig.map((v, i) => [i + 1, v, (100 * v) / total, (cumulative += (100 * v) / total), f.parallel.simulated.components.quantile[i]]),
    note: `n = ${f.oneFactor.n} respondents who answered every ESSE item. Parallel analysis: ${f.parallel.resamples} random normal data sets of the same size (seed ${String(f.parallel.seed)}); it suggests ${plural(f.parallel.suggestedComponents, 'component')} and ${plural(f.parallel.suggestedFactors, 'factor')}.`,
  };
  sections.push({
    heading: 'Factor structure of the ESSE',
    blocks: [
      `KMO = ${b2(f.kmo.overall)} (${f.kmo.adequacy}); Bartlett's test of sphericity χ²(${f.bartlett.df}) = ${n2(f.bartlett.statistic)}, ${formatP(f.bartlett.p)}.`,
      { table: eigenTable },
      ...(full ? [{ figure: s.figures.scree, caption: 'Scree plot of the ESSE items, with parallel analysis (95th percentile of random-data eigenvalues) and the Kaiser line', file: 'scree.svg' }] : []),
      { table: toApaTable(f.oneFactor, { title: 'One-factor principal-axis solution' }) },
      { table: toApaTable(f.twoFactor, { title: 'Two-factor principal-axis solution, oblimin rotation', dimBelow: 0.3 }) },
    ],
  });

  // Recovery.
  const r = s.recovery;
  const momentTable: ReportTable = {
    title: 'Skewness and excess kurtosis of the recovery score by definition',
    columns: [{ label: 'Type' }, { label: 'Skewness' }, { label: 'Kurtosis' }],
    rows: r.moments.map((m) => [['1: g₁, g₂ (moments)', '2: G₁, G₂ (SAS, SPSS)', '3: b₁, b₂ (psych default)'][m.type - 1] as string, m.skewness, m.kurtosis]),
  };
  sections.push({
    heading: 'Distribution of recovery',
    blocks: [
      'Recovery scores pile up at the top of the scale (a ceiling effect): strong negative skew. A plain square root or log makes it worse; reflecting first, or Box-Cox with λ > 1, corrects it.',
      { table: toApaTable(r.describe, { ...opts, title: 'Recovery score' }) },
      { table: momentTable },
      ...(full ? [{ table: toApaTable(r.normality, { title: 'Tests of normality: recovery' }) }] : []),
      { table: toApaTable(r.transforms, { title: 'Transformations of the recovery score' }) },
    ],
  });

  // Mediation H1–H4. The report numbers its tables in order, so the simple-mediation table's
  // number (for the parallel and serial table's note) is one more than the tables so far.
  const hypothesisNumber = countTables(sections) + 1;
  const hypothesisTable: ReportTable = {
    title: 'Simple mediation (PROCESS model 4): self-efficacy → mediator → outcome',
    columns: [
      { label: 'Hypothesis' },
      { label: 'Mediator → outcome' },
      { label: 'a' },
      { label: 'b' },
      { label: 'c′' },
      { label: 'c' },
      { label: 'ab' },
      { label: '95% boot CI', align: 'right' },
    ],
    rows: s.hypotheses.map((h) => {
      const p = h.paths;
      return [h.id, `${LABELS[h.mediator]} → ${LABELS[h.outcome]}`, p.a, p.b, p.cPrime, p.c, p.indirect, formatInterval(p.lower, p.upper)];
    }),
    note: `Unstandardized coefficients; covariates gender, education and marital status (dummy-coded, reference: never married). a = X → M, b = M → Y, c′ = direct effect, c = total effect, ab = indirect effect with a percentile bootstrap CI (${thousands(B)} resamples, seed ${s.settings.seed}). n = ${s.hypotheses.map((h) => h.result.n).join(', ')}.`,
  };
  const mediationBlocks: ReportSection['blocks'][number][] = [{ table: hypothesisTable }];
  if (full) {
    for (const h of s.hypotheses) {
      mediationBlocks.push({ figure: s.figures.paths[h.id] as string, caption: `${h.id}: ${LABELS.esse} → ${LABELS[h.mediator]} → ${LABELS[h.outcome]}`, file: `path-${h.id.toLowerCase()}.svg` });
    }
  }
  sections.push({ heading: 'Mediation: H1–H4', blocks: mediationBlocks });
  if (full) {
    sections.push({
      heading: 'Mediation: full model tables',
      level: 3,
      blocks: [
        ...s.hypotheses.map((h) => ({ table: toApaTable(h.result, { ...opts, title: `${h.id}: PROCESS model 4` }) })),
        'The same H1 model as PROCESS prints it (formatProcess):',
        { code: formatProcess(s.hypotheses[0]!.result) },
      ],
    });
  }

  // Parallel and serial.
  const effects = (res: ProcessResult<4 | 6>) => [
    ...res.indirectEffects.map((e) => [e.path.map((v) => LABELS[v] ?? v).join(' → '), e.estimate, e.se, formatInterval(e.lower, e.upper)]),
    ...(res.totalIndirectEffect ? [['Total indirect effect', res.totalIndirectEffect.estimate, res.totalIndirectEffect.se, formatInterval(res.totalIndirectEffect.lower, res.totalIndirectEffect.upper)]] : []),
    ...(res.contrasts ?? []).map((e) => [`Contrast: via ${LABELS[e.first] ?? e.first} minus via ${LABELS[e.second] ?? e.second}`, e.estimate, e.se, formatInterval(e.lower, e.upper)]),
    ['Direct effect (c′)', res.directEffect.estimate, res.directEffect.se, formatInterval(res.directEffect.lower, res.directEffect.upper)],
  ];
  const multiple: ReportTable = {
    title: 'Several mediators: self-efficacy → social support / social isolation → well-being',
    columns: [{ label: 'Effect' }, { label: 'Estimate' }, { label: 'SE' }, { label: '95% CI', align: 'right' }],
    rows: [{ section: 'Parallel mediators (model 4)' }, ...effects(s.parallel), { section: 'Serial mediators, social support before isolation (model 6)' }, ...effects(s.serial)],
    note: `Covariates as in Table ${hypothesisNumber}; n = ${s.parallel.n}. Indirect effects: bootstrap SE and percentile CI (${thousands(B)} resamples); direct effect: OLS SE and t-based CI.`,
  };
  sections.push({
    heading: 'Mediation: parallel and serial models',
    blocks: [
      { table: multiple },
      ...(full
        ? [
            { figure: s.figures.paths.parallel as string, caption: 'Parallel mediation through social support and social isolation', file: 'path-parallel.svg' },
            { table: toApaTable(s.parallel, { ...opts, title: 'Parallel mediation: PROCESS model 4 with two mediators' }) },
            { table: toApaTable(s.serial, { ...opts, title: 'Serial mediation: PROCESS model 6' }) },
          ]
        : []),
    ],
  });

  // Correlations and the hierarchical regression.
  sections.push({ heading: 'Correlations', blocks: [{ table: toApaTable(s.correlations, { ...opts, title: 'Correlations among the scale scores' }) }] });
  const h = s.hierarchical;
  const stepTable: ReportTable = {
    title: 'Hierarchical regression of well-being',
    columns: [
      { label: 'Step' },
      { label: 'Added' },
      { label: 'R²', format: 'bounded' },
      { label: 'Adj. R²', format: 'bounded' },
      { label: 'ΔR²', format: 'bounded' },
      { label: 'ΔF' },
      { label: 'df1', format: 'integer' },
      { label: 'df2', format: 'integer' },
      { label: 'p', format: 'p' },
    ],
    rows: h.steps.map((st, i) => [String(i + 1), st.added.map((a) => LABELS[a] ?? a).join(', '), st.rSquared, st.adjustedRSquared, st.rSquaredChange, st.statistic, st.df1, st.df2, st.p]),
    note: `n = ${h.n} complete cases. Step 1: covariates; step 2: self-efficacy; step 3: the two mediators.`,
  };
  sections.push({
    heading: 'Hierarchical regression',
    blocks: [{ table: stepTable }, ...(full ? [{ table: toApaTable(h, { ...opts, title: 'Coefficients at each step' }) }] : [])],
  });
  return sections;
}
