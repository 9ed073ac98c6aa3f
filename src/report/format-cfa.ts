// formatCfa: a cfa/sem result as plain text laid out like lavaan's
// summary(fit, fit.measures = TRUE, standardized = TRUE).
import type { SemGroup, SemParameter, SemResult } from '../sem/fit.js';
import type { Rmsea } from '../sem/fit-measures.js';
import { choleskyInPlace, inverseFromCholesky } from '../linalg/solve.js';
import { checkSemResult } from './result-shape.js';
import { byLhs, isResidual, semBootstrap, semDefinedRows, semGroupLabels, semGroupView, semRoles, semSections, type SemRoles, type SemSections } from './sem-view.js';

/** The column the first value of a fit line ends in, and the second (MLR's scaled column). */
const FIRST = 54;
const SECOND = 66;
/** Width of each number column of the parameter tables. */
const CELL = 9;
const MIN_NAME_WIDTH = 18;

/** A number as lavaan prints it: three decimals, `NA` for a missing value. */
function num3(x: number | null): string {
  if (x === null || Number.isNaN(x)) return 'NA';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  return x.toFixed(3);
}

/** A whole number (df, counts). */
function whole(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x)) : num3(x);
}

/** One line of the fit section: the label, then the values right-aligned in columns 54 and 66. */
function fitLine(label: string, first: string, second?: string): string {
  let line = `  ${label}`;
  line += ' '.repeat(Math.max(1, FIRST - line.length - first.length)) + first;
  if (second !== undefined) line += ' '.repeat(Math.max(1, SECOND - line.length - second.length)) + second;
  return line.trimEnd();
}

function rmseaLines(name: string, standard: Rmsea, scaled: Rmsea | null): string[] {
  const level = whole(standard.confidence * 100);
  const two = (f: (r: Rmsea) => string): [string, string?] => (scaled === null ? [f(standard)] : [f(standard), f(scaled)]);
  return [
    fitLine(name, ...two((r) => num3(r.estimate))),
    fitLine(`${level} Percent confidence interval - lower`, ...two((r) => num3(r.lower))),
    fitLine(`${level} Percent confidence interval - upper`, ...two((r) => num3(r.upper))),
    fitLine(`P-value H_0: ${name} <= 0.050`, ...two((r) => num3(r.pClose))),
    fitLine(`P-value H_0: ${name} >= 0.080`, ...two((r) => num3(r.pNotClose))),
  ];
}

/** log|A| of a symmetric positive-definite matrix and its inverse, or null when it is not positive definite. */
function logDetInverse(m: readonly (readonly number[])[]): { logDet: number; inverse: Float64Array } | null {
  const p = m.length;
  const a = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) a[i * p + j] = m[i]![j]!;
  if (!choleskyInPlace(a, p)) return null;
  let logDet = 0;
  for (let i = 0; i < p; i++) logDet += 2 * Math.log(a[i * p + i]!);
  return { logDet, inverse: inverseFromCholesky(a, p) };
}

/**
 * One group's share of the ML χ² (lavaan's "Test statistic for each group"): n_g·F_g with
 * F_g = log|Σ| − log|S| + tr(SΣ⁻¹) − p + (x̄ − μ)ᵀΣ⁻¹(x̄ − μ), from the group's sample and implied
 * moments (complete data: the shares add up to the χ²). Null when a matrix is not positive definite.
 */
function groupChiSquare(g: SemGroup): number | null {
  const sample = g.sample.covariance;
  const p = sample.length;
  const s = logDetInverse(sample);
  const sigma = logDetInverse(g.implied.covariance);
  if (s === null || sigma === null) return null;
  let f = sigma.logDet - s.logDet - p;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) f += sample[i]![j]! * sigma.inverse[j * p + i]!;
  const m = g.sample.means;
  const mu = g.implied.means;
  if (m !== null && mu !== null) {
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) f += (m[i]! - mu[i]!) * sigma.inverse[i * p + j]! * (m[j]! - mu[j]!);
  }
  return g.n * f;
}

