// Properties of the report layer not covered in test/report: the escape functions leave no raw
// markup and lose nothing, formatted numbers read back to the printed digits, text tables line up,
// and the document renderers keep their structure whatever the text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cronbachAlpha,
  descriptives as describeData,
  escapeHtml,
  escapeMarkdownCell,
  escapeMarkdownText,
  formatInterval,
  formatNumber,
  isPsychkitError,
  tableToMarkdown,
  tableToText,
  toApaTable,
  toMarkdown,
  toMarkdownReport,
  toTextReport,
  type ReportSection,
  type ReportTable,
} from '../../src/index.js';
import { arbitraries } from '../../src/testing/index.js';
import { nastyText } from '../helpers/xml.js';
import { numRuns } from '../helpers/runs.js';

/** Characters XML 1.0 forbids (controls other than tab and line breaks, lone surrogates, U+FFFE/F), which escapeHtml drops. */
const XML_FORBIDDEN = /([\uD800-\uDBFF][\uDC00-\uDFFF])|[\uD800-\uDFFF\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const withoutForbidden = (s: string) => s.replace(XML_FORBIDDEN, (_, pair: string | undefined) => pair ?? '');
const decodeEntities = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] as string);

/** Markdown's backslash escapes: a backslash before ASCII punctuation stands for that character. */
const unescapeMarkdown = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
/** A line with each backslash-escaped pair blanked out: what Markdown would still read as markup. */
const unescapedPart = (line: string) => line.replace(/\\[!-/:-@[-`{-~]/g, ' ');

/** Text that exercises Markdown: inline and block markers, entities, indentation, line breaks. */
const markdownText = fc
  .array(
    fc.oneof(
      fc.constantFrom('#', '>', '-', '+', '=', ':', '1.', '2)', '*', '_', '`', '[', ']', '|', '~', '\\', '<', '<b>', '</i>', '&', '&amp;', '&lt;', '&#60;', '&copy;', ' ', '    ', '\t', '\n', '\r\n', 'a', 'Z', '!'),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

describe('escapeHtml', () => {
  it('leaves no raw < > " \' and no bare &, drops only what XML forbids, and decodes back to the text', () => {
    fc.assert(
      fc.property(fc.oneof(nastyText(), fc.string({ unit: 'binary' })), (text) => {
        const out = escapeHtml(text);
        expect(out).not.toMatch(/[<>"']/);
        expect(out.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
        expect(out.match(XML_FORBIDDEN)?.filter((m) => m.length === 1) ?? []).toEqual([]);
        expect(decodeEntities(out)).toBe(withoutForbidden(text));
      }),
      { numRuns: numRuns(300) },
    );
  });
});

describe('escapeMarkdownText', () => {
  it('reads back as the text (lines trimmed) and leaves no markup unescaped', () => {
    fc.assert(
      fc.property(fc.oneof(markdownText, nastyText()), (text) => {
        const out = escapeMarkdownText(text);
        const lines = text.split(/\r\n|\r|\n/).map((l) => l.replace(/^[ \t]+|[ \t]+$/g, ''));
        expect(unescapeMarkdown(out)).toBe(lines.join('\n'));
        for (const line of out.split('\n')) {
          const bare = unescapedPart(line);
          expect(bare, line).not.toMatch(/[*_`[\]|~\\]/); // emphasis, code, links, tables, strikethrough
          expect(bare, line).not.toMatch(/<[A-Za-z/!?]/); // an HTML tag or autolink
          expect(bare, line).not.toMatch(/&#?[A-Za-z0-9]+;/); // an entity reference (&lt; would print <)
          expect(line, line).not.toMatch(/^[ \t]/); // four spaces start a code block
          expect(line, line).not.toMatch(/[ \t]{2,}$/); // two trailing spaces are a hard break
          expect(line, line).not.toMatch(/^([#>+=:-]|\d+[.)])/); // heading, quote, list, setext rule, table delimiter row
        }
      }),
      { numRuns: numRuns(400) },
    );
  });
  it('regressions: entities, indentation, trailing spaces and a leading colon no longer turn into markup', () => {
    expect(escapeMarkdownText('AT&amp;T &lt;b&gt; &#60;')).toBe('AT\\&amp;T \\&lt;b\\&gt; \\&#60;');
    expect(escapeMarkdownText('    not code')).toBe('not code');
    expect(escapeMarkdownText('line  \nnext')).toBe('line\nnext');
    expect(escapeMarkdownText('a |\n:-')).toBe('a \\|\n\\:-');
  });
});

describe('escapeMarkdownCell', () => {
  it('leaves no entity reference, pipe, emphasis, code or tag unescaped, on one line', () => {
    fc.assert(
      fc.property(fc.oneof(markdownText, nastyText()), (text) => {
        const out = escapeMarkdownCell(text);
        expect(out).not.toMatch(/[\r\n]/);
        const bare = unescapedPart(out);
        expect(bare).not.toMatch(/[|*_`\\]|<[A-Za-z/!?]|&#?[A-Za-z0-9]+;/);
        expect(unescapeMarkdown(out)).toBe(text.replace(/\r\n|\r|\n/g, ' '));
      }),
      { numRuns: numRuns(300) },
    );
    expect(escapeMarkdownCell('&lt;')).toBe('\\&lt;'); // was printed as "<"
  });
});

describe('formatInterval', () => {
  it('is [formatNumber(lower), formatNumber(upper)], and each bound reads back within half a unit of its last digit', () => {
    const bound = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(null, Number.NaN));
    fc.assert(
      fc.property(bound, bound, fc.integer({ min: 0, max: 6 }), fc.boolean(), (lo, hi, decimals, leadingZero) => {
        const options = { decimals, leadingZero };
        const out = formatInterval(lo, hi, options);
        if (lo === null || hi === null || Number.isNaN(lo) || Number.isNaN(hi)) {
          expect(out).toBe('\u2014');
          return;
        }
        expect(out).toBe(`[${formatNumber(lo, options)}, ${formatNumber(hi, options)}]`);
        const m = /^\[(-?\d*(?:\.\d+)?), (-?\d*(?:\.\d+)?)\]$/.exec(out);
        expect(m, out).not.toBeNull();
        const half = 0.5 * 10 ** -decimals;
        [lo, hi].forEach((x, i) => {
          const printed = Number(m![i + 1]!);
          expect(Math.abs(printed - x), `${out}: bound ${i}`).toBeLessThanOrEqual(half * (1 + 1e-9) + 1e-9 * Math.abs(x));
          expect((m![i + 1]!.split('.')[1] ?? '').length).toBe(decimals);
        });
      }),
      { numRuns: numRuns(300) },
    );
  });
});

describe('tableToText', () => {
  // Numeric columns are right-aligned, so every line of the table body must end in the same column.
  const label = fc.stringMatching(/^[A-Za-z][A-Za-z0-9αβ²]{0,8}$/);
  const tableArb = fc.integer({ min: 1, max: 4 }).chain((k) =>
    fc.record({
      title: fc.option(fc.string({ maxLength: 30 }).filter((s) => !/[\r\n]/.test(s)), { nil: undefined }),
      columns: fc.array(fc.record({ label }), { minLength: k, maxLength: k }),
      rows: fc.array(fc.array(fc.oneof(fc.double({ min: -1e5, max: 1e5, noNaN: true }), fc.constant(null)), { minLength: k, maxLength: k }), { minLength: 1, maxLength: 6 }),
    }),
  );
  it('aligns every column: all body lines as wide as the rules, and each cell is its formatted number', () => {
    fc.assert(
      fc.property(tableArb, (table) => {
        // A column of nothing but missing cells is text (left-aligned); keep one number per column.
        fc.pre(table.columns.every((_, c) => table.rows.some((r) => r[c] !== null)));
        const lines = tableToText(table as ReportTable).split('\n');
        const body = table.title === undefined ? lines : lines.slice(1);
        const rule = body[0]!;
        expect(rule).toMatch(/^─+$/);
        expect(body[2]).toBe(rule);
        expect(body[body.length - 1]).toBe(rule);
        const width = [...rule].length;
        const content = [body[1]!, ...body.slice(3, -1)];
        for (const line of content) expect([...line].length, line).toBe(width);
        expect(body[1]!.trim().split(/\s+/)).toEqual(table.columns.map((c) => c.label));
        table.rows.forEach((row, r) => {
          expect(content[r + 1]!.trim().split(/\s+/)).toEqual(row.map((v) => formatNumber(v)));
        });
      }),
      { numRuns: numRuns(200) },
    );
  });
});

describe('toMarkdown', () => {
  it('is tableToMarkdown(toApaTable(result)) for generated cronbachAlpha and describe results', () => {
    fc.assert(
      fc.property(arbitraries.likertResponses(fc, { n: { min: 5, max: 30 }, missing: 0.1 }), fc.integer({ min: 1, max: 4 }), (s, decimals) => {
        let results;
        try {
          results = [cronbachAlpha(s.rows, { columns: s.items }), describeData(s.rows, { columns: s.items })];
        } catch (e) {
          if (isPsychkitError(e)) return; // e.g. a constant item: no alpha to report
          throw e;
        }
        for (const r of results) {
          expect(toMarkdown(r, { decimals })).toBe(tableToMarkdown(toApaTable(r, { decimals })));
          expect(toMarkdown(r)).toBe(tableToMarkdown(toApaTable(r)));
        }
      }),
      { numRuns: numRuns(40) },
    );
  });
});

/** A closing code fence in CommonMark: up to three spaces, at least `length` backticks, then blanks. */
const closesFence = (line: string, length: number) => new RegExp(`^ {0,3}\`{${length},}[ \\t]*$`).test(line);

describe('toMarkdownReport', () => {
  const block = fc.oneof(markdownText.map((t) => t as ReportSection['blocks'][number]), fc.oneof(markdownText, nastyText()).map((code) => ({ code })));
  const sectionsArb = fc.array(
    fc.record({ heading: fc.oneof(markdownText, nastyText()).filter((h) => !/[\r\n]/.test(h)), level: fc.constantFrom(2 as const, 3 as const), blocks: fc.array(block, { maxLength: 3 }) }),
    { minLength: 1, maxLength: 4 },
  );
  it('has exactly one heading per section (text cannot add or break one), and code blocks hold their code verbatim', () => {
    fc.assert(
      fc.property(sectionsArb, fc.oneof(markdownText, nastyText()).filter((t) => !/[\r\n]/.test(t)), (sections, title) => {
        const lines = toMarkdownReport(sections, { title }).split('\n');
        const headings: string[] = [];
        const codes: string[] = [];
        for (let i = 0; i < lines.length; i++) {
          const line = lines[i]!;
          const fence = /^(`{3,})text$/.exec(line);
          if (fence) {
            const length = fence[1]!.length;
            const start = i + 1;
            while (!closesFence(lines[++i]!, length)) expect(i).toBeLessThan(lines.length - 1);
            expect(lines[i]).toBe(fence[1]); // the first line that closes the fence is ours
            codes.push(lines.slice(start, i).join('\n'));
          } else if (/^#{1,6}( |$)/.test(line)) headings.push(line);
        }
        expect(headings).toEqual([`# ${escapeMarkdownText(title)}`, ...sections.map((s) => `${'#'.repeat(s.level)} ${escapeMarkdownText(s.heading)}`)]);
        const expectedCodes = sections.flatMap((s) => s.blocks.flatMap((b) => (typeof b === 'object' && 'code' in b ? [b.code.replace(/\s+$/, '')] : [])));
        // The report splits on \n only, so a code block's \r stays inside its line.
        expect(codes).toEqual(expectedCodes);
      }),
      { numRuns: numRuns(200) },
    );
  });
});

describe('toTextReport', () => {
  it('underlines the title and every heading to their width and prints paragraphs verbatim', () => {
    const oneLine = fc.oneof(markdownText, nastyText()).filter((t) => !/[\r\n]/.test(t));
    const sectionsArb = fc.array(fc.record({ heading: oneLine, level: fc.constantFrom(2 as const, 3 as const), blocks: fc.array(oneLine, { maxLength: 3 }) }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(sectionsArb, oneLine, (sections, title) => {
        const lines = toTextReport(sections, { title }).split('\n');
        const width = (s: string) => [...s].length;
        expect(lines.slice(0, 2)).toEqual([title, '='.repeat(width(title))]);
        let i = 2;
        for (const s of sections) {
          expect(lines.slice(i, i + 3)).toEqual(['', s.heading, (s.level === 2 ? '-' : '\u00b7').repeat(width(s.heading))]);
          i += 3;
          for (const b of s.blocks) {
            expect(lines.slice(i, i + 2)).toEqual(['', b]);
            i += 2;
          }
        }
        expect(lines.slice(i)).toEqual(['']);
      }),
      { numRuns: numRuns(200) },
    );
  });
});
