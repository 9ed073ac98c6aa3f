// PROCESS 4's models 80–92 from their edges: each equation regresses a node on what points into
// it (with W and the products of the paths W moderates); each indirect effect is the product of
// the path polynomials along one chain of mediators, probed at W's values.
import type { Table } from '../data/table.js';
import type { KernelStatistic } from './kernel.js';
import { compileProducts } from './compile-effects.js';
import { indexShape, multiply, type Monomial } from './catalog.js';
import type { AnyRelativeProcessResult, CatalogProcessResult, ConditionalIndirectDifference, ConditionalIndirectEffect, MediationIndex, ModeratorValues, ProbedModerator } from './catalog-types.js';
import type { BootstrapEffect, EffectLocator, EngineEffect, EngineEquation } from './engine.js';
import { codeContrasts } from '../data/group-coding.js';
import { networkChains, type NetworkEdge } from './network.js';
import { byModerator, codeRole, combinations, compile, derivative, expandAt, highestOrderTests, linearPath, omnibusTests, pathEffects, probedPaths, rolesOf } from './process-catalog.js';
import { coefficientEffects, commonResult, testedFromTable, totalEffectFit, effectFields, fitOf, fitProcess, processData, type CoefficientSlot, type ProcessData } from './process-data.js';
import type { ProcessSettings } from './process-options.js';
import type { IndirectEffect, TestedEffect } from './process-types.js';

/** The column of a node (X as `xColumn`: one of a multicategorical X's codes). */
function columnOf(s: ProcessSettings, node: 'x' | number, xColumn: string = s.x): string {
  return node === 'x' ? xColumn : (s.m[node] as string);
}

/** The path polynomials (`offsets`) of the edges along X → chain → Y, in order. */
function chainFactors(edges: readonly NetworkEdge[], chain: readonly number[], offsets: (e: NetworkEdge) => Monomial<number>[]): Monomial<number>[][] {
  const nodes: ('x' | number | 'y')[] = ['x', ...chain, 'y'];
  return nodes.slice(0, -1).map((from, i) => offsets(edges.find((e) => e.from === from && e.to === nodes[i + 1]) as NetworkEdge));
}

/** The indirect effect along X → chain → Y: the product of its edges' path polynomials. */
function chainPolynomial(factors: readonly Monomial<number>[][]): Monomial<number>[] {
  return factors.reduce<Monomial<number>[]>((poly, f) => multiply(poly, f), [{ coefficients: [], roles: [] }]);
}

/**
 * The equations of a network model: each mediator's, then Y's. A node's regressors are X, then
 * the mediators pointing into it in order; then, if W moderates a path into it, W and the
 * products (X·W, then Mᵢ·W), as PROCESS 4 orders them; covariates where `covariatesIn` puts them.
 */
export function networkEquations(s: ProcessSettings, xCodes: readonly string[] | null = null, wCodes: readonly string[] | null = null): EngineEquation[] {
  const network = s.network as NonNullable<ProcessSettings['network']>;
  const edges = network.edges(s.m.length);
  const w = s.w as string;
  const order = (e: NetworkEdge) => (e.from === 'x' ? -1 : e.from);
  // A multicategorical X enters through its codes.
  const columns = (from: 'x' | number) => (from === 'x' && xCodes !== null ? xCodes : [columnOf(s, from)]);
  // A multicategorical W enters through its codes, and so do its products (X·W₁, X·W₂, …, then M·W₁, …).
  const ws = wCodes ?? [w];
  const terms = (to: number | 'y') => {
    const into = edges.filter((e) => e.to === to).sort((p, q) => order(p) - order(q));
    const products = into.filter((e) => e.moderated).flatMap((e) => columns(e.from).flatMap((c) => ws.map((wc) => `${c}:${wc}`)));
    return [...into.flatMap((e) => columns(e.from)), ...(products.length > 0 ? [...ws, ...products] : [])];
  };
  const covM = s.covariatesIn === 'outcome' ? [] : s.covariates;
  const covY = s.covariatesIn === 'mediators' ? [] : s.covariates;
  return [...s.m.map((med, j) => ({ name: med, outcome: med, terms: [...terms(j), ...covM] })), { name: s.y, outcome: s.y, terms: [...terms('y'), ...covY] }];
}

