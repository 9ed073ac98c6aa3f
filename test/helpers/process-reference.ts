// Checks shared by the tests that compare processModel with R's lm on the same equations.
import { afterAll, expect } from 'vitest';
import { expectReference } from './close.js';

/** A coefficient's tested fields, as the R fixtures store them. */
export const COEFFICIENT_FIELDS = ['estimate', 'se', 'statistic', 'p', 'lower', 'upper'] as const;

type Close = (actual: number | null | undefined, expected: number, what: string) => void;

/** {@link expectReference} that counts the numbers it compares and logs the count and the worst difference after the file. */
export function countingClose(file: string): Close {
  let checked = 0;
  let worst = 0;
  afterAll(() => console.log(`${file}: ${checked} numbers against R, worst difference ${worst.toExponential(2)} (relative to max(1, |R|))`));
  return (actual, expected, what) => {
    expectReference(actual, expected, what);
    checked++;
    worst = Math.max(worst, Math.abs((actual as number) - expected) / Math.max(1, Math.abs(expected)));
  };
}

interface ResultEquation {
  readonly outcome: string;
  readonly family: string;
  readonly coefficients: readonly ({ readonly term: string } & Record<(typeof COEFFICIENT_FIELDS)[number], number>)[];
  readonly summary: unknown;
}
interface ReferenceEquation {
  readonly outcome: string;
  readonly rSquared: number;
  readonly coefficients: readonly ({ readonly term: string } & Record<(typeof COEFFICIENT_FIELDS)[number], number>)[];
}

/** Every equation in R's order: its terms, each coefficient's fields, and R² (OLS equations). */
export function expectEquations(mine: readonly ResultEquation[], reference: readonly ReferenceEquation[], close: Close): void {
  expect(mine.map((e) => e.outcome)).toEqual(reference.map((e) => e.outcome));
  for (const eq of reference) {
    const fit = mine.find((e) => e.outcome === eq.outcome)!;
    expect(fit.coefficients.map((c) => c.term)).toEqual(eq.coefficients.map((c) => c.term));
    for (const c of eq.coefficients) for (const f of COEFFICIENT_FIELDS) close(fit.coefficients.find((x) => x.term === c.term)![f], c[f], `${eq.outcome} ${c.term} ${f}`);
    close(fit.family === 'linear' ? (fit.summary as { rSquared: number }).rSquared : null, eq.rSquared, `${eq.outcome} R²`);
  }
}

interface ResultTest {
  readonly equation: string;
  readonly term: string;
  readonly test: string;
  readonly statistic: number;
  readonly p: number;
  readonly rSquaredChange?: number | null;
  readonly df1?: number;
  readonly df2?: number;
}
interface ReferenceTest {
  readonly outcome: string;
  readonly term: string;
  readonly rSquaredChange: number;
  readonly fHc3: number;
  readonly pHc3: number;
  readonly df1: number;
  readonly df2: number;
}

/** Each product's (or set of products') test: an F with R's HC3 Wald F, p, R² change and df. */
export function expectInteractionFTests(mine: readonly ResultTest[], reference: readonly ReferenceTest[], close: Close): void {
  expect(mine.length).toBe(reference.length);
  for (const t of reference) {
    const test = mine.find((x) => x.equation === t.outcome && x.term === t.term);
    expect(test?.test).toBe('F');
    if (test?.test !== 'F') continue;
    close(test.statistic, t.fHc3, `${t.outcome} ${t.term} F`);
    close(test.p, t.pHc3, `${t.outcome} ${t.term} p`);
    close(test.rSquaredChange, t.rSquaredChange, `${t.outcome} ${t.term} R² change`);
    expect([test.df1, test.df2]).toEqual([t.df1, t.df2]);
  }
}
