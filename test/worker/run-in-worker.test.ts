// psychkit/worker: runInWorker gives exactly the synchronous result (deep equality, every number
// bit for bit), splits a bootstrap across workers without changing a digit (replaced resamples
// included), reports progress, maps errors and honours an AbortSignal. The workers run the
// sources through tsx (src/worker/index.ts finds thread.ts beside itself).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cronbachAlpha, efa, omega, parallelAnalysis, pathModel, processModel, cfa, isPsychkitError, type PsychkitError } from '../../src/index.js';
import { runInWorker } from '../../src/worker/index.js';
import { workerCall } from '../../src/worker/arguments.js';
import { peer, maritalLevels } from '../helpers/peer.js';
import { loadCsv } from '../helpers/fixtures.js';

const raw = loadCsv('peer-workers.csv');
const esse = Array.from({ length: 11 }, (_, i) => `esse${i + 1}`);
const model4 = { model: 4, x: 'esse', m: ['ss', 'si'], y: 'pwb', covariates: ['gender', 'education'], resamples: 4000, seed: 7 } as const;

async function rejection(p: Promise<unknown>): Promise<PsychkitError> {
  try {
    await p;
  } catch (e) {
    if (isPsychkitError(e)) return e;
    throw e;
  }
  throw new Error('resolved');
}

