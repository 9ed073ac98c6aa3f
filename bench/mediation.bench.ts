import type { BenchCase } from './harness.js';
import { pathModel, processModel } from '../src/index.js';
import { peerTable } from './peer-data.js';

// The seed study's model: PROCESS model 4, X = esse, M = ss, Y = pwb, covariates gender +
// education + marital (8 and 9 design columns), n = 267 complete cases, 5,000 resamples.
const table = peerTable;
const covariates = ['gender', 'education', 'marital'];

const cases: BenchCase[] = [
  {
    name: 'process model 4, 1 mediator + 3 covariates (8/9 columns), n = 267, 5,000 resamples',
    targetMs: 60,
    runs: 15,
    warmup: 5,
    run: () => processModel(table, { model: 4, x: 'esse', m: 'ss', y: 'pwb', covariates, resamples: 5000, seed: 1 }),
  },
  {
    name: 'process model 4, 2 parallel mediators + 3 covariates, n = 265, 5,000 resamples',
    run: () => processModel(table, { model: 4, x: 'esse', m: ['ss', 'si'], y: 'pwb', covariates, resamples: 5000, seed: 1, contrasts: true }),
  },
  {
    name: 'process model 58, W on a and b, 3 probes, n = 265, 5,000 resamples',
    run: () => processModel(table, { model: 58, x: 'esse', m: 'si', w: 'ss', y: 'pwb', covariates: ['education', 'marital'], resamples: 5000, seed: 1 }),
  },
  {
    name: 'pathModel, model 4 written by hand (effect as a function), 5,000 resamples',
    run: () =>
      pathModel(table, {
        equations: [
          { outcome: 'ss', predictors: ['esse', ...covariates] },
          { outcome: 'pwb', predictors: ['esse', 'ss', ...covariates] },
        ],
        effects: { indirect: (b) => b('ss', 'esse') * b('pwb', 'ss') },
        resamples: 5000,
        seed: 1,
      }),
  },
];
export default cases;
