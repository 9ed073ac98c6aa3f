import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  escapeMarkdownText,
  isPsychkitError,
  pathDiagramSvg,
  screePlotSvg,
  tableToHtml,
  tableToMarkdown,
  tableToText,
  toHtmlReport,
  toMarkdownReport,
  toTextReport,
  type ReportSection,
  type ReportTable,
} from '../../src/index.js';
import { findAll, nastyText, parseXml, textContent, xmlVisible } from '../helpers/xml.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (isPsychkitError(e)) return e.code;
    throw e;
  }
  return undefined;
}

const table: ReportTable = {
  title: 'Reliability',
  columns: [{ label: 'Scale' }, { label: 'α', format: 'bounded' }],
  rows: [['ESSE', 0.9012]],
  note: 'Feldt CI.',
};
const scree = screePlotSvg([3.2, 1.1, 0.5, 0.2]);
const diagram = pathDiagramSvg({ x: 'X', m: 'M', y: 'Y', paths: { a: 0.5, b: 0.3, cPrime: 0.1 } });
const sections: ReportSection[] = [
  { heading: 'Reliability', blocks: ['Alpha per scale.', { table }] },
  { heading: 'Factors', blocks: [{ figure: scree, caption: 'Scree plot', file: 'scree.svg' }] },
  { heading: 'Details', level: 3, blocks: [{ code: 'Model  : 4\n    Y  : pwb\n' }] },
  { heading: 'Mediation', blocks: [{ figure: diagram }] },
];

/** The <body> of an HTML report parsed as XML: it must be well-formed (every tag closed, every & and < escaped). */
function body(html: string) {
  const match = /<body>[\s\S]*<\/body>/.exec(html);
  if (!match) throw new Error('no <body>');
  return parseXml(match[0]);
}

