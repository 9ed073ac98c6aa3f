import { fail, type PsychkitResult, type PsychkitWarning } from '../errors.js';
import type { Matrix } from '../util/types.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field } from '../util/options.js';
import { efaOnData, efaSettings, type EfaResult } from './efa.js';
import { EXTRACTIONS, type ExtractionName } from './extraction/index.js';
import { FACTOR_INPUT_FIELDS, NO_FACTOR_INPUT_OPTIONS, readFactorInput, type FactorInput, type FactorInputOptions, type ReadFactorInput } from './input.js';
import { toRows } from './internal/dense.js';
import { NO_ROTATION_OPTIONS, resolveRotation, rotateFlat } from './rotation/rotate.js';
import { squaredMultipleCorrelations } from './smc.js';

/** Options of {@link omega}. */
export interface OmegaOptions extends FactorInputOptions {
  /** Number of group factors. Default 3 (psych). */
  readonly factors?: number;
  /** Extraction for the group factors and the higher-order factor. Default `'minres'` (psych). */
  readonly extraction?: ExtractionName;
  /** Oblique rotation of the group factors. Default `'oblimin'` (psych). */
  readonly rotation?: 'oblimin' | 'quartimin' | 'geomin' | 'promax';
  /**
   * With two group factors the general factor is not identified; psych's `option`: `'equal'`
   * (default) loads both on g with √|φ₁₂|, `'first'` / `'second'` fixes that factor's g loading at 1.
   */
  readonly twoFactorOption?: 'equal' | 'first' | 'second';
  /** Reverse items that load negatively on g before summing (psych's `flip`). Default true. */
  readonly flip?: boolean;
}

/** ω for the general factor and each group factor (psych's `omega.group`). */
export interface OmegaGroup {
  /** `'g'` or the group factor's name (`F1*`, …). */
  readonly factor: string;
  /** Columns assigned to the group (largest group loading). Empty for g. */
  readonly columns: readonly string[];
  /** ω total of the subscale (g and group variance). */
  readonly total: number;
  /** General-factor variance share of the subscale. */
  readonly general: number;
  /** Group-factor variance share of the subscale. */
  readonly group: number;
}

/** Result of {@link omega}. */
export interface OmegaResult extends PsychkitResult<'omega'> {
  readonly factors: number;
  readonly extraction: ExtractionName;
  readonly rotation: string;
  readonly columns: readonly string[];
  readonly n: number | null;
  /** ω_h = (Σ g loadings)² / V_t. */
  readonly omegaHierarchical: number;
  /** ω_t = (V_t − Σ u²) / V_t. */
  readonly omegaTotal: number;
  /** ω_limit = (Σ g)² / (V_t − Σ u²): ω_h as the test grows without bound. */
  readonly omegaLimit: number;
  /** Standardised α from the same correlation matrix. */
  readonly alpha: number;
  /** Guttman's λ₆ from the correlation matrix. */
  readonly lambda6: number;
  /** Explained common variance of g. */
  readonly explainedCommonVariance: number;
  /** Schmid–Leiman general-factor loadings (after flipping). */
  readonly generalLoadings: readonly number[];
  /** Schmid–Leiman group-factor loadings (rows = variables). */
  readonly groupLoadings: Matrix;
  readonly communalities: readonly number[];
  readonly uniquenesses: readonly number[];
  /** g²/h² per variable. */
  readonly generalProportion: readonly number[];
  /** Loadings of the first-order factors on g. */
  readonly higherOrderLoadings: readonly number[];
  /** Orthogonal (varimax) first-order solution. */
  readonly orthogonalLoadings: Matrix;
  /** Oblique first-order pattern. */
  readonly obliqueLoadings: Matrix;
  /** First-order factor correlations. */
  readonly phi: Matrix;
  readonly groups: readonly OmegaGroup[];
  /** Variables reversed because they load negatively on g (`flip`). */
  readonly reversed: readonly string[];
}

const readOmegaOptions = defineOptions(
  'omega',
  {
    ...FACTOR_INPUT_FIELDS,
    factors: field.number(3, 1, Infinity, { integer: true }),
    extraction: field.oneOf(EXTRACTIONS, 'minres'),
    rotation: field.oneOf(['oblimin', 'quartimin', 'geomin', 'promax'] as const, 'oblimin'),
    twoFactorOption: field.oneOf(['equal', 'first', 'second'] as const, 'equal'),
    flip: field.boolean(true),
  },
  { items: 'columns' },
);

