import { fail } from '../errors.js';
import { booleanOption, strictOptions } from '../util/options.js';
import { escapeHtml } from './escape.js';
import { formatResolved, resolveNumberFormat } from './format.js';
import { coordinate, element, niceTicks, sizeOption, stepDecimals, svgOpen, textOption, textWidth } from './svg.js';

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
  /** Size in pixels (also the viewBox). Defaults 480 × 300. */
  readonly width?: number;
  readonly height?: number;
}

const SCREE_KEYS = ['simulated', 'title', 'kaiser', 'observedLabel', 'simulatedLabel', 'xLabel', 'yLabel', 'width', 'height'];

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
 * Draws a scree plot as a standalone SVG string: eigenvalue against factor number, with an
 * optional parallel-analysis line (Horn, 1965) and the Kaiser line at 1 (Kaiser, 1960) — the
 * picture `psych::fa.parallel` draws. No DOM and no plotting library: embed the string in HTML
 * or Markdown, write it to a `.svg` file, or `innerHTML` it.
 *
 * Conventions: the y axis starts at 0 (or below, for negative common-factor eigenvalues) and
 * always shows 1; lines use `currentColor`, so the plot follows the surrounding text colour; the
 * figure is `role="img"` with a `<title>` and a `<desc>` listing the values, for screen readers.
 * Each point is a `<circle>` with `data-series` and `data-value` attributes.
 *
 * @example
 * ```ts
 * const svg = screePlotSvg([5.52, 0.88, 0.67, 0.64], { simulated: [1.31, 1.19, 1.10, 1.03] });
 * document.querySelector('#scree')!.innerHTML = svg;
 * ```
 */
export function screePlotSvg(eigenvalues: readonly number[], options?: ScreePlotOptions): string {
  const o = strictOptions<ScreePlotOptions>(options, 'screePlotSvg', SCREE_KEYS);
  const observed = eigenvalueList('eigenvalues', eigenvalues);
  const simulated = o.simulated === undefined ? undefined : eigenvalueList('simulated', o.simulated);
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
  const simulatedLabel = textOption('simulatedLabel', o.simulatedLabel, 'Parallel analysis');
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
            fill: dashed ? 'white' : 'currentColor',
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
  parts.push(element('g', { class: 'legend' }, legendParts.join('')));

  const list = (values: readonly number[]) => values.map((v) => formatResolved(v, valueFormat)).join(', ');
  const description =
    `${yLabel} by ${xLabel.toLowerCase()} number. ${observedLabel}: ${list(observed)}.` +
    (simulated ? ` ${simulatedLabel}: ${list(simulated)}.` : '') +
    (kaiser ? ' Dotted line at eigenvalue 1.' : '');
  return `${svgOpen('psychkit-scree', width, height, title, description)}${parts.join('')}</svg>`;
}
