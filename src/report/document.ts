import { fail } from '../errors.js';
import { booleanOption, strictOptions } from '../util/options.js';
import { checkText, escapeHtml, escapeMarkdownCell } from './escape.js';
import { renderHtml, renderMarkdown, renderText, type ReportTable } from './table.js';

/** An SVG figure in a report: the markup (from `screePlotSvg`, `pathDiagramSvg` or your own), a caption, and for Markdown the file it is saved as. */
export interface ReportFigure {
  /** A standalone `<svg …>…</svg>` string. It is inserted as markup, so it must come from a trusted source. */
  readonly figure: string;
  /** Caption under the figure (plain text, escaped). */
  readonly caption?: string;
  /** Markdown only: link this file (`![caption](file)`) instead of inlining the SVG, for renderers that strip inline SVG (GitHub). */
  readonly file?: string;
}

/**
 * One block of a report section: a paragraph of plain text (a string), `{ table }` (a
 * {@link ReportTable}, e.g. from `toApaTable`), a figure, or `{ code }` — preformatted text such
 * as `formatProcess` output.
 */
export type ReportBlock = string | { readonly table: ReportTable } | ReportFigure | { readonly code: string };

/** A section of a report: a heading and its blocks, in order. */
export interface ReportSection {
  readonly heading: string;
  /** 2 (default) for a section, 3 for a subsection. */
  readonly level?: 2 | 3;
  readonly blocks: readonly ReportBlock[];
}

/** Options of the report renderers. */
export interface ReportOptions {
  /** Document title (the `<h1>`, `# …` or underlined first line). Default `'Report'`. */
  readonly title?: string;
  /** HTML only: the page language (`lang` attribute). Default `'en'`. */
  readonly lang?: string;
  /**
   * Number every table and figure in document order, APA 7 style: "Table 1", "Figure 1" in bold
   * on a line of their own above the title or caption. Default `true`. A table title or figure
   * caption that already starts with a number ("Table 3. …") is then an `INVALID_INPUT` error
   * (it would print twice); pass `false` to number them yourself.
   */
  readonly numbering?: boolean;
}

type Block =
  | { kind: 'text'; text: string }
  | { kind: 'table'; table: ReportTable; number: string | undefined }
  | { kind: 'figure'; svg: string; caption: string | undefined; file: string | undefined; number: string | undefined }
  | { kind: 'code'; code: string };

interface Checked {
  title: string;
  lang: string;
  sections: { heading: string; level: 2 | 3; blocks: Block[] }[];
}

/** A title that already carries its number: "Table 3.", "Figure 2:" (the renderer numbers them). */
const NUMBERED = /^\s*(table|figure)\s+\d+\s*[.:]/i;

// Markup that could run script or load content when the SVG is inlined in a page. Figures are
// trusted markup; this only stops a mistake (a label passed where an SVG belongs) from becoming
// an injection.
const UNSAFE_SVG = /<script|<foreignObject|<iframe|\son[a-z]+\s*=|javascript:/i;

function checkOptions(options: ReportOptions | undefined, fn: string): { title: string; lang: string; numbering: boolean } {
  const o = strictOptions<ReportOptions>(options, fn, ['title', 'lang', 'numbering']);
  for (const key of ['title', 'lang'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'string') throw fail('INVALID_OPTION', `\`${key}\` must be a string; got ${typeof o[key]}.`, { option: key, value: o[key] });
  }
  const lang = o.lang ?? 'en';
  if (!/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(lang)) throw fail('INVALID_OPTION', `\`lang\` must be a language tag such as "en" or "de-CH"; got ${JSON.stringify(lang)}.`, { option: 'lang', value: lang });
  return { title: o.title ?? 'Report', lang, numbering: booleanOption('numbering', o.numbering, true) };
}

