export { defineScale, requiredAnswered } from './define.js';
export type { ScaleSpec, ScaleDefinition, Subscale, SubscaleInput, ResponseRange, ScoreRule } from './define.js';
export { reverseScore } from './reverse.js';
export { scoreScale } from './score.js';
export type { ScoreScaleOptions, ScaleScores, ScoreColumn } from './score.js';
export type { InvalidResponse, OutOfRangeRule } from './responses.js';
export { instruments } from './instruments/index.js';
export type { InstrumentBinding, AnchorDirection, Pwb18Binding } from './instruments/index.js';
