// processModel's options, read once at its entry into typed settings for the model families.
import { fail } from '../errors.js';
import { categoricalField, type CategoricalOption } from '../regression/frame.js';
import { standardErrorsOf, type StandardErrors } from '../regression/fit.js';
import { bootstrapSettings, RESAMPLING_FIELDS, type BootstrapSettings } from '../resampling/settings.js';
import { defineOptions, field, show, strictObject, type MissingCode } from '../util/options.js';
import { probeOptions, type ProbeOption } from './probes.js';
import { GROUP_CODING_SCHEMES, type GroupCodingOption } from '../data/group-coding.js';
import { CATALOG, CATALOG_MODELS, type CatalogEntry, type ModeratorRole, type ProbedRole } from './catalog.js';
import { NETWORK, NETWORK_MODELS, type NetworkEntry, type NetworkModelNumber } from './network.js';
import type { ProcessModelNumber, ProcessSettingsEcho, ProcessVariables } from './process-types.js';

/** PROCESS model numbers psychkit implements: 1–76 and 80–92. */
export const PROCESS_MODELS: readonly ProcessModelNumber[] = Object.freeze([...CATALOG_MODELS, ...NETWORK_MODELS] as ProcessModelNumber[]);

/** A network model (80–92) as a catalog entry: its moderators, its equations from its edges. */
function networkEntry(network: NetworkEntry): CatalogEntry {
  return { model: network.model, moderators: network.moderators, v2: {}, v4: true, mediator: 'network', outcome: [], printed: [] };
}

/** The moderator roles, in order. */
export const MODERATOR_ROLES: readonly ModeratorRole[] = ['w', 'z', 'v', 'q'];

/** How many mediators a model takes: none (1–3), 2–6 in series (model 6), as PROCESS 4 allows (80–92), else 1–10 in parallel. */
function mediatorRange(entry: CatalogEntry, network: NetworkEntry | null): readonly [number, number] {
  if (network !== null) return network.mediators;
  return entry.mediator === null ? [0, 0] : entry.mediator === 'serial' ? [2, 6] : [1, 10];
}

/** {@link mediatorRange} of a model number (shared with `simulate.processModel`, whose limits are these). */
export function mediatorRangeOf(model: ProcessModelNumber): readonly [number, number] {
  const network = NETWORK.get(model as NetworkModelNumber) ?? null;
  return network !== null ? network.mediators : mediatorRange(CATALOG.get(model) as CatalogEntry, null);
}

/** Everything processModel needs, validated: the variables' roles, the fitting settings echoed in the result, and the rest. */
export interface ProcessSettings extends ProcessVariables, Omit<ProcessSettingsEcho, 'centered' | 'yModel' | 'yCoding'> {
  /** How Y's equation is fitted: `'auto'` (logistic for a dichotomous Y, as PROCESS), or as asked. */
  readonly yModel: 'auto' | 'linear' | 'logistic';
  readonly model: ProcessModelNumber;
  /** The mediators form a chain (model 6). */
  readonly serial: boolean;
  /** The model's equations as templates. */
  readonly entry: CatalogEntry;
  /** Models 80–92: the network of mediators (null for the others). */
  readonly network: NetworkEntry | null;
  /** The moderator columns by role (W also in `w`). */
  readonly moderators: Readonly<Partial<Record<ModeratorRole, string>>>;
  /** Each probed role's option (the moderators; X in model 74). */
  readonly probesByRole: Readonly<Partial<Record<ProbedRole, ProbeOption>>>;
  /** The roles probed: the moderators, or X in model 74. */
  readonly probed: readonly ProbedRole[];
  readonly quantileType: 6 | 7;
  readonly probeThreshold: number;
  readonly standardErrors: StandardErrors;
  readonly bootstrap: BootstrapSettings;
  readonly standardize: boolean;
  readonly contrasts: boolean;
  readonly total: boolean;
  /** Bootstrap every regression coefficient too (PROCESS's `modelbt`). */
  readonly bootstrapCoefficients: boolean;
  /** `total: true` was given (not the default). */
  readonly totalRequested: boolean;
  readonly sobel: boolean;
  /** Which standard error the normal-theory test uses. */
  readonly sobelOrder: 'first-order' | 'second-order';
  readonly jn: boolean;
  readonly categorical: CategoricalOption | undefined;
  /** X is multicategorical, coded this way (PROCESS's `mcx`); null for a numeric X. */
  readonly xCoding: GroupCodingOption | null;
  /** Model 4 with X × M interactions (PROCESS's `xmint`). */
  readonly xmInteraction: boolean;
  /** The reference (and counterfactual) value of X for `xmInteraction`. */
  readonly xReference: number | readonly [number, number] | undefined;
  /** Mediator values for a controlled direct effect (`xmInteraction`). */
  readonly mediatorValues: readonly number[] | undefined;
  /** The moderator W is multicategorical, coded this way (PROCESS's `mcw`); null for a numeric W. */
  readonly wCoding: GroupCodingOption | null;
  /** The moderator Z is multicategorical, coded this way (PROCESS's `mcz`); null for a numeric Z. */
  readonly zCoding: GroupCodingOption | null;
  readonly missingCodes: readonly MissingCode[];
}

