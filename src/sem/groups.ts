import { fail } from '../errors.js';
import type { Evaluation, Objective } from './estimate.js';
import { specifyModel, type ModelSpecification, type ParameterRow, type SpecificationSettings } from './specification.js';

// Several groups, as lavaan's `group =`: the same model in every group, one parameter vector.
// Each group's table is the single-group table with the free indices renumbered into the
// shared vector; parameters held equal across groups (lavaan's `group.equal`, or one label used
// in every group) share an index. The fit function is lavaan's
//   F = Σ_g (n_g / N) F_g,
// so χ² = N·F = Σ n_g F_g and the information per case is Σ (n_g / N) I_g.

/** The parameter sets `groupEqual` can hold equal across groups (lavaan's `group.equal`). */
export const GROUP_EQUAL = ['loadings', 'intercepts', 'means', 'regressions', 'residuals', 'residual.covariances', 'lv.variances', 'lv.covariances', 'thresholds'] as const;
export type GroupEqual = (typeof GROUP_EQUAL)[number];

export interface GroupSettings {
  readonly groups: number;
  readonly groupEqual: readonly GroupEqual[];
  /** Parameters exempt from `groupEqual`, as `"lhs op rhs"` (spaces optional). */
  readonly groupPartial: readonly string[];
}

/** Whether row r of the template belongs to one of the sets held equal. */
function inEqualSet(r: ParameterRow, equal: ReadonlySet<GroupEqual>, template: ModelSpecification): boolean {
  const latent = template.latent.includes(r.lhs);
  const observed = !latent && !template.exogenous.includes(r.lhs) && template.observed.includes(r.lhs);
  switch (r.op) {
    case '=~':
      return equal.has('loadings');
    case '~':
      return equal.has('regressions');
    case '~1':
      return (observed && equal.has('intercepts')) || (latent && equal.has('means'));
    case '~~':
      if (observed) return equal.has(r.lhs === r.rhs ? 'residuals' : 'residual.covariances');
      if (latent) return equal.has(r.lhs === r.rhs ? 'lv.variances' : 'lv.covariances');
      return false;
  }
}

/** `"f =~ x1"`, `"x1 ~ 1"` or `"x1~~x2"` as the key lavaan's `group.partial` matches (no spaces). */
function partialKey(lhs: string, op: string, rhs: string): string {
  return `${lhs}${op}${rhs}`;
}

/**
 * One table per group, with the free indices of every group in one vector (lavaan's parameter
 * table with `group`): a label names one parameter in every group (lavaan ≥ 0.6-7); each set in
 * `groupEqual` is held equal across groups unless listed in `groupPartial`. As lavaan, in groups
 * 2 … G the latent means are freed when the intercepts are equal and the means are not, and the
 * latent variances are freed under `stdLv` when the loadings are equal and the variances are not.
 */
export function specifyGroups(syntax: string, settings: SpecificationSettings, groups: GroupSettings): ModelSpecification[] {
  const template = specifyModel(syntax, settings);
  if (groups.groups === 1) return [template];
  const equal = new Set(groups.groupEqual);
  const partial = new Set(groups.groupPartial.map((s) => s.replace(/\s+/g, '')));
  const known = new Set<string>();
  for (const r of template.rows) {
    known.add(partialKey(r.lhs, r.op, r.rhs));
    if (r.op === '~~') known.add(partialKey(r.rhs, r.op, r.lhs));
  }
  for (const s of groups.groupPartial) {
    if (!known.has(s.replace(/\s+/g, ''))) throw fail('INVALID_OPTION', `\`groupPartial\`: "${s}" is not a parameter of the model (write it as "lhs op rhs", e.g. "visual =~ x2" or "x3 ~ 1").`, { option: 'groupPartial', value: s });
  }
  const exempt = (r: ParameterRow) => partial.has(partialKey(r.lhs, r.op, r.rhs)) || (r.op === '~~' && partial.has(partialKey(r.rhs, r.op, r.lhs)));
  const index = new Map<string, number>();
  let nFree = 0;
  const free = (key: string): number => {
    let i = index.get(key);
    if (i === undefined) {
      i = ++nFree;
      index.set(key, i);
    }
    return i;
  };
  const latent = new Set(template.latent);
  // As lavaan: equal intercepts (or, for ordered indicators, equal thresholds) free the latent means.
  const freedMeans = (equal.has('intercepts') || equal.has('thresholds')) && !equal.has('means');
  const freedVariances = settings.stdLv && equal.has('loadings') && !equal.has('lv.variances');
  const perGroup = Array.from({ length: groups.groups }, (_, g) =>
    template.rows.map((r, i) => {
      let isFree = r.free > 0;
      let value = r.value;
      if (g > 0 && !r.user && !isFree && latent.has(r.lhs)) {
        if ((r.op === '~1' && freedMeans) || (r.op === '~~' && r.lhs === r.rhs && freedVariances)) {
          isFree = true;
          value = Number.NaN;
        }
      }
      if (!isFree) return { ...r, free: 0 };
      let key: string;
      if (r.label !== '') key = `label\u0000${r.label}`;
      else if (inEqualSet(r, equal, template) && !exempt(r)) key = `equal\u0000${i}`;
      else key = `group${g}\u0000${r.free > 0 ? `free${r.free}` : `row${i}`}`;
      return { ...r, free: free(key), value };
    }),
  );
  return perGroup.map((rows) => ({ ...template, rows, nFree, meanStructure: rows.some((r) => r.op === '~1') }));
}

/** The multi-group fit function Σ (n_g / N) F_g over one objective per group sharing the parameter vector. */
export class GroupedObjective implements Objective {
  readonly grad: Float64Array;
  readonly info: Float64Array;

  constructor(
    readonly parts: readonly Objective[],
    readonly weights: readonly number[],
    q: number,
  ) {
    this.grad = new Float64Array(q);
    this.info = new Float64Array(q * q);
  }

  evaluate(x: Float64Array): Evaluation | null {
    let f = 0;
    let logDet = 0;
    for (let g = 0; g < this.parts.length; g++) {
      const e = this.parts[g]!.evaluate(x);
      if (e === null) return null;
      f += (this.weights[g] as number) * e.f;
      logDet += e.logDet;
    }
    return { f, logDet };
  }

  gradientAndInformation(withGradient: boolean, withInformation = true): void {
    if (withGradient) this.grad.fill(0);
    if (withInformation) this.info.fill(0);
    for (let g = 0; g < this.parts.length; g++) {
      const part = this.parts[g]!;
      const w = this.weights[g] as number;
      part.gradientAndInformation(withGradient, withInformation);
      if (withGradient) for (let i = 0; i < this.grad.length; i++) this.grad[i] = (this.grad[i] as number) + w * (part.grad[i] as number);
      if (withInformation) for (let i = 0; i < this.info.length; i++) this.info[i] = (this.info[i] as number) + w * (part.info[i] as number);
    }
  }
}
