import { describe, expect, it } from 'vitest';
import { correlationMatrix, isPsychkitError } from '../../src/index.js';
import { correlationInput } from '../../src/factor/input.js';
import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { expectClose } from '../helpers/close.js';

const rows = loadCsv('peer-workers.csv');
const linalg = loadJson('linalg.json');

function expectError(f: () => unknown, code: string, detail?: Record<string, unknown>) {
  try {
    f();
  } catch (e) {
    expect(isPsychkitError(e), String(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    if (detail) expect((e as { details: Record<string, unknown> }).details).toMatchObject(detail);
    return;
  }
  expect.fail(`expected ${code}`);
}

describe('correlationInput', () => {
  it('table, pairwise: R’s pairwise correlations, n = every row (psych’s n.obs = nrow(x))', () => {
    const c = correlationInput(rows, { columns: linalg.items });
    expect(c.names).toEqual(linalg.items);
    expect(c.p).toBe(17);
    expect(c.n).toBe(rows.length);
    expectClose(c.matrix[1]!, linalg.corPairwise[0][1], 1e-12, 'r12');
  });

  it('table, listwise: n = complete rows', () => {
    const c = correlationInput(rows, { columns: linalg.items, missing: 'listwise' });
    expect(c.n).toBe(linalg.nListwise);
    expectClose(c.matrix[1]!, linalg.corListwise[0][1], 1e-12, 'r12');
  });

  it('{ correlation, n }: a fresh, symmetrised copy; asymmetry up to 1e-8 is tolerated', () => {
    const R = [
      [1, 0.5 + 5e-9, 0.2],
      [0.5, 1, 0.1],
      [0.2, 0.1, 1],
    ];
    const c = correlationInput({ correlation: R, n: 80 });
    expect(c.names).toEqual(['V1', 'V2', 'V3']);
    expect(c.n).toBe(80);
    expect(c.matrix[1]).toBe(c.matrix[3]);
    expectClose(c.matrix[1]!, 0.5 + 2.5e-9, 1e-15, 'averaged');
    c.matrix[2] = 99;
    expect(R[0]![2]).toBe(0.2);
  });

  it('typed-array rows are accepted', () => {
    const c = correlationInput({ correlation: [Float64Array.of(1, 0.3), Float64Array.of(0.3, 1)] });
    expect(c.p).toBe(2);
    expect(c.n).toBeUndefined();
  });

  it('a correlationMatrix() result: its items and nObservations', () => {
    const r = correlationMatrix(rows, { columns: ['esse1', 'esse2', 'esse3'], missing: 'listwise' });
    const c = correlationInput(r, { requireN: true });
    expect(c.names).toEqual(['esse1', 'esse2', 'esse3']);
    expect(c.n).toBe(r.n);
  });

  it('positiveDefinite: false lets an indefinite matrix through (for callers that smooth or warn)', () => {
    const indefinite = [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]];
    expectError(() => correlationInput({ correlation: indefinite }), 'NOT_POSITIVE_DEFINITE');
    expect(correlationInput({ correlation: indefinite }, { positiveDefinite: false }).p).toBe(3);
  });

  it('requireN, minVariables and caller name the problem', () => {
    expectError(() => correlationInput({ correlation: [[1, 0.2], [0.2, 1]] }, { requireN: true, caller: 'efa' }), 'INVALID_OPTION', { option: 'n' });
    expectError(() => correlationInput({ correlation: [[1, 0.2], [0.2, 1]] }, { minVariables: 3 }), 'TOO_FEW_VARIABLES');
    expectError(() => correlationInput({ correlation: [[1, 0.2], [0.2, 1]], n: 0 }), 'INVALID_OPTION', { option: 'n' });
    expectError(() => correlationInput({ correlation: [[1, 0.2], [0.2, 1]] }, { missing: 'no' as never }), 'INVALID_OPTION', { option: 'missing' });
    try {
      correlationInput({ correlation: [[1, 0.2], [0.2, 1]] }, { requireN: true, caller: 'efa' });
    } catch (e) {
      expect((e as Error).message).toMatch(/^efa:/);
    }
  });

  it('INVALID_INPUT when `correlation` is not an array of rows', () => {
    expectError(() => correlationInput({ correlation: [] } as never), 'INVALID_INPUT', { option: 'correlation' });
    expectError(() => correlationInput({ correlation: 'R' } as never), 'INVALID_INPUT', { option: 'correlation' });
    // …but a column table that happens to have a column named "correlation" is still a table.
    const c = correlationInput({ correlation: [1, 2, 3, 4], other: [2, 1, 4, 3] }, { positiveDefinite: true });
    expect(c.names).toEqual(['correlation', 'other']);
  });

  it('TOO_FEW_CASES when fewer than 2 complete rows remain', () => {
    expectError(() => correlationInput({ a: [1, 2, null], b: [null, 3, 4], c: [1, 2, 3] }, { missing: 'listwise' }), 'TOO_FEW_CASES');
  });
});
