// bootstrapHistogramSvg: the distribution of bootstrap draws as a histogram, with the estimate
// and the confidence interval marked.
import { fail } from '../errors.js';
import type { BootstrapResult } from '../resampling/bootstrap.js';
import type { CronbachAlphaResult } from '../reliability/alpha.js';
import { defineOptions, field, numberIn, showValue } from '../util/options.js';
import { escapeHtml } from './escape.js';
import { formatResolved, resolveNumberFormat } from './format.js';
import { asOption, axesMarkup, element, figureOutput, niceTicks, sizeOption, stepDecimals, svgOpen, type FigureFormat } from './svg.js';

/** Bootstrap draws with their estimate and interval, as {@link bootstrapHistogramSvg} takes them. */
export interface BootstrapDraws {
  /** The resampled values of the statistic, one per resample. */
  readonly draws: ArrayLike<number>;
  /** The statistic in the full sample. */
  readonly estimate: number;
  /** The interval's bounds, or `null` for none. */
  readonly lower: number | null;
  readonly upper: number | null;
  /** The interval's confidence level, for its label. Default: none printed. */
  readonly confidence?: number;
}

/**
 * What {@link bootstrapHistogramSvg} draws: draws with their estimate and interval, a bootstrap
 * result (run with `keepResamples: true`), a cronbachAlpha result with a bootstrap interval
 * (its `bootstrap.draws`) or a processModel result run with `keepResamples: true` (its
 * bootstrapped effects' `draws`).
 */
export type BootstrapHistogramInput = BootstrapDraws | BootstrapResult | CronbachAlphaResult<number | null> | { readonly kind: 'processModel' };

/** Options of {@link bootstrapHistogramSvg}. */
export interface BootstrapHistogramOptions {
  /** Width in pixels (100–10,000); the plot lays out for it. Default 480. */
  readonly width?: number;
  /** Height in pixels. Default 300. */
  readonly height?: number;
  /** Number of bins, 1–500. Default: the Freedman–Diaconis rule (Sturges's where the draws' IQR is 0), at most 100. */
  readonly bins?: number;
  /** The x-axis title: what was resampled. Default from the input (`'Indirect effect (ss)'`, `'Cronbach’s α'`, …). */
  readonly label?: string;
  /** Accessible title. Default `'Bootstrap distribution of '` and the label. */
  readonly title?: string;
  /** A bootstrap result: which statistic (0-based index). Default 0. */
  readonly statistic?: number;
  /**
   * A processModel result: which bootstrapped effect, by its `label` (`indirectEffects[i].label`,
   * a contrast's label) or its field (`'totalIndirectEffect'`, `'directEffect'`, `'totalEffect'`).
   * Default: the first indirect effect.
   */
  readonly effect?: string;
  /** `'string'` (default): the SVG markup; `'element'`: an `SVGSVGElement` (needs a DOM). */
  readonly as?: FigureFormat;
}

const readOptions = defineOptions('bootstrapHistogramSvg', {
  width: (v: unknown, k: string) => sizeOption(k, v, 480),
  height: (v: unknown, k: string) => sizeOption(k, v, 300),
  bins: (v: unknown, k: string) => (v === undefined ? undefined : numberIn(k, v, 0, 1, 500, { integer: true })),
  label: field.optionalString(),
  title: field.optionalString(),
  statistic: (v: unknown, k: string) => (v === undefined ? undefined : numberIn(k, v, 0, 0, Number.MAX_SAFE_INTEGER, { integer: true })),
  effect: field.optionalString(),
  as: (v: unknown) => asOption(v),
});

interface Drawn {
  readonly draws: Float64Array;
  readonly estimate: number;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly confidence: number | null;
  readonly label: string;
}

const KEEP = 'pass `keepResamples: true`';

