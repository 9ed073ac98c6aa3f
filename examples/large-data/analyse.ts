// `npm start`: psychometrics on a file too big to load comfortably — DuckDB reduces the rows to
// moments in SQL, psychkit fits from the moments. Then two checks that the shortcut is exact:
//   (a) a 50,000-row sample, fitted from its rows, agrees with the full fit within sampling error;
//   (b) on a 1,000,000-row file, small enough to load, the fit from the rows and the fit from the
//       moments agree to rounding (exit code 1 if any estimate differs by more than 1e-8).
//
//   npm start                      data/survey.parquet (10,000,000 rows; written first if missing)
//   npm start -- --rows 2000000    another size for a file that is not there yet
import { resolve } from 'node:path';
import { agreement, fromMoments, fromRows, type Analyses } from './analyses.js';
import { ensureSurvey } from './generate.js';
import { surveyMoments } from './moments.js';
import { readColumns } from './rows.js';
import { DEFAULT_ROWS, FACTOR1_ITEMS, ITEMS, POPULATION, SURVEY_1M_FILE, SURVEY_FILE, connect, fmt, int, numberFlag, peakRssMiB, sqlString, stringFlag, table, timed, type Item } from './survey.js';

const SAMPLE_ROWS = 50_000;
const EXACT_ROWS = 1_000_000;
const EXACT_TOLERANCE = 1e-8;

const file = resolve(stringFlag('file', SURVEY_FILE));
const connection = await connect();
await ensureSurvey(connection, numberFlag('rows', DEFAULT_ROWS), file);

// --- the moments, in SQL ------------------------------------------------------------------------
const moments = await surveyMoments(connection, file);
console.log(`# ${file}\n\nThe moments, in one DuckDB query:\n\n${moments.sql}\n`);
console.log(`${int(moments.rows)} rows in ${moments.seconds.toFixed(2)} s (${int(Math.round(moments.rows / moments.seconds))} rows/s); ${moments.bySite.groups.map((g) => `site ${g.label}: ${int(g.n)}`).join(', ')}\n`);

const { value: full, seconds: fitSeconds } = await timed(() => fromMoments(moments));
console.log(`psychkit fitted α, EFA, CFA and invariance (3 models) from the moments in ${fitSeconds.toFixed(2)} s.\n`);

// --- results, beside the population ----------------------------------------------------------------
const lambda = (q: Item) => POPULATION.loadings[q];
const populationAlpha = (() => {
  // Within a site: C = λλᵀ + diag(1 − λ²) over factor 1's items.
  const l = FACTOR1_ITEMS.map(lambda);
  const k = l.length;
  const total = l.reduce((a, b) => a + b, 0) ** 2 + l.reduce((a, b) => a + (1 - b * b), 0);
  return (k / (k - 1)) * (1 - k / total);
})();
const a = full.alpha;
console.log(`## Cronbach's α (${FACTOR1_ITEMS.join(', ')})\n`);
console.log(`α = ${fmt(a.alpha)}, 95% CI [${fmt(a.lower)}, ${fmt(a.upper)}]; population within a site ${fmt(populationAlpha)} (pooling the sites, whose factor means differ, adds a little true-score variance)\n`);

console.log(`## EFA: 2 factors, minres, oblimin\n`);
console.log(
  table(
    ['item', 'population', 'F1', 'F2', 'h²'],
    full.efa.columns.map((q, i) => [q, fmt(lambda(q as Item), 2), fmt(full.efa.loadings[i]![0]!, 3), fmt(full.efa.loadings[i]![1]!, 3), fmt(full.efa.communalities[i]!, 3)]),
  ),
);
console.log(`factor correlation ${fmt(full.efa.phi[0]![1]!, 3)} (population ${POPULATION.phi}); RMSR ${fmt(full.efa.rmsr, 5)}\n`);

