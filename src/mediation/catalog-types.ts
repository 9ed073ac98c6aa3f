// The result of a PROCESS catalog model: PROCESS's sections, each present (non-null) exactly when
// the model's equations define it.
import type { BootstrapInfo } from '../resampling/settings.js';
import type { BootstrapEffect, FittedEquation } from './engine.js';
import type { ModeratorRole, ProbedRole } from './catalog.js';
import type { CatalogSections } from './catalog-data.js';
import type { JohnsonNeyman, Probes } from './probes.js';
import type { GroupCoding } from '../data/group-coding.js';
import type { IndirectContrast, IndirectEffect, InteractionTest, ProcessResultCommon, StandardizedIndirectEffects, TestedEffect } from './process-types.js';
import type { CatalogModelNumber, CatalogModerationModel, CatalogModerators } from './catalog-data.js';
import type { NetworkModelNumber, NetworkModerators, NetworkSections } from './network.js';

/** Each model's moderator roles: the catalog's (1–76) and the network models' (80–92). */
export type ModelModerators = CatalogModerators & NetworkModerators;

/** The result sections each model has: the catalog's and the network models'. */
export type ModelSections = CatalogSections & NetworkSections;

/** Values of the moderators at which a conditional row is evaluated, by role (`{ w: 1.2, z: 0 }`; model 74: `{ x }`). */
export type ModeratorValues = Readonly<Partial<Record<ProbedRole, number>>>;

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

/**
 * The moderator values of model M's conditional rows: `{ w: number }` exactly for a model with one
 * moderator, {@link ModeratorValues} (each role optional) for the others, whose sections are
 * conditional on some of their moderators.
 */
export type ModeratorValuesOf<M extends ConditionalModelNumber> = M extends unknown
  ? [ModelModerators[M]] extends [never]
    ? ModeratorValues
    : true extends IsUnion<ModelModerators[M]>
      ? ModeratorValues
      : Readonly<Record<ModelModerators[M], number>>
  : never;

/** A moderator with the values it was probed at. */
export interface ProbedModerator {
  readonly role: ProbedRole;
  readonly column: string;
  readonly probes: Probes;
  /** The moderator takes two values (probed at both). */
  readonly dichotomous: boolean;
  /** A multicategorical moderator's coding (`wCoding`; it is probed at each group), else null. */
  readonly coding: GroupCoding | null;
}

/** A linear combination of one equation's coefficients at moderator values, with its t (or, for a logistic Y, z) test. */
export interface ConditionalTestedEffect<A extends ModeratorValues = ModeratorValues> extends TestedEffect {
  readonly at: A;
}

/**
 * The effect of a focal predictor (X, one of a multicategorical X's codes, or a mediator) on one
 * equation's outcome at moderator values: PROCESS 4's "conditional effects of the focal predictor
 * at values of the moderator(s)" under each equation with a product term.
 */
export interface ConditionalPathEffect<A extends ModeratorValues = ModeratorValues> extends ConditionalTestedEffect<A> {
  /** The equation (its outcome's column). */
  readonly equation: string;
  /** The focal predictor's column (a code column, `group[2]`, for a multicategorical X). */
  readonly focal: string;
}

/**
 * One row of PROCESS's `plot` table for a moderated path of a mediated model: the equation's
 * outcome predicted at a value of the focal predictor and of the moderators, every other
 * regressor at its sample mean.
 */
export interface PathPrediction<A extends ModeratorValues = ModeratorValues> {
  readonly equation: string;
  readonly focal: string;
  /** The focal predictor's value (its 16th/50th/84th percentile, mean ± SD, or one of its two values). */
  readonly value: number;
  readonly at: A;
  readonly predicted: number;
}

/** The Johnson–Neyman region of one path moderated by one continuous moderator (with `jn: true`). */
export interface PathJohnsonNeyman {
  readonly equation: string;
  readonly focal: string;
  /** The moderator's role; the region is over its values. */
  readonly moderator: ProbedRole;
  readonly region: JohnsonNeyman;
}