/** Reads the draws, estimate and interval out of any accepted input. */
function readInput(input: unknown, o: ReturnType<typeof readOptions.read>): Drawn {
  if (typeof input !== 'object' || input === null) {
    throw fail('INVALID_INPUT', 'bootstrapHistogramSvg expects { draws, estimate, lower, upper }, a bootstrap, cronbachAlpha or processModel result.', { value: input });
  }
  const kind = (input as { kind?: unknown }).kind;
  const only = (option: 'statistic' | 'effect', applies: boolean, where: string) => {
    if (!applies && o[option] !== undefined) throw fail('INVALID_OPTION', `bootstrapHistogramSvg: \`${option}\` applies to ${where}.`, { option, value: o[option] });
  };
  only('statistic', kind === 'bootstrap', 'a bootstrap result');
  only('effect', kind === 'processModel', 'a processModel result');
  if (kind === 'bootstrap') {
    const r = input as Partial<BootstrapResult>;
    const k = o.statistic ?? 0;
    const stats = Array.isArray(r.statistics) ? r.statistics : [];
    if (k >= stats.length) throw fail('INVALID_OPTION', `bootstrapHistogramSvg: \`statistic\` ${k} is not one of the result's ${stats.length} statistics (0-based).`, { option: 'statistic', value: k });
    if (r.resampled === null || r.resampled === undefined) throw fail('INVALID_INPUT', `bootstrapHistogramSvg: this bootstrap result kept no resampled values; ${KEEP} to bootstrap().`, { option: 'keepResamples' });
    const s = stats[k]!;
    return checked(r.resampled[k], s.estimate, s.lower, s.upper, r.bootstrap?.confidence ?? null, `Statistic ${k + 1}`);
  }
  if (kind === 'cronbachAlpha') {
    const r = input as { alpha?: unknown; lower?: unknown; upper?: unknown; confidence?: unknown; interval?: unknown; bootstrap?: { draws?: unknown } | null };
    const draws = r.bootstrap?.draws;
    if (r.interval !== 'bootstrap' || r.bootstrap === null || r.bootstrap === undefined) {
      throw fail('INVALID_INPUT', "bootstrapHistogramSvg: this cronbachAlpha result has no bootstrap; run it with `interval: 'bootstrap'`.", { option: 'interval', value: r.interval });
    }
    if (draws === undefined || draws === null) throw fail('INVALID_INPUT', `bootstrapHistogramSvg: this cronbachAlpha result kept no draws; ${KEEP} to cronbachAlpha().`, { option: 'keepResamples' });
    return checked(draws, r.alpha, r.lower, r.upper, r.confidence, 'Cronbach\u2019s \u03b1');
  }
  if (kind === 'processModel') return processEffect(input as Record<string, unknown>, o.effect);
  const d = input as Partial<BootstrapDraws>;
  const extra = Object.keys(d).filter((key) => !['draws', 'estimate', 'lower', 'upper', 'confidence'].includes(key));
  if (extra.length > 0 || !('draws' in d)) {
    throw fail('INVALID_INPUT', `bootstrapHistogramSvg expects { draws, estimate, lower, upper } or a bootstrap, cronbachAlpha or processModel result${extra.length > 0 ? `; unknown field \`${extra[0]}\`` : ''}.`, { value: kind ?? extra[0] });
  }
  return checked(d.draws, d.estimate, d.lower ?? null, d.upper ?? null, d.confidence ?? null, 'Bootstrap estimate');
}

/** A processModel result's bootstrapped effect, by label or field; default the first indirect effect. */
function processEffect(r: Record<string, unknown>, wanted: string | undefined): Drawn {
  const found: { name: string; effect: Record<string, unknown>; label: string }[] = [];
  for (const [field, value] of Object.entries(r)) {
    const list = Array.isArray(value) ? value : [value];
    list.forEach((e) => {
      if (typeof e !== 'object' || e === null || typeof (e as { estimate?: unknown }).estimate !== 'number') return;
      const label = (e as { label?: unknown }).label;
      const name = typeof label === 'string' && Array.isArray(value) ? label : field;
      const pretty =
        field === 'totalIndirectEffect' || field === 'totalNaturalIndirectEffect'
          ? 'Total indirect effect'
          : /indirect/i.test(field) && typeof label === 'string'
            ? `Indirect effect (${label})`
            : field === 'directEffect' || field === 'totalEffect'
              ? `${field === 'directEffect' ? 'Direct' : 'Total'} effect`
              : typeof label === 'string'
                ? label
                : field;
      found.push({ name, effect: e as Record<string, unknown>, label: pretty });
    });
  }
  const hit = wanted === undefined ? found.find((f) => Array.isArray(r['indirectEffects']) && (r['indirectEffects'] as unknown[])[0] === f.effect) : found.find((f) => f.name === wanted);
  if (hit === undefined) {
    const names = found.filter((f) => 'lower' in f.effect).map((f) => JSON.stringify(f.name));
    throw fail(
      wanted === undefined ? 'INVALID_INPUT' : 'INVALID_OPTION',
      wanted === undefined ? 'bootstrapHistogramSvg: this processModel result has no indirect effect; choose one with `effect`.' : `bootstrapHistogramSvg: \`effect\`: ${showValue(wanted)} is not an effect of this result; its effects: ${names.join(', ') || 'none'}.`,
      { option: 'effect', value: wanted },
    );
  }
  const e = hit.effect;
  if (e['draws'] === undefined || e['draws'] === null) {
    throw fail('INVALID_INPUT', `bootstrapHistogramSvg: the effect ${JSON.stringify(hit.name)} carries no bootstrap draws; ${KEEP} to processModel() (and bootstrap it: resamples > 0).`, { option: 'keepResamples' });
  }
  const confidence = (r['bootstrap'] as { confidence?: unknown } | null | undefined)?.confidence ?? null;
  return checked(e['draws'], e['estimate'], e['lower'] ?? null, e['upper'] ?? null, confidence, hit.label);
}

