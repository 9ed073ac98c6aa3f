import { fail } from '../errors.js';
import { numberIn, oneOf, showValue, strictObject, strictOptions } from '../util/options.js';
import { escapeHtml } from './escape.js';
import { formatPResolved, formatResolved, resolveNumberFormat, resolvePFormat } from './format.js';
import type { CounterfactualMediationResult, ParallelMediationResult, SerialMediationResult } from '../mediation/process-types.js';
import { plural } from './apa-common.js';
import { arrowHead, asOption, backgroundOption, element, figureOutput, inkOn, pagePaint, sizeOption, svgOpen, textOption, textWidth, type FigureFormat } from './svg.js';

/** A path coefficient: a bare estimate, or an estimate with its p-value. */
export type PathValue = number | { readonly estimate: number; readonly p?: number | null };

/** The paths of a mediation model, as PROCESS names them. */
export interface MediationPaths {
  /** X → M: one per mediator (a bare value when there is one mediator). */
  readonly a: PathValue | readonly PathValue[];
  /** M → Y: one per mediator. */
  readonly b: PathValue | readonly PathValue[];
  /** Direct effect X → Y controlling for the mediators. */
  readonly cPrime: PathValue;
  /** Total effect X → Y, printed under c′ when given. */
  readonly c?: PathValue;
}

/** What {@link pathDiagramSvg} draws: the boxes' labels and the path coefficients. */
export interface PathDiagramModel {
  /** Label of the predictor box. */
  readonly x: string;
  /** Label of the mediator box, or one label per parallel mediator. */
  readonly m: string | readonly string[];
  /** Label of the outcome box. */
  readonly y: string;
  readonly paths: MediationPaths;
}

/** Options of {@link pathDiagramSvg}. */
export interface PathDiagramOptions {
  /** Decimals of the coefficients. Default 2. Coefficients keep their leading zero (they are not bounded by 1). */
  readonly decimals?: number;
  /**
   * How p-values show: `'stars'` (default; `*` p < .05, `**` p < .01, `***` p < .001, with a note
   * line), `'p'` (`a = 0.42, p < .001`) or `'none'`.
   */
  readonly significance?: 'stars' | 'p' | 'none';
  /** Accessible title. Default `'Mediation model'`. */
  readonly title?: string;
  /** Size in pixels: the diagram lays out for `width`; the height grows with the number of mediators by default. */
  readonly width?: number;
  readonly height?: number;
  /**
   * Paint of the boxes behind the path labels (which hide the arrow under a label). Default
   * `Canvas`, the page's background under its color-scheme; `'white'` for a white box, or your
   * page's colour. The variables' boxes are outlines (no fill) unless `background` is given. Text
   * on a `background` is black on a light colour and white on a dark one (see `inkOn`).
   */
  readonly background?: string;
  /** `'string'` (default): the SVG markup; `'element'`: an `SVGSVGElement` (needs a DOM). */
  readonly as?: FigureFormat;
}

/** What {@link pathDiagramSvg} draws: labels and coefficients, or a processModel result of model 4 or 6. */
export type PathDiagramInput = PathDiagramModel | ParallelMediationResult | CounterfactualMediationResult | SerialMediationResult;

/** What a processModel result of model 4 or 6 brings to the diagram (read defensively). */
interface MediationFit {
  readonly kind: 'processModel';
  readonly model: number;
  readonly variables: { readonly x: string; readonly y: string; readonly m: readonly string[] };
  readonly equations: readonly { readonly outcome: string; readonly coefficients: readonly { readonly term: string; readonly estimate: number; readonly p: number }[] }[];
  readonly directEffect: { readonly estimate: number; readonly p: number };
  readonly totalEffect: { readonly estimate: number; readonly p: number } | null;
}

/** A serial model's paths: a (X → Mᵢ), d (Mᵢ → Mⱼ, i < j), b (Mᵢ → Y). */
interface SerialPaths {
  readonly a: readonly Coefficient[];
  /** d[j][i]: Mᵢ → Mⱼ for i < j. */
  readonly d: readonly (readonly (Coefficient | undefined)[])[];
  readonly b: readonly Coefficient[];
}

/**
 * A processModel result as the diagram's model: model 4 (one or several parallel mediators) as a
 * PathDiagramModel, model 6 (serial mediators) with its d paths too. Other models, the
 * counterfactual model 4 (`xmInteraction`) and a multicategorical X have no single a/b/c′ diagram.
 */
