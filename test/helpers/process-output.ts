// Reads PROCESS for SPSS (2.16) text output into tables, so tests compare against the printed
// numbers themselves rather than a transcription.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from './fixtures.js';

export interface PrintedEquation {
  outcome: string;
  /** R, R-sq, MSE, F, df1, df2, p */
  summary: number[];
  /** term → [coeff, se, t, p, LLCI, ULCI] */
  coefficients: Map<string, number[]>;
}

export interface PrintedOutput {
  model: number;
  equations: PrintedEquation[];
  /** int_k → the two variables it multiplies */
  products: Map<string, [string, string]>;
  /** int_k → [R2-chng, F, df1, df2, p] */
  rSquareIncrease: Map<string, number[]>;
  /** rows [w, effect, se, t, p, LLCI, ULCI] */
  conditionalEffects: number[][];
  directEffect: number[] | null;
  conditionalDirect: number[][];
  /** label (TOTAL, m1, …) → [effect, boot SE, LLCI, ULCI] */
  indirect: Map<string, number[]>;
  /** rows [mediator, w, effect, boot SE, LLCI, ULCI] */
  conditionalIndirect: [string, ...number[]][];
  /** mediator → [index, boot SE, LLCI, ULCI] */
  index: Map<string, number[]>;
}

const nums = (parts: string[]) => parts.map(Number);

export function readProcessOutput(file: string): PrintedOutput {
  const lines = readFileSync(join(fixturesDir, 'process-spss', file), 'utf8').split(/\r?\n/);
  const out: PrintedOutput = {
    model: 0,
    equations: [],
    products: new Map(),
    rSquareIncrease: new Map(),
    conditionalEffects: [],
    directEffect: null,
    conditionalDirect: [],
    indirect: new Map(),
    conditionalIndirect: [],
    index: new Map(),
  };
  const split = (line: string) => line.trim().split(/\s+/);
  let section = '';
  let current: PrintedEquation | null = null;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as string;
    const t = line.trim();
    if (t.startsWith('Model =')) out.model = Number(t.split('=')[1]);
    else if (t.startsWith('Outcome:')) {
      current = { outcome: t.slice('Outcome:'.length).trim(), summary: [], coefficients: new Map() };
      out.equations.push(current);
      section = '';
    } else if (t === 'Model Summary' && current) {
      current.summary = nums(split(lines[k + 2] as string));
      k += 2;
    } else if (t === 'Model' && current) section = 'model';
    else if (t.startsWith('Product terms key')) section = 'products';
    else if (t.startsWith('R-square increase due to interaction')) section = 'r2';
    else if (t.startsWith('Conditional effect of X on Y')) section = 'conditional';
    else if (t.startsWith('Direct effect of X on Y')) section = 'direct';
    else if (t.startsWith('Conditional direct effect')) section = 'conditionalDirect';
    else if (t.startsWith('Indirect effect of X on Y')) section = 'indirect';
    else if (t.startsWith('Conditional indirect effect')) section = 'conditionalIndirect';
    else if (t.startsWith('Indirect effect of highest order product')) section = 'skip';
    else if (t.includes('INDEX OF MODERATED MEDIATION')) section = 'index';
    else if (t.startsWith('***') || t.startsWith('Values for') || t.startsWith('-----')) section = t.startsWith('***') ? '' : section;
    else if (t !== '') {
      const p = split(t);
      // Data rows: every token after the first is a number; anything else is a header.
      const data = p.slice(1).every((x) => x !== '' && !Number.isNaN(Number(x)));
      if (!data && section !== 'products') continue;
      if (section === 'model' && current && p.length === 7) current.coefficients.set(p[0] as string, nums(p.slice(1)));
      else if (section === 'products' && p.length === 4) out.products.set(p[0] as string, [p[1] as string, p[3] as string]);
      else if (section === 'r2' && p.length === 6) out.rSquareIncrease.set(p[0] as string, nums(p.slice(1)));
      else if (section === 'conditional' && p.length === 7) out.conditionalEffects.push(nums(p));
      else if (section === 'direct' && p.length === 6) out.directEffect = nums(p);
      else if (section === 'conditionalDirect' && p.length === 7) out.conditionalDirect.push(nums(p));
      else if (section === 'indirect' && p.length === 5) out.indirect.set(p[0] as string, nums(p.slice(1)));
      else if (section === 'conditionalIndirect' && p.length === 6) out.conditionalIndirect.push([p[0] as string, ...nums(p.slice(1))]);
      else if (section === 'index' && p.length === 5) out.index.set(p[0] as string, nums(p.slice(1)));
    }
  }
  return out;
}
