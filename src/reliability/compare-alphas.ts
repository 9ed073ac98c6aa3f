import { fail } from '../errors.js';
import { chiSquareSurvival, fCdf, fSurvival, tCdf, tSurvival } from '../probability/index.js';
import { deepFreeze } from '../util/freeze.js';
import { defineOptions, field, show } from '../util/options.js';

/** One coefficient to compare: α, the cases it came from, and (for three or more) its item count. */
export interface AlphaSample {
  readonly alpha: number;
  readonly n: number;
  /** Number of items; needed by the Feldt–Woodruff–Salih test (three or more coefficients). */
  readonly items?: number;
}

/** What {@link compareAlphas} accepts per coefficient: an {@link AlphaSample} or a `cronbachAlpha` result (its `alpha`, `n` and `k` are used). */
export type AlphaInput = AlphaSample | { readonly alpha: number; readonly n: number; readonly k: number };

/** The alternative hypothesis of a two-coefficient test. */
export type Alternative = 'two-sided' | 'greater' | 'less';

/** Options of {@link compareAlphas}. */
export interface CompareAlphasOptions {
  /** `true` when the coefficients come from the same people (two tests given to one sample). Default `false`. */
  readonly dependent?: boolean;
  /**
   * With `dependent`: the correlation between the tests' total scores — a number for two
   * coefficients, a k × k matrix for more (only the upper triangle is read).
   */
  readonly correlation?: number | readonly (readonly number[])[];
  /**
   * With two coefficients: `'two-sided'` (default), `'greater'` (α₁ > α₂) or `'less'`. Three or
   * more are tested against "not all equal" only.
   */
  readonly alternative?: Alternative;
  /**
   * `'feldt'` (default for two coefficients: Feldt 1969 / 1980) or `'feldt-woodruff-salih'` (the
   * χ² test, the only one for three or more; for two it needs `items`, as AlphaTest and cocron's
   * `cocron.n.coefficients` run it).
   */
  readonly method?: 'feldt' | 'feldt-woodruff-salih';
}

interface CompareBase {
  /** The coefficients, in the order given. */
  readonly alphas: readonly number[];
  /** Their sample sizes. */
  readonly n: readonly number[];
  readonly dependent: boolean;
  /** The test statistic: W (F), t or χ², as `distribution` says. */
  readonly statistic: number;
  readonly p: number;
  readonly alternative: Alternative;
}

/** Feldt's (1969) test for two independent coefficients: W = (1 − α_small)/(1 − α_large) ~ F (one-sided: (1 − α₂)/(1 − α₁)). */
export interface FeldtIndependentTest extends CompareBase {
  readonly method: 'feldt-1969';
  readonly distribution: 'F';
  /** n − 1 of the coefficient in the denominator (the larger one; α₁ when one-sided). */
  readonly df1: number;
  /** n − 1 of the coefficient in the numerator. */
  readonly df2: number;
}

/** Feldt's (1980) test for two coefficients from one sample: a t test with n − 2 df. */
export interface FeldtDependentTest extends CompareBase {
  readonly method: 'feldt-1980';
  readonly distribution: 't';
  readonly df: number;
  /** The correlation between the two total scores that was used. */
  readonly correlation: number;
}

/** Feldt, Woodruff and Salih's (1987) χ² test of k ≥ 2 coefficients. */
export interface FeldtWoodruffSalihTest extends CompareBase {
  readonly method: 'feldt-woodruff-salih-1987';
  readonly distribution: 'chi-square';
  /** k − 1. */
  readonly df: number;
  readonly items: readonly number[];
}

/** Result of {@link compareAlphas}: which test was run, its statistic, df and p. */
export type CompareAlphasResult = FeldtIndependentTest | FeldtDependentTest | FeldtWoodruffSalihTest;

const readCompareAlphasOptions = defineOptions('compareAlphas', {
  dependent: field.boolean(false),
  correlation: field.raw(),
  alternative: field.oneOf<Alternative>(['two-sided', 'greater', 'less'], 'two-sided'),
  method: field.optionalOneOf(['feldt', 'feldt-woodruff-salih'] as const),
});

function sample(value: unknown, index: number): { alpha: number; n: number; items: number | undefined } {
  const where = `compareAlphas: coefficient ${index + 1}`;
  if (typeof value !== 'object' || value === null) throw fail('INVALID_INPUT', `${where} must be { alpha, n } or a cronbachAlpha result; got ${show(value)}.`, { index, value });
  const v = value as Record<string, unknown>;
  const alpha = v['alpha'];
  const n = v['n'];
  const items = v['items'] ?? v['k'];
  if (typeof alpha !== 'number' || !(alpha > -Infinity && alpha < 1)) {
    throw fail('OUT_OF_RANGE', `${where}: \`alpha\` must be a number below 1; got ${show(alpha)}.`, { index, option: 'alpha', value: alpha });
  }
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 3) {
    throw fail('OUT_OF_RANGE', `${where}: \`n\` must be a whole number of at least 3; got ${show(n)}.`, { index, option: 'n', value: n });
  }
  if (items !== undefined && (typeof items !== 'number' || !Number.isInteger(items) || items < 2)) {
    throw fail('OUT_OF_RANGE', `${where}: \`items\` must be a whole number of at least 2; got ${show(items)}.`, { index, option: 'items', value: items });
  }
  return { alpha, n, items: items as number | undefined };
}

