import { fail } from '../errors.js';
import { booleanOption, strictOptions } from '../util/options.js';
import { escapeHtml } from './escape.js';
import { formatResolved, resolveNumberFormat } from './format.js';
import type { EfaResult } from '../factor/efa.js';
import type { ParallelAnalysisResult } from '../factor/retention/parallel.js';
import { asOption, backgroundOption, coordinate, element, figureOutput, niceTicks, pagePaint, sizeOption, stepDecimals, svgOpen, textOption, textWidth, type FigureFormat } from './svg.js';

/** Options of {@link screePlotSvg}. */
export interface ScreePlotOptions {
  /**
   * Eigenvalues from parallel analysis (the mean or a quantile of eigenvalues of random data of
   * the same size), one per observed eigenvalue; drawn as a dashed line.
   */
  readonly simulated?: readonly number[];
  /** Accessible title (`<title>`; shown as a tooltip). Default `'Scree plot'`. */
  readonly title?: string;
  /** Draw the Kaiser line at eigenvalue 1. Default `true`. */
  readonly kaiser?: boolean;
  /** Legend text of the observed line. Default `'Observed'`. */
  readonly observedLabel?: string;
  /** Legend text of the simulated line. Default `'Parallel analysis'`. */
  readonly simulatedLabel?: string;
  /** Axis titles. Defaults `'Factor'` and `'Eigenvalue'`. */
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Size in pixels (also the viewBox); the plot lays out for it. Defaults 480 × 300. */
  readonly width?: number;
  readonly height?: number;
  /**
   * For a parallelAnalysis result: the factor eigenvalues (default; R with one-factor
   * communalities on its diagonal, psych's `fa` line) or the component eigenvalues (R's own).
   */
  readonly eigenvalues?: 'factors' | 'components';
  /** Paint inside the simulated series' hollow points. Default: the page's background (`Canvas`). */
  readonly background?: string;
  /** `'string'` (default): the SVG markup; `'element'`: an `SVGSVGElement` (needs a DOM). */
  readonly as?: FigureFormat;
}

/** What {@link screePlotSvg} draws: eigenvalues, an efa result (its `eigenvalues`) or a parallelAnalysis result. */
export type ScreePlotInput = readonly number[] | ArrayLike<number> | EfaResult | ParallelAnalysisResult;

const SCREE_KEYS = ['simulated', 'title', 'kaiser', 'observedLabel', 'simulatedLabel', 'xLabel', 'yLabel', 'width', 'height', 'eigenvalues', 'background', 'as'];

/** The series a result gives: observed, simulated (parallel analysis) and the retained count. */
function screeSeries(input: unknown, which: 'factors' | 'components'): { observed: unknown; simulated?: readonly number[]; retained?: number; simulatedLabel?: string } {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || ArrayBuffer.isView(input)) return { observed: input };
  const r = input as { kind?: unknown };
  if (r.kind === 'efa') return { observed: (input as EfaResult).eigenvalues };
  if (r.kind === 'parallelAnalysis') {
    const p = input as ParallelAnalysisResult;
    const q = Math.round(p.quantile * 100);
    return {
      observed: p.observed?.[which],
      ...(Array.isArray(p.simulated?.[which]?.quantile) ? { simulated: p.simulated[which].quantile } : {}),
      ...(typeof p.suggestedFactors === 'number' ? { retained: which === 'factors' ? p.suggestedFactors : p.suggestedComponents } : {}),
      simulatedLabel: `Simulated (${q}th percentile)`,
    };
  }
  throw fail('INVALID_INPUT', 'screePlotSvg expects eigenvalues (an array of numbers), an efa result or a parallelAnalysis result.', { value: r.kind });
}