function fromProcess(result: object): { model: PathDiagramModel; serial: SerialPaths | null } {
  const r = result as Partial<MediationFit> & { xCoding?: unknown; naturalDirectEffect?: unknown };
  const unsupported = (why: string): never => {
    throw fail('INVALID_INPUT', `pathDiagramSvg draws PROCESS models 4 (parallel mediators) and 6 (serial mediators): ${why}. conceptualDiagramSvg draws any model.`, { value: r.model });
  };
  if (r.model !== 4 && r.model !== 6) unsupported(`this is model ${showValue(r.model)}`);
  if (r.naturalDirectEffect !== undefined) unsupported('a model 4 with X × M interactions (`xmInteraction`) has natural and controlled effects, not one c′');
  if (r.xCoding !== undefined && r.xCoding !== null) unsupported('a multicategorical X has one path per code');
  const v = r.variables;
  if (typeof v?.x !== 'string' || typeof v.y !== 'string' || !Array.isArray(v.m) || v.m.length === 0 || !Array.isArray(r.equations)) unsupported('`variables` or `equations` is not as processModel returns them');
  const { x, y, m } = v as MediationFit['variables'];
  const path = (outcome: string, term: string): Coefficient => {
    const eq = (r.equations as MediationFit['equations']).find((e) => e?.outcome === outcome);
    const coef = Array.isArray(eq?.coefficients) ? eq.coefficients.find((c) => c?.term === term) : undefined;
    if (coef === undefined) unsupported(`the equation of ${outcome} has no term ${term}`);
    return coefficient(`${term} → ${outcome}`, { estimate: coef!.estimate, p: coef!.p });
  };
  const a = m.map((med) => path(med, x));
  const b = m.map((med) => path(y, med));
  if (typeof r.directEffect !== 'object' || r.directEffect === null) unsupported('it has no `directEffect`');
  const cPrime = coefficient('cPrime', { estimate: r.directEffect!.estimate, p: r.directEffect!.p });
  const total = r.totalEffect ?? null;
  const c = total === null || typeof total !== 'object' ? undefined : coefficient('c', { estimate: total.estimate, p: total.p });
  const pv = (v: Coefficient): PathValue => (v.p === undefined ? v.estimate : { estimate: v.estimate, p: v.p });
  const model: PathDiagramModel = { x, y, m, paths: { a: a.map(pv), b: b.map(pv), cPrime: pv(cPrime), ...(c ? { c: pv(c) } : {}) } };
  if (r.model === 4) return { model, serial: null };
  const d = m.map((to, j) => m.map((from, i) => (i < j ? path(to, from) : undefined)));
  return { model, serial: { a, b, d } };
}

interface Coefficient {
  estimate: number;
  p: number | undefined;
}

function coefficient(name: string, value: unknown): Coefficient {
  const v = typeof value === 'number' ? { estimate: value } : value;
  if (typeof v !== 'object' || v === null || typeof (v as { estimate?: unknown }).estimate !== 'number') {
    throw fail('INVALID_INPUT', `pathDiagramSvg: path \`${name}\` must be a number or { estimate, p }.`, { option: name, value });
  }
  const { estimate, p } = v as { estimate: number; p?: unknown };
  if (!Number.isFinite(estimate)) throw fail('NON_FINITE', `pathDiagramSvg: path \`${name}\` is ${estimate}.`, { option: name, value: estimate });
  if (p !== undefined && p !== null && (typeof p !== 'number' || !(p >= 0 && p <= 1))) {
    throw fail('OUT_OF_RANGE', `pathDiagramSvg: the p-value of path \`${name}\` must lie in [0, 1]; got ${showValue(p)}.`, { option: name, value: p });
  }
  return { estimate, p: typeof p === 'number' ? p : undefined };
}

function stars(p: number | undefined): string {
  if (p === undefined) return '';
  return p < 0.001 ? '***' : p < 0.01 ? '**' : p < 0.05 ? '*' : '';
}

/** A path label: its markup, its plain text and the half-sizes of the box behind it. */
interface Label {
  markup: string;
  plain: string;
  hw: number;
  hh: number;
}

