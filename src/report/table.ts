import { fail } from '../errors.js';
import { showValue } from '../util/options.js';
import { escapeHtml, escapeMarkdownCell } from './escape.js';
import {
  formatPResolved,
  formatResolved,
  isMissingValue,
  resolveNumberFormat,
  resolvePFormat,
  type NumberFormatOptions,
} from './format.js';

/**
 * A number printed de-emphasised, e.g. a loading below a threshold (`toApaTable`'s `dimBelow`):
 * `{ dim: 0.12 }`. It prints through its column's format like any number; `tableToHtml` gives its
 * `<td>` the class `dim` (grey in `toHtmlReport`), while `tableToText` and `tableToMarkdown`
 * print it as they print any number — plain text has no grey.
 */
export interface DimmedCell {
  readonly dim: number;
}

/**
 * A table cell: text is printed as it is, a number through its column's format, `null`/`undefined`/`NaN`
 * as a dash, a {@link DimmedCell} as its number, dimmed in HTML.
 */
export type TableCell = string | number | null | undefined | DimmedCell;

/**
 * How a column prints its numbers:
 * - `'number'` (default): two decimals with a leading zero — b, SE, t, M, SD;
 * - `'bounded'`: two decimals without the leading zero — r, α, λ, proportions (APA 7 §6.36);
 * - `'p'`: {@link formatP} without the `p =` prefix — `.032`, `< .001`;
 * - `'integer'`: no decimals — n, df, item counts;
 * - a {@link NumberFormatOptions} object, e.g. `{ decimals: 3, leadingZero: false }`;
 * - a function from the number to its text.
 */
export type ColumnFormat = 'number' | 'bounded' | 'p' | 'integer' | NumberFormatOptions | ((value: number) => string);

/** One column of a {@link ReportTable}. */
export interface TableColumn {
  /** Header text. */
  readonly label: string;
  /** How numbers in this column print. Default `'number'`. */
  readonly format?: ColumnFormat;
  /** Default: right for a column holding any number, left otherwise. */
  readonly align?: 'left' | 'right' | 'center';
}

/** A row spanning the table that labels the rows below it ("Step 2", "Outcome: PWB"). */
export interface TableSection {
  readonly section: string;
}

/**
 * A table as the report renderers take it: the shape every result's `toApaTable` adapter builds.
 * Cells hold raw numbers; the column decides how they print, so one table renders identically as
 * text, Markdown and HTML.
 */
export interface ReportTable {
  /** Table title (APA: the italic title line above the table). */
  readonly title?: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly TableCell[] | TableSection)[];
  /** General note printed below the table after "Note." */
  readonly note?: string;
}

type Align = 'left' | 'right' | 'center';

interface FormattedTable {
  readonly title: string | undefined;
  readonly note: string | undefined;
  readonly header: readonly string[];
  readonly align: readonly Align[];
  /** A string array for a data row; a string for a section row. */
  readonly rows: readonly (readonly string[] | string)[];
  /** Per data row (null for a section row): which cells are dimmed. */
  readonly dimmed: readonly (readonly boolean[] | null)[];
  /** Per data row (null for a section row): which cells are numeric and must not wrap. */
  readonly numeric: readonly (readonly boolean[] | null)[];
}

/**
 * Text that reads as a number and must stay on one line: digits, spaces and the signs numbers,
 * intervals and significance marks are made of, at most 24 characters — `< .001`, `[2.11, 3.64]`,
 * `.45***`, `-0.03`, `—` — but not a word, nor a list such as `1, 2, 3, 8, 9, 11, 12`.
 */
function numericText(text: string): boolean {
  return [...text].length <= 24 && /^[\d .,\-\u2212\u2013+<>=\u2264\u2265[\]()*\u2020\u2021%\u221e\u2014\u00b1]+$/.test(text) && /[\d\u2014\u221e]/.test(text);
}

function isSection(row: readonly TableCell[] | TableSection): row is TableSection {
  return !Array.isArray(row);
}

