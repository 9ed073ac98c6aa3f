// semDiagramSvg: the path diagram of a cfa/sem result — latent variables as ellipses, observed
// variables as rectangles, loadings and regressions as arrows, covariances as curved
// double-headed arrows, residual variances as short arrows into their variable.
import { fail } from '../errors.js';
import type { SemParameter, SemResult } from '../sem/fit.js';
import { defineOptions, field, showValue } from '../util/options.js';
import { escapeHtml } from './escape.js';
import { formatResolved, resolveNumberFormat } from './format.js';
import { checkSemResult } from './result-shape.js';
import { isResidual, semGroupLabels, semGroupView, semRoles, semSections } from './sem-view.js';
import { arrowHead, asOption, backgroundOption, coordinate, element, figureOutput, inkOn, pagePaint, sizeOption, svgOpen, textWidth, type FigureFormat } from './svg.js';

/** Options of {@link semDiagramSvg}. */
export interface SemDiagramOptions {
  /** Label the paths with the completely standardized estimates (lavaan's std.all; default) or, with `false`, the unstandardized ones. */
  readonly standardized?: boolean;
  /** Decimals of the path labels, 0–6. Default 2. Standardized values print without a leading zero (`.77`). */
  readonly decimals?: number;
  /** Draw the residual variances of indicators and outcomes (short arrows with their value). Default true. */
  readonly residuals?: boolean;
  /** Accessible title. Default `'Confirmatory factor analysis'` or `'Structural equation model'`. */
  readonly title?: string;
  /** Width in pixels (100–10,000); the drawing scales to it, keeping its proportions. Default: its natural width. */
  readonly width?: number;
  /** For a multiple-group result: the label of the group whose estimates are drawn (default the first group). */
  readonly group?: string;
  /**
   * Paint of the boxes behind the path labels and inside the variables' shapes. Default: label
   * boxes `Canvas` (the page's background under its color-scheme, so a label hides the line
   * under it on light and dark pages), shapes unfilled. `'white'` gives the print look.
   */
  readonly background?: string;
  /** `'string'` (default): the SVG markup; `'element'`: an `SVGSVGElement` (needs a DOM). */
  readonly as?: FigureFormat;
}

const readOptions = defineOptions('semDiagramSvg', {
  standardized: field.boolean(true),
  decimals: field.number(2, 0, 6, { integer: true }),
  residuals: field.boolean(true),
  title: field.optionalString(),
  width: (v: unknown, k: string): number | undefined => (v === undefined ? undefined : sizeOption(k, v, 0)),
  group: field.optionalString(),
  background: (v: unknown) => backgroundOption(v),
  as: (v: unknown) => asOption(v),
});

const FONT = 13;
const LABEL_FONT = 11;
const LABEL_HALF_HEIGHT = 8;
const BOX_H = 28;
const RY = 22;
/** Vertical distance from the latent row to the top of the indicator boxes. */
const DROP = 96;
/** Where a loading's label sits: this far above the indicator box. */
const LABEL_ABOVE_BOX = 26;
const MARGIN = 20;
/** Depth of a residual covariance's arc below the indicator boxes (plus a little per pixel of span). */
const BELOW_ARC = 50;

interface Node {
  readonly name: string;
  readonly latent: boolean;
  cx: number;
  cy: number;
  /** Half-width (rx of an ellipse) and half-height. */
  readonly hw: number;
  readonly hh: number;
  /** 'top' = the latent/structural row, 'bottom' = the indicator row. */
  readonly row: 'top' | 'bottom';
}

interface Label {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly path: string;
}

/**
 * The point of the node's outline at horizontal offset f·(half-width) from its centre (f in
 * [−1, 1]), on its top (or bottom) side.
 */
function rim(n: Node, f: number, top: boolean): [number, number] {
  const dy = n.latent ? n.hh * Math.sqrt(Math.max(0, 1 - f * f)) : n.hh;
  return [n.cx + f * n.hw, top ? n.cy - dy : n.cy + dy];
}

