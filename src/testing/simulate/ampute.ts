import { fail } from '../../errors.js';
import { readNumericColumns } from '../../data/numeric.js';
import { tableView, type Table } from '../../data/table.js';
import { randomStream } from '../../random/stream.js';
import { deepFreeze } from '../../util/freeze.js';
import { layOutTable, type SimulatedTable } from './latent.js';
import { dataShape, describe, finiteNumber, requiredOptions, requiredSeed, type DataShape } from './options.js';

/** How the probability of a missing cell is made: MCAR, MAR on an observed column, MNAR on the value itself. */
export type MissingMechanism = 'MCAR' | 'MAR' | 'MNAR';

/** Options of {@link ampute}. */
export interface AmputeOptions<S extends DataShape = DataShape> {
  /** The columns to make cells missing in (at least 1). */
  readonly columns: readonly string[];
  /** `'MCAR'`, `'MAR'` or `'MNAR'`. */
  readonly mechanism: MissingMechanism;
  /** The expected share of missing cells in each amputed column, in (0, 1). */
  readonly proportion: number;
  /** MAR only: the fully observed column the missingness depends on (not among `columns`). */
  readonly by?: string;
  /**
   * MAR and MNAR: the slope β of the logistic model on the standardized predictor (`by`, or the
   * cell's own value). Positive: high values go missing (mice's "RIGHT"), negative: low values
   * ("LEFT"). Default 2.
   */
  readonly strength?: number;
  readonly seed: number | string;
  /** Layout of the returned data: `'rows'` (default), `'columns'` or `'matrix'`. */
  readonly shape?: S;
}

/** One amputed column's missingness model and what it gave. */
export interface AmputedColumn {
  readonly column: string;
  /** The predictor of missingness: `null` (MCAR), the `by` column (MAR) or the column itself (MNAR). */
  readonly predictor: string | null;
  /** The logistic intercept α solved so that the mean probability of a missing cell is `proportion`. */
  readonly intercept: number;
  /** β (0 under MCAR). */
  readonly slope: number;
  /** Cells set missing. */
  readonly nMissing: number;
}

/** Result of {@link ampute}: the data with missing cells (`null`) and the truth about how they were made. */
export interface AmputedData<S extends DataShape = 'rows'> {
  /** Every column of the input, the amputed ones with `null` where a cell was removed. */
  readonly data: SimulatedTable<S>;
  readonly columns: readonly string[];
  readonly mechanism: MissingMechanism;
  readonly proportion: number;
  /** `missing[c][i]`: whether row i of `columns[c]` was made missing (cells missing in the input excluded). */
  readonly missing: readonly (readonly boolean[])[];
  readonly models: readonly AmputedColumn[];
  readonly seed: string;
}

const AMPUTE_OPTIONS = ['columns', 'mechanism', 'proportion', 'by', 'strength', 'seed', 'shape'] as const;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The intercept α with mean sigmoid(α + β·zᵢ) = p over the observed z (bisection; the mean is increasing in α). */
function interceptFor(z: Float64Array, beta: number, p: number): number {
  if (z.every(Number.isNaN)) return Math.log(p / (1 - p)); // nothing to amputate: any α will do
  let lo = -60;
  let hi = 60;
  for (let it = 0; it < 200; it++) {
    const mid = (lo + hi) / 2;
    let sum = 0;
    let count = 0;
    for (const v of z) {
      if (Number.isNaN(v)) continue;
      sum += sigmoid(mid + beta * v);
      count++;
    }
    if (sum / count < p) lo = mid;
    else hi = mid;
    if (hi - lo < 1e-12) break;
  }
  return (lo + hi) / 2;
}

/** (x − mean)/sd over the answered cells (NaN stays NaN); all zeros for a constant column. */
function standardize(x: Float64Array): Float64Array {
  let n = 0;
  let sum = 0;
  for (const v of x) if (!Number.isNaN(v)) (n++, (sum += v));
  const mean = sum / n;
  let ss = 0;
  for (const v of x) if (!Number.isNaN(v)) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / Math.max(1, n - 1));
  return x.map((v) => (Number.isNaN(v) ? v : sd > 0 ? (v - mean) / sd : 0));
}

/**
 * Makes cells missing by a known mechanism, as `mice::ampute` offers, so that estimators can be
 * tested under each: **MCAR** (each cell missing with probability `proportion`), **MAR** (the
 * probability depends on a fully observed column `by`: P(miss) = logistic(α + β·z_by)) and
 * **MNAR** (it depends on the cell's own value: logistic(α + β·z_x)). z is the standardized
 * predictor; α is solved so that the mean probability equals `proportion`; β is `strength`
 * (positive: high values go missing). Each amputed column gets its own draws from
 * `randomStream(seed)`, in column order. Cells missing in the input stay missing and are not counted.
 *
 * The defining property holds by construction, and the tests check it: under MAR a column's
 * missingness depends on `by` and not on the column's value given `by`; under MNAR the reverse.
 *
 * Reference: Schouten, R. M., Lugtig, P., & Vink, G. (2018). Generating missing values for
 * simulation purposes: A multivariate amputation procedure. *Journal of Statistical Computation
 * and Simulation, 88*(15), 2909–2930 (mice's `ampute`).
 *
 * @example
 * ```ts
 * import { simulate } from 'psychkit/testing';
 * const full = simulate.congeneric({ loadings: [0.7, 0.6, 0.5, 0.6], n: 500, seed: 1, names: ['x1', 'x2', 'x3', 'age'] });
 * const mar = simulate.ampute(full.data, { columns: ['x1', 'x2'], mechanism: 'MAR', by: 'age', proportion: 0.2, seed: 2 });
 * mar.models[0]?.nMissing; // about 100
 * ```
 */
