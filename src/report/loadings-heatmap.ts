// loadingsHeatmapSvg: a factor loading matrix as a heat map, items × factors, each cell
// coloured on a diverging scale and printed with its value.
import { fail } from '../errors.js';
import type { EfaResult } from '../factor/efa.js';
import type { RotationResult } from '../factor/rotation/rotate.js';
import { defineOptions, field, showValue } from '../util/options.js';
import { escapeHtml } from './escape.js';
import { formatResolved, resolveNumberFormat } from './format.js';
import { asOption, element, figureOutput, sizeOption, svgOpen, textWidth, type FigureFormat } from './svg.js';

/** A loading matrix with its names, as {@link loadingsHeatmapSvg} takes it. */
export interface LoadingsMatrix {
  /** Loadings, rows = items, columns = factors. */
  readonly loadings: readonly (readonly number[])[];
  /** The items' names, one per row. Default `V1`, `V2`, …. */
  readonly columns?: readonly string[];
  /** The factors' names, one per column. Default `F1`, `F2`, …. */
  readonly factors?: readonly string[];
}

/** Options of {@link loadingsHeatmapSvg}. */
export interface LoadingsHeatmapOptions {
  /** Width in pixels (100–10,000); the cells share what the item names leave. Default: 64 px per factor beside the names. */
  readonly width?: number;
  /**
   * Group the items by the factor they load on most (largest |loading|), in factor order, and
   * within a group by that loading's size, largest first — psych's `fa.sort`. Default `false`
   * (the items' order).
   */
  readonly sort?: boolean;
  /** Decimals of the printed loadings, 0–4. Default 2. Printed without a leading zero (`.72`), as APA style prints loadings. */
  readonly decimals?: number;
  /** Accessible title. Default `'Factor loadings'`. */
  readonly title?: string;
  /** `'string'` (default): the SVG markup; `'element'`: an `SVGSVGElement` (needs a DOM). */
  readonly as?: FigureFormat;
}

const readOptions = defineOptions('loadingsHeatmapSvg', {
  width: (v: unknown, k: string) => (v === undefined ? undefined : sizeOption(k, v, 0)),
  sort: field.boolean(false),
  decimals: field.number(2, 0, 4, { integer: true }),
  title: field.optionalString(),
  as: (v: unknown) => asOption(v),
});

// The diverging scale: positive loadings blue, negative red (as psych's cor.plot), each one
// mid-tone colour at opacity 0.8·|loading| (|loading| clamped to 1). Near 0 a cell is nearly
// transparent and takes the page's colour, so the scale reads on light and dark pages alike; the
// mid tones are chosen so that the values, printed in `currentColor`, keep a contrast of at least
// 4.5:1 at full strength on both: black on the colours over white ≥ 6.6:1, #eee on them over
// #111 ≥ 4.9:1 (and the strongest cells still stand 3.3:1 off a #111 page).
const POSITIVE = '#3182bd';
const NEGATIVE = '#d94a4a';
const STRONGEST = 0.8;

function names(option: string, value: unknown, count: number, prefix: string): string[] {
  if (value === undefined || value === null || typeof value === 'number') return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw fail('INVALID_INPUT', `loadingsHeatmapSvg: \`${option}\` must be a list of names.`, { option, value });
  if (value.length !== count) throw fail('LENGTH_MISMATCH', `loadingsHeatmapSvg: ${value.length} \`${option}\` for ${count} ${option === 'columns' ? 'rows' : 'columns'} of loadings.`, { option, expected: count, actual: value.length });
  return value as string[];
}