/**
 * McDonald's ω coefficients through a Schmid–Leiman transformation, as psych::omega: extract
 * `factors` group factors and rotate them varimax (psych::fa), rotate that solution obliquely
 * (GPArotation::oblimin, unnormalised), factor the factor correlations Φ with one factor (for two
 * group factors see `twoFactorOption`), and orthogonalise: g loadings F·γ, group loadings
 * sign(F)·√(F² − (F·diag γ)²). With V_t the sum of all correlations (after reversing items that
 * load negatively on g), ω_h = (Σg)²/V_t, ω_t = (V_t − Σu²)/V_t, ω_limit = (Σg)²/(V_t − Σu²).
 * With one factor, g is that factor: ω_t comes from its loadings and ω_h equals it in spirit only
 * (a warning says so).
 *
 * Input as for `efa`: a table, `{ correlation, n }`, a `correlationMatrix()` result, or moments
 * (`{ covariance, n, columns? }`, rescaled to correlations as psych::omega does with a covariance
 * matrix).
 *
 * References: McDonald (1999) Test Theory: A Unified Treatment; Schmid & Leiman (1957);
 * Zinbarg, Revelle, Yovel & Li (2005) Psychometrika 70:123–133; Revelle, psych (omega, schmid).
 *
 * @example
 * ```ts
 * const om = omega(rows, { columns: ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9'], factors: 3, extraction: 'pa' });
 * om.omegaHierarchical; om.omegaTotal;
 * omega({ covariance: C, n: 301, columns: ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9'] }, { factors: 3 }); // moments
 * ```
 */
export function omega(input: FactorInput, options?: OmegaOptions): OmegaResult {
  const o = readOmegaOptions.read(options);
  const data = readFactorInput(input, o, 'omega');
  return deepFreeze(omegaOnData(data, o));
}

/** g²/h² with h² = Σ orthogonal loadings², scaled by the row's largest loading so that a variable loading ~1e-160 is not 0/0. */
function generalShare(g: number, row: Float64Array): number {
  let largest = 0;
  for (const v of row) largest = Math.max(largest, Math.abs(v));
  if (largest === 0) return 0;
  let h = 0;
  for (const v of row) h += (v / largest) ** 2;
  return (g / largest) ** 2 / h;
}

interface OmegaSettings {
  readonly factors: number;
  readonly extraction: ExtractionName;
  readonly rotation: 'oblimin' | 'quartimin' | 'geomin' | 'promax';
  readonly twoFactorOption: 'equal' | 'first' | 'second';
  readonly flip: boolean;
}

