export { cronbachAlpha } from './alpha.js';
export type { CronbachAlphaOptions, CronbachAlphaResult, AlphaItemStatistics, AlphaBootstrapInfo, AlphaInterval } from './alpha.js';
export { spearmanBrown } from './spearman-brown.js';
export type { SpearmanBrownOptions, SpearmanBrownResult } from './spearman-brown.js';
export { compareAlphas } from './compare-alphas.js';
export type { AlphaInput, AlphaSample, Alternative, CompareAlphasOptions, CompareAlphasResult, FeldtDependentTest, FeldtIndependentTest, FeldtWoodruffSalihTest } from './compare-alphas.js';
export { reliableChange, standardErrorOfMeasurement } from './reliable-change.js';
export type {
  ChangeCategory,
  ClinicalCutoff,
  ClinicalCutoffOptions,
  ReliableChangeOptions,
  ReliableChangeResult,
  ScoreNorms,
  StandardErrorOfMeasurement,
  StandardErrorOfMeasurementOptions,
} from './reliable-change.js';
export { icc } from './icc.js';
export type { IccOptions, IccResult, IccCoefficient, IccAnovaRow, IccType, IccName } from './icc.js';
export { splitHalf } from './split-half.js';
export type { SplitHalfOptions, SplitHalfResult, SplitHalves } from './split-half.js';