function checked(draws: unknown, estimate: unknown, lower: unknown, upper: unknown, confidence: unknown, label: string): Drawn {
  if (!Array.isArray(draws) && !ArrayBuffer.isView(draws)) throw fail('INVALID_INPUT', 'bootstrapHistogramSvg: `draws` must be an array (or typed array) of numbers.', { value: draws });
  const list = Array.from(draws as ArrayLike<unknown>);
  if (list.length < 2) throw fail('TOO_FEW_CASES', `bootstrapHistogramSvg: ${list.length} draw${list.length === 1 ? '' : 's'}; a histogram needs at least 2.`, { actual: list.length });
  const values = new Float64Array(list.length);
  list.forEach((v, i) => {
    if (typeof v !== 'number') throw fail('INVALID_INPUT', `bootstrapHistogramSvg: \`draws[${i}]\` is not a number.`, { row: i, value: v });
    if (!Number.isFinite(v)) throw fail('NON_FINITE', `bootstrapHistogramSvg: \`draws[${i}]\` is ${v}.`, { row: i, value: v });
    if (Math.abs(v) > 1e100) throw fail('OUT_OF_RANGE', `bootstrapHistogramSvg: \`draws[${i}]\` = ${v} is too large to plot (|value| ≤ 1e100).`, { row: i, value: v });
    values[i] = v;
  });
  const num = (name: string, v: unknown, nullable: boolean): number | null => {
    if (nullable && (v === null || v === undefined)) return null;
    if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > 1e100) throw fail('INVALID_INPUT', `bootstrapHistogramSvg: \`${name}\` must be a finite number${nullable ? ' or null' : ''}; got ${showValue(v)}.`, { option: name, value: v });
    return v;
  };
  const lo = num('lower', lower, true);
  const hi = num('upper', upper, true);
  if (lo !== null && hi !== null && lo > hi) throw fail('INVALID_INPUT', `bootstrapHistogramSvg: \`lower\` (${lo}) exceeds \`upper\` (${hi}).`, { option: 'lower', value: lo });
  const level = confidence === null || confidence === undefined ? null : typeof confidence === 'number' && confidence > 0 && confidence < 1 ? confidence : null;
  return { draws: values, estimate: num('estimate', estimate, false) as number, lower: lo, upper: hi, confidence: level, label };
}

/** Freedman–Diaconis bins (2·IQR·B^(−1/3) wide), Sturges's ⌈log₂ B⌉ + 1 when the IQR is 0; 1–100. */
function defaultBins(sorted: Float64Array): number {
  const n = sorted.length;
  const at = (p: number) => {
    const h = (n - 1) * p;
    const i = Math.floor(h);
    return (sorted[i] as number) + (h - i) * ((sorted[Math.min(n - 1, i + 1)] as number) - (sorted[i] as number));
  };
  const range = (sorted[n - 1] as number) - (sorted[0] as number);
  const iqr = at(0.75) - at(0.25);
  const sturges = Math.ceil(Math.log2(n)) + 1;
  if (!(range > 0)) return 1;
  if (!(iqr > 0)) return Math.min(100, sturges);
  return Math.max(1, Math.min(100, Math.ceil(range / (2 * iqr * n ** (-1 / 3)))));
}

