// PROCESS's numbered models as data: each model is a template of its equations over roles, from
// which the paths, their moderators, the conditional effects and the indices of moderated
// mediation follow by one algebra (products of path polynomials), not a branch per model.
import { CATALOG_DATA } from './catalog-data.js';

/** Moderator roles: W and Z (PROCESS 3/4; PROCESS 2 for models it alone has), V and Q (PROCESS 2's moderators of M → Y). */
export type ModeratorRole = 'w' | 'z' | 'v' | 'q';

/** A role that can moderate a path: a moderator, or X itself (model 74: X moderates M → Y). */
export type ProbedRole = ModeratorRole | 'x';

/** PROCESS 2's name for a moderator (M is models 1–3's moderator). */
export type ProcessV2Role = 'M' | 'W' | 'Z' | 'V' | 'Q';

/**
 * A term over roles: factors joined by `*` (`'x'`, `'x*w'`, `'M*w*z'`); `M` stands for each
 * mediator in turn.
 */
export type TermTemplate = string;

/** One catalog model. */
export interface CatalogEntry {
  readonly model: number;
  /** Moderators in psychkit's (PROCESS 4's, else PROCESS 2's) names, in the order w, z, v, q. */
  readonly moderators: readonly ModeratorRole[];
  /** PROCESS 2's name for each moderator. */
  readonly v2: Readonly<Partial<Record<ModeratorRole, ProcessV2Role>>>;
  /** Whether PROCESS 3/4 has the model (with at most two moderators, named W and Z). */
  readonly v4: boolean;
  /**
   * Each mediator's regressors (the same for every mediator), `'serial'` for model 6, `'network'`
   * for models 80–92 (whose equations come from their edges, network.ts), null without mediators.
   */
  readonly mediator: readonly TermTemplate[] | 'serial' | 'network' | null;
  /** Y's regressors in PROCESS's printed order; a list groups terms repeated for each mediator in turn. */
  readonly outcome: readonly (TermTemplate | readonly TermTemplate[])[];
  /** The result tables PROCESS 2.16.3 printed after the equations (for checking the derivation). */
  readonly printed: readonly string[];
}

/** Every numbered PROCESS model 1–76, by number. */
export const CATALOG: ReadonlyMap<number, CatalogEntry> = new Map(CATALOG_DATA.map((e) => [e.model, e]));

/** The model numbers of the catalog. */
export const CATALOG_MODELS: readonly number[] = Object.freeze(CATALOG_DATA.map((e) => e.model));

/** Factors of a template. */
export function factorsOf(term: TermTemplate): readonly string[] {
  return term.split('*');
}

/** The column names a role stands for. */
export interface RoleColumns {
  readonly x: string;
  readonly y: string;
  readonly m: readonly string[];
  readonly moderators: Readonly<Partial<Record<ModeratorRole, string>>>;
  /** A multicategorical X's code columns (null for a numeric X): a term with X stands for one term per code. */
  readonly xCodes?: readonly string[] | null;
  /** A multicategorical W's code columns (null for a numeric W). */
  readonly wCodes?: readonly string[] | null;
  /** A multicategorical Z's code columns (null for a numeric Z). */
  readonly zCodes?: readonly string[] | null;
}

/** Which code column stands for a multicategorical X, W or Z in one term. */
export type CodeChoice = Readonly<{ x?: string; w?: string; z?: string }>;

/** A template's factors as columns (`M` as the given mediator, X and W as `codes` says). */
function columnsOf(term: TermTemplate, roles: RoleColumns, mediator: string | null, codes: CodeChoice): string[] {
  return factorsOf(term).map((f) => {
    if (f === 'M') return mediator as string;
    if (f === 'x') return codes.x ?? roles.x;
    if (f === 'w' && codes.w !== undefined) return codes.w;
    if (f === 'z' && codes.z !== undefined) return codes.z;
    return roles.moderators[f as ModeratorRole] as string;
  });
}

/**
 * A term as the engine names it: columns joined by `:`; for a multicategorical X or W, `codes`
 * says which of its code columns stands for it.
 */
export function termName(term: TermTemplate, roles: RoleColumns, mediator: string | null, codes: CodeChoice = {}): string {
  return columnsOf(term, roles, mediator, codes).join(':');
}

