import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeMarkdownCell, tableToHtml, tableToMarkdown, tableToText, type ReportTable } from '../../src/index.js';
import { findAll, nastyText, parseXml, textContent, xmlVisible } from '../helpers/xml.js';
import { errorCode as codeOf } from '../helpers/errors.js';

const reliability: ReportTable = {
  title: 'Table 1. Reliability',
  columns: [
    { label: 'Scale' },
    { label: 'α', format: 'bounded' },
    { label: '95% CI' },
    { label: 'k', format: 'integer' },
    { label: 'M', format: { decimals: 1 } },
    { label: 'p', format: 'p' },
    { label: 'n', format: (v) => `${v} cases` },
  ],
  rows: [
    ['ESSE', 0.9123, '[.89, .93]', 11, 3.456, 0.00001, 268],
    { section: 'Outcomes' },
    ['Social isolation', null, '—', 6, -0.04, 0.0321, 262],
  ],
  note: 'CI = Feldt interval.',
};

describe('tableToText', () => {
  it('aligns columns under APA rules: numbers right, text left, formats applied', () => {
    expect(tableToText(reliability)).toBe(
      [
        'Table 1. Reliability',
        '─────────────────────────────────────────────────────────────',
        'Scale               α  95% CI       k    M       p          n',
        '─────────────────────────────────────────────────────────────',
        'ESSE              .91  [.89, .93]  11  3.5  < .001  268 cases',
        'Outcomes',
        'Social isolation    —  —            6  0.0    .032  262 cases',
        '─────────────────────────────────────────────────────────────',
        'Note. CI = Feldt interval.',
      ].join('\n'),
    );
  });
});

describe('tableToMarkdown', () => {
  it('renders a GFM table with alignment, title, section and note', () => {
    expect(tableToMarkdown(reliability)).toBe(
      [
        '**Table 1. Reliability**',
        '',
        '| Scale | α | 95% CI | k | M | p | n |',
        '|:--|--:|:--|--:|--:|--:|--:|',
        // numeric cells keep their spaces non-breaking, so a narrow page cannot wrap "< .001"
        '| ESSE | .91 | [.89,\u00a0.93] | 11 | 3.5 | <\u00a0.001 | 268 cases |',
        '| **Outcomes** | | | | | | |',
        '| Social isolation | — | — | 6 | 0.0 | .032 | 262 cases |',
        '',
        '*Note.* CI = Feldt interval.',
      ].join('\n'),
    );
  });

  it('escapes cell text so no label can add a column or start markup', () => {
    fc.assert(
      fc.property(fc.array(nastyText(), { minLength: 3, maxLength: 3 }), (cells) => {
        const md = tableToMarkdown({ columns: [{ label: 'a' }, { label: 'b' }, { label: 'c' }], rows: [cells] });
        const line = md.split('\n')[2] as string;
        expect(md.split('\n')).toHaveLength(3);
        // Unescaped pipes: exactly the four separators of a three-column row.
        const separators = line.match(/(?<!\\)(?:\\\\)*\|/g) ?? [];
        expect(separators).toHaveLength(4);
        // Spaces in numeric-looking cells ("1 < 2") become non-breaking; the text is otherwise verbatim.
        const nbsp = (t: string) => t.replace(/\u00a0/g, ' ');
        for (const cell of cells) expect(nbsp(line)).toContain(nbsp(escapeMarkdownCell(cell)));
      }),
    );
    expect(escapeMarkdownCell('a|b *c* _d_ `e` <b>x</b> \\ 1 < 2\nz')).toBe('a\\|b \\*c\\* \\_d\\_ \\`e\\` \\<b>x\\</b> \\\\ 1 < 2 z');
  });
});

describe('tableToHtml', () => {
  it('renders caption, header scopes, sections and note', () => {
    const html = tableToHtml(reliability);
    const table = parseXml(html);
    expect(table.name).toBe('table');
    expect(textContent(findAll(table, 'caption')[0]!)).toBe('Table 1. Reliability');
    expect(findAll(table, 'th').filter((th) => th.attributes.scope === 'col').map(textContent)).toEqual(['Scale', 'α', '95% CI', 'k', 'M', 'p', 'n']);
    const rows = findAll(findAll(table, 'tbody')[0]!, 'tr');
    expect(rows.map((r) => findAll(r, 'td').map(textContent))).toEqual([
      ['ESSE', '.91', '[.89, .93]', '11', '3.5', '< .001', '268 cases'],
      [],
      ['Social isolation', '—', '—', '6', '0.0', '.032', '262 cases'],
    ]);
    expect(findAll(rows[1]!, 'th')[0]!.attributes).toMatchObject({ scope: 'rowgroup', colspan: '7' });
    expect(textContent(findAll(table, 'tfoot')[0]!).trim()).toBe('Note. CI = Feldt interval.');
    expect(findAll(rows[0]!, 'td')[1]!.attributes.style).toBe('text-align: right; white-space: nowrap');
  });

  it('keeps numeric cells on one line (white-space: nowrap), numbers and numeric text alike, but not words or long lists', () => {
    const table = parseXml(
      tableToHtml({
        columns: [{ label: 'Term' }, { label: 'p', format: 'p' }, { label: 'CI' }, { label: 'r' }, { label: 'Items' }],
        rows: [['Social support', 0.0001, '[2.11, 3.64]', '.45***', '1, 2, 3, 8, 9, 11, 12, 13, 17, 18']],
      }),
    );
    const tds = findAll(table, 'td');
    expect(tds.map(textContent)).toEqual(['Social support', '< .001', '[2.11, 3.64]', '.45***', '1, 2, 3, 8, 9, 11, 12, 13, 17, 18']);
    expect(tds.map((td) => /white-space: nowrap/.test(td.attributes.style ?? ''))).toEqual([false, true, true, true, false]);
  });
});