/** Font size and half-height of the path labels' boxes. */
const LABEL_SIZE = 12;
const LABEL_HALF_HEIGHT = 9;

interface Rect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Whether the segment passes through the rectangle (Liang–Barsky clipping). */
function segmentHits(l: { x1: number; y1: number; x2: number; y2: number }, r: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = l.x2 - l.x1;
  const dy = l.y2 - l.y1;
  for (const [p, q] of [
    [-dx, l.x1 - r.x0],
    [dx, r.x1 - l.x1],
    [-dy, l.y1 - r.y0],
    [dy, r.y1 - l.y1],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
    } else if (p < 0) t0 = Math.max(t0, q / p);
    else t1 = Math.min(t1, q / p);
  }
  return t1 > t0;
}

interface Box {
  cx: number;
  cy: number;
  hw: number;
  hh: number;
}

/** Where the segment from the box's centre towards (tx, ty) leaves the box. */
function edgePoint(from: Box, tx: number, ty: number): [number, number] {
  const dx = tx - from.cx;
  const dy = ty - from.cy;
  const t = Math.min(dx === 0 ? Infinity : from.hw / Math.abs(dx), dy === 0 ? Infinity : from.hh / Math.abs(dy));
  return [from.cx + t * dx, from.cy + t * dy];
}

/**
 * Draws a mediation path diagram as a standalone SVG: X, the mediators and Y in boxes, arrows
 * for a, b and c′ labelled with their coefficients (subscripted a₁, b₁, … for parallel
 * mediators; d₂₁, … between serial ones) and, when given, the total effect c under c′ — the
 * statistical diagram of Hayes (2022), *Introduction to Mediation, Moderation, and Conditional
 * Process Analysis* (3rd ed.), models 4 and 6. Takes a {@link PathDiagramModel}, or a
 * processModel result of model 4 (one or several parallel mediators) or model 6 (serial
 * mediators) directly: the coefficients and p-values of its equations, c′ its direct effect and
 * c its total effect, labelled with the variables' names. No plotting library; arrowheads are
 * polygons, so the figure defines no ids and several can share one page. Text and lines use
 * `currentColor`; the labels' boxes are painted with the page's background (see `background`).
 * With `as: 'element'` it returns an `SVGSVGElement`.
 *
 * @example
 * ```ts
 * pathDiagramSvg({
 *   x: 'ESSE', m: 'Social support', y: 'PWB',
 *   paths: { a: { estimate: 0.52, p: 0.0001 }, b: { estimate: 0.31, p: 0.002 }, cPrime: { estimate: 0.40, p: 0.001 }, c: { estimate: 0.56, p: 0.00001 } },
 * }, { significance: 'stars' });
 * // A fitted model: model 4 with two parallel mediators, or model 6 (serial).
 * const fit = processModel(data, { model: 6, x: 'esse', m: ['ss', 'rec'], y: 'pwb', seed: 1 });
 * pathDiagramSvg(fit, { width: 640 });
 * ```
 */