export function ampute<S extends DataShape = 'rows'>(table: Table, options: AmputeOptions<S>): AmputedData<S> {
  const fn = 'simulate.ampute';
  const o = requiredOptions(options, fn, AMPUTE_OPTIONS);
  const seed = requiredSeed(o['seed'], fn);
  const mechanism = o['mechanism'];
  if (mechanism !== 'MCAR' && mechanism !== 'MAR' && mechanism !== 'MNAR') {
    throw fail('INVALID_OPTION', `${fn}: \`mechanism\` must be 'MCAR', 'MAR' or 'MNAR'; got ${describe(mechanism)}.`, { option: 'mechanism', value: mechanism });
  }
  const proportion = finiteNumber(o['proportion'], 'proportion');
  if (!(proportion > 0 && proportion < 1)) throw fail('INVALID_OPTION', `${fn}: \`proportion\` must lie strictly between 0 and 1; got ${proportion}.`, { option: 'proportion', value: proportion });
  const strength = o['strength'] === undefined ? 2 : finiteNumber(o['strength'], 'strength');
  if (mechanism === 'MCAR' && o['strength'] !== undefined) throw fail('INVALID_OPTION', `${fn}: \`strength\` belongs to MAR and MNAR; MCAR cells are missing with one probability.`, { option: 'strength' });
  const view = tableView(table);
  const names = view.columnNames;
  const columnsOption = o['columns'];
  if (!Array.isArray(columnsOption) || columnsOption.length === 0 || !columnsOption.every((c) => typeof c === 'string')) {
    throw fail('INVALID_OPTION', `${fn}: \`columns\` must be a non-empty list of column names; got ${describe(columnsOption)}.`, { option: 'columns', value: columnsOption });
  }
  const columns = columnsOption as string[];
  if (new Set(columns).size !== columns.length) throw fail('DUPLICATE_NAME', `${fn}: \`columns\` lists a column twice.`, { option: 'columns' });
  const by = o['by'];
  if (mechanism === 'MAR') {
    if (typeof by !== 'string') throw fail('INVALID_OPTION', `${fn}: MAR needs \`by\`, the observed column the missingness depends on.`, { option: 'by', value: by });
    if (columns.includes(by)) throw fail('INVALID_OPTION', `${fn}: \`by\` (${by}) must stay observed, so it cannot be among \`columns\`.`, { option: 'by', value: by });
  } else if (by !== undefined) {
    throw fail('INVALID_OPTION', `${fn}: \`by\` belongs to MAR; under ${mechanism} the missingness depends on ${mechanism === 'MCAR' ? 'nothing' : 'the value itself'}.`, { option: 'by' });
  }
  const shape = dataShape(o['shape']) as S;
  const all = readNumericColumns(view, names);
  const index = (name: string) => {
    const i = names.indexOf(name);
    if (i < 0) throw fail('MISSING_COLUMN', `${fn}: no column "${name}" in the table (columns: ${names.slice(0, 12).join(', ')}).`, { column: name });
    return i;
  };
  const targets = columns.map(index);
  const byColumn = mechanism === 'MAR' ? (all[index(by as string)] as Float64Array) : null;
  if (byColumn !== null && byColumn.some(Number.isNaN)) throw fail('INVALID_INPUT', `${fn}: \`by\` (${String(by)}) has missing cells; MAR needs it fully observed.`, { column: String(by) });
  const n = view.nRows;
  const rng = randomStream(seed);
  const out = all.map((c) => Float64Array.from(c));
  const missing: boolean[][] = [];
  const models: AmputedColumn[] = [];
  targets.forEach((j, c) => {
    const x = all[j] as Float64Array;
    const predictor = mechanism === 'MCAR' ? null : mechanism === 'MAR' ? (by as string) : (columns[c] as string);
    const z = mechanism === 'MCAR' ? null : standardize(mechanism === 'MAR' ? (byColumn as Float64Array) : x);
    const slope = mechanism === 'MCAR' ? 0 : strength;
    const intercept = z === null ? Math.log(proportion / (1 - proportion)) : interceptFor(z, slope, proportion);
    const flags = new Array<boolean>(n).fill(false);
    let nMissing = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      if (Number.isNaN(x[i] as number)) continue;
      const p = z === null ? proportion : sigmoid(intercept + slope * (z[i] as number));
      if (u < p) {
        (out[j] as Float64Array)[i] = Number.NaN;
        flags[i] = true;
        nMissing++;
      }
    }
    missing.push(flags);
    models.push({ column: columns[c] as string, predictor, intercept, slope, nMissing });
  });
  const data = layOutTable(out, names, n, shape);
  return Object.freeze({ ...deepFreeze({ columns: [...columns], mechanism, proportion, missing, models, seed: String(seed) }), data }) as AmputedData<S>;
}
