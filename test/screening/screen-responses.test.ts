import { describe, expect, it } from 'vitest';
import { screenResponses } from '../../src/screening/screen-responses.js';
import { simulate } from '../../src/testing/index.js';

const sim = simulate.carelessResponses({ n: 300, items: 20, carelessProportion: 0.1, types: ['straightline', 'random'], seed: 5 });
const columns = [...sim.items];

describe('screenResponses', () => {
  it('gives one flat row per respondent with flags that follow the cut-offs', () => {
    const s = screenResponses(sim.data, { columns, scales: sim.scales });
    expect(s.kind).toBe('screenResponses');
    expect(s.rows).toHaveLength(300);
    expect(s.cutoffs.longstring).toBe(20);
    expect(s.cutoffs.significance).toBe(0.001);
    expect(s.cutoffs.evenOdd).toBe(-0.3);
    expect(s.cutoffs.synonyms).toBe(0);
    expect(s.cutoffs.irvBelow).toBeNull();
    let flagged = 0;
    for (const r of s.rows) {
      const expected = [
        r.longstring !== null && r.longstring >= 20 ? 'longstring' : null,
        r.mahalanobis !== null && r.mahalanobis > (s.cutoffs.mahalanobis as number) ? 'mahalanobis' : null,
        r.evenOdd !== null && r.evenOdd > -0.3 ? 'evenOdd' : null,
        r.synonyms !== null && r.synonyms < 0 ? 'synonyms' : null,
      ].filter((x) => x !== null);
      expect(r.flags).toEqual(expected);
      expect(r.flagged).toBe(expected.length > 0);
      if (r.flagged) flagged++;
      expect(Object.keys(r)).toEqual(['row', 'longstring', 'longstringAverage', 'irv', 'mahalanobis', 'mahalanobisP', 'evenOdd', 'synonyms', 'flags', 'flagged']);
    }
    expect(s.nFlagged).toBe(flagged);
    expect(s.flagCounts.longstring).toBe(s.rows.filter((r) => r.flags.includes('longstring')).length);
    for (const key of ['longstring', 'irv', 'mahalanobis', 'evenOdd', 'synonyms', 'flags'] as const) expect(typeof s.rules[key]).toBe('string');
    // every simulated straight-liner is caught
    sim.types.forEach((t, i) => t === 'straightline' && expect(s.rows[i]!.flags).toContain('longstring'));
  });

  it('takes cut-offs as options; null turns a flag off', () => {
    const s = screenResponses(sim.data, { columns, significance: null, cutoffs: { longstring: null, evenOdd: null, synonyms: null, irvBelow: 0.5, irvAbove: 1.6 } });
    expect(s.cutoffs.mahalanobis).toBeNull();
    expect(s.scales).toBeNull();
    expect(s.rules.evenOdd).toContain('not computed');
    for (const r of s.rows) {
      expect(r.evenOdd).toBeNull();
      expect(r.mahalanobis).not.toBeNull();
      const irvFlag = r.irv !== null && (r.irv < 0.5 || r.irv > 1.6);
      expect(r.flags).toEqual(irvFlag ? ['irv'] : []);
    }
    expect(s.flagCounts.irv).toBeGreaterThan(0);
  });

  it('reads a number[][] matrix (V1…Vk) and row objects alike', () => {
    const m = simulate.carelessResponses({ n: 60, items: 8, seed: 9, shape: 'matrix' });
    const r = simulate.carelessResponses({ n: 60, items: 8, seed: 9 });
    const a = screenResponses(m.data, { scales: [['V1', 'V2', 'V3', 'V4'], ['V5', 'V6', 'V7', 'V8']] });
    const b = screenResponses(r.data, { scales: [r.scales.scale1!, r.scales.scale2!, r.scales.scale3!, r.scales.scale4!].slice(0, 2).map((x) => [...x]) });
    expect(a.columns).toEqual(['V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'V7', 'V8']);
    expect(a.rows.map((x) => x.mahalanobis)).toEqual(b.rows.map((x) => x.mahalanobis));
  });
});
