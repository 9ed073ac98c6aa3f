import { fail } from '../errors.js';
import { columnList, oneOf, showValue, strictOptions, strictObject } from '../util/options.js';
import { deepFreeze } from '../util/freeze.js';

/** The declared response range of a scale's items, e.g. `{ min: 1, max: 5 }` for a 5-point Likert item. */
export interface ResponseRange {
  readonly min: number;
  readonly max: number;
}

/** How a (sub)scale score is formed from its items. */
export type ScoreRule = 'mean' | 'sum';

/** A subscale as given to {@link defineScale}: its items, or its items with a label. */
export type SubscaleInput = readonly string[] | { readonly label?: string; readonly items: readonly string[] };

/** A subscale of a {@link ScaleDefinition}. */
export interface Subscale {
  readonly id: string;
  readonly label: string;
  readonly items: readonly string[];
}

/** What {@link defineScale} takes. */
export interface ScaleSpec {
  /** Short identifier, used to name the score (e.g. `'mspss'`). */
  readonly id: string;
  /** Human-readable name. Default: the id. */
  readonly label?: string;
  /** The item columns, in order. */
  readonly items: readonly string[];
  /** The response range every item shares; reverse keying uses it (`min + max − x`). */
  readonly response: ResponseRange;
  /** Items to reverse before scoring. Default: none. */
  readonly reverse?: readonly string[];
  /** Subscales by id, each a list of items (all among `items`), or `{ label, items }`. */
  readonly subscales?: { readonly [id: string]: SubscaleInput } | readonly Subscale[];
  /** `'mean'` (default) or `'sum'` of the item responses. */
  readonly score?: ScoreRule;
  /**
   * How many items must be answered for a score: a share `0 < x ≤ 1` of each (sub)scale's items
   * (⌈x·k⌉; `1` = every item, the default), or a count `≥ 2` (capped at a subscale's item count).
   */
  readonly minAnswered?: number;
  /** Where the scoring key comes from (a citation). */
  readonly source?: string;
  /**
   * The catalog key the definition was bound from (`'phq9'`, …); set by `instruments.*`, read by
   * `scoreInstrument` to find the key's bands, flags and conversion table.
   */
  readonly instrument?: string;
}

/** A validated, frozen scale definition (the result of {@link defineScale}). */
export interface ScaleDefinition {
  readonly id: string;
  readonly label: string;
  readonly items: readonly string[];
  readonly response: ResponseRange;
  readonly reverse: readonly string[];
  readonly subscales: readonly Subscale[];
  readonly score: ScoreRule;
  readonly minAnswered: number;
  readonly source?: string;
  /** The catalog key it was bound from (absent for a scale defined by hand). */
  readonly instrument?: string;
}

const KNOWN_KEYS = new Set(['id', 'label', 'items', 'response', 'reverse', 'subscales', 'score', 'minAnswered', 'source', 'instrument']);

function text(option: string, value: unknown, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw fail('INVALID_OPTION', `\`${option}\` must be a non-empty string; got ${showValue(value)}.`, { option, value });
  }
  return value;
}

/** Validates a response range: finite integers with min < max. */
export function checkResponseRange(value: unknown, option = 'response'): ResponseRange {
  const { min, max } = strictObject(value, option, ['min', 'max']);
  for (const [name, v] of [
    ['min', min],
    ['max', max],
  ] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw fail('INVALID_OPTION', `\`${option}.${name}\` must be an integer; got ${showValue(v)}.`, { option: `${option}.${name}`, value: v });
    }
  }
  if ((min as number) >= (max as number)) {
    throw fail('INVALID_OPTION', `\`${option}.min\` (${min}) must be less than \`${option}.max\` (${max}).`, { option, value });
  }
  return { min: min as number, max: max as number };
}

function subsetOf(option: string, names: readonly string[], items: ReadonlySet<string>): void {
  for (const name of names) {
    if (!items.has(name)) {
      throw fail('INVALID_OPTION', `\`${option}\` lists "${name}", which is not among the scale's items.`, { option, column: name });
    }
  }
}

function checkMinAnswered(value: unknown, k: number): number {
  if (value === undefined) return 1;
  const ok = typeof value === 'number' && Number.isFinite(value) && ((value > 0 && value <= 1) || (Number.isInteger(value) && value >= 2 && value <= k));
  if (!ok) {
    throw fail(
      'INVALID_OPTION',
      `\`minAnswered\` must be a share in (0, 1] or a whole number of items from 2 to ${k}; got ${showValue(value)}.`,
      { option: 'minAnswered', value },
    );
  }
  return value as number;
}

