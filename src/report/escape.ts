import { fail } from '../errors.js';

/** Throws INVALID_INPUT unless `text` is a string (a number or object would need a decision about how to print it). */
export function checkText(text: unknown, fn: string): asserts text is string {
  if (typeof text !== 'string') throw fail('INVALID_INPUT', `${fn} expects a string; got ${text === null ? 'null' : typeof text}.`, { value: typeof text });
}

/**
 * Escapes text for HTML and XML (SVG) content and attribute values: `& < > " '`. Characters XML
 * 1.0 forbids (C0 controls other than tab and line breaks, unpaired surrogates, U+FFFE/U+FFFF)
 * are dropped, so the output is always well-formed in an SVG file as well as in HTML. Anything
 * but a string throws `INVALID_INPUT`.
 *
 * @example
 * ```ts
 * escapeHtml('a < b & "c"'); // "a &lt; b &amp; &quot;c&quot;"
 * ```
 */
export function escapeHtml(text: string): string {
  checkText(text, 'escapeHtml');
  return text.replace(XML_FORBIDDEN, (_, pair: string | undefined) => pair ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

// A surrogate pair is kept (group 1); a lone surrogate or a forbidden control character is
// dropped. (No lookbehind: Safari before 16.4 cannot parse it.)
const XML_FORBIDDEN = /([\uD800-\uDBFF][\uDC00-\uDFFF])|[\uD800-\uDFFF\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for one cell of a GitHub-flavoured Markdown table: the column separator `|`, the
 * characters that start emphasis or code (`* _ \``), a `<` that could open an HTML tag, an `&`
 * that would start an entity reference (`&lt;` must not print as `<`), backslashes, and line
 * breaks (a table row must stay on one line). Anything but a string throws `INVALID_INPUT`.
 *
 * @example
 * ```ts
 * escapeMarkdownCell('a|b *c*'); // "a\\|b \\*c\\*"
 * ```
 */
export function escapeMarkdownCell(text: string): string {
  checkText(text, 'escapeMarkdownCell');
  return text
    .replace(/[\\|*_`]|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, ' ');
}