/**
 * Draws the bootstrap distribution of a statistic as a histogram (standalone SVG): the count of
 * resamples per bin, a solid line at the full-sample estimate and dashed lines at the interval's
 * bounds, with a legend giving their values — the figure to check that a percentile or
 * bias-corrected interval sits where the draws are, and how skewed they are (Efron & Tibshirani,
 * 1993, ch. 13). Takes `{ draws, estimate, lower, upper }`, a bootstrap result (run with
 * `keepResamples: true`; `statistic` picks one), a cronbachAlpha result with a bootstrap interval
 * whose `bootstrap.draws` were kept, or a processModel result run with `keepResamples: true`
 * (`effect` picks a bootstrapped effect by label; default the first indirect effect). Without
 * draws it says to pass `keepResamples: true` (INVALID_INPUT).
 *
 * Conventions: equal-width bins from the smallest to the largest draw, by default as many as the
 * Freedman–Diaconis rule gives (Sturges's rule when the IQR is 0), at most 100; bars, text and
 * lines use `currentColor`, so the figure follows the page's text colour (dark themes too); it is
 * `width` pixels wide, `role="img"` with a `<title>` and a `<desc>`; each bar is a `<rect>` with
 * `data-count`, `data-lower` and `data-upper`. With `as: 'element'` it returns an `SVGSVGElement`.
 *
 * @example
 * ```ts
 * const mean = bootstrap(rows, { columns: ['pwb'], statistic: ([pwb], n) => pwb!.reduce((s, v) => s + v, 0) / n, keepResamples: true, seed: 1 });
 * const figure = bootstrapHistogramSvg(mean, { width: 560, label: 'Mean well-being' });
 * // processModel(data, { model: 4, …, keepResamples: true }): the first indirect effect by default.
 * // Any draws: a hand-made bootstrap.
 * bootstrapHistogramSvg({ draws: [0.11, 0.14, 0.12, 0.16, 0.09, 0.13], estimate: 0.13, lower: 0.09, upper: 0.16 }, { bins: 4 });
 * ```
 */
