// Moderator values at which conditional effects are probed, and the Johnson–Neyman technique.
import { fail } from '../errors.js';
import { tQuantile, tTwoSided } from '../probability/index.js';
import { sortedQuantile } from '../util/quantile.js';
import { show } from '../util/options.js';

/** Where a moderator is probed. */
export type ProbeOption = 'percentiles' | 'moments' | readonly number[];

/** Probe values actually used and how they were chosen. */
export interface Probes {
  /** Values of W (on the analysis scale: mean-centred when W is centred). */
  readonly values: readonly number[];
  readonly definition: string;
}

/** Distinct values of a column, sorted ascending (stops after `limit` + 1). */
export function distinctValues(values: ArrayLike<number>, limit = 2): number[] {
  const set = new Set<number>();
  for (let i = 0; i < values.length && set.size <= limit; i++) set.add(values[i] as number);
  return [...set].sort((a, b) => a - b);
}

/** True when a variable takes exactly two values in the sample (PROCESS's dichotomous moderator). */
export function isDichotomous(values: ArrayLike<number>): boolean {
  return distinctValues(values, 2).length === 2;
}

function meanSd(values: ArrayLike<number>): [number, number] {
  const n = values.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += values[i] as number;
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((values[i] as number) - m) ** 2;
  return [m, Math.sqrt(ss / (n - 1))];
}

/**
 * Probe values for a moderator. A dichotomous W is probed at its two values unless values are
 * given. Otherwise `'percentiles'`: the 16th, 50th and 84th percentiles by Hyndman–Fan
 * `quantileType` (6 = PROCESS and SPSS, position p·(n + 1); 7 = R's default); `'moments'`:
 * mean − SD, mean, mean + SD (SD with n − 1); or the given values, shifted by `shift` (the mean
 * subtracted when W is centred, so that values are given on W's original scale).
 */
export function probeValues(values: Float64Array, option: ProbeOption, quantileType: 6 | 7, shift: number): Probes {
  if (Array.isArray(option)) {
    return { values: (option as number[]).map((v) => v - shift), definition: 'the values given in `probes`' };
  }
  const distinct = distinctValues(values, 2);
  if (distinct.length === 2) return { values: distinct, definition: 'the two values of a dichotomous moderator' };
  if (option === 'moments') {
    const [m, s] = meanSd(values);
    return { values: [m - s, m, m + s], definition: 'the mean − 1 SD, the mean and the mean + 1 SD' };
  }
  const sorted = Float64Array.from(values).sort();
  return {
    values: [0.16, 0.5, 0.84].map((p) => sortedQuantile(sorted, p, quantileType)),
    definition: `the 16th, 50th and 84th percentiles (quantile type ${quantileType}${quantileType === 6 ? ', as PROCESS' : ', as R'})`,
  };
}

/**
 * Validates `probes` for the moderators `roles`: one option for all of them, a list of values
 * (only with one moderator), or an object giving an option per role.
 */
export function probeOptions<R extends string>(value: unknown, roles: readonly R[]): Readonly<Partial<Record<R, ProbeOption>>> {
  const out: Partial<Record<R, ProbeOption>> = {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [role, option] of Object.entries(value)) {
      if (!roles.includes(role as R)) {
        throw fail('INVALID_OPTION', `\`probes.${role}\` names no moderator of this model (its moderators: ${roles.map((r) => `\`${r}\``).join(', ') || 'none'}).`, { option: 'probes', value: role });
      }
      out[role as R] = probeOption(option);
    }
    return out;
  }
  if (Array.isArray(value) && roles.length > 1) {
    throw fail('INVALID_OPTION', `This model has ${roles.length} moderators (${roles.join(', ')}): give probe values per moderator, e.g. \`probes: { ${roles[0]}: [0, 1] }\`.`, { option: 'probes', value });
  }
  const option = probeOption(value);
  for (const role of roles) out[role] = option;
  return out;
}

/** Validates `probes`. */
export function probeOption(value: unknown): ProbeOption {
  if (value === undefined) return 'percentiles';
  if (value === 'percentiles' || value === 'moments') return value;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number' && Number.isFinite(v))) return value as number[];
  throw fail('INVALID_OPTION', `\`probes\` must be 'percentiles', 'moments' or a non-empty list of finite numbers; got ${show(value)}.`, { option: 'probes', value });
}