function eigenvalueList(option: string, value: unknown): number[] {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) {
    throw fail('INVALID_INPUT', `screePlotSvg: \`${option}\` must be an array of numbers.`, { option, value });
  }
  const list = Array.from(value as ArrayLike<unknown>);
  if (list.length === 0) throw fail('INVALID_INPUT', `screePlotSvg: \`${option}\` is empty.`, { option });
  list.forEach((v, i) => {
    if (typeof v !== 'number') throw fail('INVALID_INPUT', `screePlotSvg: \`${option}\`[${i}] is not a number.`, { option, row: i, value: v });
    if (!Number.isFinite(v)) throw fail('NON_FINITE', `screePlotSvg: \`${option}\`[${i}] is ${v}.`, { option, row: i, value: v });
    // The axis arithmetic (tick steps, the span of the axis) would overflow beyond this; no
    // eigenvalue of a correlation or covariance matrix in practice comes near it.
    if (Math.abs(v) > 1e100) throw fail('OUT_OF_RANGE', `screePlotSvg: \`${option}\`[${i}] = ${v} is too large to plot (|value| ≤ 1e100).`, { option, row: i, value: v });
  });
  return list as number[];
}

/**
 * Draws a scree plot as a standalone SVG: eigenvalue against factor number, with an optional
 * parallel-analysis line (Horn, 1965) and the Kaiser line at 1 (Kaiser, 1960) — the picture
 * `psych::fa.parallel` draws. Takes eigenvalues, an efa result (its `eigenvalues`, of R) or a
 * parallelAnalysis result (observed and simulated eigenvalues — the simulated quantile the
 * retention rule compares with — as two series, and the number of factors retained). No
 * plotting library: embed the string in HTML or Markdown, write it to a `.svg` file, or with
 * `as: 'element'` get an `SVGSVGElement` for a notebook cell.
 *
 * Conventions: the y axis starts at 0 (or below, for negative common-factor eigenvalues) and
 * always shows 1; text and lines use `currentColor`, so the plot follows the surrounding text
 * colour (dark themes too); the figure is `width` pixels wide and lays out for it; it is
 * `role="img"` with a `<title>` and a `<desc>` listing the values, for screen readers. Each point
 * is a `<circle>` with `data-series` and `data-value` attributes.
 *
 * @example
 * ```ts
 * const svg = screePlotSvg([5.52, 0.88, 0.67, 0.64], { simulated: [1.31, 1.19, 1.10, 1.03] });
 * document.querySelector('#scree')!.innerHTML = svg;
 * // In a notebook: a parallel analysis, 640 px wide, as an element.
 * const figure: SVGSVGElement = screePlotSvg(parallelAnalysis(rows, { seed: 1 }), { width: 640, as: 'element' });
 * ```
 */
