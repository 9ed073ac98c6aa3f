import fc from 'fast-check';
import { SaxesParser } from 'saxes';

/** An element of a parsed XML document. */
export interface XmlNode {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: (XmlNode | string)[];
}

/**
 * Parses a string as XML with saxes (a conformant, non-validating parser) and returns its root
 * element. Throws on anything not well-formed: unbalanced tags, unescaped `<` or `&`, unquoted
 * attributes, characters XML forbids.
 */
export function parseXml(text: string): XmlNode {
  const parser = new SaxesParser({ xmlns: false });
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [] };
    stack[stack.length - 1]?.children.push(node);
    stack.push(node);
    root ??= node;
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => void stack[stack.length - 1]?.children.push(t));
  parser.write(text).close();
  if (error) throw error;
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element named `name` under (and including) `node`, in document order. */
export function findAll(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: XmlNode) => {
    if (n.name === name) out.push(n);
    for (const c of n.children) if (typeof c !== 'string') walk(c);
  };
  walk(node);
  return out;
}

/** The concatenated text of a node, as DOM's textContent. */
export function textContent(node: XmlNode | string): string {
  return typeof node === 'string' ? node : node.children.map(textContent).join('');
}


/**
 * Strings that stress escaping: markup characters, Markdown specials and line breaks often, any
 * code point (controls, lone surrogates, astral characters) sometimes.
 */
export function nastyText(constraints: { minLength?: number } = {}): fc.Arbitrary<string> {
  const special = fc.constantFrom('<', '>', '&', '"', "'", '|', '*', '_', '\\', '`', '\n', '\r', 'a', 'Z', ' ', '<a', '&amp;', ']]>', '\u0000', '\uD800');
  return fc.string({ unit: fc.oneof(special, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), ...constraints });
}

/** What escapeHtml keeps of a string (XML-forbidden characters dropped), with XML's line-end normalisation. */
export function xmlVisible(s: string): string {
  return s
    .replace(/([\uD800-\uDBFF][\uDC00-\uDFFF])|[\uD800-\uDFFF\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (_, p: string | undefined) => p ?? '')
    .replace(/\r\n?/g, '\n');
}
