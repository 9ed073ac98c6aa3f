import { fail, type PsychkitWarning } from '../errors.js';
import { numberIn, strictOptions } from '../util/options.js';
import { formatInterval, formatNumber, formatP } from './format.js';
import type { ColumnFormat, TableCell } from './table.js';

/** Options of {@link toApaTable} and {@link toMarkdown}. */
export interface ApaTableOptions {
  /** Table title. Default: one naming the analysis, e.g. `"Linear regression predicting pwb"`. */
  readonly title?: string;
  /**
   * Display names for variables, items and predictors, e.g. `{ ss: 'Social support' }`. A dummy
   * column `marital[married]` prints as `"<label of marital>: married"` and a product `x:w` as
   * `"<x> × <w>"` unless it has a label of its own.
   */
  readonly labels?: Readonly<Record<string, string>>;
  /** Decimals of the statistics, 0–6. Default 2 (APA 7). p-values always print with three (`p < .001`). */
  readonly decimals?: number;
  /**
   * Loadings whose absolute value is below this are dimmed, e.g. `0.3`: in `efa`, `omega` and
   * `rotate` tables (loadings only — not h², u², SS loadings or Φ) and the standardized loadings
   * of `cfa`/`sem` tables. `tableToHtml` gives such a
   * cell the class `dim` (grey in `toHtmlReport`); `tableToText` and `tableToMarkdown` print it as
   * it is, since plain text has no grey and blanking it (psych's `cut`) would hide a number. The
   * note says which loadings are dimmed. A number in [0, 1]; default 0 (nothing dimmed). Tables
   * without loadings ignore it.
   */
  readonly dimBelow?: number;
}

const KNOWN = ['title', 'labels', 'decimals', 'dimBelow'];

/** Formatting helpers bound to one call's options. */
export interface ApaContext {
  readonly title: string | undefined;
  readonly decimals: number;
  /** `dimBelow` (0 = off). */
  readonly dimBelow: number;
  /** Display name of a variable, item or term. */
  label(name: string): string;
  /** The label given for exactly this name, if any (no dummy or product rules): for free-text names such as effects. */
  own(name: string): string | undefined;
  /** A loading as a table cell: dimmed (`{ dim }`) when finite and below `dimBelow` in absolute value. */
  loading(x: number): TableCell;
  /** The note's sentence about dimmed loadings ("" when nothing is dimmed). */
  dimNote(what?: string): string;
  /** Column format of unbounded statistics (b, SE, t, M, SD) and of bounded ones (r, α, R², loadings). */
  readonly number: ColumnFormat;
  readonly bounded: ColumnFormat;
  /** Text of one number: unbounded, bounded (no leading zero), a p-value with `p =`/`p <`, a CI. */
  num(x: number | null | undefined): string;
  bnd(x: number | null | undefined): string;
  p(x: number | null | undefined): string;
  ci(lower: number | null | undefined, upper: number | null | undefined, bounded?: boolean): string;
}

/** "95" for 0.95, "97.5" for 0.975. */
export function percent(confidence: number): string {
  return String(Number((confidence * 100).toPrecision(10)));
}

