// PROCESS 4's `xmint`: model 4 with X × M interactions in Y's equation, and the counterfactually
// defined effects of X (natural direct and indirect, controlled direct) between a reference and a
// counterfactual value of X (Hayes, 2022, §§ 15.4–15.5; VanderWeele, 2015).
import { fail } from '../errors.js';
import type { Table } from '../data/table.js';
import type { BootstrapEffect, EngineEffect, EquationFit } from './engine.js';
import { distinctValues } from './probes.js';
import { highestOrderTests, linearCombination } from './process-catalog.js';
import { coefficientEffects, commonResult, effectFields, fitOf, fitProcess, processData, type CoefficientSlot } from './process-data.js';
import type { ProcessSettings } from './process-options.js';
import type { ControlledDirectEffect, CounterfactualMediationResult, IndirectEffect } from './process-types.js';
import { buildDesign, designMeans, numericOf } from '../regression/frame.js';

/**
 * Model 4 with `xmInteraction`: Y ← X + Mⱼ + X·Mⱼ + covariates, each Mⱼ ← X + covariates. With
 * s = x_cf − x_ref and M̂ⱼ(x) the mediator predicted at X = x (covariates at their means):
 * - (pure) natural direct effect = (c′ + Σⱼ dⱼ·M̂ⱼ(x_ref))·s, tested with Y's covariance, M̂ held fixed;
 * - controlled direct effect at mediator values m* = (c′ + Σⱼ dⱼ·m*ⱼ)·s (default m* = the means);
 * - (total) natural indirect effect through Mⱼ = aⱼ·(bⱼ + dⱼ·x_cf)·s, bootstrapped;
 * - total effect = natural direct + natural indirect effects, bootstrapped (M̂ recomputed per resample).
 */
