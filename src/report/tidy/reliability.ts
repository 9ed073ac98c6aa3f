// tidy/glance for the reliability family.
import type { CronbachAlphaResult } from '../../reliability/alpha.js';
import type { IccResult } from '../../reliability/icc.js';
import type { ReliableChangeResult } from '../../reliability/reliable-change.js';
import type { SplitHalfResult } from '../../reliability/split-half.js';
import { cell, flag, flatten, perRespondent, type Row } from './rows.js';

export function tidyAlpha(r: CronbachAlphaResult<number | null>): Row[] {
  // One row per item; `key` is psych's keys (−1 for a reversed item).
  return r.items.map((item) => {
    const { column, reversed, ...rest } = item;
    return flatten(rest, { column, key: reversed ? -1 : 1 });
  });
}

export function glanceAlpha(r: CronbachAlphaResult<number | null>): Row {
  return {
    alpha: r.alpha,
    standardizedAlpha: r.standardizedAlpha,
    lambda6: r.lambda6,
    averageR: r.averageR,
    signalToNoise: r.signalToNoise,
    se: r.se,
    lower: r.lower,
    upper: r.upper,
    confidence: r.confidence,
    interval: r.interval,
    n: r.n,
    k: r.k,
    missing: r.missing,
    resamples: r.bootstrap?.resamples ?? null,
    seed: r.bootstrap?.seed ?? null,
  };
}

export function tidyIcc(r: IccResult): Row[] {
  return r.coefficients.map((c) => flatten(c));
}

export function glanceIcc(r: IccResult): Row {
  const row: Row = { n: r.n, nDropped: r.nDropped, k: r.k, missing: r.missing, confidence: r.confidence };
  return flatten({ meanSquares: r.meanSquares }, row);
}

/** The split-half coefficients, one row each (`coefficient`, `estimate`). */
export function tidySplitHalf(r: SplitHalfResult): Row[] {
  const names = ['maximum', 'minimum', 'average', 'median', 'alpha', 'lambda2', 'lambda6'] as const;
  return names.map((coefficient) => ({ coefficient, estimate: cell(r[coefficient]) ?? null }));
}

export function glanceSplitHalf(r: SplitHalfResult): Row {
  return {
    maximum: r.maximum,
    minimum: r.minimum,
    average: r.average,
    median: r.median,
    lower: r.lower,
    upper: r.upper,
    confidence: r.confidence,
    averageR: r.averageR,
    medianR: r.medianR,
    splits: r.splits,
    exhaustive: flag(r.exhaustive),
    basis: r.basis,
    n: r.n,
    k: r.k,
    seed: r.seed,
  };
}

export function tidyReliableChange(r: ReliableChangeResult): Row[] {
  const columns: Record<string, ArrayLike<unknown>> = { change: r.change, rci: r.rci, reliable: r.reliable };
  if (r.crossedCutoff !== null) columns.crossedCutoff = r.crossedCutoff;
  columns.category = r.category;
  return perRespondent(r.change.length, columns);
}

export function glanceReliableChange(r: ReliableChangeResult): Row {
  const row: Row = { before: r.before, after: r.after, improvement: r.improvement, n: r.n };
  flatten({ standardError: r.standardError }, row);
  if (r.cutoff !== null) flatten({ cutoff: r.cutoff }, row);
  return flatten({ counts: r.counts }, row);
}