export function bootstrapHistogramSvg(input: BootstrapHistogramInput, options: BootstrapHistogramOptions & { readonly as: 'element' }): SVGSVGElement;
export function bootstrapHistogramSvg(input: BootstrapHistogramInput, options?: BootstrapHistogramOptions & { readonly as?: 'string' }): string;
export function bootstrapHistogramSvg(input: BootstrapHistogramInput, options?: BootstrapHistogramOptions): string | SVGSVGElement;
export function bootstrapHistogramSvg(input: BootstrapHistogramInput, options?: BootstrapHistogramOptions): string | SVGSVGElement {
  const o = readOptions.read(options);
  const d = readInput(input, o);
  const sorted = Float64Array.from(d.draws).sort();
  const n = sorted.length;
  const bins = o.bins ?? defaultBins(sorted);
  const rule = o.bins !== undefined ? `${bins} bins` : `${bins} bins (Freedman–Diaconis)`;
  const label = o.label ?? d.label;
  const title = o.title ?? `Bootstrap distribution of ${label}`;
  const { width, height } = o;

  const lo0 = Math.min(sorted[0] as number, d.estimate, d.lower ?? Infinity);
  const hi0 = Math.max(sorted[n - 1] as number, d.estimate, d.upper ?? -Infinity);
  const [dataLo, dataHi] = [sorted[0] as number, sorted[n - 1] as number];
  const span = dataHi - dataLo > 1e-12 * Math.max(1, Math.abs(dataLo)) ? dataHi - dataLo : 1;
  const binWidth = dataHi > dataLo ? span / bins : span;
  const binStart = dataHi > dataLo ? dataLo : dataLo - 0.5;
  const counts = new Array<number>(bins).fill(0);
  for (const v of sorted) counts[Math.min(bins - 1, Math.max(0, Math.floor((v - binStart) / binWidth)))]! += 1;
  const xLo = Math.min(lo0, binStart);
  const xHi = Math.max(hi0, binStart + bins * binWidth);
  const { ticks: xTicks, step: xStep } = niceTicks(xLo, xHi, Math.max(2, Math.round(width / 100)));
  const maxCount = Math.max(...counts);
  // The count axis runs to the whole tick above the tallest bar, in whole numbers.
  const yStep = Math.max(1, niceTicks(0, maxCount, 4).step);
  const yHi = Math.max(yStep, Math.ceil(maxCount / yStep) * yStep);
  const yTicks = niceTicks(0, yHi, Math.round(yHi / yStep)).ticks.filter((t) => Number.isInteger(t));

  const margin = { top: 34, right: 16, bottom: 44, left: 56 };
  const plotW = width - margin.left - margin.right;
  const plotH = Math.max(20, height - margin.top - margin.bottom);
  const x = (v: number) => margin.left + ((v - xLo) / (xHi - xLo)) * plotW;
  const y = (v: number) => margin.top + plotH - (v / yHi) * plotH;
  const xFormat = resolveNumberFormat({ decimals: stepDecimals(xStep) }, 'bootstrapHistogramSvg');
  const yFormat = resolveNumberFormat({ decimals: stepDecimals(Math.max(1, yStep)) }, 'bootstrapHistogramSvg');
  const valueFormat = resolveNumberFormat({ decimals: Math.min(6, Math.max(2, stepDecimals(xStep) + 1)) }, 'bootstrapHistogramSvg');
  const f = (v: number) => formatResolved(v, valueFormat);

  const axes = axesMarkup({ margin, plotW, plotH, height, x, y }, { x: xTicks, y: yTicks }, (t) => formatResolved(t, xFormat), (t) => formatResolved(t, yFormat), { x: label, y: 'Resamples' });
  const bars = counts
    .map((count, i) => {
      const a = binStart + i * binWidth;
      const b = a + binWidth;
      return element('rect', {
        x: x(a) + 0.5,
        y: y(count),
        width: Math.max(0.5, x(b) - x(a) - 1),
        height: y(0) - y(count),
        fill: 'currentColor',
        'fill-opacity': '0.3',
        'data-count': String(count),
        'data-lower': String(a),
        'data-upper': String(b),
      });
    })
    .join('');
  const vline = (v: number, cls: string, dash: string | undefined, strokeWidth: string) =>
    element('line', { class: cls, x1: x(v), x2: x(v), y1: margin.top, y2: margin.top + plotH, stroke: 'currentColor', 'stroke-width': strokeWidth, 'stroke-dasharray': dash, 'data-value': String(v) });
  const marks = [vline(d.estimate, 'estimate', undefined, '2')];
  if (d.lower !== null) marks.push(vline(d.lower, 'interval lower', '5 3', '1.5'));
  if (d.upper !== null) marks.push(vline(d.upper, 'interval upper', '5 3', '1.5'));

  // Legend on one row above the plot: the estimate's line and value, then the interval's.
  const ci = d.confidence === null ? 'CI' : `${formatResolved(d.confidence * 100, resolveNumberFormat({ decimals: d.confidence * 100 === Math.round(d.confidence * 100) ? 0 : 1 }, 'bootstrapHistogramSvg'))}% CI`;
  const entries: { text: string; dash: string | undefined; strokeWidth: string }[] = [{ text: `Estimate ${f(d.estimate)}`, dash: undefined, strokeWidth: '2' }];
  if (d.lower !== null || d.upper !== null) entries.push({ text: `${ci} [${d.lower === null ? '–' : f(d.lower)}, ${d.upper === null ? '–' : f(d.upper)}]`, dash: '5 3', strokeWidth: '1.5' });
  let lx = margin.left;
  const legend = entries.map((e) => {
    const markup =
      element('line', { x1: lx, x2: lx + 22, y1: 14, y2: 14, stroke: 'currentColor', 'stroke-width': e.strokeWidth, 'stroke-dasharray': e.dash }) +
      element('text', { x: lx + 28, y: 14, 'dominant-baseline': 'middle' }, escapeHtml(e.text));
    lx += 28 + e.text.length * 7.2 + 18;
    return markup;
  });

  const description =
    `Histogram of ${n} bootstrap draws of ${label} in ${rule}, from ${f(dataLo)} to ${f(dataHi)}. ` +
    `Estimate ${f(d.estimate)} (solid line)` +
    (entries.length > 1 ? `; ${entries[1]!.text} (dashed lines).` : '.');
  const svg =
    `${svgOpen('psychkit-bootstrap-histogram', width, height, title, description)}${axes}` +
    element('g', { class: 'bars' }, bars) +
    element('g', { class: 'marks' }, marks.join('')) +
    element('g', { class: 'legend' }, legend.join('')) +
    '</svg>';
  return figureOutput(svg, o.as, 'bootstrapHistogramSvg');
}