function checkBlock(block: unknown, where: string): Block {
  if (typeof block === 'string') return { kind: 'text', text: block };
  if (typeof block !== 'object' || block === null) throw fail('INVALID_INPUT', `${where} must be a string, { table }, { figure } or { code }; got ${block === null ? 'null' : typeof block}.`, { value: block });
  const b = block as Record<string, unknown>;
  if ('table' in b) return { kind: 'table', table: b.table as ReportTable, number: undefined };
  if ('code' in b) {
    if (typeof b.code !== 'string') throw fail('INVALID_INPUT', `${where}: \`code\` must be a string.`, { value: b.code });
    return { kind: 'code', code: b.code };
  }
  if ('figure' in b) {
    const svg = b.figure;
    if (typeof svg !== 'string' || !/^\s*<svg[\s>]/.test(svg) || !/<\/svg>\s*$/.test(svg)) {
      throw fail('INVALID_INPUT', `${where}: \`figure\` must be an SVG string (<svg …>…</svg>), e.g. from screePlotSvg.`, { value: typeof svg === 'string' ? svg.slice(0, 80) : svg });
    }
    if (UNSAFE_SVG.test(svg)) throw fail('INVALID_INPUT', `${where}: the figure contains script, an event handler or embedded HTML; report figures must be plain SVG.`, {});
    for (const key of ['caption', 'file'] as const) {
      if (b[key] !== undefined && typeof b[key] !== 'string') throw fail('INVALID_INPUT', `${where}: \`${key}\` must be a string.`, { value: b[key] });
    }
    return { kind: 'figure', svg: svg.trim(), caption: b.caption as string | undefined, file: b.file as string | undefined, number: undefined };
  }
  throw fail('INVALID_INPUT', `${where} must be a string, { table }, { figure } or { code }; it has none of these keys.`, { value: Object.keys(b) });
}

function check(sections: readonly ReportSection[], options: ReportOptions | undefined, fn: string): Checked {
  const { title, lang, numbering } = checkOptions(options, fn);
  if (!Array.isArray(sections)) throw fail('INVALID_INPUT', `${fn} expects an array of sections ({ heading, blocks }).`, { value: sections });
  let tables = 0;
  let figures = 0;
  return {
    title,
    lang,
    sections: sections.map((s: ReportSection, i) => {
      if (typeof s !== 'object' || s === null || typeof s.heading !== 'string' || !Array.isArray(s.blocks)) {
        throw fail('INVALID_INPUT', `Section ${i} must be an object with a string \`heading\` and a \`blocks\` array.`, { row: i, value: s });
      }
      if (s.level !== undefined && s.level !== 2 && s.level !== 3) throw fail('INVALID_INPUT', `Section ${i} ("${s.heading}"): \`level\` must be 2 or 3.`, { row: i, value: s.level });
      const blocks = s.blocks.map((raw, j): Block => {
        const where = `Section ${i} ("${s.heading}"), block ${j}`;
        const b = checkBlock(raw, where);
        if (!numbering || (b.kind !== 'table' && b.kind !== 'figure')) return b;
        // Numbering: the table's own checks (formatTable) run when it renders; only the title is read here.
        const text = b.kind === 'table' ? (typeof b.table === 'object' && b.table !== null ? b.table.title : undefined) : b.caption;
        if (typeof text === 'string' && NUMBERED.test(text)) {
          throw fail(
            'INVALID_INPUT',
            `${where}: the ${b.kind === 'table' ? 'table title' : 'figure caption'} ${JSON.stringify(text.slice(0, 40))} starts with a number, but ${fn} numbers tables and figures itself; drop the number, or pass \`numbering: false\`.`,
            { row: i, value: text.slice(0, 80) },
          );
        }
        return b.kind === 'table' ? { ...b, number: `Table ${++tables}` } : { ...b, number: `Figure ${++figures}` };
      });
      return { heading: s.heading, level: s.level ?? 2, blocks };
    }),
  };
}

