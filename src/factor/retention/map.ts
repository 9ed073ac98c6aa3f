import type { ReadTableOptions } from '../../data/table.js';
import type { PsychkitResult, PsychkitWarning } from '../../errors.js';
import { symmetricEigen, type MissingRule } from '../../linalg/index.js';
import { defineOptions, field, numberIn } from '../../util/options.js';
import { deepFreeze } from '../../util/freeze.js';
import { CORRELATION_TABLE_FIELDS, correlationInput, type FactorInput } from '../input.js';

/** Options of {@link velicerMap}. */
export interface VelicerMapOptions extends ReadTableOptions {
  /** Table input: the items, in this order (default every column). Correlation input: a subset of its names. */
  readonly columns?: readonly string[];
  /** Table input: `'pairwise'` (default, psych) or `'listwise'`. */
  readonly missing?: MissingRule;
  /** Most components to partial out. Default p − 1, all that the test is defined for. */
  readonly maxComponents?: number;
}

/** Velicer's minimum average partial test. */
export interface VelicerMapResult extends PsychkitResult<'velicerMap'> {
  readonly columns: readonly string[];
  /**
   * Entry m: average squared partial correlation after partialling out the first m principal
   * components (m = 0 is the original correlations), m = 0 … maxComponents. psych's
   * `vss()$map` is this array without its first entry.
   */
  readonly averageSquaredPartial: readonly number[];
  /** Entry m: average fourth power of the same partial correlations (Velicer et al., 2000). */
  readonly averageFourthPowerPartial: readonly number[];
  /** Components to retain by the 1976 rule: the m minimising the average squared partial (0 = none). */
  readonly components: number;
  /** Components to retain by the 2000 revision: the m minimising the average fourth power. */
  readonly componentsFourthPower: number;
  /** Eigenvalues of the correlation matrix, descending. */
  readonly eigenvalues: readonly number[];
  /** `MAP_TRUNCATED` when a variable is fully reproduced by the first m components (e.g. it correlates with nothing) and the series had to stop. */
  readonly warnings: readonly PsychkitWarning[];
}

const readMapOptions = defineOptions(
  'velicerMap',
  {
    ...CORRELATION_TABLE_FIELDS,
    maxComponents: field.raw(),
  },
  { items: 'columns' },
);

// Residual variance (of 1) below which a variable's partial correlations are numerically meaningless.
const RESIDUAL_FLOOR = 1e-12;

// Σ over i ≠ j of r*² and r*⁴, r*ᵢⱼ = cᵢⱼ/√(cᵢᵢcⱼⱼ).
function partialPowerSums(c: Float64Array, p: number): [number, number] {
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < p; i++) {
    const ci = c[i * p + i] as number;
    for (let j = 0; j < p; j++) {
      if (i === j) continue;
      const r2 = (c[i * p + j] as number) ** 2 / (ci * (c[j * p + j] as number));
      s2 += r2;
      s4 += r2 * r2;
    }
  }
  return [s2, s4];
}

function firstMinimum(values: readonly number[]): number {
  let best = 0;
  for (let m = 1; m < values.length; m++) if ((values[m] as number) < (values[best] as number)) best = m;
  return best;
}

/**
 * Velicer's minimum average partial (MAP) test for the number of components, with the 1976
 * squared and the 2000 fourth-power criteria; the squared values are those of psych::vss/VSS's
 * `map`.
 *
 * With R = V·Λ·Vᵀ and A_m the loadings of the first m principal components (columns √λₖ·vₖ),
 * C_m = R − A_m·A_mᵀ is the partial covariance matrix and R*_m = D^{-1/2}·C_m·D^{-1/2}
 * (D = diag C_m) the partial correlations. The criterion is the mean over i ≠ j of (r*ᵢⱼ)²
 * (Velicer, 1976) or (r*ᵢⱼ)⁴ (Velicer, Eaton & Fava, 2000), for m = 0 … p − 1; the number of
 * components to retain is the m where it is smallest. m = 0 (nothing partialled) is included,
 * as Velicer defines the test, so `components` can be 0; psych's map starts at m = 1, so where
 * psych's minimum is reported at 1 component psychkit may report 0 when the correlations are
 * weaker than any partial correlation. If a variable is entirely reproduced by the first m
 * components (it correlates with no other variable), its partial correlations are 0/0: the series
 * stops before m with a `MAP_TRUNCATED` warning (psych returns NaN). Needs at least 3 variables (`TOO_FEW_VARIABLES`) and a
 * positive definite matrix (`NOT_POSITIVE_DEFINITE`).
 *
 * References: Velicer, W. F. (1976). Determining the number of components from the matrix of
 * partial correlations. *Psychometrika, 41*, 321–327. Velicer, W. F., Eaton, C. A., & Fava,
 * J. L. (2000). Construct explication through factor or component analysis: A review and
 * evaluation of alternative procedures for determining the number of factors or components. In
 * R. D. Goffin & E. Helmes (Eds.), *Problems and solutions in human assessment* (pp. 41–71).
 * Kluwer.
 *
 * @example
 * ```ts
 * const map = velicerMap(rows, { columns: esseItems });
 * map.components;            // 1976 rule
 * map.averageSquaredPartial; // plot against 0, 1, 2, … components
 * ```
 */
