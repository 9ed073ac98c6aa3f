// The peer-worker study as one function: screening (missing data, careless responding) → scales → reliability → factor structure (and its
// cross-validation: EFA on one random half, CFA on the other; the CFA with ordered items and
// across gender) → distribution of recovery →
// mediation (H1–H4, H1 with latent variables, parallel, serial) → correlations → hierarchical regression,
// with a report as text, Markdown and HTML. No Node built-ins here: main.ts does the file I/O,
// so the same function runs in a browser, a worker or a test.
//
// In your own project, import from 'psychkit' instead of '../../src/index.js'.
import {
  missingness,
  screenResponses,
  bartlettSphericity,
  cfa,
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
  invariance,
  kmo,
  kurtosis,
  normalityTests,
  parallelAnalysis,
  pathDiagramSvg,
  processModel,
  randomStream,
  reverseScore,
  scoreScale,
  screePlotSvg,
  sem,
  semDiagramSvg,
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
  type InvarianceModel,
  type InvarianceResult,
  type KmoResult,
  type MissingnessResult,
  type ScreenResponsesResult,
  type NormalityTestsResult,
  type ParallelAnalysisResult,
  type ProcessOptions,
  type ProcessResult,
  type ReportSection,
  type ReportTable,
  type ScaleDefinition,
  type ScaleScores,
  type SemParameter,
  type SemResult,
} from '../../src/index.js';

/** The survey as row objects, e.g. from d3-dsv's `csvParse` (numbers as strings, '' = missing). */
export type SurveyRows = readonly Record<string, unknown>[];

