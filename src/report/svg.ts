import { fail } from '../errors.js';
import { oneOf, showValue } from '../util/options.js';
import { escapeHtml } from './escape.js';

// Small helpers shared by the SVG figures. Figures are strings built from these pieces; nothing
// here needs a DOM, so they work in Node, Deno, workers and browsers alike. Only `as: 'element'`
// (figureOutput) parses the string into the page's DOM, where there is one.
//
// Colours follow the page: text is filled and lines are stroked with `currentColor`, so a figure
// takes the colour of the text around it (black on a light page, light on a dark theme). Where a
// box must hide a line behind a label it is painted with LABEL_PAINT (see there), never white.

/** A coordinate with at most two decimals: keeps the SVG small and the output stable. */
export function coordinate(v: number): string {
  const r = Math.round(v * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

/**
 * An element with escaped attribute values; `content` is trusted markup (already escaped). A
 * `<text>` without a fill of its own is filled with `currentColor` (SVG's default fill is black,
 * which vanishes on a dark page).
 */
export function element(name: string, attributes: Record<string, string | number | undefined>, content?: string): string {
  let attrs = name === 'text' && attributes.fill === undefined ? ' fill="currentColor"' : '';
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    attrs += ` ${key}="${escapeHtml(typeof value === 'number' ? coordinate(value) : value)}"`;
  }
  return content === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>`;
}

/** Rough width of a label in a sans-serif font (no DOM to measure with): ~0.6 em per character. */
export function textWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * 0.6;
}

/**
 * Round tick values covering [lo, hi]: steps of 1, 2 or 5 × 10^k, about `count` of them (the
 * rule d3-array's `ticks` uses). Values are computed as integer multiples of the step, so they
 * carry no accumulated floating-point error.
 */
export function niceTicks(lo: number, hi: number, count: number): { ticks: number[]; step: number } {
  if (!(hi > lo)) return { ticks: [lo], step: 1 };
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  const step = (error >= 7.5 ? 10 : error >= 3.5 ? 5 : error >= 1.5 ? 2 : 1) * power;
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)));
  return { ticks, step };
}

/** Decimals needed to print ticks `step` apart. */
export function stepDecimals(step: number): number {
  return Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9)));
}

/** Checks a figure's width or height option. */
export function sizeOption(option: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 100 || value > 10_000) {
    throw fail('INVALID_OPTION', `\`${option}\` must be a number of pixels in [100, 10000]; got ${showValue(value)}.`, { option, value });
  }
  return value;
}

declare global {
  /**
   * The element `as: 'element'` returns. Where the DOM's types are loaded (`"lib": ["dom"]`) this
   * merges with the DOM's own SVGSVGElement; in a project without them (Node, workers) it is an
   * empty interface, so psychkit's declarations still compile there.
   */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface SVGSVGElement {}
}

/** How a figure is returned: the SVG markup as a string (the default) or a DOM element. */
export type FigureFormat = 'string' | 'element';

/** Reads the `as` option of a figure. */
export function asOption(value: unknown): FigureFormat {
  return oneOf('as', value, ['string', 'element'] as const, 'string');
}

/**
 * The paint of the boxes that hide a line behind a label (a path coefficient on its arrow), when
 * no `background` is given: the CSS system colour `Canvas`, the page's background under its
 * `color-scheme` — white on a light page, near-black on a page that declares
 * `color-scheme: dark` (Observable's and most notebooks' dark themes do). So a box reads as a
 * gap in the line on either theme, where opaque white would be a bright patch on a dark page and
 * no box at all would let the line run through the label's digits. A page that darkens itself
 * without declaring `color-scheme` should pass `background` (its own background colour).
 */
export const LABEL_PAINT = 'Canvas';

/**
 * The attributes that paint a shape with `background`, or by default with LABEL_PAINT: as CSS
 * (`style="fill: Canvas"`, which browsers apply over the attribute) with `fill="white"` under it
 * for renderers that know no CSS system colours (librsvg, Inkscape, print pipelines), which
 * drop the declaration and paint the white of a printed page instead of SVG's default black.
 */
export function pagePaint(background: string | undefined): Record<string, string> {
  return background !== undefined ? { fill: background } : { fill: 'white', style: `fill: ${LABEL_PAINT}` };
}

/**
 * Reads a figure's `background` option: a CSS colour (`'white'`, `'#111'`, `'rgb(17 17 17)'`,
 * `'Canvas'`) painted behind labels and inside boxes. Undefined when not given.
 */
export function backgroundOption(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[#A-Za-z0-9(),.%\s/-]{1,64}$/.test(value) || !/\S/.test(value)) {
    throw fail('INVALID_OPTION', `\`background\` must be a CSS colour such as 'white', '#111' or 'Canvas'; got ${showValue(value)}.`, { option: 'background', value });
  }
  return value.trim();
}

/**
 * The fill of text drawn on `background`: `currentColor` when there is none (the text sits on the
 * page, or on LABEL_PAINT, the page's own colour); otherwise black on a light colour and white
 * on a dark one, for the colours it can read (`#rgb`, `#rrggbb`, `rgb(…)`, `white`, `black`) —
 * so `background: 'white'` keeps its labels black on a dark page. For any other colour the text
 * keeps `currentColor`.
 */