function omegaOnData(data: ReadFactorInput, s: OmegaSettings): OmegaResult {
  const { p, names } = data;
  const k = s.factors;
  const warnings: PsychkitWarning[] = [...data.warnings];
  // psych::schmid: fa(R, k, rotate = "varimax", fm)
  const orth: EfaResult = efaOnData(data, efaSettings({ factors: k, extraction: s.extraction, rotation: 'varimax' }));
  warnings.push(...orth.warnings);
  const orthFlat = Float64Array.from(orth.loadings.flat());
  let fload: Float64Array;
  let phi: Float64Array;
  let gload: Float64Array;
  if (k === 1) {
    fload = orthFlat;
    phi = Float64Array.of(1);
    gload = Float64Array.of(1);
    warnings.push({ code: 'OMEGA_ONE_FACTOR', message: 'With one factor, ω_h and ω_limit are not meaningful (psych reports them anyway); use ω_t.' });
  } else {
    const rot = rotateFlat(orthFlat, p, k, resolveRotation({ ...NO_ROTATION_OPTIONS, rotation: s.rotation }));
    warnings.push(...rot.warnings);
    fload = rot.loadings;
    phi = rot.phi;
    gload = new Float64Array(k);
    if (k > 2) {
      // psych: fa(Φ, fm = fm) — one factor of the factor correlations (n unknown)
      const phiRows = toRows(phi, k, k);
      const higher = efaOnData(readFactorInput({ correlation: phiRows }, NO_FACTOR_INPUT_OPTIONS, 'omega'), efaSettings({ factors: 1, extraction: s.extraction, rotation: 'none' }));
      for (let j = 0; j < k; j++) gload[j] = higher.loadings[j]![0]!;
    } else {
      const r12 = phi[1] as number;
      if (s.twoFactorOption === 'equal') {
        gload[0] = Math.sqrt(Math.abs(r12));
        gload[1] = Math.sign(r12) * Math.sqrt(Math.abs(r12));
      } else if (s.twoFactorOption === 'first') {
        gload[0] = 1;
        gload[1] = r12;
      } else {
        gload[0] = r12;
        gload[1] = 1;
      }
      warnings.push({
        code: 'OMEGA_TWO_FACTORS',
        message: `Three group factors are needed to identify g; with two, g loadings were fixed by twoFactorOption "${s.twoFactorOption}".`,
      });
    }
  }
  const g = new Float64Array(p);
  const sm = new Float64Array(p * k);
  const h2 = new Float64Array(p);
  const u2 = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let gi = 0;
    for (let j = 0; j < k; j++) gi += (fload[i * k + j] as number) * (gload[j] as number);
    g[i] = gi;
    let h = 0;
    for (let j = 0; j < k; j++) h += (orthFlat[i * k + j] as number) ** 2;
    h2[i] = h;
    u2[i] = 1 - h;
    for (let j = 0; j < k; j++) {
      const f = fload[i * k + j] as number;
      const rest = Math.max(0, f * f - (f * (gload[j] as number)) ** 2);
      sm[i * k + j] = Math.sign(f) * Math.sqrt(rest);
    }
  }
  // psych::omegah: reverse items with negative g loadings (flip), on R and on the loadings
  const key = new Float64Array(p).fill(1);
  const reversed: string[] = [];
  if (s.flip) {
    for (let i = 0; i < p; i++) if ((g[i] as number) < 0) key[i] = -1;
  }
  for (let i = 0; i < p; i++) {
    if (key[i] === -1) {
      reversed.push(names[i] as string);
      g[i] = -(g[i] as number);
      for (let j = 0; j < k; j++) sm[i * k + j] = -(sm[i * k + j] as number);
    }
  }
  const m = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) m[i * p + j] = (data.r[i * p + j] as number) * (key[i] as number) * (key[j] as number);
  let vt = 0;
  let vitem = 0;
  for (let i = 0; i < p; i++) {
    vitem += m[i * p + i] as number;
    for (let j = 0; j < p; j++) vt += m[i * p + j] as number;
  }
  let gsum = 0;
  let uniq = 0;
  for (let i = 0; i < p; i++) {
    gsum += g[i] as number;
    uniq += u2[i] as number;
  }
  const gsq = gsum * gsum;
  const omegaTotal = (vt - uniq) / vt;
  const smc = squaredMultipleCorrelations(m, p);
  let smcSum = 0;
  for (const v of smc) smcSum += v;
  const ev = new Float64Array(k + 1);
  for (let i = 0; i < p; i++) {
    ev[0] = (ev[0] as number) + (g[i] as number) ** 2;
    for (let j = 0; j < k; j++) ev[j + 1] = (ev[j + 1] as number) + (sm[i * k + j] as number) ** 2;
  }
  const evSum = ev.reduce((a, b) => a + b, 0);

  // omega.group: each variable belongs to the group factor with its largest |loading|
  const groups: OmegaGroup[] = [];
  let grs = 0;
  const groupRows: OmegaGroup[] = [];
  for (let j = 0; j < k; j++) {
    const members: number[] = [];
    for (let i = 0; i < p; i++) {
      let best = 0;
      for (let t = 1; t < k; t++) if (Math.abs(sm[i * k + t] as number) > Math.abs(sm[i * k + best] as number)) best = t;
      if (best === j) members.push(i);
    }
    if (members.length === 0) continue;
    let vgr = 0;
    let gr = 0;
    let gg = 0;
    for (const a of members) {
      gr += sm[a * k + j] as number;
      gg += g[a] as number;
      for (const b of members) vgr += m[a * p + b] as number;
    }
    grs += gr * gr;
    groupRows.push({
      factor: `F${j + 1}*`,
      columns: members.map((i) => names[i] as string),
      total: (gr * gr + gg * gg) / vgr,
      general: (gg * gg) / vgr,
      group: (gr * gr) / vgr,
    });
  }
  groups.push({ factor: 'g', columns: [], total: omegaTotal, general: gsq / vt, group: grs / vt }, ...groupRows);
  if (!Number.isFinite(omegaTotal)) throw fail('SINGULAR', 'omega: the correlations sum to zero; ω is undefined.', {});

  return {
    kind: 'omega',
    factors: k,
    extraction: s.extraction,
    rotation: k === 1 ? 'none' : s.rotation,
    columns: [...names],
    n: data.n,
    omegaHierarchical: gsq / vt,
    omegaTotal,
    omegaLimit: gsq / (vt - uniq),
    alpha: ((vt - vitem) / vt) * (p / (p - 1)),
    lambda6: (vt + smcSum - vitem) / vt,
    explainedCommonVariance: (ev[0] as number) / evSum,
    generalLoadings: Array.from(g),
    groupLoadings: toRows(sm, p, k),
    communalities: Array.from(h2),
    uniquenesses: Array.from(u2),
    generalProportion: Array.from(g, (v, i) => generalShare(v, orthFlat.subarray(i * k, (i + 1) * k))),
    higherOrderLoadings: Array.from(gload),
    orthogonalLoadings: orth.loadings,
    obliqueLoadings: toRows(fload, p, k),
    phi: toRows(phi, k, k),
    groups,
    reversed,
    warnings,
  };
}
