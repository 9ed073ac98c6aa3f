import { describe, expect, it } from 'vitest';
import { processView } from '../../src/mediation/process-view.js';
import { processModel, type ProcessResult } from '../../src/index.js';
import { loadCsv } from '../helpers/fixtures.js';
import { readProcessOutput, type PrintedOutput } from '../helpers/process-output.js';

// Real PROCESS for SPSS 2.16.3 output (test/fixtures/process-spss/README.md): HC3 standard
// errors, bias-corrected bootstrap CIs from 5,000 resamples, moderators probed at mean ± SD.
// Deterministic numbers must round to the printed four decimals; bootstrap SEs and CI bounds
// (PROCESS's own random numbers) must be within ±0.02.

const printedRound = (actual: number, printed: number, what: string) => {
  // "equal after rounding to 4 decimals": within half a unit of the last printed digit.
  expect(Math.abs(actual - printed), `${what}: ${actual} vs printed ${printed}`).toBeLessThanOrEqual(0.00005 + 1e-9);
};
const bootClose = (actual: number | null, printed: number, what: string) => {
  expect(actual, what).not.toBeNull();
  expect(Math.abs((actual as number) - printed), `${what}: ${actual} vs printed ${printed}`).toBeLessThanOrEqual(0.02);
};

/** psychkit's term for a printed one (`int_1` → `x:w` through the product key). */
function ourTerm(printed: string, out: PrintedOutput): string {
  const p = out.products.get(printed);
  return p ? `${p[0]}:${p[1]}` : printed;
}

function checkEquations(res: Pick<ProcessResult, 'n' | 'equations'>, out: PrintedOutput): void {
  expect(res.n).toBe(1000);
  for (const eq of out.equations) {
    const ours = res.equations.find((e) => e.outcome === eq.outcome)!;
    expect(ours, eq.outcome).toBeDefined();
    const s = ours.summary;
    [s.r, s.rSquared, s.mse, s.statistic, s.df1, s.df2, s.p].forEach((v, i) => printedRound(v, eq.summary[i]!, `${eq.outcome} summary[${i}]`));
    expect(ours.coefficients.length).toBe(eq.coefficients.size);
    for (const [term, row] of eq.coefficients) {
      const c = ours.coefficients.find((k) => k.term === ourTerm(term, out))!;
      expect(c, `${eq.outcome} ${term}`).toBeDefined();
      [c.estimate, c.se, c.statistic, c.p, c.lower, c.upper].forEach((v, i) => printedRound(v, row[i]!, `${eq.outcome} ${term}[${i}]`));
    }
  }
}

const settings = { hc: 'HC3', interval: 'bias-corrected', resamples: 5000, probes: 'moments', seed: 2016 } as const;

describe('PROCESS for SPSS model 1 (W = m)', () => {
  const out = readProcessOutput('Results_OLS_Model1.txt');
  const res = processModel(loadCsv('process-spss/Data_Model1.csv'), { hc: 'HC3', probes: 'moments', model: 1, x: 'x', w: 'm', y: 'y' });
  it('model summary (F is the HC3 Wald F) and coefficients', () => checkEquations(res, out));
  it('R² increase due to the interaction, with its HC3 F', () => {
    const [r2, f, df1, df2, p] = out.rSquareIncrease.get('int_1')!;
    const t = res.interactionTests![0]!;
    [t.rSquaredChange, t.statistic, t.df1, t.df2, t.p].forEach((v, i) => printedRound(v, [r2!, f!, df1!, df2!, p!][i]!, `R2 increase[${i}]`));
  });
  it('conditional effects of X at mean ± SD of W', () => {
    expect(res.conditionalEffects!.length).toBe(out.conditionalEffects.length);
    out.conditionalEffects.forEach((row, k) => {
      const c = res.conditionalEffects![k]!;
      [c.w, c.estimate, c.se, c.statistic, c.p, c.lower, c.upper].forEach((v, i) => printedRound(v, row[i]!, `conditional ${k}[${i}]`));
    });
  });
});

