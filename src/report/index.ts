export { formatNumber, formatP, formatInterval } from './format.js';
export type { NumberFormatOptions, PValueFormatOptions } from './format.js';
export { escapeHtml, escapeMarkdownCell } from './escape.js';
export { tableToText, tableToMarkdown, tableToHtml } from './table.js';
export type { ReportTable, TableColumn, TableCell, TableSection, ColumnFormat } from './table.js';
export { screePlotSvg } from './scree.js';
export type { ScreePlotOptions } from './scree.js';
export { pathDiagramSvg } from './path-diagram.js';
export type { PathDiagramOptions, MediationPaths, PathValue } from './path-diagram.js';
