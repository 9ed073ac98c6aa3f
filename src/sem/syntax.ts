import { fail } from '../errors.js';

// lavaan's model language, parsed to a flat list of statements. A statement ends at a newline
// or `;` unless it is unfinished (ends with an operator) or the next line starts with `+`, so
// long formulas can span lines as in lavaan. Positions are 1-based line and column of the source.

/** A modifier written before a variable with `*`: a fixed value, `NA` (free), a label or a start value. */
export interface TermModifiers {
  /** A fixed value (`1*x1`); `null` = `NA*x1` (explicitly free); absent = no fixed value written. */
  readonly fixed?: number | null;
  readonly label?: string;
  readonly start?: number;
}

/** One `lhs op rhs` relation of the syntax (a formula with several terms gives one per term). */
export interface SyntaxRelation {
  readonly lhs: string;
  readonly op: '=~' | '~' | '~~' | '~1';
  /** The right-hand variable (empty for `~1`). */
  readonly rhs: string;
  readonly modifiers: TermModifiers;
  readonly line: number;
  readonly column: number;
}

/** An arithmetic expression over parameter labels (`:=`). */
export type Expression =
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'label'; readonly name: string; readonly line: number; readonly column: number }
  | { readonly type: 'negate'; readonly operand: Expression }
  | { readonly type: 'binary'; readonly op: '+' | '-' | '*' | '/' | '^'; readonly left: Expression; readonly right: Expression }
  | { readonly type: 'call'; readonly name: ExpressionFunction; readonly argument: Expression };

export type ExpressionFunction = 'sqrt' | 'exp' | 'log' | 'abs';
const FUNCTIONS: readonly string[] = ['sqrt', 'exp', 'log', 'abs'];

/** A defined parameter `name := expression`. */
export interface SyntaxDefinition {
  readonly name: string;
  readonly expression: Expression;
  /** The expression as lavaan prints it (whitespace removed). */
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

export interface ParsedModel {
  readonly relations: readonly SyntaxRelation[];
  readonly definitions: readonly SyntaxDefinition[];
}

type TokenType = 'name' | 'number' | 'string' | 'op' | 'newline';
interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

const OPERATORS = ['=~', '~~', ':=', '==', '<=', '>=', '~', '+', '-', '*', '/', '^', '(', ')', ',', ';', '<', '>', '|'];
const NAME_START = /[A-Za-z_.]/;
const NAME_PART = /[A-Za-z0-9_.]/;
const NUMBER = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;

function syntaxError(message: string, line: number, column: number): Error {
  return fail('MODEL_SYNTAX', `Model syntax, line ${line}, column ${column}: ${message}`, { line, character: column });
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    const column = i - lineStart + 1;
    if (ch === '\n') {
      tokens.push({ type: 'newline', text: '\n', line, column });
      line++;
      i++;
      lineStart = i;
    } else if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
    } else if (ch === '#' || ch === '!') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (ch === '"' || ch === "'") {
      const end = source.indexOf(ch, i + 1);
      const newline = source.indexOf('\n', i + 1);
      if (end < 0 || (newline >= 0 && newline < end)) throw syntaxError('a quoted label is not closed.', line, column);
      tokens.push({ type: 'string', text: source.slice(i + 1, end), line, column });
      i = end + 1;
    } else if (/\d/.test(ch) || (ch === '.' && /\d/.test(source[i + 1] ?? ''))) {
      const match = NUMBER.exec(source.slice(i))!;
      tokens.push({ type: 'number', text: match[0], line, column });
      i += match[0].length;
    } else if (NAME_START.test(ch)) {
      let j = i + 1;
      while (j < source.length && NAME_PART.test(source[j]!)) j++;
      tokens.push({ type: 'name', text: source.slice(i, j), line, column });
      i = j;
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (op === undefined) throw syntaxError(`unexpected character ${JSON.stringify(ch)}.`, line, column);
      tokens.push({ type: op === ';' ? 'newline' : 'op', text: op, line, column });
      i += op.length;
    }
  }
  return tokens;
}

const CONTINUES = new Set(['=~', '~~', ':=', '~', '+', '-', '*', '/', '^', '(', ',']);

/** Splits the tokens into statements, joining unfinished lines and lines that start with `+`. */
function statements(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'newline') {
      current.push(t);
      continue;
    }
    const last = current[current.length - 1];
    if (last !== undefined && last.type === 'op' && CONTINUES.has(last.text) && t.text === '\n') continue;
    let next = i + 1;
    while (next < tokens.length && tokens[next]!.type === 'newline' && tokens[next]!.text === '\n') next++;
    const following = tokens[next];
    if (current.length > 0 && t.text === '\n' && following !== undefined && following.type === 'op' && (following.text === '+' || following.text === '*')) continue;
    if (current.length > 0) out.push(current);
    current = [];
  }
  if (current.length > 0) out.push(current);
  return out;
}