describe('dimmed cells', () => {
  const table: ReportTable = {
    columns: [{ label: 'Item' }, { label: 'F1', format: 'bounded' }, { label: 'F2', format: 'bounded' }],
    rows: [['esse1', 0.75, { dim: -0.03 }], ['esse2', { dim: 0.12 }, 0.61]],
  };
  it('HTML: class "dim" on exactly the dimmed cells, printed through the column format', () => {
    const tds = findAll(parseXml(tableToHtml(table)), 'td');
    expect(tds.map(textContent)).toEqual(['esse1', '.75', '-.03', 'esse2', '.12', '.61']);
    expect(tds.map((td) => td.attributes.class ?? '')).toEqual(['', '', 'dim', '', 'dim', '']);
  });
  it('text and Markdown: printed as any number (plain text has no grey)', () => {
    const plain = { ...table, rows: [['esse1', 0.75, -0.03], ['esse2', 0.12, 0.61]] };
    expect(tableToText(table)).toBe(tableToText(plain));
    expect(tableToMarkdown(table)).toBe(tableToMarkdown(plain));
  });
  it('a dimmed missing value is a dash, not dimmed; { dim } must hold a number', () => {
    const tds = findAll(parseXml(tableToHtml({ columns: [{ label: 'a' }], rows: [[{ dim: Number.NaN }]] })), 'td');
    expect([textContent(tds[0]!), tds[0]!.attributes.class]).toEqual(['\u2014', undefined]);
    expect(codeOf(() => tableToText({ columns: [{ label: 'a' }], rows: [[{ dim: 'x' } as never]] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => tableToText({ columns: [{ label: 'a' }], rows: [[{ dim: 1, extra: 2 } as never]] }))).toBe('INVALID_INPUT');
  });

  it('escapes any text: output stays well-formed and shows the text verbatim', () => {
    fc.assert(
      fc.property(nastyText(), nastyText(), (label, cell) => {
        const table = parseXml(tableToHtml({ title: label, columns: [{ label }, { label: 'x' }], rows: [[cell, 1]], note: label }));
        const norm = xmlVisible;
        expect(textContent(findAll(table, 'caption')[0]!)).toBe(norm(label));
        expect(textContent(findAll(table, 'th')[0]!)).toBe(norm(label));
        expect(textContent(findAll(table, 'td')[0]!)).toBe(norm(cell));
      }),
    );
  });
});

describe('report tables: bad input', () => {
  it('names the row and column at fault', () => {
    const columns = [{ label: 'a' }, { label: 'b' }];
    expect(codeOf(() => tableToText({ columns, rows: [['x']] }))).toBe('LENGTH_MISMATCH');
    expect(codeOf(() => tableToText({ columns: [], rows: [] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => tableToText({ columns, rows: [['x', {} as unknown as number]] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => tableToText({ columns, rows: [null as unknown as string[]] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => tableToText({ columns, rows: [{ section: 1 as unknown as string }] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => tableToText({ columns: [{ label: 'a', format: 'percent' as 'p' }], rows: [] }))).toBe('INVALID_OPTION');
    expect(codeOf(() => tableToText({ columns: [{ label: 'a', align: 'middle' as 'left' }], rows: [] }))).toBe('INVALID_OPTION');
    expect(codeOf(() => tableToText({ columns: [{ label: 'a', format: () => 3 as unknown as string }], rows: [[1]] }))).toBe('INVALID_OPTION');
    expect(codeOf(() => tableToText({ columns: [{ label: 'a', format: { decimals: 99 } }], rows: [] }))).toBe('INVALID_OPTION');
    expect(codeOf(() => tableToText({ columns: [{ label: 'p', format: 'p' }], rows: [[1.5]] }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => tableToText({ title: 3 as unknown as string, columns, rows: [] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => tableToText(null as unknown as ReportTable))).toBe('INVALID_INPUT');
    try {
      tableToMarkdown({ columns, rows: [['x', 'y'], ['z']] });
    } catch (e) {
      expect((e as { details: { row: number } }).details.row).toBe(1);
    }
  });

  it('does not mutate the table', () => {
    const table = structuredClone(reliability.rows);
    tableToHtml(reliability);
    tableToMarkdown(reliability);
    expect(reliability.rows).toEqual(table);
  });
});

// Found by the bad-input fuzz suite (test/fuzz).
describe('escapes and tables: hostile values', () => {
  it('the escapes reject what is not a string with INVALID_INPUT (it was a TypeError)', () => {
    for (const v of [5, null, undefined, { a: 1 }, ['a']]) expect(codeOf(() => escapeMarkdownCell(v as never))).toBe('INVALID_INPUT');
  });
  it('an unknown format or alignment holding a bigint is reported, not a TypeError from JSON.stringify', () => {
    expect(codeOf(() => tableToText({ columns: [{ label: 'a', align: 2n ** 80n as never }], rows: [] }))).toBe('INVALID_OPTION');
    expect(codeOf(() => tableToHtml({ columns: [{ label: 'a', format: 10n as never }], rows: [[1]] }))).toBe('INVALID_OPTION');
  });
});