function columnFormatter(column: TableColumn, index: number): (value: number) => string {
  const format = column.format ?? 'number';
  if (typeof format === 'function') {
    return (value) => {
      const text = format(value);
      if (typeof text !== 'string') {
        throw fail('INVALID_OPTION', `The format of column ${index} ("${column.label}") returned ${typeof text}, not a string.`, {
          option: 'format',
          column: column.label,
        });
      }
      return text;
    };
  }
  if (format === 'p') {
    const f = resolvePFormat({ prefix: false }, 'table');
    return (value) => formatPResolved(value, f);
  }
  let options: NumberFormatOptions;
  if (format === 'number') options = {};
  else if (format === 'bounded') options = { leadingZero: false };
  else if (format === 'integer') options = { decimals: 0 };
  else if (typeof format === 'object' && format !== null) options = format;
  else {
    throw fail('INVALID_OPTION', `Column ${index} ("${column.label}") has an unknown format ${showValue(format)}; use 'number', 'bounded', 'p', 'integer', an options object or a function.`, {
      option: 'format',
      column: column.label,
      value: format,
    });
  }
  const f = resolveNumberFormat(options, 'table');
  return (value) => formatResolved(value, f);
}

/** Validates a table and turns every cell into its text. Shared by the three renderers. */
function formatTable(table: ReportTable): FormattedTable {
  if (typeof table !== 'object' || table === null || !Array.isArray(table.columns) || !Array.isArray(table.rows)) {
    throw fail('INVALID_INPUT', 'A report table must be an object with `columns` and `rows` arrays.', { value: table });
  }
  const { columns, rows } = table;
  if (columns.length === 0) throw fail('INVALID_INPUT', 'A report table needs at least one column.', { option: 'columns' });
  columns.forEach((c, i) => {
    if (typeof c !== 'object' || c === null || typeof c.label !== 'string') {
      throw fail('INVALID_INPUT', `Column ${i} of the report table needs a string \`label\`.`, { option: 'columns', value: c });
    }
    if (c.align !== undefined && c.align !== 'left' && c.align !== 'right' && c.align !== 'center') {
      throw fail('INVALID_OPTION', `Column ${i} ("${c.label}"): \`align\` must be 'left', 'right' or 'center'; got ${showValue(c.align)}.`, {
        option: 'align',
        column: c.label,
        value: c.align,
      });
    }
  });
  for (const key of ['title', 'note'] as const) {
    if (table[key] !== undefined && typeof table[key] !== 'string') {
      throw fail('INVALID_INPUT', `The report table's \`${key}\` must be a string.`, { option: key, value: table[key] });
    }
  }
  const formatters = columns.map(columnFormatter);
  const numeric = columns.map(() => false);
  const dimmed: (boolean[] | null)[] = [];
  const numericCells: (boolean[] | null)[] = [];
  const out: (readonly string[] | string)[] = rows.map((row, r) => {
    if (typeof row !== 'object' || row === null) {
      throw fail('INVALID_INPUT', `Row ${r} of the report table must be an array of cells or a { section } object.`, { row: r, value: row });
    }
    if (isSection(row)) {
      if (typeof row.section !== 'string') {
        throw fail('INVALID_INPUT', `Row ${r} of the report table: \`section\` must be a string.`, { row: r, value: row });
      }
      dimmed.push(null);
      numericCells.push(null);
      return row.section;
    }
    if (row.length !== columns.length) {
      throw fail('LENGTH_MISMATCH', `Row ${r} of the report table has ${row.length} cells; the table has ${columns.length} columns.`, {
        row: r,
        expected: columns.length,
        actual: row.length,
      });
    }
    const dim = row.map(() => false);
    const num = row.map(() => false);
    dimmed.push(dim);
    numericCells.push(num);
    return row.map((cell: TableCell, c: number) => {
      const column = columns[c] as TableColumn;
      if (typeof cell === 'string') {
        num[c] = numericText(cell);
        return cell;
      }
      let value: unknown = cell;
      if (typeof cell === 'object' && cell !== null && !Array.isArray(cell) && Object.keys(cell).length === 1 && Object.prototype.hasOwnProperty.call(cell, 'dim')) {
        value = cell.dim;
        dim[c] = typeof value === 'number' && !Number.isNaN(value);
      }
      if (isMissingValue(value)) {
        num[c] = true;
        return '\u2014';
      }
      if (typeof value !== 'number') {
        throw fail('INVALID_INPUT', `Row ${r}, column "${column.label}": a cell must be a string, a number, null or { dim: number }; got ${value === cell ? typeof cell : `{ dim: ${typeof value} }`}.`, {
          row: r,
          column: column.label,
          value: cell,
        });
      }
      numeric[c] = true;
      const text = (formatters[c] as (value: number) => string)(value);
      // A custom format may add words ("268 cases"): those may wrap like any text.
      num[c] = numericText(text);
      return text;
    });
  });
  return {
    title: table.title,
    note: table.note,
    header: columns.map((c) => c.label),
    align: columns.map((c, i) => c.align ?? (numeric[i] ? 'right' : 'left')),
    rows: out,
    dimmed,
    numeric: numericCells,
  };
}

