// Bad input to cfa/sem: every case a PsychkitError with a stable code naming the line, the
// parameter or the column; legal-but-suspicious fits give typed warnings.
import { describe, expect, it } from 'vitest';
import { cfa, sem, PsychkitError } from '../../src/index.js';
import { errorOf } from '../helpers/errors.js';
import { loadCsv } from '../helpers/fixtures.js';

const hs = loadCsv('holzinger-swineford-1939.csv');
const HS3 = 'visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9';

describe('model syntax errors name the line and column', () => {
  const cases: [string, string, number, number][] = [
    ['no operator', 'visual =~ x1 + x2 + x3\nx4 x5', 2, 1],
    ['a stray character', 'visual =~ x1 + x2 @ x3', 1, 19],
    ['a modifier without a variable', 'visual =~ x1 + 2*', 1, 18],
    ['nothing on the left', '=~ x1 + x2', 1, 1],
    ['an unclosed label', 'visual =~ x1 + "a*x2', 1, 16],
    ['two fixed values', 'visual =~ 1*2*x1 + x2 + x3', 1, 13],
    ['== constraints', 'visual =~ x1 + a*x2 + b*x3\na == b', 2, 3],
    ['thresholds', 'x1 | t1', 1, 4],
    ['an unknown function in :=', 'visual =~ x1 + a*x2 + x3\nd := foo(a)', 2, 6],
  ];
  for (const [what, model, line, column] of cases) {
    it(what, () => {
      const e = errorOf(() => cfa(hs, { model }));
      expect(e.code).toBe('MODEL_SYNTAX');
      expect(e.details['line']).toBe(line);
      expect(e.details['character']).toBe(column);
      expect(e.message).toContain(`line ${line}, column ${column}`);
    });
  }
  it('a relation stated twice', () => {
    const e = errorOf(() => cfa(hs, { model: `${HS3}\nx1 ~~ x4\nx4 ~~ x1` }));
    expect(e.code).toBe('MODEL_SYNTAX');
    expect(e.details['line']).toBe(5);
  });
  it('a := that uses an unknown label', () => {
    const e = errorOf(() => sem(hs, { model: `${HS3}\nspeed ~ a*visual\nind := a*b` }));
    expect(e.code).toBe('MODEL_SYNTAX');
    expect(e.message).toContain('"b"');
  });
  it('a label on a fixed and a free parameter', () => {
    expect(errorOf(() => cfa(hs, { model: 'visual =~ x1 + a*x2 + 1*a*x3' })).code).toBe('MODEL_SYNTAX');
  });
  it('a defined parameter named like a variable', () => {
    expect(errorOf(() => sem(hs, { model: 'visual =~ x1 + a*x2 + x3\nx1 := a*2' })).code).toBe('MODEL_SYNTAX');
  });
});

describe('identification', () => {
  it('a latent without a scale names the latent', () => {
    const e = errorOf(() => cfa(hs, { model: 'visual =~ NA*x1 + x2 + x3' }));
    expect(e.code).toBe('NOT_IDENTIFIED');
    expect(e.details['variable']).toBe('visual');
  });
  it('more free parameters than moments', () => {
    const e = errorOf(() => cfa(hs, { model: 'f =~ x1 + x2' }));
    expect(e.code).toBe('NOT_IDENTIFIED');
  });
  it('a singular information matrix names a parameter', () => {
    // f and g regressed on each other: df = 7, but one covariance cannot give two paths.
    const e = errorOf(() => sem(hs, { model: 'f =~ x1 + x2 + x3\ng =~ x4 + x5 + x6\nf ~ g\ng ~ f' }));
    expect(e.code).toBe('NOT_IDENTIFIED');
    expect(e.details['parameter']).toMatch(/^(f ~ g|g ~ f|f ~~ f|g ~~ g)$/);
  });
});

