import { fail } from '../errors.js';
import { numberIn, oneOf, showValue, strictObject, strictOptions } from '../util/options.js';
import { escapeHtml } from './escape.js';
import { formatPResolved, formatResolved, resolveNumberFormat, resolvePFormat } from './format.js';
import { coordinate, element, sizeOption, svgOpen, textOption, textWidth } from './svg.js';

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

/** Input of {@link pathDiagramSvg}. */
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
  /** Size in pixels; the height grows with the number of mediators by default. */
  readonly width?: number;
  readonly height?: number;
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
 * Draws a mediation path diagram as a standalone SVG string: X, the mediator(s) and Y in boxes,
 * arrows for a, b and c′ labelled with their coefficients (subscripted a₁, b₁, … for parallel
 * mediators) and, when given, the total effect c under c′ — the conceptual/statistical diagram
 * of Hayes (2022), *Introduction to Mediation, Moderation, and Conditional Process Analysis*
 * (3rd ed.), model 4. No DOM and no plotting library; arrowheads are drawn as polygons, so the
 * figure defines no ids and several can share one page.
 *
 * @example
 * ```ts
 * pathDiagramSvg({
 *   x: 'ESSE', m: 'Social support', y: 'PWB',
 *   paths: { a: { estimate: 0.52, p: 0.0001 }, b: { estimate: 0.31, p: 0.002 }, cPrime: { estimate: 0.40, p: 0.001 }, c: { estimate: 0.56, p: 0.00001 } },
 * }, { significance: 'stars' });
 * ```
 */
