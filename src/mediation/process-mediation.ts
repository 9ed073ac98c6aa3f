// PROCESS models 4 (parallel) and 6 (serial): specific, total and standardized indirect effects,
// their contrasts and Sobel tests, beside the direct and total effects.
import type { Table } from '../data/table.js';
import { normalTwoSided } from '../probability/index.js';
import { fail } from '../errors.js';
import type { Coefficient } from '../regression/fit.js';
import type { BootstrapEffect, EngineEffect, FittedEquation } from './engine.js';
import { totalEffectFit, coefficientEffects, commonResult, effectFields, equationOf, fitProcess, processData, testedFromTable, type CoefficientSlot, type ProcessData } from './process-data.js';
import type { ProcessSettings } from './process-options.js';
import { relativeChains } from './process-network.js';
import type { RelativeProcessResult } from './catalog-types.js';
import type {
  IndirectContrast,
  IndirectEffect,
  ParallelMediationResult,
  SerialMediationResult,
  SobelTest,
  StandardizedMediationEffects,
  TestedEffect,
} from './process-types.js';

/**
 * Chains of mediators: model 4, one per mediator; model 6, every increasing subsequence of the
 * serial order, listed as PROCESS does (by first mediator, then length, then order).
 */
function chainsOf(count: number, serial: boolean): number[][] {
  const chains: number[][] = [];
  if (!serial) {
    for (let i = 0; i < count; i++) chains.push([i]);
    return chains;
  }
  const grow = (chain: number[]) => {
    chains.push(chain);
    for (let j = (chain[chain.length - 1] as number) + 1; j < count; j++) grow([...chain, j]);
  };
  for (let i = 0; i < count; i++) grow([i]);
  return chains.sort((p, q) => (p[0] as number) - (q[0] as number) || p.length - q.length || lexical(p, q));
}

function lexical(p: readonly number[], q: readonly number[]): number {
  for (let i = 0; i < Math.min(p.length, q.length); i++) if (p[i] !== q[i]) return (p[i] as number) - (q[i] as number);
  return p.length - q.length;
}

type Product = (c: Float64Array) => number;

/**
 * Model 6 with a multicategorical X (PROCESS's `mcx`): the relative specific indirect effect of
 * every serial chain per code of X (the code's path to the chain's first mediator times the rest
 * of the chain), their total per code, the relative direct and total effects, and the omnibus
 * test of X in every equation (the mediators', Y's, the total-effect model's).
 */
export function relativeSerialMediation(table: Table, s: ProcessSettings): RelativeProcessResult<6> {
  const data = processData(table, s);
  refuseForLogistic(data, s);
  return relativeChains(s, data, chainsOf(s.m.length, true), true) as RelativeProcessResult<6>;
}

/** As PROCESS: on the log-odds scale the total effect is not c′ + Σab, and SDs do not standardize a logit. */
function refuseForLogistic(data: ProcessData, s: ProcessSettings): void {
  if (data.yModel !== 'logistic') return;
  const refused = s.totalRequested ? 'total' : s.standardize ? 'standardize' : null;
  if (refused === null) return;
  throw fail('INVALID_OPTION', `\`${refused}\` is not available for a dichotomous Y ("${s.y}" is fitted by logistic regression, where ${refused === 'total' ? 'the total effect is not the direct plus the indirect effects' : 'effects are not standardized by SDs'}); PROCESS refuses it too.`, {
    option: refused,
    column: s.y,
  });
}