/** The terms a template stands for: one, or one per code (per pair of codes) of a multicategorical X, W or Z. */
function termNames(term: TermTemplate, roles: RoleColumns, mediator: string | null): string[] {
  const f = factorsOf(term);
  const xs = f.includes('x') && roles.xCodes ? roles.xCodes : [undefined];
  const ws = f.includes('w') && roles.wCodes ? roles.wCodes : [undefined];
  const zs = f.includes('z') && roles.zCodes ? roles.zCodes : [undefined];
  return xs.flatMap((x) =>
    ws.flatMap((w) => zs.map((z) => termName(term, roles, mediator, { ...(x === undefined ? {} : { x }), ...(w === undefined ? {} : { w }), ...(z === undefined ? {} : { z }) }))),
  );
}

const BLOCK_ROLES = ['w', 'z', 'v', 'q', 'x'];

/**
 * PROCESS 4's order of an equation's regressors: X and the mediators; then a block per moderator
 * (W, then Z; PROCESS 2's V and Q after them) holding the moderator, its product with X and its
 * products with each mediator; then the blocks of two moderators (W·Z, X·W·Z, Mⱼ·W·Z). In a
 * product with a mediator X acts as a moderator (model 74's M·X), in a block after Q's.
 * The sort key of one term template.
 */
function orderKey(term: TermTemplate, mediator: number): number[] {
  const f = factorsOf(term);
  const withM = f.includes('M');
  const block = f
    .filter((r) => r !== 'M' && (r !== 'x' || withM))
    .map((r) => BLOCK_ROLES.indexOf(r))
    .sort((a, b) => a - b);
  const kind = withM ? 2 : f.includes('x') ? 1 : 0;
  return [block.length, ...block, ...Array<number>(3 - block.length).fill(-1), kind, withM ? mediator : 0];
}

function byKey(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return 0;
}

/** Templates (with the mediator each stands for) in PROCESS 4's order. */
function ordered(items: readonly { readonly term: TermTemplate; readonly mediator: number }[]): { readonly term: TermTemplate; readonly mediator: number }[] {
  return [...items].sort((p, q) => byKey(orderKey(p.term, p.mediator), orderKey(q.term, q.mediator)));
}

/** The terms of a mediator's equation (without covariates), in PROCESS 4's order. */
export function mediatorTerms(entry: CatalogEntry, roles: RoleColumns, index: number): string[] {
  if (entry.mediator === 'serial') return [...termNames('x', roles, null), ...roles.m.slice(0, index)];
  if (entry.mediator === 'network') throw new Error(`internal: model ${entry.model}'s equations come from its edges`);
  return ordered((entry.mediator ?? []).map((term) => ({ term, mediator: 0 }))).flatMap((t) => termNames(t.term, roles, null));
}

/** The terms of Y's equation (without covariates), each mediator's terms expanded, in PROCESS 4's order. */
export function outcomeTerms(entry: CatalogEntry, roles: RoleColumns): string[] {
  const items: { term: TermTemplate; mediator: number }[] = [];
  for (const item of entry.outcome) {
    if (typeof item === 'string') items.push({ term: item, mediator: 0 });
    else roles.m.forEach((_, i) => item.forEach((term) => items.push({ term, mediator: i })));
  }
  return ordered(items).flatMap((t) => termNames(t.term, roles, t.mediator < roles.m.length && t.term.includes('M') ? (roles.m[t.mediator] as string) : null));
}

/** Y's templates for one mediator (its group terms) and those of no mediator. */
export function outcomeTemplates(entry: CatalogEntry): { readonly perMediator: readonly TermTemplate[]; readonly shared: readonly TermTemplate[] } {
  const perMediator: TermTemplate[] = [];
  const shared: TermTemplate[] = [];
  for (const item of entry.outcome) {
    if (typeof item === 'string') shared.push(item);
    else perMediator.push(...item);
  }
  return { perMediator, shared };
}

/**
 * A polynomial in the moderators whose coefficients are products of regression coefficients:
 * Σ_k Π(coefficients_k) · Π(roles_k). `terms[k].coefficients` are term references resolved by
 * the caller.
 */
export interface Monomial<C> {
  readonly coefficients: readonly C[];
  /** Roles multiplied (sorted; repeated for a square). */
  readonly roles: readonly string[];
}

/** The product of two polynomials (the indirect effect a·b from its paths). */
export function multiply<C>(p: readonly Monomial<C>[], q: readonly Monomial<C>[]): Monomial<C>[] {
  const out: Monomial<C>[] = [];
  for (const s of p) for (const t of q) out.push({ coefficients: [...s.coefficients, ...t.coefficients], roles: [...s.roles, ...t.roles].sort() });
  return out;
}