export function velicerMap(input: FactorInput, options?: VelicerMapOptions): VelicerMapResult {
  const o = readMapOptions.read(options);
  const { names, p, matrix, n } = correlationInput(input, { ...(o.columns ? { columns: o.columns } : {}), missing: o.missing, missingCodes: o.missingCodes, caller: 'velicerMap', minVariables: 3 });
  const maxComponents = numberIn('maxComponents', o.maxComponents, p - 1, 1, p - 1, { integer: true });
  const { values, vectors } = symmetricEigen(matrix, p);
  const pairs = p * (p - 1);
  const squared = new Array<number>(maxComponents + 1);
  const fourth = new Array<number>(maxComponents + 1);
  const warnings: PsychkitWarning[] = [];
  // C_m = R − Σ_{k≤m} λₖvₖvₖᵀ is accumulated as Σ_{k>m} λₖvₖvₖᵀ, from the smallest component up:
  // no cancellation, so a small residual variance keeps its relative accuracy and |r*| ≤ 1 holds
  // to rounding (psych subtracts; the two agree to ~1e-14 on well-conditioned matrices).
  const partialCov = new Float64Array(p * p);
  const addComponent = (k: number) => {
    const lambda = Math.max(values[k] as number, 0);
    for (let i = 0; i < p; i++) {
      const ai = lambda * (vectors[i * p + k] as number);
      for (let j = 0; j < p; j++) partialCov[i * p + j] = (partialCov[i * p + j] as number) + ai * (vectors[j * p + k] as number);
    }
  };
  for (let k = p - 1; k >= maxComponents; k--) addComponent(k);
  let firstUndefined = maxComponents + 1; // smallest m whose partial correlations are 0/0
  let exhaustedColumn = '';
  for (let m = maxComponents; m >= 0; m--) {
    const c = m === 0 ? matrix : partialCov;
    let exhausted = -1;
    for (let i = 0; i < p; i++) if (!((c[i * p + i] as number) > RESIDUAL_FLOOR)) exhausted = i;
    if (exhausted >= 0) {
      firstUndefined = m;
      exhaustedColumn = names[exhausted] as string;
    } else {
      const [s2, s4] = partialPowerSums(c, p);
      squared[m] = s2 / pairs;
      fourth[m] = s4 / pairs;
    }
    if (m > 0) addComponent(m - 1);
  }
  if (firstUndefined <= maxComponents) {
    // A variable reproduced by the first m components has no partial correlations (0/0).
    squared.length = firstUndefined;
    fourth.length = firstUndefined;
    warnings.push({
      code: 'MAP_TRUNCATED',
      message: `After ${firstUndefined} component${firstUndefined === 1 ? '' : 's'} "${exhaustedColumn}" has no residual variance left, so the series stops at ${firstUndefined - 1} component${firstUndefined - 1 === 1 ? '' : 's'}.`,
      details: { column: exhaustedColumn, components: firstUndefined },
    });
  }
  return deepFreeze({
    kind: 'velicerMap',
    n: n ?? null,
    columns: [...names],
    averageSquaredPartial: squared,
    averageFourthPowerPartial: fourth,
    components: firstMinimum(squared),
    componentsFourthPower: firstMinimum(fourth),
    eigenvalues: Array.from(values),
    warnings,
  });
}
