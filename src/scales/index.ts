export { defineScale, requiredAnswered } from './define.js';
export type { ScaleSpec, ScaleDefinition, Subscale, SubscaleInput, ResponseRange, ScoreRule } from './define.js';
export { reverseScore } from './reverse.js';
export { scoreScale } from './score.js';
export type { ScoreScaleOptions, ScaleScores, ScoreColumn } from './score.js';
export { scoreInstrument } from './score-instrument.js';
export type { ScoreInstrumentOptions, InstrumentScores, ConvertedScores } from './score-instrument.js';
export type { InvalidResponse, OutOfRangeRule } from './responses.js';
export { instruments, INSTRUMENT_KEYS, scoreBand } from './instruments/index.js';
export type {
  InstrumentBinding,
  AnchorDirection,
  Pwb18Binding,
  RosenbergBinding,
  InstrumentKey,
  ScoreBand,
  BandSet,
  ItemFlag,
  ConversionRow,
  ConversionTable,
} from './instruments/index.js';
