// psychkit/testing: simulators with known population truth and fast-check arbitraries.
// fast-check is an optional peer dependency: it is only ever imported as a type here, and every
// arbitrary takes the caller's `fc` as its first argument. `simulate` needs nothing beyond psychkit.
export * as simulate from './simulate/index.js';
export * as arbitraries from './arbitraries/index.js';
export type {
  CongenericOptions,
  CongenericPopulation,
  CongenericSample,
  DataShape,
  FactorModelOptions,
  FactorModelPopulation,
  FactorModelSample,
  LatentPopulation,
  MediationOptions,
  MediationPaths,
  MediationPopulation,
  MediationSample,
  ObservedPopulation,
  SimulatedCovariate,
  SimulatedData,
  SimulatedIndirectEffect,
  SimulatedMediationModel,
} from './simulate/index.js';
export type {
  Arbitrary,
  CorrelationMatrixOptions,
  FactorModelArbitraryOptions,
  FastCheck,
  GeneratedFactorModel,
  HostileTable,
  HostileTableKind,
  HostileTableOptions,
  HostileValueOptions,
  LikertResponses,
  LikertResponsesOptions,
  MediationModelArbitraryOptions,
  MessyTable,
  MessyTableOptions,
  Range,
  TableShape,
} from './arbitraries/index.js';