/**
 * A path's polynomial in W: its coefficient, plus its product's coefficient times W when W
 * moderates it; for a multicategorical W one product per code, in the code's role `w#j` (so the
 * path at W's group g is the polynomial at that group's code values, as in the catalog).
 */
function pathTerms(s: ProcessSettings, edge: NetworkEdge, xColumn: string = s.x, wCodes: readonly string[] | null = null): Monomial<string>[] {
  const from = columnOf(s, edge.from, xColumn);
  if (!edge.moderated) return [{ coefficients: [from], roles: [] }];
  if (wCodes === null) return [{ coefficients: [from], roles: [] }, { coefficients: [`${from}:${s.w as string}`], roles: ['w'] }];
  return [{ coefficients: [from], roles: [] }, ...wCodes.map((wc, j) => ({ coefficients: [`${from}:${wc}`], roles: [codeRole('w', j)] }))];
}

/** A chain's label (`m1 -> m2`) and its full path from X to Y. */
function chainLabel(s: ProcessSettings, chain: readonly number[]): string {
  return chain.map((i) => s.m[i] as string).join(' -> ');
}
function chainPath(s: ProcessSettings, chain: readonly number[]): string[] {
  return [s.x, ...chain.map((i) => s.m[i] as string), s.y];
}

/** {@link pathTerms} with each coefficient located in the engine's coefficient vector (for compiled effects). */
function locatedPath(s: ProcessSettings, loc: EffectLocator, edge: NetworkEdge, xColumn: string = s.x, wCodes: readonly string[] | null = null): Monomial<number>[] {
  const eq = edge.to === 'y' ? s.y : (s.m[edge.to] as string);
  return pathTerms(s, edge, xColumn, wCodes).map((m) => ({ coefficients: m.coefficients.map((t) => loc.coefficient(eq, t)), roles: m.roles }));
}

/**
 * Unmoderated chains of mediators with a multicategorical X (models 6 and 80–82): each chain's
 * indirect effect per code of X (the code's path to the first mediator times the rest of the
 * chain), the relative direct and total effects with their omnibus tests, as for model 4; with
 * `mediatorOmnibus` (model 6) also the omnibus test of X in each mediator's equation.
 */
