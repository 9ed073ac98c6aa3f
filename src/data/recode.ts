import { fail } from '../errors.js';
import { defineOptions, field, show, type MissingCode } from '../util/options.js';
import { deepFreeze } from '../util/freeze.js';
import { assertUniqueNames } from './numeric.js';
import { isMissing } from './missing.js';
import { tableView, type ReadTableOptions, type Table } from './table.js';

/** Options of {@link recodeResponses}. */
export interface RecodeResponsesOptions extends ReadTableOptions {
  /** The columns to recode; default every column (`V1…Vk` for a matrix). Other columns are passed through. */
  readonly columns?: readonly string[];
  /**
   * The labels: a list in scale order (the first becomes `start`, the next `start + 1`, …), or an
   * object from label to number. Matching ignores case, repeated and surrounding blanks, and
   * Unicode compatibility forms (a non-breaking space is a space).
   */
  readonly labels: readonly string[] | Readonly<Record<string, number>>;
  /** The number of the first label in a list; default 1. */
  readonly start?: number;
}

/** What {@link recodeResponses} returns: the table as an object of columns, recoded columns as numbers (`null` = missing). */
export type RecodedTable = Readonly<Record<string, readonly unknown[]>>;

const readRecodeOptions = defineOptions('recodeResponses', {
  columns: field.columns(1),
  labels: field.raw(),
  start: field.number(1, -Infinity, Infinity),
  missingCodes: field.missingCodes(),
});

/** A label as it is compared: NFKC, lower case, blanks trimmed and collapsed. */
function normalizeLabel(label: string): string {
  return label.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase('en-US');
}

function labelMap(labels: unknown, start: number): Map<string, number> {
  const map = new Map<string, number>();
  const add = (label: unknown, value: unknown, where: string) => {
    if (typeof label !== 'string' || normalizeLabel(label) === '') throw fail('INVALID_OPTION', `recodeResponses: ${where} must be a non-blank string; got ${show(label)}.`, { option: 'labels', value: label });
    if (typeof value !== 'number' || !Number.isFinite(value)) throw fail('INVALID_OPTION', `recodeResponses: the number for label "${label}" must be finite; got ${show(value)}.`, { option: 'labels', value });
    const key = normalizeLabel(label);
    if (map.has(key)) throw fail('DUPLICATE_NAME', `recodeResponses: the label "${label}" is listed twice (labels are compared ignoring case and blanks).`, { option: 'labels', value: label });
    map.set(key, value);
  };
  if (Array.isArray(labels)) {
    if (labels.length === 0) throw fail('INVALID_OPTION', 'recodeResponses: `labels` is empty.', { option: 'labels' });
    labels.forEach((label, i) => add(label, start + i, `labels[${i}]`));
  } else if (typeof labels === 'object' && labels !== null) {
    const entries = Object.entries(labels);
    if (entries.length === 0) throw fail('INVALID_OPTION', 'recodeResponses: `labels` is empty.', { option: 'labels' });
    for (const [label, value] of entries) add(label, value, 'a label');
  } else {
    throw fail('INVALID_OPTION', `recodeResponses: \`labels\` (required) must be a list of labels in scale order or an object from label to number; got ${show(labels)}.`, { option: 'labels', value: labels });
  }
  return map;
}

/**
 * Turns response labels into numbers: 'Strongly disagree' → 1, 'Disagree' → 2, … Labels are
 * matched ignoring case and blanks ("  strongly  DISAGREE " is 'Strongly disagree'). A cell that
 * is already one of the numbers (a number or a numeric string, as mixed survey exports have) is
 * kept; missing cells (`null`, `''`, `missingCodes`) become `null`. Any other value is an error
 * naming its column and row (`UNKNOWN_LABEL`), so a typo or an unexpected option is never silently
 * scored.
 *
 * Returns every column of the table as an object of columns — the recoded ones as
 * `(number | null)[]`, the others as they were — which every psychkit function reads as a table.
 * The input is not modified.
 *
 * @example
 * ```ts
 * const agree = ['Strongly disagree', 'Disagree', 'Neutral', 'Agree', 'Strongly agree'];
 * const coded = recodeResponses([{ id: 'a', q1: 'Agree', q2: ' strongly agree' }, { id: 'b', q1: 'NEUTRAL', q2: '' }], { columns: ['q1', 'q2'], labels: agree });
 * coded.q1; // [4, 3]
 * coded.q2; // [5, null]
 * ```
 */
export function recodeResponses(table: Table, options: RecodeResponsesOptions): RecodedTable {
  const o = readRecodeOptions.read(options);
  if (o.labels === undefined) throw fail('INVALID_OPTION', 'recodeResponses: `labels` is required: the labels in scale order, or an object from label to number.', { option: 'labels' });
  const map = labelMap(o.labels, o.start);
  const numbers = new Set(map.values());
  const view = tableView(table, o.missingCodes as readonly MissingCode[]);
  const chosen = o.columns ?? view.columnNames;
  assertUniqueNames(chosen, 'columns');
  for (const name of chosen) view.column(name); // MISSING_COLUMN before any work
  const recode = new Set(chosen);
  const known = [...map.keys()];
  const out: Record<string, unknown[]> = {};
  for (const name of view.columnNames) {
    const cells = view.column(name);
    if (!recode.has(name)) {
      out[name] = Array.from(cells);
      continue;
    }
    const column: (number | null)[] = new Array(cells.length);
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (isMissing(cell)) {
        column[i] = null;
        continue;
      }
      if (typeof cell === 'string') {
        const value = map.get(normalizeLabel(cell));
        if (value !== undefined) {
          column[i] = value;
          continue;
        }
      }
      const asNumber = typeof cell === 'number' ? cell : typeof cell === 'string' && cell.trim() !== '' ? Number(cell) : Number.NaN;
      if (numbers.has(asNumber)) {
        column[i] = asNumber;
        continue;
      }
      throw fail(
        'UNKNOWN_LABEL',
        `recodeResponses: column "${name}", row ${i}: ${show(cell)} is not one of the labels (${known.map((k) => `"${k}"`).join(', ')}).`,
        { column: name, row: i, value: cell },
      );
    }
    out[name] = column;
  }
  return deepFreeze(out);
}
