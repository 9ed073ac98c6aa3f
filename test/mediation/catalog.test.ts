import { describe, expect, it } from 'vitest';
import { CATALOG, CATALOG_MODELS, derivedTables, type CatalogEntry } from '../../src/mediation/catalog.js';

// The tables PROCESS 2.16.3 printed for each model (the fact table's `printedTables`) follow from
// the model's equations by the path algebra: nothing is listed per model.
describe('PROCESS catalog', () => {
  it('has models 1–76', () => {
    expect(CATALOG_MODELS).toEqual(Array.from({ length: 76 }, (_, i) => i + 1));
  });
  // Tables PROCESS prints twice over (8 and 12's "indirect effect of highest order product" equals
  // their index) or as a key (model 6) are not results of their own.
  const restatements = new Set(['highestOrderProductIndirectEffects', 'indirectEffectKey']);
  it.each(CATALOG_MODELS)('model %i: the derived tables are the printed ones', (model) => {
    const entry = CATALOG.get(model)!;
    expect(derivedTables(entry).sort()).toEqual(entry.printed.filter((t) => !restatements.has(t)).sort());
  });
});

// Removing a moderator from a model (every term that contains it) leaves another catalog model:
// its parent (model 21 without Z is model 7; model 3 without Z is model 1). The catalog is
// closed under that, so a result's sections reduce to the parent's when a moderator's paths are 0.
function canonical(entry: { mediator: CatalogEntry['mediator']; outcome: CatalogEntry['outcome'] }, drop: string | null): string {
  const keep = (t: string) => drop === null || !t.split('*').includes(drop);
  const mediator = Array.isArray(entry.mediator) ? (entry.mediator as string[]).filter(keep) : entry.mediator;
  const outcome = entry.outcome.flatMap((i) => (typeof i === 'string' ? [i] : i.map((t) => `M-group:${t}`))).filter((t) => keep(t.replace('M-group:', '')));
  const order: string[] = [];
  const note = (t: string) => t.replace('M-group:', '').split('*').forEach((f) => ['w', 'z', 'v', 'q'].includes(f) && !order.includes(f) && order.push(f));
  (Array.isArray(mediator) ? mediator : []).forEach(note);
  outcome.forEach(note);
  const rename = (t: string) => t.split('*').map((f) => (order.includes(f) ? `mod${order.indexOf(f)}` : f)).sort().join('*');
  return JSON.stringify([Array.isArray(mediator) ? mediator.map(rename).sort() : mediator, outcome.map((t) => (t.startsWith('M-group:') ? `M-group:${rename(t.slice(8))}` : rename(t))).sort()]);
}

describe('every model without one of its moderators is a catalog model', () => {
  const byShape = new Map<string, number>();
  for (const model of CATALOG_MODELS) if (!byShape.has(canonical(CATALOG.get(model)!, null))) byShape.set(canonical(CATALOG.get(model)!, null), model);
  const cases = CATALOG_MODELS.flatMap((model) => CATALOG.get(model)!.moderators.map((role) => [model, role] as const)).filter(([model]) => model !== 1);
  it('covers 183 reductions', () => expect(cases.length).toBe(183));
  it.each(cases)('model %i without %s', (model, role) => {
    const entry = CATALOG.get(model)!;
    const parent = byShape.get(canonical(entry, role));
    expect(parent, `model ${model} without ${role}`).toBeDefined();
    expect(CATALOG.get(parent!)!.moderators.length).toBe(entry.moderators.length - 1);
  });
});
