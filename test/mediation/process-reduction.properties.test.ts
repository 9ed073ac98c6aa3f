// Every PROCESS model reduces to its parent when one moderator's paths are zero. For each of the
// 183 (model, moderator) pairs of models 2–76 (test/helpers/catalog-reduction.ts), random data
// are built whose least-squares estimates of every term containing that moderator are exactly 0
// (to rounding): each outcome is P·b plus noise orthogonal to all of the model's terms, where P
// holds the terms without the moderator. Then, point estimates only:
//   - every coefficient equals the parent model's, and the moderator's terms are 0;
//   - every conditional effect (of X, direct, indirect, of a path) equals the parent's at the same
//     values of the other moderators, or its unconditional effect when none is left;
//   - every index of (partial, conditional, moderated) moderated mediation is 0 where it involves
//     the moderator, and the parent's index of moderated mediation where it does not.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { processModel } from '../../src/index.js';
import { householderQr, qrLeastSquares } from '../../src/linalg/qr.js';
import { CATALOG } from '../../src/mediation/catalog.js';
import { randomStream } from '../../src/random/index.js';
import { catalogReductions, type Reduction } from '../helpers/catalog-reduction.js';

const N = 60;
const TOLERANCE = 1e-9;

type Data = Record<string, number[]>;
type Row = Record<string, unknown> & { estimate: number };
type Result = Record<string, unknown> & { equations: { outcome: string; terms: string[]; coefficients: { term: string; estimate: number }[] }[] };

function column(data: Data, term: string): number[] {
  if (term === 'constant') return Array.from({ length: N }, () => 1);
  return Array.from({ length: N }, (_, i) => term.split(':').reduce((p, f) => p * (data[f] as number[])[i]!, 1));
}

/** u minus its least-squares fit on the columns (Householder QR, as `ols`). */
function residual(u: number[], columns: number[][]): number[] {
  const qr = householderQr(Float64Array.from(columns.flat()), N, columns.length);
  const b = qrLeastSquares(qr, u).coefficients;
  return u.map((ui, i) => qr.kept.reduce((r, c, k) => r - b[k]! * columns[c]![i]!, ui));
}

function options(model: number, roles: Iterable<[string, string]>): Record<string, unknown> {
  const mediated = CATALOG.get(model)!.mediator !== null;
  return { model, x: 'x', y: 'y', ...(mediated ? { m: 'm1', resamples: 0 } : {}), ...Object.fromEntries(roles) };
}

/** Data whose estimates of every term containing `drop` are 0 in the model's equations. */
function reducedData(c: Reduction, seed: number): Data {
  const rng = randomStream(seed);
  const data: Data = {};
  for (const name of ['x', 'w', 'z', 'v', 'q', 'm1', 'y']) data[name] = Array.from({ length: N }, () => rng.normal());
  const entry = CATALOG.get(c.model)!;
  const child = options(c.model, entry.moderators.map((r) => [r, r]));
  // The model's terms, equation by equation (mediator first), read from a fit of provisional data.
  const provisional = processModel(data, child as never) as unknown as Result;
  for (const eq of provisional.equations) {
    const terms = eq.terms.map((t) => ({ t, values: column(data, t) }));
    const kept = terms.filter(({ t }) => !t.split(':').includes(c.drop));
    const noise = residual(
      Array.from({ length: N }, () => rng.normal()),
      terms.map(({ values }) => values),
    );
    const b = kept.map(() => rng.normal());
    data[eq.outcome] = noise.map((e, i) => kept.reduce((s, { values }, j) => s + b[j]! * values[i]!, e));
  }
  return data;
}

const close = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

/** The parent's row of `table` for a child row: same identity fields, `at` without `drop` and in the parent's roles. */
function parentRow(parent: Result, table: string, row: Row, c: Reduction): Row | undefined {
  const at = Object.entries((row.at ?? {}) as Record<string, number>).filter(([role]) => role !== c.drop);
  const rows = (parent[table] ?? []) as Row[];
  return rows.find((p) => {
    for (const key of ['mediator', 'equation', 'focal'] as const) if (p[key] !== row[key]) return false;
    const pAt = (p.at ?? {}) as Record<string, number>;
    return Object.keys(pAt).length === at.length && at.every(([role, v]) => pAt[c.roles.get(role)!] === v);
  });
}

