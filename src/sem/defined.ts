import { fail } from '../errors.js';
import type { Expression, SyntaxDefinition } from './syntax.js';

// Defined parameters (`name := expression`) and their gradients with respect to the free
// parameters, by forward-mode differentiation of the expression tree (exact, where lavaan uses a
// numerical Jacobian; the two agree to its precision). Defined parameters may use earlier ones.

/** A value and its gradient over the q free parameters. */
export interface Dual {
  readonly value: number;
  readonly gradient: Float64Array;
}

/** Resolves a label to its value and gradient (a free parameter's gradient is a unit vector). */
export type LabelValue = (name: string) => Dual | undefined;

function evaluate(e: Expression, lookup: LabelValue, q: number, definition: SyntaxDefinition): Dual {
  switch (e.type) {
    case 'number':
      return { value: e.value, gradient: new Float64Array(q) };
    case 'label': {
      const v = lookup(e.name);
      if (v === undefined) {
        throw fail('MODEL_SYNTAX', `Model syntax, line ${e.line}, column ${e.column}: "${e.name}" in the definition of "${definition.name}" is not a parameter label (label a parameter with ${e.name}*variable) nor an earlier defined parameter.`, {
          line: e.line,
          character: e.column,
          label: e.name,
        });
      }
      return v;
    }
    case 'negate': {
      const a = evaluate(e.operand, lookup, q, definition);
      return { value: -a.value, gradient: a.gradient.map((g) => -g) };
    }
    case 'call': {
      const a = evaluate(e.argument, lookup, q, definition);
      const x = a.value;
      const [value, slope] =
        e.name === 'sqrt' ? [Math.sqrt(x), 0.5 / Math.sqrt(x)] : e.name === 'exp' ? [Math.exp(x), Math.exp(x)] : e.name === 'log' ? [Math.log(x), 1 / x] : [Math.abs(x), Math.sign(x)];
      return { value, gradient: a.gradient.map((g) => slope * g) };
    }
    case 'binary': {
      const a = evaluate(e.left, lookup, q, definition);
      const b = evaluate(e.right, lookup, q, definition);
      const g = new Float64Array(q);
      let value: number;
      switch (e.op) {
        case '+':
          value = a.value + b.value;
          for (let i = 0; i < q; i++) g[i] = (a.gradient[i] as number) + (b.gradient[i] as number);
          break;
        case '-':
          value = a.value - b.value;
          for (let i = 0; i < q; i++) g[i] = (a.gradient[i] as number) - (b.gradient[i] as number);
          break;
        case '*':
          value = a.value * b.value;
          for (let i = 0; i < q; i++) g[i] = (a.gradient[i] as number) * b.value + a.value * (b.gradient[i] as number);
          break;
        case '/':
          value = a.value / b.value;
          for (let i = 0; i < q; i++) g[i] = ((a.gradient[i] as number) * b.value - a.value * (b.gradient[i] as number)) / (b.value * b.value);
          break;
        case '^': {
          value = a.value ** b.value;
          const da = b.value * a.value ** (b.value - 1);
          const db = a.value > 0 ? value * Math.log(a.value) : 0;
          for (let i = 0; i < q; i++) g[i] = da * (a.gradient[i] as number) + (b.gradient[i] !== 0 ? db * (b.gradient[i] as number) : 0);
          break;
        }
      }
      return { value, gradient: g };
    }
  }
}

/**
 * Evaluates every defined parameter in order; `labels` gives each label's value and gradient.
 * Returns one Dual per definition (later definitions may refer to earlier ones).
 */
export function evaluateDefinitions(definitions: readonly SyntaxDefinition[], labels: LabelValue, q: number): Dual[] {
  const out: Dual[] = [];
  const defined = new Map<string, Dual>();
  const lookup: LabelValue = (name) => labels(name) ?? defined.get(name);
  for (const d of definitions) {
    if (defined.has(d.name) || labels(d.name) !== undefined) {
      throw fail('MODEL_SYNTAX', `Model syntax, line ${d.line}: "${d.name}" is defined twice, or is also a parameter label.`, { line: d.line, character: d.column, label: d.name });
    }
    const v = evaluate(d.expression, lookup, q, d);
    defined.set(d.name, v);
    out.push(v);
  }
  return out;
}
