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

/** A table cell: text is printed as it is, a number through its column's format, `null`/`undefined`/`NaN` as a dash. */
export type TableCell = string | number | null | undefined;

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
  const out: (readonly string[] | string)[] = rows.map((row, r) => {
    if (typeof row !== 'object' || row === null) {
      throw fail('INVALID_INPUT', `Row ${r} of the report table must be an array of cells or a { section } object.`, { row: r, value: row });
    }
    if (isSection(row)) {
      if (typeof row.section !== 'string') {
        throw fail('INVALID_INPUT', `Row ${r} of the report table: \`section\` must be a string.`, { row: r, value: row });
      }
      return row.section;
    }
    if (row.length !== columns.length) {
      throw fail('LENGTH_MISMATCH', `Row ${r} of the report table has ${row.length} cells; the table has ${columns.length} columns.`, {
        row: r,
        expected: columns.length,
        actual: row.length,
      });
    }
    return row.map((cell: TableCell, c: number) => {
      const column = columns[c] as TableColumn;
      if (typeof cell === 'string') return cell;
      if (isMissingValue(cell)) return '\u2014';
      if (typeof cell !== 'number') {
        throw fail('INVALID_INPUT', `Row ${r}, column "${column.label}": a cell must be a string, a number or null; got ${typeof cell}.`, {
          row: r,
          column: column.label,
          value: cell,
        });
      }
      numeric[c] = true;
      return (formatters[c] as (value: number) => string)(cell);
    });
  });
  return {
    title: table.title,
    note: table.note,
    header: columns.map((c) => c.label),
    align: columns.map((c, i) => c.align ?? (numeric[i] ? 'right' : 'left')),
    rows: out,
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
 * rules), title above and note below.
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
 * `<`, `\`, line breaks), so labels cannot break the table.
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
  const t = formatTable(table);
  const row = (cells: readonly string[]) => `| ${cells.map(escapeMarkdownCell).join(' | ')} |`;
  const rule = t.align.map((a) => (a === 'right' ? '--:' : a === 'center' ? ':-:' : ':--'));
  const lines: string[] = [];
  if (t.title !== undefined) lines.push(`**${escapeMarkdownCell(t.title)}**`, '');
  lines.push(row(t.header), `|${rule.join('|')}|`);
  for (const r of t.rows) {
    if (typeof r === 'string') lines.push(`| **${escapeMarkdownCell(r)}** |${' |'.repeat(t.header.length - 1)}`);
    else lines.push(row(r));
  }
  if (t.note !== undefined) lines.push('', `*Note.* ${escapeMarkdownCell(t.note)}`);
  return lines.join('\n');
}

/**
 * Renders a {@link ReportTable} as an HTML `<table>`: `<caption>` for the title, `<thead>` with
 * `scope="col"` headers, section rows as `<th scope="rowgroup">`, the note in `<tfoot>`. All text
 * is escaped; alignment is an inline `text-align` so the table reads right without a stylesheet.
 * The element has class `psychkit-table` for styling.
 *
 * @example
 * ```ts
 * tableToHtml({ columns: [{ label: 'Scale' }, { label: 'α', format: 'bounded' }], rows: [['ESSE', 0.9123]] });
 * // '<table class="psychkit-table">\n<thead>…'
 * ```
 */
export function tableToHtml(table: ReportTable): string {
  const t = formatTable(table);
  const style = (a: Align) => (a === 'left' ? '' : ` style="text-align: ${a}"`);
  const lines: string[] = ['<table class="psychkit-table">'];
  if (t.title !== undefined) lines.push(`<caption>${escapeHtml(t.title)}</caption>`);
  lines.push('<thead>', `<tr>${t.header.map((h, c) => `<th scope="col"${style(t.align[c] as Align)}>${escapeHtml(h)}</th>`).join('')}</tr>`, '</thead>');
  lines.push('<tbody>');
  for (const r of t.rows) {
    if (typeof r === 'string') {
      lines.push(`<tr class="section"><th scope="rowgroup" colspan="${t.header.length}" style="text-align: left">${escapeHtml(r)}</th></tr>`);
    } else {
      lines.push(`<tr>${r.map((cell, c) => `<td${style(t.align[c] as Align)}>${escapeHtml(cell)}</td>`).join('')}</tr>`);
    }
  }
  lines.push('</tbody>');
  if (t.note !== undefined) {
    lines.push('<tfoot>', `<tr><td colspan="${t.header.length}"><em>Note.</em> ${escapeHtml(t.note)}</td></tr>`, '</tfoot>');
  }
  lines.push('</table>');
  return lines.join('\n');
}
