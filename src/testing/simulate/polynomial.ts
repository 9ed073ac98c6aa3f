// Polynomials in independent random variables and their exact expectations: the second moments
// of regressors such as X, X·W or M·W (M itself a polynomial in X, W and its own error) follow
// from expanding the products and the moments of each variable (normal or 0/1).

/** A polynomial: each monomial's exponents (one per variable) with its coefficient. */
export interface Polynomial {
  readonly exponents: readonly Uint8Array[];
  readonly coefficients: readonly number[];
}

/** The moments E[uᵏ], k = 0 … K, of one variable. */
export type MomentTable = Float64Array;

/** E[uᵏ] for u ~ N(μ, σ²), k = 0 … K: E[uᵏ] = μ·E[uᵏ⁻¹] + (k − 1)σ²·E[uᵏ⁻²]. */
export function normalMoments(mean: number, sd: number, K: number): MomentTable {
  const m = new Float64Array(K + 1);
  m[0] = 1;
  if (K >= 1) m[1] = mean;
  for (let k = 2; k <= K; k++) m[k] = mean * (m[k - 1] as number) + (k - 1) * sd * sd * (m[k - 2] as number);
  return m;
}

/** E[uᵏ] for u ~ Bernoulli(p), k = 0 … K: 1, then p. */
export function bernoulliMoments(p: number, K: number): MomentTable {
  const m = new Float64Array(K + 1).fill(p);
  m[0] = 1;
  return m;
}

const keyOf = (e: Uint8Array) => e.join(',');

function collect(terms: Map<string, { e: Uint8Array; c: number }>): Polynomial {
  const exponents: Uint8Array[] = [];
  const coefficients: number[] = [];
  for (const { e, c } of terms.values()) {
    if (c === 0) continue;
    exponents.push(e);
    coefficients.push(c);
  }
  return { exponents, coefficients };
}

/** The constant c (in `variables` variables). */
export function constantPolynomial(variables: number, c: number): Polynomial {
  return c === 0 ? { exponents: [], coefficients: [] } : { exponents: [new Uint8Array(variables)], coefficients: [c] };
}

/** The variable with index i. */
export function variablePolynomial(variables: number, i: number): Polynomial {
  const e = new Uint8Array(variables);
  e[i] = 1;
  return { exponents: [e], coefficients: [1] };
}

/** Σ weightⱼ·pⱼ, like terms merged. */
export function linearCombination(parts: readonly (readonly [number, Polynomial])[]): Polynomial {
  const terms = new Map<string, { e: Uint8Array; c: number }>();
  for (const [weight, p] of parts) {
    if (weight === 0) continue;
    p.exponents.forEach((e, i) => {
      const key = keyOf(e);
      const c = weight * (p.coefficients[i] as number);
      const t = terms.get(key);
      if (t === undefined) terms.set(key, { e, c });
      else t.c += c;
    });
  }
  return collect(terms);
}

/** The product p·q, like terms merged. */
export function multiplyPolynomials(p: Polynomial, q: Polynomial): Polynomial {
  const terms = new Map<string, { e: Uint8Array; c: number }>();
  p.exponents.forEach((a, i) => {
    q.exponents.forEach((b, j) => {
      const e = new Uint8Array(a.length);
      for (let v = 0; v < a.length; v++) e[v] = (a[v] as number) + (b[v] as number);
      const key = keyOf(e);
      const c = (p.coefficients[i] as number) * (q.coefficients[j] as number);
      const t = terms.get(key);
      if (t === undefined) terms.set(key, { e, c });
      else t.c += c;
    });
  });
  return collect(terms);
}

/** The highest total degree of a polynomial's monomials (0 for a constant or zero). */
export function degreeOf(p: Polynomial): number {
  let d = 0;
  for (const e of p.exponents) d = Math.max(d, e.reduce((s, v) => s + v, 0));
  return d;
}

/** E[p] for independent variables with the given moment tables. */
export function expectation(p: Polynomial, moments: readonly MomentTable[]): number {
  let sum = 0;
  p.exponents.forEach((e, i) => {
    let term = p.coefficients[i] as number;
    for (let v = 0; v < e.length; v++) if (e[v] !== 0) term *= (moments[v] as MomentTable)[e[v] as number] as number;
    sum += term;
  });
  return sum;
}

/** E[p·q] without forming the product. */
export function expectationOfProduct(p: Polynomial, q: Polynomial, moments: readonly MomentTable[]): number {
  let sum = 0;
  p.exponents.forEach((a, i) => {
    const ca = p.coefficients[i] as number;
    q.exponents.forEach((b, j) => {
      let term = ca * (q.coefficients[j] as number);
      for (let v = 0; v < a.length; v++) {
        const k = (a[v] as number) + (b[v] as number);
        if (k !== 0) term *= (moments[v] as MomentTable)[k] as number;
      }
      sum += term;
    });
  });
  return sum;
}
