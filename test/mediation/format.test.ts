import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProcess, isPsychkitError, processModel, type ProcessModelNumber, type ProcessOptions } from '../../src/index.js';
import { fixturesDir, loadCsv } from '../helpers/fixtures.js';
import { peer } from '../helpers/peer.js';

// formatProcess lays numbers out as PROCESS does (11-column fields, four decimals, no leading
// zero), so every numeric row PROCESS for SPSS printed for a deterministic table should appear,
// digit for digit, in psychkit's text for the same analysis.
const numericTail = (line: string) => {
  const m = /((?:\s+-?\d*\.\d{4}){4,})\s*$/.exec(line);
  return m ? (m[1] as string) : null;
};

describe('formatProcess', () => {
  it.each([
    [1, { w: 'm' }],
    [4, { m: ['m1', 'm2'] }],
    [8, { m: ['m1', 'm2'], w: 'w' }],
    [14, { m: ['m1', 'm2'], w: 'v' }],
  ] as const)('model %i: every deterministic row printed by PROCESS for SPSS appears in the text', (model, roles) => {
    const printed = readFileSync(join(fixturesDir, 'process-spss', `Results_OLS_Model${model}.txt`), 'utf8').split(/\r?\n/);
    const res = processModel(loadCsv(`process-spss/Data_Model${model}.csv`), {
      model: model as ProcessModelNumber,
      x: 'x',
      y: 'y',
      ...roles,
      hc: 'HC3',
      ...(model === 1 ? {} : { interval: 'bias-corrected' as const, seed: 1, resamples: 1000 }),
      ...(model === 4 ? {} : { probes: 'moments' as const }),
    } as ProcessOptions);
    const text = formatProcess(res);
    // Deterministic sections: model summaries, coefficient rows, direct and conditional effects.
    let section = '';
    let checked = 0;
    for (const line of printed) {
      if (/^(Model Summary|Model|Direct effect|Conditional direct|Conditional effect of X)/.test(line.trim())) section = 'deterministic';
      else if (/Indirect|indirect|INDEX|R-square increase|Product terms/.test(line)) section = '';
      const tail = numericTail(line);
      if (section === 'deterministic' && tail !== null) {
        expect(text, line).toContain(tail);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
  it('formats every model without error and names the sections PROCESS prints', () => {
    for (const model of [1, 4, 6, 7, 8, 14, 58, 59] as const) {
      const roles =
        model === 1 ? { w: 'ss' } : model === 4 ? { m: 'ss' } : model === 6 ? { m: ['ss', 'si'] } : { m: 'si', w: model === 14 || model === 58 ? 'ss' : 'gender' };
      const res = processModel(peer, { model, x: 'esse', y: 'pwb', ...roles, covariates: ['education'], ...(model === 1 ? { jn: true } : { resamples: 1000, seed: 1 }) } as ProcessOptions);
      const text = formatProcess(res);
      expect(text).toContain(`Model  : ${model}`);
      expect(text).toContain('Model Summary');
      expect(text).toContain('OUTCOME VARIABLE:');
      if (model !== 1) expect(text).toMatch(/INDIRECT EFFECT|Indirect effect\(s\) of X on Y/);
      if ([7, 8, 14].includes(model)) expect(text).toContain('Index of moderated mediation');
      if (model === 1) expect(text).toContain('Johnson-Neyman');
      expect(text.endsWith('------ END ------')).toBe(true);
    }
  });
  it('rejects what is not a processModel() result', () => {
    try {
      formatProcess({} as never);
      expect.fail('no error');
    } catch (e) {
      expect(isPsychkitError(e) && e.code).toBe('INVALID_INPUT');
    }
  });
  // Found by fuzzing: an edited result failed with a TypeError halfway through the text.
  it('names the field of an edited result that is not shaped as processModel() returns it', () => {
    const r = processModel(peer, { model: 1, x: 'esse', w: 'ss', y: 'pwb', jn: true });
    const optionOf = (edited: unknown) => {
      try {
        formatProcess(edited as never);
      } catch (e) {
        if (isPsychkitError(e) && e.code === 'INVALID_INPUT') return e.details.option;
        throw e;
      }
      return 'formatted';
    };
    expect(optionOf(r)).toBe('formatted');
    expect(optionOf({ ...r, variables: { ...r.variables, x: 0 } })).toBe('variables.x');
    expect(optionOf({ ...r, moderators: [{ ...r.moderators[0], column: null }] })).toBe('moderators[0].column');
    expect(optionOf({ ...r, settings: undefined })).toBe('settings');
    expect(optionOf({ ...r, equations: [null] })).toBe('equations[0]');
    expect(optionOf({ ...r, johnsonNeyman: { ...r.johnsonNeyman, points: [{ w: 'x' }] } })).toBe('johnsonNeyman.points[0].w');
    expect(optionOf({ ...r, warnings: [{ message: Object.create(null) }] })).toBe('warnings[0].message');
  });
});