/** `xCoding` / `wCoding` / `zCoding`: one of PROCESS's four codings, or `{ codes }` (checked against the groups once the data are read). */
function codingField(v: unknown, k: string): GroupCodingOption | undefined {
  if (v === undefined || typeof v === 'string') return field.optionalOneOf(GROUP_CODING_SCHEMES)(v, k);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw fail('INVALID_OPTION', `\`${k}\` must be 'indicator', 'sequential', 'helmert', 'effect' or { codes: [[…], …] } (one row per group); got ${show(v)}.`, { option: k, value: v });
  }
  strictObject(v, k, ['codes']);
  return v as GroupCodingOption;
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
    z: field.optionalColumn(),
    v: field.optionalColumn(),
    q: field.optionalColumn(),
    covariates: field.names({ min: 0, required: false }),
    covariatesIn: field.optionalOneOf(['both', 'mediators', 'outcome'] as const),
    center: field.optionalOneOf(['none', 'all', 'continuous'] as const),
    probes: field.raw(),
    quantileType: field.optionalOneOf([6, 7] as const),
    probeThreshold: field.number(1, 0, 1),
    ...RESAMPLING_FIELDS,
    confidence: field.confidence(),
    hc: field.hc(),
    yModel: field.optionalOneOf(['auto', 'linear', 'logistic'] as const),
    bootstrapCoefficients: field.optionalBoolean(),
    keepResamples: field.optionalBoolean(),
    standardize: field.optionalBoolean(),
    contrasts: field.optionalBoolean(),
    total: field.optionalBoolean(),
    sobel: (v: unknown, k: string): boolean | 'first-order' | 'second-order' | undefined => {
      if (v === undefined || typeof v === 'boolean') return v;
      return field.optionalOneOf(['first-order', 'second-order'] as const)(v, k);
    },
    jn: field.optionalBoolean(),
    categorical: categoricalField(),
    xCoding: codingField,
    wCoding: codingField,
    zCoding: codingField,
    xmInteraction: field.optionalBoolean(),
    xReference: field.raw(),
    mediatorValues: field.raw(),
  },
  { bootstrap: 'resamples', ci: 'interval', covariate: 'covariates', mediators: 'm', moderator: 'w' },
);

/** What a moderator was called in PROCESS 2, when that differs from psychkit's role name. */
function moderatorNote(entry: CatalogEntry, role: ModeratorRole): string {
  const v2 = entry.v2[role];
  return v2 === undefined || v2.toLowerCase() === role ? '' : ` (PROCESS 2 called it ${v2})`;
}