const RELATION_OPS = ['=~', '~~', ':=', '~'];
const UNSUPPORTED_OPS: Readonly<Record<string, string>> = {
  '==': 'equality constraints written with `==` are not supported yet; give the parameters the same label instead',
  '<': 'inequality constraints are not supported',
  '>': 'inequality constraints are not supported',
  '<=': 'inequality constraints are not supported',
  '>=': 'inequality constraints are not supported',
  '|': 'thresholds (`|`) are for ordered indicators, which are not supported yet',
};

class Cursor {
  i = 0;
  constructor(
    readonly tokens: readonly Token[],
    readonly end: Token,
  ) {}
  peek(): Token | undefined {
    return this.tokens[this.i];
  }
  next(): Token | undefined {
    return this.tokens[this.i++];
  }
  error(message: string): Error {
    const t = this.peek();
    return t === undefined ? syntaxError(`${message} (the statement ends here).`, this.end.line, this.end.column + this.end.text.length) : syntaxError(`${message}; found ${JSON.stringify(t.text)}.`, t.line, t.column);
  }
  isOp(text: string): boolean {
    const t = this.peek();
    return t !== undefined && t.type === 'op' && t.text === text;
  }
  expectOp(text: string, what: string): void {
    if (!this.isOp(text)) throw this.error(`expected ${what}`);
    this.i++;
  }
}

function signedNumber(c: Cursor): number | undefined {
  const negative = c.isOp('-');
  const t = c.tokens[c.i + (negative ? 1 : 0)];
  if (t?.type !== 'number') return undefined;
  c.i += negative ? 2 : 1;
  const value = Number(t.text);
  return negative ? -value : value;
}

/** One right-hand term: `mod * mod * … * name` (or the intercept `1`). */
function term(c: Cursor, allowIntercept: boolean): { name: string; modifiers: TermModifiers; token: Token } {
  const modifiers: { fixed?: number | null; label?: string; start?: number } = {};
  for (;;) {
    const start = c.i;
    const t = c.peek();
    if (t === undefined) throw c.error('expected a variable name');
    let kind: 'fixed' | 'label' | 'start' | null = null;
    let value: number | string | null = null;
    const number = signedNumber(c);
    if (number !== undefined) {
      kind = 'fixed';
      value = number;
    } else if (t.type === 'name' && t.text === 'NA') {
      c.i++;
      kind = 'fixed';
      value = null;
    } else if (t.type === 'string') {
      c.i++;
      kind = 'label';
      value = t.text;
    } else if (t.type === 'name' && (t.text === 'start' || t.text === 'label') && c.tokens[c.i + 1]?.text === '(') {
      c.i += 2;
      if (t.text === 'start') {
        const v = signedNumber(c);
        if (v === undefined) throw c.error('expected a number inside start(…)');
        kind = 'start';
        value = v;
      } else {
        const s = c.next();
        if (s === undefined || (s.type !== 'string' && s.type !== 'name')) throw c.error('expected a label inside label(…)');
        kind = 'label';
        value = s.text;
      }
      c.expectOp(')', '`)`');
    } else if (t.type === 'name') {
      c.i++;
      if (!c.isOp('*')) return { name: t.text, modifiers, token: t };
      kind = 'label';
      value = t.text;
    } else {
      throw c.error('expected a variable name');
    }
    if (!c.isOp('*')) {
      if (kind === 'fixed' && value === 1 && allowIntercept && c.i === start + 1) return { name: '1', modifiers, token: t };
      c.i = start;
      throw c.error('expected `*` and a variable after a modifier');
    }
    c.i++;
    if (kind === 'fixed') {
      if (modifiers.fixed !== undefined) throw syntaxError('a term has two fixed values.', t.line, t.column);
      modifiers.fixed = value as number | null;
    } else if (kind === 'label') {
      if (modifiers.label !== undefined) throw syntaxError('a term has two labels.', t.line, t.column);
      modifiers.label = value as string;
    } else {
      modifiers.start = value as number;
    }
  }
}

function expression(c: Cursor): Expression {
  let left = product(c);
  while (c.isOp('+') || c.isOp('-')) {
    const op = c.next()!.text as '+' | '-';
    left = { type: 'binary', op, left, right: product(c) };
  }
  return left;
}

function product(c: Cursor): Expression {
  let left = unary(c);
  while (c.isOp('*') || c.isOp('/')) {
    const op = c.next()!.text as '*' | '/';
    left = { type: 'binary', op, left, right: unary(c) };
  }
  return left;
}

