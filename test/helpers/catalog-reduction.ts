// Which catalog model a PROCESS model becomes without one of its moderators (every term that
// contains it removed): its parent, e.g. model 21 without z is model 7, and model 21 without w is
// model 14 (whose one moderator, w, is model 21's z).
import { CATALOG, CATALOG_MODELS, type CatalogEntry } from '../../src/mediation/catalog.js';

const MODERATORS = ['w', 'z', 'v', 'q'];

/** The model's equations as a string in which moderators are named by first appearance; `drop` removed. */
function canonical(entry: CatalogEntry, drop: string | null): { key: string; order: string[] } {
  const keep = (t: string) => drop === null || !t.split('*').includes(drop);
  const mediator = Array.isArray(entry.mediator) ? (entry.mediator as string[]).filter(keep) : entry.mediator;
  const outcome = entry.outcome.flatMap((i) => (typeof i === 'string' ? [i] : i.map((t) => `M-group:${t}`))).filter((t) => keep(t.replace('M-group:', '')));
  const order: string[] = [];
  const note = (t: string) => t.replace('M-group:', '').split('*').forEach((f) => MODERATORS.includes(f) && !order.includes(f) && order.push(f));
  (Array.isArray(mediator) ? mediator : []).forEach(note);
  outcome.forEach(note);
  const rename = (t: string) => t.split('*').map((f) => (order.includes(f) ? `mod${order.indexOf(f)}` : f)).sort().join('*');
  const key = JSON.stringify([Array.isArray(mediator) ? mediator.map(rename).sort() : mediator, outcome.map((t) => (t.startsWith('M-group:') ? `M-group:${rename(t.slice(8))}` : rename(t))).sort()]);
  return { key, order };
}

export interface Reduction {
  readonly model: number;
  /** The moderator removed. */
  readonly drop: string;
  /** The catalog model left, or undefined if none is. */
  readonly parent: number | undefined;
  /** Each remaining moderator of the model → the parent's role for it. */
  readonly roles: ReadonlyMap<string, string>;
}

/** Every (model, moderator) of models 2–76 (model 1 without its moderator is no PROCESS model). */
export function catalogReductions(): Reduction[] {
  const byShape = new Map<string, number>();
  for (const model of CATALOG_MODELS) {
    const { key } = canonical(CATALOG.get(model)!, null);
    if (!byShape.has(key)) byShape.set(key, model);
  }
  return CATALOG_MODELS.filter((model) => model !== 1).flatMap((model) => {
    const entry = CATALOG.get(model)!;
    return entry.moderators.map((drop) => {
      const { key, order } = canonical(entry, drop);
      const parent = byShape.get(key);
      const parentOrder = parent === undefined ? [] : canonical(CATALOG.get(parent)!, null).order;
      return { model, drop, parent, roles: new Map(order.map((role, k) => [role, parentOrder[k] as string])) };
    });
  });
}