/** The fit part: model and baseline tests, CFI/TLI, log-likelihoods and information criteria, RMSEA, SRMR. */
function fitSection(r: SemResult, lines: string[]): void {
  const f = r.fit;
  const s = f.scaled;
  const robust = f.robust;
  // Two columns (Standard, Scaled) under MLR and WLSMV. lavaan capitalizes "Test Statistic" in
  // that layout; psychkit keeps "Test statistic" in both. A WLSMV model with df = 0 has no scaled
  // test in the result (lavaan prints a Scaled column of zeros and the scaled baseline): one column.
  const mlr = s !== null;
  const two = (standard: string, scaled: string): [string, string?] => (mlr ? [standard, scaled] : [standard]);
  lines.push('Model Test User Model:');
  lines.push(mlr ? fitLine('', 'Standard', 'Scaled') : '');
  lines.push(fitLine('Test statistic', ...two(num3(f.chiSquare), num3(s?.chiSquare ?? null))));
  lines.push(fitLine('Degrees of freedom', ...two(whole(f.df), whole(s?.df ?? f.df))));
  lines.push(fitLine('P-value (Chi-square)', ...two(num3(f.p), num3(s?.p ?? null))));
  if (s !== null) {
    lines.push(fitLine('Scaling correction factor', '', num3(s.scalingFactor)));
    if (r.estimator === 'WLSMV') {
      // lavaan's "scaled.shifted" test: T* = a·T + b, the scaling factor 1/a and the shift b.
      lines.push(fitLine('Shift parameter', '', num3(s.shift ?? null)));
      lines.push('    simple second-order correction');
    } else lines.push('    Yuan-Bentler correction (Mplus variant)');
  }
  // n_g·F_g is the ML statistic's share; a WLSMV result holds no per-group DWLS statistics.
  if (semGroupLabels(r) !== null && r.missing === 'listwise' && r.estimator !== 'WLSMV') {
    lines.push('  Test statistic for each group:');
    for (const g of r.groups) {
      const chi = groupChiSquare(g);
      lines.push(fitLine(`  ${String(g.label)}`, ...two(num3(chi), num3(chi === null || s === null ? null : chi / s.scalingFactor))));
    }
  }
  lines.push('', 'Model Test Baseline Model:', '');
  lines.push(fitLine('Test statistic', ...two(num3(f.baseline.chiSquare), num3(s?.baseline.chiSquare ?? null))));
  lines.push(fitLine('Degrees of freedom', ...two(whole(f.baseline.df), whole(s?.baseline.df ?? f.baseline.df))));
  lines.push(fitLine('P-value', ...two(num3(f.baseline.p), num3(s?.baseline.p ?? null))));
  if (s !== null) lines.push(fitLine('Scaling correction factor', '', num3(s.baseline.scalingFactor)));
  lines.push('', 'User Model versus Baseline Model:', '');
  lines.push(fitLine('Comparative Fit Index (CFI)', ...two(num3(f.cfi), num3(s?.cfi ?? null))));
  lines.push(fitLine('Tucker-Lewis Index (TLI)', ...two(num3(f.tli), num3(s?.tli ?? null))));
  if (robust !== null) {
    lines.push('');
    lines.push(fitLine('Robust Comparative Fit Index (CFI)', '', num3(robust.cfi)));
    lines.push(fitLine('Robust Tucker-Lewis Index (TLI)', '', num3(robust.tli)));
  }
  const same = (x: number): [string, string?] => two(num3(x), num3(x));
  // No likelihood under WLSMV: lavaan prints no such section.
  if (f.logLikelihood !== null && f.unrestrictedLogLikelihood !== null && f.aic !== null && f.bic !== null && f.sabic !== null) {
    lines.push('', 'Loglikelihood and Information Criteria:', '');
    lines.push(fitLine('Loglikelihood user model (H0)', ...same(f.logLikelihood)));
    lines.push(fitLine('Loglikelihood unrestricted model (H1)', ...same(f.unrestrictedLogLikelihood)));
    lines.push('');
    lines.push(fitLine('Akaike (AIC)', ...same(f.aic)));
    lines.push(fitLine('Bayesian (BIC)', ...same(f.bic)));
    lines.push(fitLine('Sample-size adjusted Bayesian (SABIC)', ...same(f.sabic)));
  }
  lines.push('', 'Root Mean Square Error of Approximation:', '');
  lines.push(...rmseaLines('RMSEA', f.rmsea, s?.rmsea ?? null));
  if (robust !== null) {
    lines.push('');
    // Only the second column: the robust RMSEA has no unscaled counterpart.
    const r = robust.rmsea;
    const level = whole(r.confidence * 100);
    lines.push(fitLine('Robust RMSEA', '', num3(r.estimate)));
    lines.push(fitLine(`${level} Percent confidence interval - lower`, '', num3(r.lower)));
    lines.push(fitLine(`${level} Percent confidence interval - upper`, '', num3(r.upper)));
    lines.push(fitLine('P-value H_0: Robust RMSEA <= 0.050', '', num3(r.pClose)));
    lines.push(fitLine('P-value H_0: Robust RMSEA >= 0.080', '', num3(r.pNotClose)));
  }
  lines.push('', 'Standardized Root Mean Square Residual:', '');
  lines.push(fitLine('SRMR', ...same(f.srmr)));
}