export function inkOn(background: string | undefined): string {
  if (background === undefined) return 'currentColor';
  const c = background.toLowerCase();
  let rgb: number[] | undefined;
  if (c === 'white') rgb = [255, 255, 255];
  else if (c === 'black') rgb = [0, 0, 0];
  else if (/^#[0-9a-f]{3}$/.test(c)) rgb = [1, 2, 3].map((i) => 17 * parseInt(c[i] as string, 16));
  else if (/^#[0-9a-f]{6}$/.test(c)) rgb = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  else {
    const m = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/.exec(c);
    if (m) rgb = [m[1], m[2], m[3]].map(Number);
  }
  if (rgb === undefined) return 'currentColor';
  const linear = rgb.map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * (linear[0] as number) + 0.7152 * (linear[1] as number) + 0.0722 * (linear[2] as number);
  // Black and white contrast equally with a luminance of 0.179.
  return luminance > 0.179 ? 'black' : 'white';
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Returns a figure's markup as it was asked for: the string itself, or with `as: 'element'` an
 * `SVGSVGElement` of the current document (parsed with the DOM's DOMParser as SVG, then imported
 * into `globalThis.document`), ready for Observable's cells, `append` or `replaceChildren`.
 * Without a DOM (Node, Deno, a worker) `'element'` is INVALID_OPTION.
 */
export function figureOutput(svg: string, as: FigureFormat, fn: string): string | SVGSVGElement {
  if (as === 'string') return svg;
  const g = globalThis as { document?: Document; DOMParser?: typeof DOMParser };
  if (g.document === undefined || typeof g.DOMParser !== 'function') {
    throw fail('INVALID_OPTION', `${fn}: \`as: 'element'\` needs a DOM (globalThis.document and DOMParser, as in a browser or a notebook); there is none here. Leave \`as\` out to get the SVG as a string.`, {
      option: 'as',
      value: as,
    });
  }
  const parsed = new g.DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
  if (parsed.namespaceURI !== SVG_NS || parsed.localName !== 'svg') {
    throw fail('INVALID_INPUT', `${fn}: the figure's markup did not parse as SVG (${showValue(parsed.textContent ?? '')}).`, {});
  }
  return g.document.importNode(parsed, true) as unknown as SVGSVGElement;
}

/** Checks an optional text option (titles, labels). */
export function textOption(option: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string') {
    throw fail('INVALID_OPTION', `\`${option}\` must be a string; got ${typeof value}.`, { option, value });
  }
  return value;
}

/** Opening tag of a standalone, accessible SVG figure, with its `<title>` and `<desc>`. */
export function svgOpen(className: string, width: number, height: number, title: string, description: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="${className}" width="${coordinate(width)}" height="${coordinate(height)}" ` +
    `viewBox="0 0 ${coordinate(width)} ${coordinate(height)}" role="img" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="12">` +
    `<title>${escapeHtml(title)}</title><desc>${escapeHtml(description)}</desc>`
  );
}

/** Where a plot sits in its figure and how it maps values to pixels. */
export interface PlotFrame {
  readonly margin: { readonly top: number; readonly left: number };
  readonly plotW: number;
  readonly plotH: number;
  /** The figure's height (the x-axis title sits near its bottom). */
  readonly height: number;
  readonly x: (v: number) => number;
  readonly y: (v: number) => number;
}

/**
 * A plot's axes: horizontal grid lines with the y tick labels, x ticks with their labels, the two
 * axis lines and the axis titles (the y title rotated), as one string of markup.
 */
export function axesMarkup(f: PlotFrame, ticks: { readonly x: readonly number[]; readonly y: readonly number[] }, formatX: (v: number) => string, formatY: (v: number) => string, labels: { readonly x: string; readonly y: string }): string {
  const { margin, plotW, plotH, x, y } = f;
  const axis: string[] = [];
  for (const t of ticks.y) {
    axis.push(element('line', { x1: margin.left, x2: margin.left + plotW, y1: y(t), y2: y(t), stroke: 'currentColor', 'stroke-opacity': '0.1' }));
    axis.push(element('text', { x: margin.left - 6, y: y(t), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, escapeHtml(formatY(t))));
  }
  for (const t of ticks.x) {
    axis.push(element('line', { x1: x(t), x2: x(t), y1: margin.top + plotH, y2: margin.top + plotH + 4, stroke: 'currentColor' }));
    axis.push(element('text', { x: x(t), y: margin.top + plotH + 16, 'text-anchor': 'middle' }, escapeHtml(formatX(t))));
  }
  axis.push(element('line', { x1: margin.left, x2: margin.left, y1: margin.top, y2: margin.top + plotH, stroke: 'currentColor' }));
  axis.push(element('line', { x1: margin.left, x2: margin.left + plotW, y1: margin.top + plotH, y2: margin.top + plotH, stroke: 'currentColor' }));
  axis.push(element('text', { x: margin.left + plotW / 2, y: f.height - 6, 'text-anchor': 'middle' }, escapeHtml(labels.x)));
  axis.push(element('text', { x: 14, y: margin.top + plotH / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${coordinate(margin.top + plotH / 2)})` }, escapeHtml(labels.y)));
  return element('g', { class: 'axes' }, axis.join(''));
}

/** An arrowhead at (x2, y2) pointing along (ux, uy) (a unit vector), 9 px long: its polygon's points. */
export function arrowHead(x2: number, y2: number, ux: number, uy: number): { readonly points: string; readonly base: readonly [number, number] } {
  const hx = x2 - ux * 9;
  const hy = y2 - uy * 9;
  const points = [
    [x2, y2],
    [hx - uy * 4, hy + ux * 4],
    [hx + uy * 4, hy - ux * 4],
  ]
    .map(([px, py]) => `${coordinate(px as number)},${coordinate(py as number)}`)
    .join(' ');
  return { points, base: [hx, hy] };
}