/** One row of PROCESS's `plot` table: Y predicted at a value of X and of the moderators. */
export interface PredictedValue<A extends ModeratorValues = ModeratorValues> {
  /** X's value (a probe value of X: 16th/50th/84th percentile, mean ± SD, or its two values). */
  readonly x: number;
  /** The moderators' values. */
  readonly at: A;
  /** Ŷ with every other regressor at its sample mean (the log-odds for a dichotomous Y). */
  readonly predicted: number;
}

/** An indirect effect through one mediator at moderator values, with bootstrap inference. */
export interface ConditionalIndirectEffect<A extends ModeratorValues = ModeratorValues> extends BootstrapEffect {
  readonly mediator: string;
  readonly at: A;
}

/** An index of (partial) moderated mediation: the indirect effect's change per unit of one moderator. */
export interface MediationIndex extends BootstrapEffect {
  readonly mediator: string;
  readonly moderator: ProbedRole;
  /**
   * A multicategorical moderator (`wCoding`): the code column whose coefficient this index is — the
   * difference between the conditional indirect effects the code compares (`moderators[i].coding.compares`).
   * Absent for a numeric moderator.
   */
  readonly code?: string;
}

/** The index of moderated moderated mediation: the coefficient of the product of two moderators in the indirect effect. */
export interface ModeratedModeratedMediationIndex extends BootstrapEffect {
  readonly mediator: string;
  readonly moderators: readonly [ModeratorRole, ModeratorRole];
  /** A multicategorical moderator (`wCoding`, `zCoding`): the code column whose product with the other moderator this index is; absent otherwise. */
  readonly code?: string;
}

/** The index of conditional moderated mediation: one moderator's index at a value of the other. */
export interface ConditionalMediationIndex extends BootstrapEffect {
  readonly mediator: string;
  readonly moderator: ModeratorRole;
  readonly at: ModeratorValues;
  /** When `moderator` is multicategorical: the code column this index is about; absent otherwise. */
  readonly code?: string;
}

/** For a dichotomous moderator: the conditional indirect effect at its second value minus that at its first. */
export interface ConditionalIndirectDifference extends BootstrapEffect {
  readonly mediator: string;
  readonly moderator: ProbedRole;
  /** The moderator's two values (first, second). */
  readonly values: readonly [number, number];
}

/**
 * With a multicategorical W on both paths (models 58, 59): a contrast of the groups' conditional
 * indirect effects per code of W — the difference the code compares (`compares`: `'2 − 1'` for
 * indicator coding) — as PROCESS reports for a multicategorical moderator without an index.
 */
export interface GroupContrast extends BootstrapEffect {
  readonly mediator: string;
  /** W's code column. */
  readonly code: string;
  /** The groups' contrast, as the coding defines it. */
  readonly compares: string;
  /** With another moderator of the indirect effect: its value the contrast is at (absent otherwise). */
  readonly at?: ModeratorValues;
}

/** Models run by the catalog engine: all but 4 and 6. */
export type ConditionalModelNumber = Exclude<CatalogModelNumber, 4 | 6> | NetworkModelNumber;

/** `T` for the models whose mediator or outcome equations have a moderated path (all with mediators and a moderator, and model 74), else `null`. */
export type PathSection<M extends ConditionalModelNumber, T> = M extends unknown ? (M extends CatalogModerationModel ? null : M extends 74 ? T : [ModelModerators[M]] extends [never] ? null : T) : never;

/** `T` when model M has the section, else `null` (both for a union of models). */
export type Section<M extends ConditionalModelNumber, K extends string, T> = M extends unknown ? (K extends ModelSections[M] ? T : null) : never;

/**
 * Result of a PROCESS model with moderators (every model 1–76 but 4 and 6, and 80–92). A section is typed
 * non-null exactly for the models that have it: `processModel(rows, { model: 7, … })` has
 * `indexOfModeratedMediation` without a null check, model 58 has it as `null`.
 */
