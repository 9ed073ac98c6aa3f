// Undeclared categorical predictors: their levels are sorted (as R's factor()), so the reference
// level — and with it the model — does not depend on the order of the rows, and the reference
// chosen is reported (CATEGORICAL_REFERENCE).
import { describe, expect, it } from 'vitest';
import { hierarchicalRegression, ols, pathModel, processModel, type PsychkitWarning } from '../../src/index.js';
import { expectAllClose } from '../helpers/close.js';
import { peer } from '../helpers/peer.js';

const reversed = Object.fromEntries(Object.entries(peer).map(([name, values]) => [name, [...values].reverse()]));
const covariates = ['gender', 'education', 'marital'];
const firstSeen = (values: readonly unknown[]) => values.find((v) => typeof v === 'string' && v !== '');

function referenceWarning(warnings: readonly PsychkitWarning[]): PsychkitWarning {
  const w = warnings.filter((x) => x.code === 'CATEGORICAL_REFERENCE');
  expect(w).toHaveLength(1);
  return w[0]!;
}

describe('reversing the rows gives the same model', () => {
  it('the test has teeth: the first level met differs between the two orders', () => {
    expect(firstSeen(peer.marital!)).not.toBe(firstSeen(reversed.marital!));
  });
  it('ols', () => {
    const a = ols(peer, { y: 'pwb', x: ['esse'], covariates });
    const b = ols(reversed, { y: 'pwb', x: ['esse'], covariates });
    expect(b.terms).toEqual(a.terms);
    expectAllClose(b.coefficients.map((c) => c.estimate), a.coefficients.map((c) => c.estimate), 1e-10, 'b');
    expectAllClose(b.coefficients.map((c) => c.se), a.coefficients.map((c) => c.se), 1e-10, 'se');
    expect(b.warnings).toEqual(a.warnings);
    expect(referenceWarning(a.warnings).details).toMatchObject({ column: 'marital', reference: 'divorced' });
  });
  it('hierarchicalRegression', () => {
    const steps = [covariates, ['esse'], ['ss', 'si']];
    const a = hierarchicalRegression(peer, { y: 'pwb', steps });
    const b = hierarchicalRegression(reversed, { y: 'pwb', steps });
    a.steps.forEach((step, s) => {
      expect(b.steps[s]!.predictors).toEqual(step.predictors);
      expectAllClose(b.steps[s]!.coefficients.map((c) => c.estimate), step.coefficients.map((c) => c.estimate), 1e-10, `step ${s}`);
      expectAllClose([b.steps[s]!.rSquared], [step.rSquared], 1e-12, 'R²');
    });
    expect(b.warnings).toEqual(a.warnings);
    referenceWarning(a.warnings);
  });
  it('process (model 4) and pathModel', () => {
    const options = { model: 4, x: 'esse', m: 'ss', y: 'pwb', covariates, resamples: 0 } as const;
    const a = processModel(peer, options);
    const b = processModel(reversed, options);
    a.equations.forEach((eq, e) => {
      expect(b.equations[e]!.coefficients.map((c) => c.term)).toEqual(eq.coefficients.map((c) => c.term));
      expectAllClose(b.equations[e]!.coefficients.map((c) => c.estimate), eq.coefficients.map((c) => c.estimate), 1e-10, `equation ${e}`);
    });
    expect(b.warnings).toEqual(a.warnings);
    referenceWarning(a.warnings);
    const equations = [
      { outcome: 'ss', predictors: ['esse', ...covariates] },
      { outcome: 'pwb', predictors: ['esse', 'ss', ...covariates] },
    ];
    const effects = { indirect: (coef: (y: string, x: string) => number) => coef('ss', 'esse') * coef('pwb', 'ss') };
    const p = pathModel(peer, { equations, effects, resamples: 0 });
    const q = pathModel(reversed, { equations, effects, resamples: 0 });
    expectAllClose([q.effects[0]!.estimate], [p.effects[0]!.estimate], 1e-10, 'indirect');
    expect(q.warnings).toEqual(p.warnings);
    referenceWarning(p.warnings);
  });
});
