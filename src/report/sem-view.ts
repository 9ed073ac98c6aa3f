// What the CFA/SEM reports (toApaTable, formatCfa, semDiagramSvg) read from a cfa/sem result:
// the parameter rows sorted into lavaan's sections, and the roles of the variables. Only plain
// functions of a result already checked by result-shape.ts.
import type { SemParameter, SemResult } from '../sem/fit.js';

/** The variables of a model and their roles. */
export interface SemRoles {
  readonly latent: ReadonlySet<string>;
  /** Observed variables that are indicators of a latent (rhs of `=~`). */
  readonly indicators: ReadonlySet<string>;
  /**
   * Endogenous variables of the structural model: regressed on something (lhs of `~`), or a
   * latent indicator of a higher-order factor (rhs of `=~`). Their `~~` rows are residual ones.
   */
  readonly outcomes: ReadonlySet<string>;
  /**
   * Observed covariates: observed, never an indicator, never an outcome. Their variances,
   * covariances and means are fixed at the sample values (lavaan's fixed.x).
   */
  readonly covariates: ReadonlySet<string>;
}

export function semRoles(r: SemResult): SemRoles {
  const latent = new Set(r.latent);
  const indicators = new Set<string>();
  const outcomes = new Set<string>();
  for (const q of r.parameters) {
    if (q.op === '=~') (latent.has(q.rhs) ? outcomes : indicators).add(q.rhs);
    if (q.op === '~') outcomes.add(q.lhs);
  }
  const covariates = new Set(r.columns.filter((v) => !latent.has(v) && !indicators.has(v) && !outcomes.has(v)));
  return { latent, indicators, outcomes, covariates };
}

/**
 * Whether a row only restates the sample moments of observed covariates (a fixed variance,
 * covariance or mean of fixed.x variables): lavaan's summary leaves these out, and so do the
 * reports.
 */
export function isFixedCovariateMoment(q: SemParameter, roles: SemRoles): boolean {
  if (q.free || (q.op !== '~~' && q.op !== '~1')) return false;
  return roles.covariates.has(q.lhs) && (q.op === '~1' || roles.covariates.has(q.rhs));
}

/** The parameter rows in lavaan's sections (each in the result's order). */
export interface SemSections {
  readonly loadings: readonly SemParameter[];
  readonly regressions: readonly SemParameter[];
  readonly covariances: readonly SemParameter[];
  readonly intercepts: readonly SemParameter[];
  /** Thresholds of ordered indicators (`|`, WLSMV). */
  readonly thresholds: readonly SemParameter[];
  readonly variances: readonly SemParameter[];
  /** Scale factors of ordered indicators (`~*~`, WLSMV; lavaan's "Scales y*"). */
  readonly scales: readonly SemParameter[];
  readonly defined: readonly SemParameter[];
}

export function semSections(r: SemResult, roles: SemRoles = semRoles(r)): SemSections {
  const shown = r.parameters.filter((q) => !isFixedCovariateMoment(q, roles));
  return {
    loadings: shown.filter((q) => q.op === '=~'),
    regressions: shown.filter((q) => q.op === '~'),
    covariances: shown.filter((q) => q.op === '~~' && q.lhs !== q.rhs),
    intercepts: shown.filter((q) => q.op === '~1'),
    thresholds: shown.filter((q) => q.op === '|'),
    variances: shown.filter((q) => q.op === '~~' && q.lhs === q.rhs),
    scales: shown.filter((q) => q.op === '~*~'),
    defined: shown.filter((q) => q.op === ':='),
  };
}

/**
 * Whether a variance or covariance row of `v` is a residual one (lavaan's leading dot): `v` is an
 * indicator or regressed on something, so its `~~` row is what the model leaves unexplained.
 */
export function isResidual(v: string, roles: SemRoles): boolean {
  return roles.indicators.has(v) || roles.outcomes.has(v);
}

/** Groups rows by their left-hand side, in order of first appearance. */
export function byLhs(rows: readonly SemParameter[]): { readonly lhs: string; readonly rows: readonly SemParameter[] }[] {
  const groups = new Map<string, SemParameter[]>();
  for (const q of rows) {
    const list = groups.get(q.lhs);
    if (list === undefined) groups.set(q.lhs, [q]);
    else list.push(q);
  }
  return [...groups].map(([lhs, list]) => ({ lhs, rows: list }));
}

/** "ML", "MLR" or "WLSMV", with listwise deletion or FIML, as a phrase for notes. */
export function estimatorPhrase(r: SemResult): string {
  const estimator =
    r.estimator === 'WLSMV'
      ? 'WLSMV (diagonally weighted least squares on polychoric correlations, robust standard errors)'
      : r.estimator === 'MLR'
        ? 'Robust maximum likelihood (MLR: Huber–White standard errors)'
        : 'Maximum likelihood (ML)';
  const missing =
    r.missing === 'fiml'
      ? `full-information ML over every row with an observed value${r.nDropped > 0 ? ` (${r.nDropped} row${r.nDropped === 1 ? '' : 's'} with none left out)` : ''}`
      : `listwise deletion${r.nDropped > 0 ? ` (${r.nDropped} row${r.nDropped === 1 ? '' : 's'} with missing values left out)` : ''}`;
  return `${estimator}, ${missing}`;
}

/** The bootstrap settings of a result fitted with `resamples` (its SEs, p-values and intervals are then bootstrap ones), or null. */
export function semBootstrap(r: SemResult): { readonly resamples: number; readonly seed: number | string; readonly interval: string } | null {
  const b = (r as { readonly bootstrap?: { readonly resamples: number; readonly seed: number | string; readonly interval: string } | null }).bootstrap;
  return b === undefined || b === null ? null : b;
}

/**
 * The group labels of a multiple-group result (every entry of `groups` has a label: fitted with
 * `group`, or from the moments of labelled groups), in the result's order; null for a
 * single-group result (one unlabelled group, or a result from before groups).
 */
export function semGroupLabels(r: SemResult): readonly string[] | null {
  const groups = (r as { readonly groups?: readonly { readonly label: string | null }[] }).groups;
  if (groups === undefined || groups.length === 0 || !groups.every((g) => typeof g.label === 'string')) return null;
  return groups.map((g) => g.label as string);
}

/** "Groups by school" (or "Groups" when the groups came from moments, without a column). */
export function groupsBy(column: string | null, label: (v: string) => string): string {
  return column === null ? 'Groups' : `Groups by ${label(column)}`;
}

/** The rows of one group of a multiple-group result (without the `:=` rows, which belong to no group), as a result of their own for the section helpers. */
export function semGroupView(r: SemResult, label: string): SemResult {
  return { ...r, parameters: r.parameters.filter((q) => q.op !== ':=' && q.group === label) };
}

/** The `:=` rows of a result (they belong to no group). */
export function semDefinedRows(r: SemResult): readonly SemParameter[] {
  return r.parameters.filter((q) => q.op === ':=');
}

/** "Pasteur (n = 156), Grant-White (n = 145)": the groups of a multiple-group result with their n (and rows left out). */
export function groupCounts(r: SemResult): string {
  return r.groups.map((g) => `${String(g.label)} (n = ${g.n}${g.nDropped > 0 ? ` of ${g.n + g.nDropped}` : ''})`).join(', ');
}