/** The indices a polynomial in the moderators has, as PROCESS defines them. */
export type IndexShape =
  /** No moderator: an unconditional (in)direct effect. */
  | { readonly kind: 'none' }
  /** Linear in one moderator: the index of moderated mediation is its coefficient. */
  | { readonly kind: 'moderated'; readonly moderator: string }
  /** Linear and additive in two moderators: one index of partial moderated mediation each. */
  | { readonly kind: 'partial'; readonly moderators: readonly [string, string] }
  /** Bilinear in two moderators (a W·Z term): the index of moderated moderated mediation and the conditional indices. */
  | { readonly kind: 'moderatedModerated'; readonly moderators: readonly [string, string] }
  /** Quadratic in a moderator, or three or more moderators: conditional effects only. */
  | { readonly kind: 'conditionalOnly' };

/** Classifies an indirect effect's polynomial (Hayes, 2015, 2018; PROCESS's indices). */
export function indexShape<C>(poly: readonly Monomial<C>[]): IndexShape {
  const roles = [...new Set(poly.flatMap((m) => m.roles))].sort();
  if (roles.length === 0) return { kind: 'none' };
  if (poly.some((m) => new Set(m.roles).size !== m.roles.length)) return { kind: 'conditionalOnly' };
  if (roles.length === 1) return { kind: 'moderated', moderator: roles[0] as string };
  if (roles.length > 2) return { kind: 'conditionalOnly' };
  const pair = roles as [string, string];
  return poly.some((m) => m.roles.length === 2) ? { kind: 'moderatedModerated', moderators: pair } : { kind: 'partial', moderators: pair };
}

/** Role-level paths of a model (coefficients named by their term templates). */
export interface CatalogPaths {
  /** X → M (each mediator alike), null without mediators or for the serial model. */
  readonly a: readonly Monomial<TermTemplate>[] | null;
  /** M → Y. */
  readonly b: readonly Monomial<TermTemplate>[] | null;
  /** X → Y. */
  readonly direct: readonly Monomial<TermTemplate>[];
}

/**
 * The path from `focal` (`'x'` or `'M'`) in an equation: every term containing it; the path's
 * coefficient is Σ b_term · Π(the term's other factors), so each term is a monomial in those
 * roles (`'w'`, `'x'` when X moderates M → Y) with the term's template as its coefficient.
 */
export function rolePath(templates: readonly TermTemplate[], focal: 'x' | 'M'): Monomial<TermTemplate>[] {
  return templates.flatMap((t) => {
    const f = factorsOf(t);
    const at = f.indexOf(focal);
    return at < 0 ? [] : [{ coefficients: [t], roles: f.filter((_, i) => i !== at).sort() }];
  });
}

/** The paths of a catalog model over roles. */
export function catalogPaths(entry: CatalogEntry): CatalogPaths {
  const { perMediator, shared } = outcomeTemplates(entry);
  const parallel = Array.isArray(entry.mediator);
  return {
    a: parallel ? rolePath(entry.mediator as readonly TermTemplate[], 'x') : null,
    b: parallel ? rolePath(perMediator, 'M') : null,
    direct: rolePath([...shared, ...perMediator], 'x'),
  };
}

/** The result tables a model has, derived from its equations (named as in the fact table). */
export function derivedTables(entry: CatalogEntry): string[] {
  const paths = catalogPaths(entry);
  const tables: string[] = [];
  if (entry.mediator === null) {
    tables.push('conditionalEffects');
    if (paths.direct.some((m) => m.roles.length === 2)) tables.push('conditionalInteractionEffects');
    return tables;
  }
  const directRoles = new Set(paths.direct.flatMap((m) => m.roles));
  if (!directRoles.has('M')) tables.push(directRoles.size === 0 ? 'directEffect' : 'conditionalDirectEffects');
  if (paths.a === null || paths.b === null) return [...tables, 'indirectEffects'];
  const shape = indexShape(multiply(paths.a, paths.b));
  tables.push(shape.kind === 'none' ? 'indirectEffects' : 'conditionalIndirectEffects');
  if (shape.kind === 'moderated') tables.push('indexOfModeratedMediation');
  if (shape.kind === 'partial') tables.push('indexOfPartialModeratedMediation');
  if (shape.kind === 'moderatedModerated') tables.push('indexOfModeratedModeratedMediation', 'indexOfConditionalModeratedMediation');
  return tables;
}