/** How the standard errors were computed (lavaan's block under "Parameter Estimates:"). */
function seLines(r: SemResult): string[] {
  const boot = semBootstrap(r);
  if (boot !== null) {
    return [
      fitLine('Standard errors', 'Bootstrap'),
      fitLine('Number of requested bootstrap draws', whole(boot.resamples)),
      fitLine('Number of successful bootstrap draws', whole(boot.resamples)),
    ];
  }
  if (r.estimator === 'WLSMV') return [fitLine('Standard errors', 'Robust.sem'), fitLine('Information', 'Expected'), fitLine('Information saturated (h1) model', 'Unstructured')];
  if (r.estimator === 'MLR') return [fitLine('Standard errors', 'Sandwich'), fitLine('Information bread', 'Observed'), fitLine('Observed information based on', 'Hessian')];
  if (r.missing === 'fiml') return [fitLine('Standard errors', 'Standard'), fitLine('Information', 'Observed'), fitLine('Observed information based on', 'Hessian')];
  return [fitLine('Standard errors', 'Standard'), fitLine('Information', 'Expected'), fitLine('Information saturated (h1) model', 'Structured')];
}

/** One entry of a parameter section: a group header (`  visual =~`) or a parameter row. */
type Entry = { readonly header: string } | { readonly name: string; readonly label: string; readonly q: SemParameter };

/** A variable's name as a row or header shows it: a leading dot for residual (co)variances and intercepts. */
function dotted(v: string, residual: boolean, indent: number): string {
  return residual ? `${' '.repeat(indent - 1)}.${v}` : `${' '.repeat(indent)}${v}`;
}

function grouped(rows: readonly SemParameter[], op: string, residualHeader: (v: string) => boolean, residualRow: (v: string) => boolean): Entry[] {
  const out: Entry[] = [];
  for (const g of byLhs(rows)) {
    out.push({ header: `${dotted(g.lhs, residualHeader(g.lhs), 2)} ${op}` });
    for (const q of g.rows) out.push({ name: dotted(q.rhs, residualRow(q.rhs), 4), label: q.label, q });
  }
  return out;
}

function single(rows: readonly SemParameter[], residual: (v: string) => boolean, showLabel = true): Entry[] {
  return rows.map((q) => ({ name: dotted(q.lhs, residual(q.lhs), 4), label: showLabel ? q.label : '', q }));
}

/** Thresholds as lavaan names them (`    esse1|t1`, never dotted). */
function thresholdEntries(rows: readonly SemParameter[]): Entry[] {
  return rows.map((q) => ({ name: `    ${q.lhs}|${q.rhs}`, label: q.label, q }));
}

const COLUMNS = ['Estimate', 'Std.Err', 'z-value', 'P(>|z|)', 'Std.lv', 'Std.all'];

function section(title: string, entries: readonly Entry[], width: number, lines: string[]): void {
  if (entries.length === 0) return;
  lines.push('', `${title}:`, ' '.repeat(width) + COLUMNS.map((c) => c.padStart(CELL)).join(''));
  for (const e of entries) {
    if ('header' in e) {
      lines.push(e.header);
      continue;
    }
    const label = e.label === '' ? '' : `(${e.label})`;
    const name = label === '' ? e.name.padEnd(width) : e.name + ' '.repeat(Math.max(1, width - e.name.length - label.length)) + label;
    const q = e.q;
    const tested = q.se !== null;
    const cells = [num3(q.estimate), tested ? num3(q.se) : '', tested ? num3(q.statistic) : '', tested ? num3(q.p) : '', num3(q.stdLv), num3(q.stdAll)];
    lines.push((name + cells.map((c) => c.padStart(CELL)).join('')).trimEnd());
  }
}

