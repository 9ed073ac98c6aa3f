import { fail } from '../../errors.js';
import { strictOptions } from '../../util/options.js';
import { defineScale, type ResponseRange, type ScaleDefinition, type ScoreRule } from '../define.js';

/**
 * How a catalog instrument finds its items in your table: `prefix` names them `prefix1` …
 * `prefixK` (in the instrument's item order), `items` lists your column names in that order.
 */
export interface InstrumentBinding {
  /** Column-name prefix: `{ prefix: 'mspss' }` → `mspss1` … `mspss12`. */
  readonly prefix?: string;
  /** Your column names, in the instrument's item order (exactly k of them). */
  readonly items?: readonly string[];
  /** Scale id for the definition (default: the instrument's id). */
  readonly id?: string;
  /** Label (default: the instrument's name). */
  readonly label?: string;
  /** Answered items needed for a score: a share in (0, 1] or a count (default 1 = every item). */
  readonly minAnswered?: number;
  /** Override the instrument's score rule (default: the rule the source gives). */
  readonly score?: ScoreRule;
}

/**
 * One severity band: a score from `min` to `max` (inclusive, the published integer bounds).
 * A fractional score between two bands (a prorated sum) belongs to the lower band: a band is
 * reached only when its published minimum is.
 */
export interface ScoreBand {
  readonly label: string;
  readonly min: number;
  readonly max: number;
}

/** A key's severity bands: ordered, contiguous (`max + 1 = next min`), on the raw or converted score. */
export interface BandSet {
  /** Which score the bands are on: the raw sum or the key's converted score. */
  readonly on: 'raw' | 'converted';
  /** Where the cut-offs come from. */
  readonly source: string;
  readonly bands: readonly ScoreBand[];
}

/**
 * A response-level flag, as data: `{ item: 9, op: '>', value: 0 }` flags a respondent whose
 * response to item 9 (as given, before any reverse keying) is above 0.
 */
export interface ItemFlag {
  readonly id: string;
  readonly label: string;
  /** 1-based item position. */
  readonly item: number;
  readonly op: '>' | '>=' | '<' | '<=' | '==';
  readonly value: number;
  readonly source: string;
}

/** One row of a raw-score conversion table: the raw sum, the converted score and its SE (when published). */
export interface ConversionRow {
  readonly raw: number;
  readonly value: number;
  readonly se?: number;
}

/** A published raw → converted score table (complete responses only). */
export interface ConversionTable {
  /** What the converted score is: `'T-score'`, `'metric score'`, `'percentage'`. */
  readonly label: string;
  /** The citation of the table. */
  readonly source: string;
  /** Where the numbers were taken from (URL, or repository and path). */
  readonly foundAt: string;
  /** One row per possible raw sum, in order. */
  readonly table: readonly ConversionRow[];
}

/** A published scoring key, with numbers referring to item positions 1…k. */
export interface InstrumentKey {
  readonly id: string;
  readonly label: string;
  readonly k: number;
  readonly response: ResponseRange;
  /** 1-based positions of reverse-keyed items. */
  readonly reverse: readonly number[];
  readonly subscales: readonly { readonly id: string; readonly label: string; readonly items: readonly number[] }[];
  readonly score: ScoreRule;
  readonly source: string;
  /** Severity bands, where the source (or common use, said in `source`) gives them. */
  readonly bands?: BandSet;
  /** Response-level flags (PHQ-9 item 9). */
  readonly flags?: readonly ItemFlag[];
  /** Raw → converted score table (PROMIS T-scores, SWEMWBS metric scores, WHO-5 percentage). */
  readonly conversion?: ConversionTable;
}

const BINDING_KEYS = ['prefix', 'items', 'id', 'label', 'minAnswered', 'score'];

/** Binds a key to the user's column names and returns a validated definition. */
export function bindInstrument(key: InstrumentKey, binding: InstrumentBinding, extraKeys: readonly string[] = []): ScaleDefinition {
  const b = strictOptions<InstrumentBinding>(binding, `instruments.${key.id}`, [...BINDING_KEYS, ...extraKeys]);
  let names: readonly string[];
  if (b.prefix !== undefined && b.items !== undefined) {
    throw fail('INVALID_OPTION', `instruments.${key.id}: give either \`prefix\` or \`items\`, not both.`, { option: 'prefix' });
  }
  if (b.prefix !== undefined) {
    if (typeof b.prefix !== 'string') throw fail('INVALID_OPTION', `\`prefix\` must be a string; got ${typeof b.prefix}.`, { option: 'prefix', value: b.prefix });
    names = Array.from({ length: key.k }, (_, i) => `${b.prefix}${i + 1}`);
  } else if (b.items !== undefined) {
    if (!Array.isArray(b.items) || b.items.length !== key.k) {
      throw fail('INVALID_OPTION', `instruments.${key.id}: \`items\` must list the instrument's ${key.k} item columns in order.`, {
        option: 'items',
        value: b.items,
      });
    }
    names = b.items;
  } else {
    throw fail('INVALID_OPTION', `instruments.${key.id}: say where the items are, with \`prefix\` (e.g. '${key.id}') or \`items\`.`, { option: 'prefix' });
  }
  const name = (position: number) => names[position - 1] as string;
  return defineScale({
    id: b.id ?? key.id,
    label: b.label ?? key.label,
    items: names,
    response: key.response,
    reverse: key.reverse.map(name),
    subscales: key.subscales.map((s) => ({ id: s.id, label: s.label, items: s.items.map(name) })),
    score: b.score ?? key.score,
    ...(b.minAnswered === undefined ? {} : { minAnswered: b.minAnswered }),
    source: key.source,
    instrument: key.id,
  });
}

/** Positions from…to, inclusive. */
export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
