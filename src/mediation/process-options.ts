// processModel's options, read once at its entry into typed settings for the model families.
import { fail } from '../errors.js';
import { categoricalField, type CategoricalOption } from '../regression/frame.js';
import { standardErrorsOf, type StandardErrors } from '../regression/fit.js';
import { bootstrapSettings, RESAMPLING_FIELDS, type BootstrapSettings } from '../resampling/settings.js';
import { defineOptions, field, show, type MissingCode } from '../util/options.js';
import { probeOption, type ProbeOption } from './probes.js';
import type { ProcessModelNumber, ProcessSettingsEcho, ProcessVariables } from './process-types.js';

/** PROCESS model numbers psychkit implements. */
export const PROCESS_MODELS: readonly ProcessModelNumber[] = Object.freeze([1, 4, 6, 7, 8, 14, 58, 59] as const);

/** Where W acts in a model, and how many mediators it takes. */
export interface ModelShape {
  readonly family: 'moderation' | 'mediation' | 'conditional';
  /** Allowed number of mediators. */
  readonly mediators: readonly [number, number];
  readonly serial: boolean;
  /** W moderates X→M (a), M→Y (b), X→Y (c′). */
  readonly a: boolean;
  readonly b: boolean;
  readonly c: boolean;
}

export const SHAPES: Readonly<Record<ProcessModelNumber, ModelShape>> = {
  1: { family: 'moderation', mediators: [0, 0], serial: false, a: false, b: false, c: true },
  4: { family: 'mediation', mediators: [1, 10], serial: false, a: false, b: false, c: false },
  6: { family: 'mediation', mediators: [2, 6], serial: true, a: false, b: false, c: false },
  7: { family: 'conditional', mediators: [1, 10], serial: false, a: true, b: false, c: false },
  8: { family: 'conditional', mediators: [1, 10], serial: false, a: true, b: false, c: true },
  14: { family: 'conditional', mediators: [1, 10], serial: false, a: false, b: true, c: false },
  58: { family: 'conditional', mediators: [1, 10], serial: false, a: true, b: true, c: false },
  59: { family: 'conditional', mediators: [1, 10], serial: false, a: true, b: true, c: true },
};

/** Everything processModel needs, validated: the variables' roles, the fitting settings echoed in the result, and the rest. */
export interface ProcessSettings extends ProcessVariables, Omit<ProcessSettingsEcho, 'centered'> {
  readonly model: ProcessModelNumber;
  readonly shape: ModelShape;
  readonly probes: ProbeOption;
  readonly quantileType: 6 | 7;
  readonly standardErrors: StandardErrors;
  readonly bootstrap: BootstrapSettings;
  readonly standardize: boolean;
  readonly contrasts: boolean;
  readonly total: boolean;
  readonly sobel: boolean;
  readonly jn: boolean;
  readonly categorical: CategoricalOption | undefined;
  readonly missingCodes: readonly MissingCode[];
}

const readProcessOptions = defineOptions(
  'processModel',
  {
    missingCodes: field.missingCodes(),
    model: field.raw(),
    x: field.column(),
    y: field.column(),
    m: field.names({ min: 0, required: false }),
    w: field.optionalColumn(),
    covariates: field.names({ min: 0, required: false }),
    covariatesIn: field.optionalOneOf(['both', 'mediators', 'outcome'] as const),
    center: field.optionalOneOf(['none', 'all', 'continuous'] as const),
    probes: field.raw(),
    quantileType: field.optionalOneOf([6, 7] as const),
    ...RESAMPLING_FIELDS,
    confidence: field.confidence(),
    hc: field.hc(),
    standardize: field.optionalBoolean(),
    contrasts: field.optionalBoolean(),
    total: field.optionalBoolean(),
    sobel: field.optionalBoolean(),
    jn: field.optionalBoolean(),
    categorical: categoricalField(),
  },
  { bootstrap: 'resamples', ci: 'interval', covariate: 'covariates', mediators: 'm', moderator: 'w' },
);

function notFor(option: string, model: ProcessModelNumber, why: string): never {
  throw fail('INVALID_OPTION', `\`${option}\` does not apply to model ${model}: ${why}.`, { option, value: model });
}

