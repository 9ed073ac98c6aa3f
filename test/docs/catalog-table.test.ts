import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG, CATALOG_MODELS, derivedTables, outcomeTerms, mediatorTerms } from '../../src/mediation/catalog.js';

// docs/mediation.md's catalog table is generated from the catalog itself (between the markers),
// so it cannot drift from what processModel runs. PSYCHKIT_DOCS_UPDATE=1 rewrites it.
const DOC = join(import.meta.dirname, '..', '..', 'docs', 'mediation.md');
const START = '<!-- catalog:start -->';
const END = '<!-- catalog:end -->';

const SECTION_NAMES: Record<string, string> = {
  conditionalEffects: 'conditional effects of X',
  conditionalInteractionEffects: 'conditional X×W interaction at Z',
  directEffect: 'direct effect',
  conditionalDirectEffects: 'conditional direct effects',
  indirectEffects: 'indirect effects',
  conditionalIndirectEffects: 'conditional indirect effects',
  indexOfModeratedMediation: 'index of moderated mediation',
  indexOfPartialModeratedMediation: 'indices of partial moderated mediation',
  indexOfModeratedModeratedMediation: 'index of moderated moderated mediation',
  indexOfConditionalModeratedMediation: 'indices of conditional moderated mediation',
};

function equation(terms: readonly string[]): string {
  const pretty = (t: string) => t.split(':').map((f) => (f === 'M' ? 'M' : f.toUpperCase())).join('·');
  return terms.map(pretty).join(' + ');
}

export function catalogTable(): string {
  const roles = { x: 'x', y: 'y', m: ['M'], moderators: { w: 'w', z: 'z', v: 'v', q: 'q' } };
  const rows = CATALOG_MODELS.map((model) => {
    const e = CATALOG.get(model)!;
    const mods = e.moderators.map((r) => r.toUpperCase());
    const v2 = e.moderators.map((r) => e.v2[r]).join(', ');
    const moderators = mods.length === 0 ? (model === 74 ? 'X (on M → Y)' : '—') : `${mods.join(', ')}${v2 !== mods.join(', ') ? ` (PROCESS 2: ${v2})` : ''}`;
    const med = e.mediator === null ? '—' : e.mediator === 'serial' ? 'M₁ ~ X; Mᵢ ~ X + M₁ … Mᵢ₋₁' : `M ~ ${equation(mediatorTerms(e, roles, 0))}`;
    const y = `Y ~ ${equation(outcomeTerms(e, roles))}`;
    return `| ${model} | ${model === 74 ? 'through `xmint`' : e.v4 ? 'yes' : 'no'} | ${moderators} | ${med} | ${y} | ${derivedTables(e).map((t) => SECTION_NAMES[t]).join('; ')} |`;
  });
  return ['| model | in PROCESS 4 | moderators | each mediator | Y | reported |', '|---:|---|---|---|---|---|', ...rows].join('\n');
}

describe('docs/mediation.md catalog table', () => {
  it('is the table the catalog generates', () => {
    const text = readFileSync(DOC, 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    expect(start, 'markers in docs/mediation.md').toBeGreaterThan(0);
    const current = text.slice(start + START.length, end).trim();
    const table = catalogTable();
    if (process.env.PSYCHKIT_DOCS_UPDATE && current !== table) writeFileSync(DOC, `${text.slice(0, start + START.length)}\n${table}\n${text.slice(end)}`);
    else expect(current).toBe(table);
  });
});
