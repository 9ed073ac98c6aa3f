// The shapes of process()'s options and result.
import type { PsychkitWarning } from '../errors.js';
import type { Seed } from '../random/index.js';
import type { CategoricalOption } from '../regression/frame.js';
import type { HcOption } from '../regression/options.js';
import type { BootstrapCi } from '../resampling/intervals.js';
import type { BootstrapEffect, EquationResult } from './engine.js';
import type { BootstrapInfo } from '../resampling/settings.js';
import type { ConditionalEffect, JohnsonNeyman, ProbeOption, Probes } from './probes.js';

/** PROCESS model numbers psychkit implements. */
export type ProcessModel = 1 | 4 | 6 | 7 | 8 | 14 | 58 | 59;

/** Options for `process`. */
export interface ProcessOptions {
  /** PROCESS model number: 1, 4, 6, 7, 8, 14, 58 or 59. */
  readonly model: ProcessModel;
  /** Focal predictor X (numeric; a 0/1 X is used as coded). */
  readonly x: string;
  /** Outcome Y (numeric). */
  readonly y: string;
  /** Mediator(s): parallel in models 4, 7, 8, 14, 58, 59 (1–10), serial in model 6 (2–6, in causal order). */
  readonly m?: string | readonly string[];
  /** Moderator W (models 1, 7, 8, 14, 58, 59). */
  readonly w?: string;
  /** Second moderator Z: none of the implemented models has one, so giving it is an error. */
  readonly z?: string;
  /** Covariates (categorical ones are dummy-coded). */
  readonly covariates?: readonly string[];
  /** Where covariates enter (PROCESS `covmy`): `'both'` (default), `'mediators'`, `'outcome'`. */
  readonly covariatesIn?: 'both' | 'mediators' | 'outcome';
  /**
   * Mean-centre the variables that form products (PROCESS `center`): `'none'` (default), `'all'`
   * (1), `'continuous'` (2: not dichotomous ones). Probe values are then on the centred scale.
   */
  readonly center?: 'none' | 'all' | 'continuous';
  /** Moderator values: `'percentiles'` (16th/50th/84th, default), `'moments'` (mean ± SD) or values on W's original scale. */
  readonly probes?: ProbeOption;
  /** Percentile definition for `probes: 'percentiles'`: 6 (PROCESS, SPSS; default) or 7 (R). */
  readonly quantileType?: 6 | 7;
  /** Bootstrap resamples (default 5,000; 0 = none; 1–999 need `allowFewResamples: true`). */
  readonly bootstrap?: number;
  readonly allowFewResamples?: boolean;
  readonly seed?: Seed;
  /** Confidence level (a proportion). Default 0.95. */
  readonly confidence?: number;
  /** Bootstrap CI: `'percentile'` (default) or `'bias-corrected'`. */
  readonly ci?: BootstrapCi;
  /** Coefficient standard errors: `'none'` (OLS, default) or `'HC0'`…`'HC4'`. */
  readonly hc?: HcOption;
  /** Partially and completely standardized indirect effects (models 4 and 6; PROCESS `effsize`). */
  readonly standardize?: boolean;
  /** Pairwise contrasts between specific indirect effects (models 4 and 6; PROCESS `contrast`). */
  readonly contrasts?: boolean;
  /** Total-effect model (models 4 and 6; default true). */
  readonly total?: boolean;
  /** Normal-theory (Sobel) test of each indirect effect (model 4; PROCESS `normal`). */
  readonly sobel?: boolean;
  /** Johnson–Neyman region of significance (model 1). */
  readonly jn?: boolean;
  readonly categorical?: CategoricalOption;
  readonly onProgress?: (done: number, total: number) => void;
}

