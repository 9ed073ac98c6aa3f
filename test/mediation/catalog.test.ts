import { describe, expect, it } from 'vitest';
import { CATALOG, CATALOG_MODELS, derivedTables } from '../../src/mediation/catalog.js';

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