describe('toHtmlReport', () => {
  const html = toHtmlReport(sections, { title: 'Peer workers', lang: 'en-GB' });
  it('is a complete, self-contained page: doctype, charset, inline CSS, no external request', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en-GB">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<style>');
    expect(html).toContain('<link rel="icon" href="data:,">'); // no favicon request
    const urls = html.match(/\b(?:src|href)\s*=\s*"[^"]*"|url\(|@import|https?:\/\/[^\s"']+/g) ?? [];
    expect(urls.filter((u) => u !== 'href="data:,"' && u !== 'http://www.w3.org/2000/svg' && !u.startsWith('href="#'))).toEqual([]);
  });
  it('has the title, a contents list, every section with its heading level, tables, figures and code', () => {
    const doc = body(html);
    expect(textContent(findAll(doc, 'h1')[0]!)).toBe('Peer workers');
    expect(findAll(doc, 'h2').map(textContent)).toEqual(['Reliability', 'Factors', 'Mediation']);
    expect(findAll(doc, 'h3').map(textContent)).toEqual(['Details']);
    expect(findAll(doc, 'nav')[0]).toBeDefined();
    expect(findAll(doc, 'a').map((a) => a.attributes.href)).toEqual(['#section-1', '#section-2', '#section-4']);
    expect(findAll(doc, 'section').map((s) => s.attributes.id)).toEqual(['section-1', 'section-2', 'section-3', 'section-4']);
    // tables and figures numbered in order, APA 7: the number in bold above the title
    expect(html).toContain('<caption><strong class="psychkit-number">Table 1</strong> Reliability</caption>');
    expect(html).toContain(tableToHtml(table).slice(tableToHtml(table).indexOf('<thead>')));
    expect(findAll(doc, 'svg')).toHaveLength(2);
    expect(findAll(doc, 'figcaption').map(textContent)).toEqual(['Figure 1 Scree plot', 'Figure 2']);
    expect(html).toMatch(/<figure class="psychkit-figure"><figcaption><strong class="psychkit-number">Figure 1<\/strong> Scree plot<\/figcaption><svg /);
    // a wide table scrolls inside its own box instead of widening the page
    expect(html).toMatch(/<div class="psychkit-scroll">\n<table class="psychkit-table">/);
    expect(textContent(findAll(doc, 'code')[0]!)).toBe('Model  : 4\n    Y  : pwb');
  });
  it('its stylesheet greys dimmed cells, keeps notes from widening tables and lets wide tables and figures scroll', () => {
    const css = /<style>([\s\S]*)<\/style>/.exec(html)![1]!;
    expect(css).toMatch(/\.psychkit-table td\.dim \{ color: #767676; \}/); // 4.5:1 on white (WCAG AA)
    expect(css).toMatch(/\.psychkit-note \{ width: 0; min-width: 100%; \}/);
    expect(css).toMatch(/\.psychkit-scroll, \.psychkit-figure \{ overflow-x: auto;/);
    expect(css).toMatch(/\.psychkit-number \{ display: block; font-style: normal; font-weight: 700; \}/);
  });
  it('no contents list for fewer than three sections', () => {
    expect(toHtmlReport(sections.slice(0, 2))).not.toContain('<nav');
  });
  it('escapes every piece of text: title, headings, paragraphs, captions, code', () => {
    fc.assert(
      fc.property(nastyText({ minLength: 1 }), (text) => {
        fc.pre(!/^\s*(table|figure)\s+\d+\s*[.:]/i.test(text)); // a numbered title is refused (tested below)
        const page = toHtmlReport(
          [{ heading: text, blocks: [text, { code: text }, { figure: scree, caption: text }, { table: { ...table, title: text } }] }, { heading: 'x', blocks: [] }],
          { title: text },
        );
        const doc = body(page);
        const visible = xmlVisible(text);
        expect(textContent(findAll(doc, 'h1')[0]!)).toBe(visible);
        expect(textContent(findAll(doc, 'h2')[0]!)).toBe(visible);
        expect(textContent(findAll(doc, 'p')[0]!)).toBe(visible);
        expect(textContent(findAll(doc, 'figcaption')[0]!)).toBe(`Figure 1 ${visible}`);
        expect(textContent(findAll(doc, 'caption')[0]!)).toBe(`Table 1 ${visible}`);
        expect(textContent(findAll(doc, 'code')[0]!)).toBe(xmlVisible(text.replace(/\s+$/, '')));
        expect(findAll(doc, 'script')).toEqual([]);
        const title = /<title>([\s\S]*?)<\/title>/.exec(page)![1]!;
        expect(title).not.toMatch(/[<>]/);
      }),
      { numRuns: 150 },
    );
  });
  it('refuses figures that are not SVG or could run script (INVALID_INPUT)', () => {
    for (const figure of ['<div>x</div>', 'a scree plot', '<svg><script>alert(1)</script></svg>', '<svg onload="alert(1)"></svg>', '<svg><foreignObject><p>x</p></foreignObject></svg>', '<svg><a href="javascript:alert(1)">x</a></svg>', 3]) {
      expect(codeOf(() => toHtmlReport([{ heading: 'x', blocks: [{ figure } as never] }]))).toBe('INVALID_INPUT');
    }
  });
  it('refuses malformed sections and blocks (INVALID_INPUT) and bad options (INVALID_OPTION)', () => {
    for (const bad of [null, {}, [{ heading: 3, blocks: [] }], [{ heading: 'x' }], [{ heading: 'x', blocks: [null] }], [{ heading: 'x', blocks: [{ foo: 1 }] }], [{ heading: 'x', blocks: [{ code: 1 }] }], [{ heading: 'x', level: 4, blocks: [] }]]) {
      expect(codeOf(() => toHtmlReport(bad as never))).toBe('INVALID_INPUT');
    }
    for (const o of [{ title: 1 }, { lang: 'en"><script>' }, { colour: 'red' }]) expect(codeOf(() => toHtmlReport([], o as never))).toBe('INVALID_OPTION');
  });
  it('numbers tables and figures across sections; numbering: false leaves titles as they are', () => {
    const many: ReportSection[] = [
      { heading: 'A', blocks: [{ table }, { figure: scree }, { table: { columns: table.columns, rows: table.rows } }] },
      { heading: 'B', level: 3, blocks: [{ figure: diagram, caption: 'Paths' }, { table }] },
    ];
    const doc = body(toHtmlReport(many));
    expect(findAll(doc, 'caption').map(textContent)).toEqual(['Table 1 Reliability', 'Table 2', 'Table 3 Reliability']);
    expect(findAll(doc, 'figcaption').map(textContent)).toEqual(['Figure 1', 'Figure 2 Paths']);
    const plain = body(toHtmlReport(many, { numbering: false }));
    expect(findAll(plain, 'caption').map(textContent)).toEqual(['Reliability', 'Reliability']);
    expect(findAll(plain, 'figcaption').map(textContent)).toEqual(['Paths']);
    expect(toHtmlReport(sections, { numbering: false })).toContain(tableToHtml(table));
  });
  it('refuses a title that already has its number (it would print twice), unless numbering is off', () => {
    for (const block of [{ table: { ...table, title: 'Table 3. Reliability' } }, { table: { ...table, title: 'table 12: x' } }, { figure: scree, caption: 'Figure 2. Scree plot' }]) {
      for (const render of [toHtmlReport, toMarkdownReport, toTextReport]) {
        expect(codeOf(() => render([{ heading: 'x', blocks: [block] }]))).toBe('INVALID_INPUT');
        expect(() => render([{ heading: 'x', blocks: [block] }])).toThrow(/numbers tables and figures itself; drop the number, or pass `numbering: false`/);
        expect(codeOf(() => render([{ heading: 'x', blocks: [block] }], { numbering: false }))).toBeUndefined();
      }
    }
    // a title that merely mentions a table is fine
    expect(codeOf(() => toHtmlReport([{ heading: 'x', blocks: [{ table: { ...table, title: 'Table tennis scores' } }] }]))).toBeUndefined();
    expect(codeOf(() => toHtmlReport([], { numbering: 'yes' as never }))).toBe('INVALID_OPTION');
  });
  it('a bad table inside a section fails with the table error', () => {
    expect(codeOf(() => toHtmlReport([{ heading: 'x', blocks: [{ table: { columns: [{ label: 'a' }], rows: [[1, 2]] } }] }]))).toBe('LENGTH_MISMATCH');
  });
});

describe('toMarkdownReport', () => {
  const md = toMarkdownReport(sections, { title: 'Peer workers' });
  it('writes headings, paragraphs, tables, linked or inline figures and fenced code', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Peer workers');
    expect(lines).toContain('## Reliability');
    expect(lines).toContain('### Details');
    expect(md).toContain(['**Table 1**\\', '*Reliability*', '', ...tableToMarkdown(table).split('\n').slice(2)].join('\n'));
    expect(md).toContain(['**Figure 1**\\', '*Scree plot*', '', '![Scree plot](scree.svg)'].join('\n'));
    expect(md).toContain(['**Figure 2**', '', diagram].join('\n'));
    expect(lines).toContain(diagram);
    expect(md).toContain('```text\nModel  : 4\n    Y  : pwb\n```');
  });
  it('links a file name with spaces and parentheses safely', () => {
    const out = toMarkdownReport([{ heading: 'x', blocks: [{ figure: scree, caption: 'a [b]', file: 'my figs/scree (1).svg' }] }]);
    expect(out).toContain('![a \\[b\\]](my%20figs/scree%20%281%29.svg)');
  });
  it('fences code with more backticks than the code contains', () => {
    const out = toMarkdownReport([{ heading: 'x', blocks: [{ code: 'a ``` b ```` c' }] }]);
    expect(out).toContain('`````text\na ``` b ```` c\n`````');
  });
  it('escapes paragraphs so plain text never turns into markup', () => {
    expect(escapeMarkdownText('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdownText('1. not a list\n- nor this')).toBe('1\\. not a list\n\\- nor this');
    expect(escapeMarkdownText('*p* < .05 and <b>x</b> [link](u) a_b')).toBe('\\*p\\* < .05 and \\<b>x\\</b> \\[link\\](u) a\\_b');
  });
});

describe('toTextReport', () => {
  it('underlines the title and headings, prints tables as text and figures as a placeholder', () => {
    const text = toTextReport(sections, { title: 'Peer workers' });
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['Peer workers', '============']);
    expect(lines).toContain('Reliability');
    expect(lines[lines.indexOf('Reliability') + 1]).toBe('-----------');
    expect(lines[lines.indexOf('Details') + 1]).toBe('\u00b7'.repeat(7));
    expect(text).toContain(`Table 1\n${tableToText(table)}`);
    expect(lines).toContain('[Figure 1: Scree plot (scree.svg)]');
    expect(lines).toContain('[Figure 2]');
    const plain = toTextReport(sections, { numbering: false });
    expect(plain).toContain(`\n${tableToText(table)}`);
    expect(plain.split('\n')).toContain('[Figure: Scree plot (scree.svg)]');
    expect(text).not.toContain('<svg');
    expect(text.endsWith('\n')).toBe(true);
  });
});
