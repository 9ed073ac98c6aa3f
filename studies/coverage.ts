// `npm run study:coverage`: Monte Carlo coverage of psychkit's bootstrap CIs for the indirect
// effect of PROCESS model 4 (X → M → Y), and Type I error / power against the Sobel test.
// Not part of `npm test` (vitest only picks up test/**/*.test.ts).
//
// Options: --reps N (datasets per cell, default 1000), --resamples B (default 2000),
//          --seed S (master seed, default 7), --out FILE (JSON, default studies/coverage-results.json;
//          "-" for none), --n 100,250 and --ab 0,0.05,0.15 (run only these cells).
// Progress goes to stderr, the Markdown table to stdout.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalCdf, processModel as processModel } from '../src/index.js';
import { simulate } from '../src/testing/index.js';

const argv = globalThis.process.argv.slice(2);
function arg(name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? (argv[i + 1] as string) : fallback;
}
const REPS = Number(arg('reps', '1000'));
const RESAMPLES = Number(arg('resamples', '2000'));
const MASTER_SEED = arg('seed', '7');
const OUT = arg('out', join(dirname(fileURLToPath(import.meta.url)), 'coverage-results.json'));
const CONFIDENCE = 0.95;
const DIRECT = 0.1;
const listArg = (name: string): number[] | null => (argv.includes(`--${name}`) ? arg(name, '').split(',').map(Number) : null);
const ONLY_N = listArg('n');
const ONLY_AB = listArg('ab');
const SIZES = [100, 250].filter((n) => ONLY_N === null || ONLY_N.includes(n));

interface Condition {
  readonly label: string;
  readonly a: number;
  readonly b: number;
}
// ab = 0 in the two "hard" null configurations (one path non-zero) and the complete null;
// ab = 0.05 and 0.15 with a = b = √ab (0.2236 and 0.3873, close to MacKinnon's 0.14/0.39/0.59 grid).
const ALL_CONDITIONS: readonly Condition[] = [
  { label: 'a = 0, b = 0.39', a: 0, b: 0.39 },
  { label: 'a = 0.39, b = 0', a: 0.39, b: 0 },
  { label: 'a = b = 0', a: 0, b: 0 },
  { label: 'a = b = √0.05', a: Math.sqrt(0.05), b: Math.sqrt(0.05) },
  { label: 'a = b = √0.15', a: Math.sqrt(0.15), b: Math.sqrt(0.15) },
];
const CONDITIONS = ALL_CONDITIONS.filter((c) => ONLY_AB === null || ONLY_AB.some((ab) => Math.abs(ab - c.a * c.b) < 1e-9));

interface Interval {
  lower: number;
  upper: number;
}
interface Counter {
  cover: number;
  missLow: number; // true value below the interval
  missHigh: number; // true value above the interval
  reject: number; // 0 outside the interval
  width: number;
}
const counter = (): Counter => ({ cover: 0, missLow: 0, missHigh: 0, reject: 0, width: 0 });
function tally(c: Counter, ci: Interval, truth: number): void {
  if (truth < ci.lower) c.missLow++;
  else if (truth > ci.upper) c.missHigh++;
  else c.cover++;
  if (ci.lower > 0 || ci.upper < 0) c.reject++;
  c.width += ci.upper - ci.lower;
}

const mcse = (p: number, reps: number) => Math.sqrt((p * (1 - p)) / reps);

/**
 * P(â·b̂ < a·b) when â ~ N(a, s²) and b̂ ~ N(b, s²) are independent, s = 1/√n (the large-sample SEs
 * of both paths in this design: var X = var(M | X) = var(Y | X, M) = 1). Above ½ means the
 * estimate's median lies below a·b: the skew of a product of normals that percentile intervals
 * inherit. Trapezoid rule over â ∈ a ± 10s, conditioning on â.
 */