export function counterfactualMediation(table: Table, s: ProcessSettings): CounterfactualMediationResult {
  const data = processData(table, s);
  const { equations } = data;
  const { x, y, m } = s;
  if (data.yModel === 'logistic') {
    throw fail('INVALID_OPTION', `\`xmInteraction\` needs a continuous Y; "${y}" takes two values and would be fitted by logistic regression (PROCESS refuses it too).`, { option: 'xmInteraction', column: y });
  }
  const xs = numericOf(data.frame, x);
  const two = distinctValues(xs, 2);
  let reference: number;
  let counterfactual: number;
  if (s.xReference !== undefined) {
    [reference, counterfactual] = typeof s.xReference === 'number' ? [s.xReference, s.xReference + 1] : [s.xReference[0], s.xReference[1]];
    if (two.length === 2 && (!two.includes(reference) || !two.includes(counterfactual))) {
      throw fail('INVALID_OPTION', `\`xReference\` for the dichotomous X "${x}" must be its two values (${two.join(' and ')}); got ${reference} and ${counterfactual}.`, { option: 'xReference', column: x });
    }
  } else if (two.length === 2) [reference, counterfactual] = two as [number, number];
  else {
    throw fail('INVALID_OPTION', `\`xmInteraction\` with a continuous X ("${x}") needs \`xReference\`: the reference value of X (the counterfactual is one more), or [reference, counterfactual] (as PROCESS's xrefval).`, { option: 'xReference', column: x });
  }
  const scale = counterfactual - reference;
  // Each mediator equation's regressors at the values M̂ⱼ(x_ref) uses: 1, x_ref, covariates at
  // their sample means (a categorical covariate's dummies at their shares).
  const valueOf = new Map<string, number>();
  for (const eq of equations.slice(0, m.length)) {
    const d = buildDesign(data.frame, eq.terms, data.centered);
    const means = designMeans(d);
    d.names.forEach((name, j) => valueOf.set(name, means[j] as number));
  }
  valueOf.set('constant', 1);
  valueOf.set(x, reference);

  let coefficientSlots: CoefficientSlot[] = [];
  const slots: { indirect: number[]; totalIndirect: number; total: number } = { indirect: [], totalIndirect: -1, total: -1 };
  const engine = fitProcess(data, s, equations, (loc) => {
    const out: EngineEffect[] = [];
    coefficientSlots = coefficientEffects(s, loc, equations, out);
    const a = Int32Array.from(m, (med) => loc.coefficient(med, x));
    const b = Int32Array.from(m, (med) => loc.coefficient(y, med));
    const d = Int32Array.from(m, (med) => loc.coefficient(y, `${med}:${x}`));
    const cPrime = loc.coefficient(y, x);
    // M̂ⱼ(x_ref) = Σ coefficient × value, from each resample's coefficients.
    const hat = m.map((med) => {
      const terms = loc.terms(med);
      return { at: Int32Array.from(terms, (t) => loc.coefficient(med, t)), value: Float64Array.from(terms, (t) => valueOf.get(t) as number) };
    });
    const indirect = m.map((_, j) => (c: Float64Array) => (c[a[j] as number] as number) * ((c[b[j] as number] as number) + (c[d[j] as number] as number) * counterfactual) * scale);
    indirect.forEach((f, j) => {
      slots.indirect.push(out.length);
      out.push({ name: `natural indirect ${m[j]}`, statistic: f, usesSds: false });
    });
    const sum = (c: Float64Array) => {
      let total = 0;
      for (let j = 0; j < indirect.length; j++) total += (indirect[j] as (c: Float64Array) => number)(c);
      return total;
    };
    if (m.length > 1) {
      slots.totalIndirect = out.length;
      out.push({ name: 'total natural indirect', statistic: sum, usesSds: false });
    }
    slots.total = out.length;
    out.push({
      name: 'total',
      statistic: (c) => {
        // A plain loop: this runs once per resample and must not allocate.
        let direct = c[cPrime] as number;
        for (let j = 0; j < hat.length; j++) {
          const h = hat[j] as (typeof hat)[number];
          let mHat = 0;
          for (let t = 0; t < h.at.length; t++) mHat += (c[h.at[t] as number] as number) * (h.value[t] as number);
          direct += (c[d[j] as number] as number) * mHat;
        }
        return direct * scale + sum(c);
      },
      usesSds: false,
    });
    return out;
  });
  const yFit = fitOf(engine, y);
  const at = (term: string) => yFit.names.indexOf(term);
  const effect = (slot: number) => effectFields(engine.effects[slot] as BootstrapEffect);
  const mHat = m.map((med) => (engine.equations.find((e) => e.outcome === med)?.coefficients ?? []).reduce((acc, c) => acc + c.estimate * (valueOf.get(c.term) as number), 0));
  const direct = (values: readonly number[]) => {
    const weights = new Map<number, number>([[at(x), scale]]);
    m.forEach((med, j) => weights.set(at(`${med}:${x}`), scale * (values[j] as number)));
    return linearCombination(yFit as EquationFit, weights, s.confidence);
  };
  const means = m.map((med) => {
    const v = numericOf(data.frame, med);
    return v.reduce((acc, u) => acc + u, 0) / v.length;
  });
  const controlled: ControlledDirectEffect[] = [{ mediatorValues: means, ...direct(means) }];
  if (s.mediatorValues !== undefined) controlled.push({ mediatorValues: [...s.mediatorValues], ...direct(s.mediatorValues) });
  const naturalIndirectEffects: IndirectEffect[] = slots.indirect.map((slot, j) => ({ label: m[j] as string, path: [x, m[j] as string, y], ...effect(slot) }));
  return {
    ...commonResult(4, s, data, engine, [], coefficientSlots),
    xValues: { reference, counterfactual },
    mediatorPredictions: mHat,
    naturalDirectEffect: direct(mHat),
    controlledDirectEffects: controlled,
    naturalIndirectEffects,
    totalNaturalIndirectEffect: slots.totalIndirect < 0 ? null : { label: 'TOTAL', path: [], ...effect(slots.totalIndirect) },
    totalEffect: effect(slots.total),
    interactionTests: highestOrderTests(data, s, equations, engine.fits),
    bootstrap: engine.bootstrap,
  };
}
