// The shapes of processModel()'s options and results: one options type and one result type per
// model family, keyed on `model`, so that a model-4 user gets non-null indirect effects and a
// model-1 user non-null conditional effects without a check.
import type { ReadTableOptions } from '../data/table.js';
import type { PsychkitResult } from '../errors.js';
import type { CategoricalOption } from '../regression/frame.js';
import type { HcOption } from '../util/options.js';
import type { BootstrapEffect, FittedEquation } from './engine.js';
import type { BootstrapInfo, ResamplingOptions } from '../resampling/settings.js';
import type { ProbeOption } from './probes.js';
import type { ProbedRole } from './catalog.js';
import type { CatalogModelNumber, CatalogModerationModel } from './catalog-data.js';
import type { NetworkModelNumber } from './network.js';
import type { CatalogProcessResult, ConditionalModelNumber, ModelModerators, RelativeModelNumber } from './catalog-types.js';
import type { GroupCodingOption } from '../data/group-coding.js';

/** PROCESS model numbers psychkit implements: 1–76 and PROCESS 4's 80–92. */
export type ProcessModelNumber = CatalogModelNumber | NetworkModelNumber;

/** Models whose options type is written out (the rest use {@link CatalogProcessOptions}). */
export type OwnOptionsModelNumber = 1 | 4 | 6 | 7 | 8 | 14 | 58 | 59;

/** The models whose options are {@link CatalogProcessOptions}. */
export type CatalogOnlyModelNumber = Exclude<ProcessModelNumber, OwnOptionsModelNumber>;

/** Models with one moderator of a mediation (first stage, second stage or both, ± direct path). */
export type ConditionalProcessModelNumber = 7 | 8 | 14 | 58 | 59;

/** Options every PROCESS model takes (with the bootstrap's, {@link ResamplingOptions}). */
export interface ProcessCommonOptions extends ResamplingOptions, ReadTableOptions {
  /** Focal predictor X (numeric; a 0/1 X is used as coded). */
  readonly x: string;
  /** Outcome Y (numeric). */
  readonly y: string;
  /** Covariates (categorical ones are dummy-coded). */
  readonly covariates?: readonly string[];
  /** Declares categorical covariates and their levels / reference level. */
  readonly categorical?: CategoricalOption;
  /**
   * Bootstrap SEs and CIs for every regression coefficient too (PROCESS's `modelbt`), in
   * `coefficientBootstrap`. Default false; models 1–3 have no bootstrap.
   */
  readonly bootstrapCoefficients?: boolean;
  /**
   * Keep the resampled estimates: every bootstrapped effect of the result (indirect effects,
   * their total, contrasts, indices of moderated mediation, conditional indirect effects,
   * bootstrapped coefficients) gets `draws`, a Float64Array of its B estimates in resample order
   * (their SD, B − 1 divisor, is its `se`), e.g. for a histogram. Default false: no `draws`.
   */
  readonly keepResamples?: boolean;
  /** Coefficient standard errors of the OLS equations: `'none'` (default) or `'HC0'`…`'HC4'`. */
  readonly hc?: HcOption;
  /**
   * How Y's equation is fitted: `'auto'` (default; logistic regression when Y has exactly two
   * values, as PROCESS), `'linear'` (OLS whatever Y is) or `'logistic'` (Y must have two values;
   * the lower is coded 0).
   */
  readonly yModel?: 'auto' | 'linear' | 'logistic';
  /** Confidence level (a proportion). Default 0.95. */
  readonly confidence?: number;
  /** Set for a multicategorical X (see {@link RelativeProcessOptions}); absent for a numeric X. */
  readonly xCoding?: undefined;
}