/** Reads `xReference` and `mediatorValues`, which only `xmInteraction` takes. */
function counterfactualOptions(reference: unknown, values: unknown, on: boolean, mediators: number): { xReference: number | readonly [number, number] | undefined; mediatorValues: readonly number[] | undefined } {
  const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  for (const [key, v] of [
    ['xReference', reference],
    ['mediatorValues', values],
  ] as const) {
    if (v !== undefined && !on) throw fail('INVALID_OPTION', `\`${key}\` applies only with \`xmInteraction: true\`.`, { option: key });
  }
  if (reference !== undefined && !finite(reference) && !(Array.isArray(reference) && reference.length === 2 && reference.every(finite) && reference[0] !== reference[1])) {
    throw fail('INVALID_OPTION', `\`xReference\` must be a number or two different numbers [reference, counterfactual]; got ${show(reference)}.`, { option: 'xReference', value: reference });
  }
  if (values !== undefined && !(Array.isArray(values) && values.length === mediators && values.every(finite))) {
    throw fail('INVALID_OPTION', `\`mediatorValues\` must give one finite number per mediator (${mediators}); got ${show(values)}.`, { option: 'mediatorValues', value: values });
  }
  return { xReference: reference as number | readonly [number, number] | undefined, mediatorValues: values as readonly number[] | undefined };
}

function notFor(option: string, model: ProcessModelNumber, why: string): never {
  throw fail('INVALID_OPTION', `\`${option}\` does not apply to model ${model}: ${why}.`, { option, value: model });
}

