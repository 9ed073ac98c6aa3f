import { loadCsv, loadJson } from '../helpers/fixtures.js';
import { numericColumns } from '../../src/data/index.js';
import { correlationMatrixOf } from '../../src/linalg/index.js';

/** Holzinger–Swineford nine tests as row objects (strings, as a CSV parser gives them). */
export const holzingerRows = loadCsv('holzinger-swineford.csv');
export const holzingerItems = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9'];
export const holzinger = loadJson('holzinger.efa.json');
export const harmanInput = loadJson('harman74.json');
export const harman = loadJson('harman74.efa.json');
export const peer = loadJson('peer-workers.json');
export const peerRows = loadCsv('peer-workers.csv');
export const esseItems = Array.from({ length: 11 }, (_, i) => `esse${i + 1}`);

/** A correlation matrix (flat) of named columns; listwise or pairwise as R's cor. */
export function correlationOf(rows: Record<string, string>[], items: string[], missing: 'pairwise' | 'listwise' = 'pairwise') {
  return correlationMatrixOf(numericColumns(rows, items), missing).matrix;
}

export const harmanMatrix = Float64Array.from((harmanInput.correlation as number[][]).flat());

export const extra = loadJson('factor-extra.json');