/** Options of the models with a moderator W (1, 7, 8, 14, 58, 59). */
export interface ModeratedOptions {
  /** Moderator W. */
  readonly w: string;
  /**
   * Mean-centre the variables that form products (PROCESS `center`): `'none'` (default), `'all'`
   * (1), `'continuous'` (2: not dichotomous ones). Probe values are then on the centred scale.
   */
  readonly center?: 'none' | 'all' | 'continuous';
  /**
   * Moderator values: `'percentiles'` (16th/50th/84th, default), `'moments'` (mean ± SD) or
   * values on W's original scale; with several moderators, one such option per role
   * (`{ w: 'moments', z: [0, 1] }`, roles not named get `'percentiles'`).
   */
  readonly probes?: ProbeOption | Readonly<Partial<Record<ProbedRole, ProbeOption>>>;
  /** Percentile definition for `probes: 'percentiles'`: 6 (PROCESS, SPSS; default) or 7 (R). */
  readonly quantileType?: 6 | 7;
  /**
   * PROCESS 4's `intprobe`: probe a moderated effect only when the test of its highest-order
   * interaction has p ≤ this value. The conditional effects of X of models 1–3
   * (`conditionalEffects`, `conditionalInteractions`) and a mediated model's
   * `conditionalPathEffects` of an equation are then empty when that p is larger (for a path with
   * two additive moderators, the smaller p counts, as PROCESS); the interaction tests, the `plot`
   * tables and Johnson–Neyman are reported regardless. Default 1: always probe, as PROCESS 2 does
   * (PROCESS 4's default is .10). Only for models with a moderator, not with `xmInteraction`.
   */
  readonly probeThreshold?: number;
  /**
   * Johnson–Neyman regions of significance (PROCESS `jn`): of X's effect (model 1), of the X × W
   * interaction across Z (model 3), of every path of a mediated model moderated by one continuous
   * moderator (`johnsonNeymanPaths`). Default false; not for model 2 and the other models whose
   * effect of X has two moderators.
   */
  readonly jn?: boolean;
  /**
   * W is multicategorical (PROCESS's `mcw`), coded `'indicator'`, `'sequential'`, `'helmert'` or
   * `'effect'`: probed at each of its groups (numbered groups; `at.w` is the group), its
   * products with X (or M) tested together, and one index of moderated mediation per code. For
   * the models with W that PROCESS 4 has (with or without Z).
   */
  readonly wCoding?: GroupCodingOption;
  /**
   * Z is multicategorical (PROCESS's `mcz`), coded as `wCoding`: probed at each of its groups
   * (`at.z` is the group), its products tested together, the indices per code. For the models
   * with W and Z; one of `xCoding`, `wCoding` and `zCoding` at a time.
   */
  readonly zCoding?: GroupCodingOption;
}

/** Options of the models with mediators. */
export interface MediatedOptions {
  /** Mediator(s): parallel in models 4, 7, 8, 14, 58, 59 (1–10), serial in model 6 (2–6, in causal order). */
  readonly m: string | readonly string[];
  /** Where covariates enter (PROCESS `covmy`): `'both'` (default), `'mediators'`, `'outcome'`. */
  readonly covariatesIn?: 'both' | 'mediators' | 'outcome';
}

/** Options of PROCESS model 1 (simple moderation): nothing is bootstrapped, so no resampling options. */
export interface ModerationOptions extends Omit<ProcessCommonOptions, keyof ResamplingOptions | 'bootstrapCoefficients' | 'keepResamples'>, ModeratedOptions {
  readonly model: 1;
}

/** Options shared by models 4 and 6. */
export interface UnmoderatedMediationOptions extends ProcessCommonOptions, MediatedOptions {
  /** Partially and completely standardized indirect effects (PROCESS `effsize`). Default false. */
  readonly standardize?: boolean;
  /** Pairwise contrasts between specific indirect effects (PROCESS `contrast`). Default false. */
  readonly contrasts?: boolean;
  /** Total-effect model Y ← X + covariates. Default true. */
  readonly total?: boolean;
}

/** Options of PROCESS model 4 (parallel mediation). */
export interface ParallelMediationOptions extends UnmoderatedMediationOptions {
  readonly model: 4;
  /**
   * Normal-theory test of each indirect effect (PROCESS `normal`): `true` or `'first-order'`
   * (Sobel, 1982; as PROCESS 2), `'second-order'` (adds se_a²·se_b², as PROCESS 4). Default false.
   */
  readonly sobel?: boolean | 'first-order' | 'second-order';
  /** X × M interactions: see {@link CounterfactualMediationOptions}. */
  readonly xmInteraction?: false;
}

/**
 * Options of model 4 with X × M interactions (PROCESS's `xmint`): Y's equation gets X·Mⱼ for each
 * mediator, and the effects of X are defined counterfactually between `xReference` values.
 */
export type CounterfactualMediationOptions = Omit<ParallelMediationOptions, 'xmInteraction' | 'sobel' | 'standardize' | 'contrasts' | 'total' | 'covariatesIn'> & {
  /** Add X × Mⱼ to Y's equation (PROCESS's `xmint`). */
  readonly xmInteraction: true;
  /**
   * The reference value of X (the counterfactual is one more), or `[reference, counterfactual]`
   * (PROCESS's `xrefval`). Required for a continuous X; a dichotomous X defaults to its two values.
   */
  readonly xReference?: number | readonly [number, number];
  /** Mediator values (one per mediator) for a second controlled direct effect (PROCESS's `cdeval`); the first is at the means. */
  readonly mediatorValues?: readonly number[];
};

