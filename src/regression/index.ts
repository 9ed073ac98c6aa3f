export { ols } from './ols.js';
export type { OlsOptions, OlsResult } from './ols.js';
export type { Coefficient, ModelSummary } from './fit.js';
export type { HcOption } from '../util/options.js';
export type { CategoricalOption, CategoricalDeclaration } from './frame.js';
export { hierarchicalRegression } from './hierarchical.js';
export type { HierarchicalOptions, HierarchicalResult, HierarchicalStep } from './hierarchical.js';
export { correlations } from './correlations.js';
export type { CorrelationsOptions, CorrelationsResult } from './correlations.js';
