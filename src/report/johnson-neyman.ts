import { fail } from '../errors.js';
import { strictOptions } from '../util/options.js';
import { escapeHtml } from './escape.js';
import { formatResolved, resolveNumberFormat } from './format.js';
import { asOption, axesMarkup, coordinate, element, figureOutput, niceTicks, sizeOption, stepDecimals, svgOpen, textOption, type FigureFormat } from './svg.js';

/** Options of {@link johnsonNeymanSvg}. */
export interface JohnsonNeymanOptions {
  /** Accessible title. Default `'Johnson–Neyman region'` with the moderator's label. */
  readonly title?: string;
  /** Axis titles. Defaults: `'Moderator'` and `'Conditional effect'`. */
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Size in pixels (also the viewBox). Defaults 520 × 320. */
  readonly width?: number;
  readonly height?: number;
  /** `'string'` (default): the SVG markup; `'element'`: an `SVGSVGElement` (needs a DOM). */
  readonly as?: FigureFormat;
}

const KEYS = ['title', 'xLabel', 'yLabel', 'width', 'height', 'as'];

interface Row {
  readonly w: number;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/** What the figure reads from a Johnson–Neyman region. */
function readRegion(region: unknown): { rows: Row[]; points: number[] } {
  const bad = (what: string, details: Record<string, unknown> = {}): never => {
    throw fail('INVALID_INPUT', `johnsonNeymanSvg expects a Johnson–Neyman region (processModel's \`johnsonNeyman\` or \`johnsonNeymanPaths[i].region\`): ${what}.`, { value: region, ...details });
  };
  if (typeof region !== 'object' || region === null) bad('got no object');
  const r = region as { table?: unknown; points?: unknown };
  if (!Array.isArray(r.table) || r.table.length < 2) bad('`table` is not a list of at least two rows');
  if (!Array.isArray(r.points)) bad('`points` is not a list');
  const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 1e100;
  const rows = (r.table as unknown[]).map((row, i) => {
    const q = row as Partial<Row>;
    if (typeof row !== 'object' || row === null || !finite(q.w) || !finite(q.estimate) || !finite(q.lower) || !finite(q.upper)) bad(`\`table[${i}]\` is not { w, estimate, lower, upper } with finite numbers`, { row: i });
    return { w: q.w as number, estimate: q.estimate as number, lower: q.lower as number, upper: q.upper as number };
  });
  const points = (r.points as unknown[]).map((p, i) => {
    const w = (p as { w?: unknown } | null)?.w;
    if (!finite(w)) bad(`\`points[${i}].w\` is not a finite number`, { row: i });
    return w as number;
  });
  rows.sort((a, b) => a.w - b.w);
  if (!((rows[rows.length - 1] as Row).w > (rows[0] as Row).w)) bad('the moderator does not vary across `table`');
  return { rows, points };
}

/**
 * Draws a Johnson–Neyman region as a standalone SVG (a string, or with `as: 'element'` an
 * `SVGSVGElement`), `width` pixels wide: the conditional effect of the focal
 * predictor across the moderator's observed range (the region's `table`) with its confidence band,
 * the zero line, and a dashed vertical line at each transition point, labelled with its value —
 * where the band stops or starts covering zero (Hayes, 2022, §7.4; Bauer & Curran, 2005). Uses
 * `currentColor`; `role="img"` with a `<title>` and a `<desc>` naming the transition points.
 *
 * @example
 * ```ts
 * const fit = processModel(data, { model: 1, x: 'esse', w: 'ss', y: 'pwb', jn: true });
 * document.querySelector('#jn')!.innerHTML = johnsonNeymanSvg(fit.johnsonNeyman!, { xLabel: 'Social support', yLabel: 'Effect of self-efficacy' });
 * ```
 */
export function johnsonNeymanSvg(region: unknown, options: JohnsonNeymanOptions & { readonly as: 'element' }): SVGSVGElement;
export function johnsonNeymanSvg(region: unknown, options?: JohnsonNeymanOptions & { readonly as?: 'string' }): string;
export function johnsonNeymanSvg(region: unknown, options?: JohnsonNeymanOptions): string | SVGSVGElement;
export function johnsonNeymanSvg(region: unknown, options?: JohnsonNeymanOptions): string | SVGSVGElement {
  const o = strictOptions<JohnsonNeymanOptions>(options, 'johnsonNeymanSvg', KEYS);
  const as = asOption(o.as);
  const { rows, points } = readRegion(region);
  const xLabel = textOption('xLabel', o.xLabel, 'Moderator');
  const yLabel = textOption('yLabel', o.yLabel, 'Conditional effect');
  const title = textOption('title', o.title, `Johnson–Neyman region: ${yLabel} across ${xLabel}`);
  const width = sizeOption('width', o.width, 520);
  const height = sizeOption('height', o.height, 320);

  const xMin = (rows[0] as Row).w;
  const xMax = (rows[rows.length - 1] as Row).w;
  const lows = rows.map((r) => Math.min(r.lower, r.estimate, 0));
  const highs = rows.map((r) => Math.max(r.upper, r.estimate, 0));
  const y0 = Math.min(...lows);
  const y1 = Math.max(...highs);
  const [yMin0, yMax0] = y1 - y0 > 1e-12 * Math.max(1, Math.abs(y0)) ? [y0, y1] : [y0 - 0.5, y1 + 0.5];
  const { step: yStep } = niceTicks(yMin0, yMax0, 5);
  const yLo = Math.floor(yMin0 / yStep + 1e-9) * yStep;
  const yHi = Math.max(Math.ceil(yMax0 / yStep - 1e-9) * yStep, yLo + yStep);
  const { ticks: yTicks } = niceTicks(yLo, yHi, Math.round((yHi - yLo) / yStep));
  const { ticks: xTicks, step: xStep } = niceTicks(xMin, xMax, 5);
  const margin = { top: 24, right: 16, bottom: 44, left: 56 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const x = (v: number) => margin.left + ((v - xMin) / (xMax - xMin)) * plotW;
  const y = (v: number) => margin.top + plotH - ((v - yLo) / (yHi - yLo)) * plotH;
  const yFormat = resolveNumberFormat({ decimals: stepDecimals(yStep) }, 'johnsonNeymanSvg');
  const xFormat = resolveNumberFormat({ decimals: stepDecimals(xStep) }, 'johnsonNeymanSvg');
  const pointFormat = resolveNumberFormat({ decimals: 2 }, 'johnsonNeymanSvg');

  const axes = axesMarkup({ margin, plotW, plotH, height, x, y }, { x: xTicks, y: yTicks }, (t) => formatResolved(t, xFormat), (t) => formatResolved(t, yFormat), { x: xLabel, y: yLabel });

  const band = [...rows.map((r) => `${coordinate(x(r.w))},${coordinate(y(r.upper))}`), ...[...rows].reverse().map((r) => `${coordinate(x(r.w))},${coordinate(y(r.lower))}`)].join(' ');
  const effect = rows.map((r) => `${coordinate(x(r.w))},${coordinate(y(r.estimate))}`).join(' ');
  // Two points' labels go outward (left of the first line, right of the second), so close points stay legible.
  const sorted = [...points].sort((a, b) => a - b);
  const marks = sorted.map((w, i) => {
    const anchor = sorted.length === 1 ? 'middle' : i === 0 ? 'end' : 'start';
    const dx = anchor === 'end' ? -3 : anchor === 'start' ? 3 : 0;
    return element(
      'g',
      { class: 'transition', 'data-w': formatResolved(w, pointFormat) },
      element('line', { x1: x(w), x2: x(w), y1: margin.top, y2: margin.top + plotH, stroke: 'currentColor', 'stroke-dasharray': '4 3' }) +
        element('text', { x: x(w) + dx, y: margin.top - 8, 'text-anchor': anchor, 'font-size': '11' }, escapeHtml(formatResolved(w, pointFormat))),
    );
  });
  const description =
    `${yLabel} across ${xLabel} from ${formatResolved(xMin, pointFormat)} to ${formatResolved(xMax, pointFormat)}, with its confidence band; ` +
    (points.length === 0 ? 'no transition point of significance inside this range.' : `significance changes at ${xLabel} = ${points.map((w) => formatResolved(w, pointFormat)).join(' and ')}.`);
  return figureOutput(
    `${svgOpen('psychkit-johnson-neyman', width, height, title, description)}${axes}` +
    element('polygon', { class: 'band', points: band, fill: 'currentColor', 'fill-opacity': '0.15', stroke: 'none' }) +
    element('line', { class: 'zero', x1: margin.left, x2: margin.left + plotW, y1: y(0), y2: y(0), stroke: 'currentColor', 'stroke-dasharray': '2 3' }) +
    element('polyline', { class: 'effect', points: effect, fill: 'none', stroke: 'currentColor', 'stroke-width': '1.5' }) +
    `${marks.join('')}</svg>`,
    as,
    'johnsonNeymanSvg',
  );
}
