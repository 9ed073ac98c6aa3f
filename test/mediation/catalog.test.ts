import { describe, expect, it } from 'vitest';
import { CATALOG, CATALOG_MODELS, derivedTables } from '../../src/mediation/catalog.js';
import { catalogReductions } from '../helpers/catalog-reduction.js';

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
// closed under that, so a result's sections reduce to the parent's when a moderator's paths are 0
// (process-reduction.properties.test.ts).
describe('every model without one of its moderators is a catalog model', () => {
  const cases = catalogReductions();
  it('covers 183 reductions', () => expect(cases.length).toBe(183));
  it.each(cases.map((c) => [c.model, c.drop, c] as const))('model %i without %s', (model, role, c) => {
    expect(c.parent, `model ${model} without ${role}`).toBeDefined();
    expect(CATALOG.get(c.parent!)!.moderators.length).toBe(CATALOG.get(model)!.moderators.length - 1);
    expect([...c.roles.values()].sort()).toEqual([...CATALOG.get(c.parent!)!.moderators].sort());
  });
});