export function relativeChains(s: ProcessSettings, data: ProcessData, chains: readonly (readonly number[])[], mediatorOmnibus = false): AnyRelativeProcessResult {
  const { equations } = data;
  const coding = data.xCoding as NonNullable<typeof data.xCoding>;
  const codes = coding.columnNames;
  const labelOf = (chain: readonly number[]) => chainLabel(s, chain);
  const slots: { code: string; mediator: string; chain: readonly number[]; slot: number }[] = [];
  const totals: { code: string; slot: number }[] = [];
  const standardized: { code: string; mediator: string; chain: readonly number[]; slot: number }[] = [];
  let coefficientSlots: CoefficientSlot[] = [];
  const engine = fitProcess(data, s, equations, (loc: EffectLocator) => {
    const out: EngineEffect[] = [];
    coefficientSlots = coefficientEffects(s, loc, equations, out);
    const sy = s.standardize ? loc.variable(s.y) : -1;
    for (const code of codes) {
      const fs: KernelStatistic[] = [];
      for (const chain of chains) {
        const nodes: ('x' | number | 'y')[] = ['x', ...chain, 'y'];
        const at = Int32Array.from(nodes.slice(0, -1), (from, i) => loc.coefficient(nodes[i + 1] === 'y' ? s.y : (s.m[nodes[i + 1] as number] as string), columnOf(s, from as 'x' | number, code)));
        const f: KernelStatistic = (c) => {
          let v = 1;
          for (let i = 0; i < at.length; i++) v *= c[at[i] as number] as number;
          return v;
        };
        fs.push(f);
        slots.push({ code, mediator: labelOf(chain), chain, slot: out.length });
        out.push({ name: `indirect ${labelOf(chain)} of ${code}`, statistic: f, usesSds: false });
      }
      totals.push({ code, slot: out.length });
      out.push({
        name: `total indirect of ${code}`,
        statistic: (c, sd) => {
          let sum = 0;
          for (let i = 0; i < fs.length; i++) sum += (fs[i] as KernelStatistic)(c, sd);
          return sum;
        },
        usesSds: false,
      });
      if (s.standardize) {
        fs.forEach((f, i) => {
          standardized.push({ code, mediator: labelOf(chains[i] as number[]), chain: chains[i] as number[], slot: out.length });
          out.push({ name: `partially standardized ${i} of ${code}`, statistic: (c, sd) => f(c, sd) / (sd[sy] as number), usesSds: true });
        });
      }
    }
    return out;
  });
  const effect = (slot: number) => effectFields(engine.effects[slot] as BootstrapEffect);
  const pathOf = (chain: readonly number[]) => chainPath(s, chain);
  const yFit = fitOf(engine, s.y);
  const yEquation = equations[equations.length - 1] as EngineEquation;
  const total = totalEffectFit(data, s);
  const unit = (c: string): Monomial<string>[] => [{ coefficients: [c], roles: [] }];
  return {
    ...commonResult(s.model, s, data, engine, [], coefficientSlots),
    model: s.model,
    xCoding: coding,
    moderators: [],
    directEffects: codes.map((code) => ({ code, ...linearPath(yFit, unit(code), {}, s.confidence) })),
    conditionalDirectEffects: null,
    conditionalEffects: null,
    conditionalInteractions: null,
    conditionalPathEffects: null,
    pathPredictions: null,
    totalEffectModel: total?.equation ?? null,
    totalEffects: total === null ? null : codes.map((code) => ({ code, ...testedFromTable(total.equation, code) })),
    indirectEffects: slots.map((u) => ({ code: u.code, label: u.mediator, path: pathOf(u.chain), ...effect(u.slot) })),
    standardizedIndirectEffects: s.standardize ? standardized.map((u) => ({ code: u.code, label: u.mediator, path: pathOf(u.chain), ...effect(u.slot) })) : null,
    totalIndirectEffects: totals.map((t) => ({ code: t.code, label: 'TOTAL', path: [], ...effect(t.slot) })),
    conditionalIndirectEffects: null,
    conditionalIndirectDifferences: null,
    indexOfModeratedMediation: null,
    indexOfPartialModeratedMediation: null,
    indexOfModeratedModeratedMediation: null,
    indexOfConditionalModeratedMediation: null,
    omnibusTests: [
      ...(mediatorOmnibus ? s.m.flatMap((med, j) => omnibusTests(data, fitOf(engine, med), equations[j] as EngineEquation, codes.map(unit), [{}])) : []),
      ...omnibusTests(data, yFit, yEquation, codes.map(unit), [{}]),
      ...(total === null ? [] : omnibusTests(data, total.fit, total.engine, codes.map(unit), [{}])),
    ],
    interactionTests: highestOrderTests(data, s, equations, engine.fits),
    bootstrap: engine.bootstrap,
  } as AnyRelativeProcessResult;
}

/**
 * A moderated network model (83–92) with a multicategorical X: per code of X, each chain's
 * indirect effect (the code's path to the first mediator times the rest of the chain), relative
 * conditional at W's probe values where W is on the chain, with its index of moderated mediation
 * where it is linear in W; the relative (conditional) direct effects; omnibus tests of X in each
 * mediator's equation whose X → M path W moderates and in Y's equation, at W's probe values
 * where W is on the path — as the parallel catalog models (7, 8, …) report them.
 */