/** Options of PROCESS model 6 (serial mediation). */
export interface SerialMediationOptions extends UnmoderatedMediationOptions {
  readonly model: 6;
}

/** Options of the conditional process models 7, 8, 14, 58 and 59. */
export interface ConditionalProcessOptions<M extends ConditionalProcessModelNumber = ConditionalProcessModelNumber>
  extends ProcessCommonOptions,
    ModeratedOptions,
    MediatedOptions {
  readonly model: M;
}

/**
 * Options of a catalog model: each of its moderator roles (`w`, `z`, `v`, `q`: PROCESS 4's names
 * for the models PROCESS 4 has, PROCESS 2's for the others) names a column.
 */
export type CatalogProcessOptions<M extends CatalogOnlyModelNumber = CatalogOnlyModelNumber> = { readonly model: M } & {
  readonly [R in ModelModerators[M]]: string;
} & Omit<ModeratedOptions, 'w'> &
  (M extends CatalogModerationModel ? Omit<ProcessCommonOptions, keyof ResamplingOptions | 'bootstrapCoefficients' | 'keepResamples'> : ProcessCommonOptions & MediatedOptions) &
  (M extends 80 | 81 | 82
    ? {
        /** Total-effect model Y ← X + covariates (models 80–82). Default true. */
        readonly total?: boolean;
        /** Partially and completely standardized indirect effects (PROCESS `effsize`; models 80–82). Default false. */
        readonly standardize?: boolean;
        /** Pairwise contrasts between the chains' indirect effects (PROCESS `contrast`; models 80–82). Default false. */
        readonly contrasts?: boolean;
      }
    : unknown);

/** Options of {@link processModel}, by model. */
export type ProcessOptions = ModerationOptions | ParallelMediationOptions | SerialMediationOptions | ConditionalProcessOptions | CatalogProcessOptions;

/** The options type of model M (numeric X). */
export type ProcessOptionsOf<M extends ProcessModelNumber> = M extends 1
  ? ModerationOptions
  : M extends 4
    ? ParallelMediationOptions
    : M extends 6
      ? SerialMediationOptions
      : M extends ConditionalProcessModelNumber
        ? ConditionalProcessOptions<M>
        : M extends CatalogOnlyModelNumber
          ? CatalogProcessOptions<M>
          : never;

/**
 * Options of model M with a multicategorical X (PROCESS's `mcx`): X's groups are its distinct
 * values (sorted: numbers ascending, labels by code point; or as declared in `categorical`), the
 * first is group 1, and `xCoding` says how the k − 1 code columns are formed. Not for the
 * options that need a numeric X (`sobel`, `contrasts`, `jn`).
 */
export type RelativeProcessOptions<M extends RelativeModelNumber = RelativeModelNumber> = M extends unknown
  ? Omit<ProcessOptionsOf<M>, 'xCoding' | 'sobel' | 'contrasts' | 'jn'> & {
      /** Models 4, 6 and 80–82: partially standardized relative indirect effects (`standardizedIndirectEffects`). Default false. */
      readonly standardize?: boolean;
      /** PROCESS's `mcx`: `'indicator'` (1), `'sequential'` (2), `'helmert'` (3), `'effect'` (4), or `{ codes }` (5: one row of k − 1 values per group). */
      readonly xCoding: GroupCodingOption;
    }
  : never;

/** An effect with a t test (direct, total and conditional direct effects). */
export interface TestedEffect {
  readonly estimate: number;
  readonly se: number;
  /** t on the equation's residual degrees of freedom. */
  readonly statistic: number;
  readonly p: number;
  readonly lower: number;
  readonly upper: number;
}

/** A specific indirect effect (or a derived one) with bootstrap inference. */
export interface IndirectEffect extends BootstrapEffect {
  /** `'ss'` for a mediator, `'esse -> ss -> si -> pwb'` for a serial path, `'TOTAL'` for the total. */
  readonly label: string;
  /** Variables along the path (X, mediators…, Y); empty for the total. */
  readonly path: readonly string[];
}

/** A difference of two specific indirect effects. */
export interface IndirectContrast extends BootstrapEffect {
  readonly label: string;
  /** Labels of the first and second effect (contrast = first − second). */
  readonly first: string;
  readonly second: string;
}

/** Sobel test of one indirect effect: se = √(a²·se_b² + b²·se_a²), z = ab/se. */
export interface SobelTest {
  readonly mediator: string;
  /** `'first-order'` (Sobel, 1982; PROCESS 2) or `'second-order'` (adds se_a²·se_b²: Aroian, 1947; PROCESS 4). */
  readonly order: 'first-order' | 'second-order';
  readonly estimate: number;
  readonly se: number;
  /** z = estimate / se. */
  readonly statistic: number;
  readonly p: number;
}

