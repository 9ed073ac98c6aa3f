import { fail } from '../errors.js';
import { strictOptions } from '../util/options.js';
import { escapeHtml } from './escape.js';
import { formatResolved, resolveNumberFormat } from './format.js';
import { asOption, axesMarkup, coordinate, element, figureOutput, niceTicks, sizeOption, stepDecimals, svgOpen, textOption, textWidth, type FigureFormat } from './svg.js';

/** Options of {@link simpleSlopesSvg}. */
export interface SimpleSlopesOptions {
  /** Accessible title (`<title>`). Default `'Conditional effect of X on Y'` with the column names. */
  readonly title?: string;
  /** Axis titles. Defaults: X's and Y's column names (Y's "(log-odds)" for a dichotomous Y). */
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Size in pixels (also the viewBox). Defaults 520 × 320. */
  readonly width?: number;
  readonly height?: number;
  /**
   * A model with mediators: which moderated path to draw, from its `pathPredictions` (PROCESS's
   * `plot` table of that path). Default: the first one.
   */
  readonly path?: { readonly equation: string; readonly focal: string };
  /** `'string'` (default): the SVG markup; `'element'`: an `SVGSVGElement` (needs a DOM). */
  readonly as?: FigureFormat;
}

const KEYS = ['title', 'xLabel', 'yLabel', 'width', 'height', 'path', 'as'];

/** A mediated model's plot table for one path, as the rows the figure draws (focal value as x). */
function pathRows(result: unknown, path: SimpleSlopesOptions['path']): { rows: SlopesInput['predictedValues']; x: string; y: string } | null {
  const r = result as { pathPredictions?: unknown; predictedValues?: unknown };
  if (typeof result !== 'object' || result === null || Array.isArray(r.predictedValues) || !Array.isArray(r.pathPredictions) || r.pathPredictions.length === 0) {
    if (path !== undefined) throw fail('INVALID_OPTION', 'simpleSlopesSvg: `path` applies to a model with mediators and moderated paths (its `pathPredictions`).', { option: 'path', value: path });
    return null;
  }
  const all = r.pathPredictions as { equation?: unknown; focal?: unknown; value?: unknown; at?: unknown; predicted?: unknown }[];
  const first = all[0] as { equation?: unknown; focal?: unknown };
  if (path !== undefined && (typeof path !== 'object' || path === null || typeof path.equation !== 'string' || typeof path.focal !== 'string')) {
    throw fail('INVALID_OPTION', 'simpleSlopesSvg: `path` must be { equation, focal } (column names).', { option: 'path', value: path });
  }
  const want = path ?? { equation: first.equation as string, focal: first.focal as string };
  const rows = all.filter((p) => p.equation === want.equation && p.focal === want.focal);
  if (rows.length === 0) {
    const paths = [...new Set(all.map((p) => `{ equation: '${String(p.equation)}', focal: '${String(p.focal)}' }`))].join(', ');
    throw fail('INVALID_OPTION', `simpleSlopesSvg: the result has no moderated path ${want.focal} → ${want.equation}; its paths: ${paths}.`, { option: 'path', value: path });
  }
  return { rows: rows.map((p) => ({ x: p.value as number, at: p.at as Readonly<Record<string, number>>, predicted: p.predicted as number })), x: want.focal, y: want.equation };
}

/** What the figure reads from a processModel result. */
interface SlopesInput {
  readonly variables: { readonly x: string; readonly y: string };
  readonly moderators: readonly { readonly role: string; readonly column: string }[];
  readonly settings?: { readonly yModel?: string };
  readonly predictedValues: readonly { readonly x: number; readonly at: Readonly<Record<string, number | undefined>>; readonly predicted: number }[];
}

function readInput(result: unknown): SlopesInput {
  const bad = (what: string): never => {
    throw fail('INVALID_INPUT', `simpleSlopesSvg expects the result of processModel() with predicted values (models 1–3, or a moderated path of a mediated model): ${what}.`, { value: result });
  };
  if (typeof result !== 'object' || result === null || (result as { kind?: unknown }).kind !== 'processModel') bad('this is not a processModel result');
  const r = result as Partial<SlopesInput>;
  if (!Array.isArray(r.predictedValues)) bad('`predictedValues` is null (a model with mediators and no moderated path) or missing');
  if (typeof r.variables?.x !== 'string' || typeof r.variables.y !== 'string' || !Array.isArray(r.moderators)) bad('`variables` or `moderators` is not as processModel returns them');
  (r.moderators as unknown[]).forEach((m, i) => {
    const ok = typeof m === 'object' && m !== null && typeof (m as { role?: unknown }).role === 'string' && typeof (m as { column?: unknown }).column === 'string';
    if (!ok) throw fail('INVALID_INPUT', `simpleSlopesSvg: \`moderators[${i}]\` is not { role, column }.`, { row: i, value: m });
  });
  const rows = r.predictedValues as SlopesInput['predictedValues'];
  if (rows.length === 0) bad('`predictedValues` is empty');
  rows.forEach((p, i) => {
    const ok =
      typeof p === 'object' &&
      p !== null &&
      Number.isFinite(p.x) &&
      Number.isFinite(p.predicted) &&
      typeof p.at === 'object' &&
      p.at !== null &&
      Object.values(p.at).every((v) => typeof v === 'number' && Number.isFinite(v));
    if (!ok) throw fail('INVALID_INPUT', `simpleSlopesSvg: \`predictedValues[${i}]\` is not { x, at, predicted } with finite numbers.`, { row: i, value: p });
    if (Math.abs(p.x) > 1e100 || Math.abs(p.predicted) > 1e100) throw fail('OUT_OF_RANGE', `simpleSlopesSvg: \`predictedValues[${i}]\` is too large to plot (|value| ≤ 1e100).`, { row: i });
  });
  return r as SlopesInput;
}

