// PROCESS model 1: the effect of X on Y moderated by W, probed at values of W and by Johnson–Neyman.
import type { PsychkitWarning } from '../errors.js';
import type { Table } from '../data/table.js';
import { commonResult, conditionalEffects, fitOf, fitProcess, interactionTests, processData, productOf } from './process-data.js';
import type { ProcessSettings } from './process-options.js';
import { johnsonNeyman, type JohnsonNeyman, type Probes } from './probes.js';
import type { ModerationResult } from './process-types.js';

/** Model 1: Y ← X + W + X·W + covariates. */
export function moderation(table: Table, s: ProcessSettings): ModerationResult {
  const w = s.w as string;
  const xw = productOf(s.x, w);
  const equations = [{ name: s.y, outcome: s.y, terms: [s.x, w, xw, ...s.covariates] }];
  const data = processData(table, s, equations);
  const engine = fitProcess(data, s, equations);
  const yFit = fitOf(engine, s.y);
  const probes = data.probes as Probes;
  const warnings: PsychkitWarning[] = [];
  let jn: JohnsonNeyman | null = null;
  if (s.jn && data.dichotomousW) {
    warnings.push({
      code: 'JN_DICHOTOMOUS',
      message: `The Johnson–Neyman technique needs a continuous moderator; "${w}" has two values, so the conditional effects at those two values are the probe.`,
      details: { column: w },
    });
  } else if (s.jn) {
    const i = yFit.names.indexOf(s.x);
    const j = yFit.names.indexOf(xw);
    const V = yFit.covariance;
    const k = yFit.k;
    jn = johnsonNeyman(yFit.b[i] as number, yFit.b[j] as number, V[i * k + i] as number, V[i * k + j] as number, V[j * k + j] as number, data.valuesOf(w), yFit.residualDf, s.confidence);
  }
  const common = commonResult(1, s, data, engine, warnings);
  return {
    ...common,
    variables: { ...common.variables, w },
    conditionalEffects: conditionalEffects(yFit, s.x, xw, probes.values, s.confidence),
    interactionTests: interactionTests(data, s, equations, engine.fits),
    johnsonNeyman: jn,
    probes,
  };
}