function correlationAt(value: unknown, i: number, j: number, k: number): number {
  let r: unknown;
  if (typeof value === 'number') {
    if (k !== 2) throw fail('INVALID_OPTION', `compareAlphas: with ${k} coefficients \`correlation\` must be a ${k} × ${k} matrix of the total scores' correlations.`, { option: 'correlation', value });
    r = value;
  } else if (Array.isArray(value) && value.length === k && value.every((row) => Array.isArray(row) && row.length === k)) {
    r = (value as number[][])[i]?.[j];
  } else {
    throw fail('INVALID_OPTION', `compareAlphas: \`correlation\` must be a number (two coefficients) or a ${k} × ${k} matrix; got ${show(value)}.`, { option: 'correlation', value });
  }
  if (typeof r !== 'number' || !(r >= -1 && r <= 1)) {
    throw fail('INVALID_OPTION', `compareAlphas: the correlation between tests ${i + 1} and ${j + 1} must be a number in [−1, 1]; got ${show(r)}.`, { option: 'correlation', value: r });
  }
  return r;
}

/** p of an observed statistic from its lower and upper tails, as cocron's `get.p.value`. */
function pOf(lower: number, upper: number, alternative: Alternative): number {
  if (alternative === 'greater') return upper;
  if (alternative === 'less') return lower;
  return Math.min(1, 2 * Math.min(lower, upper));
}

/**
 * Tests whether Cronbach's alphas differ.
 *
 * - **Two independent coefficients** (Feldt 1969): W = (1 − α_s)/(1 − α_l), with α_l the larger,
 *   referred to F(n_l − 1, n_s − 1); two-sided p = 2·P(F > W).
 * - **Two coefficients from one sample** (`dependent: true`, Feldt 1980):
 *   t = (α₁ − α₂)·√(n − 2) / √(4(1 − α₁)(1 − α₂)(1 − r²)) with n − 2 df, where r correlates the two
 *   total scores.
 * - **Three or more** (Feldt, Woodruff & Salih 1987): with ñ_i = (k_i − 1)n_i/(k_i + 1) and
 *   u_i = (1 − α_i)^(−1/3), χ² = Σ (u_i − ū)² / (v̄ − c̄) on k − 1 df, where v_i = 2/(9(ñ − 1)(1 − α_i)^(2/3))
 *   and c̄ (dependent only) is the mean of 2r²_ij/(9(ñ − 1)(1 − α_i)^(1/3)(1 − α_j)^(1/3)). Needs each
 *   coefficient's item count.
 *
 * Matches R's cocron (`cocron.two.coefficients`, `cocron.n.coefficients`; Diedenhofen & Musch 2016),
 * whose conventions it follows: for two independent coefficients the statistic is the ratio with the
 * larger α in the denominator, so W ≥ 1 (a one-sided test uses W = (1 − α₂)/(1 − α₁) on
 * F(n₁ − 1, n₂ − 1), whose upper tail favours α₁ > α₂). Where psychkit differs: t is signed
 * (cocron reports |t|), and dependent coefficients of unequal n are refused (cocron averages the n).
 *
 * References: Feldt, L. S. (1969). *Psychometrika, 34*, 363–373. Feldt, L. S. (1980).
 * *Psychometrika, 45*, 99–105. Feldt, L. S., Woodruff, D. J., & Salih, F. A. (1987). *Applied
 * Psychological Measurement, 11*, 93–103. Charter, R. A., & Feldt, L. S. (1996). *Perceptual and
 * Motor Skills, 82*, 763–768.
 *
 * @example
 * ```ts
 * compareAlphas([{ alpha: 0.78, n: 41 }, { alpha: 0.71, n: 151 }]).statistic; // 1.318 (W, F(40, 150))
 * compareAlphas([{ alpha: 0.82, n: 27 }, { alpha: 0.89, n: 27 }], { dependent: true, correlation: 0.74 }).statistic; // 1.849 (t, 25 df)
 * ```
 */
