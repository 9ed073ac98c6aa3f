// PROCESS 4's models 80–92: mediators in a network (parallel mediators feeding a last one, one
// mediator feeding parallel ones, two serial chains, or a full serial chain), with W moderating
// some paths of the chain. Each model is its edges for k mediators; the equations, the indirect
// effects along every chain and their moderation follow from the edges.
//
// Structure from PROCESS for R 4.3.1's model definitions (its path and moderation matrices for
// these numbers) and jaspProcess's hard-coded configurations, which agree for every model.

/** PROCESS 4's network models. */
export type NetworkModelNumber = 80 | 81 | 82 | 83 | 84 | 85 | 86 | 87 | 88 | 89 | 90 | 91 | 92;

/** A node of the network: X, mediator i (0-based), or Y. */
export type NetworkNode = 'x' | number | 'y';

/** A path of the model: from → to, moderated by W or not. */
export interface NetworkEdge {
  readonly from: 'x' | number;
  readonly to: number | 'y';
  readonly moderated: boolean;
}

/** One network model. */
export interface NetworkEntry {
  readonly model: NetworkModelNumber;
  /** How many mediators it takes (inclusive). */
  readonly mediators: readonly [number, number];
  /** Its moderators: W (models 83–92) or none. */
  readonly moderators: readonly 'w'[];
  /** What W moderates, in words (for the docs). */
  readonly description: string;
  /** Its paths for k mediators. */
  edges(k: number): NetworkEdge[];
}

type Moderated = (from: 'x' | number, to: number | 'y', k: number) => boolean;

/** A full serial chain (each mediator on X and every earlier one; Y on X and all), W on the paths `moderated` picks. */
function serialChain(moderated: Moderated): (k: number) => NetworkEdge[] {
  return (k) => {
    const edges: NetworkEdge[] = [];
    for (let j = 0; j < k; j++) {
      edges.push({ from: 'x', to: j, moderated: moderated('x', j, k) });
      for (let i = 0; i < j; i++) edges.push({ from: i, to: j, moderated: moderated(i, j, k) });
    }
    for (let i = 0; i < k; i++) edges.push({ from: i, to: 'y', moderated: moderated(i, 'y', k) });
    edges.push({ from: 'x', to: 'y', moderated: moderated('x', 'y', k) });
    return edges;
  };
}

/** Edges without moderation from a list of mediator → mediator paths (X → every mediator, every mediator → Y, X → Y). */
function unmoderated(between: (k: number) => readonly (readonly [number, number])[]): (k: number) => NetworkEdge[] {
  return (k) => [
    ...Array.from({ length: k }, (_, j): NetworkEdge => ({ from: 'x', to: j, moderated: false })),
    ...between(k).map(([from, to]): NetworkEdge => ({ from, to, moderated: false })),
    ...Array.from({ length: k }, (_, i): NetworkEdge => ({ from: i, to: 'y', moderated: false })),
    { from: 'x', to: 'y', moderated: false },
  ];
}

const last = (node: number | 'y' | 'x', k: number) => node === k - 1;

/** The network models, by number. */
export const NETWORK: ReadonlyMap<NetworkModelNumber, NetworkEntry> = new Map(
  (
    [
      [80, [3, 6], 'M1 … M(k−1) in parallel, each feeding Mk', unmoderated((k) => Array.from({ length: k - 1 }, (_, i) => [i, k - 1] as const))],
      [81, [3, 6], 'M1 feeding M2 … Mk, which are in parallel', unmoderated((k) => Array.from({ length: k - 1 }, (_, i) => [0, i + 1] as const))],
      [82, [4, 4], 'two serial chains in parallel: M1 → M2 and M3 → M4', unmoderated(() => [[0, 1], [2, 3]] as const)],
      [83, [2, 6], 'serial; W on X → M1', serialChain((f, t) => f === 'x' && t === 0)],
      [84, [2, 6], 'serial; W on every X → Mj', serialChain((f, t) => f === 'x' && t !== 'y')],
      [85, [2, 6], 'serial; W on every X → Mj and on X → Y', serialChain((f) => f === 'x')],
      [86, [2, 6], 'serial; W on X → M1 and on X → Y', serialChain((f, t) => f === 'x' && (t === 0 || t === 'y'))],
      [87, [2, 6], 'serial; W on Mk → Y', serialChain((f, t, k) => t === 'y' && last(f, k))],
      [88, [2, 6], 'serial; W on every Mj → Y', serialChain((f, t) => f !== 'x' && t === 'y')],
      [89, [2, 6], 'serial; W on every Mj → Y and on X → Y', serialChain((f, t) => t === 'y')],
      [90, [2, 6], 'serial; W on Mk → Y and on X → Y', serialChain((f, t, k) => t === 'y' && (f === 'x' || last(f, k)))],
      [91, [2, 6], 'serial; W on every Mi → Mj', serialChain((f, t) => f !== 'x' && t !== 'y')],
      [92, [2, 6], 'serial; W on every path', serialChain(() => true)],
    ] as const
  ).map(([model, mediators, description, edges]): [NetworkModelNumber, NetworkEntry] => [model, { model, mediators, moderators: model >= 83 ? ['w'] : [], description, edges }]),
);

