import { fail } from '../../errors.js';
import { randomStream, type Seed } from '../../random/index.js';
import { categorise, resolveThresholds } from './categories.js';
import { dataShape, describe, finiteNumber, nameList, requiredOptions, requiredSeed, sampleSize, type DataShape } from './options.js';
import { layOut, type SimulatedData } from './output.js';

/** How a simulated careless respondent answers. */
export type CarelessType = 'straightline' | 'random' | 'pattern';

/** Every {@link CarelessType}. */
export const CARELESS_TYPES: readonly CarelessType[] = Object.freeze(['straightline', 'random', 'pattern']);

/** Options of {@link carelessResponses}. */
export interface CarelessResponsesOptions<S extends DataShape = DataShape> {
  /** Number of respondents (1 … 10,000,000). */
  readonly n: number;
  /** Number of items (at least 4; at least 2 per subscale). */
  readonly items: number;
  /** Seed for `randomStream`: the same seed gives the same data on every runtime. */
  readonly seed: Seed;
  /** Share of careless respondents, in [0, 1]; exactly round(n × share) rows are careless. Default 0.1. */
  readonly carelessProportion?: number;
  /** The kinds of careless responding, drawn with equal probability per careless row. Default `['straightline', 'random']`. */
  readonly types?: readonly CarelessType[];
  /** Subscales (factors), each a consecutive block of items (sizes differ by at most 1). Default 4 (fewer when items < 8). */
  readonly scales?: number;
  /** Standardized loading of every item on its factor, in (0, 1). Default 0.7. */
  readonly loading?: number;
  /** Correlation between the factors, in [0, 1). Default 0.3. */
  readonly factorCorrelation?: number;
  /** Response categories 1 … K (equally likely for an attentive respondent). Default 5. */
  readonly categories?: number;
  /** Item names. Default `item1` … `itemk`. */
  readonly names?: readonly string[];
  /** `'rows'` (default), `'columns'` or `'matrix'`. */
  readonly shape?: S;
}

/** A sample from {@link carelessResponses}: the data and the truth. */
export interface CarelessResponsesSample<S extends DataShape = 'rows'> {
  readonly data: SimulatedData<S>;
  /** The item names, in order. */
  readonly items: readonly string[];
  /** The subscales by name (`scale1`, …): pass to `evenOddConsistency` or `screenResponses`. */
  readonly scales: { readonly [name: string]: readonly string[] };
  readonly n: number;
  readonly seed: string;
  /** Per row: whether the respondent was simulated as careless. */
  readonly careless: readonly boolean[];
  /** Per row: the kind of careless responding, or null for an attentive respondent. */
  readonly types: readonly (CarelessType | null)[];
  /** The careless rows (zero-based), ascending. */
  readonly carelessRows: readonly number[];
  /** How the attentive respondents were simulated. */
  readonly population: {
    readonly loading: number;
    readonly factorCorrelation: number;
    readonly categories: number;
    /** Cut points on the latent z scale, Φ⁻¹(c / K). */
    readonly thresholds: readonly number[];
  };
}

const OPTIONS = ['n', 'items', 'seed', 'carelessProportion', 'types', 'scales', 'loading', 'factorCorrelation', 'categories', 'names', 'shape'] as const;
const FN = 'simulate.carelessResponses';

function inRange(value: unknown, option: string, fallback: number, lo: number, hi: number, closedHi: boolean): number {
  if (value === undefined) return fallback;
  const v = finiteNumber(value, option);
  if (!(v >= lo && (closedHi ? v <= hi : v < hi)) || (option === 'loading' && v <= 0)) {
    throw fail('INVALID_OPTION', `\`${option}\` must be in ${option === 'loading' ? '(' : '['}${lo}, ${hi}${closedHi ? ']' : ')'}; got ${describe(value)}.`, { option, value });
  }
  return v;
}

function wholeNumber(value: unknown, option: string, fallback: number | undefined, min: number, max: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw fail('INVALID_OPTION', `\`${option}\` must be a whole number from ${min} to ${max}; got ${describe(value)}.`, { option, value });
  }
  return value;
}

/**
 * Simulates survey responses in which a known share of respondents answer carelessly, for testing
 * careless-responding screens (`screenResponses`, `longstring`, `mahalanobis`, …) against the truth.
 *
 * Attentive respondents follow a correlated-factors model: the items form `scales` consecutive
 * blocks; item j of block s is X*ⱼ = λF_s + √(1 − λ²)eⱼ with F_s = √φ·G + √(1 − φ)·U_s
 * (G, U_s, eⱼ independent N(0, 1); φ = `factorCorrelation`), cut into K equally likely categories
 * scored 1 … K. Careless respondents (exactly round(n × `carelessProportion`) rows, chosen at
 * random) answer by one of `types`, drawn with equal probability:
 *
 * - `'straightline'`: one category, drawn uniformly, for every item;
 * - `'random'`: each item a uniform category, independent of the content;
 * - `'pattern'`: a repeating 1, 2, …, K, 1, 2, … sequence from a random starting category.
 *
 * Draw order (fixes the stream for a seed): first the careless rows (a partial Fisher–Yates
 * shuffle of 0 … n − 1 with `int`), then row by row: a careless row draws its type (`int`) and
 * then its answers (`int`: one for straight-lining and patterns, one per item for random); an
 * attentive row draws G, the `scales` U_s and one e per item (`normal`).
 *
 * Throws `INVALID_OPTION` for a missing seed, n or items, out-of-range values, an unknown type or
 * option; `DUPLICATE_NAME` for repeated names.
 *
 * @example
 * ```ts
 * import { simulate } from 'psychkit/testing';
 * const sim = simulate.carelessResponses({ n: 500, items: 20, carelessProportion: 0.1, types: ['straightline', 'random'], seed: 7 });
 * sim.carelessRows.length; // 50
 * sim.scales.scale1; // ['item1', …, 'item5']
 * ```
 */
