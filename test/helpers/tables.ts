// Report tables as a reader sees them, for the report tests.
import { tableToMarkdown, type ReportTable } from '../../src/index.js';

/** Every row as printed: section rows as one cell, data rows as their cells (via Markdown, escapes undone). */
export function printed(table: ReportTable): string[][] {
  return tableToMarkdown({ columns: table.columns, rows: table.rows })
    .split('\n')
    .slice(2)
    .map((line) =>
      line.startsWith('| **')
        ? [line.slice(4, line.indexOf('** |')).replace(/\\(.)/g, '$1')]
        : line
            .slice(2, -2)
            .split(' | ')
            .map((c) => c.replace(/\\(.)/g, '$1').replace(/\u00a0/g, ' ')),
    );
}
