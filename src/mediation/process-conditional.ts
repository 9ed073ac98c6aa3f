// PROCESS models 7, 8, 14, 58 and 59: one mediation whose first stage (a), second stage (b) and/or
// direct path (c′) depend on W; conditional indirect effects (a₁ + a₃W)(b₁ + b₃W) at the probe
// values, the index of moderated mediation where the indirect effect is linear in W, and for a
// dichotomous W the difference between its two conditional indirect effects.
import type { Table } from '../data/table.js';
import type { BootstrapEffect, EngineEffect } from './engine.js';
import { commonResult, conditionalEffects, effectFields, equationOf, fitOf, fitProcess, interactionTests, processData, productOf, testedFromTable } from './process-data.js';
import type { ProcessSettings } from './process-options.js';
import type { Probes } from './probes.js';
import type { ConditionalIndirectDifference, ConditionalIndirectEffect, ModeratedMediationIndex, ProcessResult, ConditionalProcessModelNumber } from './process-types.js';

/** Models 7, 8, 14, 58 and 59. */
export function conditionalProcess(table: Table, s: ProcessSettings): ProcessResult<ConditionalProcessModelNumber> {
  const { x, y, m, shape } = s;
  const w = s.w as string;
  const xw = productOf(x, w);
  const covM = s.covariatesIn === 'outcome' ? [] : s.covariates;
  const covY = s.covariatesIn === 'mediators' ? [] : s.covariates;
  const equations = [
    ...m.map((med) => ({ name: med, outcome: med, terms: [x, ...(shape.a ? [w, xw] : []), ...covM] })),
    {
      name: y,
      outcome: y,
      terms: [x, ...m, ...(shape.b || shape.c ? [w] : []), ...(shape.c ? [xw] : []), ...(shape.b ? m.map((med) => productOf(med, w)) : []), ...covY],
    },
  ];
  const data = processData(table, s, equations);
  const probes = data.probes as Probes;
  const wv = probes.values;
  const twoValues = data.dichotomousW && wv.length === 2;
  const conditionalSlots: { mediator: string; w: number; slot: number }[] = [];
  const indexSlots: { mediator: string; slot: number }[] = [];
  const differenceSlots: { mediator: string; slot: number }[] = [];
  const engine = fitProcess(data, s, equations, (loc) => {
    const out: EngineEffect[] = [];
    for (const med of m) {
      const a1 = loc.coefficient(med, x);
      const a3 = shape.a ? loc.coefficient(med, xw) : -1;
      const b1 = loc.coefficient(y, med);
      const b3 = shape.b ? loc.coefficient(y, productOf(med, w)) : -1;
      const at = (wi: number) => (c: Float64Array) => ((c[a1] as number) + (a3 < 0 ? 0 : (c[a3] as number) * wi)) * ((c[b1] as number) + (b3 < 0 ? 0 : (c[b3] as number) * wi));
      for (const wi of wv) {
        conditionalSlots.push({ mediator: med, w: wi, slot: out.length });
        out.push({ name: `conditional indirect ${med} at w = ${wi}`, statistic: at(wi) });
      }
      // The index of moderated mediation exists where the indirect effect is linear in W.
      if (shape.a !== shape.b) {
        indexSlots.push({ mediator: med, slot: out.length });
        out.push({ name: `index ${med}`, statistic: shape.a ? (c) => (c[a3] as number) * (c[b1] as number) : (c) => (c[a1] as number) * (c[b3] as number) });
      }
      if (twoValues) {
        const lo = at(wv[0] as number);
        const hi = at(wv[1] as number);
        differenceSlots.push({ mediator: med, slot: out.length });
        out.push({ name: `difference ${med}`, statistic: (c) => hi(c) - lo(c) });
      }
    }
    return out;
  });
  const effect = (slot: number) => effectFields(engine.effects[slot] as BootstrapEffect);
  const conditionalIndirectEffects: ConditionalIndirectEffect[] = conditionalSlots.map((c) => ({ mediator: c.mediator, w: c.w, ...effect(c.slot) }));
  const index: ModeratedMediationIndex[] = indexSlots.map((c) => ({ mediator: c.mediator, ...effect(c.slot) }));
  const differences: ConditionalIndirectDifference[] | null = twoValues
    ? differenceSlots.map((c) => ({ mediator: c.mediator, w: [wv[0] as number, wv[1] as number] as const, ...effect(c.slot) }))
    : null;
  const common = commonResult(s.model as ConditionalProcessModelNumber, s, data, engine);
  const shared = {
    ...common,
    variables: { ...common.variables, w },
    conditionalIndirectEffects,
    conditionalIndirectDifferences: differences,
    interactionTests: interactionTests(data, s, equations, engine.fits),
    probes,
    bootstrap: engine.bootstrap,
  };
  const direct = () => testedFromTable(equationOf(engine, y), x);
  const conditionalDirect = () => conditionalEffects(fitOf(engine, y), x, xw, wv, s.confidence);
  switch (s.model) {
    case 7:
      return { ...shared, model: 7, directEffect: direct(), indexOfModeratedMediation: index };
    case 8:
      return { ...shared, model: 8, conditionalDirectEffects: conditionalDirect(), indexOfModeratedMediation: index };
    case 14:
      return { ...shared, model: 14, directEffect: direct(), indexOfModeratedMediation: index };
    case 58:
      return { ...shared, model: 58, directEffect: direct() };
    default:
      return { ...shared, model: 59, conditionalDirectEffects: conditionalDirect() };
  }
}
