// tidy/glance for cfa, sem and invariance: lavaan's parameterEstimates and fitMeasures as rows.
import type { SemResult } from '../../sem/fit.js';
import type { InvarianceResult } from '../../sem/invariance.js';
import { flatten, type Row } from './rows.js';

export function tidySem(r: SemResult): Row[] {
  return r.parameters.map((p) => flatten(p));
}

export function glanceSem(r: SemResult): Row {
  const row: Row = { estimator: r.estimator, missing: r.missing, n: r.n, nDropped: r.nDropped, groups: r.groups.length, converged: r.converged ? 1 : 0, iterations: r.iterations };
  return flatten(r.fit, row);
}

/** One row per step (configural, metric, …): its fit, the test against the step before, ΔCFI, ΔRMSEA. */
export function tidyInvariance(r: InvarianceResult): Row[] {
  return r.models.map((m) => {
    const row: Row = { step: m.step, groupEqual: m.groupEqual.join(', ') };
    flatten(m.result.fit, row);
    if (m.test !== null) flatten({ test: m.test }, row);
    row.deltaCfi = m.deltaCfi;
    row.deltaRmsea = m.deltaRmsea;
    return row;
  });
}

export function glanceInvariance(r: InvarianceResult): Row {
  return { group: r.group, groups: r.groups.join(', '), estimator: r.estimator, n: r.n, steps: r.models.length, lastStep: r.models[r.models.length - 1]?.step ?? null };
}
