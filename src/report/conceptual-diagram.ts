import { fail } from '../errors.js';
import { strictOptions } from '../util/options.js';
import { escapeHtml } from './escape.js';
import { arrowHead, asOption, backgroundOption, coordinate, element, figureOutput, inkOn, sizeOption, svgOpen, textOption, textWidth, type FigureFormat } from './svg.js';

/** Options of {@link conceptualDiagramSvg}. */
export interface ConceptualDiagramOptions {
  /** Accessible title. Default `'PROCESS model N'`. */
  readonly title?: string;
  /** Size in pixels: the diagram lays out for `width`; by default it grows with the mediators and moderators. */
  readonly width?: number;
  readonly height?: number;
  /** Paint inside the variables' boxes (a CSS colour, e.g. `'white'`). Default: none (outlines on the page). */
  readonly background?: string;
  /** `'string'` (default): the SVG markup; `'element'`: an `SVGSVGElement` (needs a DOM). */
  readonly as?: FigureFormat;
}

/** What the figure reads from a processModel result. */
interface DiagramInput {
  readonly model: number;
  readonly variables: { readonly x: string; readonly y: string; readonly m: readonly string[] };
  readonly moderators: readonly { readonly role: string; readonly column: string; readonly coding?: { readonly columnNames: readonly string[] } | null }[];
  readonly equations: readonly { readonly outcome: string; readonly terms: readonly string[] }[];
  readonly xCoding?: { readonly columnNames: readonly string[] } | null;
}

function readInput(result: unknown): DiagramInput {
  const bad = (what: string): never => {
    throw fail('INVALID_INPUT', `conceptualDiagramSvg expects the result of processModel(): ${what}.`, { value: result });
  };
  if (typeof result !== 'object' || result === null || (result as { kind?: unknown }).kind !== 'processModel') bad('this is not a processModel result');
  const r = result as Partial<DiagramInput>;
  const isText = (v: unknown) => typeof v === 'string' && v !== '';
  if (typeof r.model !== 'number' || !isText(r.variables?.x) || !isText(r.variables?.y) || !Array.isArray(r.variables?.m) || !r.variables.m.every(isText)) bad('`model` or `variables` is not as processModel returns them');
  // Models 4 and 6 have no `moderators`.
  if (r.moderators !== undefined && (!Array.isArray(r.moderators) || !r.moderators.every((m) => typeof m === 'object' && m !== null && isText(m.role) && isText(m.column)))) bad('`moderators` is not a list of { role, column }');
  if (!Array.isArray(r.equations) || r.equations.length === 0) bad('`equations` is not a non-empty list');
  (r.equations as unknown[]).forEach((eq, i) => {
    const e = eq as { outcome?: unknown; terms?: unknown };
    if (typeof eq !== 'object' || eq === null || !isText(e.outcome) || !Array.isArray(e.terms) || !e.terms.every((t) => typeof t === 'string')) bad(`\`equations[${i}]\` has no outcome and list of terms`);
  });
  const codes = (c: unknown) => c === null || c === undefined || (typeof c === 'object' && Array.isArray((c as { columnNames?: unknown }).columnNames) && (c as { columnNames: unknown[] }).columnNames.every(isText));
  if (!codes(r.xCoding) || !(r.moderators ?? []).every((m) => codes(m.coding))) bad('a coding has no list of code columns');
  return { ...(r as DiagramInput), moderators: r.moderators ?? [] };
}

interface Node {
  readonly id: string;
  readonly label: string;
  readonly kind: 'x' | 'm' | 'y' | 'w';
  cx: number;
  cy: number;
  hw: number;
}

const BOX_H = 34;
const FONT = 13;

/** Where the segment from the box's centre towards (tx, ty) leaves the box. */
function edgeOf(n: Node, tx: number, ty: number): [number, number] {
  const dx = tx - n.cx;
  const dy = ty - n.cy;
  const t = Math.min(dx === 0 ? Infinity : n.hw / Math.abs(dx), dy === 0 ? Infinity : BOX_H / 2 / Math.abs(dy));
  return [n.cx + t * dx, n.cy + t * dy];
}