/**
 * Positions for labels wanted at `wanted` (pixels, any order): each at least `gap` from the next,
 * as close to where it is wanted as that allows, within [top, bottom] when they fit.
 */
function spreadLabels(wanted: readonly number[], gap: number, top: number, bottom: number): number[] {
  const order = wanted.map((_, i) => i).sort((a, b) => (wanted[a] as number) - (wanted[b] as number));
  const placed = order.map((i) => wanted[i] as number);
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k] as number, (placed[k - 1] as number) + gap);
  // Shift the stack up if it runs past the bottom, then down if that pushed it above the top.
  const over = (placed[placed.length - 1] ?? bottom) - bottom;
  if (over > 0) for (let k = placed.length - 1; k >= 0; k--) placed[k] = Math.min(placed[k] as number - over, k === placed.length - 1 ? bottom : (placed[k + 1] as number) - gap);
  const under = top - (placed[0] ?? top);
  if (under > 0) for (let k = 0; k < placed.length; k++) placed[k] = (placed[k] as number) + under;
  const out = new Array<number>(wanted.length);
  order.forEach((i, k) => (out[i] = placed[k] as number));
  return out;
}

/** Stroke patterns that stay distinguishable in one colour (and in print). */
const DASHES = [undefined, '6 4', '2 3', '10 3 2 3', '1 2', '12 4'];

/**
 * Draws the conditional effect of X on Y in a moderation model (PROCESS models 1–3) as a standalone
 * SVG (a string, or with `as: 'element'` an `SVGSVGElement`), `width` pixels wide: predicted Y against X, one line per combination of the moderators' probe values —
 * the simple slopes, from the result's `predictedValues` (PROCESS's `plot` table; every other
 * regressor at its mean). Lines use `currentColor` with distinct dash patterns and are labelled
 * with the moderator values at their right end; the figure is `role="img"` with a `<title>` and a
 * `<desc>` giving each line's endpoints, and each line has `data-at` with its moderator values.
 * Following Hayes (2022, §7.3) and PROCESS's `plot=1` output. For a model with mediators, it draws
 * one moderated path from the result's `pathPredictions` (`path: { equation, focal }`, default
 * the first): the equation's outcome against the focal predictor, per moderator value.
 *
 * @example
 * ```ts
 * const fit = processModel(data, { model: 1, x: 'esse', w: 'ss', y: 'pwb' });
 * document.querySelector('#slopes')!.innerHTML = simpleSlopesSvg(fit);
 * // Model 7: the first stage, self-efficacy → social support, by gender.
 * const m7 = processModel(data, { model: 7, x: 'esse', m: 'ss', w: 'gender', y: 'pwb', seed: 1 });
 * simpleSlopesSvg(m7, { path: { equation: 'ss', focal: 'esse' } });
 * ```
 */