describe('runInWorker', () => {
  it('gives the synchronous result of several functions, deeply equal and frozen', async () => {
    const calls = [
      ['processModel', peer, { model: 4, x: 'esse', m: 'ss', y: 'pwb', resamples: 1000, seed: 3 }, () => processModel(peer, { model: 4, x: 'esse', m: 'ss', y: 'pwb', resamples: 1000, seed: 3 })],
      ['processModel', peer, { model: 1, x: 'esse', w: 'gender', y: 'pwb' }, () => processModel(peer, { model: 1, x: 'esse', w: 'gender', y: 'pwb' })],
      ['pathModel', peer, { equations: [{ outcome: 'pwb', predictors: ['esse', 'ss'] }], resamples: 0 }, () => pathModel(peer, { equations: [{ outcome: 'pwb', predictors: ['esse', 'ss'] }], resamples: 0 })],
      ['cronbachAlpha', raw, { columns: esse, missingCodes: ['NA'] }, () => cronbachAlpha(raw, { columns: esse, missingCodes: ['NA'] })],
      ['efa', raw, { columns: esse, factors: 2, missingCodes: ['NA'] }, () => efa(raw, { columns: esse, factors: 2, missingCodes: ['NA'] })],
      ['omega', raw, { columns: esse, factors: 2, missingCodes: ['NA'] }, () => omega(raw, { columns: esse, factors: 2, missingCodes: ['NA'] })],
      ['parallelAnalysis', raw, { columns: esse, resamples: 20, seed: 1, missingCodes: ['NA'] }, () => parallelAnalysis(raw, { columns: esse, resamples: 20, seed: 1, missingCodes: ['NA'] })],
      ['cfa', raw, { model: 'f =~ esse1 + esse2 + esse3 + esse4', missingCodes: ['NA'] }, () => cfa(raw, { model: 'f =~ esse1 + esse2 + esse3 + esse4', missingCodes: ['NA'] })],
    ] as const;
    for (const [name, data, options, sync] of calls) {
      const result = await runInWorker(name as 'processModel', data as never, options as never);
      expect(result, name).toEqual(sync());
      expect(Object.isFrozen(result), name).toBe(true);
    }
  });

  it('splits a bootstrap across workers without changing a digit', async () => {
    const sync = processModel(peer, model4);
    const one = await runInWorker('processModel', peer, model4, { workers: 1 });
    const two = await runInWorker('processModel', peer, model4, { workers: 2 });
    const three = await runInWorker('processModel', peer, model4, { workers: 3 });
    expect(one).toEqual(sync);
    expect(two).toEqual(sync);
    expect(three).toEqual(sync);
  });

  it('property: any seed, number of resamples and of workers gives the synchronous result', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 2000, max: 3000 }), fc.integer({ min: 1, max: 3 }), async (seed, resamples, workers) => {
        const options = { ...model4, seed, resamples };
        expect(await runInWorker('processModel', peer, options, { workers })).toEqual(processModel(peer, options));
      }),
      { numRuns: 4 },
    );
  });

  it('with replaced resamples too (a rare dummy level: singular resamples), counting them as the sequential run', async () => {
    // 6 cases in the level 'rare': some resamples draw none of them, a singular design.
    const rows = { ...peer, marital: (peer.marital as (number | string | null)[]).map((v, i) => (i < 6 ? 'rare' : v)) };
    const options = { model: 4, x: 'esse', m: 'ss', y: 'pwb', covariates: ['marital'], categorical: { marital: [...maritalLevels.marital, 'rare'] }, resamples: 3000, seed: 11, keepResamples: true } as const;
    const sync = processModel(rows, options);
    expect(sync.bootstrap?.replaced).toBeGreaterThan(0);
    expect(await runInWorker('processModel', rows, options, { workers: 2 })).toEqual(sync);
    expect(await runInWorker('processModel', rows, options, { workers: 3 })).toEqual(sync);
  });

  it('with a logistic outcome', async () => {
    const options = { model: 4, x: 'esse', m: 'ss', y: 'gender', resamples: 2000, seed: 5 } as const;
    expect(await runInWorker('processModel', peer, options, { workers: 2 })).toEqual(processModel(peer, options));
  });

  it('draws a seed for every slice when none is given, and reports it', async () => {
    const { seed: _, ...unseeded } = model4;
    const fit = await runInWorker('processModel', peer, unseeded, { workers: 2 });
    expect(fit).toEqual(processModel(peer, { ...unseeded, seed: fit.bootstrap?.seed as number }));
  });

  it('reports progress on the calling thread, up to the total', async () => {
    const seen: [number, number][] = [];
    await runInWorker('processModel', peer, model4, { workers: 2, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every(([, total]) => total === 4000)).toBe(true);
    expect(seen.at(-1)).toEqual([4000, 4000]);
    for (let k = 1; k < seen.length; k++) expect((seen[k] as [number, number])[0]).toBeGreaterThanOrEqual((seen[k - 1] as [number, number])[0]);
  });

  it('passes onProgress only where the function takes it (efa: only with factors: parallel)', async () => {
    const seen: [number, number][] = [];
    const options = { columns: esse, factors: 2, missingCodes: ['NA'] } as const;
    expect(await runInWorker('efa', raw, options, { onProgress: (done, total) => seen.push([done, total]) })).toEqual(efa(raw, options));
    expect(seen).toEqual([]);
    const pa = { columns: esse, resamples: 20, seed: 2, missingCodes: ['NA'] } as const;
    expect(await runInWorker('parallelAnalysis', raw, pa, { onProgress: (done, total) => seen.push([done, total]) })).toEqual(parallelAnalysis(raw, pa));
    const [done, total] = seen.at(-1) ?? [0, -1];
    expect(done).toBe(total);
  });

  it('copies an Arquero-like table into columns (its methods cannot be posted)', async () => {
    const columns = { esse: peer.esse as number[], ss: peer.ss as number[], pwb: peer.pwb as number[] };
    const arquero = { columnNames: () => Object.keys(columns), array: (name: string) => columns[name as keyof typeof columns], numRows: () => columns.esse.length };
    const options = { model: 4, x: 'esse', m: 'ss', y: 'pwb', resamples: 1000, seed: 4 } as const;
    expect(await runInWorker('processModel', arquero as never, options)).toEqual(processModel(columns, options));
  });

  it('rejects with the worker’s PsychkitError: same code, message and details', async () => {
    let sync: PsychkitError | undefined;
    try {
      processModel(peer, { model: 4, x: 'esse', m: 'ss', y: 'nope', resamples: 0 });
    } catch (e) {
      sync = e as PsychkitError;
    }
    const e = await rejection(runInWorker('processModel', peer, { model: 4, x: 'esse', m: 'ss', y: 'nope', resamples: 0 }));
    expect([e.code, e.message, e.details]).toEqual([sync?.code, sync?.message, sync?.details]);
  });

  it('refuses an unknown name, onProgress inside the options, functions in the options, and unknown run options', async () => {
    expect((await rejection(runInWorker('bootstrap' as 'efa', raw, {}))).code).toBe('INVALID_OPTION');
    const p = await rejection(runInWorker('processModel', peer, { ...model4, onProgress: () => {} } as never));
    expect([p.code, p.details.option]).toEqual(['INVALID_OPTION', 'onProgress']);
    const f = await rejection(runInWorker('pathModel', peer, { equations: [{ outcome: 'pwb', predictors: ['esse'] }], effects: { b: (b) => b('pwb', 'esse') } }));
    expect([f.code, f.details.option]).toEqual(['INVALID_OPTION', 'effects']);
    const u = await rejection(runInWorker('processModel', peer, model4, { worker: 2 } as never));
    expect([u.code, u.details.option]).toEqual(['INVALID_OPTION', 'worker']);
    expect(u.message).toContain('Did you mean `workers`?');
    // The same error as the synchronous check (which the fuzz and strict-options tests call).
    expect(() => workerCall('processModel', peer, model4, { worker: 2 })).toThrow(u.message);
  });

  it('url: starts the workers from the script given (as a URL or its text), pooled apart from the default ones', async () => {
    const script = new URL('../../src/worker/thread.ts', import.meta.url);
    const options = { columns: esse, missingCodes: ['NA'] };
    const expected = cronbachAlpha(raw, options);
    expect(await runInWorker('cronbachAlpha', raw, options, { url: script })).toEqual(expected);
    expect(await runInWorker('cronbachAlpha', raw, options, { url: script.href })).toEqual(expected);
    // A script that is not there: the call rejects (it does not hang, nor fall back to another script).
    const missing = runInWorker('cronbachAlpha', raw, options, { url: new URL('./no-such-worker.js', import.meta.url) });
    await expect(missing).rejects.toThrow();
    for (const bad of [42, '', {}, null]) expect((await rejection(runInWorker('cronbachAlpha', raw, options, { url: bad } as never))).details.option).toBe('url');
  });

  it('aborts: terminates the workers and rejects with ABORTED', async () => {
    const controller = new AbortController();
    const pending = runInWorker('processModel', peer, { ...model4, resamples: 200000 }, { signal: controller.signal, workers: 2 });
    setTimeout(() => controller.abort(), 50);
    const e = await rejection(pending);
    expect(e.code).toBe('ABORTED');
    const before = new AbortController();
    before.abort('stop');
    expect((await rejection(runInWorker('efa', raw, { columns: esse }, { signal: before.signal }))).code).toBe('ABORTED');
  });
});