/** Where the line from the node's centre towards (tx, ty) leaves its outline (ellipse or rectangle). */
function boundary(n: Node, tx: number, ty: number): [number, number] {
  const dx = tx - n.cx;
  const dy = ty - n.cy;
  if (dx === 0 && dy === 0) return [n.cx, n.cy];
  const t = n.latent ? 1 / Math.sqrt((dx / n.hw) ** 2 + (dy / n.hh) ** 2) : Math.min(dx === 0 ? Infinity : n.hw / Math.abs(dx), dy === 0 ? Infinity : n.hh / Math.abs(dy));
  return [n.cx + t * dx, n.cy + t * dy];
}

function headMarkup(x: number, y: number, ux: number, uy: number): { polygon: string; base: readonly [number, number] } {
  const len = Math.hypot(ux, uy) || 1;
  const { points, base } = arrowHead(x, y, ux / len, uy / len);
  return { polygon: element('polygon', { points, fill: 'currentColor' }), base };
}

/** A straight arrow (one head at the end, or two): its markup. */
function straight(x1: number, y1: number, x2: number, y2: number, both: boolean, cls: string, path: string): string {
  const end = headMarkup(x2, y2, x2 - x1, y2 - y1);
  const start = both ? headMarkup(x1, y1, x1 - x2, y1 - y2) : null;
  const [sx, sy] = start === null ? [x1, y1] : start.base;
  const [ex, ey] = end.base;
  return element('g', { class: cls, 'data-path': path }, element('line', { x1: sx, y1: sy, x2: ex, y2: ey, stroke: 'currentColor', 'stroke-width': '1.25' }) + end.polygon + (start?.polygon ?? ''));
}

/** A quadratic curve from p0 to p2 bowing through control point c, with heads at the end (and start). */
function curved(p0: readonly [number, number], c: readonly [number, number], p2: readonly [number, number], both: boolean, cls: string, path: string): string {
  const end = headMarkup(p2[0], p2[1], p2[0] - c[0], p2[1] - c[1]);
  const start = both ? headMarkup(p0[0], p0[1], p0[0] - c[0], p0[1] - c[1]) : null;
  const s = start === null ? p0 : start.base;
  const e = end.base;
  const d = `M${coordinate(s[0])},${coordinate(s[1])} Q${coordinate(c[0])},${coordinate(c[1])} ${coordinate(e[0])},${coordinate(e[1])}`;
  return element('g', { class: cls, 'data-path': path }, element('path', { d, fill: 'none', stroke: 'currentColor', 'stroke-width': '1.25' }) + end.polygon + (start?.polygon ?? ''));
}

/**
 * Draws the path diagram of a `cfa` or `sem` result as a standalone SVG string, in the usual
 * notation of structural equation models (e.g. Kline, 2016, ch. 5; lavaan's semPlot): latent
 * variables as ellipses, observed variables as rectangles, each loading an arrow from its factor
 * to its indicator, each regression an arrow from predictor to outcome, each covariance a curved
 * double-headed arrow, and each residual variance of an indicator or outcome a short arrow into
 * it — every path labelled with its completely standardized estimate (std.all, so loadings are
 * the correlations of indicator and factor in a simple structure, covariances are correlations
 * and residual variances are 1 − R²) or, with `standardized: false`, its unstandardized one.
 *
 * Layout: the latent variables (and observed covariates and outcomes) in one row — ordered from
 * exogenous on the left to endogenous on the right by the regressions among them, in the result's
 * order otherwise — each factor's indicators in a row below it; covariances and regressions
 * between non-neighbours arc above the row, residual covariances of indicators below theirs.
 * Variances of exogenous latents are not drawn (1 in the standardized solution), nor are the
 * thresholds, scale factors and fixed intercepts of ordered indicators (WLSMV), whose residual
 * arrows are the residual variances of the latent responses. Text and lines use
 * `currentColor` (dark themes too), labels sit on boxes of the page's colour (`background`), the
 * drawing scales to `width`, a string or with `as: 'element'` an `SVGSVGElement` is returned,
 * and no ids are defined, as in the other figures;
 * `<g class="loading|regression|covariance|residual" data-path="visual =~ x1">` per path, and
 * `<g class="latent|observed" data-name="x1">` per variable. All names are escaped.
 *
 * A multiple-group result draws one group's estimates: the first group's, or with `group` the
 * group of that label; the title and the description name the group ("Confirmatory factor
 * analysis, school = Pasteur").
 *
 * Errors: `INVALID_INPUT` for anything but a cfa or sem result (or one with a field of the wrong
 * type); `INVALID_OPTION` for a bad option, and for a `group` that is not one of the result's
 * group labels (or given for a single-group result).
 *
 * @example
 * ```ts
 * const fit = cfa(rows, { model: 'visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6' });
 * document.querySelector('#cfa')!.innerHTML = semDiagramSvg(fit, { standardized: true });
 * ```
 */
