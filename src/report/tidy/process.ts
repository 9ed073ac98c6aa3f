// tidy/glance for processModel and pathModel: one row per equation, per coefficient and per
// effect. processModel's sections vary over its models (docs/conventions.md), so effects are
// found by shape: every object with a numeric `estimate`, named by the section it sits in.
import type { FittedEquation } from '../../mediation/engine.js';
import type { PathModelResult } from '../../mediation/path-model.js';
import type { BootstrapInfo } from '../../resampling/settings.js';
import { cell, flatten, type Row } from './rows.js';
import { coefficientRows } from './regression.js';

/** Sections that are not effects, or are tabulated another way. */
const NOT_EFFECTS = new Set([
  'kind',
  'model',
  'variables',
  'n',
  'nDropped',
  'settings',
  'equations',
  'totalEffectModel',
  'coefficientBootstrap',
  'warnings',
  'bootstrap',
  'moderators',
  'xCoding',
  'predictedValues',
  'pathPredictions',
  'johnsonNeyman',
  'johnsonNeymanPaths',
  'interactionTests',
  'omnibusTests',
  'conditionalInteractionTests',
  'xValues',
  'mediatorPredictions',
]);

/** `{ type: 'equation' }` then `{ type: 'coefficient' }` rows of fitted equations. */
function equationRows(equations: readonly (FittedEquation | null | undefined)[]): Row[] {
  const out: Row[] = [];
  for (const eq of equations) {
    if (eq === null || eq === undefined) continue;
    out.push(flatten(eq.summary, { type: 'equation', equation: eq.name, outcome: eq.outcome, family: eq.family }));
  }
  for (const eq of equations) {
    if (eq === null || eq === undefined) continue;
    out.push(...coefficientRows(eq.coefficients, { type: 'coefficient', equation: eq.name, outcome: eq.outcome }));
  }
  return out;
}

function effectRow(effect: string, value: Record<string, unknown>): Row {
  const row: Row = { type: 'effect', effect };
  const { path, ...rest } = value;
  if (typeof rest.label !== 'string' && typeof rest.name === 'string') row.label = rest.name;
  flatten(rest, row);
  if (Array.isArray(path)) row.path = path.length === 0 ? null : path.join(' -> ');
  return row;
}

function findEffects(value: unknown, section: string, out: Row[]): void {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return;
  if (Array.isArray(value)) {
    for (const v of value) findEffects(v, section, out);
    return;
  }
  const o = value as Record<string, unknown>;
  if (typeof o.estimate === 'number') {
    out.push(effectRow(section, o));
    return;
  }
  for (const [key, v] of Object.entries(o)) findEffects(v, `${section}.${key}`, out);
}

/** Rows of a test list (`interactionTests`, `omnibusTests`), `type` = the section. */
function testRows(type: string, tests: unknown): Row[] {
  return Array.isArray(tests) ? tests.map((t: object) => flatten(t, { type })) : [];
}

/** A processModel result (any model); typed loosely because its sections vary by model. */
interface AnyProcess {
  readonly kind: 'processModel';
  readonly model: number;
  readonly variables: { readonly [role: string]: string | readonly string[] | null };
  readonly n: number;
  readonly nDropped: number;
  readonly settings: object;
  readonly equations: readonly FittedEquation[];
  readonly coefficientBootstrap: readonly object[] | null;
  readonly bootstrap: BootstrapInfo | null;
  readonly [section: string]: unknown;
}

export function tidyProcess(result: object): Row[] {
  const r = result as AnyProcess;
  const out = equationRows([...r.equations, r.totalEffectModel as FittedEquation | null | undefined]);
  for (const [section, value] of Object.entries(r)) if (!NOT_EFFECTS.has(section)) findEffects(value, section, out);
  if (r.coefficientBootstrap !== null) for (const c of r.coefficientBootstrap) out.push(flatten(c, { type: 'coefficientBootstrap' }));
  out.push(...testRows('interactionTest', r.interactionTests), ...testRows('omnibusTest', r.omnibusTests), ...testRows('conditionalInteractionTest', r.conditionalInteractionTests));
  return out;
}

function bootstrapCells(b: BootstrapInfo | null, row: Row): Row {
  row.resamples = b?.resamples ?? 0;
  row.replaced = b?.replaced ?? null;
  row.seed = b?.seed ?? null;
  row.interval = b?.interval ?? null;
  return row;
}

export function glanceProcess(result: object): Row {
  const r = result as AnyProcess;
  const row: Row = { model: r.model };
  for (const [role, v] of Object.entries(r.variables)) row[role] = Array.isArray(v) ? (v.length === 0 ? null : v.join(', ')) : (cell(v) ?? null);
  row.n = r.n;
  row.nDropped = r.nDropped;
  flatten(r.settings, row);
  return bootstrapCells(r.bootstrap, row);
}

export function tidyPathModel(r: PathModelResult): Row[] {
  const out = equationRows(r.equations);
  for (const e of r.effects) out.push(effectRow('effects', e as unknown as Record<string, unknown>));
  return out;
}

export function glancePathModel(r: PathModelResult): Row {
  return bootstrapCells(r.bootstrap, { n: r.n, nDropped: r.nDropped, equations: r.equations.length, hc: r.hc, confidence: r.confidence });
}