const loading = (r: Analyses['cfa'], q: string, group: string | null = null) => r.parameters.find((p) => p.op === '=~' && p.rhs === q && p.group === group)!;
const configural = full.invariance.models[0]!.result;
console.log('## CFA: 2 correlated factors, std.lv\n');
console.log(
  table(
    ['item', 'population', 'pooled', 'SE', 'site A', 'site B'],
    ITEMS.map((q) => {
      const p = loading(full.cfa, q);
      return [q, fmt(lambda(q), 2), fmt(p.estimate), fmt(p.se ?? Number.NaN, 5), fmt(loading(configural, q, 'A').stdLv ?? Number.NaN), fmt(loading(configural, q, 'B').stdLv ?? Number.NaN)];
    }),
  ),
);
const phi = full.cfa.parameters.find((p) => p.op === '~~' && p.lhs === 'f1' && p.rhs === 'f2')!;
const fit = full.cfa.fit;
console.log(`f1 ~~ f2 = ${fmt(phi.estimate)} (SE ${fmt(phi.se ?? Number.NaN, 5)}; population ${POPULATION.phi} within a site)`);
console.log(`χ²(${fit.df}) = ${fmt(fit.chiSquare, 1)}, CFI ${fmt(fit.cfi)}, RMSEA ${fmt(fit.rmsea.estimate)}, SRMR ${fmt(fit.srmr)}`);
console.log('(site A and B: the configural model\'s standardized loadings, std.lv; the pooled fit mixes sites with different factor means)\n');

console.log(`## Measurement invariance by site\n`);
const invarianceRows = (r: Analyses['invariance']) =>
  r.models.map((m) => [
    m.step,
    fmt(m.result.fit.chiSquare, 1),
    String(m.result.fit.df),
    m.test === null ? '' : fmt(m.test.chiSquare, 1),
    m.test === null ? '' : String(m.test.df),
    m.test === null ? '' : m.test.p < 1e-4 ? '< .0001' : fmt(m.test.p, 4),
    m.deltaCfi === null ? '' : fmt(m.deltaCfi, 5),
    m.deltaRmsea === null ? '' : fmt(m.deltaRmsea, 5),
  ]);
const invarianceHeader = ['step', 'χ²', 'df', 'Δχ²', 'Δdf', 'p', 'ΔCFI', 'ΔRMSEA'];
console.log(table(invarianceHeader, invarianceRows(full.invariance)));
console.log(
  `\nThe population has equal loadings (metric holds) and one shifted intercept (q8 +${POPULATION.siteBShift.by} in site B: scalar does not). With ${int(moments.rows)} rows the χ² difference test finds the shift; ΔCFI (${fmt(full.invariance.models[2]?.deltaCfi ?? Number.NaN, 4)}) calls it negligible by Cheung & Rensvold's −0.01.\n`,
);

