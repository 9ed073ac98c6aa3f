// tidy/glance for the distribution results.
import type { DescriptivesResult } from '../../distribution/describe.js';
import type { NormalityTestsResult } from '../../distribution/normality.js';
import type { ShapiroWilkResult } from '../../distribution/shapiro-wilk.js';
import type { CompareTransformsResult } from '../../distribution/transforms/compare.js';
import type { TransformResult } from '../../distribution/transforms/transform.js';
import { flatten, perRespondent, type Row } from './rows.js';

export function tidyDescriptives(r: DescriptivesResult): Row[] {
  return r.rows.map((row) => flatten(row));
}

export function glanceDescriptives(r: DescriptivesResult): Row {
  return { n: r.n, k: r.rows.length, type: r.type, trim: r.trim };
}

export function tidyShapiroWilk(r: ShapiroWilkResult): Row[] {
  return [{ test: 'shapiroWilk', statistic: r.statistic, p: r.p }];
}

export function glanceShapiroWilk(r: ShapiroWilkResult): Row {
  return { statistic: r.statistic, p: r.p, n: r.n, nMissing: r.nMissing };
}

const NORMALITY_TESTS = ['dagostinoSkewness', 'anscombeGlynnKurtosis', 'dagostinoPearson', 'shapiroWilk'] as const;

/** One row per test that was run. */
export function tidyNormality(r: NormalityTestsResult): Row[] {
  const out: Row[] = [];
  for (const test of NORMALITY_TESTS) {
    const t = r[test] as object | null | undefined;
    if (t !== null && t !== undefined) out.push(flatten(t, { test }));
  }
  return out;
}

export function glanceNormality(r: NormalityTestsResult): Row {
  return { n: r.n, nMissing: r.nMissing, tests: tidyNormality(r).length };
}

/** One row per respondent: the transformed value (`null` where missing). */
export function tidyTransform(r: TransformResult): Row[] {
  return perRespondent(r.values.length, { value: r.values });
}

export function glanceTransform(r: TransformResult): Row {
  const { values: _values, kind: _kind, warnings: _warnings, ...rest } = r;
  return flatten(rest);
}

export function tidyCompareTransforms(r: CompareTransformsResult): Row[] {
  return r.candidates.map((c) => flatten(c));
}

export function glanceCompareTransforms(r: CompareTransformsResult): Row {
  return { n: r.n, nMissing: r.nMissing, type: r.type, candidates: r.candidates.length, applicable: r.candidates.filter((c) => c.applicable).length };
}
