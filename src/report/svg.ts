import { fail } from '../errors.js';
import { showValue } from '../util/options.js';
import { escapeHtml } from './escape.js';

// Small helpers shared by the SVG figures. Figures are strings built from these pieces; nothing
// here touches a DOM, so they work in Node, Deno, workers and browsers alike.

/** A coordinate with at most two decimals: keeps the SVG small and the output stable. */
export function coordinate(v: number): string {
  const r = Math.round(v * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

/** An element with escaped attribute values; `content` is trusted markup (already escaped). */
export function element(name: string, attributes: Record<string, string | number | undefined>, content?: string): string {
  let attrs = '';
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