function unary(c: Cursor): Expression {
  if (c.isOp('-')) {
    c.i++;
    return { type: 'negate', operand: unary(c) };
  }
  if (c.isOp('+')) {
    c.i++;
    return unary(c);
  }
  const base = primary(c);
  if (c.isOp('^')) {
    c.i++;
    return { type: 'binary', op: '^', left: base, right: unary(c) };
  }
  return base;
}

function primary(c: Cursor): Expression {
  const t = c.peek();
  if (t?.type === 'number') {
    c.i++;
    return { type: 'number', value: Number(t.text) };
  }
  if (t?.type === 'name') {
    c.i++;
    if (c.isOp('(')) {
      if (!FUNCTIONS.includes(t.text)) throw syntaxError(`unknown function ${t.text}(); := expressions may use ${FUNCTIONS.join(', ')}.`, t.line, t.column);
      c.i++;
      const argument = expression(c);
      c.expectOp(')', '`)`');
      return { type: 'call', name: t.text as ExpressionFunction, argument };
    }
    return { type: 'label', name: t.text, line: t.line, column: t.column };
  }
  if (c.isOp('(')) {
    c.i++;
    const inner = expression(c);
    c.expectOp(')', '`)`');
    return inner;
  }
  throw c.error('expected a number, a label or `(`');
}

/**
 * Parses lavaan model syntax: `=~` (loadings), `~` (regressions, `~ 1` intercepts), `~~`
 * (variances and covariances), `:=` (defined parameters), modifiers `1*x` (fixed), `NA*x` (free),
 * `a*x` or `"a"*x` (label), `start(0.5)*x`, several left-hand variables (`y1 + y2 ~ x`), comments
 * (`#`, `!`), statements separated by newlines or `;`, and formulas continued over lines.
 * A parse error is `MODEL_SYNTAX` naming the line and column.
 */
export function parseModelSyntax(source: string): ParsedModel {
  if (typeof source !== 'string') throw fail('INVALID_OPTION', '`model` must be lavaan model syntax (a string).', { option: 'model', value: source });
  const relations: SyntaxRelation[] = [];
  const definitions: SyntaxDefinition[] = [];
  for (const tokens of statements(tokenize(source))) {
    const opIndex = tokens.findIndex((t) => t.type === 'op' && (RELATION_OPS.includes(t.text) || t.text in UNSUPPORTED_OPS));
    const first = tokens[0]!;
    if (opIndex < 0) throw syntaxError(`${JSON.stringify(tokens.map((t) => t.text).join(' '))} has no operator (=~, ~, ~~ or :=).`, first.line, first.column);
    const op = tokens[opIndex]!;
    if (op.text in UNSUPPORTED_OPS) throw syntaxError(`${UNSUPPORTED_OPS[op.text]!}.`, op.line, op.column);
    if (opIndex === 0) throw syntaxError(`\`${op.text}\` needs a variable on its left.`, op.line, op.column);
    const left = new Cursor(tokens.slice(0, opIndex), op);
    const right = new Cursor(tokens.slice(opIndex + 1), tokens[tokens.length - 1]!);
    if (op.text === ':=') {
      const name = left.next()!;
      if (name.type !== 'name' || left.peek() !== undefined) throw syntaxError('a defined parameter needs one name on the left of `:=`.', first.line, first.column);
      if (right.peek() === undefined) throw syntaxError('`:=` needs an expression on its right.', op.line, op.column);
      const expr = expression(right);
      if (right.peek() !== undefined) throw right.error('unexpected text after the expression');
      const text = tokens.slice(opIndex + 1).map((t) => (t.type === 'string' ? JSON.stringify(t.text) : t.text)).join('');
      definitions.push({ name: name.text, expression: expr, text, line: name.line, column: name.column });
      continue;
    }
    const lhs: Token[] = [];
    for (;;) {
      const t = left.next();
      if (t?.type !== 'name') throw syntaxError(`the left of \`${op.text}\` must be variable names joined by +.`, (t ?? first).line, (t ?? first).column);
      lhs.push(t);
      if (left.peek() === undefined) break;
      left.expectOp('+', '`+`');
    }
    if (right.peek() === undefined) throw syntaxError(`\`${op.text}\` needs a variable on its right.`, op.line, op.column);
    for (;;) {
      const { name, modifiers, token } = term(right, op.text === '~');
      const relationOp = name === '1' ? '~1' : (op.text as '=~' | '~' | '~~');
      for (const l of lhs) relations.push({ lhs: l.text, op: relationOp, rhs: name === '1' ? '' : name, modifiers, line: token.line, column: token.column });
      if (right.peek() === undefined) break;
      right.expectOp('+', '`+` between terms');
    }
  }
  return { relations, definitions };
}