/** R² change and F test for the product term(s) of an OLS equation (PROCESS's "test of highest order unconditional interaction"). */
export interface InteractionFTest {
  readonly test: 'F';
  readonly equation: string;
  /** The product term, or `'all'` for the joint test of an equation's highest-order products (models 2 and 3). */
  readonly term: string;
  /** R² with the product(s) minus R² without (same sample). */
  readonly rSquaredChange: number;
  /** Classical F, or under HC errors the Wald F = b′V⁻¹b/q (PROCESS does the same). */
  readonly statistic: number;
  readonly df1: number;
  readonly df2: number;
  readonly p: number;
}

/** Likelihood-ratio test of product term(s) in a logistic equation (PROCESS's test for a dichotomous Y). */
export interface InteractionLikelihoodRatioTest {
  readonly test: 'likelihood ratio';
  readonly equation: string;
  readonly term: string;
  /** χ² = −2LL without the product(s) minus −2LL with them. */
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
}

/** A test of product terms: F for an OLS equation, likelihood ratio for a logistic one (narrow on `test`). */
export type InteractionTest = InteractionFTest | InteractionLikelihoodRatioTest;

/** Standardized versions of the indirect effects (ab/SD_Y and ab·SD_X/SD_Y, SDs recomputed per resample). */
export interface StandardizedIndirectEffects {
  readonly partially: readonly IndirectEffect[];
  readonly completely: readonly IndirectEffect[];
}

/** An effect over SD(Y) (partially standardized) and times SD(X)/SD(Y) (completely standardized). */
export interface StandardizedValues {
  readonly partially: number;
  readonly completely: number;
}

/**
 * Models 4 and 6 with `standardize: true`: the standardized indirect effects, and the direct and
 * total effects standardized the same way (PROCESS 4's c′_ps, c′_cs, c_ps and c_cs columns).
 */
export interface StandardizedMediationEffects extends StandardizedIndirectEffects {
  readonly directEffect: StandardizedValues;
  readonly totalEffect: StandardizedValues;
}

/** The roles of the model's variables. */
export interface ProcessVariables {
  readonly x: string;
  readonly y: string;
  /** Mediators, in order (empty for model 1). */
  readonly m: readonly string[];
  /** The moderator W (null without one). */
  readonly w: string | null;
  /** The moderator Z (null without one). */
  readonly z: string | null;
  /** PROCESS 2's moderator V of the models PROCESS 3/4 dropped (null without one). */
  readonly v: string | null;
  /** PROCESS 2's moderator Q (null without one). */
  readonly q: string | null;
  readonly covariates: readonly string[];
}

/** How the model was fitted. */
export interface ProcessSettingsEcho {
  readonly hc: HcOption;
  readonly confidence: number;
  readonly center: 'none' | 'all' | 'continuous';
  /** Variables mean-centred. */
  readonly centered: readonly string[];
  readonly covariatesIn: 'both' | 'mediators' | 'outcome';
  /** How Y's equation was fitted: OLS, or logistic regression for a dichotomous Y. */
  readonly yModel: 'linear' | 'logistic';
  /** For a logistic Y: its value coded 0 and its value coded 1 (PROCESS's "Coding of binary DV"); else null. */
  readonly yCoding: readonly [number, number] | null;
  /** `probeThreshold`: moderated effects were probed when their interaction's p was at most this (1: always). */
  readonly probeThreshold: number;
}

/** A regression coefficient with bootstrap inference (PROCESS's `modelbt`). */
export interface CoefficientBootstrap extends BootstrapEffect {
  readonly equation: string;
  readonly term: string;
}

/** What every `processModel` result has. */
export interface ProcessResultCommon<M extends ProcessModelNumber> extends PsychkitResult<'processModel'> {
  readonly model: M;
  readonly variables: ProcessVariables;
  /** Complete cases on every model variable (one listwise sample for all equations). */
  readonly n: number;
  /** Rows dropped for a missing value. */
  readonly nDropped: number;
  readonly settings: ProcessSettingsEcho;
  /** Every equation: mediators first (in order), then Y (logistic for a dichotomous Y). */
  readonly equations: readonly FittedEquation[];
  /** With `bootstrapCoefficients: true`: every coefficient's bootstrap SE and CI (PROCESS's `modelbt`), else null. */
  readonly coefficientBootstrap: readonly CoefficientBootstrap[] | null;
}