/** Reads and checks processModel's options: one pass, before any data is read. */
export function processSettings(options: unknown): ProcessSettings {
  const o = readProcessOptions.read(options);
  if (!PROCESS_MODELS.includes(o.model as ProcessModelNumber)) {
    throw fail('UNKNOWN_MODEL', `PROCESS model ${show(o.model)} is not implemented (available: ${PROCESS_MODELS.join(', ')}); write it with pathModel().`, {
      option: 'model',
      value: o.model,
    });
  }
  const model = o.model as ProcessModelNumber;
  const network = NETWORK.get(model as NetworkModelNumber) ?? null;
  const entry = network === null ? (CATALOG.get(model) as CatalogEntry) : networkEntry(network);
  const moderated = entry.moderators.length > 0 || entry.model === 74;
  const { x, y, m, covariates } = o;
  if (x === y) throw fail('INVALID_OPTION', `x and y are the same column ("${x}").`, { option: 'y', column: y });
  const [minM, maxM] = mediatorRange(entry, network);
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
  const moderators: Partial<Record<ModeratorRole, string>> = {};
  const taken = new Map<string, string>([[x, 'x'], [y, 'y'], ...m.map((med): [string, string] => [med, 'a mediator'])]);
  for (const role of MODERATOR_ROLES) {
    const column = o[role];
    if (!entry.moderators.includes(role)) {
      if (column !== undefined) notFor(role, model, entry.moderators.length === 0 ? 'the model has no moderator' : `its moderators are ${entry.moderators.map((r) => `\`${r}\``).join(' and ')}`);
      continue;
    }
    if (column === undefined) throw fail('INVALID_OPTION', `Model ${model} needs a moderator \`${role}\`${moderatorNote(entry, role)}.`, { option: role });
    const clash = taken.get(column);
    if (clash !== undefined) throw fail('INVALID_OPTION', `The moderator ${role} = "${column}" is also ${clash}.`, { option: role, column });
    taken.set(column, `moderator ${role}`);
    moderators[role] = column;
  }
  const w = moderators.w ?? null;
  for (const c of covariates) {
    if (taken.has(c)) throw fail('INVALID_OPTION', `Covariate "${c}" is also a model variable.`, { option: 'covariates', column: c });
  }
  const covariatesIn = o.covariatesIn ?? 'both';
  if (entry.mediator === null && covariatesIn !== 'both') notFor('covariatesIn', model, 'the model has only the outcome equation, which always has the covariates');
  const center = o.center ?? 'none';
  if (!moderated && center !== 'none') notFor('center', model, 'the model has no product terms');
  if (!moderated && o.probes !== undefined) notFor('probes', model, 'the model has no moderator');
  if (!moderated && o.quantileType !== undefined) notFor('quantileType', model, 'the model has no moderator');
  if (!moderated && o.probeThreshold !== 1) notFor('probeThreshold', model, 'the model has no moderator');
  const standardize = o.standardize ?? false;
  const contrasts = o.contrasts ?? false;
  const total = o.total ?? !moderated;
  const sobel = o.sobel !== undefined && o.sobel !== false;
  const sobelOrder = o.sobel === 'second-order' ? 'second-order' : 'first-order';
  const jn = o.jn ?? false;
  if (moderated && standardize) notFor('standardize', model, 'standardized indirect effects are offered for the models without moderators (4, 6, 80–82), as in PROCESS');
  if (moderated && contrasts) notFor('contrasts', model, 'contrasts are offered between the specific indirect effects of the models without moderators (4, 6, 80–82)');
  if (moderated && total) notFor('total', model, 'a total effect is defined only for unmoderated models');
  if (model !== 4 && sobel) notFor('sobel', model, 'the normal-theory test is offered for model 4');
  if (jn && (entry.mediator === null ? model !== 1 && model !== 3 : !moderated)) {
    notFor('jn', model, entry.mediator === null ? 'its effect of X has two moderators (Johnson–Neyman needs a path with one)' : 'the model has no moderator');
  }
  if (entry.mediator === null) {
    // Models 1–3 have nothing to resample: a bootstrap option there is a mistake (and no seed is drawn).
    for (const key of ['resamples', 'allowFewResamples', 'seed', 'interval', 'onProgress', 'bootstrapCoefficients', 'keepResamples'] as const) {
      if (Object.prototype.hasOwnProperty.call(options, key)) notFor(key, model, 'the model has no indirect effect to bootstrap (its conditional effects have t-based intervals)');
    }
  }
  if (network !== null) {
    // Models 80–92 report their own effects; these options belong to models 4 and 6 so far.
    const not = 'it is not yet offered for models 80–92';
    if (o.zCoding !== undefined) notFor('zCoding', model, not);
  }
  const xCoding = o.xCoding ?? null;
  if (xCoding !== null) {
    if (model === 74) notFor('xCoding', model, 'X moderates M → Y there, so it must be numeric');
    if (sobel) notFor('sobel', model, 'the normal-theory test is not offered with a multicategorical X');
    if (contrasts) notFor('contrasts', model, 'contrasts are not offered with a multicategorical X');
    if (jn) notFor('jn', model, 'the Johnson–Neyman technique needs a numeric focal predictor');
  }
  const wCoding = o.wCoding ?? null;
  const zCoding = o.zCoding ?? null;
  // A multicategorical moderator (PROCESS 4's mcw / mcz): in the models PROCESS 4 has, one
  // multicategorical variable at a time.
  for (const [option, role, coding] of [
    ['wCoding', 'w', wCoding],
    ['zCoding', 'z', zCoding],
  ] as const) {
    if (coding === null) continue;
    const name = role.toUpperCase();
    if (!entry.moderators.includes(role)) notFor(option, model, entry.moderators.length === 0 ? 'the model has no moderator' : `the model has no moderator ${name}`);
    if (!entry.v4 || entry.moderators.some((r) => r !== 'w' && r !== 'z')) notFor(option, model, `a multicategorical ${name} is offered for the models PROCESS 4 has (moderators W and Z only)`);
    const others = [xCoding === null ? null : '`xCoding`', role !== 'w' && wCoding !== null ? '`wCoding`' : null, role !== 'z' && zCoding !== null ? '`zCoding`' : null].filter((v) => v !== null);
    if (others.length > 0) throw fail('INVALID_OPTION', `Only one variable can be multicategorical: give one of \`xCoding\`, \`wCoding\` and \`zCoding\`, not ${others.join(' and ')} with \`${option}\`.`, { option });
    if (jn) notFor('jn', model, `the Johnson–Neyman technique needs continuous moderators (${name} is multicategorical)`);
    const probes = o.probes as unknown;
    const named = typeof probes === 'object' && probes !== null && !Array.isArray(probes) && Object.prototype.hasOwnProperty.call(probes, role);
    if (probes !== undefined && (named || entry.moderators.length === 1)) notFor('probes', model, `a multicategorical ${name} is probed at each of its groups`);
  }
  const xmInteraction = o.xmInteraction ?? false;
  const { xReference, mediatorValues } = counterfactualOptions(o.xReference, o.mediatorValues, xmInteraction, m.length);
  if (xmInteraction) {
    if (model !== 4) notFor('xmInteraction', model, 'X × M interactions are offered for model 4 (as PROCESS); model 74 is the same equations with conditional indirect effects');
    // PROCESS 4 takes indicator and sequential coding of X with xmint; how it defines the relative
    // counterfactual effects there is not documented, so psychkit does not guess (yet).
    if (o.xCoding !== undefined) throw fail('INVALID_OPTION', '`xCoding` with `xmInteraction` (a multicategorical X with X × M interactions) is not available yet; give a numeric (or dichotomous) X, or drop `xmInteraction` for relative effects.', { option: 'xCoding' });
    for (const key of ['sobel', 'standardize', 'contrasts', 'total'] as const) if (o[key] !== undefined && o[key] !== false) throw fail('INVALID_OPTION', `\`${key}\` does not apply with \`xmInteraction\` (as in PROCESS); the total effect is the natural direct plus the natural indirect effects, always reported.`, { option: key });
    if (covariatesIn !== 'both') throw fail('INVALID_OPTION', '`covariatesIn` must be `both` with `xmInteraction` (as in PROCESS).', { option: 'covariatesIn' });
    if (o.probeThreshold !== 1) throw fail('INVALID_OPTION', '`probeThreshold` does not apply with `xmInteraction`: nothing is probed there (PROCESS sets intprobe to 1).', { option: 'probeThreshold' });
  }
  const probed: readonly ProbedRole[] = entry.model === 74 ? ['x'] : entry.moderators;
  const probesByRole = probeOptions(o.probes, probed);
  const bootstrap = entry.mediator === null ? { resamples: 0, seed: 0, interval: o.interval, onProgress: undefined } : { ...bootstrapSettings(o), keepResamples: o.keepResamples ?? false };
  return {
    model,
    serial: entry.mediator === 'serial',
    // X × M interactions: model 74's equations (Y on X, Mⱼ and Mⱼ·X), nothing probed.
    entry: xmInteraction ? (CATALOG.get(74) as CatalogEntry) : entry,
    network,
    moderators,
    x,
    y,
    m,
    w,
    z: moderators.z ?? null,
    v: moderators.v ?? null,
    q: moderators.q ?? null,
    covariates,
    covariatesIn,
    center,
    probesByRole,
    probed: xmInteraction ? [] : probed,
    quantileType: o.quantileType ?? 6,
    probeThreshold: o.probeThreshold,
    hc: o.hc,
    yModel: o.yModel ?? 'auto',
    standardErrors: standardErrorsOf(o.hc),
    confidence: o.confidence,
    bootstrap,
    standardize,
    contrasts,
    total: total && !xmInteraction,
    xmInteraction,
    xReference,
    mediatorValues,
    totalRequested: o.total === true,
    bootstrapCoefficients: o.bootstrapCoefficients ?? false,
    sobel,
    sobelOrder,
    jn,
    categorical: o.categorical,
    xCoding,
    wCoding,
    zCoding,
    missingCodes: o.missingCodes,
  };
}