/** An effect with a normal-theory or t test (direct, total and conditional direct effects). */
export interface TestedEffect {
  readonly effect: number;
  readonly se: number;
  readonly t: number;
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

/** A conditional indirect effect through one mediator at one moderator value. */
export interface ConditionalIndirectEffect extends BootstrapEffect {
  readonly mediator: string;
  readonly w: number;
}

/** The index of moderated mediation (a₃b or ab₃) through one mediator. */
export interface ModeratedMediationIndex extends BootstrapEffect {
  readonly mediator: string;
}

/** For a dichotomous W: the conditional indirect effect at the second value minus at the first. */
export interface ConditionalIndirectDifference extends BootstrapEffect {
  readonly mediator: string;
  readonly w: readonly [number, number];
}

/** Sobel test of one indirect effect: se = √(a²·se_b² + b²·se_a²), z = ab/se. */
export interface SobelTest {
  readonly mediator: string;
  readonly effect: number;
  readonly se: number;
  readonly z: number;
  readonly p: number;
}

/** R² change and F test for the product term(s) of an equation (PROCESS's "test of highest order unconditional interaction"). */
export interface InteractionTest {
  readonly equation: string;
  readonly term: string;
  /** R² with the product minus R² without it (same sample). */
  readonly rSquaredChange: number;
  /** Classical F, or under HC errors the Wald F = b²/V (PROCESS does the same). */
  readonly f: number;
  readonly df1: number;
  readonly df2: number;
  readonly p: number;
}

/** Standardized versions of the indirect effects (ab/SD_Y and ab·SD_X/SD_Y, SDs recomputed per resample). */
export interface StandardizedIndirectEffects {
  readonly partially: readonly IndirectEffect[];
  readonly completely: readonly IndirectEffect[];
}

/** Result of `process`. Fields that do not apply to a model are `null`. */
export interface ProcessResult {
  /** Which function made this result (`'process'`): report adapters such as `toApaTable` dispatch on it. */
  readonly kind: 'process';
  readonly model: ProcessModel;
  readonly variables: {
    readonly x: string;
    readonly y: string;
    readonly m: readonly string[];
    readonly w: string | null;
    readonly covariates: readonly string[];
  };
  readonly n: number;
  readonly dropped: number;
  readonly settings: {
    readonly hc: HcOption;
    readonly confidence: number;
    readonly center: 'none' | 'all' | 'continuous';
    /** Variables mean-centred. */
    readonly centered: readonly string[];
    readonly covariatesIn: 'both' | 'mediators' | 'outcome';
  };
  /** Every equation: mediators first (in order), then Y. */
  readonly equations: readonly EquationResult[];
  /** The total-effect model Y ← X + covariates (models 4 and 6). */
  readonly totalEffectModel: EquationResult | null;
  readonly totalEffect: TestedEffect | null;
  /** c′ (models 4, 6, 7, 14, 58: unmoderated direct effect). */
  readonly directEffect: TestedEffect | null;
  /** c′₁ + c′₃·W at the probe values (models 8 and 59). */
  readonly conditionalDirectEffects: readonly ConditionalEffect[] | null;
  /** Specific indirect effects (models 4 and 6). */
  readonly indirectEffects: readonly IndirectEffect[] | null;
  /** Sum of the specific indirect effects (models 4 and 6 with several mediators). */
  readonly totalIndirectEffect: IndirectEffect | null;
  readonly contrasts: readonly IndirectContrast[] | null;
  readonly standardized: StandardizedIndirectEffects | null;
  readonly sobel: readonly SobelTest[] | null;
  /** Conditional effects of X on Y at the probe values (model 1). */
  readonly conditionalEffects: readonly ConditionalEffect[] | null;
  readonly interactionTests: readonly InteractionTest[] | null;
  readonly johnsonNeyman: JohnsonNeyman | null;
  readonly conditionalIndirectEffects: readonly ConditionalIndirectEffect[] | null;
  /** Models 7, 8 (a₃·b) and 14 (a·b₃); `null` for 58 and 59, whose indirect effect is quadratic in W. */
  readonly indexOfModeratedMediation: readonly ModeratedMediationIndex[] | null;
  readonly conditionalIndirectDifferences: readonly ConditionalIndirectDifference[] | null;
  readonly probes: Probes | null;
  readonly bootstrap: BootstrapInfo | null;
  readonly warnings: readonly PsychkitWarning[];
}

