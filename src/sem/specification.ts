import { fail } from '../errors.js';
import { parseModelSyntax, type SyntaxDefinition, type SyntaxRelation } from './syntax.js';

// The parameter table: every relation the syntax states plus lavaan's defaults for `cfa()`/`sem()`
// (first loading fixed to 1 unless `stdLv`; residual variances of every observed and latent
// variable free; covariances among exogenous latents free; among pure dependent variables free;
// exogenous observed covariates' moments fixed at their sample values, lavaan's `fixed.x`).
// Each row is placed in one LISREL matrix: Λ (loadings), B (regressions), Ψ (latent
// (co)variances), Θ (residual (co)variances), ν and α (intercepts, with a mean structure).
// Observed variables that take part in regressions become "dummy" latents (Λ = 1, Θ = 0),
// as in lavaan, so their variances and regressions live in Ψ and B.

export type ParameterOp = '=~' | '~' | '~~' | '~1';
export type ModelMatrix = 'lambda' | 'beta' | 'psi' | 'theta' | 'nu' | 'alpha';

export interface ParameterRow {
  readonly lhs: string;
  readonly op: ParameterOp;
  readonly rhs: string;
  readonly label: string;
  /** Written in the syntax (true) or added by a default (false). */
  readonly user: boolean;
  /** 0 = fixed; otherwise the 1-based index of the free parameter (shared by equal labels). */
  readonly free: number;
  /** The fixed value, or the start value of a free parameter. */
  readonly value: number;
  readonly matrix: ModelMatrix;
  readonly row: number;
  readonly col: number;
  /** Fixed at a sample moment (an exogenous covariate's variance, covariance or mean). */
  readonly sampleMoment: boolean;
}

export interface ModelSpecification {
  /** Observed variables, in the order of the implied matrices. */
  readonly observed: readonly string[];
  /** Latent variables written with `=~`. */
  readonly latent: readonly string[];
  /** η: the latents, then the observed variables that take part in regressions (dummies). */
  readonly eta: readonly string[];
  /** For each observed variable, its dummy's index in η, or −1. */
  readonly dummyOf: readonly number[];
  /** Exogenous observed covariates (fixed.x). */
  readonly exogenous: readonly string[];
  readonly rows: readonly ParameterRow[];
  readonly definitions: readonly SyntaxDefinition[];
  readonly nFree: number;
  readonly meanStructure: boolean;
}

export interface SpecificationSettings {
  readonly stdLv: boolean;
  readonly meanStructure: boolean;
  readonly orthogonal: boolean;
}