describe('PROCESS for SPSS model 4 (parallel m1, m2)', () => {
  const out = readProcessOutput('Results_OLS_Model4.txt');
  const { probes: _none, ...unmoderated } = settings;
  const res = processModel(loadCsv('process-spss/Data_Model4.csv'), { ...unmoderated, model: 4, x: 'x', m: ['m1', 'm2'], y: 'y' });
  it('equations', () => checkEquations(res, out));
  it('direct effect', () => {
    const d = res.directEffect!;
    [d.estimate, d.se, d.statistic, d.p, d.lower, d.upper].forEach((v, i) => printedRound(v, out.directEffect![i]!, `direct[${i}]`));
  });
  it('indirect effects and TOTAL (bias-corrected bootstrap)', () => {
    for (const [label, [effect, se, lo, hi]] of out.indirect) {
      const e = label === 'TOTAL' ? res.totalIndirectEffect! : res.indirectEffects!.find((k) => k.label === label)!;
      printedRound(e.estimate, effect!, `${label} effect`);
      bootClose(e.se, se!, `${label} boot SE`);
      bootClose(e.lower, lo!, `${label} lower`);
      bootClose(e.upper, hi!, `${label} upper`);
    }
    expect(res.bootstrap).toMatchObject({ resamples: 5000, interval: 'bias-corrected', seed: 2016 });
  });
});

describe.each([
  [7, 'w'],
  [8, 'w'],
  [14, 'v'],
  [58, 'w'],
  [59, 'w'],
] as const)('PROCESS for SPSS model %i (two parallel mediators)', (model, w) => {
  const out = readProcessOutput(`Results_OLS_Model${model}.txt`);
  const res = processView(processModel(loadCsv(`process-spss/Data_Model${model}.csv`), { ...settings, model, x: 'x', m: ['m1', 'm2'], w, y: 'y' }));
  it('equations', () => checkEquations(res, out));
  it('direct or conditional direct effects', () => {
    if (out.directEffect) {
      const d = res.directEffect!;
      [d.estimate, d.se, d.statistic, d.p, d.lower, d.upper].forEach((v, i) => printedRound(v, out.directEffect![i]!, `direct[${i}]`));
    }
    out.conditionalDirect.forEach((row, k) => {
      const c = res.conditionalDirectEffects![k]!;
      [c.w, c.estimate, c.se, c.statistic, c.p, c.lower, c.upper].forEach((v, i) => printedRound(v, row[i]!, `conditional direct ${k}[${i}]`));
    });
  });
  it('conditional indirect effects at mean ± SD of W', () => {
    expect(res.conditionalIndirectEffects!.length).toBe(out.conditionalIndirect.length);
    for (const [mediator, wv, effect, se, lo, hi] of out.conditionalIndirect) {
      const e = res.conditionalIndirectEffects!.find((k) => k.mediator === mediator && Math.abs(k.w - wv!) < 0.00005)!;
      expect(e, `${mediator} at ${wv}`).toBeDefined();
      printedRound(e.estimate, effect!, `${mediator} at ${wv} effect`);
      bootClose(e.se, se!, `${mediator} at ${wv} boot SE`);
      bootClose(e.lower, lo!, `${mediator} at ${wv} lower`);
      bootClose(e.upper, hi!, `${mediator} at ${wv} upper`);
    }
  });
  it('index of moderated mediation', () => {
    if (out.index.size === 0) {
      expect(res.indexOfModeratedMediation).toBeNull();
      return;
    }
    for (const [mediator, [index, se, lo, hi]] of out.index) {
      const e = res.indexOfModeratedMediation!.find((k) => k.mediator === mediator)!;
      printedRound(e.estimate, index!, `${mediator} index`);
      bootClose(e.se, se!, `${mediator} index SE`);
      bootClose(e.lower, lo!, `${mediator} index lower`);
      bootClose(e.upper, hi!, `${mediator} index upper`);
    }
  });
});