/** Reads and checks the options; `fn` names the caller in error messages. */
export function apaContext(options: ApaTableOptions | undefined, fn: string): ApaContext {
  const o = strictOptions<ApaTableOptions>(options, fn, KNOWN);
  if (o.title !== undefined && typeof o.title !== 'string') {
    throw fail('INVALID_OPTION', `\`title\` must be a string; got ${typeof o.title}.`, { option: 'title', value: o.title });
  }
  const labels = o.labels ?? {};
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) {
    throw fail('INVALID_OPTION', '`labels` must be an object mapping names to display labels.', { option: 'labels', value: labels });
  }
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value !== 'string') {
      throw fail('INVALID_OPTION', `\`labels.${key}\` must be a string; got ${typeof value}.`, { option: 'labels', column: key, value });
    }
  }
  const decimals = numberIn('decimals', o.decimals, 2, 0, 6, { integer: true });
  const dimBelow = numberIn('dimBelow', o.dimBelow, 0, 0, 1);
  const own = (name: string): string | undefined => (Object.prototype.hasOwnProperty.call(labels, name) ? labels[name] : undefined);
  const label = (name: string): string => {
    const direct = own(name);
    if (direct !== undefined) return direct;
    if (name === 'constant') return 'Intercept';
    if (name.includes(':')) return name.split(':').map(label).join(' \u00d7 ');
    const dummy = /^(.+)\[(.*)\]$/.exec(name);
    if (dummy) return `${label(dummy[1] as string)}: ${dummy[2]}`;
    return name;
  };
  const numberFormat = { decimals };
  const boundedFormat = { decimals, leadingZero: false };
  return {
    title: o.title,
    decimals,
    dimBelow,
    label,
    own,
    loading: (x) => (dimBelow > 0 && Number.isFinite(x) && Math.abs(x) < dimBelow ? { dim: x } : x),
    dimNote: (what = 'Loadings') => (dimBelow > 0 ? ` ${what} below ${threshold(dimBelow)} in absolute value are dimmed (grey in HTML).` : ''),
    number: numberFormat,
    bounded: boundedFormat,
    num: (x) => formatNumber(x, numberFormat),
    bnd: (x) => formatNumber(x, boundedFormat),
    p: (x) => formatP(x),
    ci: (lower, upper, bounded = false) => formatInterval(lower, upper, bounded ? boundedFormat : numberFormat),
  };
}

/** A threshold as APA prints a bounded statistic, with as many decimals as it has (at least two): .30, .275. */
function threshold(x: number): string {
  const digits = Math.min(6, Math.max(2, (String(x).split('.')[1] ?? '').length));
  return formatNumber(x, { decimals: digits, leadingZero: false });
}

/** `n` empty cells, to pad a row under fewer columns. */
export function blank(n: number): TableCell[] {
  return Array.from({ length: n }, () => '');
}

/** The cells of row `i` of a p × p lower-triangle table: `at(j)` below the diagonal, a dash on it, blank above. */
export function lowerTriangle(i: number, p: number, at: (j: number) => TableCell): TableCell[] {
  return Array.from({ length: p }, (_, j): TableCell => (j < i ? at(j) : j === i ? '\u2014' : ''));
}

/** The lower triangle of a factor-correlation matrix Φ as rows named F1…Fk, padded with `pad` blank cells. */
export function phiRows(phi: readonly (readonly number[])[], names: readonly string[], pad: number): TableCell[][] {
  return phi.map((row, i) => [names[i] as string, ...lowerTriangle(i, row.length, (j) => row[j] as number), ...blank(pad)]);
}

/** "n = 265" when every pair has the same n, else "Pairwise n = 259–266" (the strict lower triangle of `counts`). */
export function pairwiseN(counts: readonly (readonly number[])[]): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < counts.length; i++) {
    for (let j = 0; j < i; j++) {
      const n = counts[i]![j]!;
      if (n < lo) lo = n;
      if (n > hi) hi = n;
    }
  }
  return lo === hi ? `n = ${lo}` : `Pairwise n = ${lo}–${hi}`;
}

/** Factor-extraction methods as a report names them. */
export const EXTRACTION_NAMES: Readonly<Record<string, string>> = { pa: 'principal axis', minres: 'minimum residual', ml: 'maximum likelihood' };

/** Appends the result's warnings to a table note, so a report never hides them. */
export function withWarnings(note: string, warnings: readonly PsychkitWarning[] | undefined): string {
  if (warnings === undefined || warnings.length === 0) return note;
  return `${note} Warning${warnings.length === 1 ? '' : 's'}: ${warnings.map((w) => w.message).join(' ')}`;
}

/** A whole number with thousands separators ("5,000"), the same on every runtime (no locale). */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 row", "3 rows". */
export function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** "F(6, 260) = 7.57, p < .001" */
export function fTest(c: ApaContext, f: number, df1: number, df2: number, p: number, name = 'F'): string {
  return `${name}(${formatNumber(df1, { decimals: 0 })}, ${formatNumber(df2, { decimals: 0 })}) = ${c.num(f)}, ${c.p(p)}`;
}