export function carelessResponses<S extends DataShape = 'rows'>(options: CarelessResponsesOptions<S>): CarelessResponsesSample<S> {
  const o = requiredOptions(options, FN, OPTIONS);
  const n = sampleSize(o['n'], FN);
  const seed = requiredSeed(o['seed'], FN);
  if (o['items'] === undefined) throw fail('INVALID_OPTION', `${FN}: \`items\` (the number of items) is required.`, { option: 'items' });
  const k = wholeNumber(o['items'], 'items', undefined, 4, 10_000);
  const S = wholeNumber(o['scales'], 'scales', Math.min(4, Math.floor(k / 2)), 1, Math.floor(k / 2));
  const share = inRange(o['carelessProportion'], 'carelessProportion', 0.1, 0, 1, true);
  const loading = inRange(o['loading'], 'loading', 0.7, 0, 1, false);
  const phi = inRange(o['factorCorrelation'], 'factorCorrelation', 0.3, 0, 1, false);
  const K = wholeNumber(o['categories'], 'categories', 5, 2, 100);
  const thresholds = resolveThresholds(K, undefined) as number[];
  const types = readTypes(o['types']);
  const names = nameList(o['names'], 'names', k, 'item');
  const shape = dataShape(o['shape']) as S;

  // Block sizes differ by at most 1: the first k mod S blocks get one more item.
  const scaleOf = new Int32Array(k);
  const scales: Record<string, readonly string[]> = {};
  let at = 0;
  for (let s = 0; s < S; s++) {
    const size = Math.floor(k / S) + (s < k % S ? 1 : 0);
    scales[`scale${s + 1}`] = Object.freeze(names.slice(at, at + size));
    for (let j = at; j < at + size; j++) scaleOf[j] = s;
    at += size;
  }

  const rng = randomStream(seed);
  const nCareless = Math.round(n * share);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let t = 0; t < nCareless; t++) {
    const u = t + rng.int(n - t);
    const tmp = order[t] as number;
    order[t] = order[u] as number;
    order[u] = tmp;
  }
  const isCareless = new Uint8Array(n);
  for (let t = 0; t < nCareless; t++) isCareless[order[t] as number] = 1;

  const columns = Array.from({ length: k }, () => new Float64Array(n));
  const rowTypes = new Array<CarelessType | null>(n).fill(null);
  const f = new Float64Array(S);
  const sqrtPhi = Math.sqrt(phi);
  const sqrtRest = Math.sqrt(1 - phi);
  const errorSd = Math.sqrt(1 - loading * loading);
  for (let i = 0; i < n; i++) {
    if (isCareless[i] === 1) {
      const type = types[types.length === 1 ? 0 : rng.int(types.length)] as CarelessType;
      rowTypes[i] = type;
      if (type === 'random') {
        for (let j = 0; j < k; j++) (columns[j] as Float64Array)[i] = 1 + rng.int(K);
      } else {
        const first = rng.int(K);
        for (let j = 0; j < k; j++) (columns[j] as Float64Array)[i] = type === 'straightline' ? 1 + first : 1 + ((first + j) % K);
      }
      continue;
    }
    const g = rng.normal();
    for (let s = 0; s < S; s++) f[s] = sqrtPhi * g + sqrtRest * rng.normal();
    for (let j = 0; j < k; j++) {
      const x = loading * (f[scaleOf[j] as number] as number) + errorSd * rng.normal();
      (columns[j] as Float64Array)[i] = categorise(x, thresholds);
    }
  }
  const careless = Array.from(isCareless, (v) => v === 1);
  const carelessRows: number[] = [];
  for (let i = 0; i < n; i++) if (isCareless[i] === 1) carelessRows.push(i);
  return Object.freeze({
    data: layOut(columns, names, n, shape),
    items: Object.freeze([...names]),
    scales: Object.freeze(scales),
    n,
    seed: rng.seed,
    careless: Object.freeze(careless),
    types: Object.freeze(rowTypes),
    carelessRows: Object.freeze(carelessRows),
    population: Object.freeze({ loading, factorCorrelation: phi, categories: K, thresholds: Object.freeze([...thresholds]) }),
  }) as CarelessResponsesSample<S>;
}

function readTypes(value: unknown): readonly CarelessType[] {
  if (value === undefined) return ['straightline', 'random'];
  if (!Array.isArray(value) || value.length === 0) {
    throw fail('INVALID_OPTION', `\`types\` must be a non-empty array of ${CARELESS_TYPES.map((t) => `'${t}'`).join(', ')}; got ${describe(value)}.`, { option: 'types', value });
  }
  for (const t of value) {
    if (!CARELESS_TYPES.includes(t as CarelessType)) {
      throw fail('INVALID_OPTION', `\`types\` may list ${CARELESS_TYPES.map((c) => `'${c}'`).join(', ')}; got ${describe(t)}.`, { option: 'types', value: t });
    }
  }
  return value as CarelessType[];
}