/**
 * Renders a report as plain text for a terminal: the title and headings underlined, tables with
 * {@link tableToText}, preformatted blocks as they are. Figures cannot be drawn in a terminal;
 * each prints as a `[Figure: caption]` line.
 *
 * @example
 * ```ts
 * console.log(toTextReport([{ heading: 'Reliability', blocks: [{ table: toApaTable(alpha) }] }], { title: 'Peer workers' }));
 * ```
 */
export function toTextReport(sections: readonly ReportSection[], options?: ReportOptions): string {
  const d = check(sections, options, 'toTextReport');
  const width = (s: string) => [...s].length;
  const out: string[] = [d.title, '='.repeat(width(d.title))];
  for (const s of d.sections) {
    out.push('', s.heading, (s.level === 2 ? '-' : '\u00b7').repeat(width(s.heading)));
    for (const b of s.blocks) {
      out.push('');
      if (b.kind === 'text') out.push(b.text);
      else if (b.kind === 'table') out.push(renderText(b.table, b.number));
      else if (b.kind === 'code') out.push(b.code.replace(/\s+$/, ''));
      else out.push(`[${b.number ?? 'Figure'}${b.caption ? `: ${b.caption}` : ''}${b.file ? ` (${b.file})` : ''}]`);
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * Escapes plain text for a Markdown paragraph: inline markup characters, an `&` that would start
 * an entity reference (`&lt;`, `&#60;`), and block markers at a line's start (`:` too, which could
 * begin a table's delimiter row). Spaces and tabs around each line are dropped: a paragraph
 * ignores them anyway, except that four leading spaces would start a code block and two trailing
 * ones a hard line break.
 *
 * @example
 * ```ts
 * escapeMarkdownText('# not a *heading* &lt;'); // "\\# not a \\*heading\\* \\&lt;"
 * ```
 */
export function escapeMarkdownText(text: string): string {
  checkText(text, 'escapeMarkdownText');
  return text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .replace(/^[ \t]+|[ \t]+$/g, '')
        .replace(/[\\`*_[\]|~]|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)/g, (c) => `\\${c}`)
        .replace(/^([#>+=:-]|\d+[.)])/, (marker: string) => marker.replace(/([#>+=:.)-])$/, '\\$1')),
    )
    .join('\n');
}

function fence(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((r) => r.length));
  const f = '`'.repeat(Math.max(3, longest + 1));
  return `${f}text\n${code.replace(/\s+$/, '')}\n${f}`;
}

/**
 * Renders a report as GitHub-flavoured Markdown: `#` title, `##`/`###` headings, escaped
 * paragraphs, tables with {@link tableToMarkdown}, fenced code blocks. A figure with a `file`
 * becomes `![caption](file)` — save the SVG under that name next to the Markdown (GitHub strips
 * inline SVG); without one the SVG is inlined as HTML (VS Code, Observable, most static-site
 * generators show it), followed by its caption in italics.
 *
 * @example
 * ```ts
 * writeFileSync('out/report.md', toMarkdownReport(sections, { title: 'Peer workers' }));
 * ```
 */
export function toMarkdownReport(sections: readonly ReportSection[], options?: ReportOptions): string {
  const d = check(sections, options, 'toMarkdownReport');
  const out: string[] = [`# ${escapeMarkdownText(d.title)}`];
  for (const s of d.sections) {
    out.push('', `${'#'.repeat(s.level)} ${escapeMarkdownText(s.heading)}`);
    for (const b of s.blocks) {
      out.push('');
      if (b.kind === 'text') out.push(escapeMarkdownText(b.text));
      else if (b.kind === 'table') out.push(renderMarkdown(b.table, b.number));
      else if (b.kind === 'code') out.push(fence(b.code));
      else {
        // Numbered: "**Figure 2**" and the caption in italics above the figure (APA 7), as for tables.
        if (b.number !== undefined) {
          out.push(b.caption !== undefined ? `**${b.number}**\\\n*${escapeMarkdownCell(b.caption)}*` : `**${b.number}**`, '');
        }
        if (b.file !== undefined) {
          const alt = b.caption ?? b.number ?? 'Figure';
          out.push(`![${escapeMarkdownCell(alt).replace(/[[\]]/g, '\\$&')}](${encodeURI(b.file).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`);
        } else {
          // An HTML block ends at a blank line, so the SVG must not contain one.
          out.push(b.svg.replace(/\n\s*\n/g, '\n'));
          if (b.caption !== undefined && b.number === undefined) out.push('', `*${escapeMarkdownCell(b.caption)}*`);
        }
      }
    }
  }
  return `${out.join('\n')}\n`;
}

const CSS = `
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; color: #1d1d1f; background: #fff; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.8rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.35rem; line-height: 1.3; margin: 2.5rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 1px solid #ddd; }
h3 { font-size: 1.1rem; margin: 1.75rem 0 0.5rem; }
nav ol { columns: 2; column-gap: 2rem; padding-left: 1.5rem; }
nav li { break-inside: avoid; }
/* Scroll shadows (Lea Verou's technique): a grey edge shows while more of a wide table is off to that side. */
.psychkit-scroll, .psychkit-figure { overflow-x: auto; background: linear-gradient(to right, #fff 30%, rgba(255, 255, 255, 0)) left / 2rem 100% no-repeat local, linear-gradient(to left, #fff 30%, rgba(255, 255, 255, 0)) right / 2rem 100% no-repeat local, radial-gradient(farthest-side at 0 50%, rgba(0, 0, 0, 0.2), rgba(0, 0, 0, 0)) left / 0.6rem 100% no-repeat scroll, radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, 0.2), rgba(0, 0, 0, 0)) right / 0.6rem 100% no-repeat scroll; }
.psychkit-scroll { margin: 1rem 0 1.75rem; }
.psychkit-table { border-collapse: collapse; margin: 0; min-width: min(100%, 34rem); font-variant-numeric: tabular-nums; font-size: 0.92rem; }
.psychkit-table caption { text-align: left; font-style: italic; padding-bottom: 0.4rem; }
.psychkit-number { display: block; font-style: normal; font-weight: 700; }
.psychkit-table thead th { border-top: 2px solid #1d1d1f; border-bottom: 1px solid #1d1d1f; font-weight: 600; vertical-align: bottom; }
.psychkit-table tbody tr:last-child td, .psychkit-table tbody tr:last-child th { border-bottom: 2px solid #1d1d1f; }
.psychkit-table th, .psychkit-table td { padding: 0.2rem 0.7rem; vertical-align: top; text-align: left; }
.psychkit-table th:first-child, .psychkit-table td:first-child { padding-left: 0; }
.psychkit-table th:last-child, .psychkit-table td:last-child { padding-right: 0; }
.psychkit-table tr.section th { font-weight: 600; font-style: italic; padding-top: 0.6rem; }
.psychkit-table td.dim { color: #767676; }
.psychkit-table tfoot td { font-size: 0.82rem; padding-top: 0.4rem; }
.psychkit-note { width: 0; min-width: 100%; }
figure { margin: 1rem 0 1.75rem; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-style: italic; margin-bottom: 0.5rem; }
figure svg + figcaption { font-size: 0.9rem; margin: 0.35rem 0 0; }
/* The caption stays put (and hides the scroll shadow) while a wide figure scrolls under it. */
.psychkit-figure figcaption { position: sticky; left: 0; background: #fff; }
pre { background: #f6f6f6; padding: 0.75rem 1rem; overflow-x: auto; font-size: 0.8rem; line-height: 1.35; }
@media (max-width: 40rem) {
  main { padding: 1.25rem 1rem 3rem; }
  h1 { font-size: 1.45rem; }
  nav ol { columns: 1; }
  .psychkit-table { font-size: 0.85rem; }
  .psychkit-table th, .psychkit-table td { padding: 0.2rem 0.45rem; }
  /* Row labels wrap, but not into a narrow column of single words: numbers keep their lines, so a table that cannot fit scrolls anyway. */
  .psychkit-table tbody td:first-child:not([style*="nowrap"]) { min-width: 7.5rem; }
  /* A table wider than the screen scrolls; its title, section headings and note stay within the screen and in view. */
  .psychkit-table caption, .psychkit-note, .psychkit-section { position: sticky; left: 0; max-width: calc(100vw - 2rem); }
  .psychkit-note { min-width: min(100%, calc(100vw - 2rem)); }
  /* A figure keeps a readable size and scrolls sideways rather than shrinking its labels to a few pixels. */
  .psychkit-figure svg { max-width: none; width: max(100%, 34rem); }
}
@media print { h2 { break-after: avoid; } .psychkit-table, figure { break-inside: avoid; } .psychkit-scroll, .psychkit-figure { overflow: visible; background: none; } }
`.trim();

/**
 * Renders a report as one self-contained HTML page: inline CSS (APA-style tables, light theme,
 * print rules), SVG figures inlined in `<figure>` with their captions, a table of contents when
 * there are three or more sections, and no external request of any kind (not even a favicon), so
 * the file opens offline and can be e-mailed or archived as it is. Every piece of text — title,
 * headings, paragraphs, table cells, captions, code — is HTML-escaped; figures are inserted as
 * markup after a check that they are SVG without script, event handlers or embedded HTML.
 *
 * @example
 * ```ts
 * writeFileSync('out/report.html', toHtmlReport([
 *   { heading: 'Reliability', blocks: ['Cronbach’s α per scale.', { table: reliability }] },
 *   { heading: 'Factor structure', blocks: [{ figure: screePlotSvg(eigenvalues), caption: 'Scree plot' }] },
 * ], { title: 'Peer-worker survey' }));
 * ```
 */
export function toHtmlReport(sections: readonly ReportSection[], options?: ReportOptions): string {
  const d = check(sections, options, 'toHtmlReport');
  const out: string[] = [
    '<!doctype html>',
    `<html lang="${escapeHtml(d.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="psychkit">',
    `<title>${escapeHtml(d.title)}</title>`,
    '<link rel="icon" href="data:,">',
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(d.title)}</h1>`,
  ];
  const top = d.sections.map((s, i) => ({ s, id: `section-${i + 1}` }));
  const toc = top.filter((x) => x.s.level === 2);
  if (toc.length >= 3) {
    out.push('<nav aria-label="Contents"><ol>', ...toc.map((x) => `<li><a href="#${x.id}">${escapeHtml(x.s.heading)}</a></li>`), '</ol></nav>');
  }
  for (const { s, id } of top) {
    out.push(`<section id="${id}">`, `<h${s.level}>${escapeHtml(s.heading)}</h${s.level}>`);
    for (const b of s.blocks) {
      if (b.kind === 'text') out.push(`<p>${escapeHtml(b.text)}</p>`);
      // The wrapper scrolls a table that is wider than the page instead of widening the page.
      else if (b.kind === 'table') out.push(`<div class="psychkit-scroll">\n${renderHtml(b.table, b.number)}\n</div>`);
      else if (b.kind === 'code') out.push(`<pre><code>${escapeHtml(b.code.replace(/\s+$/, ''))}</code></pre>`);
      else if (b.number !== undefined) {
        // APA 7: the number and title above the figure.
        const caption = `<figcaption><strong class="psychkit-number">${escapeHtml(b.number)}</strong>${b.caption !== undefined ? ` ${escapeHtml(b.caption)}` : ''}</figcaption>`;
        out.push(`<figure class="psychkit-figure">${caption}${b.svg}</figure>`);
      } else out.push(`<figure class="psychkit-figure">${b.svg}${b.caption !== undefined ? `<figcaption>${escapeHtml(b.caption)}</figcaption>` : ''}</figure>`);
    }
    out.push('</section>');
  }
  out.push('</main>', '</body>', '</html>');
  return `${out.join('\n')}\n`;
}
