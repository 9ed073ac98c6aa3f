import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conceptualDiagramSvg, processModel, PROCESS_MODELS } from '../../src/index.js';
import { CATALOG } from '../../src/mediation/catalog.js';
import { NETWORK, type NetworkModelNumber } from '../../src/mediation/network.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv } from '../helpers/fixtures.js';
import { findAll, nastyText, parseXml, textContent, xmlVisible } from '../helpers/xml.js';

// The conceptual diagram of every PROCESS model, read off its fitted equations.
const data = loadCsv('process-serial-models.csv').map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])));
const moderatorColumn: Record<string, string> = { w: 'w', z: 'c1', v: 'm4', q: 'm3' };

function fit(model: number) {
  const network = NETWORK.get(model as NetworkModelNumber);
  const entry = CATALOG.get(model);
  const moderators = network ? network.moderators : entry!.moderators;
  const mediators = network ? ['m1', 'm2', 'm3', 'm4'].slice(0, network.mediators[0]) : entry!.mediator === null ? [] : ['m1', 'm2'];
  const mods = Object.fromEntries(moderators.map((r) => [r, moderatorColumn[r]!]));
  return processModel(data, { model, x: 'x', y: 'y', ...mods, ...(mediators.length > 0 ? { m: mediators, resamples: 0 } : {}) } as never);
}

describe('conceptualDiagramSvg', () => {
  it('draws model 7 as Hayes does: X → each M → Y, X → Y, and W on each X → M path', () => {
    const svg = parseXml(conceptualDiagramSvg(fit(7)));
    const paths = findAll(svg, 'g').filter((g) => g.attributes.class === 'path').map((g) => g.attributes['data-path']);
    expect(paths.sort()).toEqual(['m1 -> y', 'm2 -> y', 'x -> m1', 'x -> m2', 'x -> y']);
    const moderations = findAll(svg, 'g').filter((g) => g.attributes.class === 'moderation').map((g) => g.attributes['data-path']);
    expect(moderations.sort()).toEqual(['w moderates x -> m1', 'w moderates x -> m2']);
    expect(textContent(findAll(svg, 'title')[0]!)).toBe('PROCESS model 7');
  });
  it('model 74: X moderates M → Y; model 3: Z and W both on X → Y; model 82: two chains', () => {
    const moderations = (model: number) =>
      findAll(parseXml(conceptualDiagramSvg(fit(model))), 'g')
        .filter((g) => g.attributes.class === 'moderation')
        .map((g) => g.attributes['data-path'])
        .sort();
    expect(moderations(74)).toEqual(['x moderates m1 -> y', 'x moderates m2 -> y']);
    expect(moderations(3)).toEqual(['c1 moderates x -> y', 'w moderates x -> y']);
    const paths = findAll(parseXml(conceptualDiagramSvg(fit(82))), 'g').filter((g) => g.attributes.class === 'path').map((g) => g.attributes['data-path']);
    expect(paths).toContain('m1 -> m2');
    expect(paths).toContain('m3 -> m4');
    expect(paths).not.toContain('m2 -> m3');
  });
  it('every model 1–76 and 80–92: one box per variable, one arrow per path, every coordinate finite', () => {
    for (const model of PROCESS_MODELS) {
      const r = fit(model);
      const svg = parseXml(conceptualDiagramSvg(r));
      const boxes = findAll(svg, 'g').filter((g) => (g.attributes.class ?? '').startsWith('box '));
      expect(boxes.length, `model ${model}`).toBe(2 + r.variables.m.length + ('moderators' in r ? r.moderators.filter((m) => m.role !== 'x').length : 0));
      // Each path: a term of the outcome's equation with its focal predictor alone.
      const terms = new Set(r.equations.flatMap((e) => e.terms.filter((t) => t === 'x' || r.variables.m.includes(t)).map((t) => `${t} -> ${e.outcome}`)));
      const paths = findAll(svg, 'g').filter((g) => g.attributes.class === 'path').map((g) => g.attributes['data-path']);
      expect(new Set(paths), `model ${model}`).toEqual(terms);
      for (const el of [...findAll(svg, 'line'), ...findAll(svg, 'rect')]) for (const [k, v] of Object.entries(el.attributes)) if (/^(x|y|x1|x2|y1|y2|width|height)$/.test(k)) expect(Number.isFinite(Number(v))).toBe(true);
    }
  });
  it('refuses what is not a processModel result; strict options', () => {
    expect(errorOf(() => conceptualDiagramSvg({})).code).toBe('INVALID_INPUT');
    expect(errorOf(() => conceptualDiagramSvg({ ...fit(4), equations: [] })).code).toBe('INVALID_INPUT');
    expect(errorOf(() => conceptualDiagramSvg(fit(4), { colour: 'red' } as never)).code).toBe('INVALID_OPTION');
  });
  it('is well-formed XML with every label escaped, whatever the column names', () => {
    fc.assert(
      fc.property(nastyText(), nastyText(), (xName, wName) => {
        const r = {
          kind: 'processModel',
          model: 1,
          variables: { x: xName || 'X', y: 'Y', m: [] },
          moderators: [{ role: 'w', column: wName || 'W' }],
          equations: [{ outcome: 'Y', terms: ['constant', xName || 'X', wName || 'W', `${xName || 'X'}:${wName || 'W'}`] }],
        };
        const svg = parseXml(conceptualDiagramSvg(r));
        const texts = findAll(svg, 'text').map(textContent);
        expect(texts).toContain(xmlVisible(xName || 'X'));
      }),
      { numRuns: 150 },
    );
  });
});
