// The APA table of an invariance result: one row per step (configural, metric, scalar, strict)
// with its fit and its test against the step before, as measurement-invariance papers print it.
import type { InvarianceModel, InvarianceResult } from '../sem/invariance.js';
import { formatInterval, formatNumber } from './format.js';
import { percent, withWarnings, type ApaContext } from './apa-common.js';
import { estimatorPhrase, groupsBy } from './sem-view.js';
import type { ReportTable, TableCell } from './table.js';

const STEP_NAMES: Readonly<Record<InvarianceModel['step'], string>> = { configural: 'Configural', metric: 'Metric', scalar: 'Scalar', strict: 'Strict' };

/** lavaan's `group.equal` sets as a note names them. */
const EQUAL_NAMES: Readonly<Record<string, string>> = {
  loadings: 'loadings',
  intercepts: 'intercepts',
  means: 'latent means',
  regressions: 'regressions',
  residuals: 'residual variances',
  'residual.covariances': 'residual covariances',
  'lv.variances': 'latent variances',
  'lv.covariances': 'latent covariances',
  thresholds: 'thresholds',
};

/** "a", "a and b", "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

/**
 * invariance → one row per step: χ² (df), CFI, RMSEA with its 90% CI, SRMR, and against the step
 * before Δχ² (Δdf), its p, ΔCFI and ΔRMSEA; under MLR the scaled χ², the robust CFI and RMSEA and
 * the Satorra–Bentler scaled Δχ². Fit indices and their changes print with three decimals (at
 * least `decimals`): a ΔCFI of −.004 is what the reading rule is about. The note names the
 * grouping variable, each group's n, the estimator, what each step holds equal and the reading
 * rules of Cheung and Rensvold (2002) and Chen (2007).
 */
export function invarianceTable(r: InvarianceResult, c: ApaContext): ReportTable {
  const robust = r.estimator === 'MLR';
  const wlsmv = r.estimator === 'WLSMV';
  const fitDecimals = Math.max(3, c.decimals);
  const index = { decimals: fitDecimals, leadingZero: false };
  const idx = (x: number | null) => formatNumber(x, index);
  const df = (x: number) => formatNumber(x, { decimals: 0 });
  const rows = r.models.map((m): TableCell[] => {
    const f = m.result.fit;
    const scaled = robust || wlsmv ? f.scaled : null;
    const chi = scaled === null ? f.chiSquare : scaled.chiSquare;
    const chiDf = scaled === null ? f.df : scaled.df;
    // Under WLSMV the scaled indices (lavaan has no robust ones once thresholds are equal).
    const cfi = robust ? (f.robust?.cfi ?? null) : wlsmv ? (f.scaled?.cfi ?? null) : f.cfi;
    const rmsea = robust ? (f.robust?.rmsea ?? null) : wlsmv ? (f.scaled?.rmsea ?? null) : f.rmsea;
    const t = m.test;
    return [
      STEP_NAMES[m.step],
      `${c.num(chi)} (${df(chiDf)})`,
      cfi,
      rmsea === null ? null : `${idx(rmsea.estimate)} ${formatInterval(rmsea.lower, rmsea.upper, index)}`,
      f.srmr,
      t === null ? null : `${c.num(t.chiSquare)} (${df(t.df)})`,
      t === null ? null : t.p,
      m.deltaCfi,
      m.deltaRmsea,
    ];
  });
  const first = r.models[0]!.result;
  const level = first.fit.rmsea.confidence;
  const groups = first.groups.map((g) => `${String(g.label)} (n = ${g.n}${g.nDropped > 0 ? ` of ${g.n + g.nDropped}` : ''})`);
  const steps = r.models.map((m) => `${m.step}, ${m.groupEqual.length === 0 ? 'none (the same model in every group)' : `equal ${listed(m.groupEqual.map((e) => EQUAL_NAMES[e] ?? e))}`}`);
  const note = [
    `${groupsBy(r.group, c.label)}: ${listed(groups)}; N = ${r.n}. ${estimatorPhrase(first)}.`,
    `Constraints across groups: ${steps.join('; ')}.`,
    robust
      ? 'χ² is the Yuan–Bentler scaled statistic and CFI and RMSEA are the robust indices (MLR); Δχ² is the Satorra–Bentler (2001) scaled difference test against the model in the row above.'
      : wlsmv
        ? 'χ² is the mean-and-variance adjusted statistic and CFI and RMSEA are the scaled indices (WLSMV); Δχ² is Satorra’s (2000) scaled-and-shifted difference test against the model in the row above.'
        : 'Δχ² is the likelihood-ratio (χ² difference) test against the model in the row above.',
    `RMSEA with its ${percent(level)}% CI. ΔCFI and ΔRMSEA: change from the model in the row above; ΔCFI ≤ −.01 (Cheung & Rensvold, 2002) or ΔRMSEA ≥ .015 (Chen, 2007) suggests that the added constraints do not hold. Fit indices and their changes with ${fitDecimals} decimals.`,
  ].join(' ');
  return {
    title: c.title ?? `Measurement invariance across ${r.group === null ? 'groups' : c.label(r.group)}`,
    columns: [
      { label: 'Model' },
      { label: 'χ² (df)', align: 'right' },
      { label: 'CFI', format: index },
      { label: `RMSEA [${percent(level)}% CI]`, align: 'right' },
      { label: 'SRMR', format: index },
      { label: 'Δχ² (Δdf)', align: 'right' },
      { label: 'p', format: 'p' },
      { label: 'ΔCFI', format: index },
      { label: 'ΔRMSEA', format: index },
    ],
    rows,
    note: withWarnings(note, r.warnings),
  };
}