export interface CatalogProcessResult<M extends ConditionalModelNumber = ConditionalModelNumber> extends ProcessResultCommon<M> {
  /** The moderators, each with its probe values. */
  readonly moderators: readonly ProbedModerator[];
  /** c′ when no moderator acts on X → Y. */
  readonly directEffect: Section<M, 'directEffect', TestedEffect>;
  /** c′ at the probe values when moderators act on X → Y. */
  readonly conditionalDirectEffects: Section<M, 'conditionalDirectEffects', readonly ConditionalTestedEffect<ModeratorValuesOf<M>>[]>;
  /** Models without mediators: the effect of X on Y at the probe values. */
  readonly conditionalEffects: Section<M, 'conditionalEffects', readonly ConditionalTestedEffect<ModeratorValuesOf<M>>[]>;
  /**
   * Model 3: the X × W interaction at the probe values of Z (or at each group of a multicategorical
   * Z); with a multicategorical W, one row per code of W (`code`).
   */
  readonly conditionalInteractions: Section<M, 'conditionalInteractions', readonly (ConditionalTestedEffect<ModeratorValuesOf<M>> & { readonly code?: string })[]>;
  /**
   * Model 3 with a multicategorical W (`wCoding`): PROCESS's "test of conditional X*W interaction"
   * at each probe value of Z — the k − 1 products of X with W's codes tested together (Wald F with
   * the equation's covariance; Wald χ² for a logistic Y); null otherwise.
   */
  readonly conditionalInteractionTests: readonly OmnibusTest[] | null;
  /**
   * Models without mediators: the data for plotting the interaction (PROCESS's `plot` table), Ŷ at
   * X's probe values × the moderators' probe values; {@link simpleSlopesSvg} draws it.
   */
  readonly predictedValues: Section<M, 'conditionalEffects', readonly PredictedValue<ModeratorValuesOf<M>>[]>;
  /**
   * With `jn: true` and a continuous moderator: the Johnson–Neyman region of X's effect (model 1)
   * or of the X × W interaction across Z (model 3), else null.
   */
  readonly johnsonNeyman: JohnsonNeyman | null;
  /**
   * Models with mediators: every moderated path of every equation (X → M, M → Y, X → Y), probed
   * at its moderators' values (PROCESS 4 prints these under each equation).
   */
  readonly conditionalPathEffects: PathSection<M, readonly ConditionalPathEffect<ModeratorValuesOf<M>>[]>;
  /** Models with mediators and `jn: true`: the Johnson–Neyman region of each path moderated by one continuous moderator, else null. */
  readonly johnsonNeymanPaths: readonly PathJohnsonNeyman[] | null;
  /** Models with mediators: PROCESS's `plot` table for every moderated path (the data for drawing it). */
  readonly pathPredictions: PathSection<M, readonly PathPrediction<ModeratorValuesOf<M>>[]>;
  /** Models 80–82 (no moderator): the total-effect model Y ← X + covariates (null with `total: false` or a dichotomous Y); null for the others. */
  readonly totalEffectModel: FittedEquation | null;
  /** Models 80–82: the total effect c; null for the others. */
  readonly totalEffect: TestedEffect | null;
  /** Models 80–82 with `contrasts: true`: pairwise differences between the chains' indirect effects, else null. */
  readonly contrasts: readonly IndirectContrast[] | null;
  /** Models 80–82 with `standardize: true`: partially and completely standardized indirect effects (PROCESS's effsize), else null. */
  readonly standardized: StandardizedIndirectEffects | null;
  /** Indirect effects no moderator acts on (model 5), one per mediator. */
  readonly indirectEffects: Section<M, 'indirectEffects', readonly IndirectEffect[]>;
  /** Their sum, with more than one mediator. */
  readonly totalIndirectEffect: IndirectEffect | null;
  /** Indirect effects through each mediator at the probe values. */
  readonly conditionalIndirectEffects: Section<M, 'conditionalIndirectEffects', readonly ConditionalIndirectEffect<ModeratorValuesOf<M>>[]>;
  /** With one dichotomous moderator of the indirect effect: the difference between its two conditional indirect effects, else null. */
  readonly conditionalIndirectDifferences: readonly ConditionalIndirectDifference[] | null;
  /** With a multicategorical moderator on both paths (`wCoding`: models 58–63, 68, 69, …; `zCoding`: 64–67, …): contrasts of the groups' conditional indirect effects (at each value of the other moderator), else null. */
  readonly groupContrasts: readonly GroupContrast[] | null;
  /** Where the indirect effect is linear in one moderator. */
  readonly indexOfModeratedMediation: Section<M, 'indexOfModeratedMediation', readonly MediationIndex[]>;
  /** Where it is linear and additive in two moderators: one index per moderator. */
  readonly indexOfPartialModeratedMediation: Section<M, 'indexOfPartialModeratedMediation', readonly MediationIndex[]>;
  /** Where it is bilinear in two moderators. */
  readonly indexOfModeratedModeratedMediation: Section<M, 'indexOfModeratedModeratedMediation', readonly ModeratedModeratedMediationIndex[]>;
  /** With the index of moderated moderated mediation: each moderator's index at the other's probe values. */
  readonly indexOfConditionalModeratedMediation: Section<M, 'indexOfConditionalModeratedMediation', readonly ConditionalMediationIndex[]>;
  /** Tests of each equation's highest-order product terms (models without mediators add a joint test). */
  readonly interactionTests: readonly InteractionTest[];
  /** How the bootstrap ran (null without mediators or with `resamples: 0`). */
  readonly bootstrap: BootstrapInfo | null;
}