describe('data and options', () => {
  it('a missing column', () => {
    const e = errorOf(() => cfa(hs, { model: 'f =~ x1 + x2 + nope' }));
    expect(e.code).toBe('MISSING_COLUMN');
    expect(e.details.column).toBe('nope');
  });
  it('a constant column', () => {
    const rows = hs.map((r) => ({ ...r, x3: '1' }));
    const e = errorOf(() => cfa(rows, { model: 'f =~ x1 + x2 + x3' }));
    expect(e.code).toBe('ZERO_VARIANCE');
    expect(e.details.column).toBe('x3');
  });
  it('a non-positive-definite sample covariance', () => {
    const rows = hs.map((r) => ({ ...r, x3: String(Number(r['x1']) + Number(r['x2'])) }));
    expect(errorOf(() => cfa(rows, { model: 'f =~ x1 + x2 + x3' })).code).toBe('NOT_POSITIVE_DEFINITE');
  });
  it('too few rows', () => {
    expect(errorOf(() => cfa(hs.slice(0, 1), { model: 'f =~ x1 + x2 + x3' })).code).toBe('TOO_FEW_CASES');
  });
  it('unknown options and a missing model', () => {
    expect(errorOf(() => cfa(hs, { model: HS3, std_lv: true } as never)).code).toBe('INVALID_OPTION');
    expect(errorOf(() => cfa(hs, {} as never)).code).toBe('INVALID_OPTION');
    expect(errorOf(() => cfa(hs, { model: '  ' })).code).toBe('INVALID_OPTION');
    expect(errorOf(() => cfa(hs, { model: HS3, estimator: 'WLSMV' as never })).code).toBe('INVALID_OPTION');
  });
  it('FIML refuses what it does not support yet, naming it', () => {
    const e = errorOf(() => sem(hs, { model: 'visual =~ x1 + x2 + x3\nvisual ~ ageyr', missing: 'fiml' }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.details.columns).toEqual(['ageyr']);
    expect(errorOf(() => cfa(hs, { model: HS3, missing: 'fiml', estimator: 'MLR' })).code).toBe('INVALID_OPTION');
  });
  it('FIML needs two values of every variable', () => {
    const rows = hs.map((r, i) => ({ ...r, x3: i === 0 ? r['x3']! : '' }));
    const e = errorOf(() => cfa(rows, { model: 'f =~ x1 + x2 + x3', missing: 'fiml' }));
    expect(e.code).toBe('TOO_FEW_CASES');
    expect(e.details.column).toBe('x3');
  });
  it('a numerical breakdown (a value of 1e78 among small ones) is an error, not NaN', () => {
    // Found by the fuzz harness: 22 rows of 1s and 2s with one 2.4e78.
    const rows = Array.from({ length: 22 }, (_, i) => ({ item1: i === 0 ? 2.4444875465820593e78 : 1 + (i % 4 === 1 ? 1 : 0), item2: 1 + (i % 4 === 1 || i % 4 === 2 ? 1 : 0), item3: 1 + (i % 4 === 2 ? 1 : 0) }));
    const e = errorOf(() => cfa(rows, { model: 'f1 =~ item1 + item2 + item3' }));
    expect(['NOT_CONVERGED', 'NOT_IDENTIFIED']).toContain(e.code);
    const e2 = errorOf(() => cfa(hs.map((r, i) => (i === 0 ? { ...r, x1: '2.4e78' } : r)), { model: 'f =~ x1 + x2 + x3' }));
    expect(['NOT_CONVERGED', 'NOT_IDENTIFIED']).toContain(e2.code);
  });
  it('does not mutate its input', () => {
    const copy = structuredClone(hs);
    cfa(hs, { model: HS3 });
    expect(hs).toEqual(copy);
  });
  it('errors are PsychkitErrors, never TypeErrors', () => {
    for (const model of ['', 'f =~', '~~', ':=', 'a := ', 'f =~ x1 +', '((', 'f =~ x1 + x2 + x3\nf ~ 1 + 1']) {
      let thrown: unknown;
      try {
        cfa(hs, { model });
      } catch (e) {
        thrown = e;
      }
      expect(thrown, JSON.stringify(model)).toBeInstanceOf(PsychkitError);
    }
  });
});

describe('warnings', () => {
  it('a Heywood case is a HEYWOOD warning naming the variable', () => {
    // Two indicators of speed, one of them almost a copy of the other's scale: a negative residual variance.
    const rows = hs.map((r, i) => ({ ...r, x9: String(Number(r['x8']) * 1.001 + (i % 2) * 0.001) }));
    const fit = cfa(rows, { model: 'visual =~ x1 + x2 + x3\nspeed =~ x7 + x8 + x9' });
    const w = fit.warnings.find((x) => x.code === 'HEYWOOD');
    if (w !== undefined) expect((w.details?.columns as string[]).length).toBeGreaterThan(0);
    else expect(fit.parameters.filter((p) => p.op === '~~' && p.lhs === p.rhs).every((p) => p.estimate >= 0)).toBe(true);
  });
});