function checkSubscales(value: unknown, items: ReadonlySet<string>): Subscale[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null) {
    throw fail('INVALID_OPTION', '`subscales` must be an object of item lists (or an array of { id, items }).', { option: 'subscales', value });
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((s: unknown, i) => {
        const id = (s as { id?: unknown } | null)?.id;
        return [text(`subscales[${i}].id`, id, true) as string, s];
      })
    : Object.entries(value);
  const seen = new Set<string>();
  return entries.map(([id, spec]) => {
    if (id.trim() === '') throw fail('INVALID_OPTION', 'A subscale id must be a non-empty string.', { option: 'subscales', value: id });
    if (seen.has(id)) throw fail('DUPLICATE_NAME', `Subscale "${id}" is defined twice.`, { option: 'subscales', value: id });
    seen.add(id);
    const option = `subscales.${id}`;
    const isList = Array.isArray(spec);
    if (!isList && (typeof spec !== 'object' || spec === null)) {
      throw fail('INVALID_OPTION', `\`${option}\` must be a list of items or { label, items }.`, { option, value: spec });
    }
    const list = columnList(isList ? option : `${option}.items`, isList ? spec : (spec as { items?: unknown }).items);
    subsetOf(isList ? option : `${option}.items`, list, items);
    const label = isList ? id : (text(`${option}.label`, (spec as { label?: unknown }).label, false) ?? id);
    return { id, label, items: [...list] };
  });
}

/**
 * Defines a questionnaire scale: its items, response range, reverse-keyed items, subscales and
 * scoring rule. Validates everything once, so that scoring and reliability can trust it, and
 * returns a frozen plain object (it can be stored as JSON and passed back in; validation is
 * idempotent).
 *
 * Validation: `id` and every item name are non-empty strings; items are unique
 * (`DUPLICATE_NAME`); `response.min < response.max`, both integers; `reverse` and every
 * subscale's items are among `items`; `minAnswered` is a share in (0, 1] or a count from 2 to k;
 * unknown keys are rejected (a misspelt `reversed` would otherwise be ignored silently). Each
 * problem is an `INVALID_OPTION` naming the option.
 *
 * @example
 * ```ts
 * const si = defineScale({
 *   id: 'si', label: 'Social isolation',
 *   items: ['si1', 'si2', 'si3', 'si4', 'si5', 'si6'],
 *   response: { min: 1, max: 5 }, score: 'mean', minAnswered: 0.8,
 * });
 * ```
 */
export function defineScale(spec: ScaleSpec): ScaleDefinition {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw fail('INVALID_OPTION', `defineScale: expected a scale specification object; got ${showValue(spec)}.`, { option: 'scale', value: spec });
  }
  strictOptions(spec, 'defineScale', [...KNOWN_KEYS], { reversed: 'reverse', reverseKeyed: 'reverse', range: 'response', minimumAnswered: 'minAnswered' });
  const id = text('id', spec.id, true) as string;
  const label = text('label', spec.label, false) ?? id;
  const items = columnList('items', spec.items);
  const itemSet = new Set(items);
  const response = checkResponseRange(spec.response);
  const reverse = spec.reverse === undefined ? [] : columnList('reverse', spec.reverse, { min: 0 });
  subsetOf('reverse', reverse, itemSet);
  const subscales = checkSubscales(spec.subscales, itemSet);
  const score = oneOf<ScoreRule>('score', spec.score, ['mean', 'sum'], 'mean');
  const minAnswered = checkMinAnswered(spec.minAnswered, items.length);
  const source = text('source', spec.source, false);
  const instrument = text('instrument', spec.instrument, false);
  return deepFreeze({
    id,
    label,
    items: [...items],
    response,
    reverse: [...reverse],
    subscales,
    score,
    minAnswered,
    ...(source === undefined ? {} : { source }),
    ...(instrument === undefined ? {} : { instrument }),
  });
}

/**
 * The number of answered items a score over `k` items needs under `minAnswered`: a share x gives
 * ⌈x·k⌉ (computed as ⌈x·k − 1e-9⌉, as the reference scripts do, so that 0.55·100 = 55.00000000000001
 * still needs 55), a count c
 * gives min(c, k).
 *
 * @example
 * ```ts
 * requiredAnswered(0.8, 12); // 10
 * requiredAnswered(4, 3); // 3 (a count is capped at the item count)
 * requiredAnswered(0, 3); // throws INVALID_OPTION (as does k that is not a whole number ≥ 1)
 * ```
 */
export function requiredAnswered(minAnswered: number, k: number): number {
  if (!(typeof k === 'number' && Number.isInteger(k) && k >= 1)) {
    throw fail('INVALID_OPTION', `requiredAnswered: \`k\` (the number of items) must be a whole number ≥ 1; got ${showValue(k)}.`, { option: 'k', value: k });
  }
  const ok = typeof minAnswered === 'number' && ((minAnswered > 0 && minAnswered <= 1) || (Number.isInteger(minAnswered) && minAnswered >= 2));
  if (!ok) {
    throw fail('INVALID_OPTION', `requiredAnswered: \`minAnswered\` must be a share in (0, 1] or a whole number of items ≥ 2; got ${showValue(minAnswered)}.`, {
      option: 'minAnswered',
      value: minAnswered,
    });
  }
  if (minAnswered <= 1) return Math.max(1, Math.ceil(minAnswered * k - 1e-9));
  return Math.min(minAnswered, k);
}