/** What models 4 and 6 have. */
export interface MediationResultCommon<M extends 4 | 6> extends ProcessResultCommon<M> {
  /** The total-effect model Y ← X + covariates (null with `total: false` or a dichotomous Y). */
  readonly totalEffectModel: FittedEquation | null;
  /** c (null with `total: false`). */
  readonly totalEffect: TestedEffect | null;
  /** c′. */
  readonly directEffect: TestedEffect;
  /** Specific indirect effects: one per mediator (model 4) or per chain of mediators (model 6). */
  readonly indirectEffects: readonly IndirectEffect[];
  /** Sum of the specific indirect effects (null with one indirect effect). */
  readonly totalIndirectEffect: IndirectEffect | null;
  /** Pairwise contrasts (with `contrasts: true`), else null. */
  readonly contrasts: readonly IndirectContrast[] | null;
  /** Standardized indirect, direct and total effects (with `standardize: true`), else null. */
  readonly standardized: StandardizedMediationEffects | null;
  /** How the bootstrap ran (null with `resamples: 0`, when SEs and CIs are null). */
  readonly bootstrap: BootstrapInfo | null;
}

/** Result of PROCESS model 4: parallel mediation. */
export interface ParallelMediationResult extends MediationResultCommon<4> {
  /** Sobel tests (with `sobel: true`), else null. */
  readonly sobel: readonly SobelTest[] | null;
}

/** A controlled direct effect: X's direct effect with the mediators held at `mediatorValues`. */
export interface ControlledDirectEffect extends TestedEffect {
  readonly mediatorValues: readonly number[];
}

/**
 * Result of model 4 with `xmInteraction` (PROCESS's `xmint`): the effects of changing X from
 * `xValues.reference` to `xValues.counterfactual`, defined counterfactually.
 */
export interface CounterfactualMediationResult extends ProcessResultCommon<4> {
  readonly xValues: { readonly reference: number; readonly counterfactual: number };
  /** M̂ⱼ(x_ref): each mediator predicted at the reference X, covariates at their means. */
  readonly mediatorPredictions: readonly number[];
  /** (Pure) natural direct effect (c′ + Σ dⱼ·M̂ⱼ(x_ref))·s, its t test from Y's covariance with M̂ held fixed (as PROCESS). */
  readonly naturalDirectEffect: TestedEffect;
  /** Controlled direct effects (c′ + Σ dⱼ·m*ⱼ)·s: at the mediators' means, then at `mediatorValues` if given. */
  readonly controlledDirectEffects: readonly ControlledDirectEffect[];
  /** (Total) natural indirect effects aⱼ·(bⱼ + dⱼ·x_cf)·s, one per mediator, with bootstrap CIs. */
  readonly naturalIndirectEffects: readonly IndirectEffect[];
  /** Their sum (with more than one mediator), else null. */
  readonly totalNaturalIndirectEffect: IndirectEffect | null;
  /** The total effect: natural direct plus natural indirect effects, with a bootstrap CI. */
  readonly totalEffect: BootstrapEffect;
  /** Tests of the X × M products in Y's equation. */
  readonly interactionTests: readonly InteractionTest[];
  readonly bootstrap: BootstrapInfo | null;
}

/** Result of PROCESS model 6: serial mediation. */
export type SerialMediationResult = MediationResultCommon<6>;

/** Result of PROCESS model 1: the effect of X on Y moderated by W. */
export type ModerationResult = CatalogProcessResult<1>;
/** Model 7: W moderates X → M. */
export type FirstStageModerationResult = CatalogProcessResult<7>;
/** Model 8: W moderates X → M and X → Y. */
export type FirstStageAndDirectModerationResult = CatalogProcessResult<8>;
/** Model 14: W moderates M → Y. */
export type SecondStageModerationResult = CatalogProcessResult<14>;
/** Model 58: W moderates X → M and M → Y (the indirect effect is quadratic in W: no index). */
export type BothStagesModerationResult = CatalogProcessResult<58>;
/** Model 59: W moderates X → M, M → Y and X → Y. */
export type BothStagesAndDirectModerationResult = CatalogProcessResult<59>;

/** The result type of each model: models 4 and 6 have their own; every other model's is {@link CatalogProcessResult}. */
export type ProcessResultMap = { readonly 4: ParallelMediationResult; readonly 6: SerialMediationResult } & { readonly [M in ConditionalModelNumber]: CatalogProcessResult<M> };

/** Result of {@link processModel}: `ProcessResult<4>` for model 4, or the union of all models. */
export type ProcessResult<M extends ProcessModelNumber = ProcessModelNumber> = ProcessResultMap[M];
