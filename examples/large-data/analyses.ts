// The four analyses, fitted the same way from moments or from rows, and the flat list of their
// numbers that the checks compare.
//
// In your own project, import from 'psychkit' instead of '../../dist/index.js'.
import { cfa, cronbachAlpha, efa, invariance, type CronbachAlphaResult, type EfaResult, type InvarianceResult, type SemResult } from '../../dist/index.js';
import type { SurveyMoments } from './moments.js';
import type { SurveyColumns } from './rows.js';
import { FACTOR1_ITEMS, ITEMS, MODEL, SITES } from './survey.js';

export interface Analyses {
  readonly alpha: CronbachAlphaResult<number | null>;
  readonly efa: EfaResult;
  readonly cfa: SemResult;
  readonly invariance: InvarianceResult;
}

const ALPHA = { columns: [...FACTOR1_ITEMS] };
const EFA = { factors: 2, extraction: 'minres', rotation: 'oblimin' } as const;
// std.lv: the factor variances are 1, so the loadings are on the population's scale.
const CFA = { model: MODEL, stdLv: true };
// Marker-variable identification (lavaan's default), which metric and scalar invariance build on.
const INVARIANCE = { model: MODEL };

export function fromMoments(m: SurveyMoments): Analyses {
  return {
    alpha: cronbachAlpha(m.overall, ALPHA),
    efa: efa(m.overall, EFA),
    cfa: cfa(m.overall, CFA),
    invariance: invariance(m.bySite, INVARIANCE),
  };
}

export function fromRows(table: SurveyColumns): Analyses {
  return {
    alpha: cronbachAlpha(table, { ...ALPHA, missing: 'listwise' }),
    efa: efa(table, { ...EFA, columns: [...ITEMS] }),
    cfa: cfa(table, CFA),
    invariance: invariance(table, { ...INVARIANCE, group: 'site', groupLabels: [...SITES] }),
  };
}

/** A number of one analysis, named so the same number of another fit can be found. */
export interface Named {
  readonly name: string;
  readonly value: number;
  /** Estimates (and SEs, alpha, loadings) are compared absolutely; test statistics grow with n, so relatively. */
  readonly kind: 'estimate' | 'statistic';
}

function semNumbers(prefix: string, r: SemResult): Named[] {
  const out: Named[] = [];
  for (const p of r.parameters) {
    const key = `${prefix} ${p.group ?? ''} ${p.lhs}${p.op}${p.rhs}`;
    out.push({ name: key, value: p.estimate, kind: 'estimate' });
    if (p.se !== null) out.push({ name: `${key} se`, value: p.se, kind: 'estimate' });
  }
  out.push({ name: `${prefix} chisq`, value: r.fit.chiSquare, kind: 'statistic' });
  out.push({ name: `${prefix} cfi`, value: r.fit.cfi, kind: 'estimate' });
  out.push({ name: `${prefix} rmsea`, value: r.fit.rmsea.estimate, kind: 'estimate' });
  out.push({ name: `${prefix} srmr`, value: r.fit.srmr, kind: 'estimate' });
  return out;
}

/** Every estimate, SE and fit statistic of the four analyses. */
export function numbers(a: Analyses): Named[] {
  const out: Named[] = [];
  const estimate = (name: string, value: number) => out.push({ name, value, kind: 'estimate' });
  for (const key of ['alpha', 'standardizedAlpha', 'lambda6', 'se', 'lower', 'upper'] as const) estimate(`alpha ${key}`, a.alpha[key]);
  for (const item of a.alpha.items) {
    estimate(`alpha ${item.column} sd`, item.sd);
    estimate(`alpha ${item.column} rRest`, item.rRest);
    estimate(`alpha ${item.column} alphaIfItemDeleted`, item.alphaIfItemDeleted);
  }
  a.efa.loadings.forEach((row, i) => row.forEach((x, j) => estimate(`efa loading ${a.efa.columns[i]} F${j + 1}`, x)));
  a.efa.phi.forEach((row, i) => row.forEach((x, j) => estimate(`efa phi ${i + 1}${j + 1}`, x)));
  a.efa.uniquenesses.forEach((x, i) => estimate(`efa u2 ${a.efa.columns[i]}`, x));
  if (a.efa.fit !== null) out.push({ name: 'efa chisq', value: a.efa.fit.chiSquare, kind: 'statistic' });
  out.push(...semNumbers('cfa', a.cfa));
  for (const m of a.invariance.models) {
    out.push(...semNumbers(`invariance ${m.step}`, m.result));
    if (m.test !== null) out.push({ name: `invariance ${m.step} delta chisq`, value: m.test.chiSquare, kind: 'statistic' });
  }
  return out;
}

export interface Agreement {
  readonly compared: number;
  /** Largest |a − b| over estimates, and where. */
  readonly estimate: { readonly max: number; readonly name: string };
  /** Largest |a − b|/|b| over test statistics, and where. */
  readonly statistic: { readonly max: number; readonly name: string };
}

/** How far apart two fits of the same data are; throws if one has a number the other lacks. */
export function agreement(a: Analyses, b: Analyses): Agreement {
  const other = new Map(numbers(b).map((x) => [x.name, x.value]));
  const mine = numbers(a);
  if (mine.length !== other.size) throw new Error(`the fits have ${mine.length} and ${other.size} numbers`);
  let estimate = { max: 0, name: '' };
  let statistic = { max: 0, name: '' };
  for (const x of mine) {
    const y = other.get(x.name);
    if (y === undefined) throw new Error(`"${x.name}" is in one fit only`);
    if (x.kind === 'estimate') {
      const d = Math.abs(x.value - y);
      if (!(d <= estimate.max)) estimate = { max: d, name: x.name };
    } else {
      const d = Math.abs(x.value - y) / Math.abs(y);
      if (!(d <= statistic.max)) statistic = { max: d, name: x.name };
    }
  }
  return { compared: mine.length, estimate, statistic };
}