/** The matrix and its names from an efa result, a rotate result or a plain matrix. */
function readInput(input: unknown): { loadings: number[][]; items: string[]; factors: string[] } {
  if (typeof input !== 'object' || input === null || !Array.isArray((input as { loadings?: unknown }).loadings)) {
    throw fail('INVALID_INPUT', 'loadingsHeatmapSvg expects an efa or rotate result, or { loadings, columns?, factors? }.', { value: input });
  }
  const r = input as { kind?: unknown; loadings: unknown[]; columns?: unknown; factors?: unknown };
  if (r.kind !== undefined && r.kind !== 'efa' && r.kind !== 'rotate') {
    throw fail('INVALID_INPUT', `loadingsHeatmapSvg draws the loadings of an efa or rotate result, not of ${showValue(r.kind)}.`, { value: r.kind });
  }
  const rows = r.loadings;
  if (rows.length === 0) throw fail('INVALID_INPUT', 'loadingsHeatmapSvg: `loadings` has no rows.', {});
  const k = Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : 0;
  if (k === 0) throw fail('INVALID_INPUT', 'loadingsHeatmapSvg: `loadings` must be rows of numbers (items × factors).', { row: 0 });
  const loadings = rows.map((row, i) => {
    if (!Array.isArray(row) && !ArrayBuffer.isView(row)) throw fail('INVALID_INPUT', `loadingsHeatmapSvg: \`loadings[${i}]\` is not a row of numbers.`, { row: i });
    const list = Array.from(row as ArrayLike<unknown>);
    if (list.length !== k) throw fail('LENGTH_MISMATCH', `loadingsHeatmapSvg: \`loadings[${i}]\` has ${list.length} values; the first row has ${k}.`, { row: i, expected: k, actual: list.length });
    return list.map((v, j) => {
      if (typeof v !== 'number') throw fail('INVALID_INPUT', `loadingsHeatmapSvg: \`loadings[${i}][${j}]\` is not a number.`, { row: i, value: v });
      if (!Number.isFinite(v)) throw fail('NON_FINITE', `loadingsHeatmapSvg: \`loadings[${i}][${j}]\` is ${v}.`, { row: i, value: v });
      if (Math.abs(v) > 1e6) throw fail('OUT_OF_RANGE', `loadingsHeatmapSvg: \`loadings[${i}][${j}]\` = ${v} is not a loading.`, { row: i, value: v });
      return v;
    });
  });
  return { loadings, items: names('columns', r.columns, loadings.length, 'V'), factors: names('factors', r.factors, k, 'F') };
}

/**
 * Draws a loading matrix as a heat map (standalone SVG): one row per item, one column per
 * factor, each cell coloured on a diverging scale over −1…1 — blue for positive loadings, red
 * for negative, stronger with |loading| — and printed with its value, the item names on the
 * left and the factor names on top. Takes an efa result (its pattern `loadings`, `columns` and
 * factors named F1, F2, … as toApaTable names them), a rotate result, or
 * `{ loadings, columns?, factors? }`. With `sort: true` the items are grouped by their main
 * factor as `psych::fa.sort` orders them.
 *
 * Conventions: a cell's colour is a fixed mid-tone blue or red at opacity 0.8·|loading|
 * (|loading| clamped to 1), so small loadings fade into the page on light and dark themes alike;
 * values and names print in `currentColor`, at 4.5:1 or more on every cell in either theme. The figure is `width` pixels wide (the cells share what the names leave) and
 * `role="img"` with a `<title>` and a `<desc>` listing each item's main loading; each cell is a
 * `<g class="cell" data-item data-factor data-value>`. With `as: 'element'` it returns an
 * `SVGSVGElement`.
 *
 * @example
 * ```ts
 * const fit = efa(rows, { columns: esseItems, factors: 2, rotation: 'oblimin' });
 * document.querySelector('#loadings')!.innerHTML = loadingsHeatmapSvg(fit, { sort: true, width: 420 });
 * loadingsHeatmapSvg({ loadings: [[0.72, 0.05], [0.10, -0.64]], columns: ['item1', 'item2'], factors: ['Efficacy', 'Mood'] });
 * ```
 */