export function simpleSlopesSvg(result: unknown, options: SimpleSlopesOptions & { readonly as: 'element' }): SVGSVGElement;
export function simpleSlopesSvg(result: unknown, options?: SimpleSlopesOptions & { readonly as?: 'string' }): string;
export function simpleSlopesSvg(result: unknown, options?: SimpleSlopesOptions): string | SVGSVGElement;
export function simpleSlopesSvg(result: unknown, options?: SimpleSlopesOptions): string | SVGSVGElement {
  const o = strictOptions<SimpleSlopesOptions>(options, 'simpleSlopesSvg', KEYS);
  const as = asOption(o.as);
  // A mediated model: one moderated path's plot table, read as a moderation model's would be.
  const path = pathRows(result, o.path);
  const outcome = (result as { variables?: { y?: unknown } } | null)?.variables?.y;
  // A mediator's equation is OLS even when Y's is logistic.
  const r = readInput(path === null ? result : { ...(result as object), variables: { x: path.x, y: path.y }, predictedValues: path.rows, ...(path.y === outcome ? {} : { settings: { yModel: 'linear' } }) });
  const logistic = r.settings?.yModel === 'logistic';
  const title = textOption('title', o.title, `Conditional effect of ${r.variables.x} on ${r.variables.y}`);
  const xLabel = textOption('xLabel', o.xLabel, r.variables.x);
  const yLabel = textOption('yLabel', o.yLabel, logistic ? `${r.variables.y} (log-odds)` : r.variables.y);
  const width = sizeOption('width', o.width, 520);
  const height = sizeOption('height', o.height, 320);

  // One line per moderator combination, in the result's order.
  const roles = r.moderators.map((m) => m.role);
  const labelOf = (at: SlopesInput['predictedValues'][number]['at']) =>
    r.moderators
      .filter((m) => at[m.role] !== undefined)
      // Up to two decimals, trailing zeros dropped: a dichotomous moderator reads "gender = 1".
      .map((m) => `${m.column} = ${String(Number((at[m.role] as number).toFixed(2)))}`)
      .join(', ');
  const lines = new Map<string, { label: string; points: { x: number; y: number }[] }>();
  for (const p of r.predictedValues) {
    const key = roles.map((role) => String(p.at[role])).join('|');
    let line = lines.get(key);
    if (line === undefined) lines.set(key, (line = { label: labelOf(p.at), points: [] }));
    line.points.push({ x: p.x, y: p.predicted });
  }
  for (const line of lines.values()) line.points.sort((a, b) => a.x - b.x);

  const xs = r.predictedValues.map((p) => p.x);
  const ys = r.predictedValues.map((p) => p.predicted);
  const span = (lo: number, hi: number) => (hi - lo > 1e-9 * Math.max(1, Math.abs(lo)) ? [lo, hi] : [lo - 0.5, hi + 0.5]) as [number, number];
  const [xMin, xMax] = span(Math.min(...xs), Math.max(...xs));
  const [yMin0, yMax0] = span(Math.min(...ys), Math.max(...ys));
  const { step: yStep } = niceTicks(yMin0, yMax0, 5);
  const yLo = Math.floor(yMin0 / yStep + 1e-9) * yStep;
  const yHi = Math.max(Math.ceil(yMax0 / yStep - 1e-9) * yStep, yLo + yStep);
  const { ticks: yTicks } = niceTicks(yLo, yHi, Math.round((yHi - yLo) / yStep));
  const { ticks: xTicks, step: xStep } = niceTicks(xMin, xMax, 5);

  const labelWidth = Math.min(200, Math.max(...[...lines.values()].map((l) => textWidth(l.label, 11))) + 8);
  const margin = { top: 16, right: 16 + labelWidth, bottom: 44, left: 56 };
  const plotW = Math.max(40, width - margin.left - margin.right);
  const plotH = height - margin.top - margin.bottom;
  const x = (v: number) => margin.left + ((v - xMin) / (xMax - xMin)) * plotW;
  const y = (v: number) => margin.top + plotH - ((v - yLo) / (yHi - yLo)) * plotH;
  const yFormat = resolveNumberFormat({ decimals: stepDecimals(yStep) }, 'simpleSlopesSvg');
  const xFormat = resolveNumberFormat({ decimals: stepDecimals(xStep) }, 'simpleSlopesSvg');
  const valueFormat = resolveNumberFormat({ decimals: 2 }, 'simpleSlopesSvg');

  const axes = axesMarkup({ margin, plotW, plotH, height, x, y }, { x: xTicks, y: yTicks }, (t) => formatResolved(t, xFormat), (t) => formatResolved(t, yFormat), { x: xLabel, y: yLabel });

  // End labels at their lines' right ends, pushed apart where lines end close together (13 px
  // apart at least, kept inside the plot's height).
  const list = [...lines.values()];
  const labelY = spreadLabels(
    list.map((line) => y((line.points[line.points.length - 1] as { y: number }).y)),
    13,
    margin.top,
    margin.top + plotH,
  );
  const drawn = list.map((line, i) => {
    const points = line.points.map((p) => `${coordinate(x(p.x))},${coordinate(y(p.y))}`).join(' ');
    const last = line.points[line.points.length - 1] as { x: number; y: number };
    return element(
      'g',
      { class: 'slope', 'data-at': line.label },
      element('polyline', { points, fill: 'none', stroke: 'currentColor', 'stroke-width': '1.5', 'stroke-dasharray': DASHES[i % DASHES.length] }) +
        element('text', { x: x(last.x) + 6, y: labelY[i] as number, 'dominant-baseline': 'middle', 'font-size': '11' }, escapeHtml(line.label)),
    );
  });
  const description =
    `${yLabel} predicted from ${xLabel}, one line per moderator value: ` +
    [...lines.values()]
      .map((l) => `${l.label}: ${formatResolved(l.points[0]?.y ?? 0, valueFormat)} at ${xLabel} = ${formatResolved(l.points[0]?.x ?? 0, valueFormat)} to ${formatResolved(l.points[l.points.length - 1]?.y ?? 0, valueFormat)} at ${formatResolved(l.points[l.points.length - 1]?.x ?? 0, valueFormat)}`)
      .join('; ') +
    '.';
  return figureOutput(`${svgOpen('psychkit-simple-slopes', width, height, title, description)}${axes}${drawn.join('')}</svg>`, as, 'simpleSlopesSvg');
}