export function compareAlphas(alphas: readonly AlphaInput[], options: CompareAlphasOptions = {}): CompareAlphasResult {
  if (!Array.isArray(alphas) || alphas.length < 2) {
    throw fail('TOO_FEW_VARIABLES', `compareAlphas needs at least two coefficients; got ${Array.isArray(alphas) ? alphas.length : show(alphas)}.`, { value: alphas });
  }
  const o = readCompareAlphasOptions.read(options);
  const samples = alphas.map(sample);
  const k = samples.length;
  const a = samples.map((s) => s.alpha);
  const n = samples.map((s) => s.n);
  if (o.dependent) {
    if (o.correlation === undefined) throw fail('INVALID_OPTION', 'compareAlphas: dependent coefficients need `correlation`, the correlation between the tests\u2019 total scores.', { option: 'correlation' });
    const unequal = n.findIndex((m) => m !== n[0]);
    if (unequal >= 0) {
      throw fail('LENGTH_MISMATCH', `compareAlphas: dependent coefficients come from one sample, but coefficient ${unequal + 1} has n = ${n[unequal]} and coefficient 1 has n = ${n[0]}.`, { index: unequal, value: n });
    }
  } else if (o.correlation !== undefined) {
    throw fail('INVALID_OPTION', 'compareAlphas: `correlation` applies only to dependent coefficients (`dependent: true`).', { option: 'correlation' });
  }
  const method = o.method ?? (k === 2 ? 'feldt' : 'feldt-woodruff-salih');
  if (method === 'feldt' && k > 2) {
    throw fail('INVALID_OPTION', `compareAlphas: Feldt's tests compare two coefficients; ${k} need \`method: 'feldt-woodruff-salih'\` (the default for three or more).`, { option: 'method', value: method });
  }
  if (method === 'feldt-woodruff-salih' && o.alternative !== 'two-sided') {
    throw fail('INVALID_OPTION', `compareAlphas: the Feldt–Woodruff–Salih test is of "not all equal" only; \`alternative\` must be 'two-sided'.`, { option: 'alternative', value: o.alternative });
  }
  const base = { alphas: a, n, dependent: o.dependent, alternative: o.alternative };
  if (method === 'feldt' && o.dependent) {
    const r = correlationAt(o.correlation, 0, 1, 2);
    const df = (n[0] as number) - 2;
    const a1 = a[0] as number;
    const a2 = a[1] as number;
    const t = ((a1 - a2) * Math.sqrt(df)) / Math.sqrt(4 * (1 - a2) * (1 - a1) * (1 - r * r));
    const p = pOf(tCdf(t, df), tSurvival(t, df), o.alternative);
    return deepFreeze({ method: 'feldt-1980', distribution: 't', ...base, statistic: t, df, correlation: r, p } satisfies FeldtDependentTest);
  }
  if (method === 'feldt') {
    // Two-sided: the larger α in the denominator, so W ≥ 1 (cocron). One-sided: W = (1 − α₂)/(1 − α₁),
    // whose upper tail is the evidence for α₁ > α₂.
    const [large, small] = o.alternative === 'two-sided' && (a[1] as number) > (a[0] as number) ? [1, 0] : [0, 1];
    const w = (1 - (a[small] as number)) / (1 - (a[large] as number));
    const df1 = (n[large] as number) - 1;
    const df2 = (n[small] as number) - 1;
    const p = pOf(fCdf(w, df1, df2), fSurvival(w, df1, df2), o.alternative);
    return deepFreeze({ method: 'feldt-1969', distribution: 'F', ...base, statistic: w, df1, df2, p } satisfies FeldtIndependentTest);
  }
  const missingItems = samples.findIndex((s) => s.items === undefined);
  if (missingItems >= 0) {
    throw fail('INVALID_INPUT', `compareAlphas: comparing ${k} coefficients (Feldt, Woodruff & Salih) needs each one's number of items; coefficient ${missingItems + 1} has no \`items\`.`, { index: missingItems });
  }
  const items = samples.map((s) => s.items as number);
  const u = a.map((x) => (1 - x) ** (-1 / 3));
  const uBar = u.reduce((s, x) => s + x, 0) / k;
  let statistic: number;
  if (o.dependent) {
    const m = n[0] as number;
    const harmonicItems = k / items.reduce((s, x) => s + 1 / x, 0);
    const nTilde = ((harmonicItems - 1) * m) / (harmonicItems + 1);
    const vBar = a.reduce((s, x) => s + 2 / (9 * (nTilde - 1) * (1 - x) ** (2 / 3)), 0) / k;
    let cSum = 0;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const r = correlationAt(o.correlation, i, j, k);
        cSum += (2 * r * r) / (9 * (nTilde - 1) * (1 - (a[i] as number)) ** (1 / 3) * (1 - (a[j] as number)) ** (1 / 3));
      }
    }
    const cBar = cSum / ((k * (k - 1)) / 2);
    statistic = u.reduce((s, x) => s + (x - uBar) ** 2, 0) / (vBar - cBar);
  } else {
    let vSum = 0;
    for (let i = 0; i < k; i++) {
      const nTilde = (((items[i] as number) - 1) * (n[i] as number)) / ((items[i] as number) + 1);
      vSum += 2 / (9 * (nTilde - 1) * (1 - (a[i] as number)) ** (2 / 3));
    }
    const vBar = vSum / k;
    statistic = u.reduce((s, x) => s + (x - uBar) ** 2, 0) / vBar;
  }
  const df = k - 1;
  return deepFreeze({ method: 'feldt-woodruff-salih-1987', distribution: 'chi-square', ...base, items, statistic, df, p: chiSquareSurvival(statistic, df) } satisfies FeldtWoodruffSalihTest);
}
