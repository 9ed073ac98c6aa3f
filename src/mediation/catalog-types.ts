// The result of a PROCESS catalog model: PROCESS's sections, each present (non-null) exactly when
// the model's equations define it.
import type { BootstrapInfo } from '../resampling/settings.js';
import type { BootstrapEffect } from './engine.js';
import type { ModeratorRole, ProbedRole } from './catalog.js';
import type { Probes } from './probes.js';
import type { IndirectEffect, InteractionTest, ProcessModelNumber, ProcessResultCommon, TestedEffect } from './process-types.js';

/** Values of the moderators at which a conditional row is evaluated, by role (`{ w: 1.2, z: 0 }`; model 74: `{ x }`). */
export type ModeratorValues = Readonly<Partial<Record<ProbedRole, number>>>;

/** A moderator with the values it was probed at. */
export interface ProbedModerator {
  readonly role: ProbedRole;
  readonly column: string;
  readonly probes: Probes;
  /** The moderator takes two values (probed at both). */
  readonly dichotomous: boolean;
}

/** A linear combination of one equation's coefficients at moderator values, with its t (or, for a logistic Y, z) test. */
export interface ConditionalTestedEffect extends TestedEffect {
  readonly at: ModeratorValues;
}

/** An indirect effect through one mediator at moderator values, with bootstrap inference. */
export interface CatalogConditionalIndirectEffect extends BootstrapEffect {
  readonly mediator: string;
  readonly at: ModeratorValues;
}

/** An index of (partial) moderated mediation: the indirect effect's change per unit of one moderator. */
export interface MediationIndex extends BootstrapEffect {
  readonly mediator: string;
  readonly moderator: ProbedRole;
}

/** The index of moderated moderated mediation: the coefficient of the product of two moderators in the indirect effect. */
export interface ModeratedModeratedMediationIndex extends BootstrapEffect {
  readonly mediator: string;
  readonly moderators: readonly [ModeratorRole, ModeratorRole];
}

/** The index of conditional moderated mediation: one moderator's index at a value of the other. */
export interface ConditionalMediationIndex extends BootstrapEffect {
  readonly mediator: string;
  readonly moderator: ModeratorRole;
  readonly at: ModeratorValues;
}

/** Result of a PROCESS catalog model (every model 1–76 but 1, 4, 6, 7, 8, 14, 58 and 59, which keep their own types). */
export interface CatalogProcessResult<M extends ProcessModelNumber = ProcessModelNumber> extends ProcessResultCommon<M> {
  /** The moderators, each with its probe values. */
  readonly moderators: readonly ProbedModerator[];
  /** c′ when no moderator acts on X → Y. */
  readonly directEffect: TestedEffect | null;
  /** c′ at the probe values when moderators act on X → Y. */
  readonly conditionalDirectEffects: readonly ConditionalTestedEffect[] | null;
  /** Models without mediators: the effect of X on Y at the probe values. */
  readonly conditionalEffects: readonly ConditionalTestedEffect[] | null;
  /** Model 3: the X × W interaction at the probe values of Z. */
  readonly conditionalInteractions: readonly ConditionalTestedEffect[] | null;
  /** Indirect effects no moderator acts on (per mediator, then TOTAL). */
  readonly indirectEffects: readonly IndirectEffect[] | null;
  /** Their sum, with more than one mediator. */
  readonly totalIndirectEffect: IndirectEffect | null;
  /** Indirect effects through each mediator at the probe values. */
  readonly conditionalIndirectEffects: readonly CatalogConditionalIndirectEffect[] | null;
  /** Where the indirect effect is linear in one moderator. */
  readonly indexOfModeratedMediation: readonly MediationIndex[] | null;
  /** Where it is linear and additive in two moderators: one index per moderator. */
  readonly indexOfPartialModeratedMediation: readonly MediationIndex[] | null;
  /** Where it is bilinear in two moderators. */
  readonly indexOfModeratedModeratedMediation: readonly ModeratedModeratedMediationIndex[] | null;
  /** With the index of moderated moderated mediation: each moderator's index at the other's probe values. */
  readonly indexOfConditionalModeratedMediation: readonly ConditionalMediationIndex[] | null;
  /** Tests of each equation's highest-order product terms (models without mediators add a joint test). */
  readonly interactionTests: readonly InteractionTest[];
  /** How the bootstrap ran (null without mediators or with `resamples: 0`). */
  readonly bootstrap: BootstrapInfo | null;
}
