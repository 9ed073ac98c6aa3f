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