/** Reads and checks processModel's options: one pass, before any data is read. */
export function processSettings(options: unknown): ProcessSettings {
  if (typeof options === 'object' && options !== null && Object.prototype.hasOwnProperty.call(options, 'z')) {
    throw fail('INVALID_OPTION', `processModel: \`z\` (a second moderator) belongs to models psychkit does not implement yet (available: ${PROCESS_MODELS.join(', ')}); write them with pathModel().`, {
      option: 'z',
    });
  }
  const o = readProcessOptions.read(options);
  if (!PROCESS_MODELS.includes(o.model as ProcessModelNumber)) {
    throw fail('UNKNOWN_MODEL', `PROCESS model ${show(o.model)} is not implemented (available: ${PROCESS_MODELS.join(', ')}); write it with pathModel().`, {
      option: 'model',
      value: o.model,
    });
  }
  const model = o.model as ProcessModelNumber;
  const shape = SHAPES[model];
  const moderated = shape.family !== 'mediation';
  const { x, y, m, covariates } = o;
  if (x === y) throw fail('INVALID_OPTION', `x and y are the same column ("${x}").`, { option: 'y', column: y });
  const [minM, maxM] = shape.mediators;
  if (m.length > maxM) {
    throw fail('INVALID_OPTION', maxM === 0 ? `Model ${model} has no mediator; remove \`m\`.` : `Model ${model} takes at most ${maxM} mediators; got ${m.length}.`, {
      option: 'm',
      value: m.length,
    });
  }
  if (m.length < minM) throw fail('TOO_FEW_VARIABLES', `Model ${model} needs at least ${minM} mediator${minM === 1 ? '' : 's'} in \`m\`; got ${m.length}.`, { option: 'm', value: m.length });
  for (const med of m) {
    if (med === x || med === y) throw fail('INVALID_OPTION', `Mediator "${med}" is also ${med === x ? 'x' : 'y'}.`, { option: 'm', column: med });
  }
  let w: string | null = null;
  if (moderated) {
    if (o.w === undefined) throw fail('INVALID_OPTION', `Model ${model} needs a moderator \`w\`.`, { option: 'w' });
    w = o.w;
    if (w === x || w === y || m.includes(w)) throw fail('INVALID_OPTION', `The moderator "${w}" is also x, y or a mediator.`, { option: 'w', column: w });
  } else if (o.w !== undefined) notFor('w', model, 'the model has no moderator');
  for (const c of covariates) {
    if (c === x || c === y || c === w || m.includes(c)) throw fail('INVALID_OPTION', `Covariate "${c}" is also a model variable.`, { option: 'covariates', column: c });
  }
  const covariatesIn = o.covariatesIn ?? 'both';
  if (model === 1 && covariatesIn !== 'both') notFor('covariatesIn', model, 'the model has only the outcome equation, which always has the covariates');
  const center = o.center ?? 'none';
  if (!moderated && center !== 'none') notFor('center', model, 'the model has no product terms');
  if (!moderated && o.probes !== undefined) notFor('probes', model, 'the model has no moderator');
  if (!moderated && o.quantileType !== undefined) notFor('quantileType', model, 'the model has no moderator');
  const standardize = o.standardize ?? false;
  const contrasts = o.contrasts ?? false;
  const total = o.total ?? !moderated;
  const sobel = o.sobel ?? false;
  const jn = o.jn ?? false;
  if (moderated && standardize) notFor('standardize', model, 'standardized indirect effects are offered for models 4 and 6, as in PROCESS');
  if (moderated && contrasts) notFor('contrasts', model, 'contrasts are offered between the specific indirect effects of models 4 and 6');
  if (moderated && total) notFor('total', model, 'a total effect is defined only for unmoderated models');
  if (model !== 4 && sobel) notFor('sobel', model, 'the normal-theory test is offered for model 4');
  if (model !== 1 && jn) notFor('jn', model, 'the Johnson–Neyman technique is offered for model 1');
  if (model === 1) {
    // Model 1 has nothing to resample: a bootstrap option there is a mistake (and no seed is drawn).
    for (const key of ['resamples', 'allowFewResamples', 'seed', 'interval', 'onProgress'] as const) {
      if (Object.prototype.hasOwnProperty.call(options, key)) notFor(key, model, 'the model has no indirect effect to bootstrap (its conditional effects have t-based intervals)');
    }
  }
  const bootstrap = model === 1 ? { resamples: 0, seed: 0, interval: o.interval, onProgress: undefined } : bootstrapSettings(o);
  return {
    model,
    shape,
    x,
    y,
    m,
    w,
    covariates,
    covariatesIn,
    center,
    probes: probeOption(o.probes),
    quantileType: o.quantileType ?? 6,
    hc: o.hc,
    standardErrors: standardErrorsOf(o.hc),
    confidence: o.confidence,
    bootstrap,
    standardize,
    contrasts,
    total,
    sobel,
    jn,
    categorical: o.categorical,
    missingCodes: o.missingCodes,
  };
}