function relativeModeratedChains(s: ProcessSettings, data: ProcessData, edges: readonly NetworkEdge[], chains: readonly (readonly number[])[]): AnyRelativeProcessResult {
  const { equations } = data;
  const coding = data.xCoding as NonNullable<typeof data.xCoding>;
  const codes = coding.columnNames;
  const edge = (from: 'x' | number, to: number | 'y') => edges.find((e) => e.from === from && e.to === to) as NetworkEdge;
  const probeMap = new Map<string, readonly number[]>([...data.probesByRole].map(([r, p]) => [r, p.values]));
  const moderators: ProbedModerator[] = s.probed.map((role) => ({
    role,
    column: s.moderators[role as 'w'] as string,
    probes: data.probesByRole.get(role) as ProbedModerator['probes'],
    dichotomous: data.dichotomousByRole.get(role) as boolean,
    coding: null,
  }));
  const labelOf = (chain: readonly number[]) => chainLabel(s, chain);
  const pathOf = (chain: readonly number[]) => chainPath(s, chain);

  type Slot = { readonly slot: number; readonly code: string; readonly mediator: string; readonly chain: readonly number[] };
  const unconditional: Slot[] = [];
  const conditional: (Slot & { at: ModeratorValues })[] = [];
  const indices: Slot[] = [];
  const differences: (Slot & { values: readonly [number, number] })[] = [];
  const totals: { code: string; slot: number }[] = [];
  let coefficientSlots: CoefficientSlot[] = [];
  const engine = fitProcess(data, s, equations, (loc: EffectLocator) => {
    const out: EngineEffect[] = [];
    const push = (name: string, statistic: KernelStatistic) => {
      out.push({ name, statistic, usesSds: false });
      return out.length - 1;
    };
    coefficientSlots = coefficientEffects(s, loc, equations, out);
    for (const code of codes) {
      const offsets = (e: NetworkEdge) => locatedPath(s, loc, e, code);
      const plain: Monomial<number>[][] = [];
      for (const chain of chains) {
        const factors = chainFactors(edges, chain, offsets);
        const poly = chainPolynomial(factors);
        const mediator = labelOf(chain);
        const involved = rolesOf(poly);
        if (involved.length === 0) {
          plain.push(poly);
          unconditional.push({ code, mediator, chain, slot: push(`indirect ${mediator} of ${code}`, compile(poly, {})) });
          continue;
        }
        // The chain at every probe value as one family: each edge once per value of its own moderators.
        const combos = combinations(involved, probeMap);
        const effects = compileProducts(factors, combos);
        combos.forEach((combo, i) => conditional.push({ code, mediator, chain, at: combo, slot: push(`conditional indirect ${mediator} of ${code} at ${JSON.stringify(combo)}`, effects[i] as KernelStatistic) }));
        const two = probeMap.get('w') as readonly number[];
        if (data.dichotomousByRole.get('w') === true && two.length === 2) {
          const [lo, hi] = two as [number, number];
          const [high, low] = compileProducts(factors, [{ w: hi }, { w: lo }]) as [KernelStatistic, KernelStatistic];
          differences.push({ code, mediator, chain, values: [lo, hi], slot: push(`difference ${mediator} of ${code}`, (c, sd) => high(c, sd) - low(c, sd)) });
        }
        if (indexShape(poly).kind === 'moderated') indices.push({ code, mediator, chain, slot: push(`index ${mediator} of ${code}`, compile(derivative(poly, 'w'), {})) });
      }
      if (plain.length > 1 && plain.length === chains.length) totals.push({ code, slot: push(`total indirect of ${code}`, compile(plain.flat(), {})) });
    }
    return out;
  });

  const effect = (slot: number) => effectFields(engine.effects[slot] as BootstrapEffect);
  const yFit = fitOf(engine, s.y);
  const yEquation = equations[equations.length - 1] as EngineEquation;
  const directPolys = codes.map((code) => pathTerms(s, edge('x', 'y'), code));
  const directRoles = rolesOf(directPolys[0] as Monomial<string>[]);
  const directAt = combinations(directRoles, probeMap);
  // Omnibus tests of X: in each mediator's equation whose X → M path W moderates (at W's values), then in Y's.
  const mediatorTests = s.m.flatMap((med, j) => {
    const e = edge('x', j);
    if (!e.moderated) return [];
    return omnibusTests(data, fitOf(engine, med), equations[j] as EngineEquation, codes.map((code) => pathTerms(s, e, code)), combinations(['w'], probeMap));
  });
  const tests = highestOrderTests(data, s, equations, engine.fits);
  const paths = pathEffects(data, s, equations, engine.fits, [...codes, ...s.m], engine.designs);
  return {
    ...commonResult(s.model, s, data, engine, [], coefficientSlots),
    model: s.model,
    xCoding: coding,
    moderators,
    directEffects: directRoles.length === 0 ? codes.map((code, i) => ({ code, ...linearPath(yFit, directPolys[i] as Monomial<string>[], {}, s.confidence) })) : null,
    conditionalDirectEffects: directRoles.length === 0 ? null : codes.flatMap((code, i) => directAt.map((combo) => ({ code, at: combo, ...linearPath(yFit, directPolys[i] as Monomial<string>[], combo, s.confidence) }))),
    conditionalEffects: null,
    conditionalInteractions: null,
    conditionalPathEffects: probedPaths(s, data, tests, paths.effects),
    pathPredictions: paths.predictions,
    totalEffectModel: null,
    totalEffects: null,
    indirectEffects: unconditional.length === 0 ? null : unconditional.map((u) => ({ code: u.code, label: u.mediator, path: pathOf(u.chain), ...effect(u.slot) })),
    standardizedIndirectEffects: null,
    totalIndirectEffects: totals.length === 0 ? null : totals.map((t) => ({ code: t.code, label: 'TOTAL', path: [], ...effect(t.slot) })),
    conditionalIndirectEffects: conditional.length === 0 ? null : conditional.map((c) => ({ code: c.code, mediator: c.mediator, at: c.at, ...effect(c.slot) })),
    conditionalIndirectDifferences: differences.length === 0 ? null : differences.map((d) => ({ code: d.code, mediator: d.mediator, moderator: 'w', values: d.values, ...effect(d.slot) })),
    indexOfModeratedMediation: indices.length === 0 ? null : indices.map((i) => ({ code: i.code, mediator: i.mediator, moderator: 'w', ...effect(i.slot) })),
    indexOfPartialModeratedMediation: null,
    indexOfModeratedModeratedMediation: null,
    indexOfConditionalModeratedMediation: null,
    omnibusTests: [...mediatorTests, ...omnibusTests(data, yFit, yEquation, directPolys, directAt)],
    interactionTests: tests,
    bootstrap: engine.bootstrap,
  } as AnyRelativeProcessResult;
}

