// processModel's result type follows `model` (checked by the type checker: `npm run typecheck`
// runs over test/), so that model 4 users need no null check and model 1 users get conditional
// effects. The runtime assertions confirm the fields are there.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  processModel,
  type ConditionalTestedEffect,
  type IndirectEffect,
  type MediationIndex,
  type ModeratedModeratedMediationIndex,
  type ParallelMediationResult,
  type ProcessOptions,
  type ProcessResult,
  type Relative,
  type RelativeProcessResult,
  type TestedEffect,
} from '../../src/index.js';
import { peer } from '../helpers/peer.js';

describe('processModel is typed per model', () => {
  it('model 4: indirectEffects and directEffect are never null; no moderator fields', () => {
    const r = processModel(peer, { model: 4, x: 'esse', m: 'ss', y: 'pwb', resamples: 0 });
    expectTypeOf(r).toEqualTypeOf<ParallelMediationResult>();
    expectTypeOf(r.indirectEffects).toEqualTypeOf<readonly IndirectEffect[]>();
    expectTypeOf(r.directEffect).toEqualTypeOf<TestedEffect>();
    expectTypeOf(r).not.toHaveProperty('conditionalEffects');
    expect(r.indirectEffects[0]!.label).toBe('ss');
    expect(r).not.toHaveProperty('conditionalEffects');
  });
  it('model 1: conditionalEffects are never null; its mediation sections are null', () => {
    const r = processModel(peer, { model: 1, x: 'esse', w: 'ss', y: 'pwb' });
    expectTypeOf(r.conditionalEffects).toEqualTypeOf<readonly ConditionalTestedEffect<{ readonly w: number }>[]>();
    expectTypeOf(r.conditionalEffects[0]!.at.w).toEqualTypeOf<number>();
    expectTypeOf(r.indirectEffects).toEqualTypeOf<null>();
    expectTypeOf(r.conditionalIndirectEffects).toEqualTypeOf<null>();
    expect(r.conditionalEffects).toHaveLength(3);
    expect(r.indirectEffects).toBeNull();
  });
  it('models 8 and 59 have conditional direct effects instead of a direct effect; 58 and 59 have no index', () => {
    const r8 = processModel(peer, { model: 8, x: 'esse', m: 'si', w: 'gender', y: 'pwb', resamples: 0 });
    expectTypeOf(r8.conditionalDirectEffects).toEqualTypeOf<readonly ConditionalTestedEffect<{ readonly w: number }>[]>();
    expectTypeOf(r8.directEffect).toEqualTypeOf<null>();
    expectTypeOf(r8.indexOfModeratedMediation).toEqualTypeOf<readonly MediationIndex[]>();
    const r58 = processModel(peer, { model: 58, x: 'esse', m: 'si', w: 'ss', y: 'pwb', resamples: 0 });
    expectTypeOf(r58.directEffect).toEqualTypeOf<TestedEffect>();
    expectTypeOf(r58.indexOfModeratedMediation).toEqualTypeOf<null>();
    expect(r58.indexOfModeratedMediation).toBeNull();
    expect(r8.directEffect).toBeNull();
  });
  it('catalog models: model 12 has the indices of moderated moderated mediation; its moderators are required options', () => {
    const r = processModel(peer, { model: 12, x: 'esse', m: 'si', w: 'gender', z: 'ss', y: 'pwb', resamples: 0 });
    expectTypeOf(r.indexOfModeratedModeratedMediation).toEqualTypeOf<readonly ModeratedModeratedMediationIndex[]>();
    expectTypeOf(r.indexOfModeratedMediation).toEqualTypeOf<null>();
    expect(r.indexOfModeratedModeratedMediation[0]!.moderators).toEqual(['w', 'z']);
    // Two moderators: a row's values are per role, each optional (a section may depend on one only).
    expectTypeOf(r.conditionalIndirectEffects[0]!.at.z).toEqualTypeOf<number | undefined>();
    // @ts-expect-error: model 12 needs z
    expect(() => processModel(peer, { model: 12, x: 'esse', m: 'si', w: 'gender', y: 'pwb', resamples: 0 })).toThrow(/needs a moderator `z`/);
  });
  it('a model chosen at run time gives the union, narrowed by `model`', () => {
    const model = [4, 6][Math.floor(peer.esse!.length / 1000)] as 4 | 6;
    const r = processModel(peer, { model, x: 'esse', m: ['ss', 'si'], y: 'pwb', resamples: 0 } as ProcessOptions);
    expectTypeOf(r).toEqualTypeOf<ProcessResult>();
    if (r.model === 4 || r.model === 6) expectTypeOf(r.indirectEffects).toEqualTypeOf<readonly IndirectEffect[]>();
    if (r.model === 4) expectTypeOf(r.sobel).toEqualTypeOf<ParallelMediationResult['sobel']>();
    expect(r.model).toBe(4);
  });
  it('options a model does not take are type errors', () => {
    // @ts-expect-error: model 4 has no moderator
    expect(() => processModel(peer, { model: 4, x: 'esse', m: 'ss', y: 'pwb', w: 'gender' })).toThrow(/does not apply to model 4/);
    // @ts-expect-error: sobel is model 4's
    expect(() => processModel(peer, { model: 6, x: 'esse', m: ['ss', 'si'], y: 'pwb', sobel: true })).toThrow(/does not apply to model 6/);
  });
  it('a multicategorical X (`xCoding`) gives the relative result, every row tagged with its code', () => {
    const rows = peer.esse!.map((e, i) => ({ esse: e, ss: peer.ss![i]!, pwb: peer.pwb![i]!, group: 1 + (i % 3) }));
    const r = processModel(rows, { model: 4, x: 'group', m: 'ss', y: 'pwb', xCoding: 'helmert', resamples: 0 });
    expectTypeOf(r).toEqualTypeOf<RelativeProcessResult<4>>();
    expectTypeOf(r.directEffects).toEqualTypeOf<readonly Relative<TestedEffect>[]>();
    expectTypeOf(r.conditionalEffects).toEqualTypeOf<null>();
    expect(r.directEffects.map((e) => e.code)).toEqual(['group[1]', 'group[2]']);
    // @ts-expect-error: the Sobel test needs a numeric X
    expect(() => processModel(rows, { model: 4, x: 'group', m: 'ss', y: 'pwb', xCoding: 'helmert', sobel: true })).toThrow(/sobel/);
  });
});