/** What the parent reports for a child's conditional row when no moderator of that effect is left. */
function unconditional(parent: Result, table: string, row: Row): number | undefined {
  if (table === 'conditionalDirectEffects') return (parent['directEffect'] as Row | null)?.estimate;
  if (table === 'conditionalIndirectEffects') return ((parent['indirectEffects'] ?? []) as Row[]).find((p) => p['label'] === row['mediator'])?.estimate;
  if (table === 'conditionalPathEffects') {
    return parent.equations.find((e) => e.outcome === row['equation'])?.coefficients.find((k) => k.term === row['focal'])?.estimate;
  }
  return undefined;
}

function compare(c: Reduction, data: Data): number {
  const entry = CATALOG.get(c.model)!;
  const child = processModel(data, options(c.model, entry.moderators.map((r) => [r, r])) as never) as unknown as Result;
  const parent = processModel(data, options(c.parent!, [...c.roles].map(([role, parentRole]) => [parentRole, role])) as never) as unknown as Result;
  const where = `model ${c.model} without ${c.drop} (parent ${c.parent})`;
  let compared = 0;
  const check = (a: number, b: number, what: string) => {
    expect(close(a, b), `${where}: ${what}: ${a} against ${b}`).toBe(true);
    compared++;
  };

  // Coefficients: the parent's, and 0 for the moderator's terms.
  for (const eq of child.equations) {
    const parentEq = parent.equations.find((e) => e.outcome === eq.outcome)!;
    for (const k of eq.coefficients) {
      const p = parentEq.coefficients.find((q) => q.term === k.term);
      if (k.term.split(':').includes(c.drop)) check(k.estimate, 0, `${eq.outcome} ~ ${k.term}`);
      else check(k.estimate, p!.estimate, `${eq.outcome} ~ ${k.term}`);
    }
  }
  // Conditional effects: the parent's at the same values of the other moderators.
  for (const table of ['conditionalEffects', 'conditionalDirectEffects', 'conditionalIndirectEffects', 'conditionalPathEffects']) {
    for (const row of (child[table] ?? []) as Row[]) {
      const p = parentRow(parent, table, row, c)?.estimate ?? unconditional(parent, table, row);
      expect(p, `${where}: no parent value for ${table} ${JSON.stringify(row)}`).toBeDefined();
      check(row.estimate, p!, `${table} ${JSON.stringify(row.at)}`);
    }
  }
  // Indices: 0 where the moderator is involved, else the parent's index of moderated mediation.
  for (const table of ['indexOfModeratedMediation', 'indexOfPartialModeratedMediation', 'indexOfConditionalModeratedMediation', 'indexOfModeratedModeratedMediation']) {
    for (const row of (child[table] ?? []) as Row[]) {
      const moderators = (row['moderators'] as string[] | undefined) ?? [row['moderator'] as string];
      if (moderators.includes(c.drop)) {
        check(row.estimate, 0, `${table} ${moderators.join('×')}`);
        continue;
      }
      const mapped = c.roles.get(moderators[0]!);
      const p = ((parent['indexOfModeratedMediation'] ?? []) as Row[]).find((q) => q['mediator'] === row['mediator'] && q['moderator'] === mapped);
      expect(p, `${where}: no parent index for ${table} ${JSON.stringify(row)}`).toBeDefined();
      check(row.estimate, p!.estimate, `${table} ${moderators.join('×')}`);
    }
  }
  return compared;
}

describe('every PROCESS model reduces to its parent when one moderator’s paths are zero', () => {
  const reductions = catalogReductions();

  it('builds data whose estimates of the moderator’s terms are 0 (model 21 without z)', () => {
    const c = reductions.find((r) => r.model === 21 && r.drop === 'z')!;
    const fit = processModel(reducedData(c, 5), options(21, [['w', 'w'], ['z', 'z']]) as never) as unknown as Result;
    const y = fit.equations.find((e) => e.outcome === 'y')!;
    expect(y.coefficients.find((k) => k.term === 'm1:z')!.estimate).toBeCloseTo(0, 12);
    expect(Math.abs(y.coefficients.find((k) => k.term === 'm1')!.estimate)).toBeGreaterThan(1e-3);
  });

  it('for all 183 (model, moderator) pairs, on random data', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        for (const c of reductions) compared += compare(c, reducedData(c, seed + c.model));
      }),
      { numRuns: 3 },
    );
    // Coefficients, conditional effects and indices of every pair (a count, so a silent skip fails).
    expect(compared).toBeGreaterThanOrEqual(3 * 14_000);
  });
});