function productBelowTruth(a: number, b: number, n: number): number {
  const s = 1 / Math.sqrt(n);
  const ab = a * b;
  const steps = 20_000;
  const lo = a - 10 * s;
  const h = (20 * s) / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const x = lo + i * h;
    const density = Math.exp(-0.5 * ((x - a) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
    // P(x·b̂ < ab | â = x)
    const p = x === 0 ? (ab > 0 ? 1 : 0) : x > 0 ? normalCdf((ab / x - b) / s) : 1 - normalCdf((ab / x - b) / s);
    sum += (i === 0 || i === steps ? 0.5 : 1) * density * p;
  }
  return sum * h;
}

interface CellResult {
  n: number;
  condition: string;
  a: number;
  b: number;
  ab: number;
  direct: number;
  reps: number;
  resamples: number;
  seeds: { data: string; bootstrap: string };
  percentile: ReturnType<typeof summarise>;
  biasCorrected: ReturnType<typeof summarise>;
  sobel: { reject: number; rejectMcse: number };
  directEffect: { coverage: number; coverageMcse: number; meanEstimate: number };
  indirectEstimate: { mean: number; bias: number; belowTruth: number; belowTruthNormalTheory: number; sd: number; meanBootSe: number; meanSobelSe: number };
  replacedResamples: number;
  seconds: number;
}

function summarise(c: Counter, reps: number) {
  const coverage = c.cover / reps;
  const reject = c.reject / reps;
  return {
    coverage,
    coverageMcse: mcse(coverage, reps),
    missLow: c.missLow / reps,
    missHigh: c.missHigh / reps,
    reject,
    rejectMcse: mcse(reject, reps),
    meanWidth: c.width / reps,
  };
}

function runCell(n: number, cond: Condition, cellIndex: number, cells: number): CellResult {
  const ab = cond.a * cond.b;
  const key = `${MASTER_SEED}/n=${n}/a=${cond.a}/b=${cond.b}`;
  const pct = counter();
  const bc = counter();
  let sobelReject = 0;
  let directCover = 0;
  let directSum = 0;
  let sum = 0;
  let sumSq = 0;
  let below = 0;
  let bootSe = 0;
  let sobelSe = 0;
  let replaced = 0;
  const started = performance.now();
  for (let r = 0; r < REPS; r++) {
    const sim = simulate.mediation({
      model: 4,
      paths: { a: [cond.a], b: [cond.b], direct: DIRECT },
      n,
      seed: `${key}/rep=${r}/data`,
      shape: 'columns',
    });
    // The same bootstrap seed for both calls: percentile and BC come from identical resamples.
    const common = { model: 4, x: 'x', m: 'm1', y: 'y', bootstrap: RESAMPLES, seed: `${key}/rep=${r}/boot`, total: false, confidence: CONFIDENCE } as const;
    const p = processModel(sim.data, { ...common, interval: 'percentile', sobel: true });
    const q = processModel(sim.data, { ...common, interval: 'bias-corrected' });
    const ip = p.indirectEffects?.[0];
    const iq = q.indirectEffects?.[0];
    const s = p.sobel?.[0];
    const d = p.directEffect;
    if (ip?.lower == null || ip.upper == null || iq?.lower == null || iq.upper == null || s === undefined || d === null || ip.se === null) {
      throw new Error(`missing result in ${key}/rep=${r}`);
    }
    if (iq.estimate !== ip.estimate) throw new Error(`percentile and BC runs disagree on the estimate in ${key}/rep=${r}`);
    if (p.bootstrap?.resamples !== RESAMPLES || q.bootstrap?.resamples !== RESAMPLES) throw new Error(`wrong number of resamples in ${key}/rep=${r}`);
    if (ip.estimate < ab) below++;
    tally(pct, { lower: ip.lower, upper: ip.upper }, ab);
    tally(bc, { lower: iq.lower, upper: iq.upper }, ab);
    if (s.p < 1 - CONFIDENCE) sobelReject++;
    if (d.lower <= DIRECT && DIRECT <= d.upper) directCover++;
    directSum += d.estimate;
    sum += ip.estimate;
    sumSq += ip.estimate * ip.estimate;
    bootSe += ip.se;
    sobelSe += s.se;
    replaced += (p.bootstrap?.replaced ?? 0) + (q.bootstrap?.replaced ?? 0);
    if ((r + 1) % 100 === 0 || r + 1 === REPS) {
      const secs = (performance.now() - started) / 1000;
      globalThis.process.stderr.write(
        `[cell ${cellIndex + 1}/${cells}] n=${n} ${cond.label}: ${r + 1}/${REPS} datasets, ${secs.toFixed(0)} s; percentile coverage so far ${(pct.cover / (r + 1)).toFixed(3)}\n`,
      );
    }
  }
  const mean = sum / REPS;
  const coverage = directCover / REPS;
  return {
    n,
    condition: cond.label,
    a: cond.a,
    b: cond.b,
    ab,
    direct: DIRECT,
    reps: REPS,
    resamples: RESAMPLES,
    seeds: { data: `${key}/rep=<r>/data`, bootstrap: `${key}/rep=<r>/boot` },
    percentile: summarise(pct, REPS),
    biasCorrected: summarise(bc, REPS),
    sobel: { reject: sobelReject / REPS, rejectMcse: mcse(sobelReject / REPS, REPS) },
    directEffect: { coverage, coverageMcse: mcse(coverage, REPS), meanEstimate: directSum / REPS },
    indirectEstimate: {
      mean,
      bias: mean - ab,
      belowTruth: below / REPS,
      belowTruthNormalTheory: productBelowTruth(cond.a, cond.b, n),
      sd: Math.sqrt((sumSq - REPS * mean * mean) / (REPS - 1)),
      meanBootSe: bootSe / REPS,
      meanSobelSe: sobelSe / REPS,
    },
    replacedResamples: replaced,
    seconds: (performance.now() - started) / 1000,
  };
}

const f3 = (x: number) => x.toFixed(3);
function table(results: readonly CellResult[]): string {
  const lines = [
    '| n | paths | a·b | percentile coverage | BC coverage | percentile reject | BC reject | Sobel reject | percentile: a·b below / above CI | BC: a·b below / above CI | c′ t-CI coverage |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---|---|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.n} | ${r.condition} | ${r.ab.toFixed(2)} | ${f3(r.percentile.coverage)} | ${f3(r.biasCorrected.coverage)} | ${f3(r.percentile.reject)} | ${f3(r.biasCorrected.reject)} | ${f3(r.sobel.reject)} | ${f3(r.percentile.missLow)} / ${f3(r.percentile.missHigh)} | ${f3(r.biasCorrected.missLow)} / ${f3(r.biasCorrected.missHigh)} | ${f3(r.directEffect.coverage)} |`,
    );
  }
  return lines.join('\n');
}
function estimateTable(results: readonly CellResult[]): string {
  const lines = [
    '| n | paths | a·b | mean â·b̂ | share â·b̂ < a·b | normal theory | SD of â·b̂ | mean bootstrap SE | mean Sobel SE | mean percentile width | mean BC width |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const e = r.indirectEstimate;
    lines.push(
      `| ${r.n} | ${r.condition} | ${r.ab.toFixed(2)} | ${e.mean.toFixed(4)} | ${f3(e.belowTruth)} | ${f3(e.belowTruthNormalTheory)} | ${e.sd.toFixed(4)} | ${e.meanBootSe.toFixed(4)} | ${e.meanSobelSe.toFixed(4)} | ${r.percentile.meanWidth.toFixed(4)} | ${r.biasCorrected.meanWidth.toFixed(4)} |`,
    );
  }
  return lines.join('\n');
}