function pad(text: string, width: number, align: Align): string {
  const gap = width - [...text].length;
  if (gap <= 0) return text;
  if (align === 'right') return ' '.repeat(gap) + text;
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + text + ' '.repeat(Math.ceil(gap / 2));
  return text + ' '.repeat(gap);
}

/**
 * Renders a {@link ReportTable} as plain text for a terminal: columns padded to a common width,
 * horizontal rules above and below the header and at the bottom (APA tables have no vertical
 * rules), title above and note below. A {@link DimmedCell} prints as its number.
 *
 * @example
 * ```ts
 * console.log(tableToText({
 *   title: 'Reliability',
 *   columns: [{ label: 'Scale' }, { label: 'α', format: 'bounded' }, { label: 'k', format: 'integer' }],
 *   rows: [['ESSE', 0.9123, 11]],
 * }));
 * // Reliability
 * // ──────────────
 * // Scale    α   k
 * // ──────────────
 * // ESSE   .91  11
 * // ──────────────
 * ```
 */
export function tableToText(table: ReportTable): string {
  return renderText(table, undefined);
}

/** `tableToText` with an optional number line ("Table 3") above the title, APA 7 style: the report renderers number their tables. */
export function renderText(table: ReportTable, number: string | undefined): string {
  const t = formatTable(table);
  const widths = t.header.map((h) => [...h].length);
  for (const row of t.rows) {
    if (typeof row === 'string') continue;
    row.forEach((cell, c) => (widths[c] = Math.max(widths[c] as number, [...cell].length)));
  }
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => pad(cell, widths[c] as number, t.align[c] as Align))
      .join('  ')
      .replace(/\s+$/, '');
  const total = Math.max(
    widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1),
    ...t.rows.filter((r): r is string => typeof r === 'string').map((r) => [...r].length),
  );
  const rule = '\u2500'.repeat(total);
  const lines: string[] = [];
  if (number !== undefined) lines.push(number);
  if (t.title !== undefined) lines.push(t.title);
  lines.push(rule, line(t.header), rule);
  for (const row of t.rows) lines.push(typeof row === 'string' ? row : line(row));
  lines.push(rule);
  if (t.note !== undefined) lines.push(`Note. ${t.note}`);
  return lines.join('\n');
}

/**
 * Renders a {@link ReportTable} as a GitHub-flavoured Markdown table: bold title line, the table
 * with per-column alignment, an italic *Note.* line. Cell text is escaped (`|`, `*`, `_`, `` ` ``,
 * `<`, `\`, line breaks), so labels cannot break the table. Spaces inside numeric cells (`< .001`,
 * `[2.11, 3.64]`) are non-breaking, so a narrow page never wraps a number; a {@link DimmedCell}
 * prints as its number (Markdown has no grey).
 *
 * @example
 * ```ts
 * tableToMarkdown({ columns: [{ label: 'Scale' }, { label: 'α', format: 'bounded' }], rows: [['ESSE', 0.9123]] });
 * // | Scale | α |
 * // |:--|--:|
 * // | ESSE | .91 |
 * ```
 */
export function tableToMarkdown(table: ReportTable): string {
  return renderMarkdown(table, undefined);
}