/** A relative effect of a multicategorical X: the row of `code`, one of X's code columns (`'group[B]'`). */
export type Relative<T> = T & {
  /** The code column of X this row is the effect of (what it compares: `xCoding.compares`). */
  readonly code: string;
};

/** Models that take a multicategorical X (`xCoding`): 1–76 but model 74 (where X moderates M → Y), and 80–92. */
export type RelativeModelNumber = Exclude<CatalogModelNumber, 74> | NetworkModelNumber;

/** The omnibus F test that X's k − 1 relative effects in an OLS equation are all zero (at moderator values). */
export interface OmnibusFTest {
  readonly test: 'F';
  readonly equation: string;
  /** The moderator values the relative effects are conditional on (`{}` when no moderator acts on the path). */
  readonly at: ModeratorValues;
  /** Unconditional tests: R² minus R² without X's codes (as PROCESS's R2-chng); null for conditional ones. */
  readonly rSquaredChange: number | null;
  /** Wald F = (Lb)′(LVL′)⁻¹(Lb)/q with the equation's covariance (the classical R²-change F without `hc`). */
  readonly statistic: number;
  readonly df1: number;
  readonly df2: number;
  readonly p: number;
}

/** The omnibus χ² test in a logistic equation: likelihood ratio (unconditional) or Wald (conditional), as PROCESS. */
export interface OmnibusChiSquareTest {
  readonly test: 'likelihood ratio' | 'Wald';
  readonly equation: string;
  readonly at: ModeratorValues;
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
}

/** An omnibus test of a multicategorical X (narrow on `test`). */
export type OmnibusTest = OmnibusFTest | OmnibusChiSquareTest;

/** `T` when model M (with a multicategorical X) has the section, else `null`. */
export type RelativeSection<M extends RelativeModelNumber, K extends string, T> = M extends unknown ? (K extends ModelSections[M] ? T : null) : never;

/**
 * Result of a PROCESS model with a multicategorical X (`xCoding`): PROCESS's relative effects, one
 * row per code of X (`code`) in every section, and omnibus tests of X. As for a numeric X, a
 * section is typed non-null exactly for the models that have it.
 */