/** Runs a network model (80–92). */
export function networkProcess(table: Table, s: ProcessSettings): CatalogProcessResult | AnyRelativeProcessResult {
  const network = s.network as NonNullable<ProcessSettings['network']>;
  const data = processData(table, s);
  const k = s.m.length;
  const edges = network.edges(k);
  if (data.xCoding !== null) return network.moderators.length === 0 ? relativeChains(s, data, networkChains(edges, k)) : relativeModeratedChains(s, data, edges, networkChains(edges, k));
  const { equations } = data;
  const edge = (from: 'x' | number, to: number | 'y') => edges.find((e) => e.from === from && e.to === to) as NetworkEdge;
  const chains = networkChains(edges, k);
  const probeMap = new Map<string, readonly number[]>([...data.probesByRole].map(([r, p]) => [r, p.values]));
  const moderators: ProbedModerator[] = s.probed.map((role) => ({
    role,
    column: s.moderators[role as 'w'] as string,
    probes: data.probesByRole.get(role) as ProbedModerator['probes'],
    dichotomous: data.dichotomousByRole.get(role) as boolean,
    coding: data.wCoding,
  }));
  const labelOf = (chain: readonly number[]) => chainLabel(s, chain);
  // A multicategorical W (PROCESS's mcw): its codes, probed at each of its groups.
  const wCoding = data.wCoding;
  const wCodes = wCoding?.columnNames ?? null;
  const at = (combo: Readonly<Record<string, number>>) => expandAt(data, combo);

  type Slot = { readonly slot: number; readonly mediator: string; readonly chain: readonly number[] };
  const unconditional: Slot[] = [];
  const conditional: (Slot & { at: ModeratorValues })[] = [];
  const indices: (Slot & { code?: string })[] = [];
  const groupContrasts: (Slot & { code: string; compares: string })[] = [];
  const differences: (Slot & { values: readonly [number, number] })[] = [];
  let total = -1;
  const contrastSlots: { slot: number; first: number; second: number }[] = [];
  const partially: number[] = [];
  const completely: number[] = [];
  let coefficientSlots: CoefficientSlot[] = [];
  const engine = fitProcess(data, s, equations, (loc: EffectLocator) => {
    const out: EngineEffect[] = [];
    const push = (name: string, statistic: KernelStatistic) => {
      out.push({ name, statistic, usesSds: false });
      return out.length - 1;
    };
    coefficientSlots = coefficientEffects(s, loc, equations, out);
    const offsets = (e: NetworkEdge) => locatedPath(s, loc, e, s.x, wCodes);
    const plain: Monomial<number>[][] = [];
    for (const chain of chains) {
      const factors = chainFactors(edges, chain, offsets);
      const poly = chainPolynomial(factors);
      const mediator = labelOf(chain);
      const involved = rolesOf(poly);
      if (involved.length === 0) {
        plain.push(poly);
        unconditional.push({ mediator, chain, slot: push(`indirect ${mediator}`, compile(poly, {})) });
        continue;
      }
      // The chain at every probe value as one family: each edge once per value of its own moderators.
      const combos = combinations(involved, probeMap);
      const effects = compileProducts(factors, combos.map(at));
      combos.forEach((combo, i) => conditional.push({ mediator, chain, at: combo, slot: push(`conditional indirect ${mediator} at ${JSON.stringify(combo)}`, effects[i] as KernelStatistic) }));
      const two = probeMap.get('w') as readonly number[];
      if (data.dichotomousByRole.get('w') === true && two.length === 2) {
        const [lo, hi] = two as [number, number];
        const [high, low] = compileProducts(factors, [{ w: hi }, { w: lo }]) as [KernelStatistic, KernelStatistic];
        differences.push({ mediator, chain, values: [lo, hi], slot: push(`difference ${mediator}`, (c, sd) => high(c, sd) - low(c, sd)) });
      }
      const linear = indexShape(byModerator(poly)).kind === 'moderated';
      if (wCoding === null) {
        if (linear) indices.push({ mediator, chain, slot: push(`index ${mediator}`, compile(derivative(poly, 'w'), {})) });
      } else if (linear) {
        // Linear in W's codes: one index per code, the code's coefficient in the indirect effect.
        wCoding.columnNames.forEach((code, j) => indices.push({ mediator, chain, code, slot: push(`index ${mediator} ${codeRole('w', j)}`, compile(derivative(poly, codeRole('w', j)), {})) }));
      } else {
        // W on more than one path of the chain (not linear in its codes): no index, but contrasts
        // of its groups' conditional indirect effects with the coding's weights, as the catalog's.
        const byGroup = compileProducts(factors, wCoding.levels.map((level) => at({ w: Number(level) })));
        (codeContrasts(wCoding.matrix) as number[][]).forEach((weights, j) => {
          const wts = Float64Array.from(weights);
          const statistic: KernelStatistic = (c, sd) => {
            let sum = 0;
            for (let g = 0; g < wts.length; g++) if (wts[g] !== 0) sum += (wts[g] as number) * (byGroup[g] as KernelStatistic)(c, sd);
            return sum;
          };
          const code = wCoding.columnNames[j] as string;
          groupContrasts.push({ mediator, chain, code, compares: wCoding.compares[j] as string, slot: push(`contrast ${mediator} ${code}`, statistic) });
        });
      }
    }
    if (plain.length > 1 && plain.length === chains.length) total = push('total indirect', compile(plain.flat(), {}));
    if (s.contrasts) {
      // Pairwise differences between the chains' indirect effects (PROCESS's contrast=1).
      const fs = plain.map((poly) => compile(poly, {}));
      for (let i = 0; i < fs.length; i++) {
        for (let j = i + 1; j < fs.length; j++) {
          const fi = fs[i] as KernelStatistic;
          const fj = fs[j] as KernelStatistic;
          contrastSlots.push({ slot: push(`contrast ${i} minus ${j}`, (c, sd) => fi(c, sd) - fj(c, sd)), first: i, second: j });
        }
      }
    }
    if (s.standardize) {
      // As PROCESS's effsize: a·b…/SD_Y, and ·SD_X for the completely standardized ones (SDs of each resample).
      const sx = loc.variable(s.x);
      const sy = loc.variable(s.y);
      const all = [...plain.map((poly) => compile(poly, {})), ...(total < 0 ? [] : [compile(plain.flat(), {})])];
      for (const f of all) {
        partially.push(out.length);
        out.push({ name: 'partially standardized', statistic: (c, sd) => f(c, sd) / (sd[sy] as number), usesSds: true });
      }
      for (const f of all) {
        completely.push(out.length);
        out.push({ name: 'completely standardized', statistic: (c, sd) => (f(c, sd) * (sd[sx] as number)) / (sd[sy] as number), usesSds: true });
      }
    }
    return out;
  });

  const effect = (slot: number) => effectFields(engine.effects[slot] as BootstrapEffect);
  // Standardized chains in the order of indirectEffects, then the total.
  const standardizedRows = (slots: readonly number[]): IndirectEffect[] =>
    slots.map((slot, i) => (i < unconditional.length ? { label: (unconditional[i] as Slot).mediator, path: [s.x, ...(unconditional[i] as Slot).chain.map((j) => s.m[j] as string), s.y], ...effect(slot) } : { label: 'TOTAL', path: [], ...effect(slot) }));
  const yFit = fitOf(engine, s.y);
  const direct = pathTerms(s, edge('x', 'y'), s.x, wCodes);
  const directRoles = rolesOf(direct);
  const directEffect: TestedEffect | null = directRoles.length === 0 ? linearPath(yFit, direct, {}, s.confidence) : null;
  const conditionalDirectEffects = directRoles.length === 0 ? null : combinations(directRoles, probeMap).map((combo) => ({ at: combo, ...linearPath(yFit, direct, at(combo), s.confidence) }));
  const indirectEffects: IndirectEffect[] | null = unconditional.length === 0 ? null : unconditional.map((u) => ({ label: u.mediator, path: [s.x, ...u.chain.map((i) => s.m[i] as string), s.y], ...effect(u.slot) }));
  const conditionalIndirectEffects: ConditionalIndirectEffect[] | null = conditional.length === 0 ? null : conditional.map((c) => ({ mediator: c.mediator, at: c.at, ...effect(c.slot) }));
  const indexOfModeratedMediation: MediationIndex[] | null =
    indices.length === 0 ? null : indices.map((i) => ({ ...(i.code === undefined ? {} : { code: i.code }), mediator: i.mediator, moderator: 'w', ...effect(i.slot) }));
  const conditionalIndirectDifferences: ConditionalIndirectDifference[] | null =
    differences.length === 0 ? null : differences.map((d) => ({ mediator: d.mediator, moderator: 'w', values: d.values, ...effect(d.slot) }));
  const paths = moderators.length > 0 ? pathEffects(data, s, equations, engine.fits, [s.x, ...s.m], engine.designs) : null;
  const tests = highestOrderTests(data, s, equations, engine.fits);
  const totalModel = moderators.length === 0 ? totalEffectFit(data, s) : null;
  const result = {
    ...commonResult(s.model, s, data, engine, [], coefficientSlots),
    moderators,
    totalEffectModel: totalModel?.equation ?? null,
    totalEffect: totalModel === null ? null : testedFromTable(totalModel.equation, s.x),
    directEffect,
    conditionalDirectEffects,
    conditionalEffects: null,
    conditionalInteractions: null,
    conditionalInteractionTests: null,
    predictedValues: null,
    johnsonNeyman: null,
    indirectEffects,
    totalIndirectEffect: total < 0 ? null : { label: 'TOTAL', path: [], ...effect(total) },
    contrasts: s.contrasts
      ? contrastSlots.map(({ slot, first, second }) => {
          const a = (unconditional[first] as Slot).mediator;
          const b = (unconditional[second] as Slot).mediator;
          return { label: `${a} minus ${b}`, first: a, second: b, ...effect(slot) };
        })
      : null,
    standardized: s.standardize ? { partially: standardizedRows(partially), completely: standardizedRows(completely) } : null,
    conditionalIndirectEffects,
    conditionalIndirectDifferences,
    groupContrasts: groupContrasts.length === 0 ? null : groupContrasts.map((g) => ({ mediator: g.mediator, code: g.code, compares: g.compares, ...effect(g.slot) })),
    indexOfModeratedMediation,
    indexOfPartialModeratedMediation: null,
    indexOfModeratedModeratedMediation: null,
    indexOfConditionalModeratedMediation: null,
    interactionTests: tests,
    conditionalPathEffects: paths === null ? null : probedPaths(s, data, tests, paths.effects),
    johnsonNeymanPaths: paths?.regions ?? null,
    pathPredictions: paths?.predictions ?? null,
    bootstrap: engine.bootstrap,
  };
  // The sections follow the model's edges, which is what NetworkSections records (tested).
  return result as CatalogProcessResult;
}
