import { describe, expect, it } from 'vitest';
import { PsychkitError } from '../src/index.js';
import { columnList, numberIn, oneOf, optionsObject, booleanOption } from '../src/util/options.js';
import { deepFreeze } from '../src/util/freeze.js';
import { errorCode as code } from './helpers/errors.js';


describe('option validators', () => {
  it('accept good values and defaults', () => {
    expect(oneOf('rotation', undefined, ['none', 'varimax'], 'none')).toBe('none');
    expect(numberIn('confidence', 0.9, 0.95, 0, 1, { exclusiveMin: true, exclusiveMax: true })).toBe(0.9);
    expect(columnList('items', ['a', 'b'])).toEqual(['a', 'b']);
    expect(booleanOption('x', undefined, true)).toBe(true);
    expect(optionsObject(undefined, 'f')).toEqual({});
  });
  it('reject bad values with INVALID_OPTION naming the option', () => {
    expect(code(() => oneOf('rotation', 'spin', ['none'], 'none'))).toBe('INVALID_OPTION');
    expect(code(() => numberIn('confidence', 1, 0.95, 0, 1, { exclusiveMax: true }))).toBe('INVALID_OPTION');
    expect(code(() => numberIn('bootstrap', 2.5, 5000, 1, Infinity, { integer: true }))).toBe('INVALID_OPTION');
    expect(code(() => numberIn('x', '3', 1))).toBe('INVALID_OPTION');
    expect(code(() => columnList('items', 'a'))).toBe('INVALID_OPTION');
    expect(code(() => columnList('items', ['a', 'a']))).toBe('DUPLICATE_NAME');
    expect(code(() => columnList('items', ['a'], { min: 2 }))).toBe('TOO_FEW_VARIABLES');
    expect(code(() => optionsObject(3 as never, 'f'))).toBe('INVALID_OPTION');
    expect(code(() => booleanOption('x', 1, true))).toBe('INVALID_OPTION');
  });
});

describe('deepFreeze', () => {
  it('freezes nested objects and arrays but leaves typed arrays usable', () => {
    const r = deepFreeze({ a: [1, { b: 2 }], t: new Float64Array(2) });
    expect(Object.isFrozen(r.a)).toBe(true);
    expect(Object.isFrozen(r.a[1])).toBe(true);
    r.t[0] = 1;
    expect(r.t[0]).toBe(1);
  });
});

// Found by the bad-input fuzz suite (test/fuzz): a PsychkitError with an undocumented code, or a
// message that cannot become a string, broke the error contract itself.
describe('PsychkitError constructor', () => {
  it('rejects an undocumented code, a non-string message and non-object details', () => {
    expect(code(() => new PsychkitError('NOT_A_CODE' as never, 'm'))).toBe('INVALID_OPTION');
    expect(code(() => new PsychkitError('ZERO_VARIANCE', Object.create(null) as never))).toBe('INVALID_OPTION');
    expect(code(() => new PsychkitError('ZERO_VARIANCE', 'm', null as never))).toBe('INVALID_OPTION');
    expect(new PsychkitError('ZERO_VARIANCE', 'm', { column: 'a' }).details).toEqual({ column: 'a' });
  });
});