/**
 * An arrow from (x1, y1) to (x2, y2), bent through the control point (qx, qy) when that differs
 * from the midpoint (a quadratic curve), with a polygon head along its last tangent (no ids, so
 * several figures can share a page).
 */
function arrow(x1: number, y1: number, qx: number, qy: number, x2: number, y2: number, cls: string, data: string): string {
  const len = Math.hypot(x2 - qx, y2 - qy) || 1;
  const { points: head, base } = arrowHead(x2, y2, (x2 - qx) / len, (y2 - qy) / len);
  const [hx, hy] = base;
  const straight = Math.abs(qx - (x1 + x2) / 2) < 1e-9 && Math.abs(qy - (y1 + y2) / 2) < 1e-9;
  const line = straight
    ? element('line', { x1, y1, x2: hx, y2: hy, stroke: 'currentColor', 'stroke-width': '1.25' })
    : element('path', { d: `M${coordinate(x1)} ${coordinate(y1)} Q${coordinate(qx)} ${coordinate(qy)} ${coordinate(hx)} ${coordinate(hy)}`, fill: 'none', stroke: 'currentColor', 'stroke-width': '1.25' });
  return element('g', { class: cls, 'data-path': data }, line + element('polygon', { points: head, fill: 'currentColor' }));
}

/** A point of the quadratic curve from a through q to b at t. */
function onCurve(a: readonly [number, number], q: readonly [number, number], b: readonly [number, number], t: number): [number, number] {
  const u = 1 - t;
  return [u * u * a[0] + 2 * u * t * q[0] + t * t * b[0], u * u * a[1] + 2 * u * t * q[1] + t * t * b[1]];
}

/** Whether the curve (sampled) passes through the box, with a 6 px margin. */
function crosses(a: readonly [number, number], q: readonly [number, number], b: readonly [number, number], n: Node): boolean {
  for (let i = 1; i < 24; i++) {
    const [px, py] = onCurve(a, q, b, i / 24);
    if (Math.abs(px - n.cx) < n.hw + 6 && Math.abs(py - n.cy) < BOX_H / 2 + 6) return true;
  }
  return false;
}

/**
 * Draws the conceptual diagram of any PROCESS model from its result, as Hayes (2022, appendix A)
 * draws them: X on the left, Y on the right, the mediators between them in the order their
 * paths run (parallel ones stacked, serial ones further right), and the moderators below, each
 * with an arrow to the middle of every path it moderates. The paths and moderations are read off
 * the fitted equations (a product's mediator is the focal predictor, so model 74's X moderates
 * M → Y); covariates are not drawn. A multicategorical X or W is one box. Standalone SVG using
 * `currentColor` (text and lines follow the page's text colour; boxes are outlines),
 * `role="img"` with a `<title>` and a `<desc>` listing every path, laid out for `width`; a
 * string, or with `as: 'element'` an `SVGSVGElement`.
 *
 * @example
 * ```ts
 * const fit = processModel(data, { model: 7, x: 'esse', m: 'ss', w: 'gender', y: 'pwb', seed: 1 });
 * document.querySelector('#model')!.innerHTML = conceptualDiagramSvg(fit);
 * ```
 */