interface MutableRow {
  lhs: string;
  op: ParameterOp;
  rhs: string;
  label: string;
  user: boolean;
  fixed: number | null; // null = free
  start: number | null;
  sampleMoment: boolean;
  line: number;
  column: number;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function key(lhs: string, op: string, rhs: string): string {
  return op === '~~' && lhs > rhs ? `${rhs}\u0000${op}\u0000${lhs}` : `${lhs}\u0000${op}\u0000${rhs}`;
}

function notIdentified(message: string, details: Record<string, unknown>): Error {
  return fail('NOT_IDENTIFIED', message, details);
}

/** Builds the parameter table of a model (lavaan's `lavaanify` for `cfa()`/`sem()`). */
export function specifyModel(syntax: string, settings: SpecificationSettings): ModelSpecification {
  const { relations, definitions } = parseModelSyntax(syntax);
  if (relations.length === 0) throw fail('MODEL_SYNTAX', 'The model syntax states no relation (=~, ~ or ~~).', { option: 'model' });
  const latent = unique(relations.filter((r) => r.op === '=~').map((r) => r.lhs));
  const isLatent = new Set(latent);
  const names = unique(relations.flatMap((r) => (r.op === '~1' ? [r.lhs] : [r.lhs, r.rhs])));
  const observedInOrder = names.filter((v) => !isLatent.has(v));
  const indicators = new Set(relations.filter((r) => r.op === '=~').map((r) => r.rhs));
  const eqsY = new Set(relations.filter((r) => r.op === '~').map((r) => r.lhs));
  const eqsX = new Set(relations.filter((r) => r.op === '~').map((r) => r.rhs));
  const exogenous = observedInOrder.filter((v) => eqsX.has(v) && !eqsY.has(v) && !indicators.has(v));
  const observed = [...observedInOrder.filter((v) => !exogenous.includes(v)), ...exogenous];
  const inRegression = observed.filter((v) => eqsX.has(v) || eqsY.has(v));
  // Pure path models need no latents: dummies carry everything. Otherwise, as lavaan: a dummy per
  // observed variable in a regression.
  const eta = [...latent, ...inRegression];
  const etaIndex = new Map(eta.map((v, i) => [v, i]));
  const observedIndex = new Map(observed.map((v, i) => [v, i]));
  const dummyOf = observed.map((v) => (inRegression.includes(v) ? etaIndex.get(v)! : -1));

  for (const definition of definitions) {
    if (names.includes(definition.name)) throw fail('MODEL_SYNTAX', `Model syntax, line ${definition.line}: the defined parameter "${definition.name}" has the name of a variable.`, { line: definition.line, character: definition.column });
  }
  for (const r of relations) {
    if (r.op === '=~' && r.lhs === r.rhs) throw fail('MODEL_SYNTAX', `Model syntax, line ${r.line}: "${r.lhs}" cannot be an indicator of itself.`, { line: r.line, character: r.column });
    if (r.op === '~' && r.lhs === r.rhs) throw fail('MODEL_SYNTAX', `Model syntax, line ${r.line}: "${r.lhs}" cannot be regressed on itself.`, { line: r.line, character: r.column });
  }

  // User rows (in syntax order), merged by key; a second statement of the same relation is an error.
  const rows: MutableRow[] = [];
  const byKey = new Map<string, MutableRow>();
  const add = (row: MutableRow): void => {
    const k = key(row.lhs, row.op, row.rhs);
    if (byKey.has(k)) {
      if (row.user) throw fail('MODEL_SYNTAX', `Model syntax, line ${row.line}, column ${row.column}: ${row.lhs} ${row.op === '~1' ? '~ 1' : `${row.op} ${row.rhs}`} is stated twice.`, { line: row.line, character: row.column });
      return;
    }
    byKey.set(k, row);
    rows.push(row);
  };
  const fromSyntax = (r: SyntaxRelation): MutableRow => ({
    lhs: r.lhs,
    op: r.op,
    rhs: r.op === '~1' ? '' : r.rhs,
    label: r.modifiers.label ?? '',
    user: true,
    fixed: r.modifiers.fixed === undefined || r.modifiers.fixed === null ? null : r.modifiers.fixed,
    start: r.modifiers.start ?? null,
    sampleMoment: false,
    line: r.line,
    column: r.column,
  });
  const firstLoading = new Set<string>();
  for (const r of relations) {
    const row = fromSyntax(r);
    if (r.op === '=~' && !firstLoading.has(r.lhs)) {
      firstLoading.add(r.lhs);
      // lavaan's auto.fix.first: the marker loading is 1 unless written (`NA*x`) or stdLv.
      if (!settings.stdLv && r.modifiers.fixed === undefined) row.fixed = 1;
    }
    add(row);
  }
  const auto = (lhs: string, op: ParameterOp, rhs: string, fixed: number | null, sampleMoment = false): void =>
    add({ lhs, op, rhs, label: '', user: false, fixed, start: null, sampleMoment, line: 0, column: 0 });

  // Residual variances: every observed variable except the exogenous covariates, then every latent.
  const singleIndicator = new Set(latent.filter((f) => relations.filter((r) => r.op === '=~' && r.lhs === f).length === 1).map((f) => relations.find((r) => r.op === '=~' && r.lhs === f)!.rhs));
  for (const v of observed) if (!exogenous.includes(v)) auto(v, '~~', v, singleIndicator.has(v) && !isLatent.has(v) ? 0 : null);
  const lvY = latent.filter((f) => eqsY.has(f) && !indicators.has(f) && !eqsX.has(f));
  const lvX = latent.filter((f) => !indicators.has(f) && !eqsY.has(f));
  for (const f of latent) auto(f, '~~', f, settings.stdLv ? 1 : null);
  for (let i = 0; i < lvX.length; i++) for (let j = i + 1; j < lvX.length; j++) auto(lvX[i]!, '~~', lvX[j]!, settings.orthogonal ? 0 : null);
  const ovY = observed.filter((v) => eqsY.has(v) && !indicators.has(v) && !eqsX.has(v));
  const pureY = [...lvY, ...ovY];
  for (let i = 0; i < pureY.length; i++) for (let j = i + 1; j < pureY.length; j++) auto(pureY[i]!, '~~', pureY[j]!, null);
  for (let i = 0; i < exogenous.length; i++) for (let j = i; j < exogenous.length; j++) auto(exogenous[j]!, '~~', exogenous[i]!, Number.NaN, true);
  if (settings.meanStructure || relations.some((r) => r.op === '~1')) {
    for (const v of observed) auto(v, '~1', '', exogenous.includes(v) ? Number.NaN : null, exogenous.includes(v));
    for (const f of latent) auto(f, '~1', '', 0);
  }

  // Placement in the matrices.
  const placed = rows.map((r) => place(r, { isLatent, etaIndex, observedIndex, dummyOf }));
  // Free indices: equal labels share one.
  const labelIndex = new Map<string, number>();
  let nFree = 0;
  const out: ParameterRow[] = rows.map((r, i) => {
    let free = 0;
    if (r.fixed === null) {
      if (r.label !== '' && labelIndex.has(r.label)) free = labelIndex.get(r.label)!;
      else {
        free = ++nFree;
        if (r.label !== '') labelIndex.set(r.label, free);
      }
    }
    const where = placed[i]!;
    return { lhs: r.lhs, op: r.op, rhs: r.rhs, label: r.label, user: r.user, free, value: r.fixed ?? r.start ?? Number.NaN, matrix: where.matrix, row: where.row, col: where.col, sampleMoment: r.sampleMoment };
  });
  const labels = new Map<string, MutableRow[]>();
  for (const r of rows) if (r.label !== '') labels.set(r.label, [...(labels.get(r.label) ?? []), r]);
  for (const [label, shared] of labels) {
    if (shared.some((r) => r.fixed !== null) && shared.some((r) => r.fixed === null)) {
      const r = shared.find((s) => s.fixed !== null)!;
      throw fail('MODEL_SYNTAX', `Model syntax, line ${r.line}: the label "${label}" is on a fixed and a free parameter; fix all of them or none.`, { line: r.line, character: r.column, label });
    }
  }
  // Every latent needs a scale: a fixed loading or a fixed variance.
  for (const f of latent) {
    const hasFixedLoading = rows.some((r) => r.op === '=~' && r.lhs === f && r.fixed !== null && r.fixed !== 0);
    const variance = byKey.get(key(f, '~~', f))!;
    if (!hasFixedLoading && variance.fixed === null) {
      throw notIdentified(`The latent variable "${f}" has no scale: fix one of its loadings (the default marker, removed by NA*) or its variance (\`${f} ~~ 1*${f}\`, or stdLv: true).`, { parameter: `${f} ~~ ${f}`, variable: f });
    }
  }
  return { observed, latent, eta, dummyOf, exogenous, rows: out, definitions, nFree, meanStructure: out.some((r) => r.op === '~1') };
}

interface Places {
  readonly isLatent: ReadonlySet<string>;
  readonly etaIndex: ReadonlyMap<string, number>;
  readonly observedIndex: ReadonlyMap<string, number>;
  readonly dummyOf: readonly number[];
}

function place(r: MutableRow, p: Places): { matrix: ModelMatrix; row: number; col: number } {
  const eta = (v: string): number => p.etaIndex.get(v) ?? -1;
  const ov = (v: string): number => p.observedIndex.get(v)!;
  const where = `line ${r.line}, column ${r.column}`;
  switch (r.op) {
    case '=~': {
      const f = eta(r.lhs);
      const target = eta(r.rhs);
      // A latent or dummy indicator loads through B; a plain observed one through Λ.
      return target >= 0 ? { matrix: 'beta', row: target, col: f } : { matrix: 'lambda', row: ov(r.rhs), col: f };
    }
    case '~': {
      const y = eta(r.lhs);
      const x = eta(r.rhs);
      return { matrix: 'beta', row: y, col: x };
    }
    case '~~': {
      const a = eta(r.lhs);
      const b = eta(r.rhs);
      if (a >= 0 && b >= 0) return { matrix: 'psi', row: Math.max(a, b), col: Math.min(a, b) };
      if (a < 0 && b < 0) {
        const i = ov(r.lhs);
        const j = ov(r.rhs);
        return { matrix: 'theta', row: Math.max(i, j), col: Math.min(i, j) };
      }
      throw fail('MODEL_SYNTAX', `Model syntax, ${where}: a covariance between "${r.lhs}" and "${r.rhs}" (one a latent or a variable in a regression, the other a plain indicator) is not supported.`, { line: r.line, character: r.column });
    }
    case '~1': {
      const a = eta(r.lhs);
      return a >= 0 ? { matrix: 'alpha', row: a, col: 0 } : { matrix: 'nu', row: ov(r.lhs), col: 0 };
    }
  }
}