/** Models 4 and 6. */
export function mediation(table: Table, s: ProcessSettings): ParallelMediationResult | SerialMediationResult {
  const { x, y, m } = s;
  const data = processData(table, s);
  const equations = data.equations;
  refuseForLogistic(data, s);
  const chains = chainsOf(m.length, s.serial);
  const labels = chains.map((chain) => (s.serial ? [x, ...chain.map((i) => m[i] as string), y].join(' -> ') : (m[chain[0] as number] as string)));
  const paths = chains.map((chain) => [x, ...chain.map((i) => m[i] as string), y]);

  // Which bootstrapped statistic is which: the engine returns them in this order.
  const slots: { indirect: number[]; total: number; contrasts: number[]; partially: number[]; completely: number[]; direct: number[] } = { indirect: [], total: -1, contrasts: [], partially: [], completely: [], direct: [] };
  const contrastPairs: [number, number][] = [];
  let coefficientSlots: CoefficientSlot[] = [];
  const engine = fitProcess(data, s, equations, (loc) => {
    const out: EngineEffect[] = [];
    coefficientSlots = coefficientEffects(s, loc, equations, out);
    const push = (list: number[], name: string, statistic: EngineEffect['statistic'], usesSds = false) => {
      list.push(out.length);
      out.push({ name, statistic, usesSds });
    };
    // Specific indirect effects: products of the path coefficients along each chain.
    const products: Product[] = chains.map((chain) => {
      const offs: number[] = [loc.coefficient(m[chain[0] as number] as string, x)];
      for (let t = 1; t < chain.length; t++) offs.push(loc.coefficient(m[chain[t] as number] as string, m[chain[t - 1] as number] as string));
      offs.push(loc.coefficient(y, m[chain[chain.length - 1] as number] as string));
      const at = Int32Array.from(offs);
      return (c) => {
        let v = 1;
        for (let k = 0; k < at.length; k++) v *= c[at[k] as number] as number;
        return v;
      };
    });
    products.forEach((f, i) => push(slots.indirect, `indirect ${labels[i]}`, f));
    const sumAll: Product = (c) => {
      let sum = 0;
      for (const f of products) sum += f(c);
      return sum;
    };
    if (chains.length > 1) {
      slots.total = out.length;
      out.push({ name: 'total indirect', statistic: sumAll, usesSds: false });
    }
    if (s.contrasts && chains.length > 1) {
      for (let i = 0; i < chains.length; i++) {
        for (let j = i + 1; j < chains.length; j++) {
          const fi = products[i] as Product;
          const fj = products[j] as Product;
          contrastPairs.push([i, j]);
          push(slots.contrasts, `contrast ${labels[i]} minus ${labels[j]}`, (c) => fi(c) - fj(c));
        }
      }
    }
    if (s.standardize) {
      const sx = loc.variable(x);
      const sy = loc.variable(y);
      const all = [...products, ...(chains.length > 1 ? [sumAll] : [])];
      all.forEach((f, i) => push(slots.partially, `partially standardized ${i}`, (c, sd) => f(c) / (sd[sy] as number), true));
      all.forEach((f, i) => push(slots.completely, `completely standardized ${i}`, (c, sd) => (f(c) * (sd[sx] as number)) / (sd[sy] as number), true));
      // c′ and c = c′ + Σ indirect (OLS on one sample), standardized the same way: only their
      // full-sample values are reported, as PROCESS.
      const direct = loc.coefficient(y, x);
      const totalOf = (c: Float64Array) => (c[direct] as number) + sumAll(c);
      push(slots.direct, "c'_ps", (c, sd) => (c[direct] as number) / (sd[sy] as number), true);
      push(slots.direct, "c'_cs", (c, sd) => ((c[direct] as number) * (sd[sx] as number)) / (sd[sy] as number), true);
      push(slots.direct, 'c_ps', (c, sd) => totalOf(c) / (sd[sy] as number), true);
      push(slots.direct, 'c_cs', (c, sd) => (totalOf(c) * (sd[sx] as number)) / (sd[sy] as number), true);
    }
    return out;
  });

  const effect = (slot: number): BootstrapEffect => effectFields(engine.effects[slot] as BootstrapEffect);
  const indirectEffects: IndirectEffect[] = slots.indirect.map((slot, i) => ({ label: labels[i] as string, path: paths[i] as string[], ...effect(slot) }));
  const totalIndirectEffect: IndirectEffect | null = slots.total < 0 ? null : { label: 'TOTAL', path: [], ...effect(slots.total) };
  const contrasts: IndirectContrast[] | null = s.contrasts
    ? slots.contrasts.map((slot, c) => {
        const [i, j] = contrastPairs[c] as [number, number];
        return { label: `${labels[i]} minus ${labels[j]}`, first: labels[i] as string, second: labels[j] as string, ...effect(slot) };
      })
    : null;
  let standardized: StandardizedMediationEffects | null = null;
  if (s.standardize) {
    const labelled = (list: number[]) =>
      list.map((slot, i): IndirectEffect => (i < chains.length ? { label: labels[i] as string, path: paths[i] as string[], ...effect(slot) } : { label: 'TOTAL', path: [], ...effect(slot) }));
    const value = (k: number) => (engine.effects[slots.direct[k] as number] as BootstrapEffect).estimate;
    standardized = {
      partially: labelled(slots.partially),
      completely: labelled(slots.completely),
      directEffect: { partially: value(0), completely: value(1) },
      totalEffect: { partially: value(2), completely: value(3) },
    };
  }

  // Total-effect model on the same sample.
  const total = totalEffectFit(data, s);
  const totalEffectModel: FittedEquation | null = total?.equation ?? null;
  const totalEffect: TestedEffect | null = total === null ? null : testedFromTable(total.equation, x);

  const yEq = equationOf(engine, y);
  const common = {
    ...commonResult(s.model as 4 | 6, s, data, engine, [], coefficientSlots),
    totalEffectModel,
    totalEffect,
    directEffect: testedFromTable(yEq, x),
    indirectEffects,
    totalIndirectEffect,
    contrasts,
    standardized,
    bootstrap: engine.bootstrap,
  };
  if (s.model === 6) return { ...common, model: 6 };
  return { ...common, model: 4, sobel: s.sobel ? sobelTests(engine.equations, s) : null };
}

/**
 * Normal-theory tests of ab (model 4): se = √(a²·se_b² + b²·se_a²) (Sobel, 1982; PROCESS 2), or
 * with `sobel: 'second-order'` √(a²·se_b² + b²·se_a² + se_a²·se_b²) (Aroian, 1947; PROCESS 4's `normal`).
 */
function sobelTests(equations: readonly FittedEquation[], s: ProcessSettings): SobelTest[] {
  const yEq = equations.find((e) => e.name === s.y) as FittedEquation;
  return s.m.map((med) => {
    const a = (equations.find((e) => e.name === med) as FittedEquation).coefficients.find((c) => c.term === s.x) as Coefficient;
    const b = yEq.coefficients.find((c) => c.term === med) as Coefficient;
    const secondOrder = s.sobelOrder === 'second-order' ? a.se * a.se * b.se * b.se : 0;
    const se = Math.sqrt(a.estimate * a.estimate * b.se * b.se + b.estimate * b.estimate * a.se * a.se + secondOrder);
    const z = (a.estimate * b.estimate) / se;
    return { mediator: med, order: s.sobelOrder, estimate: a.estimate * b.estimate, se, statistic: z, p: normalTwoSided(z) };
  });
}