// --- (a) within sampling error ------------------------------------------------------------------------
console.log(`## Check (a): a ${int(SAMPLE_ROWS)}-row sample, fitted from its rows\n`);
const sampleSql = `SELECT * FROM read_parquet(${sqlString(file)}) USING SAMPLE ${SAMPLE_ROWS} ROWS (reservoir, 42)`;
const sample = fromRows(await readColumns(connection, sampleSql));
console.log(`${sampleSql}\n`);
const z = (est: number, ref: number, se: number) => (est - ref) / se;
const sampleRows: string[][] = [['α', fmt(a.alpha), fmt(sample.alpha.alpha), fmt(sample.alpha.se, 4), fmt(z(sample.alpha.alpha, a.alpha, sample.alpha.se), 2)]];
for (const q of ITEMS) {
  const s = loading(sample.cfa, q);
  sampleRows.push([`CFA λ ${q}`, fmt(loading(full.cfa, q).estimate), fmt(s.estimate), fmt(s.se!, 4), fmt(z(s.estimate, loading(full.cfa, q).estimate, s.se!), 2)]);
}
const samplePhi = sample.cfa.parameters.find((p) => p.op === '~~' && p.lhs === 'f1' && p.rhs === 'f2')!;
sampleRows.push(['CFA f1 ~~ f2', fmt(phi.estimate), fmt(samplePhi.estimate), fmt(samplePhi.se!, 4), fmt(z(samplePhi.estimate, phi.estimate, samplePhi.se!), 2)]);
// Every free parameter of every invariance step, summarised: the largest |z| of 60-odd.
const maxZ = (fullFit: Analyses['cfa'], sampleFit: Analyses['cfa']): number => {
  let max = 0;
  for (const s of sampleFit.parameters) {
    if (s.se === null) continue;
    const f = fullFit.parameters.find((p) => p.group === s.group && p.lhs === s.lhs && p.op === s.op && p.rhs === s.rhs)!;
    max = Math.max(max, Math.abs(z(s.estimate, f.estimate, s.se)));
  }
  return max;
};
for (const m of sample.invariance.models) {
  const f = full.invariance.models.find((x) => x.step === m.step)!;
  sampleRows.push([`${m.step}: max |z| of ${m.result.parameters.filter((p) => p.se !== null).length} parameters`, '', '', '', fmt(maxZ(f.result, m.result), 2)]);
}
console.log(table(['estimate', `all ${int(moments.rows)} (moments)`, `sample of ${int(SAMPLE_ROWS)} (rows)`, 'SE (sample)', 'z'], sampleRows));
const efaDiff = Math.max(...sample.efa.loadings.flatMap((row, i) => row.map((x, j) => Math.abs(x - full.efa.loadings[i]![j]!))));
console.log(`\nEFA loadings: max |sample − full| = ${fmt(efaDiff, 4)}. The sample's invariance tests (what a 50,000-row study would report):\n`);
console.log(table(invarianceHeader, invarianceRows(sample.invariance)));
console.log('\nz = (sample − full)/SE of the sample: about standard normal if the moments fit is right; the test statistics scale with n, so they are not comparable.\n');

// --- (b) exactly, where both can run ------------------------------------------------------------------
console.log(`## Check (b): ${int(EXACT_ROWS)} rows, fitted from the rows and from the moments\n`);
await ensureSurvey(connection, EXACT_ROWS, SURVEY_1M_FILE);
const exactMoments = await surveyMoments(connection, SURVEY_1M_FILE);
const { value: columns, seconds: readSeconds } = await timed(() => readColumns(connection, `SELECT * FROM read_parquet(${sqlString(SURVEY_1M_FILE)})`));
const { value: viaRows, seconds: rowsSeconds } = await timed(() => fromRows(columns));
const { value: viaMoments, seconds: momentsSeconds } = await timed(() => fromMoments(exactMoments));
const agree = agreement(viaRows, viaMoments);
console.log(
  table(
    ['', 'from rows', 'from moments'],
    [
      ['get the data', `${readSeconds.toFixed(2)} s (read ${int(columns.q1.length)} rows into Float64Arrays)`, `${exactMoments.seconds.toFixed(2)} s (the SQL above)`],
      ['fit α, EFA, CFA, invariance', `${rowsSeconds.toFixed(2)} s`, `${momentsSeconds.toFixed(3)} s`],
      ['α', String(viaRows.alpha.alpha), String(viaMoments.alpha.alpha)],
    ],
  ),
);
console.log(`\n${agree.compared} numbers compared (every estimate, SE, loading, α statistic and fit index of the four analyses):`);
console.log(`  max |Δ| of estimates   ${agree.estimate.max.toExponential(2)}  (${agree.estimate.name})`);
console.log(`  max |Δ|/|χ²| of tests  ${agree.statistic.max.toExponential(2)}  (${agree.statistic.name}: χ² = n·F with F a small difference of terms of order 1, so rounding grows with n)`);
console.log(`\nPeak memory of this process (with DuckDB's): ${peakRssMiB().toFixed(0)} MiB — mostly the ${int(EXACT_ROWS)} loaded rows; \`npm run bench\` measures each path alone.`);

if (!(agree.estimate.max <= EXACT_TOLERANCE)) {
  console.error(`\nFAIL: the fits from rows and from moments differ by ${agree.estimate.max} (> ${EXACT_TOLERANCE}) at ${agree.estimate.name}.`);
  process.exit(1);
}
console.log(`\nOK: from moments = from rows (max |Δ| ≤ ${EXACT_TOLERANCE}).`);