export function loadingsHeatmapSvg(input: EfaResult | RotationResult | LoadingsMatrix, options: LoadingsHeatmapOptions & { readonly as: 'element' }): SVGSVGElement;
export function loadingsHeatmapSvg(input: EfaResult | RotationResult | LoadingsMatrix, options?: LoadingsHeatmapOptions & { readonly as?: 'string' }): string;
export function loadingsHeatmapSvg(input: EfaResult | RotationResult | LoadingsMatrix, options?: LoadingsHeatmapOptions): string | SVGSVGElement;
export function loadingsHeatmapSvg(input: EfaResult | RotationResult | LoadingsMatrix, options?: LoadingsHeatmapOptions): string | SVGSVGElement {
  const o = readOptions.read(options);
  const { loadings, items, factors } = readInput(input);
  const k = factors.length;
  const main = loadings.map((row) => row.reduce((best, v, j) => (Math.abs(v) > Math.abs(row[best] as number) ? j : best), 0));
  const order = loadings.map((_, i) => i);
  if (o.sort) {
    order.sort((a, b) => (main[a] as number) - (main[b] as number) || Math.abs(loadings[b]![main[b]!]!) - Math.abs(loadings[a]![main[a]!]!) || a - b);
  }
  const title = o.title ?? 'Factor loadings';
  const format = resolveNumberFormat({ decimals: o.decimals, leadingZero: false }, 'loadingsHeatmapSvg');

  const fontSize = 12;
  const cellH = 24;
  const nameWidth = Math.min(240, Math.max(...items.map((n) => textWidth(n, fontSize)))) + 14;
  const margin = { top: 30, right: 12, bottom: 12, left: 8 + nameWidth };
  const width = o.width ?? Math.max(200, margin.left + margin.right + 64 * k);
  const cellW = Math.max(8, (width - margin.left - margin.right) / k);
  const height = margin.top + cellH * items.length + margin.bottom;
  // Names longer than their room are cut with an ellipsis; the full name stays in the cell's title.
  const fit = (text: string, room: number) => {
    const max = Math.max(1, Math.floor(room / (fontSize * 0.6)));
    return [...text].length <= max ? text : `${[...text].slice(0, Math.max(1, max - 1)).join('')}\u2026`;
  };

  const parts: string[] = [];
  factors.forEach((f, j) => {
    parts.push(element('text', { class: 'factor', x: margin.left + (j + 0.5) * cellW, y: margin.top - 10, 'text-anchor': 'middle', 'font-weight': '600' }, escapeHtml(fit(f, cellW - 4))));
  });
  order.forEach((i, row) => {
    const cy = margin.top + row * cellH;
    parts.push(element('text', { class: 'item', x: margin.left - 8, y: cy + cellH / 2, 'text-anchor': 'end', 'dominant-baseline': 'central' }, escapeHtml(fit(items[i] as string, nameWidth - 14))));
    loadings[i]!.forEach((v, j) => {
      const strength = STRONGEST * Math.min(1, Math.abs(v));
      const text = formatResolved(v, format);
      parts.push(
        element(
          'g',
          { class: 'cell', 'data-item': items[i], 'data-factor': factors[j], 'data-value': String(v) },
          element('title', {}, escapeHtml(`${items[i]}, ${factors[j]}: ${text}`)) +
            element('rect', { x: margin.left + j * cellW + 1, y: cy + 1, width: cellW - 2, height: cellH - 2, fill: v < 0 ? NEGATIVE : POSITIVE, 'fill-opacity': strength.toFixed(3) }) +
            (cellW >= 22
              ? element(
                  'text',
                  { x: margin.left + (j + 0.5) * cellW, y: cy + cellH / 2, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-variant-numeric': 'tabular-nums' },
                  escapeHtml(text),
                )
              : ''),
        ),
      );
    });
  });
  const description =
    `Loadings of ${items.length} items on ${k} factor${k === 1 ? '' : 's'} (${factors.join(', ')})${o.sort ? ', items grouped by their main factor' : ''}; blue positive, red negative, darker for larger loadings. ` +
    order.map((i) => `${items[i]}: ${factors[main[i] as number]} ${formatResolved(loadings[i]![main[i]!]!, format)}`).join('; ') +
    '.';
  return figureOutput(`${svgOpen('psychkit-loadings-heatmap', width, height, title, description)}${parts.join('')}</svg>`, o.as, 'loadingsHeatmapSvg');
}