export function screePlotSvg(input: ScreePlotInput, options: ScreePlotOptions & { readonly as: 'element' }): SVGSVGElement;
export function screePlotSvg(input: ScreePlotInput, options?: ScreePlotOptions & { readonly as?: 'string' }): string;
export function screePlotSvg(input: ScreePlotInput, options?: ScreePlotOptions): string | SVGSVGElement;
export function screePlotSvg(input: ScreePlotInput, options?: ScreePlotOptions): string | SVGSVGElement {
  const o = strictOptions<ScreePlotOptions>(options, 'screePlotSvg', SCREE_KEYS);
  const as = asOption(o.as);
  const background = backgroundOption(o.background);
  const which = (() => {
    const w = o.eigenvalues;
    if (w !== undefined && w !== 'factors' && w !== 'components') throw fail('INVALID_OPTION', `\`eigenvalues\` must be 'factors' or 'components'; got ${String(w)}.`, { option: 'eigenvalues', value: w });
    return w ?? 'factors';
  })();
  const given = screeSeries(input, which);
  if (o.eigenvalues !== undefined && given.simulatedLabel === undefined) {
    throw fail('INVALID_OPTION', 'screePlotSvg: `eigenvalues` chooses the series of a parallelAnalysis result.', { option: 'eigenvalues', value: o.eigenvalues });
  }
  if (given.simulated !== undefined && o.simulated !== undefined) {
    throw fail('INVALID_OPTION', 'screePlotSvg: a parallelAnalysis result brings its own simulated eigenvalues; leave `simulated` out.', { option: 'simulated' });
  }
  const observed = eigenvalueList('eigenvalues', given.observed);
  const simulatedInput = o.simulated ?? given.simulated;
  const simulated = simulatedInput === undefined ? undefined : eigenvalueList('simulated', simulatedInput);
  const retained = given.retained;
  if (simulated && simulated.length !== observed.length) {
    throw fail('LENGTH_MISMATCH', `screePlotSvg: \`simulated\` has ${simulated.length} values; \`eigenvalues\` has ${observed.length}.`, {
      option: 'simulated',
      expected: observed.length,
      actual: simulated.length,
    });
  }
  const kaiser = booleanOption('kaiser', o.kaiser, true);
  const title = textOption('title', o.title, 'Scree plot');
  const observedLabel = textOption('observedLabel', o.observedLabel, 'Observed');
  const simulatedLabel = textOption('simulatedLabel', o.simulatedLabel, given.simulatedLabel ?? 'Parallel analysis');
  const xLabel = textOption('xLabel', o.xLabel, 'Factor');
  const yLabel = textOption('yLabel', o.yLabel, 'Eigenvalue');
  const width = sizeOption('width', o.width, 480);
  const height = sizeOption('height', o.height, 300);

  const all = simulated ? observed.concat(simulated) : observed;
  const yMin = Math.min(0, ...all);
  // A span below 1e-6 (all values 0, say) is drawn as 1e-6: tick steps of a zero span are undefined.
  const yMax = Math.max(kaiser ? 1 : 0, ...all, yMin + 1e-6);
  // Extend the axis to whole ticks around the data, so the largest eigenvalue sits below a tick.
  const { step: yStep } = niceTicks(yMin, yMax, 5);
  const yLo = Math.floor(yMin / yStep + 1e-9) * yStep;
  const yHi = Math.max(Math.ceil(yMax / yStep - 1e-9) * yStep, yLo + yStep);
  const { ticks: yTicks } = niceTicks(yLo, yHi, Math.round((yHi - yLo) / yStep));
  const k = observed.length;

  const margin = { top: 16, right: 16, bottom: 44, left: 52 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const x = (i: number) => margin.left + (k === 1 ? plotW / 2 : (i * plotW) / (k - 1));
  const y = (v: number) => margin.top + plotH - ((v - yLo) / (yHi - yLo)) * plotH;

  const tickFormat = resolveNumberFormat({ decimals: stepDecimals(yStep) }, 'screePlotSvg');
  const valueFormat = resolveNumberFormat({ decimals: 2 }, 'screePlotSvg');
  const parts: string[] = [];

  // Axes: y ticks with light grid lines, x ticks at every factor (thinned past ~20).
  const axis: string[] = [];
  for (const t of yTicks) {
    axis.push(element('line', { x1: margin.left, x2: margin.left + plotW, y1: y(t), y2: y(t), stroke: 'currentColor', 'stroke-opacity': '0.1' }));
    axis.push(element('text', { x: margin.left - 6, y: y(t), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, escapeHtml(formatResolved(t, tickFormat))));
  }
  const every = Math.max(1, Math.ceil(k / 20));
  for (let i = 0; i < k; i += every) {
    axis.push(element('line', { x1: x(i), x2: x(i), y1: margin.top + plotH, y2: margin.top + plotH + 4, stroke: 'currentColor' }));
    axis.push(element('text', { x: x(i), y: margin.top + plotH + 16, 'text-anchor': 'middle' }, String(i + 1)));
  }
  axis.push(element('line', { x1: margin.left, x2: margin.left, y1: margin.top, y2: margin.top + plotH, stroke: 'currentColor' }));
  axis.push(element('line', { x1: margin.left, x2: margin.left + plotW, y1: margin.top + plotH, y2: margin.top + plotH, stroke: 'currentColor' }));
  axis.push(element('text', { x: margin.left + plotW / 2, y: height - 6, 'text-anchor': 'middle' }, escapeHtml(xLabel)));
  axis.push(
    element(
      'text',
      { x: 14, y: margin.top + plotH / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${coordinate(margin.top + plotH / 2)})` },
      escapeHtml(yLabel),
    ),
  );
  parts.push(element('g', { class: 'axes' }, axis.join('')));

  if (kaiser) {
    parts.push(
      element('line', {
        class: 'kaiser',
        x1: margin.left,
        x2: margin.left + plotW,
        y1: y(1),
        y2: y(1),
        stroke: 'currentColor',
        'stroke-opacity': '0.5',
        'stroke-dasharray': '2 3',
      }),
    );
  }

  const series = (name: string, values: readonly number[], dashed: boolean): string => {
    const points = values.map((v, i) => `${coordinate(x(i))},${coordinate(y(v))}`).join(' ');
    const line = element('polyline', {
      points,
      fill: 'none',
      stroke: 'currentColor',
      'stroke-width': '1.5',
      'stroke-dasharray': dashed ? '6 4' : undefined,
    });
    const dots = values
      .map((v, i) =>
        element(
          'circle',
          {
            cx: x(i),
            cy: y(v),
            r: '3',
            // Hollow points of the simulated series: the page's background inside, so the line
            // does not show through on a light or a dark page.
            ...(dashed ? pagePaint(background) : { fill: 'currentColor' }),
            stroke: 'currentColor',
            'data-series': name,
            'data-value': String(v),
          },
          element('title', {}, escapeHtml(`${name === 'observed' ? observedLabel : simulatedLabel}, factor ${i + 1}: ${formatResolved(v, valueFormat)}`)),
        ),
      )
      .join('');
    return element('g', { class: name }, line + dots);
  };
  if (simulated) parts.push(series('simulated', simulated, true));
  parts.push(series('observed', observed, false));

  // Legend, top right.
  const legend: { label: string; dashed: boolean }[] = [{ label: observedLabel, dashed: false }];
  if (simulated) legend.push({ label: simulatedLabel, dashed: true });
  if (kaiser) legend.push({ label: 'Eigenvalue = 1', dashed: true });
  const retainedText = retained === undefined ? undefined : `${retained} ${which === 'components' ? (retained === 1 ? 'component' : 'components') : retained === 1 ? 'factor' : 'factors'} retained`;
  const legendWidth = 30 + Math.max(...legend.map((l) => textWidth(l.label, 12)));
  const lx = margin.left + plotW - legendWidth;
  const legendParts = legend.map((l, i) => {
    const ly = margin.top + 8 + i * 16;
    const isKaiser = kaiser && i === legend.length - 1;
    return (
      element('line', {
        x1: lx,
        x2: lx + 22,
        y1: ly,
        y2: ly,
        stroke: 'currentColor',
        'stroke-width': isKaiser ? '1' : '1.5',
        'stroke-opacity': isKaiser ? '0.5' : undefined,
        'stroke-dasharray': isKaiser ? '2 3' : l.dashed ? '6 4' : undefined,
      }) + element('text', { x: lx + 28, y: ly, 'dominant-baseline': 'middle' }, escapeHtml(l.label))
    );
  });
  if (retainedText !== undefined) {
    legendParts.push(element('text', { class: 'retained', 'data-retained': String(retained), x: lx, y: margin.top + 8 + legend.length * 16, 'dominant-baseline': 'middle' }, escapeHtml(retainedText)));
  }
  parts.push(element('g', { class: 'legend' }, legendParts.join('')));

  const list = (values: readonly number[]) => values.map((v) => formatResolved(v, valueFormat)).join(', ');
  const description =
    `${yLabel} by ${xLabel.toLowerCase()} number. ${observedLabel}: ${list(observed)}.` +
    (simulated ? ` ${simulatedLabel}: ${list(simulated)}.` : '') +
    (kaiser ? ' Dotted line at eigenvalue 1.' : '') +
    (retainedText !== undefined ? ` ${retainedText[0]!.toUpperCase()}${retainedText.slice(1)}.` : '');
  return figureOutput(`${svgOpen('psychkit-scree', width, height, title, description)}${parts.join('')}</svg>`, as, 'screePlotSvg');
}