function entryWidth(e: Entry): number {
  return 'header' in e ? 0 : e.name.length + (e.label === '' ? 0 : e.label.length + 3);
}

/** The entries of lavaan's parameter sections, in its order. */
function sectionEntries(s: SemSections, residual: (v: string) => boolean) {
  const latentVariables = grouped(s.loadings, '=~', () => false, () => false);
  const regressions = grouped(s.regressions, '~', () => false, () => false);
  const covariances = grouped(s.covariances, '~~', residual, residual);
  const intercepts = single(s.intercepts, residual);
  const thresholds = thresholdEntries(s.thresholds);
  const variances = single(s.variances, residual);
  // The scale factors of the latent responses y*: lavaan prints their names undotted.
  const scales = single(s.scales, () => false);
  const defined = single(s.defined, () => false, false);
  const all = [...latentVariables, ...regressions, ...covariances, ...intercepts, ...thresholds, ...variances, ...scales, ...defined];
  return { latentVariables, regressions, covariances, intercepts, thresholds, variances, scales, defined, all };
}

/**
 * Latent Variables, Regressions, Covariances, Intercepts, Thresholds, Variances, Scales y* and
 * Defined Parameters (width: of the name column; default from the entries).
 */
function parameterSections(s: SemSections, residual: (v: string) => boolean, lines: string[], width?: number): void {
  const e = sectionEntries(s, residual);
  const w = width ?? Math.max(MIN_NAME_WIDTH, ...e.all.map(entryWidth));
  section('Latent Variables', e.latentVariables, w, lines);
  section('Regressions', e.regressions, w, lines);
  section('Covariances', e.covariances, w, lines);
  section('Intercepts', e.intercepts, w, lines);
  section('Thresholds', e.thresholds, w, lines);
  section('Variances', e.variances, w, lines);
  section('Scales y*', e.scales, w, lines);
  section('Defined Parameters', e.defined, w, lines);
}

/**
 * A `cfa` or `sem` result as plain text in the layout of lavaan's
 * `summary(fit, fit.measures = TRUE, standardized = TRUE)`: a header (estimator, iterations,
 * number of parameters and of observations — used and total when rows were left out), the model
 * test (and the Yuan–Bentler scaled column under MLR), the baseline test, CFI and TLI (and the
 * robust ones), log-likelihoods and AIC, BIC and sample-size adjusted BIC, RMSEA with its 90%
 * interval and the tests of close and not-close fit, SRMR; then "Parameter Estimates:" with the
 * sections Latent Variables, Regressions, Covariances, Intercepts, Variances and Defined
 * Parameters, each with Estimate, Std.Err, z-value, P(>|z|), Std.lv and Std.all to three
 * decimals. A labelled parameter shows its label beside its name (`x8 (l8)`); residual
 * (co)variances and intercepts of indicators and outcomes are marked with a leading dot; fixed
 * parameters leave Std.Err, z-value and P(>|z|) blank. The fixed sample moments of observed
 * covariates (fixed.x) are left out, as lavaan does. Warnings follow at the end.
 *
 * A multiple-group result (`group`) follows lavaan's multiple-group summary: "Number of
 * observations per group:" with each group's n (used and total when rows were left out), "Test
 * statistic for each group:" under the χ² test (each group's n_g·F_g, and its scaled value under
 * MLR; not printed under FIML, whose per-group log-likelihoods the result does not hold), then
 * each group's sections under "Group 1 [Pasteur]:" — with the Intercepts of the mean structure —
 * and the defined parameters last. lavaan's labels of parameters held equal across groups
 * (`(.p2.)`) are not printed: psychkit gives them none.
 *
 * A WLSMV result (ordered indicators) follows lavaan's summary for `estimator = "WLSMV"`: estimator
 * "DWLS"; the Standard and Scaled columns with the scaling correction factor (1/a) and the shift
 * parameter (b) of the mean-and-variance adjusted test; the baseline test with its scaling factor;
 * CFI/TLI with the robust ones; RMSEA standard, scaled and robust; SRMR; no log-likelihood section;
 * robust.sem standard errors; and after Intercepts (the fixed zeros) the Thresholds
 * (`esse1|t1`), and after Variances (the residual variances of the latent responses, fixed at
 * 1 − R²) the Scales y*. With df = 0 the result has no scaled test, so one column is printed.
 *
 * The numbers are the result's, so they are lavaan's where the fit agrees with lavaan (docs/cfa.md,
 * Validation); lavaan's own scaling factors of the MLR log-likelihoods and the number of missing
 * patterns under FIML are not printed.
 *
 * Errors: `INVALID_INPUT` for anything but a cfa or sem result, or a result with a field of the
 * wrong type (named, e.g. `result.parameters[3].estimate`).
 *
 * @example
 * ```ts
 * const fit = cfa(rows, { model: 'visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9' });
 * console.log(formatCfa(fit));
 * ```
 */