/** `tableToMarkdown`; with a number ("Table 3"), APA 7 style: the number in bold, the title in italics on the next line. */
export function renderMarkdown(table: ReportTable, number: string | undefined): string {
  const t = formatTable(table);
  const row = (cells: readonly string[], numeric?: readonly boolean[] | null) =>
    `| ${cells.map((cell, c) => escapeMarkdownCell(numeric?.[c] ? cell.replace(/ /g, '\u00a0') : cell)).join(' | ')} |`;
  const rule = t.align.map((a) => (a === 'right' ? '--:' : a === 'center' ? ':-:' : ':--'));
  const lines: string[] = [];
  if (number !== undefined) {
    // A backslash at the end of a line is a hard line break (CommonMark).
    if (t.title !== undefined) lines.push(`**${escapeMarkdownCell(number)}**\\`, `*${escapeMarkdownCell(t.title)}*`, '');
    else lines.push(`**${escapeMarkdownCell(number)}**`, '');
  } else if (t.title !== undefined) lines.push(`**${escapeMarkdownCell(t.title)}**`, '');
  lines.push(row(t.header), `|${rule.join('|')}|`);
  t.rows.forEach((r, i) => {
    if (typeof r === 'string') lines.push(`| **${escapeMarkdownCell(r)}** |${' |'.repeat(t.header.length - 1)}`);
    else lines.push(row(r, t.numeric[i]));
  });
  if (t.note !== undefined) lines.push('', `*Note.* ${escapeMarkdownCell(t.note)}`);
  return lines.join('\n');
}

/**
 * Renders a {@link ReportTable} as an HTML `<table>`: `<caption>` for the title, `<thead>` with
 * `scope="col"` headers, section rows as `<th scope="rowgroup">`, the note in `<tfoot>`. All text
 * is escaped; alignment is an inline `text-align`, and numeric cells (numbers, and text such as
 * `< .001` or `[2.11, 3.64]`) carry an inline `white-space: nowrap`, so the table reads right
 * without a stylesheet. A {@link DimmedCell}'s `<td>` has the class `dim` (style it, e.g.
 * `.psychkit-table td.dim { color: #767676 }`; `toHtmlReport` does). The element has class
 * `psychkit-table` for styling.
 *
 * @example
 * ```ts
 * tableToHtml({ columns: [{ label: 'Scale' }, { label: 'α', format: 'bounded' }], rows: [['ESSE', 0.9123]] });
 * // '<table class="psychkit-table">\n<thead>…'
 * ```
 */
export function tableToHtml(table: ReportTable): string {
  return renderHtml(table, undefined);
}

/** `tableToHtml`; with a number ("Table 3") in a `<strong class="psychkit-number">` before the title in the caption. */
export function renderHtml(table: ReportTable, number: string | undefined): string {
  const t = formatTable(table);
  const style = (a: Align, nowrap = false) => {
    const rules = [...(a === 'left' ? [] : [`text-align: ${a}`]), ...(nowrap ? ['white-space: nowrap'] : [])];
    return rules.length === 0 ? '' : ` style="${rules.join('; ')}"`;
  };
  const lines: string[] = ['<table class="psychkit-table">'];
  if (number !== undefined || t.title !== undefined) {
    const label = number === undefined ? '' : `<strong class="psychkit-number">${escapeHtml(number)}</strong>${t.title === undefined ? '' : ' '}`;
    lines.push(`<caption>${label}${t.title === undefined ? '' : escapeHtml(t.title)}</caption>`);
  }
  lines.push('<thead>', `<tr>${t.header.map((h, c) => `<th scope="col"${style(t.align[c] as Align)}>${escapeHtml(h)}</th>`).join('')}</tr>`, '</thead>');
  lines.push('<tbody>');
  t.rows.forEach((r, i) => {
    if (typeof r === 'string') {
      lines.push(`<tr class="section"><th scope="rowgroup" colspan="${t.header.length}" style="text-align: left"><div class="psychkit-section">${escapeHtml(r)}</div></th></tr>`);
    } else {
      const dim = t.dimmed[i];
      const numeric = t.numeric[i];
      lines.push(`<tr>${r.map((cell, c) => `<td${dim?.[c] ? ' class="dim"' : ''}${style(t.align[c] as Align, numeric?.[c] === true)}>${escapeHtml(cell)}</td>`).join('')}</tr>`);
    }
  });
  lines.push('</tbody>');
  if (t.note !== undefined) {
    // The note sits in a div so a stylesheet can keep it from widening the table (toHtmlReport's
    // CSS: width 0 takes it out of the table's intrinsic width, min-width 100% fills the columns).
    lines.push('<tfoot>', `<tr><td colspan="${t.header.length}"><div class="psychkit-note"><em>Note.</em> ${escapeHtml(t.note)}</div></td></tr>`, '</tfoot>');
  }
  lines.push('</table>');
  return lines.join('\n');
}