/** A linear combination b₁ + b₃·w of two coefficients, with its t test and CI. */
export interface ConditionalEffect {
  readonly w: number;
  readonly estimate: number;
  readonly se: number;
  readonly statistic: number;
  readonly p: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * θ(w) = b₁ + b₃·w with se² = V₁₁ + 2w·V₁₃ + w²·V₃₃ (V the coefficient covariance, OLS or HC),
 * t = θ/se on `df` degrees of freedom (Hayes, 2022, ch. 7).
 */
export function conditionalEffect(b1: number, b3: number, v11: number, v13: number, v33: number, w: number, df: number, confidence: number): ConditionalEffect {
  const effect = b1 + b3 * w;
  const se = Math.sqrt(Math.max(0, v11 + 2 * w * v13 + w * w * v33));
  const t = effect / se;
  const tc = tQuantile(0.5 + confidence / 2, df);
  return { w, estimate: effect, se, statistic: t, p: tTwoSided(t, df), lower: effect - tc * se, upper: effect + tc * se };
}

/** A Johnson–Neyman point: where the conditional effect's p equals 1 − confidence. */
export interface JohnsonNeymanPoint {
  readonly w: number;
  /** Percentage of cases with W below the point. */
  readonly percentBelow: number;
  /** Percentage of cases with W above the point. */
  readonly percentAbove: number;
}

/** The Johnson–Neyman region of significance. */
export interface JohnsonNeyman {
  /** Points inside the observed range of W (0, 1 or 2). */
  readonly points: readonly JohnsonNeymanPoint[];
  /** Observed minimum and maximum of W. */
  readonly range: readonly [number, number];
  readonly criticalT: number;
  /** Conditional effects at 21 evenly spaced values from the minimum to the maximum of W, with the points inserted (as PROCESS prints). */
  readonly table: readonly ConditionalEffect[];
}

/**
 * Solves (b₁ + b₃w)² = t²_crit·(V₁₁ + 2w·V₁₃ + w²·V₃₃) for w — a quadratic
 * A·w² + B·w + C = 0 with A = b₃² − t²V₃₃, B = 2(b₁b₃ − t²V₁₃), C = b₁² − t²V₁₁ — and keeps the roots
 * inside the observed range of W (Johnson & Neyman, 1936; Hayes, 2022, §7.4).
 */
export function johnsonNeyman(
  b1: number,
  b3: number,
  v11: number,
  v13: number,
  v33: number,
  w: Float64Array,
  df: number,
  confidence: number,
): JohnsonNeyman {
  const tc = tQuantile(0.5 + confidence / 2, df);
  const t2 = tc * tc;
  const A = b3 * b3 - t2 * v33;
  const B = 2 * (b1 * b3 - t2 * v13);
  const C = b1 * b1 - t2 * v11;
  let roots: number[] = [];
  if (A === 0) {
    if (B !== 0) roots = [-C / B];
  } else {
    const disc = B * B - 4 * A * C;
    if (disc >= 0) {
      const s = Math.sqrt(disc);
      // Numerically stable pair of roots.
      const q = -0.5 * (B + (B >= 0 ? s : -s));
      roots = q === 0 ? [0] : [q / A, C / q];
    }
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < w.length; i++) {
    const v = w[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const inside = [...new Set(roots)].filter((r) => r >= min && r <= max).sort((a, b) => a - b);
  const n = w.length;
  const points = inside.map((r) => {
    let below = 0;
    let above = 0;
    for (let i = 0; i < n; i++) {
      const v = w[i] as number;
      if (v < r) below++;
      else if (v > r) above++;
    }
    return { w: r, percentBelow: (100 * below) / n, percentAbove: (100 * above) / n };
  });
  const grid = Array.from({ length: 21 }, (_, k) => (k === 20 ? max : min + ((max - min) * k) / 20));
  const table = [...grid, ...inside].sort((a, b) => a - b).map((v) => conditionalEffect(b1, b3, v11, v13, v33, v, df, confidence));
  return { points, range: [min, max], criticalT: tc, table };
}
