export { ampute } from './ampute.js';
export type { AmputeOptions, AmputedColumn, AmputedData, MissingMechanism } from './ampute.js';
export { carelessResponses } from './careless.js';
export type { CarelessResponsesOptions, CarelessResponsesSample, CarelessType } from './careless.js';
export { cfa } from './cfa.js';
export type { CfaPopulation, CfaSample, CfaSimulationOptions } from './cfa.js';
export { congeneric } from './congeneric.js';
export type { CongenericOptions, CongenericPopulation, CongenericSample } from './congeneric.js';
export { factorModel } from './factor-model.js';
export type { FactorModelOptions, FactorModelPopulation, FactorModelSample, LatentPopulation, ObservedPopulation } from './factor-model.js';
export type { FleishmanCoefficients, FleishmanMarginals, NonNormalPopulation } from './nonnormal.js';
export { mediation } from './mediation.js';
export type {
  MediationOptions,
  MediationPaths,
  MediationPopulation,
  MediationSample,
  SimulatedCovariate,
  SimulatedIndirectEffect,
  SimulatedMediationModel,
} from './mediation.js';
export type { PopulationParameters, SimulatedParameter, SimulatedTable } from './latent.js';
export { sem } from './sem.js';
export type { SemPopulation, SemSample, SemSimulationOptions, SimulatedLatentEffect, SimulatedPath, SimulatedRegression } from './sem.js';
export type { DataShape } from './options.js';
export type { SimulatedData } from './output.js';
export { regression } from './regression.js';
export type { RegressionPopulation, RegressionSample, RegressionSimulationOptions, SimulatedCoefficient } from './regression.js';
export { ratings } from './ratings.js';
export type { RatingsPopulation, RatingsSample, RatingsSimulationOptions, SimulatedIcc } from './ratings.js';
export { higherOrder } from './higher-order.js';
export type { HigherOrderOptions, HigherOrderPopulation, HigherOrderSample } from './higher-order.js';
export { processModel } from './process-model.js';
export type { ExogenousDistribution, ProcessModelPopulation, ProcessModelSample, ProcessSimulationNames, ProcessSimulationOptions, ProcessSimulationVariables, SimulatedExogenous, SimulatedProcessCoefficient, SimulatedProcessEffect, SimulatedProcessEquation } from './process-model.js';
export { multiGroup } from './multi-group.js';
export type { GroupDifference, GroupedShape, GroupedTable, GroupParameterSet, InvarianceLevel, InvarianceTruth, MultiGroupGroup, MultiGroupOptions, MultiGroupPopulation, MultiGroupSample } from './multi-group.js';
export { minorFactors } from './minor-factors.js';
export type { MinorFactorsMisfit, MinorFactorsOptions, MinorFactorsPopulation, MinorFactorsSample } from './minor-factors.js';