export function pathDiagramSvg(model: PathDiagramModel, options?: PathDiagramOptions): string {
  const d = strictObject(model, 'model', ['x', 'm', 'y', 'paths']) as unknown as PathDiagramModel;
  const o = strictOptions<PathDiagramOptions>(options, 'pathDiagramSvg', ['decimals', 'significance', 'title', 'width', 'height']);
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
      throw fail('LENGTH_MISMATCH', `pathDiagramSvg: ${k} mediator(s) but ${list.length} \`${name}\` path(s).`, { option: name, expected: k, actual: list.length });
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
  const gap = 30;
  const boxW = (label: string) => Math.max(84, textWidth(label, fontSize) + 24);
  const usesStars = significance === 'stars' && [...a, ...b, cPrime, ...(c ? [c] : [])].some((v) => v.p !== undefined);
  const height = sizeOption('height', o.height, 40 + k * boxH + (k - 1) * gap + 90 + boxH + (usesStars ? 24 : 0));

  const number = resolveNumberFormat({ decimals }, 'pathDiagramSvg');
  const pFormat = resolvePFormat({}, 'pathDiagramSvg');
  // Label text: the symbol (with an optional subscript) and " = value" with stars or p.
  const label = (symbol: string, sub: string, v: Coefficient): { markup: string; plain: string } => {
    const value = formatResolved(v.estimate, number);
    const suffix = significance === 'stars' ? stars(v.p) : significance === 'p' && v.p !== undefined ? `, ${formatPResolved(v.p, pFormat)}` : '';
    const markup = `${escapeHtml(symbol)}${sub ? `<tspan baseline-shift="sub" font-size="9">${escapeHtml(sub)}</tspan>` : ''} = ${escapeHtml(value + suffix)}`;
    return { markup, plain: `${symbol}${sub} = ${value}${suffix}` };
  };

  const aLabels = a.map((v, i) => label('a', k === 1 ? '' : String(i + 1), v));
  const bLabels = b.map((v, i) => label('b', k === 1 ? '' : String(i + 1), v));
  // Room between X (or Y) and the mediator column: with several mediators the labels sit on the
  // arrows, so the gap must hold the widest label.
  const widest = Math.max(...aLabels.concat(bLabels).map((l) => textWidth(l.plain, 12)));
  const sideGap = k === 1 ? 100 : widest + 40;
  const mWidth = Math.max(...mediators.map(boxW));
  const width = sizeOption('width', o.width, Math.max(560, 40 + boxW(xLabel) + boxW(yLabel) + mWidth + 2 * sideGap));

  // Layout: mediators stacked in the middle column at the top, X and Y on the bottom row.
  const top = 24;
  const mBoxes: Box[] = mediators.map((_, i) => ({ cx: width / 2, cy: top + boxH / 2 + i * (boxH + gap), hw: mWidth / 2, hh: boxH / 2 }));
  const bottomY = top + k * boxH + (k - 1) * gap + 70 + boxH / 2;
  const xBox: Box = { cx: 20 + boxW(xLabel) / 2, cy: bottomY, hw: boxW(xLabel) / 2, hh: boxH / 2 };
  const yBox: Box = { cx: width - 20 - boxW(yLabel) / 2, cy: bottomY, hw: boxW(yLabel) / 2, hh: boxH / 2 };
  const centre = { x: width / 2, y: (top + bottomY) / 2 + 20 };

  const parts: string[] = [];
  const box = (b: Box, text: string, role: string) =>
    element(
      'g',
      { class: `box ${role}` },
      element('rect', { x: b.cx - b.hw, y: b.cy - b.hh, width: 2 * b.hw, height: 2 * b.hh, fill: 'none', stroke: 'currentColor', 'stroke-width': '1.25' }) +
        element('text', { x: b.cx, y: b.cy, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': String(fontSize) }, escapeHtml(text)),
    );

  // An arrow between explicit points. A mediator is entered at the middle of its left side and
  // left from the middle of its right side, so with equal-width mediator boxes no arrow crosses
  // another mediator's box. With one mediator the label sits beside the arrow's midpoint, on the
  // side away from the centre; with several, arrows fan out close together, so each label sits
  // on its own arrow over a white background. Labels are drawn after every line, so no line crosses one.
  const labels: string[] = [];
  const plainOf = (markup: string) => markup.replace(/<[^>]*>/g, '').replace(/&[a-z#0-9]+;/g, '_');
  const arrow = (x1: number, y1: number, x2: number, y2: number, name: string, onLine: boolean, text: { markup: string }, below?: { markup: string }) => {
    const len = Math.hypot(x2 - x1, y2 - y1);
    const ux = (x2 - x1) / len;
    const uy = (y2 - y1) / len;
    const head = 9;
    const bx = x2 - ux * head;
    const by = y2 - uy * head;
    const headPoints = [
      [x2, y2],
      [bx - uy * 4, by + ux * 4],
      [bx + uy * 4, by - ux * 4],
    ]
      .map(([px, py]) => `${coordinate(px as number)},${coordinate(py as number)}`)
      .join(' ');
    let nx = -uy;
    let ny = ux;
    const mx = (x1 + x2) / 2;
    const my = (y1 + y2) / 2;
    if (nx * (mx - centre.x) + ny * (my - centre.y) < 0) {
      nx = -nx;
      ny = -ny;
    }
    const labelAt = (sign: number, markup: string, cls: string) => {
      if (onLine) {
        const w = textWidth(plainOf(markup), 12) + 6;
        return (
          element('rect', { x: mx - w / 2, y: my - 9, width: w, height: 18, fill: 'white' }) +
          element('text', { class: cls, 'data-path': name, x: mx, y: my, 'text-anchor': 'middle', 'dominant-baseline': 'central' }, markup)
        );
      }
      const flat = Math.abs(nx) < 0.3;
      const anchor = flat ? 'middle' : sign * nx < 0 ? 'end' : 'start';
      return element(
        'text',
        { class: cls, 'data-path': name, x: mx + sign * nx * 10, y: my + sign * ny * 10 + (flat ? (sign * ny > 0 ? 10 : -2) : 4), 'text-anchor': anchor },
        markup,
      );
    };
    labels.push(labelAt(1, text.markup, 'label'));
    if (below) labels.push(labelAt(-1, below.markup, 'label total'));
    return element(
      'g',
      { class: `path ${name}` },
      element('line', { x1, y1, x2: bx, y2: by, stroke: 'currentColor', 'stroke-width': '1.25' }) + element('polygon', { points: headPoints, fill: 'currentColor' }),
    );
  };

  const plain: string[] = [];
  mBoxes.forEach((mb, i) => {
    const sub = k === 1 ? '' : String(i + 1);
    const la = aLabels[i] as { markup: string; plain: string };
    const lb = bLabels[i] as { markup: string; plain: string };
    const [ax, ay] = edgePoint(xBox, mb.cx - mb.hw, mb.cy);
    const [bx, by] = edgePoint(yBox, mb.cx + mb.hw, mb.cy);
    parts.push(arrow(ax, ay, mb.cx - mb.hw, mb.cy, k === 1 ? 'a' : `a${sub}`, k > 1, la));
    parts.push(arrow(mb.cx + mb.hw, mb.cy, bx, by, k === 1 ? 'b' : `b${sub}`, k > 1, lb));
    plain.push(`${la.plain} (${xLabel} to ${mediators[i]})`, `${lb.plain} (${mediators[i]} to ${yLabel})`);
  });
  const lc = label('c\u2032', '', cPrime);
  const ltotal = c ? label('c', '', c) : undefined;
  parts.push(arrow(xBox.cx + xBox.hw, xBox.cy, yBox.cx - yBox.hw, yBox.cy, 'c-prime', false, lc, ltotal));
  plain.push(`${lc.plain} (direct effect)`);
  if (ltotal) plain.push(`${ltotal.plain} (total effect)`);

  parts.push(box(xBox, xLabel, 'x'));
  mBoxes.forEach((mb, i) => parts.push(box(mb, mediators[i] as string, 'm')));
  parts.push(box(yBox, yLabel, 'y'));
  parts.push(element('g', { class: 'labels' }, labels.join('')));
  if (usesStars) {
    parts.push(
      element(
        'text',
        { class: 'note', x: 20, y: height - 10, 'font-size': '11' },
        '*<tspan font-style="italic">p</tspan> &lt; .05. **<tspan font-style="italic">p</tspan> &lt; .01. ***<tspan font-style="italic">p</tspan> &lt; .001.',
      ),
    );
  }

  const description = `${xLabel} to ${yLabel} through ${mediators.join(' and ')}. ${plain.join('; ')}.${usesStars ? ' * p < .05, ** p < .01, *** p < .001.' : ''}`;
  return `${svgOpen('psychkit-path-diagram', width, height, title, description)}${parts.join('')}</svg>`;
}