export interface RelativeProcessResult<M extends RelativeModelNumber = RelativeModelNumber> extends ProcessResultCommon<M> {
  /** How X was coded: its groups (the first is PROCESS's group 1), code columns, code matrix and what each code compares. */
  readonly xCoding: GroupCoding;
  readonly moderators: readonly ProbedModerator[];
  /** Relative direct effects, when no moderator acts on X → Y. */
  readonly directEffects: RelativeSection<M, 'directEffect', readonly Relative<TestedEffect>[]>;
  /** Relative conditional direct effects at the probe values. */
  readonly conditionalDirectEffects: RelativeSection<M, 'conditionalDirectEffects', readonly Relative<ConditionalTestedEffect>[]>;
  /** Models without mediators: the relative conditional effects of X on Y. */
  readonly conditionalEffects: RelativeSection<M, 'conditionalEffects', readonly Relative<ConditionalTestedEffect>[]>;
  /** Model 3: each code's X × W interaction at the probe values of Z. */
  readonly conditionalInteractions: RelativeSection<M, 'conditionalInteractions', readonly Relative<ConditionalTestedEffect>[]>;
  /** Models with mediators: every moderated path of every equation at its moderators' values (each of X's codes as its own focal predictor). */
  readonly conditionalPathEffects: readonly ConditionalPathEffect[] | null;
  /** PROCESS's `plot` table for each moderated path whose focal predictor is a mediator (not one of X's codes). */
  readonly pathPredictions: readonly PathPrediction[] | null;
  /** Model 4 (no moderator): the total-effect model Y ← X's codes + covariates (null with `total: false` or a dichotomous Y). */
  readonly totalEffectModel: FittedEquation | null;
  /** The relative total effects, one per code (PROCESS's "relative total effects"), with the total model. */
  readonly totalEffects: readonly Relative<TestedEffect>[] | null;
  /** Relative indirect effects no moderator acts on, per mediator (per chain of mediators in models 6 and 80–92) and code. */
  readonly indirectEffects: RelativeSection<M, 'indirectEffects', readonly Relative<IndirectEffect>[]>;
  /** With `standardize: true` (models 4, 6, 80–82): the relative indirect effects over SD_Y, partially standardized (PROCESS's effsize for a multicategorical X), else null. */
  readonly standardizedIndirectEffects: readonly Relative<IndirectEffect>[] | null;
  /** Their sum over the mediators, per code (with more than one mediator), else null. */
  readonly totalIndirectEffects: readonly Relative<IndirectEffect>[] | null;
  /** Relative conditional indirect effects, per mediator, code and probe values. */
  readonly conditionalIndirectEffects: RelativeSection<M, 'conditionalIndirectEffects', readonly Relative<ConditionalIndirectEffect>[]>;
  /** With one dichotomous moderator of the indirect effect: per mediator and code, the difference between its two conditional indirect effects, else null. */
  readonly conditionalIndirectDifferences: readonly Relative<ConditionalIndirectDifference>[] | null;
  readonly indexOfModeratedMediation: RelativeSection<M, 'indexOfModeratedMediation', readonly Relative<MediationIndex>[]>;
  readonly indexOfPartialModeratedMediation: RelativeSection<M, 'indexOfPartialModeratedMediation', readonly Relative<MediationIndex>[]>;
  readonly indexOfModeratedModeratedMediation: RelativeSection<M, 'indexOfModeratedModeratedMediation', readonly Relative<ModeratedModeratedMediationIndex>[]>;
  readonly indexOfConditionalModeratedMediation: RelativeSection<M, 'indexOfConditionalModeratedMediation', readonly Relative<ConditionalMediationIndex>[]>;
  /**
   * Omnibus tests of X: in Y's equation, of the direct effect (PROCESS's "omnibus test of direct
   * effect of X on Y") or, where moderators act on X → Y, of the relative effects at each
   * combination of their probe values ("test of equality of conditional means"); the same
   * conditional test in each mediator's equation whose X → M path is moderated; in model 6 the
   * test of X in every mediator's equation; and, with the total-effect model, of the total effect
   * (`equation` says which).
   */
  readonly omnibusTests: readonly OmnibusTest[];
  /** Tests of each equation's highest-order products; all codes' products with one moderator are tested together. */
  readonly interactionTests: readonly InteractionTest[];
  readonly bootstrap: BootstrapInfo | null;
}

/** Any model's result with a multicategorical X: the union of {@link RelativeProcessResult} over the models (what printers take). */
export type AnyRelativeProcessResult = { [M in RelativeModelNumber]: RelativeProcessResult<M> }[RelativeModelNumber];