export function semDiagramSvg(result: SemResult, options: SemDiagramOptions & { readonly as: 'element' }): SVGSVGElement;
export function semDiagramSvg(result: SemResult, options?: SemDiagramOptions & { readonly as?: 'string' }): string;
export function semDiagramSvg(result: SemResult, options?: SemDiagramOptions): string | SVGSVGElement;
export function semDiagramSvg(result: SemResult, options?: SemDiagramOptions): string | SVGSVGElement {
  const o = readOptions.read(options);
  checkSemResult(result, 'semDiagramSvg');
  const groupLabels = semGroupLabels(result);
  if (o.group !== undefined && (groupLabels === null || !groupLabels.includes(o.group))) {
    throw fail(
      'INVALID_OPTION',
      groupLabels === null
        ? `\`group\`: ${showValue(o.group)} is not a group of this result, which has a single group; leave \`group\` out.`
        : `\`group\`: ${showValue(o.group)} is not a group of this result; its groups${result.group === null ? '' : ` (by "${result.group}")`} are ${groupLabels.map((x) => JSON.stringify(x)).join(', ')}.`,
      { option: 'group', value: o.group },
    );
  }
  // A multiple-group result: one group's estimates (the first unless `group` says otherwise).
  const shown = groupLabels === null ? null : (o.group ?? groupLabels[0]!);
  const r = shown === null ? result : semGroupView(result, shown);
  const roles = semRoles(r);
  const sections = semSections(r, roles);
  const std = o.standardized;
  const format = resolveNumberFormat({ decimals: o.decimals, leadingZero: !std }, 'semDiagramSvg');
  const value = (q: SemParameter) => formatResolved(std ? q.stdAll : q.estimate, format);
  const labelWidth = (text: string) => textWidth(text, LABEL_FONT) + 8;

  // ---- nodes ----------------------------------------------------------------------------------
  const latent = r.latent.filter((v, i) => r.latent.indexOf(v) === i);
  const indicatorOf = new Map<string, string>(); // indicator → the factor it is drawn under
  for (const q of sections.loadings) if (!roles.latent.has(q.rhs) && !indicatorOf.has(q.rhs)) indicatorOf.set(q.rhs, q.lhs);
  const structural = [...latent, ...r.columns.filter((v, i) => r.columns.indexOf(v) === i && !roles.latent.has(v) && !indicatorOf.has(v))];
  // Exogenous left, endogenous right: a variable sits right of everything that predicts it (and a
  // first-order factor right of its higher-order factor). Cycles stop after one pass per node.
  const depth = new Map(structural.map((v) => [v, 0]));
  const arrows = [...sections.regressions.map((q) => [q.rhs, q.lhs] as const), ...sections.loadings.filter((q) => roles.latent.has(q.rhs)).map((q) => [q.lhs, q.rhs] as const)];
  for (let pass = 0; pass < structural.length; pass++) {
    let changed = false;
    for (const [from, to] of arrows) {
      const a = depth.get(from);
      const b = depth.get(to);
      if (a !== undefined && b !== undefined && b < a + 1 && a + 1 < structural.length) {
        depth.set(to, a + 1);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const order = structural.map((v, i) => ({ v, i })).sort((a, b) => (depth.get(a.v) as number) - (depth.get(b.v) as number) || a.i - b.i).map((x) => x.v);
  const isLatent = (v: string) => roles.latent.has(v);
  const halfWidth = (v: string) => (isLatent(v) ? Math.max(42, textWidth(v, FONT) / 2 + 16) : Math.max(24, textWidth(v, FONT) / 2 + 10));
  const below = new Map(order.map((v) => [v, [] as string[]]));
  for (const [ind, f] of indicatorOf) below.get(f)?.push(ind);
  const indicatorNames = [...indicatorOf.keys()];
  // Room for each indicator: its box, and enough that neighbouring loading labels do not touch.
  const loadingLabels = sections.loadings.map((q) => labelWidth(value(q)));
  const labelFraction = (DROP + RY - LABEL_ABOVE_BOX) / (DROP + RY);
  const slot = Math.max(40, ...indicatorNames.map((v) => 2 * halfWidth(v) + 14), ...loadingLabels.map((w) => (w + 6) / labelFraction));
  const pathLabels = [...sections.regressions, ...sections.covariances].map((q) => labelWidth(value(q)));
  const gap = Math.max(44, ...pathLabels.map((w) => w + 24));

  const nodes = new Map<string, Node>();
  let x = MARGIN;
  const blocks: { v: string; left: number; width: number }[] = [];
  for (const v of order) {
    const k = below.get(v)!.length;
    const width = Math.max(2 * halfWidth(v) + 8, k * slot);
    blocks.push({ v, left: x, width });
    x += width + gap;
  }
  const naturalWidth = Math.max(240, x - gap + MARGIN);

  // ---- arcs above the row: covariances, and regressions between non-neighbours ----------------
  const position = new Map(order.map((v, i) => [v, i]));
  const topRow = (v: string) => position.has(v);
  const centre = new Map(blocks.map((b) => [b.v, b.left + b.width / 2]));
  const span = (a: string, b: string) => Math.abs((centre.get(a) as number) - (centre.get(b) as number));
  const arcHeight = (a: string, b: string) => 16 + 0.14 * span(a, b);
  const overTop = [
    ...sections.covariances.filter((q) => topRow(q.lhs) && topRow(q.rhs)),
    ...sections.regressions.filter((q) => topRow(q.lhs) && topRow(q.rhs) && Math.abs((position.get(q.lhs) as number) - (position.get(q.rhs) as number)) > 1),
    ...sections.loadings.filter((q) => topRow(q.lhs) && topRow(q.rhs) && Math.abs((position.get(q.lhs) as number) - (position.get(q.rhs) as number)) > 1),
  ];
  // Where each arc meets a node: arcs leaving a node on one side are spread over the top of its
  // outline, the shortest furthest out, so nested arcs do not cross where they start.
  const attach = new Map<SemParameter, { lhs: number; rhs: number }>();
  for (const v of order) {
    for (const side of [-1, 1]) {
      const here = overTop
        .filter((q) => (q.lhs === v || q.rhs === v) && q.lhs !== q.rhs)
        .map((q) => ({ q, other: q.lhs === v ? q.rhs : q.lhs, end: q.lhs === v ? ('lhs' as const) : ('rhs' as const) }))
        .filter((a) => Math.sign((centre.get(a.other) as number) - (centre.get(v) as number)) === side)
        .sort((a, b) => span(v, a.other) - span(v, b.other));
      here.forEach((a, i) => {
        const f = here.length === 1 ? 0.6 : 0.85 - (0.5 * i) / (here.length - 1);
        const entry = attach.get(a.q) ?? { lhs: 0.6, rhs: 0.6 };
        entry[a.end] = f;
        attach.set(a.q, entry);
      });
    }
  }
  const disturbance = o.residuals && order.some((v) => roles.outcomes.has(v));
  const highest = Math.max(disturbance ? 40 : 0, ...overTop.map((q) => arcHeight(q.lhs, q.rhs) + LABEL_HALF_HEIGHT + 4));
  const rowY = MARGIN + highest + RY;
  for (const b of blocks) nodes.set(b.v, { name: b.v, latent: isLatent(b.v), cx: b.left + b.width / 2, cy: rowY, hw: halfWidth(b.v), hh: isLatent(b.v) ? RY : BOX_H / 2, row: 'top' });
  const boxTop = rowY + RY + DROP;
  for (const b of blocks) {
    const list = below.get(b.v)!;
    const start = b.left + b.width / 2 - (list.length * slot) / 2 + slot / 2;
    list.forEach((ind, i) => nodes.set(ind, { name: ind, latent: false, cx: start + i * slot, cy: boxTop + BOX_H / 2, hw: halfWidth(ind), hh: BOX_H / 2, row: 'bottom' }));
  }
  const boxBottom = boxTop + BOX_H;

  // ---- paths ------------------------------------------------------------------------------------
  const parts: string[] = [];
  const labels: Label[] = [];
  const describe: string[] = [];
  const node = (v: string) => nodes.get(v) as Node;
  const pathName = (q: SemParameter) => `${q.lhs} ${q.op} ${q.rhs}`;
  /** A directed or double-headed path between two drawn nodes, its label where it reads best. */
  const connect = (from: string, to: string, q: SemParameter, cls: string, both: boolean, labelAt = 0.5, labelY?: number): void => {
    const a = node(from);
    const b = node(to);
    const text = value(q);
    if ((a.row === 'top' && b.row === 'top' && Math.abs((position.get(from) as number) - (position.get(to) as number)) > 1) || (both && a.row === b.row)) {
      // An arc: above the row for the top row, below the residual labels for the indicator row.
      const up = a.row === 'top';
      const h = up ? arcHeight(from, to) : BELOW_ARC + 0.12 * Math.abs(a.cx - b.cx);
      const sign = b.cx >= a.cx ? 1 : -1;
      const fractions = attach.get(q);
      const fa = fractions === undefined ? 0.6 : from === q.lhs ? fractions.lhs : fractions.rhs;
      const fb = fractions === undefined ? 0.6 : from === q.lhs ? fractions.rhs : fractions.lhs;
      const p0 = rim(a, sign * fa, up);
      const p2 = rim(b, -sign * fb, up);
      const edge = up ? Math.min(p0[1], p2[1]) : Math.max(p0[1], p2[1]);
      const control: [number, number] = [(p0[0] + p2[0]) / 2, up ? edge - 2 * h : edge + 2 * h];
      parts.push(curved(p0, control, p2, both, cls, pathName(q)));
      labels.push({ text, x: 0.25 * p0[0] + 0.5 * control[0] + 0.25 * p2[0], y: 0.25 * p0[1] + 0.5 * control[1] + 0.25 * p2[1], path: pathName(q) });
      return;
    }
    const [x1, y1] = boundary(a, b.cx, b.cy);
    const [x2, y2] = boundary(b, a.cx, a.cy);
    parts.push(straight(x1, y1, x2, y2, both, cls, pathName(q)));
    if (labelY !== undefined && y2 !== y1) {
      // On the line from the centre of `a` to the centre of `b`, where it crosses labelY.
      const t = (labelY - a.cy) / (b.cy - a.cy);
      labels.push({ text, x: a.cx + t * (b.cx - a.cx), y: labelY, path: pathName(q) });
    } else labels.push({ text, x: x1 + labelAt * (x2 - x1), y: y1 + labelAt * (y2 - y1), path: pathName(q) });
  };

  const loadings = new Map<string, string[]>();
  for (const q of sections.loadings) {
    if (!nodes.has(q.lhs) || !nodes.has(q.rhs)) continue;
    const home = indicatorOf.get(q.rhs) === q.lhs;
    connect(q.lhs, q.rhs, q, 'loading', false, 0.5, node(q.rhs).row === 'bottom' ? boxTop - LABEL_ABOVE_BOX - (home ? 0 : 2 * LABEL_HALF_HEIGHT + 4) : undefined);
    const list = loadings.get(q.lhs) ?? [];
    list.push(`${q.rhs} (${value(q)})`);
    loadings.set(q.lhs, list);
  }
  for (const [f, list] of loadings) describe.push(`${f} measured by ${list.join(', ')}`);
  for (const q of sections.regressions) {
    if (!nodes.has(q.lhs) || !nodes.has(q.rhs)) continue;
    connect(q.rhs, q.lhs, q, 'regression', false);
    describe.push(`${q.lhs} regressed on ${q.rhs} (${value(q)})`);
  }
  for (const q of sections.covariances) {
    if (!nodes.has(q.lhs) || !nodes.has(q.rhs)) continue;
    connect(q.lhs, q.rhs, q, 'covariance', true);
    describe.push(`${q.lhs} with ${q.rhs} (${value(q)})`);
  }
  let lowest = boxBottom;
  if (o.residuals) {
    const residualText: string[] = [];
    for (const q of sections.variances) {
      if (!isResidual(q.lhs, roles) || !nodes.has(q.lhs)) continue;
      const n = node(q.lhs);
      const text = value(q);
      if (n.row === 'bottom') {
        const [tx, ty] = [n.cx, n.cy + n.hh + 22];
        parts.push(straight(tx, ty, n.cx, n.cy + n.hh, false, 'residual', pathName(q)));
        labels.push({ text, x: tx, y: ty + LABEL_HALF_HEIGHT + 2, path: pathName(q) });
        lowest = Math.max(lowest, ty + 2 * LABEL_HALF_HEIGHT + 2);
      } else {
        // A disturbance: from the upper right into the outline.
        const [ex, ey] = boundary(n, n.cx + n.hw, n.cy - 2.2 * n.hh);
        const [tx, ty] = [ex + 16, ey - 20];
        parts.push(straight(tx, ty, ex, ey, false, 'residual', pathName(q)));
        labels.push({ text, x: tx + labelWidth(text) / 2, y: ty - LABEL_HALF_HEIGHT + 2, path: pathName(q) });
      }
      residualText.push(`${q.lhs} ${text}`);
    }
    if (residualText.length > 0) describe.push(`residual variances: ${residualText.join(', ')}`);
  }
  // Residual covariances of indicators arc below the residual labels.
  for (const q of sections.covariances) {
    if (!nodes.has(q.lhs) || !nodes.has(q.rhs) || node(q.lhs).row !== 'bottom' || node(q.rhs).row !== 'bottom') continue;
    lowest = Math.max(lowest, boxBottom + BELOW_ARC + 0.12 * Math.abs(node(q.lhs).cx - node(q.rhs).cx) + LABEL_HALF_HEIGHT + 4);
  }
  const naturalHeight = (indicatorNames.length > 0 ? lowest : rowY + RY + (disturbance ? 10 : 0)) + MARGIN;

  // ---- nodes on top of the lines, labels on top of everything ----------------------------------------
  for (const n of nodes.values()) {
    const shape = n.latent
      ? element('ellipse', { cx: n.cx, cy: n.cy, rx: n.hw, ry: n.hh, fill: o.background ?? 'none', stroke: 'currentColor', 'stroke-width': '1.25' })
      : element('rect', { x: n.cx - n.hw, y: n.cy - n.hh, width: 2 * n.hw, height: 2 * n.hh, fill: o.background ?? 'none', stroke: 'currentColor', 'stroke-width': '1.25' });
    parts.push(
      element(
        'g',
        { class: n.latent ? 'latent' : 'observed', 'data-name': n.name },
        shape + element('text', { x: n.cx, y: n.cy, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': String(FONT), fill: inkOn(o.background) }, escapeHtml(n.name)),
      ),
    );
  }
  const labelMarkup = labels.map((l) => {
    const hw = labelWidth(l.text) / 2;
    return (
      // The page's colour (LABEL_PAINT; see there) unless `background` says otherwise.
      element('rect', { class: 'label-box', 'data-path': l.path, x: l.x - hw, y: l.y - LABEL_HALF_HEIGHT, width: 2 * hw, height: 2 * LABEL_HALF_HEIGHT, ...pagePaint(o.background) }) +
      element('text', { class: 'label', 'data-path': l.path, x: l.x, y: l.y, 'text-anchor': 'middle', 'dominant-baseline': 'central', fill: inkOn(o.background) }, escapeHtml(l.text))
    );
  });
  parts.push(element('g', { class: 'labels', 'font-size': String(LABEL_FONT) }, labelMarkup.join('')));

  const cfa = r.kind === 'cfa';
  const what = `${cfa ? 'Confirmatory factor analysis' : 'Structural equation model'}${shown === null ? '' : (result.group === null ? `, group ${shown}` : `, ${result.group} = ${shown}`)}`;
  const title = o.title ?? what;
  const description = `${what}, ${std ? 'completely standardized estimates (std.all)' : 'unstandardized estimates'}. ${describe.length > 0 ? `${describe.join('; ')}.` : 'No paths.'}`;
  const width = o.width ?? naturalWidth;
  const height = (naturalHeight * width) / naturalWidth;
  const open = svgOpen('psychkit-sem-diagram', naturalWidth, naturalHeight, title, description).replace(
    `width="${coordinate(naturalWidth)}" height="${coordinate(naturalHeight)}"`,
    `width="${coordinate(width)}" height="${coordinate(height)}"`,
  );
  return figureOutput(`${open}${parts.join('')}</svg>`, o.as, 'semDiagramSvg');
}