const started = performance.now();
const results: CellResult[] = [];
const cells = SIZES.length * CONDITIONS.length;
globalThis.process.stderr.write(`coverage study: ${cells} cells × ${REPS} datasets × ${RESAMPLES} resamples (×2: percentile and BC), master seed ${MASTER_SEED}\n`);
for (const n of SIZES) for (const cond of CONDITIONS) results.push(runCell(n, cond, results.length, cells));
const seconds = (performance.now() - started) / 1000;

const ciMcse = mcse(CONFIDENCE, REPS);
const report = [
  `PROCESS model 4, X → M → Y, c′ = ${DIRECT}, unit-variance normal errors (simulate.mediation, residuals: 'unit'); ${REPS} datasets per cell, ${RESAMPLES} bootstrap resamples each; 95% CIs; master seed ${MASTER_SEED}. Monte Carlo SE of a coverage near 0.95: ${ciMcse.toFixed(4)}; of a rate near 0.05: ${ciMcse.toFixed(4)}. Runtime ${seconds.toFixed(0)} s (node ${globalThis.process.version}).`,
  '',
  table(results),
  '',
  estimateTable(results),
  '',
].join('\n');
globalThis.process.stdout.write(report);

if (OUT !== '-') {
  const json = {
    study: 'coverage of bootstrap CIs for the indirect effect, PROCESS model 4',
    command: 'npm run study:coverage',
    design: {
      model: 4,
      sizes: SIZES,
      conditions: CONDITIONS.map((c) => ({ ...c, ab: c.a * c.b })),
      direct: DIRECT,
      residuals: 'unit',
      reps: REPS,
      resamples: RESAMPLES,
      confidence: CONFIDENCE,
      intervals: ['percentile (type-7 quantiles)', 'bias-corrected (Efron 1981)'],
      sobel: 'z = ab / sqrt(b²·se_a² + a²·se_b²), OLS SEs, two-sided normal p < .05',
      seeds:
        'master seed M; dataset r of cell (n, a, b) uses seed "M/n=<n>/a=<a>/b=<b>/rep=<r>/data" and bootstrap seed "…/rep=<r>/boot" (the same for the percentile and BC runs)',
    },
    masterSeed: MASTER_SEED,
    node: globalThis.process.version,
    seconds,
    results,
  };
  writeFileSync(OUT, JSON.stringify(json, null, 2) + '\n');
  globalThis.process.stderr.write(`wrote ${OUT}\n`);
}