describe('keepResamples', () => {
  it('puts the B draws on every bootstrapped effect; their SD (B − 1) is the se', () => {
    const fit = processModel(peer, { ...model4, resamples: 1000, contrasts: true, keepResamples: true });
    const effects = [...fit.indirectEffects, fit.totalIndirectEffect, ...(fit.contrasts ?? [])].filter((e) => e !== null);
    expect(effects.length).toBe(4);
    for (const e of effects) {
      const d = e.draws as Float64Array;
      expect(d).toBeInstanceOf(Float64Array);
      expect(d.length).toBe(1000);
      const mean = d.reduce((a, b) => a + b, 0) / d.length;
      const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (d.length - 1));
      expect(sd).toBeCloseTo(e.se as number, 12);
    }
    const plain = processModel(peer, { ...model4, resamples: 1000, contrasts: true });
    expect('draws' in (plain.indirectEffects[0] as object)).toBe(false);
  });

  it('in moderated models and pathModel too', () => {
    const mm = processModel(peer, { model: 7, x: 'esse', m: 'ss', w: 'gender', y: 'pwb', resamples: 1000, seed: 1, keepResamples: true });
    expect(mm.indexOfModeratedMediation[0]?.draws?.length).toBe(1000);
    expect(mm.conditionalIndirectEffects.every((e) => e.draws?.length === 1000)).toBe(true);
    const pm = pathModel(peer, { equations: [{ outcome: 'ss', predictors: ['esse'] }, { outcome: 'pwb', predictors: ['esse', 'ss'] }], effects: { ab: (b) => b('ss', 'esse') * b('pwb', 'ss') }, resamples: 1000, seed: 1, keepResamples: true });
    expect(pm.effects[0]?.draws?.length).toBe(1000);
  });
});