/** Options of {@link runStudy}. */
export interface StudyOptions {
  /** Bootstrap resamples for every mediation model, the latent H1 SEM included (0: no bootstrap; the SEM then has delta-method CIs). Default 5,000 (PROCESS's default). */
  readonly resamples?: number;
  /** Seed of every bootstrap, of parallel analysis and of the cross-validation split. Default 42. */
  readonly seed?: number;
  /** Called while bootstrapping: which model (each PROCESS model, and 'latent H1: …' for the SEM), resamples done, resamples in all. */
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

/** The ESSE's two-factor structure cross-validated: EFA on one random half, CFA on the other. */
export interface CrossValidation {
  /** The seed of the split (the study's seed). */
  readonly seed: number;
  /** 0-based row indices (in file order) of half A, analysed by the EFA, and of half B, by the CFA: disjoint, together every row. */
  readonly halves: { readonly efa: readonly number[]; readonly cfa: readonly number[] };
  /** Two-factor principal-axis EFA with oblimin on half A (listwise-complete items, as the full-sample EFA). */
  readonly efa: EfaResult;
  /** The lavaan model of the CFA. */
  readonly model: string;
  /** Two-factor CFA on half B, ML with FIML for the missing item responses. */
  readonly cfa: SemResult;
}

/** The ESSE's two-factor CFA with the items as ordered categories, and its invariance across gender. */
export interface OrderedAndGender {
  /** The lavaan model ({@link ESSE_CFA_MODEL}). */
  readonly model: string;
  /** WLSMV, the items as ordered categories: the rows with every ESSE item answered (WLSMV takes complete rows only). */
  readonly wlsmv: SemResult;
  /** ML on the same complete rows (listwise), for comparing the loadings like for like. */
  readonly ml: SemResult;
  /** Configural → metric → scalar invariance across gender (ML, listwise), groups labelled by {@link genderRows}. */
  readonly gender: InvarianceResult;
}

/** H1 with latent variables: the SEM's paths, next to PROCESS's on the observed scale scores. */
export interface LatentMediation {
  /** The lavaan model (test/fixtures/cfa.json's `peer_mediation`). */
  readonly model: string;
  readonly result: SemResult;
  /** a (esse → support), b (support → pwb), c′ (esse → pwb), indirect (a·b) and total (c′ + a·b): rows of `result.parameters`. */
  readonly paths: { readonly a: SemParameter; readonly b: SemParameter; readonly cPrime: SemParameter; readonly indirect: SemParameter; readonly total: SemParameter };
  /**
   * PROCESS H1 completely standardized, for the comparison: B·SD(predictor)/SD(outcome), SDs of the
   * scale scores over the n respondents of the PROCESS model.
   */
  readonly processStandardized: { readonly n: number; readonly a: number; readonly b: number; readonly cPrime: number; readonly c: number; readonly indirect: number };
}

export interface StudyResult {
  readonly n: number;
  /** Screening of every scale item: missing values with Little's MCAR test, and the careless-responding screen. */
  readonly screening: { readonly items: readonly string[]; readonly missingness: MissingnessResult; readonly screen: ScreenResponsesResult };
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
  readonly crossValidation: CrossValidation;
  readonly orderedAndGender: OrderedAndGender;
  readonly recovery: {
    readonly describe: DescriptivesResult;
    /** Skewness and excess kurtosis of the recovery score by psych's types 1–3. */
    readonly moments: readonly { readonly type: 1 | 2 | 3; readonly skewness: number; readonly kurtosis: number }[];
    readonly normality: NormalityTestsResult;
    readonly transforms: CompareTransformsResult;
  };
  readonly hypotheses: readonly Hypothesis[];
  readonly latentH1: LatentMediation;
  readonly parallel: ProcessResult<4>;
  readonly serial: ProcessResult<6>;
  readonly correlations: CorrelationsResult;
  readonly hierarchical: HierarchicalResult;
  /** SVG figures: the scree plot, the PROCESS path diagrams (H1–H4, parallel) and the latent H1 SEM diagram. */
  readonly figures: { readonly scree: string; readonly paths: Readonly<Record<string, string>>; readonly latentH1: string };
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

/** The ESSE's two factors, for the CFA on half B: empathic (items 1–6) and social (items 7–11) self-efficacy. */
export const ESSE_CFA_MODEL = `empathic =~ esse1 + esse2 + esse3 + esse4 + esse5 + esse6
social   =~ esse7 + esse8 + esse9 + esse10 + esse11`;

/** H1 with latent variables (test/fixtures/cfa.json's `peer_mediation`, fitted there by lavaan). */
export const LATENT_H1_MODEL = `# latent mediation: self-efficacy -> social support -> well-being
esse    =~ esse1 + esse2 + esse3 + esse4 + esse5 + esse6 + esse7 + esse8 + esse9 + esse10 + esse11
support =~ mspss1 + mspss2 + mspss3 + mspss4 + mspss5 + mspss6 + mspss7 + mspss8 + mspss9 + mspss10 + mspss11 + mspss12
pwb     =~ pwb1 + pwb2 + pwb3 + pwb4 + pwb5 + pwb6 + pwb7 + pwb8 + pwb9 + pwb10 + pwb11 + pwb12 + pwb13 + pwb14 + pwb15 + pwb16 + pwb17 + pwb18
support ~ a*esse
pwb ~ b*support + c*esse
indirect := a*b
total := c + a*b`;

/**
 * The cross-validation split of n rows: the indices 0 … n − 1 shuffled by Fisher–Yates with
 * `randomStream(seed)` (for i = n − 1 down to 1, swap positions i and `rng.int(i + 1)`); half A
 * (the EFA's) is the first ⌈n/2⌉ indices of the shuffled order, half B (the CFA's) the other ⌊n/2⌋.
 * Each half is returned in file order.
 */
export function splitHalves(n: number, seed: number): { efa: number[]; cfa: number[] } {
  const rng = randomStream(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  const cut = Math.ceil(n / 2);
  const byRow = (x: number[]) => x.sort((p, q) => p - q);
  return { efa: byRow(order.slice(0, cut)), cfa: byRow(order.slice(cut)) };
}

/** The values of the `gender` column and the group labels the invariance tables print, in the groups' order. */
export const GENDER_GROUPS: ReadonlyMap<string, string> = new Map([
  ['1', 'female'],
  ['0', 'other'],
]);

/** The rows with `gender` as a readable group label ({@link GENDER_GROUPS}; any other value missing). */
export function genderRows(rows: SurveyRows): Record<string, unknown>[] {
  return rows.map((row) => ({ ...row, gender: GENDER_GROUPS.get(String(row.gender)) ?? null }));
}

/**
 * The rows with every reverse-keyed item of these scales reversed in place (min + max − x, with
 * the scale definition's keys and response range: PWB's ten items as 8 − x), so that a latent
 * model can use the original column names.
 */
export function reverseKeyedRows(rows: SurveyRows, definitions: readonly ScaleDefinition[]): Record<string, unknown>[] {
  const reversed = definitions.flatMap((d) => d.reverse.map((item) => [item, reverseScore(rowsColumn(rows, item), d.response)] as const));
  return rows.map((row, i) => {
    const out: Record<string, unknown> = { ...row };
    for (const [item, values] of reversed) out[item] = values[i];
    return out;
  });
}

/** The labelled structural paths and the defined effects of the latent H1 model. */
function latentPaths(r: SemResult): LatentMediation['paths'] {
  const find = (test: (q: SemParameter) => boolean, what: string): SemParameter => {
    const q = r.parameters.find(test);
    if (q === undefined) throw new Error(`no ${what} in the latent H1 model`);
    return q;
  };
  const path = (label: string) => find((q) => q.op === '~' && q.label === label, `path ${label}`);
  const defined = (name: string) => find((q) => q.op === ':=' && q.lhs === name, `defined parameter ${name}`);
  return { a: path('a'), b: path('b'), cPrime: path('c'), indirect: defined('indirect'), total: defined('total') };
}

const isMissing = (v: unknown) => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));

/** PROCESS H1's paths completely standardized: SDs of X, M and Y over the respondents complete on the model's variables (as PROCESS's effsize). */
function standardizedProcess(data: Record<string, readonly unknown[]>, h: Hypothesis): LatentMediation['processStandardized'] {
  const variables = ['esse', h.mediator, h.outcome, ...COVARIATES];
  const length = (data.esse as readonly unknown[]).length;
  const rows = Array.from({ length }, (_, i) => i).filter((i) => variables.every((v) => !isMissing((data[v] as readonly unknown[])[i])));
  const sd = (v: string) => {
    const x = rows.map((i) => Number((data[v] as readonly unknown[])[i]));
    const mean = x.reduce((s, y) => s + y, 0) / x.length;
    return Math.sqrt(x.reduce((s, y) => s + (y - mean) ** 2, 0) / (x.length - 1));
  };
  const [sx, sm, sy] = [sd('esse'), sd(h.mediator), sd(h.outcome)];
  const p = h.paths;
  return { n: rows.length, a: (p.a * sx) / sm, b: (p.b * sm) / sy, cPrime: (p.cPrime * sx) / sy, c: (p.c * sx) / sy, indirect: (p.indirect * sx) / sy };
}

const n2 = (x: number) => formatNumber(x);
const b2 = (x: number) => formatNumber(x, { leadingZero: false });

/** Runs the whole analysis on the survey's rows (as d3-dsv's csvParse gives them). */
export function runStudy(rows: SurveyRows, options: StudyOptions = {}): StudyResult {
  const B = options.resamples ?? 5000;
  const seed = options.seed ?? 42;
  const progress = options.onProgress;

  // 0. Screening: missing values (patterns, Little's MCAR test) and careless responding over every item.
  const screeningItems = studyScales().flatMap((s) => [...s.definition.items]);
  const screening = {
    items: screeningItems,
    missingness: missingness(rows, { columns: screeningItems }),
    screen: screenResponses(rows, { columns: screeningItems }),
  };

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

  // 2b. Cross-validation: the same two-factor EFA on a random half A, the two-factor CFA on the
  // other half B. The CFA uses FIML, so a respondent who skipped an item still counts.
  const halves = splitHalves(rows.length, seed);
  const crossValidation: CrossValidation = {
    seed,
    halves,
    efa: efa(halves.efa.map((i) => rows[i]!), { ...factorInput, factors: 2, extraction: 'pa', rotation: 'oblimin' }),
    model: ESSE_CFA_MODEL,
    cfa: cfa(halves.cfa.map((i) => rows[i]!), { model: ESSE_CFA_MODEL, missing: 'fiml' }),
  };

  // 2c. The same model on every respondent who answered all ESSE items (no item is reverse-keyed):
  // the items as ordered categories (WLSMV) beside ML on those rows, and invariance across gender.
  const orderedAndGender: OrderedAndGender = {
    model: ESSE_CFA_MODEL,
    wlsmv: cfa(rows, { model: ESSE_CFA_MODEL, ordered: true }),
    ml: cfa(rows, { model: ESSE_CFA_MODEL }),
    gender: invariance(genderRows(rows), { model: ESSE_CFA_MODEL, group: 'gender', groupLabels: [...GENDER_GROUPS.values()] }),
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
  // H1 with latent variables, on the items (PWB's reverse-keyed ones reversed as for its score).
  // Listwise: FIML over the 41 indicators' missing-data patterns takes about a minute per fit,
  // too slow to bootstrap. Percentile bootstrap CIs as PROCESS's; none (delta method) at 0.
  const latentResult = sem(reverseKeyedRows(rows, (['esse', 'ss', 'pwb'] as const).map((k) => scales.find((x) => x.key === k)!.definition)), {
    model: LATENT_H1_MODEL,
    resamples: B,
    seed,
    ...(progress && B > 0 ? { onProgress: (done: number, total: number) => progress('latent H1: esse → support → pwb (SEM)', done, total) } : {}),
  });
  const latentH1: LatentMediation = { model: LATENT_H1_MODEL, result: latentResult, paths: latentPaths(latentResult), processStandardized: standardizedProcess(data, hypotheses[0]!) };
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
  const latentFigure = semDiagramSvg(latentResult, { title: 'H1 with latent variables: self-efficacy → social support → well-being (standardized)' });

  const result = {
    n: nRows,
    screening,
    settings: { resamples: B, seed },
    scales,
    factor,
    crossValidation,
    orderedAndGender,
    recovery,
    hypotheses,
    latentH1,
    parallel,
    serial,
    correlations: cor,
    hierarchical,
    figures: { scree, paths, latentH1: latentFigure },
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

  sections.push(screeningSection(s, full));

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
  sections.push(crossValidationSection(s, full));
  sections.push(orderedAndGenderSection(s));

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
  sections.push(latentSection(s, full));
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

/** Hu and Bentler's (1999) conventional cutoffs, checked on the unrounded indices. */
const CUTOFFS = [
  { name: 'CFI', text: 'CFI ≥ .95', met: (f: SemResult['fit']) => f.cfi >= 0.95 },
  { name: 'RMSEA', text: 'RMSEA ≤ .06', met: (f: SemResult['fit']) => f.rmsea.estimate <= 0.06 },
  { name: 'SRMR', text: 'SRMR ≤ .08', met: (f: SemResult['fit']) => f.srmr <= 0.08 },
] as const;

/** "A, B and C". */
const listing = (xs: readonly string[]): string => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** χ²(df) = …, p = …; CFI = …; TLI = …; RMSEA = …, 90% CI […]; SRMR = … */
function fitText(f: SemResult['fit']): string {
  const r = f.rmsea;
  return `χ²(${f.df}) = ${n2(f.chiSquare)}, ${formatP(f.p)}; CFI = ${b2(f.cfi)}; TLI = ${b2(f.tli)}; RMSEA = ${b2(r.estimate)}, ${Math.round(100 * r.confidence)}% CI ${formatInterval(r.lower, r.upper, { leadingZero: false })}; SRMR = ${b2(f.srmr)}`;
}

/** A sentence on the fit by the conventional cutoffs, saying what they cannot show. */
function fitVerdict(f: SemResult['fit'], n: number): string {
  const met = CUTOFFS.filter((c) => c.met(f)).map((c) => c.name);
  const missed = CUTOFFS.filter((c) => !c.met(f)).map((c) => c.name);
  const rule = `Hu and Bentler's (1999) conventional cutoffs (${CUTOFFS.map((c) => c.text).join(', ')})`;
  const verdict =
    missed.length === 0
      ? `By ${rule} the model fits well: all three are met`
      : met.length === 0
        ? `By ${rule} the model fits poorly: none is met`
        : `By ${rule} the fit is mixed: ${listing(met)} ${met.length === 1 ? 'meets its cutoff' : 'meet theirs'}, ${listing(missed)} ${missed.length === 1 ? 'does' : 'do'} not`;
  const chi = f.p === null ? '' : f.p < 0.05 ? `; the χ² test rejects exact fit (${formatP(f.p)})` : `, and the χ² test does not reject exact fit (${formatP(f.p)})`;
  const wide = f.rmsea.upper > 0.06 ? `; the RMSEA's upper 90% bound (${b2(f.rmsea.upper)}) lies above .06, so at n = ${n} a worse fit is not ruled out` : '';
  return `${verdict}${chi}. The cutoffs are rules of thumb for approximate fit, not significance tests${wide}.`;
}

/** The EFA on half A: does each item load most on the factor of its own subscale? */
function efaPattern(e: EfaResult): string {
  const empathic = e.columns.map((_, i) => i).filter((i) => i < 6);
  const primary = (i: number) => {
    const row = e.loadings[i] as readonly number[];
    return Math.abs(row[0] as number) >= Math.abs(row[1] as number) ? 0 : 1;
  };
  // The empathic factor: the one most empathic items load on most.
  const fe = empathic.filter((i) => primary(i) === 0).length >= empathic.length / 2 ? 0 : 1;
  const expected = (i: number) => (i < 6 ? fe : 1 - fe);
  const misplaced = e.columns.filter((_, i) => primary(i) !== expected(i));
  const cross = e.columns
    .map((item, i) => ({ item, own: (e.loadings[i] as readonly number[])[primary(i)] as number, other: (e.loadings[i] as readonly number[])[1 - primary(i)] as number }))
    .filter((x) => Math.abs(x.other) >= 0.3)
    .map((x) => `${x.item} (${b2(x.own)} and ${b2(x.other)})`);
  const phi = (e.phi[1] as readonly number[])[0] as number;
  const pattern =
    misplaced.length === 0
      ? `each of the empathic items 1–6 loads most on F${fe + 1} and each of the social items 7–11 on F${2 - fe}, the structure the CFA then tests`
      : `the items mostly split as empathic (1–6, F${fe + 1}) and social (7–11, F${2 - fe}), but ${listing(misplaced)} ${misplaced.length === 1 ? 'loads' : 'load'} most on the other factor`;
  const crossing = cross.length === 0 ? '' : `; ${listing(cross)} ${cross.length === 1 ? 'loads' : 'load'} at least .30 on both factors`;
  return `EFA, half A (n = ${e.n} with every ESSE item answered): ${pattern} (factor correlation ${b2(phi)})${crossing}.`;
}

function crossValidationSection(s: Parts, full: boolean): ReportSection {
  const cv = s.crossValidation;
  const c = cv.cfa;
  const loadings = c.parameters.filter((q) => q.op === '=~').map((q) => q.stdAll as number);
  const factorR = c.parameters.find((q) => q.op === '~~' && q.lhs !== q.rhs && c.latent.includes(q.lhs) && c.latent.includes(q.rhs))!.stdAll as number;
  const reliability: ReportTable = {
    title: 'Half B: composite reliability and average variance extracted',
    columns: [{ label: 'Factor' }, { label: 'Items' }, { label: 'ω', format: 'bounded' }, { label: 'AVE', format: 'bounded' }, { label: '√AVE', format: 'bounded' }, { label: 'α', format: 'bounded' }],
    rows: c.reliability.map((r) => [r.factor, `${r.columns[0]}–${r.columns[r.columns.length - 1]}`, r.omega, r.ave, Math.sqrt(r.ave), r.alpha]),
    note: `ω = composite reliability from the CFA (semTools' compRelSEM); AVE = average variance extracted (Fornell & Larcker, 1981); α from the sample covariances. The factors correlate ${b2(factorR)}: discriminant validity by Fornell and Larcker's criterion needs each √AVE above that correlation.`,
  };
  const sqrtAve = c.reliability.map((r) => Math.sqrt(r.ave));
  const distinct = sqrtAve.every((x) => x > Math.abs(factorR));
  return {
    heading: 'Cross-validation: EFA and CFA on random halves',
    blocks: [
      `The ${thousands(s.n)} respondents were split into two random halves: a Fisher–Yates shuffle of the row numbers with randomStream(${cv.seed}) (the study's seed), half A the first ${cv.halves.efa.length} of the shuffled order and half B the other ${cv.halves.cfa.length}. Half A repeats the two-factor principal-axis EFA with oblimin rotation (listwise-complete items, as above); half B tests the two-factor structure by confirmatory factor analysis: empathic self-efficacy (esse1–esse6) and social self-efficacy (esse7–esse11), correlated factors, ML. The CFA handles missing item responses by full-information ML, so all ${c.n} respondents of half B count: listwise deletion would drop everyone who skipped an item, and FIML needs the responses to be missing at random only, not completely at random.`,
      efaPattern(cv.efa),
      ...(full ? [{ table: toApaTable(cv.efa, { title: 'Half A: two-factor principal-axis solution, oblimin rotation', dimBelow: 0.3 }) }] : []),
      `CFA, half B (n = ${c.n}): ${fitText(c.fit)}. ${fitVerdict(c.fit, c.n)} Standardized loadings range from ${b2(Math.min(...loadings))} to ${b2(Math.max(...loadings))}; ω = ${c.reliability.map((r) => `${b2(r.omega)} (${r.factor})`).join(' and ')}. The two factors correlate ${b2(factorR)}${
        distinct
          ? `, below √AVE of each factor, so they are empirically distinct by Fornell and Larcker's criterion.`
          : `, ${sqrtAve.every((x) => x <= Math.abs(factorR)) ? "above the square root of each factor's AVE" : "above the square root of one factor's AVE"}: the two-factor pattern is reproduced, but the two kinds of self-efficacy are not clearly distinct constructs in these data (Fornell and Larcker's criterion is not met).`
      }`,
      { table: toApaTable(c, { title: 'Half B: confirmatory two-factor model of the ESSE' }) },
      { table: reliability },
    ],
  };
}

/** The standardized loadings (std.all) of a CFA, in the order of the model. */
const standardizedLoadings = (r: SemResult): number[] => r.parameters.filter((q) => q.op === '=~').map((q) => q.stdAll as number);

/** ".68 to .80". */
const range = (xs: readonly number[]): string => `${b2(Math.min(...xs))} to ${b2(Math.max(...xs))}`;

function orderedAndGenderSection(s: Parts): ReportSection {
  const { wlsmv: w, ml, gender: mi } = s.orderedAndGender;
  const scaled = w.fit.scaled!;
  const robust = w.fit.robust!;
  const lw = standardizedLoadings(w);
  const lm = standardizedLoadings(ml);
  const higher = lw.filter((x, i) => x > (lm[i] as number)).length;
  const meanGain = lw.reduce((sum, x, i) => sum + x - (lm[i] as number), 0) / lw.length;
  const b3 = (x: number) => formatNumber(x, { decimals: 3, leadingZero: false });
  const groups = listing(mi.models[0]!.result.groups.map((g) => `${g.n} ${g.label}`));
  const step = (m: InvarianceModel, what: string): string => {
    const t = m.test!;
    const chi = t.p >= 0.05;
    const cfiOk = (m.deltaCfi as number) > -0.01;
    const verdict = chi && cfiOk ? 'holds' : !chi && !cfiOk ? 'does not hold' : `holds by ${chi ? 'Δχ²' : 'ΔCFI'} but not by ${chi ? 'ΔCFI' : 'Δχ²'}`;
    return `${m.step} invariance (${what}) ${verdict}: Δχ²(${t.df}) = ${n2(t.chiSquare)}, ${formatP(t.p)}, ΔCFI = ${b3(m.deltaCfi as number)}`;
  };
  const [, metric, scalar] = mi.models;
  const holds = (m: InvarianceModel) => m.test!.p >= 0.05 && (m.deltaCfi as number) > -0.01;
  const capped = mi.models.every((m) => m.result.fit.cfi === 1) ? ' (CFI stays at its ceiling of 1 at every step)' : '';
  const reading = holds(metric!) && holds(scalar!)
    ? `The ESSE items thus relate to the two factors in the same way for both groups, loadings and intercepts alike, so the factors' means can be compared across gender; with only ${Math.min(...mi.models[0]!.result.groups.map((g) => g.n))} respondents in the smaller group, the tests have limited power to detect small differences.`
    : holds(metric!)
      ? 'The loadings are equal across gender but not every intercept, so comparing the groups\' means needs partial invariance (freeing the intercepts that differ).'
      : 'The loadings already differ across gender, so the scale does not measure the same thing in both groups.';
  return {
    heading: 'ESSE as ordered categories and across gender',
    level: 3,
    blocks: [
      `The two-factor model again, on the ${w.n} respondents who answered every ESSE item (${w.nDropped} with a skipped item left out; no ESSE item is reverse-keyed), first with the five response categories taken as ordered categories rather than interval scores: WLSMV (thresholds and polychoric correlations, diagonally weighted least squares, robust standard errors; lavaan's estimator = "WLSMV"). Scaled χ²(${scaled.df}) = ${n2(scaled.chiSquare)}, ${formatP(scaled.p)}; CFI = ${b2(scaled.cfi)} (scaled) and ${b2(robust.cfi as number)} (robust); robust RMSEA = ${b2(robust.rmsea.estimate)}, 90% CI ${formatInterval(robust.rmsea.lower, robust.rmsea.upper, { leadingZero: false })}; SRMR = ${b2(w.fit.srmr)}. Standardized loadings range from ${range(lw)}, against ${range(lm)} by ML on the same ${ml.n} rows: ${higher === lw.length ? 'every loading is' : `${higher} of ${lw.length} loadings are`} higher under WLSMV (by ${b2(meanGain)} on average), as expected when the polychoric correlations undo the attenuation that coarse five-point responses cause.`,
      `Measurement invariance across gender (ML, listwise: ${groups} respondents): ${step(metric!, 'equal loadings')}; ${step(scalar!, 'loadings and intercepts equal')}${capped}. ${reading}`,
      { table: toApaTable(mi, { title: 'Measurement invariance of the two-factor ESSE model across gender' }) },
    ],
  };
}

function latentSection(s: Parts, full: boolean): ReportSection {
  const L = s.latentH1;
  const r = L.result;
  const p = L.paths;
  const h1 = s.hypotheses.find((h) => h.id === 'H1')!;
  const ps = L.processStandardized;
  const B = s.settings.resamples;
  const boot = r.bootstrap !== null;
  const ciKind = boot ? `95% percentile bootstrap CI` : '95% CI (delta method)';
  const [mEq] = h1.result.equations;
  const aCoef = mEq!.coefficients.find((x) => x.term === 'esse')!;
  const yCoef = h1.result.equations[1]!.coefficients.find((x) => x.term === h1.mediator)!;
  const ind = h1.result.indirectEffects[0]!;
  const direct = h1.result.directEffect;
  const total = h1.result.totalEffect!;
  const comparison: ReportTable = {
    title: 'H1 with latent variables (SEM) beside PROCESS model 4 on the scale scores',
    columns: [
      { label: 'Effect' },
      { label: 'SEM B' },
      { label: 'SEM 95% CI', align: 'right' },
      { label: 'SEM β', format: 'bounded' },
      { label: 'PROCESS B' },
      { label: 'PROCESS 95% CI', align: 'right' },
      { label: 'PROCESS β', format: 'bounded' },
    ],
    rows: [
      ['a: self-efficacy → social support', p.a.estimate, formatInterval(p.a.lower, p.a.upper), p.a.stdAll, aCoef.estimate, formatInterval(aCoef.lower, aCoef.upper), ps.a],
      ['b: social support → well-being', p.b.estimate, formatInterval(p.b.lower, p.b.upper), p.b.stdAll, yCoef.estimate, formatInterval(yCoef.lower, yCoef.upper), ps.b],
      ['c′: direct effect', p.cPrime.estimate, formatInterval(p.cPrime.lower, p.cPrime.upper), p.cPrime.stdAll, direct.estimate, formatInterval(direct.lower, direct.upper), ps.cPrime],
      ['c: total effect', p.total.estimate, formatInterval(p.total.lower, p.total.upper), p.total.stdAll, total.estimate, formatInterval(total.lower, total.upper), ps.c],
      ['ab: indirect effect', p.indirect.estimate, formatInterval(p.indirect.lower, p.indirect.upper), p.indirect.stdAll, ind.estimate, formatInterval(ind.lower, ind.upper), ps.indirect],
    ],
    note:
      `SEM: latent self-efficacy, social support and well-being measured by their items; ML on the n = ${r.n} respondents who answered all 41 items, no covariates; ` +
      (boot ? `percentile bootstrap CIs (${thousands(B)} resamples, seed ${s.settings.seed})` : 'Wald CIs, the delta method for ab and c') +
      `; β = completely standardized (lavaan's std.all). PROCESS: observed scale scores, n = ${h1.result.n}, covariates gender, education and marital status; t-based CIs for a, b, c′ and c, ` +
      (B > 0 ? `a percentile bootstrap CI for ab (${thousands(B)} resamples)` : 'no CI for ab without resamples') +
      `; β = B·SD(predictor)/SD(outcome) of the scale scores. The two B columns are on different metrics (SEM: the marker items esse1, mspss1 and pwb1; PROCESS: scale means), so compare the β columns.`,
  };
  const bigger = (p.indirect.stdAll as number) > ps.indirect;
  const compare = bigger
    ? `The latent indirect effect is ${(p.indirect.stdAll as number) - ps.indirect < 0.05 ? 'slightly ' : ''}larger than PROCESS's on the observed scale scores: standardized ${b2(p.indirect.stdAll as number)} against ${b2(ps.indirect)} (a: ${b2(p.a.stdAll as number)} against ${b2(ps.a)}; b: ${b2(p.b.stdAll as number)} against ${b2(ps.b)}), as expected when the items' measurement error, which attenuates correlations among scale scores, is taken out of the latent variables.`
    : `The latent indirect effect is not larger than PROCESS's on the observed scale scores (standardized ${b2(p.indirect.stdAll as number)} against ${b2(ps.indirect)}), although removing the items' measurement error usually enlarges it.`;
  const blocks: ReportSection['blocks'][number][] = [
    `H1 again, with latent variables in place of the scale scores: self-efficacy (the 11 ESSE items), social support (the 12 MSPSS items) and well-being (the 18 PWB items, the ten positively worded ones reversed as 8 − x, as for the score), each a factor of its items; social support regressed on self-efficacy (a), well-being on social support (b) and self-efficacy (c′, labelled c in the syntax); indirect effect a·b. Fitted by ML (sem, lavaan syntax) on the ${r.n} respondents who answered all 41 items (listwise: FIML over this many indicators is too slow to bootstrap), without covariates.`,
    `a = ${n2(p.a.estimate)}, b = ${n2(p.b.estimate)}, c′ = ${n2(p.cPrime.estimate)}; indirect effect a·b = ${n2(p.indirect.estimate)}, ${ciKind} ${formatInterval(p.indirect.lower, p.indirect.upper)}${boot ? ` (${thousands(B)} resamples, seed ${s.settings.seed})` : ''}; completely standardized indirect effect ${b2(p.indirect.stdAll as number)}. Fit: ${fitText(r.fit)}. ${fitVerdict(r.fit, r.n)}`,
    `${compare} The comparison is not exact: the SEM uses the ${r.n} complete respondents and no covariates, PROCESS ${h1.result.n} respondents with gender, education and marital status as covariates.`,
    { table: comparison },
  ];
  if (full) {
    blocks.push(
      { figure: s.figures.latentH1, caption: 'H1 with latent variables: completely standardized loadings, paths and residual variances (41 indicators: the full-size drawing is sem-h1.svg)', file: 'sem-h1.svg' },
      { table: toApaTable(r, { title: 'H1 with latent variables: the full SEM', dimBelow: 0.3 }) },
      'The model in lavaan syntax, as passed to sem():',
      { code: L.model },
    );
  }
  return { heading: 'Mediation: latent H1 (SEM)', level: 3, blocks };
}

/** Screening: missing values, Little's MCAR test and the careless-responding flags, before any score is computed. */
function screeningSection(s: Parts, full: boolean): ReportSection {
  const { missingness: m, screen } = s.screening;
  const mcar = m.mcar === null ? "Little's MCAR test is undefined for these data." : `Little's (1988) MCAR test: χ²(${thousands(m.mcar.df)}) = ${n2(m.mcar.statistic)}, ${formatP(m.mcar.p)} — no evidence against missing completely at random${m.mcar.p < 0.05 ? ' (rejected: consider the missing-data rule)' : ''}.`;
  const c = screen.cutoffs;
  const flags: ReportTable = {
    title: 'Careless-responding screen',
    columns: [{ label: 'Index' }, { label: 'Flag when' }, { label: 'Flagged (n)', format: 'integer' }],
    rows: [
      ['Longstring (longest run of identical answers)', `${c.longstring ?? '–'} of ${s.screening.items.length} items the same`, screen.flagCounts.longstring],
      ['Mahalanobis D²', `p < ${String(c.significance).replace(/^0\./, '.')} (D² > ${n2(c.mahalanobis ?? Number.NaN)})`, screen.flagCounts.mahalanobis],
      ['Psychometric synonyms', `r < ${c.synonyms ?? '–'} over the ${screen.synonymPairs.length} item pairs with r > .60 (few pairs: a noisy index)`, screen.flagCounts.synonyms],
      ['Any', '', screen.nFlagged],
    ],
    note: `n = ${screen.n}. Indices as the R careless package defines them (Curran, 2016; Meade & Craig, 2012), over all ${s.screening.items.length} scale items in questionnaire order; flagged respondents are listed for inspection, not removed.`,
  };
  return {
    heading: 'Screening',
    blocks: [
      `${thousands(m.n)} respondents answered ${s.screening.items.length} scale items; ${m.percent.toFixed(1)}% of responses are missing (${m.nComplete} respondents complete, ${m.patterns.length} missing-data patterns). ${mcar}`,
      { table: flags },
      ...(full ? [{ table: toApaTable(m, { title: 'Missing values per item' }) }] : []),
    ],
  };
}