export function formatCfa(result: SemResult): string {
  checkSemResult(result, 'formatCfa');
  const r = result;
  const roles: SemRoles = semRoles(r);
  const residual = (v: string) => isResidual(v, roles);
  const lines: string[] = [];
  const fn = `${r.kind}()`;
  lines.push(r.converged ? `psychkit ${fn} ended normally after ${r.iterations} iterations` : `** WARNING ** psychkit ${fn} did NOT end normally after ${r.iterations} iterations`, '');
  // WLSMV is lavaan's DWLS estimator with robust SEs and the adjusted test: lavaan prints "DWLS".
  // The optimizer is psychkit's own (Fisher scoring; Gauss–Newton under DWLS), not lavaan's NLMINB.
  lines.push(fitLine('Estimator', r.estimator === 'WLSMV' ? 'DWLS' : r.estimator), fitLine('Optimization method', 'FISHER'));
  const freeRows = r.parameters.filter((q) => q.free && q.op !== ':=').length;
  lines.push(fitLine('Number of model parameters', whole(Math.max(freeRows, r.fit.npar))));
  if (freeRows > r.fit.npar) lines.push(fitLine('Number of equality constraints', whole(freeRows - r.fit.npar)));
  lines.push('');
  const labels = semGroupLabels(r);
  if (labels !== null) {
    // lavaan's multiple-group header: one line per group, Used and Total when rows were left out.
    const dropped = r.nDropped > 0 || r.groups.some((g) => g.nDropped > 0);
    lines.push(dropped ? fitLine('Number of observations per group:', 'Used', 'Total') : '  Number of observations per group:');
    for (const g of r.groups) lines.push(dropped ? fitLine(`  ${String(g.label)}`, whole(g.n), whole(g.n + g.nDropped)) : fitLine(`  ${String(g.label)}`, whole(g.n)));
  } else if (r.nDropped > 0) {
    lines.push(fitLine('', 'Used', 'Total'));
    lines.push(fitLine('Number of observations', whole(r.n), whole(r.n + r.nDropped)));
  } else lines.push(fitLine('Number of observations', whole(r.n)));
  if (r.missing === 'fiml') lines.push(fitLine('Missing-data rule', 'FIML'));
  lines.push('');
  fitSection(r, lines);
  lines.push('', 'Parameter Estimates:', '', ...seLines(r));

  if (labels === null) parameterSections(semSections(r, roles), residual, lines);
  else {
    // lavaan's multiple-group layout: each group's sections under "Group 1 [label]:", then the
    // defined parameters, which belong to no group. One name width for every group.
    const views = labels.map((label) => {
      const view = semGroupView(r, label);
      return { label, sections: semSections(view, roles) };
    });
    const defined = semDefinedRows(r);
    const width = Math.max(MIN_NAME_WIDTH, ...views.flatMap((v) => sectionEntries(v.sections, residual).all.map(entryWidth)), ...single(defined, () => false, false).map(entryWidth));
    views.forEach((v, i) => {
      lines.push('', '', `Group ${i + 1} [${v.label}]:`);
      parameterSections({ ...v.sections, defined: [] }, residual, lines, width);
    });
    section('Defined Parameters', single(defined, () => false, false), width, lines);
  }
  if (r.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const w of r.warnings) lines.push(`  ${w.message}`);
  }
  return `${lines.join('\n')}\n`;
}