export function conceptualDiagramSvg(result: unknown, options: ConceptualDiagramOptions & { readonly as: 'element' }): SVGSVGElement;
export function conceptualDiagramSvg(result: unknown, options?: ConceptualDiagramOptions & { readonly as?: 'string' }): string;
export function conceptualDiagramSvg(result: unknown, options?: ConceptualDiagramOptions): string | SVGSVGElement;
export function conceptualDiagramSvg(result: unknown, options?: ConceptualDiagramOptions): string | SVGSVGElement {
  const o = strictOptions<ConceptualDiagramOptions>(options, 'conceptualDiagramSvg', ['title', 'width', 'height', 'background', 'as']);
  const as = asOption(o.as);
  const background = backgroundOption(o.background);
  const r = readInput(result);
  const title = textOption('title', o.title, `PROCESS model ${r.model}`);
  const { x, y, m } = r.variables;

  // Each column (a code column too) → its node.
  const nodeOf = new Map<string, string>([[x, 'x'], [y, 'y'], ...m.map((med): [string, string] => [med, `m:${med}`])]);
  for (const code of r.xCoding?.columnNames ?? []) nodeOf.set(code, 'x');
  for (const mod of r.moderators) {
    if (mod.role === 'x') continue;
    nodeOf.set(mod.column, `w:${mod.column}`);
    for (const code of mod.coding?.columnNames ?? []) nodeOf.set(code, `w:${mod.column}`);
  }
  const paths = new Map<string, { from: string; to: string }>();
  const moderations = new Map<string, { by: string; path: string }>();
  for (const eq of r.equations) {
    const to = nodeOf.get(eq.outcome);
    if (to === undefined || to === 'x' || to.startsWith('w:')) continue;
    for (const term of eq.terms) {
      const parts = [...new Set(term.split(':').map((p) => nodeOf.get(p)))];
      if (parts.some((p) => p === undefined)) continue; // the intercept, covariates
      const ids = parts as string[];
      // The focal predictor: a mediator if the term has one (model 74's M·X), else X.
      const focal = ids.find((p) => p.startsWith('m:')) ?? ids.find((p) => p === 'x');
      if (focal === undefined || focal === to) continue;
      const path = `${focal}>${to}`;
      paths.set(path, { from: focal, to });
      for (const by of ids) if (by !== focal) moderations.set(`${by}|${path}`, { by, path });
    }
  }
  if (![...paths.values()].some((p) => p.to === 'y')) throw fail('INVALID_INPUT', 'conceptualDiagramSvg: the equations have no path into Y.', { value: result });

  // Columns: a mediator one right of everything pointing into it.
  const depth = new Map<string, number>([['x', 0]]);
  const depthOf = (id: string, seen: ReadonlySet<string> = new Set()): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const from = [...paths.values()].filter((p) => p.to === id && !seen.has(p.from)).map((p) => depthOf(p.from, new Set([...seen, id])));
    const d = 1 + Math.max(0, ...from);
    depth.set(id, d);
    return d;
  };
  const mediatorIds = m.map((med) => `m:${med}`).filter((id) => [...paths.values()].some((p) => p.from === id || p.to === id));
  const columns = Math.max(0, ...mediatorIds.map((id) => depthOf(id)));
  const moderatorIds = [...new Set([...moderations.values()].map((v) => v.by))].filter((id) => id !== 'x');
  const labelOf = (id: string) => (id === 'x' ? x : id === 'y' ? y : id.slice(2));
  const boxHalf = (label: string) => Math.max(40, textWidth(label, FONT) / 2 + 12);
  const widestM = Math.max(0, ...mediatorIds.map((id) => 2 * boxHalf(labelOf(id))));
  const perColumn = new Map<number, string[]>();
  for (const id of mediatorIds) perColumn.set(depthOf(id), [...(perColumn.get(depthOf(id)) ?? []), id]);
  const tallest = Math.max(0, ...[...perColumn.values()].map((ids) => ids.length));

  const gap = 70;
  const naturalWidth = Math.max(560, 2 * boxHalf(x) + 2 * boxHalf(y) + (columns + 1) * gap + columns * widestM + 40, 40 + moderatorIds.reduce((s, id) => s + 2 * boxHalf(labelOf(id)) + 30, 0));
  const width = sizeOption('width', o.width, naturalWidth);
  const top = 20;
  // Serial mediators rise towards the middle column (Hayes's arch), so a path that skips one
  // (M1 → M3) passes under the mediator it skips instead of through it.
  const arch = (column: number) => (columns > 1 ? 45 * (Math.min(column, columns + 1 - column) - 1) : 0);
  const highest = Math.max(0, ...[...perColumn.keys()].map(arch));
  const baseline = top + highest + tallest * (BOX_H + 40) + (tallest > 0 ? 30 : 0) + BOX_H / 2;
  const naturalHeight = baseline + BOX_H / 2 + (moderatorIds.length > 0 ? 110 : 20);
  const height = sizeOption('height', o.height, naturalHeight);

  const nodes = new Map<string, Node>();
  const place = (id: string, kind: Node['kind'], cx: number, cy: number) => nodes.set(id, { id, label: labelOf(id), kind, cx, cy, hw: boxHalf(labelOf(id)) });
  place('x', 'x', 20 + boxHalf(x), baseline);
  place('y', 'y', width - 20 - boxHalf(y), baseline);
  const left = (nodes.get('x') as Node).cx;
  const right = (nodes.get('y') as Node).cx;
  for (const [column, ids] of perColumn) {
    ids.forEach((id, i) => place(id, 'm', left + ((right - left) * column) / (columns + 1), baseline - 70 - arch(column) - i * (BOX_H + 40)));
  }
  moderatorIds.forEach((id, i) => place(id, 'w', 20 + ((width - 40) * (i + 0.5)) / moderatorIds.length, baseline + 90));

  const parts: string[] = [];
  const middle = new Map<string, [number, number]>();
  for (const [key, p] of paths) {
    const a = nodes.get(p.from) as Node;
    const b = nodes.get(p.to) as Node;
    // Straight, unless that runs through another box: then bent away from it, as little as clears.
    const others = [...nodes.values()].filter((n) => n !== a && n !== b);
    const len = Math.hypot(b.cx - a.cx, b.cy - a.cy) || 1;
    const [nx, ny] = [-(b.cy - a.cy) / len, (b.cx - a.cx) / len];
    let q: [number, number] = [(a.cx + b.cx) / 2, (a.cy + b.cy) / 2];
    for (const bend of [0, -70, 70, -140, 140, -210]) {
      const c: [number, number] = [(a.cx + b.cx) / 2 + nx * bend, (a.cy + b.cy) / 2 + ny * bend];
      q = c;
      if (!others.some((n) => crosses([a.cx, a.cy], c, [b.cx, b.cy], n))) break;
    }
    const start = edgeOf(a, q[0], q[1]);
    const end = edgeOf(b, q[0], q[1]);
    const straight = Math.abs(q[0] - (a.cx + b.cx) / 2) < 1e-9 && Math.abs(q[1] - (a.cy + b.cy) / 2) < 1e-9;
    const control: [number, number] = straight ? [(start[0] + end[0]) / 2, (start[1] + end[1]) / 2] : q;
    middle.set(key, onCurve(start, control, end, 0.5));
    parts.push(arrow(start[0], start[1], control[0], control[1], end[0], end[1], 'path', `${a.label} -> ${b.label}`));
  }
  for (const { by, path } of moderations.values()) {
    const n = nodes.get(by) as Node;
    const [mx, my] = middle.get(path) as [number, number];
    const [x1, y1] = edgeOf(n, mx, my);
    const p = paths.get(path) as { from: string; to: string };
    parts.push(arrow(x1, y1, (x1 + mx) / 2, (y1 + my) / 2, mx, my, 'moderation', `${n.label} moderates ${labelOf(p.from)} -> ${labelOf(p.to)}`));
  }
  for (const n of nodes.values()) {
    parts.push(
      element(
        'g',
        { class: `box ${n.kind}` },
        // No fill by default: every arrow ends at a box's outline (bent around boxes it would
        // cross), so nothing needs hiding, and an unfilled box reads on any page.
        element('rect', { x: n.cx - n.hw, y: n.cy - BOX_H / 2, width: 2 * n.hw, height: BOX_H, fill: background ?? 'none', stroke: 'currentColor', 'stroke-width': '1.25' }) +
          element('text', { x: n.cx, y: n.cy, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': String(FONT), fill: inkOn(background) }, escapeHtml(n.label)),
      ),
    );
  }
  const description =
    `${[...paths.values()].map((p) => `${labelOf(p.from)} → ${labelOf(p.to)}`).join('; ')}` +
    (moderations.size === 0 ? '' : `; ${[...moderations.values()].map((v) => `${labelOf(v.by)} moderates ${labelOf((paths.get(v.path) as { from: string }).from)} → ${labelOf((paths.get(v.path) as { to: string }).to)}`).join('; ')}`) +
    '.';
  return figureOutput(`${svgOpen('psychkit-conceptual-diagram', width, height, title, description)}${parts.join('')}</svg>`, as, 'conceptualDiagramSvg');
}
