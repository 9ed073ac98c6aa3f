/**
 * Where each public function's fast-check properties live: every runtime function export of
 * `psychkit` and every `simulate.*` / `arbitraries.*` of `psychkit/testing`, mapped to the test
 * files holding at least one `fc.property` that calls it and checks an invariant of its result.
 * (Bad-input fuzzing of every function is separate: test/fuzz.) registry.test.ts keeps this
 * honest: no public function missing, no stale name, every file present, using fast-check and
 * naming the function.
 */
export const PROPERTY_FILES: Readonly<Record<string, readonly string[]>> = {
  // errors, random
  PsychkitError: ['test/properties/data.properties.test.ts'],
  isPsychkitError: ['test/properties/data.properties.test.ts'],
  randomStream: ['test/random/stream.test.ts', 'test/properties/data.properties.test.ts'],
  bootstrapIndices: ['test/properties/data.properties.test.ts', 'test/properties/mediation.properties.test.ts'],

  // data
  readTable: ['test/properties/data.properties.test.ts'],
  isMatrixInput: ['test/properties/data.properties.test.ts'],
  isMissing: ['test/properties/data.properties.test.ts'],
  cellToNumber: ['test/properties/data.properties.test.ts', 'test/properties/testing.properties.test.ts'],
  numericColumn: ['test/properties/data.properties.test.ts'],
  numericColumns: ['test/data/table.test.ts', 'test/testing/arbitraries.test.ts', 'test/properties/data.properties.test.ts', 'test/properties/testing.properties.test.ts'],
  listwise: ['test/data/table.test.ts', 'test/properties/data.properties.test.ts'],
  pairwiseCounts: ['test/properties/data.properties.test.ts'],
  categoricalColumn: ['test/properties/data.properties.test.ts'],
  dummyCode: ['test/properties/data.properties.test.ts'],
  recodeResponses: ['test/data/recode.test.ts'],

  // screening
  itemFrequencies: ['test/screening/item-frequencies.test.ts'],
  missingness: ['test/screening/missingness.properties.test.ts'],
  longstring: ['test/screening/careless.properties.test.ts'],
  responseVariability: ['test/screening/careless.properties.test.ts'],
  mahalanobis: ['test/screening/careless.properties.test.ts'],
  evenOddConsistency: ['test/screening/careless.properties.test.ts'],
  psychometricSynonyms: ['test/screening/careless.properties.test.ts'],
  screenResponses: ['test/screening/careless.properties.test.ts'],

  // distributions
  normalCdf: ['test/properties/distributions.properties.test.ts', 'test/probability/bivariate-normal.test.ts'],
  normalSurvival: ['test/properties/distributions.properties.test.ts'],
  normalQuantile: ['test/properties/distributions.properties.test.ts'],
  normalTwoSided: ['test/properties/distributions.properties.test.ts'],
  tCdf: ['test/properties/distributions.properties.test.ts'],
  tSurvival: ['test/properties/distributions.properties.test.ts'],
  tTwoSided: ['test/properties/distributions.properties.test.ts'],
  tQuantile: ['test/properties/distributions.properties.test.ts'],
  fCdf: ['test/properties/distributions.properties.test.ts'],
  fSurvival: ['test/properties/distributions.properties.test.ts', 'test/properties/regression.properties.test.ts'],
  fQuantile: ['test/properties/distributions.properties.test.ts'],
  chiSquareCdf: ['test/properties/distributions.properties.test.ts'],
  chiSquareSurvival: ['test/properties/distributions.properties.test.ts'],
  chiSquareQuantile: ['test/properties/distributions.properties.test.ts'],
  bivariateNormalCdf: ['test/probability/bivariate-normal.test.ts', 'test/testing/factor-model.test.ts'],

  // distribution shape and transforms
  skewness: ['test/distribution/moments.test.ts', 'test/properties/distribution.properties.test.ts'],
  kurtosis: ['test/distribution/moments.test.ts', 'test/properties/distribution.properties.test.ts'],
  standardErrorOfSkewness: ['test/properties/distribution.properties.test.ts'],
  standardErrorOfKurtosis: ['test/properties/distribution.properties.test.ts'],
  descriptives: ['test/properties/distribution.properties.test.ts'],
  shapiroWilk: ['test/distribution/normality.test.ts'],
  normalityTests: ['test/distribution/normality.test.ts'],
  transform: ['test/distribution/transforms.test.ts', 'test/properties/distribution.properties.test.ts'],
  inverseTransform: ['test/distribution/transforms.test.ts'],
  boxCox: ['test/distribution/transforms.test.ts', 'test/properties/distribution.properties.test.ts'],
  yeoJohnson: ['test/properties/distribution.properties.test.ts'],
  compareTransforms: ['test/properties/distribution.properties.test.ts'],

  // scales, reliability
  defineScale: ['test/properties/scales.properties.test.ts'],
  requiredAnswered: ['test/properties/scales.properties.test.ts'],
  reverseScore: ['test/scales/define.test.ts'],
  scoreScale: ['test/scales/score.test.ts', 'test/properties/scales.properties.test.ts'],
  scoreInstrument: ['test/scales/instruments-properties.test.ts'],
  scoreBand: ['test/scales/instruments-properties.test.ts'],
  spearmanBrown: ['test/reliability/spearman-brown.test.ts'],
  compareAlphas: ['test/reliability/compare-alphas.test.ts'],
  icc: ['test/reliability/icc.test.ts'],
  splitHalf: ['test/reliability/split-half.test.ts'],
  reliableChange: ['test/reliability/reliable-change.test.ts'],
  standardErrorOfMeasurement: ['test/reliability/reliable-change.test.ts'],
  cronbachAlpha: ['test/reliability/alpha.properties.test.ts', 'test/properties/consistency.test.ts', 'test/properties/report.properties.test.ts'],

  // report
  formatNumber: ['test/report/format.test.ts', 'test/properties/report.properties.test.ts'],
  formatP: ['test/report/format.test.ts'],
  formatInterval: ['test/properties/report.properties.test.ts'],
  escapeHtml: ['test/properties/report.properties.test.ts'],
  escapeMarkdownCell: ['test/report/table.test.ts', 'test/properties/report.properties.test.ts'],
  escapeMarkdownText: ['test/properties/report.properties.test.ts'],
  tableToText: ['test/properties/report.properties.test.ts'],
  tableToMarkdown: ['test/report/table.test.ts', 'test/report/apa.test.ts', 'test/properties/report.properties.test.ts'],
  tableToHtml: ['test/report/table.test.ts', 'test/report/apa.test.ts'],
  screePlotSvg: ['test/report/svg.test.ts'],
  pathDiagramSvg: ['test/report/svg.test.ts'],
  simpleSlopesSvg: ['test/report/simple-slopes.test.ts'],
  johnsonNeymanSvg: ['test/report/johnson-neyman.test.ts'],
  conceptualDiagramSvg: ['test/report/conceptual-diagram.test.ts'],
  semDiagramSvg: ['test/report/cfa-report.test.ts'],
  bootstrapHistogramSvg: ['test/report/bootstrap-histogram.test.ts'],
  loadingsHeatmapSvg: ['test/report/loadings-heatmap.test.ts'],
  formatCfa: ['test/report/cfa-report.test.ts'],
  tidy: ['test/report/tidy.test.ts'],
  glance: ['test/report/tidy.test.ts'],
  toApaTable: ['test/report/apa.test.ts', 'test/properties/report.properties.test.ts', 'test/report/cfa-report.test.ts'],
  toMarkdown: ['test/properties/report.properties.test.ts'],
  toTextReport: ['test/properties/report.properties.test.ts'],
  toMarkdownReport: ['test/properties/report.properties.test.ts'],
  toHtmlReport: ['test/report/document.test.ts'],

  // factor analysis
  correlationMatrix: ['test/factor/correlation.test.ts'],
  kmo: ['test/factor/sampling.test.ts', 'test/properties/factor.properties.test.ts'],
  samplingAdequacyLabel: ['test/properties/factor.properties.test.ts'],
  bartlettSphericity: ['test/factor/sampling.test.ts'],
  velicerMap: ['test/factor/map.test.ts'],
  efa: ['test/factor/properties.test.ts', 'test/properties/factor.properties.test.ts', 'test/properties/consistency.test.ts'],
  maxFactors: ['test/properties/factor.properties.test.ts'],
  rotate: ['test/factor/properties.test.ts'],
  parallelAnalysis: ['test/properties/factor.properties.test.ts'],
  omega: ['test/properties/factor.properties.test.ts'],

  // structural equation models
  cfa: ['test/sem/properties.test.ts'],
  sem: ['test/sem/properties.test.ts'],
  invariance: ['test/sem/invariance.test.ts'],

  // regression
  ols: ['test/regression/ols-options.test.ts', 'test/properties/regression.properties.test.ts', 'test/properties/mediation.properties.test.ts'],
  hierarchicalRegression: ['test/properties/regression.properties.test.ts'],
  correlations: ['test/regression/correlations.test.ts'],

  // mediation
  processModel: ['test/mediation/process-properties.test.ts', 'test/properties/mediation.properties.test.ts', 'test/properties/consistency.test.ts', 'test/mediation/process-reduction.properties.test.ts'],
  pathModel: ['test/properties/mediation.properties.test.ts'],
  // psychkit/worker
  runInWorker: ['test/worker/run-in-worker.test.ts'],
  bootstrap: ['test/properties/mediation.properties.test.ts'],
  formatProcess: ['test/properties/mediation.properties.test.ts'],

  // psychkit/testing
  alignFactors: ['test/testing/glue.test.ts'],
  coverageBand: ['test/testing/glue.test.ts'],
  seeds: ['test/testing/glue.test.ts'],
  'simulate.ampute': ['test/testing/ampute.test.ts'],
  'simulate.regression': ['test/testing/regression.test.ts'],
  'simulate.ratings': ['test/testing/ratings.test.ts'],
  'simulate.higherOrder': ['test/testing/higher-order.test.ts'],
  'simulate.processModel': ['test/testing/simulate-process.test.ts'],
  'simulate.carelessResponses': ['test/screening/careless.properties.test.ts'],
  'simulate.congeneric': ['test/testing/congeneric.test.ts', 'test/testing/reliability-truths.test.ts', 'test/testing/factor-model.test.ts', 'test/properties/consistency.test.ts'],
  'simulate.factorModel': ['test/testing/factor-model.test.ts', 'test/testing/nonnormal.test.ts', 'test/testing/arbitraries.test.ts', 'test/properties/consistency.test.ts', 'test/properties/factor.properties.test.ts'],
  'simulate.cfa': ['test/testing/simulate-cfa.test.ts'],
  'simulate.sem': ['test/testing/simulate-cfa.test.ts'],
  'simulate.multiGroup': ['test/testing/multi-group.test.ts'],
  'simulate.minorFactors': ['test/testing/minor-factors.test.ts'],
  'simulate.mediation': ['test/testing/mediation.test.ts', 'test/testing/arbitraries.test.ts', 'test/properties/consistency.test.ts', 'test/properties/regression.properties.test.ts', 'test/properties/mediation.properties.test.ts'],
  'arbitraries.likertResponses': ['test/testing/arbitraries.test.ts', 'test/properties/data.properties.test.ts', 'test/properties/scales.properties.test.ts', 'test/properties/report.properties.test.ts'],
  'arbitraries.correlationMatrix': ['test/testing/arbitraries.test.ts', 'test/properties/factor.properties.test.ts'],
  'arbitraries.factorModel': ['test/testing/arbitraries.test.ts', 'test/properties/consistency.test.ts', 'test/properties/factor.properties.test.ts'],
  'arbitraries.cfaModel': ['test/testing/simulate-cfa.test.ts'],
  'arbitraries.mediationModel': ['test/testing/arbitraries.test.ts', 'test/testing/mediation.test.ts', 'test/properties/consistency.test.ts', 'test/properties/regression.properties.test.ts', 'test/properties/mediation.properties.test.ts'],
  'arbitraries.messyTable': ['test/testing/arbitraries.test.ts', 'test/properties/data.properties.test.ts'],
  'arbitraries.hostileValue': ['test/properties/testing.properties.test.ts', 'test/testing/simulate-fuzz.test.ts'],
  'arbitraries.hostileTable': ['test/properties/testing.properties.test.ts'],
  'arbitraries.hostileOptions': ['test/properties/testing.properties.test.ts'],
};