/** The network model numbers. */
export const NETWORK_MODELS: readonly NetworkModelNumber[] = Object.freeze([...NETWORK.keys()]);

/**
 * Every chain of mediators from X to Y (mediator indices), in PROCESS's order for serial models:
 * by first mediator, then length, then mediator by mediator.
 */
export function networkChains(edges: readonly NetworkEdge[], k: number): number[][] {
  const has = (from: 'x' | number, to: number | 'y') => edges.some((e) => e.from === from && e.to === to);
  const chains: number[][] = [];
  const grow = (chain: number[]) => {
    const end = chain[chain.length - 1] as number;
    if (has(end, 'y')) chains.push(chain);
    for (let j = 0; j < k; j++) if (has(end, j)) grow([...chain, j]);
  };
  for (let j = 0; j < k; j++) if (has('x', j)) grow([j]);
  return chains.sort((p, q) => (p[0] as number) - (q[0] as number) || p.length - q.length || lexical(p, q));
}

function lexical(p: readonly number[], q: readonly number[]): number {
  for (let i = 0; i < Math.min(p.length, q.length); i++) if (p[i] !== q[i]) return (p[i] as number) - (q[i] as number);
  return p.length - q.length;
}

/** Each network model's moderator roles (`never`: none). */
export interface NetworkModerators {
  80: never;
  81: never;
  82: never;
  83: 'w';
  84: 'w';
  85: 'w';
  86: 'w';
  87: 'w';
  88: 'w';
  89: 'w';
  90: 'w';
  91: 'w';
  92: 'w';
}

/** The result sections each network model has (the others are null); a test derives the same from the edges. */
export interface NetworkSections {
  80: 'directEffect' | 'indirectEffects';
  81: 'directEffect' | 'indirectEffects';
  82: 'directEffect' | 'indirectEffects';
  83: 'directEffect' | 'indirectEffects' | 'conditionalIndirectEffects' | 'indexOfModeratedMediation';
  84: 'directEffect' | 'conditionalIndirectEffects' | 'indexOfModeratedMediation';
  85: 'conditionalDirectEffects' | 'conditionalIndirectEffects' | 'indexOfModeratedMediation';
  86: 'conditionalDirectEffects' | 'indirectEffects' | 'conditionalIndirectEffects' | 'indexOfModeratedMediation';
  87: 'directEffect' | 'indirectEffects' | 'conditionalIndirectEffects' | 'indexOfModeratedMediation';
  88: 'directEffect' | 'conditionalIndirectEffects' | 'indexOfModeratedMediation';
  89: 'conditionalDirectEffects' | 'conditionalIndirectEffects' | 'indexOfModeratedMediation';
  90: 'conditionalDirectEffects' | 'indirectEffects' | 'conditionalIndirectEffects' | 'indexOfModeratedMediation';
  91: 'directEffect' | 'indirectEffects' | 'conditionalIndirectEffects' | 'indexOfModeratedMediation';
  92: 'conditionalDirectEffects' | 'conditionalIndirectEffects';
}

/**
 * The sections a network model has with k mediators: the direct effect (conditional when W is on
 * X → Y); the indirect effects of chains W is on nowhere, conditional ones of the others; an index
 * of moderated mediation for a chain W is on once (linear in W).
 */
export function networkSections(entry: NetworkEntry, k: number): string[] {
  const edges = entry.edges(k);
  const moderated = (from: 'x' | number, to: number | 'y') => edges.some((e) => e.from === from && e.to === to && e.moderated);
  const sections = new Set<string>([moderated('x', 'y') ? 'conditionalDirectEffects' : 'directEffect']);
  for (const chain of networkChains(edges, k)) {
    const nodes: (number | 'x' | 'y')[] = ['x', ...chain, 'y'];
    let count = 0;
    for (let i = 0; i + 1 < nodes.length; i++) if (moderated(nodes[i] as 'x' | number, nodes[i + 1] as number | 'y')) count++;
    sections.add(count === 0 ? 'indirectEffects' : 'conditionalIndirectEffects');
    if (count === 1) sections.add('indexOfModeratedMediation');
  }
  return [...sections];
}