export function pathDiagramSvg(model: PathDiagramInput, options: PathDiagramOptions & { readonly as: 'element' }): SVGSVGElement;
export function pathDiagramSvg(model: PathDiagramInput, options?: PathDiagramOptions & { readonly as?: 'string' }): string;
export function pathDiagramSvg(model: PathDiagramInput, options?: PathDiagramOptions): string | SVGSVGElement;
export function pathDiagramSvg(model: PathDiagramInput, options?: PathDiagramOptions): string | SVGSVGElement {
  const o = strictOptions<PathDiagramOptions>(options, 'pathDiagramSvg', ['decimals', 'significance', 'title', 'width', 'height', 'background', 'as']);
  const as = asOption(o.as);
  const background = backgroundOption(o.background);
  const fitted = typeof model === 'object' && model !== null && (model as { kind?: unknown }).kind === 'processModel' ? fromProcess(model) : null;
  const serial = fitted?.serial ?? null;
  const d = fitted?.model ?? (strictObject(model, 'model', ['x', 'm', 'y', 'paths']) as unknown as PathDiagramModel);
  const xLabel = textOption('x', d.x, '');
  const yLabel = textOption('y', d.y, '');
  if (xLabel === '' || yLabel === '') throw fail('INVALID_OPTION', 'pathDiagramSvg: `x` and `y` must be non-empty labels.', { option: xLabel === '' ? 'x' : 'y' });
  const mLabels = typeof d.m === 'string' ? [d.m] : Array.isArray(d.m) ? (d.m as unknown[]) : [];
  if (mLabels.length === 0 || mLabels.some((l) => typeof l !== 'string' || l === '')) {
    throw fail('INVALID_OPTION', 'pathDiagramSvg: `m` must be a label or a non-empty array of labels.', { option: 'm', value: d.m });
  }
  const mediators = mLabels as string[];
  const k = mediators.length;
  if (typeof d.paths !== 'object' || d.paths === null) throw fail('INVALID_INPUT', 'pathDiagramSvg: `paths` must be an object with a, b and cPrime.', { option: 'paths' });
  const perMediator = (name: 'a' | 'b'): Coefficient[] => {
    const value = d.paths[name];
    const list = Array.isArray(value) ? (value as unknown[]) : [value];
    if (list.length !== k) {
      throw fail('LENGTH_MISMATCH', `pathDiagramSvg: ${plural(k, 'mediator')} but ${plural(list.length, `\`${name}\` path`)}.`, { option: name, expected: k, actual: list.length });
    }
    return list.map((v, i) => coefficient(k === 1 ? name : `${name}${i + 1}`, v));
  };
  const a = perMediator('a');
  const b = perMediator('b');
  const cPrime = coefficient('cPrime', d.paths.cPrime);
  const c = d.paths.c === undefined ? undefined : coefficient('c', d.paths.c);
  const decimals = numberIn('decimals', o.decimals, 2, 0, 6, { integer: true });
  const significance = oneOf('significance', o.significance, ['stars', 'p', 'none'] as const, 'stars');
  const title = textOption('title', o.title, 'Mediation model');

  const fontSize = 13;
  const boxH = 36;
  const boxW = (label: string) => Math.max(84, textWidth(label, fontSize) + 24);
  const dPaths = serial === null ? [] : serial.d.flat().filter((v): v is Coefficient => v !== undefined);
  const usesStars = significance === 'stars' && [...a, ...b, ...dPaths, cPrime, ...(c ? [c] : [])].some((v) => v.p !== undefined);

  const number = resolveNumberFormat({ decimals }, 'pathDiagramSvg');
  const pFormat = resolvePFormat({}, 'pathDiagramSvg');
  // Label text: the symbol (with an optional subscript) and " = value" with stars or p.
  const label = (symbol: string, sub: string, v: Coefficient): Label => {
    const value = formatResolved(v.estimate, number);
    const suffix = significance === 'stars' ? stars(v.p) : significance === 'p' && v.p !== undefined ? `, ${formatPResolved(v.p, pFormat)}` : '';
    const markup = `${escapeHtml(symbol)}${sub ? `<tspan baseline-shift="sub" font-size="9">${escapeHtml(sub)}</tspan>` : ''} = ${escapeHtml(value + suffix)}`;
    const plain = `${symbol}${sub} = ${value}${suffix}`;
    // Half-sizes of the label's box: the text's estimated width plus a margin, one line high.
    return { markup, plain, hw: textWidth(plain, LABEL_SIZE) / 2 + 4, hh: LABEL_HALF_HEIGHT };
  };
  const aLabels = a.map((v, i) => label('a', k === 1 ? '' : String(i + 1), v));
  const bLabels = b.map((v, i) => label('b', k === 1 ? '' : String(i + 1), v));
  const lc = label('c\u2032', '', cPrime);
  const ltotal = c ? label('c', '', c) : undefined;

  // Layout. One mediator: the triangle of Hayes's model 4 — M on top, X and Y on the bottom row, the
  // labels beside the arrows' midpoints. Several: X and Y at mid-height, the mediators stacked
  // in the middle column, half above and half below the X → Y line (Hayes's parallel-mediator
  // figure), so the c′ arrow runs straight through a gap between them; each label sits on its
  // arrow next to the mediator box, where the arrows are furthest apart.
  const widest = Math.max(...aLabels.concat(bLabels).map((l) => 2 * l.hw));
  const cWidth = Math.max(2 * lc.hw, ltotal ? 2 * ltotal.hw : 0);
  const mWidth = Math.max(...mediators.map(boxW), k === 1 ? 0 : cWidth + 12);
  const stack = 34; // vertical gap between stacked mediators
  const middle = 84; // the gap the c′ arrow and its two labels run through (several mediators)
  const up = k === 1 ? 1 : Math.ceil(k / 2);
  const down = k - up;
  const top = 24;
  const stackHeight = (n: number) => n * boxH + Math.max(0, n - 1) * stack;
  const lineY = k === 1 ? top + boxH + 70 + boxH / 2 : top + stackHeight(up) + middle / 2;
  // The lowest thing drawn: a box, or the total effect's label under the X → Y arrow.
  const contentBottom = Math.max(lineY + boxH / 2, k === 1 ? 0 : lineY + middle / 2 + stackHeight(down), ltotal ? lineY + 4 + 2 * ltotal.hh : 0);
  const noteRoom = usesStars ? 22 : 0;
  const fixedWidth = sizeOption('width', o.width, 0);
  const fixedHeight = sizeOption('height', o.height, 0);
  const naturalWidth = (sideGap: number) => Math.max(560, 40 + boxW(xLabel) + boxW(yLabel) + mWidth + 2 * sideGap);
  // Room between X (or Y) and the mediator column: the widest label and some arrow beside it, and
  // more until no label covers another label, a box or another path's arrow (steep, crowded fans
  // of arrows need longer, shallower arrows). A `width` option is taken as given.
  let sideGap = k === 1 ? 100 : widest + 50;
  let g: Drawing;
  if (serial !== null) g = serialLayout(serial);
  else {
    g = layout(fixedWidth || naturalWidth(sideGap));
    for (let tries = 0; !fixedWidth && tries < 60 && collides(g); tries++) {
      sideGap += 10;
      g = layout(naturalWidth(sideGap));
    }
  }
  const { width, xBox, yBox, mBoxes } = g;
  const height = fixedHeight || g.bottom + 16 + noteRoom;

  interface Placed {
    readonly l: Label;
    readonly x: number;
    readonly y: number;
    readonly name: string;
    readonly cls: string;
  }
  interface Segment {
    readonly x1: number;
    readonly y1: number;
    readonly x2: number;
    readonly y2: number;
    readonly name: string;
  }
  interface Drawing {
    readonly width: number;
    readonly xBox: Box;
    readonly yBox: Box;
    readonly mBoxes: readonly Box[];
    readonly arrows: readonly Segment[];
    readonly placed: readonly Placed[];
    /** The lowest thing drawn. */
    readonly bottom: number;
  }

  /**
   * Serial mediators (model 6), as Hayes draws them: X and Y on the bottom row, the mediators
   * in causal order between them on an arch (the middle ones highest, so a path that skips a
   * mediator passes under it), every X → Mᵢ, Mᵢ → Mⱼ and Mᵢ → Y arrow, and c′ along the bottom.
   * Each label sits on its arrow where it touches no other label, box or arrow, trying the
   * middle first and then points nearer either end.
   */
  function serialLayout(sp: SerialPaths): Drawing {
    const dLabels = sp.d.map((row, j) => row.map((v, i) => (v === undefined ? undefined : label('d', `${j + 1}${i + 1}`, v))));
    const widestLabel = Math.max(...aLabels.concat(bLabels, dLabels.flat().filter((l): l is Label => l !== undefined)).map((l) => 2 * l.hw));
    const gap = Math.max(80, widestLabel + 36);
    const mw = Math.max(...mediators.map(boxW));
    const w = fixedWidth || Math.max(600, 40 + boxW(xLabel) + boxW(yLabel) + k * mw + (k + 1) * gap);
    const rise = (i: number) => (k > 2 ? 64 * (Math.min(i + 1, k - i) - 1) : 0);
    const highest = Math.max(...mediators.map((_, i) => rise(i)));
    const lineYs = top + highest + boxH + (k > 2 ? 140 : 120) + boxH / 2;
    const xb: Box = { cx: 20 + boxW(xLabel) / 2, cy: lineYs, hw: boxW(xLabel) / 2, hh: boxH / 2 };
    const yb: Box = { cx: w - 20 - boxW(yLabel) / 2, cy: lineYs, hw: boxW(yLabel) / 2, hh: boxH / 2 };
    const mb: Box[] = mediators.map((_, i) => ({ cx: xb.cx + ((yb.cx - xb.cx) * (i + 1)) / (k + 1), cy: top + highest - rise(i) + boxH / 2, hw: mw / 2, hh: boxH / 2 }));
    const arrows: Segment[] = [];
    const edges: { from: Box; to: Box; l: Label; name: string }[] = [];
    const sub = (i: number) => String(i + 1);
    // The chain X → M1 → M2 → … → Y first (its labels get the best places), then the rest.
    edges.push({ from: xb, to: mb[0] as Box, l: aLabels[0] as Label, name: 'a1' });
    for (let j = 1; j < k; j++) edges.push({ from: mb[j - 1] as Box, to: mb[j] as Box, l: dLabels[j]![j - 1] as Label, name: `d${sub(j)}${sub(j - 1)}` });
    edges.push({ from: mb[k - 1] as Box, to: yb, l: bLabels[k - 1] as Label, name: `b${k}` });
    for (let i = 1; i < k; i++) edges.push({ from: xb, to: mb[i] as Box, l: aLabels[i] as Label, name: `a${sub(i)}` });
    for (let i = 0; i < k - 1; i++) edges.push({ from: mb[i] as Box, to: yb, l: bLabels[i] as Label, name: `b${sub(i)}` });
    for (let j = 2; j < k; j++) for (let i = 0; i < j - 1; i++) edges.push({ from: mb[i] as Box, to: mb[j] as Box, l: dLabels[j]![i] as Label, name: `d${sub(j)}${sub(i)}` });
    const segments = edges.map((e) => {
      const [x1, y1] = edgePoint(e.from, e.to.cx, e.to.cy);
      const [x2, y2] = edgePoint(e.to, e.from.cx, e.from.cy);
      return { x1, y1, x2, y2, name: e.name };
    });
    arrows.push(...segments);
    const x1 = xb.cx + xb.hw;
    const x2 = yb.cx - yb.hw;
    arrows.push({ x1, y1: lineYs, x2, y2: lineYs, name: 'c-prime' });
    const placed: Placed[] = [{ l: lc, x: (x1 + x2) / 2, y: lineYs - lc.hh - 4, name: 'c-prime', cls: 'label' }];
    if (ltotal) placed.push({ l: ltotal, x: (x1 + x2) / 2, y: lineYs + ltotal.hh + 4, name: 'c-prime', cls: 'label total' });
    const boxes = [xb, yb, ...mb].map((b) => ({ x0: b.cx - b.hw, x1: b.cx + b.hw, y0: b.cy - b.hh, y1: b.cy + b.hh }));
    const rectOf = (p: { l: Label; x: number; y: number }) => ({ x0: p.x - p.l.hw, x1: p.x + p.l.hw, y0: p.y - p.l.hh, y1: p.y + p.l.hh });
    const overlap = (q: Rect, r: Rect, margin: number) => Math.min(q.x1, r.x1) - Math.max(q.x0, r.x0) > -margin && Math.min(q.y1, r.y1) - Math.max(q.y0, r.y0) > -margin;
    edges.forEach((e, n) => {
      const s = segments[n] as Segment;
      let best: Placed | undefined;
      let bestCost = Infinity;
      for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8]) {
        const p: Placed = { l: e.l, x: s.x1 + t * (s.x2 - s.x1), y: s.y1 + t * (s.y2 - s.y1), name: e.name, cls: 'label' };
        const r = rectOf(p);
        const cost =
          100 * placed.filter((q) => overlap(r, rectOf(q), 4)).length +
          100 * boxes.filter((b) => overlap(r, b, 6)).length +
          10 * arrows.filter((a) => a.name !== e.name && segmentHits(a, { x0: r.x0 - 2, x1: r.x1 + 2, y0: r.y0 - 2, y1: r.y1 + 2 })).length +
          Math.abs(t - 0.5);
        if (cost < bestCost) {
          bestCost = cost;
          best = p;
        }
      }
      placed.push(best as Placed);
    });
    const bottom = Math.max(lineYs + boxH / 2, ltotal ? lineYs + 4 + 2 * ltotal.hh : 0);
    return { width: w, xBox: xb, yBox: yb, mBoxes: mb, arrows, placed, bottom };
  }

  /** Every box, arrow and label position for a figure `w` pixels wide. */
  function layout(w: number): Drawing {
    const mb: Box[] = mediators.map((_, i) => {
      const cy = k === 1 || i < up ? top + boxH / 2 + i * (boxH + stack) : lineY + middle / 2 + boxH / 2 + (i - up) * (boxH + stack);
      return { cx: w / 2, cy, hw: mWidth / 2, hh: boxH / 2 };
    });
    const xb: Box = { cx: 20 + boxW(xLabel) / 2, cy: lineY, hw: boxW(xLabel) / 2, hh: boxH / 2 };
    const yb: Box = { cx: w - 20 - boxW(yLabel) / 2, cy: lineY, hw: boxW(yLabel) / 2, hh: boxH / 2 };
    const arrows: Segment[] = [];
    const placed: Placed[] = [];
    // Beside a segment's midpoint, on the side away from the figure's centre, just clear of the line.
    const beside = (l: Label, x1: number, y1: number, x2: number, y2: number): [number, number] => {
      const len = Math.hypot(x2 - x1, y2 - y1);
      let nx = -(y2 - y1) / len;
      let ny = (x2 - x1) / len;
      const mx = (x1 + x2) / 2;
      const my = (y1 + y2) / 2;
      if (nx * (mx - w / 2) + ny * (my - (top + lineY) / 2) < 0) {
        nx = -nx;
        ny = -ny;
      }
      const d = Math.abs(nx) * l.hw + Math.abs(ny) * l.hh + 3;
      return [mx + nx * d, my + ny * d];
    };
    // On the segment, with the label's near edge 16 px (horizontally) from the end (x2, y2).
    const nearEnd = (l: Label, x1: number, y1: number, x2: number, y2: number): [number, number] => {
      const t = 1 - (l.hw + 16) / Math.abs(x2 - x1);
      return [x1 + t * (x2 - x1), y1 + t * (y2 - y1)];
    };
    mb.forEach((m, i) => {
      const sub = k === 1 ? '' : String(i + 1);
      const la = aLabels[i] as Label;
      const lb = bLabels[i] as Label;
      // A mediator is entered at the middle of its left side and left from the middle of its right
      // side, so with equal-width boxes no arrow crosses another mediator's box.
      const [ax, ay] = edgePoint(xb, m.cx - m.hw, m.cy);
      const [bx, by] = edgePoint(yb, m.cx + m.hw, m.cy);
      const aName = k === 1 ? 'a' : `a${sub}`;
      const bName = k === 1 ? 'b' : `b${sub}`;
      arrows.push({ x1: ax, y1: ay, x2: m.cx - m.hw, y2: m.cy, name: aName }, { x1: m.cx + m.hw, y1: m.cy, x2: bx, y2: by, name: bName });
      const [lax, lay] = k === 1 ? beside(la, ax, ay, m.cx - m.hw, m.cy) : nearEnd(la, ax, ay, m.cx - m.hw, m.cy);
      const [lbx, lby] = k === 1 ? beside(lb, m.cx + m.hw, m.cy, bx, by) : nearEnd(lb, bx, by, m.cx + m.hw, m.cy);
      placed.push({ l: la, x: lax, y: lay, name: aName, cls: 'label' }, { l: lb, x: lbx, y: lby, name: bName, cls: 'label' });
    });
    // c′ above the X → Y arrow, the total effect c under it.
    const x1 = xb.cx + xb.hw;
    const x2 = yb.cx - yb.hw;
    arrows.push({ x1, y1: lineY, x2, y2: lineY, name: 'c-prime' });
    placed.push({ l: lc, x: (x1 + x2) / 2, y: lineY - lc.hh - 4, name: 'c-prime', cls: 'label' });
    if (ltotal) placed.push({ l: ltotal, x: (x1 + x2) / 2, y: lineY + ltotal.hh + 4, name: 'c-prime', cls: 'label total' });
    return { width: w, xBox: xb, yBox: yb, mBoxes: mb, arrows, placed, bottom: contentBottom };
  }

  /** Whether a label overlaps another label or a box, or another path's arrow runs under it. */
  function collides(f: Drawing): boolean {
    const rects = f.placed.map((p) => ({ x0: p.x - p.l.hw, x1: p.x + p.l.hw, y0: p.y - p.l.hh, y1: p.y + p.l.hh, name: p.name }));
    const boxes = [f.xBox, f.yBox, ...f.mBoxes].map((b) => ({ x0: b.cx - b.hw, x1: b.cx + b.hw, y0: b.cy - b.hh, y1: b.cy + b.hh }));
    // Closer than `margin` counts as touching: 4 px between labels, 12 px from a box.
    const hit = (a: Rect, b: Rect, margin: number) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > -margin && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > -margin;
    return rects.some(
      (r, i) =>
        rects.some((q, j) => j > i && hit(r, q, 4)) ||
        boxes.some((b) => hit(r, b, 12)) ||
        f.arrows.some((a) => a.name !== r.name && segmentHits(a, { x0: r.x0 - 2, x1: r.x1 + 2, y0: r.y0 - 2, y1: r.y1 + 2 })),
    );
  }

  const parts: string[] = [];
  const box = (bx: Box, text: string, role: string) =>
    element(
      'g',
      { class: `box ${role}` },
      element('rect', { x: bx.cx - bx.hw, y: bx.cy - bx.hh, width: 2 * bx.hw, height: 2 * bx.hh, fill: background ?? 'none', stroke: 'currentColor', 'stroke-width': '1.25' }) +
        element('text', { x: bx.cx, y: bx.cy, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': String(fontSize), fill: inkOn(background) }, escapeHtml(text)),
    );
  const arrow = ({ x1, y1, x2, y2, name }: Segment) => {
    const len = Math.hypot(x2 - x1, y2 - y1);
    const { points: headPoints, base } = arrowHead(x2, y2, (x2 - x1) / len, (y2 - y1) / len);
    const [hx, hy] = base;
    return element(
      'g',
      { class: `path ${name}` },
      element('line', { x1, y1, x2: hx, y2: hy, stroke: 'currentColor', 'stroke-width': '1.25' }) + element('polygon', { points: headPoints, fill: 'currentColor' }),
    );
  };
  for (const a of g.arrows) parts.push(arrow(a));
  // Every label is its text centred on a box of the page's colour (LABEL_PAINT; see there) or
  // `background`, drawn after every line, so no line crosses it on a light or a dark page.
  const labels = g.placed.map(
    (p) =>
      element('rect', { class: 'label-box', 'data-path': p.name, x: p.x - p.l.hw, y: p.y - p.l.hh, width: 2 * p.l.hw, height: 2 * p.l.hh, ...pagePaint(background) }) +
      element('text', { class: p.cls, 'data-path': p.name, x: p.x, y: p.y, 'text-anchor': 'middle', 'dominant-baseline': 'central', fill: inkOn(background) }, p.l.markup),
  );
  const plain: string[] = [];
  mediators.forEach((name, i) => plain.push(`${(aLabels[i] as Label).plain} (${xLabel} to ${name})`, `${(bLabels[i] as Label).plain} (${name} to ${yLabel})`));
  if (serial !== null) {
    serial.d.forEach((row, j) =>
      row.forEach((v, i) => {
        if (v !== undefined) plain.push(`${label('d', `${j + 1}${i + 1}`, v).plain} (${mediators[i]} to ${mediators[j]})`);
      }),
    );
  }
  plain.push(`${lc.plain} (direct effect)`);
  if (ltotal) plain.push(`${ltotal.plain} (total effect)`);

  parts.push(box(xBox, xLabel, 'x'));
  mBoxes.forEach((mb, i) => parts.push(box(mb, mediators[i] as string, 'm')));
  parts.push(box(yBox, yLabel, 'y'));
  parts.push(element('g', { class: 'labels', 'font-size': String(LABEL_SIZE) }, labels.join('')));
  if (usesStars) {
    parts.push(
      element(
        'text',
        { class: 'note', x: 20, y: height - 10, 'font-size': '11' },
        '*<tspan font-style="italic">p</tspan> &lt; .05. **<tspan font-style="italic">p</tspan> &lt; .01. ***<tspan font-style="italic">p</tspan> &lt; .001.',
      ),
    );
  }

  const description = `${xLabel} to ${yLabel} through ${mediators.join(serial !== null ? ' then ' : ' and ')}. ${plain.join('; ')}.${usesStars ? ' * p < .05, ** p < .01, *** p < .001.' : ''}`;
  return figureOutput(`${svgOpen('psychkit-path-diagram', width, height, title, description)}${parts.join('')}</svg>`, as, 'pathDiagramSvg');
}
